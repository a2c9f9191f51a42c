//! Screens drawn in memory for the render tests: keys pressed as a string, the frame in a
//! `TestBackend`, its lines as text, and the no-half-glyph check.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuibei::explorer::app::App;
use shuibei::explorer::keymap::Key;
use shuibei::explorer::ui::{self, Theme, theme::Palette};
use unicode_width::UnicodeWidthStr;

use super::explorer::app;

/// Presses keys written as a string (`\n` is Enter, `\u{1b}` Esc), through the keymap.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = match c {
            '\n' => Key::plain(crossterm::event::KeyCode::Enter),
            '\u{1b}' => Key::plain(crossterm::event::KeyCode::Esc),
            c => Key::ch(c),
        };
        if let Some(msg) = app.key_message(key) {
            app.update(msg);
        }
    }
}

/// The app drawn in a terminal of its size.
pub fn draw(app: &App, palette: Palette) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    let theme = Theme::new(palette);
    terminal.draw(|frame| ui::render(app, &theme, frame)).unwrap();
    terminal
}

/// An explorer of `w` × `h` on the shipped data after `keys`, drawn in colour.
pub fn screen(w: u16, h: u16, keys: &str) -> Terminal<TestBackend> {
    let mut a = app(w, h);
    press(&mut a, keys);
    draw(&a, Palette::Dark)
}

/// A row of cells, one symbol a cell (a wide character's second cell included).
pub fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// A row as a terminal shows it: a wide character's second cell is not one of its own.
pub fn shown_text(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += u16::try_from(symbol.width().max(1)).unwrap();
    }
    out
}

/// One line of the screen as drawn without colour.
pub fn mono_line(app: &App, y: u16) -> String {
    row_text(draw(app, Palette::Mono).backend().buffer(), y)
}

/// The whole screen as drawn without colour, a line per row.
pub fn mono_screen(app: &App) -> String {
    let terminal = draw(app, Palette::Mono);
    let buf = terminal.backend().buffer();
    (0..buf.area.height).map(|y| row_text(buf, y) + "\n").collect()
}

/// A wide character whose right half cell holds another symbol is a half glyph.
pub fn assert_no_half_glyphs(buf: &Buffer) {
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let w = buf[(x, y)].symbol().width().max(1);
            if w == 2 && x + 1 < buf.area.width {
                let next = buf[(x + 1, y)].symbol();
                assert!(
                    next == " " || next.is_empty(),
                    "half glyph at {x},{y}: {:?} then {next:?}",
                    buf[(x, y)].symbol()
                );
            }
            x += u16::try_from(w).unwrap();
        }
    }
}
