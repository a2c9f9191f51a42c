//! Moving between records: jumps along links (and from the jump box and the Overview)
//! with a back stack like a browser's, and the mouse (tabs, rows, the Overview's links,
//! scrolling), hit-tested against the same layout the renderer draws.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, DetailCursor, Focus, Location, Overlay, view};
use crate::data::db::Rec;
use crate::data::present;
use crate::explorer::action::{Mouse, Tab};

impl App {
    pub(super) fn here(&self) -> Location {
        Location {
            tab: self.tab,
            row: self.current_view().current_row(),
            focus: self.focus,
            kept: Vec::new(),
            compare: match &self.overlay {
                Overlay::Compare(c) => Some(*c),
                _ => None,
            },
            gone: false,
            detail: self.detail,
        }
    }

    /// Shows a record in its tab, remembering where we were: Back restores this tab and
    /// the target's exactly (a query the jump clears comes back).
    pub fn jump(&mut self, target: Rec) {
        self.jump_as(target, false);
    }

    /// [`App::jump`] from the jump box (Ctrl-P): the target's tab drops its own search
    /// first, so it does not stand beside what was typed in the box. A trial searched
    /// Brands for `zhoudafu`, then jumped to 周大福 from another tab: the tab came back
    /// with `/ zhoudafu` in its box and the detail's "why: pinyin" answered that old
    /// query, not the Chinese just typed. Back brings the search back.
    pub(super) fn jump_from_box(&mut self, target: Rec) {
        self.jump_as(target, true);
    }

    /// [`App::jump`], dropping the target tab's search first when `fresh`.
    fn jump_as(&mut self, target: Rec, fresh: bool) {
        let mut from = self.here();
        from.kept.push((self.tab, self.current_view().keep()));
        if Tab::from(target.kind) != self.tab {
            from.kept.push((target.kind.into(), self.view(target.kind).keep()));
        }
        self.back.push(from);
        let dropped = fresh && self.drop_search(Tab::from(target.kind));
        let cleared = self.reveal(target);
        self.focus_after_jump();
        let label = present::label(&self.db, target);
        self.went_to(&label, cleared_note(cleared, dropped));
    }

    /// Shows a source in the Sources tab, remembering where we were, as [`App::jump`]
    /// does for a record.
    pub fn jump_to_source(&mut self, source: u32) {
        self.jump_to_source_as(source, false);
    }

    /// [`App::jump_to_source`] from the jump box, as [`App::jump_from_box`].
    pub(super) fn source_from_box(&mut self, source: u32) {
        self.jump_to_source_as(source, true);
    }

    fn jump_to_source_as(&mut self, source: u32, fresh: bool) {
        let mut from = self.here();
        from.kept.push((self.tab, self.current_view().keep()));
        if self.tab != Tab::Sources {
            from.kept.push((Tab::Sources, self.view(Tab::Sources).keep()));
        }
        self.back.push(from);
        let dropped = fresh && self.drop_search(Tab::Sources);
        let cleared = self.reveal_row(Tab::Sources, source);
        self.focus_after_jump();
        let title = self.db.sources()[source as usize].title.clone();
        self.went_to(&title, cleared_note(cleared, dropped));
    }

    /// Empties a tab's search box and shows its rows as its filters leave them; true
    /// when it held a query.
    fn drop_search(&mut self, tab: Tab) -> bool {
        let db = Arc::clone(&self.db);
        let view = self.view_mut(tab);
        if view.query.text.is_empty() && view.search.query.is_none() {
            return false;
        }
        view.query.clear();
        view.search = view::SearchState::default();
        view.refresh(&db);
        true
    }

    /// Where the keyboard goes after a jump: the record's detail, opened as Enter opens
    /// it, so that the keys read the record jumped to. Two trials pressed `PgDn` after a
    /// jump to read on: with the list holding the keyboard it moved to another record,
    /// whose detail they nearly took for the one they asked for (and with the list on
    /// the whole screen, `z`, nothing of the record showed). Esc gives the list back.
    fn focus_after_jump(&mut self) {
        self.focus = Focus::List;
        if self.selected().is_some() {
            self.focus_detail();
        }
    }

    /// Says where a jump went, and how to come back; `cleared`: what of the target's tab
    /// was cleared, if anything (Back brings it back with the rest): " · its tab's
    /// search cleared".
    pub(super) fn went_to(&mut self, label: &str, cleared: &str) {
        // The way back first: a long label is cut at the screen's edge, the advice is not.
        let back = self.key_name(
            crate::explorer::keymap::Context::List,
            crate::explorer::action::Action::Back,
            "Backspace",
        );
        // Cut here, to the footer's width: a longer message would wrap over the lists'
        // bottom edge, as an error does, for a label that says nothing more.
        let head = format!("{back} goes back{cleared} · → ");
        let room = usize::from(self.size.0).saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str()) + 1);
        // Too narrow for a label worth reading: the advice alone.
        if room < 6 {
            self.status(head.trim_end_matches(" · → ").to_owned(), false);
            return;
        }
        let label = crate::explorer::layout::text::fit(label, room);
        self.status(format!("{head}{label}"), false);
    }

    /// Selects a record in its tab, clearing that tab's filters if they hide it; true
    /// when it did.
    pub(super) fn reveal(&mut self, target: Rec) -> bool {
        self.reveal_row(Tab::of(target.kind), target.index)
    }

    /// Selects a row of a tab, clearing that tab's filters if they hide it; true when it
    /// did (the caller says so).
    pub(super) fn reveal_row(&mut self, tab: Tab, row: u32) -> bool {
        let db = Arc::clone(&self.db);
        self.tab = tab;
        self.detail = DetailCursor::default();
        let view = self.view_mut(tab);
        if !view.select_row(row) {
            view.facets.clear();
            view.query.clear();
            view.search = view::SearchState::default();
            view.refresh(&db);
            view.select_row(row);
            return true;
        }
        false
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
        if let Some(row) = location.row.filter(|_| !restored)
            && self.reveal_row(location.tab, row)
        {
            self.status("filters cleared to show the record", false);
        }
        // After the row is shown again (which starts a detail afresh): the detail's scroll
        // and link as they were (a trial came back from a source to the first link).
        self.detail = if location.gone {
            DetailCursor::default()
        } else {
            location.detail
        };
        if location.gone {
            self.status(
                "the record this went back to is no longer in the file (it was read again)",
                false,
            );
        }
        self.focus = location.focus;
        // A search still running when we left (or left on an earlier reading of the
        // dataset) is asked for again, the record chosen kept through its first answers.
        if let Some(kind) = self.tab.kind()
            && self.searching(kind)
        {
            let view = self.view_mut(kind);
            view.hold = view.current_row();
            self.query_changed(kind);
        }
        if let Some(compare) = location.compare {
            self.overlay = Overlay::Compare(compare);
            self.compare_keep_visible();
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
                (Mouse::ScrollDown { .. }, Overlay::Compare(_)) => {
                    self.act_compare(crate::explorer::action::Action::Down);
                    true
                }
                (Mouse::ScrollUp { .. }, Overlay::Compare(_)) => {
                    self.act_compare(crate::explorer::action::Action::Up);
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
                if let Some((tab, _)) = regions.tabs.iter().find(|(_, r)| inside(*r, column, row)) {
                    self.switch_tab(*tab);
                } else if self.tab == Tab::Overview {
                    // A click on a link selects it and follows it, as in a browser.
                    let Some(page) = self.overview_page() else { return false };
                    let selected = self.overview_link();
                    let hit = page.links.iter().position(|link| {
                        let col = &page.columns[link.column];
                        let scroll = page.scroll(link.column, selected);
                        let y = link.line.checked_sub(scroll).and_then(|l| u16::try_from(l).ok());
                        y.is_some_and(|y| inside(col.area, column, row) && row == col.area.y + y && y < col.area.height)
                    });
                    let Some(hit) = hit else { return false };
                    self.overview = hit;
                    self.follow_overview(page.links[hit].target);
                } else if inside(regions.rows, column, row) {
                    let view = self.view_mut(self.tab);
                    let target = view.offset + usize::from(row - regions.rows.y);
                    if target < view.rows.len() {
                        view.selected = target;
                        self.focus = Focus::List;
                        self.detail = DetailCursor::default();
                    }
                } else if inside(regions.detail, column, row) && self.current_view().current_row().is_some() {
                    self.focus_detail();
                } else {
                    return false;
                }
            }
            Mouse::ScrollUp { column, row } | Mouse::ScrollDown { column, row } => {
                let up = matches!(mouse, Mouse::ScrollUp { .. });
                if self.tab == Tab::Overview {
                    let step = if up { -3 } else { 3 };
                    let links = self.overview_page().map_or(0, |p| p.links.len());
                    self.overview = self
                        .overview_link()
                        .saturating_add_signed(step)
                        .min(links.saturating_sub(1));
                } else if inside(regions.detail, column, row) {
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

/// What a jump's status says it cleared in the target's tab: its filters (and search)
/// when they hid the target, else its search when the jump box dropped it.
fn cleared_note(hidden: bool, dropped: bool) -> &'static str {
    if hidden {
        " · its tab's search and filters cleared to show it"
    } else if dropped {
        " · its tab's search cleared"
    } else {
        ""
    }
}
