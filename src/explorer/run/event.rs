//! What the event loop and the work around it exchange: the dataset to load and the way
//! to open it (again), and the events that wake the loop, background work tagged with the
//! reading of the dataset it was started for.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crossterm::event as ct;

use crate::data::brief::Brief;
use crate::data::db::Db;
use crate::explorer::action::Tab;
use crate::explorer::app::order;
use crate::explorer::watch::Stamps;
use crate::search::{Done, Index};

/// Which reading of the dataset background work was started for: 0 for the first,
/// one more each time its files changed on disk and it was read again.
pub(super) type Reading = u64;

/// Everything the loop can be woken by.
pub(super) enum Event {
    Terminal(ct::Event),
    /// The dataset is loaded, or could not be (why, in a few words; the loader kept the
    /// whole report).
    Loaded(Result<Box<Db>, String>),
    /// The search index finished building.
    IndexReady(Reading, Arc<Index>, Vec<String>),
    /// The brief (Overview, conflicts, who cites each source) is computed.
    BriefReady(Reading, Arc<Brief>),
    /// An export ended: what it wrote, or why it did not.
    Exported(Result<String, String>),
    /// A tab is sorted (`None`: dropped for a later request).
    Sorted(Reading, Tab, order::Key, Option<order::Sorted>),
    /// The rows a list showed, sorted before its whole tab.
    SortedPart(Reading, Tab, order::Key, order::Sorted),
    /// The search worker answered.
    Search(Reading, Done),
    /// A file of the dataset (named) changed on disk since this reading was loaded.
    Changed(Reading, String),
    /// The dataset read again after a change (named) to the reading given: the new
    /// reading, or why it did not load; its files' stamps from before the read; how to
    /// make its index.
    Reloaded(Reading, Result<Box<Db>, String>, Stamps, IndexSource, String),
    /// Reading the terminal failed: it is gone (a dropped SSH connection, a closed pty).
    TerminalGone,
    Signal(i32),
}

/// Opens the dataset: a [`Load`] and the way to make its index. Called once as the
/// explorer starts, and again (off the UI thread) each time the dataset's files change on
/// disk.
pub type Opener = Arc<dyn Fn() -> (Load, IndexSource) + Send + Sync>;

/// The dataset to explore, and the way to load it.
pub struct Load {
    /// What the loading screen calls it (the file's name).
    pub name: String,
    /// How many bytes there are to read, when known (a pipe's are not).
    pub bytes: Option<u64>,
    /// How many the load has read so far: the loading screen reads it as it goes.
    pub read: Arc<AtomicU64>,
    /// Loads the dataset, on a thread of its own: why, in a few words, when it cannot
    /// be, the caller keeping the whole report (at the start, the explorer then ends
    /// with [`Exit::NotLoaded`](super::Exit::NotLoaded); later, the status line says it).
    pub load: Box<dyn FnOnce() -> Result<Db, String> + Send>,
    /// The files the dataset is read from, watched for changes while it is shown (none:
    /// the built-in dataset, a pipe).
    pub watch: Vec<std::path::PathBuf>,
}

/// Makes the search index of a dataset: [`Index::build`], or the caller's way (the command
/// line reads it from the persisted cache when it can).
/// It returns the index and what the user should hear about where it came from (a damaged
/// cache replaced, an unwritable cache folder), shown on the status line.
pub type IndexSource = Box<dyn FnOnce(&Db) -> (Index, Vec<String>) + Send>;

/// Runs a load, a panic in it ending it as a failure (the panic hook has printed it).
pub(super) fn load_guarded(load: Box<dyn FnOnce() -> Result<Db, String> + Send>) -> Result<Box<Db>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(load))
        .unwrap_or_else(|_| Err("an internal error (printed when the explorer ends)".to_owned()))
        .map(Box::new)
}
