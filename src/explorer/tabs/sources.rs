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

pub(super) const DATE: usize = 2;
/// The column of citing-record counts.
pub const CITED: usize = 3;
const RELIABILITY: usize = 4;

pub(super) fn cell(db: &Db, citations: Option<&Citations>, i: usize, column: usize) -> String {
    let s = &db.sources()[i];
    match column {
        0 => s.title.to_string(),
        1 => s.publisher.as_deref().unwrap_or("").to_owned(),
        DATE => s.date.map(|d| d.to_string()).unwrap_or_default(),
        CITED => citations.map_or_else(|| "…".to_owned(), |c| cited(c.count(i))),
        _ => reliability_word(Some(s.reliability)).to_owned(),
    }
}

/// A count in the Cited column's five places: exact below 100,000, then in thousands
/// and millions (a million synthetic records cite one source; `1000…` said nothing).
fn cited(n: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // one decimal of millions is all that shows
    match n {
        0..100_000 => n.to_string(),
        100_000..999_500 => format!("{}k", (n + 500) / 1000),
        999_500..9_950_000 => format!("{:.1}M", n as f64 / 1e6),
        _ => format!("{}M", (n + 500_000) / 1_000_000),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citing_counts_fit_the_column() {
        for (n, shown) in [
            (0, "0"),
            (99_999, "99999"),
            (100_000, "100k"),
            (999_499, "999k"),
            (999_500, "1.0M"),
            (1_000_000, "1.0M"),
            (9_949_999, "9.9M"),
            (9_950_000, "10M"),
            (123_456_789, "123M"),
        ] {
            assert_eq!(cited(n), shown, "{n}");
        }
        for n in [
            0, 7, 99_999, 100_000, 999_499, 999_500, 9_949_999, 9_950_000, 99_999_999,
        ] {
            assert!(cited(n).len() <= 5, "{n}: {}", cited(n));
        }
    }
}
