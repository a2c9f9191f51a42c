//! The problems of a dataset file: what loading and checking share, kept here so that
//! the checks need nothing from the loader (the loader calls the checks, never the
//! reverse). A [`Problem`] with its place, the capped list both fill (`Problems`),
//! what the detailed pass salvaged of records that failed to parse (`Salvage`, which
//! the checks consult), the [`LoadError`] a caller receives, and the wording of messages
//! (serde's, rewritten; a suggestion for a near-miss name).

use std::fmt;
use std::fmt::Write as _;

/// What every message about a file that ends too early ends with: the explorer tells by
/// it that a dataset changed on disk may still be being written.
pub const CUT_SHORT: &str = "(truncated?)";

/// How many problems one report lists before it says "and N more".
pub const MAX_PROBLEMS: usize = 50;

/// How many problems a load lists in this process: [`MAX_PROBLEMS`] unless
/// [`list_every_problem`] was called (`shuibei validate --all`). A process-wide setting,
/// not a parameter: problems are collected on the loader's threads, deep below the one
/// command that asks for them all.
static LIMIT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(MAX_PROBLEMS);

/// Makes every later load in this process list every problem it finds, not only the
/// first [`MAX_PROBLEMS`]: each is then placed in the file, which takes longer on a file
/// with very many (a minute for half a million).
pub fn list_every_problem() {
    LIMIT.store(usize::MAX, std::sync::atomic::Ordering::Relaxed);
}

fn limit() -> usize {
    LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

/// Where in the file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and byte column, when the problem has a place in the text.
    pub position: Option<(usize, usize)>,
    /// The record path, e.g. `enterprises[3].owner`, when the problem has one.
    pub path: Option<String>,
    pub message: String,
}

impl Problem {
    pub(crate) fn at_path(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            position: None,
            path: Some(path.into()),
            message: message.into(),
        }
    }

    pub(crate) fn whole_file(message: impl Into<String>) -> Problem {
        Problem {
            position: None,
            path: None,
            message: message.into(),
        }
    }
}

/// Everything wrong with one dataset file.
#[derive(Debug, Clone)]
pub struct LoadError {
    /// The file name as the user gave it, or [`EMBEDDED_ORIGIN`](crate::data::load::EMBEDDED_ORIGIN).
    pub origin: String,
    /// At most [`MAX_PROBLEMS`] problems (unless [`list_every_problem`] was called), in
    /// file order.
    pub problems: Vec<Problem>,
    /// How many more problems were found and not listed.
    pub omitted: usize,
}

impl LoadError {
    pub(crate) fn single(origin: &str, problem: Problem) -> LoadError {
        LoadError {
            origin: origin.to_owned(),
            problems: vec![problem],
            omitted: 0,
        }
    }

    /// One line per problem, `FILE:LINE:COLUMN: path: message`.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        self.lines_with("")
    }

    /// [`LoadError::lines`], the count of problems not listed saying `more` too (how to
    /// list them: the caller knows the command line).
    #[must_use]
    pub fn lines_with(&self, more: &str) -> Vec<String> {
        let mut lines: Vec<String> = self
            .problems
            .iter()
            .map(|p| {
                let mut line = self.origin.clone();
                if let Some((l, c)) = p.position {
                    let _ = write!(line, ":{l}:{c}");
                }
                line.push_str(": ");
                if let Some(path) = &p.path {
                    line.push_str(path);
                    line.push_str(": ");
                }
                line.push_str(&p.message);
                line
            })
            .collect();
        if self.omitted > 0 {
            lines.push(format!(
                "{}: and {} more problems (only the first {} are listed{more})",
                self.origin,
                self.omitted,
                self.problems.len(),
            ));
        }
        lines
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for LoadError {}

/// Collects problems up to the cap ([`MAX_PROBLEMS`], or none after
/// [`list_every_problem`]) and counts the rest.
#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    omitted: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, problem: Problem) {
        if self.list.len() < limit() {
            self.list.push(problem);
        } else {
            self.omitted += 1;
        }
    }

    /// Pushes the problem `make` describes; once the list is full, only counts it, so a
    /// file with a million bad records is not described a million times (placing each
    /// one in the file cost more than reading it: 77 s for 666,000 bad values).
    pub(crate) fn push_with(&mut self, make: impl FnOnce() -> Problem) {
        if self.list.len() < limit() {
            self.list.push(make());
        } else {
            self.omitted += 1;
        }
    }

    /// The problems kept so far, in file order.
    #[cfg(test)]
    pub(crate) fn list(&self) -> &[Problem] {
        &self.list
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty() && self.omitted == 0
    }

    pub(crate) fn into_error(self, origin: &str) -> LoadError {
        LoadError {
            origin: origin.to_owned(),
            problems: self.list,
            omitted: self.omitted,
        }
    }
}

/// The system's reason for an I/O error as a person reads it: "is a directory", not
/// "Is a directory (os error 21)".
#[must_use]
pub fn reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Rewrites serde's messages into the words of this format, with a suggestion where a
/// name is close to a known one.
pub(crate) fn friendly_message(err: &serde_json::Error) -> String {
    let mut msg = err.to_string();
    if let Some(cut) = msg.rfind(" at line ") {
        msg.truncate(cut);
    }
    if let Some(rest) = msg.strip_prefix("unknown field `")
        && let Some((name, tail)) = split_quoted(rest)
    {
        return unknown_field_message(name, &backquoted(tail));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `")
        && let Some((value, tail)) = split_quoted(rest)
    {
        {
            let known = backquoted(tail);
            let mut out = format!("unknown value {value:?}");
            if let Some(best) = closest(value, &known) {
                let _ = write!(out, "; did you mean {best:?}?");
            }
            let _ = write!(out, " (expected one of: {})", known.join(", "));
            return out;
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        return format!("missing required field {name:?}");
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = rest.trim_end_matches('`');
        return format!("duplicate field {name:?}");
    }
    if msg == "key must be a string" {
        return "expected a field name in quotes (is there a trailing comma?)".into();
    }
    if msg == "trailing comma" {
        return "trailing comma: JSON does not allow a comma before `]` or `}`".into();
    }
    if msg.starts_with("recursion limit exceeded") {
        return "nesting is too deep (more than 128 levels); a dataset is only a few levels deep".into();
    }
    if msg.starts_with("EOF while parsing") {
        return format!("{msg}: the file ends too early {CUT_SHORT}");
    }
    if msg.starts_with("number out of range") {
        return "number out of range: numbers must be finite".into();
    }
    // serde's words for the shapes, in the words of the format's description.
    if let Some(found) = msg.strip_prefix("invalid type: ")
        && let Some((found, wanted)) = found.rsplit_once(", expected ")
    {
        let wanted = match wanted {
            "a sequence" => "a list in brackets, e.g. [\"a\", \"b\"]",
            "a map" => "an object in braces, { … }",
            "a string" => "text in quotes",
            other => other,
        };
        let found = match found {
            "map" => "an object".to_owned(),
            "sequence" => "a list".to_owned(),
            other => {
                if let Some(text) = other.strip_prefix("string ") {
                    format!("the text {text}")
                } else if let Some(number) = other
                    .strip_prefix("integer ")
                    .or_else(|| other.strip_prefix("floating point "))
                {
                    format!("the number {}", number.trim_matches('`'))
                } else if let Some(value) = other.strip_prefix("boolean ") {
                    value.trim_matches('`').to_owned()
                } else {
                    other.to_owned()
                }
            }
        };
        return format!("expected {wanted}, found {found}");
    }
    msg
}

pub(crate) fn unknown_field_message(name: &str, known: &[&str]) -> String {
    let mut out = format!("unknown field {name:?}");
    match closest(name, known) {
        Some(best) => {
            let _ = write!(out, "; did you mean {best:?}?");
        }
        None if !known.is_empty() => {
            let _ = write!(out, " (known fields: {})", known.join(", "));
        }
        None => {}
    }
    out
}

/// Splits the rest of serde's "unknown field `NAME`, expected …" (after the first
/// backtick) into the name and what follows. The name comes from the file and may hold
/// backticks of its own; the known names that follow never do, so the separator is the
/// last one. (Splitting at the first backtick read a name like ``a`b`` as `a`, and the
/// rest of it as the list of known fields.)
fn split_quoted(rest: &str) -> Option<(&str, &str)> {
    let sep = ["`, expected ", "`, there are no "]
        .iter()
        .filter_map(|s| rest.rfind(s))
        .max()?;
    Some((&rest[..sep], &rest[sep + 1..]))
}

fn backquoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The known name nearest to `word`, if it is near enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2) && *d < k.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

const SECTIONS: [&str; 5] = ["sources", "history", "enterprises", "brands", "indicators"];

fn section_slot(section: &str) -> usize {
    SECTIONS.iter().position(|s| *s == section).expect("known section")
}

/// What the detailed pass kept of records that failed to parse: their ids (so that
/// references to them are not reported as unknown too) and the original position of
/// each record that did parse (so paths name the record the user sees in the file).
#[derive(Default)]
pub(crate) struct Salvage {
    /// False when `cluster` was missing or broken (already reported), so its fields are not checked.
    pub(crate) cluster_parsed: bool,
    /// True when `format` was missing (already reported), so its value is not checked.
    pub(crate) format_missing: bool,
    pub(crate) failed_ids: Vec<String>,
    /// Per section, the original positions of the records that failed, in order; the
    /// records that parsed fill the other positions (kept as gaps, not as a position per
    /// record: a million records would cost 8 MB and a push each).
    failed: [Vec<usize>; 5],
    seen: [usize; 5],
}

impl Salvage {
    /// Notes a record that failed to parse; keeps its id if it has a readable one.
    pub(crate) fn remember(&mut self, section: &str, raw: &str) {
        #[derive(serde::Deserialize)]
        struct JustId {
            id: Option<String>,
        }
        let slot = section_slot(section);
        self.failed[slot].push(self.seen[slot]);
        self.seen[slot] += 1;
        if let Ok(JustId { id: Some(id) }) = serde_json::from_str::<JustId>(raw) {
            self.failed_ids.push(id);
        }
    }

    /// Notes that the next `n` records of `section` parsed.
    pub(crate) fn kept(&mut self, section: &str, n: usize) {
        self.seen[section_slot(section)] += n;
    }

    /// The position in the file's section of the `parsed`-th record that parsed.
    pub(crate) fn original(&self, section: &str, parsed: usize) -> usize {
        // Each failure at or before the answer shifts it by one.
        let mut original = parsed;
        for &gap in &self.failed[section_slot(section)] {
            if gap <= original {
                original += 1;
            } else {
                break;
            }
        }
        original
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths name the record as it is in the file: parsed records skip the positions
    /// of those that failed before them.
    #[test]
    fn original_positions_skip_failed_records() {
        let mut salvage = Salvage::default();
        salvage.kept("enterprises", 2); // 0, 1
        salvage.remember("enterprises", "{}"); // 2 failed
        salvage.kept("enterprises", 1); // 3
        salvage.remember("enterprises", "{}"); // 4 failed
        salvage.remember("enterprises", "{}"); // 5 failed
        salvage.kept("enterprises", 3); // 6, 7, 8
        let originals: Vec<usize> = (0..6).map(|i| salvage.original("enterprises", i)).collect();
        assert_eq!(originals, [0, 1, 3, 6, 7, 8]);
        assert_eq!(salvage.original("brands", 4), 4);
    }

    #[test]
    fn closest_suggests_only_likely_typos() {
        let known = ["id", "name", "name_zh", "kind", "ownership"];
        assert_eq!(closest("nmae", &known), Some("name"));
        assert_eq!(closest("owner_ship", &known), Some("ownership"));
        assert_eq!(closest("namezh", &known), Some("name_zh"));
        assert_eq!(closest("revenue", &known), None);
    }

    /// Found by fuzzing: a field name or enum value holding a backtick garbled the message
    /// ("unknown field \"a\" (known fields: x, , expected one of , , …)").
    #[test]
    fn names_with_backticks_keep_their_message_whole() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Rec {
            id: String,
            name: Option<String>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "lowercase")]
        enum Level {
            High,
            Low,
        }
        let field = serde_json::from_str::<Rec>(r#"{"id":"x","a`b, expected `c`":1}"#).unwrap_err();
        assert_eq!(
            friendly_message(&field),
            "unknown field \"a`b, expected `c`\" (known fields: id, name)"
        );
        let variant = serde_json::from_str::<Level>(r#""x`y""#).unwrap_err();
        assert_eq!(
            friendly_message(&variant),
            "unknown value \"x`y\" (expected one of: high, low)"
        );
        let empty = serde_json::from_str::<Level>(r#""""#).unwrap_err();
        assert_eq!(
            friendly_message(&empty),
            "unknown value \"\" (expected one of: high, low)"
        );
    }
}
