//! Where everything goes on screen, as a pure function of the terminal size. The
//! renderer draws into these regions and the state uses the same regions to keep the
//! selection visible and to map mouse clicks, so the two can never disagree.
//!
//! The children lay out what needs more than a rectangle, for both the same way: text
//! measured as a terminal shows it (`text`), the detail pane's wrapped text and its
//! scroll (`detail`), the indicator chart's height (`chart`) and the help overlay
//! (`help`). Geometry only: no state, no styles (pieces carry a [`text::Role`]).

pub mod chart;
pub mod compare;
pub mod detail;
pub mod help;
pub mod overview;
pub mod text;

use ratatui::layout::{Constraint, Direction, Layout, Rect};
use unicode_width::UnicodeWidthStr;

use crate::explorer::action::Tab;

/// Below this size the explorer shows a one-line message instead of its layout.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width on, the list and the detail sit side by side.
pub const WIDE: u16 = 100;

/// The widest the detail pane grows beside the list (a wrapped paragraph reads well at
/// this width; past it the list's columns make better use of the room).
pub const DETAIL_MAX: u16 = 80;

/// The screen's regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regions {
    /// Line 1: the cluster's name.
    pub title: Rect,
    /// Line 2: the tab bar; each tab's clickable area.
    pub tabs: Vec<(Tab, Rect)>,
    pub tab_bar: Rect,
    /// How much each tab title says, so that all of them fit the bar.
    pub tab_form: TabForm,
    /// Everything between the tab bar and the footer: the Overview's page, the
    /// comparison of figures.
    pub body: Rect,
    /// The list's bordered block.
    pub list: Rect,
    /// The search line at the top of the list, when the tab has a query box open or kept.
    pub search: Option<Rect>,
    /// The rows inside the list's border, below its column header.
    pub rows: Rect,
    pub detail: Rect,
    /// The last line: key hints and the status message.
    pub footer: Rect,
    pub side_by_side: bool,
}

/// How much a tab title says: the most that lets every tab fit the tab bar, so the
/// active one is never pushed off a narrow screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabForm {
    /// "2 Enterprises 52"
    Full,
    /// "2 Enterprises"
    NoCount,
    /// "2 Ent"
    Short,
    /// "2"
    Number,
}

/// The text of a tab's title in the tab bar, in full (`count` is `None` for the Overview,
/// which counts nothing).
#[must_use]
pub fn tab_label(tab: Tab, count: Option<usize>) -> String {
    tab_label_in(tab, count, TabForm::Full)
}

/// The text of a tab's title in the tab bar, in a given form.
#[must_use]
pub fn tab_label_in(tab: Tab, count: Option<usize>, form: TabForm) -> String {
    let n = tab.number();
    let name = tab.title();
    match (form, count) {
        (TabForm::Full, Some(count)) => format!("{n} {name} {}", crate::data::present::count(count)),
        (TabForm::Full | TabForm::NoCount, _) => format!("{n} {name}"),
        (TabForm::Short, _) => format!("{n} {}", &name[..3]),
        (TabForm::Number, _) => n.to_string(),
    }
}

/// A centred rectangle of at most `w` × `h` inside `area`.
#[must_use]
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// Computes the regions, or `None` when the terminal is too small for them.
/// `counts` are the row counts shown in the tab titles, in `Tab::ALL` order.
#[must_use]
pub fn compute(area: Rect, counts: [Option<usize>; 6], search_line: bool) -> Option<Regions> {
    compute_zoomed(area, counts, search_line, Whole::Split)
}

/// Which pane has the whole body (the zoom key), if one has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    /// The list and the detail share it.
    Split,
    /// The list alone: the detail is an empty area at the body's right edge.
    List,
    /// The detail alone (a long record's sources read on an 80×24 screen): the list is
    /// an empty area at the body's left edge.
    Detail,
}

/// [`compute`], the list given the whole body when `whole_list` (the zoom key): the
/// detail is then an empty area at the body's right edge, which nothing draws into.
#[must_use]
pub fn compute_zoomed(area: Rect, counts: [Option<usize>; 6], search_line: bool, whole: Whole) -> Option<Regions> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [title, tab_bar, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    // Each title is drawn as "[label]" or " label ", then a space; one space leads.
    let bar_width = |form: TabForm| -> usize {
        1 + Tab::ALL
            .into_iter()
            .zip(counts)
            .map(|(tab, count)| tab_label_in(tab, count, form).width() + 3)
            .sum::<usize>()
    };
    let tab_form = [TabForm::Full, TabForm::NoCount, TabForm::Short]
        .into_iter()
        .find(|form| bar_width(*form) <= usize::from(tab_bar.width))
        .unwrap_or(TabForm::Number);
    let mut tabs = Vec::with_capacity(Tab::ALL.len());
    let mut x = tab_bar.x + 1;
    for (tab, count) in Tab::ALL.into_iter().zip(counts) {
        let width = u16::try_from(tab_label_in(tab, count, tab_form).width() + 2).unwrap_or(u16::MAX);
        let visible = width.min(tab_bar.right().saturating_sub(x));
        tabs.push((tab, Rect::new(x, tab_bar.y, visible, 1)));
        x = x.saturating_add(width + 1).min(tab_bar.right());
    }
    let side_by_side = area.width >= WIDE;
    let [list, detail] = if whole == Whole::List {
        [body, Rect::new(body.right(), body.y, 0, 0)]
    } else if whole == Whole::Detail {
        [Rect::new(body.x, body.y, 0, 0), body]
    } else if side_by_side {
        // The detail takes 45 % but no more than reads well; a wide screen's rest goes to
        // the table, whose columns can use it.
        let detail_width = (u32::from(body.width) * 45 / 100).min(u32::from(DETAIL_MAX));
        Layout::new(
            Direction::Horizontal,
            [
                Constraint::Min(0),
                Constraint::Length(u16::try_from(detail_width).unwrap_or(DETAIL_MAX)),
            ],
        )
        .areas(body)
    } else {
        // Half each, but the list keeps room for a few rows and the detail for a few lines.
        let list_height = (body.height / 2).max(7).min(body.height.saturating_sub(3));
        Layout::new(
            Direction::Vertical,
            [Constraint::Length(list_height), Constraint::Min(0)],
        )
        .areas(body)
    };
    // Inside the border: the search line (if any), one line of column headers, the rows,
    // and right of the rows, inside the border, the scrollbar's column (on the border it
    // read as part of the frame, and in the split view as the detail's).
    let extra = u16::from(search_line);
    let search = search_line.then(|| Rect::new(list.x + 1, list.y + 1, list.width.saturating_sub(2), 1));
    let rows = Rect::new(
        list.x + 1,
        list.y + 2 + extra,
        list.width.saturating_sub(3),
        list.height.saturating_sub(3 + extra),
    );
    Some(Regions {
        title,
        tabs,
        tab_bar,
        tab_form,
        body,
        list,
        search,
        rows,
        detail,
        footer,
        side_by_side,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_down_to_one_cell_is_handled() {
        for w in 0..=130 {
            for h in 0..=45 {
                let counts = [None, Some(77), Some(52), Some(32), Some(165), Some(116)];
                let regions = compute(Rect::new(0, 0, w, h), counts, true);
                assert_eq!(regions.is_some(), w >= MIN_WIDTH && h >= MIN_HEIGHT, "{w}x{h}");
                if let Some(r) = regions {
                    assert!(r.rows.height >= 1, "{w}x{h}: rows");
                    assert!(r.detail.height >= 3, "{w}x{h}: detail");
                    for ((tab, rect), count) in r.tabs.iter().zip(counts) {
                        assert!(rect.right() <= w, "{w}x{h}: tab inside the screen");
                        let label = tab_label_in(*tab, count, r.tab_form);
                        assert_eq!(
                            usize::from(rect.width),
                            label.width() + 2,
                            "{w}x{h}: {label} shows whole"
                        );
                    }
                    if w >= 80 {
                        assert_ne!(r.tab_form, TabForm::Number, "{w}x{h}: tabs are named from 80 columns");
                    }
                }
            }
        }
    }

    #[test]
    fn wide_terminals_put_the_detail_beside_the_list() {
        let r = compute(Rect::new(0, 0, 120, 40), [Some(1); 6], false).unwrap();
        assert!(r.side_by_side);
        assert_eq!(r.list.y, r.detail.y);
        let r = compute(Rect::new(0, 0, 80, 24), [Some(1); 6], false).unwrap();
        assert!(!r.side_by_side);
        assert!(r.detail.y > r.list.y);
    }
}
