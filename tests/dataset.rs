//! The shipped dataset keeps its promises: it validates, every record is sourced, every
//! fact of the seed article is there (checked by value, not by count), conflicting
//! figures stand side by side, and low-confidence facts carry a low-reliability source.

use shuibei::data::db::{Db, Rec};
use shuibei::data::model::{Indicator, Qualifier, RecordKind, Reliability};

const SEED: &str = "src-seed-luohu-2007";

fn db() -> Db {
    shuibei::data::load::embedded().expect("the shipped dataset validates")
}

fn cites(cites: &[shuibei::data::model::Cite], source: &str) -> bool {
    cites.iter().any(|c| &*c.source == source)
}

#[test]
fn every_record_is_sourced_and_every_source_is_used() {
    let db = db();
    for kind in RecordKind::ALL {
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            assert!(!db.cites(rec).is_empty(), "{kind:?} {} has no source", db.id(rec));
        }
    }
    for source in db.sources() {
        let used = RecordKind::ALL
            .iter()
            .any(|k| (0..db.len(*k)).any(|i| cites(db.cites(Rec::new(*k, i)), &source.id)));
        assert!(used, "source {} is cited by nothing", source.id);
    }
}

/// An indicator from the seed article with these values, whatever its id.
fn seed_figure<'a>(
    db: &'a Db,
    value: f64,
    value_max: Option<f64>,
    unit: &str,
    qualifier: Qualifier,
    as_of: u16,
) -> &'a Indicator {
    db.indicators()
        .iter()
        .find(|i| {
            cites(&i.sources, SEED)
                && (i.value - value).abs() < 1e-9
                && i.value_max == value_max
                && &*i.unit == unit
                && i.qualifier == qualifier
                && i.as_of.year() == as_of
        })
        .unwrap_or_else(|| panic!("seed figure {value} {unit} ({qualifier:?}, {as_of}) is missing"))
}

#[test]
fn every_number_of_the_seed_article_is_an_indicator() {
    let db = db();
    let q = Qualifier::Exact;
    seed_figure(&db, 566_300.0, None, "m²", q, 2007);
    seed_figure(&db, 10.0, None, "enterprises", Qualifier::About, 1990);
    seed_figure(&db, 300.0, None, "enterprises", Qualifier::MoreThan, 2003);
    seed_figure(&db, 1300.0, None, "enterprises", Qualifier::MoreThan, 2006);
    seed_figure(&db, 62.7, None, "%", q, 2007);
    seed_figure(&db, 50e9, None, "yuan", Qualifier::MoreThan, 2006);
    seed_figure(&db, 50.0, None, "%", Qualifier::About, 2006);
    let gold = seed_figure(&db, 70.0, None, "%", Qualifier::About, 2006);
    assert!(gold.name.to_lowercase().contains("gold"), "{}", gold.name);
    let platinum = db
        .indicators()
        .iter()
        .find(|i| cites(&i.sources, SEED) && i.metric.as_deref() == Some("share-sge-platinum"))
        .expect("platinum share");
    assert_eq!((platinum.value, &*platinum.unit), (70.0, "%"));
    seed_figure(&db, 60.0, Some(70.0), "%", q, 2006);
    seed_figure(&db, 70.0, None, "%", Qualifier::Nearly, 2007);
    seed_figure(&db, 22.0, None, "products", q, 2007);
    seed_figure(&db, 7.0, None, "products", q, 2007);
    seed_figure(&db, 4.0, None, "trademarks", q, 2007);
    seed_figure(&db, 50.0, None, "%", Qualifier::Nearly, 2007);
    seed_figure(&db, 9.0, None, "clusters", q, 2007);
}

#[test]
fn every_date_and_event_of_the_seed_article_is_in_the_history() {
    let db = db();
    let seed_events: Vec<_> = db.history().iter().filter(|e| cites(&e.sources, SEED)).collect();
    let find = |date: &str, words: &str| {
        seed_events
            .iter()
            .find(|e| {
                e.date.to_string() == date
                    && format!("{} {}", e.title, e.summary.as_deref().unwrap_or(""))
                        .to_lowercase()
                        .contains(words)
            })
            .unwrap_or_else(|| panic!("seed event {date} {words:?} is missing"))
    };
    assert_eq!(
        find("1990", "10 jewelry enterprises").date_label.as_deref(),
        Some("Early 1990s")
    );
    assert!(
        find("1995", "gold consignment")
            .date_label
            .as_deref()
            .unwrap()
            .contains("1990s")
    );
    find("1995", "shatoujiao");
    find("2003", "300");
    find("2004-08", "established");
    find("2005", "guangdong");
    find("2006", "characteristic industrial base");
    find("2007-09", "development forum");
    find("2007-09", "summit");
    for caption in ["chen yingchun", "jinli", "lu yi studies", "cultural industry expo"] {
        let e = seed_events
            .iter()
            .find(|e| e.title.to_lowercase().contains(caption))
            .unwrap_or_else(|| panic!("photo caption {caption:?} is missing"));
        assert!(
            e.date_label.as_deref().unwrap_or("").contains("Undated"),
            "{caption}: the date is not invented"
        );
    }
}

#[test]
fn every_organisation_and_person_of_the_seed_article_is_an_enterprise_record() {
    let db = db();
    let names: Vec<String> = db.enterprises().iter().map(|e| e.name.to_lowercase()).collect();
    for org in [
        "luohu district people's government",
        "shenzhen municipal people's government",
        "shenzhen municipal party committee",
        "luohu district party committee",
        "guangdong provincial economic and trade commission",
        "china jewelry and jade jewelry industry association",
        "ministry of land and resources",
        "shenzhen gold",
        "jinli international jewelry trading center",
        "shanghai gold exchange",
        "platinum exchange",
        "shanghai diamond exchange",
    ] {
        assert!(names.iter().any(|n| n.contains(org)), "organisation {org:?} is missing");
    }
    for person in ["Lu Yi", "Chen Yingchun"] {
        assert!(
            db.enterprises()
                .iter()
                .any(|e| e.people.iter().any(|p| &*p.name == person)),
            "{person} is missing"
        );
    }
}

#[test]
fn conflicting_figures_stand_side_by_side() {
    let db = db();
    let values = |metric: &str| -> Vec<f64> {
        db.indicators()
            .iter()
            .filter(|i| i.metric.as_deref() == Some(metric))
            .map(|i| i.value)
            .collect()
    };
    let sge = values("share-sge-gold");
    assert!(
        sge.contains(&70.0) && sge.contains(&90.0),
        "SGE share 70 % and 90 % both kept: {sge:?}"
    );
    // Enterprise counts: some year has several figures with different scopes.
    let counts: Vec<&Indicator> = db
        .indicators()
        .iter()
        .filter(|i| i.metric.as_deref() == Some("enterprise-count"))
        .collect();
    let clash = counts.iter().any(|a| {
        counts
            .iter()
            .any(|b| a.as_of == b.as_of && a.scope != b.scope && a.id != b.id)
    });
    assert!(clash, "counts for one date with different scopes are both kept");
    assert!(counts.iter().all(|i| i.scope.is_some()), "every count says its scope");
}

#[test]
fn low_confidence_facts_carry_a_low_reliability_source() {
    let db = db();
    // Facts-sheet H1 (1410, a writer's essay) and I51 (the implausible GDP share) are rated low.
    let village = db
        .history()
        .iter()
        .position(|e| e.date.to_string() == "1410")
        .expect("H1");
    assert_eq!(
        db.weakest_source(Rec::new(RecordKind::History, village)),
        Some(Reliability::Low)
    );
    let gdp = db
        .indicators()
        .iter()
        .position(|i| i.name.to_lowercase().contains("gdp"))
        .expect("I51");
    assert_eq!(
        db.weakest_source(Rec::new(RecordKind::Indicator, gdp)),
        Some(Reliability::Low)
    );
}

#[test]
fn the_example_dataset_validates_too() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/small.json");
    let db = shuibei::data::load::load_file(std::path::Path::new(path)).expect("the example loads");
    assert!(db.len(RecordKind::Indicator) > 0 && db.len(RecordKind::History) > 0);
}
