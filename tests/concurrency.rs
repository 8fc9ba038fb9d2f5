//! Two processes writing the same database — an SQLite file, and a PostgreSQL server when
//! the tests have one — every edit lands, nothing is corrupted.

mod common;

use std::process::Command;

use dxplan::store::Store;

const EDITS_PER_PROCESS: usize = 40;

#[test]
fn two_processes_writing_the_same_database() {
    common::on_each_engine(|dbs| async move { two_processes(dbs.at("chung.sqlite").await).await });
}

async fn two_processes(db: std::path::PathBuf) {
    let id = {
        let store = Store::open(&db).await.unwrap();
        let id = store.create(&common::small_plan()).await.unwrap();
        store.close().await;
        id
    };

    let exe = env!("CARGO_BIN_EXE_dxplan");
    let spawn = |who: &'static str| {
        let db = db.clone();
        let id = id.clone();
        std::thread::spawn(move || {
            for i in 0..EDITS_PER_PROCESS {
                let out = Command::new(exe)
                    .arg("--db")
                    .arg(&db)
                    .args([
                        "add-task", &id, "--group", "1", "--lead", "so-yt", "--coord", "so-tc",
                    ])
                    .arg("--title")
                    .arg(format!("Nhiệm vụ {who} số {i}"))
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{who} {i}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let a = spawn("A");
    let b = spawn("B");
    a.join().unwrap();
    b.join().unwrap();

    {
        let store = Store::open(&db).await.unwrap();
        let (integrity, mode) = store.health().await.unwrap();
        assert_eq!(integrity, "ok");
        assert_eq!(
            mode,
            if store.engine() == "sqlite" {
                "wal"
            } else {
                "server"
            }
        );
        let stored = store.load(&id).await.unwrap();
        let tasks = &stored.plan.groups[0].tasks;
        assert_eq!(
            tasks.len(),
            2 + 2 * EDITS_PER_PROCESS,
            "no edit may be lost"
        );
        for who in ["A", "B"] {
            for i in 0..EDITS_PER_PROCESS {
                let title = format!("Nhiệm vụ {who} số {i}");
                assert_eq!(
                    tasks.iter().filter(|t| t.title == title).count(),
                    1,
                    "{title}"
                );
            }
        }
        assert_eq!(stored.revision, 1 + 2 * EDITS_PER_PROCESS as i64);
        assert_eq!(
            store.history(&id).await.unwrap().len(),
            1 + 2 * EDITS_PER_PROCESS
        );
    }
}

#[test]
fn processes_opening_a_database_that_does_not_exist_yet() {
    let exe = env!("CARGO_BIN_EXE_dxplan");
    // Raced to "UNIQUE constraint failed: _sqlx_migrations.version" about two runs in three.
    for round in 0..8 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("moi.sqlite");
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(exe)
                    .arg("--db")
                    .arg(&db)
                    .arg("list")
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
