//! Commands of the rounds with the agencies: the workbooks sent and read back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use dxplan::model::Plan;
use dxplan::{planfile, Error, Result};

use super::place::Place;
use super::print_json;

#[derive(Subcommand)]
pub enum Command {
    /// Tạo tệp Excel để một cơ quan đề xuất nhiệm vụ, kinh phí (điền sẵn nhiệm vụ cơ quan đó chủ trì)
    ProposalsTemplate {
        plan: String,
        /// Tên, tên viết tắt hoặc mã cơ quan trong danh bạ
        #[arg(long)]
        agency: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Gửi một đợt: mỗi cơ quan một tệp Excel (đề xuất nhiệm vụ, hoặc báo cáo tiến độ với --progress) vào thư mục, kèm danh sách gửi
    ProposalsSend {
        plan: String,
        /// Báo cáo tiến độ thay cho đề xuất
        #[arg(long)]
        progress: bool,
        /// Cơ quan nhận (tên, tên viết tắt hoặc mã); bỏ trống: mọi cơ quan của đợt
        #[arg(long = "to")]
        to: Vec<String>,
        #[arg(long)]
        dir: PathBuf,
    },
    /// Đọc các tệp đề xuất hoặc báo cáo tiến độ đã điền, báo thay đổi và lỗi; chỉ áp dụng khi mọi dòng hợp lệ (hoặc --accept-valid)
    ProposalsImport {
        plan: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Chỉ xem trước, không áp dụng
        #[arg(long)]
        dry_run: bool,
        /// Áp dụng các dòng hợp lệ dù còn dòng lỗi
        #[arg(long)]
        accept_valid: bool,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(command: Command, place: &Place) -> Result<ExitCode> {
    match command {
        Command::ProposalsTemplate { plan, agency, out } => {
            let plan = place.resolve(&plan).await?;
            dxplan::proposals::write_template(&plan, &agency, &out, &place.seal().await?)?;
            eprintln!("Đã tạo mẫu đề xuất {}", out.display());
        }
        Command::ProposalsSend {
            plan,
            progress,
            to,
            dir,
        } => return proposals_send(place, plan, progress, to, dir).await,
        Command::ProposalsImport {
            plan,
            files,
            dry_run,
            accept_valid,
            json,
        } => return proposals_import(place, plan, files, dry_run, accept_valid, json).await,
    }
    Ok(ExitCode::SUCCESS)
}

fn print_review(plan: &Plan, review: &dxplan::proposals::Review) {
    use dxplan::proposals::Change;
    for f in &review.files {
        let name = dxplan::fsutil::file_name_shown(&f.file);
        match &f.agency {
            Some(a) => println!("TỆP       {name}: {} của {a}", f.kind),
            None => println!(
                "TỆP       {name}: không có dấu của ứng dụng — đọc như bảng của người soạn thảo"
            ),
        }
    }
    for c in &review.changes {
        print_change(plan, c);
    }
    for p in &review.problems {
        println!("LỖI       {p}");
    }
    println!(
        "{} thêm mới, {} sửa, {} không đổi, {} vấn đề.",
        review
            .changes
            .iter()
            .filter(|c| matches!(c, Change::Add { .. }))
            .count(),
        review
            .changes
            .iter()
            .filter(|c| !matches!(c, Change::Add { .. }))
            .count(),
        review.unchanged,
        review.problems.len()
    );
}

/// One line of a review: a task added, a task or an indicator changed.
fn print_change(plan: &Plan, c: &dxplan::proposals::Change) {
    use dxplan::proposals::Change;
    let names = |fields: &[dxplan::proposals::diff::Difference]| {
        fields
            .iter()
            .map(|d| d.field)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match c {
        Change::Add {
            row,
            group,
            task,
            amount,
            ..
        } => {
            let g = plan
                .groups
                .iter()
                .find(|g| &g.id == group)
                .map_or("", |g| g.title.as_str());
            let leads: Vec<&str> = task
                .lead
                .iter()
                .filter_map(|a| plan.agency(a))
                .map(|a| a.name.as_str())
                .collect();
            let deadline = task
                .deadline
                .as_ref()
                .map_or("chưa có thời hạn".into(), |d| d.cell());
            println!(
                "THÊM      dòng {row}: «{}» (nhóm {g}; chủ trì {}; {deadline}; {amount})",
                task.title,
                leads.join(", ")
            );
        }
        Change::Update {
            row, task, fields, ..
        } => println!("SỬA       dòng {row}: «{}» — {}", task.title, names(fields)),
        Change::Indicator {
            row,
            indicator,
            fields,
            ..
        } => println!(
            "CHỈ TIÊU  dòng {row}: «{}» — {}",
            indicator.name,
            names(fields)
        ),
    }
}

async fn proposals_send(
    place: &Place,
    plan: String,
    progress: bool,
    to: Vec<String>,
    dir: PathBuf,
) -> Result<ExitCode> {
    use dxplan::proposals::batch::{recipients, send, Round};
    let plan = place.resolve(&plan).await?;
    let round = if progress {
        Round::Progress
    } else {
        Round::Proposals
    };
    let agencies = if to.is_empty() {
        recipients(&plan, round)
    } else {
        to.iter()
            .map(|name| dxplan::proposals::agency_named(&plan, name).map(|a| a.id.clone()))
            .collect::<Result<Vec<_>>>()?
    };
    let sent = send(&plan, round, &agencies, &dir, &place.seal().await?)?;
    for f in &sent.files {
        println!(
            "{}\t{} nhiệm vụ, {} chỉ tiêu\t{}",
            f.name,
            f.tasks,
            f.indicators,
            f.file.display()
        );
    }
    eprintln!(
        "Đã tạo {} tệp {} và danh sách gửi {}",
        sent.files.len(),
        round.label(),
        sent.summary.display()
    );
    Ok(ExitCode::SUCCESS)
}

async fn proposals_import(
    place: &Place,
    plan: String,
    files: Vec<PathBuf>,
    dry_run: bool,
    accept_valid: bool,
    json: bool,
) -> Result<ExitCode> {
    let current = place.resolve(&plan).await?;
    let review = dxplan::proposals::review(&current, &files, &place.seal().await?);
    if json {
        print_json(&review)?;
    } else {
        print_review(&current, &review);
    }
    if !review.problems.is_empty() && !accept_valid {
        if dry_run {
            return Ok(ExitCode::from(2));
        }
        return Err(Error::Invalid(format!(
            "Có {} vấn đề trong tệp đề xuất: chưa áp dụng thay đổi nào. Sửa các dòng trên, hoặc chạy lại với --accept-valid để chỉ áp dụng các dòng hợp lệ.",
            review.problems.len()
        )));
    }
    if dry_run || review.changes.is_empty() {
        eprintln!(
            "Không áp dụng thay đổi nào{}.",
            if dry_run { " (chạy thử)" } else { "" }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let path = Path::new(&plan);
    if path.is_file() {
        let mut updated = current;
        review.apply_to(&mut updated)?;
        planfile::write(&updated, path)?;
    } else {
        let session = place.session().await?;
        session.apply_review(&plan, None, &review).await?;
        session.close().await;
    }
    eprintln!("Đã áp dụng {} thay đổi.", review.changes.len());
    Ok(ExitCode::SUCCESS)
}
