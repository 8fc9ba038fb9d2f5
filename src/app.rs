//! What the desktop app asks of the core, one method per user action. The Tauri shell maps
//! each of its commands to exactly one call here, so everything the window shows — numbers,
//! totals, findings, completeness, the preview — is computed in this crate, once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::budget::Amount;
use crate::catalogue::Catalogues;
use crate::docx::{DocChoice, Options};
use crate::edit::Edit;
use crate::model::{BudgetLevel, BudgetSource, Id, Plan, PlanStatus};
use crate::proposals::batch::{Round, Sent};
use crate::proposals::{Review, RowRef};
use crate::store::connection::{self, ServerSettings};
use crate::store::{Copied, NewAccount, PlanSummary, SectionEdit, Store, UserAccount};
use crate::tracking::Tracking;
use crate::validation::{Finding, SectionState};
use crate::{Error, Result};
use chrono::NaiveDate;

/// How a new plan starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum NewPlan {
    /// From the newest presets (agency directory, guidance) for a province and year.
    Blank { province: String, year: i32 },
    /// The shipped sample (Quảng Ngãi 2023, seed 004).
    Sample,
    /// A plan file (.json) someone e-mailed.
    File { path: PathBuf },
}

/// The documents the export screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    KeHoach,
    QuyetDinh,
    PhuLuc,
    Workbook,
    /// The results report of the plan's year (Word), as of its last day.
    BaoCao,
    /// The same report's tables as a workbook.
    BaoCaoWorkbook,
}

impl ExportKind {
    /// The documents a plan is issued as (not the year-end results report).
    pub fn is_plan_document(self) -> bool {
        !matches!(self, ExportKind::BaoCao | ExportKind::BaoCaoWorkbook)
    }

    /// File name the save dialog proposes: "Ke-hoach-CDS-Quang-Ngai-2023.docx" keeps to
    /// ASCII so that e-mail and old file servers keep it intact.
    pub fn file_name(self, plan: &Plan) -> String {
        let province: String = crate::text::fold(&plan.identity.province)
            .split_whitespace()
            .map(crate::format::capitalise_first)
            .collect::<Vec<_>>()
            .join("-");
        let (stem, ext) = match self {
            ExportKind::KeHoach => ("Ke-hoach-CDS", "docx"),
            ExportKind::QuyetDinh => ("Quyet-dinh-ban-hanh-KH-CDS", "docx"),
            ExportKind::PhuLuc => ("Phu-luc-nhiem-vu-CDS", "docx"),
            ExportKind::Workbook => ("Phu-luc-CDS", "xlsx"),
            ExportKind::BaoCao => ("Bao-cao-ket-qua-CDS", "docx"),
            ExportKind::BaoCaoWorkbook => ("Bao-cao-ket-qua-CDS", "xlsx"),
        };
        format!("{stem}-{province}-{}.{ext}", plan.identity.year)
    }

    fn doc(self) -> Option<DocChoice> {
        match self {
            ExportKind::KeHoach => Some(DocChoice::KeHoach),
            ExportKind::QuyetDinh => Some(DocChoice::QuyetDinh),
            ExportKind::PhuLuc => Some(DocChoice::PhuLuc),
            ExportKind::BaoCao => Some(DocChoice::BaoCao { as_of: None }),
            ExportKind::Workbook | ExportKind::BaoCaoWorkbook => None,
        }
    }
}

/// A formatted amount with what it is the amount of.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetRow {
    pub label: String,
    /// "132.897,5"
    pub amount: String,
}

/// The budget roll-up the app shows read-only (million VND, formatted).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetView {
    pub total: String,
    pub unallocated: String,
    pub by_source: Vec<BudgetRow>,
    pub by_level: Vec<BudgetRow>,
    /// One row per group, in plan order; `label` is the group number and title.
    pub by_group: Vec<BudgetRow>,
}

/// What the app shows of a task besides the task itself.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskLine {
    pub id: Id,
    /// "3.2"
    pub number: String,
    /// "Quý III/2027", empty when no deadline.
    pub deadline: String,
    /// "1.250" or empty.
    pub budget: String,
}

/// A group's computed number.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupLine {
    pub id: Id,
    pub number: String,
}

/// Everything the plan screen needs after any change: the plan, and what the core computes
/// from it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanView {
    pub id: String,
    pub revision: i64,
    pub plan: Plan,
    pub findings: Vec<Finding>,
    pub sections: Vec<SectionState>,
    pub groups: Vec<GroupLine>,
    pub tasks: Vec<TaskLine>,
    pub budget: BudgetView,
    /// The national tasks ("vn-tinh-2024:2.4") some task of the plan refers to.
    pub national_covered: Vec<String>,
    /// The budget levels that exist in the plan's year (no district level from 2026).
    pub budget_levels: Vec<crate::model::BudgetLevel>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Who the window works as; a department's account edits only its agency's tasks.
    pub account: UserAccount,
    /// Who last changed each section, and when (the outline shows it).
    pub edited: Vec<SectionEdit>,
}

/// A plan that started from another document, with what the planner must review: the
/// roll-over report, or what the importer was unsure of.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Started {
    pub view: PlanView,
    pub rollover: Option<crate::rollover::Report>,
    /// The plan a roll-over started from.
    pub source: Option<String>,
    /// What an import from Word or Excel read, flagged and left out.
    pub import: Option<crate::import::Imported>,
}

/// What "import from Word/Excel" gives: the new draft, or the refusal of a file too little of
/// which could be read (the window then offers a partial draft of the same file).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Importing {
    Started(Box<Started>),
    Refused { path: String, message: String },
}

/// What "next year's plan" gives: the new draft, or the plan that already exists for that
/// province and year (the window then asks whether to open it or make another draft).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rolled {
    Started { started: Box<Started> },
    Exists { existing: PlanSummary },
}

/// Workbooks read back from a round, and what they would change.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Received {
    pub files: Vec<PathBuf>,
    pub review: Review,
}

/// Where the planner was, so that the app reopens there.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Resume {
    pub plan: Option<String>,
    pub screen: Option<String>,
}

const RESUME_KEY: &str = "app.resume";

/// Runs `work` to its end on a blocking thread of the runtime. Opening a store runs sqlx's
/// migrator, whose future the compiler cannot prove `Send` (a known higher-ranked lifetime
/// limit), and the window's commands must be; on its own thread it need not be.
async fn detached<T, F, W>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> W + Send + 'static,
    W: std::future::Future<Output = Result<T>>,
{
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || handle.block_on(work()))
        .await
        .map_err(|e| Error::Invalid(format!("lỗi của ứng dụng khi mở cơ sở dữ liệu: {e}")))?
}

/// Where the window works, for the «Máy chủ» screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Connection {
    /// On the shared server (else on this computer's file).
    pub shared: bool,
    /// Where the window works, as the planner reads it: the server's
    /// account@host:port/database (never the password), or the file's path.
    pub address: String,
    pub local_file: String,
    /// The server chosen on this computer, without its password.
    pub server: Option<ServerSettings>,
    pub account: UserAccount,
    /// The account may make accounts (the admin).
    pub admin: bool,
    /// The accounts made on the server.
    pub accounts: Vec<UserAccount>,
    /// The system has a credential store to remember the password in.
    pub credential_store: bool,
    /// The link to the server is encrypted (TLS); false on this computer's file.
    pub encrypted: bool,
}

pub struct Session {
    /// The database in use: this computer's file, or the shared server the planner connected
    /// to (see `connect`); swapped whole, so a request in flight finishes on the one it began.
    store: std::sync::RwLock<std::sync::Arc<Store>>,
    /// This computer's own database file, used when not on a server.
    local_db: PathBuf,
    /// The server's password when the system has no credential store: kept while the app is
    /// open, never written.
    password: std::sync::Mutex<Option<String>>,
    /// Reloaded when the planner imports a catalogue.
    catalogues: std::sync::RwLock<std::sync::Arc<Catalogues>>,
    /// Where imported catalogues go (none: importing is not offered).
    catalogue_dir: Option<PathBuf>,
}

impl Session {
    pub async fn open(db: &Path, catalogue_dir: Option<&Path>) -> Result<Session> {
        let store = Store::open(db).await?;
        let local_db = if crate::fsutil::is_server(db) {
            Store::default_file()
        } else {
            db.to_path_buf()
        };
        Session::with_store(store, local_db, catalogue_dir)
    }

    fn with_store(
        store: Store,
        local_db: PathBuf,
        catalogue_dir: Option<&Path>,
    ) -> Result<Session> {
        let catalogues = Catalogues::load(catalogue_dir)?;
        Ok(Session {
            store: std::sync::RwLock::new(std::sync::Arc::new(store)),
            local_db,
            password: Default::default(),
            catalogues: std::sync::RwLock::new(std::sync::Arc::new(catalogues)),
            catalogue_dir: catalogue_dir.map(Path::to_path_buf),
        })
    }

    pub fn store(&self) -> std::sync::Arc<Store> {
        // A poisoned lock still holds the last store opened.
        self.store.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Opens the database the planner chose last (see `connection::open_preferred`), with the
    /// sentence saying why the file was opened instead of the server. A server's address
    /// (DXPLAN_DB, the CLI's --db) is opened as is.
    pub async fn open_preferred(
        db: &Path,
        catalogue_dir: Option<&Path>,
    ) -> Result<(Session, Option<String>)> {
        if crate::fsutil::is_server(db) {
            return Ok((Session::open(db, catalogue_dir).await?, None));
        }
        let (store, note) = connection::open_preferred(db).await?;
        Ok((
            Session::with_store(store, db.to_path_buf(), catalogue_dir)?,
            note,
        ))
    }

    /// Where the window works now, and as whom.
    pub async fn connection(&self) -> Result<Connection> {
        let store = self.store();
        let server = (store.engine() == "postgres")
            .then(|| connection::saved(&crate::fsutil::local_dir(&self.local_db)))
            .flatten();
        let accounts = if store.engine() == "postgres" {
            store.accounts().await?
        } else {
            Vec::new()
        };
        Ok(Connection {
            shared: store.engine() == "postgres",
            address: store.address().to_string(),
            local_file: self.local_db.display().to_string(),
            server,
            account: store.account().clone(),
            admin: store.engine() == "postgres" && store.may_create_accounts().await?,
            accounts,
            credential_store: connection::secret::available(),
            encrypted: store.encrypted().await?.unwrap_or(false),
        })
    }

    /// Connects to a shared server; from then on every request goes there. The address is
    /// remembered on this computer, and the password in the credential store when
    /// `remember` (or, without one, until the app closes). Nothing changes when connecting
    /// fails.
    pub async fn connect(
        &self,
        settings: &ServerSettings,
        password: &str,
        remember: bool,
    ) -> Result<Connection> {
        let settings = settings.checked()?;
        if password.is_empty() {
            return Err(Error::Invalid("hãy nhập mật khẩu".into()));
        }
        let url = settings.url(password);
        let store = detached(move || async move { Store::open(&url).await }).await?;
        let dir = crate::fsutil::local_dir(&self.local_db);
        connection::save(&dir, Some(&settings))?;
        if remember && connection::secret::available() {
            connection::secret::store(&settings, password)?;
        } else {
            connection::secret::forget(&settings);
        }
        *self.password.lock().unwrap_or_else(|e| e.into_inner()) = Some(password.to_string());
        *self.store.write().unwrap_or_else(|e| e.into_inner()) = std::sync::Arc::new(store);
        self.connection().await
    }

    /// Back to this computer's own database file; the server is forgotten here (its plans
    /// stay on it).
    pub async fn disconnect(&self) -> Result<Connection> {
        let db = self.local_db.clone();
        let store = detached(move || async move { Store::open(&db).await }).await?;
        let dir = crate::fsutil::local_dir(&self.local_db);
        if let Some(settings) = connection::saved(&dir) {
            connection::secret::forget(&settings);
        }
        connection::save(&dir, None)?;
        *self.password.lock().unwrap_or_else(|e| e.into_inner()) = None;
        *self.store.write().unwrap_or_else(|e| e.into_inner()) = std::sync::Arc::new(store);
        self.connection().await
    }

    /// Copies every plan with its history between this computer's file and the server in
    /// use: up (`to_server`) or back down. Refused whole when the other side already holds
    /// one of the plans.
    pub async fn move_plans(&self, to_server: bool) -> Result<Copied> {
        let server = self.store();
        if server.engine() != "postgres" {
            return Err(Error::Invalid(
                "Hãy kết nối tới máy chủ dùng chung trước khi chuyển kế hoạch.".into(),
            ));
        }
        let local_db = self.local_db.clone();
        detached(move || async move {
            let local = Store::open(&local_db).await?;
            let copied = if to_server {
                local.copy_all_to(&server).await
            } else {
                server.copy_all_to(&local).await
            };
            local.close().await;
            copied
        })
        .await
    }

    /// Copies every plan with its history from the database in use to another (`dxplan
    /// copy-plans --to`); refused whole when the other already holds one of the plans.
    pub async fn copy_plans_to(&self, to: &Path) -> Result<Copied> {
        let dest = Store::open(to).await?;
        let copied = self.store().copy_all_to(&dest).await;
        dest.close().await;
        copied
    }

    /// Makes a drafter's or a department's account on the shared server (admin only).
    pub async fn make_account(&self, new: &NewAccount) -> Result<UserAccount> {
        self.store().create_account(new).await
    }

    /// `make_account`, then the screen «Máy chủ» as it now stands.
    pub async fn create_account(&self, new: &NewAccount) -> Result<Connection> {
        self.make_account(new).await?;
        self.connection().await
    }

    pub fn catalogues(&self) -> std::sync::Arc<Catalogues> {
        // A poisoned lock still holds the last catalogues read.
        self.catalogues
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The example of a year's national task list, written where the planner chose.
    pub fn save_catalogue_example(&self, path: &Path) -> Result<()> {
        crate::fsutil::write_atomic(path, crate::catalogue::EXAMPLE_NATIONAL_TASKS.as_bytes())
    }

    /// A catalogue file the planner brings (the year's national task list), checked, kept in
    /// the catalogue folder and in use from now on.
    pub fn import_catalogue(&self, file: &Path) -> Result<std::sync::Arc<Catalogues>> {
        let dir = self.catalogue_dir.as_deref().ok_or_else(|| {
            Error::Invalid("Phiên làm việc này không có thư mục danh mục để nhập.".into())
        })?;
        crate::catalogue::import_into(dir, file)?;
        let fresh = std::sync::Arc::new(Catalogues::load(Some(dir))?);
        *self.catalogues.write().unwrap_or_else(|e| e.into_inner()) = fresh.clone();
        Ok(fresh)
    }

    pub async fn list(&self) -> Result<Vec<PlanSummary>> {
        self.store().list().await
    }

    pub async fn create(&self, how: NewPlan) -> Result<PlanView> {
        let plan = match how {
            NewPlan::Blank { province, year } => {
                let province = province.trim().to_string();
                if province.is_empty() {
                    return Err(Error::Invalid("Hãy nhập tên tỉnh.".into()));
                }
                if !(2020..=2100).contains(&year) {
                    return Err(Error::Invalid(format!("Năm kế hoạch {year} không hợp lệ.")));
                }
                let province = self.province_of(&province, year)?;
                let key = crate::text::fold(&province);
                if let Some(p) = self
                    .store()
                    .list()
                    .await?
                    .into_iter()
                    .find(|p| p.year == year && crate::text::fold(p.province.trim()) == key)
                {
                    return Err(Error::Invalid(format!(
                        "Đã có kế hoạch {} năm {year} («{}»): hãy mở kế hoạch đó, hoặc dùng «Nhân bản» nếu cần thêm một bản.",
                        p.province, p.title
                    )));
                }
                crate::catalogue::new_plan(&self.catalogues(), &province, year)
            }
            NewPlan::Sample => crate::sample::plan(),
            NewPlan::File { path } => crate::planfile::read(&path)?,
        };
        let id = self.add(&plan).await?;
        self.view(&id).await
    }

    /// The province as the catalogue of that year writes it ("tuyen quang" → "Tuyên Quang"),
    /// so the header, the title and the issuer are spelt right from the start; a name that
    /// is not a province of that year is refused.
    fn province_of(&self, typed: &str, year: i32) -> Result<String> {
        let cats = self.catalogues();
        if cats.provinces().is_empty() {
            return Ok(typed.to_string());
        }
        match cats.province(typed) {
            Some(p) if p.exists_in(year) => Ok(p.name.clone()),
            Some(p) => Err(Error::Invalid(match &p.merged_into {
                Some(into) => format!(
                    "Tỉnh {} không còn từ ngày 01/7/2025 (đã nhập vào {into}): kế hoạch năm {year} do tỉnh {into} lập.",
                    p.name
                ),
                None => format!("«{}» không có trong danh mục tỉnh, thành phố của năm {year}.", p.name),
            })),
            None => Err(Error::Invalid(format!(
                "«{typed}» không có trong danh mục {} tỉnh, thành phố của năm {year}: hãy chọn trong danh sách.",
                cats.provinces().iter().filter(|p| p.exists_in(year)).count()
            ))),
        }
    }

    /// Saves `plan` as a new plan of its own (an imported document, a roll-over made headless).
    pub async fn add(&self, plan: &Plan) -> Result<String> {
        self.store().create(plan).await
    }

    /// The plan as stored, without the window's views of it.
    pub async fn plan(&self, id: &str) -> Result<Plan> {
        Ok(self.store().load(id).await?.plan)
    }

    /// Every step of the plan's history, newest first.
    pub async fn history(&self, id: &str) -> Result<Vec<crate::store::Revision>> {
        self.store().history(id).await
    }

    /// Ends the session: the database is closed cleanly (SQLite folds its journal back into
    /// the file) unless a request still holds it.
    pub async fn close(self) {
        let store = self.store.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Ok(store) = std::sync::Arc::try_unwrap(store) {
            store.close().await;
        }
    }

    pub async fn view(&self, id: &str) -> Result<PlanView> {
        let stored = self.store().load(id).await?;
        let (can_undo, can_redo) = self.store().undo_redo_available(id).await?;
        let mut view = view_of(stored.id, stored.revision, stored.plan, can_undo, can_redo);
        view.account = self.store().account().clone();
        view.edited = self.store().last_edits(id).await?;
        Ok(view)
    }

    /// The plan's newest revision, polled by the window so that an edit made elsewhere (the
    /// CLI, another window, a colleague on the shared server) shows without reopening.
    pub async fn revision(&self, id: &str) -> Result<i64> {
        self.store().revision(id).await
    }

    /// Applies one edit made from `revision`; a bad edit or a newer revision elsewhere
    /// changes nothing.
    pub async fn edit(&self, id: &str, revision: i64, edit: Edit) -> Result<PlanView> {
        self.store().apply(id, Some(revision), edit).await?;
        self.view(id).await
    }

    /// Applies one edit onto the plan as it now stands, and says the new revision: for a
    /// command, which shows the planner no older state that the edit could overwrite.
    pub async fn edit_latest(&self, id: &str, edit: Edit) -> Result<i64> {
        self.store().apply(id, None, edit).await
    }

    /// `edit` for an edit as the window sends it (JSON); see `Edit::from_json`.
    pub async fn edit_json(
        &self,
        id: &str,
        revision: i64,
        edit: serde_json::Value,
    ) -> Result<PlanView> {
        self.edit(id, revision, Edit::from_json(edit)?).await
    }

    /// What went wrong in the window itself, for the log file (the planner has already
    /// been shown a Vietnamese sentence).
    pub fn log_window_error(&self, detail: &str) {
        log::error!(target: "cua-so", "{detail}");
    }

    pub async fn undo(&self, id: &str) -> Result<PlanView> {
        self.step(id, true).await?;
        self.view(id).await
    }

    pub async fn redo(&self, id: &str) -> Result<PlanView> {
        self.step(id, false).await?;
        self.view(id).await
    }

    /// One step back (`undo`) or forward in the plan's history: the new revision, or none
    /// when there is nothing to undo or redo.
    pub async fn step(&self, id: &str, undo: bool) -> Result<Option<i64>> {
        if undo {
            self.store().undo(id).await
        } else {
            self.store().redo(id).await
        }
    }

    pub async fn duplicate(&self, id: &str) -> Result<PlanSummary> {
        let new = self.store().duplicate(id).await?;
        self.summary(&new).await
    }

    pub async fn delete(&self, id: &str) -> Result<()> {
        self.store().delete(id).await
    }

    pub async fn export_plan_file(&self, id: &str, path: &Path) -> Result<()> {
        self.store().export_file(id, path).await
    }

    async fn summary(&self, id: &str) -> Result<PlanSummary> {
        self.store()
            .list()
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::PlanNotFound(id.to_string()))
    }

    /// Writes one document of the plan to `path` (atomically).
    pub async fn export(&self, id: &str, kind: ExportKind, draft: bool, path: &Path) -> Result<()> {
        let plan = self.plan(id).await?;
        // A final plan document is issued only when the final check finds nothing: the
        // decision is made here, where exports are asked for, not in the writers.
        if !draft && kind.is_plan_document() {
            crate::readiness::ensure_issuable(&plan)?;
        }
        if !draft && kind == ExportKind::BaoCao {
            crate::readiness::ensure_report_numbered(&plan)?;
        }
        match kind.doc() {
            Some(doc) => crate::docx::export(&plan, &options(doc, draft), path),
            None if kind == ExportKind::BaoCaoWorkbook => {
                crate::xlsx::export_report(&plan, crate::docx::report::as_of(&plan, None), path)
            }
            None => crate::xlsx::export(&plan, path),
        }?;
        if !draft && kind.doc().is_some() && kind.is_plan_document() {
            self.mark_issued(id).await?;
        }
        Ok(())
    }

    /// A plan document exported as final is the plan being issued: the plan says so (one
    /// step of its history), so the list, the rounds and the next export agree. Called after
    /// a final Word export (refused without number, date and signer), by the window and the
    /// CLI alike.
    pub async fn mark_issued(&self, id: &str) -> Result<()> {
        let plan = self.plan(id).await?;
        if plan.identity.status == PlanStatus::Draft {
            let identity = crate::model::Identity {
                status: PlanStatus::Final,
                ..plan.identity
            };
            self.edit_latest(
                id,
                Edit::SetIdentity {
                    identity: Box::new(identity),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// The final check ("Sẵn sàng ban hành"): every finding that stands between the plan and
    /// its issue, read from the documents as they will print.
    pub async fn readiness(&self, id: &str) -> Result<Vec<crate::validation::Finding>> {
        crate::readiness::check(&self.plan(id).await?)
    }

    /// Every place of the plan's texts where `query` occurs (Ctrl+H), with its sentence.
    pub async fn find_text(&self, id: &str, query: &str) -> Result<Vec<TextMatch>> {
        let query = crate::text::nfc(query);
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        let plan = self.plan(id).await?;
        Ok(crate::plantext::find(&plan, &query)
            .into_iter()
            .map(|f| TextMatch {
                location: crate::validation::location_of(&f.text),
                place: f.text.place,
                before: f.before,
                found: f.found,
                after: f.after,
            })
            .collect())
    }

    /// The file name the save dialog proposes for a document of this plan.
    pub async fn export_name(&self, id: &str, kind: ExportKind) -> Result<String> {
        Ok(kind.file_name(&self.plan(id).await?))
    }

    /// The chosen document as it will print, as HTML pages (see `preview`).
    pub async fn preview(&self, id: &str, kind: ExportKind) -> Result<String> {
        let plan = self.plan(id).await?;
        // A workbook previews as the Word document with the same tables.
        let doc = kind.doc().unwrap_or(match kind {
            ExportKind::BaoCaoWorkbook => DocChoice::BaoCao { as_of: None },
            _ => DocChoice::PhuLuc,
        });
        // A final plan previews as final when it can be; otherwise as the draft it still is.
        let bytes = match plan.identity.status {
            PlanStatus::Final => crate::docx::build(&plan, &options(doc, false))
                .or_else(|_| crate::docx::build(&plan, &options(doc, true)))?,
            PlanStatus::Draft => crate::docx::build(&plan, &options(doc, true))?,
        };
        crate::preview::html(&bytes)
    }

    /// Next year's draft from plan `id` (see `rollover`), stored as a new plan. Every task
    /// is carried or dropped by the roll-over's own rules; the report says which, and
    /// `rollover_choose` turns any of them around. When the province already has a plan for
    /// that year, nothing is created unless `another` says the planner wants a second draft.
    pub async fn rollover(&self, id: &str, another: bool) -> Result<Rolled> {
        let plan = self.plan(id).await?;
        let to = plan.identity.year + 1;
        if !another {
            let province = crate::text::fold(plan.identity.province.trim());
            let existing = self.store().list().await?.into_iter().find(|s| {
                s.year == to && crate::text::fold(s.province.trim()) == province && s.id != id
            });
            if let Some(existing) = existing {
                return Ok(Rolled::Exists { existing });
            }
        }
        let (next, report) =
            crate::rollover::rollover(&plan, to, &crate::rollover::Options::default());
        let new = self.add(&next).await?;
        Ok(Rolled::Started {
            started: Box::new(Started {
                view: self.view(&new).await?,
                rollover: Some(report),
                source: Some(id.to_string()),
                import: None,
            }),
        })
    }

    /// The review's choices: draft `draft` made again from plan `source`, carrying the tasks
    /// in `keep` and leaving those in `drop`, whatever the default rule says, and without the
    /// reform changes in `reject`. The draft keeps its id; the change is one step of its
    /// history.
    pub async fn rollover_choose(
        &self,
        source: &str,
        draft: &str,
        keep: Vec<Id>,
        drop: Vec<Id>,
        reject: Vec<String>,
    ) -> Result<Started> {
        let plan = self.store().load(source).await?.plan;
        let opts = crate::rollover::Options {
            keep: keep.into_iter().collect(),
            drop: drop.into_iter().collect(),
            reject: reject.into_iter().collect(),
        };
        let (next, report) = crate::rollover::rollover(&plan, plan.identity.year + 1, &opts);
        self.store()
            .apply(
                draft,
                None,
                Edit::ReplacePlan {
                    plan: Box::new(next),
                },
            )
            .await?;
        Ok(Started {
            view: self.view(draft).await?,
            rollover: Some(report),
            source: Some(source.to_string()),
            import: None,
        })
    }

    /// A plan written in Word (.docx) or a task appendix kept in Excel (.xlsx), read into a
    /// new draft; what was uncertain comes back as flags to review, what was not read as a
    /// list. A Word file too little of which could be read is refused unless `partial`.
    pub async fn import_office(&self, path: &Path, partial: bool) -> Result<Importing> {
        let cats = self.catalogues();
        let is_xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let imported = if is_xlsx {
            crate::import::import_xlsx_of_its_year(path, &cats, None, None)
        } else {
            crate::import::import_docx_of_its_year(path, &cats, crate::import::Options { partial })
        };
        let imported = match imported {
            Err(e @ Error::ImportIncomplete { .. }) => {
                return Ok(Importing::Refused {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })
            }
            other => other?,
        };
        let new = self.add(&imported.plan).await?;
        Ok(Importing::Started(Box::new(Started {
            view: self.view(&new).await?,
            rollover: None,
            source: None,
            import: Some(imported),
        })))
    }

    /// The tracking screen's view of plan `id` on `as_of` (today when not given).
    pub async fn tracking(&self, id: &str, as_of: Option<NaiveDate>) -> Result<Tracking> {
        let plan = self.plan(id).await?;
        let day = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
        Ok(crate::tracking::view(&plan, day))
    }

    /// "Gửi đề xuất" / "Gửi báo cáo tiến độ": one workbook per agency into `dir`.
    pub async fn send_round(
        &self,
        id: &str,
        round: Round,
        agencies: Vec<Id>,
        dir: &Path,
    ) -> Result<Sent> {
        let plan = self.plan(id).await?;
        let seal = self.seal().await?;
        crate::proposals::batch::send(&plan, round, &agencies, dir, &seal)
    }

    /// The database's seal for workbooks sent to agencies.
    pub async fn seal(&self) -> Result<crate::proposals::seal::Seal> {
        Ok(crate::proposals::seal::Seal::new(
            self.store().seal_key().await?,
        ))
    }

    /// "Nhận đề xuất" / "Nhận báo cáo": what the filled workbooks would change; nothing is
    /// applied.
    pub async fn review_round(&self, id: &str, files: Vec<PathBuf>) -> Result<Received> {
        let plan = self.plan(id).await?;
        let review = crate::proposals::review(&plan, &files, &self.seal().await?);
        Ok(Received { files, review })
    }

    /// The agencies a round goes to unless the planner picks others.
    pub async fn round_recipients(&self, id: &str, round: Round) -> Result<Vec<Id>> {
        let plan = self.plan(id).await?;
        Ok(crate::proposals::batch::recipients(&plan, round))
    }

    /// The reviewed workbooks read again and applied, without the rows the planner
    /// rejected, as one step of the plan's history (one undo takes it all back). From a
    /// stale `revision`, nothing is applied.
    pub async fn apply_round(
        &self,
        id: &str,
        revision: i64,
        files: &[PathBuf],
        rejected: Vec<RowRef>,
    ) -> Result<PlanView> {
        let plan = self.plan(id).await?;
        let review = crate::proposals::review(&plan, files, &self.seal().await?).without(&rejected);
        self.apply_review(id, Some(revision), &review).await?;
        self.view(id).await
    }

    /// Applies the changes of a reviewed round (its problems were shown, and change nothing)
    /// as one step of the history: from `revision` when given, else onto the plan as it
    /// stands (the CLI, which reviewed it a moment ago).
    pub async fn apply_review(
        &self,
        id: &str,
        revision: Option<i64>,
        review: &Review,
    ) -> Result<()> {
        if review.changes.is_empty() {
            return Err(Error::Invalid(
                "Không có thay đổi nào được chọn để cập nhật.".into(),
            ));
        }
        let summary = review.summary();
        self.store()
            .update(id, revision, &summary, |p| review.apply_to(p))
            .await?;
        Ok(())
    }

    /// Where the window resumes on a shared server: a file of this computer, so that each
    /// colleague comes back to their own plan and screen (and a department's account, which
    /// may not write the server's settings, does too). On this computer's database, in it.
    fn resume_file(&self) -> PathBuf {
        crate::fsutil::local_dir(&self.local_db).join("tiep-tuc-may-chu.json")
    }

    pub async fn resume(&self) -> Result<Resume> {
        let saved = if self.store().engine() == "postgres" {
            std::fs::read_to_string(self.resume_file()).ok()
        } else {
            self.store().setting(RESUME_KEY).await?
        };
        let mut resume: Resume = saved
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        // A plan deleted elsewhere since is not reopened.
        if let Some(id) = &resume.plan {
            if self.store().load(id).await.is_err() {
                resume = Resume::default();
            }
        }
        Ok(resume)
    }

    pub async fn set_resume(&self, resume: &Resume) -> Result<()> {
        let json = serde_json::to_string(resume).map_err(|e| Error::Invalid(e.to_string()))?;
        if self.store().engine() == "postgres" {
            let file = self.resume_file();
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(Error::Io)?;
            }
            return crate::fsutil::write_atomic(&file, json.as_bytes());
        }
        self.store().set_setting(RESUME_KEY, &json).await
    }
}

fn options(doc: DocChoice, draft: bool) -> Options {
    Options {
        doc,
        draft,
        ..Options::default()
    }
}

/// Amounts by source or by level, each named; lines without one are "Chưa xác định".
fn labelled<K: Copy>(
    amounts: &[Amount<Option<K>>],
    label: fn(K) -> &'static str,
) -> Vec<BudgetRow> {
    amounts
        .iter()
        .map(|a| BudgetRow {
            label: a.key.map_or("Chưa xác định", label).to_string(),
            amount: crate::format::money(a.amount),
        })
        .collect()
}

/// One place find-and-replace found its words: where (to jump, and to replace there), and
/// the sentence around them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TextMatch {
    pub location: crate::validation::Location,
    pub place: crate::plantext::Place,
    pub before: String,
    pub found: String,
    pub after: String,
}

/// The computed parts of the plan screen.
pub fn view_of(id: String, revision: i64, plan: Plan, can_undo: bool, can_redo: bool) -> PlanView {
    let money = crate::format::money;
    let totals = crate::budget::totals(&plan);
    // Validated once: the panel shows the findings, the outline counts them per section.
    let findings = crate::validation::validate(&plan);
    let tasks = plan
        .groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| {
            g.tasks.iter().enumerate().map(move |(ti, t)| TaskLine {
                id: t.id.clone(),
                number: crate::numbering::task_number(gi, ti),
                deadline: t.deadline.as_ref().map(|d| d.text()).unwrap_or_default(),
                budget: if t.budget.is_empty() {
                    String::new()
                } else {
                    money(crate::budget::sum(&t.budget))
                },
            })
        })
        .collect();
    let budget = BudgetView {
        total: money(totals.total),
        unallocated: money(totals.unallocated),
        by_source: labelled(&totals.by_source, BudgetSource::label),
        by_level: labelled(&totals.by_level, BudgetLevel::label),
        by_group: totals
            .by_group
            .iter()
            .map(|a| {
                let (i, g) = plan
                    .groups
                    .iter()
                    .enumerate()
                    .find(|(_, g)| g.id == a.key)
                    .expect("totals are keyed by the plan's groups");
                BudgetRow {
                    label: format!("{}. {}", crate::numbering::group_number(i), g.title),
                    amount: money(a.amount),
                }
            })
            .collect(),
    };
    let national_covered: BTreeSet<String> = plan
        .tasks()
        .filter_map(|(_, t)| t.national_task.clone())
        .collect();
    PlanView {
        id,
        revision,
        sections: crate::validation::completeness_with(&plan, &findings),
        findings,
        groups: plan
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| GroupLine {
                id: g.id.clone(),
                number: crate::numbering::group_number(i),
            })
            .collect(),
        tasks,
        budget,
        national_covered: national_covered.into_iter().collect(),
        budget_levels: crate::model::BudgetLevel::of_year(plan.identity.year),
        can_undo,
        can_redo,
        account: UserAccount::default(),
        edited: Vec::new(),
        plan,
    }
}

/// An error as the window receives it: the Vietnamese sentence to show. The technical
/// detail goes to the log when the error is converted.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UserError {
    pub message: String,
    /// The database did not answer (the shared server is down or out of reach): the same
    /// request may succeed once it is back, and the window tries it again.
    pub retry: bool,
    /// The edit was made from a revision that is no longer the newest: an edit built from
    /// the plan as it now stands may be sent again (see the window's `usePlan`).
    pub stale: bool,
}

impl From<Error> for UserError {
    fn from(e: Error) -> Self {
        log::warn!("{}", e.detail());
        UserError {
            retry: matches!(e, Error::Unreachable(_)),
            stale: matches!(e, Error::Conflict { .. }),
            message: e.to_string(),
        }
    }
}

impl Session {
    /// On the very first start the sample plan is there to open; a planner who deletes it
    /// does not get it back.
    /// Never on a shared server: the team's plans are real ones, and a department's account
    /// may not add a plan anyway.
    pub async fn seed_sample_once(&self) -> Result<()> {
        const KEY: &str = "app.sample_seeded";
        if self.store().engine() == "postgres" {
            return Ok(());
        }
        if self.store().setting(KEY).await?.is_none() {
            if self.store().list().await?.is_empty() {
                self.store().create(&crate::sample::plan()).await?;
            }
            self.store().set_setting(KEY, "1").await?;
        }
        Ok(())
    }
}
