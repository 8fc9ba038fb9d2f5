//! Task and indicator tables, as provinces lay them out: one- or two-row headers with merged
//! cells, header synonyms, extra or empty columns, a row of column numbers, groups numbered
//! "1" or "I" or written across the row, rows cut by page breaks, tables split in several.

use rust_decimal::Decimal;

use crate::format::NumberStyle;
use crate::model::*;
use crate::text::fold;

use super::agencies::Directory;
use super::package::{texts, Cell, Row};
use super::Flag;

mod checks;
mod indicators;

use checks::{check_total, is_total, total_label, UnusedColumns};
pub(super) use indicators::{is_indicator_table, parse_target, read_indicator_table};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TCol {
    No,
    Title,
    Lead,
    Coord,
    Time,
    Output,
    Amount,
    Source,
    Level,
}

/// The kind of a column from its header text; the first column of a kind wins.
fn column_kind(header: &str) -> Option<TCol> {
    let f = fold(header);
    let has = |w: &str| f.contains(w);
    Some(
        if matches!(f.as_str(), "tt" | "stt" | "so tt" | "so thu tu") {
            TCol::No
        } else if f.starts_with("nguon") {
            TCol::Source
        } else if has("cap ngan sach") {
            TCol::Level
        } else if has("kinh phi") || has("du toan") {
            TCol::Amount
        } else if has("phoi hop") {
            TCol::Coord
        } else if has("chu tri")
            || matches!(f.as_str(), "don vi" | "co quan")
            || (has("thuc hien") && (has("co quan") || has("don vi")))
        {
            TCol::Lead
        } else if has("thoi gian") || has("thoi han") || has("tien do") {
            TCol::Time
        } else if has("san pham") || has("ket qua") {
            TCol::Output
        } else if has("nhiem vu") || f.starts_with("noi dung") || f.starts_with("ten ") {
            TCol::Title
        } else {
            return None;
        },
    )
}

/// Where each kind of column is, and how many rows the header takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TaskColumns {
    cols: Vec<(TCol, usize)>,
    header_rows: usize,
    width: usize,
    /// The header text of each column (both rows of a two-row header read together).
    heads: Vec<String>,
    /// How the table's amounts are written, from the cells that can only be one way.
    style: NumberStyle,
}

/// The columns of a header; every amount column is kept (a budget split by source:
/// "Kinh phí" over "Ngân sách trung ương | Ngân sách tỉnh | Nguồn khác | Tổng"), of the
/// other kinds the first.
fn columns_of(header: &[String]) -> Vec<(TCol, usize)> {
    let mut cols: Vec<(TCol, usize)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(c) = column_kind(h) {
            if c == TCol::Amount || !cols.iter().any(|(x, _)| *x == c) {
                cols.push((c, i));
            }
        }
    }
    cols
}

/// Whether an amount column is the "Tổng" beside the sources.
fn is_total_column(header: &str) -> bool {
    fold(header).contains("tong")
}

/// What an amount column of a budget split by source holds, from its header: a source or a
/// level the model has, or neither (the central budget, kept as the line's note); the
/// total column is `None` (the lines add up to it).
fn amount_column(header: &str) -> Option<(Option<BudgetSource>, Option<BudgetLevel>)> {
    if is_total_column(header) {
        return None;
    }
    let f = fold(header);
    let has = |w: &str| f.contains(w);
    let source = if has("xa hoi hoa") || has("doanh nghiep") {
        Some(BudgetSource::XaHoiHoa)
    } else if has("dau tu") {
        Some(BudgetSource::DauTuPhatTrien)
    } else if has("thuong xuyen") || has("su nghiep") {
        Some(BudgetSource::ThuongXuyen)
    } else if has("nguon khac") || has("von khac") {
        Some(BudgetSource::Khac)
    } else {
        None
    };
    // Whole words: "xác định" is not "xã".
    let word = |w: &str| f.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    let level = if has("trung uong") {
        None
    } else if has("huyen") {
        Some(BudgetLevel::Huyen)
    } else if word("xa") && !has("xa hoi") {
        Some(BudgetLevel::Xa)
    } else if has("tinh") || has("dia phuong") {
        Some(BudgetLevel::Tinh)
    } else {
        None
    };
    Some((source, level))
}

/// A budget line named by a column's header or a line of a "Nguồn" cell: its source and
/// level as the words say; a budget of neither (the central budget) keeps its name as the
/// line's note ("Kinh phí (triệu đồng) Ngân sách trung ương" → "Ngân sách trung ương").
/// `None` for a total.
fn labelled_line(label: &str, amount: Decimal) -> Option<BudgetLine> {
    let (source, level) = amount_column(label)?;
    let label = label.trim();
    let note = match (source, level) {
        (None, None) => label
            .rsplit_once(')')
            .map(|(_, rest)| rest.trim())
            .filter(|rest| !rest.is_empty())
            .unwrap_or(label)
            .to_string(),
        _ => String::new(),
    };
    Some(BudgetLine {
        amount,
        source,
        level,
        note,
    })
}

fn is_task_header(cols: &[(TCol, usize)]) -> bool {
    [TCol::No, TCol::Title, TCol::Lead]
        .iter()
        .all(|c| cols.iter().any(|(x, _)| x == c))
}

/// The header of a task table: its first row, or its first two rows read together when the
/// header is merged ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp").
pub(super) fn task_header(rows: &[Row]) -> Option<TaskColumns> {
    let first = texts(rows.first()?, true);
    let one = columns_of(&first);
    let joined: Option<Vec<String>> = rows.get(1).map(|second| {
        first
            .iter()
            .zip(second.iter())
            .map(|(top, below)| {
                if below.from_above || below.text.is_empty() || *top == below.text {
                    top.clone()
                } else {
                    format!("{top} {}", below.text)
                }
            })
            .collect()
    });
    let two = joined.as_deref().map(columns_of);
    let width = first.len();
    // Names a header row gives its columns: a merged cell repeats its one name.
    let names = |h: &[String]| h.iter().collect::<std::collections::BTreeSet<_>>().len();
    let more_names = joined.as_deref().is_some_and(|j| names(j) > names(&first));
    match two {
        // A second header row adds columns (or makes the header whole) only when the first
        // row has merged cells over it.
        Some(two)
            if is_task_header(&two)
                && (two.len() > one.len() || more_names)
                && rows[0].iter().any(|c| c.spanned)
                || rows.get(1).is_some_and(|r| r.iter().any(|c| c.from_above))
                    && is_task_header(&two)
                    && !is_task_header(&one) =>
        {
            Some(TaskColumns {
                cols: two,
                header_rows: 2,
                width,
                heads: joined.unwrap_or_default(),
                style: NumberStyle::default(),
            })
        }
        _ => is_task_header(&one).then_some(TaskColumns {
            cols: one,
            header_rows: 1,
            width,
            heads: first,
            style: NumberStyle::default(),
        }),
    }
}

impl TaskColumns {
    /// Whether a table without a header of its own continues this one (a table split over
    /// pages, or one per group): the same width, and a first row that is a group or a task.
    pub(super) fn continued_by(&self, rows: &[Row]) -> bool {
        rows.first().is_some_and(|r| {
            r.len() == self.width && {
                let no = self.get(&texts(r, false), TCol::No);
                !no.is_empty() && no.chars().next().is_some_and(|c| c.is_alphanumeric())
            }
        })
    }

    fn money(&self, text: &str) -> Option<Decimal> {
        crate::format::parse_money_in(text, self.style)
    }

    /// The amount columns, in order (one, or a budget split by source and its "Tổng").
    fn amount_columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.cols
            .iter()
            .filter(|(c, _)| *c == TCol::Amount)
            .map(|(_, i)| *i)
    }

    fn amount_cells<'a>(&'a self, r: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
        self.amount_columns()
            .filter_map(move |i| r.get(i).map(|t| t.trim()))
    }

    /// The table's style of numbers: English when some amount can only be English and none
    /// only Vietnamese ("1,234.5" beside "12,500"), else ours.
    fn with_style_of(&self, rows: &[Vec<String>]) -> TaskColumns {
        let styles: Vec<NumberStyle> = rows
            .iter()
            .flat_map(|r| self.amount_cells(r))
            .filter_map(NumberStyle::of)
            .collect();
        let english =
            styles.contains(&NumberStyle::English) && !styles.contains(&NumberStyle::Vietnamese);
        TaskColumns {
            style: if english {
                NumberStyle::English
            } else {
                NumberStyle::Vietnamese
            },
            ..self.clone()
        }
    }

    /// A task row's budget: one line per amount column (a budget split by source), or the
    /// one amount with the row's source and level columns.
    fn budget(&self, r: &[String]) -> Vec<BudgetLine> {
        let amounts: Vec<usize> = self.amount_columns().collect();
        // A negative or unreadable amount is not a line; `unread_amounts` reports it.
        let money = |i: usize| {
            r.get(i)
                .and_then(|t| self.money(t))
                .filter(|a| *a > Decimal::ZERO)
        };
        // Split by source only when a header says so (not, say, two years' amounts).
        let split = amounts.iter().any(|&i| {
            let f = fold(self.heads.get(i).map_or("", |h| h.as_str()));
            ["ngan sach", "nguon", "von ", "xa hoi hoa"]
                .iter()
                .any(|w| f.contains(w))
        });
        let by_source: Vec<usize> = amounts
            .iter()
            .copied()
            .filter(|&i| self.heads.get(i).and_then(|h| amount_column(h)).is_some())
            .collect();
        if amounts.len() > 1 && split && !by_source.is_empty() {
            return by_source
                .into_iter()
                .filter_map(|i| labelled_line(&self.heads[i], money(i)?))
                .collect();
        }
        // Our own appendix names each line of a task with several: "Thường xuyên, cấp
        // tỉnh: 1.500" on a line of the "Nguồn" cell.
        let source_cell = self.get(r, TCol::Source);
        let listed: Vec<&str> = source_cell
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let named: Vec<BudgetLine> = listed
            .iter()
            .filter_map(|l| {
                let (label, amount) = l.rsplit_once(':')?;
                labelled_line(label, self.money(amount.trim())?)
            })
            .collect();
        if listed.len() > 1 && named.len() == listed.len() {
            return named;
        }
        let source_t = fold(&source_cell);
        let source = BudgetSource::ALL
            .into_iter()
            .find(|s| !source_t.is_empty() && source_t.contains(&fold(s.short_label())));
        let level_t = fold(&self.get(r, TCol::Level));
        let level = BudgetLevel::ALL
            .into_iter()
            .find(|l| !level_t.is_empty() && level_t.contains(&fold(l.short_label())))
            .or_else(|| amount_column(&source_cell).and_then(|(_, level)| level));
        amounts
            .first()
            .and_then(|&i| money(i))
            .map(|amount| {
                vec![BudgetLine {
                    amount,
                    source,
                    level,
                    note: String::new(),
                }]
            })
            .unwrap_or_default()
    }

    /// The amount cells of a row that hold something other than an amount — a formula never
    /// calculated, a negative number, a date, a formula's error, words — each with why it is
    /// not one. Each is left out of the budget, and said, instead of becoming a wrong figure
    /// or vanishing.
    fn unread_amounts(&self, r: &[String]) -> Vec<(String, &'static str)> {
        self.amount_cells(r)
            .filter(|t| {
                !t.is_empty() && !t.chars().all(|c| matches!(c, '-' | '–' | '—' | '.' | '0'))
            })
            .filter_map(|t| {
                let why = match self.money(t) {
                    Some(a) if a >= Decimal::ZERO => return None,
                    Some(_) => "là số âm",
                    None if t.starts_with('=') => {
                        "là công thức chưa được tính (hãy mở tệp bằng Excel, lưu lại rồi nhập lại)"
                    }
                    None => "không phải là số tiền (triệu đồng)",
                };
                Some((t.to_string(), why))
            })
            .collect()
    }

    /// The amount a "Tổng" column beside the sources writes for a row (it is not read as a
    /// line: the lines add up to it).
    fn written_total(&self, r: &[String]) -> Option<Decimal> {
        if self.amount_columns().count() < 2 {
            return None;
        }
        let i = self
            .amount_columns()
            .find(|&i| self.heads.get(i).is_some_and(|h| is_total_column(h)))?;
        self.money(r.get(i)?)
    }

    fn get(&self, r: &[String], c: TCol) -> String {
        self.cols
            .iter()
            .find(|(x, _)| *x == c)
            .and_then(|(_, i)| r.get(*i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }
}

/// "(1) | (2) | (3)" or "1 | 2 | 3" under a header: column numbers, not a row.
fn is_column_numbers(r: &[String]) -> bool {
    let numbers: Vec<u32> = r
        .iter()
        .filter(|c| !c.is_empty())
        .filter_map(|c| c.trim_matches(['(', ')']).parse().ok())
        .collect();
    numbers.len() >= 3
        && numbers.len() == r.iter().filter(|c| !c.is_empty()).count()
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXL".contains(c))
}

/// "1. Nhận thức số", "I. NHẬN THỨC SỐ", "A - Nhận thức số" → "Nhận thức số".
fn strip_numbering(t: &str) -> String {
    let t = t.trim();
    let (head, rest) = match t.split_once(['.', ')', '-', '–']) {
        Some((h, r)) if !h.trim().is_empty() && h.trim().len() <= 4 => (h.trim(), r.trim()),
        _ => return t.to_string(),
    };
    if head.chars().all(|c| c.is_ascii_digit()) || is_roman(head) || head.len() == 1 {
        rest.to_string()
    } else {
        t.to_string()
    }
}

/// What a task table gave: the rows read and the rows with content that were not.
#[derive(Debug, Default)]
pub(super) struct TableRead {
    pub tasks: usize,
    pub skipped: Vec<String>,
}

/// The table's rows after its header, as texts: a header repeated on a new page and the
/// row of column numbers left out, and a row cut by a page break (no number, its title
/// missing or going on in lower case) joined to the row before.
fn logical_rows(rows: &[Row], table: &TaskColumns, skip_header: bool) -> Vec<Vec<String>> {
    let header: Vec<Vec<String>> = rows
        .iter()
        .take(if skip_header { table.header_rows } else { 0 })
        .map(|r| texts(r, false))
        .collect();
    let body = if skip_header {
        &rows[table.header_rows.min(rows.len())..]
    } else {
        rows
    };
    let mut merged: Vec<Vec<String>> = Vec::new();
    for r in body {
        let cells = texts(r, false);
        if header.contains(&cells) || is_column_numbers(&cells) {
            continue; // a header repeated on a new page, or the column numbers
        }
        let no = table.get(&cells, TCol::No);
        let title = table.get(&cells, TCol::Title);
        let continues = title.is_empty() || title.starts_with(|c: char| c.is_lowercase());
        // A row holding only an amount is no text cut by a page break: joined, its amount
        // became the task's above without a word; kept apart, it is listed as not read.
        let only_amounts = cells.iter().any(|c| !c.trim().is_empty())
            && cells
                .iter()
                .enumerate()
                .all(|(i, c)| c.trim().is_empty() || table.amount_columns().any(|a| a == i));
        if no.is_empty() && continues && !merged.is_empty() && !only_amounts {
            if cells.iter().any(|c| !c.is_empty()) {
                let last = merged.last_mut().unwrap();
                for (i, cell) in cells.iter().enumerate() {
                    if !cell.trim().is_empty() && i < last.len() && !r[i].from_above {
                        last[i] = format!("{} {}", last[i].trim_end(), cell.trim())
                            .trim()
                            .to_string();
                    }
                }
            }
            continue;
        }
        merged.push(cells);
    }
    merged
}

/// Rows of a task table: group rows ("1 | Nhận thức số", "I | …", or one text across the
/// row), task rows ("1.1 | …", or "1 | …" under roman groups), and rows continued after a
/// page break (no number, text going on in lower case) joined to the row above.
pub(super) fn read_task_table(
    rows: &[Row],
    table: &TaskColumns,
    skip_header: bool,
    groups: &mut Vec<TaskGroup>,
    dir: &mut Directory,
    flags: &mut Vec<Flag>,
) -> TableRead {
    let merged = logical_rows(rows, table, skip_header);
    let table = &table.with_style_of(&merged);
    let mut read = TableRead::default();
    let mut unused = UnusedColumns::default();
    let mut numbers_seen = std::collections::HashSet::new();
    let number_of = |r: &Vec<String>| table.get(r, TCol::No).trim_end_matches('.').to_string();
    let roman_groups = merged.iter().any(|r| {
        let no = number_of(r);
        is_roman(&no) || (no.len() == 1 && no.chars().all(|c| c.is_ascii_uppercase()))
    });
    for r in merged {
        if let Some(label) = total_label(&r, &number_of(&r)) {
            check_total(&r, &label, table, groups, read.tasks, flags);
            continue;
        }
        let no = number_of(&r);
        let title = table.get(&r, TCol::Title);
        let filled: Vec<&String> = r.iter().filter(|c| !c.trim().is_empty()).collect();
        // One text across the row (a merged cell, or the title column alone) starting in
        // capitals: a group's title. A lone lead or date is a row cut by a page break.
        let across = filled.len() == 1
            && !filled[0].starts_with(char::is_lowercase)
            && (title == *filled[0]
                || (no == *filled[0].trim_end_matches('.')
                    && no.chars().any(char::is_alphabetic)
                    && !is_roman(&no)));
        let group_no = if roman_groups {
            is_roman(&no) || (no.len() == 1 && no.chars().all(|c| c.is_ascii_uppercase()))
        } else {
            !no.is_empty() && no.chars().all(|c| c.is_ascii_digit())
        };
        if across || (group_no && !title.is_empty()) {
            let text = if across { filled[0].clone() } else { title };
            if is_total(&text) {
                continue; // "III | Tổng cộng": a total with a group's number
            }
            groups.push(TaskGroup {
                id: new_id(),
                title: strip_numbering(&text),
                framework_ref: None,
                intro: String::new(),
                tasks: Vec::new(),
            });
            continue;
        }
        if no.is_empty() || title.is_empty() {
            read.skipped.extend(unread_row(&filled));
            continue;
        }
        if groups.is_empty() {
            flags.push(Flag {
                place: format!("Phụ lục, dòng {no}"),
                message: "Nhiệm vụ đứng trước mọi nhóm: đưa vào nhóm «Khác».".into(),
            });
            groups.push(TaskGroup {
                id: new_id(),
                title: "Khác".into(),
                framework_ref: None,
                intro: String::new(),
                tasks: Vec::new(),
            });
        }
        // Under roman groups the tasks are numbered 1, 2, … again in each group.
        if !numbers_seen.insert((groups.len(), no.clone())) {
            // The plan numbers its tasks by their place: a number written twice (a row copied
            // and not renumbered) is said, as the tasks after it take other numbers.
            flags.push(Flag {
                place: format!("Phụ lục, dòng {no}"),
                message: format!(
                    "Số thứ tự {no} có hai lần trong bảng nhiệm vụ (lần sau: «{}»): kế hoạch đánh số lại theo thứ tự, cần kiểm tra các số sau đó.",
                    crate::text::shortened(&title, 80)
                ),
            });
        }
        unused.note(table, &r, &no, &title);
        groups
            .last_mut()
            .unwrap()
            .tasks
            .push(task_of(&r, &no, title, table, dir, flags));
        read.tasks += 1;
    }
    flags.extend(unused.flags(table));
    read
}

/// A row without a number or a title, as it is listed unread ("a | b"); `None` for an
/// empty row, a total, and our own appendix's row of the budget not given to a task (the
/// budget section's sentence is where that is read: read here too, it would count twice).
fn unread_row(filled: &[&String]) -> Option<String> {
    let text: Vec<&str> = filled.iter().map(|s| s.as_str()).collect();
    let written_again = is_total(&text.join(" "))
        || fold(&text.join(" ")).starts_with("kinh phi du kien chua phan bo");
    (!filled.is_empty() && !written_again).then(|| text.join(" | "))
}

/// One task row read: leads and coordinators through the directory, deadline, budget.
fn task_of(
    r: &[String],
    no: &str,
    title: String,
    table: &TaskColumns,
    dir: &mut Directory,
    flags: &mut Vec<Flag>,
) -> Task {
    let lead = dir.cell(&table.get(r, TCol::Lead));
    let coordinating: Vec<Id> = dir
        .cell(&table.get(r, TCol::Coord))
        .into_iter()
        .filter(|c| !lead.contains(c))
        .collect();
    let time = table.get(r, TCol::Time);
    let deadline = Deadline::parse(&time);
    if deadline.is_none() && !time.is_empty() {
        flags.push(Flag {
            place: format!("Nhiệm vụ {no}"),
            message: format!("Không hiểu thời gian «{time}»: cần nhập lại."),
        });
    }
    let budget = table.budget(r);
    // "12,500": 12,5 our way, 12.500 the English way; read the table's way, and said.
    let (_, decimal_mark) = table.style.marks();
    for cell in table
        .amount_cells(r)
        .filter(|t| crate::format::ambiguous_money(t) && t.contains(decimal_mark))
    {
        if let Some(a) = table.money(cell) {
            flags.push(Flag {
                place: format!("Nhiệm vụ {no}"),
                message: format!(
                    "Ô kinh phí «{cell}» được đọc là {} triệu đồng; nếu là {} triệu đồng, hãy sửa lại.",
                    crate::format::money(a),
                    crate::format::money(a * Decimal::from(1000))
                ),
            });
        }
    }
    for (cell, why) in table.unread_amounts(r) {
        flags.push(Flag {
            place: format!("Nhiệm vụ {no}"),
            message: format!("Ô kinh phí «{cell}» {why}: chưa đưa vào kinh phí, cần nhập lại."),
        });
    }
    if let Some(total) = table.written_total(r) {
        let sum = crate::budget::sum(&budget);
        if sum != total && !budget.is_empty() {
            flags.push(Flag {
                place: format!("Nhiệm vụ {no}"),
                message: format!(
                    "Cột «Tổng» ghi {} triệu đồng nhưng các nguồn cộng lại {} triệu đồng: đã lấy theo từng nguồn, cần kiểm tra.",
                    crate::format::money(total),
                    crate::format::money(sum)
                ),
            });
        }
    }
    if lead.is_empty() {
        flags.push(Flag {
            place: format!("Nhiệm vụ {no}"),
            message: "Không có cơ quan chủ trì.".into(),
        });
    }
    Task {
        coordinating,
        deadline,
        output: table.get(r, TCol::Output),
        budget,
        ..Task::new(title, lead)
    }
}

/// Rows of plain texts (a worksheet) as table rows.
pub(super) fn rows_of(texts: Vec<Vec<String>>) -> Vec<Row> {
    texts
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|text| Cell {
                    text,
                    ..Cell::default()
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        cells
            .iter()
            .map(|t| Cell {
                text: t.to_string(),
                ..Cell::default()
            })
            .collect()
    }

    fn read(rows: &[Row]) -> (Vec<TaskGroup>, TableRead) {
        let table = task_header(rows).expect("a task header");
        let mut groups = Vec::new();
        let mut dir = Directory::new(&[]);
        let read = read_task_table(rows, &table, true, &mut groups, &mut dir, &mut Vec::new());
        (groups, read)
    }

    #[test]
    fn header_synonyms_are_recognised() {
        for header in [
            ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"],
            ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp"],
            ["Số TT", "Nội dung nhiệm vụ", "Đơn vị thực hiện", "Phối hợp"],
        ] {
            let t = task_header(&[row(&header)]).unwrap_or_else(|| panic!("{header:?}"));
            assert_eq!(t.cols.len(), 4, "{header:?}");
        }
        assert!(task_header(&[row(&["TT", "Chỉ tiêu", "Mục tiêu"])]).is_none());
        // "Nguồn kinh phí" is the source, not the amount.
        assert_eq!(column_kind("Nguồn kinh phí"), Some(TCol::Source));
        assert_eq!(column_kind("Kinh phí (triệu đồng)"), Some(TCol::Amount));
    }

    #[test]
    fn roman_groups_numbered_tasks_and_a_title_across_the_row() {
        let (groups, read) = read(&[
            row(&["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian"]),
            row(&["(1)", "(2)", "(3)", "(4)"]),
            row(&["I", "NHẬN THỨC SỐ", "", ""]),
            row(&["1", "Tuyên truyền", "Sở Văn hóa", "Năm 2027"]),
            row(&["2", "Hội thảo", "Sở Khoa học và Công nghệ", "Quý II/2027"]),
            row(&["", "2. Thể chế số", "", ""]),
            row(&["1", "Rà soát quy định", "Sở Tư pháp", ""]),
            row(&["", "Tổng cộng", "", ""]),
        ]);
        let shape: Vec<(String, usize)> = groups
            .iter()
            .map(|g| (g.title.clone(), g.tasks.len()))
            .collect();
        assert_eq!(
            shape,
            [
                ("NHẬN THỨC SỐ".to_string(), 2),
                ("Thể chế số".to_string(), 1)
            ]
        );
        assert_eq!(read.tasks, 3);
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    }

    /// Groups whose titles begin "Công…" or "Cổng…" (folded, "cong", as "Cộng" is) are groups,
    /// not totals; "Cộng" and "Tổng cộng" rows are totals, neither a group nor a row unread.
    #[test]
    fn a_group_named_cong_is_not_a_total() {
        let (groups, read) = read(&[
            row(&["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Kinh phí"]),
            row(&["1", "Công nghiệp công nghệ số", "", ""]),
            row(&["1.1", "Hỗ trợ doanh nghiệp số", "Sở Công Thương", "100"]),
            row(&["", "Cộng", "", "100"]),
            row(&["2", "Cổng dịch vụ công", "", ""]),
            row(&["2.1", "Nâng cấp cổng", "Văn phòng UBND tỉnh", "50"]),
            row(&["", "Cổng dữ liệu mở", "", ""]),
            row(&["3.1", "Mở dữ liệu", "Sở Khoa học và Công nghệ", "25"]),
            row(&["", "Tổng cộng", "", "175"]),
        ]);
        let shape: Vec<(String, usize)> = groups
            .iter()
            .map(|g| (g.title.clone(), g.tasks.len()))
            .collect();
        assert_eq!(
            shape,
            [
                ("Công nghiệp công nghệ số".to_string(), 1),
                ("Cổng dịch vụ công".to_string(), 1),
                ("Cổng dữ liệu mở".to_string(), 1)
            ]
        );
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    }

    /// Amounts near Decimal's limit in a task row and in the total row are added with
    /// `budget::sum` (saturating), not `+`, which panics past about 7.9·10²⁸.
    #[test]
    fn huge_amounts_in_a_split_budget_do_not_panic() {
        let huge = "79228162514264337593543950335";
        let (_, read) = read(&[
            row(&[
                "TT",
                "Tên nhiệm vụ",
                "Cơ quan chủ trì",
                "Kinh phí ngân sách tỉnh",
                "Kinh phí ngân sách huyện",
                "Kinh phí tổng",
            ]),
            row(&["1", "Nhận thức số", "", "", "", ""]),
            row(&["1.1", "Tuyên truyền", "Sở Văn hóa", huge, huge, "1"]),
            row(&["", "Tổng cộng", "", huge, huge, ""]),
        ]);
        assert_eq!(read.tasks, 1);
    }

    #[test]
    fn a_title_ending_in_a_comma_is_kept_whole() {
        let (groups, _) = read(&[
            row(&["TT", "Tên nhiệm vụ", "Cơ quan chủ trì"]),
            row(&["1", "Nhận thức số", ""]),
            row(&["1.1", "Tuyên truyền, phổ biến,", "Sở Văn hóa"]),
        ]);
        assert_eq!(groups[0].tasks[0].title, "Tuyên truyền, phổ biến,");
    }
}
