//! The list of plans: new ones (blank, the sample, a file), copies, deletion, and the plans
//! made from others: next year's by roll-over, last year's from Word or Excel.

use crate::edit::Edit;
use crate::model::{Id, Plan};
use crate::store::PlanSummary;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

use super::view::PlanView;
use super::Session;

/// How a new plan starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum NewPlan {
    /// From the newest presets (agency directory, guidance) for a province and year.
    Blank { province: String, year: i32 },
    /// The shipped sample (Quảng Ngãi 2023, seed 004).
    Sample,
    /// A plan file (.json) someone e-mailed.
    File { path: PathBuf },
}

/// A plan that started from another document, with what the planner must review: the
/// roll-over report, or what the importer was unsure of.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Started {
    pub view: PlanView,
    pub rollover: Option<crate::rollover::Report>,
    /// The plan a roll-over started from.
    pub source: Option<String>,
    /// What an import from Word or Excel read, flagged and left out.
    pub import: Option<crate::import::Imported>,
}

/// What "import from Word/Excel" gives: the new draft, or the refusal of a file too little of
/// which could be read (the window then offers a partial draft of the same file).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Importing {
    Started(Box<Started>),
    Refused { path: String, message: String },
}

/// What "next year's plan" gives: the new draft, or the plan that already exists for that
/// province and year (the window then asks whether to open it or make another draft).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rolled {
    Started { started: Box<Started> },
    Exists { existing: PlanSummary },
}

impl Session {
    pub async fn create(&self, how: NewPlan) -> Result<PlanView> {
        let plan = match how {
            NewPlan::Blank { province, year } => {
                let province = province.trim().to_string();
                if province.is_empty() {
                    return Err(Error::Invalid("Hãy nhập tên tỉnh.".into()));
                }
                if !(2020..=2100).contains(&year) {
                    return Err(Error::Invalid(format!("Năm kế hoạch {year} không hợp lệ.")));
                }
                let province = self.province_of(&province, year)?;
                let key = crate::text::fold(&province);
                if let Some(p) = self
                    .store()
                    .list()
                    .await?
                    .into_iter()
                    .find(|p| p.year == year && crate::text::fold(p.province.trim()) == key)
                {
                    return Err(Error::Invalid(format!(
                        "Đã có kế hoạch {} năm {year} («{}»): hãy mở kế hoạch đó, hoặc dùng «Nhân bản» nếu cần thêm một bản.",
                        p.province, p.title
                    )));
                }
                crate::catalogue::new_plan(&self.catalogues(), &province, year)
            }
            NewPlan::Sample => crate::sample::plan(),
            NewPlan::File { path } => crate::planfile::read(&path)?,
        };
        let id = self.add(&plan).await?;
        self.view(&id).await
    }

    /// The province as the catalogue of that year writes it ("tuyen quang" → "Tuyên Quang"),
    /// so the header, the title and the issuer are spelt right from the start; a name that
    /// is not a province of that year is refused.
    fn province_of(&self, typed: &str, year: i32) -> Result<String> {
        let cats = self.catalogues();
        if cats.provinces().is_empty() {
            return Ok(typed.to_string());
        }
        match cats.province(typed) {
            Some(p) if p.exists_in(year) => Ok(p.name.clone()),
            Some(p) => Err(Error::Invalid(match &p.merged_into {
                Some(into) => format!(
                    "Tỉnh {} không còn từ ngày 01/7/2025 (đã nhập vào {into}): kế hoạch năm {year} do tỉnh {into} lập.",
                    p.name
                ),
                None => format!("«{}» không có trong danh mục tỉnh, thành phố của năm {year}.", p.name),
            })),
            None => Err(Error::Invalid(format!(
                "«{typed}» không có trong danh mục {} tỉnh, thành phố của năm {year}: hãy chọn trong danh sách.",
                cats.provinces().iter().filter(|p| p.exists_in(year)).count()
            ))),
        }
    }

    /// Saves `plan` as a new plan of its own (an imported document, a roll-over made headless).
    pub async fn add(&self, plan: &Plan) -> Result<String> {
        self.store().create(plan).await
    }

    pub async fn duplicate(&self, id: &str) -> Result<PlanSummary> {
        let new = self.store().duplicate(id).await?;
        self.summary(&new).await
    }

    pub async fn delete(&self, id: &str) -> Result<()> {
        self.store().delete(id).await
    }

    pub async fn export_plan_file(&self, id: &str, path: &Path) -> Result<()> {
        self.store().export_file(id, path).await
    }

    async fn summary(&self, id: &str) -> Result<PlanSummary> {
        self.store()
            .list()
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::PlanNotFound(id.to_string()))
    }

    /// Next year's draft from plan `id` (see `rollover`), stored as a new plan. Every task
    /// is carried or dropped by the roll-over's own rules; the report says which, and
    /// `rollover_choose` turns any of them around. When the province already has a plan for
    /// that year, nothing is created unless `another` says the planner wants a second draft.
    pub async fn rollover(&self, id: &str, another: bool) -> Result<Rolled> {
        let plan = self.plan(id).await?;
        let to = plan.identity.year + 1;
        if !another {
            let province = crate::text::fold(plan.identity.province.trim());
            let existing = self.store().list().await?.into_iter().find(|s| {
                s.year == to && crate::text::fold(s.province.trim()) == province && s.id != id
            });
            if let Some(existing) = existing {
                return Ok(Rolled::Exists { existing });
            }
        }
        let (next, report) =
            crate::rollover::rollover(&plan, to, &crate::rollover::Options::default());
        let new = self.add(&next).await?;
        Ok(Rolled::Started {
            started: Box::new(Started {
                view: self.view(&new).await?,
                rollover: Some(report),
                source: Some(id.to_string()),
                import: None,
            }),
        })
    }

    /// The review's choices: draft `draft` made again from plan `source`, carrying the tasks
    /// in `keep` and leaving those in `drop`, whatever the default rule says, and without the
    /// reform changes in `reject`. The draft keeps its id; the change is one step of its
    /// history.
    pub async fn rollover_choose(
        &self,
        source: &str,
        draft: &str,
        keep: Vec<Id>,
        drop: Vec<Id>,
        reject: Vec<String>,
    ) -> Result<Started> {
        let plan = self.store().load(source).await?.plan;
        let opts = crate::rollover::Options {
            keep: keep.into_iter().collect(),
            drop: drop.into_iter().collect(),
            reject: reject.into_iter().collect(),
        };
        let (next, report) = crate::rollover::rollover(&plan, plan.identity.year + 1, &opts);
        self.store()
            .apply(
                draft,
                None,
                Edit::ReplacePlan {
                    plan: Box::new(next),
                },
            )
            .await?;
        Ok(Started {
            view: self.view(draft).await?,
            rollover: Some(report),
            source: Some(source.to_string()),
            import: None,
        })
    }

    /// A plan written in Word (.docx) or a task appendix kept in Excel (.xlsx), read into a
    /// new draft; what was uncertain comes back as flags to review, what was not read as a
    /// list. A Word file too little of which could be read is refused unless `partial`.
    pub async fn import_office(&self, path: &Path, partial: bool) -> Result<Importing> {
        let cats = self.catalogues();
        let is_xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let imported = if is_xlsx {
            crate::import::import_xlsx_of_its_year(path, &cats, None, None)
        } else {
            crate::import::import_docx_of_its_year(path, &cats, crate::import::Options { partial })
        };
        let imported = match imported {
            Err(e @ Error::ImportIncomplete { .. }) => {
                return Ok(Importing::Refused {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })
            }
            other => other?,
        };
        let new = self.add(&imported.plan).await?;
        Ok(Importing::Started(Box::new(Started {
            view: self.view(&new).await?,
            rollover: None,
            source: None,
            import: Some(imported),
        })))
    }

    /// On the very first start the sample plan is there to open; a planner who deletes it
    /// does not get it back.
    /// Never on a shared server: the team's plans are real ones, and a department's account
    /// may not add a plan anyway.
    pub async fn seed_sample_once(&self) -> Result<()> {
        const KEY: &str = "app.sample_seeded";
        if self.store().engine() == "postgres" {
            return Ok(());
        }
        if self.store().setting(KEY).await?.is_none() {
            if self.store().list().await?.is_empty() {
                self.store().create(&crate::sample::plan()).await?;
            }
            self.store().set_setting(KEY, "1").await?;
        }
        Ok(())
    }
}
