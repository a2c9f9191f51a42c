//! Which rows of a search answer its query as typed ([`AsTyped`]): one judgement for
//! `search`'s exit status and `as_typed`, `--as-typed`, `--names` and `export`.

use super::hit::{Hit, Outcome, Why};
use super::query::Query;
use super::rank;
use super::scope::Scope;

/// Which rows of an [`Outcome`] answer its query as typed: those with no typo that are
/// not loose ([`Why::loose`]). Of a search run again with typos, only the rows that
/// match what was left of a registered name as typed once its company forms were left
/// out (`Chow Tai Fook Jewellery Group Limited` is the group, named without `Limited`):
/// no typo, no sound-alike (深圳市杰我瑞珠宝有限公司, read as 杰我瑞珠宝, only sounds like
/// 杰我睿珠宝) and not loose. One judgement for `search`'s exit status and `as_typed`,
/// `--as-typed`, `--names` and `export`.
#[derive(Debug, Clone, Copy)]
pub struct AsTyped {
    tolerant: bool,
    /// The clauses of what was left, when company forms were.
    rest: Option<usize>,
}

impl AsTyped {
    #[must_use]
    pub fn of(query: &str, scope: Scope, outcome: &Outcome) -> AsTyped {
        let rest = Query::parse(query, scope)
            .tolerant()
            .filter(|rest| outcome.shortened && rest.shortened)
            .map(|rest| rest.clauses.len());
        AsTyped {
            tolerant: outcome.tolerant,
            rest,
        }
    }

    #[must_use]
    pub fn holds(&self, hit: &Hit) -> bool {
        if !self.tolerant {
            return !hit.why.loose();
        }
        self.rest.is_some_and(|terms| {
            !hit.why.loose()
                && !matches!(hit.why, Why::Typo { .. } | Why::SoundsLike(_))
                && rank::typos_of(hit.score, terms) == 0
        })
    }

    /// Whether any row of `outcome` answers as typed.
    #[must_use]
    pub fn any(&self, outcome: &Outcome) -> bool {
        outcome.hits.iter().any(|h| self.holds(h))
    }

    /// Whether every row of `outcome` answers as typed.
    #[must_use]
    pub fn all(&self, outcome: &Outcome) -> bool {
        outcome.hits.iter().all(|h| self.holds(h))
    }
}
