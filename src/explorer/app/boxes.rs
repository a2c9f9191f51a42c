//! What the text boxes hold: which box has the keyboard ([`Input`]) and the jump box's
//! query and answer ([`JumpBox`], grouped by kind). How typing and answers change them
//! is `input`'s.

use super::view::TextBox;
use crate::data::db::Rec;
use crate::data::model::RecordKind;
use crate::explorer::action::Tab;
use crate::search::{Done, Hit, Why};

/// How many matches of one kind the jump box keeps; it is for going somewhere, not browsing.
pub const JUMP_PER_KIND: usize = 50;

/// A text box with the keyboard.
#[derive(Debug, Clone)]
pub enum Input {
    /// The search box of a tab (its text lives in that tab's view): a tab of records,
    /// or the Sources tab.
    Search(Tab),
    /// The jump box: one query over every tab.
    /// Boxed: the box holds a page of results, the other inputs a tab or a name.
    Jump(Box<JumpBox>),
    /// The file name for `e` (export).
    Export(TextBox),
}

/// How an answer's hits relate to the query as typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AsTyped {
    #[default]
    Yes,
    /// Nothing matched as typed: the hits are spelled or sound alike.
    NearSpellings,
    /// Nothing matched as typed: the hits match without the query's company forms.
    FewerWords,
}

/// The jump box's query and results, grouped by kind, the best match's group first.
#[derive(Debug, Clone, Default)]
pub struct JumpBox {
    pub text: TextBox,
    /// The query `hits` answer, once the engine has answered.
    pub answered: Option<String>,
    /// Best first within each kind; the kinds in the order of their best match.
    pub hits: Vec<Hit>,
    pub matched: usize,
    pub searched: usize,
    pub complete: bool,
    pub notice: Option<String>,
    /// Nothing matched: which of the query's words find nothing on their own, as said.
    pub lone: Option<String>,
    /// Nothing matched a query with a capital: whether small letters find anything
    /// (`None` when not asked).
    pub lower_finds: Option<bool>,
    /// Whether the hits match the query as typed.
    pub typed: AsTyped,
    /// Index into the rows: `hits`, then `sources`.
    pub cursor: usize,
    /// The cursor was moved by hand since the query last changed: a source chosen so is
    /// kept when the records arrive (they come later than the sources).
    pub picked: bool,
    /// How many records of each kind matched, when the answer is complete.
    pub per_kind: Vec<(RecordKind, usize)>,
    /// Enter was pressed before the answer to the query was complete: the box goes to
    /// the best match once it is.
    pub go: bool,
    /// The sources the query finds (their indices, best first, at most
    /// [`JUMP_PER_KIND`]), listed after the records; searched at once, as they are few.
    pub sources: Vec<u32>,
    /// Beside each of `sources`: why it is no match as typed, when it is not (a Chinese
    /// term only spelled in one of its texts, a name's syllables apart).
    pub sources_loose: Vec<Option<crate::search::Why>>,
    /// How many of the sources found only spell the query (all of `sources_matched`
    /// when none holds it as typed).
    pub sources_not_typed: usize,
    /// How many sources it finds in all.
    pub sources_matched: usize,
}

impl JumpBox {
    /// Every source found only spells the query: none answers it as typed.
    #[must_use]
    pub fn sources_loose(&self) -> bool {
        self.sources_matched > 0 && self.sources_not_typed == self.sources_matched
    }

    /// Takes an answer of the engine; `by_id`: the record whose id the query is, which
    /// comes first (the engine puts it first too when its name does not match, see
    /// `search::exact`; it is shown once).
    pub(super) fn take(&mut self, done: Done, by_id: Option<Rec>) {
        // Only more results for the same query keep the cursor's record; a new query
        // starts at its best match.
        let same = self.answered.as_deref() == Some(done.query.as_str());
        let keep = self.current().filter(|_| same);
        // Sources answer the text as it is (they are searched at once): one chosen by
        // hand stays chosen whatever the engine's answer is for.
        let keep_source = self.current_source().filter(|_| self.picked);
        let mut hits = done.outcome.hits;
        let mut matched = done.outcome.matched;
        if let Some(rec) = by_id {
            // It says "id" only when the query matches it no better way: `jieworui` is in
            // its name too, which a trial read as the better reason (a loose match, its
            // words apart, is not: the id is the query as typed).
            let own = hits.iter().position(|h| h.rec == rec).map(|at| hits.remove(at).why);
            if own.is_none() {
                matched += 1;
            }
            let why = own.filter(|why| !why.loose()).unwrap_or(Why::Field("id"));
            hits.insert(
                0,
                Hit {
                    rec,
                    score: i64::MAX,
                    why,
                },
            );
        }
        // Group by kind, the group with the best match first (so Enter on the first row
        // goes where `shuibei search` would point), rank order inside each group.
        let mut kinds: Vec<RecordKind> = Vec::with_capacity(RecordKind::ALL.len());
        for h in &hits {
            if !kinds.contains(&h.rec.kind) {
                kinds.push(h.rec.kind);
            }
        }
        self.per_kind = if done.complete {
            kinds
                .iter()
                .map(|k| (*k, hits.iter().filter(|h| h.rec.kind == *k).count()))
                .collect()
        } else {
            Vec::new()
        };
        let mut kept: Vec<Hit> = Vec::new();
        for kind in kinds {
            kept.extend(hits.iter().filter(|h| h.rec.kind == kind).take(JUMP_PER_KIND));
        }
        self.hits = kept;
        self.matched = matched;
        self.searched = done.outcome.searched;
        self.complete = done.complete;
        self.notice = done.outcome.notice;
        self.lone = done.nothing.lone.as_ref().map(crate::search::Lone::said);
        self.lower_finds = done.nothing.lower_finds;
        self.typed = if done.outcome.shortened {
            AsTyped::FewerWords
        } else if done.outcome.tolerant {
            AsTyped::NearSpellings
        } else {
            AsTyped::Yes
        };
        self.answered = Some(done.query);
        // More results for the same query: the cursor stays on its record (or source) if
        // it is still there.
        self.cursor = keep
            .and_then(|rec| self.hits.iter().position(|h| h.rec == rec))
            .or_else(|| {
                let at = self.sources.iter().position(|s| Some(*s) == keep_source)?;
                Some(self.hits.len() + at)
            })
            .unwrap_or(0);
    }

    /// Rows the cursor moves over: the records, then the sources.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.hits.len() + self.sources.len()
    }

    /// The source under the cursor, when it is on the sources after the records.
    #[must_use]
    pub fn current_source(&self) -> Option<u32> {
        self.sources.get(self.cursor.checked_sub(self.hits.len())?).copied()
    }

    /// How many records of `kind` matched in all, once the answer is complete.
    #[must_use]
    pub fn kind_matched(&self, kind: RecordKind) -> Option<usize> {
        self.per_kind.iter().find(|(k, _)| *k == kind).map(|(_, n)| *n)
    }

    /// The record under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<Rec> {
        self.hits.get(self.cursor).map(|h| h.rec)
    }
}
