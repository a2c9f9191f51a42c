//! One query term, folded and ready to match: its [`Mode`], its field, and the masks and
//! readings the matcher's quick tests use ([`term`] builds them once, at parse time).
//! Nothing here parses a query; the parser is the parent module.

use super::super::fields::{Field, Spec};
use super::super::fold::{self, Case};
use super::super::pinyin;
use super::super::spell;
use crate::data::model::RecordKind;

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
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts about one term, each read on its own by the matcher"
)]
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
    /// A piece of a range (`date:2025-10..2026-03`): a filter, whose matches all score
    /// alike, so they keep dataset order (a timeline's) rather than an order made by
    /// which piece each matched.
    pub flat: bool,
    /// A number sought as a figure (`value:10000`): it matches the whole number, never
    /// the start of a longer one (100,000 m², 10,000.5).
    pub number: bool,
    /// The term can name a Shenzhen district (罗湖, 罗湖区, `luohu`): a plain term then
    /// reads an enterprise's districts too, which are known, not spelled (a location in
    /// "Luohu District" is in 罗湖区). Others never look there, so the index's masks
    /// need not hold the districts.
    pub place: bool,
    /// Where a word form ([`inflect`](super::inflect)) must stand: anywhere a term of its
    /// mode may, or from a word's start only (in a name too, where a fuzzy term may be
    /// scattered).
    pub word: Word,
}

/// Where a term must stand among a text's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// Wherever its [`Mode`] allows.
    Free,
    /// From a word's start: a stem read for a word with an ending (`collaps…`).
    Start,
    /// Chinese chars that stand together, to be read as typed: a registered name's short
    /// form (`宝安珠宝` of 深圳市宝安珠宝有限公司) names that company, not a name with
    /// other chars between its runs (宝安中饰珠宝创意中心).
    Together,
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

    pub(super) fn implies(&self, old: &Term) -> bool {
        if self.negated || old.negated {
            return self.negated == old.negated && self.text == old.text && self.mode == old.mode && self.field_eq(old);
        }
        // A Chinese term may be found by its reading in Latin letters (`罗湖` in "Luohu"),
        // which a shorter one is not (`罗` is no word there): its matches are not among
        // the shorter's.
        if old.han && old.spelled.is_some() && self.text != old.text {
            return false;
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
        // A whole number's matches are not those of a longer one (`value:10` finds no
        // 100): typing on from it looks at every record again.
        let number_ok = !old.number || (self.number && self.text == old.text);
        mode_ok && case_ok && text_ok && number_ok && self.field_eq(old)
    }

    /// Words that quotes held together (`"united daily"`): one term, matched as written,
    /// with no typos, sound-alikes or other spellings (see [`term`]).
    #[must_use]
    pub fn phrase(&self) -> bool {
        !self.negated && self.raw.contains(' ')
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

pub(crate) fn kind_slot(kind: RecordKind) -> usize {
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

/// Whether a term asks for its case as written (smart case): it has a capital and a small
/// letter (`Gold`, `iPhone`). A term in capitals only (`CHOW`, `TAI`, `FOOK`) ignores case:
/// filings and exchange lists write names so, and pasted in they found nothing.
#[must_use]
pub fn asks_case(term: &str) -> bool {
    term.chars().any(char::is_uppercase) && term.chars().any(char::is_lowercase)
}

/// Builds a term from its text (modifiers already stripped).
pub(crate) fn term(body: &str, mode: Mode, negated: bool, field: Option<[Option<Spec>; 4]>) -> Term {
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
    // Pinyin applies wherever text is Chinese: names, and field values (`location:luohu`);
    // an exclusion reads it too, so that it leaves out what the term finds, its hyphens
    // joining syllables (`!zhou-liu-fu` leaves out 周六福, which `zhou-liu-fu` finds).
    let syllables: Vec<char> = if negated {
        lower.iter().copied().filter(|c| c.is_alphanumeric()).collect()
    } else {
        lower.clone()
    };
    let readable = syllables.len() <= pinyin::MAX_TERM
        && syllables.iter().any(char::is_ascii_lowercase)
        && syllables
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || pinyin::has_readings(*c));
    let (mut letters, mut other) = (0u32, 0u64);
    for c in &syllables {
        if c.is_ascii_lowercase() {
            letters |= 1 << (*c as u32 - 'a' as u32);
        } else {
            other |= fold::bit(*c);
        }
    }
    let han = lower.iter().any(|c| fold::is_han(*c));
    // A phrase is matched as written: its letters are not read again as other words.
    let spelled = if body.contains(' ') { None } else { spell::term(body) };
    let spelled_chars: Vec<char> = spelled.iter().flatten().map(|b| char::from(*b)).collect();
    let budget = match &spelled {
        Some(s) if !han => spell::budget(s.len()),
        _ => 0,
    };
    let place = !negated && crate::data::places::may_name_district(&text.to_lowercase());
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
        pinyin: readable.then_some(syllables),
        pinyin_letters: letters,
        pinyin_other: other,
        han,
        spelled_letters: spelled.as_deref().map_or(0, spell::letters_mask),
        spelled_narrow: spelled_chars.iter().fold(0, |m, c| m | fold::narrow_bit(*c)),
        spelled_pairs: fold::pairs_of(&spelled_chars),
        spelled,
        budget,
        flat: false,
        number: false,
        place,
        word: Word::Free,
    }
}

/// A term read as written only: never by pinyin, by its sound or with typos.
pub(super) fn written_only(body: &str, mode: Mode, negated: bool, field: Option<[Option<Spec>; 4]>) -> Term {
    Term {
        pinyin: None,
        pinyin_letters: 0,
        pinyin_other: 0,
        spelled: None,
        spelled_letters: 0,
        spelled_narrow: 0,
        spelled_pairs: 0,
        budget: 0,
        ..term(body, mode, negated, field)
    }
}

/// A word's stem as a term of its own ([`inflect::stem`](super::inflect::stem)): matched
/// from a word's start, as written only (`list` of `listed` is no reading of 李氏).
pub(super) fn stem_term(stem: &str, field: Option<[Option<Spec>; 4]>) -> Term {
    Term {
        place: false,
        word: Word::Start,
        ..written_only(stem, Mode::Fuzzy, false, field)
    }
}

/// The mode its marks give a term (`'exact`, `^prefix`, `suffix$`, `^whole$`), and
/// the term without them.
pub(super) fn modifiers(text: &str) -> (Mode, &str) {
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
