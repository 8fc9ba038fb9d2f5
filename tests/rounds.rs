//! The year after the plan: rounds of workbooks sent to the departments (proposals, progress)
//! and read back through one review, the tracking edits and the tracking view. Filled
//! workbooks are rewritten cell by cell with rust_xlsxwriter from what calamine reads, the
//! way a department's spreadsheet program saves them, never by the exporter.

mod common;

use common::sheet::{open, refill, row_of, text, Put};

use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use dxplan::app::Session;
use dxplan::edit::Edit;
use dxplan::model::{Progress, TaskStatus};
use dxplan::proposals::batch::{self, Round};
use dxplan::proposals::{self, progress, Change};
use dxplan::tracking::{self, Urgency};

/// A session on a new database holding the sample plan, and the plan's view.
fn sample_session() -> (
    tokio::runtime::Runtime,
    tempfile::TempDir,
    Session,
    dxplan::app::PlanView,
) {
    let rt = common::rt();
    let dir = tempfile::tempdir().unwrap();
    let session = rt
        .block_on(Session::open(&dir.path().join("p.db"), None))
        .unwrap();
    let view = rt
        .block_on(session.create(dxplan::app::NewPlan::Sample))
        .unwrap();
    (rt, dir, session, view)
}

#[test]
fn a_round_goes_to_each_agency_with_a_summary_list() {
    let plan = dxplan::sample::plan();
    let dir = tempfile::tempdir().unwrap();
    let agencies = vec![
        "so-tttt".to_string(),
        "vp-ubnd".to_string(),
        "so-xd".to_string(),
    ];
    let sent = batch::send(
        &plan,
        Round::Progress,
        &agencies,
        dir.path(),
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    assert_eq!(sent.files.len(), 3);
    let led = |a: &str| {
        plan.tasks()
            .filter(|(_, t)| t.lead.contains(&a.to_string()))
            .count()
    };
    for f in &sent.files {
        assert!(f.file.is_file(), "{}", f.file.display());
        let name = f.file.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            name.starts_with("Bao-cao-tien-do-CDS-2023-") && name.is_ascii(),
            "{name}"
        );
        assert_eq!(f.tasks, led(&f.agency));
        // The task sheet lists exactly the tasks the agency leads, by code.
        let mut wb = open(&f.file);
        let r = wb.worksheet_range(progress::TASKS).unwrap();
        let codes: Vec<String> = r
            .rows()
            .filter_map(|row| row.first().map(text))
            .filter(|c| plan.task(c).is_some())
            .collect();
        assert_eq!(codes.len(), f.tasks, "{name}");
        assert!(codes
            .iter()
            .all(|c| plan.task(c).unwrap().lead.contains(&f.agency)));
    }
    // Sở TT&TT drafts the plan: the indicators no task serves are its to report.
    let tttt = sent.files.iter().find(|f| f.agency == "so-tttt").unwrap();
    assert_eq!(tttt.indicators, plan.indicators().count());
    assert_eq!(
        sent.files
            .iter()
            .find(|f| f.agency == "vp-ubnd")
            .unwrap()
            .indicators,
        0
    );

    let mut summary = open(&sent.summary);
    let r = summary.worksheet_range("Danh sách gửi").unwrap();
    let listed: Vec<Vec<String>> = r
        .rows()
        .filter(|row| matches!(row.first(), Some(Data::Float(_))))
        .map(|row| row.iter().map(text).collect())
        .collect();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0][1], plan.agency("so-tttt").unwrap().name);
    assert_eq!(listed[0][3], led("so-tttt").to_string());

    // The default recipients of a progress round lead tasks, and are not a collective.
    let to = batch::recipients(&plan, Round::Progress);
    assert!(to.contains(&"so-tttt".to_string()) && !to.contains(&"cac-so-nganh".to_string()));
    // A bad agency writes nothing at all.
    let empty = tempfile::tempdir().unwrap();
    let bad = vec!["so-tttt".to_string(), "khong-co".to_string()];
    assert!(batch::send(
        &plan,
        Round::Proposals,
        &bad,
        empty.path(),
        &dxplan::proposals::seal::Seal::new("k".repeat(32))
    )
    .is_err());
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn a_filled_progress_workbook_is_reviewed_and_applied_as_one_step() {
    let (rt, dir, session, view) = sample_session();
    let plan = view.plan.clone();
    let sent = rt
        .block_on(session.send_round(
            &view.id,
            Round::Progress,
            vec!["so-tttt".into()],
            dir.path(),
        ))
        .unwrap();
    let blank = &sent.files[0].file;
    let ids: Vec<String> = plan
        .tasks()
        .filter(|(_, t)| t.lead.contains(&"so-tttt".to_string()))
        .map(|(_, t)| t.id.clone())
        .take(5)
        .collect();
    let ind = plan.indicators().next().unwrap().1.id.clone();
    let (t, i) = (progress::TASKS, progress::INDICATORS);
    let row = |sheet, code: &str| row_of(blank, sheet, code);
    let filled = dir.path().join("filled.xlsx");
    refill(
        blank,
        &[
            (t, row(t, &ids[0]), 4, Put::T("Hoàn thành")),
            (t, row(t, &ids[0]), 5, Put::T("Đã đưa vào vận hành")),
            (t, row(t, &ids[0]), 7, Put::N(1234.5)),
            (t, row(t, &ids[0]), 8, Put::D("2023-10-15")),
            // Lower case and without the accents a hurried typist leaves off.
            (t, row(t, &ids[1]), 4, Put::T("dang trien khai")),
            (t, row(t, &ids[1]), 8, Put::T("01/11/2023")),
            (t, row(t, &ids[2]), 4, Put::T("Xong rồi")),
            (t, row(t, &ids[3]), 7, Put::T("-5")),
            (i, row(i, &ind), 4, Put::N(87.5)),
            (i, row(i, &ind), 5, Put::T("30/11/2023")),
        ],
        &filled,
    );
    let review = rt
        .block_on(session.review_round(&view.id, vec![filled.clone()]))
        .unwrap()
        .review;
    let updated: Vec<&Change> = review
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Update { .. }))
        .collect();
    assert_eq!(updated.len(), 2, "{:#?}", review.changes);
    let Change::Update { task, fields, .. } = updated[0] else {
        unreachable!()
    };
    assert_eq!(task.id, ids[0]);
    assert_eq!(task.status, TaskStatus::HoanThanh);
    assert_eq!(task.progress.spent, Some("1234.5".parse().unwrap()));
    assert_eq!(task.progress.updated, NaiveDate::from_ymd_opt(2023, 10, 15));
    let names: Vec<&str> = fields.iter().map(|d| d.field).collect();
    assert_eq!(
        names,
        ["trạng thái", "kết quả", "kinh phí đã chi", "ngày báo cáo"]
    );
    assert_eq!(
        (fields[0].before.as_str(), fields[0].after.as_str()),
        ("Chưa triển khai", "Hoàn thành")
    );
    assert_eq!(fields[2].after, "1.234,5");
    let Change::Update { task, .. } = updated[1] else {
        unreachable!()
    };
    assert_eq!(task.status, TaskStatus::DangTrienKhai);
    // The bad status and the negative amount are problems at their cells; rows left as sent
    // are unchanged.
    assert_eq!(review.problems.len(), 2, "{:#?}", review.problems);
    assert!(
        review.problems[0].to_string().contains("«Xong rồi»"),
        "{}",
        review.problems[0]
    );
    assert!(review.problems[0]
        .column
        .as_deref()
        .unwrap()
        .starts_with("E ("));
    assert!(review.problems[1].to_string().contains("không được âm"));
    let led = plan
        .tasks()
        .filter(|(_, t)| t.lead.contains(&"so-tttt".to_string()))
        .count();
    let indicators = plan.indicators().count();
    assert_eq!(review.same.len(), led - 4 + indicators - 1);
    let Some(Change::Indicator { indicator, .. }) = review
        .changes
        .iter()
        .find(|c| matches!(c, Change::Indicator { .. }))
    else {
        panic!("no indicator change: {:#?}", review.changes)
    };
    assert_eq!(indicator.actual, Some("87.5".parse().unwrap()));
    assert_eq!(indicator.measured, NaiveDate::from_ymd_opt(2023, 11, 30));

    // Rejecting the first task's row (Excel row 5 of the task sheet) keeps the first
    // indicator's (row 5 of the indicator sheet).
    let first = updated[0].row_ref();
    let kept = review.clone().without(std::slice::from_ref(&first));
    assert_eq!(kept.changes.len(), review.changes.len() - 1);
    assert!(kept
        .changes
        .iter()
        .any(|c| matches!(c, Change::Indicator { row, .. } if *row == first.row)));

    // The planner rejects the second task's row; the rest is one step of the history.
    let after = rt
        .block_on(session.apply_round(
            &view.id,
            view.revision,
            std::slice::from_ref(&filled),
            vec![updated[1].row_ref()],
        ))
        .unwrap();
    assert_eq!(after.revision, view.revision + 1);
    // The history names the one workbook the rows came from.
    let history = rt.block_on(session.store().history(&view.id)).unwrap();
    let name = filled.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(
        history[0].summary,
        format!("Cập nhật {} dòng từ tệp «{name}»", review.changes.len() - 1)
    );
    let stored = rt.block_on(session.store().load(&view.id)).unwrap().plan;
    assert_eq!(stored.task(&ids[0]).unwrap().status, TaskStatus::HoanThanh);
    assert_eq!(
        stored.task(&ids[1]).unwrap().status,
        plan.task(&ids[1]).unwrap().status
    );
    let got = stored.indicators().find(|(_, x)| x.id == ind).unwrap().1;
    assert_eq!(got.actual, Some("87.5".parse().unwrap()));
    // From a stale revision nothing is applied; one undo takes the whole batch back.
    assert!(rt
        .block_on(session.apply_round(&view.id, view.revision, &[filled], vec![]))
        .is_err());
    rt.block_on(session.undo(&view.id)).unwrap();
    let back = rt.block_on(session.store().load(&view.id)).unwrap().plan;
    assert_eq!(back.task(&ids[0]).unwrap(), plan.task(&ids[0]).unwrap());
}

#[test]
fn proposals_and_progress_workbooks_are_told_apart_in_one_batch() {
    let plan = dxplan::sample::plan();
    let dir = tempfile::tempdir().unwrap();
    let who = vec!["so-xd".to_string()];
    let p = batch::send(
        &plan,
        Round::Proposals,
        &who,
        dir.path(),
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    let q = batch::send(
        &plan,
        Round::Progress,
        &who,
        dir.path(),
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    assert_ne!(p.files[0].file, q.files[0].file);
    let files: Vec<PathBuf> = vec![p.files[0].file.clone(), q.files[0].file.clone()];
    let review = proposals::review(
        &plan,
        &files,
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    );
    assert!(review.problems.is_empty(), "{:#?}", review.problems);
    assert!(review.changes.is_empty());
    // Each lists its two tasks as unchanged; the progress one has no indicators.
    assert_eq!(review.same.len(), 4);
}

#[test]
fn tracking_edits_are_checked_kept_and_undone() {
    let rt = common::rt();
    let dir = tempfile::tempdir().unwrap();
    let session = rt
        .block_on(Session::open(&dir.path().join("t.db"), None))
        .unwrap();
    let view = rt
        .block_on(session.create(dxplan::app::NewPlan::Sample))
        .unwrap();
    let task = view.plan.groups[0].tasks[0].clone();
    let ind = view.plan.specific_goals[0].indicators[0].clone();
    let progress = Progress {
        note: "Đã vận hành".into(),
        updated: NaiveDate::from_ymd_opt(2023, 9, 1),
        evidence: "QĐ 12/QĐ-UBND".into(),
        spent: Some("250".parse().unwrap()),
    };
    let v = rt
        .block_on(session.edit(
            &view.id,
            view.revision,
            Edit::TrackTask {
                id: task.id.clone(),
                status: TaskStatus::HoanThanh,
                progress: progress.clone(),
            },
        ))
        .unwrap();
    let v = rt
        .block_on(session.edit(
            &view.id,
            v.revision,
            Edit::TrackIndicator {
                id: ind.id.clone(),
                actual: Some("42".parse().unwrap()),
                measured: NaiveDate::from_ymd_opt(2023, 12, 1),
            },
        ))
        .unwrap();
    // Wrong values change nothing: a negative amount, a day without a value.
    let bad = [
        Edit::TrackTask {
            id: task.id.clone(),
            status: TaskStatus::ChamTienDo,
            progress: Progress {
                spent: Some("-1".parse().unwrap()),
                ..progress.clone()
            },
        },
        Edit::TrackIndicator {
            id: ind.id.clone(),
            actual: None,
            measured: NaiveDate::from_ymd_opt(2023, 12, 1),
        },
        Edit::TrackTask {
            id: "khong-co".into(),
            status: TaskStatus::HoanThanh,
            progress: Progress::default(),
        },
    ];
    for e in bad {
        let err = rt
            .block_on(session.edit(&view.id, v.revision, e))
            .unwrap_err();
        assert!(!err.to_string().is_empty());
    }
    // Reopened from the file: the tracking is there, the task's plan text untouched.
    drop(session);
    let session = rt
        .block_on(Session::open(&dir.path().join("t.db"), None))
        .unwrap();
    let plan = rt.block_on(session.store().load(&view.id)).unwrap().plan;
    let t = plan.task(&task.id).unwrap();
    assert_eq!(
        (t.status, &t.progress, &t.title),
        (TaskStatus::HoanThanh, &progress, &task.title)
    );
    let i = plan.indicators().find(|(_, x)| x.id == ind.id).unwrap().1;
    assert_eq!(i.measured, NaiveDate::from_ymd_opt(2023, 12, 1));
    rt.block_on(session.undo(&view.id)).unwrap();
    let plan = rt.block_on(session.store().load(&view.id)).unwrap().plan;
    assert_eq!(
        plan.indicators()
            .find(|(_, x)| x.id == ind.id)
            .unwrap()
            .1
            .actual,
        None
    );
}

#[test]
fn the_tracking_view_counts_every_task_and_marks_the_late_ones() {
    let mut plan = dxplan::sample::plan();
    let day = NaiveDate::from_ymd_opt(2023, 9, 20).unwrap();
    // Three tasks due at the end of Q3: one done, one not (at risk), one reported late.
    let ids: Vec<String> = plan.tasks().map(|(_, t)| t.id.clone()).take(3).collect();
    for (k, id) in ids.iter().enumerate() {
        let t = plan.task_mut(id).unwrap();
        t.deadline = Some(dxplan::model::Deadline::Quarter {
            quarter: 3,
            year: 2023,
        });
        t.status = [
            TaskStatus::HoanThanh,
            TaskStatus::DangTrienKhai,
            TaskStatus::ChamTienDo,
        ][k];
    }
    let overdue_id = plan.tasks().nth(3).unwrap().1.id.clone();
    plan.task_mut(&overdue_id).unwrap().deadline = Some(dxplan::model::Deadline::Month {
        month: 6,
        year: 2023,
    });
    let v = tracking::view(&plan, day);
    assert_eq!(v.tasks.len(), 76);
    assert_eq!(v.all.total, 76);
    assert_eq!(v.all.by_status.iter().sum::<u32>(), 76);
    assert_eq!(v.groups.iter().map(|g| g.total).sum::<u32>(), 76);
    let urgency = |id: &str| v.tasks.iter().find(|t| t.id == id).unwrap().urgency;
    assert_eq!(urgency(&ids[0]), Urgency::Closed);
    assert_eq!(urgency(&ids[1]), Urgency::AtRisk);
    // Reported "Chậm tiến độ": late, whatever the deadline (one definition of late).
    assert_eq!(urgency(&ids[2]), Urgency::Overdue);
    assert_eq!(urgency(&overdue_id), Urgency::Overdue);
    assert_eq!(v.tasks[0].number, "1.1");
    // By agency: every task counted under each of its leads.
    let leads: usize = plan.tasks().map(|(_, t)| t.lead.len().max(1)).sum();
    assert_eq!(
        v.agencies.iter().map(|a| a.total as usize).sum::<usize>(),
        leads
    );
    assert_eq!(v.indicators.len(), plan.indicators().count());
}

#[test]
fn one_agencys_stray_row_never_blocks_anothers_report() {
    let (rt, dir, session, view) = sample_session();
    let task = view
        .plan
        .tasks()
        .find(|(_, t)| t.lead == ["so-tttt".to_string()])
        .unwrap()
        .1
        .id
        .clone();
    let sent = rt
        .block_on(session.send_round(
            &view.id,
            Round::Progress,
            vec!["so-xd".into(), "so-tttt".into()],
            dir.path(),
        ))
        .unwrap();
    let file_of = |agency: &str| {
        sent.files
            .iter()
            .find(|f| f.agency == agency)
            .unwrap()
            .file
            .clone()
    };
    let t = progress::TASKS;
    // Sở Xây dựng types Sở TT&TT's task code on a row of its own file…
    let stray = dir.path().join("so-xd-da-dien.xlsx");
    let below = {
        let mut wb = open(&file_of("so-xd"));
        let r = wb.worksheet_range(t).unwrap();
        r.end().unwrap().0 + 1
    };
    refill(
        &file_of("so-xd"),
        &[
            (
                t,
                below,
                0,
                Put::T(Box::leak(task.clone().into_boxed_str())),
            ),
            (t, below, 4, Put::T("Hoàn thành")),
        ],
        &stray,
    );
    // …and Sở TT&TT reports it correctly in its own.
    let right = dir.path().join("so-tttt-da-dien.xlsx");
    let at = row_of(&file_of("so-tttt"), t, &task);
    refill(
        &file_of("so-tttt"),
        &[(t, at, 4, Put::T("Đang triển khai"))],
        &right,
    );
    let received = rt
        .block_on(session.review_round(&view.id, vec![stray, right]))
        .unwrap();
    let said: Vec<&str> = received
        .review
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(
        said[0].contains("không do cơ quan của tệp này chủ trì"),
        "{}",
        said[0]
    );
    assert!(!said.iter().any(|m| m.contains("hai lần")));
    assert_eq!(
        received.review.changes.len(),
        1,
        "Sở TT&TT's report is taken"
    );
}

#[test]
fn late_means_the_same_in_the_year_end_report_and_days_not_yet_come_are_refused() {
    let mut plan = dxplan::sample::plan();
    // Every task due "Năm 2023", none finished.
    for (_, t) in plan.clone().tasks() {
        let task = plan.task_mut(&t.id).unwrap();
        task.deadline = Some(dxplan::model::Deadline::Year { year: 2023 });
        task.status = TaskStatus::DangTrienKhai;
    }
    let year_end = dxplan::docx::report::as_of(&plan, None);
    let v = tracking::view(&plan, year_end);
    assert_eq!(v.all.overdue, 76, "unfinished on 31/12: late");
    let day_before = NaiveDate::from_ymd_opt(2023, 12, 30).unwrap();
    assert_eq!(tracking::view(&plan, day_before).all.overdue, 0);
    // The report's workbook says the same count.
    let bytes = dxplan::xlsx::report(&plan, year_end).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let late_row = wb
        .worksheets()
        .into_iter()
        .flat_map(|(_, r)| {
            r.rows()
                .map(|row| row.iter().map(text).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        .find(|row| {
            row.first()
                .is_some_and(|c| c.starts_with("Trong đó: quá hạn"))
        })
        .expect("a row of late tasks");
    assert!(late_row.iter().any(|c| c == "76"), "{late_row:?}");
    // A report day not yet come: refused, nothing changes.
    let id = plan.tasks().next().unwrap().1.id.clone();
    let before = plan.clone();
    let future = chrono::Local::now().date_naive() + chrono::Days::new(10);
    let e = dxplan::edit::Edit::TrackTask {
        id,
        status: TaskStatus::HoanThanh,
        progress: dxplan::model::Progress {
            updated: Some(future),
            ..Default::default()
        },
    }
    .apply(&mut plan)
    .unwrap_err();
    assert!(e.to_string().contains("chưa đến"), "{e}");
    assert_eq!(plan, before);
}
