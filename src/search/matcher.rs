//! One record against one parsed query: masks first, then the text. Names (and aliases)
//! are matched fuzzily above the quality floor and by pinyin; other fields as words or
//! word prefixes, by pinyin in structured fields; each match lands in a tier (`rank`).
//! A typo-tolerant query also reads the names with typos and by their sound (`spell`).
//!
//! A `Matcher` carries per-thread buffers (folded text, pinyin tables), so the hot loop
//! allocates nothing for records that the masks or the subsequence check reject.

use super::fields::{self, Field, Spec};
use super::fold::{self, Case, Folded};
use super::hit::Why;
use super::index::{HAS_PINYIN, HAS_RELATED, Index, PINYIN_ZH, ZH_ASCII};
use super::memo::Memo;
use super::pinyin::Reading;
use super::query::{Clause, Mode, Query, Scoping, Term};
use super::rank::{self, TermHit, Tier};
use super::records::{Aliases, Records};
use super::text::{self, Bufs};
use crate::data::db::Rec;
use crate::data::model::RecordKind;

mod apart;
mod names;
mod reasons;
mod spelled;

use reasons::{field_hit, read_together, telling};
use spelled::{Known, as_written, spelled_in_free};

/// Where a plain term stands after a record's names ([`Matcher::plain_names`]).
pub(super) enum Step {
    Hit(TermHit),
    /// The names do not match; the other fields may.
    Fields,
    Miss,
}

/// The one term of a query made of a single plain term (no `|`, no field, not negated,
/// no typos allowed), which the scan matches in two halves; see `run::scan_until`.
pub(super) fn plain_term(query: &Query) -> Option<&Term> {
    if query.tolerant {
        return None;
    }
    match query.clauses.as_slice() {
        [clause] => match clause.alternatives.as_slice() {
            [term] if !term.negated && term.field.is_none() => Some(term),
            _ => None,
        },
        _ => None,
    }
}

/// Matches records against a query, with this thread's buffers. One matcher serves one
/// query: it remembers the query's terms' answers ([`Memo`]).
pub(super) struct Matcher<'a> {
    pub db: Records<'a>,
    index: &'a Index,
    b: Bufs,
    /// Formatted field values (dates, figures).
    scratch: String,
    /// The clauses' hits of the record being matched.
    hits: Vec<TermHit>,
    /// Terms' matches in the values of the chunk being read.
    memo: Memo,
    /// Whether the query is a record's id (`exact::names_a_record`), once asked.
    an_id: Option<bool>,
    /// How the data's names write the term last asked about (`spelling`).
    spelled: Known,
    /// The record being matched is an event or a figure whose names read the query's
    /// terms together (`jin ya fu` in 金雅福在深圳创立): a term read there by one
    /// character's pinyin is a syllable of those, not a syllable alone (`Why::OneChar`).
    read_whole: bool,
}

impl<'a> Matcher<'a> {
    pub fn new(db: Records<'a>, index: &'a Index) -> Matcher<'a> {
        Matcher {
            db,
            index,
            b: Bufs::default(),
            scratch: String::new(),
            hits: Vec::new(),
            memo: Memo::default(),
            an_id: None,
            spelled: Known::default(),
            read_whole: false,
        }
    }

    /// The record's score and the reason it matched, or `None`.
    pub fn eval(&mut self, query: &Query, rec: Rec) -> Option<(i64, Why)> {
        // Every clause must match: reject on the cheap tests of all of them before
        // scoring any (a record that has "shenzhen" but not "dragon" costs no score).
        if query.clauses.len() > 1 && !query.clauses.iter().all(|c| self.may_match(c, rec, query.tolerant)) {
            return self.joined_only(query, rec).or_else(|| self.syllables_only(query, rec));
        }
        let mut hits = std::mem::take(&mut self.hits);
        hits.clear();
        let mut all = true;
        self.read_whole = self.reads_whole(query, rec);
        for clause in &query.clauses {
            if let Some(hit) = self.clause(clause, rec, query.tolerant) {
                hits.push(hit);
            } else {
                all = false;
                break;
            }
        }
        self.read_whole = false;
        let mut loose = false;
        let found = if all {
            // A hyphenated word's words apart: the record counts as loose, first hit and
            // all (`rank::combine`, `telling`). (With typos allowed a word may be
            // misspelt, and `contains` reads as written: only where every word was found
            // as written; `e-commerce` found "E…" and "commerce" apart with typos allowed
            // and said only "matched in summary".)
            let as_written = !query.tolerant || hits.iter().all(|h| h.typos == 0);
            if as_written
                && let Some(first) = hits.first_mut()
                && !query.hyphenated.is_empty()
                && !*self
                    .an_id
                    .get_or_insert_with(|| super::exact::names_a_record(self.index, self.db, query))
                && !query.hyphenated.iter().all(|h| self.contains(h, rec))
            {
                first.why = Why::WordsApart;
                first.typos = first.typos.max(1);
            }
            let together = query
                .joined
                .as_ref()
                .and_then(|j| self.together(j, &query.joined_other, rec));
            // A name typed syllable by syllable, found only by its syllables' chars apart
            // (`zhou sheng sheng`: 周 and 生 of 周大生; `cui hua`: 翠 and 花 of a
            // location): loose, as above. Not where a name or field holds the words
            // together (`luo hu` in a location of Luohu, `hong kong` in a summary); with
            // typos allowed, only for a record whose terms were all found as typed.
            if let Some(term) = &query.syllables
                && together.is_none()
                && hits.iter().all(|h| h.typos == 0)
                && hits.first().is_some_and(|h| h.why != Why::WordsApart)
                && !self.contains(term, rec)
                && let Some(first) = hits.first_mut()
            {
                first.why = Why::SyllablesApart;
                first.typos = first.typos.max(1);
            }
            let why = together.and_then(|_| read_together(&hits)).unwrap_or_else(|| {
                hits.iter()
                    .map(|h| h.why)
                    .max_by_key(|w| telling(*w))
                    .unwrap_or(Why::Everything)
            });
            loose = hits.iter().any(|h| h.why.loose());
            Some((rank::combine(&hits, together), why))
        } else {
            None
        };
        self.hits = hits;
        // The terms read as one, with typos, may still find the record: `chow tai fok`;
        // or syllables typed apart that a field writes as one word.
        let joined = self.joined_only(query, rec);
        let joined = if (found.is_none() || loose) && joined.is_none() {
            self.syllables_only(query, rec)
        } else {
            joined
        };
        match (found, joined) {
            (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    /// Each clause's own reason, in the query's order (`None` for a clause the record
    /// does not match): a record found by several words may hold each in another field,
    /// which the one reason [`eval`](Self::eval) keeps cannot say.
    pub fn clause_whys(&mut self, query: &Query, rec: Rec) -> Vec<Option<Why>> {
        self.read_whole = self.reads_whole(query, rec);
        let whys = query
            .clauses
            .iter()
            .map(|c| self.clause(c, rec, query.tolerant).map(|h| h.why))
            .collect();
        self.read_whole = false;
        whys
    }

    /// Whether `rec` is an event or a figure whose names read the query's terms together
    /// (see `read_whole`), as whole words of its Chinese where that is where they stand
    /// together (`together_apart`). Asked of those alone: a company's name is no sentence.
    fn reads_whole(&mut self, query: &Query, rec: Rec) -> bool {
        matches!(rec.kind, RecordKind::History | RecordKind::Indicator)
            && query.joined.as_ref().is_some_and(|j| {
                self.together(j, &query.joined_other, rec).is_some()
                    && !self.together_apart(j, &query.joined_other, rec)
            })
    }

    /// A typo-tolerant query of plain terms only, read as one term in a name.
    fn joined_only(&mut self, query: &Query, rec: Rec) -> Option<(i64, Why)> {
        if !query.tolerant || !query.joined_all {
            return None;
        }
        // A word with a capital is asked for as written, with no typos: so is the whole.
        let joined = query.joined.as_ref().filter(|j| j.case == Case::Insensitive)?;
        let hit = self.typo_names(joined, rec)?;
        let n = query.clauses.len();
        let share = hit.score / i64::try_from(n.max(1)).unwrap_or(1);
        let hits: Vec<TermHit> = (0..n)
            .map(|i| TermHit {
                typos: if i == 0 { hit.typos } else { 0 },
                score: share,
                ..hit
            })
            .collect();
        Some((rank::combine(&hits, Some(0)), hit.why))
    }

    /// False only when no alternative of the clause can match: masks and, for ASCII
    /// names, the subsequence test. Never false for a record that [`Self::clause`] accepts.
    fn may_match(&mut self, clause: &Clause, rec: Rec, tolerant: bool) -> bool {
        let (primary, secondary) = self.masks(rec);
        clause.alternatives.iter().any(|term| {
            let unscoped = match term.scoping(rec.kind) {
                Scoping::Absent => return false,
                Scoping::Field(spec) if spec.field != Field::Name => return true,
                Scoping::Field(_) => false,
                Scoping::Anywhere => true,
            };
            if term.negated
                || (tolerant && term.tolerant())
                || (unscoped && self.fields_may_hold(term, rec, secondary))
                || (term.pinyin.is_some() && {
                    let py = self.index.entry(self.db, rec).pinyin();
                    py != 0 && term.pinyin_letters & !py == 0
                })
            {
                return true;
            }
            if term.mask & !primary != 0 {
                return false;
            }
            if primary & (HAS_RELATED | ZH_ASCII) != 0 || term.mode != Mode::Fuzzy {
                return true;
            }
            // The name is the only text left that can match; for an ASCII name and term
            // the subsequence test on bytes settles it (a Chinese name has its own mask bit
            // test above, and a non-ASCII term keeps the record for the full test).
            let [name, zh] = self.index.names(self.db, rec);
            if zh.is_some() && !term.ascii {
                return true;
            }
            name.is_none_or(|name| {
                !(name.is_ascii() && term.ascii)
                    || text::subsequence(
                        Folded {
                            text: name,
                            ascii: true,
                        },
                        term,
                    )
            })
        })
    }

    /// Whether the record's other fields may hold the term: as written (its chars, its
    /// pairs of chars and, for a fuzzy term, its first two chars as a word's), by pinyin
    /// (they have Chinese chars), spelled (a Chinese term's letters and pairs), or, for a
    /// Latin term, in the Chinese the data's names write it in (they have Chinese chars).
    fn fields_may_hold(&mut self, term: &Term, rec: Rec, secondary: u32) -> bool {
        (term.place && rec.kind == RecordKind::Enterprise)
            || (term.narrow & !secondary == 0
            && term.pairs & !self.pairs(rec) == 0
            // A fuzzy term matches a value at a word's start only (`text::in_value`).
            && (term.mode != Mode::Fuzzy || term.head & !self.heads(rec) == 0))
            || (term.pinyin.is_some()
                && secondary & fold::NARROW_OTHER != 0
                && term.pinyin_letters & !self.field_pinyin(rec) == 0)
            || (term.han
                && term.spelled.is_some()
                && term.spelled_narrow & !secondary == 0
                && term.spelled_pairs & !self.pairs(rec) == 0)
            || (secondary & fold::NARROW_OTHER != 0
                && self.spelled.may_write(self.index, self.db, term, self.pairs(rec)))
    }

    fn clause(&mut self, clause: &Clause, rec: Rec, tolerant: bool) -> Option<TermHit> {
        let mut best: Option<TermHit> = None;
        for term in &clause.alternatives {
            if let Some(hit) = self.term(term, rec, tolerant)
                && best.is_none_or(|b| hit.beats(&b))
            {
                best = Some(hit);
            }
        }
        best
    }

    fn term(&mut self, term: &Term, rec: Rec, tolerant: bool) -> Option<TermHit> {
        let spec = match term.scoping(rec.kind) {
            Scoping::Absent => return None,
            Scoping::Anywhere => None,
            Scoping::Field(spec) => Some(spec),
        };
        if term.negated {
            let found = match spec {
                Some(spec) => self.scoped(term, spec, rec, false).is_some(),
                None => self.contains(term, rec),
            };
            return (!found).then_some(TermHit::new(Tier::Name, 0, Why::Everything));
        }
        let hit = match spec {
            Some(spec) => self.scoped(term, spec, rec, tolerant),
            None => self.unscoped(term, rec, tolerant),
        };
        // As typed, a loose reading ranks as a typo below the same field holding the term
        // (`TermHit::new`); with typos allowed, it is what a homophone of a name is, no
        // typo, so that keeping the fewest typos keeps it (`run::fewest_typos`).
        hit.map(|h| {
            if tolerant && h.why.loose() {
                TermHit { typos: 0, ..h }
            } else {
                h
            }
        })
    }

    /// The record's primary and secondary masks.
    fn masks(&self, rec: Rec) -> (u64, u32) {
        if !self.index.fits(self.db, rec.kind) {
            // No usable index: every mask passes and the text decides.
            return (u64::MAX, u32::MAX);
        }
        let tab = self.index.tab(rec.kind);
        let i = rec.idx();
        (tab.primary[i], tab.secondary[i])
    }

    /// The letters the pinyin of the record's secondary fields can match.
    fn field_pinyin(&self, rec: Rec) -> u32 {
        if !self.index.fits(self.db, rec.kind) {
            return u32::MAX;
        }
        self.index.tab(rec.kind).field_pinyin[rec.idx()]
    }

    /// The pair mask of the record's secondary fields.
    fn pairs(&self, rec: Rec) -> u64 {
        if !self.index.fits(self.db, rec.kind) {
            return u64::MAX;
        }
        self.index.tab(rec.kind).pairs[rec.idx()]
    }

    /// The first two chars of every word of the record's secondary fields.
    fn heads(&self, rec: Rec) -> u64 {
        if !self.index.fits(self.db, rec.kind) {
            return u64::MAX;
        }
        self.index.tab(rec.kind).heads[rec.idx()]
    }

    /// A plain term: names (fuzzy and pinyin; with typos when tolerant), then the
    /// secondary fields.
    fn unscoped(&mut self, term: &Term, rec: Rec, tolerant: bool) -> Option<TermHit> {
        match self.plain_names(term, rec) {
            Step::Hit(hit) => Some(self.typed_first(term, rec, hit)),
            step => {
                if tolerant
                    && term.tolerant()
                    && let Some(hit) = self.typo_names(term, rec)
                {
                    return Some(hit);
                }
                match step {
                    Step::Fields => self.plain_fields(term, rec),
                    _ => None,
                }
            }
        }
    }

    /// A plain term's first half: the names; else whether the other fields may hold it.
    pub fn plain_names(&mut self, term: &Term, rec: Rec) -> Step {
        let (primary, secondary) = self.masks(rec);
        if let Some(hit) = self.names(term, rec, primary, true) {
            return Step::Hit(hit);
        }
        if self.fields_may_hold(term, rec, secondary) {
            Step::Fields
        } else {
            Step::Miss
        }
    }

    /// A plain term's second half: the other fields, as words (and by pinyin in the
    /// structured ones). The summary is free text; a negated clause ranks last. A value
    /// that holds the term as typed wins over one that only spells it (周大生's location
    /// 水贝壹号 over its tag "shuibei"): the verdict reads the reason.
    pub fn plain_fields(&mut self, term: &Term, rec: Rec) -> Option<TermHit> {
        let mut best: Option<TermHit> = None;
        // A term with a char no date has skips the dates (a fifth of the fields' time
        // for `gold`, each formatted for the record).
        let secondary = if term.chars.iter().all(|c| c.is_ascii_digit() || *c == '-') {
            fields::secondary(rec.kind)
        } else {
            fields::secondary_undated(rec.kind)
        };
        let (b, scratch, memo, spelled) = (&mut self.b, &mut self.scratch, &mut self.memo, &mut self.spelled);
        let (index, db) = (self.index, self.db);
        let mut visit = |each: &mut dyn FnMut(usize, Option<usize>, &str) -> bool| {
            fields::for_term(term.han, || db.visit_each(rec, secondary, scratch, each))
        };
        visit(&mut |i, n, value| {
            let field = secondary[i];
            let free = field == Field::Summary;
            let found = memo
                .in_value(term, rec, n, value, !free, b)
                .or_else(|| spelled_in_free(index, db, spelled, term, value, free, b));
            if let Some(found) = found {
                let found = as_written(index, db, spelled, term, found);
                let hit = field_hit(found, free, fields::name_of(rec.kind, field));
                let better = |b: TermHit| match (hit.why.loose(), b.why.loose()) {
                    (false, true) => true,
                    (true, false) => false,
                    _ => hit.beats(&b),
                };
                if best.is_none_or(better) {
                    best = Some(hit);
                }
            }
            false
        });
        // The districts, known from the location, the registry or a tag: read only for a
        // term that can name one (`Term::place`).
        if term.place && rec.kind == RecordKind::Enterprise {
            self.db.visit(rec, Field::District, scratch, &mut |value| {
                if let Some(found) = text::in_value(term, value, false, b)
                    && !found.by_sound
                {
                    let hit = field_hit(found, false, fields::name_of(rec.kind, Field::District));
                    if best.is_none_or(|old| old.why.loose() || hit.beats(&old)) {
                        best = Some(hit);
                    }
                }
                false
            });
        }
        best
    }

    /// A name's hit, unless it is loose (a Chinese term with its chars apart, or read in
    /// Latin letters) and another field holds the term as typed: then that field's, so
    /// the record counts as matched as typed.
    pub fn typed_first(&mut self, term: &Term, rec: Rec, hit: TermHit) -> TermHit {
        if !hit.why.loose() {
            return hit;
        }
        match self.plain_fields(term, rec) {
            Some(field) if !field.why.loose() => field,
            _ => hit,
        }
    }
    /// `field:term`. Names and the names of owners, brands and related records read as
    /// names; other fields as words, by pinyin too.
    fn scoped(&mut self, term: &Term, spec: Spec, rec: Rec, tolerant: bool) -> Option<TermHit> {
        if spec.field == Field::Name {
            let (primary, _) = self.masks(rec);
            let hit = self.names(term, rec, primary, false);
            return match hit {
                Some(hit) => Some(hit),
                None if tolerant && term.tolerant() => self.typo_names(term, rec),
                None => None,
            };
        }
        let name_like = matches!(spec.field, Field::Owner | Field::Brand | Field::Related);
        let free = spec.field == Field::Summary;
        let name = fields::name_of(rec.kind, spec.field);
        let mut best: Option<TermHit> = None;
        let (b, scratch, spelled) = (&mut self.b, &mut self.scratch, &mut self.spelled);
        let (index, db) = (self.index, self.db);
        self.db.visit(rec, spec.field, scratch, &mut |value| {
            let hit = if name_like {
                text::text_score(term, value, b).map(|score| {
                    // Chars apart in the name are no match as typed, field named or not.
                    let why = if b.apart {
                        Why::Apart(if spec.field == Field::Owner {
                            "the owner's name"
                        } else {
                            "a related name"
                        })
                    } else {
                        Why::Everything
                    };
                    TermHit::new(Tier::Structured, score, why)
                })
            } else {
                text::in_value(term, value, true, b).map(|found| {
                    let hit = field_hit(as_written(index, db, spelled, term, found), free, name);
                    // The query names the field itself: nothing to explain, unless the
                    // value says the opposite, or only spells the term in Latin letters
                    // as no name of the data writes it (`location:水杯` in "Shuibei 1st
                    // Road" sounds like it, as unscoped; `location:水贝` is as typed there).
                    TermHit {
                        why: if hit.tier == Tier::Negated || hit.why.loose() {
                            hit.why
                        } else {
                            Why::Everything
                        },
                        ..hit
                    }
                })
            };
            if let Some(hit) = hit
                && best.is_none_or(|b| hit.beats(&b))
            {
                best = Some(hit);
            }
            false
        });
        // A range's pieces filter: every match scores alike (`Term::flat`).
        best.map(|hit| if term.flat { TermHit { score: 0, ..hit } } else { hit })
    }

    /// Whether a negated plain term occurs anywhere searchable in the record: as written,
    /// or read as the search reads it (see [`Matcher::reads_as`]).
    fn contains(&mut self, term: &Term, rec: Rec) -> bool {
        let (primary, secondary) = self.masks(rec);
        let in_secondary = term.narrow & !secondary == 0 && term.pairs & !self.pairs(rec) == 0;
        if self.written_in(term, rec, primary, in_secondary) {
            return true;
        }
        self.reads_as(term, rec, primary, secondary)
    }

    /// Whether the term stands in the record's names or fields as written.
    fn written_in(&mut self, term: &Term, rec: Rec, primary: u64, in_secondary: bool) -> bool {
        let fold_buf = &mut self.b.fold;
        if term.mask & !primary == 0 {
            let [name, zh] = self.index.names(self.db, rec);
            // A name's words run together count too: `!zhouliufu` leaves out "Zhou Liu
            // Fu", which `zhouliufu` finds.
            if [name, zh]
                .into_iter()
                .flatten()
                .chain(self.db.aliases(rec).iter())
                .any(|t| text::substring(term, t, fold_buf) || text::substring_run_together(term, t, fold_buf))
            {
                return true;
            }
            if primary & HAS_RELATED != 0
                && self.db.related_names(rec, &mut |_, t| {
                    text::substring(term, t, fold_buf) || text::substring_run_together(term, t, fold_buf)
                })
            {
                return true;
            }
        }
        // A hyphenated word (`!shui-bei`) is also read run together in the other fields
        // (the tag `shuibei`), as `shui-bei` finds it; a plain one only as written, since
        // joining every value's words costs too much for what it would add.
        let hyphenated = term.chars.iter().any(|c| !c.is_alphanumeric());
        if !in_secondary && !hyphenated {
            return false;
        }
        let scratch = &mut self.scratch;
        fields::secondary(rec.kind).iter().any(|field| {
            self.db.visit(rec, *field, scratch, &mut |v| {
                (in_secondary && text::substring(term, v, fold_buf))
                    || (hyphenated && text::substring_run_together(term, v, fold_buf))
            })
        })
    }

    /// Whether the record holds the term by a reading the search gives it, so that what
    /// a term finds as typed, its exclusion leaves out (`zhouliufu` and `!zhouliufu`
    /// never share a row): a name or alias read in full pinyin (`zhouliufu`: 周六福), or
    /// a structured field read by pinyin (`shuibei`: 水贝壹号). Not initials (`!sz` is no
    /// reason to leave out every 深圳 name), nor a Chinese term only spelled in Latin
    /// letters: a sound-alike is a guess (`!水杯` must not leave out "Shuibei"), unless
    /// the data's names spell it so (`!水贝` leaves out "Shuibei 2nd Road": `spelling`).
    fn reads_as(&mut self, term: &Term, rec: Rec, primary: u64, secondary: u32) -> bool {
        // The names as the search reads them (`names`): only a full reading leaves a
        // record out, and no fuzzy score is needed for that.
        if let Some(chars) = &term.pinyin
            && primary & HAS_PINYIN != 0
            && term.pinyin_other & !primary == 0
        {
            let entry = self.index.entry(self.db, rec);
            let py = entry.pinyin();
            if py != 0 && term.pinyin_letters & !py == 0 {
                let [name, zh] = entry.names;
                let text = if py & PINYIN_ZH != 0 { zh } else { name };
                let aliases = if primary & HAS_RELATED != 0 {
                    self.db.aliases(rec)
                } else {
                    Aliases::Db(&[])
                };
                let py_buf = &mut self.b.py;
                if text.into_iter().chain(aliases.iter()).any(|t| {
                    text::pinyin_match(term.mode, chars, t, py_buf, false).is_some_and(|m| m.reading == Reading::Full)
                }) {
                    return true;
                }
            }
        }
        if !self.fields_may_hold(term, rec, secondary) {
            return false;
        }
        let secondary = fields::secondary(rec.kind);
        let (b, scratch, spelled) = (&mut self.b, &mut self.scratch, &mut self.spelled);
        let (index, db) = (self.index, self.db);
        self.db.visit_each(rec, secondary, scratch, &mut |i, _, value| {
            let free = secondary[i] == Field::Summary;
            let found = text::in_value(term, value, !free, b)
                .or_else(|| spelled_in_free(index, db, spelled, term, value, free, b));
            found.is_some_and(|found| !as_written(index, db, spelled, term, found).by_sound)
        })
    }

    /// Whether the query's terms stand together, in order, in one of the record's own
    /// names or aliases (`zhou da fu` in 周大福, `chow tai fook` in "Chow Tai Fook"): the
    /// best share of a name they cover (`bonus::cover`), if they do.
    fn together(&mut self, joined: &Term, others: &[Term], rec: Rec) -> Option<i64> {
        let [name, zh] = self.db.primary_names(rec);
        let texts = [name, zh].into_iter().flatten().chain(self.db.aliases(rec).iter());
        texts
            .filter_map(|text| text::together(joined, others, text, &mut self.b))
            .max()
    }
}
