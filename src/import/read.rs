//! Rows out of a registry export, streamed: CSV (UTF-8 with or without a byte-order mark,
//! UTF-16 with one, or GB18030/GBK as Chinese Excel saves it; comma, tab or semicolon
//! separated) and Excel workbooks (.xlsx, read cell by cell with calamine, dates as
//! dates). Each row comes with its number as a spreadsheet shows it.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use crate::data::model::Date;
use crate::data::problems::reason;

use super::values;

/// One cell's value, as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    /// A cell a spreadsheet holds as a date (or a date it could not read, with why).
    Date(Result<Date, String>),
    Bool(bool),
    /// What is wrong with the cell itself: bytes that are not text, an Excel error.
    Broken(String),
}

impl Cell<'_> {
    /// The cell as text, as a spreadsheet shows it (whole numbers without decimals).
    #[must_use]
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty | Cell::Broken(_) => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Cow::Owned(format!("{n:.0}")),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Date(Ok(d)) => Cow::Owned(d.to_string()),
            Cell::Date(Err(_)) => Cow::Borrowed(""),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        }
    }
}

/// The kinds of file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Xlsx,
}

impl Kind {
    /// The kind a file's name says, or why it cannot be read.
    ///
    /// # Errors
    /// An extension that names no kind read here, with what to do.
    pub fn of(path: &Path) -> Result<Kind, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Ok(Kind::Csv),
            "xlsx" | "xlsm" => Ok(Kind::Xlsx),
            "xls" | "et" => Err("is an old-style Excel workbook (.xls), which shuibei does not read; \
                 open it in Excel or WPS and save it as .xlsx (or as CSV)"
                .into()),
            _ => Err("is neither a CSV file nor an Excel workbook; shuibei imports .csv and .xlsx files".into()),
        }
    }
}

/// How far through the file reading is, for the progress bar: (done, total) in the
/// units the file has (bytes of a CSV, rows of a sheet).
pub type Tick<'t> = &'t mut dyn FnMut(u64, u64);

/// What reading hands each row to: its spreadsheet number and its cells. Returning
/// `false` stops the reading.
pub type Each<'e> = &'e mut dyn FnMut(usize, &[Cell<'_>]) -> bool;

/// Reads every row of the file (the named sheet of a workbook), in order.
///
/// # Errors
/// What stops the reading: a file that cannot be opened, a workbook that cannot be read,
/// a sheet that is not there (with the ones that are).
pub fn rows(path: &Path, kind: Kind, sheet: Option<&str>, tick: Tick, each: Each) -> Result<Described, String> {
    match kind {
        Kind::Csv => {
            if sheet.is_some() {
                return Err("is a CSV file, which has no sheets; leave out --sheet".into());
            }
            csv_rows(path, tick, each)
        }
        Kind::Xlsx => xlsx_rows(path, sheet, tick, each),
    }
}

/// What was read, in words for the source's note: "GB18030 text", "sheet 工作表1".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described(pub String);

fn open(path: &Path) -> Result<File, String> {
    File::open(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => "no such file; check the path".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied; check the file's permissions".to_owned(),
        _ => format!("cannot read the file: {}", reason(&err)),
    })
}

/// The text encodings a CSV may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16,
    Gb18030,
}

/// How many bytes are looked at to tell the encoding and the separator.
const SNIFF: usize = 1 << 16;

/// Tells the encoding from a byte-order mark, else from whether the start of the file
/// is UTF-8 (a character cut at the end of the sample does not count against it).
fn encoding_of(start: &[u8]) -> Encoding {
    if start.starts_with(&[0xff, 0xfe]) || start.starts_with(&[0xfe, 0xff]) {
        return Encoding::Utf16;
    }
    match std::str::from_utf8(start) {
        Ok(_) => Encoding::Utf8,
        Err(err) if err.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Gb18030,
    }
}

/// The separator: the one of comma, tab and semicolon the sample's first lines use most.
fn separator_of(sample: &[u8]) -> u8 {
    let lines = sample.split(|b| *b == b'\n').take(40);
    let mut counts = [0usize; 3];
    for line in lines {
        for (i, sep) in [b',', b'\t', b';'].iter().enumerate() {
            counts[i] += line.iter().filter(|b| *b == sep).count();
        }
    }
    match counts {
        [c, t, s] if t > c && t >= s => b'\t',
        [c, t, s] if s > c && s > t => b';',
        _ => b',',
    }
}

/// A reader that counts the file's bytes read through it, for the progress bar (the
/// count is shared: the CSV reader owns this one).
struct Counting<R> {
    inner: R,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

fn csv_rows(path: &Path, tick: Tick, each: Each) -> Result<Described, String> {
    let file = open(path)?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let read = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut raw = Counting {
        inner: BufReader::with_capacity(1 << 20, file),
        read: std::rc::Rc::clone(&read),
    };
    let mut start = Vec::with_capacity(SNIFF);
    (&mut raw)
        .take(SNIFF as u64)
        .read_to_end(&mut start)
        .map_err(|err| format!("cannot read the file: {}", reason(&err)))?;
    let encoding = encoding_of(&start);
    let bom = start.starts_with(b"\xef\xbb\xbf");
    let described = match encoding {
        Encoding::Utf8 if bom => "UTF-8 text with a byte-order mark",
        Encoding::Utf8 => "UTF-8 text",
        Encoding::Utf16 => "UTF-16 text",
        Encoding::Gb18030 => "GB18030 text",
    };
    let mut progress = || tick(read.get(), total);
    match encoding {
        Encoding::Utf8 => {
            // The mark carries no text; left in, it would stick to the first header.
            if bom {
                start.drain(..3);
            }
            csv_records(io::Cursor::new(start).chain(raw), &mut progress, each)?;
        }
        Encoding::Utf16 | Encoding::Gb18030 => {
            let fallback = if encoding == Encoding::Utf16 {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::GB18030
            };
            let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(fallback))
                .build(io::Cursor::new(start).chain(raw));
            csv_records(decoded, &mut progress, each)?;
        }
    }
    Ok(Described(described.to_owned()))
}

/// Line ends made `\n` alone: a `\r` right before a `\n` is dropped (Windows files),
/// so that lines, and with them spreadsheet rows, are counted one way.
struct Lf<R> {
    inner: R,
    /// A `\r` that ended the last read, held until the next byte is known.
    pending: bool,
}

impl<R: Read> Read for Lf<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.len() < 2 {
            // Too small to hold a held `\r` and a byte: let the caller ask again.
            return if self.pending { Ok(0) } else { self.inner.read(out) };
        }
        loop {
            let start = usize::from(self.pending);
            if self.pending {
                out[0] = b'\r';
            }
            let n = self.inner.read(&mut out[start..])?;
            self.pending = false;
            if n == 0 {
                return Ok(start);
            }
            let end = start + n;
            let mut kept = 0;
            for i in 0..end {
                let b = out[i];
                if b == b'\r' {
                    if i + 1 == end {
                        self.pending = true;
                        continue;
                    }
                    if out[i + 1] == b'\n' {
                        continue;
                    }
                }
                out[kept] = b;
                kept += 1;
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// Reads CSV records from UTF-8 bytes. The separator is told from the first lines.
fn csv_records<R: Read>(reader: R, tick: &mut dyn FnMut(), each: Each) -> Result<(), String> {
    // A last row without a line end gets one, so every row is counted the same way.
    let reader = Lf {
        inner: reader.chain(&b"\n"[..]),
        pending: false,
    };
    let mut reader = io::BufReader::with_capacity(1 << 20, reader);
    let sample = io::BufRead::fill_buf(&mut reader).map_err(|e| e.to_string())?;
    let separator = separator_of(sample);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    // Line breaks inside quoted cells so far: a row is its line less these.
    let mut inside = 0usize;
    let mut rows = 0u64;
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map_or(0, csv::Position::line);
                return Err(format!("the CSV cannot be read near line {line}: {err}"));
            }
        }
        // The reader stands at the start of the next line: the row's last line is the one
        // before (the row's own start is read after any blank lines it skipped).
        let breaks: usize = record.iter().map(|f| memchr::memchr_iter(b'\n', f).count()).sum();
        let next = usize::try_from(csv.position().line()).unwrap_or(usize::MAX);
        let row = next.saturating_sub(1 + breaks + inside);
        inside += breaks;
        let mut cells: Vec<Cell> = Vec::with_capacity(record.len());
        for field in &record {
            cells.push(match std::str::from_utf8(field) {
                Ok(text) if text.contains('\u{fffd}') => Cell::Broken(
                    "the text has characters that are not GB18030 or UTF-8; save the file as UTF-8 and import again"
                        .into(),
                ),
                Ok("") => Cell::Empty,
                Ok(text) => Cell::Text(Cow::Borrowed(text)),
                Err(_) => Cell::Broken(
                    "the text is not valid UTF-8 (the start of the file is); save the whole file as UTF-8".into(),
                ),
            });
        }
        if !each(row, &cells) {
            break;
        }
        rows += 1;
        if rows.is_multiple_of(4096) {
            tick();
        }
    }
    tick();
    Ok(())
}

fn xlsx_rows(path: &Path, sheet: Option<&str>, tick: Tick, each: Each) -> Result<Described, String> {
    use calamine::{DataRef, Reader, Xlsx};
    let file = open(path)?;
    let mut book = Xlsx::new(BufReader::with_capacity(1 << 16, file)).map_err(|err| {
        format!("cannot be read as an Excel workbook ({err}); check that it is a .xlsx file, or save it as CSV")
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())))
            .cloned()
            .ok_or_else(|| format!("has no sheet named {wanted:?}; its sheets are: {}", quoted(&names)))?,
        None => names.first().cloned().ok_or("has no sheets")?,
    };
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|err| format!("sheet {name:?} cannot be read: {err}"))?;
    let total = u64::from(reader.dimensions().end.0) + 1;
    let mut cells: Vec<Cell> = Vec::new();
    let mut current: Option<u32> = None;
    loop {
        let next = reader
            .next_cell()
            .map_err(|err| format!("sheet {name:?} cannot be read: {err}"))?;
        let row = next.as_ref().map(|c| c.get_position().0);
        if current.is_some() && row != current {
            let number = current.map_or(0, |r| r as usize + 1);
            if !each(number, &cells) {
                break;
            }
            cells.clear();
            if number.is_multiple_of(4096) {
                tick(number as u64, total);
            }
        }
        let Some(cell) = next else { break };
        current = row;
        let column = cell.get_position().1 as usize;
        if cells.len() < column {
            cells.resize(column, Cell::Empty);
        }
        let value = match cell.get_value() {
            DataRef::Empty => Cell::Empty,
            DataRef::SharedString(s) => Cell::Text(Cow::Borrowed(*s)),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(Cow::Owned(s.clone())),
            DataRef::Int(i) => {
                #[allow(clippy::cast_precision_loss)] // a cell's integer, as the sheet shows it
                Cell::Number(*i as f64)
            }
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(dt) if dt.is_datetime() => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                Cell::Date(values::ymd(y, m, d))
            }
            DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
            DataRef::Error(e) => Cell::Broken(format!("the cell holds the spreadsheet error {e}")),
        };
        cells.push(value);
    }
    tick(total, total);
    Ok(Described(format!("sheet {name}")))
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_from_the_bytes() {
        assert_eq!(encoding_of(b"\xef\xbb\xbfname"), Encoding::Utf8);
        assert_eq!(encoding_of("企业名称".as_bytes()), Encoding::Utf8);
        assert_eq!(
            encoding_of(&"企业名称".as_bytes()[..5]),
            Encoding::Utf8,
            "a char cut at the end"
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode("企业名称,法定代表人");
        assert_eq!(encoding_of(&gbk), Encoding::Gb18030);
        assert_eq!(encoding_of(b"\xff\xfen\x00"), Encoding::Utf16);
    }

    #[test]
    fn separators_are_counted_on_the_first_lines() {
        assert_eq!(separator_of(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(separator_of(b"a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(separator_of(b"a;b;c\n"), b';');
        assert_eq!(separator_of("标题\n".as_bytes()), b',');
    }

    /// Rows are numbered as a spreadsheet shows them: blank lines count, a cell's own
    /// line breaks do not, whatever the line ends and whether the last line has one.
    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        for text in [
            "title\n\nh1,h2\n1,2\n\"a\nb\",3\n\n4,5\n",
            "title\r\n\r\nh1,h2\r\n1,2\r\n\"a\r\nb\",3\r\n\r\n4,5",
        ] {
            let mut seen = Vec::new();
            csv_records(text.as_bytes(), &mut || {}, &mut |row, cells| {
                seen.push((row, cells[0].text().into_owned()));
                true
            })
            .unwrap();
            let want = [(1, "title"), (3, "h1"), (4, "1"), (5, "a\nb"), (7, "4")];
            let want: Vec<(usize, String)> = want.iter().map(|(r, t)| (*r, (*t).to_owned())).collect();
            assert_eq!(seen, want, "{text:?}");
        }
    }

    #[test]
    fn carriage_returns_before_line_feeds_are_dropped_across_reads() {
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
                out[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut text = Vec::new();
        Lf { inner: OneByte(b"a\r\nb\rc\r"), pending: false }
            .read_to_end(&mut text)
            .unwrap();
        assert_eq!(text, b"a\nb\rc\r");
    }

    #[test]
    fn numbers_read_as_a_sheet_shows_them() {
        assert_eq!(Cell::Number(7_558_888_888.0).text(), "7558888888");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        assert_eq!(Cell::Text("x".into()).text(), "x");
    }
}
