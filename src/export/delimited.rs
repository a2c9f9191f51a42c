//! CSV: one header line, one line per row, every cell as text (UTF-8, no BOM, `\n` line
//! ends). CSV has no escape syntax for control characters, so each field is made safe for
//! where it goes (see the notes in `export`), and a text a spreadsheet would run as a
//! formula is marked as text: the one lossy format; JSON is the lossless one.

use std::io::{self, Write};

use crate::export::format::{Dest, Rows};
use crate::export::table::{Cell, Context, columns};
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
            .map(|cell| match cell {
                Cell::Text(_) | Cell::Url(_) => not_a_formula(clean(&cell.to_text())),
                _ => clean(&cell.to_text()),
            })
            .collect();
        csv.write_record(&fields).map_err(csv_to_io)?;
    }
    csv.flush()?;
    Ok(rows.len())
}

/// A text that a spreadsheet opening the CSV would run as a formula
/// ([`sanitize::runs_as_formula`]) gets a leading `'`, which spreadsheets read as "text"
/// and hide (and `shuibei import` takes off). The xlsx export stores such a text as text and needs
/// no mark.
fn not_a_formula(text: String) -> String {
    // A text that starts with the mark already (`'=x`) gets another, so the import's
    // taking one off gives it back as it was.
    if sanitize::runs_as_formula(&text) || sanitize::unmark_formula(&text) != text {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::not_a_formula;

    #[test]
    fn a_formula_is_marked_as_text_and_a_signed_number_is_not() {
        for (text, want) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("+67 %", "+67 %"),
            ("-1,250.5", "-1,250.5"),
            ("- a dash", "'- a dash"),
            ("\tx", "'\tx"),
            ("周大生", "周大生"),
            ("", ""),
        ] {
            assert_eq!(not_a_formula(text.to_owned()), want, "{text}");
        }
    }
}
