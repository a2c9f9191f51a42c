//! The searchable values of every record, packed: what a search and `shuibei search`'s
//! output read ([`Records`](super::records::Records)), without the records themselves.
//! Written into the cache file beside the index, so that a warm search never parses the
//! dataset's JSON nor holds its records.
//!
//! Made (by `search::pack`) by asking the loaded dataset every question the engine asks ([`fields`]'s
//! readers), for every record and every field, and keeping the answers in order; so the
//! packed copy answers exactly as the dataset would.
//!
//! Each tab's records come in chunks of [`CHUNK`], and a chunk is three buffers of its
//! own:
//!
//! ```text
//! names: the index's names of its records, when the index reads them here (else empty)
//! text:  the chunk's other distinct values, end to end (UTF-8); its strings are
//!        numbered on from the names'
//! bin:   strings u64 · string ends [u32; strings] (counted from the start of the names)
//!       records u64 · record starts [u32; records + 1]
//!       shapes u64 · shape ends [u32; shapes] · shape bytes length u64 · shape bytes
//!       entries length u64 · entries
//! ```
//!
//! A record's entries: `shape varint · items varint…`, an item being one of the chunk's
//! string numbers (so most take one or two bytes). The shape lists the record's entries
//! as `slot u8 · count varint`: records of a chunk mostly have the same few shapes, so
//! each is stored once per chunk and a record spends a byte on it, not two per entry.
//! Values repeated within a chunk (a district, a source's title) are stored once.
//!
//! Chunks of a cache file are read when first asked for ([`Source`]), each checked on
//! its own: a search that needs a few records' values reads a few chunks, not the whole
//! file. The names are read on their own ([`Chunks::names`]) and held once: a query the
//! masks cannot narrow reads every record's names, but only the values of the records
//! whose names do not settle it. A chunk that cannot be
//! read, or does not hold together, answers nothing and is remembered
//! ([`Packed::damage`]): the caller must not trust that search's answers, and rebuilds
//! the cache. Every read is checked and answers nothing rather than panic.

use std::sync::{Arc, OnceLock};

use super::fields::Field;
use crate::data::db::Rec;
use crate::data::model::{Date, RecordKind};

/// A tab's place in [`Packed::tabs`] (the order of [`RecordKind::ALL`]).
pub(super) fn slot_of(kind: RecordKind) -> usize {
    match kind {
        RecordKind::History => 0,
        RecordKind::Enterprise => 1,
        RecordKind::Brand => 2,
        RecordKind::Indicator => 3,
    }
}

/// Records per chunk: their distinct values are stored once, and read together.
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

/// One chunk of records' values but the names, checked: see the module's layout.
#[derive(Debug, Default)]
pub(super) struct Chunk {
    bin: Vec<u8>,
    /// Checked as UTF-8 once, as a whole: a string is then cut out of it with a check of
    /// its two ends' char boundaries, not of every byte.
    text: String,
    /// The bytes the names before `text` take: string ends count from their start.
    names: usize,
    strings: usize,
    records: usize,
    /// Where the record starts lie in `bin`.
    starts: usize,
    shapes: usize,
    shape_ends: usize,
    shape_bytes: std::ops::Range<usize>,
    entries: std::ops::Range<usize>,
}

/// A chunk with nothing in it, for values that are not there.
static EMPTY: Chunk = Chunk {
    bin: Vec::new(),
    text: String::new(),
    names: 0,
    strings: 0,
    records: 0,
    starts: 0,
    shapes: 0,
    shape_ends: 0,
    shape_bytes: 0..0,
    entries: 0..0,
};

/// Where a tab's chunks are read from (a cache file); `Err` says why one cannot be trusted.
pub(super) trait Source: Send + Sync {
    /// Chunk `k` but its names, which are `names` ([`Source::names`]).
    ///
    /// # Errors
    /// Why it cannot be read or trusted, for the cache's notice.
    fn chunk(&self, k: usize, names: &str) -> Result<Chunk, String>;

    /// The index's names of chunk `k`'s records.
    ///
    /// # Errors
    /// Why they cannot be read or trusted, for the cache's notice.
    fn names(&self, k: usize) -> Result<String, String>;
}

/// A tab's [`Source`].
pub(super) type Loader = Box<dyn Source>;

/// A tab's chunks: all there (packed just now), or read on first use by a [`Loader`].
#[derive(Default)]
pub(super) struct Chunks {
    records: usize,
    slots: Box<[OnceLock<Option<Chunk>>]>,
    /// The names of chunks read on their own (see [`Chunks::names`]).
    names: Box<[OnceLock<Option<String>>]>,
    loader: Option<Loader>,
    /// The first chunk that failed, shared by the tabs of one [`Packed`].
    damage: Arc<OnceLock<String>>,
}

impl std::fmt::Debug for Chunks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chunks")
            .field("records", &self.records)
            .field("chunks", &self.slots.len())
            .field("loaded", &self.slots.iter().filter(|s| s.get().is_some()).count())
            .finish_non_exhaustive()
    }
}

impl Chunks {
    /// Records in the tab.
    pub(super) fn records(&self) -> usize {
        self.records
    }

    /// How many chunks the tab has.
    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Chunk `k` and its names, read first if they were not yet; `None` when they
    /// cannot be (then [`Packed::damage`] says why).
    pub(super) fn get(&self, k: usize) -> Option<View<'_>> {
        let names = self.names(k)?;
        let chunk = self
            .slots
            .get(k)?
            .get_or_init(|| self.checked(self.loader.as_ref()?.chunk(k, names)))
            .as_ref()?;
        Some(View { chunk, names })
    }

    /// Whether chunk `k`'s values (not only its names) were read.
    #[cfg(test)]
    pub(super) fn is_read(&self, k: usize) -> bool {
        self.slots.get(k).is_some_and(|s| s.get().is_some())
    }

    /// The index's names of chunk `k`'s records (empty when the index keeps its own),
    /// read first (and checked) if they were not yet.
    pub(super) fn names(&self, k: usize) -> Option<&str> {
        self.names
            .get(k)?
            .get_or_init(|| self.checked(self.loader.as_ref()?.names(k)))
            .as_deref()
    }

    /// What was read, or nothing when it could not be (then the first such reason is
    /// kept, for [`Packed::damage`]).
    fn checked<T>(&self, read: Result<T, String>) -> Option<T> {
        read.map_err(|why| {
            let _ = self.damage.set(why);
        })
        .ok()
    }

    /// Bytes held by what was read so far.
    fn heap_bytes(&self) -> usize {
        let chunks = self.slots.iter().filter_map(|s| s.get()?.as_ref());
        let names = self.names.iter().filter_map(|s| s.get()?.as_ref());
        chunks.map(Chunk::heap_bytes).chain(names.map(String::capacity)).sum()
    }
}

/// The packed values of a dataset.
#[derive(Debug, Default)]
pub struct Packed {
    tabs: [Arc<Chunks>; 4],
    damage: Arc<OnceLock<String>>,
}

/// A chunk with its names: what its string numbers are read in.
#[derive(Clone, Copy)]
pub(super) struct View<'a> {
    pub chunk: &'a Chunk,
    pub names: &'a str,
}

/// The items of one entry (a list of strings).
#[derive(Clone, Copy)]
pub struct Values<'a> {
    view: View<'a>,
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
        self.values.view.string(n)
    }
}

impl<'a> Values<'a> {
    /// The strings with their numbers in the chunk: a value repeated in a chunk (a
    /// district, a segment) has one number there, whichever record holds it.
    fn numbered(self) -> impl Iterator<Item = (usize, &'a str)> {
        let mut at = 0;
        (0..self.count).map_while(move |_| {
            let n = varint(self.items, &mut at)?;
            Some((n, self.view.string(n)?))
        })
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

impl Chunk {
    /// Takes a chunk's buffers, checking that every array lies inside `bin`, that
    /// string ends, shape ends and record starts never go backwards nor past their
    /// buffer, that `bin` ends where its entries do, and that every string lies on char
    /// boundaries inside `names` or inside `text`.
    ///
    /// # Errors
    /// What does not hold together, for the cache's notice.
    pub(super) fn checked(bin: Vec<u8>, text: String, names: &str) -> Result<Chunk, &'static str> {
        const BAD: &str = "its packed values do not hold together";
        let strings = u64_at(&bin, 0).ok_or(BAD)?;
        let ends = rising(&bin, 8, strings, names.len() + text.len()).ok_or(BAD)?;
        // Each string is cut out of its text on its own: its ends must be char
        // boundaries there, and none may run from the names into the text.
        let n = names.len();
        let mut start = 0;
        for k in 0..strings {
            let end = u32_at(&bin, 8 + k * 4).ok_or(BAD)?;
            let fits = if end <= n {
                names.is_char_boundary(end)
            } else {
                start >= n && text.is_char_boundary(end - n)
            };
            if !fits {
                return Err(BAD);
            }
            start = end;
        }
        if ends.last != n + text.len() {
            return Err(BAD);
        }
        let records = u64_at(&bin, ends.end).ok_or(BAD)?;
        if records == 0 || records > CHUNK {
            return Err(BAD);
        }
        let starts = ends.end + 8;
        let shapes_at = starts + (records + 1) * 4;
        let shapes = u64_at(&bin, shapes_at).ok_or(BAD)?;
        let shape_ends = shapes_at + 8;
        let shape_list = rising(&bin, shape_ends, shapes, usize::MAX).ok_or(BAD)?;
        let bytes_len = u64_at(&bin, shape_list.end).ok_or(BAD)?;
        let shape_bytes = shape_list.end + 8..(shape_list.end + 8).checked_add(bytes_len).ok_or(BAD)?;
        if shape_list.last != bytes_len {
            return Err(BAD);
        }
        let len = u64_at(&bin, shape_bytes.end).ok_or(BAD)?;
        let entries = shape_bytes.end + 8..(shape_bytes.end + 8).checked_add(len).ok_or(BAD)?;
        if entries.end != bin.len() {
            return Err(BAD);
        }
        let record_starts = rising(&bin, starts, records + 1, len).ok_or(BAD)?;
        if record_starts.last != len {
            return Err(BAD);
        }
        Ok(Chunk {
            bin,
            text,
            names: n,
            strings,
            records,
            starts,
            shapes,
            shape_ends,
            shape_bytes,
            entries,
        })
    }

    /// [`Chunk::checked`], the text not yet known to be UTF-8 (and copied when it is).
    ///
    /// # Errors
    /// What does not hold together, for the cache's notice.
    pub(super) fn from_parts(bin: Vec<u8>, text: &[u8], names: &str) -> Result<Chunk, &'static str> {
        let text = owned_utf8(text).ok_or("its packed text is not UTF-8")?;
        Chunk::checked(bin, text, names)
    }

    /// Records in the chunk.
    pub(super) fn records(&self) -> usize {
        self.records
    }

    /// The two buffers, for the cache file.
    pub(super) fn parts(&self) -> (&[u8], &[u8]) {
        (&self.bin, self.text.as_bytes())
    }

    /// Bytes held.
    fn heap_bytes(&self) -> usize {
        self.bin.capacity() + self.text.capacity()
    }
}

/// `bytes` as text, when they are UTF-8: checked with SIMD, then copied. The standard
/// check, which would take a buffer without copying it, is several times slower on
/// Chinese text than both together.
pub(super) fn owned_utf8(bytes: &[u8]) -> Option<String> {
    simdutf8::basic::from_utf8(bytes).ok().map(str::to_owned)
}

impl<'a> View<'a> {
    /// String `n` of the chunk: in the names or in the text.
    fn string(self, n: usize) -> Option<&'a str> {
        let chunk = self.chunk;
        if n >= chunk.strings {
            return None;
        }
        let at = 8 + n * 4;
        let start = if n == 0 { 0 } else { u32_at(&chunk.bin, at - 4)? };
        let end = u32_at(&chunk.bin, at)?;
        if end <= chunk.names {
            self.names.get(start..end)
        } else {
            chunk.text.get(start.checked_sub(chunk.names)?..end - chunk.names)
        }
    }

    /// The entry `slot` of record `j` of the chunk: its items and their count.
    fn entry(self, j: usize, slot: u8) -> Option<Values<'a>> {
        self.entries(j)?
            .take_while(|(s, _)| *s <= slot)
            .find_map(|(s, v)| (s == slot).then_some(v))
    }

    /// Record `j`'s entries, by rising slot, read in one walk.
    fn entries(self, j: usize) -> Option<Entries<'a>> {
        let this = self.chunk;
        if j >= this.records {
            return None;
        }
        let start = u32_at(&this.bin, this.starts + j * 4)?;
        let end = u32_at(&this.bin, this.starts + j * 4 + 4)?;
        let entries = this.bin.get(this.entries.clone())?.get(start..end)?;
        let mut at = 0;
        let shape = this.shape(varint(entries, &mut at)?)?;
        Some(Entries {
            view: self,
            shape,
            s_at: 0,
            bytes: entries,
            at,
        })
    }
}

/// A record's entries, each `(slot, items)`, by rising slot (see [`View::entries`]).
struct Entries<'a> {
    view: View<'a>,
    shape: &'a [u8],
    s_at: usize,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (u8, Values<'a>);

    fn next(&mut self) -> Option<(u8, Values<'a>)> {
        let slot = *self.shape.get(self.s_at)?;
        self.s_at += 1;
        let count = varint(self.shape, &mut self.s_at)?;
        let items = if slot == RELATED { count * 2 } else { count };
        let first = self.at;
        // Items are varints: passing one is passing a byte without its high bit.
        let mut left = items;
        while left > 0 {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            if b & 0x80 == 0 {
                left -= 1;
            }
        }
        Some((
            slot,
            Values {
                view: self.view,
                items: &self.bytes[first..self.at],
                count: items,
            },
        ))
    }
}

impl Chunk {
    /// Shape `n`: its `slot · count` pairs.
    fn shape(&self, n: usize) -> Option<&[u8]> {
        if n >= self.shapes {
            return None;
        }
        let start = if n == 0 {
            0
        } else {
            u32_at(&self.bin, self.shape_ends + n * 4 - 4)?
        };
        let end = u32_at(&self.bin, self.shape_ends + n * 4)?;
        self.bin.get(self.shape_bytes.clone())?.get(start..end)
    }

    /// The first byte of record `j`'s entries.
    fn touch(&self, j: usize) -> usize {
        u32_at(&self.bin, self.starts + j * 4)
            .and_then(|s| self.bin.get(self.entries.start + s))
            .map_or(0, |b| usize::from(*b))
    }
}

impl Packed {
    /// Packed values whose chunks are all here (`search::pack`), by tab in the order of
    /// [`RecordKind::ALL`]: each tab's record count and chunks, with their names.
    pub(super) fn built(tabs: [(usize, Vec<(String, Chunk)>); 4]) -> Packed {
        let damage = Arc::new(OnceLock::new());
        let tabs = tabs.map(|(records, chunks)| {
            let (names, slots): (Vec<_>, Vec<_>) = chunks
                .into_iter()
                .map(|(names, chunk)| (OnceLock::from(Some(names)), OnceLock::from(Some(chunk))))
                .unzip();
            Arc::new(Chunks {
                records,
                names: names.into_boxed_slice(),
                slots: slots.into_boxed_slice(),
                loader: None,
                damage: Arc::clone(&damage),
            })
        });
        Packed { tabs, damage }
    }

    /// Packed values read from a cache file chunk by chunk, when first asked for: each
    /// tab's record count, number of chunks and loader.
    pub(super) fn lazy(tabs: [(usize, usize, Loader); 4]) -> Packed {
        let damage = Arc::new(OnceLock::new());
        let tabs = tabs.map(|(records, chunks, loader)| {
            Arc::new(Chunks {
                records,
                slots: (0..chunks).map(|_| OnceLock::new()).collect(),
                names: (0..chunks).map(|_| OnceLock::new()).collect(),
                loader: Some(loader),
                damage: Arc::clone(&damage),
            })
        });
        Packed { tabs, damage }
    }

    /// Records of a kind.
    #[must_use]
    pub fn len(&self, kind: RecordKind) -> usize {
        self.tabs[slot_of(kind)].records
    }

    /// Bytes held (the chunks read so far).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.tabs.iter().map(|t| t.heap_bytes()).sum()
    }

    /// How many chunks' values were read so far, and how many chunks there are.
    #[must_use]
    pub fn chunks_read(&self) -> (usize, usize) {
        let read = self
            .tabs
            .iter()
            .map(|t| t.slots.iter().filter(|s| s.get().is_some()).count())
            .sum();
        (read, self.tabs.iter().map(|t| t.len()).sum())
    }

    /// A tab's chunks, which the index may read its names from.
    pub(super) fn chunks(&self, kind: RecordKind) -> &Arc<Chunks> {
        &self.tabs[slot_of(kind)]
    }

    /// Why a chunk could not be read, when one could not: a search that read it may
    /// have missed records, and the cache file is to be rebuilt.
    #[must_use]
    pub fn damage(&self) -> Option<&str> {
        self.damage.get().map(String::as_str)
    }

    /// Reads the chunk that holds `rec`, if it is not read yet (one that cannot be is
    /// in [`Packed::damage`]).
    pub fn load(&self, rec: Rec) {
        let _ = self.tabs[slot_of(rec.kind)].get(rec.idx() / CHUNK);
    }

    /// Reads every chunk not read yet, on all cores; false when one cannot be.
    #[must_use]
    pub fn load_all(&self) -> bool {
        use rayon::prelude::*;
        self.tabs
            .iter()
            .flat_map(|t| (0..t.len()).map(move |k| (t, k)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .all(|(t, k)| t.get(k).is_some())
    }

    /// The chunk of `rec` and the record's place in it.
    fn chunk(&self, rec: Rec) -> Option<(View<'_>, usize)> {
        let tab = &self.tabs[slot_of(rec.kind)];
        let i = rec.idx();
        if i >= tab.records {
            return None;
        }
        Some((tab.get(i / CHUNK)?, i % CHUNK))
    }

    /// The entry `slot` of a record.
    fn entry(&self, rec: Rec, slot: u8) -> Option<Values<'_>> {
        let (chunk, j) = self.chunk(rec)?;
        chunk.entry(j, slot)
    }

    fn first(&self, rec: Rec, slot: u8) -> Option<&str> {
        self.entry(rec, slot)?.into_iter().next()
    }

    /// [`fields::visit`].
    pub fn visit(&self, rec: Rec, field: Field, each: &mut dyn FnMut(&str) -> bool) -> bool {
        self.entry(rec, VISIT + field.code())
            .is_some_and(|v| v.into_iter().any(each))
    }

    /// [`fields::visit`] for each of `fields` in turn, the record's entries read once:
    /// `each` is given the field's position in `fields`, the value's number in the
    /// record's chunk (the same for every record of the chunk with the same value; `None`
    /// when not known) and the value.
    pub fn visit_each(
        &self,
        rec: Rec,
        fields: &[Field],
        each: &mut dyn FnMut(usize, Option<usize>, &str) -> bool,
    ) -> bool {
        const MOST: usize = 16;
        if fields.len() > MOST {
            return fields
                .iter()
                .enumerate()
                .any(|(i, f)| self.visit(rec, *f, &mut |v| each(i, None, v)));
        }
        let Some(entries) = self.chunk(rec).and_then(|(view, j)| view.entries(j)) else {
            return false;
        };
        let last = fields.iter().map(|f| VISIT + f.code()).max().unwrap_or(0);
        let mut found: [Option<Values<'_>>; MOST] = [None; MOST];
        for (slot, values) in entries.take_while(|(s, _)| *s <= last) {
            if let Some(i) = fields.iter().position(|f| VISIT + f.code() == slot) {
                found[i] = Some(values);
            }
        }
        found
            .iter()
            .take(fields.len())
            .enumerate()
            .any(|(i, v)| v.is_some_and(|v| v.numbered().any(|(n, text)| each(i, Some(n), text))))
    }

    /// [`fields::touch`]: the first byte of the record's entries.
    #[must_use]
    pub fn touch(&self, rec: Rec) -> usize {
        self.chunk(rec).map_or(0, |(view, j)| view.chunk.touch(j))
    }

    /// [`fields::date_of`].
    #[must_use]
    pub fn date_of(&self, rec: Rec, field: Field) -> Option<(Date, Option<&str>)> {
        let v = self.entry(rec, DATE + field.code())?;
        let mut at = 0;
        let date = Date::parse(v.view.string(varint(v.items, &mut at)?)?).ok()?;
        let label = if v.count > 1 {
            Some(v.view.string(varint(v.items, &mut at)?)?)
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
            n => v.view.string(n - 1),
        };
        [one(), one()]
    }

    /// [`fields::aliases`].
    #[must_use]
    pub fn aliases(&self, rec: Rec) -> Values<'_> {
        self.entry(rec, ALIASES).unwrap_or(Values {
            view: View {
                chunk: &EMPTY,
                names: "",
            },
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
            let (Some(field), Some(text)) = (Field::from_code(code), v.view.string(n)) else {
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

    /// A record's id and its label ([`Packed::label`]) in pieces, read in one walk of its
    /// entries and without joining them: a search that prints hundreds of thousands of
    /// lines spent half its printing on the label's allocation and walks.
    #[must_use]
    pub fn id_and_label(&self, rec: Rec) -> (&str, Label<'_>) {
        let mut id = "";
        let mut names = [None, None];
        let mut whole = None;
        if let Some((chunk, j)) = self.chunk(rec)
            && let Some(entries) = chunk.entries(j)
        {
            for (slot, v) in entries.take_while(|(s, _)| *s <= LABEL) {
                match slot {
                    NAMES => {
                        let mut at = 0;
                        let mut one = || match varint(v.items, &mut at)? {
                            0 => None,
                            n => v.view.string(n - 1),
                        };
                        names = [one(), one()];
                    }
                    ID => id = v.into_iter().next().unwrap_or_default(),
                    LABEL => whole = v.into_iter().next(),
                    _ => {}
                }
            }
        }
        let label = match (whole, names) {
            (Some(whole), _) => Label::Whole(whole),
            (None, [name, zh]) => Label::Names(name.unwrap_or_default(), zh),
        };
        (id, label)
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
}

/// A record's label as a line of `shuibei search` prints it, in pieces that need no
/// joining.
pub enum Label<'a> {
    /// A label of its own (a history event's date and title, an indicator's figure).
    Whole(&'a str),
    /// A name and its Chinese form, joined as [`present::names`](crate::data::present::names)
    /// does.
    Names(&'a str, Option<&'a str>),
    /// Made from a loaded record.
    Owned(String),
}

impl Label<'_> {
    /// The label's pieces in order: together, [`present::label`](crate::data::present::label).
    pub fn each(&self, piece: &mut dyn FnMut(&str)) {
        match self {
            Label::Whole(text) => piece(text),
            Label::Owned(text) => piece(text),
            Label::Names(name, zh) => {
                piece(name);
                if let Some(zh) = zh.filter(|zh| zh != name) {
                    piece(" (");
                    piece(zh);
                    piece(")");
                }
            }
        }
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
