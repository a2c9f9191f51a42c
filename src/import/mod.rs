//! Registry exports → a `shuibei/1` dataset (`shuibei import`): the CSV and Excel files
//! that company-registry services and the national enterprise credit system export,
//! with Chinese headers, become enterprise records to lay over the shipped data
//! (`--add`); so does `shuibei export --tab enterprises` itself, every field it holds
//! but the citations, whose sources are not in the file.
//!
//! One streaming pass: rows are read (`read`: encodings, separators, workbooks), the
//! header row found below any title lines and its columns recognised (`headers`), each
//! row's cells parsed (`values`, `exported`) into a record (`record`), and the record
//! written at once to a temporary file beside the output. Every problem is reported as
//! `FILE:ROW: column: what is wrong`, ROW as a spreadsheet shows it; unless the caller
//! asked to skip bad rows, any problem means no output at all. The output replaces an
//! existing file only when it is complete (a rename). One source describes the export;
//! every record cites it.
//!
//! A wing below the explorer and export, above the data it produces: it imports
//! `data`, `search::fold` and the leaves, and prints nothing (the command line reports).

mod exported;
mod headers;
mod progress;
mod read;
mod record;
mod values;
mod write;

use std::fs::File;
use std::hash::BuildHasher;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::data::model::{Cluster, Date, FORMAT, Reliability, Source, Sym};
use crate::data::problems::{MAX_PROBLEMS, reason};
use headers::Header;
use read::{Cell, Kind};

pub use headers::known as known_headers;

/// How many rows are looked through for the header before the file is refused.
const HEADER_ROWS: usize = 30;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub file: &'a Path,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<&'a str>,
    /// Who published the export (the registry service), for its source.
    pub publisher: Option<&'a str>,
    /// The date the export speaks for (default: the file's modification date).
    pub date: Option<Date>,
    pub reliability: Reliability,
    /// Import the good rows and report the others, instead of refusing the file.
    pub skip_invalid: bool,
    pub output: &'a Path,
    /// Replace an existing output that is not a shuibei dataset.
    pub force: bool,
    /// The id of the source every record cites (default: from the file, see [`source_id`]).
    pub source_id: Option<&'a str>,
    /// Draw a progress bar on stderr (the caller knows whether it is a terminal).
    pub progress: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub imported: usize,
    /// Rows left out with `--skip-invalid`, and the problems that left them out.
    pub skipped: usize,
    pub problems: Vec<String>,
    pub omitted: usize,
    /// Things worth knowing that are not problems: columns ignored.
    pub notices: Vec<String>,
    pub output: PathBuf,
    /// The id of the source every record cites.
    pub source: String,
}

/// Why nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file as a whole cannot be imported: `FILE: why`, and lines that help.
    #[error("{message}")]
    Refused { message: String, help: Vec<String> },
    /// Rows have problems: `FILE:ROW: column: what`, up to [`MAX_PROBLEMS`], and a count.
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

fn rows_word(n: usize) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{} rows", crate::data::present::count(n))
    }
}

fn refused(file: &str, why: impl std::fmt::Display) -> ImportError {
    ImportError::Refused {
        message: format!("{file}: {why}"),
        help: Vec::new(),
    }
}

/// Imports one export into a dataset file.
///
/// # Errors
/// The file refused as a whole, rows with problems (without `skip_invalid`), or an
/// output that cannot be written; in every case no output file is left behind.
pub fn import(opts: &Options) -> Result<Report, ImportError> {
    let file = opts.file.display().to_string();
    let kind = check_paths(opts, &file)?;
    let write_error = |err: std::io::Error| ImportError::Write {
        path: opts.output.to_owned(),
        reason: reason(&err),
    };
    let (pending, out) = write::Pending::create(opts.output).map_err(write_error)?;
    let file_name = opts
        .file
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let date = opts.date.or_else(|| modified(opts.file));
    let source_id = match opts.source_id {
        Some(id) => id.to_owned(),
        None => source_id(&file_name, date, opts.file).map_err(write_error)?,
    };
    let mut run = Run {
        file: &file,
        source: Sym::new(&source_id),
        as_of: date,
        header: None,
        seen: 0,
        out: BufWriter::with_capacity(1 << 20, out),
        written: 0,
        first_row: None,
        last_row: 0,
        bad_rows: 0,
        problems: Vec::new(),
        omitted: 0,
        notices: Vec::new(),
        ids: hashbrown::HashMap::new(),
        hashers: Default::default(),
        refusal: None,
        io: None,
        skip_invalid: opts.skip_invalid,
        blank_seen: false,
        last_number: None,
    };
    run.start(&file_name).map_err(write_error)?;
    let described = read_all(opts, kind, &mut run);
    // Each thread's interner only sped up this import.
    rayon::broadcast(|_| Sym::release_interner());
    Sym::release_interner();
    let described = described.map_err(|why| refused(&file, why))?;
    if let Some(refusal) = run.refusal.take() {
        return Err(refusal);
    }
    if let Some(err) = run.io.take() {
        return Err(write_error(err));
    }
    run.verdict()?;
    let note = format!(
        "Imported from a company-registry export ({}): {} {}, rows {} to {}.",
        described.0,
        crate::data::present::count(run.written),
        if run.written == 1 { "enterprise" } else { "enterprises" },
        run.first_row.unwrap_or(0),
        run.last_row,
    );
    let source = Source {
        id: source_id.as_str().into(),
        title: file_name.as_str().into(),
        reliability: opts.reliability,
        publisher: opts.publisher.map(Sym::new),
        date,
        url: None,
        file: Some(file_name.as_str().into()),
        note: Some(note.into()),
    };
    run.finish(&source).map_err(write_error)?;
    let Run {
        written,
        bad_rows,
        problems,
        omitted,
        notices,
        out,
        ..
    } = run;
    drop(out);
    pending.commit().map_err(write_error)?;
    Ok(Report {
        imported: written,
        skipped: bad_rows,
        problems,
        omitted,
        notices,
        output: opts.output.to_owned(),
        source: source_id,
    })
}

/// The kind of file, once it is known to be one that can be imported (and not the output).
fn check_paths(opts: &Options, file: &str) -> Result<Kind, ImportError> {
    if !opts.file.is_file() {
        let why = if opts.file.is_dir() {
            "is a directory; give the path of a .csv or .xlsx file"
        } else {
            "no such file; check the path"
        };
        return Err(refused(file, why));
    }
    let kind = Kind::of(opts.file).map_err(|why| refused(file, why))?;
    if same_file(opts.file, opts.output) {
        return Err(refused(
            file,
            "is also the --output; the output is a JSON dataset, written to a file of its own",
        ));
    }
    if opts.output.exists() && !opts.force && !is_dataset(opts.output) {
        return Err(refused(
            &opts.output.display().to_string(),
            "exists and is not a shuibei dataset; choose another --output, or add --force to replace it",
        ));
    }
    Ok(kind)
}

/// The id of the export's source: `src-NAME-DATE-HASH`, where HASH is 8 hex digits of a
/// fingerprint of the file (its size, first and last 64 KiB). Two exports both named
/// `企查查导出.csv` get two ids; importing the same file again gives the same one.
fn source_id(name: &str, date: Option<Date>, path: &Path) -> std::io::Result<String> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    const PART: u64 = 64 * 1024;
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(128 * 1024);
    (&mut file).take(PART).read_to_end(&mut bytes)?;
    if size > PART {
        file.seek(SeekFrom::Start(size.saturating_sub(PART).max(PART)))?;
        file.take(PART).read_to_end(&mut bytes)?;
    }
    // FNV-1a, 32 bits: stable across versions and machines, unlike std's hasher.
    let mut hash: u32 = 0x811c_9dc5;
    for b in size.to_le_bytes().iter().chain(&bytes) {
        hash = (hash ^ u32::from(*b)).wrapping_mul(0x0100_0193);
    }
    let mut id = format!("src-{}", name.replace(char::is_whitespace, "-"));
    if let Some(date) = date {
        id.push_str(&format!("-{date}"));
    }
    id.push_str(&format!("-{hash:08x}"));
    Ok(id)
}

/// Whether a file begins like a `shuibei/1` dataset (what an earlier import wrote).
fn is_dataset(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(4096);
    let read = File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok() && head.trim_ascii_start().starts_with(b"{") && head.windows(10).any(|w| w == b"\"shuibei/1")
}

/// Reads the file on a thread of its own while the rows already read become records
/// (on every core), so reading, parsing and writing overlap.
fn read_all(opts: &Options, kind: Kind, run: &mut Run<'_, File>) -> Result<read::Described, String> {
    let progress = progress::Progress::new(kind, opts.progress);
    let written = AtomicUsize::new(0);
    // Two batches in flight at most: memory stays flat however long the file is.
    let (tx, rx) = std::sync::mpsc::sync_channel::<read::Batch>(2);
    let described = std::thread::scope(|scope| {
        let (progress, written) = (&progress, &written);
        let reader = scope.spawn(move || {
            read::rows(
                opts.file,
                kind,
                opts.sheet,
                &mut |done, total| progress.set(done, total, written.load(Ordering::Relaxed)),
                &mut |batch| tx.send(batch).is_ok(),
            )
        });
        for batch in &rx {
            if !run.batch(&batch) {
                break;
            }
            written.store(run.written, Ordering::Relaxed);
        }
        // A refusal stops the reader: its next batch has nowhere to go.
        drop(rx);
        reader
            .join()
            .unwrap_or_else(|_| Err("could not be read to the end (the reader stopped)".into()))
    });
    progress.finish();
    described
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The file's modification date (UTC), which an export's date defaults to.
fn modified(path: &Path) -> Option<Date> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    // Excel's day count starts 25,569 days before 1970: its calendar gives the date.
    #[allow(clippy::cast_precision_loss)] // days since 1970 fit a float exactly
    let serial = (secs / 86_400) as f64 + 25_569.0;
    let (y, m, d, ..) =
        calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
    values::ymd(y, m, d).ok()
}

/// What one row became, worked out on any core.
enum Built {
    Blank,
    /// Only the first cell filled, with words like a note's (数据来源：…): a footer when
    /// it follows a blank row; the record the row would make otherwise.
    Note(String, Box<Built>),
    Bad(Vec<record::CellProblem>),
    Good {
        /// The record's id, hashed twice (128 bits) to find repeats without keeping ids.
        key: u128,
        from: record::IdFrom,
        json: Vec<u8>,
    },
}

/// The state of one pass over the rows.
struct Run<'f, W: Write> {
    file: &'f str,
    source: Sym,
    as_of: Option<Date>,
    header: Option<Header>,
    /// Rows looked at before the header was found.
    seen: usize,
    out: BufWriter<W>,
    written: usize,
    first_row: Option<usize>,
    last_row: usize,
    bad_rows: usize,
    problems: Vec<String>,
    omitted: usize,
    notices: Vec<String>,
    /// Each record's id key → the row that has it.
    ids: hashbrown::HashMap<u128, usize>,
    hashers: [hashbrown::DefaultHashBuilder; 2],
    refusal: Option<ImportError>,
    io: Option<std::io::Error>,
    skip_invalid: bool,
    /// A blank row came after the header: what follows may be notes, not data.
    blank_seen: bool,
    /// The number of the last row after the header.
    last_number: Option<usize>,
}

impl<W: Write> Run<'_, W> {
    /// After the last row: whether what was read can be written, or why not.
    fn verdict(&mut self) -> Result<(), ImportError> {
        let file = self.file;
        if self.header.is_none() {
            return Err(ImportError::Refused {
                message: format!(
                    "{file}: no header row in the first {HEADER_ROWS} rows; a header names the columns, like 企业名称 or Company Name"
                ),
                help: vec!["the headers shuibei knows:".into(), known_headers()],
            });
        }
        if self.bad_rows > 0 && !self.skip_invalid {
            return Err(ImportError::Rows {
                file: file.to_owned(),
                rows: self.bad_rows,
                problems: std::mem::take(&mut self.problems),
                omitted: self.omitted,
                notices: std::mem::take(&mut self.notices),
            });
        }
        if self.written == 0 {
            let why = if self.bad_rows > 0 {
                "every row has a problem, so nothing is left to import"
            } else {
                "has a header but no rows below it"
            };
            return Err(ImportError::Refused {
                message: format!("{file}: {why}"),
                help: std::mem::take(&mut self.problems),
            });
        }
        Ok(())
    }

    fn start(&mut self, file_name: &str) -> std::io::Result<()> {
        let cluster = Cluster {
            name: format!("Companies from {file_name}").into(),
            name_zh: None,
            location: None,
            established: None,
            summary: None,
        };
        write!(self.out, "{{\"format\":\"{FORMAT}\",\n\"cluster\":")?;
        serde_json::to_writer(&mut self.out, &cluster)?;
        self.out.write_all(b",\n\"enterprises\":[")
    }

    fn finish(&mut self, source: &Source) -> std::io::Result<()> {
        self.out.write_all(b"\n],\n\"sources\":[\n")?;
        serde_json::to_writer(&mut self.out, source)?;
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()
    }

    fn problem(&mut self, line: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(line);
        } else {
            self.omitted += 1;
        }
    }

    /// Takes one batch of rows; `false` stops the reading (the file is refused, or the
    /// output cannot be written).
    fn batch(&mut self, batch: &read::Batch) -> bool {
        let mut first = 0;
        while self.header.is_none() {
            if first == batch.len() {
                return true;
            }
            let number = batch.number(first);
            let go_on = batch.with_cells(first, |cells| self.find_header(number, cells));
            first += 1;
            if !go_on {
                return false;
            }
        }
        let Some(header) = &self.header else { return false };
        let ctx = record::Context {
            header,
            source: self.source.clone(),
            as_of: self.as_of,
        };
        let hashers = &self.hashers;
        let built: Vec<Built> = (first..batch.len())
            .into_par_iter()
            .with_min_len(256)
            .map(|i| batch.with_cells(i, |cells| build(&ctx, hashers, cells)))
            .collect();
        let (id_column, code_column, name_column) = (
            column_named(header, headers::Column::Id),
            column_named(header, headers::Column::CreditCode),
            column_named(header, headers::Column::Name),
        );
        for (i, built) in (first..).zip(built) {
            let number = batch.number(i);
            // A CSV reader passes over empty lines: a gap in the row numbers is a blank row.
            if self.last_number.is_some_and(|last| number > last + 1) {
                self.blank_seen = true;
            }
            self.last_number = Some(number);
            let built = match built {
                Built::Note(text, _) if self.blank_seen => {
                    self.notices.push(format!(
                        "{}:{number}: a note below the data is left out: {text}",
                        self.file
                    ));
                    continue;
                }
                Built::Note(_, otherwise) => *otherwise,
                other => other,
            };
            match built {
                Built::Blank => self.blank_seen = true,
                Built::Note(..) => {}
                Built::Bad(problems) => {
                    self.bad_rows += 1;
                    for p in problems {
                        self.problem(format!("{}:{number}: {}: {}", self.file, p.column, p.message));
                    }
                }
                Built::Good { key, from, json } => {
                    if let Some(&earlier) = self.ids.get(&key) {
                        // A made id can meet a given one: say which row's id it repeats.
                        let line = match from {
                            record::IdFrom::Given => format!(
                                "{}:{number}: {id_column}: the same id as row {earlier}; ids must be unique: change one, or empty the cell to have an id made from the credit code or the name",
                                self.file
                            ),
                            record::IdFrom::CreditCode => format!(
                                "{}:{number}: {code_column}: the same credit code as row {earlier}; each organisation once",
                                self.file
                            ),
                            record::IdFrom::Name => format!(
                                "{}:{number}: {name_column}: the same name as row {earlier}, and no credit code to tell them apart; add the codes, or remove one row",
                                self.file
                            ),
                        };
                        self.bad_rows += 1;
                        self.problem(line);
                        continue;
                    }
                    self.ids.insert(key, number);
                    if self.bad_rows > 0 && !self.skip_invalid {
                        // No output will be written: only look for more problems.
                        continue;
                    }
                    let separator: &[u8] = if self.written == 0 { b"\n" } else { b",\n" };
                    if let Err(err) = self.out.write_all(separator).and_then(|()| self.out.write_all(&json)) {
                        self.io = Some(err);
                        return false;
                    }
                    self.first_row.get_or_insert(number);
                    self.last_row = number;
                    self.written += 1;
                }
            }
        }
        true
    }

    fn find_header(&mut self, number: usize, cells: &[Cell]) -> bool {
        self.seen += 1;
        let texts: Vec<String> = cells.iter().map(|c| c.text().trim().to_owned()).collect();
        if let Some(header) = Header::read(&texts) {
            if let Some(tab) = header.export_of {
                self.refusal = Some(refused(
                    &format!("{}:{number}", self.file),
                    format!(
                        "this is an export of {tab} (`shuibei export --tab {tab}`); import makes enterprises only: give it an export of --tab enterprises, or a registry's"
                    ),
                ));
                return false;
            }
            if !header.has_name() {
                self.refusal = Some(ImportError::Refused {
                    message: format!(
                        "{}:{number}: the header has no name column; name one 企业名称, 公司名称, 名称 or Company Name",
                        self.file
                    ),
                    help: vec!["the headers shuibei knows:".into(), known_headers()],
                });
                return false;
            }
            if !header.unknown.is_empty() {
                self.notices.push(format!(
                    "{}:{number}: columns shuibei does not know are left out: {}",
                    self.file,
                    header.unknown.join(", ")
                ));
            }
            // One line per reason, in the order of the reasons.
            let mut left_out = header.left_out.clone();
            left_out.sort_by_key(|(why, _)| *why);
            for group in left_out.chunk_by(|a, b| a.0 == b.0) {
                let names: Vec<&str> = group.iter().map(|(_, name)| name.as_str()).collect();
                self.notices.push(format!(
                    "{}:{number}: {}: {}",
                    self.file,
                    group[0].0.why(),
                    names.join(", ")
                ));
            }
            if !header.repeated.is_empty() {
                self.notices.push(format!(
                    "{}:{number}: columns that repeat an earlier one are left out: {}",
                    self.file,
                    header.repeated.join(", ")
                ));
            }
            self.header = Some(header);
            return true;
        }
        self.seen < HEADER_ROWS
    }
}

/// One row's record, serialized, with the key that tells repeats.
fn build(ctx: &record::Context, hashers: &[hashbrown::DefaultHashBuilder; 2], cells: &[Cell]) -> Built {
    if record::is_blank(cells) {
        return Built::Blank;
    }
    let built = record_of(ctx, hashers, cells);
    match note(cells) {
        Some(text) => Built::Note(text, Box::new(built)),
        None => built,
    }
}

/// The text of a row that reads like a note: only its first cell filled, with a colon
/// (数据来源：企查查) or a note's first word (注, 备注, 说明, 来源, 导出, Source, Note).
fn note(cells: &[Cell]) -> Option<String> {
    let (first, rest) = cells.split_first()?;
    if !record::is_blank(rest) {
        return None;
    }
    let text = first.text().trim().to_owned();
    let lower = text.to_lowercase();
    let starts = ["注", "备注", "说明", "来源", "数据来源", "导出", "source", "note", "*"];
    (text.contains('：') || text.contains(':') || starts.iter().any(|w| lower.starts_with(w))).then_some(text)
}

fn record_of(ctx: &record::Context, hashers: &[hashbrown::DefaultHashBuilder; 2], cells: &[Cell]) -> Built {
    match record::build(ctx, cells) {
        Ok((enterprise, from)) => {
            let id: &str = &enterprise.id;
            let key = (u128::from(hashers[0].hash_one(id)) << 64) | u128::from(hashers[1].hash_one(id));
            // Records are plain data with string keys: serializing them cannot fail.
            let mut json = Vec::with_capacity(1024);
            let _ = serde_json::to_writer(&mut json, &enterprise);
            Built::Good { key, from, json }
        }
        Err(problems) => Built::Bad(problems),
    }
}

fn column_named(header: &Header, column: headers::Column) -> String {
    header
        .columns
        .iter()
        .position(|c| *c == Some(column))
        .map_or_else(String::new, |i| header.names[i].clone())
}
