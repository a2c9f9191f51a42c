//! Carrying what a person set up across a new reading of the dataset (the file changed
//! on disk and was read again): the tab, search boxes, sorts, filters, the selected
//! record, the open detail, the filter picker and the way Back stay as they were,
//! matched by record id, since the new reading numbers its records afresh.

use std::sync::Arc;

use super::view::{SearchState, TabView};
use super::{App, Focus, Input, Location, Overlay};
use crate::data::db::Db;
use crate::explorer::action::Tab;
use crate::search::{Hit, Why};

impl App {
    /// This explorer on a new reading of its dataset: the same tab, search boxes (and
    /// an open one), sorts, filters, groups, selected records, scroll, focus, filter
    /// picker and way Back. A selected record that is gone, or filtered out, leaves its
    /// tab's selection at its place ([`App::lost`] says which). Searches start again on
    /// the new reading; until they answer, a tab shows its earlier matches that are
    /// still there, marked as searching.
    #[must_use]
    pub fn reopened(&self, db: &Arc<Db>) -> App {
        let mut app = App::new(Arc::clone(db), self.keymap.clone(), self.size);
        app.env = self.env.clone();
        app.tmux_clipboard_on = self.tmux_clipboard_on;
        for (new, old) in app.views.iter_mut().zip(&self.views) {
            new.carry(old, &self.db, db);
        }
        if let Some(Input::Search(kind)) = self.input {
            app.input = Some(Input::Search(kind));
        }
        app.tab = self.tab;
        app.overview = self.overview;
        app.summary = self.summary;
        app.back = self.back.iter().map(|at| carried_location(at, &self.db, db)).collect();
        // The keyboard stays in the pane it was in (Esc in the list would clear a search
        // the reader meant to keep); the detail keeps its scroll while it shows the same
        // record.
        let old = self.selected().map(|rec| self.db.id(rec));
        if old.is_some() && app.selected().map(|rec| db.id(rec)) == old {
            app.detail = self.detail;
        }
        if self.focus == Focus::Detail && app.selected().is_some() {
            app.focus = Focus::Detail;
        }
        // Help reads nothing of the data; a filter picker counts again on the new reading,
        // its cursor on the same value; a comparison reads questions counted on the
        // reading before, and closes.
        match &self.overlay {
            Overlay::Help { .. } => app.overlay = self.overlay.clone(),
            Overlay::Picker(old) => {
                // Counted again as a filter change counts it, on the same value.
                let on = old.entries.get(old.cursor).map(|e| (e.facet, e.value.clone()));
                app.overlay = self.overlay.clone();
                app.refilter(old.tab, on);
            }
            Overlay::None | Overlay::Compare(_) => {}
        }
        app.keep_visible();
        app
    }

    /// What became of the record selected here when `new` (this explorer on a new
    /// reading) does not show it: gone from the file, or no longer through the filters.
    #[must_use]
    pub fn lost(&self, new: &App) -> Option<String> {
        let rec = self.selected()?;
        let id = self.db.id(rec);
        if new.selected().is_some_and(|rec| new.db.id(rec) == id) {
            return None;
        }
        let name = crate::data::present::label(&self.db, rec);
        Some(if new.db.record(id).is_none() {
            format!("{name} is no longer in the file")
        } else {
            format!("{name} no longer passes the filters")
        })
    }
}

impl TabView {
    /// Takes over `old`'s settings (of the reading `was`) on the reading `now`.
    pub(super) fn carry(&mut self, old: &TabView, was: &Db, now: &Db) {
        self.query = old.query.clone();
        self.sort = old.sort;
        self.facets = old.facets.clone();
        self.grouped = old.grouped;
        self.relevance = old.relevance;
        if old.search.active() {
            self.search = carried_search(self.tab, &old.search, was, now);
        }
        let selected = old.current_row().and_then(|row| row_in(self.tab, row, was, now));
        self.refresh(now);
        if !selected.is_some_and(|row| self.select_row(row)) {
            // Gone, or filtered out: the selection stays at its place in the list.
            self.selected = old.selected.min(self.rows.len().saturating_sub(1));
        }
        self.offset = old.offset;
        // The search runs again on this reading: its first answers may not hold the
        // record chosen, and must not move the selection.
        self.hold = if self.search.active() { self.current_row() } else { None };
    }
}

/// A search's matches on the reading `was`, for the records still in the reading `now`,
/// marked as not complete: the search runs again there. The Sources tab's search runs
/// again at once.
fn carried_search(tab: Tab, search: &SearchState, was: &Db, now: &Db) -> SearchState {
    if tab.kind().is_none() {
        return SearchState::of_sources(now, search.query.as_deref().unwrap_or(""));
    }
    let hits: Vec<Hit> = search
        .hits
        .iter()
        .filter_map(|hit| {
            let rec = now.record(was.id(hit.rec)).filter(|rec| rec.kind == hit.rec.kind)?;
            // Where it matched is the search's to say again: the text may differ.
            Some(Hit {
                rec,
                score: hit.score,
                why: Why::Everything,
            })
        })
        .collect();
    SearchState {
        query: search.query.clone(),
        matched: hits.len(),
        searched: 0,
        hits: hits.into(),
        complete: false,
        notice: None,
        tolerant: false,
        shortened: false,
        nothing: crate::search::WhyNothing::default(),
        sources: Arc::from([]),
        sources_loose: Arc::from([]),
    }
}

/// A place Back returns to, on the reading `now`: its records found by id (one that is
/// gone is no longer selected), its searches to run again, a comparison dropped (its
/// question is counted on the reading before).
fn carried_location(at: &Location, was: &Db, now: &Db) -> Location {
    let row = at.row.and_then(|row| row_in(at.tab, row, was, now));
    let mut gone = at.gone || (at.row.is_some() && row.is_none());
    let kept = at
        .kept
        .iter()
        .map(|(tab, kept)| {
            let mut kept = kept.clone();
            if kept.search.active() {
                kept.search = carried_search(*tab, &kept.search, was, now);
            }
            let selected = kept.selected.and_then(|row| row_in(*tab, row, was, now));
            gone |= *tab == at.tab && kept.selected.is_some() && selected.is_none();
            kept.selected = selected;
            (*tab, kept)
        })
        .collect();
    Location {
        tab: at.tab,
        row,
        focus: at.focus,
        kept,
        compare: None,
        gone,
        detail: at.detail,
    }
}

/// A row of `tab` on the reading `was` (a record, or a source on the Sources tab) in
/// the reading `now`, by its id.
fn row_in(tab: Tab, row: u32, was: &Db, now: &Db) -> Option<u32> {
    let index = if tab == Tab::Sources {
        now.source_index(&was.sources().get(row as usize)?.id)?
    } else {
        let kind = tab.kind()?;
        let rec = now.record(was.id(crate::data::db::Rec::new(kind, row as usize)))?;
        if rec.kind != kind {
            return None;
        }
        rec.idx()
    };
    u32::try_from(index).ok()
}
