//! The roll-over across the 2025 reform (a plan of 2025 or earlier to one of 2026 or later):
//! each change the reform calls for is proposed, applied unless the planner rejects it, and
//! listed in the review. What is left is flagged by validation (`currency` rules).
//!
//! The facts (which department took over which role, the merge map of provinces, which law
//! replaced which, the guidance letter of each year) come from the catalogues.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::catalogue::{Body, Catalogues, Kind as CatalogueKind};
use crate::model::*;
use crate::plantext::Place;
use crate::validation::wording::{Kind, Scanner};
use crate::validation::{gone_recipient, GoneRecipient, REFORM_YEAR};

/// One change the reform calls for, and whether it is in the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReformChange {
    /// Stable for the review's choices: "co-quan:so-tttt", "tinh", "kinh-phi:huyen", …
    pub id: String,
    /// What it is about: "Cơ quan", "Tỉnh", "Nơi nhận", "Kinh phí", "Căn cứ", "Hướng dẫn".
    pub what: String,
    pub before: String,
    pub after: String,
    pub accepted: bool,
}

/// Whether a roll-over from `from` to `to` crosses the reform.
pub fn crosses(from: i32, to: i32) -> bool {
    from < REFORM_YEAR && to >= REFORM_YEAR
}

struct Changes<'r> {
    list: Vec<ReformChange>,
    rejected: &'r HashSet<String>,
}

impl Changes<'_> {
    /// Records a proposed change; true when it is to be applied.
    fn propose(&mut self, id: String, what: &str, before: String, after: String) -> bool {
        let accepted = !self.rejected.contains(&id);
        self.list.push(ReformChange {
            id,
            what: what.into(),
            before,
            after,
            accepted,
        });
        accepted
    }
}

/// Applies the reform's changes to the draft `next` (already moved to its year), but for the
/// rejected ones; returns every change proposed.
pub fn apply(next: &mut Plan, cats: &Catalogues, rejected: &HashSet<String>) -> Vec<ReformChange> {
    let mut c = Changes {
        list: Vec::new(),
        rejected,
    };
    province(next, cats, &mut c);
    agencies(next, cats, &mut c);
    budget_levels(next, &mut c);
    recipients(next, &mut c);
    legal_bases(next, cats, &mut c);
    guidance(next, cats, &mut c);
    prose(next, cats, &mut c);
    c.list
}

/// Every sentence of the plan's text that names a body the reform ended by a name that has
/// a successor: the successor's name proposed in its place, sentence by sentence, each
/// change one line of the review ("van-ban:<place>:<n>"). Citations keep the name they cite.
fn prose(next: &mut Plan, cats: &Catalogues, c: &mut Changes) {
    let scanner = Scanner::new(next, cats);
    let mut edits: Vec<(Place, Vec<(usize, usize, String)>)> = Vec::new();
    for t in crate::plantext::texts(next) {
        let mut accepted = Vec::new();
        for (n, h) in scanner
            .scan(t.text, false)
            .into_iter()
            .filter(|h| h.kind == Kind::Retired)
            .enumerate()
        {
            let Some(successor) = h.successor.clone() else {
                continue;
            };
            let sentence = crate::plantext::sentence_at(t.text, h.start);
            let found = &t.text[h.start..h.end];
            let id = format!("van-ban:{}:{n}", t.place.key());
            let after = sentence.replacen(found, &successor, 1);
            let what = format!("Văn bản — {}", t.label);
            if c.propose(id, &what, sentence.to_string(), after) {
                accepted.push((h.start, h.end, successor));
            }
        }
        if !accepted.is_empty() {
            edits.push((t.place.clone(), accepted));
        }
    }
    for (place, mut changes) in edits {
        let Some(text) = crate::plantext::text_mut(next, &place) else {
            continue;
        };
        // From the end, so the earlier ranges stay where they were.
        changes.sort_by_key(|x| std::cmp::Reverse(x.0));
        for (start, end, successor) in changes {
            text.replace_range(start..end, &successor);
        }
    }
}

/// The district level's work, which no name can simply replace: each sentence listed for
/// the planner to rewrite for the communes.
pub fn district_work(next: &Plan, cats: &Catalogues) -> Vec<String> {
    let scanner = Scanner::new(next, cats);
    crate::plantext::texts(next)
        .iter()
        .flat_map(|t| {
            scanner
                .scan(t.text, false)
                .into_iter()
                .filter(|h| h.kind == Kind::District)
                .map(|h| {
                    format!(
                        "Cấp huyện — viết lại cho cấp xã: {} ({})",
                        crate::validation::quote(t.text, &h),
                        t.label
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every place the province's name is written in the plan's identity and directory.
fn rename_province(plan: &mut Plan, old: &str, new: &str) {
    let swap = |s: &str| {
        s.replace(old, new)
            .replace(&old.to_uppercase(), &new.to_uppercase())
    };
    let id = &mut plan.identity;
    id.province = new.to_string();
    id.title = swap(&id.title);
    id.place = swap(&id.place);
    id.opening = swap(&id.opening);
    id.header_lines = id.header_lines.iter().map(|l| swap(l)).collect();
    for a in &mut plan.directory {
        a.name = swap(&a.name);
        a.short = a.short.as_deref().map(swap);
    }
}

fn province(next: &mut Plan, cats: &Catalogues, c: &mut Changes) {
    let year = next.identity.year;
    let Some(p) = cats.province(&next.identity.province) else {
        return;
    };
    if p.exists_in(year) {
        return;
    }
    let Some(into) = p.merged_into.clone() else {
        return;
    };
    let old = p.name.clone();
    if c.propose(
        "tinh".into(),
        "Tỉnh",
        old.clone(),
        format!("{into} (hợp nhất từ ngày 01/7/2025)"),
    ) {
        rename_province(next, &old, &into);
    }
}

/// Replaces an agency by another everywhere it is assigned.
fn reassign(plan: &mut Plan, old: &str, new: &str) {
    let swap = |ids: &mut Vec<Id>| {
        for x in ids.iter_mut() {
            if x == old {
                *x = new.to_string();
            }
        }
        let mut seen = HashSet::new();
        ids.retain(|x| seen.insert(x.clone()));
    };
    for g in &mut plan.groups {
        for t in &mut g.tasks {
            swap(&mut t.lead);
            swap(&mut t.coordinating);
            let lead = t.lead.clone();
            t.coordinating.retain(|x| !lead.contains(x));
        }
    }
    for d in &mut plan.organisation.duties {
        swap(&mut d.agencies);
    }
    if plan.identity.drafting_agency.as_deref() == Some(old) {
        plan.identity.drafting_agency = Some(new.to_string());
    }
}

/// Departments retired in 2025 → the department that took over their role; district
/// committees → commune committees; the commune level named as after the reform.
fn agencies(next: &mut Plan, cats: &Catalogues, c: &mut Changes) {
    let year = next.identity.year;
    let Some(Body::Agencies(current)) = cats
        .for_year(CatalogueKind::Agencies, year)
        .map(|x| &x.body)
    else {
        return;
    };
    let province = next.identity.province.clone();
    let as_agency = |id: &str| {
        current
            .iter()
            .find(|a| a.id == id)
            .map(|a| cats.agency_for(a, &province))
    };
    let old_directory = next.directory.clone();
    for a in &old_directory {
        let retired = cats.retired_agency(a, year);
        let target = match retired {
            Some(p) => p.replaced_by.clone(),
            None if a.kind == AgencyKind::UbndHuyen => Some("ubnd-xa".to_string()),
            None => continue,
        };
        let Some(new) = target.as_deref().and_then(as_agency) else {
            continue;
        };
        if c.propose(
            format!("co-quan:{}", a.id),
            "Cơ quan",
            a.name.clone(),
            new.name.clone(),
        ) {
            // The successor takes the place of the retired agency in the directory.
            let existing = next.directory.iter().position(|x| x.id == new.id);
            let at = next.directory.iter().position(|x| x.id == a.id);
            match (existing, at) {
                (None, Some(i)) => next.directory[i] = new.clone(),
                (_, Some(i)) => {
                    next.directory.remove(i);
                }
                _ => {}
            }
            reassign(next, &a.id, &new.id);
        }
    }
    // The commune committees keep their id; their name follows the reform.
    if let Some(new) = as_agency("ubnd-xa") {
        if let Some(i) = next
            .directory
            .iter()
            .position(|x| x.kind == AgencyKind::UbndXa)
        {
            let old = next.directory[i].clone();
            if old.name != new.name
                && c.propose(
                    "co-quan:cap-xa".into(),
                    "Cơ quan",
                    old.name.clone(),
                    new.name.clone(),
                )
            {
                next.directory[i].name = new.name;
                next.directory[i].short = new.short;
            }
        }
    }
}

fn budget_levels(next: &mut Plan, c: &mut Changes) {
    let lines = next
        .groups
        .iter()
        .flat_map(|g| g.tasks.iter().flat_map(|t| t.budget.iter()))
        .filter(|l| l.level == Some(BudgetLevel::Huyen))
        .count();
    if lines == 0 {
        return;
    }
    if c.propose(
        "kinh-phi:huyen".into(),
        "Kinh phí",
        format!("{lines} dòng kinh phí ngân sách cấp huyện"),
        "ngân sách cấp xã".into(),
    ) {
        for g in &mut next.groups {
            for t in &mut g.tasks {
                for l in &mut t.budget {
                    if l.level == Some(BudgetLevel::Huyen) {
                        l.level = Some(BudgetLevel::Xa);
                    }
                }
            }
        }
    }
}

fn recipients(next: &mut Plan, c: &mut Changes) {
    let before = next.identity.recipients.clone();
    let mut after = Vec::new();
    for r in &before {
        match gone_recipient(r) {
            Some(GoneRecipient::Ministry) => after.push("Bộ Khoa học và Công nghệ".to_string()),
            Some(GoneRecipient::District) => {}
            None => after.push(r.clone()),
        }
    }
    let mut seen = HashSet::new();
    after.retain(|r| seen.insert(r.clone()));
    if after != before
        && c.propose(
            "noi-nhan".into(),
            "Nơi nhận",
            before.join("; "),
            after.join("; "),
        )
    {
        next.identity.recipients = after;
    }
}

/// Bases superseded by the new year: replaced by what replaced them (followed to the one in
/// force); kept (and flagged by validation) when nothing in force replaces them.
fn legal_bases(next: &mut Plan, cats: &Catalogues, c: &mut Changes) {
    let library = cats.library();
    let year_start = NaiveDate::from_ymd_opt(next.identity.year, 1, 1).unwrap_or(NaiveDate::MIN);
    let mut out: Vec<LegalBasis> = Vec::new();
    for b in std::mem::take(&mut next.legal_bases) {
        let Some(mut e) = cats
            .library_entry(&b)
            .filter(|e| e.superseded_from.is_some_and(|s| s <= year_start))
        else {
            out.push(b);
            continue;
        };
        // 2015 → Feb 2025 → Jun 2025: the one in force in the new year.
        let mut hops = 0;
        while let Some(next_entry) = e
            .replaced_by
            .as_deref()
            .and_then(|r| library.iter().find(|d| d.document.id == r))
            .filter(|_| e.superseded_from.is_some_and(|s| s <= year_start) && hops < 8)
        {
            e = next_entry;
            hops += 1;
        }
        // Nothing in force replaces it: kept, and validation flags it.
        if hops == 0 || e.superseded_from.is_some_and(|s| s <= year_start) {
            out.push(b);
            continue;
        }
        let replacement = e.to_legal_basis();
        let id = format!(
            "can-cu:{}",
            b.number.clone().unwrap_or_else(|| b.id.clone())
        );
        if c.propose(id, "Căn cứ", b.citation(), replacement.citation()) {
            if !out.iter().any(|x| x.number == replacement.number) {
                out.push(replacement);
            }
        } else {
            out.push(b);
        }
    }
    next.legal_bases = out;
}

/// The opening's guidance letter → the newest letter for the new year (or the year before);
/// the catalogues the plan follows → those of its year.
fn guidance(next: &mut Plan, cats: &Catalogues, c: &mut Changes) {
    let year = next.identity.year;
    let library = cats.library();
    let newest = library
        .iter()
        .filter(|d| d.guidance_for.is_some_and(|g| g <= year))
        .max_by_key(|d| d.guidance_for);
    if let Some(new) = newest.filter(|n| n.guidance_for.is_some_and(|g| g >= year - 1)) {
        for old in library
            .iter()
            .filter(|d| d.guidance_for.is_some_and(|g| g < year - 1))
        {
            let (Some(old_no), Some(new_no)) = (
                old.document.number.as_deref(),
                new.document.number.as_deref(),
            ) else {
                continue;
            };
            let in_bases = next
                .legal_bases
                .iter()
                .any(|b| b.number.as_deref() == Some(old_no));
            if !next.identity.opening.contains(old_no) && !in_bases {
                continue;
            }
            let text = letter_swapped(&next.identity.opening, old, new);
            if c.propose(
                format!("huong-dan:{old_no}"),
                "Hướng dẫn",
                format!("Công văn {old_no}"),
                format!("Công văn {new_no} ({})", new.document.title),
            ) {
                next.identity.opening = text;
                // The letter as a legal basis too, once.
                let letter = new.to_legal_basis();
                let mut placed = next.legal_bases.iter().any(|b| b.number == letter.number);
                for b in &mut next.legal_bases {
                    if b.number.as_deref() == Some(old_no) && !placed {
                        *b = letter.clone();
                        placed = true;
                    }
                }
                next.legal_bases
                    .retain(|b| b.number.as_deref() != Some(old_no));
            }
        }
    }
    catalogues_of_year(next, cats, c);
}

/// The opening with the old guidance letter's number, date and issuer made the new one's.
fn letter_swapped(
    opening: &str,
    old: &crate::catalogue::LibraryDocument,
    new: &crate::catalogue::LibraryDocument,
) -> String {
    let (Some(old_no), Some(new_no)) = (
        old.document.number.as_deref(),
        new.document.number.as_deref(),
    ) else {
        return opening.to_string();
    };
    let mut text = opening.replace(old_no, new_no);
    if let (Some(od), Some(nd)) = (old.document.date, new.document.date) {
        for (o, n) in [
            (
                od.format("%d/%m/%Y").to_string(),
                nd.format("%d/%m/%Y").to_string(),
            ),
            (
                od.format("%-d/%-m/%Y").to_string(),
                nd.format("%d/%m/%Y").to_string(),
            ),
        ] {
            text = text.replace(&o, &n);
        }
    }
    text = text.replace(&old.document.issuer, &new.document.issuer);
    text
}

/// The catalogues the plan follows → those of its year, proposed in the review.
fn catalogues_of_year(next: &mut Plan, cats: &Catalogues, c: &mut Changes) {
    let year = next.identity.year;
    let refs: Vec<CatalogueRef> = [
        CatalogueKind::Agencies,
        CatalogueKind::Framework,
        CatalogueKind::NationalTasks,
    ]
    .into_iter()
    .filter_map(|k| cats.for_year(k, year))
    .map(|x| CatalogueRef {
        id: x.meta.id.clone(),
        version: x.meta.version.clone(),
    })
    .collect();
    if refs != next.identity.guidance {
        let names = |v: &[CatalogueRef]| {
            v.iter()
                .map(|r| {
                    cats.get(&r.id)
                        .map_or(r.id.clone(), |c| c.meta.title.clone())
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        if c.propose(
            "danh-muc".into(),
            "Danh mục",
            names(&next.identity.guidance),
            names(&refs),
        ) {
            next.identity.guidance = refs;
        }
    }
}
