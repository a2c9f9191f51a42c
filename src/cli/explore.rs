//! The explorer, as the command line opens it when no subcommand is given: settings and
//! the dataset first (everything that can fail, before the terminal is touched), then
//! the explorer owns the terminal until the user quits.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    let datasets = settings::Datasets::of(&settings);
    announce_big_load(datasets.base.iter().chain(&datasets.add).map(PathBuf::as_path));
    let db = settings::load_db(&datasets)?;
    Ok(match explorer::run(db, &settings, env)? {
        Exit::Quit => Outcome::Done,
        Exit::Signalled(signal) => Outcome::Signalled(signal),
    })
}

/// A large dataset takes a second or two to load before the screen appears: say so on
/// stderr (a terminal only), so the wait is not mistaken for a hang.
fn announce_big_load<'p>(paths: impl Iterator<Item = &'p Path>) {
    const BIG: u64 = 32 << 20;
    for path in paths {
        let Ok(size) = std::fs::metadata(path).map(|m| m.len()) else {
            continue;
        };
        if size >= BIG && std::io::stderr().is_terminal() {
            let mut err = Out::stderr();
            let _ = err.line(&format!("shuibei: loading {} ({} MB)…", path.display(), size >> 20));
            let _ = err.flush();
        }
    }
}
