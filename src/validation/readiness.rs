//! "Sẵn sàng ban hành": what stands between a draft and a plan that can be issued, read from
//! the text the plan prints, with a jump to the field each finding comes from. Every finding
//! here is an error for a final export; a wording the planner confirms as intended (a name
//! in a quotation, a baseline year) is left out by its `key`.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::Decimal;

use crate::catalogue::Catalogues;
use crate::model::Plan;
use crate::plantext;

use super::wording::{Hit, Scanner};
use super::{at, Finding, Findings, Location, Section, Severity};

/// Where a text of the plan is, as the panel's jump needs it.
pub fn location_of(t: &plantext::Text) -> Location {
    Location {
        section: t.section,
        group: t.group.map(str::to_string),
        task: t.task.map(str::to_string),
        indicator: t.indicator.map(str::to_string),
        label: t.label.clone(),
    }
}

/// The words found, cut out of their sentence, for a message: "…giao «Sở TT&TT» chủ trì…".
pub fn quote(text: &str, h: &Hit) -> String {
    let sentence = plantext::sentence_at(text, h.start);
    let found = &text[h.start..h.end];
    // The sentence is a slice of `text`: the hit's own place in it, not the first lookalike
    // ("…tỉnh (LGSP), kết nối Nền tảng … quốc gia": the second is the one found).
    let from = sentence.as_ptr() as usize - text.as_ptr() as usize;
    let (Some(at), true) = (h.start.checked_sub(from), h.end <= from + sentence.len()) else {
        return format!("«{found}»");
    };
    let marked = format!(
        "{}«{found}»{}",
        &sentence[..at],
        &sentence[at + found.len()..]
    );
    let mut s: String = marked.chars().take(140 + 2).collect();
    if !s.contains('»') {
        s = format!("«{found}»");
    }
    s
}

/// The key a planner's "đúng chủ ý" mark is kept under: the rule, the place and the words, so
/// the mark holds while the rest of the text changes and lapses when the words do.
pub fn key(code: &str, place: &str, found: &str) -> String {
    format!("{code}|{place}|{}", crate::text::fold(found))
}

fn forward(part: Section) -> bool {
    matches!(
        part,
        Section::Goals | Section::Tasks | Section::Solutions | Section::Budget
    )
}

/// The findings of the final check on the plan's fields.
pub fn readiness(plan: &Plan) -> Vec<Finding> {
    let mut f = Findings(Vec::new());
    wording(plan, &mut f);
    assessment(plan, &mut f);
    empty_headings(plan, &mut f);
    budget_figures(plan, &mut f);
    duties(plan, &mut f);
    deadlines(plan, &mut f);
    if !plan.to_review.is_empty() {
        f.push(
            Severity::Error,
            "final.review_pending",
            at(Section::Identity, "Cần xem lại sau khi nhập"),
            format!(
                "Còn {} điểm cần xem lại sau khi nhập từ văn bản Word/Excel chưa được đánh dấu «Đã xem».",
                plan.to_review.len()
            ),
        );
    }
    f.0.retain(|x| x.key.as_ref().is_none_or(|k| !plan.intended.contains(k)));
    f.0
}

fn wording(plan: &Plan, f: &mut Findings) {
    let scanner = Scanner::new(plan, Catalogues::builtin());
    for t in plantext::texts(plan) {
        for h in scanner.scan(t.text, forward(t.section)) {
            let found = &t.text[h.start..h.end];
            let instead = h
                .successor
                .as_ref()
                .map_or(String::new(), |s| format!(" Thay bằng «{s}»."));
            let loc = location_of(&t);
            f.push_keyed(
                h.kind.severity(),
                h.kind.code(),
                loc,
                format!("{}: {}.{instead}", quote(t.text, &h), h.why),
                key(h.kind.code(), &t.place.key(), found),
            );
        }
    }
}

/// Phần I of a plan is last year's results: each indicator assessed, each task's status.
fn assessment(plan: &Plan, f: &mut Findings) {
    let a = &plan.assessment;
    for r in &a.indicators {
        if !r.assessed() {
            f.push(
                Severity::Error,
                "final.indicator_unassessed",
                Location {
                    indicator: Some(r.id.clone()),
                    ..at(
                        Section::Assessment,
                        format!("Chỉ tiêu năm trước «{}»", r.indicator.name),
                    )
                },
                format!(
                    "Chỉ tiêu «{}» của năm {} chưa được đánh giá: nhập kết quả và đạt/chưa đạt, hoặc ghi lý do chưa đánh giá được.",
                    r.indicator.name,
                    plan.identity.year - 1
                ),
            );
        }
    }
    let unassessed: Vec<&str> = a
        .tasks
        .iter()
        .filter(|t| t.status.is_none())
        .map(|t| t.title.as_str())
        .collect();
    if !unassessed.is_empty() {
        let names: Vec<String> = unassessed
            .iter()
            .map(|t| format!("«{}»", t.chars().take(60).collect::<String>()))
            .collect();
        f.push(
            Severity::Error,
            "final.task_unassessed",
            at(Section::Assessment, "Nhiệm vụ năm trước"),
            format!(
                "{} nhiệm vụ năm {} chưa có tình trạng thực hiện: {}.",
                unassessed.len(),
                plan.identity.year - 1,
                first(&names, 5)
            ),
        );
    }
}

/// A heading the plan prints with nothing under it.
fn empty_headings(plan: &Plan, f: &mut Findings) {
    let blank = |s: &str| s.trim().is_empty();
    let mut empty = |section, label: String| {
        f.push(
            Severity::Error,
            "final.empty_heading",
            at(section, label.clone()),
            format!("Mục «{label}» được in ra nhưng chưa có nội dung."),
        )
    };
    for s in plan.assessment.sections.iter().filter(|s| blank(&s.text)) {
        let reviewed = plan
            .assessment
            .tasks
            .iter()
            .any(|t| crate::text::fold(&t.group) == crate::text::fold(&s.title));
        if !reviewed {
            empty(Section::Assessment, s.title.clone());
        }
    }
    for s in plan.solutions.iter().filter(|s| blank(&s.text)) {
        empty(Section::Solutions, s.title.clone());
    }
    for d in plan.organisation.duties.iter().filter(|d| blank(&d.text)) {
        empty(Section::Organisation, d.heading.clone());
    }
    for g in &plan.specific_goals {
        if blank(&g.text) && g.indicators.is_empty() {
            empty(Section::Goals, g.title.clone());
        }
    }
}

/// Every amount the budget section may state: the totals, by source, by level, by source
/// and level, by group, and each task's sum.
fn computed_amounts(plan: &Plan) -> BTreeSet<Decimal> {
    let t = crate::budget::totals(plan);
    let mut set: BTreeSet<Decimal> = [t.total, t.unallocated].into_iter().collect();
    set.extend(t.by_source.iter().map(|a| a.amount));
    set.extend(t.by_level.iter().map(|a| a.amount));
    set.extend(t.by_source_level.iter().map(|c| c.amount));
    set.extend(t.by_group.iter().map(|a| a.amount));
    set.extend(plan.tasks().map(|(_, t)| crate::budget::sum(&t.budget)));
    set.extend(crate::budget::all_lines(plan).map(|l| l.amount));
    set.iter().map(|d| d.normalize()).collect()
}

/// Amounts written in a text, in millions of đồng: "132.897,5 triệu đồng", "12 tỷ đồng".
pub fn stated_amounts(text: &str) -> Vec<(String, Decimal)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate().skip(1) {
        let w = crate::text::fold(w);
        let factor = match w.as_str() {
            "trieu" => Decimal::ONE,
            "ty" => Decimal::from(1000),
            _ => continue,
        };
        let number = words[i - 1].trim_matches(|c: char| !c.is_ascii_digit());
        if let Some(v) = crate::format::parse_money(number).filter(|v| !v.is_zero()) {
            out.push((
                format!("{} {}", words[i - 1], words[i]),
                (v * factor).normalize(),
            ));
        }
    }
    out
}

/// The budget narrative states figures the budget lines do not give: last year's paragraph
/// carried, or a total typed before the lines changed.
fn budget_figures(plan: &Plan, f: &mut Findings) {
    let amounts = computed_amounts(plan);
    let total = crate::budget::grand_total(plan);
    for (written, value) in stated_amounts(&plan.budget.narrative) {
        if !amounts.contains(&value) {
            f.push_keyed(
                Severity::Error,
                "final.budget_figure",
                at(Section::Budget, "Kinh phí — thuyết minh"),
                format!(
                    "Thuyết minh kinh phí ghi «{written}», không khớp với số tính từ các dòng kinh phí (tổng {}).",
                    crate::format::money_million(total)
                ),
                key("final.budget_figure", "budget_narrative", &written),
            );
        }
    }
}

/// Two duties of «Tổ chức thực hiện» for one agency (two departments merged into one).
fn duties(plan: &Plan, f: &mut Findings) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for d in &plan.organisation.duties {
        for a in &d.agencies {
            if let Some(first) = seen.insert(a.as_str(), d.heading.as_str()) {
                let name = plan.agency(a).map_or(a.as_str(), |x| x.name.as_str());
                f.push(
                    Severity::Error,
                    "final.duty_twice",
                    at(Section::Organisation, d.heading.clone()),
                    format!(
                        "«{name}» có hai mục nhiệm vụ («{first}» và «{}»): gộp lại thành một mục.",
                        d.heading
                    ),
                );
            }
        }
    }
}

/// The first `n` of a list, joined, with "…" when there are more: a finding names a few
/// places and says how many there are.
fn first(items: &[String], n: usize) -> String {
    let mut shown = items[..n.min(items.len())].join(", ");
    if items.len() > n {
        shown.push_str(", …");
    }
    shown
}

fn deadlines(plan: &Plan, f: &mut Findings) {
    let none: Vec<String> = crate::numbering::numbered_tasks(plan)
        .filter(|(_, _, t)| t.deadline.is_none())
        .map(|(number, _, _)| number)
        .collect();
    if !none.is_empty() {
        f.push(
            Severity::Error,
            "final.no_deadline",
            at(Section::Tasks, "Nhiệm vụ"),
            format!(
                "{} nhiệm vụ chưa có thời hạn hoàn thành: {}.",
                none.len(),
                first(&none, 12)
            ),
        );
    }
}

/// A finding of the plan's own rules as the final check counts it: an outdated guidance
/// letter or a superseded basis is a warning while drafting and an error for the issued plan.
pub fn as_issued(f: Finding) -> Finding {
    if matches!(
        f.code,
        "currency.guidance_old" | "currency.basis_superseded"
    ) {
        Finding {
            severity: Severity::Error,
            ..f
        }
    } else {
        f
    }
}

impl Findings {
    fn push_keyed(
        &mut self,
        severity: Severity,
        code: &'static str,
        location: Location,
        message: String,
        key: String,
    ) {
        self.0.push(Finding {
            severity,
            code,
            location,
            message,
            key: Some(key),
        });
    }
}
