//! Wording a plan must not print in its own year: an agency or a level the 2025 reform
//! ended, text left for someone to fill in, an aim whose year has passed. One scanner for
//! both the plan's fields (with a jump to each) and the documents as exported (for what no
//! field holds: generated headings, table captions, columns). The terms come from the agency
//! catalogues and `templates/rules/san-sang-ban-hanh.toml`, never from code.

use std::sync::OnceLock;

use serde::Deserialize;

use super::Severity;
use crate::catalogue::{Body, Catalogues, Platform};
use crate::model::{AgencyKind, Plan};
use crate::plantext::Lowered;

#[derive(Debug, Deserialize)]
struct RulesFile {
    retired: Vec<RetiredBody>,
    district: District,
    placeholders: Words,
    past_years: PastYears,
    platforms: Platforms,
}

#[derive(Debug, Deserialize)]
struct Platforms {
    from_year: i32,
    catalogue: String,
    retired_owners: Vec<String>,
    current: String,
}

#[derive(Debug, Deserialize)]
struct RetiredBody {
    names: Vec<String>,
    successor: String,
    why: String,
}

#[derive(Debug, Deserialize)]
struct District {
    from_year: i32,
    words: Vec<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
struct Words {
    words: Vec<String>,
    lines: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct PastYears {
    after: Vec<String>,
}

fn rules() -> &'static RulesFile {
    static RULES: OnceLock<RulesFile> = OnceLock::new();
    RULES.get_or_init(|| {
        // Checked by every test run (a parse failure fails the first final check).
        toml::from_str(include_str!("../../templates/rules/san-sang-ban-hanh.toml"))
            .expect("templates/rules/san-sang-ban-hanh.toml")
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An agency or ministry the reform ended.
    Retired,
    /// The district level, in a plan of 2026 or later.
    District,
    /// "chưa đánh giá", "…": left to be filled in.
    Placeholder,
    /// "đến năm 2025" in a plan of 2027.
    PastYear,
    /// A national platform named as the 2022 list named it, its owner since ended.
    OldPlatform,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Retired => "final.retired_agency",
            Kind::District => "final.district_level",
            Kind::Placeholder => "final.placeholder",
            Kind::PastYear => "final.past_year",
            Kind::OldPlatform => "final.old_platform",
        }
    }

    /// An old platform name is a question to check (the name may be unchanged in the new
    /// list); everything else is wrong in a final plan.
    pub fn severity(self) -> Severity {
        match self {
            Kind::OldPlatform => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One wording found in a text.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: Kind,
    /// Byte range in the scanned text.
    pub start: usize,
    pub end: usize,
    /// Why it is wrong, with what to write instead when there is one.
    pub why: String,
    /// The successor's name, where a name can simply be replaced.
    pub successor: Option<String>,
}

struct Term {
    needle: Vec<char>,
    kind: Kind,
    why: String,
    successor: Option<String>,
}

/// "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)": the province's own platform of that
/// kind, not the national one.
fn provincial(after: &str) -> bool {
    // Only the next few letters are compared; the rest of a long paragraph is not lowered.
    let rest: String = after
        .trim_start()
        .chars()
        .take(12)
        .collect::<String>()
        .to_lowercase();
    ["tỉnh", "cấp tỉnh", "của tỉnh"].iter().any(|w| {
        rest.strip_prefix(w)
            .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
    })
}

/// The platforms of the old list whose owner the reform ended.
fn old_platforms<'c>(cats: &'c Catalogues, rule: &Platforms) -> Vec<&'c Platform> {
    let Some(Body::Platforms(list)) = cats.get(&rule.catalogue).map(|c| &c.body) else {
        return Vec::new();
    };
    list.iter()
        .filter(|p| {
            let owner = Lowered::new(&p.owner);
            rule.retired_owners
                .iter()
                .any(|o| !owner.find(&Lowered::needle(o), |_, _| true).is_empty())
        })
        .collect()
}

/// The terms a scan looks for, each once (by its lowered form), none shorter than 3 letters.
struct Terms(Vec<Term>);

impl Terms {
    fn add(&mut self, name: &str, kind: Kind, why: &str, successor: Option<String>) {
        let needle = Lowered::needle(name.trim());
        if needle.len() >= 3 && !self.0.iter().any(|t: &Term| t.needle == needle) {
            self.0.push(Term {
                needle,
                kind,
                why: why.to_string(),
                successor,
            });
        }
    }
}

/// The provincial departments the catalogues retire before `year`, by full name and
/// abbreviation, each with its successor in the province.
fn retired_departments(terms: &mut Terms, cats: &Catalogues, province: &str, year: i32) {
    let presets = cats.all_preset_agencies();
    let successor_of = |id: Option<&str>| {
        id.and_then(|r| presets.iter().find(|p| p.id == r && p.until_year.is_none()))
            .map(|p| cats.agency_for(p, province))
    };
    for p in presets
        .iter()
        .filter(|p| p.until_year.is_some_and(|u| u < year))
    {
        if p.kind == AgencyKind::UbndHuyen {
            continue; // the district words below say it
        }
        let next = successor_of(p.replaced_by.as_deref());
        let why = format!(
            "{} không còn sau sắp xếp năm 2025{}",
            p.short.as_deref().unwrap_or(&p.name),
            next.as_ref().map_or(String::new(), |n| format!(
                "; nhiệm vụ do {} đảm nhận",
                n.name
            ))
        );
        let generic = p.name.replace(" {tỉnh}", "").replace("{tỉnh}", "");
        terms.add(
            &generic,
            Kind::Retired,
            &why,
            next.as_ref().map(|n| n.name.clone()),
        );
        if let Some(s) = &p.short {
            terms.add(
                s,
                Kind::Retired,
                &why,
                next.as_ref().and_then(|n| n.short.clone()),
            );
        }
    }
}

/// The terms that apply to a plan: built once per check, used for every text.
pub struct Scanner {
    terms: Vec<Term>,
    past_after: Vec<Vec<char>>,
    year: i32,
}

impl Scanner {
    pub fn new(plan: &Plan, cats: &Catalogues) -> Scanner {
        let r = rules();
        let year = plan.identity.year;
        let province = plan.identity.province.trim();
        let mut terms = Terms(Vec::new());
        if year >= r.district.from_year {
            for b in &r.retired {
                for n in &b.names {
                    terms.add(n, Kind::Retired, &b.why, Some(b.successor.clone()));
                }
            }
            retired_departments(&mut terms, cats, province, year);
            for w in &r.district.words {
                terms.add(w, Kind::District, &r.district.why, None);
            }
        }
        if year >= r.platforms.from_year {
            for p in old_platforms(cats, &r.platforms) {
                let why = format!(
                    "tên trong danh mục nền tảng số quốc gia năm 2022 (Quyết định 186/QĐ-BTTTT, chủ quản {}, nay không còn); đối chiếu tên và cơ quan chủ quản với danh mục tại {}",
                    p.owner, r.platforms.current
                );
                terms.add(&p.name, Kind::OldPlatform, &why, None);
            }
        }
        for w in &r.placeholders.words {
            terms.add(
                w,
                Kind::Placeholder,
                "nội dung còn để trống, chờ điền",
                None,
            );
        }
        // Longest first, so "Sở Thông tin và Truyền thông" is one hit, not also "Sở TT".
        let mut terms = terms.0;
        terms.sort_by_key(|t| std::cmp::Reverse(t.needle.len()));
        Scanner {
            terms,
            past_after: r
                .past_years
                .after
                .iter()
                .map(|a| Lowered::needle(a))
                .collect(),
            year,
        }
    }

    /// What is wrong in `text`. `forward`: the text states aims (goals, tasks, solutions,
    /// budget), where a past year is an expired aim.
    pub fn scan(&self, text: &str, forward: bool) -> Vec<Hit> {
        let l = Lowered::new(text);
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut hits: Vec<Hit> = Vec::new();
        for term in &self.terms {
            let n = term.needle.len();
            // A term that begins or ends with a letter is a whole word there.
            let (open, close) = (word(Some(term.needle[0])), word(Some(term.needle[n - 1])));
            let found = l.find(&term.needle, |i, j| {
                let (s, e) = (l.byte(i), l.byte(j));
                !(open && word(i.checked_sub(1).and_then(|k| l.char(k))))
                    && !(close && word(l.char(j)))
                    && !hits.iter().any(|h| s < h.end && h.start < e)
                    && !in_citation(text, s)
                    && !(term.kind == Kind::OldPlatform && provincial(&text[e..]))
            });
            hits.extend(found.into_iter().map(|(i, j)| Hit {
                kind: term.kind,
                start: l.byte(i),
                end: l.byte(j),
                why: term.why.clone(),
                successor: term.successor.clone(),
            }));
        }
        self.blank_lines(text, &mut hits);
        if forward {
            self.past_years(text, &l, &mut hits);
        }
        hits.sort_by_key(|h| h.start);
        hits
    }

    /// A line that is only "…", or ends with ": …".
    fn blank_lines(&self, text: &str, hits: &mut Vec<Hit>) {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end();
            let bare = body.trim_start().trim_start_matches(['-', '+', '*', ' ']);
            for blank in &rules().placeholders.lines {
                let Some(before) = bare.strip_suffix(blank.as_str()) else {
                    continue;
                };
                let before = before.trim_end();
                if before.is_empty() || before.ends_with(':') {
                    let start = offset + body.len() - blank.len();
                    if !hits
                        .iter()
                        .any(|h| start < h.end && h.start < start + blank.len())
                    {
                        hits.push(Hit {
                            kind: Kind::Placeholder,
                            start,
                            end: start + blank.len(),
                            why: "nội dung còn để trống, chờ điền".into(),
                            successor: None,
                        });
                    }
                    break;
                }
            }
            offset += line.len();
        }
    }

    /// "đến năm 2025" in a plan of 2027: the words, a space, a past year of four digits.
    fn past_years(&self, text: &str, l: &Lowered, hits: &mut Vec<Hit>) {
        let year_after = |j: usize| -> Option<i32> {
            let digits: String = (j + 1..j + 5).filter_map(|k| l.char(k)).collect();
            let whole = l.char(j) == Some(' ')
                && digits.len() == 4
                && digits.chars().all(|c| c.is_ascii_digit())
                && !l.char(j + 5).is_some_and(|c| c.is_ascii_digit());
            whole.then(|| digits.parse().ok()).flatten()
        };
        for after in &self.past_after {
            let found = l.find(after, |i, j| {
                !i.checked_sub(1)
                    .and_then(|k| l.char(k))
                    .is_some_and(char::is_alphanumeric)
                    && year_after(j).is_some_and(|y| (2000..self.year).contains(&y))
                    && !in_citation(text, l.byte(i))
            });
            for (i, j) in found {
                let y = year_after(j).unwrap_or_default();
                hits.push(Hit {
                    kind: Kind::PastYear,
                    start: l.byte(i),
                    end: l.byte(j + 5),
                    why: format!(
                        "năm {y} đã qua: kế hoạch năm {} không đặt mục tiêu, thời hạn cho năm {y}",
                        self.year
                    ),
                    successor: None,
                });
            }
        }
    }
}

/// True when the sentence around `at` cites a document by its number ("Công văn số
/// 2390/BTTTT-THH của Bộ Thông tin và Truyền thông"): a document issued by a body that is
/// gone is still cited by that body's name.
pub fn in_citation(text: &str, at: usize) -> bool {
    let sentence = crate::plantext::sentence_at(text, at);
    let chars: Vec<char> = sentence.chars().collect();
    chars.windows(3).any(|w| {
        w[0].is_ascii_digit() && w[1] == '/' && (w[2].is_uppercase() || w[2].is_ascii_digit())
    }) || chars.windows(4).any(|w| {
        // "52-NQ/TW": the party's numbering.
        w[0].is_ascii_digit() && w[1] == '-' && w[2].is_uppercase() && w[3].is_uppercase()
    })
}
