//! The text boxes at work: each tab's search box (`/`), the jump box over every tab
//! (`Ctrl-P`) and the export prompt (`e`): typing, editing, accepting; and what happens
//! when the search engine answers.
//!
//! Typing never waits for the engine: a change of query only asks for a search (an
//! `Effect` the event loop hands to the worker). Answers arrive later as messages and
//! are kept only if they are for the query the box holds now; stale ones are dropped.

use std::sync::Arc;

use super::boxes::{AsTyped, Input, JumpBox};
use super::view::TextBox;
use super::{App, Effect, Focus, Overlay};
use crate::data::model::RecordKind;
use crate::explorer::action::{Action, Tab};
use crate::search::{Done, Index, Scope};

impl App {
    /// Types text into the open box (control characters are dropped: a box holds text).
    pub(super) fn type_text(&mut self, text: &str) -> bool {
        let clean: String = text.chars().filter(|c| !crate::sanitize::is_unsafe(*c)).collect();
        if clean.is_empty() {
            return false;
        }
        match &mut self.input {
            Some(Input::Search(tab)) => {
                let tab = *tab;
                self.view_mut(tab).query.insert(&clean);
                self.query_changed(tab);
            }
            Some(Input::Jump(jump)) => {
                jump.text.insert(&clean);
                self.jump_changed();
            }
            // The name cannot change while its file is being written: say so again.
            Some(Input::Export(_)) if self.exporting.is_some() => {
                self.while_exporting(Action::Cancel);
            }
            Some(Input::Export(path)) => path.insert(&clean),
            None => return false,
        }
        true
    }

    /// Opens this tab's search box, keeping the query it had (tabs of records, and the
    /// Sources tab).
    pub(super) fn open_search(&mut self) {
        let tab = self.tab;
        if tab.kind().is_none() && tab != Tab::Sources {
            self.status("/ searches the tabs of records and Sources", false);
            return;
        }
        self.focus = Focus::List;
        self.view_mut(tab).query.end();
        self.input = Some(Input::Search(tab));
    }

    /// Esc in the list: drops the search kept when its box was left with Enter, as Esc
    /// in the box does (the list shows every row again, its filters kept).
    pub(super) fn clear_kept_search(&mut self) {
        let tab = self.tab;
        if self.view(tab).query.text.is_empty() {
            return;
        }
        self.view_mut(tab).query.clear();
        self.query_changed(tab);
        self.status("search cleared", false);
    }

    /// Opens the jump box. From the search box, or from a list its search left empty,
    /// it starts with that search: the empty list's "Ctrl-P lists them" (the sources that
    /// hold the query) means that query. From a list that shows rows it starts empty, as
    /// it is then mostly a way elsewhere.
    pub(super) fn open_jump(&mut self) {
        let view = self.view(self.tab);
        let carry = matches!(self.input, Some(Input::Search(_))) || view.rows.is_empty();
        let carried = if carry {
            view.query.text.trim().to_owned()
        } else {
            String::new()
        };
        let mut jump = JumpBox::default();
        jump.text.insert(&carried);
        self.input = Some(Input::Jump(Box::new(jump)));
        self.overlay = Overlay::None;
        if !carried.is_empty() {
            self.jump_changed();
            let clear = self.key_name(crate::explorer::keymap::Context::Input, Action::DeleteToStart, "Ctrl-U");
            self.status(
                format!("the jump box starts with this tab's search: {clear} clears it"),
                false,
            );
        }
    }

    pub(super) fn act_input(&mut self, action: Action) {
        match self.input.clone() {
            Some(Input::Search(tab)) => self.act_search(tab, action),
            Some(Input::Jump(_)) => self.act_jump(action),
            Some(Input::Export(_)) => self.act_export(action),
            None => {}
        }
    }

    /// Edits a text box; returns whether the text changed.
    fn edit(text: &mut TextBox, action: Action) -> bool {
        let before = text.text.len();
        match action {
            Action::DeleteBack => text.delete_back(),
            Action::DeleteWord => text.delete_word(),
            Action::DeleteToStart => text.delete_to_start(),
            Action::CaretLeft => text.left(),
            Action::CaretRight => text.right(),
            Action::CaretHome => text.home(),
            Action::CaretEnd => text.end(),
            _ => return false,
        }
        text.text.len() != before
    }

    fn act_search(&mut self, tab: Tab, action: Action) {
        match action {
            Action::Accept => self.input = None,
            // Esc clears the box and stays in it, so letters typed next still go into the
            // query (leaving at once turned them into commands: `q` quit, `e` exported);
            // Esc on an empty box leaves it.
            Action::Cancel if self.view(tab).query.text.is_empty() => self.input = None,
            Action::Cancel => {
                self.view_mut(tab).query.clear();
                self.query_changed(tab);
            }
            Action::Up => self.view_mut(tab).move_by(-1),
            Action::Down => self.view_mut(tab).move_by(1),
            Action::Quit => self.quit = true,
            // From the box, the same query over every tab (the box keeps it here).
            Action::Jump => self.open_jump(),
            other => {
                if Self::edit(&mut self.view_mut(tab).query, other) {
                    self.query_changed(tab);
                }
            }
        }
    }

    fn act_jump(&mut self, action: Action) {
        let Some(Input::Jump(jump)) = &mut self.input else {
            return;
        };
        match action {
            Action::Accept => {
                let answered = jump.answered.as_deref() == Some(jump.text.text.as_str());
                // A row chosen by hand is gone to at once (a source as soon as it is
                // chosen: sources answer the text as it is); the best match only once the
                // answer is complete (the best so far may not be the best).
                let chosen = answered && jump.cursor > 0 || jump.picked && jump.current_source().is_some();
                let pending = !(jump.text.text.trim().is_empty() || chosen || answered && jump.complete);
                if pending {
                    jump.go = true;
                    self.status("searching… Enter goes to the best match once it is found", false);
                    return;
                }
                self.go_jump();
            }
            Action::Cancel => self.input = None,
            Action::Up => {
                jump.cursor = jump.cursor.saturating_sub(1);
                jump.picked = true;
            }
            Action::Down => {
                jump.cursor = (jump.cursor + 1).min(jump.rows().saturating_sub(1));
                jump.picked = true;
            }
            Action::Quit => self.quit = true,
            other => {
                if Self::edit(&mut jump.text, other) {
                    self.jump_changed();
                }
            }
        }
    }

    fn act_export(&mut self, action: Action) {
        if self.exporting.is_some() {
            self.while_exporting(action);
            return;
        }
        let Some(Input::Export(text)) = &mut self.input else {
            return;
        };
        match action {
            Action::Accept => {
                let typed = text.text.trim().to_owned();
                if typed.is_empty() {
                    self.status(
                        format!(
                            "no file name yet: type one ending in {}, or Esc",
                            crate::export::Format::EXTENSIONS
                        ),
                        true,
                    );
                    return;
                }
                let path = self.env.expand_home(&typed);
                let Some(format) = crate::export::Format::from_path(&path) else {
                    self.status(format!("end the name in {}", crate::export::Format::EXTENSIONS), true);
                    return;
                };
                let Some(tab) = self.export_tab() else {
                    self.input = None;
                    self.status("e exports a tab's rows: on this tab, use `shuibei export`", false);
                    return;
                };
                // After the tab: a tab with nothing to export asks nothing about the file.
                if !self.may_replace(&path, format) {
                    return;
                }
                // The prompt stays open until the export answers (`Msg::Exported`): a
                // failure leaves the name there to fix.
                self.export_name = Some((tab, typed));
                let (positions, left) = self.current_view().export_rows();
                let rows = crate::export::Rows { tab, positions };
                let count = rows.positions.len();
                // Which marks the rows left out carry, for the status to name only those.
                let negated = if left > 0 {
                    self.current_view().negated_rows.min(left)
                } else {
                    0
                };
                self.export_left = (left - negated, negated);
                let writing = format!(
                    "writing {} row{}… (Ctrl-C twice stops and writes nothing)",
                    crate::data::present::count(count),
                    if count == 1 { "" } else { "s" }
                );
                self.status(writing.clone(), false);
                self.exporting = Some(writing);
                self.effects.push(Effect::Export { rows, path });
            }
            Action::Cancel => {
                self.input = None;
                self.status("export cancelled", false);
            }
            Action::Quit => self.quit = true,
            other => {
                Self::edit(text, other);
            }
        }
    }

    /// Whether the export may go to `path`, saying why not on the status line: a file of
    /// the user's (not an export in this format) is never replaced from here (the
    /// command line's `--force` does that); an earlier export is replaced on a second
    /// Enter, with the tab it holds named when it is another's.
    fn may_replace(&mut self, path: &std::path::Path, format: crate::export::Format) -> bool {
        use crate::export::Existing;
        let again = self.export_overwrite.as_deref() == Some(path);
        let held = match crate::export::existing(path, format) {
            Existing::Nothing => return true,
            Existing::Other => {
                self.status(
                    format!(
                        "that file is not a shuibei {} export, and is kept: choose another name",
                        format.as_str()
                    ),
                    true,
                );
                return false;
            }
            _ if again => return true,
            Existing::Export(held) => held,
        };
        let text = match held {
            Some(tab) if Some(tab) != self.export_tab() => {
                format!(
                    "that file holds an export of {}: Enter again replaces it, or edit the name",
                    tab.title()
                )
            }
            _ => "that file holds an earlier export: Enter again replaces it, or edit the name".to_owned(),
        };
        self.status(text, true);
        self.export_overwrite = Some(path.to_owned());
        false
    }

    /// Keys while an export is written: the name cannot change under it, and it cannot
    /// be stopped halfway, so only quitting acts, and only when asked twice (the file
    /// is then not written).
    fn while_exporting(&mut self, action: Action) {
        if action == Action::Quit && self.quit_asked {
            self.quit = true;
        } else if action == Action::Quit {
            self.quit_asked = true;
            self.status("still writing: quit again to stop and write nothing", true);
        } else {
            self.quit_asked = false;
            let writing = self.exporting.clone().unwrap_or_default();
            self.status(writing, false);
        }
    }

    /// A tab's query changed: show everything for an empty one, else ask the engine (or,
    /// on the Sources tab, search the sources here: they are few).
    pub(super) fn query_changed(&mut self, tab: impl Into<Tab>) {
        let tab = tab.into();
        let db = Arc::clone(&self.db);
        let query = self.view(tab).query.text.clone();
        if query.trim().is_empty() {
            let view = self.view_mut(tab);
            view.search = super::view::SearchState::default();
            view.refresh(&db);
            return;
        }
        if let Some(kind) = tab.kind() {
            self.effects.push(Effect::Search {
                scope: Scope::One(kind),
                query,
            });
            return;
        }
        let shown = tab == self.tab;
        let view = self.view_mut(tab);
        let before = view.current_row();
        if view.search.query.is_none() {
            // A new search starts by relevance; editing the query keeps the order.
            view.relevance = true;
        }
        view.search = super::view::SearchState::of_sources(&db, &query);
        // A new query starts at its best match.
        view.rows.clear();
        view.refresh(&db);
        view.selected = 0;
        view.offset = 0;
        if shown && view.current_row() != before {
            self.detail = super::DetailCursor::default();
        }
    }

    /// Goes to the jump box's current match, or says there is none (the box then stays
    /// open: what is typed next still goes into the query, where closing it turned the
    /// letters into commands).
    fn go_jump(&mut self) {
        let Some(Input::Jump(jump)) = &mut self.input else {
            return;
        };
        jump.go = false;
        // Going to a row that is no answer (a sound-alike, a near spelling) says so: the
        // status would otherwise read as "found it".
        let not_typed = match (jump.hits.get(jump.cursor), jump.current_source()) {
            (Some(hit), _) if jump.typed != AsTyped::Yes || hit.why.loose() => Some(
                hit.why
                    .explain(&self.db, hit.rec)
                    .map_or_else(|| "not as typed".to_owned(), |why| format!("not as typed ({why})")),
            ),
            (None, Some(_)) => jump
                .sources_loose
                .get(jump.cursor - jump.hits.len())
                .copied()
                .flatten()
                .and_then(|why| why.loose_reason())
                .map(|why| format!("not as typed ({why})")),
            _ => None,
        };
        match (jump.current(), jump.current_source()) {
            (Some(rec), _) => {
                self.input = None;
                self.jump_from_box(rec);
            }
            (None, Some(source)) => {
                self.input = None;
                self.source_from_box(source);
            }
            (None, None) => self.status("nothing to jump to: change the query, or Esc", true),
        }
        if let (Some(note), Some(status)) = (not_typed, self.status.as_mut()) {
            // Kept to one line: a longer status wraps over the panes' bottom edges.
            let room = usize::from(self.size.0).saturating_sub(1);
            status.text = crate::explorer::layout::text::fit(&format!("{note} · {}", status.text), room);
        }
    }

    fn jump_changed(&mut self) {
        let Some(Input::Jump(jump)) = &mut self.input else {
            return;
        };
        jump.cursor = 0;
        jump.go = false;
        jump.picked = false;
        if jump.text.text.trim().is_empty() {
            **jump = JumpBox {
                text: jump.text.clone(),
                ..JumpBox::default()
            };
            return;
        }
        let query = jump.text.text.clone();
        // The sources at once (they are few); the records when the engine answers.
        let (sources, _) = crate::search::search_sources(&self.db, &query);
        jump.sources_matched = sources.len();
        jump.sources_not_typed = sources.iter().filter(|h| h.loose.is_some()).count();
        jump.sources = sources
            .iter()
            .take(super::boxes::JUMP_PER_KIND)
            .map(|h| h.index)
            .collect();
        jump.sources_loose = sources
            .iter()
            .take(super::boxes::JUMP_PER_KIND)
            .map(|h| h.loose)
            .collect();
        self.effects.push(Effect::Search {
            scope: Scope::All,
            query,
        });
    }

    /// Whether a tab's box holds a query whose answer it does not show yet.
    #[must_use]
    pub fn searching(&self, kind: RecordKind) -> bool {
        let view = self.view(kind);
        let wanted = view.query.text.trim();
        !wanted.is_empty() && (view.search.query.as_deref() != Some(view.query.text.as_str()) || !view.search.complete)
    }

    /// The engine answered. Results for a query the box no longer holds are dropped.
    pub(super) fn search_done(&mut self, done: Done) -> bool {
        match done.scope {
            Scope::All => {
                // An id pasted whole (from `shuibei search` or an export) names its record.
                let by_id = self.db.record(done.query.trim());
                let Some(Input::Jump(jump)) = &mut self.input else {
                    return false;
                };
                if jump.text.text != done.query {
                    return false;
                }
                jump.take(done, by_id);
                if jump.go && jump.complete {
                    self.go_jump();
                }
                true
            }
            Scope::One(kind) => {
                let db = Arc::clone(&self.db);
                let view = self.view_mut(kind);
                if view.query.text != done.query {
                    return false;
                }
                let new_query = view.search.query.as_deref() != Some(done.query.as_str());
                // The same query run again on a new reading of the dataset: its earlier
                // matches stay, with the record chosen, until the whole answer is in.
                let hold = if new_query { None } else { view.hold };
                if hold.is_some() && !done.complete {
                    return false;
                }
                view.hold = None;
                let (before, place) = (view.current_row(), view.selected);
                // More of the same query's results (the best so far, then all): a reader at
                // the top stays on the best match, which may be another record now; one who
                // moved down keeps the record chosen.
                let at_top = hold.is_none() && view.selected == 0;
                if view.search.query.is_none() {
                    // A new search starts by relevance; editing the query keeps the order.
                    view.relevance = true;
                }
                view.search.query = Some(done.query);
                view.search.hits = done.outcome.hits.into();
                view.search.matched = done.outcome.matched;
                view.search.searched = done.outcome.searched;
                view.search.complete = done.complete;
                view.search.notice = done.outcome.notice;
                view.search.tolerant = done.outcome.tolerant;
                view.search.shortened = done.outcome.shortened;
                view.search.nothing = done.nothing;
                if new_query {
                    // A new query starts at its best match.
                    view.selected = 0;
                    view.offset = 0;
                    view.rows.clear();
                }
                view.refresh(&db);
                if at_top {
                    view.selected = 0;
                    view.offset = 0;
                }
                let mut unmatched = None;
                if let Some(row) = hold
                    && !view.select_row(row)
                {
                    // No longer a match: the selection stays at its place in the list.
                    view.selected = place.min(view.rows.len().saturating_sub(1));
                    unmatched = Some(crate::data::db::Rec::new(kind, row as usize));
                }
                // The detail keeps its scroll and link while it shows the same record.
                let moved = view.current_row() != before;
                if Tab::of(kind) == self.tab && moved {
                    self.detail = super::DetailCursor::default();
                }
                if let Some(rec) = unmatched
                    && Tab::of(kind) == self.tab
                {
                    let name = crate::data::present::label(&db, rec);
                    self.status(format!("{name} no longer matches the search, as read again"), false);
                }
                true
            }
        }
    }

    /// The index is built: searching can start, and queries typed meanwhile are asked for.
    pub(super) fn index_ready(&mut self, index: Arc<Index>) -> bool {
        self.index = Some(index);
        // The worker serves the newest request only: ask for what is on screen. Other
        // tabs ask again when they are shown.
        if let Some(Input::Jump(_)) = &self.input {
            self.jump_changed();
        } else if let Some(kind) = self.tab.kind()
            && self.searching(kind)
        {
            self.query_changed(kind);
        }
        true
    }
}
