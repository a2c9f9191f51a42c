//! The state of one tab that lists rows: which records (or, on the Sources tab, which
//! sources) it shows, in which order, and where the selection and scroll stand.
//! `refresh` recomputes the rows after a filter, sort or search change and keeps the
//! selected row selected when it is still shown.
//!
//! No rendering here, and no terminal: only indices into the `Db`.

mod sorting;

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
    /// The filters as the list's title says them, each value as the picker named it
    /// (`metric=Shuibei gold price`): made at each refresh, not per frame.
    pub facets_named: String,
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
    /// Of those, the rows that hold the query only outside their names
    /// (`Why::outside_names`): when every answer does, no name holds it.
    pub outside_names_rows: usize,
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
    /// Nothing matched: why (fields no record here has a value in, words that find
    /// nothing alone, sources that hold it).
    pub nothing: crate::search::WhyNothing,
    /// On the Sources tab, the sources that match (their indices), best first; `hits`
    /// are records only.
    pub sources: Arc<[u32]>,
    /// Beside each of `sources`: why it is no match as typed, when it is not
    /// (`SourceHit::loose`).
    pub sources_loose: Arc<[Option<Why>]>,
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
            tolerant: crate::search::all_loose_sources(&hits),
            sources: hits.iter().map(|h| h.index).collect(),
            sources_loose: hits.iter().map(|h| h.loose).collect(),
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
            facets_named: String::new(),
            grouped: false,
            query: TextBox::default(),
            relevance: true,
            search: SearchState::default(),
            row_why: Vec::new(),
            loose_rows: 0,
            outside_names_rows: 0,
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
        self.facets_named = if filtered {
            self.facets.describe_named(db)
        } else {
            String::new()
        };
        let list = crate::explorer::app::facets::list(self.tab);
        let accepts = |i: u32| !filtered || list.is_some_and(|list| self.facets.accepts(db, list, i));
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
                    self.answers_first();
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
                // A source that is no match as typed (a spelling, syllables apart) says so.
                let mut why_of = vec![Why::Everything; db.sources().len()];
                for (i, loose) in self.search.sources.iter().zip(self.search.sources_loose.iter()) {
                    if let Some(why) = loose {
                        why_of[*i as usize] = *why;
                    }
                }
                self.row_why = self.rows.iter().map(|i| why_of[*i as usize]).collect();
                if !self.relevance {
                    self.answers_first();
                }
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
        // A column gives way when blank in most rows shown, not of the whole tab (the
        // Listing column of the listed companies shows), and is as wide as the cells
        // shown (a Value column of areas takes what "1,100,000 m²" needs).
        if let Some(fit) = tabs::refit(db, self.tab, &self.rows) {
            self.fit = fit;
        }
        self.loose_rows = self.row_why.iter().filter(|w| w.loose()).count();
        self.negated_rows = self.row_why.iter().filter(|w| matches!(w, Why::Negated(_))).count();
        self.outside_names_rows = self.row_why.iter().filter(|w| w.outside_names()).count();
        self.selected = keep
            .and_then(|row| self.rows.iter().position(|i| *i == row))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    /// A search's matches sorted by a column: the answers first, then the rows found
    /// only loosely (`≈`), each group in the sort's order. Sorting by As of put the dim
    /// `≈` rows of `jinjia` on top, among the answers, where relevance had kept them last.
    fn answers_first(&mut self) {
        if !self.row_why.iter().any(Why::loose) || self.row_why.len() != self.rows.len() {
            return;
        }
        let mut paired: Vec<(u32, Why)> = self.rows.iter().copied().zip(self.row_why.iter().copied()).collect();
        // Stable: each group keeps the sort's order.
        paired.sort_by_key(|(_, why)| why.loose());
        (self.rows, self.row_why) = paired.into_iter().unzip();
    }

    /// The rows an export writes, and how many of those shown it leaves out: as `shuibei
    /// export --query` does, a search's rows that are no answer as typed (near spellings,
    /// sound-alikes, characters apart) and those that hold the query only in a clause
    /// that negates it ("its tie to Shuibei is not stated"): a row in a file reads as a
    /// yes. Without a search, every row.
    #[must_use]
    pub fn export_rows(&self) -> (Vec<u32>, usize) {
        let kept: Vec<u32> = match self.exported() {
            Exported::All => self.rows.clone(),
            Exported::None => Vec::new(),
            Exported::Answers => self
                .rows
                .iter()
                .zip(&self.row_why)
                .filter(|(_, why)| answer(**why))
                .map(|(row, _)| *row)
                .collect(),
        };
        let left = self.rows.len() - kept.len();
        (kept, left)
    }

    /// How many rows [`View::export_rows`] writes, and how many it leaves out, without
    /// copying them (the footer asks at every frame).
    #[must_use]
    pub fn export_counts(&self) -> (usize, usize) {
        let kept = match self.exported() {
            Exported::All => self.rows.len(),
            Exported::None => 0,
            Exported::Answers => self.row_why.iter().filter(|why| answer(**why)).count(),
        };
        (kept, self.rows.len() - kept)
    }

    fn exported(&self) -> Exported {
        if !self.search.active() || self.row_why.len() != self.rows.len() {
            Exported::All
        } else if self.search.tolerant && !self.search.shortened {
            // Nothing as typed: every row is a near spelling (but for a registered name's,
            // found without its company forms, which are answers).
            Exported::None
        } else {
            Exported::Answers
        }
    }

    /// Where the selected row matched the query, when a query is active.
    #[must_use]
    pub fn current_why(&self) -> Option<Why> {
        self.row_why.get(self.selected).copied()
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
}

#[cfg(test)]
mod tests;

/// Which of a view's rows an export writes (`View::export_rows`).
enum Exported {
    All,
    None,
    /// The rows whose why is an answer ([`answer`]).
    Answers,
}

/// Whether a search's row is an answer an export writes: matched as typed, and not only
/// in a clause that negates it.
fn answer(why: Why) -> bool {
    !why.loose() && !matches!(why, Why::Negated(_))
}
