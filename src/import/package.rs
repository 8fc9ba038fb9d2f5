//! Step 1 of the import: the Word package read into blocks — paragraphs and tables of cell
//! texts, in reading order — as Word lays them out: merged cells resolved to the table's
//! grid, automatic numbers written before their paragraphs (`numbering`), text boxes read
//! once where they are anchored, and a table of one cell (a whole body or a header block
//! laid out in a frame) read as the paragraphs it holds.
//!
//! The .docx is read as what it is, a zip holding `word/document.xml`, parsed with roxmltree
//! after `fsutil::read_office` has checked the file (docx-rs's reader can hang on a zip that
//! is not a Word file).

use std::io::Read;

use super::numbering::Numbering;
use super::W;

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

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

/// Whether `n` sits inside a text box or an alternative Word keeps for older readers (its
/// text is read elsewhere, or is a copy).
fn set_apart(n: roxmltree::Node, within: roxmltree::Node) -> bool {
    n.ancestors()
        .take_while(|a| *a != within)
        .any(|a| a.has_tag_name((W, "txbxContent")) || a.has_tag_name((MC, "Fallback")))
}

/// The paragraph's own text (not its text boxes'), after its automatic number.
fn para_text(p: roxmltree::Node, numbering: &mut Numbering) -> String {
    let mut s = String::new();
    for n in p.descendants().filter(|n| !set_apart(*n, p)) {
        if n.has_tag_name((W, "t")) {
            s.push_str(n.text().unwrap_or(""));
        } else if n.has_tag_name((W, "tab")) {
            s.push(' ');
        } else if n.has_tag_name((W, "br")) {
            s.push('\n');
        }
    }
    let text = crate::text::nfc(s.trim());
    match numbering.label(p) {
        Some(label) if !text.is_empty() => format!("{label} {text}"),
        _ => text,
    }
}

/// The text boxes anchored in `p`, outermost only, once each.
fn text_boxes<'a>(p: roxmltree::Node<'a, 'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    p.descendants()
        .filter(|n| n.has_tag_name((W, "txbxContent")))
        .filter(|n| n.parent().is_some_and(|up| !set_apart(up, p)))
        .collect()
}

/// A cell's text: its paragraphs with their text boxes, a table nested in it as lines of
/// "a | b", a content control's paragraphs. Offices put all three in task tables; read as
/// paragraphs only, their text was lost without a word. `depth` bounds the nesting.
fn cell_text(node: roxmltree::Node, numbering: &mut Numbering, depth: usize) -> String {
    if depth > 8 {
        return String::new();
    }
    let mut lines = Vec::new();
    for child in node.children().filter(|c| c.is_element()) {
        if child.has_tag_name((W, "p")) {
            for b in text_boxes(child) {
                lines.push(cell_text(b, numbering, depth + 1));
            }
            lines.push(para_text(child, numbering));
        } else if child.has_tag_name((W, "tbl")) {
            for tr in child.children().filter(|r| r.has_tag_name((W, "tr"))) {
                let cells: Vec<String> = tr
                    .children()
                    .filter(|c| c.has_tag_name((W, "tc")))
                    .map(|tc| cell_text(tc, numbering, depth + 1).replace('\n', " "))
                    .filter(|t| !t.is_empty())
                    .collect();
                lines.push(cells.join(" | "));
            }
        } else if child.has_tag_name((W, "sdt")) {
            if let Some(content) = child.children().find(|c| c.has_tag_name((W, "sdtContent"))) {
                lines.push(cell_text(content, numbering, depth + 1));
            }
        }
    }
    lines.retain(|l| !l.is_empty());
    lines.join("\n")
}

/// The text of each footnote and endnote (Word's separators left out). A plan has no notes:
/// the import lists them for the planner rather than drop them.
pub fn notes(bytes: &[u8]) -> Vec<String> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut numbering = Numbering::read(None, None);
    let mut out = Vec::new();
    for (part_name, tag) in [
        ("word/footnotes.xml", "footnote"),
        ("word/endnotes.xml", "endnote"),
    ] {
        let Some(xml) = part(&mut zip, part_name) else {
            continue;
        };
        let Ok(doc) = roxmltree::Document::parse(&xml) else {
            continue;
        };
        for note in doc.descendants().filter(|n| n.has_tag_name((W, tag))) {
            if note.attribute((W, "type")).is_some_and(|t| t != "normal") {
                continue;
            }
            let text = cell_text(note, &mut numbering, 0).replace('\n', " ");
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
    out
}

fn attr_val<'a>(node: roxmltree::Node<'a, 'a>, tag: &str) -> Option<Option<&'a str>> {
    let props = node.children().find(|c| c.has_tag_name((W, "tcPr")))?;
    let el = props.children().find(|c| c.has_tag_name((W, tag)))?;
    Some(el.attribute((W, "val")))
}

/// The rows of a table on its grid, with horizontal and vertical merges resolved.
fn table_rows(tbl: roxmltree::Node, numbering: &mut Numbering) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for tr in tbl.children().filter(|r| r.has_tag_name((W, "tr"))) {
        let mut row: Row = Vec::new();
        for tc in tr.children().filter(|c| c.has_tag_name((W, "tc"))) {
            let text = cell_text(tc, numbering, 0);
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
    let mut numbering = Numbering::read(
        part(&mut zip, "word/numbering.xml").as_deref(),
        part(&mut zip, "word/styles.xml").as_deref(),
    );
    let mut reader = Blocks::default();
    reader.container(body, &mut numbering, 0);
    Ok(reader.blocks)
}

/// Another part of the package as text, when it is there and readable.
fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut text = String::new();
    zip.by_name(name)
        .ok()?
        .take(crate::fsutil::MAX_UNPACKED)
        .read_to_string(&mut text)
        .ok()?;
    crate::fsutil::check_xml_depth(&text).ok()?;
    Some(text)
}

/// The blocks read so far, numbered by kind.
#[derive(Default)]
struct Blocks {
    blocks: Vec<Block>,
    paragraphs: usize,
    tables: usize,
}

impl Blocks {
    /// The paragraphs and tables of a body, a text box or a one-cell table, in order; text
    /// boxes before the paragraph they are anchored in. `depth` bounds the nesting.
    fn container(&mut self, node: roxmltree::Node, numbering: &mut Numbering, depth: usize) {
        if depth > 8 {
            return;
        }
        for child in node.children().filter(|c| c.is_element()) {
            if child.has_tag_name((W, "p")) {
                for b in text_boxes(child) {
                    self.container(b, numbering, depth + 1);
                }
                let text = para_text(child, numbering);
                self.paragraph(text);
            } else if child.has_tag_name((W, "tbl")) {
                self.table(child, numbering, depth);
            } else if child.has_tag_name((W, "sdt")) {
                // A content control: its content is the body's.
                if let Some(content) = child.children().find(|c| c.has_tag_name((W, "sdtContent")))
                {
                    self.container(content, numbering, depth + 1);
                }
            }
        }
    }

    fn paragraph(&mut self, text: String) {
        if !text.is_empty() {
            self.paragraphs += 1;
            self.blocks.push(Block::P {
                n: self.paragraphs,
                text,
            });
        }
    }

    /// A table of one cell is a frame around text: its paragraphs are read as the body's.
    fn table(&mut self, tbl: roxmltree::Node, numbering: &mut Numbering, depth: usize) {
        let trs: Vec<_> = tbl
            .children()
            .filter(|r| r.has_tag_name((W, "tr")))
            .collect();
        let cells: Vec<_> = trs
            .iter()
            .flat_map(|r| r.children().filter(|c| c.has_tag_name((W, "tc"))))
            .collect();
        if let [only] = cells[..] {
            self.container(only, numbering, depth + 1);
            return;
        }
        let rows = table_rows(tbl, numbering);
        if rows.iter().flatten().any(|c| !c.text.is_empty()) {
            self.tables += 1;
            self.blocks.push(Block::T {
                n: self.tables,
                rows,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(tbl: &str) -> Vec<Row> {
        let xml = format!(r#"<w:tbl xmlns:w="{W}">{tbl}</w:tbl>"#);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        table_rows(doc.root_element(), &mut Numbering::default())
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
