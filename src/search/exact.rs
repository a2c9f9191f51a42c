//! A query that is a record's id, word for word. Ids are what `shuibei search` prints, what
//! the detail's title shows and what a link names, so people paste them back; as a fuzzy
//! query an id (`chow-tai-fook-group`) matches no name, or only names that merely share
//! its words, and the record itself was missing from the answer. A one-word query that
//! is the id of a record in scope the query does not match otherwise now puts that
//! record first, said to have matched in its id; when nothing else matched as typed, it
//! is the whole answer, and near spellings are not tried. A record the query matches by
//! its name as well keeps the rank its name earns (`jinyafu`, the company's id, is also
//! the pinyin of the brand 金雅福, which a reader expects first), unless the query is
//! written as an id is, with hyphens or underscores (`zhou-dasheng`): pasted, not typed as
//! words, so its record leads though its words match other names too.

use super::hit::{Hit, Outcome, Why};
use super::index::Index;
use super::query::Query;
use super::records::Records;
use crate::data::db::Rec;

/// The record in the query's scope whose id the query is (one word, spaces around it
/// aside). The loaded dataset looks it up in its id table; the packed values are asked
/// only for the records whose id hash in the index agrees.
#[must_use]
pub fn record(index: &Index, db: Records<'_>, query: &Query) -> Option<Rec> {
    let id = query.id.as_deref()?;
    let kinds = query.scope.kinds();
    match db {
        Records::Db(db) => db.record(id).filter(|rec| kinds.contains(&rec.kind)),
        Records::Packed(_) => kinds.iter().find_map(|&kind| {
            index
                .maybe_with_id(kind, id)
                .map(|i| Rec::new(kind, i))
                .find(|&rec| db.id(rec) == id)
        }),
    }
}

/// Whether the query is the id of a record of any tab: then its hyphens are an id's
/// (`brand-chow-tai-fook`), not a word's whose words must stand together
/// (`Query::hyphenated`).
#[must_use]
pub fn names_a_record(index: &Index, db: Records<'_>, query: &Query) -> bool {
    let Some(id) = query.id.as_deref() else {
        return false;
    };
    match db {
        Records::Db(db) => db.record(id).is_some(),
        Records::Packed(_) => crate::data::model::RecordKind::ALL
            .iter()
            .any(|&kind| index.maybe_with_id(kind, id).any(|i| db.id(Rec::new(kind, i)) == id)),
    }
}

/// The hit for the record a query names by id and matches no other way.
pub(super) fn hit(rec: Rec) -> Hit {
    Hit {
        rec,
        score: 0,
        why: Why::Field("id"),
    }
}

/// The answer when nothing matched as typed but the query is `rec`'s id: that record.
#[must_use]
pub fn alone(rec: Rec, searched: usize) -> Outcome {
    Outcome {
        hits: vec![hit(rec)],
        matched: 1,
        searched,
        notice: None,
        tolerant: false,
        shortened: false,
    }
}

/// Whether the query is written as ids are, with a hyphen or an underscore: pasted, so
/// its record leads even where the query's words match it by name (see the module).
#[must_use]
pub fn pasted(query: &Query) -> bool {
    query.id.as_deref().is_some_and(|id| id.contains(['-', '_']))
}

/// `outcome` (as typed, ranked, perhaps cut short) with `rec`, whose id `query` is,
/// first. `own` is its hit when the query matched it as well: then it keeps the rank its
/// name earns, also when a limit cuts it off (a limited answer stays the start of the
/// whole one), unless the query was [`pasted`], and leads as it matched. A list cut to a
/// limit keeps its length.
pub fn first(outcome: &mut Outcome, rec: Rec, query: &Query, own: Option<Hit>, limit: Option<usize>) {
    if own.is_some() && !pasted(query) {
        return;
    }
    lead(outcome, own.unwrap_or_else(|| hit(rec)), own.is_some());
    if let Some(limit) = limit {
        outcome.hits.truncate(limit);
    }
}

/// An answer, perhaps partial, with `first` (the hit of the record the query names by
/// id) first, as the complete answer will have it, so the rows do not move: moved up
/// when among the rows, else added, and counted unless `counted` says the count has it.
/// Returns where it was among the rows.
pub fn lead(outcome: &mut Outcome, first: Hit, counted: bool) -> Option<usize> {
    let at = outcome.hits.iter().position(|h| h.rec == first.rec);
    if let Some(at) = at {
        let hit = outcome.hits.remove(at);
        outcome.hits.insert(0, hit);
    } else {
        outcome.hits.insert(0, first);
        if !counted {
            outcome.matched += 1;
        }
    }
    at
}
