//! The defects of issue 10, one test each, through the real binary: what `shuibei
//! search` answered wrongly, and must keep answering rightly. The explorer's side
//! (the list saying nothing matched, sorting a searched list, Back) is in `tui_boxes`
//! and `tui_render`.

use crate::common;

use common::{fixture, search_json, shuibei, text};

/// The ids `shuibei search ARGS` printed, best first, and its exit status.
fn ids(args: &[&str]) -> (Vec<String>, i32) {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    let run = shuibei(&full);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let ids = run
        .stdout
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap_or_default().to_owned())
        .collect();
    (ids, run.code)
}

/// The "why" of each hit of a JSON search, by id.
fn whys(args: &[&str]) -> Vec<(String, String)> {
    let (rows, _) = search_json(args);
    rows.iter().map(|v| (text(v, "id"), text(v, "why"))).collect()
}

fn judged() -> String {
    fixture("judged/fixture.json").to_str().unwrap().to_owned()
}

/// 1. Letters picked across long texts and names no longer say "present".
#[test]
fn absent_names_find_nothing_and_exit_1() {
    let data = judged();
    for args in [
        &["kovar", "--data", &data][..],
        &["maplestone", "--data", &data],
        &["zzzxx", "--tab", "enterprises"],
        &["cartier"],
    ] {
        let (found, code) = ids(args);
        assert_eq!((found.as_slice(), code), (&[][..], 1), "{args:?}");
    }
    // `ade` is the initials of 爱迪尔 and nothing else: no letters inside Trade or Jade.
    let (found, _) = ids(&["name:ade"]);
    assert_eq!(found, ["brand-aidier", "aidier"]);
}

/// 2. A structured match ranks above a free-text one; a negated mention ranks last.
#[test]
fn holders_of_an_honour_rank_above_summaries_that_deny_it() {
    let (found, _) = ids(&["驰名商标", "--tab", "brands"]);
    let (holders, _) = ids(&["honor:驰名商标", "--tab", "brands"]);
    assert!(holders.len() >= 8, "{holders:?}");
    assert_eq!(found[..holders.len()], holders[..], "{found:?}");
    let denied = whys(&["驰名商标", "--tab", "brands"]);
    let last = &denied[denied.len() - 1];
    assert!(last.1.contains("negates"), "{denied:?}");
    // "The sources do not place it in Luohu": below every record that is in Luohu.
    let (found, _) = ids(&["luohu listed", "--tab", "enterprises"]);
    let at = found.iter().position(|id| id == "chow-tai-fook-shenzhen");
    let (in_luohu, _) = ids(&["location:luohu tag:listed", "--tab", "enterprises"]);
    for id in &in_luohu {
        let above = found.iter().position(|f| f == id).expect("a listed company in Luohu");
        assert!(
            at.is_none_or(|at| above < at),
            "{id} before chow-tai-fook-shenzhen: {found:?}"
        );
    }
}

/// 3. One-letter slips and homophones find the name, and say so.
#[test]
fn typos_and_homophones_find_the_name() {
    for (query, first, why) in [
        ("zhoudasehng", "brand-zhou-dasheng", "1 typo: Zhou Dasheng"),
        ("zhouliufou", "brand-zhou-liu-fu", "1 typo: Zhou Liu Fu"),
        ("周大付", "chow-tai-fook-group", "sounds like: 周大福"),
    ] {
        let hits = whys(&[query, "--tab", if query == "周大付" { "enterprises" } else { "all" }]);
        assert_eq!(hits.first().map(|h| h.0.as_str()), Some(first), "{query}: {hits:?}");
        assert_eq!(hits[0].1, why, "{query}");
    }
    // As typed first: a typo is only looked for when nothing matches as typed.
    assert!(whys(&["zhoudasheng"]).iter().all(|h| !h.1.contains("typo")));
}

/// 4. Spaced pinyin ranks the syllables found together first.
#[test]
fn spaced_pinyin_ranks_syllables_together_first() {
    // Every record named 周大福 (the brand, the companies, figures and events named for
    // them) before any that has zhou, da and fu apart (周大生, 周六福).
    let (found, _) = ids(&["zhou da fu"]);
    let db = shuibei::data::load::embedded().expect("the shipped dataset loads");
    let together = |id: &str| {
        use shuibei::data::model::RecordKind;
        let rec = db.record(id).expect("a record of the dataset");
        let (name, zh) = match rec.kind {
            RecordKind::Enterprise => (&db.enterprises()[rec.idx()].name, &db.enterprises()[rec.idx()].name_zh),
            RecordKind::Brand => (&db.brands()[rec.idx()].name, &db.brands()[rec.idx()].name_zh),
            RecordKind::Indicator => (&db.indicators()[rec.idx()].name, &db.indicators()[rec.idx()].name_zh),
            RecordKind::History => (&db.history()[rec.idx()].title, &db.history()[rec.idx()].title_zh),
        };
        name.contains("周大福") || zh.as_deref().is_some_and(|zh| zh.contains("周大福"))
    };
    let named = found.iter().take_while(|id| together(id)).count();
    assert!(found[named..].iter().all(|id| !together(id)), "{found:?}");
    for id in ["brand-chow-tai-fook", "chow-tai-fook-group", "chow-tai-fook-shenzhen"] {
        assert!(found[..named].iter().any(|f| f == id), "{id}: {found:?}");
    }
    let (found, _) = ids(&["jin feng huang", "--tab", "enterprises", "--data", &judged()]);
    assert_eq!(found, ["fx-golden-phoenix", "fx-jinhong-fenghuang"]);
}

/// 5. A polyphonic character's main reading ranks above its rare ones, and a reading no
///    modern dictionary gives is none: 信 (xìn) was also listed as shēn, a classical use,
///    so `shen` found 信实 (after the names that read shen).
#[test]
fn the_main_reading_ranks_above_a_rare_one() {
    let (found, _) = ids(&["shen", "--tab", "enterprises", "--data", &judged()]);
    assert!(!found.contains(&"fx-xinshi".to_owned()), "信 reads xin: {found:?}");
    for id in ["fx-shenji", "fx-shenzhen-jinhong"] {
        assert!(found.contains(&id.to_owned()), "{id}: {found:?}");
    }
    let (found, _) = ids(&["xinshi", "--tab", "enterprises", "--data", &judged()]);
    assert_eq!(found, ["fx-xinshi"]);
}

/// 6. Field terms read Chinese text by its pinyin, and Chinese terms find pinyin.
#[test]
fn field_terms_read_pinyin_both_ways() {
    let (found, _) = ids(&["location:luohu", "--tab", "enterprises"]);
    for id in ["zhou-dasheng", "tellus", "dr", "aidier"] {
        assert!(
            found.contains(&id.to_owned()),
            "{id}: address in Chinese only: {found:?}"
        );
    }
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let (latin, _) = ids(&["location:shuibei", "--tab", "enterprises"]);
    let (chinese, _) = ids(&["location:水贝", "--tab", "enterprises"]);
    assert_eq!(sorted(latin), sorted(chinese));
}

/// Aliases rank with names (and `name:` finds them); a listing that ended is searchable.
#[test]
fn aliases_rank_with_names_and_delisted_listings_are_found() {
    let data = judged();
    let (found, _) = ids(&["kingold", "--tab", "enterprises", "--data", &data]);
    assert_eq!(found, ["fx-kingold", "fx-partner"]);
    let (found, _) = ids(&["name:duojia", "--data", &data]);
    assert_eq!(found, ["fx-kingold"]);
    let hits = whys(&["多佳", "--data", &data]);
    assert_eq!(hits[0], ("fx-kingold".to_owned(), "alias: 多佳股份".to_owned()));
    let (found, _) = ids(&["delisted:2021", "--data", &data]);
    assert_eq!(found, ["fx-kingold"]);
    let (found, _) = ids(&["exchange:sse", "--data", &data]);
    assert_eq!(found, ["fx-kingold"], "a listing that ended still names its exchange");
}

/// The shipped data's records, by id, as JSON.
fn shipped_records() -> std::collections::HashMap<String, serde_json::Value> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/cluster.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut out = std::collections::HashMap::new();
    for tab in ["history", "enterprises", "brands", "indicators"] {
        for r in data[tab].as_array().unwrap() {
            out.insert(r["id"].as_str().unwrap().to_owned(), r.clone());
        }
    }
    out
}

/// A journalist's trial: the records a name names lead the events and figures about them.
#[test]
fn names_of_records_lead_the_events_about_them() {
    let (found, _) = ids(&["zhou liu fu"]);
    let mut first = found[..2].to_vec();
    first.sort();
    assert_eq!(first, ["brand-zhou-liu-fu", "zhou-liu-fu"], "{found:?}");
    let (found, _) = ids(&["jieworui"]);
    assert_eq!(found.first().map(String::as_str), Some("jieworui"), "{found:?}");
    // On a tie, the company before the event whose title names it the same way.
    let (found, _) = ids(&["zhou大生"]);
    let at = |id: &str| found.iter().position(|f| f == id).unwrap();
    assert!(
        at("zhou-dasheng") < at("ev-2017-04-27-zhou-dasheng-listed"),
        "{found:?}"
    );
}

/// A journalist's trial: a word or a field finds what holds it, not what looks like it.
#[test]
fn loose_matches_do_not_flood_the_answer() {
    let records = shipped_records();
    let holds = |id: &str, word: &str| records[id].to_string().to_lowercase().contains(word);
    // Every record answering `delisted` says so, and every delisted listing is among them.
    let (found, _) = ids(&["delisted"]);
    for id in &found {
        assert!(holds(id, "delist"), "{id} does not say delisted: {found:?}");
    }
    for (id, r) in &records {
        if r["listings"]
            .as_array()
            .is_some_and(|l| l.iter().any(|l| l.get("delisted").is_some()))
        {
            assert!(found.contains(id), "{id} has a listing that ended: {found:?}");
        }
    }
    // `source:hk01` finds the records citing an HK01 source, nothing else.
    let (found, _) = ids(&["source:hk01"]);
    assert!(!found.is_empty());
    for id in &found {
        let cites = records[id]["sources"].as_array().unwrap();
        assert!(
            cites.iter().any(|c| c["source"].as_str().unwrap().contains("hk01")),
            "{id} cites no HK01 source"
        );
    }
    // No gold-price rows for a company's IPO: whatever answers names both.
    let (found, _) = ids(&["chow tai fook ipo"]);
    for id in &found {
        assert!(holds(id, "ipo") && holds(id, "chow tai fook"), "{id}: {found:?}");
    }
}

/// A journalist's trial: `reliability:LOW`, as the screen shows it, is `reliability:low`.
#[test]
fn keyword_field_values_ignore_case() {
    let (low, code) = ids(&["reliability:low"]);
    assert_eq!(code, 0);
    assert_eq!(ids(&["reliability:LOW"]).0, low);
    assert_eq!(
        ids(&["kind:Company", "--tab", "enterprises"]).0,
        ids(&["kind:company", "--tab", "enterprises"]).0
    );
}

/// A journalist's trial: `|` stands between whole sides, so a query across two years
/// finds the events of both.
#[test]
fn a_bar_stands_between_whole_sides() {
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let (y2025, _) = ids(&["tag:policy year:2025"]);
    let (y2026, _) = ids(&["tag:policy year:2026"]);
    assert!(!y2025.is_empty() && !y2026.is_empty());
    let (either, _) = ids(&["tag:policy year:2025 | tag:policy year:2026"]);
    assert_eq!(sorted(either), sorted([y2025, y2026].concat()));
}

/// 市 (shì) is not read fú: that reading belongs to the look-alike 巿, and city names
/// (深圳市…) are everywhere, so `fuxiang` found 深圳市祥宝鸿… before.
#[test]
fn shi_city_is_not_read_fu() {
    let dir = std::env::temp_dir().join(format!("shuibei-shi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("shi.json");
    std::fs::write(
        &data,
        r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s","title":"t","reliability":"low"}],
"enterprises":[{"id":"xbh","name":"Shenzhen Xiangbaohong Precious Metals Co Ltd","name_zh":"深圳市祥宝鸿贵金属有限公司","sources":[{"source":"s"}]}]}"#,
    )
    .unwrap();
    let data = data.to_str().unwrap();
    assert_eq!(ids(&["fuxiang", "--data", data]), (vec![], 1));
    assert_eq!(ids(&["shixiang", "--data", data]).0, ["xbh"]);
    assert_eq!(
        ids(&["szsxbh", "--data", data]).0,
        ["xbh"],
        "initials still read 市 as s"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What a term finds as typed, its exclusion leaves out: a re-trial found `zhouliufu`
/// and `!zhouliufu` both listing 周六福 (found by its pinyin, and as "Zhou Liu Fu", but
/// left in by an exclusion that read only the text as written), and `罗湖 shui-bei` and
/// `罗湖 !shui-bei` sharing the records tagged `shuibei`. A sound-alike is a guess on
/// both sides: `!水杯` leaves out nothing that only spells it "Shuibei".
#[test]
fn a_term_and_its_exclusion_never_share_a_record() {
    let (all, _) = ids(&["", "--tab", "all"]);
    // The records a query finds as typed (near spellings and sound-alikes are a guess
    // the exclusion does not read).
    let answers = |query: &str| -> Vec<String> {
        let run = shuibei(&["search", "--json", query, "--tab", "all"]);
        run.stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["as_typed"] == true)
            .map(|v| v["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (luohu, _) = ids(&["罗湖", "--tab", "all"]);
    let (not_cup, _) = ids(&["罗湖 !水杯", "--tab", "all"]);
    assert_eq!(luohu, not_cup, "水杯 is in no record");
    let (not_hyphenated, _) = ids(&["罗湖 !shui-bei", "--tab", "all"]);
    let hyphenated = answers("罗湖 shui-bei");
    assert!(!hyphenated.is_empty());
    assert!(
        hyphenated.iter().all(|id| !not_hyphenated.contains(id)),
        "{hyphenated:?}"
    );
    for term in [
        "zhouliufu",
        "chowtaifook",
        "水贝",
        "shuibei",
        "luohu",
        "罗湖区",
        "zhoudasheng",
        "金叶",
    ] {
        let found = answers(term);
        let left = format!("!{term}");
        let (kept, _) = ids(&[&left, "--tab", "all"]);
        let shared: Vec<&String> = found.iter().filter(|id| kept.contains(id)).collect();
        assert!(shared.is_empty(), "{term}: {shared:?}");
        assert!(
            !found.is_empty() && kept.len() < all.len(),
            "{term}: {} {}",
            found.len(),
            kept.len()
        );
    }
    // An exclusion still reads no initials: `!zds` leaves 周大生 in (its name has no
    // "zds"), as it leaves in every name that merely has the letters.
    let (kept, _) = ids(&["!zds", "--tab", "enterprises"]);
    assert!(kept.contains(&"zhou-dasheng".to_owned()), "{kept:?}");
}

/// A trial's fact-checker wrote `罗湖 !Police` and kept the police branch: a capital makes
/// an exclusion match case for case, and the record says "police". Now stderr says so.
/// And on the Sources tab a name typed without its spaces finds the titles that write
/// it with them (`zhouliufu`: "Zhou Liu Fu …"), and its exclusion leaves them out.
#[test]
fn an_exclusion_with_a_capital_and_a_name_run_together_say_what_they_do() {
    let run = shuibei(&["search", "罗湖 !Police", "--tab", "enterprises"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("luohu-police"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("!Police matches case for case (a word with a capital); in small letters it would leave out "),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "罗湖 !police", "--tab", "enterprises"]);
    // Nothing said of the exclusion (a row negating 罗湖 is named on a line of its own).
    assert!(
        !run.stdout.contains("luohu-police")
            && run
                .stderr
                .lines()
                .all(|l| l.contains("only in a clause that negates it")),
        "{}",
        run.stderr
    );
    // A capital in a word that finds nothing: small letters find the police as typed.
    let run = shuibei(&["search", "罗湖 kind:government Police", "--tab", "enterprises"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("\"罗湖 kind:government police\" in small letters finds matches as typed"),
        "{}",
        run.stderr
    );
    // A hyphenated exclusion reads a Chinese name's pinyin as the word does.
    let (hyphenated, _) = ids(&["shuibei zhou-liu-fu"]);
    let (left, _) = ids(&["shuibei !zhou-liu-fu"]);
    assert!(
        hyphenated.contains(&"ev-2004-zhou-liu-fu-founded".to_owned()),
        "{hyphenated:?}"
    );
    assert!(hyphenated.iter().all(|id| !left.contains(id)), "{left:?}");
    // Initials are not read by an exclusion: one that leaves out nothing says so.
    let run = shuibei(&["search", "!zds"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.starts_with("shuibei: !zds left out nothing here ("),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "gold !jin"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let (spaced, _) = ids(&["zhouliufu", "--tab", "sources"]);
    let (chinese, _) = ids(&["周六福", "--tab", "sources"]);
    for id in ["src-daoinsights", "src-vnexpress-2025"] {
        assert!(
            spaced.contains(&id.to_owned()) && chinese.contains(&id.to_owned()),
            "{id}: {spaced:?}"
        );
    }
    let (left, _) = ids(&["!zhouliufu", "--tab", "sources"]);
    assert!(spaced.iter().all(|id| !left.contains(id)), "{left:?}");
}
