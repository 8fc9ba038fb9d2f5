//! The yearly round of asking each department for its proposed tasks and budget: a workbook
//! generated for one agency (pre-filled with the tasks it leads, drop-down lists, Vietnamese
//! instructions) and the reading of filled workbooks back (calamine), with every problem
//! located by file, sheet, row and column, and nothing applied unless the rows are valid.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use ts_rs::TS;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, FormatAlign, Formula, Workbook};
use serde::Serialize;

use crate::model::{BudgetLevel, BudgetLine, BudgetSource, Deadline, Id, Plan, Task};
use crate::text::fold;
use crate::xlsx::{col_name, headers, print_setup, row_height, title_rows, xl, Styles};
use crate::{Error, Result};

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
    if plan.identity.year >= 2026 {
        vec![BudgetLevel::Tinh, BudgetLevel::Xa]
    } else {
        BudgetLevel::ALL.to_vec()
    }
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

// -------------------------------------------------------------------- template ----

/// A proposal workbook for one agency.
pub fn template(plan: &Plan, agency: &str) -> Result<Vec<u8>> {
    let plan = &crate::text::clean_all(plan)?;
    let agency = find_agency(plan, agency).ok_or_else(|| {
        Error::Invalid(format!(
            "Không có cơ quan «{agency}» trong danh bạ của kế hoạch."
        ))
    })?;
    let s = Styles::new();
    let mut wb = Workbook::new();
    let levels = levels_for(plan);

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
    lists.write_string(0, 6, MARK).map_err(xl)?;
    lists.write_string(1, 6, &agency.id).map_err(xl)?;
    lists
        .write_number(2, 6, plan.identity.year as f64)
        .map_err(xl)?;
    lists.set_hidden(true);

    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xl)?;
    let title = format!("ĐỀ XUẤT NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {}", plan.identity.year);
    let who = format!("Cơ quan đề xuất: {}", agency.name);
    let last = COLUMNS.len() as u16 - 1;
    let header = title_rows(ws, &s, last, &[(&title, false), (&who, true)])?;
    let cols: Vec<(&str, f64)> = COLUMNS.iter().map(|(_, t, w)| (*t, *w)).collect();
    headers(ws, &s, header, &cols)?;
    print_setup(ws, header)?;

    let mut row = header + 1;
    for g in &plan.groups {
        for t in g.tasks.iter().filter(|t| t.lead.contains(&agency.id)) {
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
                g.title.clone(),
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
    ws.add_data_validation(
        header + 1,
        col_index(Col::Group),
        last_row,
        col_index(Col::Group),
        &list(0, plan.groups.len(), "nhóm nhiệm vụ")?,
    )
    .map_err(xl)?;
    ws.add_data_validation(
        header + 1,
        col_index(Col::Lead),
        last_row,
        col_index(Col::Lead),
        &list(1, plan.directory.len(), "cơ quan")?,
    )
    .map_err(xl)?;
    ws.add_data_validation(
        header + 1,
        col_index(Col::Source),
        last_row,
        col_index(Col::Source),
        &list(2, BudgetSource::ALL.len(), "nguồn kinh phí")?,
    )
    .map_err(xl)?;
    ws.add_data_validation(
        header + 1,
        col_index(Col::Level),
        last_row,
        col_index(Col::Level),
        &list(3, levels.len(), "cấp ngân sách")?,
    )
    .map_err(xl)?;
    let amount = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_title("Kinh phí không hợp lệ")
        .and_then(|v| v.set_error_message("Nhập số tiền (triệu đồng), ví dụ 1500,5."))
        .map_err(xl)?;
    ws.add_data_validation(
        header + 1,
        col_index(Col::Amount),
        last_row,
        col_index(Col::Amount),
        &amount,
    )
    .map_err(xl)?;
    ws.set_active(true);

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
        "Thời gian thực hiện: ví dụ «Quý III/2027», «Tháng 6/2027», «Năm 2027», «2027 - 2028», «30/6/2027», «Thường xuyên», «Trước ngày 30 tháng 11 hàng năm».".to_string(),
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
    wb.save_to_buffer().map_err(xl)
}

pub fn write_template(plan: &Plan, agency: &str, out: &Path) -> Result<()> {
    let bytes = template(plan, agency)?;
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

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Tệp {}",
            self.file.file_name().map_or_else(
                || self.file.display().to_string(),
                |n| n.to_string_lossy().to_string()
            )
        )?;
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
    },
    Update {
        file: PathBuf,
        row: u32,
        task: Task,
        fields: Vec<&'static str>,
    },
}

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct Review {
    pub changes: Vec<Change>,
    pub unchanged: usize,
    pub problems: Vec<Problem>,
}

impl Review {
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

/// Reads filled proposal workbooks against a plan: what would be added or changed, and
/// every problem found. Nothing is applied here.
pub fn review(plan: &Plan, files: &[PathBuf]) -> Review {
    let mut out = Review::default();
    let mut seen_codes: HashSet<String> = HashSet::new();
    // Looked up once, not per row: 20,000 rows took 25 s.
    let tasks_by_id: std::collections::HashMap<&str, &Task> =
        plan.tasks().map(|(_, t)| (t.id.as_str(), t)).collect();
    for file in files {
        let problem = |sheet: Option<&str>,
                       row: Option<u32>,
                       column: Option<String>,
                       message: String| Problem {
            file: file.clone(),
            sheet: sheet.map(str::to_string),
            row,
            column,
            message,
        };
        let mut wb = match open_checked(file) {
            Ok(wb) => wb,
            Err(m) => {
                out.problems.push(problem(None, None, None, m));
                continue;
            }
        };
        // The agency the workbook was made for (written by `template` on the hidden sheet).
        let owner: Option<Id> = wb
            .worksheet_range(LISTS)
            .ok()
            .filter(|r| r.get_value((0, 6)).map(cell_text).as_deref() == Some(MARK))
            .and_then(|r| r.get_value((1, 6)).map(cell_text))
            .filter(|id| plan.agency(id).is_some());
        let names = wb.sheet_names();
        let Some(sheet_name) = names.iter().find(|n| fold(n) == fold(SHEET)).cloned() else {
            out.problems.push(problem(
                None,
                None,
                None,
                format!(
                    "không có trang «{SHEET}» (các trang có: {}); hãy dùng đúng tệp mẫu đề xuất",
                    names.join(", ")
                ),
            ));
            continue;
        };
        let range = match wb.worksheet_range(&sheet_name) {
            Ok(r) => r,
            Err(e) => {
                log::warn!("calamine {sheet_name}: {e}");
                out.problems.push(problem(
                    Some(&sheet_name),
                    None,
                    None,
                    "không đọc được trang (dữ liệu hỏng)".to_string(),
                ));
                continue;
            }
        };
        let start = range.start().unwrap_or((0, 0));
        let rows: Vec<&[Data]> = range.rows().collect();
        // The header row, found by its titles: columns may be in any order.
        let header_at = rows.iter().take(15).position(|r| {
            r.iter()
                .any(|c| fold(&cell_text(c)) == fold("Tên nhiệm vụ"))
        });
        let Some(h) = header_at else {
            out.problems.push(problem(
                Some(&sheet_name),
                None,
                None,
                "không tìm thấy dòng tiêu đề có cột «Tên nhiệm vụ»".into(),
            ));
            continue;
        };
        let mut map: Vec<(Col, usize)> = Vec::new();
        for (ci, c) in rows[h].iter().enumerate() {
            let t = fold(&cell_text(c));
            if let Some((col, _, _)) = COLUMNS.iter().find(|(_, title, _)| {
                fold(title) == t || (fold(title).starts_with(&t) && !t.is_empty() && t.len() > 4)
            }) {
                map.push((*col, ci));
            }
        }
        let excel_row = |i: usize| start.0 + i as u32 + 1;
        let missing: Vec<&str> = [Col::Group, Col::Title, Col::Lead]
            .iter()
            .filter(|c| !map.iter().any(|(m, _)| m == *c))
            .map(|c| column(*c).1)
            .collect();
        if !missing.is_empty() {
            out.problems.push(problem(
                Some(&sheet_name),
                Some(excel_row(h)),
                None,
                format!("thiếu cột: {}", missing.join(", ")),
            ));
            continue;
        }
        for (i, r) in rows.iter().enumerate().skip(h + 1) {
            let get = |c: Col| {
                map.iter()
                    .find(|(m, _)| *m == c)
                    .and_then(|(_, idx)| r.get(*idx))
            };
            let text = |c: Col| get(c).map(cell_text).unwrap_or_default();
            let loc = |c: Col| {
                map.iter().find(|(m, _)| *m == c).map(|(_, idx)| {
                    let title = column(c).1;
                    format!("{} ({title})", col_name(start.1 as u16 + *idx as u16))
                })
            };
            if r.iter().all(|c| cell_text(c).is_empty()) {
                continue;
            }
            let row_no = excel_row(i);
            let mut bad = |c: Col, m: String| {
                out.problems
                    .push(problem(Some(&sheet_name), Some(row_no), loc(c), m))
            };
            let mut ok = true;

            let title = text(Col::Title);
            if title.is_empty() {
                bad(Col::Title, "thiếu tên nhiệm vụ".into());
                ok = false;
            }
            let group_text = text(Col::Group);
            let group = plan
                .groups
                .iter()
                .find(|g| fold(&g.title) == fold(&group_text));
            if group.is_none() {
                bad(
                    Col::Group,
                    if group_text.is_empty() {
                        "thiếu nhóm nhiệm vụ".into()
                    } else {
                        format!("nhóm «{group_text}» không có trong kế hoạch")
                    },
                );
                ok = false;
            }
            let lead_text = text(Col::Lead);
            let mut lead = Vec::new();
            if lead_text.is_empty() {
                bad(Col::Lead, "thiếu cơ quan chủ trì".into());
                ok = false;
            }
            for name in lead_text
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                match find_agency(plan, name) {
                    Some(a) => lead.push(a.id.clone()),
                    None => {
                        bad(
                            Col::Lead,
                            format!("cơ quan «{name}» không có trong danh bạ"),
                        );
                        ok = false;
                    }
                }
            }
            let mut coordinating = Vec::new();
            for name in text(Col::Coordinating)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                match find_agency(plan, name) {
                    Some(a) if !lead.contains(&a.id) && !coordinating.contains(&a.id) => {
                        coordinating.push(a.id.clone())
                    }
                    Some(_) => {}
                    None => {
                        bad(
                            Col::Coordinating,
                            format!("cơ quan «{name}» không có trong danh bạ"),
                        );
                        ok = false;
                    }
                }
            }
            let deadline_text = text(Col::Deadline);
            let deadline = if deadline_text.is_empty() {
                None
            } else {
                match Deadline::parse(&deadline_text) {
                    Some(d) => Some(d),
                    None => {
                        bad(Col::Deadline, format!("không hiểu thời gian «{deadline_text}» (ví dụ: Quý III/{0}, Tháng 6/{0}, Năm {0})", plan.identity.year));
                        ok = false;
                        None
                    }
                }
            };
            let amount: Option<Decimal> = match get(Col::Amount) {
                None | Some(Data::Empty) => None,
                // 1e308, a formula's error ("=1/0") or a date were saved as no budget, or as
                // the date's serial number (44927): each is a problem of its row now.
                Some(Data::Float(f)) => match Decimal::try_from(*f) {
                    Ok(d) => Some(d.round_dp(3)),
                    Err(_) => {
                        bad(Col::Amount, format!("số tiền «{f}» không hợp lệ"));
                        ok = false;
                        None
                    }
                },
                Some(Data::Int(i)) => Some(Decimal::from(*i)),
                Some(Data::Error(e)) => {
                    bad(
                        Col::Amount,
                        format!("ô số tiền có lỗi công thức ({e}); hãy nhập một số"),
                    );
                    ok = false;
                    None
                }
                Some(Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)) => {
                    bad(
                        Col::Amount,
                        "ô số tiền đang có kiểu ngày tháng; hãy nhập số tiền (triệu đồng)".into(),
                    );
                    ok = false;
                    None
                }
                Some(other) => {
                    let t = cell_text(other);
                    if t.is_empty() {
                        None
                    } else {
                        match crate::format::parse_money(&t) {
                            Some(d) => Some(d),
                            None => {
                                bad(
                                    Col::Amount,
                                    format!("«{t}» không phải là số tiền (triệu đồng)"),
                                );
                                ok = false;
                                None
                            }
                        }
                    }
                }
            };
            if amount.is_some_and(|a| a < Decimal::ZERO) {
                bad(Col::Amount, "số tiền không được âm".into());
                ok = false;
            }
            if amount.is_some_and(|a| a > crate::budget::MAX_AMOUNT) {
                bad(
                    Col::Amount,
                    "số tiền vượt quá mức có thể có; hãy kiểm tra lại đơn vị (triệu đồng)".into(),
                );
                ok = false;
            }
            let source_t = text(Col::Source);
            let source = BudgetSource::ALL.into_iter().find(|s| {
                fold(s.label()) == fold(&source_t)
                    || fold(s.label()).ends_with(&fold(&source_t)) && !source_t.is_empty()
            });
            let level_t = text(Col::Level);
            let level = BudgetLevel::ALL.into_iter().find(|l| {
                fold(l.label()) == fold(&level_t)
                    || fold(l.label()).ends_with(&fold(&level_t)) && !level_t.is_empty()
            });
            if !source_t.is_empty() && source.is_none() {
                bad(
                    Col::Source,
                    format!("nguồn «{source_t}» không có trong danh sách"),
                );
                ok = false;
            }
            if !level_t.is_empty() && level.is_none() {
                bad(
                    Col::Level,
                    format!("cấp ngân sách «{level_t}» không có trong danh sách"),
                );
                ok = false;
            }
            if amount.is_some_and(|a| a > Decimal::ZERO) && source.is_none() {
                bad(Col::Source, "có kinh phí nhưng chưa chọn nguồn".into());
                ok = false;
            }
            let code = text(Col::Code);
            let existing = if code.is_empty() {
                None
            } else {
                tasks_by_id.get(code.as_str()).copied()
            };
            if let (Some(old), Some(owner)) = (existing, &owner) {
                if !old.lead.contains(owner) {
                    let leads: Vec<&str> = old
                        .lead
                        .iter()
                        .filter_map(|a| plan.agency(a))
                        .map(|a| a.name.as_str())
                        .collect();
                    bad(
                        Col::Code,
                        format!(
                            "nhiệm vụ «{}» do {} chủ trì; tệp đề xuất của một cơ quan chỉ sửa được nhiệm vụ cơ quan đó chủ trì",
                            old.title,
                            if leads.is_empty() { "cơ quan khác".to_string() } else { leads.join(", ") }
                        ),
                    );
                    ok = false;
                }
            }
            if !code.is_empty() && existing.is_none() {
                bad(
                    Col::Code,
                    format!(
                        "mã «{code}» không có trong kế hoạch (dòng thêm mới thì để trống cột này)"
                    ),
                );
                ok = false;
            }
            if !code.is_empty() && !seen_codes.insert(code.clone()) {
                bad(Col::Code, format!("nhiệm vụ mã «{code}» xuất hiện hai lần"));
                ok = false;
            }
            if !ok {
                continue;
            }
            let budget = match amount.filter(|a| !a.is_zero()) {
                Some(a) => vec![BudgetLine {
                    amount: a,
                    source,
                    level,
                    note: String::new(),
                }],
                None => Vec::new(),
            };
            match existing {
                Some(old) => {
                    let mut task = old.clone();
                    task.title = title;
                    task.lead = lead;
                    task.coordinating = coordinating;
                    task.deadline = deadline;
                    task.output = text(Col::Output);
                    // One line per task in the workbook: keep the plan's split when the
                    // total did not change.
                    if crate::budget::sum(&old.budget) != crate::budget::sum(&budget)
                        || old.budget.len() > 1 && budget.is_empty()
                    {
                        task.budget = budget;
                    }
                    let mut fields = Vec::new();
                    for (name, changed) in [
                        ("tên", task.title != old.title),
                        ("chủ trì", task.lead != old.lead),
                        ("phối hợp", task.coordinating != old.coordinating),
                        ("thời gian", task.deadline != old.deadline),
                        ("sản phẩm", task.output != old.output),
                        ("kinh phí", task.budget != old.budget),
                    ] {
                        if changed {
                            fields.push(name);
                        }
                    }
                    if fields.is_empty() {
                        out.unchanged += 1;
                    } else {
                        out.changes.push(Change::Update {
                            file: file.clone(),
                            row: row_no,
                            task,
                            fields,
                        });
                    }
                }
                None => out.changes.push(Change::Add {
                    file: file.clone(),
                    row: row_no,
                    group: group.map(|g| g.id.clone()).unwrap_or_default(),
                    task: Task {
                        coordinating,
                        deadline,
                        output: text(Col::Output),
                        budget,
                        ..Task::new(title, lead)
                    },
                }),
            }
        }
    }
    out
}
