//! The data: the `shuibei/1` format and everything that turns bytes into a checked
//! dataset, and how its records read to a person.
//!
//! - `model`: the typed records; `problems`: what loading and checking report, shared
//!   so that the checks need nothing from the loader.
//! - `load` (its `stream` and `scan`): bytes → records → `check` → a [`db::Db`].
//! - `db`: lookups over a checked dataset; `present`: figures, labels and details in words;
//!   `citations`: every source with the records that cite it; `brief`: what a briefing
//!   needs from the whole dataset (how current each tab is, the questions the figures
//!   answer and their conflicts, the newest events), computed once.
//! - `layers`: datasets laid together (`--add`): the base and the files over it, merged
//!   by credit code into one `Db`.
//!
//! The lowest wing but the leaves: it imports only `sanitize` and `env`. Inside it the
//! layers are above the loader, the loader above the checks, and both above the problems
//! and the model.

pub mod brief;
pub mod check;
pub mod citations;
pub mod db;
pub mod facets;
pub mod layers;
pub mod load;
pub mod model;
pub mod places;
pub mod present;
pub mod problems;
pub mod simplified;
