//! One term against one text: names (fuzzy, above the quality floor; pinyin) and field
//! values (a word or a word prefix; pinyin of Chinese text; a Chinese term spelled out in
//! Latin text). Scores are on the fuzzy matcher's scale (`score`, `bonus`). Nothing here
//! knows records: `matcher` decides which texts to try and in which tier.

use super::anchor;
use super::bonus;
use super::fold::{self, Case, Folded};
use super::negation;
use super::pinyin::{self, Anchors};
use super::query::{Mode, Term, Word};
use super::score::Scorer;
use super::spell;

mod number;
mod words;
mod written;

pub use number::number_in;

pub use words::word_prefix;
// The tests compare the ASCII reader with the general one.
#[cfg(test)]
use words::{any_word_prefix, ascii_word_prefix};
use written::starts_with;
pub use written::{find, subsequence, substring, substring_run_together, words_run_together};

/// One thread's buffers for matching texts.
#[derive(Default)]
pub struct Bufs {
    pub fold: String,
    pub scorer: Scorer,
    pub anchor: anchor::Scratch,
    pub py: pinyin::Scratch,
    pub spell: spell::Scratch,
    /// A name's letters and digits, folded ([`together`]).
    letters: String,
    /// Set by [`text_score`] for the text it last scored: a Chinese term found there only
    /// as runs one of which is a lone char (`粤宝金` in 粤宝鑫贵金属: 粤宝 … 金), as runs
    /// far apart, or, in a sentence, as runs apart at all ([`apart`]).
    pub apart: bool,
    /// The text being scored is a sentence ([`score_as`]).
    sentence: bool,
}

/// Where a term was found in a field value: its score, the chars it covers, and whether
/// the clause there negates it (`negation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InValue {
    pub score: i64,
    pub start: usize,
    pub len: usize,
    pub negated: bool,
    /// Chinese chars found by their reading in Latin letters (`杰我瑞` in `jieworui`):
    /// the letters spell 杰我睿 just as well, so this is no match as typed.
    pub by_sound: bool,
    /// Words run together whose last the term cuts short (`goldman` in "gold
    /// manufacturing"): no word of the value is the term's, so no match as typed.
    pub cut_short: bool,
}

impl InValue {
    fn at(value: &str, score: i64, start: usize, len: usize) -> InValue {
        InValue {
            score,
            start,
            len,
            negated: negation::negated(value, start, len),
            by_sound: false,
            cut_short: false,
        }
    }
}

/// Runs the pinyin matcher in the term's mode: consecutive chars only, with the ranking
/// layer's bonus for a term read as written and the coverage tie-breaker.
pub fn pinyin_match(
    mode: Mode,
    chars: &[char],
    text: &str,
    scratch: &mut pinyin::Scratch,
    positions: bool,
) -> Option<pinyin::Match> {
    let mut units = std::mem::take(&mut scratch.units);
    // A query of several terms reads the same Chinese name once per term and once more
    // as a whole (`together`): its units are made once.
    if scratch.units_of != text {
        pinyin::units(text, &mut units);
        scratch.units_of.clear();
        scratch.units_of.push_str(text);
    }
    let anchors = Anchors {
        start: matches!(mode, Mode::Prefix | Mode::Whole),
        end: matches!(mode, Mode::Suffix | Mode::Whole),
    };
    let form = i32::try_from(bonus::form(chars.len())).unwrap_or(0);
    let found = (mode != Mode::Fuzzy || pinyin::feasible(&units, chars, scratch))
        .then(|| pinyin::best(&units, chars, anchors, scratch, positions))
        .flatten()
        .map(|m| {
            // How much of the Chinese text the reading covers.
            let covered = m.last + 1 - m.first;
            let cover = i32::try_from(bonus::cover(chars.len(), covered, units.len())).unwrap_or(0);
            let word = if m.entire {
                i32::try_from(bonus::word(chars.len())).unwrap_or(0)
            } else {
                0
            };
            m.plus(form + cover + word)
        });
    scratch.units = units;
    found
}

/// [`text_score`], of a sentence (an event's title, a measure's name) when `sentence`: a
/// Chinese term read there in runs apart is no match as typed.
pub fn score_as(term: &Term, text: &str, b: &mut Bufs, sentence: bool) -> Option<i64> {
    b.sentence = sentence;
    let score = text_score(term, text, b);
    b.sentence = false;
    score
}

/// The term against a name in its own mode (fuzzy, exact, prefix, suffix, whole), with the
/// ranking layer's bonus when the text holds the term as written ([`bonus`]). A fuzzy
/// match must pass the quality floor ([`anchor`]).
pub fn text_score(term: &Term, text: &str, b: &mut Bufs) -> Option<i64> {
    b.apart = false;
    let folded = fold::fold_into(text, term.case, &mut b.fold);
    if !stands_at_a_word(term, folded.text) {
        return None;
    }
    if term.number {
        // A figure whole (`1000` in "passes 1,000 yuan a gram", not in "10,000
        // visitors" or "2025-10-01"): no fuzzy reading of digits.
        return number_in(folded.text, &term.chars).map(|(start, chars)| {
            bonus::exact_score(folded.text, start, chars) + bonus::cover(chars, chars, folded.text.chars().count())
        });
    }
    match term.mode {
        Mode::Fuzzy => {
            // On ASCII text the scorer's own first scan is the subsequence test; other
            // text is tested before the scorer decodes it.
            if !folded.ascii && !subsequence(folded, term) {
                return None;
            }
            // On a short ASCII text the floor is checked on the places before the score
            // is computed (`score_gated`): the score of a text that fails it is not needed.
            let base = b
                .scorer
                .score_gated(folded.text, folded.ascii, &term.chars, term.case, |places| {
                    // Most matches people type stand together at a word start: settled
                    // without the floor's rows.
                    starts_a_word(folded.text.as_bytes(), bonus::together_bits(places))
                        || floor_in_bits(folded.text.as_bytes(), places)
                })?;
            let n = term.chars.len();
            // In a sentence (an event's title, a figure's name) only the term together
            // is read as written: the initials of its words name nothing there
            // (`zdf` in "Zhou Dasheng franchised stores" ranked above 周大福).
            let sentence = b.sentence;
            let (as_written, passes) = if let Some(places) = b.scorer.places() {
                // The places were found, so the gate was asked, and it let the text pass.
                let written = if sentence {
                    bonus::together_bits(places) != 0
                } else {
                    bonus::written_in_bits(folded.text.as_bytes(), places)
                };
                (written, true)
            } else {
                let written = find(folded, term, Mode::Exact).is_some()
                    || !sentence && bonus::acronym(folded.text, folded.ascii, &term.chars, term.case);
                let passes = anchor::anchored(folded.text, folded.ascii, &term.chars, term.case, None, &mut b.anchor);
                (written, passes)
            };
            if !passes {
                return None;
            }
            if !as_written && !folded.ascii {
                b.apart = apart(folded.text, term, b.sentence || term.word == Word::Together);
            } else if term.word == Word::Together && !folded.ascii {
                // A registered name's short form names the company whose name it begins,
                // after a leading place: 六福 of 深圳市六福有限公司 is not 周六福珠宝's,
                // nor a summary's mention of 金龙珠宝 the company 深圳市金龙珠宝有限公司.
                b.apart = !begins_the_name(folded.text, &term.chars);
            }
            let len = if folded.ascii {
                folded.text.len()
            } else {
                folded.text.chars().count()
            };
            let word = as_written
                && match b.scorer.places() {
                    Some(places) => ascii_whole_word(folded.text.as_bytes(), n, bonus::together_bits(places)),
                    None => whole_word(folded.text, &term.chars, term.case),
                };
            Some(
                base + if as_written || n == 1 { bonus::form(n) } else { 0 }
                    + bonus::cover(n, n, len)
                    + if word { bonus::word(n) } else { 0 },
            )
        }
        mode => find(folded, term, mode).map(|(start, chars)| {
            bonus::exact_score(folded.text, start, chars) + bonus::cover(chars, chars, folded.text.chars().count())
        }),
    }
}

/// Whether `text` begins with `chars`, or does so after its leading place (深圳市,
/// 深圳, 深圳市罗湖区).
fn begins_the_name(text: &str, chars: &[char]) -> bool {
    let place = crate::search::pinyin::place_prefix(text)
        .and_then(|n| text.char_indices().nth(n))
        .map_or(0, |(at, _)| at);
    let begins = |rest: &str| rest.chars().take(chars.len()).eq(chars.iter().copied());
    begins(text) || begins(&text[place..]) || begins(super::query::after_places(text))
}

/// Whether a term that must start a word ([`Word::Start`], a stem read for a word with
/// an ending) does so in the (folded) name: `list` of `listed` is no scattered l-i-s-t.
fn stands_at_a_word(term: &Term, folded: &str) -> bool {
    term.word != Word::Start || word_prefix(folded, &term.chars, term.case, 0).is_some()
}

/// Whether a Chinese term that passed the floor in `text` (not as written) reads there
/// only with a lone char in a run of its own, or with its runs far apart: the floor lets
/// a run follow one of two chars or more (深圳珠宝 in 深圳市周大生珠宝), so 粤宝金 passes in
/// 粤宝鑫贵金属 by the 金 of 贵金属, and 中国黄金 in 中国人民银行深圳中心支行试点“黄金寄售”,
/// names the term does not name. In a `sentence` any runs apart are. Such a match is no
/// match as typed. (The floor itself stays as it is: it only looks back, so typing
/// narrows; `anchor`.)
fn apart(text: &str, term: &Term, sentence: bool) -> bool {
    let n = term.chars.len();
    if n < 3 || !term.chars.iter().all(|c| fold::is_han(*c)) {
        return false;
    }
    // A total of the measure named: 交易额 in 水贝交易总额, 销售额 in 销售总额.
    if with_total(text, &term.chars) {
        return false;
    }
    if sentence {
        return true;
    }
    // A leading place name (深圳市, 深圳市罗湖区) is no gap: 深圳珠宝 is read in
    // 深圳市罗湖区金福珠宝 as in 深圳金福珠宝.
    let place = crate::search::pinyin::place_prefix(text)
        .and_then(|chars| text.char_indices().nth(chars))
        .map_or(0, |(at, _)| at);
    // Three chars not together are two runs, one of them a lone char.
    n == 3 || !in_runs(text, &term.chars, 0, None, place)
}

/// Whether `chars` stand in `text` with 总 ("total") put between two of them, as a
/// measure's total is written (交易额, 交易总额; 营业收入, 营业总收入): the same measure,
/// summed, not other words between.
fn with_total(text: &str, chars: &[char]) -> bool {
    if chars.len() > RUNS_UP_TO || !text.contains('总') {
        return false;
    }
    let mut buf = String::with_capacity(4 * (chars.len() + 1));
    (1..chars.len()).any(|cut| {
        buf.clear();
        buf.extend(&chars[..cut]);
        buf.push('总');
        buf.extend(&chars[cut..]);
        text.contains(buf.as_str())
    })
}

/// Terms up to this many chars are split into runs by [`in_runs`]; longer ones (rare, and
/// with a great many splits) count as read in runs.
const RUNS_UP_TO: usize = 12;

/// The most chars between two runs of a term that still read as one name: 周大生 between
/// 深圳 and 珠宝, （深圳） between 周大福 and 珠宝. Farther apart, the runs are words of
/// different things (水贝黄金… and 上海黄金交易所 are not a 水贝黄金交易所).
const RUNS_GAP: usize = 4;

/// Whether `chars` stand in `text` from byte `from` in order as runs of two chars or more,
/// each at most [`RUNS_GAP`] chars after the one before (`after`, where it ended; a gap
/// inside the leading place name, which ends at byte `place`, is not counted), for some
/// way to cut the chars into runs and some places of them.
fn in_runs(text: &str, chars: &[char], from: usize, after: Option<usize>, place: usize) -> bool {
    if chars.is_empty() || chars.len() > RUNS_UP_TO {
        return true;
    }
    let mut buf = [0u8; 4 * RUNS_UP_TO];
    for k in 2..=chars.len() {
        if chars.len() - k == 1 {
            continue;
        }
        let mut len = 0;
        for c in &chars[..k] {
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        let run = std::str::from_utf8(&buf[..len]).unwrap_or_default();
        let Some(rest) = text.get(from..) else { return false };
        for (at, _) in rest.match_indices(run) {
            let at = from + at;
            if let Some(end) = after {
                let gap_from = end.max(place).min(at);
                if text[gap_from..at].chars().count() > RUNS_GAP {
                    // Every later place is farther still.
                    break;
                }
            }
            if in_runs(text, &chars[k..], at + run.len(), Some(at + run.len()), place) {
                return true;
            }
        }
    }
    false
}

/// How much of `text` the query's terms `joined` into one cover when they stand together
/// in it, in order, as its letters and digits or by its pinyin (see `Matcher::together`);
/// the best of `joined` and `others` (the same words in other spellings), the text's
/// letters read once for all of them that fold case alike.
pub fn together(joined: &Term, others: &[Term], text: &str, b: &mut Bufs) -> Option<i64> {
    // One buffer for every name (a `String` per name was a twentieth of the time of a
    // query such as `shenzhen gold`).
    let letters = &mut b.letters;
    letters.clear();
    let ascii = text.is_ascii();
    if ascii {
        // An ASCII char folds to itself in either case mode.
        letters.extend(text.bytes().filter(u8::is_ascii_alphanumeric).map(char::from));
    } else {
        letters.extend(
            text.chars()
                .map(|c| joined.case.fold(c))
                .filter(|c| c.is_alphanumeric()),
        );
    }
    let folded = Folded {
        ascii: ascii || letters.is_ascii(),
        text: letters,
    };
    let len = if folded.ascii {
        letters.len()
    } else {
        letters.chars().count()
    };
    let mut cover: Option<i64> = None;
    let mut best = |c: i64| cover = Some(cover.map_or(c, |k| k.max(c)));
    let mut later: Vec<&Term> = Vec::new();
    for term in std::iter::once(joined).chain(others) {
        // Folded otherwise than the letters were: read again, below.
        if !ascii && term.case != joined.case {
            later.push(term);
            continue;
        }
        if find(folded, term, Mode::Exact).is_some() {
            let n = term.chars.len();
            best(bonus::cover(n, n, len));
        }
    }
    let han = !ascii && text.chars().any(fold::is_han);
    for term in std::iter::once(joined).chain(others) {
        if let Some(chars) = &term.pinyin
            && han
            && let Some(m) = pinyin_match(Mode::Fuzzy, chars, text, &mut b.py, false)
        {
            best(bonus::cover(
                term.chars.len(),
                m.last + 1 - m.first,
                text.chars().count(),
            ));
        }
    }
    for term in later {
        if let Some(c) = together(term, &[], text, b) {
            best(c);
        }
    }
    cover
}

/// Whether one of the places in `together` (bits of an ASCII text, where a term of `n`
/// chars stands) holds the term as a whole word: no letter or digit on either side.
fn ascii_whole_word(text: &[u8], n: usize, mut together: u64) -> bool {
    let word = |i: Option<usize>| i.and_then(|i| text.get(i)).is_some_and(u8::is_ascii_alphanumeric);
    while together != 0 {
        let at = together.trailing_zeros() as usize;
        together &= together - 1;
        if !word(at.checked_sub(1)) && !word(Some(at + n)) {
            return true;
        }
    }
    false
}

/// Whether `pat` stands in `text` as a whole word: no letter or digit (Chinese chars
/// included) on either side. A Chinese term is a whole word only as a whole name or
/// between separators: Chinese has no spaces to tell its words.
pub fn whole_word(text: &str, pat: &[char], case: Case) -> bool {
    let mut prev: Option<char> = None;
    for (byte, c) in text.char_indices() {
        if prev.is_none_or(|p| !p.is_alphanumeric()) && starts_with(&text[byte..], pat, case) {
            let end = text[byte..].char_indices().nth(pat.len()).map(|(i, _)| byte + i);
            if end
                .and_then(|e| text[e..].chars().next())
                .is_none_or(|next| !next.is_alphanumeric())
            {
                return true;
            }
        }
        prev = Some(c);
    }
    false
}

/// Whether one of the places in `together` (bits of an ASCII text) starts a word.
fn starts_a_word(text: &[u8], mut together: u64) -> bool {
    while together != 0 {
        let at = together.trailing_zeros() as usize;
        together &= together - 1;
        if at == 0
            || bonus::starts_word(
                bonus::type_of_fast(char::from(text[at - 1])),
                bonus::type_of_fast(char::from(text[at])),
            )
        {
            return true;
        }
    }
    false
}

/// [`anchor::anchored`] on an ASCII text of at most 64 chars, from each term char's
/// places in it as bits (what the scorer found): the same rows, with word starts looked
/// at only where a row needs them. Scattered letters (most names the scorer sees for a
/// broad term) fail at the first char or two, so the whole text's word starts were
/// nearly all classified for nothing (a sixth of the time `gold` took).
fn floor_in_bits(text: &[u8], places: &[u64]) -> bool {
    let Some((&first, rest)) = places.split_first() else {
        return false;
    };
    let len = text.len().min(64);
    // A word start as the floor reads it: one for the scorer's bonuses, and a mark
    // (neither letter, digit nor space), which starts a run of its own; but not an
    // apostrophe after a letter or a hyphen between two, so the word after it is the
    // next word (`peoples` in "People's", `prepricing` in "Pre-Pricing"), as `anchor`
    // reads it.
    let starts = |i: usize| {
        let c = char::from(text[i]);
        let in_word = i > 0
            && text[i - 1].is_ascii_alphabetic()
            && (c == '\'' || (c == '-' && text.get(i + 1).is_some_and(u8::is_ascii_alphabetic)));
        i == 0
            || bonus::starts_word(bonus::type_of_fast(char::from(text[i - 1])), bonus::type_of_fast(c))
            || !(c.is_ascii_alphanumeric() || c.is_whitespace() || in_word)
    };
    // Bit `i` of `row`: the term's chars so far read as runs that each start a word, the
    // last of them on char `i`.
    let mut row = 0u64;
    let mut bits = first;
    while bits != 0 {
        let i = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if starts(i) {
            row |= 1 << i;
        }
    }
    for &here in rest {
        if row == 0 {
            return false;
        }
        // Continuing a run, or starting one on the next word start after the last char.
        let mut next = here & (row << 1);
        let mut bits = row;
        while bits != 0 {
            let from = bits.trailing_zeros() as usize;
            let Some(word) = (from + 1..len).find(|i| starts(*i)) else {
                break;
            };
            next |= here & (1 << word);
            // The places before that word start have it as their next word start too.
            // (One on the word start itself is still to do: its next one lies further.)
            bits &= u64::MAX << word;
        }
        row = next;
    }
    row != 0
}

/// A term's positions (chars) in one name, in its own mode: a reading that passes the
/// floor, preferring the term together.
pub fn text_positions(term: &Term, text: &str, b: &mut Bufs) -> Option<Vec<usize>> {
    let folded = fold::fold_into(text, term.case, &mut b.fold);
    if !stands_at_a_word(term, folded.text) {
        return None;
    }
    if term.number {
        return number_in(folded.text, &term.chars).map(|(start, chars)| (start..start + chars).collect());
    }
    match term.mode {
        Mode::Fuzzy => {
            if !subsequence(folded, term) {
                return None;
            }
            anchor::positions(folded.text, folded.ascii, &term.chars, term.case, &mut b.anchor)
        }
        mode => find(folded, term, mode).map(|(start, n)| (start..start + n).collect()),
    }
}

/// A term in a field value: as written (a word or a word prefix for a plain term; the
/// term's own mode otherwise); else, when `readings`, by the pinyin of the value's Chinese
/// chars (`luohu` in 罗湖区, whole syllables but the last), or a Chinese term by its
/// spelling among the value's Latin words (`水贝` in "Shuibei 1st Road"). A reading ranks
/// just below the same match as written.
pub fn in_value(term: &Term, value: &str, readings: bool, b: &mut Bufs) -> Option<InValue> {
    let folded = fold::fold_into(value, term.case, &mut b.fold);
    let as_written = match term.mode {
        // The first place that no negation holds, else the first place.
        Mode::Fuzzy if term.number => number_in(folded.text, &term.chars)
            .map(|(start, len)| InValue::at(value, bonus::exact_score(folded.text, start, len), start, len)),
        Mode::Fuzzy => {
            let mut first = None;
            let mut from = 0;
            while let Some((start, len)) = word_prefix(folded.text, &term.chars, term.case, from) {
                let found = InValue::at(value, bonus::exact_score(folded.text, start, len), start, len);
                if !found.negated {
                    first = Some(found);
                    break;
                }
                first = first.or(Some(found));
                from = start + 1;
            }
            first.or_else(|| joined_in(value, folded.text, term))
        }
        mode => find(folded, term, mode)
            .map(|(start, len)| InValue::at(value, bonus::exact_score(folded.text, start, len), start, len)),
    };
    if let Some(found) = as_written {
        // The whole value (`metric:enterprise-count-shuibei` against that series, not
        // `…-shuibei-wanshan-zone`) leads the values it only begins; within the bound
        // typing may raise a score by (`Query::gain_over`).
        let whole = found.start == 0 && found.len == folded.text.chars().count();
        return Some(InValue {
            score: found.score + i64::from(whole),
            ..found
        });
    }
    if !readings || matches!(term.mode, Mode::Exact | Mode::Suffix) {
        return None;
    }
    if let Some(chars) = &term.pinyin
        && value.chars().any(pinyin::has_readings)
        && let Some(m) = pinyin_match(term.mode, chars, value, &mut b.py, false)
        && m.whole
    {
        return Some(InValue::at(
            value,
            i64::from(m.score) - 1,
            m.first,
            m.last + 1 - m.first,
        ));
    }
    spelled_in(term, value, b)
}

/// A term that spells the value's words run together (`chowsangsang` in "… Chow Sang
/// Sang …", [`words::joined_prefix`]), scored as the term's chars at that place less 4 for
/// each space passed over; one that ends inside a word is [`InValue::cut_short`].
fn joined_in(value: &str, folded: &str, term: &Term) -> Option<InValue> {
    let (start, len, spaces, whole) = words::joined_prefix(folded, &term.chars, term.case)?;
    let spaces = i64::try_from(spaces).unwrap_or(i64::MAX / 8);
    let found = InValue::at(
        value,
        bonus::exact_score(folded, start, term.chars.len()) - 4 * spaces,
        start,
        len,
    );
    Some(InValue {
        cut_short: !whole,
        ..found
    })
}

/// A Chinese term spelled in a value's Latin words (`水贝` in "Shuibei 2nd Road"), found
/// by sound ([`InValue::by_sound`]). Free text is read so only for a term the data itself
/// spells that way (`spelling`).
pub fn spelled_in(term: &Term, value: &str, b: &mut Bufs) -> Option<InValue> {
    let spelled = term.spelled.as_deref().filter(|_| term.han)?;
    if !value.bytes().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // Only the Latin words: the value's own Chinese chars were matched as written
    // above, and a homophone is no match as typed.
    let latin: String = value.chars().map(|c| if fold::is_han(c) { ' ' } else { c }).collect();
    b.spell.text.fill(&latin);
    let found = spell::find(spelled, &b.spell.text, 0, &mut b.spell.rows)?;
    // Scored as the term's own chars found there, below them wherever they stand (the
    // head bonus is at most 16): 水贝一路 before "Shuibei 1st Road" for `location:水贝`.
    let score = bonus::exact_score(value, found.start, term.chars.len()) - 17;
    let at = InValue::at(value, score, found.start, found.end - found.start);
    Some(InValue { by_sound: true, ..at })
}

#[cfg(test)]
mod tests;
