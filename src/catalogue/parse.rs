//! Reading one catalogue file: the TOML checked against its kind, every list's entries
//! checked, the text stored NFC, and any error naming the file and the line.

use std::path::Path;

use serde::Deserialize;
use ts_rs::TS;

use super::{
    version_key, Body, BudgetRule, Catalogue, CatalogueIndicator, FrameworkSection, Kind,
    LibraryDocument, Meta, NationalGroup, NationalTask, Platform, PresetAgency, Province,
};
use crate::{Error, Result};

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
struct RawFile {
    catalogue: Meta,
    #[serde(default)]
    sections: Vec<FrameworkSection>,
    #[serde(default)]
    groups: Vec<NationalGroup>,
    #[serde(default)]
    tasks: Vec<NationalTask>,
    #[serde(default)]
    documents: Vec<LibraryDocument>,
    #[serde(default)]
    indicators: Vec<CatalogueIndicator>,
    #[serde(default)]
    platforms: Vec<Platform>,
    #[serde(default)]
    agencies: Vec<PresetAgency>,
    #[serde(default)]
    provinces: Vec<Province>,
    #[serde(default)]
    rules: Vec<BudgetRule>,
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// Line of the `nth` (0-based) occurrence of `key = "value"`; 1 when not found.
fn line_of_value(text: &str, key: &str, value: &str, nth: usize) -> usize {
    let needle = format!("\"{value}\"");
    let mut found = 0;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with(key) && t.contains(&needle) {
            if found == nth {
                return i + 1;
            }
            found += 1;
        }
    }
    1
}

/// A catalogue file being read: its path for messages, its text for line numbers.
struct Source<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Source<'_> {
    fn err(&self, line: usize, message: String) -> Error {
        Error::Catalogue {
            file: self.path.to_path_buf(),
            line,
            message,
        }
    }

    /// Duplicate keys, reported at the second occurrence.
    fn unique(&self, key: &str, values: Vec<&str>) -> Result<()> {
        let mut seen = std::collections::HashMap::new();
        for v in values {
            let n = seen.entry(v).or_insert(0usize);
            if *n > 0 {
                return Err(self.err(
                    line_of_value(self.text, key, v, *n),
                    format!("mã «{v}» bị trùng"),
                ));
            }
            *n += 1;
        }
        Ok(())
    }

    /// The line where `key` is first written, at a line's start.
    fn line_of_key(&self, key: &str) -> usize {
        self.text
            .lines()
            .position(|l| {
                let t = l.trim_start();
                t.starts_with(&format!("{key} ")) || t.starts_with(&format!("{key}="))
            })
            .map_or(1, |i| i + 1)
    }
}

/// Parses one catalogue file; `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Catalogue> {
    let src = Source { path, text };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        src.err(line, format!("sai cú pháp hoặc cấu trúc: {}", e.message()))
    })?;
    if version_key(&raw.catalogue.version).is_none() {
        return Err(src.err(
            line_of_value(text, "version", &raw.catalogue.version, 0),
            format!(
                "phiên bản «{}» phải gồm các số cách nhau bởi dấu chấm",
                raw.catalogue.version
            ),
        ));
    }
    check_lists(&raw, &src)?;
    let body = match raw.catalogue.kind {
        Kind::Framework => {
            src.unique(
                "code",
                raw.sections.iter().map(|s| s.code.as_str()).collect(),
            )?;
            Body::Framework(raw.sections)
        }
        Kind::NationalTasks => national_tasks(raw.groups, raw.tasks, &src)?,
        Kind::LegalBases => legal_bases(raw.documents, &src)?,
        Kind::Indicators => indicators(raw.indicators, &src)?,
        Kind::Platforms => platforms(raw.platforms, &src)?,
        Kind::Agencies => {
            src.unique("id", raw.agencies.iter().map(|d| d.id.as_str()).collect())?;
            Body::Agencies(raw.agencies)
        }
        Kind::Provinces => provinces(raw.provinces, &src)?,
        Kind::BudgetGuidance => budget_guidance(raw.rules, &src)?,
    };
    // Catalogue text is stored NFC like everything else.
    let meta = crate::text::clean_all(&raw.catalogue)?;
    Ok(Catalogue {
        meta,
        path: path.to_path_buf(),
        body: nfc_body(body)?,
    })
}

/// The file holds the lists its kind has, at least one, and no other.
fn check_lists(raw: &RawFile, src: &Source) -> Result<()> {
    let present: Vec<&str> = [
        ("sections", !raw.sections.is_empty()),
        ("groups", !raw.groups.is_empty()),
        ("tasks", !raw.tasks.is_empty()),
        ("documents", !raw.documents.is_empty()),
        ("indicators", !raw.indicators.is_empty()),
        ("platforms", !raw.platforms.is_empty()),
        ("agencies", !raw.agencies.is_empty()),
        ("provinces", !raw.provinces.is_empty()),
        ("rules", !raw.rules.is_empty()),
    ]
    .iter()
    .filter(|(_, p)| *p)
    .map(|(n, _)| *n)
    .collect();
    let kind = raw.catalogue.kind;
    let expected: &[&str] = match kind {
        Kind::Framework => &["sections"],
        Kind::NationalTasks => &["groups", "tasks"],
        Kind::LegalBases => &["documents"],
        Kind::Indicators => &["indicators"],
        Kind::Platforms => &["platforms"],
        Kind::Agencies => &["agencies"],
        Kind::Provinces => &["provinces"],
        Kind::BudgetGuidance => &["rules"],
    };
    if let Some(extra) = present.iter().find(|p| !expected.contains(p)) {
        return Err(src.err(
            src.text
                .lines()
                .position(|l| l.trim() == format!("[[{extra}]]"))
                .map_or(1, |i| i + 1),
            format!("danh mục loại «{kind:?}» không được chứa mục [[{extra}]]"),
        ));
    }
    if present.is_empty() {
        return Err(src.err(1, "danh mục không có mục nào".into()));
    }
    Ok(())
}

/// National tasks: codes unique, each task in a group of the file, deadlines well formed.
fn national_tasks(
    groups: Vec<NationalGroup>,
    tasks: Vec<NationalTask>,
    src: &Source,
) -> Result<Body> {
    src.unique(
        "code",
        groups
            .iter()
            .map(|s| s.code.as_str())
            .chain(tasks.iter().map(|t| t.code.as_str()))
            .collect(),
    )?;
    for (i, t) in tasks.iter().enumerate() {
        if !groups.iter().any(|g| g.code == t.group) {
            let nth = tasks[..i].iter().filter(|x| x.group == t.group).count();
            return Err(src.err(
                line_of_value(src.text, "group", &t.group, nth),
                format!(
                    "nhiệm vụ «{}» thuộc nhóm «{}» không có trong [[groups]]",
                    t.code, t.group
                ),
            ));
        }
        if t.deadline.as_ref().is_some_and(|d| !d.is_well_formed()) {
            let at = line_of_value(src.text, "code", &t.code, 0);
            let line = src
                .text
                .lines()
                .enumerate()
                .skip(at)
                .find(|(_, l)| l.trim_start().starts_with("deadline"))
                .map_or(at, |(i, _)| i + 1);
            return Err(src.err(
                line,
                format!("nhiệm vụ «{}» có thời hạn không hợp lệ", t.code),
            ));
        }
    }
    Ok(Body::NationalTasks { groups, tasks })
}

/// Library entries: ids unique, no key that neither the basis nor the entry knows.
fn legal_bases(documents: Vec<LibraryDocument>, src: &Source) -> Result<Body> {
    src.unique(
        "id",
        documents.iter().map(|d| d.document.id.as_str()).collect(),
    )?;
    if let Some(key) = documents.iter().find_map(|d| d.unknown.keys().next()) {
        return Err(src.err(
            src.line_of_key(key),
            format!("mục căn cứ không có khóa «{key}»"),
        ));
    }
    Ok(Body::LegalBases(documents))
}

/// Indicators: ids unique, targets numbers.
fn indicators(indicators: Vec<CatalogueIndicator>, src: &Source) -> Result<Body> {
    src.unique("id", indicators.iter().map(|d| d.id.as_str()).collect())?;
    for ind in &indicators {
        for v in [&ind.target, &ind.target_max].into_iter().flatten() {
            if v.parse::<rust_decimal::Decimal>().is_err() {
                return Err(src.err(
                    line_of_value(src.text, "target", v, 0),
                    format!("chỉ tiêu «{}»: giá trị «{v}» không phải là số", ind.id),
                ));
            }
        }
    }
    Ok(Body::Indicators(indicators))
}

/// Platforms: numbers unique, reported at the second.
fn platforms(platforms: Vec<Platform>, src: &Source) -> Result<Body> {
    let mut seen = std::collections::HashSet::new();
    for (i, p) in platforms.iter().enumerate() {
        let n = p.number.to_string();
        if !seen.insert(n.clone()) {
            let line = src
                .text
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    l.trim_start().starts_with("number")
                        && l.trim_end().ends_with(&format!("= {n}"))
                })
                .nth(1)
                .map_or(1, |(i, _)| i + 1);
            return Err(src.err(
                line,
                format!("nền tảng số thứ tự {n} bị trùng (mục {})", i + 1),
            ));
        }
    }
    Ok(Body::Platforms(platforms))
}

/// Provinces: names unique, each merged into a province of the file.
fn provinces(provinces: Vec<Province>, src: &Source) -> Result<Body> {
    src.unique("name", provinces.iter().map(|d| d.name.as_str()).collect())?;
    for p in &provinces {
        let target = p.merged_into.as_deref();
        if let Some(t) = target.filter(|t| !provinces.iter().any(|q| q.name == *t)) {
            return Err(src.err(
                line_of_value(src.text, "merged_into", t, 0),
                format!("«{}» nhập vào «{t}», tỉnh không có trong danh mục", p.name),
            ));
        }
    }
    Ok(Body::Provinces(provinces))
}

/// Budget guidance: each share a number.
fn budget_guidance(rules: Vec<BudgetRule>, src: &Source) -> Result<Body> {
    for r in &rules {
        if r.share.parse::<rust_decimal::Decimal>().is_err() {
            return Err(src.err(
                line_of_value(src.text, "share", &r.share, 0),
                format!("tỷ lệ «{}» không phải là số", r.share),
            ));
        }
    }
    Ok(Body::BudgetGuidance(rules))
}

fn nfc_body(body: Body) -> Result<Body> {
    use crate::text::clean_all;
    Ok(match body {
        Body::Framework(v) => Body::Framework(clean_all(&v)?),
        Body::NationalTasks { groups, tasks } => Body::NationalTasks {
            groups: clean_all(&groups)?,
            tasks: clean_all(&tasks)?,
        },
        Body::LegalBases(v) => Body::LegalBases(clean_all(&v)?),
        Body::Indicators(v) => Body::Indicators(clean_all(&v)?),
        Body::Platforms(v) => Body::Platforms(clean_all(&v)?),
        Body::Agencies(v) => Body::Agencies(clean_all(&v)?),
        Body::Provinces(v) => Body::Provinces(clean_all(&v)?),
        Body::BudgetGuidance(v) => Body::BudgetGuidance(clean_all(&v)?),
    })
}
