//! `shuibei serve`: the explorer as an SSH server of its own. Colleagues connect with
//! `ssh -p 2222 host` and get the explorer, nothing else: no accounts, no shell, no
//! commands, no forwarding, no file transfer.
//!
//! A wing between the command line and the explorer. Inside, top to bottom: this
//! module (start, stop, signals) → `conn` (accept, limits, each connection's life) →
//! `handler` (the SSH requests: keys, pty, shell, refusals) → `session` (one explorer per
//! session, on a thread of its own; input bytes through the explorer's `decode`) →
//! `backend` (the terminal over the channel: the output buffer) → `shared`, `gate`, `keys`, `log`, `error`.
//!
//! Every session has its own explorer state (`Screen` and `App`, as the local explorer
//! runs them) over one read-only dataset and one search index built at start; searches
//! run on one pool of as many threads as there are cores. SSH is `russh`, with no
//! compression and no RSA.
//!
//! See docs/serve.md for running it, exposing it safely and the threat model.

mod backend;
mod conn;
mod error;
mod gate;
mod handler;
mod keys;
mod log;
mod options;
mod session;
mod shared;

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use russh::keys::PublicKey;
use russh::server::Config;
use russh::{MethodKind, MethodSet, SshId};
use tokio::net::TcpListener;

pub use error::ServeError;
pub use keys::{Authorized, fingerprint};
pub use options::Options;
pub use session::{MAX_COLUMNS, MAX_ROWS};

use crate::data::brief::Brief;
use crate::data::db::Db;
use crate::explorer::keymap::Keymap;
use crate::search::Index;
use crate::settings::{ColorChoice, ThemeChoice};
use shared::Shared;

/// What each session's explorer shows and how: the dataset (shared read-only by all),
/// the keymap (with the config file's overrides) and the colour and theme choices. Each
/// session's colour depth comes from its own `TERM`, `COLORTERM` and `NO_COLOR`.
pub struct Explorer {
    pub db: Db,
    pub keymap: Keymap,
    pub theme: ThemeChoice,
    pub color: ColorChoice,
}

/// A server that is listening.
pub struct Running {
    /// Where it listens (the real port when 0 was asked for).
    pub address: std::net::SocketAddr,
    /// Its host key's public half.
    pub host_key: PublicKey,
    shared: Arc<Shared>,
    accept: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Sessions running now.
    #[must_use]
    pub fn sessions(&self) -> usize {
        self.shared.running()
    }

    /// Connections open now (logins in progress included).
    #[must_use]
    pub fn connections(&self) -> usize {
        self.shared.gate.open()
    }

    /// Stops listening, ends every session (each client's terminal restored, told why)
    /// and waits, a few seconds at most, for the connections to close.
    pub async fn stop(self) {
        self.shared.stop();
        let _ = self.accept.await;
        let until = tokio::time::Instant::now() + Duration::from_secs(8);
        while self.shared.gate.open() > 0 && tokio::time::Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.shared.log.line("stopped");
    }
}

/// Why `listen` could not be listened on, and what to do: the hint fits the cause (a port
/// taken, an address not of this machine, a port that needs root, a malformed address).
fn cannot_listen(listen: &str, err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let what = match err.kind() {
        ErrorKind::AddrInUse => "is another server using that port? pick another with --listen",
        ErrorKind::AddrNotAvailable => {
            "that address is not one of this machine's; 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) are"
        }
        ErrorKind::PermissionDenied => "ports below 1024 need root; pick one above, e.g. --listen 127.0.0.1:2222",
        _ if listen
            .rsplit_once(':')
            .is_none_or(|(_, port)| port.parse::<u16>().is_err()) =>
        {
            "give an address and a port (0 to 65535), e.g. --listen 127.0.0.1:2222 or --listen 0.0.0.0:2222"
        }
        _ => "check the address, e.g. --listen 127.0.0.1:2222",
    };
    format!("cannot listen on {listen}: {err}; {what}")
}

/// Checks the keys, binds, builds the search index, says where it listens (on `log`)
/// and accepts connections in the background until [`Running::stop`].
///
/// # Errors
/// A key problem or an address that cannot be listened on, each with what to do.
pub async fn start(options: Options, explorer: Explorer, log: Box<dyn Write + Send>) -> Result<Running, ServeError> {
    let (host_key, made) = keys::host_key(&options.host_key)?;
    let authorized = Authorized::read(&options.authorized_keys)?;
    let listener = TcpListener::bind(&options.listen)
        .await
        .map_err(|err| ServeError::Usage(cannot_listen(&options.listen, &err)))?;
    let address = listener
        .local_addr()
        .map_err(ServeError::io("reading the address listened on"))?;
    let db = Arc::new(explorer.db);
    // The index and the brief (the Overview, the comparisons, who cites each source)
    // are built once and shared by every session.
    let (index, brief) = {
        let db = Arc::clone(&db);
        tokio::task::spawn_blocking(move || (Arc::new(Index::build(&db)), Arc::new(Brief::build(&db))))
            .await
            .map_err(|err| ServeError::Usage(format!("building the search index failed: {err}")))?
    };
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("shuibei-search-{i}"))
        .build()
        .map_err(|err| ServeError::Usage(format!("starting the search threads failed: {err}")))?;
    let public = host_key.public_key().clone();
    let config = Arc::new(Config {
        server_id: SshId::Standard(format!("SSH-2.0-shuibei_{}", env!("CARGO_PKG_VERSION")).into()),
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: options.auth_delay,
        // OpenSSH asks with method "none" first, to learn the methods: no wait for that.
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![host_key],
        max_auth_attempts: handler::MAX_AUTH_ATTEMPTS,
        // Idle sessions are the session's business (with a notice); dead connections are
        // found by keepalives.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 3,
        nodelay: true,
        ..Config::default()
    });
    let log = log::Log::new(log);
    log.line(&format!(
        "shuibei serve listening on {address} (connect with: ssh -p {} {})",
        address.port(),
        address.ip()
    ));
    log.line(&format!(
        "host key {} {} ({}{})",
        public.algorithm(),
        fingerprint(&public),
        options.host_key.display(),
        if made { ", made now" } else { "" }
    ));
    let idle = if options.idle_timeout.is_zero() {
        "never".to_owned()
    } else {
        log::duration(options.idle_timeout)
    };
    log.line(&format!(
        "{} ({}); at most {} sessions, {} per address; idle sessions close after {idle}",
        match authorized.len() {
            1 => "1 authorized key".to_owned(),
            n => format!("{n} authorized keys"),
        },
        options.authorized_keys.display(),
        options.max_sessions,
        options.max_per_address,
    ));
    let shared = Arc::new(Shared::new(
        db,
        (index, brief),
        Arc::new(pool),
        explorer.keymap,
        (explorer.theme, explorer.color),
        authorized,
        options,
        log,
    ));
    let accept = tokio::spawn(conn::accept(listener, Arc::clone(&shared), config));
    Ok(Running {
        address,
        host_key: public,
        shared,
        accept,
    })
}

/// Runs the server until SIGTERM, SIGINT or SIGHUP, then closes every session cleanly.
///
/// # Errors
/// What [`start`] refuses, or signals that cannot be watched.
pub fn run(options: Options, explorer: Explorer, log: Box<dyn Write + Send>) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("shuibei-serve")
        .build()
        .map_err(ServeError::io("starting the server's threads"))?;
    runtime.block_on(async {
        use tokio::signal::unix::{SignalKind, signal};
        let watch = |kind| signal(kind).map_err(ServeError::io("watching for signals"));
        let (mut term, mut int, mut hup) = (
            watch(SignalKind::terminate())?,
            watch(SignalKind::interrupt())?,
            watch(SignalKind::hangup())?,
        );
        let running = start(options, explorer, log).await?;
        let name = tokio::select! {
            _ = term.recv() => "SIGTERM",
            _ = int.recv() => "SIGINT",
            _ = hup.recv() => "SIGHUP",
        };
        running.shared.log.line(&match running.sessions() {
            1 => format!("{name}: stopping 1 session"),
            n => format!("{name}: stopping {n} sessions"),
        });
        running.stop().await;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::cannot_listen;
    use std::io::{Error, ErrorKind};

    #[test]
    fn the_hint_for_an_address_fits_its_fault() {
        let taken = cannot_listen("127.0.0.1:2222", &Error::from(ErrorKind::AddrInUse));
        assert!(
            taken.ends_with("is another server using that port? pick another with --listen"),
            "{taken}"
        );
        for malformed in ["0.0.0.0", "2299", "127.0.0.1:99999"] {
            let said = cannot_listen(
                malformed,
                &Error::new(ErrorKind::InvalidInput, "invalid socket address"),
            );
            assert!(said.contains("give an address and a port"), "{said}");
            assert!(!said.contains("another server"), "{said}");
        }
        let foreign = cannot_listen("10.9.9.9:2222", &Error::from(ErrorKind::AddrNotAvailable));
        assert!(foreign.contains("not one of this machine's"), "{foreign}");
    }
}
