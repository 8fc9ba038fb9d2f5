//! The shared engine: a PostgreSQL server in the province's data centre, for a team working
//! on one plan. Connecting says in Vietnamese what went wrong — the server does not answer,
//! the password is wrong, the database does not exist, the account has no rights, the
//! database belongs to a newer release — and keeps the driver's text for the log.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::{Error, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("src/migrations/postgres");

/// The server's address without its password, for messages and the log.
pub(super) fn shown(url: &str) -> String {
    match PgConnectOptions::from_str(url) {
        Ok(o) => format!(
            "{}@{}:{}/{}",
            o.get_username(),
            o.get_host(),
            o.get_port(),
            o.get_database().unwrap_or_default()
        ),
        Err(_) => "(địa chỉ không đúng dạng)".into(),
    }
}

/// Why connecting failed, as the planner reads it.
fn reason(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Configuration(_) => {
            "địa chỉ máy chủ không đúng dạng (ví dụ: postgres://tai-khoan@may-chu:5432/ke-hoach)"
                .into()
        }
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => {
            "máy chủ không trả lời; hãy kiểm tra địa chỉ, cổng và mạng".into()
        }
        sqlx::Error::Tls(_) => "không lập được kết nối bảo mật (TLS) với máy chủ".into(),
        sqlx::Error::Database(d) => match d.code().as_deref() {
            Some("28P01") | Some("28000") => "sai tài khoản hoặc mật khẩu".into(),
            Some("3D000") => "máy chủ không có cơ sở dữ liệu này".into(),
            Some("42501") => "tài khoản không có quyền trên cơ sở dữ liệu này".into(),
            Some("53300") => "máy chủ đang có quá nhiều kết nối; hãy thử lại sau".into(),
            _ => "máy chủ từ chối kết nối".into(),
        },
        _ => "lỗi khi kết nối".into(),
    }
}

pub(super) async fn connect(url: &str) -> Result<PgPool> {
    let server = shown(url);
    let fail = |e: sqlx::Error| {
        log::error!("postgres {server}: {e:?}");
        Error::Server {
            server: server.clone(),
            reason: reason(&e),
        }
    };
    let options = PgConnectOptions::from_str(url).map_err(fail)?;
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(fail)?;
    MIGRATOR.run(&pool).await.map_err(|e| {
        log::error!("postgres {server}: {e:?}");
        Error::Server {
            server: server.clone(),
            reason: match &e {
                sqlx::migrate::MigrateError::VersionMissing(_) => {
                    "cơ sở dữ liệu trên máy chủ thuộc phiên bản ứng dụng mới hơn; hãy cập nhật ứng dụng".into()
                }
                sqlx::migrate::MigrateError::Execute(inner) => reason(inner),
                _ => "không cập nhật được cấu trúc cơ sở dữ liệu trên máy chủ".into(),
            },
        }
    })?;
    Ok(pool)
}
