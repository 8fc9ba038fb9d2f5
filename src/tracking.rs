//! Following an issued plan through its year: which tasks are late or about to be, how the
//! tasks stand by status, group and lead agency, and where each indicator has got to. The
//! tracking screen shows this view; the results report and next year's Phần I read the same
//! task statuses, progress and actuals.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::format::money;
use crate::model::{Deadline, Id, Plan, Progress, Task, TaskStatus};
use crate::numbering::task_number;
use crate::{Error, Result};

/// A task whose deadline ends within this many days (a month: on 30 November a task due by
/// the end of the year, when the results report is due) and is not done is at risk.
pub const AT_RISK_DAYS: i64 = 31;

/// Where a task stands against its deadline on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Finished, or stopped on purpose.
    Closed,
    /// Reported "Chậm tiến độ", or the deadline's last day reached, not finished.
    Overdue,
    /// Deadline within `AT_RISK_DAYS`, not finished.
    AtRisk,
    OnTrack,
    /// No deadline that ends on a day ("Thường xuyên").
    Ongoing,
}

pub fn closed(t: &Task) -> bool {
    matches!(t.status, TaskStatus::HoanThanh | TaskStatus::KhongThucHien)
}

/// The one definition of "late" that the tracking screen's filter, its counts, the chart
/// and the results report all use: not finished, and either reported "Chậm tiến độ" or its
/// deadline's last day reached (a task due "Năm 2023" and unfinished on 31/12/2023 is late in
/// the year-end report).
pub fn urgency(t: &Task, day: NaiveDate) -> Urgency {
    if closed(t) {
        return Urgency::Closed;
    }
    if t.status == TaskStatus::ChamTienDo {
        return Urgency::Overdue;
    }
    match t.deadline.as_ref().and_then(Deadline::span) {
        None => Urgency::Ongoing,
        Some((_, end)) if end <= day => Urgency::Overdue,
        Some((_, end)) if (end - day).num_days() <= AT_RISK_DAYS => Urgency::AtRisk,
        Some(_) => Urgency::OnTrack,
    }
}

/// A late task on `day` (see `urgency`).
pub fn overdue(t: &Task, day: NaiveDate) -> bool {
    urgency(t, day) == Urgency::Overdue
}

/// "Hoàn thành", "Chậm tiến độ (quá hạn)", …
pub fn status_text(t: &Task, day: NaiveDate) -> String {
    let label = t.status.label().to_string();
    if overdue(t, day) && t.status != TaskStatus::ChamTienDo {
        format!("{label} (quá hạn)")
    } else {
        label
    }
}

/// An indicator's result against its target: "đạt", "chưa đạt", "chưa có số liệu".
pub fn verdict(reached: Option<bool>) -> &'static str {
    match reached {
        Some(true) => "đạt",
        Some(false) => "chưa đạt",
        None => "chưa có số liệu",
    }
}

/// A task as the tracking screen lists it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TrackedTask {
    pub id: Id,
    /// As numbered in the plan ("3.2").
    pub number: String,
    pub group: Id,
    pub title: String,
    pub lead: Vec<Id>,
    pub deadline: String,
    pub status: TaskStatus,
    pub urgency: Urgency,
    /// Million VND planned and spent, formatted.
    pub planned: String,
    pub spent: Option<String>,
    pub reported: Option<NaiveDate>,
}

/// Tasks of one group or one lead agency, counted by status.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Tally {
    pub id: Id,
    pub name: String,
    /// In the order of `TaskStatus::ALL`.
    pub by_status: Vec<u32>,
    pub total: u32,
    pub overdue: u32,
    pub at_risk: u32,
}

impl Tally {
    fn new(id: &str, name: &str) -> Tally {
        Tally {
            id: id.to_string(),
            name: name.to_string(),
            by_status: vec![0; TaskStatus::ALL.len()],
            total: 0,
            overdue: 0,
            at_risk: 0,
        }
    }

    fn count(&mut self, t: &TrackedTask) {
        let i = TaskStatus::ALL
            .iter()
            .position(|s| *s == t.status)
            .unwrap_or(0);
        self.by_status[i] += 1;
        self.total += 1;
        self.overdue += u32::from(t.urgency == Urgency::Overdue);
        self.at_risk += u32::from(t.urgency == Urgency::AtRisk);
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TrackedIndicator {
    pub id: Id,
    pub goal: String,
    pub name: String,
    pub target: String,
    /// Đạt / chưa đạt; `None` without an actual.
    pub reached: Option<bool>,
}

/// The tracking screen's view of a plan on a day.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Tracking {
    pub as_of: NaiveDate,
    pub tasks: Vec<TrackedTask>,
    /// The whole plan, then by group and by lead agency (a task with two leads counts for
    /// both; one without a lead under "Chưa có cơ quan chủ trì").
    pub all: Tally,
    pub groups: Vec<Tally>,
    pub agencies: Vec<Tally>,
    pub indicators: Vec<TrackedIndicator>,
    pub planned: String,
    pub spent: String,
}

pub fn view(plan: &Plan, as_of: NaiveDate) -> Tracking {
    let mut tasks = Vec::new();
    let mut groups = Vec::new();
    for (gi, g) in plan.groups.iter().enumerate() {
        let mut tally = Tally::new(&g.id, &g.title);
        for (ti, t) in g.tasks.iter().enumerate() {
            let row = TrackedTask {
                id: t.id.clone(),
                number: task_number(gi, ti),
                group: g.id.clone(),
                title: t.title.clone(),
                lead: t.lead.clone(),
                deadline: t.deadline.as_ref().map_or(String::new(), Deadline::cell),
                status: t.status,
                urgency: urgency(t, as_of),
                planned: money(crate::budget::sum(&t.budget)),
                spent: t.progress.spent.map(money),
                reported: t.progress.updated,
            };
            tally.count(&row);
            tasks.push(row);
        }
        groups.push(tally);
    }
    let mut all = Tally::new("", "Toàn kế hoạch");
    tasks.iter().for_each(|t| all.count(t));
    Tracking {
        as_of,
        all,
        groups,
        agencies: by_agency(plan, &tasks),
        indicators: plan
            .indicators()
            .map(|(g, i)| TrackedIndicator {
                id: i.id.clone(),
                goal: g.title.clone(),
                name: i.name.clone(),
                target: i.target_text(),
                reached: i.reached(i.actual),
            })
            .collect(),
        planned: money(crate::budget::total(
            plan.tasks().map(|(_, t)| crate::budget::sum(&t.budget)),
        )),
        spent: money(crate::budget::total(
            plan.tasks().filter_map(|(_, t)| t.progress.spent),
        )),
        tasks,
    }
}

/// Tallies by lead agency, in the directory's order.
fn by_agency(plan: &Plan, tasks: &[TrackedTask]) -> Vec<Tally> {
    let mut out: Vec<Tally> = plan
        .directory
        .iter()
        .map(|a| Tally::new(&a.id, a.short.as_deref().unwrap_or(&a.name)))
        .collect();
    let mut none = Tally::new("", "Chưa có cơ quan chủ trì");
    for t in tasks {
        if t.lead.is_empty() {
            none.count(t);
        }
        for lead in &t.lead {
            if let Some(tally) = out.iter_mut().find(|x| x.id == *lead) {
                tally.count(t);
            }
        }
    }
    out.push(none);
    out.retain(|t| t.total > 0);
    out
}

/// A reported amount spent must be one (the window marks it before it gets here).
pub fn check_progress(p: &Progress) -> Result<()> {
    if let Some(spent) = p.spent {
        if spent < Decimal::ZERO || spent > crate::budget::MAX_AMOUNT {
            return Err(Error::Invalid(format!(
                "Kinh phí đã chi «{}» không hợp lệ (triệu đồng, không âm).",
                money(spent)
            )));
        }
    }
    if let Some(d) = p.updated {
        check_day(d, "Ngày báo cáo")?;
    }
    Ok(())
}

pub fn check_actual(actual: Option<Decimal>, measured: Option<NaiveDate>) -> Result<()> {
    if let Some(d) = measured {
        check_day(d, "Ngày đo kết quả")?;
    }
    if measured.is_some() && actual.is_none() {
        return Err(Error::Invalid(
            "Có ngày đo nhưng chưa có kết quả thực hiện của chỉ tiêu.".into(),
        ));
    }
    Ok(())
}

fn check_day(d: NaiveDate, what: &str) -> Result<()> {
    use chrono::Datelike;
    if !(2000..=2100).contains(&d.year()) {
        return Err(Error::Invalid(format!(
            "{what} {} không hợp lệ.",
            crate::format::date_short(d)
        )));
    }
    if not_yet(d) {
        return Err(Error::Invalid(format!(
            "{what} {} là ngày chưa đến: báo cáo ghi ngày đã có kết quả.",
            crate::format::date_short(d)
        )));
    }
    Ok(())
}

/// A day after tomorrow (a day's slack for time zones): no report is made on it yet.
pub fn not_yet(d: NaiveDate) -> bool {
    d > chrono::Local::now().date_naive() + chrono::Days::new(1)
}
