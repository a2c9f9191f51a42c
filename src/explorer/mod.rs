//! The explorer: the interactive terminal UI. The command line hands [`run`] a dataset
//! and the [`Settings`](crate::settings::Settings); the explorer knows nothing of clap.
//!
//! Inside, imports point down as everywhere: `run` (owns the terminal and the event
//! loop) → `ui` (draws by screen region, in one `theme`) → `app` (the state and its one
//! `update`) → `layout` (pure geometry both use: regions, wrapped text, scroll bounds) →
//! `keymap`, `tabs`, `term`, `clipboard`, `watch`, `decode` → `action` (what keys and events become). State
//! never imports rendering. `screen` is the half of the terminal owner that does not care
//! where the terminal is (state, theme, worker, effects, drawing into any writer): `run`
//! drives it from the local tty, and the SSH server (`serve`, the wing above) drives one
//! per channel.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod decode;
pub mod keymap;
pub mod layout;
mod run;
pub mod screen;
pub mod tabs;
pub mod term;
pub mod ui;
pub mod watch;

pub use run::{Exit, ExplorerError, IndexSource, Load, Opener, run};
