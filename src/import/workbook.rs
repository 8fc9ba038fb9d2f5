//! The task appendix kept in Excel read into a draft plan.

use std::path::Path;

use rust_decimal::Decimal;

use crate::fsutil::{read_office, Office};
use crate::model::*;
use crate::text::fold;
use crate::Result;

use super::agencies::Directory;
use super::tables::{read_task_table, rows_of, task_header};
use super::{bad, finish, Account, Flag, Imported};

/// A draft plan from a workbook holding a task appendix (any sheet whose header row has TT,
/// Tên nhiệm vụ, Cơ quan chủ trì). Province and year come from the "(Kèm theo …)" line and
/// the deadlines unless given.
pub(super) fn import_xlsx(
    path: &Path,
    preset: &[Agency],
    province: Option<&str>,
    year: Option<i32>,
) -> Result<Imported> {
    use calamine::Reader;
    let bytes = read_office(path, Office::Excel).map_err(|m| bad(path, Office::Excel, m))?;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        log::warn!("calamine: {e}");
        bad(
            path,
            Office::Excel,
            "bảng tính bị hỏng hoặc không đúng định dạng .xlsx".into(),
        )
    })?;
    let mut flags = Vec::new();
    let mut dir = Directory::new(preset);
    let mut groups = Vec::new();
    let mut attached = String::new();
    for name in wb.sheet_names() {
        let Some(rows) = sheet_rows(&mut wb, &name) else {
            continue;
        };
        let header_at = (0..rows.len().min(20)).find(|h| task_header(&rows[*h..]).is_some());
        if let Some(h) = header_at {
            if attached.is_empty() {
                attached = rows[..h]
                    .iter()
                    .flatten()
                    .map(|c| &c.text)
                    .find(|c| {
                        fold(c).starts_with("kem theo") || fold(c).contains("kem theo ke hoach")
                    })
                    .cloned()
                    .unwrap_or_default();
            }
            let columns = task_header(&rows[h..]).unwrap();
            read_task_table(
                &rows[h..],
                &columns,
                true,
                &mut groups,
                &mut dir,
                &mut flags,
            );
        }
    }
    if groups.is_empty() {
        return Err(bad(
            path,
            Office::Excel,
            "không có trang nào có bảng nhiệm vụ (các cột TT, Tên nhiệm vụ, Cơ quan chủ trì)"
                .into(),
        ));
    }
    let (province, deadline_year) = province_and_year(&attached, province, &groups);
    let (Some(province), Some(year)) = (province, year.or(deadline_year)) else {
        return Err(bad(path, Office::Excel, "không xác định được tỉnh hoặc năm kế hoạch từ bảng tính; hãy cho biết (--province, --year)".into()));
    };
    let mut plan = Plan::blank(&province, year);
    plan.groups = groups;
    flags.push(Flag {
        place: "Kế hoạch".into(),
        message:
            "Chỉ có phụ lục nhiệm vụ: phần nội dung (căn cứ, mục tiêu, giải pháp…) cần soạn thêm."
                .into(),
    });
    plan.directory = dir.into_directory(&mut flags);
    finish(plan, flags, Account::default())
}

/// A sheet's cells as text, in the Vietnamese number form, with merged cells marked as
/// the Word reader marks them; `None` for a sheet that cannot be read.
fn sheet_rows(
    wb: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
    name: &str,
) -> Option<Vec<super::package::Row>> {
    use calamine::{Data, Reader};
    let range = wb.worksheet_range(name).ok()?;
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    // Through the Vietnamese form, so "1234.567" is not read as thousands.
                    Data::Float(f) => Decimal::try_from(*f)
                        .map(crate::format::money)
                        .unwrap_or_default(),
                    Data::Int(i) => i.to_string(),
                    Data::String(s) => crate::text::nfc(s.trim()),
                    Data::Empty => String::new(),
                    // As Excel shows it, not its serial number (46447): a date in an
                    // amount column is then reported, not read as 46.447 million.
                    Data::DateTime(d) => excel_day(d.as_f64()),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let rows = with_formulas(wb, name, rows, range.start().unwrap_or((0, 0)));
    let mut rows = rows_of(rows);
    // Merged cells as the Word reader marks them (a header "Cơ quan thực hiện" over
    // "Chủ trì | Phối hợp"); a sheet whose merges cannot be read is read without them.
    let merges = wb.merge_cells_by_sheet_name(name).unwrap_or_default();
    let origin = range.start().unwrap_or((0, 0));
    mark_merged(&mut rows, &merges, origin);
    Some(rows)
}

/// An Excel date (days since 30/12/1899) as "01/03/2027".
fn excel_day(serial: f64) -> String {
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64)))
        .map_or_else(|| serial.to_string(), |d| d.format("%d/%m/%Y").to_string())
}

/// A formula cell saved without its result (a workbook written by a program that does not
/// calculate) reads as empty: it is shown as its formula ("=F3*2"), so that an amount that
/// was never calculated is reported rather than taken for no budget.
fn with_formulas(
    wb: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
    name: &str,
    mut rows: Vec<Vec<String>>,
    origin: (u32, u32),
) -> Vec<Vec<String>> {
    use calamine::Reader;
    let Ok(formulas) = wb.worksheet_formula(name) else {
        return rows;
    };
    let start = formulas.start().unwrap_or((0, 0));
    for (r, c, f) in formulas.used_cells() {
        let (Some(r), Some(c)) = (
            (start.0 as usize + r).checked_sub(origin.0 as usize),
            (start.1 as usize + c).checked_sub(origin.1 as usize),
        ) else {
            continue;
        };
        if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            if cell.is_empty() && !f.is_empty() {
                *cell = format!("={f}");
            }
        }
    }
    rows
}

/// The province (given, or from the "(Kèm theo …)" line) and the year the deadlines speak
/// of (the median).
fn province_and_year(
    attached: &str,
    province: Option<&str>,
    groups: &[TaskGroup],
) -> (Option<String>, Option<i32>) {
    let from_line = fold(attached).split_once(" tinh ").map(|(_, rest)| {
        let words: Vec<&str> = attached.split_whitespace().collect();
        let n = rest.split_whitespace().count();
        words[words.len() - n..]
            .join(" ")
            .trim_end_matches(')')
            .to_string()
    });
    let province = province
        .map(str::to_string)
        .or(from_line)
        .filter(|p| !p.is_empty());
    let deadline_year = {
        let mut years: Vec<i32> = groups
            .iter()
            .flat_map(|g: &TaskGroup| g.tasks.iter())
            .filter_map(|t| t.deadline.as_ref()?.span())
            .map(|(a, _)| chrono::Datelike::year(&a))
            .collect();
        years.sort_unstable();
        years.get(years.len() / 2).copied()
    };
    (province, deadline_year)
}

/// Marks the cells of merged regions as `Cell`s of a Word table are marked: those right of
/// a region's first cell `spanned`, those below it `from_above`, each with the first cell's
/// text. `origin` is where the sheet's used range starts (`rows[0][0]`).
fn mark_merged(
    rows: &mut [super::package::Row],
    merges: &[calamine::Dimensions],
    origin: (u32, u32),
) {
    for m in merges {
        let (Some(r0), Some(c0)) = (
            m.start.0.checked_sub(origin.0).map(|r| r as usize),
            m.start.1.checked_sub(origin.1).map(|c| c as usize),
        ) else {
            continue;
        };
        let Some(text) = rows.get(r0).and_then(|r| r.get(c0)).map(|c| c.text.clone()) else {
            continue;
        };
        let (r1, c1) = ((m.end.0 - origin.0) as usize, (m.end.1 - origin.1) as usize);
        for (r, row) in rows.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            for (c, cell) in row.iter_mut().enumerate().take(c1 + 1).skip(c0) {
                if (r, c) == (r0, c0) {
                    continue;
                }
                cell.text = text.clone();
                if r == r0 {
                    cell.spanned = true;
                } else {
                    cell.from_above = true;
                }
            }
        }
    }
}
