//! The shipped dataset keeps its promises: it validates, every record is sourced, every
//! fact of the c. 2007 Luohu government article the project started from is there
//! (checked by value, not by count), the audited corrections hold by value, conflicting
//! figures stand side by side, every series charts one measure of one scope, no text
//! speaks of how the data was made, and every source can be found by a reader.

use std::collections::BTreeMap;

use shuibei::data::db::{Db, Rec};
use shuibei::data::model::{Enterprise, HistoryEvent, Indicator, Ownership, Qualifier, RecordKind, Reliability};

/// The c. 2007 Luohu District government article (English machine translation).
const SEED: &str = "src-luohu-gov-2007";

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
        .find(|i| {
            cites(&i.sources, SEED)
                && i.metric
                    .as_deref()
                    .is_some_and(|m| m.starts_with("share-sge-") && m.contains("platinum"))
        })
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
                .any(|e| e.people.iter().any(|p| p.name.starts_with(person))),
            "{person} is missing"
        );
    }
}

#[test]
fn conflicting_figures_stand_side_by_side() {
    let db = db();
    // SGE shares of 70 % and 90 % are both kept, each in the series of its own measure.
    let sge_gold: Vec<&Indicator> = db
        .indicators()
        .iter()
        .filter(|i| {
            let metric = i.metric.as_deref().unwrap_or("");
            metric.starts_with("share-sge-") && metric.contains("gold") && !metric.contains("platinum")
        })
        .collect();
    for share in [70.0, 90.0] {
        assert!(
            sge_gold.iter().any(|i| (i.value - share).abs() < 1e-9),
            "an SGE gold share of {share} % is kept"
        );
    }
    let measures = |share: f64| -> Vec<&str> {
        sge_gold
            .iter()
            .filter(|i| (i.value - share).abs() < 1e-9)
            .filter_map(|i| i.metric.as_deref())
            .collect()
    };
    assert!(
        measures(70.0).iter().all(|m| !measures(90.0).contains(m)),
        "70 % and 90 % measure against different SGE totals, so they are different series"
    );
    // Shenzhen 2008: about 2,100 and more than 2,300 enterprises, one series, both kept.
    let shenzhen_2008: Vec<f64> = series(&db, "enterprise-count-shenzhen")
        .iter()
        .filter(|i| i.as_of.year() == 2008)
        .map(|i| i.value)
        .collect();
    assert_eq!(shenzhen_2008, [2100.0, 2300.0]);
    // Enterprise counts: some year has counts of several scopes, each in its own series.
    let counts: Vec<&Indicator> = db
        .indicators()
        .iter()
        .filter(|i| i.metric.as_deref().is_some_and(|m| m.starts_with("enterprise-count-")))
        .collect();
    let clash = counts.iter().any(|a| {
        counts
            .iter()
            .any(|b| a.as_of == b.as_of && a.scope != b.scope && a.metric != b.metric)
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

/// The indicators of one series, in file order.
fn series<'a>(db: &'a Db, metric: &str) -> Vec<&'a Indicator> {
    db.indicators()
        .iter()
        .filter(|i| i.metric.as_deref() == Some(metric))
        .collect()
}

fn record(db: &Db, id: &str) -> Rec {
    db.record(id).unwrap_or_else(|| panic!("{id} is missing"))
}

fn enterprise<'a>(db: &'a Db, id: &str) -> &'a Enterprise {
    &db.enterprises()[record(db, id).idx()]
}

fn event<'a>(db: &'a Db, id: &str) -> &'a HistoryEvent {
    &db.history()[record(db, id).idx()]
}

fn indicator<'a>(db: &'a Db, id: &str) -> &'a Indicator {
    &db.indicators()[record(db, id).idx()]
}

/// The indicator citing `source` with this value, unit and qualifier, whatever its id.
fn figure<'a>(db: &'a Db, source: &str, value: f64, unit: &str, qualifier: Qualifier) -> &'a Indicator {
    db.indicators()
        .iter()
        .find(|i| {
            cites(&i.sources, source)
                && (i.value - value).abs() < 1e-6 * value.abs().max(1.0)
                && &*i.unit == unit
                && i.qualifier == qualifier
        })
        .unwrap_or_else(|| panic!("{value} {unit} ({qualifier:?}) from {source} is missing"))
}

#[test]
fn the_2017_trade_share_keeps_both_sources_figures() {
    let db = db();
    let nanfang = figure(&db, "src-southcn-2017", 50.0, "%", Qualifier::MoreThan);
    let people = figure(&db, "src-people-en-2017-med", 70.0, "%", Qualifier::MoreThan);
    for share in [nanfang, people] {
        assert_eq!(share.as_of.to_string(), "2017");
    }
    assert_eq!(nanfang.metric, people.metric, "one measure, one scope: one series");
    assert_eq!(nanfang.scope, people.scope);
    assert!(!cites(&nanfang.sources, "src-people-en-2017-med"));
    assert!(!cites(&people.sources, "src-southcn-2017"));
}

#[test]
fn the_2007_dazhong_figures_are_shenzhen_wide() {
    let db = db();
    let source = "src-whmsebhyy-2007";
    let firms = figure(&db, source, 1300.0, "enterprises", Qualifier::MoreThan);
    let markets = figure(&db, source, 4.0, "markets", Qualifier::Exact);
    let workers = figure(&db, source, 130_000.0, "workers", Qualifier::MoreThan);
    for i in [firms, markets, workers] {
        assert_eq!(i.scope.as_deref(), Some("Shenzhen"), "{}", i.id);
        assert_eq!(i.as_of.year(), 2007, "{}", i.id);
    }
    // The workforce comparison with 2008 is one of two Shenzhen-wide figures.
    let workforce = series(&db, "employee-count-shenzhen");
    let years: Vec<u16> = workforce.iter().map(|i| i.as_of.year()).collect();
    assert!(years.contains(&2007) && years.contains(&2008), "{years:?}");
    assert!(
        db.indicators()
            .iter()
            .all(|i| i.scope.as_deref() != Some("Shuibei core")),
        "no figure is scoped to a 'Shuibei core' that no source names"
    );
    // Its 70 % of national processing output is there too, beside the market shares.
    let share = figure(&db, source, 70.0, "%", Qualifier::Exact);
    assert_eq!(share.scope.as_deref(), Some("Shenzhen"));
    assert_ne!(share.metric, indicator(&db, "ind-share-domestic-2007-shenzhen").metric);
}

#[test]
fn jinyafu_revenue_carries_the_year_it_was_earned() {
    let db = db();
    let revenue = series(&db, "revenue-jinyafu");
    let by_year: Vec<(u16, f64)> = revenue.iter().map(|i| (i.as_of.year(), i.value)).collect();
    assert!(by_year.contains(&(2020, 40e9)), "{by_year:?}");
    assert!(
        by_year.contains(&(2024, 56.12e9)),
        "the 2025 private-500 list ranks FY2024: {by_year:?}"
    );
    let fortune = figure(&db, "src-stockstar-2025", 8_476.1e6, "US$", Qualifier::Exact);
    assert_eq!(
        fortune.as_of.year(),
        2023,
        "the July 2024 Fortune China 500 ranks FY2023"
    );
    // Company figures: one company per series.
    for metric in ["revenue-jinyafu", "revenue-zhou-dasheng", "revenue-zhou-liu-fu"] {
        let scopes: Vec<_> = series(&db, metric).iter().map(|i| i.scope.clone()).collect();
        assert!(
            !scopes.is_empty() && scopes.iter().all(|s| *s == scopes[0]),
            "{metric}: {scopes:?}"
        );
    }
}

#[test]
fn dongfang_jinyu_history_is_that_of_duojia() {
    let db = db();
    let company = enterprise(&db, "dongfang-jinyu");
    let listing = &company.listings[0];
    let day = |d: Option<shuibei::data::model::Date>| d.map(|d| d.to_string());
    assert_eq!(
        (
            &*listing.exchange,
            &*listing.code,
            day(listing.listed),
            day(listing.delisted)
        ),
        (
            "SSE",
            "600086",
            Some("1997-06-06".to_owned()),
            Some("2021-03-17".to_owned())
        )
    );
    assert!(
        company.aliases.iter().any(|a| &**a == "多佳股份"),
        "{:?}",
        company.aliases
    );
    let zhao = company.people.iter().find(|p| &*p.name == "赵兴龙").expect("赵兴龙");
    let role = zhao.role.as_deref().unwrap_or("");
    assert!(role.starts_with("Controlling shareholder from 2005"), "{role}");
    assert_eq!(zhao.as_of.map(|d| d.to_string()).as_deref(), Some("2005"));
    let summary = company.summary.as_deref().unwrap_or("");
    for fact in ["多佳股份", "August 2006", "13 January 2021", "17 March 2021"] {
        assert!(summary.contains(fact), "{fact}: {summary}");
    }
    let listed = event(&db, "ev-1997-06-06-dongfang-jinyu-listed");
    assert!(listed.title.starts_with("多佳股份"), "{}", listed.title);
    let renamed = event(&db, "ev-2006-08-duojia-renamed-dongfang-jinyu");
    assert_eq!(renamed.date.to_string(), "2006-08");
    let removed = event(&db, "ev-2021-03-17-dongfang-jinyu-removed");
    assert_eq!(removed.date.to_string(), "2021-03-17");
    for e in [listed, renamed, removed] {
        assert!(cites(&e.sources, "src-zbcynews-2021"), "{}", e.id);
    }
    let brand = &db.brands()[record(&db, "brand-dongfang-jinyu").idx()];
    assert!(brand.summary.as_deref().unwrap_or("").contains("from 2006"));
}

#[test]
fn zhou_liu_fu_facts_are_as_the_sources_give_them() {
    let db = db();
    // The audit thought no source gave the month; the cited report gives May 2019 for
    // the CSRC's acceptance, and the cite quotes it whole.
    let application = event(&db, "ev-2019-05-zhou-liu-fu-a-share-application");
    assert_eq!(application.date.to_string(), "2019-05");
    let quote = application.sources[0].quote.as_deref().unwrap_or("");
    assert!(quote.contains("同年5月獲中國證監會接納"), "{quote}");
    let company = enterprise(&db, "zhou-liu-fu");
    let role = |name: &str| {
        company
            .people
            .iter()
            .find(|p| &*p.name == name)
            .and_then(|p| p.role.as_deref())
            .unwrap_or_else(|| panic!("{name} has no role"))
    };
    assert!(role("李伟柱").starts_with("Chairman"), "{}", role("李伟柱"));
    assert!(
        !role("李伟柱").contains("ounder"),
        "李伟柱 bought in a year after the founding"
    );
    assert!(role("李伟蓬").starts_with("Co-founder") && role("李伟蓬").contains("vice chairman"));
}

#[test]
fn qualifiers_are_the_sources_words() {
    let db = db();
    figure(&db, "src-525zb-2013", 420e9, "yuan", Qualifier::MoreThan);
    figure(&db, "src-58zhikao-2022", 4200.0, "stores", Qualifier::Nearly);
    figure(&db, "src-58zhikao-2022", 250.0, "stores", Qualifier::Nearly);
    figure(&db, "src-58zhikao-2022", 3900.0, "stores", Qualifier::MoreThan);
}

#[test]
fn names_and_listings_follow_their_sources() {
    let db = db();
    let centre = enterprise(&db, "mlr-jewelry-jade-management-center");
    assert_eq!(centre.name_zh.as_deref(), Some("国土资源部珠宝玉石首饰管理中心"));
    let luohu = enterprise(&db, "luohu-district-government");
    let lu = luohu
        .people
        .iter()
        .find(|p| p.name.contains("鲁毅"))
        .expect("Lu Yi is 鲁毅");
    assert!(lu.name.contains("Lu Yi"));
    assert_eq!(lu.as_of.map(|d| d.to_string()).as_deref(), Some("2009"));
    assert!(cites(&luohu.sources, "src-fcggk-2009"));
    let tellus = enterprise(&db, "tellus");
    assert_eq!(tellus.ownership, Some(Ownership::StateOwned));
    assert!(cites(&tellus.sources, "src-stockstar-tellus-2022-12"));
    let jinye = enterprise(&db, "jinye");
    let codes: Vec<(&str, &str)> = jinye.listings.iter().map(|l| (&*l.exchange, &*l.code)).collect();
    assert_eq!(codes, [("SZSE", "000587")]);
    // The 3D-printing award is cited to the report that states it.
    let award = enterprise(&db, "jinyafu")
        .sources
        .iter()
        .find(|c| c.quote.as_deref().is_some_and(|q| q.contains("3D打印")))
        .expect("the award has a quote");
    assert_eq!(&*award.source, "src-58zhikao-2022");
    // No Hurun list is called the first.
    let hurun = event(&db, "ev-2022-hurun-jewellery-brands");
    let text = format!("{} {}", hurun.title, hurun.summary.as_deref().unwrap_or(""));
    assert!(!text.contains("first") && text.contains("top 70"), "{text}");
}

#[test]
fn the_phase_dates_show_the_plan_that_dates_them_otherwise() {
    let db = db();
    for (id, plan) in [
        ("ev-1991-rapid-growth-phase", "1989–1996"),
        ("ev-1997-scale-up-gold-consignment-pilot", "1996–2003"),
    ] {
        let phase = event(&db, id);
        assert!(cites(&phase.sources, "src-sina-szjewelry30-2013") && cites(&phase.sources, "src-luohu-11th-plan"));
        assert!(phase.summary.as_deref().unwrap_or("").contains(plan), "{id}");
    }
}

#[test]
fn figures_the_sources_already_gave_stand_beside_the_conflicting_ones() {
    let db = db();
    let luohu = [
        figure(&db, "src-fcggk-2009", 1500.0, "units", Qualifier::Nearly),
        figure(&db, "src-fcggk-2009", 75e9, "yuan", Qualifier::MoreThan),
        figure(&db, "src-fcggk-2009", 50.0, "%", Qualifier::MoreThan),
    ];
    assert!(luohu.iter().all(|i| i.scope.as_deref() == Some("Luohu")));
    let wen_wei_po = [
        figure(&db, "src-wenweipo-2016", 70.0, "%", Qualifier::MoreThan),
        figure(&db, "src-wenweipo-2016", 90.0, "%", Qualifier::About),
        figure(&db, "src-wenweipo-2016", 50e9, "US$", Qualifier::MoreThan),
    ];
    assert!(
        wen_wei_po
            .iter()
            .all(|i| i.scope.as_deref().is_some_and(|s| s.starts_with("Shenzhen")))
    );
    // The 2016 market share joins the Shenzhen market-share series of 2007 and 2008.
    let mut market: Vec<u16> = series(&db, wen_wei_po[0].metric.as_deref().unwrap())
        .iter()
        .map(|i| i.as_of.year())
        .collect();
    market.sort_unstable();
    assert_eq!(market, [2007, 2008, 2016]);
    let half = figure(&db, "src-people-sz-2021", 50.0, "%", Qualifier::About);
    assert_eq!(half.scope.as_deref(), Some("Shuibei–Buxin"));
}

#[test]
fn every_metric_series_has_one_unit_and_one_scope() {
    let db = db();
    let mut by_metric: BTreeMap<&str, Vec<&Indicator>> = BTreeMap::new();
    for i in db.indicators() {
        let metric = i.metric.as_deref().unwrap_or_else(|| panic!("{} has no metric", i.id));
        by_metric.entry(metric).or_default().push(i);
    }
    for (metric, members) in &by_metric {
        let first = members[0];
        assert!(first.scope.is_some(), "{metric}: {} has no scope", first.id);
        for i in members {
            assert_eq!(i.unit, first.unit, "{metric}: {} vs {}", i.id, first.id);
            assert_eq!(i.scope, first.scope, "{metric}: {} vs {}", i.id, first.id);
        }
    }
    // The series that used to mix measures or scopes are split.
    for old in [
        "share-domestic-market",
        "sales",
        "company-revenue",
        "enterprise-count",
        "share-sge-gold",
    ] {
        assert!(!by_metric.contains_key(old), "{old} mixes measures or scopes");
    }
}

/// Words about how the data was made, which must not reach a reader.
const WORKING_WORDS: [&str; 8] = [
    "facts sheet",
    "fact sheet",
    "facts-sheet",
    "seed article",
    "seed-article",
    "seeds/",
    "the sheet",
    "cluster-facts",
];

#[test]
fn no_text_speaks_of_how_the_data_was_made_and_every_source_can_be_found() {
    for file in ["data/cluster.json", "data/examples/small.json"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let text = std::fs::read_to_string(&path)
            .expect("the dataset reads")
            .to_lowercase();
        for word in WORKING_WORDS {
            assert!(!text.contains(word), "{file} says {word:?}");
        }
        let db = shuibei::data::load::load_file(&path).expect("the dataset loads");
        for source in db.sources() {
            assert!(source.file.is_none(), "{file}: {} points at a local file", source.id);
            match source.url.as_deref() {
                Some(url) => assert!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "{file}: {} has no scheme: {url}",
                    source.id
                ),
                None => assert!(
                    source.publisher.is_some(),
                    "{file}: {} has neither an address nor a publisher",
                    source.id
                ),
            }
        }
    }
}
