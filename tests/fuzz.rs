//! Property-based fuzzing in the normal test suite: the loader on arbitrary and mutated
//! input, and the explorer on random sequences of keys, mouse, pastes and resizes.
//!
//! The loader must never panic: every input either loads or is a `LoadError` with at
//! least one problem. The explorer must never panic either, and no cell it draws may
//! hold a control or bidi character, at any size (tiny ones included), in any state.
//!
//! Case counts are kept small so `cargo test` stays quick; `PROPTEST_CASES=20000` (any
//! number) runs every property that many times. Failures shrink to a minimal input and
//! are saved under `tests/proptest-regressions/` to be replayed first on later runs.

use std::sync::{Arc, LazyLock};

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use shuibei::data::db::Db;
use shuibei::data::load::load_slice;
use shuibei::data::problems::LoadError;
use shuibei::explorer::layout;
use shuibei::explorer::ui::theme::Palette;

/// `PROPTEST_CASES` if set, else `default`: quick in `cargo test`, long on demand.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..Config::default()
    }
}

const MINIMAL: &str = include_str!("fixtures/ok/minimal.json");

static SHIPPED: LazyLock<Arc<Db>> =
    LazyLock::new(|| Arc::new(shuibei::data::load::embedded().expect("the shipped dataset loads")));
static HOSTILE: LazyLock<Arc<Db>> = LazyLock::new(|| {
    let bytes = include_bytes!("fixtures/hostile.json");
    Arc::new(load_slice("hostile.json", bytes).expect("the hostile fixture loads"))
});

/// A load either succeeds or says what is wrong; it never panics (a panic fails the
/// property by itself). Formatting the error must not panic either.
fn check_load(bytes: &[u8]) -> Result<Db, LoadError> {
    let result = load_slice("fuzz.json", bytes);
    if let Err(err) = &result {
        assert!(
            !err.problems.is_empty(),
            "a LoadError with no problem (omitted {})",
            err.omitted
        );
        assert!(!err.to_string().is_empty());
    }
    result
}

#[path = "fuzz/explorer.rs"]
mod explorer;
#[path = "fuzz/json.rs"]
mod json;

use explorer::{Step, explore, palette, size, step};
use json::{apply_byte_edits, apply_tree_edits, byte_edit, tree_edit, value_edit};

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = check_load(&bytes);
    }

    #[test]
    fn loader_survives_byte_edits_of_a_valid_dataset(edits in prop::collection::vec(byte_edit(), 1..12)) {
        let bytes = apply_byte_edits(MINIMAL.as_bytes().to_vec(), &edits);
        let _ = check_load(&bytes);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Any structural edit: wrong types, unknown and missing fields, duplicates, huge
    /// numbers, deep nesting. What still loads, the explorer must show.
    #[test]
    fn loader_survives_structured_edits(
        edits in prop::collection::vec(tree_edit(), 1..6),
        steps in prop::collection::vec(step(), 0..24),
        start in size(),
    ) {
        let text = apply_tree_edits(&edits);
        if let Ok(db) = check_load(text.as_bytes()) {
            explore(&Arc::new(db), start, Palette::Dark, &steps);
        }
    }

    /// Odd text and numbers in valid places: the dataset loads, and the explorer shows it.
    #[test]
    fn explorer_survives_odd_values_in_a_valid_dataset(
        edits in prop::collection::vec(value_edit(), 1..12),
        steps in prop::collection::vec(step(), 0..40),
        start in size(),
        palette in palette(),
    ) {
        let text = apply_tree_edits(&edits);
        if let Ok(db) = check_load(text.as_bytes()) {
            explore(&Arc::new(db), start, palette, &steps);
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn explorer_survives_random_input_on_the_shipped_data(
        steps in prop::collection::vec(step(), 1..60),
        start in size(),
        palette in palette(),
    ) {
        explore(&SHIPPED, start, palette, &steps);
    }

    #[test]
    fn explorer_survives_random_input_on_hostile_data(
        steps in prop::collection::vec(step(), 1..60),
        start in size(),
        palette in palette(),
    ) {
        explore(&HOSTILE, start, palette, &steps);
    }
}

/// Found by a sabotaged run and by the long proptest run, confirmed on the real binary: a
/// dataset whose text has a word of emoji with VS16 (`❤️❤️❤️…`, 26 of them in a 50-column
/// pane, or three `#️` in a tiny window) hangs the explorer while memory grows without bound. `wrap` breaks
/// an over-long word by summing its characters' widths (1 + 0 for `❤\u{fe0f}`), finds
/// it all fits, keeps the word whole, and tries again with the same word, forever. Text is
/// now measured by grapheme cluster throughout `layout::text`.
#[test]
fn wrap_ends_on_text_wider_than_its_characters() {
    // The smallest: three keycap-style `#️` (6 columns, 3 by their characters) in 4 columns.
    for (text, max, indent) in [("#\u{fe0f}".repeat(3), 4, 0), ("❤\u{fe0f}".repeat(26), 50, 2)] {
        let lines = layout::text::wrap(&[(text.as_str(), ratatui::style::Style::new())], max, indent);
        let shown: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.as_ref()))
            .collect();
        assert_eq!(shown.replace(' ', ""), text, "every character is shown once");
    }
}

/// The same, through the explorer: the shipped layout at 120×40 with such a summary.
#[test]
fn explorer_draws_a_summary_wider_than_its_characters() {
    let mut root: serde_json::Value = serde_json::from_str(MINIMAL).expect("minimal.json parses");
    root["history"][0]["summary"] = serde_json::Value::String(format!("I {} Shuibei", "❤\u{fe0f}".repeat(32)));
    let db = check_load(root.to_string().as_bytes()).expect("the dataset is valid");
    explore(
        &Arc::new(db),
        (120, 40),
        Palette::Dark,
        &[Step::Resize(80, 24), Step::Resize(30, 10)],
    );
}
