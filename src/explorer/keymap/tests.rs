//! Tests of `keymap`, kept apart so the module reads in one sitting.

use super::*;

#[test]
fn no_key_means_two_things_in_one_place() {
    let keymap = Keymap::default();
    for context in Context::HELP_ORDER {
        for tab in Tab::ALL {
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for b in keymap.bindings(context, tab) {
                for key in &b.keys {
                    if let Some((_, other)) = seen.iter().find(|(k, _)| k == key) {
                        panic!(
                            "{} means both {other:?} and {:?} in {context:?}/{tab:?}",
                            key.name(),
                            b.action
                        );
                    }
                    seen.push((*key, b.action));
                }
            }
        }
    }
}

#[test]
fn every_action_has_a_unique_name() {
    for (i, a) in Action::ALL.iter().enumerate() {
        assert_eq!(Action::from_name(a.name()), Some(*a));
        assert!(Action::ALL[i + 1..].iter().all(|b| b.name() != a.name()));
    }
}

#[test]
fn keys_are_named_as_people_write_them() {
    assert_eq!(Key::ctrl('p').name(), "Ctrl-P");
    assert_eq!(Key::alt(KeyCode::Left).name(), "Alt-←");
    assert_eq!(Key::plain(KeyCode::PageDown).name(), "PgDn");
    assert_eq!(Key::ch('G').name(), "G");
    assert_eq!(Key::plain(KeyCode::BackTab).name(), "Shift-Tab");
}

#[test]
fn terminals_shift_and_case_quirks_are_normalized() {
    let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(shifted_g), Key::ch('G'));
    let ctrl_upper = KeyEvent::new(KeyCode::Char('P'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(ctrl_upper).code, KeyCode::Char('p'));
    let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(question), Key::ch('?'));
    let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(backtab), Key::plain(KeyCode::BackTab));
}

#[test]
fn rebinding_replaces_keys_and_rejects_unknown_actions() {
    let mut keymap = Keymap::default();
    keymap.rebind(&[("quit".into(), vec![Key::ch('x')])]).unwrap();
    assert_eq!(
        keymap.action(Context::List, Tab::Brands, Key::ch('x')),
        Some(Action::Quit)
    );
    assert_eq!(keymap.action(Context::List, Tab::Brands, Key::ch('q')), None);
    let err = keymap.rebind(&[("qiut".into(), vec![])]).unwrap_err();
    assert!(err.contains("unknown action \"qiut\""), "{err}");
}

#[test]
fn a_rebinding_cannot_take_a_key_another_action_holds() {
    let mut keymap = Keymap::default();
    let err = keymap.rebind(&[("quit".into(), vec![Key::ch('j')])]).unwrap_err();
    assert_eq!(
        err,
        "keys.quit: j already means \"move down\" (browsing a list); rebind down too, or pick another key"
    );
    // Moving `j` away first frees it.
    keymap
        .rebind(&[
            ("down".into(), vec![Key::plain(KeyCode::Down)]),
            ("quit".into(), vec![Key::ch('j')]),
        ])
        .unwrap();
    assert_eq!(
        keymap.action(Context::List, Tab::History, Key::ch('j')),
        Some(Action::Quit)
    );
}

#[test]
fn ctrl_c_always_quits_and_text_boxes_keep_their_characters() {
    let mut keymap = Keymap::default();
    keymap.rebind(&[("quit".into(), vec![Key::ch('x')])]).unwrap();
    for context in Context::HELP_ORDER {
        assert_eq!(
            keymap.action(context, Tab::Enterprises, CTRL_C),
            Some(Action::Quit),
            "{context:?}"
        );
    }
    assert_eq!(
        keymap.action(Context::Input, Tab::Enterprises, Key::ch('x')),
        None,
        "x is typed into a box, not obeyed"
    );
    let err = keymap.rebind(&[("search".into(), vec![CTRL_C])]).unwrap_err();
    assert!(err.contains("Ctrl-C always quits"), "{err}");
}
