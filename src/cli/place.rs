//! Where a command works: the database and catalogues it was given.

use std::path::{Path, PathBuf};

use dxplan::app::Session;
use dxplan::model::Plan;
use dxplan::store::Store;
use dxplan::{planfile, Error, Result};

/// Where a command works: the --db and --catalogues it was given. Every command goes through
/// the window's `Session`, so the CLI and the window cannot differ in what an action does.
pub struct Place {
    pub db: Option<PathBuf>,
    pub catalogues: Option<PathBuf>,
}

impl Place {
    /// --db, else DXPLAN_DB, else the app's own file.
    pub fn named(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(Store::default_path)
    }

    /// The session the command works in, opened as the window opens it: a server named by
    /// --db (or DXPLAN_DB); otherwise the shared server chosen on this computer (`dxplan
    /// connect` or the window's «Máy chủ»), else the file — saying why when the server cannot
    /// be used.
    pub async fn session(&self) -> Result<Session> {
        let (session, note) =
            Session::open_preferred(&self.named(), self.catalogues.as_deref()).await?;
        if let Some(note) = note {
            eprintln!("{note}");
        }
        Ok(session)
    }

    /// The session on this computer's own file, whatever server was chosen.
    pub async fn local_session(&self) -> Result<Session> {
        Session::open(&self.local_file(), self.catalogues.as_deref()).await
    }

    /// This computer's own database file: --db (or DXPLAN_DB) when it names a file, else the
    /// app's.
    pub fn local_file(&self) -> PathBuf {
        let path = self.named();
        if dxplan::fsutil::is_server(&path) {
            Store::default_file()
        } else {
            path
        }
    }

    /// PLAN is a plan file when such a file exists, otherwise a plan id in the database.
    pub async fn resolve(&self, plan: &str) -> Result<Plan> {
        let path = Path::new(plan);
        if path.is_file() {
            return planfile::read(path);
        }
        if plan.ends_with(".json") {
            return Err(Error::PlanFile {
                path: path.to_path_buf(),
                reason: "không tìm thấy tệp".into(),
            });
        }
        let session = self.session().await?;
        let p = session.plan(plan).await?;
        session.close().await;
        Ok(p)
    }

    /// The database's seal for workbooks sent to agencies (kept in the database even when the
    /// plan is a file, so the files a round sent are checked when they come back).
    pub async fn seal(&self) -> Result<dxplan::proposals::seal::Seal> {
        let session = self.session().await?;
        let seal = session.seal().await;
        session.close().await;
        seal
    }

    /// Saves `plan` as a new plan and says its id.
    pub async fn add(&self, plan: &Plan) -> Result<String> {
        let session = self.session().await?;
        let id = session.add(plan).await?;
        session.close().await;
        Ok(id)
    }
}
