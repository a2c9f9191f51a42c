//! What a matcher asks of `spelling`, kept for the term last asked about (by address: a
//! matcher serves one query): whether the data writes a Chinese term in Latin letters as
//! its own names do ("Shuibei 2nd Road" for 水贝), and in which Chinese its names write a
//! Latin term (杰我睿 for `jieworui`). A field that holds a term either way holds it as
//! typed; any other spelling is only a sound-alike.

use super::super::bonus;
use super::super::fold;
use super::super::index::{Index, Written};
use super::super::negation;
use super::super::query::Term;
use super::super::records::Records;
use super::super::spelling;
use super::super::text::{self, Bufs, InValue};

/// The answers for the term last asked about.
#[derive(Default)]
pub(super) struct Known {
    /// A Chinese term: whether the data spells it in Latin letters.
    latin: Option<(usize, bool)>,
    /// A Latin term: the Chinese it stands for, and each one's pairs of chars
    /// ([`fold::pair_mask`]), which a value's pairs must cover to hold it.
    chinese: Option<(usize, Written, Vec<u64>)>,
}

impl Known {
    /// Whether the data spells `term` in Latin letters as its names do (`spelling`).
    pub(super) fn spells(&mut self, index: &Index, db: Records<'_>, term: &Term) -> bool {
        let key = std::ptr::from_ref(term).addr();
        match self.latin {
            Some((k, known)) if k == key => known,
            _ => {
                let known = spelling::written_by_the_data(index, db, term);
                self.latin = Some((key, known));
                known
            }
        }
    }

    /// The Chinese a Latin `term` stands for (`spelling`); empty for a term the data
    /// writes in none, or one that is not Latin.
    pub(super) fn chinese(&mut self, index: &Index, db: Records<'_>, term: &Term) -> Option<&Written> {
        self.asked(index, db, term).0
    }

    fn asked(&mut self, index: &Index, db: Records<'_>, term: &Term) -> (Option<&Written>, &[u64]) {
        let key = std::ptr::from_ref(term).addr();
        if self.chinese.as_ref().is_none_or(|(k, ..)| *k != key) {
            let written = spelling::chinese_written_by_the_data(index, db, term);
            let pairs = written.chinese.iter().map(|c| fold::pair_mask(c)).collect();
            self.chinese = Some((key, written, pairs));
        }
        self.chinese.as_ref().map_or((None, &[]), |(_, w, p)| (Some(w), p))
    }

    /// Whether a record's free text, whose pairs of chars are `pairs`, may hold a Latin
    /// `term` in the Chinese its names write it in: most records are never read.
    pub(super) fn may_write(&mut self, index: &Index, db: Records<'_>, term: &Term, pairs: u64) -> bool {
        !term.han && self.asked(index, db, term).1.iter().any(|p| p & !pairs == 0)
    }
}

/// A field's match, as typed when it only spells a Chinese term in Latin letters the way
/// the data's own names write that term (`spelling`): "Shuibei 2nd Road" for 水贝.
pub(super) fn as_written(index: &Index, db: Records<'_>, known: &mut Known, term: &Term, found: InValue) -> InValue {
    if !found.by_sound {
        return found;
    }
    InValue {
        by_sound: !known.spells(index, db, term),
        ..found
    }
}

/// A term in free text (a summary, which is not read by sound) as the data's names write
/// it: a Chinese term spelled in Latin letters ("Shuibei" for 水贝), a Latin term in
/// Chinese (杰我睿 for `jieworui`). `None` for any other value or term.
pub(super) fn spelled_in_free(
    index: &Index,
    db: Records<'_>,
    known: &mut Known,
    term: &Term,
    value: &str,
    free: bool,
    b: &mut Bufs,
) -> Option<InValue> {
    if !free {
        return None;
    }
    if term.han {
        return known
            .spells(index, db, term)
            .then(|| text::spelled_in(term, value, b))
            .flatten();
    }
    if value.is_ascii() {
        return None;
    }
    chinese_in(value, known.chinese(index, db, term)?)
}

/// Where `value` writes one of the Chinese a Latin term stands for (as a whole run of
/// Chinese, where that is what was found: [`Written::runs`]): the first place, scored as
/// the term's own chars found there and below them wherever they stand, as a spelling is
/// (the head bonus is at most 16). As typed: the data says the letters are that name.
fn chinese_in(value: &str, written: &Written) -> Option<InValue> {
    let whole = |at: usize, han: &str| {
        !written.runs
            || !(value[..at].chars().next_back().is_some_and(fold::is_han)
                || value[at + han.len()..].chars().next().is_some_and(fold::is_han))
    };
    let (at, han) = written
        .chinese
        .iter()
        .filter_map(|han| {
            value
                .match_indices(&**han)
                .find(|(at, _)| whole(*at, han))
                .map(|(at, _)| (at, han))
        })
        .min_by_key(|(at, _)| *at)?;
    let start = value[..at].chars().count();
    let len = han.chars().count();
    Some(InValue {
        score: bonus::exact_score(value, start, len) - 17,
        start,
        len,
        negated: negation::negated(value, start, len),
        by_sound: false,
        cut_short: false,
    })
}
