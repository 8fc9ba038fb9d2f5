//! The rows of a filled proposal sheet: each a new task or a change of one, checked against
//! the plan and the agency the workbook was sent to.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;

use super::reading::{
    amount, cell_text, choice, record, table_rows, Change, Outcome, Problem, Review,
};
use super::{column, diff, find_agency, Col, COLUMNS, SHEET};
use crate::model::{BudgetLevel, BudgetLine, BudgetSource, Deadline, Id, Plan, Task};
use crate::text::fold;
use crate::xlsx::col_name;

/// The rows of a proposals workbook: each a new task or a change of one, or problems
/// located by row and column. `seen` is the plan's tasks by id and the codes read so far.
pub(super) fn read_proposals(
    plan: &Plan,
    file: &Path,
    wb: Xlsx<std::io::Cursor<Vec<u8>>>,
    owner: Option<Id>,
    (tasks_by_id, seen_codes): (&HashMap<&str, &Task>, &mut HashSet<String>),
    out: &mut Review,
) {
    let sheet = match Sheet::open(file, wb, owner) {
        Ok(s) => s,
        Err(p) => return out.problems.push(p),
    };
    let rows: Vec<&[Data]> = sheet.range.rows().collect();
    let columns = match Columns::find(&rows, sheet.range.start().unwrap_or((0, 0))) {
        Ok(c) => c,
        Err((row, message)) => return out.problems.push(sheet.problem(row, None, message)),
    };
    for (i, r) in table_rows(&rows, columns.header) {
        let row_no = columns.excel_row(i);
        let mut bad: Vec<(Col, String)> = Vec::new();
        let values = columns.read(plan, r, &mut bad);
        let existing = values.code_check(
            plan,
            tasks_by_id,
            sheet.owner.as_ref(),
            seen_codes,
            &mut bad,
        );
        // As on the shared server: an agency's file adds only tasks that agency leads.
        if let (None, Some(owner)) = (existing, sheet.owner.as_ref()) {
            if !values.task.lead.contains(owner) {
                let name = plan
                    .agency(owner)
                    .map_or(owner.as_str(), |a| a.name.as_str());
                bad.push((
                    Col::Lead,
                    format!("nhiệm vụ mới trong tệp của {name} phải do {name} chủ trì; nhiệm vụ của cơ quan khác do cơ quan đó đề xuất"),
                ));
            }
        }
        if !bad.is_empty() {
            for (c, m) in bad {
                out.problems
                    .push(sheet.problem(Some(row_no), columns.place(c), m));
            }
            continue;
        }
        let title = existing.map(|t| t.title.clone()).unwrap_or_default();
        let outcome = match values.into_change(plan, file, row_no, existing) {
            Some(change) => Outcome::Changed(Box::new(change)),
            None => Outcome::Same(title),
        };
        record(out, file, row_no, outcome);
    }
}

/// The proposal sheet of one workbook, and the agency it was made for.
struct Sheet<'f> {
    file: &'f Path,
    name: String,
    range: calamine::Range<Data>,
    /// Written by `template` on the hidden sheet: the agency may only change its own tasks.
    owner: Option<Id>,
}

impl<'f> Sheet<'f> {
    fn open(
        file: &'f Path,
        mut wb: Xlsx<std::io::Cursor<Vec<u8>>>,
        owner: Option<Id>,
    ) -> std::result::Result<Sheet<'f>, Problem> {
        let problem = |sheet: Option<&str>, message: String| Problem {
            file: file.to_path_buf(),
            sheet: sheet.map(str::to_string),
            row: None,
            column: None,
            message,
        };
        let names = wb.sheet_names();
        let Some(name) = names.iter().find(|n| fold(n) == fold(SHEET)).cloned() else {
            return Err(problem(
                None,
                format!(
                    "không có trang «{SHEET}» (các trang có: {}); hãy dùng đúng tệp mẫu đề xuất",
                    names.join(", ")
                ),
            ));
        };
        let range = wb.worksheet_range(&name).map_err(|e| {
            log::warn!("calamine {name}: {e}");
            problem(
                Some(&name),
                "không đọc được trang (dữ liệu hỏng)".to_string(),
            )
        })?;
        Ok(Sheet {
            file,
            name,
            range,
            owner,
        })
    }

    fn problem(&self, row: Option<u32>, column: Option<String>, message: String) -> Problem {
        Problem {
            file: self.file.to_path_buf(),
            sheet: Some(self.name.clone()),
            row,
            column,
            message,
        }
    }
}

/// Where each column of the sheet is: found by its title, in any order.
struct Columns {
    header: usize,
    map: Vec<(Col, usize)>,
    start: (u32, u32),
}

impl Columns {
    /// `Err` is the Excel row (if known) and what is wrong with the header.
    fn find(
        rows: &[&[Data]],
        start: (u32, u32),
    ) -> std::result::Result<Columns, (Option<u32>, String)> {
        let header = rows
            .iter()
            .take(15)
            .position(|r| {
                r.iter()
                    .any(|c| fold(&cell_text(c)) == fold("Tên nhiệm vụ"))
            })
            .ok_or((
                None,
                "không tìm thấy dòng tiêu đề có cột «Tên nhiệm vụ»".to_string(),
            ))?;
        let mut map: Vec<(Col, usize)> = Vec::new();
        for (ci, c) in rows[header].iter().enumerate() {
            let t = fold(&cell_text(c));
            if let Some((col, _, _)) = COLUMNS.iter().find(|(_, title, _)| {
                fold(title) == t || (fold(title).starts_with(&t) && !t.is_empty() && t.len() > 4)
            }) {
                map.push((*col, ci));
            }
        }
        let columns = Columns { header, map, start };
        let missing: Vec<&str> = [Col::Group, Col::Title, Col::Lead]
            .iter()
            .filter(|c| !columns.map.iter().any(|(m, _)| m == *c))
            .map(|c| column(*c).1)
            .collect();
        if missing.is_empty() {
            Ok(columns)
        } else {
            let row = columns.excel_row(header);
            Err((Some(row), format!("thiếu cột: {}", missing.join(", "))))
        }
    }

    fn excel_row(&self, i: usize) -> u32 {
        self.start.0 + i as u32 + 1
    }

    /// "E (Cơ quan chủ trì)": the column as the planner finds it in Excel.
    fn place(&self, c: Col) -> Option<String> {
        self.map.iter().find(|(m, _)| *m == c).map(|(_, idx)| {
            format!(
                "{} ({})",
                col_name(self.start.1 as u16 + *idx as u16),
                column(c).1
            )
        })
    }

    fn cell<'r>(&self, r: &'r [Data], c: Col) -> Option<&'r Data> {
        self.map
            .iter()
            .find(|(m, _)| *m == c)
            .and_then(|(_, idx)| r.get(*idx))
    }

    fn text(&self, r: &[Data], c: Col) -> String {
        self.cell(r, c).map(cell_text).unwrap_or_default()
    }

    /// One row read and checked against the plan; what is wrong goes to `bad`.
    fn read(&self, plan: &Plan, r: &[Data], bad: &mut Vec<(Col, String)>) -> Proposed {
        let title = self.text(r, Col::Title);
        if title.is_empty() {
            bad.push((Col::Title, "thiếu tên nhiệm vụ".into()));
        }
        let group_text = self.text(r, Col::Group);
        let group = plan
            .groups
            .iter()
            .find(|g| fold(&g.title) == fold(&group_text))
            .map(|g| g.id.clone());
        if group.is_none() {
            bad.push((
                Col::Group,
                if group_text.is_empty() {
                    "thiếu nhóm nhiệm vụ".into()
                } else {
                    format!("nhóm «{group_text}» không có trong kế hoạch")
                },
            ));
        }
        let lead_text = self.text(r, Col::Lead);
        if lead_text.is_empty() {
            bad.push((Col::Lead, "thiếu cơ quan chủ trì".into()));
        }
        let lead = agencies(plan, &lead_text, &[], Col::Lead, bad);
        let coordinating = agencies(
            plan,
            &self.text(r, Col::Coordinating),
            &lead,
            Col::Coordinating,
            bad,
        );
        let deadline_text = self.text(r, Col::Deadline);
        let deadline = Deadline::parse(&deadline_text);
        if deadline.is_none() && !deadline_text.is_empty() {
            bad.push((Col::Deadline, format!("không hiểu thời gian «{deadline_text}» (ví dụ: Quý III/{0}, Tháng 6/{0}, Năm {0})", plan.identity.year)));
        }
        let budget = self.budget(r, bad);
        Proposed {
            code: self.text(r, Col::Code),
            group,
            task: Task {
                coordinating,
                deadline,
                output: self.text(r, Col::Output),
                budget,
                ..Task::new(title, lead)
            },
        }
    }
    /// The row's budget line (amount, source, level), each wrong or missing cell noted in `bad`.
    fn budget(&self, r: &[Data], bad: &mut Vec<(Col, String)>) -> Vec<BudgetLine> {
        let amount = amount(self.cell(r, Col::Amount)).unwrap_or_else(|m| {
            bad.push((Col::Amount, m));
            None
        });
        let source_t = self.text(r, Col::Source);
        let source = choice(BudgetSource::ALL, BudgetSource::label, &source_t);
        if !source_t.is_empty() && source.is_none() {
            bad.push((
                Col::Source,
                format!("nguồn «{source_t}» không có trong danh sách"),
            ));
        }
        let level_t = self.text(r, Col::Level);
        let level = choice(BudgetLevel::ALL, BudgetLevel::label, &level_t);
        if !level_t.is_empty() && level.is_none() {
            bad.push((
                Col::Level,
                format!("cấp ngân sách «{level_t}» không có trong danh sách"),
            ));
        }
        if amount.is_some_and(|a| a > Decimal::ZERO) && source.is_none() {
            bad.push((Col::Source, "có kinh phí nhưng chưa chọn nguồn".into()));
        }
        match amount.filter(|a| !a.is_zero()) {
            Some(a) => vec![BudgetLine {
                amount: a,
                source,
                level,
                note: String::new(),
            }],
            None => Vec::new(),
        }
    }
}

/// Agencies named in a cell ("Sở Y tế; Sở Tài chính"), each in the directory, without those
/// in `except` or twice.
fn agencies(
    plan: &Plan,
    text: &str,
    except: &[Id],
    col: Col,
    bad: &mut Vec<(Col, String)>,
) -> Vec<Id> {
    let mut ids: Vec<Id> = Vec::new();
    for name in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match find_agency(plan, name) {
            Some(a) if !except.contains(&a.id) && !ids.contains(&a.id) => ids.push(a.id.clone()),
            Some(_) => {}
            None => bad.push((col, format!("cơ quan «{name}» không có trong danh bạ"))),
        }
    }
    ids
}

/// A row as the task it proposes.
struct Proposed {
    code: String,
    group: Option<Id>,
    task: Task,
}

impl Proposed {
    /// The plan's task the row's code names, if any; a code not in the plan, given twice, or
    /// naming a task another agency leads (in a workbook made for one agency) goes to `bad`.
    fn code_check<'p>(
        &self,
        plan: &Plan,
        tasks_by_id: &HashMap<&str, &'p Task>,
        owner: Option<&Id>,
        seen_codes: &mut HashSet<String>,
        bad: &mut Vec<(Col, String)>,
    ) -> Option<&'p Task> {
        let code = &self.code;
        if code.is_empty() {
            return None;
        }
        let existing = tasks_by_id.get(code.as_str()).copied();
        let before = bad.len();
        match (existing, owner) {
            (None, _) => bad.push((
                Col::Code,
                format!("mã «{code}» không có trong kế hoạch (dòng thêm mới thì để trống cột này)"),
            )),
            (Some(old), Some(owner)) if !old.lead.contains(owner) => {
                let leads: Vec<&str> = old
                    .lead
                    .iter()
                    .filter_map(|a| plan.agency(a))
                    .map(|a| a.name.as_str())
                    .collect();
                bad.push((
                    Col::Code,
                    format!(
                        "nhiệm vụ «{}» do {} chủ trì; tệp đề xuất của một cơ quan chỉ sửa được nhiệm vụ cơ quan đó chủ trì",
                        old.title,
                        if leads.is_empty() { "cơ quan khác".to_string() } else { leads.join(", ") }
                    ),
                ))
            }
            _ => {}
        }
        // Counted only when the row may change the task: a stray row of one agency never
        // makes another's row "twice".
        if bad.len() == before && !seen_codes.insert(code.clone()) {
            bad.push((Col::Code, format!("nhiệm vụ mã «{code}» xuất hiện hai lần")));
        }
        existing
    }

    /// The change the row asks for: a new task, or the fields of an existing one that
    /// differ; `None` when nothing differs.
    fn into_change(
        self,
        plan: &Plan,
        file: &Path,
        row: u32,
        existing: Option<&Task>,
    ) -> Option<Change> {
        let Some(old) = existing else {
            return Some(Change::Add {
                file: file.to_path_buf(),
                row,
                group: self.group.unwrap_or_default(),
                amount: crate::format::money_million(crate::budget::sum(&self.task.budget)),
                task: self.task,
            });
        };
        let new = self.task;
        let mut task = old.clone();
        task.title = new.title;
        task.lead = new.lead;
        task.coordinating = new.coordinating;
        task.deadline = new.deadline;
        task.output = new.output;
        // One line per task in the workbook: keep the plan's split when the total did not
        // change.
        if crate::budget::sum(&old.budget) != crate::budget::sum(&new.budget)
            || old.budget.len() > 1 && new.budget.is_empty()
        {
            task.budget = new.budget;
        }
        let fields = diff::task(plan, old, &task);
        (!fields.is_empty()).then(|| Change::Update {
            file: file.to_path_buf(),
            row,
            task,
            fields,
        })
    }
}
