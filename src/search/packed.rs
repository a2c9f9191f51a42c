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

mod chunk;

use chunk::EMPTY;
pub use chunk::Values;
pub(super) use chunk::{ALIASES, CHUNK, Chunk, DATE, ID, LABEL, NAMES, RELATED, VISIT, View, owned_utf8, varint};

/// A tab's place in [`Packed::tabs`] (the order of [`RecordKind::ALL`]).
pub(super) fn slot_of(kind: RecordKind) -> usize {
    match kind {
        RecordKind::History => 0,
        RecordKind::Enterprise => 1,
        RecordKind::Brand => 2,
        RecordKind::Indicator => 3,
    }
}

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

/// Reads the dataset's sources from where they are kept (a cache file's last section):
/// `None` when they are not kept there.
pub type SourcesLoader = Box<dyn Fn() -> Result<Option<Vec<crate::data::model::Source>>, String> + Send + Sync>;

/// The dataset's sources beside its packed values, read when a search first asks (one
/// that found nothing says which sources' titles hold the words).
#[derive(Default)]
struct Sources {
    read: OnceLock<Option<Box<[crate::data::model::Source]>>>,
    loader: Option<SourcesLoader>,
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sources")
            .field("read", &self.read.get().map(|s| s.as_ref().map(|s| s.len())))
            .finish_non_exhaustive()
    }
}

/// The packed values of a dataset.
#[derive(Debug, Default)]
pub struct Packed {
    tabs: [Arc<Chunks>; 4],
    damage: Arc<OnceLock<String>>,
    sources: Sources,
}

impl Packed {
    /// Packed values whose chunks are all here (`search::pack`), by tab in the order of
    /// [`RecordKind::ALL`]: each tab's record count and chunks, with their names; and the
    /// dataset's sources.
    pub(super) fn built(tabs: [(usize, Vec<(String, Chunk)>); 4], sources: &[crate::data::model::Source]) -> Packed {
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
        Packed {
            tabs,
            damage,
            sources: Sources {
                read: OnceLock::from(Some(sources.into())),
                loader: None,
            },
        }
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
        Packed {
            tabs,
            damage,
            sources: Sources::default(),
        }
    }

    /// Reads the dataset's sources with `loader` when first asked for ([`Packed::sources`]).
    pub(super) fn keep_sources(&mut self, loader: SourcesLoader) {
        self.sources = Sources {
            read: OnceLock::new(),
            loader: Some(loader),
        };
    }

    /// The dataset's sources, read when first asked for. `None` when they are not kept
    /// beside the values (a cache file keeps them up to a size), or could not be read
    /// (then [`Packed::damage`] says why): the caller reads the dataset instead.
    #[must_use]
    pub fn sources(&self) -> Option<&[crate::data::model::Source]> {
        self.sources
            .read
            .get_or_init(|| {
                let loader = self.sources.loader.as_ref()?;
                match loader() {
                    Ok(list) => list.map(Vec::into_boxed_slice),
                    Err(why) => {
                        let _ = self.damage.set(why);
                        None
                    }
                }
            })
            .as_deref()
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

    /// [`fields::visit`](super::fields::visit).
    pub fn visit(&self, rec: Rec, field: Field, each: &mut dyn FnMut(&str) -> bool) -> bool {
        self.entry(rec, VISIT + field.code())
            .is_some_and(|v| v.into_iter().any(each))
    }

    /// [`fields::visit`](super::fields::visit) for each of `fields` in turn, the record's entries read once:
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

    /// [`fields::touch`](super::fields::touch): the first byte of the record's entries.
    #[must_use]
    pub fn touch(&self, rec: Rec) -> usize {
        self.chunk(rec).map_or(0, |(view, j)| view.chunk.touch(j))
    }

    /// [`fields::date_of`](super::fields::date_of).
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

    /// [`fields::primary_names`](super::fields::primary_names).
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

    /// [`fields::aliases`](super::fields::aliases).
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

    /// [`fields::related_names`](super::fields::related_names).
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
