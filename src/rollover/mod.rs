//! Next year's plan from this year's: what is carried, what is reset, what is dropped, and
//! every mention of the plan year that is moved forward — all listed for the planner to
//! review, none silent.

use std::collections::HashSet;
use ts_rs::TS;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::*;

pub mod reform;

pub use reform::ReformChange;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Tasks to carry although finished (by id).
    pub keep: HashSet<Id>,
    /// Tasks to leave behind although unfinished or recurring (by id).
    pub drop: HashSet<Id>,
    /// Changes of the 2025 reform the planner rejected (by `ReformChange::id`).
    pub reject: HashSet<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Replacement {
    /// Where: "Nhiệm vụ «…»", "Tầm nhìn", …
    pub place: String,
    pub before: String,
    pub after: String,
}

/// One task of the plan rolled over, and whether it went into the draft: the review lets
/// the planner turn each one around.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskDecision {
    /// The task's id, the same in both plans.
    pub id: Id,
    /// Its number in last year's plan: "3.2".
    pub number: String,
    pub title: String,
    pub carried: bool,
    /// What the roll-over's own rule would do, before any choice.
    pub carried_by_default: bool,
    /// Why, in the planner's words: "đã hoàn thành", "chưa hoàn thành", "thường xuyên".
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct Report {
    pub from_year: i32,
    pub to_year: i32,
    /// What was carried (Vietnamese descriptions).
    pub carried: Vec<String>,
    /// Tasks carried, by title.
    pub tasks_carried: Vec<String>,
    /// Tasks left behind, with the reason.
    pub tasks_dropped: Vec<String>,
    /// Every task of last year's plan, carried or not, in plan order.
    pub tasks: Vec<TaskDecision>,
    /// Every change of a year in a text.
    pub replacements: Vec<Replacement>,
    /// Points to check by hand (legal bases still in force, …).
    pub to_review: Vec<String>,
    /// What was reset and never carried.
    pub reset: Vec<String>,
    /// Across the 2025 reform: each change it calls for, accepted or rejected.
    pub reform: Vec<ReformChange>,
}

/// "Kinh phí đã thực hiện 1.250 triệu đồng / 132.897,5 triệu đồng theo kế hoạch (12 nhiệm vụ
/// đã báo cáo)." when spending was tracked; empty otherwise.
fn spent_text(plan: &Plan) -> String {
    let reported: Vec<rust_decimal::Decimal> =
        plan.tasks().filter_map(|(_, t)| t.progress.spent).collect();
    if reported.is_empty() {
        return String::new();
    }
    format!(
        "Kinh phí đã thực hiện {} triệu đồng / {} triệu đồng theo kế hoạch ({} nhiệm vụ đã báo cáo).",
        crate::format::money(crate::budget::total(reported.iter().copied())),
        crate::format::money(crate::budget::grand_total(plan)),
        reported.len()
    )
}

/// Whether anything was reported about a task during its year.
fn tracked(t: &Task) -> bool {
    t.status != TaskStatus::default() || t.progress != Progress::default()
}

/// Replaces the year `from` by `to` where it names the plan year: a whole number, not a
/// date ("03/11/2023"), not one end of a period ("2022 - 2025").
pub fn shift_year_mentions(text: &str, from: i32, to: i32) -> String {
    let needle = from.to_string();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        let before = if i == 0 { None } else { Some(chars[i - 1]) };
        let after = chars.get(i + 4).copied();
        let whole = rest == needle
            && !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit());
        if whole && !in_date_or_period(&chars, i) {
            out.push_str(&to.to_string());
            i += 4;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    // A target "so với năm N−1" compares with the year before the plan's: the new plan's
    // (after the pass above, so "năm 2025" of a 2026 plan does not go on to 2027).
    out.replace(
        &format!("so với năm {}", from - 1),
        &format!("so với năm {}", to - 1),
    )
}

/// True when the number at `at` is part of a date ("03/11/2023", "Quý III/2023") or one
/// end of a period ("2022 - 2023", "2023–2025"), not when it follows a bullet dash.
fn in_date_or_period(chars: &[char], at: usize) -> bool {
    let before: Vec<char> = chars[..at]
        .iter()
        .rev()
        .copied()
        .skip_while(|c| *c == ' ')
        .take(3)
        .collect();
    let after: Vec<char> = chars[(at + 4).min(chars.len())..]
        .iter()
        .copied()
        .skip_while(|c| *c == ' ')
        .take(3)
        .collect();
    let dash = |c: char| c == '-' || c == '–';
    let after_digit = |v: &[char]| {
        v.iter()
            .skip(1)
            .find(|c| **c != ' ')
            .is_some_and(|c| c.is_ascii_digit())
    };
    before.first() == Some(&'/')
        || after.first() == Some(&'/')
        || before.first().copied().is_some_and(dash) && after_digit(&before)
        || after.first().copied().is_some_and(dash) && after_digit(&after)
}

/// The two versions of a line, cut to about 50 characters each side of the first change.
fn excerpt(before: &str, after: &str) -> (String, String) {
    let b: Vec<char> = before.chars().collect();
    let a: Vec<char> = after.chars().collect();
    let first = b.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(0);
    let start = first.saturating_sub(50);
    let cut = |v: &[char]| {
        let end = (first + 54).min(v.len());
        let mut s: String = v[start..end].iter().collect();
        if start > 0 {
            s.insert(0, '…');
        }
        if end < v.len() {
            s.push('…');
        }
        s
    };
    (cut(&b), cut(&a))
}

/// A deadline moved by `years` (the plan's year to the new one; more than one when a year
/// was skipped); yearly and continuous deadlines stay.
fn shift_deadline(d: &Deadline, years: i32) -> Deadline {
    match *d {
        Deadline::Date { date } => Deadline::Date {
            date: date
                .with_year(date.year() + years)
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(date.year() + years, 2, 28).unwrap()),
        },
        Deadline::Month { year, month } => Deadline::Month {
            year: year + years,
            month,
        },
        Deadline::Quarter { year, quarter } => Deadline::Quarter {
            year: year + years,
            quarter,
        },
        Deadline::Year { year } => Deadline::Year { year: year + years },
        Deadline::YearRange { from, to } => Deadline::YearRange {
            from: from + years,
            to: to + years,
        },
        Deadline::Recurring { .. } | Deadline::Continuous => d.clone(),
    }
}

fn recurring(t: &Task) -> bool {
    matches!(
        t.deadline,
        Some(Deadline::Recurring { .. }) | Some(Deadline::Continuous)
    )
}

fn finished(t: &Task) -> bool {
    matches!(t.status, TaskStatus::HoanThanh | TaskStatus::KhongThucHien)
}

/// Year mentions moved from `from` to `to` in the carried texts, each change recorded for
/// the review (one entry per changed line, cropped around the change, so it can be read).
struct Shift {
    from: i32,
    to: i32,
    replacements: Vec<Replacement>,
}

impl Shift {
    fn text(&mut self, place: String, text: &str) -> String {
        let after = shift_year_mentions(text, self.from, self.to);
        if after != text {
            for (b, a) in text.lines().zip(after.lines()).filter(|(b, a)| b != a) {
                let (before, after) = excerpt(b, a);
                self.replacements.push(Replacement {
                    place: place.clone(),
                    before,
                    after,
                });
            }
        }
        after
    }
}

/// Plan N → draft plan N+1 (`to_year` is normally N+1) and the review of what happened.
pub fn rollover(plan: &Plan, to_year: i32, opts: &Options) -> (Plan, Report) {
    let from = plan.identity.year;
    let mut r = Report {
        from_year: from,
        to_year,
        ..Default::default()
    };
    let mut shift = Shift {
        from,
        to: to_year,
        replacements: Vec::new(),
    };
    let mut next = plan.clone();
    carry_prose(plan, &mut next, &mut shift);
    carry_tasks(&mut next, opts, &mut shift, &mut r);
    r.replacements = shift.replacements;
    // The new Phần I reviews year N: its indicators and tasks, with empty slots.
    next.assessment = review_of(plan);
    if to_year - from > 1 {
        // Phần I prints "kết quả thực hiện năm {to_year - 1}" over the tasks of `from`: said
        // in the review and kept in the plan (a warning of the check) until the planner
        // removes it.
        let note = skipped_years(from, to_year);
        r.to_review.push(note.clone());
        next.to_review.push(crate::model::ReviewNote {
            id: new_id(),
            place: "Phần I (đánh giá năm trước)".into(),
            message: note,
        });
    }
    if let Some(note) = carried_budget(&next, from, to_year) {
        r.to_review.push(note.clone());
        next.to_review.push(crate::model::ReviewNote {
            id: new_id(),
            place: "Kinh phí".into(),
            message: note,
        });
    }
    summarise(plan, &next, &mut r);
    let cats = crate::catalogue::Catalogues::builtin();
    if reform::crosses(from, to_year) {
        r.reform = reform::apply(&mut next, cats, &opts.reject);
    }
    if to_year >= crate::validation::REFORM_YEAR {
        r.to_review.extend(reform::district_work(&next, cats));
    }
    (next, r)
}

/// The identity (but for what belongs to the issued document), the prose, the goals and
/// indicators, carried with their years moved; last year's budget figures dropped.
fn carry_prose(plan: &Plan, next: &mut Plan, shift: &mut Shift) {
    let id = &mut next.identity;
    id.year = shift.to;
    id.title = shift.text("Trích yếu".into(), &plan.identity.title);
    id.opening = shift.text("Phần mở đầu".into(), &plan.identity.opening);
    id.number = None;
    id.issue_date = None;
    id.status = PlanStatus::Draft;
    id.decision = None;
    id.report_number = None;
    // Next year's Tờ trình is a new one: the same department and signer, no number or date.
    id.submission = id.submission.take().map(|s| crate::model::Submission {
        number: None,
        issue_date: None,
        ..s
    });

    // This year's consultation on the draft was about this year's draft.
    next.consultation = None;

    next.vision = shift.text("Tầm nhìn".into(), &plan.vision);
    next.general_goal = shift.text("Mục tiêu tổng quát".into(), &plan.general_goal);
    for s in &mut next.solutions {
        s.text = shift.text(format!("Giải pháp «{}»", s.title), &s.text);
    }
    for d in &mut next.organisation.duties {
        d.text = shift.text(format!("Tổ chức thực hiện «{}»", d.heading), &d.text);
    }
    next.organisation.closing = shift.text("Đoạn kết".into(), &plan.organisation.closing);
    // Last year's budget paragraph states last year's figures: the new year's budget is
    // what its lines add up to (printed from them), and any narrative is written anew.
    next.budget.narrative = String::new();
    // Estimates not tied to a task were for year N.
    next.budget.unallocated.clear();

    // Goals: targets kept as a proposal; baseline = the actual reached in year N.
    for g in &mut next.specific_goals {
        g.text = shift.text(format!("Mục tiêu «{}»", g.title), &g.text);
        for ind in &mut g.indicators {
            ind.name = shift.text(format!("Chỉ tiêu «{}»", ind.name), &ind.name);
            ind.baseline = ind.actual.take();
            ind.measured = None;
            ind.target_date = ind
                .target_date
                .as_ref()
                .map(|d| shift_deadline(d, shift.to - shift.from));
        }
    }
}

/// Tasks: unfinished and recurring ones carried, unless the planner chose otherwise; each
/// decision recorded with its reason.
fn carry_tasks(next: &mut Plan, opts: &Options, shift: &mut Shift, r: &mut Report) {
    for (gi, g) in next.groups.iter_mut().enumerate() {
        g.intro = shift.text(format!("Nhóm «{}»", g.title), &g.intro);
        let tasks = std::mem::take(&mut g.tasks);
        for (ti, t) in tasks.into_iter().enumerate() {
            let default_carry = !finished(&t) || recurring(&t);
            let carry = (default_carry || opts.keep.contains(&t.id)) && !opts.drop.contains(&t.id);
            let reason = if recurring(&t) {
                "thường xuyên, hằng năm"
            } else if finished(&t) {
                t.status.label()
            } else {
                "chưa hoàn thành"
            };
            r.tasks.push(TaskDecision {
                id: t.id.clone(),
                number: crate::numbering::task_number(gi, ti),
                title: t.title.clone(),
                carried: carry,
                carried_by_default: default_carry,
                reason: reason.to_string(),
            });
            if !carry {
                let why = if opts.drop.contains(&t.id) {
                    "bỏ theo lựa chọn"
                } else {
                    "đã hoàn thành hoặc không thực hiện"
                };
                r.tasks_dropped.push(format!("{} ({why})", t.title));
                continue;
            }
            let mut t = t;
            t.title = shift.text(format!("Nhiệm vụ «{}»", t.title), &t.title);
            t.description = shift.text(format!("Mô tả nhiệm vụ «{}»", t.title), &t.description);
            t.output = shift.text(format!("Sản phẩm nhiệm vụ «{}»", t.title), &t.output);
            t.deadline = t
                .deadline
                .as_ref()
                .map(|d| shift_deadline(d, shift.to - shift.from));
            t.status = TaskStatus::default();
            t.progress = Progress::default();
            r.tasks_carried.push(t.title.clone());
            g.tasks.push(t);
        }
    }
}

/// Phần I of the new plan: an area per group, last year's indicators and tasks with what
/// was tracked during the year (untracked ones keep empty slots), the budget spent, and the
/// documents issued that year.
fn review_of(plan: &Plan) -> Assessment {
    let from = plan.identity.year;
    Assessment {
        goals_review: String::new(),
        sections: plan
            .groups
            .iter()
            .map(|g| NarrativeSection {
                id: new_id(),
                title: g.title.clone(),
                text: String::new(),
            })
            .collect(),
        budget_spent: spent_text(plan),
        indicators: plan
            .indicators()
            .map(|(_, i)| IndicatorReview {
                id: new_id(),
                indicator: Indicator {
                    actual: None,
                    measured: None,
                    ..i.clone()
                },
                actual: i.actual,
                achieved: i.reached(i.actual),
                note: String::new(),
            })
            .collect(),
        tasks: plan
            .groups
            .iter()
            .flat_map(|g| {
                g.tasks.iter().map(move |t| TaskReview {
                    id: new_id(),
                    group: g.title.clone(),
                    title: t.title.clone(),
                    lead: t.lead.clone(),
                    status: tracked(t).then_some(t.status),
                    result: t.progress.note.clone(),
                })
            })
            .collect(),
        documents: plan
            .legal_bases
            .iter()
            .chain(plan.assessment.documents.iter())
            .filter(|d| d.date.is_some_and(|x| x.year() == from))
            .cloned()
            .collect(),
    }
}

/// What a roll-over across years without a plan must say: Phần I is the review of the year
/// before the new plan, and the plan rolled over is not that year's.
fn skipped_years(from: i32, to_year: i32) -> String {
    let last = to_year - 1;
    format!(
        "Kế hoạch gốc là năm {from}, không phải năm {last}: Phần I đang liệt kê nhiệm vụ và chỉ tiêu năm {from}, trong khi văn bản in «đánh giá kết quả thực hiện năm {last}». Hãy đánh giá kết quả năm {last} (tốt nhất là chuyển tiếp từ kế hoạch năm {last} nếu đã có), rồi đánh dấu «Đã xem» ghi chú này."
    )
}

/// The tasks carried with their amounts: those are the estimates of `from`, and the new
/// plan's total is made of them until the planner sets the year's (a note until seen).
fn carried_budget(next: &Plan, from: i32, to_year: i32) -> Option<String> {
    let with_budget: Vec<&Task> = next
        .tasks()
        .map(|(_, t)| t)
        .filter(|t| !t.budget.is_empty())
        .collect();
    if with_budget.is_empty() {
        return None;
    }
    let total = crate::budget::total(
        with_budget
            .iter()
            .flat_map(|t| t.budget.iter())
            .map(|l| l.amount),
    );
    Some(format!(
        "{} nhiệm vụ mang sang còn giữ kinh phí dự kiến của năm {from} (cộng {}): hãy xác định lại kinh phí năm {to_year} cho từng nhiệm vụ, rồi đánh dấu «Đã xem» ghi chú này.",
        with_budget.len(),
        crate::format::money_million(total)
    ))
}

/// What the review lists as carried, reset and to check.
fn summarise(plan: &Plan, next: &Plan, r: &mut Report) {
    let (from, to_year) = (r.from_year, r.to_year);
    let moved = next
        .tasks()
        .filter(|(_, t)| t.deadline.as_ref().is_some_and(|d| d.span().is_some()))
        .count();
    r.carried = vec![
        format!(
            "Thời hạn của {moved} nhiệm vụ và của các chỉ tiêu lùi {} năm (thời hạn hằng năm, thường xuyên giữ nguyên)",
            to_year - from
        ),
        format!("Tỉnh, danh bạ {} cơ quan, nơi nhận, đơn vị soạn thảo", plan.directory.len()),
        format!("{} căn cứ pháp lý (cần rà soát hiệu lực)", plan.legal_bases.len()),
        "Tầm nhìn, mục tiêu tổng quát, giải pháp, tổ chức thực hiện".into(),
        format!("{} nhóm nhiệm vụ", plan.groups.len()),
        format!("{} chỉ tiêu (mục tiêu giữ làm đề xuất; giá trị năm trước lấy từ kết quả đã nhập)", plan.indicators().count()),
        format!("Phần I: {} chỉ tiêu và {} nhiệm vụ năm {from} để đánh giá", next.assessment.indicators.len(), next.assessment.tasks.len()),
    ];
    for b in &plan.legal_bases {
        r.to_review.push(format!(
            "Căn cứ còn hiệu lực? {}",
            crate::narrative::plain(&b.citation())
        ));
    }
    r.reset = vec![
        "Số văn bản, ngày ban hành, quyết định ban hành: để trống".into(),
        "Trạng thái nhiệm vụ và kết quả thực hiện: đặt lại".into(),
        "Kinh phí chung chưa phân bổ của năm trước: bỏ".into(),
        "Thuyết minh kinh phí của năm trước (số liệu năm trước): bỏ, viết lại cho năm mới nếu cần"
            .into(),
        "Bản chính thức → dự thảo".into(),
    ];
    if !plan.identity.signer.name.trim().is_empty() {
        r.to_review.push(format!(
            "Người ký: {} ({}) — người ký kế hoạch năm {from}; kiểm tra lại cho năm {to_year}",
            plan.identity.signer.name, plan.identity.signer.title
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::shift_year_mentions as s;

    #[test]
    fn a_comparison_with_the_year_before_moves_with_it() {
        assert_eq!(
            s("tăng 5% so với năm 2025; năm 2026", 2026, 2027),
            "tăng 5% so với năm 2026; năm 2027"
        );
        assert_eq!(
            s("tăng 5% so với năm 2022", 2023, 2027),
            "tăng 5% so với năm 2026"
        );
    }

    #[test]
    fn only_the_plan_year_moves() {
        assert_eq!(
            s("Tuần lễ Chuyển đổi số năm 2023", 2023, 2024),
            "Tuần lễ Chuyển đổi số năm 2024"
        );
        assert_eq!(
            s("giai đoạn 2022 - 2025", 2025, 2026),
            "giai đoạn 2022 - 2025"
        );
        assert_eq!(s("giai đoạn 2023-2025", 2023, 2024), "giai đoạn 2023-2025");
        assert_eq!(s("ngày 03/11/2023", 2023, 2024), "ngày 03/11/2023");
        assert_eq!(
            s("Quý III/2023", 2023, 2024),
            "Quý III/2023",
            "a written deadline is a date, moved structurally"
        );
        assert_eq!(s("số 20230", 2023, 2024), "số 20230");
        assert_eq!(
            s("năm 2023 và năm 2023.", 2023, 2024),
            "năm 2024 và năm 2024."
        );
        assert_eq!(
            s("- 2023 là năm số liệu", 2023, 2024),
            "- 2024 là năm số liệu",
            "a bullet dash is not a period"
        );
        assert_eq!(s("2023 – 2025", 2023, 2024), "2023 – 2025");
    }
}
