//! The cache against the cases it must survive: reuse, every kind of change to the
//! dataset, damaged and foreign cache files, other versions, permissions, pruning.

use std::path::{Path, PathBuf};

use super::stamp::Stamp;
use super::*;
use crate::data::load;
use crate::search::index::Names;
use crate::search::{Scope, search};

/// A dataset just over [`MIN_LEN`]: enterprises with English and Chinese names.
fn dataset(tag: &str) -> String {
    let mut records = Vec::new();
    let mut i = 0;
    let mut len = 0;
    while (len as u64) < MIN_LEN + 4096 {
        let record = format!(r#"{{"id":"e{i}","name":"{tag} Golden Dragon Jewellery {i}","name_zh":"金龙珠宝{i}号"}}"#);
        len += record.len() + 1;
        records.push(record);
        i += 1;
    }
    format!(
        r#"{{"format":"shuibei/1","cluster":{{"name":"c"}},"enterprises":[{}]}}"#,
        records.join(",")
    )
}

struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    dir: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("big.json");
    std::fs::write(&data, dataset("Alpha")).expect("write dataset");
    let dir = tmp.path().join("cache").join("shuibei");
    Setup { _tmp: tmp, data, dir }
}

/// Loads the dataset and opens its index the way the command line does.
fn open(cache: &Cache, data: &Path) -> (Db, Opened) {
    let ticket = cache.ticket(data);
    let db = load::load_file(data).expect("loads");
    let opened = cache.index(ticket.as_ref(), &db);
    (db, opened)
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn only_file(dir: &Path) -> PathBuf {
    let files = cache_files(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// The ids a query finds, in order.
fn ids(db: &Db, index: &Index, query: &str) -> Vec<String> {
    search(index, db, Scope::All, query, Some(20))
        .hits
        .iter()
        .map(|h| db.id(h.rec).to_owned())
        .collect()
}

/// Moves the file's modification time back, as if it had been written long before.
fn age(path: &Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(old))
        .expect("set mtime");
}

#[test]
fn a_second_open_reads_what_the_first_wrote_and_searches_alike() {
    let s = setup();
    age(&s.data);
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let (db, first) = open(&cache, &s.data);
    assert_eq!(first.how, How::Written);
    assert!(first.notices.is_empty(), "{:?}", first.notices);
    let (_, second) = open(&cache, &s.data);
    assert_eq!(second.how, How::Read);
    assert!(second.notices.is_empty());
    for query in ["gold", "jlzb", "金龙", "dragon 17", "alpha 999"] {
        assert_eq!(ids(&db, &second.index, query), ids(&db, &first.index, query), "{query}");
        assert!(!ids(&db, &second.index, query).is_empty(), "{query}");
    }
    // Without loading the dataset: the packed values answer as the records did.
    let Warm::Found(found, _) = cache.warm(cache.ticket(&s.data).as_ref()) else {
        panic!("a current cache file holds the packed values");
    };
    let (index, packed) = *found;
    for query in ["gold", "jlzb", "金龙", "dragon 17", "alpha 999", "id:e12", "e77"] {
        let warm: Vec<String> = search(&index, &packed, Scope::All, query, Some(20))
            .hits
            .iter()
            .map(|h| packed.id(h.rec).to_owned())
            .collect();
        assert_eq!(warm, ids(&db, &first.index, query), "{query}");
    }
    // The names each index reads, wherever from (the warm one from the packed text, the
    // others from a copy of their own), are the names it was built with: over several
    // chunks of records.
    assert!(db.len(RecordKind::Enterprise) > 2 * crate::search::packed::CHUNK);
    let built = Index::build(&db);
    for rec in (0..db.len(RecordKind::Enterprise)).map(|i| crate::data::db::Rec::new(RecordKind::Enterprise, i)) {
        let names = built.entry((&db).into(), rec).names;
        assert_eq!(index.entry((&packed).into(), rec).names, names, "{rec:?}");
        for opened in [&first, &second] {
            assert_eq!(opened.index.entry((&db).into(), rec).names, names, "{rec:?}");
        }
    }
    assert!(
        matches!(index.tab(RecordKind::Enterprise).text, Names::Shared(_)),
        "the warm index reads the packed chunks' names"
    );
    for opened in [&first, &second] {
        for kind in RecordKind::ALL {
            let tab = opened.index.tab(kind);
            assert!(
                matches!(&tab.text, Names::Own(text) if text.len() == tab.names_len()),
                "the explorer's and a cold search's index keep their names only: {kind:?}"
            );
        }
    }
}

/// Writes a cache for a fresh dataset, then lets `damage` change the file's bytes.
fn write_then_damage(damage: impl FnOnce(&mut Vec<u8>)) -> (Setup, Cache, Db, Opened) {
    let s = setup();
    age(&s.data);
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let (db, first) = open(&cache, &s.data);
    let file = only_file(&s.dir);
    let mut bytes = std::fs::read(&file).unwrap();
    damage(&mut bytes);
    std::fs::write(&file, &bytes).unwrap();
    (s, cache, db, first)
}

/// The byte `back` bytes before the end of section `k` (0 the index, 1 and 2 the packed
/// values, 3 the sources).
fn in_section(bytes: &[u8], k: usize, back: u64) -> usize {
    let (_, body) = codec::header(bytes).unwrap();
    usize::try_from(body.at(k) + body.sections[k].len - back).unwrap()
}

#[test]
fn damaged_packed_values_are_found_by_the_warm_open_and_rebuilt() {
    for (k, back, said) in [
        (1, 100, "packed values fail their checksum"),
        (2, 100, "a chunk of its packed values fails its checksum"),
    ] {
        let (s, cache, db, first) = write_then_damage(|bytes| {
            let at = in_section(bytes, k, back);
            bytes[at] ^= 0x20;
        });
        let ticket = cache.ticket(&s.data);
        // The chunk list is read on open; a chunk when a search first needs it, and a
        // search that needed a damaged one says so instead of answering.
        let why = match cache.warm(ticket.as_ref()) {
            Warm::Damaged(why) => why,
            Warm::Found(found, _) if k == 2 => {
                let (index, packed) = *found;
                assert!(packed.damage().is_none(), "nothing read yet");
                // Every record's id is read: every chunk's values.
                let _ = search(&index, &packed, Scope::All, "id:e1", None);
                packed.damage().expect("the search read the damaged chunk").to_owned()
            }
            _ => panic!("a flipped byte in section {k} is noticed"),
        };
        assert!(why.contains(said), "{why}");
        let opened = cache.index_after(ticket.as_ref(), &db, Some(why));
        assert_eq!(opened.how, How::Written);
        assert!(
            opened.notices[0].contains(said) && opened.notices[0].contains("rebuilt it"),
            "{:?}",
            opened.notices
        );
        assert_eq!(ids(&db, &opened.index, "gold 12"), ids(&db, &first.index, "gold 12"));
        let Warm::Found(found, _) = cache.warm(ticket.as_ref()) else {
            panic!("repaired");
        };
        let (index, packed) = *found;
        let _ = search(&index, &packed, Scope::All, "id:e1", None);
        assert!(packed.damage().is_none(), "repaired");
    }
}

/// A warm search reads the names of every chunk it scans, but the values only of the
/// chunks whose records it must look into: an id finds one record's chunk.
#[test]
fn a_warm_search_reads_only_the_chunks_it_needs() {
    let s = setup();
    age(&s.data);
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let _ = open(&cache, &s.data);
    let Warm::Found(found, _) = cache.warm(cache.ticket(&s.data).as_ref()) else {
        panic!("a current cache file");
    };
    let (index, packed) = *found;
    assert_eq!(packed.heap_bytes(), 0, "nothing is read on open");
    let hits = search(&index, &packed, Scope::All, "金龙珠宝5000号", None).hits;
    assert_eq!(hits.first().map(|h| packed.id(h.rec)), Some("e5000"));
    let chunks = packed.chunks(RecordKind::Enterprise);
    assert!(chunks.len() > 2);
    let read = (0..chunks.len()).filter(|k| chunks.is_read(*k)).count();
    assert_eq!(read, 1, "the values of the one chunk holding e5000");
    assert!(packed.damage().is_none());
}

#[test]
fn files_and_the_directory_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let _ = open(&cache, &s.data);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&s.dir), 0o700);
    assert_eq!(mode(&only_file(&s.dir)), 0o600);
    // An existing directory open to others is narrowed.
    std::fs::set_permissions(&s.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let _ = open(&cache, &s.data);
    assert_eq!(mode(&s.dir), 0o700);
}

#[test]
fn a_changed_length_mtime_or_content_rebuilds() {
    let s = setup();
    age(&s.data);
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    assert!(matches!(cache.warm(cache.ticket(&s.data).as_ref()), Warm::Missing));
    assert_eq!(open(&cache, &s.data).1.how, How::Written);

    // Longer: the new records are found. The warm look says the file is of an earlier
    // state (search then says why it indexes again), not missing.
    std::fs::write(&s.data, dataset("Bravo Longer")).unwrap();
    age(&s.data);
    assert!(matches!(cache.warm(cache.ticket(&s.data).as_ref()), Warm::Stale));
    let (db, opened) = open(&cache, &s.data);
    assert_eq!(opened.how, How::Written);
    assert!(opened.notices.is_empty(), "out of date is not worth a notice");
    assert!(!ids(&db, &opened.index, "bravo").is_empty());
    assert_eq!(open(&cache, &s.data).1.how, How::Read);

    // The same length, another modification time.
    std::fs::write(&s.data, dataset("Charl Longer")).unwrap();
    assert!(matches!(cache.warm(cache.ticket(&s.data).as_ref()), Warm::Stale));
    let (db, opened) = open(&cache, &s.data);
    assert_eq!(opened.how, How::Written);
    assert!(!ids(&db, &opened.index, "charl").is_empty());
    assert!(ids(&db, &opened.index, "bravo").is_empty());
    assert_eq!(only_file(&s.dir).extension().unwrap(), "idx", "one file per dataset");
}

/// The racy case: the file changed (same length) so soon after the build that its stamp
/// did not move. Simulated by writing the new stamp into the old cache file: only the
/// content hash can tell, and it must.
#[test]
fn content_changed_within_the_racy_window_rebuilds() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let (_, first) = open(&cache, &s.data);
    assert_eq!(first.how, How::Written);
    let file = only_file(&s.dir);
    let bytes = std::fs::read(&file).unwrap();
    let (header, body) = codec::header(&bytes).unwrap();
    let index = codec::payload(&bytes, body).unwrap();
    assert!(header.stamp.racy(header.built), "written just now: racy");

    std::fs::write(&s.data, dataset("Delta")).unwrap();
    let stamp = Stamp::of(&s.data).unwrap();
    let forged = codec::Header {
        stamp,
        ..header.clone()
    };
    std::fs::write(&file, codec::encode(&forged, &index, None)).unwrap();
    assert!(matches!(cache.warm(cache.ticket(&s.data).as_ref()), Warm::Stale));
    let (db, opened) = open(&cache, &s.data);
    assert_eq!(opened.how, How::Written, "the hash differs: rebuilt");
    assert!(!ids(&db, &opened.index, "delta").is_empty());

    // The same forgery with the content unchanged is trusted: the hash agrees.
    let bytes = std::fs::read(&file).unwrap();
    let (header, body) = codec::header(&bytes).unwrap();
    let index = codec::payload(&bytes, body).unwrap();
    std::fs::write(&file, codec::encode(&header, &index, None)).unwrap();
    assert_eq!(open(&cache, &s.data).1.how, How::Read);
}

/// Writes a cache, lets `damage` change its bytes, and expects a rebuild with one notice
/// containing `said`, then a good cache again.
fn damaged(damage: impl FnOnce(&mut Vec<u8>), said: &str) {
    let (s, cache, db, first) = write_then_damage(damage);
    let (_, opened) = open(&cache, &s.data);
    assert_eq!(opened.how, How::Written, "{said}");
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(opened.notices[0].contains(said), "{:?}", opened.notices);
    assert!(opened.notices[0].contains("rebuilt it"), "{:?}", opened.notices);
    assert_eq!(ids(&db, &opened.index, "gold 12"), ids(&db, &first.index, "gold 12"));
    assert_eq!(open(&cache, &s.data).1.how, How::Read);
}

#[test]
fn a_truncated_cache_file_is_rebuilt_with_a_notice() {
    damaged(|b| b.truncate(b.len() / 2), "is truncated");
    damaged(|b| b.truncate(20), "is truncated");
    // Cut inside the magic, or to nothing: cut off, not foreign.
    damaged(|b| b.truncate(10), "is truncated");
    damaged(Vec::clear, "is truncated");
}

#[test]
fn a_corrupted_cache_file_is_rebuilt_with_a_notice() {
    damaged(
        |b| {
            let at = in_section(b, 0, 1000);
            b[at] ^= 0x40;
        },
        "is damaged (its index fails its checksum)",
    );
    damaged(|b| b[50] ^= 1, "is damaged (its header fails its checksum)");
    // A flipped bit in the format number, or in a length the header gives: damage.
    damaged(|b| b[16] ^= 2, "is damaged (its format number");
    damaged(|b| b[24] ^= 0x40, "is damaged");
    damaged(|b| b.extend_from_slice(b"tail"), "is damaged (bytes after its end)");
    // The explorer reads the index only, but checks the packed values `search` reads:
    // a chunk's names and the rest of it.
    damaged(
        |b| {
            let at = in_section(b, 2, 10);
            b[at] ^= 0x01;
        },
        "is damaged (a chunk of its packed values fails its checksum)",
    );
    damaged(
        |b| {
            let (_, body) = codec::header(b).unwrap();
            let at = usize::try_from(body.at(2)).unwrap() + 5;
            b[at] ^= 0x01;
        },
        "is damaged (a chunk of its packed names fails its checksum)",
    );
}

#[test]
fn a_foreign_file_is_rebuilt_with_a_notice() {
    damaged(
        |b| *b = br#"{"format":"shuibei/1"}"#.to_vec(),
        "is not a shuibei index cache",
    );
}

#[test]
fn a_cache_from_another_version_is_not_read() {
    let s = setup();
    age(&s.data);
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let (_, first) = open(&cache, &s.data);
    let file = only_file(&s.dir);
    let bytes = std::fs::read(&file).unwrap();
    let (header, _) = codec::header(&bytes).unwrap();
    // Another crate version under this version's name: refused, rebuilt, said.
    let old = codec::Header {
        crate_version: "0.0.1".into(),
        ..header
    };
    std::fs::write(&file, codec::encode(&old, &first.index, None)).unwrap();
    let (_, opened) = open(&cache, &s.data);
    assert_eq!(opened.how, How::Written);
    assert!(
        opened.notices[0].contains("another version (shuibei 0.0.1"),
        "{:?}",
        opened.notices
    );

    // Another version's own file for the same dataset: pruned when this one is written.
    let other = file.with_file_name(format!(
        "{}-00000000.idx",
        file.file_name().unwrap().to_str().unwrap().split('-').next().unwrap()
    ));
    std::fs::rename(&file, &other).unwrap();
    assert_eq!(open(&cache, &s.data).1.how, How::Written);
    assert_eq!(cache_files(&s.dir), vec![file]);
}

#[test]
fn rebuild_and_off_modes() {
    let s = setup();
    age(&s.data);
    let use_it = Cache::in_dir(Mode::Use, s.dir.clone());
    assert_eq!(open(&use_it, &s.data).1.how, How::Written);
    let rebuild = Cache::in_dir(Mode::Rebuild, s.dir.clone());
    assert_eq!(open(&rebuild, &s.data).1.how, How::Written);
    assert_eq!(open(&use_it, &s.data).1.how, How::Read);
    let off = Cache::in_dir(Mode::Off, s.dir.clone());
    std::fs::remove_dir_all(&s.dir).unwrap();
    assert_eq!(open(&off, &s.data).1.how, How::Built);
    assert!(!s.dir.exists(), "--no-cache writes nothing");
}

#[test]
fn small_files_and_the_embedded_dataset_are_not_cached() {
    let s = setup();
    let small = s.data.with_file_name("small.json");
    std::fs::write(&small, load::EMBEDDED).unwrap();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    assert!(cache.ticket(&small).is_none());
    let db = load::embedded().unwrap();
    assert_eq!(cache.index(None, &db).how, How::Built);
    assert!(!s.dir.exists());
}

/// A cache directory that cannot be written: the index is built, one notice says so.
/// As root, permission bits do not stop writes, so there the directory's place is taken
/// by a file (nothing can be created below it).
#[test]
fn an_unwritable_cache_directory_costs_one_notice() {
    use std::os::unix::fs::PermissionsExt;
    let s = setup();
    std::fs::create_dir_all(&s.dir).unwrap();
    std::fs::set_permissions(&s.dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let dir = if std::fs::write(s.dir.join("probe"), b"").is_ok() {
        let file = s.dir.with_file_name("a-file");
        std::fs::write(&file, b"").unwrap();
        file.join("shuibei")
    } else {
        s.dir.clone()
    };
    let cache = Cache::in_dir(Mode::Use, dir.clone());
    let (db, opened) = open(&cache, &s.data);
    assert_eq!(opened.how, How::Built);
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(
        opened.notices[0].starts_with("shuibei: index cache off: "),
        "{:?}",
        opened.notices
    );
    assert!(!ids(&db, &opened.index, "gold").is_empty());
    std::fs::set_permissions(&s.dir, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn pruning_keeps_the_directory_under_its_cap() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let _ = open(&cache, &s.data);
    let ours = only_file(&s.dir);
    let name = ours.file_name().unwrap().to_str().unwrap().to_owned();
    let prefix = name.split('-').next().unwrap().to_owned();
    for (i, size) in [(1, 400), (2, 400), (3, 400)] {
        let other = s.dir.join(format!("{i:016x}-00000000.idx"));
        std::fs::write(&other, vec![0u8; size]).unwrap();
        // Older first: 1 is the least recently used.
        let when = std::time::SystemTime::now() - std::time::Duration::from_secs(100 - i);
        std::fs::File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    let stale_temp = s.dir.join(format!(".{name}.1.tmp"));
    std::fs::write(&stale_temp, b"half").unwrap();
    age(&stale_temp);
    // Left by a writer that was interrupted a moment ago: its process is gone.
    let gone = std::process::Command::new("true").spawn().unwrap();
    let gone_pid = gone.id();
    let mut gone = gone;
    gone.wait().unwrap();
    let fresh_temp = s.dir.join(format!(".{name}.{gone_pid}.tmp"));
    std::fs::write(&fresh_temp, b"half").unwrap();
    // Being written by this process now: kept.
    let own_temp = s.dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&own_temp, b"half").unwrap();
    // Not ours: a big file the user keeps there is neither counted nor removed.
    std::fs::write(s.dir.join("notes.bin"), vec![0u8; 5000]).unwrap();
    let ours_len = std::fs::metadata(&ours).unwrap().len();
    store::prune(&s.dir, &prefix, &name, ours_len + 800);
    assert!(
        !stale_temp.exists() && !fresh_temp.exists(),
        "temporary files of ended writers go"
    );
    assert!(own_temp.exists(), "a write under way is left alone");
    std::fs::remove_file(&own_temp).unwrap();
    assert!(s.dir.join("notes.bin").exists());
    let left: Vec<String> = cache_files(&s.dir)
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    let mut expected = vec![
        "0000000000000002-00000000.idx".to_owned(),
        "0000000000000003-00000000.idx".to_owned(),
        "notes.bin".to_owned(),
        name,
    ];
    expected.sort();
    assert_eq!(left, expected);
}

#[test]
fn the_cache_dir_follows_xdg() {
    let dir = |pairs: &[(&str, &str)]| store::dir(&Env::from_pairs(pairs.iter().copied()));
    assert_eq!(
        dir(&[("XDG_CACHE_HOME", "/x/cache"), ("HOME", "/home/u")]),
        Some(PathBuf::from("/x/cache/shuibei"))
    );
    let home = tempfile::tempdir().unwrap();
    let home_str = home.path().to_str().unwrap();
    assert_eq!(
        dir(&[("XDG_CACHE_HOME", "relative"), ("HOME", home_str)]),
        Some(home.path().join(".cache/shuibei")),
        "a relative XDG_CACHE_HOME is ignored"
    );
    assert_eq!(dir(&[]), None);
    // A home that does not exist is not made for the cache's sake.
    let gone = home.path().join("gone");
    assert_eq!(dir(&[("HOME", gone.to_str().unwrap())]), None);
}

/// A cache file of a dataset that was deleted (or a copy moved away) can never be used
/// again: the next write removes it, and keeps those of datasets still there.
#[test]
fn the_files_of_deleted_datasets_are_pruned() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let copy = s.data.with_file_name("copy.json");
    std::fs::copy(&s.data, &copy).unwrap();
    let third = s.data.with_file_name("third.json");
    std::fs::copy(&s.data, &third).unwrap();
    for data in [&copy, &third] {
        assert_eq!(open(&cache, data).1.how, How::Written);
    }
    assert_eq!(cache_files(&s.dir).len(), 2);
    std::fs::remove_file(&copy).unwrap();
    assert_eq!(open(&cache, &s.data).1.how, How::Written);
    let left = cache_files(&s.dir);
    assert_eq!(left.len(), 2, "the deleted copy's file went: {left:?}");
    assert_eq!(
        open(&cache, &third).1.how,
        How::Read,
        "a dataset still there keeps its file"
    );
}

/// A dataset touched (or checked out again) with the same bytes keeps its cache: the
/// length agrees and so does the content's hash. The file takes the new stamp, so the
/// next open needs no hash.
#[test]
fn a_touched_dataset_with_the_same_bytes_keeps_its_cache() {
    let s = setup();
    age(&s.data);
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    assert_eq!(open(&cache, &s.data).1.how, How::Written);
    let file = only_file(&s.dir);
    let before = std::fs::read(&file).unwrap();
    // Touched: a new modification time, the same bytes.
    std::fs::File::options()
        .write(true)
        .open(&s.data)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    let ticket = cache.ticket(&s.data);
    assert!(matches!(cache.warm(ticket.as_ref()), Warm::Found(..)));
    let after = std::fs::read(&file).unwrap();
    let (old, body) = codec::header(&before).unwrap();
    let (new, new_body) = codec::header(&after).unwrap();
    assert_ne!(old.stamp, new.stamp, "the file took the new stamp");
    assert_eq!(new.stamp, Stamp::of(&s.data).unwrap());
    assert_eq!(
        before[usize::try_from(body.start).unwrap()..],
        after[usize::try_from(new_body.start).unwrap()..]
    );
    let (db, opened) = open(&cache, &s.data);
    assert_eq!(opened.how, How::Read);
    assert!(!ids(&db, &opened.index, "alpha").is_empty());
}

/// The content hash taken on its own thread while the dataset loads is the file's, as the
/// one taken after the load was; a file that changes meanwhile is never cached.
#[test]
fn a_hash_taken_ahead_is_the_files_and_a_change_meanwhile_is_not_cached() {
    let s = setup();
    let cache = Cache::in_dir(Mode::Use, s.dir.clone());
    let mut ticket = cache.ticket(&s.data).expect("a ticket");
    ticket.hash_ahead();
    let db = load::load_file(&s.data).expect("loads");
    assert_eq!(cache.index(Some(&ticket), &db).how, How::Written);
    let (header, _) = codec::header(&std::fs::read(only_file(&s.dir)).unwrap()).unwrap();
    assert_eq!(header.content, stamp::content_hash(&s.data).unwrap());

    std::fs::remove_file(only_file(&s.dir)).unwrap();
    let mut ticket = cache.ticket(&s.data).expect("a ticket");
    ticket.hash_ahead();
    std::fs::write(&s.data, dataset("Echo, a longer name")).unwrap();
    assert_eq!(
        cache.index(Some(&ticket), &db).how,
        How::Built,
        "changed after the ticket"
    );
    assert!(cache_files(&s.dir).is_empty());
}

mod layers;
mod sources;
