//! The explorer's state without a terminal, for the state and screen tests: the shipped
//! dataset and its index (built once per test binary), and a stand-in for the event
//! loop that answers search requests at once (the real loop hands them to a thread).

use std::sync::{Arc, LazyLock};

use crossterm::event::KeyCode;

use shuibei::data::brief::Brief;
use shuibei::data::db::Db;
use shuibei::explorer::action::Msg;
use shuibei::explorer::app::facets::Facet;
use shuibei::explorer::app::{App, Effect};
use shuibei::explorer::keymap::{Key, Keymap};
use shuibei::search::{self, Done, Index};

pub static DB: LazyLock<Arc<Db>> =
    LazyLock::new(|| Arc::new(shuibei::data::load::embedded().expect("the shipped data loads")));
pub static INDEX: LazyLock<Arc<Index>> = LazyLock::new(|| Arc::new(Index::build(&DB)));
pub static BRIEF: LazyLock<Arc<Brief>> = LazyLock::new(|| Arc::new(Brief::build(&DB)));

/// An explorer on the shipped dataset in a terminal of `w` × `h`, its brief computed
/// (the event loop computes it off the UI thread; here it arrives at once).
#[must_use]
pub fn app(w: u16, h: u16) -> App {
    let mut app = App::new(Arc::clone(&DB), Keymap::default(), (w, h));
    app.update(Msg::BriefReady(Arc::clone(&BRIEF)));
    app
}

/// Answers the app's search requests synchronously, as the worker would later; other
/// effects are left for the test to look at.
pub fn settle(a: &mut App) {
    settle_on(a, &INDEX);
}

/// [`settle`] with the index of another dataset than the shipped one.
pub fn settle_on(a: &mut App, index: &Arc<Index>) {
    if a.index.is_none() {
        a.update(Msg::IndexReady(Arc::clone(index)));
    }
    loop {
        let (searches, rest): (Vec<Effect>, Vec<Effect>) =
            a.effects.drain(..).partition(|e| matches!(e, Effect::Search { .. }));
        a.effects = rest;
        if searches.is_empty() {
            return;
        }
        for effect in searches {
            if let Effect::Search { scope, query } = effect {
                let outcome = search::search(index, &a.db, scope, &query, None);
                // As the worker does: the note on what the query may not mean as written.
                let outcome = search::worker::with_hint(outcome, search::query::hint(&query).as_deref());
                // As the worker does: why nothing matched, when a field asked is empty.
                let nothing = if outcome.matched == 0 {
                    search::worker::why_nothing(index, &a.db, scope, &query)
                } else {
                    search::WhyNothing::default()
                };
                a.update(Msg::SearchDone(Done {
                    generation: 0,
                    scope,
                    query,
                    settled: outcome.hits.len(),
                    outcome,
                    complete: true,
                    nothing,
                }));
            }
        }
    }
}

/// Types text into the open box, one character at a time, answering each search.
pub fn type_in(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(Msg::Insert(c));
        settle(a);
    }
}

/// Presses keys the way the event loop does: through the keymap.
pub fn press(app: &mut App, keys: &[Key]) {
    for key in keys {
        if let Some(msg) = app.key_message(*key) {
            app.update(msg);
        }
    }
}

pub fn ch(c: char) -> Key {
    Key::ch(c)
}

pub fn code(code: KeyCode) -> Key {
    Key::plain(code)
}

/// Whether the explorer stands where following `link` leads: its record selected, or its
/// source selected in the Sources tab.
pub fn landed_on(a: &App, link: shuibei::explorer::app::Link) -> bool {
    use shuibei::explorer::action::Tab;
    use shuibei::explorer::app::Link;
    match link {
        Link::Record(rec) => a.selected() == Some(rec),
        Link::Source(i) => a.tab == Tab::Sources && a.current_view().current_row() == Some(i),
        Link::Question(_) | Link::Tab(_) | Link::Summary => false,
    }
}

/// Opens the picker on the current tab and toggles the entry of `facet` = `value`.
pub fn choose(a: &mut App, facet: Facet, value: &str) -> usize {
    if !matches!(a.overlay, shuibei::explorer::app::Overlay::Picker(_)) {
        press(a, &[ch('f')]);
    }
    let shuibei::explorer::app::Overlay::Picker(picker) = &a.overlay else {
        panic!("f opens the picker")
    };
    let at = picker
        .entries
        .iter()
        .position(|e| e.facet == facet && e.value == value)
        .unwrap_or_else(|| panic!("{facet:?}={value} among {:?}", picker.entries));
    let count = picker.entries[at].count;
    let from = picker.cursor;
    for _ in from..at {
        press(a, &[ch('j')]);
    }
    for _ in at..from {
        press(a, &[ch('k')]);
    }
    press(a, &[ch(' ')]);
    count
}
