//! The persisted search index: built the first time a dataset file is searched, kept
//! under `$XDG_CACHE_HOME/shuibei/` (else `~/.cache/shuibei/`), and read instead of
//! built on every later open while the file is unchanged. Beside the index, the file
//! holds every record's searchable values ([`Packed`]), in chunks of records:
//! `shuibei search` reads the index and then only the chunks its query needs
//! ([`Cache::warm`]), and never loads the dataset; the explorer, which shows whole
//! records, keeps the index only ([`Cache::index`]), checking every chunk once.
//!
//! A cache file is used only when everything in its header agrees: the dataset's
//! canonical path, its length, modification and change times, inode and device, and,
//! when the file was modified within two seconds of the build, a hash of its content
//! (`stamp`); the cache format, the crate version and the index version (`codec`). A
//! dataset whose stamp changed but whose length and content hash did not (touched, or
//! checked out again) keeps its cache, which takes the new stamp. A
//! file that is damaged, truncated or not ours is rebuilt with a one-line notice; one
//! that is merely out of date is rebuilt without one ([`Warm::Stale`] lets the command
//! line say why a search waits). A cache that cannot be written (a
//! read-only directory, a full disk) costs one notice, and the program goes on without
//! it. Files below [`MIN_LEN`] are never cached: they load faster than a cache is checked.
//!
//! A dataset with layers (`--add FILE`) is cached as one: its index depends on every
//! file (an added enterprise merges into the record below it), so its cache file is keyed
//! by every part's canonical path in order, and its stamp and content hash are of them
//! all ([`Ticket`]): a change to any file makes it stale. What loading said of the layers
//! (near misses kept apart) is kept in the header, for a warm search to say again.
//!
//! Notices are returned, never printed: the command line prints them on stderr.

mod codec;
mod lazy;
mod stamp;
mod store;
mod tabs;
mod ticket;

pub use stamp::content_hash;
pub use ticket::{MIN_LEN, Ticket};

use std::fs::File;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use crate::data::db::Db;
use crate::data::model::RecordKind;
use crate::env::Env;
use crate::search::index::Index;
use crate::search::packed::Packed;
use crate::search::records::Records;
use lazy::open_lazy;

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

/// What a warm open found: the index and every record's packed values, or why not.
pub enum Warm {
    /// A current cache file with packed values: no need to load the dataset. With what
    /// loading it said (an added file's near misses), to be said again.
    Found(Box<(Index, Packed)>, Vec<String>),
    /// No cache file for this dataset (or one without packed values): load the dataset.
    Missing,
    /// A cache file of an earlier state of the dataset (it changed since): load the
    /// dataset; [`Cache::index_after`] replaces the file.
    Stale,
    /// A damaged cache file: load the dataset and pass this to [`Cache::index_after`], which
    /// rebuilds the file and says why.
    Damaged(String),
}

/// The cache directory and mode.
#[derive(Debug, Clone)]
pub struct Cache {
    mode: Mode,
    dir: Option<PathBuf>,
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
        Ticket::of_file(dataset)
    }

    /// Notes a base (`None`: the built-in dataset) and the files laid over it (`--add`)
    /// before they are loaded; `None` when they will not be cached (together under
    /// [`MIN_LEN`], the built-in dataset not counted).
    #[must_use]
    pub fn ticket_layers(&self, base: Option<&Path>, adds: &[PathBuf]) -> Option<Ticket> {
        if self.mode == Mode::Off || self.dir.is_none() {
            return None;
        }
        Ticket::of_layers(base, adds)
    }

    /// The index of `db`, loaded from the file `ticket` noted: read from the cache when
    /// it holds a current one, else built (and written when it can be).
    #[must_use]
    pub fn index(&self, ticket: Option<&Ticket>, db: &Db) -> Opened {
        self.index_after(ticket, db, None)
    }

    /// The index and packed values of the file `ticket` noted, read from the cache
    /// without loading the dataset, when the cache holds a current file.
    #[must_use]
    pub fn warm(&self, ticket: Option<&Ticket>) -> Warm {
        let (Some(ticket), Some(dir), Mode::Use) = (ticket, self.dir.as_deref(), self.mode) else {
            return Warm::Missing;
        };
        let file = dir.join(store::names(&ticket.canonical).1);
        match read_warm(&file, ticket) {
            Ok(Lookup::Found((index, packed, notes))) => {
                store::touch(&file);
                let notes = notes.iter().map(|n| said_again(n, ticket)).collect();
                Warm::Found(Box::new((index, packed)), notes)
            }
            Ok(Lookup::Missing) => Warm::Missing,
            Ok(Lookup::Stale) => Warm::Stale,
            Err(why) => Warm::Damaged(why),
        }
    }

    /// [`Cache::index`], after [`Cache::warm`] found the cache file `damaged` (then it is
    /// rebuilt, and the notice says why).
    #[must_use]
    pub fn index_after(&self, ticket: Option<&Ticket>, db: &Db, damaged: Option<String>) -> Opened {
        let job = match self.prepare(ticket, db, damaged) {
            Prepared::Done(opened) => return *opened,
            Prepared::Build(job) => job,
        };
        let mut index = Index::build(db);
        let packed = super::pack::build(db, &mut index);
        let (how, notices) = job.write(&index, packed.as_ref());
        drop(packed);
        index.own_names_again();
        Opened { index, how, notices }
    }

    /// [`Cache::index_after`] for a caller that runs one piece of `work` and exits (`shuibei
    /// search`): a built index and the records' packed values go to `work` while the cache
    /// file is written on another thread, so the search and the writing overlap. `work`
    /// gets the packed values when there are any (the same answers as a warm search, see
    /// `records`), else `db`. Returns what `work` returned, how the index was had and the
    /// notices, once the file is written.
    pub fn index_while<R>(
        &self,
        ticket: Option<&Ticket>,
        db: &Db,
        damaged: Option<String>,
        work: impl FnOnce(&Index, Records<'_>) -> R,
    ) -> (R, How, Vec<String>) {
        let job = match self.prepare(ticket, db, damaged) {
            Prepared::Done(opened) => {
                let done = work(&opened.index, Records::Db(db));
                return (done, opened.how, opened.notices);
            }
            Prepared::Build(job) => job,
        };
        let mut index = Index::build(db);
        let packed = super::pack::build(db, &mut index);
        let records = packed.as_ref().map_or(Records::Db(db), Records::Packed);
        let (done, (how, notices)) = std::thread::scope(|s| {
            let writer = s.spawn(|| job.write(&index, packed.as_ref()));
            let done = work(&index, records);
            // A writer that panicked wrote nothing (the file is renamed into place last).
            let written = writer
                .join()
                .unwrap_or_else(|_| (How::Built, vec!["shuibei: the index cache was not written".to_owned()]));
            (done, written)
        });
        (done, how, notices)
    }

    /// What opening the index of `db` takes: done already (read from a current cache
    /// file, or built because nothing can be cached), or a build and a cache file to write.
    fn prepare(&self, ticket: Option<&Ticket>, db: &Db, damaged: Option<String>) -> Prepared {
        let built = |notices| {
            Prepared::Done(Box::new(Opened {
                index: Index::build(db),
                how: How::Built,
                notices,
            }))
        };
        let (Some(ticket), Some(dir)) = (ticket, self.dir.as_deref()) else {
            return built(Vec::new());
        };
        if ticket.stamp_now().ok() != Some(ticket.stamp) {
            // Changed while it was loading: what was loaded matches no stamp.
            return built(Vec::new());
        }
        if let Err(err) = store::ensure_dir(dir) {
            return built(vec![unwritable(dir, &err)]);
        }
        let (prefix, name) = store::names(&ticket.canonical);
        let file = dir.join(&name);
        let mut damaged = damaged;
        if self.mode == Mode::Use && damaged.is_none() {
            match read(&file, ticket, db) {
                Ok(Some(index)) => {
                    store::touch(&file);
                    return Prepared::Done(Box::new(Opened {
                        index,
                        how: How::Read,
                        notices: Vec::new(),
                    }));
                }
                Ok(None) => {}
                Err(why) => damaged = Some(why),
            }
        }
        Prepared::Build(Box::new(Job {
            dir: dir.to_owned(),
            prefix,
            name,
            ticket: ticket.clone(),
            damaged,
            notes: codec::fit_notes(&kept_notes(db)),
            sources: kept_sources(db),
        }))
    }
}

/// Marks a kept notice's layer: a notice begins with the file as it was typed then
/// (`../list.json: …`), kept as the layer's number, to be named as it is typed when the
/// notice is said again.
const LAYER_MARK: char = '\u{1f}';

/// The notices loading `db` gave, each with its file's name replaced by its layer's
/// number (see [`said_again`]).
fn kept_notes(db: &Db) -> Vec<String> {
    db.layers()
        .iter()
        .enumerate()
        .flat_map(|(k, layer)| {
            let lead = format!("{}: ", layer.origin);
            layer.notices.iter().map(move |n| match n.strip_prefix(&lead) {
                Some(rest) => format!("{k}{LAYER_MARK}{rest}"),
                None => n.clone(),
            })
        })
        .collect()
}

/// The dataset's sources as the cache file keeps them (JSON), for a warm search that
/// finds nothing to say which sources' titles hold its words; nothing when they are over
/// [`codec::SOURCES_MAX`] (such a search reads the dataset instead).
fn kept_sources(db: &Db) -> Vec<u8> {
    // Their texts alone over the limit: not written out only to be dropped.
    let texts: usize = db
        .sources()
        .iter()
        .map(|s| s.title.len() + s.id.len() + s.note.as_deref().map_or(0, str::len))
        .sum();
    if texts > codec::SOURCES_MAX {
        return Vec::new();
    }
    serde_json::to_vec(db.sources())
        .ok()
        .filter(|json| json.len() <= codec::SOURCES_MAX)
        .unwrap_or_default()
}

/// A kept notice as this run names its file.
fn said_again(note: &str, ticket: &Ticket) -> String {
    let Some((k, rest)) = note.split_once(LAYER_MARK) else {
        return note.to_owned();
    };
    match k.parse().ok().and_then(|k| ticket.file(k)) {
        Some(file) => format!("{}: {rest}", file.display()),
        None => rest.to_owned(),
    }
}

/// See [`Cache::prepare`].
enum Prepared {
    Done(Box<Opened>),
    Build(Box<Job>),
}

/// A cache file to write once the index is built: where, for which dataset, and why the
/// old one was not used (when it was damaged).
struct Job {
    dir: PathBuf,
    prefix: String,
    name: String,
    ticket: Ticket,
    damaged: Option<String>,
    /// What loading the dataset said, kept for warm searches to say again.
    notes: Vec<String>,
    /// The dataset's sources ([`kept_sources`]).
    sources: Vec<u8>,
}

impl Job {
    /// Writes the file; how the index was had, and the one notice worth saying, if any.
    fn write(&self, index: &Index, packed: Option<&Packed>) -> (How, Vec<String>) {
        // One line whatever happened: a damaged file that is replaced, or a cache that
        // cannot be written (then why the old file was not used matters less).
        let (how, notice) = match write(self, index, packed) {
            Ok(true) => {
                store::prune(&self.dir, &self.prefix, &self.name, store::CAP);
                // What happened first, the file last: the status line may cut it.
                let notice = self.damaged.as_ref().map(|why| {
                    format!(
                        "shuibei: the index cache {why}; rebuilt it ({})",
                        self.dir.join(&self.name).display()
                    )
                });
                (How::Written, notice)
            }
            Ok(false) => (How::Built, None),
            Err(err) => (How::Built, Some(unwritable(&self.dir, &err))),
        };
        (how, notice.into_iter().collect())
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
            "{} cannot be created in {shown}, which is not writable for you: make it so",
            dir.display()
        ),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "the disk is full: free some space".to_owned(),
        _ => format!("{} cannot be written", dir.display()),
    };
    format!(
        "shuibei: index cache off: {fix}, or set XDG_CACHE_HOME to a writable folder ({err}; --no-cache silences this)"
    )
}

/// What a look in the cache found, short of damage.
enum Lookup<T> {
    Found(T),
    /// No file for this dataset.
    Missing,
    /// A file for this path, of another state of its content.
    Stale,
}

/// The cache file's header, when there is a current file (one only touched since is
/// restamped first); missing or stale otherwise; `Err` when it is damaged or not ours.
/// The file is left open after the header, for its sections.
fn open(file: &Path, ticket: &Ticket) -> Result<Lookup<(File, codec::Body, Vec<String>)>, String> {
    /// Enough for any header: its only long field is a path.
    const HEAD: u64 = 64 << 10;
    let cannot = |err: io::Error| format!("cannot be read ({err})");
    let mut f = match File::open(file) {
        Ok(f) => f,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Lookup::Missing),
        Err(err) => return Err(cannot(err)),
    };
    let len = f.metadata().map_err(cannot)?.len();
    let mut head = Vec::new();
    (&mut f).take(HEAD).read_to_end(&mut head).map_err(cannot)?;
    let (header, body) = codec::header(&head).map_err(|r| match r {
        // The header claims more than the 64 KiB read of a longer file: a length in it is
        // damaged, the file is not cut short.
        codec::Reject::Truncated if len > HEAD => {
            codec::Reject::Corrupt("its header does not hold together").to_string()
        }
        r => r.to_string(),
    })?;
    if header.path != ticket.canonical.to_string_lossy() {
        // Not this dataset's file (the name comes from the path: one copied by hand).
        return Ok(Lookup::Missing);
    }
    if header.stamp != ticket.stamp {
        // Touched, checked out again or copied over with the same bytes: the length
        // agrees and so does the content's hash (a tenth of a second on 250 MB, against
        // seconds of indexing). The file gets the new stamp, so the next open is quick.
        if header.stamp.len != ticket.stamp.len || ticket.hash_now().ok() != Some(header.content) {
            return Ok(Lookup::Stale);
        }
        // Best effort: a read-only cache is still read, and hashed again next time.
        let _ = restamp(file, &mut f, &header, &body, ticket);
    } else if header.stamp.racy(header.built) && ticket.hash_now().ok() != Some(header.content) {
        return Ok(Lookup::Stale);
    }
    if len < body.end() {
        return Err(codec::Reject::Truncated.to_string());
    }
    if len > body.end() {
        return Err(codec::Reject::Corrupt("bytes after its end").to_string());
    }
    Ok(Lookup::Found((f, body, header.notes)))
}

/// Writes the cache file `file` again with the ticket's stamp (its content hashed equal
/// just now), its sections copied as they are (in the kernel where it can), all or
/// nothing as every write. `f` is the open old file: it still reads the same bytes after
/// the rename.
fn restamp(file: &Path, f: &mut File, header: &codec::Header, body: &codec::Body, ticket: &Ticket) -> io::Result<()> {
    use std::io::{Seek as _, SeekFrom, Write as _};
    let (Some(dir), Some(name)) = (file.parent(), file.file_name().and_then(|n| n.to_str())) else {
        return Ok(());
    };
    let restamped = codec::Header {
        stamp: ticket.stamp,
        // The hash was taken after the ticket: a change within the racy window of this
        // time is caught by hashing again on the next open.
        built: ticket.built,
        ..header.clone()
    };
    let head = codec::header_bytes(&restamped, &body.sections);
    store::write_atomic_with(dir, name, |out| {
        out.write_all(&head)?;
        let mut old = &*f;
        old.seek(SeekFrom::Start(body.start))?;
        let want = body.end() - body.start;
        if io::copy(&mut old.take(want), out)? == want {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the cache file ended early",
            ))
        }
    })
}

/// The cached index when the file holds a current one; `Ok(None)` when there is none or
/// it is out of date (rebuilt quietly); `Err` when the file is damaged or not ours.
fn read(file: &Path, ticket: &Ticket, db: &Db) -> Result<Option<Index>, String> {
    let Lookup::Found((f, body, _)) = open(file, ticket)? else {
        return Ok(None);
    };
    let (mut index, packed) = open_lazy(f, &body)?;
    if let Some(packed) = packed {
        // The explorer does not use the packed values, but `search` will: damage found
        // now is said now and repaired. Every chunk is read (on all cores) and checked,
        // and the index keeps a copy of its names only (the chunks hold every other
        // value too).
        if !packed.load_all() {
            return Err(packed.damage().unwrap_or("is damaged").to_owned());
        }
        index.own_names_again();
    }
    if RecordKind::ALL.iter().any(|kind| !index.fits(db, *kind)) {
        return Err("does not match the dataset's records".to_owned());
    }
    Ok(Some(index))
}

/// [`read`] without a dataset: the index and the packed values, which must agree on every
/// tab's length. Missing also when the file holds no packed values. The chunks are read
/// as a search asks for them: one that turns out damaged then is in
/// [`Packed::damage`], for the caller to check before it trusts the answers.
fn read_warm(file: &Path, ticket: &Ticket) -> Result<Lookup<(Index, Packed, Vec<String>)>, String> {
    let (f, body, notes) = match open(file, ticket)? {
        Lookup::Found(found) => found,
        Lookup::Missing => return Ok(Lookup::Missing),
        Lookup::Stale => return Ok(Lookup::Stale),
    };
    let (index, Some(packed)) = open_lazy(f, &body)? else {
        return Ok(Lookup::Missing);
    };
    if RecordKind::ALL.iter().any(|kind| !index.fits(&packed, *kind)) {
        return Err("does not match its own packed values".to_owned());
    }
    Ok(Lookup::Found((index, packed, notes)))
}

/// Writes the cache file; `Ok(false)` when the dataset changed since the ticket (its
/// content may not be the loaded one, so it is not cached).
fn write(job: &Job, index: &Index, packed: Option<&Packed>) -> io::Result<bool> {
    let ticket = &job.ticket;
    let content = ticket.content_hash()?;
    if ticket.stamp_now()? != ticket.stamp {
        return Ok(false);
    }
    let header = codec::Header {
        notes: job.notes.clone(),
        ..codec::Header::current(
            ticket.canonical.to_string_lossy().into_owned(),
            ticket.stamp,
            ticket.built,
            content,
        )
    };
    let (head, payload, list) = codec::encode_parts(&header, index, packed, &job.sources);
    let mut parts: Vec<&[u8]> = vec![&head, &payload, &list];
    for view in packed.map(codec::chunks).unwrap_or_default() {
        let (bin, text) = view.chunk.parts();
        parts.extend([view.names.as_bytes(), text, bin]);
    }
    parts.push(&job.sources);
    store::write_atomic(&job.dir, &job.name, &parts)?;
    Ok(true)
}

#[cfg(test)]
mod tests;
