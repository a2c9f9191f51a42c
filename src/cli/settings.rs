//! `--print-config`, and the dataset each command opens when no FILE is named: `--data`,
//! else `SHUIBEI_DATA`, else the config file's `data`, else the one built into the binary.
//!
//! Merging lives in [`crate::config`]; this module only turns its results into output
//! and `CliError`s. The environment is read once, here, at the edge.

use std::path::PathBuf;

use super::output::Out;
use super::{Cli, CliError, Outcome};
use crate::config::Settings;
use crate::env::Env;

/// The effective settings, or the config file's problem as a usage error (exit 2).
pub(super) fn resolve(cli: &Cli) -> Result<Settings, CliError> {
    Settings::resolve(cli, &Env::from_process()).map_err(|err| CliError::Usage(err.to_string()))
}

/// The dataset to open: `None` for the built-in one.
pub(super) fn data(cli: &Cli) -> Result<Option<PathBuf>, CliError> {
    Ok(resolve(cli)?.data.value)
}

pub(super) fn print(cli: &Cli) -> Result<Outcome, CliError> {
    let settings = resolve(cli)?;
    // Key overrides are checked as the explorer would check them, so a config that
    // prints cleanly also starts cleanly.
    crate::keymap::Keymap::with_overrides(&settings.keys).map_err(CliError::Usage)?;
    let mut out = Out::stdout();
    out.raw(settings.render().as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to stdout"))?;
    Ok(Outcome::Done)
}
