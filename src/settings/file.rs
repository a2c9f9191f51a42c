//! The config file (`$XDG_CONFIG_HOME/shuibei/config.toml`, else
//! `~/.config/shuibei/config.toml`):
//!
//! ```toml
//! theme = "light"            # "dark" | "light"
//! color = "auto"             # "auto" | "always" | "never"
//! data = "~/data/mine.json"  # the dataset to open by default (relative: to this file)
//! add = ["~/data/registry.json"]  # datasets laid over it (`--add`), in order
//! [keys]
//! quit = ["q", "ctrl-c"]     # action name = one key or a list of keys
//! ```
//!
//! A bad file is an error that names the file, line and column and says what to do; it
//! never panics. Action names are kept as strings: the keymap (the explorer's) knows
//! which exist and reports unknown ones with [`KeyOverride::place`]. Reads the file
//! system only in [`load`]; never reads the process environment (callers pass an [`Env`]).

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Deserialize;
use toml::Spanned;

use super::choice::{ColorChoice, ThemeChoice};
use super::keys::{Key, parse_key};
use crate::env::Env;

/// What the config file sets; `None` where it is silent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub path: PathBuf,
    pub theme: Option<ThemeChoice>,
    pub color: Option<ColorChoice>,
    /// Already resolved: `~/` expanded, relative paths joined to the file's directory.
    pub data: Option<PathBuf>,
    /// Datasets to lay over the base, resolved as `data` is.
    pub add: Option<Vec<PathBuf>>,
    /// In file order.
    pub keys: Vec<KeyOverride>,
}

/// `action = ["key", …]` from the `[keys]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// As written; the keymap checks that it names an action.
    pub action: String,
    pub keys: Vec<Key>,
    /// `FILE:LINE:COLUMN` of the value, for the keymap's messages about this entry.
    pub place: String,
    pub line: usize,
}

/// Why the config file could not be used. Displays as one line ready to print after
/// `shuibei: `, ending with what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}; fix the file, or move it aside to use the defaults", path.display(), place(*.position))]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column (in characters), when the problem has a place.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

fn place(position: Option<(usize, usize)>) -> String {
    position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default()
}

/// Where the config file is looked for: `$XDG_CONFIG_HOME/shuibei/config.toml` when that
/// is an absolute path (the XDG spec ignores relative ones), else
/// `$HOME/.config/shuibei/config.toml`; `None` when neither is set.
#[must_use]
pub fn path(env: &Env) -> Option<PathBuf> {
    let xdg = env
        .get_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        env.get_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(".config"))
    })?;
    Some(base.join("shuibei").join("config.toml"))
}

/// Reads and parses the config file; `Ok(None)` when there is none (the normal case).
///
/// # Errors
/// When the file exists but cannot be read, is not UTF-8, or is not a valid config.
pub fn load(env: &Env) -> Result<Option<Config>, ConfigError> {
    let Some(path) = path(env) else {
        return Ok(None);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(ConfigError {
                path,
                position: None,
                message: format!("cannot read the config file: {err}"),
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|err| ConfigError {
        position: Some(position(
            &String::from_utf8_lossy(err.as_bytes()),
            err.utf8_error().valid_up_to(),
        )),
        path: path.clone(),
        message: "the config file is not UTF-8 text".into(),
    })?;
    parse(&path, &text, env).map(Some)
}

/// The file as written, before its values are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    theme: Option<Spanned<String>>,
    color: Option<Spanned<String>>,
    data: Option<Spanned<String>>,
    add: Option<Spanned<toml::Value>>,
    #[serde(default)]
    keys: std::collections::BTreeMap<String, Spanned<toml::Value>>,
}

/// 1-based line and character column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Parses config text that was read from `path` (used for messages and relative paths).
///
/// # Errors
/// The first problem, placed at its line and column.
pub fn parse(path: &Path, text: &str, env: &Env) -> Result<Config, ConfigError> {
    let fail = |offset: usize, message: String| ConfigError {
        path: path.to_owned(),
        position: Some(position(text, offset)),
        message,
    };
    let raw: Raw = toml::from_str(text).map_err(|err| {
        let offset = err.span().map_or(0, |s| s.start);
        fail(offset, err.message().trim().replace('\n', "; "))
    })?;
    let choice = |field: &str, value: &Spanned<String>, allowed: &[&str]| -> Result<(), ConfigError> {
        if allowed.contains(&value.get_ref().as_str()) {
            Ok(())
        } else {
            let expected: Vec<String> = allowed.iter().map(|a| format!("{a:?}")).collect();
            Err(fail(
                value.span().start,
                format!(
                    "{field} = {:?} is not a choice; write one of {}",
                    value.get_ref(),
                    expected.join(", ")
                ),
            ))
        }
    };
    let theme = match &raw.theme {
        Some(v) => {
            choice("theme", v, &["dark", "light"])?;
            ThemeChoice::from_str(v.get_ref(), false).ok()
        }
        None => None,
    };
    let color = match &raw.color {
        Some(v) => {
            choice("color", v, &["auto", "always", "never"])?;
            ColorChoice::from_str(v.get_ref(), false).ok()
        }
        None => None,
    };
    let data = match &raw.data {
        Some(v) if v.get_ref().trim().is_empty() => {
            return Err(fail(
                v.span().start,
                "data is empty; write the path of a dataset, or remove the line".into(),
            ));
        }
        Some(v) => Some(data_path(path, v.get_ref(), env)),
        None => None,
    };
    let add = match &raw.add {
        Some(value) => Some(add_paths(path, value, env).map_err(|message| fail(value.span().start, message))?),
        None => None,
    };
    let mut keys = Vec::with_capacity(raw.keys.len());
    for (action, value) in &raw.keys {
        let start = value.span().start;
        let texts: Vec<&str> = match value.get_ref() {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(items) => items
                .iter()
                .map(|item| item.as_str())
                .collect::<Option<Vec<&str>>>()
                .ok_or_else(|| fail(start, format!("keys.{action}: keys are strings, like \"ctrl-p\"")))?,
            _ => {
                return Err(fail(
                    start,
                    format!("keys.{action}: write a key or a list of keys, like [\"q\", \"ctrl-c\"]"),
                ));
            }
        };
        if texts.is_empty() {
            return Err(fail(
                start,
                format!("keys.{action}: the list is empty; name at least one key"),
            ));
        }
        let parsed = texts
            .iter()
            .map(|t| parse_key(t))
            .collect::<Result<Vec<Key>, String>>()
            .map_err(|msg| fail(start, format!("keys.{action}: {msg}")))?;
        let (line, column) = position(text, start);
        keys.push(KeyOverride {
            action: action.clone(),
            keys: parsed,
            place: format!("{}:{line}:{column}", path.display()),
            line,
        });
    }
    keys.sort_by_key(|k| k.line);
    Ok(Config {
        path: path.to_owned(),
        theme,
        color,
        data,
        add,
        keys,
    })
}

/// `add = "a.json"` or `add = ["a.json", "b.json"]`: paths resolved as `data` is.
fn add_paths(config: &Path, value: &Spanned<toml::Value>, env: &Env) -> Result<Vec<PathBuf>, String> {
    let texts: Vec<&str> = match value.get_ref() {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(items) => items
            .iter()
            .map(toml::Value::as_str)
            .collect::<Option<Vec<&str>>>()
            .ok_or("add: write the paths as strings, like [\"~/data/registry.json\"]")?,
        _ => return Err("add: write a path or a list of paths, like [\"~/data/registry.json\"]".into()),
    };
    if texts.iter().any(|t| t.trim().is_empty()) {
        return Err("add: a path is empty; write the path of a dataset, or remove it".into());
    }
    Ok(texts.iter().map(|t| data_path(config, t, env)).collect())
}

/// `~/x` under `HOME`; a relative path next to the config file; others as written.
fn data_path(config: &Path, text: &str, env: &Env) -> PathBuf {
    let path = env.expand_home(text);
    match config.parent() {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path,
    }
}
