//! How a tab's rows are ordered: the natural order or a chosen sort, a search's matches
//! by relevance or by column, and long lists that wait for their sort to come back from
//! off the UI thread; and the order's description for the list's title.

use std::sync::Arc;

use super::TabView;
use crate::data::db::Db;
use crate::explorer::action::Tab;
use crate::explorer::app::order::{self, Key, Sorted};
use crate::explorer::tabs;

impl TabView {
    /// The tab's natural order or the chosen sort, for browsing without a query. Rows
    /// with nothing in the sorted column come last either way (a blank is not a value);
    /// grouped brands keep their groups in segment order and sort inside them.
    pub(super) fn apply_order(&mut self, db: &Db, before: Vec<u32>) {
        let mut rows = std::mem::take(&mut self.rows);
        // Brands without a segment form the last group.
        let by_segment = |i: &u32| {
            let segment = db.brands()[*i as usize].segment.as_deref().unwrap_or("");
            (segment.is_empty(), segment.to_lowercase())
        };
        let descending = self.sort.descending;
        self.sorting = None;
        match (self.tab, self.sort.column) {
            (Tab::History, _) => {
                directed(&mut rows, descending, |rows| {
                    rows.sort_by_key(|i| db.history()[*i as usize].date);
                });
            }
            (tab, Some(column)) => {
                let key = (column, descending);
                let len = tabs::len(db, tab);
                if let Some(sorted) = self.sorted.get(&key) {
                    rows = order::pick(sorted, &rows);
                } else if rows.len() <= self.at_once || tab.kind().is_none() {
                    rows = order::by_column(db, self.citations(), tab, key, rows);
                } else if let Some((_, part)) = self
                    .part
                    .as_ref()
                    .filter(|(k, part)| *k == key && same_rows(part, &rows, len))
                {
                    rows = part.to_vec();
                } else {
                    if !self.asked.contains(&key) {
                        self.asked.push(key);
                        self.wants = Some((key, self.part_of(&rows, len)));
                    }
                    // Until the sorted tab comes, the rows keep the order they were shown
                    // in when they are the same rows (a new sort of the same list), so the
                    // screen does not jump twice; else they are in dataset order.
                    if same_rows(&before, &rows, len) {
                        rows = before;
                    }
                    self.sorting = Some(key);
                }
                if self.grouped {
                    rows.sort_by_cached_key(by_segment);
                }
            }
            (Tab::Brands, None) if self.grouped => {
                directed(&mut rows, descending, |rows| rows.sort_by_cached_key(by_segment));
            }
            (_, None) => {
                if descending {
                    rows.reverse();
                }
            }
        }
        self.rows = rows;
    }

    /// The tab is sorted by `key` (`None`: the job was dropped for a later one).
    /// Kept for every later sort by that column and direction; the list reorders now if
    /// it is waiting for them. Returns whether the rows changed.
    pub fn sort_arrived(&mut self, db: &Db, key: Key, sorted: Option<Sorted>) -> bool {
        self.asked.retain(|k| *k != key);
        if let Some(sorted) = sorted {
            if self.part.as_ref().is_some_and(|(k, _)| *k == key) {
                self.part = None;
            }
            self.sorted.insert(key, sorted);
            if self.sorting == Some(key) {
                self.reorder(db);
                return true;
            }
        } else if self.sorting == Some(key) {
            // Still wanted: ask again (after the job that replaced it), the rows shown
            // first again.
            self.asked.push(key);
            self.wants = Some((key, self.part_of(&self.rows, tabs::len(db, self.tab))));
        }
        false
    }

    /// What to sort before the whole tab: `rows` when they are a part of the tab's `len`
    /// (a filter's rows, a search's matches), in dataset order as the whole tab's ties
    /// are, so that their order is the one picked from the whole tab later.
    fn part_of(&self, rows: &[u32], len: usize) -> Option<Sorted> {
        (rows.len() < len && !self.grouped).then(|| {
            let mut part = rows.to_vec();
            part.sort_unstable();
            Arc::new(part)
        })
    }

    /// The rows this view asked to sort by `key` (a part of the tab), sorted before the
    /// whole tab: shown now if the list still has those rows and waits for that sort
    /// (an 81,000-row filter of a million waited for the million). The whole tab still
    /// comes, for later sorts. Returns whether the rows changed.
    pub fn part_arrived(&mut self, db: &Db, key: Key, rows: Sorted) -> bool {
        if self.sorting != Some(key) || self.sorted.contains_key(&key) {
            return false;
        }
        self.part = Some((key, rows));
        self.reorder(db);
        self.sorting.is_none()
    }

    /// The sort this view asks for, once, with the rows to sort first when they are a
    /// part of the tab: the state turns it into an effect.
    pub fn take_wants(&mut self) -> Option<(Key, Option<Sorted>)> {
        self.wants.take()
    }

    /// Moves to the next sortable column, then back to the natural order; on a searched
    /// list from relevance through the columns and back to relevance. A column blank in
    /// every row measured is passed over: ordering by it orders nothing (the shipped
    /// enterprises have no registry status or credit code; a registry list has them).
    pub fn sort_next(&mut self, db: &Db) {
        let cols = tabs::columns(self.tab);
        let searched = self.search.active();
        let start = match self.sort.column {
            _ if searched && self.relevance => 0,
            Some(c) => c + 1,
            None => 0,
        };
        let blank = |c: usize| self.fit.wanted.get(c) == Some(&0);
        self.sort.column = (start..cols.len()).find(|c| cols[*c].sortable && !blank(*c));
        self.sort.descending = false;
        if searched {
            self.relevance = self.sort.column.is_none();
        }
        self.reorder(db);
    }

    /// Flips the order's direction; on a searched list ordered by relevance, shows its
    /// matches in the tab's order, reversed. History's `r` on a searched list goes from
    /// relevance to oldest first, newest first, and back to relevance.
    pub fn flip(&mut self, db: &Db) {
        let history = self.tab == Tab::History;
        match (self.search.active(), self.by_relevance()) {
            (true, true) => {
                self.relevance = false;
                self.sort.descending = !history;
            }
            (true, false) if history && self.sort.descending => {
                self.relevance = true;
                self.sort.descending = false;
            }
            _ => self.sort.descending = !self.sort.descending,
        }
        self.reorder(db);
    }

    /// Applies a new order. A selection away from the top stays on its record; at the
    /// top it stays at the top, where the reader is looking (the first row of the new
    /// order, not the old first row now at the bottom).
    pub(super) fn reorder(&mut self, db: &Db) {
        let at_top = self.selected == 0;
        self.refresh(db);
        if at_top {
            self.selected = 0;
            self.offset = 0;
        }
    }

    /// Whether the matches of a search show by relevance: a search is on and no sort
    /// was chosen for its matches; but History's matches that all score alike (a date
    /// range) show as the timeline, oldest first, and `r` reverses it at once.
    #[must_use]
    pub fn by_relevance(&self) -> bool {
        self.search.active() && self.relevance && !(self.tab == Tab::History && self.search.alike())
    }

    /// A short description of the order, for the list's title.
    #[must_use]
    pub fn order_label(&self) -> String {
        if self.by_relevance() {
            return "by relevance".into();
        }
        let arrow = if self.sort.descending { "↓" } else { "↑" };
        if let Some((column, _)) = self.sorting {
            return format!("sorting by {} {arrow}…", tabs::columns(self.tab)[column].title);
        }
        match (self.tab, self.sort.column) {
            (Tab::History, _) if self.sort.descending => "newest first".into(),
            (Tab::History, _) => "oldest first".into(),
            (Tab::Brands, Some(c)) if self.grouped => {
                format!("grouped by segment · by {} {arrow}", tabs::columns(self.tab)[c].title)
            }
            // Figures compare only within a unit; the sort says so, since m² and yuan
            // take turns down the list.
            (Tab::Indicators, Some(tabs::INDICATOR_VALUE)) => format!("by Value {arrow}, unit by unit"),
            (Tab::Sources, Some(tabs::SOURCES_CITED)) if self.brief.is_none() => "counting citations…".into(),
            (_, Some(c)) => format!("by {} {arrow}", tabs::columns(self.tab)[c].title),
            (Tab::Brands, None) if self.grouped => format!("grouped by segment {arrow}"),
            (_, None) if self.sort.descending => "file order, reversed".into(),
            (_, None) => "file order".into(),
        }
    }
}

/// Sorts `rows` stably in the chosen direction, ties kept in dataset order either way:
/// descending sorts the reversed rows, then reverses them back.
fn directed(rows: &mut Vec<u32>, descending: bool, sort: impl FnOnce(&mut Vec<u32>)) {
    if descending {
        rows.reverse();
    }
    sort(rows);
    if descending {
        rows.reverse();
    }
}

/// Whether `a` and `b` hold the same rows (of a tab of `len` rows), in any order.
fn same_rows(a: &[u32], b: &[u32], len: usize) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut seen = vec![false; len];
    for row in a {
        if let Some(s) = seen.get_mut(*row as usize) {
            *s = true;
        }
    }
    b.iter().all(|row| seen.get(*row as usize).copied().unwrap_or(false))
}
