//! The command line's conventions: every error starts with `shuibei:` and says what to
//! do; a closed pipe (`| head -1`) ends quietly with exit 0; `export` and
//! `--print-config` behave as documented, with the config file in its XDG place.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::fixture;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary with no terminal, no inherited dataset, and `config_home` as the
/// XDG config directory (so a developer's own config never leaks in).
fn run_in(config_home: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(args)
        .env_remove("SHUIBEI_DATA")
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", config_home)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), args, &[])
}

/// Where the config file goes under `home` (its directory made), as `$XDG_CONFIG_HOME`.
fn config_file(home: &Path) -> std::path::PathBuf {
    let dir = home.join("shuibei");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("config.toml")
}

fn minimal() -> String {
    fixture("ok/minimal.json").to_str().unwrap().to_owned()
}

/// Commands that print to stdout, each big enough or not: all must stop quietly.
const PRINTING: &[&[&str]] = &[
    &["validate"],
    &["show", "src-a", "--data", "tests/fixtures/ok/minimal.json"],
    &["show", "ent-a", "--json", "--data", "tests/fixtures/ok/minimal.json"],
    &["export", "--tab", "indicators"],
    &["export", "--tab", "history", "--format", "json"],
    &["export", "--tab", "enterprises", "--format", "jsonl"],
    &["completions", "bash"],
    &["man"],
    &["--help"],
    &["export", "--help"],
    &["--version"],
    &["--print-config"],
];

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let home = tempfile::tempdir().unwrap();
    for args in PRINTING {
        // The reading end is closed before the program starts, so every write fails
        // with EPIPE: the path is exercised on every run, not only when a race allows.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(*args)
            .env_remove("SHUIBEI_DATA")
            .env("XDG_CONFIG_HOME", home.path())
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn head_1_ends_the_pipeline_quietly() {
    let bin = env!("CARGO_BIN_EXE_shuibei");
    for args in [
        "export --tab indicators --format jsonl",
        "man",
        "completions zsh",
        "show src-a --data tests/fixtures/ok/minimal.json",
    ] {
        let out = Command::new("bash")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["-c", &format!("set -o pipefail; '{bin}' {args} | head -1")])
            .env_remove("SHUIBEI_DATA")
            .env("XDG_CONFIG_HOME", "/nonexistent")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1, "{args}");
    }
}

/// (arguments, exit code, what the first line must say after `shuibei: `: the problem
/// and what to do about it).
const FAILING: &[(&[&str], i32, &[&str])] = &[
    (
        &["validate", "/nonexistent.json"],
        2,
        &["cannot load /nonexistent.json", "check the path"],
    ),
    (
        &["validate", "/"],
        2,
        &["is a directory", "give the path of a .json file"],
    ),
    (
        &["show", "no-such-id"],
        1,
        &[
            "no record or source has the id",
            "`shuibei search no-such-id` finds nothing as typed either",
        ],
    ),
    (
        // A name where an id goes, which no record is named: what a search for it
        // finds, with their ids. (`zhoudasheng` is the brand's name, spaces aside.)
        &["show", "zhoudashen"],
        1,
        &[
            // The records lead, before how to show one or list them all.
            "shuibei: \"zhoudashen\" is no id, but a search for it finds \"brand-zhou-dasheng\"",
            "\"zhou-dasheng\" (Zhou Dasheng Jewellery",
            "; show one by its id (`shuibei show brand-zhou-dasheng`), or list them all with `shuibei search zhoudashen`",
        ],
    ),
    (
        // Sources are not searched: their list is where to look.
        &["show", "src-bastille"],
        1,
        &[
            "ids start with it: \"src-bastille-",
            "every source and its id: `shuibei export --tab sources --format csv`",
        ],
    ),
    (
        &["show", "x", "--data", "/nonexistent.json"],
        2,
        &["cannot load", "check the path"],
    ),
    (&["frobnicate"], 2, &["unrecognized subcommand 'frobnicate'"]),
    (&["export"], 2, &["required arguments were not provided"]),
    (
        &["export", "--tab", "all"],
        2,
        &[
            "invalid value 'all'",
            "[possible values: history, enterprises, brands, indicators, sources]",
        ],
    ),
    (
        &["export", "--tab", "brands", "--format", "xml"],
        2,
        &["invalid value 'xml'"],
    ),
    (
        &["export", "--tab", "brands", "--query", "gold !"],
        2,
        &["a lone `!`", "fix the --query"],
    ),
    (
        &["export", "--tab", "sources", "--query", "xinhua !"],
        2,
        &["a lone `!`", "fix the --query"],
    ),
    (
        &["export", "--tab", "brands", "--output", "/nonexistent/dir/x.csv"],
        2,
        &["cannot write /nonexistent/dir/x.csv", "choose another --output"],
    ),
    (
        &["export", "--tab", "brands", "--output", "/tmp/shuibei-test.xls"],
        2,
        &[
            "cannot tell the format from the name",
            "add --format csv, json, jsonl or xlsx",
        ],
    ),
    (
        &[
            "export",
            "--tab",
            "brands",
            "--format",
            "csv",
            "--output",
            "/tmp/shuibei-test.json",
        ],
        2,
        &["--format csv does not match the name", "drop --format"],
    ),
    (
        &["export", "--tab", "brands", "--format", "csv", "--output", "/tmp/"],
        2,
        &["cannot write /tmp/: is a directory", "choose another --output"],
    ),
    (&["completions", "tcsh"], 2, &["invalid value 'tcsh'"]),
    (&["--color", "sometimes"], 2, &["invalid value 'sometimes'"]),
];

#[test]
fn every_error_starts_with_shuibei_and_says_what_to_do() {
    for (args, code, words) in FAILING {
        let r = run(args);
        assert_eq!(r.code, *code, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(r.stderr.starts_with("shuibei: "), "{args:?}: {}", r.stderr);
        for w in *words {
            assert!(r.stderr.contains(w), "{args:?}: missing {w:?} in {}", r.stderr);
        }
        let clap_error = r.stderr.contains("For more information, try '--help'.") || r.stderr.contains("Usage:");
        let first = r.stderr.lines().next().unwrap_or_default();
        assert!(clap_error || first.contains("; "), "{args:?}: no advice in {first:?}");
    }
}

#[test]
fn a_full_disk_is_an_error_with_advice() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for args in [&["validate"][..], &["man"], &["export", "--tab", "brands"], &["--help"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
            .args(args)
            .env("XDG_CONFIG_HOME", "/nonexistent")
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("shuibei: writing"), "{args:?}: {stderr}");
        assert!(stderr.contains("no space left on device;"), "{stderr}");
        assert!(stderr.contains("check where the output goes"), "{stderr}");
    }
}

#[test]
fn export_writes_csv_to_stdout_by_default() {
    let r = run(&["export", "--tab", "enterprises", "--data", &minimal()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty());
    let mut lines = r.stdout.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("id,name,name_zh,aliases,kind,ownership,segments"));
    // Each end of the sources' reliability named for what it is: a bare `reliability`
    // (the weakest) read as the explorer's `Src` (the strongest).
    assert!(
        header.ends_with(",weakest_reliability,strongest_reliability"),
        "{header}"
    );
    assert_eq!(
        lines.next().unwrap(),
        "ent-a,Zhou Dasheng Jewellery,周大生珠宝,,company,private,gold; diamond,,,,listed,\
         \"SZSE 002867, listed 2017-04-27\",周宗文 (chairman),,,,,,,,,,,,,,,,,brand-a,,src-a,\
         \"A source. Someone, 2013-11-11. [high reliability]\",,high,high"
    );
    assert!(!r.stdout.starts_with('\u{feff}'), "UTF-8 without a byte-order mark");
}

#[test]
fn export_to_a_file_takes_the_format_from_the_extension_and_confirms() {
    let dir = tempfile::tempdir().unwrap();
    for (name, check) in [
        ("out.json", "[\n{\"kind\":\"indicator\""),
        ("out.jsonl", "{\"kind\":\"indicator\""),
        ("out.csv", "id,name,name_zh,metric,value"),
    ] {
        let path = dir.path().join(name);
        let r = run(&[
            "export",
            "--tab",
            "indicators",
            "--output",
            path.to_str().unwrap(),
            "--data",
            &minimal(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.is_empty());
        assert_eq!(r.stderr, format!("wrote 2 rows to {}\n", path.display()));
        assert!(std::fs::read_to_string(&path).unwrap().starts_with(check), "{name}");
    }
    // --format decides for a name that says nothing of a format.
    let path = dir.path().join("forced.txt");
    let r = run(&[
        "export",
        "--tab",
        "brands",
        "--format",
        "csv",
        "--output",
        path.to_str().unwrap(),
        "--data",
        &minimal(),
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, format!("wrote 1 row to {}\n", path.display()));
    assert!(
        std::fs::read_to_string(&path).unwrap().starts_with("id,name"),
        "--format decides"
    );
}

#[test]
fn print_config_shows_each_setting_and_its_origin() {
    let home = tempfile::tempdir().unwrap();
    let r = run_in(home.path(), &["--print-config"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("theme = \"dark\"   # default\n"), "{}", r.stdout);
    assert!(r.stdout.contains("color = \"auto\"   # default\n"), "{}", r.stdout);
    assert!(r.stdout.contains("(not found)"), "{}", r.stdout);

    std::fs::write(
        config_file(home.path()),
        format!(
            "theme = \"light\"\ncolor = \"always\"\ndata = \"{}\"\n[keys]\nquit = [\"q\", \"ctrl-c\"]\n",
            minimal()
        ),
    )
    .unwrap();
    let r = run_in(
        home.path(),
        &["--print-config", "--color", "never"],
        &[("NO_COLOR", "1")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("theme = \"light\"   # config file\n"), "{}", r.stdout);
    assert!(r.stdout.contains("color = \"never\"   # --color\n"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains(&format!("data = \"{}\"   # config file\n", minimal())),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\"quit\" = [\"q\", \"Ctrl-C\"]   # config file, line 5\n"),
        "{}",
        r.stdout
    );

    let env_data = run_in(home.path(), &["--print-config"], &[("SHUIBEI_DATA", "/env.json")]);
    assert!(
        env_data.stdout.contains("data = \"/env.json\"   # SHUIBEI_DATA\n"),
        "{}",
        env_data.stdout
    );
}

#[test]
fn the_config_files_dataset_is_the_default_one() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(config_file(home.path()), format!("data = \"{}\"\n", minimal())).unwrap();
    let r = run_in(home.path(), &["validate"], &[]);
    assert_eq!(
        r.stdout,
        "ok: 1 history, 2 enterprises, 1 brand, 2 indicators, 2 sources\n"
    );
    let r = run_in(home.path(), &["show", "ent-a"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_in(home.path(), &["validate"], &[("SHUIBEI_DATA", "/nonexistent.json")]);
    assert_eq!(r.code, 2, "the environment wins over the file");
    assert!(r.stderr.contains("/nonexistent.json"), "{}", r.stderr);
}

#[test]
fn a_bad_config_is_a_clear_error_not_a_crash() {
    let home = tempfile::tempdir().unwrap();
    let file = config_file(home.path());
    std::fs::write(&file, "theme = \"dark\"\n\n[keys]\nquit = [\"q\", \"ctrl-pagedwn\"]\n").unwrap();
    for args in [&["--print-config"][..], &["validate"], &["export", "--tab", "brands"]] {
        let r = run_in(home.path(), args, &[]);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(
            r.stderr.lines().next().unwrap(),
            format!(
                "shuibei: {}:4:8: keys.quit: unknown key \"ctrl-pagedwn\"; write one character or a key name \
                 (enter, esc, tab, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, \
                 space, f1-f24), optionally after ctrl-, alt- or shift-; fix the file, or move it aside to use \
                 the defaults",
                file.display()
            )
        );
    }
    let r = run_in(home.path(), &["validate", &minimal()], &[]);
    assert_eq!(r.code, 0, "a named FILE does not need the config: {}", r.stderr);
    let r = run_in(home.path(), &["man"], &[]);
    assert_eq!(r.code, 0, "nor do man and completions");
}

#[test]
fn search_opens_the_config_files_dataset_too() {
    let home = tempfile::tempdir().unwrap();
    let file = config_file(home.path());
    std::fs::write(&file, format!("data = \"{}\"\n", minimal())).unwrap();
    let r = run_in(home.path(), &["search", "--stats", "--tab", "all", "z"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(" of 6 records"),
        "the minimal dataset has 6 records: {}",
        r.stderr
    );
    std::fs::write(&file, "data = \"/nonexistent.json\"\n").unwrap();
    let r = run_in(home.path(), &["search", "a"], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("/nonexistent.json"), "{}", r.stderr);
}

#[test]
fn key_overrides_are_checked_before_anything_starts() {
    let home = tempfile::tempdir().unwrap();
    let file = config_file(home.path());
    for (keys, message) in [
        (
            "foo = [\"z\"]",
            "unknown action \"foo\" in [keys]; known actions: quit,",
        ),
        (
            "quit = [\"j\"]",
            "keys.quit: j already means \"move down\" (browsing a list); rebind down too, or pick another key; fix the file, or move it aside to use the defaults",
        ),
        (
            "search = [\"ctrl-c\"]",
            "keys.search: Ctrl-C always quits and cannot be given to search",
        ),
    ] {
        std::fs::write(&file, format!("[keys]\n{keys}\n")).unwrap();
        let r = run_in(home.path(), &["search", "zds"], &[]);
        assert_eq!(r.code, 2, "every command refuses a bad config alike: {keys}");
        let r = run_in(home.path(), &["--print-config"], &[]);
        assert_eq!(r.code, 2, "{keys}: {}", r.stdout);
        let first = r.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("shuibei: {}:2:", file.display())) && first.contains(message),
            "{keys}: {first}"
        );
    }
}
