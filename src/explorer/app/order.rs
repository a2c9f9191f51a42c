//! The order of a tab's rows: its natural order, or a chosen column's either way.
//!
//! Sorting a million records by a column's text takes a second or more (each cell made
//! and lowered, then compared), too long to hold the screen. So a long list sorts by
//! *ranks*: every record's place in the whole tab sorted by that column and direction,
//! computed once per column and direction, off the UI thread ([`ranks`], asked for by
//! [`Effect::Rank`](crate::explorer::app::Effect::Rank)). Any subset of the rows (a
//! filter's, a search's matches) then sorts by rank in milliseconds, in exactly the order
//! a direct sort gives. Until its ranks arrive, a list shows its rows in dataset order
//! and its title says it is sorting. Short lists sort at once, as before.

use std::sync::Arc;

use crate::data::citations::Citations;
use crate::data::db::Db;
use crate::explorer::action::Tab;
use crate::explorer::tabs;

/// Lists this long or shorter sort at once: well under a frame's time.
pub const AT_ONCE: usize = 50_000;

/// A column and a direction (`true`: descending): what ranks are kept for.
pub type Key = (usize, bool);

/// Every record's place in its tab sorted by one column, one way.
pub type Ranks = Arc<Vec<u32>>;

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
    let (mut filled, blank): (Vec<u32>, Vec<u32>) = rows
        .into_iter()
        .partition(|i| !tabs::row_cell(db, citations, tab, *i, column).is_empty());
    filled.extend(blank);
    filled
}

/// Every record's place in a record tab sorted by `key` ([`by_column`] over all its
/// rows): a row's rank is its position in that order.
#[must_use]
pub fn ranks(db: &Db, tab: Tab, key: Key) -> Vec<u32> {
    let all = u32::try_from(tabs::len(db, tab)).unwrap_or(u32::MAX);
    let order = by_column(db, None, tab, key, (0..all).collect());
    let mut ranks = vec![u32::MAX; order.len()];
    for (place, row) in (0u32..).zip(&order) {
        ranks[*row as usize] = place;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Db {
        crate::data::load::embedded().expect("the shipped dataset loads")
    }

    fn by_rank(ranks: &[u32], mut rows: Vec<u32>) -> Vec<u32> {
        rows.sort_unstable_by_key(|i| ranks[*i as usize]);
        rows
    }

    #[test]
    fn rows_sorted_by_rank_are_in_the_order_a_direct_sort_gives() {
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
                    let ranks = ranks(&db, tab, key);
                    for rows in &subsets {
                        assert_eq!(
                            by_rank(&ranks, rows.clone()),
                            by_column(&db, None, tab, key, rows.clone()),
                            "{tab:?} column {column} descending {descending}"
                        );
                    }
                }
            }
        }
    }
}
