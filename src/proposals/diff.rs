//! What a row of a returned workbook changes in the plan, field by field, with the plan's
//! value and the workbook's as the planner reads them: the review shows these, the CLI
//! prints their names.

use serde::Serialize;
use ts_rs::TS;

use crate::format::{date_short, money};
use crate::model::{Indicator, Plan, Task};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Difference {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(date_short).unwrap_or_default()
}

fn amount(a: Option<rust_decimal::Decimal>) -> String {
    a.map(money).unwrap_or_default()
}

/// Keeps the fields whose values differ (compared as values, shown as text).
fn changed(fields: Vec<(&'static str, bool, String, String)>) -> Vec<Difference> {
    fields
        .into_iter()
        .filter(|(_, differs, _, _)| *differs)
        .map(|(field, _, before, after)| Difference {
            field,
            before,
            after,
        })
        .collect()
}

pub fn task(plan: &Plan, old: &Task, new: &Task) -> Vec<Difference> {
    let budget = |t: &Task| {
        if t.budget.is_empty() {
            String::new()
        } else {
            format!(
                "{} ({})",
                money(crate::budget::sum(&t.budget)),
                crate::budget::sources_text(&t.budget)
            )
        }
    };
    let deadline = |t: &Task| t.deadline.as_ref().map_or(String::new(), |d| d.cell());
    let (o, n) = (&old.progress, &new.progress);
    changed(vec![
        (
            "tên",
            old.title != new.title,
            old.title.clone(),
            new.title.clone(),
        ),
        (
            "chủ trì",
            old.lead != new.lead,
            plan.agency_names(&old.lead),
            plan.agency_names(&new.lead),
        ),
        (
            "phối hợp",
            old.coordinating != new.coordinating,
            plan.agency_names(&old.coordinating),
            plan.agency_names(&new.coordinating),
        ),
        (
            "thời gian",
            old.deadline != new.deadline,
            deadline(old),
            deadline(new),
        ),
        (
            "sản phẩm",
            old.output != new.output,
            old.output.clone(),
            new.output.clone(),
        ),
        (
            "kinh phí",
            old.budget != new.budget,
            budget(old),
            budget(new),
        ),
        (
            "trạng thái",
            old.status != new.status,
            old.status.label().into(),
            new.status.label().into(),
        ),
        ("kết quả", o.note != n.note, o.note.clone(), n.note.clone()),
        (
            "minh chứng",
            o.evidence != n.evidence,
            o.evidence.clone(),
            n.evidence.clone(),
        ),
        (
            "kinh phí đã chi",
            o.spent != n.spent,
            amount(o.spent),
            amount(n.spent),
        ),
        (
            "ngày báo cáo",
            o.updated != n.updated,
            day(o.updated),
            day(n.updated),
        ),
    ])
}

pub fn indicator(old: &Indicator, new: &Indicator) -> Vec<Difference> {
    changed(vec![
        (
            "kết quả",
            old.actual != new.actual,
            amount(old.actual),
            amount(new.actual),
        ),
        (
            "ngày đo",
            old.measured != new.measured,
            day(old.measured),
            day(new.measured),
        ),
    ])
}
