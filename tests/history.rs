//! The history kept small: revisions stored as patches between neighbours on the embedded
//! engine (see src/store/deltas.rs), read back exactly as each was saved on both engines, and
//! a database written by the release before patches migrated when it is opened.

mod common;

use std::path::Path;

use dxplan::edit::{Edit, TextField};
use dxplan::model::Plan;
use dxplan::sample;
use dxplan::store::{Store, KEEP_REVISIONS};

fn is_file(path: &Path) -> bool {
    !path.to_string_lossy().starts_with("postgres")
}

async fn raw(path: &Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap()
}

/// The `i`-th of a mix of edits: a task renamed, moved, added and removed, a text changed.
fn edit_number(plan: &Plan, i: usize) -> Edit {
    let group = &plan.groups[i % plan.groups.len()];
    match i % 5 {
        0 | 1 => {
            let mut task = group.tasks[0].clone();
            task.title = format!("{} (lần sửa {i})", task.title);
            Edit::UpdateTask { task }
        }
        2 => Edit::SetText {
            field: TextField::Vision,
            text: format!("Tầm nhìn, bản {i}"),
        },
        3 => Edit::MoveTask {
            id: group.tasks[0].id.clone(),
            group: group.id.clone(),
            index: group.tasks.len() - 1,
        },
        _ => Edit::AddTask {
            group: group.id.clone(),
            task: dxplan::model::Task::new(format!("Nhiệm vụ thêm {i}"), vec![]),
            index: Some(0),
        },
    }
}

#[test]
fn every_kept_revision_reads_back_as_it_was_saved() {
    common::on_each_engine(|dbs| async move {
        let path = dbs.at("db.sqlite").await;
        let store = Store::open(&path).await.unwrap();
        let id = store.create(&sample::plan()).await.unwrap();
        // Every plan as saved, by revision: edits, and now and then an undo and a redo.
        let mut saved = vec![(1, store.load(&id).await.unwrap().plan)];
        for i in 0..(KEEP_REVISIONS as usize + 60) {
            let now = store.load(&id).await.unwrap().plan;
            match i % 23 {
                7 => store.undo(&id).await.unwrap().map(|_| ()).unwrap(),
                8 => store.redo(&id).await.unwrap().map(|_| ()).unwrap(),
                _ => {
                    store.apply(&id, None, edit_number(&now, i)).await.unwrap();
                }
            }
            let stored = store.load(&id).await.unwrap();
            saved.push((stored.revision, stored.plan));
        }
        let head = saved.last().unwrap().0;
        let check = |store: Store, reopened: bool| {
            let saved = &saved;
            let id = &id;
            async move {
                for (revision, plan) in saved {
                    let read = store.plan_at(id, *revision).await.unwrap();
                    if *revision <= head - KEEP_REVISIONS {
                        assert_eq!(
                            read, None,
                            "revision {revision} is past the kept {KEEP_REVISIONS}"
                        );
                    } else {
                        assert_eq!(
                            read.as_ref(),
                            Some(plan),
                            "revision {revision} (reopened: {reopened})"
                        );
                    }
                }
                store.close().await;
            }
        };
        check(store, false).await;
        check(Store::open(&path).await.unwrap(), true).await;
        // A copy to another database (to the server and back) holds the same revisions.
        let store = Store::open(&path).await.unwrap();
        let other = Store::open(&dbs.at("copy.sqlite").await).await.unwrap();
        store.copy_all_to(&other).await.unwrap();
        store.close().await;
        check(other, true).await;
        // Undo still walks back through patches: ten undos show the plans ten edits back.
        let store = Store::open(&path).await.unwrap();
        let shown = store.load(&id).await.unwrap().plan;
        store.undo(&id).await.unwrap().unwrap();
        assert_ne!(store.load(&id).await.unwrap().plan, shown);
        store.redo(&id).await.unwrap().unwrap();
        assert_eq!(store.load(&id).await.unwrap().plan, shown);

        if is_file(&path) {
            // Whole copies: the newest and one in every 50 among those kept; the rest patches.
            store.close().await;
            let pool = raw(&path).await;
            let whole: Vec<i64> = sqlx::query_scalar(
                "SELECT revision FROM plan_revisions WHERE base IS NULL ORDER BY revision",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            let head = head + 2;
            let expected: Vec<i64> = (head - KEEP_REVISIONS + 1..=head)
                .filter(|r| r % 50 == 0 || *r == head)
                .collect();
            assert_eq!(whole, expected);
            let (patches, stored): (i64, i64) = sqlx::query_as(
                "SELECT COUNT(*), SUM(length(document)) FROM plan_revisions WHERE base IS NOT NULL",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
            let full: i64 = sqlx::query_scalar("SELECT length(document) FROM plans")
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!(patches, KEEP_REVISIONS - whole.len() as i64);
            println!("{patches} patches: {stored} bytes; one whole plan: {full} bytes");
            assert!(
                stored < 5 * full,
                "{patches} patches of {stored} bytes for a plan of {full}"
            );
        }
    });
}

#[test]
fn a_database_written_by_the_release_before_patches_is_migrated_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.sqlite");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store/history-before-patches.sqlite");
    std::fs::copy(&fixture, &path).unwrap();
    common::rt().block_on(async {
        // What the old release stored: every revision whole.
        let pool = raw(&path).await;
        let (id,): (String,) = sqlx::query_as("SELECT id FROM plans")
            .fetch_one(&pool)
            .await
            .unwrap();
        let old: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT revision, summary, document FROM plan_revisions ORDER BY revision",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        pool.close().await;
        assert_eq!(old.len(), 25);
        let size_before = std::fs::metadata(&path).unwrap().len();

        let store = Store::open(&path).await.unwrap();
        for (revision, _, doc) in &old {
            let plan: Plan = serde_json::from_str(doc).unwrap();
            assert_eq!(
                store.plan_at(&id, *revision).await.unwrap(),
                Some(plan),
                "revision {revision}"
            );
        }
        let history = store.history(&id).await.unwrap();
        let summaries: Vec<&str> = history.iter().rev().map(|r| r.summary.as_str()).collect();
        let old_summaries: Vec<&str> = old.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(summaries, old_summaries);
        // Undo goes back to the state the last edit was made from (revision 24 shows 20).
        store.undo(&id).await.unwrap().unwrap();
        let revision_20: Plan = serde_json::from_str(&old[19].2).unwrap();
        assert_eq!(store.load(&id).await.unwrap().plan, revision_20);
        store.close().await;

        let pool = raw(&path).await;
        let bases: Vec<(i64, Option<i64>)> =
            sqlx::query_as("SELECT revision, base FROM plan_revisions ORDER BY revision")
                .fetch_all(&pool)
                .await
                .unwrap();
        pool.close().await;
        for (revision, base) in &bases {
            let newest = *revision == bases.len() as i64;
            assert_eq!(
                *base,
                (!newest).then_some(revision + 1),
                "revision {revision}"
            );
        }
        let size_after = std::fs::metadata(&path).unwrap().len();
        assert!(
            size_after * 3 < size_before,
            "{size_before} → {size_after} bytes"
        );

        // Opening it again changes nothing more.
        let store = Store::open(&path).await.unwrap();
        store.close().await;
        assert_eq!(std::fs::metadata(&path).unwrap().len(), size_after);
    });
}
