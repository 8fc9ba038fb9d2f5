//! Step 1 of the import: the Word package read into blocks — paragraphs and tables of cell
//! texts, in body order — with merged cells resolved to the table's grid.
//!
//! The .docx is read as what it is, a zip holding `word/document.xml`, parsed with roxmltree
//! after `fsutil::read_office` has checked the file (docx-rs's reader can hang on a zip that
//! is not a Word file).

use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One cell of a table row on the grid: a cell spanning three columns gives three cells, the
/// later two marked `spanned`; a cell merged with the one above (`vMerge`) carries that cell's
/// text and is marked `from_above`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub spanned: bool,
    pub from_above: bool,
}

pub type Row = Vec<Cell>;

/// A block of the document body: a paragraph, or a table. `n` is its position among the
/// blocks of its kind (1-based), which is how the review names where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    P { n: usize, text: String },
    T { n: usize, rows: Vec<Row> },
}

/// A row as plain texts: spanned and merged-from-above cells keep their text when `repeat`
/// (how a header is read: "Cơ quan thực hiện" over "Chủ trì" and "Phối hợp"), otherwise
/// spanned cells are empty (a data row's merged title is said once).
pub fn texts(row: &Row, repeat: bool) -> Vec<String> {
    row.iter()
        .map(|c| {
            if c.spanned && !repeat {
                String::new()
            } else {
                c.text.clone()
            }
        })
        .collect()
}

fn para_text(p: roxmltree::Node) -> String {
    let mut s = String::new();
    for n in p.descendants() {
        if n.has_tag_name((W, "t")) {
            s.push_str(n.text().unwrap_or(""));
        } else if n.has_tag_name((W, "tab")) {
            s.push(' ');
        } else if n.has_tag_name((W, "br")) {
            s.push('\n');
        }
    }
    crate::text::nfc(s.trim())
}

fn attr_val<'a>(node: roxmltree::Node<'a, 'a>, tag: &str) -> Option<Option<&'a str>> {
    let props = node.children().find(|c| c.has_tag_name((W, "tcPr")))?;
    let el = props.children().find(|c| c.has_tag_name((W, tag)))?;
    Some(el.attribute((W, "val")))
}

/// The rows of a table on its grid, with horizontal and vertical merges resolved.
fn table_rows(tbl: roxmltree::Node) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for tr in tbl.children().filter(|r| r.has_tag_name((W, "tr"))) {
        let mut row: Row = Vec::new();
        for tc in tr.children().filter(|c| c.has_tag_name((W, "tc"))) {
            let text = tc
                .children()
                .filter(|p| p.has_tag_name((W, "p")))
                .map(para_text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            // A span is bounded so a hostile file cannot ask for a billion columns.
            let span = attr_val(tc, "gridSpan")
                .flatten()
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            // <w:vMerge/> (no value) or val="continue" continues the cell above.
            let continues = matches!(attr_val(tc, "vMerge"), Some(None | Some("continue")));
            let column = row.len();
            let above = continues
                .then(|| {
                    rows.last()
                        .and_then(|r| r.get(column))
                        .map(|c| c.text.clone())
                })
                .flatten();
            for k in 0..span {
                row.push(Cell {
                    text: above.clone().unwrap_or_else(|| text.clone()),
                    spanned: k > 0,
                    from_above: above.is_some(),
                });
            }
        }
        rows.push(row);
    }
    rows
}

/// The body of `word/document.xml` as blocks; `Err` is a Vietnamese reason.
pub fn read_blocks(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .take(crate::fsutil::MAX_UNPACKED)
        .read_to_string(&mut xml)
        .map_err(|_| "nội dung văn bản không đọc được (không phải UTF-8)".to_string())?;
    crate::fsutil::check_xml_depth(&xml)?;
    let doc = roxmltree::Document::parse(&xml).map_err(|e| {
        log::warn!("docx xml: {e}");
        format!(
            "nội dung văn bản bị hỏng (XML sai ở dòng {}, cột {})",
            e.pos().row,
            e.pos().col
        )
    })?;
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or("văn bản không có phần nội dung")?;
    let (mut paragraphs, mut tables) = (0, 0);
    let mut blocks = Vec::new();
    for child in body.children().filter(|c| c.is_element()) {
        if child.has_tag_name((W, "p")) {
            let text = para_text(child);
            if !text.is_empty() {
                paragraphs += 1;
                blocks.push(Block::P {
                    n: paragraphs,
                    text,
                });
            }
        } else if child.has_tag_name((W, "tbl")) {
            let rows = table_rows(child);
            if rows.iter().flatten().any(|c| !c.text.is_empty()) {
                tables += 1;
                blocks.push(Block::T { n: tables, rows });
            }
        }
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(tbl: &str) -> Vec<Row> {
        let xml = format!(r#"<w:tbl xmlns:w="{W}">{tbl}</w:tbl>"#);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        table_rows(doc.root_element())
    }

    fn cell(text: &str, props: &str) -> String {
        format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
    }

    #[test]
    fn a_two_row_header_with_merged_cells_lands_on_the_grid() {
        let rows = parse(&format!(
            "<w:tr>{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr>",
            cell("TT", r#"<w:vMerge w:val="restart"/>"#),
            cell("Nội dung", r#"<w:vMerge w:val="restart"/>"#),
            cell("Cơ quan thực hiện", r#"<w:gridSpan w:val="2"/>"#),
            cell("", "<w:vMerge/>"),
            cell("", r#"<w:vMerge w:val="continue"/>"#),
            cell("Chủ trì", ""),
            cell("Phối hợp", ""),
        ));
        assert_eq!(
            texts(&rows[0], true),
            ["TT", "Nội dung", "Cơ quan thực hiện", "Cơ quan thực hiện"]
        );
        assert_eq!(texts(&rows[0], false)[3], "");
        assert_eq!(
            texts(&rows[1], true),
            ["TT", "Nội dung", "Chủ trì", "Phối hợp"]
        );
        assert!(rows[1][0].from_above && !rows[1][2].from_above);
    }

    #[test]
    fn a_hostile_span_is_bounded() {
        let rows = parse(&format!(
            "<w:tr>{}</w:tr>",
            cell("x", r#"<w:gridSpan w:val="999999999"/>"#)
        ));
        assert_eq!(rows[0].len(), 64);
    }
}
