//! `cargo +nightly fuzz run explore`: the explorer driven by bytes read as a script of
//! keys, typed characters, pastes, mouse gestures and resizes (0..250 × 0..80), on the
//! shipped or the hostile dataset, drawn into a `TestBackend` after every step. Nothing
//! may panic, and no cell may hold a control or bidi character.
#![no_main]

use std::sync::{Arc, LazyLock};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuibei::explorer::app::App;
use shuibei::explorer::action::{Mouse, Msg};
use shuibei::data::db::Db;
use shuibei::explorer::keymap::{Key, Keymap};
use shuibei::explorer::ui::{self, Theme, theme::Palette};

static SHIPPED: LazyLock<Arc<Db>> = LazyLock::new(|| Arc::new(shuibei::data::load::embedded().expect("shipped data")));
static HOSTILE: LazyLock<Arc<Db>> = LazyLock::new(|| {
    let bytes = include_bytes!("../../tests/fixtures/hostile.json");
    Arc::new(shuibei::data::load::load_slice("hostile.json", bytes).expect("hostile fixture"))
});
static KEYS: LazyLock<Vec<Key>> =
    LazyLock::new(|| Keymap::default().all().iter().flat_map(|b| b.keys.clone()).collect());

/// Reads the script; past the end every read is 0, so any input is a whole script.
struct Script<'a>(std::slice::Iter<'a, u8>);

impl Script<'_> {
    fn byte(&mut self) -> u8 {
        self.0.next().copied().unwrap_or(0)
    }
    fn more(&self) -> bool {
        self.0.len() > 0
    }
    fn char(&mut self) -> char {
        let n = u32::from_le_bytes([self.byte(), self.byte(), self.byte() & 0x1f, 0]);
        char::from_u32(n % 0x11_0000).unwrap_or('\u{fffd}')
    }
    fn size(&mut self) -> (u16, u16) {
        (u16::from(self.byte()) % 251, u16::from(self.byte()) % 81)
    }
}

fn clean(terminal: &Terminal<TestBackend>) -> bool {
    let buffer = terminal.backend().buffer();
    !buffer
        .content
        .iter()
        .any(|cell| cell.symbol().chars().any(shuibei::sanitize::is_unsafe))
}

fuzz_target!(|data: &[u8]| {
    let mut s = Script(data.iter());
    let db = if s.byte() % 2 == 0 { &*SHIPPED } else { &*HOSTILE };
    let palette = [Palette::Dark, Palette::Light, Palette::Mono][usize::from(s.byte() % 3)];
    let theme = Theme::new(palette);
    let (w, h) = s.size();
    let mut app = App::new(Arc::clone(db), Keymap::default(), (w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal.draw(|frame| ui::render(&app, &theme, frame)).expect("drawn");
    assert!(clean(&terminal), "a control character in the first frame");
    while s.more() && !app.quit {
        let msg = match s.byte() % 10 {
            0..=3 => app.key_message(KEYS[usize::from(s.byte()) % KEYS.len()]),
            4 => {
                let code = match s.byte() % 4 {
                    0 => KeyCode::Enter,
                    1 => KeyCode::Esc,
                    2 => KeyCode::Backspace,
                    _ => KeyCode::Char(s.char()),
                };
                let mods = KeyModifiers::from_bits_truncate(s.byte() & 0x0f);
                app.key_message(Key::from_event(KeyEvent::new(code, mods)))
            }
            5 => Some(Msg::Insert(s.char())),
            6 => {
                let len = s.byte() % 32;
                Some(Msg::Paste((0..len).map(|_| s.char()).collect()))
            }
            7 => {
                let (column, row) = (u16::from(s.byte()), u16::from(s.byte()) % 100);
                Some(Msg::Mouse(match s.byte() % 3 {
                    0 => Mouse::Click { column, row },
                    1 => Mouse::ScrollUp { column, row },
                    _ => Mouse::ScrollDown { column, row },
                }))
            }
            8 => {
                let (w, h) = s.size();
                terminal.backend_mut().resize(w, h);
                Some(Msg::Resize(w, h))
            }
            _ => Some(Msg::Status(
                (0..s.byte() % 16).map(|_| s.char()).collect(),
                s.byte() % 2 == 0,
            )),
        };
        if let Some(msg) = msg {
            app.update(msg);
        }
        // Effects (exports, clipboard writes) are the event loop's: taken, not carried out.
        app.effects.clear();
        terminal.draw(|frame| ui::render(&app, &theme, frame)).expect("drawn");
        assert!(clean(&terminal), "a control character on screen");
    }
});
