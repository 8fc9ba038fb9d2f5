//! The yearly round of asking each department for its proposed tasks and budget: a workbook
//! generated for one agency (pre-filled with the tasks it leads, drop-down lists, Vietnamese
//! instructions) and the reading of filled workbooks back (calamine), with every problem
//! located by file, sheet, row and column, and nothing applied unless the rows are valid.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use ts_rs::TS;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, FormatAlign, Formula, Workbook};
use serde::{Deserialize, Serialize};

pub mod batch;
pub mod comments;
pub mod diff;
pub mod progress;
pub mod seal;
mod sheet;

use crate::model::{
    Agency, BudgetLevel, BudgetLine, BudgetSource, Deadline, Id, Indicator, Plan, Task,
};
use crate::text::fold;
use crate::xlsx::{col_name, headers, print_setup, row_height, title_rows, xl, Styles};
use crate::{Error, Result};
use seal::Seal;

pub const SHEET: &str = "Đề xuất";
pub const LISTS: &str = "Danh mục";
const GUIDE: &str = "Hướng dẫn";
/// Marks a workbook as ours; the cell also holds the agency id the workbook was made for.
const MARK: &str = "dxplan-de-xuat";
/// Rows offered with drop-down lists below the pre-filled ones.
const EMPTY_ROWS: u32 = 150;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Code,
    Group,
    Title,
    Lead,
    Coordinating,
    Deadline,
    Output,
    Amount,
    Source,
    Level,
    Note,
}

const COLUMNS: [(Col, &str, f64); 11] = [
    (Col::Code, "Mã (không sửa)", 12.0),
    (Col::Group, "Nhóm nhiệm vụ", 24.0),
    (Col::Title, "Tên nhiệm vụ", 44.0),
    (Col::Lead, "Cơ quan chủ trì", 24.0),
    (Col::Coordinating, "Cơ quan phối hợp", 28.0),
    (Col::Deadline, "Thời gian thực hiện", 15.0),
    (Col::Output, "Sản phẩm", 22.0),
    (Col::Amount, "Kinh phí (triệu đồng)", 14.0),
    (Col::Source, "Nguồn kinh phí", 18.0),
    (Col::Level, "Cấp ngân sách", 14.0),
    (Col::Note, "Ghi chú", 20.0),
];

/// Position and title of a column in the template (every `Col` is in `COLUMNS`).
fn column(c: Col) -> (u16, &'static str) {
    let i = COLUMNS
        .iter()
        .position(|(x, _, _)| *x == c)
        .expect("every column is in COLUMNS");
    (i as u16, COLUMNS[i].1)
}

fn col_index(c: Col) -> u16 {
    column(c).0
}

/// The levels a plan of this year may use (no district level after 1/7/2025).
fn levels_for(plan: &Plan) -> Vec<BudgetLevel> {
    BudgetLevel::of_year(plan.identity.year)
}

/// Finds an agency by id, full name or short name, ignoring case and diacritics.
pub fn find_agency<'a>(plan: &'a Plan, text: &str) -> Option<&'a crate::model::Agency> {
    let key = fold(text);
    plan.directory.iter().find(|a| {
        a.id == text.trim()
            || fold(&a.name) == key
            || a.short.as_deref().is_some_and(|s| fold(s) == key)
    })
}

/// `find_agency`, or the sentence that says the plan has no such agency.
pub fn agency_named<'p>(plan: &'p Plan, text: &str) -> Result<&'p Agency> {
    find_agency(plan, text).ok_or_else(|| {
        Error::Invalid(format!(
            "Không có cơ quan «{text}» trong danh bạ của kế hoạch."
        ))
    })
}

// -------------------------------------------------------------------- template ----

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
fn amount_rule() -> Result<DataValidation> {
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

// ---------------------------------------------------------------------- import ----

/// Where a problem is, as Excel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    pub file: PathBuf,
    pub sheet: Option<String>,
    /// 1-based, as Excel numbers rows.
    pub row: Option<u32>,
    /// "H (Kinh phí (triệu đồng))"
    pub column: Option<String>,
    pub message: String,
}

impl Problem {
    /// A problem with a whole file (it cannot be opened, or is refused).
    fn of_file(file: &Path, message: String) -> Problem {
        Problem {
            file: file.to_path_buf(),
            sheet: None,
            row: None,
            column: None,
            message,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tệp {}", crate::fsutil::file_name_shown(&self.file))?;
        if let Some(s) = &self.sheet {
            write!(f, ", trang «{s}»")?;
        }
        if let Some(r) = self.row {
            write!(f, ", dòng {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", cột {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Add {
        file: PathBuf,
        row: u32,
        group: Id,
        task: Task,
        /// The new task's budget lines added up, as the documents write it ("1.250,5 triệu đồng").
        amount: String,
    },
    Update {
        file: PathBuf,
        row: u32,
        task: Task,
        fields: Vec<diff::Difference>,
    },
    /// A progress report's value for an indicator (actual, day measured).
    Indicator {
        file: PathBuf,
        row: u32,
        indicator: Indicator,
        fields: Vec<diff::Difference>,
    },
}

impl Change {
    /// The row the change was read from: how the review names it, and how the planner's
    /// rejection names it back (a progress workbook has task and indicator rows with the
    /// same numbers, on two sheets).
    pub fn row_ref(&self) -> RowRef {
        let (file, row, indicator) = match self {
            Change::Add { file, row, .. } | Change::Update { file, row, .. } => (file, row, false),
            Change::Indicator { file, row, .. } => (file, row, true),
        };
        RowRef {
            file: file.clone(),
            row: *row,
            indicator,
        }
    }
}

/// A workbook read: the agency its seal says it was sent to, or none for a table without the
/// app's mark (read as the drafter's own, with no limit to one agency's tasks).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileRead {
    pub file: PathBuf,
    pub agency: Option<String>,
    /// "đề xuất" or "báo cáo tiến độ".
    pub kind: String,
}

/// A row of a returned workbook: its file, its Excel row, and whether it is on the
/// indicator sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowRef {
    pub file: PathBuf,
    pub row: u32,
    pub indicator: bool,
}

/// A row that asks for nothing the plan does not already have.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Unchanged {
    pub file: PathBuf,
    pub row: u32,
    pub title: String,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct Review {
    /// Whose each workbook is taken to be (refused files are among the problems).
    pub files: Vec<FileRead>,
    pub changes: Vec<Change>,
    pub unchanged: usize,
    pub same: Vec<Unchanged>,
    pub problems: Vec<Problem>,
}

impl Review {
    /// The review without the changes the planner rejected (by file and row).
    pub fn without(mut self, rejected: &[RowRef]) -> Review {
        self.changes.retain(|c| !rejected.contains(&c.row_ref()));
        self
    }

    /// The history's line for the applied review: the rows and the workbooks they came
    /// from (those whose rows were all rejected or unchanged are not counted), the one
    /// workbook by name.
    pub fn summary(&self) -> String {
        let files: std::collections::BTreeSet<PathBuf> =
            self.changes.iter().map(|c| c.row_ref().file).collect();
        let from = match files.iter().next() {
            Some(one) if files.len() == 1 => {
                format!("tệp «{}»", crate::fsutil::file_name_shown(one))
            }
            _ => format!("{} tệp Excel", files.len()),
        };
        format!("Cập nhật {} dòng từ {from}", self.changes.len())
    }

    /// The plan with the valid changes applied: in one pass with the ids checked once at the
    /// end (applied as single edits, each checking the whole plan, 20,000 rows took 25 s).
    /// New tasks go last in their group, so the places of existing tasks hold.
    pub fn apply_to(&self, plan: &mut Plan) -> Result<()> {
        let mut at = std::collections::HashMap::new();
        for (gi, g) in plan.groups.iter().enumerate() {
            for (ti, t) in g.tasks.iter().enumerate() {
                at.insert(t.id.clone(), (gi, ti));
            }
        }
        let missing = |what, id: &str| Error::ItemNotFound {
            what,
            id: id.to_string(),
        };
        for c in &self.changes {
            match c {
                Change::Add { group, task, .. } => {
                    let gi = plan
                        .groups
                        .iter()
                        .position(|g| g.id == *group)
                        .ok_or_else(|| missing("nhóm nhiệm vụ", group))?;
                    plan.groups[gi].tasks.push(task.clone());
                }
                Change::Update { task, .. } => {
                    let &(gi, ti) = at
                        .get(&task.id)
                        .ok_or_else(|| missing("nhiệm vụ", &task.id))?;
                    plan.groups[gi].tasks[ti] = task.clone();
                }
                Change::Indicator { indicator, .. } => {
                    let slot = plan
                        .specific_goals
                        .iter_mut()
                        .flat_map(|g| g.indicators.iter_mut())
                        .find(|i| i.id == indicator.id)
                        .ok_or_else(|| missing("chỉ tiêu", &indicator.id))?;
                    *slot = indicator.clone();
                }
            }
        }
        crate::planfile::check_ids(plan).map_err(Error::Invalid)
    }
}

/// Checks the file is a real .xlsx of reasonable size before handing it to calamine.
fn open_checked(path: &Path) -> std::result::Result<Xlsx<std::io::Cursor<Vec<u8>>>, String> {
    let bytes = crate::fsutil::read_office(path, crate::fsutil::Office::Excel)?;
    Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        log::warn!("calamine: {e}");
        "bảng tính bị hỏng hoặc không đúng định dạng .xlsx".to_string()
    })
}

/// A row under the table that is not a task: offices add a total and a signature block
/// under the rows they fill. A total ("Tổng cộng", "Cộng") is passed over; a signature
/// block ("Người lập biểu", "Thủ trưởng đơn vị", "…, ngày … tháng … năm …") ends the table,
/// so the names signed under it are not read as tasks either.
#[derive(Debug, PartialEq, Eq)]
enum Trailer {
    Total,
    Signature,
}

fn trailer(r: &[Data]) -> Option<Trailer> {
    let first = r.iter().map(cell_text).find(|t| !t.is_empty())?;
    let f = fold(&first);
    let f = f.trim_end_matches([':', ' ', '.']);
    const TOTALS: [&str; 5] = ["tong cong", "tong", "cong", "tong so", "cong chung"];
    const SIGNED: [&str; 7] = [
        "nguoi lap",
        "thu truong",
        "xac nhan cua",
        "giam doc",
        "(ky",
        "ky ten",
        "ky, ghi ro",
    ];
    if TOTALS.contains(&f) {
        return Some(Trailer::Total);
    }
    // "Quảng Ngãi, ngày 05 tháng 12 năm 2026": a day and a month in figures or dots.
    let words: Vec<&str> = f.split_whitespace().collect();
    let dated = words.windows(4).any(|w| {
        let day = |x: &str| {
            x.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '…')
        };
        w[0] == "ngay" && day(w[1]) && w[2] == "thang" && day(w[3])
    });
    (SIGNED.iter().any(|w| f.starts_with(w)) || dated).then_some(Trailer::Signature)
}

/// The rows of a sheet's table after its header: up to a signature block, without totals,
/// with their indexes in `rows`.
fn table_rows<R: AsRef<[Data]>>(
    rows: &[R],
    header: usize,
) -> impl Iterator<Item = (usize, &[Data])> {
    rows.iter()
        .map(AsRef::as_ref)
        .enumerate()
        .skip(header + 1)
        // Each row's kind read once (its first cell folded), for both tests.
        .map(|(i, r)| (i, r, trailer(r)))
        .take_while(|(_, _, t)| *t != Some(Trailer::Signature))
        .filter(|(_, r, t)| t.is_none() && r.iter().any(|c| !cell_text(c).is_empty()))
        .map(|(i, r, _)| (i, r))
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => crate::text::nfc(s.trim()),
        Data::Float(f) => {
            if f.fract() == 0.0 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The mark `template` or `progress::template` left on the hidden sheet, and the agency the
/// workbook was made for (when it is still in the plan's directory).
fn mark_of(plan: &Plan, wb: &mut Xlsx<std::io::Cursor<Vec<u8>>>) -> Mark {
    let Ok(r) = wb.worksheet_range(LISTS) else {
        return Mark::default();
    };
    Mark {
        kind: r.get_value((0, 6)).map(cell_text),
        owner: r
            .get_value((1, 6))
            .map(cell_text)
            .filter(|id| plan.agency(id).is_some()),
        seal: r.get_value((3, 6)).map(cell_text),
    }
}

/// What the hidden sheet says of a workbook.
#[derive(Default)]
struct Mark {
    kind: Option<String>,
    owner: Option<Id>,
    seal: Option<String>,
}

/// Reads filled proposal and progress workbooks against a plan: what would be added or
/// changed, and every problem found. Nothing is applied here.
pub fn review(plan: &Plan, files: &[PathBuf], seal: &Seal) -> Review {
    let mut out = Review::default();
    let mut seen_codes: HashSet<String> = HashSet::new();
    let mut seen_progress: HashSet<String> = HashSet::new();
    // Looked up once, not per row: 20,000 rows took 25 s.
    let tasks_by_id: HashMap<&str, &Task> = plan.tasks().map(|(_, t)| (t.id.as_str(), t)).collect();
    for file in files {
        let mut wb = match open_checked(file) {
            Ok(wb) => wb,
            Err(message) => {
                out.problems.push(Problem::of_file(file, message));
                continue;
            }
        };
        let Mark {
            kind: mark,
            owner,
            seal: sealed,
        } = mark_of(plan, &mut wb);
        // A workbook the app sent to one agency is read as that agency's only if its seal
        // says so: an agency id changed in the hidden sheet is refused, naming the agency
        // the file was sent to.
        let ours = mark
            .as_deref()
            .filter(|m| *m == MARK || *m == progress::MARK);
        let claimed = ours.and(owner.as_deref()).and_then(|id| plan.agency(id));
        if let Some(m) = ours {
            if let Err(message) = seal.check(plan, m, claimed, sealed.as_deref()) {
                out.problems.push(Problem::of_file(file, message));
                continue;
            }
        }
        let is_progress = mark.as_deref() == Some(progress::MARK);
        out.files.push(FileRead {
            file: file.clone(),
            agency: claimed.map(|a| a.name.clone()),
            kind: if is_progress {
                "báo cáo tiến độ"
            } else {
                "đề xuất"
            }
            .into(),
        });
        if is_progress {
            progress::read(
                plan,
                file,
                &mut wb,
                owner.as_ref(),
                &mut seen_progress,
                &mut out,
            );
        } else {
            let owner = owner.filter(|_| mark.as_deref() == Some(MARK));
            let seen = (&tasks_by_id, &mut seen_codes);
            read_proposals(plan, file, wb, owner, seen, &mut out);
        }
    }
    out
}

/// What one filled row of a department's workbook asks for.
enum Outcome {
    Changed(Box<Change>),
    /// Nothing the plan does not have: the row's task or indicator name.
    Same(String),
}

/// A row read: its change, or one more row that changes nothing (proposals and progress
/// reports alike).
fn record(out: &mut Review, file: &Path, row: u32, outcome: Outcome) {
    match outcome {
        Outcome::Changed(c) => out.changes.push(*c),
        Outcome::Same(title) => {
            out.unchanged += 1;
            out.same.push(Unchanged {
                file: file.to_path_buf(),
                row,
                title,
            });
        }
    }
}

/// The rows of a proposals workbook: each a new task or a change of one, or problems
/// located by row and column. `seen` is the plan's tasks by id and the codes read so far.
fn read_proposals(
    plan: &Plan,
    file: &Path,
    wb: Xlsx<std::io::Cursor<Vec<u8>>>,
    owner: Option<Id>,
    (tasks_by_id, seen_codes): (&HashMap<&str, &Task>, &mut HashSet<String>),
    out: &mut Review,
) {
    let sheet = match Sheet::open(file, wb, owner) {
        Ok(s) => s,
        Err(p) => return out.problems.push(p),
    };
    let rows: Vec<&[Data]> = sheet.range.rows().collect();
    let columns = match Columns::find(&rows, sheet.range.start().unwrap_or((0, 0))) {
        Ok(c) => c,
        Err((row, message)) => return out.problems.push(sheet.problem(row, None, message)),
    };
    for (i, r) in table_rows(&rows, columns.header) {
        let row_no = columns.excel_row(i);
        let mut bad: Vec<(Col, String)> = Vec::new();
        let values = columns.read(plan, r, &mut bad);
        let existing = values.code_check(
            plan,
            tasks_by_id,
            sheet.owner.as_ref(),
            seen_codes,
            &mut bad,
        );
        // As on the shared server: an agency's file adds only tasks that agency leads.
        if let (None, Some(owner)) = (existing, sheet.owner.as_ref()) {
            if !values.task.lead.contains(owner) {
                let name = plan
                    .agency(owner)
                    .map_or(owner.as_str(), |a| a.name.as_str());
                bad.push((
                    Col::Lead,
                    format!("nhiệm vụ mới trong tệp của {name} phải do {name} chủ trì; nhiệm vụ của cơ quan khác do cơ quan đó đề xuất"),
                ));
            }
        }
        if !bad.is_empty() {
            for (c, m) in bad {
                out.problems
                    .push(sheet.problem(Some(row_no), columns.place(c), m));
            }
            continue;
        }
        let title = existing.map(|t| t.title.clone()).unwrap_or_default();
        let outcome = match values.into_change(plan, file, row_no, existing) {
            Some(change) => Outcome::Changed(Box::new(change)),
            None => Outcome::Same(title),
        };
        record(out, file, row_no, outcome);
    }
}

/// The proposal sheet of one workbook, and the agency it was made for.
struct Sheet<'f> {
    file: &'f Path,
    name: String,
    range: calamine::Range<Data>,
    /// Written by `template` on the hidden sheet: the agency may only change its own tasks.
    owner: Option<Id>,
}

impl<'f> Sheet<'f> {
    fn open(
        file: &'f Path,
        mut wb: Xlsx<std::io::Cursor<Vec<u8>>>,
        owner: Option<Id>,
    ) -> std::result::Result<Sheet<'f>, Problem> {
        let problem = |sheet: Option<&str>, message: String| Problem {
            file: file.to_path_buf(),
            sheet: sheet.map(str::to_string),
            row: None,
            column: None,
            message,
        };
        let names = wb.sheet_names();
        let Some(name) = names.iter().find(|n| fold(n) == fold(SHEET)).cloned() else {
            return Err(problem(
                None,
                format!(
                    "không có trang «{SHEET}» (các trang có: {}); hãy dùng đúng tệp mẫu đề xuất",
                    names.join(", ")
                ),
            ));
        };
        let range = wb.worksheet_range(&name).map_err(|e| {
            log::warn!("calamine {name}: {e}");
            problem(
                Some(&name),
                "không đọc được trang (dữ liệu hỏng)".to_string(),
            )
        })?;
        Ok(Sheet {
            file,
            name,
            range,
            owner,
        })
    }

    fn problem(&self, row: Option<u32>, column: Option<String>, message: String) -> Problem {
        Problem {
            file: self.file.to_path_buf(),
            sheet: Some(self.name.clone()),
            row,
            column,
            message,
        }
    }
}

/// Where each column of the sheet is: found by its title, in any order.
struct Columns {
    header: usize,
    map: Vec<(Col, usize)>,
    start: (u32, u32),
}

impl Columns {
    /// `Err` is the Excel row (if known) and what is wrong with the header.
    fn find(
        rows: &[&[Data]],
        start: (u32, u32),
    ) -> std::result::Result<Columns, (Option<u32>, String)> {
        let header = rows
            .iter()
            .take(15)
            .position(|r| {
                r.iter()
                    .any(|c| fold(&cell_text(c)) == fold("Tên nhiệm vụ"))
            })
            .ok_or((
                None,
                "không tìm thấy dòng tiêu đề có cột «Tên nhiệm vụ»".to_string(),
            ))?;
        let mut map: Vec<(Col, usize)> = Vec::new();
        for (ci, c) in rows[header].iter().enumerate() {
            let t = fold(&cell_text(c));
            if let Some((col, _, _)) = COLUMNS.iter().find(|(_, title, _)| {
                fold(title) == t || (fold(title).starts_with(&t) && !t.is_empty() && t.len() > 4)
            }) {
                map.push((*col, ci));
            }
        }
        let columns = Columns { header, map, start };
        let missing: Vec<&str> = [Col::Group, Col::Title, Col::Lead]
            .iter()
            .filter(|c| !columns.map.iter().any(|(m, _)| m == *c))
            .map(|c| column(*c).1)
            .collect();
        if missing.is_empty() {
            Ok(columns)
        } else {
            let row = columns.excel_row(header);
            Err((Some(row), format!("thiếu cột: {}", missing.join(", "))))
        }
    }

    fn excel_row(&self, i: usize) -> u32 {
        self.start.0 + i as u32 + 1
    }

    /// "E (Cơ quan chủ trì)": the column as the planner finds it in Excel.
    fn place(&self, c: Col) -> Option<String> {
        self.map.iter().find(|(m, _)| *m == c).map(|(_, idx)| {
            format!(
                "{} ({})",
                col_name(self.start.1 as u16 + *idx as u16),
                column(c).1
            )
        })
    }

    fn cell<'r>(&self, r: &'r [Data], c: Col) -> Option<&'r Data> {
        self.map
            .iter()
            .find(|(m, _)| *m == c)
            .and_then(|(_, idx)| r.get(*idx))
    }

    fn text(&self, r: &[Data], c: Col) -> String {
        self.cell(r, c).map(cell_text).unwrap_or_default()
    }

    /// One row read and checked against the plan; what is wrong goes to `bad`.
    fn read(&self, plan: &Plan, r: &[Data], bad: &mut Vec<(Col, String)>) -> Proposed {
        let title = self.text(r, Col::Title);
        if title.is_empty() {
            bad.push((Col::Title, "thiếu tên nhiệm vụ".into()));
        }
        let group_text = self.text(r, Col::Group);
        let group = plan
            .groups
            .iter()
            .find(|g| fold(&g.title) == fold(&group_text))
            .map(|g| g.id.clone());
        if group.is_none() {
            bad.push((
                Col::Group,
                if group_text.is_empty() {
                    "thiếu nhóm nhiệm vụ".into()
                } else {
                    format!("nhóm «{group_text}» không có trong kế hoạch")
                },
            ));
        }
        let lead_text = self.text(r, Col::Lead);
        if lead_text.is_empty() {
            bad.push((Col::Lead, "thiếu cơ quan chủ trì".into()));
        }
        let lead = agencies(plan, &lead_text, &[], Col::Lead, bad);
        let coordinating = agencies(
            plan,
            &self.text(r, Col::Coordinating),
            &lead,
            Col::Coordinating,
            bad,
        );
        let deadline_text = self.text(r, Col::Deadline);
        let deadline = Deadline::parse(&deadline_text);
        if deadline.is_none() && !deadline_text.is_empty() {
            bad.push((Col::Deadline, format!("không hiểu thời gian «{deadline_text}» (ví dụ: Quý III/{0}, Tháng 6/{0}, Năm {0})", plan.identity.year)));
        }
        let budget = self.budget(r, bad);
        Proposed {
            code: self.text(r, Col::Code),
            group,
            task: Task {
                coordinating,
                deadline,
                output: self.text(r, Col::Output),
                budget,
                ..Task::new(title, lead)
            },
        }
    }
    /// The row's budget line (amount, source, level), each wrong or missing cell noted in `bad`.
    fn budget(&self, r: &[Data], bad: &mut Vec<(Col, String)>) -> Vec<BudgetLine> {
        let amount = amount(self.cell(r, Col::Amount)).unwrap_or_else(|m| {
            bad.push((Col::Amount, m));
            None
        });
        let source_t = self.text(r, Col::Source);
        let source = choice(BudgetSource::ALL, BudgetSource::label, &source_t);
        if !source_t.is_empty() && source.is_none() {
            bad.push((
                Col::Source,
                format!("nguồn «{source_t}» không có trong danh sách"),
            ));
        }
        let level_t = self.text(r, Col::Level);
        let level = choice(BudgetLevel::ALL, BudgetLevel::label, &level_t);
        if !level_t.is_empty() && level.is_none() {
            bad.push((
                Col::Level,
                format!("cấp ngân sách «{level_t}» không có trong danh sách"),
            ));
        }
        if amount.is_some_and(|a| a > Decimal::ZERO) && source.is_none() {
            bad.push((Col::Source, "có kinh phí nhưng chưa chọn nguồn".into()));
        }
        match amount.filter(|a| !a.is_zero()) {
            Some(a) => vec![BudgetLine {
                amount: a,
                source,
                level,
                note: String::new(),
            }],
            None => Vec::new(),
        }
    }
}

/// Agencies named in a cell ("Sở Y tế; Sở Tài chính"), each in the directory, without those
/// in `except` or twice.
fn agencies(
    plan: &Plan,
    text: &str,
    except: &[Id],
    col: Col,
    bad: &mut Vec<(Col, String)>,
) -> Vec<Id> {
    let mut ids: Vec<Id> = Vec::new();
    for name in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match find_agency(plan, name) {
            Some(a) if !except.contains(&a.id) && !ids.contains(&a.id) => ids.push(a.id.clone()),
            Some(_) => {}
            None => bad.push((col, format!("cơ quan «{name}» không có trong danh bạ"))),
        }
    }
    ids
}

/// The amount of an amount cell (triệu đồng); `Err` says why it is not one.
fn amount(cell: Option<&Data>) -> std::result::Result<Option<Decimal>, String> {
    let amount = match cell {
        None | Some(Data::Empty) => None,
        // 1e308, a formula's error ("=1/0") or a date were saved as no budget, or as the
        // date's serial number (44927): each is a problem of its row now.
        Some(Data::Float(f)) => Some(
            Decimal::try_from(*f)
                .map_err(|_| format!("số tiền «{f}» không hợp lệ"))?
                .round_dp(3),
        ),
        Some(Data::Int(i)) => Some(Decimal::from(*i)),
        Some(Data::Error(e)) => {
            return Err(format!("ô số tiền có lỗi công thức ({e}); hãy nhập một số"))
        }
        Some(Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)) => {
            return Err("ô số tiền đang có kiểu ngày tháng; hãy nhập số tiền (triệu đồng)".into())
        }
        Some(other) => {
            let t = cell_text(other);
            if t.is_empty() {
                None
            } else {
                Some(
                    crate::format::parse_money(&t)
                        .ok_or_else(|| format!("«{t}» không phải là số tiền (triệu đồng)"))?,
                )
            }
        }
    };
    if amount.is_some_and(|a| a < Decimal::ZERO) {
        return Err("số tiền không được âm".into());
    }
    if amount.is_some_and(|a| a > crate::budget::MAX_AMOUNT) {
        return Err("số tiền vượt quá mức có thể có; hãy kiểm tra lại đơn vị (triệu đồng)".into());
    }
    Ok(amount)
}

/// The entry of a drop-down list a cell names: its label, or the end of it ("Tỉnh").
fn choice<T: Copy>(
    all: impl IntoIterator<Item = T>,
    label: fn(T) -> &'static str,
    text: &str,
) -> Option<T> {
    let t = fold(text);
    all.into_iter()
        .find(|x| fold(label(*x)) == t || fold(label(*x)).ends_with(&t) && !t.is_empty())
}

/// A row as the task it proposes.
struct Proposed {
    code: String,
    group: Option<Id>,
    task: Task,
}

impl Proposed {
    /// The plan's task the row's code names, if any; a code not in the plan, given twice, or
    /// naming a task another agency leads (in a workbook made for one agency) goes to `bad`.
    fn code_check<'p>(
        &self,
        plan: &Plan,
        tasks_by_id: &HashMap<&str, &'p Task>,
        owner: Option<&Id>,
        seen_codes: &mut HashSet<String>,
        bad: &mut Vec<(Col, String)>,
    ) -> Option<&'p Task> {
        let code = &self.code;
        if code.is_empty() {
            return None;
        }
        let existing = tasks_by_id.get(code.as_str()).copied();
        let before = bad.len();
        match (existing, owner) {
            (None, _) => bad.push((
                Col::Code,
                format!("mã «{code}» không có trong kế hoạch (dòng thêm mới thì để trống cột này)"),
            )),
            (Some(old), Some(owner)) if !old.lead.contains(owner) => {
                let leads: Vec<&str> = old
                    .lead
                    .iter()
                    .filter_map(|a| plan.agency(a))
                    .map(|a| a.name.as_str())
                    .collect();
                bad.push((
                    Col::Code,
                    format!(
                        "nhiệm vụ «{}» do {} chủ trì; tệp đề xuất của một cơ quan chỉ sửa được nhiệm vụ cơ quan đó chủ trì",
                        old.title,
                        if leads.is_empty() { "cơ quan khác".to_string() } else { leads.join(", ") }
                    ),
                ))
            }
            _ => {}
        }
        // Counted only when the row may change the task: a stray row of one agency never
        // makes another's row "twice".
        if bad.len() == before && !seen_codes.insert(code.clone()) {
            bad.push((Col::Code, format!("nhiệm vụ mã «{code}» xuất hiện hai lần")));
        }
        existing
    }

    /// The change the row asks for: a new task, or the fields of an existing one that
    /// differ; `None` when nothing differs.
    fn into_change(
        self,
        plan: &Plan,
        file: &Path,
        row: u32,
        existing: Option<&Task>,
    ) -> Option<Change> {
        let Some(old) = existing else {
            return Some(Change::Add {
                file: file.to_path_buf(),
                row,
                group: self.group.unwrap_or_default(),
                amount: crate::format::money_million(crate::budget::sum(&self.task.budget)),
                task: self.task,
            });
        };
        let new = self.task;
        let mut task = old.clone();
        task.title = new.title;
        task.lead = new.lead;
        task.coordinating = new.coordinating;
        task.deadline = new.deadline;
        task.output = new.output;
        // One line per task in the workbook: keep the plan's split when the total did not
        // change.
        if crate::budget::sum(&old.budget) != crate::budget::sum(&new.budget)
            || old.budget.len() > 1 && new.budget.is_empty()
        {
            task.budget = new.budget;
        }
        let fields = diff::task(plan, old, &task);
        (!fields.is_empty()).then(|| Change::Update {
            file: file.to_path_buf(),
            row,
            task,
            fields,
        })
    }
}
