//! The consultation's two documents, written from the plan's `consultation`: the covering
//! letter (công văn xin ý kiến) that sends the draft to the agencies, and the table of their
//! comments and the drafter's answers (bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý),
//! grouped by agency or by part of the plan, with its counts. The fixed wording is
//! `templates/documents/gop-y.toml`.

use super::content::{Block, Cell, Row, Signature, Table, TableKind};
use super::context::Ctx;
use super::parts;
use crate::format::{doc_number, roman};
use crate::model::{Comment, CommentPlace, Consultation, Section};
use crate::outline::ConsultationWording;
use crate::proposals::comments::{PlaceNames, PARTS};

fn issuer_lines(ctx: &Ctx, w: &ConsultationWording) -> Vec<String> {
    ctx.fill(&w.issuer).lines().map(str::to_string).collect()
}

/// The department's director signs both documents, as the Tờ trình.
fn signed(ctx: &Ctx, recipients: Vec<String>, archive: String) -> Block {
    let s = ctx.plan.identity.submission.clone().unwrap_or_default();
    Block::Signature(Signature {
        recipients,
        archive,
        authority: s.signer_title,
        deputy: None,
        title: String::new(),
        name: s.signer_name,
    })
}

fn name_of(ctx: &Ctx, id: &str) -> String {
    ctx.plan
        .agency(id)
        .map_or(id.to_string(), |a| a.name.clone())
}

/// "Sở Y tế, Sở Tài chính" for a sentence.
fn named(ctx: &Ctx, ids: &[&String]) -> String {
    ids.iter()
        .map(|a| name_of(ctx, a))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The covering letter: the department's header with the "V/v" excerpt, "Kính gửi" and
/// every agency asked, the request with the reply-by date, the director's signature.
pub fn letter(ctx: &Ctx, c: &Consultation, w: &ConsultationWording) -> Vec<Block> {
    let number = c.letter_number.as_deref().filter(|_| !ctx.draft);
    let mut header = parts::header_of(
        ctx,
        issuer_lines(ctx, w),
        doc_number(number, &c.letter_symbol),
        Some(c.sent_on).filter(|_| !ctx.draft),
    );
    if let Block::Header { about, .. } = &mut header {
        *about = Some(ctx.fill(&w.letter_about));
    }
    let mut out = vec![header, Block::Blank];
    let last = c.agencies.len().saturating_sub(1);
    if c.agencies.len() == 1 {
        out.push(Block::Caption(format!(
            "Kính gửi: {}.",
            name_of(ctx, &c.agencies[0])
        )));
    } else {
        out.push(Block::Caption("Kính gửi:".into()));
        out.extend(c.agencies.iter().enumerate().map(|(i, a)| {
            Block::Caption(format!(
                "- {}{}",
                name_of(ctx, a),
                if i == last { "." } else { ";" }
            ))
        }));
    }
    out.push(Block::Blank);
    let body_last = w.letter_body.len().saturating_sub(1);
    for (i, p) in w.letter_body.iter().enumerate() {
        let text = ctx.fill_round(p);
        out.push(Block::text(&if i == body_last {
            format!("{}./.", text.trim_end_matches('.'))
        } else {
            text
        }));
    }
    out.push(Block::Blank);
    out.push(signed(
        ctx,
        parts::recipient_lines(w.letter_recipients.iter().cloned()),
        // The department's office files it under the unit its symbol names (Decree 30: the
        // symbol of a công văn ends with the drafting unit, "SKHCN-CĐS").
        parts::archive_of(c.letter_symbol.split_once('-').map_or("", |(_, unit)| unit)),
    ));
    out
}

/// The part of the plan a place belongs to, as the table groups by it.
fn part_of(place: &CommentPlace) -> Option<Section> {
    match place {
        CommentPlace::General => None,
        CommentPlace::Section { section } => Some(*section),
        CommentPlace::Goal { .. } | CommentPlace::Indicator { .. } => Some(Section::Goals),
        CommentPlace::Group { .. } | CommentPlace::Task { .. } => Some(Section::Tasks),
    }
}

/// The comment's cell: what was said, the wording proposed.
fn said(x: &Comment) -> Cell {
    let mut lines = vec![x.text.clone()];
    if !x.proposed.trim().is_empty() {
        lines.push(format!("Đề nghị sửa thành: «{}»", x.proposed.trim()));
    }
    Cell::lines(lines.into_iter().filter(|l| !l.trim().is_empty()).collect())
}

/// The answer's cell: "Tiếp thu.", "Giải trình: …", "Không tiếp thu: …".
fn answered(x: &Comment) -> Cell {
    let text = x.answer.text().trim();
    Cell::left(&if text.is_empty() {
        format!("{}.", x.answer.label())
    } else {
        format!("{}: {text}", x.answer.label())
    })
}

/// The table of comments and answers; grouped by agency, or by part of the plan when
/// `by_part`.
pub fn table(ctx: &Ctx, c: &Consultation, w: &ConsultationWording, by_part: bool) -> Vec<Block> {
    let s = ctx.plan.identity.submission.clone().unwrap_or_default();
    let mut out = vec![
        parts::header_of(
            ctx,
            issuer_lines(ctx, w),
            String::new(),
            s.issue_date.filter(|_| !ctx.draft),
        ),
        // The title, its subject and what it is attached to, with one short line under all.
        Block::Caption(w.table_title.clone()),
        Block::Caption(ctx.fill(&w.table_subject)),
        Block::AttachedTo(format!(
            "(Kèm theo {} của {})",
            ctx.submission_cited()
                .filter(|_| !ctx.draft)
                .unwrap_or_else(|| format!(
                    "Tờ trình số      /{} ngày    /    /{}",
                    s.symbol,
                    ctx.plan.identity.year - 1
                )),
            ctx.fill("{cơ quan tham mưu}")
        )),
        Block::Blank,
        Block::text(&ctx.fill_round(&w.table_counts)),
    ];
    out.extend(who_answered(ctx, c, w));
    let (second, groups) = if by_part {
        ("Cơ quan góp ý", groups_by_part(c))
    } else {
        ("Vị trí trong dự thảo", groups_by_agency(ctx, c))
    };
    let names = PlaceNames::new(ctx.plan, c.draft.as_deref());
    let mut rows = Vec::new();
    let mut n = 0;
    for (gi, (title, comments)) in groups.into_iter().enumerate() {
        rows.push(Row::group(&roman(gi as u32 + 1), &title, 4));
        for x in comments {
            n += 1;
            let where_or_who = if by_part {
                format!("{}\n({})", name_of(ctx, &x.agency), names.label(&x.place))
            } else {
                names.label(&x.place)
            };
            rows.push(Row::item(vec![
                Cell::center(&n.to_string()),
                Cell::lines(where_or_who.lines().map(str::to_string).collect()),
                said(x),
                answered(x),
            ]));
        }
    }
    if !rows.is_empty() {
        out.push(Block::Table(Table {
            kind: TableKind::Comments,
            header: vec![
                "TT".into(),
                second.into(),
                "Nội dung góp ý".into(),
                "Ý kiến tiếp thu, giải trình".into(),
            ],
            rows,
        }));
    }
    out.push(Block::Blank);
    out.push(signed(ctx, Vec::new(), String::new()));
    out
}

/// Who agreed without comment, and who did not answer (agreeing by silence only when the
/// planner says so).
fn who_answered(ctx: &Ctx, c: &Consultation, w: &ConsultationWording) -> Vec<Block> {
    let mut out = Vec::new();
    let agreed: Vec<&String> = c
        .agencies
        .iter()
        .filter(|a| c.replied(a) && !c.comments.iter().any(|x| &x.agency == *a))
        .collect();
    let list = |template: &str, ids: &[&String]| {
        Block::text(&ctx.fill(template).replace("{danh sách}", &named(ctx, ids)))
    };
    if !agreed.is_empty() {
        out.push(list(&w.table_agreed, &agreed));
    }
    let silent: Vec<&String> = c.silent().collect();
    if !silent.is_empty() {
        let template = if c.silence_agrees {
            &w.table_silence
        } else {
            &w.table_unanswered
        };
        out.push(list(template, &silent));
    }
    out
}

/// The comments of each agency that made some, in the order the letter asked them.
fn groups_by_agency<'c>(ctx: &Ctx, c: &'c Consultation) -> Vec<(String, Vec<&'c Comment>)> {
    c.agencies
        .iter()
        .map(|a| {
            let of: Vec<&Comment> = c.comments.iter().filter(|x| &x.agency == a).collect();
            (name_of(ctx, a), of)
        })
        .filter(|(_, of)| !of.is_empty())
        .collect()
}

/// The comments on each part of the plan, in print order; those on the draft as a whole
/// first.
fn groups_by_part<'c>(c: &'c Consultation) -> Vec<(String, Vec<&'c Comment>)> {
    let parts: Vec<(Option<Section>, String)> =
        std::iter::once((None, "Góp ý chung đối với dự thảo".to_string()))
            .chain(PARTS.iter().map(|(s, name)| (Some(*s), name.to_string())))
            .collect();
    let known: Vec<Option<Section>> = parts.iter().map(|(p, _)| *p).collect();
    // A part the table does not list (none today) is shown with the general comments.
    let part = |x: &Comment| {
        Some(part_of(&x.place))
            .filter(|p| known.contains(p))
            .flatten()
    };
    parts
        .into_iter()
        .map(|(of_part, title)| {
            let of: Vec<&Comment> = c.comments.iter().filter(|x| part(x) == of_part).collect();
            (title, of)
        })
        .filter(|(_, of)| !of.is_empty())
        .collect()
}
