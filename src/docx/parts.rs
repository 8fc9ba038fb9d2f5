//! The parts every document shares, as content: the header block, the title, the recipients
//! and signature.

use chrono::NaiveDate;

use super::content::{Block, Signature};
use super::context::Ctx;
use crate::format::place_date;

/// Issuing body | national name and motto, then the number | place and date.
pub fn header(ctx: &Ctx, number_line: String, date: Option<NaiveDate>) -> Block {
    let id = &ctx.plan.identity;
    Block::Header {
        issuer_lines: id.header_lines.clone(),
        number: number_line,
        place_date: place_date(&id.place, date),
        draft: ctx.draft,
    }
}

pub fn title(kind: &str, subject: &str) -> Block {
    Block::Title {
        kind: kind.to_string(),
        subject: subject.to_string(),
    }
}

/// Recipients ("- …;", `first_recipient` first) and the "- Lưu: VT…" line, and the
/// signature of the plan's signer.
pub fn signature(ctx: &Ctx, first_recipient: Option<&str>) -> Block {
    let id = &ctx.plan.identity;
    let recipients = first_recipient
        .into_iter()
        .map(str::to_string)
        .chain(id.recipients.iter().cloned())
        .map(|r| format!("- {};", r.trim().trim_end_matches(';')))
        .collect();
    let archive = if id.archive_unit.trim().is_empty() {
        "- Lưu: VT.".to_string()
    } else {
        format!("- Lưu: VT, {}.", id.archive_unit.trim())
    };
    Block::Signature(Signature {
        recipients,
        archive,
        authority: id.signer.authority.clone(),
        deputy: id
            .signer
            .deputy_line
            .clone()
            .filter(|d| !d.trim().is_empty()),
        title: id.signer.title.clone(),
        name: id.signer.name.clone(),
    })
}
