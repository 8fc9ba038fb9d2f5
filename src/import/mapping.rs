//! Step 3 of the import: the recognised parts mapped to the plan — the assessment, legal
//! bases, goals and indicators, task groups with their intros, solutions, budget and duties.
//! Every line mapped is placed in the ledger; a line that has no home stays listed.

use crate::model::*;
use crate::outline::Content;
use crate::text::fold;

use super::citations::parse_citation;
use super::parts::{Bucket, Line, Parts};
use super::prose::{budget_lines, indicators_in, md, parse_review, parse_task_review, pillar_of};
use super::tables::read_indicator_table;
use super::{Flag, Reading};

/// "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" → "Tồn tại, hạn chế và nguyên nhân".
fn sentence_case(heading: &str) -> String {
    let h = super::prose::roman_heading(heading)
        .unwrap_or(heading)
        .trim();
    let lower = h.to_lowercase();
    let mut c = lower.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(|l| l.text.clone()).collect()
}

fn join(a: &str, b: &str) -> String {
    [a, b]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub(super) fn map(parts: Parts, plan: &mut Plan, r: &mut Reading) {
    let place_all = |r: &mut Reading, lines: &[Line]| {
        for l in lines {
            r.ledger.place(l.n);
        }
    };
    place_all(r, &parts.opening);
    plan.identity.opening = md(&texts(&parts.opening));
    if let Some(c) = &parts.closing {
        r.ledger.place(c.n);
        plan.organisation.closing = format!("{}.", c.text.trim_end_matches('.'));
    }
    for d in &parts.documents {
        match parse_citation(&d.text) {
            Some(c) => {
                plan.assessment.documents.push(c);
                r.ledger.place(d.n);
            }
            None => r.flags.push(Flag {
                place: "Phụ lục văn bản".into(),
                message: format!("Không đọc được văn bản «{}».", d.text),
            }),
        }
    }
    // Task group intros by group title, in the order written (the output never depends on
    // a hash order).
    let mut intros: Vec<(String, String, String)> = Vec::new(); // folded title, title, text
    for bucket in parts.buckets {
        bucket_to_plan(
            bucket,
            plan,
            &mut intros,
            !parts.indicator_tables.is_empty(),
            r,
        );
    }
    for rows in &parts.indicator_tables {
        read_indicator_table(rows, &mut plan.specific_goals, &mut r.flags);
    }
    bases_in_opening(&parts.opening, plan);
    plan.groups = groups_with_intros(parts.groups, &intros, r);
    for rows in &parts.signature_tables {
        super::signature::read(rows, plan);
    }
    budget(plan, r);
    // Goals' headings the file did not mark as headings (a list LibreOffice turned into
    // bullets): the whole section became the general goal. Said, for the planner to split.
    if plan.specific_goals.is_empty() && !plan.general_goal.trim().is_empty() {
        r.flags.push(Flag {
            place: "Mục tiêu".into(),
            message: "Không nhận ra mục tiêu cụ thể nào: cả mục Mục tiêu đã đưa vào mục tiêu tổng quát; nếu văn bản có các mục tiêu cụ thể (đề mục «a)», «1.»), hãy tách chúng ra.".into(),
        });
    }
}

/// Bases listed in the opening ("- Luật …;" before "Thực hiện …", or "Căn cứ …;"), read
/// when the file has no section of bases, and the guidance letter the opening carries out.
fn bases_in_opening(opening: &[Line], plan: &mut Plan) {
    let opening_bases: Vec<(usize, LegalBasis)> = opening
        .iter()
        .enumerate()
        .filter_map(|(i, l)| opening_basis(&l.text).map(|b| (i, b)))
        .collect();
    // The guidance the opening sentence cites ("Thực hiện Công văn số 3350/BKHCN-CĐSQG ngày
    // 05/9/2025 của Bộ Khoa học và Công nghệ, Ủy ban nhân dân tỉnh ban hành …"): a basis
    // too, checked for currency like the others; the sentence stays as written.
    let guidance: Vec<LegalBasis> = opening
        .iter()
        .filter_map(|l| cited_in_sentence(&l.text))
        .collect();
    if plan.legal_bases.is_empty() && !opening_bases.is_empty() {
        let rest: Vec<String> = opening
            .iter()
            .enumerate()
            .filter(|(i, _)| !opening_bases.iter().any(|(k, _)| k == i))
            .map(|(_, l)| l.text.clone())
            .collect();
        plan.identity.opening = md(&rest);
        plan.legal_bases = opening_bases.into_iter().map(|(_, b)| b).collect();
    }
    for g in guidance {
        if !plan.legal_bases.iter().any(|b| b.number == g.number) {
            plan.legal_bases.push(g);
        }
    }
}

/// The task table's groups, each with the intro written under its heading in the body; the
/// body's headings themselves when the file has no task table.
fn groups_with_intros(
    mut groups: Vec<TaskGroup>,
    intros: &[(String, String, String)],
    r: &mut Reading,
) -> Vec<TaskGroup> {
    if groups.is_empty() {
        r.flags.push(Flag {
            place: "Nhiệm vụ".into(),
            message: "Các nhóm nhiệm vụ lấy từ mục Nhiệm vụ của văn bản, chưa có nhiệm vụ nào: cần nhập danh mục nhiệm vụ.".into(),
        });
        groups = intros
            .iter()
            .map(|(_, title, intro)| TaskGroup {
                id: new_id(),
                title: title.clone(),
                framework_ref: None,
                intro: intro.clone(),
                tasks: Vec::new(),
            })
            .collect();
    }
    for g in &mut groups {
        if let Some((_, _, intro)) = intros.iter().find(|(k, ..)| *k == fold(&g.title)) {
            g.intro = intro.clone();
        }
    }
    groups
}

/// One bucket's lines into the plan; what has no home stays unplaced.
fn bucket_to_plan(
    Bucket {
        section,
        heading,
        title,
        lines,
    }: Bucket,
    plan: &mut Plan,
    intros: &mut Vec<(String, String, String)>,
    indicator_table: bool,
    r: &mut Reading,
) {
    // Text under an unrecognised heading was flagged when read, and stays listed.
    let Some(content) = section else { return };
    let text = md(&texts(&lines));
    let mut placed = true;
    let title_text = title.as_ref().map(|t| t.text.clone());
    match (content, title_text) {
        (Content::GoalsReview, t) => goals_review(plan, t, &lines),
        (Content::AssessmentAreas, Some(t))
            if fold(&t).starts_with("kinh phi") && plan.assessment.budget_spent.is_empty() =>
        {
            plan.assessment.budget_spent = text
        }
        (Content::AssessmentAreas, t) => {
            assessment_area(plan, t.unwrap_or_else(|| sentence_case(&heading)), &lines)
        }
        (Content::LegalBases, _) => {
            placed = false;
            legal_bases(plan, &lines, r);
        }
        (Content::Vision, _) => plan.vision = join(&plan.vision, &text),
        (Content::Goals, None) => plan.general_goal = join(&plan.general_goal, &text),
        // "1. Mục tiêu chung" under the goals: the general goal, not a specific one.
        (Content::Goals, Some(t)) if fold(&t).starts_with("muc tieu chung") => {
            plan.general_goal = join(&plan.general_goal, &text)
        }
        (Content::Goals, Some(t)) => goal(plan, t, text, &lines, indicator_table, r),
        (Content::Tasks, Some(t)) => intros.push((fold(&t), t, text)),
        (Content::Solutions, t) => plan.solutions.push(NarrativeSection {
            id: new_id(),
            title: t.unwrap_or_else(|| sentence_case(&heading)),
            text,
        }),
        (Content::Budget, _) => plan.budget.narrative = join(&plan.budget.narrative, &text),
        (Content::Organisation, Some(t)) => {
            let (t, text) = match r.dir.name_and_sentence(&t) {
                Some((name, first)) => (name, join(&first, &text)),
                None => (t, text),
            };
            let agencies = if r.dir.known(&t) {
                vec![r.dir.resolve(&t)]
            } else {
                Vec::new()
            };
            plan.organisation.duties.push(Duty {
                id: new_id(),
                heading: t,
                agencies,
                text,
                generated: false,
            });
        }
        // Words directly under "III. NHIỆM VỤ" or "VI. TỔ CHỨC THỰC HIỆN", before the first
        // item: the plan has no place for them, so they stay listed.
        (Content::Tasks | Content::Organisation, None) => placed = false,
    }
    if placed {
        if let Some(t) = &title {
            r.ledger.place(t.n);
        }
        for l in &lines {
            r.ledger.place(l.n);
        }
    }
}

/// "Đánh giá thực hiện mục tiêu": our own lines for last year's indicators are read back as
/// reviews; the rest is the section's text.
fn goals_review(plan: &mut Plan, title: Option<String>, lines: &[Line]) {
    let mut kept = Vec::new();
    for l in lines {
        match parse_review(&l.text) {
            Some(review) => plan.assessment.indicators.push(review),
            None => kept.push(l.text.clone()),
        }
    }
    let pre = title.map(|t| format!("{t}\n\n")).unwrap_or_default();
    plan.assessment.goals_review = join(&plan.assessment.goals_review, &(pre + &md(&kept)));
}

/// An area of Phần I. Last year's tasks as our own Phần I prints them under their area, or
/// under "Các nhiệm vụ khác" when their group has none, are read back as tasks.
fn assessment_area(plan: &mut Plan, title: String, lines: &[Line]) {
    let mut kept = Vec::new();
    for l in lines {
        match parse_task_review(&l.text, &title) {
            Some(task) => plan.assessment.tasks.push(task),
            None => kept.push(l.text.clone()),
        }
    }
    if !(kept.is_empty() && fold(&title) == "cac nhiem vu khac") {
        plan.assessment.sections.push(NarrativeSection {
            id: new_id(),
            title,
            text: md(&kept),
        });
    }
}

/// Each line of the section of bases read as a citation; one that is not is flagged.
fn legal_bases(plan: &mut Plan, lines: &[Line], r: &mut Reading) {
    for l in lines {
        match parse_citation(&l.text) {
            Some(c) => {
                plan.legal_bases.push(c);
                r.ledger.place(l.n);
            }
            None => r.flags.push(Flag {
                place: "Căn cứ".into(),
                message: format!("Không đọc được căn cứ «{}»: cần nhập lại.", l.text),
            }),
        }
    }
}

/// A specific goal: its pillar from its title, its indicators from its text (unless the
/// plan has an indicator table, which is exact).
fn goal(
    plan: &mut Plan,
    title: String,
    text: String,
    lines: &[Line],
    indicator_table: bool,
    r: &mut Reading,
) {
    let pillar = pillar_of(&title).unwrap_or_else(|| {
        r.flags.push(Flag {
            place: format!("Mục tiêu «{title}»"),
            message: "Không rõ trụ cột: đã xếp vào «Khác».".into(),
        });
        Pillar::Khac
    });
    let indicators = if indicator_table {
        Vec::new()
    } else {
        let all = texts(lines).join("\n");
        indicators_in(&all, &mut r.flags, &format!("Mục tiêu «{title}»"))
    };
    plan.specific_goals.push(Goal {
        id: new_id(),
        pillar,
        title,
        text,
        indicators,
    });
}

/// Amounts written in section V that the task lines do not already hold; our own budget
/// sentences (recomputed on export) dropped from the narrative; the drafting department from
/// "(thông qua Sở …)".
fn budget(plan: &mut Plan, r: &mut Reading) {
    let written = budget_lines(&crate::narrative::plain(&plan.budget.narrative));
    let mut unallocated = Vec::new();
    // A task line that does not say its source (or level) may be any: a table with only a
    // "Kinh phí" column under "Nguồn chi thường xuyên: … cấp tỉnh là 106.247,5" already
    // holds that amount, which is not to be added a second time.
    fn agrees<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
        a.is_none() || b.is_none() || a == b
    }
    for line in written {
        let in_tasks = crate::budget::total(
            plan.tasks()
                .flat_map(|(_, t)| t.budget.iter())
                .filter(|l| agrees(l.source, line.source) && agrees(l.level, line.level))
                .map(|l| l.amount),
        );
        if line.amount > in_tasks {
            unallocated.push(BudgetLine {
                amount: line.amount - in_tasks,
                note: "Dự kiến bố trí (đọc từ mục Kinh phí)".into(),
                ..line
            });
        }
    }
    if !unallocated.is_empty() {
        r.flags.push(Flag {
            place: "Kinh phí".into(),
            message: format!(
                "Đã đọc {} dòng kinh phí từ mục Kinh phí: cần kiểm tra nguồn, cấp và số tiền.",
                unallocated.len()
            ),
        });
    }
    plan.budget.unallocated = unallocated;
    plan.budget.narrative = plan
        .budget
        .narrative
        .split("\n\n")
        .filter(|b| {
            let f = fold(b);
            !(f.starts_with("tong kinh phi du kien")
                || (f.starts_with("nguon ")
                    && f.contains("du kien bo tri")
                    && f.contains("trong do")))
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    if let Some((_, after)) = plan.organisation.closing.split_once("thông qua ") {
        let name = after.split([')', '*', ',']).next().unwrap_or("").trim();
        if r.dir.known(name) {
            plan.identity.drafting_agency = Some(r.dir.resolve(name));
        }
    }
}

/// A line of the opening that cites a basis: "- Luật Giao dịch điện tử số 20/2023/QH15 …;"
/// or "Căn cứ Quyết định số 749/QĐ-TTg …;" (a sentence that only mentions a document, such
/// as "Thực hiện Công văn số …, Ủy ban nhân dân tỉnh ban hành …", is not one).
fn opening_basis(text: &str) -> Option<LegalBasis> {
    let t = text.trim();
    let listed = t.starts_with(['-', '–', '•', '+']) || fold(t).starts_with("can cu ");
    if !listed || !t.trim_end().ends_with([';', '.', ',']) {
        return None;
    }
    let t = t.trim_start_matches(['-', '–', '•', '+']).trim_start();
    let t = match fold(t).starts_with("can cu ") {
        // Past "Căn cứ " (7 characters).
        true => t.char_indices().nth(7).map_or("", |(i, _)| &t[i..]),
        false => t,
    };
    parse_citation(t)
}

/// The document an opening sentence is written to carry out: "Thực hiện <document>, Ủy ban
/// nhân dân tỉnh ban hành …" → the document, when it reads as a citation with a number.
fn cited_in_sentence(text: &str) -> Option<LegalBasis> {
    let t = text.trim();
    if !fold(t).starts_with("thuc hien ") {
        return None;
    }
    let rest = t
        .char_indices()
        .nth("Thực hiện ".chars().count())
        .map(|(i, _)| &t[i..])?;
    let end = [", Ủy ban nhân dân", ", UBND", ", Ủy ban"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()?;
    parse_citation(&rest[..end]).filter(|b| b.number.is_some())
}
