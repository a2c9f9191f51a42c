//! What `shuibei search` and `export --query` call negated, through the real binary: a
//! negation after a match that opens a phrase of its own ("shops closed for fear of not
//! being able to restock") does not make the record an absence (a fact-checker's export
//! of 2026's closures left out the one that says shops closed). `search::negation` holds
//! the rule's cases.

use crate::common;

use common::{json_ids, shuibei};

/// The `"negated"` mark of each row of `shuibei search ARGS --json`, by id.
fn negated(args: &[&str]) -> Vec<(String, bool)> {
    let mut full = vec!["search", "--json"];
    full.extend_from_slice(args);
    let run = shuibei(&full);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_owned(), v["negated"].as_bool().unwrap())
        })
        .collect()
}

fn is_negated(rows: &[(String, bool)], id: &str) -> bool {
    rows.iter()
        .find(|(i, _)| i == id)
        .unwrap_or_else(|| panic!("{id} is found: {rows:?}"))
        .1
}

/// "a few shops closed for fear of not being able to restock": the shops did close, so the
/// export of 2026's closures holds the record, and `search` names no negation.
#[test]
fn an_export_of_closures_keeps_shops_that_closed_for_fear_of_not_restocking() {
    let run = shuibei(&[
        "export",
        "--tab",
        "history",
        "--query",
        "closed year:2026",
        "--format",
        "jsonl",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids = json_ids(&run.stdout);
    assert!(ids.contains(&"ev-2026-03-02-shuibei-price-jump".to_owned()), "{ids:?}");
    assert!(!run.stderr.contains("negates"), "{}", run.stderr);
    let search = shuibei(&["search", "closed", "--tab", "history"]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    assert!(!search.stderr.contains("negates"), "{}", search.stderr);
}

/// "…the article that reports it gives no exact year" negates the year, not Luohu; "Its
/// tie to Shuibei is not stated" still negates Shuibei, and a search that only finds such
/// rows still exits 1.
#[test]
fn a_negation_marks_what_it_negates_only() {
    let luohu = negated(&["luohu", "--tab", "history"]);
    assert!(!is_negated(&luohu, "ev-1990-early-about-10-enterprises"), "{luohu:?}");
    let year = negated(&["year", "--tab", "history"]);
    assert!(is_negated(&year, "ev-1990-early-about-10-enterprises"), "{year:?}");
    let run = shuibei(&["search", "chinext shuibei"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("\tdr\t"), "{}", run.stdout);
    assert!(
        run.stderr.contains("only in a clause that negates it (dr)"),
        "{}",
        run.stderr
    );
}

/// A ban names what it forbids: the ten departments' notice ("listing forbidden gold
/// business …: no false claims of Shanghai Gold Exchange membership") answers
/// `membership`, and the association's initiative ("telling members not to run illegal
/// 'pre-pricing' gold trading") answers `illegal`.
#[test]
fn a_ban_answers_what_it_forbids() {
    let run = shuibei(&["search", "membership", "--tab", "history"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("ev-2026-02-13-ten-department-gold-notice"),
        "{}",
        run.stdout
    );
    let rows = negated(&["illegal", "--tab", "history"]);
    assert!(
        !is_negated(&rows, "ev-2026-03-18-association-gold-initiative"),
        "{rows:?}"
    );
    assert!(
        !is_negated(&rows, "ev-2026-02-13-ten-department-gold-notice"),
        "{rows:?}"
    );
}
