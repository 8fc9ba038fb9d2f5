//! The proposal workbook sent to one agency: its tasks pre-filled, drop-down lists of the
//! plan's groups, agencies, sources and levels, and the guide sheet.

use std::path::Path;

use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, FormatAlign, Formula, Workbook};

use super::seal::Seal;
use super::{
    agency_named, col_index, levels_for, Col, COLUMNS, EMPTY_ROWS, GUIDE, LISTS, MARK, SHEET,
};
use crate::model::{Agency, BudgetLevel, BudgetSource, Id, Plan, Task};
use crate::xlsx::{col_name, headers, print_setup, row_height, title_rows, xl, Styles};
use crate::Result;

/// A proposal workbook for one agency.
pub fn template(plan: &Plan, agency: &str, seal: &Seal) -> Result<Vec<u8>> {
    let plan = &*crate::text::cleaned(plan)?;
    let agency = agency_named(plan, agency)?;
    let s = Styles::new();
    let mut wb = crate::xlsx::workbook();
    let levels = levels_for(plan);
    lists_sheet(&mut wb, plan, agency, &levels, seal)?;
    proposal_sheet(&mut wb, &s, plan, agency, &levels)?;
    guide_sheet(&mut wb, &s, plan, agency)?;
    wb.save_to_buffer().map_err(xl)
}

/// The hidden sheet of drop-down lists, marked with the agency the workbook is for.
fn lists_sheet(
    wb: &mut Workbook,
    plan: &Plan,
    agency: &Agency,
    levels: &[BudgetLevel],
    seal: &Seal,
) -> Result<()> {
    // Lists for the drop-downs, on a hidden sheet (Excel lists over 255 characters must be
    // cell ranges, and the agency list easily is).
    let lists = wb.add_worksheet();
    lists.set_name(LISTS).map_err(xl)?;
    let plain = Format::new().set_font_name(crate::xlsx::FONT);
    let list_cols: [(&str, Vec<String>); 4] = [
        (
            "Nhóm nhiệm vụ",
            plan.groups.iter().map(|g| g.title.clone()).collect(),
        ),
        (
            "Cơ quan",
            plan.directory.iter().map(|a| a.name.clone()).collect(),
        ),
        (
            "Nguồn kinh phí",
            BudgetSource::ALL
                .iter()
                .map(|x| x.label().to_string())
                .collect(),
        ),
        (
            "Cấp ngân sách",
            levels.iter().map(|x| x.label().to_string()).collect(),
        ),
    ];
    for (c, (title, items)) in list_cols.iter().enumerate() {
        lists
            .write_string_with_format(0, c as u16, *title, &plain)
            .map_err(xl)?;
        for (r, item) in items.iter().enumerate() {
            lists
                .write_string_with_format(r as u32 + 1, c as u16, item, &plain)
                .map_err(xl)?;
        }
    }
    mark_sheet(lists, plan, MARK, agency, seal)?;
    Ok(())
}

/// The mark on the hidden sheet of a workbook sent to one agency: the kind of workbook, the
/// agency's id, the plan year and the seal (see `seal`); the sheet hidden.
pub(crate) fn mark_sheet(
    lists: &mut rust_xlsxwriter::Worksheet,
    plan: &Plan,
    mark: &str,
    agency: &Agency,
    seal: &Seal,
) -> Result<()> {
    lists.write_string(0, 6, mark).map_err(xl)?;
    lists.write_string(1, 6, &agency.id).map_err(xl)?;
    lists
        .write_number(2, 6, plan.identity.year as f64)
        .map_err(xl)?;
    lists
        .write_string(3, 6, seal.of(plan, mark, &agency.id))
        .map_err(xl)?;
    lists.set_hidden(true);
    Ok(())
}

/// The sheet the agency fills: its tasks pre-filled, empty rows, drop-downs and checks.
fn proposal_sheet(
    wb: &mut Workbook,
    s: &Styles,
    plan: &Plan,
    agency: &Agency,
    levels: &[BudgetLevel],
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xl)?;
    let title = format!("ĐỀ XUẤT NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {}", plan.identity.year);
    let who = format!("Cơ quan đề xuất: {}", agency.name);
    let last = COLUMNS.len() as u16 - 1;
    let header = title_rows(ws, s, last, &[(&title, false), (&who, true)])?;
    let cols: Vec<(&str, f64)> = COLUMNS.iter().map(|(_, t, w)| (*t, *w)).collect();
    headers(ws, s, header, &cols)?;
    print_setup(ws, header)?;

    let mut row = header + 1;
    for g in &plan.groups {
        for t in g.tasks.iter().filter(|t| t.lead.contains(&agency.id)) {
            task_row(ws, s, plan, row, &g.title, t)?;
            row += 1;
        }
    }
    for r in row..row + EMPTY_ROWS {
        for c in 0..=last {
            ws.write_blank(r, c, &s.text).map_err(xl)?;
        }
    }
    let last_row = row + EMPTY_ROWS - 1;
    let range = |col: usize, n: usize| {
        Formula::new(format!(
            "='{LISTS}'!${0}$2:${0}${1}",
            col_name(col as u16),
            n + 1
        ))
    };
    let list = |col: usize, n: usize, what: &str| -> Result<DataValidation> {
        DataValidation::new()
            .allow_list_formula(range(col, n))
            .set_error_title("Giá trị không có trong danh sách")
            .and_then(|v| v.set_error_message(format!("Hãy chọn {what} trong danh sách.")))
            .map_err(xl)
    };
    let lists = [
        (Col::Group, plan.groups.len(), "nhóm nhiệm vụ"),
        (Col::Lead, plan.directory.len(), "cơ quan"),
        (Col::Source, BudgetSource::ALL.len(), "nguồn kinh phí"),
        (Col::Level, levels.len(), "cấp ngân sách"),
    ];
    for (i, (col, n, what)) in lists.into_iter().enumerate() {
        let c = col_index(col);
        ws.add_data_validation(header + 1, c, last_row, c, &list(i, n, what)?)
            .map_err(xl)?;
    }
    let amount = amount_rule()?;
    ws.add_data_validation(
        header + 1,
        col_index(Col::Amount),
        last_row,
        col_index(Col::Amount),
        &amount,
    )
    .map_err(xl)?;
    ws.set_active(true);

    Ok(())
}

/// The check Excel makes of an amount cell as it is typed (the reading checks again).
pub(super) fn amount_rule() -> Result<DataValidation> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_title("Kinh phí không hợp lệ")
        .and_then(|v| v.set_error_message("Nhập số tiền (triệu đồng), ví dụ 1500,5."))
        .map_err(xl)
}

/// One task the agency leads, as a row of the sheet.
fn task_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    s: &Styles,
    plan: &Plan,
    row: u32,
    group: &str,
    t: &Task,
) -> Result<()> {
    let names = |ids: &[Id]| {
        ids.iter()
            .filter_map(|a| plan.agency(a))
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let line = t.budget.first();
    let values = [
        t.id.clone(),
        group.to_string(),
        t.title.clone(),
        names(&t.lead),
        names(&t.coordinating),
        t.deadline.as_ref().map_or(String::new(), |d| d.cell()),
        t.output.clone(),
    ];
    for (c, v) in values.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, v, &s.text)
            .map_err(xl)?;
    }
    let amount = crate::budget::sum(&t.budget);
    if t.budget.is_empty() {
        ws.write_blank(row, col_index(Col::Amount), &s.money)
            .map_err(xl)?;
    } else {
        ws.write_number_with_format(
            row,
            col_index(Col::Amount),
            crate::xlsx::f64_of(amount),
            &s.money,
        )
        .map_err(xl)?;
    }
    let src = line.and_then(|l| l.source).map_or("", |s| s.label());
    let lvl = line.and_then(|l| l.level).map_or("", |l| l.label());
    ws.write_string_with_format(row, col_index(Col::Source), src, &s.text)
        .map_err(xl)?;
    ws.write_string_with_format(row, col_index(Col::Level), lvl, &s.text)
        .map_err(xl)?;
    ws.write_string_with_format(row, col_index(Col::Note), "", &s.text)
        .map_err(xl)?;
    ws.set_row_height(
        row,
        row_height(&[
            (&t.title, 44.0),
            (&values[3], 24.0),
            (&values[4], 28.0),
            (&t.output, 22.0),
        ]),
    )
    .map_err(xl)?;
    Ok(())
}

/// The instructions sheet.
fn guide_sheet(wb: &mut Workbook, s: &Styles, plan: &Plan, agency: &Agency) -> Result<()> {
    let guide = wb.add_worksheet();
    guide.set_name(GUIDE).map_err(xl)?;
    guide.set_column_width(0, 110).map_err(xl)?;
    let wrap = Format::new()
        .set_font_name(crate::xlsx::FONT)
        .set_font_size(12)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let lines = [
        format!("HƯỚNG DẪN ĐIỀN ĐỀ XUẤT NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {}", plan.identity.year),
        format!("Trang «{SHEET}» đã có sẵn các nhiệm vụ {} đang chủ trì; sửa trực tiếp nếu cần thay đổi.", agency.name),
        "Thêm nhiệm vụ mới ở các dòng trống bên dưới; để trống cột «Mã». Không sửa cột «Mã» của các dòng có sẵn.".to_string(),
        "Nhóm nhiệm vụ, cơ quan chủ trì, nguồn kinh phí và cấp ngân sách: chọn trong danh sách thả xuống.".to_string(),
        "Cơ quan phối hợp: ghi tên đầy đủ hoặc tên viết tắt trong danh bạ, các cơ quan cách nhau bởi dấu chấm phẩy (;).".to_string(),
        // The examples in the plan's own year (a 2023 workbook once showed 2027's).
        format!(
            "Thời gian thực hiện: ví dụ «Quý III/{0}», «Tháng 6/{0}», «Năm {0}», «{0} - {1}», «30/6/{0}», «Thường xuyên», «Trước ngày 30 tháng 11 hằng năm».",
            plan.identity.year,
            plan.identity.year + 1
        ),
        "Kinh phí: số tiền triệu đồng, chỉ ghi số (ví dụ 1.500,5).".to_string(),
        "Không đổi tên trang, không thêm hoặc xóa cột. Gửi lại tệp này cho cơ quan tổng hợp kế hoạch.".to_string(),
    ];
    for (i, l) in lines.iter().enumerate() {
        let f = if i == 0 {
            s.title
                .clone()
                .set_border(rust_xlsxwriter::FormatBorder::None)
        } else {
            wrap.clone()
        };
        guide
            .write_string_with_format(i as u32, 0, l, &f)
            .map_err(xl)?;
        guide
            .set_row_height(i as u32, row_height(&[(l, 110.0)]) + 4.0)
            .map_err(xl)?;
    }
    Ok(())
}

pub fn write_template(plan: &Plan, agency: &str, out: &Path, seal: &Seal) -> Result<()> {
    let bytes = template(plan, agency, seal)?;
    crate::fsutil::write_atomic(out, &bytes)
}
