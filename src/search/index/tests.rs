//! Tests of the index: the date masks, and names and pinyin masks read back from the
//! packed copy.

use super::build::date_masks;
use super::*;
use crate::data::model::Date;
use crate::search::{fields, fold};

#[test]
fn date_masks_equal_the_formatted_dates() {
    for text in ["2004", "2004-08", "1999-12-31", "2010-01-05"] {
        let date = Date::parse(text).unwrap();
        assert_eq!(
            date_masks((date, None)),
            (fold::narrow_mask(text), fold::pair_mask(text), fold::head_mask(text)),
            "{text}"
        );
    }
    let date = Date::parse("1990").unwrap();
    assert_eq!(
        date_masks((date, Some("Early 1990s"))),
        (
            fold::narrow_mask("Early 1990s") | fold::narrow_mask("1990"),
            fold::pair_mask("Early 1990s") | fold::pair_mask("1990"),
            fold::head_mask("Early 1990s") | fold::head_mask("1990")
        )
    );
}

/// Names and pinyin masks read back from the packed copy equal the dataset's, for
/// records before and after ones that cannot be packed (a name over 255 bytes, an
/// empty Chinese name) and across offset entries.
#[test]
fn packed_names_read_back() {
    let long = "L".repeat(300);
    let mut records = Vec::new();
    for i in 0..23 {
        let (name, zh) = match i % 6 {
            0 => ("Golden Dragon".to_owned(), Some("金华龙珠宝")),
            1 => (long.clone(), Some("周大生")),
            2 => ("周大生".to_owned(), None),
            3 => ("Plain Name Co".to_owned(), Some("")),
            4 => ("TTF珠宝 Studio".to_owned(), Some("ＴＴＦ珠宝")),
            _ => (format!("Name {i}"), None),
        };
        let zh = zh.map_or(String::new(), |zh| format!(r#","name_zh":{zh:?}"#));
        records.push(format!(r#"{{"id":"e{i}","name":{name:?}{zh}}}"#));
    }
    let json = format!(
        r#"{{"format":"shuibei/1","cluster":{{"name":"c"}},"enterprises":[{}]}}"#,
        records.join(",")
    );
    let db = crate::data::load::load_slice("packed", json.as_bytes()).expect("loads");
    let index = Index::build(&db);
    for i in 0..db.len(RecordKind::Enterprise) {
        let rec = Rec::new(RecordKind::Enterprise, i);
        let [name, zh] = fields::primary_names(&db, rec);
        let entry = index.entry((&db).into(), rec);
        assert_eq!(entry.names, [name, zh], "record {i}");
        assert_eq!(entry.pinyin(), record_pinyin((&db).into(), rec), "record {i}");
    }
    let tab = index.tab(RecordKind::Enterprise);
    assert_eq!(tab.lens[1], [0, 0], "a 300-byte name is not packed");
    assert_eq!(tab.lens[3], [0, 0], "an empty Chinese name is not packed");
}

#[test]
fn pinyin_masks_survive_packing() {
    for mask in [
        0,
        PINYIN_ANY,
        PINYIN_ANY | PINYIN_ZH | 0x3ff_ffff,
        PINYIN_ANY | 0x155_5555,
    ] {
        assert_eq!(decode_pinyin(&encode_pinyin(mask)), mask | PINYIN_ANY);
        assert!(encode_pinyin(mask).is_ascii());
    }
}
