//! The four tabs, one small module each: what a tab's table shows (its columns, the text
//! of each cell, how each column sorts). The state sorts with it and the renderer draws
//! with it, so the two agree. Functions here dispatch to the tab's module.
//!
//! Pure functions of the `Db`; no styles, no terminal.

mod brands;
mod column;
mod enterprises;
mod history;
mod indicators;

use rayon::slice::ParallelSliceMut;

use crate::data::db::{Db, Rec};
use crate::data::model::{RecordKind, Reliability};

pub use brands::SEGMENT as BRAND_SEGMENT;
pub use column::{Column, Width};
pub use history::TITLE_SEPARATOR;
pub use indicators::VALUE as INDICATOR_VALUE;

/// The columns of a tab, left to right.
#[must_use]
pub fn columns(kind: RecordKind) -> &'static [Column] {
    match kind {
        RecordKind::History => history::COLUMNS,
        RecordKind::Enterprise => enterprises::COLUMNS,
        RecordKind::Brand => brands::COLUMNS,
        RecordKind::Indicator => indicators::COLUMNS,
    }
}

/// The short reliability mark shown in the `Src` column: the weakest source of the record.
#[must_use]
pub fn reliability_mark(reliability: Option<Reliability>) -> &'static str {
    match reliability {
        Some(Reliability::High) => "high",
        Some(Reliability::Medium) => "med",
        Some(Reliability::Low) => "LOW",
        None => "none",
    }
}

/// The text of one cell, as shown (before fitting to the column's width).
#[must_use]
pub fn cell(db: &Db, rec: Rec, column: usize) -> String {
    if column + 1 == columns(rec.kind).len() {
        return reliability_mark(db.weakest_source(rec)).to_owned();
    }
    let i = rec.idx();
    match rec.kind {
        RecordKind::History => history::cell(db, i, column),
        RecordKind::Enterprise => enterprises::cell(db, i, column),
        RecordKind::Brand => brands::cell(db, i, column),
        RecordKind::Indicator => indicators::cell(db, i, column),
    }
}

/// Sorts rows of a tab by a column, ascending; ties keep dataset order (the sort is
/// stable and the rows arrive in dataset order). A tab may order a column by its value
/// (dates, figures); otherwise by the cell's text, computed once per row, so a million
/// rows sort in well under a second.
pub fn sort(db: &Db, kind: RecordKind, column: usize, rows: &mut [u32]) {
    if column + 1 == columns(kind).len() {
        rows.par_sort_by_key(|i| db.weakest_source(Rec::new(kind, *i as usize)));
        return;
    }
    let sorted = match kind {
        RecordKind::Enterprise => enterprises::sort(db, column, rows),
        RecordKind::Indicator => indicators::sort(db, column, rows),
        RecordKind::Brand => brands::sort(db, column, rows),
        RecordKind::History => false,
    };
    if !sorted {
        rows.par_sort_by_cached_key(|i| cell(db, Rec::new(kind, *i as usize), column).to_lowercase());
    }
}

/// The width of each column in a table `total` columns wide, one space between shown
/// columns; hidden columns get 0. Column `keep` (the one the rows are sorted by) is the
/// last to be hidden, so a sort never orders rows by something off screen.
#[must_use]
pub fn widths(kind: RecordKind, total: u16, keep: Option<usize>) -> Vec<u16> {
    let cols = columns(kind);
    let mut shown: Vec<bool> = vec![true; cols.len()];
    loop {
        let count = shown.iter().filter(|s| **s).count();
        let needed: u16 = cols
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| match c.width {
                Width::Fixed(n) => n,
                Width::Fill { min, .. } => min,
            })
            .sum::<u16>()
            + u16::try_from(count.saturating_sub(1)).unwrap_or(0);
        if needed <= total || count <= 1 {
            let mut widths: Vec<u16> = cols
                .iter()
                .zip(&shown)
                .map(|(c, s)| match (c.width, *s) {
                    (_, false) => 0,
                    (Width::Fixed(n), true) => n,
                    (Width::Fill { min, .. }, true) => min,
                })
                .collect();
            let spare = total.saturating_sub(needed);
            let weights: u16 = cols
                .iter()
                .zip(&shown)
                .filter_map(|(c, s)| match (c.width, *s) {
                    (Width::Fill { weight, .. }, true) => Some(weight),
                    _ => None,
                })
                .sum();
            if weights > 0 {
                let mut given = 0;
                let mut last_fill = None;
                for (i, c) in cols.iter().enumerate() {
                    if let (Width::Fill { weight, .. }, true) = (c.width, shown[i]) {
                        let part =
                            u16::try_from(u32::from(spare) * u32::from(weight) / u32::from(weights)).unwrap_or(0);
                        widths[i] += part;
                        given += part;
                        last_fill = Some(i);
                    }
                }
                if let Some(i) = last_fill {
                    widths[i] += spare - given;
                }
            }
            if needed > total {
                // Only one column left and still too wide: it takes what there is.
                for w in &mut widths {
                    *w = (*w).min(total);
                }
            }
            return widths;
        }
        let drop = cols
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i])
            .min_by_key(|(i, c)| (Some(*i) == keep, c.priority))
            .map(|(i, _)| i);
        if let Some(i) = drop {
            shown[i] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width_and_narrow_tables_hide_the_least_important() {
        for kind in RecordKind::ALL {
            for total in 1..200u16 {
                let widths = widths(kind, total, None);
                let shown = widths.iter().filter(|w| **w > 0).count();
                let used: u16 = widths.iter().sum::<u16>() + u16::try_from(shown.saturating_sub(1)).unwrap();
                assert!(used <= total.max(1), "{kind:?} at {total}: {widths:?}");
                assert!(shown >= 1);
            }
        }
        let narrow = widths(RecordKind::Enterprise, 60, None);
        assert!(narrow[0] > 0 && narrow[1] > 0, "names always shown: {narrow:?}");
        assert_eq!(narrow[6], 0, "listing goes first: {narrow:?}");
        let sorted = widths(RecordKind::Enterprise, 60, Some(6));
        assert!(sorted[0] > 0 && sorted[6] > 0, "the sorted column stays: {sorted:?}");
    }
}
