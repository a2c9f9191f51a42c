//! Packing a loaded dataset's searchable values into [`Packed`] for the cache file: every
//! question the engine asks ([`fields`]'s readers), asked of every record once, on all
//! cores, in chunks of records whose repeated values are stored once.

use rayon::prelude::*;

use super::fields::{self, Field};
use super::packed::{ALIASES, CHUNK, DATE, ID, LABEL, NAMES, Packed, RELATED, VISIT};
use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;

/// Packs every record of `db`; `None` when the values do not fit 32-bit offsets (4 GiB
/// of distinct text), which no dataset the loader accepts comes near.
#[must_use]
pub fn build(db: &Db) -> Option<Packed> {
    let mut text = String::new();
    let mut ends: Vec<u32> = Vec::new();
    let mut tabs = Vec::with_capacity(4);
    for kind in RecordKind::ALL {
        let n = db.len(kind);
        let chunks: Vec<Chunk> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| Chunk::build(db, kind, c * CHUNK..n.min(c * CHUNK + CHUNK)))
            .collect();
        let mut starts: Vec<u32> = Vec::with_capacity(n + 1);
        let mut bases: Vec<u32> = Vec::with_capacity(chunks.len());
        let mut entries: Vec<u8> = Vec::new();
        for chunk in chunks {
            bases.push(u32::try_from(ends.len()).ok()?);
            let base = u32::try_from(text.len()).ok()?;
            text.push_str(&chunk.text);
            for end in chunk.ends {
                ends.push(base.checked_add(end)?);
            }
            let at = u32::try_from(entries.len()).ok()?;
            starts.extend(chunk.starts.iter().map(|s| at + s));
            entries.extend_from_slice(&chunk.entries);
        }
        starts.push(u32::try_from(entries.len()).ok()?);
        u32::try_from(text.len()).ok()?;
        tabs.push((starts, bases, entries));
    }
    let mut bin = Vec::new();
    bin.extend_from_slice(&(ends.len() as u64).to_le_bytes());
    for e in &ends {
        bin.extend_from_slice(&e.to_le_bytes());
    }
    for (starts, bases, entries) in tabs {
        bin.extend_from_slice(&((starts.len() - 1) as u64).to_le_bytes());
        bin.extend_from_slice(&(bases.len() as u64).to_le_bytes());
        for v in starts.iter().chain(&bases) {
            bin.extend_from_slice(&v.to_le_bytes());
        }
        bin.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        bin.extend_from_slice(&entries);
    }
    Packed::from_parts(bin, text.into_bytes()).ok()
}

fn put_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(u8::try_from(n & 0x7f).unwrap_or(0) | 0x80);
        n >>= 7;
    }
    out.push(u8::try_from(n).unwrap_or(0));
}

/// One chunk of records, packed on one core: its own distinct strings, numbered from 0.
struct Chunk {
    text: String,
    ends: Vec<u32>,
    starts: Vec<u32>,
    entries: Vec<u8>,
}

impl Chunk {
    fn build(db: &Db, kind: RecordKind, range: std::ops::Range<usize>) -> Chunk {
        let mut c = Strings::with_capacity(range.len() * 4);
        let mut starts = Vec::with_capacity(range.len());
        let mut entries = Vec::new();
        let mut scratch = String::new();
        let mut items: Vec<usize> = Vec::new();
        for i in range {
            let rec = Rec::new(kind, i);
            starts.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
            let mut put = |slot: u8, count: usize, items: &[usize]| {
                if count > 0 {
                    entries.push(slot);
                    put_varint(&mut entries, count);
                    for n in items {
                        put_varint(&mut entries, *n);
                    }
                }
            };
            c.mine.clear();
            let names = fields::primary_names(db, rec);
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
        }
        Chunk {
            text: c.text,
            ends: c.ends,
            starts,
            entries,
        }
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
        let packed = build(&db).expect("packs");
        let (bin, text) = packed.parts();
        assert!(Packed::from_parts(bin.to_vec(), text.to_vec()).is_ok());
        assert!(Packed::from_parts(bin[..bin.len() - 1].to_vec(), text.to_vec()).is_err());
        assert!(Packed::from_parts(bin.to_vec(), text[..text.len() - 1].to_vec()).is_err());
        let mut longer = bin.to_vec();
        longer.push(0);
        assert!(Packed::from_parts(longer, text.to_vec()).is_err());
        // Cut inside a char: not UTF-8.
        let at = text
            .iter()
            .position(|b| *b >= 0x80)
            .expect("the shipped data has Chinese")
            + 1;
        let mut cut = text.to_vec();
        cut.remove(at);
        assert!(Packed::from_parts(bin.to_vec(), cut).is_err());
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
