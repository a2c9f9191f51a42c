//! The explorer, as the command line opens it when no subcommand is given: settings and
//! the dataset first (everything that can fail, before the terminal is touched), then
//! the explorer owns the terminal until the user quits.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::output::Out;
use super::settings;
use crate::env::Env;
use crate::explorer::{self, Exit, IndexSource};
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
    let cache = settings::cache(cli, &env);
    let (ticket, uncached) = settings::ticket(&cache, &datasets);
    let db = settings::load_db(&datasets)?;
    // The index is made off the UI thread while the explorer runs; what the cache has to
    // say shows on the status line when it is ready, and again on stderr when the
    // terminal is given back (the status line is gone by then).
    let said = Arc::new(Mutex::new(Vec::from_iter(uncached)));
    let index: IndexSource = Box::new({
        let said = Arc::clone(&said);
        move |db| {
            let opened = cache.index(ticket.as_ref(), db);
            let mut shown = opened.notices;
            if let Ok(mut said) = said.lock() {
                said.extend(shown.iter().cloned());
                shown.clone_from(&said);
            }
            (opened.index, shown)
        }
    });
    let exit = explorer::run(db, index, &settings, env);
    if let Ok(said) = said.lock() {
        settings::notices(&said);
    }
    Ok(match exit? {
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
            let _ = err.line(&format!(
                "shuibei: loading {} ({} MB)…",
                path.display(),
                size / 1_000_000
            ));
            let _ = err.flush();
        }
    }
}
