//! Running a parsed query over candidate records on all cores, in slices (so a caller
//! can show early results and abandon stale work), and ranking the hits.
//!
//! [`Session`] remembers the last query's matches: a query that extends it (typing) only
//! re-checks those. Nothing here parses or scores text; that is `query` and `matcher`.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::hit::{Hit, Outcome, Why};
use super::index::Index;
use super::matcher::{Matcher, Step, plain_term};
use super::query::Query;
use super::rank;
use super::records::Records;
use super::scope::Scope;
use crate::data::db::Rec;
use crate::data::model::RecordKind;

/// The records a scan looks at.
pub(super) enum Candidates<'a> {
    /// Every record of these kinds, in tab and dataset order.
    Scope(Vec<(RecordKind, usize)>),
    /// These records (an earlier query's matches), in order.
    List(&'a [Rec]),
}

impl Candidates<'_> {
    pub(super) fn of(scope: Scope, db: Records<'_>) -> Candidates<'static> {
        Candidates::Scope(scope.kinds().iter().map(|k| (*k, db.len(*k))).collect())
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Candidates::Scope(kinds) => kinds.iter().map(|(_, n)| n).sum(),
            Candidates::List(list) => list.len(),
        }
    }

    pub(super) fn at(&self, mut i: usize) -> Rec {
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

/// Candidates per unit of parallel work: small enough to balance two cores and to notice
/// a stop request soon, large enough that each part's `Vec` amortises its growth.
const CHUNK: usize = 2048;
/// Candidates matched in two halves together (see `scan_until`).
const BATCH: usize = 64;

/// Hits in candidate order (tab, then dataset order), kept in the parts the cores made
/// them in: joining them would copy every hit once more only to be copied again by
/// [`rank`].
#[derive(Debug, Default)]
pub(super) struct Found {
    parts: Vec<Vec<Hit>>,
    len: usize,
}

impl Found {
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Appends later candidates' hits.
    pub(super) fn append(&mut self, later: Found) {
        self.len += later.len;
        self.parts.extend(later.parts.into_iter().filter(|p| !p.is_empty()));
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &Hit> {
        self.parts.iter().flatten()
    }
}

/// Matches candidates `range` and returns the hits in candidate order.
pub(super) fn scan(
    index: &Index,
    db: Records<'_>,
    query: &Query,
    cands: &Candidates,
    range: std::ops::Range<usize>,
) -> Found {
    scan_until(index, db, query, cands, range, &|| false)
}

/// [`scan`] that gives up (returning a partial list, to be discarded) once `stop` says so:
/// a superseded search must not hold the cores for a whole slice.
pub(super) fn scan_until(
    index: &Index,
    db: Records<'_>,
    query: &Query,
    cands: &Candidates,
    range: std::ops::Range<usize>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Found {
    let (start, end) = (range.start, range.end.max(range.start));
    // An indexed parallel iterator of chunks collects straight into one `Vec` of parts;
    // a flattened one goes through a linked list of vectors grown hit by hit.
    let parts: Vec<Vec<Hit>> = (0..(end - start).div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || Matcher::new(db, index),
            |m, chunk| {
                let lo = start + chunk * CHUNK;
                let hi = end.min(lo + CHUNK);
                let mut out = Vec::new();
                if let Some(term) = plain_term(query) {
                    let mut batch: Vec<(Rec, Option<Hit>)> = Vec::with_capacity(BATCH);
                    let mut fields: Vec<usize> = Vec::with_capacity(BATCH);
                    for from in (lo..hi).step_by(BATCH) {
                        if (from - lo).is_multiple_of(1024) && stop() {
                            return Vec::new();
                        }
                        batch.clear();
                        fields.clear();
                        for i in from..hi.min(from + BATCH) {
                            let rec = cands.at(i);
                            let hit = match m.plain_names(term, rec) {
                                Step::Hit(hit) => {
                                    let hit = m.typed_first(term, rec, hit);
                                    Some(Hit {
                                        rec,
                                        score: rank::combine(&[hit], None),
                                        why: hit.why,
                                    })
                                }
                                Step::Fields => {
                                    fields.push(batch.len());
                                    None
                                }
                                Step::Miss => None,
                            };
                            batch.push((rec, hit));
                        }
                        // The records whose other fields are read: touched together first,
                        // their cache misses overlap instead of stalling one at a time.
                        let warm: usize = fields.iter().map(|&k| db.touch(batch[k].0)).sum();
                        std::hint::black_box(warm);
                        for &k in &fields {
                            let rec = batch[k].0;
                            batch[k].1 = m.plain_fields(term, rec).map(|hit| Hit {
                                rec,
                                score: rank::combine(&[hit], None),
                                why: hit.why,
                            });
                        }
                        out.extend(batch.iter().filter_map(|(_, hit)| *hit));
                    }
                    return out;
                }
                for i in lo..hi {
                    if (i - lo).is_multiple_of(1024) && stop() {
                        return Vec::new();
                    }
                    let rec = cands.at(i);
                    if let Some((score, why)) = m.eval(query, rec) {
                        out.push(Hit { rec, score, why });
                    }
                }
                out
            },
        )
        .collect();
    let len = parts.iter().map(Vec::len).sum();
    Found { parts, len }
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

/// [`rank`] for hits in candidate order, without comparing them: scores span a narrow
/// range (a few thousand values per term), so a counting sort by score, stable, keeps
/// equal scores in candidate order, which is exactly [`order`]'s tie-break. Falls back to
/// [`rank`] for a score range too wide to count or hits out of candidate order.
pub(super) fn rank_found(found: Found, limit: Option<usize>) -> Vec<Hit> {
    let n = found.len();
    let want = limit.unwrap_or(n).min(n);
    if want == 0 {
        return Vec::new();
    }
    let Some((low, high)) = found.iter().fold(None, |span: Option<(i64, i64)>, h| {
        Some(span.map_or((h.score, h.score), |(lo, hi)| (lo.min(h.score), hi.max(h.score))))
    }) else {
        return Vec::new();
    };
    let in_order = found.iter().zip(found.iter().skip(1)).all(|(a, b)| a.rec < b.rec);
    let countable = usize::try_from(high.abs_diff(low))
        .ok()
        .filter(|range| *range < n.max(1 << 16) * 4);
    let (Some(range), true) = (countable, in_order) else {
        return rank(found.parts.into_iter().flatten().collect(), limit);
    };
    // Bucket 0 holds the best score.
    let bucket = |h: &Hit| usize::try_from(high.abs_diff(h.score)).unwrap_or(usize::MAX);
    let mut next = vec![0usize; range + 1];
    for h in found.iter() {
        next[bucket(h)] += 1;
    }
    let mut at = 0;
    for slot in &mut next {
        let count = *slot;
        *slot = at;
        at += count;
    }
    let mut out = vec![found.parts.iter().flatten().next().copied().unwrap_or(PLACEHOLDER); want];
    for h in found.iter() {
        let slot = &mut next[bucket(h)];
        if *slot < want {
            out[*slot] = *h;
        }
        *slot += 1;
    }
    out
}

const PLACEHOLDER: Hit = Hit {
    rec: Rec {
        kind: RecordKind::History,
        index: 0,
    },
    score: 0,
    why: Why::Everything,
};

/// Every record of the scope, in order: what an empty query shows.
fn everything(db: Records<'_>, scope: Scope, limit: Option<usize>) -> Vec<Hit> {
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

/// One search, start to end: as typed, and when that finds nothing, with typos and
/// homophones in names. The whole query at once, whatever its sides (`sides::once`
/// searches a screen side by side).
pub(super) fn once(index: &Index, db: Records<'_>, query: &Query, limit: Option<usize>) -> Outcome {
    once_unless_near(index, db, query, limit, true).unwrap_or_else(|| unreachable!("near spellings are searched"))
}

/// [`once`]; without `near`, `None` where it would search with typos and could
/// find only near spellings (its query leaves no company form out): a screen's side
/// needs them only when no side finds anything (`sides`), and that search is most of
/// the time of a name that finds nothing (0.55 s for a credit code on a million).
pub(super) fn once_unless_near(
    index: &Index,
    db: Records<'_>,
    query: &Query,
    limit: Option<usize>,
    near: bool,
) -> Option<Outcome> {
    let searched = query.scope.len(db);
    if query.is_empty() {
        return Some(Outcome {
            hits: everything(db, query.scope, limit),
            matched: searched,
            searched,
            notice: query.said(),
            tolerant: false,
            shortened: false,
        });
    }
    let cands = Candidates::of(query.scope, db);
    let mut hits = scan(index, db, query, &cands, 0..cands.len());
    let by_id = super::exact::record(index, db, query);
    let mut tolerant = false;
    let mut shortened = false;
    let mut notice = query.said();
    let sounded = loose(&hits);
    if hits.len() == 0 || sounded || forms_only_apart(index, db, query, &hits) {
        if let Some(rec) = by_id.filter(|_| hits.len() == 0) {
            return Some(super::exact::alone(rec, searched));
        }
        if let Some(with_typos) = query.tolerant() {
            if !near && !with_typos.shortened {
                return None;
            }
            hits = fewest_typos(&with_typos, scan(index, db, &with_typos, &cands, 0..cands.len()));
            tolerant = true;
            // It may say what it left out (company forms).
            shortened = with_typos.shortened;
            notice = with_typos.said();
        }
        tolerant |= sounded;
    }
    let own = by_id.and_then(|rec| hits.iter().find(|h| h.rec == rec).copied());
    let mut outcome = Outcome {
        matched: hits.len(),
        hits: rank_found(hits, limit),
        searched,
        notice,
        tolerant,
        shortened,
    };
    if let Some(rec) = by_id {
        super::exact::first(&mut outcome, rec, query, own, limit);
    }
    Some(outcome)
}

/// Whether every hit of a search as typed was found only loosely, by how a term sounds
/// or with its chars apart ([`Why::loose`](super::hit::Why::loose)): then nothing matched as typed, and the
/// search runs with typos and homophones, as when it finds nothing.
pub(super) fn loose(found: &Found) -> bool {
    found.len() > 0 && found.iter().all(|h| h.why.loose())
}

/// Whether a query that ends in company forms (`… jewellery group limited`) matched as
/// typed only with its words apart: no match holds them all in its own names. It then
/// runs again without the forms, as when it finds nothing (`Query::tolerant`): a
/// registered name typed in full found only the records that mention each of its words
/// somewhere (Luk Fook, for Chow Tai Fook's group), and not the group whose name lacks
/// the `Limited`.
pub(super) fn forms_only_apart(index: &Index, db: Records<'_>, query: &Query, found: &Found) -> bool {
    if found.len() == 0 || query.clauses.len() < 2 || !query.leaves_out_company_forms() {
        return false;
    }
    let mut m = Matcher::new(db, index);
    !found
        .iter()
        .any(|h| super::explain::names_hold(&mut m, query, h.rec, h.why))
}

/// Of a typo-tolerant search's hits, those with the fewest typos (as Algolia's
/// `typoTolerance: min` keeps them): when a name is one typo away, names two typos away
/// are noise. Others are returned as they are.
pub(super) fn fewest_typos(query: &Query, found: Found) -> Found {
    if !query.tolerant {
        return found;
    }
    let terms = query.clauses.len();
    let Some(least) = found.iter().map(|h| rank::typos_of(h.score, terms)).min() else {
        return found;
    };
    let kept: Vec<Hit> = found
        .iter()
        .filter(|h| rank::typos_of(h.score, terms) == least)
        .copied()
        .collect();
    Found {
        len: kept.len(),
        parts: vec![kept],
    }
}

/// A partial result of a typo-tolerant search as [`fewest_typos`] will leave it: of the
/// best rows so far, those with the fewest typos found so far, and how many of the hits
/// so far have that few. (Sent whole, the count ran up to 195 near misses and then fell
/// to the 4 closest, and the rows under the cursor went with them.)
pub(super) fn fewest_typos_so_far(query: &Query, top: &[Hit], found: &Found) -> (Vec<Hit>, usize) {
    let terms = query.clauses.len();
    let Some(least) = found.iter().map(|h| rank::typos_of(h.score, terms)).min() else {
        return (top.to_vec(), 0);
    };
    let matched = found.iter().filter(|h| rank::typos_of(h.score, terms) == least).count();
    let rows = top
        .iter()
        .filter(|h| rank::typos_of(h.score, terms) == least)
        .copied()
        .collect();
    (rows, matched)
}

/// Searches that remember the last query's matches, so that a query extending it (as
/// when typing) only re-checks those.
#[derive(Default)]
pub struct Session {
    last: Option<Last>,
}

/// How a [`Session`] runs a query (see [`Session::plan`]).
pub(super) enum Plan<'a> {
    /// As typed (over the last search's matches when given, else the whole scope), then
    /// with typos over the whole scope if that finds nothing. An owned list is the last
    /// matches and the records whose free text may hold a term's Chinese (`spelling`):
    /// no longer the last search's, so its best rows are not looked at first.
    AsTyped(Option<std::borrow::Cow<'a, [Rec]>>),
    /// With typos only, over the whole scope.
    Tolerant(Box<Query>),
}

/// What a [`Session`] keeps of its last complete search.
#[derive(Debug)]
pub(super) struct Last {
    pub query: Query,
    /// Every match, in candidate order.
    pub recs: Vec<Rec>,
    /// The best matches, best first, with their scores: at most [`TOP_KEPT`].
    pub top: Vec<(i64, Rec)>,
    /// The best score of the matches not in `top` (`None`: there are none). Unknown
    /// (a search limited to fewer rows) counts as the highest score.
    pub next: Option<i64>,
    /// Some match was loose ([`Why::loose`](super::hit::Why::loose)): typing may make it
    /// an answer (`chowsangsan` cuts "Sang" short, `chowsangsang` does not), a leap
    /// beyond `Query::gain_over`.
    pub loose: bool,
}

/// How many of the last search's best matches a session keeps, in rank order: a
/// narrowing search looks at them first (see `worker`).
pub(super) const TOP_KEPT: usize = 64 * 1024;

impl Session {
    #[must_use]
    pub fn new() -> Session {
        Session::default()
    }

    /// [`Session::search`](super::sides) of a query of one side.
    pub(super) fn search_whole(
        &mut self,
        index: &Index,
        db: Records<'_>,
        query: Query,
        limit: Option<usize>,
    ) -> Outcome {
        let scope = query.scope;
        let searched = scope.len(db);
        if query.is_empty() {
            self.last = None;
            return once(index, db, &query, limit);
        }
        // Whether the search ran with typos because its matches as typed were all loose.
        let mut after_loose = false;
        let (ran, found) = match self.plan(index, db, &query) {
            Plan::AsTyped(list) => {
                let found = if let Some(list) = list {
                    scan(index, db, &query, &Candidates::List(&list), 0..list.len())
                } else {
                    let cands = Candidates::of(scope, db);
                    scan(index, db, &query, &cands, 0..cands.len())
                };
                let again = found.len() == 0 || loose(&found) || forms_only_apart(index, db, &query, &found);
                match query.tolerant().filter(|_| again) {
                    Some(tolerant) => {
                        after_loose = found.len() > 0;
                        let cands = Candidates::of(scope, db);
                        let found = scan(index, db, &tolerant, &cands, 0..cands.len());
                        (tolerant, found)
                    }
                    None => (query, found),
                }
            }
            Plan::Tolerant(tolerant) => {
                let cands = Candidates::of(scope, db);
                let found = scan(index, db, &tolerant, &cands, 0..cands.len());
                (*tolerant, found)
            }
        };
        let by_id = super::exact::record(index, db, &ran);
        if let Some(rec) = by_id.filter(|_| found.len() == 0 || ran.tolerant) {
            // Nothing as typed, and the query is a record's id (see `exact`).
            self.forget();
            return super::exact::alone(rec, searched);
        }
        let own = by_id.and_then(|rec| found.iter().find(|h| h.rec == rec).copied());
        let sounded = loose(&found);
        self.remember(ran.clone(), &found);
        let found = fewest_typos(&ran, found);
        let matched = found.len();
        let hits = rank_found(found, limit);
        self.remember_top(&hits, matched);
        if after_loose {
            // A longer query may match as typed where this one matched only loosely
            // (深圳金 has its 金 apart in 深圳市金福…, 深圳金福 does not): the next one
            // is not run with typos straight away (`plan`).
            self.forget();
        }
        let mut outcome = Outcome {
            matched,
            hits,
            searched,
            tolerant: ran.tolerant || sounded,
            shortened: ran.shortened,
            notice: ran.said(),
        };
        if let Some(rec) = by_id {
            super::exact::first(&mut outcome, rec, &ran, own, limit);
        }
        outcome
    }

    /// How to run `query` after the last search: as typed (over the last matches when it
    /// narrows them), or straight away with typos when the last search already found
    /// nothing as typed and this one narrows it (then nothing can match as typed either).
    /// A query that reads a term in the Chinese the data's names write it in, where the
    /// last did not (`shuibei` finds 水贝 in a summary, `shuibe` did not), also looks at
    /// the records whose free text may hold that Chinese.
    pub(super) fn plan(&self, index: &Index, db: Records<'_>, query: &Query) -> Plan<'_> {
        let Some(last) = self.last.as_ref().filter(|l| query.narrows_as_typed(&l.query)) else {
            return Plan::AsTyped(None);
        };
        // Its matches were of fewer words than typed (company forms left out): nothing
        // is known of this query's matches as typed.
        if last.query.shortened {
            return Plan::AsTyped(None);
        }
        if !last.query.tolerant {
            return Plan::AsTyped(Some(
                match super::spelling::widened(index, db, query, &last.query, &last.recs) {
                    Some(wider) => std::borrow::Cow::Owned(wider),
                    None => std::borrow::Cow::Borrowed(&last.recs),
                },
            ));
        }
        if super::spelling::widens(index, db, query, &last.query) {
            return Plan::AsTyped(None);
        }
        match query.tolerant() {
            Some(tolerant) => Plan::Tolerant(Box::new(tolerant)),
            None => Plan::AsTyped(None),
        }
    }

    /// The last search, when `query` narrows it.
    pub(super) fn narrowing_last(&self, query: &Query) -> Option<&Last> {
        self.last.as_ref().filter(|last| query.narrows(&last.query))
    }

    /// Keeps a complete result's matches (hits in candidate order) for the next query.
    pub(super) fn remember(&mut self, query: Query, hits: &Found) {
        let mut recs = Vec::with_capacity(hits.len());
        let mut loose = false;
        recs.extend(hits.iter().map(|h| {
            loose |= h.why.loose();
            h.rec
        }));
        self.last = Some(Last {
            query,
            recs,
            top: Vec::new(),
            next: Some(i64::MAX),
            loose,
        });
    }

    /// Keeps the best of the remembered result: `ranked` is its ranking (best first),
    /// perhaps cut short, of `matched` hits in all.
    pub(super) fn remember_top(&mut self, ranked: &[Hit], matched: usize) {
        if let Some(last) = &mut self.last {
            let kept = ranked.len().min(TOP_KEPT);
            last.top = ranked[..kept].iter().map(|h| (h.score, h.rec)).collect();
            last.next = match ranked.get(kept) {
                Some(h) => Some(h.score),
                None if kept < matched => Some(i64::MAX),
                None => None,
            };
        }
    }

    pub(super) fn forget(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hits in candidate order with random scores, split into random parts.
    fn found(seed: u64, n: usize, spread: i64) -> Found {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut found = Found::default();
        let mut part = Vec::new();
        for i in 0..n {
            let score = i64::try_from(next() % u64::try_from(spread).unwrap()).unwrap() - spread / 3;
            let kind = if i < n / 2 {
                RecordKind::Enterprise
            } else {
                RecordKind::Brand
            };
            part.push(Hit {
                rec: Rec::new(kind, i),
                score,
                why: Why::Name,
            });
            if next() % 5 == 0 {
                let len = part.len();
                found.append(Found {
                    parts: vec![std::mem::take(&mut part)],
                    len,
                });
            }
        }
        let len = part.len();
        found.append(Found { parts: vec![part], len });
        found
    }

    #[test]
    fn counting_ranks_as_sorting_does() {
        for (seed, n, spread) in [
            (1, 1000, 40),
            (2, 5000, 20_000),
            (3, 300, 1 << 40),
            (4, 1, 5),
            (5, 0, 5),
        ] {
            for limit in [None, Some(0), Some(1), Some(10), Some(n / 2), Some(n + 3)] {
                let all: Vec<Hit> = found(seed, n, spread).iter().copied().collect();
                assert_eq!(
                    rank_found(found(seed, n, spread), limit),
                    rank(all, limit),
                    "{n} hits, scores spread {spread}, limit {limit:?}"
                );
            }
        }
    }
}
