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
    spelled_over(text, pat, case, false).map(|(taken, _, _)| taken)
}

/// How `text` spells `pat` from its start, an apostrophe or a hyphen between two letters
/// passed over, and with `spaces` one space between two letters or digits after the
/// first three chars: `(chars taken, spaces passed over, whether a word ends there)`.
fn spelled_over(text: &str, pat: &[char], case: Case, spaces: bool) -> Option<(usize, usize, bool)> {
    let mut chars = text.chars().peekable();
    let (mut taken, mut passed, mut prev) = (0, 0, None::<char>);
    for p in pat {
        let mut c = chars.next()?;
        taken += 1;
        if !case.eq(c, *p) {
            let next = chars.peek().copied();
            let joins_words = c == ' '
                && spaces
                && taken > 3
                && prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric);
            let between_letters = matches!(c, '\'' | '\u{2019}' | '-')
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic);
            if joins_words {
                passed += 1;
            } else if !between_letters {
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
    Some((taken, passed, chars.peek().is_none_or(|n| !n.is_alphanumeric())))
}

/// Where a term spells words of the text run together, as a name in pinyin or a brand is
/// often typed (`chowsangsang` for "Chow Sang Sang", `laofengxiang` for "Lao Feng
/// Xiang"), from a word's start: its first word whole, of three Latin letters or digits
/// or more, then one
/// space passed over between two letters or digits at each word's end. `(first char,
/// length in chars, spaces passed over, whether it ends where a word ends)`; `None` when
/// it spells no such run (a term that stands in one word is [`word_prefix`]'s).
///
/// One that ends inside a word (`goldman` in "gold manufacturing") is no match as typed
/// (`InValue::cut_short`), but a match: typing `chowsa` on the way to `chowsangsang` keeps
/// the rows it will find.
pub fn joined_prefix(text: &str, pat: &[char], case: Case) -> Option<(usize, usize, usize, bool)> {
    if pat.len() < 4 || !holds_head(text.as_bytes(), pat) {
        return None;
    }
    let mut prev: Option<char> = None;
    for (at, (byte, c)) in text.char_indices().enumerate() {
        let starts_word = c.is_alphanumeric()
            && prev.is_none_or(|p| {
                !p.is_alphanumeric() || fold::is_han(p) || fold::is_han(c) || (p.is_lowercase() && c.is_uppercase())
            });
        if starts_word && let Some((len, spaces, whole)) = joined(&text[byte..], pat, case) {
            return Some((at, len, spaces, whole));
        }
        prev = Some(c);
    }
    None
}

/// Whether `text` may hold `pat` as words run together: the term's first three chars are
/// Latin letters or digits (a first word, whole), found in either case somewhere before a
/// space. A byte search, so that a summary is rejected without decoding it: the value of
/// every record whose masks let the term through is asked, and most hold no such run.
fn holds_head(text: &[u8], pat: &[char]) -> bool {
    let mut head = [0u8; 3];
    for (h, c) in head.iter_mut().zip(pat) {
        match u8::try_from(*c) {
            Ok(b) if b.is_ascii_alphanumeric() => *h = b,
            _ => return false,
        }
    }
    memchr::memchr2_iter(head[0].to_ascii_lowercase(), head[0].to_ascii_uppercase(), text).any(|at| {
        text.get(at..at + 3).is_some_and(|w| w.eq_ignore_ascii_case(&head))
            && memchr::memchr(b' ', &text[at + 3..]).is_some()
    })
}

/// [`spelled_over`] that passed over a space: `None` for a term within one word.
fn joined(text: &str, pat: &[char], case: Case) -> Option<(usize, usize, bool)> {
    spelled_over(text, pat, case, true).filter(|(_, passed, _)| *passed > 0)
}
