//! Citations of documents ("Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ
//! phê duyệt …") read into legal bases.

use chrono::NaiveDate;

use crate::model::{new_id, DocType, LegalBasis};

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

const ISSUERS: [&str; 24] = [
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Văn phòng Chính phủ",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Bộ Chính trị",
    "Ban Chấp hành Trung ương",
    "Ban Chỉ đạo Trung ương",
    "Ủy ban Quốc gia về chuyển đổi số",
    "Bộ trưởng Bộ Thông tin và Truyền thông",
    "Bộ Thông tin và Truyền thông",
    "Bộ trưởng Bộ Khoa học và Công nghệ",
    "Bộ Khoa học và Công nghệ",
    "Bộ Nội vụ",
    "Bộ Tài chính",
    "Bộ Công an",
    "Chủ tịch UBND tỉnh",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân tỉnh",
    "UBND tỉnh",
    "Hội đồng nhân dân tỉnh",
    "HĐND tỉnh",
    "Ban Thường vụ Tỉnh ủy",
    "Tỉnh ủy",
];

/// The issuer at the start of `r` (what follows "của"): a known one, with the province's
/// name when it follows ("Ban Thường vụ Tỉnh ủy Quảng Ngãi"); or else the words up to where a
/// title starts ("Sở Tài chính và Sở Nội vụ" before "về …"). `None` when neither is found.
fn issuer_at(r: &str) -> Option<(String, &str)> {
    let known = ISSUERS
        .iter()
        .filter(|i| r.starts_with(**i))
        .max_by_key(|i| i.len())
        .map(|i| i.len());
    let end = match known {
        Some(end) => {
            // Then a place name: two or more capitalised words ("Quảng Ngãi"); one alone
            // starts the title ("Triển khai …").
            let (mut len, mut words) = (0, 0);
            for w in r[end..].split_inclusive(' ') {
                let word = w.trim();
                if !(word.is_empty() || word.starts_with(|c: char| c.is_uppercase())) {
                    break;
                }
                len += w.len();
                words += usize::from(!word.is_empty());
            }
            if words >= 2 {
                end + len
            } else {
                end
            }
        }
        None => {
            const TITLE_STARTS: [&str; 7] = [
                " về ",
                " phê duyệt ",
                " ban hành ",
                " triển khai ",
                " hướng dẫn ",
                " quy định ",
                " thực hiện ",
            ];
            let at = TITLE_STARTS.iter().filter_map(|w| r.find(w)).min()?;
            if r[..at].split_whitespace().count() > 12 {
                return None;
            }
            at
        }
    };
    let issuer = r[..end].trim();
    (!issuer.is_empty()).then(|| (issuer.to_string(), r[end..].trim_start()))
}

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
    let (issuer, title) = match rest.strip_prefix("của ").and_then(issuer_at) {
        Some((issuer, title)) => (issuer, title.trim().to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (String, String) {
        let c = parse_citation(text).unwrap();
        (c.issuer, c.title)
    }

    #[test]
    fn the_issuer_ends_where_the_title_begins() {
        let cases = [
            ("Chỉ thị số 19-CT/TU ngày 18/5/2022 của Ban Thường vụ Tỉnh ủy Quảng Ngãi về tăng cường sự lãnh đạo", "Ban Thường vụ Tỉnh ủy Quảng Ngãi", "về tăng cường sự lãnh đạo"),
            ("Quyết định số 862/QĐ-UBND ngày 04/7/2022 của Chủ tịch UBND tỉnh về Danh mục cơ sở dữ liệu", "Chủ tịch UBND tỉnh", "về Danh mục cơ sở dữ liệu"),
            ("Quyết định số 27/QĐ-UBQGCĐS ngày 15/3/2022 của Ủy ban Quốc gia về chuyển đổi số về Ban hành kế hoạch hoạt động", "Ủy ban Quốc gia về chuyển đổi số", "về Ban hành kế hoạch hoạt động"),
            ("Kế hoạch số 5/KH-STC ngày 02/01/2023 của Sở Tài chính và Sở Nội vụ về phối hợp", "Sở Tài chính và Sở Nội vụ", "về phối hợp"),
            ("Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình", "Thủ tướng Chính phủ", "phê duyệt Chương trình"),
        ];
        for (text, issuer, title) in cases {
            assert_eq!(
                split(text),
                (issuer.to_string(), title.to_string()),
                "{text}"
            );
        }
    }
}
