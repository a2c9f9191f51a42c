//! Bytes → a checked [`Db`], or every problem found, each placed in the file.
//!
//! The fast path parses the whole file in one typed pass. Only when that fails does a
//! second, slower pass parse record by record, so that one bad record does not hide
//! the next and each message carries `FILE:LINE:COLUMN` and the record's path.
//! This module never prints and never touches the terminal: callers decide how to report.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::data::check;
use crate::data::db::Db;
use crate::data::model::{Dataset, Sym};
use crate::data::problems::{LoadError, Problem, Problems};

mod locate;
mod scan;
mod stream;

/// The dataset that ships inside the binary.
pub const EMBEDDED: &str = include_str!("../../data/cluster.json");

/// The name under which the embedded dataset is reported.
pub const EMBEDDED_ORIGIN: &str = "<embedded data/cluster.json>";

/// Loads the dataset embedded in the binary.
///
/// # Errors
/// Only if the shipped file is broken, which a test guards against.
pub fn embedded() -> Result<Db, LoadError> {
    load_slice(EMBEDDED_ORIGIN, EMBEDDED.as_bytes())
}

/// Opens a dataset file, or says plainly why it cannot be read.
fn open(path: &Path) -> Result<std::fs::File, LoadError> {
    let origin = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::single(
            &origin,
            Problem::whole_file("is a directory, not a dataset file; give the path of a .json file"),
        ));
    }
    std::fs::File::open(path).map_err(|err| {
        let hint = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file; check the path",
            std::io::ErrorKind::PermissionDenied => "permission denied; check the file's permissions",
            _ => "",
        };
        let message = if hint.is_empty() {
            format!("cannot read the file: {err}")
        } else {
            format!("cannot read the file: {hint}")
        };
        LoadError::single(&origin, Problem::whole_file(message))
    })
}

/// A reader that adds what it reads to a shared count: how far a load has got, for the
/// explorer's loading screen (read on another thread, so an atomic).
struct Counted<'c, R> {
    inner: R,
    count: &'c AtomicU64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads and checks a dataset file.
///
/// # Errors
/// A [`LoadError`] naming the file and every problem found (up to [`MAX_PROBLEMS`](crate::data::problems::MAX_PROBLEMS)).
pub fn load_file(path: &Path) -> Result<Db, LoadError> {
    load_file_counted(path, &AtomicU64::new(0))
}

/// [`load_file`], adding the bytes read to `count` as it goes.
///
/// # Errors
/// As [`load_file`].
pub fn load_file_counted(path: &Path, count: &AtomicU64) -> Result<Db, LoadError> {
    let origin = path.display().to_string();
    let inner = open(path)?;
    let length = inner.metadata().ok().map(|m| m.len());
    let file = Counted { inner, count };
    let mut db = read_checked(&origin, file, length).map_err(|mut error| {
        locate::place(path, &mut error);
        error
    })?;
    db.set_origin(&origin, path.canonicalize().ok());
    Ok(db)
}

/// Reads a dataset file to lay over `below` (`--add`) and checks it there: its
/// references may name records below it, its ids must not clash with theirs.
///
/// # Errors
/// A [`LoadError`] naming this file and every problem found.
pub(crate) fn layer_file(path: &Path, below: &Db, count: &AtomicU64) -> Result<Dataset, LoadError> {
    let origin = path.display().to_string();
    let mut problems = Problems::default();
    let inner = open(path)?;
    let length = inner.metadata().ok().map(|m| m.len());
    let file = Counted { inner, count };
    let parsed = stream::read(file, length, &mut problems);
    release_interners();
    let Some((dataset, salvage)) = parsed else {
        let mut error = problems.into_error(&origin);
        locate::place(path, &mut error);
        return Err(error);
    };
    check::check_over(dataset, &salvage, &mut problems, below).map_err(|()| {
        let mut error = problems.into_error(&origin);
        locate::place(path, &mut error);
        error
    })
}

fn release_interners() {
    // The interners only speed up loading; the records keep what they share.
    rayon::broadcast(|_| Sym::release_interner());
    Sym::release_interner();
}

/// Parses and checks a dataset held in memory. `origin` names it in messages.
///
/// # Errors
/// A [`LoadError`] with every problem found (up to [`MAX_PROBLEMS`](crate::data::problems::MAX_PROBLEMS)).
pub fn load_slice(origin: &str, bytes: &[u8]) -> Result<Db, LoadError> {
    read_checked(origin, bytes, u64::try_from(bytes.len()).ok()).map_err(|mut error| {
        locate::place_in(bytes, &mut error);
        error
    })
}

/// Parses and checks a dataset from any reader, streaming: the file is never held whole.
///
/// # Errors
/// A [`LoadError`] with every problem found (up to [`MAX_PROBLEMS`](crate::data::problems::MAX_PROBLEMS)).
pub fn load_reader(origin: &str, reader: impl std::io::Read) -> Result<Db, LoadError> {
    read_checked(origin, reader, None)
}

/// [`load_reader`], told the input's length when it is known.
fn read_checked(origin: &str, reader: impl std::io::Read, length: Option<u64>) -> Result<Db, LoadError> {
    let mut problems = Problems::default();
    let parsed = stream::read(reader, length, &mut problems);
    release_interners();
    let Some((dataset, salvage)) = parsed else {
        return Err(problems.into_error(origin));
    };
    let mut db = check::check_with(dataset, &salvage, &mut problems).map_err(|()| problems.into_error(origin))?;
    db.set_origin(origin, None);
    Ok(db)
}
