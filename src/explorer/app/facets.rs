//! The filter picker's state (key `f`): the entries it lists, counted by
//! [`crate::data::facets`] (the facets themselves, what accepts a row and what a value
//! counts, which `--filter` on the command line uses too), and its cursor. The picker is
//! drawn by `ui::overlay`.

use crate::data::db::Db;
pub use crate::data::facets::{DELISTED, Entry, Facet, Facets, LISTED, List, NEVER_LISTED, count};
use crate::explorer::action::Tab;

/// The list a tab shows, for its facets (the Overview has none).
#[must_use]
pub fn list(tab: Tab) -> Option<List> {
    match tab {
        Tab::Overview => None,
        Tab::Sources => Some(List::Sources),
        _ => tab.kind().map(List::Records),
    }
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
    /// facets: all of them, or a search's matches), given the facets already chosen
    /// ([`count`], which `--filter` lists its choices by too).
    #[must_use]
    pub fn open(db: &Db, tab: Tab, facets: &Facets, rows: &[u32]) -> Picker {
        Picker {
            tab,
            entries: list(tab).map_or_else(Vec::new, |list| count(db, list, facets, rows)),
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

#[cfg(test)]
mod tests;
