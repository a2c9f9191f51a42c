//! How the server runs: the command's flags, with the documented defaults.

use std::path::PathBuf;
use std::time::Duration;

/// How the server runs. [`Options::new`] gives the documented defaults.
#[derive(Debug, Clone)]
pub struct Options {
    /// `ADDR:PORT` to listen on.
    pub listen: String,
    pub host_key: PathBuf,
    pub authorized_keys: PathBuf,
    pub max_sessions: usize,
    pub max_per_address: usize,
    /// A session with no key pressed for this long is closed; zero never closes one.
    pub idle_timeout: Duration,
    /// From connecting to the explorer on screen (handshake, login, pty, shell).
    pub login_grace: Duration,
    /// The fixed wait before a refused login is answered.
    pub auth_delay: Duration,
    /// Debug builds only: F12 panics a session (for tests of isolation).
    pub debug_panic: bool,
}

impl Options {
    /// The defaults: 127.0.0.1:2222, keys in `config_dir` (`host_ed25519`,
    /// `authorized_keys`), 32 sessions, 4 per address, 30 minutes idle, a 30 s login grace,
    /// a 1 s delay on each refused login.
    #[must_use]
    pub fn new(config_dir: &std::path::Path) -> Options {
        Options {
            listen: "127.0.0.1:2222".to_owned(),
            host_key: config_dir.join("host_ed25519"),
            authorized_keys: config_dir.join("authorized_keys"),
            max_sessions: 32,
            max_per_address: 4,
            idle_timeout: Duration::from_mins(30),
            login_grace: Duration::from_secs(30),
            auth_delay: Duration::from_secs(1),
            debug_panic: false,
        }
    }
}
