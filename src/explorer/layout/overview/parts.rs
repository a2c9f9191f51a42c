//! What the Overview is made of: the columns of its page, the links on them and where
//! each leads, and the writer that fills a column line by line.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::data::db::Rec;
use crate::explorer::action::Tab;
use crate::explorer::layout::text::{Role, fit};

/// Where a line of the Overview leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Record(Rec),
    /// A source, by index: shown in the Sources tab.
    Source(u32),
    /// A question whose figures conflict: the comparison of its figures.
    Question(u32),
    Tab(Tab),
    /// The cluster's summary, where the page cuts it (or shows it whole once asked):
    /// Enter shows it whole, or cut again.
    Summary,
}

/// One column of the page: where it goes and its lines.
#[derive(Debug, Clone)]
pub struct Column {
    pub area: Rect,
    pub lines: Vec<Line<'static>>,
}

/// A link on the page: its column, its line in that column, where it leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLink {
    pub column: usize,
    pub line: usize,
    pub target: Link,
}

/// The Overview laid out in an area (inside its border).
#[derive(Debug, Clone)]
pub struct Page {
    pub columns: Vec<Column>,
    /// The links in reading order (down the first column, then the second).
    pub links: Vec<PageLink>,
}

impl Page {
    /// How far a column scrolls to show the selected link (on screens smaller than the
    /// page; at 80×24 and up everything fits).
    #[must_use]
    pub fn scroll(&self, column: usize, selected: usize) -> usize {
        let Some(col) = self.columns.get(column) else { return 0 };
        let height = usize::from(col.area.height);
        let max = col.lines.len().saturating_sub(height);
        match self.links.get(selected) {
            Some(link) if link.column == column => (link.line + 1).saturating_sub(height).min(max),
            _ => 0,
        }
    }
}

/// A column being written: its lines and links.
pub(super) struct Writer<'s> {
    pub(super) column: usize,
    pub(super) width: usize,
    pub(super) lines: Vec<Line<'static>>,
    pub(super) links: Vec<PageLink>,
    pub(super) style: &'s dyn Fn(Role) -> Style,
}

impl Writer<'_> {
    pub(super) fn line(&mut self, spans: Vec<(String, Role)>, link: Option<Link>) {
        // Fitted piece by piece: nothing is cut in the middle of a character.
        let mut left = self.width;
        let mut out = Vec::new();
        for (text, role) in spans {
            if left == 0 {
                break;
            }
            let text = fit(&text, left);
            left = left.saturating_sub(text.width());
            out.push(Span::styled(text, (self.style)(role)));
        }
        if let Some(target) = link {
            self.links.push(PageLink {
                column: self.column,
                line: self.lines.len(),
                target,
            });
        }
        self.lines.push(Line::from(out));
    }

    pub(super) fn blank(&mut self) {
        self.lines.push(Line::default());
    }
}
