//! The documents exported from a plan, and the decisions made when one is asked for: a final
//! plan document needs 0 errors and marks the plan issued, a final report needs its number.

use crate::docx::{DocChoice, Options};
use crate::edit::Edit;
use crate::model::{Plan, PlanStatus};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

use super::Session;

/// The documents the export screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    KeHoach,
    QuyetDinh,
    PhuLuc,
    Workbook,
    /// The results report of the plan's year (Word), as of its last day.
    BaoCao,
    /// The same report's tables as a workbook.
    BaoCaoWorkbook,
    /// The drafting department's Tờ trình submitting the plan (Word).
    ToTrinh,
    /// The covering letter sending the draft for comments (Word).
    CongVan,
    /// The table of comments and answers, by agency (Word).
    GopY,
    /// The same table by part of the plan (Word).
    GopYTheoPhan,
    /// The Kế hoạch with Word's revision marks against the draft sent for comments.
    KeHoachSuaDoi,
}

impl ExportKind {
    /// The documents a plan is issued as (not the year-end results report, nor the Tờ trình
    /// that asks for it to be issued).
    pub fn is_plan_document(self) -> bool {
        self.doc()
            .map_or(self == ExportKind::Workbook, DocChoice::issues_the_plan)
    }

    /// File name the save dialog proposes: "Ke-hoach-CDS-Quang-Ngai-2023.docx" keeps to
    /// ASCII so that e-mail and old file servers keep it intact.
    pub fn file_name(self, plan: &Plan) -> String {
        let province: String = crate::text::fold(&plan.identity.province)
            .split_whitespace()
            .map(crate::format::capitalise_first)
            .collect::<Vec<_>>()
            .join("-");
        let stem = match self {
            ExportKind::KeHoach => "Ke-hoach-CDS",
            ExportKind::QuyetDinh => "Quyet-dinh-ban-hanh-KH-CDS",
            ExportKind::PhuLuc => "Phu-luc-nhiem-vu-CDS",
            ExportKind::Workbook => "Phu-luc-CDS",
            ExportKind::BaoCao | ExportKind::BaoCaoWorkbook => "Bao-cao-ket-qua-CDS",
            ExportKind::ToTrinh => "To-trinh-KH-CDS",
            ExportKind::CongVan => "Cong-van-xin-y-kien-du-thao-KH-CDS",
            ExportKind::GopY | ExportKind::GopYTheoPhan => "Bang-tong-hop-y-kien-KH-CDS",
            ExportKind::KeHoachSuaDoi => "Ke-hoach-CDS-sua-doi-sau-gop-y",
        };
        format!(
            "{stem}-{province}-{}.{}",
            plan.identity.year,
            self.extension()
        )
    }

    /// "docx" for a Word document, "xlsx" for a workbook.
    fn extension(self) -> &'static str {
        if self.doc().is_some() {
            "docx"
        } else {
            "xlsx"
        }
    }

    fn doc(self) -> Option<DocChoice> {
        match self {
            ExportKind::KeHoach => Some(DocChoice::KeHoach),
            ExportKind::QuyetDinh => Some(DocChoice::QuyetDinh),
            ExportKind::PhuLuc => Some(DocChoice::PhuLuc),
            ExportKind::BaoCao => Some(DocChoice::BaoCao { as_of: None }),
            ExportKind::ToTrinh => Some(DocChoice::ToTrinh),
            ExportKind::CongVan => Some(DocChoice::CongVan),
            ExportKind::GopY => Some(DocChoice::GopY { by_part: false }),
            ExportKind::GopYTheoPhan => Some(DocChoice::GopY { by_part: true }),
            ExportKind::KeHoachSuaDoi => Some(DocChoice::KeHoachSuaDoi),
            ExportKind::Workbook | ExportKind::BaoCaoWorkbook => None,
        }
    }
}

pub(super) fn options(doc: DocChoice, draft: bool) -> Options {
    Options {
        doc,
        draft,
        ..Options::default()
    }
}

impl Session {
    /// Writes one document of the plan to `path` (atomically).
    pub async fn export(&self, id: &str, kind: ExportKind, draft: bool, path: &Path) -> Result<()> {
        // A Word file named .xlsx (or the reverse) opens in neither program.
        let wanted = kind.extension();
        let program = if wanted == "docx" { "Word" } else { "Excel" };
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            if !ext.eq_ignore_ascii_case(wanted) {
                return Err(Error::Invalid(format!(
                    "Tệp «{}» có đuôi .{ext}, nhưng văn bản này là tệp {program}: hãy đặt tên có đuôi .{wanted}.",
                    crate::fsutil::file_name_shown(path)
                )));
            }
        }
        let plan = self.plan(id).await?;
        // A final plan document is issued only when the final check finds nothing: the
        // decision is made here, where exports are asked for, not in the writers.
        if !draft && kind.is_plan_document() {
            crate::readiness::ensure_issuable(&plan)?;
        }
        if !draft && kind == ExportKind::BaoCao {
            crate::readiness::ensure_report_numbered(&plan)?;
        }
        match kind.doc() {
            Some(doc) => crate::docx::export(&plan, &options(doc, draft), path),
            None if kind == ExportKind::BaoCaoWorkbook => {
                crate::xlsx::export_report(&plan, crate::docx::report::as_of(&plan, None), path)
            }
            None => crate::xlsx::export(&plan, path),
        }?;
        if !draft && kind.doc().is_some() && kind.is_plan_document() {
            self.mark_issued(id).await?;
        }
        Ok(())
    }

    /// A plan document exported as final is the plan being issued: the plan says so (one
    /// step of its history), so the list, the rounds and the next export agree. Called after
    /// a final Word export (refused without number, date and signer), by the window and the
    /// CLI alike.
    pub async fn mark_issued(&self, id: &str) -> Result<()> {
        let plan = self.plan(id).await?;
        if plan.identity.status == PlanStatus::Draft {
            let identity = crate::model::Identity {
                status: PlanStatus::Final,
                ..plan.identity
            };
            self.edit_latest(
                id,
                Edit::SetIdentity {
                    identity: Box::new(identity),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// The file name the save dialog proposes for a document of this plan.
    pub async fn export_name(&self, id: &str, kind: ExportKind) -> Result<String> {
        Ok(kind.file_name(&self.plan(id).await?))
    }

    /// The chosen document as it will print, as HTML pages (see `preview`).
    pub async fn preview(&self, id: &str, kind: ExportKind) -> Result<String> {
        let plan = self.plan(id).await?;
        // A workbook previews as the Word document with the same tables.
        let doc = kind.doc().unwrap_or(match kind {
            ExportKind::BaoCaoWorkbook => DocChoice::BaoCao { as_of: None },
            _ => DocChoice::PhuLuc,
        });
        // A final plan previews as final when it can be; otherwise as the draft it still is.
        let bytes = match plan.identity.status {
            PlanStatus::Final => crate::docx::build(&plan, &options(doc, false))
                .or_else(|_| crate::docx::build(&plan, &options(doc, true)))?,
            PlanStatus::Draft => crate::docx::build(&plan, &options(doc, true))?,
        };
        crate::preview::html(&bytes)
    }
}
