//! What the desktop app asks of the core, one method per user action. The Tauri shell maps
//! each of its commands to exactly one call here, so everything the window shows — numbers,
//! totals, findings, completeness, the preview — is computed in this crate, once.

mod consultation;
mod documents;
mod plans;
mod rounds;
mod server;
mod view;

use crate::catalogue::Catalogues;
use crate::model::Plan;
use crate::store::{PlanSummary, Store};
use crate::{Error, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub use consultation::*;
pub use documents::*;
pub use plans::*;
pub use rounds::*;
pub use server::*;
pub use view::*;

/// Runs `work` to its end on a blocking thread of the runtime. Opening a store runs sqlx's
/// migrator, whose future the compiler cannot prove `Send` (a known higher-ranked lifetime
/// limit), and the window's commands must be; on its own thread it need not be.
async fn detached<T, F, W>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> W + Send + 'static,
    W: std::future::Future<Output = Result<T>>,
{
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || handle.block_on(work()))
        .await
        .map_err(|e| Error::Invalid(format!("lỗi của ứng dụng khi mở cơ sở dữ liệu: {e}")))?
}

pub struct Session {
    /// The database in use: this computer's file, or the shared server the planner connected
    /// to (see `connect`); swapped whole, so a request in flight finishes on the one it began.
    store: std::sync::RwLock<std::sync::Arc<Store>>,
    /// This computer's own database file, used when not on a server.
    local_db: PathBuf,
    /// The server's password when the system has no credential store: kept while the app is
    /// open, never written.
    password: std::sync::Mutex<Option<String>>,
    /// Reloaded when the planner imports a catalogue.
    catalogues: std::sync::RwLock<std::sync::Arc<Catalogues>>,
    /// Where imported catalogues go (none: importing is not offered).
    catalogue_dir: Option<PathBuf>,
}

/// An error as the window receives it: the Vietnamese sentence to show. The technical
/// detail goes to the log when the error is converted.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UserError {
    pub message: String,
    /// The database did not answer (the shared server is down or out of reach): the same
    /// request may succeed once it is back, and the window tries it again.
    pub retry: bool,
    /// The edit was made from a revision that is no longer the newest: an edit built from
    /// the plan as it now stands may be sent again (see the window's `usePlan`).
    pub stale: bool,
}

impl From<Error> for UserError {
    fn from(e: Error) -> Self {
        log::warn!("{}", e.detail());
        UserError {
            retry: matches!(e, Error::Unreachable(_)),
            stale: matches!(e, Error::Conflict { .. }),
            message: e.to_string(),
        }
    }
}

impl Session {
    pub async fn open(db: &Path, catalogue_dir: Option<&Path>) -> Result<Session> {
        let store = Store::open(db).await?;
        let local_db = if crate::fsutil::is_server(db) {
            Store::default_file()
        } else {
            db.to_path_buf()
        };
        Session::with_store(store, local_db, catalogue_dir)
    }

    fn with_store(
        store: Store,
        local_db: PathBuf,
        catalogue_dir: Option<&Path>,
    ) -> Result<Session> {
        let catalogues = Catalogues::load(catalogue_dir)?;
        Ok(Session {
            store: std::sync::RwLock::new(std::sync::Arc::new(store)),
            local_db,
            password: Default::default(),
            catalogues: std::sync::RwLock::new(std::sync::Arc::new(catalogues)),
            catalogue_dir: catalogue_dir.map(Path::to_path_buf),
        })
    }

    pub fn store(&self) -> std::sync::Arc<Store> {
        // A poisoned lock still holds the last store opened.
        self.store.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn catalogues(&self) -> std::sync::Arc<Catalogues> {
        // A poisoned lock still holds the last catalogues read.
        self.catalogues
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The example of a year's national task list, written where the planner chose.
    pub fn save_catalogue_example(&self, path: &Path) -> Result<()> {
        crate::fsutil::write_atomic(path, crate::catalogue::EXAMPLE_NATIONAL_TASKS.as_bytes())
    }

    /// A catalogue file the planner brings (the year's national task list), checked, kept in
    /// the catalogue folder and in use from now on.
    pub fn import_catalogue(&self, file: &Path) -> Result<std::sync::Arc<Catalogues>> {
        let dir = self.catalogue_dir.as_deref().ok_or_else(|| {
            Error::Invalid("Phiên làm việc này không có thư mục danh mục để nhập.".into())
        })?;
        crate::catalogue::import_into(dir, file)?;
        let fresh = std::sync::Arc::new(Catalogues::load(Some(dir))?);
        *self.catalogues.write().unwrap_or_else(|e| e.into_inner()) = fresh.clone();
        Ok(fresh)
    }

    pub async fn list(&self) -> Result<Vec<PlanSummary>> {
        self.store().list().await
    }

    /// The plan as stored, without the window's views of it.
    pub async fn plan(&self, id: &str) -> Result<Plan> {
        Ok(self.store().load(id).await?.plan)
    }

    /// Every step of the plan's history, newest first.
    pub async fn history(&self, id: &str) -> Result<Vec<crate::store::Revision>> {
        self.store().history(id).await
    }

    /// Ends the session: the database is closed cleanly (SQLite folds its journal back into
    /// the file) unless a request still holds it.
    pub async fn close(self) {
        let store = self.store.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Ok(store) = std::sync::Arc::try_unwrap(store) {
            store.close().await;
        }
    }
}
