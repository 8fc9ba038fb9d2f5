//! Indicator tables ("Chỉ tiêu | Đơn vị tính | Năm 2025 | Mục tiêu 2026") and the targets
//! written in their cells ("Trên 70%", "tối thiểu 90%", "65-70%").

use rust_decimal::Decimal;

use crate::model::*;
use crate::text::fold;

use crate::import::Flag;

/// "Trên 70%", "tối thiểu 90%", "65-70%", "Đạt 236 thủ tục" → comparator, target, upper
/// bound, unit.
pub(in crate::import) fn parse_target(
    text: &str,
) -> Option<(Comparator, Decimal, Option<Decimal>, String)> {
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

/// The columns of an indicator table, from its header: our own appendix ("TT | Chỉ tiêu |
/// Mục tiêu | Giá trị năm trước | Thời hạn") or an office's ("Chỉ tiêu | Đơn vị tính | Năm
/// 2025 | Mục tiêu 2026").
#[derive(Debug, Default)]
struct IndicatorColumns {
    no: Option<usize>,
    name: Option<usize>,
    unit: Option<usize>,
    target: Option<usize>,
    baseline: Option<usize>,
    date: Option<usize>,
}

fn indicator_columns(header: &[String]) -> IndicatorColumns {
    let mut c = IndicatorColumns::default();
    for (i, h) in header.iter().enumerate() {
        let f = fold(h);
        let has_year = h.chars().any(|ch| ch.is_ascii_digit());
        let slot = if f == "tt" || f == "stt" {
            &mut c.no
        } else if f.starts_with("muc tieu")
            || f.starts_with("ke hoach")
            || (f.starts_with("chi tieu") && has_year)
        {
            &mut c.target
        } else if f == "chi tieu"
            || f.starts_with("ten chi tieu")
            || f.starts_with("noi dung chi tieu")
        {
            &mut c.name
        } else if f.starts_with("don vi") || f == "dvt" {
            &mut c.unit
        } else if f.starts_with("thoi han") || f.starts_with("thoi gian") {
            &mut c.date
        } else if f.starts_with("gia tri")
            || f.contains("thuc hien")
            || f.starts_with("hien trang")
            || f.starts_with("ket qua")
            || (f.starts_with("nam") && has_year)
        {
            &mut c.baseline
        } else {
            continue;
        };
        slot.get_or_insert(i);
    }
    c
}

/// Whether a table is an indicator table: a column naming the indicator and one its target.
pub(in crate::import) fn is_indicator_table(rows: &[Vec<String>]) -> bool {
    rows.first().is_some_and(|h| {
        let c = indicator_columns(h);
        c.name.is_some() && c.target.is_some()
    })
}

/// Indicator table rows: a goal's row ("1 | goal", our own appendix) chooses the goal the
/// indicators under it belong to; an indicator row has a name and a target. A table without
/// goal rows (an office's list of main indicators) goes to the goal whose heading speaks of
/// indicators, or to a new one, said in a flag.
pub(in crate::import) fn read_indicator_table(
    rows: &[Vec<String>],
    goals: &mut Vec<Goal>,
    flags: &mut Vec<Flag>,
) {
    let Some(cols) = rows.first().map(|h| indicator_columns(h)) else {
        return;
    };
    let get = |r: &[String], c: Option<usize>| -> String {
        c.and_then(|i| r.get(i))
            .map_or(String::new(), |t| t.trim().to_string())
    };
    let mut gi: Option<usize> = None;
    for r in &rows[1..] {
        let no = get(r, cols.no.or(Some(0)));
        let name = get(r, cols.name);
        let target = get(r, cols.target);
        let goal_row = !no.is_empty()
            && no.chars().all(|c| c.is_ascii_digit())
            && (target.is_empty() || target == name);
        if goal_row {
            let n: usize = no.parse().unwrap_or(0);
            gi = (n >= 1 && n <= goals.len()).then(|| n - 1);
            if let Some(g) = gi {
                goals[g].indicators.clear();
            }
            continue;
        }
        if name.is_empty() {
            continue;
        }
        let Some((comparator, t, max, written_unit)) = parse_target(&target) else {
            continue;
        };
        let g = match gi {
            Some(g) => g,
            None => {
                let g = main_indicators_goal(goals, flags);
                gi = Some(g);
                g
            }
        };
        let (name, denominator) = match name.rsplit_once(" (trên tổng số ") {
            Some((n, d)) => (n.to_string(), Some(d.trim_end_matches(')').to_string())),
            None => (name.clone(), None),
        };
        let unit = Some(get(r, cols.unit))
            .filter(|u| !u.is_empty())
            .unwrap_or(written_unit);
        goals[g].indicators.push(Indicator {
            id: new_id(),
            name,
            unit,
            comparator,
            target: Some(t),
            target_max: max,
            denominator,
            baseline: crate::format::parse_money(get(r, cols.baseline).trim_end_matches('%')),
            actual: None,
            target_date: Deadline::parse(&get(r, cols.date)),
            catalogue_ref: None,
            measured: None,
        });
    }
}

/// The goal a table of main indicators belongs to: the last one headed as indicators
/// ("Các chỉ tiêu chủ yếu") that has none yet, or a new one.
fn main_indicators_goal(goals: &mut Vec<Goal>, flags: &mut Vec<Flag>) -> usize {
    if let Some(i) = goals
        .iter()
        .rposition(|g| fold(&g.title).contains("chi tieu") && g.indicators.is_empty())
    {
        return i;
    }
    let title = "Các chỉ tiêu chủ yếu".to_string();
    flags.push(Flag {
        place: format!("Mục tiêu «{title}»"),
        message: "Bảng chỉ tiêu không thuộc mục tiêu nào: đã đưa vào mục tiêu này, xếp vào trụ cột «Khác».".into(),
    });
    goals.push(Goal {
        id: new_id(),
        pillar: Pillar::Khac,
        title,
        text: String::new(),
        indicators: Vec::new(),
    });
    goals.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An indicator table is known by a column naming the indicator and one its target; a
    /// budget table ("Nội dung | Kế hoạch năm 2026") is not one.
    #[test]
    fn indicator_tables_by_their_columns() {
        let t = |cells: &[&str]| vec![cells.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
        assert!(is_indicator_table(&t(&[
            "TT",
            "Chỉ tiêu",
            "Mục tiêu",
            "Giá trị năm trước",
            "Thời hạn"
        ])));
        assert!(is_indicator_table(&t(&[
            "TT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Năm 2025",
            "Mục tiêu 2026"
        ])));
        assert!(is_indicator_table(&t(&[
            "STT",
            "Tên chỉ tiêu",
            "ĐVT",
            "Kế hoạch năm 2026"
        ])));
        assert!(!is_indicator_table(&t(&[
            "TT",
            "Nội dung",
            "Kế hoạch năm 2026",
            "Ghi chú"
        ])));
        assert!(!is_indicator_table(&t(&["TT", "Chỉ tiêu", "Ghi chú"])));
    }
}
