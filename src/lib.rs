//! shuibei: a terminal explorer for the Shenzhen gold and jewelry industry cluster base
//! (Shuibei / Wanshan Industrial Zone, Luohu District).
//!
//! Data flows one way: `load` (parse + `check`) → [`db::Db`] → views. Module map:
//! - `model`: the typed records of the `shuibei/1` format.
//! - `load`, `check`: bytes → checked `Db`, or every problem with its place.
//! - `db`: lookups over a checked dataset (ids, owners, backlinks).
//! - `present`: how records read to a person (figures in words, labels, details).
//! - `sanitize`: the one choke point that makes untrusted text terminal-safe.
//! - `search`: the query engine (fuzzy, pinyin, fields) shared by the TUI and the CLI.
//! - `cli`: the command line; `tui`: the interactive explorer.
//! - `export`: records → CSV/JSON/JSON Lines; `clipboard`: OSC 52 copy; `term`: colour
//!   depth; `config`: the config file and effective settings; `env`: the variables read.

pub mod app;
pub mod check;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod db;
pub mod env;
pub mod export;
pub mod keymap;
pub mod layout;
pub mod load;
pub mod model;
pub mod present;
pub mod sanitize;
pub mod search;
pub mod tabs;
pub mod term;
pub mod tui;
pub mod ui;
