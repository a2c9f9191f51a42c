//! One chunk of packed values as bytes (its layout is drawn in the `packed` module's doc):
//! the layout's constants, the check of a chunk's buffers, and the reading of its strings
//! and of its records' entries.

use crate::search::fields::Field;

/// Records per chunk: their distinct values are stored once, and read together.
pub(crate) const CHUNK: usize = 4096;

/// The record's own names: two items, each a string plus one or 0 for none.
pub(crate) const NAMES: u8 = 0;
/// Aliases, in order.
pub(crate) const ALIASES: u8 = 1;
/// Related names: pairs of (field code, string).
pub(crate) const RELATED: u8 = 2;
/// The id.
pub(crate) const ID: u8 = 3;
/// The label, when it is not the names joined as [`present::names`](crate::data::present::names) does.
pub(crate) const LABEL: u8 = 4;
/// What [`fields::visit`] yields for field code `c` is slot `VISIT + c`.
pub(crate) const VISIT: u8 = 16;
/// The date field code `c` holds is slot `DATE + c`: the date, then the label shown for
/// it if there is one.
pub(crate) const DATE: u8 = 48;
const _: () = assert!(VISIT as usize + Field::ALL.len() <= DATE as usize && DATE as usize + Field::ALL.len() <= 256);

/// One chunk of records' values but the names, checked: see the layout in [`super`]'s doc.
#[derive(Debug, Default)]
pub(crate) struct Chunk {
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
pub(super) static EMPTY: Chunk = Chunk {
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

/// A chunk with its names: what its string numbers are read in.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub chunk: &'a Chunk,
    pub names: &'a str,
}

/// The items of one entry (a list of strings).
#[derive(Clone, Copy)]
pub struct Values<'a> {
    pub(super) view: View<'a>,
    pub(super) items: &'a [u8],
    pub(super) count: usize,
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
    pub(super) fn numbered(self) -> impl Iterator<Item = (usize, &'a str)> {
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
pub(crate) fn varint(bytes: &[u8], at: &mut usize) -> Option<usize> {
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
    pub(crate) fn checked(bin: Vec<u8>, text: String, names: &str) -> Result<Chunk, &'static str> {
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
    pub(crate) fn from_parts(bin: Vec<u8>, text: &[u8], names: &str) -> Result<Chunk, &'static str> {
        let text = owned_utf8(text).ok_or("its packed text is not UTF-8")?;
        Chunk::checked(bin, text, names)
    }

    /// Records in the chunk.
    pub(crate) fn records(&self) -> usize {
        self.records
    }

    /// The two buffers, for the cache file.
    pub(crate) fn parts(&self) -> (&[u8], &[u8]) {
        (&self.bin, self.text.as_bytes())
    }

    /// Bytes held.
    pub(super) fn heap_bytes(&self) -> usize {
        self.bin.capacity() + self.text.capacity()
    }
}

/// `bytes` as text, when they are UTF-8: checked with SIMD, then copied. The standard
/// check, which would take a buffer without copying it, is several times slower on
/// Chinese text than both together.
pub(crate) fn owned_utf8(bytes: &[u8]) -> Option<String> {
    simdutf8::basic::from_utf8(bytes).ok().map(str::to_owned)
}

impl<'a> View<'a> {
    /// String `n` of the chunk: in the names or in the text.
    pub(super) fn string(self, n: usize) -> Option<&'a str> {
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
    pub(super) fn entry(self, j: usize, slot: u8) -> Option<Values<'a>> {
        self.entries(j)?
            .take_while(|(s, _)| *s <= slot)
            .find_map(|(s, v)| (s == slot).then_some(v))
    }

    /// Record `j`'s entries, by rising slot, read in one walk.
    pub(super) fn entries(self, j: usize) -> Option<Entries<'a>> {
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
pub(super) struct Entries<'a> {
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
    pub(super) fn touch(&self, j: usize) -> usize {
        u32_at(&self.bin, self.starts + j * 4)
            .and_then(|s| self.bin.get(self.entries.start + s))
            .map_or(0, |b| usize::from(*b))
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
