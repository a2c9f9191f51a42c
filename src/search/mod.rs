//! The query engine shared by the TUI and `shuibei search`: one syntax, one ranking.
//!
//! A query is parsed once ([`query`]), then every candidate record is tried on all cores:
//! the index's character masks reject most records without reading them, a subsequence
//! test rejects most of the rest, and only then does the fuzzy matcher (`SkimMatcherV2`) or
//! the pinyin matcher score it (`matcher`), and a term found as written (together, or as
//! word initials) earns a bonus on top (`bonus`). Names rank above other fields; ties keep
//! dataset order, then tab order. Highlight positions are chars, computed on demand for
//! the rows a caller shows. This module never prints and never touches the terminal.

mod anchor;
mod bonus;
pub mod cache;
pub mod codes;
mod exact;
mod explain;
mod fields;
pub mod fold;
pub mod hit;
mod index;
mod lone;
mod matcher;
mod memo;
mod named;
mod negation;
mod pack;
mod packed;
pub mod pinyin;
pub mod query;
pub mod rank;
pub mod records;
#[cfg(test)]
mod rng;
mod run;
pub mod scope;
mod score;
pub mod screen;
mod sides;
pub mod sources;
mod spell;
mod spelling;
mod text;
mod typed;
mod unheld;
mod words;
pub mod worker;

use crate::data::db::Rec;

pub use explain::{Explainer, NAME_PLACES, explain, places_by_clause};
pub use fields::fields;
pub use hit::{Hit, On, Outcome, Span, Why, spelled_in};
pub use index::Index;
pub use lone::{Lone, lone_words};
pub use named::{TypedName, carries_company_form};
pub use packed::Packed;
pub use query::{Query, lowercased, name_key};
pub use records::Records;
pub use run::Session;
pub use scope::Scope;
pub use sources::{SourceHit, all_loose_sources, search_sources, sources_as_typed, sources_as_typed_in};
pub use spelling::widens;
pub use typed::AsTyped;
pub use unheld::unheld_fields;
pub use worker::{Done, WhyNothing, Worker};

/// Searches a scope: best first, at most `limit` hits. An empty query returns every
/// record of the scope in dataset order; a one-word query that is a record's id puts that
/// record first (see `exact`).
#[must_use]
pub fn search<'a>(
    index: &Index,
    db: impl Into<Records<'a>>,
    scope: Scope,
    query: &str,
    limit: Option<usize>,
) -> Outcome {
    sides::once(index, db.into(), &Query::parse(query, scope), limit)
}

/// [`search`] of a query already parsed (as [`Query::tolerant`] makes one).
#[must_use]
pub fn search_parsed<'a>(index: &Index, db: impl Into<Records<'a>>, query: &Query, limit: Option<usize>) -> Outcome {
    sides::once(index, db.into(), query, limit)
}

/// The kind of the record outside `scope` whose id `query` is (one word), for a search of
/// `scope` that found nothing: the id was pasted into the wrong tab.
#[must_use]
pub fn id_elsewhere<'a>(
    index: &Index,
    db: impl Into<Records<'a>>,
    scope: Scope,
    query: &str,
) -> Option<crate::data::model::RecordKind> {
    let rec = exact::record(index, db.into(), &Query::parse(query, Scope::All))?;
    (!scope.kinds().contains(&rec.kind)).then_some(rec.kind)
}

/// The first word of a query that starts with a hyphen (`-silver`), if any. fzf's syntax
/// leaves a word out with `!`; a leading hyphen is text (`k-gold`), so a query meant as
/// "gold, not silver" finds nothing, and callers say why when it does.
#[must_use]
pub fn hyphenated(query: &str) -> Option<&str> {
    query
        .split_whitespace()
        .find(|w| w.len() > 1 && w.starts_with('-') && !w.starts_with("--"))
}

/// The query with its exclusions that ask for case (`!Police`) in small letters, and
/// those exclusions as typed: a capital makes an exclusion match case for case, so it
/// may leave out nothing (`罗湖 !Police` kept the record saying "police").
#[must_use]
pub fn exclusions_lowercased(query: &str) -> Option<(String, Vec<String>)> {
    let mut asked = Vec::new();
    let lowered: Vec<String> = query
        .split(' ')
        .map(|w| match w.strip_prefix('!') {
            Some(term) if query::asks_case(term.split_once(':').map_or(term, |(_, t)| t)) => {
                asked.push(w.to_owned());
                w.to_lowercase()
            }
            _ => w.to_owned(),
        })
        .collect();
    (!asked.is_empty()).then(|| (lowered.join(" "), asked))
}

#[cfg(test)]
#[test]
fn only_plain_words_with_a_capital_call_for_lower_case() {
    assert_eq!(
        exclusions_lowercased("罗湖 !Police !gold"),
        Some(("罗湖 !police !gold".to_owned(), vec!["!Police".to_owned()]))
    );
    assert_eq!(exclusions_lowercased("Police !gold"), None);
    assert_eq!(lowercased("Shuibai market").as_deref(), Some("shuibai market"));
    assert_eq!(lowercased("name:Shuibai").as_deref(), Some("name:shuibai"));
    for query in ["shuibai", "gold !Silver", "'Shuibai", "^Shuibai", "Shuibai$", "水贝"] {
        assert_eq!(lowercased(query), None, "{query}");
    }
}

/// A record's primary display text (name or title) and its Chinese text, the two texts
/// [`Highlight`] positions refer to.
#[must_use]
pub fn names<'a>(db: impl Into<Records<'a>>, rec: Rec) -> [Option<&'a str>; 2] {
    db.into().primary_names(rec)
}

/// Char positions to highlight in one record's texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// In the primary display text: the name (enterprise, brand, indicator) or title (history).
    pub primary: Vec<usize>,
    /// In the Chinese text (`name_zh` / `title_zh`); for pinyin matches, the Chinese
    /// chars that matched.
    pub chinese: Vec<usize>,
}

/// The chars of a record's names that a query matched (for a match with typos or by
/// sound, the chars its reason names). Cheap enough for the rows on screen; never
/// computed for the rest.
#[must_use]
pub fn highlight<'a>(index: &Index, db: impl Into<Records<'a>>, rec: Rec, query: &str) -> Highlight {
    let db = db.into();
    let query = Query::parse(query, Scope::One(rec.kind));
    let [name, zh] = db.primary_names(rec);
    let mut out = Highlight::default();
    let mut b = text::Bufs::default();
    for term in query.clauses.iter().flat_map(|c| &c.alternatives) {
        if term.negated {
            continue;
        }
        match term.scoping(rec.kind) {
            query::Scoping::Anywhere => {}
            query::Scoping::Field(spec) if spec.field == fields::Field::Name => {}
            _ => continue,
        }
        if let Some(p) = name.and_then(|t| text::text_positions(term, t, &mut b)) {
            out.primary.extend(p);
        }
        if let Some(p) = zh.and_then(|t| text::text_positions(term, t, &mut b)) {
            out.chinese.extend(p);
        }
        if let Some(chars) = &term.pinyin {
            let (text, into) = match zh {
                Some(zh) if zh.chars().any(pinyin::has_readings) => (Some(zh), &mut out.chinese),
                _ => (name, &mut out.primary),
            };
            if let Some(m) = text.and_then(|t| text::pinyin_match(term.mode, chars, t, &mut b.py, true)) {
                into.extend(m.positions);
            }
        }
    }
    if out.primary.is_empty()
        && out.chinese.is_empty()
        && let Some(tolerant) = query.tolerant()
        && let Some((_, Why::Typo { span, .. } | Why::SoundsLike(span))) =
            matcher::Matcher::new(db, index).eval(&tolerant, rec)
    {
        let chars = usize::from(span.start)..usize::from(span.end);
        match span.on {
            On::Name => out.primary.extend(chars),
            On::Chinese => out.chinese.extend(chars),
            On::Alias(_) => {}
        }
    }
    for list in [&mut out.primary, &mut out.chinese] {
        list.sort_unstable();
        list.dedup();
    }
    out
}
