//! Carrying what a person set up across a new reading of the dataset (the file changed
//! on disk and was read again): the tab, search boxes, sorts, filters, the selected
//! record and the open detail stay as they were, matched by record id, since the new
//! reading numbers its records afresh.

use std::sync::Arc;

use super::view::{SearchState, TabView};
use super::{App, Focus, Input, Overlay};
use crate::data::db::Db;
use crate::explorer::action::Tab;
use crate::search::{Hit, Why};

impl App {
    /// This explorer on a new reading of its dataset: the same tab, search boxes (and
    /// an open one), sorts, filters, groups, selected records and scroll. A selected
    /// record that is gone leaves its tab's selection where it was, and its detail
    /// closed. Searches start again on the new reading; until they answer, a tab shows
    /// its earlier matches that are still there, marked as searching.
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
        // The detail stays open on the record it showed, when that record is still there.
        let same = |app: &App| {
            let old = self.selected().map(|rec| self.db.id(rec));
            old.is_some() && app.selected().map(|rec| db.id(rec)) == old
        };
        if self.focus == Focus::Detail && same(&app) {
            app.focus = Focus::Detail;
            app.detail = self.detail;
        }
        // Help reads nothing of the data; a picker or a comparison read the old reading's
        // values, and close.
        if let Overlay::Help { .. } = self.overlay {
            app.overlay = self.overlay.clone();
        }
        app.keep_visible();
        app
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
            let hits: Vec<Hit> = old
                .search
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
            self.search = SearchState {
                query: old.search.query.clone(),
                matched: hits.len(),
                searched: 0,
                hits: hits.into(),
                complete: false,
                notice: None,
                tolerant: false,
                unheld: Vec::new(),
            };
        }
        let selected = old.current_row().and_then(|row| self.row_in(row, was, now));
        self.refresh(now);
        if let Some(row) = selected {
            self.select_row(row);
        } else {
            self.selected = old.selected.min(self.rows.len().saturating_sub(1));
        }
        self.offset = old.offset;
    }

    /// A row of the reading `was` (a record, or a source on the Sources tab) in the
    /// reading `now`, by its id.
    fn row_in(&self, row: u32, was: &Db, now: &Db) -> Option<u32> {
        let index = if self.tab == Tab::Sources {
            now.source_index(&was.sources().get(row as usize)?.id)?
        } else {
            let kind = self.kind()?;
            let rec = now.record(was.id(crate::data::db::Rec::new(kind, row as usize)))?;
            if rec.kind != kind {
                return None;
            }
            rec.idx()
        };
        u32::try_from(index).ok()
    }
}
