//! The one place that works around docx-rs's gaps, on the finished package:
//! - it cannot write `w:tblHeader` (repeat a header row on every page): header rows carry a
//!   marker bookmark, turned here into `<w:tblHeader/>` and removed;
//! - it stores parts uncompressed: every part is re-zipped with deflate;
//! - it stamps every paragraph with a random `w14:paraId` (optional in OOXML), which deflate
//!   cannot compress and which makes two exports of the same plan differ: removed;
//! - its element tree is slow for tables of thousands of rows: their body rows are written
//!   directly (`rows`) and spliced here in place of their marker rows.

use std::io::{Read, Write};

use crate::{Error, Result};

pub const REPEAT_MARK: &str = "dxplan_repeat_header";
pub const REPEAT_MARK_ID: usize = 990_001;
/// Marks the row replaced with a table's body rows (`rows`); its bookmark's id is
/// `ROWS_MARK_ID` plus the table's index in the document.
pub const ROWS_MARK: &str = "dxplan_rows";
pub const ROWS_MARK_ID: usize = 991_000;

/// The finished package; `rows` are the tables' body rows, by marker id (`ROWS_MARK_ID`
/// onwards).
pub fn finish(docx: Vec<u8>, rows: &[String]) -> Result<Vec<u8>> {
    let fail = |e: String| Error::Invalid(format!("không hoàn thiện được tệp Word: {e}"));
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(|e| fail(e.to_string()))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| fail(e.to_string()))?;
        let name = entry.name().to_string();
        if entry.is_dir() {
            out.add_directory(name, options)
                .map_err(|e| fail(e.to_string()))?;
            continue;
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.to_string()))?;
        if name == "word/document.xml" || name.starts_with("word/header") {
            let xml = String::from_utf8(bytes).map_err(|e| fail(e.to_string()))?;
            bytes = strip_para_ids(&repeat_header_rows(&xml, rows)).into_bytes();
        }
        out.start_file(name, options)
            .map_err(|e| fail(e.to_string()))?;
        out.write_all(&bytes).map_err(|e| fail(e.to_string()))?;
    }
    Ok(out.finish().map_err(|e| fail(e.to_string()))?.into_inner())
}

/// Adds `<w:tblHeader/>` to every table row holding the marker, and removes the marker;
/// puts each table's body rows in place of its marker row.
fn repeat_header_rows(xml: &str, body_rows: &[String]) -> String {
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    while let Some(start) = rest.find("<w:tr>").or_else(|| rest.find("<w:tr ")) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after
            .find("</w:tr>")
            .map_or(after.len(), |e| e + "</w:tr>".len());
        let row = &after[..end];
        if let Some(body) = marked_rows(row, body_rows) {
            out.push_str(body);
        } else if row.contains(REPEAT_MARK) {
            let row = strip_marker(row);
            out.push_str(&add_tbl_header(&row));
        } else {
            out.push_str(row);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The body rows a marker row stands for, when `row` is one.
fn marked_rows<'r>(row: &str, body_rows: &'r [String]) -> Option<&'r String> {
    if !row.contains(ROWS_MARK) {
        return None;
    }
    let at = row.find("w:id=\"")? + "w:id=\"".len();
    let id: usize = row[at..].split('"').next()?.parse().ok()?;
    body_rows.get(id.checked_sub(ROWS_MARK_ID)?)
}

fn strip_para_ids(xml: &str) -> String {
    const ATTR: &str = " w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(ATTR) {
        out.push_str(&rest[..i]);
        let after = &rest[i + ATTR.len()..];
        rest = after.find('"').map_or("", |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out
}

fn add_tbl_header(row: &str) -> String {
    if let Some(i) = row.find("<w:trPr>") {
        let at = i + "<w:trPr>".len();
        format!("{}<w:tblHeader />{}", &row[..at], &row[at..])
    } else {
        let open_end = row.find('>').map_or(0, |i| i + 1);
        format!(
            "{}<w:trPr><w:tblHeader /></w:trPr>{}",
            &row[..open_end],
            &row[open_end..]
        )
    }
}

fn strip_marker(row: &str) -> String {
    let id = format!("w:id=\"{REPEAT_MARK_ID}\"");
    let mut s = row.to_string();
    for tag in ["<w:bookmarkStart", "<w:bookmarkEnd"] {
        while let Some(i) = s
            .find(tag)
            .filter(|&i| s[i..].split('>').next().is_some_and(|t| t.contains(&id)))
        {
            let j = i + s[i..].find('>').unwrap() + 1;
            s.replace_range(i..j, "");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn para_ids_are_removed() {
        assert_eq!(
            strip_para_ids("<w:p w14:paraId=\"1a2b3c4d\"><w:r/></w:p><w:p>"),
            "<w:p><w:r/></w:p><w:p>"
        );
    }

    #[test]
    fn marked_rows_get_tbl_header_and_lose_the_marker() {
        let xml = format!(
            "<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc><w:p><w:bookmarkStart w:id=\"{REPEAT_MARK_ID}\" w:name=\"{REPEAT_MARK}\" /><w:bookmarkEnd w:id=\"{REPEAT_MARK_ID}\" /><w:r><w:t>TT</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc /></w:tr></w:tbl>"
        );
        let out = repeat_header_rows(&xml, &[]);
        assert_eq!(out.matches("<w:tblHeader />").count(), 1);
        assert!(!out.contains(REPEAT_MARK) && !out.contains("bookmark"));
        assert!(out.contains("<w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>"));
        assert!(out.ends_with("<w:tr><w:tc /></w:tr></w:tbl>"));
    }
}
