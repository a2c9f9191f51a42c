//! `shuibei export`: the search engine picks and orders the rows (`--query`); every tab,
//! the sources included, in every format, read back as a script or a spreadsheet would.

use crate::common;

use calamine::{Data, Reader};
use common::shuibei;

#[test]
fn export_with_a_query_writes_the_matches_best_first() {
    let run = shuibei(&["export", "--tab", "enterprises", "--query", "周ds", "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids = common::json_ids(&run.stdout);
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
            && run.stderr.contains(
                "near spellings or sound-alikes are left out (`shuibei search jiewurui --tab history` lists them)"
            )
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
    // Every date a date cell, so the column sorts as one timeline: a year as 1 January,
    // a month as its first day (the number format shows only what is known: the
    // workbook's own tests read the formats); only a date before 1900 stays text.
    let db = shipped();
    for r in sheet.rows().skip(1) {
        let id = r[col("id")].to_string();
        let rec = db.record(&id).expect("an exported enterprise");
        let stored = db.enterprises()[rec.idx()].founded;
        let cell = &r[col("founded")];
        match (stored, cell) {
            (None, cell) => assert_eq!(cell, &Data::Empty, "{id}"),
            (Some(date), Data::DateTime(dt)) if date.year() >= 1900 => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                assert_eq!(
                    (y, m, d),
                    (date.year(), date.month().unwrap_or(1), date.day().unwrap_or(1)),
                    "{id}"
                );
            }
            (Some(date), cell) => assert_eq!(cell, &Data::String(date.to_string()), "{id}"),
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
    let ids = common::json_ids(&text);
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
    // Beside answers as typed, the sources that only spell it (财经 as "Caijing", which
    // no record's name writes so) are left out of the export, and counted.
    let (code, stdout, stderr) = raw(&["export", "--tab", "sources", "--query", "财经", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let exported = common::json_ids(&String::from_utf8(stdout).unwrap());
    let (hits, _) = shuibei::search::search_sources(&shipped(), "财经");
    let typed = hits.iter().filter(|h| h.loose.is_none()).count();
    assert!(typed > 0 && typed < hits.len());
    assert_eq!(exported.len(), typed);
    let counted = match hits.len() - typed {
        1 => "shuibei: 1 row that does not match the query as typed".to_owned(),
        n => format!("shuibei: {n} rows that do not match the query as typed"),
    };
    assert!(
        stderr.contains(&counted) && stderr.contains("left out (`shuibei search 财经 --tab sources` lists it"),
        "{stderr}"
    );
}

/// A record that holds the query only in a clause that negates it says it lacks what was
/// asked for ("its tie to Shuibei is not stated"): `search` lists it last and says so;
/// the export leaves it out, and counts it, as a row in a file reads as a yes. 水贝 exports
/// what `shuibei` does: the data's own names spell it so ("Shuibei Yihao", 水贝壹号).
#[test]
fn an_export_leaves_out_rows_that_only_negate_the_query() {
    let db = shipped();
    let outcome = shuibei::search::search(
        &shuibei::search::Index::build(&db),
        &db,
        shuibei::search::Scope::One(shuibei::data::model::RecordKind::Enterprise),
        "shuibei",
        None,
    );
    let negated: Vec<String> = outcome
        .hits
        .iter()
        .filter(|h| matches!(h.why, shuibei::search::Why::Negated(_)))
        .map(|h| db.id(h.rec).to_owned())
        .collect();
    assert!(!negated.is_empty());
    let mut exports = Vec::new();
    for query in ["shuibei", "水贝"] {
        let (code, stdout, stderr) = raw(&["export", "--tab", "enterprises", "--query", query, "--format", "jsonl"]);
        assert_eq!(code, 0, "{stderr}");
        let ids = common::json_ids(&String::from_utf8(stdout).unwrap());
        assert_eq!(ids.len(), outcome.hits.len() - negated.len(), "{query}: {ids:?}");
        assert!(ids.iter().all(|id| !negated.contains(id)), "{query}: {ids:?}");
        assert!(
            stderr.contains(&format!(
                "shuibei: {} rows that mention it only in a clause that negates it (\"… not stated\") are left out (`shuibei search {query} --tab enterprises` lists them)",
                negated.len()
            )),
            "{stderr}"
        );
        exports.push(ids.into_iter().collect::<std::collections::BTreeSet<_>>());
    }
    assert_eq!(exports[0], exports[1], "水贝 and shuibei export the same rows");
    // Nothing else: exit 1, no file, and the reason.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dr.csv");
    let query = "dr shuibei";
    let run = shuibei(&[
        "export",
        "--tab",
        "enterprises",
        "--query",
        query,
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!path.exists());
    assert!(
        run.stderr.starts_with(&format!(
            "shuibei: nothing matches --query {query} but in a clause that negates it; 1 row that mentions it only in a clause"
        )),
        "{}",
        run.stderr
    );
}

/// `shuibei export ARGS` with its stdout to `stdout`; returns the exit code and stderr.
fn export_to(args: &[&str], stdout: std::process::Stdio) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .arg("export")
        .args(args)
        .env_remove("SHUIBEI_DATA")
        .stdin(std::process::Stdio::null())
        .stdout(stdout)
        .output()
        .expect("the binary runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// How many records a CSV export holds (its header aside).
fn csv_rows(bytes: &[u8]) -> usize {
    csv::Reader::from_reader(bytes).records().map(Result::unwrap).count()
}

/// The names in `dir` ending in `.partial`: export temporaries.
fn partials(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".partial"))
        .collect()
}

/// A named pipe is written into, not replaced by a file: whoever reads it gets the rows.
#[test]
fn a_fifo_is_written_into_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("p.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let (code, stderr) = export_to(
        &["--tab", "enterprises", "--output", fifo.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    let read = reader.join().unwrap();
    let n = rows_in(&shipped(), "enterprises");
    assert_eq!(csv_rows(&read), n, "the reader got every row");
    assert_eq!(stderr, format!("wrote {n} rows to {}\n", fifo.display()));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(partials(dir.path()), Vec::<String>::new());
}

/// A Unix socket is connected to and written into.
#[test]
fn a_socket_is_written_into() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let reader = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stream, &mut text).unwrap();
        text
    });
    let (code, stderr) = export_to(
        &["--tab", "brands", "--output", path.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        common::json_ids(&reader.join().unwrap()).len(),
        rows_in(&shipped(), "brands")
    );
}

/// A full device is an error that names the path and the cause, never "wrote"; and the
/// device is still a device.
#[test]
fn a_full_device_is_an_error_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt as _;
    let full = std::path::Path::new("/dev/full");
    if !full.exists() {
        eprintln!("no /dev/full here: nothing to test");
        return;
    }
    for format in ["csv", "xlsx"] {
        let (code, stderr) = export_to(
            &["--tab", "enterprises", "--format", format, "--output", "/dev/full"],
            std::process::Stdio::null(),
        );
        assert_eq!(code, Some(2), "{format}: {stderr}");
        assert!(
            stderr.starts_with("shuibei: cannot write /dev/full: no space left on device; "),
            "{format}: {stderr}"
        );
        assert!(!stderr.contains("wrote"), "{stderr}");
        assert!(std::fs::metadata(full).unwrap().file_type().is_char_device());
    }
}

/// A symbolic link stays a link, and the file it points to holds the export; a dangling
/// link is written through when the folder of its target exists, and refused in words
/// that name the target when it does not.
#[test]
fn a_symlink_stays_a_link_and_its_target_holds_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let n = rows_in(&shipped(), "enterprises");
    let target = dir.path().join("target.csv");
    let link = dir.path().join("link.csv");
    // An earlier export there, which the guard lets an export replace.
    let (code, stderr) = export_to(
        &[
            "--tab",
            "enterprises",
            "--query",
            "周大生",
            "--output",
            target.to_str().unwrap(),
        ],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(csv_rows(&std::fs::read(&target).unwrap()) < n);
    std::os::unix::fs::symlink("target.csv", &link).unwrap();
    let (code, stderr) = export_to(
        &["--tab", "enterprises", "--output", link.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, format!("wrote {n} rows to {}\n", link.display()));
    assert_eq!(std::fs::read_link(&link).unwrap(), std::path::Path::new("target.csv"));
    assert_eq!(csv_rows(&std::fs::read(&target).unwrap()), n);

    // A link to a file that is no export is guarded as the file is.
    std::fs::write(&target, "precious\n").unwrap();
    let (code, stderr) = export_to(
        &["--tab", "enterprises", "--output", link.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("does not look like a csv export"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");

    // Dangling, its folder there: the target is created, the link is kept.
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink("new.csv", &dangling).unwrap();
    let (code, stderr) = export_to(
        &["--tab", "enterprises", "--output", dangling.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert_eq!(csv_rows(&std::fs::read(dir.path().join("new.csv")).unwrap()), n);

    // Dangling into a folder that does not exist: refused, naming where it leads.
    let nowhere = dir.path().join("nowhere.csv");
    std::os::unix::fs::symlink("missing/x.csv", &nowhere).unwrap();
    let (code, stderr) = export_to(
        &["--tab", "enterprises", "--output", nowhere.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "shuibei: cannot write {}: it is a symbolic link to {}, whose folder {} does not exist; fix the link",
            nowhere.display(),
            dir.path().join("missing/x.csv").display(),
            dir.path().join("missing").display()
        )),
        "{stderr}"
    );
    assert!(!dir.path().join("missing").exists());
    assert_eq!(partials(dir.path()), Vec::<String>::new());
}

#[test]
fn a_directory_is_refused_with_a_file_name_to_give_instead() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, stderr) = export_to(
        &["--tab", "brands", "--format", "jsonl", "--output", out],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "shuibei: cannot write {out}: is a directory; give a file name in it (--output {out}/shuibei-brands.jsonl), or choose another --output\n"
        )
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written in it"
    );
}

/// `-o -` is stdout; `-o /dev/stdout` writes into whatever stdout is (a pipe, or a file
/// it was redirected to), and `/dev/stdout` stays the link it is.
#[test]
fn dash_and_dev_stdout_write_to_stdout() {
    let n = rows_in(&shipped(), "brands");
    let (code, stdout, stderr) = raw(&["export", "--tab", "brands", "--output", "-"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(csv_rows(&stdout), n);
    assert_eq!(stderr, "", "as without --output");

    let (code, stdout, stderr) = raw(&[
        "export",
        "--tab",
        "brands",
        "--format",
        "csv",
        "--output",
        "/dev/stdout",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(csv_rows(&stdout), n);
    assert_eq!(stderr, format!("wrote {n} rows to /dev/stdout\n"));

    let dir = tempfile::tempdir().unwrap();
    let redirected = dir.path().join("out.csv");
    let (code, stderr) = export_to(
        &["--tab", "brands", "--format", "csv", "--output", "/dev/stdout"],
        std::fs::File::create(&redirected).unwrap().into(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(csv_rows(&std::fs::read(&redirected).unwrap()), n);
    assert!(
        std::fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type()
            .is_symlink(),
        "/dev/stdout was replaced"
    );
}

/// A dataset of `n` generated enterprises in the `shuibei/1` format, written to `path`.
fn generated_dataset(path: &std::path::Path, n: usize) {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    write!(
        out,
        r#"{{"format":"shuibei/1","cluster":{{"name":"Generated"}},"enterprises":["#
    )
    .unwrap();
    for i in 0..n {
        let comma = if i == 0 { "" } else { "," };
        write!(
            out,
            r#"{comma}{{"id":"e{i}","name":"Golden Dragon Jewellery {i}","name_zh":"金龙珠宝{i}号","location":"水贝, 罗湖","summary":"A workshop in Shuibei that makes gold chains and sells them to shops across the country."}}"#
        )
        .unwrap();
    }
    writeln!(out, "]}}").unwrap();
    out.flush().unwrap();
}

/// Sends `signal` (a `kill` option: `-INT`, `-STOP`) to the process `pid`.
fn kill(signal: &str, pid: u32) {
    let sent = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill {signal} {pid}");
}

/// Ctrl-C while a big export is being written ends the export as SIGINT does, and leaves
/// neither the partial file nor a file of the name asked for.
#[test]
fn sigint_during_an_export_leaves_no_partial_file() {
    use std::os::unix::process::ExitStatusExt as _;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("big.json");
    generated_dataset(&data, 200_000);
    let out = dir.path().join("int.csv");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(["export", "--tab", "enterprises", "--data"])
        .arg(&data)
        .arg("--output")
        .arg(&out)
        .env_remove("SHUIBEI_DATA")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the partial file is there, the export is under way: stop the process so that
    // it cannot finish before the signal arrives, send SIGINT, and let it go on.
    let mut seen = false;
    while child.try_wait().unwrap().is_none() {
        if !partials(dir.path()).is_empty() {
            kill("-STOP", child.id());
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(seen, "the export ended before it was seen under way");
    assert!(!partials(dir.path()).is_empty());
    kill("-INT", child.id());
    kill("-CONT", child.id());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(
        status.signal() == Some(2) || status.code() == Some(130),
        "ended by SIGINT: {status:?} {stderr}"
    );
    assert_eq!(partials(dir.path()), Vec::<String>::new(), "the partial file is gone");
    assert!(!out.exists(), "no export was finished");
    assert!(!stderr.contains("wrote"), "{stderr}");
}

/// A partial file left by an export that was killed outright (its process gone) is
/// removed by the next export to the same name; a live process's is its export under
/// way, and kept; so are another name's.
#[test]
fn a_dead_exports_partial_file_is_removed_and_a_live_ones_kept() {
    if !std::path::Path::new("/proc/self").exists() {
        eprintln!("no /proc here: whether a process runs cannot be told, and nothing is removed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A pid no process has any more: a child that has exited and been waited for.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let live = std::process::id();
    let stale = dir.path().join(format!(".out.csv.{dead}.partial"));
    let under_way = dir.path().join(format!(".out.csv.{live}.partial"));
    let other = dir.path().join(format!(".other.csv.{dead}.partial"));
    for path in [&stale, &under_way, &other] {
        std::fs::write(path, "id,name\n").unwrap();
    }
    let out = dir.path().join("out.csv");
    let (code, stderr) = export_to(
        &["--tab", "brands", "--output", out.to_str().unwrap()],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stale.exists(), "the dead export's partial file is removed");
    assert!(under_way.exists(), "a live export's partial file is kept");
    assert!(other.exists(), "another name's is not this export's to judge");
    assert_eq!(csv_rows(&std::fs::read(&out).unwrap()), rows_in(&shipped(), "brands"));
}

/// A block device (a disk, a partition) is refused, not written in place as a FIFO or
/// a character device is: an export there would overwrite what the disk holds. Run where
/// `/dev` has one (a machine without any has nothing to refuse).
#[test]
fn a_block_device_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let Some(device) = std::fs::read_dir("/dev").ok().and_then(|entries| {
        entries
            .flatten()
            .map(|e| e.path())
            .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_block_device()))
    }) else {
        eprintln!("no block device under /dev: nothing to refuse here");
        return;
    };
    let out = device.to_str().unwrap();
    let (code, stderr) = export_to(
        &["--tab", "brands", "--format", "csv", "--output", out],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "shuibei: cannot write {out}: it is a block device (a disk or a partition), which an export would overwrite"
        )),
        "{stderr}"
    );
    assert!(
        std::fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_block_device()
    );
}

/// A trial: `export --tab history -o sb_ent.csv` replaced an Enterprises export there
/// without a word. Another tab's export is kept unless `--force`; the same tab's is
/// replaced, as before.
#[test]
fn an_export_of_another_tab_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sb_ent.csv");
    let out = path.to_str().unwrap();
    let (code, stderr) = export_to(&["--tab", "enterprises", "--output", out], std::process::Stdio::null());
    assert_eq!(code, Some(0), "{stderr}");
    let enterprises = std::fs::read(&path).unwrap();
    let (code, stderr) = export_to(&["--tab", "history", "--output", out], std::process::Stdio::null());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("holds an export of the Enterprises tab; choose another --output, or add --force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), enterprises, "kept as it was");
    let (code, stderr) = export_to(&["--tab", "enterprises", "--output", out], std::process::Stdio::null());
    assert_eq!(code, Some(0), "the same tab's export is replaced: {stderr}");
    let (code, stderr) = export_to(
        &["--tab", "history", "--output", out, "--force"],
        std::process::Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("id,date,"));
}
