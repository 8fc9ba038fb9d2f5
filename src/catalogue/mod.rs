//! National catalogues (framework outline, national task list, legal-bases library,
//! indicators, national platforms, agency presets) are TOML data under
//! `templates/catalogues/`, never code. The files shipped with the app are embedded in the
//! binary; a user folder can add newer versions without a new release. Any error names the
//! file and the line.

use std::path::{Path, PathBuf};
use ts_rs::TS;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{AgencyKind, Comparator, Deadline, Pillar};
use crate::{Error, Result};

mod parse;
pub use parse::parse;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Framework,
    NationalTasks,
    LegalBases,
    Indicators,
    Platforms,
    Agencies,
    Provinces,
    BudgetGuidance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// Dotted numeric version ("2024.1"); a higher version of the same id supersedes.
    pub version: String,
    pub effective_year: i32,
    /// The last plan year the catalogue applies to (a preset replaced by a reform); none: it
    /// applies until a newer one of its kind.
    #[serde(default)]
    pub valid_until: Option<i32>,
    /// Where the content comes from (document, number, date).
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FrameworkSection {
    /// "IV.1.3"
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub guidance: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NationalGroup {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NationalTask {
    pub code: String,
    pub group: String,
    pub title: String,
    /// What the ministry provides (b).
    #[serde(default)]
    pub ministry_support: String,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    pub focal_unit: String,
}

/// An entry of the legal-bases library: the document as a plan cites it (one type for
/// both, `LegalBasis`, whose `id` here is the library's id), and what the library knows of
/// its validity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LibraryDocument {
    #[serde(flatten)]
    pub document: crate::model::LegalBasis,
    /// Keys neither part knows, refused by `parse` with their line (serde cannot refuse
    /// them on a struct with a flattened part; this map, after it, collects what is left).
    #[serde(flatten, skip_serializing)]
    #[ts(skip)]
    pub unknown: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
    /// False for documents replaced or expired (kept so that old plans still cite them).
    #[serde(default = "yes")]
    pub in_force: bool,
    /// When it takes effect (a law passed in December in force from July).
    #[serde(default)]
    pub in_force_from: Option<NaiveDate>,
    /// From when another document replaces it; a plan for a later year should not cite it.
    #[serde(default)]
    pub superseded_from: Option<NaiveDate>,
    /// The library id of what replaces it.
    #[serde(default)]
    pub replaced_by: Option<String>,
    /// For a ministry's guidance letter: the plan year it guides ("hướng dẫn xây dựng Kế
    /// hoạch chuyển đổi số năm 2026" → 2026).
    #[serde(default)]
    pub guidance_for: Option<i32>,
    #[serde(default)]
    pub note: String,
}

fn yes() -> bool {
    true
}

impl LibraryDocument {
    /// The entry as a legal basis of a plan (a new plan-local id, linked to the library), so
    /// that citations are rendered in one place: `LegalBasis::citation`.
    pub fn to_legal_basis(&self) -> crate::model::LegalBasis {
        crate::model::LegalBasis {
            id: crate::model::new_id(),
            library_ref: Some(self.document.id.clone()),
            ..self.document.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CatalogueIndicator {
    pub id: String,
    pub name: String,
    pub pillar: Pillar,
    pub unit: String,
    pub comparator: Comparator,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub target_max: Option<String>,
    #[serde(default)]
    pub denominator: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    pub number: u32,
    pub name: String,
    /// "I" state-owned, "II" enterprise-owned.
    pub group: String,
    pub owner: String,
    pub focal_unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PresetAgency {
    pub id: String,
    /// May contain "{tỉnh}", replaced by the province name.
    pub name: String,
    #[serde(default)]
    pub short: Option<String>,
    pub kind: AgencyKind,
    /// The last plan year the agency exists in (a department merged in 2025: 2025).
    #[serde(default)]
    pub until_year: Option<i32>,
    /// The preset id of the agency that took over its role (Sở TT&TT → Sở KH&CN).
    #[serde(default)]
    pub replaced_by: Option<String>,
}

/// A province or centrally-run city, with the plan years it exists in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// "Tuyên Quang", "Hồ Chí Minh" (without "tỉnh"/"thành phố").
    pub name: String,
    /// A centrally-run city ("thành phố") rather than a province ("tỉnh").
    #[serde(default)]
    pub city: bool,
    /// The first plan year it exists in (a province formed by the 2025 merger: 2026).
    #[serde(default)]
    pub from_year: Option<i32>,
    /// The last plan year it exists in (a province merged in 2025: 2025).
    #[serde(default)]
    pub until_year: Option<i32>,
    /// The province it became part of.
    #[serde(default)]
    pub merged_into: Option<String>,
    /// Its special zones (đặc khu), where it has any.
    #[serde(default)]
    pub special_zones: Vec<String>,
}

/// The share of the budget the guidance of a period asks for DX, shown with the budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BudgetRule {
    #[serde(default)]
    pub from_year: Option<i32>,
    #[serde(default)]
    pub until_year: Option<i32>,
    /// Percent of the budget ("3").
    pub share: String,
    pub text: String,
    pub source: String,
}

impl BudgetRule {
    pub fn applies_to(&self, year: i32) -> bool {
        self.from_year.is_none_or(|f| year >= f) && self.until_year.is_none_or(|u| year <= u)
    }
}

impl Province {
    pub fn exists_in(&self, year: i32) -> bool {
        self.from_year.is_none_or(|f| year >= f) && self.until_year.is_none_or(|u| year <= u)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "items", rename_all = "snake_case")]
pub enum Body {
    Framework(Vec<FrameworkSection>),
    NationalTasks {
        groups: Vec<NationalGroup>,
        tasks: Vec<NationalTask>,
    },
    LegalBases(Vec<LibraryDocument>),
    Indicators(Vec<CatalogueIndicator>),
    Platforms(Vec<Platform>),
    Agencies(Vec<PresetAgency>),
    Provinces(Vec<Province>),
    BudgetGuidance(Vec<BudgetRule>),
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Catalogue {
    pub meta: Meta,
    /// Where it was loaded from ("templates/catalogues/…" for the shipped ones).
    pub path: PathBuf,
    pub body: Body,
}

impl Catalogue {
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Framework(v) => v.len(),
            Body::NationalTasks { tasks, .. } => tasks.len(),
            Body::LegalBases(v) => v.len(),
            Body::Indicators(v) => v.len(),
            Body::Platforms(v) => v.len(),
            Body::Agencies(v) => v.len(),
            Body::Provinces(v) => v.len(),
            Body::BudgetGuidance(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

static BUILTIN: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/templates/catalogues");

/// "2024.10" → [2024, 10]: versions compare numerically.
pub fn version_key(v: &str) -> Option<Vec<u64>> {
    v.split('.').map(|p| p.parse::<u64>().ok()).collect()
}

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct Catalogues {
    /// The newest version of each catalogue id, sorted by kind then id.
    pub active: Vec<Catalogue>,
    /// Older versions that a newer one replaced (id, version, path).
    pub superseded: Vec<(String, String, PathBuf)>,
}

impl Catalogues {
    /// The catalogues shipped in `templates/catalogues/`, plus any `*.toml` in `user_dir`.
    pub fn load(user_dir: Option<&Path>) -> Result<Catalogues> {
        let mut all = Vec::new();
        for file in BUILTIN.files() {
            if file.path().extension().is_some_and(|e| e == "toml") {
                let text = file.contents_utf8().ok_or_else(|| Error::Catalogue {
                    file: file.path().to_path_buf(),
                    line: 1,
                    message: "tệp không phải văn bản UTF-8".into(),
                })?;
                all.push(parse(
                    &Path::new("templates/catalogues").join(file.path()),
                    text,
                )?);
            }
        }
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            paths.sort();
            for p in paths {
                let bytes = std::fs::read(&p)?;
                let text = String::from_utf8(bytes).map_err(|_| Error::Catalogue {
                    file: p.clone(),
                    line: 1,
                    message: "tệp không phải văn bản UTF-8".into(),
                })?;
                all.push(parse(&p, &text)?);
            }
        }
        Ok(Self::from_list(all))
    }

    pub fn from_list(all: Vec<Catalogue>) -> Catalogues {
        let mut active: Vec<Catalogue> = Vec::new();
        let mut superseded = Vec::new();
        for c in all {
            match active.iter_mut().find(|a| a.meta.id == c.meta.id) {
                Some(existing) => {
                    if version_key(&c.meta.version) > version_key(&existing.meta.version) {
                        let old = std::mem::replace(existing, c);
                        superseded.push((old.meta.id, old.meta.version, old.path));
                    } else {
                        superseded.push((c.meta.id, c.meta.version, c.path));
                    }
                }
                None => active.push(c),
            }
        }
        active
            .sort_by(|a, b| (a.meta.kind as u8, &a.meta.id).cmp(&(b.meta.kind as u8, &b.meta.id)));
        Catalogues { active, superseded }
    }

    /// The newest agency preset as directory entries ("{tỉnh}" left as written), which the
    /// importers match names against.
    pub fn agency_preset(&self) -> Vec<crate::model::Agency> {
        self.agencies_of(self.latest(Kind::Agencies))
    }

    /// The agency preset a plan of `year` was written against (a 2023 file: the departments
    /// and districts before the 2025 reform).
    pub fn agency_preset_of_year(&self, year: i32) -> Vec<crate::model::Agency> {
        self.agencies_of(self.for_year(Kind::Agencies, year))
    }

    fn agencies_of(&self, c: Option<&Catalogue>) -> Vec<crate::model::Agency> {
        match c.map(|c| &c.body) {
            Some(Body::Agencies(a)) => a
                .iter()
                .map(|p| crate::model::Agency {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    short: p.short.clone(),
                    kind: p.kind,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Catalogue> {
        self.active.iter().find(|c| c.meta.id == id)
    }

    /// The catalogue of a kind with the latest effective year (then version).
    pub fn latest(&self, kind: Kind) -> Option<&Catalogue> {
        self.active
            .iter()
            .filter(|c| c.meta.kind == kind)
            .max_by_key(|c| (c.meta.effective_year, version_key(&c.meta.version)))
    }

    /// The catalogue of a kind that applies to a plan of `year`: the newest one in effect by
    /// then and not ended before (the pre-2025 agency preset for a 2024 plan, the 2025 one for
    /// 2027); the oldest one when none is in effect yet.
    pub fn for_year(&self, kind: Kind, year: i32) -> Option<&Catalogue> {
        let of_kind = || self.active.iter().filter(move |c| c.meta.kind == kind);
        of_kind()
            .filter(|c| {
                c.meta.effective_year <= year && c.meta.valid_until.is_none_or(|u| year <= u)
            })
            .max_by_key(|c| (c.meta.effective_year, version_key(&c.meta.version)))
            .or_else(|| of_kind().min_by_key(|c| c.meta.effective_year))
    }

    /// Every province or city in any year, from the provinces catalogue.
    pub fn provinces(&self) -> &[Province] {
        match self.latest(Kind::Provinces).map(|c| &c.body) {
            Some(Body::Provinces(p)) => p,
            _ => &[],
        }
    }

    /// The province of that name (folded comparison, "tỉnh"/"thành phố" ignored).
    pub fn province(&self, name: &str) -> Option<&Province> {
        let key = province_key(name);
        self.provinces()
            .iter()
            .find(|p| province_key(&p.name) == key)
    }

    /// Every agency of every preset, with the ones retired by a reform: what the checks and
    /// the roll-over look names up in.
    pub fn all_preset_agencies(&self) -> Vec<&PresetAgency> {
        self.active
            .iter()
            .filter_map(|c| match &c.body {
                Body::Agencies(a) => Some(a.iter()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// The preset agency `a` stands for (by id, or by its name in any form) if a reform
    /// retired it before `year` (Sở TT&TT in a 2026 plan).
    pub fn retired_agency(&self, a: &crate::model::Agency, year: i32) -> Option<&PresetAgency> {
        let key = crate::agency_name::agency_key(&a.name);
        self.all_preset_agencies().into_iter().find(|p| {
            p.until_year.is_some_and(|u| u < year)
                && (p.id == a.id || crate::agency_name::agency_key(&p.name) == key)
        })
    }

    /// A preset agency as a province's directory entry: "{tỉnh}" filled in, and the commune
    /// level without "đặc khu" where the province has no special zone (only island provinces
    /// have one).
    pub fn agency_for(&self, a: &PresetAgency, province: &str) -> crate::model::Agency {
        let mut name = a.name.replace("{tỉnh}", province);
        let no_zones = self
            .province(province)
            .is_some_and(|p| p.special_zones.is_empty());
        if no_zones && a.kind == AgencyKind::UbndXa {
            name = name.replace(", đặc khu", "");
        }
        crate::model::Agency {
            id: a.id.clone(),
            name,
            short: a.short.clone(),
            kind: a.kind,
        }
    }

    /// The library entry a legal basis cites: by its link, or by its number.
    pub fn library_entry(&self, b: &crate::model::LegalBasis) -> Option<&LibraryDocument> {
        let library = self.library();
        b.library_ref
            .as_deref()
            .and_then(|r| library.iter().find(|d| d.document.id == r))
            .or_else(|| {
                let n = crate::text::fold(b.number.as_deref()?);
                library.iter().find(|d| {
                    d.document
                        .number
                        .as_deref()
                        .is_some_and(|x| crate::text::fold(x) == n)
                })
            })
    }

    /// The budget guidance of a plan year.
    pub fn budget_rule(&self, year: i32) -> Option<&BudgetRule> {
        match self.latest(Kind::BudgetGuidance).map(|c| &c.body) {
            Some(Body::BudgetGuidance(r)) => r.iter().find(|r| r.applies_to(year)),
            _ => None,
        }
    }

    /// The legal-bases library entries.
    pub fn library(&self) -> &[LibraryDocument] {
        match self.latest(Kind::LegalBases).map(|c| &c.body) {
            Some(Body::LegalBases(d)) => d,
            _ => &[],
        }
    }

    /// The catalogues shipped with the app, read once.
    pub fn builtin() -> &'static Catalogues {
        static BUILTIN_CATALOGUES: std::sync::OnceLock<Catalogues> = std::sync::OnceLock::new();
        BUILTIN_CATALOGUES.get_or_init(|| {
            // The shipped files are tested on every build (tests/catalogues.rs).
            Catalogues::load(None).unwrap_or_default()
        })
    }
}

/// "Thành phố Hồ Chí Minh", "tỉnh Hà Giang", "TP. Hồ Chí Minh" → "ho chi minh", "ha giang".
pub fn province_key(name: &str) -> String {
    let f = crate::text::fold(name);
    let f = f.trim();
    ["thanh pho ", "tinh ", "tp "]
        .iter()
        .find_map(|p| f.strip_prefix(p))
        .unwrap_or(f)
        .trim()
        .to_string()
}

/// The example a planner fills to import a year's national task list (shipped in the app).
pub const EXAMPLE_NATIONAL_TASKS: &str =
    include_str!("../../templates/examples/nhiem-vu-quoc-gia-mau.toml");

/// A year's catalogue the planner brings (the ministry's new task list, say): checked like
/// the shipped ones, then written into `dir` under its id and version. Nothing is written
/// when the file is refused.
pub fn import_into(dir: &Path, file: &Path) -> Result<Catalogue> {
    let bytes = std::fs::read(file)?;
    if bytes.len() > 5 * 1024 * 1024 {
        return Err(Error::Catalogue {
            file: file.to_path_buf(),
            line: 1,
            message: "tệp quá lớn cho một danh mục (trên 5 MB)".into(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| Error::Catalogue {
        file: file.to_path_buf(),
        line: 1,
        message: "tệp không phải văn bản UTF-8".into(),
    })?;
    let catalogue = parse(file, &text)?;
    std::fs::create_dir_all(dir)?;
    let name = format!("{}-{}.toml", catalogue.meta.id, catalogue.meta.version);
    crate::fsutil::write_atomic(&dir.join(name), text.as_bytes())?;
    Ok(catalogue)
}

/// A new blank plan for a province and year, started from the newest presets: the agency
/// directory (with "{tỉnh}" filled in), the department that leads DX as drafting agency when
/// the preset has it, and the catalogue versions the plan follows.
pub fn new_plan(cats: &Catalogues, province: &str, year: i32) -> crate::model::Plan {
    let mut plan = crate::model::Plan::blank(province, year);
    if let Some(Catalogue {
        body: Body::Agencies(agencies),
        meta,
        ..
    }) = cats.for_year(Kind::Agencies, year)
    {
        plan.directory = agencies
            .iter()
            .map(|a| cats.agency_for(a, province))
            .collect();
        // The department that leads DX: Sở KH&CN since 2025, Sở TT&TT before.
        let leads: &[&str] = if year >= 2026 {
            &["so-khcn"]
        } else {
            &["so-tttt", "so-khcn"]
        };
        plan.identity.drafting_agency = leads
            .iter()
            .find_map(|id| plan.directory.iter().find(|a| a.id == *id))
            .map(|a| a.id.clone());
        plan.identity.guidance.push(crate::model::CatalogueRef {
            id: meta.id.clone(),
            version: meta.version.clone(),
        });
    }
    for kind in [Kind::Framework, Kind::NationalTasks] {
        if let Some(c) = cats.for_year(kind, year) {
            plan.identity.guidance.push(crate::model::CatalogueRef {
                id: c.meta.id.clone(),
                version: c.meta.version.clone(),
            });
        }
    }
    plan
}
