//! The only way CLI code writes to stdout and stderr: every string passes the sanitizer,
//! so no dataset value can reach the user's terminal as a control sequence.
//!
//! Output is buffered; callers propagate `io::Error` so a closed pipe ends the command
//! quietly (see `cli::main`). Text made ready off the writer (on other threads, as
//! `shuibei search` formats its hits) is gathered in [`Lines`], which takes strings only
//! through the same sanitizer, so writing its bytes whole keeps the promise.

use std::io::{self, BufWriter, Write};

use crate::sanitize;

/// A word (an id, a path) as a shell takes it in a suggested command: quoted when it
/// holds anything but plain characters.
pub(super) fn shell_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c)) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// A buffered, sanitizing writer over stdout or stderr.
pub struct Out {
    inner: BufWriter<Box<dyn Write>>,
}

impl Out {
    #[must_use]
    pub fn stdout() -> Out {
        Out::to(Box::new(io::stdout().lock()))
    }

    #[must_use]
    pub fn stderr() -> Out {
        Out::to(Box::new(io::stderr().lock()))
    }

    /// Wraps any writer (a file, a test buffer) with the same rules.
    #[must_use]
    pub fn to(writer: Box<dyn Write>) -> Out {
        Out {
            inner: BufWriter::with_capacity(64 * 1024, writer),
        }
    }

    /// Writes text that may span lines (newlines and tabs kept) and a final newline.
    ///
    /// # Errors
    /// Any write error, `BrokenPipe` included.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(sanitize::text(text).as_bytes())?;
        self.inner.write_all(b"\n")
    }

    /// Writes serialized JSON, escaping (losslessly) what a terminal could misread.
    ///
    /// # Errors
    /// Any write error.
    pub fn json(&mut self, json: &str) -> io::Result<()> {
        self.inner.write_all(sanitize::json(json).as_bytes())?;
        self.inner.write_all(b"\n")
    }

    /// Writes what [`Lines`] gathered, already sanitized piece by piece.
    ///
    /// # Errors
    /// Any write error.
    pub fn lines(&mut self, lines: &Lines) -> io::Result<()> {
        self.inner.write_all(lines.text.as_bytes())
    }

    /// Writes generated text (completions, manual, CSV) with only newlines and tabs kept.
    ///
    /// # Errors
    /// Any write error.
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(sanitize::text(&text).as_bytes())
    }

    /// # Errors
    /// Any write error.
    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Output gathered ahead of writing: every string pushed passes the sanitizer as [`Out`]'s
/// own methods pass it, so [`Out::lines`] writes exactly what they would have written.
/// It is `Send`: lines can be made on worker threads and written in order after.
#[derive(Default)]
pub struct Lines {
    text: String,
}

impl Lines {
    #[must_use]
    pub fn with_capacity(bytes: usize) -> Lines {
        Lines {
            text: String::with_capacity(bytes),
        }
    }

    /// Text as [`Out::line`] writes it (newlines and tabs kept), without the final newline.
    pub fn text(&mut self, text: &str) {
        self.text.push_str(&sanitize::text(text));
    }

    /// Text that must stay on its line: newlines and tabs are replaced too.
    pub fn one_line(&mut self, text: &str) {
        self.text.push_str(&sanitize::line(text));
    }

    /// Serialized JSON as [`Out::json`] writes it, without the final newline.
    pub fn json(&mut self, json: &str) {
        self.text.push_str(&sanitize::json(json));
    }

    /// Ends the line.
    pub fn end(&mut self) {
        self.text.push('\n');
    }

    /// Bytes gathered so far: where the next line starts.
    #[must_use]
    pub fn len(&self) -> usize {
        self.text.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Copies the bytes `range` of lines gathered already (sanitized when they were
    /// pushed); a range that does not fall on character boundaries copies nothing.
    pub fn copy(&mut self, from: &Lines, range: std::ops::Range<usize>) {
        self.text.push_str(from.text.get(range).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer a test can read back after `Out` (which owns a boxed writer) is done.
    #[derive(Clone, Default)]
    struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Gathered lines come out byte for byte as `Out`'s own methods write the same text.
    #[test]
    fn gathered_lines_are_written_as_out_writes_them() {
        let nasty = "a\u{1b}[2J\tb\nc\u{9b}\u{202e}\u{7f}金";
        let json = serde_json::to_string(nasty).unwrap();
        let (direct, gathered) = (Shared::default(), Shared::default());
        let mut out = Out::to(Box::new(direct.clone()));
        out.line(&format!("x\t{nasty}\t{}", sanitize::line(nasty))).unwrap();
        out.json(&json).unwrap();
        out.flush().unwrap();
        let mut lines = Lines::default();
        lines.text("x\t");
        lines.text(nasty);
        lines.text("\t");
        lines.one_line(nasty);
        lines.end();
        lines.json(&json);
        lines.end();
        let mut out = Out::to(Box::new(gathered.clone()));
        out.lines(&lines).unwrap();
        out.flush().unwrap();
        assert_eq!(*direct.0.lock().unwrap(), *gathered.0.lock().unwrap());
        assert!(
            !String::from_utf8(gathered.0.lock().unwrap().clone())
                .unwrap()
                .chars()
                .any(|c| sanitize::is_unsafe(c) && c != '\n' && c != '\t')
        );
    }
}
