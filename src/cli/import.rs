//! Commands that read last year's plan from Word or Excel.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use dxplan::{catalogue, planfile, Result};

use super::place::Place;
use super::print_json;

#[derive(Subcommand)]
pub enum Command {
    /// Đọc một kế hoạch soạn bằng Word (.docx) thành dự thảo; chỉ lưu khi có --save hoặc --out
    ImportDocx {
        file: PathBuf,
        /// Tạo bản nháp cả khi không có bảng nhiệm vụ hoặc phần lớn văn bản không nhận ra được
        #[arg(long)]
        partial: bool,
        #[command(flatten)]
        output: ImportOutput,
    },
    /// Đọc phụ lục nhiệm vụ trong Excel (.xlsx) thành dự thảo; chỉ lưu khi có --save hoặc --out
    ImportXlsx {
        file: PathBuf,
        #[arg(long)]
        province: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        output: ImportOutput,
    },
}

pub async fn run(command: Command, place: &Place) -> Result<ExitCode> {
    match command {
        Command::ImportDocx {
            file,
            partial,
            output,
        } => {
            let cats = catalogue::Catalogues::load(place.catalogues.as_deref())?;
            let options = dxplan::import::Options { partial };
            let imported = dxplan::import::import_docx_of_its_year(&file, &cats, options)?;
            report_import(&place, imported, output).await?;
        }
        Command::ImportXlsx {
            file,
            province,
            year,
            output,
        } => {
            let cats = catalogue::Catalogues::load(place.catalogues.as_deref())?;
            let imported =
                dxplan::import::import_xlsx_of_its_year(&file, &cats, province.as_deref(), year)?;
            report_import(&place, imported, output).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What to do with an imported draft: nothing is saved unless asked.
#[derive(clap::Args)]
pub struct ImportOutput {
    /// Lưu vào cơ sở dữ liệu sau khi đã xem
    #[arg(long)]
    save: bool,
    /// Ghi ra tệp kế hoạch
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

/// Shows an imported draft with what to check, and saves it only when asked.
async fn report_import(
    place: &Place,
    imported: dxplan::import::Imported,
    output: ImportOutput,
) -> Result<()> {
    let ImportOutput { save, out, json } = output;
    if json {
        print_json(&imported)?;
    } else {
        let p = &imported.plan;
        println!(
            "{} — năm {}, {}",
            p.identity.title,
            p.identity.year,
            dxplan::format::doc_number(p.identity.number.as_deref(), &p.identity.symbol)
        );
        println!(
            "{} nhóm, {} nhiệm vụ, {} căn cứ, {} mục tiêu, {} cơ quan",
            imported.groups,
            imported.tasks,
            p.legal_bases.len(),
            p.specific_goals.len(),
            p.directory.len()
        );
        for f in &imported.flags {
            println!("CẦN XEM   [{}] {}", f.place, f.message);
        }
        let account = &imported.account;
        if !account.summary.is_empty() {
            println!("{}", account.summary);
        }
        for n in &account.not_placed {
            println!("CHƯA ĐƯA VÀO [{}] {}", n.place, n.text);
        }
    }
    if let Some(path) = &out {
        planfile::write(&imported.plan, path)?;
        eprintln!("Đã ghi {}", path.display());
    }
    if save {
        let id = place.add(&imported.plan).await?;
        eprintln!("Đã lưu dự thảo (mã {id}).");
    } else if out.is_none() {
        eprintln!("Chưa lưu: xem lại rồi chạy lại với --save (hoặc --out TỆP.json).");
    }
    Ok(())
}
