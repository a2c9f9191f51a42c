//! The ranking layer above the fuzzy score: a term read as it is written, contiguously
//! or as the initials of words, earns a bonus over a term scattered through the text.
//!
//! `SkimMatcherV2`'s score ([`super::score`]) rewards word starts and punishes gaps, but
//! only char by char: "sge" scores higher scattered over "SDE general" (S and g start
//! words, e follows g) than together in "SGE" (one word start, and three case mismatches). The layer added here
//! is separate and never changes the base score; a match's rank score is
//!
//! ```text
//! base score + form(n)   when the term (n chars, folded) occurs in the text as a
//!                        substring, or as the initials of consecutive words (an
//!                        acronym: "sge" in "Shanghai Gold Exchange")
//! base score             otherwise (scattered)
//! ```
//!
//! and a pinyin match earns `form(n)` when it reads consecutive Chinese chars (see
//! `matcher::pinyin_match`). Anchored terms (`'x`, `^x`, `x$`) and the substring matches
//! of secondary fields are contiguous by definition and earn it too, so every score stays
//! on one scale.
//!
//! Why `form(n) = 8n + 8`: for one term of n chars, the base score of a contiguous match
//! is at least `18n - 5` (first char -1 + 14 with a case mismatch, then +18 per
//! consecutive char), and a match with a gap at most `24n + 3` (the first char 31 at the
//! text's start, +24 per consecutive char, +20 across a gap, at least one gap). The
//! difference, `6n + 8`, is below `form(n)`: **a contiguous match always outranks a
//! scattered one** (tested against random texts). An acronym pays the base score's gap
//! penalties, which grow with the words it skips, so it outranks scattered matches whose
//! advantage is under `form(n)`, which in names is nearly all of them.
//!
//! A term that is a whole word of the name (or reads a whole Chinese name) earns
//! [`word`] on top, more than any difference of coverage: the name that is what was
//! typed leads the names that merely hold it.
//!
//! Typing: both properties pass to a prefix of the term (a prefix of a substring is a
//! substring; of an acronym, an acronym), so appending a char can raise the
//! bonus by `form(n + 1) - form(n) = 8` at most; a whole word is not passed on, so
//! `Query::gain_over` adds both that and `word(n + 1)` to its bound.
//!
//! The char classes of `SkimMatcherV2` live here too: the score's bonuses and the
//! acronym test read the same word starts.

use super::fold::Case;

/// The bonus per char of the term, and once per match.
pub(super) const PER_CHAR: i64 = 8;
const ONCE: i64 = 8;

/// The bonus of a term of `n` chars read as written (contiguously or as initials).
#[must_use]
pub(super) fn form(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX / 64).saturating_mul(PER_CHAR) + ONCE
}

/// The bonus of a term of `n` chars that is a whole word of a name (`gold` in "Twin Gold
/// Co", not in "Golden"; `zhoushisheng` in "Shenzhen Zhoushisheng Diamond"), or the
/// whole of a Chinese name read in full syllables (`zhoudasheng` for 周大生): a name that
/// is what was typed leads names that merely hold it, whatever their lengths, so it is at
/// least [`cover`]'s cap. Without it a reading across the words of another name
/// (`zhoushisheng` in 惠州市生翠, 州市生) outranked the name spelled so, by coverage.
#[must_use]
pub(super) fn word(n: usize) -> i64 {
    i64::try_from(2 * n).unwrap_or(i64::MAX / 4)
}

/// A tie-breaker on the same scale, for names: the share of the text the match covers,
/// worth at most `2n - 1` for a term of n chars (the whole text). "zds" is all of the
/// brand 周大生, a quarter of 周大生珠宝股份有限公司 and a sliver of an event title that
/// mentions it: equal matches otherwise, they now rank in that order. Kept below the
/// margin `2n` by which a contiguous match beats a scattered one (above), so that rule
/// holds whatever the lengths. Typing can raise it by at most its cap for the longer
/// term (`Query::gain_over` adds that).
#[must_use]
pub(super) fn cover(n: usize, covered: usize, len: usize) -> i64 {
    if len == 0 || n == 0 {
        return 0;
    }
    let cap = i64::try_from(2 * n - 1).unwrap_or(i64::MAX / 4);
    let covered = i64::try_from(covered.min(len)).unwrap_or(0);
    cap.saturating_mul(covered) / i64::try_from(len).unwrap_or(i64::MAX)
}

/// The score of a contiguous match, on the fuzzy matcher's scale: what it would give a
/// run of `n` consecutive chars, with its bonus for starting a word (double at the start),
/// and the ranking layer's bonus for a term read as written (above).
pub(super) fn exact_score(text: &str, start: usize, n: usize) -> i64 {
    const SCORE_MATCH: i64 = 16;
    const BONUS_CONSECUTIVE: i64 = 4;
    const BONUS_HEAD: i64 = 8;
    let form = form(n);
    let n = i64::try_from(n).unwrap_or(i64::MAX / 64);
    let head = if start == 0 {
        2 * BONUS_HEAD
    } else if text.chars().nth(start - 1).is_some_and(|c| !c.is_alphanumeric()) {
        BONUS_HEAD
    } else {
        0
    };
    SCORE_MATCH * n + BONUS_CONSECUTIVE * (n - 1) + head + form
}

/// Where a term stands together in an ASCII text of at most 64 chars, from each of its
/// chars' places in the text as bits: bit `i` set when it starts at char `i`.
pub(super) fn together_bits(places: &[u64]) -> u64 {
    let Some((&first, rest)) = places.split_first() else {
        return 0;
    };
    let mut together = first;
    for (i, p) in rest.iter().enumerate() {
        together &= p >> (i + 1);
    }
    together
}

/// Whether a term is read as written in an ASCII text of at most 64 chars, from each of
/// its chars' places in the text as bits (what the scorer found): together, or as the
/// initials of consecutive words ([`acronym`]), without scanning the whole text.
pub(super) fn written_in_bits(text: &[u8], places: &[u64]) -> bool {
    let Some((&first, rest)) = places.split_first() else {
        return true;
    };
    if together_bits(places) != 0 {
        return true;
    }
    // Word starts are looked at only where a char of the term stands: most texts that
    // fail fail at the first char.
    let starts =
        |i: usize| i == 0 || starts_word(type_of_fast(char::from(text[i - 1])), type_of_fast(char::from(text[i])));
    let mut at = 0u64;
    let mut bits = first;
    while bits != 0 {
        let i = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if starts(i) {
            at |= 1 << i;
        }
    }
    // Bit `i` of `at`: the term's chars so far are initials of consecutive words, the
    // last one starting at `i`; the next char must start the next word.
    for p in rest {
        let mut next = 0u64;
        let mut bits = at;
        while bits != 0 {
            let from = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(word) = (from + 1..text.len().min(64)).find(|i| starts(*i))
                && p >> word & 1 != 0
            {
                next |= 1 << word;
            }
        }
        at = next;
        if at == 0 {
            return false;
        }
    }
    at != 0
}

/// Whether the term is the initials of consecutive words of the (folded) text, a word
/// starting where `SkimMatcherV2` gives its head, break or camel-case bonus: "sge" in
/// "Shanghai Gold Exchange" or `ShanghaiGoldExchange`, not in "SDE general-trade imports
/// (end-2017)", whose words S, g, e are not consecutive. The initials are matched as a
/// stream (shift-and), with no buffer.
pub(super) fn acronym(text: &str, ascii: bool, pattern: &[char], case: Case) -> bool {
    if pattern.is_empty() || pattern.len() > 64 {
        return false;
    }
    if ascii {
        initials(text.bytes().map(char::from), pattern, case)
    } else {
        initials(text.chars(), pattern, case)
    }
}

fn initials(chars: impl Iterator<Item = char>, pattern: &[char], case: Case) -> bool {
    let done = 1u64 << (pattern.len() - 1);
    // Bit `i`: the last initials read match the pattern's first `i + 1` chars.
    let mut state = 0u64;
    let mut prev = Type::Empty;
    for c in chars {
        let cur = type_of_fast(c);
        if starts_word(prev, cur) {
            let at = pattern
                .iter()
                .enumerate()
                .filter(|(_, p)| case.eq(c, **p))
                .fold(0u64, |m, (i, _)| m | 1 << i);
            state = ((state << 1) | 1) & at;
            if state & done != 0 {
                return true;
            }
        }
        prev = cur;
    }
    false
}

/// Whether a char of class `cur` after one of class `prev` starts a word: after a
/// separator or at the start, or a capital after a lower-case letter or digit.
pub(super) fn starts_word(prev: Type, cur: Type) -> bool {
    matches!(
        (prev, cur),
        (Type::Empty | Type::HardSep | Type::SoftSep, _) | (Type::Lower | Type::Number, Type::Upper)
    )
}

/// The char classes of `SkimMatcherV2`, which its bonuses (and [`acronym`]) read.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Type {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn type_of(c: char) -> Type {
    match c {
        '\0' => Type::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Type::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Type::SoftSep,
        '0'..='9' => Type::Number,
        'A'..='Z' => Type::Upper,
        _ => Type::Lower,
    }
}

/// [`type_of`] for the ASCII chars, looked up: the bonus of every column is computed from
/// it, and a table beats the chain of range tests.
const ASCII_TYPES: [Type; 128] = {
    let mut table = [Type::Lower; 128];
    let mut b: u8 = 0;
    while b < 128 {
        table[b as usize] = match b {
            0 => Type::Empty,
            b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Type::HardSep,
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Type::SoftSep,
            b'0'..=b'9' => Type::Number,
            b'A'..=b'Z' => Type::Upper,
            _ => Type::Lower,
        };
        b += 1;
    }
    table
};

#[inline]
pub(super) fn type_of_fast(c: char) -> Type {
    ASCII_TYPES.get(c as usize).copied().unwrap_or_else(|| type_of(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_take_word_starts_in_order() {
        let yes =
            |text: &str, p: &str| acronym(text, text.is_ascii(), &p.chars().collect::<Vec<_>>(), Case::Insensitive);
        assert!(yes("Shanghai Gold Exchange", "sge"));
        assert!(yes("shanghai-gold exchange", "sge"));
        assert!(yes("ShanghaiGoldExchange", "sge"));
        assert!(!yes("Finished diamonds vs SDE general", "sge"));
        assert!(!yes("Finished diamonds vs SDE general-trade imports (end-2017)", "sge"));
        assert!(!yes("Shanghai Gold Silver Exchange", "sge"));
        assert!(!yes("Gold Shanghai Exchange", "sge"));
        assert!(yes("深圳 Gold", "深g"));
    }
}
