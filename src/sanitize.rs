//! The one place that makes untrusted text safe for a terminal.
//!
//! A dataset is untrusted input: a name may hold `ESC [ 2 J`, an OSC 52 sequence or a C1
//! `CSI`. Everything user-visible passes through here: the TUI's frame buffer is swept
//! by [`sweep_buffer`] after each draw, CLI text is written through [`line()`]/[`text()`],
//! JSON output through [`json`], and exported CSV fields through [`text`] (stdout) or
//! [`file_text`] (files). Control characters become visible placeholders
//! (`␛` for ESC) instead of being dropped, so a reader can see that something was there.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters that must never reach a terminal raw: C0 controls, DEL, C1
/// controls and the bidirectional formatting characters that can reorder what is shown.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
    )
}

/// The visible stand-in for an unsafe character: the Unicode control pictures for C0
/// and DEL (`␛`, `␇`, `␡`), and `�` for the rest. Each is one column wide.
#[must_use]
pub fn placeholder(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// False only when `s` certainly holds no unsafe character: every one of them is encoded
/// with a byte below 0x20, 0x7F, or a lead byte 0xC2 (C1), 0xD8 (U+061C) or 0xE2
/// (U+200E–U+2069). A byte test, so the common case (Latin and CJK text) skips decoding
/// characters: the CLI writes hundreds of thousands of names. Every byte is folded in,
/// with no early exit, so the compiler vectorizes the loop: twice as fast as `any` on
/// names, and a string that holds one is decoded whole after anyway.
fn may_hold_unsafe(s: &str) -> bool {
    let flagged = |b: u8| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2);
    s.bytes().fold(false, |seen, b| seen | flagged(b))
}

fn replace(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !may_hold_unsafe(s) || !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) && !keep(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// Text for one line: every unsafe character, newline and tab included, is replaced.
#[must_use]
pub fn line(s: &str) -> Cow<'_, str> {
    replace(s, |_| false)
}

/// Text that may span lines: newlines and tabs stay, every other unsafe character is replaced.
#[must_use]
pub fn text(s: &str) -> Cow<'_, str> {
    replace(s, |c| c == '\n' || c == '\t')
}

/// Text bound for a file a person may later `cat` (an exported CSV): like [`text`], and a
/// carriage return is also kept where it ends a line (`\r\n`), so text written on Windows
/// stays as written. A lone `\r` is replaced: it would let a value overwrite the start of
/// its own line on screen and pass for something else.
#[must_use]
pub fn file_text(s: &str) -> Cow<'_, str> {
    let lone_cr = s.match_indices('\r').any(|(i, _)| !s[i + 1..].starts_with('\n'));
    if !lone_cr && !s.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t' && c != '\r') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            _ => !is_unsafe(c),
        };
        out.push(if keep { c } else { placeholder(c) });
    }
    Cow::Owned(out)
}

/// Serialized JSON made safe without losing data: unsafe characters that JSON allows raw
/// inside strings (DEL, C1, bidi controls) are written as `\uXXXX` escapes, which decode
/// back to the same text. (C0 controls are always escaped by the serializer already.)
#[must_use]
pub fn json(s: &str) -> Cow<'_, str> {
    if !may_hold_unsafe(s) || !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Replaces unsafe characters in every cell of a rendered frame: the last line of
/// defence, so no widget, however it was fed, can emit a control sequence.
///
/// The one sequence kept is a hyperlink the renderer built itself ([`osc8`]): a cell
/// whose symbol is exactly `OSC 8 ; id=… ; TARGET ST` + text + `OSC 8 ; ; ST`, whose
/// target is already a valid link target ([`link_target`] gives it back unchanged), whose
/// text holds nothing unsafe, and whose forced width is the text's width. Anything
/// else, a sequence from the data included, is shown as placeholders.
pub fn sweep_buffer(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_unsafe) && !is_own_hyperlink(cell) {
            let clean: String = cell
                .symbol()
                .chars()
                .map(|c| if is_unsafe(c) { placeholder(c) } else { c })
                .collect();
            cell.set_symbol(&clean);
        }
    }
}

fn is_own_hyperlink(cell: &ratatui::buffer::Cell) -> bool {
    let Some(link) = parse_osc8(cell.symbol()) else {
        return false;
    };
    let width = unicode_width::UnicodeWidthStr::width(link.text);
    matches!(cell.diff_option, ratatui::buffer::CellDiffOption::ForcedWidth(w) if usize::from(w.get()) == width)
}

/// The longest link target built: VTE, the strictest common terminal, ignores longer ones.
pub const MAX_LINK: usize = 2083;

/// A source's URL as a link target a terminal (or a spreadsheet) may open, or `None`.
///
/// Accepted: `http://` or `https://` (any case) followed by a host of ASCII letters,
/// digits, `-` and `.` (or a bracketed IPv6 address), an optional port, then any path,
/// query and fragment. Refused: other schemes (`javascript:`, `file:`), user names
/// (`https://bank.example@evil.example/` shows one host and opens another), hosts
/// outside ASCII, and any control or bidi character. In what is kept, every character
/// a URL may not hold raw (spaces, `"`, `<`, `>`, `\`, `^`, a backquote, `{`, `|`, `}`,
/// anything outside ASCII) is percent-encoded, and
/// a `%` that starts no escape becomes `%25`, so the target is printable ASCII only
/// (bytes 0x21–0x7E), as OSC 8 requires; an already valid target comes back unchanged.
/// Targets over [`MAX_LINK`] bytes are refused.
#[must_use]
pub fn link_target(url: &str) -> Option<String> {
    let url = url.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n' || c == '\r');
    if url.chars().any(is_unsafe) {
        return None;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let (scheme, rest) = if lower.starts_with("https://") {
        ("https://", &url[8..])
    } else if lower.starts_with("http://") {
        ("http://", &url[7..])
    } else {
        return None;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if !valid_authority(authority) {
        return None;
    }
    let mut out = String::with_capacity(url.len() + 16);
    out.push_str(scheme);
    out.push_str(&authority.to_ascii_lowercase());
    let bytes = tail.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let escape_follows = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if escape_follows || (b.is_ascii_graphic() && !b"%\"<>\\^`{|}".contains(&b)) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    (out.len() <= MAX_LINK).then_some(out)
}

/// `host[:port]`: a DNS name or a bracketed IPv6 address, no user name.
fn valid_authority(authority: &str) -> bool {
    let (host, port) = match authority.rfind(':') {
        Some(at) if !authority[at..].contains(']') => (&authority[..at], Some(&authority[at + 1..])),
        _ => (authority, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    } else {
        !host.is_empty()
            && !host.starts_with(['.', '-'])
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    port_ok && host_ok
}

const OSC8_START: &str = "\u{1b}]8;";
const ST: &str = "\u{1b}\\";

/// The end of a hyperlink: `OSC 8 ; ; ST`.
pub const OSC8_END: &str = "\u{1b}]8;;\u{1b}\\";

/// `text` as a hyperlink to `target`: `OSC 8 ; id=ID ; TARGET ST` text `OSC 8 ; ; ST`.
/// The id groups the pieces of one link wrapped over several lines, so a terminal
/// underlines them together on hover. Returns `None` unless `target` is a link target
/// as [`link_target`] makes them, `id` is letters, digits and `-`, and `text` is safe.
#[must_use]
pub fn osc8(id: &str, target: &str, text: &str) -> Option<String> {
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !id_ok || link_target(target).as_deref() != Some(target) || text.chars().any(is_unsafe) {
        return None;
    }
    Some(format!("{OSC8_START}id={id};{target}{ST}{text}{OSC8_END}"))
}

/// A hyperlink as [`osc8`] builds it, taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Osc8<'a> {
    pub id: &'a str,
    pub target: &'a str,
    pub text: &'a str,
}

/// Reads back exactly what [`osc8`] builds (and nothing else: the sweep relies on it).
#[must_use]
pub fn parse_osc8(symbol: &str) -> Option<Osc8<'_>> {
    let rest = symbol.strip_prefix(OSC8_START)?.strip_prefix("id=")?;
    let (id, rest) = rest.split_once(';')?;
    let (target, rest) = rest.split_once(ST)?;
    let text = rest.strip_suffix(OSC8_END)?;
    (osc8(id, target, text).as_deref() == Some(symbol)).then_some(Osc8 { id, target, text })
}

/// Whether a spreadsheet opening a CSV would run `text` as a formula (`=HYPERLINK(…)`,
/// `@SUM(…)`, `+cmd|…`, `-2+3`), or it starts with a tab or a carriage return: the CSV
/// export marks such a text with a leading `'` (read as "text" and hidden by
/// spreadsheets), and the import takes the mark off again. A number (`-5`, `+67 %`) is
/// no formula.
#[must_use]
pub fn runs_as_formula(text: &str) -> bool {
    let number = || {
        text.trim()
            .trim_end_matches('%')
            .trim()
            .replace(',', "")
            .parse::<f64>()
            .is_ok()
    };
    match text.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !number(),
        _ => false,
    }
}

/// `text` without the `'` a CSV export put before a formula-like text
/// ([`runs_as_formula`]); any other text as it is.
#[must_use]
pub fn unmark_formula(text: &str) -> &str {
    text.strip_prefix('\'')
        .filter(|rest| runs_as_formula(rest))
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte pre-test never lets an unsafe character through: checked for every
    /// character there is, alone and between safe ones.
    #[test]
    fn the_byte_pretest_flags_every_unsafe_character() {
        let mut unsafe_seen = 0;
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let s = format!("金a{c}b");
            if is_unsafe(c) {
                unsafe_seen += 1;
                assert!(may_hold_unsafe(&s), "U+{:04X} slipped past the byte test", c as u32);
                assert_ne!(line(&s), s);
            }
        }
        assert_eq!(unsafe_seen, 32 + 33 + 1 + 2 + 5 + 4);
        assert!(!may_hold_unsafe("深圳市金华龙 Golden Dragon Co., Ltd. (1993)"));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(line("\u{1b}]52;c;aGk=\u{7}"), "␛]52;c;aGk=␇");
        assert_eq!(line("x\u{9b}31m"), "x\u{fffd}31m");
        assert_eq!(line("del\u{7f}"), "del␡");
        assert_eq!(line("rlo\u{202e}txt"), "rlo\u{fffd}txt");
        assert_eq!(line("a\nb\tc"), "a␊b␉c");
        assert_eq!(text("a\nb\tc\u{1b}"), "a\nb\tc␛");
    }

    #[test]
    fn file_text_keeps_line_ends_and_nothing_else() {
        assert_eq!(file_text("a\r\nb\tc\nd"), "a\r\nb\tc\nd");
        assert!(matches!(file_text("a\r\nb"), Cow::Borrowed(_)));
        assert_eq!(file_text("ok\rEVIL"), "ok␍EVIL");
        assert_eq!(file_text("end\r"), "end␍");
        assert_eq!(
            file_text("\u{1b}]52;c;x\u{7}\u{9b}\u{202e}"),
            "␛]52;c;x␇\u{fffd}\u{fffd}"
        );
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(line("周大生 Chow Tai Seng"), Cow::Borrowed(_)));
        assert!(matches!(json("{\"a\":\"b\"}"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_round_trip() {
        let original = "csi\u{9b}del\u{7f}bidi\u{202e}";
        let encoded = serde_json::to_string(original).unwrap();
        let safe = json(&encoded);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let decoded: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(decoded, original);
    }

    #[test]
    fn link_targets_are_http_urls_made_printable() {
        assert_eq!(
            link_target("https://example.com/a?b=c#d").as_deref(),
            Some("https://example.com/a?b=c#d")
        );
        assert_eq!(
            link_target("HTTP://Example.COM/Path").as_deref(),
            Some("http://example.com/Path")
        );
        assert_eq!(
            link_target("  https://example.com/x\n").as_deref(),
            Some("https://example.com/x")
        );
        assert_eq!(
            link_target("https://example.com/水贝 report?q=a b\"c").as_deref(),
            Some("https://example.com/%E6%B0%B4%E8%B4%9D%20report?q=a%20b%22c")
        );
        assert_eq!(
            link_target("https://example.com/100%").as_deref(),
            Some("https://example.com/100%25")
        );
        assert_eq!(
            link_target("https://example.com/%e6%b0%b4").as_deref(),
            Some("https://example.com/%e6%b0%b4")
        );
        assert_eq!(
            link_target("https://[2001:db8::1]:8443/x").as_deref(),
            Some("https://[2001:db8::1]:8443/x")
        );
        assert_eq!(
            link_target("http://localhost:8080").as_deref(),
            Some("http://localhost:8080")
        );
        for refused in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://example.com/",
            "https://",
            "https:///path",
            "https://bank.example@evil.example/",
            "https://user:pw@example.com/",
            "https://例子.测试/",
            "https://example.com:99999999/",
            "https://example.com:/",
            "https://-bad.example/",
            "https://example.com/\u{1b}]52;c;ZXZpbA==\u{7}",
            "https://example.com/\u{202e}gpj.exe",
            "https://example.com/\u{9b}31m",
            "example.com",
        ] {
            assert_eq!(link_target(refused), None, "{refused:?}");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_LINK));
        assert_eq!(link_target(&long), None, "over the longest target a terminal takes");
    }

    #[test]
    fn a_valid_target_is_its_own_target() {
        for url in [
            "https://example.com/水贝 a%b?x=\"1\"",
            "http://a.b/c%20d",
            "https://[::1]/",
        ] {
            let target = link_target(url).unwrap();
            assert_eq!(link_target(&target).as_deref(), Some(target.as_str()), "{url}");
            assert!(target.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{target}");
        }
    }

    #[test]
    fn hyperlinks_are_built_and_read_back_only_in_their_one_form() {
        let link = osc8("shuibei-0", "https://example.com/a", "example.com/a").unwrap();
        assert_eq!(
            link,
            "\u{1b}]8;id=shuibei-0;https://example.com/a\u{1b}\\example.com/a\u{1b}]8;;\u{1b}\\"
        );
        assert_eq!(
            parse_osc8(&link),
            Some(Osc8 {
                id: "shuibei-0",
                target: "https://example.com/a",
                text: "example.com/a"
            })
        );
        assert_eq!(osc8("x", "javascript:alert(1)", "a"), None);
        assert_eq!(osc8("x", "https://example.com/a b", "a"), None, "an unencoded target");
        assert_eq!(osc8("x;y", "https://example.com/", "a"), None);
        assert_eq!(osc8("x", "https://example.com/", "a\u{1b}[2J"), None);
        for forged in [
            "\u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\",
            "\u{1b}]8;id=a;https://evil.example/\u{7}click\u{1b}]8;;\u{7}",
            "\u{1b}]8;id=a;https://evil.example/\u{1b}\\cl\u{1b}[2Jick\u{1b}]8;;\u{1b}\\",
            "\u{1b}]8;id=a;https://evil.example/\u{1b}\\click",
            "\u{1b}]52;c;ZXZpbA==\u{7}",
        ] {
            assert_eq!(parse_osc8(forged), None, "{forged:?}");
        }
    }

    #[test]
    fn the_sweep_keeps_only_the_renderers_own_hyperlinks() {
        use ratatui::buffer::{Buffer, CellDiffOption};
        use ratatui::layout::Rect;
        use std::num::NonZeroU16;
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        let own = osc8("shuibei-0", "https://example.com/", "example").unwrap();
        let width = |w| CellDiffOption::ForcedWidth(NonZeroU16::new(w).unwrap());
        buf[(0, 0)].set_symbol(&own).set_diff_option(width(7));
        // The same sequence with a width that does not match its text, and a forged one.
        buf[(0, 1)].set_symbol(&own).set_diff_option(width(3));
        buf[(0, 2)]
            .set_symbol("\u{1b}]8;;https://evil.example/\u{1b}\\x\u{1b}]8;;\u{1b}\\")
            .set_diff_option(width(1));
        sweep_buffer(&mut buf);
        assert_eq!(buf[(0, 0)].symbol(), own);
        assert!(!buf[(0, 1)].symbol().contains('\u{1b}'), "{:?}", buf[(0, 1)].symbol());
        assert_eq!(buf[(0, 2)].symbol(), "␛]8;;https://evil.example/␛\\x␛]8;;␛\\");
    }
}
