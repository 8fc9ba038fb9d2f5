//! Step 2 of the import: recognising the parts of the plan in the blocks — the identity
//! block, the opening, Phần I (last year's assessment) and Phần II by their headings, the
//! task and indicator tables, the signature, the appendices — without yet mapping them to
//! the plan. Headings and the text our documents regenerate are placed here; the text under
//! the headings is placed when it is mapped.

use chrono::NaiveDate;

use crate::model::{Plan, PlanStatus, TaskGroup};
use crate::outline::Content;
use crate::text::fold;

use super::package::{texts, Block};
use super::prose::{classify, is_reference_sentence, numbered_heading, roman_heading};
use super::tables::{is_indicator_table, read_task_table, task_header, TaskColumns};
use super::Reading;

/// A paragraph (or a line of one) and the paragraph number it came from (0: a table cell).
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub n: usize,
    pub text: String,
}

/// The lines read under one heading of the body: a section, and the numbered item in it.
#[derive(Debug)]
pub(super) struct Bucket {
    pub section: Option<Content>,
    /// The heading of the section as written ("III. TỒN TẠI, HẠN CHẾ").
    pub heading: String,
    pub title: Option<Line>,
    pub lines: Vec<Line>,
}

#[derive(Debug, Default)]
pub(super) struct Parts {
    pub opening: Vec<Line>,
    pub buckets: Vec<Bucket>,
    pub closing: Option<Line>,
    /// "Quyết định số …" entries of the appendix listing last year's documents.
    pub documents: Vec<Line>,
    pub groups: Vec<TaskGroup>,
    pub tasks_from_tables: usize,
    pub indicator_tables: Vec<Vec<Vec<String>>>,
    pub signature_tables: Vec<Vec<Vec<String>>>,
}

fn is_capitals(t: &str) -> bool {
    t.chars().any(|c| c.is_alphabetic())
        && t.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| !c.is_lowercase())
}

/// Words that mark a heading as last year's assessment when the document has no "Phần I".
fn is_assessment_heading(folded: &str) -> bool {
    [
        "ket qua",
        "danh gia",
        "tinh hinh thuc hien",
        "ton tai",
        "han che",
        "nguyen nhan",
        "bai hoc",
    ]
    .iter()
    .any(|w| folded.contains(w))
}

/// Lines of the source that the document format writes by itself.
fn is_boilerplate(t: &str) -> bool {
    let f = fold(t);
    f.starts_with("cong hoa xa hoi chu nghia viet nam")
        || f.starts_with("doc lap tu do hanh phuc")
        // A draft's mark: the export writes it again when the draft is.
        || f == "du thao"
        || t.chars().all(|c| "_-–— ".contains(c))
}

/// The identity block: title, province and year, number, date, issuing body. The paragraphs
/// it used are placed. `Err` is a Vietnamese reason.
pub(super) fn identity(blocks: &[Block], r: &mut Reading) -> Result<(Plan, usize), String> {
    let mut all_lines: Vec<(usize, String)> = Vec::new();
    for b in blocks {
        match b {
            Block::P { n, text } => all_lines.extend(text.lines().map(|l| (*n, l.to_string()))),
            Block::T { rows, .. } => all_lines.extend(
                rows.iter()
                    .flat_map(|row| texts(row, false))
                    .flat_map(|c| c.lines().map(|l| (0, l.to_string())).collect::<Vec<_>>()),
            ),
        }
    }
    // "KẾ HOẠCH" on its line and the title on the next, or both in one paragraph ("KẾ HOẠCH
    // Chuyển đổi số tỉnh … năm 2023"), as some offices type it.
    let one_line = |l: &str| {
        l.trim_start()
            .strip_prefix("KẾ HOẠCH ")
            .map(str::trim)
            .filter(|rest| !rest.is_empty() && !rest.starts_with(|c: char| c.is_lowercase()))
            .map(str::to_string)
    };
    let kh = all_lines
        .iter()
        .position(|(_, l)| fold(l) == "ke hoach" || one_line(l).is_some())
        .ok_or("không tìm thấy tiêu đề «KẾ HOẠCH» với trích yếu (tên tỉnh, năm) dưới nó: tệp không giống một kế hoạch. Nếu tệp chỉ có bảng nhiệm vụ, hãy chép bảng sang Excel và nhập phụ lục Excel (ghi tỉnh và năm)")?;
    let (title_n, title) = match one_line(&all_lines[kh].1) {
        Some(rest) => (all_lines[kh].0, rest),
        None => all_lines[kh + 1..]
            .iter()
            .find(|(_, l)| !l.trim().is_empty())
            .cloned()
            .unwrap_or_default(),
    };
    let year = title
        .split_whitespace()
        .filter_map(|w| w.parse::<i32>().ok())
        .rfind(|y| (2000..=2100).contains(y));
    let province = province_of(&title, &all_lines[..kh]);
    let (Some(year), Some(province)) = (year, province.map(|p| name_case(&p))) else {
        return Err(format!("không đọc được tỉnh và năm từ trích yếu «{title}»"));
    };
    let mut used = vec![all_lines[kh].0, title_n];
    let mut plan = Plan::blank(&province, year);
    plan.identity.title = title.clone();
    number_and_date(&all_lines, &mut plan, &mut used);
    let header: Vec<&(usize, String)> = all_lines[..kh]
        .iter()
        .take_while(|(_, l)| {
            !l.trim_start().starts_with("CỘNG HÒA") && !l.trim_start().starts_with("Số:")
        })
        .filter(|(_, l)| !l.trim().is_empty() && is_capitals(l))
        .collect();
    used.extend(header.iter().map(|(n, _)| *n));
    if !header.is_empty() {
        plan.identity.header_lines = header.iter().map(|(_, l)| l.clone()).collect();
    }
    plan.identity.status = if plan.identity.number.is_some() && plan.identity.issue_date.is_some() {
        PlanStatus::Final
    } else {
        PlanStatus::Draft
    };
    for (n, l) in &all_lines[..kh] {
        if is_boilerplate(l) {
            used.push(*n);
        }
    }
    for n in used {
        r.ledger.place(n);
    }
    Ok((plan, title_n))
}

/// The province of a title ("Chuyển đổi số tỉnh Quảng Ngãi năm 2023": the words between
/// "tỉnh" and "năm"), or, for a title without it, of the issuer's line above.
fn province_of(title: &str, before_title: &[(usize, String)]) -> Option<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let province = folded.iter().position(|w| w == "tinh").map(|start| {
        let end = folded
            .iter()
            .rposition(|w| w == "nam")
            .filter(|e| *e > start)
            .unwrap_or(words.len());
        words[start + 1..end].join(" ")
    });
    // A title without the province ("Chuyển đổi số năm 2026"): the issuer's line above it
    // ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", or "TỈNH ĐẮK LẮK" on a line of its own).
    province.filter(|p| !p.is_empty()).or_else(|| {
        before_title.iter().find_map(|(_, l)| {
            let f = fold(l);
            let words: Vec<&str> = l.split_whitespace().collect();
            let skip = ["uy ban nhan dan tinh ", "ubnd tinh ", "tinh "]
                .iter()
                .find(|p| f.starts_with(*p))?
                .split_whitespace()
                .count();
            Some(words.get(skip..)?.join(" ")).filter(|p| !p.is_empty())
        })
    })
}

/// "Số: 189/KH-UBND" and "Quảng Ngãi, ngày 09 tháng 12 năm 2022": number, symbol, place and
/// date; the lines they came from are `used`.
fn number_and_date(all_lines: &[(usize, String)], plan: &mut Plan, used: &mut Vec<usize>) {
    if let Some((n, v)) = all_lines
        .iter()
        .find_map(|(n, l)| Some((n, l.trim_start().strip_prefix("Số:")?)))
    {
        used.push(*n);
        let v = v.trim();
        if let Some((number, sym)) = v.split_once('/') {
            let number = number.trim();
            plan.identity.number = (!number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit()))
            .then(|| number.to_string());
            plan.identity.symbol = sym.trim().to_string();
        }
    }
    if let Some((n, l)) = all_lines.iter().find(|(_, l)| {
        fold(l).contains(" ngay ") && fold(l).contains(" thang ") && l.contains(", ngày")
    }) {
        used.push(*n);
        let (place, rest) = l.split_once(", ngày").unwrap();
        plan.identity.place = place.trim().to_string();
        let nums: Vec<u32> = rest
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        if let [d, m, y] = nums[..] {
            plan.identity.issue_date = NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
}

/// The tables before the title: the header block is the identity; anything else is listed.
pub(super) fn front_tables(blocks: &[Block], r: &mut Reading) {
    for b in blocks {
        match b {
            Block::P { .. } => {}
            Block::T { n, rows } => {
                let cells: Vec<String> = rows.iter().flat_map(|row| texts(row, false)).collect();
                let identity = cells
                    .iter()
                    .any(|c| c.starts_with("CỘNG HÒA") || c.starts_with("Số:") || is_capitals(c));
                let first = cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>();
                r.ledger.table(*n, &first.join(" | "), identity);
            }
        }
    }
}

/// Where the walk through the body is.
#[derive(Default)]
struct Walk {
    /// 0 before any part, 1 in Phần I (the assessment), 2 in Phần II.
    part: u8,
    /// "Phần I" was written: everything up to "Phần II" is the assessment.
    explicit_part: bool,
    /// The capitals title of the part ("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2022").
    part_title: String,
    section: Option<Content>,
    heading: String,
    title: Option<Line>,
    buffer: Vec<Line>,
    seen_section: bool,
    in_appendix: Option<String>,
    appendix_lines: Vec<String>,
    /// The appendix's entries have begun (its title is over).
    appendix_started: bool,
    last_task_table: Option<TaskColumns>,
    /// "Nơi nhận" and the signature written as paragraphs, not in their usual table: the
    /// recipients' lines and the signer's, read as that table's two cells when they end.
    signature: Option<(Vec<String>, Vec<String>)>,
}

impl Walk {
    /// The paragraphs of a signature block, as the table offices usually put them in.
    fn end_signature(&mut self, parts: &mut Parts) {
        if let Some((notice, signer)) = self.signature.take() {
            parts
                .signature_tables
                .push(vec![vec![notice.join("\n"), signer.join("\n")]]);
        }
    }

    /// A paragraph taken into the signature block being read; `false` ends the block: after
    /// the signer's name, at an appendix's heading, at a paragraph that is neither.
    fn signature_line(&mut self, t: &str) -> bool {
        let Some((notice, signer)) = self.signature.as_mut() else {
            return false;
        };
        let name_read = signer
            .last()
            .is_some_and(|l| l.chars().any(|c| c.is_lowercase()));
        if name_read || is_appendix_heading(t) {
            return false;
        }
        let lower = t.chars().any(|c| c.is_lowercase());
        let signing = t.starts_with("TM.") || t.starts_with("KT.") || !lower;
        if signer.is_empty()
            && (t.starts_with(['-', '+', '•']) || !signing)
            && t.chars().count() < 200
        {
            notice.push(t.to_string());
        } else if signing || (!signer.is_empty() && lower && t.chars().count() < 60) {
            signer.push(t.to_string());
        } else {
            return false;
        }
        true
    }

    fn flush(&mut self, parts: &mut Parts) {
        if !self.buffer.is_empty() || self.title.is_some() {
            parts.buckets.push(Bucket {
                section: self.section,
                heading: self.heading.clone(),
                title: self.title.take(),
                lines: std::mem::take(&mut self.buffer),
            });
        }
    }

    /// Text in Phần I before any heading: the assessment's opening words.
    fn open_assessment(&mut self) {
        self.section = Some(Content::AssessmentAreas);
        self.heading = if self.part_title.is_empty() {
            "Đánh giá chung".into()
        } else {
            self.part_title.clone()
        };
        self.seen_section = true;
    }
}

/// The body after the title: sections, tables, the signature and the appendices.
pub(super) fn body(blocks: &[Block], r: &mut Reading) -> Parts {
    let mut parts = Parts::default();
    let mut w = Walk::default();
    for block in blocks {
        match block {
            Block::T { n, rows } => {
                w.end_signature(&mut parts);
                w.appendix_started = true;
                table(*n, rows, &mut w, &mut parts, r)
            }
            Block::P { n, text } => {
                let under = match (&w.in_appendix, &w.title) {
                    (Some(a), _) => a.clone(),
                    (None, Some(t)) => format!("{} › {}", w.heading, t.text),
                    (None, None) => w.heading.clone(),
                };
                r.ledger.paragraph(*n, text, &under);
                paragraph(*n, text, &mut w, &mut parts, r);
            }
        }
    }
    w.end_signature(&mut parts);
    w.flush(&mut parts);
    parts
}

fn table(n: usize, rows: &[super::package::Row], w: &mut Walk, parts: &mut Parts, r: &mut Reading) {
    let plain: Vec<Vec<String>> = rows.iter().map(|row| texts(row, false)).collect();
    let first_row = plain
        .iter()
        .find(|row| row.iter().any(|c| !c.is_empty()))
        .map(|row| {
            row.iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_default();
    let (columns, skip_header) = match task_header(rows) {
        Some(c) => (Some(c), true),
        None => (
            w.last_task_table.clone().filter(|c| c.continued_by(rows)),
            false,
        ),
    };
    let placed = if let Some(columns) = columns {
        let read = read_task_table(
            rows,
            &columns,
            skip_header,
            &mut parts.groups,
            &mut r.dir,
            &mut r.flags,
        );
        parts.tasks_from_tables += read.tasks;
        for row in &read.skipped {
            r.ledger.row_not_read(n, row);
        }
        w.last_task_table = Some(columns);
        true
    } else if is_indicator_table(&plain) {
        parts.indicator_tables.push(plain.clone());
        true
    } else if plain.iter().flatten().any(|c| c.starts_with("Nơi nhận")) {
        parts.signature_tables.push(plain.clone());
        true
    } else {
        // The header block (issuing body, motto, number and date) was read as the identity.
        plain
            .iter()
            .flatten()
            .any(|c| c.starts_with("CỘNG HÒA") || c.starts_with("Số:"))
    };
    r.ledger.table(n, &first_row, placed);
}

/// "Phụ lục 1", "PHỤ LỤC II": a short paragraph that opens an appendix.
fn is_appendix_heading(t: &str) -> bool {
    fold(t).starts_with("phu luc") && t.chars().count() < 20
}

fn paragraph(n: usize, t: &str, w: &mut Walk, parts: &mut Parts, r: &mut Reading) {
    let line = || Line {
        n,
        text: t.to_string(),
    };
    if w.signature_line(t) {
        r.ledger.place(n);
        return;
    }
    w.end_signature(parts);
    if is_appendix_heading(t) {
        w.flush(parts);
        w.in_appendix = Some(t.to_string());
        w.appendix_lines.clear();
        w.appendix_started = false;
        r.ledger.place(n);
        return;
    }
    if w.in_appendix.is_some() {
        appendix_paragraph(n, t, w, parts, r);
        return;
    }
    if t.starts_with("Nơi nhận") {
        // Outside a table: the block is read from the paragraphs that follow.
        w.flush(parts);
        w.signature = Some((vec![t.to_string()], Vec::new()));
        r.ledger.place(n);
        return;
    }
    if is_reference_sentence(t) || is_boilerplate(t) {
        r.ledger.place(n); // written again on export
        return;
    }
    if part_heading(n, t, w, parts, r) || section_heading(n, t, w, parts, r) {
        return;
    }
    if !w.seen_section {
        if is_capitals(t) {
            // A part's title in capitals under "Phần I"/"Phần II", or a title line.
            if w.part == 1 && w.part_title.is_empty() {
                w.part_title = t.to_string();
            }
            r.ledger.place(n);
            return;
        }
        if w.part == 1 {
            w.open_assessment();
        } else {
            parts.opening.push(line());
            r.ledger.place(n);
            return;
        }
    }
    if closing(n, t, w, parts, r) {
        return;
    }
    if let Some(h) = numbered_heading(t).filter(|_| w.section != Some(Content::LegalBases)) {
        w.flush(parts);
        w.title = Some(Line {
            n,
            text: h.to_string(),
        });
        return;
    }
    w.buffer.push(line());
}

/// "Phần I"/"Phần II", or a part named without them: a new part begins.
fn part_heading(n: usize, t: &str, w: &mut Walk, parts: &mut Parts, r: &mut Reading) -> bool {
    let f = fold(t);
    let part_heading = f == "phan i" || f.starts_with("phan i ") || f.starts_with("phan ii");
    // The two parts named without "Phần I"/"Phần II", in capitals on a line of their own
    // (Đắk Lắk 2026): "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025", then "KẾ HOẠCH CHUYỂN ĐỔI SỐ
    // NĂM 2026".
    let unnamed_part = is_capitals(t)
        && t.chars().count() < 120
        && ((f.starts_with("danh gia") && (f.contains("ket qua") || f.contains("tinh hinh")))
            || (w.part == 1 && w.explicit_part && f.starts_with("ke hoach ")));
    if part_heading || unnamed_part {
        w.flush(parts);
        w.part = if f.starts_with("phan ii") || (unnamed_part && f.starts_with("ke hoach")) {
            2
        } else {
            1
        };
        w.explicit_part = true;
        w.section = None;
        w.heading = t.to_string();
        w.seen_section = false;
        // "Phần I ĐÁNH GIÁ …" on one line: the rest is the part's title.
        w.part_title = match unnamed_part {
            true => t.to_string(),
            false => t.split_whitespace().skip(2).collect::<Vec<_>>().join(" "),
        };
        r.ledger.place(n);
        return true;
    }
    false
}

/// "I. …": a section of the current part, placed by what its heading says.
fn section_heading(n: usize, t: &str, w: &mut Walk, parts: &mut Parts, r: &mut Reading) -> bool {
    if let Some(h) = roman_heading(t) {
        w.flush(parts);
        let fh = fold(h);
        let assessment = (w.part == 1 && w.explicit_part)
            || (!(w.part == 2 && w.explicit_part) && is_assessment_heading(&fh));
        w.section = if assessment {
            w.part = 1;
            if fh.contains("muc tieu") || fh.contains("chi tieu") {
                Some(Content::GoalsReview)
            } else {
                Some(Content::AssessmentAreas)
            }
        } else {
            let c = classify(h);
            if c.is_some() {
                w.part = 2;
            }
            c
        };
        w.heading = t.to_string();
        w.seen_section = true;
        if w.section.is_none() {
            r.flags.push(super::Flag {
                place: h.to_string(),
                message: "Mục không nhận ra được: nội dung chưa được đưa vào kế hoạch (xem danh sách «Chưa đưa vào»).".into(),
            });
        } else {
            r.ledger.place(n);
        }
        return true;
    }
    false
}

/// The closing sentence ("…./.") ends the body.
fn closing(n: usize, t: &str, w: &mut Walk, parts: &mut Parts, r: &mut Reading) -> bool {
    let line = || Line {
        n,
        text: t.to_string(),
    };
    let closing = t.trim_end().ends_with("./.");
    if closing || t.trim() == "./." {
        // The closing sentence ends the body; "./." is written again on export.
        let closing_line = if t.trim() == "./." {
            r.ledger.place(n);
            w.buffer.pop()
        } else {
            Some(line())
        };
        w.flush(parts);
        if let Some(c) = closing_line {
            parts.closing = Some(Line {
                n: c.n,
                text: c.text.trim_end().trim_end_matches("./.").trim().to_string(),
            });
        }
        w.section = None;
        return true;
    }
    false
}

fn appendix_paragraph(n: usize, t: &str, w: &mut Walk, parts: &mut Parts, r: &mut Reading) {
    w.appendix_lines.push(t.to_string());
    // The list of last year's documents: "N. Quyết định số …".
    let is_document_list = w
        .appendix_lines
        .iter()
        .take(3)
        .any(|l| fold(l).contains("van ban"));
    let numbered = t.split_once(". ").filter(|(no, _)| {
        !no.is_empty() && no.len() <= 3 && no.chars().all(|c| c.is_ascii_digit())
    });
    match (is_document_list, numbered) {
        (true, Some((_, rest))) => {
            w.appendix_started = true;
            parts.documents.push(Line {
                n,
                text: rest.to_string(),
            })
        }
        // The appendix's title, up to its first entry or table, "(Kèm theo Kế hoạch số …)"
        // included: written again on export.
        _ if !w.appendix_started && w.appendix_lines.len() <= 6 => r.ledger.place(n),
        _ => {}
    }
}

/// A name written in capitals, as headers write it ("ĐẮK LẮK", "BÀ RỊA - VŨNG TÀU"), as it
/// reads in a sentence ("Đắk Lắk", "Bà Rịa - Vũng Tàu"); a name already in mixed case stays.
fn name_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}
