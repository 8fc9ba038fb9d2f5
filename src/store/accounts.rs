//! Who works on the plans: the account a store is connected as, the accounts an admin makes
//! for drafters and departments on the shared server, and who last changed each section.

use serde::Serialize;
use ts_rs::TS;

use crate::model::Plan;
use crate::model::Section;

/// The account a store is connected as. On a personal file: the computer's user, a drafter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct UserAccount {
    /// The login (the database role on the server).
    pub account: String,
    /// How colleagues see it: "Nguyễn Thị Lan (Sở KH&CN)".
    pub full_name: String,
    /// A department account's agency, by its name in the plan's directory; `None` for a
    /// drafter, who may edit the whole plan.
    pub agency: Option<String>,
}

/// A new account, made by the admin.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, TS)]
pub struct NewAccount {
    pub account: String,
    pub password: String,
    pub full_name: String,
    pub agency: Option<String>,
}

/// Who last changed a section of the plan, and when (shown in the outline).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SectionEdit {
    pub section: Section,
    /// The colleague's name ("Nguyễn Thị Lan (Sở KH&CN)"), or the login when none is known.
    pub by: String,
    /// "14:32 03/12/2026".
    pub at: String,
}

/// The sections of the outline and the parts of the plan each one shows.
const SECTIONS: [Section; 9] = [
    Section::Identity,
    Section::Directory,
    Section::LegalBases,
    Section::Assessment,
    Section::Goals,
    Section::Tasks,
    Section::Solutions,
    Section::Budget,
    Section::Organisation,
];

fn same_section(s: Section, a: &Plan, b: &Plan) -> bool {
    match s {
        Section::Identity => a.identity == b.identity,
        Section::Directory => a.directory == b.directory,
        Section::LegalBases => a.legal_bases == b.legal_bases,
        Section::Assessment => a.assessment == b.assessment,
        Section::Goals => {
            a.vision == b.vision
                && a.general_goal == b.general_goal
                && a.specific_goals == b.specific_goals
        }
        Section::Tasks => a.groups == b.groups,
        Section::Solutions => a.solutions == b.solutions,
        Section::Budget => a.budget == b.budget,
        Section::Organisation => a.organisation == b.organisation,
    }
}

/// The sections in which `after` differs from `before` (every section for a new plan), as
/// stored with a revision: "goals,tasks".
pub(super) fn sections_changed(before: Option<&Plan>, after: &Plan) -> String {
    SECTIONS
        .iter()
        .filter(|s| before.is_none_or(|b| !same_section(**s, b, after)))
        .map(|s| key(*s))
        .collect::<Vec<_>>()
        .join(",")
}

fn key(s: Section) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The section stored under `k`.
fn section_of(k: &str) -> Option<Section> {
    SECTIONS.into_iter().find(|s| key(*s) == k)
}

/// The newest change of each section, from revisions read newest first as
/// (who, when stored, sections).
pub(super) fn last_edits(rows: Vec<(String, String, String)>) -> Vec<SectionEdit> {
    let mut out: Vec<SectionEdit> = Vec::new();
    for (by, created_at, sections) in rows {
        for s in sections.split(',').filter_map(section_of) {
            if !out.iter().any(|e| e.section == s) {
                out.push(SectionEdit {
                    section: s,
                    by: by.clone(),
                    at: clock(&created_at),
                });
            }
        }
    }
    out
}

/// "14:32 03/12/2026" from a stored time ("2026-12-03T14:32:05.120+07:00"), in the time zone
/// it was stored with; the stored text itself when it cannot be read.
pub(crate) fn clock(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| t.format("%H:%M %d/%m/%Y").to_string())
        .unwrap_or_else(|_| stored.to_string())
}

/// This computer's user, the author of edits on a personal file.
pub(super) fn computer_user() -> UserAccount {
    let user = std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "người dùng máy này".into());
    UserAccount {
        account: user.clone(),
        full_name: user,
        agency: None,
    }
}
