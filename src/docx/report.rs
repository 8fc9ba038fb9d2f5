//! The results report of a plan's year ("Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm
//! N"), in the Decree 30 form: from what was tracked — statuses, progress notes, actuals,
//! amounts spent — never typed again. Its appendices list every task, numbered as in the
//! plan, and every indicator with its result.

use chrono::NaiveDate;

use super::content::{Block, Cell, Row, Table, TableKind};
use super::context::Ctx;
use super::parts;
use crate::format::money;
use crate::model::{Plan, Task, TaskStatus};
use crate::numbering::{group_number, task_number};
use crate::tracking::{overdue, status_text, verdict};

/// The day the report speaks of: given, or the last day of the plan's year.
pub use super::context::as_of;

fn actual_text(actual: Option<rust_decimal::Decimal>, unit: &str) -> String {
    actual.map_or("…".to_string(), |a| {
        format!("{}{}", money(a), if unit == "%" { "%" } else { "" })
    })
}

/// The report's body: goals and indicators, tasks by status and group, what is not done and
/// why, the budget planned and spent.
pub(super) fn body(ctx: &Ctx, day: NaiveDate) -> Vec<Block> {
    let plan = ctx.plan;
    let id = &plan.identity;
    let mut out = vec![
        parts::header(
            ctx,
            format!(
                "Số: {}/{}",
                id.report_number.as_deref().map_or("     ", str::trim),
                report_symbol(id)
            ),
            Some(day),
        ),
        parts::title(
            "BÁO CÁO",
            &format!("Kết quả thực hiện Kế hoạch chuyển đổi số năm {}", id.year),
        ),
    ];
    let plan_ref = match (&id.number, id.issue_date) {
        (Some(n), Some(d)) => format!(
            "Kế hoạch số {n}/{} ngày {} của {}",
            id.symbol,
            crate::format::date_short(d),
            id.issuer
        ),
        _ => format!("Kế hoạch {}", id.title),
    };
    let p = |text: String| Block::text(&text);
    out.push(p(format!(
        "Thực hiện {plan_ref}, {} báo cáo kết quả thực hiện đến ngày {} như sau:",
        id.issuer,
        crate::format::date_short(day)
    )));

    out.extend(goals(plan));
    out.extend(tasks(plan, day));
    out.extend(not_done(plan, day));
    out.extend(budget(plan));
    // V. Proposals: the planner writes them.
    out.push(Block::Heading("V. ĐỀ XUẤT, KIẾN NGHỊ".into()));
    out.push(Block::text("…"));
    out.push(Block::Blank);
    out.push(parts::signature(ctx, None));
    out
}

/// I. Goals and indicators: how many were met, each with its actual and verdict.
fn goals(plan: &Plan) -> Vec<Block> {
    let p = |text: String| Block::text(&text);
    let mut out = vec![Block::Heading(
        "I. KẾT QUẢ THỰC HIỆN MỤC TIÊU, CHỈ TIÊU".into(),
    )];
    let all: Vec<_> = plan.indicators().map(|(_, i)| i).collect();
    let met = all
        .iter()
        .filter(|i| i.reached(i.actual) == Some(true))
        .count();
    let measured = all.iter().filter(|i| i.actual.is_some()).count();
    out.push(p(format!(
        "Kế hoạch đặt {} chỉ tiêu; đã có số liệu {measured} chỉ tiêu, trong đó đạt {met} chỉ tiêu.",
        all.len()
    )));
    for (gi, g) in plan.specific_goals.iter().enumerate() {
        out.push(Block::Heading(format!("{}. {}", gi + 1, g.title)));
        for i in &g.indicators {
            // The day a value was measured is said when it is known: a figure of June is not
            // the year's result.
            let measured = i.measured.map_or(String::new(), |d| {
                format!(" (số liệu ngày {})", crate::format::date_short(d))
            });
            out.push(p(format!(
                "- {}: chỉ tiêu {}, thực hiện {}{measured} — {}.",
                i.name,
                i.target_text(),
                actual_text(i.actual, &i.unit),
                verdict(i.reached(i.actual))
            )));
        }
    }

    out
}

/// II. Tasks by status and by group.
fn tasks(plan: &Plan, day: NaiveDate) -> Vec<Block> {
    let p = |text: String| Block::text(&text);
    let mut out = vec![Block::Heading("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ".into())];
    let tasks: Vec<&Task> = plan.tasks().map(|(_, t)| t).collect();
    let count = |s: TaskStatus| tasks.iter().filter(|t| t.status == s).count();
    out.push(p(format!(
        "Kế hoạch có {} nhiệm vụ: hoàn thành {}, đang triển khai {}, chậm tiến độ {}, chưa triển khai {}, không thực hiện {}; quá hạn chưa hoàn thành {}. Chi tiết tại Phụ lục I kèm theo.",
        tasks.len(),
        count(TaskStatus::HoanThanh),
        count(TaskStatus::DangTrienKhai),
        count(TaskStatus::ChamTienDo),
        count(TaskStatus::ChuaTrienKhai),
        count(TaskStatus::KhongThucHien),
        tasks.iter().filter(|t| overdue(t, day)).count()
    )));
    for (gi, g) in plan.groups.iter().enumerate() {
        let done = g
            .tasks
            .iter()
            .filter(|t| t.status == TaskStatus::HoanThanh)
            .count();
        out.push(p(format!(
            "{}. {}: hoàn thành {done}/{} nhiệm vụ.",
            gi + 1,
            g.title,
            g.tasks.len()
        )));
    }

    out
}

/// III. Tasks not done, with what was reported.
fn not_done(plan: &Plan, day: NaiveDate) -> Vec<Block> {
    let p = |text: String| Block::text(&text);
    let mut out = vec![Block::Heading(
        "III. NHIỆM VỤ CHƯA HOÀN THÀNH VÀ NGUYÊN NHÂN".into(),
    )];
    let mut none = true;
    for (gi, g) in plan.groups.iter().enumerate() {
        for (ti, t) in g.tasks.iter().enumerate() {
            if t.status == TaskStatus::HoanThanh {
                continue;
            }
            none = false;
            let why = if t.progress.note.trim().is_empty() {
                "chưa có báo cáo".to_string()
            } else {
                crate::narrative::plain(&t.progress.note)
            };
            out.push(p(format!(
                "- Nhiệm vụ {} «{}» ({}): {why}",
                task_number(gi, ti),
                t.title,
                status_text(t, day).to_lowercase()
            )));
        }
    }
    if none {
        out.push(p("Tất cả nhiệm vụ đã hoàn thành.".into()));
    }

    out
}

/// IV. Budget planned and spent.
fn budget(plan: &Plan) -> Vec<Block> {
    let tasks: Vec<&Task> = plan.tasks().map(|(_, t)| t).collect();
    let mut out = vec![Block::Heading("IV. KINH PHÍ THỰC HIỆN".into())];
    let spent: Vec<_> = tasks.iter().filter_map(|t| t.progress.spent).collect();
    out.push(Block::text(&format!(
        "Kinh phí theo kế hoạch: {} triệu đồng; kinh phí đã thực hiện theo báo cáo của {} nhiệm vụ: {} triệu đồng.",
        money(crate::budget::grand_total(plan)),
        spent.len(),
        money(crate::budget::total(spent.iter().copied()))
    )));

    out
}

use super::context::report_symbol;

/// Every task, numbered as in the plan, with its lead, deadline, status and what was done.
pub(super) fn progress_table(plan: &Plan, day: NaiveDate) -> Table {
    let header = [
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời gian thực hiện",
        "Tình trạng",
        "Kết quả, sản phẩm",
    ];
    let mut rows = Vec::new();
    for (gi, g) in plan.groups.iter().enumerate() {
        rows.push(Row::group(&group_number(gi), &g.title, header.len()));
        for (ti, t) in g.tasks.iter().enumerate() {
            let result = [
                crate::narrative::plain(&t.progress.note),
                t.progress.evidence.clone(),
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
            rows.push(Row::item(vec![
                Cell::center(&task_number(gi, ti)),
                Cell::left(&t.title),
                Cell::left(&plan.agency_names(&t.lead)),
                Cell::center(&t.deadline.as_ref().map_or(String::new(), |d| d.cell())),
                Cell::center(&status_text(t, day)),
                Cell::left(&result),
            ]));
        }
    }
    Table {
        kind: TableKind::Progress,
        header: header.map(String::from).to_vec(),
        rows,
    }
}

/// Every indicator with its target, the actual and the verdict.
pub(super) fn results_table(plan: &Plan) -> Table {
    let header = ["TT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Đánh giá"];
    let mut rows = Vec::new();
    for (gi, g) in plan.specific_goals.iter().enumerate() {
        rows.push(Row::group(&group_number(gi), &g.title, header.len()));
        for (ii, i) in g.indicators.iter().enumerate() {
            rows.push(Row::item(vec![
                Cell::center(&task_number(gi, ii)),
                Cell::left(&i.name),
                Cell::center(&crate::format::capitalise_first(&i.target_text())),
                Cell::center(&actual_text(i.actual, &i.unit)),
                Cell::center(&crate::format::capitalise_first(verdict(
                    i.reached(i.actual),
                ))),
            ]));
        }
    }
    Table {
        kind: TableKind::Results,
        header: header.map(String::from).to_vec(),
        rows,
    }
}
