//! The History tab: a timeline, oldest first (the view orders it by date; `r` reverses).

use super::column::{Column, SRC, SRC_WIDTH, Width, col, joined, sparse};
use crate::data::db::Db;
use crate::data::present;
use unicode_width::UnicodeWidthStr;

pub(super) const COLUMNS: &[Column] = &[
    col(
        "Date",
        Width::Label {
            short: SHORT_DATE_WIDTH,
            max: DATE_WIDTH,
        },
        false,
        9,
    ),
    col("Event", Width::Fill { weight: 4, min: 28 }, false, 10),
    sparse("Tags", Width::Fill { weight: 1, min: 8 }, false, 6),
    col(SRC, SRC_WIDTH, false, 8),
];

/// The Date column's widest: a label wider than it gives way to the date itself.
const DATE_WIDTH: u16 = 18;

/// The Date column's narrowest: a date marked as not exact (`~2026-02-21`); a label wider
/// than the column gives way to it ([`short_date`]), so the titles keep the room.
pub const SHORT_DATE_WIDTH: u16 = 11;

/// The Event column shows the title and, after ` · `, the Chinese title.
pub const TITLE_SEPARATOR: &str = " · ";

pub(super) fn cell(db: &Db, i: usize, column: usize) -> String {
    let e = &db.history()[i];
    match column {
        0 => {
            // A label that the column would cut ("Spring Festival h…") gives way to the
            // date it is sorted by, marked as not exact (~2026-02-21): the list is a
            // timeline, and the detail pane shows the whole label.
            let label = list_date(&present::event_date(e.date_label.as_deref(), e.date));
            // "Undated …" says only that the label is long: the date it is sorted by says more.
            if label.width() <= usize::from(DATE_WIDTH) && !label.starts_with("Undated") {
                label
            } else {
                short_date(db, i)
            }
        }
        1 => match &e.title_zh {
            Some(zh) => format!("{}{TITLE_SEPARATOR}{zh}", e.title),
            None => e.title.to_string(),
        },
        _ => joined(&e.tags),
    }
}

/// An event's date in a column too narrow for its label: the date itself when the label
/// says just that date ("Announced 9 February 2026", "October 2016"), else marked as not
/// exact (~2026-02-21; see [`present::exact_date`]). At most [`SHORT_DATE_WIDTH`] wide.
#[must_use]
pub fn short_date(db: &Db, i: usize) -> String {
    let e = &db.history()[i];
    if present::exact_date(e.date_label.as_deref(), e.date) {
        e.date.to_string()
    } else {
        not_exact(e.date)
    }
}

/// The Date column in date order: its cells are labels ("August 2006 …", ~2026-02-21),
/// whose text would sort the timeline out of order.
pub(super) fn sort(db: &Db, column: usize, rows: &mut [u32]) -> bool {
    if column == 0 {
        rows.sort_by_key(|i| db.history()[*i as usize].date);
        return true;
    }
    false
}

/// The date an event is sorted by, in place of a label too long to show: marked `~`,
/// since the label says something else (about, from … to, by, a holiday).
#[must_use]
pub fn not_exact(date: crate::data::model::Date) -> String {
    format!("~{date}")
}

/// A date label's head for the narrow Date column: "August 2006 (notice until
/// 2006-08-12)" reads "August 2006 …"; the detail pane shows the whole label.
fn list_date(label: &str) -> String {
    match label.split_once(" (") {
        Some((head, _)) if !head.is_empty() => format!("{head} …"),
        _ => label.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No date in the list is cut: a label the column cannot hold shows its date.
    #[test]
    fn every_date_fits_its_column() {
        let db = crate::data::load::embedded().unwrap();
        let mut long = 0;
        for (i, e) in db.history().iter().enumerate() {
            let shown = cell(&db, i, 0);
            assert!(shown.width() <= usize::from(DATE_WIDTH), "{shown:?}");
            assert!(!shown.starts_with("Undated"), "{shown:?}: the date says more");
            if shown == not_exact(e.date) {
                assert!(e.date_label.is_some(), "{shown:?}: only a label gives way");
                long += 1;
            }
        }
        assert!(long > 0, "the shipped data has labels too long for the column");
    }

    /// In a narrow Date column every label gives way to a date that fits it.
    #[test]
    fn every_short_date_fits_the_narrow_column() {
        let db = crate::data::load::embedded().unwrap();
        for i in 0..db.history().len() {
            let short = short_date(&db, i);
            assert!(short.width() <= usize::from(SHORT_DATE_WIDTH), "{short:?}");
        }
        let i = db
            .history()
            .iter()
            .position(|e| e.date_label.as_deref() == Some("Mid-to-late 1990s"))
            .expect("the shipped data has the label");
        assert_eq!(short_date(&db, i), not_exact(db.history()[i].date));
    }

    /// A label too long for the column that names the date's own day shows the date
    /// without `~`; a label of a span, of nearness or of another day keeps it (which
    /// labels do: `present::exact_date`).
    #[test]
    fn a_date_shown_for_a_label_is_marked_only_when_not_the_labels_day() {
        let db = crate::data::load::embedded().unwrap();
        let i = db
            .history()
            .iter()
            .position(|e| e.date_label.as_deref() == Some("Announced 9 February 2026"))
            .expect("the shipped data has the label");
        assert_eq!(cell(&db, i, 0), "2026-02-09");
        let i = db
            .history()
            .iter()
            .position(|e| e.date_label.as_deref() == Some("From about 20–21 January 2026"))
            .expect("the shipped data has the label");
        assert_eq!(cell(&db, i, 0), "~2026-01-20");
    }
}
