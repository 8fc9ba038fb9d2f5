//! The embedded engine: one SQLite file per user. WAL is switched on once, when the file is
//! created, from a single connection; commits are synced to disk before an edit is reported
//! saved; creating and migrating the file is one process's job at a time.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection};

use crate::Result;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("src/migrations/sqlite");

/// The file whose lock makes opening (creating, migrating) the database one process's job
/// at a time.
fn open_lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".open-lock");
    db.with_file_name(name)
}

pub(super) async fn open(path: &Path) -> Result<SqlitePool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let base = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(15))
        // The WAL is copied into the file every 256 pages (1 MB, not SQLite's 4 MB) and cut
        // back to 1 MB after, so that it does not stay four times the size of the plans.
        .pragma("wal_autocheckpoint", "256")
        .pragma("journal_size_limit", "1048576");
    // Creating and migrating the file is one process's job at a time: two first starts at
    // once (the app and the CLI, two windows) raced to "UNIQUE constraint failed:
    // _sqlx_migrations.version" or "database is locked". The lock is the OS's, so it goes
    // with a process that dies.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(open_lock_path(path))?;
    lock.lock()?;
    if !path.exists() {
        // Journal mode is persistent in the file: set it once, here, from one connection.
        let mut conn = base
            .clone()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .connect()
            .await?;
        MIGRATOR.run(&mut conn).await?;
        conn.close().await?;
    }
    // FULL: each commit is synced to disk before the edit is reported saved, so "Đã lưu"
    // survives a power cut (with NORMAL, WAL may lose the last commits). Measured with
    // `scripts/bench edit`: about 10 ms more per edit on the sample (9 → 20 ms).
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(base.synchronous(SqliteSynchronous::Full))
        .await?;
    // Later releases add migrations; applying them is idempotent.
    MIGRATOR.run(&pool).await?;
    // Closing the file releases the lock. An explicit unlock failed on Windows (under Wine)
    // with "lock violation", and every command failed with it.
    drop(lock);
    Ok(pool)
}

/// `PRAGMA integrity_check` and the journal mode.
pub(super) async fn health(pool: &SqlitePool) -> Result<(String, String)> {
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(pool)
        .await?;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await?;
    Ok((integrity, mode))
}
