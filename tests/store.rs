//! The store and the plan file, checked by reopening the database and reading files back.

mod common;

use std::path::Path;

use dxplan::edit::{Edit, TextField};
use dxplan::model::PlanStatus;
use dxplan::store::Store;
use dxplan::{planfile, sample, Error};

#[test]
fn sample_round_trips_database_file_database() {
    common::on_each_engine(|dbs| async move {
        let dir = &dbs.dir;
        let store = Store::open(&dbs.at("a.sqlite").await).await.unwrap();
        let original = sample::plan();
        let id = store.create(&original).await.unwrap();
        let file = dir.path().join("kế hoạch gửi đi.json");
        store.export_file(&id, &file).await.unwrap();
        store.close().await;

        // A second database, as on the colleague's machine that receives the file.
        let other = Store::open(&dbs.at("b.sqlite").await).await.unwrap();
        let id2 = other.import_file(&file).await.unwrap();
        let back = other.load(&id2).await.unwrap().plan;
        assert_eq!(back, original);
        assert_eq!(back.tasks().count(), 76);
        assert_eq!(back.groups.len(), 10);
        other.close().await;

        // And the first database, reopened, still holds the same plan.
        let again = Store::open(&dbs.at("a.sqlite").await).await.unwrap();
        assert_eq!(again.load(&id).await.unwrap().plan, original);
    });
}

#[test]
fn sample_keeps_the_issued_plan_facts_without_its_errors() {
    let plan = sample::plan();
    let counts: Vec<usize> = plan.groups.iter().map(|g| g.tasks.len()).collect();
    assert_eq!(counts, [3, 13, 11, 8, 3, 7, 12, 9, 5, 5]);
    assert_eq!(plan.legal_bases.len(), 15);
    assert_eq!(plan.assessment.documents.len(), 19);
    let totals = dxplan::budget::totals(&plan);
    assert_eq!(
        dxplan::format::money_million(totals.total),
        "132.897,5 triệu đồng"
    );
    assert_eq!(
        dxplan::format::money(
            totals
                .by_level
                .iter()
                .find(|a| a.key == Some(dxplan::model::BudgetLevel::Tinh))
                .unwrap()
                .amount
        ),
        "106.247,5"
    );
    // Kế hoạch 97/KH-UBND was printed as 2002; the sample dates it 2022.
    let k97 = plan
        .assessment
        .documents
        .iter()
        .find(|d| d.number.as_deref() == Some("97/KH-UBND"))
        .unwrap();
    assert_eq!(k97.date.unwrap().to_string(), "2022-06-15");
    // The five bullets pasted twice in group 2 appear once.
    let intro = &plan.groups[1].intro;
    assert_eq!(
        intro
            .matches("Ban hành chính sách khuyến khích về sử dụng chữ ký số")
            .count(),
        1
    );
    // 6.1 appeared twice in the issued table; here the numbers are positions.
    assert_eq!(
        plan.groups[5].tasks[1].title,
        "Triển khai hiệu quả hoạt động của Tổ Công nghệ số cộng đồng"
    );
    let findings = dxplan::validation::validate(&plan);
    assert!(!dxplan::validation::has_errors(&findings), "{findings:#?}");
}

#[test]
fn input_is_stored_as_nfc() {
    common::on_each_engine(|dbs| async move {
        let store = Store::open(&dbs.at("db.sqlite").await).await.unwrap();
        let mut plan = common::small_plan();
        // "Sở Y tế" typed with combining marks, as some Windows input methods produce it.
        let decomposed = "So\u{31b}\u{309} Y te\u{302}\u{301}";
        assert_ne!(decomposed, "Sở Y tế");
        plan.directory[1].name = decomposed.into();
        let id = store.create(&plan).await.unwrap();
        assert_eq!(
            store.load(&id).await.unwrap().plan.directory[1].name,
            "Sở Y tế"
        );

        let mut t = common::task("t9", "Nâng cấp he\u{323}\u{302} thống", "so-yt");
        t.id = "t9".into();
        store
            .apply(
                &id,
                None,
                Edit::AddTask {
                    group: "g1".into(),
                    task: t,
                    index: None,
                },
            )
            .await
            .unwrap();
        let p = store.load(&id).await.unwrap().plan;
        assert_eq!(p.groups[0].tasks[2].title, "Nâng cấp hệ thống");
    });
}

#[test]
fn edits_are_transactions_and_bad_edits_change_nothing() {
    common::on_each_engine(|dbs| async move {
        let path = dbs.at("db.sqlite").await;
        let store = Store::open(&path).await.unwrap();
        let id = store.create(&common::small_plan()).await.unwrap();
        let r1 = store.load(&id).await.unwrap().revision;

        let r2 = store
            .apply(
                &id,
                Some(r1),
                Edit::SetText {
                    field: TextField::Vision,
                    text: "Đắk Lắk số".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(r2, r1 + 1);

        // Unknown group: refused, nothing written.
        let err = store
            .apply(
                &id,
                None,
                Edit::AddTask {
                    group: "không-có".into(),
                    task: common::task("x", "X", "so-yt"),
                    index: None,
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, Error::ItemNotFound { .. }), "{err:?}");
        // A duplicate task id would make edits ambiguous: refused.
        let err = store
            .apply(
                &id,
                None,
                Edit::AddTask {
                    group: "g1".into(),
                    task: common::task("t1", "Khác", "so-yt"),
                    index: None,
                },
            )
            .await
            .unwrap_err();
        assert!(err.to_string().contains("bị trùng"), "{err}");
        // A stale revision: refused.
        let err = store
            .apply(
                &id,
                Some(r1),
                Edit::SetText {
                    field: TextField::Vision,
                    text: "cũ".into(),
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Conflict { .. }));
        // Removing an agency still assigned: refused.
        assert!(store
            .apply(&id, None, Edit::RemoveAgency { id: "so-yt".into() })
            .await
            .is_err());
        store.close().await;

        let reopened = Store::open(&path).await.unwrap();
        let stored = reopened.load(&id).await.unwrap();
        assert_eq!(stored.revision, r2);
        assert_eq!(stored.plan.vision, "Đắk Lắk số");
        assert_eq!(stored.plan.groups[0].tasks.len(), 2);
        let history = reopened.history(&id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].summary, "Sửa tầm nhìn, quan điểm");
    });
}

#[test]
fn moving_tasks_and_groups_renumbers_them() {
    common::on_each_engine(|dbs| async move {
        let store = Store::open(&dbs.at("db.sqlite").await).await.unwrap();
        let mut plan = common::small_plan();
        plan.groups.push(dxplan::model::TaskGroup {
            id: "g2".into(),
            title: "Kinh tế số".into(),
            framework_ref: None,
            intro: String::new(),
            tasks: vec![],
        });
        let id = store.create(&plan).await.unwrap();
        store
            .apply(
                &id,
                None,
                Edit::MoveTask {
                    id: "t1".into(),
                    group: "g2".into(),
                    index: 0,
                },
            )
            .await
            .unwrap();
        store
            .apply(
                &id,
                None,
                Edit::MoveGroup {
                    id: "g2".into(),
                    to: 0,
                },
            )
            .await
            .unwrap();
        let p = store.load(&id).await.unwrap().plan;
        assert_eq!(p.groups[0].title, "Kinh tế số");
        assert_eq!(p.groups[0].tasks[0].id, "t1");
        assert_eq!(
            p.groups[1]
                .tasks
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>(),
            ["t2"]
        );
    });
}

#[test]
fn list_duplicate_delete_and_wal_with_foreign_keys() {
    common::on_each_engine(|dbs| async move {
        let store = Store::open(&dbs.at("db.sqlite").await).await.unwrap();
        let (integrity, mode) = store.health().await.unwrap();
        let journal = if store.engine() == "sqlite" {
            "wal"
        } else {
            "server"
        };
        assert_eq!((integrity.as_str(), mode.as_str()), ("ok", journal));
        let id = store.create(&sample::plan()).await.unwrap();
        let copy = store.duplicate(&id).await.unwrap();
        let dup = store.load(&copy).await.unwrap().plan;
        assert_eq!(dup.identity.status, PlanStatus::Draft);
        assert_eq!(dup.identity.number, None);
        assert_eq!(dup.identity.issue_date, None);
        assert_eq!(store.list().await.unwrap().len(), 2);
        store.delete(&copy).await.unwrap();
        assert!(matches!(
            store.load(&copy).await,
            Err(Error::PlanNotFound(_))
        ));
        assert!(
            store.history(&copy).await.unwrap().is_empty(),
            "revisions go with the plan (ON DELETE CASCADE)"
        );
        assert_eq!(store.list().await.unwrap().len(), 1);
    });
}

async fn snapshot(store: &Store) -> Vec<(String, i64)> {
    store
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.revision))
        .collect()
}

#[test]
fn bad_plan_files_give_clear_errors_and_leave_the_database_unchanged() {
    common::on_each_engine(|dbs| async move {
        let dir = &dbs.dir;
        let store = Store::open(&dbs.at("db.sqlite").await).await.unwrap();
        store.create(&sample::plan()).await.unwrap();
        let before = snapshot(&store).await;
        let good = planfile::to_json(&sample::plan()).unwrap();

        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let truncated = write("cut.json", &good.as_bytes()[..good.len() / 2]);
        let wrong_version = write(
            "v9.json",
            good.replacen(
                &format!("\"schema_version\": {}", planfile::SCHEMA_VERSION),
                "\"schema_version\": 99",
                1,
            )
            .as_bytes(),
        );
        let mut garbage = Vec::with_capacity(10 << 20);
        let mut x: u32 = 2463534242;
        while garbage.len() < 10 << 20 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            garbage.extend_from_slice(&x.to_le_bytes());
        }
        let garbage = write("rac.json", &garbage);
        let empty = write("rong.json", b"");
        let zip = write(
            "that-ra-la-word.json",
            b"PK\x03\x04\x14\x00\x06\x00rest-of-a-docx",
        );
        let other_json = write("khac.json", r#"{"name": "không phải kế hoạch"}"#.as_bytes());
        let broken_inside = write(
            "hong.json",
            good.replacen("\"province\"", "\"tinh\"", 1).as_bytes(),
        );

        // A list where a text belongs, and a directory where a file belongs: serde's and the
        // system's English ("invalid type: sequence, expected a string", "Is a directory (os
        // error 21)") reached the planner.
        let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
        v["plan"]["identity"]["title"] = serde_json::json!(["Chuyển đổi số"]);
        let wrong_type = write("sai-kieu.json", v.to_string().as_bytes());
        let folder = dir.path().join("thu-muc.json");
        std::fs::create_dir(&folder).unwrap();

        let cases: [(&Path, &str); 9] = [
            (&truncated, "cắt cụt"),
            (&wrong_version, "phiên bản định dạng 9"),
            (&garbage, "UTF-8"),
            (&empty, "rỗng"),
            (&zip, "Word/Excel"),
            (&other_json, "không phải tệp kế hoạch"),
            (&broken_inside, "có trường lạ «tinh»"),
            (&wrong_type, "sai kiểu dữ liệu"),
            (&folder, "thư mục"),
        ];
        for (path, expected) in cases {
            let err = store.import_file(path).await.unwrap_err().to_string();
            assert!(err.contains(expected), "{}: {err}", path.display());
            for english in ["invalid", "expected", "error", "missing", "directory"] {
                assert!(!err.contains(english), "{}: {err}", path.display());
            }
        }
        assert_eq!(snapshot(&store).await, before);
    });
}

#[test]
fn export_to_a_missing_folder_fails_and_leaves_no_file() {
    common::on_each_engine(|dbs| async move {
        let dir = &dbs.dir;
        let store = Store::open(&dbs.at("db.sqlite").await).await.unwrap();
        let id = store.create(&common::small_plan()).await.unwrap();
        let target = dir.path().join("không-có-thư-mục").join("kh.json");
        let err = store.export_file(&id, &target).await.unwrap_err();
        assert!(err.to_string().starts_with("Không ghi được tệp"), "{err}");
        assert!(!target.exists());
        // A successful export leaves no temporary file behind.
        let ok = dir.path().join("kh.json");
        store.export_file(&id, &ok).await.unwrap();
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    });
}

#[test]
fn default_database_is_outside_the_source_tree() {
    if std::env::var_os("DXPLAN_DB").is_some() {
        return; // overridden by the environment; nothing to check
    }
    let p = Store::default_path();
    assert!(
        !p.starts_with(env!("CARGO_MANIFEST_DIR")),
        "{}",
        p.display()
    );
    assert!(p.is_absolute());
}

#[test]
fn undo_and_redo_follow_the_edits() {
    common::on_each_engine(|dbs| async move {
        let path = dbs.at("db.sqlite").await;
        let store = Store::open(&path).await.unwrap();
        let id = store.create(&common::small_plan()).await.unwrap();
        let vision = |s: &'static str| Edit::SetText {
            field: TextField::Vision,
            text: s.into(),
        };
        assert_eq!(
            store.undo(&id).await.unwrap(),
            None,
            "nothing to undo right after creation"
        );
        for v in ["A", "B", "C"] {
            store.apply(&id, None, vision(v)).await.unwrap();
        }

        assert_eq!(store.undo_redo_available(&id).await.unwrap(), (true, false));
        store.undo(&id).await.unwrap().unwrap();
        assert_eq!(vision_of(&store, &id).await, "B");
        store.undo(&id).await.unwrap().unwrap();
        assert_eq!(vision_of(&store, &id).await, "A");
        assert_eq!(store.undo_redo_available(&id).await.unwrap(), (true, true));
        store.redo(&id).await.unwrap().unwrap();
        assert_eq!(vision_of(&store, &id).await, "B");
        store.close().await;

        // The history is in the database: undo and redo go on after reopening.
        let store = Store::open(&path).await.unwrap();
        store.redo(&id).await.unwrap().unwrap();
        assert_eq!(vision_of(&store, &id).await, "C");
        assert_eq!(store.redo(&id).await.unwrap(), None, "nothing left to redo");
        store.undo(&id).await.unwrap().unwrap();
        store.undo(&id).await.unwrap().unwrap();
        assert_eq!(vision_of(&store, &id).await, "A");

        // A new edit after undoing drops what could have been redone.
        store.apply(&id, None, vision("D")).await.unwrap();
        assert_eq!(store.redo(&id).await.unwrap(), None);
        assert_eq!(store.undo_redo_available(&id).await.unwrap(), (true, false));
        store.undo(&id).await.unwrap().unwrap();
        assert_eq!(
            vision_of(&store, &id).await,
            "A",
            "undo goes back to the state D was made from"
        );
        store.undo(&id).await.unwrap().unwrap();
        assert_eq!(vision_of(&store, &id).await, "");
        assert_eq!(store.undo(&id).await.unwrap(), None);

        let history = store.history(&id).await.unwrap();
        assert!(
            history[0].summary.starts_with("Hoàn tác: "),
            "{:?}",
            history[0]
        );
        assert!(history
            .iter()
            .any(|r| r.summary == "Làm lại: Sửa tầm nhìn, quan điểm"));
        // Every step is a revision: the conflict check still sees each change.
        assert_eq!(store.load(&id).await.unwrap().revision, history[0].revision);
    });
}

async fn vision_of(store: &Store, id: &str) -> String {
    store.load(id).await.unwrap().plan.vision
}

#[test]
fn the_log_file_beside_the_database_rotates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dxplan::applog::path_beside(&dir.path().join("dxplan.sqlite"));
    assert_eq!(path, dir.path().join("dxplan.log"));
    let log = dxplan::applog::FileLog::new(&path);
    let line = "x".repeat(1000);
    for _ in 0..1100 {
        log.write_line(&line);
    }
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size <= dxplan::applog::MAX_BYTES, "{size}");
    assert!(dir.path().join("dxplan.log.1").exists());
}

#[test]
fn control_characters_never_reach_the_store() {
    common::on_each_engine(|dbs| async move {
        let dir = &dbs.dir;
        let store = dxplan::store::Store::open(&dbs.at("db.sqlite").await)
            .await
            .unwrap();
        let mut plan = common::small_plan();
        plan.vision = "Tầm nhìn\u{1}\r\nsố\u{FEFF}".into();
        let file = dir.path().join("kh.json");
        dxplan::planfile::write(&plan, &file).unwrap();
        let id = store.import_file(&file).await.unwrap();
        assert_eq!(store.load(&id).await.unwrap().plan.vision, "Tầm nhìn\nsố");
        // And through an edit, as the window and the CLI make them.
        store
            .apply(
                &id,
                None,
                dxplan::edit::Edit::SetText {
                    field: dxplan::edit::TextField::Vision,
                    text: "A\u{b}B".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(store.load(&id).await.unwrap().plan.vision, "AB");
    });
}

/// Two people on one plan, each with their own connection (two windows, or two PCs on the
/// server): an edit from a revision the other has already moved past is refused, the one
/// who reloads gets through, and nothing either saved is lost — also when both write at
/// once, many times.
#[test]
fn two_sessions_on_one_plan_lose_no_edit() {
    common::on_each_engine(|dbs| async move {
        let db = dbs.at("shared.sqlite").await;
        let a = Store::open(&db).await.unwrap();
        let b = Store::open(&db).await.unwrap();
        let id = a.create(&common::small_plan()).await.unwrap();
        let seen = b.load(&id).await.unwrap().revision;
        let text = |field, s: &str| Edit::SetText {
            field,
            text: s.into(),
        };
        a.apply(&id, Some(seen), text(TextField::Vision, "Tầm nhìn của A"))
            .await
            .unwrap();
        // B, from the revision it saw, writes the vision A has just changed: refused,
        // naming who came first; A's text stays.
        let stale = b
            .apply(&id, Some(seen), text(TextField::Vision, "Tầm nhìn của B"))
            .await
            .unwrap_err();
        assert!(matches!(stale, Error::Conflict { .. }), "{stale:?}");
        assert!(
            stale.to_string().contains("Nội dung này vừa được"),
            "{stale}"
        );
        // The opening, which nobody changed since B saw it, is saved from the same old
        // revision, on top of A's edit (as edits queued during an outage are).
        let saved = b
            .apply(&id, Some(seen), text(TextField::Opening, "Mở đầu của B"))
            .await
            .unwrap();
        assert_eq!(saved, seen + 2);
        let plan = a.load(&id).await.unwrap().plan;
        assert_eq!(
            (plan.vision.as_str(), plan.identity.opening.as_str()),
            ("Tầm nhìn của A", "Mở đầu của B")
        );
        // And it stays a step of its own: undone, only the opening goes back.
        b.undo(&id).await.unwrap();
        let plan = a.load(&id).await.unwrap().plan;
        assert_eq!(plan.vision, "Tầm nhìn của A");
        assert_ne!(plan.identity.opening, "Mở đầu của B");
        b.redo(&id).await.unwrap();

        // Both at once, each retrying from the newest revision when refused.
        let (a, b) = (std::sync::Arc::new(a), std::sync::Arc::new(b));
        let writer = |s: std::sync::Arc<Store>, who: &'static str| {
            let id = id.clone();
            tokio::spawn(async move {
                for k in 0..15 {
                    loop {
                        let stored = s.load(&id).await.unwrap();
                        let mut section = stored.plan.solutions.clone();
                        section.push(dxplan::model::NarrativeSection {
                            id: format!("{who}-{k}"),
                            title: format!("{who} {k}"),
                            text: String::new(),
                        });
                        match s
                            .apply(
                                &id,
                                Some(stored.revision),
                                Edit::SetSolutions { solutions: section },
                            )
                            .await
                        {
                            Ok(_) => break,
                            Err(Error::Conflict { .. }) => continue,
                            Err(e) => panic!("{e:?}"),
                        }
                    }
                }
            })
        };
        let (x, y) = (writer(a.clone(), "a"), writer(b.clone(), "b"));
        x.await.unwrap();
        y.await.unwrap();
        let end = a.load(&id).await.unwrap();
        assert_eq!(end.plan.solutions.len(), plan.solutions.len() + 30);
        // seen, A's vision, B's opening, its undo and redo, then the 30.
        assert_eq!(end.revision, seen + 4 + 30);
    });
}

/// Shared mode's connection failures, each in a sentence the planner can act on.
#[test]
fn a_server_that_cannot_be_used_is_explained() {
    common::rt().block_on(async {
        let err = |url: &str| {
            let url = url.to_string();
            async move {
                match Store::open(Path::new(&url)).await {
                    Ok(_) => panic!("{url} opened"),
                    Err(e) => e.to_string(),
                }
            }
        };
        let nobody = err("postgres://dxplan@127.0.0.1:9/ke_hoach").await;
        assert!(nobody.contains("máy chủ không trả lời"), "{nobody}");
        assert!(nobody.contains("dxplan@127.0.0.1:9/ke_hoach"), "{nobody}");
        let Some(admin) = common::test_server() else {
            return;
        };
        let (base, _) = admin.rsplit_once('/').unwrap();
        let missing = err(&format!("{base}/khong_co_csdl_nay")).await;
        assert!(missing.contains("không có cơ sở dữ liệu này"), "{missing}");
        let (scheme_user, host) = base.split_once('@').unwrap();
        let user = scheme_user.rsplit_once(':').map_or(scheme_user, |(u, _)| u);
        let wrong = err(&format!("{user}:sai-mat-khau@{host}/postgres")).await;
        assert!(wrong.contains("sai tài khoản hoặc mật khẩu"), "{wrong}");
        assert!(
            !wrong.contains("sai-mat-khau"),
            "the password is never shown: {wrong}"
        );
    });
}

/// Plans moved from a computer to the server and back keep everything: the same plans, the
/// same histories, undo still working; a second copy into the same place is refused whole.
#[test]
fn plans_copied_to_another_database_and_back_keep_their_histories() {
    common::on_each_engine(|dbs| async move {
        // From a file to this engine's database, then back to another file.
        let local = Store::open(&dbs.dir.path().join("may-tinh.sqlite"))
            .await
            .unwrap();
        let id = local.create(&sample::plan()).await.unwrap();
        for k in 0..3 {
            let r = local.load(&id).await.unwrap().revision;
            local
                .apply(
                    &id,
                    Some(r),
                    Edit::SetText {
                        field: TextField::Vision,
                        text: format!("Tầm nhìn {k}"),
                    },
                )
                .await
                .unwrap();
        }
        local.undo(&id).await.unwrap();
        local.create(&common::small_plan()).await.unwrap();
        let server = Store::open(&dbs.at("may-chu.sqlite").await).await.unwrap();
        let there = local.copy_all_to(&server).await.unwrap();
        assert_eq!(there.plans, 2);
        assert_eq!(there.revisions, 1 + 3 + 1 + 1);
        let back = Store::open(&dbs.dir.path().join("tro-ve.sqlite"))
            .await
            .unwrap();
        let home = server.copy_all_to(&back).await.unwrap();
        assert_eq!(home, there);
        for s in [&server, &back] {
            assert_eq!(s.list().await.unwrap(), local.list().await.unwrap());
            assert_eq!(s.load(&id).await.unwrap(), local.load(&id).await.unwrap());
            assert_eq!(
                s.history(&id).await.unwrap(),
                local.history(&id).await.unwrap()
            );
            assert_eq!(
                s.undo_redo_available(&id).await.unwrap(),
                local.undo_redo_available(&id).await.unwrap()
            );
        }
        // Redo on the copy gives what redo gives at home.
        back.redo(&id).await.unwrap();
        local.redo(&id).await.unwrap();
        assert_eq!(
            back.load(&id).await.unwrap().plan,
            local.load(&id).await.unwrap().plan
        );
        // Again into the server: refused, nothing added.
        let again = local.copy_all_to(&server).await.unwrap_err();
        assert!(again.to_string().contains("đã có kế hoạch"), "{again}");
        assert_eq!(server.list().await.unwrap().len(), 2);
    });
}

/// What an edit made from an older revision may still write: the part it writes must be as
/// the planner saw it. A task's report goes through after a colleague renamed the task;
/// removing a task a colleague has just changed, a move after a colleague's move, and a
/// find-and-replace across the plan do not.
#[test]
fn an_edit_from_an_older_revision_still_applies_only_where_nothing_changed() {
    let seen = sample::plan();
    let task = seen.groups[0].tasks[0].clone();
    let mut now = seen.clone();
    now.groups[0].tasks[0].title = "Tên do đồng nghiệp sửa".into();
    now.vision = "Tầm nhìn do đồng nghiệp sửa".into();

    let report = Edit::TrackTask {
        id: task.id.clone(),
        status: dxplan::model::TaskStatus::HoanThanh,
        progress: task.progress.clone(),
    };
    assert!(report.still_applies(&seen, &now));
    let opening = Edit::SetText {
        field: TextField::Opening,
        text: "Mở đầu".into(),
    };
    assert!(opening.still_applies(&seen, &now));
    let vision = Edit::SetText {
        field: TextField::Vision,
        text: "Tầm nhìn của tôi".into(),
    };
    assert!(!vision.still_applies(&seen, &now));
    let remove = Edit::RemoveTask {
        id: task.id.clone(),
    };
    assert!(!remove.still_applies(&seen, &now));
    let whole = Edit::UpdateTask { task: task.clone() };
    assert!(!whole.still_applies(&seen, &now));

    let mut moved = seen.clone();
    let first = moved.groups[0].tasks.remove(0);
    moved.groups[0].tasks.push(first);
    let layout = Edit::MoveTask {
        id: task.id.clone(),
        group: seen.groups[1].id.clone(),
        index: 0,
    };
    assert!(layout.still_applies(&seen, &now));
    assert!(!layout.still_applies(&seen, &moved));
    let replace = Edit::ReplaceText {
        find: "huyện".into(),
        replace: "xã".into(),
        places: None,
    };
    assert!(!replace.still_applies(&seen, &seen));
}
