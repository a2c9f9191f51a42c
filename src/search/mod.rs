//! The query engine shared by the TUI and `shuibei search`: one syntax, one ranking.
//!
//! A query is parsed once ([`query`]), then every candidate record is tried on all cores:
//! the index's character masks reject most records without reading them, a subsequence
//! test rejects most of the rest, and only then does the fuzzy matcher (`SkimMatcherV2`) or
//! the pinyin matcher score it ([`matcher`]), and a term found as written (together, or as
//! word initials) earns a bonus on top (`bonus`). Names rank above other fields; ties keep
//! dataset order, then tab order. Highlight positions are chars, computed on demand for
//! the rows a caller shows. This module never prints and never touches the terminal.

mod bonus;
mod fields;
pub mod fold;
mod index;
mod matcher;
pub mod pinyin;
pub mod query;
mod run;
mod score;
pub mod worker;

/// A small deterministic generator for the engine's randomized tests: `next(n)` is in
/// `0..n`. Xorshift, so a failing case replays from its seed.
#[cfg(test)]
pub(crate) fn test_rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n as u64).unwrap_or(0)
    }
}

use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;

pub use fields::fields;
pub use index::Index;
pub use query::Query;
pub use run::Session;
pub use worker::{Done, Worker};

/// Which records a search covers: one tab, or all of them (the jump box).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    One(RecordKind),
    All,
}

impl Scope {
    /// The record kinds in scope, in tab order.
    #[must_use]
    pub fn kinds(self) -> &'static [RecordKind] {
        match self {
            Scope::One(RecordKind::History) => &[RecordKind::History],
            Scope::One(RecordKind::Enterprise) => &[RecordKind::Enterprise],
            Scope::One(RecordKind::Brand) => &[RecordKind::Brand],
            Scope::One(RecordKind::Indicator) => &[RecordKind::Indicator],
            Scope::All => &RecordKind::ALL,
        }
    }

    /// How many records the scope holds.
    #[must_use]
    pub fn len(self, db: &Db) -> usize {
        self.kinds().iter().map(|k| db.len(*k)).sum()
    }
}

/// One matching record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub rec: Rec,
    /// Higher is better. Each term that matched a name adds a large constant, so name
    /// matches always rank above matches in other fields.
    pub score: i64,
    pub why: Why,
}

/// The chars of a pinyin match: a range of the record's Chinese text (or of its name,
/// when the name is the only Chinese text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub on_chinese: bool,
    /// Char positions, end exclusive.
    pub start: u16,
    pub end: u16,
}

/// Where a record matched, for the detail pane's "why".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Nothing to explain: an empty query, only exclusions, or only `field:` terms (the
    /// query names the field itself).
    Everything,
    /// The primary display text (name or title).
    Name,
    /// The Chinese name or title.
    ChineseName,
    /// The Chinese text by its full pinyin: `zhoudasheng`.
    PinyinFull(Span),
    /// The Chinese text by the initials of its pinyin: `zds`.
    PinyinInitials(Span),
    /// The Chinese text by mixed input: `周ds`, `zhou大生`, `zhdsh`.
    PinyinMixed(Span),
    /// Another field, by its query name: "summary", "segment", "owner", "brand", ...
    Field(&'static str),
}

impl Why {
    /// A short explanation when the match is not obvious from the name: "pinyin
    /// initials: 周大生", "matched in summary". `None` for name matches.
    #[must_use]
    pub fn explain(&self, db: &Db, rec: Rec) -> Option<String> {
        let (label, span) = match *self {
            Why::Everything | Why::Name | Why::ChineseName => return None,
            Why::Field(field) => return Some(format!("matched in {field}")),
            Why::PinyinFull(span) => ("pinyin", span),
            Why::PinyinInitials(span) => ("pinyin initials", span),
            Why::PinyinMixed(span) => ("pinyin and characters", span),
        };
        let [name, zh] = fields::primary_names(db, rec);
        let text = if span.on_chinese { zh } else { name }?;
        let chars: String = text
            .chars()
            .skip(usize::from(span.start))
            .take(usize::from(span.end.saturating_sub(span.start)))
            .collect();
        Some(format!("{label}: {chars}"))
    }
}

/// The result of a search.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Best first; ties in dataset order, then tab order. At most `limit` hits.
    pub hits: Vec<Hit>,
    /// How many records matched (all of them, not only those in `hits`).
    pub matched: usize,
    /// How many records the scope holds.
    pub searched: usize,
    /// A gentle message about a part of the query that was left out (a lone `!`, an
    /// unknown field with the fields of the tab); the rest of the query still ran.
    pub notice: Option<String>,
}

/// Searches a scope: best first, at most `limit` hits. An empty query returns every
/// record of the scope in dataset order.
#[must_use]
pub fn search(index: &Index, db: &Db, scope: Scope, query: &str, limit: Option<usize>) -> Outcome {
    run::once(index, db, &Query::parse(query, scope), limit)
}

/// A record's primary display text (name or title) and its Chinese text, the two texts
/// [`Highlight`] positions refer to.
#[must_use]
pub fn names(db: &Db, rec: Rec) -> [Option<&str>; 2] {
    fields::primary_names(db, rec)
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

/// The chars of a record's names that a query matched. Cheap enough for the rows on
/// screen; never computed for the rest.
#[must_use]
pub fn highlight(index: &Index, db: &Db, rec: Rec, query: &str) -> Highlight {
    let _ = index;
    let query = Query::parse(query, Scope::One(rec.kind));
    let [name, zh] = fields::primary_names(db, rec);
    let mut out = Highlight::default();
    let mut buf = String::new();
    let mut scratch = pinyin::Scratch::default();
    for term in query.clauses.iter().flat_map(|c| &c.alternatives) {
        if term.negated {
            continue;
        }
        match term.scoping(rec.kind) {
            query::Scoping::Anywhere => {}
            query::Scoping::Field(spec) if spec.field == fields::Field::Name => {}
            _ => continue,
        }
        if let Some(p) = name.and_then(|t| matcher::text_positions(term, t, &mut buf)) {
            out.primary.extend(p);
        }
        if let Some(p) = zh.and_then(|t| matcher::text_positions(term, t, &mut buf)) {
            out.chinese.extend(p);
        }
        if let Some(chars) = &term.pinyin {
            let (text, into) = match zh {
                Some(zh) if zh.chars().any(pinyin::has_readings) => (Some(zh), &mut out.chinese),
                _ => (name, &mut out.primary),
            };
            if let Some(m) = text.and_then(|t| matcher::pinyin_match(term.mode, chars, t, &mut scratch, true)) {
                into.extend(m.positions);
            }
        }
    }
    for list in [&mut out.primary, &mut out.chinese] {
        list.sort_unstable();
        list.dedup();
    }
    out
}
