//! Copying to the user's clipboard over SSH with OSC 52: the bytes to write, and the
//! words for the status line ("copied 1.2 KB", "not copied: 120 KB is over the 100 KB limit").
//!
//! The terminal, not this machine, owns the clipboard, so copying is an escape sequence
//! the explorer writes to its terminal. This module only builds those bytes (it never
//! writes them, and never reads the process environment: the caller passes an [`Env`]).
//!
//! Forms sent, so that copying works in each common setup without configuration:
//! - always the plain `ESC ] 52 ; c ; BASE64 BEL`: terminals read it directly, and tmux
//!   with `set-clipboard on` stores it in a paste buffer and forwards it outwards;
//! - inside tmux (`TMUX` set), also tmux's passthrough `ESC P tmux; <ESC doubled> ESC \`,
//!   for setups that rely on `allow-passthrough on` instead;
//! - inside GNU screen (`STY` set, or `TERM` starting with `screen` without `TMUX`), also
//!   screen's passthrough `ESC P … ESC \`, split into short strings because screen
//!   drops strings over 768 bytes. A remote shell inside a local tmux often has
//!   `TERM=screen*` too: there tmux takes the plain form and ignores the DCS.
//!
//! Multiplexers and terminals ignore forms they do not understand, so sending several
//! is safe; where two arrive, they carry the same text.
//!
//! Nothing answers an OSC 52, so the explorer cannot know a copy arrived. What it can
//! know is tmux's `set-clipboard`: with `external` (tmux's default) or `off`, tmux drops
//! the plain form, and only the passthrough form may still get through. [`tmux_setting`]
//! asks tmux (the one command this module runs; the explorer asks until tmux says `on`,
//! so a fix shows at the next copy), and [`sent`] words the status
//! line accordingly: "copied 1.2 KB" where nothing known stands in the way, else what was
//! sent, that it may not arrive, and the line that fixes it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::env::Env;
use crate::sanitize;

/// The largest payload sent: 100 KB. Terminals cap OSC 52 themselves (xterm and others
/// near 100 KB of base64); past a cap, the copy silently fails, so say so instead.
pub const LIMIT: usize = 100 * 1024;

/// How many base64 characters go in one screen string, well under screen's 768-byte limit.
const SCREEN_CHUNK: usize = 76;

const ESC: u8 = 0x1b;
const BEL: u8 = 0x07;

/// The payload was not sent because it is over [`LIMIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not copied: {} is over the {} limit", human_size(*.size), human_size(*.limit))]
pub struct TooLarge {
    pub size: usize,
    pub limit: usize,
}

/// The terminal multiplexer between the explorer and the terminal, as the environment tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mux {
    None,
    Tmux,
    Screen,
}

/// Which multiplexer, if any, the environment says the explorer runs in.
#[must_use]
pub fn mux(env: &Env) -> Mux {
    if env.is_set("TMUX") {
        Mux::Tmux
    } else if env.is_set("STY") || env.get("TERM").is_some_and(|t| t.starts_with("screen")) {
        Mux::Screen
    } else {
        Mux::None
    }
}

/// The bytes that copy `payload` to the clipboard, in every form the environment calls
/// for (see the module notes); the caller writes them to the terminal as they are.
///
/// The text copied is `payload` read as UTF-8 and passed through [`sanitize::text`]:
/// what lands in the clipboard is pasted into shells later, and a raw `ESC [ 201 ~`
/// in it could end bracketed paste early and run the rest. Pass a name through
/// [`sanitize::line`] first (no newline comes along), and a record's JSON through
/// [`sanitize::json`] (lossless; then nothing here changes it). The caller's
/// "copied …" figure is then simply the length of what it passed.
///
/// # Errors
/// [`TooLarge`] when the (sanitized) payload is over [`LIMIT`]; nothing is built.
pub fn osc52(payload: &[u8], env: &Env) -> Result<Vec<u8>, TooLarge> {
    let text = String::from_utf8_lossy(payload);
    let text = sanitize::text(&text);
    if text.len() > LIMIT {
        return Err(TooLarge {
            size: text.len(),
            limit: LIMIT,
        });
    }
    let encoded = STANDARD.encode(text.as_bytes());
    let plain = [b"\x1b]52;c;".as_slice(), encoded.as_bytes(), &[BEL]].concat();
    let mut out = plain.clone();
    match mux(env) {
        Mux::None => {}
        Mux::Tmux => {
            out.extend_from_slice(b"\x1bPtmux;");
            for &b in &plain {
                if b == ESC {
                    out.push(ESC);
                }
                out.push(b);
            }
            out.extend_from_slice(b"\x1b\\");
        }
        Mux::Screen => {
            out.extend_from_slice(b"\x1bP\x1b]52;c;");
            for (i, chunk) in encoded.as_bytes().chunks(SCREEN_CHUNK).enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"\x1b\\\x1bP");
                }
                out.extend_from_slice(chunk);
            }
            out.extend_from_slice(b"\x07\x1b\\");
        }
    }
    Ok(out)
}

/// A size as the status line says it: "812 B", "1.2 KB", "120 KB", "3.4 MB" (1 KB = 1024 B).
#[must_use]
pub fn human_size(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * 1024;
    // Tenths, rounded half up, in integers: a status line needs no float.
    let tenths = |unit: usize| (bytes * 10 + unit / 2) / unit;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < 10 * KB && tenths(KB) < 100 {
        let t = tenths(KB);
        format!("{}.{} KB", t / 10, t % 10)
    } else if bytes < MB && (bytes + KB / 2) / KB < 1024 {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        let t = tenths(MB);
        format!("{}.{} MB", t / 10, t % 10)
    }
}

/// The confirmation for the status line: "copied 1.2 KB".
#[must_use]
pub fn copied(bytes: usize) -> String {
    format!("copied {}", human_size(bytes))
}

/// tmux's `set-clipboard` (`on`, `external` or `off`), asked of the tmux server the
/// environment names (`TMUX` is `socket,pid,session`); `None` outside tmux, or when tmux
/// does not answer. Runs `tmux -S SOCKET show -sv set-clipboard` once per call: callers
/// keep the answer.
#[must_use]
pub fn tmux_setting(env: &Env) -> Option<String> {
    if mux(env) != Mux::Tmux {
        return None;
    }
    let socket = env.get("TMUX")?.split(',').next().filter(|s| !s.is_empty())?;
    let out = std::process::Command::new("tmux")
        .args(["-S", socket, "show-options", "-sv", "set-clipboard"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !value.is_empty()).then_some(value)
}

/// The status line after sending `bytes` bytes, given tmux's `set-clipboard` (see
/// [`tmux_setting`]; `None` outside tmux or when unknown): "copied 1.2 KB", or, when tmux
/// is set to drop OSC 52 from programs, what was sent, that it may not arrive and the
/// fix, in under 80 columns.
///
/// `unasked`: a tmux or screen stands between (its `TERM` says so) that cannot be asked,
/// as on the far side of SSH (the client's own tmux; [`unasked_mux`]): "copied" would be a
/// guess, so the line says what was sent and what a dropped copy needs.
#[must_use]
pub fn sent(bytes: usize, tmux_set_clipboard: Option<&str>, unasked: bool) -> String {
    match tmux_set_clipboard {
        Some(setting @ ("external" | "off")) => format!(
            "sent {}; tmux's set-clipboard {setting} may drop it: set -g set-clipboard on",
            human_size(bytes)
        ),
        None if unasked => format!(
            "sent {} to your terminal; if a tmux drops it: set -g set-clipboard on",
            human_size(bytes)
        ),
        _ => copied(bytes),
    }
}

/// Whether `TERM` names tmux or screen while no `TMUX` says which server to ask: a
/// multiplexer on the user's side of SSH, whose settings are out of reach.
#[must_use]
pub fn unasked_mux(env: &Env) -> bool {
    !env.is_set("TMUX")
        && env
            .get("TERM")
            .is_some_and(|t| t.starts_with("tmux") || t.starts_with("screen"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(b64: &[u8]) -> String {
        String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap()
    }

    /// Splits off the plain sequence at the start and returns (its text, the rest).
    fn plain_part(bytes: &[u8]) -> (String, &[u8]) {
        let body = bytes.strip_prefix(b"\x1b]52;c;").expect("starts with the plain form");
        let end = body.iter().position(|b| *b == BEL).expect("ends with BEL");
        (decode(&body[..end]), &body[end + 1..])
    }

    #[test]
    fn outside_a_multiplexer_only_the_plain_form_is_sent() {
        let env = Env::from_pairs([("TERM", "xterm-256color")]);
        let bytes = osc52("周大生 Chow Tai Seng".as_bytes(), &env).unwrap();
        let (text, rest) = plain_part(&bytes);
        assert_eq!(text, "周大生 Chow Tai Seng");
        assert!(rest.is_empty());
        assert_eq!(bytes, b"\x1b]52;c;5ZGo5aSn55SfIENob3cgVGFpIFNlbmc=\x07");
    }

    #[test]
    fn inside_tmux_the_passthrough_form_follows_with_every_esc_doubled() {
        for term in ["screen-256color", "tmux-256color", "xterm"] {
            let env = Env::from_pairs([("TMUX", "/tmp/tmux-0/default,1,0"), ("TERM", term)]);
            let bytes = osc52(b"hi", &env).unwrap();
            let (text, rest) = plain_part(&bytes);
            assert_eq!(text, "hi");
            assert_eq!(rest, b"\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\", "{term}");
        }
    }

    #[test]
    fn inside_screen_the_dcs_form_follows_in_short_strings() {
        for env in [
            Env::from_pairs([("STY", "1234.pts-0.host"), ("TERM", "xterm")]),
            Env::from_pairs([("TERM", "screen.xterm-256color")]),
        ] {
            assert_eq!(mux(&env), Mux::Screen);
            let bytes = osc52(b"hi", &env).unwrap();
            let (_, rest) = plain_part(&bytes);
            assert_eq!(rest, b"\x1bP\x1b]52;c;aGk=\x07\x1b\\");
        }
        let env = Env::from_pairs([("STY", "1")]);
        let payload = "x".repeat(1000);
        let bytes = osc52(payload.as_bytes(), &env).unwrap();
        let (_, rest) = plain_part(&bytes);
        let mut inner = rest.strip_prefix(b"\x1bP").unwrap().strip_suffix(b"\x1b\\").unwrap();
        let separator = b"\x1b\\\x1bP";
        let mut strings: Vec<&[u8]> = Vec::new();
        while let Some(at) = inner.windows(separator.len()).position(|w| w == separator) {
            strings.push(&inner[..at]);
            inner = &inner[at + separator.len()..];
        }
        strings.push(inner);
        assert!(strings.len() > 1);
        let mut joined = Vec::new();
        for s in &strings {
            assert!(s.len() < 768, "screen drops strings over 768 bytes");
            joined.extend_from_slice(s);
        }
        let (text, after) = plain_part(&joined);
        assert_eq!(text, payload, "the strings join into one plain sequence");
        assert!(after.is_empty());
    }

    #[test]
    fn empty_values_do_not_select_a_multiplexer() {
        assert_eq!(mux(&Env::from_pairs([("TMUX", ""), ("STY", "")])), Mux::None);
        assert_eq!(mux(&Env::default()), Mux::None);
        assert_eq!(mux(&Env::from_pairs([("TMUX", "x"), ("STY", "y")])), Mux::Tmux);
    }

    #[test]
    fn payloads_over_the_limit_are_refused_with_their_size() {
        let env = Env::default();
        assert!(osc52(&vec![b'a'; LIMIT], &env).is_ok());
        let err = osc52(&vec![b'a'; 120 * 1024], &env).unwrap_err();
        assert_eq!(
            err,
            TooLarge {
                size: 120 * 1024,
                limit: LIMIT
            }
        );
        assert_eq!(err.to_string(), "not copied: 120 KB is over the 100 KB limit");
    }

    #[test]
    fn control_characters_never_reach_the_clipboard() {
        let env = Env::default();
        let bytes = osc52("a\u{1b}[201~rm -rf ~\n\u{9b}\u{202e}b".as_bytes(), &env).unwrap();
        let (text, _) = plain_part(&bytes);
        assert_eq!(text, "a␛[201~rm -rf ~\n\u{fffd}\u{fffd}b");
        let inner = &bytes[1..bytes.len() - 1];
        assert!(
            !inner.contains(&ESC) && !inner.contains(&BEL),
            "base64 carries no controls"
        );
    }

    #[test]
    fn a_copy_tmux_may_drop_says_so_with_the_fix_and_fits_80_columns() {
        assert_eq!(sent(225, None, false), "copied 225 B");
        assert_eq!(sent(225, Some("on"), false), "copied 225 B");
        assert_eq!(sent(225, Some("on"), true), "copied 225 B");
        assert_eq!(
            sent(57, None, true),
            "sent 57 B to your terminal; if a tmux drops it: set -g set-clipboard on"
        );
        assert!(unasked_mux(&Env::from_pairs([("TERM", "tmux-256color")])));
        assert!(!unasked_mux(&Env::from_pairs([
            ("TERM", "tmux-256color"),
            ("TMUX", "/tmp/s,1,0")
        ])));
        assert!(!unasked_mux(&Env::from_pairs([("TERM", "xterm-256color")])));
        let external = sent(225, Some("external"), false);
        assert_eq!(
            external,
            "sent 225 B; tmux's set-clipboard external may drop it: set -g set-clipboard on"
        );
        assert!(sent(1229, Some("off"), false).starts_with("sent 1.2 KB; tmux's set-clipboard off"));
        // The widest size sent (the limit), with the footer's leading space, fits 80 columns.
        let footer = |s: String| format!(" {s}").len();
        assert!(footer(sent(LIMIT, Some("external"), false)) <= 80);
        assert!(footer(sent(LIMIT - 1, Some("external"), false)) <= 80);
    }

    #[test]
    fn tmux_is_asked_only_inside_tmux_and_a_silent_server_is_unknown() {
        assert_eq!(tmux_setting(&Env::from_pairs([("TERM", "xterm")])), None);
        let nowhere = Env::from_pairs([("TMUX", "/nonexistent/shuibei-test-socket,1,0")]);
        assert_eq!(tmux_setting(&nowhere), None, "no server there: unknown, not a guess");
    }

    #[test]
    fn tmux_setting_reads_the_servers_option() {
        if std::process::Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("SHUIBEI_REQUIRE_TMUX").is_none(),
                "SHUIBEI_REQUIRE_TMUX is set but tmux is not installed"
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("s");
        let socket = socket.to_str().unwrap();
        let tmux = |args: &[&str]| {
            std::process::Command::new("tmux")
                .args(["-S", socket, "-f", "/dev/null"])
                .args(args)
                .output()
                .unwrap()
        };
        assert!(tmux(&["new-session", "-d", "-x", "80", "-y", "24"]).status.success());
        let env = Env::from_pairs([("TMUX", format!("{socket},1,0").as_str())]);
        assert_eq!(tmux_setting(&env).as_deref(), Some("external"), "tmux's default");
        tmux(&["set-option", "-s", "set-clipboard", "on"]);
        assert_eq!(tmux_setting(&env).as_deref(), Some("on"));
        tmux(&["kill-server"]);
    }

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KB");
        assert_eq!(human_size(1229), "1.2 KB");
        assert_eq!(human_size(10 * 1024 - 1), "10 KB");
        assert_eq!(human_size(100 * 1024), "100 KB");
        assert_eq!(human_size(120 * 1024), "120 KB");
        assert_eq!(human_size(1024 * 1024 - 1), "1.0 MB");
        assert_eq!(human_size(3_565_158), "3.4 MB");
        assert_eq!(copied(1229), "copied 1.2 KB");
    }
}
