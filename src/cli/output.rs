//! The only way CLI code writes to stdout and stderr: every string passes the sanitizer,
//! so no dataset value can reach the user's terminal as a control sequence.
//!
//! Output is buffered; callers propagate `io::Error` so a closed pipe ends the command
//! quietly (see `cli::main`).

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
