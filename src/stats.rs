//! Plan figures for `dxplan stats` and the app's overview.

use std::collections::BTreeSet;
use ts_rs::TS;

use serde::Serialize;

use crate::budget::Totals;
use crate::model::Plan;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Stats {
    pub province: String,
    pub year: i32,
    pub groups: usize,
    pub tasks: usize,
    pub tasks_per_group: Vec<usize>,
    pub indicators: usize,
    pub legal_bases: usize,
    /// Entries in the directory.
    pub agencies: usize,
    /// Agencies that lead or coordinate at least one task.
    pub agencies_assigned: usize,
    pub budget: Totals,
}

pub fn stats(plan: &Plan) -> Stats {
    let assigned: BTreeSet<&str> = plan
        .tasks()
        .flat_map(|(_, t)| {
            t.lead
                .iter()
                .chain(t.coordinating.iter())
                .map(String::as_str)
        })
        .collect();
    Stats {
        province: plan.identity.province.clone(),
        year: plan.identity.year,
        groups: plan.groups.len(),
        tasks: plan.groups.iter().map(|g| g.tasks.len()).sum(),
        tasks_per_group: plan.groups.iter().map(|g| g.tasks.len()).collect(),
        indicators: plan.indicators().count(),
        legal_bases: plan.legal_bases.len(),
        agencies: plan.directory.len(),
        agencies_assigned: assigned.len(),
        budget: crate::budget::totals(plan),
    }
}

/// What one agency carries in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AgencyLoad {
    pub agency: crate::model::Id,
    pub name: String,
    pub led: usize,
    pub coordinated: usize,
    /// Budget of the tasks it leads (a task with several leads counts for each of them).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub budget_led: rust_decimal::Decimal,
}

/// Agencies with at least one task, in directory order.
pub fn assignments(plan: &Plan) -> Vec<AgencyLoad> {
    plan.directory
        .iter()
        .map(|a| {
            let mut load = AgencyLoad {
                agency: a.id.clone(),
                name: a.name.clone(),
                led: 0,
                coordinated: 0,
                budget_led: Default::default(),
            };
            for (_, t) in plan.tasks() {
                if t.lead.contains(&a.id) {
                    load.led += 1;
                    load.budget_led =
                        crate::budget::add(load.budget_led, crate::budget::sum(&t.budget));
                } else if t.coordinating.contains(&a.id) {
                    load.coordinated += 1;
                }
            }
            load
        })
        .filter(|l| l.led + l.coordinated > 0)
        .collect()
}
