//! Moving between records: jumps along links (and from the jump box) with a back stack
//! like a browser's, and the mouse (tabs, rows, scrolling), hit-tested against the same
//! layout the renderer draws.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, DetailCursor, Focus, Location, Overlay, view};
use crate::data::db::Rec;
use crate::data::present;
use crate::explorer::action::Mouse;

impl App {
    pub(super) fn here(&self) -> Location {
        Location {
            tab: self.tab,
            rec: self.selected(),
            focus: self.focus,
            kept: Vec::new(),
        }
    }

    /// Shows a record in its tab, remembering where we were: Back restores this tab and
    /// the target's exactly (a query the jump clears comes back).
    pub fn jump(&mut self, target: Rec) {
        let mut from = self.here();
        from.kept.push((self.tab, self.current_view().keep()));
        if target.kind != self.tab {
            from.kept.push((target.kind, self.view(target.kind).keep()));
        }
        self.back.push(from);
        self.reveal(target);
        self.focus = Focus::List;
        let label = present::label(&self.db, target);
        // The way back first: a long label is cut at the screen's edge, the advice is not.
        let back = self
            .keymap
            .bindings(crate::explorer::keymap::Context::List, self.tab)
            .find(|b| b.action == crate::explorer::action::Action::Back)
            .map_or_else(|| "Backspace".to_owned(), |b| b.keys[0].name());
        self.status(format!("{back} goes back · → {label}"), false);
    }

    /// Selects a record in its tab, clearing that tab's filters if they hide it.
    pub(super) fn reveal(&mut self, target: Rec) {
        let db = Arc::clone(&self.db);
        self.tab = target.kind;
        self.detail = DetailCursor::default();
        let view = self.view_mut(target.kind);
        if !view.select(target) {
            view.facets.clear();
            view.query.clear();
            view.search = view::SearchState::default();
            view.refresh(&db);
            view.select(target);
            self.status("filters cleared to show the record", false);
        }
    }

    pub(super) fn back(&mut self) {
        let Some(location) = self.back.pop() else {
            self.status("nothing to go back to", false);
            return;
        };
        let db = Arc::clone(&self.db);
        let restored = !location.kept.is_empty();
        for (kind, kept) in location.kept {
            self.view_mut(kind).restore(kept, &db);
        }
        self.tab = location.tab;
        self.detail = DetailCursor::default();
        if let Some(rec) = location.rec.filter(|_| !restored) {
            self.reveal(rec);
        }
        self.focus = location.focus;
        // A search still running when we left is asked for again.
        if self.searching(self.tab) {
            self.query_changed(self.tab);
        }
    }

    pub(super) fn mouse(&mut self, mouse: Mouse) -> bool {
        let Some(regions) = self.regions() else { return false };
        if self.overlay != Overlay::None {
            // A click anywhere closes an overlay; the wheel scrolls help.
            return match (mouse, &mut self.overlay) {
                (Mouse::ScrollDown { .. }, Overlay::Help { scroll }) => {
                    *scroll += 3;
                    true
                }
                (Mouse::ScrollUp { .. }, Overlay::Help { scroll }) => {
                    *scroll = scroll.saturating_sub(3);
                    true
                }
                (Mouse::Click { .. }, _) => {
                    self.overlay = Overlay::None;
                    true
                }
                _ => false,
            };
        }
        let inside = |r: Rect, column: u16, row: u16| r.contains(ratatui::layout::Position::new(column, row));
        self.status = None;
        match mouse {
            Mouse::Click { column, row } => {
                if let Some((kind, _)) = regions.tabs.iter().find(|(_, r)| inside(*r, column, row)) {
                    self.switch_tab(*kind);
                } else if inside(regions.rows, column, row) {
                    let view = self.view_mut(self.tab);
                    let target = view.offset + usize::from(row - regions.rows.y);
                    if target < view.rows.len() {
                        view.selected = target;
                        self.focus = Focus::List;
                        self.detail = DetailCursor::default();
                    }
                } else if inside(regions.detail, column, row) && self.selected().is_some() {
                    self.focus = Focus::Detail;
                } else {
                    return false;
                }
            }
            Mouse::ScrollUp { column, row } | Mouse::ScrollDown { column, row } => {
                let up = matches!(mouse, Mouse::ScrollUp { .. });
                if inside(regions.detail, column, row) {
                    self.scroll_detail(if up { -3 } else { 3 });
                } else if inside(regions.list, column, row) {
                    self.move_selection(if up { -3 } else { 3 });
                } else {
                    return false;
                }
            }
        }
        self.keep_visible();
        self.clamp_detail_scroll();
        true
    }
}
