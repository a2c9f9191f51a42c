//! Query syntax → [`Query`]: space-separated terms that all must match, `'exact`,
//! `^prefix`, `suffix$`, `!not`, `a b | c d` (either side, whole), and `field:term`
//! scoping.
//!
//! Parsing never fails: what cannot be understood (a lone `!`, an unknown field) is left
//! out and explained in [`Query::notice`], so the rest of the query still runs. Terms are
//! folded here once (width always; case and diacritics unless the term has an upper-case
//! letter), so matching compares folded text only.

use std::fmt::Write as _;

use super::fields::{self, Field, Spec};
use super::fold::{self, Case};
use super::pinyin;
use super::scope::Scope;
use super::spell;
use crate::data::model::RecordKind;

mod either;
mod forms;
mod hints;

pub use hints::hint;

/// Where in a text a term must sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A fuzzy (subsequence) match, scored by the fuzzy matcher.
    Fuzzy,
    /// `'term`: a contiguous substring.
    Exact,
    /// `^term`: the text starts with it.
    Prefix,
    /// `term$`: the text ends with it.
    Suffix,
    /// `^term$`: the whole text.
    Whole,
}

/// One term, folded and ready to match.
#[derive(Debug, Clone)]
pub struct Term {
    /// As typed (after the modifiers are stripped), for messages.
    pub raw: String,
    /// Folded for text matching (see `case`).
    pub text: String,
    pub chars: Vec<char>,
    pub case: Case,
    pub mode: Mode,
    pub negated: bool,
    /// `field:term`: the field, per record kind (None where that kind lacks it).
    pub field: Option<[Option<Spec>; 4]>,
    /// The mask a text must cover to contain this term.
    pub mask: u64,
    /// The term's chars in the 32-bit form the index keeps for secondary fields
    /// ([`fold::narrow_mask`]).
    pub narrow: u32,
    /// The pairs of adjacent chars a text must have to contain this term contiguously
    /// ([`fold::pair_mask`]).
    pub pairs: u64,
    /// Its first two chars as a field value's word must begin ([`fold::head_of`]; 0 for
    /// a term shorter than two).
    pub head: u64,
    /// Every char of the (folded) term is ASCII.
    pub ascii: bool,
    /// The term folded and lower-cased for pinyin, when it can be read as pinyin.
    pub pinyin: Option<Vec<char>>,
    /// The letters of `pinyin`, and the mask of its other chars (Chinese, digits).
    pub pinyin_letters: u32,
    pub pinyin_other: u64,
    /// The term has Chinese chars.
    pub han: bool,
    /// The term spelled out (`spell::term`: Chinese chars by their main reading), for
    /// typo-tolerant and homophone matches and for a Chinese term in Latin text.
    pub spelled: Option<Vec<u8>>,
    /// The letters of `spelled`, and its narrow and pair masks (as `narrow`, `pairs`).
    pub spelled_letters: u32,
    pub spelled_narrow: u32,
    pub spelled_pairs: u64,
    /// The typos a typo-tolerant search allows this term (`spell::budget`); 0 for a
    /// term with Chinese chars, which may only sound like the name.
    pub budget: u8,
}

impl Term {
    /// Where this term looks in a record of `kind`.
    #[must_use]
    pub fn scoping(&self, kind: RecordKind) -> Scoping {
        match &self.field {
            None => Scoping::Anywhere,
            Some(per_kind) => per_kind[kind_slot(kind)].map_or(Scoping::Absent, Scoping::Field),
        }
    }

    fn implies(&self, old: &Term) -> bool {
        if self.negated || old.negated {
            return self.negated == old.negated && self.text == old.text && self.mode == old.mode && self.field_eq(old);
        }
        let mode_ok = match (old.mode, self.mode) {
            (a, b) if a == b => matches!(a, Mode::Fuzzy | Mode::Exact | Mode::Prefix),
            (Mode::Prefix, Mode::Whole) => true,
            _ => false,
        };
        // A case-sensitive term that extends an insensitive one matches a subset of it.
        let old_folded: String = old.text.chars().map(|c| fold::plain(c).to_ascii_lowercase()).collect();
        let new_folded: String = self.text.chars().map(|c| fold::plain(c).to_ascii_lowercase()).collect();
        let case_ok = old.case == Case::Insensitive || self.case == Case::Sensitive;
        let text_ok = if old.case == self.case {
            self.text.starts_with(&old.text)
        } else {
            new_folded.starts_with(&old_folded)
        };
        mode_ok && case_ok && text_ok && self.field_eq(old)
    }

    fn field_eq(&self, other: &Term) -> bool {
        self.field == other.field
    }

    /// Whether a typo-tolerant search can find this term where it failed as typed: with
    /// typos, or as a homophone, in the names.
    #[must_use]
    pub fn tolerant(&self) -> bool {
        let names = self
            .field
            .as_ref()
            .is_none_or(|per_kind| per_kind.iter().flatten().all(|s| s.field == Field::Name));
        // A capital asks for the term as written (smart case): no typos then.
        !self.negated
            && self.case == Case::Insensitive
            && self.mode == Mode::Fuzzy
            && names
            && self.spelled.is_some()
            && (self.budget > 0 || self.han)
    }
}

pub(super) fn kind_slot(kind: RecordKind) -> usize {
    match kind {
        RecordKind::History => 0,
        RecordKind::Enterprise => 1,
        RecordKind::Brand => 2,
        RecordKind::Indicator => 3,
    }
}

/// Where a term looks in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoping {
    /// A plain term: names, then the secondary fields.
    Anywhere,
    /// `field:term`.
    Field(Spec),
    /// `field:term` for a field this kind of record does not have: never matches.
    Absent,
}

/// Alternatives: a record must match one of them (`|` is written into these, see `either`).
#[derive(Debug, Clone)]
pub struct Clause {
    pub alternatives: Vec<Term>,
}

/// A parsed query: every clause must match.
#[derive(Debug, Clone)]
pub struct Query {
    pub scope: Scope,
    pub clauses: Vec<Clause>,
    /// What was left out of the query and why, for the search box.
    pub notice: Option<String>,
    /// The plain terms written together, when there are two or more (`zhou da fu` →
    /// `zhoudafu`): found so in a name, the terms stand together and in order.
    pub joined: Option<Term>,
    /// [`Query::joined`] with words that have another spelling written so, in every
    /// other combination (`chowtaifookjewellery` for `chow tai fook jewelry`; a name may
    /// spell `jewellery trading center` with one word of each kind); at most
    /// [`JOINED_SPELLINGS`] of them.
    pub joined_other: Vec<Term>,
    /// Every clause is a plain term: the joined term may stand for the whole query (a
    /// typo-tolerant search reads `chow tai fok` as `chowtaifok`, one typo).
    pub joined_all: bool,
    /// Typos and homophones allowed ([`Query::tolerant`]).
    pub tolerant: bool,
    /// The query as typed (width folded) when it is one word: it may be a record's id
    /// (see `exact`).
    pub id: Option<Box<str>>,
    /// This is [`Query::tolerant`]'s, and left company forms out of the query as typed:
    /// its matches are of fewer words, not of the query.
    pub shortened: bool,
}

impl Query {
    /// The fields the query's own `field:` terms name for a record of `kind` (not those it
    /// excludes), each once, in the query's order: what a match of those terms alone
    /// rests on.
    #[must_use]
    pub fn fields_named(&self, kind: RecordKind) -> Vec<&'static str> {
        self.fields_asked(kind)
            .into_iter()
            .map(|field| fields::name_of(kind, field))
            .collect()
    }

    /// The fields of `kind` that the query's `field:` terms ask for (not those it
    /// excludes), each once, in the query's order.
    #[must_use]
    pub(super) fn fields_asked(&self, kind: RecordKind) -> Vec<Field> {
        let mut asked = Vec::new();
        for term in self.clauses.iter().flat_map(|c| &c.alternatives) {
            if let Some(spec) = term.field.and_then(|per_kind| per_kind[kind_slot(kind)])
                && !term.negated
                && !asked.contains(&spec.field)
            {
                asked.push(spec.field);
            }
        }
        asked
    }

    /// Whether the query has nothing to match (every record qualifies).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Whether every record matching `self` also matched `old`, so a search for `self`
    /// may look only at `old`'s matches (typing that extends a query). Never for a query
    /// with typos: a typo must be the edit of a whole word or syllable, and a longer term
    /// may allow more (`spell::budget`), so it may match what its prefix did not.
    #[must_use]
    pub fn narrows(&self, old: &Query) -> bool {
        !self.tolerant && !old.tolerant && self.narrows_as_typed(old)
    }

    /// [`Query::narrows`] for the terms as typed, whatever typos either allows: the
    /// matches of `self` as typed are among those of `old` as typed.
    #[must_use]
    pub fn narrows_as_typed(&self, old: &Query) -> bool {
        self.scope == old.scope
            && self.clauses.len() >= old.clauses.len()
            && old.clauses.iter().zip(&self.clauses).all(|(o, n)| {
                n.alternatives
                    .iter()
                    .all(|na| o.alternatives.iter().any(|oa| na.implies(oa)))
            })
    }

    /// The same query allowing typos and homophones in names, when that can find more:
    /// `None` when no term could match otherwise than as typed.
    ///
    /// Company forms (`Limited`, `Co., Ltd.`, `有限公司`) are left out of it, and its
    /// notice says so (see `forms`): a registered name finds the record that holds the
    /// name without them.
    #[must_use]
    pub fn tolerant(&self) -> Option<Query> {
        if self.tolerant {
            return None;
        }
        let (clauses, left_out) = self.without_forms();
        let (joined, joined_other, joined_all) = if left_out.is_empty() {
            (self.joined.clone(), self.joined_other.clone(), self.joined_all)
        } else {
            joined(&clauses)
        };
        let any = clauses.iter().flat_map(|c| &c.alternatives).any(Term::tolerant)
            || (joined_all
                && joined
                    .as_ref()
                    .is_some_and(|j| j.budget > 0 && j.case == Case::Insensitive));
        if !any && left_out.is_empty() {
            return None;
        }
        let notice = match (&self.notice, left_out.is_empty()) {
            (notice, true) => notice.clone(),
            (None, false) => Some(left_out.join("; ")),
            (Some(notice), false) => Some(format!("{notice}; {}", left_out.join("; "))),
        };
        Some(Query {
            tolerant: true,
            shortened: !left_out.is_empty(),
            clauses,
            joined,
            joined_other,
            joined_all,
            notice,
            ..self.clone()
        })
    }

    /// The clauses without company forms, and what was left out, said for the search
    /// box; the clauses as they are when nothing was, or when no plain word would be left
    /// (`Limited !gold` must not become `!gold`, which matches nearly everything).
    fn without_forms(&self) -> (Vec<Clause>, Vec<String>) {
        let plain = |t: &Term| !t.negated && t.field.is_none() && t.mode == Mode::Fuzzy;
        let mut english: Vec<&str> = Vec::new();
        let mut said = Vec::new();
        let mut clauses = Vec::with_capacity(self.clauses.len());
        for clause in &self.clauses {
            match clause.alternatives.as_slice() {
                [t] if plain(t) && forms::is_english_form(&t.raw) => {
                    english.push(&t.raw);
                    continue;
                }
                // A term, or a term in traditional characters and its simplified form
                // (the data's names are simplified).
                [t] | [_, t] if plain(t) && t.han => {
                    if let Some(short) = forms::short_han(&t.raw) {
                        // Short: the search line has little room beside the query.
                        said.push(format!("read as {short:?}"));
                        clauses.push(Clause {
                            alternatives: vec![term(&short, Mode::Fuzzy, false, None)],
                        });
                        continue;
                    }
                }
                _ => {}
            }
            clauses.push(clause.clone());
        }
        let words_left = clauses.iter().any(|c| c.alternatives.iter().all(plain));
        if !words_left || (english.is_empty() && said.is_empty()) {
            return (self.clauses.clone(), Vec::new());
        }
        if !english.is_empty() {
            let words: Vec<String> = english.iter().map(|w| format!("{w:?}")).collect();
            said.insert(0, format!("left out {}", words.join(" ")));
        }
        (clauses, said)
    }

    /// How much higher any record can score for `self` than it scored for `old`, when
    /// `self` only appends chars to `old`'s one plain fuzzy ASCII term (typing). Per
    /// appended char, at most: in a name, a match (16) and the largest bonus it can earn
    /// after other chars (8); in a pinyin reading, a match (16), the consecutive bonus
    /// within a syllable (4) and the syllable made whole (8); in another field, a match
    /// and the consecutive bonus (20). On top of each, the ranking layer's bonus for a
    /// term read as written grows by `bonus::PER_CHAR` (8): a record only keeps it, never
    /// gains it, as the term grows (see `bonus`). So 28 + 8 per char, plus what the
    /// coverage tie-breaker can add (`bonus::cover`). `None` for other pairs of queries,
    /// where no such bound is known.
    #[must_use]
    pub fn gain_over(&self, old: &Query) -> Option<i64> {
        fn single(query: &Query) -> Option<&Term> {
            match query.clauses.as_slice() {
                [clause] => match clause.alternatives.as_slice() {
                    [term] if !term.negated && term.field.is_none() && term.mode == Mode::Fuzzy && term.ascii => {
                        Some(term)
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        let (old_term, new_term) = (single(old)?, single(self)?);
        if self.tolerant
            || old.tolerant
            || self.scope != old.scope
            || old_term.case != new_term.case
            || !new_term.text.starts_with(&old_term.text)
        {
            return None;
        }
        let added = new_term.chars.len() - old_term.chars.len();
        // The coverage tie-breaker may grow to its cap for the longer term (`bonus::cover`).
        let cover = i64::try_from(2 * new_term.chars.len()).ok()? - 1;
        // The term may now be a whole word of a name: once per name.
        let word = super::bonus::word(new_term.chars.len());
        i64::try_from(added)
            .ok()?
            .checked_mul(28 + super::bonus::PER_CHAR)?
            .checked_add(cover)?
            .checked_add(word)
    }

    /// Parses a query for a scope.
    #[must_use]
    pub fn parse(text: &str, scope: Scope) -> Query {
        let mut notes: Vec<String> = Vec::new();
        let folded: String = text.chars().map(fold::width).collect();
        // The sides of `|`, each a list of clauses (lists of alternatives) that must all
        // match.
        let mut sides: Vec<Vec<Vec<Term>>> = vec![Vec::new()];
        for token in folded.split_whitespace().flat_map(words) {
            // `segment=gold`, as the list's title shows a filter, is `segment:gold`.
            let token = &*field_equals(token, scope);
            // Where one term must stand for a hyphenated word (`!chow-tai-fook`, a side
            // of `chow-tai|luk-fook`), see `one_term`.
            let token = &*one_term(token);
            if token == "|" {
                sides.push(Vec::new());
                continue;
            }
            let Some(side) = sides.last_mut() else { continue };
            // `year:2024..2026`: each year of the range, as `year:2024|2025|2026`.
            let years = match year_range(token) {
                Some(Ok(years)) => Some(years),
                Some(Err(note)) => {
                    notes.push(note);
                    continue;
                }
                None => None,
            };
            // `segment:gold|silver`: either value of the one field, a clause of
            // alternatives (a spaced `|` splits the whole query instead).
            if let Some(values) = years.or_else(|| either_values(token)) {
                let mut alternatives = Vec::new();
                for value in values {
                    if let Some(term) = parse_term(&value, scope, &mut notes) {
                        alternatives.extend(simplified(&term));
                        alternatives.extend(
                            forms::other_spelling(&term.raw)
                                .map(|w| self::term(&w, term.mode, term.negated, term.field)),
                        );
                        alternatives.push(term);
                    }
                }
                if !alternatives.is_empty() {
                    side.push(alternatives);
                }
                continue;
            }
            let Some(term) = parse_term(token, scope, &mut notes) else {
                continue;
            };
            // A term in traditional characters also matches as simplified, and a word
            // with a British and an American spelling as either: either form for a term,
            // neither form for an exclusion.
            match simplified(&term).or_else(|| {
                forms::other_spelling(&term.raw).map(|w| self::term(&w, term.mode, term.negated, term.field))
            }) {
                Some(alt) if !term.negated => side.push(vec![term, alt]),
                Some(alt) => {
                    side.push(vec![term]);
                    side.push(vec![alt]);
                }
                None => side.push(vec![term]),
            }
        }
        if sides.len() > 1 && sides.iter().any(Vec::is_empty) {
            notes.push("`|` stands between two alternatives: `gold | silver`".into());
            sides.retain(|s| !s.is_empty());
        }
        let count = sides.len();
        let (clauses, used) = either::either(sides, |a: &Term, b: &Term| {
            a.raw == b.raw && a.mode == b.mode && a.negated == b.negated && a.field == b.field
        });
        if used < count {
            notes.push(format!(
                "only the first {used} sides of `|` are searched (at most {} combinations): put fewer terms on each",
                either::MAX_CLAUSES
            ));
        }
        let clauses: Vec<Clause> = clauses
            .into_iter()
            .map(|alternatives| Clause { alternatives })
            .collect();
        notes.dedup();
        let (joined, joined_other, joined_all) = joined(&clauses);
        Query {
            scope,
            clauses,
            notice: (!notes.is_empty()).then(|| notes.join("; ")),
            joined,
            joined_other,
            joined_all,
            tolerant: false,
            shortened: false,
            id: Some(folded.trim())
                .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
                .map(Box::from),
        }
    }
}

/// `field=value` for a field of the scope, as the list's title writes a filter
/// (`segment=gold|silver`), as `field:value`; a list filter no field is named after
/// (`decade=2020s`) too, for its note (`hints::filter_only`); any other token as it is.
fn field_equals(token: &str, scope: Scope) -> std::borrow::Cow<'_, str> {
    let (not, rest) = token.strip_prefix('!').map_or(("", token), |rest| ("!", rest));
    if let Some((name, value)) = rest.split_once('=')
        && !value.is_empty()
        // A field of the scope by either of its names (`honour`, `honor`).
        && (kinds(scope)
            .iter()
            .any(|k| fields::spec(*k, &name.to_ascii_lowercase()).is_some())
            || hints::is_filter_only(name))
    {
        return format!("{not}{name}:{value}").into();
    }
    token.into()
}

/// A token whose term must be one: an exclusion, whose hyphenated word is the words with
/// spaces (`!chow tai fook`: an exclusion looks for the words as written, see
/// `Matcher::contains`), and the sides of a `|` inside a word, each hyphenated word's
/// words written together (`chowtai|lukfook`: fuzzy runs read them in order, as a name
/// writes them).
fn one_term(token: &str) -> std::borrow::Cow<'_, str> {
    let together = |word: &str| -> Option<String> {
        let parts = words(word);
        (parts.len() > 1).then(|| parts.concat())
    };
    if let Some(rest) = token.strip_prefix('!') {
        let parts = words(rest);
        if parts.len() > 1 {
            return format!("!{}", parts.join(" ")).into();
        }
    }
    // A field's values keep their hyphens (`ownership:private|state-owned`).
    if token.contains('|') && token.len() > 1 && !token.starts_with('!') && split_field(token).is_none() {
        let sides: Vec<String> = token
            .split('|')
            .map(|side| together(side).unwrap_or_else(|| side.to_owned()))
            .collect();
        return sides.join("|").into();
    }
    token.into()
}

/// A plain word joined by hyphens or underscores (`chow-tai-fook`, as ids and web
/// addresses write a name) as its words, which names write with spaces: each must match,
/// as if typed apart. A word with a field, a modifier, or a part without a letter keeps
/// its hyphens (`id:chow-tai-fook`, `'k-gold`, `covid-19`, `2024-10-21`); so does a
/// leading hyphen (`-silver`, see [`super::hyphenated`]).
fn words(token: &str) -> Vec<&str> {
    // An en dash too: word processors turn a typed hyphen into one.
    let joiner = |c: char| matches!(c, '-' | '_' | '\u{2013}');
    let plain = token.chars().next().is_some_and(char::is_alphanumeric)
        && token.chars().all(|c| c.is_alphanumeric() || joiner(c))
        && token.contains(joiner);
    if !plain {
        return vec![token];
    }
    let parts: Vec<&str> = token.split(joiner).filter(|p| !p.is_empty()).collect();
    if parts.iter().all(|p| p.chars().any(char::is_alphabetic)) {
        parts
    } else {
        vec![token]
    }
}

/// The most other spellings of the joined term (three words with two spellings each).
const JOINED_SPELLINGS: usize = 7;

/// The plain terms of a query written together, when there are two or more; the same
/// with the other spellings of words that have one (see [`Query::joined_other`]); and
/// whether they are all of the query.
fn joined(clauses: &[Clause]) -> (Option<Term>, Vec<Term>, bool) {
    let terms: Vec<&Term> = clauses
        .iter()
        .filter_map(|c| match c.alternatives.as_slice() {
            [t] if !t.negated && t.field.is_none() && t.mode == Mode::Fuzzy => Some(t),
            // A word and its other spelling (`jewellery`, `jewelry`): the word as typed.
            [t, other]
                if !t.negated
                    && t.field.is_none()
                    && t.mode == Mode::Fuzzy
                    && forms::other_spelling(&t.raw).as_deref() == Some(other.raw.as_str()) =>
            {
                Some(t)
            }
            _ => None,
        })
        .collect();
    if terms.len() < 2 {
        return (None, Vec::new(), false);
    }
    let text: String = terms.iter().map(|t| t.raw.as_str()).collect();
    // Each word as typed or in its other spelling: every combination but the one typed.
    let mut texts: Vec<String> = vec![String::new()];
    for t in &terms {
        let other = forms::other_spelling(&t.raw);
        let mut next = Vec::with_capacity(texts.len() * 2);
        for so_far in &texts {
            next.push(format!("{so_far}{}", t.raw));
            if let Some(other) = &other
                && next.len() <= JOINED_SPELLINGS
            {
                next.push(format!("{so_far}{other}"));
            }
        }
        texts = next;
    }
    let others = texts
        .iter()
        .filter(|t| **t != text)
        .take(JOINED_SPELLINGS)
        .map(|t| term(t, Mode::Fuzzy, false, None))
        .collect();
    (
        Some(term(&text, Mode::Fuzzy, false, None)),
        others,
        terms.len() == clauses.len(),
    )
}

fn kinds(scope: Scope) -> Vec<RecordKind> {
    match scope {
        Scope::One(kind) => vec![kind],
        Scope::All => RecordKind::ALL.to_vec(),
    }
}

/// The field names of a scope, in tab order, without repeats.
fn field_names(scope: Scope) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for kind in kinds(scope) {
        for (name, _) in fields::fields(kind) {
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    names
}

fn parse_term(token: &str, scope: Scope, notes: &mut Vec<String>) -> Option<Term> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    if negated && rest.is_empty() {
        notes.push("a lone `!` excludes nothing: put a word after it, like `!silver`".into());
        return None;
    }
    let field_name = split_field(rest).map(|(name, _)| name.to_ascii_lowercase());
    let (field, rest) = match split_field(rest) {
        Some((name, value)) => {
            let lower = name.to_ascii_lowercase();
            let per_kind = RecordKind::ALL.map(|k| {
                if kinds(scope).contains(&k) {
                    fields::spec(k, &lower)
                } else {
                    None
                }
            });
            if per_kind.iter().all(Option::is_none) {
                // A filter of the explorer's lists (`decade=2020s`): what a query writes.
                if let Some(note) = hints::filter_only(name, value) {
                    notes.push(note);
                    return None;
                }
                let mut note = format!("unknown field `{name}:`");
                if let Some(near) = crate::data::problems::closest(&lower, &field_names(scope)) {
                    let _ = write!(note, " (did you mean `{near}:`?)");
                }
                let _ = write!(note, "; fields here: {}", field_names(scope).join(", "));
                notes.push(note);
                return None;
            }
            if value.is_empty() {
                let about = kinds(scope)
                    .iter()
                    .find_map(|k| fields::fields(*k).iter().find(|(n, _)| *n == lower))
                    .map_or("", |(_, about)| *about);
                notes.push(format!("`{lower}:` needs a value: {about}"));
                return None;
            }
            (Some(per_kind), value)
        }
        None => (None, rest),
    };
    let (mode, body) = modifiers(rest);
    // A keyword field holds identifiers (tags, kinds, codes, exchanges, reliability), which
    // the screen shows in capitals at times (LOW, HKEX): their case never matters.
    let lowered;
    let body = if field.is_some_and(|per_kind| per_kind.iter().flatten().any(|spec| spec.keyword)) {
        lowered = body.to_lowercase();
        lowered.as_str()
    } else {
        body
    };
    if body.is_empty() {
        notes.push(format!(
            "`{rest}` needs a word: `'word` exact, `^word` prefix, `word$` suffix"
        ));
        return None;
    }
    // A field of a few fixed values: a word that can be none of them is said, not
    // silently matched against nothing (`kind:foo` exited 1 as if no record were one).
    if let Some(name) = &field_name
        && let Some(values) = vocabulary(name)
        && !values.iter().any(|v| letters_in_order(body, v))
    {
        notes.push(format!("`{name}:` is one of {}; none is {body:?}", values.join(", ")));
        return None;
    }
    Some(term(body, mode, negated, field))
}

/// The values of a field that holds one of a fixed few.
fn vocabulary(field: &str) -> Option<Vec<&'static str>> {
    use crate::data::model::{Kind, Ownership, Qualifier, Reliability};
    Some(match field {
        "kind" => Kind::ALL.iter().map(|v| v.as_str()).collect(),
        "ownership" => Ownership::ALL.iter().map(|v| v.as_str()).collect(),
        "reliability" => Reliability::ALL.iter().map(|v| v.as_str()).collect(),
        "qualifier" => Qualifier::ALL.iter().map(|v| v.as_str()).collect(),
        _ => return None,
    })
}

/// Whether `word`'s letters appear in `value` in order (how loosely a fuzzy term may
/// still find the value), case aside.
fn letters_in_order(word: &str, value: &str) -> bool {
    let mut rest = value.chars();
    word.chars().flat_map(char::to_lowercase).all(|c| rest.any(|v| v == c))
}

/// The term with its traditional Chinese characters written simplified (粵寶鑫 → 粤宝鑫),
/// when that changes it: the data's sources are mostly mainland ones, in simplified
/// characters, while a Hong Kong or Taiwan reader types traditional ones. Char for char,
/// so highlights land on the same places.
fn simplified(term: &Term) -> Option<Term> {
    if term.raw.is_ascii() {
        return None;
    }
    let converted = fast2s::convert(&term.raw);
    (converted != term.raw && converted.chars().count() == term.raw.chars().count())
        .then(|| self::term(&converted, term.mode, term.negated, term.field))
}

/// The values of a token that names several with `|` and no spaces (`gold|silver`,
/// `segment:gold|silver`), each as a token of its own (`segment:silver`); `None` for any
/// other token, and for an exclusion (`!a|b` would read either way).
fn either_values(token: &str) -> Option<Vec<String>> {
    if !token.contains('|') || token.starts_with('!') {
        return None;
    }
    let (field, values) = match split_field(token) {
        Some((name, values)) => (Some(name), values),
        None => (None, token),
    };
    let values: Vec<String> = values
        .split('|')
        .filter(|v| !v.is_empty())
        .map(|v| field.map_or_else(|| v.to_owned(), |name| format!("{name}:{v}")))
        .collect();
    (!values.is_empty()).then_some(values)
}

/// The most years a `year:` range may span.
const MOST_YEARS: u16 = 500;

/// A `year:` term that is not a year: `year:2024..2026` (or `2024-2026`) as the terms of
/// each year, `Err` with what to write for anything else that is not digits (digits are
/// matched as typed, so `year:202` still finds the 2020s). `None` for other terms.
fn year_range(token: &str) -> Option<Result<Vec<String>, String>> {
    let negated = token.starts_with('!');
    let (name, value) = split_field(token.trim_start_matches('!'))?;
    // Digits are matched as typed; `^`, `'` and `$` say how (`year:^200`).
    let plain = |v: &str| v.bytes().all(|b| b.is_ascii_digit() || b == b'|');
    if !name.eq_ignore_ascii_case("year") || value.is_empty() || plain(value) || plain(modifiers(value).1) {
        return None;
    }
    if negated {
        return Some(Err(format!(
            "a range of years cannot be left out as one: write each year, `!year:2024 !year:2025`, not `!year:{value}`"
        )));
    }
    let range = value
        .split_once("..")
        .or_else(|| value.split_once('-'))
        .or_else(|| value.split_once('\u{2013}'));
    let years = range.and_then(|(from, to)| {
        let year = |y: &str| (y.len() == 4).then(|| y.parse::<u16>().ok()).flatten();
        let (from, to) = (year(from)?, year(to)?);
        (from <= to && to - from < MOST_YEARS).then(|| (from..=to).map(|y| format!("year:{y}")).collect())
    });
    Some(years.ok_or_else(|| {
        format!(
            "`year:` takes a year (`year:2024`) or a range of up to {MOST_YEARS} years, earliest first (`year:2024..2026`), not `{value}`"
        )
    }))
}

/// `name:value` when `name` looks like a field name (ASCII letters); `http://x` and
/// `10:30` stay plain terms.
fn split_field(token: &str) -> Option<(&str, &str)> {
    let (name, value) = token.split_once(':')?;
    (!name.is_empty() && !value.starts_with("//") && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'))
        .then_some((name, value))
}

fn modifiers(text: &str) -> (Mode, &str) {
    if let Some(rest) = text.strip_prefix('\'') {
        return (Mode::Exact, rest);
    }
    let (prefix, text) = match text.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (suffix, text) = match text.strip_suffix('$') {
        Some(rest) if !rest.is_empty() || prefix => (true, rest),
        _ => (false, text),
    };
    let mode = match (prefix, suffix) {
        (true, true) => Mode::Whole,
        (true, false) => Mode::Prefix,
        (false, true) => Mode::Suffix,
        (false, false) => Mode::Fuzzy,
    };
    (mode, text)
}

/// Whether a term asks for its case as written (smart case): it has a capital and a small
/// letter (`Gold`, `iPhone`). A term in capitals only (`CHOW`, `TAI`, `FOOK`) ignores case:
/// filings and exchange lists write names so, and pasted in they found nothing.
#[must_use]
pub fn asks_case(term: &str) -> bool {
    term.chars().any(char::is_uppercase) && term.chars().any(char::is_lowercase)
}

/// Builds a term from its text (modifiers already stripped).
pub(super) fn term(body: &str, mode: Mode, negated: bool, field: Option<[Option<Spec>; 4]>) -> Term {
    let case = if asks_case(body) {
        Case::Sensitive
    } else {
        Case::Insensitive
    };
    // A term in capitals only is read as the same term in lower case.
    let text: String = match case {
        Case::Sensitive => body.chars().map(|c| case.fold(c)).collect(),
        // `plain` folds other scripts' capitals; one char stays one char.
        Case::Insensitive => body.chars().map(|c| case.fold(c).to_ascii_lowercase()).collect(),
    };
    let chars: Vec<char> = text.chars().collect();
    let ascii = text.is_ascii();
    let lower: Vec<char> = body.chars().map(|c| fold::plain(c).to_ascii_lowercase()).collect();
    let mask = lower.iter().fold(0, |m, c| m | fold::bit(*c));
    let pairs = fold::pairs_of(&lower);
    // Pinyin applies wherever text is Chinese: names, and field values (`location:luohu`).
    let readable = !negated
        && lower.len() <= pinyin::MAX_TERM
        && lower.iter().any(char::is_ascii_lowercase)
        && lower
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || pinyin::has_readings(*c));
    let (mut letters, mut other) = (0u32, 0u64);
    for c in &lower {
        if c.is_ascii_lowercase() {
            letters |= 1 << (*c as u32 - 'a' as u32);
        } else {
            other |= fold::bit(*c);
        }
    }
    let han = lower.iter().any(|c| fold::is_han(*c));
    let spelled = if negated { None } else { spell::term(body) };
    let spelled_chars: Vec<char> = spelled.iter().flatten().map(|b| char::from(*b)).collect();
    let budget = match &spelled {
        Some(s) if !han => spell::budget(s.len()),
        _ => 0,
    };
    Term {
        raw: body.to_owned(),
        text,
        chars,
        case,
        mode,
        negated,
        field,
        mask,
        narrow: lower.iter().fold(0, |m, c| m | fold::narrow_bit(*c)),
        pairs,
        head: fold::head_of(&lower),
        ascii,
        pinyin: readable.then_some(lower),
        pinyin_letters: letters,
        pinyin_other: other,
        han,
        spelled_letters: spelled.as_deref().map_or(0, spell::letters_mask),
        spelled_narrow: spelled_chars.iter().fold(0, |m, c| m | fold::narrow_bit(*c)),
        spelled_pairs: fold::pairs_of(&spelled_chars),
        spelled,
        budget,
    }
}

#[cfg(test)]
mod tests;
