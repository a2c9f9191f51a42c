//! The order of a tab's rows: its natural order, or a chosen column's either way.
//!
//! Sorting a million records by a column's text takes a second or more (each cell made
//! and lowered, then compared), too long to hold the screen. So a long list is ordered
//! by the *whole tab sorted* by that column and direction, computed once per column and
//! direction, off the UI thread ([`whole`], asked for by
//! [`Effect::Sort`](crate::explorer::app::Effect::Sort)). Any subset of the rows (a
//! filter's, a search's matches) is then picked out of it in one pass ([`pick`]), in
//! exactly the order a direct sort gives. Until the whole tab is sorted, a list shows its
//! rows in dataset order and its title says it is sorting. Short lists sort at once.

use std::sync::Arc;

use rayon::prelude::*;

use crate::data::citations::Citations;
use crate::data::db::Db;
use crate::explorer::action::Tab;
use crate::explorer::tabs;

/// Lists this long or shorter sort at once: well under a frame's time.
pub const AT_ONCE: usize = 50_000;

/// A column and a direction (`true`: descending): what a sorted tab is kept for.
pub type Key = (usize, bool);

/// All the rows of a tab, sorted by one column, one way.
pub type Sorted = Arc<Vec<u32>>;

/// Rows of `tab` in `column`'s order, ascending or descending, ties in dataset order
/// either way (the rows arrive in dataset order), rows blank in the column last.
#[must_use]
pub fn by_column(
    db: &Db,
    citations: Option<&Citations>,
    tab: Tab,
    (column, descending): Key,
    mut rows: Vec<u32>,
) -> Vec<u32> {
    // Descending sorts the reversed rows (stably), then reverses them back: ties keep
    // dataset order.
    if descending {
        rows.reverse();
    }
    tabs::sort(db, citations, tab, column, &mut rows);
    if descending {
        rows.reverse();
    }
    // Each row's cell is made again to see it blank: on every core, for a long list.
    let blank: Vec<bool> = rows
        .par_iter()
        .map(|i| tabs::row_cell(db, citations, tab, *i, column).is_empty())
        .collect();
    let filled = rows.iter().zip(&blank).filter(|(_, b)| !**b).map(|(row, _)| *row);
    let blanks = rows.iter().zip(&blank).filter(|(_, b)| **b).map(|(row, _)| *row);
    filled.chain(blanks).collect()
}

/// Rows of `tab` by date, oldest first or `newest` first: History's timeline as `r`
/// steps through it, the other tabs by their date column ([`tabs::date_column`]) as `s`
/// sorts it; rows without a date last either way, ties in the order the rows arrive.
/// `None` for a tab without dates (Brands). `shuibei export --sort date|newest` orders
/// its rows so.
#[must_use]
pub fn by_date(db: &Db, tab: Tab, newest: bool, rows: Vec<u32>) -> Option<Vec<u32>> {
    let column = tabs::date_column(tab)?;
    Some(by_column(db, None, tab, (column, newest), rows))
}

/// All the rows of a record tab sorted by `key` ([`by_column`] over all of them).
#[must_use]
pub fn whole(db: &Db, tab: Tab, key: Key) -> Vec<u32> {
    let all = u32::try_from(tabs::len(db, tab)).unwrap_or(u32::MAX);
    by_column(db, None, tab, key, (0..all).collect())
}

/// `rows` in the order of `sorted` (all the rows of their tab, sorted): one pass over
/// the tab, so a million rows take milliseconds, and the order is exactly
/// [`by_column`]'s for them (a subset of a stably sorted list is the subset stably
/// sorted).
#[must_use]
pub fn pick(sorted: &[u32], rows: &[u32]) -> Vec<u32> {
    let mut shown = vec![false; sorted.len()];
    for row in rows {
        if let Some(s) = shown.get_mut(*row as usize) {
            *s = true;
        }
    }
    sorted.iter().copied().filter(|row| shown[*row as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Db {
        crate::data::load::embedded().expect("the shipped dataset loads")
    }

    #[test]
    fn rows_picked_from_the_sorted_tab_are_in_the_order_a_direct_sort_gives() {
        let db = db();
        for tab in [Tab::Enterprises, Tab::Brands, Tab::Indicators] {
            let all = u32::try_from(tabs::len(&db, tab)).expect("fits");
            let subsets: [Vec<u32>; 3] = [
                (0..all).collect(),
                (0..all).step_by(3).collect(),
                (0..all).filter(|i| i % 7 != 2).collect(),
            ];
            for (column, _) in tabs::columns(tab).iter().enumerate().filter(|(_, c)| c.sortable) {
                for descending in [false, true] {
                    let key = (column, descending);
                    let sorted = whole(&db, tab, key);
                    for rows in &subsets {
                        assert_eq!(
                            pick(&sorted, rows),
                            by_column(&db, None, tab, key, rows.clone()),
                            "{tab:?} column {column} descending {descending}"
                        );
                    }
                }
            }
        }
    }
}
