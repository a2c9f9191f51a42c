//! A query that is a list of alternatives (`A | B | C`: a screen of applicants' credit
//! codes or names): the rows name the alternatives that were found, and the ones that
//! find nothing must be said, since for a screen they are the answer. `search` and
//! `export --query` say it on stderr, the explorer below its list's rows.

use super::codes;
use super::hit::Why;
use super::index::Index;
use super::named::TypedName;
use super::query::Query;
use super::records::Records;
use super::run;
use super::scope::Scope;

/// A search of one alternative, `limit` rows ranked.
fn searched(index: &Index, records: Records<'_>, scope: Scope, piece: &str, limit: usize) -> super::hit::Outcome {
    run::once(index, records, &Query::parse(piece, scope), Some(limit))
}

/// Whether a search for `piece` holds a row as typed: `AsTyped::any` of its outcome,
/// without the search with typos when none of its rows could count (they count only when
/// it left company forms out; see `AsTyped`). That search is most of the cost of an
/// alternative that finds nothing: 0.55 s for an absent credit code on a million records,
/// 7 ms for a name found.
fn found_as_typed(index: &Index, records: Records<'_>, scope: Scope, piece: &str) -> bool {
    let query = Query::parse(piece, scope);
    if query.is_empty() {
        return scope.len(records) > 0;
    }
    let cands = run::Candidates::of(scope, records);
    let hits = run::scan(index, records, &query, &cands, 0..cands.len());
    if !(hits.len() == 0 || run::loose(&hits) || run::forms_only_apart(index, records, &query, &hits)) {
        return true;
    }
    // As `run::once`: the record whose id it is, when nothing matched.
    if hits.len() == 0 && super::exact::record(index, records, &query).is_some() {
        return true;
    }
    match query.tolerant() {
        Some(rest) if rest.shortened => {
            let terms = rest.clauses.len();
            run::scan(index, records, &rest, &cands, 0..cands.len())
                .iter()
                .any(|h| {
                    !h.why.loose()
                        && !matches!(h.why, Why::Typo { .. } | Why::SoundsLike(_))
                        && super::rank::typos_of(h.score, terms) == 0
                })
        }
        // Rows with typos, or only loose ones: none holds it as typed.
        Some(_) => false,
        None => hits.len() > 0 && !run::loose(&hits),
    }
}

/// The most alternatives tried one by one (each is a search of its own).
const TRIED_UP_TO: usize = 200;

/// The rows of an alternative's search looked at for one named so (`--exact-name`):
/// names rank first, so a record named so is among the first.
const EXACT_LOOKED_AT: usize = 20;

/// The most alternatives named on the line; the rest are counted.
const NAMED_UP_TO: usize = 20;

/// The line naming the alternatives of `query` that find nothing as typed (`exact`: no
/// record named so, `--exact-name`), when the query is a list of them (sides of a spaced
/// `|`, each searched alone, or single terms with `|` between and no spaces) and some
/// find nothing; `None` otherwise, and when `current` turns false between two
/// alternatives (a newer query was typed).
#[must_use]
pub fn unfound_alternatives(
    index: &Index,
    records: Records<'_>,
    scope: Scope,
    query: &str,
    exact: bool,
    current: &dyn Fn() -> bool,
) -> Option<String> {
    let parsed = Query::parse(query, scope);
    // Spaced sides are searched one by one (`sides`), so each is an answer of its own,
    // a name of several words too (`Chow Tai Fook Jewellery Group Limited | …`).
    let pieces: Vec<&str> = if parsed.sides.is_empty() {
        query.split(['|', '｜']).map(str::trim).collect()
    } else {
        parsed.sides.iter().map(|side| side.trim()).collect()
    };
    if pieces.len() < 2 || pieces.len() > TRIED_UP_TO || pieces.iter().any(|p| p.is_empty()) {
        return None;
    }
    // Bars inside a word (`周大福|六福`) make one term of choices: each one term, a name or
    // a code.
    let one_term = |piece: &str| {
        let parsed = Query::parse(piece, scope);
        parsed.notice.is_none()
            && parsed.clauses.len() == 1
            && parsed.clauses[0].alternatives.first().is_some_and(|t| !t.negated)
    };
    let negated = |piece: &str| {
        Query::parse(piece, scope)
            .clauses
            .iter()
            .any(|c| c.alternatives.iter().all(|t| t.negated))
    };
    let screen = if parsed.sides.is_empty() {
        parsed.clauses.len() == 1 && pieces.iter().all(|p| one_term(p))
    } else {
        // A side that only leaves records out (`!gold`) finds nearly everything: no name.
        !pieces.iter().any(|p| negated(p))
    };
    if !screen {
        return None;
    }
    let mut unfound: Vec<&str> = Vec::new();
    for &piece in &pieces {
        if !current() {
            return None;
        }
        let found = if exact {
            // Under --exact-name: a record named so, or whose credit code it is.
            let typed = TypedName::of(piece);
            let code = codes::code_shaped(&piece.chars().map(super::fold::width).collect::<String>());
            let outcome = searched(index, records, scope, piece, EXACT_LOOKED_AT);
            outcome
                .hits
                .iter()
                .any(|h| typed.names(records, h.rec) || (code && matches!(h.why, Why::Field("code"))))
        } else {
            found_as_typed(index, records, scope, piece)
        };
        if !found {
            unfound.push(piece);
        }
    }
    if unfound.is_empty() {
        return None;
    }
    // A credit code whose check character fails is a typo, not an absent company.
    let said = |piece: &str| {
        if codes::mistyped(piece).is_some() {
            let near = codes::mended_holder(index, records, scope, piece).unwrap_or_default();
            format!("{piece} (its check character fails: a typo?{near})")
        } else {
            piece.to_owned()
        }
    };
    let named = unfound
        .iter()
        .take(NAMED_UP_TO)
        .map(|p| said(p))
        .collect::<Vec<_>>()
        .join(", ");
    let more = match unfound.len().saturating_sub(NAMED_UP_TO) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let what = match (exact, unfound.len()) {
        (true, 1) => "names no record (--exact-name)",
        (true, _) => "name no record (--exact-name)",
        (false, 1) => "finds nothing as typed",
        (false, _) => "find nothing as typed",
    };
    Some(format!(
        "{} of the {} alternatives {what}: {named}{more}",
        unfound.len(),
        pieces.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::typed::AsTyped;

    /// `found_as_typed` answers as the whole search does (`AsTyped::any` of `run::once`),
    /// on names found and absent, registered names with forms, codes, ids, pinyin and
    /// typos, over the shipped data.
    #[test]
    fn found_as_typed_answers_as_the_search_does() {
        let db = crate::data::load::embedded().expect("the shipped data loads");
        let index = Index::build(&db);
        let records = Records::from(&db);
        let mut answers = [0_usize; 2];
        for scope in [Scope::All, Scope::One(crate::data::model::RecordKind::Enterprise)] {
            for piece in [
                "周大生",
                "zhoudasheng",
                "zds",
                "深圳市周大生珠宝有限公司",
                "周大生珠宝股份有限公司",
                "Chow Tai Fook Jewellery Group Limited",
                "深圳市不存在珠宝有限公司",
                "91440303MA5G7XK21X",
                "914403001922038216",
                "jieworui",
                "jiewurui",
                "zhou-dasheng",
                "qqzzxxv",
                "gold",
                "golld",
                "status:active",
                "翠绿",
                "水贝",
            ] {
                let outcome = searched(&index, records, scope, piece, 1);
                let found = found_as_typed(&index, records, scope, piece);
                assert_eq!(
                    found,
                    AsTyped::of(piece, scope, &outcome).any(&outcome),
                    "{piece} in {scope:?}"
                );
                answers[usize::from(found)] += 1;
            }
        }
        assert!(
            answers[0] >= 6 && answers[1] >= 12,
            "found and absent alike: {answers:?}"
        );
    }
}
