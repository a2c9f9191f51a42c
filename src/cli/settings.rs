//! `--print-config`, and the datasets each command opens: the base (`--data`, else
//! `SHUIBEI_DATA`, else the config file's `data`, else the one built into the binary) and
//! the datasets laid over it (`--add`, else `SHUIBEI_ADD`, else the config file's `add`).
//!
//! Merging lives in [`crate::settings`]; this module only turns its results into output
//! and `CliError`s. The environment is read once, here, at the edge.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::output::Out;
use crate::data::db::Db;
use crate::data::layers;
use crate::env::Env;
use crate::explorer::keymap::Keymap;
use crate::search::cache::{self, Cache, Ticket};
use crate::settings::{Flags, Origin, Settings};

/// The effective settings, or the config file's problem as a usage error (exit 2). Key
/// overrides are checked here too, as the explorer checks them: a config file is good or
/// bad for every command alike.
pub(super) fn resolve(cli: &Cli) -> Result<Settings, CliError> {
    let env = Env::from_process();
    let settings = Settings::resolve(flags(cli), &env)?;
    Keymap::with_overrides(&settings.keys).map_err(CliError::Usage)?;
    Ok(settings)
}

/// The flags of a parsed command line. `SHUIBEI_DATA` is the settings' to read (clap
/// would take an empty one for a `--data` without its file: `SHUIBEI_DATA= shuibei` is
/// a usual way to unset it for one command).
pub(super) fn flags(cli: &Cli) -> Flags {
    Flags {
        theme: cli.theme,
        color: cli.color,
        data: cli.data.clone(),
        add: cli.add.clone(),
    }
}

/// The datasets a command opens: the base (`None`: the built-in one) and the layers.
#[derive(Debug, Clone, Default)]
pub(super) struct Datasets {
    pub base: Option<PathBuf>,
    pub add: Vec<PathBuf>,
}

impl Datasets {
    /// The options that name these datasets on a command line (` --data BASE --add
    /// LAYER`, shell-quoted; empty for the built-in dataset), for advice that must open
    /// the same data.
    pub(super) fn flags(&self) -> String {
        let mut out = String::new();
        for (flag, path) in self
            .base
            .iter()
            .map(|p| ("--data", p))
            .chain(self.add.iter().map(|p| ("--add", p)))
        {
            out.push_str(&format!(
                " {flag} {}",
                super::output::shell_word(&path.to_string_lossy())
            ));
        }
        out
    }

    /// Every dataset file named, the base first.
    pub(super) fn paths(&self) -> Vec<&Path> {
        self.base.iter().chain(&self.add).map(PathBuf::as_path).collect()
    }

    pub(super) fn of(settings: &Settings) -> Datasets {
        Datasets {
            base: settings.data.value.clone(),
            add: settings.add.value.clone(),
        }
    }
}

/// The datasets to open, as the settings name them.
pub(super) fn datasets(cli: &Cli) -> Result<Datasets, CliError> {
    let settings = resolve(cli)?;
    check_data(&settings)?;
    Ok(Datasets::of(&settings))
}

/// A dataset path that came from the environment or the config file and names nothing
/// is reported with where it came from: the user did not type it on this command line,
/// so "check the path" alone would not help.
///
/// # Errors
/// A usage error naming the variable or the config file.
pub(super) fn check_data(settings: &Settings) -> Result<(), CliError> {
    // Flags win over the environment, which wins over the file, for `add` as for every
    // setting; a layer dropped that way is said, as it is easily forgotten.
    if let Some(line) = settings.add_dropped_line() {
        notices(&[format!("shuibei: notice: {line}")]);
    }
    if let Some(path) = settings.data.value.as_ref() {
        check_path(settings, path, settings.data.origin, "data")?;
    }
    for path in &settings.add.value {
        check_path(settings, path, settings.add.origin, "add")?;
    }
    Ok(())
}

fn check_path(settings: &Settings, path: &Path, origin: Origin, line: &str) -> Result<(), CliError> {
    if path.exists() {
        return Ok(());
    }
    match origin {
        Origin::Env(var) => Err(CliError::Usage(format!(
            "{var} names {}, which does not exist; fix or unset {var}",
            path.display()
        ))),
        Origin::ConfigFile => Err(CliError::Usage(format!(
            "the config file's {line} line names {}, which does not exist; fix it in {}",
            path.display(),
            settings
                .config_path
                .as_ref()
                .map_or_else(|| "the config file".to_owned(), |f| f.display().to_string())
        ))),
        Origin::Default | Origin::Flag(_) => Ok(()),
    }
}

pub(super) fn print(cli: &Cli) -> Result<Outcome, CliError> {
    let settings = resolve(cli)?;
    let mut text = settings.render();
    // Where the search index cache is, as comments: the output stays a config file.
    let cache = cache(cli, &Env::from_process());
    let state = match cache.mode() {
        cache::Mode::Off => "off (--no-cache)",
        _ if cache.dir().is_none() => "off (no folder for it)",
        cache::Mode::Rebuild => "would be rebuilt (--rebuild-index)",
        cache::Mode::Use => "on",
    };
    let env = Env::from_process();
    let mut place = cache.dir().map_or_else(
        || "no folder (set XDG_CACHE_HOME, or HOME to a folder that exists)".to_owned(),
        |d| d.display().to_string(),
    );
    if let Some(xdg) = env.get_os("XDG_CACHE_HOME").filter(|x| !x.is_empty())
        && !std::path::Path::new(xdg).is_absolute()
    {
        place.push_str(&format!(
            " (XDG_CACHE_HOME={} is not an absolute path, so it is ignored, as the XDG spec asks)",
            std::path::Path::new(xdg).display()
        ));
    }
    // The nearest part of the path that exists must be a folder.
    if let Some(file) = cache
        .dir()
        .and_then(|d| d.ancestors().find(|a| a.exists()))
        .filter(|a| !a.is_dir())
    {
        place.push_str(&format!(
            " (not usable: {} is a file where a folder should be)",
            file.display()
        ));
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!(
        "# search index cache: {state}; {place} (datasets of {} MiB or more, with their --add layers)\n",
        cache::MIN_LEN >> 20
    ));
    let mut out = Out::stdout();
    out.raw(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to stdout"))?;
    Ok(Outcome::Done)
}

/// Loads the base (`--data FILE`, else the embedded dataset) and lays the others over it.
///
/// # Errors
/// Every problem of the first file that has one, as a [`CliError::Load`].
pub(super) fn load_db(datasets: &Datasets) -> Result<Db, CliError> {
    let (db, said) = load_counted(datasets, &AtomicU64::new(0))?;
    notices(&said);
    Ok(db)
}

/// [`load_db`], adding the bytes read to `count`, and handing back the notices (names
/// that matched a record below but were kept apart) rather than printing them: the
/// explorer loads while it owns the terminal, and says them when it gives it back.
///
/// # Errors
/// As [`load_db`].
pub(super) fn load_counted(datasets: &Datasets, count: &AtomicU64) -> Result<(Db, Vec<String>), CliError> {
    let db = layers::load_counted(datasets.base.as_deref(), &datasets.add, count).map_err(|err| {
        if datasets.add.is_empty() {
            return CliError::from(err);
        }
        // A layer's problem may exist only beside the files below it (an id they already
        // use): the check to run again is the whole stack, not the one file.
        let check = format!("shuibei{} validate", datasets.flags());
        CliError::Load { err, check, hint: None }
    })?;
    let notices = db
        .layers()
        .iter()
        .flat_map(|l| &l.notices)
        .map(|notice| format!("shuibei: notice: {notice}"))
        .collect();
    Ok((db, notices))
}

/// The search index cache as `--no-cache` and `--rebuild-index` ask.
pub(super) fn cache(cli: &Cli, env: &Env) -> Cache {
    let mode = if cli.no_cache {
        cache::Mode::Off
    } else if cli.rebuild_index {
        cache::Mode::Rebuild
    } else {
        cache::Mode::Use
    };
    Cache::new(mode, env)
}

/// The cache ticket of the dataset about to be loaded: `None` for the built-in one alone
/// (it loads in milliseconds); a dataset with `--add` layers is keyed by every file.
///
/// With `--rebuild-index`, a dataset that is not cached is said (else the flag would do
/// nothing without a word): the notice comes second.
pub(super) fn ticket(cache: &Cache, datasets: &Datasets) -> (Option<Ticket>, Option<String>) {
    let ticket = match datasets.base.as_deref() {
        Some(path) if datasets.add.is_empty() => cache.ticket(path),
        base if !datasets.add.is_empty() => cache.ticket_layers(base, &datasets.add),
        _ => None,
    };
    if ticket.is_some() || cache.mode() != cache::Mode::Rebuild {
        return (ticket, None);
    }
    let small = |what: &str| {
        format!(
            "{what} under {} MiB, and files that small load faster than a cache is checked",
            cache::MIN_LEN >> 20
        )
    };
    let why = match datasets.base.as_deref() {
        None if datasets.add.is_empty() => "the built-in dataset is not cached (it loads in milliseconds)".to_owned(),
        _ if cache.dir().is_none() => "there is no cache folder (neither XDG_CACHE_HOME nor HOME is set)".to_owned(),
        Some(_) if !datasets.add.is_empty() => small("the files given with --data and --add are together"),
        None if !datasets.add.is_empty() => format!(
            "the files given with --add are together under {} MiB (the built-in dataset below them is not counted), and files that small load faster than a cache is checked",
            cache::MIN_LEN >> 20
        ),
        Some(path) => small(&format!("{} is", path.display())),
        None => small("the built-in dataset is"),
    };
    (
        None,
        Some(format!("shuibei: --rebuild-index: nothing cached to rebuild: {why}")),
    )
}

/// Prints notices on stderr, one line each.
pub(super) fn notices(lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let mut err = Out::stderr();
    for line in lines {
        let _ = err.line(line);
    }
    let _ = err.flush();
}
