//! A fresh database on the PostgreSQL test server for each shared-mode test, its accounts,
//! and what those tests share.

use std::path::PathBuf;

use dxplan::model::Plan;
use dxplan::sample;
use dxplan::store::{NewAccount, Store};
use sqlx::Connection;

pub const BUILDER: &str = "Sở Xây dựng";

/// A fresh database on the test server, the admin's address for it, and the accounts made
/// in it; everything is dropped at the end, even when the test fails.
pub struct Server {
    pub admin: String,
    pub base: String,
    pub db: String,
    pub suffix: String,
}

impl Server {
    pub async fn new() -> Option<Server> {
        let admin = super::test_server()?;
        let suffix = dxplan::model::new_id().replace('-', "")[..8].to_string();
        let db = format!("dxplan_shared_{suffix}");
        let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {db}"))
            .execute(&mut c)
            .await
            .unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        Some(Server {
            base: base.to_string(),
            admin,
            db,
            suffix,
        })
    }

    /// The admin's address for this test's database.
    pub fn url(&self) -> PathBuf {
        PathBuf::from(format!("{}/{}", self.base, self.db))
    }

    /// Another account's address for the same database.
    pub fn url_as(&self, account: &str, password: &str) -> PathBuf {
        let host = self.base.split_once('@').unwrap().1;
        PathBuf::from(format!(
            "postgres://{account}:{password}@{host}/{}",
            self.db
        ))
    }

    /// The admin's password, from the test server's address.
    pub fn admin_password(&self) -> String {
        self.admin
            .split_once("://")
            .and_then(|(_, rest)| rest.split_once('@'))
            .and_then(|(who, _)| who.split_once(':'))
            .map(|(_, p)| p.to_string())
            .unwrap()
    }

    pub fn login(&self, name: &str) -> String {
        format!("{name}_{}", self.suffix)
    }
}

/// What is dropped at the end: the test's database, then its accounts (roles belong to the
/// whole server, so they are found by the test's suffix).
pub async fn drop_all(admin: String, db: String, suffix: String) -> Result<(), sqlx::Error> {
    let mut c = sqlx::PgConnection::connect(&admin).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .execute(&mut c)
        .await?;
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT rolname::text FROM pg_roles WHERE rolname LIKE $1")
            .bind(format!("%\\_{suffix}"))
            .fetch_all(&mut c)
            .await?;
    for r in roles {
        sqlx::query(&format!("DROP ROLE \"{r}\""))
            .execute(&mut c)
            .await?;
    }
    Ok(())
}

/// Dropping happens here, so that a failed test leaves nothing on the server either (on a
/// thread of its own: the test's runtime may be unwinding).
impl Drop for Server {
    fn drop(&mut self) {
        let (admin, db, suffix) = (self.admin.clone(), self.db.clone(), self.suffix.clone());
        let done =
            std::thread::spawn(move || super::rt().block_on(drop_all(admin, db, suffix))).join();
        if !matches!(done, Ok(Ok(()))) {
            eprintln!("could not drop the test database {}: {done:?}", self.db);
        }
    }
}

/// Runs `test` against a fresh database on the test server, then drops it and its accounts.
pub fn on_server<F, Fut>(test: F)
where
    F: FnOnce(std::sync::Arc<Server>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    super::rt().block_on(async {
        let Some(server) = Server::new().await else {
            eprintln!("DXPLAN_TEST_PG is not set: the shared-mode tests need a PostgreSQL server (scripts/test-server).");
            return;
        };
        test(std::sync::Arc::new(server)).await;
    });
}

pub fn builder_ids(plan: &Plan) -> Vec<String> {
    plan.directory
        .iter()
        .filter(|a| a.name == BUILDER)
        .map(|a| a.id.clone())
        .collect()
}

/// The first task `lead`s by `own` (or, with `own` false, one none of them leads).
pub fn a_task(plan: &Plan, ids: &[String], own: bool) -> dxplan::model::Task {
    plan.groups
        .iter()
        .flat_map(|g| &g.tasks)
        .find(|t| t.lead.iter().any(|l| ids.contains(l)) == own)
        .unwrap()
        .clone()
}

/// The server itself refused `e` for want of rights (SQLSTATE 42501); `what` names the try.
pub fn refused_by_server(e: &sqlx::Error, what: &str) {
    assert_eq!(
        e.as_database_error().and_then(|d| d.code()).as_deref(),
        Some("42501"),
        "{what}: {e}"
    );
}

/// The sample on the server, and the account the admin made for Sở Xây dựng (password
/// "mat-khau-xd-2027"): the admin's store, the plan's id and the account's login.
pub async fn sample_and_builder(server: &Server) -> (Store, String, String) {
    let admin = Store::open(&server.url()).await.unwrap();
    let id = admin.create(&sample::plan()).await.unwrap();
    let login = server.login("so_xd");
    admin
        .create_account(&NewAccount {
            account: login.clone(),
            password: "mat-khau-xd-2027".into(),
            full_name: "Trần Văn Bình".into(),
            agency: Some(BUILDER.into()),
        })
        .await
        .unwrap();
    (admin, id, login)
}
