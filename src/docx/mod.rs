//! Official Word documents in the Decree 30/2020 format: the plan (Kế hoạch), the decision
//! that issues it (Quyết định) with its task appendix, the appendix alone, the results
//! report, and the Tờ trình that submits the plan. Written in two stages:
//!
//! 1. what the document says (`content`): the plan → sections of headings, paragraphs,
//!    tables and the header and signature blocks, as plain data (`content.rs`), built by
//!    `body`, `appendix`, `report` and `parts` from the plan through `context`;
//! 2. how it is laid out (`render`, with `style`): that content in the Decree 30 form with
//!    docx-rs, whose gaps are patched in `postprocess`, and only there.

mod appendix;
mod body;
mod consultation;
pub mod content;
mod context;
mod parts;
mod postprocess;
mod render;
/// The results report; its day is shared with the workbook.
pub mod report;
mod revisions;
mod rows;
mod style;
mod submission;

use std::path::Path;

use chrono::NaiveDate;

use crate::model::Plan;
use crate::outline::{
    body_template, template_file, ConsultationFile, DecisionFile, SubmissionFile,
};
use crate::{Error, Result};
use content::{Block, Document, Section};
use context::Ctx;

/// Which document to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocChoice {
    /// The plan with all its appendices.
    KeHoach,
    /// The decision issuing the plan, with the task appendix.
    QuyetDinh,
    /// The decision's task appendix on its own.
    PhuLuc,
    /// The results report of the plan's year, as of a day (the year's end when `None`).
    BaoCao { as_of: Option<NaiveDate> },
    /// The drafting department's Tờ trình submitting the plan to the committee.
    ToTrinh,
    /// The covering letter sending the draft to the agencies for comments.
    CongVan,
    /// The table of comments on the draft and their answers, grouped by agency or, when
    /// `by_part`, by part of the plan.
    GopY { by_part: bool },
    /// The Kế hoạch (a draft) with Word's revision marks against the draft sent for comments.
    KeHoachSuaDoi,
}

impl DocChoice {
    /// Whether a final export of it is the plan issued: not the year's results report, nor
    /// the Tờ trình that asks for the plan to be issued.
    pub fn issues_the_plan(self) -> bool {
        !matches!(
            self,
            DocChoice::BaoCao { .. }
                | DocChoice::ToTrinh
                | DocChoice::CongVan
                | DocChoice::GopY { .. }
                | DocChoice::KeHoachSuaDoi
        )
    }
}

impl std::str::FromStr for DocChoice {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "ke-hoach" => Ok(DocChoice::KeHoach),
            "quyet-dinh" => Ok(DocChoice::QuyetDinh),
            "phu-luc" => Ok(DocChoice::PhuLuc),
            "bao-cao" => Ok(DocChoice::BaoCao { as_of: None }),
            "to-trinh" => Ok(DocChoice::ToTrinh),
            "cong-van" => Ok(DocChoice::CongVan),
            "gop-y" => Ok(DocChoice::GopY { by_part: false }),
            "gop-y-theo-phan" => Ok(DocChoice::GopY { by_part: true }),
            "ke-hoach-sua-doi" => Ok(DocChoice::KeHoachSuaDoi),
            other => Err(Error::Invalid(format!(
                "Loại văn bản «{other}» không có; chọn ke-hoach, quyet-dinh, phu-luc, bao-cao, to-trinh, cong-van, gop-y, gop-y-theo-phan hoặc ke-hoach-sua-doi."
            ))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub doc: DocChoice,
    /// "DỰ THẢO", blank number and date; otherwise number and date are required.
    pub draft: bool,
    /// Id of the body template in `templates/documents/`.
    pub template: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            doc: DocChoice::KeHoach,
            draft: false,
            template: DEFAULT_TEMPLATE.into(),
        }
    }
}

pub use crate::outline::{template_ids, DEFAULT_TEMPLATE};

// ------------------------------------------------------------------------ checks ----

/// What must be true before a document is produced. Draft mode needs no number or date.
fn check(plan: &Plan, opts: &Options) -> Result<()> {
    if matches!(opts.doc, DocChoice::CongVan | DocChoice::GopY { .. }) {
        return check_consultation(plan, opts);
    }
    // A report speaks of a plan already issued: its number is given when it is sent.
    if opts.draft || matches!(opts.doc, DocChoice::BaoCao { .. }) {
        return Ok(());
    }
    let id = &plan.identity;
    let mut missing = Vec::new();
    if opts.doc == DocChoice::ToTrinh {
        let s = id.submission.clone().unwrap_or_default();
        if s.number.as_deref().is_none_or(|n| n.trim().is_empty()) {
            missing.push("số tờ trình");
        }
        if s.issue_date.is_none() {
            missing.push("ngày tờ trình");
        }
        if s.signer_name.trim().is_empty() {
            missing.push("họ tên người ký tờ trình");
        }
        return refuse_missing(missing);
    }
    if id.number.as_deref().is_none_or(|n| n.trim().is_empty()) {
        missing.push("số kế hoạch");
    }
    if id.issue_date.is_none() {
        missing.push("ngày ban hành kế hoạch");
    }
    if id.signer.name.trim().is_empty() {
        missing.push("họ tên người ký");
    }
    if opts.doc != DocChoice::KeHoach {
        match &id.decision {
            None => missing.push("thông tin quyết định ban hành"),
            Some(d) => {
                if d.number.as_deref().is_none_or(|n| n.trim().is_empty()) {
                    missing.push("số quyết định");
                }
                if d.issue_date.is_none() {
                    missing.push("ngày ban hành quyết định");
                }
            }
        }
    }
    // Whether the plan may be issued at all (its errors, the final check) is decided where
    // exports are asked for: `readiness::ensure_issuable`, by the session and the CLI.
    refuse_missing(missing)
}

/// The consultation's documents need the round; a final table needs every comment answered.
fn check_consultation(plan: &Plan, opts: &Options) -> Result<()> {
    let Some(c) = &plan.consultation else {
        return Err(Error::Invalid(
            "Dự thảo chưa được gửi xin ý kiến: chưa có công văn, chưa có ý kiến góp ý nào.".into(),
        ));
    };
    let pending = c.counts().pending;
    if !opts.draft && matches!(opts.doc, DocChoice::GopY { .. }) && pending > 0 {
        return Err(Error::Invalid(format!(
            "Còn {pending} ý kiến góp ý chưa trả lời (tiếp thu, giải trình hoặc không tiếp thu): bảng tổng hợp chính thức cần đủ câu trả lời. Hãy trả lời hoặc xuất bản dự thảo."
        )));
    }
    Ok(())
}

fn refuse_missing(missing: Vec<&str>) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "Bản chính thức còn thiếu: {}. Hãy bổ sung hoặc xuất bản dự thảo.",
        missing.join(", ")
    )))
}

// ------------------------------------------------------------------------- entry ----

/// What the chosen document says, section by section: the first stage of the writer, plain
/// data a test can read (`build` lays it out as a .docx).
pub fn content(plan: &Plan, opts: &Options) -> Result<Document> {
    if opts.doc == DocChoice::KeHoachSuaDoi {
        return revised(plan, opts);
    }
    check(plan, opts)?;
    let template = body_template(&opts.template)?;
    let ctx = Ctx::new(plan, opts, &template.appendices);
    let (first, appendices): (Vec<Block>, Vec<appendix::Appendix>) = match opts.doc {
        // `revised` writes it as two Kế hoạch.
        DocChoice::KeHoach | DocChoice::KeHoachSuaDoi => {
            let appendices = appendix::for_plan(&ctx);
            (body::plan(&ctx, &template, &appendices), appendices)
        }
        DocChoice::QuyetDinh => (
            body::decision(
                &ctx,
                &template_file::<DecisionFile>("quyet-dinh.toml")?.decision,
            ),
            vec![appendix::tasks()],
        ),
        DocChoice::PhuLuc => (Vec::new(), vec![appendix::tasks()]),
        DocChoice::ToTrinh => (
            submission::body(
                &ctx,
                &template_file::<SubmissionFile>("to-trinh.toml")?.submission,
            ),
            Vec::new(),
        ),
        DocChoice::CongVan | DocChoice::GopY { .. } => {
            let w = template_file::<ConsultationFile>("gop-y.toml")?.consultation;
            // `check` made sure the round is there.
            let c = plan
                .consultation
                .as_ref()
                .ok_or_else(|| Error::Invalid(String::new()))?;
            let blocks = match opts.doc {
                DocChoice::GopY { by_part } => consultation::table(&ctx, c, &w, by_part),
                _ => consultation::letter(&ctx, c, &w),
            };
            (blocks, Vec::new())
        }
        DocChoice::BaoCao { as_of } => {
            let day = report::as_of(plan, as_of);
            (report::body(&ctx, day), appendix::for_report(day))
        }
    };
    let mut sections = Vec::new();
    if !first.is_empty() {
        sections.push(Section {
            landscape: false,
            blocks: first,
        });
    }
    for (label, a) in appendix::numbered(&appendices) {
        let mut blocks = appendix::blocks(&ctx, &label, a);
        // An appendix sent on its own carries the draft mark too.
        if sections.is_empty() && ctx.draft {
            blocks.insert(0, Block::DraftMark);
        }
        sections.push(Section {
            landscape: true,
            blocks,
        });
    }
    Ok(Document {
        sections,
        revised_by: None,
    })
}

/// The Kế hoạch as a draft, marked with what changed since the draft sent for comments,
/// attributed to the drafting department.
fn revised(plan: &Plan, opts: &Options) -> Result<Document> {
    let sent = plan
        .consultation
        .as_ref()
        .and_then(|c| c.draft.as_deref())
        .ok_or_else(|| {
            Error::Invalid(
                "Dự thảo chưa được gửi xin ý kiến: chưa có bản gửi đi để so sánh những gì đã sửa."
                    .into(),
            )
        })?;
    let as_plan = Options {
        doc: DocChoice::KeHoach,
        draft: true,
        ..opts.clone()
    };
    let before = content(sent, &as_plan)?;
    let after = content(plan, &as_plan)?;
    let by = context::drafting_name(plan);
    let when = chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:00Z")
        .to_string();
    Ok(revisions::marked(&before, &after, (by, when)))
}

/// Builds the chosen document and returns the .docx bytes.
pub fn build(plan: &Plan, opts: &Options) -> Result<Vec<u8>> {
    let doc = content(plan, opts)?;
    let (package, rows) = render::package(&doc)?;
    postprocess::finish(package, &rows)
}

/// Builds and writes atomically: a failure leaves no partial file.
pub fn export(plan: &Plan, opts: &Options, out: &Path) -> Result<()> {
    let bytes = build(plan, opts)?;
    crate::fsutil::write_atomic(out, &bytes)
}
