//! What `shuibei search` counts as a match as typed, and what a script is told of it:
//! `--as-typed`, `--names`, a measure's total (交易总额 for 交易额), and the places a
//! query of several words was found in.

use crate::common;

use common::shuibei;

/// A dataset of the shapes these tests need, written to a temporary file.
fn dataset(dir: &tempfile::TempDir) -> String {
    let data = r#"{"format": "shuibei/1", "cluster": {"name": "C"},
      "sources": [{"id": "s", "title": "S", "reliability": "high"}],
      "enterprises": [
        {"id": "chow", "name": "Chow Tai Fook Jewellery", "name_zh": "周大福珠宝", "sources": [{"source": "s"}]},
        {"id": "jinye", "name": "Jinye Jewelry", "name_zh": "金叶珠宝", "summary": "Founded by Zhou; sells Da brand goods; Fu is its motto.", "sources": [{"source": "s"}]}],
      "brands": [
        {"id": "brand-star", "name": "Star", "segment": "gold", "summary": "Sold in Shuibei.",
         "honors": [{"title": "Jewelry index leader", "year": 2020}], "sources": [{"source": "s"}]}],
      "indicators": [
        {"id": "trade-total", "name": "Trade total of Shuibei", "name_zh": "水贝交易总额（2019年）", "value": 100,
         "unit": "billion yuan", "as_of": "2019", "sources": [{"source": "s"}]},
        {"id": "exchange-turnover", "name": "Exchange turnover share", "name_zh": "黄金加工量占上海黄金交易所成交额比重", "value": 10,
         "unit": "%", "as_of": "2006", "sources": [{"source": "s"}]}]}"#;
    let path = dir.path().join("typed.json");
    std::fs::write(&path, data).unwrap();
    path.to_str().unwrap().to_owned()
}

fn json_rows(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_total_of_the_measure_reads_as_the_measure_typed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(&dir);
    let run = shuibei(&["search", "交易额", "--json", "--tab", "indicators", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = json_rows(&run.stdout);
    let typed: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["as_typed"] == true))
        .collect();
    // 交易总额 is the trade total; 交易所…成交额 holds the characters as other words.
    assert_eq!(
        typed,
        [("trade-total", true), ("exchange-turnover", false)],
        "{}",
        run.stderr
    );
    // An export keeps the total and leaves the other out.
    let run = shuibei(&[
        "export",
        "--tab",
        "indicators",
        "--query",
        "交易额",
        "--format",
        "jsonl",
        "--data",
        &data,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = json_rows(&run.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["trade-total"], "{}", run.stderr);
}

#[test]
fn as_typed_prints_only_the_answers_and_exits_1_when_none_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(&dir);
    // Without it, a row whose syllables stand apart is printed after the answer.
    let run = shuibei(&["search", "zhou da fu", "--tab", "enterprises", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<&str> = run.stdout.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(ids, ["chow", "jinye"], "{}", run.stderr);
    assert!(run.stderr.contains("1 of the 2 shown does not match"), "{}", run.stderr);
    let run = shuibei(&[
        "search",
        "zhou da fu",
        "--tab",
        "enterprises",
        "--as-typed",
        "--data",
        &data,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "enterprise\tchow\tChow Tai Fook Jewellery (周大福珠宝)\n");
    assert!(!run.stderr.contains("does not match"), "{}", run.stderr);
    // Near spellings only: nothing printed, exit 1.
    let run = shuibei(&["search", "jinyee", "--as-typed", "--data", &data]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    let run = shuibei(&["search", "jinyee", "--data", &data]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("jinye"),
        "without it the near spelling is shown: {}",
        run.stdout
    );
    // --limit counts the rows kept.
    let run = shuibei(&["search", "交易额", "--as-typed", "--limit", "1", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1);
    let run = shuibei(&["search", "成交额比重", "--as-typed", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("exchange-turnover"), "{}", run.stdout);
}

#[test]
fn words_found_in_several_fields_are_all_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(&dir);
    let run = shuibei(&["search", "Shuibei gold index", "--json", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = json_rows(&run.stdout);
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    assert_eq!(rows[0]["id"], "brand-star");
    assert_eq!(rows[0]["why"], "matched in summary, segment and honor");
    assert!(
        run.stderr
            .contains("the 1 shown holds its words only in its summary, segment and honor fields"),
        "{}",
        run.stderr
    );
    // One word: its one field.
    let run = shuibei(&["search", "index", "--json", "--data", &data]);
    assert_eq!(json_rows(&run.stdout)[0]["why"], "matched in honor", "{}", run.stderr);
}

/// `--names` answers "is X in the data?": only records whose own names hold the query,
/// as typed or by pinyin; a mention in a summary, or a word in a name and another in a
/// field, is no such record.
#[test]
fn names_keeps_only_the_records_named_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(&dir);
    let ids = |query: &str| {
        let run = shuibei(&["search", query, "--names", "--data", &data]);
        let ids: Vec<String> = run
            .stdout
            .lines()
            .map(|l| l.split('\t').nth(1).unwrap().to_owned())
            .collect();
        (run.code, ids)
    };
    assert_eq!(ids("周大福"), (0, vec!["chow".to_owned()]));
    // By pinyin, syllable by syllable: the name as typed, not 金叶 with its syllables apart.
    assert_eq!(ids("zhou da fu"), (0, vec!["chow".to_owned()]));
    // The figure named "… of Shuibei", not the brand that only says "Sold in Shuibei.";
    // nor a record with the words in a summary, a segment and an honour.
    assert_eq!(ids("Shuibei"), (0, vec!["trade-total".to_owned()]));
    assert_eq!(ids("Shuibei gold index"), (1, Vec::new()));
    // A word in the name and another in a field: not named so.
    assert_eq!(ids("star gold"), (1, Vec::new()));
    assert_eq!(ids("star"), (0, vec!["brand-star".to_owned()]));
}

/// A record found by a word in its name and another in a field is said to be so: its
/// reason names both places, and stderr says that no name holds the words together, but
/// not that they stand only in fields. Words that a name holds together say nothing.
#[test]
fn a_word_in_the_name_and_another_in_a_field_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(&dir);
    let run = shuibei(&["search", "star gold", "--json", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = json_rows(&run.stdout);
    assert_eq!(rows[0]["id"], "brand-star");
    assert_eq!(rows[0]["why"], "matched in name and segment");
    assert!(
        run.stderr.contains(
            "no record's name holds \"star gold\"; the 1 shown holds its words only apart, in its name and segment fields"
        ),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "chow jewellery", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("no record's name holds"), "{}", run.stderr);
    // An exclusion holds nothing: the name holds the rest.
    let run = shuibei(&["search", "jewel !jinye", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "enterprise\tchow\tChow Tai Fook Jewellery (周大福珠宝)\nbrand\tbrand-star\tStar\n"
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
