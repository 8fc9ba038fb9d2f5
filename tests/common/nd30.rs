//! The Decree 30/2020 checker: what a document read back from its .docx must show to be in
//! the form of an administrative document, whoever wrote it. A4 portrait first page with the
//! decree's margins; Times New Roman; sizes 11 to 14 pt (and the short lines' 2 pt); the
//! header block (issuing body | national name and motto, number | place and date); a
//! signature block. Returns what is wrong, in words, so a test can assert it is empty.

use std::io::Read;

use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut s = String::new();
    if let Ok(mut f) = zip.by_name(name) {
        f.read_to_string(&mut s).unwrap();
    }
    s
}

fn w<'a, 'n>(n: Node<'a, 'a>, name: &'n str) -> impl Iterator<Item = Node<'a, 'a>> + use<'a, 'n> {
    n.descendants().filter(move |d| d.has_tag_name((W, name)))
}

fn val<'a>(n: Node<'a, 'a>, name: &str) -> Option<i64> {
    n.attribute((W, name)).and_then(|v| v.parse().ok())
}

fn text(n: Node) -> String {
    w(n, "t").filter_map(|t| t.text()).collect()
}

/// Everything the decree's form asks of `docx`; `numbered` when the document carries a
/// "Số: …" line (a table of comments attached to a Tờ trình does not).
pub fn check(docx: &[u8], numbered: bool) -> Vec<String> {
    let mut wrong = Vec::new();
    let xml = part(docx, "word/document.xml");
    let doc = Document::parse(&xml).expect("document.xml is XML");
    let body = w(doc.root(), "body").next().expect("a body");
    // The first section's page: A4 portrait, margins 20–25 mm top and bottom, 30–35 left,
    // 15–20 right (twips).
    let sect = w(body, "sectPr").next().expect("a section");
    let pg = w(sect, "pgSz").next().expect("a page size");
    if (val(pg, "w"), val(pg, "h")) != (Some(11906), Some(16838)) {
        wrong.push(format!(
            "trang đầu không phải A4 đứng: {:?}",
            (val(pg, "w"), val(pg, "h"))
        ));
    }
    let mar = w(sect, "pgMar").next().expect("margins");
    for (side, lo, hi) in [
        ("top", 1134, 1418),
        ("bottom", 1134, 1418),
        ("left", 1701, 1985),
        ("right", 850, 1134),
    ] {
        match val(mar, side) {
            Some(v) if (lo..=hi).contains(&v) => {}
            other => wrong.push(format!("lề {side} {other:?} ngoài {lo}–{hi}")),
        }
    }
    // Fonts: Times New Roman wherever a font is named.
    let styles = part(docx, "word/styles.xml");
    for x in [&xml, &styles] {
        let d = Document::parse(x).unwrap();
        for f in w(d.root(), "rFonts") {
            if let Some(a) = f.attribute((W, "ascii")) {
                if a != "Times New Roman" {
                    wrong.push(format!("phông {a}"));
                }
            }
        }
    }
    // Sizes in half-points: 11–14 pt, and 2 pt for the short lines drawn as text.
    for s in w(body, "sz") {
        let v = val(s, "val").unwrap_or(0);
        if !(v == 4 || (22..=28).contains(&v)) {
            wrong.push(format!("cỡ chữ {} pt", v as f64 / 2.0));
        }
    }
    // The header block: a table first, national name and motto on the right, then the
    // number and the place and date.
    let first = body.children().find(|c| c.is_element());
    match first.filter(|t| t.has_tag_name((W, "tbl"))) {
        None => wrong.push("không mở đầu bằng khối tiêu đề (bảng hai cột)".into()),
        Some(t) => {
            let rows: Vec<Vec<String>> = t
                .children()
                .filter(|c| c.has_tag_name((W, "tr")))
                .map(|r| {
                    r.children()
                        .filter(|c| c.has_tag_name((W, "tc")))
                        .map(text)
                        .collect()
                })
                .collect();
            let cell = |r: usize, c: usize| {
                rows.get(r)
                    .and_then(|x| x.get(c))
                    .cloned()
                    .unwrap_or_default()
            };
            if cell(0, 1) != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc"
            {
                wrong.push(format!("quốc hiệu, tiêu ngữ: «{}»", cell(0, 1)));
            }
            if cell(0, 0).trim().is_empty() {
                wrong.push("thiếu tên cơ quan ban hành".into());
            }
            if numbered && !cell(1, 0).starts_with("Số:") {
                wrong.push(format!("thiếu dòng số, ký hiệu: «{}»", cell(1, 0)));
            }
            let date = cell(1, 1);
            let dated =
                date.contains(", ngày ") && date.contains(" tháng ") && date.contains(" năm");
            if !dated {
                wrong.push(format!("địa danh, ngày tháng: «{date}»"));
            }
        }
    }
    // The signature: a table holding the signer's title (appendices may follow it).
    let signed = w(body, "tbl").skip(1).any(|t| {
        let all = text(t);
        all.contains("GIÁM ĐỐC") || all.contains("CHỦ TỊCH")
    });
    if !signed {
        wrong.push("thiếu khối chữ ký".into());
    }
    wrong
}
