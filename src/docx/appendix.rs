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
/// With a "Kết quả, sản phẩm" column after the coordinators (the same page width).
const TASK_W_OUTPUT: [usize; 8] = [650, 3300, 1900, 2300, 2100, 1300, 1250, 1487];

/// The task appendix: a group's row with its subtotal, then its tasks; the budget not given
/// to a task; the total. A "Kết quả, sản phẩm" column when some task names its output; the
/// "Nguồn" cell gives each budget line its amount when a task has several, so the appendix
/// says where each amount comes from (and reads back as the same lines).
fn task_table(plan: &Plan) -> Table {
    let with_output = plan.tasks().any(|(_, t)| !t.output.trim().is_empty());
    let (w, titles): (&[usize], Vec<&str>) = if with_output {
        (
            &TASK_W_OUTPUT,
            vec![
                "TT",
                "Tên nhiệm vụ",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
                "Kết quả, sản phẩm",
                "Thời gian thực hiện",
                "Kinh phí (triệu đồng)",
                "Nguồn",
            ],
        )
    } else {
        (
            &TASK_W,
            vec![
                "TT",
                "Tên nhiệm vụ",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
                "Thời gian thực hiện",
                "Kinh phí (triệu đồng)",
                "Nguồn",
            ],
        )
    };
    // The amount column, and the width a group's title or a total's label spans.
    let amount = w.len() - 2;
    let across: usize = w[1..amount].iter().sum();
    let names = |ids: &[String]| plan.agency_names(ids);
    let left = |text: &str, i: usize| text_cell(text, w[i], AlignmentType::Left, false);
    let mut rows = vec![header_row(&titles, w)];
    let totals = crate::budget::totals(plan);
    for (gi, g) in plan.groups.iter().enumerate() {
        let subtotal = totals
            .by_group
            .get(gi)
            .map_or(rust_decimal::Decimal::ZERO, |a| a.amount);
        rows.push(
            TableRow::new(vec![
                group_cell(&group_number(gi), w[0], AlignmentType::Center),
                group_cell(&g.title, across, AlignmentType::Left).grid_span(amount - 1),
                group_cell(&amount_text(subtotal), w[amount], AlignmentType::Right),
                group_cell("", w[amount + 1], AlignmentType::Left),
            ])
            .cant_split(),
        );
        for (ti, t) in g.tasks.iter().enumerate() {
            let mut cells = vec![
                text_cell(&task_number(gi, ti), w[0], AlignmentType::Center, false),
                left(&t.title, 1),
                left(&names(&t.lead), 2),
                left(&names(&t.coordinating), 3),
            ];
            if with_output {
                cells.push(left(&t.output, 4));
            }
            cells.extend([
                text_cell(
                    &t.deadline.as_ref().map_or(String::new(), |d| d.cell()),
                    w[amount - 1],
                    AlignmentType::Center,
                    false,
                ),
                text_cell(
                    &amount_text(crate::budget::sum(&t.budget)),
                    w[amount],
                    AlignmentType::Right,
                    false,
                ),
                lines_cell(&crate::budget::lines_text(&t.budget), w[amount + 1]),
            ]);
            rows.push(TableRow::new(cells).cant_split());
        }
    }
    let total_row = |label: &str, amount_cell: String, sources: Vec<String>, strong: bool| {
        let align = if strong {
            AlignmentType::Center
        } else {
            AlignmentType::Left
        };
        TableRow::new(vec![
            text_cell("", w[0], AlignmentType::Center, strong),
            text_cell(label, across, align, strong).grid_span(amount - 1),
            text_cell(&amount_cell, w[amount], AlignmentType::Right, strong),
            lines_cell(&sources, w[amount + 1]),
        ])
        .cant_split()
    };
    if !plan.budget.unallocated.is_empty() {
        rows.push(total_row(
            "Kinh phí dự kiến chưa phân bổ cho nhiệm vụ cụ thể",
            amount_text(totals.unallocated),
            crate::budget::lines_text(&plan.budget.unallocated),
            false,
        ));
    }
    rows.push(total_row(
        "TỔNG CỘNG",
        money(totals.total),
        Vec::new(),
        true,
    ));
    fixed_table(rows, w)
}

/// A cell of one paragraph per line.
fn lines_cell(lines: &[String], width: usize) -> TableCell {
    let paras = if lines.is_empty() {
        vec![cell_para(vec![run("", PT12)], AlignmentType::Left)]
    } else {
        lines
            .iter()
            .map(|l| cell_para(vec![run(l, PT12)], AlignmentType::Left))
            .collect()
    };
    cell(paras, width)
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
