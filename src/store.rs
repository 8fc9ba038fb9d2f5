//! The embedded SQLite store (sqlx). One database per user, in the OS app-data folder unless
//! a path is given. WAL is switched on once, when the file is created, from a single
//! connection; every edit is one `BEGIN IMMEDIATE` transaction, so two processes (the app and
//! the CLI, say) can write the same database without corrupting it or losing an edit.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;
use ts_rs::TS;

use serde::Serialize;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, Row};

use crate::edit::Edit;
use crate::model::{Plan, PlanStatus};
use crate::{Error, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("src/migrations");

/// How many past versions of each plan are kept.
pub const KEEP_REVISIONS: i64 = 200;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanSummary {
    pub id: String,
    pub province: String,
    pub year: i32,
    pub title: String,
    pub status: PlanStatus,
    pub revision: i64,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredPlan {
    pub id: String,
    pub revision: i64,
    pub plan: Plan,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Revision {
    pub revision: i64,
    pub created_at: String,
    pub summary: String,
}

pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

fn now() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
}

fn status_str(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Draft => "draft",
        PlanStatus::Final => "final",
    }
}

/// How a revision came about (see migration 0002).
struct Step {
    kind: &'static str,
    state: i64,
    parent_state: Option<i64>,
    from_state: Option<i64>,
}

async fn head(conn: &mut sqlx::SqliteConnection, id: &str) -> Result<i64> {
    sqlx::query_scalar("SELECT revision FROM plans WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::PlanNotFound(id.to_string()))
}

/// The state shown by revision `revision` (itself for an edit).
async fn current_state(conn: &mut sqlx::SqliteConnection, id: &str, revision: i64) -> Result<i64> {
    let state: Option<Option<i64>> =
        sqlx::query_scalar("SELECT state FROM plan_revisions WHERE plan_id = ? AND revision = ?")
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(state.flatten().unwrap_or(revision))
}

/// The state an edit was made from, and the edit's summary: where undo goes back to.
async fn made_from(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
    state: i64,
) -> Result<Option<(i64, String)>> {
    let row = sqlx::query(
        "SELECT parent_state, summary FROM plan_revisions WHERE plan_id = ? AND revision = ?",
    )
    .bind(id)
    .bind(state)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(|r| {
        Some((
            r.get::<Option<i64>, _>("parent_state")?,
            r.get::<String, _>("summary"),
        ))
    }))
}

/// Shows state `target` again, as revision `head + 1` of the given kind (undo or redo).
async fn restore(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
    head: i64,
    target: i64,
    kind: &'static str,
    summary: &str,
) -> Result<i64> {
    let from = current_state(conn, id, head).await?;
    let plan = document_at(conn, id, target).await?;
    let step = Step {
        kind,
        state: target,
        parent_state: None,
        from_state: Some(from),
    };
    write_revision(conn, id, head + 1, summary, &plan, step).await?;
    Ok(head + 1)
}

async fn document_at(conn: &mut sqlx::SqliteConnection, id: &str, revision: i64) -> Result<Plan> {
    let doc: Option<String> = sqlx::query_scalar(
        "SELECT document FROM plan_revisions WHERE plan_id = ? AND revision = ?",
    )
    .bind(id)
    .bind(revision)
    .fetch_optional(&mut *conn)
    .await?;
    let doc = doc.ok_or_else(|| Error::Invalid("Không còn lịch sử để hoàn tác thêm.".into()))?;
    serde_json::from_str(&doc).map_err(|e| Error::Invalid(e.to_string()))
}

/// The state a redo returns to: the trailing run of undo/redo revisions read as a stack.
async fn redo_target(conn: &mut sqlx::SqliteConnection, id: &str) -> Result<Option<i64>> {
    let rows = sqlx::query(
        "SELECT kind, from_state FROM plan_revisions WHERE plan_id = ? ORDER BY revision DESC",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let run: Vec<(String, Option<i64>)> = rows
        .iter()
        .map(|r| {
            (
                r.get::<String, _>("kind"),
                r.get::<Option<i64>, _>("from_state"),
            )
        })
        .take_while(|(k, _)| k != "edit")
        .collect();
    let mut stack = Vec::new();
    for (kind, from) in run.into_iter().rev() {
        match kind.as_str() {
            "undo" => stack.push(from),
            _ => {
                stack.pop();
            }
        }
    }
    Ok(stack.pop().flatten())
}

/// Writes the plan as revision `next` and the plan's current document, in the caller's
/// transaction; keeps the last `KEEP_REVISIONS` revisions.
async fn write_revision(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
    next: i64,
    summary: &str,
    plan: &Plan,
    step: Step,
) -> Result<()> {
    let doc = serde_json::to_string(plan).map_err(|e| Error::Invalid(e.to_string()))?;
    let t = now();
    sqlx::query("UPDATE plans SET province = ?, year = ?, title = ?, status = ?, revision = ?, updated_at = ?, document = ? WHERE id = ?")
        .bind(&plan.identity.province)
        .bind(plan.identity.year)
        .bind(&plan.identity.title)
        .bind(status_str(plan.identity.status))
        .bind(next)
        .bind(&t)
        .bind(&doc)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state, parent_state, from_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(id)
        .bind(next)
        .bind(&t)
        .bind(summary)
        .bind(&doc)
        .bind(step.kind)
        .bind(step.state)
        .bind(step.parent_state)
        .bind(step.from_state)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM plan_revisions WHERE plan_id = ? AND revision <= ?")
        .bind(id)
        .bind(next - KEEP_REVISIONS)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Store {
    /// `$DXPLAN_DB`, else `<app data>/dxplan.sqlite` (e.g. `%APPDATA%\dxplan\data` on
    /// Windows, `~/.local/share/dxplan` on Linux).
    pub fn default_path() -> PathBuf {
        if let Some(p) = std::env::var_os("DXPLAN_DB") {
            return PathBuf::from(p);
        }
        directories::ProjectDirs::from("vn", "dxplan", "dxplan")
            .map(|d| d.data_dir().join("dxplan.sqlite"))
            .unwrap_or_else(|| PathBuf::from("dxplan.sqlite"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file whose lock makes opening (creating, migrating) the database one process's
    /// job at a time.
    fn open_lock_path(db: &Path) -> PathBuf {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(".open-lock");
        db.with_file_name(name)
    }

    pub async fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let base = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(15));
        // Creating and migrating the file is one process's job at a time: two first starts
        // at once (the app and the CLI, two windows) raced to "UNIQUE constraint failed:
        // _sqlx_migrations.version" or "database is locked". The lock is the OS's, so it goes
        // with a process that dies.
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(Self::open_lock_path(path))?;
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
        // Closing the file releases the lock. An explicit unlock failed on Windows (under
        // Wine) with "lock violation", and every command failed with it.
        drop(lock);
        Ok(Store {
            pool,
            path: path.to_path_buf(),
        })
    }

    pub async fn close(self) {
        self.pool.close().await;
    }

    pub async fn list(&self) -> Result<Vec<PlanSummary>> {
        let rows = sqlx::query("SELECT id, province, year, title, status, revision, updated_at FROM plans ORDER BY updated_at DESC")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| PlanSummary {
                id: r.get("id"),
                province: r.get("province"),
                year: r.get("year"),
                title: r.get("title"),
                status: if r.get::<String, _>("status") == "final" {
                    PlanStatus::Final
                } else {
                    PlanStatus::Draft
                },
                revision: r.get("revision"),
                updated_at: r.get("updated_at"),
            })
            .collect())
    }

    /// Stores a new plan (its text made clean, see `text::clean`) and returns its id.
    pub async fn create(&self, plan: &Plan) -> Result<String> {
        let plan = crate::text::clean_all(plan)?;
        crate::planfile::check_ids(&plan).map_err(Error::Invalid)?;
        let id = crate::model::new_id();
        let doc = serde_json::to_string(&plan).map_err(|e| Error::Invalid(e.to_string()))?;
        let t = now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("INSERT INTO plans (id, province, year, title, status, revision, created_at, updated_at, document) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)")
            .bind(&id)
            .bind(&plan.identity.province)
            .bind(plan.identity.year)
            .bind(&plan.identity.title)
            .bind(status_str(plan.identity.status))
            .bind(&t)
            .bind(&t)
            .bind(&doc)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state) VALUES (?, 1, ?, 'Tạo kế hoạch', ?, 'edit', 1)")
            .bind(&id)
            .bind(&t)
            .bind(&doc)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn load(&self, id: &str) -> Result<StoredPlan> {
        let row = sqlx::query("SELECT revision, document FROM plans WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::PlanNotFound(id.to_string()))?;
        let doc: String = row.get("document");
        let plan: Plan = serde_json::from_str(&doc).map_err(|e| {
            Error::Invalid(format!("kế hoạch {id} trong cơ sở dữ liệu bị hỏng: {e}"))
        })?;
        Ok(StoredPlan {
            id: id.to_string(),
            revision: row.get("revision"),
            plan,
        })
    }

    /// Applies one edit in one transaction. With `expected_revision`, refuses to overwrite a
    /// newer version written elsewhere. Returns the new revision.
    pub async fn apply(&self, id: &str, expected_revision: Option<i64>, edit: Edit) -> Result<i64> {
        let summary = edit.summary();
        self.update(id, expected_revision, &summary, |plan| edit.apply(plan))
            .await
    }

    pub async fn update<F>(
        &self,
        id: &str,
        expected_revision: Option<i64>,
        summary: &str,
        change: F,
    ) -> Result<i64>
    where
        F: FnOnce(&mut Plan) -> Result<()>,
    {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = sqlx::query("SELECT revision, document FROM plans WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| Error::PlanNotFound(id.to_string()))?;
        let revision: i64 = row.get("revision");
        if let Some(expected) = expected_revision {
            if expected != revision {
                return Err(Error::Conflict {
                    expected,
                    actual: revision,
                });
            }
        }
        let doc: String = row.get("document");
        let mut plan: Plan =
            serde_json::from_str(&doc).map_err(|e| Error::Invalid(e.to_string()))?;
        // An error here drops `tx`, which rolls back: nothing changes.
        change(&mut plan)?;
        let plan = crate::text::clean_all(&plan)?;
        let state = current_state(&mut tx, id, revision).await?;
        let next = revision + 1;
        let step = Step {
            kind: "edit",
            state: next,
            parent_state: Some(state),
            from_state: None,
        };
        write_revision(&mut tx, id, next, summary, &plan, step).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Goes back to the state before the last edit (itself recorded as a new revision).
    /// `None` when there is nothing to undo.
    pub async fn undo(&self, id: &str) -> Result<Option<i64>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let revision = head(&mut tx, id).await?;
        let state = current_state(&mut tx, id, revision).await?;
        let Some((parent, summary)) = made_from(&mut tx, id, state).await? else {
            return Ok(None);
        };
        let next = restore(
            &mut tx,
            id,
            revision,
            parent,
            "undo",
            &format!("Hoàn tác: {summary}"),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(next))
    }

    /// Re-applies the last undone edit, as long as no new edit came after the undo.
    pub async fn redo(&self, id: &str) -> Result<Option<i64>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let revision = head(&mut tx, id).await?;
        let Some(target) = redo_target(&mut tx, id).await? else {
            return Ok(None);
        };
        let summary: String = sqlx::query_scalar(
            "SELECT summary FROM plan_revisions WHERE plan_id = ? AND revision = ?",
        )
        .bind(id)
        .bind(target)
        .fetch_one(&mut *tx)
        .await?;
        let next = restore(
            &mut tx,
            id,
            revision,
            target,
            "redo",
            &format!("Làm lại: {summary}"),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(next))
    }

    /// Whether undo and redo are possible now (for the app's buttons).
    pub async fn undo_redo_available(&self, id: &str) -> Result<(bool, bool)> {
        let mut conn = self.pool.acquire().await?;
        let revision = head(&mut conn, id).await?;
        let state = current_state(&mut conn, id, revision).await?;
        let undo = made_from(&mut conn, id, state).await?.is_some();
        Ok((undo, redo_target(&mut conn, id).await?.is_some()))
    }

    pub async fn history(&self, id: &str) -> Result<Vec<Revision>> {
        let rows = sqlx::query("SELECT revision, created_at, summary FROM plan_revisions WHERE plan_id = ? ORDER BY revision DESC")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| Revision {
                revision: r.get("revision"),
                created_at: r.get("created_at"),
                summary: r.get("summary"),
            })
            .collect())
    }

    /// A copy under a new id, as a draft without number and issue date.
    pub async fn duplicate(&self, id: &str) -> Result<String> {
        let mut plan = self.load(id).await?.plan;
        plan.identity.status = PlanStatus::Draft;
        plan.identity.number = None;
        plan.identity.issue_date = None;
        plan.identity.title = format!("{} (bản sao)", plan.identity.title);
        self.create(&plan).await
    }

    pub async fn delete(&self, id: &str) -> Result<()> {
        let done = sqlx::query("DELETE FROM plans WHERE id = ?")
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::PlanNotFound(id.to_string()));
        }
        Ok(())
    }

    /// Reads a plan file and stores it as a new plan. Any error leaves the database as it was.
    pub async fn import_file(&self, path: &Path) -> Result<String> {
        let plan = crate::planfile::read(path)?;
        self.create(&plan).await
    }

    pub async fn export_file(&self, id: &str, path: &Path) -> Result<()> {
        let plan = self.load(id).await?.plan;
        crate::planfile::write(&plan, path)
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// `PRAGMA integrity_check` and the journal mode, for tests and diagnostics.
    pub async fn health(&self) -> Result<(String, String)> {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&self.pool)
            .await?;
        Ok((integrity, mode))
    }
}
