//! One record against one parsed query: masks first, then the text. Names are matched
//! fuzzily (`SkimMatcherV2`) and by pinyin; other fields by substring, ranked below names.
//!
//! A `Matcher` carries per-thread buffers (folded text, pinyin tables), so the hot loop
//! allocates nothing for records that the masks or the subsequence check reject.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::bonus;
use super::fields::{self, Field, Spec};
use super::fold::{self, Case, Folded};
use super::hit::{Span, Why};
use super::index::{HAS_RELATED, Index, PINYIN_ZH, ZH_ASCII};
use super::pinyin::{self, Anchors, Reading};
use super::query::{Clause, Mode, Query, Scoping, Term};
use super::score::Scorer;
use crate::data::db::{Db, Rec};

/// Added per term that matched a record's names, so name matches rank above the rest.
pub(super) const NAME_TIER: i64 = 10_000;

/// A fresh matcher per use: the crate's per-thread cache makes results depend on earlier
/// calls (see `score`), and its `use_cache(false)` panics on a match. Highlights are only
/// computed for rows on screen, so the fresh matrix costs nothing that shows.
fn skim(case: Case) -> SkimMatcherV2 {
    match case {
        Case::Sensitive => SkimMatcherV2::default().respect_case(),
        Case::Insensitive => SkimMatcherV2::default().ignore_case(),
    }
}

/// How one term matched a record.
#[derive(Debug, Clone, Copy)]
pub(super) struct TermHit {
    pub score: i64,
    pub why: Why,
}

/// Where a plain term stands after a record's names ([`Matcher::plain_names`]).
pub(super) enum Step {
    Hit(TermHit),
    /// The names do not match; the other fields may.
    Fields,
    Miss,
}

/// The one term of a query made of a single plain term (no `|`, no field, not negated),
/// which the scan matches in two halves; see `run::scan_until`.
pub(super) fn plain_term(query: &Query) -> Option<&Term> {
    match query.clauses.as_slice() {
        [clause] => match clause.alternatives.as_slice() {
            [term] if !term.negated && term.field.is_none() => Some(term),
            _ => None,
        },
        _ => None,
    }
}

/// Matches records against a query, with this thread's buffers.
pub(super) struct Matcher<'a> {
    pub db: &'a Db,
    index: &'a Index,
    fold: String,
    scratch: String,
    py: pinyin::Scratch,
    scorer: Scorer,
}

impl<'a> Matcher<'a> {
    pub fn new(db: &'a Db, index: &'a Index) -> Matcher<'a> {
        Matcher {
            db,
            index,
            fold: String::new(),
            scratch: String::new(),
            py: pinyin::Scratch::default(),
            scorer: Scorer::default(),
        }
    }

    /// The record's score and the reason it matched, or `None`.
    pub fn eval(&mut self, query: &Query, rec: Rec) -> Option<(i64, Why)> {
        // Every clause must match: reject on the cheap tests of all of them before
        // scoring any (a record that has "shenzhen" but not "dragon" costs no score).
        if query.clauses.len() > 1 && !query.clauses.iter().all(|c| self.may_match(c, rec)) {
            return None;
        }
        let mut total = 0i64;
        let mut why = Why::Everything;
        for clause in &query.clauses {
            let hit = self.clause(clause, rec)?;
            total += hit.score;
            if rank(hit.why) > rank(why) {
                why = hit.why;
            }
        }
        Some((total, why))
    }

    /// False only when no alternative of the clause can match: masks and, for ASCII
    /// names, the subsequence test. Never false for a record that [`Self::clause`] accepts.
    fn may_match(&self, clause: &Clause, rec: Rec) -> bool {
        let (primary, secondary) = self.masks(rec);
        clause.alternatives.iter().any(|term| {
            let unscoped = match term.scoping(rec.kind) {
                Scoping::Absent => return false,
                Scoping::Field(spec) if spec.field != Field::Name => return true,
                Scoping::Field(_) => false,
                Scoping::Anywhere => true,
            };
            if term.negated
                || (unscoped && term.narrow & !secondary == 0 && term.pairs & !self.pairs(rec) == 0)
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
                    || subsequence(
                        Folded {
                            text: name,
                            ascii: true,
                        },
                        term,
                    )
            })
        })
    }

    fn clause(&mut self, clause: &Clause, rec: Rec) -> Option<TermHit> {
        let mut best: Option<TermHit> = None;
        for term in &clause.alternatives {
            if let Some(hit) = self.term(term, rec)
                && best.is_none_or(|b| hit.score > b.score)
            {
                best = Some(hit);
            }
        }
        best
    }

    fn term(&mut self, term: &Term, rec: Rec) -> Option<TermHit> {
        let spec = match term.scoping(rec.kind) {
            Scoping::Absent => return None,
            Scoping::Anywhere => None,
            Scoping::Field(spec) => Some(spec),
        };
        if term.negated {
            let found = match spec {
                Some(spec) => self.scoped(term, spec, rec).is_some(),
                None => self.contains(term, rec),
            };
            return (!found).then_some(TermHit {
                score: 0,
                why: Why::Everything,
            });
        }
        match spec {
            Some(spec) => self.scoped(term, spec, rec),
            None => self.unscoped(term, rec),
        }
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

    /// The pair mask of the record's secondary fields.
    fn pairs(&self, rec: Rec) -> u64 {
        if !self.index.fits(self.db, rec.kind) {
            return u64::MAX;
        }
        self.index.tab(rec.kind).pairs[rec.idx()]
    }

    /// A plain term: names (fuzzy and pinyin), then the secondary fields (substring).
    fn unscoped(&mut self, term: &Term, rec: Rec) -> Option<TermHit> {
        match self.plain_names(term, rec) {
            Step::Hit(hit) => Some(hit),
            Step::Fields => self.plain_fields(term, rec),
            Step::Miss => None,
        }
    }

    /// A plain term's first half: the names; else whether the other fields may hold it.
    pub fn plain_names(&mut self, term: &Term, rec: Rec) -> Step {
        let (primary, secondary) = self.masks(rec);
        if let Some(hit) = self.names(term, rec, primary, true) {
            return Step::Hit(TermHit {
                score: hit.score + NAME_TIER,
                why: hit.why,
            });
        }
        if term.narrow & !secondary != 0 || term.pairs & !self.pairs(rec) != 0 {
            return Step::Miss;
        }
        Step::Fields
    }

    /// A plain term's second half: the other fields, by substring.
    pub fn plain_fields(&mut self, term: &Term, rec: Rec) -> Option<TermHit> {
        let mut best: Option<TermHit> = None;
        for field in fields::secondary(rec.kind) {
            let name = fields::name_of(rec.kind, *field);
            let (fold_buf, scratch) = (&mut self.fold, &mut self.scratch);
            fields::visit(self.db, rec, *field, scratch, &mut |value| {
                if let Some(score) = substring(term, value, fold_buf)
                    && best.is_none_or(|b| score > b.score)
                {
                    best = Some(TermHit {
                        score,
                        why: Why::Field(name),
                    });
                }
                false
            });
        }
        best
    }

    /// The record's names: its own (fuzzy, and pinyin on the Chinese text) and, when
    /// `related`, its owner's or brands' names.
    fn names(&mut self, term: &Term, rec: Rec, primary: u64, related: bool) -> Option<TermHit> {
        let mut best: Option<TermHit> = None;
        let mut offer = |hit: TermHit| {
            if best.is_none_or(|b| hit.score > b.score) {
                best = Some(hit);
            }
        };
        let entry = self.index.entry(self.db, rec);
        let [name, zh] = entry.names;
        // How the record's own names match the term themselves, if they do: such a match
        // explains itself.
        let mut direct: Option<Why> = None;
        if term.mask & !primary == 0 {
            // An all-ASCII term cannot match a Chinese name without ASCII (folded) chars.
            let zh = zh.filter(|_| !term.ascii || primary & ZH_ASCII != 0);
            for (text, why) in [(name, Why::Name), (zh, Why::ChineseName)] {
                if let Some(score) = text.and_then(|t| text_score(term, t, &mut self.fold, &mut self.scorer)) {
                    direct = direct.or(Some(why));
                    offer(TermHit { score, why });
                }
            }
            if related && primary & HAS_RELATED != 0 {
                let (fold_buf, scorer) = (&mut self.fold, &mut self.scorer);
                // A name met through an owner or a brand ranks just below the same match
                // in the record's own name (the brand 星光达 before its company), and
                // above everything that matched less well.
                let indirect = 1;
                fields::related_names(self.db, rec, &mut |field, text| {
                    if let Some(score) = text_score(term, text, fold_buf, scorer) {
                        offer(TermHit {
                            score: score - indirect,
                            why: Why::Field(if field == Field::Owner { "owner" } else { "brand" }),
                        });
                    }
                    false
                });
            }
        }
        if let Some(chars) = &term.pinyin
            && term.pinyin_other & !primary == 0
            && let py = entry.pinyin()
            && py != 0
            && term.pinyin_letters & !py == 0
        {
            let on_chinese = py & PINYIN_ZH != 0;
            let text = if on_chinese { zh } else { name };
            if let Some(text) = text
                && let Some(m) = pinyin_match(term.mode, chars, text, &mut self.py, false)
            {
                let span = Span {
                    on_chinese,
                    start: u16::try_from(m.first).unwrap_or(u16::MAX),
                    end: u16::try_from(m.last + 1).unwrap_or(u16::MAX),
                };
                let why = match m.reading {
                    Reading::Full => Why::PinyinFull(span),
                    Reading::Initials => Why::PinyinInitials(span),
                    Reading::Mixed => Why::PinyinMixed(span),
                };
                // The pinyin score counts when higher, but the name matching the term
                // itself (highlighted there) explains the match better than the reading.
                let score = i64::from(m.score);
                if best.is_none_or(|b| score > b.score) {
                    best = Some(TermHit {
                        score,
                        why: direct.unwrap_or(why),
                    });
                }
            }
        }
        // Likewise when a brand's or owner's name scored higher (it is shorter): the
        // record's own name, where the term also stands, is the plainer explanation.
        if let (Some(direct), Some(hit)) = (direct, &mut best)
            && matches!(hit.why, Why::Field(_))
        {
            hit.why = direct;
        }
        best
    }

    fn scoped(&mut self, term: &Term, spec: Spec, rec: Rec) -> Option<TermHit> {
        // The query names the field itself: nothing to explain.
        let why = Why::Everything;
        if spec.field == Field::Name {
            let (primary, _) = self.masks(rec);
            return self.names(term, rec, primary, false);
        }
        let mut best: Option<i64> = None;
        let (fold_buf, scratch, scorer) = (&mut self.fold, &mut self.scratch, &mut self.scorer);
        fields::visit(self.db, rec, spec.field, scratch, &mut |value| {
            let score = if spec.keyword && term.mode == Mode::Fuzzy {
                word_prefix(term, value, fold_buf)
            } else {
                text_score(term, value, fold_buf, scorer)
            };
            if let Some(s) = score
                && best.is_none_or(|b| s > b)
            {
                best = Some(s);
            }
            false
        });
        best.map(|score| TermHit { score, why })
    }

    /// Whether a negated plain term occurs anywhere searchable in the record.
    fn contains(&mut self, term: &Term, rec: Rec) -> bool {
        let (primary, secondary) = self.masks(rec);
        let in_secondary = term.narrow & !secondary == 0 && term.pairs & !self.pairs(rec) == 0;
        let fold_buf = &mut self.fold;
        if term.mask & !primary == 0 {
            let [name, zh] = self.index.names(self.db, rec);
            if [name, zh]
                .into_iter()
                .flatten()
                .any(|t| substring(term, t, fold_buf).is_some())
            {
                return true;
            }
            if primary & HAS_RELATED != 0
                && fields::related_names(self.db, rec, &mut |_, t| substring(term, t, fold_buf).is_some())
            {
                return true;
            }
        }
        if !in_secondary {
            return false;
        }
        let scratch = &mut self.scratch;
        fields::secondary(rec.kind).iter().any(|field| {
            fields::visit(self.db, rec, *field, scratch, &mut |v| {
                substring(term, v, fold_buf).is_some()
            })
        })
    }
}

/// How telling a reason is, for the one shown when terms matched differently.
fn rank(why: Why) -> u8 {
    match why {
        Why::Everything => 0,
        Why::Name => 1,
        Why::ChineseName => 2,
        Why::Field("owner" | "brand") => 3,
        Why::PinyinFull(_) | Why::PinyinInitials(_) | Why::PinyinMixed(_) => 4,
        Why::Field(_) => 5,
    }
}

/// Runs the pinyin matcher in the term's mode.
pub(super) fn pinyin_match(
    mode: Mode,
    chars: &[char],
    text: &str,
    scratch: &mut pinyin::Scratch,
    positions: bool,
) -> Option<pinyin::Match> {
    let mut units = std::mem::take(&mut scratch.units);
    pinyin::units(text, &mut units);
    let anchors = Anchors {
        contiguous: mode != Mode::Fuzzy,
        start: matches!(mode, Mode::Prefix | Mode::Whole),
        end: matches!(mode, Mode::Suffix | Mode::Whole),
    };
    let form = i32::try_from(bonus::form(chars.len())).unwrap_or(0);
    let found = if mode != Mode::Fuzzy {
        // Anchored: contiguous by definition.
        pinyin::best(&units, chars, anchors, scratch, positions).map(|m| m.plus(form))
    } else if !pinyin::feasible(&units, chars) {
        None
    } else {
        // The ranking layer (`bonus`): the best of the best match and the best match on
        // consecutive chars with its bonus; the second is only looked for when the first
        // has a gap.
        match pinyin::best(&units, chars, anchors, scratch, positions) {
            Some(m) if m.gapped => {
                let together = Anchors {
                    contiguous: true,
                    ..anchors
                };
                let tight = pinyin::feasible_together(&units, chars)
                    .then(|| pinyin::best(&units, chars, together, scratch, positions))
                    .flatten()
                    .map(|t| t.plus(form));
                Some(tight.filter(|t| t.score > m.score).unwrap_or(m))
            }
            m => m.map(|m| m.plus(form)),
        }
    };
    // How much of the Chinese text the reading covers (a gapped one: not counted).
    let found = found.map(|m| {
        let covered = if m.gapped { 0 } else { m.last + 1 - m.first };
        let cover = i32::try_from(bonus::cover(chars.len(), covered, units.len())).unwrap_or(0);
        m.plus(cover)
    });
    scratch.units = units;
    found
}

/// The term against one text in its own mode (fuzzy, exact, prefix, suffix, whole), with
/// the ranking layer's bonus when the text holds the term as written ([`bonus`]).
pub(super) fn text_score(term: &Term, text: &str, buf: &mut String, scorer: &mut Scorer) -> Option<i64> {
    let folded = fold::fold_into(text, term.case, buf);
    match term.mode {
        Mode::Fuzzy => {
            // On ASCII text the scorer's own first scan is the subsequence test; other
            // text is tested before the scorer decodes it.
            if !folded.ascii && !subsequence(folded, term) {
                return None;
            }
            let base = scorer.score(folded.text, folded.ascii, &term.chars, term.case)?;
            let n = term.chars.len();
            let as_written = n == 1
                || match scorer.places() {
                    Some(places) => bonus::written_in_bits(folded.text.as_bytes(), places),
                    None => {
                        find(folded, term, Mode::Exact).is_some()
                            || bonus::acronym(folded.text, folded.ascii, &term.chars, term.case)
                    }
                };
            let len = if folded.ascii {
                folded.text.len()
            } else {
                folded.text.chars().count()
            };
            Some(base + if as_written { bonus::form(n) } else { 0 } + bonus::cover(n, n, len))
        }
        mode => find(folded, term, mode).map(|(start, chars)| {
            bonus::exact_score(folded.text, start, chars) + bonus::cover(chars, chars, folded.text.chars().count())
        }),
    }
}

/// A term's positions (chars) in one text, in its own mode.
pub(super) fn text_positions(term: &Term, text: &str, buf: &mut String) -> Option<Vec<usize>> {
    let folded = fold::fold_into(text, term.case, buf);
    match term.mode {
        Mode::Fuzzy => {
            if !subsequence(folded, term) {
                return None;
            }
            let p = skim(term.case).fuzzy(folded.text, &term.text, true).map(|(_, p)| p)?;
            // The crate may prefer scattered word starts to the term written out; show
            // the term where it stands together, as the rank (`bonus`) credits it.
            let together = p.windows(2).all(|w| w[0] + 1 == w[1]);
            match find(folded, term, Mode::Exact) {
                Some((start, n)) if !together => Some((start..start + n).collect()),
                _ => Some(p),
            }
        }
        mode => find(folded, term, mode).map(|(start, n)| (start..start + n).collect()),
    }
}

/// A plain term in a secondary field: a substring (or the term's own anchored mode).
fn substring(term: &Term, text: &str, buf: &mut String) -> Option<i64> {
    let folded = fold::fold_into(text, term.case, buf);
    let mode = if term.mode == Mode::Fuzzy {
        Mode::Exact
    } else {
        term.mode
    };
    find(folded, term, mode).map(|(start, n)| bonus::exact_score(folded.text, start, n))
}

/// A keyword field: the term must start the value or one of its words.
fn word_prefix(term: &Term, text: &str, buf: &mut String) -> Option<i64> {
    let folded = fold::fold_into(text, term.case, buf).text;
    let mut prev: Option<char> = None;
    for (at, (byte, c)) in folded.char_indices().enumerate() {
        let starts_word = prev.is_none_or(|p| !p.is_alphanumeric()) && c.is_alphanumeric();
        if starts_word && starts_with(&folded[byte..], &term.chars, term.case) {
            return Some(bonus::exact_score(folded, at, term.chars.len()));
        }
        prev = Some(c);
    }
    None
}

fn starts_with(text: &str, pat: &[char], case: Case) -> bool {
    let mut chars = text.chars();
    pat.iter().all(|p| chars.next().is_some_and(|c| case.eq(c, *p)))
}

/// Whether `pat` is a subsequence of `text`: a cheap test before the scorer.
fn subsequence(folded: Folded, term: &Term) -> bool {
    let (text, pat, case) = (folded.text, &term.chars, term.case);
    let mut want = pat.iter();
    let Some(mut p) = want.next() else { return true };
    if folded.ascii && term.ascii {
        for b in text.bytes() {
            if case.eq(char::from(b), *p) {
                match want.next() {
                    Some(next) => p = next,
                    None => return true,
                }
            }
        }
        return false;
    }
    for c in text.chars() {
        if case.eq(c, *p) {
            match want.next() {
                Some(next) => p = next,
                None => return true,
            }
        }
    }
    false
}

/// Where `pat` occurs in `text` in an anchored mode: (first char, length in chars).
fn find(folded: Folded, term: &Term, mode: Mode) -> Option<(usize, usize)> {
    let (text, pat, case) = (folded.text, &term.chars, term.case);
    let n = pat.len();
    if n == 0 {
        return None;
    }
    if mode == Mode::Exact && folded.ascii && term.ascii {
        // Bytes are chars: scan for the first byte, compare the rest.
        let bytes = text.as_bytes();
        let first = u8::try_from(pat[0]).unwrap_or(0);
        let rest = &pat[1..];
        let check = |at: usize| {
            bytes.len() >= at + n
                && rest
                    .iter()
                    .zip(&bytes[at + 1..at + n])
                    .all(|(p, b)| case.eq(char::from(*b), *p))
        };
        let found = match case {
            Case::Sensitive => memchr::memchr_iter(first, bytes).find(|at| check(*at)),
            Case::Insensitive => memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), bytes)
                .find(|at| check(*at)),
        };
        return found.map(|at| (at, n));
    }
    let total = text.chars().count();
    if n > total || (mode == Mode::Whole && n != total) {
        return None;
    }
    let last = total - n;
    for (start, (byte, _)) in text.char_indices().enumerate() {
        let allowed = match mode {
            Mode::Prefix | Mode::Whole => start == 0,
            Mode::Suffix => start == last,
            Mode::Exact | Mode::Fuzzy => true,
        };
        if allowed && starts_with(&text[byte..], pat, case) {
            return Some((start, n));
        }
        if start >= last || (start == 0 && matches!(mode, Mode::Prefix | Mode::Whole)) {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests;
