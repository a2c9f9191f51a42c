//! Which script a character is written in, as the data's checks and imports ask it.

/// A Chinese character (the CJK unified ideographs and their extensions, and the
/// compatibility ideographs): a name with one is a Chinese name.
#[must_use]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}
