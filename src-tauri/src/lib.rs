//! The desktop shell: a thin layer over the core crate. Every command is one call into
//! `dxplan::app::Session`; the only things done here are what only a window can do (native
//! file dialogs, revealing a file in the file manager). Errors cross to the window as
//! `UserError`, a Vietnamese sentence; the detail is logged by the core.

use std::path::PathBuf;

use dxplan::app::{
    Connection, DraftSent, ExportKind, Importing, NewPlan, PlanView, Received, Resume, Rolled,
    Session, Started, TextMatch, UserError,
};
use dxplan::catalogue::Catalogues;
use dxplan::model::NaiveDate;
use dxplan::proposals::batch::{Round, Sent};
use dxplan::proposals::comments::FormsRead;
use dxplan::proposals::RowRef;
use dxplan::store::connection::ServerSettings;
use dxplan::store::{Copied, NewAccount, PlanSummary, Store};
use dxplan::tracking::Tracking;
use dxplan::validation::Finding;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

type Reply<T> = Result<T, UserError>;

fn err(message: &str) -> UserError {
    UserError {
        message: message.to_string(),
        retry: false,
        stale: false,
    }
}

/// Where a save dialog puts the file. `DXPLAN_SAVE_DIR` replaces the dialog by that folder
/// and the proposed name, so the end-to-end tests can export without a native dialog.
fn ask_save_path(app: &AppHandle, name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DXPLAN_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(name));
    }
    app.dialog()
        .file()
        .set_title("Lưu tệp")
        .set_file_name(name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// A file chosen in the open dialog; `None` when the planner cancels.
/// The file an open dialog picks. `DXPLAN_OPEN_FILE` replaces the dialog by that file, so the
/// end-to-end tests can import without a native dialog.
fn ask_open_path(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("DXPLAN_OPEN_FILE") {
        return Some(PathBuf::from(file));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// A folder chosen in a folder dialog; `DXPLAN_SAVE_DIR` replaces the dialog (e2e tests).
fn ask_folder(app: &AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DXPLAN_SAVE_DIR") {
        return Some(PathBuf::from(dir));
    }
    app.dialog()
        .file()
        .set_title(title)
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

/// Several files chosen at once; `DXPLAN_OPEN_FILES` (a path list, as PATH is written)
/// replaces the dialog (e2e tests).
fn ask_open_paths(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<Vec<PathBuf>> {
    if let Some(files) = std::env::var_os("DXPLAN_OPEN_FILES") {
        return Some(std::env::split_paths(&files).collect());
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_files()
        .map(|ps| ps.into_iter().filter_map(|p| p.into_path().ok()).collect())
}

#[tauri::command]
async fn list_plans(s: State<'_, Session>) -> Reply<Vec<PlanSummary>> {
    Ok(s.list().await?)
}

#[tauri::command]
async fn create_plan(s: State<'_, Session>, how: NewPlan) -> Reply<PlanView> {
    Ok(s.create(how).await?)
}

/// "New plan from a plan file": the file is chosen in the dialog, never typed by the page.
#[tauri::command]
async fn create_plan_from_file(app: AppHandle, s: State<'_, Session>) -> Reply<Option<PlanView>> {
    match ask_open_path(&app, "Chọn tệp kế hoạch", ("Tệp kế hoạch", &["json"])) {
        Some(path) => Ok(Some(s.create(NewPlan::File { path }).await?)),
        None => Ok(None),
    }
}

/// "Next year's plan from this one"; `another` after the planner chose to make a second
/// draft for a year that already has a plan.
#[tauri::command]
async fn rollover_plan(s: State<'_, Session>, id: String, another: bool) -> Reply<Rolled> {
    Ok(s.rollover(&id, another).await?)
}

/// The roll-over review's per-task choices.
#[tauri::command]
async fn rollover_choose(
    s: State<'_, Session>,
    source: String,
    draft: String,
    keep: Vec<String>,
    drop: Vec<String>,
    reject: Vec<String>,
) -> Reply<Started> {
    Ok(s.rollover_choose(&source, &draft, keep, drop, reject)
        .await?)
}

/// Something that failed in the window itself, for the log file.
#[tauri::command]
fn log_window_error(s: State<'_, Session>, detail: String) {
    s.log_window_error(&detail)
}

/// "New plan from last year's Word file (or an Excel task appendix)", chosen in the dialog.
#[tauri::command]
async fn import_office(app: AppHandle, s: State<'_, Session>) -> Reply<Option<Importing>> {
    let title = "Chọn văn bản kế hoạch (Word) hoặc phụ lục (Excel)";
    match ask_open_path(&app, title, ("Word, Excel", &["docx", "xlsx"])) {
        Some(path) => Ok(Some(s.import_office(&path, false).await?)),
        None => Ok(None),
    }
}

/// The same file again, after the planner chose a partial draft of a refused import.
#[tauri::command]
async fn import_partial(s: State<'_, Session>, path: PathBuf) -> Reply<Importing> {
    Ok(s.import_office(&path, true).await?)
}

#[tauri::command]
async fn plan_revision(s: State<'_, Session>, id: String) -> Reply<i64> {
    Ok(s.revision(&id).await?)
}

#[tauri::command]
async fn open_plan(s: State<'_, Session>, id: String) -> Reply<PlanView> {
    Ok(s.view(&id).await?)
}

/// The edit arrives as plain JSON and is read by the core, so that an edit it cannot read
/// gets the core's Vietnamese message, not Tauri's "invalid args" text.
#[tauri::command]
async fn edit_plan(
    s: State<'_, Session>,
    id: String,
    revision: i64,
    edit: serde_json::Value,
) -> Reply<PlanView> {
    Ok(s.edit_json(&id, revision, edit).await?)
}

#[tauri::command]
async fn undo(s: State<'_, Session>, id: String) -> Reply<PlanView> {
    Ok(s.undo(&id).await?)
}

#[tauri::command]
async fn redo(s: State<'_, Session>, id: String) -> Reply<PlanView> {
    Ok(s.redo(&id).await?)
}

#[tauri::command]
async fn duplicate_plan(s: State<'_, Session>, id: String) -> Reply<PlanSummary> {
    Ok(s.duplicate(&id).await?)
}

#[tauri::command]
async fn delete_plan(s: State<'_, Session>, id: String) -> Reply<()> {
    Ok(s.delete(&id).await?)
}

#[tauri::command]
async fn export_plan_file(
    app: AppHandle,
    s: State<'_, Session>,
    id: String,
) -> Reply<Option<String>> {
    let name = s
        .export_name(&id, ExportKind::KeHoach)
        .await?
        .replace(".docx", ".json");
    let Some(path) = ask_save_path(&app, &name, ("Tệp kế hoạch", &["json"])) else {
        return Ok(None);
    };
    s.export_plan_file(&id, &path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
async fn export_document(
    app: AppHandle,
    s: State<'_, Session>,
    id: String,
    kind: ExportKind,
    draft: bool,
) -> Reply<Option<String>> {
    let name = s.export_name(&id, kind).await?;
    let filter: (&str, &[&str]) = match kind {
        ExportKind::Workbook | ExportKind::BaoCaoWorkbook => ("Sổ tính Excel", &["xlsx"]),
        _ => ("Văn bản Word", &["docx"]),
    };
    let Some(path) = ask_save_path(&app, &name, filter) else {
        return Ok(None);
    };
    s.export(&id, kind, draft, &path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
async fn preview(s: State<'_, Session>, id: String, kind: ExportKind) -> Reply<String> {
    Ok(s.preview(&id, kind).await?)
}

#[tauri::command]
async fn readiness(s: State<'_, Session>, id: String) -> Reply<Vec<Finding>> {
    Ok(s.readiness(&id).await?)
}

#[tauri::command]
async fn find_text(s: State<'_, Session>, id: String, query: String) -> Reply<Vec<TextMatch>> {
    Ok(s.find_text(&id, &query).await?)
}

#[tauri::command]
async fn tracking(s: State<'_, Session>, id: String, as_of: Option<NaiveDate>) -> Reply<Tracking> {
    Ok(s.tracking(&id, as_of).await?)
}

#[tauri::command]
async fn round_recipients(s: State<'_, Session>, id: String, round: Round) -> Reply<Vec<String>> {
    Ok(s.round_recipients(&id, round).await?)
}

/// "Gửi đề xuất" / "Gửi báo cáo tiến độ": the folder is chosen in the dialog.
#[tauri::command]
async fn send_round(
    app: AppHandle,
    s: State<'_, Session>,
    id: String,
    round: Round,
    agencies: Vec<String>,
) -> Reply<Option<Sent>> {
    match ask_folder(&app, "Chọn thư mục lưu các tệp gửi đi") {
        Some(dir) => Ok(Some(s.send_round(&id, round, agencies, &dir).await?)),
        None => Ok(None),
    }
}

/// "Nhận đề xuất" / "Nhận báo cáo": the filled workbooks are chosen in the dialog.
#[tauri::command]
async fn review_round(
    app: AppHandle,
    s: State<'_, Session>,
    id: String,
) -> Reply<Option<Received>> {
    let title = "Chọn các tệp Excel các cơ quan đã gửi lại";
    match ask_open_paths(&app, title, ("Sổ tính Excel", &["xlsx"])) {
        Some(files) if !files.is_empty() => Ok(Some(s.review_round(&id, files).await?)),
        _ => Ok(None),
    }
}

#[tauri::command]
async fn apply_round(
    s: State<'_, Session>,
    id: String,
    revision: i64,
    files: Vec<PathBuf>,
    rejected: Vec<RowRef>,
) -> Reply<PlanView> {
    Ok(s.apply_round(&id, revision, &files, rejected).await?)
}

/// «Góp ý dự thảo» "Gửi xin ý kiến": the folder for the letter, the draft and the forms is
/// chosen in the dialog.
#[tauri::command]
async fn send_draft(
    app: AppHandle,
    s: State<'_, Session>,
    id: String,
    agencies: Vec<String>,
    reply_by: NaiveDate,
) -> Reply<Option<DraftSent>> {
    match ask_folder(
        &app,
        "Chọn thư mục lưu công văn, dự thảo và các phiếu góp ý",
    ) {
        Some(dir) => Ok(Some(s.send_draft(&id, agencies, reply_by, &dir).await?)),
        None => Ok(None),
    }
}

/// «Góp ý dự thảo» "Nhận phiếu góp ý": the filled forms are chosen in the dialog.
#[tauri::command]
async fn receive_forms(
    app: AppHandle,
    s: State<'_, Session>,
    id: String,
) -> Reply<Option<FormsRead>> {
    let title = "Chọn các phiếu góp ý các cơ quan đã gửi lại";
    match ask_open_paths(&app, title, ("Sổ tính Excel", &["xlsx"])) {
        Some(files) if !files.is_empty() => Ok(Some(s.receive_forms(&id, files).await?)),
        _ => Ok(None),
    }
}

#[tauri::command]
fn catalogues(s: State<'_, Session>) -> Catalogues {
    (*s.catalogues()).clone()
}

/// "Nhập danh mục…": a catalogue file (the year's national task list) chosen in the dialog.
#[tauri::command]
fn import_catalogue(app: AppHandle, s: State<'_, Session>) -> Reply<Option<Catalogues>> {
    let title = "Chọn tệp danh mục (.toml)";
    match ask_open_path(&app, title, ("Danh mục", &["toml"])) {
        Some(path) => Ok(Some((*s.import_catalogue(&path)?).clone())),
        None => Ok(None),
    }
}

/// "Lưu tệp mẫu…": the example of a year's national task list, to fill and import.
#[tauri::command]
fn save_catalogue_example(app: AppHandle, s: State<'_, Session>) -> Reply<Option<String>> {
    match ask_save_path(&app, "nhiem-vu-quoc-gia-mau.toml", ("Danh mục", &["toml"])) {
        Some(path) => {
            s.save_catalogue_example(&path)?;
            Ok(Some(path.display().to_string()))
        }
        None => Ok(None),
    }
}

#[tauri::command]
async fn resume(s: State<'_, Session>) -> Reply<Resume> {
    Ok(s.resume().await?)
}

#[tauri::command]
async fn set_resume(s: State<'_, Session>, resume: Resume) -> Reply<()> {
    Ok(s.set_resume(&resume).await?)
}

/// "Mở thư mục" after an export: shows the file in the system's file manager.
#[tauri::command]
fn reveal(path: String) -> Reply<()> {
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .map_err(|_| err("Không mở được thư mục chứa tệp."))
}

/// The window's default size (1366×768) is a whole laptop screen, so the taskbar would hide
/// its bottom: on a screen without room for it and a taskbar, the window opens maximised.
fn maximise_on_small_screen(app: &tauri::App) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    if let Ok(Some(monitor)) = window.current_monitor() {
        let size = monitor.size().to_logical::<f64>(monitor.scale_factor());
        if size.width < 1366.0 + 40.0 || size.height < 768.0 + 80.0 {
            let _ = window.maximize();
        }
    }
}

/// Why the app did not open on the shared server chosen last time, said once at start.
struct StartupNote(Option<String>);

#[tauri::command]
fn startup_note(n: State<'_, StartupNote>) -> Option<String> {
    n.0.clone()
}

#[tauri::command]
async fn connection(s: State<'_, Session>) -> Reply<Connection> {
    Ok(s.connection().await?)
}

#[tauri::command]
async fn connect_server(
    s: State<'_, Session>,
    settings: ServerSettings,
    password: String,
    remember: bool,
) -> Reply<Connection> {
    Ok(s.connect(&settings, &password, remember).await?)
}

#[tauri::command]
async fn disconnect_server(s: State<'_, Session>) -> Reply<Connection> {
    Ok(s.disconnect().await?)
}

#[tauri::command]
async fn move_plans(s: State<'_, Session>, to_server: bool) -> Reply<Copied> {
    Ok(s.move_plans(to_server).await?)
}

#[tauri::command]
async fn create_account(s: State<'_, Session>, account: NewAccount) -> Reply<Connection> {
    Ok(s.create_account(&account).await?)
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let db = Store::default_path();
            dxplan::applog::init(&dxplan::applog::path_beside(&db));
            let (session, note) = tauri::async_runtime::block_on(async {
                let catalogues = dxplan::fsutil::catalogue_dir(&db);
                // A server named in DXPLAN_DB is used as is; otherwise the one chosen in
                // «Máy chủ», when it answers.
                let (session, note) = Session::open_preferred(&db, Some(&catalogues)).await?;
                session.seed_sample_once().await?;
                Ok::<_, dxplan::Error>((session, note))
            })
            .map_err(|e| {
                eprintln!("{}\n{}", e, e.detail());
                e.to_string()
            })?;
            app.manage(session);
            app.manage(StartupNote(note));
            maximise_on_small_screen(app);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            list_plans,
            create_plan,
            create_plan_from_file,
            rollover_plan,
            rollover_choose,
            log_window_error,
            import_office,
            import_catalogue,
            save_catalogue_example,
            import_partial,
            open_plan,
            plan_revision,
            edit_plan,
            undo,
            redo,
            duplicate_plan,
            delete_plan,
            export_plan_file,
            export_document,
            preview,
            readiness,
            find_text,
            catalogues,
            tracking,
            round_recipients,
            send_round,
            review_round,
            apply_round,
            send_draft,
            receive_forms,
            resume,
            set_resume,
            reveal,
            startup_note,
            connection,
            connect_server,
            disconnect_server,
            move_plans,
            create_account,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the application");
}
