//! Where [`to_file`](super::to_file) puts an export's bytes, and what an export that does
//! not finish leaves behind: nothing.
//!
//! - A regular file, or a name not taken yet, is replaced whole: the export is written to
//!   `.NAME.PID.partial` beside it and renamed over it once complete, so a failure leaves
//!   the old file as it was and a reader never sees half an export.
//! - A symbolic link is followed, and its target replaced so: the link stays a link, and
//!   shows the export. Renaming onto the link itself would turn it into a plain file and
//!   leave the file it points to stale. A dangling link is written through, to the path it
//!   names, when that path's folder exists. A link another user made in a shared sticky
//!   folder (`/tmp`) is refused, as the kernel refuses it to a shell's redirect.
//! - A block device (a disk) is refused. Anything else that exists, a FIFO, a character
//!   device (`/dev/null`, a terminal), a socket, is written in place: a rename would put
//!   a file where the node was, and whoever reads the pipe or the device would get
//!   nothing. So is `/dev/stdout` (or `/dev/fd/1`)
//!   when it is a redirected file: the shell opened it, maybe to append.
//!
//! Each temporary is registered while it is written, so that a process ending early
//! removes it: the explorer quitting ([`abandon`]), the CLI on Ctrl-C ([`abandon_all`],
//! from its signal thread). Registering and creating happen under one lock, as do
//! renaming and unregistering, so a cleanup finds either a temporary or a finished file,
//! and no export starts writing once its cleanup has run. A temporary left by a process
//! killed outright (SIGKILL, a crash, a power cut) is removed by the next export to the
//! same name, once its process is gone ([`remove_stale`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// How an export reaches the path asked for.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// Written straight into what is there (a FIFO, a device, a socket, a standard stream).
    InPlace(PathBuf),
    /// Written beside this path (symbolic links already followed) and renamed onto it.
    Replace(PathBuf),
}

/// How many links to follow before giving up, as the kernel does (`ELOOP` after 40).
const MAX_LINKS: usize = 40;

/// Decides how an export reaches `path`.
///
/// # Errors
/// `IsADirectory` for a directory (or a link to one); a block device; a link loop; a
/// dangling link whose
/// target's folder does not exist (in words, naming the target).
pub(super) fn target(path: &Path) -> io::Result<Target> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::ErrorKind::IsADirectory.into()),
        // A disk or a partition: writing there destroys what it holds, which no export
        // means to do (`/dev/sda` for `/dev/stdout`, a slip of the hand).
        Ok(meta) if meta.file_type().is_block_device() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a block device (a disk or a partition), which an export would overwrite",
        )),
        Ok(meta) if !meta.is_file() => Ok(Target::InPlace(path.to_owned())),
        Ok(meta) if is_link(path) && is_standard_stream(&meta) => Ok(Target::InPlace(path.to_owned())),
        _ => follow(path).map(Target::Replace),
    }
}

/// Opens `path` to write into it where it is: a socket is connected to, anything else
/// opened without truncating (a redirected stdout may have been opened to append, so
/// this appends too; a FIFO or a device has no end to append at, so it changes nothing).
/// Opening a FIFO waits for its reader, as `> fifo` does in a shell.
/// `binary` (xlsx) is refused for a terminal, whose screen it would scramble.
pub(super) fn open_in_place(path: &Path, binary: bool) -> io::Result<Box<dyn Write + Send>> {
    if fs::metadata(path)?.file_type().is_socket() {
        return Ok(Box::new(UnixStream::connect(path)?));
    }
    let file = OpenOptions::new().append(true).open(path)?;
    if binary && std::io::IsTerminal::is_terminal(&file) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a terminal, and xlsx is a binary file; name a FILE.xlsx instead",
        ));
    }
    Ok(Box::new(file))
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether `meta` is the file this process's stdout or stderr writes to (`/dev/stdout`
/// while stdout is redirected to a file): replacing that file would cut it off from the
/// shell that opened it, and `/proc/self/fd/1` does not always name it by a real path.
fn is_standard_stream(meta: &fs::Metadata) -> bool {
    use std::os::fd::{AsFd, BorrowedFd};
    let same = |fd: BorrowedFd<'_>| {
        fd.try_clone_to_owned()
            .map(File::from)
            .and_then(|f| f.metadata())
            .is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
    };
    same(io::stdout().as_fd()) || same(io::stderr().as_fd())
}

/// The path a chain of symbolic links at `path` ends in (only the last component is
/// followed: a link among the folders is the kernel's to follow, and the temporary beside
/// the final name goes through it the same way). A relative link is relative to the
/// link's own folder.
fn follow(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_owned();
    for _ in 0..MAX_LINKS {
        let Ok(meta) = fs::symlink_metadata(&at) else {
            // Not there: created by the export, if its folder exists. A dangling link
            // says where it leads, since the user named the link, not the missing path.
            if at != path
                && let Some(folder) = at.parent().filter(|f| !f.as_os_str().is_empty())
                && !folder.is_dir()
            {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "it is a symbolic link to {}, whose folder {} does not exist",
                        at.display(),
                        folder.display()
                    ),
                ));
            }
            return Ok(at);
        };
        if !meta.file_type().is_symlink() {
            return Ok(at);
        }
        refuse_planted(&at, &meta)?;
        let to = fs::read_link(&at)?;
        at = match at.parent() {
            Some(folder) if to.is_relative() => folder.join(to),
            _ => to,
        };
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// Refuses a link another user left in a shared sticky folder (`/tmp`), as the kernel's
/// `protected_symlinks` does for a shell's `> /tmp/out.csv`: such a link may have been
/// planted to point at a file of ours (`~/.bashrc`), which the export would replace. A
/// link is followed there when it is ours or the folder owner's.
fn refuse_planted(link: &Path, meta: &fs::Metadata) -> io::Result<()> {
    let folder = match link.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let Ok(shared) = fs::metadata(folder) else {
        return Ok(());
    };
    let sticky_and_open = shared.mode() & 0o1002 == 0o1002;
    if !sticky_and_open || meta.uid() == shared.uid() || meta.uid() == effective_uid() {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "it is a symbolic link another user made in the shared folder {}, which is not followed \
             (as the system does not for a shell's redirect); write elsewhere: the link is not yours to remove",
            folder.display()
        ),
    ))
}

/// This process's effective user id.
pub(super) fn effective_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// `dir/.name.PID.partial` for `dir/name`: hidden, in the same directory (so the rename
/// is atomic), and unlikely to meet a file of the user's.
pub(super) fn temporary_beside(path: &Path) -> PathBuf {
    // The name's own bytes, even when they are not UTF-8, so `remove_stale` knows it.
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or("export".as_ref()));
    name.push(format!(".{}.partial", std::process::id()));
    path.with_file_name(name)
}

/// The temporaries being written, by the path each export was asked for.
struct Registry {
    writing: Vec<(PathBuf, PathBuf)>,
    /// Paths whose export was abandoned: one that had not created its temporary yet
    /// (its thread slower than the quit) must not create it afterwards.
    abandoned: Vec<PathBuf>,
    /// The process is ending ([`abandon_all`]): no export starts.
    closing: bool,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    writing: Vec::new(),
    abandoned: Vec::new(),
    closing: false,
});

fn registry() -> MutexGuard<'static, Registry> {
    // A panic elsewhere while holding the lock leaves the list as valid as before.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

fn abandoned_error() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "the export was interrupted")
}

impl Registry {
    fn goes_on(&self, asked: &Path) -> bool {
        !self.closing && !self.abandoned.iter().any(|p| p == asked)
    }
}

/// Creates the temporary for an export asked to go to `asked`, registered for cleanup.
///
/// # Errors
/// `Interrupted` when the export was abandoned already; the system's error otherwise.
pub(super) fn create_temporary(asked: &Path, temporary: &Path) -> io::Result<File> {
    let mut registry = registry();
    if !registry.goes_on(asked) {
        return Err(abandoned_error());
    }
    if registry.writing.iter().any(|(_, t)| t == temporary) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "an export to this file is being written already; wait for it to finish",
        ));
    }
    let file = match create_new(temporary) {
        // Ours, left by an export of an earlier process with this PID (killed outright):
        // a plain file of this user's, never a link someone put there.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && is_own_file(temporary) => {
            fs::remove_file(temporary)?;
            create_new(temporary)?
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} is in the way of the temporary file (a link, or not yours); remove it if you may, or write elsewhere",
                    temporary.display()
                ),
            ));
        }
        other => other?,
    };
    registry.writing.push((asked.to_owned(), temporary.to_owned()));
    Ok(file)
}

/// Creates `path` only if nothing is there, not even a link (`O_EXCL`): a name planted
/// beside the target in a shared folder is never written through.
fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Whether `path` is a plain file (not a link) of this process's user.
fn is_own_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.uid() == effective_uid())
}

/// Renames the finished temporary onto `target` and forgets it.
///
/// # Errors
/// `Interrupted` when the export was abandoned meanwhile (its temporary is gone); the
/// system's error from the rename.
pub(super) fn finish(asked: &Path, temporary: &Path, target: &Path) -> io::Result<()> {
    let mut registry = registry();
    if !registry.goes_on(asked) {
        return Err(abandoned_error());
    }
    let renamed = fs::rename(temporary, target);
    registry.writing.retain(|(_, t)| t != temporary);
    renamed
}

/// Removes a temporary that will not be finished (its export failed), and forgets it.
pub(super) fn discard(temporary: &Path) {
    let mut registry = registry();
    let _ = fs::remove_file(temporary);
    registry.writing.retain(|(_, t)| t != temporary);
}
/// Removes what an export to `path` that will not finish has written so far, and keeps
/// it from writing more: its process is about to exit (the user quit the explorer while
/// the export was being written).
pub fn abandon(path: &Path) {
    let mut registry = registry();
    registry.writing.retain(|(asked, temporary)| {
        if asked == path {
            let _ = fs::remove_file(temporary);
        }
        asked != path
    });
    registry.abandoned.push(path.to_owned());
}

/// Removes every temporary this process is writing, and keeps any export from starting
/// or finishing: the process is ending (a signal's handler calls this, then exits).
pub fn abandon_all() {
    let mut registry = registry();
    registry.closing = true;
    for (_, temporary) in registry.writing.drain(..) {
        let _ = fs::remove_file(temporary);
    }
}

/// Removes `.NAME.PID.partial` files beside `target` whose process no longer runs: left
/// by an export killed outright (SIGKILL, a crash), which no handler could clean up. A
/// live process's is its export under way, and kept; so is this process's own (which
/// `create_temporary` is about to replace anyway), and any other user's. Whether a process runs is read from
/// `/proc`; where there is none, nothing is removed, since nothing can be told.
pub(super) fn remove_stale(target: &Path) {
    let Some(name) = target.file_name() else {
        return;
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let Some(pid) = partial_pid(name.as_encoded_bytes(), entry.file_name().as_encoded_bytes()) else {
            continue;
        };
        // Only a plain file of this user's: a directory of that name, a link, or another
        // user's file in a shared folder is not this user's leftover to remove.
        let is_file = entry.file_type().is_ok_and(|t| t.is_file()) && is_own_file(&entry.path());
        if pid != own && is_file && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The PID in `.NAME.PID.partial`, when `entry` is that for the file name `name`.
fn partial_pid(name: &[u8], entry: &[u8]) -> Option<u32> {
    let pid = entry
        .strip_prefix(b".")?
        .strip_prefix(name)?
        .strip_prefix(b".")?
        .strip_suffix(b".partial")?;
    if pid.is_empty() || !pid.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(pid).ok()?.parse().ok()
}
