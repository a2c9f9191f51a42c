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
//! bin:  strings u64 · string ends [u32; strings]
//!       per tab: records u64 · chunks u64 · record starts [u32; records + 1]
//!                chunk bases [u32; chunks] · chunk shapes [u32; chunks + 1]
//!                shapes u64 · shape ends [u32; shapes] · shape bytes length u64 · shape bytes
//!                entries length u64 · entries
//! ```
//!
//! A record's entries: `shape varint · items varint…`, an item being a string number
//! counted from its chunk's base (so most take one or two bytes). The shape, numbered
//! within the record's chunk, lists the record's entries as `slot u8 · count varint`:
//! records of a chunk mostly have the same few shapes, so each is stored once per chunk
//! and a record spends a byte on it, not two per entry. Values repeated within a chunk
//! of records (a district, a source's title) are stored once. Every read is checked and
//! answers nothing rather than panic, so a damaged file (which its hash rejects first
//! anyway) cannot crash a search.

use std::sync::Arc;

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
    /// Chunk `c`'s shapes are numbers `[c] .. [c + 1]` of this array (`chunks + 1` entries).
    chunk_shapes: usize,
    shapes: usize,
    shape_ends: usize,
    shape_bytes: std::ops::Range<usize>,
    entries: std::ops::Range<usize>,
}

/// The packed values of a dataset.
#[derive(Debug, Default)]
pub struct Packed {
    bin: Vec<u8>,
    /// Checked as UTF-8 once, as a whole: a string is then cut out of it with a check of
    /// its two ends' char boundaries, not of every byte. Shared with the index, whose
    /// names it holds ([`Index::share_names`](super::index::Index::share_names)).
    text: Arc<String>,
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
        (&self.bin, self.text.as_bytes())
    }

    /// The text, which the index may share.
    pub(super) fn text(&self) -> &Arc<String> {
        &self.text
    }

    fn string(&self, n: usize) -> Option<&str> {
        if n >= self.strings {
            return None;
        }
        let at = 8 + n * 4;
        let start = if n == 0 { 0 } else { u32_at(&self.bin, at - 4)? };
        let end = u32_at(&self.bin, at)?;
        self.text.get(start..end)
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
        let chunk = i / CHUNK;
        let base = u32_at(&self.bin, tab.bases + chunk * 4)?;
        let mut at = 0;
        let shape = self.shape(tab, chunk, varint(entries, &mut at)?)?;
        let mut s_at = 0;
        while s_at < shape.len() {
            let s = shape[s_at];
            if s > slot {
                // Entries go by slot: the one asked for is not there.
                return None;
            }
            s_at += 1;
            let count = varint(shape, &mut s_at)?;
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

    /// Shape `n` of a tab's chunk: its `slot · count` pairs.
    fn shape(&self, tab: &TabAt, chunk: usize, n: usize) -> Option<&[u8]> {
        let first = u32_at(&self.bin, tab.chunk_shapes + chunk * 4)?;
        let next = u32_at(&self.bin, tab.chunk_shapes + chunk * 4 + 4)?;
        let k = first.checked_add(n).filter(|k| *k < next && *k < tab.shapes)?;
        let start = if k == 0 {
            0
        } else {
            u32_at(&self.bin, tab.shape_ends + k * 4 - 4)?
        };
        let end = u32_at(&self.bin, tab.shape_ends + k * 4)?;
        self.bin.get(tab.shape_bytes.clone())?.get(start..end)
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
    /// `bin`, that string ends, shape ends and record starts never go backwards nor past
    /// their buffer, that chunks' string bases and shape numbers stay within bounds, and
    /// that every string ends on a char boundary.
    ///
    /// # Errors
    /// What does not hold together, for the cache's notice.
    pub fn from_parts(bin: Vec<u8>, text: Vec<u8>) -> Result<Packed, &'static str> {
        let text = String::from_utf8(text).map_err(|_| "packed text is not UTF-8")?;
        Packed::checked(bin, Arc::new(text))
    }

    /// [`Packed::from_parts`], for text already known to be UTF-8.
    ///
    /// # Errors
    /// What does not hold together, for the cache's notice.
    pub fn checked(bin: Vec<u8>, text: Arc<String>) -> Result<Packed, &'static str> {
        const BAD: &str = "packed values";
        let strings = u64_at(&bin, 0).ok_or(BAD)?;
        let ends = rising(&bin, 8, strings, text.len()).ok_or(BAD)?;
        // Each string is cut out of the text on its own: its ends must be char boundaries.
        if ends.last != text.len()
            || (0..strings).any(|k| u32_at(&bin, 8 + k * 4).is_none_or(|e| !text.is_char_boundary(e)))
        {
            return Err(BAD);
        }
        let mut at = ends.end;
        let mut tabs: [TabAt; 4] = Default::default();
        for kind in RecordKind::ALL {
            let (tab, end) = TabAt::read(&bin, at, strings).ok_or(BAD)?;
            tabs[slot_of(kind)] = tab;
            at = end;
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

/// Where an array of `n` `u32`s at `at` ends, and its last value, when it lies inside
/// `bin` and its values never go down nor past `max`.
struct Rising {
    end: usize,
    last: usize,
}

fn rising(bin: &[u8], at: usize, n: usize, max: usize) -> Option<Rising> {
    let end = at.checked_add(n.checked_mul(4)?)?;
    if end > bin.len() {
        return None;
    }
    let mut last = 0;
    for k in 0..n {
        let v = u32_at(bin, at + k * 4)?;
        if v < last || v > max {
            return None;
        }
        last = v;
    }
    Some(Rising { end, last })
}

impl TabAt {
    /// Reads one tab's layout at `at`, checking it; returns it and where it ends.
    fn read(bin: &[u8], at: usize, strings: usize) -> Option<(TabAt, usize)> {
        let records = u64_at(bin, at)?;
        let chunks = u64_at(bin, at + 8)?;
        if chunks != records.div_ceil(CHUNK) {
            return None;
        }
        let starts = at + 16;
        // Record starts are checked against the entries' length once it is known.
        let bases = starts.checked_add(records.checked_add(1)?.checked_mul(4)?)?;
        rising(bin, bases, chunks, strings)?;
        let chunk_shapes = bases + chunks * 4;
        let shapes_at = rising(bin, chunk_shapes, chunks + 1, u32::MAX as usize)?.end;
        let shapes = u64_at(bin, shapes_at)?;
        let shape_ends = shapes_at + 8;
        let ends = rising(bin, shape_ends, shapes, usize::MAX)?;
        // Chunk shape numbers rise from 0 to `shapes`.
        if u32_at(bin, chunk_shapes)? != 0 || u32_at(bin, chunk_shapes + chunks * 4)? != shapes {
            return None;
        }
        let bytes_len = u64_at(bin, ends.end)?;
        let shape_bytes = ends.end + 8..(ends.end + 8).checked_add(bytes_len)?;
        if ends.last != bytes_len {
            return None;
        }
        let len = u64_at(bin, shape_bytes.end)?;
        let entries = shape_bytes.end + 8..(shape_bytes.end + 8).checked_add(len)?;
        if entries.end > bin.len() {
            return None;
        }
        let record_starts = rising(bin, starts, records + 1, len)?;
        if record_starts.last != len {
            return None;
        }
        let end = entries.end;
        Some((
            TabAt {
                records,
                starts,
                chunks,
                bases,
                chunk_shapes,
                shapes,
                shape_ends,
                shape_bytes,
                entries,
            },
            end,
        ))
    }
}
