//! The app's live preview: the exported .docx itself, read back and written as HTML. The
//! preview therefore cannot disagree with the document — there is no second renderer of the
//! plan, only a reader of the WordprocessingML that `docx::build` produced. It understands
//! what our exporter writes (paragraph alignment, indents, spacing, borders, bold, italic,
//! underline, sizes, tables with spans and merges, section orientation and margins) and
//! shows each section as a page-width sheet; it does not paginate.

use std::fmt::Write;

use roxmltree::{Document, Node};

use crate::{Error, Result};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(n: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

fn val<'a>(n: &Node<'a, '_>, attr: &str) -> Option<&'a str> {
    n.attribute((W, attr))
}

fn twips(n: &Node, attr: &str) -> Option<f64> {
    val(n, attr).and_then(|v| v.parse::<f64>().ok())
}

/// Twentieths of a point to CSS points.
fn pt(tw: f64) -> String {
    format!("{:.1}pt", tw / 20.0)
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// HTML pages for the .docx `bytes` (as `docx::build` returns them).
pub fn html(bytes: &[u8]) -> Result<String> {
    let xml = document_xml(bytes)?;
    crate::fsutil::check_xml_depth(&xml).map_err(Error::Invalid)?;
    let doc = Document::parse(&xml).map_err(|e| {
        log::warn!("preview xml: {e}");
        Error::Invalid("không đọc được văn bản để xem trước.".into())
    })?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| Error::Invalid("văn bản không có phần thân".into()))?;

    // Each section ends at a paragraph carrying its sectPr; the last one is the body's own.
    let mut pages: Vec<(String, Option<Node>)> = Vec::new();
    let mut current = String::new();
    for n in body.children().filter(|n| n.is_element()) {
        if is(&n, "p") {
            paragraph(&n, &mut current);
            if let Some(sect) = child(&n, "pPr").and_then(|p| child(&p, "sectPr")) {
                pages.push((std::mem::take(&mut current), Some(sect)));
            }
        } else if is(&n, "tbl") {
            table(&n, &mut current);
        } else if is(&n, "sectPr") {
            pages.push((std::mem::take(&mut current), Some(n)));
        }
    }
    if !current.is_empty() {
        pages.push((current, None));
    }

    let mut out = String::from("<div class=\"doc-preview\">");
    for (content, sect) in pages {
        let (width, margins) = sect.map(page_geometry).unwrap_or((11906.0, [1134.0; 4]));
        let _ = write!(
            out,
            "<section class=\"page\" style=\"width:{};padding:{} {} {} {}\">",
            pt(width),
            pt(margins[0]),
            pt(margins[1]),
            pt(margins[2]),
            pt(margins[3])
        );
        out.push_str(&content);
        out.push_str("</section>");
    }
    out.push_str("</div>");
    Ok(out)
}

fn document_xml(bytes: &[u8]) -> Result<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::Invalid(format!("tệp Word hỏng: {e}")))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|e| Error::Invalid(format!("tệp Word thiếu nội dung: {e}")))?;
    let mut xml = String::new();
    part.read_to_string(&mut xml)?;
    Ok(xml)
}

/// Page width and margins (top, right, bottom, left), in twips.
fn page_geometry(sect: Node) -> (f64, [f64; 4]) {
    let width = child(&sect, "pgSz")
        .and_then(|s| twips(&s, "w"))
        .unwrap_or(11906.0);
    let m = child(&sect, "pgMar");
    let get = |a: &str, d: f64| m.as_ref().and_then(|m| twips(m, a)).unwrap_or(d);
    (
        width,
        [
            get("top", 1134.0),
            get("right", 1134.0),
            get("bottom", 1134.0),
            get("left", 1701.0),
        ],
    )
}

fn paragraph_style(ppr: &Node) -> String {
    let mut css = String::new();
    if let Some(jc) = child(ppr, "jc").and_then(|j| val(&j, "val")) {
        let align = match jc {
            "center" => "center",
            "right" | "end" => "right",
            "both" | "distribute" => "justify",
            _ => "left",
        };
        let _ = write!(css, "text-align:{align};");
    }
    if let Some(ind) = child(ppr, "ind") {
        for (attr, prop) in [("left", "margin-left"), ("right", "margin-right")] {
            if let Some(v) = twips(&ind, attr) {
                let _ = write!(css, "{prop}:{};", pt(v));
            }
        }
        if let Some(v) = twips(&ind, "firstLine") {
            let _ = write!(css, "text-indent:{};", pt(v));
        }
        if let Some(v) = twips(&ind, "hanging") {
            let _ = write!(css, "text-indent:-{};", pt(v));
        }
    }
    if let Some(sp) = child(ppr, "spacing") {
        let _ = write!(
            css,
            "margin-top:{};margin-bottom:{};",
            pt(twips(&sp, "before").unwrap_or(0.0)),
            pt(twips(&sp, "after").unwrap_or(0.0))
        );
        if let Some(line) = twips(&sp, "line") {
            match val(&sp, "lineRule") {
                Some("exact") | Some("atLeast") => {
                    let _ = write!(css, "line-height:{};", pt(line));
                }
                _ => {
                    let _ = write!(css, "line-height:{:.2};", line / 240.0);
                }
            }
        }
    }
    if let Some(bdr) = child(ppr, "pBdr") {
        for side in ["top", "right", "bottom", "left"] {
            if child(&bdr, side).is_some_and(|b| val(&b, "val") != Some("nil")) {
                let _ = write!(css, "border-{side}:1px solid #000;");
            }
        }
        css.push_str("padding:0 4pt;");
    }
    css
}

fn run_style(rpr: &Node) -> String {
    let mut css = String::new();
    if child(rpr, "b").is_some_and(|b| val(&b, "val") != Some("false")) {
        css.push_str("font-weight:bold;");
    }
    if child(rpr, "i").is_some_and(|b| val(&b, "val") != Some("false")) {
        css.push_str("font-style:italic;");
    }
    if child(rpr, "u").is_some_and(|u| val(&u, "val") != Some("none")) {
        css.push_str("text-decoration:underline;");
    }
    if child(rpr, "caps").is_some() {
        css.push_str("text-transform:uppercase;");
    }
    if let Some(sz) = child(rpr, "sz").and_then(|s| twips(&s, "val")) {
        let _ = write!(css, "font-size:{:.1}pt;", sz / 2.0);
    }
    css
}

fn paragraph(p: &Node, out: &mut String) {
    let style = child(p, "pPr")
        .map(|ppr| paragraph_style(&ppr))
        .unwrap_or_default();
    let _ = write!(out, "<p style=\"{style}\">");
    let mut empty = true;
    for r in p.descendants().filter(|n| is(n, "r")) {
        let style = child(&r, "rPr")
            .map(|rpr| run_style(&rpr))
            .unwrap_or_default();
        let mut text = String::new();
        for c in r.children().filter(|c| c.is_element()) {
            if is(&c, "t") {
                escape(c.text().unwrap_or(""), &mut text);
            } else if is(&c, "br") {
                text.push_str("<br>");
            } else if is(&c, "tab") {
                text.push_str("&emsp;");
            }
        }
        if !text.is_empty() {
            empty = false;
            let _ = write!(out, "<span style=\"{style}\">{text}</span>");
        }
    }
    if empty {
        out.push_str("&nbsp;");
    }
    out.push_str("</p>");
}

fn table(tbl: &Node, out: &mut String) {
    let bordered = child(tbl, "tblPr")
        .and_then(|p| child(&p, "tblBorders"))
        .is_some_and(|b| b.children().any(|c| c.is_element()));
    let _ = write!(
        out,
        "<table class=\"{}\"><colgroup>",
        if bordered { "bordered" } else { "plain" }
    );
    if let Some(grid) = child(tbl, "tblGrid") {
        for col in grid.children().filter(|c| is(c, "gridCol")) {
            let _ = write!(
                out,
                "<col style=\"width:{}\">",
                pt(twips(&col, "w").unwrap_or(0.0))
            );
        }
    }
    out.push_str("</colgroup>");

    // Vertical merges: a "restart" cell spans down over the "continue" cells below it in
    // the same grid column.
    let rows: Vec<Vec<(usize, Node)>> = tbl
        .children()
        .filter(|r| is(r, "tr"))
        .map(|tr| {
            let mut col = 0;
            tr.children()
                .filter(|c| is(c, "tc"))
                .map(|tc| {
                    let at = col;
                    col += span_of(&tc);
                    (at, tc)
                })
                .collect()
        })
        .collect();
    for (ri, row) in rows.iter().enumerate() {
        let header = tbl
            .children()
            .filter(|r| is(r, "tr"))
            .nth(ri)
            .and_then(|tr| child(&tr, "trPr"))
            .is_some_and(|p| child(&p, "tblHeader").is_some());
        out.push_str("<tr>");
        for (col, tc) in row {
            let merge = vmerge(tc);
            if merge == Some(false) {
                continue;
            }
            let rowspan = if merge == Some(true) {
                rows_spanned(&rows[ri + 1..], *col)
            } else {
                1
            };
            let tag = if header { "th" } else { "td" };
            let _ = write!(out, "<{tag}");
            if span_of(tc) > 1 {
                let _ = write!(out, " colspan=\"{}\"", span_of(tc));
            }
            if rowspan > 1 {
                let _ = write!(out, " rowspan=\"{rowspan}\"");
            }
            out.push('>');
            for n in tc.children().filter(|n| n.is_element()) {
                if is(&n, "p") {
                    paragraph(&n, out);
                } else if is(&n, "tbl") {
                    table(&n, out);
                }
            }
            let _ = write!(out, "</{tag}>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// How many rows a vertical-merge "restart" cell in grid column `col` covers: itself and the
/// "continue" cells directly below it.
fn rows_spanned(below: &[Vec<(usize, Node)>], col: usize) -> usize {
    1 + below
        .iter()
        .take_while(|row| {
            row.iter()
                .find(|(c, _)| *c == col)
                .is_some_and(|(_, t)| vmerge(t) == Some(false))
        })
        .count()
}

fn span_of(tc: &Node) -> usize {
    child(tc, "tcPr")
        .and_then(|p| child(&p, "gridSpan"))
        .and_then(|g| val(&g, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// `Some(true)` starts a vertical merge, `Some(false)` continues one.
fn vmerge(tc: &Node) -> Option<bool> {
    let m = child(tc, "tcPr").and_then(|p| child(&p, "vMerge"))?;
    Some(val(&m, "val") == Some("restart"))
}
