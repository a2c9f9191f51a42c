//! The whole-file checks of a parsed dataset: format version, ids (well-formed and unique
//! across the file), references, required text, numbers. It reports every problem by
//! record path and, when there is none, builds the [`Db`].
//!
//! Per-value checks (types, enum names, real dates, unknown fields) happen while parsing,
//! in `model` and `load`; this module never sees raw text positions.

use std::cell::Cell;

use rayon::prelude::*;

use crate::data::db::{Db, IdTable, Rec, Target};
use crate::data::model::{Cite, Dataset, FORMAT, RecordKind, Registry};
use crate::data::problems::{Problem, Problems, Salvage};

mod near;

use near::Want;

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

/// A record's path as the user sees it in the file, formatted only when a problem is
/// reported (a million records must not cost a million strings).
#[derive(Clone, Copy)]
struct PathOf<'a> {
    salvage: &'a Salvage,
    section: &'static str,
    i: usize,
}

impl std::fmt::Display for PathOf<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.section, self.salvage.original(self.section, self.i))
    }
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
        let ids = self.check_ids();
        self.check_records(&ids);
        self.check_credit_codes();
        ids
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

    /// Checks every record's text and references. Most records have no problem: they are
    /// screened on all cores, and only those with one are checked again, in file order, to
    /// report it.
    fn check_records(&mut self, ids: &IdTable) {
        let (data, salvage, below) = (self.data, self.salvage, self.below);
        let sections = [
            ("sources", data.sources.len()),
            ("history", data.history.len()),
            ("enterprises", data.enterprises.len()),
            ("brands", data.brands.len()),
            ("indicators", data.indicators.len()),
        ];
        let nearest = Cell::new(NEAREST_TOLD);
        let noted = [Cell::new(false), Cell::new(false)];
        for (section, n) in sections {
            let flagged: Vec<usize> = (0..n)
                .into_par_iter()
                .with_min_len(4096)
                .filter(|&i| {
                    let mut any = false;
                    RecordCheck {
                        data,
                        salvage,
                        ids,
                        below,
                        sink: &mut |_, _| any = true,
                        nearest: None,
                        noted: &[Cell::new(true), Cell::new(true)],
                    }
                    .record(section, i);
                    any
                })
                .collect();
            for i in flagged {
                let problems = &mut *self.problems;
                RecordCheck {
                    data,
                    salvage,
                    ids,
                    below,
                    sink: &mut |path, message| problems.push(Problem::at_path(path, message)),
                    nearest: Some(&nearest),
                    noted: &noted,
                }
                .record(section, i);
            }
        }
    }
}

/// The checks of one record, reporting into `sink` (path, message).
struct RecordCheck<'a, 's> {
    data: &'a Dataset,
    salvage: &'a Salvage,
    ids: &'a IdTable,
    below: Option<&'a Db>,
    sink: &'s mut dyn FnMut(String, String),
    /// How many more unknown ids may be told the id nearest them (each costs a pass over
    /// a section's ids); `None` while screening, where no message is written.
    nearest: Option<&'a Cell<usize>>,
    /// Whether the check has said once why an unknown id gets no suggestion: that no more
    /// are given, that there are too many records to compare with.
    noted: &'a [Cell<bool>; 2],
}

/// The most unknown ids a check suggests a near id for (the most ids it compares each
/// with is `near::NEAREST_AMONG`): a file with many unknown ids has a systematic mistake,
/// not typos.
const NEAREST_TOLD: usize = 20;

impl<'a> RecordCheck<'a, '_> {
    /// What an id names in this file, else in the layers below it.
    fn resolve(&self, id: &str) -> Option<Target> {
        self.ids
            .get(self.data, id)
            .or_else(|| self.below.and_then(|below| below.lookup(id)))
    }

    fn report(&mut self, path: String, message: String) {
        (self.sink)(path, message);
    }

    fn at(&self, section: &'static str, i: usize) -> PathOf<'a> {
        PathOf {
            salvage: self.salvage,
            section,
            i,
        }
    }

    fn require(&mut self, path: impl std::fmt::Display, field: std::fmt::Arguments, text: &str) {
        if blank(text) {
            self.report(format!("{path}.{field}"), "must not be empty".into());
        }
    }

    fn require_each(&mut self, path: PathOf, field: &str, texts: &[crate::data::model::Text]) {
        for (j, text) in texts.iter().enumerate() {
            self.require(path, format_args!("{field}[{j}]"), text);
        }
    }

    fn record(&mut self, section: &'static str, i: usize) {
        let data = self.data;
        let p = self.at(section, i);
        match section {
            "sources" => {
                self.require(p, format_args!("title"), &data.sources[i].title);
            }
            "history" => {
                let e = &data.history[i];
                self.require(p, format_args!("title"), &e.title);
                for (j, related) in e.related.iter().enumerate() {
                    self.resolve_record(p, format_args!("related[{j}]"), related, None);
                }
                self.check_cites(p, &e.sources);
            }
            "enterprises" => {
                let e = &data.enterprises[i];
                self.require(p, format_args!("name"), &e.name);
                self.require_each(p, "aliases", &e.aliases);
                for (j, l) in e.listings.iter().enumerate() {
                    self.require(p, format_args!("listings[{j}].exchange"), &l.exchange);
                    self.require(p, format_args!("listings[{j}].code"), &l.code);
                    if let (Some(listed), Some(delisted)) = (l.listed, l.delisted)
                        && delisted < listed
                    {
                        self.report(
                            format!("{p}.listings[{j}].delisted"),
                            format!("delisted {delisted} comes before listed {listed}; check both dates"),
                        );
                    }
                }
                for (j, person) in e.people.iter().enumerate() {
                    self.require(p, format_args!("people[{j}].name"), &person.name);
                }
                if let Some(registry) = &e.registry {
                    self.registry(p, registry);
                }
                self.check_cites(p, &e.sources);
            }
            "brands" => {
                let b = &data.brands[i];
                self.require(p, format_args!("name"), &b.name);
                self.require_each(p, "aliases", &b.aliases);
                if let Some(owner) = &b.owner {
                    self.resolve_record(p, format_args!("owner"), owner, Some(RecordKind::Enterprise));
                }
                for (j, h) in b.honors.iter().enumerate() {
                    self.require(p, format_args!("honors[{j}].title"), &h.title);
                    if let Some(year) = h.year
                        && !(1..=9999).contains(&year)
                    {
                        self.report(
                            format!("{p}.honors[{j}].year"),
                            format!("year {year} is not a year (expected 1 to 9999)"),
                        );
                    }
                }
                self.check_cites(p, &b.sources);
            }
            _ => self.indicator(p, i),
        }
    }

    /// The registry's fields: text that is there is not blank, capital is an amount in a
    /// currency (the credit code and status were checked while parsing).
    fn registry(&mut self, p: PathOf, r: &Registry) {
        let texts = [
            ("legal_form", r.legal_form.as_deref()),
            ("industry", r.industry.as_deref()),
            ("province", r.province.as_deref()),
            ("city", r.city.as_deref()),
            ("district", r.district.as_deref()),
            ("scope", r.scope.as_deref()),
            ("phone", r.phone.as_deref()),
            ("website", r.website.as_deref()),
        ];
        for (field, text) in texts {
            if let Some(text) = text {
                self.require(p, format_args!("registry.{field}"), text);
            }
        }
        if let Some(capital) = &r.capital {
            if capital.amount < 0.0 {
                self.report(
                    format!("{p}.registry.capital.amount"),
                    format!(
                        "{} is negative; registered capital is an amount of money",
                        crate::data::present::number(capital.amount)
                    ),
                );
            }
            let currency = &*capital.currency;
            if !(currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase())) {
                self.report(
                    format!("{p}.registry.capital.currency"),
                    format!("{currency:?} is not a currency code; write the ISO 4217 code, like \"CNY\" or \"USD\""),
                );
            }
        }
    }

    fn indicator(&mut self, p: PathOf, i: usize) {
        let ind = &self.data.indicators[i];
        self.require(p, format_args!("name"), &ind.name);
        self.require(p, format_args!("unit"), &ind.unit);
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
                        "value_max {} is less than value {}; a range goes from value up to value_max",
                        crate::data::present::number(max),
                        crate::data::present::number(ind.value)
                    ),
                );
            }
        }
        self.check_cites(p, &ind.sources);
    }

    fn check_cites(&mut self, path: PathOf, cites: &[Cite]) {
        for (j, cite) in cites.iter().enumerate() {
            match self.resolve(&cite.source) {
                Some(Target::Source(_)) => {}
                Some(Target::Record(rec)) => self.report(
                    format!("{path}.sources[{j}].source"),
                    format!(
                        "{:?} is {} record, not a source; cite an id from \"sources\"",
                        &*cite.source,
                        a(rec.kind)
                    ),
                ),
                None => self.unknown(format!("{path}.sources[{j}].source"), &cite.source, Want::Source),
            }
        }
    }

    fn resolve_record(&mut self, record: PathOf, field: std::fmt::Arguments, id: &str, want: Option<RecordKind>) {
        let path = || format!("{record}.{field}");
        match self.resolve(id) {
            Some(Target::Record(rec)) => {
                if let Some(want) = want
                    && rec.kind != want
                {
                    // A brand where its owner belongs: its own owner, when that is known.
                    let owner = (rec.kind == RecordKind::Brand && want == RecordKind::Enterprise)
                        .then(|| self.brand_owner(id))
                        .flatten()
                        .filter(|owner| {
                            matches!(self.resolve(owner), Some(Target::Record(r)) if r.kind == RecordKind::Enterprise)
                        })
                        .map(|owner| format!("; its owner is {owner:?}: write that id"))
                        .unwrap_or_default();
                    self.report(
                        path(),
                        format!("{id:?} is {} record; expected {} id{owner}", a(rec.kind), a(want)),
                    );
                }
            }
            Some(Target::Source(_)) => self.report(path(), format!("{id:?} is a source, not a record")),
            None => self.unknown(path(), id, Want::Record(want)),
        }
    }

    fn unknown(&mut self, path: String, id: &str, want: Want) {
        if self.salvage.failed_ids.iter().any(|f| f == id) {
            return; // its record failed to parse and was reported already
        }
        let section = match want {
            Want::Source => "sources",
            Want::Record(Some(kind)) => kind.section(),
            Want::Record(None) => "the file",
        };
        let near = self.nearest(id, want).unwrap_or_default();
        self.report(
            path,
            format!("unknown id {id:?}: no record in {section} has this id{near}"),
        );
    }

    /// The owner the brand `id` names, found by its id in the file or the layers below.
    fn brand_owner(&self, id: &str) -> Option<String> {
        let owner = match self.ids.get(self.data, id) {
            Some(Target::Record(rec)) if rec.kind == RecordKind::Brand => {
                self.data.brands.get(rec.idx())?.owner.clone()
            }
            Some(_) => None,
            None => match self.below?.lookup(id)? {
                Target::Record(rec) if rec.kind == RecordKind::Brand => {
                    self.below?.brands().get(rec.idx())?.owner.clone()
                }
                _ => None,
            },
        };
        owner.map(|o| o.to_string())
    }

    /// What the unknown `id` was likely meant to be (see `near`), while fewer than
    /// [`NEAREST_TOLD`] unknown ids have been told so; once, why no more are told, so a
    /// hint that stops coming is not read as "nothing near".
    fn nearest(&self, id: &str, want: Want) -> Option<String> {
        let left = self.nearest?;
        // An id with spaces around one the file or the layers below know, of any kind.
        let trimmed = id.trim();
        if trimmed != id && !trimmed.is_empty() && self.resolve(trimmed).is_some() {
            return Some(format!("; write it without the spaces around it: {trimmed:?}"));
        }
        // Each reason for no suggestion is said once.
        let once = |noted: &Cell<bool>, note: String| (!noted.replace(true)).then_some(note);
        if left.get() == 0 {
            return once(
                &self.noted[0],
                format!(
                    " (no more suggestions: the first {NEAREST_TOLD} unknown ids were compared; fix them and check again)"
                ),
            );
        }
        let among = near::among(self.data, self.below, want);
        if among > near::NEAREST_AMONG {
            let what = match want {
                Want::Source => "sources",
                Want::Record(Some(kind)) => kind.section(),
                Want::Record(None) => "records",
            };
            return once(
                &self.noted[1],
                format!(
                    " (no suggestions: {} {what} to compare with, more than {})",
                    crate::data::present::count(among),
                    crate::data::present::count(near::NEAREST_AMONG)
                ),
            );
        }
        left.set(left.get() - 1);
        near::said(self.data, self.below, id, want)
    }
}

/// The kind with its article: "an enterprise", "a brand".
fn a(kind: RecordKind) -> String {
    let name = kind.as_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// Why an id of this file may not be used over `below`, if it may not: the layers below
/// already use it, for a record that is not the same organisation (an enterprise with
/// the same credit code is, and is merged into the one below).
fn layer_clash(data: &Dataset, below: &Db, id: &str, target: Target) -> Option<String> {
    let theirs = below.lookup(id)?;
    if let (Target::Record(mine), Target::Record(other)) = (target, theirs)
        && mine.kind == RecordKind::Enterprise
        && other.kind == RecordKind::Enterprise
    {
        let code = data.enterprises[mine.idx()].credit_code();
        if code.is_some() && code == below.enterprises()[other.idx()].credit_code() {
            return None;
        }
    }
    let what = match theirs {
        Target::Source(_) => "a source".to_owned(),
        Target::Record(rec) => format!("{} {}", article(rec.kind), rec.kind),
    };
    Some(format!(
        "duplicate id {id:?}: {} already uses it for {what}; ids must be unique across the datasets laid together (rename one, and every citation or link to it in the same file)",
        below.origin_of(theirs)
    ))
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
