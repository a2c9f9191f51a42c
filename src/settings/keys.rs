//! Key names as people write them ("ctrl-p", "alt-left", "G", "pagedown") and as the
//! footer, help and README show them (`Ctrl-P`, `Alt-←`, `PgDn`).
//!
//! One canonical form per key ([`normalize`]) so that a key from the config file and a
//! key event from crossterm compare equal: the keymap normalizes both. What each key
//! does is the keymap's business, not this module's.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyModifiers};

/// A key with its modifiers, in [`normalize`]d form.
pub type Key = (KeyCode, KeyModifiers);

/// The modifiers a key name can carry; others (super, hyper, meta) are dropped.
const NAMED_MODIFIERS: KeyModifiers = KeyModifiers::CONTROL
    .union(KeyModifiers::ALT)
    .union(KeyModifiers::SHIFT);

/// Named keys: every spelling accepted (lowercase), and the display name first.
const NAMES: &[(KeyCode, &str, &[&str])] = &[
    (KeyCode::Enter, "Enter", &["enter", "return", "ret", "cr"]),
    (KeyCode::Esc, "Esc", &["esc", "escape"]),
    (KeyCode::Tab, "Tab", &["tab"]),
    (KeyCode::BackTab, "Shift-Tab", &["backtab"]),
    (KeyCode::Backspace, "Backspace", &["backspace", "bs"]),
    (KeyCode::Delete, "Del", &["del", "delete"]),
    (KeyCode::Insert, "Ins", &["ins", "insert"]),
    (KeyCode::Home, "Home", &["home"]),
    (KeyCode::End, "End", &["end"]),
    (KeyCode::PageUp, "PgUp", &["pgup", "pageup", "page-up"]),
    (KeyCode::PageDown, "PgDn", &["pgdn", "pagedown", "page-down"]),
    (KeyCode::Up, "↑", &["up", "↑"]),
    (KeyCode::Down, "↓", &["down", "↓"]),
    (KeyCode::Left, "←", &["left", "←"]),
    (KeyCode::Right, "→", &["right", "→"]),
    (KeyCode::Char(' '), "Space", &["space", "spc"]),
];

/// The one form of a key that both the config file and terminal events reduce to:
/// shift is folded into the character for printable keys (`shift-g` and a terminal's
/// `Char('G') + SHIFT` are both `G`), a control chord's letter is lowercase (terminals
/// send Ctrl-P as `p`), Shift-Tab is `BackTab`, and modifiers other than Ctrl, Alt and
/// Shift are dropped.
#[must_use]
pub fn normalize(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    let mut mods = mods & NAMED_MODIFIERS;
    let code = match code {
        KeyCode::Char(c) if c != ' ' => {
            let c = if mods.contains(KeyModifiers::SHIFT) && c.is_lowercase() {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            };
            mods.remove(KeyModifiers::SHIFT);
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::BackTab => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    (code, mods)
}

/// Parses a key as written in the config file: optional `ctrl-`, `alt-` (or `meta-`) and
/// `shift-` prefixes in any case and order, then one character or a key name (`enter`,
/// `esc`, `tab`, `backtab`, `backspace`, `delete`, `insert`, `home`, `end`, `pageup`/`pgup`,
/// `pagedown`/`pgdn`, `up`, `down`, `left`, `right` or the arrows, `space`, `f1`–`f24`).
/// The result is [normalized](normalize). `-` alone, or after a prefix (`ctrl--`), is the
/// minus key.
///
/// # Errors
/// A message naming the text and what would be accepted.
pub fn parse_key(text: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err("a key cannot be empty; write e.g. \"q\", \"ctrl-p\" or \"pagedown\"".into());
    }
    let mut mods = KeyModifiers::NONE;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = [
            ("ctrl-", KeyModifiers::CONTROL),
            ("control-", KeyModifiers::CONTROL),
            ("alt-", KeyModifiers::ALT),
            ("meta-", KeyModifiers::ALT),
            ("shift-", KeyModifiers::SHIFT),
        ]
        .into_iter()
        .find(|(p, _)| lower.starts_with(p) && lower.len() > p.len());
        match prefix {
            Some((p, m)) => {
                mods |= m;
                rest = &rest[p.len()..];
            }
            None => break,
        }
    }
    let mut chars = rest.chars();
    let code = if let (Some(c), None) = (chars.next(), chars.next()) {
        NAMES
            .iter()
            .find(|(_, _, spellings)| spellings.contains(&rest))
            .map_or(KeyCode::Char(c), |(code, _, _)| *code)
    } else {
        let lower = rest.to_ascii_lowercase();
        let function = lower
            .strip_prefix('f')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=24).contains(n));
        match NAMES
            .iter()
            .find(|(_, _, spellings)| spellings.contains(&lower.as_str()))
        {
            Some((code, _, _)) => *code,
            None => match function {
                Some(n) => KeyCode::F(n),
                None => {
                    return Err(format!(
                        "unknown key {text:?}; write one character or a key name (enter, esc, tab, backspace, \
                         delete, insert, home, end, pageup, pagedown, up, down, left, right, space, f1-f24), \
                         optionally after ctrl-, alt- or shift-"
                    ));
                }
            },
        }
    };
    Ok(normalize(code, mods))
}

/// A key as the footer, the help overlay and the README show it: `Ctrl-P`, `Alt-←`,
/// `PgDn`, `G`, `Shift-Tab`, `F5`. [`parse_key`] reads every name this writes.
#[must_use]
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let (code, mods) = normalize(code, mods);
    let mut out = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    if mods.contains(KeyModifiers::SHIFT) {
        out.push_str("Shift-");
    }
    match code {
        KeyCode::Char(c) if c != ' ' => {
            if mods.contains(KeyModifiers::CONTROL) {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
        }
        KeyCode::F(n) => {
            let _ = write!(out, "F{n}");
        }
        other => match NAMES.iter().find(|(code, _, _)| *code == other) {
            Some((_, name, _)) => out.push_str(name),
            None => {
                let _ = write!(out, "{other:?}");
            }
        },
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    #[test]
    fn keys_parse_as_written() {
        let cases: &[(&str, KeyCode, KeyModifiers)] = &[
            ("q", KeyCode::Char('q'), NONE),
            ("G", KeyCode::Char('G'), NONE),
            ("shift-g", KeyCode::Char('G'), NONE),
            ("ctrl-p", KeyCode::Char('p'), CTRL),
            ("Ctrl-P", KeyCode::Char('p'), CTRL),
            ("CTRL-d", KeyCode::Char('d'), CTRL),
            ("alt-left", KeyCode::Left, ALT),
            ("Alt-←", KeyCode::Left, ALT),
            ("meta-x", KeyCode::Char('x'), ALT),
            ("ctrl-alt-x", KeyCode::Char('x'), CTRL | ALT),
            ("pagedown", KeyCode::PageDown, NONE),
            ("PgDn", KeyCode::PageDown, NONE),
            ("page-up", KeyCode::PageUp, NONE),
            ("shift-tab", KeyCode::BackTab, NONE),
            ("backtab", KeyCode::BackTab, NONE),
            ("shift-up", KeyCode::Up, SHIFT),
            ("enter", KeyCode::Enter, NONE),
            ("Esc", KeyCode::Esc, NONE),
            ("space", KeyCode::Char(' '), NONE),
            ("f5", KeyCode::F(5), NONE),
            ("F12", KeyCode::F(12), NONE),
            ("-", KeyCode::Char('-'), NONE),
            ("ctrl--", KeyCode::Char('-'), CTRL),
            ("?", KeyCode::Char('?'), NONE),
            ("/", KeyCode::Char('/'), NONE),
            ("水", KeyCode::Char('水'), NONE),
            ("  j ", KeyCode::Char('j'), NONE),
        ];
        for (text, code, mods) in cases {
            assert_eq!(parse_key(text), Ok((*code, *mods)), "{text}");
        }
    }

    #[test]
    fn bad_keys_say_what_is_accepted() {
        for bad in ["", "  ", "ctrl-", "hyper-x", "f0", "f25", "pagedwn", "ctrl-pagedwn"] {
            let err = parse_key(bad).unwrap_err();
            assert!(err.contains("key"), "{bad}: {err}");
        }
        assert!(parse_key("pagedwn").unwrap_err().contains("pagedown"));
        assert!(parse_key("ctrl-").unwrap_err().contains("\"ctrl-\""));
    }

    #[test]
    fn names_read_as_the_footer_shows_them() {
        assert_eq!(key_name(KeyCode::Char('p'), CTRL), "Ctrl-P");
        assert_eq!(key_name(KeyCode::Left, ALT), "Alt-←");
        assert_eq!(key_name(KeyCode::PageDown, NONE), "PgDn");
        assert_eq!(key_name(KeyCode::Char('G'), SHIFT), "G");
        assert_eq!(key_name(KeyCode::Char('g'), NONE), "g");
        assert_eq!(key_name(KeyCode::BackTab, SHIFT), "Shift-Tab");
        assert_eq!(key_name(KeyCode::Tab, SHIFT), "Shift-Tab");
        assert_eq!(key_name(KeyCode::Char(' '), NONE), "Space");
        assert_eq!(key_name(KeyCode::F(5), NONE), "F5");
        assert_eq!(key_name(KeyCode::Up, SHIFT), "Shift-↑");
        assert_eq!(key_name(KeyCode::Char('c'), CTRL | KeyModifiers::SUPER), "Ctrl-C");
    }

    #[test]
    fn every_name_parses_back_to_its_key() {
        let mut codes: Vec<KeyCode> = NAMES.iter().map(|(c, _, _)| *c).collect();
        codes.extend(['a', 'Z', '1', '?', '-', '水', 'é'].map(KeyCode::Char));
        codes.extend([1, 12, 24].map(KeyCode::F));
        for code in codes {
            for mods in [NONE, CTRL, ALT, SHIFT, CTRL | ALT, CTRL | SHIFT, ALT | SHIFT] {
                let name = key_name(code, mods);
                assert_eq!(
                    parse_key(&name),
                    Ok(normalize(code, mods)),
                    "{code:?} {mods:?} → {name}"
                );
            }
        }
    }

    #[test]
    fn terminal_events_and_config_keys_meet_in_one_form() {
        assert_eq!(normalize(KeyCode::Char('G'), SHIFT), parse_key("G").unwrap());
        assert_eq!(
            normalize(KeyCode::Char('P'), CTRL | SHIFT),
            parse_key("ctrl-p").unwrap()
        );
        assert_eq!(normalize(KeyCode::BackTab, SHIFT), parse_key("shift-tab").unwrap());
        assert_eq!(normalize(KeyCode::Char('d'), CTRL), parse_key("Ctrl-D").unwrap());
    }
}
