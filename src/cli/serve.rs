//! `shuibei serve`: settings, keys and the dataset are read and checked first (every
//! problem is a message before anything listens), then the server runs until a signal.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::settings;
use crate::env::Env;
use crate::explorer::keymap::Keymap;
use crate::serve::{self, Explorer, Options};
use crate::settings::Settings;

/// The command's own flags.
pub(super) struct Flags<'a> {
    pub listen: &'a str,
    pub host_key: Option<&'a Path>,
    pub authorized_keys: Option<&'a Path>,
    pub max_sessions: usize,
    pub max_per_address: usize,
    pub idle_timeout: Duration,
}

/// Runs the server until SIGTERM, SIGINT or SIGHUP; exit 0 after closing every session.
///
/// # Errors
/// Config, data, key and address problems, each before the server listens.
pub(super) fn run(cli: &Cli, flags: &Flags) -> Result<Outcome, CliError> {
    let env = Env::from_process();
    let settings = Settings::resolve(settings::flags(cli), &env)?;
    settings::check_data(&settings)?;
    let keymap = Keymap::with_overrides(&settings.keys).map_err(CliError::Usage)?;
    let dir: Option<PathBuf> = settings
        .config_path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf);
    let mut options = match (&dir, flags.host_key, flags.authorized_keys) {
        (Some(dir), _, _) => Options::new(dir),
        (None, Some(_), Some(_)) => Options::new(Path::new(".")),
        (None, _, _) => {
            return Err(CliError::Usage(
                "neither XDG_CONFIG_HOME nor HOME is set, so there is no default place for the server's keys; name them with --host-key and --authorized-keys".to_owned(),
            ));
        }
    };
    flags.listen.clone_into(&mut options.listen);
    if let Some(path) = flags.host_key {
        options.host_key = path.to_path_buf();
    }
    if let Some(path) = flags.authorized_keys {
        options.authorized_keys = path.to_path_buf();
    }
    options.max_sessions = flags.max_sessions;
    options.max_per_address = flags.max_per_address;
    options.idle_timeout = flags.idle_timeout;
    // Debug builds only, as for the local explorer's F12: a test proves a panicking
    // session ends alone. Release builds ignore it.
    options.debug_panic = cfg!(debug_assertions) && std::env::var_os("SHUIBEI_DEBUG_PANIC").is_some();
    let db = settings::load_db(&settings::Datasets::of(&settings))?;
    let explorer = Explorer {
        db,
        keymap,
        theme: settings.theme.value,
        color: settings.color.value,
    };
    serve::run(options, explorer, Box::new(std::io::stderr()))?;
    Ok(Outcome::Done)
}
