//! The plan's body and the decision's, as content: the template's parts and sections filled
//! from the plan, each section referring to the appendix that carries its details.

use super::appendix::{self, Appendix};
use super::content::{bold, italic, narrative, plain, rich, Block};
use super::context::Ctx;
use super::parts;
use crate::format::{doc_number, lower_first, roman};
use crate::numbering::{group_number, point_letter};
use crate::outline::{BodyTemplate, Content, DecisionWording};

/// The plan's body; `appendices` are the ones that follow it, which the body refers to.
pub fn plan(ctx: &Ctx, template: &BodyTemplate, appendices: &[Appendix]) -> Vec<Block> {
    let plan = ctx.plan;
    let id = &plan.identity;
    let mut out = vec![
        parts::header(ctx, doc_number(ctx.number(), &id.symbol), ctx.date()),
        parts::title("KẾ HOẠCH", &id.title),
    ];
    out.extend(narrative(&id.opening));
    let appendices = appendix::numbered(appendices);
    let label_of = |kind: appendix::Kind| {
        appendices
            .iter()
            .find(|(_, a)| a.kind == kind)
            .map(|(l, _)| l.clone())
    };
    for part in &template.parts {
        if !part.label.is_empty() {
            out.push(Block::Caption(ctx.fill(&part.label)));
            out.push(Block::Caption(ctx.fill(&part.title)));
            out.push(Block::Blank);
        }
        for (si, section) in part.sections.iter().enumerate() {
            out.push(Block::Heading(format!(
                "{}. {}",
                roman(si as u32 + 1),
                ctx.fill(&section.title)
            )));
            out.extend(section_blocks(ctx, template, section.content, &label_of));
        }
    }
    // The closing paragraph ends with "./.".
    let closing = plan
        .organisation
        .closing
        .trim()
        .trim_end_matches('.')
        .to_string();
    let closing = if closing.is_empty() {
        "Trên đây là Kế hoạch chuyển đổi số của tỉnh".to_string()
    } else {
        closing
    };
    out.extend(narrative(&format!("{closing}./.")));
    out.push(Block::Blank);
    out.push(parts::signature(ctx, None));
    out
}

/// What one section of the template says.
fn section_blocks(
    ctx: &Ctx,
    template: &BodyTemplate,
    content: Content,
    label_of: &dyn Fn(appendix::Kind) -> Option<String>,
) -> Vec<Block> {
    let plan = ctx.plan;
    match content {
        Content::GoalsReview => {
            let mut v = narrative(&plan.assessment.goals_review);
            if !plan.assessment.indicators.is_empty() {
                v.extend(indicator_reviews(ctx));
            }
            v
        }
        Content::AssessmentAreas => assessment_areas(ctx, label_of(appendix::Kind::Documents)),
        Content::LegalBases => {
            let n = plan.legal_bases.len();
            plan.legal_bases
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let mut spans = vec![plain("- ")];
                    spans.extend(rich(
                        &format!("{}{}", b.citation(), if i + 1 == n { "." } else { ";" }),
                        false,
                    ));
                    Block::Para(spans)
                })
                .collect()
        }
        Content::Vision => narrative(&plan.vision),
        Content::Goals => {
            let vision_elsewhere = template
                .parts
                .iter()
                .flat_map(|p| &p.sections)
                .any(|s| s.content == Content::Vision);
            goals(ctx, label_of(appendix::Kind::Indicators), !vision_elsewhere)
        }
        Content::Tasks => tasks(ctx, label_of(appendix::Kind::Tasks)),
        Content::Solutions => numbered_texts(plan.solutions.iter().map(|s| (&s.title, &s.text))),
        Content::Budget => {
            let totals = crate::budget::totals(plan);
            let mut v: Vec<Block> = crate::budget::summary(&totals)
                .iter()
                .flat_map(|l| narrative(l))
                .collect();
            v.extend(narrative(&plan.budget.narrative));
            v
        }
        Content::Organisation => numbered_texts(
            plan.organisation
                .duties
                .iter()
                .map(|d| (&d.heading, &d.text)),
        ),
    }
}

/// "1. Title" then its text, for each.
fn numbered_texts<'a>(items: impl Iterator<Item = (&'a String, &'a String)>) -> Vec<Block> {
    items
        .enumerate()
        .flat_map(|(i, (title, text))| {
            std::iter::once(Block::Heading(format!("{}. {title}", i + 1))).chain(narrative(text))
        })
        .collect()
}

/// Phần I by area, last year's tasks under their area (or "Các nhiệm vụ khác"), the budget
/// spent, and the reference to the appendix of last year's documents.
fn assessment_areas(ctx: &Ctx, documents: Option<String>) -> Vec<Block> {
    let plan = ctx.plan;
    let mut v = Vec::new();
    let sections = &plan.assessment.sections;
    let key = |s: &str| crate::text::fold(s);
    for (i, s) in sections.iter().enumerate() {
        v.push(Block::Heading(format!("{}. {}", i + 1, s.title)));
        v.extend(narrative(&s.text));
        v.extend(task_reviews(ctx, |g| key(g) == key(&s.title)));
    }
    // Last year's tasks whose group has no area of its own (typed by hand).
    let mut n = sections.len();
    let other = |g: &str| !sections.iter().any(|s| key(&s.title) == key(g));
    if plan.assessment.tasks.iter().any(|t| other(&t.group)) {
        n += 1;
        v.push(Block::Heading(format!("{n}. Các nhiệm vụ khác")));
        v.extend(task_reviews(ctx, other));
    }
    if !plan.assessment.budget_spent.trim().is_empty() {
        v.push(Block::Heading(format!("{}. Kinh phí thực hiện", n + 1)));
        v.extend(narrative(&plan.assessment.budget_spent));
    }
    if let Some(l) = documents {
        v.push(Block::italic(&format!(
            "Danh sách văn bản của tỉnh về chuyển đổi số ban hành năm {} tại {l} kèm theo.",
            plan.identity.year - 1
        )));
    }
    v
}

/// Last year's tasks of the groups `of` accepts, each with its status and result:
/// "- Tên nhiệm vụ: hoàn thành. Kết quả…".
fn task_reviews(ctx: &Ctx, of: impl Fn(&str) -> bool) -> Vec<Block> {
    ctx.plan
        .assessment
        .tasks
        .iter()
        .filter(|t| of(&t.group))
        .map(|t| {
            let status = t.status.map_or("chưa đánh giá".to_string(), |s| {
                s.label().to_lowercase()
            });
            let result = t.result.trim().trim_end_matches('.');
            let result = if result.is_empty() {
                String::new()
            } else {
                format!(" {result}.")
            };
            // A title copied with its list's comma or semicolon does not print ",:".
            Block::text(&format!(
                "- {}: {status}.{result}",
                t.title.trim().trim_end_matches(['.', ',', ';', ':'])
            ))
        })
        .collect()
}

fn indicator_reviews(ctx: &Ctx) -> Vec<Block> {
    ctx.plan
        .assessment
        .indicators
        .iter()
        .map(|r| {
            let verdict = match r.achieved {
                Some(true) => "đạt",
                Some(false) => "chưa đạt",
                None => "chưa đánh giá",
            };
            let actual = r.actual.map_or(String::new(), |a| {
                format!(
                    ", thực hiện {}{}",
                    crate::format::money(a),
                    if r.indicator.unit == "%" { "%" } else { "" }
                )
            });
            Block::text(&format!(
                "- {}: chỉ tiêu {}{actual} — {verdict}.",
                r.indicator
                    .name
                    .trim()
                    .trim_end_matches(['.', ',', ';', ':']),
                r.indicator.target_text()
            ))
        })
        .collect()
}

/// Goals: the vision first when the template gives it no section of its own, the general
/// goal, then the specific goals (their text, or their indicators when there is no text).
fn goals(ctx: &Ctx, appendix: Option<String>, with_vision: bool) -> Vec<Block> {
    let plan = ctx.plan;
    let mut v = Vec::new();
    let mut n = 0;
    if with_vision && !plan.vision.trim().is_empty() {
        n += 1;
        v.push(Block::Heading(format!("{n}. Tầm nhìn")));
        v.extend(narrative(&plan.vision));
    }
    if !plan.general_goal.trim().is_empty() {
        n += 1;
        v.push(Block::Heading(format!("{n}. Mục tiêu tổng quát")));
        v.extend(narrative(&plan.general_goal));
    }
    for g in &plan.specific_goals {
        n += 1;
        v.push(Block::Heading(format!("{n}. {}", g.title)));
        // The description, then each indicator it does not already state (an imported goal's
        // indicators were read from its own text): the body lists them whether or not the
        // plan has an indicator appendix.
        v.extend(narrative(&g.text));
        let said = crate::text::fold(&g.text);
        v.extend(
            g.indicators
                .iter()
                .filter(|i| !said.contains(&crate::text::fold(&i.name)))
                .map(|i| {
                    Block::text(&format!(
                        "- {}: {}.",
                        i.name.trim().trim_end_matches(['.', ',', ';', ':']),
                        i.target_text()
                    ))
                }),
        );
    }
    if let Some(l) = appendix {
        v.push(Block::italic(&format!(
            "Các chỉ tiêu cụ thể tại {l} kèm theo Kế hoạch này."
        )));
    }
    v
}

/// Each group: its intro, or its tasks as points with their leads.
fn tasks(ctx: &Ctx, appendix: Option<String>) -> Vec<Block> {
    let plan = ctx.plan;
    let mut v = Vec::new();
    if let Some(l) = &appendix {
        v.push(Block::italic(&format!(
            "Danh mục nhiệm vụ và phân công thực hiện tại {l} kèm theo Kế hoạch này."
        )));
    }
    for (gi, g) in plan.groups.iter().enumerate() {
        v.push(Block::Heading(format!("{}. {}", group_number(gi), g.title)));
        if !g.intro.trim().is_empty() {
            v.extend(narrative(&g.intro));
            continue;
        }
        for (ti, t) in g.tasks.iter().enumerate() {
            let lead: Vec<&str> = t
                .lead
                .iter()
                .filter_map(|a| plan.agency(a))
                .map(|a| a.name.as_str())
                .collect();
            let mut line = vec![plain(&format!(
                "{}) {}",
                point_letter(ti),
                t.title.trim_end_matches('.')
            ))];
            if !lead.is_empty() {
                line.push(italic(&format!(" (chủ trì: {})", lead.join(", "))));
            }
            line.push(plain("."));
            v.push(Block::Para(line));
        }
    }
    v
}

/// The decision issuing the plan: its bases, the proposal it answers, its three articles.
pub fn decision(ctx: &Ctx, w: &DecisionWording) -> Vec<Block> {
    let plan = ctx.plan;
    let id = &plan.identity;
    let mut out = vec![
        parts::header(
            ctx,
            doc_number(ctx.decision_number(), &ctx.decision_symbol()),
            ctx.decision_date(),
        ),
        parts::title(
            "QUYẾT ĐỊNH",
            &format!("Về việc ban hành Kế hoạch {}", lower_first(&id.title)),
        ),
        Block::Caption(ctx.fill(&w.authority)),
        Block::Blank,
    ];
    let on = ctx.decision_day();
    let mut bases: Vec<String> = w
        .bases
        .iter()
        .filter(|b| b.from.is_none_or(|f| on >= f) && b.until.is_none_or(|u| on <= u))
        .map(|b| ctx.fill(&b.text))
        .collect();
    bases.extend(
        plan.legal_bases
            .iter()
            .map(|b| format!("Căn cứ {}", b.citation())),
    );
    for b in &bases {
        out.push(Block::Para(rich(
            &format!("{};", b.trim_end_matches([';', '.'])),
            true,
        )));
    }
    out.push(Block::italic(&format!(
        "{}.",
        ctx.fill(&w.proposal).trim_end_matches('.')
    )));
    out.push(Block::Blank);
    out.push(Block::Caption("QUYẾT ĐỊNH:".into()));
    out.push(Block::Blank);
    for (n, text) in [(1, &w.article1), (2, &w.article2), (3, &w.article3)] {
        let text = ctx.fill(text);
        let text = if n == 3 {
            format!("{}./.", text.trim_end_matches('.'))
        } else {
            text
        };
        out.push(Block::Para(vec![
            bold(&format!("Điều {n}. ")),
            plain(&text),
        ]));
    }
    out.push(Block::Blank);
    out.push(parts::signature(ctx, Some(&w.recipients_first)));
    out
}
