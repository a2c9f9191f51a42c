//! The explorer, as the command line opens it when no subcommand is given: settings
//! first (everything that can fail, before the terminal is touched), then the explorer
//! owns the terminal until the user quits, loading the dataset as it starts (a large one
//! behind a loading screen; its problems are reported once the terminal is given back).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::settings;
use crate::env::Env;
use crate::explorer::{self, Exit, IndexSource, Load, Opener};
use crate::settings::Settings;

/// Loads settings and data, then runs the explorer until the user quits.
///
/// # Errors
/// Config, data and usage errors (a dataset's problems after the terminal is given back,
/// when it took long enough to load that the explorer showed its loading screen); I/O
/// errors of the terminal.
pub(super) fn run(cli: &Cli) -> Result<Outcome, CliError> {
    let env = Env::from_process();
    let settings = Settings::resolve(settings::flags(cli), &env)?;
    settings::check_data(&settings)?;
    let datasets = settings::Datasets::of(&settings);
    let cache = settings::cache(cli, &env);
    // What the cache has to say shows on the status line when the index is ready, and
    // again on stderr when the terminal is given back (the status line is gone by then),
    // after the notices of the load.
    let said = Arc::new(Mutex::new(Vec::new()));
    let failure = Arc::new(Mutex::new(None));
    // Called again when the dataset changes on disk: a new ticket (the file's new stamp)
    // and a new load.
    let open: Opener = Arc::new({
        let (said, failure) = (Arc::clone(&said), Arc::clone(&failure));
        move || {
            let (ticket, uncached) = settings::ticket(&cache, &datasets);
            // The status line shows what this opening had to say, not earlier ones'.
            let from = said.lock().map_or(0, |said| said.len());
            let load = loader(datasets.clone(), uncached, &said, &failure);
            let cache = cache.clone();
            let said = Arc::clone(&said);
            let index: IndexSource = Box::new(move |db| {
                let opened = cache.index(ticket.as_ref(), db);
                let mut shown = opened.notices;
                if let Ok(mut said) = said.lock() {
                    said.extend(shown.iter().cloned());
                    shown = said.get(from..).unwrap_or_default().to_vec();
                }
                (opened.index, shown)
            });
            (load, index)
        }
    });
    let exit = explorer::run(&open, &settings, env);
    if let Ok(said) = said.lock() {
        settings::notices(&said);
    }
    Ok(match exit? {
        Exit::Quit => {
            // The dataset changed on disk while it was shown and did not load again: the
            // status line said so in one line; the whole report now.
            if let Some(err) = failure.lock().ok().and_then(|mut f| f.take()) {
                eprintln!("shuibei: the dataset changed on disk while the explorer showed it, and does not load now:");
                super::error::report(&err);
            }
            Outcome::Done
        }
        Exit::Signalled(signal) => Outcome::Signalled(signal),
        Exit::NotLoaded => {
            let why = failure.lock().ok().and_then(|mut f| f.take());
            return Err(why.unwrap_or_else(|| {
                CliError::Usage("the dataset could not be loaded (an internal error, printed above)".into())
            }));
        }
    })
}

/// The explorer's way to load the dataset: on its thread, counting the bytes read for
/// the loading screen. Notices go to `said`, a failure to `failure`, for the caller to
/// report once the terminal is its own again.
fn loader(
    datasets: settings::Datasets,
    uncached: Option<String>,
    said: &Arc<Mutex<Vec<String>>>,
    failure: &Arc<Mutex<Option<CliError>>>,
) -> Load {
    let files: Vec<&Path> = datasets
        .base
        .iter()
        .chain(&datasets.add)
        .map(PathBuf::as_path)
        .collect();
    let name = match files.as_slice() {
        [] => "the built-in dataset".to_owned(),
        [one] => shown_name(one),
        [first, rest @ ..] => format!("{} and {} more", shown_name(first), rest.len()),
    };
    // A pipe or a device has no size to show a share of: the screen counts bytes instead.
    let sizes: Option<u64> = files
        .iter()
        .map(|f| {
            std::fs::metadata(f)
                .ok()
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len())
        })
        .sum();
    // Not pipes or devices: one read once cannot be read again. A file missing now (gone
    // between two readings) is watched, so that it is read again when it comes back.
    let watch = files
        .iter()
        .filter(|f| std::fs::metadata(f).map_or(true, |m| m.is_file()))
        .map(|f| f.to_path_buf())
        .collect();
    let read = Arc::new(AtomicU64::new(0));
    let (said, failure, count) = (Arc::clone(said), Arc::clone(failure), Arc::clone(&read));
    Load {
        name,
        bytes: sizes.filter(|b| *b > 0),
        read,
        load: Box::new(move || match settings::load_counted(&datasets, &count) {
            Ok((db, notices)) => {
                if let Ok(mut said) = said.lock() {
                    said.extend(notices.into_iter().chain(uncached));
                }
                // An earlier reading's failure is mended.
                if let Ok(mut failure) = failure.lock() {
                    *failure = None;
                }
                Ok(db)
            }
            Err(err) => {
                let why = err.one_line();
                if let Ok(mut failure) = failure.lock() {
                    *failure = Some(err);
                }
                Err(why)
            }
        }),
        watch,
    }
}

/// A file as the loading screen names it: its name, without the folders.
fn shown_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
