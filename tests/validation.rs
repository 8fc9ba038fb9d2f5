//! Each validation rule on a plan made to break it; the unbroken plan has no findings.

mod common;

use dxplan::model::*;
use dxplan::validation::{validate, Finding, Section, Severity};

fn codes(plan: &Plan) -> Vec<(&'static str, Severity)> {
    validate(plan)
        .into_iter()
        .map(|f| (f.code, f.severity))
        .collect()
}

fn only(plan: &Plan, code: &str) -> Finding {
    let found: Vec<Finding> = validate(plan)
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {code}, got {:#?}",
        validate(plan)
    );
    found.into_iter().next().unwrap()
}

#[test]
fn the_small_plan_is_clean() {
    assert_eq!(codes(&common::small_plan()), vec![]);
}

#[test]
fn task_without_lead() {
    let mut p = common::small_plan();
    p.groups[0].tasks[1].lead.clear();
    let f = only(&p, "task.no_lead");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location.task.as_deref(), Some("t2"));
    assert_eq!(f.location.label, "Nhiệm vụ 1.2");
    assert_eq!(f.message, "Nhiệm vụ 1.2 chưa có cơ quan chủ trì.");
}

#[test]
fn lead_also_coordinating() {
    let mut p = common::small_plan();
    p.groups[0].tasks[0].coordinating = vec!["so-tc".into(), "so-yt".into()];
    let f = only(&p, "task.lead_in_coordinating");
    assert!(
        f.message.contains("Sở Y tế") && f.message.contains("vừa chủ trì vừa phối hợp"),
        "{}",
        f.message
    );
}

#[test]
fn unknown_agency() {
    let mut p = common::small_plan();
    p.groups[0].tasks[0].coordinating = vec!["so-tttt".into()];
    let f = only(&p, "agency.unknown");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("«so-tttt»"));
}

#[test]
fn several_or_collective_leads_are_warned() {
    let mut p = common::small_plan();
    p.groups[0].tasks[0].lead = vec!["so-yt".into(), "so-khcn".into()];
    assert_eq!(only(&p, "task.lead_not_single").severity, Severity::Warning);
    let mut p = common::small_plan();
    p.groups[0].tasks[0].lead = vec!["cac-so".into()];
    assert!(only(&p, "task.lead_not_single").message.contains("tập thể"));
}

#[test]
fn duplicate_task_title_in_a_group() {
    let mut p = common::small_plan();
    // Same title up to case and diacritics-insensitive spacing.
    p.groups[0].tasks[1].title = "triển khai  BỆNH ÁN điện tử".into();
    let f = only(&p, "task.duplicate_title");
    assert_eq!(
        f.message,
        "Nhiệm vụ 1.2 trùng tên với nhiệm vụ 1.1 trong cùng nhóm."
    );
}

#[test]
fn empty_group() {
    let mut p = common::small_plan();
    p.groups.push(TaskGroup {
        id: "g2".into(),
        title: "Xã hội số".into(),
        framework_ref: None,
        intro: String::new(),
        tasks: vec![],
    });
    let f = only(&p, "group.empty");
    assert_eq!(
        (f.severity, f.location.group.as_deref()),
        (Severity::Warning, Some("g2"))
    );
}

#[test]
fn deadline_outside_the_plan_year() {
    let mut p = common::small_plan();
    p.groups[0].tasks[0].deadline = Some(Deadline::Month {
        year: 2026,
        month: 12,
    });
    let f = only(&p, "task.deadline_outside_year");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("Tháng 12/2026"));
    // A range that includes the plan year is fine; a recurring date is fine.
    p.groups[0].tasks[0].deadline = Some(Deadline::YearRange {
        from: 2026,
        to: 2027,
    });
    assert_eq!(codes(&p), vec![]);
    p.groups[0].tasks[0].deadline = Some(Deadline::Recurring { day: 30, month: 11 });
    assert_eq!(codes(&p), vec![]);
    p.groups[0].tasks[0].deadline = Some(Deadline::Quarter {
        year: 2027,
        quarter: 0,
    });
    assert_eq!(only(&p, "task.deadline_invalid").severity, Severity::Error);
}

#[test]
fn impossible_indicator_targets() {
    let mut p = common::small_plan();
    let ind = &mut p.specific_goals[0].indicators[0];
    ind.comparator = Comparator::Above;
    ind.target = Some("100".parse().unwrap());
    let f = only(&p, "indicator.impossible");
    assert!(f.message.contains("trên 100%"), "{}", f.message);
    assert_eq!(f.location.section, Section::Goals);
    assert_eq!(f.location.indicator.as_deref(), Some("ind1"));

    let ind = &mut p.specific_goals[0].indicators[0];
    ind.comparator = Comparator::Equal;
    ind.target = Some("120".parse().unwrap());
    only(&p, "indicator.impossible");

    let ind = &mut p.specific_goals[0].indicators[0];
    ind.comparator = Comparator::Range;
    ind.target = Some("70".parse().unwrap());
    ind.target_max = Some("65".parse().unwrap());
    only(&p, "indicator.impossible");

    // Not a percentage: "trên 100 cuộc" is possible.
    let ind = &mut p.specific_goals[0].indicators[0];
    ind.comparator = Comparator::Above;
    ind.unit = "cuộc".into();
    ind.target = Some("100".parse().unwrap());
    ind.target_max = None;
    assert_eq!(codes(&p), vec![]);
}

#[test]
fn budget_line_without_source_or_amount() {
    let mut p = common::small_plan();
    p.groups[0].tasks[0].budget[0].source = None;
    let f = only(&p, "budget.no_source");
    assert!(f.message.starts_with("Nhiệm vụ 1.1, dòng kinh phí 1"));
    let mut p = common::small_plan();
    p.budget.unallocated.push(BudgetLine {
        amount: "0".parse().unwrap(),
        source: Some(BudgetSource::XaHoiHoa),
        level: Some(BudgetLevel::Xa),
        note: String::new(),
    });
    assert_eq!(only(&p, "budget.amount").location.section, Section::Budget);
}

#[test]
fn plan_larger_than_sixty_tasks() {
    let mut p = common::small_plan();
    for i in 0..59 {
        p.groups[0].tasks.push(common::task(
            &format!("x{i}"),
            &format!("Nhiệm vụ thêm {i}"),
            "so-yt",
        ));
    }
    assert_eq!(p.tasks().count(), 61);
    let f = only(&p, "plan.too_many_tasks");
    assert!(f.message.contains("61 nhiệm vụ"));
    p.groups[0].tasks.pop();
    assert!(codes(&p).is_empty());
}

#[test]
fn final_plan_needs_number_date_and_signer() {
    let mut p = common::small_plan();
    p.identity.status = PlanStatus::Final;
    p.identity.signer.name.clear();
    let c: Vec<_> = codes(&p).into_iter().map(|(c, _)| c).collect();
    assert_eq!(
        c,
        [
            "identity.final_no_number",
            "identity.final_no_date",
            "identity.final_no_signer"
        ]
    );
    p.identity.number = Some("12a".into());
    assert!(codes(&p).iter().any(|(c, _)| *c == "identity.number"));
}

#[test]
fn paragraph_pasted_twice() {
    let mut p = common::small_plan();
    let bullet =
        "- Ban hành chính sách khuyến khích về sử dụng chữ ký số và sử dụng hợp đồng điện tử.";
    p.groups[0].intro = format!("{bullet}\n\n- Một ý khác.\n\n{bullet}");
    let f = only(&p, "text.duplicate_paragraph");
    assert_eq!(f.location.section, Section::Tasks);
}

#[test]
fn unknown_linked_indicator() {
    let mut p = common::small_plan();
    p.groups[0].tasks[0].indicators = vec!["ind1".into()];
    assert!(codes(&p).is_empty());
    p.groups[0].tasks[0].indicators = vec!["đã-xóa".into()];
    only(&p, "task.unknown_indicator");
}

#[test]
fn old_plans_with_district_level_still_load_and_validate() {
    let plan = dxplan::sample::plan();
    assert!(plan
        .directory
        .iter()
        .any(|a| a.kind == AgencyKind::UbndHuyen));
    assert!(plan
        .budget
        .unallocated
        .iter()
        .any(|l| l.level == Some(BudgetLevel::Huyen)));
    assert!(!dxplan::validation::has_errors(&validate(&plan)));
}

#[test]
fn organisation_duties_are_generated_from_assignments_and_edits_are_kept() {
    let mut p = common::small_plan();
    p.groups[0].tasks[0].coordinating = vec!["so-tc".into()];
    let duties = dxplan::organisation::generate(&p);
    let headings: Vec<&str> = duties.iter().map(|d| d.heading.as_str()).collect();
    assert_eq!(
        headings,
        ["Sở Khoa học và Công nghệ", "Sở Y tế", "Sở Tài chính"]
    );
    assert!(
        duties[1].text.contains("nhiệm vụ số 1.1"),
        "{}",
        duties[1].text
    );
    assert!(duties[2].text.starts_with("1. Phối hợp") && duties[2].text.contains("1.1"));
    // An edited duty survives regeneration; the generated ones follow the assignments.
    let mut edited = duties[1].clone();
    edited.text = "Chủ trì triển khai bệnh án điện tử tại các bệnh viện.".into();
    edited.generated = false;
    p.organisation.duties = vec![edited.clone()];
    let again = dxplan::organisation::generate(&p);
    assert_eq!(again.iter().filter(|d| d.agencies == ["so-yt"]).count(), 1);
    assert_eq!(
        again[1], edited,
        "the edited duty keeps its place in directory order"
    );
}

#[test]
fn identity_directory_and_naming_rules() {
    let mut p = common::small_plan();
    p.identity.province = " ".into();
    p.identity.title.clear();
    p.identity.year = 1999;
    let c: Vec<_> = codes(&p)
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| c.starts_with("identity."))
        .collect();
    assert_eq!(
        c,
        ["identity.no_province", "identity.no_title", "identity.year"]
    );

    let mut p = common::small_plan();
    p.identity.issue_date = chrono::NaiveDate::from_ymd_opt(2024, 12, 9);
    assert!(only(&p, "identity.date_year").message.contains("năm 2024"));
    p.identity.issue_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 9);
    assert!(
        codes(&p).is_empty(),
        "issued in December of the year before is normal"
    );

    let mut p = common::small_plan();
    p.directory.push(Agency {
        id: "so-yt".into(),
        name: "Sở y tế".into(),
        short: None,
        kind: AgencyKind::So,
    });
    let c: Vec<_> = codes(&p).into_iter().map(|(c, _)| c).collect();
    assert_eq!(c, ["agency.duplicate_id", "agency.duplicate_name"]);
    let mut p = common::small_plan();
    p.directory[0].name.clear();
    only(&p, "agency.no_name");
    let mut p = common::small_plan();
    p.identity.drafting_agency = Some("so-tttt".into());
    assert_eq!(
        only(&p, "agency.unknown").location.section,
        Section::Identity
    );

    let mut p = common::small_plan();
    p.groups[0].title.clear();
    p.groups[0].tasks[0].title = "  ".into();
    p.specific_goals[0].indicators[0].name.clear();
    p.groups[0].tasks[1].budget[0].level = None;
    let c = codes(&p);
    for expected in [
        ("group.no_title", Severity::Error),
        ("task.no_title", Severity::Error),
        ("indicator.no_name", Severity::Error),
        ("budget.no_level", Severity::Warning),
    ] {
        assert!(c.contains(&expected), "{expected:?} missing from {c:?}");
    }

    let mut p = common::small_plan();
    p.groups.clear();
    only(&p, "plan.no_groups");
}

#[test]
fn completeness_marks_follow_content_and_errors() {
    use dxplan::validation::{completeness, Completeness};
    let state = |p: &Plan, s: Section| {
        completeness(p)
            .into_iter()
            .find(|x| x.section == s)
            .unwrap()
    };

    let blank = Plan::blank("Gia Lai", 2027);
    assert_eq!(state(&blank, Section::Tasks).state, Completeness::Empty);
    assert_eq!(state(&blank, Section::Budget).state, Completeness::Empty);

    let mut p = common::small_plan();
    assert_eq!(state(&p, Section::Tasks).state, Completeness::Complete);
    assert_eq!(
        state(&p, Section::Budget).state,
        Completeness::Complete,
        "task lines make a budget"
    );
    p.groups[0].tasks[0].lead.clear();
    let t = state(&p, Section::Tasks);
    assert_eq!(
        (t.state, t.errors),
        (Completeness::Partial, 1),
        "an error keeps the section unfinished"
    );

    let sample = dxplan::sample::plan();
    let marks: Vec<(Section, Completeness)> = completeness(&sample)
        .into_iter()
        .map(|s| (s.section, s.state))
        .collect();
    assert!(marks.contains(&(Section::Tasks, Completeness::Complete)));
    assert!(marks.contains(&(Section::LegalBases, Completeness::Complete)));
    assert!(
        marks.contains(&(Section::Assessment, Completeness::Complete)),
        "the sample's Phần I is written"
    );
    let (next, _) = dxplan::rollover::rollover(&sample, 2024, &Default::default());
    assert_eq!(
        state(&next, Section::Assessment).state,
        Completeness::Partial,
        "after roll-over, 2023's results are still to enter"
    );
}

#[test]
fn a_goal_without_indicator_and_an_indicator_without_target_are_errors() {
    let mut p = common::small_plan();
    p.specific_goals[0].indicators[0].target = None;
    let f = only(&p, "indicator.no_target");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.location.indicator.as_deref(),
        Some(p.specific_goals[0].indicators[0].id.as_str())
    );
    // The document shows a gap to fill, not a made-up value.
    assert_eq!(
        p.specific_goals[0].indicators[0].target_text(),
        "tối thiểu …%"
    );
    p.specific_goals[0].indicators.clear();
    let f = only(&p, "goal.no_indicator");
    assert!(f.message.contains("chưa có chỉ tiêu"), "{}", f.message);
}

#[test]
fn a_plan_says_what_it_lacks_section_by_section() {
    let mut p = common::small_plan();
    p.identity.recipients.clear();
    p.legal_bases.clear();
    p.identity.signer.name.clear();
    let c = codes(&p);
    for code in [
        "identity.no_recipients",
        "legal_bases.none",
        "identity.no_signer",
    ] {
        assert!(c.contains(&(code, Severity::Error)), "{code}: {c:?}");
    }
    let sections = dxplan::validation::completeness(&p);
    let legal = sections
        .iter()
        .find(|s| s.section == dxplan::validation::Section::LegalBases)
        .unwrap();
    assert_eq!(legal.errors, 1);
    p.groups[0].tasks.clear();
    for l in &mut p.budget.unallocated {
        l.amount = rust_decimal::Decimal::ZERO;
    }
    assert!(codes(&p).contains(&("tasks.none", Severity::Error)));
}
