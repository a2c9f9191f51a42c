//! The explorer's state and the one function that changes it, [`App::update`].
//!
//! Keys become actions in the keymap; mouse, resize and background results arrive as
//! messages; `update` applies them and says whether the screen needs redrawing.
//! Rendering (`ui`) only reads this state. Nothing here touches the terminal.

mod act;
pub mod boxes;
mod carry;
mod detail;
pub mod facets;
mod input;
mod nav;
pub mod order;
mod pages;
pub mod view;

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::data::brief::Brief;
use crate::data::db::{Db, Rec};
use crate::explorer::action::{Action, Msg, Tab};
use crate::explorer::keymap::{Context, Key, Keymap};
pub use crate::explorer::layout::overview::Link;
use crate::explorer::layout::{self, Regions};
pub use boxes::{AsTyped, Input, JumpBox};
use facets::Picker;
use view::TabView;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    /// Walking the detail's links; `link` indexes the detail's links in reading order.
    Detail,
}

/// What is drawn over the main screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Picker(Picker),
    /// The figures that answer one question, compared.
    Compare(Compare),
}

/// The comparison of one question's figures: which question, the figure under the
/// cursor (an index into its members) and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compare {
    pub question: u32,
    pub cursor: usize,
    pub offset: usize,
}

/// Where a person was before a jump, so Back can return there: the tab, the selected
/// record, the focus, and the tabs the jump changed as they were (query, results, order,
/// selection and scroll).
#[derive(Debug, Clone)]
pub struct Location {
    pub tab: Tab,
    /// The selected row: a record of the tab's kind, or a source on the Sources tab.
    pub row: Option<u32>,
    pub focus: Focus,
    /// The tabs the jump changed, as they were (query, results, order, filters, scroll).
    pub kept: Vec<(Tab, view::Kept)>,
    /// The comparison that was open, to reopen it.
    pub compare: Option<Compare>,
    /// The record selected here is gone from a later reading of the dataset.
    pub gone: bool,
    /// The detail's scroll and link as they were, given back with the record.
    pub detail: DetailCursor,
}

/// A one-line message in the footer, until the next action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The detail pane's cursor and scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DetailCursor {
    /// The selected link, in reading order.
    pub link: usize,
    /// Lines scrolled by hand; `None` keeps the selected link in view.
    pub scroll: Option<usize>,
}

/// Things `update` asks the event loop to do, which need the terminal or the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Clear and redraw every cell.
    RedrawAll,
    /// Give the terminal back and stop (SIGTSTP) until the shell's `fg`.
    Suspend,
    /// Write these bytes to the terminal between frames (an OSC 52 copy).
    Write(Vec<u8>),
    /// Ask the search engine (off this thread); the answer comes back as a message.
    Search { scope: crate::search::Scope, query: String },
    /// Export these rows of a tab to a file; the result comes back as a status.
    Export {
        rows: crate::export::Rows,
        path: std::path::PathBuf,
    },
    /// Sort all of a tab's records by a column and direction ([`order::whole`], off this
    /// thread: a long list's); the answer comes back as [`Msg::Sorted`]. `part`: the rows
    /// shown, a part of the tab, to sort first ([`order::by_column`]) and send back as
    /// [`Msg::SortedPart`].
    Sort {
        tab: Tab,
        key: order::Key,
        part: Option<order::Sorted>,
    },
}

/// The whole state of the explorer.
pub struct App {
    pub db: Arc<Db>,
    pub keymap: Keymap,
    pub tab: Tab,
    /// One view per tab, in `Tab::ALL` order (the Overview's lists nothing).
    views: [TabView; 6],
    /// The Overview's selected link, in reading order.
    pub overview: usize,
    /// The Overview shows the cluster's summary whole (Enter on its cut line), the page
    /// scrolling past the screen, rather than cut to the rows the screen spares.
    pub summary: Summary,
    /// How current the data is, its questions and conflicts, who cites each source:
    /// computed once, off the UI thread (`None` until it arrives).
    pub brief: Option<Arc<Brief>>,
    pub focus: Focus,
    pub overlay: Overlay,
    pub detail: DetailCursor,
    pub back: Vec<Location>,
    pub status: Option<Status>,
    /// The terminal's size, columns × rows.
    pub size: (u16, u16),
    pub quit: bool,
    pub effects: Vec<Effect>,
    /// The open text box, if any.
    pub input: Option<Input>,
    /// The environment at start-up: what the clipboard and `~` in file names depend on.
    pub env: crate::env::Env,
    /// The search index, once built (it is built off the UI thread at start-up).
    pub index: Option<Arc<crate::search::Index>>,
    /// The file name last given to `e` and the tab it was given on: offered again on that
    /// tab, and on another tab as a name for that tab with the same folder and extension.
    pub export_name: Option<(crate::export::Tab, String)>,
    /// A file that exists and that the user was asked about: Enter again overwrites it.
    pub export_overwrite: Option<std::path::PathBuf>,
    /// An export is being written (off the UI thread), and what the status says of it:
    /// the prompt waits for its answer, and quitting asks twice, since it drops the file.
    pub exporting: Option<String>,
    /// How many rows shown the export being written leaves out (`View::export_rows`):
    /// (not as typed, in a clause that negates the query).
    export_left: (usize, usize),
    /// Quit was pressed once while an export was being written.
    quit_asked: bool,
    /// Whether tmux said its `set-clipboard` is `on`: then it is not asked again. Until
    /// then each copy asks (one quick command), so the status line sees the fix the
    /// moment the user applies it (see `clipboard::sent`).
    tmux_clipboard_on: bool,
    /// The dataset file that changed on disk and does not load now (and whether it is
    /// gone): what is shown is the reading before, and the title line says so until a
    /// reading that loads replaces it.
    pub stale: Option<(String, bool)>,
    /// The zoom key's state: the list takes the whole screen while it has the focus (the
    /// detail comes back beside it, or below, when a record is opened).
    pub panes: Panes,
}

/// How the list and the detail share the screen (the zoom key toggles it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panes {
    /// Side by side, or one above the other on a narrow screen.
    Split,
    /// The list alone while it has the focus (a record opened from it shows beside it).
    WideList,
    /// The detail alone while it has the focus: a long record read on a small screen
    /// (at 80×24 the detail below the list has some nine lines).
    WideDetail,
}

/// How the Overview shows the cluster's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    /// In the rows the screen spares, cut with a mark where it is longer.
    Fitted,
    /// Whole (Enter on its cut line), the page scrolling past the screen.
    Whole,
}

impl App {
    /// An explorer on `db`, showing the Overview. The brief the Overview and the Sources
    /// tab read is computed elsewhere (off the UI thread) and arrives as
    /// [`Msg::BriefReady`]; until then they say they are counting.
    #[must_use]
    pub fn new(db: Arc<Db>, keymap: Keymap, size: (u16, u16)) -> App {
        let views = Tab::ALL.map(|tab| TabView::new(&db, tab));
        let mut app = App {
            db,
            keymap,
            tab: Tab::Overview,
            views,
            overview: 0,
            summary: Summary::Fitted,
            brief: None,
            focus: Focus::List,
            overlay: Overlay::None,
            detail: DetailCursor::default(),
            back: Vec::new(),
            status: None,
            size,
            quit: false,
            effects: Vec::new(),
            input: None,
            env: crate::env::Env::default(),
            index: None,
            export_name: None,
            export_overwrite: None,
            exporting: None,
            export_left: (0, 0),
            quit_asked: false,
            tmux_clipboard_on: false,
            stale: None,
            panes: Panes::Split,
        };
        app.keep_visible();
        app
    }

    /// The view of a tab (a kind of record names its tab).
    #[must_use]
    pub fn view(&self, tab: impl Into<Tab>) -> &TabView {
        &self.views[tab.into().number()]
    }

    fn view_mut(&mut self, tab: impl Into<Tab>) -> &mut TabView {
        &mut self.views[tab.into().number()]
    }

    /// The current tab's view.
    #[must_use]
    pub fn current_view(&self) -> &TabView {
        self.view(self.tab)
    }

    /// The selected record of the current tab.
    #[must_use]
    pub fn selected(&self) -> Option<Rec> {
        self.current_view().current()
    }

    /// The row counts shown in the tab bar (none for the Overview).
    #[must_use]
    pub fn counts(&self) -> [Option<usize>; 6] {
        Tab::ALL.map(|tab| (tab != Tab::Overview).then(|| crate::explorer::tabs::len(&self.db, tab)))
    }

    /// The screen regions at the current size (`None` when the terminal is too small).
    #[must_use]
    pub fn regions(&self) -> Option<Regions> {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let whole = match (self.panes, self.focus) {
            _ if self.tab == Tab::Overview => layout::Whole::Split,
            (Panes::WideList, Focus::List) => layout::Whole::List,
            (Panes::WideDetail, Focus::Detail) => layout::Whole::Detail,
            _ => layout::Whole::Split,
        };
        layout::compute_zoomed(area, self.counts(), self.search_line(), whole)
    }

    /// Whether the current tab shows its search line: while typing in it, and while a query is kept.
    #[must_use]
    pub fn search_line(&self) -> bool {
        matches!(self.input, Some(Input::Search(tab)) if tab == self.tab) || !self.current_view().query.text.is_empty()
    }

    /// Which keymap context the keyboard is in.
    #[must_use]
    pub fn context(&self) -> Context {
        if self.input.is_some() {
            return Context::Input;
        }
        match (&self.overlay, self.focus) {
            (Overlay::Help { .. }, _) => Context::Help,
            (Overlay::Picker(_), _) => Context::Picker,
            (Overlay::Compare(_), _) => Context::Compare,
            (Overlay::None, Focus::Detail) => Context::Detail,
            (Overlay::None, Focus::List) => Context::List,
        }
    }

    /// Turns a key into a message, through the keymap. Printable keys in a text box
    /// become typed characters.
    #[must_use]
    pub fn key_message(&self, key: Key) -> Option<Msg> {
        let context = self.context();
        if let Some(action) = self.keymap.action(context, self.tab, key) {
            return Some(Msg::Action(action));
        }
        // Alt with a key that has no binding of its own (Alt-← has): Esc and the key
        // sent together (Esc Ctrl-P, Esc Tab, Esc Enter, Esc 2).
        if key.mods.contains(crossterm::event::KeyModifiers::ALT) && key.code != crossterm::event::KeyCode::Esc {
            return Some(Msg::EscThen(
                key.code,
                key.mods.difference(crossterm::event::KeyModifiers::ALT),
            ));
        }
        match (context, key.code) {
            (Context::Input, crossterm::event::KeyCode::Char(c))
                if !key.mods.contains(crossterm::event::KeyModifiers::CONTROL) =>
            {
                Some(Msg::Insert(c))
            }
            _ => self.elsewhere(context, key),
        }
    }

    /// A key that does something on other tabs, but not this one: say where it works,
    /// rather than ignoring it as if it were broken.
    fn elsewhere(&self, context: Context, key: Key) -> Option<Msg> {
        let mut action = None;
        let tabs: Vec<&str> = Tab::ALL
            .into_iter()
            .filter(|tab| {
                let here = self.keymap.action(context, *tab, key);
                action = action.or(here);
                here.is_some()
            })
            .map(Tab::section)
            .collect();
        let action = action?;
        let place = if tabs.len() + 1 == Tab::ALL.len() {
            format!("every tab but the {}", self.tab.section())
        } else {
            format!("{} only", tabs.join(", "))
        };
        // On one line: at 80 columns the long description wrapped over the panes.
        let said = format!("{} ({}) works in {place}", key.name(), action.describe());
        let said = if unicode_width::UnicodeWidthStr::width(said.as_str()) < usize::from(self.size.0) {
            said
        } else {
            format!("{} ({}) works in {place}", key.name(), action.name())
        };
        Some(Msg::Status(said, false))
    }

    /// Applies one message. Returns whether the screen must be redrawn.
    #[allow(clippy::needless_pass_by_value)] // messages are moved in: pasted text will be kept
    pub fn update(&mut self, msg: Msg) -> bool {
        let changed = self.step(msg);
        // A long list that waits for its sort asks once, whichever message led to it.
        for view in &mut self.views {
            if let Some((key, part)) = view.take_wants() {
                self.effects.push(Effect::Sort {
                    tab: view.tab,
                    key,
                    part,
                });
            }
        }
        changed
    }

    fn step(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.keep_visible();
                true
            }
            Msg::Mouse(mouse) => self.mouse(mouse),
            Msg::Insert(c) => self.type_text(&c.to_string()),
            Msg::EscThen(code, mods) => {
                let key = Key { code, mods };
                let esc = Key::plain(crossterm::event::KeyCode::Esc);
                // Each key as the context it meets has it: Esc may close a box.
                let first = self.key_message(esc).is_some_and(|m| self.step(m));
                let then = self.key_message(key).is_some_and(|m| self.step(m));
                first || then
            }
            // A paste into a one-line box keeps its first line.
            Msg::Paste(text) => self.type_text(text.lines().next().unwrap_or("")),
            Msg::Unreadable { file, why, gone } => {
                let text = if gone {
                    format!(
                        "{file} is gone from disk; still showing it as it was, and reading it again once it is back"
                    )
                } else if why.contains(crate::data::problems::CUT_SHORT) {
                    // Most often a writer not done yet: it is read again once it is whole.
                    format!(
                        "{file} changed on disk and does not load now (still being written?); still showing it as it was: {why}"
                    )
                } else {
                    format!("{file} changed on disk and does not load now; still showing it as it was: {why}")
                };
                self.status(text, true);
                self.stale = Some((file, gone));
                true
            }
            Msg::Status(text, error) => {
                self.status(text, error);
                true
            }
            Msg::SearchDone(done) => {
                let changed = self.search_done(done);
                self.keep_visible();
                changed
            }
            Msg::IndexReady(index) => self.index_ready(index),
            Msg::Exported(Ok(message)) => {
                self.exporting = None;
                self.quit_asked = false;
                self.input = None;
                self.export_overwrite = None;
                let (loose, negated) = std::mem::take(&mut self.export_left);
                // Only the marks the rows left out carry, on one line: a longer status
                // wrapped over the panes' bottom edge (a trial).
                let which = match (loose, negated) {
                    (0, _) => "¬ negated",
                    (_, 0) => "≈ not as typed",
                    _ => "≈ or ¬",
                };
                let message = match loose + negated {
                    0 => message,
                    1 => format!("{message}; 1 row left out ({which})"),
                    n => format!("{message}; {} rows left out ({which})", crate::data::present::count(n)),
                };
                let room = usize::from(self.size.0).saturating_sub(1);
                let message = crate::explorer::layout::text::fit(&message, room);
                self.status(message, false);
                true
            }
            // The prompt stays open on the name, with the reason where its title was.
            Msg::Exported(Err(reason)) => {
                self.exporting = None;
                self.quit_asked = false;
                self.status(format!("not written: {reason}; fix the name or Esc"), true);
                true
            }
            Msg::BriefReady(brief) => {
                self.brief_ready(brief);
                self.keep_visible();
                true
            }
            Msg::Sorted { tab, key, rows } => {
                let db = Arc::clone(&self.db);
                let changed = self.view_mut(tab).sort_arrived(&db, key, rows);
                self.sorted_now(tab, changed)
            }
            Msg::SortedPart { tab, key, rows } => {
                let db = Arc::clone(&self.db);
                let changed = self.view_mut(tab).part_arrived(&db, key, rows);
                self.sorted_now(tab, changed)
            }
            Msg::Action(action) => {
                self.status = None;
                self.act(action);
                self.keep_visible();
                self.clamp_detail_scroll();
                true
            }
        }
    }

    fn list_height(&self) -> usize {
        self.regions().map_or(1, |r| usize::from(r.rows.height))
    }

    fn keep_visible(&mut self) {
        let height = self.list_height();
        for view in &mut self.views {
            view.keep_visible(height);
        }
    }

    /// The first key bound to `action` here (`fallback` if the user's keymap unbinds it),
    /// for messages that say which key to press.
    pub(super) fn key_name(&self, context: Context, action: Action, fallback: &str) -> String {
        self.keymap
            .bindings(context, self.tab)
            .find(|b| b.action == action)
            .map_or_else(|| fallback.to_owned(), |b| b.keys[0].name())
    }

    /// A sort arrived for a tab's list (`changed`: its rows were reordered).
    fn sorted_now(&mut self, tab: Tab, changed: bool) -> bool {
        // The status said the matches were being sorted: now they are.
        if changed && tab == self.tab && self.status.as_ref().is_some_and(|s| s.text.contains("sorting by")) {
            self.say_order(Action::SortNext);
        }
        self.keep_visible();
        changed
    }

    fn status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status {
            text: text.into(),
            error,
        });
    }
}
