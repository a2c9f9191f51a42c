//! What a cache file is keyed by and checked against: the dataset as it was before it
//! was loaded ([`Ticket`]). One file (`--data FILE`), or a base and the files laid over it
//! (`--add FILE`), whose index depends on every one of them (an added enterprise merges
//! into one below): such a ticket names them all, in order, and its stamp and content
//! hash are of them all, so a change to any of them makes the cache file stale.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::stamp::{self, Stamp};
use crate::data::load;

/// Dataset files smaller than this are not cached.
pub const MIN_LEN: u64 = 1 << 20;

/// A dataset as it was before it was loaded: taken first, so that a file that changes
/// during the load is never cached under the stamp of its new content.
#[derive(Debug, Clone)]
pub struct Ticket {
    /// The dataset file as it was named (for layers, their first file; `parts` names them all).
    path: PathBuf,
    /// The cache file's key: the file's canonical path, or for layers every part's, in
    /// order, after a mark no path has.
    pub(super) canonical: PathBuf,
    pub(super) stamp: Stamp,
    pub(super) built: (i64, u32),
    /// The parts of a layered dataset, base first (empty for one file).
    parts: Vec<Part>,
    /// The content hash, taken on a thread of its own while the dataset loads (see
    /// [`Ticket::hash_ahead`]); `None` inside when reading failed.
    ahead: Option<Arc<OnceLock<Option<u64>>>>,
}

/// One part of a layered dataset.
#[derive(Debug, Clone)]
enum Part {
    /// The dataset built into the program.
    BuiltIn,
    File(PathBuf),
}

/// What a layered ticket's key begins with: a NUL, which no path holds, so it never
/// equals one file's key.
const LAYERS: &str = "\0layers";

/// The files a cache file's key names, when it is a layered dataset's (the built-in
/// dataset is no file); `None` for one file's key.
pub(super) fn layered_files(key: &str) -> Option<impl Iterator<Item = &str>> {
    let parts = key.strip_prefix(LAYERS)?;
    Some(parts.split('\0').skip(1).filter(|p| *p != "built-in"))
}

impl Ticket {
    /// The ticket of one dataset file; `None` when it is too small to cache or cannot be
    /// read.
    pub(super) fn of_file(dataset: &Path) -> Option<Ticket> {
        let built = stamp::now();
        let stamp = Stamp::of(dataset).ok().filter(|s| s.len >= MIN_LEN)?;
        Some(Ticket {
            path: dataset.to_owned(),
            canonical: dataset.canonicalize().ok()?,
            stamp,
            built,
            parts: Vec::new(),
            ahead: None,
        })
    }

    /// The ticket of `adds` laid over `base` (`None`: the built-in dataset); `None` when
    /// the files together are too small to cache (the built-in dataset does not count:
    /// it loads in milliseconds) or one cannot be read.
    pub(super) fn of_layers(base: Option<&Path>, adds: &[PathBuf]) -> Option<Ticket> {
        let built = stamp::now();
        let mut parts = vec![base.map_or(Part::BuiltIn, |p| Part::File(p.to_owned()))];
        parts.extend(adds.iter().cloned().map(Part::File));
        let mut key = OsString::from(LAYERS);
        for part in &parts {
            key.push("\0");
            match part {
                Part::BuiltIn => key.push("built-in"),
                Part::File(path) => key.push(path.canonicalize().ok()?),
            }
        }
        let files: u64 = parts
            .iter()
            .filter_map(|p| match p {
                Part::File(path) => Some(path),
                Part::BuiltIn => None,
            })
            .map(|path| Stamp::of(path).map(|s| s.len))
            .sum::<io::Result<u64>>()
            .ok()?;
        if files < MIN_LEN {
            return None;
        }
        let path = match &parts[0] {
            Part::File(path) => path.clone(),
            Part::BuiltIn => adds.first()?.clone(),
        };
        let mut ticket = Ticket {
            path,
            canonical: PathBuf::from(key),
            stamp: stamp::of_bytes(&[]),
            built,
            parts,
            ahead: None,
        };
        ticket.stamp = ticket.stamp_now().ok()?;
        Some(ticket)
    }

    /// The dataset's stamp as it is now.
    pub(super) fn stamp_now(&self) -> io::Result<Stamp> {
        if self.parts.is_empty() {
            return Stamp::of(&self.path);
        }
        let stamps = self
            .parts
            .iter()
            .map(|part| match part {
                Part::BuiltIn => Ok(stamp::of_bytes(load::EMBEDDED.as_bytes())),
                Part::File(path) => Stamp::of(path),
            })
            .collect::<io::Result<Vec<_>>>()?;
        Ok(stamp::combined(&stamps))
    }

    /// A hash of the dataset's content as it is now: the file's, or a hash of every
    /// part's in order.
    pub(super) fn hash_now(&self) -> io::Result<u64> {
        hash_of(&self.path, &self.parts)
    }

    /// Starts hashing the content on a thread of its own, for the cache file to be
    /// written: a cold search hashed the files again after loading them, while its search
    /// waited, and a load leaves a core idle half the time. The hash is of the files as
    /// they are read now; the writer still checks the stamp, so a file that changes
    /// meanwhile is never cached.
    pub fn hash_ahead(&mut self) {
        if self.ahead.is_some() {
            return;
        }
        let slot = Arc::new(OnceLock::new());
        let (path, parts, into) = (self.path.clone(), self.parts.clone(), Arc::clone(&slot));
        let started = std::thread::Builder::new().name("shuibei-hash".into()).spawn(move || {
            let _ = into.set(hash_of(&path, &parts).ok());
        });
        if started.is_ok() {
            self.ahead = Some(slot);
        }
    }

    /// The content hash: the one taken ahead (waited for), else taken now.
    pub(super) fn content_hash(&self) -> io::Result<u64> {
        match self.ahead.as_ref().and_then(|slot| *slot.wait()) {
            Some(hash) => Ok(hash),
            None => self.hash_now(),
        }
    }

    /// The files, as a notice names them: the file; a base and its layers (`a.json with
    /// its --add layers b.json and c.json`), or the layers over the built-in dataset.
    #[must_use]
    pub fn named(&self) -> String {
        let files: Vec<String> = self
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::File(path) => Some(path.display().to_string()),
                Part::BuiltIn => None,
            })
            .collect();
        let list = |files: &[String]| match files {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        match (self.parts.first(), files.as_slice()) {
            (None, _) => self.path.display().to_string(),
            (Some(Part::BuiltIn), adds) => format!("{} over the built-in dataset", list(adds)),
            (Some(Part::File(_)), [base, adds @ ..]) => format!("{base} with its --add layers {}", list(adds)),
            (Some(Part::File(_)), []) => String::new(),
        }
    }

    /// The file of layer `k` as it was named (the base is 0); `None` for the built-in
    /// dataset.
    #[must_use]
    pub fn file(&self, k: usize) -> Option<&Path> {
        match self.parts.get(k) {
            None if self.parts.is_empty() && k == 0 => Some(&self.path),
            Some(Part::File(path)) => Some(path),
            _ => None,
        }
    }

    /// Its length in bytes when the ticket was taken (every part's, with layers).
    #[must_use]
    pub fn bytes(&self) -> u64 {
        self.stamp.len
    }
}

fn hash_of(path: &Path, parts: &[Part]) -> io::Result<u64> {
    use std::hash::Hasher as _;
    if parts.is_empty() {
        return stamp::content_hash(path);
    }
    let mut h = stamp::hasher();
    for part in parts {
        h.write_u64(match part {
            Part::BuiltIn => stamp::bytes_hash(load::EMBEDDED.as_bytes()),
            Part::File(path) => stamp::content_hash(path)?,
        });
    }
    Ok(h.finish())
}
