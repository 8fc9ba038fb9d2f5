//! The mark each section of the app's outline shows: not started, started, or complete.

use serde::Serialize;
use ts_rs::TS;

use super::{validate, Finding, Section, Severity};
use crate::model::Plan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Completeness {
    /// Nothing entered yet.
    Empty,
    /// Started, or complete but with errors to fix.
    Partial,
    /// Filled in and without errors (warnings allowed).
    Complete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SectionState {
    pub section: Section,
    pub state: Completeness,
    pub errors: usize,
    pub warnings: usize,
}

/// The mark each section of the app's outline shows, from what is filled in and from the
/// validation findings located in it.
pub fn completeness(plan: &Plan) -> Vec<SectionState> {
    completeness_with(plan, &validate(plan))
}

/// For each section of the plan, whether the planner has started it and whether it holds
/// everything an issued plan needs: a declarative table, one row per section.
fn started_and_filled(plan: &Plan) -> [(Section, bool, bool); 9] {
    let id = &plan.identity;
    let a = &plan.assessment;
    let has = |s: &str| !s.trim().is_empty();
    let has_budget = !crate::budget::grand_total(plan).is_zero();
    [
        (
            Section::Identity,
            has(&id.title) && has(&id.province),
            has(&id.title) && has(&id.signer.name) && !id.recipients.is_empty(),
        ),
        (
            Section::Directory,
            !plan.directory.is_empty(),
            !plan.directory.is_empty(),
        ),
        (
            Section::LegalBases,
            !plan.legal_bases.is_empty(),
            !plan.legal_bases.is_empty(),
        ),
        (
            Section::Assessment,
            has(&a.goals_review) || !a.sections.is_empty() || !a.indicators.is_empty(),
            has(&a.goals_review)
                && a.sections.iter().all(|s| has(&s.text))
                && a.indicators.iter().all(|r| r.assessed())
                && a.tasks.iter().all(|t| t.status.is_some()),
        ),
        (
            Section::Goals,
            has(&plan.vision) || has(&plan.general_goal) || !plan.specific_goals.is_empty(),
            !plan.specific_goals.is_empty() && plan.indicators().next().is_some(),
        ),
        (
            Section::Tasks,
            !plan.groups.is_empty(),
            plan.tasks().next().is_some(),
        ),
        (
            Section::Solutions,
            !plan.solutions.is_empty(),
            plan.solutions.iter().all(|s| has(&s.text)) && !plan.solutions.is_empty(),
        ),
        (
            Section::Budget,
            has_budget || has(&plan.budget.narrative),
            has_budget,
        ),
        (
            Section::Organisation,
            !plan.organisation.duties.is_empty(),
            !plan.organisation.duties.is_empty()
                && plan.organisation.duties.iter().all(|d| has(&d.text)),
        ),
    ]
}

/// `completeness` from findings already computed for this plan (the app's view needs both).
pub fn completeness_with(plan: &Plan, findings: &[Finding]) -> Vec<SectionState> {
    let sections = started_and_filled(plan);
    sections
        .into_iter()
        .map(|(section, started, filled)| {
            let errors = findings
                .iter()
                .filter(|f| f.location.section == section && f.severity == Severity::Error)
                .count();
            let warnings = findings
                .iter()
                .filter(|f| f.location.section == section && f.severity == Severity::Warning)
                .count();
            let state = if !started {
                Completeness::Empty
            } else if filled && errors == 0 {
                Completeness::Complete
            } else {
                Completeness::Partial
            };
            SectionState {
                section,
                state,
                errors,
                warnings,
            }
        })
        .collect()
}
