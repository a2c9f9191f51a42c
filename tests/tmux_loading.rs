//! A dataset that takes its time to load, in the real binary in a real terminal (tmux):
//! the explorer shows a loading screen at once, `q` quits it, keys typed meanwhile reach
//! the explorer, and a dataset that turns out broken is reported once the terminal is
//! given back. The dataset is a named pipe the test writes when it chooses, so "slow" is
//! the test's doing, not a race with the machine's speed.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::tmux::{self, Tmux};

/// A named pipe in the temporary folder, removed when the test ends.
struct Fifo(PathBuf);

impl Fifo {
    fn new(tag: &str) -> Fifo {
        let path = std::env::temp_dir().join(format!("shuibei-loading-{tag}-{}.json", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let made = Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
        assert!(made.success(), "mkfifo {}", path.display());
        Fifo(path)
    }

    /// Writes `bytes` into the pipe (the explorer has it open for reading by then).
    fn write(&self, bytes: &[u8]) {
        std::fs::write(&self.0, bytes).expect("the explorer reads the pipe");
    }
}

impl Drop for Fifo {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The shipped dataset's bytes.
fn shipped() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cluster.json")).expect("shipped data")
}

/// Runs the explorer on `data`; after it exits, the shell prints its status and the tty
/// modes. Waits for the loading screen.
fn start(data: &Path) -> Tmux {
    let command = format!(
        "'{}' --data '{}'; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; echo ==END==; exec sleep 600",
        tmux::binary().display(),
        data.display()
    );
    let t = Tmux::start(100, 30, &command);
    let name = data.file_name().expect("a file name").to_string_lossy().into_owned();
    let screen = t.wait_text(&format!("loading {name}…"));
    assert!(screen.contains("MB read") && screen.contains("q quit"), "{screen}");
    assert!(!screen.contains("Overview"), "no tabs before the data:\n{screen}");
    assert_eq!(t.format("#{alternate_on}"), "1", "the explorer owns the screen");
    t
}

/// The explorer has ended with `exit` and the terminal is as the shell left it.
fn assert_ended(t: &Tmux, exit: &str) -> String {
    let screen = t.wait_text("==END==");
    assert!(screen.contains(&format!("exit={exit}")), "{screen}");
    assert!(screen.contains("icanon echo"), "cooked mode back:\n{screen}");
    assert!(!screen.contains("q quit"), "the loading screen is gone:\n{screen}");
    assert_eq!(t.format("#{alternate_on}"), "0", "main screen");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor visible");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse reporting off");
    screen
}

#[test]
fn q_on_the_loading_screen_quits_at_once_and_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let fifo = Fifo::new("quit");
    let t = start(&fifo.0);
    t.keys(&["q"]);
    assert_ended(&t, "0");
}

#[test]
fn keys_typed_while_loading_reach_the_explorer_once_the_data_is_there() {
    if !tmux::available() {
        return;
    }
    let fifo = Fifo::new("ahead");
    let t = start(&fifo.0);
    // Enterprises, then a search for a company: typed before any record exists.
    t.keys(&["2", "/"]);
    t.text("chow tai");
    fifo.write(&shipped());
    let screen = t.wait_for("the typed search's answer", |s| {
        s.contains("[2 Enterprises") && s.contains("/ chow tai") && s.contains("Chow Tai Fook Jewel")
    });
    assert!(!screen.contains("loading"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_text("Esc close");
    t.keys(&["Escape"]);
    t.wait_text("q quit");
    t.keys(&["q"]);
    assert_ended(&t, "0");
}

#[test]
fn a_dataset_found_broken_after_the_loading_screen_is_reported_on_the_terminal_given_back() {
    if !tmux::available() {
        return;
    }
    let fifo = Fifo::new("broken");
    let t = start(&fifo.0);
    fifo.write(br#"{"format":"shuibei/1","enterprises":[{"id":"x""#);
    let screen = assert_ended(&t, "2");
    assert!(screen.contains("cannot load"), "{screen}");
    assert!(screen.contains("the file ends too early"), "{screen}");
}

/// The shipped dataset followed by 33 MB of spaces (still valid JSON): large enough for
/// the notices of a long wait, quick to read.
struct Padded(PathBuf);

impl Padded {
    fn new(tag: &str) -> Padded {
        let path = std::env::temp_dir().join(format!("shuibei-padded-{tag}-{}.json", std::process::id()));
        let mut bytes = shipped();
        bytes.resize(bytes.len() + (33 << 20), b' ');
        std::fs::write(&path, bytes).expect("writes");
        Padded(path)
    }
}

impl Drop for Padded {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_search_of_a_large_file_says_why_it_waits_on_a_terminal() {
    if !tmux::available() {
        return;
    }
    let data = Padded::new("notice");
    let cache = std::env::temp_dir().join(format!("shuibei-padded-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let search = |flags: &str| {
        format!(
            "XDG_CACHE_HOME='{}' '{}' search {flags} --limit 5 --data '{}' 'chow tai fook'",
            cache.display(),
            tmux::binary().display(),
            data.0.display()
        )
    };
    let command = format!(
        "{}; echo ==NOCACHE==; {}; echo ==FIRST==; {}; echo ==END==; exec sleep 600",
        search("--no-cache"),
        search(""),
        search("")
    );
    let t = Tmux::start(200, 40, &command);
    let screen = t.wait_text("==END==");
    let part = |from: &str, to: &str| {
        let start = screen.find(from).map_or(0, |i| i + from.len());
        screen[start..screen.find(to).unwrap_or(screen.len())].to_owned()
    };
    let no_cache = part("", "==NOCACHE==");
    let first = part("==NOCACHE==", "==FIRST==");
    let warm = part("==FIRST==", "==END==");
    assert!(
        no_cache.contains("reading and indexing") && no_cache.contains("(--no-cache: nothing is kept)"),
        "{screen}"
    );
    assert!(first.contains("once; later searches read the cache"), "{screen}");
    assert!(!warm.contains("shuibei: "), "a warm search says nothing:\n{screen}");
    for answer in [&no_cache, &first, &warm] {
        assert!(answer.contains("Chow Tai Fook"), "{screen}");
    }
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn ctrl_z_on_the_loading_screen_then_fg_goes_on_loading() {
    if !tmux::available() {
        return;
    }
    let fifo = Fifo::new("suspend");
    // Job control needs an interactive shell, as a person has.
    let t = Tmux::start(100, 30, "PS1='$ ' exec bash --norc --noprofile -i");
    t.wait_text("$");
    t.text(&format!("'{}' --data '{}'", tmux::binary().display(), fifo.0.display()));
    t.keys(&["Enter"]);
    t.wait_text("MB read");
    t.keys(&["C-z"]);
    t.wait_text("Stopped");
    assert_eq!(t.format("#{alternate_on}"), "0", "main screen while suspended");
    t.text("fg");
    t.keys(&["Enter"]);
    t.wait_text("MB read");
    assert_eq!(t.format("#{alternate_on}"), "1", "the loading screen is back");
    fifo.write(&shipped());
    t.wait_text("[0 Overview");
    t.keys(&["q"]);
    t.wait_for("the shell's prompt", |s| !s.contains("[0 Overview"));
    assert_eq!(t.format("#{alternate_on}"), "0");
    t.text("echo rc=$?");
    t.keys(&["Enter"]);
    t.wait_text("rc=0");
}
