//! The cache of a dataset with `--add` layers: keyed by every file in order, stale when
//! any of them changes, and keeping what loading said of the layers for a warm search.

use std::path::{Path, PathBuf};

use super::super::*;
use super::{age, dataset};
use crate::data::layers;
use crate::search::{Scope, search};

/// An added file just over [`MIN_LEN`], with one enterprise whose name differs from a
/// built-in one's only by the place in front (a near miss, said as a notice).
fn layer(tag: &str) -> String {
    dataset(tag).replacen(
        r#""enterprises":["#,
        r#""enterprises":[{"id":"near1","name":"Near One","name_zh":"周大福珠宝制造有限公司"},"#,
        1,
    )
}

/// A small second layer: one enterprise.
fn small(tag: &str) -> String {
    format!(
        r#"{{"format":"shuibei/1","cluster":{{"name":"c"}},"enterprises":[{{"id":"s1","name":"{tag} Small Works","name_zh":"小作坊"}}]}}"#
    )
}

struct Setup {
    _tmp: tempfile::TempDir,
    big: PathBuf,
    small: PathBuf,
    dir: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().expect("temp dir");
    let big = tmp.path().join("big.json");
    let small_file = tmp.path().join("small.json");
    std::fs::write(&big, layer("Alpha")).expect("write layer");
    std::fs::write(&small_file, small("Beta")).expect("write layer");
    let dir = tmp.path().join("cache").join("shuibei");
    age(&big);
    age(&small_file);
    Setup {
        _tmp: tmp,
        big,
        small: small_file,
        dir,
    }
}

/// Loads the layers over the built-in dataset and opens their index as the command
/// line does.
fn open(cache: &Cache, adds: &[PathBuf]) -> (Db, Opened) {
    let ticket = cache.ticket_layers(None, adds);
    assert!(ticket.is_some(), "layers over 1 MiB get a ticket");
    let db = layers::load(None, adds).expect("loads");
    let opened = cache.index(ticket.as_ref(), &db);
    (db, opened)
}

fn warm(cache: &Cache, adds: &[PathBuf]) -> Warm {
    cache.warm(cache.ticket_layers(None, adds).as_ref())
}

fn files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, Iterator::count)
}

#[test]
fn layers_are_cached_and_a_warm_search_answers_and_says_as_the_load_did() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let adds = [s.big.clone(), s.small.clone()];
    let (db, first) = open(&cache, &adds);
    assert_eq!(first.how, How::Written);
    let said: Vec<String> = db.layers().iter().flat_map(|l| l.notices.clone()).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("chow-tai-fook-shenzhen"), "{said:?}");
    assert_eq!(open(&cache, &adds).1.how, How::Read);
    let Warm::Found(found, notes) = warm(&cache, &adds) else {
        panic!("a current cache file of the layers");
    };
    assert_eq!(notes, said, "the notices are kept for warm searches");
    // The same files typed another way: one cache file, and the notice names the file as
    // this run typed it.
    let typed = s.big.parent().unwrap().join(".").join("big.json");
    let Warm::Found(_, notes) = warm(&cache, &[typed.clone(), s.small.clone()]) else {
        panic!("the same files");
    };
    assert!(
        notes[0].starts_with(&format!("{}: near1 ", typed.display())),
        "{notes:?}"
    );
    let (index, packed) = *found;
    // Records of every layer, the built-in ones among them, answer alike.
    for query in ["jlzb 77", "周大福", "small works", "水贝", "beta"] {
        let cold: Vec<String> = search(&first.index, &db, Scope::All, query, Some(20))
            .hits
            .iter()
            .map(|h| db.id(h.rec).to_owned())
            .collect();
        let warm: Vec<String> = search(&index, &packed, Scope::All, query, Some(20))
            .hits
            .iter()
            .map(|h| packed.id(h.rec).to_owned())
            .collect();
        assert!(!cold.is_empty(), "{query}");
        assert_eq!(warm, cold, "{query}");
    }
}

#[test]
fn a_change_to_any_layer_makes_the_cache_stale() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let adds = [s.big.clone(), s.small.clone()];
    assert_eq!(open(&cache, &adds).1.how, How::Written);
    // The small layer, the same length, other bytes.
    std::fs::write(&s.small, small("Gama")).expect("rewrite");
    assert!(matches!(warm(&cache, &adds), Warm::Stale));
    let (db, opened) = open(&cache, &adds);
    assert_eq!(opened.how, How::Written);
    assert!(
        search(&opened.index, &db, Scope::All, "gama", Some(5)).matched > 0,
        "the new content"
    );
    assert_eq!(files(&s.dir), 1, "the old file is replaced");
    // The big layer, another length.
    std::fs::write(&s.big, layer("Delta, longer")).expect("rewrite");
    assert!(matches!(warm(&cache, &adds), Warm::Stale));
    assert_eq!(open(&cache, &adds).1.how, How::Written);
    // Touched, the same bytes: kept.
    std::fs::File::options()
        .write(true)
        .open(&s.small)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .expect("touch");
    assert!(matches!(warm(&cache, &adds), Warm::Found(..)));
}

#[test]
fn other_files_or_another_order_are_another_cache_file() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let both = [s.big.clone(), s.small.clone()];
    assert_eq!(open(&cache, &both).1.how, How::Written);
    let swapped = [s.small.clone(), s.big.clone()];
    assert!(matches!(warm(&cache, &swapped), Warm::Missing));
    assert!(matches!(warm(&cache, std::slice::from_ref(&s.big)), Warm::Missing));
    // One file opened alone (`--data big.json`) is not its layered cache either.
    assert!(matches!(cache.warm(cache.ticket(&s.big).as_ref()), Warm::Missing));
    // Over a base file rather than the built-in dataset: another dataset.
    assert!(matches!(
        cache.warm(
            cache
                .ticket_layers(Some(&s.big), std::slice::from_ref(&s.small))
                .as_ref()
        ),
        Warm::Missing
    ));
    assert_eq!(open(&cache, &swapped).1.how, How::Written);
    assert_eq!(files(&s.dir), 2, "both orders kept");
}

#[test]
fn layers_too_small_to_cache_get_no_ticket() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    // The built-in dataset is not counted: a small layer over it loads in milliseconds.
    assert!(cache.ticket_layers(None, std::slice::from_ref(&s.small)).is_none());
    assert!(cache.ticket_layers(None, std::slice::from_ref(&s.big)).is_some());
    assert!(
        Cache::in_dir(Mode::Off, s.dir.clone())
            .ticket_layers(None, std::slice::from_ref(&s.big))
            .is_none()
    );
    let missing = s.small.with_file_name("gone.json");
    assert!(cache.ticket_layers(None, &[s.big.clone(), missing]).is_none());
}

#[test]
fn a_layer_changed_while_loading_is_not_cached() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let adds = [s.big.clone(), s.small.clone()];
    let mut ticket = cache.ticket_layers(None, &adds).expect("a ticket");
    ticket.hash_ahead();
    let db = layers::load(None, &adds).expect("loads");
    std::fs::write(&s.small, small("Changed meanwhile")).expect("rewrite");
    assert_eq!(cache.index(Some(&ticket), &db).how, How::Built);
    assert_eq!(files(&s.dir), 0);
}

/// A layered dataset's cache file goes at the next write once any of its files is gone;
/// one whose files are all there stays.
#[test]
fn the_file_of_layers_one_of_which_is_deleted_is_pruned() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let kept = s.big.with_file_name("kept.json");
    std::fs::copy(&s.big, &kept).unwrap();
    assert_eq!(open(&cache, &[s.big.clone(), s.small.clone()]).1.how, How::Written);
    assert_eq!(open(&cache, std::slice::from_ref(&kept)).1.how, How::Written);
    assert_eq!(files(&s.dir), 2);
    std::fs::remove_file(&s.small).unwrap();
    // Any write prunes: this one of the big file over the built-in dataset.
    assert_eq!(open(&cache, std::slice::from_ref(&s.big)).1.how, How::Written);
    assert_eq!(files(&s.dir), 2, "the layers with the deleted file went; two stay");
    assert_eq!(
        open(&cache, std::slice::from_ref(&kept)).1.how,
        How::Read,
        "layers still there keep their file"
    );
}
