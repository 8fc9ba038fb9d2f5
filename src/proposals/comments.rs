//! The comment form of the consultation on the draft (phiếu góp ý): a workbook for one agency,
//! one row per place of the draft (the draft as a whole, each part, goal, indicator, group and
//! task, with the draft's words) where the agency writes its comment and the wording it
//! proposes, and empty rows where it names the place itself ("Nhiệm vụ 2.3"); sealed to that
//! agency like the other rounds' workbooks. Read back into the agency's answer and comments,
//! each attached to its place; a row whose place cannot be found is kept as a comment on the
//! draft as a whole, and said so.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::Format;
use serde::Serialize;
use ts_rs::TS;

use super::reading::{mark_of, open_checked, Problem};
use super::sheet::{Sheet, CODE};
use super::workbook::mark_sheet;
use super::LISTS;
use crate::model::{Comment, CommentPlace, Consultation, Plan, Reply, Section};
use crate::numbering::{group_number, task_number};
use crate::text::fold;
use crate::xlsx::{headers, print_setup, row_height, title_rows, xl, Styles};
use crate::{Error, Result};

pub const MARK: &str = "dxplan-gop-y";
pub const SHEET: &str = "Góp ý";
const COLUMNS: [(&str, f64); 5] = [
    (CODE, 16.0),
    ("Vị trí trong dự thảo", 24.0),
    ("Nội dung dự thảo", 50.0),
    ("Ý kiến góp ý", 44.0),
    ("Đề xuất sửa thành", 40.0),
];
/// Rows left empty under the draft's places, for comments the agency places itself.
const EMPTY_ROWS: u32 = 40;
/// The draft's words shown in a row are cut here: the form is for finding the place.
const EXCERPT: usize = 300;

/// The parts of the draft a comment can be about, in the order the plan prints them.
pub const PARTS: [(Section, &str); 7] = [
    (Section::LegalBases, "Căn cứ xây dựng kế hoạch"),
    (Section::Assessment, "Đánh giá kết quả năm trước"),
    (Section::Goals, "Mục tiêu"),
    (Section::Tasks, "Nhiệm vụ"),
    (Section::Solutions, "Giải pháp"),
    (Section::Budget, "Kinh phí thực hiện"),
    (Section::Organisation, "Tổ chức thực hiện"),
];

/// One place of the draft as the form and the table of comments name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlaceRow {
    pub place: CommentPlace,
    /// The form's code column: stable across renumbering ("nhiem-vu:<id>").
    pub code: String,
    /// "Nhiệm vụ 2.3", "Mục tiêu 1", "Phần: Kinh phí thực hiện".
    pub label: String,
    /// The draft's words there, cut short.
    pub excerpt: String,
}

fn excerpt(text: &str) -> String {
    crate::text::shortened(text, EXCERPT)
}

fn section_code(s: Section) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The draft's text of one part, for its row.
fn part_text(plan: &Plan, s: Section) -> String {
    match s {
        Section::LegalBases => plan
            .legal_bases
            .iter()
            .map(|b| b.citation())
            .collect::<Vec<_>>()
            .join("; "),
        Section::Assessment => plan.assessment.goals_review.clone(),
        Section::Goals => plan.general_goal.clone(),
        Section::Tasks => format!(
            "{} nhiệm vụ, {} nhóm",
            plan.tasks().count(),
            plan.groups.len()
        ),
        Section::Solutions => plan
            .solutions
            .iter()
            .map(|x| x.title.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        Section::Budget => plan.budget.narrative.clone(),
        Section::Organisation => plan.organisation.closing.clone(),
        _ => String::new(),
    }
}

/// Every place of `plan` a comment can be attached to, in print order.
pub fn places(plan: &Plan) -> Vec<PlaceRow> {
    let row = |place, code: String, label: String, text: &str| PlaceRow {
        place,
        code,
        label,
        excerpt: excerpt(text),
    };
    let mut out = vec![row(
        CommentPlace::General,
        "chung".into(),
        "Chung (toàn bộ dự thảo)".into(),
        &plan.identity.title,
    )];
    for (section, name) in PARTS {
        out.push(row(
            CommentPlace::Section { section },
            format!("phan:{}", section_code(section)),
            format!("Phần: {name}"),
            &part_text(plan, section),
        ));
        match section {
            Section::Goals => {
                for (gi, g) in plan.specific_goals.iter().enumerate() {
                    out.push(row(
                        CommentPlace::Goal { id: g.id.clone() },
                        format!("muc-tieu:{}", g.id),
                        format!("Mục tiêu {}", gi + 1),
                        &g.title,
                    ));
                    for (ii, i) in g.indicators.iter().enumerate() {
                        out.push(row(
                            CommentPlace::Indicator { id: i.id.clone() },
                            format!("chi-tieu:{}", i.id),
                            format!("Mục tiêu {}, chỉ tiêu {}", gi + 1, ii + 1),
                            &i.name,
                        ));
                    }
                }
            }
            Section::Tasks => {
                for (gi, g) in plan.groups.iter().enumerate() {
                    out.push(row(
                        CommentPlace::Group { id: g.id.clone() },
                        format!("nhom:{}", g.id),
                        format!("Nhóm {}", group_number(gi)),
                        &g.title,
                    ));
                    for (ti, t) in g.tasks.iter().enumerate() {
                        out.push(row(
                            CommentPlace::Task { id: t.id.clone() },
                            format!("nhiem-vu:{}", t.id),
                            format!("Nhiệm vụ {}", task_number(gi, ti)),
                            &t.title,
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// How a person names places in `plan` ("Nhiệm vụ 2.3"); a place the plan no longer has is
/// named as it was in `draft` (the plan sent), marked as gone. The plan's places are listed
/// once (the view names every comment after each edit), the draft's only when needed.
pub struct PlaceNames<'p> {
    now: Vec<PlaceRow>,
    draft: Option<&'p Plan>,
    sent: std::cell::OnceCell<Vec<PlaceRow>>,
}

impl<'p> PlaceNames<'p> {
    pub fn new(plan: &Plan, draft: Option<&'p Plan>) -> Self {
        PlaceNames {
            now: places(plan),
            draft,
            sent: std::cell::OnceCell::new(),
        }
    }

    pub fn label(&self, place: &CommentPlace) -> String {
        let find = |rows: &[PlaceRow]| {
            rows.iter()
                .find(|r| &r.place == place)
                .map(|r| r.label.clone())
        };
        if let Some(label) = find(&self.now) {
            return label;
        }
        let sent = self.draft.map(|d| self.sent.get_or_init(|| places(d)));
        match sent.and_then(|rows| find(rows)) {
            Some(label) => format!("{label} (dự thảo gửi; nay đã bỏ)"),
            None => "Chung (toàn bộ dự thảo)".into(),
        }
    }

    /// The plan's places, in print order.
    pub fn into_places(self) -> Vec<PlaceRow> {
        self.now
    }
}

/// The comment form for `agency`, from the plan being sent.
pub fn form(
    plan: &Plan,
    round: &Consultation,
    agency: &str,
    seal: &super::seal::Seal,
) -> Result<Vec<u8>> {
    let plan = &*crate::text::cleaned(plan)?;
    let agency = super::agency_named(plan, agency)?;
    let s = Styles::new();
    let mut wb = crate::xlsx::workbook();
    let lists = wb.add_worksheet();
    lists.set_name(LISTS).map_err(xl)?;
    mark_sheet(lists, plan, MARK, agency, seal)?;

    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xl)?;
    let title = format!(
        "PHIẾU GÓP Ý DỰ THẢO KẾ HOẠCH {}",
        plan.identity.title.to_uppercase()
    );
    let who = format!("Cơ quan góp ý: {}", agency.name);
    let by = format!(
        "Đề nghị gửi lại trước {} (ghi ý kiến vào cột «Ý kiến góp ý» ở dòng của vị trí được góp ý; góp ý vị trí khác thì ghi vị trí ở các dòng trống cuối bảng, ví dụ «Nhiệm vụ 2.3»)",
        crate::format::date_long(round.reply_by)
    );
    let last = COLUMNS.len() as u16 - 1;
    let header = title_rows(ws, &s, last, &[(&title, false), (&who, true), (&by, true)])?;
    headers(ws, &s, header, &COLUMNS)?;
    print_setup(ws, header)?;
    let locked = Format::new()
        .set_font_name(crate::xlsx::FONT)
        .set_font_size(12)
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_background_color(0xF2F2F2);
    let mut row = header + 1;
    for p in places(plan) {
        ws.write_string_with_format(row, 0, &p.code, &locked)
            .map_err(xl)?;
        ws.write_string_with_format(row, 1, &p.label, &locked)
            .map_err(xl)?;
        ws.write_string_with_format(row, 2, &p.excerpt, &locked)
            .map_err(xl)?;
        ws.write_blank(row, 3, &s.text).map_err(xl)?;
        ws.write_blank(row, 4, &s.text).map_err(xl)?;
        ws.set_row_height(row, row_height(&[(&p.excerpt, COLUMNS[2].1)]))
            .map_err(xl)?;
        row += 1;
    }
    for r in row..row + EMPTY_ROWS {
        for c in 0..=last {
            ws.write_blank(r, c, &s.text).map_err(xl)?;
        }
    }
    ws.set_active(true);
    wb.save_to_buffer().map_err(xl)
}

// ------------------------------------------------------------------------ reading ----

/// One filled form read: whose answer it is and its comments, or why it is refused.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FormRead {
    pub file: std::path::PathBuf,
    pub reply: Option<Reply>,
    pub comments: Vec<Comment>,
}

/// What the filled forms hold: one answer per file that could be read, and every problem.
#[derive(Debug, Clone, PartialEq, Default, Serialize, TS)]
pub struct FormsRead {
    pub forms: Vec<FormRead>,
    pub problems: Vec<Problem>,
}

/// Reads filled comment forms against the plan and its consultation; nothing is recorded
/// here. `today` is the day they are received.
pub fn read_forms(
    plan: &Plan,
    files: &[std::path::PathBuf],
    seal: &super::seal::Seal,
    today: NaiveDate,
) -> Result<FormsRead> {
    let round = plan.consultation.as_ref().ok_or_else(|| {
        Error::Invalid("Dự thảo chưa được gửi xin ý kiến: chưa có phiếu góp ý nào để nhận.".into())
    })?;
    let draft = round.draft.as_deref().unwrap_or(plan);
    let mut out = FormsRead::default();
    for file in files {
        match read_form(plan, draft, round, file, seal, &mut out.problems) {
            Ok((agency, comments)) => out.forms.push(FormRead {
                file: file.clone(),
                reply: Some(Reply {
                    agency,
                    received_on: today,
                    letter: String::new(),
                    letter_date: None,
                }),
                comments,
            }),
            Err(message) => out.problems.push(Problem::of_file(file, message)),
        }
    }
    Ok(out)
}

fn read_form(
    plan: &Plan,
    draft: &Plan,
    round: &Consultation,
    file: &Path,
    seal: &super::seal::Seal,
    problems: &mut Vec<Problem>,
) -> std::result::Result<(String, Vec<Comment>), String> {
    let mut wb = open_checked(file)?;
    let mark = mark_of(plan, &mut wb);
    if mark.kind.as_deref() != Some(MARK) {
        return Err("tệp này không phải phiếu góp ý dự thảo của ứng dụng (có thể là tệp đề xuất hoặc báo cáo tiến độ).".into());
    }
    let claimed = mark.owner.as_deref().and_then(|id| plan.agency(id));
    seal.check(plan, MARK, claimed, mark.seal.as_deref())?;
    let agency = claimed.map(|a| a.id.clone()).unwrap_or_default();
    if !round.agencies.contains(&agency) {
        return Err(format!(
            "{} không có trong danh sách được xin ý kiến đợt này: không nhận.",
            claimed.map_or("Cơ quan này", |a| a.name.as_str())
        ));
    }
    let sheet = Sheet::read(&mut wb, SHEET, &COLUMNS, "phiếu góp ý đã gửi")?;
    if sheet.place(3, &COLUMNS).is_none() {
        return Err(format!("không tìm thấy cột «{}»", COLUMNS[3].0));
    }
    let known = places(draft);
    let mut comments = Vec::new();
    for (row, r) in sheet.body() {
        let text = |c: usize| sheet.text(r, c);
        let (said, proposed) = (text(3), text(4));
        if said.is_empty() && proposed.is_empty() {
            continue;
        }
        let place = resolve(&known, &text(0), &text(1)).unwrap_or_else(|| {
            problems.push(Problem {
                file: file.to_path_buf(),
                sheet: Some(sheet.name.clone()),
                row: Some(row),
                column: None,
                message: format!(
                    "không tìm thấy vị trí «{}» trong dự thảo đã gửi; ý kiến được ghi là góp ý chung.",
                    [text(1), text(0)].into_iter().find(|t| !t.is_empty()).unwrap_or_default()
                ),
            });
            CommentPlace::General
        });
        comments.push(Comment {
            id: crate::model::new_id(),
            agency: agency.clone(),
            place,
            text: said,
            proposed,
            answer: Default::default(),
            letter: String::new(),
            source: format!("Phiếu góp ý, dòng {row}"),
        });
    }
    Ok((agency, comments))
}

/// The place a person names in `plan` ("Nhiệm vụ 2.3", "Mục tiêu 1", "Kinh phí thực hiện",
/// "chung" or nothing for the draft as a whole), as a letter's comment is typed in.
pub fn place_named(plan: &Plan, written: &str) -> Option<CommentPlace> {
    resolve(&places(plan), "", written)
}

/// The place a row names: by its code, else by the place written ("Nhiệm vụ 2.3", "Mục tiêu
/// 1", "Kinh phí"); a row with neither is about the draft as a whole.
fn resolve(known: &[PlaceRow], code: &str, written: &str) -> Option<CommentPlace> {
    if !code.is_empty() {
        if let Some(p) = known.iter().find(|p| p.code == code) {
            return Some(p.place.clone());
        }
    }
    let w = fold(written);
    let w = w.trim().trim_end_matches(['.', ':']);
    if code.is_empty() && (w.is_empty() || w == "chung") {
        return Some(CommentPlace::General);
    }
    if w.is_empty() {
        return None;
    }
    // "nv 2.3" and "2.3" as well as "nhiệm vụ 2.3"; "muc ii" is not a number and falls to
    // the parts' names.
    let w = w.replace("nv ", "nhiem vu ");
    let w = if w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.contains('.') {
        format!("nhiem vu {w}")
    } else {
        w
    };
    known
        .iter()
        .find(|p| {
            let label = fold(&p.label);
            label == w || label.strip_prefix("phan: ").is_some_and(|l| l == w)
        })
        .map(|p| p.place.clone())
}
