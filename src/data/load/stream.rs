//! A streaming reader for `shuibei/1` files: the top-level object is walked here, each
//! record is cut out as raw JSON and parsed by serde — in parallel batches, so a million
//! records load on every core without ever holding the whole file in memory.
//!
//! A record that fails to parse is reported with its place and path and the walk goes
//! on, so one bad record never hides the next. Only broken JSON syntax stops the walk.

use std::io::Read;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::scan::{Scanner, Step, Stop, shown};
use crate::data::model::{Cluster, Dataset, Text};
use crate::data::problems::{CUT_SHORT, Problem, Problems, Salvage, friendly_message, unknown_field_message};

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
        l => (at.0 + l - 1, json.column().max(1)),
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
/// report paths as they are in the file), or `None` when the syntax is broken. `length`,
/// the input's size when known, lets a long section's vector be sized once (see
/// [`Walk::reserve`]).
pub(super) fn read<R: Read>(reader: R, length: Option<u64>, problems: &mut Problems) -> Option<(Dataset, Salvage)> {
    let mut walk = Walk {
        length: length.and_then(|n| usize::try_from(n).ok()),
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
                headline_groups: Vec::new(),
                tags_zh: std::collections::BTreeMap::new(),
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
    length: Option<usize>,
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
                        crate::data::model::FORMAT
                    ),
                });
                return Err(Stop);
            }
            Some(b'{') => {}
            Some(b) => {
                // A list is what `export --format json` writes: rows, not a dataset.
                let list = if b == b'[' {
                    " (a list of records, as `shuibei export --format json` writes, is not a dataset; `shuibei format` describes one)"
                } else {
                    ""
                };
                return Err(self.scan.syntax(
                    problems,
                    format!(
                        "a dataset is a JSON object starting with `{{`, found {}{list}",
                        shown(b)
                    ),
                ));
            }
        }
        // A required field left out is placed where the object starts, as a record's is.
        let opened = self.scan.position(self.scan.abs());
        self.scan.pos += 1;
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
                        return Err(self.scan.no_separator(
                            problems,
                            format!("expected `,` or `}}` after a field, found {}", shown(b)),
                        ));
                    }
                    None => {
                        return Err(self
                            .scan
                            .syntax(problems, format!("the file ends inside the dataset object {CUT_SHORT}")));
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
        self.salvage.format_missing = !seen.contains(&"format");
        for required in ["format", "cluster"] {
            if !seen.contains(&required) {
                problems.push(Problem {
                    position: Some(opened),
                    path: None,
                    message: format!("missing required field {required:?}"),
                });
            }
        }
        Ok(())
    }

    fn field(&mut self, seen: &mut Vec<&'static str>, problems: &mut Problems) -> Step<()> {
        self.scan.keep = self.scan.abs().saturating_sub(1);
        if self.scan.peek(problems)? != Some(b'"') {
            let next = self.scan.peek(problems)?;
            let found = next.map_or_else(|| "the end of the file".to_owned(), shown);
            let message = format!("expected a field name in quotes, found {found}");
            return Err(if next == Some(b'}') {
                self.scan.no_value_after_comma(problems, message, b'}')
            } else {
                self.scan.syntax(problems, message)
            });
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
        // One byte more: the last of the value or the comma read, which placing a
        // missing or extra comma looks at.
        self.scan.keep = self.scan.abs().saturating_sub(1);
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
                self.scan.keep = self.scan.abs().saturating_sub(1);
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
                    return Err(self.scan.no_separator(
                        problems,
                        format!("expected `,` or `]` after a record in {name}, found {}", shown(b)),
                    ));
                }
                None => {
                    return Err(self
                        .scan
                        .syntax(problems, format!("the file ends inside {name} {CUT_SHORT}")));
                }
            };
            if !more || pending_bytes >= BATCH {
                if index == 0 && more {
                    self.reserve(name, pending.len(), pending_bytes);
                }
                self.flush(name, index, &pending, problems)?;
                index += pending.len();
                pending.clear();
                pending_bytes = 0;
                self.scan.keep = self.scan.abs().saturating_sub(1);
            }
            if !more {
                return Ok(());
            }
        }
    }

    /// Sizes a long section's vector once, from its first batch: the records still to come
    /// at most fill the rest of the input at the first batch's bytes per record. Grown by
    /// doubling instead, a million enterprises were copied about once more and their
    /// pages zeroed about twice, which the kernel's page clearing showed as a third of a
    /// cold load. Room the records never fill is never touched, so it costs no memory.
    fn reserve(&mut self, name: &'static str, batched: usize, bytes: usize) {
        let Some(length) = self.length else { return };
        let per_record = (bytes / batched.max(1)).max(1);
        let more = batched + length.saturating_sub(self.scan.abs()) / per_record;
        match name {
            "sources" => self.data.sources.reserve(more),
            "history" => self.data.history.reserve(more),
            "enterprises" => self.data.enterprises.reserve(more),
            "brands" => self.data.brands.reserve(more),
            _ => self.data.indicators.reserve(more),
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
        // One UTF-8 check over a whole record, then a parse that trusts it: serde_json
        // checks each string of a byte slice on its own, which cost a tenth of a warm
        // million-record search in many small calls. Bytes that are not UTF-8 take the
        // slow path below, whose message says where.
        let parse = |(start, end): &(usize, usize)| {
            let bytes = &buf[start - base..end - base];
            match simdutf8::basic::from_utf8(bytes) {
                Ok(text) => serde_json::from_str::<T>(text).map_err(|_| ()),
                Err(_) => Err(()),
            }
        };
        // The common case: every record parses, straight into one vector.
        if let Ok(mut records) = pending.par_iter().map(parse).collect::<Result<Vec<T>, _>>() {
            target(&mut self.data).append(&mut records);
            self.salvage.kept(name, pending.len());
            return Ok(());
        }
        let parsed: Vec<Option<T>> = pending.par_iter().map(|r| parse(r).ok()).collect();
        let list = target(&mut self.data);
        list.reserve(parsed.len());
        for (i, (record, (start, end))) in parsed.into_iter().zip(pending).enumerate() {
            if let Some(record) = record {
                list.push(record);
                self.salvage.kept(name, 1);
            } else {
                // Records were cut out without validation: broken syntax stops the walk
                // here, with the message the validating path gives.
                scan.syntax_error(*start, *end, problems)?;
                let bytes = scan.slice(*start, *end);
                let path = format!("{name}[{}]", first + i);
                problems.push_with(|| explain::<T>(scan.position(*start), bytes, &path));
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
    fn broken_syntax_inside_a_record_stops_the_walk_with_its_place() {
        let text = br#"{"format":"shuibei/1","cluster":{"name":"c"},
"enterprises":[{"id":"a","name":"A"},
{"id":"b" "name":"B"}]}"#;
        let mut problems = Problems::default();
        assert!(read(Trickle(text), None, &mut problems).is_none());
        let problem = &problems.list()[0];
        // Where the missing comma goes, just after "b".
        assert_eq!(problem.position, Some((3, 10)), "{problem:?}");
        assert_eq!(problem.path, None, "a syntax error is placed, not pathed: {problem:?}");
    }

    #[test]
    fn records_split_across_reads_parse_the_same() {
        let text = br#"{"format":"shuibei/1","cluster":{"name":"c"},
            "sources":[{"id":"s","title":"t","reliability":"high"}],
            "indicators":[{"id":"i","name":"n","value":12345,"unit":"m\u00b2","as_of":"2007"}]}"#;
        let mut problems = Problems::default();
        let (data, _) = read(Trickle(text), None, &mut problems).expect("parses");
        assert!(problems.is_empty());
        assert_eq!(data.indicators[0].value.to_string(), "12345");
        assert_eq!(&*data.indicators[0].unit, "m²");
        assert_eq!(&*data.sources[0].id, "s");
    }

    #[test]
    fn a_long_section_is_sized_once_from_the_input_length() {
        // More than one batch of records, so the first batch tells the bytes per record.
        let record = r#"{"id":"e0000000","name":"Enterprise 0000000 of a long list"}"#;
        let count = 2 * BATCH / record.len();
        let mut text = String::from(r#"{"format":"shuibei/1","cluster":{"name":"c"},"enterprises":["#);
        for i in 0..count {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                r#"{{"id":"e{i:07}","name":"Enterprise {i:07} of a long list"}}"#
            ));
        }
        text.push_str("]}");
        let length = u64::try_from(text.len()).ok();
        let mut problems = Problems::default();
        let (data, _) = read(text.as_bytes(), length, &mut problems).expect("parses");
        assert!(problems.is_empty(), "{:?}", problems.list());
        let list = &data.enterprises;
        assert_eq!(list.len(), count);
        assert_eq!(&*list[count - 1].id, &format!("e{:07}", count - 1));
        // Grown by doubling, the capacity would be a power-of-two multiple of a batch.
        assert!(
            list.capacity() < count + count / 50,
            "{} records in room for {}",
            list.len(),
            list.capacity()
        );
        // Without a length the same records read the same.
        let (unsized_data, _) = read(text.as_bytes(), None, &mut Problems::default()).expect("parses");
        assert_eq!(unsized_data.enterprises.len(), count);
    }
}
