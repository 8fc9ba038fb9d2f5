//! Appendices: each a landscape section paginated on its own, "Phụ lục I/II…", its title and
//! the italic "(Kèm theo …)" line; the task table, the indicator table, last year's documents.

use docx_rs::*;

use super::style::*;
use super::{Ctx, DocPart};
use crate::format::{money, roman};
use crate::model::Plan;
use crate::numbering::{group_number, task_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Documents,
    Tasks,
    Indicators,
    /// The report's task table, with statuses as of that day.
    Progress(chrono::NaiveDate),
    /// The report's indicator results.
    Results,
}

#[derive(Debug)]
pub struct Appendix {
    pub kind: Kind,
}

/// The plan's appendices, in the order of seed 004: last year's documents, then the tasks,
/// then the indicators; empty ones are left out.
pub fn for_plan(ctx: &Ctx) -> Vec<Appendix> {
    let plan = ctx.plan;
    let mut v = Vec::new();
    if !plan.assessment.documents.is_empty() {
        v.push(Appendix {
            kind: Kind::Documents,
        });
    }
    v.push(Appendix { kind: Kind::Tasks });
    if plan.indicators().next().is_some() {
        v.push(Appendix {
            kind: Kind::Indicators,
        });
    }
    v
}

/// The results report's appendices: every task's status, every indicator's result.
pub fn for_report(day: chrono::NaiveDate) -> Vec<Appendix> {
    vec![
        Appendix {
            kind: Kind::Progress(day),
        },
        Appendix {
            kind: Kind::Results,
        },
    ]
}

pub fn tasks(_ctx: &Ctx) -> Appendix {
    Appendix { kind: Kind::Tasks }
}

/// "Phụ lục" alone, or "Phụ lục I", "Phụ lục II"… when there are two or more.
pub fn numbered(list: &[Appendix]) -> Vec<(String, &Appendix)> {
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            (
                if list.len() == 1 {
                    "Phụ lục".to_string()
                } else {
                    format!("Phụ lục {}", roman(i as u32 + 1))
                },
                a,
            )
        })
        .collect()
}

pub fn render(ctx: &Ctx, label: &str, a: &Appendix) -> Vec<DocPart> {
    let plan = ctx.plan;
    let titles = ctx.appendix_titles;
    let title = ctx.fill(match a.kind {
        Kind::Documents => &titles.documents,
        Kind::Tasks => &titles.tasks,
        Kind::Indicators => &titles.indicators,
        Kind::Progress(_) => &titles.progress,
        Kind::Results => &titles.results,
    });
    let mut out = vec![
        DocPart::from(centred(vec![bold(label, PT14)]).keep_next(true)),
        DocPart::from(centred(vec![bold(&title, PT14)]).keep_next(true)),
        DocPart::from(centred(vec![italic(&ctx.attached_to(), PT14)]).keep_next(true)),
        DocPart::from(short_line(1800, LANDSCAPE_TEXT_W)),
        DocPart::from(empty(PT12)),
    ];
    match a.kind {
        Kind::Documents => {
            for (i, d) in plan.assessment.documents.iter().enumerate() {
                let mut runs = vec![run(&format!("{}. ", i + 1), BODY)];
                runs.extend(rich(
                    &format!("{}.", d.citation().trim_end_matches('.')),
                    BODY,
                    false,
                ));
                out.push(DocPart::from(body(runs)));
            }
        }
        Kind::Tasks => out.push(DocPart::T(Box::new(task_table(plan)))),
        Kind::Indicators => out.push(DocPart::T(Box::new(indicator_table(plan)))),
        Kind::Progress(day) => out.push(DocPart::T(Box::new(super::report::progress_table(
            plan, day,
        )))),
        Kind::Results => out.push(DocPart::T(Box::new(super::report::results_table(plan)))),
    }
    out
}

fn amount_text(v: rust_decimal::Decimal) -> String {
    if v.is_zero() {
        String::new()
    } else {
        money(v)
    }
}

const TASK_W: [usize; 7] = [650, 4700, 2200, 2700, 1350, 1250, 1437];

fn task_table(plan: &Plan) -> Table {
    let w = TASK_W;
    let names = |ids: &[String]| plan.agency_names(ids);
    let mut rows = vec![header_row(
        &[
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
            "Kinh phí (triệu đồng)",
            "Nguồn",
        ],
        &w,
    )];
    let totals = crate::budget::totals(plan);
    for (gi, g) in plan.groups.iter().enumerate() {
        let subtotal = totals
            .by_group
            .get(gi)
            .map_or(rust_decimal::Decimal::ZERO, |a| a.amount);
        rows.push(
            TableRow::new(vec![
                group_cell(&group_number(gi), w[0], AlignmentType::Center),
                group_cell(&g.title, w[1] + w[2] + w[3] + w[4], AlignmentType::Left).grid_span(4),
                group_cell(&amount_text(subtotal), w[5], AlignmentType::Right),
                group_cell("", w[6], AlignmentType::Left),
            ])
            .cant_split(),
        );
        for (ti, t) in g.tasks.iter().enumerate() {
            rows.push(
                TableRow::new(vec![
                    text_cell(&task_number(gi, ti), w[0], AlignmentType::Center, false),
                    text_cell(&t.title, w[1], AlignmentType::Left, false),
                    text_cell(&names(&t.lead), w[2], AlignmentType::Left, false),
                    text_cell(&names(&t.coordinating), w[3], AlignmentType::Left, false),
                    text_cell(
                        &t.deadline.as_ref().map_or(String::new(), |d| d.cell()),
                        w[4],
                        AlignmentType::Center,
                        false,
                    ),
                    text_cell(
                        &amount_text(crate::budget::sum(&t.budget)),
                        w[5],
                        AlignmentType::Right,
                        false,
                    ),
                    text_cell(
                        &crate::budget::sources_text(&t.budget),
                        w[6],
                        AlignmentType::Left,
                        false,
                    ),
                ])
                .cant_split(),
            );
        }
    }
    if !plan.budget.unallocated.is_empty() {
        rows.push(
            TableRow::new(vec![
                text_cell("", w[0], AlignmentType::Center, false),
                text_cell(
                    "Kinh phí dự kiến chưa phân bổ cho nhiệm vụ cụ thể",
                    w[1] + w[2] + w[3] + w[4],
                    AlignmentType::Left,
                    false,
                )
                .grid_span(4),
                text_cell(
                    &amount_text(totals.unallocated),
                    w[5],
                    AlignmentType::Right,
                    false,
                ),
                text_cell(
                    &crate::budget::sources_text(&plan.budget.unallocated),
                    w[6],
                    AlignmentType::Left,
                    false,
                ),
            ])
            .cant_split(),
        );
    }
    rows.push(
        TableRow::new(vec![
            text_cell("", w[0], AlignmentType::Center, true),
            text_cell(
                "TỔNG CỘNG",
                w[1] + w[2] + w[3] + w[4],
                AlignmentType::Center,
                true,
            )
            .grid_span(4),
            text_cell(&money(totals.total), w[5], AlignmentType::Right, true),
            text_cell("", w[6], AlignmentType::Left, false),
        ])
        .cant_split(),
    );
    fixed_table(rows, &w)
}

const IND_W: [usize; 5] = [650, 6700, 2400, 2400, 2137];

fn indicator_table(plan: &Plan) -> Table {
    let w = IND_W;
    let mut rows = vec![header_row(
        &[
            "TT",
            "Chỉ tiêu",
            "Mục tiêu",
            "Giá trị năm trước",
            "Thời hạn",
        ],
        &w,
    )];
    for (gi, g) in plan.specific_goals.iter().enumerate() {
        rows.push(group_row(
            &group_number(gi),
            &format!("{} ({})", g.title, g.pillar.label()),
            &w,
        ));
        for (ii, ind) in g.indicators.iter().enumerate() {
            let name = match &ind.denominator {
                Some(d) => format!("{} (trên tổng số {d})", ind.name),
                None => ind.name.clone(),
            };
            let baseline = ind.baseline.map_or(String::new(), |b| {
                format!("{}{}", money(b), if ind.unit == "%" { "%" } else { "" })
            });
            rows.push(
                TableRow::new(vec![
                    text_cell(&task_number(gi, ii), w[0], AlignmentType::Center, false),
                    text_cell(&name, w[1], AlignmentType::Left, false),
                    text_cell(
                        &crate::format::capitalise_first(&ind.target_text()),
                        w[2],
                        AlignmentType::Center,
                        false,
                    ),
                    text_cell(&baseline, w[3], AlignmentType::Center, false),
                    text_cell(
                        &ind.target_date.as_ref().map_or(String::new(), |d| d.cell()),
                        w[4],
                        AlignmentType::Center,
                        false,
                    ),
                ])
                .cant_split(),
            );
        }
    }
    fixed_table(rows, &w)
}
