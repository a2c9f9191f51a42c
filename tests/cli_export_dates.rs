//! `shuibei export`'s dates, read back as a spreadsheet and a script read them: in xlsx
//! every date is a date cell shown to its precision (a month-only date was text, and a
//! user's sort of the column split the timeline in two), an event's date that only
//! approximates its label is marked; CSV keeps the ISO text and says which are approximate.

use crate::common;

use calamine::{Data, Reader};
use common::shuibei;

/// The bytes `shuibei ARGS` writes to a file, read back.
fn exported(args: &[&str], name: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut args = args.to_vec();
    args.extend(["--output", path.to_str().unwrap()]);
    let run = shuibei(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read(&path).unwrap()
}

/// A sheet's header and rows, and each cell's number format, as calamine reads them.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<Data>>,
    styles: calamine::StyleRange,
}

impl Sheet {
    fn read(bytes: Vec<u8>, name: &str) -> Sheet {
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range(name).unwrap();
        let mut rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let header = rows.remove(0).iter().map(ToString::to_string).collect();
        let styles = book.worksheet_style(name).unwrap();
        Sheet { header, rows, styles }
    }

    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap()
    }

    /// The number format of a cell, by its row below the header.
    fn format(&self, row: usize, col: usize) -> String {
        let at = (u32::try_from(row + 1).unwrap(), u32::try_from(col).unwrap());
        self.styles
            .get(at)
            .and_then(|s| s.number_format.as_ref())
            .map_or_else(|| "General".to_owned(), |f| f.format_code.clone())
    }
}

/// The user's command: the events of 2025 and 2026 to a workbook. Column B sorts as one
/// timeline (every cell a date), and each cell shows what the data says: `2025-09` as
/// a month, a day as a day, `~` where the explorer writes it.
#[test]
fn every_event_date_in_a_workbook_is_a_date_shown_as_the_data_gives_it() {
    let sheet = Sheet::read(
        exported(
            &["export", "--tab", "history", "--query", "date:2025..2026"],
            "events.xlsx",
        ),
        "History",
    );
    assert_eq!(sheet.header[1], "date", "column B");
    let csv = shuibei(&["export", "--tab", "history", "--query", "date:2025..2026"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let stored: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(stored.len(), sheet.rows.len());
    assert!(stored.len() > 40, "{}", stored.len());
    let (date, approximate) = (sheet.col("date"), sheet.col("date_approximate"));
    let mut precisions = [0; 3];
    let mut serials = Vec::new();
    for (row, (cells, text)) in sheet.rows.iter().zip(&stored).enumerate() {
        // The CSV's date is the ISO text as stored, its `date_approximate` the xlsx's.
        let iso = &text[date];
        let Data::DateTime(dt) = &cells[date] else {
            panic!("row {row}: {iso} is no date cell: {:?}", cells[date]);
        };
        serials.push(dt.as_f64());
        let parts: Vec<u16> = iso.split('-').map(|p| p.parse().unwrap()).collect();
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        let day = [y, u16::from(m), u16::from(d)];
        assert_eq!(&day[..parts.len()], &parts[..], "row {row}: {iso}");
        assert!(
            day[parts.len()..].iter().all(|x| *x == 1),
            "the first of what is known: {iso}"
        );
        let marked = match &cells[approximate] {
            Data::Bool(b) => *b,
            other => panic!("row {row}: date_approximate {other:?}"),
        };
        assert_eq!(&text[approximate], if marked { "true" } else { "false" }, "row {row}");
        let shown = ["yyyy", "yyyy-mm", "yyyy-mm-dd"][parts.len() - 1];
        let format = if marked {
            format!("\"~\"{shown}")
        } else {
            shown.to_owned()
        };
        assert_eq!(sheet.format(row, date), format, "row {row}: {iso}");
        precisions[parts.len() - 1] += 1;
    }
    assert!(
        precisions[1] > 0 && precisions[2] > 0,
        "months and days both: {precisions:?}"
    );
    assert!(serials.is_sorted(), "the events of a date range come as a timeline");
}

/// What the explorer marks `~` the export marks approximate: a label that is a span, a
/// bound or a guess. A label that names the date at its precision is exact.
#[test]
fn an_event_date_is_approximate_where_its_label_says_more_or_less() {
    let run = shuibei(&["export", "--tab", "history"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        &header.iter().collect::<Vec<_>>()[..4],
        ["id", "date", "date_label", "date_approximate"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let by_label = |label: &str| {
        let row = rows
            .iter()
            .find(|r| &r[col("date_label")] == label)
            .unwrap_or_else(|| panic!("the shipped data has {label:?}"));
        (row[col("date")].to_owned(), row[col("date_approximate")].to_owned())
    };
    assert_eq!(by_label("Mid-to-late 1990s"), ("1995".into(), "true".into()));
    assert_eq!(
        by_label("From about 20–21 January 2026"),
        ("2026-01-20".into(), "true".into())
    );
    assert_eq!(by_label("January 2026"), ("2026-01".into(), "false".into()));
    assert_eq!(
        by_label("Announced 9 February 2026"),
        ("2026-02-09".into(), "false".into())
    );
    assert!(
        rows.iter()
            .filter(|r| r[col("date_label")].is_empty())
            .all(|r| &r[col("date_approximate")] == "false"),
        "a date without a label is what it says"
    );
}

/// Every other date column is a date too, to its precision: indicators' `as_of`, the
/// sources' `date`, the listings' dates.
#[test]
fn indicators_sources_and_listings_dates_are_dates_shown_to_their_precision() {
    for (tab, sheet, column) in [
        ("indicators", "Indicators", "as_of"),
        ("indicators", "Sources", "date"),
        ("enterprises", "Listings", "listed"),
        ("enterprises", "Enterprises", "founded"),
    ] {
        let sheet_name = sheet;
        let sheet = Sheet::read(exported(&["export", "--tab", tab], "out.xlsx"), sheet_name);
        let col = sheet.col(column);
        let mut shown = std::collections::BTreeSet::new();
        for (row, cells) in sheet.rows.iter().enumerate() {
            match &cells[col] {
                Data::Empty => {}
                Data::DateTime(_) => {
                    shown.insert(sheet.format(row, col));
                }
                // Excel holds no date before 1900, which stays text.
                Data::String(text) => assert!(text.as_str() < "1900", "{sheet_name}.{column}: {text}"),
                other => panic!("{sheet_name}.{column} row {row}: {other:?}"),
            }
        }
        assert!(
            shown
                .iter()
                .all(|f| ["yyyy", "yyyy-mm", "yyyy-mm-dd"].contains(&f.as_str())),
            "{sheet_name}.{column}: {shown:?}"
        );
        assert!(shown.len() > 1, "{sheet_name}.{column}: several precisions: {shown:?}");
    }
}
