//! The quality floor for fuzzy matches in names: a term must read as runs of consecutive
//! chars, the first starting a word and each next one the word after. `zds` in "Zhou
//! Dasheng", `golddrag` in "Golden Dragon", `dasheng`: yes. `jiewori` picked letter by
//! letter across "Pingzhou jade and Shuibei jewelry sign cooperation agreements", `ade`
//! inside "Trade": no, and those were exactly the false friends that made an absent name
//! look present.
//!
//! In Chinese text, where words are not marked, a run may start at any Chinese char, but
//! a new run after the first needs the one before to hold two chars or more: 深圳珠宝 in
//! 深圳市周大生珠宝, not 周 … 付 picked apart.
//!
//! A word starts where `SkimMatcherV2` gives its head, break or camel-case bonus, and at a
//! Chinese char after any other char. The rule is checked on bit sets of char positions,
//! a word per 64 chars; it only looks back, so a term that passes has every prefix pass
//! too (typing narrows, see `Query::narrows`).

use super::bonus::{Type, starts_word, type_of_fast};
use super::fold::{self, Case};

/// Buffers reused across calls by one thread.
#[derive(Default)]
pub struct Scratch {
    /// Per term char, its places in the text (words of 64 chars each).
    places: Vec<u64>,
    words: Vec<u64>,
    han: Vec<u64>,
    /// Per term char: where a reading of the term so far can stand on it, and where it
    /// continues a run.
    rows: Vec<u64>,
    runs: Vec<u64>,
    /// [`solve`]'s per-row buffers, kept to spare an allocation per name.
    next: Vec<u64>,
    after_run: Vec<u64>,
}

/// Whether `pattern` reads in `text` (folded as the term is) as runs that each start a
/// word. `places`: each pattern char's places in an ASCII text of at most 64 chars, when
/// the caller has them.
pub fn anchored(
    text: &str,
    ascii: bool,
    pattern: &[char],
    case: Case,
    places: Option<&[u64]>,
    s: &mut Scratch,
) -> bool {
    fill(text, ascii, pattern, case, places, s) && solve(pattern.len(), words_of(text, ascii), s)
}

/// The char positions of one reading that passes [`anchored`], preferring runs.
pub fn positions(text: &str, ascii: bool, pattern: &[char], case: Case, s: &mut Scratch) -> Option<Vec<usize>> {
    if !fill(text, ascii, pattern, case, None, s) {
        return None;
    }
    let w = words_of(text, ascii);
    if !solve(pattern.len(), w, s) {
        return None;
    }
    let n = pattern.len();
    let mut out = vec![0usize; n];
    out[n - 1] = lowest(&s.rows[(n - 1) * w..n * w])?;
    for i in (1..n).rev() {
        let p = out[i];
        let prev = &s.rows[(i - 1) * w..i * w];
        out[i - 1] = if p > 0 && bit(prev, p - 1) {
            p - 1
        } else {
            // A new run: the nearest place before it where the reading stood (after a
            // run of two, when this run starts inside Chinese text).
            let need_run = !bit(&s.words, p);
            (0..p)
                .rev()
                .find(|q| bit(prev, *q) && (!need_run || bit(&s.runs[(i - 1) * w..i * w], *q)))?
        };
    }
    Some(out)
}

fn words_of(text: &str, ascii: bool) -> usize {
    let len = if ascii { text.len() } else { text.chars().count() };
    len.div_ceil(64).max(1)
}

fn bit(set: &[u64], i: usize) -> bool {
    set.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0)
}

fn lowest(set: &[u64]) -> Option<usize> {
    set.iter()
        .enumerate()
        .find(|(_, w)| **w != 0)
        .map(|(k, w)| k * 64 + w.trailing_zeros() as usize)
}

/// Fills the places, word starts and Chinese chars; false when a pattern char is absent.
fn fill(text: &str, ascii: bool, pattern: &[char], case: Case, given: Option<&[u64]>, s: &mut Scratch) -> bool {
    let w = words_of(text, ascii);
    let n = pattern.len();
    s.places.clear();
    s.words.clear();
    s.words.resize(w, 0);
    s.han.clear();
    s.han.resize(w, 0);
    match given {
        Some(places) if w == 1 && places.len() == n => s.places.extend_from_slice(places),
        _ => {
            s.places.resize(n * w, 0);
            let mut put = |at: usize, c: char| {
                for (i, p) in pattern.iter().enumerate() {
                    if case.eq(c, *p) {
                        s.places[i * w + at / 64] |= 1 << (at % 64);
                    }
                }
            };
            if ascii {
                for (at, b) in text.bytes().enumerate() {
                    put(at, char::from(b));
                }
            } else {
                for (at, c) in text.chars().enumerate() {
                    put(at, case.fold(c));
                }
            }
        }
    }
    let mut prev = Type::Empty;
    let mut prev_han = false;
    let mut mark = |at: usize, c: char, next: Option<char>, s: &mut Scratch| {
        let cur = type_of_fast(c);
        let han = fold::is_han(c);
        // A bracket or a dash in the term starts a run of its own: `(集团)`, `-gold`.
        // (A Chinese char is neither, and asked first: Unicode's tables are slow.) An
        // apostrophe after a letter does not, nor a hyphen between two letters: the
        // word after it is the next word, so a term may pass over it (`peoples` in
        // "People's", `prepricing` in "Pre-Pricing", `ecom` in "E-Commerce").
        let letter_before = matches!(prev, Type::Lower | Type::Upper);
        let in_word = letter_before && (c == '\'' || (c == '-' && next.is_some_and(|n| n.is_ascii_alphabetic())));
        let mark_char = !(han || c.is_alphanumeric() || c.is_whitespace() || in_word);
        // A letter or digit after a Chinese char starts a word too: 1000 in 突破1000元.
        let after_han = prev_han && !han && c.is_alphanumeric();
        if starts_word(prev, cur) || (han && !prev_han) || after_han || mark_char {
            s.words[at / 64] |= 1 << (at % 64);
        }
        if han {
            s.han[at / 64] |= 1 << (at % 64);
        }
        prev = cur;
        prev_han = han;
    };
    if ascii {
        let bytes = text.as_bytes();
        for (at, b) in bytes.iter().enumerate() {
            mark(at, char::from(*b), bytes.get(at + 1).map(|n| char::from(*n)), s);
        }
    } else {
        let mut chars = text.chars().peekable();
        let mut at = 0;
        while let Some(c) = chars.next() {
            mark(at, c, chars.peek().copied(), s);
            at += 1;
        }
    }
    s.places.chunks(w).all(|p| p.iter().any(|x| *x != 0))
}

/// Runs the rows: `rows[i]` the places of pattern char `i` in a passing reading of the
/// pattern's first `i + 1` chars, `runs[i]` those that continue a run.
fn solve(n: usize, w: usize, s: &mut Scratch) -> bool {
    s.rows.clear();
    s.rows.resize(n * w, 0);
    s.runs.clear();
    s.runs.resize(n * w, 0);
    for k in 0..w {
        s.rows[k] = s.places[k] & (s.words[k] | s.han[k]);
    }
    let (mut next, mut after_run) = (std::mem::take(&mut s.next), std::mem::take(&mut s.after_run));
    let mut all = true;
    for i in 1..n {
        let (above, here) = (i - 1, i);
        // The next word after each place of the previous row; Chinese chars after its
        // first run.
        next_words(&s.rows[above * w..above * w + w], &s.words, &mut next);
        after(&s.runs[above * w..above * w + w], &mut after_run);
        let mut carry = 0u64;
        let mut any = false;
        for k in 0..w {
            let prev = s.rows[above * w + k];
            let shifted = prev << 1 | carry;
            carry = prev >> 63;
            let cont = s.places[here * w + k] & shifted;
            let fresh = s.places[here * w + k] & (next[k] | (s.han[k] & after_run[k]));
            s.runs[here * w + k] = cont;
            s.rows[here * w + k] = cont | fresh;
            any |= cont | fresh != 0;
        }
        if !any {
            all = false;
            break;
        }
    }
    (s.next, s.after_run) = (next, after_run);
    all && s.rows[(n - 1) * w..n * w].iter().any(|x| *x != 0)
}

/// For each position of `set`, the first word start after it.
fn next_words(set: &[u64], words: &[u64], out: &mut Vec<u64>) {
    out.clear();
    out.resize(set.len(), 0);
    for (k, word) in set.iter().enumerate() {
        let mut bits = *word;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let (mut at, mut ahead) = (k, if b == 63 { 0 } else { words[k] & (u64::MAX << (b + 1)) });
            while ahead == 0 && at + 1 < words.len() {
                at += 1;
                ahead = words[at];
            }
            if ahead != 0 {
                out[at] |= 1 << ahead.trailing_zeros();
                // Every place of this word up to that word start has it as its next.
                let upto = if at == k { ahead.trailing_zeros() as usize } else { 64 };
                bits &= if upto >= 64 { 0 } else { u64::MAX << upto };
            }
        }
    }
}

/// The positions strictly after the lowest one of `set` (none when it is empty), into `out`.
fn after(set: &[u64], out: &mut Vec<u64>) {
    out.clear();
    out.resize(set.len(), 0);
    if let Some(first) = lowest(set) {
        let (k, b) = (first / 64, first % 64);
        out[k] = if b == 63 { 0 } else { u64::MAX << (b + 1) };
        for word in out.iter_mut().skip(k + 1) {
            *word = u64::MAX;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yes(text: &str, term: &str) -> bool {
        let pattern: Vec<char> = term.chars().collect();
        anchored(
            text,
            text.is_ascii(),
            &pattern,
            Case::Insensitive,
            None,
            &mut Scratch::default(),
        )
    }

    #[test]
    fn runs_start_words() {
        assert!(yes("Zhou Da Sheng", "zds"));
        assert!(!yes("Zhou Dasheng", "zds"), "s is inside a word");
        assert!(yes("Zhou Dasheng", "dasheng"));
        assert!(yes("Zhou Dasheng", "zhoudash"));
        assert!(yes("Chow Tai Fook (Shenzhen factory)", "chowtaif"));
        assert!(!yes("Chow Tai Fook (Shenzhen factory)", "chowfook"), "a word skipped");
        assert!(!yes(
            "Volunteers organise a tour of the vault archive, then export",
            "vortex"
        ));
        assert!(yes("Shenzhen United BlueOcean", "ocean"));
        assert!(!yes("Zhou Dasheng", "sheng"));
        assert!(!yes(
            "Pingzhou jade and Shuibei jewelry sign cooperation agreements",
            "jiewori"
        ));
        assert!(!yes("Guangdong Provincial Economic and Trade Commission", "ade"));
        assert!(!yes("Guangdong Provincial Economic and Trade Commission", "price"));
        assert!(!yes("Phoenix", "pheonix"));
        // An apostrophe inside a word may be passed over, or typed.
        assert!(yes("Luohu District People's Government", "peoples"));
        assert!(yes("Luohu District People's Government", "people's"));
        assert!(yes("Luohu District People's Government", "peoplesgov"));
        assert!(
            !yes("Luohu District People's Government", "peoplegov"),
            "the s is a word"
        );
    }

    #[test]
    fn chinese_runs_need_two_chars_before_a_new_one() {
        assert!(yes("深圳市周大生珠宝", "周大生"));
        assert!(yes("深圳市周大生珠宝", "大生"));
        assert!(yes("深圳市周大生珠宝", "深圳珠宝"));
        assert!(!yes("深圳市周大生珠宝", "深宝"));
        assert!(!yes("周记星光珠宝驰名店", "周星驰"));
        assert!(yes("TTF国际珠宝", "ttf珠宝"));
    }

    #[test]
    fn long_texts_span_several_words() {
        let text = format!("{} Golden Dragon", "x".repeat(100));
        assert!(yes(&text, "golddrag"));
        assert!(!yes(&text, "olden"));
        let pattern: Vec<char> = "gd".chars().collect();
        let p = positions(&text, true, &pattern, Case::Insensitive, &mut Scratch::default());
        assert_eq!(p, Some(vec![101, 108]));
    }

    #[test]
    fn positions_prefer_runs() {
        let pattern: Vec<char> = "zhouda".chars().collect();
        let p = positions(
            "Zhou Dasheng",
            true,
            &pattern,
            Case::Insensitive,
            &mut Scratch::default(),
        );
        assert_eq!(p, Some(vec![0, 1, 2, 3, 5, 6]));
    }
}
