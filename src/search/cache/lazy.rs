//! A current cache file's body opened for reading: its index read section by section,
//! and its packed values' chunks, and the dataset's sources, read from the file only
//! when a search first asks.

use std::fs::File;
use std::io;

use super::codec;
use super::tabs;
use crate::search::index::Index;
use crate::search::packed::Packed;

/// Section `k` of the file, read straight into the buffer that keeps it.
fn section(f: &File, body: &codec::Body, k: usize) -> Result<Vec<u8>, String> {
    let len = usize::try_from(body.sections[k].len).map_err(|_| codec::Reject::Truncated.to_string())?;
    read_at(f, body.at(k), len)
}

/// `len` bytes at `at` of the file.
fn read_at(f: &File, at: u64, len: usize) -> Result<Vec<u8>, String> {
    use std::os::unix::fs::FileExt as _;
    // Zeroed large buffers come from the OS already zero: no cost beyond the read.
    let mut bytes = vec![0u8; len];
    f.read_exact_at(&mut bytes, at).map_err(|err| match err.kind() {
        io::ErrorKind::UnexpectedEof => codec::Reject::Truncated.to_string(),
        _ => format!("cannot be read ({err})"),
    })?;
    Ok(bytes)
}

/// Reads `len` bytes at `at` into this thread's scratch buffer and hands them to `take`.
/// Text is checked as UTF-8 (with SIMD) and copied out of the buffer: faster than
/// reading it into a buffer of its own and checking that with the standard check, which
/// is several times slower on Chinese text.
fn with_scratch<T>(
    f: &File,
    at: u64,
    len: usize,
    take: impl FnOnce(&[u8]) -> Result<T, codec::Reject>,
) -> Result<T, String> {
    use std::os::unix::fs::FileExt as _;
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.resize(len, 0);
        let taken = match f.read_exact_at(scratch, at) {
            Ok(()) => take(scratch).map_err(|r| r.to_string()),
            Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => Err(codec::Reject::Truncated.to_string()),
            Err(err) => Err(format!("cannot be read ({err})")),
        };
        // A chunk's part is a few hundred KB; a longer one is not kept for the rest.
        if scratch.capacity() > SCRATCH_KEPT {
            *scratch = Vec::new();
        }
        taken
    })
}

/// The most a thread's scratch buffer keeps between reads.
const SCRATCH_KEPT: usize = 1 << 20;

/// One tab's chunks in a cache file: `base` is where the chunks' section starts.
struct FileChunks {
    file: std::sync::Arc<File>,
    base: u64,
    places: Vec<codec::Place>,
}

impl FileChunks {
    fn place(&self, k: usize) -> Result<&codec::Place, String> {
        self.places.get(k).ok_or_else(|| codec::Reject::Truncated.to_string())
    }
}

impl crate::search::packed::Source for FileChunks {
    fn chunk(&self, k: usize, names: &str) -> Result<crate::search::packed::Chunk, String> {
        let place = self.place(k)?;
        let at = self.base + place.at + place.names as u64;
        let bin = read_at(&self.file, at + place.text as u64, place.bin)?;
        with_scratch(&self.file, at, place.text, |text| codec::chunk(text, bin, names, place))
    }

    fn names(&self, k: usize) -> Result<String, String> {
        let place = self.place(k)?;
        with_scratch(&self.file, self.base + place.at, place.names, |names| {
            codec::names(names, place)
        })
    }
}

/// The packed values of a current cache file, each chunk read when first asked for
/// (`None`: the file holds none), and its index, which reads its names from them.
pub(super) fn open_lazy(f: File, body: &codec::Body) -> Result<(Index, Option<Packed>), String> {
    let list = section(&f, body, 1)?;
    let places = codec::chunk_places(&list, body).map_err(|r| r.to_string())?;
    drop(list);
    let index = |input: &File, packed: Option<&Packed>| {
        let section = body.sections[0];
        tabs::read(input, body.at(0), section.len, section.hash, packed).map_err(|flaw| match flaw {
            tabs::Flaw::Truncated => codec::Reject::Truncated.to_string(),
            tabs::Flaw::Corrupt(what) => codec::Reject::Corrupt(what).to_string(),
            tabs::Flaw::Unreadable(err) => format!("cannot be read ({err})"),
        })
    };
    let Some(places) = places else {
        return Ok((index(&f, None)?, None));
    };
    let file = std::sync::Arc::new(f);
    let base = body.at(2);
    let mut packed = Packed::lazy(places.map(|(records, places)| {
        let n = places.len();
        let load: crate::search::packed::Loader = Box::new(FileChunks {
            file: std::sync::Arc::clone(&file),
            base,
            places,
        });
        (records, n, load)
    }));
    let index = index(&file, Some(&packed))?;
    let body = *body;
    packed.keep_sources(Box::new(move || {
        let kept = body.sections[3];
        if kept.len == 0 {
            return Ok(None);
        }
        let bytes = section(&file, &body, 3)?;
        codec::sources(&bytes, &kept).map_err(|r| r.to_string())
    }));
    Ok((index, Some(packed)))
}
