//! Text hygiene: every string that enters the store is NFC (Vietnamese typed on Windows or
//! pasted from PDF often arrives decomposed), and searches ignore diacritics.

use unicode_normalization::UnicodeNormalization;

/// NFC of every string inside any serde value. One generic pass, so no field can be missed
/// when the model grows.
pub fn nfc_all<T>(value: &T) -> crate::Result<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let mut json = serde_json::to_value(value).map_err(|e| crate::Error::Invalid(e.to_string()))?;
    nfc_json(&mut json);
    serde_json::from_value(json).map_err(|e| crate::Error::Invalid(e.to_string()))
}

pub fn nfc_json(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) if !unicode_normalization::is_nfc(s) => *s = s.nfc().collect(),
        Value::Array(items) => items.iter_mut().for_each(nfc_json),
        Value::Object(map) => {
            // Keys are field names and ids; ids typed by people are normalised too.
            let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            for (k, mut val) in entries {
                nfc_json(&mut val);
                map.insert(k.nfc().collect(), val);
            }
        }
        _ => {}
    }
}

pub fn nfc(s: &str) -> String {
    s.nfc().collect()
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
    fn nfc_all_normalises_nested_strings() {
        let decomposed = "Quy\u{0309}ng"; // "Quỷng" typed as base + combining hook
        let v = vec![vec![decomposed.to_string()]];
        let n = nfc_all(&v).unwrap();
        assert_eq!(n[0][0], "Qu\u{1EF7}ng");
    }
}
