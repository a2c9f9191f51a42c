//! Noticing that the dataset's files changed on disk while the explorer shows them. A
//! thread looks at their stamps (size, modification and change times, inode, device:
//! what the index cache checks too) every few seconds, and says so once, when a change
//! has held still for one look: a file still being written is not read half way.
//!
//! Looking costs one `stat` per file and sends nothing until a file changes, so an idle
//! explorer stays idle (nothing is drawn, nothing crosses an SSH link).
//!
//! New stamps alone are not a change: `touch`, `chmod` or a copy of the same bytes leave
//! the contents as they were read. The files are hashed once as the watch starts (just
//! after they were read, so they are most likely still as read; the stamps are checked
//! again after hashing) and again when their stamps change: the same hashes keep
//! watching quietly.

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

/// How often the files are looked at.
pub const EVERY: Duration = Duration::from_secs(2);

/// What a file looked like: `None` when it could not be looked at (gone, say).
type Stamp = Option<(u64, i64, i64, i64, i64, u64, u64)>;

/// The stamps of a dataset's files, taken before they are read: a change during the read
/// is noticed too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamps(Vec<(PathBuf, Stamp)>);

impl Stamps {
    /// The stamps of `files` now.
    #[must_use]
    pub fn take(files: &[PathBuf]) -> Stamps {
        Stamps(files.iter().map(|f| (f.clone(), stamp(f))).collect())
    }

    /// Whether there is anything to watch.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The files, as given.
    #[must_use]
    pub fn files(&self) -> Vec<PathBuf> {
        self.0.iter().map(|(f, _)| f.clone()).collect()
    }

    /// Whether the file named `name` (as [`Stamps::first_change`] names it) was not
    /// there when these stamps were taken.
    #[must_use]
    pub fn gone(&self, name: &str) -> bool {
        self.0.iter().any(|(f, stamp)| stamp.is_none() && shown_name(f) == name)
    }

    /// The name of the first file that differs from `other`'s stamp, if one does.
    #[must_use]
    pub fn first_change(&self, other: &Stamps) -> Option<String> {
        self.0
            .iter()
            .zip(&other.0)
            .find(|((_, a), (_, b))| a != b)
            .map(|((f, _), _)| shown_name(f))
    }
}

/// A file as messages name it: its name, or the whole path when it has none.
fn shown_name(file: &std::path::Path) -> String {
    file.file_name()
        .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn stamp(file: &std::path::Path) -> Stamp {
    let m = std::fs::metadata(file).ok()?;
    Some((
        m.len(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec(),
        m.ino(),
        m.dev(),
    ))
}

/// The hashes of the files' contents, when every file could be read whole and none
/// changed while it was (their stamps are still `stamps`).
fn contents(stamps: &Stamps) -> Option<Vec<u64>> {
    let hashes = stamps
        .0
        .iter()
        .map(|(file, stamp)| {
            stamp.as_ref()?;
            crate::search::cache::content_hash(file).ok()
        })
        .collect::<Option<Vec<u64>>>()?;
    (Stamps::take(&stamps.files()) == *stamps).then_some(hashes)
}

/// A watching thread; it stops when this is dropped (within one look).
pub struct Watcher {
    stop: Arc<AtomicBool>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

/// Looks at the files of `since` every `every`; once some differ from it, and look the
/// same at the next look, calls `changed` with the name of one of them and stops. Nothing
/// to watch (the built-in dataset, a pipe) starts no thread.
#[must_use]
pub fn spawn(since: Stamps, every: Duration, changed: impl FnOnce(String) + Send + 'static) -> Watcher {
    let stop = Arc::new(AtomicBool::new(false));
    if since.is_empty() {
        return Watcher { stop };
    }
    let stopped = Arc::clone(&stop);
    let files = since.files();
    thread::spawn(move || {
        let mut since = since;
        // The hashes of the contents as read (`None`: they could not be taken, and any new
        // stamps count as a change).
        let read = contents(&since);
        let mut last: Option<Stamps> = None;
        loop {
            thread::sleep(every);
            if stopped.load(Ordering::Acquire) {
                return;
            }
            let now = Stamps::take(&files);
            if now == since {
                last = None;
                continue;
            }
            if last.as_ref() == Some(&now) {
                if let Some(before) = &read
                    && contents(&now).as_ref() == Some(before)
                {
                    // The same bytes under new stamps: nothing to read again.
                    since = now;
                    last = None;
                    continue;
                }
                if let Some(name) = now.first_change(&since) {
                    changed(name);
                }
                return;
            }
            last = Some(now);
        }
    });
    Watcher { stop }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    const QUICK: Duration = Duration::from_millis(20);

    fn temp(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("shuibei-watch-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("data.json");
        std::fs::write(&file, text).expect("write");
        file
    }

    /// A watcher of `file`, looking every [`QUICK`], and what it says.
    fn watching(file: &std::path::Path) -> (Watcher, mpsc::Receiver<String>) {
        let (tx, rx) = mpsc::channel();
        let watcher = spawn(Stamps::take(&[file.to_path_buf()]), QUICK, move |name| {
            let _ = tx.send(name);
        });
        (watcher, rx)
    }

    #[test]
    fn a_change_is_said_once_it_holds_still() {
        let file = temp("change", "{}");
        let (_watcher, rx) = watching(&file);
        assert!(rx.recv_timeout(QUICK * 5).is_err(), "nothing changed: nothing said");
        std::fs::write(&file, "{\"a\": 1}").expect("rewrite");
        let said = rx.recv_timeout(Duration::from_secs(5)).expect("the change is noticed");
        assert_eq!(said, "data.json");
        assert!(rx.recv_timeout(QUICK * 5).is_err(), "said once");
    }

    #[test]
    fn new_stamps_on_the_same_bytes_are_no_change() {
        let file = temp("touch", "{\"a\": 1}");
        let (_watcher, rx) = watching(&file);
        // Let the watch hash the file as it was read.
        std::thread::sleep(QUICK * 5);
        let later = std::time::SystemTime::now() + Duration::from_mins(1);
        let handle = std::fs::File::options().write(true).open(&file).expect("open");
        handle.set_modified(later).expect("touch");
        drop(handle);
        std::fs::write(&file, "{\"a\": 1}").expect("the same bytes again");
        assert!(rx.recv_timeout(QUICK * 10).is_err(), "the same contents: nothing said");
        std::fs::write(&file, "{\"a\": 2}").expect("rewrite");
        let said = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("a real change is noticed");
        assert_eq!(said, "data.json");
    }

    #[test]
    fn a_file_that_goes_away_is_a_change() {
        let file = temp("gone", "{}");
        let (_watcher, rx) = watching(&file);
        std::fs::remove_file(&file).expect("remove");
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)).expect("noticed"), "data.json");
    }

    #[test]
    fn a_dropped_watcher_says_nothing() {
        let file = temp("dropped", "{}");
        let (watcher, rx) = watching(&file);
        drop(watcher);
        std::fs::write(&file, "{\"b\": 2}").expect("rewrite");
        assert!(rx.recv_timeout(QUICK * 10).is_err(), "a stopped watcher stays quiet");
    }

    #[test]
    fn stamps_tell_a_same_size_rewrite() {
        let file = temp("same-size", "{\"a\": 1}");
        let before = Stamps::take(std::slice::from_ref(&file));
        std::thread::sleep(Duration::from_millis(10));
        std::fs::write(&file, "{\"a\": 2}").expect("rewrite");
        let after = Stamps::take(std::slice::from_ref(&file));
        assert_ne!(before, after);
        assert_eq!(after.first_change(&before).as_deref(), Some("data.json"));
        assert!(Stamps::take(&[]).is_empty());
    }
}
