//! The persisted search index: built the first time a dataset file is searched, kept
//! under `$XDG_CACHE_HOME/shuibei/` (else `~/.cache/shuibei/`), and read instead of
//! built on every later open while the file is unchanged.
//!
//! A cache file is used only when everything in its header agrees: the dataset's
//! canonical path, its length, modification and change times, inode and device, and,
//! when the file was modified within two seconds of the build, a hash of its content
//! (`stamp`); the cache format, the crate version and the index version (`codec`). A
//! file that is damaged, truncated or not ours is rebuilt with a one-line notice; one
//! that is merely out of date is rebuilt quietly. A cache that cannot be written (a
//! read-only directory, a full disk) costs one notice, and the program goes on without
//! it. Files below [`MIN_LEN`] are never cached: they load faster than a cache is checked.
//!
//! A dataset with layers (`--add FILE`) is not cached yet: its index depends on every
//! file (an added enterprise with a known credit code merges into the record below), so
//! the command line passes no ticket for it. The way to cache it: one cache file per
//! added file holding its own records' masks, keyed and checked like the base's, merged
//! at open, with only the merged records masked again.
//!
//! Notices are returned, never printed: the command line prints them on stderr.

mod codec;
mod stamp;
mod store;

use std::io;
use std::path::{Path, PathBuf};

use crate::data::db::Db;
use crate::data::model::RecordKind;
use crate::env::Env;
use crate::search::index::Index;
use stamp::Stamp;

/// Dataset files smaller than this are not cached.
pub const MIN_LEN: u64 = 1 << 20;

/// Whether to use the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Read a current cache file, else build the index and write one.
    Use,
    /// Build the index even when a current cache file exists, and write it
    /// (`--rebuild-index`).
    Rebuild,
    /// Neither read nor write (`--no-cache`).
    Off,
}

/// Where the index came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Read from a current cache file.
    Read,
    /// Built, and a cache file written.
    Written,
    /// Built, no cache file written (cache off, no file to key it by, the file too small
    /// or changed while loading, or the cache not writable).
    Built,
}

impl How {
    /// How `--stats` says it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            How::Read => "read from the cache",
            How::Written => "built, cache written",
            How::Built => "built",
        }
    }
}

/// The index, where it came from, and what the user should hear about the cache.
pub struct Opened {
    pub index: Index,
    pub how: How,
    pub notices: Vec<String>,
}

/// The cache directory and mode.
#[derive(Debug, Clone)]
pub struct Cache {
    mode: Mode,
    dir: Option<PathBuf>,
}

/// A dataset file as it was before it was loaded: taken first, so that a file that
/// changes during the load is never cached under the stamp of its new content.
#[derive(Debug, Clone)]
pub struct Ticket {
    path: PathBuf,
    canonical: PathBuf,
    stamp: Stamp,
    built: (i64, u32),
}

impl Cache {
    /// The cache in its XDG place.
    #[must_use]
    pub fn new(mode: Mode, env: &Env) -> Cache {
        Cache {
            mode,
            dir: store::dir(env),
        }
    }

    /// A cache in `dir` (tests, and callers with a place of their own).
    #[must_use]
    pub fn in_dir(mode: Mode, dir: PathBuf) -> Cache {
        Cache { mode, dir: Some(dir) }
    }

    /// Whether the cache is used, rebuilt or off.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The directory cache files go in, if there is one.
    #[must_use]
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Notes the dataset file before it is loaded; `None` when it will not be cached.
    #[must_use]
    pub fn ticket(&self, dataset: &Path) -> Option<Ticket> {
        if self.mode == Mode::Off || self.dir.is_none() {
            return None;
        }
        let built = stamp::now();
        let stamp = Stamp::of(dataset).ok().filter(|s| s.len >= MIN_LEN)?;
        Some(Ticket {
            path: dataset.to_owned(),
            canonical: dataset.canonicalize().ok()?,
            stamp,
            built,
        })
    }

    /// The index of `db`, loaded from the file `ticket` noted: read from the cache when
    /// it holds a current one, else built (and written when it can be).
    #[must_use]
    pub fn index(&self, ticket: Option<&Ticket>, db: &Db) -> Opened {
        let built = |notices| Opened {
            index: Index::build(db),
            how: How::Built,
            notices,
        };
        let (Some(ticket), Some(dir)) = (ticket, self.dir.as_deref()) else {
            return built(Vec::new());
        };
        if Stamp::of(&ticket.path).ok() != Some(ticket.stamp) {
            // Changed while it was loading: what was loaded matches no stamp.
            return built(Vec::new());
        }
        if let Err(err) = store::ensure_dir(dir) {
            return built(vec![unwritable(dir, &err)]);
        }
        let (prefix, name) = store::names(&ticket.canonical);
        let file = dir.join(&name);
        let mut damaged = None;
        if self.mode == Mode::Use {
            match read(&file, ticket, db) {
                Ok(Some(index)) => {
                    store::touch(&file);
                    return Opened {
                        index,
                        how: How::Read,
                        notices: Vec::new(),
                    };
                }
                Ok(None) => {}
                Err(why) => damaged = Some(why),
            }
        }
        let index = Index::build(db);
        // One line whatever happened: a damaged file that is replaced, or a cache that
        // cannot be written (then why the old file was not used matters less).
        let (how, notice) = match write(dir, &name, ticket, &index) {
            Ok(true) => {
                store::prune(dir, &prefix, &name, store::CAP);
                // What happened first, the file last: the status line may cut it.
                let notice =
                    damaged.map(|why| format!("shuibei: the index cache {why}; rebuilt it ({})", file.display()));
                (How::Written, notice)
            }
            Ok(false) => (How::Built, None),
            Err(err) => (How::Built, Some(unwritable(dir, &err))),
        };
        Opened {
            index,
            how,
            notices: notice.into_iter().collect(),
        }
    }
}

/// The notice for a cache directory that cannot be written: what to do first (the status
/// line may cut the rest), naming the folder that stands in the way, then the system's
/// words.
fn unwritable(dir: &Path, err: &io::Error) -> String {
    // The folder that blocks: the cache folder itself when it exists, else the nearest
    // folder above it that does (the one it cannot be created in).
    let existing = dir.ancestors().find(|p| p.exists()).unwrap_or(dir);
    let shown = existing.display();
    let fix = match err.kind() {
        io::ErrorKind::AlreadyExists | io::ErrorKind::NotADirectory if existing.is_file() => {
            format!("{shown} is a file where a folder should be: move it away")
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem if existing == dir => {
            format!("{shown} is not writable for you: make it so (chmod u+rwx if it is yours)")
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => format!(
            "{} cannot be created in {shown}, which is not writable for you",
            dir.display()
        ),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "the disk is full: free some space".to_owned(),
        _ => format!("{} cannot be written", dir.display()),
    };
    format!(
        "shuibei: index cache off: {fix}, or set XDG_CACHE_HOME to a writable folder ({err}; --no-cache silences this)"
    )
}

/// The cached index when the file holds a current one; `Ok(None)` when there is none or
/// it is out of date (rebuilt quietly); `Err` when the file is damaged or not ours.
fn read(file: &Path, ticket: &Ticket, db: &Db) -> Result<Option<Index>, String> {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(format!("cannot be read ({err})")),
    };
    let (header, body) = codec::header(&bytes).map_err(|r| r.to_string())?;
    if header.path != ticket.canonical.to_string_lossy() || header.stamp != ticket.stamp {
        return Ok(None);
    }
    if header.stamp.racy(header.built) && stamp::content_hash(&ticket.path).ok() != Some(header.content) {
        return Ok(None);
    }
    let index = codec::payload(&bytes, body).map_err(|r| r.to_string())?;
    if RecordKind::ALL.iter().any(|kind| !index.fits(db, *kind)) {
        return Err("does not match the dataset's records".to_owned());
    }
    Ok(Some(index))
}

/// Writes the cache file; `Ok(false)` when the dataset changed since the ticket (its
/// content may not be the loaded one, so it is not cached).
fn write(dir: &Path, name: &str, ticket: &Ticket, index: &Index) -> io::Result<bool> {
    let content = stamp::content_hash(&ticket.path)?;
    if Stamp::of(&ticket.path)? != ticket.stamp {
        return Ok(false);
    }
    let header = codec::Header::current(
        ticket.canonical.to_string_lossy().into_owned(),
        ticket.stamp,
        ticket.built,
        content,
    );
    store::write_atomic(dir, name, &codec::encode(&header, index))?;
    Ok(true)
}

#[cfg(test)]
mod tests;
