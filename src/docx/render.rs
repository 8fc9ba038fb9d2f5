//! The second stage of the Word writer: a document's content laid out in the Decree 30 form
//! with docx-rs — A4 pages, Times New Roman at the decree's sizes, the header block's two
//! columns, the short lines, the appendix tables' column widths, page numbers. Nothing here
//! decides what a document says.

use docx_rs::*;

use super::content::{self, Align, Block, Document, Signature, TableKind};
use super::style::*;
use crate::{Error, Result};

enum DocPart {
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl From<Paragraph> for DocPart {
    fn from(p: Paragraph) -> Self {
        DocPart::P(Box::new(p))
    }
}

impl From<Table> for DocPart {
    fn from(t: Table) -> Self {
        DocPart::T(Box::new(t))
    }
}

/// The .docx package of a document, before `postprocess`, and the body rows of its tables
/// written directly (`rows`), in the order of their marker rows.
pub fn package(doc: &Document) -> Result<(Vec<u8>, Vec<String>)> {
    let mut raw = Vec::new();
    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY)
        .created_at("2000-01-01T00:00:00Z")
        .updated_at("2000-01-01T00:00:00Z");
    // The body is one portrait section with the page number in the header and none on the
    // first page; each appendix is a landscape section numbered from 1 that inherits that
    // header. docx-rs keeps one header per added section, so only the first carries it.
    let last = doc.sections.len().saturating_sub(1);
    for (i, section) in doc.sections.iter().enumerate() {
        let landscape = section.landscape;
        let mut parts = Vec::new();
        for b in &section.blocks {
            parts.extend(block(b, landscape, doc.revised_by.as_ref(), &mut raw));
        }
        if i == last {
            // The final section is the document-level one.
            for part in parts {
                docx = match part {
                    DocPart::P(p) => docx.add_paragraph(*p),
                    DocPart::T(t) => docx.add_table(*t),
                };
            }
            docx = docx
                .page_size(
                    if landscape { A4_H } else { A4_W },
                    if landscape { A4_W } else { A4_H },
                )
                .page_margin(margins())
                .title_pg()
                .page_num_type(PageNumType::new().start(1));
            if landscape {
                docx = docx.page_orient(PageOrientationType::Landscape);
            }
            if i == 0 {
                docx = docx.header(page_number_header());
            }
        } else {
            let size = if landscape {
                PageSize::new()
                    .width(A4_H)
                    .height(A4_W)
                    .orient(PageOrientationType::Landscape)
            } else {
                PageSize::new().width(A4_W).height(A4_H)
            };
            let mut s = Section::new()
                .page_size(size)
                .page_margin(margins())
                .title_pg()
                .page_num_type(PageNumType::new().start(1));
            if i == 0 {
                s = s.header(page_number_header());
            }
            for part in parts {
                s = match part {
                    DocPart::P(p) => s.add_paragraph(*p),
                    DocPart::T(t) => s.add_table(*t),
                };
            }
            docx = docx.add_section(s);
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| Error::Invalid(format!("không tạo được tệp Word: {e}")))?;
    Ok((bytes.into_inner(), raw))
}

fn runs(spans: &[content::Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| {
            let mut r = run(&s.text, BODY);
            if s.bold {
                r = r.bold();
            }
            if s.italic {
                r = r.italic();
            }
            r
        })
        .collect()
}

fn caption(text: &str) -> Paragraph {
    centred(vec![bold(text, PT14)]).keep_next(true)
}

/// One block as the paragraphs and tables Word shows.
fn block(
    b: &Block,
    landscape: bool,
    by: Option<&(String, String)>,
    raw: &mut Vec<String>,
) -> Vec<DocPart> {
    let width = if landscape {
        LANDSCAPE_TEXT_W
    } else {
        PORTRAIT_TEXT_W
    };
    match b {
        Block::Header {
            issuer_lines,
            number,
            about,
            place_date,
            draft,
        } => {
            let mut out = vec![header_table(
                issuer_lines,
                number,
                about.as_deref(),
                place_date,
            )];
            if *draft {
                out.push(draft_mark());
            }
            out.push(DocPart::from(empty(PT14)));
            out
        }
        Block::DraftMark => vec![draft_mark()],
        Block::Title { kind, subject } => vec![
            DocPart::from(caption(kind)),
            DocPart::from(caption(subject)),
            DocPart::from(short_line(1800, width)),
            DocPart::from(empty(PT14)),
        ],
        Block::Caption(text) => vec![DocPart::from(caption(text))],
        Block::AttachedTo(text) => vec![
            DocPart::from(centred(vec![italic(text, PT14)]).keep_next(true)),
            DocPart::from(short_line(1800, width)),
        ],
        Block::Heading(text) => vec![DocPart::from(heading(text))],
        Block::Para(spans) => vec![DocPart::from(body(runs(spans)))],
        Block::Blank => vec![DocPart::from(empty(PT12))],
        Block::Table(t) => vec![DocPart::from(table(t, by, raw))],
        Block::Signature(s) => vec![signature(s)],
        Block::Revised { style, runs } => {
            let p = match style {
                content::Style::Para => body(Vec::new()),
                content::Style::Heading => body(Vec::new()).keep_next(true),
                content::Style::Caption => centred(Vec::new()).keep_next(true),
                content::Style::AttachedTo => centred(Vec::new()).keep_next(true),
            };
            let (size, bold, italic) = match style {
                content::Style::Para => (BODY, false, false),
                content::Style::Heading => (BODY, true, false),
                content::Style::Caption => (PT14, true, false),
                content::Style::AttachedTo => (PT14, false, true),
            };
            let look = |s: &content::Span| content::Span {
                bold: s.bold || bold,
                italic: s.italic || italic,
                ..s.clone()
            };
            let runs: Vec<content::Marked> = runs
                .iter()
                .map(|m| content::Marked {
                    mark: m.mark,
                    span: look(&m.span),
                })
                .collect();
            vec![DocPart::from(marked_runs(p, &runs, size, by))]
        }
    }
}

/// Word's revision marks: each piece kept as a run, inserted inside `w:ins`, deleted as
/// `w:delText` inside `w:del`, attributed to `by` (who, when).
fn marked_runs(
    mut p: Paragraph,
    runs: &[content::Marked],
    size: usize,
    by: Option<&(String, String)>,
) -> Paragraph {
    let (author, date) = by.cloned().unwrap_or_default();
    for m in runs {
        let styled = |r: Run| {
            let r = if m.span.bold { r.bold() } else { r };
            if m.span.italic {
                r.italic()
            } else {
                r
            }
        };
        p = match m.mark {
            content::Mark::Same => p.add_run(styled(run(&m.span.text, size))),
            content::Mark::Inserted => p.add_insert(
                Insert::new(styled(run(&m.span.text, size)))
                    .author(author.as_str())
                    .date(date.as_str()),
            ),
            content::Mark::Deleted => {
                let text = crate::text::clean(&m.span.text);
                p.add_delete(
                    Delete::new()
                        .add_run(styled(Run::new().add_delete_text(text).size(size)))
                        .author(author.as_str())
                        .date(date.as_str()),
                )
            }
        };
    }
    p
}

/// The boxed "DỰ THẢO" under the header block.
fn draft_mark() -> DocPart {
    use ParagraphBorderPosition::{Bottom, Left, Right, Top};
    let borders = [(Top, 1), (Bottom, 1), (Left, 4), (Right, 4)]
        .into_iter()
        .fold(ParagraphBorders::with_empty(), |b, (side, space)| {
            b.set(
                ParagraphBorder::new(side)
                    .val(BorderType::Single)
                    .size(8)
                    .space(space),
            )
        });
    DocPart::from(
        centred(vec![bold("DỰ THẢO", PT14)])
            .set_borders(borders)
            .indent(Some(3600), None, Some(3600), None),
    )
}

/// Issuing body | national name and motto, their short lines, number | place and date.
fn header_table(
    issuer_lines: &[String],
    number: &str,
    about: Option<&str>,
    place_date: &str,
) -> DocPart {
    // The block is 400 twips wider than the text and shifted 200 into the left margin, as
    // issued documents do, so the national name fits on one line at 12 pt.
    let (left_w, right_w) = (3700usize, PORTRAIT_TEXT_W - 3700 + 400);
    let mut left: Vec<Paragraph> = issuer_lines
        .iter()
        .map(|l| centred(vec![bold(&l.to_uppercase(), PT13)]))
        .collect();
    let longest = issuer_lines
        .iter()
        .map(|l| text_width(l, PT13))
        .max()
        .unwrap_or(1500);
    left.push(short_line((longest * 2 / 5).max(900), left_w));
    let motto = "Độc lập - Tự do - Hạnh phúc";
    let right = vec![
        centred(vec![bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PT12)]),
        centred(vec![bold(motto, PT13)]),
        short_line(text_width(motto, PT13) * 9 / 10, right_w),
    ];
    let rows = vec![
        TableRow::new(vec![cell(left, left_w), cell(right, right_w)]),
        TableRow::new(vec![
            cell(
                std::iter::once(centred(vec![run(number, PT13)]))
                    .chain(about.map(|v| centred(vec![run(v, PT12)])))
                    .collect(),
                left_w,
            ),
            cell(vec![centred(vec![italic(place_date, PT14)])], right_w),
        ]),
    ];
    DocPart::from(borderless(rows, vec![left_w, right_w]).indent(-200))
}

/// Recipients (left, 11 pt) and signature (right, 14 pt), side by side.
fn signature(s: &Signature) -> DocPart {
    let (left_w, right_w) = (4200usize, PORTRAIT_TEXT_W - 4200);
    // A table attached to a submission is signed without "Nơi nhận".
    let mut left = vec![];
    if !(s.recipients.is_empty() && s.archive.is_empty()) {
        left.push(Paragraph::new().add_run(bold("Nơi nhận:", PT12).italic()));
        for r in s.recipients.iter().chain([&s.archive]) {
            left.push(Paragraph::new().add_run(run(r, PT11)));
        }
    } else {
        left.push(empty(PT11));
    }
    let mut right = vec![centred(vec![bold(&s.authority.to_uppercase(), PT14)])];
    if let Some(d) = &s.deputy {
        right.push(centred(vec![bold(&d.to_uppercase(), PT14)]));
    }
    right.push(centred(vec![bold(&s.title.to_uppercase(), PT14)]));
    for _ in 0..4 {
        right.push(empty(PT14));
    }
    right.push(centred(vec![bold(&s.name, PT14)]));
    let column = |paragraphs: Vec<Paragraph>, width: usize| {
        paragraphs.into_iter().fold(
            TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Top),
            |c, p| c.add_paragraph(p),
        )
    };
    let row = TableRow::new(vec![column(left, left_w), column(right, right_w)]).cant_split();
    DocPart::from(borderless(vec![row], vec![left_w, right_w]))
}

/// Each table's column widths (twips), filling the landscape page.
fn widths(kind: TableKind) -> &'static [usize] {
    match kind {
        TableKind::Tasks => &[650, 4700, 2200, 2700, 1350, 1250, 1437],
        TableKind::TasksWithOutput => &[650, 3300, 1900, 2300, 2100, 1300, 1250, 1487],
        TableKind::Indicators | TableKind::Results => &[650, 6700, 2400, 2400, 2137],
        TableKind::Progress => &[650, 4700, 2300, 1500, 1700, 3437],
        TableKind::Comments => &[600, 1900, 3400, 3455],
    }
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// An appendix table: its header repeated on each page, rows never split across pages.
fn table(t: &content::Table, by: Option<&(String, String)>, raw: &mut Vec<String>) -> Table {
    let w = widths(t.kind);
    let titles: Vec<&str> = t.header.iter().map(String::as_str).collect();
    let mut rows = vec![header_row(&titles, w)];
    // The body rows written directly, in place of a marker row (see `rows`); a table with
    // revision marks is built by docx-rs.
    let marked = t
        .rows
        .iter()
        .any(|r| r.cells.iter().any(|c| c.revised.is_some()));
    if !marked {
        if !t.rows.is_empty() {
            let id = super::postprocess::ROWS_MARK_ID + raw.len();
            raw.push(super::rows::write(&t.rows, w));
            let marker = Paragraph::new()
                .add_bookmark_start(id, super::postprocess::ROWS_MARK)
                .add_bookmark_end(id);
            rows.push(TableRow::new(vec![TableCell::new().add_paragraph(marker)]));
        }
        return fixed_table(rows, w);
    }
    for r in &t.rows {
        let mut col = 0;
        let mut cells = Vec::new();
        for c in &r.cells {
            let width: usize = w[col..(col + c.span).min(w.len())].iter().sum();
            col += c.span;
            let align = alignment(c.align);
            let mut tc = if r.group {
                group_cell(c.lines.first().map_or("", String::as_str), width, align)
            } else {
                let line = |text: &str| {
                    let r = if c.strong {
                        bold(text, PT12)
                    } else {
                        run(text, PT12)
                    };
                    cell_para(vec![r], align)
                };
                let paras = if let Some(lines) = &c.revised {
                    lines
                        .iter()
                        .map(|l| {
                            let l: Vec<content::Marked> = l
                                .iter()
                                .map(|m| content::Marked {
                                    mark: m.mark,
                                    span: content::Span {
                                        bold: m.span.bold || c.strong,
                                        ..m.span.clone()
                                    },
                                })
                                .collect();
                            marked_runs(cell_para(Vec::new(), align), &l, PT12, by)
                        })
                        .collect()
                } else if c.lines.is_empty() {
                    vec![line("")]
                } else {
                    c.lines.iter().map(|l| line(l)).collect()
                };
                cell(paras, width)
            };
            if c.span > 1 {
                tc = tc.grid_span(c.span);
            }
            cells.push(tc);
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    fixed_table(rows, w)
}
