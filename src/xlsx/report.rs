//! The results report's tables as a workbook: every task with its status and what was
//! reported, every indicator with its result, and the counts. Statuses, overdue marks and
//! verdicts come from the Word report's functions, so both documents say the same.

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet};

use super::{
    col_name, f64_of, headers, print_setup, row_height, title_rows, unallocated_row, xl, Styles,
};
use crate::format::capitalise_first;
use crate::model::{Plan, Task, TaskStatus};
use crate::numbering::{group_number, task_number};
use crate::tracking::overdue;
use crate::tracking::{status_text, verdict};
use crate::Result;

/// A day as tables show it: "30/11/2023".
fn day_text(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The two title rows every sheet starts with; returns the header row.
fn titles(
    ws: &mut Worksheet,
    plan: &Plan,
    s: &Styles,
    as_of: NaiveDate,
    last_col: u16,
) -> Result<u32> {
    let title = format!(
        "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM {}",
        plan.identity.year
    );
    let subtitle = format!("(Số liệu đến ngày {})", day_text(as_of));
    title_rows(ws, s, last_col, &[(&title, false), (&subtitle, true)])
}

/// A formula with its computed value cached, so readers that do not recalculate see it.
fn formula(text: String, value: Decimal) -> Formula {
    Formula::new(text).set_result(f64_of(value).to_string())
}

const PROGRESS_COLS: [(&str, f64); 10] = [
    ("STT", 6.0),
    ("Nhiệm vụ", 38.0),
    ("Cơ quan chủ trì", 18.0),
    ("Thời gian", 12.0),
    ("Trạng thái", 15.0),
    ("Kết quả / lý do", 32.0),
    ("Sản phẩm / minh chứng", 22.0),
    ("Kinh phí kế hoạch (triệu đồng)", 15.0),
    ("Kinh phí đã chi (triệu đồng)", 15.0),
    ("Ngày cập nhật", 12.0),
];
/// The planned and spent columns.
const PLANNED: u16 = 7;
const SPENT: u16 = 8;

/// Every task numbered as in the plan, grouped as in the plan's task appendix, with each
/// group's subtotals and the grand totals as formulas. Returns the totals row (0-based).
fn progress_sheet(ws: &mut Worksheet, plan: &Plan, s: &Styles, as_of: NaiveDate) -> Result<u32> {
    ws.set_name("Tiến độ nhiệm vụ").map_err(xl)?;
    let last = PROGRESS_COLS.len() as u16 - 1;
    let header = titles(ws, plan, s, as_of, last)?;
    headers(ws, s, header, &PROGRESS_COLS)?;
    print_setup(ws, header)?;
    let width = |c: usize| PROGRESS_COLS[c].1;
    let (planned_col, spent_col) = (col_name(PLANNED), col_name(SPENT));
    let mut row = header + 1;
    let mut subtotal_rows = Vec::new();
    for (gi, g) in plan.groups.iter().enumerate() {
        let group_row = row;
        ws.write_string_with_format(row, 0, group_number(gi), &s.group_number)
            .map_err(xl)?;
        ws.merge_range(row, 1, row, 6, &g.title, &s.group)
            .map_err(xl)?;
        ws.write_blank(row, last, &s.group).map_err(xl)?;
        ws.set_row_height(row, row_height(&[(&g.title, (1..=6).map(width).sum())]))
            .map_err(xl)?;
        row += 1;
        for (ti, t) in g.tasks.iter().enumerate() {
            progress_row(ws, s, row, &task_number(gi, ti), t, plan, as_of)?;
            row += 1;
        }
        // The group's subtotals over its task rows (A1 rows are 1-based: group_row + 2 is
        // the first task), with their cached values.
        let planned = crate::budget::total(g.tasks.iter().map(|t| crate::budget::sum(&t.budget)));
        let spent = crate::budget::total(g.tasks.iter().filter_map(|t| t.progress.spent));
        for (col, name, value) in [(PLANNED, &planned_col, planned), (SPENT, &spent_col, spent)] {
            let text = if g.tasks.is_empty() {
                "=0".to_string()
            } else {
                format!("=SUM({name}{}:{name}{row})", group_row + 2)
            };
            ws.write_formula_with_format(group_row, col, formula(text, value), &s.money_bold)
                .map_err(xl)?;
        }
        subtotal_rows.push(group_row + 1);
    }
    // Budget not allocated to a task is planned too: the total matches the report's text.
    let unallocated = crate::budget::sum(&plan.budget.unallocated);
    if !plan.budget.unallocated.is_empty() {
        unallocated_row(ws, s, row, PLANNED, unallocated)?;
        ws.write_blank(row, SPENT, &s.money).map_err(xl)?;
        ws.write_blank(row, last, &s.text).map_err(xl)?;
        subtotal_rows.push(row + 1);
        row += 1;
    }
    ws.write_blank(row, 0, &s.group).map_err(xl)?;
    ws.merge_range(row, 1, row, 6, "TỔNG CỘNG", &s.header)
        .map_err(xl)?;
    let spent_total = crate::budget::total(plan.tasks().filter_map(|(_, t)| t.progress.spent));
    for (col, name, value) in [
        (PLANNED, &planned_col, crate::budget::grand_total(plan)),
        (SPENT, &spent_col, spent_total),
    ] {
        let text = if subtotal_rows.is_empty() {
            "=0".to_string()
        } else {
            let cells: Vec<String> = subtotal_rows.iter().map(|r| format!("{name}{r}")).collect();
            format!("=SUM({})", cells.join(","))
        };
        ws.write_formula_with_format(row, col, formula(text, value), &s.money_bold)
            .map_err(xl)?;
    }
    ws.write_blank(row, last, &s.group).map_err(xl)?;
    Ok(row)
}

/// One task's row: what was reported of it, planned and spent, the day of the report.
fn progress_row(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    number: &str,
    t: &crate::model::Task,
    plan: &Plan,
    as_of: NaiveDate,
) -> Result<()> {
    let last = PROGRESS_COLS.len() as u16 - 1;
    let width = |c: usize| PROGRESS_COLS[c].1;
    let lead = plan.agency_names(&t.lead);
    let note = crate::narrative::plain(&t.progress.note);
    let texts = [
        (number.to_string(), &s.centre),
        (t.title.clone(), &s.text),
        (lead.clone(), &s.text),
        (
            t.deadline.as_ref().map_or(String::new(), |d| d.cell()),
            &s.centre,
        ),
        (status_text(t, as_of), &s.centre),
        (note.clone(), &s.text),
        (t.progress.evidence.clone(), &s.text),
    ];
    for (c, (text, f)) in texts.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, text, f)
            .map_err(xl)?;
    }
    if t.budget.is_empty() {
        ws.write_blank(row, PLANNED, &s.money).map_err(xl)?;
    } else {
        let planned = crate::budget::sum(&t.budget);
        ws.write_number_with_format(row, PLANNED, f64_of(planned), &s.money)
            .map_err(xl)?;
    }
    match t.progress.spent {
        Some(spent) => ws
            .write_number_with_format(row, SPENT, f64_of(spent), &s.money)
            .map_err(xl)?,
        None => ws.write_blank(row, SPENT, &s.money).map_err(xl)?,
    };
    ws.write_string_with_format(
        row,
        last,
        t.progress.updated.map_or(String::new(), day_text),
        &s.centre,
    )
    .map_err(xl)?;
    ws.set_row_height(
        row,
        row_height(&[
            (&t.title, width(1)),
            (&lead, width(2)),
            (&status_text(t, as_of), width(4)),
            (&note, width(5)),
            (&t.progress.evidence, width(6)),
        ]),
    )
    .map_err(xl)?;
    Ok(())
}

const RESULT_COLS: [(&str, f64); 6] = [
    ("STT", 6.0),
    ("Chỉ tiêu", 56.0),
    ("Đơn vị", 12.0),
    ("Chỉ tiêu kế hoạch", 20.0),
    ("Thực hiện", 14.0),
    ("Đánh giá", 18.0),
];

/// Every indicator of the plan's specific goals with its target, the actual and the verdict.
fn results_sheet(ws: &mut Worksheet, plan: &Plan, s: &Styles, as_of: NaiveDate) -> Result<()> {
    ws.set_name("Kết quả chỉ tiêu").map_err(xl)?;
    let last = RESULT_COLS.len() as u16 - 1;
    let header = titles(ws, plan, s, as_of, last)?;
    headers(ws, s, header, &RESULT_COLS)?;
    print_setup(ws, header)?;
    let mut row = header + 1;
    for (gi, g) in plan.specific_goals.iter().enumerate() {
        ws.write_string_with_format(row, 0, group_number(gi), &s.group_number)
            .map_err(xl)?;
        ws.merge_range(row, 1, row, last, &g.title, &s.group)
            .map_err(xl)?;
        let width: f64 = RESULT_COLS[1..].iter().map(|c| c.1).sum();
        ws.set_row_height(row, row_height(&[(&g.title, width)]))
            .map_err(xl)?;
        row += 1;
        for (ii, ind) in g.indicators.iter().enumerate() {
            let target = capitalise_first(&ind.target_text());
            let texts = [
                (task_number(gi, ii), &s.centre, 0),
                (ind.name.clone(), &s.text, 1),
                (ind.unit.clone(), &s.centre, 2),
                (target.clone(), &s.centre, 3),
                (
                    capitalise_first(verdict(ind.reached(ind.actual))),
                    &s.centre,
                    5,
                ),
            ];
            for (text, f, c) in &texts {
                ws.write_string_with_format(row, *c, text, f).map_err(xl)?;
            }
            // A number, so it can be compared and summed; the unit is beside it.
            match ind.actual {
                Some(a) => ws
                    .write_number_with_format(row, 4, f64_of(a), &s.centre)
                    .map_err(xl)?,
                None => ws.write_blank(row, 4, &s.centre).map_err(xl)?,
            };
            ws.set_row_height(
                row,
                row_height(&[(&ind.name, RESULT_COLS[1].1), (&target, RESULT_COLS[3].1)]),
            )
            .map_err(xl)?;
            row += 1;
        }
    }
    Ok(())
}

/// Tasks counted by status, and the budget planned and spent (from the progress sheet's
/// totals row, `totals_row` 0-based).
fn summary_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    s: &Styles,
    as_of: NaiveDate,
    totals_row: u32,
) -> Result<()> {
    ws.set_name("Tổng hợp").map_err(xl)?;
    let header = titles(ws, plan, s, as_of, 1)?;
    headers(
        ws,
        s,
        header,
        &[("Trạng thái", 62.0), ("Số nhiệm vụ", 22.0)],
    )?;
    print_setup(ws, header)?;
    ws.set_portrait();
    let tasks: Vec<_> = plan.tasks().map(|(_, t)| t).collect();
    let first = header + 1;
    let mut row = first;
    for status in TaskStatus::ALL {
        let n = tasks.iter().filter(|t| t.status == status).count();
        ws.write_string_with_format(row, 0, status.label(), &s.text)
            .map_err(xl)?;
        ws.write_number_with_format(row, 1, n as f64, &s.centre)
            .map_err(xl)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "Tổng cộng", &s.header)
        .map_err(xl)?;
    ws.write_formula_with_format(
        row,
        1,
        Formula::new(format!("=SUM(B{}:B{row})", first + 1)).set_result(tasks.len().to_string()),
        &s.header,
    )
    .map_err(xl)?;
    row += 1;
    // Not a status of its own: overdue tasks are among the rows above.
    ws.write_string_with_format(row, 0, "Trong đó: quá hạn, chưa hoàn thành", &s.text)
        .map_err(xl)?;
    ws.write_number_with_format(
        row,
        1,
        tasks.iter().filter(|t| overdue(t, as_of)).count() as f64,
        &s.centre,
    )
    .map_err(xl)?;

    budget_rows(ws, plan, s, &tasks, row + 2, totals_row)
}

/// The summary's budget block from `row` down: planned and spent, each a reference to the
/// progress sheet's totals row.
fn budget_rows(
    ws: &mut Worksheet,
    plan: &Plan,
    s: &Styles,
    tasks: &[&Task],
    mut row: u32,
    totals_row: u32,
) -> Result<()> {
    ws.write_string_with_format(row, 0, "Kinh phí", &s.header)
        .map_err(xl)?;
    ws.write_string_with_format(row, 1, "Triệu đồng", &s.header)
        .map_err(xl)?;
    let spent: Vec<_> = tasks.iter().filter_map(|t| t.progress.spent).collect();
    let spent_label = format!(
        "Kinh phí đã chi (theo báo cáo của {} nhiệm vụ)",
        spent.len()
    );
    // The progress sheet's totals, referred to rather than summed again.
    let sheet = "'Tiến độ nhiệm vụ'";
    for (label, col, value) in [
        (
            "Kinh phí theo kế hoạch",
            PLANNED,
            crate::budget::grand_total(plan),
        ),
        (
            &spent_label,
            SPENT,
            crate::budget::total(spent.iter().copied()),
        ),
    ] {
        row += 1;
        ws.write_string_with_format(row, 0, label, &s.text)
            .map_err(xl)?;
        let cell = format!("={sheet}!{}{}", col_name(col), totals_row + 1);
        ws.write_formula_with_format(row, 1, formula(cell, value), &s.money)
            .map_err(xl)?;
    }
    Ok(())
}

/// The results report's tables as .xlsx bytes, as of `as_of`.
pub fn report(plan: &Plan, as_of: NaiveDate) -> Result<Vec<u8>> {
    let plan = &*crate::text::cleaned(plan)?;
    let s = Styles::new();
    let mut wb = crate::xlsx::workbook();
    let totals_row = progress_sheet(wb.add_worksheet(), plan, &s, as_of)?;
    results_sheet(wb.add_worksheet(), plan, &s, as_of)?;
    summary_sheet(wb.add_worksheet(), plan, &s, as_of, totals_row)?;
    wb.save_to_buffer().map_err(xl)
}

/// Builds the report workbook and writes it atomically.
pub fn export_report(plan: &Plan, as_of: NaiveDate, out: &Path) -> Result<()> {
    let bytes = report(plan, as_of)?;
    crate::fsutil::write_atomic(out, &bytes)
}
