//! The plan as the window shows it (`PlanView`: the plan and what the core computes from
//! it) and the edits, undo and redo that change it.

use crate::budget::Amount;
use crate::edit::Edit;
use crate::model::{BudgetLevel, BudgetSource, Id, Plan};
use crate::store::{SectionEdit, UserAccount};
use crate::validation::{Finding, SectionState};
use crate::Result;
use serde::Serialize;
use std::collections::BTreeSet;
use ts_rs::TS;

use super::Session;

/// A formatted amount with what it is the amount of.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetRow {
    pub label: String,
    /// "132.897,5"
    pub amount: String,
}

/// The budget roll-up the app shows read-only (million VND, formatted).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetView {
    pub total: String,
    pub unallocated: String,
    pub by_source: Vec<BudgetRow>,
    pub by_level: Vec<BudgetRow>,
    /// One row per group, in plan order; `label` is the group number and title.
    pub by_group: Vec<BudgetRow>,
}

/// What the app shows of a task besides the task itself.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskLine {
    pub id: Id,
    /// "3.2"
    pub number: String,
    /// "Quý III/2027", empty when no deadline.
    pub deadline: String,
    /// "1.250" or empty.
    pub budget: String,
}

/// A group's computed number.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupLine {
    pub id: Id,
    pub number: String,
}

/// Everything the plan screen needs after any change: the plan, and what the core computes
/// from it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanView {
    pub id: String,
    pub revision: i64,
    pub plan: Plan,
    pub findings: Vec<Finding>,
    pub sections: Vec<SectionState>,
    pub groups: Vec<GroupLine>,
    pub tasks: Vec<TaskLine>,
    pub budget: BudgetView,
    /// The national tasks ("vn-tinh-2024:2.4") some task of the plan refers to.
    pub national_covered: Vec<String>,
    /// The budget levels that exist in the plan's year (no district level from 2026).
    pub budget_levels: Vec<crate::model::BudgetLevel>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Who the window works as; a department's account edits only its agency's tasks.
    pub account: UserAccount,
    /// Who last changed each section, and when (the outline shows it).
    pub edited: Vec<SectionEdit>,
    /// «Góp ý dự thảo»: the round's figures and where each comment is, once the draft was sent.
    pub consultation: Option<ConsultationView>,
}

/// The consultation as the «Góp ý dự thảo» screen shows it, computed here once.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConsultationView {
    /// How each comment's place is named, in the order of `plan.consultation.comments`.
    pub labels: Vec<String>,
    /// The places a comment typed in from a letter can be about.
    pub places: Vec<crate::proposals::comments::PlaceRow>,
    pub counts: crate::model::AnswerCounts,
    /// How many of the agencies asked have answered.
    pub answered: usize,
    /// The agencies asked that have not answered.
    pub silent: Vec<crate::model::Id>,
}

fn consultation_view(plan: &Plan) -> Option<ConsultationView> {
    let c = plan.consultation.as_ref()?;
    let names = crate::proposals::comments::PlaceNames::new(plan, c.draft.as_deref());
    Some(ConsultationView {
        labels: c.comments.iter().map(|x| names.label(&x.place)).collect(),
        places: names.into_places(),
        counts: c.counts(),
        answered: c.answered(),
        silent: c.silent().cloned().collect(),
    })
}

/// Amounts by source or by level, each named; lines without one are "Chưa xác định".
fn labelled<K: Copy>(
    amounts: &[Amount<Option<K>>],
    label: fn(K) -> &'static str,
) -> Vec<BudgetRow> {
    amounts
        .iter()
        .map(|a| BudgetRow {
            label: a.key.map_or("Chưa xác định", label).to_string(),
            amount: crate::format::money(a.amount),
        })
        .collect()
}

/// One place find-and-replace found its words: where (to jump, and to replace there), and
/// the sentence around them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TextMatch {
    pub location: crate::validation::Location,
    pub place: crate::plantext::Place,
    pub before: String,
    pub found: String,
    pub after: String,
}

/// The computed parts of the plan screen.
pub fn view_of(id: String, revision: i64, plan: Plan, can_undo: bool, can_redo: bool) -> PlanView {
    let consultation = consultation_view(&plan);
    // The draft sent for comments is the plan again: the window never shows it whole, and
    // would hold the plan twice.
    let mut plan = plan;
    if let Some(c) = &mut plan.consultation {
        c.draft = None;
    }
    let money = crate::format::money;
    let totals = crate::budget::totals(&plan);
    // Validated once: the panel shows the findings, the outline counts them per section.
    let findings = crate::validation::validate(&plan);
    let tasks = plan
        .groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| {
            g.tasks.iter().enumerate().map(move |(ti, t)| TaskLine {
                id: t.id.clone(),
                number: crate::numbering::task_number(gi, ti),
                deadline: t.deadline.as_ref().map(|d| d.text()).unwrap_or_default(),
                budget: if t.budget.is_empty() {
                    String::new()
                } else {
                    money(crate::budget::sum(&t.budget))
                },
            })
        })
        .collect();
    let budget = BudgetView {
        total: money(totals.total),
        unallocated: money(totals.unallocated),
        by_source: labelled(&totals.by_source, BudgetSource::label),
        by_level: labelled(&totals.by_level, BudgetLevel::label),
        // In plan order, one per group (`budget::totals`): read side by side, not looked up
        // (a plan of 80,000 groups took minutes).
        by_group: totals
            .by_group
            .iter()
            .zip(&plan.groups)
            .enumerate()
            .map(|(i, (a, g))| {
                debug_assert_eq!(a.key, g.id);
                BudgetRow {
                    label: format!("{}. {}", crate::numbering::group_number(i), g.title),
                    amount: money(a.amount),
                }
            })
            .collect(),
    };
    let national_covered: BTreeSet<String> = plan
        .tasks()
        .filter_map(|(_, t)| t.national_task.clone())
        .collect();
    PlanView {
        id,
        revision,
        sections: crate::validation::completeness_with(&plan, &findings),
        findings,
        groups: plan
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| GroupLine {
                id: g.id.clone(),
                number: crate::numbering::group_number(i),
            })
            .collect(),
        tasks,
        budget,
        national_covered: national_covered.into_iter().collect(),
        budget_levels: crate::model::BudgetLevel::of_year(plan.identity.year),
        can_undo,
        can_redo,
        account: UserAccount::default(),
        edited: Vec::new(),
        consultation,
        plan,
    }
}

impl Session {
    pub async fn view(&self, id: &str) -> Result<PlanView> {
        let stored = self.store().load(id).await?;
        let (can_undo, can_redo) = self.store().undo_redo_available(id).await?;
        let mut view = view_of(stored.id, stored.revision, stored.plan, can_undo, can_redo);
        view.account = self.store().account().clone();
        view.edited = self.store().last_edits(id).await?;
        Ok(view)
    }

    /// The plan's newest revision, polled by the window so that an edit made elsewhere (the
    /// CLI, another window, a colleague on the shared server) shows without reopening.
    pub async fn revision(&self, id: &str) -> Result<i64> {
        self.store().revision(id).await
    }

    /// Applies one edit made from `revision`; a bad edit or a newer revision elsewhere
    /// changes nothing.
    pub async fn edit(&self, id: &str, revision: i64, edit: Edit) -> Result<PlanView> {
        self.store().apply(id, Some(revision), edit).await?;
        self.view(id).await
    }

    /// Applies one edit onto the plan as it now stands, and says the new revision: for a
    /// command, which shows the planner no older state that the edit could overwrite.
    pub async fn edit_latest(&self, id: &str, edit: Edit) -> Result<i64> {
        self.store().apply(id, None, edit).await
    }

    /// `edit` for an edit as the window sends it (JSON); see `Edit::from_json`.
    pub async fn edit_json(
        &self,
        id: &str,
        revision: i64,
        edit: serde_json::Value,
    ) -> Result<PlanView> {
        self.edit(id, revision, Edit::from_json(edit)?).await
    }

    /// What went wrong in the window itself, for the log file (the planner has already
    /// been shown a Vietnamese sentence).
    pub fn log_window_error(&self, detail: &str) {
        log::error!(target: "cua-so", "{detail}");
    }

    pub async fn undo(&self, id: &str) -> Result<PlanView> {
        self.step(id, true).await?;
        self.view(id).await
    }

    pub async fn redo(&self, id: &str) -> Result<PlanView> {
        self.step(id, false).await?;
        self.view(id).await
    }

    /// One step back (`undo`) or forward in the plan's history: the new revision, or none
    /// when there is nothing to undo or redo.
    pub async fn step(&self, id: &str, undo: bool) -> Result<Option<i64>> {
        if undo {
            self.store().undo(id).await
        } else {
            self.store().redo(id).await
        }
    }

    /// The final check ("Sẵn sàng ban hành"): every finding that stands between the plan and
    /// its issue, read from the documents as they will print.
    pub async fn readiness(&self, id: &str) -> Result<Vec<crate::validation::Finding>> {
        crate::readiness::check(&self.plan(id).await?)
    }

    /// Every place of the plan's texts where `query` occurs (Ctrl+H), with its sentence.
    pub async fn find_text(&self, id: &str, query: &str) -> Result<Vec<TextMatch>> {
        let query = crate::text::nfc(query);
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        let plan = self.plan(id).await?;
        Ok(crate::plantext::find(&plan, &query)
            .into_iter()
            .map(|f| TextMatch {
                location: crate::validation::location_of(&f.text),
                place: f.text.place,
                before: f.before,
                found: f.found,
                after: f.after,
            })
            .collect())
    }
}
