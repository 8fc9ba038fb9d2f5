//! Budget totals, always computed from the lines (task lines plus unallocated estimates).

use std::collections::BTreeMap;
use ts_rs::TS;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{BudgetLevel, BudgetLine, BudgetSource, Plan};

#[derive(Debug, Clone, PartialEq, Serialize, Default, TS)]
pub struct Totals {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// Keyed by source then level; a missing source or level is `None`.
    pub by_source_level: Vec<Cell>,
    pub by_source: Vec<Amount<Option<BudgetSource>>>,
    pub by_level: Vec<Amount<Option<BudgetLevel>>>,
    /// Per group, in plan order (group id, amount).
    pub by_group: Vec<Amount<String>>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub unallocated: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Cell {
    pub source: Option<BudgetSource>,
    pub level: Option<BudgetLevel>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Amount<K> {
    pub key: K,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// The sources of some lines, short and without repetition: "Thường xuyên; Xã hội hóa".
pub fn sources_text(lines: &[BudgetLine]) -> String {
    distinct(
        lines
            .iter()
            .map(|l| l.source.map_or("Chưa xác định", |s| s.short_label())),
    )
    .join("; ")
}

/// One budget line as a table's "Nguồn" cell names it: "Thường xuyên, cấp tỉnh", "Ngân sách
/// trung ương" (its note), "Chưa xác định".
pub fn line_label(l: &BudgetLine) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = l.source {
        parts.push(s.short_label().to_string());
    }
    if let Some(v) = l.level {
        parts.push(format!("cấp {}", v.short_label().to_lowercase()));
    }
    if !l.note.trim().is_empty() {
        parts.push(l.note.trim().to_string());
    }
    match parts.join(", ") {
        t if t.is_empty() => "Chưa xác định".to_string(),
        t => crate::format::capitalise_first(&t),
    }
}

/// The lines of a task's budget as its "Nguồn" cell prints them, one per line: the label
/// alone for a single line (the amount is in its own column), "label: amount" for several.
pub fn lines_text(lines: &[BudgetLine]) -> Vec<String> {
    match lines {
        [] => Vec::new(),
        [one] => vec![line_label(one)],
        _ => lines
            .iter()
            .map(|l| format!("{}: {}", line_label(l), crate::format::money(l.amount)))
            .collect(),
    }
}

/// The budget levels of some lines: "Tỉnh; Xã".
pub fn levels_text(lines: &[BudgetLine]) -> String {
    distinct(
        lines
            .iter()
            .map(|l| l.level.map_or("Chưa xác định", |s| s.short_label())),
    )
    .join("; ")
}

fn distinct(items: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut v = Vec::new();
    for i in items {
        if !v.contains(&i) {
            v.push(i);
        }
    }
    v
}

/// The largest amount a budget line may hold, in million VND (a million tỷ đồng, about half
/// the country's yearly budget): anything above is a typing or import error, flagged by
/// validation ("budget.too_large").
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Money added without ever panicking: rust_decimal's `+` panics past about 7.9·10²⁸, which
/// a hand-edited plan file can reach; the sum then stops at the largest value and the
/// oversized line is a validation error.
pub fn add(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_add(b)
}

/// The sum of amounts, with `add`.
pub fn total(amounts: impl IntoIterator<Item = Decimal>) -> Decimal {
    amounts.into_iter().fold(Decimal::ZERO, add)
}

pub fn sum(lines: &[BudgetLine]) -> Decimal {
    total(lines.iter().map(|l| l.amount))
}

/// Every budget line of the plan: its tasks' and the unallocated ones.
pub fn all_lines(plan: &Plan) -> impl Iterator<Item = &BudgetLine> {
    plan.groups
        .iter()
        .flat_map(|g| g.tasks.iter().flat_map(|t| t.budget.iter()))
        .chain(plan.budget.unallocated.iter())
}

/// The plan's whole budget, for checks that need only that and not the breakdown.
pub fn grand_total(plan: &Plan) -> Decimal {
    total(all_lines(plan).map(|l| l.amount))
}

pub fn totals(plan: &Plan) -> Totals {
    let mut cells: BTreeMap<(Option<BudgetSource>, Option<BudgetLevel>), Decimal> = BTreeMap::new();
    for line in all_lines(plan) {
        let cell = cells.entry((line.source, line.level)).or_default();
        *cell = add(*cell, line.amount);
    }
    let mut by_source: BTreeMap<Option<BudgetSource>, Decimal> = BTreeMap::new();
    let mut by_level: BTreeMap<Option<BudgetLevel>, Decimal> = BTreeMap::new();
    for ((s, l), a) in &cells {
        let source = by_source.entry(*s).or_default();
        *source = add(*source, *a);
        let level = by_level.entry(*l).or_default();
        *level = add(*level, *a);
    }
    Totals {
        total: total(cells.values().copied()),
        by_source_level: cells
            .into_iter()
            .map(|((source, level), amount)| Cell {
                source,
                level,
                amount,
            })
            .collect(),
        by_source: by_source
            .into_iter()
            .map(|(key, amount)| Amount { key, amount })
            .collect(),
        by_level: by_level
            .into_iter()
            .map(|(key, amount)| Amount { key, amount })
            .collect(),
        by_group: plan
            .groups
            .iter()
            .map(|g| Amount {
                key: g.id.clone(),
                amount: total(g.tasks.iter().map(|t| sum(&t.budget))),
            })
            .collect(),
        unallocated: sum(&plan.budget.unallocated),
    }
}

/// The budget section's sentences (Markdown bullets), from the totals: the total, then each
/// source with its split by budget level — "Nguồn chi thường xuyên: dự kiến bố trí
/// **132.897,5 triệu đồng**; trong đó, ngân sách cấp tỉnh là 106.247,5 triệu đồng, …".
pub fn summary(t: &Totals) -> Vec<String> {
    use crate::format::money_million;
    if t.total.is_zero() {
        return vec!["- Kinh phí thực hiện: chưa dự kiến.".to_string()];
    }
    let mut out = vec![format!(
        "- Tổng kinh phí dự kiến: **{}**.",
        money_million(t.total)
    )];
    for s in &t.by_source {
        let label = s
            .key
            .map_or("Kinh phí chưa xác định nguồn".to_string(), |k| {
                format!("Nguồn {}", k.label().to_lowercase())
            });
        let parts: Vec<String> = t
            .by_source_level
            .iter()
            .filter(|c| c.source == s.key)
            .map(|c| {
                format!(
                    "{} là {}",
                    c.level
                        .map_or("chưa xác định cấp ngân sách".to_string(), |l| l
                            .label()
                            .to_lowercase()),
                    money_million(c.amount)
                )
            })
            .collect();
        out.push(format!(
            "- {label}: dự kiến bố trí **{}**; trong đó, {}.",
            money_million(s.amount),
            parts.join(", ")
        ));
    }
    out
}
