//! Decree 30/2020 layout in docx-rs terms: page geometry, Times New Roman, sizes, spacing,
//! and the small builders every document part uses. Sizes are half-points, lengths twips.

use docx_rs::*;

pub const A4_W: u32 = 11906;
pub const A4_H: u32 = 16838;
/// Margins 20 / 20 / 30 / 15 mm.
pub const MARGIN_TOP: i32 = 1134;
pub const MARGIN_BOTTOM: i32 = 1134;
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 850;
pub const PORTRAIT_TEXT_W: usize = (A4_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
pub const LANDSCAPE_TEXT_W: usize = (A4_H as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

pub const PT11: usize = 22;
pub const PT12: usize = 24;
pub const PT13: usize = 26;
pub const PT14: usize = 28;
pub const BODY: usize = PT14;
/// First-line indent 1 cm.
pub const INDENT: i32 = 567;
/// 6 pt after paragraphs.
const AFTER: u32 = 120;
/// Line spacing ≈ 1.15.
const LINE: i32 = 276;

pub const FONT: &str = "Times New Roman";

pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

pub fn margins() -> PageMargin {
    PageMargin::new()
        .top(MARGIN_TOP)
        .bottom(MARGIN_BOTTOM)
        .left(MARGIN_LEFT)
        .right(MARGIN_RIGHT)
        .header(567)
        .footer(567)
        .gutter(0)
}

/// A run of text: clean (NFC, no control characters), the given size. Every string reaches
/// the document through here (docx-rs escapes XML special characters). A line break in the
/// text becomes Word's line break and a tab Word's tab: as raw characters Word drops the
/// first ("Dòng mộtDòng hai") and shows the second as a box. The font is Times New Roman
/// from the document defaults (`w:docDefaults`), not repeated on each run: that keeps large
/// tables small.
pub fn run(text: &str, size: usize) -> Run {
    let text = crate::text::clean(text);
    let mut r = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                r = r.add_tab();
            }
            if !piece.is_empty() {
                r = r.add_text(piece);
            }
        }
    }
    r.size(size)
}

pub fn bold(text: &str, size: usize) -> Run {
    run(text, size).bold()
}

pub fn italic(text: &str, size: usize) -> Run {
    run(text, size).italic()
}

fn spaced(p: Paragraph, after: u32) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .before(0)
            .after(after)
            .line(LINE)
            .line_rule(LineSpacingType::Auto),
    )
}

/// A centred paragraph without extra spacing (header blocks, titles).
pub fn centred(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new().align(AlignmentType::Center);
    for r in runs {
        p = p.add_run(r);
    }
    spaced(p, 0)
}

/// A body paragraph: justified, first-line indent 1 cm, 6 pt after.
pub fn body(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new().align(AlignmentType::Both).indent(
        None,
        Some(SpecialIndentType::FirstLine(INDENT)),
        None,
        None,
    );
    for r in runs {
        p = p.add_run(r);
    }
    spaced(p, AFTER)
}

/// A heading inside the body: bold, indented like body text, kept with what follows.
pub fn heading(text: &str) -> Paragraph {
    body(vec![bold(text, BODY)]).keep_next(true)
}

pub fn empty(size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run("", size))
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// The short solid line under a title: an empty paragraph with a top border, narrowed by
/// indents to `width` twips centred in `available` (docx-rs cannot draw line shapes).
pub fn short_line(width: usize, available: usize) -> Paragraph {
    let side = (available.saturating_sub(width) / 2) as i32;
    Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Top)
                    .val(BorderType::Single)
                    .size(6)
                    .space(1)
                    .color("000000"),
            ),
        )
        .add_run(run("", 4))
        // Room above the border so it sits under the text, not on it.
        .line_spacing(
            LineSpacing::new()
                .before(60)
                .after(60)
                .line(120)
                .line_rule(LineSpacingType::Exact),
        )
}

/// Rough width of bold 13–14 pt capitals or text, in twips, to size the short lines.
pub fn text_width(text: &str, size: usize) -> usize {
    text.chars().count() * size * 10 * 55 / 100
}

/// A table cell with one or more paragraphs, a fixed width and centred vertically.
pub fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// A paragraph inside a table cell: no indent, small spacing, left or centred.
pub fn cell_para(runs: Vec<Run>, align: AlignmentType) -> Paragraph {
    let mut p = Paragraph::new().align(align);
    for r in runs {
        p = p.add_run(r);
    }
    p.line_spacing(
        LineSpacing::new()
            .before(40)
            .after(40)
            .line(240)
            .line_rule(LineSpacingType::Auto),
    )
}

pub fn borderless(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    let width = grid.iter().sum();
    Table::without_borders(rows)
        .set_grid(grid)
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
}

/// The page-number header: a centred PAGE field, 13 pt.
pub fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(
                Run::new()
                    .size(PT13)
                    .fonts(fonts())
                    .add_field_char(FieldCharType::Begin, false),
            )
            .add_run(
                Run::new()
                    .size(PT13)
                    .fonts(fonts())
                    .add_instr_text(InstrText::PAGE(InstrPAGE::new())),
            )
            .add_run(
                Run::new()
                    .size(PT13)
                    .fonts(fonts())
                    .add_field_char(FieldCharType::Separate, false),
            )
            .add_run(run("2", PT13))
            .add_run(
                Run::new()
                    .size(PT13)
                    .fonts(fonts())
                    .add_field_char(FieldCharType::End, false),
            ),
    )
}

// ------------------------------------------------------- appendix tables ----

/// Marks a header row for `postprocess`, which turns the marker into `w:tblHeader`.
pub fn header_row(titles: &[&str], widths: &[usize]) -> TableRow {
    let cells = titles
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (t, w))| {
            let mut p = cell_para(vec![bold(t, PT12)], AlignmentType::Center);
            if i == 0 {
                p = p
                    .add_bookmark_start(
                        super::postprocess::REPEAT_MARK_ID,
                        super::postprocess::REPEAT_MARK,
                    )
                    .add_bookmark_end(super::postprocess::REPEAT_MARK_ID);
            }
            cell(vec![p], *w)
        })
        .collect();
    TableRow::new(cells).cant_split()
}

/// A table on a fixed grid of column widths (twips), as every appendix table is.
pub fn fixed_table(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A group row's cell: bold and kept with the next row, so a group heading never ends a page.
pub fn group_cell(text: &str, width: usize, align: AlignmentType) -> TableCell {
    cell(
        vec![cell_para(vec![bold(text, PT12)], align).keep_next(true)],
        width,
    )
}
