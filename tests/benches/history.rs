//! How big a plan's history grows: the database file (and its WAL) after 200, 400 and 1,000
//! edits of the sample and of a 1,000-task plan — each edit a task renamed, the store keeping
//! the last 200 revisions, each but the newest and one in 50 as a patch (src/store/deltas.rs).
//! Also how long undo and reading the oldest kept revision take at the end. Target: under
//! 5 MB for the sample after 200 edits, and no growth past the 200 kept. With a PostgreSQL
//! server (`DXPLAN_TEST_PG`), the history table's size there for the sample. Run:
//! `bash scripts/bench history`.

use std::path::Path;
use std::time::Instant;

use dxplan::edit::Edit;
use dxplan::model::Plan;
use dxplan::store::Store;

#[path = "plans.rs"]
mod plans;
#[path = "summary.rs"]
mod summary;

const MB: f64 = 1024.0 * 1024.0;

fn on_disk(db: &Path) -> (f64, f64) {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len()) as f64 / MB;
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    (size(db), size(Path::new(&wal)))
}

async fn rename_first_task(store: &Store, id: &str, i: usize) {
    let plan = store.load(id).await.unwrap().plan;
    let mut task = plan.groups[i % plan.groups.len()].tasks[0].clone();
    task.title = format!(
        "{} ({i})",
        task.title.split(" (").next().unwrap_or_default()
    );
    store
        .apply(id, None, Edit::UpdateTask { task })
        .await
        .unwrap();
}

async fn grow(name: &str, plan: &Plan, dir: &Path) {
    let db = dir.join(format!("{}.sqlite", plan.tasks().count()));
    let store = Store::open(&db).await.unwrap();
    let id = store.create(plan).await.unwrap();
    let mut done = 0;
    for edits in [200, 400, 1000] {
        while done < edits {
            rename_first_task(&store, &id, done).await;
            done += 1;
        }
        let (file, wal) = on_disk(&db);
        println!("{name:<20} {edits:>5} edits: {file:>6.2} MB + {wal:.2} MB WAL");
        if name.starts_with("sample") && edits <= 400 {
            summary::row(
                &format!("database after {edits} edits of the sample"),
                &format!("{:.1} MB + {:.1} MB WAL", file, wal),
                "< 5 MB, flat past the cap",
                file + wal < 5.0,
            );
        }
    }
    let head = store.load(&id).await.unwrap().revision;
    let t = Instant::now();
    store.undo(&id).await.unwrap();
    let undo = t.elapsed();
    let t = Instant::now();
    let oldest = head + 1 - dxplan::store::KEEP_REVISIONS + 1;
    assert!(store.plan_at(&id, oldest).await.unwrap().is_some());
    println!(
        "{name:<20} undo {:.1} ms; revision {oldest} (the oldest kept) read in {:.1} ms",
        undo.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3
    );
    store.close().await;
}

/// The sample's history on a PostgreSQL server, whose rows stay whole (compressed by TOAST).
async fn on_server(admin: &str) {
    use sqlx::Connection;
    let db = format!("dxplan_bench_history_{}", std::process::id());
    let mut c = sqlx::PgConnection::connect(admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {db}"))
        .execute(&mut c)
        .await
        .unwrap();
    let url = format!("{}/{db}", admin.rsplit_once('/').unwrap().0);
    let store = Store::open(Path::new(&url)).await.unwrap();
    let id = store.create(&dxplan::sample::plan()).await.unwrap();
    for i in 0..200 {
        rename_first_task(&store, &id, i).await;
    }
    store.close().await;
    let mut d = sqlx::PgConnection::connect(&url).await.unwrap();
    let bytes: i64 = sqlx::query_scalar("SELECT pg_total_relation_size('plan_revisions')")
        .fetch_one(&mut d)
        .await
        .unwrap();
    d.close().await.unwrap();
    println!(
        "server (PostgreSQL)     200 edits of the sample: plan_revisions {:.2} MB",
        bytes as f64 / MB
    );
    sqlx::query(&format!("DROP DATABASE {db} WITH (FORCE)"))
        .execute(&mut c)
        .await
        .unwrap();
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        println!("A plan's history on disk (the last 200 revisions kept):");
        grow("sample (76 tasks)", &dxplan::sample::plan(), dir.path()).await;
        grow("1,000 tasks", &plans::big_plan(1000), dir.path()).await;
        match std::env::var("DXPLAN_TEST_PG")
            .ok()
            .filter(|s| !s.is_empty())
        {
            Some(admin) => on_server(&admin).await,
            None => println!("server: no PostgreSQL server (see scripts/test-server); skipped."),
        }
    });
}
