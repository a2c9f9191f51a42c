//! The columns of each tab's table: titles, widths, cell text and sort order. Both the
//! state (sorting) and the renderer (cells) read this one definition.
//!
//! Pure functions of the `Db`; no styles, no terminal.

use rayon::slice::ParallelSliceMut;

use crate::db::{Db, Rec};
use crate::model::{Enterprise, RecordKind, Reliability};
use crate::present;

/// How wide a column wants to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Exactly this many columns.
    Fixed(u16),
    /// A share of what is left, never below `min`.
    Fill { weight: u16, min: u16 },
}

/// One column of a tab's table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub width: Width,
    /// Whether `s` stops on this column.
    pub sortable: bool,
    /// When the table is too narrow, columns with the lowest priority are hidden first.
    pub priority: u8,
}

const fn col(title: &'static str, width: Width, sortable: bool, priority: u8) -> Column {
    Column {
        title,
        width,
        sortable,
        priority,
    }
}

/// The width of each column in a table `total` columns wide, one space between shown
/// columns; hidden columns get 0.
#[must_use]
pub fn widths(kind: RecordKind, total: u16) -> Vec<u16> {
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
            .min_by_key(|(_, c)| c.priority)
            .map(|(i, _)| i);
        if let Some(i) = drop {
            shown[i] = false;
        }
    }
}

const HISTORY: &[Column] = &[
    col("Date", Width::Fixed(18), false, 9),
    col("Event", Width::Fill { weight: 3, min: 16 }, false, 10),
    col("Tags", Width::Fill { weight: 1, min: 8 }, false, 6),
    col("Src", Width::Fixed(4), false, 8),
];

const ENTERPRISES: &[Column] = &[
    col("Name", Width::Fill { weight: 3, min: 12 }, true, 10),
    col("中文名", Width::Fill { weight: 3, min: 10 }, true, 9),
    col("Kind", Width::Fixed(12), true, 6),
    col("Ownership", Width::Fixed(12), true, 5),
    col("Segments", Width::Fill { weight: 2, min: 8 }, true, 4),
    col("Founded", Width::Fixed(7), true, 3),
    col("Listing", Width::Fixed(12), true, 2),
    col("Src", Width::Fixed(4), true, 8),
];

const BRANDS: &[Column] = &[
    col("Brand", Width::Fill { weight: 2, min: 10 }, true, 10),
    col("中文", Width::Fill { weight: 1, min: 6 }, true, 9),
    col("Owner", Width::Fill { weight: 3, min: 10 }, true, 7),
    col("Segment", Width::Fill { weight: 2, min: 8 }, true, 6),
    col("Honours", Width::Fill { weight: 3, min: 8 }, true, 5),
    col("Src", Width::Fixed(4), true, 8),
];

const INDICATORS: &[Column] = &[
    col("Indicator", Width::Fill { weight: 4, min: 14 }, true, 10),
    col("Value", Width::Fill { weight: 3, min: 12 }, true, 9),
    col("As of", Width::Fixed(10), true, 8),
    col("Scope", Width::Fill { weight: 2, min: 8 }, true, 6),
    col("Group", Width::Fill { weight: 1, min: 6 }, true, 5),
    col("Src", Width::Fixed(4), true, 7),
];

/// The columns of a tab, left to right.
#[must_use]
pub fn columns(kind: RecordKind) -> &'static [Column] {
    match kind {
        RecordKind::History => HISTORY,
        RecordKind::Enterprise => ENTERPRISES,
        RecordKind::Brand => BRANDS,
        RecordKind::Indicator => INDICATORS,
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

fn listing(e: &Enterprise) -> String {
    e.listings
        .first()
        .map(|l| format!("{} {}", l.exchange, l.code))
        .unwrap_or_default()
}

fn joined(items: &[crate::model::Sym]) -> String {
    items.iter().map(|s| &**s).collect::<Vec<_>>().join(", ")
}

/// The text of one cell, as shown (before fitting to the column's width).
#[must_use]
pub fn cell(db: &Db, rec: Rec, column: usize) -> String {
    let i = rec.idx();
    if column + 1 == columns(rec.kind).len() {
        return reliability_mark(db.weakest_source(rec)).to_owned();
    }
    match rec.kind {
        RecordKind::History => {
            let e = &db.history()[i];
            match column {
                0 => present::event_date(e.date_label.as_deref(), e.date),
                1 => match &e.title_zh {
                    Some(zh) => format!("{} · {zh}", e.title),
                    None => e.title.to_string(),
                },
                _ => joined(&e.tags),
            }
        }
        RecordKind::Enterprise => {
            let e = &db.enterprises()[i];
            match column {
                0 => e.name.to_string(),
                1 => e.name_zh.as_deref().unwrap_or("").to_owned(),
                2 => e.kind.map(|k| k.to_string()).unwrap_or_default(),
                3 => e.ownership.map(|o| o.to_string()).unwrap_or_default(),
                4 => joined(&e.segments),
                5 => e.founded.map(|d| d.year().to_string()).unwrap_or_default(),
                _ => listing(e),
            }
        }
        RecordKind::Brand => {
            let b = &db.brands()[i];
            match column {
                0 => b.name.to_string(),
                1 => b.name_zh.as_deref().unwrap_or("").to_owned(),
                2 => db.owner_of(i).map(|o| present::label(db, o)).unwrap_or_default(),
                3 => b.segment.as_deref().unwrap_or("").to_owned(),
                _ => b
                    .honors
                    .iter()
                    .map(|h| match h.year {
                        Some(y) => format!("{} {y}", h.title),
                        None => h.title.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        }
        RecordKind::Indicator => {
            let ind = &db.indicators()[i];
            match column {
                0 => ind.name.to_string(),
                1 => present::figure(ind),
                2 => ind.as_of.to_string(),
                3 => ind.scope.as_deref().unwrap_or("").to_owned(),
                _ => ind.group.as_deref().unwrap_or("").to_owned(),
            }
        }
    }
}

/// Sorts rows of a tab by a column, ascending; ties keep dataset order (the sort is
/// stable and the rows arrive in dataset order). Text keys are computed once per row,
/// so a million rows sort in well under a second.
pub fn sort(db: &Db, kind: RecordKind, column: usize, rows: &mut [u32]) {
    let last = columns(kind).len() - 1;
    match (kind, column) {
        (RecordKind::Enterprise, 5) => rows.par_sort_by_key(|i| db.enterprises()[*i as usize].founded),
        (RecordKind::Indicator, 1) => rows.par_sort_by(|a, b| {
            let (ia, ib) = (&db.indicators()[*a as usize], &db.indicators()[*b as usize]);
            ia.unit.cmp(&ib.unit).then(ia.value.total_cmp(&ib.value))
        }),
        (RecordKind::Indicator, 2) => rows.par_sort_by_key(|i| db.indicators()[*i as usize].as_of),
        (_, c) if c == last => rows.par_sort_by_key(|i| db.weakest_source(Rec::new(kind, *i as usize))),
        _ => rows.par_sort_by_cached_key(|i| cell(db, Rec::new(kind, *i as usize), column).to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width_and_narrow_tables_hide_the_least_important() {
        for kind in RecordKind::ALL {
            for total in 1..200u16 {
                let widths = widths(kind, total);
                let shown = widths.iter().filter(|w| **w > 0).count();
                let used: u16 = widths.iter().sum::<u16>() + u16::try_from(shown.saturating_sub(1)).unwrap();
                assert!(used <= total.max(1), "{kind:?} at {total}: {widths:?}");
                assert!(shown >= 1);
            }
        }
        let narrow = widths(RecordKind::Enterprise, 60);
        assert!(narrow[0] > 0 && narrow[1] > 0, "names always shown: {narrow:?}");
        assert_eq!(narrow[6], 0, "listing goes first: {narrow:?}");
    }
}
