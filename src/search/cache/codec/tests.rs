//! Tests of the cache file's header: damage in it is rejected, never a panic.

use super::*;

/// Section lengths whose sum wraps around are damage: a wrapped sum would match the
/// file's length and ask for a buffer no machine has.
#[test]
fn section_lengths_that_overflow_are_damage_not_a_panic() {
    let header = Header::current("/data.json".into(), Stamp::from_words([0; Stamp::WORDS]), (0, 0), 0);
    let mut bytes = encode(&header, &Index::default(), None);
    let (_, body) = super::header(&bytes).expect("reads back");
    let start = usize::try_from(body.start).expect("small");
    let sections = start - 8 - 3 * 16;
    for (k, len) in [u64::MAX, 1, 0].into_iter().enumerate() {
        bytes[sections + k * 16..sections + k * 16 + 8].copy_from_slice(&len.to_le_bytes());
    }
    let rehashed = hash(&bytes[..start - 8]);
    bytes[start - 8..start].copy_from_slice(&rehashed.to_le_bytes());
    assert_eq!(
        super::header(&bytes).err(),
        Some(Reject::Corrupt("its header does not hold together"))
    );
}
