//! What the server's parts share: the read-only dataset, index and search pool every
//! session uses, the settings, the limits, the log and the list of running sessions
//! (`Shared`); and, per connection, what its handler and its task both need to know
//! (`ConnState`: the key that logged in, how it ended, how far it got).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::watch;

use super::gate::Gate;
use super::keys::Authorized;
use super::log::Log;
use super::options::Options;
use crate::data::brief::Brief;
use crate::data::db::Db;
use crate::explorer::keymap::Keymap;
use crate::search::{Done, Index};
use crate::settings::{ColorChoice, ThemeChoice};

/// Everything the sessions share; all of it read-only but the registry.
pub struct Shared {
    pub db: Arc<Db>,
    pub index: Arc<Index>,
    /// The Overview's figures and who cites each source, computed once.
    pub brief: Arc<Brief>,
    /// Where every session's searches run: as many threads as cores, however many
    /// sessions search at once.
    pub pool: Arc<rayon::ThreadPool>,
    pub keymap: Keymap,
    pub theme: ThemeChoice,
    pub color: ColorChoice,
    pub authorized: Authorized,
    pub options: Options,
    pub gate: Arc<Gate>,
    pub log: Log,
    /// `true` once the server stops: no new logins, every session told to end.
    pub stopping: watch::Sender<bool>,
    sessions: Mutex<HashMap<u64, Sender<Event>>>,
    next_id: AtomicU64,
}

impl Shared {
    #[allow(clippy::too_many_arguments)] // one struct literal's worth, built once
    pub fn new(
        db: Arc<Db>,
        (index, brief): (Arc<Index>, Arc<Brief>),
        pool: Arc<rayon::ThreadPool>,
        keymap: Keymap,
        (theme, color): (ThemeChoice, ColorChoice),
        authorized: Authorized,
        options: Options,
        log: Log,
    ) -> Shared {
        let gate = Gate::new(options.max_sessions, options.max_per_address);
        Shared {
            db,
            index,
            brief,
            pool,
            keymap,
            theme,
            color,
            authorized,
            options,
            gate,
            log,
            stopping: watch::Sender::new(false),
            sessions: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
        }
    }

    /// Adds a running session; returns its number for [`Shared::unregister`].
    pub fn register(&self, events: Sender<Event>) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, events);
        // A session that starts as the server stops is told at once.
        if *self.stopping.borrow()
            && let Some(events) = self.sessions.lock().unwrap_or_else(PoisonError::into_inner).get(&id)
        {
            let _ = events.send(Event::Shutdown);
        }
        id
    }

    pub fn unregister(&self, id: u64) {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner).remove(&id);
    }

    /// Tells every running session to end, and refuses new logins.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
        for events in self.sessions.lock().unwrap_or_else(PoisonError::into_inner).values() {
            let _ = events.send(Event::Shutdown);
        }
    }

    /// Sessions running now.
    #[must_use]
    pub fn running(&self) -> usize {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

/// How far a connection got; each step only moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Key exchange and login.
    Login,
    /// The explorer runs.
    Running,
    /// The explorer ended; its last bytes are on their way.
    Ended,
    /// The channel is closed.
    Closed,
}

/// What a connection's handler and its task share.
pub struct ConnState {
    /// The fingerprint of the key that logged in.
    key: Mutex<Option<String>>,
    /// How the connection ended: the first reason given wins.
    ending: Mutex<Option<String>>,
    pub phase: watch::Sender<Phase>,
}

impl ConnState {
    #[must_use]
    pub fn new() -> Arc<ConnState> {
        Arc::new(ConnState {
            key: Mutex::new(None),
            ending: Mutex::new(None),
            phase: watch::Sender::new(Phase::Login),
        })
    }

    pub fn logged_in(&self, fingerprint: String) {
        *self.key.lock().unwrap_or_else(PoisonError::into_inner) = Some(fingerprint);
    }

    #[must_use]
    pub fn key(&self) -> Option<String> {
        self.key.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Records how the connection ended, unless a reason is already known.
    pub fn end(&self, why: &str) {
        self.ending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_with(|| why.to_owned());
    }

    #[must_use]
    pub fn ending(&self) -> Option<String> {
        self.ending.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Moves to `phase`, unless the connection is already past it.
    pub fn advance(&self, phase: Phase) {
        self.phase.send_if_modified(|now| {
            let later = phase > *now;
            if later {
                *now = phase;
            }
            later
        });
    }
}

/// What wakes a session.
#[derive(Debug)]
pub enum Event {
    /// Bytes the client's terminal sent.
    Input(Vec<u8>),
    /// The client's window changed size (columns, rows).
    Resize(u32, u32),
    /// The search worker answered.
    Search(Done),
    /// The last frame went out: the next may be drawn.
    Flushed,
    /// The client closed the channel or the connection dropped.
    Closed,
    /// The server is stopping.
    Shutdown,
}
