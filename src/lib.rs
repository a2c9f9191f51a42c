//! shuibei: a terminal explorer for the Shenzhen gold and jewelry industry cluster base
//! (Shuibei / Wanshan Industrial Zone, Luohu District).
//!
//! The code lives in wings, and imports point down: a module may use the wings below
//! its own, never one above, and no files import each other in a circle
//! (`.ci/layers.py` checks both in CI). Top to bottom:
//!
//! ```text
//! main.rs → cli → serve → explorer → export → import → settings → search → data → sanitize, env
//! ```
//!
//! - [`cli`]: clap definitions, dispatch, exit codes, one module per command; each wing's
//!   error becomes a message and an exit code here. Nothing but `main.rs` imports it.
//! - [`serve`]: `shuibei serve`, the explorer as an SSH server of its own: one explorer
//!   per session over one shared dataset, nothing else reachable.
//! - [`explorer`]: the terminal UI (state, keymap, layout, tabs, rendering, the terminal
//!   owner), given a dataset and `Settings`.
//! - [`export`]: a tab's rows or the sources → CSV, JSON, JSON Lines, xlsx (the `export`
//!   command and the `e` key).
//! - [`import`](mod@import): registry exports (CSV, Excel) → a dataset to lay over the
//!   shipped one (`shuibei import`, then `--add`).
//! - [`settings`]: flags + environment + config file → one `Settings`; key names; the
//!   colour and theme choices.
//! - [`search`]: the query engine (fuzzy, pinyin, fields) shared by the explorer and CLI,
//!   and its index persisted per dataset file (`search::cache`).
//! - [`data`]: the `shuibei/1` format: model, load and check → `Db`, lookups, wording.
//! - [`sanitize`], [`env`](mod@env): leaves: the one choke point for untrusted text; the
//!   environment variables read.
//!
//! New wings take their place in that line (the persisted search index lives inside
//! `search/`, in `search::cache`).

/// The allocator: mimalloc (v3) instead of the system's (glibc). A warm search of a million
/// records reads ~100 MB of index and names from the cache into fresh memory, and with
/// glibc half its time went into the kernel's page faults (27,000 for `金华龙`); mimalloc
/// takes its memory in large pieces (transparent huge pages where the kernel allows),
/// with about 500. Measured A/B on one machine (docs/performance.md): a warm search
/// 35–48 % faster for selective queries, the explorer's Overview 13 % sooner, peak
/// memory up to a third higher. Declared here, not in `main.rs`, so the examples and
/// benchmarks measure what the binary runs; the `mimalloc` feature (on by default)
/// turns it off for tools that watch the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod data;
pub mod env;
pub mod explorer;
pub mod export;
pub mod import;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod settings;
