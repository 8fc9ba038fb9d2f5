//! Connecting the window to the province's shared server: the address parts the planner
//! types (kept in a small file beside the local database, never the password), the password
//! (kept in the operating system's credential store), and the `postgres://` address made
//! from them for `Store::open`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// Where a shared server is, as the settings screen asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServerSettings {
    /// "csdl.quangngai.gov.vn" or an IP address.
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
}

const FILE: &str = "may-chu-dung-chung.json";

impl ServerSettings {
    /// The fields trimmed, or what is missing, as a sentence.
    pub fn checked(&self) -> Result<ServerSettings> {
        let s = ServerSettings {
            host: self.host.trim().to_string(),
            port: self.port,
            database: self.database.trim().to_string(),
            user: self.user.trim().to_string(),
        };
        let missing: Vec<&str> = [
            ("địa chỉ máy chủ", s.host.is_empty()),
            ("tên cơ sở dữ liệu", s.database.is_empty()),
            ("tài khoản", s.user.is_empty()),
        ]
        .into_iter()
        .filter_map(|(what, empty)| empty.then_some(what))
        .collect();
        if !missing.is_empty() {
            return Err(Error::Invalid(format!("hãy nhập {}", missing.join(", "))));
        }
        if s.port == 0 {
            return Err(Error::Invalid(
                "cổng máy chủ phải là một số từ 1 đến 65535 (thường là 5432)".into(),
            ));
        }
        if s.host.contains(['/', '@', ' ', '?', '#']) {
            return Err(Error::Invalid(format!(
                "địa chỉ máy chủ «{}» không đúng dạng (ví dụ: csdl.quangngai.gov.vn hoặc 10.0.0.5)",
                s.host
            )));
        }
        Ok(s)
    }

    /// The address `Store::open` reads; TLS is used when the server offers it (sqlx's
    /// default `sslmode=prefer`).
    pub fn url(&self, password: &str) -> PathBuf {
        PathBuf::from(format!(
            "postgres://{}:{}@{}:{}/{}",
            encode(&self.user),
            encode(password),
            self.host,
            self.port,
            encode(&self.database)
        ))
    }

    /// "lan@csdl.quangngai.gov.vn:5432/ke_hoach_cds", for messages and the credential store.
    pub fn shown(&self) -> String {
        format!(
            "{}@{}:{}/{}",
            self.user, self.host, self.port, self.database
        )
    }
}

/// Percent-encodes everything but the unreserved characters, so that any password or name
/// stays one part of the address.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Opens the database the planner chose last on this computer — the window and the CLI alike:
/// the saved shared server, with its password from the credential store, else this
/// computer's file `local_db`. When the server cannot be used, the file is opened and the
/// sentence says why.
pub async fn open_preferred(local_db: &Path) -> Result<(super::Store, Option<String>)> {
    use super::Store;
    let Some(settings) = saved(&crate::fsutil::local_dir(local_db)) else {
        return Ok((Store::open(local_db).await?, None));
    };
    let Some(password) = secret::read(&settings) else {
        let note = format!("Chưa có mật khẩu của máy chủ dùng chung {}: hãy kết nối lại trong «Máy chủ». Đang dùng cơ sở dữ liệu trên máy này.", settings.shown());
        return Ok((Store::open(local_db).await?, Some(note)));
    };
    match Store::open(&settings.url(&password)).await {
        Ok(store) => Ok((store, None)),
        Err(e) => Ok((
            Store::open(local_db).await?,
            Some(format!("{e} Đang dùng cơ sở dữ liệu trên máy này.")),
        )),
    }
}

/// The server chosen last time on this computer, if any.
pub fn saved(local_dir: &Path) -> Option<ServerSettings> {
    let text = std::fs::read_to_string(local_dir.join(FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Remembers the server (or, with `None`, that this computer works on its own file).
pub fn save(local_dir: &Path, settings: Option<&ServerSettings>) -> Result<()> {
    let path = local_dir.join(FILE);
    match settings {
        Some(s) => {
            std::fs::create_dir_all(local_dir).map_err(Error::Io)?;
            let json = serde_json::to_vec_pretty(s).map_err(|e| Error::Invalid(e.to_string()))?;
            crate::fsutil::write_atomic(&path, &json)
        }
        None => match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Io(e)),
            _ => Ok(()),
        },
    }
}

/// The password of a server account, in the operating system's credential store: the
/// Windows Credential Manager. Elsewhere there is no store the app can rely on (a Linux
/// desktop may have none running), so the password is kept only while the app is open.
pub mod secret {
    use super::ServerSettings;
    use crate::{Error, Result};

    const SERVICE: &str = "dxplan (kế hoạch chuyển đổi số)";

    /// Whether this system has a credential store the app uses.
    pub fn available() -> bool {
        cfg!(windows)
    }

    #[cfg(windows)]
    fn entry(s: &ServerSettings) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, &s.shown()).map_err(failed)
    }

    #[cfg(windows)]
    fn failed(e: keyring::Error) -> Error {
        log::error!("credential store: {e:?}");
        Error::Invalid(
            "không dùng được kho mật khẩu của Windows (Trình quản lý thông tin xác thực)".into(),
        )
    }

    pub fn store(s: &ServerSettings, password: &str) -> Result<()> {
        #[cfg(windows)]
        {
            entry(s)?.set_password(password).map_err(failed)
        }
        #[cfg(not(windows))]
        {
            let _ = (s, password, SERVICE);
            Err(Error::Invalid(
                "hệ điều hành này không có kho mật khẩu mà ứng dụng dùng được; mật khẩu chỉ được giữ đến khi đóng ứng dụng".into(),
            ))
        }
    }

    pub fn read(s: &ServerSettings) -> Option<String> {
        #[cfg(windows)]
        {
            entry(s).ok()?.get_password().ok()
        }
        #[cfg(not(windows))]
        {
            let _ = s;
            None
        }
    }

    pub fn forget(s: &ServerSettings) {
        #[cfg(windows)]
        if let Ok(e) = entry(s) {
            let _ = e.delete_credential();
        }
        #[cfg(not(windows))]
        let _ = s;
    }
}
