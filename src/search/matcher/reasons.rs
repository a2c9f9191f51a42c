//! The reason a record matched, as a hit tells it: which field or name holds the term,
//! how telling each reason is, and one reason for terms that read together in one name.

use crate::search::hit::{Span, Why};
use crate::search::rank::{TermHit, Tier};
use crate::search::text;

/// A match in a field value as a hit: free text or structured, last when negated.
pub(super) fn field_hit(found: text::InValue, free: bool, name: &'static str) -> TermHit {
    if found.by_sound {
        // Ranked where the field ranks; the reason says the letters only sound like it.
        let tier = if found.negated {
            Tier::Negated
        } else if free {
            Tier::Free
        } else {
            Tier::Structured
        };
        TermHit::new(tier, found.score, Why::BySound(name))
    } else if found.cut_short && !found.negated {
        let tier = if free { Tier::Free } else { Tier::Structured };
        TermHit::new(tier, found.score, Why::CutShort(name))
    } else if found.negated {
        TermHit::new(Tier::Negated, found.score, Why::Negated(name))
    } else if free {
        TermHit::new(Tier::Free, found.score, Why::Field(name))
    } else {
        TermHit::new(Tier::Structured, found.score, Why::Field(name))
    }
}

/// One reason for terms that stand together in one name (`jin ya fu` in 金雅福), rather
/// than the last term's alone (the detail said "pinyin: 福"): the chars they read together
/// by pinyin, side by side in order; else the name, where one of them is in it as
/// written. `None` when they matched otherwise (a field, an alias).
pub(super) fn read_together(hits: &[TermHit]) -> Option<Why> {
    if hits.len() < 2 {
        return None;
    }
    let span = |why: Why| match why {
        Why::PinyinFull(s) | Why::PinyinInitials(s) | Why::PinyinMixed(s) => Some(s),
        _ => None,
    };
    let named = |name: Why| {
        let own = hits
            .iter()
            .all(|h| matches!(h.why, Why::Name | Why::ChineseName) || span(h.why).is_some());
        (own && hits.iter().any(|h| h.why == name)).then_some(name)
    };
    let Some(first) = span(hits[0].why) else {
        return named(Why::Name).or_else(|| named(Why::ChineseName));
    };
    let mut end = first.end;
    for hit in &hits[1..] {
        match span(hit.why) {
            Some(next) if next.on == first.on && next.start == end => end = next.end,
            _ => return named(Why::Name).or_else(|| named(Why::ChineseName)),
        }
    }
    let whole = Span { end, ..first };
    Some(match hits[0].why {
        Why::PinyinInitials(_) if hits.iter().all(|h| matches!(h.why, Why::PinyinInitials(_))) => {
            Why::PinyinInitials(whole)
        }
        Why::PinyinFull(_) if hits.iter().all(|h| matches!(h.why, Why::PinyinFull(_))) => Why::PinyinFull(whole),
        _ => Why::PinyinMixed(whole),
    })
}

/// How telling a reason is, for the one shown when terms matched differently.
pub(super) fn telling(why: Why) -> u8 {
    match why {
        Why::Everything => 0,
        Why::Name => 1,
        Why::ChineseName => 2,
        Why::Alias(_) => 3,
        Why::Field("owner" | "brand") => 4,
        Why::PinyinFull(_) | Why::PinyinInitials(_) | Why::PinyinMixed(_) => 5,
        Why::SoundsLike(_) => 6,
        Why::Typo { .. } => 7,
        Why::Field(_) => 8,
        Why::Negated(_) => 9,
        // Told above all: a record any of whose terms was found only by its sound is no
        // match as typed (`Why::loose`).
        Why::BySound(_)
        | Why::Apart(_)
        | Why::WordsApart
        | Why::SyllablesApart
        | Why::OneChar(..)
        | Why::AcrossWords(..)
        | Why::CutShort(_) => 10,
    }
}

/// The reason for a match in an owner's or a brand's name: loose there as in the
/// record's own names when its chars stand apart (深圳金福 is not 深圳市金雅福).
pub(super) fn related_why(apart: bool, owner: bool) -> Why {
    match (apart, owner) {
        (true, true) => Why::Apart("the owner's name"),
        (true, false) => Why::Apart("a brand's name"),
        (false, true) => Why::Field("owner"),
        (false, false) => Why::Field("brand"),
    }
}
