//! What identifies a dataset file's version without reading it: its length, modification
//! and change times, inode and device, as `stat` gives them, and the content hash that
//! settles the cases the times cannot.
//!
//! Why a hash too: file times have a granularity (a kernel tick, or two seconds on FAT),
//! so a file rewritten with the same length within that tick of the build looks
//! unchanged. As git does for its racy index entries, a file whose modification time
//! lies within [`RACY_NANOS`] of the build is hashed again on open before its cache is
//! trusted; older files are trusted on their stamp alone.

use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

/// A modification this close to the build (or after it) makes the stamp unreliable.
pub(super) const RACY_NANOS: i128 = 2_000_000_000;

/// A file's identity and version as `stat` reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub len: u64,
    pub mtime: (i64, u32),
    pub ctime: (i64, u32),
    pub ino: u64,
    pub dev: u64,
}

impl Stamp {
    /// How many `u64`s [`Stamp::words`] gives.
    pub const WORDS: usize = 7;

    /// The stamp of the file at `path`, following symlinks.
    pub fn of(path: &Path) -> std::io::Result<Stamp> {
        Ok(Stamp::from_metadata(&std::fs::metadata(path)?))
    }

    #[cfg(unix)]
    fn from_metadata(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let nanos = |n: i64| u32::try_from(n).unwrap_or(0);
        Stamp {
            len: meta.len(),
            mtime: (meta.mtime(), nanos(meta.mtime_nsec())),
            ctime: (meta.ctime(), nanos(meta.ctime_nsec())),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    /// Elsewhere only the length and the modification time are known; the content hash
    /// does the rest within the racy window.
    #[cfg(not(unix))]
    fn from_metadata(meta: &std::fs::Metadata) -> Stamp {
        let mtime = meta.modified().map_or((0, 0), since_epoch);
        Stamp {
            len: meta.len(),
            mtime,
            ctime: mtime,
            ino: 0,
            dev: 0,
        }
    }

    /// The stamp as numbers, for the cache header.
    pub fn words(&self) -> [u64; Stamp::WORDS] {
        let signed = |s: i64| u64::from_le_bytes(s.to_le_bytes());
        [
            self.len,
            signed(self.mtime.0),
            u64::from(self.mtime.1),
            signed(self.ctime.0),
            u64::from(self.ctime.1),
            self.ino,
            self.dev,
        ]
    }

    /// The inverse of [`Stamp::words`].
    pub fn from_words(w: [u64; Stamp::WORDS]) -> Stamp {
        let signed = |u: u64| i64::from_le_bytes(u.to_le_bytes());
        let nanos = |u: u64| u32::try_from(u).unwrap_or(u32::MAX);
        Stamp {
            len: w[0],
            mtime: (signed(w[1]), nanos(w[2])),
            ctime: (signed(w[3]), nanos(w[4])),
            ino: w[5],
            dev: w[6],
        }
    }

    /// Whether the file was modified within [`RACY_NANOS`] of `built` (or later), so that
    /// an equal stamp does not prove equal content.
    pub fn racy(&self, built: (i64, u32)) -> bool {
        nanos(built) - nanos(self.mtime) < RACY_NANOS
    }
}

/// One stamp for files read together (a base and its `--add` layers), in order: equal
/// exactly when every file's stamp is (its `ino` is a hash of them all). Its length is
/// the files' total, so a stamp that differs while the total does not leads to the
/// content hash, as one file's does; its times are the latest, so a layer modified within
/// the racy window of the build makes them all hashed again.
pub(super) fn combined(stamps: &[Stamp]) -> Stamp {
    let mut h = hasher();
    for stamp in stamps {
        for word in stamp.words() {
            h.write_u64(word);
        }
    }
    Stamp {
        len: stamps.iter().fold(0, |sum, s| sum.saturating_add(s.len)),
        mtime: stamps.iter().map(|s| s.mtime).max().unwrap_or((0, 0)),
        ctime: stamps.iter().map(|s| s.ctime).max().unwrap_or((0, 0)),
        ino: h.finish(),
        dev: stamps.len() as u64,
    }
}

/// The stamp of bytes built into the program (the built-in dataset): their length and
/// hash, and no times (so they are never racy).
pub(super) fn of_bytes(bytes: &[u8]) -> Stamp {
    Stamp {
        len: bytes.len() as u64,
        mtime: (0, 0),
        ctime: (0, 0),
        ino: bytes_hash(bytes),
        dev: 0,
    }
}

/// A hash of bytes in memory, as [`content_hash`] hashes a file of the same bytes.
pub(super) fn bytes_hash(bytes: &[u8]) -> u64 {
    const BLOCK: usize = 1 << 20;
    let mut hasher = hasher();
    let mut blocks = bytes.chunks(BLOCK);
    for block in blocks.by_ref() {
        hasher.write(block);
    }
    if bytes.len().is_multiple_of(BLOCK) {
        // content_hash ends on a short read: an empty one after whole blocks.
        hasher.write(&[]);
    }
    hasher.finish()
}

fn nanos((secs, sub): (i64, u32)) -> i128 {
    i128::from(secs) * 1_000_000_000 + i128::from(sub)
}

/// The hash used for the dataset's content and the cache's header and payload. Fixed
/// seed: the same bytes hash the same in every process (should a new foldhash hash
/// differently, that costs one rebuild).
pub(super) fn hasher() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(0x5348_5549_4245_4931).build_hasher()
}

/// Now, as (seconds, nanoseconds) since the epoch.
pub(super) fn now() -> (i64, u32) {
    since_epoch(SystemTime::now())
}

fn since_epoch(time: SystemTime) -> (i64, u32) {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).unwrap_or(i64::MAX), d.subsec_nanos()),
        Err(_) => (0, 0),
    }
}

/// A hash of the file's bytes, read in blocks of a fixed size (so the hash never depends
/// on how the reads happened to split).
///
/// # Errors
/// The file could not be opened or read.
pub fn content_hash(path: &Path) -> std::io::Result<u64> {
    const BLOCK: usize = 1 << 20;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = hasher();
    let mut buf = vec![0u8; BLOCK];
    loop {
        let mut filled = 0;
        while filled < BLOCK {
            match file.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        hasher.write(&buf[..filled]);
        if filled < BLOCK {
            return Ok(hasher.finish());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        let stamp = Stamp {
            len: 258_694_600,
            mtime: (-5, 999_999_999),
            ctime: (1_764_637_200, 1),
            ino: u64::MAX,
            dev: 2049,
        };
        assert_eq!(Stamp::from_words(stamp.words()), stamp);
    }

    #[test]
    fn racy_within_two_seconds_of_the_build_or_after() {
        let stamp = |mtime| Stamp {
            len: 1,
            mtime,
            ctime: mtime,
            ino: 1,
            dev: 1,
        };
        assert!(stamp((100, 0)).racy((101, 999_999_999)));
        assert!(stamp((105, 0)).racy((101, 0)), "modified after the build");
        assert!(!stamp((100, 0)).racy((102, 0)));
        assert!(!stamp((90, 0)).racy((101, 0)));
    }
}
