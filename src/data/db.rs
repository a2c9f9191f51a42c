//! A checked dataset with the lookups every view needs: id → record, owner → brands,
//! record → the history events that name it, record → its weakest source.
//!
//! A `Db` only exists after `load` has checked the data, so every reference in it
//! resolves; accessors may rely on that. Nothing here parses, prints or renders.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::data::model::{
    Brand, Cite, Dataset, Enterprise, HistoryEvent, Indicator, List, RecordKind, Reliability, Source, Sym,
};

/// A record of one of the four browsable kinds, by position in its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rec {
    pub kind: RecordKind,
    pub index: u32,
}

impl Rec {
    /// # Panics
    /// If a section holds 2^32 records or more, which no loadable file can.
    #[must_use]
    pub fn new(kind: RecordKind, index: usize) -> Rec {
        Rec {
            kind,
            index: u32::try_from(index).expect("datasets hold fewer than 2^32 records per section"),
        }
    }

    #[must_use]
    pub fn idx(self) -> usize {
        self.index as usize
    }
}

/// What an id names: a browsable record or a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Record(Rec),
    Source(u32),
}

/// The id → target table, hashed on the id text stored in the dataset itself, so no
/// id is copied (this matters at a million records).
#[derive(Default)]
pub(crate) struct IdTable {
    table: HashTable<Target>,
    hasher: DefaultHashBuilder,
}

impl IdTable {
    pub(crate) fn with_capacity(n: usize) -> IdTable {
        IdTable {
            table: HashTable::with_capacity(n),
            hasher: DefaultHashBuilder::default(),
        }
    }

    /// The hash under which `id` is stored (computable in parallel before inserting).
    pub(crate) fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// Inserts `target` under `id`, whose [`IdTable::hash`] the caller computed; returns
    /// the earlier target when the id is taken.
    pub(crate) fn insert_hashed(&mut self, data: &Dataset, id: &str, hash: u64, target: Target) -> Option<Target> {
        if let Some(existing) = self.table.find(hash, |t| id_of(data, *t) == id) {
            return Some(*existing);
        }
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, target, |t| hasher.hash_one(id_of(data, *t)));
        None
    }

    pub(crate) fn get(&self, data: &Dataset, id: &str) -> Option<Target> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |t| id_of(data, *t) == id).copied()
    }
}

fn id_of(data: &Dataset, target: Target) -> &str {
    match target {
        Target::Source(i) => &data.sources[i as usize].id,
        Target::Record(rec) => match rec.kind {
            RecordKind::History => &data.history[rec.idx()].id,
            RecordKind::Enterprise => &data.enterprises[rec.idx()].id,
            RecordKind::Brand => &data.brands[rec.idx()].id,
            RecordKind::Indicator => &data.indicators[rec.idx()].id,
        },
    }
}

/// One dataset file of those laid together (`--add`): the base is the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// The file as the user named it, or the embedded dataset's name.
    pub origin: String,
    /// Records of each kind (in tab order) this layer added, besides those it merged.
    pub added: [usize; 4],
    pub sources: usize,
    /// Its enterprises that have the credit code (or the full name) of one below and were
    /// merged into it.
    pub merged: usize,
    /// Of those, the ones merged by name (neither record's credit code disagreeing).
    pub by_name: usize,
    /// One line each: names that matched a record below but were kept apart.
    pub notices: Vec<String>,
    /// One line each: its enterprises kept apart that have the English name of one below
    /// (likely duplicates; `validate` warns of them).
    pub alike: Vec<String>,
    /// Registry fields where this layer's value replaced a different one below.
    pub conflicts: Vec<Conflict>,
    /// The (enterprise, registry field) pairs this layer set on records below.
    pub(crate) set: Vec<(usize, &'static str)>,
    /// The ids of its enterprises merged into ones below (they answer for the record
    /// below, but this file gave them).
    pub(crate) joined: Vec<Box<str>>,
    /// What it said about each enterprise below it merged into: the detail marks it.
    pub(crate) said: Vec<Said>,
    /// Where its own records start: sources, then each kind in tab order.
    pub(crate) start: [usize; 5],
    /// The file, resolved, to tell when the same file is given twice.
    pub(crate) file: Option<std::path::PathBuf>,
}

impl Layer {
    /// The records this layer holds: those it added and those it merged.
    #[must_use]
    pub fn records(&self) -> usize {
        self.added.iter().sum::<usize>() + self.merged
    }

    /// The file's name without its directories, as a header shows it.
    #[must_use]
    pub fn name(&self) -> &str {
        std::path::Path::new(&self.origin)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&self.origin)
    }
}

/// A dataset that passed every check, with its lookup tables.
pub struct Db {
    data: Dataset,
    ids: IdTable,
    /// enterprise index → indices of the brands it owns, sorted.
    brands_by_owner: hashbrown::HashMap<u32, Vec<u32>>,
    /// record → indices of the history events whose `related` names it, sorted.
    events_by_record: hashbrown::HashMap<Rec, Vec<u32>>,
    /// record → indices of the figures whose `related` names it, in dataset order.
    figures_by_record: hashbrown::HashMap<Rec, Vec<u32>>,
    /// The files laid together, base first; one for a dataset loaded alone.
    layers: Vec<Layer>,
    /// Ids of added enterprises that were merged into one below (by credit code) → it.
    merged: hashbrown::HashMap<Box<str>, Rec>,
    /// Per tab (in `RecordKind::ALL`'s order), each record's summary in simplified
    /// characters where that differs (empty when none does): made when first asked
    /// (`data::simplified`).
    pub(super) simplified: [std::sync::OnceLock<Vec<Option<Box<str>>>>; 4],
}

/// Two layers giving different values for one registry field of one enterprise: the
/// upper (later `--add`) value is kept, the other is reported beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The merged record's id.
    pub record: Box<str>,
    /// The field's name in the format (`registry.status`).
    pub field: &'static str,
    pub kept: String,
    pub kept_from: String,
    pub other: String,
    pub other_from: String,
    /// Both values are kept, side by side (two people as legal representative), rather
    /// than one kept and the other only reported.
    pub both_kept: bool,
}

/// What one added file said about an enterprise below that one of its records merged
/// into, beyond the registry fields it set (`Layer::set`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// The enterprise below, by index.
    pub record: usize,
    /// The added record's name as its file wrote it (its Chinese name, else its name),
    /// for `validate`'s list of what merged into what.
    pub name: Box<str>,
    /// Merged by name (no credit code on both sides to go by).
    pub by_name: bool,
    /// The file's source as the detail names it (`counterparties.csv, 2026-03-20`).
    pub label: String,
    /// That source's title alone (`counterparties.csv`), beside a date of its own.
    pub title: String,
    /// People of the record, by index, that this file added or dated later.
    pub people: Vec<(usize, PersonSaid)>,
}

/// What an added file said about one person of an enterprise below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonSaid {
    /// A person the files below did not name.
    Added,
    /// The same person in the same role as of a later date; `earlier` is the date the
    /// files below gave.
    Later { earlier: Option<crate::data::model::Date> },
}

/// A `Db` taken apart again, to lay another dataset over it.
pub(crate) struct Parts {
    pub(crate) data: Dataset,
    pub(crate) layers: Vec<Layer>,
    pub(crate) merged: hashbrown::HashMap<Box<str>, Rec>,
}

fn section_lengths(data: &Dataset) -> [usize; 5] {
    [
        data.sources.len(),
        data.history.len(),
        data.enterprises.len(),
        data.brands.len(),
        data.indicators.len(),
    ]
}

impl Db {
    /// Builds the lookups. `ids` must already hold every id of `data` (the checker fills it).
    pub(crate) fn new(data: Dataset, ids: IdTable) -> Db {
        let lengths = section_lengths(&data);
        let layer = Layer {
            origin: String::new(),
            added: [lengths[1], lengths[2], lengths[3], lengths[4]],
            sources: lengths[0],
            merged: 0,
            by_name: 0,
            notices: Vec::new(),
            alike: Vec::new(),
            conflicts: Vec::new(),
            set: Vec::new(),
            joined: Vec::new(),
            said: Vec::new(),
            start: [0; 5],
            file: None,
        };
        Db::with_layers(data, ids, vec![layer], hashbrown::HashMap::new())
    }

    /// Builds the lookups of datasets laid together and merged into `data`.
    pub(crate) fn with_layers(
        data: Dataset,
        ids: IdTable,
        layers: Vec<Layer>,
        merged: hashbrown::HashMap<Box<str>, Rec>,
    ) -> Db {
        let mut brands_by_owner: hashbrown::HashMap<u32, Vec<u32>> = hashbrown::HashMap::new();
        for (i, brand) in data.brands.iter().enumerate() {
            if let Some(Target::Record(owner)) = brand.owner.as_deref().and_then(|o| ids.get(&data, o)) {
                brands_by_owner
                    .entry(owner.index)
                    .or_default()
                    .push(Rec::new(RecordKind::Brand, i).index);
            }
        }
        let mut events_by_record = by_related(
            &ids,
            &data,
            RecordKind::History,
            data.history.iter().map(|e| &e.related),
        );
        // Oldest first, whatever order the file lists the events in (a file written
        // newest first, or reordered by a script, reads the same); the file's order
        // breaks ties.
        for list in events_by_record.values_mut() {
            list.sort_by_key(|i| data.history[*i as usize].date);
        }
        let figures_by_record = by_related(
            &ids,
            &data,
            RecordKind::Indicator,
            data.indicators.iter().map(|f| &f.related),
        );
        Db {
            data,
            ids,
            brands_by_owner,
            events_by_record,
            figures_by_record,
            layers,
            merged,
            simplified: Default::default(),
        }
    }

    /// Names the file this dataset was read from (a dataset loaded alone).
    pub(crate) fn set_origin(&mut self, origin: &str, file: Option<std::path::PathBuf>) {
        if let [layer] = self.layers.as_mut_slice() {
            origin.clone_into(&mut layer.origin);
            layer.file = file;
        }
    }

    pub(crate) fn into_parts(self) -> Parts {
        Parts {
            data: self.data,
            layers: self.layers,
            merged: self.merged,
        }
    }

    /// The files laid together, base first (one, for a dataset loaded alone).
    #[must_use]
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Which layer a record or source comes from (merged records: the lower one).
    #[must_use]
    pub fn layer_of(&self, target: Target) -> usize {
        let (slot, index) = match target {
            Target::Source(i) => (0, i as usize),
            Target::Record(rec) => (1 + rec.kind as usize, rec.idx()),
        };
        self.layers.iter().rposition(|l| l.start[slot] <= index).unwrap_or(0)
    }

    /// Every conflicting registry value, in the order the layers were laid.
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.layers.iter().flat_map(|l| &l.conflicts)
    }

    /// What added files said about enterprise `index` they merged into, lowest first.
    pub fn said_of(&self, index: usize) -> impl Iterator<Item = &Said> {
        self.layers
            .iter()
            .flat_map(|l| &l.said)
            .filter(move |s| s.record == index)
    }

    /// The source of the added file that last set `field` (`registry.status`, `founded`)
    /// of enterprise `index`, as [`Said::label`]; `None` for a value of the record's own file.
    #[must_use]
    pub fn field_from(&self, index: usize, field: &str) -> Option<&str> {
        self.layers
            .iter()
            .skip(1)
            .rev()
            .find(|l| l.set.iter().any(|&(i, f)| i == index && f == field))
            .and_then(|l| l.said.iter().find(|s| s.record == index))
            .map(|s| &*s.label)
    }

    /// The conflicts about one enterprise.
    pub fn conflicts_of(&self, id: &str) -> impl Iterator<Item = &Conflict> {
        self.conflicts().filter(move |c| &*c.record == id)
    }

    /// The file a record or source comes from.
    #[must_use]
    pub fn origin_of(&self, target: Target) -> &str {
        &self.layers[self.layer_of(target)].origin
    }

    /// The file that uses `id`, which names `target`: for the id of an added enterprise
    /// merged into one below, the file that gave that id, not the record's own file.
    #[must_use]
    pub fn origin_of_id(&self, id: &str, target: Target) -> &str {
        self.layers
            .iter()
            .find(|l| l.joined.iter().any(|j| &**j == id))
            .map_or_else(|| self.origin_of(target), |l| &l.origin)
    }

    #[must_use]
    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    /// A tag's Chinese, when the dataset gives it (`cluster.tags_zh`).
    #[must_use]
    pub fn tag_zh(&self, tag: &str) -> Option<&str> {
        let words = &self.data.cluster.tags_zh;
        if words.is_empty() {
            return None;
        }
        words.get(tag).map(|t| &**t)
    }

    #[must_use]
    pub fn history(&self) -> &[HistoryEvent] {
        &self.data.history
    }

    #[must_use]
    pub fn enterprises(&self) -> &[Enterprise] {
        &self.data.enterprises
    }

    #[must_use]
    pub fn brands(&self) -> &[Brand] {
        &self.data.brands
    }

    #[must_use]
    pub fn indicators(&self) -> &[Indicator] {
        &self.data.indicators
    }

    #[must_use]
    pub fn sources(&self) -> &[Source] {
        &self.data.sources
    }

    /// How many records of a kind there are.
    #[must_use]
    pub fn len(&self, kind: RecordKind) -> usize {
        match kind {
            RecordKind::History => self.data.history.len(),
            RecordKind::Enterprise => self.data.enterprises.len(),
            RecordKind::Brand => self.data.brands.len(),
            RecordKind::Indicator => self.data.indicators.len(),
        }
    }

    /// What an id names, if anything.
    #[must_use]
    pub fn lookup(&self, id: &str) -> Option<Target> {
        self.ids.get(&self.data, id).or_else(|| {
            // An added enterprise merged into one below keeps answering to its own id.
            (!self.merged.is_empty())
                .then(|| self.merged.get(id).copied().map(Target::Record))
                .flatten()
        })
    }

    /// The record an id names, if it names a browsable record.
    #[must_use]
    pub fn record(&self, id: &str) -> Option<Rec> {
        match self.lookup(id) {
            Some(Target::Record(rec)) => Some(rec),
            _ => None,
        }
    }

    /// The place in [`Db::sources`] of the source an id names.
    #[must_use]
    pub fn source_index(&self, id: &str) -> Option<usize> {
        match self.lookup(id) {
            Some(Target::Source(i)) => Some(i as usize),
            _ => None,
        }
    }

    /// The other sources at the same address as source `index` (the same page, entered
    /// twice to rate two of its claims apart), in dataset order.
    #[must_use]
    pub fn same_page(&self, index: usize) -> Vec<usize> {
        let sources = self.sources();
        let Some(url) = sources.get(index).and_then(|s| s.url.as_deref()) else {
            return Vec::new();
        };
        (0..sources.len())
            .filter(|&i| i != index && sources[i].url.as_deref() == Some(url))
            .collect()
    }

    /// The source an id names.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        match self.lookup(id) {
            Some(Target::Source(i)) => self.data.sources.get(i as usize),
            _ => None,
        }
    }

    /// The id of a record.
    #[must_use]
    pub fn id(&self, rec: Rec) -> &str {
        id_of(&self.data, Target::Record(rec))
    }

    /// The citations of a record.
    #[must_use]
    pub fn cites(&self, rec: Rec) -> &[Cite] {
        match rec.kind {
            RecordKind::History => &self.data.history[rec.idx()].sources,
            RecordKind::Enterprise => &self.data.enterprises[rec.idx()].sources,
            RecordKind::Brand => &self.data.brands[rec.idx()].sources,
            RecordKind::Indicator => &self.data.indicators[rec.idx()].sources,
        }
    }

    /// A record as stored, as a JSON value (the shape it has in the dataset file).
    #[must_use]
    pub fn to_json(&self, rec: Rec) -> serde_json::Value {
        let value = match rec.kind {
            RecordKind::History => serde_json::to_value(&self.data.history[rec.idx()]),
            RecordKind::Enterprise => serde_json::to_value(&self.data.enterprises[rec.idx()]),
            RecordKind::Brand => serde_json::to_value(&self.data.brands[rec.idx()]),
            RecordKind::Indicator => serde_json::to_value(&self.data.indicators[rec.idx()]),
        };
        // Records are plain data with string keys: serializing them cannot fail.
        value.unwrap_or(serde_json::Value::Null)
    }

    /// `{"kind", "id", "record", "sources"}`: the record as stored and the full source
    /// records it cites, so the JSON stands on its own (`show --json`, the `Y` key).
    #[must_use]
    pub fn to_json_with_sources(&self, rec: Rec) -> serde_json::Value {
        let mut cited: Vec<&Source> = Vec::new();
        for cite in self.cites(rec) {
            if let Some(source) = self.source(&cite.source)
                && !cited.iter().any(|s| s.id == source.id)
            {
                cited.push(source);
            }
        }
        serde_json::json!({
            "kind": rec.kind.as_str(),
            "id": self.id(rec),
            "record": self.to_json(rec),
            "sources": cited.iter().map(|s| serde_json::to_value(s).unwrap_or_default()).collect::<Vec<_>>(),
        })
    }

    /// The reliability of each source a record cites.
    fn cited_reliabilities(&self, rec: Rec) -> impl Iterator<Item = Reliability> {
        self.cites(rec)
            .iter()
            .filter_map(|c| self.source(&c.source))
            .map(|s| s.reliability)
    }

    /// The least reliable source a record cites; `None` when it cites none.
    #[must_use]
    pub fn weakest_source(&self, rec: Rec) -> Option<Reliability> {
        // `Reliability` orders High < Medium < Low, so the weakest is the maximum.
        self.cited_reliabilities(rec).max()
    }

    /// The most reliable source a record cites; `None` when it cites none. The list's
    /// `Src` column shows it, so a well-sourced record does not look weak for one weak
    /// citation among strong ones.
    #[must_use]
    pub fn strongest_source(&self, rec: Rec) -> Option<Reliability> {
        self.cited_reliabilities(rec).min()
    }

    /// The brands an enterprise owns, in dataset order.
    #[must_use]
    pub fn brands_of(&self, enterprise: usize) -> &[u32] {
        u32::try_from(enterprise)
            .ok()
            .and_then(|i| self.brands_by_owner.get(&i))
            .map_or(&[], Vec::as_slice)
    }

    /// The owner of a brand, when it names one.
    #[must_use]
    pub fn owner_of(&self, brand: usize) -> Option<Rec> {
        self.data.brands[brand].owner.as_deref().and_then(|id| self.record(id))
    }

    /// The history events whose `related` list names this record, oldest first.
    #[must_use]
    pub fn events_about(&self, rec: Rec) -> &[u32] {
        self.events_by_record.get(&rec).map_or(&[], Vec::as_slice)
    }

    /// The figures whose `related` list names this record, in dataset order.
    #[must_use]
    pub fn figures_about(&self, rec: Rec) -> &[u32] {
        self.figures_by_record.get(&rec).map_or(&[], Vec::as_slice)
    }
}

/// Record → the records of `kind` (in dataset order, each once) whose `related` lists,
/// given in dataset order, name it.
fn by_related<'a>(
    ids: &IdTable,
    data: &Dataset,
    kind: RecordKind,
    lists: impl Iterator<Item = &'a List<Sym>>,
) -> hashbrown::HashMap<Rec, Vec<u32>> {
    let mut by: hashbrown::HashMap<Rec, Vec<u32>> = hashbrown::HashMap::new();
    for (i, related) in lists.enumerate() {
        let index = Rec::new(kind, i).index;
        for id in related {
            if let Some(Target::Record(rec)) = ids.get(data, id) {
                let list = by.entry(rec).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
    }
    by
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("history", &self.data.history.len())
            .field("enterprises", &self.data.enterprises.len())
            .field("brands", &self.data.brands.len())
            .field("indicators", &self.data.indicators.len())
            .field("sources", &self.data.sources.len())
            .finish_non_exhaustive()
    }
}
