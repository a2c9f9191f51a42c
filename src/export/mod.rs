//! Rows → CSV, JSON, JSON Lines or xlsx, for `shuibei export` and the explorer's `e` key.
//!
//! Callers choose and order the rows ([`Rows`]: a tab's filtered rows, a query's
//! matches, the sources) and pass them in; this module only writes them. Every value
//! passes through `sanitize` on its way out, so no caller can export a raw control
//! sequence:
//! - CSV fields (`delimited`): [`sanitize::text`](crate::sanitize::text) for stdout (newlines and tabs kept,
//!   everything else that could steer a terminal shown as a placeholder),
//!   [`sanitize::file_text`](crate::sanitize::file_text) for files (the same, plus `\r\n` line ends kept). CSV has no
//!   escape syntax, so this is the one lossy case; JSON is the lossless export.
//! - JSON and JSON Lines (`json`): [`sanitize::json`](crate::sanitize::json), which writes DEL, C1 and bidi
//!   controls as `\uXXXX` escapes (the serializer already escapes C0): safe and lossless.
//! - xlsx (`workbook`): text as in a CSV file, stored as text (never a formula).
//!
//! CSV is UTF-8 without a byte-order mark: a BOM is a stray U+FEFF at the start of the
//! first column's name for most tools that read CSV (Python's `csv`, `cut`, databases),
//! and Excel users are better served by the xlsx export anyway (typed cells, frozen
//! header, Chinese shown right whatever the locale).
//!
//! The cells of each tab are `table`'s, shared by CSV and xlsx. This module never prints
//! to the terminal itself and never decides where output goes; how a file is written (in
//! place or replaced whole, links followed, no partial file left) is `file`'s.

mod delimited;
mod existing;
mod file;
mod format;
mod json;
mod table;
mod workbook;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::data::db::Db;
pub use existing::{Existing, existing};
pub use file::{abandon, abandon_all};
pub use format::{Dest, Format, Rows, Tab, suggested_name};
pub use json::conflicts as conflicts_json;
pub use table::{Cell, LIST_SEPARATOR, columns};
pub use workbook::MAX_ROWS;

/// What [`to_file`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub rows: usize,
    pub path: PathBuf,
    pub format: Format,
}

impl Written {
    /// The confirmation a person sees: "wrote 12 rows to out.csv". Not sanitized: the
    /// path is the user's own text, and the caller's output layer sanitizes it anyway.
    #[must_use]
    pub fn message(&self) -> String {
        let s = if self.rows == 1 { "" } else { "s" };
        format!(
            "wrote {} row{s} to {}",
            crate::data::present::count(self.rows),
            self.path.display()
        )
    }
}

/// Why [`to_file`] failed: the path and the system's reason.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {}", path.display(), reason(source))]
pub struct FileError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl FileError {
    /// Why, in a few words, for a prompt that already shows the path: "no such folder",
    /// "permission denied", "too many rows for xlsx: choose .csv or .jsonl".
    #[must_use]
    pub fn short_reason(&self) -> String {
        match self.source.kind() {
            io::ErrorKind::InvalidInput
                if self
                    .source
                    .get_ref()
                    .is_some_and(<dyn std::error::Error + Send + Sync>::is::<workbook::TooManyRows>) =>
            {
                format!(
                    "over {} rows for xlsx: use .csv or .jsonl",
                    crate::data::present::count(MAX_ROWS)
                )
            }
            // Worded here already (a dangling link's missing folder, named).
            _ if self.source.get_ref().is_some() => reason(&self.source),
            // Creating a file fails so only when a folder on its path is missing.
            io::ErrorKind::NotFound => "no such folder".into(),
            _ => reason(&self.source),
        }
    }
}

// The system's reason for an I/O error in words ("is a directory"): the data wing's, so
// the loader, the importer and the exporter word it alike.
pub use crate::data::problems::reason;

/// Writes `rows` in the order given; returns how many were written.
///
/// An empty selection still writes a well-formed export (a CSV header, `[]`, a workbook
/// with its header): the columns come from the tab. (The callers write no *file* for
/// an empty selection: `shuibei export --output` and the explorer's `e` say so instead.)
///
/// # Errors
/// Write errors from `out` with their kind intact (`BrokenPipe` stays `BrokenPipe`);
/// `InvalidInput` for an xlsx sheet over [`MAX_ROWS`] rows.
pub fn write<W: Write>(db: &Db, rows: &Rows, format: Format, dest: Dest, out: W) -> io::Result<usize> {
    let ctx = table::Context::new(db, rows.tab);
    match format {
        Format::Csv => delimited::write(&ctx, rows, dest, out),
        Format::Json | Format::Jsonl => json::write(&ctx, rows, format, out),
        Format::Xlsx => workbook::write(&ctx, rows, out),
    }
}

/// Exports into the file `path`; the format comes from `format`, else the file's
/// extension, else CSV. This is what the explorer's `e` key calls with the path the user
/// typed.
///
/// A regular file is written beside `path` under a temporary name and renamed over it
/// only once complete, so a failure (a full disk, too many rows for xlsx) leaves an
/// existing file as it was, and no half-written file behind; a symbolic link is
/// followed, and its target replaced so. A FIFO, a device or a socket is written in
/// place (see `file`).
///
/// # Errors
/// The path and the reason, when the file cannot be created or written; `Interrupted`
/// when the export was abandoned ([`abandon`], [`abandon_all`]) before it finished.
pub fn to_file(db: &Db, rows: &Rows, path: &Path, format: Option<Format>) -> Result<Written, FileError> {
    let format = format.or_else(|| Format::from_path(path)).unwrap_or(Format::Csv);
    let written = file::target(path).and_then(|target| match target {
        file::Target::InPlace(place) => in_place(db, rows, format, &place),
        file::Target::Replace(target) => replace(db, rows, format, path, &target),
    });
    match written {
        Ok(n) => Ok(Written {
            rows: n,
            path: path.to_owned(),
            format,
        }),
        Err(source) => Err(FileError {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Writes into `place` where it is; every write error counts (a device that is full, a
/// reader that went away), down to the last buffered bytes.
fn in_place(db: &Db, rows: &Rows, format: Format, place: &Path) -> io::Result<usize> {
    let mut out = BufWriter::with_capacity(64 * 1024, file::open_in_place(place, format == Format::Xlsx)?);
    let n = write(db, rows, format, Dest::File, &mut out)?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?.flush()?;
    Ok(n)
}

/// Writes a temporary beside `target` and renames it onto `target` once complete
/// (`asked`, the path as given, names the export for [`abandon`]).
fn replace(db: &Db, rows: &Rows, format: Format, asked: &Path, target: &Path) -> io::Result<usize> {
    file::remove_stale(target);
    let temporary = file::temporary_beside(target);
    // Created first, outside what `discard` undoes: a temporary that could not be
    // created is not ours (another export's, or a name planted there).
    let created = file::create_temporary(asked, &temporary)?;
    let written = (|| {
        let mut out = BufWriter::with_capacity(64 * 1024, created);
        let n = write(db, rows, format, Dest::File, &mut out)?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?.sync_all()?;
        file::finish(asked, &temporary, target)?;
        Ok(n)
    })();
    if written.is_err() {
        file::discard(&temporary);
    }
    written
}

#[cfg(test)]
mod tests;
