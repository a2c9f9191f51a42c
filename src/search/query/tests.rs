//! The parser's unit tests: modes, `|`, notices, fields per tab, case, narrowing.

use super::*;

fn parse(text: &str) -> Query {
    Query::parse(text, Scope::One(RecordKind::Enterprise))
}

#[test]
fn modifiers_set_the_mode() {
    let q = parse("gold 'exact ^pre suf$ ^whole$ !not");
    let modes: Vec<(Mode, bool, &str)> = q
        .clauses
        .iter()
        .map(|c| {
            (
                c.alternatives[0].mode,
                c.alternatives[0].negated,
                c.alternatives[0].text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        modes,
        [
            (Mode::Fuzzy, false, "gold"),
            (Mode::Exact, false, "exact"),
            (Mode::Prefix, false, "pre"),
            (Mode::Suffix, false, "suf"),
            (Mode::Whole, false, "whole"),
            (Mode::Fuzzy, true, "not"),
        ]
    );
    assert!(q.notice.is_none());
}

#[test]
fn bars_join_alternatives() {
    let q = parse("gold | silver");
    assert_eq!(q.clauses.len(), 1);
    assert_eq!(q.clauses[0].alternatives.len(), 2);
    assert!(parse("gold |").notice.is_some());
    assert!(parse("| gold").notice.is_some());
    assert!(parse("gold | | silver").notice.is_some());
}

/// The journalist's `tag:policy year:2025 | tag:policy year:2026` is either whole
/// side: the shared term once, and the years as alternatives.
#[test]
fn bars_stand_between_whole_clauses() {
    let shape = |text: &str| -> Vec<Vec<String>> {
        parse(text)
            .clauses
            .iter()
            .map(|c| c.alternatives.iter().map(|t| t.raw.clone()).collect())
            .collect()
    };
    assert_eq!(
        shape("tag:policy year:2025 | tag:policy year:2026"),
        [vec!["policy"], vec!["2025", "2026"]]
    );
    // (a and b) or c: (a or c) and (b or c).
    assert_eq!(
        shape("gold jade | silver"),
        [vec!["gold", "silver"], vec!["jade", "silver"]]
    );
    assert_eq!(shape("gold | silver | jade"), [vec!["gold", "silver", "jade"]]);
    // A bar inside a word: either value of that word only, the field kept for each.
    assert_eq!(
        shape("segment:gold|silver jade"),
        [vec!["gold", "silver"], vec!["jade"]]
    );
    let q = parse("segment:gold|silver");
    assert!(q.clauses[0].alternatives.iter().all(|t| t.field.is_some()));
    assert_eq!(shape("gold|"), [vec!["gold"]]);
    assert_eq!(shape("!gold|silver").len(), 1, "an exclusion is left as written");
    let long = "a b c d e f g h | i j k l m n o p | q r s t u v w x";
    let q = parse(long);
    assert!(q.clauses.len() <= 64);
    assert!(q.notice.unwrap().contains("sides of `|`"));
}

#[test]
fn malformed_parts_are_left_out_with_a_notice() {
    let q = parse("gold !");
    assert_eq!(q.clauses.len(), 1);
    assert!(q.notice.unwrap().contains("lone `!`"));
    let q = parse("ownersip:private gold");
    assert_eq!(q.clauses.len(), 1);
    let notice = q.notice.unwrap();
    assert!(notice.contains("unknown field `ownersip:`"), "{notice}");
    assert!(notice.contains("did you mean `ownership:`"), "{notice}");
    assert!(notice.contains("segment"), "{notice}");
    assert!(parse("kind:").notice.unwrap().contains("association"));
    assert!(parse("http://x 10:30").notice.is_none());
}

#[test]
fn fields_are_per_tab() {
    assert!(
        Query::parse("ownership:private", Scope::One(RecordKind::Brand))
            .notice
            .is_some()
    );
    assert!(Query::parse("ownership:private", Scope::All).notice.is_none());
}

/// A field of a few fixed values says which when the word can be none of them; a piece
/// of one (`kind:trading`, `reliability:LOW`, `ownership:state`) is a value.
#[test]
fn a_value_no_fixed_value_can_be_is_said() {
    let q = parse("kind:foo gold");
    assert_eq!(q.clauses.len(), 1);
    let notice = q.notice.unwrap();
    assert!(
        notice.contains("`kind:` is one of company, association, trading-center"),
        "{notice}"
    );
    assert!(notice.contains("none is \"foo\""), "{notice}");
    for fine in [
        "kind:trading",
        "kind:'company",
        "ownership:state",
        "!kind:assoc",
        "gold",
    ] {
        assert!(parse(fine).notice.is_none(), "{fine}: {:?}", parse(fine).notice);
    }
    let sources = Query::parse("reliability:LOW", Scope::All);
    assert!(sources.notice.is_none(), "{:?}", sources.notice);
    assert!(Query::parse("reliability:great", Scope::All).notice.is_some());
}

/// The screens say "Honour": `honour:` is `honor:`, not an unknown field.
#[test]
fn honour_is_spelt_either_way() {
    let brands = Scope::One(RecordKind::Brand);
    let british = Query::parse("honour:驰名商标", brands);
    assert!(british.notice.is_none(), "{:?}", british.notice);
    assert_eq!(british.clauses.len(), 1);
    assert_eq!(
        format!("{:?}", british.clauses),
        format!("{:?}", Query::parse("honor:驰名商标", brands).clauses)
    );
    // An indicator's detail says "Series": `series:` is `metric:` there (a trial's guess).
    let indicators = Scope::One(RecordKind::Indicator);
    let series = Query::parse("series:enterprise-count", indicators);
    assert!(series.notice.is_none(), "{:?}", series.notice);
    assert_eq!(
        format!("{:?}", series.clauses),
        format!("{:?}", Query::parse("metric:enterprise-count", indicators).clauses)
    );
}

#[test]
fn smart_case_and_width_fold_terms() {
    // Values of keyword fields ignore case: `reliability:LOW` as the screen shows it.
    // A term in capitals only ignores case (`ＡＢＣ`, `ZDS`): names pasted from filings.
    let q = parse("ＡＢＣ Ａbc abc Zürich zürich reliability:LOW kind:Company name:ZDS");
    let t: Vec<(&str, Case)> = q
        .clauses
        .iter()
        .map(|c| (c.alternatives[0].text.as_str(), c.alternatives[0].case))
        .collect();
    assert_eq!(
        t,
        [
            ("abc", Case::Insensitive),
            ("Abc", Case::Sensitive),
            ("abc", Case::Insensitive),
            ("Zürich", Case::Sensitive),
            ("zurich", Case::Insensitive),
            ("low", Case::Insensitive),
            ("company", Case::Insensitive),
            ("zds", Case::Insensitive),
        ]
    );
}

#[test]
fn extending_a_query_narrows_it() {
    let narrows = |old: &str, new: &str| parse(new).narrows(&parse(old));
    assert!(narrows("", "z"));
    assert!(narrows("zh", "zho"));
    assert!(narrows("zhou", "zhou d"));
    assert!(narrows("gold", "goldE"));
    assert!(narrows("^gol", "^gold$"));
    assert!(narrows("a | b", "a | bc"));
    assert!(!narrows("!sil", "!silv"));
    assert!(narrows("gold", "gold |"));
    assert!(!narrows("gold |", "gold | s"));
    assert!(!narrows("a |", "a | b"));
    assert!(!narrows("owner", "ownership:"));
    assert!(!narrows("gol$", "gold$"));
}
