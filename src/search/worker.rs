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

use super::hit::{Hit, Outcome};
use super::index::Index;
use super::query::Query;
use super::records::Records;
use super::run::{self, Candidates, Last, Plan, Session};
use super::scope::Scope;
use crate::data::db::{Db, Rec};

/// The first slice is small so the first rows appear fast even when most records match.
const FIRST_SLICE: usize = 32 * 1024;
const SLICE: usize = 128 * 1024;
/// Of the last result's best rows, how many are matched at a time before the first
/// partial result (see `serve`).
const BEST_SLICE: usize = 4096;
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
    /// How many leading rows of `outcome.hits` are final: no record still to be matched
    /// can rank above them. All of them when complete. A partial result of a query that
    /// narrows the last one (typing) looks at the last result's best rows first, and can
    /// often prove its first rows final; other partials settle none.
    pub settled: usize,
    /// Complete and nothing matched: why ([`why_nothing`]).
    pub nothing: WhyNothing,
}

/// Why a query found nothing: what the command line says on stderr, and the explorer
/// beside its empty list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhyNothing {
    /// The fields the query asks that no record of the scope has a value in
    /// ([`unheld_fields`](super::unheld::unheld_fields)), the reason to say.
    pub unheld: Vec<&'static str>,
    /// Which of the query's words find nothing on their own
    /// ([`lone_words`](super::lone::lone_words)), where the scope is small enough to ask.
    pub lone: Option<super::lone::Lone>,
    /// How many sources hold the query as typed (a title, publisher or note): no record
    /// does, but the reader may be looking for a source.
    pub sources: usize,
    /// For a query with a capital: whether it finds anything in small letters (`None`
    /// when not asked: no capital, or a scope too large to search again).
    pub lower_finds: Option<bool>,
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
        Worker::start(None, index, db, notify)
    }

    /// [`Worker::spawn`], but each search runs inside `pool` (its matching and its
    /// ranking): many workers sharing one pool (an SSH server's sessions) take no more
    /// cores than the pool has, however many search at once. `notify` is then called from
    /// the pool's threads.
    ///
    /// # Panics
    /// If the OS cannot start a thread.
    pub fn spawn_on(
        pool: Arc<rayon::ThreadPool>,
        index: Arc<Index>,
        db: Arc<Db>,
        notify: impl Fn(Done) + Send + 'static,
    ) -> Worker {
        Worker::start(Some(pool), index, db, notify)
    }

    fn start(
        pool: Option<Arc<rayon::ThreadPool>>,
        index: Arc<Index>,
        db: Arc<Db>,
        notify: impl Fn(Done) + Send + 'static,
    ) -> Worker {
        let (tx, rx) = mpsc::channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("shuibei-search".into())
            .spawn(move || {
                // With a pool, `notify` is called from the pool's threads: behind a lock it
                // can be shared without asking callers for a `Sync` callback.
                let notify = std::sync::Mutex::new(notify);
                let notify = |done: Done| {
                    if let Ok(notify) = notify.lock() {
                        notify(done);
                    }
                };
                let mut session = Session::new();
                while let Ok(mut request) = rx.recv() {
                    // Only the newest pending request matters.
                    while let Ok(newer) = rx.try_recv() {
                        request = newer;
                    }
                    if request.generation == current.load(Ordering::Acquire) {
                        let mut search = || serve(&index, Records::Db(&db), &mut session, &request, &current, &notify);
                        match &pool {
                            Some(pool) => pool.install(search),
                            None => search(),
                        }
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

/// The request's query, parsed: a credit code copied in groups searched whole, as on the
/// command line (the answer keeps the query as typed, the box's text).
fn parsed(req: &Request) -> Query {
    let whole = super::codes::written_whole(&req.query).map(|(query, _)| query);
    Query::parse(whole.as_deref().unwrap_or(&req.query), req.scope)
}

/// What the command line says of a complete answer's query besides its rows, said as
/// it says it: a credit code whose check character fails, with the company the mended
/// code is of (when nothing matched as typed); the alternatives of a screen (`A | B | C`)
/// that find nothing (each a search of its own; a newer query stops them).
fn unfound(
    index: &Index,
    db: Records<'_>,
    req: &Request,
    outcome: &Outcome,
    current: &dyn Fn() -> bool,
) -> Option<String> {
    if !current() {
        return None;
    }
    let code = (outcome.matched == 0 || outcome.tolerant)
        .then(|| super::codes::unfound_code(index, db, req.scope, &req.query))
        .flatten();
    let whole = super::codes::written_whole(&req.query).map(|(query, _)| query);
    let text = whole.as_deref().unwrap_or(&req.query);
    code.or_else(|| super::screen::unfound_alternatives(index, db, req.scope, text, false, current))
}

fn serve(
    index: &Index,
    db: Records<'_>,
    session: &mut Session,
    req: &Request,
    latest: &AtomicU64,
    notify: &dyn Fn(Done),
) {
    let current = || latest.load(Ordering::Acquire) == req.generation;
    let query = parsed(req);
    let screen = |outcome: &Outcome| unfound(index, db, req, outcome, &current);
    let done = |outcome: Outcome, complete: bool, settled: usize| answer(req, &screen, outcome, complete, settled);
    // Nothing to narrow next time: every record, or a screen searched side by side.
    if query.is_empty() || !query.sides.is_empty() {
        session.forget();
        serve_whole(index, db, &query, req, &current, notify);
        return;
    }
    let searched = req.scope.len(db);
    // The record whose id the query is, if any (see `exact`): the whole answer when
    // nothing matched as typed, before near spellings are tried (then the next query
    // starts afresh); else first, unless the query matches it by name and is not
    // written as an id (then it keeps its rank).
    let (id_rec, id_first) = named(index, db, &query);
    let phase = Phase {
        index,
        db,
        searched,
        current: &current,
        lead: id_first.map(|h| h.rec),
        notify: &|outcome, settled, counted| {
            let (outcome, settled) = led(outcome, settled, id_first, counted);
            notify(done(outcome, false, settled));
        },
    };
    let by_id = |session: &mut Session| {
        let rec = id_rec?;
        session.forget();
        if current() {
            notify(done(super::exact::alone(rec, searched), true, 0));
        }
        Some(())
    };
    // As typed first (over the last matches when the query narrows them, the best of
    // them first); with typos when that finds nothing.
    // Whether it ran with typos because its matches as typed were all loose.
    let mut after_loose = false;
    let (ran, hits) = match session.plan(index, db, &query) {
        Plan::AsTyped(list) => {
            // The last result's best rows first only over its own matches.
            let narrowing = matches!(list, Some(std::borrow::Cow::Borrowed(_)));
            let list = list.map(std::borrow::Cow::into_owned);
            let previous = narrowing.then(|| session.narrowing_last(&query)).flatten();
            let Some(hits) = phase.run(&query, list.as_deref(), previous) else {
                return;
            };
            if hits.len() == 0 && by_id(session).is_some() {
                return;
            }
            let again = hits.len() == 0 || run::loose(&hits) || run::forms_only_apart(index, db, &query, &hits);
            match query.tolerant().filter(|_| again) {
                Some(tolerant) => {
                    after_loose = hits.len() > 0;
                    let Some(hits) = phase.run(&tolerant, None, None) else {
                        return;
                    };
                    (tolerant, hits)
                }
                None => (query, hits),
            }
        }
        Plan::Tolerant(tolerant) => {
            if by_id(session).is_some() {
                return;
            }
            let Some(hits) = phase.run(&tolerant, None, None) else {
                return;
            };
            (*tolerant, hits)
        }
    };
    let sounded = run::loose(&hits);
    session.remember(ran.clone(), &hits);
    let hits = run::fewest_typos(&ran, hits);
    let matched = hits.len();
    let ranked = run::rank_found(hits, None);
    session.remember_top(&ranked, matched);
    if after_loose {
        // A longer query may match as typed where this one only loosely (`Session::search`).
        session.forget();
    }
    let mut outcome = Outcome {
        matched,
        hits: ranked,
        searched,
        tolerant: ran.tolerant || sounded,
        shortened: ran.shortened,
        notice: ran.said(),
    };
    if let Some(first) = id_first {
        let own = outcome.hits.iter().find(|h| h.rec == first.rec).copied();
        super::exact::first(&mut outcome, first.rec, &ran, own, None);
    }
    send_complete(index, db, req, outcome, &current, notify);
}

/// An empty query's answer (every record), or a screen's (`A | B | C`) searched side by
/// side (`sides`), each side whole: one complete answer, a screen's abandoned between
/// two sides when a newer query comes.
fn serve_whole(
    index: &Index,
    db: Records<'_>,
    query: &Query,
    req: &Request,
    current: &dyn Fn() -> bool,
    notify: &dyn Fn(Done),
) {
    let outcome = if query.is_empty() {
        run::once(index, db, query, None)
    } else {
        let Some(outcome) = super::sides::joined(index, db, query, None, current) else {
            return;
        };
        outcome
    };
    send_complete(index, db, req, outcome, current, notify);
}

/// Sends `outcome` as the complete answer to `req` (while it is the newest), with why
/// nothing matched when nothing did: read here, off the UI thread, since it may read
/// every record of the scope.
fn send_complete(
    index: &Index,
    db: Records<'_>,
    req: &Request,
    outcome: Outcome,
    current: &dyn Fn() -> bool,
    notify: &dyn Fn(Done),
) {
    let nothing = if outcome.matched == 0 {
        why_nothing_while(index, db, req.scope, &req.query, current)
    } else {
        WhyNothing::default()
    };
    let screen = |outcome: &Outcome| unfound(index, db, req, outcome, current);
    if current() {
        notify(Done {
            nothing,
            ..answer(req, &screen, outcome, true, 0)
        });
    }
}

/// Why `query` found nothing in `scope`, as [`Done`] says it: the fields it asks that no
/// record holds a value in, else which of its words find nothing on their own; and the
/// sources that hold it. Reads every record of the scope: call it when nothing matched.
#[must_use]
pub fn why_nothing<'a>(index: &Index, db: impl Into<Records<'a>>, scope: Scope, query: &str) -> WhyNothing {
    why_nothing_while(index, db.into(), scope, query, &|| true)
}

/// [`why_nothing`], its searches run only while `live` holds (the query is still the
/// newest: typing a word that finds nothing asks at each key).
fn why_nothing_while(index: &Index, db: Records<'_>, scope: Scope, query: &str, live: &dyn Fn() -> bool) -> WhyNothing {
    let unheld = super::unheld::unheld_fields(db, scope, query);
    let lone = if unheld.is_empty() {
        super::lone::lone_words_while(index, db, scope, query, live)
    } else {
        None
    };
    let sources = match db {
        Records::Db(db) if !query.trim().is_empty() && db.sources().len() <= super::lone::CHECKED_UP_TO => {
            super::sources::sources_as_typed(db, query)
        }
        _ => 0,
    };
    // A capital matches case for case: whether small letters would find anything, so
    // that the explorer offers them only where they lead somewhere (as the command line).
    let lower_finds = super::query::lowercased(query)
        .filter(|_| live() && scope.len(db) <= super::lone::CHECKED_UP_TO)
        .map(|lower| super::run::once(index, db, &Query::parse(&lower, scope), Some(1)).matched > 0);
    WhyNothing {
        unheld,
        lone,
        sources,
        lower_finds,
    }
}

/// `outcome` with `hint`, what its query may not mean as written (`query::hint`), beside
/// what was left out of the query (the search line shows both), when nothing matched as
/// typed: `!silver gold` means what it says, `gold !chow tai fook` finds nothing, and
/// `jewellery !zhou dasheng` only near spellings (of what it meant to leave out).
#[must_use]
pub fn with_hint(mut outcome: Outcome, hint: Option<&str>) -> Outcome {
    if let Some(hint) = hint.filter(|_| outcome.matched == 0 || outcome.tolerant) {
        outcome.notice = Some(match outcome.notice.take() {
            Some(notice) => format!("{notice}; {hint}"),
            None => hint.to_owned(),
        });
    }
    outcome
}

/// An answer to `req`; once complete, with the query's hint (see [`with_hint`]) and the
/// line of what else the command line would say (`unfound`, asked only then).
fn answer(
    req: &Request,
    screen: &dyn Fn(&Outcome) -> Option<String>,
    outcome: Outcome,
    complete: bool,
    settled: usize,
) -> Done {
    let hint = complete.then(|| super::query::hint(&req.query)).flatten();
    let mut outcome = with_hint(outcome, hint.as_deref());
    if let Some(line) = complete.then(|| screen(&outcome)).flatten() {
        outcome.notice = Some(match outcome.notice.take() {
            Some(notice) => format!("{notice}; {line}"),
            None => line,
        });
    }
    Done {
        generation: req.generation,
        scope: req.scope,
        query: req.query.clone(),
        settled: if complete { outcome.hits.len() } else { settled },
        outcome,
        complete,
        nothing: WhyNothing::default(),
    }
}

/// A partial answer with `first`, the hit of the record the query names by id, first,
/// as the complete answer will have it (`counted`: the count so far has it); and how many
/// of its rows are final then (moved up from among them, it adds none before them).
fn led(mut outcome: Outcome, settled: usize, first: Option<Hit>, counted: bool) -> (Outcome, usize) {
    let Some(first) = first else {
        return (outcome, settled);
    };
    let was = super::exact::lead(&mut outcome, first, counted);
    (outcome, settled + usize::from(was.is_none_or(|at| at >= settled)))
}

/// The record the query names by id (`exact::record`), and the hit it leads every answer
/// with, partial ones too: its own when the query matches it and is written as an id
/// (`exact::pasted`), one saying "id" when the query matches it no other way; none when
/// it keeps the rank its name earns.
fn named(index: &Index, db: Records<'_>, query: &Query) -> (Option<Rec>, Option<Hit>) {
    let Some(rec) = super::exact::record(index, db, query) else {
        return (None, None);
    };
    let only = [rec];
    let own = run::scan(index, db, query, &Candidates::List(&only), 0..1)
        .iter()
        .next()
        .copied();
    let first = match own {
        None => Some(super::exact::hit(rec)),
        Some(own) if super::exact::pasted(query) => Some(own),
        Some(_) => None,
    };
    (Some(rec), first)
}

/// One pass of a search over its candidates, in slices, with partial results.
struct Phase<'a> {
    index: &'a Index,
    db: Records<'a>,
    searched: usize,
    current: &'a (dyn Fn() -> bool + Sync),
    /// The record that leads every answer (the query names it by id), if any.
    lead: Option<Rec>,
    /// Sends a partial result with how many of its rows are final, and whether its count
    /// has the leading record.
    notify: &'a dyn Fn(Outcome, usize, bool),
}

impl Phase<'_> {
    /// Matches `query` against `list` (or the whole scope); with `previous`, the last
    /// search that `query` narrows, its best rows first. `None` when a newer request came.
    fn run(&self, query: &Query, list: Option<&[Rec]>, previous: Option<&Last>) -> Option<run::Found> {
        let (index, db) = (self.index, self.db);
        let current = self.current;
        let cands = match list {
            Some(list) => Candidates::List(list),
            None => Candidates::of(query.scope, db),
        };
        let total = cands.len();
        let mut hits = run::Found::default();
        let mut at = 0;
        let mut last_sent: Option<Instant> = None;
        // Typing: the last result's best rows first; they make the first partial.
        let mut early = Early::default();
        if let Some(old) = previous
            && total > FIRST_SLICE
        {
            early = best_first(index, db, query, old, current)?;
            if current() {
                last_sent = Some(Instant::now());
                let outcome = Outcome {
                    hits: early.top.clone(),
                    matched: early.matched.len(),
                    searched: self.searched,
                    notice: query.said(),
                    tolerant: query.tolerant,
                    shortened: query.shortened,
                };
                let counted = self.lead.is_some_and(|rec| early.seen.contains(&rec));
                (self.notify)(outcome, early.settled, counted);
            }
        }
        let mut top = std::mem::take(&mut early.top);
        while at < total {
            if !current() {
                return None;
            }
            let end = total.min(at + if at == 0 { FIRST_SLICE } else { SLICE });
            let stop = || !current();
            let slice = run::scan_until(index, db, query, &cands, at..end, &stop);
            if !current() {
                return None;
            }
            at = end;
            if at < total {
                // Rows of the best-first pass are in `top` already.
                top.extend(slice.iter().filter(|h| !early.seen.contains(&h.rec)).copied());
                top = run::rank(top, Some(PARTIAL_ROWS));
            }
            hits.append(slice);
            if at < total && last_sent.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) && current() {
                last_sent = Some(Instant::now());
                // Matches so far: the scan's, and those of the best-first pass beyond it.
                let ahead = early.matched.len() - early.matched.partition_point(|rec| *rec <= cands.at(at - 1));
                let (rows, matched) = if query.tolerant {
                    run::fewest_typos_so_far(query, &top, &hits)
                } else {
                    (top.clone(), hits.len() + ahead)
                };
                let outcome = Outcome {
                    hits: rows,
                    matched,
                    searched: self.searched,
                    notice: query.said(),
                    tolerant: query.tolerant,
                    shortened: query.shortened,
                };
                let counted = self
                    .lead
                    .is_some_and(|rec| early.seen.contains(&rec) || hits.iter().any(|h| h.rec == rec));
                (self.notify)(outcome, early.settled, counted);
            }
        }
        Some(hits)
    }
}

/// What the best-first pass found.
#[derive(Default)]
struct Early {
    /// Its best rows, best first (at most [`PARTIAL_ROWS`]).
    top: Vec<Hit>,
    /// How many of them are proven final.
    settled: usize,
    /// The records it matched (each is matched again by the scan, which must not count
    /// its hit twice in the partial rows).
    seen: hashbrown::HashSet<Rec>,
    /// Its matches, in candidate order.
    matched: Vec<Rec>,
}

/// Matches the last result's best rows first, a slice at a time, until their best
/// [`PARTIAL_ROWS`] are proven final or [`FIRST_SLICE`] rows are done. The proof: every
/// record not looked at yet scored at most `rest` for the last query, and typing can
/// raise a score by at most `Query::gain_over` (a record that matched as typed: with a
/// loose match in the last result, no row is proven); rows above `rest + gain` are final.
/// `None` when a newer request came.
fn best_first(
    index: &Index,
    db: Records<'_>,
    query: &Query,
    old: &Last,
    current: &(dyn Fn() -> bool + Sync),
) -> Option<Early> {
    // A loose match may become an answer, beyond any bound per char.
    let gain = query.gain_over(&old.query).filter(|_| !old.loose);
    // The K-th best new score is at most the K-th best old one plus the gain, so rows
    // settle only once the rows left scored below that last time. When more rows than
    // the budget tie with it (broad queries often tie by thousands), no row can settle:
    // one slice of the best rows is the first partial, no proof is attempted.
    let budget = match gain {
        Some(_) => {
            let kth = old
                .top
                .get(PARTIAL_ROWS - 1)
                .or(old.top.last())
                .map_or(i64::MIN, |r| r.0);
            let at_budget = old.top.get(FIRST_SLICE).map(|r| r.0).or(old.next);
            if at_budget.is_some_and(|rest| rest >= kth) {
                BEST_SLICE
            } else {
                FIRST_SLICE
            }
        }
        None => BEST_SLICE,
    };
    let stop = || !current();
    let mut early = Early::default();
    let mut done_upto = 0;
    while done_upto < old.top.len() && done_upto < budget {
        let end = old.top.len().min(done_upto + BEST_SLICE);
        let recs: Vec<Rec> = old.top[done_upto..end].iter().map(|(_, rec)| *rec).collect();
        let found = run::scan_until(index, db, query, &Candidates::List(&recs), 0..recs.len(), &stop);
        if !current() {
            return None;
        }
        early.seen.extend(recs);
        early.matched.extend(found.iter().map(|h| h.rec));
        early.top.extend(found.iter().copied());
        early.top = run::rank(std::mem::take(&mut early.top), Some(PARTIAL_ROWS));
        done_upto = end;
        let rest = old.top.get(done_upto).map(|(score, _)| *score).or(old.next);
        early.settled = match (rest, gain) {
            (None, _) => early.top.len(),
            (Some(rest), Some(gain)) => early
                .top
                .iter()
                .take_while(|h| h.score > rest.saturating_add(gain))
                .count(),
            (Some(_), None) => 0,
        };
        if early.settled == early.top.len() && (early.settled == PARTIAL_ROWS || rest.is_none()) {
            break;
        }
    }
    early.matched.sort_unstable();
    Some(early)
}
