//! Tests of `score`, kept apart so the module reads in one sitting; and of `bonus`
//! where it works on the places the scorer found.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::*;
use crate::search::bonus::{acronym, form, written_in_bits};

/// Random texts and patterns over a small alphabet (so matches are common), scored
/// here and by a fresh crate matcher's `fuzzy_indices`.
#[test]
fn agrees_with_the_crate() {
    let mut next = crate::search::rng::test_rng(0x2545_f491);
    let alphabet: Vec<char> = "abAB .-xy(1周".chars().collect();
    let mut scorer = Scorer::default();
    let mut dense = Scorer {
        dense_only: true,
        ..Scorer::default()
    };
    let mut compared = 0;
    for round in 0..20_000 {
        let text: String = (0..=next(30)).map(|_| alphabet[next(alphabet.len())]).collect();
        let pattern: Vec<char> = (0..=next(5))
            .map(|_| "abxyA周"[..].chars().nth(next(6)).unwrap())
            .collect();
        let pattern_text: String = pattern.iter().collect();
        // A fresh matcher each time: its cache is what this port avoids.
        let (case, crate_matcher) = if round % 2 == 0 {
            (Case::Insensitive, SkimMatcherV2::default().ignore_case())
        } else {
            (Case::Sensitive, SkimMatcherV2::default().respect_case())
        };
        let theirs = crate_matcher.fuzzy(&text, &pattern_text, true).map(|(s, _)| s);
        let ours = scorer.score(&text, text.is_ascii(), &pattern, case);
        assert_eq!(ours, theirs, "{text:?} {pattern_text:?} {case:?}");
        let full = dense.score(&text, text.is_ascii(), &pattern, case);
        assert_eq!(full, theirs, "full matrix: {text:?} {pattern_text:?} {case:?}");
        compared += usize::from(theirs.is_some());
    }
    assert!(compared > 2000, "too few matches compared: {compared}");
}

/// The same on ASCII texts (scored on bytes) shaped like names: words, separators,
/// capitals, long enough that most rows end well before the text does.
#[test]
fn agrees_with_the_crate_on_ascii_names() {
    let mut next = crate::search::rng::test_rng(0x9e37_79b9);
    let alphabet: Vec<char> = "aabbcdegnoGD  -.(1".chars().collect();
    let mut scorer = Scorer::default();
    let mut dense = Scorer {
        dense_only: true,
        ..Scorer::default()
    };
    let mut compared = 0;
    for round in 0..40_000 {
        // Most up to 64 chars (the bit path), some longer (searched with memchr).
        let len = if round % 4 == 0 { 60 + next(80) } else { next(70) };
        let text: String = (0..=len).map(|_| alphabet[next(alphabet.len())]).collect();
        let pattern: Vec<char> = (0..=next(7))
            .map(|_| {
                "abcdegnoGD"[..]
                    .chars()
                    .nth(next(if round % 2 == 0 { 8 } else { 10 }))
                    .unwrap()
            })
            .collect();
        let pattern_text: String = pattern.iter().collect();
        let (case, crate_matcher) = if round % 2 == 0 {
            (Case::Insensitive, SkimMatcherV2::default().ignore_case())
        } else {
            (Case::Sensitive, SkimMatcherV2::default().respect_case())
        };
        let theirs = crate_matcher.fuzzy(&text, &pattern_text, true).map(|(s, _)| s);
        let ours = scorer.score(&text, true, &pattern, case);
        assert_eq!(ours, theirs, "{text:?} {pattern_text:?} {case:?}");
        let full = dense.score(&text, true, &pattern, case);
        assert_eq!(full, theirs, "full matrix: {text:?} {pattern_text:?} {case:?}");
        compared += usize::from(theirs.is_some());
    }
    assert!(compared > 10_000, "too few matches compared: {compared}");
}

/// The bit form agrees with the substring and acronym scans.
#[test]
fn bits_agree_with_the_scans() {
    let mut next = crate::search::rng::test_rng(0x2545_f491);
    let alphabet: Vec<char> = "abAB -.(1".chars().collect();
    let mut scorer = Scorer::default();
    let mut compared = 0;
    for round in 0..40_000 {
        let case = if round % 2 == 0 {
            Case::Insensitive
        } else {
            Case::Sensitive
        };
        let text: String = (0..=next(64)).map(|_| alphabet[next(alphabet.len())]).collect();
        let n = 1 + next(4);
        let pattern: Vec<char> = (0..n).map(|_| "abA"[..].chars().nth(next(3)).unwrap()).collect();
        if scorer.score(&text, true, &pattern, case).is_none() {
            continue;
        }
        let Some(places) = scorer.places() else { continue };
        let chars: Vec<char> = text.chars().collect();
        let together = chars
            .windows(n)
            .any(|w| w.iter().zip(&pattern).all(|(c, p)| case.eq(*c, *p)));
        let scanned = together || acronym(&text, true, &pattern, case);
        assert_eq!(
            written_in_bits(text.as_bytes(), places),
            scanned,
            "{text:?} {pattern:?}"
        );
        compared += 1;
    }
    assert!(compared > 5000, "{compared}");
}

/// The claim of the module doc: with the bonus, a contiguous match outranks every
/// match that is neither contiguous nor an acronym, whatever the texts.
#[test]
fn contiguous_always_outranks_scattered() {
    let mut next = crate::search::rng::test_rng(0x5bd1_e995);
    let alphabet: Vec<char> = "aabbcAB -.(1".chars().collect();
    let mut scorer = Scorer::default();
    let (mut low_contiguous, mut high_scattered) = (vec![i64::MAX; 6], vec![i64::MIN; 6]);
    for round in 0..60_000 {
        let case = if round % 2 == 0 {
            Case::Insensitive
        } else {
            Case::Sensitive
        };
        let text: String = (0..=next(24)).map(|_| alphabet[next(alphabet.len())]).collect();
        let n = 2 + next(4);
        let pattern: Vec<char> = (0..n).map(|_| "abcA"[..].chars().nth(next(4)).unwrap()).collect();
        let Some(base) = scorer.score(&text, true, &pattern, case) else {
            continue;
        };
        let folded: Vec<char> = text.chars().collect();
        let contiguous = folded
            .windows(n)
            .any(|w| w.iter().zip(&pattern).all(|(c, p)| case.eq(*c, *p)));
        if contiguous {
            low_contiguous[n] = low_contiguous[n].min(base + form(n));
        } else if !acronym(&text, true, &pattern, case) {
            high_scattered[n] = high_scattered[n].max(base);
        }
    }
    for n in 2..6 {
        assert!(
            low_contiguous[n] < i64::MAX && high_scattered[n] > i64::MIN,
            "{n}: too few cases"
        );
        assert!(
            low_contiguous[n] > high_scattered[n],
            "{n} chars: contiguous {} vs scattered {}",
            low_contiguous[n],
            high_scattered[n]
        );
    }
}
