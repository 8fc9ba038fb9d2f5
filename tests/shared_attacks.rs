//! The shared server's guard, tried as an attacker with `psql`-like SQL (issue 23): a
//! department's and a drafter's password, each trick sent on a raw connection, and the
//! database compared before and after. Each attempt is refused by the server itself, and the
//! plan and its history are as they were; the app still saves, undoes and redoes after it.

mod common;

use std::time::{Duration, Instant};

use common::server::*;
use dxplan::edit::{Edit, TextField};
use dxplan::store::{NewAccount, Store};
use dxplan::Error;
use sqlx::{Connection, PgConnection};

/// The plan's row and every history row, as text, to compare before and after an attack.
async fn snapshot(c: &mut PgConnection, id: &str) -> String {
    let plan: (i64, String, String, String) = sqlx::query_as(
        "SELECT revision, created_at, updated_at, document FROM plans WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *c)
    .await
    .unwrap();
    let history: Vec<(i64, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT revision, author, summary, document, parent_state FROM plan_revisions WHERE plan_id = $1 ORDER BY revision",
    )
    .bind(id)
    .fetch_all(&mut *c)
    .await
    .unwrap();
    format!("{plan:?}{history:?}")
}

/// Sends `sql` (with the plan id as $1 where it has one) and expects the server's refusal.
async fn refused(c: &mut PgConnection, id: &str, sql: &str) {
    let mut tx = c.begin().await.unwrap();
    let q = sqlx::query(sql);
    let q = if sql.contains("$1") { q.bind(id) } else { q };
    let done = match q.execute(&mut *tx).await {
        Ok(_) => tx.commit().await.map(|_| ()),
        Err(e) => Err(e),
    };
    let e = done.expect_err(sql);
    refused_by_server(&e, sql);
}

/// A drafter who saved the vision three times ("Tầm nhìn 0." to "2."), so there is history
/// to attack: the drafter's store, a raw connection as the drafter, one as the admin.
struct Attack {
    login: String,
    drafter: Store,
    c: PgConnection,
    watch: PgConnection,
}

async fn drafter_with_history(server: &Server, admin: &Store, id: &str) -> Attack {
    let login = drafter(server, admin).await;
    let url = server.url_as(&login, "mat-khau-soan-2027");
    let drafter = Store::open(&url).await.unwrap();
    for i in 0..3 {
        let edit = Edit::SetText {
            field: TextField::Vision,
            text: format!("Tầm nhìn {i}."),
        };
        drafter.apply(id, None, edit).await.unwrap();
    }
    Attack {
        c: PgConnection::connect(url.to_str().unwrap()).await.unwrap(),
        watch: PgConnection::connect(server.url().to_str().unwrap())
            .await
            .unwrap(),
        login,
        drafter,
    }
}

/// Sends `sqls` in one transaction (the plan id as $1) and expects the server's refusal of
/// one of them or of the commit.
async fn refused_together(c: &mut PgConnection, id: &str, sqls: &[&str]) {
    let mut tx = c.begin().await.unwrap();
    let mut done = Ok(());
    for sql in sqls {
        let q = sqlx::query(sql);
        let q = if sql.contains("$1") { q.bind(id) } else { q };
        if let Err(e) = q.execute(&mut *tx).await {
            done = Err(e);
            break;
        }
    }
    let done = match done {
        Ok(()) => tx.commit().await,
        Err(e) => Err(e),
    };
    refused_by_server(&done.expect_err(sqls[1]), sqls[1]);
}

/// A drafter's account (password "mat-khau-soan-2027") made by the admin; its login.
async fn drafter(server: &Server, admin: &Store) -> String {
    let login = server.login("soan_thao");
    admin
        .create_account(&NewAccount {
            account: login.clone(),
            password: "mat-khau-soan-2027".into(),
            full_name: "Lê Thị Soạn".into(),
            agency: None,
        })
        .await
        .unwrap();
    login
}

#[test]
fn a_departments_password_cannot_switch_off_or_get_round_the_guard() {
    on_server(|server| async move {
        let (admin, id, login) = sample_and_builder(&server).await;
        let mut c =
            PgConnection::connect(server.url_as(&login, "mat-khau-xd-2027").to_str().unwrap())
                .await
                .unwrap();
        let mut watch = PgConnection::connect(server.url().to_str().unwrap())
            .await
            .unwrap();
        let before = snapshot(&mut watch, &id).await;

        // The guard looked `accounts` up through the caller's search_path: a temporary table
        // of that name came first and said "no agency".
        refused(
            &mut c,
            &id,
            "CREATE TEMP TABLE accounts (account TEXT, full_name TEXT, agency TEXT)",
        )
        .await;
        refused(&mut c, &id, "CREATE TEMP TABLE plans_copy (x INT)").await;
        for sql in [
            // The revision moved anywhere: history wiped behind it, or every later save broken.
            "UPDATE plans SET revision = revision + 1000 WHERE id = $1",
            "UPDATE plans SET revision = 1 WHERE id = $1",
            "UPDATE plans SET created_at = '2000-01-01' WHERE id = $1",
            // A change of the plan with no history row: no trace, and no window sees it.
            "UPDATE plans SET revision = revision + 1, updated_at = 'x' WHERE id = $1",
            // History rewritten or wiped.
            "UPDATE plan_revisions SET author = 'ai-do' WHERE plan_id = $1",
            "DELETE FROM plan_revisions WHERE plan_id = $1",
            "INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state, parent_state, author, sections) \
             SELECT plan_id, revision + 1, created_at, summary, document, kind, state, 1, author, sections FROM plan_revisions \
             WHERE plan_id = $1 ORDER BY revision DESC LIMIT 1",
        ] {
            refused(&mut c, &id, sql).await;
        }
        assert_eq!(snapshot(&mut watch, &id).await, before, "nothing changed");
        c.close().await.unwrap();

        // The app still saves, undoes and redoes.
        let r = admin.revision(&id).await.unwrap();
        let next = admin
            .apply(
                &id,
                Some(r),
                Edit::SetText {
                    field: TextField::Vision,
                    text: "Tầm nhìn mới.".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(next, r + 1);
        admin.undo(&id).await.unwrap().unwrap();
        admin.redo(&id).await.unwrap().unwrap();
        assert_eq!(admin.load(&id).await.unwrap().plan.vision, "Tầm nhìn mới.");
    });
}

#[test]
fn a_drafters_password_cannot_forge_or_rewrite_history() {
    on_server(|server| async move {
        let (admin, id, dept) = sample_and_builder(&server).await;
        let Attack {
            drafter,
            mut c,
            mut watch,
            ..
        } = drafter_with_history(&server, &admin, &id).await;
        let before = snapshot(&mut watch, &id).await;
        let signed_as_department = format!(
            "INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state, author, sections) \
             SELECT id, revision + 1, updated_at, 'Sửa nhiệm vụ', document, 'edit', revision + 1, '{dept}', 'tasks' FROM plans WHERE id = $1"
        );
        for sql in [
            "UPDATE plan_revisions SET author = 'ai-do', summary = 'Không sửa gì' WHERE plan_id = $1",
            "DELETE FROM plan_revisions WHERE plan_id = $1 AND revision = 2",
            signed_as_department.as_str(),
            "UPDATE plans SET revision = revision + 1000 WHERE id = $1",
            "CREATE TEMP TABLE accounts (account TEXT, full_name TEXT, agency TEXT)",
        ] {
            refused(&mut c, &id, sql).await;
        }
        assert_eq!(snapshot(&mut watch, &id).await, before, "nothing changed");
        // Copying plans up with their history still works for a drafter.
        let local = tempfile::tempdir().unwrap();
        let file = Store::open(&local.path().join("db.sqlite")).await.unwrap();
        file.create(&dxplan::sample::plan()).await.unwrap();
        let copied = file.copy_all_to(&drafter).await.unwrap();
        assert_eq!(copied.plans, 1);
        c.close().await.unwrap();
    });
}

#[test]
fn a_lock_held_elsewhere_makes_a_save_wait_seconds_not_for_ever() {
    on_server(|server| async move {
        let (admin, id, login) = sample_and_builder(&server).await;
        let mut holder =
            PgConnection::connect(server.url_as(&login, "mat-khau-xd-2027").to_str().unwrap())
                .await
                .unwrap();
        let mut tx = holder.begin().await.unwrap();
        sqlx::query("SELECT id FROM plans WHERE id = $1 FOR UPDATE")
            .bind(&id)
            .execute(&mut *tx)
            .await
            .unwrap();
        let edit = || Edit::SetText {
            field: TextField::Vision,
            text: "Tầm nhìn khi có khóa.".into(),
        };
        let started = Instant::now();
        let e = admin.apply(&id, None, edit()).await.unwrap_err();
        let waited = started.elapsed();
        assert!(matches!(e, Error::Unreachable(_)), "{e:?}");
        assert!(waited < Duration::from_secs(20), "{waited:?}");
        assert!(e.to_string().contains("thử lại"), "{e}");
        // Released: the same edit goes through.
        tx.rollback().await.unwrap();
        admin.apply(&id, None, edit()).await.unwrap();
        assert_eq!(
            admin.load(&id).await.unwrap().plan.vision,
            "Tầm nhìn khi có khóa."
        );
    });
}

#[test]
fn a_document_with_a_key_twice_is_refused_and_only_the_admin_deletes_a_plan() {
    on_server(|server| async move {
        let (admin, id, login) = sample_and_builder(&server).await;
        let drafter_login = drafter(&server, &admin).await;
        let mut watch = PgConnection::connect(server.url().to_str().unwrap())
            .await
            .unwrap();
        let before = snapshot(&mut watch, &id).await;
        // {"vision": "X", …, "vision": "Y"}: the guard would read one plan, the app another.
        let twice = "UPDATE plans SET document = '{\"vision\": \"X\",' || substr(document, 2), revision = revision + 1 WHERE id = $1";
        for (account, password) in [
            (&login, "mat-khau-xd-2027"),
            (&drafter_login, "mat-khau-soan-2027"),
        ] {
            let mut c = PgConnection::connect(server.url_as(account, password).to_str().unwrap())
                .await
                .unwrap();
            refused(&mut c, &id, twice).await;
            refused(&mut c, &id, "DELETE FROM plans WHERE id = $1").await;
            c.close().await.unwrap();
        }
        assert_eq!(snapshot(&mut watch, &id).await, before, "nothing changed");
        // The drafter's window says so in Vietnamese, and the plan is still there.
        let drafter = Store::open(&server.url_as(&drafter_login, "mat-khau-soan-2027"))
            .await
            .unwrap();
        let e = drafter.delete(&id).await.unwrap_err();
        assert!(
            e.to_string()
                .contains("chỉ tài khoản quản trị mới xóa được"),
            "{e}"
        );
        assert!(admin.load(&id).await.is_ok());
        // A plan another program stored unreadable is said so, without serde's English.
        let mut c = PgConnection::connect(server.url().to_str().unwrap())
            .await
            .unwrap();
        sqlx::query("ALTER TABLE plans DISABLE TRIGGER USER")
            .execute(&mut c)
            .await
            .unwrap();
        sqlx::query("UPDATE plans SET document = '{\"identity\": 5}' WHERE id = $1")
            .bind(&id)
            .execute(&mut c)
            .await
            .unwrap();
        sqlx::query("ALTER TABLE plans ENABLE TRIGGER USER")
            .execute(&mut c)
            .await
            .unwrap();
        let e = admin.load(&id).await.unwrap_err();
        let said = e.to_string();
        assert!(said.contains("bị hỏng, không đọc được"), "{said}");
        assert!(!said.contains("invalid type"), "{said}");
        // The admin deletes it.
        admin.delete(&id).await.unwrap();
        assert!(admin.list().await.unwrap().is_empty());
    });
}

#[test]
fn a_save_written_by_hand_cannot_forge_its_step_or_its_time() {
    on_server(|server| async move {
        let (admin, id, _) = sample_and_builder(&server).await;
        let Attack {
            login,
            drafter,
            mut c,
            mut watch,
        } = drafter_with_history(&server, &admin, &id).await;
        let before = snapshot(&mut watch, &id).await;
        let bump = "UPDATE plans SET revision = revision + 1, document = replace(document, 'Tầm nhìn 2.', 'Tầm nhìn giả.') WHERE id = $1";
        let row = |kind: &str, state: &str, parent: &str, from: &str| {
            format!(
                "INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state, parent_state, from_state, author, sections) \
                 SELECT id, revision, '1999-01-01T00:00:00.000+07:00', 'Sửa tầm nhìn', document, '{kind}', {state}, {parent}, {from}, '{login}', 'goals' FROM plans WHERE id = $1"
            )
        };
        // An edit "made from" revision 1: the next undo would drop every save since.
        let from_one = row("edit", "revision", "1", "NULL");
        // An undo that shows a state no edit made, or leaves a state not shown.
        let undo_to_nothing = row("undo", "revision + 50", "NULL", "revision - 1");
        let undo_from_elsewhere = row("undo", "1", "NULL", "1");
        let other_kind = row("rewrite", "revision", "revision - 1", "NULL");
        for insert in [
            &from_one,
            &undo_to_nothing,
            &undo_from_elsewhere,
            &other_kind,
        ] {
            refused_together(&mut c, &id, &[bump, insert]).await;
        }
        assert_eq!(snapshot(&mut watch, &id).await, before, "nothing changed");
        // A save written by hand the way the app writes it goes through, with the server's
        // time, not the one it sent.
        let honest = row("edit", "revision", "revision - 1", "NULL");
        let mut tx = c.begin().await.unwrap();
        for sql in [
            bump,
            honest.as_str(),
            "UPDATE plans SET updated_at = '1999-01-01' WHERE false",
        ] {
            sqlx::query(sql).bind(&id).execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
        let (updated, stamped): (String, String) = sqlx::query_as(
            "SELECT p.updated_at, r.created_at FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision WHERE p.id = $1",
        )
        .bind(&id)
        .fetch_one(&mut watch)
        .await
        .unwrap();
        assert!(!stamped.starts_with("1999"), "{stamped}");
        assert!(stamped.starts_with("20"), "{stamped}");
        assert!(
            updated.starts_with("20") && !updated.starts_with("1999"),
            "{updated}"
        );
        // The drafter's undo goes back one save, to «Tầm nhìn 2.», not to the start.
        drafter.undo(&id).await.unwrap();
        assert_eq!(drafter.load(&id).await.unwrap().plan.vision, "Tầm nhìn 2.");
        c.close().await.unwrap();
    });
}

#[test]
fn a_department_cannot_read_the_key_that_seals_workbooks() {
    on_server(|server| async move {
        let (admin, id, dept) = sample_and_builder(&server).await;
        let login = drafter(&server, &admin).await;
        let drafter = Store::open(&server.url_as(&login, "mat-khau-soan-2027"))
            .await
            .unwrap();
        // Made once, the same for the admin and every drafter.
        let key = admin.seal_key().await.unwrap();
        assert!(key.len() >= 32);
        assert_eq!(drafter.seal_key().await.unwrap(), key);
        // A department: neither through the app nor in SQL.
        let department = Store::open(&server.url_as(&dept, "mat-khau-xd-2027"))
            .await
            .unwrap();
        let e = department.seal_key().await.unwrap_err();
        assert!(e.to_string().contains("không gửi hay nhận tệp"), "{e}");
        let mut c =
            PgConnection::connect(server.url_as(&dept, "mat-khau-xd-2027").to_str().unwrap())
                .await
                .unwrap();
        for sql in [
            "SELECT key FROM seal_key",
            "UPDATE seal_key SET key = 'khoa-moi-cua-so-xay-dung-dat-ra-de-gia-mao'",
        ] {
            let e = sqlx::query(sql).execute(&mut c).await.unwrap_err();
            refused_by_server(&e, sql);
        }
        assert_eq!(admin.seal_key().await.unwrap(), key);
        let _ = id;
    });
}
