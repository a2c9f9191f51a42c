//! `shuibei export --sort`: a query's matches came out by relevance with no way to put
//! them in date order (`--query jieworui`: 2026-01-25, 01-28, 2026-01, 01-20, …), while
//! the explorer's `r` turns a search into a timeline. The orders are the explorer's own.

use crate::common;

use common::shuibei;

/// The exported rows' `column`s, in order.
fn column(args: &[&str], column: &str) -> Vec<String> {
    let run = shuibei(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let at = reader.headers().unwrap().iter().position(|h| h == column).unwrap();
    reader.records().map(|r| r.unwrap()[at].to_owned()).collect()
}

fn ids(args: &[&str]) -> Vec<String> {
    column(args, "id")
}

fn dates(args: &[&str], name: &str) -> Vec<shuibei::data::model::Date> {
    column(args, name)
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| shuibei::data::model::Date::parse(d).unwrap())
        .collect()
}

#[test]
fn a_querys_matches_go_by_date_oldest_or_newest_first_with_the_same_rows() {
    let query = ["export", "--tab", "history", "--query", "jieworui"];
    let ranked = ids(&query);
    let by_date = dates(&[&query[..], &["--sort", "date"]].concat(), "date");
    assert!(by_date.len() > 3, "{by_date:?}");
    assert!(by_date.is_sorted(), "oldest first: {by_date:?}");
    assert!(!dates(&query, "date").is_sorted(), "relevance is not the timeline here");
    let mut newest = dates(&[&query[..], &["--sort", "newest"]].concat(), "date");
    newest.reverse();
    assert_eq!(newest, by_date, "newest first is the timeline turned");
    // The same rows, only reordered; relevance is the default with a query.
    let mut dated = ids(&[&query[..], &["--sort", "date"]].concat());
    let mut sorted_ranked = ranked.clone();
    dated.sort();
    sorted_ranked.sort();
    assert_eq!(dated, sorted_ranked);
    assert_eq!(ids(&[&query[..], &["--sort", "relevance"]].concat()), ranked);
    // `oldest` names `date` too, as the explorer's title says "oldest first".
    assert_eq!(
        ids(&[&query[..], &["--sort", "oldest"]].concat()),
        ids(&[&query[..], &["--sort", "date"]].concat())
    );
}

/// The explorer's date orders: History's timeline, the other tabs by their date column
/// (Enterprises by founding, Indicators by as-of, Sources by date), undated rows last.
#[test]
fn every_dated_tab_sorts_by_its_date_with_the_undated_last() {
    for (tab, date) in [
        ("history", "date"),
        ("enterprises", "founded"),
        ("indicators", "as_of"),
        ("sources", "date"),
    ] {
        for (sort, newest) in [("date", false), ("newest", true)] {
            let args = ["export", "--tab", tab, "--sort", sort];
            let all = column(&args, date);
            let filled = all.iter().take_while(|d| !d.is_empty()).count();
            assert!(
                all[filled..].iter().all(String::is_empty),
                "{tab} {sort}: undated rows last"
            );
            let mut found = dates(&args, date);
            if newest {
                found.reverse();
            }
            assert!(found.is_sorted(), "{tab} --sort {sort}");
        }
    }
}

#[test]
fn file_order_is_the_datasets_and_the_default_without_a_query() {
    let plain = ids(&["export", "--tab", "enterprises"]);
    assert_eq!(ids(&["export", "--tab", "enterprises", "--sort", "file"]), plain);
    let db = shuibei::data::load::embedded().unwrap();
    let stored: Vec<String> = db.enterprises().iter().map(|e| e.id.to_string()).collect();
    assert_eq!(plain, stored);
    // With a query, file order is the matches in the dataset's order.
    let matched = ids(&["export", "--tab", "enterprises", "--query", "gold", "--sort", "file"]);
    let positions: Vec<usize> = matched
        .iter()
        .map(|id| stored.iter().position(|s| s == id).unwrap())
        .collect();
    assert!(positions.len() > 3 && positions.is_sorted(), "{positions:?}");
}

#[test]
fn an_order_that_cannot_apply_is_a_usage_error() {
    let run = shuibei(&["export", "--tab", "brands", "--sort", "date"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim(),
        "shuibei: the brands have no date to sort by; choose --sort file"
    );
    let run = shuibei(&["export", "--tab", "brands", "--query", "gold", "--sort", "newest"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("choose --sort relevance or file"), "{}", run.stderr);
    let run = shuibei(&["export", "--tab", "history", "--sort", "relevance"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--sort relevance ranks the matches of a --query"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let run = shuibei(&["export", "--tab", "history", "--sort", "sideways"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("relevance, date, newest, file"), "{}", run.stderr);
}

#[test]
fn help_names_the_orders() {
    let run = shuibei(&["export", "--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("--sort <ORDER>"), "{}", run.stdout);
    for value in ["relevance", "date", "newest", "file"] {
        assert!(run.stdout.contains(&format!("{value}:")), "{value}: {}", run.stdout);
    }
}
