//! The README's list of search fields and its ranking rules are the engine's: generated
//! from `search::fields` and `search::rank::RULES`, compared here so they cannot drift.

use std::fmt::Write as _;

use shuibei::data::model::RecordKind;
use shuibei::search;

const START: &str = "<!-- search-fields:start -->\n";
const END: &str = "<!-- search-fields:end -->";

/// The block the README must hold between the markers.
fn expected() -> String {
    let mut out = String::new();
    for kind in RecordKind::ALL {
        let _ = write!(out, "\n**{}**\n\n| field | matches |\n| --- | --- |\n", kind.section());
        for (name, about) in search::fields(kind) {
            let _ = writeln!(out, "| `{name}:` | {about} |");
        }
    }
    out.push('\n');
    out
}

#[test]
fn the_readme_lists_the_fields_of_each_tab() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find(START).expect("the README marks the search fields") + START.len();
    let end = start + readme[start..].find(END).expect("the end marker");
    let want = expected();
    assert!(
        readme[start..end] == want,
        "README.md's search fields are out of date; replace the block between the markers with:\n{want}"
    );
}

const RANKING_START: &str = "<!-- search-ranking:start -->\n";
const RANKING_END: &str = "<!-- search-ranking:end -->";

#[test]
fn the_readme_lists_the_ranking_rules_in_order() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find(RANKING_START).expect("the README marks the ranking rules") + RANKING_START.len();
    let end = start + readme[start..].find(RANKING_END).expect("the end marker");
    let mut want = String::from("\n");
    for (i, (rule, about)) in search::rank::RULES.iter().enumerate() {
        let _ = writeln!(want, "{}. **{rule}**: {about}", i + 1);
    }
    want.push('\n');
    assert!(
        readme[start..end] == want,
        "README.md's ranking rules are out of date; replace the block between the markers with:\n{want}"
    );
}
