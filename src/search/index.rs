//! The search index: per record, the masks that let a query reject it without reading its
//! text, and a copy of its own names packed end to end. Built once per dataset, in
//! parallel; immutable afterwards (Send + Sync).
//!
//! Why copy the names: a broad query reads the name of most records, and in the dataset
//! each name is a separate allocation among the record's others, so nearly every record
//! cost a cache miss before any matching began. Packed in record order they stream from
//! memory. Folded forms are still made on the fly (one-to-one char folding keeps positions
//! valid), and pinyin is read from a shared per-process table. That is 39 bytes a record
//! (masks of the names, and of the other fields' chars, adjacent pairs, word heads and
//! pinyin letters; the id's hash; name lengths and every 4th offset) plus the names
//! themselves, and 4 bytes more for a record with pinyin.

use std::sync::Arc;

use super::packed::{self, Chunks, Packed};
use super::pinyin;
use super::query::kind_slot;
use super::records::Records;
use crate::data::db::Rec;
use crate::data::model::RecordKind;

mod build;

/// Set in a primary mask when the record has related names (a brand's owner, an
/// enterprise's brands) that count as primary text.
pub(super) const HAS_RELATED: u64 = 1 << 63;
/// Set in a primary mask when the Chinese name has chars that fold to ASCII.
pub(super) const ZH_ASCII: u64 = 1 << 62;
/// Set in a primary mask when the record's names have pinyin ([`pinyin_mask`] is not 0).
pub(super) const HAS_PINYIN: u64 = 1 << 61;
/// Set in a pinyin mask when the pinyin text is the Chinese name (else it is the name).
pub(super) const PINYIN_ZH: u32 = 1 << 31;
/// Set in a pinyin mask when the record has a text with pinyin at all.
pub(super) const PINYIN_ANY: u32 = 1 << 30;

/// The masks of one tab's records, by record index.
#[derive(Debug, Default)]
pub(super) struct Tab {
    /// Chars of the names (own and related), plus [`HAS_RELATED`], [`ZH_ASCII`] and
    /// [`HAS_PINYIN`].
    pub primary: Box<[u64]>,
    /// Chars of the fields plain terms search below names, in 32 bits
    /// ([`fold::narrow_mask`]): the pairs below do most of the rejecting there.
    pub secondary: Box<[u32]>,
    /// Adjacent pairs of chars of those fields ([`fold::pair_mask`]): a plain term must
    /// occur in one of them whole, so its pairs must all be there.
    pub pairs: Box<[u64]>,
    /// The first two chars of every word of those fields ([`fold::head_mask`]): a plain
    /// term matches there only at a word's start, so its own first two must be here.
    /// Most records whose pairs let a term through fail this (`jin` and "joint-venture").
    pub heads: Box<[u64]>,
    /// The letters the pinyin of those fields' Chinese text can match
    /// ([`pinyin::letters`]); 0 when it has none. A pinyin term looks into the fields
    /// only when they have all of its letters: most records' Chinese fields (a district,
    /// a segment) lack some of them.
    pub field_pinyin: Box<[u32]>,
    /// Each record's id, hashed ([`id_hash`]): a query that is an id finds its record
    /// here, and reads only the values of records whose hash agrees (a warm search would
    /// otherwise read every record's values to compare ids).
    pub ids: Box<[u32]>,
    /// Every record's own name and Chinese name, end to end, in record order, each
    /// record's followed by its pinyin mask in 4 ASCII bytes when it has [`HAS_PINYIN`]:
    /// in a text of the index's own, or at the start of each packed chunk's text while
    /// a search holds the packed values ([`Index::share_names`]), so the names are held
    /// once (and a warm search reads only the chunks it needs).
    pub text: Names,
    /// Where the names of records `EVERY * k ..` start in `text` (in their chunk's text,
    /// for shared names); the last entry is where the last block's names end. The
    /// records between add up their sizes from `lens` (a handful of bytes read next to
    /// each other), which costs less memory than an offset per record.
    pub starts: Box<[u32]>,
    /// Record `i`'s name and Chinese name lengths in bytes; a name length of 0 marks
    /// names not packed (longer than 255 bytes, or an empty Chinese name): they are read
    /// from the dataset instead. Names are never empty in a checked dataset.
    pub lens: Box<[[u8; 2]]>,
}

/// Where a tab's packed names are.
pub(super) enum Names {
    /// In a text of the index's own.
    Own(String),
    /// At the start of each chunk's text of the packed values.
    Shared(Arc<Chunks>),
}

impl Default for Names {
    fn default() -> Names {
        Names::Own(String::new())
    }
}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Names::Own(text) => write!(f, "Own({} bytes)", text.len()),
            Names::Shared(chunks) => write!(f, "Shared({chunks:?})"),
        }
    }
}

/// Records per entry of [`Tab::starts`].
pub(super) const EVERY: usize = 4;

/// The bytes a record takes in [`Tab::text`].
pub(super) fn packed_size([name, zh]: [u8; 2], primary: u64) -> usize {
    if name == 0 {
        return 0;
    }
    let pinyin = if primary & HAS_PINYIN != 0 { PINYIN_BYTES } else { 0 };
    usize::from(name) + usize::from(zh) + pinyin
}

/// A pinyin mask takes 4 bytes of 7 bits in the packed text (letters and [`PINYIN_ZH`]),
/// so that the text stays ASCII there.
const PINYIN_BYTES: usize = 4;

fn encode_pinyin(mask: u32) -> [u8; PINYIN_BYTES] {
    let bits = (mask & ((1 << 26) - 1)) | if mask & PINYIN_ZH != 0 { 1 << 26 } else { 0 };
    [0, 7, 14, 21].map(|shift| u8::try_from(bits >> shift & 0x7f).unwrap_or(0))
}

fn decode_pinyin(bytes: &[u8]) -> u32 {
    let bits = bytes
        .iter()
        .zip([0, 7, 14, 21])
        .fold(0u32, |m, (b, shift)| m | u32::from(*b & 0x7f) << shift);
    let zh = if bits & 1 << 26 != 0 { PINYIN_ZH } else { 0 };
    (bits & ((1 << 26) - 1)) | zh | PINYIN_ANY
}

/// A record's names and its pinyin mask ([`record_pinyin`]).
pub(super) struct Entry<'a> {
    pub names: [Option<&'a str>; 2],
    pinyin: u32,
}

impl Entry<'_> {
    /// The pinyin mask ([`record_pinyin`]).
    pub fn pinyin(&self) -> u32 {
        self.pinyin
    }
}

impl Tab {
    /// The names of records `range` as packed, end to end, and the bytes each record
    /// takes there (name, Chinese name, pinyin mask); `None` when `range` does not start
    /// a block of [`EVERY`] records, lies outside the tab, or its sizes run past the text.
    pub(super) fn region(&self, range: std::ops::Range<usize>) -> Option<(&str, Vec<[usize; 3]>)> {
        if !range.start.is_multiple_of(EVERY) || range.end > self.lens.len() || range.end > self.primary.len() {
            return None;
        }
        if matches!(self.text, Names::Shared(_))
            && range.end > range.start
            && (range.end - 1) / packed::CHUNK != range.start / packed::CHUNK
        {
            // Shared names run end to end within a chunk only.
            return None;
        }
        let first = range.start;
        let start = *self.starts.get(first / EVERY)? as usize;
        let sizes: Vec<[usize; 3]> = range
            .map(|i| {
                let [name, zh] = self.lens[i];
                if name == 0 {
                    return [0; 3];
                }
                let pinyin = if self.primary[i] & HAS_PINYIN != 0 {
                    PINYIN_BYTES
                } else {
                    0
                };
                [usize::from(name), usize::from(zh), pinyin]
            })
            .collect();
        let len: usize = sizes.iter().flatten().sum();
        Some((self.names_text(first)?.get(start..start.checked_add(len)?)?, sizes))
    }

    /// The bytes the names take, end to end.
    pub(super) fn names_len(&self) -> usize {
        self.lens
            .iter()
            .zip(self.primary.iter())
            .map(|(l, p)| packed_size(*l, *p))
            .sum()
    }

    /// The names as a tab's own text lays them out (end to end from 0) and their
    /// offsets, wherever they are read from now: for writing the index without the
    /// packed values that hold them.
    pub(super) fn own_names(&self) -> (String, Vec<u32>) {
        let n = self.lens.len();
        let (mut text, mut starts) = (
            String::with_capacity(self.names_len()),
            Vec::with_capacity(n.div_ceil(EVERY) + 1),
        );
        for first in (0..n).step_by(EVERY) {
            starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            text.push_str(self.region(first..n.min(first + EVERY)).map_or("", |(names, _)| names));
        }
        starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        (text, starts)
    }

    /// The text record `i`'s names are in (the chunk's, for shared names, read first if
    /// it is not yet); `None` when it cannot be read.
    fn names_text(&self, i: usize) -> Option<&str> {
        match &self.text {
            Names::Own(text) => Some(text),
            Names::Shared(chunks) => chunks.names(i / packed::CHUNK),
        }
    }

    /// A record's names (and pinyin mask) from the packed copy, or `None` when they are
    /// not packed (or their chunk cannot be read).
    fn packed(&self, i: usize) -> Option<Entry<'_>> {
        let lens = *self.lens.get(i)?;
        if lens[0] == 0 {
            return None;
        }
        let first = i / EVERY * EVERY;
        let start = self.starts[i / EVERY] as usize
            + (first..i)
                .map(|j| packed_size(self.lens[j], self.primary[j]))
                .sum::<usize>();
        let mid = start + usize::from(lens[0]);
        let end = mid + usize::from(lens[1]);
        let text = self.names_text(i)?;
        let zh = if lens[1] != 0 { Some(text.get(mid..end)?) } else { None };
        let pinyin = if self.primary[i] & HAS_PINYIN != 0 {
            decode_pinyin(text.as_bytes().get(end..end + PINYIN_BYTES)?)
        } else {
            0
        };
        Some(Entry {
            names: [Some(text.get(start..mid)?), zh],
            pinyin,
        })
    }
}

/// The Chinese a Latin term stands for (`spelling`): as the data's names write it, held
/// anywhere in a text; or, where no name writes it, as whole runs of a summary's Chinese
/// (`runs`), held only as a whole run (杰我 standing alone is no part of 杰我睿).
#[derive(Debug, Clone, Default)]
pub(super) struct Written {
    pub chinese: std::sync::Arc<[Box<str>]>,
    pub runs: bool,
}

/// Runs of Chinese in free text, each with its spelling (`spelling`).
pub(super) type Runs = Box<[(Box<str>, Box<[u8]>)]>;

/// Everything a search needs beyond the `Db`, built once.
#[derive(Debug, Default)]
pub struct Index {
    pub(super) tabs: [Tab; 4],
    /// Chinese terms asked of [`spelling`](super::spelling): whether the data writes each
    /// in Latin letters as its own names do. Filled as searches ask, never saved.
    pub(super) spellings: std::sync::Mutex<hashbrown::HashMap<Box<str>, bool>>,
    /// Latin terms asked of [`spelling`](super::spelling): the Chinese the data's own
    /// names write each in (`jieworui`: 杰我睿). Filled as searches ask, never saved.
    pub(super) written: std::sync::Mutex<hashbrown::HashMap<Box<str>, Written>>,
    /// The runs of Chinese chars in the data's free text, each with its spelling
    /// ([`spelling`](super::spelling)): gathered when a Latin term first asks, never saved.
    pub(super) free_runs: std::sync::OnceLock<Runs>,
    /// Chinese asked of [`spelling`](super::spelling): whether an organisation's or a
    /// brand's Chinese name holds it. Filled as searches ask, never saved.
    pub(super) named: std::sync::Mutex<hashbrown::HashMap<Box<str>, bool>>,
}

/// The version of what [`Index::build`] computes: raise it whenever the masks, the
/// packing or the fields that feed them change, so that a persisted index
/// (`search::cache`) built by the old rules is never read as the new.
pub const VERSION: u32 = 11;

impl Index {
    /// Bytes the index holds on the heap (the shared pinyin table included; names read
    /// from the packed values' text are counted with them, not here).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        let tabs: usize = self
            .tabs
            .iter()
            .map(|t| {
                let text = match &t.text {
                    Names::Own(text) => text.capacity(),
                    Names::Shared(_) => 0,
                };
                t.primary.len() * 8
                    + t.secondary.len() * 4
                    + t.pairs.len() * 8
                    + t.heads.len() * 8
                    + t.field_pinyin.len() * 4
                    + t.ids.len() * 4
                    + text
                    + t.starts.len() * 4
                    + t.lens.len() * 2
            })
            .sum();
        tabs + pinyin::table_bytes()
    }

    /// Reads the names from the packed chunks from now on, at `starts` (one array per
    /// tab, as [`Tab::starts`], counted from each chunk's start), and lets go of the
    /// index's own copy. For `search::pack`, which lays each chunk's names out at the
    /// start of its text as [`Tab::region`] gave them. (A tab given no offsets keeps its
    /// own copy.)
    pub(super) fn share_names(&mut self, packed: &Packed, starts: [Option<Box<[u32]>>; 4]) {
        for (kind, starts) in RecordKind::ALL.into_iter().zip(starts) {
            if let Some(starts) = starts {
                let tab = &mut self.tabs[kind_slot(kind)];
                tab.text = Names::Shared(Arc::clone(packed.chunks(kind)));
                tab.starts = starts;
            }
        }
    }

    /// Takes back an own copy of the names, for an index that outlives the packed values
    /// (the explorer's, a cold search's): their text holds every other value too.
    pub(super) fn own_names_again(&mut self) {
        for tab in &mut self.tabs {
            if matches!(tab.text, Names::Shared(_)) {
                let (text, starts) = tab.own_names();
                tab.text = Names::Own(text);
                tab.starts = starts.into_boxed_slice();
            }
        }
    }

    /// A record's own names, as [`fields::primary_names`] gives them, from the packed
    /// copy when the index has one for this dataset.
    pub(super) fn names<'a>(&'a self, db: Records<'a>, rec: Rec) -> [Option<&'a str>; 2] {
        self.entry(db, rec).names
    }

    /// A record's names and its pinyin mask ([`pinyin_mask`]), read together from the
    /// packed copy. Without an index for this dataset the names come from it and the
    /// pinyin mask is `u32::MAX` (every record may have pinyin).
    pub(super) fn entry<'a>(&'a self, db: Records<'a>, rec: Rec) -> Entry<'a> {
        if !self.fits(db, rec.kind) {
            return Entry {
                names: db.primary_names(rec),
                pinyin: u32::MAX,
            };
        }
        let tab = self.tab(rec.kind);
        if let Some(packed) = tab.packed(rec.idx()) {
            return packed;
        }
        let names = db.primary_names(rec);
        let has = tab.primary[rec.idx()] & HAS_PINYIN != 0;
        Entry {
            names,
            pinyin: if has { record_pinyin(db, rec) } else { 0 },
        }
    }

    pub(super) fn tab(&self, kind: RecordKind) -> &Tab {
        &self.tabs[kind_slot(kind)]
    }

    /// The records of `kind` whose id hashes as `id` does (the record with that id among
    /// them, if there is one).
    pub(super) fn maybe_with_id(&self, kind: RecordKind, id: &str) -> impl Iterator<Item = usize> + '_ {
        let h = id_hash(id);
        self.tab(kind)
            .ids
            .iter()
            .enumerate()
            .filter_map(move |(i, &x)| (x == h).then_some(i))
    }

    /// Whether the index was built for this dataset's shape (a mismatch means the caller
    /// passed another `Db`; searching then falls back to reading every record).
    pub(super) fn fits<'a>(&self, db: impl Into<Records<'a>>, kind: RecordKind) -> bool {
        let tab = self.tab(kind);
        let n = db.into().len(kind);
        tab.primary.len() == n
            && tab.secondary.len() == n
            && tab.pairs.len() == n
            && tab.heads.len() == n
            && tab.field_pinyin.len() == n
            && tab.ids.len() == n
            && tab.lens.len() == n
    }
}

/// An id's 32-bit FNV-1a hash: fixed by its definition, so a cache file's hashes mean the
/// same to every later reader.
#[must_use]
pub(super) fn id_hash(id: &str) -> u32 {
    id.bytes()
        .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The pinyin mask of a record: [`pinyin_mask`] of its names, with the letters its
/// aliases in Chinese can match.
///
/// Stored with the packed names of the records that have pinyin (see [`Tab::text`]);
/// computed from the dataset for records whose names are not packed.
pub(super) fn record_pinyin(db: Records<'_>, rec: Rec) -> u32 {
    let [name, zh] = db.primary_names(rec);
    let mut py = pinyin_mask(name, zh);
    for alias in db.aliases(rec).iter() {
        let letters = pinyin::letters(alias);
        if letters != 0 || alias.chars().any(pinyin::has_readings) {
            py |= letters | PINYIN_ANY;
        }
    }
    py
}

/// The pinyin mask of a record's names: the letters its pinyin text can match, plus
/// [`PINYIN_ZH`] when that text is the Chinese name (else it is the name, given only in
/// Chinese) and [`PINYIN_ANY`]; 0 when neither has pinyin.
pub(super) fn pinyin_mask(name: Option<&str>, zh: Option<&str>) -> u32 {
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

#[cfg(test)]
mod tests;
