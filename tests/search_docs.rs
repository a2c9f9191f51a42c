//! The README's list of search fields is the engine's: generated from `search::fields`,
//! compared here so the two cannot drift.

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
