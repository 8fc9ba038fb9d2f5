//! The progress round ("báo cáo tiến độ"): one workbook per agency listing the tasks it leads
//! and the indicators it owns, with what was last reported, for the agency to bring up to
//! date; read back into the same review as proposals. An agency owns the indicators its tasks
//! serve; indicators no task serves belong to the drafting department.

use std::collections::HashSet;
use std::path::Path;

use calamine::{Data, Xlsx};
use chrono::NaiveDate;
use rust_xlsxwriter::{DataValidation, Format, Formula, Worksheet};

use super::reading::{amount, cell_text, choice, record, Change, Outcome, Problem, Review};
use super::sheet::{Sheet, CODE};
use super::workbook::{amount_rule, mark_sheet};
use super::{agency_named, LISTS};
use crate::model::{Agency, Id, Indicator, Plan, Task, TaskStatus};

use crate::xlsx::{f64_of, headers, print_setup, row_height, title_rows, xl, Styles};
use crate::Result;

pub const MARK: &str = "dxplan-tien-do";
pub const TASKS: &str = "Tiến độ nhiệm vụ";
pub const INDICATORS: &str = "Kết quả chỉ tiêu";
const GUIDE: &str = "Hướng dẫn";

const TASK_COLUMNS: [(&str, f64); 9] = [
    (CODE, 12.0),
    ("STT", 6.0),
    ("Tên nhiệm vụ", 44.0),
    ("Thời gian thực hiện", 15.0),
    ("Trạng thái", 18.0),
    ("Kết quả thực hiện (hoặc lý do chưa thực hiện)", 40.0),
    ("Sản phẩm, minh chứng", 26.0),
    ("Kinh phí đã chi (triệu đồng)", 14.0),
    ("Ngày báo cáo (dd/mm/yyyy)", 14.0),
];
const T_STATUS: usize = 4;
const T_NOTE: usize = 5;
const T_EVIDENCE: usize = 6;
const T_SPENT: usize = 7;
const T_DAY: usize = 8;

const INDICATOR_COLUMNS: [(&str, f64); 6] = [
    (CODE, 12.0),
    ("Chỉ tiêu", 50.0),
    ("Đơn vị", 10.0),
    ("Chỉ tiêu kế hoạch", 22.0),
    ("Kết quả thực hiện", 14.0),
    ("Ngày đo (dd/mm/yyyy)", 14.0),
];
const I_ACTUAL: usize = 4;
const I_DAY: usize = 5;

/// The tasks an agency leads, with their plan numbers.
fn tasks_of<'p>(plan: &'p Plan, agency: &Id) -> Vec<(String, &'p Task)> {
    crate::numbering::numbered_tasks(plan)
        .map(|(number, _, t)| (number, t))
        .filter(|(_, t)| t.lead.contains(agency))
        .collect()
}

/// The indicators an agency reports on (see the module comment).
pub fn indicators_of<'p>(plan: &'p Plan, agency: &Id) -> Vec<&'p Indicator> {
    let served: HashSet<&Id> = plan.tasks().flat_map(|(_, t)| &t.indicators).collect();
    let own: HashSet<&Id> = plan
        .tasks()
        .filter(|(_, t)| t.lead.contains(agency))
        .flat_map(|(_, t)| &t.indicators)
        .collect();
    let drafts = plan.identity.drafting_agency.as_ref() == Some(agency);
    plan.indicators()
        .map(|(_, i)| i)
        .filter(|i| own.contains(&i.id) || drafts && !served.contains(&i.id))
        .collect()
}

/// How many tasks and indicators the agency's workbook lists.
pub fn counts(plan: &Plan, agency: &Id) -> (usize, usize) {
    (
        tasks_of(plan, agency).len(),
        indicators_of(plan, agency).len(),
    )
}

/// The progress workbook for one agency.
pub fn template(plan: &Plan, agency: &str, seal: &super::seal::Seal) -> Result<Vec<u8>> {
    let plan = &*crate::text::cleaned(plan)?;
    let agency = agency_named(plan, agency)?;
    let s = Styles::new();
    let mut wb = crate::xlsx::workbook();
    let lists = wb.add_worksheet();
    lists.set_name(LISTS).map_err(xl)?;
    for (r, st) in TaskStatus::ALL.iter().enumerate() {
        lists.write_string(r as u32, 0, st.label()).map_err(xl)?;
    }
    mark_sheet(lists, plan, MARK, agency, seal)?;
    task_sheet(wb.add_worksheet(), &s, plan, agency)?;
    indicator_sheet(wb.add_worksheet(), &s, plan, agency)?;
    guide_sheet(wb.add_worksheet(), plan, agency)?;
    wb.save_to_buffer().map_err(xl)
}

fn date_cell(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    col: usize,
    d: Option<NaiveDate>,
) -> Result<()> {
    let text = d
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    ws.write_string_with_format(row, col as u16, text, &s.centre)
        .map_err(xl)?;
    Ok(())
}

/// A sheet's name, its title and the reporting agency over its column headers; returns the
/// header row.
fn head(
    ws: &mut Worksheet,
    s: &Styles,
    name: &str,
    title: &str,
    agency: &Agency,
    columns: &[(&str, f64)],
) -> Result<u32> {
    ws.set_name(name).map_err(xl)?;
    let who = format!("Cơ quan báo cáo: {}", agency.name);
    let header = title_rows(
        ws,
        s,
        columns.len() as u16 - 1,
        &[(title, false), (&who, true)],
    )?;
    headers(ws, s, header, columns)?;
    print_setup(ws, header)?;
    Ok(header)
}

fn task_sheet(ws: &mut Worksheet, s: &Styles, plan: &Plan, agency: &Agency) -> Result<()> {
    let title = format!(
        "BÁO CÁO TIẾN ĐỘ NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {}",
        plan.identity.year
    );
    let header = head(ws, s, TASKS, &title, agency, &TASK_COLUMNS)?;
    let tasks = tasks_of(plan, &agency.id);
    for (i, (number, t)) in tasks.iter().enumerate() {
        let row = header + 1 + i as u32;
        let texts = [
            (0, t.id.as_str()),
            (1, number.as_str()),
            (2, t.title.as_str()),
            (T_STATUS, t.status.label()),
            (T_NOTE, t.progress.note.as_str()),
            (T_EVIDENCE, t.progress.evidence.as_str()),
        ];
        for (c, v) in texts {
            ws.write_string_with_format(row, c as u16, v, &s.text)
                .map_err(xl)?;
        }
        let deadline = t.deadline.as_ref().map_or(String::new(), |d| d.cell());
        ws.write_string_with_format(row, 3, deadline, &s.centre)
            .map_err(xl)?;
        match t.progress.spent {
            Some(v) => ws.write_number_with_format(row, T_SPENT as u16, f64_of(v), &s.money),
            None => ws.write_blank(row, T_SPENT as u16, &s.money),
        }
        .map_err(xl)?;
        date_cell(ws, s, row, T_DAY, t.progress.updated)?;
        ws.set_row_height(
            row,
            row_height(&[(&t.title, 44.0), (&t.progress.note, 40.0)]),
        )
        .map_err(xl)?;
    }
    if !tasks.is_empty() {
        let (first, last_row) = (header + 1, header + tasks.len() as u32);
        let statuses = DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "='{LISTS}'!$A$1:$A${}",
                TaskStatus::ALL.len()
            )))
            .set_error_title("Trạng thái không hợp lệ")
            .and_then(|v| v.set_error_message("Hãy chọn trạng thái trong danh sách."))
            .map_err(xl)?;
        ws.add_data_validation(first, T_STATUS as u16, last_row, T_STATUS as u16, &statuses)
            .map_err(xl)?;
        ws.add_data_validation(
            first,
            T_SPENT as u16,
            last_row,
            T_SPENT as u16,
            &amount_rule()?,
        )
        .map_err(xl)?;
    }
    ws.set_active(true);
    Ok(())
}

fn indicator_sheet(ws: &mut Worksheet, s: &Styles, plan: &Plan, agency: &Agency) -> Result<()> {
    let title = format!(
        "KẾT QUẢ THỰC HIỆN CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM {}",
        plan.identity.year
    );
    let header = head(ws, s, INDICATORS, &title, agency, &INDICATOR_COLUMNS)?;
    for (i, ind) in indicators_of(plan, &agency.id).iter().enumerate() {
        let row = header + 1 + i as u32;
        let target = ind.target_text();
        for (c, v) in [
            (0, ind.id.as_str()),
            (1, ind.name.as_str()),
            (2, ind.unit.as_str()),
            (3, target.as_str()),
        ] {
            ws.write_string_with_format(row, c, v, &s.text)
                .map_err(xl)?;
        }
        match ind.actual {
            Some(v) => ws.write_number_with_format(row, I_ACTUAL as u16, f64_of(v), &s.money),
            None => ws.write_blank(row, I_ACTUAL as u16, &s.money),
        }
        .map_err(xl)?;
        date_cell(ws, s, row, I_DAY, ind.measured)?;
        ws.set_row_height(row, row_height(&[(&ind.name, 50.0)]))
            .map_err(xl)?;
    }
    Ok(())
}

fn guide_sheet(ws: &mut Worksheet, plan: &Plan, agency: &Agency) -> Result<()> {
    ws.set_name(GUIDE).map_err(xl)?;
    ws.set_column_width(0, 110).map_err(xl)?;
    let wrap = Format::new()
        .set_font_name(crate::xlsx::FONT)
        .set_font_size(12)
        .set_text_wrap();
    let lines = [
        format!("HƯỚNG DẪN BÁO CÁO TIẾN ĐỘ KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM {}", plan.identity.year),
        format!("Trang «{TASKS}» liệt kê các nhiệm vụ {} chủ trì, với nội dung đã báo cáo lần trước.", agency.name),
        "Trạng thái: chọn trong danh sách (Chưa triển khai, Đang triển khai, Hoàn thành, Chậm tiến độ, Không thực hiện).".to_string(),
        "Kết quả thực hiện: ghi việc đã làm; nếu chậm hoặc không thực hiện, ghi rõ lý do.".to_string(),
        "Sản phẩm, minh chứng: văn bản, hệ thống, số liệu (ví dụ «Quyết định số 12/QĐ-UBND ngày 05/3»).".to_string(),
        "Kinh phí đã chi: số tiền triệu đồng, chỉ ghi số. Ngày: dd/mm/yyyy.".to_string(),
        format!("Trang «{INDICATORS}»: ghi kết quả đạt được của từng chỉ tiêu và ngày đo (số liệu tính đến ngày nào)."),
        "Không sửa cột «Mã», không đổi tên trang, không thêm hoặc xóa cột. Gửi lại tệp này cho cơ quan tổng hợp.".to_string(),
    ];
    for (i, l) in lines.iter().enumerate() {
        ws.write_string_with_format(i as u32, 0, l, &wrap)
            .map_err(xl)?;
        ws.set_row_height(i as u32, row_height(&[(l, 110.0)]) + 4.0)
            .map_err(xl)?;
    }
    Ok(())
}

// ------------------------------------------------------------------------ reading ----

/// A day in a cell: a date cell, or text "dd/mm/yyyy".
fn day(cell: Option<Data>) -> std::result::Result<Option<NaiveDate>, String> {
    let read = read_day(cell)?;
    match read {
        Some(d) if crate::tracking::not_yet(d) => Err(format!(
            "ngày {} chưa đến: báo cáo ghi ngày đã có kết quả",
            crate::format::date_short(d)
        )),
        _ => Ok(read),
    }
}

fn read_day(cell: Option<Data>) -> std::result::Result<Option<NaiveDate>, String> {
    match cell {
        None | Some(Data::Empty) => Ok(None),
        // Excel's day serial counts from 30/12/1899 (calamine's chrono feature is off).
        Some(Data::DateTime(d)) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_days(chrono::Days::new(d.as_f64().max(0.0) as u64)))
            .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
            .map(Some)
            .ok_or_else(|| "ngày không hợp lệ".to_string()),
        Some(other) => {
            let t = cell_text(&other);
            if t.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(&t, "%d/%m/%Y")
                .ok()
                .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
                .map(Some)
                .ok_or_else(|| format!("«{t}» không phải là ngày dd/mm/yyyy"))
        }
    }
}

/// Every filled row of sheet `name`, read by `read_row`: its problems located by sheet, row
/// and column, then its change or its "unchanged" recorded.
fn each_row(
    out: &mut Review,
    file: &Path,
    wb: &mut Xlsx<std::io::Cursor<Vec<u8>>>,
    (name, titles): (&str, &[(&str, f64)]),
    mut read_row: impl FnMut(&Sheet, u32, &[Data], &mut Vec<(usize, String)>) -> Option<Outcome>,
) {
    let problem = |sheet: Option<&str>, row, column, message| Problem {
        file: file.to_path_buf(),
        sheet: sheet.map(str::to_string),
        row,
        column,
        message,
    };
    let sheet = match Sheet::read(wb, name, titles, "tệp báo cáo tiến độ") {
        Ok(s) => s,
        Err(m) => return out.problems.push(problem(None, None, None, m)),
    };
    for (row, r) in sheet.body() {
        let mut bad: Vec<(usize, String)> = Vec::new();
        let outcome = read_row(&sheet, row, r, &mut bad);
        for (c, m) in bad {
            let place = sheet.place(c, titles);
            out.problems
                .push(problem(Some(&sheet.name), Some(row), place, m));
        }
        if let Some(outcome) = outcome {
            record(out, file, row, outcome);
        }
    }
}

/// Reads a filled progress workbook (already opened and recognised by its mark) into
/// `out`: each row that differs from the plan becomes a change, every bad cell a problem.
pub(super) fn read(
    plan: &Plan,
    file: &Path,
    wb: &mut Xlsx<std::io::Cursor<Vec<u8>>>,
    owner: Option<&Id>,
    seen: &mut HashSet<String>,
    out: &mut Review,
) {
    each_row(
        out,
        file,
        wb,
        (TASKS, &TASK_COLUMNS),
        |sheet, row, r, bad| {
            let (old, new) = task_row(plan, sheet, r, owner, seen, bad)?;
            let fields = super::diff::task(plan, old, &new);
            Some(if fields.is_empty() {
                Outcome::Same(old.title.clone())
            } else {
                Outcome::Changed(Box::new(Change::Update {
                    file: file.to_path_buf(),
                    row,
                    task: new,
                    fields,
                }))
            })
        },
    );
    each_row(
        out,
        file,
        wb,
        (INDICATORS, &INDICATOR_COLUMNS),
        |sheet, row, r, bad| {
            let (old, new) = indicator_row(plan, sheet, r, owner, seen, bad)?;
            let fields = super::diff::indicator(old, &new);
            Some(if fields.is_empty() {
                Outcome::Same(old.name.clone())
            } else {
                Outcome::Changed(Box::new(Change::Indicator {
                    file: file.to_path_buf(),
                    row,
                    indicator: new,
                    fields,
                }))
            })
        },
    );
}

/// The code cell of a row; `None` (with the problem in `bad`) when it is empty. Whether the
/// plan has it, and whether it came before, is checked by the row's reader.
fn code(sheet: &Sheet, r: &[Data], bad: &mut Vec<(usize, String)>) -> Option<String> {
    let code = sheet.text(r, 0);
    if code.is_empty() {
        bad.push((
            0,
            "thiếu mã; báo cáo tiến độ chỉ cập nhật các dòng có sẵn (không thêm dòng mới)".into(),
        ));
        return None;
    }
    Some(code)
}

/// A code given twice among the rows that may report it: counted only once the row's
/// agency may (a stray row of one agency never makes another's report "twice").
fn first_time(code: &str, seen: &mut HashSet<String>, bad: &mut Vec<(usize, String)>) -> bool {
    if seen.insert(code.to_string()) {
        return true;
    }
    bad.push((0, format!("mã «{code}» xuất hiện hai lần")));
    false
}

/// A task row: the plan's task and the same task with the reported progress.
fn task_row<'p>(
    plan: &'p Plan,
    sheet: &Sheet,
    r: &[Data],
    owner: Option<&Id>,
    seen: &mut HashSet<String>,
    bad: &mut Vec<(usize, String)>,
) -> Option<(&'p Task, Task)> {
    let code = code(sheet, r, bad)?;
    let Some(old) = plan.task(&code) else {
        bad.push((0, format!("mã «{code}» không có trong kế hoạch")));
        return None;
    };
    if owner.is_some_and(|o| !old.lead.contains(o)) {
        bad.push((
            0,
            format!(
                "nhiệm vụ «{}» không do cơ quan của tệp này chủ trì",
                old.title
            ),
        ));
        return None;
    }
    if !first_time(&code, seen, bad) {
        return None;
    }
    let before = bad.len();
    let status_t = sheet.text(r, T_STATUS);
    let status = if status_t.is_empty() {
        Some(old.status)
    } else {
        choice(TaskStatus::ALL, TaskStatus::label, &status_t)
    };
    if status.is_none() {
        bad.push((
            T_STATUS,
            format!("trạng thái «{status_t}» không có trong danh sách"),
        ));
    }
    let spent = amount(sheet.cell(r, T_SPENT).as_ref()).unwrap_or_else(|m| {
        bad.push((T_SPENT, m));
        None
    });
    let updated = day(sheet.cell(r, T_DAY)).unwrap_or_else(|m| {
        bad.push((T_DAY, m));
        None
    });
    if bad.len() > before {
        return None;
    }
    let mut new = old.clone();
    new.status = status.unwrap_or(old.status);
    new.progress.note = sheet.text(r, T_NOTE);
    new.progress.evidence = sheet.text(r, T_EVIDENCE);
    new.progress.spent = spent;
    new.progress.updated = updated;
    Some((old, new))
}

fn indicator_row<'p>(
    plan: &'p Plan,
    sheet: &Sheet,
    r: &[Data],
    owner: Option<&Id>,
    seen: &mut HashSet<String>,
    bad: &mut Vec<(usize, String)>,
) -> Option<(&'p Indicator, Indicator)> {
    let code = code(sheet, r, bad)?;
    let Some(old) = plan.indicators().map(|(_, i)| i).find(|i| i.id == code) else {
        bad.push((0, format!("mã «{code}» không có trong kế hoạch")));
        return None;
    };
    if owner.is_some_and(|o| !indicators_of(plan, o).iter().any(|i| i.id == code)) {
        bad.push((
            0,
            format!("chỉ tiêu «{}» không thuộc cơ quan của tệp này", old.name),
        ));
        return None;
    }
    if !first_time(&code, seen, bad) {
        return None;
    }
    let actual = match sheet.cell(r, I_ACTUAL) {
        None | Some(Data::Empty) => Ok(None),
        Some(Data::Float(f)) => rust_decimal::Decimal::try_from(f)
            .map(|d| Some(d.round_dp(3)))
            .map_err(|_| format!("«{f}» không phải là số")),
        Some(other) => {
            let t = cell_text(&other).trim_end_matches('%').trim().to_string();
            if t.is_empty() {
                Ok(None)
            } else {
                crate::format::parse_money(&t)
                    .map(Some)
                    .ok_or_else(|| format!("«{t}» không phải là số"))
            }
        }
    };
    let actual = actual.unwrap_or_else(|m| {
        bad.push((I_ACTUAL, m));
        None
    });
    let measured = day(sheet.cell(r, I_DAY)).unwrap_or_else(|m| {
        bad.push((I_DAY, m));
        None
    });
    if measured.is_some() && actual.is_none() {
        bad.push((I_ACTUAL, "có ngày đo nhưng chưa ghi kết quả".into()));
    }
    if !bad.is_empty() {
        return None;
    }
    let mut new = old.clone();
    new.actual = actual;
    new.measured = measured;
    Some((old, new))
}
