//! Tests of `pinyin`'s units, kept apart so the module reads in one sitting.

use super::*;

/// A char with readings is its own folded form: `units` keeps it without folding.
#[test]
fn chars_with_readings_fold_to_themselves() {
    for code in FIRST..=LAST {
        let Some(c) = char::from_u32(code) else { continue };
        if set_of(c) != 0 && code != IDEOGRAPHIC_SPACE {
            assert_eq!(fold::plain(c).to_ascii_lowercase(), c, "{c:?}");
        }
    }
}

/// The leading place name read off the units is where [`place_prefix`] finds it, on
/// texts of place chars, 场, other Chinese chars, separators, letters and digits.
#[test]
fn place_from_units_agrees_with_the_text() {
    let mut next = crate::search::rng::test_rng(3);
    let alphabet: Vec<char> = "深圳市省区县场金华龙 (·)a1〇".chars().collect();
    let mut units_buf = Vec::new();
    for _ in 0..50_000 {
        let len = next(14);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        units(&text, &mut units_buf);
        let chars = text.chars().count().min(MAX_UNITS);
        assert_eq!(place_end(&units_buf, chars), place_prefix(&text), "{text:?}");
        let brk: Vec<u16> = units_buf.iter().filter(|u| u.brk).map(|u| u.pos).collect();
        let want = place_prefix(&text)
            .and_then(|after| units_buf.iter().find(|u| usize::from(u.pos) >= after))
            .map(|u| u.pos);
        assert_eq!(brk, want.into_iter().collect::<Vec<_>>(), "{text:?}");
    }
}
