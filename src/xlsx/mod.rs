//! The plan's appendices as a print-ready workbook (rust_xlsxwriter): tasks, indicators,
//! budget, assignments. Times New Roman with explicit widths and estimated row heights
//! (rust_xlsxwriter's autofit assumes Calibri and LibreOffice does not grow wrapped rows);
//! every formula carries its cached value; user text is always written as text. The results
//! report's tables are in `report`, built with the same helpers.

use std::path::Path;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use crate::format::capitalise_first;
use crate::model::{BudgetLevel, BudgetSource, Plan};
use crate::numbering::{group_number, task_number};
use crate::{Error, Result};

mod report;
pub use report::{export_report, report};

pub(crate) const FONT: &str = "Times New Roman";
/// Points per wrapped line of 12 pt text.
const LINE_PT: f64 = 15.75;

/// The writer's error in the planner's words; its own (English) text goes to the log.
pub(crate) fn xl(e: XlsxError) -> Error {
    log::warn!("rust_xlsxwriter: {e}");
    let why = match e {
        XlsxError::MaxStringLengthExceeded => {
            "một ô có hơn 32.767 ký tự, giới hạn của Excel; hãy rút gọn văn bản dài đó (tên, mô tả hoặc ghi chú)"
        }
        XlsxError::RowColumnLimitError => "bảng vượt quá số dòng hoặc số cột Excel cho phép",
        XlsxError::SheetnameLengthExceeded(_)
        | XlsxError::SheetnameContainsInvalidCharacter(_)
        | XlsxError::SheetnameStartsOrEndsWithApostrophe(_)
        | XlsxError::SheetnameCannotBeBlank(_)
        | XlsxError::SheetnameReused(_) => "tên trang tính không hợp lệ (quá 31 ký tự, trùng hoặc có ký tự Excel không cho phép)",
        XlsxError::MaxUrlLengthExceeded => "một đường liên kết dài quá giới hạn của Excel",
        XlsxError::IoError(_) | XlsxError::TempFileError(..) => "lỗi đọc ghi dữ liệu tạm",
        _ => "lỗi khi dựng bảng tính (chi tiết đã ghi vào nhật ký)",
    };
    Error::Invalid(format!("không tạo được tệp Excel: {why}"))
}

/// The formats a sheet uses, all Times New Roman 12 pt.
pub(crate) struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub text: Format,
    pub centre: Format,
    pub group: Format,
    pub group_number: Format,
    pub money: Format,
    pub money_bold: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(12)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        let cell = base.clone().set_border(FormatBorder::Thin);
        let money_fmt = "#,##0.0";
        Styles {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subtitle: base
                .clone()
                .set_italic()
                .set_font_size(13)
                .set_align(FormatAlign::Center),
            header: cell.clone().set_bold().set_align(FormatAlign::Center),
            text: cell.clone(),
            centre: cell.clone().set_align(FormatAlign::Center),
            group: cell.clone().set_bold(),
            group_number: cell.clone().set_bold().set_align(FormatAlign::Center),
            money: cell
                .clone()
                .set_num_format(money_fmt)
                .set_align(FormatAlign::Right),
            money_bold: cell
                .clone()
                .set_bold()
                .set_num_format(money_fmt)
                .set_align(FormatAlign::Right),
        }
    }
}

/// Column letter of a 0-based column: 0 → "A".
pub(crate) fn col_name(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

pub(crate) fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Height that fits the wrapped texts of a row, given their column widths in characters.
pub(crate) fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 1.1).max(1.0);
            text.split('\n')
                .map(|l| ((l.chars().count() as f64) / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    lines * LINE_PT + 2.0
}

/// Title rows merged across `last_col`: "PHỤ LỤC …", its subject, the "(Kèm theo …)" line.
pub(crate) fn title_rows(
    ws: &mut Worksheet,
    s: &Styles,
    last_col: u16,
    lines: &[(&str, bool)],
) -> Result<u32> {
    for (row, (text, italic)) in lines.iter().enumerate() {
        let row = row as u32;
        ws.merge_range(
            row,
            0,
            row,
            last_col,
            text,
            if *italic { &s.subtitle } else { &s.title },
        )
        .map_err(xl)?;
        ws.set_row_height(row, 21).map_err(xl)?;
    }
    Ok(lines.len() as u32 + 1)
}

/// Landscape A4, one page wide, header rows repeated, header frozen.
pub(crate) fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<()> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(header_row, header_row).map_err(xl)?;
    ws.set_freeze_panes(header_row + 1, 0).map_err(xl)?;
    Ok(())
}

/// The row of budget not allocated to a task, its label across the columns before
/// `amount_col`: planned too, so that a table's total matches the plan's.
pub(crate) fn unallocated_row(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    amount_col: u16,
    amount: Decimal,
) -> Result<()> {
    ws.write_blank(row, 0, &s.text).map_err(xl)?;
    ws.merge_range(
        row,
        1,
        row,
        amount_col - 1,
        "Kinh phí dự kiến chưa phân bổ cho nhiệm vụ cụ thể",
        &s.text,
    )
    .map_err(xl)?;
    ws.write_number_with_format(row, amount_col, f64_of(amount), &s.money)
        .map_err(xl)?;
    Ok(())
}

pub(crate) fn headers(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    columns: &[(&str, f64)],
) -> Result<()> {
    for (c, (title, width)) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, *width).map_err(xl)?;
        ws.write_string_with_format(row, c as u16, *title, &s.header)
            .map_err(xl)?;
    }
    let cells: Vec<(&str, f64)> = columns.iter().map(|(t, w)| (*t, *w)).collect();
    ws.set_row_height(row, row_height(&cells)).map_err(xl)?;
    Ok(())
}

/// "(Kèm theo Kế hoạch số 189/KH-UBND ngày 09/12/2022 của Ủy ban nhân dân tỉnh Quảng Ngãi)"
fn attached_to(plan: &Plan) -> String {
    let id = &plan.identity;
    let number = id.number.as_deref().unwrap_or("      ");
    let date = id
        .issue_date
        .map_or(format!("   /   /{}", id.year), crate::format::date_short);
    format!(
        "(Kèm theo Kế hoạch số {number}/{} ngày {date} của {})",
        id.symbol, id.issuer
    )
}

const TASK_COLS: [(&str, f64); 9] = [
    ("TT", 6.0),
    ("Tên nhiệm vụ", 46.0),
    ("Cơ quan chủ trì", 22.0),
    ("Cơ quan phối hợp", 28.0),
    ("Thời gian thực hiện", 14.0),
    ("Sản phẩm", 24.0),
    ("Kinh phí (triệu đồng)", 14.0),
    ("Nguồn", 16.0),
    ("Cấp ngân sách", 13.0),
];

fn tasks_sheet(ws: &mut Worksheet, plan: &Plan, s: &Styles) -> Result<()> {
    ws.set_name("Nhiệm vụ").map_err(xl)?;
    let attached = attached_to(plan);
    let header = title_rows(
        ws,
        s,
        8,
        &[
            ("PHỤ LỤC", false),
            ("DANH MỤC NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", false),
            (&attached, true),
        ],
    )?;
    headers(ws, s, header, &TASK_COLS)?;
    print_setup(ws, header)?;
    let totals = crate::budget::totals(plan);
    let mut row = header + 1;
    let mut subtotal_cells = Vec::new();
    for (gi, g) in plan.groups.iter().enumerate() {
        let group_row = row;
        ws.write_string_with_format(row, 0, group_number(gi), &s.group_number)
            .map_err(xl)?;
        ws.merge_range(row, 1, row, 5, &g.title, &s.group)
            .map_err(xl)?;
        ws.write_blank(row, 7, &s.group).map_err(xl)?;
        ws.write_blank(row, 8, &s.group).map_err(xl)?;
        ws.set_row_height(
            row,
            row_height(&[(&g.title, 46.0 + 22.0 + 28.0 + 14.0 + 24.0)]),
        )
        .map_err(xl)?;
        row += 1;
        for (ti, t) in g.tasks.iter().enumerate() {
            task_row(ws, s, row, &task_number(gi, ti), t, plan)?;
            row += 1;
        }
        // Subtotal formula over the group's task rows, with its cached value.
        let subtotal = totals.by_group.get(gi).map_or(Decimal::ZERO, |a| a.amount);
        let formula = if g.tasks.is_empty() {
            "=0".to_string()
        } else {
            format!("=SUM(G{}:G{})", group_row + 2, row)
        };
        ws.write_formula_with_format(
            group_row,
            6,
            Formula::new(formula).set_result(f64_of(subtotal).to_string()),
            &s.money_bold,
        )
        .map_err(xl)?;
        subtotal_cells.push(format!("G{}", group_row + 1));
    }
    if !plan.budget.unallocated.is_empty() {
        unallocated_row(ws, s, row, 6, totals.unallocated)?;
        ws.write_string_with_format(
            row,
            7,
            crate::budget::sources_text(&plan.budget.unallocated),
            &s.text,
        )
        .map_err(xl)?;
        ws.write_string_with_format(
            row,
            8,
            crate::budget::levels_text(&plan.budget.unallocated),
            &s.text,
        )
        .map_err(xl)?;
        subtotal_cells.push(format!("G{}", row + 1));
        row += 1;
    }
    total_row(ws, s, row, &subtotal_cells, totals.total)
}

/// One task's row: number, title, agencies, deadline, output, amount, sources and levels.
fn task_row(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    number: &str,
    t: &crate::model::Task,
    plan: &Plan,
) -> Result<()> {
    let names = |ids: &[String]| plan.agency_names(ids);
    let lead = names(&t.lead);
    let coord = names(&t.coordinating);
    let deadline = t.deadline.as_ref().map_or(String::new(), |d| d.cell());
    let texts = [
        (number.to_string(), &s.centre),
        (t.title.clone(), &s.text),
        (lead.clone(), &s.text),
        (coord.clone(), &s.text),
        (deadline, &s.centre),
        (t.output.clone(), &s.text),
    ];
    for (c, (text, f)) in texts.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, text, f)
            .map_err(xl)?;
    }
    let amount = crate::budget::sum(&t.budget);
    if t.budget.is_empty() {
        ws.write_blank(row, 6, &s.money).map_err(xl)?;
    } else {
        ws.write_number_with_format(row, 6, f64_of(amount), &s.money)
            .map_err(xl)?;
    }
    ws.write_string_with_format(row, 7, crate::budget::sources_text(&t.budget), &s.text)
        .map_err(xl)?;
    ws.write_string_with_format(
        row,
        8,
        if t.budget.is_empty() {
            String::new()
        } else {
            crate::budget::levels_text(&t.budget)
        },
        &s.text,
    )
    .map_err(xl)?;
    ws.set_row_height(
        row,
        row_height(&[
            (&t.title, 46.0),
            (&lead, 22.0),
            (&coord, 28.0),
            (&t.output, 24.0),
        ]),
    )
    .map_err(xl)?;
    Ok(())
}

/// "TỔNG CỘNG": the sum of the groups' subtotals (and the unallocated row), with its value.
fn total_row(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    subtotal_cells: &[String],
    total: Decimal,
) -> Result<()> {
    ws.write_blank(row, 0, &s.group).map_err(xl)?;
    ws.merge_range(row, 1, row, 5, "TỔNG CỘNG", &s.header)
        .map_err(xl)?;
    let total_formula = if subtotal_cells.is_empty() {
        "=0".to_string()
    } else {
        format!("=SUM({})", subtotal_cells.join(","))
    };
    ws.write_formula_with_format(
        row,
        6,
        Formula::new(total_formula).set_result(f64_of(total).to_string()),
        &s.money_bold,
    )
    .map_err(xl)?;
    ws.write_blank(row, 7, &s.group).map_err(xl)?;
    ws.write_blank(row, 8, &s.group).map_err(xl)?;
    Ok(())
}

const INDICATOR_COLS: [(&str, f64); 9] = [
    ("TT", 6.0),
    ("Chỉ tiêu", 50.0),
    ("Trụ cột", 18.0),
    ("Mục tiêu", 18.0),
    ("Đơn vị", 10.0),
    ("Mẫu số", 22.0),
    ("Giá trị năm trước", 13.0),
    ("Thời hạn", 13.0),
    ("Ghi chú", 16.0),
];

fn indicators_sheet(ws: &mut Worksheet, plan: &Plan, s: &Styles) -> Result<()> {
    ws.set_name("Chỉ tiêu").map_err(xl)?;
    let title = format!("CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM {}", plan.identity.year);
    let attached = attached_to(plan);
    let header = title_rows(
        ws,
        s,
        8,
        &[("PHỤ LỤC", false), (&title, false), (&attached, true)],
    )?;
    headers(ws, s, header, &INDICATOR_COLS)?;
    print_setup(ws, header)?;
    let mut row = header + 1;
    for (gi, g) in plan.specific_goals.iter().enumerate() {
        ws.write_string_with_format(row, 0, group_number(gi), &s.group_number)
            .map_err(xl)?;
        ws.merge_range(row, 1, row, 8, &g.title, &s.group)
            .map_err(xl)?;
        ws.set_row_height(row, row_height(&[(&g.title, 150.0)]))
            .map_err(xl)?;
        row += 1;
        for (ii, ind) in g.indicators.iter().enumerate() {
            let target = capitalise_first(&ind.target_text());
            let cells = [
                (task_number(gi, ii), &s.centre),
                (ind.name.clone(), &s.text),
                (g.pillar.label().to_string(), &s.text),
                (target, &s.centre),
                (ind.unit.clone(), &s.centre),
                (ind.denominator.clone().unwrap_or_default(), &s.text),
            ];
            for (c, (text, f)) in cells.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, text, f)
                    .map_err(xl)?;
            }
            match ind.baseline {
                Some(b) => ws
                    .write_number_with_format(row, 6, f64_of(b), &s.money)
                    .map_err(xl)?,
                None => ws.write_blank(row, 6, &s.money).map_err(xl)?,
            };
            ws.write_string_with_format(
                row,
                7,
                ind.target_date.as_ref().map_or(String::new(), |d| d.cell()),
                &s.centre,
            )
            .map_err(xl)?;
            ws.write_blank(row, 8, &s.text).map_err(xl)?;
            ws.set_row_height(
                row,
                row_height(&[
                    (&ind.name, 50.0),
                    (ind.denominator.as_deref().unwrap_or(""), 22.0),
                ]),
            )
            .map_err(xl)?;
            row += 1;
        }
    }
    Ok(())
}

fn budget_sheet(ws: &mut Worksheet, plan: &Plan, s: &Styles) -> Result<()> {
    ws.set_name("Kinh phí").map_err(xl)?;
    let totals = crate::budget::totals(plan);
    let (levels, names) = budget_levels(plan);
    let total_col = levels.len() as u16 + 1;
    let mut cols: Vec<(&str, f64)> = vec![("Nguồn kinh phí", 30.0)];
    cols.extend(names.iter().map(|n| (n.as_str(), 16.0)));
    cols.push(("Tổng cộng", 16.0));
    let header = title_rows(
        ws,
        s,
        total_col,
        &[
            ("TỔNG HỢP KINH PHÍ THỰC HIỆN KẾ HOẠCH", false),
            ("(Đơn vị: triệu đồng)", true),
        ],
    )?;
    headers(ws, s, header, &cols)?;
    print_setup(ws, header)?;
    let first = header + 1;
    let row = source_rows(ws, s, first, &levels, &totals)?;
    ws.write_string_with_format(row, 0, "Tổng cộng", &s.header)
        .map_err(xl)?;
    for c in 1..=total_col {
        let col = col_name(c);
        let value = if c == total_col {
            totals.total
        } else {
            totals
                .by_level
                .iter()
                .find(|x| x.key == levels[c as usize - 1])
                .map_or(Decimal::ZERO, |x| x.amount)
        };
        ws.write_formula_with_format(
            row,
            c,
            Formula::new(format!("=SUM({col}{}:{col}{})", first + 1, row))
                .set_result(f64_of(value).to_string()),
            &s.money_bold,
        )
        .map_err(xl)?;
    }
    by_group(ws, s, row + 2, plan, &totals)
}

/// A row per source: its amount at each level, and their sum; returns the next row.
fn source_rows(
    ws: &mut Worksheet,
    s: &Styles,
    first: u32,
    levels: &[Option<BudgetLevel>],
    totals: &crate::budget::Totals,
) -> Result<u32> {
    let sources: [Option<BudgetSource>; 5] = [
        Some(BudgetSource::DauTuPhatTrien),
        Some(BudgetSource::ThuongXuyen),
        Some(BudgetSource::XaHoiHoa),
        Some(BudgetSource::Khac),
        None,
    ];
    let mut row = first;
    let total_col = levels.len() as u16 + 1;
    for src in sources {
        ws.write_string_with_format(
            row,
            0,
            src.map_or("Chưa xác định nguồn", |x| x.label()),
            &s.text,
        )
        .map_err(xl)?;
        let mut sum = Decimal::ZERO;
        for (c, lvl) in levels.iter().enumerate() {
            let v = totals
                .by_source_level
                .iter()
                .find(|x| x.source == src && x.level == *lvl)
                .map_or(Decimal::ZERO, |x| x.amount);
            sum = crate::budget::add(sum, v);
            ws.write_number_with_format(row, c as u16 + 1, f64_of(v), &s.money)
                .map_err(xl)?;
        }
        ws.write_formula_with_format(
            row,
            total_col,
            Formula::new(format!(
                "=SUM(B{0}:{1}{0})",
                row + 1,
                col_name(total_col - 1)
            ))
            .set_result(f64_of(sum).to_string()),
            &s.money_bold,
        )
        .map_err(xl)?;
        row += 1;
    }
    Ok(row)
}

/// The budget sheet's level columns: the levels of the plan's year (no district column from
/// 2026), any level a line still uses (so the columns always add up to the total), and
/// lines without a level; with their column titles.
fn budget_levels(plan: &Plan) -> (Vec<Option<BudgetLevel>>, Vec<String>) {
    let mut levels: Vec<Option<BudgetLevel>> = BudgetLevel::ALL
        .into_iter()
        .filter(|l| {
            BudgetLevel::of_year(plan.identity.year).contains(l)
                || crate::budget::all_lines(plan).any(|x| x.level == Some(*l))
        })
        .map(Some)
        .collect();
    levels.push(None);
    let names: Vec<String> = levels
        .iter()
        .map(|l| match l {
            Some(l) => crate::format::capitalise_first(l.label().trim_start_matches("Ngân sách ")),
            None => "Chưa xác định cấp".to_string(),
        })
        .collect();
    (levels, names)
}

/// The amount of each task group, and the amount not given to a task, under the table.
fn by_group(
    ws: &mut Worksheet,
    s: &Styles,
    mut row: u32,
    plan: &Plan,
    totals: &crate::budget::Totals,
) -> Result<()> {
    ws.write_string_with_format(row, 0, "Nhóm nhiệm vụ", &s.header)
        .map_err(xl)?;
    ws.write_string_with_format(row, 1, "Kinh phí", &s.header)
        .map_err(xl)?;
    row += 1;
    for (gi, g) in plan.groups.iter().enumerate() {
        ws.write_string_with_format(row, 0, format!("{}. {}", gi + 1, g.title), &s.text)
            .map_err(xl)?;
        ws.write_number_with_format(row, 1, f64_of(totals.by_group[gi].amount), &s.money)
            .map_err(xl)?;
        row += 1;
    }
    if !totals.unallocated.is_zero() {
        ws.write_string_with_format(row, 0, "Chưa phân bổ cho nhiệm vụ", &s.text)
            .map_err(xl)?;
        ws.write_number_with_format(row, 1, f64_of(totals.unallocated), &s.money)
            .map_err(xl)?;
    }
    Ok(())
}

fn assignments_sheet(ws: &mut Worksheet, plan: &Plan, s: &Styles) -> Result<()> {
    ws.set_name("Phân công").map_err(xl)?;
    let header = title_rows(ws, s, 4, &[("PHÂN CÔNG THỰC HIỆN THEO CƠ QUAN", false)])?;
    headers(
        ws,
        s,
        header,
        &[
            ("TT", 6.0),
            ("Cơ quan", 50.0),
            ("Số nhiệm vụ chủ trì", 16.0),
            ("Số nhiệm vụ phối hợp", 16.0),
            ("Kinh phí chủ trì (triệu đồng)", 18.0),
        ],
    )?;
    print_setup(ws, header)?;
    for (i, a) in crate::stats::assignments(plan).iter().enumerate() {
        let row = header + 1 + i as u32;
        ws.write_string_with_format(row, 0, (i + 1).to_string(), &s.centre)
            .map_err(xl)?;
        ws.write_string_with_format(row, 1, &a.name, &s.text)
            .map_err(xl)?;
        ws.write_number_with_format(row, 2, a.led as f64, &s.centre)
            .map_err(xl)?;
        ws.write_number_with_format(row, 3, a.coordinated as f64, &s.centre)
            .map_err(xl)?;
        ws.write_number_with_format(row, 4, f64_of(a.budget_led), &s.money)
            .map_err(xl)?;
    }
    Ok(())
}

/// A new workbook as every workbook of the app is written: zipped at deflate level 1, which
/// takes 40% off a 5,000-task workbook's time (deflate at the default level was a quarter of
/// it), for a larger file: 451 KB instead of 252 KB at 5,000 tasks, 26 KB instead of 19 KB
/// for the sample.
pub(crate) fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(1);
    wb
}

/// The plan's appendix workbook as .xlsx bytes.
pub fn build(plan: &Plan) -> Result<Vec<u8>> {
    let plan = &*crate::text::cleaned(plan)?;
    let s = Styles::new();
    let mut wb = workbook();
    tasks_sheet(wb.add_worksheet(), plan, &s)?;
    indicators_sheet(wb.add_worksheet(), plan, &s)?;
    budget_sheet(wb.add_worksheet(), plan, &s)?;
    assignments_sheet(wb.add_worksheet(), plan, &s)?;
    wb.save_to_buffer().map_err(xl)
}

/// Builds and writes atomically.
pub fn export(plan: &Plan, out: &Path) -> Result<()> {
    let bytes = build(plan)?;
    crate::fsutil::write_atomic(out, &bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_names() {
        assert_eq!(super::col_name(0), "A");
        assert_eq!(super::col_name(8), "I");
        assert_eq!(super::col_name(26), "AA");
    }

    #[test]
    fn wrapped_rows_grow() {
        assert!(
            super::row_height(&[("ngắn", 20.0)]) < super::row_height(&[(&"dài ".repeat(40), 20.0)])
        );
    }
}
