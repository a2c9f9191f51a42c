//! The parser's unit tests: modes, `|`, notices, fields per tab, case, narrowing.

use super::*;
use crate::search::fold::Case;

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
    // Too many combinations to search as clauses: the sides are searched one by one
    // (`sides`), all of them, and nothing is said.
    let long = "a b c d e f g h | i j k l m n o p | q r s t u v w x";
    let q = parse(long);
    assert!(q.clauses.len() <= 64);
    assert_eq!(q.sides.len(), 3);
    assert!(q.notice.is_none());
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

/// `chow-tai-fook`, as ids and addresses write a name, is its words; a hyphen that is
/// part of what is searched (a field's value, an exact term, digits, a leading `-`) stays.
#[test]
fn hyphenated_words_are_their_words() {
    let texts = |q: &Query| -> Vec<String> { q.clauses.iter().map(|c| c.alternatives[0].text.clone()).collect() };
    assert_eq!(texts(&parse("chow-tai-fook")), ["chow", "tai", "fook"]);
    assert_eq!(texts(&parse("chow_tai gold")), ["chow", "tai", "gold"]);
    // Typing on: a trailing hyphen is no term of its own.
    assert_eq!(texts(&parse("chow-")), ["chow"]);
    for kept in [
        "id:chow-tai-fook",
        "'k-gold",
        "covid-19",
        "2024-10-21",
        "-silver",
        "^k-gold",
    ] {
        let q = parse(kept);
        assert_eq!(q.clauses.len(), 1, "{kept}");
        assert!(q.clauses[0].alternatives[0].raw.contains('-'), "{kept}");
    }
    // The query as typed is still what an id is looked up by, width folded.
    assert_eq!(parse("chow-tai-fook").id.as_deref(), Some("chow-tai-fook"));
    assert_eq!(parse("chow－tai").id.as_deref(), Some("chow-tai"));
    // One term for one word: an exclusion looks for the words as written; a side of a
    // bar inside a word reads them as fuzzy runs; a field's values keep their hyphens.
    assert_eq!(texts(&parse("!chow-tai-fook")), ["chow tai fook"]);
    let q = parse("chow-tai|luk-fook");
    let sides: Vec<&str> = q.clauses[0].alternatives.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(sides, ["chowtai", "lukfook"]);
    let q = parse("ownership:private|state-owned");
    assert_eq!(q.clauses[0].alternatives[1].text, "state-owned");
    // A filter as the list's title writes it is the field's term; an en dash is a range.
    let q = parse("ownership=private");
    assert!(q.clauses[0].alternatives[0].field.is_some());
    assert_eq!(q.clauses[0].alternatives[0].text, "private");
    assert_eq!(parse("founded=1998").clauses.len(), 1);
    // A value no date can have is said, not matched against nothing.
    assert!(
        parse("founded=x")
            .notice
            .is_some_and(|n| n.contains("`x` is not a date"))
    );
    let q = parse("!ownership=private");
    assert!(q.clauses[0].alternatives[0].negated && q.clauses[0].alternatives[0].field.is_some());
    let q = parse("ownership=private|state-owned");
    assert_eq!(q.clauses[0].alternatives[1].text, "state-owned");
    // Either spelling inside a bar too.
    assert_eq!(parse("jewelry|platinum").clauses[0].alternatives.len(), 3);
    assert_eq!(parse("year:2024\u{2013}2026").clauses[0].alternatives.len(), 3);
    assert!(parse("year:2024\u{2013}2026").notice.is_none());
}

/// A registered name (`… Limited`, `…有限公司`) that finds nothing as typed is tried
/// without its company form, and the notice says what was left out.
#[test]
fn company_forms_are_left_out_only_when_trying_again() {
    let q = parse("Chow Tai Fook Group Co., Ltd.");
    assert_eq!(q.clauses.len(), 6, "as typed, every word counts");
    assert!(q.notice.is_none());
    let t = q.tolerant().expect("a second try");
    let raws: Vec<&str> = t.clauses.iter().map(|c| c.alternatives[0].raw.as_str()).collect();
    assert_eq!(raws, ["Chow", "Tai", "Fook", "Group"]);
    assert_eq!(t.notice.as_deref(), Some(r#"left out "Co.," "Ltd.""#));
    let t = parse("深圳市金雅福控股集团有限公司").tolerant().expect("a second try");
    assert_eq!(t.clauses[0].alternatives[0].text, "金雅福控股集团");
    assert_eq!(t.notice.as_deref(), Some(r#"read as "金雅福控股集团""#));
    // Traditional characters are shortened in their simplified form.
    let t = parse("深圳市金雅福控股集團有限公司").tolerant().expect("a second try");
    assert_eq!(t.clauses[0].alternatives[0].text, "金雅福控股集团");
    assert!(t.shortened);
    // No plain word would be left: searched as it is (`!zzzz` alone matches nearly all).
    for kept in ["Limited !zzzz", "Inc. segment:gold"] {
        assert!(parse(kept).tolerant().is_none_or(|t| !t.shortened), "{kept}");
    }
    // A form alone, or excluded, or in a field, is searched as it is.
    assert!(
        parse("limited")
            .tolerant()
            .is_none_or(|t| t.clauses.len() == 1 && t.notice.is_none())
    );
    for kept in ["gold !ltd", "gold name:limited", "gold 'co"] {
        let t = parse(kept).tolerant();
        assert!(t.is_none_or(|t| t.clauses.len() == 2 && t.notice.is_none()), "{kept}");
    }
}

/// Quotes hold words together as one term, in a field or not; a `:` or `|` inside them
/// is text; an open quote is said (and read to the end, for the explorer).
#[test]
fn quotes_hold_a_phrase_together() {
    let one = |text: &str| -> (String, bool) {
        let q = Query::parse(text, Scope::All);
        assert_eq!(q.clauses.len(), 1, "{text}");
        let t = &q.clauses[0].alternatives[0];
        (t.raw.clone(), t.field.is_some())
    };
    assert_eq!(one("source:\"united daily news\""), ("united daily news".into(), true));
    assert_eq!(one("\"united  daily\""), ("united daily".into(), false));
    assert_eq!(one("\u{201c}united daily\u{201d}"), ("united daily".into(), false));
    assert_eq!(one("＂united daily＂"), ("united daily".into(), false));
    assert_eq!(one("\"gold: the rush\""), ("gold: the rush".into(), false));
    assert_eq!(one("\"gold | silver\""), ("gold | silver".into(), false));
    // Chinese marks no words with spaces; one quoted word is that word.
    assert_eq!(one("\"周大生 珠宝\""), ("周大生珠宝".into(), false));
    assert_eq!(one("name:\"gold\""), ("gold".into(), true));
    let q = Query::parse("\"united daily\" gold", Scope::All);
    assert!(q.notice.is_none());
    let phrase = &q.clauses[0].alternatives[0];
    // As written: no typos, no sound-alikes, not run into the other words.
    assert!(phrase.phrase() && !phrase.tolerant() && phrase.spelled.is_none());
    assert!(q.joined.is_none());
    let q = Query::parse("!\"chow tai\" gold", Scope::All);
    assert!(q.clauses[0].alternatives[0].negated && q.clauses[0].alternatives[0].raw == "chow tai");
    let q = Query::parse("gold source:\"united daily", Scope::All);
    assert_eq!(
        q.notice.as_deref(),
        Some("a phrase in quotes needs a closing `\"`: `source:\"united daily\"`")
    );
    assert_eq!(q.clauses.len(), 2);
    assert_eq!(q.clauses[1].alternatives[0].raw, "united daily");
}

/// `date:A..B` is the alternatives of the range, each scoped to the tabs with a date;
/// `founded:` on enterprises; a value no date can have is a notice.
#[test]
fn a_date_range_is_its_years_months_and_days() {
    let q = Query::parse("date:2025-10..2026-03", Scope::All);
    assert!(q.notice.is_none());
    assert_eq!(q.clauses.len(), 1);
    let alternatives = &q.clauses[0].alternatives;
    let shown: Vec<(Mode, &str)> = alternatives.iter().map(|t| (t.mode, t.raw.as_str())).collect();
    assert_eq!(
        shown,
        [
            (Mode::Prefix, "2025-1"),
            (Mode::Prefix, "2026-01"),
            (Mode::Prefix, "2026-02"),
            (Mode::Prefix, "2026-03"),
            (Mode::Whole, "2025"),
            (Mode::Whole, "2026")
        ]
    );
    let fields_of = |t: &Term| RecordKind::ALL.map(|k| t.field.unwrap()[kind_slot(k)].map(|s| s.field));
    assert_eq!(
        fields_of(&alternatives[0]),
        [Some(Field::Date), None, None, Some(Field::Date)]
    );
    // Whole years are the record's year (`year:` reads no label).
    let q = Query::parse("date:..2024", Scope::All);
    assert!(q.clauses[0].alternatives.iter().all(|t| t.mode == Mode::Prefix));
    assert_eq!(
        fields_of(&q.clauses[0].alternatives[0]),
        [Some(Field::Year), None, None, Some(Field::Year)]
    );
    let q = parse("founded:1990..1999-06");
    assert!(q.notice.is_none());
    assert_eq!(
        fields_of(&q.clauses[0].alternatives[0]),
        [None, Some(Field::Year), None, None]
    );
    // Dates as typed stay as they were: the start of a date, matched as text.
    let q = Query::parse("date:2025-1", Scope::All);
    assert!(q.notice.is_none());
    assert_eq!(
        (
            q.clauses[0].alternatives[0].mode,
            q.clauses[0].alternatives[0].raw.as_str()
        ),
        (Mode::Fuzzy, "2025-1")
    );
    for bad in [
        "date:2025-13",
        "date:2026..2025",
        "date:soon",
        "DATE:2025-02-30",
        "!date:2025..2026",
        "date:\"2025 10\"",
    ] {
        let q = Query::parse(bad, Scope::All);
        assert!(q.clauses.is_empty(), "{bad}");
        assert!(
            q.notice.as_deref().is_some_and(|n| n.contains("date")),
            "{bad}: {:?}",
            q.notice
        );
    }
    // A tab without the field says so, as for any field.
    assert!(
        parse("date:2025..2026")
            .notice
            .unwrap()
            .starts_with("unknown field `date:`")
    );
}

/// Tried again, a word with an English ending is also read by its stem, from a word's
/// start only and never by pinyin or typos; a question's words are left out; a company
/// form, a capitalised word or a word in a phrase keeps its own reading.
#[test]
fn a_second_try_reads_endings_by_their_stems_and_leaves_a_questions_words_out() {
    let t = parse("number of collapsed platforms").tolerant().expect("a second try");
    let clauses: Vec<Vec<(&str, Word)>> = t
        .clauses
        .iter()
        .map(|c| c.alternatives.iter().map(|a| (a.raw.as_str(), a.word)).collect())
        .collect();
    // `of` only joins the others, left out as typed; `platforms` is read as
    // `platform…` as typed too (a plural).
    assert_eq!(parse("number of collapsed platforms").dropped, ["of"]);
    assert_eq!(
        clauses,
        [
            vec![("collapsed", Word::Free), ("collaps", Word::Start)],
            vec![("platforms", Word::Free), ("platform", Word::Start)],
        ]
    );
    assert_eq!(
        t.notice.as_deref(),
        Some(r#"left out "of" "number"; read "collapsed" as "collaps…""#)
    );
    assert!(t.shortened);
    assert!(Query::notice_leaves_words_out(t.notice.as_deref().unwrap_or_default()));
    let stem = &t.clauses[0].alternatives[1];
    assert!(stem.pinyin.is_none() && stem.spelled.is_none() && stem.budget == 0);

    let t = parse("collapsed").tolerant().expect("a second try");
    assert!(!Query::notice_leaves_words_out(t.notice.as_deref().unwrap_or_default()));
    // Only a question's words: nothing would be left, so the query stays as it is.
    assert!(parse("how many").tolerant().is_none_or(|t| !t.shortened));
    for kept in [
        "Collapsed",
        "\"collapsed platforms\"",
        "limited gold",
        "!collapsed gold",
    ] {
        let t = parse(kept).tolerant();
        assert!(
            t.is_none_or(|t| t
                .clauses
                .iter()
                .all(|c| c.alternatives.iter().all(|a| a.word == Word::Free))),
            "{kept}"
        );
    }
    // Company forms alone decide whether a query found apart is tried again.
    assert!(!parse("collapsed platforms").leaves_out_company_forms());
    assert!(parse("chow tai fook limited").leaves_out_company_forms());
}

/// A stem stands only where a word starts, in a name as in a field: `list` (of
/// `listed`) is not l-i-s-t scattered over "Lishi Tang".
#[test]
fn a_stem_starts_a_word_of_a_name() {
    let t = parse("listed").tolerant().expect("a second try");
    let stem = &t.clauses[0].alternatives[1];
    let mut b = super::super::text::Bufs::default();
    assert!(super::super::text::text_score(stem, "Lishi Tang Jewelry", &mut b).is_none());
    assert!(super::super::text::text_score(stem, "Listed jewelers of Luohu", &mut b).is_some());
    assert!(super::super::text::text_score(stem, "The listing", &mut b).is_some());
}

#[test]
fn a_figure_with_its_percent_sign_is_the_figure_and_the_sign() {
    let texts = |q: &Query| -> Vec<(String, bool)> {
        q.clauses
            .iter()
            .map(|c| (c.alternatives[0].text.clone(), c.alternatives[0].number))
            .collect()
    };
    let typed = parse("50%");
    assert_eq!(texts(&typed), texts(&parse("50 %")));
    assert_eq!(texts(&typed), [("50".to_owned(), true), ("%".to_owned(), false)]);
    // The fullwidth sign, a decimal and a field's figure too.
    assert_eq!(texts(&parse("50％")), texts(&typed));
    assert_eq!(texts(&parse("2.5%"))[0], ("2.5".to_owned(), true));
    let value = Query::parse("value:50%", Scope::One(RecordKind::Indicator));
    assert_eq!(texts(&value), [("50".to_owned(), true), ("%".to_owned(), false)]);
    // Not a word with a sign, an exclusion, or a phrase.
    assert_eq!(parse("abc%").clauses.len(), 1);
    assert_eq!(parse("!50%").clauses.len(), 1);
    assert_eq!(parse("\"50%\"").clauses.len(), 1);
}

/// The sides of a spaced `|` are kept as text, each to be searched alone (`sides`);
/// a `|` inside a word or in quotes splits no side.
#[test]
fn sides_are_the_text_between_spaced_bars() {
    assert_eq!(
        parse("Chow Tai Fook Jewellery Group Limited | 六福集团（国际）有限公司 |  gold").sides,
        [
            "Chow Tai Fook Jewellery Group Limited".into(),
            "六福集团(国际)有限公司".into(),
            "gold".into()
        ]
    );
    assert!(parse("gold|silver").sides.is_empty());
    assert!(parse("gold jade").sides.is_empty());
    assert!(parse(r#""gold | silver" jade"#).sides.is_empty());
    assert_eq!(parse(r#"source:"united daily" | jade"#).sides.len(), 2);
}

/// Registered names with `|` between and no spaces are one clause of alternatives: with
/// their forms left out, each is kept (only the last of two was, and a screen lost its
/// first name).
#[test]
fn each_registered_name_of_a_clause_is_shortened() {
    let t = parse("深圳市金雅福控股集团有限公司|六福集团有限公司|周大生")
        .tolerant()
        .expect("a second try");
    let texts: Vec<&str> = t.clauses[0].alternatives.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["金雅福控股集团", "六福集团", "周大生"]);
    assert!(t.shortened);
}
