//! The shipped catalogues, and what a broken or newer user catalogue does.

use std::path::Path;

use dxplan::catalogue::{self, Body, Catalogues, Kind};
use dxplan::Error;

#[test]
fn shipped_catalogues_load_with_their_contents() {
    let cats = Catalogues::load(None).unwrap();
    let tasks = cats.latest(Kind::NationalTasks).unwrap();
    let Body::NationalTasks {
        groups,
        tasks: items,
    } = &tasks.body
    else {
        panic!()
    };
    assert_eq!((groups.len(), items.len()), (12, 36));
    let per_group: Vec<usize> = groups
        .iter()
        .map(|g| items.iter().filter(|t| t.group == g.code).count())
        .collect();
    assert_eq!(per_group, [6, 4, 3, 1, 2, 3, 1, 1, 3, 3, 8, 1]);
    let recurring = items.iter().find(|t| t.code == "1.6").unwrap();
    assert_eq!(
        recurring.deadline.as_ref().unwrap().text(),
        "trước ngày 30 tháng 11 hằng năm"
    );

    let Body::Platforms(platforms) = &cats.latest(Kind::Platforms).unwrap().body else {
        panic!()
    };
    assert_eq!(platforms.len(), 35);
    assert_eq!(platforms.iter().filter(|p| p.group == "I").count(), 20);

    let Body::Framework(sections) = &cats.get("khung-2390").unwrap().body else {
        panic!()
    };
    let top: Vec<&str> = sections
        .iter()
        .filter(|s| !s.code.contains('.'))
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(top, ["I", "II", "III", "IV", "V", "VI"]);
    assert!(sections
        .iter()
        .any(|s| s.code == "IV.1.8" && s.title == "Phát triển nguồn nhân lực"));

    let Body::LegalBases(docs) = &cats.latest(Kind::LegalBases).unwrap().body else {
        panic!()
    };
    let nq57 = docs
        .iter()
        .find(|d| d.document.number.as_deref() == Some("57-NQ/TW"))
        .unwrap();
    assert_eq!(
        nq57.to_legal_basis().citation(),
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    );
    assert_eq!(
        nq57.to_legal_basis().library_ref.as_deref(),
        Some("nq-57-2024")
    );

    let Body::Agencies(agencies) = &cats.latest(Kind::Agencies).unwrap().body else {
        panic!()
    };
    assert!(agencies
        .iter()
        .any(|a| a.name == "Sở Khoa học và Công nghệ"));
    assert!(
        agencies
            .iter()
            .all(|a| a.kind != dxplan::model::AgencyKind::UbndHuyen),
        "no district level after 1/7/2025"
    );

    let Body::Indicators(inds) = &cats.get("chi-tieu").unwrap().body else {
        panic!()
    };
    assert!(inds.len() >= 20);
    // The 2026 national targets are the newest indicator catalogue.
    let newest = cats.latest(Kind::Indicators).unwrap();
    assert_eq!(newest.meta.id, "chi-tieu-2026");
    assert!(matches!(&newest.body, Body::Indicators(v) if v.iter().any(|i| i.name.contains("5G"))));
}

fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn expect_error(files: &[(&str, &str)], file: &str, line: usize) -> String {
    let dir = user_dir(files);
    match Catalogues::load(Some(dir.path())) {
        Err(Error::Catalogue {
            file: f,
            line: l,
            message,
        }) => {
            assert_eq!(f.file_name().unwrap(), file);
            assert_eq!(l, line, "{message}");
            let shown = Error::Catalogue {
                file: f,
                line: l,
                message: message.clone(),
            }
            .to_string();
            assert!(
                shown.contains(file) && shown.contains(&format!("dòng {line}")),
                "{shown}"
            );
            message
        }
        other => panic!("expected a catalogue error, got {other:?}"),
    }
}

const HEAD: &str = "[catalogue]\nid = \"thu\"\nkind = \"national_tasks\"\ntitle = \"Thử\"\nversion = \"1.0\"\neffective_year = 2027\nsource = \"thử nghiệm\"\n";

#[test]
fn a_broken_catalogue_names_its_file_and_line() {
    // Syntax error on line 10.
    let text = format!("{HEAD}\n[[groups]]\ncode = \"1\" title = \"Thiếu xuống dòng\"\n");
    expect_error(&[("hong.toml", &text)], "hong.toml", 10);

    // Unknown field on line 12.
    let text =
        format!("{HEAD}\n[[groups]]\ncode = \"1\"\ntitle = \"Thể chế số\"\ntieu_de = \"thừa\"\n");
    expect_error(&[("thua.toml", &text)], "thua.toml", 12);

    // A task in a group that does not exist: reported at its "group =" line.
    let text = format!("{HEAD}\n[[groups]]\ncode = \"1\"\ntitle = \"Thể chế số\"\n\n[[tasks]]\ncode = \"1.1\"\ngroup = \"9\"\ntitle = \"X\"\nfocal_unit = \"Cục\"\n");
    let msg = expect_error(&[("nhom.toml", &text)], "nhom.toml", 15);
    assert!(msg.contains("«9»"));

    // A duplicate code: reported at its second occurrence.
    let text = format!("{HEAD}\n[[groups]]\ncode = \"1\"\ntitle = \"A\"\n\n[[groups]]\ncode = \"1\"\ntitle = \"B\"\n");
    expect_error(&[("trung.toml", &text)], "trung.toml", 14);

    // An impossible deadline.
    let text = format!("{HEAD}\n[[groups]]\ncode = \"1\"\ntitle = \"A\"\n\n[[tasks]]\ncode = \"1.1\"\ngroup = \"1\"\ntitle = \"X\"\nfocal_unit = \"Cục\"\ndeadline = {{ kind = \"quarter\", year = 2027, quarter = 5 }}\n");
    expect_error(&[("han.toml", &text)], "han.toml", 18);
}

#[test]
fn a_newer_user_catalogue_supersedes_the_shipped_one() {
    let shipped = Catalogues::load(None).unwrap();
    let old_version = shipped.get("khung-2390").unwrap().meta.version.clone();
    let text = "[catalogue]\nid = \"khung-2390\"\nkind = \"framework\"\ntitle = \"Khung cập nhật\"\nversion = \"2026.1\"\neffective_year = 2026\nsource = \"thử\"\n\n[[sections]]\ncode = \"I\"\ntitle = \"Đánh giá hiện trạng\"\n";
    let dir = user_dir(&[("khung-moi.toml", text)]);
    let cats = Catalogues::load(Some(dir.path())).unwrap();
    let active = cats.get("khung-2390").unwrap();
    assert_eq!(active.meta.version, "2026.1");
    assert_eq!(active.len(), 1);
    assert!(cats
        .superseded
        .iter()
        .any(|(id, v, _)| id == "khung-2390" && *v == old_version));
}

#[test]
fn versions_compare_as_numbers() {
    assert!(catalogue::version_key("2024.10") > catalogue::version_key("2024.9"));
    assert!(catalogue::version_key("2024.x").is_none());
    assert!(catalogue::parse(Path::new("x.toml"), "[catalogue]\nid=\"a\"\nkind=\"platforms\"\ntitle=\"t\"\nversion=\"v1\"\neffective_year=1\nsource=\"s\"\n[[platforms]]\nnumber=1\nname=\"n\"\ngroup=\"I\"\nowner=\"o\"\nfocal_unit=\"f\"\n").is_err());
}

#[test]
fn a_new_plan_starts_from_the_2025_presets() {
    let cats = Catalogues::load(None).unwrap();
    let plan = catalogue::new_plan(&cats, "Gia Lai", 2027);
    assert_eq!(plan.identity.title, "Chuyển đổi số tỉnh Gia Lai năm 2027");
    assert_eq!(
        plan.identity.header_lines,
        ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"]
    );
    assert_eq!(plan.identity.drafting_agency.as_deref(), Some("so-khcn"));
    assert!(plan.directory.iter().any(|a| a.name == "Thuế tỉnh Gia Lai"));
    assert!(plan.directory.iter().all(|a| !a.name.contains('{')));
    let guidance: Vec<&str> = plan
        .identity
        .guidance
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(
        guidance,
        ["co-quan-2025", "khung-2390", "nhiem-vu-tinh-2024"]
    );
    // A blank plan lists what it still lacks, and nothing else.
    let mut codes: Vec<&str> = dxplan::validation::validate(&plan)
        .iter()
        .map(|f| f.code)
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "budget.none",
            // The newest national task list shipped is 2024's: the planner is told to import
            // the year's list when the ministry issues it.
            "currency.catalogue_old",
            "goals.none",
            "identity.no_recipients",
            "identity.no_signer",
            "legal_bases.none",
            "organisation.none",
            "plan.no_groups"
        ]
    );
}

#[test]
fn catalogue_sources_read_as_citations_without_blanks() {
    let cats = Catalogues::load(None).unwrap();
    for c in &cats.active {
        let source = &c.meta.source;
        assert!(
            !source.contains("  ") && !source.contains(" /"),
            "{}: «{source}» has a blank where a number should be",
            c.meta.id
        );
    }
}

/// A library entry is a legal basis and its validity (one type, `LegalBasis`, flattened in):
/// it still reads every key of the shipped files, and a key neither knows is refused, with
/// its line.
#[test]
fn a_library_entry_with_a_key_it_does_not_know_is_refused() {
    let head = "[catalogue]\nid=\"cc\"\nkind=\"legal_bases\"\ntitle=\"t\"\nversion=\"1\"\neffective_year=2026\nsource=\"s\"\n[[documents]]\nid=\"luat-x\"\nkind=\"luat\"\nnumber=\"1/2025/QH15\"\nissuer=\"Quốc hội\"\ntitle=\"X\"\nin_force=false\n";
    let read = catalogue::parse(Path::new("cc.toml"), head).unwrap();
    let Body::LegalBases(docs) = &read.body else {
        panic!()
    };
    assert_eq!(docs[0].document.id, "luat-x");
    assert!(!docs[0].in_force);
    assert_eq!(
        docs[0].to_legal_basis().library_ref.as_deref(),
        Some("luat-x")
    );
    let err = catalogue::parse(
        Path::new("cc.toml"),
        &format!("{head}hieu_luc_tu=\"2026-01-01\"\n"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("hieu_luc_tu"), "{err}");
}
