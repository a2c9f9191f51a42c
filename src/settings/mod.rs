//! Settings: flags, environment and config file merged into one [`Settings`] value, each
//! with where it came from: flags > environment (`SHUIBEI_DATA`, `SHUIBEI_ADD`,
//! `NO_COLOR`) > config file > defaults. The command line turns its flags into [`Flags`]; the explorer and
//! every command read the merged result.
//!
//! Plain configuration: this wing knows nothing of the data, the engine, the terminal
//! or clap's command line (only its value names, for the colour and theme choices).

mod choice;
mod file;
mod keys;

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;

use crate::env::Env;

pub use choice::{ColorChoice, ThemeChoice};
pub use file::{Config, ConfigError, KeyOverride, load, parse, path};
pub use keys::{Key, key_name, normalize, parse_key};

/// Where an effective setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Default,
    ConfigFile,
    /// An environment variable, by name.
    Env(&'static str),
    /// A command-line flag, as typed.
    Flag(&'static str),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::ConfigFile => f.write_str("config file"),
            Origin::Env(name) | Origin::Flag(name) => f.write_str(name),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

/// What the command line said, before the environment and the file are consulted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    pub theme: Option<ThemeChoice>,
    pub color: Option<ColorChoice>,
    /// `--data` as typed (not `SHUIBEI_DATA`, which is the environment's).
    pub data: Option<PathBuf>,
    /// `--add`, in the order given.
    pub add: Vec<PathBuf>,
}

/// The settings in force, each with its origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: Setting<ThemeChoice>,
    pub color: Setting<ColorChoice>,
    /// `None`: the dataset built into the binary.
    pub data: Setting<Option<PathBuf>>,
    /// Datasets laid over the base, in order (`--add`, `SHUIBEI_ADD`, the file's `add`).
    pub add: Setting<Vec<PathBuf>>,
    /// Lists of datasets to add that a higher setting replaced (`SHUIBEI_ADD` under
    /// `--add`, the file's `add` under either), with where each came from: a layer the
    /// user set up elsewhere must not go missing unsaid.
    pub add_dropped: Vec<(Origin, Vec<PathBuf>)>,
    /// Key overrides from the config file, in file order.
    pub keys: Vec<KeyOverride>,
    /// Where the config file is looked for, and whether one was read.
    pub config_path: Option<PathBuf>,
    pub config_read: bool,
}

fn pick<T>(candidates: impl IntoIterator<Item = (Option<T>, Origin)>, default: T) -> Setting<T> {
    candidates
        .into_iter()
        .find_map(|(value, origin)| value.map(|value| Setting { value, origin }))
        .unwrap_or(Setting {
            value: default,
            origin: Origin::Default,
        })
}

impl Settings {
    /// Merges flags, environment, file and defaults (in that order of precedence).
    #[must_use]
    pub fn merge(flags: Flags, env: &Env, config: Option<&Config>) -> Settings {
        let file = config;
        let no_color = env.is_set("NO_COLOR").then_some(ColorChoice::Never);
        let env_data = env.get_os("SHUIBEI_DATA").filter(|d| !d.is_empty()).map(PathBuf::from);
        // A path list, as PATH is written (`:` between paths here, `;` on Windows).
        let env_add = env
            .get_os("SHUIBEI_ADD")
            .map(|list| {
                std::env::split_paths(list)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|list| !list.is_empty());
        let add_candidates = [
            ((!flags.add.is_empty()).then_some(flags.add), Origin::Flag("--add")),
            (env_add, Origin::Env("SHUIBEI_ADD")),
            (file.and_then(|c| c.add.clone()), Origin::ConfigFile),
        ];
        let add_dropped: Vec<(Origin, Vec<PathBuf>)> = add_candidates
            .iter()
            .filter_map(|(list, origin)| Some((*origin, list.clone()?)))
            .skip(1)
            .collect();
        Settings {
            theme: pick(
                [
                    (flags.theme, Origin::Flag("--theme")),
                    (file.and_then(|c| c.theme), Origin::ConfigFile),
                ],
                ThemeChoice::Dark,
            ),
            color: pick(
                [
                    (flags.color, Origin::Flag("--color")),
                    (no_color, Origin::Env("NO_COLOR")),
                    (file.and_then(|c| c.color), Origin::ConfigFile),
                ],
                ColorChoice::Auto,
            ),
            data: pick(
                [
                    (flags.data.map(Some), Origin::Flag("--data")),
                    (env_data.map(Some), Origin::Env("SHUIBEI_DATA")),
                    (file.and_then(|c| c.data.clone()).map(Some), Origin::ConfigFile),
                ],
                None,
            ),
            add: pick(add_candidates, Vec::new()),
            add_dropped,
            keys: config.map(|c| c.keys.clone()).unwrap_or_default(),
            config_path: config.map(|c| c.path.clone()).or_else(|| path(env)),
            config_read: config.is_some(),
        }
    }

    /// Reads the config file and merges: what the CLI calls at start-up.
    ///
    /// # Errors
    /// A config file that exists and is bad.
    pub fn resolve(flags: Flags, env: &Env) -> Result<Settings, ConfigError> {
        Ok(Settings::merge(flags, env, load(env)?.as_ref()))
    }

    /// One line saying which lists of datasets to add were replaced by a higher setting
    /// and are not loaded, if any were.
    #[must_use]
    pub fn add_dropped_line(&self) -> Option<String> {
        if self.add_dropped.is_empty() {
            return None;
        }
        let dropped: Vec<String> = self
            .add_dropped
            .iter()
            .map(|(origin, paths)| {
                let paths: Vec<String> = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                format!("{origin} ({})", paths.join(", "))
            })
            .collect();
        Some(format!(
            "add: {} not loaded: {} replaces {}; name every dataset with {} to lay them all",
            dropped.join(" and "),
            self.add.origin,
            if dropped.len() == 1 { "it" } else { "them" },
            self.add.origin
        ))
    }

    /// The settings as `--print-config` shows them: valid TOML for the config file, each
    /// value followed by where it came from.
    #[must_use]
    pub fn render(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let mut out = String::from("# shuibei settings: flags > environment > config file > defaults\n");
        match (&self.config_path, self.config_read) {
            (Some(p), true) => {
                let _ = writeln!(out, "# config file: {}", p.display());
            }
            (Some(p), false) => {
                let _ = writeln!(out, "# config file: {} (not found)", p.display());
            }
            (None, _) => out.push_str("# config file: none (neither XDG_CONFIG_HOME nor HOME is set)\n"),
        }
        let theme = self
            .theme
            .value
            .to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default();
        let color = self
            .color
            .value
            .to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default();
        let _ = writeln!(out, "theme = {}   # {}", quote(&theme), self.theme.origin);
        let _ = writeln!(out, "color = {}   # {}", quote(&color), self.color.origin);
        match &self.data.value {
            Some(p) => {
                let _ = writeln!(out, "data = {}   # {}", quote(&p.to_string_lossy()), self.data.origin);
            }
            None => {
                let _ = writeln!(
                    out,
                    "# data: the dataset built into the binary   # {}",
                    self.data.origin
                );
            }
        }
        if self.add.value.is_empty() {
            let _ = writeln!(out, "# add: no datasets laid over the base   # {}", self.add.origin);
        } else {
            let paths: Vec<String> = self.add.value.iter().map(|p| quote(&p.to_string_lossy())).collect();
            let _ = writeln!(out, "add = [{}]   # {}", paths.join(", "), self.add.origin);
        }
        if let Some(line) = self.add_dropped_line() {
            let _ = writeln!(out, "# {line}");
        }
        out.push_str("[keys]   # only overrides; other actions keep their default keys (see ? in the explorer)\n");
        for k in &self.keys {
            let names: Vec<String> = k.keys.iter().map(|(c, m)| quote(&key_name(*c, *m))).collect();
            let _ = writeln!(
                out,
                "{} = [{}]   # config file, line {}",
                quote(&k.action),
                names.join(", "),
                k.line
            );
        }
        out
    }
}

#[cfg(test)]
mod tests;
