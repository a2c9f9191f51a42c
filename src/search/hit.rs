//! What a search answers: the matching records ([`Hit`]) best first, where each matched
//! ([`Why`], for the detail pane's "why"), and the counts around them ([`Outcome`]).

use super::fields;
use crate::data::db::{Db, Rec};

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
