//! Every malformed input gives its own clear message, placed in the file, and exit 2;
//! nothing panics. Driven through the real binary, as a user meets it.

use crate::common;

use common::{fixture, shuibei};

/// (fixture, what the message must say). Each line is checked against the first
/// line of stderr and the detail lines together.
const CASES: &[(&str, &[&str])] = &[
    ("bad/empty.json", &["the file is empty"]),
    ("bad/whitespace.json", &["the file is empty"]),
    (
        "bad/truncated.json",
        &["truncated.json:13:60:", "the file ends too early (truncated?)"],
    ),
    (
        // The end of the file just after a newline: column 1 of the last line, not 0.
        "bad/ends_after_newline.json",
        &["ends_after_newline.json:2:1:", "the file ends too early"],
    ),
    (
        "bad/not_object.json",
        &[
            "not_object.json:1:1:",
            "a dataset is a JSON object starting with `{`, found `[`",
            "(a list of records, as `shuibei export --format json` writes, is not a dataset; `shuibei format` describes one)",
        ],
    ),
    (
        // A group misspelt would lead the Overview with nothing; one named twice, twice.
        "bad/headline_groups.json",
        &[
            "cluster.headline_groups[1]: no indicator has the group \"Output\"; write the `group` of indicators that measure the cluster, or leave it out",
            "cluster.headline_groups[2]: \"Enterprises\" is named twice; name each group once",
        ],
    ),
    (
        // A tag misspelt would give its Chinese to nothing; empty Chinese finds nothing.
        "bad/tags_zh.json",
        &[
            "cluster.tags_zh.pre-priceing: no event or enterprise has the tag or segment \"pre-priceing\"; write one the records carry, or leave it out",
            "cluster.tags_zh.tax: must not be empty; write the tag's Chinese, or leave the tag out",
        ],
    ),
    (
        "bad/wrong_format.json",
        &["format: unsupported format \"shuibei/2\"", "reads \"shuibei/1\""],
    ),
    (
        "bad/missing_required.json",
        &[
            "missing_required.json:2:28: enterprises[0]: missing required field \"name\"",
            // The dataset's own field, placed where the object starts.
            "missing_required.json:1:1: missing required field \"cluster\"",
        ],
    ),
    (
        "bad/unknown_field.json",
        &["unknown_field.json:5:22: enterprises[0].nmae: unknown field \"nmae\"; did you mean \"name\"?"],
    ),
    (
        "bad/unknown_top_level.json",
        &["unknown field \"enterprise\"; did you mean \"enterprises\"?"],
    ),
    (
        "bad/wrong_type.json",
        &["wrong_type.json:5:25: enterprises[0].name: expected text in quotes, found the number 5"],
    ),
    (
        "bad/bad_enum.json",
        &["enterprises[0].kind: unknown value \"compnay\"; did you mean \"company\"?"],
    ),
    (
        "bad/bad_date.json",
        &["bad_date.json:2:45: history[0].date: invalid date \"2023-02-29\": day must be 01 to 28"],
    ),
    (
        "bad/duplicate_id.json",
        &["brands[0].id: duplicate id \"a\" (first used by enterprises[0])"],
    ),
    (
        "bad/bad_id.json",
        &[
            "enterprises[0].id: invalid id \"has space\": ids must not contain whitespace",
            "enterprises[1].id: invalid id \"\": ids must not be empty",
        ],
    ),
    (
        "bad/unknown_refs.json",
        &[
            "history[0].related[0]: unknown id \"nobody\"",
            "enterprises[0].sources[0].source: unknown id \"missing-source\"",
            "brands[0].owner: \"h\" is a history record; expected an enterprise id",
        ],
    ),
    (
        "bad/value_range.json",
        &["indicators[0].value_max: value_max 60 is less than value 70"],
    ),
    (
        "bad/listing_dates.json",
        &[
            "enterprises[0].aliases[1]: must not be empty",
            "enterprises[0].listings[0].delisted: delisted 1996-01-01 comes before listed 1997-06-06",
            "brands[0].aliases[0]: must not be empty",
        ],
    ),
    (
        "bad/number_out_of_range.json",
        &["indicators[0].value: number out of range: numbers must be finite"],
    ),
    (
        "bad/trailing.json",
        &["trailing.json:1:51: unexpected `{` after the end of the dataset object"],
    ),
    (
        "bad/syntax.json",
        &["syntax.json:2:41: a comma before `]` or `}` is not allowed in JSON: remove this comma"],
    ),
    (
        "bad/deep_nesting.json",
        &["enterprises[0].summary: expected text in quotes, found a list"],
    ),
    (
        "bad/invalid_utf8.json",
        &["invalid_utf8.json:2:34: text is not valid UTF-8; save the file as UTF-8"],
    ),
    (
        "bad/several.json",
        &[
            "4 problems",
            "several.json:3:44: enterprises[0].kind: unknown value \"compnay\"",
            "several.json:5:47: enterprises[2].founded: invalid date \"2004-13\": month must be 01 to 12",
            "several.json:6:20: enterprises[3].nmae: unknown field \"nmae\"",
            "brands[1].owner: unknown id \"zzz\"",
        ],
    ),
    (
        // An unknown id a typo away from one of the kind wanted is told that id.
        "bad/near_ids.json",
        &[
            "3 problems",
            "near_ids.json:4:73: enterprises[0].sources[0].source: unknown id \"src-offical\": no record in sources has this id; did you mean \"src-official\"?",
            "brands[0].owner: unknown id \"zhou-dashen\": no record in enterprises has this id; did you mean \"zhou-dasheng\"?",
            "brands[1].owner: unknown id \"zzz\": no record in enterprises has this id\n",
        ],
    ),
    (
        // A name, URL or title where an id belongs is told the id; a source id without
        // its `src-`, typo or not, the source's.
        "bad/names_for_ids.json",
        &[
            "7 problems",
            "enterprises[0].sources[0].source: unknown id \"official\": no record in sources has this id; did you mean \"src-official\"?",
            "enterprises[1].sources[0].source: unknown id \"http://www.example.org/a\": no record in sources has this id; it is the URL of \"src-official\": write its id",
            "enterprises[2].sources[0].source: unknown id \"offical\": no record in sources has this id; did you mean \"src-official\"?",
            "enterprises[2].sources[1].source: unknown id \"An Official Page\": no record in sources has this id; it is the title of \"src-official\": write its id",
            "brands[0].owner: unknown id \"周大生\": no record in enterprises has this id; it is the Chinese name of \"zhou-dasheng\": write its id",
            "brands[1].owner: unknown id \"Chow Tai Fook\": no record in enterprises has this id; it is the name of \"chow-tai-fook\": write its id",
            "brands[2].owner: unknown id \"zzz\": no record in enterprises has this id\n",
        ],
    ),
    (
        // A name in traditional characters, a short name, a brand's name where its owner
        // belongs; a part of several names, or of more than three, says nothing.
        "bad/names_in_other_forms.json",
        &[
            "5 problems",
            "brands[1].owner: unknown id \"謝瑞麟\": no record in enterprises has this id; it is the Chinese name of \"xie-rui-lin\": write its id",
            "brands[2].owner: unknown id \"艾克美黄金\": no record in enterprises has this id; it is part of the Chinese name of \"akm-gold\" (深圳市艾克美黄金有限公司): write its id",
            "brands[3].owner: unknown id \"周大福\": no record in enterprises has this id; it is the Chinese name of \"chow-tai-fook\" in brands, whose owner is \"ctf-group\": write that id",
            "brands[4].owner: unknown id \"Gold\": no record in enterprises has this id\n",
            "brands[5].owner: unknown id \"AKM Gold\": no record in enterprises has this id; did you mean \"akm-gold\"?",
        ],
    ),
    (
        // Spaces around a known id; a brand where its owner belongs, told its own owner;
        // a brand's name whose owner is broken leads to nothing, so a part of an
        // enterprise's name is told instead.
        "bad/owner_hints.json",
        &[
            "7 problems",
            "brands[0].owner: unknown id \"tsl \": no record in enterprises has this id; write it without the spaces around it: \"tsl\"",
            "brands[2].owner: \"b-ctf\" is a brand record; expected an enterprise id; its owner is \"ctf-group\": write that id",
            "brands[3].owner: unknown id \"Tsl\": no record in enterprises has this id; did you mean \"tsl\"?",
            "brands[4].owner: unknown id \"謝瑞麟\": no record in enterprises has this id; it is part of the Chinese name of \"tsl\" (谢瑞麟珠宝): write its id",
            // The id in another case, before the brand of that name (whose owner is another).
            "brands[5].owner: unknown id \"CTF\": no record in enterprises has this id; did you mean \"ctf\"?",
            "brands[6].owner: unknown id \" b-ctf \": no record in enterprises has this id; write it without the spaces around it: \"b-ctf\"",
            "indicators[0].sources[0].source: \"tsl\" is an enterprise record, not a source",
        ],
    ),
    (
        // Nothing is suggested for a blank or short id (a shared `src-` made "fx" look
        // near "src-ab"); a URL of several sources names them as sources.
        "bad/near_sources.json",
        &[
            "5 problems",
            "enterprises[0].sources[0].source: unknown id \"fx\": no record in sources has this id\n",
            "enterprises[0].sources[1].source: unknown id \"  \": no record in sources has this id\n",
            "unknown id \"https://A.org/x\": no record in sources has this id; it is the URL of 2 sources (\"src-ab\", \"src-cd\"): write the id of one",
            "unknown id \"official\": no record in sources has this id; did you mean \"src-official\"?",
            "unknown id \"ab\": no record in sources has this id; did you mean \"src-ab\"?",
        ],
    ),
    (
        "bad/many_errors.json",
        &[
            "60 problems",
            "enterprises[49].kind",
            "and 10 more problems (only the first 50 are listed; add --all to list every one)",
        ],
    ),
];

#[test]
fn every_malformed_fixture_has_its_own_message_and_exit_2() {
    for (name, expected) in CASES {
        let path = fixture(name);
        let run = shuibei(&["validate", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{name}: exit code\n{}", run.stderr);
        assert!(
            run.stderr.starts_with("shuibei: cannot load "),
            "{name}: {}",
            run.stderr
        );
        // The problems are the check's answer, on stdout (`| grep`, `| wc -l`); the summary
        // is on stderr, and again after a long list (it scrolls out of a short terminal).
        let summary: Vec<&str> = run.stderr.lines().collect();
        let listed: Vec<&str> = run.stdout.lines().collect();
        if *name == "bad/many_errors.json" {
            assert_eq!(listed.len(), 50 + 1, "{name}: {}", run.stdout);
        }
        if listed.len() > 20 {
            assert_eq!(summary.len(), 2, "{name}: {}", run.stderr);
            // Said again as a summary, not as the same line twice (a trial read it so).
            assert_eq!(
                summary[1],
                summary[0].replacen("shuibei: ", "shuibei: in all: ", 1),
                "{name}"
            );
        }
        let both = format!("{}{}", run.stderr, run.stdout);
        for want in *expected {
            assert!(both.contains(want), "{name}: expected {want:?} in\n{both}");
        }
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    }
}

/// `validate --all` lists every problem; the check does not name itself in its advice,
/// while another command names the check to run.
#[test]
fn validate_all_lists_every_problem_and_the_check_does_not_send_you_to_itself() {
    let path = fixture("bad/many_errors.json");
    let path = path.to_str().unwrap();
    let all = shuibei(&["validate", "--all", path]);
    assert_eq!(all.code, 2);
    // 60 problems on stdout; the summary on stderr, before and after them.
    let lines: Vec<&str> = all.stdout.lines().collect();
    assert_eq!(lines.len(), 60, "{}", all.stdout);
    assert!(lines[59].contains("enterprises[59]"), "{}", lines[59]);
    assert!(!all.stdout.contains("more problems"), "{}", all.stdout);
    let summary: Vec<&str> = all.stderr.lines().collect();
    assert_eq!(summary.len(), 2, "{}", all.stderr);
    assert!(
        summary[0].ends_with("60 problems; fix them and run this check again (`shuibei format` describes the format)"),
        "{}",
        summary[0]
    );
    // Another command names the check to run, and how to list every problem; there the
    // problems are errors, on stderr.
    let search = shuibei(&["search", "--data", path, "x"]);
    let lines: Vec<&str> = search.stderr.lines().collect();
    assert!(
        lines[0].ends_with(&format!("fix them and check again with `shuibei validate {path}`")),
        "{}",
        search.stderr
    );
    assert!(
        search.stderr.contains(&format!(
            "(only the first 50 are listed; `shuibei validate {path} --all` lists every one)"
        )),
        "{}",
        search.stderr
    );
    assert!(search.stdout.is_empty());
}

#[test]
fn later_records_are_still_checked_after_a_bad_one() {
    // Record b of several.json is valid and c has a bad date: both were read, and the
    // owner reference to c (whose record failed) is not reported a second time.
    let run = shuibei(&["validate", fixture("bad/several.json").to_str().unwrap()]);
    assert!(!run.stderr.contains("unknown id \"c\""), "{}", run.stderr);
}

/// A trial's file had a bad date in one record and that record's id again in the next:
/// only the date was reported, and the duplicate came after the date was fixed.
#[test]
fn an_id_shared_with_a_record_that_failed_is_reported_with_it() {
    let json = r#"{"format": "shuibei/1", "cluster": {"name": "C"},
      "history": [
        {"id": "e1", "date": "2025-13-45", "title": "Bad date"},
        {"id": "e1", "date": "2025-01-01", "title": "Same id"}]}"#;
    let err = shuibei::data::load::load_slice("dup.json", json.as_bytes()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("month must be 01 to 12"), "{text}");
    assert!(
        text.contains("history[1].id: duplicate id \"e1\" (also the id of a record that failed to load"),
        "{text}"
    );
}

/// A file without `format` was told it is missing and, again, that the format "" is not
/// supported (a trial's `{"foo":1}`); an empty `format` given is still refused.
#[test]
fn a_missing_format_is_reported_once() {
    let err = shuibei::data::load::load_slice("foo.json", br#"{"foo": 1}"#).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("missing required field \"format\""), "{text}");
    assert!(!text.contains("unsupported format"), "{text}");
    let err =
        shuibei::data::load::load_slice("empty.json", br#"{"format": "", "cluster": {"name": "C"}}"#).unwrap_err();
    assert!(err.to_string().contains("unsupported format \"\""), "{err}");
}

#[test]
fn a_directory_and_a_missing_file_are_clear_errors() {
    let dir = shuibei(&["validate", fixture("bad").to_str().unwrap()]);
    assert_eq!(dir.code, 2);
    assert!(
        dir.stderr.contains("is a directory, not a dataset file"),
        "{}",
        dir.stderr
    );
    let missing = shuibei(&["validate", "/nonexistent/shuibei.json"]);
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr.trim(),
        "shuibei: cannot load /nonexistent/shuibei.json: cannot read the file: no such file; check the path"
    );
}

#[test]
fn huge_strings_load_and_absurd_nesting_is_refused_without_a_crash() {
    let dir = std::env::temp_dir().join(format!("shuibei-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.json");
    let summary = "金".repeat(8 << 20);
    std::fs::write(
        &huge,
        format!(r#"{{"format":"shuibei/1","cluster":{{"name":"x"}},"enterprises":[{{"id":"a","name":"A","summary":"{summary}"}}]}}"#),
    )
    .unwrap();
    let run = shuibei(&["validate", huge.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "ok: 0 history, 1 enterprise, 0 brands, 0 indicators, 0 sources"
    );

    let deep = dir.join("deep.json");
    let depth = 1_000_000;
    std::fs::write(
        &deep,
        format!(
            r#"{{"format":"shuibei/1","cluster":{{"name":"x"}},"enterprises":[{{"id":"a","name":"A","tags":{}{}}}]}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    )
    .unwrap();
    let run = shuibei(&["validate", deep.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // validate lists the problems on stdout, their summary on stderr.
    assert!(
        run.stdout
            .contains("enterprises[0].tags[0]: expected text in quotes, found a list"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("1 problem"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn valid_files_load_with_or_without_a_byte_order_mark() {
    for name in ["ok/minimal.json", "ok/bom.json"] {
        let run = shuibei(&["validate", fixture(name).to_str().unwrap()]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(
            run.stdout,
            "ok: 1 history, 2 enterprises, 1 brand, 2 indicators, 2 sources\n"
        );
    }
}

/// Whoever writes a dataset finds its format from the binary alone (a trial looked for it
/// in `--help` and the manual): `shuibei format` describes it, `--example` is one that
/// passes every check, and a failed check says where to look.
#[test]
fn the_format_and_an_example_come_with_the_binary() {
    let doc = shuibei(&["format"]);
    assert_eq!(doc.code, 0, "{}", doc.stderr);
    assert!(
        doc.stdout.starts_with("# The `shuibei/1` dataset format"),
        "{}",
        doc.stdout
    );
    assert!(doc.stdout.contains("\nformat*      \"shuibei/1\""), "the field list");
    let example = shuibei(&["format", "--example"]);
    assert_eq!(example.code, 0, "{}", example.stderr);
    let dir = std::env::temp_dir().join(format!("shuibei-format-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("example.json");
    std::fs::write(&path, &example.stdout).unwrap();
    let check = shuibei(&["validate", path.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.starts_with("ok: "), "{}", check.stdout);
    // A file with an id of another dataset is told how to check it with that one.
    let layer = dir.join("layer.json");
    std::fs::write(
        &layer,
        r#"{"format":"shuibei/1","cluster":{"name":"c"},"history":[{"id":"e","date":"2026","title":"t","related":["jinyafu"]}]}"#,
    )
    .unwrap();
    let alone = shuibei(&["validate", layer.to_str().unwrap()]);
    assert_eq!(alone.code, 2);
    assert!(
        alone.stderr.contains("`shuibei format` describes the format"),
        "{}",
        alone.stderr
    );
    assert!(
        alone.stderr.contains(&format!(
            "\"jinyafu\" is an id of the built-in dataset: a file of additions to it is checked with it: shuibei --add {} validate",
            layer.display()
        )),
        "{}",
        alone.stderr
    );
    let with_base = shuibei(&["--add", layer.to_str().unwrap(), "validate"]);
    assert_eq!(with_base.code, 0, "{}", with_base.stderr);
    // Where the environment names another base, `--add` alone would lay it over that
    // one: the advice says which base it needs.
    let other = fixture("ok/minimal.json");
    let under_env = std::process::Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(["validate", layer.to_str().unwrap()])
        .env("SHUIBEI_DATA", &other)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&under_env.stderr);
    assert!(
        stderr.contains(&format!(
            "validate (with the built-in dataset as the base: SHUIBEI_DATA names {} now)",
            other.display()
        )),
        "{stderr}"
    );
    // Checked with its base, an id that is missing there too gets no such advice.
    let wrong = dir.join("wrong.json");
    std::fs::write(
        &wrong,
        r#"{"format":"shuibei/1","cluster":{"name":"c"},"history":[{"id":"e","date":"2026","title":"t","related":["nobody-at-all"]}]}"#,
    )
    .unwrap();
    let layered = shuibei(&["--add", wrong.to_str().unwrap(), "validate"]);
    assert_eq!(layered.code, 2);
    assert!(!layered.stderr.contains("a file of additions"), "{}", layered.stderr);
    // Checked alone, a typo in a dataset of its own (no id the built-in dataset holds) is
    // not sent to --add either.
    let alone = shuibei(&["validate", wrong.to_str().unwrap()]);
    assert_eq!(alone.code, 2);
    assert!(!alone.stderr.contains("a file of additions"), "{}", alone.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Columns count characters, as editors do: on a line of Chinese text a byte column
/// pointed about three times too far along (a trial's editor found nothing there).
/// Both rounds: a comma left out (found while parsing) and an unknown id (found by the
/// checks after it).
#[test]
fn columns_count_characters_not_bytes() {
    let dir = std::env::temp_dir().join(format!("shuibei-columns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let head = r#"{ "format": "shuibei/1", "cluster": { "name": "T" },
  "sources": [ { "id": "s", "title": "x", "reliability": "high" } ],
  "enterprises": ["#;
    let parse = dir.join("parse.json");
    std::fs::write(
        &parse,
        format!(
            "{head}\n    {{ \"id\": \"e1\", \"name\": \"A\", \"name_zh\": \"测试金店\" \"sources\": [] }}\n  ]\n}}\n"
        ),
    )
    .unwrap();
    let run = shuibei(&["validate", parse.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // The value "测试金店" ends at character 48 of its line (byte 56).
    assert!(run.stdout.contains("parse.json:4:49: "), "{}", run.stdout);
    let check = dir.join("check.json");
    std::fs::write(
        &check,
        format!(
            "{head}\n    {{ \"id\": \"e1\", \"name\": \"A\", \"name_zh\": \"测试金店\", \"sources\": [ {{ \"source\": \"s2\" }} ] }}\n  ]\n}}\n"
        ),
    )
    .unwrap();
    let run = shuibei(&["validate", check.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("check.json:4:76: enterprises[0].sources[0].source: unknown id \"s2\""),
        "{}",
        run.stdout
    );
    // A byte order mark (which the format allows) is no character: the same places.
    let bom = dir.join("bom.json");
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend(std::fs::read(&check).unwrap());
    std::fs::write(&bom, text).unwrap();
    let run = shuibei(&["validate", bom.to_str().unwrap()]);
    assert!(
        run.stdout
            .contains("bom.json:4:76: enterprises[0].sources[0].source: unknown id \"s2\""),
        "{}",
        run.stdout
    );
    let line_one = dir.join("line-one.json");
    std::fs::write(&line_one, "\u{feff}{ \"format\": \"shuibei/1\" \"cluster\": {} }\n").unwrap();
    let run = shuibei(&["validate", line_one.to_str().unwrap()]);
    assert!(run.stdout.contains("line-one.json:1:24: "), "{}", run.stdout);
    std::fs::remove_dir_all(&dir).ok();
}

/// Suggestions stop after the first 20 unknown ids, and are not looked for among more
/// than 10,000 records: each time the first id left without one says why, once.
#[test]
fn an_unknown_id_left_without_a_suggestion_says_why_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, enterprises: usize, owners: usize| {
        let ents: Vec<String> = (0..enterprises)
            .map(|i| format!(r#"{{"id": "firm-{i}", "name": "Firm {i}"}}"#))
            .collect();
        let brands: Vec<String> = (0..owners)
            .map(|i| format!(r#"{{"id": "b{i}", "name": "B{i}", "owner": "firm-{i}x"}}"#))
            .collect();
        let path = dir.path().join(name);
        let json = format!(
            r#"{{"format": "shuibei/1", "cluster": {{"name": "x"}}, "enterprises": [{}], "brands": [{}]}}"#,
            ents.join(","),
            brands.join(",")
        );
        std::fs::write(&path, json).expect("write");
        path
    };
    let few = write("few.json", 30, 23);
    let run = shuibei(&["--data", few.to_str().unwrap(), "validate"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 23, "{}", run.stdout);
    assert!(lines[..20].iter().all(|l| l.contains("did you mean")), "{}", run.stdout);
    assert!(
        lines[20].ends_with(
            "no record in enterprises has this id (no more suggestions: the first 20 unknown ids were compared; fix them and check again)"
        ),
        "{}",
        lines[20]
    );
    assert!(
        lines[21].ends_with("no record in enterprises has this id"),
        "{}",
        lines[21]
    );
    assert!(
        lines[22].ends_with("no record in enterprises has this id"),
        "{}",
        lines[22]
    );

    // Brand ids where owners belong are told the brand's owner without using up the
    // suggestions: the typo after twenty of them is still told.
    let path = dir.path().join("brands.json");
    let mut brands: Vec<String> = (0..20)
        .map(|i| format!(r#"{{"id": "c{i}", "name": "C{i}", "owner": "b-ctf"}}"#))
        .collect();
    brands.push(r#"{"id": "b-ctf", "name": "CTF", "owner": "firm-a"}"#.to_owned());
    brands.push(r#"{"id": "typo", "name": "T", "owner": "firm-b"}"#.to_owned());
    let json = format!(
        r#"{{"format": "shuibei/1", "cluster": {{"name": "x"}}, "enterprises": [{{"id": "firm-a", "name": "A"}}], "brands": [{}]}}"#,
        brands.join(",")
    );
    std::fs::write(&path, json).expect("write");
    let run = shuibei(&["--data", path.to_str().unwrap(), "validate"]);
    assert!(
        run.stdout.contains(
            r#"brands[21].owner: unknown id "firm-b": no record in enterprises has this id; did you mean "firm-a"?"#
        ),
        "{}",
        run.stdout
    );

    let many = write("many.json", 10_001, 2);
    let run = shuibei(&["--data", many.to_str().unwrap(), "validate"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].ends_with("(no suggestions: 10,001 enterprises to compare with, more than 10,000)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with("no record in enterprises has this id"),
        "{}",
        lines[1]
    );
}
