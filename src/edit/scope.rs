//! What part of the plan an edit writes, so that an edit made from an older revision can
//! still be saved when nobody changed that part since: a colleague's edit of the goals does
//! not refuse this window's edit of the vision, and edits queued while the shared server
//! was down go through one after another. When the part did change, the edit is refused as
//! before (`Error::Conflict`), naming who came first.
use serde::Serialize;
use serde_json::{json, Value};

use super::Edit;
use crate::model::Plan;

impl Edit {
    /// The part of `plan` this edit writes, as a value to compare between two revisions;
    /// `None` for edits that write across the plan (they are never made from an older one).
    pub fn scope(&self, plan: &Plan) -> Option<Value> {
        let task = |id: &str| plan.task(id).map(of).unwrap_or(Value::Null);
        let group = |id: &str| {
            plan.groups
                .iter()
                .find(|g| g.id == id)
                .map(of)
                .unwrap_or(Value::Null)
        };
        // Where every task and group stands: what a move or an insertion by position reads.
        let layout = || {
            let ids: Vec<(&str, Vec<&str>)> = plan
                .groups
                .iter()
                .map(|g| {
                    (
                        g.id.as_str(),
                        g.tasks.iter().map(|t| t.id.as_str()).collect(),
                    )
                })
                .collect();
            json!(ids)
        };
        Some(match self {
            Edit::SetIdentity { .. } => of(&plan.identity),
            // One text of the plan; a copy, so that the accessor the edit writes through is
            // also the one read here.
            Edit::SetText { field, .. } => json!(field.text_mut(&mut plan.clone())),
            Edit::UpsertAgency { agency } => of(&plan.directory.iter().find(|a| a.id == agency.id)),
            Edit::SetLegalBases { .. } => of(&plan.legal_bases),
            Edit::SetSolutions { .. } => of(&plan.solutions),
            Edit::SetAssessment { .. } => of(&plan.assessment),
            Edit::SetGoals { .. } => of(&plan.specific_goals),
            Edit::AddGroup { group, .. } => json!([group_ids(plan), group.id]),
            Edit::UpdateGroup { id, .. } => {
                let g = plan.groups.iter().find(|g| &g.id == id);
                json!(g.map(|g| (&g.title, &g.intro, &g.framework_ref)))
            }
            Edit::RemoveGroup { id } => group(id),
            Edit::MoveGroup { .. } => json!(group_ids(plan)),
            Edit::AddTask { task: t, .. } => json!([layout(), task(&t.id)]),
            Edit::UpdateTask { task: t } => task(&t.id),
            Edit::RemoveTask { id } => task(id),
            Edit::MoveTask { .. } => layout(),
            Edit::SetUnallocatedBudget { .. } => of(&plan.budget.unallocated),
            Edit::SetDuties { .. } => of(&plan.organisation.duties),
            Edit::TrackTask { id, .. } => {
                json!(plan.task(id).map(|t| (of(&t.status), of(&t.progress))))
            }
            Edit::TrackIndicator { id, .. } => json!(plan
                .indicators()
                .find(|(_, i)| &i.id == id)
                .map(|(_, i)| (of(&i.actual), of(&i.measured)))),
            Edit::DismissReview { .. } => of(&plan.to_review),
            Edit::SetIntended { .. } => of(&plan.intended),
            Edit::RecordReply { .. } => {
                json!(plan
                    .consultation
                    .as_ref()
                    .map(|c| (of(&c.replies), of(&c.comments))))
            }
            Edit::AnswerComment { id, .. } | Edit::RemoveComment { id } => json!(plan
                .consultation
                .as_ref()
                .and_then(|c| c.comments.iter().find(|x| &x.id == id))
                .map(of)),
            Edit::UpdateConsultation { .. } => json!(plan.consultation.as_ref().map(|c| (
                &c.letter_number,
                &c.letter_symbol,
                c.reply_by,
                c.silence_agrees
            ))),
            Edit::RemoveAgency { .. }
            | Edit::RegenerateDuties
            | Edit::ReplacePlan { .. }
            | Edit::ReplaceText { .. }
            | Edit::FillDeadlines { .. } => return None,
        })
    }

    /// Whether this edit, made by someone who saw the plan as `seen`, may be applied to the
    /// plan as it `now` stands: the part it writes is the same in both.
    pub fn still_applies(&self, seen: &Plan, now: &Plan) -> bool {
        match (self.scope(seen), self.scope(now)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

fn group_ids(plan: &Plan) -> Vec<&str> {
    plan.groups.iter().map(|g| g.id.as_str()).collect()
}

fn of<T: Serialize + ?Sized>(part: &T) -> Value {
    serde_json::to_value(part).unwrap_or(Value::Null)
}
