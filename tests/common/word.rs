//! Word files written by hand (no docx-rs, no exporter), shaped the way provinces' files are:
//! what the import tests read.

use std::io::Write;

/// What a hand-made Word document holds, in order.
pub enum Block {
    P(String),
    /// Rows of cells; a cell's lines become its paragraphs.
    T(Vec<Vec<String>>),
    /// WordprocessingML as it stands, for shapes no real file has.
    Raw(String),
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn para(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// A minimal, valid WordprocessingML package written by hand: no docx-rs, no exporter.
pub fn word_file(blocks: &[Block]) -> Vec<u8> {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::P(t) => body.push_str(&para(t)),
            Block::Raw(xml) => body.push_str(xml),
            Block::T(rows) => {
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        body.push_str("<w:tc>");
                        if c.is_empty() {
                            body.push_str("<w:p/>");
                        }
                        for line in c.lines() {
                            body.push_str(&para(line));
                        }
                        body.push_str("</w:tc>");
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", document),
    ];
    for (name, text) in parts {
        zip.start_file(name, o).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A table cell written as WordprocessingML, with cell properties (`<w:gridSpan w:val="2"/>`,
/// `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`); for `Block::Raw` tables.
pub fn cell(text: &str, props: &str) -> String {
    let paras: String = if text.is_empty() {
        "<w:p/>".into()
    } else {
        text.lines().map(para).collect()
    };
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>")
}

/// A table of raw rows (each a string of cells).
pub fn raw_table(rows: &[String]) -> Block {
    let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
    Block::Raw(format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>{rows}</w:tbl>"
    ))
}
