//! The edits a planner makes, as data: the app sends one per user action and the store
//! applies it in one transaction. Applying is pure (plan in, plan out) and checks what the
//! edit refers to, so a bad edit changes nothing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::*;
use crate::{Error, Result};

mod consultation;
mod scope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Opening,
    Vision,
    GeneralGoal,
    GoalsReview,
    BudgetSpent,
    BudgetNarrative,
    OrganisationClosing,
}

impl TextField {
    /// The field as the window names it (history, the stale-edit notice).
    pub fn label(self) -> &'static str {
        match self {
            TextField::Opening => "đoạn mở đầu",
            TextField::Vision => "tầm nhìn, quan điểm",
            TextField::GeneralGoal => "mục tiêu chung",
            TextField::GoalsReview => "đánh giá thực hiện mục tiêu năm trước",
            TextField::BudgetSpent => "kinh phí đã thực hiện năm trước",
            TextField::BudgetNarrative => "thuyết minh kinh phí",
            TextField::OrganisationClosing => "đoạn kết tổ chức thực hiện",
        }
    }

    /// Where the field's text is kept in the plan.
    pub fn text_mut(self, plan: &mut Plan) -> &mut Text {
        match self {
            TextField::Opening => &mut plan.identity.opening,
            TextField::Vision => &mut plan.vision,
            TextField::GeneralGoal => &mut plan.general_goal,
            TextField::GoalsReview => &mut plan.assessment.goals_review,
            TextField::BudgetSpent => &mut plan.assessment.budget_spent,
            TextField::BudgetNarrative => &mut plan.budget.narrative,
            TextField::OrganisationClosing => &mut plan.organisation.closing,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    SetIdentity {
        identity: Box<Identity>,
    },
    SetText {
        field: TextField,
        text: Text,
    },
    UpsertAgency {
        agency: Agency,
    },
    RemoveAgency {
        id: Id,
    },
    SetLegalBases {
        legal_bases: Vec<LegalBasis>,
    },
    SetSolutions {
        solutions: Vec<NarrativeSection>,
    },
    SetAssessment {
        assessment: Assessment,
    },
    SetGoals {
        goals: Vec<Goal>,
    },
    AddGroup {
        group: TaskGroup,
        index: Option<usize>,
    },
    UpdateGroup {
        id: Id,
        title: String,
        intro: Text,
        framework_ref: Option<String>,
    },
    RemoveGroup {
        id: Id,
    },
    MoveGroup {
        id: Id,
        to: usize,
    },
    AddTask {
        group: Id,
        task: Task,
        index: Option<usize>,
    },
    UpdateTask {
        task: Task,
    },
    RemoveTask {
        id: Id,
    },
    MoveTask {
        id: Id,
        group: Id,
        index: usize,
    },
    SetUnallocatedBudget {
        lines: Vec<BudgetLine>,
    },
    SetDuties {
        duties: Vec<Duty>,
    },
    RegenerateDuties,
    ReplacePlan {
        plan: Box<Plan>,
    },
    /// Tracking during the plan's year: a task's status and what was reported, nothing else
    /// of the task (so a report never overwrites the plan's text).
    TrackTask {
        id: Id,
        status: TaskStatus,
        progress: Progress,
    },
    /// Find and replace across the plan's texts, as one step: every occurrence of `find`
    /// (letter case ignored) in the texts at `places`, or in every text when `None`.
    ReplaceText {
        find: String,
        replace: String,
        places: Option<Vec<crate::plantext::Place>>,
    },
    /// Points the import asked to check, marked as seen (by id).
    DismissReview {
        ids: Vec<Id>,
    },
    /// A finding of the final check confirmed as intended (or no longer), by its key.
    SetIntended {
        key: String,
        intended: bool,
    },
    /// One deadline for every task that has none (an imported plan often has 76): one step.
    FillDeadlines {
        deadline: crate::model::Deadline,
    },
    /// Tracking: an indicator's value reached and the day it was measured.
    TrackIndicator {
        id: Id,
        #[serde(with = "crate::model::decimal_text::optional")]
        #[ts(type = "string | null")]
        actual: Option<rust_decimal::Decimal>,
        measured: Option<chrono::NaiveDate>,
    },
    /// The consultation: an agency's answer, from its form or typed in from its letter.
    RecordReply {
        reply: Reply,
        comments: Vec<Comment>,
    },
    /// The consultation: the drafter's answer to one comment.
    AnswerComment {
        id: Id,
        answer: Answer,
    },
    /// The consultation: a comment recorded by mistake.
    RemoveComment {
        id: Id,
    },
    /// The consultation: the covering letter's number and symbol, the reply-by date, and
    /// whether the agencies that did not answer are stated to agree.
    UpdateConsultation {
        letter_number: Option<String>,
        letter_symbol: String,
        reply_by: chrono::NaiveDate,
        silence_agrees: bool,
    },
}

impl Edit {
    /// An edit as the window sends it. This is the shell's only way to read one, so that a
    /// value the core does not accept becomes a Vietnamese sentence (with the serde detail
    /// kept for the log) instead of Tauri's English "invalid args" text.
    pub fn from_json(value: serde_json::Value) -> Result<Edit> {
        let op = value.get("op").cloned();
        serde_json::from_value(value).map_err(|e| Error::BadEdit {
            detail: format!("op {op:?}: {e}"),
        })
    }

    /// A short Vietnamese description for the history list.
    pub fn summary(&self) -> String {
        match self {
            Edit::SetIdentity { .. } => "Sửa thông tin văn bản".into(),
            Edit::SetText { field, .. } => format!("Sửa {}", field.label()),
            Edit::UpsertAgency { agency } => format!("Cập nhật cơ quan «{}»", agency.name),
            Edit::RemoveAgency { id } => format!("Xóa cơ quan «{id}»"),
            Edit::SetLegalBases { .. } => "Sửa căn cứ".into(),
            Edit::SetSolutions { .. } => "Sửa giải pháp".into(),
            Edit::SetAssessment { .. } => "Sửa đánh giá năm trước".into(),
            Edit::SetGoals { .. } => "Sửa mục tiêu, chỉ tiêu".into(),
            Edit::AddGroup { group, .. } => format!("Thêm nhóm «{}»", group.title),
            Edit::UpdateGroup { title, .. } => format!("Sửa nhóm «{title}»"),
            Edit::RemoveGroup { .. } => "Xóa nhóm nhiệm vụ".into(),
            Edit::MoveGroup { .. } => "Đổi thứ tự nhóm".into(),
            Edit::AddTask { task, .. } => format!("Thêm nhiệm vụ «{}»", task.title),
            Edit::UpdateTask { task } => format!("Sửa nhiệm vụ «{}»", task.title),
            Edit::RemoveTask { .. } => "Xóa nhiệm vụ".into(),
            Edit::MoveTask { .. } => "Chuyển nhiệm vụ".into(),
            Edit::SetUnallocatedBudget { .. } => "Sửa kinh phí chung".into(),
            Edit::SetDuties { .. } => "Sửa tổ chức thực hiện".into(),
            Edit::RegenerateDuties => "Tạo lại nhiệm vụ của các cơ quan".into(),
            Edit::ReplacePlan { .. } => "Thay toàn bộ kế hoạch".into(),
            Edit::TrackTask { status, .. } => format!("Theo dõi nhiệm vụ: {}", status.label()),
            Edit::TrackIndicator { .. } => "Cập nhật kết quả chỉ tiêu".into(),
            Edit::ReplaceText { find, replace, .. } => format!("Thay «{find}» bằng «{replace}»"),
            Edit::DismissReview { ids } => format!("Đã xem {} điểm cần xem lại", ids.len()),
            Edit::SetIntended { intended: true, .. } => "Xác nhận cách viết là đúng chủ ý".into(),
            Edit::SetIntended { .. } => "Bỏ xác nhận cách viết".into(),
            Edit::RecordReply { comments, .. } => {
                format!("Ghi nhận ý kiến góp ý ({} ý kiến)", comments.len())
            }
            Edit::AnswerComment { answer, .. } => {
                format!("Trả lời ý kiến góp ý: {}", answer.label())
            }
            Edit::RemoveComment { .. } => "Xóa ý kiến góp ý".into(),
            Edit::UpdateConsultation { .. } => "Sửa thông tin đợt lấy ý kiến".into(),
            Edit::FillDeadlines { deadline } => {
                format!(
                    "Đặt thời hạn «{}» cho các nhiệm vụ chưa có",
                    deadline.text()
                )
            }
        }
    }

    pub fn apply(self, plan: &mut Plan) -> Result<()> {
        match self {
            Edit::SetIdentity { identity } => plan.identity = *identity,
            Edit::SetText { field, text } => *field.text_mut(plan) = text,
            Edit::UpsertAgency { agency } => {
                if agency.name.trim().is_empty() {
                    return Err(Error::Invalid("Tên cơ quan không được để trống.".into()));
                }
                match plan.directory.iter_mut().find(|a| a.id == agency.id) {
                    Some(a) => *a = agency,
                    None => plan.directory.push(agency),
                }
            }
            Edit::RemoveAgency { id } => remove_agency(plan, &id)?,
            Edit::SetLegalBases { legal_bases } => plan.legal_bases = legal_bases,
            Edit::SetSolutions { solutions } => plan.solutions = solutions,
            Edit::SetAssessment { assessment } => plan.assessment = assessment,
            Edit::SetGoals { goals } => plan.specific_goals = goals,
            e @ (Edit::AddGroup { .. }
            | Edit::UpdateGroup { .. }
            | Edit::RemoveGroup { .. }
            | Edit::MoveGroup { .. }
            | Edit::AddTask { .. }
            | Edit::UpdateTask { .. }
            | Edit::RemoveTask { .. }
            | Edit::MoveTask { .. }) => e.apply_to_groups(plan)?,
            Edit::SetUnallocatedBudget { lines } => plan.budget.unallocated = lines,
            Edit::SetDuties { duties } => plan.organisation.duties = duties,
            Edit::RegenerateDuties => {
                plan.organisation.duties = crate::organisation::generate(plan)
            }
            Edit::ReplacePlan { plan: p } => *plan = *p,
            Edit::TrackTask {
                id,
                status,
                progress,
            } => track_task(plan, &id, status, progress)?,
            Edit::TrackIndicator {
                id,
                actual,
                measured,
            } => track_indicator(plan, &id, actual, measured)?,
            Edit::ReplaceText {
                find,
                replace,
                places,
            } => replace_text(plan, &find, &replace, places.as_deref())?,
            Edit::DismissReview { ids } => {
                let before = plan.to_review.len();
                plan.to_review.retain(|n| !ids.contains(&n.id));
                if plan.to_review.len() == before {
                    return Err(missing(
                        "điểm cần xem lại",
                        ids.first().map_or("", |x| x.as_str()),
                    ));
                }
            }
            Edit::SetIntended { key, intended } => {
                if key.trim().is_empty() || key.len() > 2000 {
                    return Err(Error::Invalid("Không rõ phát hiện cần xác nhận.".into()));
                }
                plan.intended.retain(|k| k != &key);
                if intended {
                    plan.intended.push(key);
                }
            }
            Edit::FillDeadlines { deadline } => fill_deadlines(plan, &deadline)?,
            e @ (Edit::RecordReply { .. }
            | Edit::AnswerComment { .. }
            | Edit::RemoveComment { .. }
            | Edit::UpdateConsultation { .. }) => consultation::apply(e, plan)?,
        }
        crate::planfile::check_ids(plan).map_err(Error::Invalid)
    }

    /// The edits of the task groups and their tasks: add, change, remove, move.
    fn apply_to_groups(self, plan: &mut Plan) -> Result<()> {
        let group_index = |plan: &Plan, id: &str| {
            plan.groups
                .iter()
                .position(|g| g.id == id)
                .ok_or_else(|| missing("nhóm nhiệm vụ", id))
        };
        match self {
            Edit::AddGroup { group, index } => {
                let i = index.unwrap_or(plan.groups.len()).min(plan.groups.len());
                plan.groups.insert(i, group);
            }
            Edit::UpdateGroup {
                id,
                title,
                intro,
                framework_ref,
            } => {
                let i = group_index(plan, &id)?;
                let g = &mut plan.groups[i];
                g.title = title;
                g.intro = intro;
                g.framework_ref = framework_ref;
            }
            Edit::RemoveGroup { id } => {
                let i = group_index(plan, &id)?;
                plan.groups.remove(i);
            }
            Edit::MoveGroup { id, to } => {
                let i = group_index(plan, &id)?;
                let g = plan.groups.remove(i);
                let to = to.min(plan.groups.len());
                plan.groups.insert(to, g);
            }
            Edit::AddTask { group, task, index } => {
                let gi = group_index(plan, &group)?;
                let tasks = &mut plan.groups[gi].tasks;
                let i = index.unwrap_or(tasks.len()).min(tasks.len());
                tasks.insert(i, task);
            }
            Edit::UpdateTask { task } => {
                let slot = plan
                    .task_mut(&task.id)
                    .ok_or_else(|| missing("nhiệm vụ", &task.id))?;
                *slot = task;
            }
            Edit::RemoveTask { id } => {
                let before: usize = plan.groups.iter().map(|g| g.tasks.len()).sum();
                plan.groups
                    .iter_mut()
                    .for_each(|g| g.tasks.retain(|t| t.id != id));
                if plan.groups.iter().map(|g| g.tasks.len()).sum::<usize>() == before {
                    return Err(missing("nhiệm vụ", &id));
                }
            }
            Edit::MoveTask { id, group, index } => {
                let target = group_index(plan, &group)?;
                let (gi, ti) = plan
                    .groups
                    .iter()
                    .enumerate()
                    .find_map(|(gi, g)| g.tasks.iter().position(|t| t.id == id).map(|ti| (gi, ti)))
                    .ok_or_else(|| missing("nhiệm vụ", &id))?;
                let task = plan.groups[gi].tasks.remove(ti);
                let tasks = &mut plan.groups[target].tasks;
                tasks.insert(index.min(tasks.len()), task);
            }
            _ => unreachable!("apply sends only the edits of groups and tasks here"),
        }
        Ok(())
    }
}

fn missing(what: &'static str, id: &str) -> Error {
    Error::ItemNotFound {
        what,
        id: id.to_string(),
    }
}

/// What a task's lead agency reports: its status and progress.
fn track_task(
    plan: &mut Plan,
    id: &str,
    status: crate::model::TaskStatus,
    progress: crate::model::Progress,
) -> Result<()> {
    crate::tracking::check_progress(&progress)?;
    let task = plan.task_mut(id).ok_or_else(|| missing("nhiệm vụ", id))?;
    task.status = status;
    task.progress = progress;
    Ok(())
}

/// An indicator's actual value and the day it was measured.
fn track_indicator(
    plan: &mut Plan,
    id: &str,
    actual: Option<rust_decimal::Decimal>,
    measured: Option<chrono::NaiveDate>,
) -> Result<()> {
    crate::tracking::check_actual(actual, measured)?;
    let ind = plan
        .specific_goals
        .iter_mut()
        .flat_map(|g| g.indicators.iter_mut())
        .find(|i| i.id == id)
        .ok_or_else(|| missing("chỉ tiêu", id))?;
    ind.actual = actual;
    ind.measured = measured;
    Ok(())
}

/// A body no task and not the drafting role names, out of the directory.
fn remove_agency(plan: &mut Plan, id: &str) -> Result<()> {
    let used = plan
        .tasks()
        .any(|(_, t)| t.lead.iter().any(|l| l == id) || t.coordinating.iter().any(|c| c == id))
        || plan.identity.drafting_agency.as_deref() == Some(id);
    if used {
        return Err(Error::Invalid(
            "Cơ quan này đang được giao nhiệm vụ; hãy đổi cơ quan ở các nhiệm vụ đó trước khi xóa."
                .into(),
        ));
    }
    let before = plan.directory.len();
    plan.directory.retain(|a| a.id != id);
    if plan.directory.len() == before {
        return Err(missing("cơ quan", id));
    }
    Ok(())
}

/// Find and replace across the plan's prose (at `places`, or everywhere).
fn replace_text(
    plan: &mut Plan,
    find: &str,
    replace: &str,
    places: Option<&[crate::plantext::Place]>,
) -> Result<()> {
    if find.trim().is_empty() {
        return Err(Error::Invalid("Chưa nhập nội dung cần tìm.".into()));
    }
    if find.chars().count() > 500 || replace.chars().count() > 2000 {
        return Err(Error::Invalid("Nội dung tìm hoặc thay thế quá dài.".into()));
    }
    let (find, replace) = (crate::text::nfc(find), crate::text::nfc(replace));
    if crate::plantext::replace(plan, &find, &replace, places) == 0 {
        return Err(Error::Invalid(format!(
            "Không còn chỗ nào có «{find}» để thay (có thể vừa được sửa)."
        )));
    }
    Ok(())
}

/// One deadline for every task that has none.
fn fill_deadlines(plan: &mut Plan, deadline: &crate::model::Deadline) -> Result<()> {
    if !deadline.is_well_formed() {
        return Err(Error::Invalid(format!(
            "Thời hạn «{}» không hợp lệ.",
            deadline.text()
        )));
    }
    let mut filled = 0;
    for t in plan.groups.iter_mut().flat_map(|g| g.tasks.iter_mut()) {
        if t.deadline.is_none() {
            t.deadline = Some(deadline.clone());
            filled += 1;
        }
    }
    if filled == 0 {
        return Err(Error::Invalid("Mọi nhiệm vụ đã có thời hạn.".into()));
    }
    Ok(())
}
