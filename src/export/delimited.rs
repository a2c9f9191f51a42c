//! CSV: one header line, one line per row, every cell as text (UTF-8, no BOM, `\n` line
//! ends). CSV has no escape syntax for control characters, so each field is made safe for
//! where it goes (see the notes in `export`): the one lossy format; JSON is the lossless one.

use std::io::{self, Write};

use crate::export::format::{Dest, Rows};
use crate::export::table::{Context, columns};
use crate::sanitize;

fn csv_to_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes the rows as CSV; returns how many were written.
///
/// # Errors
/// Write errors from `out`, their kind intact (`BrokenPipe` stays `BrokenPipe`).
pub fn write<W: Write>(ctx: &Context, rows: &Rows, dest: Dest, out: W) -> io::Result<usize> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    csv.write_record(columns(rows.tab)).map_err(csv_to_io)?;
    let clean = |field: &str| -> String {
        match dest {
            Dest::Stdout => sanitize::text(field).into_owned(),
            Dest::File => sanitize::file_text(field).into_owned(),
        }
    };
    for position in &rows.positions {
        let fields: Vec<String> = ctx
            .row(rows.tab, *position)
            .iter()
            .map(|cell| clean(&cell.to_text()))
            .collect();
        csv.write_record(&fields).map_err(csv_to_io)?;
    }
    csv.flush()?;
    Ok(rows.len())
}
