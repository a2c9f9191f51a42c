//! Packing a loaded dataset's searchable values into [`Packed`] for the cache file: every
//! question the engine asks ([`fields`]'s readers), asked of every record once, on all
//! cores, in chunks of records whose repeated values are stored once.
//!
//! The index's copy of the records' names is stored once: each chunk's text begins with
//! its records' names as the index lays them out ([`Tab::region`](super::index::Tab)),
//! and the index then reads them there ([`Index::share_names`]).

use rayon::prelude::*;

use super::fields::{self, Field};
use super::index::{EVERY, Index};
use super::packed::{self, ALIASES, CHUNK, DATE, ID, LABEL, NAMES, Packed, RELATED, VISIT};
use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;

const _: () = assert!(
    CHUNK.is_multiple_of(EVERY),
    "a chunk starts a block of the index's names"
);

/// Packs every record of `db`, and has `index` (built from `db`) read its names from the
/// packed chunks from then on; `None` when a chunk's values do not fit 32-bit offsets
/// (4 GiB of distinct text in 4,096 records), which no dataset the loader accepts comes
/// near (the index then keeps its own names).
#[must_use]
pub fn build(db: &Db, index: &mut Index) -> Option<Packed> {
    let mut tabs: [(usize, Vec<(String, packed::Chunk)>); 4] = Default::default();
    let mut shared: [Option<Box<[u32]>>; 4] = Default::default();
    for kind in RecordKind::ALL {
        let n = db.len(kind);
        let names = index.fits(db, kind).then(|| index.tab(kind));
        let chunks: Vec<(String, packed::Chunk, bool)> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let range = c * CHUNK..n.min(c * CHUNK + CHUNK);
                let region = names.and_then(|t| t.region(range.clone()));
                Chunk::build(db, kind, range, region).packed()
            })
            .collect::<Option<_>>()?;
        let all_names = chunks.iter().all(|(_, _, names)| *names);
        if let (true, Some(names)) = (all_names, names) {
            shared[super::query::kind_slot(kind)] = local_starts(&names.starts, n);
        }
        tabs[packed::slot_of(kind)] = (n, chunks.into_iter().map(|(names, c, _)| (names, c)).collect());
    }
    // The sources too, as a warm search reads them from the cache file: a search that
    // finds nothing says which sources' titles hold its words.
    let packed = Packed::built(tabs, db.sources());
    index.share_names(&packed, shared);
    Some(packed)
}

/// The index's name offsets (`starts`, one per [`EVERY`] records and the end) counted
/// from the start of each chunk's text, where that chunk's names begin.
fn local_starts(starts: &[u32], n: usize) -> Option<Box<[u32]>> {
    let blocks = n.div_ceil(EVERY);
    if starts.len() != blocks + 1 {
        return None;
    }
    let per_chunk = CHUNK / EVERY;
    (0..=blocks)
        .map(|k| {
            // The end belongs to the last chunk, like the last record.
            let c = if k == blocks {
                blocks.saturating_sub(1) / per_chunk
            } else {
                k / per_chunk
            };
            starts[k].checked_sub(*starts.get(c * per_chunk)?)
        })
        .collect()
}

fn put_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(u8::try_from(n & 0x7f).unwrap_or(0) | 0x80);
        n >>= 7;
    }
    out.push(u8::try_from(n).unwrap_or(0));
}

/// One chunk of records, packed on one core: its own distinct strings and shapes,
/// numbered from 0.
struct Chunk {
    text: String,
    ends: Vec<u32>,
    starts: Vec<u32>,
    entries: Vec<u8>,
    shapes: Shapes,
    /// Whether `text` begins with the index's names of these records.
    names: bool,
    /// The bytes those names take.
    names_len: usize,
}

/// Cuts a region of the index's names into each record's name, Chinese name and pinyin
/// bytes, by the sizes [`Tab::region`](super::index::Tab) gave; `None` when they do not
/// add up to the region or cut inside a char.
fn cut<'a>(text: &'a str, sizes: &[[usize; 3]]) -> Option<Vec<[Option<&'a str>; 3]>> {
    let mut at = 0;
    let out = sizes
        .iter()
        .map(|record| {
            let mut parts = [None; 3];
            for (part, len) in parts.iter_mut().zip(record) {
                if *len > 0 {
                    *part = Some(text.get(at..at + len)?);
                    at += len;
                }
            }
            Some(parts)
        })
        .collect::<Option<Vec<_>>>()?;
    (at == text.len()).then_some(out)
}

/// A chunk's distinct record shapes (`slot · count` of each entry), end to end.
#[derive(Default)]
struct Shapes {
    bytes: Vec<u8>,
    ends: Vec<u32>,
    numbers: std::collections::HashMap<Vec<u8>, usize>,
}

impl Shapes {
    fn number(&mut self, shape: &[u8]) -> usize {
        if let Some(n) = self.numbers.get(shape) {
            return *n;
        }
        self.bytes.extend_from_slice(shape);
        self.ends.push(u32::try_from(self.bytes.len()).unwrap_or(u32::MAX));
        let n = self.ends.len() - 1;
        self.numbers.insert(shape.to_vec(), n);
        n
    }
}

impl Chunk {
    /// Packs records `range`; their text begins with `region`, the index's names of
    /// them (see [`Tab::region`](super::index::Tab)), when it is given and holds together.
    fn build(
        db: &Db,
        kind: RecordKind,
        range: std::ops::Range<usize>,
        region: Option<(&str, Vec<[usize; 3]>)>,
    ) -> Chunk {
        let mut c = Strings::with_capacity(range.len() * 4);
        // The string numbers of each record's name and Chinese name in the region.
        let mut own: Vec<[Option<usize>; 2]> = Vec::new();
        let cut = region.and_then(|(text, sizes)| Some((text.len(), cut(text, &sizes)?)));
        let (names, names_len) = (cut.is_some(), cut.as_ref().map_or(0, |(len, _)| *len));
        let cut = cut.map(|(_, parts)| parts);
        for [name, zh, pinyin] in cut.unwrap_or_default() {
            let name = name.map(|s| c.push(s));
            let zh = zh.map(|s| c.push(s));
            // The pinyin mask's bytes: a string no entry names, there for the index.
            if let Some(pinyin) = pinyin {
                c.push(pinyin);
            }
            own.push([name, zh]);
        }
        let first = range.start;
        let mut starts = Vec::with_capacity(range.len());
        let mut entries = Vec::new();
        let mut shapes = Shapes::default();
        let (mut shape, mut record): (Vec<u8>, Vec<u8>) = (Vec::new(), Vec::new());
        let mut scratch = String::new();
        let mut items: Vec<usize> = Vec::new();
        for i in range {
            let rec = Rec::new(kind, i);
            starts.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
            shape.clear();
            record.clear();
            let mut put = |slot: u8, count: usize, items: &[usize]| {
                if count > 0 {
                    shape.push(slot);
                    put_varint(&mut shape, count);
                    for n in items {
                        put_varint(&mut record, *n);
                    }
                }
            };
            c.mine.clear();
            let names = fields::primary_names(db, rec);
            for (name, n) in names.iter().zip(own.get(i - first).into_iter().flatten()) {
                if let (Some(name), Some(n)) = (name, n) {
                    debug_assert_eq!(Strings::get(&c.text, &c.ends, *n), *name);
                    c.mine.push((name.as_ptr(), name.len(), *n));
                }
            }
            let refs = names.map(|n| n.map_or(0, |n| c.unique(n) + 1));
            put(NAMES, 2, &refs);
            items.clear();
            items.extend(fields::aliases(db, rec).iter().map(|a| c.unique(a)));
            put(ALIASES, items.len(), &items);
            items.clear();
            fields::related_names(db, rec, &mut |field, text| {
                items.push(usize::from(field.code()));
                items.push(c.intern(text));
                false
            });
            put(RELATED, items.len() / 2, &items);
            put(ID, 1, &[c.unique(db.id(rec))]);
            let label = crate::data::present::label(db, rec);
            if label != crate::data::present::names(names[0].unwrap_or_default(), names[1]) {
                put(LABEL, 1, &[c.intern(&label)]);
            }
            // Entries go by slot (a reader stops at a greater one): visits, then dates.
            for &field in Field::ALL {
                items.clear();
                fields::visit(db, rec, field, &mut scratch, &mut |v| {
                    items.push(c.intern(v));
                    false
                });
                put(VISIT + field.code(), items.len(), &items);
            }
            for &field in Field::ALL {
                if let Some((date, shown)) = fields::date_of(db, rec, field) {
                    items.clear();
                    items.push(c.intern(&date.to_string()));
                    items.extend(shown.map(|s| c.intern(s)));
                    put(DATE + field.code(), items.len(), &items);
                }
            }
            put_varint(&mut entries, shapes.number(&shape));
            entries.extend_from_slice(&record);
        }
        Chunk {
            text: c.text,
            ends: c.ends,
            starts,
            entries,
            shapes,
            names,
            names_len,
        }
    }
}

impl Chunk {
    /// The chunk as [`Packed`] keeps it (its names, the rest), and whether the names are
    /// the index's; `None` past 32-bit offsets.
    fn packed(self) -> Option<(String, packed::Chunk, bool)> {
        let put_u64 = |bin: &mut Vec<u8>, n: usize| bin.extend_from_slice(&(n as u64).to_le_bytes());
        let put_u32s = |bin: &mut Vec<u8>, list: &[u32]| {
            for v in list {
                bin.extend_from_slice(&v.to_le_bytes());
            }
        };
        let mut bin = Vec::with_capacity(
            48 + 4 * (self.ends.len() + self.starts.len() + 1 + self.shapes.ends.len())
                + self.shapes.bytes.len()
                + self.entries.len(),
        );
        put_u64(&mut bin, self.ends.len());
        put_u32s(&mut bin, &self.ends);
        put_u64(&mut bin, self.starts.len());
        put_u32s(&mut bin, &self.starts);
        put_u32s(&mut bin, &[u32::try_from(self.entries.len()).ok()?]);
        put_u64(&mut bin, self.shapes.ends.len());
        put_u32s(&mut bin, &self.shapes.ends);
        put_u64(&mut bin, self.shapes.bytes.len());
        bin.extend_from_slice(&self.shapes.bytes);
        put_u64(&mut bin, self.entries.len());
        bin.extend_from_slice(&self.entries);
        u32::try_from(self.text.len()).ok()?;
        let mut names = self.text;
        let mut text = names.split_off(self.names_len);
        names.shrink_to_fit();
        text.shrink_to_fit();
        let chunk = packed::Chunk::checked(bin, text, &names).ok()?;
        Some((names, chunk, self.names))
    }
}

/// A chunk's distinct strings and their numbers.
#[derive(Default)]
struct Strings {
    text: String,
    ends: Vec<u32>,
    table: hashbrown::HashTable<usize>,
    hasher: foldhash::fast::FixedState,
    /// The current record's own strings (names, aliases, id), which no other record
    /// shares: numbered without hashing, and found here (by address: the dataset's own
    /// text) when a field yields them again.
    mine: Vec<(*const u8, usize, usize)>,
}

impl Strings {
    fn with_capacity(strings: usize) -> Strings {
        Strings {
            table: hashbrown::HashTable::with_capacity(strings),
            ends: Vec::with_capacity(strings),
            ..Strings::default()
        }
    }

    fn push(&mut self, s: &str) -> usize {
        self.text.push_str(s);
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        self.ends.len() - 1
    }

    /// Numbers one of the record's own strings: stored as it comes.
    fn unique(&mut self, s: &str) -> usize {
        if let Some(n) = self.mine(s) {
            return n;
        }
        let n = self.push(s);
        self.mine.push((s.as_ptr(), s.len(), n));
        n
    }

    /// The number of one of the record's own strings, if `s` is one (the same bytes in
    /// the dataset, not merely equal ones: comparing addresses costs nothing).
    fn mine(&self, s: &str) -> Option<usize> {
        self.mine
            .iter()
            .find(|(p, len, _)| std::ptr::eq(*p, s.as_ptr()) && *len == s.len())
            .map(|(_, _, n)| *n)
    }

    fn get<'a>(text: &'a str, ends: &[u32], n: usize) -> &'a str {
        let start = if n == 0 { 0 } else { ends[n - 1] as usize };
        &text[start..ends[n] as usize]
    }

    fn intern(&mut self, s: &str) -> usize {
        use std::hash::BuildHasher as _;
        if let Some(n) = self.mine(s) {
            return n;
        }
        let hash = self.hasher.hash_one(s);
        let (text, ends) = (&self.text, &self.ends);
        if let Some(n) = self.table.find(hash, |n| Strings::get(text, ends, *n) == s) {
            return *n;
        }
        let n = self.push(s);
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table
            .insert_unique(hash, n, |n| hasher.hash_one(Strings::get(text, ends, *n)));
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::packed::varint;

    #[test]
    fn damaged_parts_are_refused_not_read() {
        let db = crate::data::load::embedded().expect("loads");
        let packed = build(&db, &mut Index::build(&db)).expect("packs");
        let view = packed.chunks(RecordKind::Enterprise).get(0).expect("a chunk");
        let (bin, text) = view.chunk.parts();
        let read = |bin: &[u8], text: &[u8]| packed::Chunk::from_parts(bin.to_vec(), text, view.names);
        assert!(read(bin, text).is_ok());
        assert!(read(&bin[..bin.len() - 1], text).is_err());
        assert!(read(bin, &text[..text.len() - 1]).is_err());
        let mut longer = bin.to_vec();
        longer.push(0);
        assert!(read(&longer, text).is_err());
        // Cut inside a char: not UTF-8.
        let at = text
            .iter()
            .position(|b| *b >= 0x80)
            .expect("the shipped data has Chinese")
            + 1;
        let mut cut = text.to_vec();
        cut.remove(at);
        assert!(read(bin, &cut).is_err());
    }

    #[test]
    fn varints_round_trip() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as usize] {
            let mut out = Vec::new();
            put_varint(&mut out, n);
            let mut at = 0;
            assert_eq!(varint(&out, &mut at), Some(n));
            assert_eq!(at, out.len());
        }
    }
}
