//! Agencies named in the source, matched to the preset directory or added as new ones: one
//! name, in any of its forms, is one agency in the whole import.

use crate::agency_name::{agency_key, local_level};
use crate::model::{Agency, AgencyKind, Id};
use crate::text::fold;

use super::Flag;

fn guess_kind(name: &str) -> AgencyKind {
    let k = agency_key(name);
    let f = fold(name);
    if f.starts_with("cac ") || k.contains(" cac cap") || k.ends_with("cac cap") {
        AgencyKind::TapThe
    } else if k.starts_with("so ") {
        AgencyKind::So
    } else if k.contains("cap xa") || k.contains(" xa phuong") {
        AgencyKind::UbndXa
    } else if k.split_whitespace().any(|w| w == "huyen") {
        // A word, not a piece of one: "chuyển đổi" folds to "chuyen doi".
        AgencyKind::UbndHuyen
    } else if k.contains("doanh nghiep") {
        AgencyKind::DoanhNghiep
    } else if k.starts_with("bo ") || k.starts_with("ngan hang nha nuoc") {
        AgencyKind::TrungUong
    } else if k.starts_with("cong an")
        || k.starts_with("van phong")
        || k.starts_with("tinh doan")
        || k.starts_with("ban ")
    {
        AgencyKind::TinhKhac
    } else {
        AgencyKind::Khac
    }
}

/// The agencies found while reading: matched to a preset directory or new, with the forms
/// of their names seen in the document.
pub(super) struct Directory {
    preset: Vec<Agency>,
    found: Vec<(String, Agency, Vec<String>, bool)>, // key, agency, forms seen, is new
}

impl Directory {
    pub(super) fn new(preset: &[Agency]) -> Directory {
        Directory {
            preset: preset.to_vec(),
            found: Vec::new(),
        }
    }

    pub(super) fn known(&self, name: &str) -> bool {
        let key = agency_key(name);
        self.found.iter().any(|(k, ..)| *k == key)
            || self.preset.iter().any(|a| {
                agency_key(&a.name) == key
                    || a.short.as_deref().is_some_and(|s| agency_key(s) == key)
            })
    }

    /// "Sở Khoa học và Công nghệ: Ưu tiên kinh phí …", or the same without the colon: a
    /// duty's heading run together with its first sentence, as offices sometimes type it.
    /// Splits off the known agency's name when what follows is a sentence of its own (starts
    /// with a capital, names no agency) and returns the name and the sentence.
    pub(super) fn name_and_sentence(&self, text: &str) -> Option<(String, String)> {
        let text = text.trim();
        if self.known(text) {
            return None;
        }
        let sentence = |rest: &str| {
            let first = rest.split([',', ';']).next().unwrap_or(rest).trim();
            rest.starts_with(char::is_uppercase)
                && rest.split_whitespace().count() >= 4
                && !self.known(first)
                && !first.split(" và ").any(|p| self.known(p))
        };
        if let Some((name, rest)) = text.split_once(':') {
            let rest = rest.trim();
            if self.known(name) && sentence(rest) {
                return Some((name.trim().to_string(), rest.to_string()));
            }
        }
        // The longest known name that ends at a word before a capitalised word.
        let cuts: Vec<usize> = text
            .char_indices()
            .filter(|&(i, c)| {
                c == ' '
                    && text[..i].ends_with(char::is_alphanumeric)
                    && text[i + 1..].starts_with(char::is_uppercase)
            })
            .map(|(i, _)| i)
            .collect();
        cuts.into_iter()
            .rev()
            .find(|&i| self.known(&text[..i]) && sentence(text[i + 1..].trim()))
            .map(|i| (text[..i].to_string(), text[i + 1..].trim().to_string()))
    }

    pub(super) fn resolve(&mut self, name: &str) -> Id {
        let name = name.trim().trim_end_matches([',', ';', '.']).trim();
        let key = agency_key(name);
        if let Some((_, a, forms, _)) = self.found.iter_mut().find(|(k, ..)| *k == key) {
            if !forms.iter().any(|f| f == name) {
                forms.push(name.to_string());
            }
            return a.id.clone();
        }
        let (agency, new) = match self.preset.iter().find(|a| {
            agency_key(&a.name) == key || a.short.as_deref().is_some_and(|s| agency_key(s) == key)
        }) {
            Some(a) => (a.clone(), false),
            None => {
                let mut id: String = key
                    .split(' ')
                    .map(|w| w.chars().take(4).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("-");
                while self.found.iter().any(|(_, a, ..)| a.id == id) {
                    id.push('x');
                }
                (
                    Agency {
                        id,
                        name: name.to_string(),
                        short: None,
                        kind: guess_kind(name),
                    },
                    true,
                )
            }
        };
        let id = agency.id.clone();
        self.found.push((key, agency, vec![name.to_string()], new));
        id
    }

    /// "Các Sở, ban, ngành tỉnh; UBND cấp huyện, cấp xã" → the agencies it names. Names may
    /// hold commas, so the longest known run of comma-separated pieces wins; "cấp xã" after
    /// "UBND cấp huyện" means "UBND cấp xã"; "các Sở: GTVT, Y tế" means "Sở GTVT", "Sở Y tế".
    pub(super) fn cell(&mut self, text: &str) -> Vec<Id> {
        let mut ids = Vec::new();
        for part in text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let pieces: Vec<String> = part
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            let mut prefix: Option<String> = None;
            let mut previous: Option<String> = None;
            let mut i = 0;
            while i < pieces.len() {
                let mut taken = None;
                for j in (i..pieces.len()).rev() {
                    let candidate = pieces[i..=j].join(", ");
                    if self.known(&candidate) || (j > i && is_collective(&candidate)) {
                        taken = Some((candidate, j));
                        break;
                    }
                }
                let (mut name, mut j) = taken.unwrap_or_else(|| (pieces[i].clone(), i));
                // "Các Sở, ban, ngành tỉnh": after "Các …", lower-case pieces and bare
                // abbreviations ("GDNN") continue the same collective name.
                if fold(&name).starts_with("cac ") {
                    while let Some(next) = pieces.get(j + 1) {
                        let abbreviation = !next.contains(' ')
                            && next.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
                        if !(next.starts_with(char::is_lowercase) || abbreviation) {
                            break;
                        }
                        name = format!("{name}, {next}");
                        j += 1;
                    }
                }
                if let Some((head, first)) = name.split_once(':') {
                    // "các Sở: GTVT, Y tế" — every following piece of this part is a "Sở".
                    let head = head
                        .trim()
                        .trim_start_matches("các ")
                        .trim_start_matches("Các ")
                        .to_string();
                    name = format!("{head} {}", first.trim());
                    prefix = Some(head);
                } else if let Some(p) = prefix
                    .as_ref()
                    .filter(|p| !fold(&name).starts_with(&fold(p)))
                {
                    name = format!("{p} {name}");
                }
                if fold(&name).starts_with("cap ") {
                    if let Some(prev) = &previous {
                        if let Some(idx) = fold(prev).find("cap ") {
                            name = format!(
                                "{}{name}",
                                &prev[..prev
                                    .char_indices()
                                    .nth(fold(prev)[..idx].chars().count())
                                    .map_or(0, |(b, _)| b)]
                            );
                        }
                    }
                }
                let id = self.resolve(&name);
                if !ids.contains(&id) {
                    ids.push(id);
                }
                previous = Some(name);
                i = j + 1;
            }
        }
        ids
    }

    pub(super) fn into_directory(self, flags: &mut Vec<Flag>) -> Vec<Agency> {
        self.found
            .into_iter()
            .map(|(_, mut a, forms, new)| {
                // The longest form seen is the full name; a shorter one, the short name.
                if new {
                    let longest = forms.iter().max_by_key(|f| f.chars().count()).cloned().unwrap_or_default();
                    let shortest = forms.iter().min_by_key(|f| f.chars().count()).cloned().unwrap_or_default();
                    a.name = longest.clone();
                    a.short = (shortest != longest).then_some(shortest);
                    flags.push(Flag { place: "Danh bạ cơ quan".into(), message: format!("Cơ quan mới «{}»: chưa có trong danh bạ mẫu, cần xác nhận tên và loại.", a.name) });
                }
                a
            })
            .collect()
    }
}

/// Names that contain commas, recognised whole: collective names, and "…, Chi nhánh …".
fn is_collective(name: &str) -> bool {
    const WHOLE: [&str; 3] = [
        "cac so ban nganh tinh",
        "cac so ban nganh",
        "cac co so dao tao dai hoc cao dang giao duc nghe nghiep tren dia ban tinh",
    ];
    let f = fold(name);
    WHOLE.contains(&f.as_str())
        || local_level(&agency_key(name)).is_some()
        || name.split(',').count() == 2
            && fold(name.split(',').nth(1).unwrap_or("")).starts_with("chi nhanh")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_guessed_from_whole_words() {
        // "chuyển đổi" folds to "chuyen doi", which holds "huyen".
        assert_eq!(
            guess_kind("Ban Quản lý dự án chuyển đổi số"),
            AgencyKind::TinhKhac
        );
        assert_eq!(guess_kind("UBND huyện Sơn Tịnh"), AgencyKind::UbndHuyen);
        assert_eq!(guess_kind("Sở Y tế"), AgencyKind::So);
    }

    #[test]
    fn a_cell_names_each_agency_once_whatever_the_separator() {
        let mut dir = Directory::new(&[]);
        let a = dir.cell("Sở Y tế, Sở Tài chính");
        let b = dir.cell("Sở Y tế; Sở Tài chính");
        let c = dir.cell("Sở Y tế\nSở Tài chính");
        assert_eq!(a.len(), 2);
        assert_eq!(a, b);
        assert_eq!(a, c);
        let d = dir.cell("UBND cấp huyện, cấp xã");
        let e = dir.cell("UBND các huyện, thị xã, thành phố; UBND các xã, phường, thị trấn");
        assert_eq!(d, e);
        assert_eq!(dir.cell("cấp xã"), vec![d[1].clone()]);
    }
}
