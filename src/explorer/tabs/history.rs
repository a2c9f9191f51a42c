//! The History tab: a timeline, oldest first (the view orders it by date; `r` reverses).

use super::column::{Column, SRC, SRC_WIDTH, Width, col, joined, sparse};
use crate::data::db::Db;
use crate::data::present;
use unicode_width::UnicodeWidthStr;

pub(super) const COLUMNS: &[Column] = &[
    col("Date", Width::Fixed(SHORT_DATE_WIDTH), false, 9),
    col("Event", Width::Fill { weight: 4, min: 28 }, false, 10),
    sparse("Tags", Width::Fill { weight: 1, min: 8 }, false, 6),
    col(SRC, SRC_WIDTH, false, 8),
];

/// The Date column's width: a date marked as not exact (`~2026-02-21`). Every row
/// shows its date so, however wide the screen ([`short_date`]): labels beside ISO dates
/// read as a column of mixed forms, and the longer ones were cut ("November 2025 …");
/// the detail pane shows the whole label.
pub const SHORT_DATE_WIDTH: u16 = 11;

/// The Event column shows the title and, after ` · `, the Chinese title.
pub const TITLE_SEPARATOR: &str = " · ";

pub(super) fn cell(db: &Db, i: usize, column: usize) -> String {
    let e = &db.history()[i];
    match column {
        0 => short_date(db, i),
        1 => match &e.title_zh {
            Some(zh) => format!("{}{TITLE_SEPARATOR}{zh}", e.title),
            None => e.title.to_string(),
        },
        _ => joined(&e.tags),
    }
}

/// An event's date as the Date column shows it: the date itself when its label says
/// just that date ("Announced 9 February 2026", "October 2016" as 2016-10), a label of
/// years only ("1981–1988") as written, else the date marked as not exact (~2025-11 for
/// "November 2025 (reported 23 November)"; see [`present::exact_date`]). At most
/// [`SHORT_DATE_WIDTH`] wide.
#[must_use]
pub fn short_date(db: &Db, i: usize) -> String {
    let e = &db.history()[i];
    let label = e.date_label.as_deref().unwrap_or("");
    let years_only = !label.is_empty()
        && label.width() <= usize::from(SHORT_DATE_WIDTH)
        && label.chars().all(|c| c.is_ascii_digit() || matches!(c, '–' | '-'));
    if years_only {
        label.to_owned()
    } else if present::exact_date(e.date_label.as_deref(), e.date) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// No date in the list is cut, nor a label: every row shows its date, marked `~`
    /// when its label says more or less than it; years only ("1981–1988") as written.
    #[test]
    fn every_date_fits_its_column() {
        let db = crate::data::load::embedded().unwrap();
        let mut marked = 0;
        for (i, e) in db.history().iter().enumerate() {
            let shown = cell(&db, i, 0);
            assert!(shown.width() <= usize::from(SHORT_DATE_WIDTH), "{shown:?}");
            assert!(
                !shown.contains('…') && !shown.contains(char::is_alphabetic),
                "{shown:?}"
            );
            if shown == not_exact(e.date) {
                assert!(
                    e.date_label.is_some(),
                    "{shown:?}: only a label makes a date approximate"
                );
                marked += 1;
            }
        }
        assert!(marked > 0, "the shipped data has approximate dates");
        let at = |label: &str| {
            let i = db
                .history()
                .iter()
                .position(|e| e.date_label.as_deref() == Some(label))
                .expect("the shipped data has the label");
            cell(&db, i, 0)
        };
        assert_eq!(at("November 2025 (reported 23 November)"), "~2025-11");
        assert_eq!(at("September 2025 (closed before 13 September)"), "~2025-09");
        assert_eq!(at("October 2016"), "2016-10");
        assert_eq!(at("1981–1988"), "1981–1988");
        assert_eq!(at("Early 1990s"), "~1990");
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
