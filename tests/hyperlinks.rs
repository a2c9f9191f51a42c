//! Source URLs as OSC 8 hyperlinks, rendered in memory: each piece of a URL on screen is
//! one cell carrying the piece inside a link to the validated address, at every size;
//! addresses that fail validation, the text under an overlay, and terminals without
//! hyperlinks get plain text. (The bytes on a real pseudo-terminal: tests/bandwidth.rs.)

use crate::common;

use std::sync::Arc;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};
use shuibei::explorer::app::App;
use shuibei::explorer::keymap::{Key, Keymap};
use shuibei::explorer::ui::{self, Theme, theme::Palette};
use shuibei::sanitize::{self, Osc8};
use unicode_width::UnicodeWidthStr;

const LONG: &str =
    "https://vip.stock.finance.sina.com.cn/corp/view/vCB_AllBulletinDetail.php?id=9174565&stockid=002867";
const ZH: &str = "https://example.com/水贝/黄金 珠宝?q=\"金\"";
const ZH_TARGET: &str =
    "https://example.com/%E6%B0%B4%E8%B4%9D/%E9%BB%84%E9%87%91%20%E7%8F%A0%E5%AE%9D?q=%22%E9%87%91%22";

fn app(w: u16, h: u16) -> App {
    let db = shuibei::data::load::load_file(&common::fixture("ok/links.json")).expect("the fixture loads");
    let mut app = App::new(Arc::new(db), Keymap::default(), (w, h));
    // From the Overview (where the explorer opens) to the fixture's one event.
    press(&mut app, Key::ch('1'));
    app
}

fn draw(app: &App, links: bool) -> Buffer {
    let mut theme = Theme::new(Palette::Dark);
    theme.hyperlinks = links;
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| ui::render(app, &theme, frame))
        .unwrap()
        .buffer
        .clone()
}

/// Every hyperlink cell of a frame: (x, y, the link), checking each is well formed.
fn links(buf: &Buffer) -> Vec<(u16, u16, Osc8<'_>)> {
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if !cell.symbol().contains('\u{1b}') {
                continue;
            }
            let link = sanitize::parse_osc8(cell.symbol()).expect("only the renderer's own links hold an escape");
            let CellDiffOption::ForcedWidth(w) = cell.diff_option else {
                panic!("a link cell without its width: {cell:?}")
            };
            assert_eq!(usize::from(w.get()), link.text.width(), "the width is the text's");
            for covered in x + 1..x + w.get() {
                assert_eq!(buf[(covered, y)].diff_option, CellDiffOption::Skip, "({covered}, {y})");
            }
            found.push((x, y, link));
        }
    }
    found
}

fn press(a: &mut App, key: Key) {
    if let Some(msg) = a.key_message(key) {
        a.update(msg);
    }
}

/// The text of a row, a link cell read as its text and a wide character's covered cell
/// skipped: what a person sees.
fn row(buf: &Buffer, y: u16) -> String {
    let mut text = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        let shown = sanitize::parse_osc8(symbol).map_or(symbol, |l| l.text);
        text.push_str(shown);
        x += u16::try_from(shown.width().max(1)).unwrap();
    }
    text
}

#[test]
fn each_url_piece_on_screen_links_to_the_validated_address_at_every_size() {
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        let mut a = app(w, h);
        // Into the detail, then down it line by line: each URL must show whole, as links,
        // in some frame (at 80×24 the pane holds only a few lines at a time).
        press(&mut a, Key::plain(KeyCode::Enter));
        let (mut long_whole, mut zh_whole, mut refused_shown) = (false, false, false);
        for _ in 0..20 {
            let buf = draw(&a, true);
            let found = links(&buf);
            let joined = |target: &str| -> String {
                found
                    .iter()
                    .filter(|(_, _, l)| l.target == target)
                    .map(|(_, _, l)| l.text)
                    .collect()
            };
            long_whole |= joined(LONG) == LONG;
            zh_whole |= joined(ZH_TARGET) == ZH;
            for (_, _, link) in &found {
                assert!(link.target == LONG || link.target == ZH_TARGET, "{w}x{h}: {link:?}");
                assert!(link.id.starts_with("shuibei-"));
            }
            let ids: std::collections::BTreeSet<&str> = found.iter().map(|(_, _, l)| l.id).collect();
            assert!(ids.len() <= 2, "one id per URL: {ids:?}");
            let screen: String = (0..h).map(|y| row(&buf, y)).collect();
            refused_shown |= screen.contains("javascript:alert(document.cookie)");
            press(&mut a, Key::ch('j'));
        }
        assert!(long_whole, "{w}x{h}: the long URL, whole over its pieces, linked");
        assert!(zh_whole, "{w}x{h}: shown as stored, linked percent-encoded");
        assert!(refused_shown, "{w}x{h}: a refused address is shown as text");
    }
}

#[test]
fn without_hyperlinks_no_cell_holds_an_escape_and_the_text_is_the_same() {
    for (w, h) in [(80, 24), (200, 60)] {
        let a = app(w, h);
        let plain = draw(&a, false);
        assert!(plain.content.iter().all(|c| !c.symbol().contains('\u{1b}')));
        let linked = draw(&a, true);
        assert!(!links(&linked).is_empty() || h < 30, "{w}x{h}");
        for y in 0..h {
            assert_eq!(row(&linked, y), row(&plain, y), "{w}x{h} row {y}: links change no text");
        }
    }
}

#[test]
fn an_overlay_over_a_url_leaves_no_link_under_it() {
    let mut a = app(120, 40);
    let open = links(&draw(&a, true)).len();
    assert!(open > 0);
    for key in [Key::ch('?'), Key::plain(KeyCode::Esc), Key::ctrl('p')] {
        press(&mut a, key);
        let buf = draw(&a, true);
        // Whatever links remain are whole pieces the overlay left alone (`links` checks
        // their form), and each still shows its own text.
        for (_, _, link) in links(&buf) {
            assert!(LONG.contains(link.text) || ZH.contains(link.text), "{link:?}");
        }
        if key == Key::ch('?') {
            assert!(links(&buf).len() < open, "the help covers the detail: its links go");
        }
    }
    press(&mut a, Key::plain(KeyCode::Esc));
    assert_eq!(
        links(&draw(&a, true)).len(),
        open,
        "back as before once the overlay closes"
    );
}
