//! «Góp ý dự thảo»: the draft sent to the agencies for comments, their forms received, and
//! the round recorded in the plan, each as one step of its history. Answering a comment,
//! typing in a letter's comments and the round's details are ordinary edits
//! (`Edit::AnswerComment`, `RecordReply`, `UpdateConsultation`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::docx::DocChoice;
use crate::edit::Edit;
use crate::model::{Consultation, Id, Plan};
use crate::proposals::comments::{self, FormsRead};
use crate::{Error, Result};

use super::Session;

/// What "Gửi xin ý kiến" wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DraftSent {
    /// The covering letter, the draft Kế hoạch (and Quyết định), then one form per agency.
    pub files: Vec<PathBuf>,
    pub agencies: usize,
}

/// The covering letter's symbol until the planner gives the department's own.
pub const LETTER_SYMBOL: &str = "SKHCN-CĐS";

fn docx(plan: &Plan, doc: DocChoice, draft: bool) -> Result<Vec<u8>> {
    crate::docx::build(plan, &super::documents::options(doc, draft))
}

/// Every file of the round, built before any is written: a bad agency writes nothing.
fn round_files(
    plan: &Plan,
    round: &Consultation,
    dir: &Path,
    seal: &crate::proposals::seal::Seal,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let year = plan.identity.year;
    let mut with_round = plan.clone();
    with_round.consultation = Some(round.clone());
    let mut out = vec![
        (
            dir.join(format!("Cong-van-xin-y-kien-du-thao-KH-CDS-{year}.docx")),
            docx(&with_round, DocChoice::CongVan, false)?,
        ),
        (
            dir.join(format!("Du-thao-Ke-hoach-CDS-{year}.docx")),
            docx(plan, DocChoice::KeHoach, true)?,
        ),
    ];
    if plan.identity.decision.is_some() {
        out.push((
            dir.join(format!("Du-thao-Quyet-dinh-ban-hanh-KH-CDS-{year}.docx")),
            docx(plan, DocChoice::QuyetDinh, true)?,
        ));
    }
    for id in &round.agencies {
        let agency = crate::proposals::agency_named(plan, id)?;
        let mut name =
            crate::proposals::batch::file_name("Phieu-gop-y-CDS", plan, agency.display_short());
        if out
            .iter()
            .any(|(f, _)| f.file_name() == Some(name.as_ref()))
        {
            let who = format!("{} {id}", agency.display_short());
            name = crate::proposals::batch::file_name("Phieu-gop-y-CDS", plan, &who);
        }
        out.push((dir.join(name), comments::form(plan, round, id, seal)?));
    }
    Ok(out)
}

impl Session {
    /// "Gửi xin ý kiến": the covering letter, the draft and one sealed comment form per
    /// agency written into `dir`, and the round recorded in the plan with the plan as sent.
    /// Refused once an agency has answered: the round then has comments that a new one
    /// would orphan.
    pub async fn send_draft(
        &self,
        id: &str,
        agencies: Vec<Id>,
        reply_by: NaiveDate,
        dir: &Path,
    ) -> Result<DraftSent> {
        let stored = self.store().load(id).await?;
        let mut plan = stored.plan;
        let today = chrono::Local::now().date_naive();
        let earlier = plan.consultation.take();
        if let Some(c) = earlier.as_ref().filter(|c| !c.replies.is_empty()) {
            return Err(Error::Invalid(format!(
                "Dự thảo đã được gửi ngày {} và đã nhận ý kiến của {} cơ quan: không gửi lại đợt mới được. Hãy ghi nhận, trả lời các ý kiến của đợt này.",
                crate::format::date_short(c.sent_on),
                c.replies.len()
            )));
        }
        if agencies.is_empty() {
            return Err(Error::Invalid(
                "Hãy chọn ít nhất một cơ quan để xin ý kiến.".into(),
            ));
        }
        if reply_by < today {
            return Err(Error::Invalid(format!(
                "Hạn góp ý {} đã qua: hãy chọn một ngày từ hôm nay trở đi.",
                crate::format::date_short(reply_by)
            )));
        }
        if !dir.is_dir() {
            return Err(Error::Invalid(format!(
                "Không có thư mục «{}».",
                dir.display()
            )));
        }
        let mut unique: Vec<Id> = Vec::new();
        for a in agencies {
            if !unique.contains(&a) {
                unique.push(a);
            }
        }
        let round = Consultation {
            letter_number: None,
            letter_symbol: earlier
                .map(|c| c.letter_symbol)
                .unwrap_or_else(|| LETTER_SYMBOL.to_string()),
            sent_on: today,
            reply_by,
            agencies: unique,
            draft: Some(Box::new(plan.clone())),
            revision: stored.revision,
            replies: Vec::new(),
            comments: Vec::new(),
            silence_agrees: false,
        };
        let seal = self.seal().await?;
        let files = round_files(&plan, &round, dir, &seal)?;
        for (path, bytes) in &files {
            crate::fsutil::write_atomic(path, bytes)?;
        }
        let summary = format!("Gửi dự thảo xin ý kiến {} cơ quan", round.agencies.len());
        let agencies = round.agencies.len();
        // From the revision the files were written from: an edit in between refuses it, and
        // the round is sent again from the plan as it then stands.
        self.store()
            .update(id, Some(stored.revision), &summary, move |p| {
                p.consultation = Some(round);
                Ok(())
            })
            .await?;
        Ok(DraftSent {
            files: files.into_iter().map(|(p, _)| p).collect(),
            agencies,
        })
    }

    /// "Nhận phiếu góp ý": the filled forms read, and every form that could be read recorded
    /// as its agency's answer, all in one step of the history. A file refused (another plan's,
    /// edited seal, not a form) is listed with why, and changes nothing.
    pub async fn receive_forms(&self, id: &str, files: Vec<PathBuf>) -> Result<FormsRead> {
        let plan = self.plan(id).await?;
        let today = chrono::Local::now().date_naive();
        let read = comments::read_forms(&plan, &files, &self.seal().await?, today)?;
        let edits: Vec<Edit> = read
            .forms
            .iter()
            .filter_map(|f| {
                Some(Edit::RecordReply {
                    reply: f.reply.clone()?,
                    comments: f.comments.clone(),
                })
            })
            .collect();
        if !edits.is_empty() {
            let n: usize = read.forms.iter().map(|f| f.comments.len()).sum();
            let summary = format!("Nhận phiếu góp ý của {} cơ quan ({n} ý kiến)", edits.len());
            self.store()
                .update(id, None, &summary, move |p| {
                    edits.into_iter().try_for_each(|e| e.apply(p))
                })
                .await?;
        }
        Ok(read)
    }
}
