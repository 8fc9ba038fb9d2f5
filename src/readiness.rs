//! The check before a plan is issued ("Sẵn sàng ban hành"): the plan's own rules
//! (`validation::validate`), the final check of its fields (`validation::readiness`), and the
//! documents as they will be exported — the Kế hoạch, the Quyết định with its appendix and
//! the workbook — read back and scanned, so a wording that no field holds (a generated
//! heading, a column title) is found too. Final exports from the window and the CLI pass
//! through `ensure_issuable`; nothing is written when it refuses.

use std::collections::HashSet;
use std::io::Cursor;

use crate::catalogue::Catalogues;
use crate::docx::{DocChoice, Options};
use crate::model::Plan;
use crate::text::fold;
use crate::validation::wording::{Kind, Scanner};
use crate::validation::{self, at, Finding, Section, Severity};
use crate::{Error, Result};

/// A document's printed text, paragraph by paragraph (a table row is one paragraph).
struct Printed {
    name: &'static str,
    paragraphs: Vec<String>,
}

fn docx_text(name: &'static str, bytes: &[u8]) -> Result<Printed> {
    use crate::import::package::{read_blocks, texts, Block};
    let blocks = read_blocks(bytes).map_err(Error::Invalid)?;
    let paragraphs = blocks
        .into_iter()
        .flat_map(|b| match b {
            Block::P { text, .. } => vec![text],
            Block::T { rows, .. } => rows.iter().map(|r| texts(r, false).join(" | ")).collect(),
        })
        .collect();
    Ok(Printed { name, paragraphs })
}

fn xlsx_text(name: &'static str, bytes: Vec<u8>) -> Result<Printed> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| Error::Invalid(format!("không đọc lại được bảng tính vừa tạo ({e}).")))?;
    let mut paragraphs = Vec::new();
    for sheet in book.sheet_names() {
        if let Ok(range) = book.worksheet_range(&sheet) {
            for row in range.rows() {
                let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
                paragraphs.push(cells.join(" | "));
            }
        }
    }
    Ok(Printed { name, paragraphs })
}

/// The documents a final plan is issued as, built as drafts (the check must not need the
/// check) and read back.
fn printed(plan: &Plan) -> Result<Vec<Printed>> {
    let build = |doc| {
        crate::docx::build(
            plan,
            &Options {
                doc,
                draft: true,
                ..Options::default()
            },
        )
    };
    let mut out = vec![docx_text("Kế hoạch", &build(DocChoice::KeHoach)?)?];
    if plan.identity.decision.is_some() {
        out.push(docx_text("Quyết định", &build(DocChoice::QuyetDinh)?)?);
    }
    out.push(xlsx_text("Bảng tính phụ lục", crate::xlsx::build(plan)?)?);
    Ok(out)
}

/// The sentences of the plan's fields where the scanner finds something, folded: a printed
/// paragraph holding one of them is the field's finding (with its jump), not a second one.
fn field_sentences(plan: &Plan, scanner: &Scanner) -> Vec<String> {
    crate::plantext::texts(plan)
        .iter()
        .flat_map(|t| {
            scanner
                .scan(t.text, false)
                .into_iter()
                .map(|h| fold(crate::plantext::sentence_at(t.text, h.start)))
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every finding that stands between the plan and its issue: errors first.
pub fn check(plan: &Plan) -> Result<Vec<Finding>> {
    // The plan's rules, then the fields (each with its jump), then what only the documents say.
    let mut findings: Vec<Finding> = validation::validate(plan)
        .into_iter()
        .map(validation::as_issued)
        .collect();
    findings.extend(validation::readiness(plan));
    let scanner = Scanner::new(plan, Catalogues::builtin());
    let from_fields = field_sentences(plan, &scanner);
    let mut seen = HashSet::new();
    // A paragraph repeated down a table (32 indicators "chưa đánh giá") is said five times,
    // then counted: the field findings already name each place.
    let mut per_rule: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for doc in printed(plan)? {
        for p in &doc.paragraphs {
            let whole = fold(p);
            // Platform names are fields' text; the field findings say each with its jump.
            for h in scanner
                .scan(p, false)
                .into_iter()
                .filter(|h| h.kind != Kind::OldPlatform)
            {
                let sentence = fold(crate::plantext::sentence_at(p, h.start));
                let covered = from_fields
                    .iter()
                    .any(|f| whole.contains(f.as_str()) || f.contains(&sentence));
                let quoted = validation::quote(p, &h);
                let key = validation::intended_key(h.kind.code(), doc.name, &quoted);
                if covered || plan.intended.contains(&key) || !seen.insert(key.clone()) {
                    continue;
                }
                let n = per_rule.entry((doc.name, h.kind.code())).or_default();
                *n += 1;
                if *n > 5 {
                    continue;
                }
                findings.push(Finding {
                    severity: Severity::Error,
                    code: h.kind.code(),
                    location: at(Section::Identity, format!("Văn bản in ra: {}", doc.name)),
                    message: format!("{} in ra: {}: {}.", doc.name, quoted, h.why),
                    key: Some(key),
                });
            }
        }
    }
    for ((doc, code), n) in per_rule.into_iter().filter(|(_, n)| *n > 5) {
        findings.push(Finding {
            severity: Severity::Error,
            code,
            location: at(Section::Identity, format!("Văn bản in ra: {doc}")),
            message: format!("{doc} in ra: còn {} chỗ khác cùng loại.", n - 5),
            key: None,
        });
    }
    findings.sort_by_key(|x| x.severity);
    Ok(findings)
}

/// Refuses a final results report without its number: "Số: /BC-UBND" left blank is a
/// draft's. (A draft report is exported without one.)
pub fn ensure_report_numbered(plan: &Plan) -> Result<()> {
    match plan.identity.report_number.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => Ok(()),
        _ => Err(Error::NotIssuable(
            "Báo cáo kết quả chính thức cần có số báo cáo: nhập «Số báo cáo» ở màn hình Theo dõi (hoặc xuất bản dự thảo).".into(),
        )),
    }
}

/// Refuses a final export while the check finds an error, naming each (the first 30).
pub fn ensure_issuable(plan: &Plan) -> Result<()> {
    let errors: Vec<Finding> = check(plan)?
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let mut lines: Vec<String> = errors
        .iter()
        .take(30)
        .map(|f| format!("- [{}] {}", f.location.label, f.message))
        .collect();
    if errors.len() > 30 {
        lines.push(format!("- … và {} lỗi khác.", errors.len() - 30));
    }
    Err(Error::NotIssuable(format!(
        "Kế hoạch chưa thể ban hành: còn {} lỗi (xem mục «Sẵn sàng ban hành»; xuất bản dự thảo vẫn được).\n{}",
        errors.len(),
        lines.join("\n")
    )))
}
