//! Problems in files large enough to be parsed in several batches (the walk goes on
//! while a batch is parsed): every problem comes out in file order, with its place and
//! path, as in a small file; broken syntax ends the walk at the first place, whatever
//! lies beyond it.

use std::fmt::Write as _;

/// A dataset of `n` enterprises, one per line (line `i + 3` holds `enterprises[i]`),
/// with `bad(i)` replacing the text of some records.
fn dataset(n: usize, bad: impl Fn(usize) -> Option<String>) -> String {
    let mut out = String::from("{\"format\":\"shuibei/1\",\"cluster\":{\"name\":\"c\"},\n\"enterprises\":[\n");
    for i in 0..n {
        if i > 0 {
            out.push_str(",\n");
        }
        match bad(i) {
            Some(text) => out.push_str(&text),
            None => {
                let _ = write!(
                    out,
                    r#"{{"id":"e{i}","name":"Enterprise number {i} of a file large enough for several batches","location":"Shuibei 1st Road, Luohu District"}}"#
                );
            }
        }
    }
    out.push_str("\n]}\n");
    out
}

fn problems(text: &str) -> Vec<String> {
    match shuibei::data::load::load_slice("big.json", text.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(err) => err.lines(),
    }
}

#[test]
fn problems_in_later_batches_keep_their_order_and_places() {
    // ~150 bytes a record: 100k records are ~15 MB, several 4 MB batches.
    let text = dataset(100_000, |i| match i {
        10 => Some(r#"{"id":"e10","name":5}"#.to_owned()),
        40_000 => Some(r#"{"id":"e40000","name":"x","nmae":"y"}"#.to_owned()),
        90_000 => Some(r#"{"id":"e90000","name":"x","kind":"compnay"}"#.to_owned()),
        _ => None,
    });
    assert!(text.len() > 12 << 20, "several batches: {} bytes", text.len());
    let lines = problems(&text);
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(
        lines[0].starts_with("big.json:13:20: enterprises[10].name: expected text in quotes, found the number 5"),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("big.json:40003:32: enterprises[40000].nmae: unknown field"),
        "{lines:#?}"
    );
    assert!(
        lines[2].starts_with("big.json:90003:42: enterprises[90000].kind: unknown value \"compnay\""),
        "{lines:#?}"
    );
}

#[test]
fn broken_syntax_ends_the_walk_at_the_first_place() {
    // Broken inside a record of the second batch; beyond it, in the next batch (which
    // the walk cuts out while the second is parsed), a missing comma between records
    // and a record of the wrong type.
    let text = dataset(100_000, |i| match i {
        30_000 => Some(r#"{"id":"e30000" "name":"x"}"#.to_owned()),
        70_000 => Some(r#"{"id":"e70000","name":"x"} {"id":"extra","name":"y"}"#.to_owned()),
        60_000 => Some(r#"{"id":"e60000","name":7}"#.to_owned()),
        _ => None,
    });
    let lines = problems(&text);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    // Placed where the comma goes, just after the id's value, not on the next value.
    assert!(lines[0].starts_with("big.json:30003:15: expected"), "{lines:#?}");
    assert!(
        lines[0].contains("a `,` is missing after this value (the next one starts on line 30003)"),
        "{lines:#?}"
    );
}

#[test]
fn a_walk_error_after_good_batches_is_reported_after_their_problems() {
    let text = dataset(100_000, |i| match i {
        20_000 => Some(r#"{"id":"e20000","name":5}"#.to_owned()),
        70_000 => Some(r#"{"id":"e70000","name":"x"} {"id":"extra","name":"y"}"#.to_owned()),
        _ => None,
    });
    let lines = problems(&text);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with("big.json:20003:23: enterprises[20000].name"),
        "{lines:#?}"
    );
    assert!(lines[1].starts_with("big.json:70003:"), "{lines:#?}");
    assert!(
        lines[1].contains("expected `,` or `]` after a record in enterprises"),
        "{lines:#?}"
    );
}

#[test]
fn a_missing_comma_is_placed_at_the_end_of_the_line_it_belongs_to() {
    let load = |text: &str| problems(text);
    // Inside a record: serde stops at the next field, on the next line.
    let lines = load(
        "{\"format\": \"shuibei/1\",\n \"cluster\": {\"name\": \"c\"},\n \"enterprises\": [\n  {\"id\": \"a\",\n   \"name\": \"A\"\n   \"location\": \"x\"}\n ]\n}\n",
    );
    assert_eq!(
        lines,
        ["big.json:5:15: expected `,` or `}`: a `,` is missing after this value (the next one starts on line 6)"]
    );
    // Between records.
    let lines = load(
        "{\"format\": \"shuibei/1\",\n \"cluster\": {\"name\": \"c\"},\n \"enterprises\": [\n  {\"id\": \"a\", \"name\": \"A\"}\n  {\"id\": \"b\", \"name\": \"B\"}\n ]\n}\n",
    );
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with("big.json:4:27: expected `,` or `]` after a record in enterprises, found `{`: a `,` is missing after this value (the next one starts on line 5)"), "{lines:#?}");
    // Between the dataset's own fields.
    let lines = load("{\"format\": \"shuibei/1\"\n \"cluster\": {\"name\": \"c\"}\n}\n");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with("big.json:1:23: expected `,` or `}` after a field"),
        "{lines:#?}"
    );
    // A comma too many, before `]` or `}`, is placed on the comma itself.
    for (text, place) in [
        (
            "{\"format\": \"shuibei/1\",\n \"cluster\": {\"name\": \"c\"},\n \"history\": [{\"id\": \"a\", \"date\": \"2026\", \"title\": \"t\",\n   \"tags\": [\"x\", \"y\",]}]}\n",
            "big.json:4:21:",
        ),
        (
            "{\"format\": \"shuibei/1\",\n \"cluster\": {\"name\": \"c\"},\n \"history\": [{\"id\": \"a\", \"date\": \"2026\", \"title\": \"t\"},\n ]}\n",
            "big.json:3:55:",
        ),
        (
            "{\"format\": \"shuibei/1\",\n \"cluster\": {\"name\": \"c\",}}\n",
            "big.json:2:25:",
        ),
    ] {
        let lines = load(text);
        assert_eq!(
            lines,
            [format!(
                "{place} a comma before `]` or `}}` is not allowed in JSON: remove this comma"
            )]
        );
    }
    // Something else that is not a comma is reported where it is.
    let lines = load("{\"format\": \"shuibei/1\",\n \"cluster\": {\"name\": \"c\" ;}\n}\n");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(!lines[0].contains("missing"), "{lines:#?}");
    assert!(lines[0].starts_with("big.json:2:26:"), "{lines:#?}");
}

/// "Did you mean" compares an unknown id with every id of the kind wanted: in a file of
/// more than ten thousand such ids it is not looked for (20 of them took seconds).
#[test]
fn a_large_file_is_not_searched_for_a_near_id() {
    let build = |n: usize| {
        let mut text = String::from(r#"{"format":"shuibei/1","cluster":{"name":"c"},"enterprises":["#);
        for i in 0..n {
            let comma = if i > 0 { "," } else { "" };
            text.push_str(&format!(r#"{comma}{{"id":"company-{i}","name":"C{i}"}}"#));
        }
        text.push_str(r#"],"brands":[{"id":"b","name":"B","owner":"company-7x"}]}"#);
        text
    };
    let message = |n: usize| match shuibei::data::load::load_slice("big.json", build(n).as_bytes()) {
        Ok(_) => panic!("an unknown owner fails"),
        Err(err) => err.problems[0].message.clone(),
    };
    assert!(message(100).contains("did you mean \"company-7\"?"), "{}", message(100));
    let big = message(10_001);
    assert!(
        big.starts_with("unknown id \"company-7x\"") && !big.contains("did you mean"),
        "{big}"
    );
}
