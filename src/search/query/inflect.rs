//! English word endings and filler words: a plural also reads as its singular, and the
//! rest is for a query that found nothing as typed.
//!
//! Records are written in full sentences ("Yuebaoxin collapses", "an export-earning
//! pillar"), and people ask in their own words ("collapsed", "exports", "number of
//! enterprises"). A plain word matches a field's words from their start, so a word with
//! an ending the record lacks finds nothing. When nothing matches as typed,
//! [`super::Query::tolerant`] reads such a word by its stem, from a word's start and
//! nowhere else (`collapsed` as `collaps…`, which holds "collapse" and "collapses"), and
//! leaves out the words of a question ("number", "of"), and reads a unit's word as the
//! unit figures are given in (`tons` as `t`); its notice says what it did, so the answer
//! never reads as the query as typed.

/// Words a question is put in that no record's words answer: left out of a query that
/// found nothing as typed, while a word of substance stays (see `Query::tolerant`).
const FILLERS: [&str; 57] = [
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "by", "count", "did", "do", "does", "event", "events",
    "for", "from", "had", "happen", "happened", "happens", "has", "have", "how", "in", "into", "is", "it", "its",
    "many", "much", "number", "numbers", "occur", "occurred", "of", "on", "or", "per", "than", "that", "the", "these",
    "this", "those", "to", "was", "were", "what", "when", "where", "which", "who", "with", "news", "there",
];

/// Words for the units figures are given in, and the unit as the data writes it: whole
/// (`t`, not the start of "trademarks"), or from a word's start (`yuan` is also the
/// `yuan` of `yuan/g`).
const UNITS: [(&str, &str, bool); 15] = [
    ("ton", "t", true),
    ("tons", "t", true),
    ("tonne", "t", true),
    ("tonnes", "t", true),
    ("sqm", "m²", true),
    ("m2", "m²", true),
    ("percent", "%", true),
    ("percentage", "%", true),
    ("gram", "yuan/g", true),
    ("grams", "yuan/g", true),
    ("rmb", "yuan", false),
    ("cny", "yuan", false),
    ("renminbi", "yuan", false),
    ("hkd", "hk$", true),
    ("usd", "us$", true),
];

/// The unit a word names, as the data writes it, and whether it must be the whole unit
/// ([`UNITS`]): `tons` is `t`.
pub(super) fn unit(word: &str) -> Option<(&'static str, bool)> {
    UNITS
        .iter()
        .find(|(w, _, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, unit, whole)| (unit, whole))
}

/// Words that only join a question's words ([`FILLERS`] but `number`, `count`,
/// `event(s)` and `news`, which can name what is asked, and `a` and `an`, which are
/// pinyin):
/// left out of any query that has a word of substance besides them (`gold prices in
/// 2025` asks for no word starting "in").
pub(super) fn is_function_word(word: &str) -> bool {
    is_filler(word)
        && !["number", "numbers", "count", "event", "events", "news", "a", "an"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
}

/// The month an English month's name or its short form names (`January`, `jan`,
/// `Sept`), 1 to 12.
pub(super) fn month(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    let at = MONTHS.iter().position(|m| {
        *m == lower || (lower.len() >= 3 && m.starts_with(&lower) && (lower.len() == 3 || lower == "sept"))
    })?;
    u8::try_from(at + 1).ok()
}

/// Whether a word (as typed) is one a question is put in ([`FILLERS`]), in any case.
pub(super) fn is_filler(word: &str) -> bool {
    FILLERS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// The stem a word with an English ending stands for, to be matched from a word's
/// start: `collapsed` → `collaps`, `exports` → `export`, `companies` → `company`,
/// `stopped` → `stop`, `listing` → `list`. `None` for a word in other than small
/// letters (a capital asks for the word as written), one with no such ending, or one
/// whose stem would be shorter than four letters (`tons` → `ton` would find "Tongling").
///
/// A final `e` the ending leaves goes too where five letters or more stay (`regulates` →
/// `regulat`, which `regulator` and `regulation` start with; `prices` stays `price`, as
/// `pric` or `trad` would start other words).
pub(super) fn stem(word: &str) -> Option<String> {
    let base = base(word)?;
    Some(match base.strip_suffix('e') {
        Some(shorter) if shorter.len() >= 5 => shorter.to_owned(),
        _ => base,
    })
}

/// [`stem`] with its final `e`: the word without its ending.
fn base(word: &str) -> Option<String> {
    if word.len() < 5 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let cut = |n: usize| &word[..word.len() - n];
    let sibilant = |b: &&str| ["s", "x", "z", "ch", "sh"].iter().any(|e| b.ends_with(e));
    let stem = if let Some(base) = word.strip_suffix("ies").or_else(|| word.strip_suffix("ied")) {
        format!("{base}y")
    } else if let Some(base) = word.strip_suffix("es").filter(sibilant) {
        base.to_owned()
    } else if word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e)) {
        cut(1).to_owned()
    } else if let Some(base) = word.strip_suffix("ed").or_else(|| word.strip_suffix("ing")) {
        undoubled(base).to_owned()
    } else {
        return None;
    };
    (stem.len() >= 4).then_some(stem)
}

/// The singular a plural stands for, read from a word's start (`prices` → `price`,
/// `warnings` → `warning`, `companies` → `company`): the plurals of [`stem`], which a
/// query reads as typed too (a plural asks for the thing, not for the word's ending).
///
/// Not where the singular reads as whole pinyin syllables (`zhoudas` is 周大生 being
/// typed, `zhouda` then `s` for 生; `gangs`): there the `s` starts a syllable.
pub(super) fn singular(word: &str) -> Option<String> {
    if !word.ends_with('s') {
        return None;
    }
    base(word).filter(|one| !reads_as_syllables(one))
}

/// The owner a possessive names (`Jieworui's`, `Chow Tai Fook’s` → `Jieworui`, `Fook`),
/// as typed otherwise: records write names without the `'s`.
pub(super) fn possessor(word: &str) -> Option<String> {
    let owner = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))?;
    (owner.chars().count() >= 2 && owner.chars().all(char::is_alphanumeric)).then(|| owner.to_owned())
}

/// Whether a word of small letters is whole pinyin syllables, one after another.
fn reads_as_syllables(word: &str) -> bool {
    let n = word.len();
    // `ends[i]`: the first `i` letters are whole syllables.
    let mut ends = vec![false; n + 1];
    ends[0] = true;
    for i in 0..n {
        if !ends[i] {
            continue;
        }
        for len in 1..=6.min(n - i) {
            if crate::search::pinyin::is_syllable(&word[i..i + len]) {
                ends[i + len] = true;
            }
        }
    }
    ends[n]
}

/// A stem without the consonant an ending doubled (`stopp` of `stopped` → `stop`);
/// `l` and `s` stay doubled (`called`, `passed`), as do vowels.
fn undoubled(base: &str) -> &str {
    let b = base.as_bytes();
    match b {
        [.., x, y] if x == y && b"bdgmnprt".contains(x) => &base[..base.len() - 1],
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_come_off_to_a_stem_of_four_letters_or_more() {
        let cases = [
            ("collapsed", Some("collaps")),
            ("collapses", Some("collaps")),
            ("stores", Some("store")),
            ("exports", Some("export")),
            ("companies", Some("company")),
            ("applied", Some("apply")),
            ("crashes", Some("crash")),
            ("taxes", None),
            ("stopped", Some("stop")),
            ("called", Some("call")),
            ("listing", Some("list")),
            ("planned", Some("plan")),
            ("tons", None),
            ("added", None),
            ("gold", None),
            ("golden", None),
            ("business", None),
            ("status", None),
            ("analysis", None),
            ("Collapsed", None),
            ("金店s", None),
            ("regulates", Some("regulat")),
            ("regulated", Some("regulat")),
            ("prices", Some("price")),
            ("trades", Some("trade")),
            ("issues", Some("issue")),
        ];
        for (word, want) in cases {
            assert_eq!(stem(word).as_deref(), want, "{word}");
        }
    }

    #[test]
    fn unit_words_name_the_units_figures_are_given_in() {
        assert_eq!(unit("Tonnes"), Some(("t", true)));
        assert_eq!(unit("RMB"), Some(("yuan", false)));
        assert_eq!(unit("grams"), Some(("yuan/g", true)));
        assert_eq!(unit("gold"), None);
    }

    #[test]
    fn only_plurals_have_a_singular() {
        assert_eq!(singular("prices").as_deref(), Some("price"));
        assert_eq!(singular("companies").as_deref(), Some("company"));
        assert_eq!(singular("collapsed"), None);
        assert_eq!(singular("listing"), None);
        assert_eq!(singular("news"), None);
        assert_eq!(singular("zhoudas"), None);
        assert_eq!(singular("gangs"), None);
        assert_eq!(singular("warnings").as_deref(), Some("warning"));
    }

    #[test]
    fn a_possessive_names_its_owner() {
        assert_eq!(possessor("Jieworui's").as_deref(), Some("Jieworui"));
        assert_eq!(possessor("fook’s").as_deref(), Some("fook"));
        assert_eq!(possessor("'s"), None);
        assert_eq!(possessor("gold"), None);
    }

    #[test]
    fn months_by_name_and_short_form() {
        assert_eq!(month("January"), Some(1));
        assert_eq!(month("sept"), Some(9));
        assert_eq!(month("Dec."), Some(12));
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("marc"), None);
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("ma"), None);
    }

    #[test]
    fn fillers_in_any_case() {
        for word in ["number", "Of", "THE", "how", "many"] {
            assert!(is_filler(word), "{word}");
        }
        for word in ["gold", "enterprises", "trade", "total", "numbered"] {
            assert!(!is_filler(word), "{word}");
        }
        assert!(is_function_word("in") && is_function_word("The"));
        assert!(!is_function_word("number") && !is_function_word("an"));
        assert!(is_function_word("that") && is_function_word("per") && is_function_word("many"));
    }
}
