//! The explorer, as the command line opens it when no subcommand is given: settings and
//! the dataset first (everything that can fail, before the terminal is touched), then
//! the explorer owns the terminal until the user quits.

use std::io::IsTerminal;
use std::path::Path;
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
    announce_big_load(settings.data.value.as_deref());
    let cache = settings::cache(cli, &env);
    let ticket = settings.data.value.as_deref().and_then(|path| cache.ticket(path));
    let db = settings::load_db(settings.data.value.as_deref())?;
    // The index is made off the UI thread while the explorer runs; what the cache has to
    // say waits until the terminal is given back.
    let said = Arc::new(Mutex::new(Vec::new()));
    let index: IndexSource = Box::new({
        let said = Arc::clone(&said);
        move |db| {
            let opened = cache.index(ticket.as_ref(), db);
            if let Ok(mut said) = said.lock() {
                said.extend(opened.notices);
            }
            opened.index
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
