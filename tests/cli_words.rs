//! A Chinese title read by pinyin or by sound across two of its words is no match as
//! typed, through the real binary: `baolei` (爆雷, "collapses") found the China Top Brands
//! figures by the 宝类 of 珠宝类 ("of the jewelry kind") as typed, so `export --query`
//! kept them (a trial). `search::words` holds the segmentation's cases.

use crate::common;

use common::{json_ids, search_json, shuibei, text};

/// The two events whose Chinese titles say 爆雷.
const COLLAPSES: [&str; 2] = ["ev-2025-09-yuebaoxin-collapse", "ev-2026-01-jieworui-protests"];

/// `(id, why, as_typed)` of each row of `shuibei search QUERY --json`.
fn rows(query: &str) -> Vec<(String, String, bool)> {
    let (rows, run) = search_json(&[query]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    rows.iter()
        .map(|v| (text(v, "id"), text(v, "why"), v["as_typed"].as_bool().unwrap()))
        .collect()
}

#[test]
fn pinyin_across_two_words_of_a_title_is_no_match_as_typed() {
    let all = rows("baolei");
    let typed: Vec<&str> = all.iter().filter(|r| r.2).map(|r| r.0.as_str()).collect();
    assert_eq!(typed, COLLAPSES, "{all:?}");
    let across: Vec<&(String, String, bool)> = all.iter().filter(|r| r.0.contains("china-top-brands")).collect();
    assert!(!across.is_empty(), "{all:?}");
    for (id, why, _) in across {
        assert_eq!(why, "its pinyin read across two words of a sentence: 宝类", "{id}");
    }
    // A script's answer, and an export's, are the two collapses.
    let run = shuibei(&["search", "baolei", "--as-typed", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_ids(&run.stdout), COLLAPSES);
    let run = shuibei(&[
        "export",
        "--tab",
        "indicators",
        "--query",
        "baolei",
        "--format",
        "jsonl",
    ]);
    assert_eq!(json_ids(&run.stdout), Vec::<String>::new(), "{}", run.stderr);
    let run = shuibei(&["export", "--tab", "history", "--query", "baolei", "--format", "jsonl"]);
    assert_eq!(json_ids(&run.stdout), COLLAPSES, "{}", run.stderr);
}

#[test]
fn a_reading_that_ends_inside_a_word_is_across_words_too() {
    // 兑付 (payout) in the payout events; 对复 of 对复工复产 ("for resuming work") is not.
    let all = rows("duifu");
    let resumption = all
        .iter()
        .find(|r| r.0 == "ev-2020-luohu-resumption-reporting")
        .expect("the resumption event is shown");
    assert!(!resumption.2, "{resumption:?}");
    assert!(resumption.1.ends_with("对复"), "{resumption:?}");
    assert!(
        all.iter().any(|r| r.0 == "ev-2026-01-20-jieworui-payout-crisis" && r.2),
        "{all:?}"
    );
}

#[test]
fn a_sound_alike_across_two_words_is_no_sound_alike() {
    // 暴雷 sounds like 爆雷: the two collapses, not the 宝类 of 珠宝类.
    let run = shuibei(&["search", "暴雷", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(json_ids(&run.stdout), COLLAPSES, "{}", run.stderr);
}

#[test]
fn a_place_read_as_words_is_still_a_match_as_typed() {
    // 罗湖 begins 罗湖区, and 水贝 begins 水贝珠宝商 ("Shuibei jewelers"): words.
    for (query, id) in [("shuibeizhubao", "ev-2017-03-shuibei-slump"), ("baolei", COLLAPSES[1])] {
        let all = rows(query);
        assert!(all.iter().any(|r| r.0 == id && r.2), "{query}: {all:?}");
    }
}

#[test]
fn words_run_together_find_a_summary_as_typed_when_whole() {
    // "Tse Sui Luen" stands only in a summary, spaced ("Chow Sang Sang" and "Lao Feng Xiang"
    // did too until their brand-store prices became figures named after them).
    let all = rows("tsesuiluen");
    assert!(!all.is_empty());
    assert!(all.iter().all(|r| r.2 && r.1 == "matched in summary"), "{all:?}");
    // On the way there, the same rows, not as typed.
    let whole: Vec<String> = rows("tsesuiluen").into_iter().map(|r| r.0).collect();
    let partial = rows("tsesu");
    assert_eq!(partial.iter().map(|r| r.0.clone()).collect::<Vec<_>>(), whole);
    assert!(
        partial
            .iter()
            .all(|r| !r.2 && r.1 == "its letters run over words of the summary, the last cut short"),
        "{partial:?}"
    );
    let run = shuibei(&["search", "tsesu", "--as-typed"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn a_segment_is_found_by_its_chinese_and_its_pinyin() {
    // Jieworui recycles gold: its segment `recycling` is 回收 in the dataset's labels.
    for query in ["回收", "huishou", "recycling"] {
        let all = rows(query);
        let jieworui = all
            .iter()
            .find(|r| r.0 == "jieworui")
            .unwrap_or_else(|| panic!("{query}: {all:?}"));
        assert!(jieworui.2, "{query}: {jieworui:?}");
        assert!(
            jieworui.1.contains("segment") || jieworui.1 == "name",
            "{query}: {jieworui:?}"
        );
    }
    let run = shuibei(&["show", "jieworui"]);
    assert!(run.stdout.contains("recycling 回收、黄金回收"), "{}", run.stdout);
}

/// The ids `search QUERY --as-typed` lists, sorted.
fn typed_ids(query: &str) -> Vec<String> {
    let mut ids: Vec<String> = rows(query).into_iter().filter(|r| r.2).map(|r| r.0).collect();
    ids.sort();
    ids
}

#[test]
fn terms_read_together_across_two_words_of_a_title_are_no_match_as_typed() {
    // `hui shou` (回收, recycling) read the 会 of 证监会 and the 受 of 受理 together as
    // typed, though `huishou` did not (a trial).
    let all = rows("hui shou");
    let zhouliufu = all
        .iter()
        .find(|r| r.0 == "ev-2019-05-zhou-liu-fu-a-share-application")
        .expect("the application event is shown");
    assert!(!zhouliufu.2, "{zhouliufu:?}");
    assert!(
        all.iter().any(|r| r.0 == "ev-2024-10-shuibei-recycling-boom" && r.2),
        "{all:?}"
    );
    // `jin jia` (金价, gold price) read 金加 of 黄金加工量 and 金交 of 黄金交易量, 交 (jiao)
    // by `jia`.
    let all = rows("jin jia");
    for id in ["ind-share-sge-gold-2008-shenzhen", "ind-gold-trade-national-2013"] {
        let row = all.iter().find(|r| r.0 == id).expect("shown");
        assert!(!row.2, "{row:?}");
    }
    // The Chinese in a figure's English name is read by words too: "Luohu's Guangdong
    // Famous Trademarks (广东省著名商标)" gave `sheng zhu` 省著 as typed (a second trial).
    let all = rows("sheng zhu");
    let row = all
        .iter()
        .find(|r| r.0 == "ind-guangdong-famous-trademarks-2009-luohu")
        .expect("shown");
    assert!(!row.2, "{row:?}");
}

#[test]
fn a_word_the_dictionary_lacks_cuts_a_reading_unless_the_data_names_it() {
    // jieba's model makes 水贝 of 水贝金价报价单…, rightly: `beijinjia` reads 贝金价 across
    // 水贝 and 金价, no match as typed (a trial found it passed as one).
    let all = rows("beijinjia");
    let jump = all
        .iter()
        .find(|r| r.0 == "ev-2026-03-02-shuibei-price-jump")
        .expect("the price-jump event is shown");
    assert!(!jump.2, "{jump:?}");
    assert!(all.iter().all(|r| !r.2), "{all:?}");
}

#[test]
fn a_word_the_dictionary_lacks_cuts_no_reading() {
    // jieba's model made 就杰 of 罗湖就杰我睿成立工作专班, so `jwr` read 杰我睿 "across two
    // words" and `export --query jwr` dropped the task-force event (a trial).
    let all = rows("jwr");
    for id in [
        "ev-2026-01-28-luohu-task-force-jieworui",
        "ev-2026-02-02-yundiandang-payout-problems",
    ] {
        let row = all.iter().find(|r| r.0 == id).expect("shown");
        assert!(row.2, "{row:?}");
    }
}

#[test]
fn syllables_typed_apart_find_what_they_find_run_together() {
    // `shui bei` missed 59 rows whose summaries say "Shuibei" (`bei` begins no word of
    // it); `luo hu` and `jie wo rui` likewise (a trial).
    for (apart, together) in [("shui bei", "shuibei"), ("luo hu", "luohu"), ("jie wo rui", "jieworui")] {
        let (apart_ids, together_ids) = (typed_ids(apart), typed_ids(together));
        assert!(!apart_ids.is_empty(), "{apart}");
        assert_eq!(apart_ids, together_ids, "{apart} against {together}");
    }
    let run = shuibei(&["search", "shui bei", "--tab", "brands"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("brand-zhou-dasheng"), "{}", run.stdout);
}

#[test]
fn a_latin_term_finds_the_chinese_a_summary_writes_it_in() {
    // 谢瑞麟 (Tse Sui Luen) stands only in a summary; no record is named so. 第一珠宝网 is
    // an outlet that summaries quote.
    for (letters, chinese) in [("xieruilin", "谢瑞麟"), ("diyizhubaowang", "第一珠宝网")] {
        let all = rows(letters);
        assert!(!all.is_empty(), "{letters}");
        for (id, why, typed) in &all {
            assert!(typed, "{letters}: {id}");
            assert!(why.contains("summary") || why.contains("role"), "{letters}: {id} {why}");
        }
        assert_eq!(typed_ids(letters), typed_ids(chinese), "{letters}");
    }
}
