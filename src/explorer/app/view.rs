//! The state of one tab that lists rows: which records (or, on the Sources tab, which
//! sources) it shows, in which order, and where the selection and scroll stand.
//! `refresh` recomputes the rows after a filter, sort or search change and keeps the
//! selected row selected when it is still shown.
//!
//! No rendering here, and no terminal: only indices into the `Db`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::data::brief::Brief;
use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;
use crate::explorer::action::Tab;
use crate::explorer::app::facets::Facets;
use crate::explorer::app::order::{self, Key, Sorted};
use crate::explorer::tabs::{self, Fit};
use crate::search::{Hit, Why};

/// A tab's sort: which column (None = the tab's natural order) and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: Option<usize>,
    pub descending: bool,
}

/// A one-line text box with a caret, counted in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextBox {
    pub text: String,
    /// Caret position in characters (not bytes).
    pub caret: usize,
}

impl TextBox {
    fn byte_at(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, text: &str) {
        let at = self.byte_at(self.caret);
        self.text.insert_str(at, text);
        self.caret += text.chars().count();
    }

    pub fn delete_back(&mut self) {
        if self.caret > 0 {
            let at = self.byte_at(self.caret - 1);
            self.text.remove(at);
            self.caret -= 1;
        }
    }

    pub fn delete_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.caret;
        while start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && chars[start - 1] != ' ' {
            start -= 1;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.caret));
        self.text.replace_range(from..to, "");
        self.caret = start;
    }

    pub fn delete_to_start(&mut self) {
        let to = self.byte_at(self.caret);
        self.text.replace_range(..to, "");
        self.caret = 0;
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.text.chars().count();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.caret = 0;
    }
}

/// One tab's rows, selection and settings.
#[derive(Debug, Clone)]
pub struct TabView {
    pub tab: Tab,
    /// Record (or source) indices in display order.
    pub rows: Vec<u32>,
    /// Index into `rows`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    pub sort: Sort,
    pub facets: Facets,
    /// Brands only: grouped by segment.
    pub grouped: bool,
    /// This tab's search box (kept when switching tabs).
    pub query: TextBox,
    /// While a query is active: whether its matches show by relevance (else in `sort`'s
    /// order). A new search starts by relevance.
    pub relevance: bool,
    /// What the search engine said about `query`, once it has answered.
    pub search: SearchState,
    /// Where each shown row matched, aligned with `rows`, while a query is active.
    pub row_why: Vec<Why>,
    /// Of those, the rows found only loosely (`Why::loose`) and those in a clause that
    /// negates the query: counted once per refresh for the list's title, not per frame.
    pub loose_rows: usize,
    pub negated_rows: usize,
    /// The columns as measured on the data (widest cells, mostly blank ones).
    pub fit: Fit,
    /// The brief, once computed: the Sources tab counts and sorts its citations with it.
    pub brief: Option<Arc<Brief>>,
    /// This tab's rows sorted, by column and direction, for long lists (see `order`).
    pub(super) sorted: HashMap<Key, Sorted>,
    /// The column and direction the rows wait to be sorted by (the sorted tab not here yet).
    pub sorting: Option<Key>,
    /// Sorts asked for and not yet answered.
    pub(super) asked: Vec<Key>,
    /// A sort to ask for, with the rows shown when they are a part of the tab (taken by
    /// the state, which makes it an effect).
    pub(super) wants: Option<(Key, Option<Sorted>)>,
    /// The rows shown, sorted by a key before the whole tab is (see [`Self::part_arrived`]).
    pub(super) part: Option<(Key, Sorted)>,
    /// Lists this long or shorter sort at once ([`order::AT_ONCE`]).
    pub(super) at_once: usize,
    /// The row to keep selected while the query runs again on a new reading of the
    /// dataset (see `carry`): answers short of the whole one leave the list as it is.
    pub(super) hold: Option<u32>,
}

/// What Back restores of a tab ([`TabView::keep`]).
#[derive(Debug, Clone)]
pub struct Kept {
    query: TextBox,
    pub(super) search: SearchState,
    relevance: bool,
    sort: Sort,
    facets: Facets,
    grouped: bool,
    pub(super) selected: Option<u32>,
    offset: usize,
}

/// The search results a tab shows, and how far the engine has got.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query these results are for; `None` when the tab shows every record.
    pub query: Option<String>,
    /// Matches, best first (possibly only the best so far, see `complete`); shared, so
    /// the back stack keeps a tab's results without copying them.
    pub hits: Arc<[Hit]>,
    pub matched: usize,
    pub searched: usize,
    /// False while the engine is still working on `query`.
    pub complete: bool,
    /// A gentle note about a part of the query the engine left out.
    pub notice: Option<String>,
    /// Nothing matched as typed: the hits are spelled or sound alike.
    pub tolerant: bool,
    /// Nothing matched as typed: the hits match without the query's company forms
    /// (`notice` says which).
    pub shortened: bool,
    /// Nothing matched, and the query asks fields no record here has a value in.
    pub unheld: Vec<&'static str>,
    /// On the Sources tab, the sources that match (their indices), best first; `hits`
    /// are records only.
    pub sources: Arc<[u32]>,
    /// Beside each of `sources`: the text where it only spells a Chinese term of the
    /// query (`SourceHit::by_sound`), for a source that is no match as typed.
    pub sources_by_sound: Arc<[Option<&'static str>]>,
}

impl SearchState {
    /// The Sources tab's answer to `query`, complete: sources are few, and searched at
    /// once (`search::search_sources`).
    #[must_use]
    pub fn of_sources(db: &Db, query: &str) -> SearchState {
        let (hits, notice) = crate::search::search_sources(db, query);
        SearchState {
            matched: hits.len(),
            searched: db.sources().len(),
            // Only sound-alikes: none as typed, said as for records.
            tolerant: crate::search::all_by_sound(&hits),
            sources: hits.iter().map(|h| h.index).collect(),
            sources_by_sound: hits.iter().map(|h| h.by_sound).collect(),
            query: Some(query.to_owned()),
            complete: true,
            notice,
            ..SearchState::default()
        }
    }

    /// Whether results for a query (complete or not) are what the tab shows.
    #[must_use]
    pub fn active(&self) -> bool {
        self.query.is_some()
    }

    /// Every match scores alike (a filter such as `date:2025-10..2026-03`): relevance
    /// orders nothing.
    #[must_use]
    pub fn alike(&self) -> bool {
        self.complete && self.hits.len() > 1 && self.hits.iter().all(|h| h.score == self.hits[0].score)
    }
}

impl TabView {
    #[must_use]
    pub fn new(db: &Db, tab: Tab) -> TabView {
        let mut view = TabView {
            tab,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            sort: Sort::default(),
            facets: Facets::default(),
            grouped: false,
            query: TextBox::default(),
            relevance: true,
            search: SearchState::default(),
            row_why: Vec::new(),
            loose_rows: 0,
            negated_rows: 0,
            fit: tabs::measure(db, tab),
            brief: None,
            sorted: HashMap::new(),
            sorting: None,
            asked: Vec::new(),
            wants: None,
            part: None,
            at_once: order::AT_ONCE,
            hold: None,
        };
        view.refresh(db);
        view
    }

    /// What Back must restore of this tab: its query and results, order, filters,
    /// selection and scroll.
    #[must_use]
    pub fn keep(&self) -> Kept {
        Kept {
            query: self.query.clone(),
            search: self.search.clone(),
            relevance: self.relevance,
            sort: self.sort,
            facets: self.facets.clone(),
            grouped: self.grouped,
            selected: self.current_row(),
            offset: self.offset,
        }
    }

    /// Puts the tab back as [`TabView::keep`] saw it.
    pub fn restore(&mut self, kept: Kept, db: &Db) {
        self.query = kept.query;
        self.search = kept.search;
        self.relevance = kept.relevance;
        self.sort = kept.sort;
        self.facets = kept.facets;
        self.grouped = kept.grouped;
        self.refresh(db);
        if let Some(pos) = kept.selected.and_then(|row| self.rows.iter().position(|i| *i == row)) {
            self.selected = pos;
        }
        self.offset = kept.offset;
    }

    /// The kind of record the tab lists (`None` on the Sources tab).
    #[must_use]
    pub fn kind(&self) -> Option<RecordKind> {
        self.tab.kind()
    }

    /// The record under the selection, if the tab lists records and shows any.
    #[must_use]
    pub fn current(&self) -> Option<Rec> {
        let kind = self.kind()?;
        self.rows.get(self.selected).map(|i| Rec::new(kind, *i as usize))
    }

    /// The row under the selection: a record's index, or a source's on the Sources tab.
    #[must_use]
    pub fn current_row(&self) -> Option<u32> {
        self.rows.get(self.selected).copied()
    }

    /// Who cites each source, once counted.
    #[must_use]
    pub fn citations(&self) -> Option<&crate::data::citations::Citations> {
        self.brief.as_deref().map(|b| &b.citations)
    }

    /// The rows the tab shows before its facets narrow them: a search's matches while a
    /// query is active, else every row.
    #[must_use]
    pub fn candidates(&self, db: &Db) -> Vec<u32> {
        match self.kind() {
            Some(kind) if self.search.active() => self
                .search
                .hits
                .iter()
                .filter(|h| h.rec.kind == kind)
                .map(|h| h.rec.index)
                .collect(),
            None if self.search.active() => self.search.sources.to_vec(),
            _ => (0..tabs::len(db, self.tab))
                .filter_map(|i| u32::try_from(i).ok())
                .collect(),
        }
    }

    /// Recomputes the rows from hits (or all rows), facets and sort, keeping the
    /// selected row selected when it is still shown.
    pub fn refresh(&mut self, db: &Db) {
        let keep = self.current_row();
        // The order shown so far: a long list keeps it while its new sort is computed.
        let before = std::mem::take(&mut self.rows);
        let filtered = !self.facets.is_empty();
        let accepts = |i: u32| !filtered || self.facets.accepts(db, self.tab, i);
        match self.kind() {
            Some(kind) if self.search.active() => {
                // A query orders by relevance unless a sort was chosen for its matches;
                // facets still narrow it.
                let (rows, whys): (Vec<u32>, Vec<Why>) = self
                    .search
                    .hits
                    .iter()
                    .filter(|h| h.rec.kind == kind && accepts(h.rec.index))
                    .map(|h| (h.rec.index, h.why))
                    .unzip();
                self.rows = rows;
                self.row_why = whys;
                // A sort chosen for the matches orders them; each keeps its why.
                if self.by_relevance() {
                    // Back to relevance while a column's order was on its way: no longer
                    // waited for (it still comes, and is kept).
                    self.sorting = None;
                } else {
                    let mut why_of = vec![Why::Everything; db.len(kind)];
                    for (i, why) in self.rows.iter().zip(&self.row_why) {
                        why_of[*i as usize] = *why;
                    }
                    self.apply_order(db, before);
                    self.row_why = self.rows.iter().map(|i| why_of[*i as usize]).collect();
                }
            }
            // The Sources tab's matches: by relevance, or in the sort chosen for them.
            None if self.search.active() => {
                self.rows = self.search.sources.iter().copied().filter(|i| accepts(*i)).collect();
                if self.relevance {
                    self.sorting = None;
                } else {
                    self.apply_order(db, before);
                }
                // A source found only by a spelling says so, and is counted as one.
                let mut why_of = vec![Why::Everything; db.sources().len()];
                for (i, by_sound) in self.search.sources.iter().zip(self.search.sources_by_sound.iter()) {
                    if let Some(text) = by_sound {
                        why_of[*i as usize] = Why::BySound(text);
                    }
                }
                self.row_why = self.rows.iter().map(|i| why_of[*i as usize]).collect();
            }
            _ => {
                self.row_why.clear();
                self.rows = (0..tabs::len(db, self.tab))
                    .filter_map(|i| u32::try_from(i).ok())
                    .filter(|i| accepts(*i))
                    .collect();
                self.apply_order(db, before);
            }
        }
        self.loose_rows = self.row_why.iter().filter(|w| w.loose()).count();
        self.negated_rows = self.row_why.iter().filter(|w| matches!(w, Why::Negated(_))).count();
        self.selected = keep
            .and_then(|row| self.rows.iter().position(|i| *i == row))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    /// Where the selected row matched the query, when a query is active.
    #[must_use]
    pub fn current_why(&self) -> Option<Why> {
        self.row_why.get(self.selected).copied()
    }

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

    /// Selects a record if it is shown; returns whether it is.
    pub fn select(&mut self, rec: Rec) -> bool {
        self.kind() == Some(rec.kind) && self.select_row(rec.index)
    }

    /// Selects a row (a record or source index) if it is shown; returns whether it is.
    pub fn select_row(&mut self, row: u32) -> bool {
        match self.rows.iter().position(|i| *i == row) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    /// Moves the selection by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            self.selected = 0;
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Scrolls so the selection is inside a window of `height` rows.
    pub fn keep_visible(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    /// Moves to the next sortable column, then back to the natural order; on a searched
    /// list from relevance through the columns and back to relevance.
    pub fn sort_next(&mut self, db: &Db) {
        let cols = tabs::columns(self.tab);
        let searched = self.search.active();
        let start = match self.sort.column {
            _ if searched && self.relevance => 0,
            Some(c) => c + 1,
            None => 0,
        };
        self.sort.column = (start..cols.len()).find(|c| cols[*c].sortable);
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

#[cfg(test)]
mod tests;
