//! The real binary in a real terminal (tmux): it draws, keys act, help opens, quitting
//! and every fault (SIGTERM, SIGHUP, a panic) put the terminal back as it was, resizes
//! redraw, and nothing is left running.

mod common;

use std::path::{Path, PathBuf};

use calamine::Reader as _;
use common::tmux::{self, Tmux};

/// A uniquely named link to the shipped dataset, so this test's process can be found;
/// removed when the test ends.
struct DataLink(PathBuf);

impl std::ops::Deref for DataLink {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for DataLink {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn unique_data(tag: &str) -> DataLink {
    let path = std::env::temp_dir().join(format!("shuibei-tmux-{tag}-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/cluster.json");
    std::os::unix::fs::symlink(data, &path).expect("symlink");
    DataLink(path)
}

/// Runs the explorer in a shell that, after it exits, prints its status and the tty modes.
fn start(width: u16, height: u16, tag: &str, env: &str) -> (Tmux, DataLink) {
    let data = unique_data(tag);
    let command = format!(
        "{env} '{}' --data '{}'; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; echo ==END==; exec sleep 600",
        tmux::binary().display(),
        data.display()
    );
    let t = Tmux::start(width, height, &command);
    t.wait_text("[0 Overview");
    (t, data)
}

/// The terminal is as a shell left it: main screen, cursor shown, no mouse reporting,
/// canonical mode and echo on.
fn assert_restored(t: &Tmux, exit: &str) {
    let screen = t.wait_text("==END==");
    assert!(screen.contains(&format!("exit={exit}")), "{screen}");
    assert!(screen.contains("icanon echo"), "cooked mode back:\n{screen}");
    assert!(
        !screen.contains("0 Overview"),
        "the explorer's screen is gone:\n{screen}"
    );
    assert_eq!(t.format("#{alternate_on}"), "0", "main screen");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor visible");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse reporting off");
    assert_eq!(t.format("#{mouse_standard_flag}"), "0", "mouse reporting off");
}

/// The explorer processes started for this test (tmux's own command line names the
/// data file too, so the process name is checked as well).
fn explorers(data: &Path) -> Vec<u32> {
    tmux::processes_matching(&data.display().to_string())
        .into_iter()
        .filter(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.trim() == "shuibei"))
        .collect()
}

fn assert_nothing_left(data: &Path) {
    let left = explorers(data);
    assert!(left.is_empty(), "explorer processes left running: {left:?}");
}

#[test]
fn tabs_render_keys_switch_help_opens_and_q_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let (t, data) = start(100, 30, "keys", "");
    let screen = t.screen();
    for tab in [
        "[0 Overview",
        "1 History",
        "2 Enterprises",
        "3 Brands",
        "4 Indicators",
        "5 Sources",
    ] {
        assert!(screen.contains(tab), "{tab}:\n{screen}");
    }
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "the explorer uses the alternate screen"
    );
    t.keys(&["2"]);
    t.wait_text("[2 Enterprises");
    t.keys(&["Tab"]);
    t.wait_text("[3 Brands");
    t.keys(&["BTab"]);
    t.wait_text("[2 Enterprises");
    t.keys(&["4"]);
    t.wait_text("[4 Indicators");
    t.keys(&["?"]);
    t.wait_text("Help · Esc closes");
    t.keys(&["Escape"]);
    t.wait_for("help to close", |s| !s.contains("Help · Esc closes"));
    // Ctrl-L redraws everything (after another program scribbled on the screen) and the
    // explorer goes on: the exit status at the end would say otherwise.
    t.keys(&["C-l", "1"]);
    t.wait_text("[1 History");
    t.keys(&["q"]);
    assert_restored(&t, "0");
    assert_nothing_left(&data);
}

#[test]
fn walking_a_link_and_coming_back_in_a_real_terminal() {
    if !tmux::available() {
        return;
    }
    let (t, data) = start(120, 40, "links", "");
    t.keys(&["3", "Enter"]);
    t.wait_text("Enter follow");
    // Follow the first link of the first brand, then come back.
    t.keys(&["Enter"]);
    t.wait_text("Backspace goes back");
    t.keys(&["BSpace"]);
    t.wait_text("[3 Brands");
    t.keys(&["C-c"]);
    assert_restored(&t, "0");
    assert_nothing_left(&data);
}

#[test]
fn resizing_redraws_and_a_tiny_window_gets_a_message() {
    if !tmux::available() {
        return;
    }
    let (t, data) = start(120, 40, "resize", "");
    t.keys(&["1"]);
    t.wait_text("┐┌");
    t.resize(80, 24);
    // Narrow: the detail pane moves below the list, so no two panes sit side by side.
    let screen = t.wait_for("the stacked layout", |s| !s.contains("┐┌") && s.contains("[1 History"));
    assert!(
        screen.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{screen}"
    );
    t.resize(30, 8);
    t.wait_text("terminal too small");
    t.resize(100, 30);
    t.wait_for("the layout to come back", |s| {
        s.contains("[1 History") && s.contains("┐┌")
    });
    t.keys(&["q"]);
    assert_restored(&t, "0");
    assert_nothing_left(&data);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_end_the_process() {
    if !tmux::available() {
        return;
    }
    for (signal, code) in [("TERM", "143"), ("HUP", "129")] {
        let (t, data) = start(100, 30, &format!("sig{signal}"), "");
        let pids = explorers(&data);
        let explorer = pids.first().expect("the explorer is running");
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), explorer.to_string()])
            .status();
        assert!(status.is_ok_and(|s| s.success()));
        assert_restored(&t, code);
        assert_nothing_left(&data);
    }
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    if !tmux::available() || std::env::var_os("SHUIBEI_BIN").is_some() || !cfg!(debug_assertions) {
        // The panic trigger exists in debug builds only (`cargo test --release` has none).
        return;
    }
    // No backtrace: the message must stay on the 30-line screen whatever the caller set.
    let (t, data) = start(100, 30, "panic", "SHUIBEI_DEBUG_PANIC=1 RUST_BACKTRACE=0");
    t.keys(&["F12"]);
    let screen = assert_restored_after_panic(&t);
    assert!(screen.contains("panicked"), "the panic message is readable:\n{screen}");
    assert_nothing_left(&data);
}

fn assert_restored_after_panic(t: &Tmux) -> String {
    let screen = t.wait_text("==END==");
    assert!(screen.contains("exit=101"), "{screen}");
    assert!(screen.contains("icanon echo"), "{screen}");
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{cursor_flag}"), "1");
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
    screen
}

#[test]
fn without_a_terminal_the_explorer_says_what_to_use_instead() {
    let run = common::shuibei(&[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("shuibei: the explorer needs a terminal"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("shuibei search"), "{}", run.stderr);
}

/// A search that finds nothing says so on stderr, at a terminal (silence read as a
/// hang) and in a pipe alike (trials whose stderr was captured read silence as a broken
/// search); stdout stays empty, as grep's, and the exit status (1) says it.
#[test]
fn a_search_that_finds_nothing_says_so_at_a_terminal_and_in_a_pipe() {
    let piped = common::shuibei(&["search", "zzqqxx"]);
    assert_eq!(
        (piped.code, piped.stdout.as_str(), piped.stderr.as_str()),
        (1, "", "shuibei: nothing matches \"zzqqxx\"\n")
    );
    if !tmux::available() {
        return;
    }
    let screen = at_terminal("search zzqqxx");
    assert!(screen.contains("==END 1=="), "{screen}");
    assert!(screen.contains("shuibei: nothing matches \"zzqqxx\""), "{screen}");
}

/// Runs the binary with `args` (shell words) at a terminal, stdout and stderr both on it;
/// the screen once it has ended, its exit status on the line `==END <status>==`.
fn at_terminal(args: &str) -> String {
    let command = format!(
        "'{}' {args}; echo \"==END $?==\"; exec sleep 600",
        tmux::binary().display()
    );
    let t = Tmux::start(100, 24, &command);
    t.wait_for("the command's end", |screen| screen.contains("==END "))
}

#[test]
fn y_copies_into_tmux_and_e_writes_the_rows_to_a_file() {
    if !tmux::available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("shuibei-tmux-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (t, data) = start(100, 30, "copy", &format!("cd '{}' &&", dir.display()));
    // With set-clipboard on, tmux stores what an application copies with OSC 52.
    t.command(&["set-option", "-s", "set-clipboard", "on"]);
    t.keys(&["2", "y"]);
    t.wait_text("copied ");
    let buffer = t.command(&["show-buffer"]);
    assert!(
        buffer.contains("Luohu District People's Government"),
        "clipboard: {buffer:?}"
    );
    t.keys(&["e"]);
    // Every enterprise of the shipped dataset, however many it holds.
    let rows = shuibei::data::load::embedded().unwrap().enterprises().len();
    t.wait_text(&format!("Export {rows} rows to"));
    // A workbook is offered (a CSV shows Excel mojibake); .csv for .xlsx writes a CSV.
    t.wait_text("shuibei-enterprises.xlsx");
    t.keys(&["BSpace", "BSpace", "BSpace", "BSpace"]);
    t.text("csv");
    t.keys(&["Enter"]);
    // The whole path: a name typed in the prompt is relative to where the explorer started.
    t.wait_text(&format!("wrote {rows} rows to /"));
    t.wait_text("shuibei-enterprises.csv");
    let csv = std::fs::read_to_string(dir.join("shuibei-enterprises.csv")).unwrap();
    assert_eq!(csv.lines().next().unwrap().split(',').next(), Some("id"));
    t.keys(&["q"]);
    assert_restored(&t, "0");
    assert_nothing_left(&data);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The record the Enterprises tab selects first, as the explorer at this size would.
fn first_enterprise(db: &std::sync::Arc<shuibei::data::db::Db>) -> shuibei::data::db::Rec {
    use shuibei::explorer::action::{Action, Msg, Tab};
    let mut app = shuibei::explorer::app::App::new(
        std::sync::Arc::clone(db),
        shuibei::explorer::keymap::Keymap::default(),
        (100, 30),
    );
    app.update(Msg::Action(Action::GoTab(Tab::Enterprises)));
    app.selected().expect("the tab has records")
}

#[test]
fn c_copies_a_citation_into_tmux_and_e_writes_an_xlsx_workbook() {
    if !tmux::available() {
        return;
    }
    let db = std::sync::Arc::new(shuibei::data::load::embedded().unwrap());
    let rec = first_enterprise(&db);
    let citation = shuibei::data::citations::citation(&db, rec).expect("the record cites sources");
    let dir = std::env::temp_dir().join(format!("shuibei-tmux-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (t, data) = start(100, 30, "cite", &format!("cd '{}' &&", dir.display()));
    t.command(&["set-option", "-s", "set-clipboard", "on"]);
    // In the detail pane, c copies the record's citation; the footer offers it.
    t.keys(&["2", "Enter"]);
    t.wait_text("c cite");
    t.keys(&["c"]);
    t.wait_text("copied ");
    let buffer = t.command(&["show-buffer"]);
    assert_eq!(
        buffer.trim_end(),
        shuibei::sanitize::text(&citation).trim_end(),
        "the clipboard holds the citation"
    );
    assert!(buffer.contains(" — sources:\n1. "), "{buffer:?}");
    // e (from the detail too), then the suggested name as offered: a workbook.
    // (No Esc first: Esc and a key sent at once read as Alt and that key.)
    t.keys(&["e"]);
    t.wait_text("(.xlsx .csv .json .jsonl): shuibei-enterprises.xlsx");
    t.keys(&["Enter"]);
    let rows = db.enterprises().len();
    // The whole path: a name typed in the prompt is relative to where the explorer started.
    t.wait_text(&format!("wrote {rows} rows to /"));
    t.wait_text("shuibei-enterprises.xlsx");
    let bytes = std::fs::read(dir.join("shuibei-enterprises.xlsx")).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Enterprises", "Sources", "Listings"]);
    let sheet = book.worksheet_range("Enterprises").unwrap();
    assert_eq!(sheet.height(), rows + 1, "a header and every row");
    let zh = db
        .enterprises()
        .iter()
        .find_map(|e| e.name_zh.as_deref())
        .expect("an enterprise with a Chinese name");
    assert!(
        sheet.rows().any(|r| r.iter().any(|c| *c == zh)),
        "{zh} is in the workbook, intact"
    );
    t.keys(&["q"]);
    assert_restored(&t, "0");
    assert_nothing_left(&data);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn xlsx_is_not_written_onto_a_terminal() {
    if !tmux::available() {
        return;
    }
    let screen = at_terminal("export --tab brands --format xlsx");
    assert!(
        screen.contains("xlsx is a binary file and stdout is a terminal"),
        "{screen}"
    );
    assert!(screen.contains("--output FILE.xlsx"), "{screen}");
    assert!(screen.contains("==END 2=="), "{screen}");
    assert!(!screen.contains("PK"), "no zip bytes on the screen: {screen}");
}

#[test]
fn searching_filters_as_you_type_with_the_cursor_on_the_caret() {
    if !tmux::available() {
        return;
    }
    let (t, data) = start(100, 30, "search", "");
    t.keys(&["2", "/"]);
    t.text("zhou大生");
    let screen = t.wait_for("the search to answer", |s| {
        s.contains("/ zhou大生") && s.contains("by relevance")
    });
    assert!(screen.contains("Zhou Dasheng"), "{screen}");
    // The terminal's cursor is on the caret, just after the query (input methods use it).
    let line = screen.lines().position(|l| l.contains("/ zhou大生")).unwrap();
    assert_eq!(t.format("#{cursor_y}"), line.to_string());
    assert_eq!(t.format("#{cursor_flag}"), "1", "the cursor shows while typing");
    let before: String = screen
        .lines()
        .nth(line)
        .unwrap()
        .chars()
        .take_while(|c| *c != '生')
        .collect();
    let caret = unicode_width::UnicodeWidthStr::width(before.as_str()) + 2;
    assert_eq!(t.format("#{cursor_x}"), caret.to_string());
    // Enter keeps the filter; Ctrl-P jumps across tabs; Escape closes the jump box.
    t.keys(&["Enter"]);
    t.wait_for("browsing again", |s| s.contains("Enter open"));
    t.keys(&["C-p"]);
    t.wait_text("Jump to any record");
    t.text("星光达");
    let screen = t.wait_for("jump results", |s| {
        // "5 matches in 527", or beside sources "5 of 527 records · 3 sources".
        s.contains("Brands (") && (s.contains(" match") || s.contains(" records · ")) && !s.contains("searching")
    });
    // Groups come best first; Enter on the first result lands in the first group's tab.
    let groups = [
        ("History (", "[1 History"),
        ("Enterprises (", "[2 Enterprises"),
        ("Brands (", "[3 Brands"),
        ("Indicators (", "[4 Indicators"),
    ];
    let first_group = screen
        .lines()
        .skip_while(|l| !l.contains("> 星光达"))
        .find_map(|l| groups.iter().find(|(header, _)| l.contains(header)))
        .expect("a group header under the query");
    t.keys(&["Enter"]);
    t.wait_text(first_group.1);
    t.keys(&["q"]);
    assert_restored(&t, "0");
    assert_nothing_left(&data);
}

/// Two Escapes that arrive together are two presses: the first clears the search, the
/// second closes its box, and the next key is a key again (crossterm's reader made one
/// Esc of them; a trial's box stayed open and took the `0`). One write, as a quick
/// double press over SSH arrives.
#[test]
fn two_escapes_at_once_clear_the_search_and_close_its_box() {
    if !tmux::available() {
        return;
    }
    let (t, data) = start(80, 24, "escesc", "");
    t.keys(&["2", "/"]);
    t.text("xy");
    t.wait_text("/ xy");
    t.command(&["send-keys", "-t", "t", "Escape", "Escape"]);
    t.wait_for("the box closed", |s| !s.contains("/ xy") && s.contains("Enter open"));
    t.keys(&["0"]);
    t.wait_text("[0 Overview");
    t.keys(&["q"]);
    assert_restored(&t, "0");
    assert_nothing_left(&data);
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_brings_the_explorer_back() {
    if !tmux::available() {
        return;
    }
    // Job control needs an interactive shell, as a person has.
    let data = unique_data("suspend");
    let t = Tmux::start(100, 30, "PS1='$ ' exec bash --norc --noprofile -i");
    t.wait_text("$");
    t.text(&format!("'{}' --data '{}'", tmux::binary().display(), data.display()));
    t.keys(&["Enter"]);
    t.wait_text("[0 Overview");
    t.keys(&["2"]);
    t.wait_text("[2 Enterprises");
    t.keys(&["C-z"]);
    // Stopped, and the terminal is the shell's again: main screen, cursor, no mouse.
    t.wait_text("Stopped");
    assert_eq!(t.format("#{alternate_on}"), "0", "main screen while suspended");
    assert_eq!(t.format("#{cursor_flag}"), "1");
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
    assert_eq!(explorers(&data).len(), 1, "suspended, not ended");
    t.text("fg");
    t.keys(&["Enter"]);
    t.wait_text("[2 Enterprises");
    assert_eq!(t.format("#{alternate_on}"), "1", "the explorer has the screen again");
    t.keys(&["q"]);
    t.wait_for("the shell's prompt", |s| !s.contains("[2 Enterprises"));
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_nothing_left(&data);
}

/// The Overview, as a person meets it: first on screen at 80×24 and at 200×60, its
/// sections drawn whole, a link followed with Enter and Backspace back to it; the
/// Sources tab and the comparison of figures one key away.
#[test]
fn the_overview_opens_first_and_its_links_lead_to_records_and_back() {
    if !tmux::available() {
        return;
    }
    for (w, h) in [(80, 24), (200, 60)] {
        let (t, data) = start(w, h, &format!("overview{w}"), "");
        // Computed before the first frame for a dataset this small: no "counting…". The
        // wait is for the whole frame (tmux may show one half written).
        let parts = [
            "Headline figures ·",
            "Overview · events to ",
            "Events to ",
            "Recent events",
            "established ",
        ];
        let screen = t.wait_for("the whole Overview", |s| parts.iter().all(|p| s.contains(p)));
        assert!(!screen.contains("counting…"), "{screen}");
        assert!(
            screen
                .lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= usize::from(w)),
            "{screen}"
        );
        // The History line under "Events to …" (the newest event) is the second link, the
        // third at 80×24, where the summary's cut line leads.
        if w == 80 {
            t.keys(&["j"]);
        }
        t.keys(&["j", "Enter"]);
        t.wait_text("[1 History");
        t.wait_text("Backspace goes back");
        t.keys(&["BSpace"]);
        t.wait_text("[0 Overview");
        // The heading of the figures leads to the Indicators tab; = compares there.
        t.keys(&["5"]);
        t.wait_text("[5 Sources");
        t.wait_text("Cited");
        t.keys(&["4", "="]);
        t.wait_text("Compare figures");
        t.keys(&["Escape"]);
        t.wait_for("the comparison to close", |s| !s.contains("Compare figures"));
        t.keys(&["0"]);
        t.wait_text("[0 Overview");
        t.keys(&["q"]);
        assert_restored(&t, "0");
        assert_nothing_left(&data);
    }
}
