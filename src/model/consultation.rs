//! The consultation on the draft (lấy ý kiến dự thảo): the covering letter sent to the
//! agencies with a reply-by date, the plan as it was sent, each agency's answer, and every
//! comment with the drafter's answer to it (tiếp thu, giải trình, không tiếp thu). Kept in
//! the plan, so that each step is a step of the plan's history and undo takes it back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{new_id, Id, Plan, Section};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    /// The covering letter's number, digits only; empty until the letter is numbered.
    #[serde(default)]
    pub letter_number: Option<String>,
    /// "SKHCN-CĐS"
    pub letter_symbol: String,
    /// The day the draft went out.
    pub sent_on: NaiveDate,
    /// The day the agencies are asked to answer by.
    pub reply_by: NaiveDate,
    /// The agencies asked, in the order the letter lists them.
    pub agencies: Vec<Id>,
    /// The plan as it was sent (without its consultation): what the revision-marked Kế hoạch
    /// compares against. Kept whole in the plan, not as a revision number, so that pruning
    /// the history or sending the plan file elsewhere cannot lose it. Never sent to the
    /// window, which does not show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub draft: Option<Box<Plan>>,
    /// The revision of the plan that was sent, for the record.
    #[serde(default)]
    pub revision: i64,
    /// Who answered, and how.
    #[serde(default)]
    pub replies: Vec<Reply>,
    #[serde(default)]
    pub comments: Vec<Comment>,
    /// The planner states that the agencies that did not answer agree ("thống nhất" by
    /// silence); the table of comments says so only then.
    #[serde(default)]
    pub silence_agrees: bool,
}

/// One agency's answer: a filled comment form, or a letter typed in by the planner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub agency: Id,
    pub received_on: NaiveDate,
    /// "45/SYT-KHTC" when the agency answered by letter; empty for a form.
    #[serde(default)]
    pub letter: String,
    /// The letter's date, when it answered by letter.
    #[serde(default)]
    pub letter_date: Option<NaiveDate>,
}

/// Where in the draft a comment is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommentPlace {
    /// The draft as a whole.
    General,
    Section {
        section: Section,
    },
    Goal {
        id: Id,
    },
    Indicator {
        id: Id,
    },
    Group {
        id: Id,
    },
    Task {
        id: Id,
    },
}

/// The drafter's answer to one comment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    #[default]
    Pending,
    /// Tiếp thu: the draft is changed accordingly; `note` says how, when it is not obvious.
    Accepted { note: String },
    /// Giải trình: the draft already answers it, as `text` explains.
    Explained { text: String },
    /// Không tiếp thu, for `reason`.
    Rejected { reason: String },
}

impl Answer {
    pub fn label(&self) -> &'static str {
        match self {
            Answer::Pending => "Chưa trả lời",
            Answer::Accepted { .. } => "Tiếp thu",
            Answer::Explained { .. } => "Giải trình",
            Answer::Rejected { .. } => "Không tiếp thu",
        }
    }

    /// The text that goes with the answer (how it was taken up, the explanation, the reason).
    pub fn text(&self) -> &str {
        match self {
            Answer::Pending => "",
            Answer::Accepted { note } => note,
            Answer::Explained { text } => text,
            Answer::Rejected { reason } => reason,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    #[serde(default = "new_id")]
    pub id: Id,
    pub agency: Id,
    pub place: CommentPlace,
    /// What the agency said.
    pub text: String,
    /// The wording it proposes instead, when it proposes one.
    #[serde(default)]
    pub proposed: String,
    #[serde(default)]
    pub answer: Answer,
    /// The letter it came in ("45/SYT-KHTC", as in its `Reply`); empty for the comment form.
    #[serde(default)]
    pub letter: String,
    /// Where it was read: "Phiếu góp ý, dòng 7" or "Công văn số 45/SYT-KHTC".
    #[serde(default)]
    pub source: String,
}

impl Consultation {
    pub fn replied(&self, agency: &str) -> bool {
        self.replies.iter().any(|r| r.agency == agency)
    }

    /// How many of the agencies asked have answered.
    pub fn answered(&self) -> usize {
        self.agencies.iter().filter(|a| self.replied(a)).count()
    }

    /// The agencies asked that have not answered.
    pub fn silent(&self) -> impl Iterator<Item = &Id> {
        self.agencies.iter().filter(|a| !self.replied(a))
    }

    /// How many comments have each answer: (accepted, explained, rejected, pending).
    pub fn counts(&self) -> AnswerCounts {
        let mut c = AnswerCounts::default();
        for x in &self.comments {
            match x.answer {
                Answer::Pending => c.pending += 1,
                Answer::Accepted { .. } => c.accepted += 1,
                Answer::Explained { .. } => c.explained += 1,
                Answer::Rejected { .. } => c.rejected += 1,
            }
        }
        c
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub struct AnswerCounts {
    pub accepted: usize,
    pub explained: usize,
    pub rejected: usize,
    pub pending: usize,
}
