//! The facets checked against their definitions: accepting and counting, honours
//! without their caveat, and the picker's cursor and order.

use super::*;

/// Enterprises that stress the facets: a segment listed twice, two listings on one
/// exchange, a delisted one, districts named in Chinese, in tags and not at all.
const ODD: &str = r#"{"format": "shuibei/1", "cluster": {"name": "T"},
        "sources": [{"id": "s", "title": "S", "reliability": "low"}],
        "enterprises": [
            {"id": "a", "name": "A", "kind": "company", "segments": ["jade", "jade", "gold"],
             "location": "Baoan District", "sources": [{"source": "s"}]},
            {"id": "b", "name": "B", "ownership": "private",
             "listings": [{"exchange": "SZSE", "code": "1"}, {"exchange": "SZSE", "code": "2", "delisted": "2020"}],
             "location": "深圳市罗湖区水贝二路", "tags": ["futian"], "sources": [{"source": "s"}]},
            {"id": "c", "name": "C", "kind": "company", "segments": ["gold"],
             "listings": [{"exchange": "HKEX", "code": "3", "delisted": "2019"}],
             "location": "Luohuan Road", "tags": ["luohu-2007-article"], "sources": [{"source": "s"}]},
            {"id": "d", "name": "D", "sources": [{"source": "s"}]}
        ]}"#;

/// `accepts` as first written: every facet of the tab passes when nothing of it is
/// chosen or the row has a chosen value.
fn accepts_by_definition(facets: &Facets, db: &Db, tab: Tab, row: u32) -> bool {
    let mut values = Vec::new();
    Facet::of(tab).iter().all(|facet| {
        facet.values(db, tab, row, &mut values);
        let mut wanted = facets.chosen.iter().filter(|(f, _)| f == facet).peekable();
        wanted.peek().is_none() || wanted.any(|(_, v)| values.iter().any(|have| have == v))
    })
}

/// The choices to try on a tab: nothing, each value alone, pairs within and across
/// facets, a value no row has, and "not stated" with another facet.
fn choices(db: &Db, tab: Tab) -> Vec<Facets> {
    let all: Vec<u32> = (0..tabs::len(db, tab)).map(|i| u32::try_from(i).unwrap()).collect();
    let entries = Picker::open(db, tab, &Facets::default(), &all).entries;
    let mut out = vec![Facets::default()];
    for (i, a) in entries.iter().enumerate() {
        let mut one = Facets::default();
        one.toggle(a.facet, &a.value);
        out.push(one.clone());
        let b = &entries[(i * 7 + 3) % entries.len()];
        one.toggle(b.facet, &b.value);
        out.push(one.clone());
        one.toggle(a.facet, "no such value");
        out.push(one);
    }
    if let Some(facet) = Facet::of(tab).first() {
        let mut blank = Facets::default();
        blank.toggle(*facet, "");
        blank.toggle(*Facet::of(tab).last().unwrap(), "");
        out.push(blank);
    }
    out
}

/// A metric is listed by what it measures, its newest figure's name without the date or
/// source at its end; the value chosen stays the id (`metric:` in a query). A trial met
/// `share-national-wholesale-shuibei` and `net-profit-attributable-dr` there.
#[test]
fn a_metric_is_listed_by_its_name() {
    let db = crate::data::load::embedded().unwrap();
    let all: Vec<u32> = (0..tabs::len(&db, Tab::Indicators))
        .map(|i| u32::try_from(i).unwrap())
        .collect();
    let picker = Picker::open(&db, Tab::Indicators, &Facets::default(), &all);
    let share = picker
        .entries
        .iter()
        .find(|e| e.facet == Facet::Metric && e.value == "share-national-wholesale-shuibei")
        .expect("the metric is listed");
    assert_eq!(
        share.label.as_deref(),
        Some("Shuibei's share of China's gold and jewelry wholesale")
    );
    assert!(
        picker
            .entries
            .iter()
            .filter(|e| e.facet == Facet::Metric && !e.value.is_empty())
            .all(|e| e.label.as_deref().is_some_and(|l| !l.is_empty())),
        "every metric has a name"
    );
    assert!(
        picker
            .entries
            .iter()
            .filter(|e| e.facet != Facet::Metric)
            .all(|e| e.label.is_none())
    );
}

#[test]
fn an_honour_is_chosen_without_its_caveat() {
    let db = crate::data::load::embedded().unwrap();
    let all: Vec<u32> = (0..tabs::len(&db, Tab::Brands))
        .map(|i| u32::try_from(i).unwrap())
        .collect();
    let picker = Picker::open(&db, Tab::Brands, &Facets::default(), &all);
    let honours: Vec<&Entry> = picker.entries.iter().filter(|e| e.facet == Facet::Honour).collect();
    assert!(honours.iter().all(|e| !e.value.contains(" — ")), "{honours:?}");
    let well_known = honours
        .iter()
        .filter(|e| e.value.starts_with("中国驰名商标"))
        .collect::<Vec<_>>();
    assert_eq!(well_known.len(), 1, "{well_known:?}");
    assert!(well_known[0].count >= 9, "{well_known:?}");
    assert_eq!(
        honour("JNA Awards 2015: Manufacturer – Gold"),
        "JNA Awards 2015: Manufacturer – Gold"
    );
}

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

/// Accepting walks the chosen values once; counting reads each row once for every
/// facet. Both must give what the definitions give, on the shipped data and on odd
/// enterprises.
#[test]
fn accepting_and_counting_agree_with_the_definitions() {
    for db in [
        crate::data::load::embedded().unwrap(),
        crate::data::load::load_slice("odd.json", ODD.as_bytes()).unwrap(),
    ] {
        for tab in Tab::ALL {
            let all: Vec<u32> = (0..tabs::len(&db, tab)).map(|i| u32::try_from(i).unwrap()).collect();
            let odd_rows: Vec<u32> = all.iter().copied().filter(|i| i % 2 == 1).collect();
            for (n, facets) in choices(&db, tab).iter().enumerate() {
                for row in &all {
                    assert_eq!(
                        facets.accepts(&db, tab, *row),
                        accepts_by_definition(facets, &db, tab, *row),
                        "{tab:?} row {row} {}",
                        facets.describe()
                    );
                }
                if n % 10 != 0 {
                    continue;
                }
                for rows in [&all, &odd_rows] {
                    let picker = Picker::open(&db, tab, facets, rows);
                    // A value's count: the rows it shows when chosen instead of its
                    // facet's other choices.
                    for entry in &picker.entries {
                        let mut alone = facets.clone();
                        alone.chosen.retain(|(f, _)| *f != entry.facet);
                        alone.toggle(entry.facet, &entry.value);
                        let shown = rows
                            .iter()
                            .filter(|r| accepts_by_definition(&alone, &db, tab, **r))
                            .count();
                        assert_eq!(entry.count, shown, "{tab:?} {entry:?} with {}", facets.describe());
                    }
                    // And every value such a row has is listed.
                    let mut values = Vec::new();
                    for facet in Facet::of(tab) {
                        let mut others = facets.clone();
                        others.chosen.retain(|(f, _)| f != facet);
                        for row in rows.iter().filter(|r| accepts_by_definition(&others, &db, tab, **r)) {
                            facet.values(&db, tab, *row, &mut values);
                            for v in &values {
                                assert!(
                                    picker.entries.iter().any(|e| e.facet == *facet && e.value == *v),
                                    "{tab:?} {facet:?} {v:?} of row {row} is listed"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
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
