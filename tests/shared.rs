//! Shared mode on a real PostgreSQL server (`DXPLAN_TEST_PG`, set by scripts/test-server):
//! accounts made by the admin, a department refused by the server itself, who last edited
//! each section, and a stale edit that names the colleague who came first. Without a server
//! these tests say so and check nothing else (the store suite still runs on SQLite).

mod common;

use std::path::PathBuf;

use dxplan::edit::{Edit, TextField};
use dxplan::store::{NewAccount, Store};
use dxplan::validation::Section;
use dxplan::{sample, Error};
use sqlx::Connection;
use std::str::FromStr;

use common::server::*;

#[test]
fn a_department_account_may_change_only_its_own_tasks_and_the_server_enforces_it() {
    on_server(|server| async move {
        let admin = Store::open(&server.url()).await.unwrap();
        assert_eq!(admin.account().agency, None, "the admin is a drafter");
        let id = admin.create(&sample::plan()).await.unwrap();

        // The admin makes a department's account from the agency directory; bad fields are
        // refused with a sentence and make nothing.
        let login = server.login("so_xd");
        let new = |account: &str, password: &str, agency: Option<&str>| NewAccount {
            account: account.into(),
            password: password.into(),
            full_name: "Trần Văn Bình (Sở Xây dựng)".into(),
            agency: agency.map(str::to_string),
        };
        for (bad, says) in [
            (new("Sở XD", "mat-khau-dai", Some(BUILDER)), "tên đăng nhập"),
            (new(&login, "ngan", Some(BUILDER)), "ít nhất 8 ký tự"),
            (new(&login, "mat-khau-dai", Some("  ")), "chọn cơ quan"),
            // Names the server keeps for itself: a sentence, not a database error.
            (new("pg_so_xd", "mat-khau-dai", Some(BUILDER)), "dành riêng"),
            (new("public", "mat-khau-dai", Some(BUILDER)), "dành riêng"),
            // An agency no plan on the server names could change nothing.
            (
                new(&login, "mat-khau-dai", Some("Sở Không Có")),
                "không có trong danh mục",
            ),
        ] {
            let e = admin.create_account(&bad).await.unwrap_err().to_string();
            assert!(e.contains(says), "{e}");
        }
        assert!(admin.accounts().await.unwrap().is_empty());
        admin
            .create_account(&new(&login, "mat-khau-xd-2027", Some(BUILDER)))
            .await
            .unwrap();
        // A tab or a line break pasted into the name is one space: `dxplan accounts` keeps
        // one account per line.
        let other = server.login("so_yt");
        admin
            .create_account(&NewAccount {
                full_name: "Lê\tThị\n Hoa ".into(),
                ..new(&other, "mat-khau-yt-2027", Some("Sở Y tế"))
            })
            .await
            .unwrap();
        let listed = admin.accounts().await.unwrap();
        let hoa = listed.iter().find(|a| a.account == other).unwrap();
        assert_eq!(hoa.full_name, "Lê Thị Hoa");
        let twice = admin
            .create_account(&new(&login, "mat-khau-xd-2027", Some(BUILDER)))
            .await
            .unwrap_err()
            .to_string();
        assert!(twice.contains("đã có trên máy chủ"), "{twice}");

        let dept = Store::open(&server.url_as(&login, "mat-khau-xd-2027"))
            .await
            .unwrap();
        assert_eq!(dept.account().agency.as_deref(), Some(BUILDER));
        // A department may not make accounts.
        let e = dept
            .create_account(&new(&server.login("khac"), "mat-khau-dai", None))
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("chỉ tài khoản quản trị"), "{e}");

        let plan = dept.load(&id).await.unwrap().plan;
        let ids = builder_ids(&plan);
        assert!(!ids.is_empty());

        // Its own task: allowed.
        let mut own = a_task(&plan, &ids, true);
        own.output = "Quy hoạch đô thị số được phê duyệt".into();
        let r = dept
            .apply(&id, None, Edit::UpdateTask { task: own.clone() })
            .await
            .unwrap();

        // Another agency's task, the vision, a task handed to another agency, a new task for
        // another agency: each refused by the server, and the plan stays as it was.
        let mut other = a_task(&plan, &ids, false);
        other.title = "Sửa nhiệm vụ của cơ quan khác".into();
        let mut handed = own.clone();
        handed.lead = other.lead.clone();
        let mut new_other = other.clone();
        new_other.id = "moi-cua-co-quan-khac".into();
        let group = plan.groups[0].id.clone();
        for edit in [
            Edit::UpdateTask {
                task: other.clone(),
            },
            Edit::SetText {
                field: TextField::Vision,
                text: "Tầm nhìn do Sở Xây dựng sửa".into(),
            },
            Edit::UpdateTask { task: handed },
            Edit::AddTask {
                group: group.clone(),
                task: new_other,
                index: None,
            },
            Edit::RemoveTask {
                id: other.id.clone(),
            },
        ] {
            let what = edit.summary();
            let e = dept.apply(&id, None, edit).await.unwrap_err();
            assert!(matches!(e, Error::Forbidden(_)), "{what}: {e:?}");
            let said = e.to_string();
            assert!(
                said.contains(&login)
                    && said.contains("chỉ được sửa các nhiệm vụ do Sở Xây dựng chủ trì"),
                "{said}"
            );
            assert_eq!(dept.load(&id).await.unwrap().revision, r, "{what}");
        }

        // A new task it leads itself (its proposal): allowed.
        let mut proposal = own.clone();
        proposal.id = "de-xuat-so-xd".into();
        proposal.title = "Số hóa hồ sơ cấp phép xây dựng".into();
        let r = dept
            .apply(
                &id,
                None,
                Edit::AddTask {
                    group,
                    task: proposal,
                    index: None,
                },
            )
            .await
            .unwrap();

        // Not the app's doing: the department's own connection, writing the document
        // directly, is refused the same way.
        let mut raw = dept.load(&id).await.unwrap().plan;
        raw.vision = "Ghi thẳng vào cơ sở dữ liệu".into();
        let mut c = sqlx::PgConnection::connect(
            &server.url_as(&login, "mat-khau-xd-2027").to_string_lossy(),
        )
        .await
        .unwrap();
        let e = sqlx::query("UPDATE plans SET document = $1 WHERE id = $2")
            .bind(serde_json::to_string(&raw).unwrap())
            .bind(&id)
            .execute(&mut c)
            .await
            .unwrap_err();
        refused_by_server(&e, "UPDATE plans");
        // Nor may it write history rows of its own: a forged document (a drafter's undo would
        // restore it), the true one under a colleague's name, or wipe the history.
        let (now, doc): (i64, String) =
            sqlx::query_as("SELECT revision, document FROM plans WHERE id = $1")
                .bind(&id)
                .fetch_one(&mut c)
                .await
                .unwrap();
        let forged = serde_json::to_string(&raw).unwrap();
        for (revision, document, author) in [
            (now + 1, &forged, login.as_str()),
            (now, &doc, "dxplan_test"),
        ] {
            let e = sqlx::query("INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, author) VALUES ($1, $2, '2026-12-03T09:00:00', 'Sửa tay', $3, $4)")
                .bind(&id)
                .bind(revision)
                .bind(document)
                .bind(author)
                .execute(&mut c)
                .await
                .unwrap_err();
            refused_by_server(&e, author);
            assert!(
                e.to_string().contains("không được tự ghi hay xóa lịch sử"),
                "{e}"
            );
        }
        let kept: i64 = sqlx::query_scalar("SELECT dxplan_kept_revisions()")
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(kept, dxplan::store::KEEP_REVISIONS);
        for sql in [
            "DELETE FROM plans",
            "DELETE FROM accounts",
            "DELETE FROM plan_revisions",
        ] {
            let e = sqlx::query(sql).execute(&mut c).await.unwrap_err();
            refused_by_server(&e, sql);
        }
        c.close().await.unwrap();
        // Nor may it make a plan.
        let e = dept.create(&sample::plan()).await.unwrap_err();
        assert!(matches!(e, Error::Forbidden(_)), "{e:?}");

        // The admin still edits everything, and sees the department's two edits, each in the
        // history under the department's name.
        let stored = admin.load(&id).await.unwrap();
        let history = admin.history(&id).await.unwrap();
        assert_eq!(history.len() as i64, r, "{history:?}");
        assert_eq!(stored.revision, r);
        assert!(stored.plan.tasks().any(|(_, t)| t.id == "de-xuat-so-xd"));
        assert!(stored
            .plan
            .tasks()
            .any(|(_, t)| t.id == own.id && t.output == "Quy hoạch đô thị số được phê duyệt"));
        admin
            .apply(&id, Some(r), Edit::UpdateTask { task: other })
            .await
            .unwrap();
        admin.close().await;
        dept.close().await;
    });
}

#[test]
fn the_outline_knows_who_last_edited_each_section_and_a_stale_edit_names_them() {
    on_server(|server| async move {
        let admin = Store::open(&server.url()).await.unwrap();
        let id = admin.create(&sample::plan()).await.unwrap();
        let lan = server.login("lan");
        let binh = server.login("binh");
        for (account, name, agency) in [
            (&lan, "Nguyễn Thị Lan", None),
            (&binh, "Trần Văn Bình (Sở Xây dựng)", Some(BUILDER)),
        ] {
            admin
                .create_account(&NewAccount {
                    account: account.clone(),
                    password: "mat-khau-2027".into(),
                    full_name: name.into(),
                    agency: agency.map(str::to_string),
                })
                .await
                .unwrap();
        }
        let a = Store::open(&server.url_as(&lan, "mat-khau-2027"))
            .await
            .unwrap();
        let b = Store::open(&server.url_as(&binh, "mat-khau-2027"))
            .await
            .unwrap();
        let seen = b.load(&id).await.unwrap();

        a.apply(
            &id,
            Some(seen.revision),
            Edit::SetText {
                field: TextField::Vision,
                text: "Tầm nhìn do chị Lan viết".into(),
            },
        )
        .await
        .unwrap();
        // Lan also corrects the product of a task Bình's agency leads; Bình's edit of that
        // task from the revision he saw is refused, naming Lan, the time and her edit. (His
        // edit of a part nobody changed since would be saved: see tests/store.rs.)
        let mut own = a_task(&seen.plan, &builder_ids(&seen.plan), true);
        let mut hers = own.clone();
        hers.output = "Sản phẩm do chị Lan sửa".into();
        a.apply(&id, None, Edit::UpdateTask { task: hers })
            .await
            .unwrap();
        own.output = "Kết quả do anh Bình nhập".into();
        let stale = b
            .apply(
                &id,
                Some(seen.revision),
                Edit::UpdateTask { task: own.clone() },
            )
            .await
            .unwrap_err();
        let said = stale.to_string();
        assert!(matches!(stale, Error::Conflict { .. }), "{stale:?}");
        assert!(
            said.starts_with("Nội dung này vừa được Nguyễn Thị Lan sửa lúc "),
            "{said}"
        );
        let today = chrono::Local::now().format("%d/%m/%Y").to_string();
        assert!(said.contains(&today), "{said}");
        assert!(said.contains("nội dung bạn vừa nhập vẫn còn"), "{said}");
        // Re-applied from the new revision, it goes through.
        let fresh = b.load(&id).await.unwrap().revision;
        b.apply(&id, Some(fresh), Edit::UpdateTask { task: own })
            .await
            .unwrap();

        let edited = admin.last_edits(&id).await.unwrap();
        let who = |s: Section| {
            edited
                .iter()
                .find(|e| e.section == s)
                .map(|e| e.by.clone())
                .unwrap_or_default()
        };
        assert_eq!(who(Section::Goals), "Nguyễn Thị Lan");
        assert_eq!(who(Section::Tasks), "Trần Văn Bình (Sở Xây dựng)");
        // The sections nobody touched since keep the plan's creator.
        assert_eq!(who(Section::Budget), admin.account().account);
        assert!(edited.iter().all(|e| e.at.ends_with(&today)), "{edited:?}");

        // An undo is an edit of the sections it changes back, by whoever undid it.
        a.undo(&id).await.unwrap();
        let edited = admin.last_edits(&id).await.unwrap();
        let tasks = edited.iter().find(|e| e.section == Section::Tasks).unwrap();
        assert_eq!(tasks.by, "Nguyễn Thị Lan");
        for s in [a, b, admin] {
            s.close().await;
        }
    });
}

#[test]
fn the_window_connects_to_the_server_moves_its_plans_and_comes_back() {
    on_server(|server| async move {
        use dxplan::app::Session;
        use dxplan::store::connection::ServerSettings;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("dxplan.sqlite");
        let s = Session::open(&file, None).await.unwrap();
        s.seed_sample_once().await.unwrap();
        let c = s.connection().await.unwrap();
        assert!(!c.shared);
        assert_eq!(c.address, file.display().to_string());

        // The address parts as typed in «Máy chủ», from the test server's address.
        let url = sqlx::postgres::PgConnectOptions::from_str(&server.admin).unwrap();
        let settings = ServerSettings {
            host: format!("  {} ", url.get_host()),
            port: url.get_port(),
            database: server.db.clone(),
            user: url.get_username().to_string(),
        };
        let password = server.admin_password();
        // Empty fields, a wrong password: refused with a sentence, still on the file.
        let empty = ServerSettings {
            host: " ".into(),
            user: "".into(),
            ..settings.clone()
        };
        let e = s
            .connect(&empty, &password, false)
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("hãy nhập địa chỉ máy chủ, tài khoản"), "{e}");
        let e = s
            .connect(&settings, "sai-mat-khau", false)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("sai tài khoản hoặc mật khẩu") && !e.contains("sai-mat-khau"),
            "{e}"
        );
        assert_eq!(s.store().engine(), "sqlite");
        assert!(dxplan::store::connection::saved(dir.path()).is_none());

        let c = s.connect(&settings, &password, false).await.unwrap();
        assert!(c.shared && c.admin, "{c:?}");
        // Debian's server offers TLS (its snake-oil certificate): the window's link uses it.
        let mut admin = sqlx::PgConnection::connect(&server.admin).await.unwrap();
        let offered: String = sqlx::query_scalar("SHOW ssl")
            .fetch_one(&mut admin)
            .await
            .unwrap();
        assert_eq!(c.encrypted, offered == "on", "{c:?}");
        assert_eq!(c.server.as_ref().unwrap().host, settings.host.trim());
        let address = format!(
            "{}@{}:{}/{}",
            settings.user,
            url.get_host(),
            settings.port,
            server.db
        );
        assert_eq!(c.address, address);
        // A window started on the server's URL (DXPLAN_DB) says the same, without the password.
        let direct = Session::open(&server.url(), None).await.unwrap();
        let c = direct.connection().await.unwrap();
        assert_eq!(c.address, address);
        assert!(!c.address.contains(&format!(":{password}@")), "{c:?}");
        direct.close().await;
        // The address is remembered on this computer, never the password.
        let kept = std::fs::read_to_string(dir.path().join("may-chu-dung-chung.json")).unwrap();
        let keys: Vec<String> =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&kept)
                .unwrap()
                .keys()
                .cloned()
                .collect();
        assert_eq!(keys, ["database", "host", "port", "user"], "{kept}");
        assert!(s.list().await.unwrap().is_empty());

        let moved = s.move_plans(true).await.unwrap();
        assert_eq!((moved.plans, moved.revisions), (1, 1));
        let on_server = s.list().await.unwrap();
        assert_eq!(on_server.len(), 1);
        // Twice is refused whole.
        assert!(s.move_plans(true).await.is_err());

        // Next start opens the server again, as long as the password is at hand; without a
        // credential store it is not, and the app says so and opens the file.
        let (again, note) = Session::open_preferred(&file, None).await.unwrap();
        if dxplan::store::connection::secret::available() {
            assert_eq!(again.store().engine(), "postgres");
        } else {
            assert_eq!(again.store().engine(), "sqlite");
            assert!(note.unwrap().contains("Chưa có mật khẩu"));
        }

        let back = s.disconnect().await.unwrap();
        assert!(!back.shared);
        assert!(dxplan::store::connection::saved(dir.path()).is_none());
        assert_eq!(s.list().await.unwrap().len(), 1);
    });
}

#[test]
fn the_link_to_the_server_is_encrypted_whenever_the_server_offers_tls() {
    on_server(|server| async move {
        let mut admin = sqlx::PgConnection::connect(&server.admin).await.unwrap();
        let offered = sqlx::query_scalar::<_, String>("SHOW ssl")
            .fetch_one(&mut admin)
            .await
            .unwrap()
            == "on";
        let url = server.url().display().to_string();

        // No sslmode in the address (as the window builds it): TLS when offered.
        let store = Store::open(&server.url()).await.unwrap();
        assert_eq!(store.encrypted().await.unwrap(), Some(offered));
        // Asked not to: plain.
        let plain = Store::open(&PathBuf::from(format!("{url}?sslmode=disable")))
            .await
            .unwrap();
        assert_eq!(plain.encrypted().await.unwrap(), Some(false));
        // Required: encrypted, or refused with a sentence when the server has no TLS.
        match Store::open(&PathBuf::from(format!("{url}?sslmode=require"))).await {
            Ok(s) => {
                assert!(offered);
                assert_eq!(s.encrypted().await.unwrap(), Some(true));
            }
            Err(e) => {
                assert!(!offered, "{e}");
                assert!(e.to_string().contains("kết nối bảo mật (TLS)"), "{e}");
            }
        }
        if !offered {
            eprintln!(
                "the test server does not offer TLS (ssl = off): only the plain link was checked"
            );
        }

        let dir = tempfile::tempdir().unwrap();
        let file = Store::open(&dir.path().join("dxplan.sqlite"))
            .await
            .unwrap();
        assert_eq!(file.encrypted().await.unwrap(), None);
    });
}

/// `dxplan account-add` with the password on stdin, as an admin scripts it.
fn account_add(db: &std::path::Path, password: &str, args: &[&str]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .arg("--db")
        .arg(db)
        .arg("account-add")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_admin_makes_accounts_from_the_command_line() {
    on_server(|server| async move {
        let db = server.url();
        Store::open(&db).await.unwrap().close().await;
        let login = server.login("so_xd");
        let text = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).to_string();

        // A short password, an empty name, a login with diacritics: refused, nothing made.
        let refused = |o: std::process::Output, words: &str| {
            assert!(
                !o.status.success() && text(&o).contains(words),
                "{}",
                text(&o)
            );
        };
        refused(
            account_add(&db, "ngan", &[&login, "--name", "Trần Văn Bình"]),
            "ít nhất 8 ký tự",
        );
        refused(
            account_add(&db, "mat-khau-du-dai", &[&login, "--name", "  "]),
            "tên người dùng",
        );
        refused(
            account_add(&db, "mat-khau-du-dai", &["sở_xd", "--name", "Bình"]),
            "tên đăng nhập «sở_xd»",
        );
        let listed = common::dxplan(&db, &["accounts"]);
        assert!(listed.status.success(), "{}", text(&listed));
        assert!(String::from_utf8_lossy(&listed.stdout).trim().is_empty());

        // An agency is one a plan on the server names: none yet, so refused; then the
        // sample plan is put on the server.
        refused(
            account_add(
                &db,
                "mat-khau-xd-2027",
                &[&login, "--name", "Trần Văn Bình", "--agency", BUILDER],
            ),
            "không có trong danh mục",
        );
        let sample = common::dxplan(&db, &["new", "--sample"]);
        assert!(sample.status.success(), "{}", text(&sample));
        let made = account_add(
            &db,
            "mat-khau-xd-2027",
            &[&login, "--name", "Trần Văn Bình", "--agency", BUILDER],
        );
        assert!(made.status.success(), "{}", text(&made));
        assert!(
            text(&made).contains("chỉ sửa nhiệm vụ do Sở Xây dựng chủ trì"),
            "{}",
            text(&made)
        );
        refused(
            account_add(&db, "mat-khau-xd-2027", &[&login, "--name", "Ai đó"]),
            "đã có trên máy chủ",
        );
        let listed =
            String::from_utf8_lossy(&common::dxplan(&db, &["accounts"]).stdout).to_string();
        assert_eq!(listed.trim(), format!("{login}\tTrần Văn Bình\t{BUILDER}"));

        // The new account logs in with the password from stdin (its newline not part of it)
        // and may not make accounts itself.
        let own = server.url_as(&login, "mat-khau-xd-2027");
        refused(
            account_add(
                &own,
                "mat-khau-khac-1",
                &[&server.login("so_yt"), "--name", "X"],
            ),
            "chỉ tài khoản quản trị",
        );

        // On a personal file there are no accounts.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("dxplan.sqlite");
        refused(
            account_add(&file, "mat-khau-du-dai", &["so_yt", "--name", "Y"]),
            "chỉ có trên máy chủ dùng chung",
        );
    });
}

#[test]
fn a_department_keeps_saving_past_the_kept_history() {
    on_server(|server| async move {
        let (admin, id, login) = sample_and_builder(&server).await;
        let dept = Store::open(&server.url_as(&login, "mat-khau-xd-2027"))
            .await
            .unwrap();
        let plan = dept.load(&id).await.unwrap().plan;
        let mut own = a_task(&plan, &builder_ids(&plan), true);
        // Past the kept history, each save of the department prunes the oldest row, which
        // the server lets it do (and only that).
        let edits = dxplan::store::KEEP_REVISIONS + 3;
        let mut r = 1;
        for i in 0..edits {
            own.output = format!("Kết quả lần {i}");
            r = dept
                .apply(&id, Some(r), Edit::UpdateTask { task: own.clone() })
                .await
                .unwrap();
        }
        assert_eq!(r, edits + 1);
        let history = admin.history(&id).await.unwrap();
        assert_eq!(history.len() as i64, dxplan::store::KEEP_REVISIONS);
        assert_eq!(
            history.last().unwrap().revision,
            r - dxplan::store::KEEP_REVISIONS + 1
        );
        dept.close().await;
        admin.close().await;
    });
}

#[test]
fn each_colleague_resumes_where_they_left_on_a_shared_server() {
    on_server(|server| async move {
        use dxplan::app::{Resume, Session};
        use dxplan::store::connection::ServerSettings;
        let (admin, id, login) = sample_and_builder(&server).await;
        admin.close().await;

        // Two computers: the drafter's and the department's, each with its own local folder.
        let url = sqlx::postgres::PgConnectOptions::from_str(&server.admin).unwrap();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let on = |dir: &std::path::Path| dir.join("dxplan.sqlite");
        let drafter = Session::open(&on(a.path()), None).await.unwrap();
        let dept = Session::open(&on(b.path()), None).await.unwrap();
        let settings = |user: &str| ServerSettings {
            host: url.get_host().into(),
            port: url.get_port(),
            database: server.db.clone(),
            user: user.into(),
        };
        drafter
            .connect(
                &settings(url.get_username()),
                &server.admin_password(),
                false,
            )
            .await
            .unwrap();
        dept.connect(&settings(&login), "mat-khau-xd-2027", false)
            .await
            .unwrap();

        let at = |screen: &str| Resume {
            plan: Some(id.clone()),
            screen: Some(screen.into()),
        };
        drafter.set_resume(&at("editor:budget")).await.unwrap();
        // A department's account may not write the server's settings; its place is kept.
        dept.set_resume(&at("editor:tasks")).await.unwrap();
        assert_eq!(drafter.resume().await.unwrap(), at("editor:budget"));
        assert_eq!(dept.resume().await.unwrap(), at("editor:tasks"));
    });
}
