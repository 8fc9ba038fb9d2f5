//! What a task table holds that the plan does not take: columns it has no place for, and a
//! "Tổng cộng" row, checked against the tasks read rather than skipped unread.

use crate::model::*;

use super::TaskColumns;
use crate::import::Flag;

/// The columns of a task table the plan has no place for ("Ghi chú", a second "Phối hợp",
/// a year's figures), with what their task rows held: said, not dropped without a word.
#[derive(Default)]
pub(super) struct UnusedColumns {
    /// Column → (tasks with text in it, the first: task number and text).
    filled: std::collections::BTreeMap<usize, (usize, String, String)>,
}

impl UnusedColumns {
    pub(super) fn note(&mut self, table: &TaskColumns, r: &[String], no: &str, title: &str) {
        for (i, text) in r.iter().enumerate() {
            let text = text.trim();
            // A cell merged across the row repeats the title: nothing of its own.
            if text.is_empty() || text == title || table.cols.iter().any(|(_, c)| *c == i) {
                continue;
            }
            let e = self
                .filled
                .entry(i)
                .or_insert_with(|| (0, no.to_string(), text.to_string()));
            e.0 += 1;
        }
    }

    pub(super) fn flags(self, table: &TaskColumns) -> Vec<Flag> {
        let head = |i: usize| {
            let h = table.heads.get(i).map_or("", |h| h.trim());
            if h.is_empty() {
                format!("cột thứ {}", i + 1)
            } else {
                format!("cột «{h}»")
            }
        };
        const LISTED: usize = 5;
        let mut out: Vec<Flag> = self
            .filled
            .iter()
            .take(LISTED)
            .map(|(&i, (n, no, text))| Flag {
                place: format!("Phụ lục, {}", head(i)),
                message: format!(
                    "Bảng nhiệm vụ có {} mà kế hoạch không có chỗ: nội dung ở {n} nhiệm vụ chưa được đưa vào (nhiệm vụ {no}: «{}»).",
                    head(i),
                    crate::text::shortened(text, 120)
                ),
            })
            .collect();
        if self.filled.len() > LISTED {
            out.push(Flag {
                place: "Phụ lục".into(),
                message: format!(
                    "Còn {} cột khác của bảng nhiệm vụ có nội dung chưa được đưa vào.",
                    self.filled.len() - LISTED
                ),
            });
        }
        out
    }
}

/// Whether a text names a total: "Tổng", "Tổng cộng", "Tổng số", "Tổng kinh phí", "Cộng",
/// "Cộng nhóm 1". Read with its marks: folded, "Cộng" is "Công" and "Cổng", and a group
/// "Công nghiệp công nghệ số" or "Cổng dịch vụ công" was dropped as a total.
pub(super) fn is_total(text: &str) -> bool {
    let t = crate::text::nfc(text.trim().trim_end_matches(':')).to_lowercase();
    t == "tổng"
        || t.split_whitespace().next() == Some("cộng")
        || ["tổng cộng", "tổng số", "tổng kinh phí"]
            .iter()
            .any(|p| t.starts_with(p))
}

/// "Tổng cộng" (or "Tổng", "Cộng") opening a row that has no task number of its own.
pub(super) fn total_label(r: &[String], no: &str) -> Option<String> {
    let first = r.iter().map(|c| c.trim()).find(|c| !c.is_empty())?;
    (is_total(first) && (no.is_empty() || no == first.trim_end_matches('.')))
        .then(|| first.to_string())
}

/// A total row's amount against the tasks read: the whole appendix, this table, or the group
/// above (a subtotal). When none agrees, the planner is told — an amount read wrong (written
/// "1,234.5" the English way, say) or a total that was wrong in the source.
pub(super) fn check_total(
    r: &[String],
    label: &str,
    table: &TaskColumns,
    groups: &[TaskGroup],
    tasks_in_table: usize,
    flags: &mut Vec<Flag>,
) {
    let lines = table.budget(r);
    let Some(written) = table
        .written_total(r)
        .or_else(|| (!lines.is_empty()).then(|| crate::budget::sum(&lines)))
    else {
        return;
    };
    let sum = |tasks: &[&Task]| {
        crate::budget::total(tasks.iter().flat_map(|t| t.budget.iter()).map(|l| l.amount))
    };
    let all: Vec<&Task> = groups.iter().flat_map(|g| g.tasks.iter()).collect();
    let this_table = &all[all.len().saturating_sub(tasks_in_table)..];
    let last_group: Vec<&Task> = groups
        .last()
        .map_or(Vec::new(), |g| g.tasks.iter().collect());
    let read = sum(&all);
    if written != read && written != sum(this_table) && written != sum(&last_group) {
        flags.push(Flag {
            place: format!("Phụ lục, dòng «{label}»"),
            message: format!(
                "Dòng «{label}» ghi {} triệu đồng nhưng kinh phí các nhiệm vụ đọc được cộng lại {} triệu đồng: cần kiểm tra số tiền từng nhiệm vụ (và cách viết số, 1.234,5 hay 1,234.5).",
                crate::format::money(written),
                crate::format::money(read)
            ),
        });
    }
}
