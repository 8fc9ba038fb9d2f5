//! Narrative text is stored as a small Markdown subset and parsed here, with pulldown-cmark,
//! into the blocks an official document uses: paragraphs, dash bullets, lettered points
//! (a Markdown ordered list — the letters are computed, so "a), c), d)" cannot happen) and
//! inline bold/italic.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;
use ts_rs::TS;

use crate::numbering::point_letter;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        spans: Vec<Span>,
    },
    /// "- …"
    Bullet {
        spans: Vec<Span>,
    },
    /// "a) …"
    Point {
        letter: String,
        spans: Vec<Span>,
    },
}

impl Block {
    pub fn spans(&self) -> &[Span] {
        match self {
            Block::Paragraph { spans } | Block::Bullet { spans } | Block::Point { spans, .. } => {
                spans
            }
        }
    }

    /// The block as plain text, with its marker ("- ", "a) ").
    pub fn plain(&self) -> String {
        let body: String = self.spans().iter().map(|s| s.text.as_str()).collect();
        match self {
            Block::Paragraph { .. } => body,
            Block::Bullet { .. } => format!("- {body}"),
            Block::Point { letter, .. } => format!("{letter}) {body}"),
        }
    }
}

enum ListKind {
    Bullet,
    Ordered,
}

/// The spans gathered so far as one block (a bullet, a point or a paragraph): adjacent spans
/// of the same style merged, the ends trimmed, nothing for an empty block.
fn flush(spans: &mut Vec<Span>, marker: &Option<Block>, blocks: &mut Vec<Block>) {
    // Merge adjacent spans of the same style and drop an empty block.
    let mut merged: Vec<Span> = Vec::new();
    for s in spans.drain(..) {
        match merged.last_mut() {
            Some(last) if last.bold == s.bold && last.italic == s.italic => {
                last.text.push_str(&s.text)
            }
            _ => merged.push(s),
        }
    }
    if merged.iter().all(|s| s.text.trim().is_empty()) {
        return;
    }
    if let Some(first) = merged.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = merged.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    blocks.push(match marker {
        Some(Block::Bullet { .. }) => Block::Bullet { spans: merged },
        Some(Block::Point { letter, .. }) => Block::Point {
            letter: letter.clone(),
            spans: merged,
        },
        _ => Block::Paragraph { spans: merged },
    });
}

pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lists: Vec<ListKind> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut current_marker: Option<Block> = None;
    // Points continue a) b) c) across bullets and paragraphs placed between them, so a text
    // can interleave "a) heading / - details / b) heading" and never skip or repeat a letter.
    let mut points = 0usize;

    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::List(start)) => {
                flush(&mut spans, &current_marker, &mut blocks);
                // Only a top-level ordered list is lettered; nested lists read as bullets.
                lists.push(match start {
                    Some(_) if lists.is_empty() => ListKind::Ordered,
                    _ => ListKind::Bullet,
                });
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut spans, &current_marker, &mut blocks);
                lists.pop();
                current_marker = None;
            }
            Event::Start(Tag::Item) => {
                flush(&mut spans, &current_marker, &mut blocks);
                current_marker = match lists.last() {
                    Some(ListKind::Ordered) => {
                        let letter = point_letter(points);
                        points += 1;
                        Some(Block::Point {
                            letter,
                            spans: vec![],
                        })
                    }
                    _ => Some(Block::Bullet { spans: vec![] }),
                };
            }
            Event::End(TagEnd::Item) => {
                flush(&mut spans, &current_marker, &mut blocks);
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                flush(&mut spans, &current_marker, &mut blocks);
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => spans.push(Span {
                text: t.to_string(),
                bold: bold > 0,
                italic: italic > 0,
            }),
            Event::SoftBreak | Event::HardBreak => spans.push(Span {
                text: " ".to_string(),
                bold: bold > 0,
                italic: italic > 0,
            }),
            // Headings, links, HTML: keep their text, drop the markup.
            _ => {}
        }
    }
    flush(&mut spans, &current_marker, &mut blocks);
    blocks
}

/// The spans of a one-line text (a citation, a title with *italic* parts), blocks joined by
/// spaces.
pub fn inline(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, b) in parse(text).iter().enumerate() {
        if i > 0 {
            out.push(Span {
                text: " ".into(),
                bold: false,
                italic: false,
            });
        }
        out.extend(b.spans().iter().cloned());
    }
    out
}

/// Plain text of a narrative, one block per line.
pub fn plain(text: &str) -> String {
    parse(text)
        .iter()
        .map(Block::plain)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_bullets_points_and_emphasis() {
        let md = "Mở đầu **đậm** và *nghiêng*.\n\n- gạch đầu dòng một\n- hai\n\n1. điểm\n2. điểm\n3. điểm\n4. điểm\n5. điểm";
        let blocks = parse(md);
        assert_eq!(blocks.len(), 8);
        assert_eq!(
            blocks[0].spans()[1],
            Span {
                text: "đậm".into(),
                bold: true,
                italic: false
            }
        );
        assert_eq!(
            blocks[0].spans()[3],
            Span {
                text: "nghiêng".into(),
                bold: false,
                italic: true
            }
        );
        assert_eq!(blocks[1].plain(), "- gạch đầu dòng một");
        let letters: Vec<_> = blocks[3..]
            .iter()
            .map(|b| match b {
                Block::Point { letter, .. } => letter.clone(),
                _ => panic!("expected a point"),
            })
            .collect();
        assert_eq!(letters, ["a", "b", "c", "d", "đ"]);
    }

    #[test]
    fn points_continue_across_bullets_between_them() {
        let blocks = parse("1. Ngày Chuyển đổi số\n\n- chi tiết\n\n1. Chia sẻ sáng kiến\n\nđoạn văn\n\n1. Truyền thông");
        let plain: Vec<String> = blocks.iter().map(Block::plain).collect();
        assert_eq!(
            plain,
            [
                "a) Ngày Chuyển đổi số",
                "- chi tiết",
                "b) Chia sẻ sáng kiến",
                "đoạn văn",
                "c) Truyền thông"
            ]
        );
    }

    #[test]
    fn numbered_list_starting_elsewhere_is_still_lettered_from_a() {
        let blocks = parse("3. một\n4. hai");
        assert_eq!(blocks[0].plain(), "a) một");
        assert_eq!(blocks[1].plain(), "b) hai");
    }
}
