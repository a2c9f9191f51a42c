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

/// The one-compare-a-byte subsequence test on ASCII text answers as the char-by-char
/// one, in both case modes (a capital in the term asks for its case) and for terms with
/// marks and digits, whose case bit must not be folded.
#[test]
fn ascii_subsequence_agrees_with_the_general_one() {
    let mut next = crate::search::rng::test_rng(5);
    let alphabet: Vec<char> = "aAgGoOdD -@`[{1\t".chars().collect();
    let terms = ["g", "gd", "God", "GOD", "-g", "a1", "@", "`", "[g", "{", "dd"];
    let terms: Vec<Term> = terms
        .iter()
        .map(|t| super::super::query::term(t, Mode::Fuzzy, false, None))
        .collect();
    for _ in 0..20_000 {
        let len = next(10);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        for term in &terms {
            assert_eq!(
                subsequence(
                    Folded {
                        text: &text,
                        ascii: true
                    },
                    term
                ),
                subsequence(
                    Folded {
                        text: &text,
                        ascii: false
                    },
                    term
                ),
                "{text:?} {:?}",
                term.chars
            );
        }
    }
}

/// The byte-by-byte word start test on ASCII text answers as the char-by-char one, for
/// every start, case mode and kind of boundary (spaces, punctuation, digits, camel case).
#[test]
fn ascii_word_prefix_agrees_with_the_general_one() {
    let mut next = crate::search::rng::test_rng(7);
    let alphabet: Vec<char> = "aAbBgGoOlLdD -(,'1\t".chars().collect();
    let pats: [&[char]; 6] = [&['g'], &['g', 'o'], &['g', 'o', 'l'], &['-', 'g'], &['1'], &['G', 'o']];
    for _ in 0..20_000 {
        let len = next(12);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        let pat = pats[next(pats.len())];
        for case in [Case::Insensitive, Case::Sensitive] {
            for from in 0..3 {
                assert_eq!(
                    ascii_word_prefix(text.as_bytes(), pat, case, from),
                    any_word_prefix(&text, pat, case, from),
                    "{text:?} {pat:?} {case:?} from {from}"
                );
            }
        }
    }
    assert_eq!(
        word_prefix("k-gold Gold", &['g', 'o'], Case::Insensitive, 0),
        Some((2, 2))
    );
    assert_eq!(word_prefix("golden", &['é'], Case::Insensitive, 0), None);
}

/// The whole-word test from the scorer's places answers as the general one on ASCII
/// names, and the general one keeps Chinese text whole.
#[test]
fn whole_words_from_places_agree_with_the_general_test() {
    let mut next = crate::search::rng::test_rng(11);
    let words = ["go", "gold", "Gold", "GOLD", "old", "golden", "1", "(gold)", "goGold"];
    let seps = [" ", "-", "", "("];
    let pats: [&[char]; 3] = [&['g', 'o'], &['g', 'o', 'l', 'd'], &['o', 'l']];
    let mut scorer = Scorer::default();
    let mut both = [0usize; 2];
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next(4) {
            text.push_str(seps[next(seps.len())]);
            text.push_str(words[next(words.len())]);
        }
        let pat = pats[next(pats.len())];
        for case in [Case::Insensitive, Case::Sensitive] {
            let general = whole_word(&text, pat, case);
            // The scorer's places exist after a match; a term that is not even a
            // subsequence is no whole word.
            let from_places = scorer.score(&text, true, pat, case).is_some()
                && ascii_whole_word(
                    text.as_bytes(),
                    pat.len(),
                    bonus::together_bits(scorer.places().unwrap()),
                );
            assert_eq!(from_places, general, "{text:?} {pat:?} {case:?}");
            both[usize::from(general)] += 1;
        }
    }
    assert!(both[0] > 1000 && both[1] > 1000, "both answers are tried: {both:?}");
    let word = |text: &str, pat: &str| whole_word(text, &pat.chars().collect::<Vec<_>>(), Case::Insensitive);
    assert!(word("Shenzhen Zhoushisheng Diamond", "zhoushisheng"));
    assert!(word("Twin Gold Co", "gold"));
    assert!(!word("Golden Way", "gold"));
    assert!(word("周大生", "周大生"));
    assert!(!word("周大生珠宝", "周大生"));
    assert!(word("(周大生)", "周大生"));
}

/// The quality floor from the scorer's places answers as `anchor::anchored` on ASCII
/// names up to 64 chars: word starts of every kind (spaces, marks, digits, camel case,
/// the text's start), terms that continue a run or start the next word, and terms that
/// skip a word.
#[test]
fn the_floor_from_places_agrees_with_the_anchor_rows() {
    let mut next = crate::search::rng::test_rng(13);
    let words = [
        "gold", "Gold", "GOLD", "go", "Ld", "dragon", "Golden", "oGl", "1", "g0", "d", "Co", "LTD", "x",
    ];
    let seps = [" ", "-", "", "(", ")", "\t", "\u{b}", "&", "  ", "/"];
    let alphabet: Vec<char> = "goldGOLD(-1 ".chars().collect();
    let mut scorer = Scorer::default();
    let mut scratch = anchor::Scratch::default();
    let mut both = [0usize; 2];
    for _ in 0..40_000 {
        let mut text = String::new();
        for _ in 0..next(10) {
            text.push_str(seps[next(seps.len())]);
            text.push_str(words[next(words.len())]);
        }
        text.truncate(64);
        let pat: Vec<char> = (0..=next(5)).map(|_| alphabet[next(alphabet.len())]).collect();
        for case in [Case::Insensitive, Case::Sensitive] {
            let Some(places) = scorer.score(&text, true, &pat, case).and(scorer.places()) else {
                continue;
            };
            let rows = anchor::anchored(&text, true, &pat, case, None, &mut scratch);
            assert_eq!(
                floor_in_bits(text.as_bytes(), places),
                rows,
                "{text:?} {pat:?} {case:?}"
            );
            both[usize::from(rows)] += 1;
        }
    }
    assert!(both[0] > 1000 && both[1] > 1000, "both answers are tried: {both:?}");
}

/// Where a fuzzy term is found in a value as written (at a word's start), its first two
/// chars are among the value's word heads (`fold::head_mask`), so the index may reject a
/// record whose heads lack them: for every piece of each text, as typed, in capitals, in
/// small letters and with a capital after the first (which asks for its case), and over
/// random texts of letters, digits, marks, capitals after small letters and Chinese.
#[test]
fn a_term_found_in_a_value_has_its_head_among_the_values_heads() {
    let mut texts: Vec<String> = [
        "Shuibei 1st Road, Luohu",
        "k-gold ＧＯＬＤ Zürich",
        "黄金珠宝（集团）Co",
        "2004-08-15",
        "GoldStar iPhone McDONALD's",
        "joint-venture",
        "(集团) Ａｂｃ ÉCLAT éclat",
    ]
    .iter()
    .map(|t| (*t).to_owned())
    .collect();
    let mut next = crate::search::rng::test_rng(13);
    let alphabet: Vec<char> = "aAbBgG01 -.(金华Éé".chars().collect();
    for _ in 0..300 {
        let len = 1 + next(12);
        texts.push((0..len).map(|_| alphabet[next(alphabet.len())]).collect());
    }
    let mut b = Bufs::default();
    let mut checked = 0;
    for text in &texts {
        let heads = fold::head_mask(text);
        let chars: Vec<char> = text.chars().collect();
        for from in 0..chars.len() {
            for to in from + 2..=chars.len().min(from + 6) {
                let piece: String = chars[from..to].iter().collect();
                let mut capital = piece.to_lowercase();
                if let Some(first) = capital.chars().next() {
                    capital = first.to_uppercase().chain(capital.chars().skip(1)).collect();
                }
                for body in [piece.clone(), piece.to_uppercase(), piece.to_lowercase(), capital] {
                    if body.trim() != body || body.is_empty() {
                        continue;
                    }
                    let term = super::super::query::term(&body, Mode::Fuzzy, false, None);
                    if in_value(&term, text, false, &mut b).is_some() {
                        checked += 1;
                        assert_eq!(term.head & !heads, 0, "{body:?} in {text:?}");
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} pieces were found as written");
}

/// A word typed without its apostrophe (`peoples`, `obrien`) is found where the value has
/// one between two letters, and the index's masks hold the term's heads and pairs there
/// too, so no record is turned away that the value would match.
#[test]
fn a_word_is_found_without_its_apostrophe_and_the_masks_agree() {
    let mut b = Bufs::default();
    let found = |term: &str, text: &str, b: &mut Bufs| {
        let term = super::super::query::term(term, Mode::Fuzzy, false, None);
        in_value(&term, text, false, b).map(|_| term)
    };
    assert!(found("peoples", "People's Daily Online", &mut b).is_some());
    assert!(found("obrien", "Mr O’Brien’s shop", &mut b).is_some());
    assert!(found("people's", "People's Daily", &mut b).is_some(), "typed with it");
    assert!(found("peoples", "people 's", &mut b).is_none(), "not between letters");
    assert!(found("chinas", "China' s", &mut b).is_none());
    let texts = [
        "People's Daily Online",
        "Luohu's jewelry, China's share",
        "O'Brien d'Or rock'n'roll",
        "Mr O’Brien’s shop",
        "it's 'quoted' words'",
    ];
    let mut checked = 0;
    for text in texts {
        let (heads, pairs) = (fold::head_mask(text), fold::pair_mask(text));
        let chars: Vec<char> = text.chars().collect();
        for from in 0..chars.len() {
            for to in from + 2..=chars.len().min(from + 9) {
                let piece: String = chars[from..to].iter().filter(|c| !matches!(c, '\'' | '’')).collect();
                if piece.chars().count() < 2 || piece.trim() != piece {
                    continue;
                }
                if let Some(term) = found(&piece, text, &mut b) {
                    checked += 1;
                    assert_eq!(term.head & !heads, 0, "head of {piece:?} in {text:?}");
                    assert_eq!(term.pairs & !pairs, 0, "pairs of {piece:?} in {text:?}");
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} pieces were found");
}

#[test]
fn words_typed_without_their_spaces_are_found_run_together() {
    let term = |q: &str| super::super::query::term(q, Mode::Fuzzy, true, None);
    let mut buf = String::new();
    // Anywhere, for an exclusion: the name's words, or the term's hyphen, left out.
    assert!(substring_run_together(
        &term("zhouliufu"),
        "Zhou Liu Fu Jewellery",
        &mut buf
    ));
    assert!(substring_run_together(&term("shui-bei"), "shuibei", &mut buf));
    assert!(substring_run_together(&term("ChowTaiFook"), "Chow Tai Fook", &mut buf));
    assert!(!substring_run_together(&term("ChowTaiFook"), "chow tai fook", &mut buf));
    // Neither side has a space or a hyphen: `substring`'s to answer, not this.
    assert!(!substring_run_together(&term("zhou"), "Zhou", &mut buf));
    assert!(!substring_run_together(&term("-"), "a-b", &mut buf));
    // A term starts a word, and a comma or bracket between words ends a run: the
    // summary "keeps finance, commerce and …" holds neither `e-commerce` nor `ecommerce`.
    let summary = "keeps finance, commerce and professional services";
    assert!(!substring_run_together(&term("e-commerce"), summary, &mut buf));
    assert!(!substring_run_together(&term("ecommerce"), summary, &mut buf));
    assert!(!substring_run_together(
        &term("e commerce"),
        "finance commerce",
        &mut buf
    ));
    assert!(!substring_run_together(
        &term("fu-jewellery"),
        "Zhou Liu Fu (Jewellery)",
        &mut buf
    ));
    assert!(substring_run_together(
        &term("e commerce"),
        "via e-commerce channels",
        &mut buf
    ));
    assert!(substring_run_together(&term("obrien"), "Mary O'Brien", &mut buf));
    // Chinese has no spaces between words: a Chinese term may start anywhere.
    assert!(substring_run_together(&term("水-贝"), "深圳水贝珠宝", &mut buf));
    // From a word's start, whole words then the start of one, for a search.
    let term = |q: &str| super::super::query::term(q, Mode::Fuzzy, false, None);
    assert!(words_run_together(&term("zhouliufu"), "Zhou Liu Fu Jewellery"));
    assert!(words_run_together(&term("liufuj"), "Zhou Liu Fu Jewellery"));
    assert!(
        !words_run_together(&term("houliufu"), "Zhou Liu Fu"),
        "not inside a word"
    );
    assert!(
        !words_run_together(&term("zhouli"), "Zhouli Fu"),
        "one word is in_value's"
    );
    assert!(
        !words_run_together(&term("zhoulfu"), "Zhou Liu Fu"),
        "no word left half read"
    );
}

#[test]
fn a_hyphen_between_letters_may_be_passed_over_in_a_name() {
    // "Pre-Pricing" reads as the words "Pre" and "Pricing": `prep` is the one's run and
    // the start of the next, as `pre p` would be in "Pre Pricing" (it found nothing).
    let mut b = Bufs::default();
    let score = |q: &str, text: &str, b: &mut Bufs| {
        text_score(&super::super::query::term(q, Mode::Fuzzy, false, None), text, b)
    };
    for (q, text) in [
        // A number after a Chinese char starts a word: a price as it is typed.
        ("1000元/克", "金价双双涨破纪录，水贝金价突破1000元/克"),
        ("900元", "水贝金价突破900元"),
        ("prep", "Pre-Pricing Gold Co."),
        ("prepricing", "Investors on Shuibei gold 'pre-pricing' platforms"),
        ("ecom", "E-Commerce Gold Co."),
        ("ecommerce", "E-Commerce Gold Co."),
    ] {
        assert!(score(q, text, &mut b).is_some(), "{q:?} in {text:?}");
    }
    // Nor is anything found that a space would not find: scattered letters still fail.
    assert!(score("epri", "Pre-Pricing Gold Co.", &mut b).is_none());
    assert!(score("ecom", "Pre-Pricing E Gold Commerce", &mut b).is_none());
    // A dash between digits or before a space still starts a run of its own.
    assert!(score("2510", "2025-10 report", &mut b).is_none());
}

#[test]
fn a_number_stands_whole_with_its_commas_passed_over() {
    let n = |digits: &str, text: &str| number_in(text, &digits.chars().collect::<Vec<_>>());
    assert_eq!(n("1000", "passes 1,000 yuan a gram"), Some((7, 5)));
    assert_eq!(n("1000", "more than 1000 yuan/g"), Some((10, 4)));
    for text in [
        "100,000 m²",
        "1,000,000 m²",
        "more than 10,000 enterprises",
        "1,000.5",
        "2025-10-01",
        "21000",
    ] {
        assert_eq!(n("1000", text), None, "{text}");
    }
    assert_eq!(n("2.46", "2.46 billion"), Some((0, 4)));
    assert_eq!(n("2", "2.46 billion"), None);
    assert_eq!(n("46", "2.46 billion"), None);
    assert_eq!(n("2025", "from 2025-10-01"), Some((5, 4)));
    assert_eq!(n("10", "from 2025-10-01"), Some((10, 2)));
    assert_eq!(n("999", "足金999 and 9999"), Some((2, 3)));
    assert_eq!(n("9999", "足金999 and 9999"), Some((10, 4)));
    // A Chinese scale makes it another figure: 1000多亿 is 100 billion, 1000万 ten million.
    assert_eq!(n("1000", "贸易额1000多亿元"), None);
    assert_eq!(n("1000", "注册资本1000万元"), None);
    assert_eq!(n("1000", "突破1000元/克"), Some((2, 4)));
}

#[test]
fn a_number_s_pairs_stand_in_it_written_with_or_without_commas() {
    for (digits, texts) in [
        ("1000", ["1,000 yuan", "1000 yuan"]),
        ("1234567.5", ["1,234,567.5 m²", "1234567.5 m²"]),
        ("88", ["88 stores", "88 stores"]),
    ] {
        let pairs = crate::search::fold::number_pairs(&digits.chars().collect::<Vec<_>>());
        assert_ne!(pairs, 0, "{digits}");
        for text in texts {
            assert_eq!(pairs & !crate::search::fold::pair_mask(text), 0, "{digits} in {text}");
        }
    }
}

/// A term spelling a value's words run together is found there, from a word's start, its
/// first word whole and three chars or more; it is as typed only where a word ends.
#[test]
fn words_run_together_in_a_value() {
    let term = |q: &str| super::super::query::term(q, Mode::Fuzzy, false, None);
    let mut b = Bufs::default();
    let text = "Listed beside Chow Sang Sang and Lao Feng Xiang, in gold manufacturing";
    let mut at = |q: &str| in_value(&term(q), text, false, &mut b).map(|f| (f.start, f.len, f.cut_short));
    assert_eq!(at("chowsangsang"), Some((14, 14, false)));
    assert_eq!(at("laofengxiang"), Some((33, 14, false)));
    // On the way: found, not as typed.
    assert_eq!(at("chowsa"), Some((14, 7, true)));
    assert_eq!(at("goldman"), Some((52, 8, true)));
    // The first word whole, of three chars or more; never from inside a word.
    assert_eq!(at("ingold"), None);
    assert_eq!(at("owsang"), None);
    assert_eq!(at("chowsng"), None);
    // One word is the plain reading's, before any run.
    assert_eq!(at("chow").map(|f| f.2), Some(false));
    // A comma ends a run.
    assert_eq!(at("xiangin"), None);
    // Every pair a run reads is in the value's pair mask (the index's prefilter).
    for q in ["chowsangsang", "laofengxiang", "goldman"] {
        let pairs = crate::search::fold::pairs_of(&term(q).chars);
        assert_eq!(pairs & !crate::search::fold::pair_mask(text), 0, "{q}");
    }
}
