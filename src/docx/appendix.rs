//! Appendices, as content: each a landscape section paginated on its own, "Phụ lục I/II…",
//! its title and the "(Kèm theo …)" line; the task table, the indicator table, last year's
//! documents, and the report's tables.

use super::content::{plain, rich, Block, Cell, Row, Table, TableKind};
use super::context::Ctx;
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

pub fn tasks() -> Appendix {
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

/// One appendix: its label, title and "(Kèm theo …)" line, then what it lists.
pub fn blocks(ctx: &Ctx, label: &str, a: &Appendix) -> Vec<Block> {
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
        Block::Caption(label.to_string()),
        Block::Caption(title),
        Block::AttachedTo(ctx.attached_to()),
        Block::Blank,
    ];
    match a.kind {
        Kind::Documents => {
            for (i, d) in plan.assessment.documents.iter().enumerate() {
                let mut spans = vec![plain(&format!("{}. ", i + 1))];
                spans.extend(rich(
                    &format!("{}.", d.citation().trim_end_matches('.')),
                    false,
                ));
                out.push(Block::Para(spans));
            }
        }
        Kind::Tasks => out.push(Block::Table(task_table(plan))),
        Kind::Indicators => out.push(Block::Table(indicator_table(plan))),
        Kind::Progress(day) => out.push(Block::Table(super::report::progress_table(plan, day))),
        Kind::Results => out.push(Block::Table(super::report::results_table(plan))),
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

/// The task appendix: a group's row with its subtotal, then its tasks; the budget not given
/// to a task; the total. A "Kết quả, sản phẩm" column when some task names its output; the
/// "Nguồn" cell gives each budget line its amount when a task has several, so the appendix
/// says where each amount comes from (and reads back as the same lines).
fn task_table(plan: &Plan) -> Table {
    let with_output = plan.tasks().any(|(_, t)| !t.output.trim().is_empty());
    let mut header = vec!["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"];
    if with_output {
        header.push("Kết quả, sản phẩm");
    }
    header.extend(["Thời gian thực hiện", "Kinh phí (triệu đồng)", "Nguồn"]);
    // The columns a group's title or a total's label covers: all but the number, the
    // amount and the sources.
    let across = header.len() - 3;
    let names = |ids: &[String]| plan.agency_names(ids);
    let totals = crate::budget::totals(plan);
    let mut rows = Vec::new();
    for (gi, g) in plan.groups.iter().enumerate() {
        let subtotal = totals
            .by_group
            .get(gi)
            .map_or(rust_decimal::Decimal::ZERO, |a| a.amount);
        rows.push(Row {
            group: true,
            cells: vec![
                Cell::center(&group_number(gi)),
                Cell::left(&g.title).span(across),
                Cell::right(&amount_text(subtotal)),
                Cell::left(""),
            ],
        });
        for (ti, t) in g.tasks.iter().enumerate() {
            let mut cells = vec![
                Cell::center(&task_number(gi, ti)),
                Cell::left(&t.title),
                Cell::left(&names(&t.lead)),
                Cell::left(&names(&t.coordinating)),
            ];
            if with_output {
                cells.push(Cell::left(&t.output));
            }
            cells.extend([
                Cell::center(&t.deadline.as_ref().map_or(String::new(), |d| d.cell())),
                Cell::right(&amount_text(crate::budget::sum(&t.budget))),
                Cell::lines(crate::budget::lines_text(&t.budget)),
            ]);
            rows.push(Row::item(cells));
        }
    }
    if !plan.budget.unallocated.is_empty() {
        rows.push(Row::item(vec![
            Cell::center(""),
            Cell::left("Kinh phí dự kiến chưa phân bổ cho nhiệm vụ cụ thể").span(across),
            Cell::right(&amount_text(totals.unallocated)),
            Cell::lines(crate::budget::lines_text(&plan.budget.unallocated)),
        ]));
    }
    rows.push(Row::item(vec![
        Cell::center("").strong(),
        Cell::center("TỔNG CỘNG").strong().span(across),
        Cell::right(&money(totals.total)).strong(),
        Cell::lines(Vec::new()),
    ]));
    Table {
        kind: if with_output {
            TableKind::TasksWithOutput
        } else {
            TableKind::Tasks
        },
        header: header.into_iter().map(String::from).collect(),
        rows,
    }
}

/// Each goal (with its pillar), then its indicators: target, last year's value, deadline.
fn indicator_table(plan: &Plan) -> Table {
    let header = [
        "TT",
        "Chỉ tiêu",
        "Mục tiêu",
        "Giá trị năm trước",
        "Thời hạn",
    ];
    let mut rows = Vec::new();
    for (gi, g) in plan.specific_goals.iter().enumerate() {
        rows.push(Row::group(
            &group_number(gi),
            &format!("{} ({})", g.title, g.pillar.label()),
            header.len(),
        ));
        for (ii, ind) in g.indicators.iter().enumerate() {
            let name = match &ind.denominator {
                Some(d) => format!("{} (trên tổng số {d})", ind.name),
                None => ind.name.clone(),
            };
            let baseline = ind.baseline.map_or(String::new(), |b| {
                format!("{}{}", money(b), if ind.unit == "%" { "%" } else { "" })
            });
            rows.push(Row::item(vec![
                Cell::center(&task_number(gi, ii)),
                Cell::left(&name),
                Cell::center(&crate::format::capitalise_first(&ind.target_text())),
                Cell::center(&baseline),
                Cell::center(&ind.target_date.as_ref().map_or(String::new(), |d| d.cell())),
            ]));
        }
    }
    Table {
        kind: TableKind::Indicators,
        header: header.map(String::from).to_vec(),
        rows,
    }
}
