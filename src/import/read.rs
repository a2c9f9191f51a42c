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
            Cell::Empty | Cell::Broken(_) | Cell::Date(Err(_)) => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Cow::Owned(format!("{n:.0}")),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Date(Ok(d)) => Cow::Owned(d.to_string()),
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
pub type Tick<'t> = &'t mut (dyn FnMut(u64, u64) + Send);

/// What reading hands each batch of rows to. Returning `false` stops the reading.
pub type Sink<'s> = &'s mut (dyn FnMut(Batch) -> bool + Send);

/// How many rows are read before they are handed on together.
const BATCH_ROWS: usize = 4096;

/// One row as read: a CSV record's bytes, or a sheet's cells.
enum Row {
    Csv(csv::ByteRecord),
    Cells(Vec<Cell<'static>>),
}

/// Rows read together, each with its number as a spreadsheet shows it. Owned, so that
/// reading goes on while they are turned into records.
pub struct Batch {
    rows: Vec<(usize, Row)>,
    /// The text was decoded (GB18030, UTF-16): a replacement character marks bytes
    /// that were not text.
    decoded: bool,
    /// The workbook counts days from 1904 (`date1904`, old Mac Excel): a number in a
    /// date column is a day count from then.
    epoch_1904: bool,
}

impl Batch {
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The spreadsheet number of the `i`-th row.
    #[must_use]
    pub fn number(&self, i: usize) -> usize {
        self.rows[i].0
    }

    /// Whether the workbook counts days from 1904 (never a CSV: it names no calendar).
    #[must_use]
    pub fn epoch_1904(&self) -> bool {
        self.epoch_1904
    }

    /// Calls `f` with the cells of the `i`-th row.
    pub fn with_cells<R>(&self, i: usize, f: impl FnOnce(&[Cell<'_>]) -> R) -> R {
        match &self.rows[i].1 {
            Row::Cells(cells) => f(cells),
            Row::Csv(record) => f(&csv_cells(record, self.decoded)),
        }
    }
}

/// A CSV record's cells. The record's text is checked as UTF-8 once, not cell by cell.
fn csv_cells(record: &csv::ByteRecord, decoded: bool) -> Vec<Cell<'_>> {
    const NOT_TEXT: &str =
        "the text has characters that are not GB18030 or UTF-8; save the file as UTF-8 and import again";
    const NOT_UTF8: &str = "the text is not valid UTF-8 (the start of the file is); save the whole file as UTF-8";
    let whole = std::str::from_utf8(record.as_slice()).ok();
    let suspect = decoded && whole.is_some_and(|t| t.contains('\u{fffd}'));
    (0..record.len())
        .map(|i| {
            let range = record.range(i).unwrap_or_default();
            let text = match whole {
                // A boundary inside a character means the field alone is not text.
                Some(whole) => whole.get(range),
                None => std::str::from_utf8(&record[i]).ok(),
            };
            match text {
                Some("") => Cell::Empty,
                Some(t) if suspect && t.contains('\u{fffd}') => Cell::Broken(NOT_TEXT.into()),
                // The `'` the CSV export marks a formula-like text with.
                Some(t) => Cell::Text(Cow::Borrowed(crate::sanitize::unmark_formula(t))),
                None => Cell::Broken(NOT_UTF8.into()),
            }
        })
        .collect()
}

/// Reads every row of the file (the named sheet of a workbook), in order, in batches.
///
/// # Errors
/// What stops the reading: a file that cannot be opened, a workbook that cannot be read,
/// a sheet that is not there (with the ones that are).
pub fn rows(path: &Path, kind: Kind, sheet: Option<&str>, tick: Tick, sink: Sink) -> Result<Described, String> {
    match kind {
        Kind::Csv => {
            if sheet.is_some() {
                return Err("is a CSV file, which has no sheets; leave out --sheet".into());
            }
            csv_rows(path, tick, sink)
        }
        Kind::Xlsx => xlsx_rows(path, sheet, tick, sink),
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
            counts[i] += memchr::memchr_iter(*sep, line).count();
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

fn csv_rows(path: &Path, tick: Tick, sink: Sink) -> Result<Described, String> {
    let file = open(path)?;
    let total = file.metadata().map_or(0, |m| m.len());
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
            csv_records(io::Cursor::new(start).chain(raw), false, &mut progress, sink)?;
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
            csv_records(decoded, true, &mut progress, sink)?;
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
            // Move the text between carriage returns down over the ones dropped.
            let mut kept = 0;
            let mut from = 0;
            while let Some(at) = memchr::memchr(b'\r', &out[from..end]).map(|i| from + i) {
                let drop = if at + 1 == end {
                    self.pending = true;
                    true
                } else {
                    out[at + 1] == b'\n'
                };
                let upto = if drop { at } else { at + 1 };
                out.copy_within(from..upto, kept);
                kept += upto - from;
                from = at + 1;
            }
            out.copy_within(from..end, kept);
            kept += end - from;
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// Reads CSV records from UTF-8 bytes, in batches. The separator is told from the
/// first lines.
fn csv_records<R: Read>(reader: R, decoded: bool, tick: &mut dyn FnMut(), sink: Sink) -> Result<(), String> {
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
    // Line breaks inside quoted cells so far: a row is its line less these.
    let mut inside = 0usize;
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    loop {
        let mut record = csv::ByteRecord::with_capacity(512, 24);
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
        let breaks = if memchr::memchr(b'\n', record.as_slice()).is_some() {
            memchr::memchr_iter(b'\n', record.as_slice()).count()
        } else {
            0
        };
        let next = usize::try_from(csv.position().line()).unwrap_or(usize::MAX);
        batch.push((next.saturating_sub(1 + breaks + inside), Row::Csv(record)));
        inside += breaks;
        if batch.len() == BATCH_ROWS {
            tick();
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS));
            if !sink(Batch {
                rows: full,
                decoded,
                epoch_1904: false,
            }) {
                return Ok(());
            }
        }
    }
    tick();
    if !batch.is_empty() {
        sink(Batch {
            rows: batch,
            decoded,
            epoch_1904: false,
        });
    }
    Ok(())
}

fn xlsx_rows(path: &Path, sheet: Option<&str>, tick: Tick, sink: Sink) -> Result<Described, String> {
    use calamine::{DataRef, Reader, Xlsx};
    let file = open(path)?;
    let mut book = Xlsx::new(BufReader::with_capacity(1 << 16, file)).map_err(|err| {
        format!("cannot be read as an Excel workbook ({err}); check that it is a .xlsx file, or save it as CSV")
    })?;
    let epoch_1904 = book.has_1904_epoch();
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
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    let mut cells: Vec<Cell<'static>> = Vec::new();
    let mut current: Option<u32> = None;
    loop {
        let next = reader
            .next_cell_with_style_id()
            .map_err(|err| format!("sheet {name:?} cannot be read: {err}"))?;
        let (next, style) = next.map_or((None, 0), |(cell, style)| (Some(cell), style));
        let row = next.as_ref().map(|c| c.get_position().0);
        if current.is_some() && row != current {
            let number = current.map_or(0, |r| r as usize + 1);
            batch.push((number, Row::Cells(std::mem::take(&mut cells))));
            if batch.len() == BATCH_ROWS {
                tick(number as u64, total);
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS));
                if !sink(Batch {
                    rows: full,
                    decoded: false,
                    epoch_1904,
                }) {
                    return Ok(Described(format!("sheet {name}")));
                }
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
            DataRef::SharedString(s) => Cell::Text(Cow::Owned((*s).to_owned())),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(Cow::Owned(s.clone())),
            DataRef::Int(i) => {
                #[allow(clippy::cast_precision_loss)] // a cell's integer, as the sheet shows it
                Cell::Number(*i as f64)
            }
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(dt) if dt.is_datetime() => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                let format = reader.styles().get(style).and_then(|s| s.number_format.as_ref());
                Cell::Date(values::ymd(y, m, d).map(|day| as_shown(day, format.map(|f| &*f.format_code))))
            }
            DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
            DataRef::Error(e) => Cell::Broken(format!("the cell holds the spreadsheet error {e}")),
        };
        cells.push(value);
    }
    tick(total, total);
    if !batch.is_empty() {
        sink(Batch {
            rows: batch,
            decoded: false,
            epoch_1904,
        });
    }
    Ok(Described(format!("sheet {name}")))
}

/// A date cell's date as its number format shows it: 1 January shown `yyyy` is a year,
/// the first of a month shown `yyyy-mm` (or `yyyy年m月`) a month, as shuibei's own
/// export writes a date known only so (Excel has no partial dates). Any other day, or
/// a format that shows the day, keeps the day: a day the cell holds is never dropped.
fn as_shown(day: Date, format: Option<&str>) -> Date {
    let Some(format) = format else { return day };
    // The format's codes, without its quoted text and escaped characters (`"~"yyyy`).
    let mut codes = String::new();
    let (mut quoted, mut escaped) = (false, false);
    for c in format.chars() {
        match c {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            c => codes.push(c.to_ascii_lowercase()),
        }
    }
    let shown = |code: char| codes.contains(code);
    if shown('d') || !shown('y') || day.day() != Some(1) {
        return day;
    }
    let coarser = match day.month() {
        Some(1) if !shown('m') => day.year().to_string(),
        Some(month) if shown('m') => format!("{:04}-{month:02}", day.year()),
        _ => return day,
    };
    Date::parse(&coarser).unwrap_or(day)
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_cell_is_read_to_the_precision_its_format_shows() {
        let date = |t: &str| Date::parse(t).unwrap();
        let read = |day: &str, format: &str| as_shown(date(day), Some(format)).to_string();
        assert_eq!(read("1999-01-01", "yyyy"), "1999");
        assert_eq!(read("1999-01-01", "\"~\"yyyy"), "1999");
        assert_eq!(read("2011-12-01", "yyyy-mm"), "2011-12");
        assert_eq!(read("2011-12-01", "yyyy\"年\"m\"月\""), "2011-12");
        assert_eq!(read("2011-12-01", "yyyy-mm-dd"), "2011-12-01");
        assert_eq!(read("2011-12-18", "yyyy-mm"), "2011-12-18", "a day held is kept");
        assert_eq!(read("1999-03-01", "yyyy"), "1999-03-01");
        assert_eq!(read("1999-01-01", "General"), "1999-01-01");
        assert_eq!(as_shown(date("1999-01-01"), None).to_string(), "1999-01-01");
    }

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
            csv_records(text.as_bytes(), false, &mut || {}, &mut |batch: Batch| {
                for i in 0..batch.len() {
                    let first = batch.with_cells(i, |cells| cells[0].text().into_owned());
                    seen.push((batch.number(i), first));
                }
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
                let Some((first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                out[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut text = Vec::new();
        Lf {
            inner: OneByte(b"a\r\nb\rc\r\r\n"),
            pending: false,
        }
        .read_to_end(&mut text)
        .unwrap();
        assert_eq!(text, b"a\nb\rc\r\n");
        let mut text = Vec::new();
        Lf {
            inner: &b"\r\ra\r\n\r\nb\r"[..],
            pending: false,
        }
        .read_to_end(&mut text)
        .unwrap();
        assert_eq!(text, b"\r\ra\n\nb\r");
    }

    #[test]
    fn numbers_read_as_a_sheet_shows_them() {
        assert_eq!(Cell::Number(7_558_888_888.0).text(), "7558888888");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        assert_eq!(Cell::Text("x".into()).text(), "x");
    }

    /// A CSV export marks a text a spreadsheet would run as a formula with `'`; reading
    /// it back takes the mark off, and leaves any other `'` as the file has it.
    #[test]
    fn the_exports_formula_mark_is_taken_off() {
        let record = csv::ByteRecord::from(vec!["'=SUM(A1)", "'-2+3", "'-5", "'quoted", "'", "x"]);
        let texts: Vec<String> = csv_cells(&record, false)
            .iter()
            .map(|c| c.text().into_owned())
            .collect();
        assert_eq!(texts, ["=SUM(A1)", "-2+3", "'-5", "'quoted", "'", "x"]);
    }
}
