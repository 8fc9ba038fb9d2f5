//! Reading a plan that was not made in the app — last year's Word file, or its task appendix
//! in Excel — into a draft plan, with every uncertain mapping flagged for the planner and
//! every paragraph and table accounted for. Nothing is stored here; the caller saves only
//! what the planner confirms.
//!
//! A pipeline, one module a step: `package` (the .docx into blocks), `parts` (headings,
//! parts, tables recognised), `mapping` (parts into the plan), `report` (what was placed,
//! what was not, and whether to refuse). `agencies`, `citations`, `tables`, `prose` and
//! `signature` read the pieces; `workbook` is the Excel variant.

mod agencies;
mod citations;
mod mapping;
mod numbering;
pub(crate) mod package;
mod parts;
mod prose;
mod report;
mod signature;
mod tables;
mod workbook;

/// The WordprocessingML namespace, for the readers of `word/*.xml`.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::fsutil::{read_office, Office};
use crate::model::*;
use crate::{Error, Result};

pub use citations::parse_citation;
pub use report::{Account, Flag, NotPlaced};

/// A draft read from a file, what to check in it, and the account of the source.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Imported {
    #[serde(skip)]
    pub plan: Plan,
    pub groups: usize,
    pub tasks: usize,
    pub flags: Vec<Flag>,
    pub account: Account,
}

/// What an import is asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Make a draft even when little of the document could be placed, or it has no task
    /// table (otherwise the import is refused).
    pub partial: bool,
}

/// The state shared by the steps: agencies met so far, flags, the ledger of the source.
struct Reading {
    dir: agencies::Directory,
    flags: Vec<Flag>,
    ledger: report::Ledger,
}

fn bad(path: &Path, kind: Office, reason: String) -> Error {
    Error::OfficeFile {
        kind: kind.label(),
        path: path.to_path_buf(),
        reason,
    }
}

/// The draft cleaned (NFC, no control characters) and checked, with its counts.
fn finish(mut plan: Plan, flags: Vec<Flag>, account: Account) -> Result<Imported> {
    // The flags outlive the import's dialog: each is a finding of the draft until seen. So
    // does each piece of the source not placed: listed only in the dialog, it was forgotten
    // once the draft was saved.
    let not_placed = account.not_placed.iter().map(|x| Flag {
        place: x.place.clone(),
        message: format!(
            "Chưa đưa vào kế hoạch: «{}» — nếu cần, chép vào phần liên quan.",
            crate::text::shortened(&x.text, 300)
        ),
    });
    plan.to_review = flags
        .iter()
        .cloned()
        .chain(not_placed)
        .enumerate()
        // Numbered, as the rest of the draft's ids: the same file gives the same draft.
        .map(|(k, f)| crate::model::ReviewNote {
            id: format!("xem-{}", k + 1),
            place: f.place,
            message: f.message,
        })
        .collect();
    let plan = crate::text::clean_all(&plan)?;
    crate::planfile::check_ids(&plan).map_err(Error::Invalid)?;
    Ok(Imported {
        groups: plan.groups.len(),
        tasks: plan.tasks().count(),
        flags,
        account,
        plan,
    })
}

/// A draft plan from a Word file of an annual plan, and the flags to review. Refused (unless
/// `options.partial`) when there is no task table or most of the text could not be placed.
pub fn import_docx(path: &Path, preset: &[Agency], options: Options) -> Result<Imported> {
    let bytes = read_office(path, Office::Word).map_err(|m| bad(path, Office::Word, m))?;
    let blocks = package::read_blocks(&bytes).map_err(|m| bad(path, Office::Word, m))?;
    let mut r = Reading {
        dir: agencies::Directory::new(preset),
        flags: package::notes(&bytes)
            .into_iter()
            .map(|note| Flag {
                place: "Chú thích cuối trang".into(),
                message: format!(
                    "«{}» chưa đưa vào kế hoạch (kế hoạch không có chú thích): nếu cần, chép vào phần liên quan.",
                    crate::text::shortened(&note, 200)
                ),
            })
            .collect(),
        ledger: report::Ledger::default(),
    };
    let (plan, account, tasks_from_tables) = numbered_ids(|| -> Result<_> {
        for b in &blocks {
            if let package::Block::P { n, text } = b {
                r.ledger.paragraph(*n, text, "Phần đầu văn bản");
            }
        }
        let (mut plan, title_n) =
            parts::identity(&blocks, &mut r).map_err(|m| bad(path, Office::Word, m))?;
        let start = blocks
            .iter()
            .position(|b| matches!(b, package::Block::P { n, .. } if *n == title_n && title_n > 0))
            .map_or(0, |p| p + 1);
        parts::front_tables(&blocks[..start], &mut r);
        let found = parts::body(&blocks[start..], &mut r);
        let tasks_from_tables = found.tasks_from_tables;
        mapping::map(found, &mut plan, &mut r);
        plan.directory = std::mem::replace(&mut r.dir, agencies::Directory::new(&[]))
            .into_directory(&mut r.flags);
        let account = std::mem::take(&mut r.ledger).account();
        Ok((plan, account, tasks_from_tables))
    })?;
    if let Some(reason) = report::refusal(&account, tasks_from_tables) {
        if !options.partial {
            return Err(Error::ImportIncomplete {
                path: path.to_path_buf(),
                reason,
            });
        }
        r.flags.insert(
            0,
            Flag {
                place: "Văn bản".into(),
                message: format!("Bản nháp một phần: {reason}."),
            },
        );
    }
    finish(plan, r.flags, account)
}

/// `import_docx` against the agency list of the file's own year (see `of_its_year`).
pub fn import_docx_of_its_year(
    path: &Path,
    cats: &crate::catalogue::Catalogues,
    options: Options,
) -> Result<Imported> {
    of_its_year(cats, |preset| import_docx(path, preset, options))
}

/// `import_xlsx` against the agency list of the workbook's year (see `of_its_year`).
pub fn import_xlsx_of_its_year(
    path: &Path,
    cats: &crate::catalogue::Catalogues,
    province: Option<&str>,
    year: Option<i32>,
) -> Result<Imported> {
    of_its_year(cats, |preset| import_xlsx(path, preset, province, year))
}

/// A file read against the agency list of its own year: once with the newest list to learn
/// the year, and again with that year's list when it differs, so a 2023 plan finds Sở TT&TT
/// and the district committees where they were, not as new agencies. Its bases are then
/// linked to the library.
fn of_its_year(
    cats: &crate::catalogue::Catalogues,
    read: impl Fn(&[Agency]) -> Result<Imported>,
) -> Result<Imported> {
    let newest = cats.agency_preset();
    let first = read(&newest)?;
    let of_year = cats.agency_preset_of_year(first.plan.identity.year);
    let mut imported = if of_year == newest {
        first
    } else {
        read(&of_year)?
    };
    link_to_library(&mut imported.plan, cats);
    Ok(imported)
}

/// Each basis and listed document the library holds (same number, and same date where both
/// give one) is linked to its entry, so it is checked for currency like one picked from it.
fn link_to_library(plan: &mut Plan, cats: &crate::catalogue::Catalogues) {
    let bases = plan
        .legal_bases
        .iter_mut()
        .chain(plan.assessment.documents.iter_mut());
    for b in bases.filter(|b| b.library_ref.is_none()) {
        let Some(entry) = cats.library_entry(b) else {
            continue;
        };
        if b.date.is_none() || entry.document.date.is_none() || b.date == entry.document.date {
            b.library_ref = Some(entry.document.id.clone());
        }
    }
}

/// A draft plan from a workbook holding a task appendix (any sheet whose header has TT,
/// Tên nhiệm vụ, Cơ quan chủ trì, in one row or two). Province and year come from the
/// "(Kèm theo …)" line and the deadlines unless given.
pub fn import_xlsx(
    path: &Path,
    preset: &[Agency],
    province: Option<&str>,
    year: Option<i32>,
) -> Result<Imported> {
    numbered_ids(|| workbook::import_xlsx(path, preset, province, year))
}
