//! `shuibei search`: the query engine on the command line.

use std::path::Path;

use super::{CliError, Outcome, TabChoice};

pub(super) struct Options<'a> {
    pub query: &'a str,
    pub tab: TabChoice,
    pub limit: Option<usize>,
    pub json: bool,
    pub stats: bool,
}

pub(super) fn run(_data: Option<&Path>, opts: &Options) -> Result<Outcome, CliError> {
    let _ = (opts.query, opts.tab, opts.limit, opts.json, opts.stats);
    Err(CliError::Usage(
        "`shuibei search` is not available in this build yet".into(),
    ))
}
