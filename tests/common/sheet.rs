//! Filled workbooks as a department's spreadsheet program saves them: every sheet of a sent
//! workbook rewritten cell by cell with rust_xlsxwriter from what calamine reads, with the
//! cells the department typed over it; never by the exporter.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};

pub fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

pub fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[derive(Clone)]
pub enum Put {
    T(&'static str),
    N(f64),
    /// A date cell ("2023-10-15").
    D(&'static str),
}

/// Every sheet of `from` copied into a new workbook, with `puts` (sheet, row, column) over
/// it: what comes back when a department types into the file and saves.
pub fn refill(from: &Path, puts: &[(&str, u32, u16, Put)], to: &Path) {
    let mut wb = open(from);
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (ri, row) in range.rows().enumerate() {
            for (ci, d) in row.iter().enumerate() {
                let (r, c) = (r0 + ri as u32, (c0 as usize + ci) as u16);
                match d {
                    Data::String(s) => ws.write_string(r, c, s).map(|_| ()).unwrap(),
                    Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()).unwrap(),
                    _ => {}
                }
            }
        }
        for (sheet, r, c, put) in puts.iter().filter(|p| p.0 == name) {
            let _ = sheet;
            match put {
                Put::T(s) => ws.write_string(*r, *c, *s).map(|_| ()).unwrap(),
                Put::N(f) => ws.write_number(*r, *c, *f).map(|_| ()).unwrap(),
                Put::D(d) => ws
                    .write_datetime_with_format(
                        *r,
                        *c,
                        rust_xlsxwriter::ExcelDateTime::parse_from_str(d).unwrap(),
                        &rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy"),
                    )
                    .map(|_| ())
                    .unwrap(),
            }
        }
    }
    out.save(to).unwrap();
}

/// The 0-based row of the sheet whose first cell is `code`.
pub fn row_of(path: &Path, sheet: &str, code: &str) -> u32 {
    let mut wb = open(path);
    let r = wb.worksheet_range(sheet).unwrap();
    let start = r.start().unwrap().0;
    start
        + r.rows()
            .position(|row| row.first().map(text).as_deref() == Some(code))
            .unwrap_or_else(|| panic!("{code} not in {sheet}")) as u32
}
