//! The Word documents, opened as what they are: a zip of XML parts. Each test reads the
//! produced package back and checks structure and text.

mod common;

use std::collections::HashMap;
use std::io::Read;

use dxplan::docx::{build, export, DocChoice, Options};
use dxplan::model::{Decision, Plan};
use dxplan::numbering::task_number;
use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct Package {
    parts: HashMap<String, String>,
    compressed: HashMap<String, bool>,
    size: usize,
}

fn open(bytes: &[u8]) -> Package {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = HashMap::new();
    let mut compressed = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        compressed.insert(
            f.name().to_string(),
            f.compression() == zip::CompressionMethod::Deflated,
        );
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        parts.insert(f.name().to_string(), s);
    }
    Package {
        parts,
        compressed,
        size: bytes.len(),
    }
}

fn opts(doc: DocChoice, draft: bool) -> Options {
    Options {
        doc,
        draft,
        ..Options::default()
    }
}

fn w<'a, 'n>(n: Node<'a, 'a>, name: &'n str) -> impl Iterator<Item = Node<'a, 'a>> + use<'a, 'n> {
    n.descendants().filter(move |d| d.has_tag_name((W, name)))
}

fn attr<'a>(n: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// Text of a node: its w:t descendants concatenated.
fn text(n: Node) -> String {
    w(n, "t").filter_map(|t| t.text()).collect()
}

fn rows_text(table: Node) -> Vec<Vec<String>> {
    table
        .children()
        .filter(|c| c.has_tag_name((W, "tr")))
        .map(|tr| {
            tr.children()
                .filter(|c| c.has_tag_name((W, "tc")))
                .map(text)
                .collect()
        })
        .collect()
}

fn sample_docx(doc: DocChoice, draft: bool) -> Package {
    open(&build(&dxplan::sample::plan(), &opts(doc, draft)).unwrap())
}

#[test]
fn page_setup_fonts_and_page_number() {
    let pkg = sample_docx(DocChoice::KeHoach, false);
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let sects: Vec<Node> = w(xml.root(), "sectPr").collect();
    let body = sects[0];
    let pg = w(body, "pgSz").next().unwrap();
    assert_eq!(
        (attr(pg, "w"), attr(pg, "h")),
        (Some("11906"), Some("16838")),
        "A4 portrait"
    );
    let m = w(body, "pgMar").next().unwrap();
    assert_eq!(
        [
            attr(m, "top"),
            attr(m, "bottom"),
            attr(m, "left"),
            attr(m, "right")
        ],
        [Some("1134"), Some("1134"), Some("1701"), Some("850")]
    );
    assert!(
        w(body, "titlePg").next().is_some(),
        "no page number on the first page"
    );
    let header_ref = w(body, "headerReference").next().unwrap();
    assert_eq!(attr(header_ref, "type"), Some("default"));
    let header = pkg
        .parts
        .iter()
        .find(|(k, _)| k.starts_with("word/header"))
        .unwrap()
        .1;
    let h = Document::parse(header).unwrap();
    assert_eq!(
        w(h.root(), "instrText")
            .filter_map(|t| t.text())
            .collect::<String>()
            .trim(),
        "PAGE"
    );
    assert_eq!(
        w(h.root(), "jc").next().and_then(|j| attr(j, "val")),
        Some("center")
    );

    // Times New Roman is the document default, and no run sets another font.
    let styles = Document::parse(&pkg.parts["word/styles.xml"]).unwrap();
    let defaults = w(styles.root(), "rPrDefault").next().unwrap();
    let default_font = w(defaults, "rFonts").next().expect("default font");
    for a in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert_eq!(attr(default_font, a), Some("Times New Roman"));
    }
    assert_eq!(
        w(defaults, "sz").next().and_then(|s| attr(s, "val")),
        Some("28"),
        "14 pt by default"
    );
    // Body text is 14 pt, nothing outside 11–14 pt.
    for f in w(xml.root(), "rFonts") {
        for a in ["ascii", "hAnsi", "eastAsia", "cs"] {
            assert_eq!(attr(f, a), Some("Times New Roman"));
        }
    }
    let sizes: Vec<&str> = w(xml.root(), "sz").filter_map(|s| attr(s, "val")).collect();
    assert!(
        sizes
            .iter()
            .all(|s| ["22", "24", "26", "28", "4"].contains(s)),
        "{sizes:?}"
    );
    assert!(sizes.iter().filter(|s| **s == "28").count() > 100);
}

#[test]
fn header_block_title_and_signature() {
    let pkg = sample_docx(DocChoice::KeHoach, false);
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let body = w(xml.root(), "body").next().unwrap();
    let first = body.children().find(|c| c.is_element()).unwrap();
    assert!(
        first.has_tag_name((W, "tbl")),
        "the document opens with the header block table"
    );
    let rows = rows_text(first);
    assert_eq!(rows[0][0], "ỦY BAN NHÂN DÂNTỈNH QUẢNG NGÃI");
    assert_eq!(
        rows[0][1],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc"
    );
    assert_eq!(rows[1][0], "Số: 189/KH-UBND");
    assert_eq!(rows[1][1], "Quảng Ngãi, ngày 09 tháng 12 năm 2022");
    let date_run = w(first, "r")
        .find(|r| text(*r).starts_with("Quảng Ngãi, ngày"))
        .unwrap();
    assert!(
        w(date_run, "i").next().is_some(),
        "place and date are italic"
    );
    // Borderless: no table borders declared as lines.
    assert!(
        w(first, "tblBorders").all(|b| b.children().filter(|c| c.is_element()).all(|e| attr(
            e, "val"
        ) == Some(
            "none"
        ) || attr(
            e, "val"
        )
            == Some("nil")))
    );

    let paras: Vec<String> = body
        .children()
        .filter(|c| c.has_tag_name((W, "p")))
        .map(text)
        .collect();
    let kh = paras.iter().position(|p| p == "KẾ HOẠCH").unwrap();
    assert_eq!(paras[kh + 1], "Chuyển đổi số tỉnh Quảng Ngãi năm 2023");
    for heading in [
        "Phần I",
        "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2022",
        "Phần II",
        "NỘI DUNG KẾ HOẠCH NĂM 2023",
        "I. CĂN CỨ LẬP KẾ HOẠCH",
        "VI. TỔ CHỨC THỰC HIỆN",
    ] {
        assert!(paras.iter().any(|p| p == heading), "missing {heading}");
    }
    assert!(
        paras.iter().any(|p| p.ends_with("chỉ đạo thực hiện./.")),
        "the body ends with ./."
    );
    assert!(paras
        .iter()
        .any(|p| p.contains("Tổng kinh phí dự kiến: 132.897,5 triệu đồng")));
    assert!(paras.iter().any(|p| p.contains(
        "ngân sách cấp tỉnh là 106.247,5 triệu đồng, ngân sách cấp huyện là 26.650 triệu đồng"
    )));
    // The body refers to every appendix.
    for l in ["Phụ lục I ", "Phụ lục II ", "Phụ lục III "] {
        assert!(paras.iter().any(|p| p.contains(l)), "no reference to {l}");
    }

    let sig = w(body, "tbl")
        .find(|t| text(*t).contains("Nơi nhận:"))
        .unwrap();
    let cells = &rows_text(sig)[0];
    assert!(cells[0].starts_with("Nơi nhận:- Bộ Thông tin và Truyền thông;"));
    assert!(cells[0].ends_with("- Lưu: VT, KGVX."));
    assert_eq!(
        cells[1],
        "TM. ỦY BAN NHÂN DÂNKT. CHỦ TỊCHPHÓ CHỦ TỊCHĐặng Văn Minh"
    );
}

#[test]
fn appendices_are_landscape_sections_with_the_task_table() {
    let plan = dxplan::sample::plan();
    let pkg = sample_docx(DocChoice::KeHoach, false);
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let sects: Vec<Node> = w(xml.root(), "sectPr").collect();
    assert_eq!(sects.len(), 4, "body + three appendices");
    for s in &sects[1..] {
        let pg = w(*s, "pgSz").next().unwrap();
        assert_eq!(
            (attr(pg, "w"), attr(pg, "h"), attr(pg, "orient")),
            (Some("16838"), Some("11906"), Some("landscape"))
        );
        assert_eq!(
            w(*s, "pgNumType").next().and_then(|p| attr(p, "start")),
            Some("1"),
            "each appendix numbered on its own"
        );
    }
    let paras: Vec<String> = w(xml.root(), "p").map(text).collect();
    assert!(paras.iter().any(|p| p == "(Kèm theo Kế hoạch số 189/KH-UBND ngày 09/12/2022 của Ủy ban nhân dân tỉnh Quảng Ngãi)"));
    assert!(paras.iter().any(|p| p == "Phụ lục II"));
    assert!(paras
        .iter()
        .any(|p| p == "DANH SÁCH VĂN BẢN CỦA TỈNH QUẢNG NGÃI VỀ CHUYỂN ĐỔI SỐ BAN HÀNH NĂM 2022"));

    let table = w(xml.root(), "tbl")
        .find(|t| text(*t).starts_with("TTTên nhiệm vụ"))
        .unwrap();
    let trs: Vec<Node> = table
        .children()
        .filter(|c| c.has_tag_name((W, "tr")))
        .collect();
    assert!(
        w(trs[0], "tblHeader").next().is_some(),
        "header row repeated on every page"
    );
    assert!(trs[1..]
        .iter()
        .all(|tr| w(*tr, "tblHeader").next().is_none()));
    assert!(
        trs.iter().all(|tr| w(*tr, "cantSplit").next().is_some()),
        "rows never split"
    );
    assert!(
        !pkg.parts["word/document.xml"].contains("dxplan_repeat_header"),
        "marker removed"
    );

    let rows = rows_text(table);
    assert_eq!(
        rows[0],
        [
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
            "Kinh phí (triệu đồng)",
            "Nguồn"
        ]
    );
    // Every task in order, with its computed number, lead and coordinating agencies.
    let mut expected = Vec::new();
    for (gi, g) in plan.groups.iter().enumerate() {
        expected.push(vec![(gi + 1).to_string(), g.title.clone()]);
        for (ti, t) in g.tasks.iter().enumerate() {
            let names = |ids: &[String]| {
                ids.iter()
                    .map(|a| plan.agency(a).unwrap().display_short().to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            expected.push(vec![
                task_number(gi, ti),
                t.title.clone(),
                names(&t.lead),
                names(&t.coordinating),
                "Năm 2023".into(),
            ]);
        }
    }
    let body_rows: Vec<Vec<String>> = rows[1..rows.len() - 2]
        .iter()
        .map(|r| {
            r.iter()
                .take(if r.len() == 4 { 2 } else { 5 })
                .cloned()
                .collect()
        })
        .collect();
    assert_eq!(body_rows, expected);
    assert_eq!(body_rows.iter().filter(|r| r.len() == 5).count(), 76);
    let numbers: Vec<&str> = body_rows
        .iter()
        .filter(|r| r.len() == 5)
        .map(|r| r[0].as_str())
        .collect();
    assert!(
        numbers.contains(&"6.7") && numbers.contains(&"8.5") && !numbers.contains(&"8.10"),
        "6.1 and 8.4 are no longer doubled"
    );
    let group_row = trs.iter().find(|tr| text(**tr) == "1Nhận thức số").unwrap();
    assert!(w(*group_row, "b").next().is_some(), "group rows are bold");
    assert_eq!(rows[rows.len() - 1], ["", "TỔNG CỘNG", "132.897,5", ""]);
    assert_eq!(rows[rows.len() - 2][2], "132.897,5");
}

#[test]
fn draft_and_final() {
    let draft = sample_docx(DocChoice::KeHoach, true);
    let d = &draft.parts["word/document.xml"];
    assert!(d.contains("DỰ THẢO"));
    assert!(!d.contains("189/KH-UBND"), "a draft has a blank number");
    assert!(!d.contains("ngày 09 tháng 12 năm 2022"), "and a blank date");
    assert!(d.contains("Số:        /KH-UBND"));
    let final_ = sample_docx(DocChoice::KeHoach, false);
    assert!(!final_.parts["word/document.xml"].contains("DỰ THẢO"));

    // Final mode requires number and date, and refuses without writing anything.
    let mut plan = dxplan::sample::plan();
    plan.identity.number = None;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kh.docx");
    let err = export(&plan, &opts(DocChoice::KeHoach, false), &out).unwrap_err();
    assert!(err.to_string().contains("số kế hoạch"), "{err}");
    assert!(!out.exists());
    export(&plan, &opts(DocChoice::KeHoach, true), &out).unwrap();
    assert!(out.exists(), "the same plan exports as a draft");
    // A plan with validation errors cannot be exported as final: decided where exports are
    // asked for (the session and the CLI call this), not in the writer.
    let mut plan = dxplan::sample::plan();
    plan.groups[0].tasks[0].lead.clear();
    let err = dxplan::readiness::ensure_issuable(&plan).unwrap_err();
    assert!(err.to_string().contains("chưa có cơ quan chủ trì"), "{err}");
}

#[test]
fn decision_and_its_appendix() {
    let mut plan = dxplan::sample::plan();
    plan.identity.decision = Some(Decision {
        number: Some("2345".into()),
        symbol: "QĐ-UBND".into(),
        issue_date: chrono::NaiveDate::from_ymd_opt(2022, 12, 9),
        proposal: "Tờ trình số 321/TTr-STTTT ngày 01/12/2022".into(),
    });
    let pkg = open(&build(&plan, &opts(DocChoice::QuyetDinh, false)).unwrap());
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let paras: Vec<String> = w(xml.root(), "p").map(text).collect();
    for expected in [
        "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2023",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "QUYẾT ĐỊNH:",
    ] {
        assert!(paras.iter().any(|p| p == expected), "missing {expected}");
    }
    // Signed in 2022: the 2015 law and its 2019 amendment, and Điều 3 names the districts.
    let bases: Vec<&String> = paras.iter().filter(|p| p.starts_with("Căn cứ ")).collect();
    assert_eq!(bases.len(), 2 + plan.legal_bases.len());
    assert!(bases.iter().all(|b| b.ends_with(';')));
    assert_eq!(
        bases[0],
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    );
    assert!(bases[1].starts_with("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019"));
    assert!(
        !paras.iter().any(|p| p.contains("16 tháng 6 năm 2025")),
        "no 2025 law in a 2022 decision"
    );
    let article3 = |paras: &[String]| {
        paras
            .iter()
            .find(|p| p.starts_with("Điều 3."))
            .cloned()
            .unwrap()
    };
    assert!(article3(&paras).contains("Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố"));
    assert!(paras.iter().any(|p| p == "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 321/TTr-STTTT ngày 01/12/2022."));
    let base_run = w(xml.root(), "r")
        .find(|r| text(*r).starts_with("Căn cứ Luật"))
        .unwrap();
    assert!(w(base_run, "i").next().is_some(), "legal bases are italic");
    for n in 1..=3 {
        assert!(
            paras.iter().any(|p| p.starts_with(&format!("Điều {n}. "))),
            "Điều {n}"
        );
    }
    assert!(paras
        .iter()
        .any(|p| p.starts_with("Điều 3.") && p.ends_with("./.")));
    let rows = rows_text(w(xml.root(), "tbl").next().unwrap());
    assert_eq!(rows[1][0], "Số: 2345/QĐ-UBND");
    assert!(paras.iter().any(|p| p == "(Kèm theo Quyết định số 2345/QĐ-UBND ngày 09/12/2022 của Ủy ban nhân dân tỉnh Quảng Ngãi)"));
    assert!(pkg.parts["word/document.xml"].contains("- Như Điều 3;"));

    // Signed in December 2026: the law of 16/6/2025 only; Điều 3 names the communes, with
    // "đặc khu" for Quảng Ngãi (Lý Sơn) and without it for an inland province.
    let decision_2026 = |province: &str| {
        let mut p = plan.clone();
        p.identity.province = province.into();
        p.identity.year = 2027;
        if let Some(d) = p.identity.decision.as_mut() {
            d.issue_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 15);
        }
        // A draft: the sample's 2023 directory is not current for 2027 (validation says so).
        let pkg = open(&build(&p, &opts(DocChoice::QuyetDinh, true)).unwrap());
        let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
        w(xml.root(), "p").map(text).collect::<Vec<String>>()
    };
    let paras = decision_2026("Quảng Ngãi");
    let bases: Vec<&String> = paras
        .iter()
        .filter(|p| p.starts_with("Căn cứ Luật Tổ chức"))
        .collect();
    assert_eq!(
        bases,
        ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"]
    );
    assert!(article3(&paras).contains("Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu và"));
    let inland = decision_2026("Tuyên Quang");
    assert!(
        article3(&inland).contains("Chủ tịch Ủy ban nhân dân các xã, phường và"),
        "{}",
        article3(&inland)
    );

    // The decision appendix alone: one landscape section with the task table.
    let alone = open(&build(&plan, &opts(DocChoice::PhuLuc, false)).unwrap());
    let xml = Document::parse(&alone.parts["word/document.xml"]).unwrap();
    let sects: Vec<Node> = w(xml.root(), "sectPr").collect();
    assert_eq!(sects.len(), 1);
    assert_eq!(
        w(sects[0], "pgSz").next().and_then(|p| attr(p, "orient")),
        Some("landscape")
    );
    assert!(
        w(xml.root(), "p").map(text).any(|p| p == "Phụ lục"),
        "a single appendix is not numbered"
    );
    assert_eq!(w(xml.root(), "tbl").count(), 1);

    // Without decision data, a final decision is refused.
    let err = build(&dxplan::sample::plan(), &opts(DocChoice::QuyetDinh, false)).unwrap_err();
    assert!(err.to_string().contains("quyết định"), "{err}");
}

#[test]
fn section_order_comes_from_the_template() {
    let plan = dxplan::sample::plan();
    let o = Options {
        template: "khung-2390".into(),
        ..opts(DocChoice::KeHoach, false)
    };
    let pkg = open(&build(&plan, &o).unwrap());
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let paras: Vec<String> = w(xml.root(), "p").map(text).collect();
    let pos = |h: &str| {
        paras
            .iter()
            .position(|p| p == h)
            .unwrap_or_else(|| panic!("missing {h}"))
    };
    assert!(pos("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH") < pos("II. ĐÁNH GIÁ HIỆN TRẠNG"));
    assert!(pos("II. ĐÁNH GIÁ HIỆN TRẠNG") < pos("V. NHIỆM VỤ, GIẢI PHÁP"));
    assert!(!paras.iter().any(|p| p == "Phần I"));
    assert!(
        paras
            .iter()
            .any(|p| p == "DANH MỤC NHIỆM VỤ, DỰ ÁN CHUYỂN ĐỔI SỐ NĂM 2023"),
        "appendix titles come from the template too"
    );
    let err = build(
        &plan,
        &Options {
            template: "khong-co".into(),
            ..opts(DocChoice::KeHoach, false)
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("khong-co"));
}

#[test]
fn special_characters_emoji_and_decomposed_diacritics() {
    let mut plan: Plan = common::small_plan();
    plan.identity.number = Some("7".into());
    plan.identity.issue_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 24);
    plan.identity.signer.name = "Nguyễn Văn A".into();
    // Decomposed "Tiếp" (e + circumflex + acute as combining marks), XML specials, an emoji.
    let tricky = "Tie\u{302}\u{301}p nhận <hồ sơ> & \"phản hồi\" 'nhanh' 🚀";
    plan.groups[0].tasks[0].title = tricky.into();
    plan.identity.opening = "Mở đầu có **chữ đậm** & <thẻ>.".into();
    let pkg = open(&build(&plan, &opts(DocChoice::KeHoach, false)).unwrap());
    let raw = &pkg.parts["word/document.xml"];
    let xml = Document::parse(raw).expect("well-formed XML");
    let texts: Vec<String> = w(xml.root(), "p").map(text).collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "Tiếp nhận <hồ sơ> & \"phản hồi\" 'nhanh' 🚀"),
        "NFC, unescaped back to the same text"
    );
    assert!(
        !raw.contains("e\u{302}\u{301}"),
        "no decomposed sequence left"
    );
    assert!(raw.contains("&lt;hồ sơ&gt; &amp;"));
    assert!(
        texts.iter().any(|t| t == "Số: 07/KH-UBND"),
        "numbers below 10 take a leading zero"
    );
    let bold_run = w(xml.root(), "r").find(|r| text(*r) == "chữ đậm").unwrap();
    assert!(w(bold_run, "b").next().is_some());
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let o = opts(DocChoice::KeHoach, false);
    assert_eq!(
        build(&dxplan::sample::plan(), &o).unwrap(),
        build(&dxplan::sample::plan(), &o).unwrap()
    );
}

#[test]
fn output_is_compressed() {
    let pkg = sample_docx(DocChoice::KeHoach, false);
    assert!(pkg.compressed.values().all(|c| *c), "every part deflated");
    assert!(pkg.size < 120 * 1024, "{} bytes", pkg.size);
    assert!(
        pkg.parts["word/document.xml"].len() > 5 * pkg.size,
        "XML much larger than the package"
    );
}

#[test]
fn export_to_a_missing_folder_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("không-có").join("kh.docx");
    let err = export(
        &dxplan::sample::plan(),
        &opts(DocChoice::KeHoach, false),
        &out,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("Không ghi được tệp"), "{err}");
    assert!(!out.exists());
}

#[test]
fn an_appendix_exported_alone_as_a_draft_says_so() {
    let plan: Plan = common::small_plan();
    let draft = open(&build(&plan, &opts(DocChoice::PhuLuc, true)).unwrap());
    let xml = &draft.parts["word/document.xml"];
    assert_eq!(xml.matches("DỰ THẢO").count(), 1, "{xml}");
    // Inside the plan the appendix follows the body, which carries the mark already.
    let whole = open(&build(&plan, &opts(DocChoice::KeHoach, true)).unwrap());
    assert_eq!(
        whole.parts["word/document.xml"].matches("DỰ THẢO").count(),
        1
    );
}

#[test]
fn line_breaks_tabs_and_control_characters_in_text() {
    let mut plan: Plan = common::small_plan();
    // Pasted from another program: a line break, a tab, and controls Word refuses.
    plan.groups[0].tasks[0].title = "Dòng một\r\nDòng hai\tcột\u{1}\u{b}\u{0}".into();
    let pkg = open(&build(&plan, &opts(DocChoice::KeHoach, true)).unwrap());
    let raw = &pkg.parts["word/document.xml"];
    Document::parse(raw).expect("well-formed XML, as Word and LibreOffice need");
    assert!(!raw.contains('\u{1}') && !raw.contains('\u{b}') && !raw.contains('\r'));
    let at = raw.find("Dòng một").unwrap();
    let rest = &raw[at..];
    let two = rest.find("Dòng hai").unwrap();
    assert!(
        rest[..two].contains("<w:br"),
        "a Word line break between the lines"
    );
    assert!(rest[two..].find("<w:tab").unwrap() < rest[two..].find("cột").unwrap());
}

#[test]
fn the_results_report_of_a_tracked_year() {
    use dxplan::model::{Progress, TaskStatus};
    let mut plan = dxplan::sample::plan();
    // A dozen tasks tracked, two indicators measured.
    let tracked = plan
        .groups
        .iter_mut()
        .flat_map(|g| g.tasks.iter_mut())
        .take(12);
    for (i, t) in tracked.enumerate() {
        t.status = if i % 3 == 0 {
            TaskStatus::DangTrienKhai
        } else {
            TaskStatus::HoanThanh
        };
        t.progress = Progress {
            note: format!("Kết quả báo cáo số {i}"),
            updated: chrono::NaiveDate::from_ymd_opt(2023, 11, 15),
            evidence: String::new(),
            spent: Some(10.into()),
        };
    }
    let first = &mut plan.specific_goals[0].indicators[0];
    first.actual = first.target;
    first.measured = chrono::NaiveDate::from_ymd_opt(2023, 11, 20);
    // Due in the second quarter, not started by 30/11: overdue.
    plan.groups[2].tasks[0].deadline = Some(dxplan::model::Deadline::Quarter {
        year: 2023,
        quarter: 2,
    });
    let as_of = chrono::NaiveDate::from_ymd_opt(2023, 11, 30);
    let pkg = open(&build(&plan, &opts(DocChoice::BaoCao { as_of }, false)).unwrap());
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let paras: Vec<String> = w(xml.root(), "p").map(text).collect();
    for expected in [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch chuyển đổi số năm 2023",
        "I. KẾT QUẢ THỰC HIỆN MỤC TIÊU, CHỈ TIÊU",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "III. NHIỆM VỤ CHƯA HOÀN THÀNH VÀ NGUYÊN NHÂN",
        "IV. KINH PHÍ THỰC HIỆN",
        "Phụ lục I",
        "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2023",
        "Phụ lục II",
    ] {
        assert!(paras.iter().any(|p| p == expected), "missing {expected}");
    }
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("Thực hiện Kế hoạch số 189/KH-UBND ngày 09/12/2022")),
        "{:?}",
        &paras[..12]
    );
    assert!(
        paras
            .iter()
            .any(|p| p.contains("76 nhiệm vụ: hoàn thành 8, đang triển khai 4")),
        "counts"
    );
    assert!(paras.iter().any(|p| p.contains("đạt 1 chỉ tiêu")));
    // The day a value was measured goes with it.
    assert!(
        paras
            .iter()
            .any(|p| p.contains("thực hiện 100% (số liệu ngày 20/11/2023) — đạt")),
        "{:?}",
        paras
            .iter()
            .filter(|p| p.contains("thực hiện 100"))
            .collect::<Vec<_>>()
    );
    assert!(paras
        .iter()
        .any(|p| p.contains("kinh phí đã thực hiện theo báo cáo của 12 nhiệm vụ: 120 triệu đồng")));
    // Tasks past their deadline and not finished are marked.
    assert!(
        paras.iter().any(|p| p.contains("(quá hạn)")),
        "overdue tasks are marked"
    );
    // The appendix lists all 76 tasks, numbered as in the plan.
    let tables: Vec<_> = w(xml.root(), "tbl").collect();
    let progress = tables
        .iter()
        .map(|t| rows_text(*t))
        .find(|rows| {
            rows[0].first().map(String::as_str) == Some("TT")
                && rows[0].iter().any(|c| c == "Tình trạng")
        })
        .expect("the task status table");
    let numbers: Vec<&str> = progress[1..]
        .iter()
        .map(|r| r[0].as_str())
        .filter(|n| n.contains('.'))
        .collect();
    assert_eq!(numbers.len(), 76);
    assert_eq!(numbers[0], "1.1");
    assert_eq!(progress[2][4], "Đang triển khai");
    assert_eq!(progress[2][5], "Kết quả báo cáo số 0");
    assert!(paras.iter().any(|p| p == "(Kèm theo Báo cáo số       /BC-UBND ngày 30/11/2023 của Ủy ban nhân dân tỉnh Quảng Ngãi)"), "{:?}", paras.iter().filter(|p| p.starts_with("(Kèm")).collect::<Vec<_>>());
}

/// The writer's first stage: what a document says, read as plain data without opening a
/// .docx — and the second stage prints exactly that (every heading, every table row).
#[test]
fn what_a_document_says_is_plain_data_the_docx_prints() {
    use dxplan::docx::content::{Block, TableKind};
    let plan = dxplan::sample::plan();
    let doc = dxplan::docx::content(&plan, &opts(DocChoice::KeHoach, true)).unwrap();
    let orientations: Vec<bool> = doc.sections.iter().map(|s| s.landscape).collect();
    assert_eq!(orientations, [false, true, true, true]);
    let body = &doc.sections[0].blocks;
    assert!(
        matches!(&body[0], Block::Header { draft: true, number, .. } if number.starts_with("Số:"))
    );
    assert!(matches!(&body[1], Block::Title { kind, .. } if kind == "KẾ HOẠCH"));
    assert!(
        matches!(body.last(), Some(Block::Signature(s)) if s.name == plan.identity.signer.name)
    );
    let headings: Vec<&str> = body
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    let tasks = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.kind == TableKind::Tasks => Some(t),
            _ => None,
        })
        .unwrap();
    // A row per group and per task, the budget not given to a task, the total.
    let unallocated = usize::from(!plan.budget.unallocated.is_empty());
    assert_eq!(
        tasks.rows.len(),
        plan.groups.len() + plan.tasks().count() + unallocated + 1
    );
    assert_eq!(
        tasks.rows.iter().filter(|r| r.group).count(),
        plan.groups.len()
    );

    // The rendered package: the same headings in the same order, the same rows.
    let pkg = open(&build(&plan, &opts(DocChoice::KeHoach, true)).unwrap());
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let printed: Vec<String> = w(xml.root(), "p").map(text).collect();
    let mut at = 0;
    for h in &headings {
        at += printed[at..]
            .iter()
            .position(|p| p == h)
            .unwrap_or_else(|| panic!("«{h}» not printed after paragraph {at}"));
    }
    let table = w(xml.root(), "tbl")
        .find(|t| text(*t).starts_with("TTTên nhiệm vụ"))
        .unwrap();
    let rows = rows_text(table);
    assert_eq!(
        rows.len(),
        tasks.rows.len() + 1,
        "the header row, then the content's"
    );
    for (row, content) in rows[1..].iter().zip(&tasks.rows) {
        let cells: Vec<String> = content.cells.iter().map(|c| c.lines.concat()).collect();
        assert_eq!(row, &cells);
    }
}

/// The paragraphs of a package's body, each as its text.
fn body_paragraphs(pkg: &Package) -> Vec<String> {
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let body = w(xml.root(), "body").next().unwrap();
    w(body, "p").map(text).collect()
}

#[test]
fn the_to_trinh_says_the_plans_own_figures_and_the_decision_cites_it() {
    use dxplan::format::money_million;
    let mut plan = dxplan::sample::plan();
    let pkg = open(&build(&plan, &opts(DocChoice::ToTrinh, true)).unwrap());
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let body = w(xml.root(), "body").next().unwrap();
    // The Decree 30 form: A4 portrait, the header block with the department under the
    // committee, the number line of a draft, the boxed "DỰ THẢO".
    let pg = w(body, "pgSz").last().unwrap();
    assert_eq!(
        (attr(pg, "w"), attr(pg, "h")),
        (Some("11906"), Some("16838"))
    );
    let header = body.children().find(|c| c.is_element()).unwrap();
    let rows = rows_text(header);
    assert_eq!(
        rows[0][0],
        "UBND TỈNH QUẢNG NGÃISỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    );
    assert_eq!(rows[1][0], "Số:        /TTr-SKHCN");
    let paras = body_paragraphs(&pkg);
    let has = |line: &str| paras.iter().any(|p| p == line);
    assert!(has("DỰ THẢO") && has("TỜ TRÌNH"), "{paras:?}");
    assert!(has(
        "Về việc ban hành Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2023"
    ));
    assert!(has("Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi."));

    // What it says of the plan is the plan's: every basis, the goals and indicators, each
    // group's number of tasks, the budget.
    for b in &plan.legal_bases {
        let cited = format!("- {};", b.citation().trim_end_matches([';', '.']));
        assert!(has(&cited), "{cited}");
    }
    let indicators = plan.indicators().count();
    assert!(has(&format!(
        "Kế hoạch đặt {} mục tiêu cụ thể với {indicators} chỉ tiêu:",
        plan.specific_goals.len()
    )));
    assert!(has(&format!(
        "Kế hoạch gồm {} nhiệm vụ, chia thành {} nhóm:",
        plan.tasks().count(),
        plan.groups.len()
    )));
    for (i, g) in plan.groups.iter().enumerate() {
        let line = format!("- Nhóm {}. {}: {} nhiệm vụ;", i + 1, g.title, g.tasks.len());
        assert!(has(&line), "{line}");
    }
    let total = money_million(dxplan::budget::grand_total(&plan));
    assert!(
        has(&format!("- Tổng kinh phí dự kiến: {total}.")),
        "{total}"
    );
    assert!(paras.iter().any(|p| p.ends_with("năm 2023./.")));

    // A final Tờ trình needs its number, date and signer; with them it prints them, and the
    // decision's "Theo đề nghị" line cites it.
    let e = build(&plan, &opts(DocChoice::ToTrinh, false))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("số tờ trình") && e.contains("họ tên người ký tờ trình"),
        "{e}"
    );
    plan.identity.submission = Some(dxplan::model::Submission {
        number: Some("35".into()),
        issue_date: chrono::NaiveDate::from_ymd_opt(2022, 12, 2),
        signer_name: "Nguyễn Văn B".into(),
        archive_unit: "CĐS".into(),
        ..Default::default()
    });
    let pkg = open(&build(&plan, &opts(DocChoice::ToTrinh, false)).unwrap());
    let xml = Document::parse(&pkg.parts["word/document.xml"]).unwrap();
    let body = w(xml.root(), "body").next().unwrap();
    // The department's office files its Tờ trình under its own unit, not the committee's.
    let sig = w(body, "tbl")
        .find(|t| text(*t).contains("Nơi nhận:"))
        .unwrap();
    assert!(rows_text(sig)[0][0].ends_with("- Lưu: VT, CĐS."));
    let rows = rows_text(body.children().find(|c| c.is_element()).unwrap());
    assert_eq!(
        rows[1],
        ["Số: 35/TTr-SKHCN", "Quảng Ngãi, ngày 02 tháng 12 năm 2022"]
    );
    let paras = body_paragraphs(&pkg);
    assert!(!paras.iter().any(|p| p == "DỰ THẢO"));
    assert!(paras.iter().any(|p| p == "Nguyễn Văn B"));
    plan.identity.decision = Some(Decision {
        number: Some("1502".into()),
        symbol: "QĐ-UBND".into(),
        issue_date: chrono::NaiveDate::from_ymd_opt(2022, 12, 9),
        proposal: String::new(),
    });
    let decision = body_paragraphs(&open(
        &build(&plan, &opts(DocChoice::QuyetDinh, false)).unwrap(),
    ));
    assert!(
        decision
            .iter()
            .any(|p| p.ends_with("tại Tờ trình số 35/TTr-SKHCN ngày 02/12/2022.")),
        "{decision:?}"
    );
}

#[test]
fn every_document_passes_the_decree_30_checker() {
    let mut plan = dxplan::sample::plan();
    plan.identity.decision = Some(Decision {
        number: Some("1502".into()),
        symbol: "QĐ-UBND".into(),
        issue_date: chrono::NaiveDate::from_ymd_opt(2022, 12, 9),
        proposal: String::new(),
    });
    for (doc, draft) in [
        (DocChoice::KeHoach, false),
        (DocChoice::KeHoach, true),
        (DocChoice::QuyetDinh, false),
        (DocChoice::ToTrinh, true),
    ] {
        let bytes = build(&plan, &opts(doc, draft)).unwrap();
        assert_eq!(
            common::nd30::check(&bytes, true),
            Vec::<String>::new(),
            "{doc:?}"
        );
    }
}

/// A plan whose tables hold what escaping and line handling must get right: markup
/// characters, quotes, a line break, a tab, an emoji, a group row spanning the columns.
fn plan_with_special_text() -> Plan {
    let mut plan = dxplan::sample::plan();
    let t = &mut plan.groups[0].tasks[0];
    t.title = "Dữ liệu & <kết nối> \"mở\" 'chung'\ndòng hai\tcột 😀".into();
    t.output = "Báo cáo & số liệu".into();
    plan.groups[1].title = "Nhóm <2> & \"ba\"".into();
    plan
}

/// The Word writer's output is fixed byte for byte: the SHA-256 of `word/document.xml` for
/// each case, recorded from the writer before its tables were written directly as OOXML
/// (`render::rows`). `DXPLAN_WRITE_GOLDEN=1` records them again after a wanted change.
#[test]
fn the_documents_are_byte_for_byte_the_recorded_ones() {
    use sha2::{Digest, Sha256};
    let golden_file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx-golden.txt");
    let mut decision = dxplan::sample::plan();
    decision.identity.decision = Some(Decision {
        number: Some("1502".into()),
        symbol: "QĐ-UBND".into(),
        issue_date: chrono::NaiveDate::from_ymd_opt(2022, 12, 9),
        proposal: String::new(),
    });
    let cases = [
        (
            "ke-hoach-mau",
            dxplan::sample::plan(),
            DocChoice::KeHoach,
            false,
        ),
        (
            "ke-hoach-ky-tu",
            plan_with_special_text(),
            DocChoice::KeHoach,
            true,
        ),
        ("quyet-dinh", decision, DocChoice::QuyetDinh, false),
        (
            "bao-cao",
            dxplan::sample::plan(),
            DocChoice::BaoCao { as_of: None },
            true,
        ),
    ];
    let mut lines = Vec::new();
    for (name, plan, doc, draft) in cases {
        let pkg = open(&build(&plan, &opts(doc, draft)).unwrap());
        let xml = &pkg.parts["word/document.xml"];
        let hash: String = Sha256::digest(xml.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        lines.push(format!("{name} {hash}"));
        // What the writer made, to compare by eye when the hash differs.
        let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/docx-golden");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(format!("{name}.document.xml")), xml).unwrap();
    }
    let now = lines.join("\n") + "\n";
    if std::env::var_os("DXPLAN_WRITE_GOLDEN").is_some() {
        std::fs::write(&golden_file, &now).unwrap();
    }
    let recorded = std::fs::read_to_string(&golden_file).unwrap();
    assert_eq!(
        now, recorded,
        "document.xml differs from the recorded bytes (see target/docx-golden/)"
    );
}
