//! Why an import wrote nothing: the file refused as a whole, rows with problems, or an
//! output that cannot be written.

use std::path::PathBuf;

/// Why nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file as a whole cannot be imported: `FILE: why`, and lines that help.
    #[error("{message}")]
    Refused { message: String, help: Vec<String> },
    /// Rows have problems: `FILE:ROW: column: what`, up to [`MAX_PROBLEMS`](crate::data::problems::MAX_PROBLEMS), and a count.
    #[error("{} has {} with problems; fix them, or add --skip-invalid to import the other rows", .file, rows_word(*.rows))]
    Rows {
        file: String,
        rows: usize,
        problems: Vec<String>,
        omitted: usize,
        notices: Vec<String>,
    },
    /// The output could not be written.
    #[error("cannot write {}: {reason}; check the directory exists and is writable, or choose another --output", .path.display())]
    Write { path: PathBuf, reason: String },
}

pub(super) fn rows_word(n: usize) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{} rows", crate::data::present::count(n))
    }
}

pub(super) fn refused(file: &str, why: impl std::fmt::Display) -> ImportError {
    ImportError::Refused {
        message: format!("{file}: {why}"),
        help: Vec::new(),
    }
}
