//! Tests of `text`, kept apart so the module reads in one sitting.

use super::*;

fn at(text: &str, query: &str, mode: Mode) -> Option<(usize, usize)> {
    let term = super::super::query::term(query, Mode::Fuzzy, false, None);
    let folded = Folded {
        text,
        ascii: text.is_ascii(),
    };
    find(folded, &term, mode)
}

#[test]
fn find_respects_anchors_and_chars() {
    assert_eq!(at("深圳金华龙", "金华", Mode::Exact), Some((2, 2)));
    assert_eq!(at("深圳金华龙", "金华", Mode::Prefix), None);
    assert_eq!(at("金华", "金华", Mode::Whole), Some((0, 2)));
    assert_eq!(at("Co LTD", "ltd", Mode::Suffix), Some((3, 3)));
    assert_eq!(at("Co LTD", "LTd", Mode::Suffix), None);
    assert_eq!(at("a Co LTD", "co", Mode::Exact), Some((2, 2)));
}

#[test]
fn subsequence_checks_order() {
    let term = super::super::query::term("zds", Mode::Fuzzy, false, None);
    let folded = |text| Folded { text, ascii: true };
    assert!(subsequence(folded("Zhou Dasheng"), &term));
    assert!(!subsequence(folded("Dasheng Zhou"), &term));
}
