//! Facet filters for the Enterprises tab (kind, ownership, segment) and the picker's
//! state. Within a facet any chosen value matches; across facets all must match.
//!
//! Pure state and counting; the picker is drawn by `ui::picker`.

use std::collections::BTreeSet;

use crate::data::db::Db;
use crate::data::model::Enterprise;

/// A field an enterprise can be filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Kind,
    Ownership,
    Segment,
}

impl Facet {
    pub const ALL: [Facet; 3] = [Facet::Kind, Facet::Ownership, Facet::Segment];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Facet::Kind => "Kind",
            Facet::Ownership => "Ownership",
            Facet::Segment => "Segment",
        }
    }

    /// The values of this facet an enterprise has ("" stands for "not stated").
    fn values(self, e: &Enterprise) -> Vec<&str> {
        match self {
            Facet::Kind => vec![e.kind.map_or("", |k| k.as_str())],
            Facet::Ownership => vec![e.ownership.map_or("", |o| o.as_str())],
            Facet::Segment if e.segments.is_empty() => vec![""],
            Facet::Segment => e.segments.iter().map(|s| &**s).collect(),
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

    /// Whether an enterprise passes every chosen facet.
    #[must_use]
    pub fn accepts(&self, e: &Enterprise) -> bool {
        Facet::ALL.iter().all(|facet| {
            let mut wanted = self.chosen.iter().filter(|(f, _)| f == facet).peekable();
            if wanted.peek().is_none() {
                return true;
            }
            let have = facet.values(e);
            wanted.any(|(_, v)| have.contains(&v.as_str()))
        })
    }

    /// "ownership=private, segment=gold|diamond", for the list's title.
    #[must_use]
    pub fn describe(&self) -> String {
        Facet::ALL
            .iter()
            .filter_map(|facet| {
                let values: Vec<&str> = self
                    .chosen
                    .iter()
                    .filter(|(f, _)| f == facet)
                    .map(|(_, v)| if v.is_empty() { "(none)" } else { v.as_str() })
                    .collect();
                (!values.is_empty()).then(|| format!("{}={}", facet.title().to_lowercase(), values.join("|")))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One line of the picker: a facet value and how many enterprises have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub facet: Facet,
    pub value: String,
    pub count: usize,
}

/// The open picker: its entries (counted when opened) and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub entries: Vec<Entry>,
    pub cursor: usize,
}

impl Picker {
    /// Counts every value of every facet; most common first within a facet.
    #[must_use]
    pub fn open(db: &Db) -> Picker {
        let mut entries = Vec::new();
        for facet in Facet::ALL {
            let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for e in db.enterprises() {
                for v in facet.values(e) {
                    *counts.entry(v).or_default() += 1;
                }
            }
            let mut list: Vec<(&str, usize)> = counts.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            entries.extend(list.into_iter().map(|(value, count)| Entry {
                facet,
                value: value.to_owned(),
                count,
            }));
        }
        Picker { entries, cursor: 0 }
    }
}
