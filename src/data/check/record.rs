//! The checks of one record: required text, references to other records and sources
//! (with the id likely meant when one is unknown), registry fields and figures. Every
//! record is screened on all cores; those with a problem are checked again to report it.

use std::cell::Cell;

use rayon::prelude::*;

use super::near::{self, Want};
use super::{Checker, blank};
use crate::data::db::{Db, IdTable, Target};
use crate::data::model::{Cite, Dataset, RecordKind, Registry};
use crate::data::problems::{Problem, Salvage};

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
    /// Checks every record's text and references. Most records have no problem: they are
    /// screened on all cores, and only those with one are checked again, in file order, to
    /// report it.
    pub(super) fn check_records(&mut self, ids: &IdTable) {
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
            ("address", r.address.as_deref()),
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
        for (j, related) in ind.related.iter().enumerate() {
            self.resolve_record(p, format_args!("related[{j}]"), related, None);
        }
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
