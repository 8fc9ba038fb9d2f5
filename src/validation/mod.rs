//! What is wrong with a plan, where, in Vietnamese. Used by the CLI, the store's callers and
//! the app's validation panel (each finding carries the location to jump to).

mod completeness;
mod currency;
mod readiness;
mod tasks;
pub mod wording;

use std::collections::{HashMap, HashSet};
use ts_rs::TS;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Comparator, Id, Indicator, Plan, PlanStatus};
use crate::text::fold;
use tasks::budget_lines;

pub use completeness::{completeness, completeness_with, Completeness, SectionState};
pub use currency::{gone_recipient, plan_day, GoneRecipient, REFORM_YEAR};
pub use readiness::{as_issued, key as intended_key, location_of, quote, readiness};

/// A task's name is one line of the appendix table: longer than this, it is a description.
pub const TITLE_LIMIT: usize = 400;

/// Plans beyond this many tasks are flagged: small plans get carried out far more often.
pub const TASK_LIMIT: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

pub use crate::model::Section;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Location {
    pub section: Section,
    // Left out of the JSON when `None`, so optional (not `null`) in TypeScript.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub task: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub indicator: Option<Id>,
    /// How a person names the place: "Nhiệm vụ 3.2", "Chỉ tiêu «…»".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    pub severity: Severity,
    /// Stable machine code, e.g. "task.no_lead".
    pub code: &'static str,
    pub location: Location,
    pub message: String,
    /// What the planner's action on this finding names: for a wording of the final check,
    /// the key a «Đúng chủ ý» confirmation is kept under in `Plan::intended`; for an
    /// import's point to check (`import.review`), the note's id that «Đã xem» removes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<String>,
}

struct Findings(Vec<Finding>);

impl Findings {
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        location: Location,
        message: String,
    ) {
        self.0.push(Finding {
            severity,
            code,
            location,
            message,
            key: None,
        });
    }
}

pub(crate) fn at(section: Section, label: impl Into<String>) -> Location {
    Location {
        section,
        group: None,
        task: None,
        indicator: None,
        label: label.into(),
    }
}

pub fn validate(plan: &Plan) -> Vec<Finding> {
    let mut f = Findings(Vec::new());
    identity(plan, &mut f);
    missing_parts(plan, &mut f);
    directory(plan, &mut f);
    tasks::check(plan, &mut f);
    goals(plan, &mut f);
    budget(plan, &mut f);
    organisation(plan, &mut f);
    narratives(plan, &mut f);
    review_notes(plan, &mut f);
    currency::check(plan, crate::catalogue::Catalogues::builtin(), &mut f);
    f.0.sort_by_key(|x| x.severity);
    f.0
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn identity(plan: &Plan, f: &mut Findings) {
    let id = &plan.identity;
    let loc = || at(Section::Identity, "Thông tin văn bản");
    if id.province.trim().is_empty() {
        f.push(
            Severity::Error,
            "identity.no_province",
            loc(),
            "Chưa nhập tên tỉnh.".into(),
        );
    }
    if id.title.trim().is_empty() {
        f.push(
            Severity::Error,
            "identity.no_title",
            loc(),
            "Chưa nhập trích yếu (tên kế hoạch).".into(),
        );
    }
    if !(2000..=2100).contains(&id.year) {
        f.push(
            Severity::Error,
            "identity.year",
            loc(),
            format!("Năm kế hoạch {} không hợp lệ.", id.year),
        );
    }
    if let Some(n) = id.number.as_deref().filter(|n| !n.is_empty()) {
        if !n.chars().all(|c| c.is_ascii_digit()) {
            f.push(
                Severity::Error,
                "identity.number",
                loc(),
                format!("Số văn bản «{n}» chỉ được gồm chữ số (ký hiệu nhập ở ô riêng)."),
            );
        }
    }
    if id.status == PlanStatus::Final {
        if id.number.as_deref().is_none_or(|n| n.trim().is_empty()) {
            f.push(
                Severity::Error,
                "identity.final_no_number",
                loc(),
                "Bản chính thức phải có số văn bản.".into(),
            );
        }
        if id.issue_date.is_none() {
            f.push(
                Severity::Error,
                "identity.final_no_date",
                loc(),
                "Bản chính thức phải có ngày ban hành.".into(),
            );
        }
        if id.signer.name.trim().is_empty() {
            f.push(
                Severity::Error,
                "identity.final_no_signer",
                loc(),
                "Bản chính thức phải có họ tên người ký.".into(),
            );
        }
    }
    if let Some(d) = id.issue_date {
        use chrono::Datelike;
        if d.year() != id.year && d.year() != id.year - 1 {
            f.push(
                Severity::Warning,
                "identity.date_year",
                loc(),
                format!(
                    "Ngày ban hành thuộc năm {}, trong khi kế hoạch là cho năm {}.",
                    d.year(),
                    id.year
                ),
            );
        }
    }
}

/// What a plan cannot be issued without, so that a blank plan lists what it still lacks
/// instead of showing no error at all.
fn missing_parts(plan: &Plan, f: &mut Findings) {
    let id = &plan.identity;
    let final_plan = id.status == PlanStatus::Final;
    let mut lack = |section, label: &str, code, severity, message: &str| {
        f.push(severity, code, at(section, label), message.to_string())
    };
    // A final plan already gets "identity.final_no_signer".
    if id.signer.name.trim().is_empty() && !final_plan {
        lack(
            Section::Identity,
            "Người ký",
            "identity.no_signer",
            Severity::Error,
            "Chưa nhập họ tên người ký.",
        );
    }
    if id.recipients.is_empty() {
        lack(
            Section::Identity,
            "Nơi nhận",
            "identity.no_recipients",
            Severity::Error,
            "Chưa có nơi nhận.",
        );
    }
    if plan.legal_bases.is_empty() {
        lack(
            Section::LegalBases,
            "Căn cứ pháp lý",
            "legal_bases.none",
            Severity::Error,
            "Chưa có căn cứ pháp lý nào.",
        );
    }
    if plan.specific_goals.is_empty() {
        lack(
            Section::Goals,
            "Mục tiêu cụ thể",
            "goals.none",
            Severity::Error,
            "Chưa có mục tiêu cụ thể nào.",
        );
    }
    // A plan always says who does what; an import that could not read section VI left it
    // empty, and the plan printed a heading with only its closing paragraph.
    if plan.organisation.duties.is_empty() {
        lack(
            Section::Organisation,
            "Tổ chức thực hiện",
            "organisation.none",
            Severity::Error,
            "Chưa có nhiệm vụ của cơ quan nào ở mục Tổ chức thực hiện.",
        );
    }
    // With no group at all, "plan.no_groups" says it already.
    if plan.tasks().next().is_none() && !plan.groups.is_empty() {
        lack(
            Section::Tasks,
            "Nhiệm vụ",
            "tasks.none",
            Severity::Error,
            "Chưa có nhiệm vụ nào.",
        );
    }
    if crate::budget::grand_total(plan).is_zero() {
        lack(
            Section::Budget,
            "Kinh phí",
            "budget.none",
            Severity::Warning,
            "Chưa có dòng kinh phí nào (cho nhiệm vụ hoặc kinh phí chung).",
        );
    }
}

fn directory(plan: &Plan, f: &mut Findings) {
    let mut seen_ids = HashSet::new();
    let mut seen_names: HashMap<String, &str> = HashMap::new();
    for a in &plan.directory {
        let loc = at(Section::Directory, a.name.clone());
        if !seen_ids.insert(a.id.as_str()) {
            f.push(
                Severity::Error,
                "agency.duplicate_id",
                loc.clone(),
                format!("Mã cơ quan «{}» bị trùng.", a.id),
            );
        }
        if a.name.trim().is_empty() {
            f.push(
                Severity::Error,
                "agency.no_name",
                loc.clone(),
                format!("Cơ quan «{}» chưa có tên.", a.id),
            );
        }
        if let Some(prev) = seen_names.insert(fold(&a.name), &a.id) {
            f.push(
                Severity::Warning,
                "agency.duplicate_name",
                loc,
                format!(
                    "Tên cơ quan «{}» xuất hiện hai lần trong danh bạ (mã {prev} và {}).",
                    a.name, a.id
                ),
            );
        }
    }
    if let Some(d) = &plan.identity.drafting_agency {
        if plan.agency(d).is_none() {
            f.push(
                Severity::Error,
                "agency.unknown",
                at(Section::Identity, "Cơ quan tham mưu"),
                format!("Cơ quan tham mưu «{d}» không có trong danh bạ."),
            );
        }
    }
}

fn goals(plan: &Plan, f: &mut Findings) {
    for goal in &plan.specific_goals {
        if goal.indicators.is_empty() {
            f.push(
                Severity::Error,
                "goal.no_indicator",
                at(Section::Goals, format!("Mục tiêu «{}»", goal.title)),
                format!("Mục tiêu «{}» chưa có chỉ tiêu nào để đo.", goal.title),
            );
        }
        for ind in &goal.indicators {
            let loc = Location {
                indicator: Some(ind.id.clone()),
                ..at(Section::Goals, format!("Chỉ tiêu «{}»", ind.name))
            };
            if let Some(msg) = impossible_target(ind) {
                f.push(Severity::Error, "indicator.impossible", loc.clone(), msg);
            }
            if ind.target.is_none() {
                f.push(
                    Severity::Error,
                    "indicator.no_target",
                    loc.clone(),
                    format!("Chỉ tiêu «{}» chưa có giá trị cần đạt.", ind.name),
                );
            }
            if ind.name.trim().is_empty() {
                f.push(
                    Severity::Error,
                    "indicator.no_name",
                    loc,
                    "Chỉ tiêu chưa có tên.".into(),
                );
            }
        }
    }
    for review in &plan.assessment.indicators {
        if let Some(msg) = impossible_target(&review.indicator) {
            let loc = Location {
                indicator: Some(review.id.clone()),
                ..at(
                    Section::Assessment,
                    format!("Chỉ tiêu năm trước «{}»", review.indicator.name),
                )
            };
            f.push(Severity::Error, "indicator.impossible", loc, msg);
        }
    }
}

/// `Some(message)` when the target cannot be met by any real value ("trên 100%").
pub fn impossible_target(ind: &Indicator) -> Option<String> {
    let hundred = Decimal::from(100);
    let pct = ind.unit.trim() == "%";
    let t = ind.target?;
    if t < Decimal::ZERO {
        return Some(format!(
            "Chỉ tiêu «{}»: giá trị mục tiêu không được âm.",
            ind.name
        ));
    }
    match ind.comparator {
        Comparator::Above if pct && t >= hundred => Some(format!(
            "Chỉ tiêu «{}»: «trên {}%» là không thể đạt được; có thể ý là «đạt 100%».",
            ind.name,
            crate::format::money(t)
        )),
        Comparator::Range => match ind.target_max {
            None => Some(format!(
                "Chỉ tiêu «{}»: khoảng giá trị thiếu cận trên.",
                ind.name
            )),
            Some(max) if max < t => Some(format!(
                "Chỉ tiêu «{}»: cận trên nhỏ hơn cận dưới.",
                ind.name
            )),
            Some(max) if pct && max > hundred => {
                Some(format!("Chỉ tiêu «{}»: tỷ lệ vượt quá 100%.", ind.name))
            }
            _ => None,
        },
        _ if pct && t > hundred => Some(format!(
            "Chỉ tiêu «{}»: tỷ lệ {}% vượt quá 100%.",
            ind.name,
            crate::format::money(t)
        )),
        _ => None,
    }
}

fn budget(plan: &Plan, f: &mut Findings) {
    let loc = at(Section::Budget, "Kinh phí");
    budget_lines(&plan.budget.unallocated, &loc, "Kinh phí chung", f);
}

fn organisation(plan: &Plan, f: &mut Findings) {
    for d in &plan.organisation.duties {
        for a in &d.agencies {
            if plan.agency(a).is_none() {
                f.push(
                    Severity::Error,
                    "agency.unknown",
                    at(Section::Organisation, d.heading.clone()),
                    format!(
                        "Mục «{}» nhắc đến cơ quan «{a}» không có trong danh bạ.",
                        d.heading
                    ),
                );
            }
        }
    }
}

/// What the import asked to check, until the planner marks it seen; placed in the section
/// its place names, so the outline counts it there.
fn review_notes(plan: &Plan, f: &mut Findings) {
    for n in &plan.to_review {
        let k = fold(&n.place);
        let section = [
            ("danh ba", Section::Directory),
            ("can cu", Section::LegalBases),
            ("phu luc van ban", Section::Assessment),
            ("phan i ", Section::Assessment),
            ("muc tieu", Section::Goals),
            ("chi tieu", Section::Goals),
            ("kinh phi", Section::Budget),
            ("nhiem vu", Section::Tasks),
            ("phu luc", Section::Tasks),
            ("bang", Section::Tasks),
            ("to chuc", Section::Organisation),
        ]
        .into_iter()
        .find(|(w, _)| k.starts_with(w))
        .map_or(Section::Identity, |(_, s)| s);
        f.0.push(Finding {
            severity: Severity::Warning,
            code: "import.review",
            location: at(section, n.place.clone()),
            message: n.message.clone(),
            key: Some(n.id.clone()),
        });
    }
}

/// Paragraphs pasted twice (five bullets of seed 004 were): any block of some length that
/// appears twice within one text.
fn narratives(plan: &Plan, f: &mut Findings) {
    let mut texts: Vec<(Section, String, &str)> = vec![
        (
            Section::Identity,
            "Phần mở đầu".into(),
            plan.identity.opening.as_str(),
        ),
        (Section::Goals, "Tầm nhìn".into(), plan.vision.as_str()),
        (
            Section::Goals,
            "Mục tiêu tổng quát".into(),
            plan.general_goal.as_str(),
        ),
        (
            Section::Assessment,
            "Tình hình thực hiện mục tiêu".into(),
            plan.assessment.goals_review.as_str(),
        ),
        (
            Section::Assessment,
            "Kinh phí đã thực hiện".into(),
            plan.assessment.budget_spent.as_str(),
        ),
        (
            Section::Budget,
            "Kinh phí".into(),
            plan.budget.narrative.as_str(),
        ),
        (
            Section::Organisation,
            "Tổ chức thực hiện".into(),
            plan.organisation.closing.as_str(),
        ),
    ];
    for s in &plan.assessment.sections {
        texts.push((Section::Assessment, s.title.clone(), s.text.as_str()));
    }
    for s in &plan.solutions {
        texts.push((Section::Solutions, s.title.clone(), s.text.as_str()));
    }
    for g in &plan.specific_goals {
        texts.push((Section::Goals, g.title.clone(), g.text.as_str()));
    }
    for g in &plan.groups {
        texts.push((Section::Tasks, g.title.clone(), g.intro.as_str()));
    }
    for (section, label, text) in texts {
        let mut seen = HashSet::new();
        for block in crate::narrative::parse(text) {
            let key = fold(
                &block
                    .spans()
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<String>(),
            );
            if key.len() >= 40 && !seen.insert(key) {
                let plain = block.plain();
                let excerpt: String = plain.chars().take(60).collect();
                f.push(
                    Severity::Warning,
                    "text.duplicate_paragraph",
                    at(section, label.clone()),
                    format!("«{label}»: đoạn «{excerpt}…» xuất hiện hai lần."),
                );
            }
        }
    }
}
