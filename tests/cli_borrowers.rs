//! A customer list imported and laid over the shipped data, as a bank's analyst does:
//! the registered address (住所) kept beside the shipped location and exported, two
//! imports of one list merging a row without a credit code, a header repeated mid-file
//! said as such, the merged companies listed, and a registry's snapshot date not posing
//! as the newest news of a company.

use crate::common;

use std::path::Path;

use common::{Run, shuibei_in};
use shuibei::data::brief::Brief;
use shuibei::data::model::RecordKind;

/// 翠绿 is a shipped company (location "Shenzhen"); 珍珠湾 is not, and has no credit
/// code; row 3 repeats the header, as lists pasted together do.
const BORROWERS: &str = "序号,企业名称,统一社会信用代码,法定代表人,成立日期,注册资本,登记状态,住所\n\
    1,深圳市翠绿珠宝首饰有限公司,91440303AY4CL12THX,张翠,2001-06-18,5000万元人民币,存续,深圳市罗湖区翠竹街道水贝二路\n\
    序号,企业名称,统一社会信用代码,法定代表人,成立日期,注册资本,登记状态,住所\n\
    2,深圳市珍珠湾珠宝有限公司,,秦珍,,500万元,存续,深圳市罗湖区\n";

/// A later list: 珍珠湾 again, still without a code, now cancelled.
const APRIL: &str = "企业名称,注册资本,登记状态\n深圳市珍珠湾珠宝有限公司,800万元,注销\n";

fn run(dir: &Path, args: &[&str]) -> Run {
    shuibei_in(dir, args, &[])
}

/// The Enterprises the query finds, with borrowers.json over the shipped data, as `format`.
fn export(dir: &Path, query: &str, format: &str) -> Run {
    let args = [
        "--add",
        "borrowers.json",
        "export",
        "--tab",
        "enterprises",
        "--query",
        query,
        "--format",
        format,
    ];
    run(dir, &args)
}

/// Imports both lists into `dir` (borrowers.json, april.json).
fn imported(dir: &Path) {
    std::fs::write(dir.join("borrowers.csv"), BORROWERS).unwrap();
    std::fs::write(dir.join("april.csv"), APRIL).unwrap();
    let r = run(
        dir,
        &[
            "import",
            "borrowers.csv",
            "--date",
            "2026-03-20",
            "-o",
            "borrowers.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("shuibei: notice: borrowers.csv: row 3 repeats the header (row 1); left out"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("imported 2 enterprises"), "{}", r.stderr);
    assert!(!r.stderr.contains("no --date"), "the date was given: {}", r.stderr);
    let r = run(
        dir,
        &["import", "april.csv", "--date", "2026-04-20", "-o", "april.json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn the_registered_address_of_a_merged_company_is_kept_shown_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    let r = run(dir.path(), &["--add", "borrowers.json", "show", "cuilv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\nLocation     Shenzhen\n"), "{}", r.stdout);
    assert!(
        r.stdout.contains("\nAddress      深圳市罗湖区翠竹街道水贝二路\n"),
        "the registry's address beside the shipped location: {}",
        r.stdout
    );
    let r = export(dir.path(), "source:borrowers", "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let cuilv = rows.iter().find(|row| row["id"] == "cuilv").expect("the merged record");
    assert_eq!(cuilv["record"]["location"], "Shenzhen");
    assert_eq!(cuilv["record"]["registry"]["address"], "深圳市罗湖区翠竹街道水贝二路");

    let r = export(dir.path(), "cuilv", "csv");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut csv = csv::Reader::from_reader(r.stdout.as_bytes());
    let header = csv.headers().unwrap().clone();
    let row = csv.records().next().unwrap().unwrap();
    let cell = |name: &str| {
        row.get(header.iter().position(|c| c == name).unwrap())
            .unwrap()
            .to_owned()
    };
    assert_eq!(cell("id"), "cuilv");
    assert_eq!(cell("location"), "Shenzhen");
    assert_eq!(cell("registered_address"), "深圳市罗湖区翠竹街道水贝二路");
}

/// A borrower is looked up by its credit code, as a loan file gives it: `show` shows the
/// company (in small letters too) and says which record it is; `search` finds it without
/// calling the code field a mere mention, names the codes of a screen that no company
/// has, and mends a mistyped one.
#[test]
fn a_company_is_shown_and_found_by_its_credit_code() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    for code in ["91440303AY4CL12THX", "91440303ay4cl12thx"] {
        let r = run(dir.path(), &["--add", "borrowers.json", "show", code]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("91440303AY4CL12THX"), "{}", r.stdout);
        assert!(r.stdout.contains("深圳市罗湖区翠竹街道水贝二路"), "{}", r.stdout);
        assert_eq!(
            r.stderr.trim(),
            format!(
                "shuibei: {code:?} is the credit code of Shenzhen Cuilu Jewelry Co., Ltd. (深圳市翠绿珠宝首饰有限公司), enterprise \"cuilv\"; showing it"
            ),
        );
    }
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "show", "--json", "91440303AY4CL12THX"],
    );
    let record: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(record["id"], "cuilv", "{}", r.stdout);
    // One character off: no company, and the hint says what a search finds.
    let r = run(dir.path(), &["--add", "borrowers.json", "show", "91440303AY4CL12THY"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = run(dir.path(), &["--add", "borrowers.json", "search", "91440303AY4CL12THX"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("enterprise\tcuilv\t"), "{}", r.stdout);
    assert!(!r.stderr.contains("code field"), "{}", r.stderr);

    // A mistyped code: its check character fails, and the company whose code it nearly
    // is is named; a code typed in groups is read whole.
    let r = run(dir.path(), &["--add", "borrowers.json", "search", "91440303AY4CL12THY"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("fails its check character: the 18th is Y, the first 17 give X")
            && r.stderr
                .contains("; 91440303AY4CL12THX is the code of enterprise \"cuilv\""),
        "{}",
        r.stderr
    );
    // Under --exact-name too (it said only that no record is named so).
    let r = run(
        dir.path(),
        &[
            "--add",
            "borrowers.json",
            "search",
            "--exact-name",
            "91440303AY4CL12THY",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("; 91440303AY4CL12THX is the code of enterprise \"cuilv\""),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "search", "9144 0303 AY4C L12T HX"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("enterprise\tcuilv\t"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("shuibei: read \"9144 0303 AY4C L12T HX\" as the credit code 91440303AY4CL12THX"),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "show", "9144-0303-AY4C-L12T-HX"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(dir.path(), &["--add", "borrowers.json", "show", "91440303AY4CL12THY"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("fails its check character")
            && r.stderr
                .contains("91440303AY4CL12THX is the code of Shenzhen Cuilu Jewelry"),
        "{}",
        r.stderr
    );
}

/// A screen of applicants as one query of alternatives (`A | B`): the ones no company
/// answers are named on stderr, by search and export, under `--exact-name` too; the
/// commands the hints offer carry the list.
#[test]
fn a_screen_names_the_applicants_it_does_not_find() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    // A screen of codes: the one no company has is named, by search and by export.
    let screen = "91440303AY4CL12THX | 91440303MA5G7XK21X";
    let unfound = "shuibei: 1 of the 2 alternatives finds nothing as typed: 91440303MA5G7XK21X";
    let r = run(dir.path(), &["--add", "borrowers.json", "search", screen]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("enterprise\tcuilv\t"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stderr.lines().any(|l| l == unfound), "{}", r.stderr);
    let r = export(dir.path(), screen, "csv");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.lines().any(|l| l == unfound), "{}", r.stderr);
    // Under --names a credit code names its company, as its name does.
    let r = run(
        dir.path(),
        &[
            "--add",
            "borrowers.json",
            "search",
            "--names",
            "91440303AY4CL12THX | 周大福",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\tcuilv\t"), "{}{}", r.stdout, r.stderr);
    // A credit code typed in fullwidth forms is the code under --exact-name too.
    let r = run(
        dir.path(),
        &[
            "--add",
            "borrowers.json",
            "search",
            "--exact-name",
            "９１４４０３０３ＡＹ４ＣＬ１２ＴＨＸ | 周大福珠宝集团有限公司",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\tcuilv\t"), "{}{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("no record"), "{}", r.stderr);
    // All found: nothing said.
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "search", "91440303AY4CL12THX | 周大福"],
    );
    assert!(!r.stderr.contains("alternative"), "{}", r.stderr);

    // The commands the hints offer carry the list, or they would find nothing of it.
    let r = run(dir.path(), &["--add", "borrowers.json", "search", "跑路"]);
    assert!(
        r.stderr
            .contains("`shuibei --add borrowers.json search 跑路 --tab sources` lists them"),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "search", "--exact-name", "周生生"],
    );
    assert!(
        r.stderr
            .contains("`shuibei --add borrowers.json search 周生生` lists them"),
        "{}",
        r.stderr
    );

    // Another Chinese legal form is another company (joint-stock is not limited); one
    // form written in full is the same.
    for (typed, code) in [("深圳市珍珠湾珠宝股份有限公司", 1), ("深圳市珍珠湾珠宝有限责任公司", 0)]
    {
        let r = run(
            dir.path(),
            &["--add", "borrowers.json", "search", "--exact-name", typed],
        );
        assert_eq!(r.code, code, "{typed}: {}{}", r.stdout, r.stderr);
    }

    // A screen under --exact-name: each alternative is a name or a code of its own.
    let screen = "91440303AY4CL12THX | 深圳市珍珠湾珠宝有限公司 | 深圳市不存在珠宝有限公司 | 91440303AY4CL12THY";
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "search", "--exact-name", screen],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<&str> = r.stdout.lines().filter_map(|l| l.split('\t').nth(1)).collect();
    assert_eq!(ids.len(), 2, "{}", r.stdout);
    assert!(ids.contains(&"cuilv"), "{}", r.stdout);
    // The mistyped code is said with the company the mended code is of, as alone.
    assert!(
        r.stderr.lines().any(|l| l.starts_with(
            "shuibei: 2 of the 4 alternatives name no record (--exact-name): 深圳市不存在珠宝有限公司, \
             91440303AY4CL12THY (its check character fails: a typo?; 91440303AY4CL12THX is the code of enterprise \"cuilv\" ("
        ) && l.ends_with(')')),
        "{}",
        r.stderr
    );
}

#[test]
fn two_imports_of_one_list_merge_a_row_without_a_credit_code_and_validate_lists_the_merges() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "--add", "april.json", "validate"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines.contains(
            &"  + borrowers.json: 1 new enterprise, 1 merged into enterprises below (0 by credit code, 1 by name)"
        ),
        "{}",
        r.stdout
    );
    assert!(
        lines.contains(&"    merged: 深圳市翠绿珠宝首饰有限公司 → cuilv (Shenzhen Cuilu Jewelry Co., Ltd.), by name"),
        "{}",
        r.stdout
    );
    assert!(
        lines.contains(
            &"    merged: 深圳市珍珠湾珠宝有限公司 → name-深圳市珍珠湾珠宝有限公司 (深圳市珍珠湾珠宝有限公司), by name"
        ),
        "{}",
        r.stdout
    );
    assert!(
        lines.contains(
            &"  conflict: name-深圳市珍珠湾珠宝有限公司 registry.status: cancelled (april.json) kept over active (borrowers.json)"
        ),
        "the later list's status, the change said: {}",
        r.stdout
    );
    let r = run(
        dir.path(),
        &[
            "--add",
            "borrowers.json",
            "--add",
            "april.json",
            "show",
            "name-深圳市珍珠湾珠宝有限公司",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(" cancelled (注销) — april.csv, 2026-04-20\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(" status: cancelled (april.json) over active (borrowers.json)\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_name_kept_apart_is_said_with_the_prefix_every_line_carries() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    // The name of 翠绿 with another credit code: kept apart, with a notice.
    std::fs::write(
        dir.path().join("other.csv"),
        "企业名称,统一社会信用代码\n深圳市翠绿珠宝首饰有限公司,91440303MA5EXA001U\n",
    )
    .unwrap();
    let r = run(
        dir.path(),
        &["import", "other.csv", "--date", "2026-04-01", "-o", "other.json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(
        dir.path(),
        &["--add", "borrowers.json", "--add", "other.json", "show", "cuilv"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("kept apart"), "{}", r.stderr);
    for line in r.stderr.lines() {
        assert!(line.starts_with("shuibei: "), "{line:?} in {}", r.stderr);
    }
}

#[test]
fn a_left_out_row_is_not_said_to_be_imported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.csv"),
        "企业名称,成立日期,登记状态\n深圳市甲金饰有限公司,2001-01-01,存续\n深圳市乙金饰有限公司,明天,营业中啦\n",
    )
    .unwrap();
    let r = run(
        dir.path(),
        &[
            "import",
            "bad.csv",
            "--date",
            "2026-03-20",
            "-o",
            "out.json",
            "--skip-invalid",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let row3: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("bad.csv:3:")).collect();
    assert_eq!(row3.len(), 2, "{}", r.stderr);
    assert!(
        row3.iter().all(|l| !l.contains("imported")),
        "the row is left out, and no line says otherwise: {}",
        r.stderr
    );
    assert!(r.stderr.contains("1 row with problems left out"), "{}", r.stderr);
}

#[test]
fn a_registry_snapshot_date_is_not_the_newest_news_of_a_company() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    let db = shuibei::data::layers::load(None, &[dir.path().join("borrowers.json")]).unwrap();
    let newest = Brief::build(&db).as_of.of(RecordKind::Enterprise).unwrap();
    assert_ne!(newest.date.to_string(), "2026-03-20", "{newest:?}");
    let shipped = shuibei::data::load::embedded().unwrap();
    assert_eq!(
        newest,
        Brief::build(&shipped).as_of.of(RecordKind::Enterprise).unwrap(),
        "the list's people, as of its day, move nothing"
    );
}

/// A screen of registered names, each side searched alone: a side that matches only
/// with its company forms left out is found whatever the other sides find. (The whole
/// was one search: `周大福珠宝集团有限公司 | 六福集团有限公司` found Luk Fook alone, the
/// English pair Luk Fook alone, silently, since Luk Fook's name holds "Limited".) A
/// side that finds nothing adds no near spellings to the rows of the others.
#[test]
fn each_registered_name_of_a_screen_is_searched_as_it_is_alone() {
    let dir = tempfile::tempdir().unwrap();
    for screen in [
        "周大福珠宝集团有限公司 | 六福集团有限公司",
        "周大福珠宝集团有限公司|六福集团有限公司",
        "Chow Tai Fook Jewellery Group Limited | Luk Fook Holdings (International) Limited",
        "CHOW TAI FOOK JEWELLERY GROUP LIMITED | 六福集团",
    ] {
        let r = run(dir.path(), &["search", "--tab", "enterprises", screen]);
        assert_eq!(r.code, 0, "{screen}: {}", r.stderr);
        let ids: Vec<&str> = r.stdout.lines().filter_map(|l| l.split('\t').nth(1)).collect();
        assert!(
            ids.contains(&"chow-tai-fook-group") && ids.contains(&"liufu-group"),
            "{screen}: {}{}",
            r.stdout,
            r.stderr
        );
        // Both are named so: nothing said of rows that only hold the words.
        assert!(!r.stderr.contains("no row shown is named"), "{screen}: {}", r.stderr);
        let r = run(dir.path(), &["search", "--exact-name", screen]);
        assert_eq!(r.code, 0, "{screen}: {}", r.stderr);
        assert_eq!(r.stdout.lines().count(), 2, "{screen}: {}{}", r.stdout, r.stderr);
    }
    // An absent name: named on stderr, and none of its near spellings among the rows.
    let r = run(
        dir.path(),
        &[
            "search",
            "--tab",
            "enterprises",
            "--json",
            "周大福珠宝集团有限公司 | qqzzxxv",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"chow-tai-fook-group\""), "{}", r.stdout);
    assert!(
        r.stdout.lines().all(|l| l.contains("\"as_typed\":true")),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("1 of the 2 alternatives finds nothing as typed: qqzzxxv"),
        "{}",
        r.stderr
    );
    // A side of several words that finds nothing is named too, and the rows of the
    // others are not said to hold the whole screen's words apart.
    let r = run(
        dir.path(),
        &[
            "search",
            "--tab",
            "enterprises",
            "Chow Tai Fook Jewellery Group Limited | Shenzhen Imaginary Gold Co., Ltd.",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("chow-tai-fook-group"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("1 of the 2 alternatives finds nothing as typed: Shenzhen Imaginary Gold Co., Ltd."),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("only apart"), "{}", r.stderr);
    // Six English registered names: every side searched (the sides' combinations once
    // stopped at five, exit 2), fullwidth bars read as bars under --exact-name too.
    let six = "Shenzhen Cuilu Jewelry Co., Ltd. | Shenzhen Baoyi Jewelry Co., Ltd. | Shenzhen Yuehao Jewelry Co., Ltd. | \
               Zhou Dasheng Jewellery Co., Ltd. | Shenzhen Ganlu Jewelry Co Ltd | Shenzhen Jieworui Jewelry Co., Ltd.";
    for flag in ["--as-typed", "--exact-name"] {
        for screen in [six.to_owned(), six.replace(" | ", " ｜ ")] {
            let r = run(dir.path(), &["search", "--tab", "enterprises", flag, &screen]);
            assert_eq!(r.code, 0, "{flag} {screen}: {}", r.stderr);
            let ids: Vec<&str> = r.stdout.lines().filter_map(|l| l.split('\t').nth(1)).collect();
            for id in ["cuilv", "baoyi", "yuehao", "zhou-dasheng", "ganlu", "jieworui"] {
                assert!(ids.contains(&id), "{flag} {screen}: {id} in {ids:?}");
            }
        }
    }
    // No side found as typed: the near spellings, exit 1, as a search of one name.
    let r = run(dir.path(), &["search", "--tab", "enterprises", "qqzzxxv | golld"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    // A registered name whose rows only hold its words is said, by itself.
    let r = run(
        dir.path(),
        &[
            "search",
            "--tab",
            "enterprises",
            "周大福珠宝集团有限公司 | 深圳市周大福珠宝有限公司",
        ],
    );
    assert!(
        r.stderr
            .contains("no row shown is named \"深圳市周大福珠宝有限公司\" (company forms and leading places aside)"),
        "{}",
        r.stderr
    );
}
