//! `shuibei search` as scripts use it: output formats, exit codes, stats, closed pipes.

use crate::common;

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::process::{Command, Stdio};

use common::{fixture, shuibei};

fn minimal() -> String {
    fixture("ok/minimal.json").to_str().unwrap().to_owned()
}

#[test]
fn default_output_is_kind_id_label_best_first() {
    let run = shuibei(&["search", "zds", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // Both read 周大生 by its initials; the brand is nothing but that name, so it leads.
    assert_eq!(
        lines,
        [
            "brand\tbrand-a\tZhou Dasheng (周大生)",
            "enterprise\tent-a\tZhou Dasheng Jewellery (周大生珠宝)",
        ]
    );
}

#[test]
fn json_lines_carry_kind_id_name_score_and_char_positions() {
    let run = shuibei(&["search", "周ds", "--json", "--tab", "brands", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 1);
    let hit = &lines[0];
    assert_eq!(hit["kind"], "brand");
    assert_eq!(hit["id"], "brand-a");
    assert_eq!(hit["name"], "Zhou Dasheng");
    assert_eq!(hit["name_zh"], "周大生");
    assert!(hit["score"].as_i64().is_some_and(|s| s > 0));
    assert_eq!(hit["positions_zh"], serde_json::json!([0, 1, 2]));
    assert_eq!(hit["why"], "pinyin and characters: 周大生");
    let run = shuibei(&["search", "dasheng", "--json", "--limit", "1", "--data", &minimal()]);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(hit["positions"], serde_json::json!([5, 6, 7, 8, 9, 10, 11]));
    // A match in the name says so: a script reading "why" finds words, not null.
    assert_eq!(hit["why"], "name");
    let run = shuibei(&["search", "大生", "--json", "--limit", "1", "--data", &minimal()]);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(hit["why"], "Chinese name");
    // A match of `field:` terms alone names the fields (a trial's location:luohu gave null).
    let run = shuibei(&["search", "location:luohu", "--json", "--limit", "1"]);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(hit["why"], "matched in location", "{hit}");
    let run = shuibei(&["search", "year:2026 tag:policy !tag:price", "--json", "--limit", "1"]);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(hit["why"], "matched in year, tag", "{hit}");
    // Terms that read a Chinese name together by pinyin say so once, for all the chars
    // (a trial saw "pinyin: 福" for `jin ya fu` on 金雅福).
    let run = shuibei(&["search", "jin ya fu", "--json", "--tab", "history"]);
    let hits: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let founded = hits
        .iter()
        .find(|h| h["id"] == "ev-2006-jinyafu-founded")
        .expect("the founding of 金雅福");
    // Its English title holds the three together as written (Jinyafu), which says it
    // plainest; else the reading of all three characters. Never one of them alone.
    assert!(
        founded["why"] == "name" || founded["why"] == "pinyin: 金雅福",
        "{founded}"
    );
    // Where the name holds them as written (Jinyafu), the name is the reason.
    let run = shuibei(&["search", "jin ya fu", "--json", "--tab", "brands", "--limit", "1"]);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(hit["name_zh"], "金雅福", "{hit}");
    assert_eq!(hit["why"], "name", "{hit}");
}

/// Ids are what the output prints; pasted back as the query, an id finds its record (as a
/// fuzzy query it matches no name), within the tab searched only.
#[test]
fn an_id_pasted_back_as_the_query_finds_its_record() {
    let run = shuibei(&["search", "ent-a", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "enterprise\tent-a\tZhou Dasheng Jewellery (周大生珠宝)\n");
    let run = shuibei(&["search", "--json", " brand-a ", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(r#""id":"brand-a""#), "{}", run.stdout);
    assert!(run.stdout.contains(r#""why":"matched in id""#), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let run = shuibei(&["search", "--tab", "brands", "ent-a", "--data", &minimal()]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(r#""ent-a" is the id of an enterprise record, in --tab enterprises (or leave --tab out)"#),
        "{}",
        run.stderr
    );
    // An id of another tab whose words match records here: they are shown, and stderr
    // names the id's tab.
    let run = shuibei(&["search", "--tab", "enterprises", "brand-chow-tai-fook"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\tchow-tai-fook-group\t"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            r#"the records shown match its words; "brand-chow-tai-fook" is the id of a brand record, in --tab brands"#
        ),
        "{}",
        run.stderr
    );
    // Where the id's words match other names too, its record comes first and the others
    // follow (the shipped data): written with hyphens, the query was pasted.
    let run = shuibei(&["search", "zhou-dasheng"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("enterprise\tzhou-dasheng\t"), "{lines:?}");
    assert!(lines.len() > 1, "{lines:?}");
    let run = shuibei(&["search", "--limit", "1", "--json", "zhou-dasheng"]);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    // Cut to one row, it is the same row, matched by name as the whole answer has it.
    assert!(run.stdout.contains(r#""why":"name""#), "{}", run.stdout);
    // A fullwidth hyphen, as a Chinese keyboard types it, is a hyphen.
    let run = shuibei(&["search", "zhou－dasheng"]);
    assert!(run.stdout.starts_with("enterprise\tzhou-dasheng\t"), "{}", run.stdout);
    // Part of an id is no id: the search stays fuzzy.
    let run = shuibei(&["search", "ent-", "--data", &minimal()]);
    assert!(!run.stdout.contains("matched in id"), "{}", run.stdout);
}

#[test]
fn limit_and_tab_narrow_the_output() {
    let run = shuibei(&["search", "zhou", "--limit", "1", "--data", &minimal()]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), 1);
    let run = shuibei(&["search", "zhou", "--tab", "brands", "--data", &minimal()]);
    assert!(run.stdout.lines().all(|l| l.starts_with("brand\t")), "{}", run.stdout);
    let run = shuibei(&["search", "", "--tab", "indicators", "--data", &minimal()]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), 2, "an empty query lists the tab");
}

/// fzf's syntax leaves a word out with `!`: a leading hyphen is searched as written, and
/// a query that then finds nothing says so instead of answering "nothing" alone.
#[test]
fn a_hyphenated_word_that_finds_nothing_points_to_the_exclusion() {
    let run = shuibei(&["search", "zhou -dasheng", "--data", &minimal()]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: nothing matched; -dasheng is searched as written: to leave out what matches dasheng, write !dasheng"
    );
    // Written as an exclusion, nothing more is said than that nothing matches.
    let run = shuibei(&["search", "zhou !dasheng", "--data", &minimal()]);
    assert_eq!(run.stderr, "shuibei: nothing matches \"zhou !dasheng\"\n");
}

/// An exclusion followed by more words runs as written; when it finds nothing, stderr
/// says how it reads. A list filter's name typed as a query field is refused with what a
/// query writes.
#[test]
fn an_exclusion_before_words_and_list_filters_are_explained() {
    let run = shuibei(&["search", "jewellery !zhou dasheng", "--data", &minimal()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: nothing matched; `!zhou-dasheng` leaves out the words together; `!zhou` leaves out \"zhou\" alone"
    );
    // Near spellings of what it meant to leave out (the shipped data): the note too, and
    // the status of a search that matched nothing as typed.
    let run = shuibei(&["search", "!zhou dashegn"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // (`!zhou` also leaves out 周, its full pinyin: what near spellings there were are
    // gone, and the note says so beside "nothing matched".)
    assert!(
        run.stderr
            .contains("`!zhou-dashegn` leaves out the words together; `!zhou` leaves out \"zhou\" alone"),
        "{}",
        run.stderr
    );
    // It means what it says when it matches: no note.
    let run = shuibei(&["search", "!diamond zhou", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    for (query, says) in [
        ("decade=2000s", "write year:2000..2009: "),
        ("decade:2000s", "write year:2000..2009: "),
        ("gold listing=listed", "exchange:szse"),
    ] {
        let run = shuibei(&["search", query, "--data", &minimal()]);
        assert_eq!(run.code, 2, "{query}: {}", run.stdout);
        assert!(
            run.stderr
                .contains("is a filter of the lists, not a query field (key f in the explorer, --filter "),
            "{query}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(says), "{query}: {}", run.stderr);
    }
    // The list's `honour` filter is the query's `honor:` field (the shipped data).
    let run = shuibei(&["search", "honour=top", "--tab", "brands"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.is_empty());
}

/// Typo-tolerant answers come only when nothing matched as typed; stderr says so and the
/// status is 1, so a near spelling is not read as "it is there" (stdout still shows them).
#[test]
fn near_spellings_say_that_nothing_matched_as_typed() {
    // Shown, but the status says nothing matched: a script must not read them as a yes.
    let run = shuibei(&["search", "zhoudasehng", "--data", &minimal()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: nothing matches \"zhoudasehng\" as typed; the 2 shown are near spellings or sound alike (--json's \"why\" says which)"
    );
    let run = shuibei(&["search", "zhoudasheng", "--data", &minimal()]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // The count is of the rows shown; JSON says per line whether it matched as typed.
    let run = shuibei(&["search", "--limit", "1", "--json", "zhoudasehng", "--data", &minimal()]);
    assert!(run.stderr.contains("the 1 shown is a near spelling"), "{}", run.stderr);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(hit["as_typed"], false);
    let run = shuibei(&["search", "--json", "zhoudasheng", "--data", &minimal()]);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(hit["as_typed"], true);
    // A capital asks for the word as written: finding nothing, it says what lower case does.
    // Also when the words are read as one: a capital in any of them asks for them as written.
    let run = shuibei(&["search", "Zhou Dasehng", "--data", &minimal()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("a word with a capital matches case for case"),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "Zhoudasehng", "--data", &minimal()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: nothing matched \"Zhoudasehng\": a word with a capital matches case for case, with no typos; \"zhoudasehng\" in small letters finds near spellings"
    );
    // Where small letters find nothing either, the hint does not send the reader there.
    let run = shuibei(&["search", "Putian", "--data", &minimal()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: nothing matched \"Putian\", nor \"putian\" in small letters with near spellings"
    );
}

/// Chinese chars found only by their reading in Latin letters are sound-alikes: the
/// letters spell every homophone alike (`jieworui` is 杰我睿 and 杰我瑞). A query all of
/// whose answers are found so exits 1 and says so; where others match as typed, the
/// spelled ones stay among them as answers. Likewise a Chinese term with a char apart.
#[test]
fn chinese_found_only_by_its_spelling_is_a_sound_alike() {
    let data = r#"{"format": "shuibei/1", "cluster": {"name": "C"},
      "sources": [{"id": "s", "title": "S", "reliability": "high"}],
      "enterprises": [
        {"id": "jieworui", "name": "Jieworui Jewelry", "name_zh": "杰我睿珠宝", "sources": [{"source": "s"}]},
        {"id": "ganlu", "name": "Ganlu Jewelry", "tags": ["longgang"], "sources": [{"source": "s"}]},
        {"id": "dragon", "name": "Dragon Gold", "tags": ["jinlong"], "sources": [{"source": "s"}]},
        {"id": "road", "name": "Road Gold", "location": "Shuibei 1st Road", "sources": [{"source": "s"}]},
        {"id": "shop", "name": "Shop", "name_zh": "水贝金店", "sources": [{"source": "s"}]},
        {"id": "yuebaoxin", "name": "Yuebaoxin", "name_zh": "深圳市粤宝鑫贵金属有限公司", "sources": [{"source": "s"}]}],
      "indicators": [{"id": "ind-jieworui-users", "name": "Users", "metric": "jieworui-users", "value": 1,
        "unit": "users", "as_of": "2026", "sources": [{"source": "s"}]}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sound.json");
    std::fs::write(&path, data).unwrap();
    let data = path.to_str().unwrap();
    // A query whose answers are all loose: exit 1, stderr says so; its JSON lines.
    let loose = |query: &str, said: &str| -> Vec<serde_json::Value> {
        let run = shuibei(&["search", query, "--json", "--data", data]);
        assert_eq!(run.code, 1, "{query}: {}", run.stdout);
        assert!(run.stderr.contains(said), "{query}: {}", run.stderr);
        let hits: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert!(hits.iter().all(|h| h["as_typed"] == false), "{hits:?}");
        hits
    };
    // 瑞 for 睿: the indicator's metric spells it, the company's name sounds like it.
    let hits = loose("杰我瑞", "nothing matches \"杰我瑞\" as typed");
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"jieworui") && ids.contains(&"ind-jieworui-users"),
        "{ids:?}"
    );
    // Only a spelling in a tag: shown, and the why says how.
    let hits = loose("金龙", "the 1 shown is a near spelling or sounds alike");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], "dragon");
    assert_eq!(hits[0]["why"], "sounds like it, spelled in tag");
    // A Shenzhen district is known by its name, not guessed by its sound: 龙岗 is
    // Longgang, and the tag "longgang" a match as typed.
    let run = shuibei(&["search", "龙岗", "--json", "--data", data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hit: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(
        (hit["id"].as_str(), hit["why"].as_str()),
        (Some("ganlu"), Some("matched in tag"))
    );
    assert_eq!(hit["as_typed"], true);
    // A name typed syllable by syllable whose syllables no name reads together: 杰 and
    // 我 of 杰我睿, and the 府 of 政府 in a title (a trial's `Jie Wo Fu`).
    let run = shuibei(&["search", "Jie Wo Fu", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("hold the query's syllables, not read together")
            || run.stderr.contains("holds the query's syllables"),
        "{}",
        run.stderr
    );
    for line in run.stdout.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(hit["as_typed"], false, "{line}");
    }
    // On the Sources tab too: titles with 周 and 生 apart are no answer (exit 1).
    let run = shuibei(&["search", "zhou sheng sheng", "--tab", "sources"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("hold the query's syllables, not read together"),
        "{}",
        run.stderr
    );
    // Read together, the same syllables are the name.
    let run = shuibei(&["search", "jie wo rui", "--tab", "enterprises", "--limit", "1"]);
    assert_eq!(
        (run.code, run.stdout.split('\t').nth(1)),
        (0, Some("jieworui")),
        "{}",
        run.stderr
    );
    // 粤宝 … 金 (of 贵金属): the name does not read 粤宝金, though its chars are there.
    let hits = loose("粤宝金", "the 1 shown holds the query's characters, not side by side");
    assert_eq!(hits[0]["why"], "its characters apart in the Chinese name");
    // One record has 水贝 as typed: the one spelled "Shuibei" is still listed, after it,
    // and stderr counts it as no match as typed.
    let run = shuibei(&["search", "水贝", "--data", data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: 1 of the 2 shown does not match \"水贝\" as typed (sound alike, hold its characters, syllables or hyphenated words apart, or read it by the pinyin of one character; --json's \"why\" says which)"
    );
    let ids: Vec<&str> = run.stdout.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(ids, ["shop", "road"]);
    // Each JSON line says whether its own row matched as typed.
    let run = shuibei(&["search", "水贝", "--json", "--data", data]);
    let typed: Vec<bool> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["as_typed"] == true)
        .collect();
    assert_eq!(typed, [true, false]);
    // Runs of two chars or more still read as typed: 深圳 … 贵金属, 粤宝鑫; 杰我睿 itself,
    // and the indicator whose metric spells it "jieworui", as the company's own name
    // writes 杰我睿 (where 水贝 above, spelled "Shuibei" by no record's name, stays loose).
    for query in ["深圳贵金属", "粤宝鑫", "杰我睿"] {
        let run = shuibei(&["search", query, "--data", data]);
        assert_eq!(run.code, 0, "{query}: {}", run.stderr);
        assert!(run.stderr.is_empty(), "{query}: {}", run.stderr);
    }
    let run = shuibei(&["search", "杰我睿", "--json", "--data", data]);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(!run.stdout.contains("\"as_typed\":false"), "{}", run.stdout);
}

/// The Sources tab keeps the same rule: `落户` (to settle) is spelled "luohu", as 罗湖
/// is, so a source titled "… Luohu …" sounds like it and answers nothing (exit 1).
#[test]
fn a_source_that_only_spells_the_query_is_a_sound_alike() {
    let run = shuibei(&["search", "落户", "--tab", "sources", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("shuibei: nothing matches \"落户\" as typed; the ")
            && run
                .stderr
                .contains(" shown only sound like it, its Chinese spelled in Latin letters"),
        "{}",
        run.stderr
    );
    let hits: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(hits.len() > 3, "{}", run.stdout);
    assert!(
        hits.iter().all(|h| h["as_typed"] == false
            && h["why"]
                .as_str()
                .is_some_and(|w| w.starts_with("sounds like it, spelled in "))),
        "{hits:?}"
    );
    // Answers as typed and sound-alikes together: stderr counts the ones that are not
    // (财经 spelled "Caijing", which no record's name writes so).
    let run = shuibei(&["search", "财经", "--tab", "sources", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let loose = run.stdout.lines().filter(|l| l.contains("\"as_typed\":false")).count();
    assert!(loose > 0 && loose < run.stdout.lines().count(), "{}", run.stdout);
    let said = format!(
        "shuibei: {loose} of the {} shown only {} like \"财经\"",
        run.stdout.lines().count(),
        if loose == 1 { "sounds" } else { "sound" }
    );
    assert!(run.stderr.starts_with(&said), "{}", run.stderr);
    // 水贝 as the data's own names spell it ("Shuibei Yihao", 水贝壹号): a location, a tag
    // or a summary saying "Shuibei" holds it as typed, on either tab, as `shuibei` finds
    // the same rows; 杰我睿 likewise, spelled "Jieworui" as the company's name writes it.
    for tab in ["enterprises", "sources"] {
        let zh = shuibei(&["search", "水贝", "--tab", tab, "--json"]);
        assert_eq!(zh.code, 0, "{}", zh.stderr);
        // Only the rows that negate it are said (DR's "its tie to Shuibei is not stated").
        assert!(
            zh.stderr
                .lines()
                .all(|l| l.contains("only in a clause that negates it")),
            "{tab}: {}",
            zh.stderr
        );
        // (A row negating it is no answer, and says so.)
        assert!(
            !zh.stdout
                .lines()
                .any(|l| l.contains("\"as_typed\":false") && !l.contains("\"negated\":true")),
            "{tab}: {}",
            zh.stdout
        );
        let ids = |out: &str| -> std::collections::BTreeSet<String> {
            out.lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                        .as_str()
                        .unwrap()
                        .to_owned()
                })
                .collect()
        };
        let latin = shuibei(&["search", "shuibei", "--tab", tab, "--json"]);
        assert!(ids(&latin.stdout).is_subset(&ids(&zh.stdout)), "{tab}");
    }
    let run = shuibei(&["search", "杰我睿", "--tab", "sources"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // 罗湖 names the district, whose English name the titles hold as typed.
    let run = shuibei(&["search", "罗湖", "--tab", "sources", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        run.stdout.lines().all(|l| l.contains("\"as_typed\":true")),
        "{}",
        run.stdout
    );
}

/// A registered name with its company form finds the record that holds the name without
/// it, and stderr says what was left out; an id's words find the record's name.
#[test]
fn registered_names_and_hyphenated_words_find_the_record() {
    let run = shuibei(&["search", "Zhou Dasheng Jewellery Co., Ltd.", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().next(),
        Some("enterprise\tent-a\tZhou Dasheng Jewellery (周大生珠宝)")
    );
    assert!(
        run.stderr
            .contains(r#"no record holds "Zhou Dasheng Jewellery Co., Ltd." word for word; left out "Co.," "Ltd.": the 2 shown match what is left as typed"#),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "周大生珠宝股份有限公司", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().next(),
        Some("enterprise\tent-a\tZhou Dasheng Jewellery (周大生珠宝)")
    );
    assert!(run.stderr.contains(r#"read as "周大生珠宝""#), "{}", run.stderr);
    // Left out as words; either side of a bar inside a word as its words.
    let run = shuibei(&["search", "zhou !zhou-dasheng", "--data", &minimal()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let run = shuibei(&["search", "zhou-dasheng|nobody-here", "--data", &minimal()]);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    let run = shuibei(&["search", "zhou-dasheng-jewellery", "--data", &minimal()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().next(),
        Some("enterprise\tent-a\tZhou Dasheng Jewellery (周大生珠宝)")
    );
}

#[test]
fn exit_codes_follow_grep() {
    // Nothing on stdout, as grep; stderr says it, wherever stderr goes (trials whose
    // stderr was no terminal read silence as a broken search).
    let run = shuibei(&["search", "qqqzzz", "--data", &minimal()]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(run.stderr, "shuibei: nothing matches \"qqqzzz\"\n");

    let run = shuibei(&["search", "!", "--data", &minimal()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("lone `!`"), "{}", run.stderr);

    let run = shuibei(&["search", "ownrship:private", "--data", &minimal()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `ownership:`"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    // An enterprise's date is its founding: `date:` there points to `founded:`.
    let run = shuibei(&["search", "date:2025-13", "--tab", "enterprises"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `founded:`"), "{}", run.stderr);

    let run = shuibei(&["search", "zds", "--tab", "everything"]);
    assert_eq!(run.code, 2);

    let run = shuibei(&["search", "zds", "--data", "/nonexistent/data.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no such file"), "{}", run.stderr);
}

#[test]
fn stats_go_to_stderr_in_milliseconds() {
    let run = shuibei(&["search", "zds", "--stats", "--data", &minimal()]);
    assert_eq!(run.code, 0);
    for part in ["load ", "index ", "match ", " ms", "2 of 6 records matched"] {
        assert!(run.stderr.contains(part), "{part:?} in {}", run.stderr);
    }
    assert!(!run.stdout.contains("ms"), "stats stay off stdout");
}

#[test]
fn the_shipped_data_is_searched_by_default() {
    let run = shuibei(&["search", "zhou大生", "--limit", "3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("周大生"), "{}", run.stdout);
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    // Enough records that the output cannot fit in a pipe buffer.
    let mut data = String::from(
        r#"{"format":"shuibei/1","cluster":{"name":"pipe"},"sources":[{"id":"s","title":"t","reliability":"high"}],"enterprises":["#,
    );
    for i in 0..20_000 {
        if i > 0 {
            data.push(',');
        }
        let _ = write!(
            data,
            r#"{{"id":"e{i}","name":"Golden Company number {i}","sources":[{{"source":"s"}}]}}"#
        );
    }
    data.push_str("]}");
    let path = std::env::temp_dir().join(format!("shuibei-pipe-{}.json", std::process::id()));
    std::fs::File::create(&path)
        .unwrap()
        .write_all(data.as_bytes())
        .unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(["search", "golden", "--data"])
        .arg(&path)
        .env_remove("SHUIBEI_DATA")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, like `head -1` exiting.
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(first.starts_with("enterprise\te"), "{first}");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A query that finds nothing because no record searched has a value in a field it
/// names says so: a silent "no" reads as "there is none".
#[test]
fn a_field_no_record_holds_is_named_when_nothing_matched() {
    let run = shuibei(&["search", "--tab", "enterprises", "credit:9144"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: nothing matched; no record searched has a value in credit:"
    );
    // A place field points to where the places are.
    let data = r#"{"format": "shuibei/1", "cluster": {"name": "C"},
      "sources": [{"id": "s", "title": "S", "reliability": "high"}],
      "enterprises": [{"id": "e", "name": "E", "location": "Hong Kong", "sources": [{"source": "s"}]}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hk.json");
    std::fs::write(&path, data).unwrap();
    let run = shuibei(&[
        "export",
        "--tab",
        "enterprises",
        "--query",
        "district:罗湖",
        "--data",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("shuibei: nothing matched --query district:罗湖; no record searched has a value in district:")
            && run.stderr.contains("location:luohu"),
        "{}",
        run.stderr
    );
    // A field some record holds says nothing more than that nothing matched.
    let run = shuibei(&["search", "--tab", "enterprises", "location:qqqxx"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("no record searched"), "{}", run.stderr);
}

/// `district:` reads what the District filter shows: the Shenzhen district a location
/// names, when no registry district is given (a trial filtered 30 Luohu firms in the
/// explorer and found none with `district:luohu`).
#[test]
fn district_finds_what_the_district_filter_shows() {
    for q in ["district:luohu", "district:罗湖"] {
        let run = shuibei(&["search", "--tab", "enterprises", q]);
        assert_eq!(run.code, 0, "{q}: {}", run.stderr);
        assert_eq!(run.stdout.lines().count(), 30, "{q}");
    }
}

/// `year:2024..2026` is each year of the range; a `year:` value that is neither a year
/// nor a range is an error that says what to write (it found nothing, silently).
#[test]
fn a_range_of_years_is_each_year_and_a_bad_year_says_what_to_write() {
    let range = shuibei(&["search", "--tab", "history", "year:2024..2026"]);
    let either = shuibei(&["search", "--tab", "history", "year:2024|2025|2026"]);
    assert_eq!(range.code, 0, "{}", range.stderr);
    assert_eq!(range.stdout, either.stdout);
    assert!(range.stdout.lines().count() > 3, "{}", range.stdout);
    assert_eq!(
        shuibei(&["search", "--tab", "history", "year:2024-2026"]).stdout,
        range.stdout
    );
    // The field's name in any case; digits with `^`, `'` or `$` are matched as typed.
    assert_eq!(
        shuibei(&["search", "--tab", "history", "YEAR:2024..2026"]).stdout,
        range.stdout
    );
    let starts = shuibei(&["search", "--tab", "history", "year:^200"]);
    assert_eq!(starts.code, 0, "{}", starts.stderr);
    for bad in ["year:>=2024", "year:2026..2024", "year:soon", "!year:2024..2026"] {
        let run = shuibei(&["search", "--tab", "history", bad]);
        assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{bad}");
        assert!(
            run.stderr.contains("`year:` takes a year (`year:2024`) or a range")
                || run.stderr.contains("a range of years cannot be left out as one"),
            "{bad}: {}",
            run.stderr
        );
    }
}

fn dates() -> String {
    fixture("ok/dates.json").to_str().unwrap().to_owned()
}

/// The ids `shuibei search Q --data dates.json` printed, sorted, and its exit status.
fn dated(query: &str) -> (Vec<String>, i32) {
    let run = shuibei(&["search", "--data", &dates(), query]);
    assert!(run.code < 2, "{query}: {}", run.stderr);
    let mut ids: Vec<String> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap_or_default().to_owned())
        .collect();
    ids.sort();
    (ids, run.code)
}

/// `date:A..B` finds the dates from the start of A to the end of B, on every tab with a
/// date (`founded:` on enterprises), and a date known only to its year or month when that
/// overlaps the range, as `year:` reads a date by its year (a user's `date:2025-10..2026-03`
/// found nothing and exited 1). A label is not read for it (`6–23 March 2009` is no 6000s).
#[test]
fn a_range_of_dates_finds_what_overlaps_it() {
    assert_eq!(
        dated("date:2025-10..2026-03"),
        (
            vec![
                "ev-mar-31".into(),
                "ev-oct".into(),
                "ev-oct-5".into(),
                "ev-year".into(),
                "ind-oct".into()
            ],
            0
        )
    );
    assert_eq!(
        dated("date:2025-10..").0,
        ["ev-apr", "ev-mar-31", "ev-oct", "ev-oct-5", "ev-year", "ind-oct"]
    );
    assert_eq!(dated("date:..2024").0, ["ev-1990s", "ev-2009", "ind-2024"]);
    assert_eq!(
        dated("date:2024-12-31..2025-09-01").0,
        ["ev-sep", "ev-year", "ind-2024"]
    );
    assert_eq!(
        dated("date:2025-10\u{2013}2025-10").0,
        ["ev-oct", "ev-oct-5", "ev-year", "ind-oct"]
    );
    assert_eq!(dated("founded:..1990").0, ["ent-old"]);
    assert_eq!(dated("founded:2021-05..2021-05").0, ["ent-new"]);
    assert_eq!(dated("date:2024|2025-12..2026-01").0, ["ev-year", "ind-2024"]);
    assert_eq!(dated("date:6000.."), (vec![], 1));
    // A date alone is matched as before: that month or day, to the day.
    assert_eq!(dated("date:2025-10").0, ["ev-oct", "ev-oct-5", "ind-oct"]);
}

/// A date field's value that no date can have is a usage error naming the problem and
/// the forms it takes (it found nothing and exited 1, as if no record had the date).
#[test]
fn a_bad_date_says_what_is_wrong_and_what_to_write() {
    for (query, why) in [
        ("date:2025-13", "month must be 01 to 12 in `2025-13`"),
        (
            "date:2026..2025",
            "`2026..2025` ends before it starts: write `2025..2026`",
        ),
        ("date:soon", "`soon` is not a date"),
        ("date:2025-3", "a month is two digits, `2025-3` is `2025-03`"),
        ("founded:1990..199", "`199` is not a whole date"),
        ("!date:2025..2026", "a range of dates cannot be left out as one"),
    ] {
        let run = shuibei(&["search", "--data", &dates(), query]);
        assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{query}");
        let line = run.stderr.trim_end();
        assert!(!line.contains('\n'), "one line: {line}");
        assert!(
            line.starts_with(&format!("shuibei: query {query:?}: {why}")),
            "{query}: {line}"
        );
        if !query.starts_with('!') {
            assert!(line.contains("takes YYYY, YYYY-MM or YYYY-MM-DD, or a range"), "{line}");
        }
    }
}

/// Words in quotes are one term: together, in order, as written; the first starts a word
/// and the last may be the start of one (`source:"united daily news"` read its quotes as
/// characters and exited 1). An open quote is a usage error.
#[test]
fn quoted_words_match_as_a_phrase() {
    let udn = (vec!["ent-new".into(), "ev-oct".into(), "ind-oct".into()], 0);
    assert_eq!(dated("source:\"united daily news\""), udn);
    // Not "United Press Daily": the words stand together.
    assert_eq!(dated("source:\"united daily\""), udn);
    assert_eq!(dated("source:\"united daily new\""), udn);
    assert_eq!(dated("source:\"nited daily\"").1, 1);
    assert_eq!(dated("source:\"united news\"").1, 1);
    assert_eq!(dated("\"gold exchange\"").0, ["ent-old", "ev-1990s"]);
    assert_eq!(dated("title:\"gold exchange\"").0, ["ev-1990s"]);
    assert_eq!(dated("name:\"gold ex\"").0, ["ent-old"]);
    assert_eq!(dated("\"shanghai exchange\"").1, 1);
    assert_eq!(dated("\"old gold\"").0, ["ent-old"]);
    assert_eq!(dated("\"old exchange\"").1, 1);
    assert_eq!(dated("\"gold exchange\" !\"old gold\"").0, ["ev-1990s"]);
    let run = shuibei(&["search", "--data", &dates(), "source:\"united daily"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr.trim_end(),
        "shuibei: query \"source:\\\"united daily\": a phrase in quotes needs a closing `\"`: `source:\"united daily\"`"
    );
}

/// `--tab sources` searches the sources as the Sources tab's `/` does: lines of
/// `source<TAB>id<TAB>label`, JSON Lines with the source as stored, grep's exit codes.
#[test]
fn the_sources_are_searched_with_tab_sources() {
    let run = shuibei(&["search", "--tab", "sources", "dagongbao"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<&str> = run.stdout.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(
        ids,
        ["src-takungpao-editorial-2025-10-11", "src-crntt-takungpao-2026-02-04"],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .starts_with("source\tsrc-takungpao-editorial-2025-10-11\t大公报 社评"),
        "{}",
        run.stdout
    );
    let json = shuibei(&["search", "--tab", "sources", "--json", "--limit", "1", "大公报"]);
    let value: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(value["kind"], "source");
    assert_eq!(value["record"]["publisher"], "大公报 (Ta Kung Pao), editorial");
    assert_eq!(shuibei(&["search", "--tab", "sources", "qqzzxx"]).code, 1);
    let field = shuibei(&["search", "--tab", "sources", "year:2024"]);
    assert_eq!(field.code, 2);
    assert!(
        field.stderr.contains("`year:` searches records, not sources"),
        "{}",
        field.stderr
    );
}

/// A Chinese outlet is found by its English name: every source whose publisher names
/// 證券時報 or 证券时报, the outlet itself or an outlet citing it, carries "(Securities Times)".
#[test]
fn a_chinese_outlet_is_found_by_its_english_name() {
    let run = shuibei(&["search", "--tab", "sources", "Securities Times"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<&str> = run.stdout.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    for id in [
        "src-stcn-shuibei-price-2025-04-21",
        "src-stcn-risk-warning-2025-11-25",
        "src-hk01-shuibei-2026-03-02",
    ] {
        assert!(ids.contains(&id), "{id}: {}", run.stdout);
    }
}

/// A cited source's title or publisher in traditional characters is found by the
/// simplified ones (`source:联合报` finds the records citing 聯合報), as on the Sources tab.
#[test]
fn a_source_field_reads_traditional_text_as_simplified() {
    let ids = |query: &str| -> Vec<String> {
        let run = shuibei(&["search", query]);
        assert_eq!(run.code, 0, "{query}: {}", run.stderr);
        let mut ids: Vec<String> = run
            .stdout
            .lines()
            .map(|l| l.split('\t').nth(1).unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let traditional = ids("source:聯合報");
    assert!(traditional.len() >= 2, "{traditional:?}");
    assert_eq!(ids("source:联合报"), traditional);
    assert_eq!(ids("source:经济通"), ids("source:經濟通"));
}

/// A word typed without its apostrophe finds it in names, fields and sources
/// (`peoples`: "People's"), and a typographic apostrophe (’) at a word's end no longer
/// crashes the search of a field that holds it.
#[test]
fn a_word_is_found_without_its_apostrophe() {
    let names: Vec<String> = shuibei(&["search", "peoples government", "--tab", "enterprises"])
        .stdout
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().to_owned())
        .collect();
    assert!(names.contains(&"luohu-district-government".to_owned()), "{names:?}");
    let sources = shuibei(&["search", "--tab", "sources", "peoples daily"]);
    assert_eq!(sources.code, 0);
    assert!(sources.stdout.contains("People's Daily Online"), "{}", sources.stdout);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apostrophes.json");
    std::fs::write(
        &path,
        r#"{"format":"shuibei/1","cluster":{"name":"c"},"enterprises":[
            {"id":"a","name":"Acme","summary":"Mr O’Brien’s shop is in Shuibei"},
            {"id":"b","name":"Bravo","summary":"Luohu's jewelry"}]}"#,
    )
    .unwrap();
    let data = path.to_str().unwrap();
    let run = shuibei(&["search", "shop", "--data", data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("enterprise\ta\t"), "{}", run.stdout);
    let run = shuibei(&["search", "obriens", "--data", data]);
    assert!(
        run.stdout.starts_with("enterprise\ta\t"),
        "{} {}",
        run.stdout,
        run.stderr
    );
    let run = shuibei(&["search", "luohus jewelry", "--data", data]);
    assert!(
        run.stdout.starts_with("enterprise\tb\t"),
        "{} {}",
        run.stdout,
        run.stderr
    );
}

/// A trial's `深圳市水贝黄金交易所有限公司` (no such exchange) exited 0: read again
/// without its company forms it found only a record holding 水贝 … 黄金交易所 apart. Such
/// a search counts as an answer only when a record holds what is left as typed.
#[test]
fn a_name_without_its_company_form_answers_only_as_typed() {
    let run = shuibei(&["search", "深圳市水贝黄金交易所有限公司"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("read as \"水贝黄金交易所\""), "{}", run.stderr);
    let run = shuibei(&["search", "Chow Tai Fook Jewellery Group Limited"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\tchow-tai-fook-group\t"), "{}", run.stdout);
}

/// Trials: `search 老凤祥` listed one company, HIPINE, whose summary names 老凤祥 as a
/// customer, and `China National Gold` an indicator with the three words in its scope and
/// summary; both read as "yes, it is here". Rows that hold the query in no name are said
/// to hold it only in their fields; a name match says nothing of the kind. (老凤祥 now names
/// two brand-store prices; 谢瑞麟 stands in one figure's summary only.)
#[test]
fn rows_that_hold_the_query_in_no_name_are_said_to() {
    let run = shuibei(&["search", "谢瑞麟"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\tind-gold-price-brand-stores-2026-06-25\t"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("no record's name holds \"谢瑞麟\"; the 1 shown holds it only in its summary field"),
        "{}",
        run.stderr
    );
    // Words found apart: some in a figure's name, the others in its scope or summary.
    let run = shuibei(&["search", "China National Gold"]);
    assert!(
        run.stderr
            .contains("no record's name holds \"China National Gold\"; the 7 shown hold its words only apart, in their name, scope and summary fields"),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "老凤祥", "--tab", "enterprises"]);
    assert!(
        run.stderr.contains("no enterprise's name holds \"老凤祥\""),
        "{}",
        run.stderr
    );
    let run = shuibei(&["search", "周大生"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("no record's name"), "{}", run.stderr);
    // The note names the query that asks for names only, and that query answers "no".
    let run = shuibei(&["search", "China National Gold"]);
    assert!(
        run.stderr
            .contains("`name:\"China National Gold\"` asks for names only"),
        "{}",
        run.stderr
    );
    for asked in ["name:谢瑞麟", "name:\"China National Gold\""] {
        let run = shuibei(&["search", asked]);
        assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{asked}: {}", run.stderr);
    }
    // `show` with a name that is only mentioned says so, not "finds" the figure.
    let run = shuibei(&["show", "谢瑞麟"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "finds no record named so, only mentions (\"ind-gold-price-brand-stores-2026-06-25\", matched in summary)"
        ),
        "{}",
        run.stderr
    );
}

/// A word that stands only in the titles of the reports cited (跑路, "absconded") finds
/// no record: stderr says which sources hold it and how to list them, and that command
/// does. A search of one tab is asked about that tab only, and says nothing of sources.
#[test]
fn a_word_only_in_source_titles_points_to_the_sources_tab() {
    let run = shuibei(&["search", "跑路"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    assert!(
        run.stderr.contains("no record matches \"跑路\", but ")
            && run.stderr.contains("`shuibei search 跑路 --tab sources` lists them"),
        "{}",
        run.stderr
    );
    let listed = shuibei(&["search", "跑路", "--tab", "sources"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let count = listed.stdout.lines().count();
    let said = if count == 1 {
        "1 source matches".to_owned()
    } else {
        format!("{count} sources match")
    };
    assert!(run.stderr.contains(&said), "{said}: {}", run.stderr);
    assert!(listed.stdout.contains("src-ettoday-2025"), "{}", listed.stdout);
    // An export of a record tab says it too, and writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.csv");
    let run_export = shuibei(&[
        "export",
        "--tab",
        "history",
        "--query",
        "跑路",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run_export.code, 1, "{}", run_export.stderr);
    assert!(
        run_export
            .stderr
            .contains(&format!("{count} sources hold it, and --tab sources exports them")),
        "{}",
        run_export.stderr
    );
    assert!(!out.exists());
    // Under --tab too: the word is in no event either (a trial's compliance search).
    let run = shuibei(&["search", "跑路", "--tab", "history"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("`shuibei search 跑路 --tab sources` lists them"),
        "{}",
        run.stderr
    );
    // Beside near spellings (nothing as typed) it is said too, after them.
    let run = shuibei(&["search", "暴雷"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines.len() == 2 && lines[1].contains("as typed (a title, publisher or note)"),
        "{}",
        run.stderr
    );
}

/// A row that holds a word only in a clause that negates it is no answer: DR ("its tie
/// to Shuibei is not stated") among listed companies tied to Shuibei misled a screen (a
/// trial). It ranks after every answer, stderr names it, `--json` marks it and
/// `--as-typed` leaves it out, as `export --query` does.
#[test]
fn rows_that_negate_the_query_are_named_ranked_last_and_left_out_as_typed() {
    let ids = |out: &str| -> Vec<String> {
        out.lines()
            .filter_map(|l| l.split('\t').nth(1))
            .map(str::to_owned)
            .collect()
    };
    let run = shuibei(&["search", "listed shuibei", "--tab", "enterprises"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = ids(&run.stdout);
    let dr = all.iter().position(|id| id == "dr").expect("DR is listed");
    let tefa = all
        .iter()
        .position(|id| id == "tefa-group")
        .expect("Tefa holds both words");
    assert!(tefa < dr, "an answer before a negation: {all:?}");
    let said = run
        .stderr
        .lines()
        .find(|l| l.contains("only in a clause that negates it ("))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(said.contains("dr, shenzhen-china-bicycle"), "{said}");
    let typed = shuibei(&["search", "listed shuibei", "--tab", "enterprises", "--as-typed"]);
    assert_eq!(typed.code, 0, "{}", typed.stderr);
    let kept = ids(&typed.stdout);
    assert!(
        !kept.contains(&"dr".to_owned()) && kept.contains(&"tefa-group".to_owned()),
        "{kept:?}"
    );
    assert_eq!(kept.len() + 3, all.len(), "three negate it: {all:?} {kept:?}");
    let json = shuibei(&["search", "listed shuibei", "--tab", "enterprises", "--json"]);
    for line in json.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let negated = ["dr", "shenzhen-china-bicycle", "dongfang-jinyu"].contains(&v["id"].as_str().unwrap());
        assert_eq!(v["negated"], negated, "{line}");
        // `select(.as_typed)` keeps what `--as-typed` prints.
        assert_eq!(v["as_typed"], !negated, "{line}");
    }
    // Rows that all negate it are no answer: exit 1, as for sound-alikes only.
    let run = shuibei(&["search", "chinext shuibei", "--tab", "enterprises"]);
    assert_eq!(
        (run.code, ids(&run.stdout)),
        (1, vec!["dr".to_owned()]),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("listed after the answers"), "{}", run.stderr);
}

/// What a reporter typed in a trial (helper-148): a price as Chinese writes it, a number
/// that a Chinese scale makes another figure, a hyphenated word held only apart, a
/// range of figures, and a name no record is named.
#[test]
fn prices_numbers_hyphens_and_ranges_as_a_reporter_types_them() {
    let ids = |run: &common::Run| common::json_ids(&run.stdout);
    // 1000元/克 stands in the title 水贝金价突破1000元/克: a number after Chinese starts a word.
    let run = shuibei(&["search", "1000元/克", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&run)[0], "ev-2025-10-17-shuibei-price-passes-1000");
    // 1000多亿元 is 100 billion, no figure of 1,000.
    let run = shuibei(&["search", "1000", "--json"]);
    assert!(ids(&run).contains(&"ev-2025-10-17-shuibei-price-passes-1000".to_owned()));
    assert!(
        !ids(&run).contains(&"ind-trade-value-2013-base".to_owned()),
        "{}",
        run.stdout
    );
    // e-commerce: its words only apart, said so in every row's why.
    let run = shuibei(&["search", "e-commerce", "--json"]);
    for line in run.stdout.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(hit["as_typed"], false, "{line}");
        assert!(
            hit["why"].as_str().unwrap().starts_with("its hyphenated words apart"),
            "{line}"
        );
    }
    // A range of figures is a usage error that says what value: takes.
    let run = shuibei(&["search", "value:1000..1300"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a range or a comparison"), "{}", run.stderr);
    // Under --names, "no record matches" would deny the records that mention it.
    // (Chow Sang Sang, the name this checked first, now names its brand-store prices.)
    let run = shuibei(&["search", "--names", "Tse Sui Luen"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no record's name holds \"Tse Sui Luen\"; --names left out 1 record ")
            && run.stderr.contains("drop --names to see it"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_latin_name_finds_what_its_chinese_finds() {
    // The shipped data names 杰我睿 "Jieworui"; some summaries write only 杰我睿.
    let ids = |query: &str| -> std::collections::BTreeSet<String> {
        let run = shuibei(&["search", query, "--as-typed"]);
        assert_eq!(run.code, 0, "{query}: {}", run.stderr);
        run.stdout
            .lines()
            .map(|l| l.split('\t').nth(1).unwrap().to_owned())
            .collect()
    };
    let latin = ids("jieworui");
    let chinese = ids("杰我睿");
    assert!(
        chinese.is_subset(&latin),
        "{:?}",
        chinese.difference(&latin).collect::<Vec<_>>()
    );
    assert!(latin.contains("ev-2025-11-shenzhen-gold-risk-warning"), "{latin:?}");
}
