//! A streaming reader for `shuibei/1` files: the top-level object is walked here, each
//! record is cut out as raw JSON and parsed by serde — in parallel batches, so a million
//! records load on every core without ever holding the whole file in memory.
//!
//! A record that fails to parse is reported with its place and path and the walk goes
//! on, so one bad record never hides the next. Only broken JSON syntax stops the walk.

use std::io::Read;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::{Problem, Problems, friendly_message, unknown_field_message};
use crate::check::Salvage;
use crate::model::{Cluster, Dataset, Text};

/// How much is read from the file at a time.
const CHUNK: usize = 4 << 20;
/// How many bytes of records are parsed together; large enough to keep all cores busy.
const BATCH: usize = 4 << 20;

const TOP_LEVEL: [&str; 7] = [
    "format",
    "cluster",
    "sources",
    "history",
    "enterprises",
    "brands",
    "indicators",
];

/// Why the walk stopped early: broken syntax or an unreadable file (already reported).
struct Stop;

type Step<T> = Result<T, Stop>;

/// The buffer over the input and the bookkeeping that turns offsets into lines.
struct Scanner<R> {
    reader: R,
    buf: Vec<u8>,
    /// Next unread byte, as an index into `buf`.
    pos: usize,
    /// Absolute offset of `buf[0]` in the input.
    base: usize,
    /// Absolute offset before which bytes may be dropped from the buffer.
    keep: usize,
    eof: bool,
    /// Line number of `buf[0]` and absolute offset where that line starts.
    line0: usize,
    line_start0: usize,
}

impl<R: Read> Scanner<R> {
    fn new(reader: R) -> Self {
        Scanner {
            reader,
            buf: Vec::with_capacity(CHUNK),
            pos: 0,
            base: 0,
            keep: 0,
            eof: false,
            line0: 1,
            line_start0: 0,
        }
    }

    fn abs(&self) -> usize {
        self.base + self.pos
    }

    /// 1-based line and byte column of an absolute offset still in the buffer.
    fn position(&self, abs: usize) -> (usize, usize) {
        let upto = &self.buf[..abs.saturating_sub(self.base).min(self.buf.len())];
        let newlines = memchr::memchr_iter(b'\n', upto).count();
        let line_start = match memchr::memrchr(b'\n', upto) {
            Some(i) => self.base + i + 1,
            None => self.line_start0,
        };
        (self.line0 + newlines, abs - line_start + 1)
    }

    /// Reads more input, first dropping what is no longer needed. Returns false at the end.
    fn fill(&mut self, problems: &mut Problems) -> Step<bool> {
        if self.eof {
            return Ok(false);
        }
        let drop = self.keep.min(self.abs()).saturating_sub(self.base);
        if drop > 0 {
            let gone = &self.buf[..drop];
            let newlines = memchr::memchr_iter(b'\n', gone).count();
            if let Some(last) = memchr::memrchr(b'\n', gone) {
                self.line0 += newlines;
                self.line_start0 = self.base + last + 1;
            }
            self.buf.drain(..drop);
            self.base += drop;
            self.pos -= drop;
        }
        // Read at least as much as is held, so a huge record costs O(n) retries, not O(n²).
        let want = CHUNK.max(self.buf.len());
        let start = self.buf.len();
        self.buf.resize(start + want, 0);
        let mut filled = start;
        loop {
            match self.reader.read(&mut self.buf[filled..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => {
                    filled += n;
                    break;
                }
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(err) => {
                    self.buf.truncate(filled);
                    problems.push(Problem {
                        position: None,
                        path: None,
                        message: format!("cannot read the file: {err}"),
                    });
                    return Err(Stop);
                }
            }
        }
        self.buf.truncate(filled);
        Ok(filled > start)
    }

    /// The next byte that is not JSON whitespace, without consuming it.
    fn peek(&mut self, problems: &mut Problems) -> Step<Option<u8>> {
        loop {
            while self.pos < self.buf.len() {
                match self.buf[self.pos] {
                    b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                    b => return Ok(Some(b)),
                }
            }
            if !self.fill(problems)? {
                return Ok(None);
            }
        }
    }

    fn syntax(&self, problems: &mut Problems, message: impl Into<String>) -> Stop {
        problems.push(Problem {
            position: Some(self.position(self.abs())),
            path: None,
            message: message.into(),
        });
        Stop
    }

    /// Consumes `byte` (after whitespace) or reports what was found instead.
    fn expect(&mut self, byte: u8, problems: &mut Problems, context: &str) -> Step<()> {
        match self.peek(problems)? {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(b) => Err(self.syntax(
                problems,
                format!("expected `{}` {context}, found {}", byte as char, shown(b)),
            )),
            None => Err(self.syntax(
                problems,
                format!(
                    "expected `{}` {context}, but the file ends here (truncated?)",
                    byte as char
                ),
            )),
        }
    }

    /// Cuts out the next JSON value: its absolute start and end. The buffer holds it
    /// until `keep` moves past it.
    fn next_value(&mut self, problems: &mut Problems) -> Step<(usize, usize)> {
        if self.peek(problems)?.is_none() {
            return Err(self.syntax(problems, "expected a value, but the file ends here (truncated?)"));
        }
        loop {
            let start = self.pos;
            let mut de = serde_json::Deserializer::from_slice(&self.buf[start..]);
            match <&RawValue>::deserialize(&mut de) {
                Ok(raw) => {
                    let offset = raw.get().as_ptr() as usize - self.buf[start..].as_ptr() as usize;
                    let end = start + offset + raw.get().len();
                    // A number or literal that touches the end of the buffer may go on.
                    if end == self.buf.len() && !self.eof {
                        self.fill(problems)?;
                        continue;
                    }
                    let abs_start = self.base + start + offset;
                    self.pos = end;
                    return Ok((abs_start, self.base + end));
                }
                Err(err) if err.is_eof() && !self.eof => {
                    self.fill(problems)?;
                }
                Err(err) => {
                    let (line, col) = self.position(self.base + start);
                    let position = match err.line() {
                        0 | 1 => (line, col + err.column().saturating_sub(1)),
                        l => (line + l - 1, err.column()),
                    };
                    let mut message = friendly_message(&err);
                    if message == "invalid unicode code point" && std::str::from_utf8(&self.buf[start..]).is_err() {
                        message = "text is not valid UTF-8; save the file as UTF-8".into();
                    }
                    problems.push(Problem {
                        position: Some(position),
                        path: None,
                        message,
                    });
                    return Err(Stop);
                }
            }
        }
    }

    /// Cuts out the next record by matching its braces, without validating it: serde
    /// validates each record when it parses it (on all cores), so the serial walk need not
    /// read every string twice. Anything but an object, and an object the file ends inside,
    /// take the validating path ([`Scanner::next_value`]), whose messages say what is wrong.
    fn next_record(&mut self, problems: &mut Problems) -> Step<(usize, usize)> {
        if self.peek(problems)? != Some(b'{') {
            return self.next_value(problems);
        }
        loop {
            if let Some(len) = object_len(&self.buf[self.pos..]) {
                let start = self.base + self.pos;
                self.pos += len;
                return Ok((start, self.base + self.pos));
            }
            if !self.fill(problems)? {
                return self.next_value(problems);
            }
        }
    }

    /// Reports a record's broken syntax as the validating path would have, if it is broken.
    fn syntax_error(&self, start: usize, end: usize, problems: &mut Problems) -> Step<()> {
        let bytes = self.slice(start, end);
        let Err(err) = serde_json::from_slice::<&RawValue>(bytes) else {
            return Ok(());
        };
        let (line, col) = self.position(start);
        let position = match err.line() {
            0 | 1 => (line, col + err.column().saturating_sub(1)),
            l => (line + l - 1, err.column()),
        };
        let mut message = friendly_message(&err);
        if message == "invalid unicode code point" && std::str::from_utf8(bytes).is_err() {
            message = "text is not valid UTF-8; save the file as UTF-8".into();
        }
        problems.push(Problem {
            position: Some(position),
            path: None,
            message,
        });
        Err(Stop)
    }

    fn slice(&self, start: usize, end: usize) -> &[u8] {
        &self.buf[start - self.base..end - self.base]
    }
}

/// The length of the JSON object that `bytes` starts with, found by matching brackets
/// outside strings; `None` when it does not close within `bytes`. Does not validate.
fn object_len(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'"' => loop {
                // Inside a string only `"` and `\` matter; jump between them.
                i += 1;
                i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
                if bytes[i] == b'"' {
                    break;
                }
                i += 1; // the escaped char
            },
            _ => {}
        }
        i += 1;
    }
    None
}

fn shown(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02x}")
    }
}

/// Parses one value that is still in the buffer, reporting a failure with its place.
fn parse_at<T: DeserializeOwned, R: Read>(
    scan: &Scanner<R>,
    (start, end): (usize, usize),
    path: &str,
    problems: &mut Problems,
) -> Option<T> {
    let bytes = scan.slice(start, end);
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        Some(value)
    } else {
        problems.push(explain::<T>(scan.position(start), bytes, path));
        None
    }
}

/// Re-parses a failed value with path tracking, for a message that says where inside it.
fn explain<T: DeserializeOwned>(at: (usize, usize), bytes: &[u8], path: &str) -> Problem {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let Err(err) = serde_path_to_error::deserialize::<_, T>(&mut de) else {
        return Problem {
            position: Some(at),
            path: Some(path.to_owned()),
            message: "could not be read".into(),
        };
    };
    let inner = err.path().to_string();
    let full = if inner.is_empty() || inner == "." {
        path.to_owned()
    } else if inner.starts_with('[') {
        format!("{path}{inner}")
    } else {
        format!("{path}.{inner}")
    };
    let json = err.into_inner();
    let position = match json.line() {
        0 | 1 => (at.0, at.1 + json.column().saturating_sub(1)),
        l => (at.0 + l - 1, json.column()),
    };
    let message = if std::str::from_utf8(bytes).is_err() {
        "text is not valid UTF-8; save the file as UTF-8".to_owned()
    } else {
        friendly_message(&json)
    };
    Problem {
        position: Some(position),
        path: Some(full),
        message,
    }
}

/// Walks a whole file. Returns the records that parsed (with what `check` needs to
/// report paths as they are in the file), or `None` when the syntax is broken.
pub(super) fn read<R: Read>(reader: R, problems: &mut Problems) -> Option<(Dataset, Salvage)> {
    let mut walk = Walk {
        scan: Scanner::new(reader),
        salvage: Salvage::default(),
        data: Dataset {
            format: "".into(),
            cluster: Cluster {
                name: "".into(),
                name_zh: None,
                location: None,
                established: None,
                summary: None,
            },
            sources: Vec::new(),
            history: Vec::new(),
            enterprises: Vec::new(),
            brands: Vec::new(),
            indicators: Vec::new(),
        },
    };
    walk.object(problems).ok()?;
    Some((walk.data, walk.salvage))
}

struct Walk<R> {
    scan: Scanner<R>,
    salvage: Salvage,
    data: Dataset,
}

impl<R: Read> Walk<R> {
    fn object(&mut self, problems: &mut Problems) -> Step<()> {
        // Editors on Windows like to start UTF-8 files with a byte-order mark; it carries no data.
        const BOM: &[u8] = "\u{feff}".as_bytes();
        while self.scan.buf.len() < BOM.len() && self.scan.fill(problems)? {}
        if self.scan.buf.starts_with(BOM) {
            self.scan.pos = BOM.len();
        }
        match self.scan.peek(problems)? {
            None => {
                problems.push(Problem {
                    position: None,
                    path: None,
                    message: format!(
                        "the file is empty; a dataset is a JSON object with \"format\": \"{}\"",
                        crate::model::FORMAT
                    ),
                });
                return Err(Stop);
            }
            Some(b'{') => self.scan.pos += 1,
            Some(b) => {
                return Err(self.scan.syntax(
                    problems,
                    format!("a dataset is a JSON object starting with `{{`, found {}", shown(b)),
                ));
            }
        }
        let mut seen: Vec<&'static str> = Vec::new();
        if self.scan.peek(problems)? == Some(b'}') {
            self.scan.pos += 1;
        } else {
            loop {
                self.field(&mut seen, problems)?;
                match self.scan.peek(problems)? {
                    Some(b',') => self.scan.pos += 1,
                    Some(b'}') => {
                        self.scan.pos += 1;
                        break;
                    }
                    Some(b) => {
                        return Err(self.scan.syntax(
                            problems,
                            format!("expected `,` or `}}` after a field, found {}", shown(b)),
                        ));
                    }
                    None => {
                        return Err(self
                            .scan
                            .syntax(problems, "the file ends inside the dataset object (truncated?)"));
                    }
                }
            }
        }
        if let Some(b) = self.scan.peek(problems)? {
            return Err(self.scan.syntax(
                problems,
                format!("unexpected {} after the end of the dataset object", shown(b)),
            ));
        }
        for required in ["format", "cluster"] {
            if !seen.contains(&required) {
                problems.push(Problem {
                    position: None,
                    path: None,
                    message: format!("missing required field {required:?}"),
                });
            }
        }
        Ok(())
    }

    fn field(&mut self, seen: &mut Vec<&'static str>, problems: &mut Problems) -> Step<()> {
        self.scan.keep = self.scan.abs();
        if self.scan.peek(problems)? != Some(b'"') {
            let found = self
                .scan
                .peek(problems)?
                .map_or_else(|| "the end of the file".to_owned(), shown);
            return Err(self
                .scan
                .syntax(problems, format!("expected a field name in quotes, found {found}")));
        }
        let key_at = self.scan.next_value(problems)?;
        let key_pos = self.scan.position(key_at.0);
        let key: String = serde_json::from_slice(self.scan.slice(key_at.0, key_at.1)).unwrap_or_default();
        self.scan
            .expect(b':', problems, &format!("after the field name {key:?}"))?;
        let known = TOP_LEVEL.iter().copied().find(|k| *k == key);
        let duplicate = known.is_some_and(|k| seen.contains(&k));
        let at = |message: String| Problem {
            position: Some(key_pos),
            path: None,
            message,
        };
        match known {
            Some(name) if !duplicate => {
                seen.push(name);
                match name {
                    "format" => {
                        let value = self.scan.next_value(problems)?;
                        if let Some(format) = parse_at::<Text, R>(&self.scan, value, "format", problems) {
                            self.data.format = format;
                        }
                    }
                    "cluster" => {
                        let value = self.scan.next_value(problems)?;
                        if let Some(cluster) = parse_at::<Cluster, R>(&self.scan, value, "cluster", problems) {
                            self.data.cluster = cluster;
                            self.salvage.cluster_parsed = true;
                        }
                    }
                    section => self.section(section, problems)?,
                }
            }
            Some(name) => {
                problems.push(at(format!("duplicate field {name:?}")));
                self.scan.next_value(problems)?;
            }
            None => {
                problems.push(at(unknown_field_message(&key, &TOP_LEVEL)));
                self.scan.next_value(problems)?;
            }
        }
        self.scan.keep = self.scan.abs();
        Ok(())
    }

    fn section(&mut self, name: &'static str, problems: &mut Problems) -> Step<()> {
        if self.scan.peek(problems)? != Some(b'[') {
            let value = self.scan.next_value(problems)?;
            problems.push(Problem {
                position: Some(self.scan.position(value.0)),
                path: Some(name.to_owned()),
                message: "must be an array of records (`[...]`)".into(),
            });
            return Ok(());
        }
        self.scan.pos += 1;
        let mut pending: Vec<(usize, usize)> = Vec::new();
        let mut pending_bytes = 0;
        let mut index = 0;
        if self.scan.peek(problems)? == Some(b']') {
            self.scan.pos += 1;
            return Ok(());
        }
        loop {
            if pending.is_empty() {
                self.scan.keep = self.scan.abs();
            }
            let value = self.scan.next_record(problems)?;
            pending_bytes += value.1 - value.0;
            pending.push(value);
            let more = match self.scan.peek(problems)? {
                Some(b',') => {
                    self.scan.pos += 1;
                    true
                }
                Some(b']') => {
                    self.scan.pos += 1;
                    false
                }
                Some(b) => {
                    return Err(self.scan.syntax(
                        problems,
                        format!("expected `,` or `]` after a record in {name}, found {}", shown(b)),
                    ));
                }
                None => {
                    return Err(self
                        .scan
                        .syntax(problems, format!("the file ends inside {name} (truncated?)")));
                }
            };
            if !more || pending_bytes >= BATCH {
                self.flush(name, index, &pending, problems)?;
                index += pending.len();
                pending.clear();
                pending_bytes = 0;
                self.scan.keep = self.scan.abs();
            }
            if !more {
                return Ok(());
            }
        }
    }

    /// Parses a batch of records in parallel and appends them to their section.
    fn flush(
        &mut self,
        name: &'static str,
        first: usize,
        pending: &[(usize, usize)],
        problems: &mut Problems,
    ) -> Step<()> {
        match name {
            "sources" => self.flush_into(name, first, pending, problems, |d| &mut d.sources),
            "history" => self.flush_into(name, first, pending, problems, |d| &mut d.history),
            "enterprises" => self.flush_into(name, first, pending, problems, |d| &mut d.enterprises),
            "brands" => self.flush_into(name, first, pending, problems, |d| &mut d.brands),
            _ => self.flush_into(name, first, pending, problems, |d| &mut d.indicators),
        }
    }

    fn flush_into<T: DeserializeOwned + Send>(
        &mut self,
        name: &'static str,
        first: usize,
        pending: &[(usize, usize)],
        problems: &mut Problems,
        target: impl Fn(&mut Dataset) -> &mut Vec<T>,
    ) -> Step<()> {
        let scan = &self.scan;
        let (buf, base) = (scan.buf.as_slice(), scan.base);
        let parsed: Vec<Option<T>> = pending
            .par_iter()
            .map(|(start, end)| serde_json::from_slice::<T>(&buf[start - base..end - base]).ok())
            .collect();
        let list = target(&mut self.data);
        list.reserve(parsed.len());
        for (i, (record, (start, end))) in parsed.into_iter().zip(pending).enumerate() {
            if let Some(record) = record {
                list.push(record);
                self.salvage.kept(name);
            } else {
                // Records were cut out without validation: broken syntax stops the walk
                // here, with the message the validating path gives.
                scan.syntax_error(*start, *end, problems)?;
                let bytes = scan.slice(*start, *end);
                let path = format!("{name}[{}]", first + i);
                problems.push(explain::<T>(scan.position(*start), bytes, &path));
                self.salvage.remember(name, &String::from_utf8_lossy(bytes));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte at a time, to exercise every refill path.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() || out.is_empty() {
                return Ok(0);
            }
            out[0] = self.0[0];
            self.0 = &self.0[1..];
            Ok(1)
        }
    }

    #[test]
    fn objects_end_at_their_matching_brace_outside_strings() {
        let text = br#"{"a":"}\"{","b":[1,{"c":"]"}]} , {"next":1}"#;
        let len = object_len(text).unwrap();
        assert_eq!(&text[..len], br#"{"a":"}\"{","b":[1,{"c":"]"}]}"#);
        assert_eq!(object_len(br#"{"a":"unterminated"#), None);
        assert_eq!(object_len(br#"{"a":"ends in an escape\"#), None);
        assert_eq!(object_len(br#"{"a":{"b":1}"#), None);
    }

    #[test]
    fn broken_syntax_inside_a_record_stops_the_walk_with_its_place() {
        let text = br#"{"format":"shuibei/1","cluster":{"name":"c"},
"enterprises":[{"id":"a","name":"A"},
{"id":"b" "name":"B"}]}"#;
        let mut problems = Problems::default();
        assert!(read(Trickle(text), &mut problems).is_none());
        let problem = &problems.list[0];
        assert_eq!(problem.position, Some((3, 11)), "{problem:?}");
        assert_eq!(problem.path, None, "a syntax error is placed, not pathed: {problem:?}");
    }

    #[test]
    fn records_split_across_reads_parse_the_same() {
        let text = br#"{"format":"shuibei/1","cluster":{"name":"c"},
            "sources":[{"id":"s","title":"t","reliability":"high"}],
            "indicators":[{"id":"i","name":"n","value":12345,"unit":"m\u00b2","as_of":"2007"}]}"#;
        let mut problems = Problems::default();
        let (data, _) = read(Trickle(text), &mut problems).expect("parses");
        assert!(problems.is_empty());
        assert_eq!(data.indicators[0].value.to_string(), "12345");
        assert_eq!(&*data.indicators[0].unit, "m²");
        assert_eq!(&*data.sources[0].id, "s");
    }
}
