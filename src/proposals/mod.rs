//! The yearly round of asking each department for its proposed tasks and budget: a workbook
//! generated for one agency (pre-filled with the tasks it leads, drop-down lists, Vietnamese
//! instructions) and the reading of filled workbooks back (calamine), with every problem
//! located by file, sheet, row and column, and nothing applied unless the rows are valid.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

pub mod batch;
pub mod comments;
pub mod diff;
pub mod progress;
mod reading;
mod rows;
pub mod seal;
mod sheet;
mod workbook;

pub use reading::{Change, FileRead, Problem, Review, RowRef, Unchanged};
pub use workbook::{template, write_template};

use crate::model::{Agency, BudgetLevel, Plan, Task};
use crate::text::fold;
use crate::{Error, Result};
use reading::{mark_of, open_checked, Mark};
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
            rows::read_proposals(plan, file, wb, owner, seen, &mut out);
        }
    }
    out
}
