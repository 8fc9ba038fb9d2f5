//! Word's automatic numbering resolved into the number a reader sees ("I.", "1.", "a)",
//! "-"): the paragraph's own `w:numPr`, or the one its style carries (through `basedOn`),
//! looked up in `word/numbering.xml` — the instance (`w:num`, with its start overrides), its
//! abstract definition's level (format, text such as "%1.%2.", start) — and counted as Word
//! counts: a level's counter goes up at each paragraph of that level and the deeper levels
//! start again. Offices number their headings this way, so "I. MỤC TIÊU" is in no `w:t`.
//! Numbering is decoration: a missing or broken part gives no numbers, never an error.

use std::collections::HashMap;

use super::W;

#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: i64,
}

#[derive(Debug, Clone)]
struct Instance {
    definition: String,
    /// Level → start, from `w:lvlOverride/w:startOverride`.
    starts: HashMap<usize, i64>,
}

/// The numbering of one document, with its counters as the paragraphs go by.
#[derive(Debug, Default)]
pub struct Numbering {
    instances: HashMap<String, Instance>,
    definitions: HashMap<String, Vec<Level>>,
    /// Style id → (numId, level), after `basedOn`.
    styles: HashMap<String, (String, usize)>,
    counters: HashMap<String, [Option<i64>; 9]>,
}

fn val<'a>(n: roxmltree::Node<'a, 'a>, tag: &str) -> Option<&'a str> {
    n.children()
        .find(|c| c.has_tag_name((W, tag)))
        .and_then(|c| c.attribute((W, "val")))
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, tag: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, tag)))
}

/// `w:numPr` of a `w:pPr`: (numId, level).
fn num_pr(ppr: roxmltree::Node) -> Option<(String, usize)> {
    let pr = child(ppr, "numPr")?;
    let id = val(pr, "numId")?.to_string();
    let level = val(pr, "ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
    Some((id, level.min(8)))
}

impl Numbering {
    /// From the texts of `word/numbering.xml` and `word/styles.xml` (either may be absent).
    pub fn read(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(doc) = numbering.and_then(|x| roxmltree::Document::parse(x).ok()) {
            out.read_numbering(&doc);
        }
        if let Some(doc) = styles.and_then(|x| roxmltree::Document::parse(x).ok()) {
            out.read_styles(&doc);
        }
        out
    }

    fn read_numbering(&mut self, doc: &roxmltree::Document) {
        for a in doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "abstractNum")))
        {
            let Some(id) = a.attribute((W, "abstractNumId")) else {
                continue;
            };
            let mut levels = vec![
                Level {
                    format: "decimal".into(),
                    text: String::new(),
                    start: 1,
                };
                9
            ];
            for l in a.children().filter(|n| n.has_tag_name((W, "lvl"))) {
                let Some(i) = l
                    .attribute((W, "ilvl"))
                    .and_then(|i| i.parse::<usize>().ok())
                    .filter(|i| *i < 9)
                else {
                    continue;
                };
                levels[i] = Level {
                    format: val(l, "numFmt").unwrap_or("decimal").to_string(),
                    text: val(l, "lvlText").unwrap_or("").to_string(),
                    start: val(l, "start").and_then(|s| s.parse().ok()).unwrap_or(1),
                };
            }
            self.definitions.insert(id.to_string(), levels);
        }
        for n in doc.descendants().filter(|n| n.has_tag_name((W, "num"))) {
            let (Some(id), Some(definition)) = (n.attribute((W, "numId")), val(n, "abstractNumId"))
            else {
                continue;
            };
            let starts = n
                .children()
                .filter(|o| o.has_tag_name((W, "lvlOverride")))
                .filter_map(|o| {
                    let level = o.attribute((W, "ilvl"))?.parse::<usize>().ok()?;
                    let start = val(o, "startOverride")?.parse::<i64>().ok()?;
                    Some((level, start))
                })
                .collect();
            self.instances.insert(
                id.to_string(),
                Instance {
                    definition: definition.to_string(),
                    starts,
                },
            );
        }
    }

    fn read_styles(&mut self, doc: &roxmltree::Document) {
        let mut own: HashMap<String, (Option<(String, usize)>, Option<String>)> = HashMap::new();
        for s in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
            let Some(id) = s.attribute((W, "styleId")) else {
                continue;
            };
            let numbered = child(s, "pPr").and_then(num_pr);
            let based = val(s, "basedOn").map(str::to_string);
            own.insert(id.to_string(), (numbered, based));
        }
        for id in own.keys() {
            // Up the `basedOn` chain, bounded (a loop in a hostile file ends here).
            let mut at = Some(id.clone());
            for _ in 0..16 {
                let Some((numbered, based)) = at.as_ref().and_then(|a| own.get(a)) else {
                    break;
                };
                if let Some(n) = numbered {
                    self.styles.insert(id.clone(), n.clone());
                    break;
                }
                at = based.clone();
            }
        }
    }

    /// The number Word shows before paragraph `p` (a `w:p`), counting it; `None` when the
    /// paragraph is not numbered. A bullet of any glyph reads as "-".
    pub fn label(&mut self, p: roxmltree::Node) -> Option<String> {
        if self.instances.is_empty() {
            return None;
        }
        let ppr = child(p, "pPr");
        let (id, level) = ppr.and_then(num_pr).or_else(|| {
            let style = ppr.and_then(|x| val(x, "pStyle"))?;
            self.styles.get(style).cloned()
        })?;
        let instance = self.instances.get(&id)?;
        let levels = self.definitions.get(&instance.definition)?;
        // An instance that restarts a level counts on its own; others share their definition's.
        let key = if instance.starts.is_empty() {
            format!("a{}", instance.definition)
        } else {
            format!("n{id}")
        };
        let start = |l: usize| instance.starts.get(&l).copied().unwrap_or(levels[l].start);
        let counters = self.counters.entry(key).or_insert([None; 9]);
        counters[level] = Some(counters[level].map_or(start(level), |c| c + 1));
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let lvl = &levels[level];
        if lvl.format == "bullet" {
            return Some("-".into());
        }
        if lvl.format == "none" || lvl.text.is_empty() {
            return None;
        }
        let mut text = lvl.text.clone();
        for (l, level_def) in levels.iter().enumerate().take(level + 1).rev() {
            let n = counters[l].unwrap_or(start(l));
            text = text.replace(&format!("%{}", l + 1), &shown(n, &level_def.format));
        }
        Some(text)
    }
}

/// A counter as a format writes it.
fn shown(n: i64, format: &str) -> String {
    let letter = |n: i64, base: u8| {
        let n = (n.max(1) - 1) as usize;
        let c = (base + (n % 26) as u8) as char;
        c.to_string().repeat(n / 26 + 1)
    };
    match format {
        "upperRoman" => crate::format::roman(n.max(1) as u32),
        "lowerRoman" => crate::format::roman(n.max(1) as u32).to_lowercase(),
        "upperLetter" => letter(n, b'A'),
        "lowerLetter" => letter(n, b'a'),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
      <w:style w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
    </w:styles>"#;

    fn labels(paragraphs: &[&str]) -> Vec<Option<String>> {
        let body = paragraphs.join("");
        let xml = format!(r#"<w:body xmlns:w="{W}">{body}</w:body>"#);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let mut n = Numbering::read(Some(NUMBERING), Some(STYLES));
        doc.root_element()
            .children()
            .filter(|c| c.is_element())
            .map(|p| n.label(p))
            .collect()
    }

    fn p(num: &str, level: u8) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr></w:p>"#
        )
    }

    #[test]
    fn numbers_are_counted_as_word_counts_them() {
        let style = |s: &str| format!(r#"<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr></w:p>"#);
        let got = labels(&[
            &style("MyHeading"),
            &p("1", 1),
            &p("1", 2),
            &p("1", 2),
            &p("1", 3),
            &p("1", 1),
            &p("1", 2),
            &p("2", 0),
            &style("Heading1"),
            &p("3", 1),
            &style("Loop"),
            "<w:p/>",
        ]);
        let want: Vec<Option<&str>> = vec![
            Some("I."),
            Some("1."),
            Some("a)"),
            Some("b)"),
            Some("1.1."),
            Some("2."),
            Some("a)"),
            Some("-"),
            Some("II."),
            Some("5."),
            None,
            None,
        ];
        assert_eq!(
            got,
            want.into_iter()
                .map(|x| x.map(String::from))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_broken_or_missing_part_gives_no_numbers() {
        let xml = format!(r#"<w:body xmlns:w="{W}">{}</w:body>"#, p("1", 0));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let para = doc.root_element().first_element_child().unwrap();
        assert_eq!(Numbering::read(None, None).label(para), None);
        assert_eq!(
            Numbering::read(Some("<w:numbering"), Some("x")).label(para),
            None
        );
    }
}
