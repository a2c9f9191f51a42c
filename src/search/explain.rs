//! A hit's reason in words, clause by clause: where each word of a query of several was
//! found ("matched in name and metric"), and whether a record's own names hold them all
//! (`search --names`). The hit keeps one reason, its most telling word's; these read the
//! record again, one clause at a time, so they serve the rows shown, never the matching.

use super::hit::{On, Why};
use super::index::Index;
use super::matcher::Matcher;
use super::query::Query;
use super::records::Records;
use super::scope::Scope;
use crate::data::db::Rec;
use crate::data::model::RecordKind;

/// The places of [`places_by_clause`] that are a record's own names.
pub const NAME_PLACES: [&str; 3] = ["name", "Chinese name", "alias"];

/// Explains the hits of one query: parsed once for each tab (its fields differ), not once
/// for each row, as a long `--json` output would.
pub struct Explainer {
    /// By `RecordKind::ALL`'s order.
    parsed: [Query; 4],
}

impl Explainer {
    #[must_use]
    pub fn new(query: &str) -> Explainer {
        Explainer {
            parsed: RecordKind::ALL.map(|kind| Query::parse(query, Scope::One(kind))),
        }
    }

    fn query(&self, kind: RecordKind) -> &Query {
        let slot = RecordKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        &self.parsed[slot]
    }

    /// A hit's reason in words ([`Why::explain`]), naming every place a query of several
    /// words was found in: "matched in name and metric" (`enterprise count`: "matched in
    /// metric" alone read as though the name held nothing). Words (or syllables) found
    /// apart are told where: "its pinyin syllables apart, not read together, in summary".
    #[must_use]
    pub fn explain(&self, index: &Index, db: Records<'_>, rec: Rec, why: Why) -> Option<String> {
        explain_parsed(index, db, rec, why, self.query(rec.kind))
    }

    /// Whether every clause was found in the record's own names (its name, Chinese name
    /// or an alias, as typed or by their pinyin): the record is named so, not only
    /// mentioned, nor found by its owner's or brands' names (`search --names`).
    #[must_use]
    pub fn in_names_only(&self, index: &Index, db: Records<'_>, rec: Rec, why: Why) -> bool {
        names_hold(&mut Matcher::new(db, index), self.query(rec.kind), rec, why)
    }

    /// [`Explainer::new`] for the rows of a search run again without company forms
    /// (`Outcome::shortened`): they are read against what was left of the query.
    #[must_use]
    pub fn shortened(query: &str) -> Explainer {
        Explainer {
            parsed: RecordKind::ALL.map(|kind| {
                let parsed = Query::parse(query, Scope::One(kind));
                match parsed.tolerant() {
                    Some(rest) if rest.shortened => rest,
                    _ => parsed,
                }
            }),
        }
    }
}

/// Whether a hit found for `why` holds every clause of `query` in the record's own names
/// (see [`Explainer::in_names_only`]).
pub(super) fn names_hold(m: &mut Matcher<'_>, query: &Query, rec: Rec, why: Why) -> bool {
    let named = |why: Why| {
        matches!(
            why,
            Why::Name
                | Why::ChineseName
                | Why::Alias(_)
                | Why::PinyinFull(_)
                | Why::PinyinInitials(_)
                | Why::PinyinMixed(_)
        )
    };
    if !named(why) {
        return false;
    }
    // The hit keeps its most telling reason; an owner's or a brand's name ranks below
    // pinyin, so a query of several words is read clause by clause. An exclusion
    // (`!police`) holds nothing: it says no place.
    query.clauses.len() < 2
        || m.clause_whys(query, rec)
            .into_iter()
            .all(|w| matches!(w, None | Some(Why::Everything)) || w.is_some_and(named))
}

/// [`Explainer::explain`] for one hit (the query parsed for its tab alone).
#[must_use]
pub fn explain<'a>(index: &Index, db: impl Into<Records<'a>>, rec: Rec, why: Why, query: &str) -> Option<String> {
    explain_parsed(index, db.into(), rec, why, &Query::parse(query, Scope::One(rec.kind)))
}

fn explain_parsed(index: &Index, db: Records<'_>, rec: Rec, why: Why, query: &Query) -> Option<String> {
    if matches!(why, Why::SyllablesApart | Why::WordsApart)
        && let Some(reason) = why.loose_reason()
    {
        let places = places(index, db, rec, query, true);
        return Some(if places.is_empty() {
            reason
        } else {
            format!("{reason}, in {}", and_list(&places))
        });
    }
    if matches!(why, Why::Field(_) | Why::Negated(_)) && query.clauses.len() > 1 {
        let places = places(index, db, rec, query, true);
        if places.len() > 1 {
            return Some(format!("matched in {}", and_list(&places)));
        }
    }
    why.explain(db, rec)
}

/// Where each clause of `query` was found in the record, each place once: "name",
/// "Chinese name", "alias" ([`NAME_PLACES`]), or a field's name (with `negation`, a
/// clause that negates what it says is marked so).
#[must_use]
pub fn places_by_clause<'a>(
    index: &Index,
    db: impl Into<Records<'a>>,
    rec: Rec,
    query: &str,
    negation: bool,
) -> Vec<String> {
    places(
        index,
        db.into(),
        rec,
        &Query::parse(query, Scope::One(rec.kind)),
        negation,
    )
}

fn places(index: &Index, db: Records<'_>, rec: Rec, query: &Query, negation: bool) -> Vec<String> {
    let on = |on: On| match on {
        On::Name => "name",
        On::Chinese => "Chinese name",
        On::Alias(_) => "alias",
    };
    let mut places: Vec<String> = Vec::new();
    for why in Matcher::new(db, index).clause_whys(query, rec).into_iter().flatten() {
        let place = match why {
            Why::Name => "name".to_owned(),
            Why::ChineseName => "Chinese name".to_owned(),
            Why::Alias(_) => "alias".to_owned(),
            Why::PinyinFull(span)
            | Why::PinyinInitials(span)
            | Why::PinyinMixed(span)
            | Why::Typo { span, .. }
            | Why::SoundsLike(span)
            | Why::OneChar(span, _)
            | Why::AcrossWords(span, _) => on(span.on).to_owned(),
            Why::Negated(f) if negation => format!("{f} (in a clause that negates it)"),
            Why::Field(f) | Why::BySound(f) | Why::Negated(f) | Why::CutShort(f) => f.to_owned(),
            Why::Apart(text) => text.to_owned(),
            Why::Everything | Why::WordsApart | Why::SyllablesApart => continue,
        };
        if !places.contains(&place) {
            places.push(place);
        }
    }
    places
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
