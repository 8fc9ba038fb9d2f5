//! A sheet of a filled workbook read back, by the readers of the rounds' workbooks: found by
//! its name, its header row found by the code column, its columns by their titles.

use calamine::{Data, Reader, Xlsx};

use super::reading::{cell_text, table_rows};
use crate::text::fold;
use crate::xlsx::col_name;

/// The column every sent workbook's header has, whose cells are not to be edited.
pub const CODE: &str = "Mã (không sửa)";

/// A sheet of a filled workbook: its rows, where its header is (the row with the code
/// column), and which column holds which title.
pub(super) struct Sheet {
    pub name: String,
    rows: Vec<Vec<Data>>,
    start: (u32, u32),
    header: usize,
    /// Column index of each expected title, found by title (in any order).
    cols: Vec<Option<usize>>,
}

impl Sheet {
    /// Sheet `name` of a workbook of `kind` ("tệp báo cáo tiến độ"), its columns found by
    /// `titles`.
    pub fn read(
        wb: &mut Xlsx<std::io::Cursor<Vec<u8>>>,
        name: &str,
        titles: &[(&str, f64)],
        kind: &str,
    ) -> std::result::Result<Sheet, String> {
        let real = wb
            .sheet_names()
            .into_iter()
            .find(|n| fold(n) == fold(name))
            .ok_or_else(|| format!("không có trang «{name}»; hãy dùng đúng {kind}"))?;
        let range = wb.worksheet_range(&real).map_err(|e| {
            log::warn!("calamine {real}: {e}");
            "không đọc được trang (dữ liệu hỏng)".to_string()
        })?;
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let is_code = |c: &Data| fold(&cell_text(c)) == fold(CODE);
        let header = rows
            .iter()
            .take(15)
            .position(|r| r.iter().any(is_code))
            .ok_or_else(|| format!("không tìm thấy dòng tiêu đề có cột «{CODE}»"))?;
        let cols = titles
            .iter()
            .map(|(t, _)| {
                rows[header]
                    .iter()
                    .position(|c| fold(&cell_text(c)) == fold(t))
            })
            .collect();
        Ok(Sheet {
            name: real,
            start: range.start().unwrap_or((0, 0)),
            rows,
            header,
            cols,
        })
    }

    pub fn cell(&self, r: &[Data], col: usize) -> Option<Data> {
        self.cols[col].and_then(|i| r.get(i)).cloned()
    }

    pub fn text(&self, r: &[Data], col: usize) -> String {
        self.cell(r, col).map(|d| cell_text(&d)).unwrap_or_default()
    }

    pub fn excel_row(&self, i: usize) -> u32 {
        self.start.0 + i as u32 + 1
    }

    pub fn place(&self, col: usize, titles: &[(&str, f64)]) -> Option<String> {
        self.cols[col].map(|i| {
            format!(
                "{} ({})",
                col_name(self.start.1 as u16 + i as u16),
                titles[col].0
            )
        })
    }

    /// The filled rows after the header, with their Excel row numbers.
    pub fn body(&self) -> impl Iterator<Item = (u32, &[Data])> {
        table_rows(&self.rows, self.header).map(|(i, r)| (self.excel_row(i), r))
    }
}
