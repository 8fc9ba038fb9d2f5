//! Text hygiene: every string that enters the store is clean — NFC (Vietnamese typed on
//! Windows or pasted from PDF often arrives decomposed) and without control characters (a
//! U+0001 or U+000B pasted from another program makes a .docx that Word and LibreOffice
//! refuse to open; Windows line ends become "\n") — and searches ignore diacritics.

use unicode_normalization::UnicodeNormalization;

/// Every string inside any serde value made `clean`. One generic pass, so no field can be
/// missed when the model grows.
pub fn clean_all<T>(value: &T) -> crate::Result<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let mut json = serde_json::to_value(value).map_err(|e| crate::Error::Invalid(e.to_string()))?;
    clean_json(&mut json);
    serde_json::from_value(json).map_err(|e| crate::Error::Invalid(e.to_string()))
}

/// `value` itself when no string in it needs cleaning, else its cleaned copy: the writers'
/// defensive pass, which on a clean plan (every plan the store holds) costs one
/// serialisation and a scan instead of building and reading back a `serde_json::Value`.
pub fn cleaned<T>(value: &T) -> crate::Result<std::borrow::Cow<'_, T>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone,
{
    let json = serde_json::to_string(value).map_err(|e| crate::Error::Invalid(e.to_string()))?;
    // Controls are escaped in JSON ("\u0001", "\r"); C1 controls, the BOM and the
    // non-characters are not. Around a string only ASCII punctuation, which composes with
    // nothing, so the whole text is NFC exactly when every string and key is.
    let clean = !json.contains("\\u")
        && !json.contains("\\r")
        && !json.chars().any(forbidden)
        && unicode_normalization::is_nfc(&json);
    if clean {
        Ok(std::borrow::Cow::Borrowed(value))
    } else {
        clean_all(value).map(std::borrow::Cow::Owned)
    }
}

pub fn clean_json(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) if needs_cleaning(s) => *s = clean(s),
        Value::Array(items) => items.iter_mut().for_each(clean_json),
        Value::Object(map) => {
            // Keys are field names and ids; ids typed by people are normalised too.
            let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            for (k, mut val) in entries {
                clean_json(&mut val);
                map.insert(k.nfc().collect(), val);
            }
        }
        _ => {}
    }
}

pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Characters no text of a plan may hold: C0 and C1 controls other than line feed and tab,
/// DEL, the byte-order mark, the two non-characters XML forbids, and the invisible marks that
/// turn text right to left (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F): Vietnamese never
/// needs them, and they make a printed name read otherwise than it is stored. Likewise the
/// invisible breaks Word and web pages leave in copied text — zero-width space (U+200B),
/// soft hyphen (U+00AD), word joiner (U+2060) — which hide a name from a search or a check
/// ("Sở\u{200B} Y tế" is not "Sở Y tế"). The zero-width joiner stays: emoji need it.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{FEFF}'
                | '\u{FFFE}'
                | '\u{FFFF}'
                | '\u{00AD}'
                | '\u{200B}'
                | '\u{2060}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

fn needs_cleaning(s: &str) -> bool {
    !unicode_normalization::is_nfc(s) || s.chars().any(forbidden)
}

/// NFC, "\r\n" and a lone "\r" as "\n", and no forbidden character (see `forbidden`).
pub fn clean(s: &str) -> String {
    if !needs_cleaning(s) {
        return s.to_string();
    }
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !forbidden(*c))
        .nfc()
        .collect()
}

/// The text on one line, cut after `max` characters with "…": how a long text is quoted in
/// a message or a form.
pub fn shortened(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max).collect::<String>())
    }
}

/// Lower case, no diacritics, "đ" → "d", runs of non-alphanumerics → one space:
/// "Sở Y tế" and "so y te" fold to the same key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_diacritics_and_case() {
        assert_eq!(fold("Sở Y tế"), "so y te");
        assert_eq!(fold("ĐẮK LẮK"), "dak lak");
        assert_eq!(fold("Sở TT&TT"), "so tt tt");
    }

    #[test]
    fn clean_drops_control_characters_and_keeps_lines_and_tabs() {
        assert_eq!(clean("A\u{1}B\u{B}C\u{0}D"), "ABCD");
        assert_eq!(
            clean("\u{FEFF}Dòng một\r\nDòng hai\rba\tbốn"),
            "Dòng một\nDòng hai\nba\tbốn"
        );
        assert_eq!(clean("Tie\u{302}\u{301}p"), "Tiếp");
        // Marks that would print a name right to left, invisibly.
        assert_eq!(clean("Sở \u{202E}Y tế\u{2066}\u{200F}"), "Sở Y tế");
        assert_eq!(clean("Sở\u{200B} Y\u{00AD} tế\u{2060}"), "Sở Y tế");
        assert_eq!(clean("👩\u{200D}💻"), "👩\u{200D}💻");
        let v = vec![serde_json::json!({ "title": "x\u{7}y" })];
        assert_eq!(clean_all(&v).unwrap()[0]["title"], "xy");
    }

    #[test]
    fn cleaned_borrows_a_clean_value_and_cleans_any_other() {
        let tidy = vec![("Sở Y tế".to_string(), "a\tb\nc".to_string())];
        assert!(matches!(
            cleaned(&tidy).unwrap(),
            std::borrow::Cow::Borrowed(_)
        ));
        for dirty in [
            "Sơ\u{309} Y tê\u{301}",
            "dòng\r\nmới",
            "a\u{1}b",
            "a\u{85}b",
            "\u{feff}đầu",
            "a\u{ffff}",
        ] {
            let v = vec![(dirty.to_string(), String::new())];
            let out = cleaned(&v).unwrap();
            assert!(matches!(out, std::borrow::Cow::Owned(_)), "{dirty:?}");
            assert_eq!(out[0].0, clean(dirty), "{dirty:?}");
        }
        // A key (an id typed by a person) is checked too.
        let keyed: std::collections::BTreeMap<String, u8> = [("Sơ\u{309}".to_string(), 1)].into();
        assert!(matches!(
            cleaned(&keyed).unwrap(),
            std::borrow::Cow::Owned(_)
        ));
    }

    #[test]
    fn clean_all_normalises_nested_strings() {
        let decomposed = "Quy\u{0309}ng"; // "Quỷng" typed as base + combining hook
        let v = vec![vec![decomposed.to_string()]];
        let n = clean_all(&v).unwrap();
        assert_eq!(n[0][0], "Qu\u{1EF7}ng");
    }
}
