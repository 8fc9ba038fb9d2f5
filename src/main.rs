//! `dxplan`: the core driven headless. Messages are Vietnamese; the exit code is non-zero on
//! any error (2 when `validate` finds errors in the plan).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

// std's println!/eprintln! panic when the stream is closed (`dxplan list | head -1`,
// `dxplan validate … | true`). These shadow them for the whole program: a closed stdout ends
// it quietly (what was asked has been done, nobody reads the rest), a closed stderr is
// ignored.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            crate::stdout_closed(e)
        }
    }};
}
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

fn stdout_closed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = std::io::Write::write_fmt(
        &mut std::io::stderr(),
        format_args!(
            "Lỗi: không ghi được ra màn hình ({}).\n",
            dxplan::fsutil::io_reason(&e)
        ),
    );
    std::process::exit(1);
}

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod cli_text;

use dxplan::app::{NewPlan, Session};
use dxplan::edit::Edit;
use dxplan::model::{Plan, Task};
use dxplan::store::Store;
use dxplan::validation::{self, Severity};
use dxplan::{catalogue, planfile, stats, Error, Result};

#[derive(Parser)]
#[command(
    name = "dxplan",
    version,
    about = "Lập kế hoạch chuyển đổi số cấp tỉnh (dòng lệnh)"
)]
struct Cli {
    /// Tệp cơ sở dữ liệu, hoặc máy chủ dùng chung postgres://tài-khoản:mật-khẩu@máy-chủ:5432/tên-csdl (mặc định: thư mục dữ liệu ứng dụng, hoặc biến DXPLAN_DB)
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// Thư mục chứa danh mục bổ sung (*.toml) của người dùng
    #[arg(long, global = true)]
    catalogues: Option<PathBuf>,
    /// In chi tiết kỹ thuật của lỗi (cho nhật ký)
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// What to do with an imported draft: nothing is saved unless asked.
#[derive(clap::Args)]
struct ImportOutput {
    /// Lưu vào cơ sở dữ liệu sau khi đã xem
    #[arg(long)]
    save: bool,
    /// Ghi ra tệp kế hoạch
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum Command {
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
    /// Xuất văn bản Word theo thể thức Nghị định 30/2020 và/hoặc bảng tính phụ lục (ghi tệp tạm rồi đổi tên khi xong)
    Export {
        plan: String,
        /// Tệp .docx cần ghi
        #[arg(long, required_unless_present = "xlsx")]
        docx: Option<PathBuf>,
        /// Tệp .xlsx phụ lục (nhiệm vụ, chỉ tiêu, kinh phí, phân công)
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// ke-hoach (kế hoạch và các phụ lục), quyet-dinh (quyết định ban hành và phụ lục), phu-luc (phụ lục nhiệm vụ)
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

fn main() -> ExitCode {
    let parsed = cli_text::vietnamese(Cli::command())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match cli_text::error_text(&e) {
            None => {
                let text = e.render().to_string();
                print!("{text}");
                if !text.ends_with('\n') {
                    println!();
                }
                return ExitCode::SUCCESS;
            }
            Some(text) => {
                eprintln!("{text}");
                return ExitCode::from(2);
            }
        },
    };
    let verbose = cli.verbose;
    // The detail of an error goes to the same log file as the app's, beside the database.
    let db = cli.db.clone().unwrap_or_else(Store::default_path);
    dxplan::applog::init(&dxplan::applog::path_beside(&db));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            log::warn!("{}", e.detail());
            eprintln!("Lỗi: {e}");
            if verbose {
                eprintln!("Chi tiết: {}", e.detail());
            }
            ExitCode::FAILURE
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    println!(
        "{}",
        serde_json::to_string_pretty(value).map_err(|e| Error::Invalid(e.to_string()))?
    );
    Ok(())
}

/// Where a command works: the --db and --catalogues it was given. Every command goes through
/// the window's `Session`, so the CLI and the window cannot differ in what an action does.
struct Place {
    db: Option<PathBuf>,
    catalogues: Option<PathBuf>,
}

impl Place {
    /// --db, else DXPLAN_DB, else the app's own file.
    fn named(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(Store::default_path)
    }

    /// The session the command works in, opened as the window opens it: a server named by
    /// --db (or DXPLAN_DB); otherwise the shared server chosen on this computer (`dxplan
    /// connect` or the window's «Máy chủ»), else the file — saying why when the server cannot
    /// be used.
    async fn session(&self) -> Result<Session> {
        let (session, note) =
            Session::open_preferred(&self.named(), self.catalogues.as_deref()).await?;
        if let Some(note) = note {
            eprintln!("{note}");
        }
        Ok(session)
    }

    /// The session on this computer's own file, whatever server was chosen.
    async fn local_session(&self) -> Result<Session> {
        Session::open(&self.local_file(), self.catalogues.as_deref()).await
    }

    /// This computer's own database file: --db (or DXPLAN_DB) when it names a file, else the
    /// app's.
    fn local_file(&self) -> PathBuf {
        let path = self.named();
        if dxplan::fsutil::is_server(&path) {
            Store::default_file()
        } else {
            path
        }
    }

    /// PLAN is a plan file when such a file exists, otherwise a plan id in the database.
    async fn resolve(&self, plan: &str) -> Result<Plan> {
        let path = Path::new(plan);
        if path.is_file() {
            return planfile::read(path);
        }
        if plan.ends_with(".json") {
            return Err(Error::PlanFile {
                path: path.to_path_buf(),
                reason: "không tìm thấy tệp".into(),
            });
        }
        let session = self.session().await?;
        let p = session.plan(plan).await?;
        session.close().await;
        Ok(p)
    }

    /// The database's seal for workbooks sent to agencies (kept in the database even when the
    /// plan is a file, so the files a round sent are checked when they come back).
    async fn seal(&self) -> Result<dxplan::proposals::seal::Seal> {
        let session = self.session().await?;
        let seal = session.seal().await;
        session.close().await;
        seal
    }

    /// Saves `plan` as a new plan and says its id.
    async fn add(&self, plan: &Plan) -> Result<String> {
        let session = self.session().await?;
        let id = session.add(plan).await?;
        session.close().await;
        Ok(id)
    }
}

/// One line of standard input (a password), without its line end.
fn read_secret() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::Invalid(format!("không đọc được mật khẩu: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
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

/// One line per entry of a catalogue, with the dates that say when it applies.
fn catalogue_lines(c: &catalogue::Catalogue) -> Vec<String> {
    use catalogue::Body;
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string());
    match &c.body {
        Body::LegalBases(docs) => docs
            .iter()
            .map(|d| {
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
                    d.id,
                    dxplan::narrative::plain(&d.to_legal_basis().citation())
                )
            })
            .collect(),
        Body::Provinces(ps) => ps
            .iter()
            .map(|p| {
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
            })
            .collect(),
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

fn print_review(plan: &Plan, review: &dxplan::proposals::Review) {
    use dxplan::proposals::Change;
    let names = |fields: &[dxplan::proposals::diff::Difference]| {
        fields
            .iter()
            .map(|d| d.field)
            .collect::<Vec<_>>()
            .join(", ")
    };
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

async fn run(cli: Cli) -> Result<ExitCode> {
    let place = Place {
        db: cli.db,
        catalogues: cli.catalogues,
    };
    match cli.command {
        Command::New {
            province,
            year,
            sample: from_sample,
        } => {
            let how = if from_sample {
                NewPlan::Sample
            } else {
                let province = province.ok_or_else(|| {
                    Error::Invalid("Cần --province (tên tỉnh) hoặc --sample.".into())
                })?;
                let year =
                    year.ok_or_else(|| Error::Invalid("Cần --year (năm kế hoạch).".into()))?;
                NewPlan::Blank { province, year }
            };
            let session = place.session().await?;
            let id = session.create(how).await?.id;
            println!("{id}");
            session.close().await;
        }
        Command::List { json } => {
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
        }
        Command::Validate { plan, json, issue } => {
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
        }
        Command::Stats { plan, json } => {
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
        }
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
        } => {
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
        }
        Command::Disconnect => {
            let session = place.local_session().await?;
            session.disconnect().await?;
            eprintln!(
                "Đã trở về cơ sở dữ liệu của máy này ({}).",
                place.local_file().display()
            );
        }
        Command::Connection { json } => {
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
        }
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
        } => {
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
        } => {
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
        }
        Command::AddTask {
            id,
            group,
            title,
            lead,
            coordinating,
        } => {
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
        }
        Command::Export {
            plan,
            docx,
            xlsx,
            doc,
            draft,
            template,
        } => {
            let in_database = !Path::new(&plan).is_file();
            let id = plan;
            let plan = place.resolve(&id).await?;
            if let Some(docx) = docx {
                let opts = dxplan::docx::Options {
                    doc: doc.parse()?,
                    draft,
                    template,
                };
                let plan_document = !matches!(opts.doc, dxplan::docx::DocChoice::BaoCao { .. });
                if !draft && plan_document {
                    dxplan::readiness::ensure_issuable(&plan)?;
                }
                if !draft && !plan_document {
                    dxplan::readiness::ensure_report_numbered(&plan)?;
                }
                dxplan::docx::export(&plan, &opts, &docx)?;
                eprintln!("Đã xuất {}", docx.display());
                // As in the window: a final plan document exported is the plan issued.
                if !draft && plan_document && in_database {
                    let session = place.session().await?;
                    session.mark_issued(&id).await?;
                    session.close().await;
                }
            }
            if let Some(xlsx) = xlsx {
                dxplan::xlsx::export(&plan, &xlsx)?;
                eprintln!("Đã xuất {}", xlsx.display());
            }
        }
        Command::Report {
            plan,
            docx,
            xlsx,
            as_of,
            draft,
        } => {
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
            if let Some(docx) = docx {
                if !draft {
                    dxplan::readiness::ensure_report_numbered(&plan)?;
                }
                let opts = dxplan::docx::Options {
                    doc: dxplan::docx::DocChoice::BaoCao { as_of },
                    draft,
                    ..Default::default()
                };
                dxplan::docx::export(&plan, &opts, &docx)?;
                eprintln!("Đã xuất {}", docx.display());
            }
            if let Some(xlsx) = xlsx {
                let day = dxplan::docx::report::as_of(&plan, as_of);
                dxplan::xlsx::export_report(&plan, day, &xlsx)?;
                eprintln!("Đã xuất {}", xlsx.display());
            }
        }
        Command::Rollover {
            plan,
            to_year,
            keep,
            drop,
            reject,
            out,
            json,
        } => {
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
        }
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
        } => {
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
        }
        Command::ProposalsImport {
            plan,
            files,
            dry_run,
            accept_valid,
            json,
        } => {
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
        }
        Command::Undo { id } => undo_redo(&place, &id, true).await?,
        Command::Redo { id } => undo_redo(&place, &id, false).await?,
        Command::History { id } => {
            let session = place.session().await?;
            for r in session.history(&id).await? {
                println!("{:>4}  {}  {}", r.revision, r.created_at, r.summary);
            }
            session.close().await;
        }
    }
    Ok(ExitCode::SUCCESS)
}
