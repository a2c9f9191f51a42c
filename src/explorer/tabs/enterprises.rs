//! The Enterprises tab: names in English and Chinese, then what an analyst needs most:
//! the listing (a delisted one marked), segments, place and a registry list's status;
//! then kind, founding year, ownership and credit code, which give way first on a narrow
//! screen, and so do the listing, segments, status and code when blank in most rows
//! (the shipped enterprises have no registry). Every column sorts, the founding year by
//! date.

use rayon::slice::ParallelSliceMut;

use super::column::{Column, SRC, SRC_WIDTH, Width, chinese_name, col, joined, sparse};
use crate::data::db::Db;
use crate::data::model::Enterprise;
use crate::data::places::districts;

pub(super) const COLUMNS: &[Column] = &[
    // The name reads in 32 ("Luohu District People's Government") before Place and Kind
    // show: at 80 columns it was cut at 27 beside a Listing column blank in most rows.
    col("Name", Width::Fill { weight: 4, min: 18 }, true, 10).reads_in(32),
    // Blank for a registry list's names, which are Chinese: it yields there.
    sparse("中文名", Width::Fill { weight: 2, min: 10 }, true, 9),
    // The listing and the segments are blank for most of the shipped enterprises (78 and
    // 62 of 93): when they are, they give way first, as the README says.
    sparse("Listing", Width::Fill { weight: 1, min: 12 }, true, 8),
    sparse("Segments", Width::Fill { weight: 1, min: 10 }, true, 6),
    // A registry list's: two companies of one name (one revoked, one active) tell apart
    // in the list. Blank for the shipped enterprises, so it yields there; before Place
    // of the same priority, it gives way first.
    sparse("Status", Width::Fixed(11), true, 5),
    col("Place", Width::Fill { weight: 2, min: 10 }, true, 5),
    sparse("Kind", Width::Fixed(12), true, 4),
    sparse("Founded", Width::Fixed(7), true, 3),
    sparse("Ownership", Width::Fixed(12), true, 2),
    sparse("Credit code", Width::Fixed(18), true, 1),
    col(SRC, SRC_WIDTH, true, 7),
];

const LISTING: usize = 2;
const SEGMENTS: usize = 3;
const STATUS: usize = 4;
const PLACE: usize = 5;
const KIND: usize = 6;
pub(super) const FOUNDED: usize = 7;
const OWNERSHIP: usize = 8;

/// How a delisted listing is marked in the Listing column (the detail gives the date).
pub const DELISTED: &str = "✗";

/// The listing cell: current listings first, then delisted ones marked `✗`.
fn listing(e: &Enterprise) -> String {
    let current = e.listings.iter().filter(|l| l.is_current());
    let gone = e.listings.iter().filter(|l| !l.is_current());
    current
        .map(|l| format!("{} {}", l.exchange, l.code))
        .chain(gone.map(|l| format!("{DELISTED} {} {}", l.exchange, l.code)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The status cell: the registry's status, else its own words when no status was read
/// from them (the detail says which).
fn status(e: &Enterprise) -> String {
    let Some(r) = e.registry.as_deref() else {
        return String::new();
    };
    match (r.status, r.status_text.as_deref()) {
        (Some(s), _) => s.to_string(),
        (None, Some(own)) => own.to_owned(),
        (None, None) => String::new(),
    }
}

pub(super) fn cell(db: &Db, i: usize, column: usize) -> String {
    let e = &db.enterprises()[i];
    match column {
        0 => e.name.to_string(),
        1 => chinese_name(&e.name, e.name_zh.as_deref()).to_owned(),
        LISTING => listing(e),
        SEGMENTS => joined(&e.segments),
        PLACE => {
            // The district when the data names one; else the place as the data states it.
            let districts = districts(e);
            if districts.is_empty() {
                e.place().unwrap_or("").to_owned()
            } else {
                districts.join(", ")
            }
        }
        STATUS => status(e),
        KIND => e.kind.map(|k| k.to_string()).unwrap_or_default(),
        FOUNDED => e.founded.map(|d| d.year().to_string()).unwrap_or_default(),
        OWNERSHIP => e.ownership.map(|o| o.to_string()).unwrap_or_default(),
        _ => e.credit_code().map(|c| c.as_str().to_owned()).unwrap_or_default(),
    }
}

/// Columns ordered by value rather than text; returns whether it sorted.
pub(super) fn sort(db: &Db, column: usize, rows: &mut [u32]) -> bool {
    if column == FOUNDED {
        rows.par_sort_by_key(|i| db.enterprises()[*i as usize].founded);
        return true;
    }
    if column == LISTING {
        // Listed first, then delisted, then the rest (blank, put last by the view).
        rows.par_sort_by_cached_key(|i| {
            let e = &db.enterprises()[*i as usize];
            (
                !e.listings.iter().any(crate::data::model::Listing::is_current),
                listing(e).to_lowercase(),
            )
        });
        return true;
    }
    false
}
