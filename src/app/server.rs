//! Where the window works: this computer's file or the shared server, the accounts on it,
//! moving plans between the two, and where each colleague resumes.

use crate::store::connection::{self, ServerSettings};
use crate::store::{Copied, NewAccount, Store, UserAccount};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

use super::{detached, Session};

/// Where the planner was, so that the app reopens there.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Resume {
    pub plan: Option<String>,
    pub screen: Option<String>,
}

const RESUME_KEY: &str = "app.resume";

/// Where the window works, for the «Máy chủ» screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Connection {
    /// On the shared server (else on this computer's file).
    pub shared: bool,
    /// Where the window works, as the planner reads it: the server's
    /// account@host:port/database (never the password), or the file's path.
    pub address: String,
    pub local_file: String,
    /// The server chosen on this computer, without its password.
    pub server: Option<ServerSettings>,
    pub account: UserAccount,
    /// The account may make accounts (the admin).
    pub admin: bool,
    /// The accounts made on the server.
    pub accounts: Vec<UserAccount>,
    /// The system has a credential store to remember the password in.
    pub credential_store: bool,
    /// The link to the server is encrypted (TLS); false on this computer's file.
    pub encrypted: bool,
}

impl Session {
    /// Opens the database the planner chose last (see `connection::open_preferred`), with the
    /// sentence saying why the file was opened instead of the server. A server's address
    /// (DXPLAN_DB, the CLI's --db) is opened as is.
    pub async fn open_preferred(
        db: &Path,
        catalogue_dir: Option<&Path>,
    ) -> Result<(Session, Option<String>)> {
        if crate::fsutil::is_server(db) {
            return Ok((Session::open(db, catalogue_dir).await?, None));
        }
        let (store, note) = connection::open_preferred(db).await?;
        Ok((
            Session::with_store(store, db.to_path_buf(), catalogue_dir)?,
            note,
        ))
    }

    /// Where the window works now, and as whom.
    pub async fn connection(&self) -> Result<Connection> {
        let store = self.store();
        let server = (store.engine() == "postgres")
            .then(|| connection::saved(&crate::fsutil::local_dir(&self.local_db)))
            .flatten();
        let accounts = if store.engine() == "postgres" {
            store.accounts().await?
        } else {
            Vec::new()
        };
        Ok(Connection {
            shared: store.engine() == "postgres",
            address: store.address().to_string(),
            local_file: self.local_db.display().to_string(),
            server,
            account: store.account().clone(),
            admin: store.engine() == "postgres" && store.may_create_accounts().await?,
            accounts,
            credential_store: connection::secret::available(),
            encrypted: store.encrypted().await?.unwrap_or(false),
        })
    }

    /// Connects to a shared server; from then on every request goes there. The address is
    /// remembered on this computer, and the password in the credential store when
    /// `remember` (or, without one, until the app closes). Nothing changes when connecting
    /// fails.
    pub async fn connect(
        &self,
        settings: &ServerSettings,
        password: &str,
        remember: bool,
    ) -> Result<Connection> {
        let settings = settings.checked()?;
        if password.is_empty() {
            return Err(Error::Invalid("hãy nhập mật khẩu".into()));
        }
        let url = settings.url(password);
        let store = detached(move || async move { Store::open(&url).await }).await?;
        let dir = crate::fsutil::local_dir(&self.local_db);
        connection::save(&dir, Some(&settings))?;
        if remember && connection::secret::available() {
            connection::secret::store(&settings, password)?;
        } else {
            connection::secret::forget(&settings);
        }
        *self.password.lock().unwrap_or_else(|e| e.into_inner()) = Some(password.to_string());
        *self.store.write().unwrap_or_else(|e| e.into_inner()) = std::sync::Arc::new(store);
        self.connection().await
    }

    /// Back to this computer's own database file; the server is forgotten here (its plans
    /// stay on it).
    pub async fn disconnect(&self) -> Result<Connection> {
        let db = self.local_db.clone();
        let store = detached(move || async move { Store::open(&db).await }).await?;
        let dir = crate::fsutil::local_dir(&self.local_db);
        if let Some(settings) = connection::saved(&dir) {
            connection::secret::forget(&settings);
        }
        connection::save(&dir, None)?;
        *self.password.lock().unwrap_or_else(|e| e.into_inner()) = None;
        *self.store.write().unwrap_or_else(|e| e.into_inner()) = std::sync::Arc::new(store);
        self.connection().await
    }

    /// Copies every plan with its history between this computer's file and the server in
    /// use: up (`to_server`) or back down. Refused whole when the other side already holds
    /// one of the plans.
    pub async fn move_plans(&self, to_server: bool) -> Result<Copied> {
        let server = self.store();
        if server.engine() != "postgres" {
            return Err(Error::Invalid(
                "Hãy kết nối tới máy chủ dùng chung trước khi chuyển kế hoạch.".into(),
            ));
        }
        let local_db = self.local_db.clone();
        detached(move || async move {
            let local = Store::open(&local_db).await?;
            let copied = if to_server {
                local.copy_all_to(&server).await
            } else {
                server.copy_all_to(&local).await
            };
            local.close().await;
            copied
        })
        .await
    }

    /// Copies every plan with its history from the database in use to another (`dxplan
    /// copy-plans --to`); refused whole when the other already holds one of the plans.
    pub async fn copy_plans_to(&self, to: &Path) -> Result<Copied> {
        let dest = Store::open(to).await?;
        let copied = self.store().copy_all_to(&dest).await;
        dest.close().await;
        copied
    }

    /// Makes a drafter's or a department's account on the shared server (admin only).
    pub async fn make_account(&self, new: &NewAccount) -> Result<UserAccount> {
        self.store().create_account(new).await
    }

    /// `make_account`, then the screen «Máy chủ» as it now stands.
    pub async fn create_account(&self, new: &NewAccount) -> Result<Connection> {
        self.make_account(new).await?;
        self.connection().await
    }

    /// Where the window resumes on a shared server: a file of this computer, so that each
    /// colleague comes back to their own plan and screen (and a department's account, which
    /// may not write the server's settings, does too). On this computer's database, in it.
    fn resume_file(&self) -> PathBuf {
        crate::fsutil::local_dir(&self.local_db).join("tiep-tuc-may-chu.json")
    }

    pub async fn resume(&self) -> Result<Resume> {
        let saved = if self.store().engine() == "postgres" {
            std::fs::read_to_string(self.resume_file()).ok()
        } else {
            self.store().setting(RESUME_KEY).await?
        };
        let mut resume: Resume = saved
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        // A plan deleted elsewhere since is not reopened.
        if let Some(id) = &resume.plan {
            if self.store().load(id).await.is_err() {
                resume = Resume::default();
            }
        }
        Ok(resume)
    }

    pub async fn set_resume(&self, resume: &Resume) -> Result<()> {
        let json = serde_json::to_string(resume).map_err(|e| Error::Invalid(e.to_string()))?;
        if self.store().engine() == "postgres" {
            let file = self.resume_file();
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(Error::Io)?;
            }
            return crate::fsutil::write_atomic(&file, json.as_bytes());
        }
        self.store().set_setting(RESUME_KEY, &json).await
    }
}
