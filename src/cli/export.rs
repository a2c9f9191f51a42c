//! `shuibei export`: the records of one tab as CSV, JSON or JSON Lines.

use std::path::Path;

use super::{CliError, ExportFormat, Outcome, TabChoice};
use crate::db::Db;

pub(super) fn run(
    _db: &Db,
    _tab: TabChoice,
    _query: Option<&str>,
    _format: Option<ExportFormat>,
    _output: Option<&Path>,
) -> Result<Outcome, CliError> {
    Err(CliError::Usage(
        "`shuibei export` is not available in this build yet".into(),
    ))
}
