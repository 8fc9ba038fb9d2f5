//! The consultation on the draft, through the session the window and the CLI use: the draft
//! sent to four agencies with the covering letter and sealed forms; two forms filled the way a
//! spreadsheet program saves them (a comment on a task, on a goal, a new wording, a blank row,
//! a row naming a place the draft does not have), one refused for its edited seal, one letter
//! typed in; each comment answered; the table of comments and the Tờ trình read back for the
//! round's own figures. On both engines.

mod common;

use std::path::{Path, PathBuf};

use chrono::{Days, Local};
use common::sheet::{refill, row_of, Put};
use dxplan::app::{ExportKind, NewPlan, Session};
use dxplan::edit::Edit;
use dxplan::model::{Answer, Comment, CommentPlace, Reply};
use dxplan::proposals::comments::{self, SHEET};

fn docx_paragraphs(path: &Path) -> Vec<String> {
    let xml = common::document_xml(path);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter(|t| t.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

fn form_of(files: &[PathBuf], short: &str) -> PathBuf {
    files
        .iter()
        .find(|f| {
            let n = f.file_name().unwrap().to_string_lossy();
            n.starts_with("Phieu-gop-y-CDS") && n.ends_with(&format!("{short}.xlsx"))
        })
        .unwrap_or_else(|| panic!("no form for {short} in {files:?}"))
        .clone()
}

#[test]
fn the_draft_goes_out_comments_come_back_and_each_is_answered() {
    common::on_each_engine(|dbs| async move {
        let out = tempfile::tempdir().unwrap();
        let session = Session::open(&dbs.at("db.sqlite").await, None)
            .await
            .unwrap();
        let view = session.create(NewPlan::Sample).await.unwrap();
        let id = view.id.clone();
        let plan = view.plan.clone();
        let four: Vec<String> = plan
            .directory
            .iter()
            .filter(|a| a.kind == dxplan::model::AgencyKind::So)
            .take(4)
            .map(|a| a.id.clone())
            .collect();
        assert_eq!(four.len(), 4);
        let today = Local::now().date_naive();
        let reply_by = today.checked_add_days(Days::new(10)).unwrap();

        // Bad input changes nothing: no agency, a day gone, a missing folder.
        for (agencies, day, dir) in [
            (vec![], reply_by, out.path().to_path_buf()),
            (
                four.clone(),
                today.pred_opt().unwrap(),
                out.path().to_path_buf(),
            ),
            (four.clone(), reply_by, out.path().join("khong-co")),
        ] {
            assert!(session.send_draft(&id, agencies, day, &dir).await.is_err());
        }
        assert!(session.plan(&id).await.unwrap().consultation.is_none());
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);

        let sent = session
            .send_draft(&id, four.clone(), reply_by, out.path())
            .await
            .unwrap();
        assert_eq!(sent.agencies, 4);
        let forms: Vec<&PathBuf> = sent
            .files
            .iter()
            .filter(|f| f.to_string_lossy().ends_with(".xlsx"))
            .collect();
        assert_eq!(forms.len(), 4);
        let round = session.plan(&id).await.unwrap().consultation.unwrap();
        assert_eq!(round.agencies, four);
        assert_eq!(round.reply_by, reply_by);
        let mut as_sent = plan.clone();
        as_sent.consultation = None;
        assert_eq!(
            round.draft.as_deref(),
            Some(&as_sent),
            "the plan as it was sent is kept"
        );
        // The window's view never carries the draft a second time.
        assert!(session
            .view(&id)
            .await
            .unwrap()
            .plan
            .consultation
            .unwrap()
            .draft
            .is_none());

        // The covering letter: the Decree 30 form, every agency, the reply-by date.
        let letter = &sent.files[0];
        let bytes = std::fs::read(letter).unwrap();
        assert_eq!(common::nd30::check(&bytes, true), Vec::<String>::new());
        let paras = docx_paragraphs(letter);
        let all = paras.join("\n");
        assert!(
            all.contains("V/v góp ý dự thảo Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2023"),
            "{all}"
        );
        assert!(all.contains("Số:        /SKHCN-CĐS"), "{all}");
        // Filed by the department under the unit of its symbol, not the committee's KGVX.
        assert!(paras.iter().any(|p| p == "- Lưu: VT, CĐS."), "{all}");
        for a in &four {
            let name = &plan.agency(a).unwrap().name;
            assert!(
                paras
                    .iter()
                    .any(|p| p.starts_with("- ") && p.contains(name.as_str())),
                "{name}"
            );
        }
        assert!(all.contains(&dxplan::format::date_long(reply_by)), "{all}");
        let draft = docx_paragraphs(&sent.files[1]);
        assert!(draft.iter().any(|p| p == "DỰ THẢO"));

        // Two forms filled: on a task, on a goal, a new wording, a blank row, a row naming a
        // task the draft does not have.
        let (task_group, task) = plan.tasks().nth(2).unwrap();
        let _ = task_group;
        let goal = &plan.specific_goals[0];
        let short = |i: usize| {
            let a = plan.agency(&four[i]).unwrap().display_short();
            dxplan::text::fold(a)
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(dxplan::format::capitalise_first)
                .collect::<Vec<_>>()
                .join("-")
        };
        let a_form = form_of(&sent.files, &short(0));
        let last_place = comments::places(&plan).last().unwrap().code.clone();
        let free = row_of(&a_form, SHEET, &last_place) + 2;
        let task_row = row_of(&a_form, SHEET, &format!("nhiem-vu:{}", task.id));
        let goal_row = row_of(&a_form, SHEET, &format!("muc-tieu:{}", goal.id));
        let filled_a = out.path().join("tra-loi-a.xlsx");
        refill(
            &a_form,
            &[
                (
                    SHEET,
                    task_row,
                    3,
                    Put::T("Đề nghị làm rõ sản phẩm của nhiệm vụ."),
                ),
                (
                    SHEET,
                    task_row,
                    4,
                    Put::T("Xây dựng kho dữ liệu dùng chung của tỉnh"),
                ),
                (
                    SHEET,
                    goal_row,
                    3,
                    Put::T("Mục tiêu cần có mốc thời gian cụ thể."),
                ),
                (SHEET, free, 1, Put::T("Nhiệm vụ 9.9")),
                (
                    SHEET,
                    free,
                    3,
                    Put::T("Bổ sung nhiệm vụ về an toàn thông tin."),
                ),
                (SHEET, free + 2, 1, Put::T("   ")),
            ],
            &filled_a,
        );
        let b_form = form_of(&sent.files, &short(1));
        let filled_b = out.path().join("tra-loi-b.xlsx");
        let general = row_of(&b_form, SHEET, "chung");
        refill(
            &b_form,
            &[(
                SHEET,
                general,
                4,
                Put::T("Kế hoạch chuyển đổi số, dữ liệu số tỉnh Quảng Ngãi năm 2023"),
            )],
            &filled_b,
        );
        // A third agency's form with its id changed to the fourth's: refused.
        let c_form = form_of(&sent.files, &short(2));
        let forged = out.path().join("gia-mao.xlsx");
        refill(
            &c_form,
            &[(
                "Danh mục",
                1,
                6,
                Put::T(Box::leak(four[3].clone().into_boxed_str())),
            )],
            &forged,
        );

        let read = session
            .receive_forms(
                &id,
                vec![filled_a.clone(), filled_b.clone(), forged.clone()],
            )
            .await
            .unwrap();
        assert_eq!(read.forms.len(), 2);
        assert_eq!(
            read.forms[0].comments.len(),
            3,
            "{:?}",
            read.forms[0].comments
        );
        assert_eq!(read.forms[1].comments.len(), 1);
        let messages: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.contains("Nhiệm vụ 9.9") && m.contains("góp ý chung")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("gia-mao.xlsx") && m.contains("không nhận")),
            "{messages:?}"
        );
        let now = session.plan(&id).await.unwrap();
        let round = now.consultation.as_ref().unwrap();
        let places: Vec<&CommentPlace> = round.comments.iter().map(|c| &c.place).collect();
        assert!(places.contains(&&CommentPlace::Task {
            id: task.id.clone()
        }));
        assert!(places.contains(&&CommentPlace::Goal {
            id: goal.id.clone()
        }));
        assert_eq!(
            places
                .iter()
                .filter(|p| ***p == CommentPlace::General)
                .count(),
            2
        );
        assert_eq!(round.replies.len(), 2);

        // A letter typed in, with one comment.
        let letter_reply = Reply {
            agency: four[2].clone(),
            received_on: today,
            letter: "45/SYT-KHTC".into(),
            letter_date: Some(today),
        };
        let typed = Comment {
            id: dxplan::model::new_id(),
            agency: four[2].clone(),
            place: CommentPlace::Section {
                section: dxplan::model::Section::Budget,
            },
            text: "Kinh phí cần chia theo nguồn.".into(),
            proposed: String::new(),
            answer: Answer::Pending,
            letter: "45/SYT-KHTC".into(),
            source: "Công văn số 45/SYT-KHTC".into(),
        };
        session
            .edit_latest(
                &id,
                Edit::RecordReply {
                    reply: letter_reply,
                    comments: vec![typed],
                },
            )
            .await
            .unwrap();
        // An empty comment, and an answer without its reason, change nothing.
        let before = session.plan(&id).await.unwrap();
        let empty = Comment {
            text: " ".into(),
            ..before.consultation.as_ref().unwrap().comments[0].clone()
        };
        let bad = Edit::RecordReply {
            reply: before.consultation.as_ref().unwrap().replies[0].clone(),
            comments: vec![empty],
        };
        assert!(session.edit_latest(&id, bad).await.is_err());
        let first = before.consultation.as_ref().unwrap().comments[0].id.clone();
        let no_reason = Edit::AnswerComment {
            id: first.clone(),
            answer: Answer::Rejected { reason: "".into() },
        };
        assert!(session.edit_latest(&id, no_reason).await.is_err());
        assert_eq!(session.plan(&id).await.unwrap(), before);

        // Each answered: the task comment accepted with an edit of the plan, one explained,
        // one not accepted, the rest accepted.
        let ids: Vec<(String, CommentPlace)> = before
            .consultation
            .as_ref()
            .unwrap()
            .comments
            .iter()
            .map(|c| (c.id.clone(), c.place.clone()))
            .collect();
        let mut edited = before.task(&task.id).unwrap().clone();
        edited.title = "Xây dựng kho dữ liệu dùng chung của tỉnh".into();
        session
            .edit_latest(&id, Edit::UpdateTask { task: edited })
            .await
            .unwrap();
        for (i, (cid, place)) in ids.iter().enumerate() {
            let answer = match (place, i) {
                (CommentPlace::Task { .. }, _) => Answer::Accepted {
                    note: "Đã sửa tên nhiệm vụ.".into(),
                },
                (CommentPlace::Goal { .. }, _) => Answer::Explained {
                    text: "Mốc thời gian đã nêu tại Phụ lục.".into(),
                },
                (CommentPlace::General, 2) => Answer::Rejected {
                    reason: "Ngoài phạm vi kế hoạch năm.".into(),
                },
                _ => Answer::Accepted {
                    note: String::new(),
                },
            };
            session
                .edit_latest(
                    &id,
                    Edit::AnswerComment {
                        id: cid.clone(),
                        answer,
                    },
                )
                .await
                .unwrap();
        }
        let answered = session.plan(&id).await.unwrap();
        let n = answered.consultation.as_ref().unwrap().counts();
        assert_eq!(
            (n.accepted, n.explained, n.rejected, n.pending),
            (3, 1, 1, 0)
        );

        // The same form received again: nothing twice, the answers kept.
        session
            .receive_forms(&id, vec![filled_a.clone()])
            .await
            .unwrap();
        let again = session.plan(&id).await.unwrap();
        assert_eq!(again.consultation.as_ref().unwrap().comments.len(), 5);
        assert_eq!(again.consultation.as_ref().unwrap().counts(), n);
        // Undo takes the reception back whole.
        session.undo(&id).await.unwrap();
        assert_eq!(session.plan(&id).await.unwrap(), answered);

        // The table of comments: the Decree 30 form, the counts, every answer.
        let table = out.path().join("bang.docx");
        session
            .export(&id, ExportKind::GopY, false, &table)
            .await
            .unwrap();
        let bytes = std::fs::read(&table).unwrap();
        assert_eq!(common::nd30::check(&bytes, false), Vec::<String>::new());
        let paras = docx_paragraphs(&table).join("\n");
        assert!(
            paras.contains("BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý"),
            "{paras}"
        );
        assert!(paras.contains("xin ý kiến 4 cơ quan, đơn vị; đã nhận được ý kiến của 3 cơ quan, đơn vị với 5 ý kiến góp ý; trong đó tiếp thu 3 ý kiến, giải trình 1 ý kiến, không tiếp thu 1 ý kiến."), "{paras}");
        assert!(
            paras.contains("Giải trình: Mốc thời gian đã nêu tại Phụ lục."),
            "{paras}"
        );
        assert!(
            paras.contains("Không tiếp thu: Ngoài phạm vi kế hoạch năm."),
            "{paras}"
        );
        assert!(
            paras.contains("Chưa gửi ý kiến") || paras.contains("chưa gửi ý kiến"),
            "{paras}"
        );
        assert!(
            paras.contains(&plan.agency(&four[3]).unwrap().name),
            "the silent agency is named"
        );
        // Silence is agreement only when the planner says so.
        assert!(!paras.contains("thống nhất với dự thảo: "), "{paras}");
        let c = answered.consultation.as_ref().unwrap();
        session
            .edit_latest(
                &id,
                Edit::UpdateConsultation {
                    letter_number: Some("812".into()),
                    letter_symbol: c.letter_symbol.clone(),
                    reply_by: c.reply_by,
                    silence_agrees: true,
                },
            )
            .await
            .unwrap();
        session
            .export(&id, ExportKind::GopYTheoPhan, false, &table)
            .await
            .unwrap();
        let paras = docx_paragraphs(&table).join("\n");
        assert!(
            paras.contains("được xem là thống nhất với dự thảo: "),
            "{paras}"
        );
        assert!(
            paras.contains("(Công văn số 812/SKHCN-CĐS ngày "),
            "{paras}"
        );

        // The Tờ trình says the same figures, and lists the table among what it attaches.
        let to_trinh = out.path().join("tt.docx");
        session
            .export(&id, ExportKind::ToTrinh, true, &to_trinh)
            .await
            .unwrap();
        assert_eq!(
            common::nd30::check(&std::fs::read(&to_trinh).unwrap(), true),
            Vec::<String>::new()
        );
        let paras = docx_paragraphs(&to_trinh).join("\n");
        assert!(paras.contains("dự thảo Kế hoạch xin ý kiến 4 cơ quan, đơn vị; đã nhận được ý kiến của 3 cơ quan, đơn vị với 5 ý kiến góp ý."), "{paras}");
        assert!(
            paras.contains("đã tiếp thu 3 ý kiến, giải trình 1 ý kiến, không tiếp thu 1 ý kiến"),
            "{paras}"
        );
        assert!(paras.contains("1 cơ quan, đơn vị không có ý kiến sau thời hạn góp ý, được xem là thống nhất với dự thảo."), "{paras}");
        assert!(
            paras.contains("- Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý."),
            "{paras}"
        );

        // The Kế hoạch marked with what changed since the draft sent: the accepted edit as
        // Word's own insertions and deletions, attributed to the drafting department.
        let marked = out.path().join("sua-doi.docx");
        session
            .export(&id, ExportKind::KeHoachSuaDoi, true, &marked)
            .await
            .unwrap();
        assert_eq!(
            common::nd30::check(&std::fs::read(&marked).unwrap(), true),
            Vec::<String>::new()
        );
        let xml = common::document_xml(&marked);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        let texts = |tag: &str, inner: &str| -> Vec<String> {
            doc.descendants()
                .filter(|n| n.has_tag_name((W, tag)))
                .map(|n| {
                    n.descendants()
                        .filter(|t| t.has_tag_name((W, inner)))
                        .filter_map(|t| t.text())
                        .collect()
                })
                .collect()
        };
        let inserted = texts("ins", "t").join(" ");
        let deleted = texts("del", "delText").join(" ");
        assert!(inserted.contains("kho dữ liệu dùng chung"), "{inserted}");
        let old_words: Vec<&str> = task.title.split_whitespace().collect();
        assert!(
            old_words.iter().any(|w| deleted.contains(w)),
            "{deleted} / {}",
            task.title
        );
        let by = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "ins")))
            .and_then(|n| n.attribute((W, "author")))
            .unwrap();
        let drafting = plan
            .identity
            .drafting_agency
            .as_deref()
            .and_then(|a| plan.agency(a))
            .unwrap();
        assert_eq!(by, drafting.name);
        // Only what changed is marked: the rest of the document is plain text.
        let all = texts("t", "t").len();
        assert!(
            texts("ins", "t").len() * 20 < all,
            "{} of {all}",
            texts("ins", "t").len()
        );

        // A round that has answers is not sent again.
        let e = session
            .send_draft(&id, four.clone(), reply_by, out.path())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("không gửi lại"), "{e}");
        session.close().await;

        // Reopened, the round is all there.
        let session = Session::open(&dbs.at("db.sqlite").await, None)
            .await
            .unwrap();
        let back = session.plan(&id).await.unwrap().consultation.unwrap();
        assert_eq!(back.comments.len(), 5);
        assert!(back.silence_agrees);
        session.close().await;
    });
}

/// The sample, sent today to its first agency, nothing answered yet.
fn sample_sent_to_one() -> (dxplan::model::Plan, String) {
    let mut plan = dxplan::sample::plan();
    let today = Local::now().date_naive();
    let agency = plan.directory[0].id.clone();
    plan.consultation = Some(dxplan::model::Consultation {
        letter_number: None,
        letter_symbol: "SKHCN-CĐS".into(),
        sent_on: today,
        reply_by: today,
        agencies: vec![agency.clone()],
        draft: None,
        revision: 1,
        replies: vec![],
        comments: vec![],
        silence_agrees: false,
    });
    (plan, agency)
}

/// A comment of `agency` on the draft as a whole, not answered.
fn comment_of(agency: &str, text: &str, source: &str) -> Comment {
    Comment {
        id: "c1".into(),
        agency: agency.to_string(),
        place: CommentPlace::General,
        text: text.into(),
        proposed: String::new(),
        answer: Answer::Pending,
        letter: String::new(),
        source: source.into(),
    }
}

#[test]
fn a_final_table_needs_every_comment_answered_and_next_year_starts_without_the_round() {
    let (mut plan, agency) = sample_sent_to_one();
    let round = plan.consultation.as_mut().unwrap();
    round.comments.push(comment_of(&agency, "Ý kiến", ""));
    let opts = |draft| dxplan::docx::Options {
        doc: dxplan::docx::DocChoice::GopY { by_part: false },
        draft,
        ..Default::default()
    };
    let e = dxplan::docx::build(&plan, &opts(false)).unwrap_err();
    assert!(
        e.to_string().contains("Còn 1 ý kiến góp ý chưa trả lời"),
        "{e}"
    );
    assert!(dxplan::docx::build(&plan, &opts(true)).is_ok());
    // The plan file carries the round (schema 6) and reads it back.
    let json = dxplan::planfile::to_json(&plan).unwrap();
    let back = dxplan::planfile::from_json(Path::new("x.json"), &json).unwrap();
    assert_eq!(back, plan);
    let (next, _) = dxplan::rollover::rollover(&plan, plan.identity.year + 1, &Default::default());
    assert!(next.consultation.is_none());
}

#[test]
fn a_letter_without_its_number_cannot_take_the_place_of_a_form() {
    let (mut plan, agency) = sample_sent_to_one();
    let today = Local::now().date_naive();
    let form = Reply {
        agency: agency.clone(),
        received_on: today,
        letter: String::new(),
        letter_date: None,
    };
    let comment = comment_of(&agency, "Ý kiến từ phiếu", "Phiếu góp ý, dòng 6");
    Edit::RecordReply {
        reply: form.clone(),
        comments: vec![comment],
    }
    .apply(&mut plan)
    .unwrap();
    let before = plan.clone();
    let typed = Reply {
        letter_date: Some(today),
        ..form
    };
    let e = Edit::RecordReply {
        reply: typed,
        comments: vec![],
    }
    .apply(&mut plan.clone())
    .unwrap_err();
    assert!(e.to_string().contains("số, ký hiệu công văn"), "{e}");
    assert_eq!(plan, before);
}
