//! Query syntax → [`Query`]: space-separated terms that all must match, `'exact`,
//! `^prefix`, `suffix$`, `!not`, `a b | c d` (either side, whole), `"a phrase"` (see
//! `tokens`), `field:term` scoping, and ranges of years and dates (see `dates`).
//!
//! Parsing never fails: what cannot be understood (a lone `!`, an unknown field) is left
//! out and explained in [`Query::notice`], so the rest of the query still runs. Terms are
//! folded here once (width always; case and diacritics unless the term has an upper-case
//! letter), so matching compares folded text only.

use super::fields::{self, Field};
use super::fold;
use super::scope::Scope;
use crate::data::model::RecordKind;

mod dates;
mod either;
mod forms;
pub use forms::name_key;
pub(super) use forms::{after_places, is_company_form};
mod hints;
mod inflect;
mod term;
mod token_term;
mod tokens;
mod tolerant;

pub use hints::hint;
pub use term::{Mode, Scoping, Term, Word, asks_case};
pub(super) use term::{kind_slot, term};

use dates::{date_terms, year_range};
use token_term::{kinds, parse_term, parse_term_at};
use tokens::{Token, either_values, one_term, words};

/// The query in lower case when a plain word of it has a capital and a small letter (smart
/// case then asks for that word as written, with no near spellings, see `query::asks_case`): what to suggest when it finds
/// nothing. Words that allow no near spellings anyway (`!word`, `'word`, `^word`,
/// `word$`) do not count.
#[must_use]
pub fn lowercased(query: &str) -> Option<String> {
    let capital = query.split_whitespace().any(|w| {
        let plain = !w.starts_with(['!', '\'', '^']) && !w.ends_with('$');
        let w = w.split_once(':').map_or(w, |(_, term)| term);
        plain && asks_case(w)
    });
    capital.then(|| query.to_lowercase())
}

/// Whether `word` (as typed, in any case) is one a question is put in: `what`, `how`,
/// `many`, `happened`, `the`, `number`. A query of only such words says nothing of what
/// it asks about.
#[must_use]
pub fn is_question_word(word: &str) -> bool {
    inflect::is_filler(word)
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
    /// The plain terms as one term of words with spaces, when there are two or more and
    /// each is one pinyin syllable (`zhou sheng sheng`): a name typed syllable by
    /// syllable. A record that holds them only apart (周大生 has 周 and 生), together in
    /// no name or field, is no match as typed. Read as a hyphenated word's term is
    /// (`Matcher::contains`).
    pub syllables: Option<Term>,
    /// Each hyphenated word of the query (`trade-in`, `zhou-da-sheng`) as one term of its
    /// words with spaces, read as an exclusion reads it (`Matcher::contains`: as written,
    /// run together, a Chinese name by its pinyin): its words must stand together in the
    /// record for a match as typed, not anywhere apart.
    pub hyphenated: Vec<Term>,
    /// Typos and homophones allowed ([`Query::tolerant`]).
    pub tolerant: bool,
    /// The query as typed (width folded) when it is one word: it may be a record's id
    /// (see `exact`).
    pub id: Option<Box<str>>,
    /// Words that only join the others (`in`, `the`, `of`: [`inflect::is_function_word`]),
    /// left out of a query that has a word of substance besides them; said with the
    /// results ([`Query::said`]).
    pub dropped: Vec<String>,
    /// Words read as something else, said with the results ([`Query::said`]): `read
    /// "january 2026" as date:2026-01`.
    pub read: Vec<String>,
    /// This is [`Query::tolerant`]'s, and left company forms out of the query as typed:
    /// its matches are of fewer words, not of the query.
    pub shortened: bool,
    /// The text of each side of a spaced `|` (`A B | C`: `A B` and `C`), when there are
    /// two or more: each is searched as a query of its own and the rows joined
    /// (`search::sides`), so that each side finds what it finds alone (its company forms
    /// left out, its typos) whatever the others find. Empty for one side.
    pub sides: Vec<Box<str>>,
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
        // Syllables typed apart find a field's word that holds them run together
        // (`Matcher::syllables_only`), which the query before them may not have found
        // (`shui be` finds no "Shuibei").
        let same = match (&self.syllables, &old.syllables) {
            (None, _) => true,
            (Some(new), Some(old)) => new.text == old.text,
            (Some(_), None) => false,
        };
        self.scope == old.scope
            && same
            && self.clauses.len() >= old.clauses.len()
            && old.clauses.iter().zip(&self.clauses).all(|(o, n)| {
                n.alternatives
                    .iter()
                    .all(|na| o.alternatives.iter().any(|oa| na.implies(oa)))
            })
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
    /// where no such bound is known. A record that matched `old` only loosely may leap
    /// beyond the bound (`goldm` cuts "manufacturing" short, `chowsang` completes "Sang":
    /// `Why::CutShort`); the caller knows whether there was one (`run::Last::loose`).
    #[must_use]
    pub fn gain_over(&self, old: &Query) -> Option<i64> {
        fn single(query: &Query) -> Option<&Term> {
            match query.clauses.as_slice() {
                [clause] => match clause.alternatives.as_slice() {
                    [term]
                        if !term.negated
                            && term.field.is_none()
                            && term.mode == Mode::Fuzzy
                            && term.ascii
                            && !term.phrase() =>
                    {
                        Some(term)
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        let (old_term, new_term) = (single(old)?, single(self)?);
        // In an event's title or a figure's name, one character read by its pinyin is no
        // match as typed (`Why::OneChar`), and the next char may read two (`zh` in 之,
        // `zho` in 之后): the record leaps from the rows that are no answer to the
        // answers, beyond any bound per char.
        let sentences = self
            .scope
            .kinds()
            .iter()
            .any(|k| matches!(k, RecordKind::History | RecordKind::Indicator));
        if sentences && (new_term.pinyin.is_some() || old_term.pinyin.is_some()) {
            return None;
        }
        if self.tolerant
            || old.tolerant
            || self.scope != old.scope
            || old_term.case != new_term.case
            || !new_term.text.starts_with(&old_term.text)
            // A whole number's matches are not those of a longer one (`10` is no 100).
            || old_term.number
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
        Query::parse_with(text, scope, true)
    }

    /// [`Query::parse`] of a query for sources (`months` false): a month and a year stay
    /// words, since a source is found by its words, never by a record's `date:`.
    #[must_use]
    pub fn parse_for_sources(text: &str) -> Query {
        Query::parse_with(text, Scope::All, false)
    }

    fn parse_with(text: &str, scope: Scope, months: bool) -> Query {
        let folded: String = text.chars().map(fold::width).collect();
        // The sides of `|`, each a list of clauses (lists of alternatives) that must all
        // match.
        let mut sides: Vec<Vec<Vec<Term>>> = vec![Vec::new()];
        let (tokens, open) = tokens::tokens(&folded);
        let mut notes: Vec<String> = open.into_iter().collect();
        let (tokens, read) = month_dates(tokens, scope, months);
        // A hyphenated word's words together, as its exclusion reads them (`trade in`).
        let mut hyphenated = hyphenated(&tokens, scope);
        // A hyphenated word is its words (`chow-tai-fook`); words in quotes stay one term.
        let tokens = tokens.into_iter().flat_map(|t| {
            if t.phrase {
                vec![t]
            } else {
                words(&t.text).into_iter().map(Token::word).collect()
            }
        });
        for part in tokens {
            let token = rewritten(&part, scope);
            let token = &*token;
            if token == "|" && !part.phrase {
                sides.push(Vec::new());
                continue;
            }
            let Some(side) = sides.last_mut() else { continue };
            // `date:2025-10..2026-03`: the years, months and days of the range (`dates`);
            // a value no date can have is said.
            if date_or_phrase(&part, token, scope, side, &mut notes) {
                continue;
            }
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
                        alternatives.extend(forms::simplified(&term));
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
            let mut alts = forms::other_forms(&term);
            if alts.is_empty() {
                alts.extend(singular_of(&term));
            }
            // A unit's word (`tons`, `grams`) is also the unit figures are given in.
            if !term.negated && term.mode == Mode::Fuzzy && term.field.is_none() {
                alts.extend(unit_term(&term.raw, scope));
            }
            if term.negated {
                side.push(vec![term]);
                side.extend(alts.into_iter().map(|alt| vec![alt]));
            } else {
                side.push(std::iter::once(term).chain(alts).collect());
            }
        }
        several_sides(&mut sides, &mut hyphenated, &mut notes);
        let one_side = sides.len() == 1;
        let side_texts = side_texts(&folded, sides.len());
        // Sides searched one by one (`sides`) are searched whole, however many.
        let clauses = clauses_of(sides, side_texts.is_empty().then_some(&mut notes));
        let (clauses, dropped) = if one_side {
            without_function_words(clauses, &hyphenated)
        } else {
            (clauses, Vec::new())
        };
        notes.dedup();
        let (joined, joined_other, joined_all) = joined(&clauses);
        let syllables = syllables(&clauses, scope);
        Query {
            scope,
            clauses,
            notice: (!notes.is_empty()).then(|| notes.join("; ")),
            joined,
            joined_other,
            joined_all,
            syllables,
            hyphenated,
            tolerant: false,
            shortened: false,
            sides: side_texts,
            dropped,
            read,
            id: Some(folded.trim())
                .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
                .map(Box::from),
        }
    }
}

/// Of a query of several sides: no hyphenated word (its words may be on one side only),
/// and no empty side (said).
fn several_sides(sides: &mut Vec<Vec<Vec<Term>>>, hyphenated: &mut Vec<Term>, notes: &mut Vec<String>) {
    if sides.len() > 1 {
        hyphenated.clear();
        if sides.iter().any(Vec::is_empty) {
            notes.push("`|` stands between two alternatives: `gold | silver`".into());
            sides.retain(|s| !s.is_empty());
        }
    }
}

/// The text of each side of `|` in `folded`, when it splits into as many sides as the
/// parser made (`count`); else none, and the query is searched whole.
fn side_texts(folded: &str, count: usize) -> Vec<Box<str>> {
    if count < 2 {
        return Vec::new();
    }
    let texts = tokens::side_texts(folded);
    if texts.len() == count {
        texts.into_iter().map(String::into_boxed_str).collect()
    } else {
        Vec::new()
    }
}

/// The clauses the sides of `|` make ([`either`]), and, given `notes`, a note when there
/// are too many combinations to search them all (without, the sides are searched one by
/// one and the clauses only explain a row).
fn clauses_of(sides: Vec<Vec<Vec<Term>>>, notes: Option<&mut Vec<String>>) -> Vec<Clause> {
    let count = sides.len();
    let (clauses, used) = either::either(sides, |a: &Term, b: &Term| {
        a.raw == b.raw && a.mode == b.mode && a.negated == b.negated && a.field == b.field
    });
    if let Some(notes) = notes.filter(|_| used < count) {
        notes.push(format!(
            "only the first {used} sides of `|` are searched (at most {} combinations): put fewer terms on each",
            either::MAX_CLAUSES
        ));
    }
    clauses
        .into_iter()
        .map(|alternatives| Clause { alternatives })
        .collect()
}

/// With `months`, a month's name and a year (`january 2026`, `Sept 2025`) as the month's date
/// (`date:2026-01`), where the scope has dated records: an event of 31 January whose
/// title names no month is of January, and one of February that mentions January is
/// not. With what was read so, to be said.
fn month_dates(tokens: Vec<Token>, scope: Scope, months: bool) -> (Vec<Token>, Vec<String>) {
    let dated = months && kinds(scope).iter().any(|k| fields::spec(*k, "date").is_some());
    let mut out = Vec::with_capacity(tokens.len());
    let mut read = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let year = tokens
            .peek()
            .filter(|next| !next.phrase && next.text.len() == 4)
            .and_then(|next| next.text.parse::<u16>().ok())
            .filter(|y| (1900..=2100).contains(y));
        // `2024年` (and `2025年10月`) is a year written as a date: a Chinese reader's
        // `year:2024`, which found one event where the year's field found six.
        if dated
            && !token.phrase
            && let Some((date, rest)) = dates::written_date(&token.text)
        {
            let typed = token.text.strip_suffix(rest).unwrap_or(&token.text);
            read.push(format!("read {typed:?} as {date}"));
            out.push(Token::word(&date));
            if !rest.is_empty() {
                out.push(Token::word(rest));
            }
            continue;
        }
        match (dated && !token.phrase, inflect::month(&token.text), year) {
            (true, Some(month), Some(year)) => {
                let date = format!("date:{year}-{month:02}");
                read.push(format!("read {:?} as {date}", format!("{} {year}", token.text)));
                out.push(Token::word(&date));
                tokens.next();
            }
            // `in 2025`: what is dated that year (events of 2026 that look back on it were
            // ranked among them); a year alone stays a word, found in text too.
            (true, _, Some(year)) if token.text.eq_ignore_ascii_case("in") => {
                let date = format!("date:{year}");
                read.push(format!("read {:?} as {date}", format!("{} {year}", token.text)));
                out.push(Token::word(&date));
                tokens.next();
            }
            _ => out.push(token),
        }
    }
    (out, read)
}

/// The unit a word names ([`inflect::unit`]: `tons` is `t`) as a term of the `unit`
/// field, read as written: `None` where no kind of the scope has units.
fn unit_term(word: &str, scope: Scope) -> Option<Term> {
    let (unit, whole) = inflect::unit(word)?;
    let per_kind = RecordKind::ALL.map(|k| {
        if kinds(scope).contains(&k) {
            fields::spec(k, "unit")
        } else {
            None
        }
    });
    let mode = if whole { Mode::Whole } else { Mode::Fuzzy };
    per_kind
        .iter()
        .any(Option::is_some)
        .then(|| term::written_only(unit, mode, false, Some(per_kind)))
}

/// A plural's singular as a term read from a word's start (`prices` finds "price"):
/// records name a thing in the singular as often as not; a possessive's owner
/// (`Jieworui's` finds "Jieworui"). Not for an exclusion, a phrase,
/// a marked term or a company form.
fn singular_of(term: &Term) -> Option<Term> {
    if term.negated || term.mode != Mode::Fuzzy || term.phrase() || forms::is_english_form(&term.raw) {
        return None;
    }
    inflect::singular(&term.raw)
        .or_else(|| inflect::possessor(&term.raw))
        .map(|one| term::stem_term(&one, term.field))
}

/// The clauses without the plain words that only join the others (`in`, `the`), and
/// those words as typed; the clauses as they are when no plain word of substance would
/// be left (`the` alone, `in !gold`).
///
/// A word of a hyphenated word stays (`trade-in` must hold its `in`).
fn without_function_words(clauses: Vec<Clause>, hyphenated: &[Term]) -> (Vec<Clause>, Vec<String>) {
    let in_hyphenated = |word: &str| {
        hyphenated
            .iter()
            .any(|h| h.raw.split(' ').any(|w| w.eq_ignore_ascii_case(word)))
    };
    let joining = |c: &Clause| match c.alternatives.as_slice() {
        [t] => {
            !t.negated
                && t.field.is_none()
                && t.mode == Mode::Fuzzy
                && inflect::is_function_word(&t.raw)
                && !in_hyphenated(&t.raw)
        }
        _ => false,
    };
    let substance = clauses
        .iter()
        .any(|c| !joining(c) && c.alternatives.iter().all(|t| !t.negated));
    if !substance || !clauses.iter().any(joining) {
        return (clauses, Vec::new());
    }
    let dropped = clauses
        .iter()
        .filter(|c| joining(c))
        .map(|c| c.alternatives[0].raw.clone())
        .collect();
    (clauses.into_iter().filter(|c| !joining(c)).collect(), dropped)
}

/// Each hyphenated word of the tokens as one term of its words with spaces, as its
/// exclusion reads them ([`Query::hyphenated`]).
fn hyphenated(tokens: &[Token], scope: Scope) -> Vec<Term> {
    tokens
        .iter()
        .filter(|t| !t.phrase)
        .map(|t| words(&t.text))
        .filter(|w| w.len() > 1)
        .filter_map(|w| parse_term(&format!("!{}", w.join(" ")), scope, &mut Vec::new()))
        .collect()
}

/// A token as the parser reads it: `segment=gold`, as the list's title shows a filter,
/// is `segment:gold`; one term stands for a hyphenated word where it must
/// (`!chow-tai-fook`, a side of `chow-tai|luk-fook`, see `one_term`). A phrase as it is.
fn rewritten(part: &Token, scope: Scope) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if part.phrase {
        return Cow::Borrowed(&part.text);
    }
    match field_equals(&part.text, scope) {
        Cow::Borrowed(t) => one_term(t),
        Cow::Owned(t) => Cow::Owned(one_term(&t).into_owned()),
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

/// The most other spellings of the joined term (three words with two spellings each).
const JOINED_SPELLINGS: usize = 7;

/// [`Query::syllables`]: the plain terms (exclusions, fields and phrases aside) as one
/// term, when there are two or more and each is one syllable.
fn syllables(clauses: &[Clause], scope: Scope) -> Option<Term> {
    let terms = plain(clauses);
    if terms.len() < 2 || !terms.iter().all(|t| super::pinyin::is_syllable(&t.raw)) {
        return None;
    }
    let words: Vec<&str> = terms.iter().map(|t| t.raw.as_str()).collect();
    parse_term(&format!("!{}", words.join(" ")), scope, &mut Vec::new())
}

/// The plain terms of the clauses: a word (or a word and its other spelling), not an
/// exclusion, a field's term, an exact term or a phrase.
fn plain(clauses: &[Clause]) -> Vec<&Term> {
    clauses
        .iter()
        .filter_map(|c| match c.alternatives.as_slice() {
            // A phrase (words in quotes) stands as written, not run into the others.
            [t] if !t.negated && t.field.is_none() && t.mode == Mode::Fuzzy && !t.phrase() => Some(t),
            // A word and its other spelling (`jewellery`, `jewelry`), or its stem
            // (`collapsed`, `collaps…`): the word as typed.
            [t, other]
                if !t.negated
                    && t.field.is_none()
                    && t.mode == Mode::Fuzzy
                    && (forms::other_spelling(&t.raw).as_deref() == Some(other.raw.as_str())
                        || other.word == Word::Start) =>
            {
                Some(t)
            }
            _ => None,
        })
        .collect()
}

/// The plain terms of a query written together, when there are two or more; the same
/// with the other spellings of words that have one (see [`Query::joined_other`]); and
/// whether they are all of the query.
fn joined(clauses: &[Clause]) -> (Option<Term>, Vec<Term>, bool) {
    let terms = plain(clauses);
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

/// Pushes the clause of a token that is a date field's range (`date:2025-10..2026-03`:
/// the years, months and days of the range, see `dates`) or a phrase (words in quotes:
/// one term, as written, see `term`); whether it was either, or a note said why a date
/// field's value could not be used.
fn date_or_phrase(part: &Token, token: &str, scope: Scope, side: &mut Vec<Vec<Term>>, notes: &mut Vec<String>) -> bool {
    let field_typed = !part.phrase || token.find(':').is_some_and(|at| at < part.quoted_at);
    match date_terms(token, scope).filter(|_| field_typed) {
        Some(Ok(alternatives)) => {
            side.push(alternatives);
            return true;
        }
        Some(Err(note)) => {
            notes.push(note);
            return true;
        }
        None => {}
    }
    if part.phrase
        && let Some(term) = parse_term_at(token, part.quoted_at, scope, notes)
    {
        side.push(forms::simplified(&term).into_iter().chain([term]).collect());
    }
    part.phrase
}

/// The term with its traditional Chinese characters written simplified (粵寶鑫 → 粤宝鑫),
/// when that changes it: the data's sources are mostly mainland ones, in simplified
/// characters, while a Hong Kong or Taiwan reader types traditional ones. Char for char,
/// so highlights land on the same places.
#[cfg(test)]
mod tests;
