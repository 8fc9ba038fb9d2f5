//! Currency for 2027: the sample rolled 2023 → 2027 across the 2025 reform, with the reform's
//! changes accepted and without them; one test per currency rule.

mod common;

use std::collections::HashSet;

use chrono::NaiveDate;
use dxplan::catalogue::Catalogues;
use dxplan::model::*;
use dxplan::rollover::{rollover, Options};
use dxplan::validation::validate;

fn codes(plan: &Plan, code: &str) -> Vec<String> {
    validate(plan)
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| f.message)
        .collect()
}

/// The sample rolled year by year to 2027, rejecting the reform changes in `reject`.
fn rolled_to_2027(reject: &[&str]) -> (Plan, Vec<dxplan::rollover::ReformChange>) {
    let mut plan = dxplan::sample::plan();
    let mut reform = Vec::new();
    let opts = Options {
        reject: reject.iter().map(|s| s.to_string()).collect(),
        ..Options::default()
    };
    for year in 2024..=2027 {
        let (next, report) = rollover(&plan, year, &opts);
        if !report.reform.is_empty() {
            assert_eq!(year, 2026, "the reform is crossed once");
            reform = report.reform;
        }
        plan = next;
    }
    (plan, reform)
}

fn names(plan: &Plan) -> Vec<String> {
    plan.directory.iter().map(|a| a.name.clone()).collect()
}

#[test]
fn rolled_to_2027_with_the_reform_accepted_the_plan_is_current() {
    let (plan, reform) = rolled_to_2027(&[]);
    for c in &reform {
        println!("{} [{}] «{}» → «{}»", c.what, c.id, c.before, c.after);
    }
    assert!(reform.iter().all(|c| c.accepted));
    let directory = names(&plan);
    assert!(
        !directory
            .iter()
            .any(|n| n.contains("Thông tin và Truyền thông")),
        "{directory:?}"
    );
    assert!(
        !directory.iter().any(|n| n.contains("huyện")),
        "{directory:?}"
    );
    assert!(plan
        .directory
        .iter()
        .all(|a| a.kind != AgencyKind::UbndHuyen));
    // Quảng Ngãi has a special zone (Lý Sơn): its communes are "xã, phường, đặc khu".
    assert!(
        directory
            .iter()
            .any(|n| n == "Ủy ban nhân dân các xã, phường, đặc khu"),
        "{directory:?}"
    );
    assert_eq!(plan.identity.drafting_agency.as_deref(), Some("so-khcn"));
    let leads: HashSet<&str> = plan
        .tasks()
        .flat_map(|(_, t)| t.lead.iter().map(String::as_str))
        .collect();
    assert!(
        !leads.contains("so-tttt") && !leads.contains("ubnd-huyen"),
        "{leads:?}"
    );
    assert!(leads.contains("so-khcn"));
    let levels: Vec<_> = plan
        .tasks()
        .flat_map(|(_, t)| t.budget.iter())
        .filter_map(|l| l.level)
        .collect();
    assert!(!levels.contains(&BudgetLevel::Huyen));
    let recipients = plan.identity.recipients.join("; ");
    assert!(
        recipients.contains("Bộ Khoa học và Công nghệ"),
        "{recipients}"
    );
    assert!(
        !recipients.contains("Thông tin và Truyền thông") && !recipients.contains("huyện"),
        "{recipients}"
    );
    assert_eq!(plan.identity.guidance[0].id, "co-quan-2025");
    // No currency finding is left but the old national list (none newer ships) — and no error.
    let left: Vec<_> = validate(&plan)
        .into_iter()
        .filter(|f| f.code.starts_with("currency.") && f.code != "currency.catalogue_old")
        .collect();
    assert!(left.is_empty(), "{left:#?}");
}

#[test]
fn rolled_to_2027_with_the_reform_rejected_validation_flags_each_leftover() {
    let (_, proposed) = rolled_to_2027(&[]);
    let all: Vec<&str> = proposed.iter().map(|c| c.id.as_str()).collect();
    let (plan, reform) = rolled_to_2027(&all);
    assert!(reform.iter().all(|c| !c.accepted));
    let agencies = codes(&plan, "currency.agency");
    assert!(
        agencies
            .iter()
            .any(|m| m.starts_with("Sở Thông tin và Truyền thông")),
        "{agencies:?}"
    );
    assert!(
        agencies.iter().any(|m| m.contains("cấp huyện không còn")),
        "{agencies:?}"
    );
    let recipients = codes(&plan, "currency.recipient");
    assert_eq!(recipients.len(), 2, "{recipients:?}");
    // The guidance letter it cites is 2023's.
    assert!(!codes(&plan, "currency.guidance_old").is_empty());
}

#[test]
fn one_change_can_be_rejected_alone() {
    let (plan, reform) = rolled_to_2027(&["co-quan:so-tttt"]);
    let rejected: Vec<_> = reform
        .iter()
        .filter(|c| !c.accepted)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(rejected, ["co-quan:so-tttt"]);
    assert!(names(&plan)
        .iter()
        .any(|n| n == "Sở Thông tin và Truyền thông"));
    assert!(!names(&plan).iter().any(|n| n.contains("huyện")));
    assert_eq!(codes(&plan, "currency.agency").len(), 1);
}

#[test]
fn a_merged_province_is_renamed_and_an_unknown_or_gone_one_is_flagged() {
    let mut plan = common::small_plan();
    plan.identity.year = 2025;
    plan.identity.province = "Hà Giang".into();
    plan.identity.title = "Chuyển đổi số tỉnh Hà Giang năm 2025".into();
    plan.identity.header_lines = vec!["ỦY BAN NHÂN DÂN".into(), "TỈNH HÀ GIANG".into()];
    assert!(
        codes(&plan, "currency.province").is_empty(),
        "Hà Giang exists in 2025"
    );
    let (next, report) = rollover(&plan, 2026, &Options::default());
    assert!(report
        .reform
        .iter()
        .any(|c| c.id == "tinh" && c.after.starts_with("Tuyên Quang")));
    assert_eq!(next.identity.province, "Tuyên Quang");
    assert_eq!(
        next.identity.title,
        "Chuyển đổi số tỉnh Tuyên Quang năm 2026"
    );
    assert_eq!(next.identity.header_lines[1], "TỈNH TUYÊN QUANG");

    plan.identity.year = 2027;
    let found = codes(&plan, "currency.province");
    assert!(found[0].contains("đã nhập vào Tuyên Quang"), "{found:?}");
    plan.identity.province = "Hà Giang 2027".into();
    let found = codes(&plan, "currency.province");
    assert!(
        found[0].contains("không có trong danh mục 34 tỉnh"),
        "{found:?}"
    );
}

#[test]
fn a_basis_after_the_plan_or_the_decision_and_a_superseded_one_are_flagged() {
    let mut plan = common::small_plan(); // Đắk Lắk 2027
    let cats = Catalogues::load(None).unwrap();
    let library = cats.library();
    let basis = |id: &str| {
        library
            .iter()
            .find(|d| d.document.id == id)
            .unwrap()
            .to_legal_basis()
    };
    plan.identity.issue_date = NaiveDate::from_ymd_opt(2026, 12, 20);
    plan.legal_bases = vec![basis("luat-cds-2025"), basis("luat-attt-2015")];
    let superseded = codes(&plan, "currency.basis_superseded");
    assert_eq!(superseded.len(), 1, "{superseded:?}");
    assert!(superseded[0].contains("116/2025/QH15"), "{superseded:?}");
    assert!(codes(&plan, "currency.basis_future").is_empty());

    let mut future = basis("luat-cds-2025");
    future.number = Some("999/2027/QH15".into());
    future.library_ref = None;
    future.date = NaiveDate::from_ymd_opt(2027, 3, 1);
    plan.legal_bases.push(future);
    assert_eq!(codes(&plan, "currency.basis_future").len(), 1);

    // A decision signed in 2022 cannot cite the 2025 law.
    let mut old = common::small_plan();
    old.identity.year = 2023;
    old.identity.issue_date = NaiveDate::from_ymd_opt(2022, 12, 9);
    old.identity.decision = Some(Decision {
        number: None,
        symbol: "QĐ-UBND".into(),
        issue_date: NaiveDate::from_ymd_opt(2022, 12, 9),
        proposal: String::new(),
    });
    old.legal_bases = vec![basis("luat-tccqdp-2025")];
    let found = codes(&old, "currency.basis_future");
    assert!(
        found.iter().any(|m| m.contains("quyết định ban hành")),
        "{found:?}"
    );
}

#[test]
fn special_zones_only_where_the_province_has_one() {
    let mut plan = common::small_plan(); // Đắk Lắk: inland
    plan.identity
        .recipients
        .push("UBND các xã, phường, đặc khu".into());
    assert_eq!(codes(&plan, "currency.dac_khu").len(), 1);
    plan.identity.province = "Khánh Hòa".into(); // Trường Sa
    assert!(codes(&plan, "currency.dac_khu").is_empty());
    // A new plan names the commune level as the province has it.
    let cats = Catalogues::load(None).unwrap();
    let inland = dxplan::catalogue::new_plan(&cats, "Tuyên Quang", 2027);
    assert!(inland
        .directory
        .iter()
        .any(|a| a.name == "Ủy ban nhân dân các xã, phường"));
    let island = dxplan::catalogue::new_plan(&cats, "Khánh Hòa", 2027);
    assert!(island
        .directory
        .iter()
        .any(|a| a.name == "Ủy ban nhân dân các xã, phường, đặc khu"));
}

#[test]
fn district_budget_lines_and_recipients_after_the_reform() {
    let mut plan = common::small_plan();
    plan.groups[0].tasks[0].budget = vec![BudgetLine {
        amount: 100.into(),
        source: Some(BudgetSource::ThuongXuyen),
        level: Some(BudgetLevel::Huyen),
        note: String::new(),
    }];
    plan.identity
        .recipients
        .push("Bộ Thông tin và Truyền thông".into());
    assert_eq!(codes(&plan, "currency.budget_level").len(), 1);
    assert_eq!(codes(&plan, "currency.recipient").len(), 1);
    plan.identity.year = 2025;
    assert!(
        codes(&plan, "currency.budget_level").is_empty(),
        "district budgets existed in 2025"
    );
    assert!(codes(&plan, "currency.recipient").is_empty());
    // Rolled into 2026: the district lines become commune lines, unless rejected.
    let (next, report) = rollover(&plan, 2026, &Options::default());
    assert!(report
        .reform
        .iter()
        .any(|c| c.id == "kinh-phi:huyen" && c.accepted));
    assert_eq!(
        next.groups[0].tasks[0].budget[0].level,
        Some(BudgetLevel::Xa)
    );
    let keep = Options {
        reject: ["kinh-phi:huyen".to_string()].into(),
        ..Options::default()
    };
    let (kept, _) = rollover(&plan, 2026, &keep);
    assert_eq!(codes(&kept, "currency.budget_level").len(), 1);
}

#[test]
fn an_old_guidance_letter_and_an_old_national_list_are_flagged() {
    let mut plan = common::small_plan(); // 2027
    plan.identity.opening =
        "Thực hiện Công văn số 5406/BTTTT-CĐSQG ngày 03/11/2022 của Bộ Thông tin và Truyền thông …"
            .into();
    let found = codes(&plan, "currency.guidance_old");
    assert!(
        found[0].contains("hướng dẫn lập kế hoạch năm 2023"),
        "{found:?}"
    );
    // Cited among the legal bases as well: said there too, so the finding leads to it.
    plan.legal_bases.push(LegalBasis {
        id: "lb-5406".into(),
        kind: DocType::CongVan,
        number: Some("5406/BTTTT-CĐSQG".into()),
        date: chrono::NaiveDate::from_ymd_opt(2022, 11, 3),
        issuer: "Bộ Thông tin và Truyền thông".into(),
        title: "hướng dẫn xây dựng kế hoạch chuyển đổi số năm 2023".into(),
        library_ref: None,
    });
    let places: Vec<(Section, String)> = validate(&plan)
        .into_iter()
        .filter(|f| f.code == "currency.guidance_old")
        .map(|f| (f.location.section, f.location.label))
        .collect();
    assert_eq!(
        places,
        [
            (Section::Identity, "Phần mở đầu".to_string()),
            (Section::LegalBases, "Căn cứ pháp lý".to_string())
        ]
    );
    plan.legal_bases.pop();
    plan.identity.opening = "Thực hiện Công văn số 5511/BKHCN-CĐSQG ngày 10/10/2025 …".into();
    assert!(
        codes(&plan, "currency.guidance_old").is_empty(),
        "2026's letter is the newest for 2027"
    );
    plan.identity.guidance = vec![CatalogueRef {
        id: "nhiem-vu-tinh-2024".into(),
        version: "2023.1".into(),
    }];
    assert_eq!(codes(&plan, "currency.catalogue_old").len(), 1);
    plan.identity.year = 2025;
    assert!(codes(&plan, "currency.catalogue_old").is_empty());
}

#[test]
fn a_blank_2027_plan_offers_the_34_provinces_and_current_agencies() {
    let cats = Catalogues::load(None).unwrap();
    let current: Vec<&str> = cats
        .provinces()
        .iter()
        .filter(|p| p.exists_in(2027))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(current.len(), 34);
    assert!(current.contains(&"Tuyên Quang") && !current.contains(&"Hà Giang"));
    assert_eq!(
        cats.provinces()
            .iter()
            .filter(|p| p.exists_in(2024))
            .count(),
        63
    );
    let plan = dxplan::catalogue::new_plan(&cats, "Tuyên Quang", 2027);
    assert!(plan
        .directory
        .iter()
        .all(|a| a.kind != AgencyKind::UbndHuyen));
    assert!(!names(&plan)
        .iter()
        .any(|n| n.contains("Thông tin và Truyền thông")));
    let old = dxplan::catalogue::new_plan(&cats, "Hà Giang", 2024);
    assert_eq!(old.identity.drafting_agency.as_deref(), Some("so-tttt"));
}

#[test]
fn the_cli_lists_the_2025_laws_with_their_dates() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::dxplan(
        &dir.path().join("db.sqlite"),
        &["catalogues", "--show", "can-cu"],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Luật Chuyển đổi số số 148/2025/QH15 ngày 11/12/2025 của Quốc hội [hiệu lực từ 01/07/2026]"), "{text}");
    assert!(
        text.contains("Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025"),
        "{text}"
    );
    assert!(
        text.contains("86/2015/QH13 ngày 19/11/2015 của Quốc hội [được thay thế từ 01/07/2026]"),
        "{text}"
    );
}

#[test]
fn the_years_national_list_is_imported_from_the_example_format() {
    common::rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("danh-muc");
        let s = dxplan::app::Session::open(&dir.path().join("db.sqlite"), Some(&folder))
            .await
            .unwrap();
        // A broken file: refused with its line, nothing written.
        let broken = common::write(
            dir.path(),
            "hỏng.toml",
            b"[catalogue]\nid = \"x\"\nkind = \"national_tasks\"\n",
        );
        let e = s.import_catalogue(&broken).unwrap_err().to_string();
        assert!(e.contains("hỏng.toml") && e.contains("dòng"), "{e}");
        assert!(!folder.exists() || std::fs::read_dir(&folder).unwrap().count() == 0);

        let example = common::write(
            dir.path(),
            "nhiệm vụ 2027.toml",
            dxplan::catalogue::EXAMPLE_NATIONAL_TASKS.as_bytes(),
        );
        let cats = s.import_catalogue(&example).unwrap();
        let list = cats
            .for_year(dxplan::catalogue::Kind::NationalTasks, 2027)
            .unwrap();
        assert_eq!(list.meta.id, "nhiem-vu-tinh-2027");
        assert!(folder.join("nhiem-vu-tinh-2027-2027.1.toml").exists());
        // A new 2027 plan follows it, and is no longer told its list is old.
        let view = s
            .create(dxplan::app::NewPlan::Blank {
                province: "Tuyên Quang".into(),
                year: 2027,
            })
            .await
            .unwrap();
        assert!(view
            .plan
            .identity
            .guidance
            .iter()
            .any(|g| g.id == "nhiem-vu-tinh-2027"));
        assert!(codes(&view.plan, "currency.catalogue_old").is_empty());
        // Reopened, the session loads it from the folder.
        drop(s);
        let again = dxplan::app::Session::open(&dir.path().join("db.sqlite"), Some(&folder))
            .await
            .unwrap();
        assert!(again.catalogues().get("nhiem-vu-tinh-2027").is_some());
    });
}

#[test]
fn the_budget_guidance_follows_the_plan_year() {
    let cats = Catalogues::load(None).unwrap();
    assert_eq!(cats.budget_rule(2025).unwrap().share, "1");
    let now = cats.budget_rule(2027).unwrap();
    assert_eq!(now.share, "3");
    assert!(now.source.contains("57-NQ/TW"));
    assert_eq!(BudgetLevel::of_year(2025).len(), 3);
    assert_eq!(
        BudgetLevel::of_year(2027),
        [BudgetLevel::Tinh, BudgetLevel::Xa]
    );
}
