//! The whole-file checks of a parsed dataset: format version, ids (well-formed and unique
//! across the file), references, required text, numbers. It reports every problem by
//! record path and, when there is none, builds the [`Db`].
//!
//! Per-value checks (types, enum names, real dates, unknown fields) happen while parsing,
//! in `model` and `load`; this module never sees raw text positions.

use crate::db::{Db, IdTable, Rec, Target};
use crate::load::{Problem, Problems};
use crate::model::{Cite, Dataset, FORMAT, RecordKind};

const SECTIONS: [&str; 5] = ["sources", "history", "enterprises", "brands", "indicators"];

fn section_slot(section: &str) -> usize {
    SECTIONS.iter().position(|s| *s == section).expect("known section")
}

/// What the detailed pass kept of records that failed to parse: their ids (so that
/// references to them are not reported as unknown too) and the original position of
/// each record that did parse (so paths name the record the user sees in the file).
#[derive(Default)]
pub(crate) struct Salvage {
    /// False when `cluster` was missing or broken (already reported), so its fields are not checked.
    pub(crate) cluster_parsed: bool,
    failed_ids: Vec<String>,
    kept: [Vec<usize>; 5],
    seen: [usize; 5],
}

impl Salvage {
    /// Notes a record that failed to parse; keeps its id if it has a readable one.
    pub(crate) fn remember(&mut self, section: &str, raw: &str) {
        #[derive(serde::Deserialize)]
        struct JustId {
            id: Option<String>,
        }
        self.seen[section_slot(section)] += 1;
        if let Ok(JustId { id: Some(id) }) = serde_json::from_str::<JustId>(raw) {
            self.failed_ids.push(id);
        }
    }

    /// Notes that the next record of `section` parsed.
    pub(crate) fn kept(&mut self, section: &str) {
        let slot = section_slot(section);
        let original = self.seen[slot];
        self.kept[slot].push(original);
        self.seen[slot] += 1;
    }

    fn original(&self, section: &str, parsed: usize) -> usize {
        self.kept[section_slot(section)].get(parsed).copied().unwrap_or(parsed)
    }
}

/// Checks the records that parsed, reporting paths as they are in the file.
pub(crate) fn check_with(data: Dataset, salvage: &Salvage, problems: &mut Problems) -> Result<Db, ()> {
    let mut checker = Checker {
        data: &data,
        salvage,
        problems,
    };
    let ids = checker.run();
    if problems.is_empty() {
        Ok(Db::new(data, ids))
    } else {
        Err(())
    }
}

struct Checker<'a> {
    data: &'a Dataset,
    salvage: &'a Salvage,
    problems: &'a mut Problems,
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
        if &*data.format != FORMAT {
            self.report(
                "format".into(),
                format!(
                    "unsupported format {:?}; this version of shuibei reads {FORMAT:?}",
                    &*data.format
                ),
            );
        }
        if self.salvage.cluster_parsed {
            self.require("cluster.name".into(), &data.cluster.name);
        }
        let ids = self.check_ids();
        self.check_records(&ids);
        ids
    }

    fn require(&mut self, path: String, text: &str) {
        if text.trim().is_empty() {
            self.report(path, "must not be empty".into());
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
        for (i, s) in data.sources.iter().enumerate() {
            self.register(
                &mut ids,
                "sources",
                i,
                &s.id,
                Target::Source(u32::try_from(i).unwrap_or(u32::MAX)),
            );
        }
        for (i, r) in data.history.iter().enumerate() {
            self.register(
                &mut ids,
                "history",
                i,
                &r.id,
                Target::Record(Rec::new(RecordKind::History, i)),
            );
        }
        for (i, r) in data.enterprises.iter().enumerate() {
            self.register(
                &mut ids,
                "enterprises",
                i,
                &r.id,
                Target::Record(Rec::new(RecordKind::Enterprise, i)),
            );
        }
        for (i, r) in data.brands.iter().enumerate() {
            self.register(
                &mut ids,
                "brands",
                i,
                &r.id,
                Target::Record(Rec::new(RecordKind::Brand, i)),
            );
        }
        for (i, r) in data.indicators.iter().enumerate() {
            self.register(
                &mut ids,
                "indicators",
                i,
                &r.id,
                Target::Record(Rec::new(RecordKind::Indicator, i)),
            );
        }
        ids
    }

    fn register(&mut self, ids: &mut IdTable, section: &str, i: usize, id: &str, target: Target) {
        if let Some(reason) = bad_id(id) {
            let path = format!("{}.id", self.path(section, i));
            self.report(path, format!("invalid id {id:?}: {reason}"));
            return;
        }
        if let Some(first) = ids.insert(self.data, id, target) {
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

    fn check_records(&mut self, ids: &IdTable) {
        let data = self.data;
        for (i, s) in data.sources.iter().enumerate() {
            let p = self.path("sources", i);
            self.require(format!("{p}.title"), &s.title);
        }
        for (i, e) in data.history.iter().enumerate() {
            let p = self.path("history", i);
            self.require(format!("{p}.title"), &e.title);
            for (j, related) in e.related.iter().enumerate() {
                self.resolve_record(ids, format!("{p}.related[{j}]"), related, None);
            }
            self.check_cites(ids, &p, &e.sources);
        }
        for (i, e) in data.enterprises.iter().enumerate() {
            let p = self.path("enterprises", i);
            self.require(format!("{p}.name"), &e.name);
            for (j, l) in e.listings.iter().enumerate() {
                self.require(format!("{p}.listings[{j}].exchange"), &l.exchange);
                self.require(format!("{p}.listings[{j}].code"), &l.code);
            }
            for (j, person) in e.people.iter().enumerate() {
                self.require(format!("{p}.people[{j}].name"), &person.name);
            }
            self.check_cites(ids, &p, &e.sources);
        }
        for (i, b) in data.brands.iter().enumerate() {
            let p = self.path("brands", i);
            self.require(format!("{p}.name"), &b.name);
            if let Some(owner) = &b.owner {
                self.resolve_record(ids, format!("{p}.owner"), owner, Some(RecordKind::Enterprise));
            }
            for (j, h) in b.honors.iter().enumerate() {
                self.require(format!("{p}.honors[{j}].title"), &h.title);
                if let Some(year) = h.year
                    && !(1..=9999).contains(&year)
                {
                    self.report(
                        format!("{p}.honors[{j}].year"),
                        format!("year {year} is not a year (expected 1 to 9999)"),
                    );
                }
            }
            self.check_cites(ids, &p, &b.sources);
        }
        for (i, ind) in data.indicators.iter().enumerate() {
            let p = self.path("indicators", i);
            self.require(format!("{p}.name"), &ind.name);
            self.require(format!("{p}.unit"), &ind.unit);
            if !ind.value.is_finite() {
                self.report(format!("{p}.value"), "must be a finite number".into());
            }
            if let Some(max) = ind.value_max {
                if !max.is_finite() {
                    self.report(format!("{p}.value_max"), "must be a finite number".into());
                } else if max < ind.value {
                    self.report(
                        format!("{p}.value_max"),
                        format!(
                            "value_max {max} is less than value {}; a range goes from value up to value_max",
                            ind.value
                        ),
                    );
                }
            }
            self.check_cites(ids, &p, &ind.sources);
        }
    }

    fn check_cites(&mut self, ids: &IdTable, path: &str, cites: &[Cite]) {
        for (j, cite) in cites.iter().enumerate() {
            let at = format!("{path}.sources[{j}].source");
            match ids.get(self.data, &cite.source) {
                Some(Target::Source(_)) => {}
                Some(Target::Record(rec)) => self.report(
                    at,
                    format!(
                        "{:?} is a {} record, not a source; cite an id from \"sources\"",
                        &*cite.source, rec.kind
                    ),
                ),
                None => self.unknown(at, &cite.source, "sources"),
            }
        }
    }

    fn resolve_record(&mut self, ids: &IdTable, path: String, id: &str, want: Option<RecordKind>) {
        match ids.get(self.data, id) {
            Some(Target::Record(rec)) => {
                if let Some(want) = want
                    && rec.kind != want
                {
                    self.report(path, format!("{id:?} is a {} record; expected an {want} id", rec.kind));
                }
            }
            Some(Target::Source(_)) => self.report(path, format!("{id:?} is a source, not a record")),
            None => self.unknown(path, id, want.map_or("the file", RecordKind::section)),
        }
    }

    fn unknown(&mut self, path: String, id: &str, section: &str) {
        if self.salvage.failed_ids.iter().any(|f| f == id) {
            return; // its record failed to parse and was reported already
        }
        self.report(path, format!("unknown id {id:?}: no record in {section} has this id"));
    }
}

/// Why an id is not acceptable, if it is not.
fn bad_id(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("ids must not be empty")
    } else if id.chars().any(char::is_whitespace) {
        Some("ids must not contain whitespace")
    } else if id.chars().any(|c| c.is_control() || crate::sanitize::is_unsafe(c)) {
        Some("ids must not contain control characters")
    } else {
        None
    }
}
