//! The judged query set (`tests/fixtures/judged/queries.tsv`): each query with the record a
//! reader expects first, or nothing when the entity is absent. Run over the shipped data
//! and a fixture written for it (polyphones, homophones, aliases, long texts, absent
//! names). The test asserts every judged query; `report` (ignored) prints the table:
//!
//! ```text
//! cargo test --release --test cli search_judged::report -- --ignored --nocapture
//! ```

use std::fmt::Write as _;

use shuibei::data::db::Db;
use shuibei::data::model::RecordKind;
use shuibei::search::{self, Index, Scope};

const QUERIES: &str = include_str!("fixtures/judged/queries.tsv");
const FIXTURE: &str = include_str!("fixtures/judged/fixture.json");

/// One judged query.
struct Judged<'a> {
    data: &'a str,
    tab: &'a str,
    query: &'a str,
    /// The id expected first (`prefix*`: any id so beginning, for records a reader cannot
    /// tell apart by the query, like the gold-price series); `None`: nothing should match.
    expected: Option<&'a str>,
    about: &'a str,
}

fn judged() -> Vec<Judged<'static>> {
    QUERIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "five tab-separated columns: {line:?}");
            Judged {
                data: cols[0],
                tab: cols[1],
                query: cols[2],
                expected: (cols[3] != "-").then_some(cols[3]),
                about: cols[4],
            }
        })
        .collect()
}

fn scope(tab: &str) -> Scope {
    match tab {
        "all" => Scope::All,
        "history" => Scope::One(RecordKind::History),
        "enterprises" => Scope::One(RecordKind::Enterprise),
        "brands" => Scope::One(RecordKind::Brand),
        "indicators" => Scope::One(RecordKind::Indicator),
        other => panic!("unknown tab {other:?}"),
    }
}

/// The two datasets, each with its index.
struct Data {
    shipped: (Db, Index),
    fixture: (Db, Index),
}

impl Data {
    fn load() -> Data {
        let shipped = shuibei::data::load::embedded().expect("the shipped data loads");
        let fixture = shuibei::data::load::load_slice("judged fixture", FIXTURE.as_bytes()).expect("the fixture loads");
        let shipped_index = Index::build(&shipped);
        let fixture_index = Index::build(&fixture);
        Data {
            shipped: (shipped, shipped_index),
            fixture: (fixture, fixture_index),
        }
    }

    fn get(&self, name: &str) -> &(Db, Index) {
        match name {
            "shipped" => &self.shipped,
            "fixture" => &self.fixture,
            other => panic!("unknown data {other:?}"),
        }
    }
}

/// What a query answered: the first ids (up to three, for the message) and the count.
struct Answer {
    first: Vec<String>,
    matched: usize,
}

fn answer(data: &Data, j: &Judged) -> Answer {
    let (db, index) = data.get(j.data);
    let out = search::search(index, db, scope(j.tab), j.query, Some(3));
    Answer {
        first: out.hits.iter().map(|h| db.id(h.rec).to_owned()).collect(),
        matched: out.matched,
    }
}

fn right(j: &Judged, a: &Answer) -> bool {
    match j.expected {
        Some(id) => a.first.first().is_some_and(|f| match id.strip_suffix('*') {
            Some(prefix) => f.starts_with(prefix),
            None => f == id,
        }),
        None => a.matched == 0,
    }
}

#[test]
fn every_judged_query_answers_as_judged() {
    let data = Data::load();
    let set = judged();
    assert!(set.len() >= 60, "at least 60 judged queries");
    for j in &set {
        if let Some(id) = j.expected.filter(|id| !id.ends_with('*')) {
            let (db, _) = data.get(j.data);
            assert!(
                db.record(id).is_some(),
                "{:?}: {id} is not in the {} data",
                j.query,
                j.data
            );
        }
    }
    let mut wrong = String::new();
    for j in &set {
        let a = answer(&data, j);
        if !right(j, &a) {
            let _ = writeln!(
                wrong,
                "  {} {} {:?}: expected {}, got {:?} ({} matched) — {}",
                j.data,
                j.tab,
                j.query,
                j.expected.unwrap_or("nothing"),
                a.first,
                a.matched,
                j.about
            );
        }
    }
    assert!(wrong.is_empty(), "judged queries answered wrongly:\n{wrong}");
}

/// Precision at 1 over the queries with an expected record, and the share of absent-entity
/// queries answered with nothing, per dataset; then every query that went wrong.
#[test]
#[ignore = "prints the judged set's table; run with --ignored --nocapture"]
fn report() {
    let data = Data::load();
    let set = judged();
    println!(
        "\n{:<9} {:>8} {:>14} {:>18}",
        "data", "queries", "precision@1", "absent → nothing"
    );
    let mut misses = Vec::new();
    for name in ["shipped", "fixture", "both"] {
        let (mut present, mut present_right, mut absent, mut absent_right) = (0, 0, 0, 0);
        for j in set.iter().filter(|j| name == "both" || j.data == name) {
            let a = answer(&data, j);
            let ok = right(j, &a);
            if j.expected.is_some() {
                present += 1;
                present_right += usize::from(ok);
            } else {
                absent += 1;
                absent_right += usize::from(ok);
            }
            if !ok && name != "both" {
                misses.push(format!(
                    "{} {} {:?}: expected {}, got {:?} ({} matched)",
                    j.data,
                    j.tab,
                    j.query,
                    j.expected.unwrap_or("nothing"),
                    a.first,
                    a.matched
                ));
            }
        }
        println!(
            "{name:<9} {:>8} {:>7}/{:<3} {:>3.0}% {:>8}/{:<3} {:>3.0}%",
            present + absent,
            present_right,
            present,
            percent(present_right, present),
            absent_right,
            absent,
            percent(absent_right, absent)
        );
    }
    println!("\nwrong ({}):", misses.len());
    for m in misses {
        println!("  {m}");
    }
}

#[allow(clippy::cast_precision_loss)]
fn percent(a: usize, b: usize) -> f64 {
    if b == 0 { 100.0 } else { 100.0 * a as f64 / b as f64 }
}
