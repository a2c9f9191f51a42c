//! Texts spelled out in lower-case letters, and typo-tolerant matching on them.
//!
//! A Chinese char is spelled by its most common reading (`ü` as `v`), Latin letters and
//! digits as they are (folded, lower case); separators are dropped. 周大福 spells
//! `zhoudafu`, "Chow Tai Fook" `chowtaifook`. Words and syllables start where a reader's
//! eye would: a typo-tolerant match must start at one, as a term as typed must.
//!
//! Typos follow Meilisearch's defaults: none for terms under 5 letters, one from 5, two
//! from 9; an edit is an insertion, a deletion, a substitution or a transposition of two
//! neighbours (optimal string alignment), and an edit of the first letter counts twice.
//! A match with typos must end where a word or syllable does: `pheonix` is "Phoenix", but
//! `price` is not "processing" with one typo. So a term typed in Chinese chars sounds like
//! a name only syllable for syllable: 周大付 sounds like 周大福 (`zhoudafu`, no typo).

use super::fold;
use super::pinyin;

/// The typos a term of `letters` letters may have.
#[must_use]
pub fn budget(letters: usize) -> u8 {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// A text spelled out: its letters, where words and syllables start and end, and which
/// char of the text each letter comes from.
#[derive(Debug, Default)]
pub struct Spelled {
    pub letters: Vec<u8>,
    /// Per letter: a word or syllable starts here.
    starts: Vec<bool>,
    /// Per letter: a word or syllable ends after it.
    ends: Vec<bool>,
    /// Per letter: the char position in the text it spells.
    chars: Vec<u16>,
    /// Whether any letter spells a Chinese char.
    pub has_han: bool,
}

impl Spelled {
    /// Spells `text` into `self` (cleared first).
    pub fn fill(&mut self, text: &str) {
        self.letters.clear();
        self.starts.clear();
        self.ends.clear();
        self.chars.clear();
        self.has_han = false;
        let mut prev: Option<char> = None;
        for (at, c) in text.chars().enumerate() {
            let pos = u16::try_from(at).unwrap_or(u16::MAX);
            if let Some(reading) = pinyin::main_reading(c).filter(|_| fold::is_han(c)) {
                self.has_han = true;
                self.end_word();
                for (i, b) in reading.iter().enumerate() {
                    self.push(*b, i == 0, pos);
                }
                self.end_word();
                prev = Some(c);
                continue;
            }
            let plain = fold::plain(c);
            if plain.is_ascii_alphanumeric() {
                let starts = prev
                    .is_none_or(|p| !p.is_alphanumeric() || fold::is_han(p) || (p.is_lowercase() && c.is_uppercase()));
                if starts {
                    self.end_word();
                }
                self.push(plain.to_ascii_lowercase() as u8, starts, pos);
            } else {
                self.end_word();
            }
            prev = Some(c);
        }
        self.end_word();
    }

    fn push(&mut self, b: u8, starts: bool, pos: u16) {
        self.letters.push(b);
        self.starts.push(starts);
        self.ends.push(false);
        self.chars.push(pos);
    }

    fn end_word(&mut self) {
        if let Some(last) = self.ends.last_mut() {
            *last = true;
        }
    }

    /// The chars of the text that letters `from..to` spell: (first, last + 1).
    fn span(&self, from: usize, to: usize) -> (usize, usize) {
        let first = self.chars.get(from).map_or(0, |c| usize::from(*c));
        let last = self.chars.get(to.saturating_sub(1)).map_or(first, |c| usize::from(*c));
        (first, last + 1)
    }
}

/// The 26-bit mask of the letters among `bytes`.
#[must_use]
pub fn letters_mask(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .filter(|b| b.is_ascii_lowercase())
        .fold(0, |m, b| m | 1 << (b - b'a'))
}

/// A term spelled out, when it can be: Chinese chars by their main reading, Latin letters
/// and digits folded to lower case, nothing else. `None` for a term with other chars, or
/// none at all.
#[must_use]
pub fn term(raw: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for c in raw.chars() {
        let plain = fold::plain(c);
        if plain.is_ascii_alphanumeric() {
            out.push(plain.to_ascii_lowercase() as u8);
        } else if let Some(reading) = pinyin::main_reading(c).filter(|_| fold::is_han(c)) {
            out.extend_from_slice(reading);
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A typo-tolerant match of a spelled term in a spelled text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub typos: u8,
    /// The chars of the text it covers: first, last + 1.
    pub start: usize,
    pub end: usize,
    /// Whether it starts the text.
    pub at_start: bool,
}

/// Buffers for [`find`], one per matching thread.
#[derive(Default)]
pub struct Scratch {
    pub text: Spelled,
    pub rows: Vec<u8>,
}

/// The best match of `term` in `text` within `budget` edits, starting at a word or
/// syllable start and ending where one ends. Fewest typos first, then the earliest.
#[must_use]
pub fn find(term: &[u8], text: &Spelled, budget: u8, rows: &mut Vec<u8>) -> Option<Found> {
    let n = term.len();
    if n == 0 || text.letters.is_empty() {
        return None;
    }
    let k = usize::from(budget);
    let mut best: Option<Found> = None;
    for s in 0..text.letters.len() {
        if !text.starts[s] {
            continue;
        }
        // An edit of the first letter counts twice: with fewer than two typos allowed
        // the first letters must agree.
        let first_differs = text.letters[s] != term[0];
        if first_differs && k < 2 {
            continue;
        }
        let rest = &text.letters[s..];
        if rest.len() + k < n {
            break;
        }
        let limit = k - usize::from(first_differs);
        if let Some((typos, len)) = distance(term, rest, limit, |j| text.ends[s + j - 1], rows) {
            let typos = typos + u8::from(first_differs);
            if best.is_none_or(|b| typos < b.typos) {
                let (start, end) = text.span(s, s + len);
                best = Some(Found {
                    typos,
                    start,
                    end,
                    at_start: s == 0,
                });
                if typos == 0 {
                    break;
                }
            }
        }
    }
    best.filter(|f| f.typos <= budget)
}

/// The fewest edits turning `term` into a prefix of `text` of a length `ends` accepts
/// (optimal string alignment), if at most `limit`; with the prefix's length.
fn distance(
    term: &[u8],
    text: &[u8],
    limit: usize,
    ends: impl Fn(usize) -> bool,
    rows: &mut Vec<u8>,
) -> Option<(u8, usize)> {
    let n = term.len();
    let m = text.len().min(n + limit);
    let width = m + 1;
    rows.clear();
    rows.resize((n + 1) * width, u8::MAX);
    let at = |i: usize, j: usize| i * width + j;
    for j in 0..=m {
        rows[at(0, j)] = u8::try_from(j).unwrap_or(u8::MAX);
    }
    for i in 1..=n {
        rows[at(i, 0)] = u8::try_from(i).unwrap_or(u8::MAX);
        let mut row_min = rows[at(i, 0)];
        for j in 1..=m {
            let cost = u8::from(term[i - 1] != text[j - 1]);
            let mut d = rows[at(i - 1, j - 1)].saturating_add(cost);
            d = d.min(rows[at(i - 1, j)].saturating_add(1));
            d = d.min(rows[at(i, j - 1)].saturating_add(1));
            if i > 1 && j > 1 && term[i - 1] == text[j - 2] && term[i - 2] == text[j - 1] {
                d = d.min(rows[at(i - 2, j - 2)].saturating_add(1));
            }
            rows[at(i, j)] = d;
            row_min = row_min.min(d);
        }
        if usize::from(row_min) > limit {
            return None;
        }
    }
    (1..=m)
        .filter(|j| ends(*j))
        .map(|j| (rows[at(n, j)], j))
        .filter(|(d, _)| usize::from(*d) <= limit)
        .min_by_key(|(d, j)| (*d, std::cmp::Reverse(*j)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(term_text: &str, text: &str) -> Option<(u8, usize, usize)> {
        let term = term(term_text).unwrap();
        let mut spelled = Spelled::default();
        spelled.fill(text);
        let budget = if term_text.is_ascii() { budget(term.len()) } else { 0 };
        let mut rows = Vec::new();
        find(&term, &spelled, budget, &mut rows).map(|f| (f.typos, f.start, f.end))
    }

    #[test]
    fn texts_spell_by_their_main_reading() {
        let mut s = Spelled::default();
        s.fill("深圳市周大福 Chow-Tai Fook");
        assert_eq!(
            std::str::from_utf8(&s.letters).unwrap(),
            "shenzhenshizhoudafuchowtaifook"
        );
        assert_eq!(term("周大付").unwrap(), b"zhoudafu");
        assert_eq!(term("绿").unwrap(), b"lv");
        assert_eq!(term("a-b"), None);
    }

    #[test]
    fn typos_follow_the_budget_and_start_words() {
        assert_eq!(budget(4), 0);
        assert_eq!(budget(5), 1);
        assert_eq!(budget(9), 2);
        // A transposition is one typo.
        assert_eq!(found("zhoudasehng", "周大生珠宝"), Some((1, 0, 3)));
        assert_eq!(found("zhouliufou", "周六福珠宝股份有限公司"), Some((1, 0, 3)));
        assert_eq!(found("pheonix", "Golden Phoenix Jewelry"), Some((1, 7, 14)));
        // Too many typos for the length; not at a word start; the first letter twice.
        assert_eq!(found("zhoudxxhng", "周大生"), None);
        assert_eq!(found("oenix", "Phoenix"), None);
        assert_eq!(found("xhoudasheng", "周大生"), Some((2, 0, 3)));
        assert_eq!(found("phoenx", "Xhoenix"), None);
    }

    #[test]
    fn matches_end_on_a_word_or_syllable() {
        assert_eq!(found("price", "Materials-Processing Factory"), None);
        assert_eq!(found("周大付", "深圳市周大福珠宝"), Some((0, 3, 6)));
        assert_eq!(found("周大", "周丹"), None, "zhouda is not zhoudan");
        assert_eq!(found("瑞峰", "瑞丰珠宝"), Some((0, 0, 2)));
    }
}
