//! The cache file's bytes: a header that says what the index was built from, then the
//! index itself as plain little-endian arrays, one tab after another, then where the
//! chunks of packed values ([`Packed`]) lie, then the chunks.
//!
//! ```text
//! magic "SHUIBEI-INDEX\n" · format u32 · crate version · index version u32
//! dataset path · dataset stamp · built at · content hash u64 · notes (count u64, strings)
//! 4 × (section length u64 · section hash u64) · header hash u64
//!        (the index's hash is taken piece by piece: see the `tabs` module)
//! index: per tab: records u64, primary [u64], secondary [u32], pairs [u64], heads [u64],
//!        field pinyin [u32], id hashes [u32], lens [[u8; 2]], starts (count u64, [u32]), text (length u64, bytes)
//!        or u64::MAX: the names are at the start of the packed chunks' texts
//! chunk list: per tab: records u64 · chunks u64 · per chunk: names length u64 ·
//!        text length u64 · bin length u64 · names hash u64 · hash u64
//!        (empty when the values were not packed)
//! chunks: per tab, per chunk: names · text · bin (the section's own hash is unused: 0)
//! sources: the dataset's sources as JSON, or nothing when they are too long to keep
//! ```
//!
//! The index is read array by array, each straight into the vector that keeps it, and
//! hashed piece by piece (the `tabs` module); the chunk list is read whole; a chunk only
//! when a search first asks for one of its records' values ([`Packed::lazy`]), or its
//! names only when the index asks for them; the sources only when a search that found
//! nothing asks which sources hold its words. The records' names, which
//! both the index and the packed values read, are stored once, in the chunks (the
//! explorer reads every chunk and keeps the names only).
//!
//! Nothing read here is trusted: every length is checked against what is left, the
//! header, the index, the chunk list and each chunk carry hashes, and a decoded tab is
//! walked once to prove that its name offsets add up (names are cut out of their text
//! with checked slicing), so a file that lies (damaged, truncated, written by
//! something else) is rejected, never a panic later.

use std::hash::Hasher;

use super::stamp::{Stamp, hasher};
use super::tabs;
use crate::data::model::RecordKind;
use crate::search::Packed;
use crate::search::index::{self, Index};
use crate::search::packed::{self, CHUNK, Chunk};

/// The first bytes of every cache file.
const MAGIC: &[u8; 14] = b"SHUIBEI-INDEX\n";
/// The layout of the file; raise it when this module or `tabs` writes anything
/// differently.
pub(super) const FORMAT: u32 = 9;

/// The version of what the index holds: [`index::VERSION`], and a hash of the sources
/// that decide what [`Index::build`] computes (the pinyin readings among them) and of the
/// locked dependencies (the `pinyin` crate's tables). So an engine change made without
/// raising the version, on another branch, still never reads an index built by the old
/// rules.
pub(super) fn rules() -> u64 {
    const SOURCES: [&str; 20] = [
        include_str!("../index.rs"),
        include_str!("../index/build.rs"),
        include_str!("../fields.rs"),
        include_str!("../fields/names.rs"),
        include_str!("../pack.rs"),
        include_str!("../packed.rs"),
        include_str!("../packed/chunk.rs"),
        include_str!("../../data/present.rs"),
        // How figures and dates are written into the packed values, the places read.
        include_str!("../../data/present/figures.rs"),
        include_str!("../../data/model/date.rs"),
        // The words a registry status is found by.
        include_str!("../../data/model/registry.rs"),
        include_str!("../../data/places.rs"),
        // Which slot of the index each kind of term reads.
        include_str!("../query/term.rs"),
        include_str!("../fold.rs"),
        include_str!("../pinyin.rs"),
        // The readings the index's pinyin masks are made of.
        include_str!("../pinyin/table.rs"),
        include_str!("../pinyin/not_modern.txt"),
        include_str!("codec.rs"),
        include_str!("tabs.rs"),
        include_str!("../../../Cargo.lock"),
    ];
    let mut h = hasher();
    h.write_u32(index::VERSION);
    for source in SOURCES {
        h.write(source.as_bytes());
    }
    h.finish()
}

/// What the header says about the index that follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Header {
    pub crate_version: String,
    /// [`rules`] when it was built.
    pub index_version: u64,
    /// The dataset's canonical path.
    pub path: String,
    /// The dataset as it was when the index was built.
    pub stamp: Stamp,
    /// When the build began (seconds, nanoseconds since the epoch): a file changed
    /// within [`RACY_NANOS`](super::stamp::RACY_NANOS) of it is hashed again on open.
    pub built: (i64, u32),
    /// A hash of the dataset's bytes when it was built.
    pub content: u64,
    /// What loading the dataset said (an added file's near misses), for a search that
    /// reads the cache instead to say again (see [`fit_notes`]).
    pub notes: Vec<String>,
}

impl Header {
    /// A header for this build of shuibei.
    pub fn current(path: String, stamp: Stamp, built: (i64, u32), content: u64) -> Header {
        Header {
            crate_version: env!("CARGO_PKG_VERSION").to_owned(),
            index_version: rules(),
            path,
            stamp,
            built,
            content,
            notes: Vec::new(),
        }
    }
}

/// What the header may hold of notes, in bytes: the header is read in one piece of at
/// most 64 KiB, the path beside them.
const NOTES_MAX: usize = 32 << 10;

/// `notes` as the header keeps them: all when they fit in [`NOTES_MAX`], else the first
/// that do and a line that says how many more there were and where to read them all.
pub(super) fn fit_notes(notes: &[String]) -> Vec<String> {
    let total: usize = notes.iter().map(String::len).sum();
    if total <= NOTES_MAX {
        return notes.to_vec();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for note in notes {
        if used + note.len() > NOTES_MAX - 512 {
            break;
        }
        used += note.len();
        kept.push(note.clone());
    }
    let more = notes.len() - kept.len();
    kept.push(format!(
        "{more} more notices like these; `shuibei validate` with the same --data and --add prints them all"
    ));
    kept
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reject {
    /// Not a cache file of ours at all.
    Foreign,
    /// Ours, but from another layout, crate version or index version.
    Version(String),
    /// Shorter than it says.
    Truncated,
    /// The bytes do not hold together (a hash or a structure check failed).
    Corrupt(&'static str),
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reject::Foreign => f.write_str("is not a shuibei index cache"),
            Reject::Version(v) => write!(f, "was written by another version ({v})"),
            Reject::Truncated => f.write_str("is truncated"),
            Reject::Corrupt(what) => write!(f, "is damaged ({what})"),
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = hasher();
    h.write(bytes);
    h.finish()
}

/// A chunk's hash: its text, then its bin.
fn chunk_hash(text: &[u8], bin: &[u8]) -> u64 {
    let mut h = hasher();
    h.write(text);
    h.write(bin);
    h.finish()
}

/// The chunks of `packed`, in file order (all of them are here: it was packed just now).
pub(super) fn chunks(packed: &Packed) -> Vec<packed::View<'_>> {
    RecordKind::ALL
        .iter()
        .flat_map(|kind| {
            let tab = packed.chunks(*kind);
            (0..tab.len()).filter_map(move |k| tab.get(k))
        })
        .collect()
}

/// The chunk list's section.
fn chunk_list(packed: &Packed) -> Vec<u8> {
    let mut out = Vec::new();
    for kind in RecordKind::ALL {
        let tab = packed.chunks(kind);
        put_u64(&mut out, tab.records() as u64);
        put_u64(&mut out, tab.len() as u64);
        for k in 0..tab.len() {
            let Some(view) = tab.get(k) else {
                continue;
            };
            let (bin, text) = view.chunk.parts();
            let names = view.names.as_bytes();
            put_u64(&mut out, names.len() as u64);
            put_u64(&mut out, text.len() as u64);
            put_u64(&mut out, bin.len() as u64);
            put_u64(&mut out, hash(names));
            put_u64(&mut out, chunk_hash(text, bin));
        }
    }
    out
}

/// The sources a cache file keeps at most, as JSON: a few hundred are a few hundred KB;
/// a list with a source of its own for every record is left to the dataset. (Tests
/// reach the limit with a small dataset.)
#[cfg(not(test))]
pub(super) const SOURCES_MAX: usize = 16 << 20;
#[cfg(test)]
pub(super) const SOURCES_MAX: usize = 64 << 10;

/// The file for `index` (and the packed values, when there are) under `header`, as the
/// header, the index's section and the chunk list: written one after another, and
/// followed by the chunks' parts ([`chunks`]) and `sources` (the dataset's sources as
/// JSON, or nothing), they are the file.
pub(super) fn encode_parts(
    header: &Header,
    index: &Index,
    packed: Option<&Packed>,
    sources: &[u8],
) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let (payload, payload_hash) = tabs::write(index, packed);
    let list = packed.map(chunk_list).unwrap_or_default();
    let chunks_len: usize = packed.map_or(0, |p| {
        chunks(p)
            .iter()
            .map(|v| {
                let (bin, text) = v.chunk.parts();
                v.names.len() + bin.len() + text.len()
            })
            .sum()
    });
    let sections = [
        Section {
            len: payload.len() as u64,
            hash: payload_hash,
        },
        Section {
            len: list.len() as u64,
            hash: hash(&list),
        },
        Section {
            len: chunks_len as u64,
            hash: 0,
        },
        Section {
            len: sources.len() as u64,
            hash: hash(sources),
        },
    ];
    (header_bytes(header, &sections), payload, list)
}

/// The header's bytes, for sections of these lengths and hashes (a file's own, when only
/// its stamp changes: see `restamp`).
pub(super) fn header_bytes(header: &Header, sections: &[Section; 4]) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + header.path.len() + header.notes.iter().map(|n| n.len() + 8).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    put_str(&mut out, &header.crate_version);
    out.extend_from_slice(&header.index_version.to_le_bytes());
    put_str(&mut out, &header.path);
    for v in header.stamp.words() {
        put_u64(&mut out, v);
    }
    out.extend_from_slice(&header.built.0.to_le_bytes());
    out.extend_from_slice(&header.built.1.to_le_bytes());
    put_u64(&mut out, header.content);
    put_u64(&mut out, header.notes.len() as u64);
    for note in &header.notes {
        put_str(&mut out, note);
    }
    for section in sections {
        put_u64(&mut out, section.len);
        put_u64(&mut out, section.hash);
    }
    let header_hash = hash(&out);
    put_u64(&mut out, header_hash);
    out
}

/// The whole file, in one buffer (tests forge files with it).
#[cfg(test)]
pub(super) fn encode(header: &Header, index: &Index, packed: Option<&Packed>) -> Vec<u8> {
    let (mut out, payload, list) = encode_parts(header, index, packed, &[]);
    out.extend_from_slice(&payload);
    out.extend_from_slice(&list);
    for view in packed.map(chunks).unwrap_or_default() {
        let (bin, text) = view.chunk.parts();
        out.extend_from_slice(view.names.as_bytes());
        out.extend_from_slice(text);
        out.extend_from_slice(bin);
    }
    out
}

/// Where the sections lie, as the header says: the index, the chunk list, the chunks,
/// the sources.
#[derive(Debug, Clone, Copy)]
pub(super) struct Body {
    pub start: u64,
    pub sections: [Section; 4],
}

/// One section's length and hash.
#[derive(Debug, Clone, Copy)]
pub(super) struct Section {
    pub len: u64,
    pub hash: u64,
}

impl Body {
    /// Where section `k` starts in the file ([`header`] refused lengths whose sum
    /// overflows).
    pub fn at(&self, k: usize) -> u64 {
        self.start + self.sections[..k].iter().map(|s| s.len).sum::<u64>()
    }

    /// The file's length, as the header says.
    pub fn end(&self) -> u64 {
        self.at(4)
    }
}

impl Section {
    /// Checks the bytes read for this section: the chunk list (the index's hash is
    /// taken piece by piece as it is read, by `tabs`).
    pub fn check(&self, bytes: &[u8], what: &'static str) -> Result<(), Reject> {
        if bytes.len() as u64 != self.len {
            return Err(Reject::Truncated);
        }
        if hash(bytes) != self.hash {
            return Err(Reject::Corrupt(what));
        }
        Ok(())
    }
}

/// Reads the header only, checking its hash: enough to decide whether the index is
/// current before paying for the payload.
pub(super) fn header(bytes: &[u8]) -> Result<(Header, Body), Reject> {
    // Shorter than the magic and the start of it (or nothing at all): a file cut off,
    // not a foreign one.
    if bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes) {
        return Err(Reject::Truncated);
    }
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len()).map_err(|_| Reject::Foreign)? != MAGIC {
        return Err(Reject::Foreign);
    }
    let format = r.u32()?;
    // A format number never written (a flipped bit) is damage, not another version.
    if format == 0 || format > FORMAT + 64 {
        return Err(Reject::Corrupt("its format number is not one shuibei ever wrote"));
    }
    if format != FORMAT {
        return Err(Reject::Version(format!(
            "cache format {format}, this one reads {FORMAT}"
        )));
    }
    let crate_version = r.str()?;
    let index_version = r.u64()?;
    let path = r.str()?;
    let mut words = [0u64; Stamp::WORDS];
    for w in &mut words {
        *w = r.u64()?;
    }
    let built = (r.i64()?, r.u32()?);
    let content = r.u64()?;
    let count = r.len(8)?;
    let notes = (0..count).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
    let mut sections = [Section { len: 0, hash: 0 }; 4];
    for section in &mut sections {
        section.len = r.u64()?;
        section.hash = r.u64()?;
    }
    let end = r.at;
    let stored = r.u64()?;
    if hash(&bytes[..end]) != stored {
        return Err(Reject::Corrupt("its header fails its checksum"));
    }
    let ours = env!("CARGO_PKG_VERSION");
    if crate_version != ours || index_version != rules() {
        return Err(Reject::Version(format!(
            "shuibei {crate_version}, index rules {index_version:016x}; this is shuibei {ours}, index rules {:016x}",
            rules()
        )));
    }
    let header = Header {
        crate_version,
        index_version,
        path,
        stamp: Stamp::from_words(words),
        built,
        content,
        notes,
    };
    // Lengths that add up past what a file can hold: damage (a wrapped sum would pass
    // the length check and ask for an impossible buffer).
    if sections
        .iter()
        .try_fold(r.at as u64, |at, s| at.checked_add(s.len))
        .is_none_or(|end| usize::try_from(end).is_err())
    {
        return Err(Reject::Corrupt("its header does not hold together"));
    }
    let body = Body {
        start: r.at as u64,
        sections,
    };
    Ok((header, body))
}

/// The dataset's sources from the sources section's bytes, checked; `None` when the file
/// keeps none (they were over [`SOURCES_MAX`]).
pub(super) fn sources(bytes: &[u8], section: &Section) -> Result<Option<Vec<crate::data::model::Source>>, Reject> {
    if section.len == 0 {
        return Ok(None);
    }
    section.check(bytes, "its sources fail their checksum")?;
    serde_json::from_slice(bytes)
        .map(Some)
        .map_err(|_| Reject::Corrupt("its sources do not hold together"))
}

/// The index in a whole file's bytes that [`header`] accepted (tests read files so).
#[cfg(test)]
pub(super) fn payload(bytes: &[u8], body: Body) -> Result<Index, Reject> {
    if bytes.len() as u64 != body.end() {
        return Err(Reject::Corrupt("bytes after its end"));
    }
    let mut at = usize::try_from(body.start).map_err(|_| Reject::Truncated)?;
    let mut sections = Vec::new();
    for section in &body.sections {
        let len = usize::try_from(section.len).map_err(|_| Reject::Truncated)?;
        sections.push(bytes.get(at..at + len).ok_or(Reject::Truncated)?);
        at += len;
    }
    let list = chunk_places(sections[1], &body)?;
    let Some(list) = list else {
        return index(sections[0], &body.sections[0], None);
    };
    let bytes = sections[2].to_vec();
    let packed = Packed::lazy(list.map(|(records, places)| {
        let n = places.len();
        let load: packed::Loader = Box::new(InMemory {
            bytes: bytes.clone(),
            places,
        });
        (records, n, load)
    }));
    let mut index = index(sections[0], &body.sections[0], Some(&packed))?;
    index.own_names_again();
    Ok(index)
}

/// The index section in memory (tests read whole files so).
#[cfg(test)]
fn index(bytes: &[u8], section: &Section, packed: Option<&Packed>) -> Result<Index, Reject> {
    if bytes.len() as u64 != section.len {
        return Err(Reject::Truncated);
    }
    tabs::read(bytes, 0, section.len, section.hash, packed).map_err(|flaw| match flaw {
        tabs::Flaw::Corrupt(what) => Reject::Corrupt(what),
        tabs::Flaw::Truncated | tabs::Flaw::Unreadable(_) => Reject::Truncated,
    })
}

/// A file's chunks read from its bytes in memory (tests read whole files so).
#[cfg(test)]
struct InMemory {
    bytes: Vec<u8>,
    places: Vec<Place>,
}

#[cfg(test)]
impl packed::Source for InMemory {
    fn chunk(&self, k: usize, names: &str) -> Result<Chunk, String> {
        let place = self.places.get(k).ok_or("no such chunk")?;
        let at = usize::try_from(place.at).map_err(|_| "past the end")? + place.names;
        let text = self.bytes.get(at..at + place.text).ok_or("truncated")?;
        let bin = self
            .bytes
            .get(at + place.text..at + place.text + place.bin)
            .ok_or("truncated")?
            .to_vec();
        chunk(text, bin, names, place).map_err(|r| r.to_string())
    }

    fn names(&self, k: usize) -> Result<String, String> {
        let place = self.places.get(k).ok_or("no such chunk")?;
        let at = usize::try_from(place.at).map_err(|_| "past the end")?;
        names(self.bytes.get(at..at + place.names).ok_or("truncated")?, place).map_err(|r| r.to_string())
    }
}

/// Where a chunk lies in the chunks' section, its two parts' lengths and its hash.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub at: u64,
    /// The index's names, first.
    pub names: usize,
    pub text: usize,
    pub bin: usize,
    names_hash: u64,
    hash: u64,
    /// The records it must hold.
    records: usize,
}

/// Each tab's record count and chunk places, by tab in the order of
/// [`RecordKind::ALL`].
pub(super) type Places = [(usize, Vec<Place>); 4];

/// Decodes the chunk list, checking its length and hash, that each tab has one chunk
/// per [`CHUNK`] records, and that the chunks fill their section exactly; `None` when
/// the file holds no packed values.
pub(super) fn chunk_places(list: &[u8], body: &Body) -> Result<Option<Places>, Reject> {
    const BAD: Reject = Reject::Corrupt("its chunk list does not hold together");
    body.sections[1].check(list, "its packed values fail their checksum")?;
    if list.is_empty() {
        return if body.sections[2].len == 0 { Ok(None) } else { Err(BAD) };
    }
    let mut r = Reader { bytes: list, at: 0 };
    let mut at = 0u64;
    let mut places: Places = Default::default();
    for kind in RecordKind::ALL {
        let records = usize::try_from(r.u64()?).map_err(|_| BAD)?;
        let chunks = r.len(40)?;
        if chunks != records.div_ceil(CHUNK) {
            return Err(BAD);
        }
        let mut tab = Vec::with_capacity(chunks);
        for k in 0..chunks {
            let names = usize::try_from(r.u64()?).map_err(|_| BAD)?;
            let text = usize::try_from(r.u64()?).map_err(|_| BAD)?;
            let bin = usize::try_from(r.u64()?).map_err(|_| BAD)?;
            let (names_hash, hash) = (r.u64()?, r.u64()?);
            tab.push(Place {
                at,
                text,
                names,
                bin,
                names_hash,
                hash,
                records: CHUNK.min(records - k * CHUNK),
            });
            at = [names, text, bin]
                .into_iter()
                .try_fold(at, |at, len| at.checked_add(len as u64))
                .ok_or(BAD)?;
        }
        places[packed::slot_of(kind)] = (records, tab);
    }
    if r.at != list.len() || at != body.sections[2].len {
        return Err(BAD);
    }
    Ok(Some(places))
}

/// Checks a chunk's text and bin, read from where `place` says, against its hash, and
/// takes them, with its `names` (read and checked before: [`names`]).
pub(super) fn chunk(text: &[u8], bin: Vec<u8>, names: &str, place: &Place) -> Result<Chunk, Reject> {
    if bin.len() != place.bin || text.len() != place.text {
        return Err(Reject::Truncated);
    }
    if chunk_hash(text, &bin) != place.hash {
        return Err(Reject::Corrupt("a chunk of its packed values fails its checksum"));
    }
    let chunk = Chunk::from_parts(bin, text, names).map_err(Reject::Corrupt)?;
    if chunk.records() != place.records {
        return Err(Reject::Corrupt("its packed values do not hold together"));
    }
    Ok(chunk)
}

/// Checks the index's names of a chunk's records, read from where `place` says,
/// against their hash, and takes them.
pub(super) fn names(names: &[u8], place: &Place) -> Result<String, Reject> {
    if names.len() != place.names {
        return Err(Reject::Truncated);
    }
    if hash(names) != place.names_hash {
        return Err(Reject::Corrupt("a chunk of its packed names fails its checksum"));
    }
    packed::owned_utf8(names).ok_or(Reject::Corrupt("its packed names are not UTF-8"))
}

fn arr<const N: usize>(chunk: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(chunk);
    out
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor that never reads past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Reject> {
        let end = self.at.checked_add(n).ok_or(Reject::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(Reject::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, Reject> {
        Ok(u32::from_le_bytes(arr(self.take(4)?)))
    }

    fn u64(&mut self) -> Result<u64, Reject> {
        Ok(u64::from_le_bytes(arr(self.take(8)?)))
    }

    fn i64(&mut self) -> Result<i64, Reject> {
        Ok(i64::from_le_bytes(arr(self.take(8)?)))
    }

    /// A count of items of `size` bytes each, no more than the bytes left can hold.
    fn len(&mut self, size: usize) -> Result<usize, Reject> {
        let n = usize::try_from(self.u64()?).map_err(|_| Reject::Truncated)?;
        if n.checked_mul(size)
            .is_none_or(|bytes| bytes > self.bytes.len() - self.at)
        {
            return Err(Reject::Truncated);
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<String, Reject> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| Reject::Corrupt("its header is not UTF-8"))
    }
}

#[cfg(test)]
mod tests;
