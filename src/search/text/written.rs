//! A term's chars found as written, without scoring: in an anchored mode, anywhere (for
//! exclusions), with the words run together, or as a subsequence before the scorer.

use crate::search::fold::{self, Case, Folded};
use crate::search::query::{Mode, Term};

/// A plain term in a text, anywhere (for exclusions, which leave out any record that
/// holds the term at all).
pub fn substring(term: &Term, text: &str, buf: &mut String) -> bool {
    let folded = fold::fold_into(text, term.case, buf);
    let mode = if term.mode == Mode::Fuzzy {
        Mode::Exact
    } else {
        term.mode
    };
    find(folded, term, mode).is_some()
}

/// [`substring`] with spaces and hyphens left out of both sides ("Zhou Liu Fu" holds
/// `zhouliufu`, the tag "shuibei" holds `shui-bei`), where either has some. The term starts
/// a word (or is Chinese), and the words it runs over are joined by a space, a hyphen, an
/// apostrophe or a dot: a comma, a bracket or a quote ends a run, so "finance, commerce"
/// does not hold `e-commerce`. Allocates nothing but `buf`: an exclusion reads every name
/// of a million records with it.
pub fn substring_run_together(term: &Term, text: &str, buf: &mut String) -> bool {
    /// Before a word's first letter or digit in `buf`.
    const START: char = '\u{1}';
    /// Where a run of joined words ends.
    const END: char = '\u{0}';
    let pat = || term.chars.iter().copied().filter(|c| c.is_alphanumeric());
    let n = pat().count();
    if n == 0 || (n == term.chars.len() && text.chars().all(char::is_alphanumeric)) {
        return false;
    }
    let anywhere = pat().next().is_some_and(|c| !c.is_ascii());
    buf.clear();
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                buf.push(START);
            }
            buf.push(term.case.fold(c));
        } else if !joins_words(c) {
            buf.push(END);
        }
        in_word = c.is_alphanumeric();
    }
    buf.char_indices().any(|(i, c)| {
        if c == END || (!anywhere && c != START) {
            return false;
        }
        let mut rest = buf[i..].chars().filter(|c| *c != START);
        pat().all(|q| rest.next().is_some_and(|t| t != END && term.case.eq(t, q)))
    })
}

/// Whether a char between two words keeps them one name or compound when they are run
/// together: a space, a hyphen or dash, an apostrophe, a dot or a middle dot.
fn joins_words(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}' | '.' | '·' | '_')
}

/// Whether the term's letters and digits are the text's words run together from a word's
/// start, the last perhaps cut short (`zhouliufu` in "Zhou Liu Fu Jewellery", `chowtai`
/// in "Chow Tai Fook"): a name typed without its spaces. Words only: a match inside one
/// word is `in_value`'s to find.
#[must_use]
pub fn words_run_together(term: &Term, text: &str) -> bool {
    let pat: Vec<char> = term.chars.iter().copied().filter(|c| c.is_alphanumeric()).collect();
    if pat.len() < 2 {
        return false;
    }
    let chars: Vec<char> = text.chars().map(|c| term.case.fold(c)).collect();
    (0..chars.len()).any(|start| {
        if !chars[start].is_alphanumeric() || (start > 0 && chars[start - 1].is_alphanumeric()) {
            return false;
        }
        let (mut k, mut i, mut crossed) = (0, start, false);
        while i < chars.len() && k < pat.len() {
            if !chars[i].is_alphanumeric() {
                crossed = true;
            } else if term.case.eq(chars[i], pat[k]) {
                k += 1;
            } else {
                break;
            }
            i += 1;
        }
        k == pat.len() && crossed
    })
}

pub(super) fn starts_with(text: &str, pat: &[char], case: Case) -> bool {
    let mut chars = text.chars();
    pat.iter().all(|p| chars.next().is_some_and(|c| case.eq(c, *p)))
}

/// Whether `pat` is a subsequence of `text`: a cheap test before the scorer.
pub fn subsequence(folded: Folded, term: &Term) -> bool {
    let (text, pat, case) = (folded.text, &term.chars, term.case);
    let mut want = pat.iter();
    let Some(mut p) = want.next() else { return true };
    if folded.ascii && term.ascii {
        // One compare a byte: in insensitive mode a letter's case bit is set on both
        // sides (only letters differ by that bit alone), as `Case::eq` would fold them.
        // (Most names a multi-word query sees are rejected here, byte after byte.)
        let bytes = text.as_bytes();
        let mut at = 0;
        for &p in pat {
            let Ok(p) = u8::try_from(p) else {
                return false;
            };
            let fold = if case == Case::Insensitive && p.is_ascii_alphabetic() {
                0x20
            } else {
                0
            };
            let want = p | fold;
            match bytes[at..].iter().position(|b| b | fold == want) {
                Some(i) => at += i + 1,
                None => return false,
            }
        }
        return true;
    }
    for c in text.chars() {
        if case.eq(c, *p) {
            match want.next() {
                Some(next) => p = next,
                None => return true,
            }
        }
    }
    false
}

/// Where `pat` occurs in `text` in an anchored mode: (first char, length in chars).
pub fn find(folded: Folded, term: &Term, mode: Mode) -> Option<(usize, usize)> {
    let (text, pat, case) = (folded.text, &term.chars, term.case);
    let n = pat.len();
    if n == 0 {
        return None;
    }
    if mode == Mode::Exact && folded.ascii && term.ascii {
        // Bytes are chars: scan for the first byte, compare the rest.
        let bytes = text.as_bytes();
        let first = u8::try_from(pat[0]).unwrap_or(0);
        let rest = &pat[1..];
        let check = |at: usize| {
            bytes.len() >= at + n
                && rest
                    .iter()
                    .zip(&bytes[at + 1..at + n])
                    .all(|(p, b)| case.eq(char::from(*b), *p))
        };
        let found = match case {
            Case::Sensitive => memchr::memchr_iter(first, bytes).find(|at| check(*at)),
            Case::Insensitive => memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), bytes)
                .find(|at| check(*at)),
        };
        return found.map(|at| (at, n));
    }
    let total = text.chars().count();
    if n > total || (mode == Mode::Whole && n != total) {
        return None;
    }
    let last = total - n;
    for (start, (byte, _)) in text.char_indices().enumerate() {
        let allowed = match mode {
            Mode::Prefix | Mode::Whole => start == 0,
            Mode::Suffix => start == last,
            Mode::Exact | Mode::Fuzzy => true,
        };
        if allowed && starts_with(&text[byte..], pat, case) {
            return Some((start, n));
        }
        if start >= last || (start == 0 && matches!(mode, Mode::Prefix | Mode::Whole)) {
            break;
        }
    }
    None
}
