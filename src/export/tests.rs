//! Tests of `export`: columns, round trips through the `csv` crate and `serde_json`, the
//! sanitizing rules per destination, and errors.

use super::*;
use crate::data::db::Rec;
use crate::data::load;
use crate::data::model::RecordKind;
use crate::sanitize;

fn all(db: &Db, kind: RecordKind) -> Rows {
    Rows::all(db, Tab::Records(kind))
}

/// Awkward but legal text in every field the CSV carries: separators, quotes, line
/// breaks, Chinese, and (in `ent-x`) control characters a terminal would act on.
const DATA: &str = r#"{
  "format": "shuibei/1",
  "cluster": { "name": "Test" },
  "sources": [
    { "id": "s-hi", "title": "High", "reliability": "high", "publisher": "新华社",
      "date": "2021-03-05", "url": "https://example.com/hi?a=1&b=2" },
    { "id": "s-lo", "title": "Low", "reliability": "low" }
  ],
  "history": [
    { "id": "h1", "date": "2004-08", "date_label": "August, 2004", "title": "Base \"opened\"",
      "title_zh": "基地挂牌", "summary": "line one\nline two, with a comma", "tags": ["a", "b"],
      "related": ["e1"], "sources": [{ "source": "s-hi" }, { "source": "s-lo" }, { "source": "s-hi" }] }
  ],
  "enterprises": [
    { "id": "e1", "name": "Chow, Tai \"Seng\"", "name_zh": "周大生珠宝股份有限公司", "kind": "company",
      "ownership": "private", "segments": ["gold", "diamond"], "founded": "1999",
      "location": "水贝, 罗湖", "aliases": ["Chow Tai Seng", "CTS"],
      "listings": [{ "exchange": "SZSE", "code": "002867", "listed": "2017-04-27" },
                   { "exchange": "HKEX", "code": "1929", "listed": "2011", "delisted": "2020-06-30" }],
      "people": [{ "name": "周宗文", "role": "chairman", "as_of": "2020" }, { "name": "Nobody" }],
      "summary": "windows\r\nline", "sources": [{ "source": "s-hi", "quote": "周大生 was founded", "note": "annual report" }] },
    { "id": "ent-x", "name": "evil\u001b[2J\u0007 \u009b31m \u202eabc\rEVIL", "summary": "tab\there" }
  ],
  "brands": [
    { "id": "b1", "name": "Zhou Dasheng", "name_zh": "周大生", "owner": "e1", "segment": "jewelry",
      "honors": [{ "title": "Top Brand", "year": 2006, "by": "CNBS" }, { "title": "Famous" }],
      "sources": [{ "source": "s-lo" }] }
  ],
  "indicators": [
    { "id": "i1", "name": "Enterprises", "metric": "count", "value": 1300, "unit": "enterprises",
      "qualifier": "more-than", "as_of": "2006", "scope": "Base", "sources": [{ "source": "s-hi" }] },
    { "id": "i2", "name": "Share", "value": 60, "value_max": 70, "unit": "%", "as_of": "2007" },
    { "id": "i3", "name": "Sales", "value": 50000000000, "unit": "yuan", "as_of": "2006" }
  ]
}"#;

fn db() -> Db {
    load::load_slice("test", DATA.as_bytes()).expect("the test data loads")
}

fn export(db: &Db, kind: RecordKind, format: Format, dest: Dest) -> String {
    let mut buf = Vec::new();
    let n = write(db, &all(db, kind), format, dest, &mut buf).unwrap();
    assert_eq!(n, db.len(kind));
    String::from_utf8(buf).unwrap()
}

/// The CSV read back with the csv crate: (header, rows as column → value maps).
fn read_csv(text: &str) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header.iter().cloned().zip(r.iter().map(str::to_owned)).collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn every_kind_has_one_value_per_column() {
    let shipped = load::embedded().unwrap();
    let tabs = RecordKind::ALL.map(Tab::Records).into_iter().chain([Tab::Sources]);
    for tab in tabs {
        let ctx = table::Context::new(&shipped, tab);
        for position in Rows::all(&shipped, tab).positions {
            assert_eq!(
                ctx.row(tab, position).len(),
                columns(tab).len(),
                "{tab:?} row {position}"
            );
        }
        let mut buf = Vec::new();
        write(&shipped, &Rows::all(&shipped, tab), Format::Csv, Dest::File, &mut buf).unwrap();
        let (header, rows) = read_csv(std::str::from_utf8(&buf).unwrap());
        assert_eq!(header, columns(tab));
        assert_eq!(rows.len(), tab.len(&shipped));
    }
}

#[test]
fn csv_round_trips_commas_quotes_newlines_and_chinese() {
    let db = db();
    let (_, rows) = read_csv(&export(&db, RecordKind::Enterprise, Format::Csv, Dest::File));
    let e1 = &rows[0];
    assert_eq!(e1["name"], "Chow, Tai \"Seng\"");
    assert_eq!(e1["name_zh"], "周大生珠宝股份有限公司");
    assert_eq!(e1["location"], "水贝, 罗湖");
    assert_eq!(e1["summary"], "windows\r\nline");
    assert_eq!(e1["segments"], "gold; diamond");
    assert_eq!(
        e1["listings"],
        "SZSE 002867, listed 2017-04-27; HKEX 1929, listed 2011, delisted 2020-06-30"
    );
    assert_eq!(e1["listing_status"], "listed", "one listing is current");
    assert_eq!(e1["aliases"], "Chow Tai Seng; CTS");
    assert_eq!(e1["quotes"], "s-hi: “周大生 was founded” (note: annual report)");
    assert_eq!(
        e1["citations"], "High. 新华社, 2021-03-05. https://example.com/hi?a=1&b=2 [high reliability]",
        "the citations column says each source's reliability, as `c` does"
    );
    assert_eq!(e1["people"], "周宗文 (chairman, 2020); Nobody");
    assert_eq!(e1["kind"], "company");
    assert_eq!(e1["ownership"], "private");
    assert_eq!(e1["founded"], "1999");
    assert_eq!(e1["brands"], "b1");
    assert_eq!(e1["weakest_reliability"], "high");
    assert_eq!(rows[1]["summary"], "tab\there");
    assert_eq!(rows[1]["weakest_reliability"], "", "no sources, no reliability");

    let (_, rows) = read_csv(&export(&db, RecordKind::History, Format::Csv, Dest::Stdout));
    let h1 = &rows[0];
    assert_eq!(h1["title"], "Base \"opened\"");
    assert_eq!(h1["summary"], "line one\nline two, with a comma");
    assert_eq!(h1["date"], "2004-08");
    assert_eq!(h1["date_label"], "August, 2004");
    // The date as stored, ISO; whether it only approximates its label beside it.
    assert_eq!(h1["date_approximate"], "false", "August, 2004 is the date's own month");
    assert_eq!(h1["related"], "e1");
    assert_eq!(h1["related_names"], "Chow, Tai \"Seng\"", "the names beside the ids");
    assert_eq!(h1["sources"], "s-hi; s-lo", "each source once, in citation order");
    assert_eq!(
        h1["citations"],
        "High. 新华社, 2021-03-05. https://example.com/hi?a=1&b=2 [high reliability]\nLow. n.p., n.d. [low reliability]",
        "each source once, as a reference with what it says, and marks for what it does not"
    );
    // Each end named for what it is: a bare `reliability` read as the explorer's `Src`,
    // and held the opposite.
    assert_eq!(h1["weakest_reliability"], "low", "the weakest source");
    assert_eq!(
        h1["strongest_reliability"], "high",
        "the strongest, as the explorer's Src"
    );
    assert!(!h1.contains_key("reliability"), "{:?}", h1.keys());
}

#[test]
fn brand_and_indicator_columns_read_as_documented() {
    let db = db();
    let (_, brands) = read_csv(&export(&db, RecordKind::Brand, Format::Csv, Dest::File));
    assert_eq!(brands[0]["owner"], "e1");
    assert_eq!(brands[0]["owner_name"], "Chow, Tai \"Seng\"");
    assert_eq!(brands[0]["honors"], "Top Brand (2006, by CNBS); Famous");
    let (_, inds) = read_csv(&export(&db, RecordKind::Indicator, Format::Csv, Dest::File));
    assert_eq!(inds[0]["value"], "1300");
    assert_eq!(inds[0]["value_max"], "");
    assert_eq!(inds[0]["qualifier"], "more-than");
    assert_eq!(inds[0]["figure"], "more than 1,300 enterprises");
    assert_eq!(inds[0]["metric"], "count");
    assert_eq!(inds[0]["scope"], "Base");
    assert_eq!(inds[1]["value_max"], "70");
    assert_eq!(inds[1]["figure"], "60–70 %");
    assert_eq!(inds[1]["qualifier"], "", "a range is no exact figure");
    assert_eq!(inds[2]["value"], "50000000000", "plain digits, never an exponent");
    assert_eq!(inds[2]["figure"], "50 billion yuan");
}

#[test]
fn csv_never_carries_terminal_controls() {
    let db = db();
    for dest in [Dest::Stdout, Dest::File] {
        let text = export(&db, RecordKind::Enterprise, Format::Csv, dest);
        assert!(
            !text.chars().any(|c| sanitize::is_unsafe(c) && !"\n\t\r".contains(c)),
            "{dest:?}: {text:?}"
        );
        let (_, rows) = read_csv(&text);
        assert_eq!(rows[1]["name"], "evil␛[2J␇ \u{fffd}31m \u{fffd}abc␍EVIL", "{dest:?}");
    }
    let stdout = export(&db, RecordKind::Enterprise, Format::Csv, Dest::Stdout);
    assert!(!stdout.contains('\r'), "a terminal gets no carriage return at all");
    assert!(stdout.contains("windows␍\nline"));
    let file = export(&db, RecordKind::Enterprise, Format::Csv, Dest::File);
    assert!(file.contains("windows\r\nline"), "a file keeps Windows line ends");
}

#[test]
fn json_is_the_stored_records_with_their_kind_losslessly() {
    let db = db();
    for dest in [Dest::Stdout, Dest::File] {
        let text = export(&db, RecordKind::Enterprise, Format::Json, dest);
        assert!(!text.chars().any(|c| sanitize::is_unsafe(c) && c != '\n'), "{text}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let items = value.as_array().unwrap();
        assert_eq!(items.len(), 2);
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["kind"], "enterprise");
            assert_eq!(item["id"], *db.enterprises()[i].id);
            assert_eq!(item["record"], serde_json::to_value(&db.enterprises()[i]).unwrap());
        }
        assert_eq!(
            items[0]["record"]["kind"], "company",
            "the record's own kind field is kept"
        );
        assert_eq!(
            items[1]["record"]["name"],
            "evil\u{1b}[2J\u{7} \u{9b}31m \u{202e}abc\rEVIL"
        );
        assert!(
            text.starts_with("[\n{\"kind\":\"enterprise\",\"id\":\"e1\",\"record\":{"),
            "{text}"
        );
    }
}

#[test]
fn json_lines_has_one_record_per_line() {
    let db = db();
    let text = export(&db, RecordKind::Indicator, Format::Jsonl, Dest::Stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(text.ends_with("}\n"));
    for (line, id) in lines.iter().zip(["i1", "i2", "i3"]) {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["kind"], "indicator");
        assert_eq!(value["id"], id);
        assert_eq!(value["record"]["id"], id);
    }
    let hostile = export(&db, RecordKind::Enterprise, Format::Jsonl, Dest::Stdout);
    assert_eq!(hostile.lines().count(), 2, "a newline in a value never splits a line");
}

#[test]
fn the_given_order_and_subset_are_kept() {
    let db = db();
    let recs = [Rec::new(RecordKind::Indicator, 2), Rec::new(RecordKind::Indicator, 0)];
    let mut buf = Vec::new();
    let rows = Rows::records(RecordKind::Indicator, &recs);
    assert_eq!(write(&db, &rows, Format::Csv, Dest::File, &mut buf).unwrap(), 2);
    let (_, rows) = read_csv(std::str::from_utf8(&buf).unwrap());
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["i3", "i1"]);
}

#[test]
fn nothing_to_export_is_still_well_formed() {
    let db = db();
    let none = Rows {
        tab: Tab::Records(RecordKind::Brand),
        positions: Vec::new(),
    };
    let empty = |format| {
        let mut buf = Vec::new();
        assert_eq!(write(&db, &none, format, Dest::Stdout, &mut buf).unwrap(), 0);
        String::from_utf8(buf).unwrap()
    };
    assert_eq!(
        empty(Format::Csv),
        format!("{}\n", columns(Tab::Records(RecordKind::Brand)).join(","))
    );
    assert_eq!(empty(Format::Json), "[]\n");
    assert_eq!(empty(Format::Jsonl), "");
}

#[test]
fn records_of_another_kind_have_no_row_in_a_tab() {
    let recs = [Rec::new(RecordKind::Indicator, 0), Rec::new(RecordKind::Brand, 0)];
    let rows = Rows::records(RecordKind::Brand, &recs);
    assert_eq!(rows.positions, [0]);
    assert_eq!(rows.tab, Tab::Records(RecordKind::Brand));
}

/// A reader that went away: every write fails as a closed pipe does.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::ErrorKind::BrokenPipe.into())
    }
}

#[test]
fn a_closed_pipe_is_reported_as_one() {
    let db = db();
    for format in [Format::Csv, Format::Json, Format::Jsonl, Format::Xlsx] {
        let rows = all(&db, RecordKind::History);
        let err = write(&db, &rows, format, Dest::Stdout, ClosedPipe).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe, "{format:?}: {err}");
    }
}

#[test]
fn formats_come_from_extensions() {
    assert_eq!(Format::from_path(Path::new("a/b.CSV")), Some(Format::Csv));
    assert_eq!(Format::from_path(Path::new("x.json")), Some(Format::Json));
    assert_eq!(Format::from_path(Path::new("x.jsonl")), Some(Format::Jsonl));
    assert_eq!(Format::from_path(Path::new("x.ndjson")), Some(Format::Jsonl));
    assert_eq!(Format::from_path(Path::new("x.XLSX")), Some(Format::Xlsx));
    assert_eq!(
        Format::from_path(Path::new("x.xls")),
        None,
        "the old binary format is not written"
    );
    assert_eq!(Format::from_path(Path::new("x.txt")), None);
    assert_eq!(Format::from_path(Path::new("json")), None);
}

#[test]
fn to_file_writes_and_confirms_or_names_the_path() {
    let db = db();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brands.json");
    let recs = all(&db, RecordKind::Brand);
    let written = to_file(&db, &recs, &path, None).unwrap();
    assert_eq!(written.format, Format::Json);
    assert_eq!(written.message(), format!("wrote 1 row to {}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(value[0]["record"]["owner"], "e1");

    let other = dir.path().join("all.txt");
    let written = to_file(&db, &all(&db, RecordKind::Indicator), &other, None).unwrap();
    assert_eq!(written.format, Format::Csv, "an unknown extension means CSV");
    assert!(written.message().starts_with("wrote 3 rows to "));

    let err = to_file(&db, &recs, dir.path(), None).unwrap_err();
    assert_eq!(err.path, dir.path());
    assert!(
        err.to_string()
            .starts_with(&format!("cannot write {}: ", dir.path().display())),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut left = left;
    left.sort();
    assert_eq!(left, ["all.txt", "brands.json"], "no partial file is left behind");
}

#[test]
fn a_failed_export_leaves_the_file_it_would_replace_as_it_was() {
    let db = db();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.csv");
    std::fs::write(&path, "precious\n").unwrap();
    // A directory where the temporary file would go: creating it fails.
    let blocker = dir.path().join(format!(".kept.csv.{}.partial", std::process::id()));
    std::fs::create_dir(&blocker).unwrap();
    assert!(to_file(&db, &all(&db, RecordKind::Brand), &path, None).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious\n");
}

/// Every text and number in a record's stored JSON, as leaves of the tree.
fn leaves(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
        serde_json::Value::Bool(_) | serde_json::Value::Null => {}
    }
}

#[test]
fn csv_keeps_every_field_the_json_has() {
    for db in [db(), load::embedded().unwrap()] {
        for kind in RecordKind::ALL {
            let (_, rows) = read_csv(&export(&db, kind, Format::Csv, Dest::File));
            for (i, row) in rows.iter().enumerate() {
                let rec = Rec::new(kind, i);
                let cells: Vec<&str> = row.values().map(String::as_str).collect();
                let mut values = Vec::new();
                leaves(&db.to_json(rec), &mut values);
                for value in values {
                    // JSON writes whole floats as `1300.0`; the CSV as `1300`.
                    let value = value.strip_suffix(".0").unwrap_or(&value).to_owned();
                    let value = sanitize::file_text(&value);
                    assert!(
                        cells.iter().any(|c| c.contains(&*value)),
                        "{kind} {}: {value:?} is in the JSON but in no CSV column",
                        db.id(rec)
                    );
                }
            }
        }
    }
}

/// A reader of a record's CSV row can follow every source it cites: each cited source's
/// URL (or file) and title are in the row, not only its id.
#[test]
fn a_csv_row_carries_the_url_of_every_source_it_cites() {
    let db = load::embedded().unwrap();
    let mut urls = 0;
    for kind in RecordKind::ALL {
        let (_, rows) = read_csv(&export(&db, kind, Format::Csv, Dest::File));
        for (i, row) in rows.iter().enumerate() {
            for cite in db.cites(Rec::new(kind, i)) {
                let source = db.source(&cite.source).unwrap();
                let place = source.url.as_deref().or(source.file.as_deref());
                for needed in place.into_iter().chain([&*source.title]) {
                    let needed = sanitize::file_text(needed);
                    assert!(
                        row["citations"].contains(&*needed),
                        "{kind} {}: {needed:?} not in {:?}",
                        row["id"],
                        row["citations"]
                    );
                }
                urls += usize::from(source.url.is_some());
            }
        }
    }
    assert!(urls > 0, "the shipped data cites sources with URLs");
}

#[test]
fn the_sources_tab_lists_each_source_with_the_records_citing_it() {
    let db = db();
    let sources = Rows::all(&db, Tab::Sources);
    let mut buf = Vec::new();
    write(&db, &sources, Format::Csv, Dest::File, &mut buf).unwrap();
    let (header, rows) = read_csv(std::str::from_utf8(&buf).unwrap());
    assert_eq!(header, columns(Tab::Sources));
    assert_eq!(rows[0]["id"], "s-hi");
    assert_eq!(rows[0]["reliability"], "high");
    assert_eq!(rows[0]["cited_by"], "h1; e1; i1");
    assert_eq!(rows[0]["cited_by_count"], "3");
    assert_eq!(rows[1]["cited_by"], "h1; b1");

    let mut buf = Vec::new();
    write(&db, &sources, Format::Jsonl, Dest::Stdout, &mut buf).unwrap();
    let lines: Vec<serde_json::Value> = std::str::from_utf8(&buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["kind"], "source");
    assert_eq!(lines[1]["id"], "s-lo");
    assert_eq!(lines[1]["record"]["title"], "Low");
    assert_eq!(
        lines[1]["cited_by"],
        serde_json::json!([{"kind": "history", "id": "h1"}, {"kind": "brand", "id": "b1"}])
    );
}

#[test]
fn the_suggested_name_follows_the_tab_and_keeps_the_folder_and_extension() {
    use crate::export::suggested_name;
    let ent = Tab::Records(RecordKind::Enterprise);
    let ind = Tab::Records(RecordKind::Indicator);
    assert_eq!(suggested_name(ind, None), "shuibei-indicators.xlsx");
    assert_eq!(suggested_name(ent, Some((ent, "tui-listed.xlsx"))), "tui-listed.xlsx");
    assert_eq!(
        suggested_name(ind, Some((ent, "tui-listed.xlsx"))),
        "shuibei-indicators.xlsx"
    );
    assert_eq!(
        suggested_name(ind, Some((ent, "~/out/a.jsonl"))),
        "~/out/shuibei-indicators.jsonl"
    );
    assert_eq!(suggested_name(ind, Some((ent, "odd.txt"))), "shuibei-indicators.xlsx");
}

#[test]
fn a_failed_file_says_why_in_a_few_words() {
    let db = crate::data::load::embedded().unwrap();
    let rows = Rows::all(&db, Tab::Sources);
    let err = crate::export::to_file(&db, &rows, std::path::Path::new("/nonexistent/dir/a.csv"), None).unwrap_err();
    assert_eq!(err.short_reason(), "no such folder");
}

mod files;
