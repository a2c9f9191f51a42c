//! Facet filters for every tab that lists rows, and the picker's state. Each tab has the
//! facets that fit it (History: decade, tag; Enterprises: kind, ownership, segment,
//! listing, exchange, district; Brands: segment, honour, owner; Indicators: metric, group,
//! scope, reliability; Sources: reliability, publisher). Within a facet any chosen value
//! matches; across facets all must match.
//!
//! A value's count is how many rows it would show together with the other facets chosen
//! (the rows that pass every other facet and have that value), so the picker says what a
//! choice gives before it is made. Pure state and counting; the picker is drawn by
//! `ui::overlay`.

use std::borrow::Cow;
use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::data::db::{Db, Rec};
use crate::data::model::Reliability;
use crate::explorer::action::Tab;
use crate::explorer::tabs;

/// A field rows can be filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Decade,
    Tag,
    Kind,
    Ownership,
    Segment,
    /// Listed (a listing without `delisted`), delisted (listings, none current), or never.
    Listing,
    Exchange,
    District,
    Honour,
    Owner,
    Metric,
    Group,
    Scope,
    /// A record's strongest source (as the `Src` column shows it); a source's own.
    Reliability,
    Publisher,
}

/// The listing states, as the Listing facet names them.
pub const LISTED: &str = "listed";
pub const DELISTED: &str = "delisted";
pub const NEVER_LISTED: &str = "never listed";

impl Facet {
    /// The facets of a tab, in the picker's order.
    #[must_use]
    pub fn of(tab: Tab) -> &'static [Facet] {
        match tab {
            Tab::Overview => &[],
            Tab::History => &[Facet::Decade, Facet::Tag],
            Tab::Enterprises => &[
                Facet::Listing,
                Facet::Exchange,
                Facet::Kind,
                Facet::Ownership,
                Facet::Segment,
                Facet::District,
            ],
            Tab::Brands => &[Facet::Segment, Facet::Honour, Facet::Owner],
            Tab::Indicators => &[Facet::Metric, Facet::Group, Facet::Scope, Facet::Reliability],
            Tab::Sources => &[Facet::Reliability, Facet::Publisher],
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Facet::Decade => "Decade",
            Facet::Tag => "Tag",
            Facet::Kind => "Kind",
            Facet::Ownership => "Ownership",
            Facet::Segment => "Segment",
            Facet::Listing => "Listing",
            Facet::Exchange => "Exchange",
            Facet::District => "District",
            Facet::Honour => "Honour",
            Facet::Owner => "Owner",
            Facet::Metric => "Metric",
            Facet::Group => "Group",
            Facet::Scope => "Scope",
            Facet::Reliability => "Reliability",
            Facet::Publisher => "Publisher",
        }
    }

    /// What the picker calls a row that has no value for this facet.
    #[must_use]
    pub fn nothing(self) -> &'static str {
        match self {
            Facet::Exchange => "(not listed)",
            Facet::Owner => "(no owner stated)",
            Facet::Tag | Facet::Honour => "(none)",
            _ => "(not stated)",
        }
    }

    /// Whether the values read best in their own order (decades by time, reliability
    /// from high to low) rather than the most common first.
    fn natural_order(self) -> bool {
        matches!(self, Facet::Decade | Facet::Reliability | Facet::Listing)
    }

    /// The values of this facet a row has ("" stands for "not stated"), each once.
    fn values<'a>(self, db: &'a Db, tab: Tab, row: u32, out: &mut Vec<Cow<'a, str>>) {
        out.clear();
        self.each_value(db, tab, row, |v| out.push(v));
        // A row counts once for a value it lists twice (segments "jade, jade"): a count
        // is of rows, what choosing the value shows.
        if out.len() > 1 {
            out.sort_unstable();
            out.dedup();
        }
    }

    /// Calls `each` with every value of this facet a row has ("" stands for "not
    /// stated"), a value the row lists twice twice. Nothing is collected: the filter asks
    /// this of every row, a million of them.
    fn each_value<'a>(self, db: &'a Db, tab: Tab, row: u32, mut each: impl FnMut(Cow<'a, str>)) {
        let mut any = false;
        let mut one = |v: Cow<'a, str>| {
            any = true;
            each(v);
        };
        let i = row as usize;
        match (tab, self) {
            (Tab::History, Facet::Decade) => {
                let year = db.history()[i].date.year();
                one(Cow::Owned(format!("{}s", year / 10 * 10)));
            }
            (Tab::History, Facet::Tag) => db.history()[i].tags.iter().for_each(|t| one(Cow::Borrowed(t))),
            (Tab::Enterprises, _) => {
                let e = &db.enterprises()[i];
                match self {
                    Facet::Kind => one(Cow::Borrowed(e.kind.map_or("", |k| k.as_str()))),
                    Facet::Ownership => one(Cow::Borrowed(e.ownership.map_or("", |o| o.as_str()))),
                    Facet::Segment => e.segments.iter().for_each(|s| one(Cow::Borrowed(s))),
                    Facet::Listing => one(Cow::Borrowed(
                        if e.listings.iter().any(crate::data::model::Listing::is_current) {
                            LISTED
                        } else if e.listings.is_empty() {
                            NEVER_LISTED
                        } else {
                            DELISTED
                        },
                    )),
                    Facet::Exchange => e.listings.iter().for_each(|l| one(Cow::Borrowed(&l.exchange))),
                    Facet::District => tabs::districts(e).into_iter().for_each(|d| one(Cow::Borrowed(d))),
                    _ => {}
                }
            }
            (Tab::Brands, _) => {
                let b = &db.brands()[i];
                match self {
                    // Each segment a brand lists is a value of its own ("gold, jade" is in
                    // gold and in jade): as one value, "gold 5" read as all the gold brands.
                    Facet::Segment => b
                        .segment
                        .as_deref()
                        .unwrap_or("")
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .for_each(|s| one(Cow::Borrowed(s))),
                    Facet::Honour => b.honors.iter().for_each(|h| one(Cow::Borrowed(honour(&h.title)))),
                    Facet::Owner => one(match db.owner_of(i) {
                        Some(owner) => Cow::Owned(crate::data::present::label(db, owner)),
                        None => Cow::Borrowed(""),
                    }),
                    _ => {}
                }
            }
            (Tab::Indicators, _) => {
                let ind = &db.indicators()[i];
                match self {
                    Facet::Metric => one(Cow::Borrowed(ind.metric.as_deref().unwrap_or(""))),
                    Facet::Group => one(Cow::Borrowed(ind.group.as_deref().unwrap_or(""))),
                    Facet::Scope => one(Cow::Borrowed(ind.scope.as_deref().unwrap_or(""))),
                    Facet::Reliability => {
                        let rec = Rec::new(crate::data::model::RecordKind::Indicator, i);
                        one(Cow::Borrowed(db.strongest_source(rec).map_or("", Reliability::as_str)));
                    }
                    _ => {}
                }
            }
            (Tab::Sources, Facet::Reliability) => one(Cow::Borrowed(db.sources()[i].reliability.as_str())),
            // By outlet: "Central News Agency (中央社, 張淑伶), reprinted on Yahoo News Taiwan"
            // and "Central News Agency (中央社), reprinted …" are one publisher to filter by.
            (Tab::Sources, Facet::Publisher) => {
                one(Cow::Borrowed(
                    db.sources()[i]
                        .publisher
                        .as_deref()
                        .map_or("", crate::data::present::outlet),
                ));
            }
            _ => {}
        }
        if !any {
            each(Cow::Borrowed(""));
        }
    }

    /// Where a value sorts in this facet's natural order.
    fn rank(self, value: &str) -> (usize, String) {
        match self {
            Facet::Reliability => (
                ["high", "medium", "low", ""]
                    .iter()
                    .position(|v| *v == value)
                    .unwrap_or(4),
                String::new(),
            ),
            Facet::Listing => (
                [LISTED, DELISTED, NEVER_LISTED]
                    .iter()
                    .position(|v| *v == value)
                    .unwrap_or(3),
                String::new(),
            ),
            _ => (usize::from(value.is_empty()), value.to_owned()),
        }
    }
}

/// Each metric's name, for the picker: the name of its newest figure without the date or
/// source in parentheses at its end ("… wholesale (October 2025)" is "… wholesale"). A
/// trial met the ids (`share-national-wholesale-shuibei`) there.
fn metric_names(db: &Db) -> hashbrown::HashMap<&str, String> {
    let mut newest: hashbrown::HashMap<&str, (crate::data::model::Date, &str)> = hashbrown::HashMap::new();
    for ind in db.indicators() {
        let Some(metric) = ind.metric.as_deref() else { continue };
        let slot = newest.entry(metric).or_insert((ind.as_of, &ind.name));
        if ind.as_of > slot.0 {
            *slot = (ind.as_of, &ind.name);
        }
    }
    newest
        .into_iter()
        .map(|(metric, (_, name))| {
            let bare = name
                .strip_suffix(')')
                .and_then(|n| n.rfind(" (").map(|at| &n[..at]))
                .filter(|n| !n.is_empty())
                .unwrap_or(name);
            (metric, bare.to_owned())
        })
        .collect()
}

/// The filters chosen on a tab.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    chosen: BTreeSet<(Facet, String)>,
}

impl Facets {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    pub fn clear(&mut self) {
        self.chosen.clear();
    }

    #[must_use]
    pub fn is_on(&self, facet: Facet, value: &str) -> bool {
        self.chosen.contains(&(facet, value.to_owned()))
    }

    pub fn toggle(&mut self, facet: Facet, value: &str) {
        let key = (facet, value.to_owned());
        if !self.chosen.remove(&key) {
            self.chosen.insert(key);
        }
    }

    /// Whether a row of a tab passes every chosen facet.
    #[must_use]
    pub fn accepts(&self, db: &Db, tab: Tab, row: u32) -> bool {
        // The chosen values sort by facet: one walk over them meets each chosen facet's
        // values together, and a facet with nothing chosen costs nothing.
        let mut rest = self.chosen.iter().peekable();
        while let Some(&&(facet, _)) = rest.peek() {
            let wanted = rest.clone().map_while(|(f, v)| (*f == facet).then_some(v.as_str()));
            while rest.next_if(|(f, _)| *f == facet).is_some() {}
            if Facet::of(tab).contains(&facet) {
                let mut passes = false;
                facet.each_value(db, tab, row, |have| {
                    passes = passes || wanted.clone().any(|v| v == have);
                });
                if !passes {
                    return false;
                }
            }
        }
        true
    }

    /// "ownership=private, segment=gold|diamond", for the list's title, in the tab's
    /// facet order.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut facets: Vec<Facet> = self.chosen.iter().map(|(f, _)| *f).collect();
        facets.dedup();
        facets
            .iter()
            .map(|facet| {
                let values: Vec<&str> = self
                    .chosen
                    .iter()
                    .filter(|(f, _)| f == facet)
                    .map(|(_, v)| if v.is_empty() { "(none)" } else { v.as_str() })
                    .collect();
                format!("{}={}", facet.title().to_lowercase(), values.join("|"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How many rows have each value of one facet. A value borrowed from the data is keyed
/// by where it lives (interned text and the vocabularies share one allocation per value,
/// so a row costs a hash of two integers, not of a string); values made per row by their
/// text. Equal texts kept apart are joined by [`Tally::by_text`].
#[derive(Debug, Clone, Default)]
struct Tally<'a> {
    shared: hashbrown::HashMap<(usize, usize), (&'a str, usize)>,
    owned: hashbrown::HashMap<String, usize>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, value: Cow<'a, str>, n: usize) {
        match value {
            Cow::Borrowed(text) => {
                self.shared
                    .entry((text.as_ptr() as usize, text.len()))
                    .or_insert((text, 0))
                    .1 += n;
            }
            Cow::Owned(text) => *self.owned.entry(text).or_default() += n,
        }
    }

    fn merge(&mut self, other: Tally<'a>) {
        for (_, (text, n)) in other.shared {
            self.add(Cow::Borrowed(text), n);
        }
        for (text, n) in other.owned {
            *self.owned.entry(text).or_default() += n;
        }
    }

    fn by_text(self) -> hashbrown::HashMap<String, usize> {
        let mut out = self.owned;
        for (_, (text, n)) in self.shared {
            *out.entry(text.to_owned()).or_default() += n;
        }
        out
    }
}

/// One line of the picker: a facet value and how many rows it would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub facet: Facet,
    pub value: String,
    pub count: usize,
    /// What the value is called, where its text is a key (a metric's id: the name of its
    /// newest figure, `Shuibei's share of China's gold and jewelry wholesale`).
    pub label: Option<String>,
}

/// The open picker: the tab it filters, its entries (counted when opened and after each
/// toggle) and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub tab: Tab,
    pub entries: Vec<Entry>,
    pub cursor: usize,
}

impl Picker {
    /// Where the cursor goes for Tab (`next`) or Shift-Tab: the first value of the next
    /// facet (from the last facet, the first), or the first value of this facet, and from
    /// there the previous facet's (from the first facet, the last's). On Indicators a
    /// facet has 150 values.
    #[must_use]
    pub fn facet_start(&self, next: bool) -> usize {
        let Some(here) = self.entries.get(self.cursor).map(|e| e.facet) else {
            return 0;
        };
        let start_of = |at: usize| {
            let facet = self.entries[at].facet;
            self.entries[..at]
                .iter()
                .rposition(|e| e.facet != facet)
                .map_or(0, |i| i + 1)
        };
        if next {
            self.entries[self.cursor..]
                .iter()
                .position(|e| e.facet != here)
                .map_or(0, |i| self.cursor + i)
        } else {
            let start = start_of(self.cursor);
            if start < self.cursor {
                start
            } else {
                start_of(start.checked_sub(1).unwrap_or(self.entries.len() - 1))
            }
        }
    }

    /// Counts every value of every facet of `tab` over `rows` (the tab's rows before
    /// facets: all of them, or a search's matches), given the facets already chosen.
    /// The rows are counted in parallel chunks: a million enterprises are counted when
    /// `f` is pressed.
    #[must_use]
    pub fn open(db: &Db, tab: Tab, facets: &Facets, rows: &[u32]) -> Picker {
        let all = Facet::of(tab);
        let wanted: Vec<Vec<&str>> = all
            .iter()
            .map(|facet| {
                facets
                    .chosen
                    .iter()
                    .filter(|(c, _)| c == facet)
                    .map(|(_, v)| v.as_str())
                    .collect()
            })
            .collect();
        // Each facet's values are listed by how many of these rows have them before any
        // filter (decades and reliability in their own order): the same order whatever is
        // chosen, so values do not jump when a choice changes the counts, a reopened
        // picker reads as the first did, and `c` leaves it as it was. Counted only when
        // something is chosen; otherwise it is the count itself.
        let ranked = !facets.is_empty();
        let empty = || -> (Vec<Tally<'_>>, Vec<Tally<'_>>) {
            let base = if ranked { all.len() } else { 0 };
            (vec![Tally::default(); all.len()], vec![Tally::default(); base])
        };
        let (counts, base) = rows
            .par_chunks(4096)
            .fold(empty, |(mut counts, mut base), chunk| {
                let mut values: Vec<Vec<Cow<'_, str>>> = vec![Vec::new(); all.len()];
                for row in chunk {
                    let mut failed = None;
                    let mut fails = 0;
                    for (f, facet) in all.iter().enumerate() {
                        facet.values(db, tab, *row, &mut values[f]);
                        if !wanted[f].is_empty() && !values[f].iter().any(|v| wanted[f].contains(&&**v)) {
                            fails += 1;
                            failed = Some(f);
                        }
                    }
                    // A row that passes every facet counts for all its values; a row that
                    // fails one facet counts only there (choosing its value would bring it in).
                    for (f, list) in values.iter_mut().enumerate() {
                        if ranked {
                            for v in list.iter() {
                                base[f].add(v.clone(), 1);
                            }
                        }
                        if fails == 0 || (fails == 1 && failed == Some(f)) {
                            for v in list.drain(..) {
                                counts[f].add(v, 1);
                            }
                        }
                    }
                }
                (counts, base)
            })
            .reduce(empty, |(mut a, mut a_base), (b, b_base)| {
                for (into, from) in a.iter_mut().zip(b) {
                    into.merge(from);
                }
                for (into, from) in a_base.iter_mut().zip(b_base) {
                    into.merge(from);
                }
                (a, a_base)
            });
        let counts: Vec<hashbrown::HashMap<String, usize>> = counts.into_iter().map(Tally::by_text).collect();
        let base: Vec<hashbrown::HashMap<String, usize>> = base.into_iter().map(Tally::by_text).collect();
        let mut entries = Vec::new();
        for (f, facet) in all.iter().enumerate() {
            let before = base.get(f).unwrap_or(&counts[f]);
            // Every value these rows have is listed, at 0 when the other choices leave it
            // no rows: a reopened picker lists what the open one kept.
            let mut list: Vec<(String, usize, usize)> = before
                .iter()
                .map(|(v, n)| (v.clone(), counts[f].get(v).copied().unwrap_or(0), *n))
                .collect();
            // A chosen value stays listed (at 0) so it can be turned off.
            for (c, v) in &facets.chosen {
                if c == facet && !list.iter().any(|(have, ..)| have == v) {
                    list.push((v.clone(), 0, 0));
                }
            }
            if facet.natural_order() {
                list.sort_by_cached_key(|(v, ..)| facet.rank(v));
            } else {
                list.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| facet.rank(&a.0).cmp(&facet.rank(&b.0))));
            }
            let named = (*facet == Facet::Metric).then(|| metric_names(db));
            entries.extend(list.into_iter().map(|(value, count, _)| Entry {
                facet: *facet,
                label: named.as_ref().and_then(|names| names.get(value.as_str()).cloned()),
                value,
                count,
            }));
        }
        Picker {
            tab,
            entries,
            cursor: 0,
        }
    }

    /// Counted again while it stays open (after a toggle, or on a new reading of the
    /// file), the picker keeps the order it showed: values do not move as their counts
    /// change, and a value no row would show any more stays listed at 0, so what was
    /// under and around the cursor stays there. ([`Picker::open`] orders by the counts
    /// before any filter, so within one reading this is already so; a new reading may
    /// count otherwise.) Values new to it follow the others of their facet, or, in a
    /// facet read in its own order (decades), take their place in it: after `c` a trial
    /// saw 2000s, 2010s, 2020s, 1410s, 1980s.
    pub fn keep_order(&mut self, shown: &Picker) {
        let counted = std::mem::take(&mut self.entries);
        let mut fresh: hashbrown::HashMap<(Facet, &str), usize> = hashbrown::HashMap::new();
        for entry in &counted {
            fresh.insert((entry.facet, entry.value.as_str()), entry.count);
        }
        let mut entries: Vec<Entry> = shown
            .entries
            .iter()
            .map(|e| Entry {
                count: fresh.get(&(e.facet, e.value.as_str())).copied().unwrap_or(0),
                ..e.clone()
            })
            .collect();
        let listed: hashbrown::HashSet<(Facet, &str)> =
            shown.entries.iter().map(|e| (e.facet, e.value.as_str())).collect();
        for entry in &counted {
            if listed.contains(&(entry.facet, entry.value.as_str())) {
                continue;
            }
            let after_facet = entries
                .iter()
                .rposition(|e| e.facet == entry.facet)
                .map_or(entries.len(), |i| i + 1);
            let at = if entry.facet.natural_order() {
                let rank = entry.facet.rank(&entry.value);
                entries
                    .iter()
                    .position(|e| e.facet == entry.facet && e.facet.rank(&e.value) > rank)
                    .unwrap_or(after_facet)
            } else {
                after_facet
            };
            entries.insert(at, entry.clone());
        }
        self.entries = entries;
    }
}

/// The honour a title names, without the caveat after a spaced dash: "中国驰名商标 (China
/// Well-known Trademark) — owner named as a holder by June 2011; …" is chosen with the
/// plain title (a trial had to tick both to see the 9 brands). The detail keeps the whole.
fn honour(title: &str) -> &str {
    title.split_once(" — ").map_or(title, |(honour, _)| honour.trim_end())
}

#[cfg(test)]
mod tests;
