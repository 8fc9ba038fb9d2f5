//! The body rows of the documents' tables written directly as OOXML. A 5,000-task appendix
//! is almost all of a document, and docx-rs builds each row as a tree of elements and then
//! serialises it through an XML event writer: most of an export's time. The rows are regular
//! (fixed cell properties, one paragraph style, escaped text), so they are written here as
//! the exact bytes docx-rs writes for them (`tests/docx.rs` holds the document's hash from
//! before), and `postprocess` splices them in place of a marker row. Tables with revision
//! marks still go through docx-rs.

use super::content::{Align, Row};
use super::style::PT12;

/// Every row of `rows` on the grid `widths`, as `render::table` lays them out.
pub fn write(rows: &[Row], widths: &[usize]) -> String {
    let mut out = String::with_capacity(rows.len() * 1200);
    for r in rows {
        row(&mut out, r, widths);
    }
    out
}

fn row(out: &mut String, r: &Row, widths: &[usize]) {
    out.push_str("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
    let mut col = 0;
    for c in &r.cells {
        let width: usize = widths[col.min(widths.len())..(col + c.span).min(widths.len())]
            .iter()
            .sum();
        col += c.span;
        out.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
        out.push_str(&width.to_string());
        out.push_str("\" w:type=\"dxa\" />");
        if c.span > 1 {
            out.push_str("<w:gridSpan w:val=\"");
            out.push_str(&c.span.to_string());
            out.push_str("\" />");
        }
        out.push_str("<w:vAlign w:val=\"center\" /></w:tcPr>");
        if r.group {
            // A group's cell: its first line, bold, kept with the next row.
            paragraph(
                out,
                c.lines.first().map_or("", String::as_str),
                c.align,
                true,
                true,
            );
        } else if c.lines.is_empty() {
            paragraph(out, "", c.align, c.strong, false);
        } else {
            for l in &c.lines {
                paragraph(out, l, c.align, c.strong, false);
            }
        }
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
}

/// `style::cell_para` with one `style::run` of 12 pt.
fn paragraph(out: &mut String, text: &str, align: Align, bold: bool, keep_next: bool) {
    out.push_str("<w:p><w:pPr><w:rPr /><w:jc w:val=\"");
    out.push_str(match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    });
    out.push_str(
        "\" /><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\" />",
    );
    if keep_next {
        out.push_str("<w:keepNext />");
    }
    out.push_str("</w:pPr><w:r><w:rPr><w:sz w:val=\"");
    let size = PT12.to_string();
    out.push_str(&size);
    out.push_str("\" /><w:szCs w:val=\"");
    out.push_str(&size);
    out.push_str("\" />");
    if bold {
        out.push_str("<w:b /><w:bCs />");
    }
    out.push_str("</w:rPr>");
    // As `style::run`: lines broken, tabs kept, the text cleaned and escaped.
    let text = crate::text::clean(text);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br w:type=\"textWrapping\" />");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab />");
            }
            if !piece.is_empty() {
                out.push_str("<w:t xml:space=\"preserve\">");
                escape(out, piece);
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r></w:p>");
}

/// docx-rs's escaping of text.
fn escape(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => {}
            c => out.push(c),
        }
    }
}
