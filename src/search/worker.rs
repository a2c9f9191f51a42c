//! Searching off the UI thread: the newest request wins, stale work is abandoned between
//! slices and never delivered, and a long search sends early partial results first.
//!
//! The worker owns a [`Session`], so a query that extends the previous complete one only
//! re-checks its matches. It reports through the caller's `notify` callback (typically a
//! send into the UI's event channel); it never touches the terminal.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::run::{self, Candidates, Session};
use super::{Hit, Index, Outcome, Query, Scope};
use crate::db::Db;

/// The first slice is small so the first rows appear fast even when most records match.
const FIRST_SLICE: usize = 32 * 1024;
const SLICE: usize = 128 * 1024;
/// How many rows a partial result carries: a screenful or two, plenty.
pub const PARTIAL_ROWS: usize = 500;
/// Partial results after the first are sent at most this often (for the counter).
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// A search result, partial or complete.
#[derive(Debug, Clone)]
pub struct Done {
    pub generation: u64,
    pub scope: Scope,
    pub query: String,
    /// Complete: every hit, best first. Partial: the best [`PARTIAL_ROWS`] so far, with
    /// `matched` counting the matches so far.
    pub outcome: Outcome,
    /// False for early results of a search still running.
    pub complete: bool,
}

struct Request {
    generation: u64,
    scope: Scope,
    query: String,
}

/// A background search thread.
pub struct Worker {
    tx: Option<mpsc::Sender<Request>>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread. `notify` is called from it with each result.
    ///
    /// # Panics
    /// If the OS cannot start a thread.
    pub fn spawn(index: Arc<Index>, db: Arc<Db>, notify: impl Fn(Done) + Send + 'static) -> Worker {
        let (tx, rx) = mpsc::channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("shuibei-search".into())
            .spawn(move || {
                let mut session = Session::new();
                while let Ok(mut request) = rx.recv() {
                    // Only the newest pending request matters.
                    while let Ok(newer) = rx.try_recv() {
                        request = newer;
                    }
                    if request.generation == current.load(Ordering::Acquire) {
                        serve(&index, &db, &mut session, &request, &current, &notify);
                    }
                }
            })
            .expect("the search thread starts");
        Worker {
            tx: Some(tx),
            latest,
            thread: Some(thread),
        }
    }

    /// Asks for a search; returns its generation. A newer request supersedes every older
    /// one: their results are not delivered, even if already computed.
    #[allow(clippy::must_use_candidate)] // a caller may fire and match `Done::generation` later
    pub fn request(&self, scope: Scope, query: String) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::AcqRel) + 1;
        if let Some(tx) = &self.tx {
            let _ = tx.send(Request {
                generation,
                scope,
                query,
            });
        }
        generation
    }

    /// The generation of the newest request.
    #[must_use]
    pub fn latest(&self) -> u64 {
        self.latest.load(Ordering::Acquire)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Abandon any running search, close the channel, wait for the thread.
        self.latest.store(u64::MAX, Ordering::Release);
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(index: &Index, db: &Db, session: &mut Session, req: &Request, latest: &AtomicU64, notify: &dyn Fn(Done)) {
    let current = || latest.load(Ordering::Acquire) == req.generation;
    let query = Query::parse(&req.query, req.scope);
    let done = |outcome: Outcome, complete: bool| Done {
        generation: req.generation,
        scope: req.scope,
        query: req.query.clone(),
        outcome,
        complete,
    };
    if query.is_empty() {
        session.forget();
        let outcome = run::once(index, db, &query, None);
        if current() {
            notify(done(outcome, true));
        }
        return;
    }
    let searched = req.scope.len(db);
    let narrowed = session.narrowing(&query).map(<[_]>::to_vec);
    let cands = match &narrowed {
        Some(list) => Candidates::List(list),
        None => Candidates::of(req.scope, db),
    };
    let total = cands.len();
    let mut hits = run::Found::default();
    let mut top: Vec<Hit> = Vec::new();
    let mut at = 0;
    let mut last_sent: Option<Instant> = None;
    while at < total {
        if !current() {
            return;
        }
        let end = total.min(at + if at == 0 { FIRST_SLICE } else { SLICE });
        let stop = || !current();
        let slice = run::scan_until(index, db, &query, &cands, at..end, &stop);
        if !current() {
            return;
        }
        at = end;
        if at < total {
            top.extend(slice.iter().copied());
            top = run::rank(top, Some(PARTIAL_ROWS));
        }
        hits.append(slice);
        if at < total && last_sent.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) && current() {
            last_sent = Some(Instant::now());
            notify(done(
                Outcome {
                    hits: top.clone(),
                    matched: hits.len(),
                    searched,
                    notice: query.notice.clone(),
                },
                false,
            ));
        }
    }
    session.remember(query.clone(), &hits);
    let outcome = Outcome {
        matched: hits.len(),
        hits: run::rank_found(hits, None),
        searched,
        notice: query.notice,
    };
    if current() {
        notify(done(outcome, true));
    }
}
