//! The ranking rules, in order, and how a record's term matches become one score.
//!
//! 1. **As typed**: a record that holds every term as typed before one that holds a term
//!    only loosely ([`Why::loose`]: by its sound, a Chinese term with its chars apart, a
//!    hyphenated word's words apart, a word read by one character's pinyin in an event's
//!    title or a figure's name; the rows marked `≈`), whatever the tiers: an answer
//!    before what is not one. So does a term held only in a negated clause (`¬`).
//! 2. **Tier**: where each term matched. The record's own names and aliases (a brand's
//!    owner and an enterprise's brands count here, just below the same match in the own
//!    name), then structured fields (honours, listings, tags, people, location, segment,
//!    ...), then free text (the summary), then a mention in a negated clause ("no 驰名商标
//!    statement was found"). Tiers add up over the terms, so a structured match always
//!    outranks a free-text one.
//! 3. **Typos**: fewer first (typo-tolerant matches are only looked for when nothing
//!    matches as typed; see `run`).
//! 4. **Together**: the terms of a query found side by side, in order, in one name
//!    (`zhou da fu` in 周大福), first.
//! 5. **Exactness**: the matcher's score: a term that is a whole word of the name (or
//!    reads a whole Chinese name), as written, at a word start, in its common reading,
//!    scores higher.
//! 6. **Coverage**: the share of the name the match covers (`bonus::cover`), folded into
//!    the matcher's score as its last tie-breaker.
//!
//! Ties keep dataset order, then tab order. The rules are encoded into one `i64` whose
//! range stays narrow (a counting sort ranks a million hits; see `run::rank_found`).

use super::hit::Why;

/// The ranking rules in order, each with a line short enough for the help overlay: the
/// one source of the help's "Ranking" section and the README's list.
pub const RULES: &[(&str, &str)] = &[
    (
        "as typed first",
        "then sound-alikes, chars or words apart (≈), negated (¬)",
    ),
    ("names first", "names, aliases > fields > summary > negated"),
    ("fewer typos", "typos only when nothing matches as typed"),
    ("terms together", "side by side, in order, in one name"),
    ("exactness", "whole word, as written, word start, main reading"),
    ("coverage", "the match is more of the name"),
    ("ties", "dataset order, then tab order"),
];

/// Where a term matched, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// In a clause with a negation ("not", "no", "never", "without", "unverified", ...).
    Negated = 0,
    /// Free text: the summary.
    Free = 1,
    /// A structured field: honours, listings, tags, people, location, segment, dates ...
    Structured = 2,
    /// The record's names and aliases (and a brand's owner, an enterprise's brands).
    Name = 3,
}

/// How one term (or clause) matched a record.
#[derive(Debug, Clone, Copy)]
pub struct TermHit {
    pub tier: Tier,
    /// Edits between the term and the text (0 for a match as typed, and for a homophone
    /// of a name; 1 for a loose reading, [`Why::loose`], so that it ranks below the same
    /// field holding the term as typed).
    pub typos: u8,
    /// The matcher's score: exactness, then coverage.
    pub score: i64,
    pub why: Why,
}

impl TermHit {
    /// A hit in a tier, without typos (a loose one counts as one).
    #[must_use]
    pub fn new(tier: Tier, score: i64, why: Why) -> TermHit {
        TermHit {
            tier,
            typos: u8::from(why.loose()),
            score,
            why,
        }
    }

    /// Whether `self` ranks above `other` for the same term: tier, then fewer typos,
    /// then score.
    #[must_use]
    pub fn beats(&self, other: &TermHit) -> bool {
        (self.tier, std::cmp::Reverse(self.typos), self.score)
            > (other.tier, std::cmp::Reverse(other.typos), other.score)
    }
}

/// The largest matcher score counted per term (scores are clamped to `0..PER_TERM`).
const PER_TERM: i64 = 4096;

/// The score of a record for a query of `hits.len()` clauses, from each clause's hit
/// and, when the query's terms stand together in one of its names, the coverage of the
/// name they stand in (`bonus::cover`, a tie-breaker like the terms' own).
#[must_use]
pub fn combine(hits: &[TermHit], together: Option<i64>) -> i64 {
    let n = i64::try_from(hits.len().max(1)).unwrap_or(i64::MAX / 1024);
    // A term held only in a negated clause makes no answer either, whatever the other
    // terms' tiers: DR (`listed` in a tag, "Shuibei not stated") ranked above a company
    // holding both words in its summary (a trial).
    let typed =
        n - i64::try_from(hits.iter().filter(|h| h.why.loose() || h.tier == Tier::Negated).count()).unwrap_or(0);
    let tiers: i64 = hits.iter().map(|h| h.tier as i64).sum();
    let typos: i64 = hits.iter().map(|h| i64::from(h.typos.min(2))).sum();
    let base: i64 = hits.iter().map(|h| h.score.clamp(0, PER_TERM - 1)).sum::<i64>() + together.unwrap_or(0);
    let typo_span = 2 * n + 1;
    // Tiers add up to at most `3 n` (`Tier::Name` is 3).
    let tier_span = 3 * n + 1;
    // Saturating: a query of thousands of words would overflow, and ranks alike then.
    let key = typed
        .saturating_mul(tier_span)
        .saturating_add(tiers)
        .saturating_mul(typo_span)
        .saturating_add(2 * n - typos)
        .saturating_mul(2)
        .saturating_add(i64::from(together.is_some()));
    key.saturating_mul(PER_TERM * n)
        .saturating_add(base.clamp(0, PER_TERM * n - 1))
}

/// The typos a score of [`combine`] counts, for a query of `terms` clauses.
#[must_use]
pub fn typos_of(score: i64, terms: usize) -> i64 {
    let n = i64::try_from(terms.max(1)).unwrap_or(i64::MAX / 1024);
    let key = score.div_euclid(PER_TERM * n) / 2;
    2 * n - key.rem_euclid(2 * n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(tier: Tier, typos: u8, score: i64) -> TermHit {
        TermHit {
            tier,
            typos,
            score,
            why: Why::Everything,
        }
    }

    /// The rules apply in order: each one only breaks ties of the ones before it.
    #[test]
    fn rules_apply_in_order() {
        let (yes, no) = (Some(0), None);
        let best = combine(&[hit(Tier::Structured, 0, 0)], no);
        assert!(best > combine(&[hit(Tier::Free, 0, 4095)], yes));
        assert!(combine(&[hit(Tier::Name, 2, 0)], no) > combine(&[hit(Tier::Structured, 0, 4095)], yes));
        assert!(combine(&[hit(Tier::Name, 0, 0)], no) > combine(&[hit(Tier::Name, 1, 4095)], yes));
        assert!(combine(&[hit(Tier::Name, 0, 0)], yes) > combine(&[hit(Tier::Name, 0, 4095)], no));
        assert!(combine(&[hit(Tier::Name, 0, 11)], no) > combine(&[hit(Tier::Name, 0, 10)], no));
        assert!(combine(&[hit(Tier::Name, 0, 10)], Some(3)) > combine(&[hit(Tier::Name, 0, 10)], Some(1)));
        // Over several terms: tiers add up, then typos, then together, then scores.
        let two = |a: Tier, b: Tier, typos: u8, together: Option<i64>, score: i64| {
            combine(&[hit(a, typos, score), hit(b, 0, score)], together)
        };
        assert!(two(Tier::Name, Tier::Structured, 2, no, 0) > two(Tier::Name, Tier::Free, 0, yes, 4095));
        assert!(two(Tier::Name, Tier::Name, 0, no, 0) > two(Tier::Name, Tier::Name, 1, yes, 4095));
        assert!(two(Tier::Name, Tier::Name, 1, yes, 0) > two(Tier::Name, Tier::Name, 1, no, 4095));
    }

    #[test]
    fn typos_read_back() {
        for terms in 1..5 {
            for typos in 0..=2u8 {
                for tier in [Tier::Negated, Tier::Name] {
                    let hits: Vec<TermHit> = (0..terms)
                        .map(|i| hit(tier, if i == 0 { typos } else { 0 }, 77))
                        .collect();
                    for together in [None, Some(5)] {
                        assert_eq!(typos_of(combine(&hits, together), terms), i64::from(typos));
                    }
                }
            }
        }
    }
}
