//! The search index: per record, the masks that let a query reject it without reading its
//! text. Built once per dataset, in parallel; immutable afterwards (Send + Sync).
//!
//! The index deliberately stores no text: folded forms are made on the fly for the few
//! records that pass the masks (one-to-one char folding keeps positions valid), and
//! pinyin is read from a shared per-process table. That keeps it to 20 bytes a record.

use rayon::prelude::*;

use super::fields;
use super::fold;
use super::pinyin;
use super::query::kind_slot;
use crate::db::{Db, Rec};
use crate::model::RecordKind;

/// Set in a primary mask when the record has related names (a brand's owner, an
/// enterprise's brands) that count as primary text.
pub(super) const HAS_RELATED: u64 = 1 << 63;
/// Set in a primary mask when the Chinese name has chars that fold to ASCII.
pub(super) const ZH_ASCII: u64 = 1 << 62;
/// Set in a pinyin mask when the pinyin text is the Chinese name (else it is the name).
pub(super) const PINYIN_ZH: u32 = 1 << 31;
/// Set in a pinyin mask when the record has a text with pinyin at all.
pub(super) const PINYIN_ANY: u32 = 1 << 30;

/// The masks of one tab's records, by record index.
#[derive(Debug, Default)]
pub(super) struct Tab {
    /// Chars of the names (own and related), plus [`HAS_RELATED`].
    pub primary: Box<[u64]>,
    /// Chars of the fields plain terms search below names.
    pub secondary: Box<[u64]>,
    /// Letters the pinyin text can match, plus [`PINYIN_ZH`] / [`PINYIN_ANY`]; 0 for none.
    pub pinyin: Box<[u32]>,
}

/// Everything a search needs beyond the `Db`, built once.
#[derive(Debug, Default)]
pub struct Index {
    tabs: [Tab; 4],
}

impl Index {
    /// Builds the masks of every record, on all cores.
    #[must_use]
    pub fn build(db: &Db) -> Index {
        let mut index = Index::default();
        for kind in RecordKind::ALL {
            index.tabs[kind_slot(kind)] = build_tab(db, kind);
        }
        index
    }

    /// Bytes the index holds on the heap (the shared pinyin table included).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        let tabs: usize = self
            .tabs
            .iter()
            .map(|t| t.primary.len() * 8 + t.secondary.len() * 8 + t.pinyin.len() * 4)
            .sum();
        tabs + pinyin::table_bytes()
    }

    pub(super) fn tab(&self, kind: RecordKind) -> &Tab {
        &self.tabs[kind_slot(kind)]
    }

    /// Whether the index was built for this dataset's shape (a mismatch means the caller
    /// passed another `Db`; searching then falls back to reading every record).
    pub(super) fn fits(&self, db: &Db, kind: RecordKind) -> bool {
        let tab = self.tab(kind);
        let n = db.len(kind);
        tab.primary.len() == n && tab.secondary.len() == n && tab.pinyin.len() == n
    }
}

fn build_tab(db: &Db, kind: RecordKind) -> Tab {
    let n = db.len(kind);
    let mut primary = vec![0u64; n];
    let mut secondary = vec![0u64; n];
    let mut py = vec![0u32; n];
    primary
        .par_iter_mut()
        .zip(secondary.par_iter_mut())
        .zip(py.par_iter_mut())
        .enumerate()
        .with_min_len(4096)
        .for_each_init(String::new, |scratch, (i, ((p, s), y))| {
            let rec = Rec::new(kind, i);
            let [name, zh] = fields::primary_names(db, rec);
            let mut mask = name.map_or(0, fold::mask) | zh.map_or(0, fold::mask);
            if zh.is_some_and(|zh| zh.chars().any(|c| fold::plain(c).is_ascii())) {
                mask |= ZH_ASCII;
            }
            let related = fields::related_names(db, rec, &mut |_, text| {
                mask |= fold::mask(text) | HAS_RELATED;
                false
            });
            debug_assert!(!related);
            *p = mask;
            let mut sec = 0u64;
            for field in fields::secondary(kind) {
                if let Some(date) = fields::date_of(db, rec, *field) {
                    // Formatting a date per record costs more than its few chars' bits.
                    sec |= date_mask(date);
                    continue;
                }
                fields::visit(db, rec, *field, scratch, &mut |text| {
                    sec |= fold::mask(text);
                    false
                });
            }
            *s = sec & !fold::FLAGS;
            *y = pinyin_mask(name, zh);
        });
    Tab {
        primary: primary.into_boxed_slice(),
        secondary: secondary.into_boxed_slice(),
        pinyin: py.into_boxed_slice(),
    }
}

/// The pinyin mask of a record: the Chinese name's readings when it has some, else the
/// name's (a name given only in Chinese).
fn pinyin_mask(name: Option<&str>, zh: Option<&str>) -> u32 {
    if let Some(zh) = zh {
        let letters = pinyin::letters(zh);
        if letters != 0 || zh.chars().any(pinyin::has_readings) {
            return letters | PINYIN_ZH | PINYIN_ANY;
        }
    }
    if let Some(name) = name
        && !name.is_ascii()
    {
        let letters = pinyin::letters(name);
        if letters != 0 || name.chars().any(pinyin::has_readings) {
            return letters | PINYIN_ANY;
        }
    }
    0
}

/// The mask of a date's text (digits and `-`) plus its label, without formatting it.
fn date_mask((date, label): (crate::model::Date, Option<&str>)) -> u64 {
    let mut m = label.map_or(0, fold::mask) | fold::mask("-");
    let mut digits = |n: u32| {
        let mut n = n;
        loop {
            m |= fold::bit(char::from_digit(n % 10, 10).unwrap_or('0'));
            n /= 10;
            if n == 0 {
                break;
            }
        }
    };
    digits(u32::from(date.year()));
    // Months and days print with two digits: a leading zero below 10.
    for part in [date.month(), date.day()].into_iter().flatten() {
        digits(u32::from(part));
        if part < 10 {
            digits(0);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn date_masks_equal_the_formatted_dates() {
        for text in ["2004", "2004-08", "1999-12-31", "2010-01-05"] {
            let date = Date::parse(text).unwrap();
            assert_eq!(date_mask((date, None)), fold::mask(text) | fold::mask("-"), "{text}");
        }
        let date = Date::parse("1990").unwrap();
        assert_eq!(
            date_mask((date, Some("Early 1990s"))) & fold::mask("Early"),
            fold::mask("Early")
        );
    }
}
