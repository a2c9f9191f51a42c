//! Tests of how records read: figures, names, labels.

use super::*;
use crate::data::model::{Capital, Date, Indicator, Qualifier, RegistryStatus};

#[test]
fn counts_are_grouped_by_thousands() {
    for (n, text) in [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (75_410, "75,410"),
        (1_234_567, "1,234,567"),
    ] {
        assert_eq!(count(n), text);
    }
}

fn ind(value: f64, max: Option<f64>, unit: &str, q: Qualifier) -> Indicator {
    Indicator {
        id: "x".into(),
        name: "x".into(),
        name_zh: None,
        metric: None,
        value,
        value_max: max,
        unit: unit.into(),
        qualifier: q,
        as_of: Date::parse("2006").unwrap(),
        scope: None,
        group: None,
        summary: None,
        related: Box::new([]),
        sources: Box::new([]),
    }
}

#[test]
fn capital_reads_in_words_and_in_wan() {
    let cny = |amount: f64| {
        capital(&Capital {
            amount,
            currency: "CNY".into(),
        })
    };
    assert_eq!(cny(1e7), "10 million CNY (1,000万)");
    assert_eq!(cny(3_058_430_395.0), "3.058 billion CNY (305,843.0395万)");
    assert_eq!(cny(5000.0), "5,000 CNY");
    assert_eq!(status(RegistryStatus::Cancelled), "cancelled (注销)");
}

#[test]
fn numbers_are_grouped() {
    assert_eq!(number(566_300.0), "566,300");
    assert_eq!(number(62.7), "62.7");
    assert_eq!(number(10.0), "10");
    assert_eq!(number(1_234_567.5), "1,234,567.5");
    assert_eq!(number(-1300.0), "-1,300");
    assert_eq!(number(f64::MAX), "1.7976931348623157e308");
    assert_eq!(number(5e-324), "5e-324");
    assert_eq!(number(0.0), "0");
}

#[test]
fn a_change_in_percent_is_signed_and_told_from_a_share() {
    let named = |name: &str, value: f64| Indicator {
        name: name.into(),
        ..ind(value, None, "%", Qualifier::Exact)
    };
    let rise = named("Change in gold-related criminal cases (Q1 2025)", 23.0);
    assert!(is_change(&rise));
    assert_eq!(figure(&rise), "+23 %");
    let fall = named("Change in Shuibei shops' turnover", -50.0);
    assert_eq!(figure(&fall), "-50 %");
    assert!(is_change(&named("One-day fall of its shares", -57.18)));
    let share = named("Share of private enterprises", 62.7);
    assert!(!is_change(&share), "rise inside enterprises is no word");
    assert_eq!(figure(&share), "62.7 %");
    assert!(is_rate(&named("Annual return promised on its products", 8.0)));
    assert!(!is_rate(&share));
}

#[test]
fn figures_read_as_a_person_writes_them() {
    assert_eq!(
        figure(&ind(1300.0, None, "enterprises", Qualifier::MoreThan)),
        "more than 1,300 enterprises"
    );
    assert_eq!(figure(&ind(60.0, Some(70.0), "%", Qualifier::Exact)), "60–70 %");
    assert_eq!(figure(&ind(5e10, None, "yuan", Qualifier::Exact)), "50 billion yuan");
    assert_eq!(figure(&ind(566_300.0, None, "m²", Qualifier::Exact)), "566,300 m²");
    assert_eq!(figure(&ind(50.0, None, "%", Qualifier::About)), "about 50 %");
    assert_eq!(figure(&ind(62.7, None, "%", Qualifier::Exact)), "62.7 %");
    assert_eq!(
        figure(&ind(1.292e9, None, "HK$", Qualifier::About)),
        "about HK$1.292 billion"
    );
    assert_eq!(figure(&ind(7.06e8, None, "yuan", Qualifier::Exact)), "706 million yuan");
    assert_eq!(
        figure(&ind(1e11, Some(1.2e11), "yuan", Qualifier::Exact)),
        "100–120 billion yuan"
    );
}

#[test]
fn a_time_of_day_is_read_from_a_name() {
    assert_eq!(
        time_of_day("Shuibei gold price (3 February 2026, 14:30)"),
        Some("14:30")
    );
    assert_eq!(time_of_day("at 9:05 am"), Some("9:05 am"));
    assert_eq!(time_of_day("2:30PM, then"), Some("2:30PM"));
    assert_eq!(time_of_day("at 9:05 amber"), Some("9:05"));
    assert_eq!(time_of_day("金价 18:30 报价"), Some("18:30"));
    for text in [
        "ratio 123:45",
        "25:00",
        "14:3",
        "14:305",
        "1:2:34",
        "no time",
        "12:60",
        "",
    ] {
        assert_eq!(time_of_day(text), None, "{text}");
    }
}

#[test]
fn a_publisher_line_names_its_outlet_before_its_asides() {
    for (line, outlet) in [
        (
            "Central News Agency (中央社, 張淑伶), reprinted on Yahoo News Taiwan",
            "Central News Agency",
        ),
        (
            "Central News Agency (中央社), reprinted on Yahoo News Taiwan",
            "Central News Agency",
        ),
        ("南方日报 / 南方+ (nfnews.com)", "南方日报"),
        ("搜狐财经, summarised in English on reportify.ai", "搜狐财经"),
        (
            "Luohu District (罗湖区); copy on m.shenkexin.com, an unrelated site",
            "Luohu District",
        ),
        ("Sina Finance", "Sina Finance"),
        (
            "U.S. Securities and Exchange Commission (EDGAR)",
            "U.S. Securities and Exchange Commission",
        ),
        ("(untitled wire)", "(untitled wire)"),
        ("", ""),
    ] {
        assert_eq!(super::outlet(line), outlet, "{line}");
    }
}
