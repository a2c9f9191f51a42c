//! A query of several sides (`A | B | C`, spaced: a screen of names pasted one after
//! another) answered side by side: each side is searched as a query of its own, and the
//! rows are joined, each record once with its best score.
//!
//! Why not one search of the whole: the whole is read as clauses every record must match
//! (each a choice of one term per side), so whatever the search falls back on when a side
//! finds nothing as typed (its company forms left out, its typos) was tried only when the
//! whole found nothing. `周大福珠宝集团有限公司 | 六福集团` found Luk Fook alone, since
//! Luk Fook matched as typed, and no record holds 有限公司: the screen said nothing of
//! Chow Tai Fook, which a search of its own name finds. Matching as typed, the two ways
//! agree: a record matches every clause exactly when it matches every term of one side.

use std::collections::HashMap;

use super::hit::{Hit, Outcome};
use super::index::Index;
use super::query::Query;
use super::records::Records;
use super::run::{self, Session};
use super::scope::Scope;
use super::typed::AsTyped;
use crate::data::db::Rec;

/// One search, start to end ([`run::once`]), of each side of a screen in turn.
pub(super) fn once(index: &Index, db: Records<'_>, query: &Query, limit: Option<usize>) -> Outcome {
    joined(index, db, query, limit, &|| true).unwrap_or_else(|| run::once(index, db, query, limit))
}

impl Session {
    /// Like [`super::search`], narrowing the previous query's matches when `query`
    /// extends it. A screen's sides are searched one by one, with nothing to narrow
    /// next time.
    pub fn search<'a>(
        &mut self,
        index: &Index,
        db: impl Into<Records<'a>>,
        scope: Scope,
        query: &str,
        limit: Option<usize>,
    ) -> Outcome {
        let db = db.into();
        let query = Query::parse(query, scope);
        if query.sides.is_empty() {
            return self.search_whole(index, db, query, limit);
        }
        self.forget();
        once(index, db, &query, limit)
    }
}

/// The sides of `query` searched one by one and joined, best first, at most `limit` rows;
/// `None` when the query has one side, or when `live` turns false between two sides (a
/// newer query was typed).
pub(super) fn joined(
    index: &Index,
    db: Records<'_>,
    query: &Query,
    limit: Option<usize>,
    live: &dyn Fn() -> bool,
) -> Option<Outcome> {
    if query.sides.len() < 2 || query.tolerant {
        return None;
    }
    let mut notices: Vec<String> = query.said().into_iter().collect();
    // The sides that find something as typed (their company forms left out counts), and
    // the near spellings of those that do not: shown only when no side finds anything,
    // as a search of one side shows them. (Mixed in, a near spelling of an absent name
    // reads as a company found.)
    let (mut typed, mut near): (Vec<Outcome>, Vec<Outcome>) = (Vec::new(), Vec::new());
    // Sides whose near spellings were not searched yet (`run::once_unless_near`).
    let mut unsearched: Vec<Query> = Vec::new();
    for side in &query.sides {
        if !live() {
            return None;
        }
        let parsed = Query::parse(side, query.scope);
        match run::once_unless_near(index, db, &parsed, None, false) {
            Some(outcome) if AsTyped::of(side, query.scope, &outcome).any(&outcome) => typed.push(outcome),
            Some(outcome) => near.push(outcome),
            None => unsearched.push(parsed),
        }
    }
    let as_typed = !typed.is_empty();
    if !as_typed {
        for side in unsearched {
            if !live() {
                return None;
            }
            near.push(run::once(index, db, &side, None));
        }
    }
    let shown = if as_typed { typed } else { near };
    let mut best: HashMap<Rec, Hit> = HashMap::new();
    let mut shortened = false;
    for outcome in shown {
        shortened |= outcome.shortened;
        for notice in outcome.notice.iter().flat_map(|n| n.split("; ")) {
            if !notices.iter().any(|said| said == notice) {
                notices.push(notice.to_owned());
            }
        }
        for hit in outcome.hits {
            best.entry(hit.rec)
                .and_modify(|kept| {
                    if hit.score > kept.score {
                        *kept = hit;
                    }
                })
                .or_insert(hit);
        }
    }
    let hits: Vec<Hit> = best.into_values().collect();
    let matched = hits.len();
    Some(Outcome {
        matched,
        hits: run::rank(hits, limit),
        searched: query.scope.len(db),
        notice: (!notices.is_empty()).then(|| notices.join("; ")),
        // Rows only near spellings, or none: nothing was found as typed.
        tolerant: !as_typed,
        shortened,
    })
}
