//! English words as people ask them, against records written in full sentences: a word
//! with an ending the records lack (`collapsed`, `exports`) and a question's words
//! (`number of enterprises`) find what the records say, said on stderr, never read as
//! the query as typed; a word the records hold as typed is searched as typed.

use crate::common;

use common::shuibei;

fn rows(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn ids(rows: &[serde_json::Value]) -> Vec<&str> {
    rows.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn a_word_with_an_ending_the_records_lack_finds_them_by_its_stem() {
    let run = shuibei(&["search", "--json", "collapsed"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = rows(&run.stdout);
    let found_ids = ids(&found);
    for id in ["ev-2025-09-yuebaoxin-collapse", "ev-2026-01-jieworui-protests"] {
        assert!(found_ids.contains(&id), "{id} in {found_ids:?}");
    }
    // Every row holds a word that starts so, and answers the query so read.
    for row in &found {
        assert_eq!(row["as_typed"], true, "{row}");
    }
    assert!(
        run.stderr
            .contains(r#"no record holds "collapsed" word for word; read "collapsed" as "collaps…""#),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("match it so read"), "{}", run.stderr);

    // Another sentence's word: "export-earning".
    let run = shuibei(&["search", "--json", "exports"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        ids(&rows(&run.stdout)).contains(&"ev-1989-05-pillar-industry"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_questions_words_are_left_out_and_said() {
    let run = shuibei(&["search", "--json", "--tab", "indicators", "number of enterprises"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = rows(&run.stdout);
    assert!(!found.is_empty());
    // The counts of enterprises come first: their names say "Enterprises".
    assert!(
        found[0]["id"].as_str().unwrap().starts_with("ind-enterprises-"),
        "{}",
        found[0]
    );
    assert!(run.stderr.contains(r#"left out "of" "number""#), "{}", run.stderr);
    assert!(run.stderr.contains("match what is left as typed"), "{}", run.stderr);
}

#[test]
fn a_word_found_as_typed_is_not_read_otherwise() {
    // "listing" is in the records as typed: nothing is said, nothing is read by a stem
    // (`list…` would find "listed" and "lists" too).
    let run = shuibei(&["search", "--json", "listing"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("read"), "{}", run.stderr);
    // A capital asks for the word as written (smart case): no stem.
    let run = shuibei(&["search", "Collapsed"]);
    assert!(!run.stderr.contains("collaps…"), "{}", run.stderr);
}

#[test]
fn a_stem_is_read_from_a_words_start_never_scattered_or_by_sound() {
    // A name's pinyin with an ending: its stem may only start a word of a text, so 周大生
    // is not read by its pinyin through it; what the typos find is no answer as typed.
    let run = shuibei(&["search", "--json", "zhoudashengs"]);
    assert_eq!(run.code, 1, "a near spelling is no answer: {}", run.stderr);
    for row in rows(&run.stdout) {
        assert_eq!(row["as_typed"], false, "{row}");
    }
}

#[test]
fn export_and_names_answer_alike() {
    let run = shuibei(&[
        "export",
        "--tab",
        "history",
        "--format",
        "jsonl",
        "--query",
        "collapsed",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let exported = rows(&run.stdout);
    assert!(exported.len() >= 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("exporting what matches the words so read as typed"),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "--names", "--json", "crashes"]);
    // Whatever it finds, a row shown under --names answers as typed.
    for row in rows(&run.stdout) {
        assert_eq!(row["as_typed"], true, "{row}");
    }
}

#[test]
fn a_units_word_reads_as_the_unit_figures_are_given_in() {
    // Figures of gold are in `t`: `tons` finds them, and no "trademarks" or "times".
    let run = shuibei(&["search", "--json", "tons"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = rows(&run.stdout);
    assert!(found.len() >= 3, "{}", run.stdout);
    for row in &found {
        assert!(row["label"].as_str().unwrap().contains(" t ("), "{row}");
        assert_eq!(row["as_typed"], true, "{row}");
    }
    // A figure in `t` holds what was asked as typed: nothing to say.
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // `grams` is the unit of prices per gram, and `per` only joins.
    let run = shuibei(&["search", "--json", "--tab", "indicators", "gold price per gram in 2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = rows(&run.stdout);
    assert!(found.len() >= 10, "{}", run.stdout);
    assert!(
        run.stderr.contains(r#"read "in 2026" as date:2026; left out "per""#),
        "{}",
        run.stderr
    );
    let run = shuibei(&[
        "export",
        "--tab",
        "indicators",
        "--format",
        "jsonl",
        "--query",
        "gold price per gram in 2026",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(r#"left out "per""#), "{}", run.stderr);
    // Enterprises have no units: nothing, as before.
    let run = shuibei(&["search", "--tab", "enterprises", "tons"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn a_plural_finds_the_singular_and_joining_words_are_left_out() {
    let run = shuibei(&["search", "--json", "--tab", "indicators", "gold prices in 2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = rows(&run.stdout);
    let found_ids = ids(&found);
    // Named "price" in the singular; "in 2025" is the year's date.
    assert!(
        found_ids.contains(&"ind-gold-price-shuibei-2025-04-21"),
        "{found_ids:?}"
    );
    assert!(found.len() >= 10, "{found_ids:?}");
    assert!(found_ids.iter().all(|id| id.contains("2025")), "{found_ids:?}");
    assert!(run.stderr.contains(r#"read "in 2025" as date:2025"#), "{}", run.stderr);
    // Joining words are left out, and said.
    let run = shuibei(&["search", "--tab", "indicators", "the gold price"]);
    assert!(run.stderr.contains(r#"left out "the""#), "{}", run.stderr);
    // `warnings` finds the events that warn.
    let run = shuibei(&["search", "--json", "warnings"]);
    assert!(
        ids(&rows(&run.stdout)).contains(&"ev-2025-11-shenzhen-gold-risk-warning"),
        "{}",
        run.stdout
    );
    // A joining word alone is searched as typed.
    let run = shuibei(&["search", "the"]);
    assert_eq!(run.code, 0);
    assert!(!run.stderr.contains("left out"), "{}", run.stderr);
}

#[test]
fn a_capital_asks_for_case_and_says_what_small_letters_find() {
    // Smart case: `Collapsed` asks for the word as written and finds nothing; small
    // letters find the records read by the word's stem, which count as answers, so the
    // hint says they match as typed (it said "near spellings").
    let run = shuibei(&["search", "Collapsed dealers"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(r#""collapsed dealers" in small letters finds matches as typed"#),
        "{}",
        run.stderr
    );
}

#[test]
fn a_query_that_finds_nothing_names_the_word_that_finds_nothing() {
    let run = shuibei(&["search", "police arrests"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(r#"of its words, "arrests" matches nothing on its own"#),
        "{}",
        run.stderr
    );
    // Read besides as typed (`collapsed` as `collaps…`), that is said too.
    let run = shuibei(&["search", "--tab", "history", "collapsed hospitals"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(r#"nor so read: read "collapsed" as "collaps…""#),
        "{}",
        run.stderr
    );
}

#[test]
fn a_possessive_finds_its_owner() {
    let run = shuibei(&["search", "--json", "Jieworui's"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = rows(&run.stdout);
    assert!(
        found
            .iter()
            .any(|r| r["id"].as_str().is_some_and(|id| id.contains("jieworui"))),
        "{}",
        run.stdout
    );
}

#[test]
fn a_month_and_a_year_read_as_the_months_date() {
    let run = shuibei(&["search", "--json", "--tab", "history", "january 2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = rows(&run.stdout);
    let found_ids = ids(&found);
    // Dated 31 January, its title naming no month.
    assert!(
        found_ids.contains(&"ev-2026-01-31-luohu-second-notice-jieworui"),
        "{found_ids:?}"
    );
    // Every event is of January 2026, none of February that mentions January.
    assert!(found_ids.iter().all(|id| id.starts_with("ev-2026-01")), "{found_ids:?}");
    assert!(
        run.stderr.contains(r#"read "january 2026" as date:2026-01"#),
        "{}",
        run.stderr
    );
    // A question around it: its joining words left out, as said.
    let run = shuibei(&["search", "--tab", "history", "what happened in January 2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(r#"left out "what" "happened" "in""#),
        "{}",
        run.stderr
    );
    // Where no record has a date (Enterprises), the words are searched as typed.
    let run = shuibei(&["search", "--tab", "enterprises", "january 2026"]);
    assert!(!run.stderr.contains("date:"), "{}", run.stderr);
}

/// A year written the Chinese way, `2024年`, is the year's date, as `year:2024` (a trial
/// found one event for it, six for the field); with a month too, that month; what follows
/// in the word is a word of its own. `in 2025` is the year's date as well: a trial's
/// `what happened in 2025` ranked events of 2026 that look back on it among 2025's.
#[test]
fn a_year_written_in_chinese_or_after_in_is_the_years_date() {
    let found = |query: &str| {
        let run = shuibei(&["search", "--json", "--tab", "history", query]);
        assert_eq!(run.code, 0, "{query}: {}", run.stderr);
        let ids: Vec<String> = ids(&rows(&run.stdout)).into_iter().map(str::to_owned).collect();
        (ids, run.stderr)
    };
    let (by_field, _) = found("year:2024");
    let (chinese, said) = found("2024年");
    assert_eq!(chinese, by_field);
    assert!(said.contains(r#"read "2024年" as date:2024"#), "{said}");
    let (month, said) = found("2025年10月");
    assert!(
        !month.is_empty() && month.iter().all(|id| id.starts_with("ev-2025-10")),
        "{month:?}"
    );
    assert!(said.contains(r#"read "2025年10月" as date:2025-10"#), "{said}");
    let (priced, said) = found("2025年金价");
    assert!(
        !priced.is_empty() && priced.iter().all(|id| id.starts_with("ev-2025")),
        "{priced:?}"
    );
    assert!(said.contains(r#"read "2025年" as date:2025"#), "{said}");
    let (question, said) = found("what happened in 2025");
    let (year, _) = found("year:2025");
    let (mut sorted, mut year_sorted) = (question.clone(), year);
    sorted.sort();
    year_sorted.sort();
    assert_eq!(sorted, year_sorted, "every event of 2025 and none of 2026");
    assert!(said.contains(r#"read "in 2025" as date:2025"#), "{said}");
    // A year alone stays a word: records that mention it are found too.
    let (alone, said) = found("2025");
    assert!(alone.len() > question.len(), "{alone:?}");
    assert!(!said.contains("date:"), "{said}");
}

/// Chinese written without spaces that no record holds together says how it is found
/// written apart (a trial's `黄金税收` found nothing, `黄金 税收` the VAT change); it is
/// still no answer, and exits 1. (3 since the tag gold-price reads 黄金价格 too: the
/// November 2025 "harsh winter" of gold prices and the tax change joins the two VAT events.)
#[test]
fn chinese_without_spaces_says_the_words_apart_that_match() {
    let run = shuibei(&["search", "黄金税收"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains(r#"nothing holds it together; with spaces, "黄金 税收" matches 3"#),
        "{}",
        run.stderr
    );
    let apart = shuibei(&["search", "黄金 税收"]);
    assert_eq!(apart.code, 0, "{}", apart.stderr);
    assert!(apart.stdout.contains("gold-vat-change"), "{}", apart.stdout);
    // Rows that only hold its characters apart say it too (a second trial's `金价新高`
    // heard of the spaces only under --as-typed).
    let loose = shuibei(&["search", "金价新高"]);
    assert_eq!(loose.code, 1, "{}", loose.stderr);
    assert!(loose.stderr.contains("not side by side"), "{}", loose.stderr);
    assert!(
        loose.stderr.contains(r#"with spaces, "金价 新高" matches"#),
        "{}",
        loose.stderr
    );
}

#[test]
fn sources_are_searched_by_their_words_whatever_records_read() {
    // A month and a year, or a unit's word, are words in a source: never a record's
    // `date:` or `unit:` refused as a field sources lack.
    for query in ["january 2026", "tons"] {
        let run = shuibei(&["search", "--tab", "sources", query]);
        assert_ne!(run.code, 2, "{query}: {}", run.stderr);
        assert!(!run.stderr.contains("searches records"), "{query}: {}", run.stderr);
    }
    let run = shuibei(&["search", "--tab", "sources", "january 2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_query_of_only_question_words_says_what_to_add() {
    for query in ["what happened", "how many", "number of events"] {
        let run = shuibei(&["search", query]);
        assert_eq!(run.code, 1, "{query}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("only question words: say what about (a name, a year, gold…)"),
            "{query}: {}",
            run.stderr
        );
    }
    // With what it is about, the question's words are left out and it answers.
    let run = shuibei(&["search", "what happened 2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2025"), "{}", run.stdout);
}

#[test]
fn a_question_nothing_answers_whole_says_which_word_to_leave_out() {
    let run = shuibei(&["search", "who regulates gold trading in shuibei"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(r#"nothing matches them all; without "regulates" "#)
            && run.stderr.contains(r#", without "shuibei" "#),
        "{}",
        run.stderr
    );
    // And so asked, it answers: `regulates` is read from the start of `regulator`.
    let run = shuibei(&["search", "who regulates gold trading in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("shenzhen-local-financial-administration"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(r#"read "regulates" as "regulat…""#),
        "{}",
        run.stderr
    );
}
