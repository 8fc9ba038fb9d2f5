//! The checks of the task table: numbering, names, agencies, deadlines, indicators served
//! and budget lines, each finding located at its task.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::{at, Findings, Location, Section, Severity, TASK_LIMIT, TITLE_LIMIT};
use crate::model::{AgencyKind, BudgetLine, Plan};
use crate::numbering::task_number;
use crate::text::fold;

pub(super) fn check(plan: &Plan, f: &mut Findings) {
    let indicator_ids: HashSet<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
    let total: usize = plan.groups.iter().map(|g| g.tasks.len()).sum();
    if total > TASK_LIMIT {
        f.push(
            Severity::Warning,
            "plan.too_many_tasks",
            at(Section::Tasks, "Nhiệm vụ"),
            format!(
                "Kế hoạch có {total} nhiệm vụ (nên không quá khoảng {TASK_LIMIT}): kế hoạch gọn, tập trung thường được thực hiện đầy đủ hơn."
            ),
        );
    }
    if plan.groups.is_empty() {
        f.push(
            Severity::Error,
            "plan.no_groups",
            at(Section::Tasks, "Nhiệm vụ"),
            "Kế hoạch chưa có nhóm nhiệm vụ nào.".into(),
        );
    }
    for (gi, group) in plan.groups.iter().enumerate() {
        let gloc = Location {
            group: Some(group.id.clone()),
            ..at(Section::Tasks, format!("Nhóm {} «{}»", gi + 1, group.title))
        };
        if group.title.trim().is_empty() {
            f.push(
                Severity::Error,
                "group.no_title",
                gloc.clone(),
                format!("Nhóm {} chưa có tên.", gi + 1),
            );
        }
        if group.tasks.is_empty() {
            f.push(
                Severity::Warning,
                "group.empty",
                gloc.clone(),
                format!("Nhóm {} «{}» chưa có nhiệm vụ nào.", gi + 1, group.title),
            );
        }
        let mut titles: HashMap<String, String> = HashMap::new();
        for (ti, task) in group.tasks.iter().enumerate() {
            let number = task_number(gi, ti);
            let loc = Location {
                task: Some(task.id.clone()),
                ..Location {
                    label: format!("Nhiệm vụ {number}"),
                    ..gloc.clone()
                }
            };
            if task.title.trim().is_empty() {
                f.push(
                    Severity::Error,
                    "task.no_title",
                    loc.clone(),
                    format!("Nhiệm vụ {number} chưa có tên."),
                );
            } else if let Some(first) = titles.insert(fold(&task.title), number.clone()) {
                f.push(
                    Severity::Error,
                    "task.duplicate_title",
                    loc.clone(),
                    format!("Nhiệm vụ {number} trùng tên với nhiệm vụ {first} trong cùng nhóm."),
                );
            }
            let length = task.title.chars().count();
            if length > TITLE_LIMIT {
                f.push(
                    Severity::Error,
                    "task.title_too_long",
                    loc.clone(),
                    format!("Tên nhiệm vụ {number} dài {length} ký tự (tối đa {TITLE_LIMIT}): giữ tên ngắn gọn, đưa phần giải thích vào mô tả."),
                );
            }
            task_checks(plan, task, &number, &loc, &indicator_ids, f);
        }
    }
}

/// One task's leads and coordinators, deadline, indicators and budget lines (its title is
/// checked with its group's, for duplicates).
fn task_checks(
    plan: &Plan,
    task: &crate::model::Task,
    number: &str,
    loc: &Location,
    indicator_ids: &HashSet<&str>,
    f: &mut Findings,
) {
    task_agencies(plan, task, number, loc, f);
    if let Some(d) = &task.deadline {
        if !d.is_well_formed() {
            f.push(
                Severity::Error,
                "task.deadline_invalid",
                loc.clone(),
                format!("Nhiệm vụ {number}: thời hạn «{}» không hợp lệ.", d.text()),
            );
        } else if let Some((start, end)) = d.span() {
            use chrono::Datelike;
            let y = plan.identity.year;
            if end.year() < y || start.year() > y {
                f.push(
                    Severity::Warning,
                    "task.deadline_outside_year",
                    loc.clone(),
                    format!(
                        "Nhiệm vụ {number}: thời hạn «{}» nằm ngoài năm kế hoạch {y}.",
                        d.text()
                    ),
                );
            }
        }
    }
    for i in &task.indicators {
        if !indicator_ids.contains(i.as_str()) {
            f.push(
                Severity::Error,
                "task.unknown_indicator",
                loc.clone(),
                format!("Nhiệm vụ {number} gắn với chỉ tiêu «{i}» không còn trong kế hoạch."),
            );
        }
    }
    budget_lines(&task.budget, &loc, &format!("Nhiệm vụ {number}"), f);
}

/// A task's lead (one body, not a collective) and coordinators, each in the directory.
fn task_agencies(
    plan: &Plan,
    task: &crate::model::Task,
    number: &str,
    loc: &Location,
    f: &mut Findings,
) {
    if task.lead.is_empty() {
        f.push(
            Severity::Error,
            "task.no_lead",
            loc.clone(),
            format!("Nhiệm vụ {number} chưa có cơ quan chủ trì."),
        );
    } else {
        let collective = task
            .lead
            .iter()
            .filter_map(|a| plan.agency(a))
            .any(|a| a.kind == AgencyKind::TapThe);
        if task.lead.len() > 1 || collective {
            f.push(
                Severity::Warning,
                "task.lead_not_single",
                loc.clone(),
                format!(
                    "Nhiệm vụ {number} giao cho {} chủ trì: nên giao một cơ quan chịu trách nhiệm chính, các cơ quan khác phối hợp.",
                    if collective { "một tập thể" } else { "nhiều cơ quan" }
                ),
            );
        }
    }
    for a in task.lead.iter().chain(task.coordinating.iter()) {
        if plan.agency(a).is_none() {
            f.push(
                Severity::Error,
                "agency.unknown",
                loc.clone(),
                format!("Nhiệm vụ {number} nhắc đến cơ quan «{a}» không có trong danh bạ."),
            );
        }
    }
    for a in &task.coordinating {
        if task.lead.contains(a) {
            let name = plan.agency(a).map_or(a.as_str(), |x| x.name.as_str());
            f.push(
                Severity::Warning,
                "task.lead_in_coordinating",
                loc.clone(),
                format!("Nhiệm vụ {number}: «{name}» vừa chủ trì vừa phối hợp."),
            );
        }
    }
}

pub(super) fn budget_lines(lines: &[BudgetLine], loc: &Location, owner: &str, f: &mut Findings) {
    for (i, line) in lines.iter().enumerate() {
        let which = format!("{owner}, dòng kinh phí {}", i + 1);
        if line.source.is_none() {
            f.push(
                Severity::Error,
                "budget.no_source",
                loc.clone(),
                format!("{which}: chưa chọn nguồn kinh phí."),
            );
        }
        if line.level.is_none() {
            f.push(
                Severity::Warning,
                "budget.no_level",
                loc.clone(),
                format!("{which}: chưa chọn cấp ngân sách."),
            );
        }
        if line.amount > crate::budget::MAX_AMOUNT {
            f.push(
                Severity::Error,
                "budget.too_large",
                loc.clone(),
                format!(
                    "{which}: số tiền {} triệu đồng vượt quá mức có thể có ({} triệu đồng); hãy kiểm tra lại đơn vị.",
                    crate::format::money(line.amount),
                    crate::format::money(crate::budget::MAX_AMOUNT)
                ),
            );
        }
        if line.amount <= Decimal::ZERO {
            f.push(
                Severity::Error,
                "budget.amount",
                loc.clone(),
                format!("{which}: số tiền phải lớn hơn 0."),
            );
        }
    }
}
