//! The window ↔ core contract. `ui/src/edits.contract.test.ts` builds every kind of edit with
//! the builders the screens use — empty numbers, empty dates and unset choices included —
//! and writes them to `tests/fixtures/ui-edits.json`; here each one is read exactly as the
//! shell reads it (`Edit::from_json`) and applied to the plan it was built from. An edit the
//! window can send but the core refuses to read fails this test.

use std::path::Path;

use dxplan::edit::Edit;
use dxplan::model::Plan;
use dxplan::Error;
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn base_plan() -> Plan {
    serde_json::from_value(fixture("contract-plan.json")["plan"].clone()).unwrap()
}

/// The "op" tag of every variant, so that a new kind of edit must be added to the fixture.
fn op(edit: &Edit) -> &'static str {
    match edit {
        Edit::SetIdentity { .. } => "set_identity",
        Edit::SetText { .. } => "set_text",
        Edit::UpsertAgency { .. } => "upsert_agency",
        Edit::RemoveAgency { .. } => "remove_agency",
        Edit::SetLegalBases { .. } => "set_legal_bases",
        Edit::SetSolutions { .. } => "set_solutions",
        Edit::SetAssessment { .. } => "set_assessment",
        Edit::SetGoals { .. } => "set_goals",
        Edit::AddGroup { .. } => "add_group",
        Edit::UpdateGroup { .. } => "update_group",
        Edit::RemoveGroup { .. } => "remove_group",
        Edit::MoveGroup { .. } => "move_group",
        Edit::AddTask { .. } => "add_task",
        Edit::UpdateTask { .. } => "update_task",
        Edit::RemoveTask { .. } => "remove_task",
        Edit::MoveTask { .. } => "move_task",
        Edit::SetUnallocatedBudget { .. } => "set_unallocated_budget",
        Edit::SetDuties { .. } => "set_duties",
        Edit::RegenerateDuties => "regenerate_duties",
        Edit::ReplacePlan { .. } => "replace_plan",
        Edit::TrackTask { .. } => "track_task",
        Edit::TrackIndicator { .. } => "track_indicator",
        Edit::SetIntended { .. } => "set_intended",
        Edit::ReplaceText { .. } => "replace_text",
        Edit::DismissReview { .. } => "dismiss_review",
        Edit::FillDeadlines { .. } => "fill_deadlines",
        Edit::RecordReply { .. } => "record_reply",
        Edit::AnswerComment { .. } => "answer_comment",
        Edit::RemoveComment { .. } => "remove_comment",
        Edit::UpdateConsultation { .. } => "update_consultation",
    }
}
const EVERY_OP: usize = 30;

#[test]
fn every_edit_the_window_builds_is_read_and_applied_by_the_core() {
    let cases = fixture("ui-edits.json");
    let cases = cases.as_array().expect("a list of named edits");
    let mut ops = std::collections::BTreeSet::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let edit = Edit::from_json(case["edit"].clone())
            .unwrap_or_else(|e| panic!("«{name}»: the core cannot read it: {}", e.detail()));
        ops.insert(op(&edit));
        let mut plan = base_plan();
        edit.apply(&mut plan)
            .unwrap_or_else(|e| panic!("«{name}»: refused: {e}"));
        // What was applied survives the store's own round trip.
        let back: Plan = serde_json::from_str(&serde_json::to_string(&plan).unwrap()).unwrap();
        assert_eq!(back, plan, "«{name}»");
    }
    assert_eq!(ops.len(), EVERY_OP, "kinds of edit covered: {ops:?}");
}

#[test]
fn an_empty_indicator_target_is_a_missing_value_not_a_refusal() {
    // The shape of the first bug: null inside the internally tagged Edit.
    let mut plan = base_plan();
    let mut goals = serde_json::to_value(&plan.specific_goals).unwrap();
    goals[0]["indicators"][0]["target"] = Value::Null;
    goals[0]["indicators"][0]["baseline"] = json!("");
    let edit = Edit::from_json(json!({ "op": "set_goals", "goals": goals })).unwrap();
    edit.apply(&mut plan).unwrap();
    let ind = &plan.specific_goals[0].indicators[0];
    assert_eq!((ind.target, ind.baseline), (None, None));
    let findings = dxplan::validation::validate(&plan);
    assert!(findings.iter().any(
        |f| f.code == "indicator.no_target" && f.location.indicator.as_deref() == Some(&ind.id)
    ));
}

#[test]
fn an_edit_the_core_cannot_read_gets_a_vietnamese_sentence_and_keeps_the_detail() {
    let bad = json!({ "op": "set_goals", "goals": [{ "pillar": "chinh_quyen_so", "title": "x", "indicators": [{ "name": "y", "unit": "%", "comparator": "at_least", "target": "mười" }] }] });
    let e = Edit::from_json(bad).unwrap_err();
    assert!(matches!(e, Error::BadEdit { .. }));
    let message = e.to_string();
    assert!(message.starts_with("Không lưu được thay đổi"), "{message}");
    for english in ["invalid", "expected", "type", "args"] {
        assert!(!message.contains(english), "{message}");
    }
    assert!(e.detail().contains("mười"), "{}", e.detail());
}
