//! `--filter FACET=VALUE` on `search` and `export`: the explorer's list filters (key `f`)
//! from the command line. A new user could list the listed companies only by exporting
//! every enterprise and filtering a column. The rows must be the explorer's own: checked
//! against the shared facets (`data::facets`, what the picker counts and the list
//! accepts) and against the explorer's state after the same choices in its picker.

use crate::common;

use common::explorer::{app, ch, choose, code, press};
use common::{json_ids, shuibei};
use crossterm::event::KeyCode;
use shuibei::data::db::Db;
use shuibei::data::facets::{self, Entry, Facet, Facets, List};
use shuibei::data::model::RecordKind;
use shuibei::explorer::action::Tab;

const ENTERPRISES: List = List::Records(RecordKind::Enterprise);

fn db() -> Db {
    shuibei::data::load::embedded().unwrap()
}

/// The id of a row of a list.
fn id(db: &Db, list: List, row: u32) -> String {
    match list {
        List::Records(kind) => db.id(shuibei::data::db::Rec::new(kind, row as usize)).to_owned(),
        List::Sources => db.sources()[row as usize].id.to_string(),
    }
}

/// The ids of the rows of `list` that `chosen` accepts, in file order: the shared code.
fn accepted(db: &Db, list: List, chosen: &[(Facet, &str)]) -> Vec<String> {
    let mut facets = Facets::default();
    for (facet, value) in chosen {
        facets.toggle(*facet, value);
    }
    (0..u32::try_from(list.len(db)).unwrap())
        .filter(|row| facets.accepts(db, list, *row))
        .map(|row| id(db, list, row))
        .collect()
}

/// The picker's entries of a list over all its rows.
fn entries(db: &Db, list: List) -> Vec<Entry> {
    let all: Vec<u32> = (0..u32::try_from(list.len(db)).unwrap()).collect();
    facets::count(db, list, &Facets::default(), &all)
}

/// The ids `export --tab TAB ARGS --format jsonl` writes (exit 0).
fn exported(tab: &str, args: &[&str]) -> Vec<String> {
    let run = shuibei(&[&["export", "--tab", tab, "--format", "jsonl"], args].concat());
    assert_eq!(run.code, 0, "{tab} {args:?}: {}", run.stderr);
    json_ids(&run.stdout)
}

/// The ids `search QUERY --json ARGS` prints (exit 0).
fn searched(query: &str, args: &[&str]) -> Vec<String> {
    let run = shuibei(&[&["search", query, "--json"], args].concat());
    assert_eq!(run.code, 0, "{query} {args:?}: {}", run.stderr);
    json_ids(&run.stdout)
}

fn flag(facet: Facet, entry_value: &str) -> String {
    format!(
        "{}={}",
        facet.name(),
        if entry_value.is_empty() {
            facet.nothing()
        } else {
            entry_value
        }
    )
}

/// Every facet of every list, with its most common value and its "not stated": the rows
/// `export --filter` writes are the rows the shared filter accepts, as the picker counted.
#[test]
fn every_facet_exports_the_rows_the_explorers_filter_accepts() {
    let db = db();
    for list in List::ALL {
        let entries = entries(&db, list);
        for facet in Facet::of(list) {
            let of_facet: Vec<&Entry> = entries.iter().filter(|e| e.facet == *facet).collect();
            let mut tried: Vec<&Entry> = of_facet.iter().take(1).copied().collect();
            tried.extend(of_facet.iter().find(|e| e.value.is_empty()));
            for entry in tried {
                let want = accepted(&db, list, &[(*facet, &entry.value)]);
                assert_eq!(want.len(), entry.count, "{list:?} {entry:?}: the picker's count");
                let got = exported(list.section(), &["--filter", &flag(*facet, &entry.value)]);
                assert_eq!(got, want, "{list:?} {entry:?}");
            }
        }
    }
}

/// The explorer's rows after the same choices in its picker, as ids (in file order).
fn explorer_rows(tab: Tab, chosen: &[(Facet, &str)]) -> Vec<String> {
    let mut a = app(120, 40);
    press(
        &mut a,
        &[ch(char::from(b'0' + u8::try_from(tab.number()).unwrap())), ch('f')],
    );
    for (facet, value) in chosen {
        choose(&mut a, *facet, value);
    }
    press(&mut a, &[code(KeyCode::Esc)]);
    let list = match tab.kind() {
        Some(kind) => List::Records(kind),
        None => List::Sources,
    };
    let mut rows = a.current_view().rows.clone();
    rows.sort_unstable();
    rows.iter().map(|row| id(&a.db, list, *row)).collect()
}

/// Facet values chosen together.
type Choices = &'static [(Facet, &'static str)];

/// Within a facet any value, across facets all: as the explorer's list shows them
/// (driven by keys), for search and export alike.
#[test]
fn values_add_up_and_facets_narrow_as_in_the_explorer() {
    let cases: [(Tab, &str, Choices); 4] = [
        (Tab::Enterprises, "enterprises", &[(Facet::Listing, "listed")]),
        (
            Tab::Enterprises,
            "enterprises",
            &[(Facet::Listing, "listed"), (Facet::Segment, "gold")],
        ),
        (
            Tab::Brands,
            "brands",
            &[(Facet::Segment, "gold"), (Facet::Segment, "jade")],
        ),
        (Tab::Sources, "sources", &[(Facet::Reliability, "high")]),
    ];
    for (tab, name, chosen) in cases {
        let want = explorer_rows(tab, chosen);
        assert!(!want.is_empty(), "{chosen:?}");
        let flags: Vec<String> = chosen
            .iter()
            .flat_map(|(f, v)| ["--filter".to_owned(), format!("{}={v}", f.name())])
            .collect();
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        assert_eq!(exported(name, &flags), want, "export {chosen:?}");
        let mut found = searched("", &[&["--tab", name][..], &flags].concat());
        found.sort_unstable_by_key(|id| want.iter().position(|w| w == id));
        assert_eq!(found, want, "search {chosen:?}");
    }
    // Two values of one facet are more rows than either; two facets fewer.
    let listed = exported("enterprises", &["--filter", "listing=listed"]);
    let gold = exported("enterprises", &["--filter", "segment=gold"]);
    let both = exported(
        "enterprises",
        &["--filter", "listing=listed", "--filter", "segment=gold"],
    );
    assert_eq!(
        both,
        listed
            .iter()
            .filter(|id| gold.contains(id))
            .cloned()
            .collect::<Vec<_>>()
    );
    assert!(both.len() < listed.len() && both.len() < gold.len(), "{both:?}");
}

/// With a query, the filter keeps the query's matches it accepts, in the query's order,
/// for `search` and `export --query` alike; `--limit` counts the rows kept.
#[test]
fn a_query_and_a_filter_combine() {
    let db = db();
    let listed = accepted(&db, ENTERPRISES, &[(Facet::Listing, "listed")]);
    let all = searched("gold", &["--tab", "enterprises"]);
    let want: Vec<String> = all.iter().filter(|id| listed.contains(id)).cloned().collect();
    assert!(!want.is_empty() && want.len() < all.len(), "{want:?} of {all:?}");
    assert_eq!(
        searched("gold", &["--tab", "enterprises", "--filter", "listing=listed"]),
        want
    );
    assert_eq!(
        searched(
            "gold",
            &["--tab", "enterprises", "--filter", "listing=listed", "--limit", "2"]
        ),
        want[..2]
    );
    let export_all = exported("enterprises", &["--query", "gold"]);
    let export_want: Vec<String> = export_all.iter().filter(|id| listed.contains(id)).cloned().collect();
    assert!(!export_want.is_empty());
    assert_eq!(
        exported("enterprises", &["--query", "gold", "--filter", "listing=listed"]),
        export_want
    );
    // With --tab all, only the tabs that have the facet: segments are enterprises' and brands'.
    let run = shuibei(&["search", "", "--filter", "segment=gold"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let kinds: std::collections::BTreeSet<&str> = run.stdout.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(kinds, ["brand", "enterprise"].into_iter().collect());
}

/// Values are written as the picker shows them, case aside; "not stated" by the picker's
/// word for it; a metric by its id or its name.
#[test]
fn values_are_read_as_the_picker_shows_them() {
    let db = db();
    assert_eq!(
        exported("enterprises", &["--filter", "Listing=LISTED"]),
        accepted(&db, ENTERPRISES, &[(Facet::Listing, "listed")])
    );
    assert_eq!(
        exported("enterprises", &["--filter", "listing=never listed"]),
        accepted(&db, ENTERPRISES, &[(Facet::Listing, "never listed")])
    );
    let indicators = List::Records(RecordKind::Indicator);
    let share = "share-national-wholesale-shuibei";
    let by_id = exported("indicators", &["--filter", &format!("metric={share}")]);
    assert_eq!(by_id, accepted(&db, indicators, &[(Facet::Metric, share)]));
    assert_eq!(
        exported(
            "indicators",
            &[
                "--filter",
                "metric=Shuibei's share of China's gold and jewelry wholesale"
            ]
        ),
        by_id
    );
}

/// A wrong facet or value: exit 2, one line on stderr that lists the valid ones, and
/// nothing on stdout.
#[test]
fn a_wrong_facet_or_value_lists_the_valid_ones() {
    for (args, says) in [
        (
            &["search", "gold", "--tab", "enterprises", "--filter", "listing=public"][..],
            "no row of the enterprises has listing \"public\"; choose one of: listed, delisted, 'never listed'",
        ),
        (
            &["export", "--tab", "enterprises", "--filter", "listing=public"],
            "choose one of: listed, delisted, 'never listed'",
        ),
        (
            &["export", "--tab", "indicators", "--filter", "group=Gold price"],
            "no row of the indicators has group \"Gold price\" (did you mean 'Gold prices'?); choose one of:",
        ),
        (
            &["search", "", "--tab", "enterprises", "--filter", "lsting=listed"],
            "no filter is called `lsting` (did you mean `listing`?); filters of the enterprises: listing, exchange, kind, ownership, segment, district",
        ),
        (
            &["export", "--tab", "enterprises", "--filter", "honour=x"],
            "`honour` filters the brands (--tab brands), not these rows",
        ),
        (
            &["search", "", "--filter", "listing=listed", "--filter", "honour=x"],
            "no tab has all of `listing`, `honour`",
        ),
        (
            &["search", "", "--tab", "sources", "--filter", "reliability=certain"],
            "choose one of: high, medium, low",
        ),
        (&["search", "", "--filter", "listing"], "write FACET=VALUE"),
    ] {
        let run = shuibei(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(run.stderr.starts_with("shuibei: "), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        if !says.starts_with("write") {
            assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        }
    }
}

/// Matches the filter keeps none of: exit 1, and stderr says the filter did it.
#[test]
fn a_filter_that_keeps_none_of_the_matches_says_so() {
    let run = shuibei(&["search", "jieworui", "--filter", "listing=listed"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("none passing --filter listing=listed"),
        "{}",
        run.stderr
    );
    let run = shuibei(&[
        "export",
        "--tab",
        "enterprises",
        "--query",
        "jieworui",
        "--filter",
        "listing=listed",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("passes --filter listing=listed"), "{}", run.stderr);
}

/// A list filter typed as a query field points to `--filter`.
#[test]
fn a_list_filter_as_a_query_field_points_to_the_flag() {
    let run = shuibei(&["search", "listing:listed"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--filter listing=listed"), "{}", run.stderr);
}

/// Another tool's format flags get a tip that works here, still exit 2.
#[test]
fn format_flags_of_other_tools_get_a_tip_that_works() {
    for (args, tip) in [
        (&["search", "jieworui", "--format", "json"][..], "tip: write --json"),
        (&["search", "jieworui", "--format=jsonl"], "tip: write --json"),
        (&["search", "jieworui", "--csv"], "--format csv"),
        (&["show", "dr", "--format", "json"], "tip: show takes --json"),
        (
            &["export", "--tab", "brands", "--csv"],
            "--format csv, or from the output file's name: --output FILE.csv",
        ),
        (&["export", "--tab", "brands", "--json"], "--format json"),
        (&["export", "--tab", "brands", "--jsonl"], "--format jsonl"),
        (&["export", "--tab", "brands", "--xlsx"], "--format xlsx"),
    ] {
        let run = shuibei(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(tip), "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("-- --"),
            "{args:?}: clap's tip is gone: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
}
