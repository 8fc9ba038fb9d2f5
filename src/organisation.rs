//! Section VI (tổ chức thực hiện): duties per agency, generated from the task assignments so
//! that the organisation section always agrees with the task table; the planner then edits.

use crate::model::{Duty, Plan};
use crate::numbering::task_number;

/// One duty per agency that leads or coordinates at least one task, in directory order.
/// Duties the planner has edited (`generated == false`) are kept as they are, in the place of
/// the first agency they name; edited duties that name no agency come first.
pub fn generate(plan: &Plan) -> Vec<Duty> {
    let edited: Vec<&Duty> = plan
        .organisation
        .duties
        .iter()
        .filter(|d| !d.generated)
        .collect();
    let mut duties: Vec<Duty> = edited
        .iter()
        .filter(|d| !d.agencies.iter().any(|a| plan.agency(a).is_some()))
        .map(|d| (*d).clone())
        .collect();
    for agency in &plan.directory {
        if let Some(d) = edited.iter().find(|d| d.agencies.contains(&agency.id)) {
            if !duties.iter().any(|x| x.id == d.id) {
                duties.push((*d).clone());
            }
            continue;
        }
        let mut leads = Vec::new();
        let mut coordinates = Vec::new();
        for (gi, group) in plan.groups.iter().enumerate() {
            for (ti, task) in group.tasks.iter().enumerate() {
                if task.lead.contains(&agency.id) {
                    leads.push(task_number(gi, ti));
                } else if task.coordinating.contains(&agency.id) {
                    coordinates.push(task_number(gi, ti));
                }
            }
        }
        if leads.is_empty() && coordinates.is_empty() {
            continue;
        }
        let mut points = Vec::new();
        if !leads.is_empty() {
            points.push(format!(
                "1. Chủ trì tổ chức thực hiện các nhiệm vụ số {} tại Phụ lục kèm theo Kế hoạch này; chịu trách nhiệm về tiến độ, kết quả và báo cáo kết quả thực hiện.",
                leads.join(", ")
            ));
        }
        if !coordinates.is_empty() {
            points.push(format!(
                "{}. Phối hợp với cơ quan chủ trì thực hiện các nhiệm vụ số {}.",
                points.len() + 1,
                coordinates.join(", ")
            ));
        }
        duties.push(Duty {
            id: crate::model::new_id(),
            heading: agency.name.clone(),
            agencies: vec![agency.id.clone()],
            text: points.join("\n"),
            generated: true,
        });
    }
    duties
}
