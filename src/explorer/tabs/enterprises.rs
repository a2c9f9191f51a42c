//! The Enterprises tab: names in English and Chinese, kind, ownership, segments, founding
//! year and listing; every column sorts, the founding year by date.

use rayon::slice::ParallelSliceMut;

use super::column::{Column, SRC, Width, col, joined};
use crate::data::db::Db;

pub(super) const COLUMNS: &[Column] = &[
    col("Name", Width::Fill { weight: 4, min: 22 }, true, 10),
    col("中文名", Width::Fill { weight: 2, min: 12 }, true, 9),
    col("Kind", Width::Fixed(12), true, 7),
    col("Ownership", Width::Fixed(12), true, 5),
    col("Segments", Width::Fill { weight: 1, min: 10 }, true, 6),
    col("Founded", Width::Fixed(7), true, 4),
    col("Listing", Width::Fixed(12), true, 3),
    col(SRC, Width::Fixed(4), true, 8),
];

const FOUNDED: usize = 5;

pub(super) fn cell(db: &Db, i: usize, column: usize) -> String {
    let e = &db.enterprises()[i];
    match column {
        0 => e.name.to_string(),
        1 => e.name_zh.as_deref().unwrap_or("").to_owned(),
        2 => e.kind.map(|k| k.to_string()).unwrap_or_default(),
        3 => e.ownership.map(|o| o.to_string()).unwrap_or_default(),
        4 => joined(&e.segments),
        FOUNDED => e.founded.map(|d| d.year().to_string()).unwrap_or_default(),
        _ => e
            .listings
            .first()
            .map(|l| format!("{} {}", l.exchange, l.code))
            .unwrap_or_default(),
    }
}

/// Columns ordered by value rather than text; returns whether it sorted.
pub(super) fn sort(db: &Db, column: usize, rows: &mut [u32]) -> bool {
    if column == FOUNDED {
        rows.par_sort_by_key(|i| db.enterprises()[*i as usize].founded);
        return true;
    }
    false
}
