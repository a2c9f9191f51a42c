//! The fuzzy score of `fuzzy-matcher`'s `SkimMatcherV2` (default configuration),
//! recomputed without allocating and without its per-thread matrix cache.
//!
//! Why not call the crate in the hot loop: its cached `fuzzy_match` reads cells left over
//! from earlier calls, so a score depends on what the same thread matched before (seen in
//! about 1 of 400 random pairs). Ranking on all cores would then change from run to run.
//! This port follows the crate's algorithm on a fresh matrix, which is what a new
//! matcher's `fuzzy_indices` computes; a test checks the two agree. Positions for highlighting still
//! come from the crate (`matcher::text_positions`).

use super::fold::Case;

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
/// The crate's "minus infinity".
const NEG: i32 = i16::MIN as i32;

#[derive(Clone, Copy, PartialEq)]
enum Type {
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

fn in_place_bonus(prev: Type, cur: Type) -> i32 {
    match (prev, cur) {
        (Type::Empty | Type::HardSep, _) => BONUS_HEAD,
        (Type::SoftSep, _) => BONUS_BREAK,
        (Type::Lower | Type::Number, Type::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// Buffers reused across calls by one thread.
#[derive(Default)]
pub struct Scorer {
    text: Vec<char>,
    first: Vec<usize>,
    bonus: Vec<i32>,
    prev_m: Vec<i32>,
    prev_p: Vec<i32>,
    cur_m: Vec<i32>,
    cur_p: Vec<i32>,
}

/// A char of the text being scored: a byte of an ASCII text, or a decoded char.
trait Unit: Copy {
    fn ch(self) -> char;
}

impl Unit for u8 {
    fn ch(self) -> char {
        char::from(self)
    }
}

impl Unit for char {
    fn ch(self) -> char {
        self
    }
}

impl Scorer {
    /// The score `SkimMatcherV2` gives `pattern` in `text` (both already folded), or
    /// `None` when `pattern` is not a subsequence of `text`.
    /// `ascii` says that `text` is ASCII (the caller has checked).
    pub fn score(&mut self, text: &str, ascii: bool, pattern: &[char], case: Case) -> Option<i64> {
        if pattern.is_empty() {
            return Some(0);
        }
        if ascii {
            // Bytes are chars here: no decoding, no copy.
            self.run(text.as_bytes(), pattern, case)
        } else {
            let mut chars = std::mem::take(&mut self.text);
            chars.clear();
            chars.extend(text.chars());
            let found = self.run(&chars, pattern, case);
            self.text = chars;
            found
        }
    }

    fn run<T: Unit>(&mut self, text: &[T], pattern: &[char], case: Case) -> Option<i64> {
        let (n, m) = (text.len(), pattern.len());
        let eq = |c: char, p: char| match case {
            Case::Sensitive => c == p,
            Case::Insensitive => c.eq_ignore_ascii_case(&p),
        };
        let match_score = |c: char, p: char| {
            let penalty = if case == Case::Insensitive && p != c {
                PENALTY_CASE_MISMATCH
            } else {
                0
            };
            (SCORE_MATCH + penalty).max(0)
        };
        // The greedy first occurrence of each pattern char; rows start after it.
        self.first.clear();
        let mut want = 0;
        for (j, c) in text.iter().enumerate() {
            if eq(c.ch(), pattern[want]) {
                self.first.push(j);
                want += 1;
                if want == m {
                    break;
                }
            }
        }
        if want < m {
            return None;
        }
        // Bonuses of the columns a match can use (from the first match on); the others
        // are never read.
        let from = self.first[0];
        self.bonus.clear();
        self.bonus.resize(from + 1, 0);
        let mut prev = if from == 0 {
            Type::Empty
        } else {
            type_of(text[from - 1].ch())
        };
        for c in &text[from..] {
            let cur = type_of(c.ch());
            self.bonus.push(in_place_bonus(prev, cur));
            prev = cur;
        }
        if from == 0 {
            self.bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        if m == 1 {
            // One row: each match is reached from the first row's gap score.
            let p = pattern[0];
            return text[from..]
                .iter()
                .zip(&self.bonus[from + 1..])
                .filter(|(c, _)| eq(c.ch(), p))
                .map(|(c, bonus)| i64::from(GAP_EXTENSION + bonus + match_score(c.ch(), p)))
                .max();
        }
        let cols = n + 1;
        for row in [&mut self.prev_m, &mut self.cur_m, &mut self.cur_p] {
            row.clear();
            row.resize(cols, NEG);
        }
        self.prev_p.clear();
        self.prev_p.resize(cols, GAP_EXTENSION);
        for (i, &p) in pattern.iter().enumerate() {
            let skip = self.first[i];
            self.cur_m[..=skip].fill(NEG);
            self.cur_p[..=skip].fill(NEG);
            // Column `col` reads the previous row at `col - 1` and this row's last cell;
            // zipped slices keep the loop free of index checks.
            let (mut left_m, mut left_p) = (NEG, NEG);
            let cells = self.cur_m[skip + 1..]
                .iter_mut()
                .zip(self.cur_p[skip + 1..].iter_mut())
                .zip(self.prev_m[skip..].iter().zip(&self.prev_p[skip..]))
                .zip(text[skip..].iter().zip(&self.bonus[skip + 1..]));
            for (((cur_m, cur_p), (prev_m, prev_p)), (c, &in_place)) in cells {
                let c = c.ch();
                *cur_m = if eq(c, p) {
                    // On a fresh matrix the crate's carried bonus is always 0 here.
                    let consecutive = in_place.max(BONUS_CONSECUTIVE);
                    let via_match = prev_m + consecutive;
                    let via_skip = prev_p + in_place;
                    via_match.max(via_skip) + match_score(c, p)
                } else {
                    NEG
                };
                *cur_p = (GAP_START + GAP_EXTENSION + left_m).max(GAP_EXTENSION + left_p);
                left_m = *cur_m;
                left_p = *cur_p;
            }
            std::mem::swap(&mut self.prev_m, &mut self.cur_m);
            std::mem::swap(&mut self.prev_p, &mut self.cur_p);
        }
        let last = self.first[m - 1];
        self.prev_m[last..].iter().max().map(|s| i64::from(*s))
    }
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::skim::SkimMatcherV2;

    use super::*;

    /// Random texts and patterns over a small alphabet (so matches are common), scored
    /// here and by a fresh crate matcher's `fuzzy_indices`.
    #[test]
    fn agrees_with_the_crate() {
        let mut seed: u64 = 0x2545_f491;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap()
        };
        let alphabet: Vec<char> = "abAB .-xy(1周".chars().collect();
        let mut scorer = Scorer::default();
        let mut compared = 0;
        for round in 0..20_000 {
            let text: String = (0..=next(30)).map(|_| alphabet[next(alphabet.len())]).collect();
            let pattern: Vec<char> = (0..=next(5))
                .map(|_| "abxyA周"[..].chars().nth(next(6)).unwrap())
                .collect();
            let pattern_text: String = pattern.iter().collect();
            // A fresh matcher each time: its cache is what this port avoids.
            let (case, crate_matcher) = if round % 2 == 0 {
                (Case::Insensitive, SkimMatcherV2::default().ignore_case())
            } else {
                (Case::Sensitive, SkimMatcherV2::default().respect_case())
            };
            let theirs = crate_matcher.fuzzy(&text, &pattern_text, true).map(|(s, _)| s);
            let ours = scorer.score(&text, text.is_ascii(), &pattern, case);
            assert_eq!(ours, theirs, "{text:?} {pattern_text:?} {case:?}");
            compared += usize::from(theirs.is_some());
        }
        assert!(compared > 2000, "too few matches compared: {compared}");
    }
}
