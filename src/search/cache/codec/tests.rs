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

/// Notes kept in the header come back as they were; too many are cut to what the header
/// may hold, with a line that says how many more and where to read them.
#[test]
fn notes_round_trip_and_too_many_are_cut_with_a_count() {
    let notes = vec!["a.json: x may be y below; kept apart".to_owned(), "第二条".to_owned()];
    let header = Header {
        notes: fit_notes(&notes),
        ..Header::current("/data.json".into(), Stamp::from_words([0; Stamp::WORDS]), (0, 0), 0)
    };
    let bytes = encode(&header, &Index::default(), None);
    let (read, _) = super::header(&bytes).expect("reads back");
    assert_eq!(read.notes, notes);

    let many: Vec<String> = (0..5000)
        .map(|i| format!("layer.json: e{i} may be f{i} below; kept apart"))
        .collect();
    let kept = fit_notes(&many);
    assert!(kept.len() < many.len());
    assert_eq!(kept[..kept.len() - 1], many[..kept.len() - 1]);
    let more = many.len() - (kept.len() - 1);
    assert_eq!(
        kept.last().map(String::as_str),
        Some(
            format!(
                "{more} more notices like these; `shuibei validate` with the same --data and --add prints them all"
            )
            .as_str()
        )
    );
    let header = Header {
        notes: kept.clone(),
        ..header
    };
    let bytes = encode(&header, &Index::default(), None);
    assert!(bytes.len() < 64 << 10, "the header is read in 64 KiB");
    assert_eq!(super::header(&bytes).expect("reads back").0.notes, kept);
}
