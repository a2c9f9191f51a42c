//! What a person can ask the explorer to do ([`Action`]), and everything that reaches
//! `App::update` ([`Msg`]): actions from the keymap, text typed into a box, mouse,
//! resize and background results.
//!
//! Actions are plain data: no behaviour lives here. Each has a stable name (used in the
//! config file's `[keys]` table) and a description (used by the help overlay, the footer
//! and the README), so all three read from one place.

use crate::data::model::RecordKind;

/// A tab of the explorer: the Overview, one per kind of record, and the Sources. Its
/// number is its key (`0` to `5`), left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tab {
    Overview,
    History,
    Enterprises,
    Brands,
    Indicators,
    Sources,
}

impl Tab {
    /// Every tab, left to right.
    pub const ALL: [Tab; 6] = [
        Tab::Overview,
        Tab::History,
        Tab::Enterprises,
        Tab::Brands,
        Tab::Indicators,
        Tab::Sources,
    ];

    /// The tabs that list rows (every tab but the Overview).
    pub const LISTS: &'static [Tab] = &[
        Tab::History,
        Tab::Enterprises,
        Tab::Brands,
        Tab::Indicators,
        Tab::Sources,
    ];

    /// The tab that lists records of a kind.
    #[must_use]
    pub fn of(kind: RecordKind) -> Tab {
        match kind {
            RecordKind::History => Tab::History,
            RecordKind::Enterprise => Tab::Enterprises,
            RecordKind::Brand => Tab::Brands,
            RecordKind::Indicator => Tab::Indicators,
        }
    }

    /// The kind of record the tab lists, if it lists records.
    #[must_use]
    pub fn kind(self) -> Option<RecordKind> {
        match self {
            Tab::History => Some(RecordKind::History),
            Tab::Enterprises => Some(RecordKind::Enterprise),
            Tab::Brands => Some(RecordKind::Brand),
            Tab::Indicators => Some(RecordKind::Indicator),
            Tab::Overview | Tab::Sources => None,
        }
    }

    /// Its position, left to right, which is also its key.
    #[must_use]
    pub fn number(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The title in the tab bar.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::History => "History",
            Tab::Enterprises => "Enterprises",
            Tab::Brands => "Brands",
            Tab::Indicators => "Indicators",
            Tab::Sources => "Sources",
        }
    }

    /// The name in lower case, as the README's key list and messages write it.
    #[must_use]
    pub fn section(self) -> &'static str {
        match self.kind() {
            Some(kind) => kind.section(),
            None if self == Tab::Overview => "overview",
            None => "sources",
        }
    }
}

/// A tab is the tab of a kind of record when it lists that kind (`app.tab == kind`).
impl PartialEq<RecordKind> for Tab {
    fn eq(&self, kind: &RecordKind) -> bool {
        self.kind() == Some(*kind)
    }
}

impl From<RecordKind> for Tab {
    fn from(kind: RecordKind) -> Tab {
        Tab::of(kind)
    }
}

/// A user intent, produced by the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Redraw the whole screen (after another program scribbled on it).
    Redraw,
    /// Suspend to the shell (Ctrl-Z); `fg` brings the explorer back.
    Suspend,
    /// Show the next tab.
    NextTab,
    /// Show the previous tab.
    PrevTab,
    /// Show one tab directly.
    GoTab(Tab),
    /// Move the selection (or, in the detail, the link cursor) up one row.
    Up,
    /// Move down one row.
    Down,
    /// Move up half a screen.
    HalfPageUp,
    /// Move down half a screen.
    HalfPageDown,
    /// Move up a screen.
    PageUp,
    /// Move down a screen.
    PageDown,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Focus the detail pane of the selected record, to walk its links.
    Open,
    /// Return focus from the detail pane to the list.
    Close,
    /// Jump to the linked record under the cursor.
    Follow,
    /// Go back to where the last jump came from.
    Back,
    /// Show or hide the help overlay.
    Help,
    /// Reverse the timeline (history) order.
    Reverse,
    /// Sort by the next column.
    SortNext,
    /// Flip the sort direction.
    SortFlip,
    /// Open the filter picker of this tab.
    Filters,
    /// Compare every figure that answers the selected indicator's question.
    Compare,
    /// The list takes the whole screen while it has the focus (again: beside the detail).
    Zoom,
    /// Group brands by segment, or list them flat.
    Group,
    /// In the filter picker: turn the value under the cursor on or off.
    ToggleFacet,
    /// In the filter picker: clear every filter of this tab.
    ClearFacets,
    /// In the filter picker: go to the first value of the next facet.
    NextFacet,
    /// In the filter picker: go to the first value of this facet, else the previous one.
    PrevFacet,
    /// Close the overlay or box on top.
    Dismiss,
    /// Open the search box of this tab.
    Search,
    /// Open the jump box: search every tab at once.
    Jump,
    /// In a text box: keep what was typed and return to the list.
    Accept,
    /// In a text box: clear it and return to the list.
    Cancel,
    /// In the list: drop the search kept when its box was left.
    ClearSearch,
    /// In a text box: delete the character before the caret.
    DeleteBack,
    /// In a text box: delete the word before the caret.
    DeleteWord,
    /// In a text box: delete everything before the caret.
    DeleteToStart,
    /// In a text box: move the caret left.
    CaretLeft,
    /// In a text box: move the caret right.
    CaretRight,
    /// In a text box: move the caret to the start.
    CaretHome,
    /// In a text box: move the caret to the end.
    CaretEnd,
    /// Copy the selected record's name to the clipboard (OSC 52, works over SSH).
    CopyName,
    /// Copy the selected record, as JSON, to the clipboard.
    CopyRecord,
    /// Copy a citation of the selected record (title, publisher, date, URL of each
    /// source) to the clipboard.
    CopyCitation,
    /// Export this tab's rows (as filtered) to a CSV, JSON or xlsx file.
    Export,
}

impl Action {
    /// Every action, for the config file's names and the help overlay.
    pub const ALL: &'static [Action] = &[
        Action::Quit,
        Action::Redraw,
        Action::Suspend,
        Action::NextTab,
        Action::PrevTab,
        Action::GoTab(Tab::Overview),
        Action::GoTab(Tab::History),
        Action::GoTab(Tab::Enterprises),
        Action::GoTab(Tab::Brands),
        Action::GoTab(Tab::Indicators),
        Action::GoTab(Tab::Sources),
        Action::Up,
        Action::Down,
        Action::HalfPageUp,
        Action::HalfPageDown,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Close,
        Action::Follow,
        Action::Back,
        Action::Help,
        Action::Reverse,
        Action::SortNext,
        Action::SortFlip,
        Action::Filters,
        Action::Compare,
        Action::Zoom,
        Action::Group,
        Action::ToggleFacet,
        Action::ClearFacets,
        Action::NextFacet,
        Action::PrevFacet,
        Action::Dismiss,
        Action::Search,
        Action::Jump,
        Action::Accept,
        Action::Cancel,
        Action::ClearSearch,
        Action::DeleteBack,
        Action::DeleteWord,
        Action::DeleteToStart,
        Action::CaretLeft,
        Action::CaretRight,
        Action::CaretHome,
        Action::CaretEnd,
        Action::CopyName,
        Action::CopyRecord,
        Action::CopyCitation,
        Action::Export,
    ];

    /// The stable name used in the config file (`[keys] follow = ["enter"]`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Redraw => "redraw",
            Action::Suspend => "suspend",
            Action::NextTab => "next-tab",
            Action::PrevTab => "prev-tab",
            Action::GoTab(Tab::Overview) => "tab-overview",
            Action::GoTab(Tab::History) => "tab-history",
            Action::GoTab(Tab::Enterprises) => "tab-enterprises",
            Action::GoTab(Tab::Brands) => "tab-brands",
            Action::GoTab(Tab::Indicators) => "tab-indicators",
            Action::GoTab(Tab::Sources) => "tab-sources",
            Action::Up => "up",
            Action::Down => "down",
            Action::HalfPageUp => "half-page-up",
            Action::HalfPageDown => "half-page-down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Close => "close",
            Action::Follow => "follow",
            Action::Back => "back",
            Action::Help => "help",
            Action::Reverse => "reverse",
            Action::SortNext => "sort",
            Action::SortFlip => "sort-flip",
            Action::Filters => "filters",
            Action::Compare => "compare",
            Action::Zoom => "zoom",
            Action::Group => "group",
            Action::ToggleFacet => "toggle-filter",
            Action::ClearFacets => "clear-filters",
            Action::NextFacet => "next-facet",
            Action::PrevFacet => "prev-facet",
            Action::Dismiss => "dismiss",
            Action::Search => "search",
            Action::Jump => "jump",
            Action::Accept => "accept",
            Action::Cancel => "cancel",
            Action::ClearSearch => "clear-search",
            Action::DeleteBack => "delete-back",
            Action::DeleteWord => "delete-word",
            Action::DeleteToStart => "delete-to-start",
            Action::CaretLeft => "caret-left",
            Action::CaretRight => "caret-right",
            Action::CaretHome => "caret-home",
            Action::CaretEnd => "caret-end",
            Action::CopyName => "copy-name",
            Action::CopyRecord => "copy-record",
            Action::CopyCitation => "copy-citation",
            Action::Export => "export",
        }
    }

    /// What the action does, in a few words, for the help overlay.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Redraw => "redraw the screen",
            Action::Suspend => "suspend to the shell (fg returns)",
            Action::NextTab => "next tab",
            Action::PrevTab => "previous tab",
            Action::GoTab(Tab::Overview) => "Overview tab",
            Action::GoTab(Tab::History) => "History tab",
            Action::GoTab(Tab::Enterprises) => "Enterprises tab",
            Action::GoTab(Tab::Brands) => "Brands tab",
            Action::GoTab(Tab::Indicators) => "Indicators tab",
            Action::GoTab(Tab::Sources) => "Sources tab",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::HalfPageUp => "half a page up",
            Action::HalfPageDown => "half a page down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first row",
            Action::Bottom => "last row",
            Action::Open => "open the detail (walk its links)",
            Action::Close => "back to the list",
            Action::Follow => "follow the link",
            Action::Back => "go back after a jump",
            Action::Help => "help",
            Action::Reverse => "reverse the timeline (searched: then by relevance)",
            Action::SortNext => "sort by the next column",
            Action::SortFlip => "flip the sort direction",
            Action::Filters => "filter this tab (facets with counts)",
            Action::Compare => "compare the figures for this question",
            Action::Zoom => "give the pane in use the whole screen, or split again",
            Action::Group => "group by segment",
            Action::ToggleFacet => "turn the filter on or off",
            Action::ClearFacets => "clear all filters",
            Action::NextFacet => "next facet",
            Action::PrevFacet => "previous facet",
            Action::Dismiss => "close",
            Action::Search => "search this tab",
            Action::Jump => "jump to any record or source",
            Action::Accept => "keep the query",
            Action::Cancel => "clear a search, else close the box",
            Action::ClearSearch => "clear this tab's search",
            Action::DeleteBack => "delete a character",
            Action::DeleteWord => "delete a word",
            Action::DeleteToStart => "delete to the start",
            Action::CaretLeft => "caret left",
            Action::CaretRight => "caret right",
            Action::CaretHome => "caret to start",
            Action::CaretEnd => "caret to end",
            Action::CopyName => "copy the name (OSC 52)",
            Action::CopyRecord => "copy the record as JSON",
            Action::CopyCitation => "copy a citation of its sources",
            Action::Export => "export the rows to a file",
        }
    }

    /// The action with this config name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

/// A mouse gesture, already reduced to what the explorer reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click { column: u16, row: u16 },
    ScrollUp { column: u16, row: u16 },
    ScrollDown { column: u16, row: u16 },
}

/// Everything `App::update` accepts.
#[derive(Debug, Clone)]
pub enum Msg {
    Action(Action),
    /// A character typed into the open text box.
    Insert(char),
    /// Esc, then this key: how a terminal sends the two when they come close together
    /// (tmux waits `escape-time`, 500 ms by default, and then passes them on as Alt with
    /// the key). Alt with a key that has no binding means nothing here, so it is read as
    /// the two keys.
    EscThen(crossterm::event::KeyCode, crossterm::event::KeyModifiers),
    /// Text pasted into the open text box (bracketed paste).
    Paste(String),
    Mouse(Mouse),
    /// The terminal's new size, in columns and rows.
    Resize(u16, u16),
    /// A message for the status line (the result of an export, say); `true` for errors.
    Status(String, bool),
    /// A file of the dataset changed on disk and does not load (`gone`: it is no longer
    /// there): the reading shown stays, marked as the one before.
    Unreadable {
        file: String,
        why: String,
        gone: bool,
    },
    /// The search engine answered (maybe partly; maybe for a query since replaced).
    SearchDone(crate::search::Done),
    /// The search index is built.
    IndexReady(std::sync::Arc<crate::search::Index>),
    /// An export ended: "wrote 12 rows to a.csv", or why the file was not written (the
    /// prompt then stays open on the name, to be fixed).
    Exported(Result<String, String>),
    /// The brief (how current the data is, questions and conflicts, who cites each
    /// source) is computed.
    BriefReady(std::sync::Arc<crate::data::brief::Brief>),
    /// All of a tab's rows, sorted by a column and direction (`None`: the job was
    /// dropped for a later one, and is asked again if still wanted).
    Sorted {
        tab: Tab,
        key: (usize, bool),
        rows: Option<std::sync::Arc<Vec<u32>>>,
    },
    /// The rows a long list showed (a part of its tab) sorted by a column and direction,
    /// before the whole tab.
    SortedPart {
        tab: Tab,
        key: (usize, bool),
        rows: std::sync::Arc<Vec<u32>>,
    },
}
