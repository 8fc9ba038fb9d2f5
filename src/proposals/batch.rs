//! Sending a round to the departments at once: one workbook per agency written into a folder
//! the planner chose, and a summary list of what went to whom, to attach to the covering
//! letter and tick off as the files come back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{AgencyKind, Id, Plan};
use crate::xlsx::{headers, print_setup, title_rows, xl, Styles};
use crate::{Error, Result};

/// Which round a batch of workbooks belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    /// Tasks and budget proposed for the plan being drafted.
    Proposals,
    /// Progress of the issued plan's tasks and indicators ("báo cáo tiến độ").
    Progress,
}

impl Round {
    fn stem(self) -> &'static str {
        match self {
            Round::Proposals => "De-xuat-CDS",
            Round::Progress => "Bao-cao-tien-do-CDS",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Round::Proposals => "đề xuất nhiệm vụ",
            Round::Progress => "báo cáo tiến độ",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SentFile {
    pub agency: Id,
    pub name: String,
    pub file: PathBuf,
    pub tasks: usize,
    pub indicators: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sent {
    pub files: Vec<SentFile>,
    pub summary: PathBuf,
}

/// The agencies a round goes to unless the planner picks: for proposals, every department
/// and body that can lead a task; for progress, those that lead a task or own an indicator.
pub fn recipients(plan: &Plan, round: Round) -> Vec<Id> {
    plan.directory
        .iter()
        .filter(|a| match round {
            Round::Proposals => matches!(
                a.kind,
                AgencyKind::So | AgencyKind::TinhKhac | AgencyKind::UbndXa | AgencyKind::TrungUong
            ),
            // A collective ("Các sở, ngành") is no one to send a file to.
            Round::Progress => {
                let (t, i) = super::progress::counts(plan, &a.id);
                a.kind != AgencyKind::TapThe && t + i > 0
            }
        })
        .map(|a| a.id.clone())
        .collect()
}

/// "De-xuat-CDS-2027-So-Y-te.xlsx": ASCII, so that e-mail and old file servers keep it.
pub(crate) fn file_name(stem: &str, plan: &Plan, name: &str) -> String {
    let who: String = crate::text::fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(crate::format::capitalise_first)
        .collect::<Vec<_>>()
        .join("-");
    format!("{stem}-{}-{who}.xlsx", plan.identity.year)
}

/// Writes the round's workbooks for `agencies` into `dir`, and the summary list. Every
/// workbook is built before the first is written, so a bad agency writes nothing.
pub fn send(
    plan: &Plan,
    round: Round,
    agencies: &[Id],
    dir: &Path,
    seal: &super::seal::Seal,
) -> Result<Sent> {
    if agencies.is_empty() {
        return Err(Error::Invalid(
            "Hãy chọn ít nhất một cơ quan để gửi.".into(),
        ));
    }
    if !dir.is_dir() {
        return Err(Error::Invalid(format!(
            "Không có thư mục «{}».",
            dir.display()
        )));
    }
    let mut built: Vec<(SentFile, Vec<u8>)> = Vec::new();
    for id in agencies {
        let agency = super::agency_named(plan, id)?;
        let bytes = match round {
            Round::Proposals => super::template(plan, id, seal)?,
            Round::Progress => super::progress::template(plan, id, seal)?,
        };
        let (tasks, indicators) = match round {
            Round::Proposals => (plan.tasks().filter(|(_, t)| t.lead.contains(id)).count(), 0),
            Round::Progress => super::progress::counts(plan, id),
        };
        let mut name = file_name(round.stem(), plan, agency.display_short());
        if built
            .iter()
            .any(|(f, _)| f.file.file_name() == Some(name.as_ref()))
        {
            name = file_name(
                round.stem(),
                plan,
                &format!("{} {id}", agency.display_short()),
            );
        }
        built.push((
            SentFile {
                agency: id.clone(),
                name: agency.name.clone(),
                file: dir.join(name),
                tasks,
                indicators,
            },
            bytes,
        ));
    }
    let summary = dir.join(format!(
        "Danh-sach-gui-{}-{}.xlsx",
        round.stem(),
        plan.identity.year
    ));
    let list = summary_workbook(plan, round, &built)?;
    for (f, bytes) in &built {
        crate::fsutil::write_atomic(&f.file, bytes)?;
    }
    crate::fsutil::write_atomic(&summary, &list)?;
    Ok(Sent {
        files: built.into_iter().map(|(f, _)| f).collect(),
        summary,
    })
}

fn summary_workbook(plan: &Plan, round: Round, files: &[(SentFile, Vec<u8>)]) -> Result<Vec<u8>> {
    let s = Styles::new();
    let mut wb = crate::xlsx::workbook();
    let ws = wb.add_worksheet();
    ws.set_name("Danh sách gửi").map_err(xl)?;
    let cols = [
        ("STT", 6.0),
        ("Cơ quan", 40.0),
        ("Tệp gửi", 46.0),
        ("Số nhiệm vụ", 12.0),
        ("Số chỉ tiêu", 12.0),
        ("Đã nhận lại", 14.0),
    ];
    let title = format!(
        "DANH SÁCH GỬI {} KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM {}",
        round.label().to_uppercase(),
        plan.identity.year
    );
    let header = title_rows(ws, &s, cols.len() as u16 - 1, &[(&title, false)])?;
    headers(ws, &s, header, &cols)?;
    print_setup(ws, header)?;
    for (i, (f, _)) in files.iter().enumerate() {
        let row = header + 1 + i as u32;
        let file = f
            .file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        ws.write_number_with_format(row, 0, (i + 1) as f64, &s.centre)
            .map_err(xl)?;
        ws.write_string_with_format(row, 1, &f.name, &s.text)
            .map_err(xl)?;
        ws.write_string_with_format(row, 2, &file, &s.text)
            .map_err(xl)?;
        ws.write_number_with_format(row, 3, f.tasks as f64, &s.centre)
            .map_err(xl)?;
        ws.write_number_with_format(row, 4, f.indicators as f64, &s.centre)
            .map_err(xl)?;
        ws.write_blank(row, 5, &s.centre).map_err(xl)?;
    }
    wb.save_to_buffer().map_err(xl)
}
