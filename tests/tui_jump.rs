//! Ctrl-P's jump box lands on a record as it was asked for: the target tab's own search
//! does not stay beside what was typed in the box.

use crate::common;

use common::explorer::{app, ch, code, press, settle, type_in};
use common::screen::mono_screen;

use crossterm::event::KeyCode;
use shuibei::data::model::RecordKind;
use shuibei::explorer::keymap::Key;

/// A trial searched Brands for `zhoudafu`, went to Enterprises, and jumped to 周大福 with
/// Ctrl-P: Brands came back with `/ zhoudafu` in its box and the detail said "why:
/// pinyin: 周大福" for a Chinese query. The jump drops that search (Back brings it back).
#[test]
fn a_jump_from_the_box_drops_the_target_tabs_old_search() {
    let mut a = app(100, 30);
    settle(&mut a);
    press(&mut a, &[ch('3'), ch('/')]);
    type_in(&mut a, "zhoudafu");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    assert!(
        mono_screen(&a).contains("why: pinyin"),
        "the Brands search answers by pinyin"
    );
    press(&mut a, &[ch('2'), Key::ctrl('p')]);
    type_in(&mut a, "周大福");
    settle(&mut a);
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    assert_eq!(a.tab, RecordKind::Brand);
    let chosen = a.selected().expect("a record is chosen");
    let label = shuibei::data::present::label(&a.db, chosen);
    assert!(label.contains("周大福"), "{label}");
    assert_eq!(a.view(RecordKind::Brand).query.text, "", "no stale query");
    let screen = mono_screen(&a);
    assert!(!screen.contains("zhoudafu"), "{screen}");
    assert!(!screen.contains("why: pinyin"), "{screen}");
    let status = a.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.contains("its tab's search cleared"), "{status}");
    // Back: Enterprises as it was, and the Brands search is kept for a later visit.
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, RecordKind::Enterprise);
    assert_eq!(a.view(RecordKind::Brand).query.text, "zhoudafu");
}
