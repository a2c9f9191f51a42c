//! Facet filters for every list of rows: what the explorer's picker (key `f`) and the
//! command line's `--filter` choose, one definition for both. Each list has the
//! facets that fit it (History: decade, tag; Enterprises: kind, ownership, segment,
//! listing, exchange, district; Brands: segment, honour, owner; Indicators: metric, group,
//! scope, reliability; Sources: reliability, publisher). Within a facet any chosen value
//! matches; across facets all must match.
//!
//! A value's count is how many rows it would show together with the other facets chosen
//! (the rows that pass every other facet and have that value), so the picker says what a
//! choice gives before it is made ([`count`]). Pure data and counting; the picker's state
//! is the explorer's (`explorer::app::facets`), `--filter` is read by `cli::filter`.

use std::borrow::Cow;
use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::data::db::{Db, Rec};
use crate::data::model::{RecordKind, Reliability};
use names::metric_names;

mod names;

/// A list of rows facets filter: the records of one kind, or the sources (the
/// explorer's list tabs, `search --tab` and `export --tab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    Records(RecordKind),
    Sources,
}

impl List {
    /// Every list, in tab order.
    pub const ALL: [List; 5] = [
        List::Records(RecordKind::History),
        List::Records(RecordKind::Enterprise),
        List::Records(RecordKind::Brand),
        List::Records(RecordKind::Indicator),
        List::Sources,
    ];

    /// How many rows it has.
    #[must_use]
    pub fn len(self, db: &Db) -> usize {
        match self {
            List::Records(kind) => db.len(kind),
            List::Sources => db.sources().len(),
        }
    }

    /// Its name in lower case, as `--tab` and messages write it (`enterprises`).
    #[must_use]
    pub fn section(self) -> &'static str {
        match self {
            List::Records(kind) => kind.section(),
            List::Sources => "sources",
        }
    }
}

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
    /// Every facet.
    pub const ALL: [Facet; 15] = [
        Facet::Decade,
        Facet::Tag,
        Facet::Kind,
        Facet::Ownership,
        Facet::Segment,
        Facet::Listing,
        Facet::Exchange,
        Facet::District,
        Facet::Honour,
        Facet::Owner,
        Facet::Metric,
        Facet::Group,
        Facet::Scope,
        Facet::Reliability,
        Facet::Publisher,
    ];

    /// The facets of a list, in the picker's order.
    #[must_use]
    pub fn of(list: List) -> &'static [Facet] {
        match list {
            List::Records(RecordKind::History) => &[Facet::Decade, Facet::Tag],
            List::Records(RecordKind::Enterprise) => &[
                Facet::Listing,
                Facet::Exchange,
                Facet::Kind,
                Facet::Ownership,
                Facet::Segment,
                Facet::District,
            ],
            List::Records(RecordKind::Brand) => &[Facet::Segment, Facet::Honour, Facet::Owner],
            List::Records(RecordKind::Indicator) => &[Facet::Metric, Facet::Group, Facet::Scope, Facet::Reliability],
            List::Sources => &[Facet::Reliability, Facet::Publisher],
        }
    }

    /// The facet's name in lower case, as the list's title and `--filter` write it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Facet::Decade => "decade",
            Facet::Tag => "tag",
            Facet::Kind => "kind",
            Facet::Ownership => "ownership",
            Facet::Segment => "segment",
            Facet::Listing => "listing",
            Facet::Exchange => "exchange",
            Facet::District => "district",
            Facet::Honour => "honour",
            Facet::Owner => "owner",
            Facet::Metric => "metric",
            Facet::Group => "group",
            Facet::Scope => "scope",
            Facet::Reliability => "reliability",
            Facet::Publisher => "publisher",
        }
    }

    /// The facet a name means, case aside (`Listing`, `listing`).
    #[must_use]
    pub fn named(name: &str) -> Option<Facet> {
        Facet::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
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
    #[must_use]
    pub fn natural_order(self) -> bool {
        matches!(self, Facet::Decade | Facet::Reliability | Facet::Listing)
    }

    /// The values of this facet a row has ("" stands for "not stated"), each once.
    fn values<'a>(self, db: &'a Db, list: List, row: u32, out: &mut Vec<Cow<'a, str>>) {
        out.clear();
        self.each_value(db, list, row, |v| out.push(v));
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
    fn each_value<'a>(self, db: &'a Db, list: List, row: u32, mut each: impl FnMut(Cow<'a, str>)) {
        let mut any = false;
        let mut one = |v: Cow<'a, str>| {
            any = true;
            each(v);
        };
        let i = row as usize;
        match (list, self) {
            (List::Records(RecordKind::History), Facet::Decade) => {
                let year = db.history()[i].date.year();
                one(Cow::Owned(format!("{}s", year / 10 * 10)));
            }
            (List::Records(RecordKind::History), Facet::Tag) => {
                db.history()[i].tags.iter().for_each(|t| one(Cow::Borrowed(t)));
            }
            (List::Records(RecordKind::Enterprise), _) => {
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
                    Facet::District => crate::data::places::districts(e)
                        .into_iter()
                        .for_each(|d| one(Cow::Borrowed(d))),
                    _ => {}
                }
            }
            (List::Records(RecordKind::Brand), _) => {
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
            (List::Records(RecordKind::Indicator), _) => {
                let ind = &db.indicators()[i];
                match self {
                    Facet::Metric => one(Cow::Borrowed(ind.metric.as_deref().unwrap_or(""))),
                    Facet::Group => one(Cow::Borrowed(ind.group.as_deref().unwrap_or(""))),
                    Facet::Scope => one(Cow::Borrowed(ind.scope.as_deref().unwrap_or(""))),
                    Facet::Reliability => {
                        let rec = Rec::new(RecordKind::Indicator, i);
                        one(Cow::Borrowed(db.strongest_source(rec).map_or("", Reliability::as_str)));
                    }
                    _ => {}
                }
            }
            (List::Sources, Facet::Reliability) => one(Cow::Borrowed(db.sources()[i].reliability.as_str())),
            // By outlet: "Central News Agency (中央社, 張淑伶), reprinted on Yahoo News Taiwan"
            // and "Central News Agency (中央社), reprinted …" are one publisher to filter by.
            (List::Sources, Facet::Publisher) => {
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
    #[must_use]
    pub fn rank(self, value: &str) -> (usize, String) {
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

    /// The facets something is chosen of, in order.
    #[must_use]
    pub fn facets(&self) -> Vec<Facet> {
        let mut facets: Vec<Facet> = self.chosen.iter().map(|(f, _)| *f).collect();
        facets.dedup();
        facets
    }

    /// Whether a row of a list passes every chosen facet (a facet the list does not have
    /// passes every row).
    #[must_use]
    pub fn accepts(&self, db: &Db, list: List, row: u32) -> bool {
        // The chosen values sort by facet: one walk over them meets each chosen facet's
        // values together, and a facet with nothing chosen costs nothing.
        let mut rest = self.chosen.iter().peekable();
        while let Some(&&(facet, _)) = rest.peek() {
            let wanted = rest.clone().map_while(|(f, v)| (*f == facet).then_some(v.as_str()));
            while rest.next_if(|(f, _)| *f == facet).is_some() {}
            if Facet::of(list).contains(&facet) {
                let mut passes = false;
                facet.each_value(db, list, row, |have| {
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
        self.describe_as(|_, value| value.to_owned())
    }

    /// [`Facets::describe`] with each value as the picker shows it: a metric by its name
    /// (`metric=Shuibei gold price`), not its id, so the title says what was ticked.
    #[must_use]
    pub fn describe_named(&self, db: &Db) -> String {
        if !self.chosen.iter().any(|(f, _)| *f == Facet::Metric) {
            return self.describe();
        }
        let names = metric_names(db);
        self.describe_as(|facet, value| match (facet, names.get(value)) {
            (Facet::Metric, Some(name)) => name.clone(),
            _ => value.to_owned(),
        })
    }

    fn describe_as(&self, name: impl Fn(Facet, &str) -> String) -> String {
        self.facets()
            .iter()
            .map(|facet| {
                let values: Vec<String> = self
                    .chosen
                    .iter()
                    .filter(|(f, _)| f == facet)
                    .map(|(f, v)| if v.is_empty() { "(none)".to_owned() } else { name(*f, v) })
                    .collect();
                format!("{}={}", facet.name(), values.join("|"))
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

impl Entry {
    /// The value as the picker shows it: its name, or what "not stated" is called here.
    #[must_use]
    pub fn shown(&self) -> &str {
        if self.value.is_empty() {
            self.facet.nothing()
        } else {
            self.label.as_deref().unwrap_or(&self.value)
        }
    }
}

/// Counts every value of every facet of `list` over `rows` (the list's rows before
/// facets: all of them, or a search's matches), given the facets already chosen: the
/// picker's lines, in its order. The rows are counted in parallel chunks: a million
/// enterprises are counted when `f` is pressed.
#[must_use]
pub fn count(db: &Db, list: List, facets: &Facets, rows: &[u32]) -> Vec<Entry> {
    let all = Facet::of(list);
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
                    facet.values(db, list, *row, &mut values[f]);
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
    entries
}

/// The honour a title names, without the caveat after a spaced dash: "中国驰名商标 (China
/// Well-known Trademark) — owner named as a holder by June 2011; …" is chosen with the
/// plain title (a trial had to tick both to see the 9 brands). The detail keeps the whole.
fn honour(title: &str) -> &str {
    title.split_once(" — ").map_or(title, |(honour, _)| honour.trim_end())
}

#[cfg(test)]
mod tests;
