//! "0 errors" means issuable: the final check reads what the plan prints — its fields with a
//! jump to each, and the exported documents themselves — and a final export is refused, with
//! the list, while it finds anything. The 2027 draft is the sample rolled year by year across
//! the 2025 reform, as a planner who starts from last year's plan gets it.

mod common;

use dxplan::app::{ExportKind, Session};
use dxplan::edit::Edit;
use dxplan::model::*;
use dxplan::plantext::{self, Place};
use dxplan::rollover::{rollover, Options};
use dxplan::validation::{Finding, Severity};

fn rolled_to(year: i32, opts: &Options) -> Plan {
    let mut plan = dxplan::sample::plan();
    while plan.identity.year < year {
        plan = rollover(&plan, plan.identity.year + 1, opts).0;
    }
    plan
}

fn errors(plan: &Plan) -> Vec<Finding> {
    dxplan::readiness::check(plan)
        .unwrap()
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

fn with_code<'f>(findings: &'f [Finding], code: &str) -> Vec<&'f Finding> {
    findings.iter().filter(|f| f.code == code).collect()
}

/// Every paragraph and table cell of a .docx, one string.
fn docx_text(path: &std::path::Path) -> String {
    let xml = common::document_xml(path);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            p.descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|n| n.text())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_sample_as_issued_passes_the_final_check() {
    let plan = dxplan::sample::plan();
    let found = errors(&plan);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_2027_draft_rolled_across_the_reform_is_not_issuable_and_says_where() {
    let plan = rolled_to(2027, &Options::default());
    let found = errors(&plan);
    // District-level work written in the text, each with a jump to its field.
    let district = with_code(&found, "final.district_level");
    let task_38 = &plan.groups[2].tasks[7];
    assert!(task_38.title.contains("cấp huyện"), "{}", task_38.title);
    assert!(
        district
            .iter()
            .any(|f| f.location.task.as_deref() == Some(task_38.id.as_str())),
        "task 3.8 named: {district:#?}"
    );
    // Phần I: 2026's indicators and tasks not assessed.
    assert_eq!(
        with_code(&found, "final.indicator_unassessed").len(),
        plan.assessment.indicators.len()
    );
    assert_eq!(with_code(&found, "final.task_unassessed").len(), 1);
    // Two duties now for one department (Sở KH&ĐT and Sở Tài chính's roles).
    assert!(!with_code(&found, "final.duty_twice").is_empty());
    // The accepted prose changes left no retired department in any text of the plan.
    for t in plantext::texts(&plan) {
        assert!(
            !t.text.contains("Sở Thông tin và Truyền thông"),
            "{}: {}",
            t.label,
            t.text
        );
    }
    // Last year's budget paragraph is not this year's.
    assert_eq!(plan.budget.narrative, "");
}

#[test]
fn a_rejected_prose_change_leaves_the_old_name_and_the_check_names_its_field() {
    let plan = rolled_to(2025, &Options::default());
    let probe = rollover(&plan, 2026, &Options::default()).1;
    let duty_heading = probe
        .reform
        .iter()
        .find(|c| {
            c.id.starts_with("van-ban:duty_heading:") && c.before == "Sở Thông tin và Truyền thông"
        })
        .expect("the duty heading is proposed for replacement");
    let opts = Options {
        reject: [duty_heading.id.clone()].into(),
        ..Options::default()
    };
    let next = rollover(&plan, 2026, &opts).0;
    let duty = next
        .organisation
        .duties
        .iter()
        .find(|d| d.heading == "Sở Thông tin và Truyền thông")
        .expect("kept as the planner chose");
    let found = errors(&next);
    let named: Vec<&Finding> = with_code(&found, "final.retired_agency")
        .into_iter()
        .filter(|f| {
            f.key
                .as_deref()
                .is_some_and(|k| k.contains(&Place::DutyHeading(duty.id.clone()).key()))
        })
        .collect();
    assert_eq!(named.len(), 1, "{found:#?}");
    assert!(
        named[0].message.contains("Sở Khoa học và Công nghệ"),
        "{}",
        named[0].message
    );
}

#[test]
fn a_citation_keeps_the_name_of_the_body_that_issued_it() {
    let mut plan = rolled_to(2027, &Options::default());
    plan.identity.opening = "Thực hiện Công văn số 2390/BTTTT-THH ngày 01/7/2022 của Bộ Thông tin và Truyền thông về Khung Chương trình chuyển đổi số; Ủy ban nhân dân tỉnh ban hành Kế hoạch.".into();
    plan.vision = "Phối hợp với Bộ Thông tin và Truyền thông triển khai nền tảng số.".into();
    let found = errors(&plan);
    let retired = with_code(&found, "final.retired_agency");
    assert!(
        !retired.iter().any(|f| f.location.label == "Phần mở đầu"),
        "the citation is correct: {retired:#?}"
    );
    let vision: Vec<_> = retired
        .iter()
        .filter(|f| f.location.label == "Tầm nhìn")
        .collect();
    assert_eq!(vision.len(), 1, "{retired:#?}");
    assert!(vision[0].message.contains("Bộ Khoa học và Công nghệ"));
}

#[test]
fn what_only_the_printed_document_says_is_found_too() {
    // An agency of the directory with a district name is printed in the task appendix and
    // the organisation section, though no text field of the plan holds it.
    let mut plan = dxplan::sample::plan();
    plan.identity.year = 2027;
    plan.identity.title = "Chuyển đổi số tỉnh Quảng Ngãi năm 2027".into();
    let lead = plan.groups[0].tasks[0].lead[0].clone();
    let a = plan.directory.iter_mut().find(|a| a.id == lead).unwrap();
    a.name = "Phòng Văn hóa và Thông tin huyện Sơn Tịnh".into();
    a.short = None;
    let found = errors(&plan);
    let printed: Vec<_> = found
        .iter()
        .filter(|f| {
            f.location.label.starts_with("Văn bản in ra") && f.message.contains("huyện Sơn Tịnh")
        })
        .collect();
    assert!(!printed.is_empty(), "{found:#?}");
}

#[test]
fn a_budget_paragraph_that_disagrees_with_the_lines_is_an_error() {
    let mut plan = dxplan::sample::plan();
    let total = dxplan::budget::grand_total(&plan);
    plan.budget.narrative = format!(
        "Tổng kinh phí dự kiến {} triệu đồng, trong đó ngân sách tỉnh 12 tỷ đồng.",
        dxplan::format::money(total)
    );
    let found = errors(&plan);
    let figures = with_code(&found, "final.budget_figure");
    assert_eq!(figures.len(), 1, "{found:#?}");
    assert!(
        figures[0].message.contains("«12 tỷ"),
        "{}",
        figures[0].message
    );
}

#[test]
fn an_expired_aim_in_a_goal_is_an_error_a_baseline_is_not() {
    let mut plan = rolled_to(2026, &Options::default());
    plan.general_goal =
        "Phấn đấu đến năm 2025 hoàn thành chính quyền số; tăng 20% so với năm 2025.".into();
    let found = errors(&plan);
    let past = with_code(&found, "final.past_year");
    assert_eq!(past.len(), 1, "{past:#?}");
    assert!(
        past[0].message.contains("«đến năm 2025»"),
        "{}",
        past[0].message
    );
}

#[test]
fn a_wording_confirmed_as_intended_is_no_longer_an_error() {
    let mut plan = rolled_to(2027, &Options::default());
    plan.vision = "Học tập mô hình Trung tâm điều hành cấp huyện trước đây.".into();
    let found = errors(&plan);
    let f = with_code(&found, "final.district_level")
        .into_iter()
        .find(|f| f.location.label == "Tầm nhìn")
        .cloned()
        .expect("flagged");
    Edit::SetIntended {
        key: f.key.clone().unwrap(),
        intended: true,
    }
    .apply(&mut plan)
    .unwrap();
    let after = errors(&plan);
    assert!(!after.iter().any(|x| x.key == f.key), "{after:#?}");
    // The mark travels with the plan file.
    let back = dxplan::planfile::from_json(
        std::path::Path::new("x.json"),
        &dxplan::planfile::to_json(&plan).unwrap(),
    )
    .unwrap();
    assert_eq!(back.intended, plan.intended);
    // The vision changed: the mark no longer applies to the new words.
    plan.vision = "Không còn nhiệm vụ thị trấn.".into();
    assert!(errors(&plan)
        .iter()
        .any(|x| x.code == "final.district_level" && x.location.label == "Tầm nhìn"));
}

#[test]
fn a_final_export_is_refused_with_the_list_and_writes_nothing() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::open(&dir.path().join("db.sqlite"), None)
            .await
            .unwrap();
        let mut plan = rolled_to(2027, &Options::default());
        plan.identity.number = Some("12".into());
        plan.identity.issue_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 20);
        plan.identity.signer.name = "Nguyễn Văn A".into();
        // A title copied with its list's comma prints "…: chưa đánh giá.", not "…,: …".
        let comma = format!("{},", plan.assessment.tasks[1].title);
        plan.assessment.tasks[1].title = comma.clone();
        let id = s.add(&plan).await.unwrap();
        let out = dir.path().join("ke-hoach.docx");
        let e = s
            .export(&id, ExportKind::KeHoach, false, &out)
            .await
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("chưa thể ban hành"), "{msg}");
        assert!(msg.contains("cấp huyện"), "{msg}");
        assert!(msg.contains("chưa được đánh giá"), "{msg}");
        assert!(!out.exists());
        // The draft still exports, and prints last year's tasks typed in Phần I.
        s.export(&id, ExportKind::KeHoach, true, &out)
            .await
            .unwrap();
        let text = docx_text(&out);
        let t = &plan.assessment.tasks[0];
        assert!(
            text.contains(&format!("- {}: chưa đánh giá.", t.title)),
            "task review printed"
        );
        assert!(text.contains(&format!(
            "- {}: chưa đánh giá.",
            comma.trim_end_matches(',')
        )));
        assert!(!text.contains(",: "), "a comma before the colon");
        // The window's check is the same one.
        let ready = s.readiness(&id).await.unwrap();
        assert!(ready.iter().any(|f| f.code == "final.task_unassessed"));
    });
}

#[test]
fn the_budget_workbook_of_a_2027_plan_has_no_district_column() {
    let plan = rolled_to(2027, &Options::default());
    let bytes = dxplan::xlsx::build(&plan).unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Kinh phí").unwrap();
    let cells: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "Cấp xã"), "{cells:?}");
    assert!(!cells.iter().any(|c| c.contains("huyện")), "{cells:?}");
    // The 2023 sample keeps its three levels.
    let bytes = dxplan::xlsx::build(&dxplan::sample::plan()).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Kinh phí").unwrap();
    assert!(sheet.rows().flatten().any(|c| c.to_string() == "Cấp huyện"));
}

#[test]
fn the_cli_final_check_exits_2_on_the_rolled_draft_and_0_on_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let sample = dir.path().join("mau.json");
    std::fs::write(
        &sample,
        dxplan::planfile::to_json(&dxplan::sample::plan()).unwrap(),
    )
    .unwrap();
    let ok = common::dxplan(&db, &["validate", "--final", sample.to_str().unwrap()]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let rolled = dir.path().join("2027.json");
    std::fs::write(
        &rolled,
        dxplan::planfile::to_json(&rolled_to(2027, &Options::default())).unwrap(),
    )
    .unwrap();
    let bad = common::dxplan(&db, &["validate", "--final", rolled.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(out.contains("[Nhiệm vụ 3.8 — tên]"), "{out}");
    assert!(out.contains("chưa được đánh giá"), "{out}");
    // Without --final, the draft's own rules only.
    let plain = common::dxplan(&db, &["validate", rolled.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("chưa được đánh giá"));
}

#[test]
fn a_recurring_deadline_reads_hang_nam_as_the_screens_do() {
    let d = Deadline::Recurring { day: 30, month: 11 };
    assert_eq!(d.text(), "trước ngày 30 tháng 11 hằng năm");
}

#[test]
fn a_blank_plan_takes_the_catalogues_spelling_and_is_not_made_twice() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::open(&dir.path().join("db.sqlite"), None)
            .await
            .unwrap();
        let blank = |p: &str, year| dxplan::app::NewPlan::Blank {
            province: p.into(),
            year,
        };
        let v = s.create(blank("tuyen quang", 2027)).await.unwrap();
        let id = &v.plan.identity;
        assert_eq!(id.province, "Tuyên Quang");
        assert_eq!(id.title, "Chuyển đổi số tỉnh Tuyên Quang năm 2027");
        assert_eq!(id.header_lines[1], "TỈNH TUYÊN QUANG");
        assert_eq!(id.issuer, "Ủy ban nhân dân tỉnh Tuyên Quang");
        // The same province and year again: refused, naming the plan that exists.
        let e = s.create(blank("Tuyên Quang", 2027)).await.unwrap_err();
        assert!(
            e.to_string()
                .contains("Đã có kế hoạch Tuyên Quang năm 2027"),
            "{e}"
        );
        // Not a province of 2027: merged in 2025, or not one at all.
        let e = s.create(blank("Hà Giang", 2027)).await.unwrap_err();
        assert!(e.to_string().contains("đã nhập vào Tuyên Quang"), "{e}");
        let e = s.create(blank("Xyz", 2027)).await.unwrap_err();
        assert!(
            e.to_string().contains("không có trong danh mục 34 tỉnh"),
            "{e}"
        );
        assert_eq!(s.list().await.unwrap().len(), 1);
    });
}

#[test]
fn a_task_title_of_3000_characters_is_an_error() {
    let mut plan = dxplan::sample::plan();
    plan.groups[0].tasks[0].title = "Triển khai ".repeat(300);
    let found = dxplan::validation::validate(&plan);
    let long = with_code(&found, "task.title_too_long");
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].severity, Severity::Error);
    assert!(
        long[0].message.contains("nhiệm vụ 1.1"),
        "{}",
        long[0].message
    );
}

#[test]
fn a_reason_stands_for_a_verdict_in_part_one() {
    let mut plan = rolled_to(2027, &Options::default());
    for r in &mut plan.assessment.indicators {
        r.note = "Chưa có số liệu của Cục Thống kê.".into();
    }
    for t in &mut plan.assessment.tasks {
        t.status = Some(TaskStatus::HoanThanh);
    }
    for s in &mut plan.assessment.sections {
        s.text = "Đã triển khai.".into();
    }
    plan.assessment.goals_review = "Cơ bản đạt.".into();
    let found = errors(&plan);
    assert!(with_code(&found, "final.indicator_unassessed").is_empty());
    assert!(with_code(&found, "final.task_unassessed").is_empty());
    let marks = dxplan::validation::completeness(&plan);
    let part_one = marks
        .iter()
        .find(|m| m.section == dxplan::validation::Section::Assessment)
        .unwrap();
    assert_eq!(
        part_one.state,
        dxplan::validation::Completeness::Complete,
        "{part_one:?}"
    );
}

#[test]
fn a_final_plan_document_exported_marks_the_plan_issued() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::open(&dir.path().join("db.sqlite"), None)
            .await
            .unwrap();
        // The sample as a draft that has its number, date and signer.
        let mut plan = dxplan::sample::plan();
        plan.identity.status = PlanStatus::Draft;
        let id = s.add(&plan).await.unwrap();
        // A draft, or the workbook, leaves the plan as it is.
        s.export(
            &id,
            ExportKind::KeHoach,
            true,
            &dir.path().join("du-thao.docx"),
        )
        .await
        .unwrap();
        s.export(
            &id,
            ExportKind::Workbook,
            false,
            &dir.path().join("phu-luc.xlsx"),
        )
        .await
        .unwrap();
        assert_eq!(
            s.plan(&id).await.unwrap().identity.status,
            PlanStatus::Draft
        );
        let before = s.history(&id).await.unwrap().len();
        s.export(
            &id,
            ExportKind::KeHoach,
            false,
            &dir.path().join("ke-hoach.docx"),
        )
        .await
        .unwrap();
        assert_eq!(
            s.plan(&id).await.unwrap().identity.status,
            PlanStatus::Final
        );
        assert_eq!(
            s.history(&id).await.unwrap().len(),
            before + 1,
            "one step, undoable"
        );
    });
}

#[test]
fn an_old_guidance_letter_is_one_error_of_the_final_check() {
    let mut plan = rolled_to(2027, &Options::default());
    plan.identity.opening =
        "Thực hiện Công văn số 5406/BTTTT-CĐSQG ngày 03/11/2022 của Bộ Thông tin và Truyền thông."
            .into();
    let all = dxplan::readiness::check(&plan).unwrap();
    let old: Vec<_> = all
        .iter()
        .filter(|f| f.code == "currency.guidance_old")
        .collect();
    assert_eq!(
        old.len(),
        1,
        "said once, not as a warning and again as an error: {old:#?}"
    );
    assert_eq!(old[0].severity, Severity::Error);
    // While drafting it stays a warning.
    assert!(dxplan::validation::validate(&plan)
        .iter()
        .any(|f| f.code == "currency.guidance_old" && f.severity == Severity::Warning));
}

#[test]
fn a_platform_named_as_the_2022_list_named_it_is_a_finding_from_2026_only() {
    let mut plan = rolled_to(2026, &Options::default());
    plan.vision = "Khai thác Nền tảng địa chỉ số và nền tảng bản đồ số trên địa bàn; vận hành Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP).".into();
    let found = dxplan::readiness::check(&plan).unwrap();
    let old: Vec<&Finding> = with_code(&found, "final.old_platform")
        .into_iter()
        .filter(|f| f.location.label == "Tầm nhìn")
        .collect();
    // The two national platforms, not the province's own LGSP; a question, not an error.
    assert_eq!(old.len(), 2, "{old:#?}");
    assert!(old.iter().all(|f| f.severity == Severity::Warning));
    assert!(
        old[0].message.contains("«Nền tảng địa chỉ số»"),
        "{}",
        old[0].message
    );
    assert!(
        old[0].message.contains("2618/QĐ-BKHCN"),
        "{}",
        old[0].message
    );
    // The 2025 plan still cites the list in force then.
    let mut earlier = rolled_to(2025, &Options::default());
    earlier.vision = plan.vision.clone();
    let found = dxplan::readiness::check(&earlier).unwrap();
    assert!(with_code(&found, "final.old_platform").is_empty());
}

#[test]
fn a_goal_with_a_description_prints_the_indicators_it_does_not_state() {
    let mut plan = dxplan::sample::plan();
    let g = plan
        .specific_goals
        .iter_mut()
        .find(|g| g.indicators.len() >= 2)
        .expect("a goal with indicators");
    let first = g.indicators[0].name.clone();
    let second = g.indicators[1].name.clone();
    g.text = format!("Phấn đấu hoàn thành các chỉ tiêu; trong đó {first} là ưu tiên.");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kh.docx");
    std::fs::write(
        &out,
        dxplan::docx::build(&plan, &Default::default()).unwrap(),
    )
    .unwrap();
    let text = docx_text(&out);
    let body = text.split("PHỤ LỤC").next().unwrap();
    let at = body
        .find("Phấn đấu hoàn thành các chỉ tiêu")
        .expect("the description printed");
    // The goal: its description and what follows up to the next numbered heading.
    let goal: Vec<&str> = body[at..]
        .lines()
        .take_while(|l| !l.starts_with(|c: char| c.is_ascii_digit() || c == 'I' || c == 'V'))
        .collect();
    let goal = goal.join("\n");
    // Stated in the description: once; not stated: listed under it.
    assert_eq!(goal.matches(first.as_str()).count(), 1, "{goal}");
    assert!(goal.contains(&format!("- {second}:")), "{goal}");
}

#[test]
fn a_final_export_by_the_cli_marks_the_plan_issued_as_the_window_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let mut plan = dxplan::sample::plan();
    plan.identity.status = PlanStatus::Draft;
    let id = common::rt().block_on(async {
        let s = Session::open(&db, None).await.unwrap();
        let id = s.add(&plan).await.unwrap();
        s.close().await;
        id
    });
    let status = || {
        common::rt().block_on(async {
            let s = Session::open(&db, None).await.unwrap();
            let st = s.plan(&id).await.unwrap().identity.status;
            s.close().await;
            st
        })
    };
    let out = dir.path().join("kh.docx");
    let draft = common::dxplan(
        &db,
        &["export", &id, "--docx", out.to_str().unwrap(), "--draft"],
    );
    assert!(
        draft.status.success(),
        "{}",
        String::from_utf8_lossy(&draft.stderr)
    );
    assert_eq!(status(), PlanStatus::Draft);
    let issued = common::dxplan(&db, &["export", &id, "--docx", out.to_str().unwrap()]);
    assert!(
        issued.status.success(),
        "{}",
        String::from_utf8_lossy(&issued.stderr)
    );
    assert_eq!(status(), PlanStatus::Final);
}

#[test]
fn tasks_without_a_deadline_get_one_in_one_step_and_no_others_change() {
    let mut plan = dxplan::sample::plan();
    let kept = plan.groups[0].tasks[0].deadline.clone();
    for t in plan
        .groups
        .iter_mut()
        .skip(1)
        .flat_map(|g| g.tasks.iter_mut())
    {
        t.deadline = None;
    }
    assert!(with_code(&errors(&plan), "final.no_deadline").len() == 1);
    let q4 = Deadline::Quarter {
        year: 2023,
        quarter: 4,
    };
    // An impossible deadline: refused, nothing changes.
    let before = plan.clone();
    let bad = Edit::FillDeadlines {
        deadline: Deadline::Quarter {
            year: 2023,
            quarter: 5,
        },
    };
    assert!(bad.apply(&mut plan).is_err());
    assert_eq!(plan, before);
    Edit::FillDeadlines {
        deadline: q4.clone(),
    }
    .apply(&mut plan)
    .unwrap();
    assert_eq!(plan.groups[0].tasks[0].deadline, kept);
    assert!(plan.tasks().all(|(_, t)| t.deadline.is_some()));
    assert!(with_code(&errors(&plan), "final.no_deadline").is_empty());
    // Nothing left to fill: said, not a silent empty step.
    let e = Edit::FillDeadlines { deadline: q4 }
        .apply(&mut plan)
        .unwrap_err();
    assert!(e.to_string().contains("đã có thời hạn"), "{e}");
}

#[test]
fn a_finding_marks_the_occurrence_it_found_not_an_earlier_lookalike() {
    let mut plan = rolled_to(2026, &Options::default());
    plan.vision = "Vận hành Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP), kết nối Nền tảng tích hợp, chia sẻ dữ liệu quốc gia.".into();
    let found = dxplan::readiness::check(&plan).unwrap();
    let [f] = with_code(&found, "final.old_platform")
        .into_iter()
        .filter(|f| f.location.label == "Tầm nhìn")
        .collect::<Vec<_>>()[..]
    else {
        panic!("one finding: {found:#?}")
    };
    assert!(
        f.message
            .contains("(LGSP), kết nối «Nền tảng tích hợp, chia sẻ dữ liệu» quốc gia"),
        "{}",
        f.message
    );
}
