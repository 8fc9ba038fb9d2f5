//! TypeScript types for the front end, generated from the Rust types (ts-rs) into
//! `ui/src/bindings/`, never written by hand. Running the tests regenerates them; CI fails
//! when the regenerated files differ from the ones checked in.

use std::path::Path;

use ts_rs::{Config, TS};

#[test]
fn typescript_bindings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings");
    // i64 revisions and counts travel as JSON numbers, not BigInt.
    let cfg = Config::new().with_out_dir(&dir).with_large_int("number");
    dxplan::model::Plan::export_all(&cfg).unwrap();
    dxplan::edit::Edit::export_all(&cfg).unwrap();
    dxplan::validation::Finding::export_all(&cfg).unwrap();
    dxplan::app::TextMatch::export_all(&cfg).unwrap();
    dxplan::validation::SectionState::export_all(&cfg).unwrap();
    dxplan::stats::Stats::export_all(&cfg).unwrap();
    dxplan::stats::AgencyLoad::export_all(&cfg).unwrap();
    dxplan::store::PlanSummary::export_all(&cfg).unwrap();
    dxplan::store::Revision::export_all(&cfg).unwrap();
    dxplan::rollover::Report::export_all(&cfg).unwrap();
    dxplan::import::Imported::export_all(&cfg).unwrap();
    dxplan::proposals::Review::export_all(&cfg).unwrap();
    dxplan::catalogue::Catalogues::export_all(&cfg).unwrap();
    dxplan::narrative::Block::export_all(&cfg).unwrap();
    dxplan::app::PlanView::export_all(&cfg).unwrap();
    dxplan::app::NewPlan::export_all(&cfg).unwrap();
    dxplan::app::ExportKind::export_all(&cfg).unwrap();
    dxplan::app::Resume::export_all(&cfg).unwrap();
    dxplan::app::UserError::export_all(&cfg).unwrap();
    dxplan::app::Started::export_all(&cfg).unwrap();
    dxplan::app::Rolled::export_all(&cfg).unwrap();
    dxplan::app::Importing::export_all(&cfg).unwrap();
    dxplan::app::Received::export_all(&cfg).unwrap();
    dxplan::proposals::RowRef::export_all(&cfg).unwrap();
    dxplan::tracking::Tracking::export_all(&cfg).unwrap();
    dxplan::proposals::batch::Sent::export_all(&cfg).unwrap();
    dxplan::proposals::batch::Round::export_all(&cfg).unwrap();
    dxplan::app::Connection::export_all(&cfg).unwrap();
    dxplan::store::NewAccount::export_all(&cfg).unwrap();
    dxplan::store::Copied::export_all(&cfg).unwrap();
    dxplan::app::DraftSent::export_all(&cfg).unwrap();
    dxplan::proposals::comments::FormsRead::export_all(&cfg).unwrap();

    // A sample of what the front end relies on.
    let plan = std::fs::read_to_string(dir.join("Plan.ts")).unwrap();
    assert!(plan.contains("export type Plan = {"));
    let line = std::fs::read_to_string(dir.join("BudgetLine.ts")).unwrap();
    assert!(
        line.contains("amount: string"),
        "money is an exact decimal string: {line}"
    );
    let indicator = std::fs::read_to_string(dir.join("Indicator.ts")).unwrap();
    assert!(
        indicator.contains("target: string | null"),
        "a target not given yet is sent as null: {indicator}"
    );
    let deadline = std::fs::read_to_string(dir.join("Deadline.ts")).unwrap();
    assert!(
        deadline.contains("\"kind\": \"quarter\"") && deadline.contains("\"kind\": \"continuous\""),
        "{deadline}"
    );
}
