//! A snapshot of the environment variables shuibei reads (`TERM`, `COLORTERM`, `NO_COLOR`,
//! `TMUX`, `STY`, `XDG_CONFIG_HOME`, `XDG_CACHE_HOME`, `HOME`, `SHUIBEI_DATA`, `SHUIBEI_ADD`;
//! and, to tell whether the terminal shows hyperlinks, `TERM_PROGRAM`,
//! `TERM_PROGRAM_VERSION`, `VTE_VERSION`, `KONSOLE_VERSION`, `WT_SESSION`,
//! `KITTY_WINDOW_ID`, `SHUIBEI_HYPERLINKS`).
//!
//! Decisions that depend on the environment (colour depth, clipboard form, config path)
//! take an `&Env` instead of calling `std::env::var`, so tests can set any combination
//! without touching the process environment, which other tests share. Nothing here
//! decides anything: it only holds values.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

/// The variables this module captures; anything else is not read.
pub const NAMES: &[&str] = &[
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "TMUX",
    "STY",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "HOME",
    "SHUIBEI_DATA",
    "SHUIBEI_ADD",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "WT_SESSION",
    "KITTY_WINDOW_ID",
    "SHUIBEI_HYPERLINKS",
];

/// Environment variables by name. Values that are not UTF-8 are kept as `OsString`s
/// (a path in `HOME` may legitimately be anything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    vars: BTreeMap<&'static str, OsString>,
}

impl Env {
    /// The variables in [`NAMES`] as the process sees them now.
    #[must_use]
    pub fn from_process() -> Env {
        let mut env = Env::default();
        for name in NAMES {
            if let Some(value) = std::env::var_os(name) {
                env.vars.insert(name, value);
            }
        }
        env
    }

    /// An environment holding exactly these variables: for tests and for callers that
    /// want to decide as if in another environment.
    ///
    /// # Panics
    /// If a name is not one of [`NAMES`]: reading a variable nobody captures is a bug.
    #[must_use]
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Env {
        let mut env = Env::default();
        for (name, value) in pairs {
            let known = NAMES
                .iter()
                .find(|n| **n == name)
                .unwrap_or_else(|| panic!("env::NAMES does not list {name}"));
            env.vars.insert(known, OsString::from(value));
        }
        env
    }

    /// The value as text; `None` when unset or not UTF-8.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).and_then(|v| v.to_str())
    }

    /// The raw value, for paths.
    #[must_use]
    pub fn get_os(&self, name: &str) -> Option<&OsString> {
        self.vars.get(name)
    }

    /// A path as a person types it: a leading `~/` (or `~` alone) means `HOME`, as a
    /// shell would expand it; anything else is taken as written. For paths typed into
    /// the explorer (the `e` key's file name) and read from the config file.
    #[must_use]
    pub fn expand_home(&self, text: &str) -> PathBuf {
        let home = self.get_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        match (home, text) {
            (Some(home), "~") => home,
            (Some(home), _) if text.starts_with("~/") => home.join(&text[2..]),
            _ => PathBuf::from(text),
        }
    }

    /// Set to a non-empty value. `NO_COLOR=` (empty) counts as unset, as no-color.org says.
    #[must_use]
    pub fn is_set(&self, name: &str) -> bool {
        self.vars.get(name).is_some_and(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_count_as_unset() {
        let env = Env::from_pairs([("NO_COLOR", ""), ("TERM", "xterm")]);
        assert!(!env.is_set("NO_COLOR"));
        assert!(env.is_set("TERM"));
        assert_eq!(env.get("NO_COLOR"), Some(""));
        assert_eq!(env.get("TMUX"), None);
    }

    #[test]
    fn home_is_expanded_only_at_the_start() {
        let env = Env::from_pairs([("HOME", "/home/u")]);
        assert_eq!(env.expand_home("~/out.csv"), PathBuf::from("/home/u/out.csv"));
        assert_eq!(env.expand_home("~"), PathBuf::from("/home/u"));
        assert_eq!(env.expand_home("a/~/b"), PathBuf::from("a/~/b"));
        assert_eq!(env.expand_home("~user/x"), PathBuf::from("~user/x"));
        assert_eq!(
            Env::default().expand_home("~/x"),
            PathBuf::from("~/x"),
            "no HOME: as written"
        );
    }

    #[test]
    #[should_panic(expected = "does not list PATH")]
    fn uncaptured_names_are_a_bug() {
        let _ = Env::from_pairs([("PATH", "/bin")]);
    }
}
