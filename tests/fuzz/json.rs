//! Strategies for the loader's fuzzing: odd characters and strings, JSON text, and edits
//! of the minimal valid dataset (bytes, and structure).

use proptest::prelude::*;
use proptest::sample::Index;

use super::MINIMAL;

/// Characters that break things: controls, C1, bidi, joiners, combining marks, wide
/// and zero-width characters, separators, noncharacters, and anything at all.
pub fn odd_char() -> impl Strategy<Value = char> {
    let chars = prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            '\0', '\u{7}', '\u{8}', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{9c}',
            '\u{61c}', '\u{200b}', '\u{200d}', '\u{200e}', '\u{202e}', '\u{2066}', '\u{2069}',
            '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', '\u{fffe}', '\u{ffff}', '\u{10ffff}',
            '\u{301}', '\u{20dd}', '\u{fe0f}', '周', '金', '水', '👨', '🚀', '\u{ff21}', '\u{3000}',
            '"', '\\', '/', '{', '}', '[', ']', ',', ':', ' ',
        ]),
        2 => proptest::char::range('a', 'z'),
    ];
    chars
}

/// Grapheme clusters whose width as a string is not the sum of their characters' widths:
/// emoji ZWJ sequences (narrower), combining marks, flags, Hangul jamo.
pub const CLUSTERS: &[&str] = &[
    "👨\u{200d}👩\u{200d}👧",
    "e\u{301}",
    "🇨🇳",
    "\u{1100}\u{1161}\u{11a8}",
    "\u{644}\u{627}",
    "水\u{301}\u{308}",
    "金\u{20dd}",
];

/// Clusters wider as a string than their characters: an emoji or keycap base followed
/// by VS16 is 2 columns, its characters 1 + 0. `layout::text::wrap` once looped forever on a
/// word of them too wide for its line (see `wrap_ends_on_text_wider_than_its_characters`).
pub const WIDER_THAN_CHARS: &[&str] = &["❤\u{fe0f}", "☺\u{fe0f}", "#\u{fe0f}\u{20e3}", "1\u{fe0f}"];

pub fn cluster() -> impl Strategy<Value = String> {
    let all: Vec<&str> = CLUSTERS.iter().chain(WIDER_THAN_CHARS).copied().collect();
    prop::sample::select(all).prop_map(str::to_owned)
}

pub fn odd_string(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => odd_char().prop_map(String::from),
        2 => cluster(),
        // Runs of one cluster: long words of emoji, combining marks or CJK.
        1 => (cluster(), 1usize..40).prop_map(|(c, n)| c.repeat(n)),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// The field names of the format, so mutations reach the checks behind the parser.
pub const FIELDS: &[&str] = &[
    "format",
    "cluster",
    "sources",
    "history",
    "enterprises",
    "brands",
    "indicators",
    "id",
    "name",
    "name_zh",
    "kind",
    "ownership",
    "segments",
    "listings",
    "people",
    "exchange",
    "code",
    "listed",
    "role",
    "as_of",
    "summary",
    "tags",
    "source",
    "quote",
    "reliability",
    "publisher",
    "date",
    "title",
    "title_zh",
    "related",
    "owner",
    "honors",
    "year",
    "metric",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "scope",
    "established",
    "location",
    "founded",
    "group",
    "segment",
    "note",
    "url",
    "by",
];

/// Values the checks care about: ids that exist, enum values, dates, odd numbers.
pub fn interesting_literal() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1",
        "-1",
        "0.5",
        "1e400",
        "-1e400",
        "1e-400",
        "4.9e-324",
        "1.7976931348623157e308",
        "18446744073709551616",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "1E2",
        "2006",
        "99999",
        "-2006",
        "\"\"",
        "\" \"",
        "\"ent-a\"",
        "\"ent-b\"",
        "\"src-a\"",
        "\"src-b\"",
        "\"brand-a\"",
        "\"ev-1\"",
        "\"ind-1\"",
        "\"high\"",
        "\"low\"",
        "\"medium\"",
        "\"company\"",
        "\"private\"",
        "\"more-than\"",
        "\"gold\"",
        "\"2004-08\"",
        "\"2004-13\"",
        "\"2004-02-30\"",
        "\"0000\"",
        "\"9999-12-31\"",
        "\"2004-08-01T00:00\"",
        "\"shuibei/1\"",
        "\"shuibei/2\"",
        "\"\\ud800\"",
        "\"\\udfff\\ud800\"",
        "\"\\u0000\"",
        "\"\\u001b[2J\"",
        "[]",
        "{}",
        "[null]",
        "{\"\":null}",
    ])
    .prop_map(str::to_owned)
}

/// Arbitrary JSON text, from a few levels of random structure over odd leaves.
pub fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => interesting_literal(),
        2 => odd_string(24).prop_map(|s| serde_json::to_string(&s).expect("a string serializes")),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| f.to_string()),
        1 => (1usize..400, any::<bool>()).prop_map(|(n, array)| deep(n, array)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((key(), inner), 0..6).prop_map(|fields| {
                let fields: Vec<String> = fields.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// An object key: a field of the format, mostly, or anything.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FIELDS).prop_map(|k| format!("\"{k}\"")),
        1 => odd_string(12).prop_map(|s| serde_json::to_string(&s).expect("a string serializes")),
    ]
}

/// `n` nested arrays or objects around a number.
pub fn deep(n: usize, array: bool) -> String {
    if array {
        format!("{}1{}", "[".repeat(n), "]".repeat(n))
    } else {
        format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))
    }
}

// ---------------------------------------------------------------------------------
// Mutations of the minimal valid dataset.

/// One byte-level edit; positions are fractions of the current length.
#[derive(Debug, Clone)]
pub enum ByteEdit {
    Replace(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Truncate(Index),
    /// Copies a slice to another place (duplicate fields, records, brackets).
    Splice {
        from: Index,
        len: usize,
        to: Index,
    },
}

pub fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b"{}[]\",:\\0123456789-.eE \ntfn\x00\x1b\x7f\xc2\x9b\xe2\x80\xae\xff".to_vec()),
    ]
}

pub fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        4 => (any::<Index>(), interesting_byte()).prop_map(|(i, b)| ByteEdit::Replace(i, b)),
        3 => (any::<Index>(), prop::collection::vec(interesting_byte(), 1..8)).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        3 => (any::<Index>(), 1usize..16).prop_map(|(i, n)| ByteEdit::Delete(i, n)),
        1 => any::<Index>().prop_map(ByteEdit::Truncate),
        2 => (any::<Index>(), 1usize..200, any::<Index>()).prop_map(|(from, len, to)| ByteEdit::Splice { from, len, to }),
    ]
}

pub fn apply_byte_edits(mut bytes: Vec<u8>, edits: &[ByteEdit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        if len == 0 {
            break;
        }
        match edit {
            ByteEdit::Replace(i, b) => bytes[i.index(len)] = *b,
            ByteEdit::Insert(i, new) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            ByteEdit::Delete(i, n) => {
                let at = i.index(len);
                bytes.drain(at..(at + n).min(len));
            }
            ByteEdit::Truncate(i) => bytes.truncate(i.index(len)),
            ByteEdit::Splice { from, len: n, to } => {
                let start = from.index(len);
                let piece = bytes[start..(start + n).min(len)].to_vec();
                let at = to.index(len + 1);
                bytes.splice(at..at, piece);
            }
        }
    }
    bytes
}

/// One structural edit of the parsed dataset; `Index`es pick among the nodes present.
#[derive(Debug, Clone)]
pub enum TreeEdit {
    /// Replaces any value (an object's field, an array's item) by random JSON.
    Set(Index, String),
    /// Adds a field (usually a known name) to any object.
    Add(Index, String, String),
    /// Removes a field from an object or an item from an array.
    Remove(Index),
    /// Appends a copy of an array's item (duplicate ids, repeated records).
    Duplicate(Index),
    /// Replaces a string with odd text: keeps the type, so the dataset often still loads
    /// and the explorer has to show the text.
    Retext(Index, String),
    /// Replaces a number with an odd one (huge, tiny, negative, fractional).
    Renumber(Index, String),
}

pub fn tree_edit() -> impl Strategy<Value = TreeEdit> {
    prop_oneof![
        4 => (any::<Index>(), json_text()).prop_map(|(i, v)| TreeEdit::Set(i, v)),
        2 => (any::<Index>(), key(), json_text()).prop_map(|(i, k, v)| TreeEdit::Add(i, k, v)),
        2 => any::<Index>().prop_map(TreeEdit::Remove),
        1 => any::<Index>().prop_map(TreeEdit::Duplicate),
        2 => value_edit(),
    ]
}

/// Edits that keep each value's type, so the dataset usually still loads.
pub fn value_edit() -> impl Strategy<Value = TreeEdit> {
    prop_oneof![
        3 => (any::<Index>(), odd_string(80)).prop_map(|(i, s)| TreeEdit::Retext(i, s)),
        1 => (any::<Index>(), odd_number()).prop_map(|(i, n)| TreeEdit::Renumber(i, n)),
    ]
}

pub fn odd_number() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "0",
            "-0",
            "-1",
            "0.5",
            "1e400",
            "-1e400",
            "1e-400",
            "4.9e-324",
            "1.7976931348623157e308",
            "-1.7976931348623157e308",
            "18446744073709551616",
            "9007199254740993",
            "2147483648",
            "-2147483649",
            "65536",
            "1E2",
            "1e-7",
            "123456789012345678901234567890",
        ])
        .prop_map(str::to_owned),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
    ]
}

/// Paths (object keys and array indices) to every value in the tree, root first.
pub fn paths(value: &serde_json::Value) -> Vec<Vec<PathStep>> {
    let mut out = vec![Vec::new()];
    let mut i = 0;
    while i < out.len() {
        let path = out[i].clone();
        match get(value, &path) {
            Some(serde_json::Value::Object(map)) => {
                out.extend(
                    map.keys()
                        .map(|k| [path.clone(), vec![PathStep::Key(k.clone())]].concat()),
                );
            }
            Some(serde_json::Value::Array(items)) => {
                out.extend((0..items.len()).map(|n| [path.clone(), vec![PathStep::Item(n)]].concat()));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether a path ends in a field of free text (a name, a title, a quote...), where any
/// text is valid, rather than an id, a date or an enum value, which the checks reject.
pub fn free_text(path: &[PathStep]) -> bool {
    let key = path.iter().rev().find_map(|step| match step {
        PathStep::Key(k) => Some(k.as_str()),
        PathStep::Item(_) => None,
    });
    matches!(
        key,
        Some(
            "name"
                | "name_zh"
                | "title"
                | "title_zh"
                | "summary"
                | "quote"
                | "note"
                | "publisher"
                | "location"
                | "role"
                | "scope"
                | "code"
                | "unit"
                | "tags"
                | "segments"
                | "date_label"
                | "by"
        )
    )
}

#[derive(Debug, Clone)]
pub enum PathStep {
    Key(String),
    Item(usize),
}

pub fn get<'a>(value: &'a serde_json::Value, path: &[PathStep]) -> Option<&'a serde_json::Value> {
    path.iter().try_fold(value, |v, step| match step {
        PathStep::Key(k) => v.get(k),
        PathStep::Item(n) => v.get(n),
    })
}

pub fn get_mut<'a>(value: &'a mut serde_json::Value, path: &[PathStep]) -> Option<&'a mut serde_json::Value> {
    path.iter().try_fold(value, |v, step| match step {
        PathStep::Key(k) => v.get_mut(k),
        PathStep::Item(n) => v.get_mut(n),
    })
}

/// Applies tree edits; random JSON goes in as a marker string that is swapped for the
/// raw text after serializing, so values `serde_json::Value` cannot hold (1e400, lone
/// surrogates, 400 levels of nesting) reach the loader as written.
pub fn apply_tree_edits(edits: &[TreeEdit]) -> String {
    let mut root: serde_json::Value = serde_json::from_str(MINIMAL).expect("minimal.json parses");
    let mut raw: Vec<String> = Vec::new();
    let mut marker = |text: &str| {
        raw.push(text.to_owned());
        serde_json::Value::String(format!("@@fuzz-{}@@", raw.len() - 1))
    };
    for edit in edits {
        let all = paths(&root);
        match edit {
            TreeEdit::Set(i, text) => {
                let path = &all[i.index(all.len())];
                if let Some(slot) = get_mut(&mut root, path) {
                    *slot = marker(text);
                }
            }
            TreeEdit::Add(i, key, text) => {
                let objects: Vec<&Vec<PathStep>> = all
                    .iter()
                    .filter(|p| get(&root, p).is_some_and(serde_json::Value::is_object))
                    .collect();
                if objects.is_empty() {
                    continue;
                }
                let path = objects[i.index(objects.len())].clone();
                let key: String = serde_json::from_str(key).unwrap_or_default();
                let value = marker(text);
                if let Some(serde_json::Value::Object(map)) = get_mut(&mut root, &path) {
                    map.insert(key, value);
                }
            }
            TreeEdit::Remove(i) => {
                let path = &all[i.index(all.len())];
                let Some((last, parent)) = path.split_last() else {
                    continue;
                };
                match (get_mut(&mut root, parent), last) {
                    (Some(serde_json::Value::Object(map)), PathStep::Key(k)) => {
                        map.shift_remove(k);
                    }
                    (Some(serde_json::Value::Array(items)), PathStep::Item(n)) => {
                        items.remove(*n);
                    }
                    _ => {}
                }
            }
            TreeEdit::Retext(i, text) => {
                let strings: Vec<&Vec<PathStep>> = all
                    .iter()
                    .filter(|p| free_text(p) && get(&root, p).is_some_and(serde_json::Value::is_string))
                    .collect();
                if let Some(path) = (!strings.is_empty()).then(|| strings[i.index(strings.len())].clone())
                    && let Some(slot) = get_mut(&mut root, &path)
                {
                    *slot = serde_json::Value::String(text.clone());
                }
            }
            TreeEdit::Renumber(i, text) => {
                let numbers: Vec<&Vec<PathStep>> = all
                    .iter()
                    .filter(|p| get(&root, p).is_some_and(serde_json::Value::is_number))
                    .collect();
                if let Some(path) = (!numbers.is_empty()).then(|| numbers[i.index(numbers.len())].clone())
                    && let Some(slot) = get_mut(&mut root, &path)
                {
                    *slot = marker(text);
                }
            }
            TreeEdit::Duplicate(i) => {
                let arrays: Vec<&Vec<PathStep>> = all
                    .iter()
                    .filter(|p| {
                        get(&root, p)
                            .and_then(serde_json::Value::as_array)
                            .is_some_and(|a| !a.is_empty())
                    })
                    .collect();
                if arrays.is_empty() {
                    continue;
                }
                let path = arrays[i.index(arrays.len())].clone();
                if let Some(serde_json::Value::Array(items)) = get_mut(&mut root, &path) {
                    let copy = items[i.index(items.len())].clone();
                    items.push(copy);
                }
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&root).expect("the tree serializes");
    for (n, piece) in raw.iter().enumerate() {
        text = text.replace(&format!("\"@@fuzz-{n}@@\""), piece);
    }
    text
}
