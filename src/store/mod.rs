//! The store: each plan one JSON document with its revision history (undo, redo, recovery),
//! on one of two engines. The embedded SQLite file (`sqlite.rs`) is the default: one person,
//! no set-up, one database per user in the OS app-data folder. A PostgreSQL server
//! (`postgres.rs`) lets a province's team work on one plan: a `--db` or `DXPLAN_DB` of the
//! form `postgres://…` chooses it. Both run the same SQL, written with `$1` placeholders
//! (which SQLite reads too), through sqlx's own driver for each; every edit is one
//! transaction that holds the plan's row, so two processes or two people never lose an edit
//! and an edit from a stale revision is refused when the part it writes changed since.

mod accounts;
pub mod connection;
mod postgres;
mod sqlite;

pub(crate) use accounts::clock;
pub use accounts::{NewAccount, SectionEdit, UserAccount};

use std::path::{Path, PathBuf};
use ts_rs::TS;

use serde::Serialize;
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use crate::edit::Edit;
use crate::model::{Plan, PlanStatus};
use crate::{Error, Result};

/// How many past versions of each plan are kept (the server's `dxplan_kept_revisions()`, which
/// lets a department prune only past them, must agree: tests/shared.rs checks it).
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
    pool: Pool,
    /// Who this store writes as: the author of its revisions.
    me: UserAccount,
    /// Where it is, as the planner reads it (see `shown`).
    address: String,
}

enum Pool {
    Lite(SqlitePool),
    Pg(PgPool),
}

/// One transaction, on either engine.
enum Tx {
    Lite(Transaction<'static, Sqlite>),
    Pg(Transaction<'static, Postgres>),
}

/// `$body` once per engine, with `$c` the engine's pool or transaction: the same code,
/// type-checked against each driver.
macro_rules! each {
    ($kind:ident, $e:expr, $c:ident => $body:expr) => {
        match $e {
            $kind::Lite($c) => $body,
            $kind::Pg($c) => $body,
        }
    };
}

// After `each!`, which they use.
mod copy;
mod deltas;
mod revisions;

pub use copy::Copied;
use deltas::document_at;
use revisions::{current_state, write_revision, Change, Step};

impl Tx {
    async fn commit(self) -> Result<()> {
        each!(Tx, self, t => t.commit().await?);
        Ok(())
    }

    /// `sql` reading a plan's row so that no other transaction can change it before this one
    /// ends: SQLite's transactions take the database's write lock when they begin
    /// (`BEGIN IMMEDIATE`); PostgreSQL's need `FOR UPDATE`.
    fn locking(&self, sql: &str) -> String {
        match self {
            Tx::Lite(_) => sql.to_string(),
            Tx::Pg(_) => format!("{sql} FOR UPDATE"),
        }
    }
}

use crate::fsutil::is_server;

/// A database as the planner reads its name: a server's address without its password, or
/// the file's path.
fn shown(db: &Path) -> String {
    if is_server(db) {
        postgres::shown(&db.to_string_lossy())
    } else {
        db.display().to_string()
    }
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

fn summary_of(r: (String, String, i32, String, String, i64, String)) -> PlanSummary {
    let (id, province, year, title, status, revision, updated_at) = r;
    PlanSummary {
        id,
        province,
        year,
        title,
        status: if status == "final" {
            PlanStatus::Final
        } else {
            PlanStatus::Draft
        },
        revision,
        updated_at,
    }
}

impl Store {
    /// `$DXPLAN_DB`, else `<app data>/dxplan.sqlite` (e.g. `%APPDATA%\dxplan\data` on
    /// Windows, `~/.local/share/dxplan` on Linux).
    pub fn default_path() -> PathBuf {
        if let Some(p) = std::env::var_os("DXPLAN_DB") {
            return PathBuf::from(p);
        }
        crate::fsutil::own_database()
    }

    /// `<app data>/dxplan.sqlite`, whatever `DXPLAN_DB` says.
    pub fn default_file() -> PathBuf {
        crate::fsutil::own_database()
    }

    /// The database file at `db`, created if missing; or, for `postgres://…`, the plans on
    /// that server (see `is_server`).
    pub async fn open(db: &Path) -> Result<Store> {
        let (pool, me) = if is_server(db) {
            let pool = postgres::connect(&db.to_string_lossy()).await?;
            let me = postgres::account(&pool).await?;
            (Pool::Pg(pool), me)
        } else {
            let pool = sqlite::open(db).await?;
            // A file written before revisions were kept as patches shrinks once, here.
            deltas::compact(&pool).await?;
            (Pool::Lite(pool), accounts::computer_user())
        };
        Ok(Store {
            pool,
            me,
            address: shown(db),
        })
    }

    /// The server's account@host:port/database (never the password), or the file's path.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Which engine: "sqlite" or "postgres".
    pub fn engine(&self) -> &'static str {
        match self.pool {
            Pool::Lite(_) => "sqlite",
            Pool::Pg(_) => "postgres",
        }
    }

    pub async fn close(self) {
        each!(Pool, self.pool, p => p.close().await);
    }

    /// A transaction that may write (see `Tx::locking`).
    async fn begin(&self) -> Result<Tx> {
        Ok(match &self.pool {
            Pool::Lite(p) => Tx::Lite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Pg(p) => Tx::Pg(p.begin().await?),
        })
    }

    /// A transaction that only reads: on the file a deferred one, not the write lock `begin`
    /// takes, so that reading never waits behind another window's edit.
    async fn begin_read(&self) -> Result<Tx> {
        Ok(match &self.pool {
            Pool::Lite(p) => Tx::Lite(p.begin().await?),
            Pool::Pg(p) => Tx::Pg(p.begin().await?),
        })
    }

    pub async fn list(&self) -> Result<Vec<PlanSummary>> {
        const SQL: &str = "SELECT id, province, year, title, status, revision, updated_at FROM plans ORDER BY updated_at DESC";
        let rows: Vec<(String, String, i32, String, String, i64, String)> =
            each!(Pool, &self.pool, p => sqlx::query_as(SQL).fetch_all(p).await?);
        Ok(rows.into_iter().map(summary_of).collect())
    }

    /// Stores a new plan (its text made clean, see `text::clean`) and returns its id.
    pub async fn create(&self, plan: &Plan) -> Result<String> {
        let plan = crate::text::clean_all(plan)?;
        crate::planfile::check_ids(&plan).map_err(Error::Invalid)?;
        let id = crate::model::new_id();
        let doc = serde_json::to_string(&plan).map_err(|e| Error::Invalid(e.to_string()))?;
        let t = now();
        let i = &plan.identity;
        let mut tx = self.begin().await?;
        each!(Tx, &mut tx, c => {
            sqlx::query("INSERT INTO plans (id, province, year, title, status, revision, created_at, updated_at, document) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8)")
                .bind(&id)
                .bind(&i.province)
                .bind(i.year)
                .bind(&i.title)
                .bind(status_str(i.status))
                .bind(&t)
                .bind(&t)
                .bind(&doc)
                .execute(&mut **c)
                .await?;
            sqlx::query("INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state, author, sections) VALUES ($1, 1, $2, 'Tạo kế hoạch', $3, 'edit', 1, $4, $5)")
                .bind(&id)
                .bind(&t)
                .bind(&doc)
                .bind(&self.me.account)
                .bind(accounts::sections_changed(None, &plan))
                .execute(&mut **c)
                .await?;
        });
        tx.commit().await?;
        Ok(id)
    }

    /// The plan's revision and document, read in `tx` (holding the row) or from the pool.
    fn parse(id: &str, row: Option<(i64, String)>) -> Result<(i64, Plan)> {
        let (revision, doc) = row.ok_or_else(|| Error::PlanNotFound(id.to_string()))?;
        let plan: Plan = serde_json::from_str(&doc).map_err(|e| Error::Damaged {
            id: id.to_string(),
            detail: e.to_string(),
        })?;
        Ok((revision, plan))
    }

    pub async fn load(&self, id: &str) -> Result<StoredPlan> {
        const SQL: &str = "SELECT revision, document FROM plans WHERE id = $1";
        let row: Option<(i64, String)> = each!(Pool, &self.pool, p => sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await?);
        let (revision, plan) = Self::parse(id, row)?;
        Ok(StoredPlan {
            id: id.to_string(),
            revision,
            plan,
        })
    }

    /// The plan's revision alone: what a window polls to see another session's edit.
    pub async fn revision(&self, id: &str) -> Result<i64> {
        const SQL: &str = "SELECT revision FROM plans WHERE id = $1";
        let r: Option<i64> = each!(Pool, &self.pool, p => sqlx::query_scalar(SQL)
            .bind(id)
            .fetch_optional(p)
            .await?);
        r.ok_or_else(|| Error::PlanNotFound(id.to_string()))
    }

    /// Applies one edit in one transaction. With `expected_revision`, refuses to overwrite a
    /// newer version written elsewhere. Returns the new revision.
    /// An edit made from an older revision than the stored one is applied all the same when
    /// the part of the plan it writes did not change since (`Edit::still_applies`); otherwise
    /// it is refused, naming who came first.
    pub async fn apply(&self, id: &str, expected_revision: Option<i64>, edit: Edit) -> Result<i64> {
        let summary = edit.summary();
        let scope = edit.clone();
        let still = move |seen: &Plan, now: &Plan| scope.still_applies(seen, now);
        self.update_from(id, expected_revision, &summary, Some(&still), |plan| {
            edit.apply(plan)
        })
        .await
    }

    /// A change made from `expected_revision` (when given): refused if the plan changed since.
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
        self.update_from(id, expected_revision, summary, None, change)
            .await
    }

    async fn update_from<F>(
        &self,
        id: &str,
        expected_revision: Option<i64>,
        summary: &str,
        still_applies: Option<&(dyn Fn(&Plan, &Plan) -> bool + Sync)>,
        change: F,
    ) -> Result<i64>
    where
        F: FnOnce(&mut Plan) -> Result<()>,
    {
        let mut tx = self.begin().await?;
        let sql = tx.locking("SELECT revision, document FROM plans WHERE id = $1");
        let row: Option<(i64, String)> = each!(Tx, &mut tx, c => sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&mut **c)
            .await?);
        let (revision, before) = Self::parse(id, row)?;
        if let Some(expected) = expected_revision.filter(|&e| e != revision) {
            let seen = match still_applies {
                // A revision no longer kept (or unreadable) cannot be compared: refused.
                Some(_) => document_at(&mut tx, id, expected).await.ok(),
                None => None,
            };
            let unchanged = match (still_applies, seen) {
                (Some(f), Some(seen)) => f(&seen, &before),
                _ => false,
            };
            if !unchanged {
                return Err(self.conflict(&mut tx, id, expected, revision).await?);
            }
        }
        // An error here drops `tx`, which rolls back: nothing changes.
        let mut plan = before.clone();
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
        let change = Change {
            before: Some(&before),
            after: &plan,
            summary,
        };
        write_revision(&mut tx, &self.me, id, next, change, step).await?;
        tx.commit().await?;
        Ok(next)
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
        const SQL: &str = "DELETE FROM plans WHERE id = $1";
        let affected = each!(Pool, &self.pool, p => sqlx::query(SQL)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected());
        if affected == 0 {
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
        const SQL: &str = "SELECT value FROM settings WHERE key = $1";
        Ok(each!(Pool, &self.pool, p => sqlx::query_scalar(SQL)
            .bind(key)
            .fetch_optional(p)
            .await?))
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        const SQL: &str = "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        each!(Pool, &self.pool, p => {
            sqlx::query(SQL).bind(key).bind(value).execute(p).await?;
        });
        Ok(())
    }

    /// The key that seals the workbooks sent to agencies (`proposals::seal`), made on first
    /// use. A file database keeps it among its settings; on the shared server it is in a
    /// table no account reads directly, and `dxplan_seal_key()` gives it to the admin and the
    /// drafters only — a department could otherwise seal a workbook as another agency's.
    pub async fn seal_key(&self) -> Result<String> {
        const KEY: &str = "workbook_seal_key";
        match &self.pool {
            Pool::Lite(_) => {
                if let Some(k) = self.setting(KEY).await? {
                    return Ok(k);
                }
                let fresh = crate::proposals::seal::Seal::new_key();
                // Two windows at once: the first key stored wins, both read it back.
                const SQL: &str =
                    "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT(key) DO NOTHING";
                each!(Pool, &self.pool, p => {
                    sqlx::query(SQL).bind(KEY).bind(&fresh).execute(p).await?;
                });
                Ok(self.setting(KEY).await?.unwrap_or(fresh))
            }
            Pool::Pg(p) => Ok(sqlx::query_scalar("SELECT dxplan_seal_key($1)")
                .bind(crate::proposals::seal::Seal::new_key())
                .fetch_one(p)
                .await?),
        }
    }

    /// The account this store is connected as.
    pub fn account(&self) -> &UserAccount {
        &self.me
    }

    /// Why an edit made from revision `expected` is refused: who made the newer revision
    /// `actual`, when, and what it was.
    async fn conflict(&self, tx: &mut Tx, id: &str, expected: i64, actual: i64) -> Result<Error> {
        const SQL: &str = "SELECT r.author, COALESCE(a.full_name, r.author), r.created_at, r.summary FROM plan_revisions r LEFT JOIN accounts a ON a.account = r.author WHERE r.plan_id = $1 AND r.revision = $2";
        let row: Option<(String, String, String, String)> = each!(Tx, tx, c => sqlx::query_as(SQL)
            .bind(id)
            .bind(actual)
            .fetch_optional(&mut **c)
            .await?);
        let (account, name, at, what) = row.unwrap_or_default();
        let by = if account == self.me.account || account.is_empty() {
            "bạn sửa ở cửa sổ khác hoặc bằng dòng lệnh".to_string()
        } else {
            format!("{name} sửa")
        };
        Ok(Error::Conflict {
            expected,
            actual,
            by,
            at: clock(&at),
            what,
        })
    }

    /// Who last changed each section of the plan, and when, as far as the kept history goes.
    pub async fn last_edits(&self, id: &str) -> Result<Vec<SectionEdit>> {
        const SQL: &str = "SELECT COALESCE(a.full_name, r.author), r.created_at, r.sections FROM plan_revisions r LEFT JOIN accounts a ON a.account = r.author WHERE r.plan_id = $1 AND r.author <> '' ORDER BY r.revision DESC";
        let rows: Vec<(String, String, String)> = each!(Pool, &self.pool, p => sqlx::query_as(SQL)
            .bind(id)
            .fetch_all(p)
            .await?);
        Ok(accounts::last_edits(rows))
    }

    /// Whether this account may make accounts: on a server, one allowed to create roles.
    pub async fn may_create_accounts(&self) -> Result<bool> {
        match &self.pool {
            Pool::Lite(_) => Ok(false),
            Pool::Pg(p) => Ok(sqlx::query_scalar(
                "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = session_user",
            )
            .fetch_optional(p)
            .await?
            .unwrap_or(false)),
        }
    }

    /// Whether the link to the server is encrypted (TLS): asked by default when the server
    /// offers it (sqlx's `sslmode=prefer`), so this says whether it did. A personal file has no
    /// link: `None`.
    pub async fn encrypted(&self) -> Result<Option<bool>> {
        match &self.pool {
            Pool::Lite(_) => Ok(None),
            Pool::Pg(p) => Ok(Some(
                sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .fetch_optional(p)
                    .await?
                    .unwrap_or(false),
            )),
        }
    }

    /// The accounts the admin has made (none on a personal file).
    pub async fn accounts(&self) -> Result<Vec<UserAccount>> {
        const SQL: &str =
            "SELECT account, full_name, agency FROM accounts ORDER BY agency NULLS FIRST, account";
        let rows: Vec<(String, String, Option<String>)> =
            each!(Pool, &self.pool, p => sqlx::query_as(SQL).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|(account, full_name, agency)| UserAccount {
                account,
                full_name,
                agency,
            })
            .collect())
    }

    /// Makes an account on the shared server: a drafter's, or (with an agency) a
    /// department's, which the server itself lets change only the tasks that agency leads.
    /// Only the admin, an account allowed to create roles, may do it.
    pub async fn create_account(&self, new: &NewAccount) -> Result<UserAccount> {
        let Pool::Pg(p) = &self.pool else {
            return Err(Error::Invalid(
                "Tài khoản chỉ có trên máy chủ dùng chung; cơ sở dữ liệu trên máy này chỉ có một người dùng.".into(),
            ));
        };
        let account = postgres::create_account(p, new).await?;
        Ok(account)
    }

    /// The database's own check and how it keeps its journal, for tests and diagnostics:
    /// SQLite's `integrity_check` and journal mode; for a server, "ok" and "server".
    pub async fn health(&self) -> Result<(String, String)> {
        match &self.pool {
            Pool::Lite(p) => sqlite::health(p).await,
            Pool::Pg(p) => {
                let one: i32 = sqlx::query_scalar("SELECT 1").fetch_one(p).await?;
                Ok((if one == 1 { "ok" } else { "?" }.into(), "server".into()))
            }
        }
    }
}
