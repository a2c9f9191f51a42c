//! Pinyin matching: a Chinese text matches its full pinyin (`zhoudasheng`), its initials
//! (`zds`), prefixes of syllables (`zhoud`) and mixed input (`周ds`, `zhou大生`), toneless
//! and case-insensitive, with every reading of a polyphonic char (行: xing, hang), the
//! most common one ranked first; a rarer one is cut short only at the term's end.
//!
//! Readings come from the `pinyin` crate (static tables, no dependencies), re-encoded once
//! per process into a compact ASCII table (`ü` as both `v` and `u`). Matching is a small
//! dynamic programme over the text's chars ("units"): each matched unit consumes a
//! non-empty prefix of one of its readings, or the query char equal to it, and matched
//! units follow each other: the letters of syllables apart (张记三和丰 for `zsf`) are not
//! a reading of the name. This module knows nothing of records or fields: it matches one
//! text against one term.

mod table;

use super::fold;
use table::{FIRST, FIRST_OTHER, LAST, first_bit, readings, readings_in, set_of, table};

pub use table::table_bytes;

/// A char's most common reading (`ü` written `v`), if it has any.
#[must_use]
pub fn main_reading(c: char) -> Option<&'static [u8]> {
    readings(set_of(c)).next().map(|(r, _)| r)
}

/// A text's key for sorting as a reader of Chinese expects (a dictionary's order): each
/// Chinese char by its most common reading, ended by `\u{1}` so that a shorter reading
/// comes first (中 zhong before 周 zhou, 周大 before 周达生), letters and digits
/// lower-cased, spaces kept, punctuation left out (“一带一路” files under y, 水贝·彩 next
/// to 水贝彩). Chars that read alike (大 and 达) are left equal: the caller breaks the tie.
#[must_use]
pub fn collation_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match main_reading(c) {
            Some(reading) if !c.is_ascii() => {
                key.extend(reading.iter().map(|b| char::from(*b)));
                key.push('\u{1}');
            }
            _ if c.is_alphanumeric() => key.extend(c.to_lowercase()),
            _ if c.is_whitespace() => key.push(' '),
            _ => {}
        }
    }
    key
}

/// Whether a char has pinyin readings.
#[must_use]
pub fn has_readings(c: char) -> bool {
    set_of(c) != 0
}

/// Every reading of a char, for tests and explanations.
#[must_use]
pub fn readings_of(c: char) -> Vec<String> {
    readings(set_of(c))
        .map(|(r, _)| String::from_utf8_lossy(r).into_owned())
        .collect()
}

/// The letters a text can match by pinyin (its readings' letters and its own ASCII
/// letters), as a 26-bit mask; 0 when no char of it has a reading.
#[must_use]
pub fn letters(text: &str) -> u32 {
    let mut any = false;
    let mut m = 0u32;
    let table = table();
    for c in text.chars() {
        let code = c as u32;
        let letters = if (FIRST..=LAST).contains(&code) {
            table.letters[(code - FIRST) as usize]
        } else {
            0
        };
        if letters == 0 {
            m |= fold::letter_bits(fold::bit(c));
        } else {
            any = true;
            m |= letters;
        }
    }
    if any { m } else { 0 }
}

/// One char of the text being matched.
#[derive(Debug, Clone, Copy)]
pub struct Unit {
    /// Folded, ASCII lower-cased.
    ch: char,
    set: u32,
    /// The first letters of the readings of `set` ([`first_bit`]): a term char outside
    /// them is consumed by none of its readings, which are then not looked at.
    firsts: u32,
    /// The char's position in the text (separators are not units, see [`units`]).
    pos: u16,
    /// It starts a word that a reading runs into only from the text's first char: the
    /// first char after a leading place name (深圳市|周大生, 广东省深圳市|…).
    brk: bool,
}

/// Fills `units` with the text's chars (at most [`MAX_UNITS`]), leaving out separators
/// (spaces, brackets, punctuation): a reading runs on across them, as a reader's does
/// across 深圳市特力(集团), while other chars (Latin letters, digits) end it.
pub fn units(text: &str, units: &mut Vec<Unit>) {
    units.clear();
    let table = table();
    let mut chars = 0;
    for (pos, c) in text.chars().take(MAX_UNITS).enumerate() {
        chars = pos + 1;
        // The table first: a Chinese char has readings, and `is_alphanumeric`
        // looks every non-ASCII char up in Unicode's tables (a tenth of a
        // keystroke's time on Chinese names).
        let code = c as u32;
        let set = if (FIRST..=LAST).contains(&code) {
            table.index[(code - FIRST) as usize]
        } else {
            0
        };
        let ch = if set != 0 && code != IDEOGRAPHIC_SPACE {
            // In the table's range folding changes only the ideographic space: a char
            // with readings is its own folded form.
            c
        } else if c.is_ascii_alphanumeric() || c.is_alphanumeric() || set != 0 {
            fold::plain(c).to_ascii_lowercase()
        } else {
            continue;
        };
        units.push(Unit {
            ch,
            set,
            firsts: table.firsts.get(set as usize).copied().unwrap_or(FIRST_OTHER),
            pos: to_u16(pos),
            brk: false,
        });
    }
    if let Some(after) = place_end(units, chars)
        && let Some(u) = units.iter_mut().find(|u| usize::from(u.pos) >= after)
    {
        u.brk = true;
    }
}

const IDEOGRAPHIC_SPACE: u32 = 0x3000;

/// [`place_prefix`] read off the units of a text of `chars` chars (counted up to
/// [`MAX_UNITS`]), without decoding it again: Chinese chars are always units, and kept
/// as they are, so the leading run of Chinese chars is the units whose places are their
/// own indexes.
fn place_end(units: &[Unit], chars: usize) -> Option<usize> {
    let mut end = None;
    for (i, u) in units.iter().take(PLACE_CHARS).enumerate() {
        if usize::from(u.pos) != i || !fold::is_han(u.ch) {
            break;
        }
        let next = units
            .get(i + 1)
            .filter(|n| i + 1 < PLACE_CHARS && usize::from(n.pos) == i + 1)
            .map(|n| n.ch);
        if i >= 2 && matches!(u.ch, '省' | '市' | '区' | '县') && next != Some('场') {
            end = Some(i + 1);
        }
    }
    // Only when something follows it.
    end.filter(|e| *e < chars)
}

/// The chars a leading place name is looked for in.
const PLACE_CHARS: usize = 10;

/// Where a leading place name ends, in chars: 深圳市, 惠州市, 广东省深圳市, 深圳市罗湖区 (a
/// run of Chinese chars up to the last 省, 市, 区 or 县 among the first ten, at least two
/// chars in, and not 市场, a market). A reading that starts inside it and runs on into
/// the name after it is no reading of either: `zhoushisheng` is not 惠州市生翠 (州市生),
/// and a company called 周石生 after its city is found by its own name. The whole name
/// still reads from its first char (`szsxbh`, `shenzhenshi…`).
#[must_use]
pub fn place_prefix(text: &str) -> Option<usize> {
    crate::data::places::leading_place(text, fold::is_han)
}

/// Longer texts are matched on their first chars only: names are far shorter.
pub const MAX_UNITS: usize = 128;

/// Whether `word` (any case) is one whole syllable of Mandarin as typed (`zhou`, `sheng`,
/// `lv`), by the readings of the chars the table covers.
#[must_use]
pub fn is_syllable(word: &str) -> bool {
    word.is_ascii() && !word.is_empty() && table().syllables.contains(word.to_ascii_lowercase().as_bytes())
}

/// Terms longer than this are not tried as pinyin (a 64-bit reachability set).
pub const MAX_TERM: usize = 63;

/// How a pinyin match read the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Whole syllables (the last may be cut short while typing): `zhoudasheng`.
    Full,
    /// One letter per char: `zds`.
    Initials,
    /// Anything else: `周ds`, `zhou大生`, `zhdsh`.
    Mixed,
}

/// Where the term must sit in the text. A pinyin match always reads consecutive chars
/// (separators aside): the initials of syllables apart are not a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchors {
    /// The first unit must be matched (`^term`).
    pub start: bool,
    /// The last unit must be matched (`term$`).
    pub end: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub score: i32,
    /// Char positions in the text of the first and last matched char.
    pub first: usize,
    pub last: usize,
    pub reading: Reading,
    /// Every matched char but the last consumed a whole syllable (or itself): the term
    /// reads as words, as in an address (`luohu` in 罗湖区), not as initials.
    pub whole: bool,
    /// The term read every char of the text (separators aside), each by a whole
    /// syllable or as itself: the whole name, as a whole word would be (`bonus::word`).
    pub entire: bool,
    /// The matched char positions, when asked for.
    pub positions: Vec<usize>,
}

impl Match {
    /// The match with `bonus` added to its score.
    #[must_use]
    pub fn plus(self, bonus: i32) -> Match {
        Match {
            score: self.score.saturating_add(bonus),
            ..self
        }
    }
}

// On the fuzzy matcher's scale. Each matched char costs UNIT and a whole syllable earns
// WHOLE back, so for the same letters fewer, whole syllables win: "xing" reads 星 before
// 鑫贵 (xin + g). Letters of one syllable are consecutive, as in Latin text, and earn
// BONUS_CONSECUTIVE each after the first: whole syllables on consecutive chars then score
// what the fuzzy matcher gives the same letters together in lower-case Latin text, plus
// one (`20n + 4` from a word start). A char read by one of its rarer readings (信 as
// shen) pays `RARE_PER_CHAR` per char of the term, more than the coverage tie-breaker can
// give (`bonus::cover`, below `2n`): a common reading always ranks first.
const SCORE_MATCH: i32 = 16;
const BONUS_HEAD: i32 = 8;
const BONUS_WHOLE: i32 = 8;
const UNIT: i32 = 8;
const BONUS_CONSECUTIVE: i32 = 4;
const RARE_PER_CHAR: i32 = 2;
const NEG: i32 = i32::MIN / 4;

const WHOLE: u8 = 1; // a whole syllable of two letters or more
const INITIAL: u8 = 2; // the first letter of a longer syllable
const PARTIAL: u8 = 4; // more than one letter, less than the syllable
const HAN: u8 = 8; // a Chinese char typed as itself
const SINGLE: u8 = 16; // a one-letter syllable (阿 a): both whole and initial
const RARE: u8 = 32; // read by a reading other than the char's most common one
const RARE_LETTERS: u8 = 64; // two letters or more of a rarer reading

/// Which readings a pass of [`best`] may use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Limit {
    Any,
    /// A rarer reading only by its initial.
    RareInitials,
    /// No syllable cut short inside the term (at its end it may be: still being typed).
    NoCutInside,
}

#[derive(Clone, Copy)]
struct Cell {
    score: i32,
    first: u16,
    flags: u8,
    /// The flags of the units before this one.
    prior: u8,
}

const EMPTY: Cell = Cell {
    score: NEG,
    first: 0,
    flags: 0,
    prior: 0,
};

/// Reusable buffers, one per matching thread.
#[derive(Default)]
pub struct Scratch {
    pub units: Vec<Unit>,
    /// The text `units` were made of (see `text::pinyin_match`).
    pub units_of: String,
    m: Vec<Cell>,
    /// Per char of the term `longest_of`, the longest syllable it starts (0 for none):
    /// asked for every unit a reading is cut short on, so worked out once per term.
    longest: Vec<u8>,
    longest_of: Vec<char>,
}

impl Scratch {
    /// Makes `longest` the term's.
    fn prepare(&mut self, term: &[char]) {
        if self.longest_of != term {
            self.longest_of.clear();
            self.longest_of.extend_from_slice(term);
            self.longest.clear();
            self.longest
                .extend((0..term.len()).map(|at| longest_syllable(&term[at..])));
        }
    }
}

/// The ways unit `u` can consume the term from `at`: (chars consumed, flags).
/// `longest` is the term's longest syllables ([`Scratch::prepare`]).
fn options(u: Unit, term: &[char], longest: &[u8], at: usize, limit: Limit, mut each: impl FnMut(usize, u8)) {
    let Some(&first) = term.get(at) else { return };
    // Only Chinese chars take part: Latin text is the fuzzy matcher's, and letting pinyin
    // runs continue into English words ("xing" → 校 + "ing…") only adds noise.
    if u.set == 0 && !fold::is_han(u.ch) {
        return;
    }
    if first == u.ch {
        each(1, HAN);
    }
    // No reading starts with the term's next char: most units, for most places in the
    // term (a reading's letters are ASCII, so a char beyond is in none).
    let bit = if first.is_ascii_lowercase() {
        1 << (first as u32 - u32::from(b'a'))
    } else if first.is_ascii() {
        first_bit(0)
    } else {
        0
    };
    if u.firsts & (bit | FIRST_OTHER) == 0 {
        return;
    }
    for (r, main, prefixes) in readings_in(&table().sets, u.set) {
        let common = r
            .iter()
            .zip(&term[at..])
            .take_while(|(b, c)| u32::from(**b) == **c as u32)
            .count();
        let rare = if main { 0 } else { RARE };
        for k in 1..=common {
            // A rarer reading cut short reads as that char only where the term ends (the
            // syllable still being typed): inside a term, `da` of 石's rare `dan` made
            // `zhoudasheng` find 周石生 (zhou shi sheng) where no 周大生 exists.
            if !main && k > 1 && k < r.len() && at + k < term.len() {
                continue;
            }
            // Nor is any reading cut short inside the term to letters that are a syllable
            // of their own: `shen` of 生 (sheng) in `shenzhen` read 生珍 as 深圳, `jin` of
            // 京 (jing) in `jinhualong` 京华龙 as 金华龙. Letters that are no syllable
            // (`zh`, `sh` in `zhdsh`) abbreviate as before.
            if k > 1 && k < r.len() && at + k < term.len() && prefixes & (1 << k) != 0 {
                continue;
            }
            // Nor is a reading cut short where the term goes on with the reading's next
            // letter into a longer syllable: a reader reads on. `zhou` is not z(之) +
            // hou(后) or zh(中) + ou(欧); initials still read (`shhjjys` for 上海黄金交易所:
            // no syllable starts `shh`).
            if k < r.len()
                && term.get(at + k).is_some_and(|&c| c as u32 == u32::from(r[k]))
                && usize::from(longest[at]) > k
            {
                continue;
            }
            if (limit == Limit::RareInitials && !main && k > 1)
                || (limit == Limit::NoCutInside && k < r.len() && at + k < term.len())
            {
                continue;
            }
            let flags = if r.len() == 1 {
                SINGLE
            } else if k == r.len() {
                WHOLE
            } else if k == 1 {
                INITIAL
            } else {
                PARTIAL
            };
            let long = if !main && k > 1 { RARE_LETTERS } else { 0 };
            each(k, flags | rare | long);
        }
    }
}

/// The length of the longest syllable of Mandarin `term` starts with, 0 for none: it
/// starts one longer than `k` letters when this is above `k`.
fn longest_syllable(term: &[char]) -> u8 {
    let mut buf = [0u8; MAX_SYLLABLE];
    let mut longest = 0;
    for (len, &c) in term.iter().take(MAX_SYLLABLE).enumerate() {
        if !c.is_ascii_lowercase() {
            break;
        }
        buf[len] = c as u8;
        if table().syllables.contains(&buf[..=len]) {
            longest = len + 1;
        }
    }
    u8::try_from(longest).unwrap_or(u8::MAX)
}

/// The longest syllable of Mandarin, in letters (`zhuang`).
const MAX_SYLLABLE: usize = 6;

/// A quick yes/no before scoring: can consecutive units consume the term? Far cheaper
/// than scoring, and most texts that pass the masks still fail here.
#[must_use]
pub fn feasible(units: &[Unit], term: &[char], scratch: &mut Scratch) -> bool {
    let q = term.len();
    if q == 0 || q > MAX_TERM {
        return false;
    }
    scratch.prepare(term);
    let longest = &scratch.longest;
    // Bit `i` of the reach: `i` chars of the term consumed by a run ending at this unit.
    let done = 1u64 << q;
    let mut reach = 1u64;
    for &u in units {
        let mut next = 1u64;
        let mut bits = reach & (done - 1);
        while bits != 0 {
            let at = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            options(u, term, longest, at, Limit::Any, |k, _| next |= 1 << (at + k));
        }
        if next & done != 0 {
            return true;
        }
        reach = next;
    }
    false
}

/// The best pinyin match of `term` (folded, lower-case chars) on consecutive `units`, if
/// any. A match must read at least one char by its pinyin; plain text matches are the
/// fuzzy matcher's.
///
/// Nor may it be a guess: initials or syllables cut short inside the term together with
/// two letters or more of a rarer reading. `jwa` read 梦金园 as j(in) + wa(n), a reading
/// of 园 no name uses, above the awards called JWA; abbreviating with a rarer reading's
/// initial (`zbh` for 珠宝行, hang) or spelling whole syllables (`jinwan`) still reads.
/// Typing a char never turns a guess back into a reading (the cuts inside and the
/// rarer letters only grow), so a longer query still matches a subset of a shorter one's
/// records and scores within its gain bound.
pub fn best(
    units: &[Unit],
    term: &[char],
    anchors: Anchors,
    scratch: &mut Scratch,
    want_positions: bool,
) -> Option<Match> {
    let (qlen, tlen) = (term.len(), units.len());
    if qlen == 0 || qlen > MAX_TERM || tlen == 0 {
        return None;
    }
    let width = qlen + 1;
    scratch.prepare(term);
    let (dp, longest) = (&mut scratch.m, &scratch.longest[..]);
    let (mut score, mut last) = fill(units, term, longest, anchors, dp, Limit::Any)?;
    if guess(dp[last * width + qlen]) {
        // The best reading guesses; the best of the readings that do not, if any.
        let initials = fill(units, term, longest, anchors, dp, Limit::RareInitials);
        let whole = fill(units, term, longest, anchors, dp, Limit::NoCutInside);
        (score, last) = match (initials, whole) {
            (Some(a), Some(b)) if b.0 >= a.0 => b,
            (Some(a), _) => {
                // The cells read below must be this pass's.
                fill(units, term, longest, anchors, dp, Limit::RareInitials);
                a
            }
            (None, Some(b)) => b,
            (None, None) => return None,
        };
    }
    let cell = dp[last * width + qlen];
    let first = usize::from(cell.first);
    Some(Match {
        score,
        first: usize::from(units[first].pos),
        last: usize::from(units[last].pos),
        reading: reading(cell.flags),
        whole: cell.prior & (INITIAL | PARTIAL) == 0,
        entire: first == 0 && last + 1 == tlen && cell.flags & (INITIAL | PARTIAL) == 0,
        positions: if want_positions {
            units[first..=last].iter().map(|u| usize::from(u.pos)).collect()
        } else {
            Vec::new()
        },
    })
}

/// A match that cut a syllable short inside the term and read two letters or more of a
/// rarer reading.
fn guess(cell: Cell) -> bool {
    cell.prior & (INITIAL | PARTIAL) != 0 && cell.flags & RARE_LETTERS != 0
}

/// Fills `dp` (a row of `term.len() + 1` cells per unit) with the best scores of every
/// run of units reading a prefix of the term, within `limit`; the best full reading's
/// score and last unit.
fn fill(
    units: &[Unit],
    term: &[char],
    longest: &[u8],
    anchors: Anchors,
    dp: &mut Vec<Cell>,
    limit: Limit,
) -> Option<(i32, usize)> {
    let (qlen, tlen) = (term.len(), units.len());
    let width = qlen + 1;
    dp.clear();
    dp.resize(tlen * width, EMPTY);
    let rare_penalty = RARE_PER_CHAR * to_i32(qlen);
    for (j, unit) in units.iter().enumerate() {
        for at in 0..qlen {
            let pred = if at == 0 {
                if anchors.start && j != 0 {
                    continue;
                }
                Cell {
                    score: 0,
                    first: to_u16(j),
                    ..EMPTY
                }
            } else if j >= 1
                && dp[(j - 1) * width + at].score > NEG
                // Into the word after a place name only from the text's start: the whole
                // name read (`szsxbh` for 深圳市祥宝鸿), not a run begun inside the place
                // name (州市生 of 惠州市生翠 for `zhoushisheng`).
                && (!unit.brk || dp[(j - 1) * width + at].first == 0)
            {
                let cell = dp[(j - 1) * width + at];
                Cell {
                    score: cell.score + BONUS_CONSECUTIVE,
                    ..cell
                }
            } else {
                continue;
            };
            options(*unit, term, longest, at, limit, |k, how| {
                // The start of the match earns the fuzzy matcher's head bonus, double at
                // the start of the text.
                let head = match (at, unit.pos) {
                    (0, 0) => 2 * BONUS_HEAD,
                    (0, _) => BONUS_HEAD,
                    _ => 0,
                };
                let whole = if how & (WHOLE | SINGLE | HAN) != 0 {
                    BONUS_WHOLE
                } else {
                    0
                };
                let rare = if how & RARE != 0 { rare_penalty } else { 0 };
                let score =
                    pred.score + (SCORE_MATCH + BONUS_CONSECUTIVE) * to_i32(k) - BONUS_CONSECUTIVE + head + whole
                        - UNIT
                        - rare;
                let cell = &mut dp[j * width + at + k];
                if score > cell.score {
                    *cell = Cell {
                        score,
                        first: pred.first,
                        flags: pred.flags | how,
                        prior: pred.flags,
                    };
                }
            });
        }
    }
    let mut best: Option<(i32, usize)> = None;
    for j in 0..tlen {
        if anchors.end && j + 1 != tlen {
            continue;
        }
        let cell = dp[j * width + qlen];
        if cell.score > NEG
            && cell.flags & (WHOLE | INITIAL | PARTIAL | SINGLE) != 0
            && best.is_none_or(|(s, _)| cell.score > s)
        {
            best = Some((cell.score, j));
        }
    }
    best
}

fn reading(flags: u8) -> Reading {
    let syllables = flags & (WHOLE | PARTIAL) != 0;
    let initials = flags & INITIAL != 0;
    if flags & HAN == 0 && initials && !syllables {
        Reading::Initials
    } else if flags & HAN == 0 && !initials {
        Reading::Full
    } else {
        Reading::Mixed
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests;
