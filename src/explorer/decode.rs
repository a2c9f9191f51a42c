//! Terminal input from bytes: what a terminal sends (keys, SGR mouse reports, bracketed
//! paste) becomes the crossterm events the explorer's keymap reads. Both terminals the
//! explorer draws into read their input through it: the local tty (`run`) and an SSH
//! client's channel (`serve`).
//!
//! The sequences themselves are parsed by `terminput`; this module feeds it one byte at
//! a time and adds what a byte stream needs: a lone Esc is told from the start of a
//! sequence by waiting briefly for what follows ([`ESC_WAIT`]); Esc Esc arriving together
//! is two presses of Esc (crossterm's own reader makes one Esc of them, and the second
//! was lost: a search box stayed open and took the next key); a paste is collected here
//! with a cap ([`PASTE_LIMIT`]), so a client that never ends one cannot grow memory; an
//! unknown or overlong sequence is dropped, never guessed.

use std::time::Duration;

use crossterm::event as ct;

/// How long a lone Esc waits for the rest of a sequence before it counts as the Esc key.
/// A terminal writes a sequence in one go, and ssh sends it in one packet; the wait only
/// matters when a packet is split, and is short enough not to be felt.
pub const ESC_WAIT: Duration = Duration::from_millis(50);

/// The most of one paste kept: the explorer's boxes are one line long, so this is far
/// more than any use; the rest of a longer paste is read and dropped.
pub const PASTE_LIMIT: usize = 64 * 1024;

/// No key, mouse or control sequence is longer than this; a longer run is junk.
const SEQUENCE_LIMIT: usize = 64;

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Turns bytes into events, keeping what is incomplete for the next bytes.
#[derive(Debug, Default)]
pub struct Decoder {
    /// An incomplete key or sequence.
    pending: Vec<u8>,
    /// Inside a bracketed paste: what was kept of it, and the last bytes seen (to find
    /// its end after the cap is reached).
    paste: Option<Paste>,
}

#[derive(Debug, Default)]
struct Paste {
    kept: Vec<u8>,
    tail: Vec<u8>,
}

impl Decoder {
    #[must_use]
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// The events these bytes complete, in order.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<ct::Event> {
        let mut events = Vec::new();
        for &byte in bytes {
            if self.paste.is_some() {
                self.paste_byte(byte, &mut events);
                continue;
            }
            // Esc Esc is two presses of Esc, not Alt-Esc: people press it twice to be sure.
            if self.pending == [ESC] && byte == ESC {
                events.push(esc());
                self.pending.clear();
            }
            self.pending.push(byte);
            if self.pending == [ESC] {
                // The next byte decides; with none yet, the caller waits (`escape_pending`).
                continue;
            }
            if self.pending == PASTE_START {
                self.pending.clear();
                self.paste = Some(Paste::default());
                continue;
            }
            self.parse(&mut events);
        }
        events
    }

    /// Whether a lone Esc waits for more bytes: the caller waits [`ESC_WAIT`] and then
    /// calls [`Decoder::flush`].
    #[must_use]
    pub fn escape_pending(&self) -> bool {
        self.paste.is_none() && self.pending == [ESC]
    }

    /// Nothing followed: a pending lone Esc is the Esc key.
    pub fn flush(&mut self) -> Vec<ct::Event> {
        if self.escape_pending() {
            self.pending.clear();
            vec![esc()]
        } else {
            Vec::new()
        }
    }

    fn parse(&mut self, events: &mut Vec<ct::Event>) {
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                    events.push(event);
                }
                self.pending.clear();
            }
            Ok(None) if self.pending.len() < SEQUENCE_LIMIT => {}
            // Not a sequence anything knows, or one that never ends: drop it.
            Ok(None) | Err(_) => self.pending.clear(),
        }
    }

    fn paste_byte(&mut self, byte: u8, events: &mut Vec<ct::Event>) {
        let Some(paste) = self.paste.as_mut() else {
            return;
        };
        paste.tail.push(byte);
        if paste.tail.len() > PASTE_END.len() {
            let first = paste.tail.remove(0);
            if paste.kept.len() < PASTE_LIMIT {
                paste.kept.push(first);
            }
        }
        if paste.tail == PASTE_END {
            let text = String::from_utf8_lossy(&paste.kept).into_owned();
            self.paste = None;
            events.push(ct::Event::Paste(text));
        }
    }
}

fn esc() -> ct::Event {
    ct::Event::Key(ct::KeyEvent::new(ct::KeyCode::Esc, ct::KeyModifiers::NONE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ct::{KeyCode, KeyModifiers, MouseButton, MouseEventKind};

    fn keys(events: &[ct::Event]) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .iter()
            .filter_map(|e| match e {
                ct::Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn plain_keys_control_keys_and_cjk() {
        let mut d = Decoder::new();
        let events = d.feed("q/周\r\x03\x7f\t".as_bytes());
        assert_eq!(
            keys(&events),
            vec![
                (KeyCode::Char('q'), KeyModifiers::NONE),
                (KeyCode::Char('/'), KeyModifiers::NONE),
                (KeyCode::Char('周'), KeyModifiers::NONE),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::Backspace, KeyModifiers::NONE),
                (KeyCode::Tab, KeyModifiers::NONE),
            ]
        );
    }

    #[test]
    fn sequences_split_across_reads_are_joined() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b").is_empty());
        assert!(d.escape_pending());
        assert!(d.feed(b"[").is_empty());
        assert!(!d.escape_pending());
        assert_eq!(keys(&d.feed(b"A")), vec![(KeyCode::Up, KeyModifiers::NONE)]);
        // A CJK character split in the middle of its bytes.
        let bytes = "大".as_bytes();
        assert!(d.feed(&bytes[..1]).is_empty());
        assert_eq!(
            keys(&d.feed(&bytes[1..])),
            vec![(KeyCode::Char('大'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn a_lone_esc_waits_then_counts_as_esc() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(keys(&d.flush()), vec![(KeyCode::Esc, KeyModifiers::NONE)]);
        assert!(d.flush().is_empty(), "flushed once");
        assert_eq!(
            keys(&d.feed(b"\x1b\x1b")),
            vec![(KeyCode::Esc, KeyModifiers::NONE)],
            "the first of two"
        );
        assert_eq!(keys(&d.flush()), vec![(KeyCode::Esc, KeyModifiers::NONE)]);
        assert_eq!(keys(&d.feed(b"\x1bj")), vec![(KeyCode::Char('j'), KeyModifiers::ALT)]);
    }

    #[test]
    fn arrows_and_function_keys() {
        let mut d = Decoder::new();
        let events = d.feed(b"\x1b[B\x1bOA\x1b[5~\x1b[1;5C\x1b[Z");
        assert_eq!(
            keys(&events),
            vec![
                (KeyCode::Down, KeyModifiers::NONE),
                (KeyCode::Up, KeyModifiers::NONE),
                (KeyCode::PageUp, KeyModifiers::NONE),
                (KeyCode::Right, KeyModifiers::CONTROL),
                (KeyCode::BackTab, KeyModifiers::SHIFT),
            ]
        );
    }

    #[test]
    fn sgr_mouse_clicks_and_wheel() {
        let mut d = Decoder::new();
        let events = d.feed(b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<65;3;4M");
        let kinds: Vec<(MouseEventKind, u16, u16)> = events
            .iter()
            .filter_map(|e| match e {
                ct::Event::Mouse(m) => Some((m.kind, m.column, m.row)),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (MouseEventKind::Down(MouseButton::Left), 9, 4),
                (MouseEventKind::Up(MouseButton::Left), 9, 4),
                (MouseEventKind::ScrollDown, 2, 3),
            ]
        );
    }

    #[test]
    fn paste_across_reads_keeps_escapes_as_text_and_is_capped() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b[200~gold \x1b[31m").is_empty());
        let events = d.feed(b"jade\x1b[201~q");
        assert_eq!(events.len(), 2);
        assert!(matches!(&events[0], ct::Event::Paste(t) if t == "gold \x1b[31mjade"));
        assert_eq!(keys(&events[1..]), vec![(KeyCode::Char('q'), KeyModifiers::NONE)]);

        let mut big = b"\x1b[200~".to_vec();
        big.extend(std::iter::repeat_n(b'x', PASTE_LIMIT * 3));
        big.extend_from_slice(b"\x1b[201~");
        let events = d.feed(&big);
        assert!(matches!(&events[..], [ct::Event::Paste(t)] if t.len() == PASTE_LIMIT));
    }

    #[test]
    fn junk_is_dropped_and_decoding_goes_on() {
        let mut d = Decoder::new();
        let mut junk = b"\x1b[".to_vec();
        junk.extend(std::iter::repeat_n(b'1', 200));
        junk.push(b'x');
        let events = d.feed(&junk);
        assert!(keys(&events).iter().all(|(code, _)| *code != KeyCode::Up));
        assert_eq!(keys(&d.feed(b"j")), vec![(KeyCode::Char('j'), KeyModifiers::NONE)]);
        // Invalid UTF-8 is dropped; the next key is read.
        assert_eq!(
            keys(&d.feed(b"\xff\xfek")),
            vec![(KeyCode::Char('k'), KeyModifiers::NONE)]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_in_any_split_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300), cut in 0usize..300) {
            let mut d = Decoder::new();
            let cut = cut.min(bytes.len());
            let _ = d.feed(&bytes[..cut]);
            let _ = d.feed(&bytes[cut..]);
            let _ = d.flush();
            proptest::prop_assert!(d.pending.len() < SEQUENCE_LIMIT);
        }
    }
}
