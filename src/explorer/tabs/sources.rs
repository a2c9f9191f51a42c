//! The Sources tab: every source with its publisher, date, how many records cite it and
//! its reliability. The counts come from `data::citations` (the same rows `export --tab
//! sources` writes); until they are counted the column says so.

use rayon::slice::ParallelSliceMut;

use super::column::{Column, Width, col, reliability_word, sparse};
use crate::data::citations::Citations;
use crate::data::db::Db;

pub(super) const COLUMNS: &[Column] = &[
    col("Source", Width::Fill { weight: 4, min: 20 }, true, 10),
    sparse("Publisher", Width::Fill { weight: 2, min: 10 }, true, 8),
    sparse("Date", Width::Whole { max: 10 }, true, 6),
    col("Cited", Width::Fixed(5), true, 7),
    col("Rel", Width::Fixed(5), true, 9),
];

const DATE: usize = 2;
/// The column of citing-record counts.
pub const CITED: usize = 3;
const RELIABILITY: usize = 4;

pub(super) fn cell(db: &Db, citations: Option<&Citations>, i: usize, column: usize) -> String {
    let s = &db.sources()[i];
    match column {
        0 => s.title.to_string(),
        1 => s.publisher.as_deref().unwrap_or("").to_owned(),
        DATE => s.date.map(|d| d.to_string()).unwrap_or_default(),
        CITED => citations.map_or_else(|| "…".to_owned(), |c| c.count(i).to_string()),
        _ => reliability_word(Some(s.reliability)).to_owned(),
    }
}

/// Columns ordered by value rather than text; returns whether it sorted.
pub(super) fn sort(db: &Db, citations: Option<&Citations>, column: usize, rows: &mut [u32]) -> bool {
    let all = db.sources();
    match column {
        DATE => rows.par_sort_by_key(|i| all[*i as usize].date),
        // The most cited first reads best, but ascending is the rule for every column
        // (S flips it); without the counts the order stays.
        CITED => {
            if let Some(c) = citations {
                rows.par_sort_by_key(|i| c.count(*i as usize));
            }
        }
        RELIABILITY => rows.par_sort_by_key(|i| all[*i as usize].reliability),
        _ => return false,
    }
    true
}
