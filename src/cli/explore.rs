//! The explorer, as the command line opens it when no subcommand is given: settings and
//! the dataset first (everything that can fail, before the terminal is touched), then
//! the explorer owns the terminal until the user quits.

use std::io::IsTerminal;
use std::path::Path;

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::output::Out;
use super::settings;
use crate::env::Env;
use crate::explorer::{self, Exit};
use crate::settings::Settings;

/// Loads settings and data, then runs the explorer until the user quits.
///
/// # Errors
/// Config, data and usage errors before the terminal is touched; I/O errors of the terminal.
pub(super) fn run(cli: &Cli) -> Result<Outcome, CliError> {
    let env = Env::from_process();
    let settings = Settings::resolve(settings::flags(cli, &env), &env)?;
    settings::check_data(&settings)?;
    announce_big_load(settings.data.value.as_deref());
    let db = settings::load_db(settings.data.value.as_deref())?;
    Ok(match explorer::run(db, &settings, env)? {
        Exit::Quit => Outcome::Done,
        Exit::Signalled(signal) => Outcome::Signalled(signal),
    })
}

/// A large dataset takes a second or two to load before the screen appears: say so on
/// stderr (a terminal only), so the wait is not mistaken for a hang.
fn announce_big_load(path: Option<&Path>) {
    const BIG: u64 = 32 << 20;
    let Some(path) = path else { return };
    let Ok(size) = std::fs::metadata(path).map(|m| m.len()) else {
        return;
    };
    if size >= BIG && std::io::stderr().is_terminal() {
        let mut err = Out::stderr();
        let _ = err.line(&format!("shuibei: loading {} ({} MB)…", path.display(), size >> 20));
        let _ = err.flush();
    }
}
