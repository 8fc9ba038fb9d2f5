//! The `dxplan` command line: its arguments, and one module per family of commands; `run`
//! only dispatches. Every command goes through the window's `Session` (see `place`).

mod consult;
mod documents;
mod import;
mod place;
mod plans;
mod rounds;
mod server;
pub mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dxplan::{Error, Result};

use place::Place;

#[derive(Parser)]
#[command(
    name = "dxplan",
    version,
    about = "Lập kế hoạch chuyển đổi số cấp tỉnh (dòng lệnh)"
)]
pub struct Cli {
    /// Tệp cơ sở dữ liệu, hoặc máy chủ dùng chung postgres://tài-khoản:mật-khẩu@máy-chủ:5432/tên-csdl (mặc định: thư mục dữ liệu ứng dụng, hoặc biến DXPLAN_DB)
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// Thư mục chứa danh mục bổ sung (*.toml) của người dùng
    #[arg(long, global = true)]
    catalogues: Option<PathBuf>,
    /// In chi tiết kỹ thuật của lỗi (cho nhật ký)
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// The commands, by family (each family's own enum, flattened: the command line is flat).
#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Plans(plans::Command),
    #[command(flatten)]
    Documents(documents::Command),
    #[command(flatten)]
    Import(import::Command),
    #[command(flatten)]
    Rounds(rounds::Command),
    #[command(flatten)]
    Consult(consult::Command),
    #[command(flatten)]
    Server(server::Command),
}

pub async fn run(cli: Cli) -> Result<ExitCode> {
    let place = Place {
        db: cli.db,
        catalogues: cli.catalogues,
    };
    match cli.command {
        Command::Plans(c) => plans::run(c, &place).await,
        Command::Documents(c) => documents::run(c, &place).await,
        Command::Import(c) => import::run(c, &place).await,
        Command::Rounds(c) => rounds::run(c, &place).await,
        Command::Consult(c) => consult::run(c, &place).await,
        Command::Server(c) => server::run(c, &place).await,
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    println!(
        "{}",
        serde_json::to_string_pretty(value).map_err(|e| Error::Invalid(e.to_string()))?
    );
    Ok(())
}
