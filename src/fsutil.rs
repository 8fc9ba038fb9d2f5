//! Files on this computer: writing so that a failure never leaves a half-written one (a
//! temporary file in the same folder, flushed, then renamed over the target), reading Office
//! files within limits, and where the app keeps its own files.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Whether a save may put a new file at `path`. Only an ordinary file is replaced: the rename
/// that makes a save atomic would put a document in place of a device (`/dev/full`), a pipe or
/// a socket, which an administrator's account is allowed to do; and a file marked read-only
/// was marked so on purpose (Windows refuses the rename; Linux would not).
fn replaceable(path: &Path) -> std::result::Result<(), String> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // nothing there yet
    };
    if meta.is_dir() {
        return Err("đó là một thư mục; hãy chọn tên tệp".into());
    }
    if !meta.is_file() {
        return Err(
            "đó không phải là một tệp thông thường (thiết bị, ống dẫn…); hãy chọn tên tệp khác"
                .into(),
        );
    }
    if meta.permissions().readonly() {
        return Err(
            "tệp đích chỉ cho phép đọc; hãy bỏ thuộc tính chỉ đọc hoặc lưu với tên khác".into(),
        );
    }
    Ok(())
}

/// The folder a save at `path` writes into, once it is known that the save may: the folder
/// exists and what is at `path` may be replaced. A command writing several files checks each
/// first, so that a bad second path does not leave the first written alone.
pub fn destination(path: &Path) -> Result<std::path::PathBuf> {
    let fail = |reason: String| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir().map_err(|e| fail(e.to_string()))?,
    };
    if !dir.is_dir() {
        return Err(fail("thư mục không tồn tại".into()));
    }
    replaceable(path).map_err(fail)?;
    Ok(dir)
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |reason: String| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    let dir = destination(path)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".dxplan-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            fail(format!(
                "không tạo được tệp tạm trong thư mục ({})",
                io_reason(&e)
            ))
        })?;
    tmp.write_all(bytes).map_err(|e| fail(io_reason(&e)))?;
    // Temporary files are private (0600); a saved document is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| fail(e.to_string()))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail(io_reason(&e)))?;
    // On failure the temporary file is deleted when `tmp` drops.
    tmp.persist(path).map_err(|e| {
        fail(match e.error.kind() {
            std::io::ErrorKind::PermissionDenied => "tệp đích đang được mở trong chương trình khác (Word, Excel…) hoặc chỉ cho phép đọc; hãy đóng tệp rồi thử lại".into(),
            _ => io_reason(&e.error),
        })
    })?;
    Ok(())
}

/// The two Office packages the app reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    Word,
    Excel,
}

impl Office {
    /// How the planner names such a file in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Office::Word => "văn bản Word",
            Office::Excel => "bảng tính Excel",
        }
    }
}

/// A plan or a workbook is far smaller; anything larger is refused before it is read.
pub const MAX_OFFICE_FILE: u64 = 40 * 1024 * 1024;
/// Refuse archives whose parts unpack to more than this (zip bombs).
pub const MAX_UNPACKED: u64 = 100 * 1024 * 1024;

/// Reads an .docx/.xlsx after checking, cheaply and before any parsing, that it is one:
/// not empty, not too large, not an old or password-protected Office file, a zip holding
/// the expected part, not unpacking to an absurd size. The message says what it is instead.
pub fn read_office(path: &Path, kind: Office) -> std::result::Result<Vec<u8>, String> {
    use std::io::Read;
    let io = |e: std::io::Error| io_reason(&e);
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() == 0 {
        return Err("tệp rỗng".into());
    }
    if meta.len() > MAX_OFFICE_FILE {
        return Err(format!(
            "tệp quá lớn ({} MB) so với một văn bản kế hoạch",
            meta.len() / 1024 / 1024
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_OFFICE_FILE)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err("tệp được đặt mật khẩu hoặc là định dạng Office cũ (.doc/.xls); hãy bỏ mật khẩu hoặc lưu lại dưới dạng .docx/.xlsx".into());
    }
    let expected = match kind {
        Office::Word => "Word .docx",
        Office::Excel => "Excel .xlsx",
    };
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(format!(
            "không phải tệp {expected} (có thể là tệp khác bị đổi đuôi)"
        ));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes))
        .map_err(|_| "tệp nén bị hỏng, không đọc được".to_string())?;
    let (mut unpacked, mut word, mut excel) = (0u64, false, false);
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|_| "tệp nén bị hỏng, không đọc được".to_string())?;
        unpacked = unpacked.saturating_add(f.size());
        word |= f.name() == "word/document.xml";
        excel |= f.name() == "xl/workbook.xml";
    }
    match kind {
        Office::Word if excel => {
            return Err("đây là tệp Excel (.xlsx) bị đổi đuôi thành .docx".into())
        }
        Office::Excel if word => {
            return Err("đây là tệp Word (.docx) bị đổi đuôi thành .xlsx".into())
        }
        Office::Word if !word => return Err("tệp nén không chứa văn bản Word".into()),
        Office::Excel if !excel => return Err("tệp nén không chứa bảng tính Excel".into()),
        _ => {}
    }
    if unpacked > MAX_UNPACKED {
        return Err("tệp giải nén quá lớn (nghi là tệp nén độc hại), không đọc".into());
    }
    if kind == Office::Excel {
        check_sheets(&mut zip)?;
    }
    Ok(bytes)
}

/// Excel's own limits: cell addresses beyond them are not a real workbook.
const MAX_ROW: u64 = 1_048_576;
const MAX_COL: u64 = 16_384;

/// The worksheets checked before calamine reads them: nesting depth, and every cell address
/// (`r="B12"`, `ref="A1:K80"`) within Excel's limits. calamine (0.38) computes an address in
/// a u32 without a check — "A99999999999" overflows: a panic in debug builds, in release a
/// wrapped row that sizes a range of billions of cells. Found by the fuzz harness.
fn check_sheets<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> std::result::Result<(), String> {
    use std::io::Read;
    let names: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .map(str::to_string)
        .collect();
    for name in names {
        let mut xml = String::new();
        zip.by_name(&name)
            .map_err(|_| "tệp nén bị hỏng, không đọc được".to_string())?
            .take(MAX_UNPACKED)
            .read_to_string(&mut xml)
            .map_err(|_| "bảng tính có dữ liệu không đọc được (không phải UTF-8)".to_string())?;
        check_xml_depth(&xml)?;
        for attr in [" r=\"", " ref=\"", " sqref=\""] {
            for value in xml.split(attr).skip(1).filter_map(|v| v.split('"').next()) {
                for cell in value.split([':', ' ']).filter(|c| !c.is_empty()) {
                    if !cell_in_range(cell) {
                        return Err(format!(
                            "bảng tính có địa chỉ ô không hợp lệ «{}»",
                            cell.chars().take(20).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// "B12", "$B$12", "B" or "12" (whole columns and rows in ranges), within Excel's limits.
fn cell_in_range(cell: &str) -> bool {
    let cell = cell.replace('$', "");
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let digits = &cell[letters.len()..];
    if !digits.chars().all(|c| c.is_ascii_digit()) || (letters.is_empty() && digits.is_empty()) {
        return false;
    }
    let col = letters.bytes().try_fold(0u64, |n, c| {
        let v = n * 26 + u64::from(c.to_ascii_uppercase() - b'A') + 1;
        (v <= MAX_COL).then_some(v)
    });
    let row_ok =
        digits.is_empty() || digits.len() <= 7 && digits.parse::<u64>().is_ok_and(|r| r <= MAX_ROW);
    col.is_some() && row_ok
}

/// A file error as the planner reads it.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "không tìm thấy tệp".into(),
        K::PermissionDenied => {
            "không có quyền truy cập (tệp có thể đang mở trong chương trình khác)".into()
        }
        K::IsADirectory => "đây là một thư mục, không phải tệp".into(),
        K::NotADirectory => "một phần của đường dẫn không phải thư mục".into(),
        K::AlreadyExists => "tệp đã có".into(),
        K::StorageFull => "ổ đĩa đã đầy".into(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc".into(),
        K::InvalidFilename => "tên tệp hoặc đường dẫn không hợp lệ (có thể quá dài)".into(),
        K::FileTooLarge => "tệp quá lớn".into(),
        K::InvalidData => "dữ liệu trong tệp không đọc được".into(),
        K::UnexpectedEof => "tệp bị cắt cụt".into(),
        K::Interrupted | K::TimedOut | K::WouldBlock => "thao tác bị gián đoạn; hãy thử lại".into(),
        // The system's own text is English: it goes to the log, the planner reads this.
        _ => {
            log::warn!("io: {e:?}");
            match e.raw_os_error() {
                Some(code) => format!("lỗi hệ thống khi đọc/ghi tệp (mã {code})"),
                None => "lỗi hệ thống khi đọc/ghi tệp".into(),
            }
        }
    }
}

/// A JSON reading error in the planner's words, with where it is; serde's English text goes
/// to the log.
pub fn json_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    log::warn!("json: {e}");
    let text = e.to_string();
    // serde names the field or value between backticks: "missing field `title`".
    let named = text.split('`').nth(1).unwrap_or_default();
    let what = match e.classify() {
        Category::Eof => return "tệp bị cắt cụt (thiếu phần cuối)".into(),
        Category::Io => "không đọc được tệp".to_string(),
        Category::Syntax => "sai cú pháp JSON".to_string(),
        Category::Data if text.starts_with("missing field") => format!("thiếu trường «{named}»"),
        Category::Data if text.starts_with("unknown field") => format!("có trường lạ «{named}»"),
        Category::Data if text.starts_with("unknown variant") => {
            format!("giá trị «{named}» không thuộc danh sách cho phép")
        }
        Category::Data if text.starts_with("invalid type") => "một giá trị sai kiểu dữ liệu".into(),
        Category::Data => "một giá trị không hợp lệ".into(),
    };
    if e.line() > 0 {
        format!("{what} (dòng {}, cột {})", e.line(), e.column())
    } else {
        what
    }
}

/// How deep elements of an Office part may nest. Word's own documents stay under about 30
/// (tables in tables); the XML parsers and the walks over their trees recurse, and a file
/// nested 20,000 deep overflowed the stack and aborted the program.
pub const MAX_XML_DEPTH: usize = 256;

/// Refuses XML whose elements nest deeper than `MAX_XML_DEPTH`, before any parser sees it.
/// A plain scan of the tags: comments, processing instructions and CDATA are skipped, and a
/// ">" inside a quoted attribute value does not end its tag.
pub fn check_xml_depth(xml: &str) -> std::result::Result<(), String> {
    let b = xml.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let rest = &b[i..];
        let skip_to = |end: &[u8]| {
            rest.windows(end.len())
                .position(|w| w == end)
                .map(|p| p + end.len())
        };
        if rest.starts_with(b"!--") {
            i += skip_to(b"-->").unwrap_or(rest.len());
        } else if rest.starts_with(b"![CDATA[") {
            i += skip_to(b"]]>").unwrap_or(rest.len());
        } else if rest.starts_with(b"?") || rest.starts_with(b"!") {
            i += skip_to(b">").unwrap_or(rest.len());
        } else if rest.starts_with(b"/") {
            depth = depth.saturating_sub(1);
        } else {
            // An opening tag: find its end, outside quotes, to see whether it closes itself.
            let mut quote = None;
            let mut end = rest.len();
            for (k, &c) in rest.iter().enumerate() {
                match (quote, c) {
                    (None, b'"' | b'\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => {
                        end = k;
                        break;
                    }
                    _ => {}
                }
            }
            if end == 0 || rest[end - 1] != b'/' {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(format!(
                        "nội dung lồng nhau quá sâu (hơn {MAX_XML_DEPTH} cấp), không phải một tệp Word hay Excel bình thường"
                    ));
                }
            }
            i += end;
        }
    }
    Ok(())
}

#[cfg(test)]
mod xml_depth_tests {
    use super::*;

    #[test]
    fn cell_addresses_within_excels_limits() {
        for ok in ["A1", "$B$12", "XFD1048576", "A", "12", "k80"] {
            assert!(cell_in_range(ok), "{ok}");
        }
        for bad in [
            "A99999999999",
            "XFE1",
            "A1048577",
            "1A",
            "",
            "A-1",
            "ZZZZZZZZZZZZ1",
        ] {
            assert!(!cell_in_range(bad), "{bad}");
        }
    }

    #[test]
    fn depth_is_counted_by_tags_not_by_text() {
        let ok =
            r#"<?xml version="1.0"?><a><!-- <b><b> --><b x="1>2"/><c><![CDATA[<d><d>]]></c></a>"#;
        assert!(check_xml_depth(ok).is_ok());
        let deep = "<a>".repeat(MAX_XML_DEPTH + 1) + &"</a>".repeat(MAX_XML_DEPTH + 1);
        assert!(check_xml_depth(&deep).unwrap_err().contains("quá sâu"));
        let wide = "<a><b/></a>".repeat(10_000);
        assert!(check_xml_depth(&wide).is_ok());
    }
}

/// What the store is given: a database file, or a PostgreSQL server's address.
pub fn is_server(db: &Path) -> bool {
    let s = db.to_string_lossy();
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// `<app data>/dxplan.sqlite`: the database of this computer's user.
pub fn own_database() -> PathBuf {
    directories::ProjectDirs::from("vn", "dxplan", "dxplan")
        .map(|d| d.data_dir().join("dxplan.sqlite"))
        .unwrap_or_else(|| PathBuf::from("dxplan.sqlite"))
}

/// The folder for what stays on this computer — the log, imported catalogues — beside
/// the database file, or, for a server, in the app's own data folder.
pub fn local_dir(db: &Path) -> PathBuf {
    let file = if is_server(db) {
        own_database()
    } else {
        db.to_path_buf()
    };
    file.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// The folder of catalogues the planner imported, beside the database (given to
/// `Catalogues::load`; the catalogues never look it up themselves).
pub fn catalogue_dir(db: &Path) -> PathBuf {
    local_dir(db).join("danh-muc")
}

/// A file as a message names it: its name, or the whole path when it has none.
pub fn file_name_shown(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
