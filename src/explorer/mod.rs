//! The explorer: the interactive terminal UI.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod keymap;
pub mod layout;
mod run;
pub mod tabs;
pub mod term;
pub mod ui;

pub use run::{Exit, ExplorerError, run};
