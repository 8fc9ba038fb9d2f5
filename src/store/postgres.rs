//! The shared engine: a PostgreSQL server in the province's data centre, for a team working
//! on one plan. Connecting says in Vietnamese what went wrong — the server does not answer,
//! the password is wrong, the database does not exist, the account has no rights, the
//! database belongs to a newer release — and keeps the driver's text for the log.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::{NewAccount, UserAccount};
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
    // A colleague (or anyone with a password) holding a plan's row in an open transaction
    // must not make this window's saves wait for ever: they fail after a few seconds, as a
    // database that does not answer, and are sent again (see Error::from).
    let options = PgConnectOptions::from_str(url)
        .map_err(fail)?
        .options([("lock_timeout", "5s"), ("statement_timeout", "60s")]);
    // Each step in the log, so a connection that hangs shows where (support, and CI under Wine).
    log::info!("postgres {server}: kết nối");
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(fail)?;
    log::info!("postgres {server}: đã kết nối");
    if up_to_date(&pool).await {
        return Ok(pool);
    }
    MIGRATOR.run(&pool).await.map_err(|e| {
        log::error!("postgres {server}: {e:?}");
        Error::Server {
            server: server.clone(),
            reason: match &e {
                sqlx::migrate::MigrateError::VersionMissing(_) => {
                    "cơ sở dữ liệu trên máy chủ thuộc phiên bản ứng dụng mới hơn; hãy cập nhật ứng dụng".into()
                }
                sqlx::migrate::MigrateError::Execute(inner)
                    if inner.as_database_error().and_then(|d| d.code()).as_deref()
                        == Some("42501") =>
                {
                    "cơ sở dữ liệu trên máy chủ cần được tài khoản quản trị cập nhật cho phiên bản ứng dụng này (hãy mở ứng dụng bằng tài khoản quản trị một lần)".into()
                }
                sqlx::migrate::MigrateError::Execute(inner) => reason(inner),
                _ => "không cập nhật được cấu trúc cơ sở dữ liệu trên máy chủ".into(),
            },
        }
    })?;
    Ok(pool)
}

/// Whether the server's database already has exactly this release's migrations. Then there is
/// nothing to run: accounts other than the admin may not create tables, and sqlx's migrator
/// always tries to create its own table first.
async fn up_to_date(pool: &PgPool) -> bool {
    let applied: Vec<i64> = match sqlx::query_scalar(
        "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(pool)
    .await
    {
        Ok(v) => v,
        Err(_) => return false,
    };
    let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    applied == known
}

/// The account the pool logged in as, with the name and agency the admin gave it.
pub(super) async fn account(pool: &PgPool) -> Result<UserAccount> {
    let account: String = sqlx::query_scalar("SELECT session_user::text")
        .fetch_one(pool)
        .await?;
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT full_name, agency FROM accounts WHERE account = $1")
            .bind(&account)
            .fetch_optional(pool)
            .await?;
    let (full_name, agency) = row.unwrap_or_else(|| (account.clone(), None));
    Ok(UserAccount {
        account,
        full_name,
        agency,
    })
}

/// A login the server accepts as a role name and does not keep for itself.
fn checked_login(login: &str) -> Result<()> {
    let ok_login = (3..=40).contains(&login.len())
        && login.starts_with(|c: char| c.is_ascii_lowercase())
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok_login {
        return Err(Error::Invalid(format!(
            "tên đăng nhập «{login}» phải dài 3–40 ký tự, bắt đầu bằng chữ thường, chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (ví dụ: so_yte)"
        )));
    }
    // Names PostgreSQL keeps for itself (roles "pg_…", "public" and the like).
    const RESERVED: [&str; 5] = [
        "public",
        "none",
        "current_user",
        "session_user",
        "current_role",
    ];
    if login.starts_with("pg_") || RESERVED.contains(&login) {
        return Err(Error::Invalid(format!(
            "tên đăng nhập «{login}» là tên máy chủ dành riêng; hãy chọn tên khác (ví dụ: so_yte)"
        )));
    }
    Ok(())
}

/// A person's name for an account: runs of blanks made one space, not empty, no control
/// characters.
fn checked_name(full_name: &str) -> Result<String> {
    // A tab or a line break typed or pasted into the name would break every list that
    // shows it (one account per line): runs of blanks become one space.
    let full_name = full_name.split_whitespace().collect::<Vec<_>>().join(" ");
    if full_name.is_empty() {
        return Err(Error::Invalid("hãy nhập tên người dùng tài khoản".into()));
    }
    if full_name.chars().any(char::is_control) {
        return Err(Error::Invalid(
            "tên người dùng không được chứa ký tự điều khiển".into(),
        ));
    }
    Ok(full_name)
}

/// Checks a new account's fields, then makes it (see migration 0003,
/// `dxplan_create_account`).
pub(super) async fn create_account(pool: &PgPool, new: &NewAccount) -> Result<UserAccount> {
    let login = new.account.trim();
    checked_login(login)?;
    if new.password.chars().count() < 8 {
        return Err(Error::Invalid("mật khẩu phải có ít nhất 8 ký tự".into()));
    }
    let full_name = checked_name(&new.full_name)?;
    let full_name = full_name.as_str();
    let agency = new
        .agency
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    if new.agency.is_some() && agency.is_none() {
        return Err(Error::Invalid("hãy chọn cơ quan của tài khoản".into()));
    }
    if let Some(agency) = agency {
        // The server lets a department change the tasks its agency leads, found by this
        // name in the plan's directory: a name no plan knows would be an account that can
        // change nothing, or, once a plan names it, a surprise.
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM plans p, jsonb_array_elements(p.document::jsonb -> 'directory') a WHERE a ->> 'name' = $1)",
        )
        .bind(agency)
        .fetch_one(pool)
        .await?;
        if !known {
            return Err(Error::Invalid(format!(
                "cơ quan «{agency}» không có trong danh mục cơ quan của kế hoạch nào trên máy chủ; hãy chọn đúng tên như trong danh mục (ví dụ: Sở Y tế)"
            )));
        }
    }
    sqlx::query("SELECT dxplan_create_account($1, $2, $3, $4)")
        .bind(login)
        .bind(&new.password)
        .bind(full_name)
        .bind(agency)
        .execute(pool)
        .await
        .map_err(|e| match e.as_database_error().and_then(|d| d.code()).as_deref() {
            Some("42939") => Error::Invalid(format!(
                "tên đăng nhập «{login}» là tên máy chủ dành riêng; hãy chọn tên khác"
            )),
            Some("42710") | Some("23505") => {
                Error::Invalid(format!("tài khoản «{login}» đã có trên máy chủ"))
            }
            Some("42501") => Error::Invalid(
                "chỉ tài khoản quản trị (được phép tạo tài khoản trên máy chủ) mới tạo được tài khoản mới".into(),
            ),
            _ => Error::from(e),
        })?;
    Ok(UserAccount {
        account: login.to_string(),
        full_name: full_name.to_string(),
        agency: agency.map(str::to_string),
    })
}
