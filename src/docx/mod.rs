//! Official Word documents in the Decree 30/2020 format: the plan (Kế hoạch), the decision
//! that issues it (Quyết định) with its task appendix, and the appendix alone. Built with
//! docx-rs; its gaps are patched in `postprocess`, and only there.

mod appendix;
mod postprocess;
/// The results report; its day and task/indicator verdicts are shared with the workbook.
pub mod report;
mod style;

use std::path::Path;

use chrono::NaiveDate;
use docx_rs::*;

use crate::format::{date_short, doc_number, lower_first, place_date, roman};
use crate::model::Plan;
use crate::numbering::{group_number, point_letter};
use crate::{Error, Result};
use style::*;

use crate::outline::{
    body_template, template_file, AppendixTitles, BodyTemplate, Content, DecisionFile,
    DecisionWording,
};

/// Which document to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocChoice {
    /// The plan with all its appendices.
    KeHoach,
    /// The decision issuing the plan, with the task appendix.
    QuyetDinh,
    /// The decision's task appendix on its own.
    PhuLuc,
    /// The results report of the plan's year, as of a day (the year's end when `None`).
    BaoCao { as_of: Option<NaiveDate> },
}

impl std::str::FromStr for DocChoice {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "ke-hoach" => Ok(DocChoice::KeHoach),
            "quyet-dinh" => Ok(DocChoice::QuyetDinh),
            "phu-luc" => Ok(DocChoice::PhuLuc),
            "bao-cao" => Ok(DocChoice::BaoCao { as_of: None }),
            other => Err(Error::Invalid(format!(
                "Loại văn bản «{other}» không có; chọn ke-hoach, quyet-dinh, phu-luc hoặc bao-cao."
            ))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub doc: DocChoice,
    /// "DỰ THẢO", blank number and date; otherwise number and date are required.
    pub draft: bool,
    /// Id of the body template in `templates/documents/`.
    pub template: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            doc: DocChoice::KeHoach,
            draft: false,
            template: DEFAULT_TEMPLATE.into(),
        }
    }
}

pub use crate::outline::{template_ids, DEFAULT_TEMPLATE};

// ------------------------------------------------------------------------ checks ----

/// What must be true before a document is produced. Draft mode needs no number or date.
fn check(plan: &Plan, opts: &Options) -> Result<()> {
    // A report speaks of a plan already issued: its number is given when it is sent.
    if opts.draft || matches!(opts.doc, DocChoice::BaoCao { .. }) {
        return Ok(());
    }
    let id = &plan.identity;
    let mut missing = Vec::new();
    if id.number.as_deref().is_none_or(|n| n.trim().is_empty()) {
        missing.push("số kế hoạch");
    }
    if id.issue_date.is_none() {
        missing.push("ngày ban hành kế hoạch");
    }
    if id.signer.name.trim().is_empty() {
        missing.push("họ tên người ký");
    }
    if opts.doc != DocChoice::KeHoach {
        match &id.decision {
            None => missing.push("thông tin quyết định ban hành"),
            Some(d) => {
                if d.number.as_deref().is_none_or(|n| n.trim().is_empty()) {
                    missing.push("số quyết định");
                }
                if d.issue_date.is_none() {
                    missing.push("ngày ban hành quyết định");
                }
            }
        }
    }
    if !missing.is_empty() {
        return Err(Error::Invalid(format!(
            "Bản chính thức còn thiếu: {}. Hãy bổ sung hoặc xuất bản dự thảo.",
            missing.join(", ")
        )));
    }
    // Whether the plan may be issued at all (its errors, the final check) is decided where
    // exports are asked for: `readiness::ensure_issuable`, by the session and the CLI.
    Ok(())
}

/// The boxed "DỰ THẢO" under the header block, on every draft — also on an appendix sent
/// on its own.
fn draft_mark() -> DocPart {
    use ParagraphBorderPosition::{Bottom, Left, Right, Top};
    let borders = [(Top, 1), (Bottom, 1), (Left, 4), (Right, 4)]
        .into_iter()
        .fold(ParagraphBorders::with_empty(), |b, (side, space)| {
            b.set(
                ParagraphBorder::new(side)
                    .val(BorderType::Single)
                    .size(8)
                    .space(space),
            )
        });
    DocPart::from(
        centred(vec![bold("DỰ THẢO", PT14)])
            .set_borders(borders)
            .indent(Some(3600), None, Some(3600), None),
    )
}

// ------------------------------------------------------------------------- entry ----

/// Builds the chosen document and returns the .docx bytes.
pub fn build(plan: &Plan, opts: &Options) -> Result<Vec<u8>> {
    check(plan, opts)?;
    let template = body_template(&opts.template)?;
    let ctx = Ctx::new(plan, opts, &template.appendices);
    let (first, appendices): (Vec<DocPart>, Vec<appendix::Appendix>) = match opts.doc {
        DocChoice::KeHoach => {
            let appendices = appendix::for_plan(&ctx);
            (plan_body(&ctx, &template, &appendices), appendices)
        }
        DocChoice::QuyetDinh => (
            decision_body(
                &ctx,
                &template_file::<DecisionFile>("quyet-dinh.toml")?.decision,
            ),
            vec![appendix::tasks(&ctx)],
        ),
        DocChoice::PhuLuc => (Vec::new(), vec![appendix::tasks(&ctx)]),
        DocChoice::BaoCao { as_of } => {
            let day = report::as_of(plan, as_of);
            (report::body(&ctx, day), appendix::for_report(day))
        }
    };

    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY)
        .created_at("2000-01-01T00:00:00Z")
        .updated_at("2000-01-01T00:00:00Z");
    let numbered = appendix::numbered(&appendices);
    // The body is one portrait section with the page number in the header and none on the
    // first page; each appendix is a landscape section numbered from 1 that inherits that
    // header. docx-rs keeps one header per added section, so only the first carries it.
    let mut sections: Vec<(bool, Vec<DocPart>)> = Vec::new();
    if !first.is_empty() {
        sections.push((false, first));
    }
    for (label, a) in numbered {
        let mut parts = appendix::render(&ctx, &label, a);
        if sections.is_empty() && ctx.draft {
            parts.insert(0, draft_mark());
        }
        sections.push((true, parts));
    }
    let last = sections.len() - 1;
    for (i, (landscape, parts)) in sections.into_iter().enumerate() {
        let size = if landscape {
            PageSize::new()
                .width(A4_H)
                .height(A4_W)
                .orient(PageOrientationType::Landscape)
        } else {
            PageSize::new().width(A4_W).height(A4_H)
        };
        if i == last {
            // The final section is the document-level one.
            for part in parts {
                docx = match part {
                    DocPart::P(p) => docx.add_paragraph(*p),
                    DocPart::T(t) => docx.add_table(*t),
                };
            }
            docx = docx
                .page_size(
                    if landscape { A4_H } else { A4_W },
                    if landscape { A4_W } else { A4_H },
                )
                .page_margin(margins())
                .title_pg()
                .page_num_type(PageNumType::new().start(1));
            if landscape {
                docx = docx.page_orient(PageOrientationType::Landscape);
            }
            if i == 0 {
                docx = docx.header(page_number_header());
            }
        } else {
            let mut s = Section::new()
                .page_size(size)
                .page_margin(margins())
                .title_pg()
                .page_num_type(PageNumType::new().start(1));
            if i == 0 {
                s = s.header(page_number_header());
            }
            for part in parts {
                s = match part {
                    DocPart::P(p) => s.add_paragraph(*p),
                    DocPart::T(t) => s.add_table(*t),
                };
            }
            docx = docx.add_section(s);
        }
    }
    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| Error::Invalid(format!("không tạo được tệp Word: {e}")))?;
    postprocess::finish(raw.into_inner())
}

/// Builds and writes atomically: a failure leaves no partial file.
pub fn export(plan: &Plan, opts: &Options, out: &Path) -> Result<()> {
    let bytes = build(plan, opts)?;
    crate::fsutil::write_atomic(out, &bytes)
}

// ----------------------------------------------------------------------- context ----

pub(crate) enum DocPart {
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl From<Paragraph> for DocPart {
    fn from(p: Paragraph) -> Self {
        DocPart::P(Box::new(p))
    }
}

pub(crate) struct Ctx<'a> {
    pub plan: &'a Plan,
    pub draft: bool,
    pub doc: DocChoice,
    pub appendix_titles: &'a AppendixTitles,
}

impl<'a> Ctx<'a> {
    fn new(plan: &'a Plan, opts: &Options, appendix_titles: &'a AppendixTitles) -> Self {
        Ctx {
            plan,
            draft: opts.draft,
            doc: opts.doc,
            appendix_titles,
        }
    }

    pub fn number(&self) -> Option<&str> {
        if self.draft {
            None
        } else {
            self.plan.identity.number.as_deref()
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        if self.draft {
            None
        } else {
            self.plan.identity.issue_date
        }
    }

    fn decision_number(&self) -> Option<&str> {
        if self.draft {
            None
        } else {
            self.plan.identity.decision.as_ref()?.number.as_deref()
        }
    }

    fn decision_date(&self) -> Option<NaiveDate> {
        if self.draft {
            None
        } else {
            self.plan.identity.decision.as_ref()?.issue_date
        }
    }

    /// The day the decision speaks from: its date, else the plan's, else the end of the year
    /// before the plan year (when plans are issued).
    fn decision_day(&self) -> NaiveDate {
        let id = &self.plan.identity;
        id.decision
            .as_ref()
            .and_then(|d| d.issue_date)
            .or(id.issue_date)
            .unwrap_or_else(|| {
                NaiveDate::from_ymd_opt(id.year - 1, 12, 31).unwrap_or(NaiveDate::MIN)
            })
    }

    /// "Ủy ban nhân dân các xã, phường" (with ", đặc khu" where the province has one), or the
    /// district committees for a decision before the two-level government of 1/7/2025.
    fn lower_committees(&self) -> String {
        let reform = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or(NaiveDate::MIN);
        if self.decision_day() < reform {
            return "Ủy ban nhân dân các huyện, thị xã, thành phố".into();
        }
        let zones = crate::catalogue::Catalogues::builtin()
            .province(&self.plan.identity.province)
            .is_some_and(|p| !p.special_zones.is_empty());
        format!(
            "Ủy ban nhân dân các xã, phường{}",
            if zones { ", đặc khu" } else { "" }
        )
    }

    fn decision_symbol(&self) -> String {
        self.plan
            .identity
            .decision
            .as_ref()
            .map_or("QĐ-UBND".into(), |d| d.symbol.clone())
    }

    /// "(Kèm theo Kế hoạch số 189/KH-UBND ngày 09/12/2022 của Ủy ban nhân dân tỉnh Quảng Ngãi)"
    pub fn attached_to(&self) -> String {
        let id = &self.plan.identity;
        let (kind, number, symbol, date) = match self.doc {
            DocChoice::KeHoach => ("Kế hoạch", self.number(), id.symbol.clone(), self.date()),
            DocChoice::BaoCao { as_of } => (
                "Báo cáo",
                id.report_number.as_deref().map(str::trim),
                report::symbol(id),
                Some(report::as_of(self.plan, as_of)),
            ),
            _ => (
                "Quyết định",
                self.decision_number(),
                self.decision_symbol(),
                self.decision_date(),
            ),
        };
        let number = number.map_or("      ".to_string(), str::to_string);
        let date = date.map_or("   /   /".to_string() + &id.year.to_string(), date_short);
        format!(
            "(Kèm theo {kind} số {number}/{symbol} ngày {date} của {})",
            id.issuer
        )
    }

    pub(crate) fn fill(&self, text: &str) -> String {
        let id = &self.plan.identity;
        let drafting = id
            .drafting_agency
            .as_deref()
            .and_then(|a| self.plan.agency(a))
            .map_or("Sở Khoa học và Công nghệ".to_string(), |a| {
                a.name.clone()
            });
        let proposal = id
            .decision
            .as_ref()
            .map(|d| d.proposal.trim())
            .filter(|p| !p.is_empty())
            .map_or(String::new(), |p| format!(" tại {p}"));
        text.replace("{năm trước}", &(id.year - 1).to_string())
            .replace("{năm}", &id.year.to_string())
            .replace("{TỈNH}", &id.province.to_uppercase())
            .replace("{tỉnh}", &id.province)
            .replace("{cơ quan tham mưu}", &drafting)
            .replace("{tên kế hoạch}", &lower_first(&id.title))
            .replace("{đề nghị}", &proposal)
            .replace("{ủy ban cấp dưới}", &self.lower_committees())
    }
}

// ------------------------------------------------------------------ header block ----

/// Issuing body | national name and motto, their short lines, number | place and date.
fn header_block(ctx: &Ctx, number_line: String, date: Option<NaiveDate>) -> Vec<DocPart> {
    let id = &ctx.plan.identity;
    // The block is 400 twips wider than the text and shifted 200 into the left margin, as
    // issued documents do, so the national name fits on one line at 12 pt.
    let (left_w, right_w) = (3700usize, PORTRAIT_TEXT_W - 3700 + 400);
    let mut left: Vec<Paragraph> = id
        .header_lines
        .iter()
        .map(|l| centred(vec![bold(&l.to_uppercase(), PT13)]))
        .collect();
    let longest = id
        .header_lines
        .iter()
        .map(|l| text_width(l, PT13))
        .max()
        .unwrap_or(1500);
    left.push(short_line((longest * 2 / 5).max(900), left_w));
    let motto = "Độc lập - Tự do - Hạnh phúc";
    let right = vec![
        centred(vec![bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PT12)]),
        centred(vec![bold(motto, PT13)]),
        short_line(text_width(motto, PT13) * 9 / 10, right_w),
    ];
    let rows = vec![
        TableRow::new(vec![cell(left, left_w), cell(right, right_w)]),
        TableRow::new(vec![
            cell(vec![centred(vec![run(&number_line, PT13)])], left_w),
            cell(
                vec![centred(vec![italic(&place_date(&id.place, date), PT14)])],
                right_w,
            ),
        ]),
    ];
    let mut out = vec![DocPart::T(Box::new(
        borderless(rows, vec![left_w, right_w]).indent(-200),
    ))];
    if ctx.draft {
        out.push(draft_mark());
    }
    out.push(DocPart::from(empty(PT14)));
    out
}

fn title_block(kind: &str, subject: &str) -> Vec<DocPart> {
    vec![
        DocPart::from(centred(vec![bold(kind, PT14)]).keep_next(true)),
        DocPart::from(centred(vec![bold(subject, PT14)]).keep_next(true)),
        DocPart::from(short_line(1800, PORTRAIT_TEXT_W)),
        DocPart::from(empty(PT14)),
    ]
}

/// Recipients (left) and signature (right), side by side.
fn signature_block(ctx: &Ctx, first_recipient: Option<&str>) -> DocPart {
    let id = &ctx.plan.identity;
    let (left_w, right_w) = (4200usize, PORTRAIT_TEXT_W - 4200);
    let mut left = vec![Paragraph::new().add_run(bold("Nơi nhận:", PT12).italic())];
    let items: Vec<String> = first_recipient
        .into_iter()
        .map(str::to_string)
        .chain(id.recipients.iter().cloned())
        .collect();
    for r in &items {
        left.push(
            Paragraph::new().add_run(run(&format!("- {};", r.trim().trim_end_matches(';')), PT11)),
        );
    }
    let archive = if id.archive_unit.trim().is_empty() {
        "- Lưu: VT.".to_string()
    } else {
        format!("- Lưu: VT, {}.", id.archive_unit.trim())
    };
    left.push(Paragraph::new().add_run(run(&archive, PT11)));

    let mut right = vec![centred(vec![bold(
        &id.signer.authority.to_uppercase(),
        PT14,
    )])];
    if let Some(d) = id
        .signer
        .deputy_line
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        right.push(centred(vec![bold(&d.to_uppercase(), PT14)]));
    }
    right.push(centred(vec![bold(&id.signer.title.to_uppercase(), PT14)]));
    for _ in 0..4 {
        right.push(empty(PT14));
    }
    right.push(centred(vec![bold(&id.signer.name, PT14)]));
    let column = |paragraphs: Vec<Paragraph>, width: usize| {
        paragraphs.into_iter().fold(
            TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Top),
            |c, p| c.add_paragraph(p),
        )
    };
    let row = TableRow::new(vec![column(left, left_w), column(right, right_w)]).cant_split();
    DocPart::T(Box::new(borderless(vec![row], vec![left_w, right_w])))
}

// ------------------------------------------------------------------------- plan ----

/// The plan's body; `appendices` are the ones that follow it, which the body refers to.
fn plan_body(
    ctx: &Ctx,
    template: &BodyTemplate,
    appendices: &[appendix::Appendix],
) -> Vec<DocPart> {
    let plan = ctx.plan;
    let id = &plan.identity;
    let mut out = header_block(ctx, doc_number(ctx.number(), &id.symbol), ctx.date());
    out.extend(title_block("KẾ HOẠCH", &id.title));
    out.extend(style::narrative(&id.opening).into_iter().map(DocPart::from));
    let appendices = appendix::numbered(appendices);
    let label_of = |kind: appendix::Kind| {
        appendices
            .iter()
            .find(|(_, a)| a.kind == kind)
            .map(|(l, _)| l.clone())
    };

    for part in &template.parts {
        if !part.label.is_empty() {
            out.push(DocPart::from(
                centred(vec![bold(&ctx.fill(&part.label), PT14)]).keep_next(true),
            ));
            out.push(DocPart::from(
                centred(vec![bold(&ctx.fill(&part.title), PT14)]).keep_next(true),
            ));
            out.push(DocPart::from(empty(PT12)));
        }
        for (si, section) in part.sections.iter().enumerate() {
            out.push(DocPart::from(heading(&format!(
                "{}. {}",
                roman(si as u32 + 1),
                ctx.fill(&section.title)
            ))));
            let paras = match section.content {
                Content::GoalsReview => {
                    let mut v = style::narrative(&plan.assessment.goals_review);
                    if !plan.assessment.indicators.is_empty() {
                        v.extend(indicator_reviews(ctx));
                    }
                    v
                }
                Content::AssessmentAreas => {
                    let mut v = Vec::new();
                    let sections = &plan.assessment.sections;
                    let key = |s: &str| crate::text::fold(s);
                    for (i, s) in sections.iter().enumerate() {
                        v.push(heading(&format!("{}. {}", i + 1, s.title)));
                        v.extend(style::narrative(&s.text));
                        v.extend(task_reviews(ctx, |g| key(g) == key(&s.title)));
                    }
                    // Last year's tasks whose group has no area of its own (typed by hand).
                    let mut n = sections.len();
                    let other = |g: &str| !sections.iter().any(|s| key(&s.title) == key(g));
                    if plan.assessment.tasks.iter().any(|t| other(&t.group)) {
                        n += 1;
                        v.push(heading(&format!("{n}. Các nhiệm vụ khác")));
                        v.extend(task_reviews(ctx, other));
                    }
                    if !plan.assessment.budget_spent.trim().is_empty() {
                        v.push(heading(&format!("{}. Kinh phí thực hiện", n + 1)));
                        v.extend(style::narrative(&plan.assessment.budget_spent));
                    }
                    if let Some(l) = label_of(appendix::Kind::Documents) {
                        v.push(body(vec![italic(&format!("Danh sách văn bản của tỉnh về chuyển đổi số ban hành năm {} tại {l} kèm theo.", id.year - 1), BODY)]));
                    }
                    v
                }
                Content::LegalBases => {
                    let n = plan.legal_bases.len();
                    plan.legal_bases
                        .iter()
                        .enumerate()
                        .map(|(i, b)| {
                            let mut runs = vec![run("- ", BODY)];
                            runs.extend(rich(
                                &format!("{}{}", b.citation(), if i + 1 == n { "." } else { ";" }),
                                BODY,
                                false,
                            ));
                            body(runs)
                        })
                        .collect()
                }
                Content::Vision => style::narrative(&plan.vision),
                Content::Goals => {
                    let vision_elsewhere = template
                        .parts
                        .iter()
                        .flat_map(|p| &p.sections)
                        .any(|s| s.content == Content::Vision);
                    goals(ctx, label_of(appendix::Kind::Indicators), !vision_elsewhere)
                }
                Content::Tasks => tasks(ctx, label_of(appendix::Kind::Tasks)),
                Content::Solutions => plan
                    .solutions
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| {
                        std::iter::once(heading(&format!("{}. {}", i + 1, s.title)))
                            .chain(style::narrative(&s.text))
                    })
                    .collect(),
                Content::Budget => {
                    let totals = crate::budget::totals(plan);
                    let mut v: Vec<Paragraph> = crate::budget::summary(&totals)
                        .iter()
                        .flat_map(|l| style::narrative(l))
                        .collect();
                    v.extend(style::narrative(&plan.budget.narrative));
                    v
                }
                Content::Organisation => {
                    let mut v = Vec::new();
                    for (i, d) in plan.organisation.duties.iter().enumerate() {
                        v.push(heading(&format!("{}. {}", i + 1, d.heading)));
                        v.extend(style::narrative(&d.text));
                    }
                    v
                }
            };
            out.extend(paras.into_iter().map(DocPart::from));
        }
    }
    // The closing paragraph ends with "./.".
    let closing = plan
        .organisation
        .closing
        .trim()
        .trim_end_matches('.')
        .to_string();
    let closing = if closing.is_empty() {
        "Trên đây là Kế hoạch chuyển đổi số của tỉnh".to_string()
    } else {
        closing
    };
    out.extend(
        style::narrative(&format!("{closing}./."))
            .into_iter()
            .map(DocPart::from),
    );
    out.push(DocPart::from(empty(PT12)));
    out.push(signature_block(ctx, None));
    out
}

/// Last year's tasks of the groups `of` accepts, each with its status and result:
/// "- Tên nhiệm vụ: hoàn thành. Kết quả…".
fn task_reviews(ctx: &Ctx, of: impl Fn(&str) -> bool) -> Vec<Paragraph> {
    ctx.plan
        .assessment
        .tasks
        .iter()
        .filter(|t| of(&t.group))
        .map(|t| {
            let status = t.status.map_or("chưa đánh giá".to_string(), |s| {
                s.label().to_lowercase()
            });
            let result = t.result.trim().trim_end_matches('.');
            let result = if result.is_empty() {
                String::new()
            } else {
                format!(" {result}.")
            };
            body_text(&format!(
                "- {}: {status}.{result}",
                t.title.trim().trim_end_matches('.')
            ))
        })
        .collect()
}

fn indicator_reviews(ctx: &Ctx) -> Vec<Paragraph> {
    ctx.plan
        .assessment
        .indicators
        .iter()
        .map(|r| {
            let verdict = match r.achieved {
                Some(true) => "đạt",
                Some(false) => "chưa đạt",
                None => "chưa đánh giá",
            };
            let actual = r.actual.map_or(String::new(), |a| {
                format!(
                    ", thực hiện {}{}",
                    crate::format::money(a),
                    if r.indicator.unit == "%" { "%" } else { "" }
                )
            });
            body_text(&format!(
                "- {}: chỉ tiêu {}{actual} — {verdict}.",
                r.indicator.name,
                r.indicator.target_text()
            ))
        })
        .collect()
}

/// Goals: the vision first when the template gives it no section of its own, the general
/// goal, then the specific goals (their text, or their indicators when there is no text).
fn goals(ctx: &Ctx, appendix: Option<String>, with_vision: bool) -> Vec<Paragraph> {
    let plan = ctx.plan;
    let mut v = Vec::new();
    let mut n = 0;
    if with_vision && !plan.vision.trim().is_empty() {
        n += 1;
        v.push(heading(&format!("{n}. Tầm nhìn")));
        v.extend(style::narrative(&plan.vision));
    }
    if !plan.general_goal.trim().is_empty() {
        n += 1;
        v.push(heading(&format!("{n}. Mục tiêu tổng quát")));
        v.extend(style::narrative(&plan.general_goal));
    }
    for g in &plan.specific_goals {
        n += 1;
        v.push(heading(&format!("{n}. {}", g.title)));
        // The description, then each indicator it does not already state (an imported goal's
        // indicators were read from its own text): the body lists them whether or not the
        // plan has an indicator appendix.
        v.extend(style::narrative(&g.text));
        let said = crate::text::fold(&g.text);
        v.extend(
            g.indicators
                .iter()
                .filter(|i| !said.contains(&crate::text::fold(&i.name)))
                .map(|i| body_text(&format!("- {}: {}.", i.name, i.target_text()))),
        );
    }
    if let Some(l) = appendix {
        v.push(body(vec![italic(
            &format!("Các chỉ tiêu cụ thể tại {l} kèm theo Kế hoạch này."),
            BODY,
        )]));
    }
    v
}

fn tasks(ctx: &Ctx, appendix: Option<String>) -> Vec<Paragraph> {
    let plan = ctx.plan;
    let mut v = Vec::new();
    if let Some(l) = &appendix {
        v.push(body(vec![italic(
            &format!("Danh mục nhiệm vụ và phân công thực hiện tại {l} kèm theo Kế hoạch này."),
            BODY,
        )]));
    }
    for (gi, g) in plan.groups.iter().enumerate() {
        v.push(heading(&format!("{}. {}", group_number(gi), g.title)));
        if g.intro.trim().is_empty() {
            for (ti, t) in g.tasks.iter().enumerate() {
                let lead: Vec<&str> = t
                    .lead
                    .iter()
                    .filter_map(|a| plan.agency(a))
                    .map(|a| a.name.as_str())
                    .collect();
                let mut line = vec![run(
                    &format!("{}) {}", point_letter(ti), t.title.trim_end_matches('.')),
                    BODY,
                )];
                if !lead.is_empty() {
                    line.push(italic(&format!(" (chủ trì: {})", lead.join(", ")), BODY));
                }
                line.push(run(".", BODY));
                v.push(body(line));
            }
        } else {
            v.extend(style::narrative(&g.intro));
        }
    }
    v
}

// ---------------------------------------------------------------------- decision ----

fn decision_body(ctx: &Ctx, w: &DecisionWording) -> Vec<DocPart> {
    let plan = ctx.plan;
    let id = &plan.identity;
    let mut out = header_block(
        ctx,
        doc_number(ctx.decision_number(), &ctx.decision_symbol()),
        ctx.decision_date(),
    );
    out.extend(title_block(
        "QUYẾT ĐỊNH",
        &format!("Về việc ban hành Kế hoạch {}", lower_first(&id.title)),
    ));
    out.push(DocPart::from(
        centred(vec![bold(&ctx.fill(&w.authority), PT14)]).keep_next(true),
    ));
    out.push(DocPart::from(empty(PT12)));
    let on = ctx.decision_day();
    let mut bases: Vec<String> = w
        .bases
        .iter()
        .filter(|b| b.from.is_none_or(|f| on >= f) && b.until.is_none_or(|u| on <= u))
        .map(|b| ctx.fill(&b.text))
        .collect();
    bases.extend(
        plan.legal_bases
            .iter()
            .map(|b| format!("Căn cứ {}", b.citation())),
    );
    for b in &bases {
        out.push(DocPart::from(body(rich(
            &format!("{};", b.trim_end_matches([';', '.'])),
            BODY,
            true,
        ))));
    }
    out.push(DocPart::from(body(vec![italic(
        &format!("{}.", ctx.fill(&w.proposal).trim_end_matches('.')),
        BODY,
    )])));
    out.push(DocPart::from(empty(PT12)));
    out.push(DocPart::from(
        centred(vec![bold("QUYẾT ĐỊNH:", PT14)]).keep_next(true),
    ));
    out.push(DocPart::from(empty(PT12)));
    for (n, text) in [(1, &w.article1), (2, &w.article2), (3, &w.article3)] {
        let text = ctx.fill(text);
        let text = if n == 3 {
            format!("{}./.", text.trim_end_matches('.'))
        } else {
            text
        };
        out.push(DocPart::from(body(vec![
            bold(&format!("Điều {n}. "), BODY),
            run(&text, BODY),
        ])));
    }
    out.push(DocPart::from(empty(PT12)));
    out.push(signature_block(ctx, Some(&w.recipients_first)));
    out
}
