//! The Brands tab: brand, owner, segment and honours; `v` groups the rows by segment
//! (the view does the grouping, the list writes each segment once).

use super::column::{Column, SRC, SRC_WIDTH, Width, chinese_name, col, sparse};
use crate::data::db::Db;
use crate::data::present;

pub(super) const COLUMNS: &[Column] = &[
    col("Brand", Width::Fill { weight: 2, min: 14 }, true, 10),
    col("中文", Width::Fill { weight: 1, min: 8 }, true, 9),
    sparse("Owner", Width::Fill { weight: 3, min: 10 }, true, 7),
    sparse("Segment", Width::Fill { weight: 2, min: 8 }, true, 6),
    sparse("Honours", Width::Fill { weight: 3, min: 8 }, true, 5),
    col(SRC, SRC_WIDTH, true, 8),
];

/// The column that grouping by segment writes once per group.
pub const SEGMENT: usize = 3;
const HONOURS: usize = 4;

pub(super) fn cell(db: &Db, i: usize, column: usize) -> String {
    let b = &db.brands()[i];
    match column {
        0 => b.name.to_string(),
        1 => chinese_name(&b.name, b.name_zh.as_deref()).to_owned(),
        2 => db.owner_of(i).map(|o| present::label(db, o)).unwrap_or_default(),
        SEGMENT => b.segment.as_deref().unwrap_or("").to_owned(),
        _ => {
            let titles = b
                .honors
                .iter()
                // The year first: a long title ("中国驰名商标 (China Well-known
                // Trademark)") would cut it off, and "which brand, when" is the question.
                .map(|h| match h.year {
                    Some(y) => format!("{y} {}", h.title),
                    None => h.title.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            // The count first: a narrow column cuts the titles, and many brands share
            // the first one (中国驰名商标).
            match b.honors.len() {
                0 => String::new(),
                1 => titles,
                n => format!("{n} · {titles}"),
            }
        }
    }
}

/// The honours column orders by how many honours a brand has; returns whether it sorted.
pub(super) fn sort(db: &Db, column: usize, rows: &mut [u32]) -> bool {
    if column == HONOURS {
        rows.sort_by_key(|i| db.brands()[*i as usize].honors.len());
        return true;
    }
    false
}
