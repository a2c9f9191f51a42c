//! Escape-proof output: a dataset built to attack the terminal (`fixtures/hostile.json`
//! carries OSC 52, CSI 2J, C1 CSI, DEL, BEL, OSC 8, DCS, bidi overrides, NUL, a lone ESC,
//! a 15,000-character string, zero-width joiners and combining marks in every kind of
//! text field) must never put ESC, C1, BEL, NUL or bidi controls on stdout or stderr,
//! through any command, while JSON output still carries the exact text, escaped.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::fixture;
use shuibei::data::db::{Db, Rec};
use shuibei::data::model::RecordKind;

/// What a run printed, as bytes: the checks are about bytes, not about text.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs the binary with no terminal, no inherited dataset and no user config.
fn run(args: &[&str], config_home: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(args)
        .env_remove("SHUIBEI_DATA")
        .env("XDG_CONFIG_HOME", config_home)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

fn hostile() -> String {
    fixture("hostile.json").to_str().unwrap().to_owned()
}

fn db() -> Db {
    shuibei::data::load::load_file(&fixture("hostile.json")).expect("the hostile fixture is a valid dataset")
}

/// Characters no output may carry raw. Listed here, not taken from `sanitize`, so the
/// test does not trust the code it checks.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{c}' | '\u{e}'..='\u{1f}' // C0 but tab, LF, CR
        | '\u{7f}'..='\u{9f}'                                        // DEL and C1
        | '\u{61c}' | '\u{200e}' | '\u{200f}'                        // bidi marks
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'          // bidi embeddings, overrides, isolates
    )
}

/// Fails with the first offending byte or character and its surroundings.
/// `crlf_ok`: a carriage return is allowed only right before a newline (CSV files).
fn assert_clean(what: &str, bytes: &[u8], crlf_ok: bool) {
    for (i, b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let bad = match b {
            0x1b | 0x07 | 0x00 | 0x7f => true,
            0xc2 => next.is_some_and(|n| (0x80..=0x9f).contains(&n)),
            b'\r' => !(crlf_ok && next == Some(b'\n')),
            _ => false,
        };
        assert!(!bad, "{what}: byte {b:#04x} at {i}: {:?}", context(bytes, i));
    }
    let text = String::from_utf8_lossy(bytes);
    if let Some((i, c)) = text.char_indices().find(|(_, c)| forbidden(*c)) {
        panic!("{what}: U+{:04X} at {i}: {:?}", c as u32, context(text.as_bytes(), i));
    }
}

fn context(bytes: &[u8], at: usize) -> String {
    let start = at.saturating_sub(40);
    let end = (at + 40).min(bytes.len());
    String::from_utf8_lossy(&bytes[start..end]).into_owned()
}

fn every_id(db: &Db) -> Vec<String> {
    RecordKind::ALL
        .iter()
        .flat_map(|k| (0..db.len(*k)).map(move |i| Rec::new(*k, i)))
        .map(|r| db.id(r).to_owned())
        .chain(db.sources().iter().map(|s| s.id.to_string()))
        .collect()
}

#[test]
fn the_check_itself_catches_every_payload() {
    let probes = [
        "\u{1b}", "\u{7}", "\u{9b}", "\u{90}", "\u{9d}", "\u{202e}", "\u{2066}", "\u{200f}", "\0", "\u{7f}", "a\rb",
        "\u{8}",
    ];
    for probe in probes {
        let caught = std::panic::catch_unwind(|| assert_clean("probe", probe.as_bytes(), true));
        assert!(caught.is_err(), "{probe:?} slipped through");
    }
    assert_clean("CRLF in a file", b"a\r\nb", true);
    assert_clean(
        "joiners and combining marks are text",
        "周\u{200d}大\u{301}".as_bytes(),
        false,
    );
}

#[test]
fn the_fixture_reaches_every_kind_of_text_field() {
    let db = db();
    let text = std::fs::read_to_string(fixture("hostile.json")).unwrap();
    assert!(
        !text.contains('\u{1b}'),
        "the fixture file itself holds only \\u escapes"
    );
    let e = &db.enterprises()[0];
    let fields: Vec<&str> = vec![
        &db.dataset().cluster.name,
        &e.name,
        e.name_zh.as_deref().unwrap(),
        e.summary.as_deref().unwrap(),
        &e.segments[0],
        &e.tags[0],
        &e.listings[0].exchange,
        &e.listings[0].code,
        &e.people[0].name,
        e.people[0].role.as_deref().unwrap(),
        e.sources[0].quote.as_deref().unwrap(),
        &db.sources()[0].title,
        db.sources()[0].url.as_deref().unwrap(),
        &db.brands()[0].honors[0].title,
        &db.indicators()[0].unit,
        db.indicators()[0].scope.as_deref().unwrap(),
        db.history()[0].date_label.as_deref().unwrap(),
    ];
    for field in fields {
        assert!(field.chars().any(|c| c.is_control() || forbidden(c)), "{field:?}");
    }
    assert!(db.dataset().cluster.summary.as_deref().unwrap().chars().count() > 10_000);
    assert!(
        every_id(&db).iter().any(|id| id.contains('\u{200d}')),
        "ids may hold joiners"
    );
}

#[test]
fn validate_prints_nothing_hostile() {
    let home = tempfile::tempdir().unwrap();
    let r = run(&["validate", &hostile()], home.path());
    assert_eq!(r.code, 0, "{}", String::from_utf8_lossy(&r.stderr));
    assert_clean("validate stdout", &r.stdout, false);
    assert_clean("validate stderr", &r.stderr, false);
}

#[test]
fn show_text_makes_every_control_visible() {
    let home = tempfile::tempdir().unwrap();
    for id in every_id(&db()) {
        let r = run(&["show", &id, "--data", &hostile()], home.path());
        assert_eq!(r.code, 0, "{id}: {}", String::from_utf8_lossy(&r.stderr));
        assert_clean(&format!("show {id}"), &r.stdout, false);
        assert_clean(&format!("show {id} stderr"), &r.stderr, false);
    }
    let r = run(&["show", "ent-hostile", "--data", &hostile()], home.path());
    let out = String::from_utf8(r.stdout).unwrap();
    assert!(out.contains("␛]52;c;ZXZpbA==␇"), "the attack is shown, defused:\n{out}");
    assert!(out.contains('\u{fffd}'), "C1 and bidi controls become U+FFFD");
}

#[test]
fn show_json_is_clean_and_loses_nothing() {
    let db = db();
    let home = tempfile::tempdir().unwrap();
    for kind in RecordKind::ALL {
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            let r = run(&["show", db.id(rec), "--json", "--data", &hostile()], home.path());
            assert_eq!(r.code, 0);
            assert_clean(&format!("show --json {}", db.id(rec)), &r.stdout, false);
            let value: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
            assert_eq!(value["record"], stored(&db, rec), "{}", db.id(rec));
        }
    }
}

fn stored(db: &Db, rec: Rec) -> serde_json::Value {
    match rec.kind {
        RecordKind::History => serde_json::to_value(&db.history()[rec.idx()]),
        RecordKind::Enterprise => serde_json::to_value(&db.enterprises()[rec.idx()]),
        RecordKind::Brand => serde_json::to_value(&db.brands()[rec.idx()]),
        RecordKind::Indicator => serde_json::to_value(&db.indicators()[rec.idx()]),
    }
    .unwrap()
}

#[test]
fn export_to_stdout_is_clean_in_every_format_and_json_is_exact() {
    let db = db();
    let home = tempfile::tempdir().unwrap();
    for (tab, kind) in ["history", "enterprises", "brands", "indicators"]
        .into_iter()
        .zip(RecordKind::ALL)
    {
        for format in ["csv", "json", "jsonl"] {
            let what = format!("export --tab {tab} --format {format}");
            let r = run(
                &["export", "--tab", tab, "--format", format, "--data", &hostile()],
                home.path(),
            );
            assert_eq!(r.code, 0, "{what}: {}", String::from_utf8_lossy(&r.stderr));
            assert_clean(&what, &r.stdout, false);
            assert_clean(&what, &r.stderr, false);
            let items: Vec<serde_json::Value> = match format {
                "json" => serde_json::from_slice(&r.stdout).unwrap(),
                "jsonl" => r
                    .stdout
                    .split(|b| *b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(|l| serde_json::from_slice(l).unwrap())
                    .collect(),
                _ => {
                    let mut reader = csv::Reader::from_reader(r.stdout.as_slice());
                    assert_eq!(reader.records().count(), db.len(kind), "{what}");
                    continue;
                }
            };
            assert_eq!(items.len(), db.len(kind), "{what}");
            for (i, item) in items.iter().enumerate() {
                assert_eq!(item["record"], stored(&db, Rec::new(kind, i)), "{what}");
            }
        }
    }
}

#[test]
fn export_to_a_file_is_clean_too() {
    let home = tempfile::tempdir().unwrap();
    for format in ["csv", "json", "jsonl"] {
        let path = home.path().join(format!("out.{format}"));
        let r = run(
            &[
                "export",
                "--tab",
                "enterprises",
                "--output",
                path.to_str().unwrap(),
                "--data",
                &hostile(),
            ],
            home.path(),
        );
        assert_eq!(r.code, 0, "{}", String::from_utf8_lossy(&r.stderr));
        assert!(r.stdout.is_empty());
        assert_clean(&format!("{format} file"), &std::fs::read(&path).unwrap(), true);
        assert_clean("confirmation", &r.stderr, false);
    }
}

#[test]
fn ids_with_controls_are_refused_and_the_refusal_is_clean() {
    let home = tempfile::tempdir().unwrap();
    let bad = fixture("bad/control_id.json");
    let r = run(&["validate", bad.to_str().unwrap()], home.path());
    assert_eq!(r.code, 2);
    // The problems on stdout (what the check was asked for), the summary on stderr.
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(
        stdout.matches("ids must not contain control characters").count(),
        3,
        "{stdout}"
    );
    assert!(stdout.contains("enterprises[3].kind: unknown value"), "{stdout}");
    assert_clean("validate control_id.json", &r.stdout, false);
    assert_clean("validate control_id.json", &r.stderr, false);
}

#[test]
fn hostile_command_line_input_is_clean() {
    let home = tempfile::tempdir().unwrap();
    let evil = "\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J\u{202e}";
    let cases: Vec<Vec<String>> = vec![
        vec!["show".into(), evil.into(), "--data".into(), hostile()],
        vec!["validate".into(), format!("/nonexistent/{evil}.json")],
        vec!["show".into(), "x".into(), "--data".into(), format!("{evil}.json")],
        vec![
            "export".into(),
            "--tab".into(),
            "brands".into(),
            "--output".into(),
            format!("/nonexistent/{evil}.csv"),
            "--data".into(),
            hostile(),
        ],
        vec!["export".into(), "--tab".into(), evil.into()],
        vec![evil.into()],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&args, home.path());
        assert_ne!(r.code, 0, "{args:?}");
        assert!(
            r.stderr.starts_with(b"shuibei: "),
            "{args:?}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        assert_clean(&format!("{args:?}"), &r.stderr, false);
        assert_clean(&format!("{args:?}"), &r.stdout, false);
    }
}

#[test]
fn hostile_config_values_are_clean() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("shuibei");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, "data = \"/d/\\u001b]52;c;eA==\\u0007\\u009b.json\"\n").unwrap();
    let r = run(&["--print-config"], home.path());
    assert_eq!(r.code, 0, "{}", String::from_utf8_lossy(&r.stderr));
    assert_clean("--print-config", &r.stdout, false);
    let r = run(&["validate"], home.path());
    assert_eq!(r.code, 2);
    assert_clean("validate with a hostile data path", &r.stderr, false);
    assert_clean("validate with a hostile data path", &r.stdout, false);
    // An action name is checked, and refused, by --print-config too: the refusal is clean.
    std::fs::write(&config, "[keys]\n\"act\\u001b[2J\\u202e\" = \"q\"\n").unwrap();
    let r = run(&["--print-config"], home.path());
    assert_eq!(r.code, 2);
    assert_clean("--print-config with a hostile action name", &r.stderr, false);
    assert!(String::from_utf8_lossy(&r.stderr).contains("unknown action"));

    std::fs::write(&config, "theme = \"\\u001b]52;c;eA==\\u0007\"\n").unwrap();
    let r = run(&["--print-config"], home.path());
    assert_eq!(r.code, 2);
    assert!(String::from_utf8_lossy(&r.stderr).contains("config.toml:1:9: theme = "));
    assert_clean("bad config", &r.stderr, false);
}
