//! Records → CSV, JSON or JSON Lines, for `shuibei export` and the explorer's `e` key.
//!
//! Callers choose and order the records (a tab's filtered rows, a query's matches) and
//! pass them in; this module only writes them. Every value passes through `sanitize`
//! on its way out, so no caller can export a raw control sequence:
//! - CSV fields: [`sanitize::text`] for stdout (newlines and tabs kept, everything else
//!   that could steer a terminal shown as a placeholder), [`sanitize::file_text`] for
//!   files (the same, plus `\r\n` line ends kept). CSV has no escape syntax, so this is
//!   the one lossy case; JSON is the lossless export.
//! - JSON and JSON Lines: [`sanitize::json`], which writes DEL, C1 and bidi controls as
//!   `\uXXXX` escapes (the serializer already escapes C0): safe and lossless everywhere.
//!
//! It never prints to the terminal itself and never decides where output goes.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::data::db::{Db, Rec};
use crate::data::model::{Cite, RecordKind, Sym};
use crate::data::present;
use crate::sanitize;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One header line, one row per record, flat columns per kind.
    Csv,
    /// One array of `{"kind", "id", "record"}` objects, the record as stored: the shape
    /// of `shuibei show --json` (a record of its own can have a `kind` field, enterprises
    /// do, so the record kind cannot sit beside the stored fields).
    Json,
    /// One record (as in [`Format::Json`]) per line.
    Jsonl,
}

impl Format {
    /// The format a file name asks for: `.csv`, `.json`, `.jsonl` or `.ndjson`, in any case.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Where the bytes end up, which decides how faithful CSV may be (see the module notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dest {
    /// Standard output: a terminal, or a pipe that may end on one.
    Stdout,
    /// A file the user named.
    File,
}

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
        format!("wrote {} row{s} to {}", self.rows, self.path.display())
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

// The system's reason for an I/O error in words ("is a directory"): the data wing's, so
// the loader, the importer and the exporter word it alike.
pub use crate::data::problems::reason;

/// The CSV header of a kind.
#[must_use]
pub fn columns(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::History => &[
            "id",
            "date",
            "date_label",
            "title",
            "title_zh",
            "summary",
            "tags",
            "related",
            "sources",
            "reliability",
        ],
        RecordKind::Enterprise => &[
            "id",
            "name",
            "name_zh",
            "kind",
            "ownership",
            "segments",
            "founded",
            "location",
            "listings",
            "people",
            "credit_code",
            "status",
            "capital",
            "district",
            "summary",
            "tags",
            "brands",
            "sources",
            "reliability",
        ],
        RecordKind::Brand => &[
            "id",
            "name",
            "name_zh",
            "owner",
            "owner_name",
            "segment",
            "honors",
            "summary",
            "sources",
            "reliability",
        ],
        RecordKind::Indicator => &[
            "id",
            "name",
            "name_zh",
            "metric",
            "value",
            "value_max",
            "unit",
            "qualifier",
            "figure",
            "as_of",
            "scope",
            "group",
            "summary",
            "sources",
            "reliability",
        ],
    }
}

/// How lists are joined in one CSV field.
pub const LIST_SEPARATOR: &str = "; ";

/// Writes `recs`, all of `kind`, in the order given; returns how many records were written.
///
/// `kind` fixes the CSV columns even when `recs` is empty (a header alone is still a
/// valid, self-describing export).
///
/// # Errors
/// Write errors from `out` with their kind intact (`BrokenPipe` stays `BrokenPipe`), and
/// `InvalidInput` if a record is not of `kind`.
pub fn write<W: Write>(
    db: &Db,
    kind: RecordKind,
    recs: &[Rec],
    format: Format,
    dest: Dest,
    out: W,
) -> io::Result<usize> {
    if let Some(stray) = recs.iter().find(|r| r.kind != kind) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("cannot export a {} record among {} records", stray.kind, kind),
        ));
    }
    match format {
        Format::Csv => write_csv(db, kind, recs, dest, out),
        Format::Json | Format::Jsonl => write_json(db, recs, format, out),
    }
}

/// Creates (or truncates) `path` and exports into it; the format comes from `format`,
/// else the file's extension, else CSV. This is what the explorer's `e` key calls with
/// the path the user typed.
///
/// # Errors
/// The path and the reason, when the file cannot be created or written.
pub fn to_file(
    db: &Db,
    kind: RecordKind,
    recs: &[Rec],
    path: &Path,
    format: Option<Format>,
) -> Result<Written, FileError> {
    let format = format.or_else(|| Format::from_path(path)).unwrap_or(Format::Csv);
    let fail = |source| FileError {
        path: path.to_owned(),
        source,
    };
    let mut file = BufWriter::new(File::create(path).map_err(fail)?);
    let rows = write(db, kind, recs, format, Dest::File, &mut file).map_err(fail)?;
    file.flush().map_err(fail)?;
    Ok(Written {
        rows,
        path: path.to_owned(),
        format,
    })
}

fn csv_to_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn write_csv<W: Write>(db: &Db, kind: RecordKind, recs: &[Rec], dest: Dest, out: W) -> io::Result<usize> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    csv.write_record(columns(kind)).map_err(csv_to_io)?;
    let clean = |field: &str| -> String {
        match dest {
            Dest::Stdout => sanitize::text(field).into_owned(),
            Dest::File => sanitize::file_text(field).into_owned(),
        }
    };
    for rec in recs {
        let row: Vec<String> = row(db, *rec).iter().map(|f| clean(f)).collect();
        csv.write_record(&row).map_err(csv_to_io)?;
    }
    csv.flush()?;
    Ok(recs.len())
}

fn write_json<W: Write>(db: &Db, recs: &[Rec], format: Format, mut out: W) -> io::Result<usize> {
    let (open, between, close) = match format {
        Format::Json if recs.is_empty() => ("[]", "", "\n"),
        Format::Json => ("[\n", ",\n", "\n]\n"),
        _ => ("", "\n", "\n"),
    };
    out.write_all(open.as_bytes())?;
    for (i, rec) in recs.iter().enumerate() {
        if i > 0 {
            out.write_all(between.as_bytes())?;
        }
        out.write_all(sanitize::json(&record_json(db, *rec)?).as_bytes())?;
    }
    if !(recs.is_empty() && format == Format::Jsonl) {
        out.write_all(close.as_bytes())?;
    }
    out.flush()?;
    Ok(recs.len())
}

/// One record on one line: `{"kind":"brand","id":"b1","record":{...as stored...}}`.
fn record_json(db: &Db, rec: Rec) -> io::Result<String> {
    let item = serde_json::json!({"kind": rec.kind.as_str(), "id": db.id(rec), "record": db.to_json(rec)});
    Ok(serde_json::to_string(&item)?)
}

fn opt(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn list(items: &[Sym]) -> String {
    items.iter().map(|s| &**s).collect::<Vec<_>>().join(LIST_SEPARATOR)
}

/// The cited source ids, each once, in citation order.
fn source_ids(cites: &[Cite]) -> String {
    let mut ids: Vec<&str> = Vec::with_capacity(cites.len());
    for cite in cites {
        if !ids.contains(&&*cite.source) {
            ids.push(&cite.source);
        }
    }
    ids.join(LIST_SEPARATOR)
}

/// The CSV fields of one record, in [`columns`] order, unsanitized.
fn row(db: &Db, rec: Rec) -> Vec<String> {
    let reliability = opt(db.weakest_source(rec));
    match rec.kind {
        RecordKind::History => history_row(db, rec.idx(), reliability),
        RecordKind::Enterprise => enterprise_row(db, rec.idx(), reliability),
        RecordKind::Brand => brand_row(db, rec.idx(), reliability),
        RecordKind::Indicator => indicator_row(db, rec.idx(), reliability),
    }
}

fn history_row(db: &Db, i: usize, reliability: String) -> Vec<String> {
    let e = &db.history()[i];
    vec![
        e.id.to_string(),
        e.date.to_string(),
        opt(e.date_label.as_deref()),
        e.title.to_string(),
        opt(e.title_zh.as_deref()),
        opt(e.summary.as_deref()),
        list(&e.tags),
        list(&e.related),
        source_ids(&e.sources),
        reliability,
    ]
}

fn enterprise_row(db: &Db, i: usize, reliability: String) -> Vec<String> {
    let e = &db.enterprises()[i];
    let listings: Vec<String> = e
        .listings
        .iter()
        .map(|l| format!("{}:{}", l.exchange, l.code))
        .collect();
    let people: Vec<String> = e
        .people
        .iter()
        .map(|p| {
            let extra: Vec<String> = p
                .role
                .as_deref()
                .map(str::to_owned)
                .into_iter()
                .chain(p.as_of.map(|d| d.to_string()))
                .collect();
            if extra.is_empty() {
                p.name.to_string()
            } else {
                format!("{} ({})", p.name, extra.join(", "))
            }
        })
        .collect();
    let brands: Vec<&str> = db.brands_of(i).iter().map(|b| &*db.brands()[*b as usize].id).collect();
    vec![
        e.id.to_string(),
        e.name.to_string(),
        opt(e.name_zh.as_deref()),
        opt(e.kind),
        opt(e.ownership),
        list(&e.segments),
        opt(e.founded),
        opt(e.location.as_deref()),
        listings.join(LIST_SEPARATOR),
        people.join(LIST_SEPARATOR),
        opt(e.credit_code()),
        opt(e.registry.as_ref().and_then(|r| r.status)),
        opt(e
            .registry
            .as_ref()
            .and_then(|r| r.capital.as_ref())
            .map(|c| format!("{} {}", c.amount, c.currency))),
        opt(e.registry.as_ref().and_then(|r| r.district.as_deref())),
        opt(e.summary.as_deref()),
        list(&e.tags),
        brands.join(LIST_SEPARATOR),
        source_ids(&e.sources),
        reliability,
    ]
}

fn brand_row(db: &Db, i: usize, reliability: String) -> Vec<String> {
    let b = &db.brands()[i];
    let owner_name = db.owner_of(i).map(|o| db.enterprises()[o.idx()].name.to_string());
    let honors: Vec<String> = b
        .honors
        .iter()
        .map(|h| {
            let mut text = h.title.to_string();
            match (h.year, &h.by) {
                (Some(y), Some(by)) => {
                    let _ = write!(text, " ({y}, by {by})");
                }
                (Some(y), None) => {
                    let _ = write!(text, " ({y})");
                }
                (None, Some(by)) => {
                    let _ = write!(text, " (by {by})");
                }
                (None, None) => {}
            }
            text
        })
        .collect();
    vec![
        b.id.to_string(),
        b.name.to_string(),
        opt(b.name_zh.as_deref()),
        opt(b.owner.as_deref()),
        opt(owner_name),
        opt(b.segment.as_deref()),
        honors.join(LIST_SEPARATOR),
        opt(b.summary.as_deref()),
        source_ids(&b.sources),
        reliability,
    ]
}

fn indicator_row(db: &Db, i: usize, reliability: String) -> Vec<String> {
    let i = &db.indicators()[i];
    vec![
        i.id.to_string(),
        i.name.to_string(),
        opt(i.name_zh.as_deref()),
        opt(i.metric.as_deref()),
        i.value.to_string(),
        opt(i.value_max),
        i.unit.to_string(),
        i.qualifier.to_string(),
        present::figure(i),
        i.as_of.to_string(),
        opt(i.scope.as_deref()),
        opt(i.group.as_deref()),
        opt(i.summary.as_deref()),
        source_ids(&i.sources),
        reliability,
    ]
}

/// Every record of a kind, in dataset order: what a tab holds before any filter.
#[must_use]
pub fn all(db: &Db, kind: RecordKind) -> Vec<Rec> {
    (0..db.len(kind)).map(|i| Rec::new(kind, i)).collect()
}

#[cfg(test)]
mod tests;
