//! The facets checked against their definitions: accepting and counting, and honours
//! without their caveat.

use super::*;

/// Every row of a list.
fn every(db: &Db, list: List) -> Vec<u32> {
    (0..list.len(db)).map(|i| u32::try_from(i).unwrap()).collect()
}

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
fn accepts_by_definition(facets: &Facets, db: &Db, list: List, row: u32) -> bool {
    let mut values = Vec::new();
    Facet::of(list).iter().all(|facet| {
        facet.values(db, list, row, &mut values);
        let mut wanted = facets.chosen.iter().filter(|(f, _)| f == facet).peekable();
        wanted.peek().is_none() || wanted.any(|(_, v)| values.iter().any(|have| have == v))
    })
}

/// The choices to try on a tab: nothing, each value alone, pairs within and across
/// facets, a value no row has, and "not stated" with another facet.
fn choices(db: &Db, list: List) -> Vec<Facets> {
    let all = every(db, list);
    let entries = count(db, list, &Facets::default(), &all);
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
    if let Some(facet) = Facet::of(list).first() {
        let mut blank = Facets::default();
        blank.toggle(*facet, "");
        blank.toggle(*Facet::of(list).last().unwrap(), "");
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
    let indicators = List::Records(RecordKind::Indicator);
    let entries = count(&db, indicators, &Facets::default(), &every(&db, indicators));
    let share = entries
        .iter()
        .find(|e| e.facet == Facet::Metric && e.value == "share-national-wholesale-shuibei")
        .expect("the metric is listed");
    assert_eq!(
        share.label.as_deref(),
        Some("Shuibei's share of China's gold and jewelry wholesale")
    );
    assert!(
        entries
            .iter()
            .filter(|e| e.facet == Facet::Metric && !e.value.is_empty())
            .all(|e| e.label.as_deref().is_some_and(|l| !l.is_empty())),
        "every metric has a name"
    );
    assert!(
        entries
            .iter()
            .filter(|e| e.facet != Facet::Metric)
            .all(|e| e.label.is_none())
    );
}

#[test]
fn an_honour_is_chosen_without_its_caveat() {
    let db = crate::data::load::embedded().unwrap();
    let brands = List::Records(RecordKind::Brand);
    let entries = count(&db, brands, &Facets::default(), &every(&db, brands));
    let honours: Vec<&Entry> = entries.iter().filter(|e| e.facet == Facet::Honour).collect();
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

/// Accepting walks the chosen values once; counting reads each row once for every
/// facet. Both must give what the definitions give, on the shipped data and on odd
/// enterprises.
#[test]
fn accepting_and_counting_agree_with_the_definitions() {
    for db in [
        crate::data::load::embedded().unwrap(),
        crate::data::load::load_slice("odd.json", ODD.as_bytes()).unwrap(),
    ] {
        for tab in List::ALL {
            let all = every(&db, tab);
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
                    let entries = count(&db, tab, facets, rows);
                    // A value's count: the rows it shows when chosen instead of its
                    // facet's other choices.
                    for entry in &entries {
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
                                    entries.iter().any(|e| e.facet == *facet && e.value == *v),
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

/// A series is named for what its figures' names share, not for one of them: the name
/// that begins the most ("Shuibei gold price", 9 of 20), else the words all begin with
/// ("Change in China's jewelry sales" for October, November and December 2020), else the
/// newest figure's; the picker's names of the ids stay what `--filter` was given.
#[test]
fn a_metric_is_named_for_its_whole_series() {
    let db = crate::data::load::embedded().unwrap();
    let indicators = List::Records(RecordKind::Indicator);
    let entries = count(&db, indicators, &Facets::default(), &every(&db, indicators));
    let name = |metric: &str| {
        entries
            .iter()
            .find(|e| e.facet == Facet::Metric && e.value == metric)
            .and_then(|e| e.label.clone())
            .unwrap_or_else(|| panic!("{metric} is listed"))
    };
    assert_eq!(name("gold-price-shuibei"), "Shuibei gold price");
    assert_eq!(
        name("national-jewelry-sales-change-yoy"),
        "Change in China's jewelry sales"
    );
    assert_eq!(name("gold-recycling-price-shuibei"), "Gold recycling price");
    assert_eq!(name("own-store-count-zhou-dasheng"), "Zhou Dasheng company-run stores");
    assert_eq!(
        name("share-national-wholesale-shuibei"),
        "Shuibei's share of China's gold and jewelry wholesale"
    );
    // The title names what was ticked.
    let mut facets = Facets::default();
    facets.toggle(Facet::Metric, "gold-price-shuibei");
    facets.toggle(Facet::Scope, "Shuibei market");
    assert_eq!(
        facets.describe_named(&db),
        "metric=Shuibei gold price, scope=Shuibei market"
    );
    assert_eq!(facets.describe(), "metric=gold-price-shuibei, scope=Shuibei market");
}
