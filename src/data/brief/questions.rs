//! The questions the figures answer (indicators of one metric, unit and scope) and which
//! of their figures disagree: one computation, read by the explorer's Overview and its
//! compare view (`=`), by `shuibei show` and by the indicators' export, so that what one
//! calls a conflict the others do too.

use std::borrow::Cow;

use crate::data::db::{Db, Rec};
use crate::data::model::{Date, Indicator, Qualifier, RecordKind};

/// Figures that answer one question: indicators of the same metric and unit whose scopes
/// are the same once case, spacing and dashes are set aside. An indicator without a
/// metric is a question of its own. Figures are for the same time when their dates are
/// the same as written ("2017" and "2017" are, "2017" and "2017-02" are not), or, unless
/// they are prices, dated to the day within a week of each other (two reports of one
/// week on the number of firms); "2026-01-07" and "2026-02-03" are not (prices through a
/// year are a series, not a conflict).
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Indicator indices, by date, then in dataset order.
    pub members: Vec<u32>,
    /// Where the latest date's figures start in `members`.
    latest_from: usize,
    /// The dates of figures that disagree with another for the same time.
    pub conflict_dates: Vec<Date>,
    /// The pairs of figures (indicator indices) that disagree: for the same time, and
    /// they cannot both be true ([`disagree`]).
    pairs: Vec<(u32, u32)>,
}

impl Question {
    /// The figures of the latest date (several when sources give more than one).
    #[must_use]
    pub fn latest(&self) -> &[u32] {
        &self.members[self.latest_from..]
    }

    /// The first indicator of the question: its oldest figure.
    #[must_use]
    pub fn first(&self) -> u32 {
        self.members[0]
    }

    /// Whether the latest date's figures disagree.
    #[must_use]
    pub fn conflict_now(&self, db: &Db) -> bool {
        self.conflicts(db, self.members[self.members.len() - 1])
    }

    /// Whether a member's figure disagrees with another for the same time.
    #[must_use]
    pub fn conflicts(&self, db: &Db, member: u32) -> bool {
        self.conflict_dates.contains(&db.indicators()[member as usize].as_of)
    }

    /// An earlier figure of the question that says what `member` says on a better source:
    /// of the figures dated before it, up to a year before, that agree with it
    /// ([`disagree`]'s bounds overlap) and whose strongest source is more reliable than
    /// its strongest, the newest. Not the same figure as the member's (they are of other
    /// times), so a headline still shows the latest; it names this one beside it. The
    /// Overview's count of enterprises in Shuibei, "nearly 9,000" of 17 October 2025 on a
    /// copy on an unrelated site (LOW), said nothing of 珠江时报's "more than 9,000" of 13
    /// March (high): seven months apart, so not the same week's report.
    #[must_use]
    pub fn better_sourced_before(&self, db: &Db, member: u32) -> Option<u32> {
        let all = db.indicators();
        let rank = |m: u32| {
            let strongest = db.strongest_source(Rec::new(RecordKind::Indicator, m as usize));
            (strongest.is_none(), strongest)
        };
        let shown = all.get(member as usize)?;
        let own = rank(member);
        self.members
            .iter()
            .copied()
            .filter(|m| {
                let other = &all[*m as usize];
                other.as_of < shown.as_of
                    && within_a_year(other.as_of, shown.as_of)
                    && rank(*m) < own
                    && overlap(bounds(other), bounds(shown))
            })
            .max_by_key(|m| all[*m as usize].as_of)
    }

    /// The figures a member disagrees with, by date: of the same time, they cannot both
    /// be true and share no source. Empty for a figure of a date whose other figures
    /// disagree with each other but not with it ([`Question::conflicts`] marks the date).
    pub fn disagreeing(&self, member: u32) -> impl Iterator<Item = u32> + '_ {
        self.pairs.iter().filter_map(move |&(a, b)| match member {
            _ if a == member => Some(b),
            _ if b == member => Some(a),
            _ => None,
        })
    }
}

/// Whether `later` is at most twelve months after `earlier`, by their months (a date
/// without one: of the same year).
fn within_a_year(earlier: Date, later: Date) -> bool {
    let month_number = |d: Date, m: u8| i32::from(d.year()) * 12 + i32::from(m);
    match (earlier.month(), later.month()) {
        (Some(a), Some(b)) => month_number(later, b) - month_number(earlier, a) <= 12,
        _ => earlier.year() == later.year(),
    }
}

/// The questions the figures answer, and which each figure answers: the part of a
/// [`Brief`](super::Brief) that `shuibei show` and the indicators' export need to name a
/// figure's conflicts, without the rest (who cites each source, the newest events).
#[derive(Debug, Clone, Default)]
pub struct Questions {
    pub questions: Vec<Question>,
    /// Indicator index → its question's index.
    pub question_of: Vec<u32>,
}

impl Questions {
    /// Groups the indicators into questions, each sorted by date, and finds their conflicts.
    #[must_use]
    pub fn build(db: &Db) -> Questions {
        let (questions, question_of) = questions(db);
        Questions { questions, question_of }
    }

    /// The question an indicator answers.
    #[must_use]
    pub fn question(&self, indicator: usize) -> Option<&Question> {
        let q = *self.question_of.get(indicator)?;
        self.questions.get(q as usize)
    }

    /// [`Question::better_sourced_before`] of an indicator: what the Overview's headline
    /// names beside a weaker newer figure, and `shuibei show` under it.
    #[must_use]
    pub fn better_sourced_before(&self, db: &Db, indicator: usize) -> Option<u32> {
        let member = u32::try_from(indicator).ok()?;
        self.question(indicator)?.better_sourced_before(db, member)
    }

    /// The figures (indicator indices) an indicator disagrees with, by date: what the
    /// explorer's compare view (`=`) marks `≠`, figure by figure.
    #[must_use]
    pub fn disagreeing(&self, indicator: usize) -> Vec<u32> {
        let Ok(member) = u32::try_from(indicator) else {
            return Vec::new();
        };
        self.question(indicator)
            .map(|q| q.disagreeing(member).collect())
            .unwrap_or_default()
    }
}

/// A scope as compared: case, spacing and the kind of dash set aside.
fn scope_key(scope: &str) -> Cow<'_, str> {
    let plain = scope
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ' ')
        && !scope.contains("  ")
        && scope.trim() == scope;
    if plain {
        return Cow::Borrowed(scope);
    }
    let mut out = String::with_capacity(scope.len());
    for word in scope.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '–' | '—' | '‐' | '‑' | '−' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    Cow::Owned(out)
}

/// Groups the indicators into questions, each sorted by date, and finds their conflicts.
fn questions(db: &Db) -> (Vec<Question>, Vec<u32>) {
    let all = db.indicators();
    let mut by_key: hashbrown::HashMap<(&str, &str, Cow<'_, str>), u32> = hashbrown::HashMap::new();
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut question_of = Vec::with_capacity(all.len());
    for (i, ind) in all.iter().enumerate() {
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        // Without a metric a figure answers its own question: its id keys it.
        let metric: &str = ind.metric.as_deref().unwrap_or(&ind.id);
        let key = (metric, &*ind.unit, scope_key(ind.scope.as_deref().unwrap_or("")));
        let next = u32::try_from(members.len()).unwrap_or(u32::MAX);
        let q = *by_key.entry(key).or_insert(next);
        if q == next {
            members.push(Vec::new());
        }
        members[q as usize].push(index);
        question_of.push(q);
    }
    let questions = members
        .into_iter()
        .map(|mut members| {
            // Stable: figures of one date keep their dataset order.
            members.sort_by_key(|m| all[*m as usize].as_of);
            let mut latest_from = 0;
            let mut conflict_dates = Vec::new();
            let mut pairs = Vec::new();
            let mut start = 0;
            while start < members.len() {
                let first = &all[members[start] as usize];
                let end = start
                    + members[start..]
                        .iter()
                        .take_while(|m| same_time(first, &all[**m as usize]))
                        .count();
                let before = pairs.len();
                pairs.extend(disagreeing_pairs(&members[start..end], all));
                if pairs.len() > before {
                    for m in &members[start..end] {
                        if !conflict_dates.contains(&all[*m as usize].as_of) {
                            conflict_dates.push(all[*m as usize].as_of);
                        }
                    }
                }
                latest_from = start;
                start = end;
            }
            Question {
                members,
                latest_from,
                conflict_dates,
                pairs,
            }
        })
        .collect();
    (questions, question_of)
}

/// Days a figure that is not a price stays the same question's figure for the same time:
/// two reports within a week of each other (a count of firms on 11 and on 17 October)
/// describe one state of the cluster.
const SAME_WEEK: i64 = 7;

/// Whether `b`, dated on or after `a`, is a figure for the same time: the same date as
/// written, or, for a figure that is not a price, both dated to the day and at most
/// [`SAME_WEEK`] days apart. Prices (a unit per something: yuan/g) move from day to day.
fn same_time(a: &Indicator, b: &Indicator) -> bool {
    if a.as_of == b.as_of {
        return true;
    }
    let price = a.unit.contains('/');
    match (day_number(a.as_of), day_number(b.as_of)) {
        (Some(x), Some(y)) => !price && (y - x).abs() <= SAME_WEEK,
        _ => false,
    }
}

/// Days since 1970-01-01 of a date given to the day (the civil calendar's count).
fn day_number(date: Date) -> Option<i64> {
    let (y, m, d) = (i64::from(date.year()), i64::from(date.month()?), i64::from(date.day()?));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Whether two figures for one time disagree: they share no source and cannot both
/// be true ("more than 10,000" against "nearly 9,000"; 120 against 717 stores). Figures
/// that can are no conflict however they are worded: "more than 50 %" and "more than 70 %"
/// (three trials read the pair as compatible bounds, not a contradiction), "about 9,000"
/// and "more than 9,000", "more than 10 billion" and 13.39 billion two days later. One
/// source giving two figures for a day is reporting a change within it (a price at
/// 2:30 pm and at 6:30 pm), not a conflict between sources.
fn disagree(a: &Indicator, b: &Indicator) -> bool {
    !overlap(bounds(a), bounds(b)) && !a.sources.iter().any(|x| b.sources.iter().any(|y| x.source == y.source))
}

/// The pairs of `figures` (of one time) that [`disagree`], each once, in their order.
fn disagreeing_pairs<'a>(figures: &'a [u32], all: &'a [Indicator]) -> impl Iterator<Item = (u32, u32)> + 'a {
    figures.iter().enumerate().flat_map(move |(i, a)| {
        figures[i + 1..]
            .iter()
            .filter(move |b| disagree(&all[*a as usize], &all[**b as usize]))
            .map(move |b| (*a, *b))
    })
}

/// The values a figure allows, as its wording puts it: "about" within a twentieth either
/// way, "nearly" up to a twentieth below, "more than" and "less than" open on one side,
/// a range (`value_max`) its span.
fn bounds(ind: &Indicator) -> (f64, f64) {
    let (low, high) = (ind.value, ind.value_max.filter(|m| *m > ind.value).unwrap_or(ind.value));
    let slack = |v: f64| v.abs() / 20.0;
    match ind.qualifier {
        Qualifier::Exact => (low, high),
        Qualifier::About => (low - slack(low), high + slack(high)),
        Qualifier::Nearly => (low - slack(low), high),
        Qualifier::MoreThan => (low, f64::INFINITY),
        Qualifier::LessThan => (f64::NEG_INFINITY, high),
    }
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_from_1970_and_only_for_a_day() {
        assert_eq!(day_number(Date::parse("1970-01-01").unwrap()), Some(0));
        assert_eq!(day_number(Date::parse("2024-03-01").unwrap()), Some(19_783));
        assert_eq!(day_number(Date::parse("2024-03").unwrap()), None);
    }

    /// A weaker newer figure names the newest earlier one that agrees on a better
    /// source within a year; not one that disagrees, nor one over a year old, nor a
    /// weaker or equal one.
    #[test]
    fn an_earlier_figure_on_a_better_source_is_named() {
        let db = crate::data::load::load_slice(
            "test.json",
            br#"{"format": "shuibei/1", "cluster": {"name": "C"},
              "sources": [{"id": "h", "title": "H", "reliability": "high"}, {"id": "m", "title": "M", "reliability": "medium"}, {"id": "l", "title": "L", "reliability": "low"}],
              "indicators": [
                {"id": "old", "name": "Firms", "metric": "firms", "value": 9000, "qualifier": "about", "unit": "firms", "as_of": "2024-02", "sources": [{"source": "h"}]},
                {"id": "march", "name": "Firms", "metric": "firms", "value": 9000, "qualifier": "more-than", "unit": "firms", "as_of": "2025-03-13", "sources": [{"source": "h"}]},
                {"id": "may", "name": "Firms", "metric": "firms", "value": 5000, "unit": "firms", "as_of": "2025-05", "sources": [{"source": "h"}]},
                {"id": "june", "name": "Firms", "metric": "firms", "value": 9000, "unit": "firms", "as_of": "2025-06", "sources": [{"source": "l"}]},
                {"id": "oct", "name": "Firms", "metric": "firms", "value": 9000, "qualifier": "nearly", "unit": "firms", "as_of": "2025-10-17", "sources": [{"source": "l"}]},
                {"id": "med", "name": "Firms", "metric": "firms", "value": 9100, "unit": "firms", "as_of": "2026-04", "sources": [{"source": "m"}]}]}"#,
        )
        .unwrap();
        let questions = Questions::build(&db);
        let named = |i: usize| {
            questions
                .better_sourced_before(&db, i)
                .map(|m| db.indicators()[m as usize].id.to_string())
        };
        assert_eq!(named(4).as_deref(), Some("march"), "not May's 5,000, nor June's low");
        assert_eq!(named(3).as_deref(), Some("march"));
        assert_eq!(named(1), None, "2024-02 is over a year before");
        assert_eq!(
            named(5),
            None,
            "March 2025 is over a year before April 2026; October is weaker"
        );
        assert_eq!(named(99), None);
    }

    /// Each figure names the figures it disagrees with, and only those: of three figures
    /// of one year, the one compatible with both names none, though its year is marked.
    #[test]
    fn a_figure_names_the_figures_it_disagrees_with() {
        let db = crate::data::load::load_slice(
            "test.json",
            br#"{"format": "shuibei/1", "cluster": {"name": "C"},
              "sources": [{"id": "a", "title": "A", "reliability": "high"}, {"id": "b", "title": "B", "reliability": "low"}],
              "indicators": [
                {"id": "low", "name": "Firms", "metric": "firms", "value": 2000, "unit": "firms", "as_of": "2008", "sources": [{"source": "a"}]},
                {"id": "high", "name": "Firms", "metric": "firms", "value": 3000, "unit": "firms", "as_of": "2008", "sources": [{"source": "b"}]},
                {"id": "any", "name": "Firms", "metric": "firms", "value": 1000, "qualifier": "more-than", "unit": "firms", "as_of": "2008"},
                {"id": "later", "name": "Firms", "metric": "firms", "value": 9000, "unit": "firms", "as_of": "2025"}]}"#,
        )
        .unwrap();
        let questions = Questions::build(&db);
        let ids = |i: usize| -> Vec<&str> {
            questions
                .disagreeing(i)
                .iter()
                .map(|m| &*db.indicators()[*m as usize].id)
                .collect()
        };
        assert_eq!(ids(0), ["high"]);
        assert_eq!(ids(1), ["low"]);
        assert!(ids(2).is_empty(), "more than 1,000 can be either");
        assert!(questions.question(2).unwrap().conflicts(&db, 2), "its year is marked");
        assert!(ids(3).is_empty());
        assert!(questions.disagreeing(99).is_empty());
    }
}
