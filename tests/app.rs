//! What the desktop app asks of the core (`app::Session`), checked by reopening the
//! database, reading exported files back and reading the preview's HTML.

mod common;

use dxplan::app::{ExportKind, Importing, NewPlan, Resume, Rolled, Session, UserError};
use dxplan::edit::Edit;
use dxplan::model::Task;
use dxplan::Error;

use common::document_xml;

/// A session on a new database in `dir`, with the sample plan created in it.
async fn with_sample(dir: &std::path::Path) -> (Session, dxplan::app::PlanView) {
    let s = Session::open(&dir.join("db.sqlite"), None).await.unwrap();
    let v = s.create(NewPlan::Sample).await.unwrap();
    (s, v)
}

fn blank(province: &str, year: i32) -> NewPlan {
    NewPlan::Blank {
        province: province.into(),
        year,
    }
}

fn blank_task(id: &str) -> Task {
    let mut t = common::task(id, "", "so-yt");
    t.lead.clear();
    t.budget.clear();
    t
}

#[test]
fn sample_view_carries_numbers_totals_and_findings() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let (_session, v) = with_sample(dir.path()).await;
        assert_eq!(v.tasks.len(), 76);
        assert_eq!(v.groups.len(), 10);
        assert_eq!(v.tasks[0].number, "1.1");
        assert_eq!(v.tasks[3].number, "2.1");
        assert_eq!(v.groups[9].number, "10");
        assert_eq!(v.budget.total, "132.897,5");
        assert!(v
            .findings
            .iter()
            .all(|f| f.severity != dxplan::validation::Severity::Error));
        assert_eq!(v.sections.len(), 9);
        assert!(!v.can_undo && !v.can_redo);
    });
}

#[test]
fn an_edit_updates_the_view_and_a_stale_one_changes_nothing() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let s = Session::open(&db, None).await.unwrap();
        let v = s.create(NewPlan::Sample).await.unwrap();
        let group = v.plan.groups[0].id.clone();
        let add = Edit::AddTask {
            group: group.clone(),
            task: blank_task("moi"),
            index: None,
        };
        let after = s.edit(&v.id, v.revision, add.clone()).await.unwrap();
        assert_eq!(after.revision, v.revision + 1);
        assert!(after.can_undo);
        let line = after.tasks.iter().find(|t| t.id == "moi").unwrap();
        assert_eq!(line.number, "1.4");
        // The new task without title or lead is an error located at the task.
        let errors: Vec<_> = after
            .findings
            .iter()
            .filter(|f| f.location.task.as_deref() == Some("moi"))
            .filter(|f| f.severity == dxplan::validation::Severity::Error)
            .collect();
        assert!(errors.len() >= 2, "{errors:?}");
        assert!(errors.iter().any(|f| f.location.label == "Nhiệm vụ 1.4"));

        // The same edit from the old revision is refused, and nothing changes.
        let stale = s.edit(&v.id, v.revision, add).await.unwrap_err();
        assert!(matches!(stale, Error::Conflict { .. }), "{stale:?}");
        let message = UserError::from(stale).message;
        assert!(
            message.contains("vừa được bạn sửa ở cửa sổ khác hoặc bằng dòng lệnh lúc"),
            "{message}"
        );
        let reopened = Session::open(&db, None).await.unwrap();
        let again = reopened.view(&v.id).await.unwrap();
        assert_eq!(again.revision, after.revision);
        assert_eq!(again.tasks.len(), 77);

        // Undo through the session brings the numbers back.
        let undone = reopened.undo(&v.id).await.unwrap();
        assert_eq!(undone.tasks.len(), 76);
        assert!(undone.can_redo);
    });
}

#[test]
fn exports_write_the_chosen_document_and_name_it() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let (s, v) = with_sample(dir.path()).await;
        assert_eq!(
            s.export_name(&v.id, ExportKind::KeHoach).await.unwrap(),
            "Ke-hoach-CDS-Quang-Ngai-2023.docx"
        );
        assert_eq!(
            s.export_name(&v.id, ExportKind::Workbook).await.unwrap(),
            "Phu-luc-CDS-Quang-Ngai-2023.xlsx"
        );
        let plan_doc = dir.path().join("kế hoạch.docx");
        s.export(&v.id, ExportKind::KeHoach, true, &plan_doc)
            .await
            .unwrap();
        let xml = document_xml(&plan_doc);
        assert!(xml.contains("DỰ THẢO") && xml.contains("KẾ HOẠCH"));
        let appendix = dir.path().join("phu-luc.docx");
        s.export(&v.id, ExportKind::PhuLuc, true, &appendix)
            .await
            .unwrap();
        let appendix_xml = document_xml(&appendix);
        assert!(appendix_xml.contains(&v.plan.groups[0].tasks[0].title));
        assert!(
            appendix_xml.len() < xml.len() / 2,
            "the task appendix alone"
        );
        let book = dir.path().join("so.xlsx");
        s.export(&v.id, ExportKind::Workbook, false, &book)
            .await
            .unwrap();
        let wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
        assert!(calamine::Reader::sheet_names(&wb).contains(&"Nhiệm vụ".to_string()));
        // A folder that is not there: a clear message and no file.
        let missing = dir.path().join("không có/kh.docx");
        let e = s
            .export(&v.id, ExportKind::KeHoach, true, &missing)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("thư mục không tồn tại"), "{e}");
        assert!(!missing.exists());
        // A Word document under an Excel name is refused, nothing written.
        let misnamed = dir.path().join("kh.xlsx");
        let e = s
            .export(&v.id, ExportKind::KeHoach, true, &misnamed)
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("có đuôi .xlsx, nhưng văn bản này là tệp Word"),
            "{e}"
        );
        assert!(!misnamed.exists());
        // A folder, a read-only file and (on Linux) a socket are not replaced by a document.
        let e = s
            .export(&v.id, ExportKind::KeHoach, true, dir.path())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("đó là một thư mục"), "{e}");
        let locked = dir.path().join("khoá.docx");
        std::fs::write(&locked, b"ban cu").unwrap();
        let mut perms = std::fs::metadata(&locked).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&locked, perms).unwrap();
        let e = s
            .export(&v.id, ExportKind::KeHoach, true, &locked)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("chỉ cho phép đọc"), "{e}");
        assert_eq!(std::fs::read(&locked).unwrap(), b"ban cu");
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let socket = dir.path().join("ổ.docx");
            let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
            let e = s
                .export(&v.id, ExportKind::KeHoach, true, &socket)
                .await
                .unwrap_err();
            assert!(
                e.to_string().contains("không phải là một tệp thông thường"),
                "{e}"
            );
            assert!(std::fs::symlink_metadata(&socket)
                .unwrap()
                .file_type()
                .is_socket());
        }

        // The results report: a draft without a number, a final one only with it.
        let report = dir.path().join("báo cáo.docx");
        let e = s
            .export(&v.id, ExportKind::BaoCao, false, &report)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("cần có số báo cáo"), "{e}");
        assert!(!report.exists());
        s.export(&v.id, ExportKind::BaoCao, true, &report)
            .await
            .unwrap();
        assert!(document_xml(&report).contains("Số:      /BC-UBND"));
        let now = s.view(&v.id).await.unwrap();
        let identity = dxplan::model::Identity {
            report_number: Some(" 415 ".into()),
            ..now.plan.identity.clone()
        };
        s.edit(
            &v.id,
            now.revision,
            Edit::SetIdentity {
                identity: Box::new(identity),
            },
        )
        .await
        .unwrap();
        s.export(&v.id, ExportKind::BaoCao, false, &report)
            .await
            .unwrap();
        let xml = document_xml(&report);
        assert!(xml.contains("Số: 415/BC-UBND") && !xml.contains("DỰ THẢO"));
    });
}

#[test]
fn preview_is_the_exported_document_as_html_pages() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let (s, v) = with_sample(dir.path()).await;
        let html = s.preview(&v.id, ExportKind::KeHoach).await.unwrap();
        // Body (portrait, A4 width 595.3pt) then landscape appendices (841.9pt).
        assert!(html.starts_with("<div class=\"doc-preview\">"));
        let pages = html.matches("<section class=\"page\"").count();
        assert!(pages >= 3, "{pages}");
        assert!(html.contains("width:595.3pt"));
        assert!(html.contains("width:841.9pt"));
        assert!(html.contains("KẾ HOẠCH"));
        assert!(html.contains("Chuyển đổi số tỉnh Quảng Ngãi năm 2023"));
        assert!(html.contains("<table class=\"bordered\">"));
        assert!(html.contains("font-weight:bold"));

        // Text the planner typed is text, never markup.
        let mut task = v.plan.groups[0].tasks[0].clone();
        task.title = "Hệ thống <script>alert(1)</script> & \"dữ liệu\"".into();
        let v = s
            .edit(&v.id, v.revision, Edit::UpdateTask { task })
            .await
            .unwrap();
        let html = s.preview(&v.id, ExportKind::PhuLuc).await.unwrap();
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;dữ liệu&quot;"));
    });
}

#[test]
fn new_plans_resume_and_first_run_sample() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let s = Session::open(&db, None).await.unwrap();
        s.seed_sample_once().await.unwrap();
        s.seed_sample_once().await.unwrap();
        let plans = s.list().await.unwrap();
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].province, "Quảng Ngãi");

        // A deleted sample does not come back.
        s.delete(&plans[0].id).await.unwrap();
        s.seed_sample_once().await.unwrap();
        assert!(s.list().await.unwrap().is_empty());

        // Bad input for a new plan is refused with a sentence and stores nothing.
        let e = s.create(blank("  ", 2027)).await.unwrap_err();
        assert_eq!(
            UserError::from(e).message,
            "Dữ liệu không hợp lệ: Hãy nhập tên tỉnh."
        );
        assert!(s.create(blank("Đắk Lắk", 1900)).await.is_err());
        let bad = common::write(dir.path(), "hỏng.json", b"{\"format\": \"dxplan-plan\"");
        assert!(s.create(NewPlan::File { path: bad }).await.is_err());
        assert!(s.list().await.unwrap().is_empty());

        let v = s.create(blank("Đắk Lắk", 2027)).await.unwrap();
        assert_eq!(v.plan.identity.title, "Chuyển đổi số tỉnh Đắk Lắk năm 2027");
        assert!(!v.plan.directory.is_empty(), "the 2025 agency preset");

        let resume = Resume {
            plan: Some(v.id.clone()),
            screen: Some("editor:tasks".into()),
        };
        s.set_resume(&resume).await.unwrap();
        let reopened = Session::open(&db, None).await.unwrap();
        assert_eq!(reopened.resume().await.unwrap(), resume);
        reopened.delete(&v.id).await.unwrap();
        assert_eq!(reopened.resume().await.unwrap(), Resume::default());
    });
}

#[test]
fn national_tasks_covered_are_listed() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::open(&dir.path().join("db.sqlite"), None)
            .await
            .unwrap();
        let v = s.create(blank("Huế", 2027)).await.unwrap();
        let group = dxplan::model::TaskGroup {
            id: "g".into(),
            title: "Chính quyền số".into(),
            framework_ref: None,
            intro: String::new(),
            tasks: vec![],
        };
        let v = s
            .edit(&v.id, v.revision, Edit::AddGroup { group, index: None })
            .await
            .unwrap();
        let mut task = common::task("t", "Kết nối nền tảng", "so-khcn");
        task.national_task = Some("vn-tinh-2024:2.4".into());
        let v = s
            .edit(
                &v.id,
                v.revision,
                Edit::AddTask {
                    group: "g".into(),
                    task,
                    index: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(v.national_covered, ["vn-tinh-2024:2.4"]);
        assert_eq!(v.tasks[0].deadline, "Quý III/2027");
        assert_eq!(v.tasks[0].budget, "1.500,5");
    });
}

#[test]
fn next_year_and_imports_start_new_drafts_with_what_to_review() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let (s, v) = with_sample(dir.path()).await;
        // One task finished last year, so that the roll-over leaves it behind by default.
        let mut done = v.plan.groups[0].tasks[0].clone();
        done.status = dxplan::model::TaskStatus::HoanThanh;
        let v = s
            .edit(&v.id, v.revision, Edit::UpdateTask { task: done })
            .await
            .unwrap();

        let Rolled::Started { started: next } = s.rollover(&v.id, false).await.unwrap() else {
            panic!("no 2024 plan exists yet");
        };
        let report = next.rollover.as_ref().unwrap();
        assert_eq!((report.from_year, report.to_year), (2023, 2024));
        assert_eq!(next.source.as_deref(), Some(v.id.as_str()));
        assert_eq!(next.view.plan.identity.year, 2024);
        assert_eq!(next.view.plan.identity.number, None);
        assert!(!report.reset.is_empty());
        assert_eq!(s.list().await.unwrap().len(), 2);
        // The year's own plan is untouched.
        assert_eq!(s.view(&v.id).await.unwrap().plan, v.plan);

        // Asked again: the 2024 plan that exists is offered, and nothing is created…
        match s.rollover(&v.id, false).await.unwrap() {
            Rolled::Exists { existing } => assert_eq!(existing.id, next.view.id),
            Rolled::Started { .. } => panic!("a second identical draft was created"),
        }
        assert_eq!(s.list().await.unwrap().len(), 2);
        // …unless the planner asks for another draft; cancelling its review deletes it.
        let Rolled::Started { started: second } = s.rollover(&v.id, true).await.unwrap() else {
            panic!("another draft was asked for");
        };
        s.delete(&second.view.id).await.unwrap();
        assert_eq!(s.list().await.unwrap().len(), 2);

        // The review turns a task around each way; the draft keeps its id.
        let finished = report.tasks.iter().find(|t| !t.carried).unwrap();
        let carried = report.tasks.iter().find(|t| t.carried).unwrap();
        let chosen = s
            .rollover_choose(
                &v.id,
                &next.view.id,
                vec![finished.id.clone()],
                vec![carried.id.clone()],
                Vec::new(),
            )
            .await
            .unwrap();
        assert_eq!(chosen.view.id, next.view.id);
        let ids: Vec<_> = chosen
            .view
            .plan
            .tasks()
            .map(|(_, t)| t.id.clone())
            .collect();
        assert!(ids.contains(&finished.id) && !ids.contains(&carried.id));
        let decisions = &chosen.rollover.as_ref().unwrap().tasks;
        let of = |id: &str| decisions.iter().find(|t| t.id == id).unwrap();
        assert!(of(&finished.id).carried && !of(&finished.id).carried_by_default);
        assert!(!of(&carried.id).carried && of(&carried.id).carried_by_default);
        let stored = s.view(&next.view.id).await.unwrap();
        assert_eq!(stored.tasks.len(), chosen.view.tasks.len());

        // Last year's Word file and Excel appendix (here: our own exports) become drafts.
        let docx = dir.path().join("năm trước.docx");
        s.export(&v.id, ExportKind::KeHoach, false, &docx)
            .await
            .unwrap();
        let started = |i: Importing| match i {
            Importing::Started(s) => *s,
            Importing::Refused { message, .. } => panic!("{message}"),
        };
        let from_word = started(s.import_office(&docx, false).await.unwrap());
        let account = &from_word.import.as_ref().unwrap().account;
        assert_eq!(account.paragraphs_placed, account.paragraphs, "{account:?}");
        assert_eq!(from_word.view.tasks.len(), 76);
        assert!(from_word.rollover.is_none());
        let xlsx = dir.path().join("phụ lục.xlsx");
        s.export(&v.id, ExportKind::Workbook, false, &xlsx)
            .await
            .unwrap();
        let from_excel = started(s.import_office(&xlsx, false).await.unwrap());
        assert_eq!(from_excel.view.tasks.len(), 76);
        assert_eq!(s.list().await.unwrap().len(), 4);

        // A file that is not what it says: a sentence, and no new plan.
        let fake = common::write(dir.path(), "giả.docx", b"not a zip at all");
        let e = s.import_office(&fake, true).await.unwrap_err();
        assert!(!UserError::from(e).message.is_empty());
        assert_eq!(s.list().await.unwrap().len(), 4);
    });
}
