//! `shuibei validate [FILE]`: load, check, and summarise in one line.

use std::path::Path;

use super::error::{CliError, Outcome};
use super::output::Out;
use super::settings::load_db;
use crate::data::model::RecordKind;

/// Prints `ok: N history, N enterprises, N brands, N indicators, N sources` or fails
/// with every problem (reported by `cli::main`, exit 2).
pub(super) fn run(file: Option<&Path>) -> Result<Outcome, CliError> {
    let db = load_db(file)?;
    let counts: Vec<String> = RecordKind::ALL
        .iter()
        .map(|k| format!("{} {}", db.len(*k), k.section()))
        .chain(std::iter::once(format!("{} sources", db.sources().len())))
        .collect();
    let mut out = Out::stdout();
    out.line(&format!("ok: {}", counts.join(", ")))
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to stdout"))?;
    Ok(Outcome::Done)
}
