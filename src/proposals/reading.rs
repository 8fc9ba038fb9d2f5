//! What reading filled workbooks back finds (changes and problems located as Excel shows
//! them), and the cell readers every kind of returned workbook shares.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{diff, LISTS};
use crate::model::{Id, Indicator, Plan, Task};
use crate::text::fold;
use crate::{Error, Result};

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
    pub(super) fn of_file(file: &Path, message: String) -> Problem {
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
pub(super) fn open_checked(
    path: &Path,
) -> std::result::Result<Xlsx<std::io::Cursor<Vec<u8>>>, String> {
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
pub(super) fn table_rows<R: AsRef<[Data]>>(
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

pub(super) fn cell_text(d: &Data) -> String {
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
pub(super) fn mark_of(plan: &Plan, wb: &mut Xlsx<std::io::Cursor<Vec<u8>>>) -> Mark {
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
pub(super) struct Mark {
    pub(super) kind: Option<String>,
    pub(super) owner: Option<Id>,
    pub(super) seal: Option<String>,
}

/// What one filled row of a department's workbook asks for.
pub(super) enum Outcome {
    Changed(Box<Change>),
    /// Nothing the plan does not have: the row's task or indicator name.
    Same(String),
}

/// A row read: its change, or one more row that changes nothing (proposals and progress
/// reports alike).
pub(super) fn record(out: &mut Review, file: &Path, row: u32, outcome: Outcome) {
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

/// The amount of an amount cell (triệu đồng); `Err` says why it is not one.
pub(super) fn amount(cell: Option<&Data>) -> std::result::Result<Option<Decimal>, String> {
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
pub(super) fn choice<T: Copy>(
    all: impl IntoIterator<Item = T>,
    label: fn(T) -> &'static str,
    text: &str,
) -> Option<T> {
    let t = fold(text);
    all.into_iter()
        .find(|x| fold(label(*x)) == t || fold(label(*x)).ends_with(&t) && !t.is_empty())
}
