//! A term against a record's names: its own names and aliases as written (fuzzily) and
//! by pinyin, its owners' and brands' names, and, with typos allowed, its names read with
//! typos or by their sound (`spell`).

use super::Matcher;
use super::reasons::related_why;
use crate::data::db::Rec;
use crate::data::model::RecordKind;
use crate::search::bonus;
use crate::search::fields::Field;
use crate::search::fold;
use crate::search::hit::{On, Span, Why};
use crate::search::index::{HAS_PINYIN, HAS_RELATED, PINYIN_ZH, ZH_ASCII};
use crate::search::pinyin::{self, Reading};
use crate::search::query::{Mode, Term};
use crate::search::rank::{TermHit, Tier};
use crate::search::records::Aliases;
use crate::search::spell;
use crate::search::spelling;
use crate::search::text;
use crate::search::words;

impl Matcher<'_> {
    /// The record's names: its own and its aliases (fuzzy, and pinyin on Chinese text)
    /// and, when `related`, its owner's or brands' names.
    pub(super) fn names(&mut self, term: &Term, rec: Rec, primary: u64, related: bool) -> Option<TermHit> {
        let mut best: Option<TermHit> = None;
        let mut offer = |hit: TermHit| {
            if best.is_none_or(|b| hit.score > b.score) {
                best = Some(hit);
            }
        };
        // Neither the names as written nor their pinyin (a record has a pinyin mask only
        // with `HAS_PINYIN`) can hold the term: the names are not read at all, and a
        // chunk of them that no record needs is never read.
        let direct_may = term.mask & !primary == 0;
        if !direct_may && (term.pinyin.is_none() || term.pinyin_other & !primary != 0 || primary & HAS_PINYIN == 0) {
            return None;
        }
        let entry = self.index.entry(self.db, rec);
        let [name, zh] = entry.names;
        let aliases = if primary & HAS_RELATED != 0 {
            self.db.aliases(rec)
        } else {
            Aliases::Db(&[])
        };
        // How the record's own names match the term themselves, if they do: such a match
        // explains itself.
        let mut direct: Option<Why> = None;
        // An event's title and a measure's name are sentences: runs apart are words of
        // different things there (`text::apart`), and one character read by its pinyin
        // is no name (`Why::OneChar`).
        let sentence = matches!(rec.kind, RecordKind::History | RecordKind::Indicator);
        let named = spelling::names_of(self.index, self.db);
        if direct_may {
            // An all-ASCII term cannot match a Chinese name without ASCII (folded) chars.
            let zh = zh.filter(|_| !term.ascii || primary & ZH_ASCII != 0);
            for (text, why, what) in [
                (name, Why::Name, "the name"),
                (zh, Why::ChineseName, "the Chinese name"),
            ] {
                if let Some(score) = text.and_then(|t| text::score_as(term, t, &mut self.b, sentence)) {
                    let why = if self.b.apart { Why::Apart(what) } else { why };
                    direct = direct.or(Some(why));
                    offer(TermHit::new(Tier::Name, score, why));
                }
            }
            for (i, alias) in aliases.iter().enumerate() {
                if let Some(score) = text::text_score(term, alias, &mut self.b) {
                    let why = if self.b.apart {
                        Why::Apart("an alias")
                    } else {
                        Why::Alias(to_u8(i))
                    };
                    offer(TermHit::new(Tier::Name, score, why));
                }
            }
            if related && primary & HAS_RELATED != 0 {
                let b = &mut self.b;
                // A name met through an owner or a brand ranks just below the same match
                // in the record's own name (the brand 星光达 before its company), and
                // above everything that matched less well.
                let indirect = 1;
                self.db.related_names(rec, &mut |field, text| {
                    if let Some(score) = text::text_score(term, text, b) {
                        let why = related_why(b.apart, field == Field::Owner);
                        offer(TermHit::new(Tier::Name, score - indirect, why));
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
            let (text, on) = if on_chinese {
                (zh, On::Chinese)
            } else {
                (name, On::Name)
            };
            let texts = text
                .map(|t| (t, on))
                .into_iter()
                .chain(aliases.iter().enumerate().map(|(i, a)| (a, On::Alias(to_u8(i)))));
            for (text, on) in texts {
                let Some(m) = text::pinyin_match(term.mode, chars, text, &mut self.b.py, false) else {
                    continue;
                };
                // A sentence is read by words: a reading that takes one char of a word
                // and the next word's (`baolei`, 宝类 in 珠宝类) is no match as typed,
                // unless the reading stands elsewhere in it as words. Asked only where
                // the reading would explain the match (the dictionary loads on first need).
                let explains = direct.is_none() && best.is_none_or(|b| i64::from(m.score) > b.score);
                let (m, across) = by_words(term.mode, chars, text, m, sentence && explains, &mut self.b.py, &named);
                let span = Span {
                    on,
                    start: to_u16(m.first),
                    end: to_u16(m.last + 1),
                };
                let one_char = sentence && m.first == m.last && !self.read_whole;
                // The pinyin score counts when higher, but the name matching the term
                // itself (highlighted there) explains the match better than the reading.
                let score = i64::from(m.score);
                if best.is_none_or(|b| score > b.score) {
                    let why = pinyin_why(m.reading, span, (one_char, across), direct, best.map(|b| b.why));
                    best = Some(TermHit::new(Tier::Name, score, why));
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
        // A company or a brand the term names comes just above an event or a figure whose
        // title names it as well (周大生珠宝 before "周大生 listed on …"): the record a
        // name names leads the records about it.
        if let Some(hit) = &mut best
            && matches!(rec.kind, RecordKind::History | RecordKind::Indicator)
        {
            hit.score -= 1;
        }
        best
    }

    /// The record's own names and aliases read with typos, or by their sound: the term
    /// spelled out against each name spelled out (`spell`). Fewest typos first.
    pub(super) fn typo_names(&mut self, term: &Term, rec: Rec) -> Option<TermHit> {
        let spelled = term.spelled.as_deref()?;
        let (primary, _) = self.masks(rec);
        let entry = self.index.entry(self.db, rec);
        // Every letter of the term missing from the names costs a typo at least.
        let letters = fold::letter_bits(primary) | (entry.pinyin() & ((1 << 26) - 1));
        let missing = (term.spelled_letters & !letters).count_ones();
        if missing > u32::from(term.budget) {
            return None;
        }
        let [name, zh] = entry.names;
        let aliases = if primary & HAS_RELATED != 0 {
            self.db.aliases(rec)
        } else {
            Aliases::Db(&[])
        };
        let texts = [(name, On::Name), (zh, On::Chinese)]
            .into_iter()
            .filter_map(|(t, on)| t.map(|t| (t, on)))
            .chain(aliases.iter().enumerate().map(|(i, a)| (a, On::Alias(to_u8(i)))));
        let mut best: Option<TermHit> = None;
        // A sentence's Chinese is read by words, as by pinyin (`names`): 暴雷 does not
        // sound like the 宝类 of 珠宝类.
        let sentence = matches!(rec.kind, RecordKind::History | RecordKind::Indicator);
        let named = spelling::names_of(self.index, self.db);
        for (text, on) in texts {
            let s = &mut self.b.spell;
            s.text.fill(text);
            let Some(found) = spell::find(spelled, &s.text, term.budget, &mut s.rows) else {
                continue;
            };
            if sentence && on == On::Chinese && words::cuts(text, found.start, found.end, &named) {
                continue;
            }
            let n = spelled.len();
            let head = if found.at_start { 16 } else { 8 };
            let chars = text.chars().count();
            let score = 16 * i64::try_from(n).unwrap_or(0) + head + bonus::cover(n, found.end - found.start, chars);
            let span = Span {
                on,
                start: to_u16(found.start),
                end: to_u16(found.end),
            };
            let why = if found.typos == 0 && term.han {
                Why::SoundsLike(span)
            } else {
                Why::Typo {
                    typos: found.typos,
                    span,
                }
            };
            let hit = TermHit {
                tier: Tier::Name,
                typos: found.typos,
                score,
                why,
            };
            if best.is_none_or(|b| hit.beats(&b)) {
                best = Some(hit);
            }
        }
        best
    }
}

/// The reason a pinyin reading gives: the record's own name where it holds the term
/// itself (`direct`, highlighted there), which explains the match better; and a reading
/// of one character of a sentence ([`Why::OneChar`]) or across two of its words
/// ([`Why::AcrossWords`]) is loose only where nothing else matched (`before`), so that a
/// match as typed is never hidden behind it.
fn pinyin_why(
    reading: Reading,
    span: Span,
    (one_char, across): (bool, bool),
    direct: Option<Why>,
    before: Option<Why>,
) -> Why {
    match (direct, before) {
        (Some(direct), _) => direct,
        (None, Some(before)) if one_char || across => before,
        _ if one_char => Why::OneChar(span, reading),
        _ if across => Why::AcrossWords(span, reading),
        _ => match reading {
            Reading::Full => Why::PinyinFull(span),
            Reading::Initials => Why::PinyinInitials(span),
            Reading::Mixed => Why::PinyinMixed(span),
        },
    }
}

/// A reading `m` of a sentence's `text`, read by words when `ask`: itself when it cuts
/// no word (`words::cuts`), else the first that does not, else itself and `true` (across
/// words).
fn by_words(
    mode: Mode,
    chars: &[char],
    text: &str,
    m: pinyin::Match,
    ask: bool,
    py: &mut pinyin::Scratch,
    named: &dyn Fn(&str) -> bool,
) -> (pinyin::Match, bool) {
    if !ask || !words::cuts(text, m.first, m.last + 1, named) {
        return (m, false);
    }
    match in_words(mode, chars, text, m.first, py, named) {
        Some(other) => (other, false),
        None => (m, true),
    }
}

/// The first reading of `chars` in `text` after char `after` that cuts no word of it
/// (`words::cuts`), with its places in the whole text; its score is the reading's
/// there. `None` when every reading cuts one.
pub(super) fn in_words(
    mode: Mode,
    chars: &[char],
    text: &str,
    after: usize,
    py: &mut pinyin::Scratch,
    named: &dyn Fn(&str) -> bool,
) -> Option<pinyin::Match> {
    let mut from = after + 1;
    // A sentence holds a reading a few times at most; the bound keeps a pathological one cheap.
    for _ in 0..16 {
        let (at, _) = text.char_indices().nth(from)?;
        let m = text::pinyin_match(mode, chars, &text[at..], py, false)?;
        let (first, last) = (m.first + from, m.last + from);
        if !words::cuts(text, first, last + 1, named) {
            return Some(pinyin::Match { first, last, ..m });
        }
        from = first + 1;
    }
    None
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn to_u8(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}
