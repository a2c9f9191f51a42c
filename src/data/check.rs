//! The whole-file checks of a parsed dataset: format version, ids (well-formed and unique
//! across the file), references, required text, numbers. It reports every problem by
//! record path and, when there is none, builds the [`Db`].
//!
//! Per-value checks (types, enum names, real dates, unknown fields) happen while parsing,
//! in `model` and `load`; this module never sees raw text positions.

use rayon::prelude::*;

use crate::data::db::{Db, IdTable, Rec, Target};
use crate::data::model::{Dataset, Enterprise, FORMAT, RecordKind};
use crate::data::problems::{Problem, Problems, Salvage};

mod near;
mod record;

/// Checks the records that parsed, reporting paths as they are in the file.
pub(crate) fn check_with(data: Dataset, salvage: &Salvage, problems: &mut Problems) -> Result<Db, ()> {
    let mut checker = Checker {
        data: &data,
        salvage,
        problems,
        below: None,
    };
    let ids = checker.run();
    if problems.is_empty() {
        Ok(Db::new(data, ids))
    } else {
        Err(())
    }
}

/// Checks a dataset that is laid over `below` (`--add`): as [`check_with`], except that
/// its references may name records of the layers below, and that its ids must not be
/// theirs (an enterprise with the same credit code as the one below it is the same
/// organisation, and may keep the same id). Returns the records, to be merged.
pub(crate) fn check_over(data: Dataset, salvage: &Salvage, problems: &mut Problems, below: &Db) -> Result<Dataset, ()> {
    let mut checker = Checker {
        data: &data,
        salvage,
        problems,
        below: Some(below),
    };
    checker.run();
    if problems.is_empty() { Ok(data) } else { Err(()) }
}

/// The id table of records that were checked already (layers merged into one dataset).
pub(crate) fn ids_of(data: &Dataset) -> IdTable {
    let salvage = Salvage::default();
    let mut problems = Problems::default();
    Checker {
        data,
        salvage: &salvage,
        problems: &mut problems,
        below: None,
    }
    .check_ids()
}

struct Checker<'a> {
    data: &'a Dataset,
    salvage: &'a Salvage,
    problems: &'a mut Problems,
    /// The layers below this file, when it is added over them.
    below: Option<&'a Db>,
}

impl Checker<'_> {
    fn path(&self, section: &str, i: usize) -> String {
        format!("{section}[{}]", self.salvage.original(section, i))
    }

    fn report(&mut self, path: String, message: String) {
        self.problems.push(Problem::at_path(path, message));
    }

    fn run(&mut self) -> IdTable {
        let data = self.data;
        if &*data.format != FORMAT && !self.salvage.format_missing {
            self.report(
                "format".into(),
                format!(
                    "unsupported format {:?}; this version of shuibei reads {FORMAT:?}",
                    &*data.format
                ),
            );
        }
        if self.salvage.cluster_parsed && blank(&data.cluster.name) {
            self.report("cluster.name".into(), "must not be empty".into());
        }
        self.check_headline_groups();
        self.check_tags_zh();
        let ids = self.check_ids();
        self.check_records(&ids);
        self.check_credit_codes();
        ids
    }

    /// Each headline group is the `group` of some indicator, and named once: a group
    /// misspelt would lead the Overview with nothing.
    fn check_headline_groups(&mut self) {
        let named = &self.data.cluster.headline_groups;
        for (i, group) in named.iter().enumerate() {
            let path = format!("cluster.headline_groups[{i}]");
            if named[..i].contains(group) {
                self.report(path, format!("{:?} is named twice; name each group once", &**group));
            } else if !self
                .data
                .indicators
                .iter()
                .any(|ind| ind.group.as_deref() == Some(&**group))
            {
                self.report(
                    path,
                    format!(
                        "no indicator has the group {:?}; write the `group` of indicators that measure the cluster, or leave it out",
                        &**group
                    ),
                );
            }
        }
    }

    /// Each tag given Chinese is a tag (or an enterprise's segment) some record carries,
    /// and its Chinese is not empty: a tag misspelt would give its words to nothing.
    fn check_tags_zh(&mut self) {
        let data = self.data;
        let words = &data.cluster.tags_zh;
        if words.is_empty() {
            return;
        }
        // One pass over the records' tags, however many tags are given Chinese.
        let mut carried: hashbrown::HashSet<&str> = hashbrown::HashSet::new();
        // An enterprise's segments are labels of the same kind (`recycling` 回收).
        let tags = data.history.iter().flat_map(|e| e.tags.iter());
        let labels = data
            .enterprises
            .iter()
            .flat_map(|e| e.tags.iter().chain(e.segments.iter()));
        for tag in tags.chain(labels) {
            if carried.len() == words.len() {
                break;
            }
            if words.contains_key(&**tag) {
                carried.insert(&**tag);
            }
        }
        for (tag, zh) in words {
            let path = format!("cluster.tags_zh.{tag}");
            if !carried.contains(&**tag) {
                self.report(
                    path,
                    format!(
                        "no event or enterprise has the tag or segment {tag:?}; write one the records carry, or leave it out"
                    ),
                );
            } else if zh.trim().is_empty() {
                self.report(
                    path,
                    "must not be empty; write the tag's Chinese, or leave the tag out".into(),
                );
            }
        }
    }

    /// A credit code names one organisation: two records with the same code in one file
    /// are one organisation recorded twice. Sorted by hash rather than hashed into a
    /// table: a registry layer has a code on every one of a million records.
    fn check_credit_codes(&mut self) {
        let enterprises = &self.data.enterprises;
        let hasher = hashbrown::DefaultHashBuilder::default();
        let mut codes: Vec<(u64, u32)> = enterprises
            .par_iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let code = e.credit_code()?;
                Some((
                    std::hash::BuildHasher::hash_one(&hasher, code.as_str()),
                    u32::try_from(i).ok()?,
                ))
            })
            .collect();
        codes.par_sort_unstable();
        for pair in codes.windows(2) {
            let ((h1, first), (h2, second)) = (pair[0], pair[1]);
            if h1 != h2 {
                continue;
            }
            let (a, b) = (&enterprises[first as usize], &enterprises[second as usize]);
            if a.credit_code() == b.credit_code() {
                let path = format!("{}.registry.credit_code", self.path("enterprises", second as usize));
                let first = self.path("enterprises", first as usize);
                let code = a.credit_code().map(ToString::to_string).unwrap_or_default();
                self.report(
                    path,
                    format!("credit code {code} is also the code of {first}; one organisation, one record"),
                );
            }
        }
    }

    /// Every id is well-formed and used once across the whole file.
    fn check_ids(&mut self) -> IdTable {
        let data = self.data;
        let total = data.sources.len()
            + data.history.len()
            + data.enterprises.len()
            + data.brands.len()
            + data.indicators.len();
        let mut ids = IdTable::with_capacity(total);
        let sources: Vec<&str> = data.sources.iter().map(|s| &*s.id).collect();
        self.register_all(&mut ids, "sources", &sources, |i| {
            Target::Source(u32::try_from(i).unwrap_or(u32::MAX))
        });
        let sections: [(&'static str, RecordKind, Vec<&str>); 4] = [
            (
                "history",
                RecordKind::History,
                data.history.iter().map(|r| &*r.id).collect(),
            ),
            (
                "enterprises",
                RecordKind::Enterprise,
                data.enterprises.iter().map(|r| &*r.id).collect(),
            ),
            (
                "brands",
                RecordKind::Brand,
                data.brands.iter().map(|r| &*r.id).collect(),
            ),
            (
                "indicators",
                RecordKind::Indicator,
                data.indicators.iter().map(|r| &*r.id).collect(),
            ),
        ];
        for (section, kind, list) in &sections {
            self.register_all(&mut ids, section, list, |i| Target::Record(Rec::new(*kind, i)));
        }
        // A record that failed to parse (reported already) still has its id: one that a
        // parsed record also uses is a second problem, said now rather than after the
        // first is fixed (a trial fixed a bad date, then met the duplicate).
        for id in &self.salvage.failed_ids {
            if let Some(target) = ids.get(data, id) {
                let path = match target {
                    Target::Source(j) => self.path("sources", j as usize),
                    Target::Record(rec) => self.path(rec.kind.section(), rec.idx()),
                };
                self.report(
                    format!("{path}.id"),
                    format!("duplicate id {id:?} (also the id of a record that failed to load, above); ids must be unique across the whole file"),
                );
            }
        }
        ids
    }

    /// Registers a section's ids in file order. The per-id work that needs no table (the
    /// id's shape, its hash) runs on all cores first; only the inserts are serial.
    fn register_all(&mut self, ids: &mut IdTable, section: &str, list: &[&str], target: impl Fn(usize) -> Target) {
        let prepared: Vec<(Option<&'static str>, u64)> = list
            .par_iter()
            .with_min_len(4096)
            .map(|id| (bad_id(id), ids.hash(id)))
            .collect();
        for (i, (id, (bad, hash))) in list.iter().zip(prepared).enumerate() {
            self.register(ids, section, i, id, bad, hash, target(i));
        }
    }

    #[allow(clippy::too_many_arguments)] // the prepared parts of one id, kept apart for speed
    fn register(
        &mut self,
        ids: &mut IdTable,
        section: &str,
        i: usize,
        id: &str,
        bad: Option<&str>,
        hash: u64,
        target: Target,
    ) {
        if let Some(reason) = bad {
            let path = format!("{}.id", self.path(section, i));
            self.report(path, format!("invalid id {id:?}: {reason}"));
            return;
        }
        if let Some(clash) = self.below.and_then(|below| layer_clash(self.data, below, id, target)) {
            let path = format!("{}.id", self.path(section, i));
            self.report(path, clash);
        }
        if let Some(first) = ids.insert_hashed(self.data, id, hash, target) {
            let path = format!("{}.id", self.path(section, i));
            let first = match first {
                Target::Source(j) => self.path("sources", j as usize),
                Target::Record(rec) => self.path(rec.kind.section(), rec.idx()),
            };
            self.report(
                path,
                format!("duplicate id {id:?} (first used by {first}); ids must be unique across the whole file"),
            );
        }
    }
}
/// Why an id of this file may not be used over `below`, if it may not: the layers below
/// already use it, for a record that is not the same organisation (an enterprise with
/// the same credit code, or the same name and no code against it, is, and is merged into
/// the one below: [`same_by_id`]).
fn layer_clash(data: &Dataset, below: &Db, id: &str, target: Target) -> Option<String> {
    let theirs = below.lookup(id)?;
    if let (Target::Record(mine), Target::Record(other)) = (target, theirs)
        && mine.kind == RecordKind::Enterprise
        && other.kind == RecordKind::Enterprise
        && same_by_id(&data.enterprises[mine.idx()], &below.enterprises()[other.idx()])
    {
        return None;
    }
    let what = match theirs {
        Target::Source(_) => "a source".to_owned(),
        Target::Record(rec) => format!("{} {}", article(rec.kind), rec.kind),
    };
    Some(format!(
        "duplicate id {id:?}: {} already uses it for {what}; ids must be unique across the datasets laid together (rename one, and every citation or link to it in the same file)",
        below.origin_of_id(id, theirs)
    ))
}

/// Whether an added enterprise with the id of one below (its own, or one merged into it)
/// is that organisation, merged into it: the same credit code, or its Chinese name among
/// that one's names and no credit codes that disagree (two imports of one registry list,
/// where `shuibei import` made the id of a row without a code from its name, `name-深圳市…`).
#[must_use]
pub fn same_by_id(mine: &Enterprise, theirs: &Enterprise) -> bool {
    let chinese = mine
        .name_zh
        .as_deref()
        .or_else(|| mine.name.chars().any(crate::data::model::is_cjk).then_some(&*mine.name));
    match (mine.credit_code(), theirs.credit_code()) {
        (Some(a), Some(b)) => a == b,
        _ => chinese.is_some_and(|zh| {
            *theirs.name == *zh || theirs.name_zh.as_deref() == Some(zh) || theirs.aliases.iter().any(|a| **a == *zh)
        }),
    }
}

fn article(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Enterprise | RecordKind::Indicator => "an",
        RecordKind::History | RecordKind::Brand => "a",
    }
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Why an id is not acceptable, if it is not.
fn bad_id(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("ids must not be empty")
    } else if id.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
        // Printable ASCII, the common case: no whitespace, no control, checked by byte
        // (the char tests below were 8 % of loading a million records).
        None
    } else if id.chars().any(char::is_whitespace) {
        Some("ids must not contain whitespace")
    } else if id.chars().any(|c| c.is_control() || crate::sanitize::is_unsafe(c)) {
        Some("ids must not contain control characters")
    } else {
        None
    }
}
