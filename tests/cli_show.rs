//! `shuibei validate` and `shuibei show` as scripts use them: output, JSON, exit codes.

use crate::common;

use std::process::Command;

use common::{fixture, shuibei};

fn minimal() -> String {
    fixture("ok/minimal.json").to_str().unwrap().to_owned()
}

#[test]
fn show_prints_fields_links_and_sources() {
    let run = shuibei(&["show", "ent-a", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout;
    for want in [
        "enterprise ent-a",
        "Zhou Dasheng Jewellery",
        "周大生珠宝",
        "Ownership  private",
        "Segments   gold, diamond",
        "Listing    SZSE 002867, listed 2017-04-27",
        "Person     周宗文, chairman",
        "Brands:",
        "brand brand-a → Zhou Dasheng (周大生)",
        "Mentioned in:",
        "history ev-1 → 2004-08 Base established",
        "Sources (1):",
        "[high] A source\n      source src-a\n",
        "Someone, 2013-11-11",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // Spaces a copy from a terminal brings along do not matter.
    let spaced = shuibei(&["show", " ent-a ", "--data", &minimal()]);
    assert_eq!((spaced.code, &spaced.stdout), (0, &out), "{}", spaced.stderr);
}

#[test]
fn show_prints_aliases_and_an_ended_listing() {
    let data = fixture("ok/aliases.json");
    let run = shuibei(&["show", "dongfang-jinyu", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for want in [
        "Aliases  多佳股份, Dongfang Jinyu",
        "Listing  SSE 600086, listed 1997-06-06, delisted 2021-03-17",
    ] {
        assert!(run.stdout.contains(want), "missing {want:?} in\n{}", run.stdout);
    }
    let run = shuibei(&["show", "brand-zds", "--data", data.to_str().unwrap()]);
    assert!(run.stdout.contains("Aliases  Chow Tai Seng"), "{}", run.stdout);
    let json = shuibei(&["show", "dongfang-jinyu", "--json", "--data", data.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["record"]["listings"][0]["delisted"], "2021-03-17");
    assert_eq!(
        json["record"]["aliases"],
        serde_json::json!(["多佳股份", "Dongfang Jinyu"])
    );
}

#[test]
fn low_reliability_sources_are_flagged() {
    let run = shuibei(&["show", "ent-b", "--data", &minimal()]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("[LOW RELIABILITY] A weak source") && !run.stdout.contains("[low]"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_json_is_the_record_with_its_sources() {
    let run = shuibei(&["show", "ind-2", "--json", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(value["kind"], "indicator");
    assert_eq!(value["id"], "ind-2");
    assert_eq!(value["record"]["value"], 60.0);
    assert_eq!(value["record"]["value_max"], 70.0);
    assert_eq!(value["sources"][0]["id"], "src-b");
    assert_eq!(value["sources"][0]["reliability"], "low");
}

#[test]
fn show_a_source_lists_what_cites_it() {
    let run = shuibei(&["show", "src-a", "--data", &minimal()]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("source src-a"), "{}", run.stdout);
    assert!(run.stdout.contains("Cited by (4):"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("enterprise ent-a  Zhou Dasheng Jewellery (周大生珠宝)"),
        "{}",
        run.stdout
    );
}

/// A registered name no record has is said to be no id or name (it was looked for as a
/// name too), not only "no id", which reads as if names were not taken.
#[test]
fn an_unknown_registered_name_is_no_id_or_name() {
    let run = shuibei(&["show", "深圳市水贝鸿福来珠宝有限公司"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("shuibei: no record or source has the id or name \"深圳市水贝鸿福来珠宝有限公司\"; "),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_id_exits_1_with_a_suggestion() {
    let run = shuibei(&["show", "ent-c", "--data", &minimal()]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("shuibei: no record or source has the id \"ent-c\"; did you mean"),
        "{}",
        run.stderr
    );
    // The advice opens the same data, and searches ids by the longest start they share
    // with what was typed (plain words search names).
    let advice = format!("`shuibei --data {} search id:ent-`", minimal());
    assert!(run.stderr.contains(&advice), "{}", run.stderr);
    let run = shuibei(&["--data", &minimal(), "search", "id:ent-"]);
    assert!(run.stdout.contains("ent-a"), "the advice works: {}", run.stdout);
    // A name typed as an id: the advice searches names, and finds the company.
    let run = shuibei(&["show", "zhoudashen"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("`shuibei search zhoudashen`"), "{}", run.stderr);
    // The brand's own name, its space aside, is the brand.
    let run = shuibei(&["show", "zhoudasheng"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("brand brand-zhou-dasheng"), "{}", run.stdout);
    let run = shuibei(&["search", "zhoudasheng"]);
    assert!(
        run.stdout.contains("\tzhou-dasheng\t"),
        "the advice works: {}",
        run.stdout
    );
}

/// A source nothing cites is allowed, but often a citation that lost its way: named.
#[test]
fn validate_names_the_sources_no_record_cites() {
    let mut data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(minimal()).unwrap()).unwrap();
    for id in ["src-lost", "src-spare"] {
        data["sources"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": id, "title": "A report nobody cites", "reliability": "low"}));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("uncited.json");
    std::fs::write(&file, data.to_string()).unwrap();
    let run = shuibei(&["validate", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "ok: 1 history, 2 enterprises, 1 brand, 2 indicators, 4 sources\n  \
         note: 2 sources no record cites: src-lost, src-spare (cite them where they belong, or remove them)\n"
    );
    let run = shuibei(&["validate", &minimal()]);
    assert!(!run.stdout.contains("note:"), "{}", run.stdout);
}

#[test]
fn rebuild_index_says_when_a_command_uses_no_cache() {
    let data = minimal();
    for command in [
        &["validate"][..],
        &["show", "ent-a"],
        &["export", "--tab", "enterprises"],
    ] {
        let mut args = vec!["--rebuild-index", "--data", &data];
        args.extend_from_slice(command);
        let run = shuibei(&args);
        assert_eq!(run.code, 0, "{command:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("--rebuild-index: `{}` reads the dataset itself", command[0])),
            "{command:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_data_file_can_come_from_the_environment() {
    let output = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(["validate"])
        .env("SHUIBEI_DATA", minimal())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "ok: 1 history, 2 enterprises, 1 brand, 2 indicators, 2 sources\n"
    );
}

#[test]
fn help_and_version_exit_0_and_usage_errors_exit_2() {
    let help = shuibei(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Usage: shuibei"), "{}", help.stdout);
    for command in ["validate", "show", "search", "export", "completions", "man"] {
        assert!(help.stdout.contains(command), "--help lists {command}");
    }
    let version = shuibei(&["--version"]);
    assert_eq!(version.code, 0);
    assert_eq!(version.stdout.trim(), format!("shuibei {}", env!("CARGO_PKG_VERSION")));
    let bad = shuibei(&["frobnicate"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("unrecognized subcommand"), "{}", bad.stderr);
}

/// A trial's `show chow` was answered with "did you mean chj?", an id two edits away,
/// while ids starting with `chow` exist: they are named.
#[test]
fn an_id_start_names_the_ids_it_starts() {
    let run = shuibei(&["show", "chow"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("ids start with it: \"chow-tai-fook-shenzhen\", \"chow-tai-fook-group\""),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
}

/// The explorer's warning on a record whose sources are all low, and its list of the
/// claims that rest on a low source, are in `show` too: a trial quoted a record from the
/// command line without seeing either.
#[test]
fn show_warns_of_low_reliability_as_the_explorer_does() {
    let only = shuibei(&["show", "ev-2025-09-08-zhou-liu-fu-hsci"]);
    assert_eq!(only.code, 0, "{}", only.stderr);
    // The heading (id, title, Chinese title), then the warning.
    assert_eq!(only.stdout.lines().nth(2), Some("周六福获纳入恒生综合指数"));
    assert_eq!(
        only.stdout.lines().nth(3),
        Some("⚠ rests on LOW-reliability sources only; see Sources below")
    );
    let some = shuibei(&["show", "zhou-dasheng"]);
    assert!(
        some.stdout
            .contains("* some of this rests on a LOW-reliability source:\n  “"),
        "{}",
        some.stdout
    );
    let none = shuibei(&["show", "brand-batar"]);
    assert!(!none.stdout.contains("LOW-reliability"), "{}", none.stdout);
}

/// `show ''` suggested `shuibei search ''`, which lists every record: an empty id is a
/// usage error that says what to give.
#[test]
fn an_empty_id_is_a_usage_error() {
    let run = shuibei(&["show", ""]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: show needs an id; find one by name with `shuibei search NAME`"
    );
}

#[test]
fn show_names_the_other_source_of_the_same_page() {
    let data = common::fixture("same-page.json");
    let data = data.to_str().unwrap();
    let run = shuibei(&["show", "src-daily", "--data", data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Same page    src-daily-med [medium] Shuibei jewellers thrive"),
        "{}",
        run.stdout
    );
    let alone = shuibei(&["show", "src-alone", "--data", data]);
    assert!(!alone.stdout.contains("Same page"), "{}", alone.stdout);
    let json = shuibei(&["show", "src-daily-med", "--json", "--data", data]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["same_page"], serde_json::json!(["src-daily"]));
}

/// `show` of a word only the reports' titles hold (跑路) says which sources hold it and
/// how to list them, as `search` does, instead of "finds nothing".
#[test]
fn show_of_a_word_in_source_titles_points_to_the_sources_tab() {
    let run = shuibei(&["show", "跑路"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    assert!(
        run.stderr.contains("finds no record as typed, but ")
            && run.stderr.contains("`shuibei search 跑路 --tab sources` lists them"),
        "{}",
        run.stderr
    );
}

/// The whole name of exactly one record stands for its id, and stderr names the id; a
/// name several records share lists them instead (exit 1).
#[test]
fn show_of_the_name_of_one_record_shows_it_and_says_its_id() {
    let run = shuibei(&["show", "周大生"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The company whose registered name holds it is named too: a screen must not stop
    // at the brand (trial helper-127: `show 金雅福` showed the brand, silent on the company).
    assert_eq!(
        run.stderr,
        "shuibei: \"周大生\" is no id but the whole name of one record; showing brand \"brand-zhou-dasheng\"\n\
         shuibei: it is also part of the names of enterprise \"zhou-dasheng\" (Zhou Dasheng Jewellery Co., Ltd. (周大生珠宝股份有限公司))\n"
    );
    assert!(run.stdout.starts_with("brand brand-zhou-dasheng\n"), "{}", run.stdout);
    let run = shuibei(&["show", "金雅福"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("also part of the names of enterprise \"jinyafu\""),
        "{}",
        run.stderr
    );
    // Capitals aside, an alias counts: "Chow Tai Seng" names both the company and its brand.
    let run = shuibei(&["show", "chow tai seng"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("\"zhou-dasheng\"") && run.stderr.contains("\"brand-zhou-dasheng\""),
        "{}",
        run.stderr
    );
}
