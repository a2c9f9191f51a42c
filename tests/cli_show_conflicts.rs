//! Figures that disagree, outside the explorer: `show` names them, `show --json` lists
//! them in `conflicts`, the indicators' export in `conflicts_with`; all from the one
//! computation the explorer's compare view (`=`) and the Overview's conflict lines read.

use crate::common;

use common::shuibei;
use shuibei::data::brief::Brief;

/// Two reports on the number of jewelry firms in Shenzhen in 2008 that cannot both be
/// true: about 2,100 and more than 2,300.
const NEARLY: &str = "ind-enterprises-2008-shenzhen";
const MORE_THAN: &str = "ind-enterprises-2008-shenzhen-2300";

#[test]
fn show_names_the_figures_an_indicator_conflicts_with() {
    let run = shuibei(&["show", NEARLY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let at = run
        .stdout
        .find("\nConflicts with (figures for the same time that cannot both be true):\n")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    let line = run.stdout[at..].lines().nth(2).unwrap();
    assert_eq!(
        line,
        format!("  indicator {MORE_THAN} → more than 2,300 enterprises as of 2008 (第一珠宝网 2009-04-13)")
    );
    // A figure that disagrees with none says nothing of conflicts.
    let run = shuibei(&["show", "ind-enterprises-2025-03-shuibei"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("Conflicts with"), "{}", run.stdout);
}

#[test]
fn show_json_lists_the_conflicts_of_an_indicator() {
    let run = shuibei(&["show", "--json", MORE_THAN]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        value["conflicts"],
        serde_json::json!([{
            "kind": "indicator",
            "id": NEARLY,
            "figure": "about 2,100 enterprises",
            "value": 2100.0,
            "unit": "enterprises",
            "as_of": "2008",
            "sources": ["src-chcoffee-2008"],
        }])
    );
    // Every indicator has the array (empty when it agrees); other records have none.
    let run = shuibei(&["show", "--json", "ind-enterprises-2025-03-shuibei"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["conflicts"], serde_json::json!([]));
    let run = shuibei(&["show", "--json", "zhou-dasheng"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(value.get("conflicts").is_none(), "{value}");
}

/// The export's column, row by row, is what the explorer marks: on the shipped data a
/// figure names others exactly when the compare view marks it `≠`, and the naming is
/// mutual. The JSON export carries the same as `show --json`.
#[test]
fn the_indicators_export_names_the_conflicts_the_explorer_marks() {
    let run = shuibei(&["export", "--tab", "indicators"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<(String, Vec<String>)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let named = r[col("conflicts_with")]
                .split("; ")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            (r[col("id")].to_owned(), named)
        })
        .collect();
    let db = shuibei::data::load::embedded().unwrap();
    let brief = Brief::build(&db);
    let mut conflicted = 0;
    for (i, (id, named)) in rows.iter().enumerate() {
        let marked = brief
            .question(i)
            .is_some_and(|q| q.conflicts(&db, u32::try_from(i).unwrap()));
        assert_eq!(!named.is_empty(), marked, "{id}: {named:?}");
        for other in named {
            let (_, back) = rows.iter().find(|(o, _)| o == other).unwrap();
            assert!(back.contains(id), "{other} does not name {id}");
        }
        conflicted += usize::from(marked);
    }
    assert!(conflicted >= 4, "{conflicted}");
    let (_, named) = rows.iter().find(|(id, _)| id == NEARLY).unwrap();
    assert_eq!(named, &[MORE_THAN]);

    let run = shuibei(&[
        "export",
        "--tab",
        "indicators",
        "--query",
        "id:ind-enterprises-2008-shenzhen",
        "--format",
        "jsonl",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let nearly = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["id"] == NEARLY)
        .unwrap();
    let shown: serde_json::Value = serde_json::from_str(&shuibei(&["show", "--json", NEARLY]).stdout).unwrap();
    assert_eq!(nearly["conflicts"], shown["conflicts"]);
}
