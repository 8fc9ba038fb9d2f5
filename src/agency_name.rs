//! How agency names are compared: one key for every way of writing one agency ("Sở TT&TT",
//! "Sở Thông tin và Truyền thông", "các Sở Thông tin và Truyền thông"), and one collective
//! agency for every way of naming all the districts' or all the communes' committees. Used by
//! the catalogues, the checks and the importers alike.

use crate::text::fold;

/// Abbreviations in agency names, folded: "Sở TT&TT" and "Sở Thông tin và Truyền thông"
/// fold to the same key.
const ABBREVIATIONS: [(&str, &str); 16] = [
    ("tt tt", "thong tin va truyen thong"),
    ("tttt", "thong tin va truyen thong"),
    ("kh dt", "ke hoach va dau tu"),
    ("kh cn", "khoa hoc va cong nghe"),
    ("gd dt", "giao duc va dao tao"),
    ("gd va dt", "giao duc va dao tao"),
    ("gtvt", "giao thong van tai"),
    ("vh tt dl", "van hoa the thao va du lich"),
    ("nn ptnt", "nong nghiep va phat trien nong thon"),
    ("tn mt", "tai nguyen va moi truong"),
    ("nn mt", "nong nghiep va moi truong"),
    ("ld tb xh", "lao dong thuong binh va xa hoi"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("vp", "van phong"),
    ("dn", "doanh nghiep"),
];

/// The key agencies are matched on: folded, abbreviations expanded, "các" dropped.
pub fn agency_key(name: &str) -> String {
    let mut s = format!(" {} ", fold(name));
    for (short, long) in ABBREVIATIONS {
        s = s.replace(&format!(" {short} "), &format!(" {long} "));
    }
    let key = s
        .split_whitespace()
        .filter(|w| *w != "cac")
        .collect::<Vec<_>>()
        .join(" ");
    local_level(&key).map_or(key, str::to_string)
}

const DISTRICT_LEVEL: &str = "uy ban nhan dan cap huyen";
const COMMUNE_LEVEL: &str = "uy ban nhan dan cap xa";

/// The many ways of naming every district's or every commune's People's Committee ("UBND
/// cấp huyện", "UBND các huyện, thị xã, thành phố", "các xã, phường, thị trấn", "cấp xã")
/// are one collective agency each.
pub fn local_level(key: &str) -> Option<&'static str> {
    let (bare, rest) = match key.strip_prefix("uy ban nhan dan ") {
        Some(r) => (false, r),
        None => (true, key),
    };
    let words: Vec<&str> = rest.split(' ').collect();
    // Bare, only a level ("cấp xã") or a list of unit kinds ("huyện, thị xã, thành phố").
    if bare && !matches!(words.first(), Some(&"cap" | &"huyen" | &"xa")) {
        return None;
    }
    let within = |allowed: &[&str]| words.iter().all(|w| allowed.contains(w));
    if words.contains(&"huyen")
        && !rest.contains("cap xa")
        && within(&["cap", "huyen", "quan", "thi", "xa", "thanh", "pho"])
    {
        Some(DISTRICT_LEVEL)
    } else if (words.contains(&"xa") || words.contains(&"phuong"))
        && within(&["cap", "xa", "phuong", "thi", "tran", "dac", "khu"])
        && words != ["thi", "xa"]
    {
        Some(COMMUNE_LEVEL)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_the_district_and_commune_committees_is_one_agency() {
        let district = [
            "UBND cấp huyện",
            "UBND các huyện, thị xã, thành phố",
            "Ủy ban nhân dân các huyện, thành phố",
            "các huyện, thị xã, thành phố",
            "cấp huyện",
        ];
        for d in district {
            assert_eq!(agency_key(d), DISTRICT_LEVEL, "{d}");
        }
        let commune = [
            "UBND cấp xã",
            "Ủy ban nhân dân các xã, phường, đặc khu",
            "UBND các xã, phường, thị trấn",
            "cấp xã",
        ];
        for c in commune {
            assert_eq!(agency_key(c), COMMUNE_LEVEL, "{c}");
        }
        // A named town or a provincial body is not a level.
        for other in ["UBND thị xã Đức Phổ", "UBND tỉnh", "Xã hội học", "thị xã"]
        {
            assert!(local_level(&agency_key(other)).is_none(), "{other}");
        }
    }
}
