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

    /// The values of this facet a row has ("" stands for "not stated").
    fn values<'a>(self, db: &'a Db, tab: Tab, row: u32, out: &mut Vec<Cow<'a, str>>) {
        out.clear();
        let i = row as usize;
        let strongest = |rec: Rec| db.strongest_source(rec).map_or("", Reliability::as_str);
        match (tab, self) {
            (Tab::History, Facet::Decade) => {
                let year = db.history()[i].date.year();
                out.push(Cow::Owned(format!("{}s", year / 10 * 10)));
            }
            (Tab::History, Facet::Tag) => out.extend(db.history()[i].tags.iter().map(|t| Cow::Borrowed(&**t))),
            (Tab::Enterprises, _) => {
                let e = &db.enterprises()[i];
                match self {
                    Facet::Kind => out.push(Cow::Borrowed(e.kind.map_or("", |k| k.as_str()))),
                    Facet::Ownership => out.push(Cow::Borrowed(e.ownership.map_or("", |o| o.as_str()))),
                    Facet::Segment => out.extend(e.segments.iter().map(|s| Cow::Borrowed(&**s))),
                    Facet::Listing => out.push(Cow::Borrowed(
                        if e.listings.iter().any(crate::data::model::Listing::is_current) {
                            LISTED
                        } else if e.listings.is_empty() {
                            NEVER_LISTED
                        } else {
                            DELISTED
                        },
                    )),
                    Facet::Exchange => {
                        for l in &e.listings {
                            if !out.iter().any(|v| *v == *l.exchange) {
                                out.push(Cow::Borrowed(&l.exchange));
                            }
                        }
                    }
                    Facet::District => out.extend(tabs::districts(e).into_iter().map(Cow::Borrowed)),
                    _ => {}
                }
            }
            (Tab::Brands, _) => {
                let b = &db.brands()[i];
                match self {
                    Facet::Segment => out.push(Cow::Borrowed(b.segment.as_deref().unwrap_or(""))),
                    Facet::Honour => {
                        for h in &b.honors {
                            if !out.iter().any(|v| *v == *h.title) {
                                out.push(Cow::Borrowed(&h.title));
                            }
                        }
                    }
                    Facet::Owner => out.push(match db.owner_of(i) {
                        Some(owner) => Cow::Owned(crate::data::present::label(db, owner)),
                        None => Cow::Borrowed(""),
                    }),
                    _ => {}
                }
            }
            (Tab::Indicators, _) => {
                let ind = &db.indicators()[i];
                match self {
                    Facet::Metric => out.push(Cow::Borrowed(ind.metric.as_deref().unwrap_or(""))),
                    Facet::Group => out.push(Cow::Borrowed(ind.group.as_deref().unwrap_or(""))),
                    Facet::Scope => out.push(Cow::Borrowed(ind.scope.as_deref().unwrap_or(""))),
                    Facet::Reliability => out.push(Cow::Borrowed(strongest(Rec::new(
                        crate::data::model::RecordKind::Indicator,
                        i,
                    )))),
                    _ => {}
                }
            }
            (Tab::Sources, Facet::Reliability) => out.push(Cow::Borrowed(db.sources()[i].reliability.as_str())),
            (Tab::Sources, Facet::Publisher) => {
                out.push(Cow::Borrowed(db.sources()[i].publisher.as_deref().unwrap_or("")));
            }
            _ => {}
        }
        if out.is_empty() {
            out.push(Cow::Borrowed(""));
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
        let mut values = Vec::new();
        Facet::of(tab)
            .iter()
            .all(|facet| self.passes(db, tab, row, *facet, &mut values))
    }

    fn passes<'a>(&self, db: &'a Db, tab: Tab, row: u32, facet: Facet, values: &mut Vec<Cow<'a, str>>) -> bool {
        let mut wanted = self.chosen.iter().filter(|(f, _)| *f == facet).peekable();
        if wanted.peek().is_none() {
            return true;
        }
        facet.values(db, tab, row, values);
        wanted.any(|(_, v)| values.iter().any(|have| have == v))
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
        let empty = || -> Vec<Tally<'_>> { vec![Tally::default(); all.len()] };
        let counts: Vec<Tally<'_>> = rows
            .par_chunks(4096)
            .fold(empty, |mut counts, chunk| {
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
                        // A row counts once for a value it lists twice (segments "jade,
                        // jade"): the count is of rows, what choosing the value shows.
                        if list.len() > 1 {
                            list.sort_unstable();
                            list.dedup();
                        }
                        if fails == 0 || (fails == 1 && failed == Some(f)) {
                            for v in list.drain(..) {
                                counts[f].add(v, 1);
                            }
                        }
                    }
                }
                counts
            })
            .reduce(empty, |mut a, b| {
                for (into, from) in a.iter_mut().zip(b) {
                    into.merge(from);
                }
                a
            });
        let counts: Vec<hashbrown::HashMap<String, usize>> = counts.into_iter().map(Tally::by_text).collect();
        let mut entries = Vec::new();
        for (f, facet) in all.iter().enumerate() {
            let mut list: Vec<(String, usize)> = counts[f].iter().map(|(v, n)| (v.clone(), *n)).collect();
            // A chosen value stays listed (at 0) so it can be turned off.
            for (c, v) in &facets.chosen {
                if c == facet && !list.iter().any(|(have, _)| have == v) {
                    list.push((v.clone(), 0));
                }
            }
            if facet.natural_order() {
                list.sort_by_cached_key(|(v, _)| facet.rank(v));
            } else {
                list.sort_by(|a, b| b.1.cmp(&a.1).then(facet.rank(&a.0).cmp(&facet.rank(&b.0))));
            }
            entries.extend(list.into_iter().map(|(value, count)| Entry {
                facet: *facet,
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
}
