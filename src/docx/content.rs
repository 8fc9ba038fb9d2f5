//! What a document says, as plain data: the first of the Word writer's two stages. The plan
//! is turned into sections of blocks here (headings, paragraphs of spans, tables of cells,
//! the header and signature blocks) by `body`, `appendix` and `report`; `render` then lays
//! them out in the Decree 30 form with docx-rs. Nothing here knows a font size, a width or
//! an OOXML element, so a test can read a document's content without opening a .docx.

pub use crate::narrative::Span;

/// A whole document: a portrait body, then landscape appendices, each paginated from 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub sections: Vec<Section>,
    /// Who made the changes a revision-marked document shows, and when (ISO 8601).
    pub revised_by: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The issuing body and the national name side by side, then the number and the place
    /// and date; "DỰ THẢO" under it on a draft.
    Header {
        issuer_lines: Vec<String>,
        number: String,
        /// A letter's "V/v …" excerpt under its number (Decree 30's công văn).
        about: Option<String>,
        place_date: String,
        draft: bool,
    },
    /// The boxed "DỰ THẢO" of an appendix sent on its own.
    DraftMark,
    /// The document's kind and subject ("KẾ HOẠCH", its title) with the short line under.
    Title {
        kind: String,
        subject: String,
    },
    /// A centred bold line kept with what follows: a part's label and title, an appendix's
    /// label and title, the decision's authority and "QUYẾT ĐỊNH:".
    Caption(String),
    /// An appendix's centred italic "(Kèm theo …)" line, with the short line under it.
    AttachedTo(String),
    /// A heading inside the body, kept with what follows.
    Heading(String),
    /// A body paragraph.
    Para(Vec<Span>),
    /// An empty line.
    Blank,
    Table(Table),
    /// Recipients (left) and the signature (right).
    Signature(Signature),
    /// A paragraph with what changed since an earlier version, laid out as `style`: the
    /// revision-marked Kế hoạch (`revisions`).
    Revised {
        style: Style,
        runs: Vec<Marked>,
    },
}

/// What changed since an earlier version of a document, as Word's revision marks show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Same,
    Inserted,
    Deleted,
}

/// A piece of text with its change.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub mark: Mark,
    pub span: Span,
}

/// Which of the blocks a revised paragraph is laid out as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Para,
    Heading,
    Caption,
    AttachedTo,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// Without the closing "- Lưu: …" line, which is `archive`.
    pub recipients: Vec<String>,
    pub archive: String,
    pub authority: String,
    pub deputy: Option<String>,
    pub title: String,
    pub name: String,
}

/// The tables the documents hold; each has its columns' widths in `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Tasks,
    /// The task table with a "Kết quả, sản phẩm" column.
    TasksWithOutput,
    Indicators,
    Progress,
    Results,
    /// The table of comments on the draft and their answers.
    Comments,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub kind: TableKind,
    /// Repeated on every page.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// A group's row is bold and kept with the next, so a group never ends a page.
    pub group: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// One paragraph per line; none is an empty cell.
    pub lines: Vec<String>,
    pub align: Align,
    pub strong: bool,
    /// How many of the table's columns it covers.
    pub span: usize,
    /// Its lines with what changed since an earlier version, in place of `lines`.
    pub revised: Option<Vec<Vec<Marked>>>,
}

impl Cell {
    pub fn new(text: &str, align: Align) -> Self {
        Cell {
            lines: vec![text.to_string()],
            align,
            strong: false,
            span: 1,
            revised: None,
        }
    }

    pub fn left(text: &str) -> Self {
        Cell::new(text, Align::Left)
    }

    pub fn center(text: &str) -> Self {
        Cell::new(text, Align::Center)
    }

    pub fn right(text: &str) -> Self {
        Cell::new(text, Align::Right)
    }

    pub fn lines(lines: Vec<String>) -> Self {
        Cell {
            lines,
            ..Cell::left("")
        }
    }

    pub fn strong(self) -> Self {
        Cell {
            strong: true,
            ..self
        }
    }

    pub fn span(self, span: usize) -> Self {
        Cell { span, ..self }
    }
}

impl Row {
    pub fn item(cells: Vec<Cell>) -> Self {
        Row {
            group: false,
            cells,
        }
    }

    /// A group's number, then its title across the other `columns - 1` columns.
    pub fn group(number: &str, title: &str, columns: usize) -> Self {
        Row {
            group: true,
            cells: vec![Cell::center(number), Cell::left(title).span(columns - 1)],
        }
    }
}

impl Block {
    /// A paragraph of plain text.
    pub fn text(text: &str) -> Block {
        Block::Para(vec![plain(text)])
    }

    /// A paragraph of one italic text.
    pub fn italic(text: &str) -> Block {
        Block::Para(vec![italic(text)])
    }
}

pub fn plain(text: &str) -> Span {
    Span {
        text: text.to_string(),
        bold: false,
        italic: false,
    }
}

pub fn italic(text: &str) -> Span {
    Span {
        italic: true,
        ..plain(text)
    }
}

pub fn bold(text: &str) -> Span {
    Span {
        bold: true,
        ..plain(text)
    }
}

/// Narrative text (its "- " bullets and "a) " points keep their marker) as paragraphs.
pub fn narrative(text: &str) -> Vec<Block> {
    use crate::narrative::Block as N;
    crate::narrative::parse(text)
        .iter()
        .map(|b| {
            let mut spans = Vec::new();
            match b {
                N::Bullet { .. } => spans.push(plain("- ")),
                N::Point { letter, .. } => spans.push(plain(&format!("{letter}) "))),
                N::Paragraph { .. } => {}
            }
            spans.extend(b.spans().iter().cloned());
            Block::Para(spans)
        })
        .collect()
}

/// A one-line text with inline emphasis; `italic` sets the base style (the decision's bases).
pub fn rich(text: &str, italic: bool) -> Vec<Span> {
    crate::narrative::inline(text)
        .into_iter()
        .map(|s| Span {
            italic: s.italic || italic,
            ..s
        })
        .collect()
}
