//! The edits of the consultation on the draft: an agency's answer recorded (read from its
//! form or typed in from its letter), a comment answered or removed, the round's letter and
//! dates changed. Sending the draft is the session's (it writes the files and records the
//! round in one step).

use chrono::NaiveDate;

use super::Edit;
use crate::model::{Answer, Comment, Consultation, Plan, Reply};
use crate::{Error, Result};

/// The edits of the consultation (`Edit::apply` sends only those here).
pub(super) fn apply(e: Edit, plan: &mut Plan) -> Result<()> {
    match e {
        Edit::RecordReply { reply, comments } => record_reply(plan, reply, comments),
        Edit::AnswerComment { id, answer: a } => answer(plan, &id, a),
        Edit::RemoveComment { id } => remove_comment(plan, &id),
        Edit::UpdateConsultation {
            letter_number,
            letter_symbol,
            reply_by,
            silence_agrees,
        } => update(plan, letter_number, letter_symbol, reply_by, silence_agrees),
        other => Err(Error::Invalid(format!(
            "«{}» không phải là thay đổi của đợt lấy ý kiến.",
            other.summary()
        ))),
    }
}

fn round(plan: &mut Plan) -> Result<&mut Consultation> {
    plan.consultation.as_mut().ok_or_else(|| {
        Error::Invalid("Dự thảo chưa được gửi xin ý kiến: hãy gửi dự thảo trước.".into())
    })
}

/// An agency's answer and its comments. Recorded again (the same form read twice, or the same
/// letter typed again), it replaces what that answer brought before; a comment that is the
/// same as before keeps the answer already given to it.
fn record_reply(plan: &mut Plan, reply: Reply, comments: Vec<Comment>) -> Result<()> {
    let c = round(plan)?;
    if !c.agencies.contains(&reply.agency) {
        return Err(Error::Invalid(format!(
            "Cơ quan «{}» không có trong danh sách được xin ý kiến.",
            reply.agency
        )));
    }
    // A letter is told from the form by its number: typed without one, it would take the
    // place of what the agency's form brought.
    if reply.letter.trim().is_empty() && reply.letter_date.is_some() {
        return Err(Error::Invalid(
            "Hãy ghi số, ký hiệu công văn góp ý (ví dụ 45/SYT-KHTC).".into(),
        ));
    }
    if comments
        .iter()
        .any(|x| x.text.trim().is_empty() && x.proposed.trim().is_empty())
    {
        return Err(Error::Invalid("Ý kiến góp ý không được để trống.".into()));
    }
    let same_answer = |x: &Comment| x.agency == reply.agency && x.letter == reply.letter;
    let earlier: Vec<Comment> = c
        .comments
        .iter()
        .filter(|x| same_answer(x))
        .cloned()
        .collect();
    c.comments.retain(|x| !same_answer(x));
    for mut x in comments {
        x.agency = reply.agency.clone();
        x.letter = reply.letter.clone();
        if let Some(e) = earlier
            .iter()
            .find(|e| e.place == x.place && e.text == x.text && e.proposed == x.proposed)
        {
            x.id = e.id.clone();
            x.answer = e.answer.clone();
        }
        c.comments.push(x);
    }
    c.replies
        .retain(|r| !(r.agency == reply.agency && r.letter == reply.letter));
    c.replies.push(reply);
    Ok(())
}

fn answer(plan: &mut Plan, id: &str, answer: Answer) -> Result<()> {
    let needs_text = match &answer {
        Answer::Explained { text } => text.trim().is_empty().then_some("nội dung giải trình"),
        Answer::Rejected { reason } => reason.trim().is_empty().then_some("lý do không tiếp thu"),
        _ => None,
    };
    if let Some(what) = needs_text {
        return Err(Error::Invalid(format!("Hãy ghi {what}.")));
    }
    let c = round(plan)?;
    let x = c
        .comments
        .iter_mut()
        .find(|x| x.id == id)
        .ok_or_else(|| Error::Invalid(format!("Không tìm thấy ý kiến góp ý «{id}».")))?;
    x.answer = answer;
    Ok(())
}

fn remove_comment(plan: &mut Plan, id: &str) -> Result<()> {
    let c = round(plan)?;
    let before = c.comments.len();
    c.comments.retain(|x| x.id != id);
    if c.comments.len() == before {
        return Err(Error::Invalid(format!(
            "Không tìm thấy ý kiến góp ý «{id}»."
        )));
    }
    Ok(())
}

/// The covering letter's number and symbol, the reply-by date, and whether the agencies that
/// did not answer are stated to agree.
fn update(
    plan: &mut Plan,
    letter_number: Option<String>,
    letter_symbol: String,
    reply_by: NaiveDate,
    silence_agrees: bool,
) -> Result<()> {
    let c = round(plan)?;
    if letter_symbol.trim().is_empty() {
        return Err(Error::Invalid(
            "Ký hiệu công văn không được để trống.".into(),
        ));
    }
    if let Some(n) = letter_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if !n.chars().all(|ch| ch.is_ascii_digit()) {
            return Err(Error::Invalid(format!(
                "Số công văn «{n}» chỉ gồm chữ số (ký hiệu ghi riêng)."
            )));
        }
    }
    if reply_by < c.sent_on {
        return Err(Error::Invalid(
            "Hạn góp ý không được trước ngày gửi dự thảo.".into(),
        ));
    }
    c.letter_number = letter_number.filter(|n| !n.trim().is_empty());
    c.letter_symbol = letter_symbol.trim().to_string();
    c.reply_by = reply_by;
    c.silence_agrees = silence_agrees;
    Ok(())
}
