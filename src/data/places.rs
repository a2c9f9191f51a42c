//! Places named in the data: the Shenzhen district an enterprise's location, tags or
//! registry name (the Enterprises tab's District filter and the `district:` search field
//! read the same answer, so the two never disagree).

use crate::data::model::Enterprise;

/// Shenzhen's districts, as the data may name them: in English (also without the
/// apostrophe) or in Chinese.
pub const DISTRICTS: &[(&str, &str, &str)] = &[
    ("Luohu", "Luohu", "罗湖"),
    ("Futian", "Futian", "福田"),
    ("Nanshan", "Nanshan", "南山"),
    ("Yantian", "Yantian", "盐田"),
    ("Bao'an", "Baoan", "宝安"),
    ("Longgang", "Longgang", "龙岗"),
    ("Longhua", "Longhua", "龙华"),
    ("Pingshan", "Pingshan", "坪山"),
    ("Guangming", "Guangming", "光明"),
    ("Dapeng", "Dapeng", "大鹏"),
];

/// The Shenzhen districts an enterprise's location, registered address, registry district or tags name, in the
/// order of the district list: in a text a name counts as a whole word (case aside); a tag
/// counts when it is the name (a tag such as `luohu-2007-article` names a document, not a
/// place). Allocation-free but for the answer: the filter counts it for every row, so
/// most words are ruled out by their first byte alone ([`district_bit`]).
#[must_use]
pub fn districts(e: &Enterprise) -> Vec<&'static str> {
    let mut found = 0;
    for text in [e.location.as_deref(), e.address()].into_iter().flatten() {
        found |= named_in(text);
    }
    // A registry's district, in Shenzhen (a 龙华区 is in Haikou too).
    if let Some(r) = e.registry.as_deref()
        && let Some(district) = r.district.as_deref()
        && r.city
            .as_deref()
            .is_none_or(|c| c.contains("深圳") || c.contains("Shenzhen"))
    {
        found |= named_in(district);
    }
    for tag in &e.tags {
        found |= district_bit(tag.as_bytes());
    }
    DISTRICTS
        .iter()
        .enumerate()
        .filter(|(i, _)| found & (1 << i) != 0)
        .map(|(_, (en, _, _))| *en)
        .collect()
}

/// The districts a text names, one bit each: whole words (case aside), and Chinese names
/// anywhere, since Chinese runs on without spaces.
fn named_in(text: &str) -> u16 {
    let mut found = 0;
    if text.is_ascii() {
        // One byte a character: the same words as below, without decoding.
        for word in text.as_bytes().split(|b| !WORD_BYTE[usize::from(*b)]) {
            found |= district_bit(word);
        }
    } else {
        for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            found |= district_bit(word.as_bytes());
        }
        // 罗湖 in 深圳市罗湖区水贝二路.
        for (i, (_, _, zh)) in DISTRICTS.iter().enumerate() {
            if text.contains(zh) {
                found |= 1 << i;
            }
        }
    }
    found
}

/// The bytes of a word in ASCII text: what `char::is_alphanumeric` and the apostrophe
/// (Bao'an) give for ASCII, looked up rather than computed.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b: u8 = 0;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric() || b == b'\'';
        b += 1;
    }
    table
};

/// For each first byte of a word (ASCII letters folded to lower case), the districts
/// whose names can begin with it, one bit each.
const BY_FIRST_BYTE: [u16; 256] = {
    assert!(DISTRICTS.len() <= 16, "one bit a district");
    let mut table = [0; 256];
    let mut i = 0;
    while i < DISTRICTS.len() {
        let (en, plain, zh) = DISTRICTS[i];
        let names = [en, plain, zh];
        let mut j = 0;
        while j < names.len() {
            table[names[j].as_bytes()[0].to_ascii_lowercase() as usize] |= 1 << i;
            j += 1;
        }
        i += 1;
    }
    table
};

/// The bit of the district `word` names (English case aside), or 0. Names differ, so
/// a word names at most one; most words share no first byte with any and cost a look-up.
fn district_bit(word: &[u8]) -> u16 {
    let Some(first) = word.first() else {
        return 0;
    };
    let mut candidates = BY_FIRST_BYTE[usize::from(first.to_ascii_lowercase())];
    while candidates != 0 {
        let bit = candidates & candidates.wrapping_neg();
        candidates ^= bit;
        let (en, plain, zh) = DISTRICTS[bit.trailing_zeros() as usize];
        if word.eq_ignore_ascii_case(en.as_bytes())
            || word.eq_ignore_ascii_case(plain.as_bytes())
            || word == zh.as_bytes()
        {
            return bit;
        }
    }
    0
}

/// A district's full name in Chinese (罗湖区 for Luohu; 大鹏新区, a new district): what a
/// Chinese reader types for it, and what the search field `district:` offers besides
/// the English name (罗湖 is the start of it).
#[must_use]
pub fn chinese_full(en: &str) -> Option<&'static str> {
    Some(match en {
        "Luohu" => "罗湖区",
        "Futian" => "福田区",
        "Nanshan" => "南山区",
        "Yantian" => "盐田区",
        "Bao'an" => "宝安区",
        "Longgang" => "龙岗区",
        "Longhua" => "龙华区",
        "Pingshan" => "坪山区",
        "Guangming" => "光明区",
        "Dapeng" => "大鹏新区",
        _ => return None,
    })
}

/// Whether a (lower-case, simplified) term can name a Shenzhen district: the start of
/// its English name (`luohu`, `bao'an`, `baoan`), or of its full Chinese name, two chars
/// at least (罗湖, 罗湖区; not 罗 alone, nor 湖区). Only such a term is looked for among
/// an enterprise's districts.
#[must_use]
pub fn may_name_district(term: &str) -> bool {
    !term.is_empty()
        && (english_for(term).is_some()
            || DISTRICTS.iter().any(|(en, plain, _)| {
                en.to_ascii_lowercase().starts_with(term) || plain.to_ascii_lowercase().starts_with(term)
            }))
}

/// The English name, in small letters, of the district a Chinese term names: its short
/// or full Chinese name or the start of it, two chars at least (罗湖, 罗湖区 → `luohu`;
/// 宝安 → `bao'an`). `None` for anything else (罗 alone, 湖区).
#[must_use]
pub fn english_for(term: &str) -> Option<String> {
    if term.chars().count() < 2 {
        return None;
    }
    DISTRICTS
        .iter()
        .find(|(en, _, _)| chinese_full(en).is_some_and(|full| full.starts_with(term)))
        .map(|(en, _, _)| en.to_ascii_lowercase())
}

/// Where a leading place name ends, in chars, when something follows it: 深圳市,
/// 惠州市, 广东省深圳市, 深圳市罗湖区 (a run of Chinese chars, as `han` tells them, up to
/// the last 省, 市, 区 or 县 among the first ten, at least two chars in, and not 市场, a
/// market). Search reads names from after it (`search::pinyin`), and layers compare
/// names without it.
pub fn leading_place(text: &str, han: impl Fn(char) -> bool) -> Option<usize> {
    const PLACE_CHARS: usize = 10;
    let mut end = None;
    let mut chars = text.chars().take(PLACE_CHARS).enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if !han(c) {
            break;
        }
        let next = chars.peek().map(|(_, n)| *n);
        if i >= 2 && matches!(c, '省' | '市' | '区' | '县') && next != Some('场') {
            end = Some(i + 1);
        }
    }
    // Only when something follows it.
    end.filter(|e| text.chars().nth(*e).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_may_name_a_district_by_its_start_or_its_chinese() {
        for term in [
            "luohu",
            "luo",
            "baoan",
            "bao'an",
            "罗湖",
            "罗湖区",
            "龙岗区",
            "大鹏新区",
        ] {
            assert!(may_name_district(term), "{term}");
        }
        for term in ["", "金华龙", "shuibei", "罗湖街", "uohu", "罗", "湖区"] {
            assert!(!may_name_district(term), "{term}");
        }
    }

    #[test]
    fn a_chinese_district_name_has_its_english_one() {
        assert_eq!(english_for("罗湖").as_deref(), Some("luohu"));
        assert_eq!(english_for("罗湖区").as_deref(), Some("luohu"));
        assert_eq!(english_for("宝安区").as_deref(), Some("bao'an"));
        for term in ["罗", "湖区", "罗湖街道", "水贝", "luohu"] {
            assert_eq!(english_for(term), None, "{term}");
        }
    }

    #[test]
    fn every_district_has_its_full_chinese_name() {
        for (en, _, zh) in DISTRICTS {
            let full = chinese_full(en).unwrap_or_else(|| panic!("{en}"));
            assert!(full.starts_with(zh) && full.ends_with('区'), "{en}: {full}");
        }
    }

    fn enterprise(location: Option<&str>, tags: &[&str]) -> Enterprise {
        let json = serde_json::json!({"id": "e", "name": "E", "location": location, "tags": tags});
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn districts_come_from_the_location_and_the_tags() {
        assert_eq!(
            districts(&enterprise(Some("Shuibei, Luohu District, Shenzhen"), &[])),
            ["Luohu"]
        );
        assert_eq!(districts(&enterprise(Some("深圳市罗湖区水贝二路"), &[])), ["Luohu"]);
        assert_eq!(districts(&enterprise(None, &["luohu"])), ["Luohu"]);
        assert_eq!(
            districts(&enterprise(Some("HQ in Luohu (moving to Yantian)"), &[])),
            ["Luohu", "Yantian"]
        );
        assert_eq!(districts(&enterprise(Some("Baoan District"), &[])), ["Bao'an"]);
        assert!(districts(&enterprise(Some("Shenzhen (district not stated)"), &[])).is_empty());
        assert!(
            districts(&enterprise(Some("Luohuan Road"), &[])).is_empty(),
            "whole words only"
        );
        assert!(
            districts(&enterprise(Some("Shanghai"), &["luohu-2007-article"])).is_empty(),
            "a tag naming a document is not a place"
        );
    }

    /// A registry's district counts when it is in Shenzhen: the District filter and
    /// `district:` then agree on imported registries too.
    #[test]
    fn a_registry_district_in_shenzhen_counts() {
        let registered = |city: &str| -> Enterprise {
            serde_json::from_value(serde_json::json!({"id": "e", "name": "E",
                "registry": {"city": city, "district": "龙华区"}}))
            .unwrap()
        };
        assert_eq!(districts(&registered("深圳市")), ["Longhua"]);
        assert!(districts(&registered("海口市")).is_empty(), "Haikou has a 龙华区 too");
    }

    /// `districts` as first written: every word compared with every name. The look-up
    /// tables must not change an answer.
    fn districts_by_definition(e: &Enterprise) -> Vec<&'static str> {
        let mut found = [false; DISTRICTS.len()];
        let is = |word: &str, (en, plain, zh): &(&str, &str, &str)| {
            word.eq_ignore_ascii_case(en) || word.eq_ignore_ascii_case(plain) || word == *zh
        };
        for text in [e.location.as_deref(), e.address()].into_iter().flatten() {
            for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
                for (i, district) in DISTRICTS.iter().enumerate() {
                    found[i] |= is(word, district);
                }
            }
            if !text.is_ascii() {
                for (i, (_, _, zh)) in DISTRICTS.iter().enumerate() {
                    found[i] |= text.contains(zh);
                }
            }
        }
        for tag in &e.tags {
            for (i, district) in DISTRICTS.iter().enumerate() {
                found[i] |= is(tag, district);
            }
        }
        DISTRICTS
            .iter()
            .zip(found)
            .filter(|(_, f)| *f)
            .map(|((en, _, _), _)| *en)
            .collect()
    }

    #[test]
    fn the_fast_district_test_agrees_with_the_definition() {
        let mut locations: Vec<String> = [
            "Shuibei, Luohu District, Shenzhen",
            "LUOHU",
            "luohu",
            "lUoHu district",
            "Luohuan Road",
            "Luohu1 Road",
            "Luohu's market",
            "Bao'an",
            "Baoan District",
            "BAO'AN",
            "bao'an, Shenzhen",
            "Bao-an",
            "'Baoan'",
            "Futian/Nanshan;Yantian",
            "Longgang Longhua Longhuaxi Pingshan Guangming Dapeng",
            "District Road North Zone Industrial",
            "深圳市罗湖区水贝二路",
            "广东省深圳市福田区",
            "罗湖",
            "Luohu区",
            "Luohué Road",
            "Futian，罗湖",
            "Nanshan（南山）",
            "宝安 Bao'an",
            "",
            "   ",
        ]
        .map(str::to_owned)
        .to_vec();
        // Every ASCII character between two names: the bytes that make a word must be
        // those `char::is_alphanumeric` and the apostrophe make one.
        for b in 0..128_u8 {
            let c = char::from(b);
            locations.push(format!("Luohu{c}Futian"));
            locations.push(format!("{c}Nanshan{c}"));
        }
        let tag_sets: &[&[&str]] = &[
            &[],
            &["luohu"],
            &["LUOHU", "bao'an"],
            &["Baoan"],
            &["福田"],
            &["luohu-2007-article", "luohuan", "Luohu "],
            &["dapeng", "gold"],
        ];
        for location in locations.iter().map(|l| Some(l.as_str())).chain([None]) {
            for tags in tag_sets {
                let e = enterprise(location, tags);
                assert_eq!(districts(&e), districts_by_definition(&e), "{location:?} {tags:?}");
            }
        }
    }
}
