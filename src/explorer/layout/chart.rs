//! The indicator chart's content and height: which figures form a series (same metric
//! and unit, by date), which marks its legend explains, and how many lines it wants on
//! top of the detail pane. Pure functions of the dataset; the drawing is `ui::chart`'s.

use crate::data::db::{Db, Rec};
use crate::data::model::{Indicator, Qualifier, RecordKind};
use crate::data::present;

/// The indicators in the same series as `ind` (same metric and unit), by date then file order.
#[must_use]
pub fn series(db: &Db, index: usize) -> Vec<usize> {
    let ind = &db.indicators()[index];
    let Some(metric) = &ind.metric else {
        return vec![index];
    };
    let mut members: Vec<usize> = db
        .indicators()
        .iter()
        .enumerate()
        .filter(|(_, other)| other.metric.as_ref() == Some(metric) && other.unit == ind.unit)
        .map(|(i, _)| i)
        .collect();
    members.sort_by_key(|i| db.indicators()[*i].as_of);
    members
}

#[must_use]
pub fn is_share(ind: &Indicator) -> bool {
    // A change in % (-50 %, +23 %) or a rate (a return) is no part of a whole: no gauge
    // out of 100 %.
    &*ind.unit == "%"
        && !present::is_change(ind)
        && !present::is_rate(ind)
        && (0.0..=100.0).contains(&ind.value)
        && ind.value_max.is_none_or(|m| m <= 100.0)
}

/// How many lines the chart wants, at most `max`.
#[must_use]
pub fn height(db: &Db, rec: Rec, max: u16) -> u16 {
    if rec.kind != RecordKind::Indicator {
        return 0;
    }
    let ind = &db.indicators()[rec.idx()];
    let gauge = if is_share(ind) { 2 } else { 0 };
    let series = series(db, rec.idx());
    let members = series.len();
    let legend = usize::from(legend(db, &series).is_some());
    // The series' heading and legend, then its bars; a series with no room for enough
    // of its bars is summed up in one line instead (see `bars_fit`).
    let bars = match members {
        0 | 1 => 0,
        _ if bars_fit(max, gauge, legend, members) => 1 + legend + members,
        _ => 1,
    };
    let wanted = u16::try_from(gauge + bars + 1).unwrap_or(u16::MAX);
    if gauge + bars == 0 { 0 } else { wanted.min(max) }
}

/// The fewest bars of a series worth a chart.
const MIN_BARS: usize = 3;

/// Whether `max` lines hold a series' heading, its legend (`legend` lines), all its
/// `members`' bars or at least [`MIN_BARS`] of them with the "↑ earlier" and "↓ later"
/// lines around them, and the blank line after, below a gauge of `gauge` lines. One bar
/// between "↑ 5 earlier" and "↓ 3 later" compares nothing, and the pane's text needs the
/// rows more: the chart is then one line that says how many figures the series has and
/// where they all show.
#[must_use]
pub fn bars_fit(max: u16, gauge: usize, legend: usize, members: usize) -> bool {
    let room = usize::from(max).saturating_sub(gauge + 1 + legend + 1);
    room >= members || room >= MIN_BARS + 2
}

/// The meaning of the marks a series' figures carry ("> more than"), for those it uses.
#[must_use]
pub fn legend(db: &Db, members: &[usize]) -> Option<String> {
    let marks: Vec<&str> = [
        (Qualifier::MoreThan, "> more than"),
        (Qualifier::About, "~ about"),
        (Qualifier::Nearly, "≲ nearly"),
        (Qualifier::LessThan, "< less than"),
    ]
    .into_iter()
    .filter(|(q, _)| members.iter().any(|m| db.indicators()[*m].qualifier == *q))
    .map(|(_, text)| text)
    .collect();
    (!marks.is_empty()).then(|| marks.join("  "))
}
