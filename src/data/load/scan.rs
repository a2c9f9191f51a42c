//! The byte buffer under the streaming reader: reads the input in chunks, cuts JSON
//! values and records out of it, and turns offsets into lines and columns.
//!
//! It validates only what the walk needs (the structure between records); records are
//! validated when serde parses them. It never builds records and never reports a problem
//! other than broken syntax or an unreadable file.

use std::io::Read;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::data::problems::{CUT_SHORT, Problem, Problems, friendly_message};

/// How much is read from the file at a time.
const CHUNK: usize = 4 << 20;

/// Why the walk stopped early: broken syntax or an unreadable file (already reported).
pub(super) struct Stop;

pub(super) type Step<T> = Result<T, Stop>;

/// The buffer over the input and the bookkeeping that turns offsets into lines.
pub(super) struct Scanner<R> {
    pub(super) reader: R,
    pub(super) buf: Vec<u8>,
    /// Next unread byte, as an index into `buf`.
    pub(super) pos: usize,
    /// Absolute offset of `buf[0]` in the input.
    pub(super) base: usize,
    /// Absolute offset before which bytes may be dropped from the buffer.
    pub(super) keep: usize,
    pub(super) eof: bool,
    /// Line number of `buf[0]` and absolute offset where that line starts.
    pub(super) line0: usize,
    pub(super) line_start0: usize,
}

impl<R: Read> Scanner<R> {
    pub(super) fn new(reader: R) -> Self {
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

    pub(super) fn abs(&self) -> usize {
        self.base + self.pos
    }

    /// 1-based line and byte column of an absolute offset still in the buffer.
    pub(super) fn position(&self, abs: usize) -> (usize, usize) {
        let upto = &self.buf[..abs.saturating_sub(self.base).min(self.buf.len())];
        let newlines = memchr::memchr_iter(b'\n', upto).count();
        let line_start = match memchr::memrchr(b'\n', upto) {
            Some(i) => self.base + i + 1,
            None => self.line_start0,
        };
        (self.line0 + newlines, abs - line_start + 1)
    }

    /// Reads more input, first dropping what is no longer needed. Returns false at the end.
    pub(super) fn fill(&mut self, problems: &mut Problems) -> Step<bool> {
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
    pub(super) fn peek(&mut self, problems: &mut Problems) -> Step<Option<u8>> {
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

    pub(super) fn syntax(&self, problems: &mut Problems, message: impl Into<String>) -> Stop {
        problems.push(Problem {
            position: Some(self.position(self.abs())),
            path: None,
            message: message.into(),
        });
        Stop
    }

    /// [`Scanner::syntax`] for a comma that is not where it should be. When a value
    /// follows another with nothing between, the problem is placed just after the
    /// earlier value, where the comma goes, and says where the next one starts.
    pub(super) fn no_separator(&self, problems: &mut Problems, message: String) -> Stop {
        let Some(after) = comma_missing(&self.buf, self.pos) else {
            return self.syntax(problems, message);
        };
        let (line, column) = self.position(self.abs());
        problems.push(Problem {
            position: Some(self.position(self.base + after)),
            path: None,
            message: missing_comma_message(&message, (line, column)),
        });
        Stop
    }

    /// [`Scanner::syntax`] for the `close` (`]` or `}`) found where a value should follow a
    /// comma: the comma too many is placed and named.
    pub(super) fn no_value_after_comma(&self, problems: &mut Problems, message: String, close: u8) -> Stop {
        let Some(comma) = trailing_comma(&self.buf, self.pos, close) else {
            return self.syntax(problems, message);
        };
        problems.push(Problem {
            position: Some(self.position(self.base + comma)),
            path: None,
            message: TRAILING_COMMA.into(),
        });
        Stop
    }

    /// Consumes `byte` (after whitespace) or reports what was found instead.
    pub(super) fn expect(&mut self, byte: u8, problems: &mut Problems, context: &str) -> Step<()> {
        match self.peek(problems)? {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(b) => {
                let message = format!("expected `{}` {context}, found {}", byte as char, shown(b));
                Err(self.syntax(problems, message))
            }
            None => Err(self.syntax(
                problems,
                format!(
                    "expected `{}` {context}, but the file ends here {CUT_SHORT}",
                    byte as char
                ),
            )),
        }
    }

    /// Cuts out the next JSON value: its absolute start and end. The buffer holds it
    /// until `keep` moves past it.
    pub(super) fn next_value(&mut self, problems: &mut Problems) -> Step<(usize, usize)> {
        if self.peek(problems)?.is_none() {
            return Err(self.syntax(
                problems,
                format!("expected a value, but the file ends here {CUT_SHORT}"),
            ));
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
                    problems.push(self.placed(self.base + start, &self.buf[start..], &err));
                    return Err(Stop);
                }
            }
        }
    }

    /// Cuts out the next record by matching its braces, without validating it: serde
    /// validates each record when it parses it (on all cores), so the serial walk need not
    /// read every string twice. Anything but an object, and an object the file ends inside,
    /// take the validating path ([`Scanner::next_value`]), whose messages say what is wrong.
    pub(super) fn next_record(&mut self, problems: &mut Problems) -> Step<(usize, usize)> {
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
    pub(super) fn syntax_error(&self, start: usize, end: usize, problems: &mut Problems) -> Step<()> {
        let bytes = self.slice(start, end);
        let Err(err) = serde_json::from_slice::<&RawValue>(bytes) else {
            return Ok(());
        };
        problems.push(self.placed(start, bytes, &err));
        Err(Stop)
    }

    /// serde's complaint about the value at absolute offset `abs` (its bytes `bytes`),
    /// placed in the file. A missing comma is placed after the value it should follow:
    /// serde stops at the next value, often on the next line, where nothing is wrong.
    fn placed(&self, abs: usize, bytes: &[u8], err: &serde_json::Error) -> Problem {
        let (line, col) = self.position(abs);
        let mut position = match err.line() {
            0 | 1 => (line, col + err.column().saturating_sub(1)),
            l => (line + l - 1, err.column().max(1)),
        };
        let mut message = friendly_message(err);
        if message == "invalid unicode code point" && std::str::from_utf8(bytes).is_err() {
            message = "text is not valid UTF-8; save the file as UTF-8".into();
        } else if let Some(close) = match message.as_str() {
            "expected value" => Some(b']'),
            m if m.starts_with("expected a field name in quotes") => Some(b'}'),
            _ => None,
        } && let Some(comma) = offset_of(bytes, err.line(), err.column())
            .and_then(|at| trailing_comma(&self.buf, abs - self.base + at, close))
        {
            // Looked for in the whole buffer: the comma may stand before the value cut out.
            message = TRAILING_COMMA.into();
            position = self.position(self.base + comma);
        } else if message.starts_with("expected `,` or ")
            && let Some(after) = offset_of(bytes, err.line(), err.column()).and_then(|at| comma_missing(bytes, at))
        {
            message = missing_comma_message(&message, position);
            position = self.position(abs + after);
        }
        Problem {
            position: Some(position),
            path: None,
            message,
        }
    }

    pub(super) fn slice(&self, start: usize, end: usize) -> &[u8] {
        &self.buf[start - self.base..end - self.base]
    }
}

/// The length of the JSON object that `bytes` starts with, found by matching brackets
/// outside strings; `None` when it does not close within `bytes`. Does not validate.
pub(super) fn object_len(bytes: &[u8]) -> Option<usize> {
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

/// What is said of a comma too many, placed on it.
const TRAILING_COMMA: &str = "a comma before `]` or `}` is not allowed in JSON: remove this comma";

/// What is said of a missing comma, placed after the value it should follow. The next
/// value's line only: the problem's own column is the one an editor is sent to (and is
/// turned into characters once the whole file is read again, see `locate`).
fn missing_comma_message(found: &str, next: (usize, usize)) -> String {
    format!(
        "{found}: a `,` is missing after this value (the next one starts on line {})",
        next.0
    )
}

/// Where the comma is when the `close` (`]` or `}`) at `at` ends a list or object right after one
/// (`["a",]`): serde asks for another value there.
fn trailing_comma(bytes: &[u8], at: usize, close: u8) -> Option<usize> {
    // A list closed by `}` (or an object by `]`) is another mistake than the comma.
    if *bytes.get(at)? != close {
        return None;
    }
    let before = bytes[..at]
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))?;
    (bytes[before] == b',').then_some(before)
}

/// The byte offset in `bytes` of serde's 1-based line and byte column.
fn offset_of(bytes: &[u8], line: usize, column: usize) -> Option<usize> {
    let line_start = match line {
        0 | 1 => 0,
        l => memchr::memchr_iter(b'\n', bytes).nth(l - 2)? + 1,
    };
    let at = line_start + column.checked_sub(1)?;
    (at < bytes.len()).then_some(at)
}

/// Where a comma belongs when the value at `at` follows another one with none between:
/// just after the earlier value (an offset in `bytes`). `None` when `at` does not start a
/// value or no value ends before it, which a missing comma does not explain.
fn comma_missing(bytes: &[u8], at: usize) -> Option<usize> {
    let starts_value = matches!(
        bytes.get(at)?,
        b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
    );
    let before = bytes[..at]
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))?;
    let ends_value = matches!(bytes[before], b'"' | b'}' | b']' | b'0'..=b'9' | b'e' | b'l');
    (starts_value && ends_value).then_some(before + 1)
}

pub(super) fn shown(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_end_at_their_matching_brace_outside_strings() {
        let text = br#"{"a":"}\"{","b":[1,{"c":"]"}]} , {"next":1}"#;
        let len = object_len(text).unwrap();
        assert_eq!(&text[..len], br#"{"a":"}\"{","b":[1,{"c":"]"}]}"#);
        assert_eq!(object_len(br#"{"a":"unterminated"#), None);
        assert_eq!(object_len(br#"{"a":"ends in an escape\"#), None);
        assert_eq!(object_len(br#"{"a":{"b":1}"#), None);
    }
}
