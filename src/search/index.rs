//! The search index: per record, the masks that let a query reject it without reading its
//! text, and a copy of its own names packed end to end. Built once per dataset, in
//! parallel; immutable afterwards (Send + Sync).
//!
//! Why copy the names: a broad query reads the name of most records, and in the dataset
//! each name is a separate allocation among the record's others, so nearly every record
//! cost a cache miss before any matching began. Packed in record order they stream from
//! memory. Folded forms are still made on the fly (one-to-one char folding keeps positions
//! valid), and pinyin is read from a shared per-process table. That is 26 bytes a record
//! plus the names themselves.

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
    /// Every record's own name and Chinese name, end to end, in record order.
    text: String,
    /// Where record `i`'s names start in `text` (and, at `i + 1`, where they end).
    starts: Box<[u32]>,
    /// The byte length of record `i`'s name, with [`HAS_ZH`]; [`NOT_PACKED`] when its
    /// names are too long to pack (they are read from the dataset instead).
    split: Box<[u16]>,
}

/// In [`Tab::split`]: the record has a Chinese name (it follows the name in `text`).
const HAS_ZH: u16 = 1 << 15;
/// In [`Tab::split`]: the names are not in `text`.
const NOT_PACKED: u16 = u16::MAX;

impl Tab {
    /// A record's names from the packed copy, or `None` when they are not packed.
    fn names(&self, i: usize) -> Option<[Option<&str>; 2]> {
        let split = *self.split.get(i)?;
        if split == NOT_PACKED {
            return None;
        }
        let start = self.starts[i] as usize;
        let end = self.starts[i + 1] as usize;
        let mid = start + usize::from(split & !HAS_ZH);
        let zh = (split & HAS_ZH != 0).then(|| &self.text[mid..end]);
        Some([Some(&self.text[start..mid]), zh])
    }
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
            .map(|t| {
                t.primary.len() * 8
                    + t.secondary.len() * 8
                    + t.pinyin.len() * 4
                    + t.text.capacity()
                    + t.starts.len() * 4
                    + t.split.len() * 2
            })
            .sum();
        tabs + pinyin::table_bytes()
    }

    /// A record's own names, as [`fields::primary_names`] gives them, from the packed
    /// copy when the index has one for this dataset.
    pub(super) fn names<'a>(&'a self, db: &'a Db, rec: Rec) -> [Option<&'a str>; 2] {
        if self.fits(db, rec.kind)
            && let Some(names) = self.tab(rec.kind).names(rec.idx())
        {
            return names;
        }
        fields::primary_names(db, rec)
    }

    pub(super) fn tab(&self, kind: RecordKind) -> &Tab {
        &self.tabs[kind_slot(kind)]
    }

    /// Whether the index was built for this dataset's shape (a mismatch means the caller
    /// passed another `Db`; searching then falls back to reading every record).
    pub(super) fn fits(&self, db: &Db, kind: RecordKind) -> bool {
        let tab = self.tab(kind);
        let n = db.len(kind);
        tab.primary.len() == n && tab.secondary.len() == n && tab.pinyin.len() == n && tab.split.len() == n
    }
}

/// Records per unit of parallel work while building.
const CHUNK: usize = 8192;

/// One chunk of a tab, built on one core.
#[derive(Default)]
struct Part {
    primary: Vec<u64>,
    secondary: Vec<u64>,
    pinyin: Vec<u32>,
    text: String,
    /// Where each record's names start in this part's `text`.
    starts: Vec<u32>,
    split: Vec<u16>,
}

fn build_tab(db: &Db, kind: RecordKind) -> Tab {
    let n = db.len(kind);
    let parts: Vec<Part> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(String::new, |scratch, chunk| {
            let range = chunk * CHUNK..n.min(chunk * CHUNK + CHUNK);
            let mut part = Part::default();
            for i in range {
                build_record(db, Rec::new(kind, i), scratch, &mut part);
            }
            part
        })
        .collect();
    let mut tab = Tab {
        primary: parts.iter().flat_map(|p| p.primary.iter().copied()).collect(),
        secondary: parts.iter().flat_map(|p| p.secondary.iter().copied()).collect(),
        pinyin: parts.iter().flat_map(|p| p.pinyin.iter().copied()).collect(),
        ..Tab::default()
    };
    let total: usize = parts.iter().map(|p| p.text.len()).sum();
    if u32::try_from(total).is_err() {
        // Past 4 GiB of names the offsets would overflow: read names from the dataset.
        tab.starts = vec![0; n + 1].into_boxed_slice();
        tab.split = vec![NOT_PACKED; n].into_boxed_slice();
        return tab;
    }
    let mut text = String::with_capacity(total);
    let mut starts: Vec<u32> = Vec::with_capacity(n + 1);
    for part in &parts {
        let base = text.len();
        starts.extend(
            part.starts
                .iter()
                .map(|s| u32::try_from(base + *s as usize).unwrap_or(u32::MAX)),
        );
        text.push_str(&part.text);
    }
    starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
    tab.text = text;
    tab.starts = starts.into_boxed_slice();
    tab.split = parts.iter().flat_map(|p| p.split.iter().copied()).collect();
    tab
}

/// The masks of one record, and its names packed into the part.
fn build_record(db: &Db, rec: Rec, scratch: &mut String, part: &mut Part) {
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
    part.primary.push(mask);
    let mut sec = 0u64;
    for field in fields::secondary(rec.kind) {
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
    part.secondary.push(sec & !fold::FLAGS);
    part.pinyin.push(pinyin_mask(name, zh));
    let name = name.unwrap_or("");
    part.starts.push(u32::try_from(part.text.len()).unwrap_or(u32::MAX));
    match u16::try_from(name.len()) {
        Ok(len) if len < HAS_ZH => {
            part.split.push(if zh.is_some() { len | HAS_ZH } else { len });
            part.text.push_str(name);
            if let Some(zh) = zh {
                part.text.push_str(zh);
            }
        }
        _ => part.split.push(NOT_PACKED),
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
