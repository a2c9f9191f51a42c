//! Whether a text mentions something in a negated clause: "no 中国驰名商标 statement was
//! found", "the sources do not place it in Luohu", "Shenzhen (Shuibei not stated)". Such a
//! mention says the record lacks what the query names, so it ranks below every record that
//! has it (`rank::Tier::Negated`); it still matches, and the "why" says so.
//!
//! A clause runs between punctuation (`. ; : , ( ) [ ]`, their fullwidth forms, dashes) and
//! the word "but"; it is negated when it holds a negation word. Deliberately plain: a
//! cue in the same clause, no parsing. The data's summaries state what the sources do not
//! say in exactly this way.

/// English words that negate their clause (lower case); words ending in "n't" do too.
const CUES: &[&str] = &[
    "no",
    "not",
    "never",
    "none",
    "neither",
    "nor",
    "without",
    "unverified",
    "unconfirmed",
    "unstated",
    "cannot",
];

/// Chinese words that negate their clause.
const CUES_ZH: &[&str] = &[
    "没有",
    "并非",
    "不是",
    "不属于",
    "未经",
    "尚未",
    "未被",
    "未获",
    "未能",
    "无法",
];

fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ';'
            | ':'
            | ','
            | '('
            | ')'
            | '['
            | ']'
            | '!'
            | '?'
            | '—'
            | '–'
            | '。'
            | '；'
            | '：'
            | '，'
            | '、'
            | '（'
            | '）'
            | '！'
            | '？'
    )
}

/// Whether the clause holding chars `start..start + len` of `text` is negated.
#[must_use]
pub fn negated(text: &str, start: usize, len: usize) -> bool {
    // Most values hold no cue at all: every English cue has an `n`, every Chinese one one
    // of these chars.
    if !text.bytes().any(|b| b | 0x20 == b'n') && !text.contains(['没', '非', '不', '未', '无']) {
        return false;
    }
    // The clause: byte bounds around the match.
    let (mut from, mut at, mut to) = (0, text.len(), text.len());
    let mut end = text.len();
    for (i, (byte, c)) in text.char_indices().enumerate() {
        if i == start {
            at = byte;
        }
        if i == start + len {
            end = byte;
        }
        if ends_clause(c) {
            if i < start {
                from = byte + c.len_utf8();
            } else if i >= start + len {
                to = byte;
                break;
            }
        }
    }
    let end = end.max(at).min(to);
    // "but" starts a new clause: "holders but does not state the mark" negates the mark,
    // not the holders.
    let mut lo = from;
    let mut hi = to;
    for (begin, word) in words(&text[from..to]) {
        let begin = from + begin;
        if word.eq_ignore_ascii_case("but") {
            if begin < at {
                lo = begin + word.len();
            } else if begin >= end && begin < hi {
                hi = begin;
            }
        }
    }
    let clause = &text[lo..hi.max(lo)];
    let words: Vec<&str> = words(clause).map(|(_, w)| w).collect();
    words.iter().enumerate().any(|(i, w)| {
        let cue = CUES.iter().any(|cue| w.eq_ignore_ascii_case(cue))
            || w.len() > 3 && (w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"n't") || w.ends_with("n’t"));
        cue && !words.get(i + 1).is_some_and(|next| changes_or_adds(w, next))
    }) || CUES_ZH.iter().any(|cue| clause.contains(cue))
}

/// Cues that say what changed or what comes on top, not what is absent: "since the gold
/// tax change Shuibei no longer priced … apart" still speaks of the tax change, and "not
/// only in Shuibei" of Shuibei.
fn changes_or_adds(cue: &str, next: &str) -> bool {
    (cue.eq_ignore_ascii_case("no") && next.eq_ignore_ascii_case("longer"))
        || (cue.eq_ignore_ascii_case("not") && (next.eq_ignore_ascii_case("only") || next.eq_ignore_ascii_case("just")))
}

/// The ASCII words of a text (apostrophes kept: "doesn't"), with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '\'' || c == '’';
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.next_if(|(_, c)| !is_word(*c)).is_some() {}
        let (begin, _) = *rest.peek()?;
        let mut end = begin;
        while let Some((i, c)) = rest.next_if(|(_, c)| is_word(*c)) {
            end = i + c.len_utf8();
        }
        Some((begin, &text[begin..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::negated;

    fn at(text: &str, word: &str) -> bool {
        let byte = text.find(word).expect("the word is in the text");
        let start = text[..byte].chars().count();
        negated(text, start, word.chars().count())
    }

    #[test]
    fn negation_words_negate_their_clause_only() {
        let s = "Its JNA award is a company award; no 中国名牌 or 中国驰名商标 statement was found.";
        assert!(at(s, "驰名商标"));
        assert!(!at(s, "JNA"));
        assert!(at("Shenzhen (Shuibei not stated)", "Shuibei"));
        assert!(!at("Shenzhen (Shuibei not stated)", "Shenzhen"));
        assert!(at("The sources do not place it in Luohu.", "Luohu"));
        assert!(!at(
            "Registered in Luohu (2017); the founding year is not stated.",
            "Luohu"
        ));
        assert!(!at(
            "The owner was a 中国驰名商标 holder by June 2011, but the mark itself is not stated",
            "驰名商标"
        ));
        assert!(!at(
            "The source counts the owner among Shenzhen 中国驰名商标 holders but does not state the mark",
            "驰名商标"
        ));
        assert!(at(
            "This is an association title, not the statutory 中国驰名商标",
            "驰名商标"
        ));
        assert!(at("It doesn't hold a refining licence", "refining"));
        assert!(at("该企业并非水贝企业", "水贝"));
        assert!(!at("No. 3 in the index of 50 brands", "index"));
        assert!(
            !at("Notable brands of Shenzhen", "Shenzhen"),
            "a word that starts with 'no'"
        );
    }

    /// "No longer" and "not only" say what changed or what comes on top: the clause still
    /// speaks of what it names (a trial's `gold tax` event ranked last).
    #[test]
    fn no_longer_and_not_only_negate_nothing() {
        let s = "since the gold tax change of November Shuibei no longer priced gold apart";
        assert!(!at(s, "gold tax"));
        assert!(!at("sold not only in Shuibei but in Hong Kong", "Shuibei"));
        assert!(at("Shuibei no longer hosts it and no refinery is stated", "refinery"));
        assert!(at("not stated whether it is in Shuibei", "Shuibei"));
    }

    /// A typographic apostrophe is three bytes: a word ending in one (`O’Brien’s`) was cut
    /// inside it when its last three bytes were compared with "n't", and the search panicked.
    #[test]
    fn typographic_apostrophes_are_read_whole() {
        assert!(!at("Mr O’Brien’s shop is in Shuibei", "shop"));
        assert!(at("The shop isn’t O’Brien’s", "shop"));
        assert!(at("The shop doesn’t sell gold", "gold"));
    }
}
