//! What a search answers: the matching records ([`Hit`]) best first, where each matched
//! ([`Why`], for the detail pane's "why"), and the counts around them ([`Outcome`]).

use super::records::Records;
use crate::data::db::Rec;

/// One matching record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub rec: Rec,
    /// Higher is better: the ranking rules in one number (`rank::combine`).
    pub score: i64,
    pub why: Why,
}

/// Which of a record's own texts a [`Span`] is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    /// The primary display text (name or title).
    Name,
    /// The Chinese name or title.
    Chinese,
    /// An alias, by its place in the record's list.
    Alias(u8),
}

/// The chars of a match in one of a record's own texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub on: On,
    /// Char positions, end exclusive.
    pub start: u16,
    pub end: u16,
}

impl Span {
    /// The text the span is in, and the span's chars.
    fn read(self, db: Records<'_>, rec: Rec) -> Option<(&str, String)> {
        let text = match self.on {
            On::Name => db.primary_names(rec)[0],
            On::Chinese => db.primary_names(rec)[1],
            On::Alias(i) => db.aliases(rec).get(usize::from(i)),
        }?;
        let chars: String = text
            .chars()
            .skip(usize::from(self.start))
            .take(usize::from(self.end.saturating_sub(self.start)))
            .collect();
        Some((text, chars))
    }
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
    /// An alias, by its place in the record's list.
    Alias(u8),
    /// The Chinese text by its full pinyin: `zhoudasheng`.
    PinyinFull(Span),
    /// The Chinese text by the initials of its pinyin: `zds`.
    PinyinInitials(Span),
    /// The Chinese text by mixed input: `周ds`, `zhou大生`, `zhdsh`.
    PinyinMixed(Span),
    /// A name, read with typos: `zhoudasehng` for 周大生.
    Typo { typos: u8, span: Span },
    /// A name that sounds like the term: `周大付` for 周大福.
    SoundsLike(Span),
    /// Another field, by its query name: "summary", "segment", "owner", "brand", ...
    Field(&'static str),
    /// Another field, in a clause that negates it: "no 驰名商标 statement was found".
    Negated(&'static str),
    /// Another field, where a Chinese term's reading is spelled in Latin letters
    /// (`杰我瑞` in `jieworui`, which spells 杰我睿 just as well): it sounds like the term.
    /// A record with such a term is no match as typed ([`Why::loose`]).
    BySound(&'static str),
    /// A Chinese term whose chars stand in the name only with one of them apart, in a
    /// run of its own (`粤宝金` in 粤宝鑫贵金属): the name does not read as the term, so
    /// this is no match as typed ([`Why::loose`]).
    Apart(&'static str),
    /// A hyphenated word (`trade-in`) whose words the record holds only apart: it names
    /// one thing, so this is no match as typed ([`Why::loose`]).
    WordsApart,
    /// A name typed syllable by syllable (`zhou sheng sheng`) whose syllables the record
    /// holds only apart or in another order, in its names or fields, never together: no
    /// match as typed ([`Why::loose`]).
    SyllablesApart,
    /// An event's title or a figure's name (a sentence) that reads the term by the pinyin
    /// of one character alone: `ban` for the 板 of 创业板 (the `ChiNext` board) in a listing. A word
    /// of a sentence is no name, and one syllable in it is no match as typed
    /// ([`Why::loose`]); two characters read together are (`zhouda` for 周大生).
    OneChar(Span, super::pinyin::Reading),
    /// An event's title or a figure's name that reads the term by pinyin or sound only
    /// across two of its words, one char of a word and the next (`baolei` for the 宝类 of
    /// 珠宝类, "of the jewelry kind"; `search::words`): no word of the sentence is the
    /// term, so this is no match as typed ([`Why::loose`]).
    AcrossWords(Span, super::pinyin::Reading),
    /// Another field whose words the term spells run together, the last cut short
    /// (`goldman` in "gold manufacturing"): no word there is the term's, so this is no
    /// match as typed ([`Why::loose`]); `chowsangsang` in "Chow Sang Sang" is one.
    CutShort(&'static str),
}

/// What a record or source found only by a Chinese term's Latin spelling says: "sounds
/// like it, spelled in title". One wording for the detail, the jump box, `--json`.
#[must_use]
pub fn spelled_in(text: &str) -> String {
    format!("sounds like it, spelled in {text}")
}

impl Why {
    /// Whether a search as typed found the record only loosely: a term by how it sounds
    /// (Chinese chars read in Latin letters), with one of its Chinese chars apart from
    /// the rest, or a hyphenated word's words or a name's syllables apart. A record's
    /// reason tells such a term before any other (`matcher::reasons::telling`), so one
    /// loose term marks it. (Homophones and typos in names are looked for only when
    /// nothing matched as typed, and say so through [`Outcome::tolerant`].)
    #[must_use]
    pub fn loose(&self) -> bool {
        matches!(
            self,
            Why::BySound(_)
                | Why::Apart(_)
                | Why::WordsApart
                | Why::SyllablesApart
                | Why::OneChar(..)
                | Why::AcrossWords(..)
                | Why::CutShort(_)
        )
    }

    /// What a loose reason says when it needs no record's text (a sound-alike's field,
    /// syllables apart): the wording of [`Why::explain`], for sources too.
    #[must_use]
    pub fn loose_reason(&self) -> Option<String> {
        match *self {
            Why::BySound(field) => Some(spelled_in(field)),
            Why::Apart(text) => Some(format!("its characters apart in {text}")),
            Why::WordsApart => Some("its hyphenated words apart".to_owned()),
            Why::SyllablesApart => Some("its pinyin syllables apart, not read together".to_owned()),
            Why::OneChar(..) => Some("the pinyin of one character of a sentence".to_owned()),
            Why::AcrossWords(..) => Some(ACROSS_WORDS.to_owned()),
            Why::CutShort(field) => Some(format!("its letters run over words of the {field}, the last cut short")),
            _ => None,
        }
    }

    /// Whether the record holds the query only outside its names: in a summary, a scope,
    /// a person's name, or a clause that negates it (a brand's owner and an enterprise's
    /// brands are names, and an id is the record's own). A list of such rows alone may only mention what was searched
    /// for, and says so.
    #[must_use]
    pub fn outside_names(&self) -> bool {
        match self {
            Why::Negated(_) | Why::CutShort(_) => true,
            // An id found as typed is the surest match there is.
            Why::Field(field) => !matches!(*field, "owner" | "brand" | "id"),
            _ => false,
        }
    }

    /// A short explanation when the match is not obvious from the name: "pinyin
    /// initials: 周大生", "1 typo: zhoudasheng", "matched in summary". `None` for name
    /// matches.
    #[must_use]
    pub fn explain<'a>(&self, db: impl Into<Records<'a>>, rec: Rec) -> Option<String> {
        let db = db.into();
        let (label, span) = match *self {
            Why::Everything | Why::Name | Why::ChineseName => return None,
            Why::Alias(i) => {
                let alias = db.aliases(rec).get(usize::from(i))?;
                return Some(format!("alias: {alias}"));
            }
            Why::Field(field) => return Some(format!("matched in {field}")),
            Why::Negated(field) => return Some(format!("matched in {field}, in a clause that negates it")),
            Why::BySound(_) | Why::Apart(_) | Why::WordsApart | Why::SyllablesApart | Why::CutShort(_) => {
                return self.loose_reason();
            }
            Why::Typo { typos, span } => {
                let (_, chars) = span.read(db, rec)?;
                let spelled = spelled(&chars);
                let label = match typos {
                    0 => "spelled".to_owned(),
                    1 => "1 typo".to_owned(),
                    n => format!("{n} typos"),
                };
                return Some(if spelled == chars {
                    format!("{label}: {chars}")
                } else {
                    format!("{label}: {spelled} ({chars})")
                });
            }
            Why::SoundsLike(span) => ("sounds like", span),
            Why::OneChar(span, _) => ("the pinyin of one character of a sentence", span),
            Why::AcrossWords(span, _) => (ACROSS_WORDS, span),
            Why::PinyinFull(span) => ("pinyin", span),
            Why::PinyinInitials(span) => ("pinyin initials", span),
            Why::PinyinMixed(span) => ("pinyin and characters", span),
        };
        let (_, chars) = span.read(db, rec)?;
        Some(format!("{label}: {chars}"))
    }
}

/// What [`Why::AcrossWords`] says.
const ACROSS_WORDS: &str = "its pinyin read across two words of a sentence";

/// Chars as they are spelled for typo matching (Chinese by main reading).
fn spelled(chars: &str) -> String {
    let mut s = super::spell::Spelled::default();
    s.fill(chars);
    if s.has_han {
        String::from_utf8_lossy(&s.letters).into_owned()
    } else {
        chars.to_owned()
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
    /// Nothing matched as typed, and these hits allow typos or sound like the query.
    pub tolerant: bool,
    /// Nothing matched as typed, and these hits match the query without its company
    /// forms (`notice` says which).
    pub shortened: bool,
}
