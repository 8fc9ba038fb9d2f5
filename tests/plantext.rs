//! The plan's prose, one list (`plantext`): every text the plan prints is in it, so the final
//! check, the roll-over's rewriting and find-and-replace see it; find and replace works on
//! it as one undoable step.

mod common;

use dxplan::edit::Edit;
use dxplan::model::Plan;
use dxplan::plantext::{self, Place};
use serde_json::Value;

/// Keys whose strings are not prose: ids, choices, numbers, dates, references.
const NOT_PROSE: &[&str] = &[
    "id",
    "kind",
    "pillar",
    "comparator",
    "unit",
    "denominator",
    "status",
    "source",
    "level",
    "lead",
    "coordinating",
    "indicators",
    "national_task",
    "framework_ref",
    "catalogue_ref",
    "library_ref",
    "measured",
    "target_date",
    "deadline",
    "target",
    "target_max",
    "baseline",
    "actual",
    "amount",
    "spent",
    "group",
    "agencies",
];
/// Parts of the plan that are not free prose: the identity's header fields, the directory,
/// citations, budget lines, tracking reports and the planner's marks.
const NOT_PROSE_PARTS: &[&str] = &[
    "directory",
    "legal_bases",
    "documents",
    "intended",
    "unallocated",
    "budget",
    "progress",
    "signer",
    "recipients",
    "header_lines",
    "decision",
    "guidance",
];

fn strings(v: &Value, key: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) if !s.is_empty() && !NOT_PROSE.contains(&key) => {
            out.push((key.to_string(), s.clone()))
        }
        Value::Array(a) => a.iter().for_each(|x| strings(x, key, out)),
        Value::Object(o) => {
            for (k, x) in o {
                if !NOT_PROSE_PARTS.contains(&k.as_str()) {
                    strings(x, k, out);
                }
            }
        }
        _ => {}
    }
}

fn rolled() -> Plan {
    let mut plan = dxplan::sample::plan();
    while plan.identity.year < 2027 {
        plan = dxplan::rollover::rollover(&plan, plan.identity.year + 1, &Default::default()).0;
    }
    plan.assessment.indicators[0].note = "Chưa có số liệu của Cục Thống kê.".into();
    plan.assessment.tasks[0].result = "Đã tổ chức tại 13 xã.".into();
    plan
}

#[test]
fn every_prose_field_of_the_model_is_in_the_list() {
    let plan = rolled();
    let mut all = Vec::new();
    let mut json = serde_json::to_value(&plan).unwrap();
    // The identity's only prose is its title and opening.
    let id = json["identity"].take();
    strings(&id["title"], "title", &mut all);
    strings(&id["opening"], "opening", &mut all);
    strings(&json, "", &mut all);
    let listed: Vec<&str> = plantext::texts(&plan).iter().map(|t| t.text).collect();
    let missing: Vec<_> = all
        .iter()
        .filter(|(_, s)| !listed.contains(&s.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in plantext::texts: {missing:#?}");
}

#[test]
fn every_place_can_be_written_back() {
    let mut plan = rolled();
    let places: Vec<Place> = plantext::texts(&plan)
        .into_iter()
        .map(|t| t.place)
        .collect();
    for p in &places {
        *plantext::text_mut(&mut plan, p).unwrap_or_else(|| panic!("{p:?}")) =
            format!("«{}»", p.key());
    }
    for t in plantext::texts(&plan) {
        assert_eq!(t.text, format!("«{}»", t.place.key()));
    }
}

#[test]
fn find_lists_each_occurrence_in_its_sentence_ignoring_case_not_diacritics() {
    let mut plan = rolled();
    plan.vision = "Huyện A. Trung tâm cấp huyện đi vào hoạt động; huyền thoại không tính.".into();
    let found: Vec<_> = plantext::find(&plan, "huyện")
        .into_iter()
        .filter(|f| f.text.place == Place::Vision)
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].found, "Huyện");
    assert_eq!(
        (found[1].before.as_str(), found[1].after.as_str()),
        ("Trung tâm cấp ", " đi vào hoạt động")
    );
}

#[test]
fn replace_in_chosen_places_or_everywhere_and_refuse_when_nothing_matches() {
    let mut plan = rolled();
    let everywhere = plantext::find(&plan, "cấp huyện").len();
    assert!(everywhere > 5, "{everywhere}");
    let task = plan.groups[2].tasks[7].id.clone();
    Edit::ReplaceText {
        find: "CẤP HUYỆN".into(),
        replace: "cấp xã".into(),
        places: Some(vec![Place::TaskTitle(task.clone())]),
    }
    .apply(&mut plan)
    .unwrap();
    assert!(
        plan.groups[2].tasks[7].title.ends_with("cấp xã"),
        "{}",
        plan.groups[2].tasks[7].title
    );
    assert_eq!(plantext::find(&plan, "cấp huyện").len(), everywhere - 1);
    Edit::ReplaceText {
        find: "cấp huyện".into(),
        replace: "cấp xã".into(),
        places: None,
    }
    .apply(&mut plan)
    .unwrap();
    assert!(plantext::find(&plan, "cấp huyện").is_empty());
    // Nothing left: refused, the plan unchanged; an empty search refused too.
    let before = plan.clone();
    for find in ["cấp huyện", "  "] {
        let e = Edit::ReplaceText {
            find: find.into(),
            replace: "x".into(),
            places: None,
        }
        .apply(&mut plan.clone())
        .unwrap_err();
        assert!(!e.to_string().is_empty());
    }
    assert_eq!(plan, before);
}

#[test]
fn a_replace_is_one_step_of_the_history_and_undone_in_one() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let s = dxplan::app::Session::open(&dir.path().join("db.sqlite"), None)
            .await
            .unwrap();
        let id = s.add(&rolled()).await.unwrap();
        let view = s.view(&id).await.unwrap();
        let n = s.find_text(&id, "thị trấn").await.unwrap().len();
        assert!(n > 1);
        let after = s
            .edit(
                &id,
                view.revision,
                Edit::ReplaceText {
                    find: "thị trấn".into(),
                    replace: "đặc khu".into(),
                    places: None,
                },
            )
            .await
            .unwrap();
        assert!(s.find_text(&id, "thị trấn").await.unwrap().is_empty());
        assert!(after.can_undo);
        s.undo(&id).await.unwrap();
        assert_eq!(s.find_text(&id, "thị trấn").await.unwrap().len(), n);
    });
}

#[test]
fn a_replace_leaves_the_texts_without_the_words_as_they_were() {
    let mut plan = rolled();
    let duty = plan
        .organisation
        .duties
        .iter_mut()
        .find(|d| !d.text.contains("thị trấn"))
        .unwrap();
    duty.generated = true;
    let id = duty.id.clone();
    Edit::ReplaceText {
        find: "thị trấn".into(),
        replace: "đặc khu".into(),
        places: None,
    }
    .apply(&mut plan)
    .unwrap();
    let duty = plan
        .organisation
        .duties
        .iter()
        .find(|d| d.id == id)
        .unwrap();
    assert!(
        duty.generated,
        "a generated duty the search did not touch stays generated"
    );
}
