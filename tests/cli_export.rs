//! `shuibei export --query`: the search engine picks and orders the rows.

mod common;

use common::shuibei;

#[test]
fn export_with_a_query_writes_the_matches_best_first() {
    let run = shuibei(&["export", "--tab", "enterprises", "--query", "周ds", "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
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
    let run = shuibei(&["export", "--tab", "indicators", "--query", "qqqxx", "--format", "json"]);
    assert_eq!((run.code, run.stdout.trim()), (1, "[]"));
}
