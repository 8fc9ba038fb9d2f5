//! The rounds with the agencies (proposals, progress) and the tracking of the plan's year.

use crate::model::Id;
use crate::proposals::batch::{Round, Sent};
use crate::proposals::{Review, RowRef};
use crate::tracking::Tracking;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

use super::view::PlanView;
use super::Session;

/// Workbooks read back from a round, and what they would change.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Received {
    pub files: Vec<PathBuf>,
    pub review: Review,
}

impl Session {
    /// The tracking screen's view of plan `id` on `as_of` (today when not given).
    pub async fn tracking(&self, id: &str, as_of: Option<NaiveDate>) -> Result<Tracking> {
        let plan = self.plan(id).await?;
        let day = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
        Ok(crate::tracking::view(&plan, day))
    }

    /// "Gửi đề xuất" / "Gửi báo cáo tiến độ": one workbook per agency into `dir`.
    pub async fn send_round(
        &self,
        id: &str,
        round: Round,
        agencies: Vec<Id>,
        dir: &Path,
    ) -> Result<Sent> {
        let plan = self.plan(id).await?;
        let seal = self.seal().await?;
        crate::proposals::batch::send(&plan, round, &agencies, dir, &seal)
    }

    /// The database's seal for workbooks sent to agencies.
    pub async fn seal(&self) -> Result<crate::proposals::seal::Seal> {
        Ok(crate::proposals::seal::Seal::new(
            self.store().seal_key().await?,
        ))
    }

    /// "Nhận đề xuất" / "Nhận báo cáo": what the filled workbooks would change; nothing is
    /// applied.
    pub async fn review_round(&self, id: &str, files: Vec<PathBuf>) -> Result<Received> {
        let plan = self.plan(id).await?;
        let review = crate::proposals::review(&plan, &files, &self.seal().await?);
        Ok(Received { files, review })
    }

    /// The agencies a round goes to unless the planner picks others.
    pub async fn round_recipients(&self, id: &str, round: Round) -> Result<Vec<Id>> {
        let plan = self.plan(id).await?;
        Ok(crate::proposals::batch::recipients(&plan, round))
    }

    /// The reviewed workbooks read again and applied, without the rows the planner
    /// rejected, as one step of the plan's history (one undo takes it all back). From a
    /// stale `revision`, nothing is applied.
    pub async fn apply_round(
        &self,
        id: &str,
        revision: i64,
        files: &[PathBuf],
        rejected: Vec<RowRef>,
    ) -> Result<PlanView> {
        let plan = self.plan(id).await?;
        let review = crate::proposals::review(&plan, files, &self.seal().await?).without(&rejected);
        self.apply_review(id, Some(revision), &review).await?;
        self.view(id).await
    }

    /// Applies the changes of a reviewed round (its problems were shown, and change nothing)
    /// as one step of the history: from `revision` when given, else onto the plan as it
    /// stands (the CLI, which reviewed it a moment ago).
    pub async fn apply_review(
        &self,
        id: &str,
        revision: Option<i64>,
        review: &Review,
    ) -> Result<()> {
        if review.changes.is_empty() {
            return Err(Error::Invalid(
                "Không có thay đổi nào được chọn để cập nhật.".into(),
            ));
        }
        let summary = review.summary();
        self.store()
            .update(id, revision, &summary, |p| review.apply_to(p))
            .await?;
        Ok(())
    }
}
