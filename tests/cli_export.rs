//! `shuibei export`: the search engine picks and orders the rows (`--query`); every tab,
//! the sources included, in every format, read back as a script or a spreadsheet would.

mod common;

use calamine::{Data, Reader};
use common::shuibei;

#[test]
fn export_with_a_query_writes_the_matches_best_first() {
    let run = shuibei(&["export", "--tab", "enterprises", "--query", "周ds", "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids = jsonl_ids(&run.stdout);
    assert_eq!(ids.first().map(String::as_str), Some("zhou-dasheng"), "{ids:?}");
    let search = shuibei(&["search", "周ds", "--tab", "enterprises"]);
    let searched: Vec<&str> = search.stdout.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(ids, searched, "export and search agree on the rows and their order");
}

#[test]
fn a_malformed_export_query_is_a_usage_error() {
    let run = shuibei(&["export", "--tab", "brands", "--query", "!"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("shuibei: "), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn an_export_query_that_matches_nothing_exits_1_with_an_empty_export() {
    let run = shuibei(&["export", "--tab", "indicators", "--query", "qqqxx"]);
    assert_eq!(run.code, 1, "like grep and search: {}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "the CSV header only: {}", run.stdout);
    assert!(
        run.stderr.starts_with("shuibei: nothing matched --query qqqxx"),
        "{}",
        run.stderr
    );
    let run = shuibei(&["export", "--tab", "indicators", "--query", "qqqxx", "--format", "json"]);
    assert_eq!((run.code, run.stdout.trim()), (1, "[]"));
}

/// Near spellings are a guess at what was meant: an export is passed on as an answer,
/// so a query that matches nothing as typed exports nothing (as `search`, it exits 1)
/// and says where the guesses are. `jiewurui` sounds like 杰我睿, which `jieworui` names.
#[test]
fn an_export_query_that_matches_only_near_spellings_exports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jw.csv");
    let out = path.to_str().unwrap();
    let run = shuibei(&["export", "--tab", "history", "--query", "jiewurui", "-o", out]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!path.exists(), "near spellings were written as the answer");
    assert!(
        run.stderr
            .starts_with("shuibei: nothing matches --query jiewurui as typed; ")
            && run
                .stderr
                .contains("near spellings or sound-alikes are left out (`shuibei search jiewurui` lists them)")
            && run.stderr.contains("no file written"),
        "{}",
        run.stderr
    );
    let run = shuibei(&["export", "--tab", "history", "--query", "杰我瑞", "--format", "jsonl"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    // Spelled as the name is, the same query exports its rows.
    let run = shuibei(&["export", "--tab", "history", "--query", "jieworui", "-o", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(path.exists());
}

#[test]
fn an_export_query_that_matches_nothing_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["none.xlsx", "none.csv"] {
        let path = dir.path().join(name);
        let out = path.to_str().unwrap();
        let run = shuibei(&["export", "--tab", "enterprises", "--query", "qqqxx", "--output", out]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!path.exists(), "an empty {name} was written");
        assert!(
            run.stderr.contains("nothing matched") && run.stderr.contains("no file written"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("wrote"), "{}", run.stderr);
    }
    // An existing file (an earlier export, which the guard lets an export replace) is
    // left as it was.
    let path = dir.path().join("keep.csv");
    let old = "id,name,name_zh,aliases,owner,owner_name,segment,honors,summary,sources,citations,quotes,reliability\nb1,Old,,,,,,,,,,,high\n";
    std::fs::write(&path, old).unwrap();
    let run = shuibei(&[
        "export",
        "--tab",
        "brands",
        "--query",
        "qqqxx",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
}

/// Runs `shuibei ARGS` and returns its exit code, raw stdout and stderr.
fn raw(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(args)
        .env_remove("SHUIBEI_DATA")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The shipped dataset, to take row counts from (the data changes; the counts follow).
fn shipped() -> shuibei::data::db::Db {
    shuibei::data::load::embedded().unwrap()
}

const TABS: [&str; 5] = ["history", "enterprises", "brands", "indicators", "sources"];

fn rows_in(db: &shuibei::data::db::Db, tab: &str) -> usize {
    match tab {
        "sources" => db.sources().len(),
        other => db.len(shuibei::data::model::RecordKind::parse(other).unwrap()),
    }
}

#[test]
fn every_tab_exports_in_every_format_with_one_row_per_record() {
    let db = shipped();
    let dir = tempfile::tempdir().unwrap();
    for tab in TABS {
        let n = rows_in(&db, tab);
        for ext in ["csv", "json", "jsonl", "xlsx"] {
            let path = dir.path().join(format!("{tab}.{ext}"));
            let (code, stdout, stderr) = raw(&["export", "--tab", tab, "--output", path.to_str().unwrap()]);
            assert_eq!(code, 0, "{tab} {ext}: {stderr}");
            assert!(stdout.is_empty());
            assert_eq!(stderr, format!("wrote {n} rows to {}\n", path.display()));
            let bytes = std::fs::read(&path).unwrap();
            let found = match ext {
                "csv" => csv::Reader::from_reader(&bytes[..]).records().count(),
                "json" => serde_json::from_slice::<Vec<serde_json::Value>>(&bytes).unwrap().len(),
                "jsonl" => bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count(),
                _ => {
                    let mut book: calamine::Xlsx<_> =
                        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
                    let first = book.sheet_names()[0].clone();
                    assert_eq!(first.to_lowercase(), tab, "the first sheet is the tab");
                    assert!(book.sheet_names().iter().any(|s| s == "Sources" || s == "Citations"));
                    book.worksheet_range(&first).unwrap().height() - 1
                }
            };
            assert_eq!(found, n, "{tab}.{ext}");
        }
    }
}

#[test]
fn xlsx_by_flag_goes_to_a_pipe_and_reads_back_with_chinese_and_dates() {
    let (code, stdout, stderr) = raw(&["export", "--tab", "enterprises", "--format", "xlsx"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with(b"PK\x03\x04"), "a zip container on the pipe");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(stdout)).unwrap();
    assert_eq!(book.sheet_names(), ["Enterprises", "Sources", "Listings"]);
    let sheet = book.worksheet_range("Enterprises").unwrap();
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(ToString::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = sheet
        .rows()
        .find(|r| r[col("id")] == "zhou-dasheng")
        .expect("周大生 is exported");
    assert_eq!(row[col("name_zh")].to_string(), "周大生珠宝股份有限公司");
    // A date cell only where the day is known; a year or a month stays text, as stored,
    // so that no sheet sorts or filters on a made-up first of January.
    let db = shipped();
    for r in sheet.rows().skip(1) {
        let id = r[col("id")].to_string();
        let rec = db.record(&id).expect("an exported enterprise");
        let stored = db.enterprises()[rec.idx()].founded;
        let cell = &r[col("founded")];
        match stored {
            None => assert_eq!(cell, &Data::Empty, "{id}"),
            Some(date) if date.day().is_some() && date.year() >= 1900 => {
                assert!(matches!(cell, Data::DateTime(_)), "{id}: {cell:?}");
            }
            Some(date) => assert_eq!(cell, &Data::String(date.to_string()), "{id}"),
        }
    }
    let listings = book.worksheet_range("Listings").unwrap();
    let listed = listings
        .rows()
        .skip(1)
        .find(|r| r[0] == "zhou-dasheng")
        .expect("its listing has a row");
    assert!(
        matches!(listed[5], Data::DateTime(_)),
        "listed (known to the day) is a date: {:?}",
        listed[5]
    );
}

#[test]
fn the_sources_export_names_the_records_citing_each_source_as_show_does() {
    let (code, stdout, stderr) = raw(&["export", "--tab", "sources", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let text = String::from_utf8(stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "source");
    assert!(first["record"]["reliability"].is_string());
    let id = first["id"].as_str().unwrap();
    let (_, shown, _) = raw(&["show", id, "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown).unwrap();
    assert_eq!(first["cited_by"], shown["cited_by"], "export and show agree on {id}");
    assert_eq!(first["record"], shown["record"]);
}

#[test]
fn a_query_exports_the_sources_it_finds_best_first() {
    let (code, stdout, stderr) = raw(&[
        "export",
        "--tab",
        "sources",
        "--query",
        "dagongbao",
        "--format",
        "jsonl",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = String::from_utf8(stdout).unwrap();
    let ids = jsonl_ids(&text);
    assert_eq!(
        ids,
        ["src-takungpao-editorial-2025-10-11", "src-crntt-takungpao-2026-02-04"],
        "{text}"
    );
    // Nothing found: exit 1 with a note, as for records.
    let (code, _, stderr) = raw(&["export", "--tab", "sources", "--query", "qqxxzz"]);
    assert_eq!(code, 1, "{stderr}");
    // Only sources that spell it (`落户` is spelled "luohu", as 罗湖 is): nothing as
    // typed, so nothing exported, and where the sound-alikes are listed.
    let (code, stdout, stderr) = raw(&["export", "--tab", "sources", "--query", "落户", "--format", "jsonl"]);
    assert_eq!((code, stdout.as_slice()), (1, &b""[..]), "{stderr}");
    assert!(
        stderr.starts_with("shuibei: nothing matches --query 落户 as typed; ")
            && stderr.contains("(`shuibei search 落户 --tab sources` lists them)"),
        "{stderr}"
    );
    // Beside answers as typed, the sources that only spell it (杰我睿 in an id) are left
    // out of the export, and counted.
    let (code, stdout, stderr) = raw(&["export", "--tab", "sources", "--query", "杰我睿", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let exported = jsonl_ids(&String::from_utf8(stdout).unwrap());
    let (hits, _) = shuibei::search::search_sources(&shipped(), "杰我睿");
    let typed = hits.iter().filter(|h| h.by_sound.is_none()).count();
    assert!(typed > 0 && typed < hits.len());
    assert_eq!(exported.len(), typed);
    assert!(
        stderr.contains(&format!(
            "shuibei: {} rows that do not match the query as typed",
            hits.len() - typed
        )) && stderr.contains("left out (`shuibei search 杰我睿 --tab sources` lists them)"),
        "{stderr}"
    );
}

/// The ids of a JSON Lines export, in order.
fn jsonl_ids(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}
