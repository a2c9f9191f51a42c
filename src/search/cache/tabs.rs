//! The index section of a cache file: each tab's arrays, end to end, as whole
//! little-endian arrays (the layout in the `codec` module's table), written and read as
//! whole arrays.
//!
//! A warm open reads each array straight into the vector that keeps it: no buffer of the
//! whole section first, and no second pass to turn its bytes into numbers. Half the
//! memory a 1M-record index would otherwise touch, and most of the time its opening took
//! (the kernel fills each fresh page once). So the section's hash is taken piece by
//! piece, as it is read: each count, array and text is one piece, in file order, the
//! writer's pieces the reader's.
//!
//! Nothing is trusted before the hash agrees: every count is checked against the bytes
//! the section has left before anything is allocated for it, the hash is compared once
//! the last piece is read, and only then is each tab walked to prove that its name
//! offsets add up.

use std::hash::Hasher;
use std::io;
use std::sync::Arc;

use super::stamp::hasher;
use crate::data::model::RecordKind;
use crate::search::Packed;
use crate::search::index::{self, EVERY, Index, Names, Tab};
use crate::search::packed::{self, CHUNK, Chunks};

/// A tab's text length that says its names are in the packed text.
const SHARED: u64 = u64::MAX;

/// Why the section could not be read.
#[derive(Debug)]
pub(super) enum Flaw {
    /// It ends before its pieces do.
    Truncated,
    /// A hash or a structure check failed.
    Corrupt(&'static str),
    /// The file could not be read.
    Unreadable(io::Error),
}

/// The section's bytes and their hash, for `index` and the packed values `packed`
/// (a tab whose names the packed chunks hold says so instead of holding them again).
pub(super) fn write(index: &Index, packed: Option<&Packed>) -> (Vec<u8>, u64) {
    write_turned(index, packed, BIG_ENDIAN)
}

/// This machine stores numbers big end first: each is turned on its way to and from the
/// file, which stores them little end first.
const BIG_ENDIAN: bool = cfg!(target_endian = "big");

/// [`write`], numbers turned end for end when `turn` (tests turn them on a little-endian
/// machine, as a big-endian one would).
fn write_turned(index: &Index, packed: Option<&Packed>, turn: bool) -> (Vec<u8>, u64) {
    let mut out = Out {
        bytes: Vec::with_capacity(index.heap_bytes() + 64),
        h: hasher(),
        turn,
    };
    for (tab, kind) in index.tabs.iter().zip(RecordKind::ALL) {
        out.u64(tab.primary.len() as u64);
        out.array(&tab.primary, u64::swap_bytes);
        out.array(&tab.secondary, u32::swap_bytes);
        out.array(&tab.pairs, u64::swap_bytes);
        out.array(&tab.heads, u64::swap_bytes);
        out.array(&tab.field_pinyin, u32::swap_bytes);
        out.array(&tab.ids, u32::swap_bytes);
        out.array(&tab.lens, |pair| pair);
        let shared = match (&tab.text, packed) {
            (Names::Shared(chunks), Some(p)) => Arc::ptr_eq(chunks, p.chunks(kind)),
            _ => false,
        };
        if shared {
            out.u64(tab.starts.len() as u64);
            out.array(&tab.starts, u32::swap_bytes);
            out.u64(SHARED);
        } else {
            let (text, starts) = tab.own_names();
            out.u64(starts.len() as u64);
            out.array(&starts, u32::swap_bytes);
            out.u64(text.len() as u64);
            out.piece(text.as_bytes());
        }
    }
    (out.bytes, out.h.finish())
}

/// Reads the section, `len` bytes at `at` of `input` whose pieces hash to `hash`; names
/// a tab says are in the packed chunks are read from `packed`'s (which must be given
/// then).
///
/// # Errors
/// Damage, a file shorter than the section, or a failed read.
pub(super) fn read(
    input: &(impl Input + ?Sized),
    at: u64,
    len: u64,
    hash: u64,
    packed: Option<&Packed>,
) -> Result<Index, Flaw> {
    read_turned(input, (at, len, hash), packed, BIG_ENDIAN)
}

/// [`read`], numbers turned end for end when `turn` (see [`write_turned`]).
fn read_turned(
    input: &(impl Input + ?Sized),
    (at, len, hash): (u64, u64, u64),
    packed: Option<&Packed>,
    turn: bool,
) -> Result<Index, Flaw> {
    let mut r = Pieces {
        input,
        at,
        left: len,
        h: hasher(),
        turn,
    };
    let mut index = Index::default();
    let mut texts: [Option<Vec<u8>>; 4] = Default::default();
    for ((tab, text), kind) in index.tabs.iter_mut().zip(&mut texts).zip(RecordKind::ALL) {
        (*tab, *text) = read_tab(&mut r, packed.map(|p| p.chunks(kind)))?;
    }
    if r.left != 0 {
        return Err(Flaw::Corrupt("its index does not hold together"));
    }
    if r.h.finish() != hash {
        return Err(Flaw::Corrupt("its index fails its checksum"));
    }
    // Only now is a text's damage told apart from bytes that are not UTF-8.
    for (tab, text) in index.tabs.iter_mut().zip(texts) {
        if let Some(text) = text {
            tab.text = Names::Own(packed::owned_utf8(&text).ok_or(Flaw::Corrupt("its names are not UTF-8"))?);
        }
        check_packing(tab)?;
    }
    Ok(index)
}

/// Where the section is read from: a file, or bytes in memory.
pub(super) trait Input: Sync {
    /// Fills `buf` from `at`.
    ///
    /// # Errors
    /// As [`std::os::unix::fs::FileExt::read_exact_at`].
    fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<()>;
}

impl Input for std::fs::File {
    fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(self, buf, at)
    }
}

impl Input for [u8] {
    fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<()> {
        let from = usize::try_from(at)
            .ok()
            .and_then(|at| self.get(at..at.checked_add(buf.len())?))
            .ok_or(io::ErrorKind::UnexpectedEof)?;
        buf.copy_from_slice(from);
        Ok(())
    }
}

/// The bytes of a record in a tab's arrays: primary, secondary, pairs, heads, field
/// pinyin, id hash, lens.
const PER_RECORD: u64 = 8 + 4 + 8 + 8 + 4 + 4 + 2;

/// A tab, and its own names' bytes when it holds them (its `text` left empty until the
/// section's hash agrees).
fn read_tab<I: Input + ?Sized>(
    r: &mut Pieces<'_, I, impl Hasher>,
    shared: Option<&Arc<Chunks>>,
) -> Result<(Tab, Option<Vec<u8>>), Flaw> {
    let n = r.count(PER_RECORD)?;
    // The seven arrays are read on two cores (the kernel's work of filling fresh pages
    // is most of it), then hashed in file order, then turned to this machine's order.
    let ((primary, secondary), ((pairs, heads), (field_pinyin, (ids, lens)))) = {
        let at = |k: u64| r.at + k * n as u64;
        let input = r.input;
        rayon::join(
            || rayon::join(|| raw(input, n, at(0)), || raw(input, n, at(8))),
            || {
                rayon::join(
                    || rayon::join(|| raw(input, n, at(12)), || raw(input, n, at(20))),
                    || {
                        rayon::join(
                            || raw(input, n, at(28)),
                            || rayon::join(|| raw(input, n, at(32)), || raw(input, n, at(36))),
                        )
                    },
                )
            },
        )
    };
    let primary = r.passed(primary?, u64::swap_bytes);
    let secondary = r.passed(secondary?, u32::swap_bytes);
    let pairs = r.passed(pairs?, u64::swap_bytes);
    let heads = r.passed(heads?, u64::swap_bytes);
    let field_pinyin = r.passed(field_pinyin?, u32::swap_bytes);
    let ids = r.passed(ids?, u32::swap_bytes);
    let lens = r.passed(lens?, |pair: [u8; 2]| pair);
    let count = r.count(4)?;
    let starts = r.array(count, u32::swap_bytes)?;
    let (text, own) = match r.u64()? {
        SHARED => {
            // Shared names without packed values: nothing to read them from.
            let chunks = shared.ok_or(Flaw::Corrupt("its names do not hold together"))?;
            if chunks.records() != n {
                return Err(Flaw::Corrupt("its names do not hold together"));
            }
            (Names::Shared(Arc::clone(chunks)), None)
        }
        text_len => (Names::default(), Some(r.array(r.fits(text_len, 1)?, |b: u8| b)?)),
    };
    let tab = Tab {
        primary: primary.into(),
        secondary: secondary.into(),
        pairs: pairs.into(),
        heads: heads.into(),
        field_pinyin: field_pinyin.into(),
        ids: ids.into(),
        text,
        starts: starts.into(),
        lens: lens.into(),
    };
    Ok((tab, own))
}

/// `n` values at `at` of `input` as the file has them, read straight into their vector.
fn raw<T: bytemuck::Pod>(input: &(impl Input + ?Sized), n: usize, at: u64) -> Result<Vec<T>, Flaw> {
    // Zeroed: a large buffer comes from the OS already zero, at no cost.
    let mut values = vec![T::zeroed(); n];
    input.read_at(bytemuck::cast_slice_mut(&mut values), at).map_err(flaw)?;
    Ok(values)
}

/// Proves what [`Tab`]'s readers assume: one offset per [`EVERY`] records plus the end,
/// where the sizes before them add up to (from 0 in a tab's own text, from 0 again at
/// each chunk's start for shared names), the last at the end of the names. In a tab's
/// own text every record's names also lie on char boundaries, the last ends the text;
/// shared names are cut out of their chunk's text with checked slicing when read, as
/// the chunk is read only then.
fn check_packing(tab: &Tab) -> Result<(), Flaw> {
    const BAD: Flaw = Flaw::Corrupt("its names do not hold together");
    let n = tab.primary.len();
    if tab.starts.len() != n.div_ceil(EVERY) + 1 {
        return Err(BAD);
    }
    let own = match &tab.text {
        Names::Own(text) => Some(text.as_str()),
        Names::Shared(_) => None,
    };
    let mut at = 0usize;
    for (i, (lens, primary)) in tab.lens.iter().zip(&tab.primary).enumerate() {
        if own.is_none() && i % CHUNK == 0 {
            at = 0;
        }
        if i % EVERY == 0 && tab.starts[i / EVERY] as usize != at {
            return Err(BAD);
        }
        let size = index::packed_size(*lens, *primary);
        if let Some(text) = own
            && size > 0
        {
            let mid = at + usize::from(lens[0]);
            let end = mid + usize::from(lens[1]);
            if !(text.is_char_boundary(at) && text.is_char_boundary(mid) && text.is_char_boundary(end))
                || at + size > text.len()
            {
                return Err(BAD);
            }
        }
        at += size;
    }
    if tab.starts[n.div_ceil(EVERY)] as usize != at || own.is_some_and(|text| at != text.len()) {
        return Err(BAD);
    }
    Ok(())
}

/// The section being written, and the hash of its pieces so far.
struct Out<H> {
    bytes: Vec<u8>,
    h: H,
    /// Numbers are turned end for end on their way out.
    turn: bool,
}

impl<H: Hasher> Out<H> {
    fn piece(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
        self.h.write(bytes);
    }

    fn u64(&mut self, v: u64) {
        self.piece(&v.to_le_bytes());
    }

    /// The array as one piece, each value little end first (`swap`: a value's bytes
    /// turned end for end, used when [`Out::turn`]).
    fn array<T: bytemuck::Pod>(&mut self, values: &[T], swap: fn(T) -> T) {
        if self.turn {
            let turned: Vec<T> = values.iter().map(|v| swap(*v)).collect();
            self.piece(bytemuck::cast_slice(&turned));
        } else {
            self.piece(bytemuck::cast_slice(values));
        }
    }
}

fn flaw(err: io::Error) -> Flaw {
    match err.kind() {
        io::ErrorKind::UnexpectedEof => Flaw::Truncated,
        _ => Flaw::Unreadable(err),
    }
}

/// The section being read: where it is, what it has left, and the hash of its pieces
/// so far.
struct Pieces<'a, I: ?Sized, H> {
    input: &'a I,
    at: u64,
    left: u64,
    h: H,
    /// Numbers are turned end for end once hashed.
    turn: bool,
}

impl<I: Input + ?Sized, H: Hasher> Pieces<'_, I, H> {
    /// Takes `values`, read elsewhere as the file has them, as the next piece: hashed,
    /// then turned to this machine's order (`swap`, when [`Pieces::turn`]).
    fn passed<T: bytemuck::Pod>(&mut self, mut values: Vec<T>, swap: fn(T) -> T) -> Vec<T> {
        let bytes: &[u8] = bytemuck::cast_slice(&values);
        self.at += bytes.len() as u64;
        self.left -= bytes.len() as u64;
        self.h.write(bytes);
        if self.turn {
            for v in &mut values {
                *v = swap(*v);
            }
        }
        values
    }

    fn u64(&mut self) -> Result<u64, Flaw> {
        self.fits(1, 8)?;
        let bytes = self.passed(raw::<u8>(self.input, 8, self.at)?, |b| b);
        Ok(u64::from_le_bytes(bytemuck::pod_read_unaligned(&bytes)))
    }

    /// `n` items of `size` bytes each, when the section has that many bytes left: the
    /// file was as long as its header says, so a count that runs past its section is
    /// damage, never a reason to allocate.
    fn fits(&self, n: u64, size: u64) -> Result<usize, Flaw> {
        const BAD: Flaw = Flaw::Corrupt("its index does not hold together");
        match n.checked_mul(size) {
            Some(bytes) if bytes <= self.left => usize::try_from(n).map_err(|_| BAD),
            _ => Err(BAD),
        }
    }

    /// A count of items of `size` bytes each, no more than the bytes left can hold.
    fn count(&mut self, size: u64) -> Result<usize, Flaw> {
        let n = self.u64()?;
        self.fits(n, size)
    }

    /// The next `n` values, as one piece; [`Pieces::count`] or [`Pieces::fits`] bounded
    /// `n`.
    fn array<T: bytemuck::Pod>(&mut self, n: usize, swap: fn(T) -> T) -> Result<Vec<T>, Flaw> {
        let values = raw(self.input, n, self.at)?;
        Ok(self.passed(values, swap))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    /// A small index: every tab has records, names of both scripts, one with pinyin.
    fn index() -> Index {
        let db = load::embedded().expect("the shipped dataset loads");
        Index::build(&db)
    }

    fn same(a: &Index, b: &Index) {
        for (a, b) in a.tabs.iter().zip(&b.tabs) {
            assert_eq!(a.primary, b.primary);
            assert_eq!(a.secondary, b.secondary);
            assert_eq!(a.pairs, b.pairs);
            assert_eq!(a.heads, b.heads);
            assert_eq!(a.field_pinyin, b.field_pinyin);
            assert_eq!(a.ids, b.ids);
            assert_eq!(a.lens, b.lens);
            assert_eq!(a.own_names(), b.own_names());
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same_from_memory_and_from_a_file() {
        let index = index();
        let (bytes, hash) = write(&index, None);
        same(
            &read(&bytes[..], 0, bytes.len() as u64, hash, None).expect("reads back"),
            &index,
        );

        // In a file, after other bytes, as in a cache file.
        let mut file = tempfile::tempfile().expect("temp file");
        std::io::Write::write_all(&mut file, b"header bytes").expect("write");
        std::io::Write::write_all(&mut file, &bytes).expect("write");
        same(
            &read(&file, 12, bytes.len() as u64, hash, None).expect("reads back"),
            &index,
        );
    }

    /// A big-endian machine turns each number on its way out and back in: the hash is of
    /// the file's bytes, so it agrees, and the numbers read back are the ones written.
    #[test]
    fn numbers_turned_end_for_end_read_back_the_same() {
        let index = index();
        let (bytes, hash) = write_turned(&index, None, true);
        let (plain, _) = write_turned(&index, None, false);
        assert_ne!(bytes, plain, "the numbers were turned");
        same(
            &read_turned(&bytes[..], (0, bytes.len() as u64, hash), None, true).expect("reads back"),
            &index,
        );
    }

    /// A flipped byte in a tab's own names is found by the hash, before the text is
    /// checked as UTF-8: damage is said as damage.
    #[test]
    fn damaged_names_fail_the_checksum() {
        let index = index();
        let (mut bytes, hash) = write(&index, None);
        let (text, _) = index.tabs[0].own_names();
        let n = index.tabs[0].primary.len();
        let starts = n.div_ceil(EVERY) + 1;
        let at = 8 + n * usize::try_from(PER_RECORD).unwrap() + 8 + starts * 4 + 8;
        assert_eq!(&bytes[at..at + text.len()], text.as_bytes());
        bytes[at] = 0xff;
        assert!(matches!(
            read(&bytes[..], 0, bytes.len() as u64, hash, None),
            Err(Flaw::Corrupt("its index fails its checksum"))
        ));
    }

    /// Every byte of the section flipped in turn: each is refused, none panics, none
    /// asks for more memory than the section holds.
    #[test]
    fn no_damaged_byte_is_accepted() {
        let (bytes, hash) = write(&index(), None);
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x80;
            match read(&damaged[..], 0, bytes.len() as u64, hash, None) {
                Err(Flaw::Corrupt(_)) => {}
                other => panic!("byte {at}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_count_past_the_section_is_damage_and_allocates_nothing() {
        let (mut bytes, hash) = write(&index(), None);
        bytes[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(matches!(
            read(&bytes[..], 0, bytes.len() as u64, hash, None),
            Err(Flaw::Corrupt("its index does not hold together"))
        ));
    }

    #[test]
    fn a_section_cut_short_is_truncated_and_a_longer_one_is_damage() {
        let (bytes, hash) = write(&index(), None);
        let len = bytes.len() as u64;
        // The header says more than the file holds.
        assert!(matches!(
            read(&bytes[..bytes.len() - 1], 0, len, hash, None),
            Err(Flaw::Truncated)
        ));
        // The header says more than the pieces fill.
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(
            read(&longer[..], 0, len + 1, hash, None),
            Err(Flaw::Corrupt("its index does not hold together"))
        ));
        // Another hash.
        assert!(matches!(
            read(&bytes[..], 0, len, hash ^ 1, None),
            Err(Flaw::Corrupt("its index fails its checksum"))
        ));
    }

    #[test]
    fn names_said_to_be_shared_need_the_packed_values() {
        let index = index();
        let (mut bytes, hash) = write(&index, None);
        // The first tab's text length, turned into the marker: the hash no longer
        // agrees either, but the marker is refused first.
        let n = index.tabs[0].primary.len();
        let (text, starts) = index.tabs[0].own_names();
        let at = 8 + n * usize::try_from(PER_RECORD).unwrap() + 8 + starts.len() * 4;
        assert_eq!(bytes[at..at + 8], (text.len() as u64).to_le_bytes());
        bytes[at..at + 8].copy_from_slice(&SHARED.to_le_bytes());
        assert!(matches!(
            read(&bytes[..], 0, bytes.len() as u64, hash, None),
            Err(Flaw::Corrupt("its names do not hold together"))
        ));
    }
}
