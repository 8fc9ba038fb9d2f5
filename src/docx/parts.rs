//! The parts every document shares, as content: the header block, the title, the recipients
//! and signature.

use chrono::NaiveDate;

use super::content::{Block, Signature};
use super::context::Ctx;
use crate::format::place_date;

/// Issuing body | national name and motto, then the number | place and date.
pub fn header(ctx: &Ctx, number_line: String, date: Option<NaiveDate>) -> Block {
    header_of(
        ctx,
        ctx.plan.identity.header_lines.clone(),
        number_line,
        date,
    )
}

/// The header block of a document another body issues (the department's Tờ trình).
pub fn header_of(
    ctx: &Ctx,
    issuer_lines: Vec<String>,
    number_line: String,
    date: Option<NaiveDate>,
) -> Block {
    Block::Header {
        issuer_lines,
        number: number_line,
        about: None,
        place_date: place_date(&ctx.plan.identity.place, date),
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
        .chain(id.recipients.iter().cloned());
    Block::Signature(Signature {
        recipients: recipient_lines(recipients),
        archive: archive_line(ctx),
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

/// Each recipient as a "- …;" line of "Nơi nhận".
pub fn recipient_lines(recipients: impl IntoIterator<Item = String>) -> Vec<String> {
    recipients
        .into_iter()
        .map(|r| format!("- {};", r.trim().trim_end_matches(';')))
        .collect()
}

/// The closing "- Lưu: VT, KGVX." line of the committee's documents, with the drafting unit
/// when the plan names one.
pub fn archive_line(ctx: &Ctx) -> String {
    archive_of(&ctx.plan.identity.archive_unit)
}

/// The same line for the department's Tờ trình: its office files it, with the department's
/// own drafting unit.
pub fn department_archive_line(ctx: &Ctx) -> String {
    archive_of(
        ctx.plan
            .identity
            .submission
            .as_ref()
            .map_or("", |s| s.archive_unit.as_str()),
    )
}

/// "- Lưu: VT, {unit}.", or "- Lưu: VT." without one.
pub fn archive_of(unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        "- Lưu: VT.".to_string()
    } else {
        format!("- Lưu: VT, {unit}.")
    }
}
