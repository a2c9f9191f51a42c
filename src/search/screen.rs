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
use super::typed::AsTyped;

/// A search of one alternative, `limit` rows ranked.
fn searched(index: &Index, records: Records<'_>, scope: Scope, piece: &str, limit: usize) -> super::hit::Outcome {
    run::once(index, records, &Query::parse(piece, scope), Some(limit))
}

/// The most alternatives tried one by one (each is a search of its own).
const TRIED_UP_TO: usize = 200;

/// The rows of an alternative's search looked at for one named so (`--exact-name`):
/// names rank first, so a record named so is among the first.
const EXACT_LOOKED_AT: usize = 20;

/// The most alternatives named on the line; the rest are counted.
const NAMED_UP_TO: usize = 20;

/// The line naming the alternatives of `query` that find nothing as typed (`exact`: no
/// record named so, `--exact-name`), when the query is one list of them (each a single
/// word, name, code or field term, `|` between) and some find nothing; `None` otherwise,
/// and when `current` turns false between two alternatives (a newer query was typed).
#[must_use]
pub fn unfound_alternatives(
    index: &Index,
    records: Records<'_>,
    scope: Scope,
    query: &str,
    exact: bool,
    current: &dyn Fn() -> bool,
) -> Option<String> {
    let pieces: Vec<&str> = query.split(['|', '｜']).map(str::trim).collect();
    if pieces.len() < 2 || pieces.len() > TRIED_UP_TO || pieces.iter().any(|p| p.is_empty()) {
        return None;
    }
    // Each side one term, a name or a code: a side of several words (`gold jade | silver`)
    // asks for them together, which is no screen of names.
    let one_term = |piece: &str| {
        let parsed = Query::parse(piece, scope);
        parsed.notice.is_none()
            && parsed.clauses.len() == 1
            && parsed.clauses[0].alternatives.first().is_some_and(|t| !t.negated)
    };
    if Query::parse(query, scope).clauses.len() != 1 || !pieces.iter().all(|p| one_term(p)) {
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
            let code = codes::code_shaped(piece);
            let outcome = searched(index, records, scope, piece, EXACT_LOOKED_AT);
            outcome
                .hits
                .iter()
                .any(|h| typed.names(records, h.rec) || (code && matches!(h.why, Why::Field("code"))))
        } else {
            let outcome = searched(index, records, scope, piece, 1);
            AsTyped::of(piece, scope, &outcome).any(&outcome)
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
