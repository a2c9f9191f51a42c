//! Bytes the explorer writes to its terminal per action, measured on the real binary
//! under a pseudo-terminal at 120×40: the cost of each key over a slow SSH link.
//!
//! Each action is measured after the previous output has settled: a key is sent, the
//! test reads until the program has been quiet for [`QUIET`], and counts what arrived.
//! The quiet period only ends a read; no test asserts how long anything took. The
//! bounds are generous regression guards; the exact figures are printed
//! (`cargo test --test explorer bandwidth:: -- --nocapture`) and recorded in the issue's note.
//!
//! The same harness checks that an idle explorer writes nothing (no ticking), that
//! every frame is wrapped in synchronized-update sequences, and that browsing the
//! hostile fixture emits only the renderer's own escape sequences, never one from the
//! data.

use crate::common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// How long the program must be silent before a read counts as complete. Generous, so a
/// loaded machine does not split one frame into two measurements; it is a read's end,
/// not an assertion.
const QUIET: Duration = Duration::from_millis(300);

/// How long to wait for output that must come (the first frame, the answer to a key)
/// before the test fails. Generous: machines are shared.
const PATIENCE: Duration = Duration::from_secs(20);

/// How long an idle explorer is watched for output it should not write.
const IDLE: Duration = Duration::from_secs(2);

/// Regression guards, generous. A row move redraws two list rows (about 200 bytes) and
/// the detail pane, which shows another record (2-3 KB at 120×40); a whole screen is
/// about 10 KB, so a row move that repaints everything fails this bound.
const ROW_MOVE: usize = 6 * 1024;
/// A tab switch or the help overlay repaints most of the screen.
const SWITCH: usize = 20 * 1024;

const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

/// The explorer running under a pseudo-terminal, with its output collected by a thread.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    /// Kept open: dropping the master hangs the terminal up.
    _master: Box<dyn MasterPty + Send>,
    /// An empty home and config directory, so no config file of the machine applies.
    _home: tempfile::TempDir,
}

impl Session {
    /// Starts the explorer on `data` (the shipped dataset when `None`) and waits for its
    /// first frame to be complete and settled; returns the session and that frame's bytes.
    fn start(data: Option<&Path>) -> (Session, Vec<u8>) {
        // A typical SSH session: 256 colours (COLORTERM is rarely forwarded), no config.
        Session::start_with(data, &[("TERM", "xterm-256color")])
    }

    /// As [`Session::start`], in an environment of only `env` (with `HOME`, the config
    /// directory and `PATH` set for the test).
    fn start_with(data: Option<&Path>, env: &[(&str, &str)]) -> (Session, Vec<u8>) {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: HEIGHT,
                cols: WIDTH,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let home = tempfile::tempdir().expect("a temporary directory");
        let mut command = CommandBuilder::new(common::tmux::binary());
        if let Some(data) = data {
            command.arg("--data");
            command.arg(data);
        }
        command.env_clear();
        for (name, value) in env {
            command.env(name, value);
        }
        command.env("HOME", home.path());
        command.env("XDG_CONFIG_HOME", home.path());
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pty.slave.spawn_command(command).expect("the explorer starts");
        // Only the child holds the terminal's other end, so its exit ends the reads.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = vec![0; 64 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let mut session = Session {
            child,
            writer,
            output,
            _master: pty.master,
            _home: home,
        };
        let mut first = Vec::new();
        let start = Instant::now();
        while !contains(&first, END_SYNC) {
            let left = PATIENCE.saturating_sub(start.elapsed());
            match session.output.recv_timeout(left) {
                Ok(chunk) => first.extend(chunk),
                Err(err) => panic!(
                    "no complete first frame ({err:?}); the explorer wrote:\n{}",
                    String::from_utf8_lossy(&first)
                ),
            }
        }
        let first = session.settle(first);
        (session, first)
    }

    /// Adds to `got` what arrives until the program has been quiet for [`QUIET`] with its
    /// last frame complete: a frame stalled midway on a loaded machine is waited for,
    /// not split between two measurements.
    fn settle(&mut self, mut got: Vec<u8>) -> Vec<u8> {
        let start = Instant::now();
        loop {
            match self.output.recv_timeout(QUIET) {
                Ok(chunk) => got.extend(chunk),
                Err(RecvTimeoutError::Timeout) if got.is_empty() || got.ends_with(END_SYNC) => return got,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.try_wait();
                    panic!(
                        "the explorer closed its terminal ({status:?}); it wrote:\n{}",
                        String::from_utf8_lossy(&got)
                    );
                }
            }
            // A program that never stops writing is ticking; say so instead of hanging.
            assert!(
                start.elapsed() < PATIENCE,
                "the explorer never went quiet after a complete frame; it wrote {} bytes",
                got.len()
            );
        }
    }

    /// Sends `keys`, waits for the answer and lets it settle; returns every byte written.
    fn press(&mut self, keys: &[u8]) -> Vec<u8> {
        self.writer.write_all(keys).expect("keys sent");
        self.writer.flush().expect("keys sent");
        let got = match self.output.recv_timeout(PATIENCE) {
            Ok(chunk) => chunk,
            Err(err) => panic!("no answer to {:?}: {err:?}", String::from_utf8_lossy(keys)),
        };
        self.settle(got)
    }

    /// Everything written during `period` with no input.
    fn idle(&mut self, period: Duration) -> Vec<u8> {
        let mut got = Vec::new();
        let start = Instant::now();
        while let Some(left) = period.checked_sub(start.elapsed()) {
            match self.output.recv_timeout(left) {
                Ok(chunk) => got.extend(chunk),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => panic!("the explorer closed its terminal while idle"),
            }
        }
        got
    }

    /// Quits with `q` and checks the explorer exits cleanly.
    fn quit(mut self) {
        self.writer.write_all(b"q").expect("q sent");
        self.writer.flush().expect("q sent");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                assert!(status.success(), "the explorer exited with {status:?}");
                return;
            }
            assert!(start.elapsed() < PATIENCE, "the explorer did not quit on q");
            // Drain, so a full pty buffer cannot keep the explorer from exiting.
            let _ = self.output.recv_timeout(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Every frame the renderer wrote is wrapped: as many begins as ends, at least one, the
/// output starts with a begin (after any mode switches) and ends with an end.
fn assert_synchronized(bytes: &[u8], what: &str) {
    let (begins, ends) = (count(bytes, BEGIN_SYNC), count(bytes, END_SYNC));
    assert!(
        begins >= 1 && begins == ends,
        "{what}: {begins} begin / {ends} end synchronized-update sequences"
    );
    assert!(
        bytes.ends_with(END_SYNC),
        "{what}: the output does not end a synchronized update"
    );
    let first_begin = bytes.windows(BEGIN_SYNC.len()).position(|w| w == BEGIN_SYNC);
    let first_cup = bytes.windows(2).position(|w| w == b"\x1b[").filter(|p| {
        // The first cursor move or SGR (the frame's content), not a mode switch.
        let rest = &bytes[p + 2..];
        let end = rest.iter().position(|b| (0x40..=0x7e).contains(b)).unwrap_or(0);
        matches!(rest.get(end), Some(b'H' | b'm'))
    });
    if let (Some(begin), Some(cup)) = (first_begin, first_cup) {
        assert!(begin < cup, "{what}: drawing starts before the synchronized update");
    }
}

/// With `SHUIBEI_BANDWIDTH_DUMP=DIR`, writes each action's raw bytes to `DIR/NN.bin`
/// (and `DIR/NN.txt`, escapes made readable), to see what a figure is made of.
fn dump(n: usize, what: &str, bytes: &[u8]) {
    let Some(dir) = std::env::var_os("SHUIBEI_BANDWIDTH_DUMP") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("the dump directory");
    std::fs::write(dir.join(format!("{n:02}.bin")), bytes).expect("a dump");
    let readable = String::from_utf8_lossy(bytes).replace('\x1b', "\n␛");
    std::fs::write(dir.join(format!("{n:02}.txt")), format!("{what}\n{readable}\n")).expect("a dump");
}

#[test]
fn bytes_per_action_at_120x40() {
    let (mut s, first) = Session::start(None);
    dump(0, "first full frame", &first);
    assert_synchronized(&first, "first frame");
    let mut figures = vec![("first full frame", first.len())];
    let mut measure = |s: &mut Session, what: &'static str, keys: &[u8], bound: usize| {
        let bytes = s.press(keys);
        dump(figures.len(), what, &bytes);
        assert_synchronized(&bytes, what);
        assert!(
            bytes.len() < bound,
            "{what}: {} bytes, over the bound of {bound}",
            bytes.len()
        );
        figures.push((what, bytes.len()));
    };
    // The Overview, the first tab shown: a link moved to (two lines restyled), one
    // followed (the tab of the record it names drawn), and back (the Overview drawn again).
    measure(&mut s, "move one link (j), Overview", b"j", ROW_MOVE);
    measure(&mut s, "move one link (j) again, Overview", b"j", ROW_MOVE);
    measure(&mut s, "follow a link (Enter), Overview→its record", b"\r", SWITCH);
    measure(&mut s, "go back (Backspace), back to the Overview", b"\x7f", SWITCH);
    measure(&mut s, "switch tab (1), Overview→History", b"1", SWITCH);
    // History tab.
    measure(&mut s, "move one row (j), History", b"j", ROW_MOVE);
    measure(&mut s, "move one row (j) again, History", b"j", ROW_MOVE);
    measure(&mut s, "switch tab (2), History→Enterprises", b"2", SWITCH);
    // The link followed may have selected an enterprise at the foot of the list, where a
    // row move scrolls the whole list: from the top, a row move is a row move.
    s.press(b"g");
    measure(&mut s, "move one row (j), Enterprises", b"j", ROW_MOVE);
    measure(&mut s, "open help (?)", b"?", SWITCH);
    measure(&mut s, "close help (?)", b"?", SWITCH);
    measure(&mut s, "switch tab (3), Enterprises→Brands", b"3", SWITCH);
    measure(&mut s, "move one row (j), Brands", b"j", ROW_MOVE);
    measure(&mut s, "switch tab (4), Brands→Indicators", b"4", SWITCH);
    measure(&mut s, "move one row (j), Indicators", b"j", ROW_MOVE);
    measure(&mut s, "compare the figures (=), Indicators", b"=", SWITCH);
    measure(&mut s, "close the comparison (Esc), Indicators", b"\x1b", SWITCH);
    measure(&mut s, "switch tab (5), Indicators→Sources", b"5", SWITCH);
    measure(&mut s, "move one row (j), Sources", b"j", ROW_MOVE);
    measure(&mut s, "switch tab (0), Sources→Overview", b"0", SWITCH);

    let idle = s.idle(IDLE);
    assert!(
        idle.is_empty(),
        "an idle explorer wrote {} bytes in {IDLE:?}: {:?}",
        idle.len(),
        String::from_utf8_lossy(&idle)
    );

    println!("bytes written to the terminal at {WIDTH}×{HEIGHT}, TERM=xterm-256color:");
    for (what, n) in &figures {
        println!("  {n:>7}  {what}");
    }
    println!("  {:>7}  idle for {IDLE:?}", idle.len());
    s.quit();
}

/// Typing one character into the search box: the box, the list (re-ranked) and the
/// detail of the new best match change, so more than a row move, less than a tab switch.
#[test]
fn bytes_per_search_character_at_120x40() {
    let (mut s, _) = Session::start(None);
    s.press(b"2");
    let open = s.press(b"/");
    let typed = s.press(b"a");
    assert_synchronized(&typed, "type one search character");
    println!("  {:>7}  open the search box (/), Enterprises", open.len());
    println!("  {:>7}  type one search character (a), Enterprises", typed.len());
    assert!(typed.len() < SWITCH, "{} bytes for one search character", typed.len());
    // Enter leaves the box (keeping the filter), so q quits instead of being typed.
    s.press(b"\r");
    s.quit();
}

/// One escape sequence in the output, as the terminal would parse it.
enum Escape {
    /// `ESC [ params intermediates final`: the only kind the renderer writes.
    Csi { params: String, final_byte: char },
    /// Anything else that starts with ESC (OSC, DCS, RIS, a lone ESC...).
    Other(Vec<u8>),
}

/// Splits the stream into the escape sequences it holds and the text between them.
fn escapes(bytes: &[u8]) -> (Vec<Escape>, Vec<u8>) {
    let (mut found, mut text) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != 0x1b {
            text.push(bytes[i]);
            i += 1;
            continue;
        }
        if bytes.get(i + 1) != Some(&b'[') {
            found.push(Escape::Other(bytes[i..(i + 8).min(bytes.len())].to_vec()));
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < bytes.len() && (0x20..=0x3f).contains(&bytes[j]) {
            j += 1;
        }
        match bytes.get(j) {
            Some(b) if (0x40..=0x7e).contains(b) => {
                found.push(Escape::Csi {
                    params: String::from_utf8_lossy(&bytes[i + 2..j]).into_owned(),
                    final_byte: char::from(*b),
                });
                i = j + 1;
            }
            _ => {
                found.push(Escape::Other(bytes[i..j.min(bytes.len())].to_vec()));
                i = j;
            }
        }
    }
    (found, text)
}

/// Whether a CSI sequence is one the explorer itself writes: cursor moves and SGR from
/// ratatui, the modes crossterm sets and clears, and the synchronized-update brackets.
/// Anything else (a cursor-position query `6n`, a screen clear, a scroll region) would
/// have to come from somewhere it should not.
fn renderer_csi(params: &str, final_byte: char) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b';');
    match final_byte {
        // Cursor position, colours and attributes, cursor steps.
        'H' | 'm' | 'A' | 'B' | 'C' | 'D' | 'G' => digits(params),
        // Private modes: alternate screen, cursor, mouse, bracketed paste, sync.
        'h' | 'l' => matches!(
            params,
            "?1049" | "?25" | "?1000" | "?1002" | "?1003" | "?1006" | "?1015" | "?2004" | "?2026"
        ),
        _ => false,
    }
}

/// The characters the hostile fixture smuggles in, which must never reach the terminal
/// raw: C0 other than ESC (checked as sequences), DEL, C1, bidi overrides.
fn forbidden_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1a}' | '\u{1c}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

#[test]
fn hostile_data_never_reaches_the_terminal_as_a_sequence() {
    let fixture = common::fixture("hostile.json");
    let (mut s, first) = Session::start(Some(&fixture));
    let mut stream = first;
    // Every tab and each of its records (the fixture has one or two a tab), the detail
    // pane with its links, and the help over it.
    for tab in [b"1", b"2", b"3", b"4"] {
        stream.extend(s.press(tab));
        stream.extend(s.press(b"\r"));
        stream.extend(s.press(b"j"));
        stream.extend(s.press(b"h"));
        stream.extend(s.press(b"j"));
    }
    stream.extend(s.press(b"?"));
    stream.extend(s.press(b"?"));
    let leaks = leaks(&stream);
    assert!(
        leaks.is_empty(),
        "the stream holds what the data smuggled in: {leaks:?}"
    );
    let (_, text) = escapes(&stream);
    let text = String::from_utf8_lossy(&text);
    // The payloads were drawn, defused: their text is there behind a visible `␛`.
    for payload in ["]52;c;ZXZpbA==", "evil.example", "pwned"] {
        assert!(
            text.contains(payload),
            "{payload:?} was never drawn; the test browsed too little"
        );
    }
    assert!(text.contains("␛]52;c;ZXZpbA=="), "the OSC 52 payload is shown defused");
    s.quit();
}

const OSC8_END: &[u8] = b"\x1b]8;;\x1b\\";

/// Whether a link target is one the program may have built: http(s), a plain host,
/// printable ASCII only. Written here, independent of `sanitize`, which it checks.
fn plausible_target(target: &str) -> bool {
    let rest = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    host.is_some_and(|h| !h.is_empty() && !h.contains('@'))
        && target
            .bytes()
            .all(|b| (0x21..=0x7e).contains(&b) && b != b'"' && b != b'\\')
}

/// The stream with the program's own hyperlinks taken out (`ESC ] 8 ; id=shuibei-N ;
/// TARGET ESC \` and `ESC ] 8 ; ; ESC \`), and the targets they led to. A sequence that
/// looks like a link but is not in that form is left in, for [`leaks`] to report.
fn own_links(stream: &[u8]) -> (Vec<u8>, Vec<String>) {
    let (mut rest, mut targets) = (Vec::with_capacity(stream.len()), Vec::new());
    let mut i = 0;
    while i < stream.len() {
        if stream[i..].starts_with(OSC8_END) {
            i += OSC8_END.len();
            continue;
        }
        if stream[i..].starts_with(b"\x1b]8;id=shuibei-") {
            let body = &stream[i + 4..];
            if let Some(end) = body.windows(2).position(|w| w == b"\x1b\\") {
                let params = String::from_utf8_lossy(&body[..end]);
                if let Some((id, target)) = params.split_once(';')
                    && id
                        .strip_prefix("id=shuibei-")
                        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
                    && plausible_target(target)
                {
                    targets.push(target.to_owned());
                    i += 4 + end + 2;
                    continue;
                }
            }
        }
        rest.push(stream[i]);
        i += 1;
    }
    (rest, targets)
}

/// Everything in a stream that the renderer would not have written: escape sequences
/// other than its own, the known payloads' introducers, and forbidden characters.
fn leaks(stream: &[u8]) -> Vec<String> {
    let (found, text) = escapes(stream);
    let mut leaks: Vec<String> = found
        .iter()
        .filter_map(|e| match e {
            Escape::Csi { params, final_byte } if renderer_csi(params, *final_byte) => None,
            Escape::Csi { params, final_byte } => Some(format!("ESC [{params}{final_byte}")),
            Escape::Other(bytes) => Some(format!("{:?}", String::from_utf8_lossy(bytes))),
        })
        .collect();
    for (needle, name) in [
        (&b"\x1b]"[..], "OSC (ESC ])"),
        (b"\x1b[2J", "clear screen (ESC [2J)"),
        (b"\x1b[6n", "cursor position query (ESC [6n)"),
        (b"\x1bc", "reset (ESC c)"),
        (b"\x1bP", "DCS (ESC P)"),
        (b"\xc2\x9b", "C1 CSI (U+009B)"),
        (b"\x07", "BEL"),
    ] {
        if contains(stream, needle) {
            leaks.push(name.to_owned());
        }
    }
    match String::from_utf8(text) {
        Ok(text) => leaks.extend(
            text.chars()
                .filter(|c| forbidden_char(*c))
                .map(|c| format!("U+{:04X} outside any escape sequence", c as u32)),
        ),
        Err(_) => leaks.push("bytes that are not UTF-8".to_owned()),
    }
    leaks
}

/// The checker itself: silent on what the renderer writes, loud on each payload of the
/// hostile fixture spliced into it. (The explorer has more than one defence: ratatui
/// also drops control characters, so breaking `sanitize` alone does not make the test
/// above fail on a leak; this shows it would catch one.)
#[test]
fn the_leak_check_catches_each_payload() {
    let frame: &[u8] =
        b"\x1b[?2026h\x1b[3;83H\x1b[1m\x1b[38;5;6;49m\xe2\x90\x9b]52;c;ZXZpbA==\x1b[0m\x1b[?25l\x1b[?2026l";
    assert_eq!(leaks(frame), Vec::<String>::new());
    for payload in [
        &b"\x1b]52;c;ZXZpbA==\x07"[..],
        b"\x1b[2J",
        b"\x1b[6n",
        b"\x1bcsafe",
        b"\x1b]8;;https://evil.example/\x1b\\click",
        b"\x1bP1$r\x1b\\",
        b"\xc2\x9b31m",
        b"x\x7fy",
        b"\xe2\x80\xaetxt",
        b"a\x08b",
    ] {
        let mut stream = frame.to_vec();
        stream.splice(20..20, payload.iter().copied());
        assert!(
            !leaks(&stream).is_empty(),
            "{:?} was not caught",
            String::from_utf8_lossy(payload)
        );
    }
}

const LONG: &str =
    "https://vip.stock.finance.sina.com.cn/corp/view/vCB_AllBulletinDetail.php?id=9174565&stockid=002867";
const ZH_TARGET: &str =
    "https://example.com/%E6%B0%B4%E8%B4%9D/%E9%BB%84%E9%87%91%20%E7%8F%A0%E5%AE%9D?q=%22%E9%87%91%22";

/// Opens the one event of `ok/links.json` and walks down its detail: every source shows.
fn browse_links(env: &[(&str, &str)]) -> Vec<u8> {
    let (mut s, mut stream) = Session::start_with(Some(&common::fixture("ok/links.json")), env);
    stream.extend(s.press(b"\r"));
    for _ in 0..12 {
        stream.extend(s.press(b"j"));
    }
    s.quit();
    stream
}

#[test]
fn a_terminal_known_for_hyperlinks_gets_the_programs_own_osc8_and_nothing_else() {
    let stream = browse_links(&[("TERM", "xterm-kitty")]);
    let (rest, targets) = own_links(&stream);
    assert!(
        targets.iter().any(|t| t == LONG),
        "no link to the long URL: {targets:?}"
    );
    assert!(
        targets.iter().any(|t| t == ZH_TARGET),
        "no percent-encoded link: {targets:?}"
    );
    for target in &targets {
        assert!(target == LONG || target == ZH_TARGET, "a link to {target:?}");
    }
    let link = format!("\x1b]8;id=shuibei-0;{LONG}\x1b\\");
    let at = stream
        .windows(link.len())
        .position(|w| w == link.as_bytes())
        .expect("the link opens");
    let after = &stream[at + link.len()..];
    let close = after
        .windows(OSC8_END.len())
        .position(|w| w == OSC8_END)
        .expect("and closes");
    let text = String::from_utf8_lossy(&after[..close]);
    assert!(
        LONG.starts_with(&*text) && !text.is_empty(),
        "the link covers its own text: {text:?}"
    );
    let leaks = leaks(&rest);
    assert!(leaks.is_empty(), "besides its links, the stream holds: {leaks:?}");
    // The refused addresses reach the screen only as text.
    let rest = String::from_utf8_lossy(&rest);
    assert!(rest.contains("javascript:alert(document.cookie)"));
    assert!(!targets.iter().any(|t| t.contains("evil") || t.contains("javascript")));
}

#[test]
fn unknown_terminals_and_no_color_get_no_hyperlinks() {
    for env in [
        &[("TERM", "xterm-256color")][..],
        &[("TERM", "xterm-kitty"), ("NO_COLOR", "1")],
        &[
            ("TERM", "screen-256color"),
            ("STY", "1.pts-0.host"),
            ("TERM_PROGRAM", "WezTerm"),
        ],
    ] {
        let stream = browse_links(env);
        assert!(!contains(&stream, b"\x1b]8;"), "{env:?}: an OSC 8 sequence was written");
        assert!(
            String::from_utf8_lossy(&stream).contains("vip.stock.finance.sina.com.cn/"),
            "{env:?}: the URL is shown as text"
        );
    }
}

#[test]
fn hostile_data_gets_no_link_of_its_own_where_links_are_drawn() {
    let (mut s, mut stream) = Session::start_with(Some(&common::fixture("hostile.json")), &[("TERM", "xterm-kitty")]);
    for tab in [b"1", b"2", b"3", b"4"] {
        stream.extend(s.press(tab));
        stream.extend(s.press(b"\r"));
        stream.extend(s.press(b"j"));
        stream.extend(s.press(b"h"));
    }
    s.quit();
    let (rest, targets) = own_links(&stream);
    assert!(
        targets.is_empty(),
        "the fixture's one URL smuggles controls: no link to {targets:?}"
    );
    let leaks = leaks(&rest);
    assert!(
        leaks.is_empty(),
        "the stream holds what the data smuggled in: {leaks:?}"
    );
}

/// The filter takes out only links in the program's exact form; anything else stays for
/// the leak check to report.
#[test]
fn the_link_filter_takes_out_only_the_programs_own_form() {
    let own = b"\x1b]8;id=shuibei-3;https://example.com/a%20b\x1b\\a b\x1b]8;;\x1b\\";
    let (rest, targets) = own_links(own);
    assert_eq!(
        (rest.as_slice(), targets.as_slice()),
        (&b"a b"[..], &["https://example.com/a%20b".to_owned()][..])
    );
    for forged in [
        &b"\x1b]8;;https://evil.example/\x1b\\click"[..],
        b"\x1b]8;id=x;https://evil.example/\x1b\\click",
        b"\x1b]8;id=shuibei-1;javascript:alert(1)\x1b\\click",
        b"\x1b]8;id=shuibei-1;https://bank.example@evil.example/\x1b\\click",
        b"\x1b]8;id=shuibei-1;https://evil.example/\x07click",
    ] {
        let (rest, _) = own_links(forged);
        assert!(!leaks(&rest).is_empty(), "{:?} passed", String::from_utf8_lossy(forged));
    }
}
