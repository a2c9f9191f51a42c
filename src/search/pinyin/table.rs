//! The reading table `pinyin` matches with: every char's readings from the `pinyin`
//! crate, re-encoded once per process into compact ASCII sets, with the letters and the
//! first letters each char's readings can match.

use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// The code points the table covers: CJK punctuation through the compatibility ideographs.
pub(super) const FIRST: u32 = 0x3000;
pub(super) const LAST: u32 = 0xfaff;

pub(super) struct Table {
    /// Per code point from [`FIRST`]: 1 + offset of its reading set in `sets`, 0 for none.
    pub(super) index: Box<[u32]>,
    /// Reading sets: `[count, len, prefixes (2 bytes), bytes.., len, …]`,
    /// deduplicated; a length byte has [`MAIN`] set for the char's most common reading,
    /// and `prefixes` has bit `k` set when the reading's first `k` letters are a
    /// syllable of their own ([`prefixes`]).
    pub(super) sets: Box<[u8]>,
    /// Per code point from [`FIRST`]: the letters of all its readings.
    pub(super) letters: Box<[u32]>,
    /// Per reading set (as `index` numbers them): the first letters of its readings
    /// ([`first_bit`]).
    pub(super) firsts: Box<[u32]>,
    /// Every reading of every char: the syllables of Mandarin, as typed.
    pub(super) syllables: hashbrown::HashSet<Box<[u8]>>,
}

pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

/// A char's readings as ASCII bytes, each with whether it is the most common one.
type Readings = Vec<(Vec<u8>, bool)>;

fn build_table() -> Table {
    let mut index = vec![0u32; (LAST - FIRST + 1) as usize];
    let mut letters = vec![0u32; (LAST - FIRST + 1) as usize];
    let mut sets: Vec<u8> = vec![0];
    let mut firsts: Vec<u32> = vec![0];
    let mut seen: hashbrown::HashMap<Vec<u8>, u32> = hashbrown::HashMap::new();
    let mut syllables: hashbrown::HashSet<Box<[u8]>> = hashbrown::HashSet::new();
    let not_modern = not_modern();
    // First every char's readings, so that each reading can then say which of its
    // prefixes are syllables of their own (`PREFIXES`), which needs them all.
    let mut all: Vec<(u32, Readings)> = Vec::new();
    for code in FIRST..=LAST {
        let Some(ch) = char::from_u32(code) else {
            continue;
        };
        let Some(multi) = ch.to_pinyin_multi() else {
            continue;
        };
        // In the crate's order, most common first (its data puts Unihan's kMandarin
        // reading first); the first reading's forms are marked as the main ones.
        let mut readings: Readings = Vec::new();
        for (i, reading) in multi.into_iter().enumerate() {
            let plain = reading.plain();
            if NOT_READINGS.contains(&(ch, plain))
                || (i > 0 && not_modern.get(&ch).is_some_and(|out| out.contains(&plain)))
            {
                continue;
            }
            // `ü` is typed `v` on pinyin keyboards and often `u` elsewhere: accept both.
            for variant in [plain.replace('ü', "v"), plain.replace('ü', "u")] {
                let bytes = variant.into_bytes();
                if !bytes.is_empty()
                    && bytes.is_ascii()
                    && bytes.len() < 16
                    && !readings.iter().any(|(r, _)| *r == bytes)
                {
                    readings.push((bytes, i == 0));
                }
            }
        }
        if readings.is_empty() || readings.len() > 255 {
            continue;
        }
        syllables.extend(readings.iter().map(|(r, _)| r.clone().into_boxed_slice()));
        all.push((code, readings));
    }
    // Worked out once per syllable: the readings of 20,000 chars are 1,500 or so.
    let mut prefixes_of: hashbrown::HashMap<&[u8], u16> = hashbrown::HashMap::new();
    for (code, readings) in &all {
        let mut encoded = vec![u8::try_from(readings.len()).unwrap_or(0)];
        for (r, main) in readings {
            encoded.push(u8::try_from(r.len()).unwrap_or(0) | if *main { MAIN } else { 0 });
            let prefixes = *prefixes_of.entry(r).or_insert_with(|| prefixes(r, &syllables));
            encoded.extend_from_slice(&prefixes.to_le_bytes());
            encoded.extend_from_slice(r);
        }
        let offset = *seen.entry(encoded.clone()).or_insert_with(|| {
            let at = u32::try_from(sets.len()).unwrap_or(0);
            sets.extend_from_slice(&encoded);
            // Numbered as `index` numbers sets: offset + 1.
            firsts.resize(sets.len() + 1, 0);
            firsts[at as usize + 1] = readings.iter().fold(0, |m, (r, _)| m | first_bit(r[0]));
            at
        });
        index[(*code - FIRST) as usize] = offset + 1;
        letters[(*code - FIRST) as usize] = readings
            .iter()
            .flat_map(|(r, _)| r)
            .filter(|b| b.is_ascii_lowercase())
            .fold(0, |m, b| m | 1 << (b - b'a'));
    }
    Table {
        index: index.into_boxed_slice(),
        sets: sets.into_boxed_slice(),
        letters: letters.into_boxed_slice(),
        firsts: firsts.into_boxed_slice(),
        syllables,
    }
}

/// Readings the crate's tables give a char that no modern dictionary does, left out: 注
/// (zhù) is listed with zhòu, 港 with hóng, 圳 with quǎn, chóu and huái. Read as the crate
/// reads them, `zhou` found 注册 (registered) as typed and `hong` every 香港. The list
/// (`not_modern.txt`, one char and its readings to leave out per line) is the crate's
/// readings less those of 现代汉语词典 as Unihan records them; a char's most common
/// reading is always kept. `not_modern.py` writes it again.
fn not_modern() -> hashbrown::HashMap<char, Vec<&'static str>> {
    include_str!("not_modern.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut words = line.split(' ');
            let ch = words.next()?.chars().next()?;
            Some((ch, words.collect()))
        })
        .collect()
}

/// Readings the crate's tables give a char that belong to a look-alike, which the
/// dictionary's list keeps too: 市 (shì, city) is listed with fú, the reading of 巿 (a
/// knee cover). Company names are full of 市 (深圳市…), so `fuxiang` found 深圳市祥….
const NOT_READINGS: [(char, &str); 1] = [('市', "fu")];

/// The reading set of a char: 0 when it has no pinyin.
pub(super) fn set_of(c: char) -> u32 {
    let code = c as u32;
    if (FIRST..=LAST).contains(&code) {
        table().index[(code - FIRST) as usize]
    } else {
        0
    }
}

/// Set in a mask of first letters ([`Unit::firsts`]) for a reading that does not start
/// with a letter a–z (none does, but then nothing is ruled out by the mask).
pub(super) const FIRST_OTHER: u32 = 1 << 31;

/// The bit of a reading's first byte in a mask of first letters.
pub(super) fn first_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        FIRST_OTHER
    }
}

/// Set on a reading's length byte in [`Table::sets`] when it is the char's main reading.
const MAIN: u8 = 0x80;

/// The readings of a set, each as lower-case ASCII, and whether it is the char's most
/// common one (both spellings of a `ü` reading are).
pub(super) fn readings(set: u32) -> impl Iterator<Item = (&'static [u8], bool)> {
    readings_in(&table().sets, set).map(|(r, main, _)| (r, main))
}

/// [`readings`] read from `sets` (the table's, fetched once by a caller in a loop), with
/// each reading's syllable prefixes ([`prefixes`]).
pub(super) fn readings_in(sets: &[u8], set: u32) -> impl Iterator<Item = (&[u8], bool, u16)> {
    let start = set.saturating_sub(1) as usize;
    let count = if set == 0 { 0 } else { usize::from(sets[start]) };
    let mut at = start + 1;
    (0..count).map(move |_| {
        let len = usize::from(sets[at] & !MAIN);
        let main = sets[at] & MAIN != 0;
        let prefixes = u16::from_le_bytes([sets[at + 1], sets[at + 2]]);
        let r = &sets[at + 3..at + 3 + len];
        at += 3 + len;
        (r, main, prefixes)
    })
}

/// Bit `k` set when the first `k` letters of `reading` (fewer than all, and readings are
/// under 16 letters) are a syllable of their own: what matching asks of a reading cut
/// short, for every text, without hashing.
fn prefixes(reading: &[u8], syllables: &hashbrown::HashSet<Box<[u8]>>) -> u16 {
    (1..reading.len().min(16))
        .filter(|&k| syllables.contains(&reading[..k]))
        .fold(0, |m, k| m | 1 << k)
}

/// Bytes held by the shared reading table (built on first use, once per process).
#[must_use]
pub fn table_bytes() -> usize {
    let t = table();
    t.index.len() * 4 + t.sets.len() + t.letters.len() * 4 + t.firsts.len() * 4
}
