//! The results report of a plan's year ("Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm
//! N"), in the Decree 30 form: from what was tracked — statuses, progress notes, actuals,
//! amounts spent — never typed again. Its appendices list every task, numbered as in the
//! plan, and every indicator with its result.

use chrono::NaiveDate;
use docx_rs::*;

use super::style::*;
use super::{header_block, signature_block, title_block, Ctx, DocPart};
use crate::format::money;
use crate::model::{Plan, Task, TaskStatus};
use crate::numbering::{group_number, task_number};
use crate::tracking::{overdue, status_text, verdict};

/// The day the report speaks of: given, or the last day of the plan's year.
pub fn as_of(plan: &Plan, given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(plan.identity.year, 12, 31).unwrap_or(NaiveDate::MIN)
    })
}

fn actual_text(actual: Option<rust_decimal::Decimal>, unit: &str) -> String {
    actual.map_or("…".to_string(), |a| {
        format!("{}{}", money(a), if unit == "%" { "%" } else { "" })
    })
}

pub(super) fn body(ctx: &Ctx, day: NaiveDate) -> Vec<DocPart> {
    let plan = ctx.plan;
    let id = &plan.identity;
    let mut out = header_block(
        ctx,
        format!(
            "Số: {}/{}",
            id.report_number.as_deref().map_or("     ", str::trim),
            symbol(id)
        ),
        Some(day),
    );
    out.extend(title_block(
        "BÁO CÁO",
        &format!("Kết quả thực hiện Kế hoạch chuyển đổi số năm {}", id.year),
    ));
    let plan_ref = match (&id.number, id.issue_date) {
        (Some(n), Some(d)) => format!(
            "Kế hoạch số {n}/{} ngày {} của {}",
            id.symbol,
            crate::format::date_short(d),
            id.issuer
        ),
        _ => format!("Kế hoạch {}", id.title),
    };
    let p = |text: String| DocPart::from(body_text(&text));
    out.push(p(format!(
        "Thực hiện {plan_ref}, {} báo cáo kết quả thực hiện đến ngày {} như sau:",
        id.issuer,
        crate::format::date_short(day)
    )));

    // I. Goals and indicators.
    out.push(DocPart::from(heading(
        "I. KẾT QUẢ THỰC HIỆN MỤC TIÊU, CHỈ TIÊU",
    )));
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
        out.push(DocPart::from(heading(&format!("{}. {}", gi + 1, g.title))));
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

    // II. Tasks by status and by group.
    out.push(DocPart::from(heading("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")));
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

    // III. Tasks not done, with what was reported.
    out.push(DocPart::from(heading(
        "III. NHIỆM VỤ CHƯA HOÀN THÀNH VÀ NGUYÊN NHÂN",
    )));
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

    // IV. Budget planned and spent.
    out.push(DocPart::from(heading("IV. KINH PHÍ THỰC HIỆN")));
    let spent: Vec<_> = tasks.iter().filter_map(|t| t.progress.spent).collect();
    out.push(p(format!(
        "Kinh phí theo kế hoạch: {} triệu đồng; kinh phí đã thực hiện theo báo cáo của {} nhiệm vụ: {} triệu đồng.",
        money(crate::budget::grand_total(plan)),
        spent.len(),
        money(crate::budget::total(spent.iter().copied()))
    )));

    // V. Proposals: the planner writes them.
    out.push(DocPart::from(heading("V. ĐỀ XUẤT, KIẾN NGHỊ")));
    out.push(p("…".into()));
    out.push(DocPart::from(empty(PT12)));
    out.push(signature_block(ctx, None));
    out
}

/// "KH-UBND" → "UBND": the issuing body's part of a symbol.
/// "BC-UBND": the report's symbol, for the issuer the plan's symbol names ("KH-UBND").
pub(super) fn symbol(id: &crate::model::Identity) -> String {
    format!(
        "BC-{}",
        id.symbol.split_once('-').map_or("UBND", |(_, b)| b)
    )
}

const PROGRESS_W: [usize; 6] = [650, 4700, 2300, 1500, 1700, 3437];

/// Every task, numbered as in the plan, with its lead, deadline, status and what was done.
pub(super) fn progress_table(plan: &Plan, day: NaiveDate) -> Table {
    let w = PROGRESS_W;
    let mut rows = vec![header_row(
        &[
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan chủ trì",
            "Thời gian thực hiện",
            "Tình trạng",
            "Kết quả, sản phẩm",
        ],
        &w,
    )];
    for (gi, g) in plan.groups.iter().enumerate() {
        rows.push(group_row(&group_number(gi), &g.title, &w));
        for (ti, t) in g.tasks.iter().enumerate() {
            let lead = plan.agency_names(&t.lead);
            let result = [
                crate::narrative::plain(&t.progress.note),
                t.progress.evidence.clone(),
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
            let cell = |text: &str, i: usize, align| text_cell(text, w[i], align, false);
            rows.push(
                TableRow::new(vec![
                    cell(&task_number(gi, ti), 0, AlignmentType::Center),
                    cell(&t.title, 1, AlignmentType::Left),
                    cell(&lead, 2, AlignmentType::Left),
                    cell(
                        &t.deadline.as_ref().map_or(String::new(), |d| d.cell()),
                        3,
                        AlignmentType::Center,
                    ),
                    cell(&status_text(t, day), 4, AlignmentType::Center),
                    cell(&result, 5, AlignmentType::Left),
                ])
                .cant_split(),
            );
        }
    }
    fixed_table(rows, &w)
}

const RESULT_W: [usize; 5] = [650, 6700, 2400, 2400, 2137];

/// Every indicator with its target, the actual and the verdict.
pub(super) fn results_table(plan: &Plan) -> Table {
    let w = RESULT_W;
    let mut rows = vec![header_row(
        &["TT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Đánh giá"],
        &w,
    )];
    for (gi, g) in plan.specific_goals.iter().enumerate() {
        rows.push(group_row(&group_number(gi), &g.title, &w));
        for (ii, i) in g.indicators.iter().enumerate() {
            let cell = |text: &str, k: usize, align| text_cell(text, w[k], align, false);
            rows.push(
                TableRow::new(vec![
                    cell(&task_number(gi, ii), 0, AlignmentType::Center),
                    cell(&i.name, 1, AlignmentType::Left),
                    cell(
                        &crate::format::capitalise_first(&i.target_text()),
                        2,
                        AlignmentType::Center,
                    ),
                    cell(&actual_text(i.actual, &i.unit), 3, AlignmentType::Center),
                    cell(
                        &crate::format::capitalise_first(verdict(i.reached(i.actual))),
                        4,
                        AlignmentType::Center,
                    ),
                ])
                .cant_split(),
            );
        }
    }
    fixed_table(rows, &w)
}
