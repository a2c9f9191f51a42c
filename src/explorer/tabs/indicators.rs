//! The Indicators tab: each figure as a person reads it, with its date, scope and group;
//! figures sort by value (within a unit) and dates by date. Names get the width they need
//! before figures get more than theirs. The detail's chart is in `ui::chart`.

use rayon::slice::ParallelSliceMut;

use super::column::{Column, SRC, SRC_WIDTH, Width, col, sparse};
use crate::data::db::Db;
use crate::data::present;

pub(super) const COLUMNS: &[Column] = &[
    col("Indicator", Width::Content { min: 14, max: 52 }, true, 10),
    col("Value", Width::Content { min: 18, max: 28 }, true, 9),
    col("As of", Width::Whole { max: 10 }, true, 8),
    sparse("Scope", Width::Fill { weight: 2, min: 8 }, true, 6),
    sparse("Group", Width::Fill { weight: 1, min: 6 }, true, 5),
    col(SRC, SRC_WIDTH, true, 7),
];

pub const VALUE: usize = 1;
const AS_OF: usize = 2;

pub(super) fn cell(db: &Db, i: usize, column: usize) -> String {
    let ind = &db.indicators()[i];
    match column {
        0 => ind.name.to_string(),
        VALUE => present::figure(ind),
        AS_OF => ind.as_of.to_string(),
        3 => ind.scope.as_deref().unwrap_or("").to_owned(),
        _ => ind.group.as_deref().unwrap_or("").to_owned(),
    }
}

/// Columns ordered by value rather than text; returns whether it sorted.
pub(super) fn sort(db: &Db, column: usize, rows: &mut [u32]) -> bool {
    let all = db.indicators();
    match column {
        VALUE => rows.par_sort_by(|a, b| {
            let (x, y) = (&all[*a as usize], &all[*b as usize]);
            x.unit.cmp(&y.unit).then(x.value.total_cmp(&y.value))
        }),
        AS_OF => rows.par_sort_by_key(|i| all[*i as usize].as_of),
        _ => return false,
    }
    true
}
