//! The fuzzy score of `fuzzy-matcher`'s `SkimMatcherV2` (default configuration),
//! recomputed without allocating and without its per-thread matrix cache.
//!
//! Why not call the crate in the hot loop: its cached `fuzzy_match` reads cells left over
//! from earlier calls, so a score depends on what the same thread matched before (seen in
//! about 1 of 400 random pairs). Ranking on all cores would then change from run to run.
//! This port follows the crate's algorithm on a fresh matrix, which is what a new
//! matcher's `fuzzy_indices` computes; a test checks the two agree. Positions for highlighting still
//! come from the crate (`matcher::text_positions`).
//!
//! This score is only the base of a rank: the bonus for a term found together or as
//! initials is a separate layer on top (`bonus`), so the two can be checked apart.

use super::bonus::{Type, type_of_fast};
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
    last: Vec<usize>,
    bonus: Vec<i32>,
    prev_m: Vec<i32>,
    prev_p: Vec<i32>,
    cur_m: Vec<i32>,
    cur_p: Vec<i32>,
    /// The positions of pattern chars in the text, for [`Scorer::sparse`].
    hits: Vec<(usize, u64)>,
    /// Per pattern char, its places in a short text as bits ([`positions`]).
    places: Vec<u64>,
    /// Whether `places` is the last match's (see [`Scorer::places`]).
    placed: bool,
    /// The matches of a row (text position, `M`) for [`Scorer::sparse`].
    prev_row: Vec<(usize, i32)>,
    cur_row: Vec<(usize, i32)>,
    /// Tests set it to check the full-matrix path on short texts too.
    #[cfg(test)]
    dense_only: bool,
}

/// A char of the text being scored: a byte of an ASCII text, or a decoded char.
trait Unit: Copy {
    fn ch(self) -> char;

    /// The first position of a char equal to `p` (in `case`).
    fn find(text: &[Self], p: char, case: Case) -> Option<usize> {
        text.iter().position(|c| case.eq(c.ch(), p))
    }

    /// The last position of a char equal to `p` (in `case`).
    fn rfind(text: &[Self], p: char, case: Case) -> Option<usize> {
        text.iter().rposition(|c| case.eq(c.ch(), p))
    }
}

impl Unit for u8 {
    fn ch(self) -> char {
        char::from(self)
    }

    // Bytes are searched with `memchr`: the first and last occurrences of each pattern
    // char are most of the work for a text that matches in one place.
    fn find(text: &[u8], p: char, case: Case) -> Option<usize> {
        let p = u8::try_from(p).ok().filter(u8::is_ascii)?;
        match case {
            Case::Insensitive if p.is_ascii_alphabetic() => {
                memchr::memchr2(p.to_ascii_lowercase(), p.to_ascii_uppercase(), text)
            }
            _ => memchr::memchr(p, text),
        }
    }

    fn rfind(text: &[u8], p: char, case: Case) -> Option<usize> {
        let p = u8::try_from(p).ok().filter(u8::is_ascii)?;
        match case {
            Case::Insensitive if p.is_ascii_alphabetic() => {
                memchr::memrchr2(p.to_ascii_lowercase(), p.to_ascii_uppercase(), text)
            }
            _ => memchr::memrchr(p, text),
        }
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
    #[cfg(test)]
    pub fn score(&mut self, text: &str, ascii: bool, pattern: &[char], case: Case) -> Option<i64> {
        self.score_gated(text, ascii, pattern, case, |_| true)
    }

    /// [`Scorer::score`], which in an ASCII text of at most 64 chars first finds each
    /// pattern char's places (as [`Scorer::places`] gives them) and asks `gate` whether
    /// the text can pass at all: `None` when it says no, without computing the score.
    /// Elsewhere `gate` is not called. (Names that hold a term's letters only scattered
    /// are most of those the scorer sees, and the quality floor turns nearly all of them
    /// down: their score was computed only to be dropped.)
    pub fn score_gated(
        &mut self,
        text: &str,
        ascii: bool,
        pattern: &[char],
        case: Case,
        gate: impl FnOnce(&[u64]) -> bool,
    ) -> Option<i64> {
        self.placed = false;
        if pattern.is_empty() {
            return Some(0);
        }
        #[cfg(test)]
        let sparse = text.len() <= SPARSE_MAX && pattern.len() <= 64 && !self.dense_only;
        #[cfg(not(test))]
        let sparse = text.len() <= SPARSE_MAX && pattern.len() <= 64;
        if ascii {
            // Bytes are chars here: no decoding, no copy.
            let bytes = text.as_bytes();
            if !sparse {
                return self.run(bytes, pattern, case);
            }
            if bytes.len() <= 64 {
                // A name: each pattern char's places as bits of one word, found in one
                // pass each; bounds and rows are then bit operations.
                let mut places = std::mem::take(&mut self.places);
                let found = if positions(bytes, pattern, case, &mut places, &mut self.first) && gate(&places) {
                    self.last_of_bits(&places);
                    self.sparse(bytes, pattern, Matches::Bits(&places), case)
                } else {
                    None
                };
                self.places = places;
                self.placed = found.is_some();
                return found;
            }
            // `memchr` finds the first and last places, and each row's matches between.
            if !self.bounds(bytes, pattern, case) {
                return None;
            }
            return self.sparse(bytes, pattern, Matches::Search, case);
        }
        let mut chars = std::mem::take(&mut self.text);
        chars.clear();
        chars.extend(text.chars());
        let found = if sparse {
            let mut hits = std::mem::take(&mut self.hits);
            hits.clear();
            for (t, &c) in chars.iter().enumerate() {
                let mask = pattern
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| case.eq(c, **p))
                    .fold(0u64, |m, (i, _)| m | 1 << i);
                if mask != 0 {
                    hits.push((t, mask));
                }
            }
            let found = if self.bounds_of(&hits, pattern.len()) {
                self.sparse(&chars, pattern, Matches::List(&hits), case)
            } else {
                None
            };
            self.hits = hits;
            found
        } else {
            self.run(&chars, pattern, case)
        };
        self.text = chars;
        found
    }

    /// After a match in an ASCII text of at most 64 chars, each pattern char's places in
    /// it as bits (in the match's case mode); `None` after other calls.
    pub fn places(&self) -> Option<&[u64]> {
        self.placed.then_some(self.places.as_slice())
    }

    fn run<T: Unit>(&mut self, text: &[T], pattern: &[char], case: Case) -> Option<i64> {
        let m = pattern.len();
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
        // Row `i` runs from the greedy first occurrence of its char to the greedy last one:
        // cells past `last[i]` lie on no complete match; those the next row reads are
        // filled as the crate's full matrix would hold them (see below), so the maximum
        // is the crate's.
        if !self.bounds(text, pattern, case) {
            return None;
        }
        // Bonuses of the columns a match can use (from the first match to the last); the
        // others are never read.
        let from = self.first[0];
        let to = self.last[m - 1];
        self.bonus.clear();
        self.bonus.resize(from + 1, 0);
        let mut prev = if from == 0 {
            Type::Empty
        } else {
            type_of_fast(text[from - 1].ch())
        };
        for c in &text[from..=to] {
            let cur = type_of_fast(c.ch());
            self.bonus.push(in_place_bonus(prev, cur));
            prev = cur;
        }
        if from == 0 {
            self.bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        if m == 1 {
            // One row: each match is reached from the first row's gap score.
            let p = pattern[0];
            return text[from..=to]
                .iter()
                .zip(&self.bonus[from + 1..])
                .filter(|(c, _)| eq(c.ch(), p))
                .map(|(c, bonus)| i64::from(GAP_EXTENSION + bonus + match_score(c.ch(), p)))
                .max();
        }
        // Columns are text positions + 1. Row `i` computes columns `first[i] + 1 ..=
        // last[i] + 1`; the next row reads this row at columns `first[i + 1] ..=
        // last[i + 1]`, which can reach past the window: there no match of pattern char
        // `i` is possible on a full match, so `M` is minus infinity and `P` carries the gap
        // on, one extension per column, exactly as the full recurrence would.
        let cols = to + 2;
        for row in [&mut self.prev_m, &mut self.cur_m, &mut self.cur_p, &mut self.prev_p] {
            if row.len() < cols {
                row.resize(cols, NEG);
            }
        }
        for (i, &p) in pattern.iter().enumerate() {
            let (lo, hi) = (self.first[i] + 1, self.last[i] + 1);
            // Row 0 reads a virtual row above: no match, and a gap score everywhere.
            let (above_m, above_p) = if i == 0 {
                (None, None)
            } else {
                (Some(&self.prev_m[lo - 1..hi]), Some(&self.prev_p[lo - 1..hi]))
            };
            let (mut left_m, mut left_p) = (NEG, NEG);
            let cur_m = &mut self.cur_m[lo..=hi];
            let cur_p = &mut self.cur_p[lo..=hi];
            let cells = cur_m
                .iter_mut()
                .zip(cur_p.iter_mut())
                .zip(text[lo - 1..hi].iter().zip(&self.bonus[lo..=hi]))
                .enumerate();
            for (k, ((cur_m, cur_p), (c, &in_place))) in cells {
                let c = c.ch();
                *cur_m = if eq(c, p) {
                    let (prev_m, prev_p) = match (above_m, above_p) {
                        (Some(am), Some(ap)) => (am[k], ap[k]),
                        _ => (NEG, GAP_EXTENSION),
                    };
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
            if i + 1 < m {
                // Columns the next row reads beyond this window.
                let reach = self.last[i + 1];
                if reach > hi {
                    let mut gap = (GAP_START + GAP_EXTENSION + left_m).max(GAP_EXTENSION + left_p);
                    for col in hi + 1..=reach {
                        self.cur_m[col] = NEG;
                        self.cur_p[col] = gap;
                        gap += GAP_EXTENSION;
                    }
                }
            }
            std::mem::swap(&mut self.prev_m, &mut self.cur_m);
            std::mem::swap(&mut self.prev_p, &mut self.cur_p);
        }
        let (lo, hi) = (self.first[m - 1] + 1, self.last[m - 1] + 1);
        self.prev_m[lo..=hi].iter().max().map(|s| i64::from(*s))
    }

    /// Fills `first` (the greedy first occurrence of each pattern char) and `last` (the
    /// greedy last, from the right) by searching the text; false when the pattern is not
    /// a subsequence. Rows run between the two: outside, no cell lies on a full match.
    fn bounds<T: Unit>(&mut self, text: &[T], pattern: &[char], case: Case) -> bool {
        self.first.clear();
        let mut at = 0;
        for &p in pattern {
            let Some(j) = T::find(&text[at..], p, case) else {
                return false;
            };
            self.first.push(at + j);
            at += j + 1;
        }
        self.last.clear();
        self.last.resize(pattern.len(), 0);
        let mut end = text.len();
        for (i, &p) in pattern.iter().enumerate().rev() {
            let j = T::rfind(&text[..end], p, case).unwrap_or(self.first[i]);
            self.last[i] = j;
            end = j;
        }
        true
    }

    /// The `last` half of [`Self::bounds`] from each pattern char's places as bits
    /// ([`positions`], which fills `first` and finds the pattern a subsequence).
    fn last_of_bits(&mut self, places: &[u64]) {
        self.last.clear();
        self.last.resize(places.len(), 0);
        let mut below = 64u32;
        for (i, bits) in places.iter().enumerate().rev() {
            let before = if below >= 64 {
                *bits
            } else {
                bits & ((1u64 << below) - 1)
            };
            // A match exists, so `before` has a bit at or after the first place.
            let at = 63 - before.leading_zeros().min(63);
            self.last[i] = at as usize;
            below = at;
        }
    }

    /// [`Self::bounds`] from the list of pattern-char positions.
    fn bounds_of(&mut self, hits: &[(usize, u64)], m: usize) -> bool {
        self.first.clear();
        for &(t, mask) in hits {
            if mask >> self.first.len() & 1 != 0 {
                self.first.push(t);
                if self.first.len() == m {
                    break;
                }
            }
        }
        if self.first.len() < m {
            return false;
        }
        self.last.clear();
        self.last.resize(m, 0);
        let mut want = m;
        for &(t, mask) in hits.iter().rev() {
            if mask >> (want - 1) & 1 != 0 {
                want -= 1;
                self.last[want] = t;
                if want == 0 {
                    break;
                }
            }
        }
        true
    }

    /// [`Self::run`]'s result, computed on the matching cells only. In a row, `M` is
    /// minus infinity wherever the text char differs from the pattern char, and the gap
    /// score `P` only carries the best earlier `M` minus one per char; so a row is the
    /// list of its matches, and the next row reads the previous match (consecutive) or
    /// the best `M(t') - GAP_EXTENSION * t'` of the matches two or more chars back (a
    /// gap). Cells without a real predecessor stay out of the list: on the full matrix
    /// they hold values near minus infinity that never win a maximum, which holds while
    /// real scores stay far above it (texts up to [`SPARSE_MAX`] chars).
    /// The caller has filled `first` and `last` (see [`Self::bounds`]); `matches` says
    /// where each row's matches are found.
    fn sparse<T: Unit>(&mut self, text: &[T], pattern: &[char], matches: Matches, case: Case) -> Option<i64> {
        let bonus_at = |t: usize| {
            let prev = if t == 0 {
                Type::Empty
            } else {
                type_of_fast(text[t - 1].ch())
            };
            let bonus = in_place_bonus(prev, type_of_fast(text[t].ch()));
            // The first column of a match starting the text counts double.
            if t == 0 {
                bonus * BONUS_FIRST_CHAR_MULTIPLIER
            } else {
                bonus
            }
        };
        let match_score = |c: char, p: char| {
            let penalty = if case == Case::Insensitive && p != c {
                PENALTY_CASE_MISMATCH
            } else {
                0
            };
            (SCORE_MATCH + penalty).max(0)
        };
        let (mut prev, mut cur) = (std::mem::take(&mut self.prev_row), std::mem::take(&mut self.cur_row));
        prev.clear();
        for (row, &p) in pattern.iter().enumerate() {
            cur.clear();
            let (lo, hi) = (self.first[row], self.last[row]);
            // `read`: the previous row's matches folded into `gap_best` so far.
            let mut read = 0;
            let mut gap_best: Option<i32> = None;
            let mut next = match matches {
                Matches::List(hits) => hits.partition_point(|(pos, _)| *pos < lo),
                _ => 0,
            };
            let mut at = lo;
            // Bits of this row's places in the window (up to 64 chars, so `hi < 64`).
            let mut bits = match matches {
                Matches::Bits(places) => places[row] & (u64::MAX >> (63 - hi)) & (u64::MAX << lo),
                _ => 0,
            };
            loop {
                // The next match of this row's char: from the bits, the list, or searching.
                let pos = match matches {
                    Matches::Bits(_) => {
                        if bits == 0 {
                            break;
                        }
                        let pos = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        pos
                    }
                    Matches::List(hits) => {
                        let Some(&(pos, chars)) = hits.get(next) else { break };
                        next += 1;
                        if chars >> row & 1 == 0 {
                            if pos > hi {
                                break;
                            }
                            continue;
                        }
                        pos
                    }
                    Matches::Search => {
                        let Some(found) = text.get(at..=hi).and_then(|rest| T::find(rest, p, case)) else {
                            break;
                        };
                        at += found + 1;
                        at - 1
                    }
                };
                if pos > hi {
                    break;
                }
                let c = text[pos].ch();
                let bonus = bonus_at(pos);
                let score = if row == 0 {
                    // The virtual row above holds a gap score everywhere.
                    GAP_EXTENSION + bonus
                } else {
                    while let Some(&(before, score)) = prev.get(read)
                        && before + 2 <= pos
                    {
                        let key = score - GAP_EXTENSION * to_i32(before);
                        gap_best = Some(gap_best.map_or(key, |g| g.max(key)));
                        read += 1;
                    }
                    let via_match = prev
                        .get(read)
                        .filter(|(before, _)| before + 1 == pos)
                        .map(|(_, score)| score + bonus.max(BONUS_CONSECUTIVE));
                    let via_skip = gap_best.map(|g| g + GAP_START + GAP_EXTENSION * (to_i32(pos) - 1) + bonus);
                    match (via_match, via_skip) {
                        (Some(a), Some(b)) => a.max(b),
                        (Some(a), None) | (None, Some(a)) => a,
                        (None, None) => continue,
                    }
                };
                cur.push((pos, score + match_score(c, p)));
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let best = prev.iter().map(|(_, s)| i64::from(*s)).max();
        self.prev_row = prev;
        self.cur_row = cur;
        best
    }
}

/// Where [`Scorer::sparse`] finds a row's matches.
#[derive(Clone, Copy)]
enum Matches<'a> {
    /// Searching the text (`Unit::find`).
    Search,
    /// The positions of all pattern chars, with the set of chars at each.
    List(&'a [(usize, u64)]),
    /// Per pattern char, its places in a text of at most 64 chars as bits.
    Bits(&'a [u64]),
}

/// Fills `places` with, per pattern char, the bits of the text positions it matches in
/// `case`, and `first` with the greedy first match of each; false as soon as a pattern
/// char has no place after the previous one (not a subsequence), so most texts that fail
/// cost one or two words per char. Eight bytes are compared at a time (SWAR): no branch
/// per byte, no call.
fn positions(text: &[u8], pattern: &[char], case: Case, places: &mut Vec<u64>, first: &mut Vec<usize>) -> bool {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    debug_assert!(text.len() <= 64);
    // The text in words; padding bytes (0xff) match no ASCII char.
    let mut words = [u64::MAX; 8];
    // Whole words straight from the text; only the last, short one is copied byte by
    // byte (a copy of a length known only at run time is a call to `memcpy`).
    let whole = text.chunks_exact(8);
    let tail = whole.remainder();
    for (word, chunk) in words.iter_mut().zip(whole) {
        *word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
    }
    if !tail.is_empty() {
        let mut bytes = [0xff; 8];
        for (b, t) in bytes.iter_mut().zip(tail) {
            *b = *t;
        }
        words[text.len() / 8] = u64::from_le_bytes(bytes);
    }
    let words = &words[..text.len().div_ceil(8)];
    places.clear();
    first.clear();
    let mut from = 0u32;
    for &p in pattern {
        let Some(p) = u8::try_from(p).ok().filter(u8::is_ascii) else {
            return false;
        };
        // Insensitive, a letter matches both cases: set the case bit on both sides
        // (only letters differ by it alone).
        let fold = if case == Case::Insensitive && p.is_ascii_alphabetic() {
            0x20
        } else {
            0
        };
        let want = u64::from_ne_bytes([p | fold; 8]);
        let fold = u64::from_ne_bytes([fold; 8]);
        let mut bits = 0u64;
        for (k, word) in words.iter().enumerate() {
            let diff = (word | fold) ^ want;
            // The high bit of each byte that is zero in `diff`, exactly (no borrow
            // crosses bytes), gathered into the low byte of the word's 8 places.
            let zero = !(((diff & LOW7) + LOW7) | diff | LOW7);
            bits |= ((zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
        }
        let ahead = if from >= 64 { 0 } else { bits & (u64::MAX << from) };
        if ahead == 0 {
            return false;
        }
        let at = ahead.trailing_zeros();
        first.push(at as usize);
        from = at + 1;
        places.push(bits);
    }
    true
}

/// Longest text scored by [`Scorer::sparse`].
const SPARSE_MAX: usize = 8192;

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests;
