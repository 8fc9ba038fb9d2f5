//! Commands that write documents: the plan's Word and Excel files, the results report, and
//! next year's plan by roll-over.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use dxplan::{planfile, Error, Result};

use super::place::Place;
use super::print_json;

#[derive(Subcommand)]
pub enum Command {
    /// Tạo dự thảo kế hoạch năm sau từ kế hoạch này; in danh sách những gì được mang sang, thay đổi, bỏ lại
    Rollover {
        plan: String,
        #[arg(long)]
        to_year: i32,
        /// Mã nhiệm vụ cần mang sang dù đã hoàn thành (có thể lặp lại)
        #[arg(long)]
        keep: Vec<String>,
        /// Mã nhiệm vụ bỏ lại dù chưa hoàn thành (có thể lặp lại)
        #[arg(long)]
        drop: Vec<String>,
        /// Mã thay đổi do sắp xếp năm 2025 không áp dụng, ví dụ co-quan:so-tttt (có thể lặp lại)
        #[arg(long)]
        reject: Vec<String>,
        /// Ghi ra tệp kế hoạch thay vì thêm vào cơ sở dữ liệu
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Xuất văn bản Word theo thể thức Nghị định 30/2020 và/hoặc bảng tính phụ lục (ghi tệp tạm rồi đổi tên khi xong)
    Export {
        plan: String,
        /// Tệp .docx cần ghi
        #[arg(long, required_unless_present = "xlsx")]
        docx: Option<PathBuf>,
        /// Tệp .xlsx phụ lục (nhiệm vụ, chỉ tiêu, kinh phí, phân công)
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// ke-hoach (kế hoạch và các phụ lục), quyet-dinh (quyết định ban hành và phụ lục), phu-luc (phụ lục nhiệm vụ), to-trinh (tờ trình đề nghị ban hành kế hoạch), cong-van (công văn xin ý kiến dự thảo), gop-y hoặc gop-y-theo-phan (bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý theo cơ quan hoặc theo phần), ke-hoach-sua-doi (kế hoạch đánh dấu những gì đã sửa so với dự thảo gửi xin ý kiến)
        #[arg(long, default_value = "ke-hoach")]
        doc: String,
        /// Bản dự thảo: có chữ «DỰ THẢO», để trống số và ngày
        #[arg(long)]
        draft: bool,
        /// Mẫu bố cục trong templates/documents (ke-hoach-hang-nam, khung-2390)
        #[arg(long, default_value = dxplan::docx::DEFAULT_TEMPLATE)]
        template: String,
    },
    /// Báo cáo kết quả thực hiện kế hoạch trong năm (từ tình trạng, kết quả đã theo dõi)
    Report {
        plan: String,
        /// Tệp .docx cần ghi
        #[arg(long)]
        docx: Option<PathBuf>,
        /// Tệp .xlsx cần ghi: tiến độ nhiệm vụ, kết quả chỉ tiêu, tổng hợp
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Tính đến ngày (dd/mm/yyyy); mặc định ngày cuối năm kế hoạch
        #[arg(long)]
        as_of: Option<String>,
        /// Bản dự thảo: có chữ «DỰ THẢO» (văn bản Word)
        #[arg(long)]
        draft: bool,
    },
}

pub async fn run(command: Command, place: &Place) -> Result<ExitCode> {
    match command {
        Command::Rollover {
            plan,
            to_year,
            keep,
            drop,
            reject,
            out,
            json,
        } => rollover(place, plan, to_year, keep, drop, reject, out, json).await,
        Command::Export {
            plan,
            docx,
            xlsx,
            doc,
            draft,
            template,
        } => export(place, plan, docx, xlsx, doc, draft, template).await,
        Command::Report {
            plan,
            docx,
            xlsx,
            as_of,
            draft,
        } => report(place, plan, docx, xlsx, as_of, draft).await,
    }
}

async fn rollover(
    place: &Place,
    plan: String,
    to_year: i32,
    keep: Vec<String>,
    drop: Vec<String>,
    reject: Vec<String>,
    out: Option<PathBuf>,
    json: bool,
) -> Result<ExitCode> {
    let current = place.resolve(&plan).await?;
    if to_year <= current.identity.year {
        return Err(Error::Invalid(format!(
            "Năm mới ({to_year}) phải sau năm của kế hoạch ({}).",
            current.identity.year
        )));
    }
    let opts = dxplan::rollover::Options {
        keep: keep.into_iter().collect(),
        drop: drop.into_iter().collect(),
        reject: reject.into_iter().collect(),
    };
    let (next, report) = dxplan::rollover::rollover(&current, to_year, &opts);
    if json {
        print_json(&report)?;
    } else {
        println!(
            "Kế hoạch năm {} → dự thảo năm {}",
            report.from_year, report.to_year
        );
        for c in &report.carried {
            println!("MANG SANG  {c}");
        }
        for t in &report.tasks_carried {
            println!("NHIỆM VỤ   {t}");
        }
        for t in &report.tasks_dropped {
            println!("BỎ LẠI     {t}");
        }
        for x in &report.replacements {
            println!("ĐỔI NĂM    [{}] «{}» → «{}»", x.place, x.before, x.after);
        }
        for x in &report.reset {
            println!("ĐẶT LẠI    {x}");
        }
        for x in &report.to_review {
            println!("RÀ SOÁT    {x}");
        }
        for x in &report.reform {
            let mark = if x.accepted {
                "SẮP XẾP"
            } else {
                "GIỮ NGUYÊN"
            };
            println!(
                "{mark}    [{}] {}: «{}» → «{}»",
                x.id, x.what, x.before, x.after
            );
        }
    }
    match out {
        Some(path) => {
            planfile::write(&next, &path)?;
            eprintln!("Đã ghi {}", path.display());
        }
        None => {
            let id = place.add(&next).await?;
            eprintln!("Đã tạo kế hoạch năm {to_year} (mã {id}).");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn export(
    place: &Place,
    plan: String,
    docx: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    doc: String,
    draft: bool,
    template: String,
) -> Result<ExitCode> {
    let in_database = !Path::new(&plan).is_file();
    let id = plan;
    let plan = place.resolve(&id).await?;
    // Every file is built and every place checked before any is written: a wrong second
    // path, or a workbook the plan cannot make, leaves no first file behind.
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut issues_plan = false;
    if let Some(docx) = docx {
        let opts = dxplan::docx::Options {
            doc: doc.parse()?,
            draft,
            template,
        };
        // The report and the Tờ trình are not the plan issued: neither is held to the final
        // check, nor marks the plan issued; a report needs its number.
        let plan_document = opts.doc.issues_the_plan();
        if !draft && plan_document {
            dxplan::readiness::ensure_issuable(&plan)?;
        }
        if !draft && matches!(opts.doc, dxplan::docx::DocChoice::BaoCao { .. }) {
            dxplan::readiness::ensure_report_numbered(&plan)?;
        }
        issues_plan = !draft && plan_document && in_database;
        outputs.push((docx, dxplan::docx::build(&plan, &opts)?));
    }
    if let Some(xlsx) = xlsx {
        outputs.push((xlsx, dxplan::xlsx::build(&plan)?));
    }
    write_all(&outputs)?;
    // As in the window: a final plan document exported is the plan issued.
    if issues_plan {
        let session = place.session().await?;
        session.mark_issued(&id).await?;
        session.close().await;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes files built beforehand, each atomically, once every destination is known good.
fn write_all(outputs: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    for (path, _) in outputs {
        dxplan::fsutil::destination(path)?;
    }
    for (path, bytes) in outputs {
        dxplan::fsutil::write_atomic(path, bytes)?;
        eprintln!("Đã xuất {}", path.display());
    }
    Ok(())
}

async fn report(
    place: &Place,
    plan: String,
    docx: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    as_of: Option<String>,
    draft: bool,
) -> Result<ExitCode> {
    // Checked by hand: clap's own message would be English.
    if docx.is_none() && xlsx.is_none() {
        return Err(Error::Invalid(
            "Cần --docx (tệp Word) hoặc --xlsx (tệp Excel), hoặc cả hai.".into(),
        ));
    }
    let plan = place.resolve(&plan).await?;
    let as_of = match as_of {
        None => None,
        Some(text) => Some(
            chrono::NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y").map_err(|_| {
                Error::Invalid(format!(
                    "Ngày «{text}» không đúng dạng ngày/tháng/năm (ví dụ 30/11/2027)."
                ))
            })?,
        ),
    };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(docx) = docx {
        if !draft {
            dxplan::readiness::ensure_report_numbered(&plan)?;
        }
        let opts = dxplan::docx::Options {
            doc: dxplan::docx::DocChoice::BaoCao { as_of },
            draft,
            ..Default::default()
        };
        outputs.push((docx, dxplan::docx::build(&plan, &opts)?));
    }
    if let Some(xlsx) = xlsx {
        let day = dxplan::docx::report::as_of(&plan, as_of);
        outputs.push((xlsx, dxplan::xlsx::report(&plan, day)?));
    }
    write_all(&outputs)?;
    Ok(ExitCode::SUCCESS)
}
