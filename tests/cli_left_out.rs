//! What the command line says when rows exist but a flag, a tab or the sources' lack of
//! fields keeps them out: what was left out and why, and what to type instead; never
//! "nothing matches" when a search without the flag finds rows. Each statement is checked
//! against the command it points to.

use crate::common;

use common::shuibei;

/// The number in `text` right after `before` ("left out 4 records": 4).
fn count_after(text: &str, before: &str) -> usize {
    let at = text.find(before).unwrap_or_else(|| panic!("{before:?} in {text}")) + before.len();
    text[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a number after {before:?} in {text}"))
}

#[test]
fn names_says_which_records_mention_it_elsewhere_and_how_to_see_them() {
    // 谢瑞麟 (Tse Sui Luen) stands only in a summary; no record is named so.
    let run = shuibei(&["search", "--names", "谢瑞麟"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "shuibei: no record's name holds \"谢瑞麟\"; --names left out 1 record that mentions it in its summary: drop --names to see it\n"
    );
    // Dropping --names shows it, holding it in its summary.
    let (rows, all) = common::search_json(&["谢瑞麟"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(rows.len(), 1, "{}", all.stdout);
    assert!(
        rows.iter().all(|r| common::text(r, "why").contains("summary")),
        "{}",
        all.stdout
    );
}

#[test]
fn as_typed_says_it_left_out_near_matches_and_negated_ones() {
    // DR holds "shuibei" only where its tie to Shuibei "is not stated".
    let run = shuibei(&["search", "--as-typed", "chinext shuibei"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "shuibei: nothing matches \"chinext shuibei\" as typed; --as-typed left out 1 record that holds its words only in a clause that negates it: drop --as-typed to see it\n"
    );
    let (rows, _) = common::search_json(&["chinext shuibei"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["negated"], true);

    // 杰我瑞 only sounds like 杰我睿: every row found is no match as typed.
    let run = shuibei(&["search", "--as-typed", "杰我瑞"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("nothing matches \"杰我瑞\"\n"), "{}", run.stderr);
    let n = count_after(&run.stderr, "--as-typed left out ");
    assert!(
        run.stderr
            .contains("only come near it (near spellings, sound-alikes, or its parts apart): drop --as-typed"),
        "{}",
        run.stderr
    );
    let (rows, _) = common::search_json(&["杰我瑞"]);
    assert_eq!(rows.len(), n, "the count is the rows shown without --as-typed");
    assert!(rows.iter().all(|r| r["as_typed"] == false));
}

#[test]
fn nothing_matches_is_said_only_when_nothing_was_found() {
    let run = shuibei(&["search", "--names", "zzqqxx"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "shuibei: nothing matches \"zzqqxx\"\n");
    // No record mentions 跑路 anywhere: "no record matches" is true, and only sources do.
    let run = shuibei(&["search", "--names", "跑路"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("shuibei: no record matches \"跑路\", but 2 sources match it"),
        "{}",
        run.stderr
    );
}

#[test]
fn exact_name_counts_the_records_holding_its_words() {
    let run = shuibei(&["search", "--exact-name", "谢瑞麟"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .ends_with("; 1 record holds its words: `shuibei search 谢瑞麟` lists it\n"),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "--exact-name", "zzqqxx"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.ends_with(", and a search for it finds nothing\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("lists the records"), "{}", run.stderr);
}

#[test]
fn a_tab_that_holds_nothing_says_so_of_that_tab_and_counts_the_others() {
    let run = shuibei(&["search", "bao lei", "--tab", "brands"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("shuibei: no brand matches \"bao lei\"\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("nothing matches"), "{}", run.stderr);
    assert!(!run.stderr.contains("no record matches"), "{}", run.stderr);
    // "lei matches nothing on its own" holds of the brands, and says so.
    assert!(
        run.stderr
            .contains("shuibei: of its words, \"lei\" matches nothing on its own (in --tab brands)\n"),
        "{}",
        run.stderr
    );
    assert_eq!(shuibei(&["search", "lei", "--tab", "brands", "--as-typed"]).code, 1);
    // The other tabs' records, counted as `--as-typed` would list them.
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("of other tabs"))
        .unwrap_or_else(|| panic!("a line on the other tabs in {}", run.stderr));
    let n = count_after(line, "shuibei: ");
    let line = format!("{n} records of other tabs than brands match \"bao lei\" as typed; leave --tab out to see them");
    assert!(run.stderr.contains(&line), "{}", run.stderr);
    let all = shuibei(&["search", "bao lei", "--as-typed"]);
    assert_eq!(all.code, 0);
    assert_eq!(all.stdout.lines().count(), n, "{}", all.stdout);
}

#[test]
fn a_date_for_the_sources_says_what_works_instead() {
    for (query, plain) in [("date:2025-10", "2025-10"), ("year:2025", "2025")] {
        let run = shuibei(&["search", query, "--tab", "sources"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        let field = &query[..=query.find(':').unwrap()];
        let head = format!(
            "shuibei: query {query:?}: `{field}` searches records, not sources; a source's date is one of its words: `shuibei search {plain} --tab sources` finds the "
        );
        assert!(run.stderr.starts_with(&head), "{}", run.stderr);
        assert!(
            run.stderr
                .ends_with(" sources that hold it, or drop --tab sources to search the records, which have it\n"),
            "{}",
            run.stderr
        );
        // The command it gives finds as many sources as it says.
        let n = count_after(&run.stderr, "finds the ");
        let found = shuibei(&["search", plain, "--tab", "sources", "--as-typed"]);
        assert_eq!(found.code, 0, "{}", found.stderr);
        assert_eq!(found.stdout.lines().count(), n, "{plain}");
        // And so does the other way out.
        assert_eq!(shuibei(&["search", query, "--as-typed"]).code, 0, "{query} in records");
    }
    // A range is no word of a source: only the records' tabs are offered.
    let run = shuibei(&["search", "date:2025-10..2026-03", "--tab", "sources"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .ends_with("; drop --tab sources to search the records, which have it\n"),
        "{}",
        run.stderr
    );
    let run = shuibei(&["export", "--tab", "sources", "--query", "date:2025-10"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("a source's date is one of its words: --query 2025-10 finds the 15 sources that hold it, or export a tab of records"),
        "{}",
        run.stderr
    );
    let export = shuibei(&["export", "--tab", "sources", "--query", "2025-10", "--format", "jsonl"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert_eq!(export.stdout.lines().count(), 15);
}

#[test]
fn an_output_name_without_a_format_asks_for_one() {
    let run = shuibei(&["export", "--tab", "history", "--output", "/dev/full"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "shuibei: cannot tell the format from the name /dev/full (a device, pipe or socket, not a file with an extension); add --format csv, json, jsonl or xlsx\n"
    );
    // With a format, the device's own error, as the README says; no space to free there.
    let run = shuibei(&["export", "--tab", "history", "--output", "/dev/full", "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no space left on device"), "{}", run.stderr);
    assert!(run.stderr.ends_with("choose another --output\n"), "{}", run.stderr);
    assert!(!run.stderr.contains("free some space"), "{}", run.stderr);
    // A file to be made: the format, or an extension that names one.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history");
    let run = shuibei(&["export", "--tab", "history", "--output", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.ends_with(
            "(it has no extension); add --format csv, json, jsonl or xlsx, or end the name in .csv, .json, .jsonl or .xlsx\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!path.exists());
}

#[test]
fn the_help_says_what_each_command_does() {
    let top = shuibei(&["--help"]);
    assert_eq!(top.code, 0);
    // `validate` checks a file; it runs no query.
    assert!(
        !top.stdout.contains("`show`, `validate` and `export`"),
        "{}",
        top.stdout
    );
    assert!(
        top.stdout.contains("`validate` checks a dataset file"),
        "{}",
        top.stdout
    );
    let search = shuibei(&["search", "--help"]);
    // Read as one line: the help wraps at the terminal's width.
    let words = search.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("or the sources with --tab sources"), "{}", search.stdout);
    assert!(
        !search.stdout.contains("Fuzzy-search records by name"),
        "{}",
        search.stdout
    );
    // The flags every command takes come after the command's own.
    let export = shuibei(&["export", "--help"]);
    let own = export.stdout.find("--tab <TAB>").unwrap();
    let global = export.stdout.find("Global options:").expect("a heading");
    assert!(
        own < global && global < export.stdout.find("--data <FILE>").unwrap(),
        "{}",
        export.stdout
    );
    let words = export.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(".csv, .json, .jsonl or .xlsx"), "{}", export.stdout);
    let completions = shuibei(&["completions", "--help"]);
    assert!(
        completions.stdout.contains("The shell to complete for"),
        "{}",
        completions.stdout
    );
}
