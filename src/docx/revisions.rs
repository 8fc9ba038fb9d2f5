//! The Kế hoạch with Word's own revision marks: what the document says now against what the
//! draft sent for comments said, as insertions and deletions (`w:ins`, `w:del`) attributed to
//! the drafting department, so the committee's reviewers see the changes in Word as they are
//! used to. Both versions are written through the same first stage (`content`), then compared
//! block by block, table rows by their cells, and changed paragraphs word by word (Myers'
//! diff, from the `similar` crate).

use similar::{Algorithm, ChangeTag, DiffTag, TextDiff};

use super::content::{Block, Cell, Document, Mark, Marked, Row, Section, Span, Style, Table};

/// `after` with what changed since `before` marked.
pub fn marked(before: &Document, after: &Document, by: (String, String)) -> Document {
    let empty = Section {
        landscape: false,
        blocks: Vec::new(),
    };
    let n = before.sections.len().max(after.sections.len());
    let sections = (0..n)
        .filter_map(|i| {
            let old = before.sections.get(i).unwrap_or(&empty);
            let new = after.sections.get(i)?;
            Some(Section {
                landscape: new.landscape,
                blocks: blocks(&old.blocks, &new.blocks),
            })
        })
        .collect();
    Document {
        sections,
        revised_by: Some(by),
    }
}

/// What a block is compared by: its kind and text; a table by its kind and header (its rows
/// are compared one by one); the fixed blocks whole.
fn key(b: &Block) -> String {
    match paragraph(b) {
        Some((style, spans)) => format!("{style:?}:{}", plain(&spans)),
        None => match b {
            Block::Table(t) => format!("table:{:?}:{}", t.kind, t.header.join("|")),
            other => format!("{other:?}"),
        },
    }
}

/// A block that is one paragraph of text: its layout and its spans.
fn paragraph(b: &Block) -> Option<(Style, Vec<Span>)> {
    let one = |t: &String| vec![super::content::plain(t)];
    Some(match b {
        Block::Para(spans) => (Style::Para, spans.clone()),
        Block::Heading(t) => (Style::Heading, one(t)),
        Block::Caption(t) => (Style::Caption, one(t)),
        Block::AttachedTo(t) => (Style::AttachedTo, one(t)),
        _ => return None,
    })
}

fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

fn blocks(old: &[Block], new: &[Block]) -> Vec<Block> {
    let (ok, nk): (Vec<String>, Vec<String>) =
        (old.iter().map(key).collect(), new.iter().map(key).collect());
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(old[o].iter().zip(&new[n]).map(|(a, b)| same(a, b))),
            DiffTag::Delete => out.extend(old[o].iter().filter_map(|b| whole(b, Mark::Deleted))),
            DiffTag::Insert => out.extend(new[n].iter().filter_map(|b| whole(b, Mark::Inserted))),
            DiffTag::Replace => {
                let (o, n) = (&old[o], &new[n]);
                let paired = o.len().min(n.len());
                for (a, b) in o.iter().zip(n) {
                    out.extend(changed(a, b));
                }
                out.extend(o[paired..].iter().filter_map(|b| whole(b, Mark::Deleted)));
                out.extend(n[paired..].iter().filter_map(|b| whole(b, Mark::Inserted)));
            }
        }
    }
    out
}

/// Two blocks that compare equal: the new one, with a table's rows compared.
fn same(old: &Block, new: &Block) -> Block {
    match (old, new) {
        (Block::Table(a), Block::Table(b)) => Block::Table(table(a, b)),
        _ => new.clone(),
    }
}

/// One block that became another: word by word when both are paragraphs of one layout, row
/// by row when both are tables of one kind; otherwise the old deleted and the new inserted.
fn changed(old: &Block, new: &Block) -> Vec<Block> {
    match (paragraph(old), paragraph(new), old, new) {
        (Some((a, x)), Some((b, y)), _, _) if a == b => vec![Block::Revised {
            style: b,
            runs: words(&x, &y),
        }],
        (_, _, Block::Table(a), Block::Table(b)) if a.kind == b.kind => {
            vec![Block::Table(table(a, b))]
        }
        _ => whole(old, Mark::Deleted)
            .into_iter()
            .chain(whole(new, Mark::Inserted))
            .collect(),
    }
}

/// A block inserted or deleted whole. A deleted fixed block (a blank line, the header) is
/// left out; an inserted one is kept as it is.
fn whole(b: &Block, mark: Mark) -> Option<Block> {
    if let Some((style, spans)) = paragraph(b) {
        return Some(Block::Revised {
            style,
            runs: spans
                .into_iter()
                .map(|span| Marked { mark, span })
                .collect(),
        });
    }
    match b {
        Block::Table(t) => Some(Block::Table(Table {
            rows: t.rows.iter().map(|r| row_marked(r, mark)).collect(),
            ..t.clone()
        })),
        _ if mark == Mark::Deleted => None,
        other => Some(other.clone()),
    }
}

fn row_key(r: &Row) -> String {
    r.cells
        .iter()
        .map(|c| c.lines.join("\n"))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

fn row_marked(r: &Row, mark: Mark) -> Row {
    Row {
        cells: r
            .cells
            .iter()
            .map(|c| Cell {
                revised: Some(
                    c.lines
                        .iter()
                        .map(|l| {
                            vec![Marked {
                                mark,
                                span: super::content::plain(l),
                            }]
                        })
                        .collect(),
                ),
                ..c.clone()
            })
            .collect(),
        ..r.clone()
    }
}

/// The new table with its rows compared to the old one's: rows added, removed, and changed
/// cell by cell.
fn table(old: &Table, new: &Table) -> Table {
    let ok: Vec<String> = old.rows.iter().map(row_key).collect();
    let nk: Vec<String> = new.rows.iter().map(row_key).collect();
    let mut rows = Vec::with_capacity(new.rows.len());
    for op in similar::capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (tag, o, n) = op.as_tag_tuple();
        let (o, n) = (&old.rows[o], &new.rows[n]);
        match tag {
            DiffTag::Equal => rows.extend(n.iter().cloned()),
            DiffTag::Delete => rows.extend(o.iter().map(|r| row_marked(r, Mark::Deleted))),
            DiffTag::Insert => rows.extend(n.iter().map(|r| row_marked(r, Mark::Inserted))),
            DiffTag::Replace => {
                let paired = o.len().min(n.len());
                for (a, b) in o.iter().zip(n) {
                    if a.cells.len() == b.cells.len() && a.group == b.group {
                        rows.push(row_changed(a, b));
                    } else {
                        rows.push(row_marked(a, Mark::Deleted));
                        rows.push(row_marked(b, Mark::Inserted));
                    }
                }
                rows.extend(o[paired..].iter().map(|r| row_marked(r, Mark::Deleted)));
                rows.extend(n[paired..].iter().map(|r| row_marked(r, Mark::Inserted)));
            }
        }
    }
    Table {
        rows,
        ..new.clone()
    }
}

/// A row whose cells changed: each changed cell line by line, word by word.
fn row_changed(old: &Row, new: &Row) -> Row {
    let cells = old
        .cells
        .iter()
        .zip(&new.cells)
        .map(|(a, b)| {
            if a.lines == b.lines {
                return b.clone();
            }
            let n = a.lines.len().max(b.lines.len());
            let line = |c: &Cell, i: usize| {
                c.lines
                    .get(i)
                    .map(|l| vec![super::content::plain(l)])
                    .unwrap_or_default()
            };
            Cell {
                revised: Some((0..n).map(|i| words(&line(a, i), &line(b, i))).collect()),
                ..b.clone()
            }
        })
        .collect();
    Row {
        cells,
        ..new.clone()
    }
}

/// The words of `new` against `old`: kept, inserted and deleted pieces, each keeping the
/// emphasis of the side it comes from.
fn words(old: &[Span], new: &[Span]) -> Vec<Marked> {
    let (a, b) = (plain(old), plain(new));
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_words(a.as_str(), b.as_str());
    let (mut at_old, mut at_new) = (0, 0);
    let mut out: Vec<Marked> = Vec::new();
    for change in diff.iter_all_changes() {
        let len = change.value().len();
        let (spans, from, mark) = match change.tag() {
            ChangeTag::Equal => {
                at_old += len;
                at_new += len;
                (new, at_new - len, Mark::Same)
            }
            ChangeTag::Delete => {
                at_old += len;
                (old, at_old - len, Mark::Deleted)
            }
            ChangeTag::Insert => {
                at_new += len;
                (new, at_new - len, Mark::Inserted)
            }
        };
        for span in pieces(spans, from, from + len) {
            match out.last_mut() {
                Some(m) if m.mark == mark && same_look(&m.span, &span) => {
                    m.span.text.push_str(&span.text)
                }
                _ => out.push(Marked { mark, span }),
            }
        }
    }
    out
}

fn same_look(a: &Span, b: &Span) -> bool {
    a.bold == b.bold && a.italic == b.italic
}

/// The text between byte offsets `from` and `to` of the spans' concatenation, split where
/// their emphasis changes.
fn pieces(spans: &[Span], from: usize, to: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for s in spans {
        let end = start + s.text.len();
        let (a, b) = (from.max(start), to.min(end));
        if a < b {
            out.push(Span {
                text: s.text[a - start..b - start].to_string(),
                ..s.clone()
            });
        }
        start = end;
    }
    out
}
