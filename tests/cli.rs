//! The dxplan binary, as a person or a script runs it.

mod common;

use common::dxplan;
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn sample_stats_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let o = dxplan(&db, &["stats", dxplan::sample::SAMPLE_PATH, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["groups"], 10);
    assert_eq!(v["tasks"], 76);
    assert_eq!(v["indicators"], 28);
    assert_eq!(v["budget"]["total"], "132897.5");
    let cells = v["budget"]["by_source_level"].as_array().unwrap();
    assert!(cells.iter().any(|c| c["source"] == "thuong_xuyen"
        && c["level"] == "tinh"
        && c["amount"] == "106247.5"));
    assert!(cells
        .iter()
        .any(|c| c["source"] == "thuong_xuyen" && c["level"] == "huyen" && c["amount"] == "26650"));
}

#[test]
fn new_list_export_import_validate_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let o = dxplan(&db, &["new", "--sample"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_string();
    let list = stdout(&dxplan(&db, &["list"]));
    assert!(
        list.contains(&id) && list.contains("Quảng Ngãi 2023"),
        "{list}"
    );

    let file = dir.path().join("qn.json");
    let o = dxplan(&db, &["export-file", &id, file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dxplan(&db, &["import-file", file.to_str().unwrap()]);
    assert!(o.status.success());
    let o = dxplan(&db, &["validate", &id, "--json"]);
    assert!(o.status.success(), "the sample has warnings but no errors");
    let findings: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(findings
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "warning"));
    assert_eq!(
        dxplan(&db, &["list", "--json"])
            .stdout
            .iter()
            .filter(|&&b| b == b'{')
            .count(),
        2
    );

    let o = dxplan(&db, &["new", "--province", "Đắk Lắk", "--year", "2027"]);
    assert!(o.status.success());
}

#[test]
fn validate_exits_2_on_errors_and_errors_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let id = stdout(&dxplan(
        &db,
        &["new", "--province", "Gia Lai", "--year", "2027"],
    ))
    .trim()
    .to_string();
    // A blank plan is not ready to issue: it says what it lacks.
    let o = dxplan(&db, &["validate", &id]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("Chưa có căn cứ pháp lý"),
        "{}",
        stdout(&o)
    );

    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dxplan::sample::SAMPLE_PATH).unwrap())
            .unwrap();
    v["plan"]["groups"][0]["tasks"][0]["lead"] = serde_json::json!([]);
    let file = dir.path().join("thieu-chu-tri.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let o = dxplan(&db, &["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("LỖI") && stdout(&o).contains("chưa có cơ quan chủ trì"),
        "{}",
        stdout(&o)
    );

    let o = dxplan(
        &db,
        &[
            "import-file",
            dir.path().join("khong-co.json").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("Lỗi: Không đọc được tệp kế hoạch"),
        "{}",
        stderr(&o)
    );
    let o = dxplan(&db, &["delete", "khong-co-ma-nay"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Không tìm thấy kế hoạch"));
}

#[test]
fn catalogues_command_lists_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let o = dxplan(&dir.path().join("db.sqlite"), &["catalogues", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = v["active"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["meta"]["id"].as_str().unwrap())
        .collect();
    for id in [
        "khung-2390",
        "nhiem-vu-tinh-2024",
        "can-cu",
        "chi-tieu",
        "nen-tang-so-quoc-gia",
        "co-quan-2025",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

#[test]
fn export_word_documents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let out = dir.path().join("Kế hoạch CĐS 2023.docx");
    let o = dxplan(
        &db,
        &[
            "export",
            dxplan::sample::SAMPLE_PATH,
            "--docx",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));

    // The decision needs its own number and date unless it is a draft; nothing is written.
    let qd = dir.path().join("qd.docx");
    let o = dxplan(
        &db,
        &[
            "export",
            dxplan::sample::SAMPLE_PATH,
            "--docx",
            qd.to_str().unwrap(),
            "--doc",
            "quyet-dinh",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Bản chính thức còn thiếu"),
        "{}",
        stderr(&o)
    );
    assert!(!qd.exists());
    let o = dxplan(
        &db,
        &[
            "export",
            dxplan::sample::SAMPLE_PATH,
            "--docx",
            qd.to_str().unwrap(),
            "--doc",
            "quyet-dinh",
            "--draft",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // By plan id, the appendix alone, and an unknown kind of document.
    let id = stdout(&dxplan(&db, &["new", "--sample"]))
        .trim()
        .to_string();
    let pl = dir.path().join("pl.docx");
    let o = dxplan(
        &db,
        &[
            "export",
            &id,
            "--docx",
            pl.to_str().unwrap(),
            "--doc",
            "phu-luc",
            "--draft",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dxplan(
        &db,
        &[
            "export",
            &id,
            "--docx",
            pl.to_str().unwrap(),
            "--doc",
            "cong-van-den",
        ],
    );
    assert!(
        stderr(&o).contains("«cong-van-den» không có"),
        "{}",
        stderr(&o)
    );

    // A Word file and a workbook whose folder does not exist: neither is written (the Word
    // file was, before the workbook failed), and the plan is not marked issued.
    let both = dir.path().join("ca-hai.docx");
    let o = dxplan(
        &db,
        &[
            "export",
            &id,
            "--docx",
            both.to_str().unwrap(),
            "--xlsx",
            dir.path().join("không có/phụ lục.xlsx").to_str().unwrap(),
            "--draft",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("thư mục không tồn tại"),
        "{}",
        stderr(&o)
    );
    assert!(!both.exists());
}

#[test]
fn a_closed_stdout_ends_quietly_and_saves_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    // `dxplan … | true`: the reader is gone before the program writes.
    let closed = |args: &[&str]| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dxplan"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.code().is_some(), "{args:?}: killed by a signal");
    };
    closed(&["new", "--sample"]);
    closed(&["list"]);
    let list = stdout(&dxplan(&db, &["list", "--json"]));
    let plans: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    assert_eq!(plans.len(), 1, "one plan, saved once");
    let id = plans[0]["id"].as_str().unwrap().to_string();
    closed(&["validate", &id]);
    closed(&["stats", &id]);
}

#[test]
fn impossible_amounts_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dxplan::sample::SAMPLE_PATH).unwrap())
            .unwrap();
    // Two lines near rust_decimal's limit: their sum used to panic ("Addition overflowed").
    for (g, t) in [(0, 0), (1, 0)] {
        v["plan"]["groups"][g]["tasks"][t]["budget"] = serde_json::json!([
            { "amount": "50000000000000000000000000000", "source": "thuong_xuyen", "level": "tinh" }
        ]);
    }
    let file = dir.path().join("qua-lon.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let f = file.to_str().unwrap();
    let o = dxplan(&db, &["validate", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("vượt quá mức có thể có"),
        "{}",
        stdout(&o)
    );
    for args in [
        vec!["stats", f],
        vec!["export", f, "--docx", "x.docx", "--draft"],
        vec!["export", f, "--xlsx", "x.xlsx"],
    ] {
        let mut args = args;
        let out = dir.path().join(if args.contains(&"--xlsx") {
            "x.xlsx"
        } else {
            "x.docx"
        });
        let out = out.to_str().unwrap().to_string();
        if let Some(p) = args.iter().position(|a| a.starts_with("x.")) {
            args[p] = &out;
        }
        let o = dxplan(&db, &args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// The CLI goes through the window's `Session`: a blank plan is checked as the window checks
/// it, and undo, redo and history work on the one history the window sees.
#[test]
fn commands_follow_the_windows_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    for (args, said) in [
        (["--province", "  ", "--year", "2027"], "Hãy nhập tên tỉnh."),
        (
            ["--province", "Gia Lai", "--year", "1999"],
            "Năm kế hoạch 1999 không hợp lệ.",
        ),
    ] {
        let o = dxplan(&db, &[&["new"][..], &args[..]].concat());
        assert!(!o.status.success());
        assert!(stderr(&o).contains(said), "{}", stderr(&o));
    }
    assert_eq!(stdout(&dxplan(&db, &["list", "--json"])).trim(), "[]");

    let id = stdout(&dxplan(&db, &["new", "--sample"]))
        .trim()
        .to_string();
    let o = dxplan(&db, &["undo", &id]);
    assert!(
        stderr(&o).contains("Không có gì để hoàn tác."),
        "{}",
        stderr(&o)
    );
    let o = dxplan(
        &db,
        &[
            "add-task",
            &id,
            "--group",
            "1",
            "--title",
            "Số hóa hồ sơ",
            "--lead",
            "so-tttt",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("(phiên bản 2)"), "{}", stderr(&o));
    let history = stdout(&dxplan(&db, &["history", &id]));
    assert!(history.contains("Số hóa hồ sơ"), "{history}");

    let o = dxplan(&db, &["undo", &id]);
    assert!(
        stderr(&o).contains("Đã hoàn tác (phiên bản 3)."),
        "{}",
        stderr(&o)
    );
    let plan = stdout(&dxplan(&db, &["stats", &id, "--json"]));
    let tasks = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["tasks"].clone();
    assert_eq!(tasks(&plan), 76);
    let o = dxplan(&db, &["redo", &id]);
    assert!(
        stderr(&o).contains("Đã làm lại (phiên bản 4)."),
        "{}",
        stderr(&o)
    );
    assert_eq!(tasks(&stdout(&dxplan(&db, &["stats", &id, "--json"]))), 77);
    let o = dxplan(&db, &["redo", &id]);
    assert!(
        stderr(&o).contains("Không có gì để làm lại."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_command_lines_own_words_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    // Help, at the top and for a command: Vietnamese headings, placeholders and flags.
    for args in [&["--help"][..], &["export", "--help"], &["rollover", "-h"]] {
        let o = dxplan(&db, args);
        assert!(o.status.success(), "{args:?}");
        let text = stdout(&o);
        assert!(text.contains("Cách dùng: dxplan"), "{text}");
        assert!(text.contains("In hướng dẫn này"), "{text}");
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print help",
            "[OPTIONS]",
            "<PLAN>",
        ] {
            assert!(!text.contains(english), "{args:?}: «{english}» in\n{text}");
        }
    }
    // Mistakes: a sentence naming what was wrong, exit code 2, no clap English.
    for (args, said) in [
        (&["list", "--bogus"][..], "không có tùy chọn «--bogus»"),
        (&["frob"], "không có lệnh «frob»"),
        (&["export"], "thiếu"),
        (&[], "thiếu tên lệnh"),
    ] {
        let o = dxplan(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let text = stderr(&o);
        assert!(text.contains(said), "{args:?}: {text}");
        assert!(
            !text.contains("error:") && !text.contains("For more information"),
            "{text}"
        );
    }
}

#[test]
fn the_consultation_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let id = stdout(&dxplan(&db, &["new", "--sample"]))
        .trim()
        .to_string();
    let out = dir.path().join("gui");
    std::fs::create_dir(&out).unwrap();
    let by = (chrono::Local::now().date_naive() + chrono::Days::new(7)).to_string();
    let o = dxplan(
        &db,
        &[
            "consult-send",
            &id,
            "--to",
            "Sở Y tế",
            "--to",
            "Sở Tài chính",
            "--reply-by",
            &by,
            "--dir",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 4, "{}", stdout(&o));
    // A place the draft does not have: refused, nothing recorded.
    let letter = |comment: &str| {
        dxplan(
            &db,
            &[
                "consult-letter",
                &id,
                "--agency",
                "Sở Y tế",
                "--letter",
                "45/SYT-KHTC",
                "--date",
                "2026-12-05",
                "--comment",
                comment,
            ],
        )
    };
    let o = letter("Nhiệm vụ 99.1 | Không có chỗ này");
    assert!(
        stderr(&o).contains("Không tìm thấy vị trí «Nhiệm vụ 99.1»"),
        "{}",
        stderr(&o)
    );
    let o = dxplan(&db, &["consult-list", &id]);
    assert!(stdout(&o).contains("0 ý kiến"), "{}", stdout(&o));
    let o = letter("Nhiệm vụ 1.2 | Làm rõ sản phẩm. | Xây dựng kho dữ liệu");
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dxplan(&db, &["consult-list", &id, "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let comment = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(list[0]["place"]["kind"], "task");
    // One answer at a time; a final table once every comment is answered.
    let o = dxplan(
        &db,
        &["consult-answer", &id, &comment, "--accept", "--reject", "x"],
    );
    assert!(stderr(&o).contains("Chọn đúng một"), "{}", stderr(&o));
    let table = dir.path().join("bang.docx");
    let export = || {
        dxplan(
            &db,
            &[
                "export",
                &id,
                "--doc",
                "gop-y",
                "--docx",
                table.to_str().unwrap(),
            ],
        )
    };
    assert!(stderr(&export()).contains("Còn 1 ý kiến góp ý chưa trả lời"));
    let o = dxplan(
        &db,
        &[
            "consult-answer",
            &id,
            &comment,
            "--explain",
            "Đã có tại Phụ lục I.",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dxplan(
        &db,
        &[
            "consult-update",
            &id,
            "--letter-number",
            "812",
            "--silence-agrees",
            "true",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = export();
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = common::document_xml(&table);
    assert!(xml.contains("Giải trình: Đã có tại Phụ lục I."), "{xml}");
    assert!(xml.contains("Công văn số 812/SKHCN-CĐS"));
    assert!(xml.contains("Sở Tài chính"), "the silent agency is named");
}
