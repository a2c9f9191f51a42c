//! Where a term starts a word of a field value: a word prefix, read byte by byte on
//! ASCII text, with an apostrophe or a hyphen inside a word passed over as people type
//! it.

use crate::search::fold::{self, Case};

/// Where a term starts a word of the (folded) text, from char `from` on: (first char,
/// length in chars). A word starts after a char that is not a letter or digit, at a
/// capital after a lower-case letter, and at and after every Chinese char (Chinese text
/// has no spaces between words).
pub fn word_prefix(text: &str, pat: &[char], case: Case, from: usize) -> Option<(usize, usize)> {
    if text.is_ascii() && !pat.is_empty() {
        return ascii_word_prefix(text.as_bytes(), pat, case, from);
    }
    any_word_prefix(text, pat, case, from)
}

/// [`word_prefix`] on ASCII text, byte by byte: most field values are ASCII, and a field
/// is read for every record whose name misses (a third of a keystroke's time went to
/// decoding chars and asking Unicode's tables about them).
pub(super) fn ascii_word_prefix(text: &[u8], pat: &[char], case: Case, from: usize) -> Option<(usize, usize)> {
    let first = *pat.first()?;
    // No char outside ASCII is equal to an ASCII one, in either case mode.
    if !pat.iter().all(char::is_ascii) || text.len() < pat.len() {
        return None;
    }
    for at in from..=text.len() - pat.len() {
        let c = char::from(text[at]);
        if !case.eq(c, first) {
            continue;
        }
        let starts_word = if c.is_ascii_alphanumeric() {
            at.checked_sub(1)
                .map(|p| char::from(text[p]))
                .is_none_or(|p| !p.is_ascii_alphanumeric() || (p.is_ascii_lowercase() && c.is_ascii_uppercase()))
        } else {
            !c.is_whitespace()
        };
        if starts_word && let Some(len) = ascii_spelled(&text[at..], pat, case) {
            return Some((at, len));
        }
    }
    None
}

/// How many bytes of `text` spell `pat` from its start: char for char, but an apostrophe
/// or a hyphen between two letters of the text may be passed over where the term has none
/// there (`peoples` in "People's Daily", `womens` in "women's", `prepricing` in the tag
/// "pre-pricing"): people type the word without it.
fn ascii_spelled(text: &[u8], pat: &[char], case: Case) -> Option<usize> {
    let mut i = 0;
    for p in pat {
        let mut b = *text.get(i)?;
        if !case.eq(char::from(b), *p) {
            let between_letters = matches!(b, b'\'' | b'-')
                && i > 0
                && text[i - 1].is_ascii_alphabetic()
                && text.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
            if !between_letters {
                return None;
            }
            i += 1;
            b = text[i];
            if !case.eq(char::from(b), *p) {
                return None;
            }
        }
        i += 1;
    }
    Some(i)
}

pub(super) fn any_word_prefix(text: &str, pat: &[char], case: Case, from: usize) -> Option<(usize, usize)> {
    let mut prev: Option<char> = None;
    for (at, (byte, c)) in text.char_indices().enumerate() {
        if at < from {
            prev = Some(c);
            continue;
        }
        let starts_word = if c.is_alphanumeric() {
            prev.is_none_or(|p| {
                !p.is_alphanumeric() || fold::is_han(p) || fold::is_han(c) || (p.is_lowercase() && c.is_uppercase())
            })
        } else {
            // A term may start with a bracket or a dash: `(集团)`, `-gold`.
            !c.is_whitespace()
        };
        if starts_word && let Some(len) = spelled(&text[byte..], pat, case) {
            return Some((at, len));
        }
        prev = Some(c);
    }
    None
}

/// [`ascii_spelled`] on any text, in chars; the typographic apostrophe (’) too.
fn spelled(text: &str, pat: &[char], case: Case) -> Option<usize> {
    let mut chars = text.chars().peekable();
    let (mut taken, mut prev) = (0, None::<char>);
    for p in pat {
        let mut c = chars.next()?;
        taken += 1;
        if !case.eq(c, *p) {
            let between_letters = matches!(c, '\'' | '\u{2019}' | '-')
                && prev.is_some_and(char::is_alphabetic)
                && chars.peek().is_some_and(|n| n.is_alphabetic());
            if !between_letters {
                return None;
            }
            c = chars.next()?;
            taken += 1;
            if !case.eq(c, *p) {
                return None;
            }
        }
        prev = Some(c);
    }
    Some(taken)
}
