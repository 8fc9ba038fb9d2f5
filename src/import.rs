//! Reading a plan that was not made in the app — last year's Word file, or its task appendix
//! in Excel — into a draft plan, with every uncertain mapping flagged for the planner.
//! Nothing is stored here; the caller saves only what the planner confirms.
//!
//! The .docx is read as what it is, a zip holding `word/document.xml`, parsed with roxmltree
//! after `fsutil::read_office` has checked the file (docx-rs's reader can hang on a zip that
//! is not a Word file).

use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::docx::Content;
use crate::fsutil::{read_office, Office};
use crate::model::*;
use crate::text::fold;
use crate::{Error, Result};

/// Something the planner must look at before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Flag {
    pub place: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Imported {
    #[serde(skip)]
    pub plan: Plan,
    pub groups: usize,
    pub tasks: usize,
    pub flags: Vec<Flag>,
}

/// A block of the document body: a paragraph, or a table of cell texts.
#[derive(Debug, Clone)]
enum Item {
    P(String),
    T(Vec<Vec<String>>),
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

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

fn read_items(bytes: &[u8]) -> std::result::Result<Vec<Item>, String> {
    use std::io::Read;
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
    let mut items = Vec::new();
    for child in body.children().filter(|c| c.is_element()) {
        if child.has_tag_name((W, "p")) {
            items.push(Item::P(para_text(child)));
        } else if child.has_tag_name((W, "tbl")) {
            let rows = child
                .children()
                .filter(|r| r.has_tag_name((W, "tr")))
                .map(|tr| {
                    tr.children()
                        .filter(|c| c.has_tag_name((W, "tc")))
                        .map(|tc| {
                            tc.children()
                                .filter(|p| p.has_tag_name((W, "p")))
                                .map(para_text)
                                .filter(|t| !t.is_empty())
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .collect()
                })
                .collect();
            items.push(Item::T(rows));
        }
    }
    Ok(items)
}

// ------------------------------------------------------------------- agencies ----

/// Abbreviations in agency names, folded: "Sở TT&TT" and "Sở Thông tin và Truyền thông"
/// fold to the same key.
const ABBREVIATIONS: [(&str, &str); 16] = [
    ("tt tt", "thong tin va truyen thong"),
    ("tttt", "thong tin va truyen thong"),
    ("kh dt", "ke hoach va dau tu"),
    ("kh cn", "khoa hoc va cong nghe"),
    ("gd dt", "giao duc va dao tao"),
    ("gd va dt", "giao duc va dao tao"),
    ("gtvt", "giao thong van tai"),
    ("vh tt dl", "van hoa the thao va du lich"),
    ("nn ptnt", "nong nghiep va phat trien nong thon"),
    ("tn mt", "tai nguyen va moi truong"),
    ("nn mt", "nong nghiep va moi truong"),
    ("ld tb xh", "lao dong thuong binh va xa hoi"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("vp", "van phong"),
    ("dn", "doanh nghiep"),
];

/// The key agencies are matched on: folded, abbreviations expanded, "các" dropped.
pub fn agency_key(name: &str) -> String {
    let mut s = format!(" {} ", fold(name));
    for (short, long) in ABBREVIATIONS {
        s = s.replace(&format!(" {short} "), &format!(" {long} "));
    }
    s.split_whitespace()
        .filter(|w| *w != "cac")
        .collect::<Vec<_>>()
        .join(" ")
}

fn guess_kind(name: &str) -> AgencyKind {
    let k = agency_key(name);
    let f = fold(name);
    if f.starts_with("cac ") || k.contains(" cac cap") || k.ends_with("cac cap") {
        AgencyKind::TapThe
    } else if k.starts_with("so ") {
        AgencyKind::So
    } else if k.contains("cap xa") || k.contains(" xa phuong") {
        AgencyKind::UbndXa
    } else if k.contains("huyen") {
        AgencyKind::UbndHuyen
    } else if k.contains("doanh nghiep") {
        AgencyKind::DoanhNghiep
    } else if k.starts_with("bo ") || k.starts_with("ngan hang nha nuoc") {
        AgencyKind::TrungUong
    } else if k.starts_with("cong an")
        || k.starts_with("van phong")
        || k.starts_with("tinh doan")
        || k.starts_with("ban ")
    {
        AgencyKind::TinhKhac
    } else {
        AgencyKind::Khac
    }
}

/// The agencies found while reading: matched to a preset directory or new, with the forms
/// of their names seen in the document.
struct Directory {
    preset: Vec<Agency>,
    found: Vec<(String, Agency, Vec<String>, bool)>, // key, agency, forms seen, is new
}

impl Directory {
    fn known(&self, name: &str) -> bool {
        let key = agency_key(name);
        self.found.iter().any(|(k, ..)| *k == key)
            || self.preset.iter().any(|a| {
                agency_key(&a.name) == key
                    || a.short.as_deref().is_some_and(|s| agency_key(s) == key)
            })
    }

    fn resolve(&mut self, name: &str) -> Id {
        let name = name.trim().trim_end_matches([',', ';', '.']).trim();
        let key = agency_key(name);
        if let Some((_, a, forms, _)) = self.found.iter_mut().find(|(k, ..)| *k == key) {
            if !forms.iter().any(|f| f == name) {
                forms.push(name.to_string());
            }
            return a.id.clone();
        }
        let (agency, new) = match self.preset.iter().find(|a| {
            agency_key(&a.name) == key || a.short.as_deref().is_some_and(|s| agency_key(s) == key)
        }) {
            Some(a) => (a.clone(), false),
            None => {
                let mut id: String = key
                    .split(' ')
                    .map(|w| w.chars().take(4).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("-");
                while self.found.iter().any(|(_, a, ..)| a.id == id) {
                    id.push('x');
                }
                (
                    Agency {
                        id,
                        name: name.to_string(),
                        short: None,
                        kind: guess_kind(name),
                    },
                    true,
                )
            }
        };
        let id = agency.id.clone();
        self.found.push((key, agency, vec![name.to_string()], new));
        id
    }

    /// "Các Sở, ban, ngành tỉnh; UBND cấp huyện, cấp xã" → the agencies it names. Names may
    /// hold commas, so the longest known run of comma-separated pieces wins; "cấp xã" after
    /// "UBND cấp huyện" means "UBND cấp xã"; "các Sở: GTVT, Y tế" means "Sở GTVT", "Sở Y tế".
    fn cell(&mut self, text: &str) -> Vec<Id> {
        let mut ids = Vec::new();
        for part in text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let pieces: Vec<String> = part
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            let mut prefix: Option<String> = None;
            let mut previous: Option<String> = None;
            let mut i = 0;
            while i < pieces.len() {
                let mut taken = None;
                for j in (i..pieces.len()).rev() {
                    let candidate = pieces[i..=j].join(", ");
                    if self.known(&candidate) || (j > i && is_collective(&candidate)) {
                        taken = Some((candidate, j));
                        break;
                    }
                }
                let (mut name, mut j) = taken.unwrap_or_else(|| (pieces[i].clone(), i));
                // "Các Sở, ban, ngành tỉnh": after "Các …", lower-case pieces and bare
                // abbreviations ("GDNN") continue the same collective name.
                if fold(&name).starts_with("cac ") {
                    while let Some(next) = pieces.get(j + 1) {
                        let abbreviation = !next.contains(' ')
                            && next.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
                        if !(next.starts_with(char::is_lowercase) || abbreviation) {
                            break;
                        }
                        name = format!("{name}, {next}");
                        j += 1;
                    }
                }
                if let Some((head, first)) = name.split_once(':') {
                    // "các Sở: GTVT, Y tế" — every following piece of this part is a "Sở".
                    let head = head
                        .trim()
                        .trim_start_matches("các ")
                        .trim_start_matches("Các ")
                        .to_string();
                    name = format!("{head} {}", first.trim());
                    prefix = Some(head);
                } else if let Some(p) = prefix
                    .as_ref()
                    .filter(|p| !fold(&name).starts_with(&fold(p)))
                {
                    name = format!("{p} {name}");
                }
                if fold(&name).starts_with("cap ") {
                    if let Some(prev) = &previous {
                        if let Some(idx) = fold(prev).find("cap ") {
                            name = format!(
                                "{}{name}",
                                &prev[..prev
                                    .char_indices()
                                    .nth(fold(prev)[..idx].chars().count())
                                    .map_or(0, |(b, _)| b)]
                            );
                        }
                    }
                }
                let id = self.resolve(&name);
                if !ids.contains(&id) {
                    ids.push(id);
                }
                previous = Some(name);
                i = j + 1;
            }
        }
        ids
    }

    fn into_directory(self, flags: &mut Vec<Flag>) -> Vec<Agency> {
        self.found
            .into_iter()
            .map(|(_, mut a, forms, new)| {
                // The longest form seen is the full name; a shorter one, the short name.
                if new {
                    let longest = forms.iter().max_by_key(|f| f.chars().count()).cloned().unwrap_or_default();
                    let shortest = forms.iter().min_by_key(|f| f.chars().count()).cloned().unwrap_or_default();
                    a.name = longest.clone();
                    a.short = (shortest != longest).then_some(shortest);
                    flags.push(Flag { place: "Danh bạ cơ quan".into(), message: format!("Cơ quan mới «{}»: chưa có trong danh bạ mẫu, cần xác nhận tên và loại.", a.name) });
                }
                a
            })
            .collect()
    }
}

/// Names that contain commas, recognised whole: collective names, and "…, Chi nhánh …".
fn is_collective(name: &str) -> bool {
    const WHOLE: [&str; 5] = [
        "cac so ban nganh tinh",
        "cac so ban nganh",
        "ubnd cac huyen thi xa thanh pho",
        "uy ban nhan dan cac huyen thi xa thanh pho",
        "cac co so dao tao dai hoc cao dang giao duc nghe nghiep tren dia ban tinh",
    ];
    let f = fold(name);
    WHOLE.contains(&f.as_str())
        || name.split(',').count() == 2
            && fold(name.split(',').nth(1).unwrap_or("")).starts_with("chi nhanh")
}

// ------------------------------------------------------------------ citations ----

const KINDS: [(&str, DocType); 11] = [
    ("Nghị quyết", DocType::NghiQuyet),
    ("Quyết định", DocType::QuyetDinh),
    ("Chỉ thị", DocType::ChiThi),
    ("Kế hoạch", DocType::KeHoach),
    ("Công văn", DocType::CongVan),
    ("Văn bản", DocType::CongVan),
    ("Nghị định", DocType::NghiDinh),
    ("Thông tư", DocType::ThongTu),
    ("Thông báo", DocType::ThongBao),
    ("Chương trình", DocType::ChuongTrinh),
    ("Luật", DocType::Luat),
];

const ISSUERS: [&str; 12] = [
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Bộ Chính trị",
    "Ban Chấp hành Trung ương",
    "Bộ trưởng Bộ Thông tin và Truyền thông",
    "Bộ Thông tin và Truyền thông",
    "Bộ Khoa học và Công nghệ",
    "Chủ tịch UBND tỉnh",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân tỉnh",
    "UBND tỉnh",
    "Ban Thường vụ Tỉnh ủy",
];

fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut it = s.trim_end_matches([',', ';', '.']).split('/');
    let d = it.next()?.trim().parse().ok()?;
    let m = it.next()?.trim().parse().ok()?;
    let y = it.next()?.trim().parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt …"
pub fn parse_citation(text: &str) -> Option<LegalBasis> {
    let t = text
        .trim()
        .trim_start_matches(['-', '–', '•'])
        .trim()
        .trim_end_matches([';', '.'])
        .trim();
    let (label, kind) = KINDS.iter().find(|(l, _)| t.starts_with(l))?;
    let rest = t[label.len()..].trim_start();
    let (law_name, rest) = if *kind == DocType::Luat {
        rest.split_once(" số ")
            .map_or((rest, ""), |(n, r)| (n.trim(), r))
    } else {
        ("", rest.strip_prefix("số ")?)
    };
    let (number, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let rest = rest.trim_start();
    let (date, rest) = match rest.strip_prefix("ngày ") {
        Some(r) => {
            let (d, r) = r.split_once(' ').unwrap_or((r, ""));
            (parse_date(d), r.trim_start())
        }
        None => (None, rest),
    };
    let (issuer, title) = match rest.strip_prefix("của ") {
        Some(r) => match ISSUERS
            .iter()
            .filter(|i| r.starts_with(**i))
            .max_by_key(|i| i.len())
        {
            Some(i) => (i.to_string(), r[i.len()..].trim().to_string()),
            None => (String::new(), rest.to_string()),
        },
        None => (String::new(), rest.to_string()),
    };
    let title = if *kind == DocType::Luat {
        law_name.to_string()
    } else {
        title
    };
    Some(LegalBasis {
        id: new_id(),
        kind: *kind,
        number: Some(number.trim_end_matches(',').to_string()),
        date,
        issuer,
        title,
        library_ref: None,
    })
}

// ------------------------------------------------------------------ structure ----

/// The kind of a section from its heading; `None` when it is not one a plan has.
fn classify(title: &str) -> Option<Content> {
    let f = fold(title);
    if f.contains("thuc hien muc tieu") {
        Some(Content::GoalsReview)
    } else if f.contains("thuc hien cac nhiem vu") || f.contains("danh gia hien trang") {
        Some(Content::AssessmentAreas)
    } else if f.contains("can cu") {
        Some(Content::LegalBases)
    } else if f.contains("tam nhin") {
        Some(Content::Vision)
    } else if f.contains("muc tieu") {
        Some(Content::Goals)
    } else if f.contains("nhiem vu") {
        Some(Content::Tasks)
    } else if f.contains("giai phap") {
        Some(Content::Solutions)
    } else if f.contains("kinh phi") {
        Some(Content::Budget)
    } else if f.contains("to chuc thuc hien") {
        Some(Content::Organisation)
    } else {
        None
    }
}

fn roman_heading(t: &str) -> Option<&str> {
    let (head, rest) = t.split_once(". ")?;
    (!head.is_empty()
        && head.chars().all(|c| "IVX".contains(c))
        && rest
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| !c.is_lowercase()))
    .then_some(rest.trim())
}

fn numbered_heading(t: &str) -> Option<&str> {
    let (head, rest) = t.split_once(". ")?;
    (!head.is_empty()
        && head.len() <= 2
        && head.chars().all(|c| c.is_ascii_digit())
        && rest.chars().count() < 200)
        .then_some(rest.trim())
}

/// A line of the source as Markdown: "a) x" a lettered point, "- x" a bullet.
fn md_line(t: &str) -> String {
    let mut chars = t.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next()) {
        if crate::numbering::POINT_LETTERS.contains(&c.to_string().as_str()) {
            return format!("1. {}", chars.as_str().trim());
        }
    }
    if let Some(r) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("– "))
        .or_else(|| t.strip_prefix("• "))
    {
        return format!("- {}", r.trim());
    }
    t.to_string()
}

fn md(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| md_line(l))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Sentences our own documents add to refer to the appendices; not content.
fn is_reference_sentence(t: &str) -> bool {
    let f = fold(t);
    f.contains(" tai phu luc")
        && (f.starts_with("danh muc nhiem vu")
            || f.starts_with("cac chi tieu cu the")
            || f.starts_with("danh sach van ban"))
}

/// "tối thiểu 90%", "trên 70%", "đạt 100%", "khoảng 20%", "65-70%" inside a sentence.
fn indicators_in(text: &str, flags: &mut Vec<Flag>, place: &str) -> Vec<Indicator> {
    let mut out = Vec::new();
    for clause in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let Some(pct) = clause.find('%') else {
            continue;
        };
        let before = &clause[..pct];
        let number_start = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '-'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, |c| c.len_utf8())
            });
        let number = &before[number_start..];
        if number.is_empty() {
            continue;
        }
        let words = fold(&before[..number_start]);
        let (comparator, target, max) = match number.split_once('-') {
            Some((a, b)) => (
                Comparator::Range,
                crate::format::parse_money(a),
                crate::format::parse_money(b),
            ),
            None => {
                let c = if words.ends_with("toi thieu")
                    || words.ends_with("toi thieu khoang")
                    || words.ends_with("it nhat")
                {
                    Comparator::AtLeast
                } else if words.ends_with("tren") || words.ends_with("hon") {
                    Comparator::Above
                } else if words.ends_with("khoang") {
                    Comparator::About
                } else {
                    Comparator::Equal
                };
                (c, crate::format::parse_money(number), None)
            }
        };
        let Some(target) = target else { continue };
        let name = clause
            .trim_start_matches(['-', '–'])
            .trim()
            .trim_end_matches('.')
            .to_string();
        flags.push(Flag {
            place: place.to_string(),
            message: format!(
                "Chỉ tiêu đọc tự động từ «{name}»: cần kiểm tra tên, so sánh và giá trị."
            ),
        });
        out.push(Indicator {
            id: new_id(),
            name,
            unit: "%".into(),
            comparator,
            target: Some(target),
            target_max: max,
            denominator: None,
            baseline: None,
            actual: None,
            target_date: None,
            catalogue_ref: None,
        });
    }
    out
}

fn pillar_of(title: &str) -> Option<Pillar> {
    let f = fold(title);
    Some(if f.contains("chinh quyen") || f.contains("chinh phu") {
        Pillar::ChinhQuyenSo
    } else if f.contains("kinh te") {
        Pillar::KinhTeSo
    } else if f.contains("xa hoi") {
        Pillar::XaHoiSo
    } else if f.contains("an toan") {
        Pillar::AnToanThongTin
    } else if f.contains("ha tang") || f.contains("nen tang") || f.contains("du lieu") {
        Pillar::NenTang
    } else {
        return None;
    })
}

/// "- Nguồn chi thường xuyên: dự kiến bố trí 132.897,5 triệu đồng; trong đó, ngân sách cấp
/// tỉnh là 106.247,5, ngân sách cấp huyện là 26.650 triệu đồng" → lines by source and level.
fn budget_lines(text: &str) -> Vec<BudgetLine> {
    let mut out = Vec::new();
    for line in text.lines() {
        let f = fold(line);
        let source = if f.contains("nguon chi thuong xuyen") {
            BudgetSource::ThuongXuyen
        } else if f.contains("nguon chi dau tu phat trien") {
            BudgetSource::DauTuPhatTrien
        } else if f.contains("nguon xa hoi hoa") {
            BudgetSource::XaHoiHoa
        } else {
            continue;
        };
        let mut found = false;
        for (label, level) in [
            ("ngan sach cap tinh la", BudgetLevel::Tinh),
            ("ngan sach cap huyen la", BudgetLevel::Huyen),
            ("ngan sach cap xa la", BudgetLevel::Xa),
        ] {
            if let Some(i) = f.find(label) {
                let amount: String = f[i + label.len()..]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ' ')
                    .collect();
                // Folding turned "106.247,5" into "106 247 5"; read it from the original.
                let original_amount = nth_number_after(line, &f[..i + label.len()])
                    .or_else(|| crate::format::parse_money(amount.trim()));
                if let Some(a) = original_amount {
                    out.push(BudgetLine {
                        amount: a,
                        source: Some(source),
                        level: Some(level),
                        note: String::new(),
                    });
                    found = true;
                }
            }
        }
        if !found {
            if let Some(a) = nth_number_after(line, "") {
                out.push(BudgetLine {
                    amount: a,
                    source: Some(source),
                    level: None,
                    note: String::new(),
                });
            }
        }
    }
    out
}

/// The first amount written after the folded prefix `after` (counted in words) of `line`.
fn nth_number_after(line: &str, after: &str) -> Option<Decimal> {
    let skip_words = after.split_whitespace().count();
    let mut seen = 0;
    let mut rest = line;
    // Walk the original words in step with the folded ones.
    while seen < skip_words {
        let trimmed = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        let end = trimmed
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(trimmed.len());
        if trimmed.is_empty() {
            return None;
        }
        // "&" and similar split words when folded; count each alphanumeric run as a word.
        rest = &trimmed[end..];
        seen += 1;
    }
    let start = rest.find(|c: char| c.is_ascii_digit())?;
    let num: String = rest[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    crate::format::parse_money(num.trim_end_matches(['.', ',']))
}

// ----------------------------------------------------------------------- tables ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TCol {
    No,
    Title,
    Lead,
    Coord,
    Time,
    Output,
    Amount,
    Source,
    Level,
}

fn task_columns(header: &[String]) -> Option<Vec<(TCol, usize)>> {
    let mut cols = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let f = fold(h);
        let c = if f == "tt" || f == "stt" {
            TCol::No
        } else if f.contains("ten nhiem vu") || f == "nhiem vu" {
            TCol::Title
        } else if f.contains("chu tri") {
            TCol::Lead
        } else if f.contains("phoi hop") {
            TCol::Coord
        } else if f.contains("thoi gian") || f.contains("thoi han") {
            TCol::Time
        } else if f.contains("san pham") {
            TCol::Output
        } else if f.contains("kinh phi") {
            TCol::Amount
        } else if f == "nguon" || f.contains("nguon kinh phi") {
            TCol::Source
        } else if f.contains("cap ngan sach") {
            TCol::Level
        } else {
            continue;
        };
        cols.push((c, i));
    }
    [TCol::No, TCol::Title, TCol::Lead]
        .iter()
        .all(|c| cols.iter().any(|(x, _)| x == c))
        .then_some(cols)
}

/// Rows of a task table: group rows ("1 | Nhận thức số"), task rows ("1.1 | …"), and rows
/// continued after a page break (no number) joined to the row above.
fn read_task_table(
    rows: &[Vec<String>],
    cols: &[(TCol, usize)],
    groups: &mut Vec<TaskGroup>,
    dir: &mut Directory,
    flags: &mut Vec<Flag>,
) {
    let get = |r: &Vec<String>, c: TCol| {
        cols.iter()
            .find(|(x, _)| *x == c)
            .and_then(|(_, i)| r.get(*i))
            .cloned()
            .unwrap_or_default()
    };
    let header: Vec<String> = rows[0].clone();
    let mut merged: Vec<Vec<String>> = Vec::new();
    for r in &rows[1..] {
        if *r == header {
            continue; // a header row repeated on a new page
        }
        let no = get(r, TCol::No);
        // Continued after a page break: no number, and the title (if any) goes on mid-sentence.
        let title = get(r, TCol::Title);
        let continues =
            title.trim().is_empty() || title.trim_start().starts_with(|c: char| c.is_lowercase());
        if no.trim().is_empty()
            && continues
            && !merged.is_empty()
            && r.iter().any(|c| !c.trim().is_empty())
        {
            let last = merged.last_mut().unwrap();
            for (i, cell) in r.iter().enumerate() {
                if !cell.trim().is_empty() && i < last.len() {
                    last[i] = format!("{} {}", last[i].trim_end(), cell.trim())
                        .trim()
                        .to_string();
                }
            }
            continue;
        }
        merged.push(r.clone());
    }
    for r in merged {
        let no = get(&r, TCol::No).trim().trim_end_matches('.').to_string();
        let title = get(&r, TCol::Title)
            .trim()
            .trim_end_matches([',', ';'])
            .trim()
            .to_string();
        if no.is_empty() || title.is_empty() {
            continue; // totals, unallocated budget
        }
        if no.chars().all(|c| c.is_ascii_digit()) {
            groups.push(TaskGroup {
                id: new_id(),
                title,
                framework_ref: None,
                intro: String::new(),
                tasks: Vec::new(),
            });
            continue;
        }
        if groups.is_empty() {
            flags.push(Flag {
                place: format!("Phụ lục, dòng {no}"),
                message: "Nhiệm vụ đứng trước mọi nhóm: đưa vào nhóm «Khác».".into(),
            });
            groups.push(TaskGroup {
                id: new_id(),
                title: "Khác".into(),
                framework_ref: None,
                intro: String::new(),
                tasks: Vec::new(),
            });
        }
        let lead = dir.cell(&get(&r, TCol::Lead));
        let coordinating: Vec<Id> = dir
            .cell(&get(&r, TCol::Coord))
            .into_iter()
            .filter(|c| !lead.contains(c))
            .collect();
        let time = get(&r, TCol::Time);
        let deadline = Deadline::parse(&time);
        if deadline.is_none() && !time.trim().is_empty() {
            flags.push(Flag {
                place: format!("Nhiệm vụ {no}"),
                message: format!("Không hiểu thời gian «{time}»: cần nhập lại."),
            });
        }
        let amount = crate::format::parse_money(&get(&r, TCol::Amount));
        let source_t = fold(&get(&r, TCol::Source));
        let source = BudgetSource::ALL
            .into_iter()
            .find(|s| !source_t.is_empty() && source_t.contains(&fold(s.short_label())));
        let level_t = fold(&get(&r, TCol::Level));
        let level = BudgetLevel::ALL
            .into_iter()
            .find(|l| !level_t.is_empty() && level_t.contains(&fold(l.short_label())));
        let budget = amount
            .filter(|a| !a.is_zero())
            .map(|a| {
                vec![BudgetLine {
                    amount: a,
                    source,
                    level,
                    note: String::new(),
                }]
            })
            .unwrap_or_default();
        if lead.is_empty() {
            flags.push(Flag {
                place: format!("Nhiệm vụ {no}"),
                message: "Không có cơ quan chủ trì.".into(),
            });
        }
        groups.last_mut().unwrap().tasks.push(Task {
            coordinating,
            deadline,
            output: get(&r, TCol::Output),
            budget,
            ..Task::new(title, lead)
        });
    }
}

/// "Trên 70%", "tối thiểu 90%", "65-70%", "Đạt 236 thủ tục" → comparator, target, upper
/// bound, unit.
fn parse_target(text: &str) -> Option<(Comparator, Decimal, Option<Decimal>, String)> {
    let f = fold(text);
    let comparator = [
        ("toi thieu", Comparator::AtLeast),
        ("tren", Comparator::Above),
        ("dat", Comparator::Equal),
        ("khoang", Comparator::About),
        ("tu", Comparator::Range),
    ]
    .into_iter()
    .find(|(w, _)| f.starts_with(w))
    .map(|(_, c)| c);
    let number: String = text.chars().skip_while(|c| !c.is_ascii_digit()).collect();
    let num_len = number
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .unwrap_or(number.len());
    let (num, unit) = (&number[..num_len], number[num_len..].trim());
    let unit = if unit.is_empty() {
        "%".to_string()
    } else {
        unit.to_string()
    };
    match (comparator, num.split_once('-')) {
        (None | Some(Comparator::Range), Some((a, b))) => Some((
            Comparator::Range,
            crate::format::parse_money(a)?,
            crate::format::parse_money(b),
            unit,
        )),
        (c, _) => Some((
            c.unwrap_or(Comparator::Equal),
            crate::format::parse_money(num)?,
            None,
            unit,
        )),
    }
}

/// "- Hồ sơ …: chỉ tiêu trên 30% — đạt." (how our documents review last year's indicators).
fn parse_review(line: &str) -> Option<IndicatorReview> {
    let t = line
        .trim()
        .trim_start_matches(['-', '–'])
        .trim()
        .trim_end_matches('.');
    let (name, rest) = t.split_once(": chỉ tiêu ")?;
    let (measure, verdict) = rest.rsplit_once(" — ")?;
    let achieved = match verdict {
        "đạt" => Some(true),
        "chưa đạt" => Some(false),
        "chưa đánh giá" => None,
        _ => return None,
    };
    let (target, actual) = match measure.split_once(", thực hiện ") {
        Some((t, a)) => (t, crate::format::parse_money(a.trim_end_matches('%'))),
        None => (measure, None),
    };
    let (comparator, target, target_max, unit) = parse_target(target)?;
    let indicator = Indicator {
        id: new_id(),
        name: name.to_string(),
        unit,
        comparator,
        target: Some(target),
        target_max,
        denominator: None,
        baseline: None,
        actual: None,
        target_date: None,
        catalogue_ref: None,
    };
    Some(IndicatorReview {
        id: new_id(),
        indicator,
        actual,
        achieved,
        note: String::new(),
    })
}

/// Indicator appendix rows ("1 | goal" then "1.1 | name | Trên 70% | baseline | Năm 2023").
fn read_indicator_table(rows: &[Vec<String>], goals: &mut [Goal]) {
    let mut gi: Option<usize> = None;
    for r in &rows[1..] {
        let no = r.first().map(|s| s.trim().to_string()).unwrap_or_default();
        if no.chars().all(|c| c.is_ascii_digit()) && !no.is_empty() {
            let n: usize = no.parse().unwrap_or(0);
            gi = (n >= 1 && n <= goals.len()).then(|| n - 1);
            if let Some(g) = gi {
                goals[g].indicators.clear();
            }
            continue;
        }
        let (Some(g), Some(name), Some(target)) = (gi, r.get(1), r.get(2)) else {
            continue;
        };
        let Some((comparator, t, max, unit)) = parse_target(target) else {
            continue;
        };
        let (name, denominator) = match name.rsplit_once(" (trên tổng số ") {
            Some((n, d)) => (n.to_string(), Some(d.trim_end_matches(')').to_string())),
            None => (name.clone(), None),
        };
        goals[g].indicators.push(Indicator {
            id: new_id(),
            name,
            unit,
            comparator,
            target: Some(t),
            target_max: max,
            denominator,
            baseline: r
                .get(3)
                .and_then(|b| crate::format::parse_money(b.trim_end_matches('%'))),
            actual: None,
            target_date: r.get(4).and_then(|d| Deadline::parse(d)),
            catalogue_ref: None,
        });
    }
}

// ------------------------------------------------------------------------ entry ----

fn bad(path: &Path, kind: Office, reason: String) -> Error {
    Error::OfficeFile {
        kind: kind.label(),
        path: path.to_path_buf(),
        reason,
    }
}

/// The lines read under one heading of the body: a section, and the numbered item in it.
struct Bucket {
    section: Option<Content>,
    title: Option<String>,
    lines: Vec<String>,
}

/// A draft plan from a Word file of an annual plan, and the flags to review.
pub fn import_docx(path: &Path, preset: &[Agency]) -> Result<Imported> {
    let bytes = read_office(path, Office::Word).map_err(|m| bad(path, Office::Word, m))?;
    let items = read_items(&bytes).map_err(|m| bad(path, Office::Word, m))?;
    let mut flags = Vec::new();
    let mut dir = Directory {
        preset: preset.to_vec(),
        found: Vec::new(),
    };

    // Everything as lines (table cells too), for the identity.
    let all_lines: Vec<String> = items
        .iter()
        .flat_map(|i| match i {
            Item::P(t) => t.lines().map(str::to_string).collect::<Vec<_>>(),
            Item::T(rows) => rows
                .iter()
                .flatten()
                .flat_map(|c| c.lines().map(str::to_string))
                .collect(),
        })
        .collect();
    let kh = all_lines
        .iter()
        .position(|l| fold(l) == "ke hoach")
        .ok_or_else(|| {
            bad(
                path,
                Office::Word,
                "không tìm thấy tiêu đề «KẾ HOẠCH»: tệp không giống một kế hoạch".into(),
            )
        })?;
    let title = all_lines[kh + 1..]
        .iter()
        .find(|l| !l.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    let year = title
        .split_whitespace()
        .filter_map(|w| w.parse::<i32>().ok())
        .rfind(|y| (2000..=2100).contains(y));
    // "Chuyển đổi số tỉnh Quảng Ngãi năm 2023": the words between "tỉnh" and "năm".
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
    let (Some(year), Some(province)) = (year, province.filter(|p| !p.is_empty())) else {
        return Err(bad(
            path,
            Office::Word,
            format!("không đọc được tỉnh và năm từ trích yếu «{title}»"),
        ));
    };
    let mut plan = Plan::blank(&province, year);
    plan.identity.title = title.clone();
    if let Some(v) = all_lines
        .iter()
        .find_map(|l| l.trim_start().strip_prefix("Số:"))
    {
        let v = v.trim().to_string();
        if let Some((n, sym)) = v.split_once('/') {
            let n = n.trim();
            plan.identity.number =
                (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| n.to_string());
            plan.identity.symbol = sym.trim().to_string();
        }
    }
    if let Some(l) = all_lines
        .iter()
        .find(|l| fold(l).contains(" ngay ") && fold(l).contains(" thang ") && l.contains(", ngày"))
    {
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
    let header: Vec<String> = all_lines[..kh]
        .iter()
        .take_while(|l| {
            !l.trim_start().starts_with("CỘNG HÒA") && !l.trim_start().starts_with("Số:")
        })
        .filter(|l| {
            !l.trim().is_empty()
                && l.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| !c.is_lowercase())
        })
        .cloned()
        .collect();
    if !header.is_empty() {
        plan.identity.header_lines = header;
    }
    plan.identity.status = if plan.identity.number.is_some() && plan.identity.issue_date.is_some() {
        PlanStatus::Final
    } else {
        PlanStatus::Draft
    };

    // The body: after the title, up to the signature; then the appendices.
    let start = items
        .iter()
        .position(|i| matches!(i, Item::P(t) if *t == title))
        .map_or(0, |p| p + 1);
    let mut in_part = false; // after a "Phần I/II" heading
    let mut section: Option<Content> = None;
    let mut item_title: Option<String> = None;
    let mut buffer: Vec<String> = Vec::new();
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut opening = Vec::new();
    let mut closing = String::new();
    let mut in_appendix: Option<String> = None; // the "Phụ lục …" heading being read
    let mut appendix_lines: Vec<String> = Vec::new();
    let mut task_groups: Vec<TaskGroup> = Vec::new();
    let mut indicator_tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut seen_section = false;
    let flush = |buckets: &mut Vec<Bucket>,
                 section,
                 item_title: &Option<String>,
                 buffer: &mut Vec<String>| {
        if !buffer.is_empty() || item_title.is_some() {
            buckets.push(Bucket {
                section,
                title: item_title.clone(),
                lines: std::mem::take(buffer),
            });
        }
    };
    for it in &items[start..] {
        match it {
            Item::T(rows) if !rows.is_empty() => {
                if let Some(cols) = task_columns(&rows[0]) {
                    read_task_table(rows, &cols, &mut task_groups, &mut dir, &mut flags);
                } else if rows[0].iter().any(|h| fold(h) == "chi tieu")
                    && rows[0].iter().any(|h| fold(h) == "muc tieu")
                {
                    indicator_tables.push(rows.clone());
                } else if rows.iter().flatten().any(|c| c.starts_with("Nơi nhận")) {
                    read_signature(rows, &mut plan);
                }
            }
            Item::T(_) => {}
            Item::P(t) if t.is_empty() => {}
            Item::P(t) => {
                let f = fold(t);
                if f.starts_with("phu luc") && t.chars().count() < 20 {
                    in_appendix = Some(t.clone());
                    appendix_lines.clear();
                    continue;
                }
                if in_appendix.is_some() {
                    appendix_lines.push(t.clone());
                    // The list of last year's documents: "N. Quyết định số …".
                    let is_document_list = appendix_lines
                        .iter()
                        .take(3)
                        .any(|l| fold(l).contains("van ban"));
                    let numbered = t.split_once(". ").filter(|(n, _)| {
                        !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
                    });
                    if let (true, Some((_, rest))) = (is_document_list, numbered) {
                        match parse_citation(rest) {
                            Some(c) => plan.assessment.documents.push(c),
                            None => flags.push(Flag {
                                place: "Phụ lục văn bản".into(),
                                message: format!("Không đọc được văn bản «{rest}»."),
                            }),
                        }
                    }
                    continue;
                }
                if t.starts_with("Nơi nhận") {
                    continue;
                }
                if f.starts_with("phan i") && (f == "phan i" || f.starts_with("phan i "))
                    || f.starts_with("phan ii")
                {
                    flush(&mut buckets, section, &item_title, &mut buffer);
                    item_title = None;
                    in_part = true;
                    section = None;
                    continue;
                }
                if let Some(h) = roman_heading(t) {
                    flush(&mut buckets, section, &item_title, &mut buffer);
                    item_title = None;
                    section = classify(h);
                    seen_section = true;
                    if section.is_none() {
                        flags.push(Flag {
                            place: h.to_string(),
                            message: "Mục không nhận ra được: nội dung chưa được đưa vào kế hoạch."
                                .into(),
                        });
                    }
                    continue;
                }
                if !seen_section && !in_part {
                    if f.chars().filter(|c| c.is_alphabetic()).count() > 0
                        && t.chars()
                            .filter(|c| c.is_alphabetic())
                            .all(|c| !c.is_lowercase())
                    {
                        continue; // a part title in capitals
                    }
                    opening.push(t.clone());
                    continue;
                }
                if t.ends_with("./.") {
                    // The closing sentence ends the body; "./." is written again on export.
                    flush(&mut buckets, section, &item_title, &mut buffer);
                    closing = t.trim_end_matches("./.").trim().to_string() + ".";
                    item_title = None;
                    section = None;
                    continue;
                }
                if in_part
                    && !seen_section
                    && t.chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| !c.is_lowercase())
                {
                    continue; // "ĐÁNH GIÁ KẾT QUẢ …" under "Phần I"
                }
                if let Some(h) =
                    numbered_heading(t).filter(|_| section != Some(Content::LegalBases))
                {
                    flush(&mut buckets, section, &item_title, &mut buffer);
                    item_title = Some(h.to_string());
                    continue;
                }
                if !is_reference_sentence(t) {
                    buffer.push(t.clone());
                }
            }
        }
    }
    flush(&mut buckets, section, &item_title, &mut buffer);
    plan.identity.opening = md(&opening);
    plan.organisation.closing = closing;

    let mut intros: HashMap<String, String> = HashMap::new();
    for Bucket {
        section: content,
        title,
        lines,
    } in buckets
    {
        // Text under an unrecognised heading was flagged when read.
        let Some(content) = content else { continue };
        let text = md(&lines);
        match (content, title) {
            (Content::GoalsReview, t) => {
                let mut kept = Vec::new();
                for l in &lines {
                    match parse_review(l) {
                        Some(r) => plan.assessment.indicators.push(r),
                        None => kept.push(l.clone()),
                    }
                }
                let pre = t.map(|t| format!("{t}\n\n")).unwrap_or_default();
                plan.assessment.goals_review =
                    [plan.assessment.goals_review.clone(), pre + &md(&kept)]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n\n");
            }
            (Content::AssessmentAreas, Some(t)) if fold(&t).starts_with("kinh phi") => {
                plan.assessment.budget_spent = text
            }
            (Content::AssessmentAreas, Some(t)) => {
                plan.assessment.sections.push(NarrativeSection {
                    id: new_id(),
                    title: t,
                    text,
                })
            }
            (Content::LegalBases, _) => {
                for l in &lines {
                    match parse_citation(l) {
                        Some(c) => plan.legal_bases.push(c),
                        None => flags.push(Flag {
                            place: "Căn cứ".into(),
                            message: format!("Không đọc được căn cứ «{l}»: cần nhập lại."),
                        }),
                    }
                }
            }
            (Content::Vision, _) => plan.vision = text,
            (Content::Goals, None) => plan.general_goal = text,
            (Content::Goals, Some(t)) => {
                let pillar = pillar_of(&t).unwrap_or_else(|| {
                    flags.push(Flag {
                        place: format!("Mục tiêu «{t}»"),
                        message: "Không rõ trụ cột: đã xếp vào «Khác».".into(),
                    });
                    Pillar::Khac
                });
                // An indicator table (our own exports have one) is exact: read the text only
                // when there is none.
                let indicators = if indicator_tables.is_empty() {
                    indicators_in(&lines.join("\n"), &mut flags, &format!("Mục tiêu «{t}»"))
                } else {
                    Vec::new()
                };
                plan.specific_goals.push(Goal {
                    id: new_id(),
                    pillar,
                    title: t,
                    text,
                    indicators,
                });
            }
            (Content::Tasks, Some(t)) => {
                intros.insert(fold(&t), text);
            }
            (Content::Solutions, Some(t)) => plan.solutions.push(NarrativeSection {
                id: new_id(),
                title: t,
                text,
            }),
            (Content::Budget, _) => {
                plan.budget.narrative = [plan.budget.narrative.clone(), text]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n");
            }
            (Content::Organisation, Some(t)) => {
                let agencies = if dir.known(&t) {
                    vec![dir.resolve(&t)]
                } else {
                    Vec::new()
                };
                plan.organisation.duties.push(Duty {
                    id: new_id(),
                    heading: t,
                    agencies,
                    text,
                    generated: false,
                });
            }
            _ => {}
        }
    }
    for rows in &indicator_tables {
        read_indicator_table(rows, &mut plan.specific_goals);
    }

    // Groups come from the task table; the body's text for each becomes its intro.
    if task_groups.is_empty() {
        flags.push(Flag { place: "Phụ lục".into(), message: "Không tìm thấy bảng danh mục nhiệm vụ (cột TT, Tên nhiệm vụ, Cơ quan chủ trì): chỉ có nội dung các nhóm.".into() });
        for (t, intro) in &intros {
            task_groups.push(TaskGroup {
                id: new_id(),
                title: t.clone(),
                framework_ref: None,
                intro: intro.clone(),
                tasks: Vec::new(),
            });
        }
    }
    for g in &mut task_groups {
        if let Some(i) = intros.get(&fold(&g.title)) {
            g.intro = i.clone();
        }
    }
    plan.groups = task_groups;

    // Budget: amounts written in section V that the task lines do not already hold.
    let written = budget_lines(&crate::narrative::plain(&plan.budget.narrative));
    let mut unallocated = Vec::new();
    for line in written {
        let in_tasks: Decimal = plan
            .tasks()
            .flat_map(|(_, t)| t.budget.iter())
            .filter(|l| l.source == line.source && l.level == line.level)
            .map(|l| l.amount)
            .sum();
        if line.amount > in_tasks {
            unallocated.push(BudgetLine {
                amount: line.amount - in_tasks,
                note: "Dự kiến bố trí (đọc từ mục Kinh phí)".into(),
                ..line
            });
        }
    }
    if !unallocated.is_empty() {
        flags.push(Flag {
            place: "Kinh phí".into(),
            message: format!(
                "Đã đọc {} dòng kinh phí từ mục Kinh phí: cần kiểm tra nguồn, cấp và số tiền.",
                unallocated.len()
            ),
        });
    }
    plan.budget.unallocated = unallocated;
    // Our own budget sentences are recomputed from the lines on export: drop them.
    plan.budget.narrative = plan
        .budget
        .narrative
        .split("\n\n")
        .filter(|b| {
            let f = fold(b);
            !(f.starts_with("tong kinh phi du kien")
                || (f.starts_with("nguon ")
                    && f.contains("du kien bo tri")
                    && f.contains("trong do")))
        })
        .collect::<Vec<_>>()
        .join("\n\n");

    // The drafting department is the one reports go through: "(thông qua Sở …)".
    if let Some((_, after)) = plan.organisation.closing.split_once("thông qua ") {
        let name = after.split([')', '*', ',']).next().unwrap_or("").trim();
        if dir.known(name) {
            plan.identity.drafting_agency = Some(dir.resolve(name));
        }
    }
    plan.directory = dir.into_directory(&mut flags);
    let plan = crate::text::clean_all(&plan)?;
    crate::planfile::check_ids(&plan).map_err(Error::Invalid)?;
    Ok(Imported {
        groups: plan.groups.len(),
        tasks: plan.tasks().count(),
        flags,
        plan,
    })
}

fn read_signature(rows: &[Vec<String>], plan: &mut Plan) {
    for r in rows {
        for cell in r {
            let lines: Vec<&str> = cell
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if lines.first().is_some_and(|l| l.starts_with("Nơi nhận")) {
                plan.identity.recipients = lines
                    .iter()
                    .skip(1)
                    .filter(|l| !l.contains("Lưu:"))
                    .map(|l| {
                        l.trim_start_matches(['-', ' '])
                            .trim_end_matches([';', '.'])
                            .trim()
                            .to_string()
                    })
                    .filter(|l| !l.is_empty())
                    .collect();
                if let Some(l) = lines.iter().find(|l| l.contains("Lưu:")) {
                    plan.identity.archive_unit =
                        l.split_once("VT,").map_or(String::new(), |(_, u)| {
                            u.trim().trim_end_matches('.').to_string()
                        });
                }
            } else if lines
                .first()
                .is_some_and(|l| l.starts_with("TM.") || l.starts_with("KT."))
            {
                let s = &mut plan.identity.signer;
                s.authority = lines
                    .iter()
                    .find(|l| l.starts_with("TM."))
                    .map_or(String::new(), |l| l.to_string());
                s.deputy_line = lines
                    .iter()
                    .find(|l| l.starts_with("KT."))
                    .map(|l| l.to_string());
                s.title = lines
                    .iter()
                    .find(|l| {
                        !l.starts_with("TM.")
                            && !l.starts_with("KT.")
                            && l.chars()
                                .filter(|c| c.is_alphabetic())
                                .all(|c| !c.is_lowercase())
                    })
                    .map_or(String::new(), |l| l.to_string());
                s.name = lines
                    .last()
                    .filter(|l| l.chars().any(|c| c.is_lowercase()))
                    .map_or(String::new(), |l| l.to_string());
            }
        }
    }
}

/// A draft plan from a workbook holding a task appendix (any sheet whose header row has TT,
/// Tên nhiệm vụ, Cơ quan chủ trì). Province and year come from the "(Kèm theo …)" line and
/// the deadlines unless given.
pub fn import_xlsx(
    path: &Path,
    preset: &[Agency],
    province: Option<&str>,
    year: Option<i32>,
) -> Result<Imported> {
    use calamine::{Data, Reader};
    let bytes = read_office(path, Office::Excel).map_err(|m| bad(path, Office::Excel, m))?;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        log::warn!("calamine: {e}");
        bad(
            path,
            Office::Excel,
            "bảng tính bị hỏng hoặc không đúng định dạng .xlsx".into(),
        )
    })?;
    let mut flags = Vec::new();
    let mut dir = Directory {
        preset: preset.to_vec(),
        found: Vec::new(),
    };
    let mut groups = Vec::new();
    let mut attached = String::new();
    for name in wb.sheet_names() {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        // Through the Vietnamese form, so "1234.567" is not read as thousands.
                        Data::Float(f) => Decimal::try_from(*f)
                            .map(crate::format::money)
                            .unwrap_or_default(),
                        Data::Int(i) => i.to_string(),
                        Data::String(s) => crate::text::nfc(s.trim()),
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        if let Some(h) = rows.iter().take(20).position(|r| task_columns(r).is_some()) {
            if attached.is_empty() {
                attached = rows[..h]
                    .iter()
                    .flatten()
                    .find(|c| {
                        fold(c).starts_with("kem theo") || fold(c).contains("kem theo ke hoach")
                    })
                    .cloned()
                    .unwrap_or_default();
            }
            let cols = task_columns(&rows[h]).unwrap();
            read_task_table(&rows[h..], &cols, &mut groups, &mut dir, &mut flags);
        }
    }
    if groups.is_empty() {
        return Err(bad(
            path,
            Office::Excel,
            "không có trang nào có bảng nhiệm vụ (các cột TT, Tên nhiệm vụ, Cơ quan chủ trì)"
                .into(),
        ));
    }
    let from_line = fold(&attached).split_once(" tinh ").map(|(_, rest)| {
        let words: Vec<&str> = attached.split_whitespace().collect();
        let n = rest.split_whitespace().count();
        words[words.len() - n..]
            .join(" ")
            .trim_end_matches(')')
            .to_string()
    });
    let province = province
        .map(str::to_string)
        .or(from_line)
        .filter(|p| !p.is_empty());
    let deadline_year = {
        let mut years: Vec<i32> = groups
            .iter()
            .flat_map(|g: &TaskGroup| g.tasks.iter())
            .filter_map(|t| t.deadline.as_ref()?.span())
            .map(|(a, _)| chrono::Datelike::year(&a))
            .collect();
        years.sort_unstable();
        years.get(years.len() / 2).copied()
    };
    let (Some(province), Some(year)) = (province, year.or(deadline_year)) else {
        return Err(bad(path, Office::Excel, "không xác định được tỉnh hoặc năm kế hoạch từ bảng tính; hãy cho biết (--province, --year)".into()));
    };
    let mut plan = Plan::blank(&province, year);
    plan.groups = groups;
    flags.push(Flag {
        place: "Kế hoạch".into(),
        message:
            "Chỉ có phụ lục nhiệm vụ: phần nội dung (căn cứ, mục tiêu, giải pháp…) cần soạn thêm."
                .into(),
    });
    plan.directory = dir.into_directory(&mut flags);
    let plan = crate::text::clean_all(&plan)?;
    crate::planfile::check_ids(&plan).map_err(Error::Invalid)?;
    Ok(Imported {
        groups: plan.groups.len(),
        tasks: plan.tasks().count(),
        flags,
        plan,
    })
}
