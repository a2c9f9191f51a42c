//! `shuibei export`: the records of one tab as CSV, JSON or JSON Lines, to stdout or a file.
//!
//! Choosing the records (the tab, `--query`) and reporting happen here; writing and
//! sanitizing are [`crate::export`]'s, the same code the explorer's `e` key calls.
//! Bytes for stdout leave through `export::write` with `Dest::Stdout`, which sanitizes
//! every field, so this module hands it the raw stdout rather than `Out`.

use std::io::{self, BufWriter};
use std::path::Path;

use super::output::Out;
use super::{CliError, ExportFormat, Outcome, TabChoice};
use crate::db::{Db, Rec};
use crate::export::{self, Dest, Format};
use crate::model::RecordKind;
use crate::search;

pub(super) fn run(
    db: &Db,
    tab: TabChoice,
    query: Option<&str>,
    format: Option<ExportFormat>,
    output: Option<&Path>,
) -> Result<Outcome, CliError> {
    let kind = one_kind(tab)?;
    let recs = select(db, kind, query)?;
    let format = format
        .map(|f| match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
            ExportFormat::Jsonl => Format::Jsonl,
        })
        .or_else(|| output.and_then(Format::from_path))
        .unwrap_or(Format::Csv);
    match output {
        None => {
            let stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
            export::write(db, kind, &recs, format, Dest::Stdout, stdout).map_err(CliError::io("writing to stdout"))?;
        }
        Some(path) => {
            let written = export::to_file(db, kind, &recs, path, Some(format)).map_err(|err| {
                CliError::Usage(format!(
                    "{err}; check the directory exists and is writable, or choose another --output"
                ))
            })?;
            let mut err = Out::stderr();
            err.line(&written.message())
                .and_then(|()| err.flush())
                .map_err(CliError::io("writing to stderr"))?;
        }
    }
    Ok(Outcome::Done)
}

/// The one record kind a tab choice names; CSV has one set of columns per kind, so
/// `--tab all` is refused rather than mixed.
fn one_kind(tab: TabChoice) -> Result<RecordKind, CliError> {
    match tab.kinds().as_slice() {
        [kind] => Ok(*kind),
        _ => Err(CliError::Usage(
            "export writes one tab at a time; choose --tab history, enterprises, brands or indicators".into(),
        )),
    }
}

/// The records to export: the whole tab in dataset order, or a query's matches best first.
/// The records to export: all of the tab in file order, or those matching the query,
/// best first (the same engine and ranking as `shuibei search` and the explorer).
fn select(db: &Db, kind: RecordKind, query: Option<&str>) -> Result<Vec<Rec>, CliError> {
    let Some(query) = query else {
        return Ok(export::all(db, kind));
    };
    let outcome = search::search(&search::Index::build(db), db, search::Scope::One(kind), query, None);
    if let Some(notice) = outcome.notice {
        return Err(CliError::Usage(format!("{notice}; fix the --query")));
    }
    Ok(outcome.hits.into_iter().map(|h| h.rec).collect())
}
