//! Applying a key's action, by where the keyboard is: the help, the filter picker and
//! the main screen (the lists and the detail); and what the actions share: copying to the
//! clipboard, saying the order, moving the selection and switching tabs.

use std::sync::Arc;

use super::facets::{self, Picker};
use super::{App, DetailCursor, Effect, Focus, Input, Link, Overlay, Panes, view};
use crate::data::present;
use crate::explorer::action::{Action, Tab};
use crate::explorer::keymap::Context;
use crate::explorer::layout;

/// How far Page Up and Page Down move the filter picker's cursor: about a screenful of it.
const PICKER_PAGE: usize = 10;

impl App {
    pub(super) fn act(&mut self, action: Action) {
        match self.context() {
            Context::Input => self.act_input(action),
            Context::Help => self.act_help(action),
            Context::Picker => self.act_picker(action),
            Context::Compare => self.act_compare(action),
            _ => self.act_main(action),
        }
    }

    /// Copies text to the clipboard through the terminal (OSC 52), which works over SSH
    /// and inside tmux or screen; says how much was copied, or why not.
    fn copy(&mut self, payload: &str) {
        match crate::explorer::clipboard::osc52(payload.as_bytes(), &self.env) {
            Ok(bytes) => {
                self.effects.push(Effect::Write(bytes));
                let tmux = if self.tmux_clipboard_on {
                    None
                } else {
                    crate::explorer::clipboard::tmux_setting(&self.env)
                };
                self.tmux_clipboard_on |= tmux.as_deref() == Some("on");
                let unasked = crate::explorer::clipboard::unasked_mux(&self.env);
                let status = crate::explorer::clipboard::sent(payload.len(), tmux.as_deref(), unasked);
                self.status(status, false);
            }
            Err(too_large) => self.status(too_large.to_string(), true),
        }
    }

    fn act_help(&mut self, action: Action) {
        let max = layout::help::max_scroll(&self.keymap, self.tab, self.size);
        let page = layout::help::page(self.size);
        let Overlay::Help { scroll } = &mut self.overlay else {
            return;
        };
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = (*scroll + 1).min(max),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::PageDown => *scroll = (*scroll + page).min(max),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = max,
            Action::Quit => self.quit = true,
            _ => self.overlay = Overlay::None,
        }
    }

    fn act_picker(&mut self, action: Action) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        let tab = picker.tab;
        match action {
            Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
            Action::Down => picker.cursor = (picker.cursor + 1).min(picker.entries.len().saturating_sub(1)),
            Action::PageUp => picker.cursor = picker.cursor.saturating_sub(PICKER_PAGE),
            Action::PageDown => {
                picker.cursor = (picker.cursor + PICKER_PAGE).min(picker.entries.len().saturating_sub(1));
            }
            Action::Top => picker.cursor = 0,
            Action::Bottom => picker.cursor = picker.entries.len().saturating_sub(1),
            Action::NextFacet | Action::PrevFacet => picker.cursor = picker.facet_start(action == Action::NextFacet),
            Action::ToggleFacet => {
                if let Some(entry) = picker.entries.get(picker.cursor).cloned() {
                    self.view_mut(tab).facets.toggle(entry.facet, &entry.value);
                    self.refilter(tab, Some((entry.facet, entry.value)));
                }
            }
            Action::ClearFacets => {
                self.view_mut(tab).facets.clear();
                self.refilter(tab, None);
            }
            Action::Quit => self.quit = true,
            _ => {
                self.overlay = Overlay::None;
                // The list's title may have to cut a long choice: the status line has the
                // whole width for it.
                let view = self.view(tab);
                if !view.facets.is_empty() {
                    let said = format!(
                        "filtered: {} · {} rows",
                        view.facets_named,
                        present::count(view.rows.len())
                    );
                    self.status(said, false);
                }
            }
        }
    }

    /// The facets of a tab changed: its rows follow, and the open picker counts again
    /// (each count depends on the other choices), its cursor staying on `keep`.
    pub(super) fn refilter(&mut self, tab: Tab, keep: Option<(facets::Facet, String)>) {
        let db = Arc::clone(&self.db);
        let view = self.view_mut(tab);
        let before = view.current_row();
        view.refresh(&db);
        let moved = view.current_row() != before;
        let mut picker = Picker::open(&db, tab, &view.facets, &view.candidates(&db));
        if let Overlay::Picker(old) = &self.overlay {
            picker.keep_order(old);
            picker.cursor = keep
                .and_then(|(facet, value)| picker.entries.iter().position(|e| e.facet == facet && e.value == value))
                .unwrap_or(old.cursor)
                .min(picker.entries.len().saturating_sub(1));
        }
        self.overlay = Overlay::Picker(picker);
        // The detail keeps its scroll while it shows the same record.
        if moved {
            self.detail = DetailCursor::default();
        }
    }

    fn page(&self) -> isize {
        isize::try_from(self.list_height()).unwrap_or(1).max(1)
    }

    #[allow(clippy::too_many_lines)] // one match over every action reads best in one place
    fn act_main(&mut self, action: Action) {
        let db = Arc::clone(&self.db);
        let page = self.page();
        let in_detail = self.focus == Focus::Detail;
        match action {
            Action::Quit => self.quit = true,
            Action::Redraw => self.effects.push(Effect::RedrawAll),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::NextTab | Action::PrevTab => {
                let n = Tab::ALL.len();
                let i = self.tab.number();
                let next = if action == Action::NextTab {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.switch_tab(Tab::ALL[next]);
            }
            Action::GoTab(tab) => self.switch_tab(tab),
            _ if self.tab == Tab::Overview => self.act_overview(action),
            Action::Down if in_detail => {
                let links = self.links().len();
                let state = self.detail_scroll();
                let link_below = state.is_some_and(|s| s.link_line.is_some_and(|line| line >= s.top + s.height));
                if self.detail.scroll.is_some() && link_below {
                    // Opened at its top with the first link further down: read on to it.
                    self.scroll_detail(1);
                } else if self.detail.link + 1 < links {
                    self.detail.link += 1;
                    self.detail.scroll = None;
                } else {
                    // Past the last link the text goes on (sources, quotes): scroll to it.
                    self.scroll_detail(1);
                }
            }
            Action::Up if in_detail => {
                let state = self.detail_scroll();
                let link_above = state.is_some_and(|s| s.link_line.is_none_or(|line| line < s.top));
                // Above the first link the text goes on (the name, the facts): scroll to it.
                if self.detail.scroll.is_some() && link_above || self.links().is_empty() || self.detail.link == 0 {
                    self.scroll_detail(-1);
                } else {
                    self.detail.link = self.detail.link.saturating_sub(1);
                    self.detail.scroll = None;
                }
            }
            Action::HalfPageUp | Action::HalfPageDown | Action::PageUp | Action::PageDown if in_detail => {
                // A page of the detail, not of the list: the list may be hidden (a
                // full-screen detail), when its page was one line (a trial).
                let page = self
                    .detail_scroll()
                    .map_or(page, |s| isize::try_from(s.height).unwrap_or(page).max(1));
                let step = if matches!(action, Action::HalfPageUp | Action::HalfPageDown) {
                    page / 2
                } else {
                    page
                };
                let up = matches!(action, Action::HalfPageUp | Action::PageUp);
                self.scroll_detail(if up { -step.max(1) } else { step.max(1) });
            }
            Action::Top if in_detail => {
                self.detail.link = 0;
                self.detail.scroll = Some(0);
            }
            Action::Bottom if in_detail => {
                self.detail.link = self.links().len().saturating_sub(1);
                let max = self.detail_scroll().map_or(0, |s| s.max);
                self.detail.scroll = Some(max);
            }
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::HalfPageUp => self.move_selection(-(page / 2).max(1)),
            Action::HalfPageDown => self.move_selection((page / 2).max(1)),
            Action::PageUp => self.move_selection(-page),
            Action::PageDown => self.move_selection(page),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Open | Action::CopyName | Action::CopyRecord if self.current_view().current_row().is_none() => {
                self.status("the list is empty: nothing to open or copy", false);
            }
            Action::Open => {
                self.detail = DetailCursor::default();
                self.focus_detail();
                if self.links().is_empty() {
                    self.status(
                        "this record links to nothing; ↑↓ scroll, Esc returns to the list",
                        false,
                    );
                }
            }
            Action::Close => self.focus = Focus::List,
            Action::Follow => match self.links().get(self.detail.link) {
                // A link off screen is shown first: Enter follows only what the user sees.
                Some(_) if self.detail_scroll().is_some_and(|s| !s.link_shown()) => {
                    self.detail.scroll = None;
                    let key = self.key_name(Context::Detail, Action::Follow, "Enter");
                    self.status(format!("{key} again follows the marked link"), false);
                }
                Some(target) => {
                    let target = *target;
                    self.follow_overview(target);
                    // Walking links from a detail goes on in the detail of the record
                    // or source reached (↓ and PgDn read it, Backspace comes back), as
                    // Enter on a list row opens it (a trial's j after a source link
                    // moved the Sources list off the source it had opened).
                    if matches!(target, Link::Record(_) | Link::Source(_)) {
                        self.detail = DetailCursor::default();
                        self.focus_detail();
                    }
                }
                None => self.status("no link here", false),
            },
            Action::Back => self.back(),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Reverse if self.tab == Tab::History => {
                self.view_mut(Tab::History).flip(&db);
                self.say_order(Action::Reverse);
            }
            Action::SortNext => {
                self.view_mut(self.tab).sort_next(&db);
                self.say_order(Action::SortNext);
            }
            Action::SortFlip => {
                self.view_mut(self.tab).flip(&db);
                self.say_order(Action::SortNext);
            }
            Action::Filters => {
                let view = self.current_view();
                let picker = Picker::open(&db, self.tab, &view.facets, &view.candidates(&db));
                self.overlay = Overlay::Picker(picker);
            }
            Action::Compare if self.tab == Tab::Indicators => match self.selected() {
                Some(rec) => self.open_compare_for(rec.idx()),
                None => self.status("no figure selected to compare", false),
            },
            Action::Group if self.tab == Tab::Brands => {
                let view = self.view_mut(Tab::Brands);
                view.grouped = !view.grouped;
                view.refresh(&db);
            }
            Action::Dismiss => self.overlay = Overlay::None,
            Action::ClearSearch => self.clear_kept_search(),
            Action::CopyName => {
                let name = match (self.selected(), self.current_view().current_row()) {
                    (Some(rec), _) => Some(present::label(&db, rec)),
                    (None, Some(source)) if self.tab == Tab::Sources => {
                        Some(db.sources()[source as usize].title.to_string())
                    }
                    _ => None,
                };
                if let Some(name) = name {
                    let name = crate::sanitize::line(&name).into_owned();
                    self.copy(&name);
                }
            }
            Action::CopyRecord => {
                let value = match (self.selected(), self.current_view().current_row()) {
                    (Some(rec), _) => Some(db.to_json_with_sources(rec)),
                    (None, Some(source)) if self.tab == Tab::Sources => Some(self.source_json(source as usize)),
                    _ => None,
                };
                if let Some(value) = value {
                    let json = serde_json::to_string_pretty(&value).unwrap_or_default();
                    let safe = crate::sanitize::json(&json).into_owned();
                    self.copy(&safe);
                }
            }
            Action::Export if self.export_tab().is_none() => {
                self.status("e exports a tab's rows: on this tab, use `shuibei export`", false);
            }
            Action::CopyCitation => match (self.selected(), self.current_view().current_row()) {
                (Some(rec), _) => match crate::data::citations::citation(&db, rec) {
                    Some(text) => self.copy(&crate::sanitize::text(&text)),
                    None => self.status("no source cited: no citation to copy", true),
                },
                // On the Sources tab, the selected source's own reference.
                (None, Some(source)) if self.tab == Tab::Sources => {
                    if let Some(source) = db.sources().get(source as usize) {
                        let text = crate::data::citations::reference(source);
                        self.copy(&crate::sanitize::text(&text));
                    }
                }
                _ => {}
            },
            Action::Export if self.current_view().rows.is_empty() => {
                self.status(
                    "no rows to export (the search or filter matches none): no file written",
                    true,
                );
            }
            // Rows, but none an answer: near spellings, or mentions in a negating clause.
            Action::Export if self.current_view().export_counts().0 == 0 => {
                self.status(
                    "no row matches the search as typed (near spellings, or only in a clause that negates it): no file written",
                    true,
                );
            }
            // The rows are in the order they had before the sort was asked for: an export
            // now would write that order under a title that soon says otherwise.
            Action::Export if self.current_view().sorting.is_some() => {
                let order = self.current_view().order_label();
                self.status(format!("{order}: export once it is sorted"), true);
            }
            Action::Export => {
                // (The arms above answer a tab with no rows to export, or one still sorting.)
                if let Some(tab) = self.export_tab() {
                    let mut name = view::TextBox::default();
                    let last = self.export_name.as_ref().map(|(tab, name)| (*tab, name.as_str()));
                    name.insert(&crate::export::suggested_name(tab, last));
                    self.export_overwrite = None;
                    self.input = Some(Input::Export(name));
                }
            }
            Action::Search => self.open_search(),
            Action::Jump => self.open_jump(),
            Action::Zoom => {
                // The pane in use: the list, or the detail (each its own zoom).
                let wide = if self.focus == Focus::Detail {
                    Panes::WideDetail
                } else {
                    Panes::WideList
                };
                self.panes = if self.panes == wide { Panes::Split } else { wide };
                let key = self.key_name(Context::List, Action::Zoom, "z");
                let zoomed = if self.focus == Focus::Detail { "detail" } else { "list" };
                let beside = if self.focus == Focus::Detail { "list" } else { "detail" };
                self.status(
                    if self.panes == wide {
                        format!("the {zoomed} has the whole screen; {key} again brings the {beside} back")
                    } else {
                        // Beside the list or below it, as the screen's width has it.
                        format!("the {beside} is back ({key} gives the {zoomed} the whole screen)")
                    },
                    false,
                );
                self.keep_visible();
            }
            _ => {}
        }
    }

    /// On a searched list, says which order the matches show in and how to get back
    /// to relevance (`key_action`'s first key cycles the columns, relevance after the last).
    pub(super) fn say_order(&mut self, key_action: Action) {
        let view = self.current_view();
        if !view.search.active() {
            return;
        }
        let text = if view.by_relevance() {
            "matches by relevance".to_owned()
        } else if self.tab == Tab::History && key_action == Action::Reverse {
            // The timeline has one order and its reverse: the key steps oldest first,
            // newest first, relevance (`View::flip`).
            let key = self.key_name(Context::List, key_action, "r");
            let next = if view.sort.descending {
                "relevance"
            } else {
                "newest first"
            };
            format!("matches {}; {key} again for {next}", view.order_label())
        } else {
            let key = self.key_name(Context::List, key_action, "s");
            format!(
                "matches {}; {key} again for the next column, relevance after the last",
                view.order_label()
            )
        };
        self.status(text, false);
    }

    /// The export tab this tab's rows are (none for the Overview).
    pub(super) fn export_tab(&self) -> Option<crate::export::Tab> {
        match self.tab {
            Tab::Sources => Some(crate::export::Tab::Sources),
            tab => tab.kind().map(crate::export::Tab::Records),
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        self.view_mut(self.tab).move_by(delta);
        self.detail = DetailCursor::default();
    }

    pub(super) fn switch_tab(&mut self, tab: Tab) {
        if self.tab != tab {
            self.tab = tab;
            self.focus = Focus::List;
            self.detail = DetailCursor::default();
            // A query answered while another tab was searching is asked for again.
            if let Some(kind) = tab.kind()
                && self.searching(kind)
            {
                self.query_changed(kind);
            }
        }
    }
}
