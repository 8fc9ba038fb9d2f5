//! Commands of the consultation on the draft («Góp ý dự thảo»): send, receive the forms, type
//! in a letter, answer each comment, list them. The documents (covering letter, table of
//! comments, revision-marked plan) are exported with `export --doc`.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;

use dxplan::edit::Edit;
use dxplan::model::{Answer, Comment, Plan, Reply};
use dxplan::proposals::comments::{place_named, PlaceNames};
use dxplan::{Error, Result};

use super::place::Place;
use super::print_json;

#[derive(Subcommand)]
pub enum Command {
    /// Gửi dự thảo xin ý kiến: công văn, dự thảo kế hoạch và mỗi cơ quan một phiếu góp ý vào thư mục
    ConsultSend {
        /// Mã kế hoạch
        id: String,
        /// Cơ quan được xin ý kiến (tên, tên viết tắt hoặc mã), nhắc lại cho mỗi cơ quan
        #[arg(long = "to", required = true)]
        to: Vec<String>,
        /// Hạn góp ý (YYYY-MM-DD)
        #[arg(long)]
        reply_by: NaiveDate,
        #[arg(long)]
        dir: PathBuf,
    },
    /// Nhận các phiếu góp ý đã điền: ghi nhận ý kiến của từng cơ quan (một bước, hoàn tác được)
    ConsultReceive {
        /// Mã kế hoạch
        id: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Nhập ý kiến một cơ quan gửi bằng công văn: mỗi --comment là «vị trí | nội dung | đề xuất sửa»
    ConsultLetter {
        /// Mã kế hoạch
        id: String,
        /// Cơ quan góp ý (tên, tên viết tắt hoặc mã)
        #[arg(long)]
        agency: String,
        /// Số, ký hiệu công văn của cơ quan: "45/SYT-KHTC"
        #[arg(long)]
        letter: String,
        /// Ngày công văn (YYYY-MM-DD)
        #[arg(long)]
        date: NaiveDate,
        /// Ý kiến: "Nhiệm vụ 2.3 | nội dung | đề xuất sửa" (vị trí bỏ trống: góp ý chung); không có: thống nhất
        #[arg(long = "comment")]
        comments: Vec<String>,
    },
    /// Trả lời một ý kiến góp ý: --accept [ghi chú], --explain LÝ-DO hoặc --reject LÝ-DO
    ConsultAnswer {
        /// Mã kế hoạch
        id: String,
        /// Mã ý kiến (xem consult-list)
        comment: String,
        /// Tiếp thu (kèm ghi chú cách tiếp thu, nếu có)
        #[arg(long = "accept", num_args = 0..=1, default_missing_value = "")]
        accept_note: Option<String>,
        /// Giải trình
        #[arg(long)]
        explain: Option<String>,
        /// Không tiếp thu, với lý do
        #[arg(long = "reject")]
        reject_reason: Option<String>,
    },
    /// Số công văn xin ý kiến, hạn góp ý, và ghi nhận cơ quan không trả lời là thống nhất
    ConsultUpdate {
        /// Mã kế hoạch
        id: String,
        #[arg(long)]
        letter_number: Option<String>,
        #[arg(long)]
        reply_by: Option<NaiveDate>,
        /// Cơ quan không trả lời sau hạn được xem là thống nhất
        #[arg(long)]
        silence_agrees: Option<bool>,
    },
    /// Danh sách ý kiến góp ý, vị trí, câu trả lời và số liệu của đợt
    ConsultList {
        /// Tệp kế hoạch (.json) hoặc mã kế hoạch
        plan: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(command: Command, place: &Place) -> Result<ExitCode> {
    match command {
        Command::ConsultSend {
            id,
            to,
            reply_by,
            dir,
        } => send(place, &id, &to, reply_by, &dir).await?,
        Command::ConsultReceive { id, files, json } => receive(place, &id, files, json).await?,
        Command::ConsultLetter {
            id,
            agency,
            letter,
            date,
            comments,
        } => typed_letter(place, &id, &agency, letter, date, &comments).await?,
        Command::ConsultAnswer {
            id,
            comment,
            accept_note,
            explain,
            reject_reason,
        } => {
            let answer = match (accept_note, explain, reject_reason) {
                (Some(note), None, None) => Answer::Accepted { note },
                (None, Some(text), None) => Answer::Explained { text },
                (None, None, Some(reason)) => Answer::Rejected { reason },
                _ => {
                    return Err(Error::Invalid(
                        "Chọn đúng một trong --accept, --explain, --reject.".into(),
                    ))
                }
            };
            let label = answer.label();
            edit(
                place,
                &id,
                Edit::AnswerComment {
                    id: comment,
                    answer,
                },
            )
            .await?;
            eprintln!("Đã trả lời: {label}.");
        }
        Command::ConsultUpdate {
            id,
            letter_number,
            reply_by,
            silence_agrees,
        } => {
            let session = place.session().await?;
            let c = round_of(&session.plan(&id).await?)?.clone();
            session.close().await;
            let update = Edit::UpdateConsultation {
                letter_number: letter_number.or(c.letter_number),
                letter_symbol: c.letter_symbol,
                reply_by: reply_by.unwrap_or(c.reply_by),
                silence_agrees: silence_agrees.unwrap_or(c.silence_agrees),
            };
            edit(place, &id, update).await?;
            eprintln!("Đã cập nhật đợt lấy ý kiến.");
        }
        Command::ConsultList { plan, json } => {
            let plan = place.resolve(&plan).await?;
            let c = round_of(&plan)?;
            if json {
                print_json(&c.comments)?;
            } else {
                print_list(&plan, c);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn round_of(plan: &Plan) -> Result<&dxplan::model::Consultation> {
    plan.consultation
        .as_ref()
        .ok_or_else(|| Error::Invalid("Dự thảo chưa được gửi xin ý kiến.".into()))
}

/// One edit of the plan, through the session the window uses.
async fn edit(place: &Place, id: &str, e: Edit) -> Result<()> {
    let session = place.session().await?;
    session.edit_latest(id, e).await?;
    session.close().await;
    Ok(())
}

async fn send(
    place: &Place,
    id: &str,
    to: &[String],
    reply_by: NaiveDate,
    dir: &std::path::Path,
) -> Result<()> {
    let session = place.session().await?;
    let plan = session.plan(id).await?;
    let agencies = to
        .iter()
        .map(|n| dxplan::proposals::agency_named(&plan, n).map(|a| a.id.clone()))
        .collect::<Result<Vec<_>>>()?;
    let sent = session.send_draft(id, agencies, reply_by, dir).await?;
    session.close().await;
    for f in &sent.files {
        println!("{}", f.display());
    }
    eprintln!(
        "Đã gửi dự thảo xin ý kiến {} cơ quan ({} tệp).",
        sent.agencies,
        sent.files.len()
    );
    Ok(())
}

async fn receive(place: &Place, id: &str, files: Vec<PathBuf>, json: bool) -> Result<()> {
    let session = place.session().await?;
    let read = session.receive_forms(id, files).await?;
    let plan = session.plan(id).await?;
    session.close().await;
    if json {
        print_json(&read)?;
    } else {
        for f in &read.forms {
            let who = f
                .reply
                .as_ref()
                .map_or("", |r| agency_name(&plan, &r.agency));
            println!(
                "TỆP       {}: {who}, {} ý kiến",
                dxplan::fsutil::file_name_shown(&f.file),
                f.comments.len()
            );
        }
        for p in &read.problems {
            println!("LỖI       {p}");
        }
    }
    if read.forms.is_empty() {
        return Err(Error::Invalid(
            "Không nhận được phiếu góp ý nào: kế hoạch không thay đổi.".into(),
        ));
    }
    Ok(())
}

async fn typed_letter(
    place: &Place,
    id: &str,
    agency: &str,
    letter: String,
    date: NaiveDate,
    comments: &[String],
) -> Result<()> {
    if letter.trim().is_empty() {
        return Err(Error::Invalid(
            "Hãy ghi số, ký hiệu công văn góp ý (--letter 45/SYT-KHTC).".into(),
        ));
    }
    let session = place.session().await?;
    let plan = session.plan(id).await?;
    let agency = dxplan::proposals::agency_named(&plan, agency)?.id.clone();
    let comments = comments
        .iter()
        .map(|c| typed_comment(&plan, &agency, &letter, c))
        .collect::<Result<Vec<_>>>()?;
    let n = comments.len();
    let reply = Reply {
        agency,
        received_on: chrono::Local::now().date_naive(),
        letter,
        letter_date: Some(date),
    };
    session
        .edit_latest(id, Edit::RecordReply { reply, comments })
        .await?;
    session.close().await;
    eprintln!("Đã ghi nhận công văn với {n} ý kiến.");
    Ok(())
}

fn agency_name<'p>(plan: &'p Plan, id: &'p str) -> &'p str {
    plan.agency(id).map_or(id, |a| a.name.as_str())
}

/// "Nhiệm vụ 2.3 | nội dung | đề xuất" typed for a letter: the place found in the plan.
fn typed_comment(plan: &Plan, agency: &str, letter: &str, typed: &str) -> Result<Comment> {
    let mut parts = typed.splitn(3, '|').map(str::trim);
    let (at, text, proposed) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let place = place_named(plan, at).ok_or_else(|| {
        Error::Invalid(format!(
            "Không tìm thấy vị trí «{at}» trong dự thảo (ví dụ: «Nhiệm vụ 2.3», «Mục tiêu 1», «Kinh phí thực hiện», hoặc bỏ trống cho góp ý chung)."
        ))
    })?;
    Ok(Comment {
        id: dxplan::model::new_id(),
        agency: agency.to_string(),
        place,
        text: text.to_string(),
        proposed: proposed.to_string(),
        answer: Answer::Pending,
        letter: letter.to_string(),
        source: format!("Công văn số {letter}"),
    })
}

fn print_list(plan: &Plan, c: &dxplan::model::Consultation) {
    let names = PlaceNames::new(plan, c.draft.as_deref());
    for x in &c.comments {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            x.id,
            agency_name(plan, &x.agency),
            names.label(&x.place),
            x.text,
            match x.answer.text() {
                "" => x.answer.label().to_string(),
                t => format!("{}: {t}", x.answer.label()),
            }
        );
    }
    let n = c.counts();
    let answered = c.answered();
    println!(
        "Gửi {} cơ quan, {answered} đã trả lời; {} ý kiến: tiếp thu {}, giải trình {}, không tiếp thu {}, chưa trả lời {}.",
        c.agencies.len(),
        c.comments.len(),
        n.accepted,
        n.explained,
        n.rejected,
        n.pending
    );
}
