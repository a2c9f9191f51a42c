//! The Overview and the comparison of figures at work: walking the Overview's links and
//! following them, opening a question's comparison and moving in it; and what changes
//! when the brief (computed off the UI thread) arrives.

use std::sync::Arc;

use ratatui::style::Style;

use super::{App, Compare, DetailCursor, Focus, Location, Overlay};
use crate::data::brief::Brief;
use crate::data::db::Rec;
use crate::data::model::RecordKind;
use crate::explorer::action::{Action, Tab};
use crate::explorer::layout::compare;
use crate::explorer::layout::overview::{self, Link, Page};

impl App {
    /// The brief arrived: the Overview can show it, the Sources tab count and sort its
    /// citations.
    pub(super) fn brief_ready(&mut self, brief: Arc<Brief>) {
        let db = Arc::clone(&self.db);
        let view = self.view_mut(Tab::Sources);
        view.brief = Some(Arc::clone(&brief));
        view.refresh(&db);
        self.brief = Some(brief);
    }

    /// A source as JSON, with the records that cite it (the shape `shuibei show --json`
    /// gives a source), for `Y` on the Sources tab.
    pub(super) fn source_json(&self, index: usize) -> serde_json::Value {
        let source = &self.db.sources()[index];
        let cited_by: Vec<serde_json::Value> = self
            .brief
            .as_ref()
            .map(|b| b.citations.citing(index))
            .unwrap_or_default()
            .iter()
            .map(|r| serde_json::json!({"kind": r.kind.as_str(), "id": self.db.id(*r)}))
            .collect();
        serde_json::json!({
            "kind": "source",
            "id": &*source.id,
            "record": serde_json::to_value(source).unwrap_or_default(),
            "cited_by": cited_by,
        })
    }

    /// The Overview as laid out at the current size (`None` on a screen too small).
    #[must_use]
    pub fn overview_page(&self) -> Option<Page> {
        let regions = self.regions()?;
        let inner = overview_inner(regions.body);
        Some(overview::page(
            &self.db,
            self.brief.as_deref(),
            inner,
            self.summary == super::Summary::Whole,
            &|_| Style::new(),
        ))
    }

    /// The Overview's selected link, clamped to the links the screen shows.
    #[must_use]
    pub fn overview_link(&self) -> usize {
        let links = self.overview_page().map_or(0, |p| p.links.len());
        self.overview.min(links.saturating_sub(1))
    }

    pub(super) fn act_overview(&mut self, action: Action) {
        let links = self.overview_page().map(|p| p.links).unwrap_or_default();
        let last = links.len().saturating_sub(1);
        let at = self.overview.min(last);
        let page = 10;
        self.overview = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => (at + 1).min(last),
            Action::HalfPageUp => at.saturating_sub(page / 2),
            Action::HalfPageDown => (at + page / 2).min(last),
            Action::PageUp => at.saturating_sub(page),
            Action::PageDown => (at + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open | Action::Follow => {
                match links.get(at) {
                    Some(link) => self.follow_overview(link.target),
                    None => self.status("nothing to open here yet", false),
                }
                at
            }
            Action::Back => {
                self.back();
                at
            }
            Action::Help => {
                self.overlay = Overlay::Help { scroll: 0 };
                at
            }
            Action::Jump => {
                self.open_jump();
                at
            }
            Action::Quit => {
                self.quit = true;
                at
            }
            Action::Redraw => {
                self.effects.push(super::Effect::RedrawAll);
                at
            }
            Action::Suspend => {
                self.effects.push(super::Effect::Suspend);
                at
            }
            _ => at,
        };
    }

    /// Follows a link of the Overview; Back returns to it.
    pub(super) fn follow_overview(&mut self, target: Link) {
        match target {
            Link::Record(rec) => self.jump(rec),
            Link::Question(q) => {
                self.back.push(self.here());
                self.open_compare(q, None);
            }
            // Back restores the Sources tab's search and filters a jump clears.
            Link::Source(source) => self.jump_to_source(source),
            // Shown whole, or cut again: the selection stays on its line.
            Link::Summary => {
                self.summary = match self.summary {
                    super::Summary::Fitted => super::Summary::Whole,
                    super::Summary::Whole => super::Summary::Fitted,
                };
            }
            Link::Tab(tab) => {
                self.back.push(self.here());
                self.tab = tab;
                self.focus = Focus::List;
                self.detail = DetailCursor::default();
                self.went_to(&format!("the {} tab", tab.title()), "");
            }
        }
    }

    /// Opens the comparison of the question an indicator answers, on that indicator.
    pub(super) fn open_compare_for(&mut self, indicator: usize) {
        let Some(brief) = &self.brief else {
            self.status("still sorting the figures into questions; try again in a moment", false);
            return;
        };
        let Some(&q) = brief.question_of.get(indicator) else {
            return;
        };
        let at = brief.questions[q as usize]
            .members
            .iter()
            .position(|m| *m as usize == indicator);
        self.open_compare(q, at);
    }

    /// Opens a question's comparison with the cursor on `at` (else its first conflicting
    /// figure, else its latest).
    fn open_compare(&mut self, question: u32, at: Option<usize>) {
        let Some(brief) = &self.brief else { return };
        let Some(q) = brief.questions.get(question as usize) else {
            return;
        };
        let cursor = at
            .or_else(|| q.members.iter().position(|m| q.conflicts(&self.db, *m)))
            .unwrap_or(q.members.len().saturating_sub(1));
        self.overlay = Overlay::Compare(Compare {
            question,
            cursor,
            offset: 0,
        });
        self.compare_keep_visible();
    }

    /// How many figure rows the comparison shows at the current size.
    #[must_use]
    pub fn compare_rows(&self) -> usize {
        let (Overlay::Compare(c), Some(brief), Some(regions)) = (&self.overlay, &self.brief, self.regions()) else {
            return 1;
        };
        let Some(q) = brief.questions.get(c.question as usize) else {
            return 1;
        };
        let inner = compare::inner(regions.body);
        let foot = compare::foot(&self.db, q, c.cursor, usize::from(inner.width), &|_| Style::new()).len();
        let head = compare::head_height(&self.db, q, usize::from(inner.width));
        compare::rows_height(inner.height, head, foot, q.members.len()).0
    }

    pub(super) fn compare_keep_visible(&mut self) {
        let rows = self.compare_rows();
        if let Overlay::Compare(c) = &mut self.overlay {
            c.offset = compare::keep_visible(c.offset, c.cursor, rows);
        }
    }

    pub(super) fn act_compare(&mut self, action: Action) {
        let rows = self.compare_rows();
        let (Overlay::Compare(mut c), Some(brief)) = (self.overlay.clone(), self.brief.clone()) else {
            return;
        };
        let Some(q) = brief.questions.get(c.question as usize) else {
            return;
        };
        let last = q.members.len().saturating_sub(1);
        let page = rows.max(1);
        match action {
            Action::Up => c.cursor = c.cursor.saturating_sub(1),
            Action::Down => c.cursor = (c.cursor + 1).min(last),
            Action::PageUp => c.cursor = c.cursor.saturating_sub(page),
            Action::PageDown => c.cursor = (c.cursor + page).min(last),
            Action::Top => c.cursor = 0,
            Action::Bottom => c.cursor = last,
            Action::Follow => {
                let target = Rec::new(RecordKind::Indicator, q.members[c.cursor] as usize);
                // Back returns to this comparison, on this figure.
                let location = Location {
                    compare: Some(c),
                    ..self.here()
                };
                self.overlay = Overlay::None;
                self.jump(target);
                if let Some(top) = self.back.last_mut() {
                    *top = location;
                }
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            _ => {
                self.overlay = Overlay::None;
                return;
            }
        }
        self.overlay = Overlay::Compare(c);
        self.compare_keep_visible();
    }
}

/// The Overview's page inside its border.
#[must_use]
pub fn overview_inner(body: ratatui::layout::Rect) -> ratatui::layout::Rect {
    ratatui::widgets::Block::new()
        .borders(ratatui::widgets::Borders::ALL)
        .inner(body)
}
