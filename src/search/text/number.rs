//! A number term in a text: where its figure stands whole, its thousands commas passed
//! over (`1000` in "passes 1,000 yuan", not in 10,000 or 1000多亿).

/// Where the number `digits` (a number term: digits, perhaps a decimal point, no commas)
/// stands whole in `text`: (first char, length in chars). A number in the text is its
/// digits with the commas between them passed over ("1,000" is 1000); one that goes on
/// (100,000, 1,000.5, 10000) is another number, as is one that a digit, a point or a
/// comma leads into (the 000 of 1,000).
pub fn number_in(text: &str, digits: &[char]) -> Option<(usize, usize)> {
    // Bytes: digits, commas and points are ASCII, and a name is scanned for every record
    // holding the digits (no allocation, no decoding but of the match's place).
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)) {
        let start = i + off;
        let led = start >= 2 && matches!(b[start - 1], b',' | b'.') && digit(start - 2);
        // The number from here: digits, and a comma or point with a digit after it.
        let (mut end, mut k, mut same) = (start, 0, true);
        while end < b.len() {
            let c = b[end];
            let joins = matches!(c, b',' | b'.') && digit(end + 1);
            if !(c.is_ascii_digit() || joins) {
                break;
            }
            if c != b',' {
                same &= digits.get(k) == Some(&char::from(c));
                k += 1;
            }
            end += 1;
        }
        // 1000多亿 and 1000万 are other figures (100 billion, 10 million): a Chinese
        // scale after the number, perhaps after 多 or 余 ("more than"), scales it.
        let scaled = || {
            let mut after = text[end..].chars().skip_while(|c| matches!(c, '多' | '余'));
            after
                .next()
                .is_some_and(|c| matches!(c, '十' | '百' | '千' | '万' | '亿' | '兆'))
        };
        if !led && same && k == digits.len() && !scaled() {
            let before = if text.is_ascii() {
                start
            } else {
                text[..start].chars().count()
            };
            return Some((before, end - start));
        }
        i = end;
    }
    None
}
