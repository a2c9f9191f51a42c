//! The picker's cursor and order (the facets themselves are checked in
//! `data::facets`).

use super::*;
use crate::explorer::tabs;

#[test]
fn tab_and_shift_tab_go_from_facet_to_facet() {
    use Facet::{Group, Metric, Scope};
    let entry = |facet, value: &str| Entry {
        facet,
        value: value.to_owned(),
        count: 1,
        label: None,
    };
    let mut picker = Picker {
        tab: Tab::Indicators,
        entries: vec![
            entry(Metric, "a"),
            entry(Metric, "b"),
            entry(Metric, "c"),
            entry(Group, "g"),
            entry(Scope, "s"),
            entry(Scope, "t"),
        ],
        cursor: 1,
    };
    let mut walk = |next: bool| {
        picker.cursor = picker.facet_start(next);
        picker.cursor
    };
    // Round and round: after the last facet comes the first, before the first the last.
    assert_eq!([walk(true), walk(true), walk(true), walk(true)], [3, 4, 0, 3]);
    assert_eq!([walk(false), walk(false), walk(false), walk(false)], [0, 4, 3, 0]);
    assert_eq!(
        Picker {
            entries: Vec::new(),
            ..picker
        }
        .facet_start(true),
        0
    );
}

/// Counted again after a toggle, the picker keeps its order: counts change in place,
/// a value left with no rows stays at 0, a value new to it follows its facet's others.
#[test]
fn the_open_picker_keeps_its_order_as_counts_change() {
    use Facet::{Kind, Ownership};
    let picker = |entries: &[(Facet, &str, usize)]| Picker {
        tab: Tab::Enterprises,
        entries: entries
            .iter()
            .map(|(facet, value, count)| Entry {
                facet: *facet,
                value: (*value).to_owned(),
                count: *count,
                label: None,
            })
            .collect(),
        cursor: 0,
    };
    let shown = picker(&[
        (Kind, "company", 9),
        (Kind, "association", 5),
        (Ownership, "private", 7),
        (Ownership, "state-owned", 2),
    ]);
    let mut fresh = picker(&[
        (Kind, "association", 4),
        (Kind, "company", 1),
        (Kind, "institution", 3),
        (Ownership, "private", 7),
    ]);
    fresh.keep_order(&shown);
    let expected = picker(&[
        (Kind, "company", 1),
        (Kind, "association", 4),
        (Kind, "institution", 3),
        (Ownership, "private", 7),
        (Ownership, "state-owned", 0),
    ]);
    assert_eq!(fresh.entries, expected.entries);
}

/// Values new to the open picker take their place in a facet read in its own order:
/// the decades, after a filter is cleared.
#[test]
fn decades_new_to_the_open_picker_keep_time_order() {
    let picker = |entries: &[(&str, usize)]| Picker {
        tab: Tab::History,
        entries: entries
            .iter()
            .map(|(value, count)| Entry {
                facet: Facet::Decade,
                value: (*value).to_owned(),
                count: *count,
                label: None,
            })
            .collect(),
        cursor: 0,
    };
    let shown = picker(&[("2000s", 3), ("2010s", 4), ("2020s", 9)]);
    let mut fresh = picker(&[
        ("1410s", 1),
        ("1980s", 2),
        ("2000s", 30),
        ("2010s", 40),
        ("2020s", 50),
        ("1990s", 5),
    ]);
    fresh.keep_order(&shown);
    let order: Vec<&str> = fresh.entries.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(order, ["1410s", "1980s", "1990s", "2000s", "2010s", "2020s"]);
}

/// The picker lists each facet's values by how many rows have them before any filter:
/// the same order whatever is chosen, whether the picker stays open or is opened again,
/// and after clearing (a trial's Tag values read "award, trade, forum, …, listing" once
/// the 2000s were chosen and the picker reopened, and `c` kept that order).
#[test]
fn the_order_does_not_depend_on_the_choices() {
    let db = crate::data::load::embedded().unwrap();
    let all: Vec<u32> = (0..tabs::len(&db, Tab::History))
        .map(|i| u32::try_from(i).unwrap())
        .collect();
    let order = |picker: &Picker| -> Vec<(Facet, String)> {
        picker.entries.iter().map(|e| (e.facet, e.value.clone())).collect()
    };
    let first = Picker::open(&db, Tab::History, &Facets::default(), &all);
    let tags: Vec<&Entry> = first.entries.iter().filter(|e| e.facet == Facet::Tag).collect();
    assert!(
        tags.windows(2).all(|w| w[0].count >= w[1].count),
        "by count at first: {tags:?}"
    );
    let decades: Vec<String> = first
        .entries
        .iter()
        .filter(|e| e.facet == Facet::Decade)
        .map(|e| e.value.clone())
        .collect();
    for decade in &decades {
        let mut chosen = Facets::default();
        chosen.toggle(Facet::Decade, decade);
        let mut kept = Picker::open(&db, Tab::History, &chosen, &all);
        assert_eq!(order(&kept), order(&first), "reopened with {decade}");
        assert!(
            kept.entries.iter().any(|e| e.count == 0),
            "{decade} leaves some tag at 0"
        );
        kept.keep_order(&first);
        assert_eq!(order(&kept), order(&first), "kept open with {decade}");
        let mut cleared = Picker::open(&db, Tab::History, &Facets::default(), &all);
        cleared.keep_order(&kept);
        assert_eq!(cleared.entries, first.entries, "cleared after {decade}");
    }
}
