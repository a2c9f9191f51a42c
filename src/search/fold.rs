//! Character folding for search: fullwidth → halfwidth, Latin diacritics → base letters,
//! case, and the per-text character masks the prefilter compares.
//!
//! Every fold maps one char to one char, so a position found in a folded text is the same
//! char position in the original: highlights never need a translation table. Nothing here
//! allocates except [`fold_into`], which reuses the caller's buffer.

/// Fullwidth and ideographic forms to their halfwidth equivalents: `（` → `(`, `Ａ` → `A`,
/// `１` → `1`, the ideographic space → a space. Always applied, whatever the case mode.
#[must_use]
pub fn width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{ffe0}' => '¢',
        '\u{ffe1}' => '£',
        '\u{ffe2}' => '¬',
        '\u{ffe3}' => '¯',
        '\u{ffe4}' => '¦',
        '\u{ffe5}' => '¥',
        '\u{ffe6}' => '₩',
        _ => c,
    }
}

/// U+00C0..=U+00FF; `\0` keeps the char (Æ, ß, ×: no one-letter base).
const LATIN1: &str = "AAAAAA\0CEEEEIIIIDNOOOOO\0OUUUUY\0\0aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y";
/// U+0100..=U+017F, same convention.
const LATIN_EXT_A: &str = concat!(
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi\0\0JjKk\0LlLlLlLlLlNnNnNn\0Nn",
    "OoOoOo\0\0RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs"
);
/// U+01CD..=U+01DC: the pinyin tone letters ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ and their capitals.
const PINYIN_TONES: &str = "AaIiOoUuUuUuUuUu";

fn from_table(table: &str, offset: u32) -> Option<char> {
    // Every entry is one ASCII byte, so the table indexes by byte.
    table
        .as_bytes()
        .get(offset as usize)
        .filter(|b| **b != 0)
        .map(|b| char::from(*b))
}

/// A Latin letter with a diacritic to its base letter (é → e, Ü → U, ǎ → a); else itself.
#[must_use]
pub fn diacritic(c: char) -> char {
    let code = c as u32;
    let base = match code {
        0xc0..=0xff => from_table(LATIN1, code - 0xc0),
        0x100..=0x17f => from_table(LATIN_EXT_A, code - 0x100),
        0x1cd..=0x1dc => from_table(PINYIN_TONES, code - 0x1cd),
        0x1f9 => Some('n'),
        0x1e3f => Some('m'),
        _ => None,
    };
    base.unwrap_or(c)
}

/// The case-insensitive form: width and diacritics folded, non-ASCII letters lower-cased
/// when that is one char. ASCII case is left alone: the matcher ignores it by itself and
/// uses it for camel-case bonuses.
#[must_use]
pub fn plain(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let c = diacritic(width(c));
    // Only scripts below the CJK blocks have case; skipping the lookup for Chinese text
    // matters, since every Chinese name is folded char by char.
    if c.is_ascii() || (c as u32) >= 0x3000 {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// How a term compares: exactly (it has an upper-case letter) or folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Width folded only; case and diacritics must match.
    Sensitive,
    /// Width, diacritics and case folded.
    Insensitive,
}

impl Case {
    #[must_use]
    pub fn fold(self, c: char) -> char {
        match self {
            Case::Sensitive => width(c),
            Case::Insensitive => plain(c),
        }
    }

    /// Whether two already-folded chars match in this mode.
    #[must_use]
    pub fn eq(self, text: char, query: char) -> bool {
        match self {
            Case::Sensitive => text == query,
            Case::Insensitive => text.eq_ignore_ascii_case(&query),
        }
    }
}

/// A text ready to match, and whether it is ASCII (so matchers may work on bytes).
#[derive(Clone, Copy)]
pub struct Folded<'a> {
    pub text: &'a str,
    pub ascii: bool,
}

/// Folds `text` into `buf` (cleared first). The result is `text` itself when it is ASCII
/// (nothing to fold), else the buffer. The one ASCII scan is reported, not repeated.
pub fn fold_into<'a>(text: &'a str, case: Case, buf: &'a mut String) -> Folded<'a> {
    if text.is_ascii() {
        return Folded { text, ascii: true };
    }
    buf.clear();
    buf.extend(text.chars().map(|c| case.fold(c)));
    Folded {
        text: buf,
        ascii: false,
    }
}

/// Bits of a character mask: a–z, 0–9, then hashed buckets for every other char.
const LETTERS: u32 = 26;
const DIGITS: u32 = 10;
const BUCKETS: u32 = 25;
/// Bits 61 to 63 are free for the index's own flags.
pub const FLAGS: u64 = 0b111 << 61;

/// A text's chars in 32 bits, for fields where most of the rejecting is left to the
/// pair mask: the 26 letters exactly, digits on three bits, other ASCII on one, and
/// everything else (Chinese, accented capitals, symbols) on two. A text covers a term's
/// narrow mask if it contains the term.
#[must_use]
pub fn narrow_mask(text: &str) -> u32 {
    if text.is_ascii() {
        return text
            .bytes()
            .fold(0, |m, b| m | narrow_bit(char::from(b.to_ascii_lowercase())));
    }
    text.chars()
        .fold(0, |m, c| m | narrow_bit(plain(c).to_ascii_lowercase()))
}

/// The bits of a narrow mask that only chars outside ASCII set (Chinese among them).
pub const NARROW_OTHER: u32 = 0b11 << (LETTERS + 4);

/// The narrow bit of a char already folded as [`bit`] folds it.
#[must_use]
pub fn narrow_bit(c: char) -> u32 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (LETTERS + (c as u32 - '0' as u32) % 3),
        c if c.is_whitespace() => 0,
        c if c.is_ascii() => 1 << (LETTERS + 3),
        c => 1 << (LETTERS + 4 + (c as u32).wrapping_mul(0x9e37_79b1) % 2),
    }
}

/// The mask bit of one char (0 for whitespace, which no term contains).
#[must_use]
pub fn bit(c: char) -> u64 {
    let c = plain(c).to_ascii_lowercase();
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (LETTERS + c as u32 - '0' as u32),
        c if c.is_whitespace() => 0,
        c => {
            let hash = (c as u32).wrapping_mul(0x9e37_79b1) >> 16;
            1 << (LETTERS + DIGITS + hash % BUCKETS)
        }
    }
}

/// The mask of every char in a text: a term can only match a text whose mask covers its own.
#[must_use]
pub fn mask(text: &str) -> u64 {
    if text.is_ascii() {
        // The common case, without the Unicode folding per byte.
        return text.bytes().fold(0, |m, b| m | ascii_bit(b));
    }
    text.chars().fold(0, |m, c| m | bit(c))
}

/// The bit of two adjacent chars, both as [`bit`] folds them, in a pair mask.
fn pair_bit(a: char, b: char) -> u64 {
    let hash = ((a as u32).wrapping_mul(0x85eb_ca6b) ^ (b as u32)).wrapping_mul(0x9e37_79b1);
    1 << (hash >> 26)
}

/// A bit for every two adjacent chars of a text (whitespace aside), folded as [`bit`]
/// folds them: a term can only occur contiguously in a text whose pair mask covers the
/// term's own. Stronger than the chars alone for substring tests: "golde" needs "go",
/// "ol", "ld" and "de" side by side.
#[must_use]
pub fn pair_mask(text: &str) -> u64 {
    let mut m = 0;
    let mut prev: Option<char> = None;
    // The letter before an apostrophe or a hyphen inside a word, paired with the one
    // after it too: a term may pass over it (`peoples` in "People's", `prepricing` in
    // "pre-pricing", `text::word_prefix`).
    let mut before_apostrophe: Option<char> = None;
    // The letter or digit before a space, paired with the one after it: a term may run
    // words together (`chowsangsang` in "Chow Sang Sang", `text::words::joined_prefix`).
    let mut before_space: Option<char> = None;
    let mut step = |c: char| {
        if let Some(a) = before_apostrophe.take()
            && c.is_alphabetic()
        {
            m |= pair_bit(a, c);
        }
        if c.is_whitespace() {
            before_space = before_space.or(prev.filter(|p| p.is_alphanumeric()));
        } else if let Some(a) = before_space.take()
            && c.is_alphanumeric()
        {
            m |= pair_bit(a, c);
        }
        if matches!(c, '\'' | '\u{2019}' | '-') {
            before_apostrophe = prev.filter(|p| p.is_alphabetic());
        }
        prev = pair(&mut m, prev, c);
    };
    if text.is_ascii() {
        for b in text.bytes() {
            step(char::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in text.chars() {
            step(plain(c).to_ascii_lowercase());
        }
    }
    m
}

/// A bit for the first two chars of every word of a text (as [`pair_mask`] makes them):
/// a plain term matches a field value only where it starts a word (`text::word_prefix`),
/// so its own first two chars ([`head_of`]) must be here. Far stronger than the pairs
/// anywhere: `jin` needs a word that begins "ji", which "joint-venture" lacks.
///
/// A superset of `word_prefix`'s word starts, in either case mode: between two ASCII
/// letters or digits only a capital after a small letter starts a word; every other
/// place (next to punctuation, outside ASCII, at the start) counts as a start.
#[must_use]
pub fn head_mask(text: &str) -> u64 {
    if text.is_ascii() {
        ascii_heads(text.as_bytes())
    } else {
        heads(text)
    }
}

/// [`head_mask`] of ASCII text (most values), byte by byte: nothing to decode or fold.
fn ascii_heads(text: &[u8]) -> u64 {
    let mut m = 0;
    let mut prev: Option<u8> = None;
    let mut head: Option<u8> = None;
    // A word's first letter before an apostrophe ("O'Brien") or a hyphen ("e-commerce"):
    // a term that passes over it (`obrien`) begins with that letter and the one after it.
    let mut apostrophe_head: Option<u8> = None;
    for &b in text {
        // `char::is_whitespace` also counts the vertical tab, unlike `u8`'s.
        let space = b.is_ascii_whitespace() || b == 0x0b;
        if let Some(h) = apostrophe_head.take()
            && b.is_ascii_alphabetic()
        {
            m |= pair_bit(char::from(h), char::from(b.to_ascii_lowercase()));
        }
        if let Some(h) = head.take()
            && !space
        {
            m |= pair_bit(char::from(h), char::from(b.to_ascii_lowercase()));
            if matches!(b, b'\'' | b'-') && h.is_ascii_alphabetic() {
                apostrophe_head = Some(h);
            }
        }
        let starts = prev.is_none_or(|p| {
            !(p.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
                || (p.is_ascii_lowercase() && b.is_ascii_uppercase())
        });
        if starts && !space {
            head = Some(b.to_ascii_lowercase());
        }
        prev = Some(b);
    }
    m
}

/// [`head_mask`] of any text, char by char.
fn heads(text: &str) -> u64 {
    let mut m = 0;
    let mut prev: Option<char> = None;
    let mut head: Option<char> = None;
    let mut apostrophe_head: Option<char> = None;
    for c in text.chars() {
        if let Some(h) = apostrophe_head.take()
            && c.is_alphabetic()
        {
            m |= pair_bit(h, plain(c).to_ascii_lowercase());
        }
        if let Some(h) = head.take()
            && !c.is_whitespace()
        {
            m |= pair_bit(h, plain(c).to_ascii_lowercase());
            if matches!(c, '\'' | '\u{2019}' | '-') && h.is_alphabetic() {
                apostrophe_head = Some(h);
            }
        }
        let starts = prev.is_none_or(|p| {
            !(p.is_ascii_alphanumeric() && c.is_ascii_alphanumeric())
                || (p.is_ascii_lowercase() && c.is_ascii_uppercase())
        });
        if starts && !c.is_whitespace() {
            head = Some(plain(c).to_ascii_lowercase());
        }
        prev = Some(c);
    }
    m
}

/// The bit [`head_mask`] sets for a term's first two chars (folded as [`bit`] folds
/// them), or 0 when it has fewer or the second is a space (nothing to require).
#[must_use]
pub fn head_of(folded: &[char]) -> u64 {
    match folded {
        [a, b, ..] if !a.is_whitespace() && !b.is_whitespace() => pair_bit(*a, *b),
        _ => 0,
    }
}

/// The pair mask of chars already folded as [`bit`] folds them (a term's).
#[must_use]
pub fn pairs_of(folded: &[char]) -> u64 {
    let mut m = 0;
    let mut prev = None;
    for &c in folded {
        prev = pair(&mut m, prev, c);
    }
    m
}

/// The pairs a number term (digits, perhaps a point; no commas) keeps in any text that
/// writes it, with or without thousands commas: those within each group of three of its
/// whole part, and those of its fractional part. A text's pair mask must cover them.
#[must_use]
pub fn number_pairs(digits: &[char]) -> u64 {
    let point = digits.iter().position(|c| *c == '.').unwrap_or(digits.len());
    let (whole, fraction) = digits.split_at(point);
    let first = whole.len() % 3;
    let mut m = pairs_of(&whole[..first]);
    for group in whole[first..].chunks(3) {
        m |= pairs_of(group);
    }
    if !fraction.is_empty() {
        m |= pairs_of(&digits[point.saturating_sub(1)..]);
    }
    m
}

fn pair(m: &mut u64, prev: Option<char>, c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    if let Some(p) = prev {
        *m |= pair_bit(p, c);
    }
    Some(c)
}

fn ascii_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (LETTERS + u32::from(b - b'0')),
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 0,
        _ => bit(char::from(b)),
    }
}

/// The mask bits of the 26 letters, as a u32 (for the pinyin letter masks).
#[must_use]
pub fn letter_bits(m: u64) -> u32 {
    // Only the low 26 bits are kept, so the cast cannot lose a letter.
    #[allow(clippy::cast_possible_truncation)]
    let letters = (m & ((1 << LETTERS) - 1)) as u32;
    letters
}

/// Whether a char is a CJK ideograph (the chars that have pinyin).
#[must_use]
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3007 | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x3134f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str, case: Case) -> String {
        s.chars().map(|c| case.fold(c)).collect()
    }

    #[test]
    fn fullwidth_folds_to_halfwidth() {
        assert_eq!(folded("（集团）ＡＢＣ１２３", Case::Sensitive), "(集团)ABC123");
        assert_eq!(folded("a\u{3000}b", Case::Insensitive), "a b");
    }

    #[test]
    fn diacritics_fold_only_when_insensitive() {
        assert_eq!(folded("Zürich Éclat lǚ", Case::Insensitive), "Zurich Eclat lu");
        assert_eq!(folded("Zürich", Case::Sensitive), "Zürich");
        assert_eq!(folded("ÆßØŁŒ", Case::Insensitive), "æßOLœ");
    }

    #[test]
    fn tables_cover_their_ranges() {
        assert_eq!(LATIN1.len(), 0x40);
        assert_eq!(LATIN_EXT_A.len(), 0x80);
        assert_eq!(PINYIN_TONES.len(), 0x10);
        assert_eq!(diacritic('ſ'), 's');
        assert_eq!(diacritic('ž'), 'z');
        assert_eq!(diacritic('ǜ'), 'u');
    }

    #[test]
    fn masks_fold_case_width_and_accents() {
        assert_eq!(mask("ABC"), mask("abc"));
        assert_eq!(mask("ＡＢＣ"), mask("abc"));
        assert_eq!(mask("é"), mask("e"));
        assert_eq!(mask("a b"), mask("ab"));
        assert_ne!(mask("周"), 0);
        assert_eq!(mask("（）") & !mask("()"), 0);
        assert_eq!(mask("12") & FLAGS, 0);
    }

    /// Whatever contains a term covers the term's pair and narrow masks, in either case
    /// mode: the index may reject on them.
    #[test]
    fn substrings_pass_the_pair_and_narrow_masks() {
        let texts = [
            "Shuibei 1st Road, Luohu",
            "k-gold ＧＯＬＤ Zürich",
            "黄金珠宝（集团）",
            "2004-08-15",
        ];
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            for from in 0..chars.len() {
                for to in from + 1..=chars.len() {
                    let term: Vec<char> = chars[from..to]
                        .iter()
                        .map(|c| plain(*c).to_ascii_lowercase())
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    if chars[from..to].iter().any(|c| c.is_whitespace()) {
                        continue;
                    }
                    assert_eq!(pairs_of(&term) & !pair_mask(text), 0, "{text:?} {term:?}");
                    let narrow = term.iter().fold(0, |m, c| m | narrow_bit(*c));
                    assert_eq!(narrow & !narrow_mask(text), 0, "{text:?} {term:?}");
                }
            }
        }
        assert_ne!(pairs_of(&['g', 'o']) & !pair_mask("gxo"), 0, "pairs are adjacent chars");
    }

    /// The byte-by-byte heads of ASCII text are the char-by-char ones, spaces of every
    /// kind (the vertical tab among them) and capitals after small letters included.
    #[test]
    fn ascii_heads_are_the_general_ones() {
        let mut next = crate::search::rng::test_rng(17);
        let alphabet: Vec<u8> = b"aAgGzZ09 \t\n\x0b\x0c\r-.(_".to_vec();
        for _ in 0..20_000 {
            let len = next(12);
            let text: String = (0..len).map(|_| char::from(alphabet[next(alphabet.len())])).collect();
            assert_eq!(ascii_heads(text.as_bytes()), heads(&text), "{text:?}");
        }
        assert_ne!(
            head_mask("goldStar") & head_of(&['s', 't']),
            0,
            "a capital after a small letter"
        );
        assert_eq!(head_mask("goldstar") & head_of(&['s', 't']), 0, "inside a word");
    }
}
