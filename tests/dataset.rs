//! The shipped dataset keeps its promises: it validates, every record is sourced, every
//! fact of the c. 2007 Luohu government article the project started from is there
//! (checked by value, not by count), the audited corrections hold by value, conflicting
//! figures stand side by side, every series charts one measure of one scope, no text
//! speaks of how the data was made, and every source can be found by a reader.

use std::collections::BTreeMap;

use shuibei::data::db::{Db, Rec};
use shuibei::data::model::{
    Enterprise, HistoryEvent, Indicator, Ownership, Qualifier, RecordKind, Reliability, Source,
};

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
    // H1 (1410, a writer's essay) is rated low; I51 (the implausible GDP share) is on a page
    // rated as a whole (medium), and its record says the figure is implausible.
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
    assert_ne!(
        db.weakest_source(Rec::new(RecordKind::Indicator, gdp)),
        Some(Reliability::High)
    );
    let gdp = &db.indicators()[gdp];
    assert!(
        gdp.summary.as_deref().unwrap_or("").contains("implausible"),
        "{}",
        gdp.id
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
    let people = figure(&db, "src-people-en-2017", 70.0, "%", Qualifier::MoreThan);
    for share in [nanfang, people] {
        assert_eq!(share.as_of.to_string(), "2017");
    }
    assert_eq!(nanfang.metric, people.metric, "one measure, one scope: one series");
    assert_eq!(nanfang.scope, people.scope);
    assert!(!cites(&nanfang.sources, "src-people-en-2017"));
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
    assert!(listed.title.starts_with("Duojia"), "{}", listed.title);
    assert!(
        listed.title_zh.as_deref().is_some_and(|zh| zh.starts_with("多佳股份")),
        "{:?}",
        listed.title_zh
    );
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

// ---------------------------------------------------------------------------------------
// 2016–2026: the gold-price boom, the platform collapses, the rules, the cluster's size,
// listings and places (issue 11 §2–§3).

fn year_of(i: &Indicator) -> u16 {
    i.as_of.year()
}

fn text_of(e: &HistoryEvent) -> String {
    format!("{} {}", e.title, e.summary.as_deref().unwrap_or(""))
}

fn quotes(cites: &[shuibei::data::model::Cite]) -> String {
    cites
        .iter()
        .filter_map(|c| c.quote.as_deref())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn shuibei_gold_prices_and_brand_store_prices_are_separate_series() {
    let db = db();
    let shuibei = series(&db, "gold-price-shuibei");
    let brands = series(&db, "gold-price-brand-stores");
    for (name, s, first) in [("Shuibei", &shuibei, 2024), ("brand stores", &brands, 2025)] {
        assert!(s.iter().all(|i| &*i.unit == "yuan/g"), "{name}: one unit");
        let boom: Vec<&&Indicator> = s.iter().filter(|i| (2024..=2026).contains(&year_of(i))).collect();
        assert!(boom.len() >= 5, "{name}: {} points from 2024 to 2026", boom.len());
        assert!(boom.iter().any(|i| year_of(i) == first) && boom.iter().any(|i| year_of(i) == 2026));
    }
    // Values by date: the December 2024 low, the January 2026 high on the market screens,
    // the Spring Festival gap of over 200 yuan between Shuibei and the brand counters.
    let at = |s: &[&Indicator], date: &str| -> Vec<f64> {
        s.iter()
            .filter(|i| i.as_of.to_string() == date)
            .map(|i| i.value)
            .collect()
    };
    assert_eq!(at(&shuibei, "2024-12-30"), [622.0]);
    assert_eq!(at(&shuibei, "2026-01-26"), [1296.0]);
    assert_eq!(at(&shuibei, "2026-03-02"), [1352.0]);
    // Shenzhen Daily's 'gold price' of April 2024 (over 700) does not say which price; it
    // cannot be the Shuibei quote (622 in December 2024), so it stands in a series of its own.
    let unspecified = series(&db, "gold-price-unspecified-shuibei");
    let values: Vec<f64> = unspecified.iter().map(|i| i.value).collect();
    assert_eq!(values, [480.0, 700.0]);
    assert!(unspecified.iter().all(|i| cites(&i.sources, "src-szdaily-2024-04-10")));
    assert!(shuibei.iter().all(|i| !cites(&i.sources, "src-szdaily-2024-04-10")));
    // The Spring Festival pair is dated by its report: the article does not name 'that day'.
    let festival = figure(&db, "src-ettoday-2026-02-23", 1268.0, "yuan/g", Qualifier::About);
    assert_eq!(festival.as_of.to_string(), "2026-02-23");
    let counters = brands
        .iter()
        .find(|i| cites(&i.sources, "src-ettoday-2026-02-23"))
        .expect("the brand-store price of the same report");
    assert_eq!((counters.value, counters.value_max), (1494.0, Some(1500.0)));
    assert_eq!(counters.as_of, festival.as_of);
    assert!(counters.value - festival.value > 200.0);
    assert_ne!(festival.metric, counters.metric);
    // The one figure from a blog is marked low; the crowds are there too.
    let blog = figure(&db, "src-freshfromchina-2026-01", 1706.0, "yuan/g", Qualifier::Exact);
    assert_eq!(db.weakest_source(record(&db, &blog.id)), Some(Reliability::Low));
    let visitors = figure(&db, "src-ettoday-2026-02-23", 10_000.0, "visitors", Qualifier::MoreThan);
    assert_eq!(visitors.as_of.to_string(), "2026-02-21");
    let golden_week = event(&db, "ev-2025-10-golden-week-gold-rush");
    assert!(text_of(golden_week).contains("41.1 %"));
}

#[test]
fn the_platform_collapses_carry_their_dates_notices_and_weak_figures() {
    let db = db();
    let jieworui = enterprise(&db, "jieworui");
    assert_eq!(jieworui.name_zh.as_deref(), Some("深圳市杰我睿珠宝有限公司"));
    assert!(jieworui.tags.iter().any(|t| &**t == "shuibei") && jieworui.tags.iter().any(|t| &**t == "luohu"));
    for (id, date) in [
        ("ev-2026-01-20-jieworui-payout-crisis", "2026-01-20"),
        ("ev-2026-01-25-jieworui-asset-supervision-notice", "2026-01-25"),
        ("ev-2026-01-28-luohu-task-force-jieworui", "2026-01-28"),
        ("ev-2026-01-31-luohu-second-notice-jieworui", "2026-01-31"),
    ] {
        let e = event(&db, id);
        assert_eq!(e.date.to_string(), date, "{id}");
        assert!(e.related.iter().any(|r| &**r == "jieworui"), "{id} links the company");
    }
    // The two district notices, in the words quoted.
    let first = event(&db, "ev-2026-01-28-luohu-task-force-jieworui");
    assert!(quotes(&first.sources).contains("工作專班"));
    let second = event(&db, "ev-2026-01-31-luohu-second-notice-jieworui");
    assert!(quotes(&second.sources).contains("網傳金額明顯誇大"));
    // The trading apps are named where they belong, not as jewelry brands.
    assert!(text_of(event(&db, "ev-2026-01-20-jieworui-payout-crisis")).contains("龙冶金"));
    assert!(
        db.brands()
            .iter()
            .all(|b| b.name_zh.as_deref() != Some("龙冶金") && b.name_zh.as_deref() != Some("金城金世界"))
    );
    // Investors' tallies are figures of their own, each resting on a low source.
    let tallies = series(&db, "unpaid-claims-jieworui");
    let values: Vec<f64> = tallies.iter().map(|i| i.value).collect();
    assert!(values.contains(&13.39e9) && values.contains(&10e9), "{values:?}");
    for i in &tallies {
        assert_eq!(
            db.weakest_source(record(&db, &i.id)),
            Some(Reliability::Low),
            "{}",
            i.id
        );
    }
    // 和诚行: the day its head was taken away, and the estimates said to be unattributed.
    let shop = event(&db, "ev-2026-01-14-hechengxing-collapse");
    assert_eq!(shop.date.to_string(), "2026-01-14");
    assert!(shop.related.iter().any(|r| &**r == "hechengxing"));
    assert!(quotes(&shop.sources).contains("被警方控制並帶離"));
    let loss = figure(
        &db,
        "src-stheadline-hechengxing-2026-01-16",
        10e6,
        "yuan",
        Qualifier::MoreThan,
    );
    assert!(
        loss.summary.as_deref().unwrap_or("").contains("author is not named"),
        "{}",
        loss.id
    );
    assert_eq!(
        enterprise(&db, "hechengxing").founded.map(|d| d.to_string()).as_deref(),
        Some("2022")
    );
}

#[test]
fn the_2026_rules_are_dated_and_sourced() {
    let db = db();
    let notice = event(&db, "ev-2026-02-13-ten-department-gold-notice");
    assert_eq!(notice.date.to_string(), "2026-02-13");
    // The Chinese title says what the English does; the notice's own name is in the
    // summary, so a search for it still finds the event.
    assert_eq!(
        notice.title_zh.as_deref(),
        Some("深圳十部门禁止黄金“预定价”、杠杆交易和保本收益模式")
    );
    assert!(
        notice
            .summary
            .as_deref()
            .is_some_and(|s| s.contains("《关于进一步规范黄金市场经营行为的公开提示》"))
    );
    assert!(quotes(&notice.sources).contains("10個部門"));
    let udn = db.source("src-udn-gold-notice-2026-02-13").expect("聯合報");
    assert_eq!(udn.reliability, Reliability::High);
    // Every department the sources name as acting is linked.
    for id in [
        "shenzhen-local-financial-administration",
        "pboc-shenzhen",
        "nfra-shenzhen",
        "csrc-shenzhen",
    ] {
        assert!(notice.related.iter().any(|r| &**r == id), "{id}");
    }
    // ETNet's headline calls the administration 深圳金管局.
    assert!(
        enterprise(&db, "shenzhen-local-financial-administration")
            .aliases
            .iter()
            .any(|a| &**a == "深圳金管局")
    );
    for id in ["nfra-shenzhen", "csrc-shenzhen"] {
        assert_eq!(enterprise(&db, id).kind, Some(shuibei::data::model::Kind::Government));
    }
    assert!(
        enterprise(&db, "pboc-shenzhen")
            .aliases
            .iter()
            .any(|a| &**a == "中国人民银行深圳市分行")
    );
    let warning = event(&db, "ev-2025-11-shenzhen-gold-risk-warning");
    assert_eq!(warning.date.to_string(), "2025-11");
    // 深圳市委金融办 is the Party committee's financial office, not the government's
    // financial administration.
    assert!(warning.title.contains("Party Committee's financial office"));
    assert!(
        warning
            .related
            .iter()
            .any(|r| &**r == "shenzhen-municipal-party-committee")
    );
    for (id, zh) in [
        ("shenzhen-municipal-party-committee", "中共深圳市委"),
        ("luohu-district-party-committee", "罗湖区委"),
        ("shanghai-gold-exchange", "上海黄金交易所"),
        ("shanghai-diamond-exchange", "上海钻石交易所"),
    ] {
        assert_eq!(enterprise(&db, id).name_zh.as_deref(), Some(zh), "{id}");
    }
    let initiative = event(&db, "ev-2026-03-18-association-gold-initiative");
    assert!(
        initiative
            .related
            .iter()
            .any(|r| &**r == "ev-2026-02-13-ten-department-gold-notice")
    );
}

#[test]
fn the_clusters_size_stays_side_by_side_as_each_source_gives_it() {
    let db = db();
    let firms: Vec<&Indicator> = series(&db, "enterprise-count-shuibei")
        .into_iter()
        .filter(|i| (2024..=2025).contains(&year_of(i)))
        .collect();
    let has = |value: f64, q: Qualifier, source: &str| {
        firms
            .iter()
            .any(|i| (i.value - value).abs() < 1e-9 && i.qualifier == q && cites(&i.sources, source))
    };
    assert!(
        has(9000.0, Qualifier::MoreThan, "src-nanhaitoday-2025"),
        "珠江时报: 9000多家"
    );
    assert!(
        has(9000.0, Qualifier::Nearly, "src-21cbh-shuibei-2025-10-17"),
        "21世纪: 近9000"
    );
    // 大公报's 上万家 counts the gold market's 1 km² core area, as its area figure does: a
    // series of its own, not set against the Shuibei-wide counts.
    assert!(
        !has(10_000.0, Qualifier::MoreThan, "src-takungpao-editorial-2025-10-11"),
        "大公报's core-area count is not a Shuibei-wide count"
    );
    let core = figure(
        &db,
        "src-takungpao-editorial-2025-10-11",
        10_000.0,
        "enterprises",
        Qualifier::MoreThan,
    );
    let core_area = indicator(&db, "ind-area-2025-10-shuibei-core-takungpao");
    assert_eq!(core.scope, core_area.scope, "大公报: 上万家 in the core area");
    assert_eq!(
        core.metric.as_deref(),
        Some("enterprise-count-shuibei-gold-market-core")
    );
    assert!(
        has(10_000.0, Qualifier::MoreThan, "src-dantri-bloomberg-shuibei"),
        "Bloomberg, retold"
    );
    // No record makes the 21世纪经济报道 figure 'over' 9,000.
    for i in db.indicators() {
        if cites(&i.sources, "src-21cbh-shuibei-2025-10-17") && (i.value - 9000.0).abs() < 1e-9 {
            assert_eq!(i.qualifier, Qualifier::Nearly, "{}", i.id);
        }
    }
    // Half of China's wholesale, in the series of 2018 and 2023.
    let wholesale: Vec<u16> = series(&db, "share-national-wholesale-shuibei")
        .iter()
        .map(|i| year_of(i))
        .collect();
    assert!(wholesale.contains(&2023) && wholesale.contains(&2025), "{wholesale:?}");
    figure(
        &db,
        "src-21cbh-shuibei-2025-10-17",
        60_000.0,
        "workers",
        Qualifier::MoreThan,
    );
    let sge = figure(&db, "src-takungpao-editorial-2025-10-11", 70.0, "%", Qualifier::About);
    assert!(sge.metric.as_deref().unwrap().starts_with("share-sge-"));
    // The 2016 share whose whole is masked in the only copy is not put in a national series.
    let masked = figure(&db, "src-szwb-ibc-2016-12-02", 70.0, "%", Qualifier::MoreThan);
    assert!(
        !masked.metric.as_deref().unwrap().contains("national"),
        "{:?}",
        masked.metric
    );
}

#[test]
fn company_results_stay_in_their_own_series_with_conflicts_side_by_side() {
    let db = db();
    // 周大生's 2024 franchise closures: 120 (broker, agrees with the company's counts) and
    // 717 (a machine-analysis site, low), one series.
    let closures = series(&db, "franchise-store-net-closures-zhou-dasheng");
    let mut values: Vec<f64> = closures.iter().map(|i| i.value).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, [120.0, 717.0]);
    let low = closures.iter().find(|i| (i.value - 717.0).abs() < 1e-9).unwrap();
    assert_eq!(db.weakest_source(record(&db, &low.id)), Some(Reliability::Low));
    let revenue: Vec<(u16, f64)> = series(&db, "revenue-zhou-dasheng")
        .iter()
        .map(|i| (year_of(i), i.value))
        .collect();
    assert!(revenue.contains(&(2024, 13.891e9)), "{revenue:?}");
    // Stores by date, one company per series.
    let stores: Vec<String> = series(&db, "store-count-zhou-dasheng")
        .iter()
        .map(|i| i.as_of.to_string())
        .collect();
    for date in ["2024-09-30", "2025-03-31", "2025-06-30", "2025-09-30"] {
        assert!(stores.iter().any(|d| d == date), "{date}: {stores:?}");
    }
    // Net profit and profit attributable to shareholders are different measures.
    let tellus = figure(&db, "src-beawan-tellus-2024", 139e6, "yuan", Qualifier::Exact);
    let attributable = figure(&db, "src-shidaotec-tellus-2024-low", 137e6, "yuan", Qualifier::Exact);
    assert_ne!(tellus.metric, attributable.metric);
    // Every company figure names its company in its scope, and a series never mixes two.
    for i in db.indicators() {
        let metric = i.metric.as_deref().unwrap_or("");
        if metric.starts_with("revenue-") || metric.starts_with("net-profit-") || metric.starts_with("store-count-") {
            let scope = i.scope.as_deref().unwrap_or("");
            assert!(
                scope.starts_with("Company (") || metric.ends_with("-luohu") || metric.ends_with("-shuibei"),
                "{}: {scope}",
                i.id
            );
        }
    }
}

#[test]
fn zhou_liu_fus_hong_kong_ipo_is_there_by_value() {
    let db = db();
    let price = series(&db, "ipo-offer-price-zhou-liu-fu");
    assert_eq!(price.len(), 1);
    assert_eq!((price[0].value, &*price[0].unit), (24.0, "HK$/share"));
    let gross = series(&db, "ipo-gross-proceeds-zhou-liu-fu");
    assert!((gross[0].value - 1_291_900_000.0).abs() < 0.5, "{}", gross[0].value);
    let net: Vec<f64> = series(&db, "ipo-net-proceeds-zhou-liu-fu")
        .iter()
        .map(|i| i.value)
        .collect();
    assert!(net.contains(&1_192_700_000.0), "{net:?}");
    let cornerstones = series(&db, "ipo-cornerstone-subscription-zhou-liu-fu");
    assert_eq!(
        (cornerstones[0].value, cornerstones[0].qualifier),
        (573e6, Qualifier::About)
    );
    assert!(quotes(&cornerstones[0].sources).contains("罗湖投资"));
    let launch = event(&db, "ev-2025-06-18-zhou-liu-fu-ipo-launch");
    assert!(text_of(launch).contains("罗湖投资") && text_of(launch).contains("HK$24.00"));
    assert!(quotes(&launch.sources).contains("罗湖投资"));
    let hk = series(&db, "ipo-subscription-hk-zhou-liu-fu");
    assert!((hk[0].value - 711.11).abs() < 1e-9, "{}", hk[0].value);
    let company = enterprise(&db, "zhou-liu-fu");
    assert_eq!(company.ownership, Some(Ownership::Private));
    assert!(company.aliases.iter().any(|a| &**a == "深圳市周天福珠宝首饰有限公司"));
}

#[test]
fn listings_and_the_listed_tag_agree() {
    let db = db();
    for e in db.enterprises() {
        for l in &e.listings {
            assert!(!l.exchange.trim().is_empty() && !l.code.trim().is_empty(), "{}", e.id);
        }
        let current = e.listings.iter().any(|l| l.delisted.is_none());
        let ended = !e.listings.is_empty() && !current;
        let tagged = |t: &str| e.tags.iter().any(|x| &**x == t);
        assert_eq!(tagged("listed"), current, "{}: listed tag vs listings", e.id);
        assert_eq!(tagged("delisted"), ended, "{}: delisted tag vs listings", e.id);
    }
    let delisted = |id: &str| -> Vec<(String, String)> {
        enterprise(&db, id)
            .listings
            .iter()
            .map(|l| {
                (
                    l.code.to_string(),
                    l.delisted.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(
        delisted("dongfang-jinyu"),
        [("600086".to_owned(), "2021-03-17".to_owned())]
    );
    assert_eq!(delisted("aidier"), [("002740".to_owned(), "2024-03-04".to_owned())]);
    assert_eq!(delisted("jinye"), [("000587".to_owned(), "2023".to_owned())]);
    assert_eq!(
        delisted("fuqi-international"),
        [("FUQI".to_owned(), "2011-06-13".to_owned())]
    );
    assert!(enterprise(&db, "jinye").aliases.iter().any(|a| &**a == "金洲慈航"));
    // Companies listed today, each with its exchange and code.
    let listed: Vec<(&str, &str)> = db
        .enterprises()
        .iter()
        .flat_map(|e| e.listings.iter().filter(|l| l.delisted.is_none()))
        .map(|l| (&*l.exchange, &*l.code))
        .collect();
    for code in [
        ("SZSE", "002867"),
        ("HKEX", "06168"),
        ("SZSE", "000025"),
        ("SZSE", "301177"),
        ("SZSE", "002731"),
        ("SZSE", "000017"),
    ] {
        assert!(listed.contains(&code), "{code:?} is a current listing");
    }
}

/// Shenzhen districts and areas, as a location names them and as a tag.
const PLACES: [(&str, &str); 7] = [
    ("Luohu District", "luohu"),
    ("Shuibei", "shuibei"),
    ("Buxin", "buxin"),
    ("Futian District", "futian"),
    ("Yantian District", "yantian"),
    ("Longgang District", "longgang"),
    ("Bao'an District", "baoan"),
];

#[test]
fn every_place_is_stated_the_same_way_in_location_and_tags() {
    let db = db();
    for e in db.enterprises() {
        let location = e.location.as_deref().unwrap_or("");
        for (words, tag) in PLACES {
            assert_eq!(
                location.contains(words),
                e.tags.iter().any(|t| &**t == tag),
                "{}: location {location:?} and tag {tag}",
                e.id
            );
        }
        // A district is written out in English, not only as 罗湖区 inside an address.
        if location.contains("罗湖区") {
            assert!(location.contains("Luohu District"), "{}: {location}", e.id);
        }
    }
    for (id, place) in [
        ("jieworui", "Shuibei, Luohu District"),
        ("tellus", "Shuibei, Luohu District"),
        ("dr", "Luohu District"),
        ("yantian-district-government", "Yantian District"),
        ("dongfang-jewelry-processing-factory", "Shuibei, Luohu District"),
    ] {
        let location = enterprise(&db, id).location.as_deref().unwrap_or("");
        assert!(location.contains(place), "{id}: {location}");
    }
    // Ownership where a source states it.
    for (id, ownership) in [
        ("tellus", Ownership::StateOwned),
        ("tefa-group", Ownership::StateOwned),
        ("shenzhen-investment-holdings", Ownership::StateOwned),
        ("jinyafu", Ownership::Private),
    ] {
        assert_eq!(enterprise(&db, id).ownership, Some(ownership), "{id}");
    }
}

#[test]
fn the_tabs_hold_enough_sourced_organisations_and_brands() {
    let db = db();
    assert!(
        db.len(RecordKind::Enterprise) >= 80,
        "{} organisations",
        db.len(RecordKind::Enterprise)
    );
    assert!(db.len(RecordKind::Brand) >= 40, "{} brands", db.len(RecordKind::Brand));
    // The trading centres the sources name, and no duplicate of the 2026 dealers.
    for id in [
        "shuibei-international",
        "shuibei-yihao",
        "shuibei-jinzuo",
        "jinli",
        "jinzhan",
        "baolin-center",
        "zhengfu-center",
    ] {
        record(&db, id);
    }
    let named = |zh: &str| {
        db.enterprises()
            .iter()
            .filter(|e| e.name_zh.as_deref() == Some(zh))
            .count()
    };
    for zh in ["深圳市杰我睿珠宝有限公司", "和诚行", "深圳中华自行车(集团)股份有限公司"] {
        assert_eq!(named(zh), 1, "{zh}");
    }
    // One source per page: no two sources of one reliability share an address, unless
    // their notes name each other (a claim kept apart on a page that was rated down whole).
    let mut seen = BTreeMap::new();
    for s in db.sources() {
        if let Some(url) = s.url.as_deref()
            && let Some(other) = seen.insert((url, s.reliability), s)
        {
            let mentions = |a: &Source, b: &Source| a.note.as_deref().unwrap_or("").contains(&*b.id);
            assert!(
                mentions(s, other) && mentions(other, s),
                "{} and {} are one page",
                s.id,
                other.id
            );
        }
    }
    // Both tabs reach 2026.
    let latest_event = db.history().iter().map(|e| e.date).max().unwrap();
    let latest_figure = db.indicators().iter().map(|i| i.as_of).max().unwrap();
    assert!(latest_event.year() == 2026 && latest_figure.year() == 2026);
}

#[test]
fn the_machine_translated_article_is_rated_as_the_scale_says() {
    let db = db();
    let article = db.source(SEED).expect("the Luohu article");
    assert_eq!(article.reliability, Reliability::Low);
    // Facts it shares with other sources keep their stronger sources.
    let founded = event(&db, "ev-2004-08-base-established");
    assert!(founded.sources.len() > 1);
    // Reliability orders High < Medium < Low: the strongest is the least.
    let strongest = founded
        .sources
        .iter()
        .filter_map(|c| db.source(&c.source))
        .map(|s| s.reliability)
        .min();
    assert_ne!(strongest, Some(Reliability::Low));
}

#[test]
fn the_example_is_a_real_subset_of_the_shipped_data() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/small.json");
    let small = shuibei::data::load::load_file(std::path::Path::new(path)).expect("the example loads");
    let db = db();
    for e in small.history() {
        let full = event(&db, &e.id);
        assert_eq!((full.date, &full.title), (e.date, &e.title), "{}", e.id);
    }
    for e in small.enterprises() {
        assert_eq!(enterprise(&db, &e.id).name, e.name, "{}", e.id);
    }
    for b in small.brands() {
        assert_eq!(db.brands()[record(&db, &b.id).idx()].name, b.name, "{}", b.id);
    }
    for i in small.indicators() {
        let full = indicator(&db, &i.id);
        assert_eq!(
            (full.value, full.value_max, &full.unit, full.qualifier, full.as_of),
            (i.value, i.value_max, &i.unit, i.qualifier, i.as_of),
            "{}",
            i.id
        );
    }
    for s in small.sources() {
        let full = db.source(&s.id).unwrap_or_else(|| panic!("{}", s.id));
        assert_eq!((&full.title, full.reliability), (&s.title, s.reliability), "{}", s.id);
    }
}

// ---------------------------------------------------------------------------------------
// A reader's review (issue 11, data defects): every fact can be printed with the words of
// the source that gives it, in figures that read the way the source wrote them.

/// The shipped file as plain JSON, for checks on every text field.
fn raw_dataset() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cluster.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the dataset reads")).expect("the dataset parses")
}

const SECTIONS: [&str; 5] = ["sources", "history", "enterprises", "brands", "indicators"];

/// Every record of every section, as JSON.
fn raw_records(data: &serde_json::Value) -> Vec<&serde_json::Value> {
    SECTIONS
        .iter()
        .flat_map(|s| data[*s].as_array().into_iter().flatten())
        .collect()
}

/// Every string in `value` with the name of the field that holds it.
fn text_fields<'a>(value: &'a serde_json::Value, field: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match value {
        serde_json::Value::String(s) => out.push((field, s)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| text_fields(v, field, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| text_fields(v, k, out)),
        _ => {}
    }
}

/// The words a reader sees that are ours, not a source's: everything but quotes,
/// addresses and ids.
fn own_words(record: &serde_json::Value) -> Vec<&str> {
    let mut fields = Vec::new();
    text_fields(record, "", &mut fields);
    fields
        .into_iter()
        .filter(|(field, _)| !matches!(*field, "quote" | "url" | "id" | "source" | "related" | "owner"))
        .map(|(_, text)| text)
        .collect()
}

/// Phrases about how the data was gathered, which say nothing about a source.
const PROCESS_PHRASES: [&str; 31] = [
    "stored page",
    "stored copy",
    "recorded",
    "re-read",
    "look-up",
    "lookup",
    "we read",
    "was read",
    "were read",
    "excerpt",
    "researcher",
    "the research result",
    "merged",
    "integration",
    "the lead",
    "the audit ",
    "audit's",
    "searching public code",
    "public code repository",
    "page read",
    "pages read",
    "could not be read",
    "was seen",
    "not seen",
    "seen in the sources",
    "used only for",
    "cited only for",
    "which one gives it",
    "this record's sources",
    "which of the cited sources",
    "working list",
];

/// Whether `text` holds `phrase` as words, or their plural: "merged" is not in a quote's
/// "emerged", nor "the lead" in "the leading industries"; "excerpts" says "excerpt".
fn says(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let after = &text[at + phrase.len()..];
        let after = after.strip_prefix('s').unwrap_or(after);
        !text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
            && !after.chars().next().is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn no_note_or_summary_speaks_of_how_the_data_was_made() {
    let data = raw_dataset();
    for record in raw_records(&data) {
        let id = record["id"].as_str().unwrap_or("?");
        for text in own_words(record) {
            let lower = text.to_lowercase();
            for phrase in PROCESS_PHRASES {
                assert!(!says(&lower, phrase), "{id} says {phrase:?}: {text}");
            }
        }
    }
}

#[test]
fn no_record_cites_a_source_twice_and_every_quote_is_short_words() {
    let db = db();
    for kind in RecordKind::ALL {
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            let mut seen = std::collections::BTreeSet::new();
            for cite in db.cites(rec) {
                assert!(seen.insert(&*cite.source), "{} cites {} twice", db.id(rec), cite.source);
                if let Some(quote) = cite.quote.as_deref() {
                    assert!(!quote.trim().is_empty(), "{}: empty quote", db.id(rec));
                    assert!(
                        quote.chars().count() < 200,
                        "{}: quote of {} characters",
                        db.id(rec),
                        quote.chars().count()
                    );
                }
            }
        }
    }
}

#[test]
fn every_cite_of_an_event_organisation_or_brand_says_what_it_supports() {
    let db = db();
    for kind in [RecordKind::History, RecordKind::Enterprise, RecordKind::Brand] {
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            for cite in db.cites(rec) {
                assert!(
                    cite.quote.is_some() || cite.note.is_some(),
                    "{} cites {} without a quote or a note",
                    db.id(rec),
                    cite.source
                );
            }
        }
    }
}

/// A number written in the text, with the number of decimals it was written with.
#[derive(Debug, Clone, Copy)]
struct Written {
    value: f64,
    decimals: i32,
    start: usize,
    end: usize,
}

/// The decimal numbers in `text` (digits with thousands commas and a decimal point).
fn numbers(text: &str) -> Vec<(Written, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.')) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b',' || bytes[i] == b'.') {
                i += 1;
            }
            let mut raw = &text[start..i];
            while raw.ends_with(',') || raw.ends_with('.') {
                raw = &raw[..raw.len() - 1];
            }
            let end = start + raw.len();
            if let Ok(value) = raw.replace(',', "").parse::<f64>() {
                let decimals = raw
                    .split_once('.')
                    .map_or(0, |(_, d)| i32::try_from(d.len()).unwrap_or(0));
                out.push((
                    Written {
                        value,
                        decimals,
                        start,
                        end,
                    },
                    raw,
                ));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Chinese amounts such as 133.9亿 or 9000多万: the number, its mantissa as written,
/// and the multiplier.
fn chinese_amounts(text: &str) -> Vec<(Written, &str, f64)> {
    numbers(text)
        .into_iter()
        .filter_map(|(n, raw)| {
            let rest = text[n.end..].trim_start_matches([' ', '多', '余', '餘']);
            let unit = if rest.starts_with("万亿") || rest.starts_with("萬億") {
                1e12
            } else if rest.starts_with('亿') || rest.starts_with('億') {
                1e8
            } else if rest.starts_with('万') || rest.starts_with('萬') {
                1e4
            } else {
                return None;
            };
            Some((n, raw, unit))
        })
        .collect()
}

/// English amounts such as 13.39 billion or 246 million.
fn english_amounts(text: &str) -> Vec<(Written, &str, f64)> {
    numbers(text)
        .into_iter()
        .filter_map(|(n, raw)| {
            let rest = text[n.end..].trim_start();
            let word = |w: &str| rest.starts_with(w) && !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphabetic());
            let unit = if word("billion") || word("bn") {
                1e9
            } else if word("million") {
                1e6
            } else {
                return None;
            };
            Some((n, raw, unit))
        })
        .collect()
}

fn same_amount(exact: f64, written: Written, unit: f64) -> bool {
    let tolerance = 0.5 * 10f64.powi(-written.decimals) * unit;
    (written.value * unit - exact).abs() <= tolerance * 1.000_001
}

#[test]
fn yi_and_wan_are_never_misread_as_billions_and_millions() {
    let data = raw_dataset();
    let mut yi_mantissas = std::collections::BTreeSet::new();
    let mut english: Vec<(String, String)> = Vec::new();
    for record in raw_records(&data) {
        let id = record["id"].as_str().unwrap_or("?").to_owned();
        let mut fields = Vec::new();
        text_fields(record, "", &mut fields);
        for (field, text) in fields {
            for (_, raw, unit) in chinese_amounts(text) {
                if unit > 1e7 && raw.contains('.') {
                    yi_mantissas.insert(raw.to_owned());
                }
            }
            if field == "quote" || field == "url" {
                continue;
            }
            for (_, raw, unit) in english_amounts(text) {
                if unit > 1e8 && raw.contains('.') {
                    english.push((raw.to_owned(), id.clone()));
                }
            }
            // "133.9亿 (13.39 billion)" and "13.39 billion yuan (133.9亿)" must agree.
            for (zh, _, zh_unit) in chinese_amounts(text) {
                let exact = zh.value * zh_unit;
                let after = text[zh.end..].trim_start_matches([' ', '多', '余', '餘', '亿', '億', '万', '萬', '元']);
                if let Some(inside) = after.strip_prefix(['(', '（']) {
                    let inside = inside.trim_start_matches(|c: char| c == ' ' || c == '$' || c.is_ascii_uppercase());
                    if let Some((en, _, en_unit)) = english_amounts(inside).first().filter(|(n, ..)| n.start == 0) {
                        assert!(same_amount(exact, *en, *en_unit), "{id}: {text}");
                    }
                }
                let before = text[..zh.start].trim_end();
                if let Some(outside) = before.strip_suffix(['(', '（']) {
                    let outside = outside.trim_end().trim_end_matches(" yuan").trim_end_matches(" HK$");
                    if let Some((en, _, en_unit)) = english_amounts(outside)
                        .last()
                        .filter(|(n, ..)| n.end + 10 >= outside.len())
                    {
                        assert!(same_amount(exact, *en, *en_unit), "{id}: {text}");
                    }
                }
            }
        }
    }
    // A mantissa written with 亿 in one place and with 'billion' in another is a 亿 read
    // as a billion (133.9亿 is 13.39 billion, not 133.9 billion).
    for (raw, id) in english {
        assert!(
            !yi_mantissas.contains(&raw),
            "{id}: {raw} billion is written elsewhere as {raw}亿"
        );
    }
}

#[test]
fn a_money_figure_agrees_with_the_one_amount_its_quote_gives() {
    let db = db();
    for i in db.indicators() {
        if !matches!(&*i.unit, "yuan" | "HK$" | "US$") {
            continue;
        }
        for cite in &i.sources {
            let Some(quote) = cite.quote.as_deref() else { continue };
            let amounts = chinese_amounts(quote);
            let Some((first, _, unit)) = amounts.first() else {
                continue;
            };
            let exact = first.value * unit;
            if amounts
                .iter()
                .any(|(n, _, u)| ((n.value * u) - exact).abs() > 1e-6 * exact.abs())
            {
                continue; // several amounts: the summary says which one is the figure
            }
            let matches = |v: f64| (v - exact).abs() <= 1e-6 * exact.abs().max(1.0);
            assert!(
                matches(i.value) || i.value_max.is_some_and(matches),
                "{}: value {} but the quote of {} says {quote}",
                i.id,
                i.value,
                cite.source
            );
        }
    }
}

/// How the English of a summary qualifies a figure, by the words just before it.
fn qualifier_words(before: &str) -> Option<Qualifier> {
    let before = before
        .trim_end()
        .trim_end_matches(['\'', '‘'])
        .trim_end_matches("HK$")
        .trim_end_matches("US$")
        .trim_end()
        .to_lowercase();
    let ends = |words: &[&str]| words.iter().any(|w| before.ends_with(w));
    if ends(&["about", "around", "roughly", "approximately"]) {
        Some(Qualifier::About)
    } else if ends(&["more than", "over", "above", "exceeded", "at least"]) {
        Some(Qualifier::MoreThan)
    } else if ends(&["nearly", "almost", "neared", "approaching"]) {
        Some(Qualifier::Nearly)
    } else if ends(&["less than", "below", "under"]) {
        Some(Qualifier::LessThan)
    } else {
        None
    }
}

/// The ways a summary may write a figure: 1,390 or 1390; 13.39 billion; 246 million.
fn written_forms(value: f64) -> Vec<String> {
    let mut forms = Vec::new();
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = format!("{}", value.abs());
        let mut grouped = String::new();
        for (n, c) in digits.chars().enumerate() {
            if n > 0 && (digits.len() - n) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        forms.push(grouped);
        forms.push(digits);
    }
    for (unit, word) in [(1e9, "billion"), (1e6, "million")] {
        if value.abs() >= unit {
            let x = value.abs() / unit;
            if let Some(text) = (0..5)
                .map(|p| format!("{x:.p$}"))
                .find(|t| (t.parse::<f64>().unwrap_or(0.0) - x).abs() < 1e-9)
            {
                forms.push(format!("{text} {word}"));
            }
        }
    }
    forms
}

#[test]
fn summaries_qualify_a_figure_as_its_qualifier_does() {
    let db = db();
    for i in db.indicators() {
        let Some(summary) = i.summary.as_deref() else { continue };
        let Some(at) = written_forms(i.value)
            .iter()
            .filter_map(|form| summary.find(form.as_str()).map(|at| (at, form.len())))
            .filter(|(at, len)| {
                // a whole number, not the tail of a longer one
                let before = summary[..*at].chars().last();
                let after = summary[at + len..].chars().next();
                !before.is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
                    && !after.is_some_and(|c| c.is_ascii_digit())
            })
            .map(|(at, _)| at)
            .min()
        else {
            continue;
        };
        if let Some(words) = qualifier_words(&summary[..at]) {
            assert_eq!(
                words, i.qualifier,
                "{}: the summary qualifies the figure otherwise: {summary}",
                i.id
            );
        }
    }
}

#[test]
fn every_price_series_charts_one_measure_dated_as_its_sources_allow() {
    let db = db();
    for i in db.indicators() {
        let metric = i.metric.as_deref().unwrap_or("");
        if !metric.contains("gold-price") && !metric.contains("recycling-price") {
            continue;
        }
        assert_eq!(&*i.unit, "yuan/g", "{}", i.id);
        // A month alone would chart a figure reported on the 23rd before one of the 3rd.
        assert!(
            i.as_of.month().is_none() || i.as_of.day().is_some(),
            "{}: dated {} by month alone",
            i.id,
            i.as_of
        );
    }
    // Brand list prices and one Shenzhen store threshold are different measures.
    let threshold = figure(&db, "src-bastille-2024-12-30", 800.0, "yuan/g", Qualifier::LessThan);
    assert_ne!(threshold.metric.as_deref(), Some("gold-price-brand-stores"));
}

/// Measures of a firm's distress, grouped as crises wherever the firm is.
const CRISIS_MEASURES: [&str; 17] = [
    "unpaid-claims-",
    "registered-unpaid-claims-",
    "registered-users-",
    "provinces-affected-",
    "withdrawal-queue-",
    "estimated-loss-",
    "rights-group-members-",
    "overdue-loan-principal-",
    "controlling-shareholder-shares-frozen-",
    "frozen-bank-accounts-",
    "frozen-account-balance-",
    "minimum-investment-",
    "promised-annual-return-",
    "reported-exposure-",
    "market-value-shangshan-gold",
    "share-price-day-change-shangshan-gold",
    "pre-pricing-leverage",
];

#[test]
fn crisis_figures_share_one_group_whatever_the_firm() {
    let db = db();
    for i in db.indicators() {
        let metric = i.metric.as_deref().unwrap_or("");
        let crisis = CRISIS_MEASURES.iter().any(|m| metric.starts_with(m)) || metric.starts_with("gold-crime-");
        assert_eq!(
            i.group.as_deref() == Some("Crises and risk"),
            crisis,
            "{} ({metric}) is in group {:?}",
            i.id,
            i.group
        );
    }
}

/// Sites that carry copies of other outlets' articles.
const COPY_SITES: [&str; 14] = [
    "kelleysdeliri.com",
    "feilaiwojia.com",
    "xiumeiju.cn",
    "wysmap.cn",
    "chuosan.com",
    "whmsebhyy.com",
    "takajo-isoku.com",
    "orobotics.cn",
    "nj-chemdatang.cn",
    "58zhikao.com",
    "fcggk.com.cn",
    "chcoffee.cn",
    "drbnnd.com",
    "themelocker.xyz",
];

#[test]
fn copies_on_unrelated_sites_say_so_and_are_rated_as_copies() {
    let db = db();
    for s in db.sources() {
        let url = s.url.as_deref().unwrap_or("");
        if COPY_SITES.iter().any(|site| url.contains(site)) {
            let publisher = s.publisher.as_deref().unwrap_or("");
            assert!(
                publisher.contains("copy"),
                "{}: publisher {publisher:?} does not name the copy",
                s.id
            );
            assert_ne!(s.reliability, Reliability::High, "{}: a copy is medium at best", s.id);
        }
        // A copy on an unrelated or mirror site cannot be checked against its original: it
        // is low, unless its note says why it stays medium (it agrees with other copies).
        let publisher = s.publisher.as_deref().unwrap_or("").to_lowercase();
        let note = s.note.as_deref().unwrap_or("").to_lowercase();
        if ["unrelated site", "mirror"]
            .iter()
            .any(|w| publisher.contains(w) || note.contains(w))
        {
            assert!(
                s.reliability == Reliability::Low || note.contains("stays medium"),
                "{}: a copy on an unrelated or mirror site is {:?}",
                s.id,
                s.reliability
            );
        }
        // Machine summaries in English are low; no source is a code file.
        if url.contains("reportify.ai") {
            assert_eq!(s.reliability, Reliability::Low, "{}", s.id);
        }
        assert!(!url.contains("github.com"), "{}: a code file is not a source", s.id);
    }
    // A copy that names no original is low.
    assert_eq!(
        db.source("src-chemdatang-2025").map(|s| s.reliability),
        Some(Reliability::Low)
    );
    assert_eq!(
        db.source("src-58zhikao-2022").map(|s| s.reliability),
        Some(Reliability::Low)
    );
}

#[test]
fn the_readers_findings_hold_by_value() {
    let db = db();
    // The IPO subscription of 萃华 rests on its own notice, not on a hobby table.
    let ipo = event(&db, "ev-2014-10-24-cuihua-ipo-subscription");
    assert!(cites(&ipo.sources, "src-aijingu-cuihua-2014-10"));
    assert!(quotes(&ipo.sources).contains("2014年10月24日(T日)结束"));
    // 周六福's listing claims nothing its sources do not say.
    assert!(!text_of(event(&db, "ev-2025-06-26-zhou-liu-fu-hkex-listing")).contains("first day"));
    // 粤宝鑫's debts are given by dated reports, in their words.
    let yuebaoxin = event(&db, "ev-2025-09-yuebaoxin-collapse");
    assert!(cites(&yuebaoxin.sources, "src-ettoday-2025") && quotes(&yuebaoxin.sources).contains("超过千万元"));
    // More than 9,000 firms in March 2025, in 珠江时报's words.
    let firms = indicator(&db, "ind-enterprises-2025-03-shuibei");
    assert!(quotes(&firms.sources).contains("9000多家"));
    // The aggregator's note says what it is used for: the 7–8 billion, not a Yantian statement.
    let bihai = db.source("src-bihai-jinyafu-low").expect("bihai");
    assert!(bihai.note.as_deref().unwrap_or("").contains("7–8 billion"));
    // 上善黄金 is a record of its own; 周大福's listing day; 杰我睿's amounts, marked low.
    let shangshan = enterprise(&db, "shangshan-gold");
    assert_eq!(shangshan.listings[0].code.as_ref(), "01939");
    let ctf = enterprise(&db, "chow-tai-fook-group");
    assert_eq!(
        ctf.listings[0].listed.map(|d| d.to_string()).as_deref(),
        Some("2011-12-15")
    );
    let jieworui = enterprise(&db, "jieworui");
    let summary = jieworui.summary.as_deref().unwrap_or("");
    assert!(summary.contains("13.39 billion") && summary.contains("246 million") && summary.contains("low-rated"));
    assert_eq!(db.weakest_source(record(&db, "jieworui")), Some(Reliability::Low));
}

/// What a quote's own words say of how exact `value` is: 约 and about, 近 and nearly, 逾, 超过,
/// 多 and 以上 and more than, 不到 and less than, and 一半 or half for 50 %. Only the words that
/// stand next to that very number count, so a quote with other figures raises no false alarm.
fn quote_qualifiers(quote: &str, value: f64, unit: &str) -> Vec<Qualifier> {
    let mut found = Vec::new();
    let target = value.abs();
    let chars: Vec<(usize, char)> = quote.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let glued = k > 0 && matches!(chars[k - 1].1, '0'..='9' | '.' | ',' | '/');
        if !c.is_ascii_digit() || glued {
            k += 1;
            continue;
        }
        let mut j = k;
        while j < chars.len()
            && (chars[j].1.is_ascii_digit()
                || (matches!(chars[j].1, ',' | '.') && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(quote.len(), |(at, _)| *at);
        k = j;
        let Ok(mut number) = quote[start..end].replace(',', "").parse::<f64>() else {
            continue;
        };
        let mut rest = &quote[end..];
        let mut words = Vec::new();
        if let Some(r) = rest.strip_prefix(['多', '余', '餘']) {
            words.push(Qualifier::MoreThan);
            rest = r;
        }
        for (mark, times) in [
            ("万", 1e4),
            ("萬", 1e4),
            ("亿", 1e8),
            ("億", 1e8),
            (" billion", 1e9),
            (" million", 1e6),
        ] {
            if let Some(r) = rest.strip_prefix(mark) {
                number *= times;
                rest = r;
                break;
            }
        }
        if (number - target).abs() > 1e-6 * target.max(1.0) {
            continue;
        }
        let after: String = rest
            .chars()
            .take_while(|c| !c.is_ascii_digit() && !",，。;；、)）".contains(*c))
            .take(6)
            .collect();
        if after.contains("以上") {
            words.push(Qualifier::MoreThan);
        } else if after.contains("左右") {
            words.push(Qualifier::About);
        } else if after.contains("以下") || after.contains("不到") {
            words.push(Qualifier::LessThan);
        }
        // "約為每克人民幣1,240元": the words between the qualifier and the number are fillers.
        let before = quote[..start].trim_end_matches(|c: char| " 为為在达達每克人民币幣".contains(c));
        let ends = |list: &[&str]| list.iter().any(|w| before.ends_with(w));
        if ends(&["约", "約", "大约", "大約"]) {
            words.push(Qualifier::About);
        } else if ends(&["近", "逼近"]) {
            words.push(Qualifier::Nearly);
        } else if ends(&["逾", "超", "超过", "超過", "多于", "多於"]) {
            words.push(Qualifier::MoreThan);
        } else if ends(&["不到", "不足", "低于", "低於"]) {
            words.push(Qualifier::LessThan);
        } else if let Some(q) = qualifier_words(before) {
            words.push(q);
        }
        found.extend(words);
    }
    if unit == "%" && (target - 50.0).abs() < 1e-9 {
        let lower = quote.to_lowercase();
        let has = |list: &[&str]| list.iter().any(|w| lower.contains(w));
        if has(&["一半以上", "半数以上", "more than half", "over half"]) {
            found.push(Qualifier::MoreThan);
        } else if has(&["近一半", "近半", "nearly half", "almost half"]) {
            found.push(Qualifier::Nearly);
        } else if has(&["一半", "半数", "半壁江山", "half"]) {
            found.push(Qualifier::About);
        }
    }
    found
}

#[test]
fn a_quotes_words_of_approximation_are_the_figures_qualifier() {
    let db = db();
    let mut checked = 0;
    for i in db.indicators() {
        for cite in &i.sources {
            let Some(quote) = cite.quote.as_deref() else { continue };
            let mut words = quote_qualifiers(quote, i.value, &i.unit);
            if let Some(max) = i.value_max {
                words.extend(quote_qualifiers(quote, max, &i.unit));
            }
            words.dedup();
            if words.is_empty() {
                continue;
            }
            checked += 1;
            assert_ne!(
                i.qualifier,
                Qualifier::Exact,
                "{}: stored as exact but {} says {quote}",
                i.id,
                cite.source
            );
            if words.iter().all(|w| *w == words[0]) {
                assert_eq!(i.qualifier, words[0], "{}: {} says {quote}", i.id, cite.source);
            }
        }
    }
    // The check reads the quotes it is meant for, not none of them.
    assert!(checked > 40, "only {checked} quotes qualify their figure");
    // Ta Kung Pao's "half" is about half, like the same editorial's "about 80 %" and "about 70 %".
    assert_eq!(
        indicator(&db, "ind-share-national-wholesale-2025-10-shuibei-takungpao").qualifier,
        Qualifier::About
    );
    // The helper itself: the words next to the number count, the others do not.
    assert_eq!(
        quote_qualifiers("集聚了近9000家企业", 9000.0, "enterprises"),
        [Qualifier::Nearly]
    );
    assert_eq!(
        quote_qualifiers("年產銷量達750多億元", 75e9, "yuan"),
        [Qualifier::MoreThan]
    );
    assert_eq!(quote_qualifiers("約為每克1240元", 1240.0, "yuan/g"), [Qualifier::About]);
    assert_eq!(quote_qualifiers("逾期本金达2.34亿元", 234e6, "yuan"), []);
    assert_eq!(
        quote_qualifiers("622 yuan (more than 85 U.S. dollars)", 622.0, "yuan/g"),
        []
    );
    assert_eq!(quote_qualifiers("黄金,一半从水贝批发", 50.0, "%"), [Qualifier::About]);
}

#[test]
fn addresses_are_ones_a_reader_can_open_and_listings_are_dated_as_their_sources_allow() {
    let db = db();
    for s in db.sources() {
        let Some(url) = s.url.as_deref() else { continue };
        let host = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or("");
        let note = s.note.as_deref().unwrap_or("");
        // A staging host or a bare IP address is named as such, with the site it belongs to.
        if host.starts_with("staging.") {
            assert!(note.contains("staging host"), "{}: {url}", s.id);
        }
        if host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok()) {
            assert!(note.contains("IP address"), "{}: {url}", s.id);
        }
        // A site's front page (or its language front page, like /en) is not an article.
        let path = url.split("://").nth(1).unwrap_or(url).trim_end_matches('/');
        let last = path.rsplit('/').next().unwrap_or("");
        let front = !path.contains('/') || (last.len() <= 2 && last.chars().all(|c| c.is_ascii_alphabetic()));
        assert!(!front, "{}: {url} is a front page", s.id);
    }
    let listing = |id: &str, code: &str| {
        enterprise(&db, id)
            .listings
            .iter()
            .find(|l| &*l.code == code)
            .map(|l| (l.listed.map(|d| d.to_string()), l.delisted.map(|d| d.to_string())))
            .expect("listing")
    };
    assert_eq!(listing("tellus", "000025").0.as_deref(), Some("1993"));
    assert_eq!(listing("lj-international", "JADE").1.as_deref(), Some("2013-07-30"));
    assert_eq!(listing("jinye", "000587").1.as_deref(), Some("2023"));
    // The day a listing ends is the one its summary explains.
    assert!(
        enterprise(&db, "jinye")
            .summary
            .as_deref()
            .unwrap_or("")
            .contains("so the listing ended in 2023, on a day the sources do not give")
    );
    // Filings and dated reports carry their date and their publisher.
    for id in [
        "src-aijingu-dr-2021",
        "src-feilaiwojia",
        "src-xiumeiju-2023",
        "src-stockstar-aidier-2017",
    ] {
        let s = db.source(id).expect(id);
        assert!(s.date.is_some() && s.publisher.is_some(), "{id}");
    }
    assert!(db.sources().iter().all(|s| s.publisher.is_some()));
}

/// A figure's `related` links both ways: the company's detail lists it under "Figures",
/// the figure's detail lists the company under "Related"; an unknown id is refused.
#[test]
fn a_figure_and_what_it_is_about_link_each_other() {
    let text = r#"{"format":"shuibei/1","cluster":{"name":"t"},
        "enterprises":[{"id":"co","name":"Co"},{"id":"other","name":"Other"}],
        "indicators":[
          {"id":"f1","name":"Co revenue","value":1,"unit":"yuan","as_of":"2024","related":["co"]},
          {"id":"f2","name":"Market size","value":2,"unit":"yuan","as_of":"2024"},
          {"id":"f3","name":"Co stores","value":3,"unit":"stores","as_of":"2023","related":["co","co"]}]}"#;
    let db = shuibei::data::load::load_slice("t.json", text.as_bytes()).unwrap();
    let co = shuibei::data::present::detail(&db, db.record("co").unwrap());
    let figures = co.links.iter().find(|l| l.label == "Figures").expect("a Figures list");
    let ids: Vec<&str> = figures.items.iter().map(|(r, _)| db.id(*r)).collect();
    assert_eq!(ids, ["f1", "f3"], "each once, in dataset order");
    assert!(
        shuibei::data::present::detail(&db, db.record("other").unwrap())
            .links
            .iter()
            .all(|l| l.label != "Figures"),
        "nothing about it, no list"
    );
    let f1 = shuibei::data::present::detail(&db, db.record("f1").unwrap());
    let related = f1.links.iter().find(|l| l.label == "Related").expect("a Related list");
    assert_eq!(db.id(related.items[0].0), "co");
    let bad = text.replace(r#""related":["co"]"#, r#""related":["nobody"]"#);
    let err = shuibei::data::load::load_slice("t.json", bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("indicators[0].related[0]"), "{err}");
    // In the shipped data: 杰我睿's figures, from the investors affected to the sums claimed.
    let db = self::db();
    let jieworui = shuibei::data::present::detail(&db, db.record("jieworui").unwrap());
    let figures = jieworui
        .links
        .iter()
        .find(|l| l.label == "Figures")
        .expect("its figures");
    assert_eq!(figures.items.len(), 6, "{:?}", figures.items);
    assert!(
        figures
            .items
            .iter()
            .all(|(r, _)| db.id(*r).starts_with("ind-jieworui-"))
    );
}
