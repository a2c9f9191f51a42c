//! `shuibei import`, driven as a person would: the three kinds of registry export
//! (UTF-8 CSV with a byte-order mark, GB18030 CSV, an .xlsx workbook with a title line)
//! become datasets that validate and search by pinyin; bad dates, credit codes, missing
//! names and unknown headers are reported as `FILE:ROW: column: what`, and then nothing
//! is written.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Run, fixture, shuibei_in};

/// Runs the binary with no terminal, no inherited dataset settings and an empty config
/// directory, in `dir`.
fn run_at(dir: &Path, args: &[&str]) -> Run {
    shuibei_in(dir, args, &[])
}

/// The export the README imports: fictional Shuibei companies, as 企查查 exports them.
fn example() -> PathBuf {
    fixture("import/qcc-shuibei-example.csv")
}

fn example_text() -> String {
    let bytes = std::fs::read(example()).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "the fixture keeps its byte-order mark"
    );
    String::from_utf8(bytes[3..].to_vec()).unwrap()
}

/// Imports `file` into `dir/out.json` (with a fixed date, so the output is the same every
/// run), expecting success; returns the output's path and what was printed.
fn import_ok(dir: &Path, file: &Path, extra: &[&str]) -> (PathBuf, Run) {
    let out = dir.join("out.json");
    let mut args = vec![
        "import",
        file.to_str().unwrap(),
        "--publisher",
        "企查查",
        "--date",
        "2024-05-01",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = run_at(dir, &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (out, r)
}

/// The imported dataset validates, and its companies are found by the pinyin of their
/// Chinese names once laid over the shipped data.
fn assert_usable(dir: &Path, out: &Path) {
    let r = run_at(dir, &["validate", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "ok: 0 history, 5 enterprises, 0 brands, 0 indicators, 1 source\n"
    );
    let r = run_at(
        dir,
        &["--add", out.to_str().unwrap(), "search", "sbsl", "--tab", "enterprises"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        "enterprise\tuscc-91440303MA5EXA001U\tShuibei Example Gold Co., Ltd. (深圳市水贝示例金饰有限公司)",
        "水贝示例 by its pinyin initials"
    );
    let r = run_at(
        dir,
        &[
            "--add",
            out.to_str().unwrap(),
            "search",
            "fanli",
            "--tab",
            "enterprises",
        ],
    );
    assert!(
        r.stdout.contains("uscc-91440303MA5EXA0032\t深圳市范例黄金制品厂"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_utf8_export_with_a_byte_order_mark_and_a_title_line_imports() {
    let dir = tempfile::tempdir().unwrap();
    let (out, r) = import_ok(dir.path(), &example(), &[]);
    assert!(
        r.stderr
            .contains(":3: columns shuibei does not know are left out: 参保人数"),
        "the header is row 3, below a title and a blank line: {}",
        r.stderr
    );
    assert!(r.stderr.contains("imported 5 enterprises into"), "{}", r.stderr);
    assert_usable(dir.path(), &out);
    let r = run_at(
        dir.path(),
        &["--add", out.to_str().unwrap(), "show", "uscc-91440303MA5EXA001U"],
    );
    let detail = r.stdout;
    for line in [
        "Shuibei Example Gold Co., Ltd.\n深圳市水贝示例金饰有限公司\n",
        "Kind         company\n",
        "Founded      2008-06-18\n",
        "Aliases      深圳市水贝示例金行\n",
        "Credit code  91440303MA5EXA001U\n",
        "Status       active (存续（在营、开业、在册）)\n",
        "Capital      10 million CNY (1,000万)\n",
        "Legal form   有限责任公司（自然人投资或控股）\n",
        "Industry     批发业\n",
        "Region       广东省 深圳市 罗湖区\n",
        // The registry's 企业地址, as the registry's address (a location of the
        // record's own, from a layer below, stays beside it).
        "Address      深圳市罗湖区翠竹街道水贝一路示例大厦\n",
        "Person       陈示例, legal representative (2024-05-01)\n",
        "[medium] qcc-shuibei-example.csv\n      source ",
        "\n      企查查, 2024-05-01\n",
        "(the first from row 4, the last from row 8).",
    ] {
        assert!(detail.contains(line), "{line:?} in:\n{detail}");
    }
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let statuses: Vec<&str> = json["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["registry"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["active", "active", "cancelled", "revoked", "moved-out"]);
    assert_eq!(json["enterprises"][3]["registry"]["capital"]["currency"], "USD");
    // The registry's own wording is kept beside the status it maps to.
    let words: Vec<&str> = json["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["registry"]["status_text"].as_str().unwrap())
        .collect();
    assert_eq!(
        words,
        ["存续（在营、开业、在册）", "在业", "注销", "吊销，未注销", "迁出"]
    );
    // A Chinese name is the Chinese name, with or without an English one.
    assert_eq!(json["enterprises"][2]["name"], "深圳市范例黄金制品厂");
    assert_eq!(json["enterprises"][2]["name_zh"], "深圳市范例黄金制品厂");
    assert_eq!(json["enterprises"][0]["name_zh"], "深圳市水贝示例金饰有限公司");
    let id = json["sources"][0]["id"].as_str().unwrap();
    let hash = id
        .strip_prefix("src-qcc-shuibei-example.csv-2024-05-01-")
        .unwrap_or_default();
    assert!(hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
}

#[test]
fn a_gb18030_export_imports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let text = example_text();
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(&text);
    assert!(!lossy);
    let file = dir.path().join("gsxt-export.csv");
    std::fs::write(&file, &gbk).unwrap();
    let (out, r) = import_ok(dir.path(), &file, &["--source-id", "src-gsxt"]);
    assert_usable(dir.path(), &out);
    let r2 = run_at(dir.path(), &["--add", out.to_str().unwrap(), "show", "src-gsxt"]);
    assert!(r2.stdout.contains("(GB18030 text)"), "{}\n{}", r2.stdout, r.stderr);
    // The same rows from either file make the same records: re-imports keep their ids.
    let (first, _) = import_ok(dir.path(), &example(), &[]);
    let records = |path: &Path| {
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        json["enterprises"].clone()
    };
    let from_utf8 = records(&first);
    let utf8_source = from_utf8[0]["sources"][0]["source"].clone();
    let (again, _) = import_ok(dir.path(), &file, &[]);
    let mut from_gbk = records(&again);
    for e in from_gbk.as_array_mut().unwrap() {
        e["sources"][0]["source"] = utf8_source.clone();
    }
    assert_eq!(from_utf8, from_gbk);
}

/// An .xlsx as registry services export it: a merged title row, the header below,
/// dates as date cells, capital as numbers under a header that names the unit.
fn write_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("企业列表").unwrap();
    sheet
        .merge_range(0, 0, 0, 6, "天眼查 · 企业查询结果（示例：虚构企业）", &Format::new())
        .unwrap();
    let header = [
        "企业名称",
        "法定代表人",
        "统一社会信用代码",
        "注册资本（万元）",
        "成立日期",
        "经营状态",
        "所属区县",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, u16::try_from(c).unwrap(), *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = example_text();
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .skip(2)
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i).unwrap() + 2;
        sheet.write_string(r, 0, &row[1]).unwrap();
        sheet.write_string(r, 1, &row[4]).unwrap();
        sheet.write_string(r, 2, &row[3]).unwrap();
        let wan: f64 = row[5].trim_end_matches(|c: char| !c.is_ascii_digit()).parse().unwrap();
        sheet.write_number(r, 3, wan).unwrap();
        let (y, m, d) = (2008 + u16::try_from(i).unwrap(), 6, 18);
        sheet
            .write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date)
            .unwrap();
        sheet.write_string(r, 5, &row[7]).unwrap();
        sheet.write_string(r, 6, &row[10]).unwrap();
    }
    book.add_worksheet().set_name("说明").unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_with_a_title_line_imports_with_real_dates() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tyc-export.xlsx");
    write_xlsx(&file);
    let (out, r) = import_ok(dir.path(), &file, &[]);
    assert!(!r.stderr.contains("notice"), "every column is known: {}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let e = &json["enterprises"][0];
    assert_eq!(e["founded"], "2008-06-18", "a date cell is a date, not a serial number");
    assert_eq!(json["enterprises"][2]["founded"], "2010-06-18");
    assert_eq!(e["registry"]["capital"]["amount"], 1e7, "1000 under 注册资本（万元）");
    assert_eq!(json["enterprises"][3]["registry"]["capital"]["currency"], "CNY");
    assert!(
        json["sources"][0]["note"]
            .as_str()
            .unwrap()
            .contains("(sheet 企业列表): 5 enterprises (the first from row 3, the last from row 7)."),
        "{}",
        json["sources"][0]
    );
    let r = run_at(dir.path(), &["validate", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_at(
        dir.path(),
        &["--add", out.to_str().unwrap(), "search", "sbsl", "--tab", "enterprises"],
    );
    assert!(
        r.stdout
            .starts_with("enterprise\tuscc-91440303MA5EXA001U\t深圳市水贝示例金饰有限公司"),
        "{}",
        r.stdout
    );

    // The second sheet has no header: named, it is refused with the reason.
    let bad = run_at(
        dir.path(),
        &["import", file.to_str().unwrap(), "--sheet", "说明", "-o", "x.json"],
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("no header row in the first 30 rows"),
        "{}",
        bad.stderr
    );
    let missing = run_at(
        dir.path(),
        &["import", file.to_str().unwrap(), "--sheet", "Sheet9", "-o", "x.json"],
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("has no sheet named \"Sheet9\"; its sheets are: \"企业列表\", \"说明\""),
        "{}",
        missing.stderr
    );
    assert!(!dir.path().join("x.json").exists());
}

const HEADER: &str = "企业名称,统一社会信用代码,成立日期,登记状态,注册资本\n";

/// An earlier import's output (a dataset, which an import may replace).
const OLD: &str = "{\"format\":\"shuibei/1\",\"cluster\":{\"name\":\"old\"}}";

/// Writes a CSV of `rows` under [`HEADER`] and imports it to `out.json`, which exists
/// beforehand holding `old`.
fn import_bad(dir: &Path, rows: &str, extra: &[&str]) -> (Run, PathBuf) {
    let file = dir.join("bad.csv");
    std::fs::write(&file, format!("{HEADER}{rows}")).unwrap();
    let out = dir.join("out.json");
    std::fs::write(&out, OLD).unwrap();
    let mut args = vec!["import", "bad.csv", "-o", "out.json"];
    args.extend_from_slice(extra);
    (run_at(dir, &args), out)
}

#[test]
fn bad_rows_are_reported_by_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "\
深圳市甲有限公司,91440303MA5EXA001U,2012-05-18,存续,100万元
,91440303MA5EXA002Y,2012-05-18,存续,100万元
深圳市丙有限公司,91440303MA5EXA0031,2012-13-01,存续,100万元
深圳市丁有限公司,,2012/5/18,营业中,100
深圳市戊有限公司,91440303MA5EXA001U,2012-05-18,注销,100万元
";
    let (r, out) = import_bad(dir.path(), rows, &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        OLD,
        "the old output is left as it was"
    );
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "shuibei: bad.csv has 4 rows with problems; fix them, or add --skip-invalid to import the other rows"
    );
    let want = [
        "bad.csv:3: 企业名称: the name is missing; every row needs one",
        "bad.csv:4: 统一社会信用代码: \"91440303MA5EXA0031\" fails its check character: the 18th is 1, the first 17 give 2 (a mistyped character?)",
        "bad.csv:4: 成立日期: \"2012-13-01\" is not a date: month must be 01 to 12; write it as 2012-05-18, 2012/5/18 or 2012年5月18日",
        "bad.csv:5: 登记状态: \"营业中\" is not a registry status shuibei reads;",
        "bad.csv:5: 注册资本: \"100\" has no unit;",
        "bad.csv:6: 统一社会信用代码: the same credit code as row 2, with other values; each organisation once",
    ];
    assert_eq!(lines.len(), want.len() + 1, "{}", r.stderr);
    for (line, want) in lines[1..].iter().zip(want) {
        assert!(line.starts_with(want), "{line}\nwanted: {want}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("shuibei-import"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left: {leftovers:?}");

    let (r, out) = import_bad(dir.path(), rows, &["--skip-invalid"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.ends_with(
            "shuibei: imported 1 enterprise into out.json; 4 rows with problems left out; open it with: shuibei --add out.json (over the shipped data) or shuibei --data out.json (alone)\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("uscc-91440303MA5EXA001U")
    );
}

#[test]
fn skip_invalid_imports_the_good_rows_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "\
深圳市甲有限公司,91440303MA5EXA001U,2012-05-18,存续,100万元
深圳市乙有限公司,91440303MA5EXA0021,2012-05-18,存续,100万元
深圳市丙有限公司,,2013-01-01,迁出,50万美元
";
    let (r, out) = import_bad(dir.path(), rows, &["--skip-invalid"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("bad.csv:3: 统一社会信用代码: \"91440303MA5EXA0021\" fails its check character"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("imported 2 enterprises into out.json; 1 row with problems left out"),
        "{}",
        r.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ids: Vec<&str> = json["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["uscc-91440303MA5EXA001U", "name-深圳市丙有限公司"],
        "no code: the id comes from the name"
    );
}

/// A status not understood is a problem of the row; with --skip-invalid the row stays,
/// without a status, its words kept as the registry's (`status_text`), and a warning
/// names the row and the value. A row with another problem is still left out, with both.
#[test]
fn skip_invalid_keeps_a_row_whose_status_is_not_understood() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "\
深圳市甲有限公司,91440303MA5EXA001U,2012-05-18,营业中啦,100万元
深圳市乙有限公司,,2012-05-18,营业中啦,100
";
    let (r, _) = import_bad(dir.path(), rows, &[]);
    assert_eq!(r.code, 2, "without --skip-invalid it stays a problem: {}", r.stderr);
    assert!(
        r.stderr
            .contains("bad.csv:2: 登记状态: \"营业中啦\" is not a registry status"),
        "{}",
        r.stderr
    );
    let (r, out) = import_bad(dir.path(), rows, &["--skip-invalid"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Imported without --date: the date its values are "as of" is said first.
    let (dated, lines): (Vec<&str>, Vec<&str>) = r.stderr.lines().partition(|l| l.contains("no --date"));
    assert_eq!(dated.len(), 1, "{}", r.stderr);
    assert!(
        dated[0].starts_with("shuibei: notice: no --date: its records are dated ")
            && dated[0].ends_with(", the day bad.csv was last modified; if the registry was exported on another day, import it again with --date YYYY-MM-DD"),
        "{}",
        r.stderr
    );
    assert!(
        lines[0].starts_with("bad.csv:3: 注册资本: \"100\" has no unit"),
        "{}",
        r.stderr
    );
    assert!(
        lines[1].starts_with("bad.csv:3: 登记状态: \"营业中啦\" is not a registry status"),
        "{}",
        r.stderr
    );
    assert!(
        lines[2]
            .starts_with("shuibei: warning: bad.csv:2: 登记状态: \"营业中啦\" is not a registry status shuibei reads")
            && lines[2].ends_with("; the row is imported without a status, the words kept as its status_text"),
        "{}",
        r.stderr
    );
    assert!(
        lines[3].contains("imported 1 enterprise into out.json; 1 row with problems left out"),
        "{}",
        r.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let registry = &json["enterprises"][0]["registry"];
    assert_eq!(registry["status_text"], "营业中啦");
    assert!(registry.get("status").is_none(), "no status made up: {registry}");
    assert_eq!(registry["credit_code"], "91440303MA5EXA001U");
    // The detail shows the words as the registry's, not as a status.
    let shown = run_at(dir.path(), &["--add", "out.json", "show", "uscc-91440303MA5EXA001U"]);
    assert!(
        shown
            .stdout
            .contains("营业中啦 (the registry's words; not a status shuibei reads)"),
        "{}",
        shown.stdout
    );
}

/// A founding after the export's date is a mistyped year; the rows left out are counted
/// in the source's note, which names the rows the records come from.
#[test]
fn a_founding_after_the_export_is_a_problem_and_the_note_counts_rows_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "\
深圳市甲有限公司,91440303MA5EXA001U,2026-12,存续,100万元
深圳市乙有限公司,,2027-01-01,存续,100万元
深圳市丙有限公司,,2026-12-06,存续,100万元
深圳市丁有限公司,,2013-01-01,存续,50万美元
";
    let (r, out) = import_bad(dir.path(), rows, &["--skip-invalid", "--date", "2026-12-05"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (row, date) in [(3, "2027-01-01"), (4, "2026-12-06")] {
        let said = format!(
            "bad.csv:{row}: 成立日期: {date} is after the export's date, 2026-12-05 (its --date, else the file's date); check the year"
        );
        assert!(r.stderr.contains(&said), "{said}\n{}", r.stderr);
    }
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let founded: Vec<&str> = json["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["founded"].as_str().unwrap())
        .collect();
    assert_eq!(
        founded,
        ["2026-12", "2013-01-01"],
        "a month of the export's date is no later"
    );
    assert_eq!(
        json["sources"][0]["note"],
        "Imported from a company-registry export (UTF-8 text): 2 enterprises (the first from row 2, the last from row 5); 2 rows with problems left out."
    );
}

#[test]
fn every_row_bad_with_skip_invalid_still_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (r, out) = import_bad(dir.path(), ",,,,\n深圳市甲有限公司,123,,,\n", &["--skip-invalid"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("every row has a problem, so nothing is left to import"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("bad.csv:3: 统一社会信用代码: \"123\" is not a unified social credit code: it has 3 characters"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), OLD);
}

#[test]
fn more_than_fifty_problems_end_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "公司,,2012-02-30,,\n".repeat(70);
    let (r, _) = import_bad(dir.path(), &rows, &[]);
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1 + 50 + 1 + 1, "{}", r.stderr);
    assert_eq!(lines[51], "and 20 more problems (only the first 50 are listed)");
    // The first line again as a summary, for a terminal too short to keep it in sight.
    assert_eq!(lines[52], lines[0].replacen("shuibei: ", "shuibei: in all: ", 1));
    assert!(lines[50].starts_with("bad.csv:51: 成立日期:"), "{}", lines[50]);
}

#[test]
fn a_header_without_a_name_column_is_refused_with_the_headers_known() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("codes.csv"),
        "统一社会信用代码,法定代表人,Employees\n91440303MA5EXA001U,张三,5\n",
    )
    .unwrap();
    let r = run_at(dir.path(), &["import", "codes.csv", "-o", "out.json"]);
    assert_eq!(r.code, 2);
    let mut lines = r.stderr.lines();
    assert_eq!(
        lines.next().unwrap(),
        "shuibei: codes.csv:1: the header has no name column; name one 企业名称, 公司名称, 名称 or Company Name"
    );
    assert_eq!(lines.next().unwrap(), "the headers shuibei knows:");
    assert!(r.stderr.contains("  企业名称, 公司名称, 名称,"), "{}", r.stderr);
    assert!(r.stderr.contains("  统一社会信用代码, 信用代码"), "{}", r.stderr);
    assert!(!dir.path().join("out.json").exists());

    std::fs::write(dir.path().join("notes.csv"), "hello\nworld\n").unwrap();
    let r = run_at(dir.path(), &["import", "notes.csv", "-o", "out.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("shuibei: notes.csv: no header row in the first 30 rows;"),
        "{}",
        r.stderr
    );
}

#[test]
fn files_that_are_not_exports_are_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["import", "nothing.csv", "-o", "o.json"],
            "shuibei: nothing.csv: no such file; check the path",
        ),
        (
            &["import", "old.xls", "-o", "o.json"],
            "is an old-style Excel workbook (.xls)",
        ),
        (
            &["import", "data.json", "-o", "o.json"],
            "is neither a CSV file nor an Excel workbook",
        ),
        (
            &["import", "a.csv", "--sheet", "x", "-o", "o.json"],
            "is a CSV file, which has no sheets; leave out --sheet",
        ),
        (&["import", "a.csv", "-o", "a.csv"], "is also the --output"),
    ];
    std::fs::write(dir.path().join("a.csv"), "名称\n甲\n").unwrap();
    std::fs::write(dir.path().join("old.xls"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::write(dir.path().join("data.json"), "{}").unwrap();
    for (args, words) in cases {
        let r = run_at(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(words), "{args:?}: {}", r.stderr);
    }
    let r = run_at(dir.path(), &["import", "a.csv", "-o", "no/such/dir/o.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("shuibei: cannot write no/such/dir/o.json: no such file or directory;"),
        "{}",
        r.stderr
    );
    let r = run_at(dir.path(), &["import", "a.csv", "-o", "o.json", "--date", "2024-13"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("month must be 01 to 12"), "{}", r.stderr);
}

// ----- layers: --add on every command -----

/// A base dataset whose one enterprise has the credit code of the example's first row.
const BASE: &str = r#"{"format":"shuibei/1","cluster":{"name":"Test cluster"},
"sources":[{"id":"src-annual","title":"Annual report 2023","reliability":"high","publisher":"Example Gold"}],
"enterprises":[{"id":"example-gold","name":"Example Gold","summary":"The base's own words.",
  "registry":{"credit_code":"91440303MA5EXA001U"},"sources":[{"source":"src-annual"}]}]}"#;

fn layered(dir: &Path) -> (PathBuf, PathBuf) {
    let (out, _) = import_ok(dir, &example(), &[]);
    let base = dir.join("base.json");
    std::fs::write(&base, BASE).unwrap();
    (base, out)
}

/// A registry status is found by its words in English and as registries write them.
#[test]
fn a_status_is_found_by_each_of_its_words_and_by_no_other_statuss() {
    let dir = tempfile::tempdir().unwrap();
    let (base, out) = layered(dir.path());
    let (base, out) = (base.to_str().unwrap(), out.to_str().unwrap());
    // 存续 (the first row, merged into the base's record) and 在业 are one status in two
    // registries' words: either finds both rows, as
    // the format's own word does (`status:在业` found only the row that wrote 在业).
    let active: Vec<String> = [
        "status:active",
        "status:存续",
        "status:在业",
        "status:开业",
        // As the export and the detail write it: the status, not its text.
        "status:存续（在营、开业、在册）",
    ]
    .iter()
    .map(|q| run_at(dir.path(), &["--data", base, "--add", out, "search", q]).stdout)
    .collect();
    assert!(
        active[0]
            == "enterprise\texample-gold\tExample Gold (深圳市水贝示例金饰有限公司)\n\
                      enterprise\tuscc-91440303MA5EXA002Y\t深圳市样例珠宝首饰有限公司\n",
        "{}",
        active[0]
    );
    assert!(active.iter().all(|a| *a == active[0]), "{active:#?}");
    // 吊销，未注销 holds 注销: a revoked company, never found as a cancelled one (a trial's
    // count of cancelled companies by `status:注销` held every revoked one too).
    for (words, only) in [
        (
            ["status:cancelled", "status:注销", "status:已注销"],
            "uscc-91440303MA5EXA0032",
        ),
        (
            ["status:revoked", "status:吊销", "status:吊销，未注销"],
            "uscc-91440303MA5EXA0045",
        ),
    ] {
        for q in words {
            let r = run_at(dir.path(), &["--data", base, "--add", out, "search", q]);
            let ids: Vec<&str> = r.stdout.lines().filter_map(|l| l.split('\t').nth(1)).collect();
            assert_eq!(ids, [only], "{q}: {}", r.stdout);
        }
    }
    // A word no status is found by is said, not a silent 0.
    let r = run_at(dir.path(), &["--data", base, "--add", out, "search", "status:未注销"]);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("`status:` is a registry status, one of active,") && r.stderr.contains("none is \"未注销\""),
        "{}",
        r.stderr
    );
}

#[test]
fn a_layer_with_a_known_credit_code_fills_the_base_record() {
    let dir = tempfile::tempdir().unwrap();
    let (base, out) = layered(dir.path());
    let (base, out) = (base.to_str().unwrap(), out.to_str().unwrap());
    let r = run_at(dir.path(), &["validate", base, "--add", out]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "ok: 0 history, 5 enterprises, 0 brands, 0 indicators, 2 sources\n  + {out}: 4 new enterprises, 1 merged into enterprises below by credit code\n    merged: 深圳市水贝示例金饰有限公司 → example-gold (Example Gold), by credit code\n"
        )
    );
    for id in ["example-gold", "uscc-91440303MA5EXA001U"] {
        let r = run_at(dir.path(), &["--data", base, "--add", out, "show", id]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = &r.stdout;
        assert!(
            text.starts_with("enterprise example-gold\nExample Gold\n深圳市水贝示例金饰有限公司\n"),
            "{text}"
        );
        assert!(text.contains("The base's own words."), "the base's text stays: {text}");
        assert!(
            text.contains("Aliases      Shuibei Example Gold Co., Ltd., 深圳市水贝示例金行"),
            "{text}"
        );
        assert!(
            text.contains("Status       active (存续（在营、开业、在册）)"),
            "the registry's own words: {text}"
        );
        assert!(
            text.contains("Sources (2):\n  [high] Annual report 2023"),
            "both sources: {text}"
        );
        assert!(text.contains("  [medium] qcc-shuibei-example.csv"), "{text}");
    }
    let r = run_at(
        dir.path(),
        &["--data", base, "--add", out, "search", "credit:91440303MA5EXA0045"],
    );
    assert_eq!(
        r.stdout,
        "enterprise\tuscc-91440303MA5EXA0045\tDemo Diamond (Shenzhen) Co., Ltd. (深圳市演示钻石有限公司)\n"
    );
    let r = run_at(
        dir.path(),
        &["--data", base, "--add", out, "search", "status:cancelled"],
    );
    assert_eq!(r.stdout, "enterprise\tuscc-91440303MA5EXA0032\t深圳市范例黄金制品厂\n");
    let r = run_at(
        dir.path(),
        &[
            "--data",
            base,
            "--add",
            out,
            "export",
            "--tab",
            "enterprises",
            "--query",
            "district:罗湖",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Citations hold line breaks inside quoted fields: count records, not lines.
    let records = csv::Reader::from_reader(r.stdout.as_bytes()).records().count();
    assert_eq!(records, 5, "{}", r.stdout);
    assert!(
        r.stdout.contains(
            ",91440303MA5EXA0045,revoked,吊销，未注销,3000000,USD,有限责任公司（台港澳法人独资）,批发业,广东省,深圳市,罗湖区,深圳市罗湖区水贝二路演示中心,钻石的批发与进出口,,,"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn an_id_in_two_layers_is_an_error_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = layered(dir.path());
    let copy = dir.path().join("copy.json");
    std::fs::copy(&out, &copy).unwrap();
    let r = run_at(
        dir.path(),
        &["--add", out.to_str().unwrap(), "--add", "copy.json", "validate"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("shuibei: cannot load copy.json: "), "{}", r.stderr);
    // The problems are what `validate` was asked for: on stdout.
    assert!(
        r.stdout
            .contains("copy.json:11:7: sources[0].id: duplicate id \"src-qcc-shuibei-example.csv-2024-05-01-"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("\": {} already uses it for a source", out.display())),
        "{}",
        r.stdout
    );
    let r = run_at(dir.path(), &["--add", "copy.json", "--add", "./copy.json", "validate"]);
    assert!(
        r.stderr
            .contains("copy.json: is already loaded (as copy.json); give each dataset once"),
        "{}",
        r.stderr
    );
}

#[test]
fn layers_come_from_the_environment_and_the_config_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = layered(dir.path());
    let config = dir.path().join("config/shuibei");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "add = [\"../../out.json\"]\n").unwrap();
    let r = run_at(dir.path(), &["validate"]);
    assert!(r.stdout.contains("  + "), "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("out.json: 5 enterprises"), "{}", r.stdout);
    let r = run_at(dir.path(), &["--print-config"]);
    assert!(r.stdout.contains("out.json\"]   # config file\n"), "{}", r.stdout);

    std::fs::write(config.join("config.toml"), "add = [\"missing.json\"]\n").unwrap();
    let r = run_at(dir.path(), &["search", "x"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the config file's add line names"), "{}", r.stderr);

    let add = format!("{}:{}", dir.path().join("nowhere.json").display(), out.display());
    let r = shuibei_in(
        dir.path(),
        &["search", "sbsl", "--tab", "enterprises", "--limit", "1"],
        &[("SHUIBEI_ADD", &add)],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("SHUIBEI_ADD names"),
        "a path from the variable that names nothing says where it came from"
    );
}

/// A command line split as a shell splits it (spaces, and single quotes).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            ' ' if !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// The README's round trip, run as written (from the repository's root, into a
/// temporary directory), gives the output the README shows.
#[test]
fn the_readme_round_trip_works_as_written() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Your own companies")
        .expect("the README has the section")..];
    let dir = tempfile::tempdir().unwrap();
    let fixture = "tests/fixtures/import/qcc-shuibei-example.csv";
    std::fs::create_dir_all(dir.path().join("tests/fixtures/import")).unwrap();
    std::fs::copy(repo.join(fixture), dir.path().join(fixture)).unwrap();
    let commands: Vec<&str> = section
        .lines()
        .skip_while(|l| *l != "```sh")
        .skip(1)
        .take_while(|l| *l != "```")
        .collect();
    assert_eq!(commands.len(), 5, "{commands:?}");
    let shown = section
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows the output");
    let mut printed = String::new();
    for command in commands {
        let words = shell_words(command.split(" #").next().unwrap());
        assert_eq!(words[0], "shuibei");
        if words.len() == 3 {
            continue; // the explorer itself: the tmux test drives it
        }
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let r = run_at(dir.path(), &args);
        assert!(r.code == 0, "{command}: {}", r.stderr);
        printed.push_str(&r.stderr);
        printed.push_str(&r.stdout);
    }
    for line in shown.lines().filter(|l| !l.is_empty() && *l != "…") {
        assert!(
            printed.contains(line),
            "the README shows {line:?}, the commands print:\n{printed}"
        );
    }
}

#[test]
fn former_names_of_an_added_layer_are_searched() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = import_ok(dir.path(), &example(), &[]);
    let out = out.to_str().unwrap();
    for (query, id) in [
        ("深圳市水贝示例金行", "uscc-91440303MA5EXA001U"),
        ("演示宝石", "uscc-91440303MA5EXA0045"),
        ("name:演示首饰", "uscc-91440303MA5EXA0045"),
    ] {
        let r = run_at(dir.path(), &["--add", out, "search", query, "--tab", "enterprises"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout.lines().next().is_some_and(|l| l.contains(id)),
            "{query}: {}",
            r.stdout
        );
    }
}

#[test]
fn import_refuses_to_replace_a_file_that_is_not_a_dataset_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.xlsx");
    std::fs::write(&victim, b"PK\x03\x04 a workbook").unwrap();
    let args = [
        "import",
        example().to_str().unwrap().to_owned().leak(),
        "-o",
        victim.to_str().unwrap(),
    ];
    let r = run_at(dir.path(), &args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("exists and is not a shuibei dataset"), "{}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), b"PK\x03\x04 a workbook");
    // An earlier import is a dataset: importing again replaces it.
    let (out, _) = import_ok(dir.path(), &example(), &[]);
    import_ok(dir.path(), &example(), &[]);
    assert!(out.exists());
    let mut forced = args.to_vec();
    forced.push("--force");
    let r = run_at(dir.path(), &forced);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn export_never_writes_over_a_loaded_dataset_or_a_file_of_another_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = import_ok(dir.path(), &example(), &[]);
    let out = out.to_str().unwrap();
    let before = std::fs::read(out).unwrap();
    let r = run_at(
        dir.path(),
        &[
            "--add",
            out,
            "export",
            "--tab",
            "enterprises",
            "--output",
            out,
            "--force",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("is a dataset this command loaded"), "{}", r.stderr);
    assert_eq!(std::fs::read(out).unwrap(), before, "the dataset is untouched");
    let notes = dir.path().join("notes.json");
    std::fs::write(&notes, "{\"format\":\"shuibei/1\",\"cluster\":{\"name\":\"mine\"}}").unwrap();
    let notes = notes.to_str().unwrap();
    let r = run_at(dir.path(), &["export", "--tab", "brands", "--output", notes]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("does not look like a json export") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    let r = run_at(dir.path(), &["export", "--tab", "brands", "--output", notes, "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // An earlier export of the same format is replaced without asking.
    let r = run_at(dir.path(), &["export", "--tab", "brands", "--output", notes]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A file of the user's that merely ends in an export's extension is kept: a customer
    // list in .csv, a log in .jsonl, a config in .json; an earlier export of each is not.
    for (name, theirs) in [
        ("clients.csv", "customer,phone,notes\nAcme,555-1234,call back\n"),
        ("one-line.csv", "remember the milk"),
        ("events.jsonl", "{\"level\":\"info\",\"id\":\"x\"}\n"),
        ("config.json", "{\"theme\":\"dark\"}"),
        ("list.json", "[1, 2, 3]"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, theirs).unwrap();
        let file = file.to_str().unwrap();
        let r = run_at(dir.path(), &["export", "--tab", "brands", "--output", file]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains("does not look like") && r.stderr.contains("--force"),
            "{name}: {}",
            r.stderr
        );
        assert_eq!(std::fs::read_to_string(file).unwrap(), theirs, "{name} is untouched");
        let r = run_at(dir.path(), &["export", "--tab", "brands", "--output", file, "--force"]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let r = run_at(dir.path(), &["export", "--tab", "brands", "--output", file]);
        assert_eq!(r.code, 0, "{name}, an export now: {}", r.stderr);
        // Another tab's export is kept unless forced (it names the tab it holds).
        let r = run_at(dir.path(), &["export", "--tab", "history", "--output", file]);
        assert_eq!(r.code, 2, "{name}, an export of Brands: {}", r.stderr);
        assert!(
            r.stderr.contains("holds an export of the Brands tab"),
            "{name}: {}",
            r.stderr
        );
    }
    // A Sources export (its header ends in citation counts) is replaced by the next one.
    let sources = dir.path().join("sources.csv");
    let sources = sources.to_str().unwrap();
    for _ in 0..2 {
        let r = run_at(dir.path(), &["export", "--tab", "sources", "--output", sources]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    // An export that found nothing (an empty array) is an export too.
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "[]\n").unwrap();
    let r = run_at(
        dir.path(),
        &["export", "--tab", "brands", "--output", empty.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn two_exports_of_one_name_get_two_source_ids_and_a_re_import_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let id_of = |out: &Path| {
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
        json["sources"][0]["id"].as_str().unwrap().to_owned()
    };
    let (a_dir, b_dir) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a_dir).unwrap();
    std::fs::create_dir_all(&b_dir).unwrap();
    let text = example_text();
    let (head, rows) = text.split_at(text.find("\n4,").unwrap() + 1);
    let (first, second) = rows.split_at(rows.find('\n').unwrap() + 1);
    std::fs::write(a_dir.join("企查查导出.csv"), format!("{head}{first}")).unwrap();
    std::fs::write(b_dir.join("企查查导出.csv"), format!("{head}{second}")).unwrap();
    let (a, _) = import_ok(&a_dir, &a_dir.join("企查查导出.csv"), &[]);
    let (b, _) = import_ok(&b_dir, &b_dir.join("企查查导出.csv"), &[]);
    assert_ne!(id_of(&a), id_of(&b));
    let again = id_of(&a);
    import_ok(&a_dir, &a_dir.join("企查查导出.csv"), &[]);
    assert_eq!(id_of(&a), again, "the same file keeps its id");
    let r = run_at(
        dir.path(),
        &["--add", a.to_str().unwrap(), "--add", b.to_str().unwrap(), "validate"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_footer_note_below_a_blank_row_is_left_out_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("with-footer.csv");
    let text = format!("{}\n数据来源：企查查 qcc.com，导出时间2024-05-20\n", example_text());
    std::fs::write(&file, text).unwrap();
    let (out, r) = import_ok(dir.path(), &file, &[]);
    assert!(
        r.stderr
            .contains(":10: a note below the data is left out: 数据来源：企查查 qcc.com，导出时间2024-05-20"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("imported 5 enterprises"), "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(json["enterprises"].as_array().unwrap().len(), 5);
}

#[test]
fn a_missing_file_is_said_to_be_missing_before_anything_about_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_at(dir.path(), &["import", "missing.xls", "-o", "out.json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("missing.xls: no such file"), "{}", r.stderr);
    assert!(!r.stderr.contains(".xls is"), "{}", r.stderr);
}

// ----- round trips: `shuibei export --tab enterprises`, then `shuibei import` -----

/// The records of a dataset file's `enterprises`, by id, in file order.
fn enterprises_of(path: &Path) -> Vec<(String, serde_json::Value)> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_owned(), e.clone()))
        .collect()
}

/// Exports the enterprises (over `add`, if given) to `dir/NAME`, imports the export to
/// `dir/NAME.json`, and returns the imported records and what the import printed.
fn round_trip(dir: &Path, name: &str, add: Option<&Path>) -> (Vec<(String, serde_json::Value)>, Run) {
    let mut args = Vec::new();
    if let Some(add) = add {
        args.extend(["--add", add.to_str().unwrap()]);
    }
    args.extend(["export", "--tab", "enterprises", "--output", name]);
    let r = run_at(dir, &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = format!("{name}.json");
    let r = run_at(
        dir,
        &[
            "import",
            name,
            "--date",
            "2024-05-01",
            "--source-id",
            "src-round-trip",
            "-o",
            &out,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (enterprises_of(&dir.join(out)), r)
}

/// Every field of every record `want` holds comes back as it was, but the sources: the
/// imported records cite the export, and only it.
fn assert_same_records(want: &[(String, serde_json::Value)], got: &[(String, serde_json::Value)], what: &str) {
    let got: std::collections::HashMap<&str, &serde_json::Value> = got.iter().map(|(id, e)| (id.as_str(), e)).collect();
    for (id, shipped) in want {
        let back = got
            .get(id.as_str())
            .unwrap_or_else(|| panic!("{what}: {id} comes back with its id"));
        let (mut shipped, mut back) = (shipped.clone(), (*back).clone());
        assert_eq!(
            back["sources"],
            serde_json::json!([{ "source": "src-round-trip" }]),
            "{what}: {id}"
        );
        shipped.as_object_mut().unwrap().remove("sources");
        back.as_object_mut().unwrap().remove("sources");
        for (field, value) in shipped.as_object().unwrap() {
            assert_eq!(&back[field], value, "{what}: {id}.{field}");
        }
        assert_eq!(
            back.as_object().unwrap().len(),
            shipped.as_object().unwrap().len(),
            "{what}: {id} gains no field: {back}"
        );
    }
}

#[test]
fn the_shipped_enterprises_export_and_import_back_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = enterprises_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cluster.json"));
    assert!(shipped.len() > 90, "{}", shipped.len());
    for name in ["all.csv", "all.xlsx"] {
        let (back, r) = round_trip(dir.path(), name, None);
        assert!(
            r.stderr
                .contains(&format!("imported {} enterprises into {name}.json", shipped.len())),
            "{}",
            r.stderr
        );
        assert_eq!(back.len(), shipped.len(), "{name}: every row is a record");
        assert_same_records(&shipped, &back, name);
        let find = |id: &str| &back.iter().find(|(i, _)| i == id).unwrap().1;
        // The Chinese name is the field that matters most: every one comes back.
        let with_zh = shipped.iter().filter(|(_, e)| e["name_zh"].is_string()).count();
        assert_eq!(
            back.iter().filter(|(_, e)| e["name_zh"].is_string()).count(),
            with_zh,
            "{name}"
        );
        let batar = find("batar");
        assert_eq!(batar["name"], "Shenzhen Batar Investment Holding Group Co Ltd");
        assert_eq!(batar["name_zh"], "百泰集团");
        assert!(
            batar["summary"]
                .as_str()
                .unwrap()
                .contains("深圳市百泰珠宝首饰有限公司"),
            "{name}: {batar}"
        );
        // People whose names and roles hold brackets and `; `, as the export joins them.
        assert_eq!(
            batar["people"][0],
            serde_json::json!({"name": "周桃林 (Zhou Taolin)", "role": "Chairman; Hong Kong/Macau member of the Shenzhen CPPCC"}),
            "{name}"
        );
        assert_eq!(batar["people"][1]["as_of"], "2015", "{name}");
        assert_eq!(
            batar["segments"],
            serde_json::json!(["gold", "manufacturing"]),
            "{name}"
        );
        // Dates at year precision stay years; listings keep their dates.
        let listed: Vec<&serde_json::Value> = back
            .iter()
            .flat_map(|(_, e)| e["listings"].as_array().into_iter().flatten())
            .collect();
        assert!(
            listed.contains(&&serde_json::json!({"exchange": "SSE", "code": "600086", "listed": "1997-06-06", "delisted": "2021-03-17"})),
            "{name}: {listed:?}"
        );
    }
    // The result stands as a dataset of its own.
    let r = run_at(
        dir.path(),
        &["--data", "all.csv.json", "search", "百泰", "--tab", "enterprises"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("enterprise\tbatar\t"), "{}", r.stdout);
}

#[test]
fn registry_fields_and_capital_with_its_currency_come_back_from_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let (registry, _) = import_ok(dir.path(), &example(), &["--source-id", "src-qcc"]);
    let imported = enterprises_of(&registry);
    for name in ["registry.csv", "registry.xlsx"] {
        let (back, r) = round_trip(dir.path(), name, Some(&registry));
        assert!(!r.stderr.contains("has no unit"), "{}", r.stderr);
        assert_same_records(&imported, &back, name);
        let find = |id: &str| &back.iter().find(|(i, _)| i == id).unwrap().1;
        let first = find("uscc-91440303MA5EXA001U");
        assert_eq!(
            first["registry"]["capital"],
            serde_json::json!({"amount": 10_000_000.0, "currency": "CNY"}),
            "{name}: 10000000 under capital, CNY under capital_currency"
        );
        assert_eq!(first["name_zh"], "深圳市水贝示例金饰有限公司");
        assert_eq!(first["registry"]["status_text"], "存续（在营、开业、在册）");
        assert_eq!(
            first["people"][0],
            serde_json::json!({"name": "陈示例", "role": "legal representative", "as_of": "2024-05-01"})
        );
        let demo = find("uscc-91440303MA5EXA0045");
        assert_eq!(
            demo["registry"]["capital"],
            serde_json::json!({"amount": 3_000_000.0, "currency": "USD"}),
            "{name}"
        );
        assert_eq!(demo["registry"]["status"], "revoked");
        assert_eq!(demo["founded"], "2019-11-01");
        assert_eq!(
            demo["aliases"],
            serde_json::json!(["深圳市演示宝石有限公司", "深圳市演示首饰有限公司"])
        );
    }
}

#[test]
fn the_notice_names_only_the_columns_an_export_import_really_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let (_, r) = round_trip(dir.path(), "all.csv", None);
    let header = std::fs::read_to_string(dir.path().join("all.csv")).unwrap();
    let header: Vec<&str> = header.lines().next().unwrap().split(',').collect();
    assert!(
        header.contains(&"name_zh") && header.contains(&"capital_currency"),
        "{header:?}"
    );
    let notices: Vec<&str> = r
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("shuibei: notice: all.csv:1: "))
        .collect();
    assert!(
        !r.stderr.contains("does not know"),
        "every column of the export is known: {}",
        r.stderr
    );
    let mut left_out: Vec<&str> = Vec::new();
    for notice in &notices {
        let (why, columns) = notice.rsplit_once(": ").unwrap();
        assert!(why.contains(" are left out ("), "each says why: {notice}");
        left_out.extend(columns.split(", "));
    }
    assert_eq!(
        left_out,
        [
            "shenzhen_district",
            "listing_status",
            "sources",
            "citations",
            "quotes",
            "weakest_reliability",
            "strongest_reliability",
            "brands",
            "conflicts"
        ],
        "{}",
        r.stderr
    );
    assert!(left_out.iter().all(|c| header.contains(c)), "{left_out:?}");
    assert!(
        notices[1].contains("every imported record cites this file instead"),
        "{}",
        notices[1]
    );
}

#[test]
fn an_edited_export_is_checked_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("edited.csv");
    std::fs::write(
        &file,
        "\
id,name,name_zh,kind,capital,capital_currency,people,listings
acme,Acme,深圳市甲有限公司,company,300万美元,CNY,,
acme,Acme Two,深圳市乙有限公司,firm,,,张三 (Chairman,
,Acme Three,深圳市丙有限公司,,5000000,HKD,\"李四 (Chairman; founder, 2020)\",\"SZSE 000001, listed 1991-04-03\"
",
    )
    .unwrap();
    let r = run_at(dir.path(), &["import", "edited.csv", "-o", "out.json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let want = [
        "edited.csv:2: capital: \"300万美元\" is in USD, but the currency column says CNY; make them agree",
        "edited.csv:3: kind: \"firm\" is not a kind shuibei knows; write one of: company, association,",
        "edited.csv:3: people: the brackets in \"张三 (Chairman\" do not pair up;",
    ];
    for line in want {
        assert!(r.stderr.contains(line), "{line}\n{}", r.stderr);
    }
    assert!(!dir.path().join("out.json").exists());
    // Fixed, the rows import; an id used twice is named as such.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("300万美元,CNY", "300万美元,USD")
        .replace("firm", "association")
        .replace("张三 (Chairman,", "张三 (Chairman),");
    std::fs::write(&file, &text).unwrap();
    let r = run_at(dir.path(), &["import", "edited.csv", "-o", "out.json"]);
    assert!(
        r.stderr
            .contains("edited.csv:3: id: the same id as row 2, with other values; ids must be unique"),
        "{}",
        r.stderr
    );
    std::fs::write(&file, text.replacen("acme,Acme Two", "acme-two,Acme Two", 1)).unwrap();
    let r = run_at(dir.path(), &["import", "edited.csv", "-o", "out.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let back = enterprises_of(&dir.path().join("out.json"));
    assert_eq!(
        back[0].1["registry"]["capital"],
        serde_json::json!({"amount": 3e6, "currency": "USD"})
    );
    assert_eq!(back[1].1["kind"], "association");
    assert_eq!(
        back[2].0, "name-深圳市丙有限公司",
        "no id given: one is made from the Chinese name"
    );
    assert_eq!(
        back[2].1["people"][0],
        serde_json::json!({"name": "李四", "role": "Chairman; founder", "as_of": "2020"})
    );
    assert_eq!(
        back[2].1["listings"][0],
        serde_json::json!({"exchange": "SZSE", "code": "000001", "listed": "1991-04-03"})
    );
    assert_eq!(back[2].1["registry"]["capital"]["currency"], "HKD");
}

#[test]
fn an_export_of_another_tab_is_refused_not_made_into_enterprises() {
    let dir = tempfile::tempdir().unwrap();
    for (tab, file) in [
        ("brands", "brands.csv"),
        ("indicators", "indicators.xlsx"),
        ("history", "history.csv"),
        ("sources", "sources.csv"),
    ] {
        let r = run_at(dir.path(), &["export", "--tab", tab, "--output", file]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let r = run_at(dir.path(), &["import", file, "-o", "out.json"]);
        assert_eq!(r.code, 2, "{tab}: {}", r.stderr);
        assert!(
            r.stderr.starts_with(&format!(
                "shuibei: {file}:1: this is an export of {tab} (`shuibei export --tab {tab}`); import makes enterprises"
            )),
            "{}",
            r.stderr
        );
        assert!(!dir.path().join("out.json").exists());
    }
}

/// The counterparty list of a compliance analyst laid over the shipped data: a second
/// legal representative is a conflict with both listed, the same one as of a later date
/// keeps the shipped date in view, what the list gave is marked with its source, and an
/// English name written as a shipped enterprise's is warned of as a likely duplicate.
#[test]
fn a_counterparty_list_over_the_shipped_data_says_what_is_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("counterparties.csv");
    std::fs::write(
        &csv,
        "企业名称,英文名称,法定代表人,登记状态\n\
         周大生珠宝股份有限公司,,王五,存续\n\
         深圳市杰我睿珠宝有限公司,,张志腾,在业\n\
         六福测试珠宝有限公司,luk fook holdings (international) limited,李四,存续\n",
    )
    .unwrap();
    let r = run_at(
        dir.path(),
        &[
            "import",
            "counterparties.csv",
            "--date",
            "2026-03-20",
            "-o",
            "overlay.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_at(dir.path(), &["--add", "overlay.json", "validate"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "  conflict: zhou-dasheng legal representative: 周宗文, as of 2025-02 (<embedded data/cluster.json>) and 王五, as of 2026-03-20 (overlay.json), both listed\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "  warning: overlay.json: name-六福测试珠宝有限公司 has the English name \"luk fook holdings (international) limited\" of liufu-group below: likely a duplicate, kept apart"
        ),
        "{}",
        r.stdout
    );
    let show = |id: &str| run_at(dir.path(), &["--add", "overlay.json", "show", id]).stdout;
    let zds = show("zhou-dasheng");
    for line in [
        "Status    active (存续) — counterparties.csv, 2026-03-20\n",
        "Conflict  legal representative: 周宗文, as of 2025-02 (<embedded data/cluster.json>) and 王五, as of 2026-03-20 (overlay.json)\n",
        "Person    周宗文, Founder (opened the first counter in 1999); legal representative (法人) (2025-02)\n",
        "Person    王五, legal representative (2026-03-20) — counterparties.csv, 2026-03-20\n",
    ] {
        assert!(zds.contains(line), "{line}\n{zds}");
    }
    let jwr = show("jieworui");
    assert!(
        jwr.contains("Person    张志腾, Legal representative (2026-02; 2026-03-20 per counterparties.csv)\n"),
        "{jwr}"
    );
    // A CSV export dates the person as the detail does: the date below stays beside the
    // later file's (it had kept only 2026-03-20, losing the one its source gave).
    let export = run_at(
        dir.path(),
        &[
            "--add",
            "overlay.json",
            "export",
            "--tab",
            "enterprises",
            "--query",
            "id:jieworui",
            "--format",
            "csv",
        ],
    );
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(
        export
            .stdout
            .contains("张志腾 (Legal representative, 2026-02; 2026-03-20 per counterparties.csv)"),
        "{}",
        export.stdout
    );
}
