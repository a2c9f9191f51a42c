//! Drives the real binary in a real terminal: tmux on a private socket, `send-keys`
//! and `capture-pane`. Waits poll the screen for the text expected (no fixed sleeps,
//! no timing assertions: a slow machine only makes the wait longer, up to a generous cap).

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// How long a wait may take before the test fails. Generous: machines are shared.
const PATIENCE: Duration = Duration::from_secs(20);

/// The binary under test: `SHUIBEI_BIN` (CI sets it to the release build), else the
/// build cargo made for these tests.
#[must_use]
pub fn binary() -> PathBuf {
    std::env::var_os("SHUIBEI_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_shuibei")), PathBuf::from)
}

/// Whether tmux can be used. Without it the real-terminal tests cannot run: they say
/// so and pass, unless `SHUIBEI_REQUIRE_TMUX` is set (as in CI), where they fail.
#[must_use]
pub fn available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("SHUIBEI_REQUIRE_TMUX").is_none(),
            "tmux is required (SHUIBEI_REQUIRE_TMUX is set) but not installed: apt-get install tmux"
        );
        eprintln!("SKIPPED: tmux is not installed (apt-get install tmux); the real-terminal tests did not run");
    }
    ok
}

/// A tmux server of its own, with one session running a shell command.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` (run by `sh -c`) in a `width` × `height` window.
    #[must_use]
    pub fn start(width: u16, height: u16, command: &str) -> Tmux {
        // In the temporary directory, not the working directory (the repository).
        let socket = std::env::temp_dir()
            .join(format!(
                "shuibei-test-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            ))
            .display()
            .to_string();
        let tmux = Tmux { socket };
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            command,
        ]);
        // A generous scrollback is not needed; the window must not resize with clients.
        tmux.run(&["set-option", "-g", "window-size", "manual"]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `C-p`, `BSpace`) or literally.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "t", key]);
        }
    }

    /// Runs any tmux command against this server, returning its output.
    pub fn command(&self, args: &[&str]) -> String {
        self.run(args)
    }

    /// Sends text literally (no key-name lookup).
    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
    }

    /// The screen as text.
    #[must_use]
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    #[must_use]
    pub fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", format])
            .trim()
            .to_owned()
    }

    /// Waits until the screen satisfies `ready`; panics with the screen if it never does.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {what}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Resizes the window.
    pub fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// The pid of the process running in the pane (the shell running the command).
    #[must_use]
    pub fn pane_pid(&self) -> u32 {
        self.format("#{pane_pid}").parse().expect("a pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // `-S`, as the server was started with: `-L` names a socket in tmux's own
        // directory, so the server (and its `sleep 600`) was left running.
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// The pids of running processes whose command line contains `needle`.
#[must_use]
pub fn processes_matching(needle: &str) -> Vec<u32> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            if cmdline.contains(needle) {
                found.push(pid);
            }
        }
    }
    found
}
