//! Commands on where plans are kept: the shared server, the accounts on it, copies between
//! databases.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use dxplan::{Error, Result};

use super::place::Place;
use super::print_json;

#[derive(Subcommand)]
pub enum Command {
    /// Chép mọi kế hoạch cùng toàn bộ lịch sử sang cơ sở dữ liệu khác (lên máy chủ dùng chung postgres://… hoặc về một tệp); không xóa gì ở nơi gửi
    CopyPlans {
        /// Nơi nhận: tệp cơ sở dữ liệu hoặc postgres://…
        #[arg(long)]
        to: PathBuf,
    },
    /// Kết nối tới máy chủ dùng chung như màn hình «Máy chủ»: mật khẩu đọc từ dòng đầu của đầu vào chuẩn, ghi nhớ trong Trình quản lý thông tin xác thực của Windows; các lệnh sau (không có --db postgres://…) làm việc trên máy chủ đó
    Connect {
        /// Địa chỉ máy chủ (tên miền hoặc IP)
        #[arg(long)]
        host: String,
        #[arg(long, default_value_t = 5432)]
        port: u16,
        /// Tên cơ sở dữ liệu
        #[arg(long)]
        database: String,
        /// Tài khoản
        #[arg(long)]
        user: String,
    },
    /// Trở về cơ sở dữ liệu của máy này (quên máy chủ và mật khẩu đã ghi nhớ)
    Disconnect,
    /// Đang làm việc ở đâu: cơ sở dữ liệu của máy này hay máy chủ dùng chung (tài khoản, mã hóa)
    Connection {
        #[arg(long)]
        json: bool,
    },
    /// Các tài khoản trên máy chủ dùng chung (--db postgres://…), cơ quan của tài khoản phòng ban
    Accounts,
    /// Tạo tài khoản trên máy chủ dùng chung (tài khoản quản trị); mật khẩu đọc từ dòng đầu của đầu vào chuẩn
    AccountAdd {
        /// Tên đăng nhập: chữ thường không dấu, chữ số, dấu gạch dưới (ví dụ so_yte)
        login: String,
        /// Tên người dùng
        #[arg(long)]
        name: String,
        /// Cơ quan (tên trong danh bạ) của tài khoản phòng ban: chỉ sửa nhiệm vụ cơ quan đó chủ trì; bỏ trống là tài khoản soạn thảo
        #[arg(long)]
        agency: Option<String>,
    },
}

pub async fn run(command: Command, place: &Place) -> Result<ExitCode> {
    match command {
        Command::CopyPlans { to } => {
            let session = place.session().await?;
            let copied = session.copy_plans_to(&to).await?;
            eprintln!(
                "Đã chép {} kế hoạch, {} phiên bản lịch sử.",
                copied.plans, copied.revisions
            );
            session.close().await;
        }
        Command::Connect {
            host,
            port,
            database,
            user,
        } => return connect(place, host, port, database, user).await,
        Command::Disconnect => {
            let session = place.local_session().await?;
            session.disconnect().await?;
            eprintln!(
                "Đã trở về cơ sở dữ liệu của máy này ({}).",
                place.local_file().display()
            );
        }
        Command::Connection { json } => return connection(place, json).await,
        Command::Accounts => {
            let session = place.session().await?;
            let c = session.connection().await?;
            if !c.shared {
                return Err(Error::Invalid(
                    "tài khoản chỉ có trên máy chủ dùng chung (--db postgres://…)".into(),
                ));
            }
            for a in c.accounts {
                let role = a.agency.as_deref().unwrap_or("soạn thảo");
                println!("{}\t{}\t{role}", a.account, a.full_name);
            }
            session.close().await;
        }
        Command::AccountAdd {
            login,
            name,
            agency,
        } => return account_add(place, login, name, agency).await,
    }
    Ok(ExitCode::SUCCESS)
}

/// One line of standard input (a password), without its line end.
fn read_secret() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::Invalid(format!("không đọc được mật khẩu: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn connect(
    place: &Place,
    host: String,
    port: u16,
    database: String,
    user: String,
) -> Result<ExitCode> {
    use dxplan::store::connection::{secret, ServerSettings};
    // A command ends at once: without a credential store the password could not serve
    // the next one.
    if !secret::available() {
        return Err(Error::Invalid(
            "hệ điều hành này không có kho mật khẩu để ghi nhớ mật khẩu máy chủ; hãy dùng --db postgres://tài-khoản:mật-khẩu@máy-chủ:5432/tên-csdl cho từng lệnh".into(),
        ));
    }
    let password = read_secret()?;
    let session = place.local_session().await?;
    let settings = ServerSettings {
        host,
        port,
        database,
        user,
    };
    let c = session.connect(&settings, &password, true).await?;
    eprintln!(
        "Đã kết nối tới máy chủ dùng chung {} với tài khoản {}; mật khẩu được ghi nhớ trong Trình quản lý thông tin xác thực của Windows. Các lệnh sau làm việc trên máy chủ này cho đến khi `dxplan disconnect`.",
        settings.checked()?.shown(),
        c.account.full_name
    );
    Ok(ExitCode::SUCCESS)
}

async fn connection(place: &Place, json: bool) -> Result<ExitCode> {
    let session = place.session().await?;
    let c = session.connection().await?;
    if json {
        print_json(&c)?;
    } else if c.shared {
        let a = &c.account;
        println!("Máy chủ dùng chung: {}", c.address);
        println!(
            "Tài khoản: {} ({}){}",
            a.full_name,
            a.agency
                .as_deref()
                .map(|g| format!("chỉ sửa nhiệm vụ do {g} chủ trì"))
                .unwrap_or_else(|| "soạn thảo".into()),
            if c.admin { ", quản trị" } else { "" }
        );
        println!(
            "Kết nối: {}",
            if c.encrypted {
                "mã hóa (TLS)"
            } else {
                "không mã hóa"
            }
        );
    } else {
        println!("Cơ sở dữ liệu trên máy này: {}", c.local_file);
    }
    Ok(ExitCode::SUCCESS)
}

async fn account_add(
    place: &Place,
    login: String,
    name: String,
    agency: Option<String>,
) -> Result<ExitCode> {
    let password = read_secret()?;
    // The store refuses on a personal file, and checks every field.
    let session = place.session().await?;
    let made = session
        .make_account(&dxplan::store::NewAccount {
            account: login,
            password,
            full_name: name,
            agency,
        })
        .await?;
    eprintln!(
        "Đã tạo tài khoản {} ({}{}).",
        made.account,
        made.full_name,
        made.agency
            .map(|a| format!(", chỉ sửa nhiệm vụ do {a} chủ trì"))
            .unwrap_or_else(|| ", soạn thảo".into())
    );
    session.close().await;
    Ok(ExitCode::SUCCESS)
}
