//! The command line and the engine under it, as scripts use them: `search`, `show`,
//! `export`, `import` and `validate` run as the real binary, and the dataset, loading
//! and search modules through the library. One test binary for all of them, so that a
//! clean `cargo test` links a few binaries rather than fifty (each links every
//! dependency). Run one file's tests by its module: `cargo test --test cli cli_show::`.

mod common;

mod cli_borrowers;
mod cli_cache;
mod cli_conventions;
mod cli_export;
mod cli_export_dates;
mod cli_export_links;
mod cli_export_sort;
mod cli_filter;
mod cli_import;
mod cli_import_output;
mod cli_import_rows;
mod cli_left_out;
mod cli_negation;
mod cli_registered_names;
mod cli_search;
mod cli_search_typed;
mod cli_show;
mod cli_show_conflicts;
mod cli_word_forms;
mod cli_words;
mod dataset;
mod docs;
mod hostile;
mod load_batches;
mod load_errors;
mod registry_format;
mod search_defects;
mod search_docs;
mod search_engine;
mod search_equivalence;
mod search_judged;
