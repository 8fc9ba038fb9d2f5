//! Plans the benchmarks share.

use dxplan::model::{BudgetLevel, BudgetLine, BudgetSource, Deadline, Plan};

/// The sample, its groups filled up to `n` tasks with realistic rows.
pub fn big_plan(n: usize) -> Plan {
    let mut plan = dxplan::sample::plan();
    let templates: Vec<_> = plan.tasks().map(|(_, t)| t.clone()).collect();
    let groups = plan.groups.len();
    for g in &mut plan.groups {
        g.tasks.clear();
    }
    for i in 0..n {
        let mut t = templates[i % templates.len()].clone();
        t.id = format!("bench-{i}");
        t.title = format!("{} (đợt {})", t.title, i / templates.len() + 1);
        t.deadline = Some(Deadline::Quarter {
            year: 2023,
            quarter: (i % 4) as u32 + 1,
        });
        t.budget = vec![BudgetLine {
            amount: format!("{}.5", 100 + i % 900).parse().unwrap(),
            source: Some(if i % 3 == 0 {
                BudgetSource::DauTuPhatTrien
            } else {
                BudgetSource::ThuongXuyen
            }),
            level: Some(BudgetLevel::Tinh),
            note: String::new(),
        }];
        plan.groups[i % groups].tasks.push(t);
    }
    plan
}
