//! Registry exports → a `shuibei/1` dataset (`shuibei import`): the CSV and Excel files
//! that company-registry services and the national enterprise credit system export,
//! with Chinese headers, become enterprise records to lay over the shipped data
//! (`--add`); so does `shuibei export --tab enterprises` itself, every field it holds
//! but the citations, whose sources are not in the file.
//!
//! One streaming pass (`pass`): rows are read (`read`: encodings, separators, workbooks), the
//! header row found below any title lines and its columns recognised (`headers`), each
//! row's cells parsed (`values`, `capital`, `exported`) into a record (`record`), and the record
//! written at once to a temporary file beside the output. Every problem is reported as
//! `FILE:ROW: column: what is wrong`, ROW as a spreadsheet shows it; unless the caller
//! asked to skip bad rows, any problem means no output at all. The output replaces an
//! existing file only when it is complete (a rename). One source describes the export;
//! every record cites it.
//!
//! A wing below the explorer and export, above the data it produces: it imports
//! `data`, `search::fold` and the leaves, and prints nothing (the command line reports).

mod capital;
mod error;
mod exported;
mod headers;
mod pass;
mod progress;
mod read;
mod record;
mod values;
mod write;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::data::model::{Date, Reliability, Source, Sym};
use crate::data::problems::reason;
use pass::Run;
use read::Kind;

pub use error::ImportError;
use error::{refused, rows_word};
pub use headers::known as known_headers;

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
    /// Values left out of imported rows (`--skip-invalid`: a status not understood), as
    /// `FILE:ROW: column: what`, and how many more there were.
    pub warnings: Vec<String>,
    pub warnings_omitted: usize,
    pub output: PathBuf,
    /// The id of the source every record cites.
    pub source: String,
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
    let mut run = Run::new(&file, Sym::new(&source_id), date, out, opts.skip_invalid);
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
    // Rows left out (--skip-invalid) are said, and the rows named are the first and the
    // last record's: "rows 2 to 6" read as five records, or as every row read.
    let left_out = match run.bad_rows {
        0 => String::new(),
        n => format!("; {} with problems left out", rows_word(n)),
    };
    let note = format!(
        "Imported from a company-registry export ({}): {} {} (the first from row {}, the last from row {}){left_out}.",
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
        warnings,
        warnings_omitted,
        out,
        ..
    } = run;
    drop(out);
    pending.commit().map_err(write_error)?;
    // The date every value is "as of": from the file's time, it is the day the file was
    // last written (copied, downloaded), which a reader takes for the registry's.
    let mut notices = notices;
    if opts.date.is_none() {
        notices.insert(
            0,
            match date {
                Some(day) => format!(
                    "no --date: its records are dated {day}, the day {file_name} was last modified; if the registry was exported on another day, import it again with --date YYYY-MM-DD"
                ),
                None => format!(
                    "no --date, and {file_name} has no modification time to read: its records are undated; import it again with --date YYYY-MM-DD"
                ),
            },
        );
    }
    Ok(Report {
        imported: written,
        skipped: bad_rows,
        problems,
        omitted,
        notices,
        warnings,
        warnings_omitted,
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
