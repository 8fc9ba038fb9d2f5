//! Word files laid out the way offices write them, made by python-docx on Word's own
//! template with Word's numbering and drawing XML (`tests/fixtures/import-office/make.py`):
//! headings numbered automatically, the header block in text boxes, the whole body in one
//! table cell. Each imports to the same plan as the typed-out file — nothing lost, nothing
//! read twice.

use std::path::Path;

use dxplan::catalogue::Catalogues;
use dxplan::import::{import_docx_of_its_year, Imported};
use dxplan::model::Plan;

fn import(name: &str) -> Imported {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import-office")
        .join(name);
    import_docx_of_its_year(&file, &Catalogues::load(None).unwrap(), Default::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What a planner checks after an import: the texts of every part, in order.
fn summary(p: &Plan) -> Vec<String> {
    let i = &p.identity;
    let mut out = vec![
        format!("số {:?}, ngày {:?}", i.number, i.issue_date),
        format!("ký {} — {}", i.signer.title, i.signer.name),
        format!("mở đầu {}", i.opening),
    ];
    out.extend(
        p.legal_bases
            .iter()
            .map(|b| format!("căn cứ {:?} {}", b.number, b.title)),
    );
    out.extend(
        p.assessment
            .sections
            .iter()
            .map(|s| format!("phần I {}: {}", s.title, s.text.len())),
    );
    out.push(format!("tầm nhìn {}", p.vision.len()));
    out.extend(
        p.specific_goals
            .iter()
            .map(|g| format!("mục tiêu {} ({} chỉ tiêu)", g.title, g.indicators.len())),
    );
    out.extend(
        p.groups
            .iter()
            .map(|g| format!("nhóm {} ({} nhiệm vụ)", g.title, g.tasks.len())),
    );
    out.extend(
        p.tasks()
            .map(|(_, t)| format!("nhiệm vụ {} — {:?}", t.title, t.lead)),
    );
    out.extend(
        p.solutions
            .iter()
            .map(|s| format!("giải pháp {}: {}", s.title, s.text.len())),
    );
    out.extend(
        p.organisation
            .duties
            .iter()
            .map(|d| format!("tổ chức {}: {}", d.heading, d.text.len())),
    );
    out
}

#[test]
fn office_layouts_import_to_the_same_plan_as_the_typed_out_file() {
    let typed = import("00-go-tay.docx");
    let want = summary(&typed.plan);
    // The typed-out file itself, against the seed's known contents.
    assert_eq!(typed.plan.legal_bases.len(), 15);
    assert_eq!(typed.plan.specific_goals.len(), 5);
    assert_eq!(typed.plan.tasks().count(), 76);
    assert_eq!(typed.plan.organisation.duties.len(), 7);
    assert_eq!(typed.plan.identity.number.as_deref(), Some("189"));
    for name in [
        "01-tu-dong-danh-so.docx",
        "02-khung-van-ban.docx",
        "03-mot-o-bang.docx",
    ] {
        let read = import(name);
        let got = summary(&read.plan);
        let differ: Vec<(&String, &String)> = want
            .iter()
            .zip(&got)
            .filter(|(a, b)| a != b)
            .take(5)
            .collect();
        assert!(
            differ.is_empty() && got.len() == want.len(),
            "{name}: {differ:#?} ({} vs {} lines)",
            got.len(),
            want.len()
        );
        // Every paragraph placed, those inside the one-cell table counted as paragraphs.
        assert_eq!(
            read.account.paragraphs_placed, read.account.paragraphs,
            "{name}"
        );
        assert!(
            read.account.paragraphs >= typed.account.paragraphs,
            "{name}"
        );
    }
}
