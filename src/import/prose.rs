//! Reading prose: section headings, Markdown from lines, indicators written in sentences,
//! budget amounts written in section V, and the indicator review our documents write.

use rust_decimal::Decimal;

use crate::model::*;
use crate::outline::Content;
use crate::text::fold;

use super::tables::parse_target;
use super::Flag;

/// The kind of a section from its heading; `None` when it is not one a plan has.
pub(super) fn classify(title: &str) -> Option<Content> {
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

pub(super) fn roman_heading(t: &str) -> Option<&str> {
    let (head, rest) = t.split_once(". ")?;
    (!head.is_empty()
        && head.chars().all(|c| "IVX".contains(c))
        && rest
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| !c.is_lowercase()))
    .then_some(rest.trim())
}

pub(super) fn numbered_heading(t: &str) -> Option<&str> {
    let (head, rest) = t.split_once(". ")?;
    (!head.is_empty()
        && head.len() <= 2
        && head.chars().all(|c| c.is_ascii_digit())
        && rest.chars().count() < 200)
        .then_some(rest.trim())
}

/// A line of the source as Markdown: "a) x" a lettered point, "- x" a bullet. Word's and
/// LibreOffice's automatic letters are the English alphabet's ("e), f), g)"), typed ones
/// Vietnamese ("đ), e), g)"): either is a point, the documents letter them again.
fn md_line(t: &str) -> String {
    let mut chars = t.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next()) {
        if c.is_ascii_lowercase()
            || crate::numbering::POINT_LETTERS.contains(&c.to_string().as_str())
        {
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

pub(super) fn md(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| md_line(l))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Sentences our own documents add to refer to the appendices; not content.
pub(super) fn is_reference_sentence(t: &str) -> bool {
    let f = fold(t);
    f.contains(" tai phu luc")
        && (f.starts_with("danh muc nhiem vu")
            || f.starts_with("cac chi tieu cu the")
            || f.starts_with("danh sach van ban"))
}

/// "tối thiểu 90%", "trên 70%", "đạt 100%", "khoảng 20%", "65-70%" inside a sentence.
pub(super) fn indicators_in(text: &str, flags: &mut Vec<Flag>, place: &str) -> Vec<Indicator> {
    let mut out = Vec::new();
    for clause in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .flat_map(sentences)
        .flat_map(|c| one_target_each(&c))
    {
        let clause = clause.as_str();
        let Some((comparator, target, max)) = percent_target(clause) else {
            continue;
        };
        let name = clause
            .trim_start_matches(['-', '–'])
            .trim()
            .trim_end_matches('.')
            .to_string();
        if is_fragment(&name) {
            // "có 60% hộ gia đình ở khu vực phường": the rest of a sentence, not a name; the
            // text keeps it, the planner decides whether it is an indicator.
            flags.push(Flag {
                place: place.to_string(),
                message: format!(
                    "Không tạo chỉ tiêu từ «{name}»: đoạn câu chưa đủ để làm tên chỉ tiêu (vẫn giữ trong nội dung mục tiêu); nếu cần, thêm chỉ tiêu bằng tay."
                ),
            });
            continue;
        }
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
            measured: None,
        });
    }
    out
}

/// The percentage a clause sets as its target: the comparator its words before the number
/// say ("tối thiểu", "trên", "khoảng", a range "60-70%"), the target and a range's upper end.
fn percent_target(clause: &str) -> Option<(Comparator, Decimal, Option<Decimal>)> {
    let before = &clause[..clause.find('%')?];
    let number_start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '-'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, |c| c.len_utf8())
        });
    let number = &before[number_start..];
    if number.is_empty() {
        return None;
    }
    let words = fold(&before[..number_start]);
    match number.split_once('-') {
        Some((a, b)) => Some((
            Comparator::Range,
            crate::format::parse_money(a)?,
            crate::format::parse_money(b),
        )),
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
            Some((c, crate::format::parse_money(number)?, None))
        }
    }
}

/// The rest of a sentence rather than an indicator's name: it starts with a word that
/// continues what came before ("có 60% hộ gia đình…", "và", "đạt", "trong đó").
fn is_fragment(name: &str) -> bool {
    let f = fold(name);
    f.is_empty()
        || ["co ", "va ", "dat ", "trong do", "voi ", "con lai "]
            .iter()
            .any(|w| f.starts_with(w))
}

/// "…mô hình họp không giấy. Văn bản được … đạt 100%": the sentences of a clause (a full
/// stop, then a capital), so an indicator is named from its own sentence only.
fn sentences(clause: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in clause.match_indices(". ") {
        if clause[i + 2..].starts_with(char::is_uppercase) {
            out.push(clause[start..=i].trim().to_string());
            start = i + 2;
        }
    }
    out.push(clause[start..].trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

/// "Tỷ lệ A đạt 90%, tỷ lệ B đạt 50% và 80% người dân hài lòng" → one clause per target:
/// split at ", " and " và ", a piece without a figure staying with the piece before it.
fn one_target_each(clause: &str) -> Vec<String> {
    if clause.matches('%').count() < 2 {
        return vec![clause.to_string()];
    }
    // Each piece with the separator written before it, so that pieces joined back read as
    // the source ("tạo lập và xử lý" stayed "tạo lập, xử lý", and no longer matched the goal).
    let mut parts: Vec<(&str, &str)> = Vec::new();
    let (mut rest, mut sep) = (clause, "");
    loop {
        let next = [", ", " và "]
            .into_iter()
            .filter_map(|s| rest.find(s).map(|i| (i, s)))
            .min_by_key(|(i, _)| *i);
        let Some((i, s)) = next else {
            parts.push((sep, rest));
            break;
        };
        parts.push((sep, &rest[..i]));
        (sep, rest) = (s, &rest[i + s.len()..]);
    }
    let mut pieces: Vec<String> = Vec::new();
    for (sep, piece) in parts {
        match pieces.last_mut() {
            Some(last) if !piece.contains('%') || !last.contains('%') => {
                last.push_str(sep);
                last.push_str(piece);
            }
            _ => pieces.push(piece.to_string()),
        }
    }
    pieces
}

pub(super) fn pillar_of(title: &str) -> Option<Pillar> {
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
pub(super) fn budget_lines(text: &str) -> Vec<BudgetLine> {
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

/// Last year's task as our own Phần I prints it: "- Tên nhiệm vụ: hoàn thành. Kết quả…",
/// the status one of the model's (or "chưa đánh giá"), under the area `group`.
pub(super) fn parse_task_review(line: &str, group: &str) -> Option<TaskReview> {
    let t = line.trim().strip_prefix(['-', '–'])?.trim();
    let (title, rest) = t.split_once(": ")?;
    let (status_text, result) = rest.split_once('.').unwrap_or((rest, ""));
    let status = match status_text {
        "chưa đánh giá" => None,
        s => Some(
            TaskStatus::ALL
                .into_iter()
                .find(|x| x.label().to_lowercase() == s)?,
        ),
    };
    let result = result.trim().trim_end_matches('.');
    Some(TaskReview {
        id: new_id(),
        group: group.to_string(),
        title: title.trim().to_string(),
        lead: Vec::new(),
        status,
        // The export adds the closing full stop.
        result: result.to_string(),
    })
}

/// "- Hồ sơ …: chỉ tiêu trên 30% — đạt." (how our documents review last year's indicators).
pub(super) fn parse_review(line: &str) -> Option<IndicatorReview> {
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
        measured: None,
    };
    Some(IndicatorReview {
        id: new_id(),
        indicator,
        actual,
        achieved,
        note: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_split_by_target_keeps_its_words() {
        let text = "Văn bản được tạo lập và xử lý trên môi trường mạng đạt tỷ lệ 100% và đạt tỷ lệ 70% đối với cơ quan cấp xã; 20% doanh nghiệp nhỏ và vừa sử dụng nền tảng số, 10% tham gia chương trình SMEdx.";
        let names: Vec<String> = indicators_in(text, &mut Vec::new(), "x")
            .into_iter()
            .map(|i| i.name)
            .collect();
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("Văn bản được tạo lập và xử lý")),
            "{names:?}"
        );
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("20% doanh nghiệp nhỏ và vừa")),
            "{names:?}"
        );
    }

    #[test]
    fn automatic_letters_past_e_are_points_too() {
        let lines: Vec<String> = ["a) một", "e) năm", "f) sáu", "đ) gõ tay", "- gạch"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            md(&lines),
            "1. một\n\n1. năm\n\n1. sáu\n\n1. gõ tay\n\n- gạch"
        );
    }

    #[test]
    fn several_targets_in_one_sentence_are_several_indicators() {
        let text = "- Tỷ lệ hồ sơ xử lý trực tuyến đạt tối thiểu 80%, tỷ lệ thanh toán trực tuyến trên 50% và 90% người dân hài lòng.";
        let found = indicators_in(text, &mut Vec::new(), "x");
        let got: Vec<(Comparator, Option<Decimal>)> =
            found.iter().map(|i| (i.comparator, i.target)).collect();
        assert_eq!(
            got,
            [
                (Comparator::AtLeast, Some(Decimal::from(80))),
                (Comparator::Above, Some(Decimal::from(50))),
                (Comparator::Equal, Some(Decimal::from(90))),
            ]
        );
        assert!(
            found[2].name.contains("người dân hài lòng"),
            "{}",
            found[2].name
        );
        // One figure: one indicator, the whole sentence its name.
        let one = indicators_in(
            "Tỷ lệ A đạt 1,5%, tăng so với năm trước",
            &mut Vec::new(),
            "x",
        );
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].name, "Tỷ lệ A đạt 1,5%, tăng so với năm trước");
        // The rest of a sentence is not an indicator: flagged, left in the text.
        let mut flags = Vec::new();
        let none = indicators_in(
            "- có 60% hộ gia đình ở khu vực phường, thị trấn",
            &mut flags,
            "x",
        );
        assert!(none.is_empty());
        assert!(
            flags[0].message.starts_with("Không tạo chỉ tiêu"),
            "{}",
            flags[0].message
        );
    }

    #[test]
    fn an_indicator_is_named_from_its_own_sentence() {
        let text = "Triển khai mô hình họp không giấy. Văn bản được tạo lập trên môi trường mạng đạt tỷ lệ 100%";
        let found = indicators_in(text, &mut Vec::new(), "x");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].name,
            "Văn bản được tạo lập trên môi trường mạng đạt tỷ lệ 100%"
        );
    }
}
