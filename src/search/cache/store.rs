//! The cache directory on disk: where it is, its permissions, file names, writes that are
//! all or nothing, and pruning.
//!
//! One file per dataset and version of shuibei: `<path key>-<version key>.idx`, the path
//! key a hash of the dataset's canonical path, the version key one of the cache format,
//! the crate version and the index version. Writing one removes the other versions'
//! files for the same path, then the least recently used files while the directory
//! holds more than [`CAP`] bytes.

use std::fs;
use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::codec::{FORMAT, rules};
use super::stamp::hasher;
use crate::env::Env;

/// What the cache directory may hold in all.
pub(super) const CAP: u64 = 1 << 30;

/// A temporary file older than this was left by a process that died while writing.
const STALE_TEMP: Duration = Duration::from_hours(1);

/// `$XDG_CACHE_HOME/shuibei`, else `~/.cache/shuibei` (a relative `XDG_CACHE_HOME` is
/// ignored, as the XDG base directory specification says); `None` without either.
pub(super) fn dir(env: &Env) -> Option<PathBuf> {
    let xdg = env
        .get_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    // A home that does not exist is not made for the cache's sake.
    let base = xdg.or_else(|| {
        env.get_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
            .filter(|h| h.is_dir())
            .map(|h| h.join(".cache"))
    })?;
    Some(base.join("shuibei"))
}

/// Creates the directory (and its parents) for the owner only (0700), and takes group and
/// others' access from an existing one: the cache reveals which files a user opens. An
/// owner's own narrower choice (a read-only directory) is left alone.
pub(super) fn ensure_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        let mode = fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(mode & 0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

fn hex(bytes: &[u8]) -> String {
    let mut h = hasher();
    h.write(bytes);
    format!("{:016x}", h.finish())
}

/// The file names for a dataset: (the prefix every version shares, this version's name).
pub(super) fn names(canonical: &Path) -> (String, String) {
    let prefix = hex(canonical.as_os_str().as_encoded_bytes());
    let version = format!("{FORMAT}/{}/{}", env!("CARGO_PKG_VERSION"), rules());
    let name = format!("{prefix}-{}.idx", &hex(version.as_bytes())[..8]);
    (prefix, name)
}

/// Writes `parts`, one after another, to `dir/name` all or nothing: into a temporary file
/// (0600) beside it, then renamed over it, so a reader sees the old file or the new, never
/// half of one.
pub(super) fn write_atomic(dir: &Path, name: &str, parts: &[&[u8]]) -> io::Result<()> {
    write_atomic_with(dir, name, |file| {
        for bytes in parts {
            file.write_all(bytes)?;
        }
        Ok(())
    })
}

/// [`write_atomic`], the content written by `fill` (which may copy from another file).
pub(super) fn write_atomic_with(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&temp).and_then(|mut file| {
        fill(&mut file)?;
        file.flush()
    });
    let renamed = written.and_then(|()| fs::rename(&temp, dir.join(name)));
    if renamed.is_err() {
        let _ = fs::remove_file(&temp);
    }
    renamed
}

/// Marks a file as just used, for [`prune`]'s least-recently-used order. Best effort: a
/// read-only cache still serves.
pub(super) fn touch(path: &Path) {
    if let Ok(file) = fs::OpenOptions::new().write(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}

/// Removes the other versions' files for `prefix`, the files of datasets that no longer
/// exist, temporary files left by a crash or an interrupted write, then the least
/// recently used files (never `keep`) until the cache's own files fit [`CAP`]. Files
/// that are not ours are neither counted nor touched.
pub(super) fn prune(dir: &Path, prefix: &str, keep: &str, cap: u64) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    let mut kept: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
    let mut total = 0u64;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Ok(meta) = entry.metadata() else { continue };
        let modified = meta.modified().unwrap_or(now);
        let path = entry.path();
        let ext = Path::new(name).extension().and_then(|e| e.to_str());
        if ext == Some("tmp") && name.starts_with('.') {
            if now.duration_since(modified).is_ok_and(|age| age > STALE_TEMP) || writer_gone(name) {
                let _ = fs::remove_file(&path);
            }
            continue;
        }
        if ext != Some("idx") {
            // Not ours: neither counted nor removed.
            continue;
        }
        if name == keep {
            total += meta.len();
            continue;
        }
        if name.starts_with(prefix) || dataset_gone(&path) {
            let _ = fs::remove_file(&path);
            continue;
        }
        total += meta.len();
        kept.push((modified, meta.len(), path));
    }
    kept.sort();
    for (_, len, path) in kept {
        if total <= cap {
            break;
        }
        if fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
}

/// Whether the cache file at `path` is of a dataset file that no longer exists (deleted,
/// or a copy moved away; for layers, any of their files): it can never be used again. A file whose header cannot be read
/// is left to the size cap (it may be another version's).
fn dataset_gone(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(64 << 10).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let gone = |path: &str| matches!(fs::exists(path), Ok(false));
    super::codec::header(&head).is_ok_and(|(header, _)| {
        // A layered dataset's file is of no use once any of its files is gone.
        match super::ticket::layered_files(&header.path) {
            Some(mut files) => files.any(gone),
            None => !header.path.is_empty() && gone(&header.path),
        }
    })
}

/// Whether the process that wrote a temporary file (`.NAME.PID.tmp`) has ended: then the
/// file is what an interrupted write left (Ctrl-C, a kill), removed at once rather than
/// after [`STALE_TEMP`]. Known only where `/proc` lists processes; elsewhere `false`.
fn writer_gone(name: &str) -> bool {
    let Some(pid) = name
        .strip_suffix(".tmp")
        .and_then(|n| n.rsplit('.').next())
        .and_then(|pid| pid.parse::<u32>().ok())
    else {
        return false;
    };
    let proc = Path::new("/proc");
    pid != std::process::id() && proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}
