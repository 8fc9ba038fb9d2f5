//! Commands on the plans themselves: new, list, check, statistics, plan files, copies,
//! deletion, catalogues, a task added, undo, redo and the history.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use dxplan::app::NewPlan;
use dxplan::edit::Edit;
use dxplan::model::Task;
use dxplan::validation::{self, Severity};
use dxplan::{catalogue, stats, Error, Result};

use super::place::Place;
use super::print_json;

#[derive(Subcommand)]
pub enum Command {
    /// Tạo kế hoạch mới (trống, từ kế hoạch mẫu, hoặc từ tệp kế hoạch); in ra mã kế hoạch
    New {
        #[arg(long)]
        province: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// Bắt đầu từ kế hoạch mẫu (Quảng Ngãi 2023)
        #[arg(long)]
        sample: bool,
    },
    /// Danh sách kế hoạch trong cơ sở dữ liệu
    List {
        #[arg(long)]
        json: bool,
    },
    /// Kiểm tra kế hoạch (tệp kế hoạch hoặc mã kế hoạch)
    Validate {
        plan: String,
        #[arg(long)]
        json: bool,
        /// Kiểm tra trước khi ban hành: cả văn bản sẽ in ra (tên cơ quan đã giải thể, cấp huyện, chỗ chưa điền, Phần I chưa đánh giá…)
        #[arg(long = "final")]
        issue: bool,
    },
    /// Số liệu kế hoạch: nhóm, nhiệm vụ, chỉ tiêu, cơ quan, tổng kinh phí theo nguồn và cấp
    Stats {
        plan: String,
        #[arg(long)]
        json: bool,
    },
    /// Nhập tệp kế hoạch vào cơ sở dữ liệu; in ra mã kế hoạch
    ImportFile { file: PathBuf },
    /// Xuất kế hoạch trong cơ sở dữ liệu ra tệp kế hoạch
    ExportFile { id: String, out: PathBuf },
    /// Nhân bản một kế hoạch (thành dự thảo mới)
    Duplicate { id: String },
    /// Xóa một kế hoạch
    Delete { id: String },
    /// Các danh mục đang dùng (khung 2390, nhiệm vụ quốc gia, căn cứ, chỉ tiêu, nền tảng, cơ quan)
    Catalogues {
        /// Liệt kê các mục của một danh mục (theo mã, ví dụ can-cu, tinh-thanh)
        #[arg(long)]
        show: Option<String>,
        /// In ra tệp mẫu danh mục nhiệm vụ quốc gia của một năm (để điền rồi đặt vào --catalogues)
        #[arg(long)]
        example: bool,
        #[arg(long)]
        json: bool,
    },
    /// Thêm một nhiệm vụ vào nhóm thứ GROUP (đếm từ 1) của kế hoạch
    AddTask {
        id: String,
        #[arg(long)]
        group: usize,
        #[arg(long)]
        title: String,
        /// Mã cơ quan chủ trì trong danh bạ
        #[arg(long)]
        lead: String,
        /// Mã cơ quan phối hợp (có thể lặp lại)
        #[arg(long = "coord")]
        coordinating: Vec<String>,
    },
    /// Lịch sử sửa đổi của một kế hoạch
    History { id: String },
    /// Hoàn tác lần sửa gần nhất
    Undo { id: String },
    /// Làm lại lần sửa vừa hoàn tác
    Redo { id: String },
}

pub async fn run(command: Command, place: &Place) -> Result<ExitCode> {
    match command {
        Command::New {
            province,
            year,
            sample,
        } => new_plan(place, province, year, sample).await?,
        Command::List { json } => list(place, json).await?,
        Command::Validate { plan, json, issue } => return validate(place, plan, json, issue).await,
        Command::Stats { plan, json } => return stats(place, plan, json).await,
        Command::ImportFile { file } => {
            let session = place.session().await?;
            let id = session.create(NewPlan::File { path: file }).await?.id;
            println!("{id}");
            session.close().await;
        }
        Command::ExportFile { id, out } => {
            let session = place.session().await?;
            session.export_plan_file(&id, &out).await?;
            eprintln!("Đã xuất kế hoạch ra {}", out.display());
            session.close().await;
        }
        Command::Duplicate { id } => {
            let session = place.session().await?;
            println!("{}", session.duplicate(&id).await?.id);
            session.close().await;
        }
        Command::Delete { id } => {
            let session = place.session().await?;
            session.delete(&id).await?;
            eprintln!("Đã xóa kế hoạch {id}.");
            session.close().await;
        }
        Command::Catalogues {
            show,
            example,
            json,
        } => return catalogues(place, show, example, json).await,
        Command::AddTask {
            id,
            group,
            title,
            lead,
            coordinating,
        } => return add_task(place, id, group, title, lead, coordinating).await,
        Command::History { id } => {
            let session = place.session().await?;
            for r in session.history(&id).await? {
                println!("{:>4}  {}  {}", r.revision, r.created_at, r.summary);
            }
            session.close().await;
        }
        Command::Undo { id } => undo_redo(&place, &id, true).await?,
        Command::Redo { id } => undo_redo(&place, &id, false).await?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `dxplan new`: a blank plan of a province and year, or the sample; prints its id.
async fn new_plan(
    place: &Place,
    province: Option<String>,
    year: Option<i32>,
    from_sample: bool,
) -> Result<()> {
    let how = if from_sample {
        NewPlan::Sample
    } else {
        let province = province
            .ok_or_else(|| Error::Invalid("Cần --province (tên tỉnh) hoặc --sample.".into()))?;
        let year = year.ok_or_else(|| Error::Invalid("Cần --year (năm kế hoạch).".into()))?;
        NewPlan::Blank { province, year }
    };
    let session = place.session().await?;
    let id = session.create(how).await?.id;
    println!("{id}");
    session.close().await;
    Ok(())
}

/// `dxplan list`: one line per plan, or JSON.
async fn list(place: &Place, json: bool) -> Result<()> {
    let session = place.session().await?;
    let plans = session.list().await?;
    if json {
        print_json(&plans)?;
    } else if plans.is_empty() {
        println!("Chưa có kế hoạch nào. Tạo kế hoạch mẫu: dxplan new --sample");
    } else {
        for p in plans {
            let status = match p.status {
                dxplan::model::PlanStatus::Draft => "dự thảo",
                dxplan::model::PlanStatus::Final => "chính thức",
            };
            println!(
                "{}  {} {}  [{}]  {}  (sửa lần cuối {})",
                p.id, p.province, p.year, status, p.title, p.updated_at
            );
        }
    }
    session.close().await;
    Ok(())
}

async fn undo_redo(place: &Place, id: &str, undo: bool) -> Result<()> {
    let session = place.session().await?;
    let done = session.step(id, undo).await?;
    session.close().await;
    match (done, undo) {
        (Some(rev), true) => eprintln!("Đã hoàn tác (phiên bản {rev})."),
        (Some(rev), false) => eprintln!("Đã làm lại (phiên bản {rev})."),
        (None, true) => eprintln!("Không có gì để hoàn tác."),
        (None, false) => eprintln!("Không có gì để làm lại."),
    }
    Ok(())
}

/// A library entry: its id, its citation, and when it applies.
fn library_line(d: &catalogue::LibraryDocument) -> String {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string());
    let mut when = Vec::new();
    if let Some(f) = day(d.in_force_from) {
        when.push(format!("hiệu lực từ {f}"));
    }
    if let Some(s) = day(d.superseded_from) {
        when.push(format!("được thay thế từ {s}"));
    } else if !d.in_force {
        when.push("hết hiệu lực".into());
    }
    let when = if when.is_empty() {
        String::new()
    } else {
        format!(" [{}]", when.join(", "))
    };
    format!(
        "{:<24} {}{when}",
        d.document.id,
        dxplan::narrative::plain(&d.to_legal_basis().citation())
    )
}

/// A province: city or province, the plan years it exists in, what it merged into.
fn province_line(p: &catalogue::Province) -> String {
    let years = match (p.from_year, p.until_year) {
        (Some(f), Some(u)) => format!("kế hoạch {f}–{u}"),
        (Some(f), None) => format!("kế hoạch từ {f}"),
        (None, Some(u)) => format!("kế hoạch đến {u}"),
        (None, None) => "mọi năm".into(),
    };
    let into = p
        .merged_into
        .as_deref()
        .map_or(String::new(), |m| format!(", nhập vào {m}"));
    let zones = if p.special_zones.is_empty() {
        String::new()
    } else {
        format!(", đặc khu: {}", p.special_zones.join(", "))
    };
    format!(
        "{} {} ({years}{into}{zones})",
        if p.city { "Thành phố" } else { "Tỉnh" },
        p.name
    )
}

/// One line per entry of a catalogue, with the dates that say when it applies.
fn catalogue_lines(c: &catalogue::Catalogue) -> Vec<String> {
    use catalogue::Body;
    match &c.body {
        Body::LegalBases(docs) => docs.iter().map(library_line).collect(),
        Body::Provinces(ps) => ps.iter().map(province_line).collect(),
        Body::Agencies(a) => a
            .iter()
            .map(|a| {
                let until = a
                    .until_year
                    .map_or(String::new(), |u| format!(" (đến kế hoạch năm {u})"));
                format!("{:<16} {}{until}", a.id, a.name)
            })
            .collect(),
        Body::Framework(v) => v
            .iter()
            .map(|x| format!("{} {}", x.code, x.title))
            .collect(),
        Body::NationalTasks { tasks, .. } => tasks
            .iter()
            .map(|t| format!("{} {}", t.code, t.title))
            .collect(),
        Body::Indicators(v) => v
            .iter()
            .map(|i| format!("{:<24} {}", i.id, i.name))
            .collect(),
        Body::Platforms(v) => v
            .iter()
            .map(|p| format!("{:>3}. {} ({})", p.number, p.name, p.owner))
            .collect(),
        Body::BudgetGuidance(v) => v
            .iter()
            .map(|r| {
                let year = |y: Option<i32>| y.map_or(String::new(), |y| y.to_string());
                let period = format!("{}–{}", year(r.from_year), year(r.until_year));
                format!(
                    "kế hoạch {period}: {}% — {} ({})",
                    r.share, r.text, r.source
                )
            })
            .collect(),
    }
}

async fn validate(place: &Place, plan: String, json: bool, issue: bool) -> Result<ExitCode> {
    let plan = place.resolve(&plan).await?;
    let findings = if issue {
        dxplan::readiness::check(&plan)?
    } else {
        validation::validate(&plan)
    };
    if json {
        print_json(&findings)?;
    } else {
        for f in &findings {
            let tag = match f.severity {
                Severity::Error => "LỖI    ",
                Severity::Warning => "CẢNH BÁO",
            };
            println!("{tag} [{}] {}", f.location.label, f.message);
        }
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        println!("{} lỗi, {} cảnh báo.", errors, findings.len() - errors);
    }
    if validation::has_errors(&findings) {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

async fn stats(place: &Place, plan: String, json: bool) -> Result<ExitCode> {
    let plan = place.resolve(&plan).await?;
    let s = stats::stats(&plan);
    if json {
        print_json(&s)?;
    } else {
        println!("Kế hoạch chuyển đổi số tỉnh {} năm {}", s.province, s.year);
        println!(
            "Nhóm nhiệm vụ: {}; nhiệm vụ: {}; chỉ tiêu: {}; căn cứ: {}",
            s.groups, s.tasks, s.indicators, s.legal_bases
        );
        println!(
            "Cơ quan trong danh bạ: {}; được giao nhiệm vụ: {}",
            s.agencies, s.agencies_assigned
        );
        println!(
            "Tổng kinh phí: {}",
            dxplan::format::money_million(s.budget.total)
        );
        for c in &s.budget.by_source_level {
            println!(
                "  - {} / {}: {}",
                c.source.map_or("(chưa rõ nguồn)", |x| x.label()),
                c.level.map_or("(chưa rõ cấp)", |x| x.label()),
                dxplan::format::money_million(c.amount)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn catalogues(
    place: &Place,
    show: Option<String>,
    example: bool,
    json: bool,
) -> Result<ExitCode> {
    let cats = catalogue::Catalogues::load(place.catalogues.as_deref())?;
    if example {
        print!("{}", catalogue::EXAMPLE_NATIONAL_TASKS);
    } else if let Some(id) = show {
        let c = cats.get(&id).ok_or_else(|| {
            Error::Invalid(format!(
                "Không có danh mục mã «{id}» (xem: dxplan catalogues)."
            ))
        })?;
        for line in catalogue_lines(c) {
            println!("{line}");
        }
    } else if json {
        print_json(&cats)?;
    } else {
        for c in &cats.active {
            println!(
                "{:<26} {:<8} hiệu lực {}  {:>3} mục  {}  ({})",
                c.meta.id,
                c.meta.version,
                c.meta.effective_year,
                c.len(),
                c.meta.title,
                c.path.display()
            );
        }
        for (id, version, path) in &cats.superseded {
            println!("(đã thay thế) {id} {version} ({})", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn add_task(
    place: &Place,
    id: String,
    group: usize,
    title: String,
    lead: String,
    coordinating: Vec<String>,
) -> Result<ExitCode> {
    let session = place.session().await?;
    let current = session.plan(&id).await?;
    let group_id = group
        .checked_sub(1)
        .and_then(|i| current.groups.get(i))
        .map(|g| g.id.clone())
        .ok_or_else(|| Error::Invalid(format!("Kế hoạch không có nhóm thứ {group}.")))?;
    let task = Task {
        coordinating,
        ..Task::new(title, vec![lead])
    };
    let edit = Edit::AddTask {
        group: group_id,
        task,
        index: None,
    };
    let rev = session.edit_latest(&id, edit).await?;
    eprintln!("Đã thêm nhiệm vụ (phiên bản {rev}).");
    session.close().await;
    Ok(ExitCode::SUCCESS)
}
