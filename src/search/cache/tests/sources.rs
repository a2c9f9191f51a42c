//! The dataset's sources in the cache file: kept beside the packed values (a warm search
//! that finds nothing says which sources' titles hold its words), read only when asked
//! for, checked like every section, and left to the dataset when they are too long.

use std::path::{Path, PathBuf};

use super::super::*;
use super::{age, dataset, in_section, only_file};
use crate::data::load;

/// [`dataset`] with `n` sources, each cited by nothing (a source need not be).
fn with_sources(n: usize) -> String {
    let sources: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"s{i}","title":"Registry export {i}","publisher":"企查查","date":"2026-03-20","reliability":"medium","note":"every jewellery firm of the district"}}"#
            )
        })
        .collect();
    dataset("Alpha").replacen(
        r#""enterprises":["#,
        &format!(r#""sources":[{}],"enterprises":["#, sources.join(",")),
        1,
    )
}

struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: Cache,
    dir: PathBuf,
}

/// A dataset with `n` sources and a cache file written for it.
fn written(n: usize) -> (Setup, Db) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("big.json");
    std::fs::write(&data, with_sources(n)).expect("write dataset");
    age(&data);
    let dir = tmp.path().join("cache").join("shuibei");
    let cache = Cache::in_dir(Mode::Use, dir.clone());
    let db = load::load_file(&data).expect("loads");
    let opened = cache.index(cache.ticket(&data).as_ref(), &db);
    assert_eq!(opened.how, How::Written);
    let s = Setup {
        _tmp: tmp,
        data,
        cache,
        dir,
    };
    (s, db)
}

/// The index and packed values a warm open of `data` reads.
fn warm(cache: &Cache, data: &Path) -> (Index, Packed) {
    let Warm::Found(found, _) = cache.warm(cache.ticket(data).as_ref()) else {
        panic!("a current cache file");
    };
    *found
}

#[test]
fn the_sources_are_kept_and_read_when_first_asked_for() {
    let (s, db) = written(3);
    let (_, packed) = warm(&s.cache, &s.data);
    assert_eq!(packed.heap_bytes(), 0, "nothing is read on open");
    let kept = packed.sources().expect("kept");
    let json = |list: &[crate::data::model::Source]| serde_json::to_string(list).unwrap();
    assert_eq!(json(kept), json(db.sources()));
    assert_eq!(kept[2].title.as_ref(), "Registry export 2");
    assert!(packed.damage().is_none());
    // The warm search's hint counts what the loaded dataset's does.
    let records = crate::search::records::Records::Packed(&packed);
    for query in ["企查查", "registry export", "jewellery firm", "2026-03-20", "zzyzx"] {
        assert_eq!(
            crate::search::sources_as_typed_in(records, kept, query),
            crate::search::sources_as_typed(&db, query),
            "{query}"
        );
    }
}

#[test]
fn sources_too_long_to_keep_are_left_to_the_dataset() {
    // Over 64 KiB in tests: some 170 bytes each.
    let (s, db) = written(600);
    assert!(serde_json::to_vec(db.sources()).unwrap().len() > codec::SOURCES_MAX);
    let (index, packed) = warm(&s.cache, &s.data);
    assert!(packed.sources().is_none(), "the caller reads the dataset");
    assert!(packed.damage().is_none(), "not kept is no damage");
    // The records are all there.
    let hits = crate::search::search(&index, &packed, crate::search::Scope::All, "金龙珠宝5号", Some(1)).hits;
    assert_eq!(hits.first().map(|h| packed.id(h.rec)), Some("e5"));
}

#[test]
fn damaged_sources_are_found_when_read_and_the_file_rebuilt() {
    let (s, db) = written(3);
    let file = only_file(&s.dir);
    let mut bytes = std::fs::read(&file).unwrap();
    let at = in_section(&bytes, 3, 10);
    bytes[at] ^= 0x20;
    std::fs::write(&file, &bytes).unwrap();
    let (_, packed) = warm(&s.cache, &s.data);
    assert!(packed.damage().is_none(), "nothing read yet");
    assert!(packed.sources().is_none());
    let why = packed.damage().expect("the read found the damage").to_owned();
    assert!(why.contains("its sources fail their checksum"), "{why}");
    let opened = s.cache.index_after(s.cache.ticket(&s.data).as_ref(), &db, Some(why));
    assert_eq!(opened.how, How::Written);
    assert_eq!(warm(&s.cache, &s.data).1.sources().map(<[_]>::len), Some(3), "repaired");
}
