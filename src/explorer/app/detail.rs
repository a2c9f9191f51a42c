//! The detail pane as the state sees it: what it shows (a record, or a source on the
//! Sources tab), its links in reading order, and its scroll, measured on the layout the
//! renderer draws so that scrolling goes on from what the user sees.

use super::{App, Focus, Link};
use crate::data::present;
use crate::explorer::action::Tab;
use crate::explorer::layout;
use crate::explorer::layout::detail::{Pane, ScrollState, Subject};

impl App {
    /// The links of the selected record's detail, in reading order: the records it
    /// relates to, then the sources it cites; or of the selected source's: the other
    /// sources of its page, then the records citing it.
    #[must_use]
    pub fn links(&self) -> Vec<Link> {
        if self.tab == Tab::Sources {
            let Some(row) = self.current_view().current_row() else {
                return Vec::new();
            };
            // The same page entered again, then the records citing it (once counted), as
            // the pane shows them.
            let same = self.db.same_page(row as usize).into_iter();
            let citing = self
                .brief
                .as_ref()
                .map_or(&[][..], |b| b.citations.citing(row as usize));
            return same
                .filter_map(|i| u32::try_from(i).ok())
                .map(Link::Source)
                .chain(
                    citing[..citing.len().min(layout::detail::CITING_LINKS)]
                        .iter()
                        .map(|rec| Link::Record(*rec)),
                )
                .collect();
        }
        self.selected()
            .map(|rec| {
                let detail = present::detail(&self.db, rec);
                // The related records, then each cited source (to the Sources tab, which
                // lists what else cites it), in the order the pane shows them.
                let sources = detail
                    .sources
                    .iter()
                    .filter_map(|s| self.db.source_index(&s.id))
                    .filter_map(|i| u32::try_from(i).ok())
                    .map(Link::Source);
                detail
                    .links
                    .into_iter()
                    .flat_map(|group| group.items.into_iter().map(|(r, _)| Link::Record(r)))
                    .chain(sources)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// What the detail pane shows, as the layout takes it: `None` with nothing selected
    /// (and on the Overview, which has no detail pane).
    #[must_use]
    pub fn detail_pane(&self) -> Option<Pane<'_>> {
        if self.tab == Tab::Sources {
            let view = self.current_view();
            let index = view.current_row()? as usize;
            // A source found only by a spelling of the query says where.
            let why = match view.current_why() {
                Some(crate::search::Why::BySound(text)) if view.search.active() => {
                    Some(crate::search::spelled_in(text))
                }
                _ => None,
            };
            return Some(Pane {
                db: &self.db,
                subject: Subject::Source {
                    index,
                    citing: self.brief.as_ref().map(|b| b.citations.citing(index)),
                },
                why,
                focused: self.focus == Focus::Detail,
                link: self.detail.link,
                scroll: self.detail.scroll,
            });
        }
        let rec = self.selected()?;
        let view = self.view(rec.kind);
        let why = if view.search.active() && view.current() == Some(rec) {
            view.current_why()
                .and_then(|why| match (&self.index, &view.search.query) {
                    (Some(index), Some(query)) => crate::search::explain(index, &self.db, rec, why, query),
                    _ => why.explain(&self.db, rec),
                })
        } else {
            None
        };
        Some(Pane {
            db: &self.db,
            subject: Subject::Record(rec),
            why,
            focused: self.focus == Focus::Detail,
            link: self.detail.link,
            scroll: self.detail.scroll,
        })
    }

    /// Where the detail pane's text stands as the screen shows it at the app's size, so
    /// that scrolling goes on from what the user sees. `None` with nothing selected or a
    /// screen too small for the layout.
    #[must_use]
    pub fn detail_scroll(&self) -> Option<ScrollState> {
        let pane = self.detail_pane()?;
        let regions = self.regions()?;
        Some(layout::detail::scroll_state(&pane, regions.detail))
    }

    /// Gives the detail the keyboard. Its cursor starts on the first link, but not at the
    /// cost of the record's top: where following that link would scroll the name and any
    /// reliability warning away (a short window, a long description), the detail opens at
    /// its top and ↓ reads on to the link.
    pub(super) fn focus_detail(&mut self) {
        self.focus = Focus::Detail;
        if self.detail.scroll.is_none() && self.detail_scroll().is_some_and(|s| s.top > 0) {
            self.detail.scroll = Some(0);
        }
    }

    /// Scrolls the detail by `lines` from where the screen shows it, within its text.
    pub(super) fn scroll_detail(&mut self, lines: isize) {
        let Some(state) = self.detail_scroll() else {
            return;
        };
        let top = state.top.saturating_add_signed(lines).min(state.max);
        self.detail.scroll = Some(top);
    }

    /// Keeps a hand scroll of the detail within its text, so scrolling back is immediate.
    pub(super) fn clamp_detail_scroll(&mut self) {
        if let (Some(scroll), Some(state)) = (self.detail.scroll, self.detail_scroll()) {
            self.detail.scroll = Some(scroll.min(state.max));
        }
    }
}
