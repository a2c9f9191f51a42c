//! The explorer's state and the one function that changes it, [`App::update`].
//!
//! Keys become actions in the keymap; mouse, resize and background results arrive as
//! messages; `update` applies them and says whether the screen needs redrawing.
//! Rendering (`ui`) only reads this state. Nothing here touches the terminal.

pub mod boxes;
mod carry;
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
use crate::data::present;
use crate::explorer::action::{Action, Msg, Tab};
use crate::explorer::keymap::{Context, Key, Keymap};
use crate::explorer::layout::detail::{Pane, ScrollState, Subject};
pub use crate::explorer::layout::overview::Link;
use crate::explorer::layout::{self, Regions};
pub use boxes::{AsTyped, Input, JumpBox};
use facets::Picker;
use view::TabView;

/// How far Page Up and Page Down move the filter picker's cursor: about a screenful of it.
const PICKER_PAGE: usize = 10;

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
    /// The list alone while it has the focus.
    WideList,
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
        let whole_list = self.panes == Panes::WideList && self.focus == Focus::List && self.tab != Tab::Overview;
        layout::compute_zoomed(area, self.counts(), self.search_line(), whole_list)
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
        Some(Msg::Status(
            format!(
                "{} ({}) works in {} only",
                key.name(),
                action.describe(),
                tabs.join(", ")
            ),
            false,
        ))
    }

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
            view.current_why().and_then(|why| why.explain(&self.db, rec))
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
    fn clamp_detail_scroll(&mut self) {
        if let (Some(scroll), Some(state)) = (self.detail.scroll, self.detail_scroll()) {
            self.detail.scroll = Some(scroll.min(state.max));
        }
    }

    fn act(&mut self, action: Action) {
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
                let status = crate::explorer::clipboard::sent(payload.len(), tmux.as_deref());
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
                        view.facets.describe(),
                        present::count(view.rows.len())
                    );
                    self.status(said, false);
                }
            }
        }
    }

    /// The facets of a tab changed: its rows follow, and the open picker counts again
    /// (each count depends on the other choices), its cursor staying on `keep`.
    fn refilter(&mut self, tab: Tab, keep: Option<(facets::Facet, String)>) {
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

    /// A sort arrived for a tab's list (`changed`: its rows were reordered).
    fn sorted_now(&mut self, tab: Tab, changed: bool) -> bool {
        // The status said the matches were being sorted: now they are.
        if changed && tab == self.tab && self.status.as_ref().is_some_and(|s| s.text.contains("sorting by")) {
            self.say_order(Action::SortNext);
        }
        self.keep_visible();
        changed
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
                    // reached (↓ and PgDn read it, Backspace comes back), as Enter on a
                    // list row opens it.
                    if matches!(target, Link::Record(_)) {
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
                self.panes = match self.panes {
                    Panes::Split => Panes::WideList,
                    Panes::WideList => Panes::Split,
                };
                let key = self.key_name(Context::List, Action::Zoom, "z");
                self.status(
                    if self.panes == Panes::WideList {
                        format!("the list has the whole screen; {key} again puts the detail beside it")
                    } else {
                        format!("the detail is beside the list again ({key} widens the list)")
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
    fn say_order(&mut self, key_action: Action) {
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
    fn export_tab(&self) -> Option<crate::export::Tab> {
        match self.tab {
            Tab::Sources => Some(crate::export::Tab::Sources),
            tab => tab.kind().map(crate::export::Tab::Records),
        }
    }

    fn status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status {
            text: text.into(),
            error,
        });
    }

    fn move_selection(&mut self, delta: isize) {
        self.view_mut(self.tab).move_by(delta);
        self.detail = DetailCursor::default();
    }

    fn switch_tab(&mut self, tab: Tab) {
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
