//! The workbook read back with calamine (cell types, dates, text) and its sheet XML
//! read with zip (frozen header, filter, widths, links), as a spreadsheet would see it.

// Excel dates are whole day counts and the figures are whole or halves: exact in an f64.
#![allow(clippy::float_cmp)]

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::*;
use crate::data::load;
use crate::export::format::Dest;

const DATA: &str = r#"{
  "format": "shuibei/1",
  "cluster": { "name": "Test" },
  "sources": [
    { "id": "s-web", "title": "深圳黄金珠宝 report", "reliability": "high", "publisher": "新华社",
      "date": "2021-03-05", "url": "https://example.com/水贝?q=a b" },
    { "id": "s-bad", "title": "Odd link", "reliability": "low", "url": "javascript:alert(1)" },
    { "id": "s-old", "title": "Gazette", "reliability": "medium", "date": "1888" },
    { "id": "s-unused", "title": "Nobody cites this", "reliability": "medium" }
  ],
  "history": [
    { "id": "h-old", "date": "1890-05", "title": "Before Excel's dates", "sources": [{ "source": "s-old" }] },
    { "id": "h-new", "date": "2004-08", "title": "Base opened", "title_zh": "基地挂牌",
      "sources": [{ "source": "s-web", "quote": "水贝" }, { "source": "s-bad" }] },
    { "id": "h-about", "date": "2026-01-20", "date_label": "From about 20–21 January 2026", "title": "Payouts stop" },
    { "id": "h-month", "date": "2016-10", "date_label": "October 2016", "title": "A month, as labelled" },
    { "id": "h-decade", "date": "1990", "date_label": "Early 1990s", "title": "A decade's start" }
  ],
  "enterprises": [
    { "id": "e1", "name": "Chow Tai Seng", "name_zh": "周大生珠宝股份有限公司", "founded": "1999",
      "listings": [{ "exchange": "SZSE", "code": "002867", "listed": "2017-04-27" },
                   { "exchange": "HKEX", "code": "1929", "listed": "2011-12", "delisted": "2020-06-30" }],
      "summary": "=HYPERLINK(\"http://evil\") is text here", "sources": [{ "source": "s-web" }] },
    { "id": "e2", "name": "evil\u001b[2J\u202e", "sources": [{ "source": "s-bad" }] }
  ],
  "indicators": [
    { "id": "i1", "name": "Sales", "value": 50000000000, "unit": "yuan", "as_of": "2006",
      "sources": [{ "source": "s-web" }] },
    { "id": "i2", "name": "Share", "value": 62.5, "value_max": 70, "unit": "%", "as_of": "2007-06-30" }
  ]
}"#;

fn db() -> Db {
    load::load_slice("test", DATA.as_bytes()).expect("the test data loads")
}

fn workbook(db: &Db, tab: Tab) -> Vec<u8> {
    let mut bytes = Vec::new();
    let rows = Rows::all(db, tab);
    let n = crate::export::write(db, &rows, crate::export::Format::Xlsx, Dest::File, &mut bytes).unwrap();
    assert_eq!(n, rows.len());
    bytes
}

fn read(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a workbook calamine reads")
}

/// A sheet's cells as calamine reads them, by (row, column name).
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<Data>>,
}

impl Sheet {
    fn of(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Sheet {
        let range = book.worksheet_range(name).unwrap();
        let mut rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let header = rows.remove(0).iter().map(ToString::to_string).collect();
        Sheet { header, rows }
    }

    fn get(&self, row: usize, column: &str) -> &Data {
        let col = self
            .header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column}"));
        self.rows[row].get(col).unwrap_or(&Data::Empty)
    }

    fn text(&self, row: usize, column: &str) -> String {
        self.get(row, column).to_string()
    }
}

/// The Excel serial number of a day.
fn serial(y: u16, m: u8, d: u8) -> f64 {
    ExcelDateTime::from_ymd(y, m, d).unwrap().to_excel()
}

fn date_serial(data: &Data) -> f64 {
    match data {
        Data::DateTime(dt) => dt.as_f64(),
        other => panic!("not a date: {other:?}"),
    }
}

/// The number format of a cell (by row below the header and column name) of a sheet.
fn format_of(bytes: &[u8], sheet: &str, row: usize, column: &str) -> String {
    let mut book = read(bytes);
    let header = Sheet::of(&mut book, sheet).header;
    let col = header.iter().position(|h| h == column).unwrap();
    let styles = book.worksheet_style(sheet).unwrap();
    let at = (u32::try_from(row + 1).unwrap(), u32::try_from(col).unwrap());
    styles
        .get(at)
        .and_then(|s| s.number_format.as_ref())
        .map_or_else(|| "General".to_owned(), |f| f.format_code.clone())
}

/// A file inside the workbook's zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// The XML of the `n`th sheet (1-based).
fn sheet_xml(bytes: &[u8], n: usize) -> String {
    part(bytes, &format!("xl/worksheets/sheet{n}.xml"))
}

#[test]
fn a_record_tab_has_its_sheet_then_sources_with_typed_cells() {
    let db = db();
    let bytes = workbook(&db, Tab::Records(RecordKind::Enterprise));
    let mut book = read(&bytes);
    assert_eq!(book.sheet_names(), ["Enterprises", "Sources", "Listings"]);

    let e = Sheet::of(&mut book, "Enterprises");
    assert_eq!(e.header, columns(Tab::Records(RecordKind::Enterprise)));
    assert_eq!(e.rows.len(), 2);
    assert_eq!(e.text(0, "name_zh"), "周大生珠宝股份有限公司", "Chinese intact");
    assert_eq!(
        date_serial(e.get(0, "founded")),
        serial(1999, 1, 1),
        "a year is a date, held as 1 January"
    );
    assert_eq!(
        format_of(&bytes, "Enterprises", 0, "founded"),
        "yyyy",
        "and shown as a year"
    );
    assert_eq!(e.text(0, "listing_status"), "listed");
    assert_eq!(
        e.text(0, "listings"),
        "SZSE 002867, listed 2017-04-27; HKEX 1929, listed 2011-12, delisted 2020-06-30"
    );
    assert_eq!(
        e.get(0, "summary"),
        &Data::String("=HYPERLINK(\"http://evil\") is text here".into()),
        "text that looks like a formula stays text"
    );
    assert_eq!(e.text(1, "name"), "evil␛[2J\u{fffd}", "controls become placeholders");
    assert_eq!(e.get(1, "founded"), &Data::Empty, "unknown is empty, not zero");

    let l = Sheet::of(&mut book, "Listings");
    assert_eq!(l.rows.len(), 2);
    assert_eq!(l.text(1, "code"), "1929");
    assert_eq!(date_serial(l.get(0, "listed")), serial(2017, 4, 27));
    assert_eq!(
        date_serial(l.get(1, "listed")),
        serial(2011, 12, 1),
        "a month is a date"
    );
    assert_eq!(
        format_of(&bytes, "Listings", 1, "listed"),
        "yyyy-mm",
        "shown as a month"
    );
    assert_eq!(format_of(&bytes, "Listings", 0, "listed"), "yyyy-mm-dd");
    assert_eq!(date_serial(l.get(1, "delisted")), serial(2020, 6, 30));
    assert_eq!(l.text(1, "status"), "delisted");
    assert_eq!(l.get(0, "delisted"), &Data::Empty);
    // The dataset cites sources for the enterprise, not the listing: each listing row
    // carries its enterprise's, under names that say so.
    for row in 0..2 {
        assert_eq!(l.text(row, "enterprise_sources"), "s-web");
        assert_eq!(
            l.text(row, "enterprise_citations"),
            "深圳黄金珠宝 report. 新华社, 2021-03-05. https://example.com/水贝?q=a b [high reliability]"
        );
        assert_eq!(l.text(row, "enterprise_weakest_reliability"), "high");
        assert_eq!(l.text(row, "enterprise_strongest_reliability"), "high");
    }

    let s = Sheet::of(&mut book, "Sources");
    assert_eq!(s.header, columns(Tab::Sources));
    let ids: Vec<String> = (0..s.rows.len()).map(|r| s.text(r, "id")).collect();
    assert_eq!(ids, ["s-web", "s-bad"], "the sources these rows cite, in order cited");
    assert_eq!(s.text(0, "title"), "深圳黄金珠宝 report");
    assert_eq!(s.text(0, "publisher"), "新华社");
    assert_eq!(date_serial(s.get(0, "date")), serial(2021, 3, 5));
    assert_eq!(s.text(0, "reliability"), "high");
    assert_eq!(
        s.text(0, "url"),
        "https://example.com/水贝?q=a b",
        "the URL as stored is shown"
    );
    assert_eq!(s.text(0, "cited_by"), "e1");
    assert_eq!(s.get(0, "cited_by_count"), &Data::Float(1.0));
    assert_eq!(
        s.text(1, "url"),
        "javascript:alert(1)",
        "an unsafe URL is text, not a link"
    );
}

#[test]
fn numbers_are_numbers_with_their_unit_beside_them_and_dates_show_their_precision() {
    let db = db();
    let bytes = workbook(&db, Tab::Records(RecordKind::Indicator));
    let mut book = read(&bytes);
    let i = Sheet::of(&mut book, "Indicators");
    let value = i.header.iter().position(|h| h == "value").unwrap();
    assert_eq!(i.header[value + 1], "unit", "the unit right after the value");
    assert_eq!(i.get(0, "value"), &Data::Float(50_000_000_000.0));
    assert_eq!(i.text(0, "unit"), "yuan");
    assert_eq!(i.get(1, "value"), &Data::Float(62.5));
    assert_eq!(i.get(1, "value_max"), &Data::Float(70.0));
    assert_eq!(i.get(0, "value_max"), &Data::Empty);
    assert_eq!(date_serial(i.get(0, "as_of")), serial(2006, 1, 1));
    assert_eq!(
        format_of(&bytes, "Indicators", 0, "as_of"),
        "yyyy",
        "a year shows no day"
    );
    assert_eq!(date_serial(i.get(1, "as_of")), serial(2007, 6, 30));
    assert_eq!(format_of(&bytes, "Indicators", 1, "as_of"), "yyyy-mm-dd");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0\""), "{styles}");
}

#[test]
fn every_sheet_has_a_frozen_filtered_header_and_set_widths() {
    let db = db();
    for (tab, sheets) in [
        (Tab::Records(RecordKind::Enterprise), 3),
        (Tab::Records(RecordKind::History), 2),
        (Tab::Sources, 2),
    ] {
        let bytes = workbook(&db, tab);
        for n in 1..=sheets {
            let xml = sheet_xml(&bytes, n);
            assert!(
                xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#),
                "{tab:?} sheet {n}: no frozen header in {xml}"
            );
            assert!(xml.contains("<autoFilter ref=\"A1:"), "{tab:?} sheet {n}: no filter");
            assert!(
                xml.contains("<cols>") && xml.contains("customWidth=\"1\""),
                "{tab:?} sheet {n}: no widths"
            );
        }
    }
    // The source's URL is a link to the percent-encoded address.
    let bytes = workbook(&db, Tab::Sources);
    let rels = part(&bytes, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(
        rels.contains("Target=\"https://example.com/%E6%B0%B4%E8%B4%9D?q=a%20b\""),
        "{rels}"
    );
    assert!(!rels.contains("javascript"), "{rels}");
}

#[test]
fn the_sources_tab_lists_every_source_and_each_citation() {
    let db = db();
    let bytes = workbook(&db, Tab::Sources);
    let mut book = read(&bytes);
    assert_eq!(book.sheet_names(), ["Sources", "Citations"]);
    let s = Sheet::of(&mut book, "Sources");
    assert_eq!(s.rows.len(), 4, "uncited sources too");
    assert_eq!(s.text(0, "cited_by"), "h-new; e1; i1");
    assert_eq!(
        s.get(2, "date"),
        &Data::String("1888".into()),
        "before 1900 (no Excel date) stays text"
    );
    assert_eq!(s.get(3, "cited_by_count"), &Data::Float(0.0));
    let c = Sheet::of(&mut book, "Citations");
    let lines: Vec<(String, String, String)> = (0..c.rows.len())
        .map(|r| (c.text(r, "source"), c.text(r, "record"), c.text(r, "quote")))
        .collect();
    assert_eq!(lines[0], ("s-web".into(), "h-new".into(), "水贝".into()));
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert_eq!(c.text(0, "kind"), "history");
    assert_eq!(c.text(0, "label"), "2004-08 Base opened");
}

/// Every date of the timeline is a date cell, so the column sorts as one timeline (a
/// user's month-only dates were text, sorted apart from the days); each shows its
/// precision, and one that only approximates its label shows `~`, as the explorer
/// does, with `date_approximate` saying so. Only a date Excel cannot hold stays text.
#[test]
fn history_dates_are_dates_shown_to_their_precision_and_marked_when_approximate() {
    let db = db();
    let bytes = workbook(&db, Tab::Records(RecordKind::History));
    let mut book = read(&bytes);
    let h = Sheet::of(&mut book, "History");
    assert_eq!(h.get(0, "date"), &Data::String("1890-05".into()), "before 1900");
    let expected = [
        (1, serial(2004, 8, 1), "yyyy-mm", false),
        (2, serial(2026, 1, 20), "\"~\"yyyy-mm-dd", true),
        (3, serial(2016, 10, 1), "yyyy-mm", false),
        (4, serial(1990, 1, 1), "\"~\"yyyy", true),
    ];
    for (row, day, format, approximate) in expected {
        assert_eq!(date_serial(h.get(row, "date")), day, "row {row}");
        assert_eq!(format_of(&bytes, "History", row, "date"), format, "row {row}");
        assert_eq!(h.get(row, "date_approximate"), &Data::Bool(approximate), "row {row}");
    }
    assert_eq!(h.text(2, "date_label"), "From about 20–21 January 2026");
    let label = h.header.iter().position(|c| c == "date_label").unwrap();
    assert_eq!(h.header[label - 1], "date", "the label beside the date");
    assert_eq!(h.header[label + 1], "date_approximate");
}

#[test]
fn a_cell_over_excels_limit_is_cut_and_says_so() {
    let long = "长".repeat(40_000);
    let cut = clean(&long);
    assert!(cut.encode_utf16().count() <= MAX_CELL);
    assert!(
        cut.ends_with("the JSON export holds all of it]"),
        "{}",
        &cut[cut.len() - 80..]
    );
    assert_eq!(clean("short"), "short");
}

#[test]
fn an_empty_export_is_a_workbook_with_its_headers() {
    let db = db();
    let rows = Rows {
        tab: Tab::Records(RecordKind::Brand),
        positions: Vec::new(),
    };
    let mut bytes = Vec::new();
    crate::export::write(&db, &rows, crate::export::Format::Xlsx, Dest::File, &mut bytes).unwrap();
    let mut book = read(&bytes);
    let b = Sheet::of(&mut book, "Brands");
    assert_eq!(b.header, columns(Tab::Records(RecordKind::Brand)));
    assert!(b.rows.is_empty());
}

#[test]
fn long_prose_wraps_in_a_set_width_and_the_publisher_has_room() {
    let db = db();
    let bytes = workbook(&db, Tab::Records(RecordKind::Enterprise));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("wrapText=\"1\""), "no wrap format: {styles}");
    let mut book = read(&bytes);
    let header = Sheet::of(&mut book, "Enterprises").header;
    let xml = sheet_xml(&bytes, 1);
    // The summary cell (row 2) carries a style (the wrap); its column a set width.
    let col = header.iter().position(|h| h == "summary").unwrap();
    assert!(styled(&xml, col, 2), "the summary cell has no style: {xml}");
    let n = col + 1;
    let width = xml
        .split("<col ")
        .find(|c| c.starts_with(&format!("min=\"{n}\" max=\"{n}\"")))
        .unwrap_or_else(|| panic!("no width for the summary in {xml}"));
    assert!(width.contains("customWidth=\"1\""), "{width}");
    // The Sources sheet's publisher wraps too; the id beside it does not.
    let sources = sheet_xml(&bytes, 2);
    let publisher = columns(Tab::Sources).iter().position(|h| *h == "publisher").unwrap();
    assert!(styled(&sources, publisher, 2), "{sources}");
    assert!(!styled(&sources, 0, 2), "{sources}");
    assert_eq!(wrapped_width("publisher"), Some(28.0));
    assert_eq!(wrapped_width("id"), None);
}

/// Whether the cell at a 0-based column and 1-based row of a sheet's XML has a style.
fn styled(xml: &str, col: usize, row: usize) -> bool {
    // Spreadsheet column names: A … Z, then AA, AB …
    let mut letter = String::new();
    let mut n = col + 1;
    while n > 0 {
        letter.insert(0, char::from(b'A' + u8::try_from((n - 1) % 26).unwrap()));
        n = (n - 1) / 26;
    }
    let cell = xml
        .split("<c ")
        .find(|c| c.starts_with(&format!("r=\"{letter}{row}\"")))
        .unwrap_or_else(|| panic!("no cell {letter}{row} in {xml}"));
    cell.split('>').next().unwrap().contains(" s=\"")
}
