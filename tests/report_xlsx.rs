//! The results report as a workbook (`dxplan report --xlsx`), read back with calamine: the
//! tasks in plan order with their statuses, overdue marks and amounts, the SUM totals
//! re-added from the cells they name, the indicator verdicts and the counts.

mod common;

use calamine::{Data, Range, Reader, Xlsx};
use chrono::NaiveDate;
use dxplan::model::{BudgetLevel, BudgetLine, BudgetSource, Deadline, Plan, Progress, TaskStatus};
use dxplan::numbering::task_number;

const TASKS: &str = "Tiến độ nhiệm vụ";
const RESULTS: &str = "Kết quả chỉ tiêu";
const SUMMARY: &str = "Tổng hợp";
/// Title, subtitle, a blank row: the header is the fourth row.
const HEADER: u32 = 3;

fn day(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        None | Some(Data::Empty) => String::new(),
        Some(other) => other.to_string(),
    }
}

fn number(d: Option<&Data>) -> Option<f64> {
    match d {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

/// The sample plan with a year tracked: the first 12 tasks reported (every third still in
/// progress, the rest done, 10 million each spent), one task overdue and not started, one
/// late task already marked "Chậm tiến độ", one indicator reached and one not.
fn tracked() -> Plan {
    let mut plan = dxplan::sample::plan();
    let tasks = plan
        .groups
        .iter_mut()
        .flat_map(|g| g.tasks.iter_mut())
        .take(12);
    for (i, t) in tasks.enumerate() {
        t.status = if i % 3 == 0 {
            TaskStatus::DangTrienKhai
        } else {
            TaskStatus::HoanThanh
        };
        t.progress = Progress {
            note: format!("Kết quả báo cáo số {i}"),
            updated: Some(day(15, 11, 2023)),
            evidence: format!("Văn bản số {i}/BC-STTTT"),
            spent: Some(10.into()),
        };
    }
    // The sample's budget is all unallocated: two tasks of group 1 get lines of their own.
    for (t, amount) in plan.groups[0].tasks[1..3].iter_mut().zip(["1500.5", "200"]) {
        t.budget = vec![BudgetLine {
            amount: amount.parse().unwrap(),
            source: Some(BudgetSource::ThuongXuyen),
            level: Some(BudgetLevel::Tinh),
            note: String::new(),
        }];
    }
    let second_quarter = Some(Deadline::Quarter {
        year: 2023,
        quarter: 2,
    });
    plan.groups[2].tasks[0].deadline = second_quarter.clone();
    plan.groups[2].tasks[0].status = TaskStatus::ChuaTrienKhai;
    plan.groups[3].tasks[0].deadline = second_quarter;
    plan.groups[3].tasks[0].status = TaskStatus::ChamTienDo;
    let indicators = &mut plan.specific_goals[0].indicators;
    indicators[0].actual = indicators[0].target;
    indicators[1].actual = Some(
        indicators[1]
            .target
            .expect("the sample's targets are given")
            - rust_decimal::Decimal::ONE,
    );
    plan
}

fn open(path: &std::path::Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

/// The task rows of the progress sheet: (row, number) for every row whose STT is "g.t".
fn task_rows(r: &Range<Data>) -> Vec<(u32, String)> {
    (HEADER + 1..=r.end().unwrap().0)
        .map(|row| (row, text(r.get_value((row, 0)))))
        .filter(|(_, n)| n.contains('.'))
        .collect()
}

/// Adds up what a "SUM(…)" formula names: cells ("H6") and ranges ("H7:H9"), following a
/// cell that is itself a SUM formula. calamine does not calculate, so the test does.
fn evaluate(formulas: &Range<String>, values: &Range<Data>, formula: &str) -> f64 {
    let inner = formula
        .strip_prefix("SUM(")
        .and_then(|f| f.strip_suffix(')'))
        .unwrap_or_else(|| panic!("not a SUM: {formula}"));
    let cell = |a1: &str| -> (u32, u32) {
        let split = a1.find(|c: char| c.is_ascii_digit()).unwrap();
        let (col, row) = a1.split_at(split);
        let col = col
            .bytes()
            .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
            - 1;
        (row.parse::<u32>().unwrap() - 1, col)
    };
    inner
        .split(',')
        .map(|part| match part.split_once(':') {
            Some((a, b)) => {
                let ((r0, c), (r1, _)) = (cell(a), cell(b));
                (r0..=r1)
                    .map(|r| number(values.get_value((r, c))).unwrap_or(0.0))
                    .sum::<f64>()
            }
            None => {
                let at = cell(part);
                match formulas.get_value(at).filter(|f| !f.is_empty()) {
                    Some(f) => evaluate(formulas, values, f),
                    None => number(values.get_value(at)).unwrap_or(0.0),
                }
            }
        })
        .sum()
}

#[test]
fn report_workbook_tasks_indicators_and_counts() {
    let plan = tracked();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.xlsx");
    dxplan::xlsx::export_report(&plan, day(30, 11, 2023), &out).unwrap();
    let mut wb = open(&out);
    assert_eq!(wb.sheet_names(), [TASKS, RESULTS, SUMMARY]);

    // Titles on every sheet.
    for sheet in [TASKS, RESULTS, SUMMARY] {
        let r = wb.worksheet_range(sheet).unwrap();
        assert_eq!(
            text(r.get_value((0, 0))),
            "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2023"
        );
        assert_eq!(text(r.get_value((1, 0))), "(Số liệu đến ngày 30/11/2023)");
    }

    // Every task, numbered as in the plan and in its order.
    let r = wb.worksheet_range(TASKS).unwrap();
    let header: Vec<String> = (0..10).map(|c| text(r.get_value((HEADER, c)))).collect();
    assert_eq!(
        header,
        [
            "STT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Thời gian",
            "Trạng thái",
            "Kết quả / lý do",
            "Sản phẩm / minh chứng",
            "Kinh phí kế hoạch (triệu đồng)",
            "Kinh phí đã chi (triệu đồng)",
            "Ngày cập nhật",
        ]
    );
    let rows = task_rows(&r);
    let expected: Vec<String> = plan
        .groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| (0..g.tasks.len()).map(move |ti| task_number(gi, ti)))
        .collect();
    assert_eq!(expected.len(), 76);
    assert_eq!(
        rows.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        expected
    );
    let titles: Vec<String> = rows
        .iter()
        .map(|(row, _)| text(r.get_value((*row, 1))))
        .collect();
    let plan_titles: Vec<String> = plan.tasks().map(|(_, t)| t.title.clone()).collect();
    assert_eq!(titles, plan_titles);
    // The group heading row sits above its tasks.
    assert_eq!(text(r.get_value((HEADER + 1, 0))), "1");
    assert_eq!(text(r.get_value((HEADER + 1, 1))), plan.groups[0].title);

    let row_of = |number: &str| rows.iter().find(|(_, n)| n == number).unwrap().0;
    let at = |number: &str, col: u32| r.get_value((row_of(number), col));
    let first = &plan.groups[0].tasks;
    assert_eq!(text(at("1.1", 4)), "Đang triển khai");
    assert_eq!(text(at("1.2", 4)), "Hoàn thành");
    assert_eq!(text(at("1.1", 5)), "Kết quả báo cáo số 0");
    assert_eq!(text(at("1.1", 6)), "Văn bản số 0/BC-STTTT");
    assert_eq!(text(at("1.1", 9)), "15/11/2023");
    assert_eq!(number(at("1.1", 8)), Some(10.0));
    // The planned amount: blank for a task without budget lines, else their sum.
    assert!(first[0].budget.is_empty());
    assert_eq!(at("1.1", 7), Some(&Data::Empty));
    assert_eq!(number(at("1.2", 7)), Some(1500.5));
    assert_eq!(number(at("1.3", 7)), Some(200.0));
    // Due in the second quarter and not started by 30/11: overdue. A late task already
    // says so and is not marked twice; a task not reported has no amount spent.
    assert_eq!(text(at("3.1", 4)), "Chưa triển khai (quá hạn)");
    assert_eq!(text(at("4.1", 4)), "Chậm tiến độ");
    assert_eq!(at("3.1", 8), Some(&Data::Empty));
    let overdue = rows
        .iter()
        .filter(|(row, _)| text(r.get_value((*row, 4))).ends_with("(quá hạn)"))
        .count();
    assert!(overdue >= 1);

    // The totals: cached values, and formulas that add up to them from the cells.
    let total = (HEADER + 1..=r.end().unwrap().0)
        .find(|row| text(r.get_value((*row, 1))) == "TỔNG CỘNG")
        .expect("a totals row");
    assert_eq!(total, r.end().unwrap().0, "the totals row is the last");
    let planned_total: f64 = dxplan::budget::grand_total(&plan)
        .to_string()
        .parse()
        .unwrap();
    assert_eq!(planned_total, 132897.5 + 1700.5);
    assert_eq!(number(r.get_value((total, 7))), Some(planned_total));
    assert_eq!(number(r.get_value((total, 8))), Some(120.0));
    let formulas = wb.worksheet_formula(TASKS).unwrap();
    let planned = formulas.get_value((total, 7)).unwrap();
    let spent = formulas.get_value((total, 8)).unwrap();
    assert!(
        planned.starts_with("SUM(H") && spent.starts_with("SUM(I"),
        "{planned} {spent}"
    );
    assert!((evaluate(&formulas, &r, planned) - planned_total).abs() < 1e-6);
    assert!((evaluate(&formulas, &r, spent) - 120.0).abs() < 1e-6);
    // A group's subtotals are formulas over its own task rows.
    assert_eq!(
        formulas.get_value((HEADER + 1, 8)).unwrap(),
        &format!("SUM(I{}:I{})", HEADER + 3, HEADER + 2 + first.len() as u32)
    );
    assert_eq!(number(r.get_value((HEADER + 1, 7))), Some(1700.5));
    assert_eq!(
        number(r.get_value((HEADER + 1, 8))),
        Some(10.0 * first.len() as f64)
    );

    // Every indicator with its verdict.
    let r = wb.worksheet_range(RESULTS).unwrap();
    let header: Vec<String> = (0..6).map(|c| text(r.get_value((HEADER, c)))).collect();
    assert_eq!(
        header,
        [
            "STT",
            "Chỉ tiêu",
            "Đơn vị",
            "Chỉ tiêu kế hoạch",
            "Thực hiện",
            "Đánh giá"
        ]
    );
    let rows = task_rows(&r);
    assert_eq!(rows.len(), plan.indicators().count());
    assert_eq!(rows.len(), 28);
    let names: Vec<String> = rows
        .iter()
        .map(|(row, _)| text(r.get_value((*row, 1))))
        .collect();
    let plan_names: Vec<String> = plan.indicators().map(|(_, i)| i.name.clone()).collect();
    assert_eq!(names, plan_names);
    let verdicts: Vec<String> = rows
        .iter()
        .map(|(row, _)| text(r.get_value((*row, 5))))
        .collect();
    assert_eq!(verdicts[0], "Đạt");
    assert_eq!(verdicts[1], "Chưa đạt");
    assert!(verdicts[2..].iter().all(|v| v == "Chưa có số liệu"));
    let ind = &plan.specific_goals[0].indicators[0];
    let (row, _) = rows[0];
    assert_eq!(text(r.get_value((row, 2))), ind.unit);
    assert_eq!(
        number(r.get_value((row, 4))),
        Some(ind.actual.unwrap().to_string().parse().unwrap())
    );
    assert_eq!(r.get_value((rows[2].0, 4)), Some(&Data::Empty));

    // The counts add up to the 76 tasks.
    let r = wb.worksheet_range(SUMMARY).unwrap();
    let count = |label: &str| {
        (HEADER + 1..=r.end().unwrap().0)
            .find(|row| text(r.get_value((*row, 0))) == label)
            .and_then(|row| number(r.get_value((row, 1))))
            .unwrap_or_else(|| panic!("no row «{label}»"))
    };
    let by_status: Vec<f64> = TaskStatus::ALL.iter().map(|s| count(s.label())).collect();
    assert_eq!(by_status.iter().sum::<f64>(), 76.0);
    assert_eq!(count("Hoàn thành"), 8.0);
    assert_eq!(count("Đang triển khai"), 4.0);
    assert_eq!(count("Chậm tiến độ"), 1.0);
    assert_eq!(count("Không thực hiện"), 0.0);
    assert_eq!(count("Chưa triển khai"), 63.0);
    assert_eq!(count("Tổng cộng"), 76.0);
    assert_eq!(
        count("Trong đó: quá hạn, chưa hoàn thành"),
        overdue as f64 + 1.0
    );
    assert_eq!(count("Kinh phí theo kế hoạch"), planned_total);
    assert_eq!(
        count("Kinh phí đã chi (theo báo cáo của 12 nhiệm vụ)"),
        120.0
    );
    let formulas = wb.worksheet_formula(SUMMARY).unwrap();
    let total_row = (HEADER + 1..=r.end().unwrap().0)
        .find(|row| text(r.get_value((*row, 0))) == "Tổng cộng")
        .unwrap();
    let sum = formulas.get_value((total_row, 1)).unwrap();
    assert!((evaluate(&formulas, &r, sum) - 76.0).abs() < 1e-9, "{sum}");
    let spent_row = (total_row..=r.end().unwrap().0)
        .find(|row| text(r.get_value((*row, 0))).starts_with("Kinh phí đã chi"))
        .unwrap();
    let spent_ref = formulas.get_value((spent_row, 1)).unwrap();
    assert_eq!(
        spent_ref,
        &format!("'Tiến độ nhiệm vụ'!I{}", total + 1),
        "the progress sheet's total"
    );
}

#[test]
fn report_cli_writes_the_workbook_at_the_as_of_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let file = dir.path().join("ke-hoach.json");
    dxplan::planfile::write(&tracked(), &file).unwrap();
    let xlsx = dir.path().join("bao-cao.xlsx");
    let docx = dir.path().join("bao-cao.docx");
    // A final report without its number is refused, and nothing is written.
    let o = common::dxplan(
        &db,
        &[
            "report",
            file.to_str().unwrap(),
            "--docx",
            docx.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && said.contains("cần có số báo cáo"),
        "{said}"
    );
    assert!(!docx.exists());
    let mut numbered = tracked();
    numbered.identity.report_number = Some("415".into());
    dxplan::planfile::write(&numbered, &file).unwrap();
    let o = common::dxplan(
        &db,
        &[
            "report",
            file.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--docx",
            docx.to_str().unwrap(),
            "--as-of",
            "30/11/2023",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(docx.is_file(), "both documents when both are asked for");
    let xml = common::document_xml(&docx);
    assert!(
        xml.contains("Số: 415/BC-UBND"),
        "the report's number in its header"
    );
    assert!(
        xml.contains("Kèm theo Báo cáo số 415/BC-UBND ngày 30/11/2023"),
        "and in its appendix"
    );
    let mut wb = open(&xlsx);
    let r = wb.worksheet_range(TASKS).unwrap();
    assert_eq!(text(r.get_value((1, 0))), "(Số liệu đến ngày 30/11/2023)");
    let rows = task_rows(&r);
    assert_eq!(rows.len(), 76);
    let status = |number: &str| {
        let row = rows.iter().find(|(_, n)| n == number).unwrap().0;
        text(r.get_value((row, 4)))
    };
    assert_eq!(status("3.1"), "Chưa triển khai (quá hạn)");
    assert_eq!(status("1.2"), "Hoàn thành");

    // Before the deadline has passed the same task is not overdue; without --as-of the
    // report speaks of the year's end.
    let early = dir.path().join("som.xlsx");
    let o = common::dxplan(
        &db,
        &[
            "report",
            file.to_str().unwrap(),
            "--xlsx",
            early.to_str().unwrap(),
            "--as-of",
            "15/06/2023",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = open(&early).worksheet_range(TASKS).unwrap();
    let row = task_rows(&r)
        .into_iter()
        .find(|(_, n)| n == "3.1")
        .unwrap()
        .0;
    assert_eq!(text(r.get_value((row, 4))), "Chưa triển khai");

    let year_end = dir.path().join("cuoi-nam.xlsx");
    let o = common::dxplan(
        &db,
        &[
            "report",
            file.to_str().unwrap(),
            "--xlsx",
            year_end.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = open(&year_end).worksheet_range(SUMMARY).unwrap();
    assert_eq!(text(r.get_value((1, 0))), "(Số liệu đến ngày 31/12/2023)");
}

#[test]
fn report_cli_without_an_output_fails_in_vietnamese_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let file = dir.path().join("ke-hoach.json");
    dxplan::planfile::write(&tracked(), &file).unwrap();
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            // The error is also logged beside the database, as every error is.
            .filter(|n| n != "dxplan.log")
            .collect();
        names.sort();
        names
    };
    let before = names();
    let o = common::dxplan(&db, &["report", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("Cần --docx (tệp Word) hoặc --xlsx (tệp Excel), hoặc cả hai."),
        "{err}"
    );
    assert_eq!(names(), before, "no file written, not even the database");
}
