//! The explorer's side of the fuzzing: random steps (keys, typing, pastes, clicks,
//! scrolls, resizes) driven into the app at random sizes, each frame checked for unsafe
//! characters.

use std::sync::{Arc, LazyLock};

use crossterm::event::{KeyCode, KeyModifiers};
use proptest::prelude::*;
use proptest::sample::Index;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuibei::data::db::Db;
use shuibei::explorer::action::{Mouse, Msg};
use shuibei::explorer::app::App;
use shuibei::explorer::keymap::{Key, Keymap};
use shuibei::explorer::ui::{self, Theme, theme::Palette};
use shuibei::sanitize::is_unsafe;

use super::json::{odd_char, odd_string};

/// One thing that can happen to the explorer.
#[derive(Debug, Clone)]
pub enum Step {
    /// A key of the default keymap, turned into a message in the current context.
    Bound(Index),
    /// Any key: a random character or named key with random modifiers.
    Key(KeyCode, KeyModifiers),
    /// A character typed straight into `update` (as if a text box were open).
    Insert(char),
    Paste(String),
    Click(u16, u16),
    ScrollUp(u16, u16),
    ScrollDown(u16, u16),
    Resize(u16, u16),
    /// A background result, like an export's.
    Status(String, bool),
}

pub static BOUND_KEYS: LazyLock<Vec<Key>> = LazyLock::new(|| {
    let mut keys: Vec<Key> = Keymap::default().all().iter().flat_map(|b| b.keys.clone()).collect();
    keys.dedup();
    keys
});

pub fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => odd_char().prop_map(KeyCode::Char),
        1 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Backspace, KeyCode::Delete, KeyCode::Insert,
            KeyCode::Tab, KeyCode::BackTab, KeyCode::Left, KeyCode::Right, KeyCode::Up, KeyCode::Down,
            KeyCode::Home, KeyCode::End, KeyCode::PageUp, KeyCode::PageDown, KeyCode::F(1), KeyCode::F(12),
        ]),
    ]
}

pub fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        4 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::SHIFT),
        1 => (0u8..16).prop_map(KeyModifiers::from_bits_truncate),
    ]
}

/// Sizes from none at all (a pty nobody sized) through tiny to very large.
pub fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (1u16..=250, 1u16..=80),
        2 => (1u16..=40, 1u16..=12),
        1 => (0u16..=2, 0u16..=2),
    ]
}

pub fn step() -> impl Strategy<Value = Step> {
    let spot = (0u16..260, 0u16..90);
    prop_oneof![
        12 => any::<Index>().prop_map(Step::Bound),
        3 => (key_code(), modifiers()).prop_map(|(c, m)| Step::Key(c, m)),
        2 => odd_char().prop_map(Step::Insert),
        2 => odd_string(40).prop_map(Step::Paste),
        2 => spot.clone().prop_map(|(c, r)| Step::Click(c, r)),
        1 => spot.clone().prop_map(|(c, r)| Step::ScrollUp(c, r)),
        1 => spot.prop_map(|(c, r)| Step::ScrollDown(c, r)),
        2 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (odd_string(30), any::<bool>()).prop_map(|(s, e)| Step::Status(s, e)),
    ]
}

pub fn message(app: &App, step: &Step) -> Option<Msg> {
    match step {
        Step::Bound(i) => app.key_message(BOUND_KEYS[i.index(BOUND_KEYS.len())]),
        Step::Key(code, mods) => app.key_message(Key::from_event(crossterm::event::KeyEvent::new(*code, *mods))),
        Step::Insert(c) => Some(Msg::Insert(*c)),
        Step::Paste(text) => Some(Msg::Paste(text.clone())),
        Step::Click(column, row) => Some(Msg::Mouse(Mouse::Click {
            column: *column,
            row: *row,
        })),
        Step::ScrollUp(column, row) => Some(Msg::Mouse(Mouse::ScrollUp {
            column: *column,
            row: *row,
        })),
        Step::ScrollDown(column, row) => Some(Msg::Mouse(Mouse::ScrollDown {
            column: *column,
            row: *row,
        })),
        Step::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Step::Status(text, error) => Some(Msg::Status(text.clone(), *error)),
    }
}

/// Fails on a cell holding a control or bidi character.
pub fn assert_clean(terminal: &Terminal<TestBackend>, after: &str) {
    let buffer = terminal.backend().buffer();
    for (i, cell) in buffer.content.iter().enumerate() {
        if let Some(c) = cell.symbol().chars().find(|c| is_unsafe(*c)) {
            let width = usize::from(buffer.area.width.max(1));
            panic!(
                "after {after}: U+{:04X} at column {}, row {}",
                c as u32,
                i % width,
                i / width
            );
        }
    }
}

/// Runs the steps as the event loop would: each message goes to `update`, the effects
/// are taken (and not carried out: no file is written, nothing is copied), and the
/// screen is drawn at the current size after every step.
pub fn explore(db: &Arc<Db>, start: (u16, u16), palette: Palette, steps: &[Step]) {
    let theme = Theme::new(palette);
    let mut app = App::new(Arc::clone(db), Keymap::default(), start);
    let mut terminal = Terminal::new(TestBackend::new(start.0, start.1)).expect("a test terminal");
    terminal.draw(|frame| ui::render(&app, &theme, frame)).expect("drawn");
    assert_clean(&terminal, "the first frame");
    for (n, step) in steps.iter().enumerate() {
        if let Some(msg) = message(&app, step) {
            app.update(msg);
        }
        for effect in app.effects.drain(..) {
            if let shuibei::explorer::app::Effect::Export { path, .. } = effect {
                assert!(!path.as_os_str().is_empty(), "an export to no file");
            }
        }
        if let Step::Resize(w, h) = step {
            terminal.backend_mut().resize(*w, *h);
        }
        terminal.draw(|frame| ui::render(&app, &theme, frame)).expect("drawn");
        assert_clean(&terminal, &format!("step {n} ({step:?})"));
        // The real loop stops at quit; carrying on would test states a person never sees.
        if app.quit {
            break;
        }
    }
}

pub fn palette() -> impl Strategy<Value = Palette> {
    prop::sample::select(vec![Palette::Dark, Palette::Light, Palette::Mono])
}
