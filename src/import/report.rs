//! Step 4 of the import: the account of what was read. Every paragraph and table of the
//! source is either placed in the draft or listed, with its text and where it was, so the
//! planner sees what to copy by hand; and an import that placed too little is refused.

use serde::Serialize;
use ts_rs::TS;

/// Something the planner must look at before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Flag {
    pub place: String,
    pub message: String,
}

/// A paragraph, table or table row of the source that is not in the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NotPlaced {
    /// "Đoạn 34, mục «III. TỒN TẠI»", "Bảng 5, dòng «…»".
    pub place: String,
    pub text: String,
}

/// What was placed, counted as the planner sees the source: paragraphs and tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Account {
    pub paragraphs: usize,
    pub paragraphs_placed: usize,
    pub tables: usize,
    pub tables_placed: usize,
    pub not_placed: Vec<NotPlaced>,
    /// "Đã đưa vào bản nháp 58/60 đoạn văn và 4/5 bảng của văn bản." (empty for a workbook)
    pub summary: String,
}

impl Account {
    fn sentence(&self) -> String {
        format!(
            "Đã đưa vào bản nháp {}/{} đoạn văn và {}/{} bảng của văn bản.",
            self.paragraphs_placed, self.paragraphs, self.tables_placed, self.tables
        )
    }
}

/// The paragraphs and tables of the source, each placed or not; where a paragraph is not,
/// the heading it stood under says where to look.
#[derive(Debug, Default)]
pub(super) struct Ledger {
    paragraphs: Vec<(String, String, bool)>, // text, heading it stood under, placed
    tables: Vec<(String, bool)>,             // first row, placed
    rows: Vec<NotPlaced>,                    // rows of placed tables that were not read
}

impl Ledger {
    /// A paragraph seen (`n` is 1-based, in order).
    pub fn paragraph(&mut self, n: usize, text: &str, under: &str) {
        if self.paragraphs.len() < n {
            self.paragraphs.resize(n, Default::default());
        }
        let placed = self.paragraphs[n - 1].2;
        self.paragraphs[n - 1] = (text.to_string(), under.to_string(), placed);
    }

    pub fn place(&mut self, n: usize) {
        if let Some(p) = n.checked_sub(1).and_then(|i| self.paragraphs.get_mut(i)) {
            p.2 = true;
        }
    }

    pub fn table(&mut self, n: usize, first_row: &str, placed: bool) {
        if self.tables.len() < n {
            self.tables.resize(n, Default::default());
        }
        self.tables[n - 1] = (first_row.to_string(), placed);
    }

    pub fn row_not_read(&mut self, table: usize, text: &str) {
        self.rows.push(NotPlaced {
            place: format!("Bảng {table}, một dòng không đọc được"),
            text: text.to_string(),
        });
    }

    pub fn account(self) -> Account {
        let mut not_placed = Vec::new();
        for (i, (text, under, placed)) in self.paragraphs.iter().enumerate() {
            if !placed && !text.is_empty() {
                let place = if under.is_empty() {
                    format!("Đoạn {}", i + 1)
                } else {
                    format!("Đoạn {}, mục «{under}»", i + 1)
                };
                not_placed.push(NotPlaced {
                    place,
                    text: text.clone(),
                });
            }
        }
        for (i, (first, placed)) in self.tables.iter().enumerate() {
            if !placed {
                not_placed.push(NotPlaced {
                    place: format!("Bảng {}", i + 1),
                    text: first.clone(),
                });
            }
        }
        not_placed.extend(self.rows);
        let counted = |v: &[(String, String, bool)]| v.iter().filter(|p| !p.0.is_empty()).count();
        let mut account = Account {
            paragraphs: counted(&self.paragraphs),
            paragraphs_placed: self.paragraphs.iter().filter(|p| p.2).count(),
            tables: self.tables.len(),
            tables_placed: self.tables.iter().filter(|t| t.1).count(),
            not_placed,
            summary: String::new(),
        };
        account.summary = account.sentence();
        account
    }
}

/// Why a draft from this account would mislead the planner, if it would: no task table, or
/// most of the text not placed.
pub(super) fn refusal(account: &Account, tasks_from_tables: usize) -> Option<String> {
    if tasks_from_tables == 0 {
        Some(
            "không tìm thấy bảng danh mục nhiệm vụ (các cột TT, Tên nhiệm vụ, Cơ quan chủ trì)"
                .into(),
        )
    } else if account.paragraphs_placed * 2 < account.paragraphs {
        Some(format!(
            "chỉ nhận ra được {}/{} đoạn văn; phần lớn nội dung sẽ không có trong bản nháp",
            account.paragraphs_placed, account.paragraphs
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_lists_what_was_not_placed_with_where_it_was() {
        let mut l = Ledger::default();
        l.paragraph(1, "Mở đầu", "");
        l.paragraph(2, "Một đoạn lạ", "VII. PHỤ LỤC KHÁC");
        l.paragraph(3, "Nội dung", "I. CĂN CỨ");
        l.place(1);
        l.place(3);
        l.table(1, "TT | Tên nhiệm vụ", true);
        l.table(2, "Bảng lạ", false);
        l.row_not_read(1, "x | y");
        let a = l.account();
        assert_eq!(
            (a.paragraphs, a.paragraphs_placed, a.tables, a.tables_placed),
            (3, 2, 2, 1)
        );
        assert_eq!(a.not_placed[0].place, "Đoạn 2, mục «VII. PHỤ LỤC KHÁC»");
        assert_eq!(a.not_placed[1].text, "Bảng lạ");
        assert_eq!(a.not_placed.len(), 3);
        assert_eq!(
            a.summary,
            "Đã đưa vào bản nháp 2/3 đoạn văn và 1/2 bảng của văn bản."
        );
        assert_eq!(refusal(&a, 5), None);
        assert!(refusal(&a, 0).unwrap().contains("bảng danh mục nhiệm vụ"));
    }

    #[test]
    fn most_text_not_placed_is_refused() {
        let mut l = Ledger::default();
        for n in 1..=10 {
            l.paragraph(n, "x", "");
        }
        for n in 1..=4 {
            l.place(n);
        }
        assert!(refusal(&l.account(), 3).unwrap().contains("4/10"));
    }
}
