//! Company forms: the words a registered name carries and a short name leaves out
//! (`Limited`, `Co., Ltd.`, `有限公司`, a leading `深圳市`). Filings, contracts and news
//! give the full legal name; records often hold the name people use. A query that finds
//! nothing as typed is tried again without them (see [`super::Query::tolerant`]), and the
//! query's notice says what was left out, so the answer does not read as the name as typed.
//!
//! Also the words registered names spell two ways, British and American (`Jewellery`,
//! `Jewelry`: the data has both): a query's word matches either spelling; a term in
//! traditional characters matches as simplified; and a Shenzhen district's Chinese name
//! as its English one ([`other_forms`]).

use super::term::Term;

/// English company forms, in lower case: a word of only these (split at punctuation,
/// `co.,ltd.`) is one.
const ENGLISH: [&str; 10] = [
    "limited",
    "ltd",
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "llc",
    "plc",
];

/// Chinese company forms at the end of a name, longest first (in simplified characters:
/// a traditional term is shortened in its simplified form).
const SUFFIXES: [&str; 5] = ["股份有限公司", "有限责任公司", "有限公司", "分公司", "公司"];

/// Places a registered name starts with, longest first. Not `中国`, which starts brands
/// (`中国黄金`), nor `香港`, which starts names of the Hong Kong parents.
const PREFIXES: [&str; 4] = ["广东省", "深圳市", "广东", "深圳"];

/// [`PREFIXES`] in English, as [`name_key`] reads a name's words (small letters).
const ENGLISH_PLACES: [&str; 2] = ["guangdong", "shenzhen"];

/// Words spelt two ways in company names, British first.
const SPELLINGS: [(&str, &str); 6] = [
    ("jewellery", "jewelry"),
    ("jeweller", "jeweler"),
    ("jewellers", "jewelers"),
    ("centre", "center"),
    ("colour", "color"),
    ("coloured", "colored"),
];

/// The word's other spelling (`Jewelry` → `Jewellery`), in the word's own case: first
/// capital, all capitals or none (a word in other mixed case asks for itself as written).
pub(super) fn other_spelling(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    let rest_lower = word.chars().skip(1).all(|c| !c.is_ascii_uppercase());
    let all_upper = word.chars().all(|c| !c.is_ascii_lowercase());
    if !rest_lower && !all_upper {
        return None;
    }
    let other = SPELLINGS.iter().find_map(|&(uk, us)| {
        if lower == uk {
            Some(us)
        } else {
            (lower == us).then_some(uk)
        }
    })?;
    let mut chars = word.chars();
    let first_capital = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    let all_capitals = first_capital && chars.all(|c| c.is_ascii_uppercase());
    Some(if all_capitals {
        other.to_ascii_uppercase()
    } else if first_capital {
        let mut out = other.to_owned();
        out[..1].make_ascii_uppercase();
        out
    } else {
        other.to_owned()
    })
}

/// Whether a word is an English company form (`Limited`, `Co.,`, `Ltd.`, `co.,ltd`).
pub(super) fn is_english_form(word: &str) -> bool {
    let mut parts = word
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .peekable();
    parts.peek().is_some() && parts.all(|p| ENGLISH.iter().any(|form| p.eq_ignore_ascii_case(form)))
}

/// Whether a name's last word (split at punctuation but brackets) is a company form:
/// English (`Limited`, `Ltd.)`) or a Chinese name ending in one (`…有限公司`).
pub(crate) fn is_company_form(word: &str) -> bool {
    is_english_form(&word.replace(['(', ')'], "")) || SUFFIXES.iter().any(|s| word.ends_with(s))
}

/// A name without the places a registered name starts with (`深圳市`, `广东深圳`).
pub(crate) fn after_places(name: &str) -> &str {
    let mut rest = name;
    while let Some(stem) = PREFIXES.iter().find_map(|p| rest.strip_prefix(p)) {
        rest = stem;
    }
    rest
}

/// A registered Chinese name without its company form, its place in brackets and its
/// leading places (`深圳市周大福珠宝金行(深圳)有限公司` → `周大福珠宝金行`); `None` when
/// it ends in no company form (`深圳珠宝` is a name), or too little would be left to be
/// a name (two chars).
pub(super) fn short_han(word: &str) -> Option<String> {
    let mut rest = SUFFIXES.iter().find_map(|s| word.strip_suffix(s))?;
    // A place in brackets before the form: `(深圳)`, after width folding.
    if rest.ends_with(')')
        && let Some(open) = rest.rfind('(')
        && PREFIXES
            .iter()
            .any(|p| rest[open + 1..rest.len() - 1] == **p || rest[open + 1..].starts_with(p))
    {
        rest = &rest[..open];
    }
    // `广东省深圳市…`.
    while let Some(stem) = PREFIXES.iter().find_map(|p| rest.strip_prefix(p)) {
        rest = stem;
    }
    (rest.chars().count() >= 2).then(|| rest.to_owned())
}

/// The other forms a term also means: in simplified characters, or its other spelling
/// (British or American); and a Shenzhen district's Chinese name its English one (罗湖,
/// 罗湖区: luohu), since a place is known, not guessed: "Luohu District" is 罗湖 as typed.
pub(super) fn other_forms(term: &Term) -> Vec<Term> {
    let mut alts: Vec<Term> = simplified(term)
        .or_else(|| other_spelling(&term.raw).map(|w| super::term::term(&w, term.mode, term.negated, term.field)))
        .into_iter()
        .collect();
    // Read as written only: a district's English name is no pinyin for other Chinese
    // text (`longhua` would read 兴龙黄金 as 龙华), nor spelled for typos.
    alts.extend(
        crate::data::places::english_for(&fast2s::convert(&term.raw))
            .map(|en| super::term::written_only(&en, term.mode, term.negated, term.field)),
    );
    alts
}

pub(super) fn simplified(term: &Term) -> Option<Term> {
    if term.raw.is_ascii() {
        return None;
    }
    let converted = fast2s::convert(&term.raw);
    (converted != term.raw && converted.chars().count() == term.raw.chars().count())
        .then(|| super::term::term(&converted, term.mode, term.negated, term.field))
}

/// A name as a registry screen compares it: width folded, in simplified characters and
/// small letters, its British spellings American, without spaces or punctuation, and
/// without its company forms, a place in brackets before them and its leading places
/// (`Chow Tai Fook Jewellery Group Limited` and `CHOW TAI FOOK JEWELRY GROUP` are one
/// key; `深圳市金雅福控股集团有限公司` and `深圳金雅福控股集团有限公司` another). Equal keys
/// are the same name, letter for letter: a near spelling or a name one word short is not.
#[must_use]
pub fn name_key(name: &str) -> String {
    let folded: String = fast2s::convert(&name.chars().map(crate::search::fold::width).collect::<String>());
    let mut words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '(' && c != ')')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // Trailing English forms (`Co., Ltd.` is two words).
    while words
        .last()
        .is_some_and(|w| is_english_form(&w.replace(['(', ')'], "")))
    {
        words.pop();
    }
    // English places as the Chinese ones below: a place in brackets before the forms
    // (`… Jewellery (Shenzhen) Co., Ltd.`), and leading places (`Shenzhen Jieworui
    // Jewelry` is the `Jieworui Jewelry` a screen lists), a name being left.
    while words.len() > 1
        && words
            .last()
            .and_then(|w| w.strip_prefix('(')?.strip_suffix(')'))
            .is_some_and(|w| ENGLISH_PLACES.contains(&w))
    {
        words.pop();
    }
    while words.len() > 1 && ENGLISH_PLACES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    let mut key = String::new();
    for word in words {
        let word = SPELLINGS
            .iter()
            .find_map(|&(uk, us)| (word == uk).then(|| us.to_owned()))
            .unwrap_or(word);
        key.push_str(&word);
    }
    let key = short_han(&key).unwrap_or(key);
    // A name with no form may still start with a place (`深圳金雅福`).
    let mut rest = key.as_str();
    while let Some(stem) = PREFIXES.iter().find_map(|p| rest.strip_prefix(p)) {
        rest = stem;
    }
    let rest = if rest.chars().count() >= 2 { rest } else { key.as_str() };
    rest.replace(['(', ')'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_forms_in_any_case_and_punctuation() {
        for word in ["Limited", "LTD.", "co.,", "Co.,Ltd.", "corp", "Inc.", "PLC"] {
            assert!(is_english_form(word), "{word}");
        }
        for word in ["gold", "group", "holdings", "cohen", "", ".,", "ltd-gold"] {
            assert!(!is_english_form(word), "{word}");
        }
    }

    #[test]
    fn other_spellings_keep_the_case() {
        assert_eq!(other_spelling("jewelry").as_deref(), Some("jewellery"));
        assert_eq!(other_spelling("Jewellery").as_deref(), Some("Jewelry"));
        assert_eq!(other_spelling("JEWELRY").as_deref(), Some("JEWELLERY"));
        assert_eq!(other_spelling("jewel"), None);
        assert_eq!(other_spelling("JEwellery"), None);
        assert_eq!(other_spelling("gold"), None);
    }

    #[test]
    fn english_places_come_off_a_name_key_as_chinese_ones_do() {
        let key = name_key("Jieworui Jewelry Co., Ltd.");
        assert_eq!(key, "jieworuijewelry");
        assert_eq!(name_key("Shenzhen Jieworui Jewelry Co., Ltd."), key);
        assert_eq!(name_key("SHENZHEN JIEWORUI JEWELLERY"), key);
        assert_eq!(name_key("Guangdong Shenzhen Jieworui Jewelry Limited"), key);
        assert_eq!(name_key("深圳市杰我睿珠宝有限公司"), name_key("杰我睿珠宝"));
        assert_eq!(
            name_key("Chow Tai Fook Jewellery (Shenzhen) Co., Ltd."),
            name_key("Chow Tai Fook Jewelry Co., Ltd.")
        );
        // A place that is the whole name stays; other places are part of the name.
        assert_eq!(name_key("Shenzhen"), "shenzhen");
        assert_ne!(name_key("Shanghai Gold Exchange"), name_key("Shenzhen Gold Exchange"));
        assert_ne!(name_key("Jieworui"), key, "a name a word short is another name");
    }

    #[test]
    fn chinese_forms_and_places_come_off() {
        let short = |w: &str| short_han(w);
        assert_eq!(short("周大福珠宝集团有限公司").as_deref(), Some("周大福珠宝集团"));
        assert_eq!(short("深圳市金雅福控股集团有限公司").as_deref(), Some("金雅福控股集团"));
        assert_eq!(short("周大福珠宝金行(深圳)有限公司").as_deref(), Some("周大福珠宝金行"));
        assert_eq!(short("中国黄金集团股份有限公司").as_deref(), Some("中国黄金集团"));
        assert_eq!(
            short("广东省深圳市金雅福控股集团有限公司").as_deref(),
            Some("金雅福控股集团")
        );
        assert_eq!(short("周大福深圳分公司").as_deref(), Some("周大福深圳"));
        // No company form: a name, places and all; or nothing of a name left.
        assert_eq!(short("周大福"), None);
        assert_eq!(short("深圳珠宝"), None);
        assert_eq!(short("深圳市"), None);
        assert_eq!(short("深圳有限公司"), None);
        assert_eq!(short("深圳市深圳市有限公司"), None);
    }
}
