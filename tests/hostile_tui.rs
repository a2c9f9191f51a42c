//! The explorer's screens over the hostile fixture, rendered in memory: no cell of any
//! tab, detail pane or overlay, at any size, holds a control or bidi character from
//! the data. (The raw byte stream under a real terminal is the tmux tests' job.)

use std::sync::Arc;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuibei::explorer::app::App;
use shuibei::explorer::keymap::{Key, Keymap};
use shuibei::explorer::ui::{self, Theme, theme::Palette};

fn db() -> Arc<shuibei::data::db::Db> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.json");
    Arc::new(shuibei::data::load::load_file(&path).expect("the hostile fixture loads"))
}

/// Independent of `sanitize`, so the test does not trust the code it checks.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Fails on a forbidden character; returns whether the screen shows a placeholder (`␛`),
/// the sign that hostile text was drawn, defused.
fn assert_clean(terminal: &Terminal<TestBackend>, what: &str) -> bool {
    let buffer = terminal.backend().buffer();
    for (i, cell) in buffer.content.iter().enumerate() {
        if let Some(c) = cell.symbol().chars().find(|c| forbidden(*c)) {
            let width = usize::from(buffer.area.width);
            panic!(
                "{what}: U+{:04X} at column {}, row {}\n{}",
                c as u32,
                i % width,
                i / width,
                terminal.backend()
            );
        }
    }
    buffer.content.iter().any(|cell| cell.symbol() == "␛")
}

fn press(app: &mut App, key: Key) {
    if let Some(msg) = app.key_message(key) {
        app.update(msg);
    }
}

#[test]
fn no_screen_shows_a_control_character_from_the_data() {
    let db = db();
    let mut defused = 0;
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        for palette in [Palette::Dark, Palette::Mono] {
            let mut app = App::new(Arc::clone(&db), Keymap::default(), (w, h));
            app.update(shuibei::explorer::action::Msg::BriefReady(Arc::new(
                shuibei::data::brief::Brief::build(&db),
            )));
            let mut theme = Theme::new(palette);
            // With hyperlinks drawn too: the fixture's URL smuggles controls, so no link
            // (and no escape) may come of it.
            theme.hyperlinks = palette == Palette::Dark;
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            let mut step = |app: &mut App, key: Option<Key>, what: &str| {
                if let Some(key) = key {
                    press(app, key);
                }
                terminal.draw(|frame| ui::render(app, &theme, frame)).unwrap();
                if assert_clean(&terminal, &format!("{w}x{h} {palette:?} {what}")) {
                    defused += 1;
                }
            };
            step(&mut app, None, "start");
            for tab in ['0', '1', '2', '3', '4', '5'] {
                step(&mut app, Some(Key::ch(tab)), &format!("tab {tab}"));
                for row in 0..3 {
                    step(&mut app, Some(Key::ch('j')), &format!("tab {tab}, row {row}"));
                }
                // Open what the row or the Overview's line stands for; the comparison of
                // figures on the Indicators tab; and back.
                step(&mut app, Some(Key::plain(KeyCode::Enter)), &format!("tab {tab}, open"));
                step(&mut app, Some(Key::ch('=')), &format!("tab {tab}, compare"));
                step(&mut app, Some(Key::plain(KeyCode::Esc)), &format!("tab {tab}, closed"));
                step(
                    &mut app,
                    Some(Key::plain(KeyCode::Backspace)),
                    &format!("tab {tab}, back"),
                );
                step(&mut app, Some(Key::ch(tab)), &format!("tab {tab} again"));
                step(&mut app, Some(Key::plain(KeyCode::Tab)), &format!("tab {tab}, next"));
                step(&mut app, Some(Key::ch('?')), &format!("tab {tab}, help"));
                step(
                    &mut app,
                    Some(Key::plain(KeyCode::Esc)),
                    &format!("tab {tab}, help closed"),
                );
            }
        }
    }
}
