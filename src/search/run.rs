//! Running a parsed query over candidate records on all cores, in slices (so a caller
//! can show early results and abandon stale work), and ranking the hits.
//!
//! [`Session`] remembers the last query's matches: a query that extends it (typing) only
//! re-checks those. Nothing here parses or scores text; that is `query` and `matcher`.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::matcher::Matcher;
use super::{Hit, Index, Outcome, Query, Scope, Why};
use crate::db::{Db, Rec};
use crate::model::RecordKind;

/// The records a scan looks at.
pub(super) enum Candidates<'a> {
    /// Every record of these kinds, in tab and dataset order.
    Scope(Vec<(RecordKind, usize)>),
    /// These records (an earlier query's matches), in order.
    List(&'a [Rec]),
}

impl Candidates<'_> {
    pub(super) fn of(scope: Scope, db: &Db) -> Candidates<'static> {
        Candidates::Scope(scope.kinds().iter().map(|k| (*k, db.len(*k))).collect())
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Candidates::Scope(kinds) => kinds.iter().map(|(_, n)| n).sum(),
            Candidates::List(list) => list.len(),
        }
    }

    fn at(&self, mut i: usize) -> Rec {
        match self {
            Candidates::List(list) => list[i],
            Candidates::Scope(kinds) => {
                for (kind, n) in kinds {
                    if i < *n {
                        return Rec::new(*kind, i);
                    }
                    i -= n;
                }
                unreachable!("candidate index within len()")
            }
        }
    }
}

/// Best first; equal scores in tab and dataset order (`Rec` orders that way).
pub(super) fn order(a: &Hit, b: &Hit) -> Ordering {
    b.score.cmp(&a.score).then(a.rec.cmp(&b.rec))
}

/// Matches candidates `range` and returns the hits in candidate order.
pub(super) fn scan(
    index: &Index,
    db: &Db,
    query: &Query,
    cands: &Candidates,
    range: std::ops::Range<usize>,
) -> Vec<Hit> {
    scan_until(index, db, query, cands, range, &|| false)
}

/// [`scan`] that gives up (returning a partial list, to be discarded) once `stop` says so:
/// a superseded search must not hold the cores for a whole slice.
pub(super) fn scan_until(
    index: &Index,
    db: &Db,
    query: &Query,
    cands: &Candidates,
    range: std::ops::Range<usize>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Vec<Hit> {
    range
        .into_par_iter()
        .with_min_len(2048)
        .map_init(
            || (Matcher::new(db, index), 0u32, false),
            |(m, seen, stopped), i| {
                *seen = seen.wrapping_add(1);
                if *seen % 1024 == 0 && !*stopped {
                    *stopped = stop();
                }
                if *stopped {
                    return None;
                }
                let rec = cands.at(i);
                m.eval(query, rec).map(|(score, why)| Hit { rec, score, why })
            },
        )
        .flatten()
        .collect()
}

/// Sorts hits best first and keeps at most `limit`.
pub(super) fn rank(mut hits: Vec<Hit>, limit: Option<usize>) -> Vec<Hit> {
    if let Some(k) = limit
        && k < hits.len()
    {
        if k == 0 {
            return Vec::new();
        }
        hits.select_nth_unstable_by(k - 1, order);
        hits.truncate(k);
    }
    if hits.len() > 50_000 {
        hits.par_sort_unstable_by(order);
    } else {
        hits.sort_unstable_by(order);
    }
    hits
}

/// Every record of the scope, in order: what an empty query shows.
fn everything(db: &Db, scope: Scope, limit: Option<usize>) -> Vec<Hit> {
    scope
        .kinds()
        .iter()
        .flat_map(|k| (0..db.len(*k)).map(|i| Rec::new(*k, i)))
        .take(limit.unwrap_or(usize::MAX))
        .map(|rec| Hit {
            rec,
            score: 0,
            why: Why::Everything,
        })
        .collect()
}

/// One search, start to end.
pub(super) fn once(index: &Index, db: &Db, query: &Query, limit: Option<usize>) -> Outcome {
    let searched = query.scope.len(db);
    if query.is_empty() {
        return Outcome {
            hits: everything(db, query.scope, limit),
            matched: searched,
            searched,
            notice: query.notice.clone(),
        };
    }
    let cands = Candidates::of(query.scope, db);
    let hits = scan(index, db, query, &cands, 0..cands.len());
    Outcome {
        matched: hits.len(),
        hits: rank(hits, limit),
        searched,
        notice: query.notice.clone(),
    }
}

/// Searches that remember the last query's matches, so that a query extending it (as
/// when typing) only re-checks those.
#[derive(Default)]
pub struct Session {
    last: Option<(Query, Vec<Rec>)>,
}

impl Session {
    #[must_use]
    pub fn new() -> Session {
        Session::default()
    }

    /// Like [`super::search`], narrowing the previous query's matches when `query`
    /// extends it.
    pub fn search(&mut self, index: &Index, db: &Db, scope: Scope, query: &str, limit: Option<usize>) -> Outcome {
        let query = Query::parse(query, scope);
        let searched = scope.len(db);
        if query.is_empty() {
            self.last = None;
            return once(index, db, &query, limit);
        }
        let hits = if let Some(list) = self.narrowing(&query) {
            scan(index, db, &query, &Candidates::List(list), 0..list.len())
        } else {
            let cands = Candidates::of(scope, db);
            scan(index, db, &query, &cands, 0..cands.len())
        };
        self.remember(query.clone(), &hits);
        Outcome {
            matched: hits.len(),
            hits: rank(hits, limit),
            searched,
            notice: query.notice,
        }
    }

    /// The earlier matches to re-check for `query`, when it narrows the last query.
    pub(super) fn narrowing(&self, query: &Query) -> Option<&[Rec]> {
        match &self.last {
            Some((old, list)) if query.narrows(old) => Some(list),
            _ => None,
        }
    }

    /// Keeps a complete result's matches (hits in candidate order) for the next query.
    pub(super) fn remember(&mut self, query: Query, hits: &[Hit]) {
        self.last = Some((query, hits.iter().map(|h| h.rec).collect()));
    }

    pub(super) fn forget(&mut self) {
        self.last = None;
    }
}
