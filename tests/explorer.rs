//! The explorer: its state driven key by key, its screens drawn in memory (`TestBackend`
//! and insta snapshots), the real binary in tmux, and `shuibei serve` over SSH. One test
//! binary for all of them, as in `tests/cli.rs`; run one file's tests by its module:
//! `cargo test --test explorer tui_jump::`.

mod common;

mod bandwidth;
mod brief_render;
mod brief_state;
mod hostile_tui;
mod hyperlinks;
mod serve;
mod tmux_layers;
mod tmux_loading;
mod tmux_reload;
mod tui_boxes;
mod tui_cuts;
mod tui_jump;
mod tui_reading;
mod tui_registry;
mod tui_render;
mod tui_reread;
mod tui_state;
