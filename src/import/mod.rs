//! Registry exports → a `shuibei/1` dataset (`shuibei import`): the CSV and Excel files
//! that company-registry services and the national enterprise credit system export,
//! with Chinese headers, become enterprise records to lay over the shipped data
//! (`--add`).
//!
//! One streaming pass: rows are read (`read`: encodings, separators, workbooks), the
//! header row found below any title lines and its columns recognised (`headers`), each
//! row's cells parsed (`values`) into a record (`record`), and the record written at
//! once to a temporary file beside the output. Every problem is reported as
//! `FILE:ROW: column: what is wrong`, ROW as a spreadsheet shows it; unless the caller
//! asked to skip bad rows, any problem means no output at all. The output replaces an
//! existing file only when it is complete (a rename). One source describes the export;
//! every record cites it.
//!
//! A wing below the explorer and export, above the data it produces: it imports
//! `data`, `search::fold` and the leaves, and prints nothing (the command line reports).

mod headers;
mod progress;
mod read;
mod record;
mod values;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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
    let kind = Kind::of(opts.file).map_err(|why| refused(&file, why))?;
    if !opts.file.is_file() {
        let why = if opts.file.is_dir() {
            "is a directory; give the path of a .csv or .xlsx file"
        } else {
            "no such file; check the path"
        };
        return Err(refused(&file, why));
    }
    if same_file(opts.file, opts.output) {
        return Err(refused(
            &file,
            "is also the --output; the output is a JSON dataset, written to a file of its own",
        ));
    }
    let write_error = |err: std::io::Error| ImportError::Write {
        path: opts.output.to_owned(),
        reason: reason(&err),
    };
    let dir = match opts.output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".shuibei-import-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(write_error)?;
    // The path removes the file when dropped, unless it is persisted as the output.
    let (temp_file, temp_path) = temp.into_parts();
    let file_name = opts
        .file
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let source_id = format!("src-{}", file_name.replace(char::is_whitespace, "-"));
    let date = opts.date.or_else(|| modified(opts.file));
    let mut run = Run {
        file: &file,
        ctx_source: Sym::new(&source_id),
        as_of: date,
        header: None,
        seen: 0,
        out: BufWriter::with_capacity(1 << 20, temp_file),
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
    };
    run.start(&file_name).map_err(write_error)?;
    let progress = progress::Progress::new(kind, opts.progress);
    let rows = std::cell::Cell::new(0);
    let described = read::rows(
        opts.file,
        kind,
        opts.sheet,
        &mut |done, total| progress.set(done, total, rows.get()),
        &mut |row, cells| {
            let go_on = run.row(row, cells);
            rows.set(run.written);
            go_on
        },
    );
    progress.finish();
    Sym::release_interner();
    let described = described.map_err(|why| refused(&file, why))?;
    if let Some(refusal) = run.refusal.take() {
        return Err(refusal);
    }
    if let Some(err) = run.io.take() {
        return Err(write_error(err));
    }
    if run.header.is_none() {
        return Err(ImportError::Refused {
            message: format!(
                "{file}: no header row in the first {HEADER_ROWS} rows; a header names the columns, like 企业名称 or Company Name"
            ),
            help: vec!["the headers shuibei knows:".into(), known_headers()],
        });
    }
    if run.bad_rows > 0 && !opts.skip_invalid {
        return Err(ImportError::Rows {
            file: file.clone(),
            rows: run.bad_rows,
            problems: run.problems,
            omitted: run.omitted,
            notices: run.notices,
        });
    }
    if run.written == 0 {
        let why = if run.bad_rows > 0 {
            "every row has a problem, so nothing is left to import"
        } else {
            "has a header but no rows below it"
        };
        return Err(ImportError::Refused {
            message: format!("{file}: {why}"),
            help: run.problems.clone(),
        });
    }
    let source = Source {
        id: source_id.as_str().into(),
        title: file_name.as_str().into(),
        reliability: opts.reliability,
        publisher: opts.publisher.map(Sym::new),
        date,
        url: None,
        file: Some(file_name.as_str().into()),
        note: Some(
            format!(
                "Imported from a company-registry export ({}): {} {}, rows {} to {}.",
                described.0,
                crate::data::present::count(run.written),
                if run.written == 1 { "enterprise" } else { "enterprises" },
                run.first_row.unwrap_or(0),
                run.last_row,
            )
            .into(),
        ),
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
    temp_path.persist(opts.output).map_err(|err| write_error(err.error))?;
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

/// The state of one pass over the rows.
struct Run<'f, W: Write> {
    file: &'f str,
    ctx_source: Sym,
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
    /// Each record's id (as two hashes: 128 bits) → the row that has it.
    ids: hashbrown::HashMap<u128, usize>,
    hashers: [hashbrown::DefaultHashBuilder; 2],
    refusal: Option<ImportError>,
    io: Option<std::io::Error>,
    skip_invalid: bool,
}

impl<W: Write> Run<'_, W> {
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

    /// Takes one row; `false` stops the reading (the file is refused).
    fn row(&mut self, number: usize, cells: &[Cell]) -> bool {
        let Some(header) = &self.header else {
            return self.find_header(number, cells);
        };
        if record::is_blank(cells) {
            return true;
        }
        let ctx = record::Context {
            header,
            source: self.ctx_source.clone(),
            as_of: self.as_of,
        };
        let enterprise = match record::build(&ctx, cells) {
            Ok(enterprise) => enterprise,
            Err(problems) => {
                self.bad_rows += 1;
                for p in problems {
                    self.problem(format!("{}:{number}: {}: {}", self.file, p.column, p.message));
                }
                return true;
            }
        };
        let key = {
            let [a, b] = &self.hashers;
            let id: &str = &enterprise.id;
            (u128::from(std::hash::BuildHasher::hash_one(a, id)) << 64)
                | u128::from(std::hash::BuildHasher::hash_one(b, id))
        };
        if let Some(&first) = self.ids.get(&key) {
            let (column, what) = match enterprise.credit_code() {
                Some(_) => (
                    column_named(header, headers::Column::CreditCode),
                    format!("the same credit code as row {first}; each organisation once"),
                ),
                None => (
                    column_named(header, headers::Column::Name),
                    format!(
                        "the same name as row {first}, and no credit code to tell them apart; add the codes, or remove one row"
                    ),
                ),
            };
            self.bad_rows += 1;
            self.problem(format!("{}:{number}: {column}: {what}", self.file));
            return true;
        }
        self.ids.insert(key, number);
        if self.bad_rows > 0 && !self.skip_invalid {
            // No output will be written: only look for more problems.
            return true;
        }
        if let Err(err) = self.write(&enterprise) {
            self.io = Some(err);
            return false;
        }
        self.first_row.get_or_insert(number);
        self.last_row = number;
        self.written += 1;
        true
    }

    fn write(&mut self, enterprise: &crate::data::model::Enterprise) -> std::io::Result<()> {
        self.out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, enterprise)?;
        Ok(())
    }

    fn find_header(&mut self, number: usize, cells: &[Cell]) -> bool {
        self.seen += 1;
        let texts: Vec<String> = cells.iter().map(|c| c.text().trim().to_owned()).collect();
        if let Some(header) = Header::read(&texts) {
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

fn column_named(header: &Header, column: headers::Column) -> String {
    header
        .columns
        .iter()
        .position(|c| *c == Some(column))
        .map_or_else(String::new, |i| header.names[i].clone())
}
