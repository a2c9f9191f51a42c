//! The searchable values of every record, packed: what a search and `shuibei search`'s
//! output read ([`Records`](super::records::Records)), without the records themselves.
//! Written into the cache file beside the index, so that a warm search never parses the
//! dataset's JSON nor holds its records.
//!
//! Made (by `search::pack`) by asking the loaded dataset every question the engine asks ([`fields`]'s
//! readers), for every record and every field, and keeping the answers in order; so the
//! packed copy answers exactly as the dataset would. Two buffers, no other allocation:
//!
//! ```text
//! text: every distinct value of a chunk of records, end to end (UTF-8)
//! bin:  strings u64 · string ends [u32; strings + 1]
//!       per tab: records u64 · chunks u64 · record starts [u32; records + 1]
//!                chunk bases [u32; chunks] · entries length u64 · entries
//! ```
//!
//! A record's entries: `slot u8 · count varint · items varint…`, an item being a string
//! number counted from its chunk's base (so most take one or two bytes). Values repeated
//! within a chunk of records (a district, a source's title) are stored once. Every read
//! is checked and answers nothing rather than panic, so a damaged file (which its hash
//! rejects first anyway) cannot crash a search.

use super::fields::Field;
use crate::data::db::Rec;
use crate::data::model::{Date, RecordKind};

/// A tab's place in [`Packed::tabs`] (the order of [`RecordKind::ALL`]).
fn slot_of(kind: RecordKind) -> usize {
    match kind {
        RecordKind::History => 0,
        RecordKind::Enterprise => 1,
        RecordKind::Brand => 2,
        RecordKind::Indicator => 3,
    }
}

/// Records per chunk: their distinct values are stored once.
pub(super) const CHUNK: usize = 4096;

/// The record's own names: two items, each a string plus one or 0 for none.
pub(super) const NAMES: u8 = 0;
/// Aliases, in order.
pub(super) const ALIASES: u8 = 1;
/// Related names: pairs of (field code, string).
pub(super) const RELATED: u8 = 2;
/// The id.
pub(super) const ID: u8 = 3;
/// The label, when it is not the names joined as [`present::names`](crate::data::present::names) does.
pub(super) const LABEL: u8 = 4;
/// What [`fields::visit`] yields for field code `c` is slot `VISIT + c`.
pub(super) const VISIT: u8 = 16;
/// The date field code `c` holds is slot `DATE + c`: the date, then the label shown for
/// it if there is one.
pub(super) const DATE: u8 = 48;
const _: () = assert!(VISIT as usize + Field::ALL.len() <= DATE as usize && DATE as usize + Field::ALL.len() <= 256);

/// Where one tab's arrays lie in [`Packed::bin`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TabAt {
    records: usize,
    starts: usize,
    chunks: usize,
    bases: usize,
    entries: std::ops::Range<usize>,
}

/// The packed values of a dataset.
#[derive(Debug, Default)]
pub struct Packed {
    bin: Vec<u8>,
    /// UTF-8, checked once as a whole; each string is checked again when read (a few
    /// bytes), which a `String` would spare only by reading the whole 100 MB twice.
    text: Vec<u8>,
    strings: usize,
    tabs: [TabAt; 4],
}

/// The items of one entry (a list of strings).
#[derive(Clone, Copy)]
pub struct Values<'a> {
    packed: &'a Packed,
    base: usize,
    items: &'a [u8],
    count: usize,
}

/// Walks the strings of a [`Values`].
pub struct ValuesIter<'a> {
    values: Values<'a>,
    at: usize,
    left: usize,
}

impl<'a> Iterator for ValuesIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let n = varint(self.values.items, &mut self.at)?;
        self.values.packed.string(self.values.base + n)
    }
}

impl<'a> IntoIterator for Values<'a> {
    type Item = &'a str;
    type IntoIter = ValuesIter<'a>;

    fn into_iter(self) -> ValuesIter<'a> {
        ValuesIter {
            values: self,
            at: 0,
            left: self.count,
        }
    }
}

/// Reads a LEB128 number at `at`, moving past it; `None` past the end or when too long.
pub(super) fn varint(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

fn u64_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    usize::try_from(u64::from_le_bytes(a)).ok()
}

impl Packed {
    /// Records of a kind.
    #[must_use]
    pub fn len(&self, kind: RecordKind) -> usize {
        self.tabs[slot_of(kind)].records
    }

    /// Bytes held (both buffers).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.bin.capacity() + self.text.capacity()
    }

    /// The two buffers, for the cache file.
    pub(super) fn parts(&self) -> (&[u8], &[u8]) {
        (&self.bin, &self.text)
    }

    fn string(&self, n: usize) -> Option<&str> {
        if n >= self.strings {
            return None;
        }
        let at = 8 + n * 4;
        let start = if n == 0 { 0 } else { u32_at(&self.bin, at - 4)? };
        let end = u32_at(&self.bin, at)?;
        std::str::from_utf8(self.text.get(start..end)?).ok()
    }

    /// The entry `slot` of a record: its string base, its items and its count.
    fn entry(&self, rec: Rec, slot: u8) -> Option<Values<'_>> {
        let tab = &self.tabs[slot_of(rec.kind)];
        let i = rec.idx();
        if i >= tab.records {
            return None;
        }
        let start = u32_at(&self.bin, tab.starts + i * 4)?;
        let end = u32_at(&self.bin, tab.starts + i * 4 + 4)?;
        let entries = self.bin.get(tab.entries.clone())?.get(start..end)?;
        let base = u32_at(&self.bin, tab.bases + i / CHUNK * 4)?;
        let mut at = 0;
        while at < entries.len() {
            let s = entries[at];
            if s > slot {
                // Entries go by slot: the one asked for is not there.
                return None;
            }
            at += 1;
            let count = varint(entries, &mut at)?;
            let items = if s == RELATED { count * 2 } else { count };
            let first = at;
            for _ in 0..items {
                varint(entries, &mut at)?;
            }
            if s == slot {
                return Some(Values {
                    packed: self,
                    base,
                    items: &entries[first..at],
                    count: items,
                });
            }
        }
        None
    }

    fn first(&self, rec: Rec, slot: u8) -> Option<&str> {
        self.entry(rec, slot)?.into_iter().next()
    }

    /// [`fields::visit`].
    pub fn visit(&self, rec: Rec, field: Field, each: &mut dyn FnMut(&str) -> bool) -> bool {
        self.entry(rec, VISIT + field.code())
            .is_some_and(|v| v.into_iter().any(each))
    }

    /// [`fields::touch`]: the first byte of the record's entries.
    #[must_use]
    pub fn touch(&self, rec: Rec) -> usize {
        let tab = &self.tabs[slot_of(rec.kind)];
        u32_at(&self.bin, tab.starts + rec.idx() * 4)
            .and_then(|s| self.bin.get(tab.entries.start + s))
            .map_or(0, |b| usize::from(*b))
    }

    /// [`fields::date_of`].
    #[must_use]
    pub fn date_of(&self, rec: Rec, field: Field) -> Option<(Date, Option<&str>)> {
        let v = self.entry(rec, DATE + field.code())?;
        let mut at = 0;
        let date = Date::parse(self.string(v.base + varint(v.items, &mut at)?)?).ok()?;
        let label = if v.count > 1 {
            Some(self.string(v.base + varint(v.items, &mut at)?)?)
        } else {
            None
        };
        Some((date, label))
    }

    /// [`fields::primary_names`].
    #[must_use]
    pub fn primary_names(&self, rec: Rec) -> [Option<&str>; 2] {
        let Some(v) = self.entry(rec, NAMES) else {
            return [None, None];
        };
        let mut at = 0;
        let mut one = || match varint(v.items, &mut at)? {
            0 => None,
            n => self.string(v.base + n - 1),
        };
        [one(), one()]
    }

    /// [`fields::aliases`].
    #[must_use]
    pub fn aliases(&self, rec: Rec) -> Values<'_> {
        self.entry(rec, ALIASES).unwrap_or(Values {
            packed: self,
            base: 0,
            items: &[],
            count: 0,
        })
    }

    /// [`fields::related_names`].
    pub fn related_names(&self, rec: Rec, each: &mut dyn FnMut(Field, &str) -> bool) -> bool {
        let Some(v) = self.entry(rec, RELATED) else {
            return false;
        };
        let mut at = 0;
        for _ in 0..v.count / 2 {
            let (Some(code), Some(n)) = (varint(v.items, &mut at), varint(v.items, &mut at)) else {
                return false;
            };
            let (Some(field), Some(text)) = (Field::from_code(code), self.string(v.base + n)) else {
                return false;
            };
            if each(field, text) {
                return true;
            }
        }
        false
    }

    /// The record's id.
    #[must_use]
    pub fn id(&self, rec: Rec) -> &str {
        self.first(rec, ID).unwrap_or_default()
    }

    /// [`present::label`](crate::data::present::label).
    #[must_use]
    pub fn label(&self, rec: Rec) -> String {
        if let Some(label) = self.first(rec, LABEL) {
            return label.to_owned();
        }
        let [name, zh] = self.primary_names(rec);
        crate::data::present::names(name.unwrap_or_default(), zh)
    }

    /// Takes the two buffers of a cache file, checking that every array lies inside
    /// `bin`, that string ends and record starts never go backwards nor past their
    /// buffer, and that every string ends on a char boundary.
    ///
    /// # Errors
    /// What does not hold together, for the cache's notice.
    pub fn from_parts(bin: Vec<u8>, text: Vec<u8>) -> Result<Packed, &'static str> {
        const BAD: &str = "packed values";
        if simdutf8::basic::from_utf8(&text).is_err() {
            return Err("packed text is not UTF-8");
        }
        // Not inside a char: continuation bytes are 0b10xx_xxxx.
        let boundary = |at: usize| text.get(at).is_none_or(|b| b & 0xc0 != 0x80) && at <= text.len();
        let strings = u64_at(&bin, 0).ok_or(BAD)?;
        let mut at = 8;
        let mut last = 0;
        for k in 0..strings {
            let end = u32_at(&bin, at + k * 4).ok_or(BAD)?;
            if end < last || !boundary(end) {
                return Err(BAD);
            }
            last = end;
        }
        if last != text.len() {
            return Err(BAD);
        }
        at += strings * 4;
        let mut tabs: [TabAt; 4] = Default::default();
        for kind in RecordKind::ALL {
            let records = u64_at(&bin, at).ok_or(BAD)?;
            let chunks = u64_at(&bin, at + 8).ok_or(BAD)?;
            if chunks != records.div_ceil(CHUNK) {
                return Err(BAD);
            }
            let starts = at + 16;
            let bases = starts
                .checked_add(records.checked_add(1).ok_or(BAD)?.checked_mul(4).ok_or(BAD)?)
                .ok_or(BAD)?;
            let len_at = bases.checked_add(chunks.checked_mul(4).ok_or(BAD)?).ok_or(BAD)?;
            let len = u64_at(&bin, len_at).ok_or(BAD)?;
            let entries = len_at + 8..(len_at + 8).checked_add(len).ok_or(BAD)?;
            if entries.end > bin.len() {
                return Err(BAD);
            }
            let mut last = 0;
            for i in 0..=records {
                let s = u32_at(&bin, starts + i * 4).ok_or(BAD)?;
                if s < last || s > len {
                    return Err(BAD);
                }
                last = s;
            }
            for c in 0..chunks {
                if u32_at(&bin, bases + c * 4).ok_or(BAD)? > strings {
                    return Err(BAD);
                }
            }
            at = entries.end;
            tabs[slot_of(kind)] = TabAt {
                records,
                starts,
                chunks,
                bases,
                entries,
            };
        }
        if at != bin.len() {
            return Err(BAD);
        }
        Ok(Packed {
            bin,
            text,
            strings,
            tabs,
        })
    }
}
