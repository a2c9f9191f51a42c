//! The search index cache through the real binary: `search` writes it, then reads it;
//! `--no-cache` and `--rebuild-index`; a damaged cache file and an unwritable cache
//! directory each cost one line on stderr and never the results; the explorer writes
//! the cache too (in tmux). The cases of the cache itself (every kind of change to the
//! dataset, truncation, versions, permissions, pruning) are unit tests in
//! `src/search/cache/tests.rs`, and those of layers in `tests_layers.rs` beside it.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::tmux::{self, Tmux};

/// A dataset just over the size worth caching (1 MiB).
fn big_dataset(path: &Path) {
    let mut records = Vec::new();
    let mut len = 0;
    let mut i = 0;
    while len < (1 << 20) + 4096 {
        let record = format!(r#"{{"id":"e{i}","name":"Golden Dragon Jewellery {i}","name_zh":"金龙珠宝{i}号"}}"#);
        len += record.len() + 1;
        records.push(record);
        i += 1;
    }
    let json = format!(
        r#"{{"format":"shuibei/1","cluster":{{"name":"c"}},"enterprises":[{}]}}"#,
        records.join(",")
    );
    std::fs::write(path, json).expect("write dataset");
}

struct Setup {
    tmp: tempfile::TempDir,
    data: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().expect("temp dir");
        let data = tmp.path().join("big.json");
        big_dataset(&data);
        Setup { tmp, data }
    }

    fn cache_home(&self) -> PathBuf {
        self.tmp.path().join("cache")
    }

    fn cache_dir(&self) -> PathBuf {
        self.cache_home().join("shuibei")
    }

    /// `shuibei search --stats QUERY --data big.json EXTRA…` with the cache home given.
    fn search(&self, cache_home: &Path, extra: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
            .args(["search", "--stats", "--limit", "5", "jlzb 77", "--data"])
            .arg(&self.data)
            .args(extra)
            .env_remove("SHUIBEI_DATA")
            .env("XDG_CACHE_HOME", cache_home)
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// `shuibei search --stats ARGS…` with the cache home given: the exit code, stdout and
/// stderr.
fn searched(cache_home: &Path, args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(["search", "--stats"])
        .args(args)
        .env_remove("SHUIBEI_DATA")
        .env("XDG_CACHE_HOME", cache_home)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The stderr lines that are not `--stats`.
fn notices(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| !l.starts_with("shuibei: stats:")).collect()
}

#[test]
fn search_writes_the_cache_once_then_reads_it() {
    let s = Setup::new();
    let (code, first, err) = s.search(&s.cache_home(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(built, cache written)"), "{err}");
    assert!(first.starts_with("enterprise\te77\t"), "{first}");
    assert_eq!(cache_files(&s.cache_dir()).len(), 1);
    let (code, second, err) = s.search(&s.cache_home(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(index and values read from the cache)"), "{err}");
    assert_eq!(second, first);
    assert!(notices(&err).is_empty(), "{err}");
}

/// What a warm search prints (from the cache's packed values, the dataset not loaded) is
/// byte for byte what a search of the loaded dataset prints: rows, labels, JSON with
/// positions and reasons, counts and exit codes.
#[test]
fn a_warm_search_answers_as_the_loaded_dataset_does() {
    let s = Setup::new();
    let run = |args: &[&str], extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
            .args(["search", "--stats"])
            .args(args)
            .arg("--data")
            .arg(&s.data)
            .args(extra)
            .env_remove("SHUIBEI_DATA")
            .env("XDG_CACHE_HOME", s.cache_home())
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            err,
        )
    };
    let (_, _, err) = run(&["gold"], &[]);
    assert!(err.contains("cache written"), "{err}");
    for args in [
        &["jlzb 77"][..],
        &["--json", "jlzb 77"],
        &["--json", "--limit", "30", "金龙 1"],
        &["--json", "golden dragon jewelery 12"],
        &["--limit", "1", "dragon"],
        &["id:e4"],
        &["--json", "--tab", "enterprises", "jinlong"],
        &["name:golden -dragon"],
        &["nothing-like-this"],
        // An id as the whole query: the warm search reads the ids from the chunks.
        &["--json", "e4000"],
        &["--tab", "brands", "e4000"],
    ] {
        let (code, warm, err) = run(args, &[]);
        assert!(
            err.contains("(index and values read from the cache)"),
            "{args:?}: {err}"
        );
        let (plain_code, plain, _) = run(args, &["--no-cache"]);
        assert_eq!((code, &warm), (plain_code, &plain), "{args:?}");
        if args == ["--json", "e4000"] {
            assert!(warm.starts_with(r#"{"kind":"enterprise","id":"e4000","#), "{warm}");
            assert_eq!(warm.lines().count(), 1, "{warm}");
        }
    }
}

#[test]
fn no_cache_and_rebuild_index() {
    let s = Setup::new();
    let (_, plain, err) = s.search(&s.cache_home(), &["--no-cache"]);
    assert!(err.contains("(built)"), "{err}");
    assert!(!s.cache_dir().exists(), "--no-cache writes nothing");
    let (_, _, err) = s.search(&s.cache_home(), &[]);
    assert!(err.contains("cache written"), "{err}");
    let (_, rebuilt, err) = s.search(&s.cache_home(), &["--rebuild-index"]);
    assert!(err.contains("(built, cache written)"), "{err}");
    assert_eq!(rebuilt, plain);
    let (code, _, err) = s.search(&s.cache_home(), &["--no-cache", "--rebuild-index"]);
    assert_eq!(code, 2, "the two contradict: a usage error\n{err}");
    // Where nothing is cached, --rebuild-index says so instead of doing nothing silently.
    let small = s.tmp.path().join("small.json");
    std::fs::write(
        &small,
        r#"{"format":"shuibei/1","cluster":{"name":"c"},"enterprises":[{"id":"s1","name":"Small Works"}]}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(["search", "--rebuild-index", "small works", "--add"])
        .arg(&small)
        .env_remove("SHUIBEI_DATA")
        .env("XDG_CACHE_HOME", s.cache_home())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nothing cached to rebuild: the files given with --add are together under 1 MiB"),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(["search", "--rebuild-index", "zhou"])
        .env_remove("SHUIBEI_DATA")
        .env("XDG_CACHE_HOME", s.cache_home())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing cached to rebuild: the built-in dataset"), "{err}");
}

/// Damages the cache file a first search wrote; the next search must answer as the
/// first did, with one line on stderr that starts `said`, and the one after that read
/// the cache again.
fn damaged_then_searched(damage: impl FnOnce(&mut Vec<u8>), said: &str) {
    let s = Setup::new();
    let (_, first, _) = s.search(&s.cache_home(), &[]);
    let file = cache_files(&s.cache_dir()).pop().expect("a cache file");
    let mut bytes = std::fs::read(&file).unwrap();
    damage(&mut bytes);
    std::fs::write(&file, &bytes).unwrap();
    let (code, again, err) = s.search(&s.cache_home(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(again, first);
    let notices = notices(&err);
    assert_eq!(notices.len(), 1, "{err}");
    assert!(notices[0].starts_with(said), "{err}");
    let (_, third, err) = s.search(&s.cache_home(), &[]);
    assert!(err.contains("(index and values read from the cache)"), "{err}");
    assert_eq!(third, first);
}

#[test]
fn a_damaged_cache_file_is_rebuilt_with_one_line_on_stderr() {
    damaged_then_searched(
        |bytes| bytes.truncate(bytes.len() / 3),
        "shuibei: the index cache is truncated; rebuilt it (",
    );
}

/// A warm search reads a chunk of the cache only when it needs it: damage found then
/// prints nothing of that search; it runs again on the dataset, which rebuilds the file.
#[test]
fn damage_found_while_searching_gives_the_right_answers_and_rebuilds() {
    damaged_then_searched(
        |bytes| {
            // A record's Chinese name, which only the packed names hold.
            let name = "金龙珠宝77号".as_bytes();
            let at = bytes
                .windows(name.len())
                .position(|w| w == name)
                .expect("the names are in the cache file");
            bytes[at + 2] ^= 0x01;
        },
        "shuibei: the index cache is damaged (a chunk of its packed names fails its checksum); rebuilt it (",
    );
}

/// A cache home nothing can be created in (below a plain file: even root cannot).
#[test]
fn an_unwritable_cache_directory_still_searches_with_one_notice() {
    let s = Setup::new();
    let blocked = s.tmp.path().join("a-file");
    std::fs::write(&blocked, b"").unwrap();
    let (_, expected, _) = s.search(&s.cache_home(), &["--no-cache"]);
    let (code, out, err) = s.search(&blocked, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, expected);
    let said = notices(&err);
    assert_eq!(said.len(), 1, "{err}");
    assert!(said[0].starts_with("shuibei: index cache off: "), "{err}");
    assert!(
        said[0].contains("a-file is a file where a folder should be: move it away"),
        "{err}"
    );
    assert!(said[0].contains("--no-cache"), "says how to silence it: {err}");
}

/// The explorer makes the index off the UI thread through the cache: after a session
/// that searched, `search` finds the cache written.
#[test]
fn the_explorer_writes_the_cache_that_search_then_reads() {
    if !tmux::available() {
        return;
    }
    let s = Setup::new();
    let command = format!(
        "XDG_CACHE_HOME='{}' '{}' --data '{}'; echo ==END==; exec sleep 600",
        s.cache_home().display(),
        tmux::binary().display(),
        s.data.display()
    );
    let t = Tmux::start(100, 30, &command);
    t.wait_text("[0 Overview");
    t.keys(&["2", "/"]);
    t.text("jlzb 77");
    t.wait_text("Golden Dragon Jewellery 77");
    // The search ran, so the index was made; the cache file is written right after.
    let dir = s.cache_dir();
    t.wait_for("the cache file", |_| {
        cache_files(&dir)
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "idx"))
    });
    // Escape clears the box, a second leaves it, and q quits.
    t.keys(&["Escape"]);
    t.wait_text("Esc close");
    t.keys(&["Escape"]);
    t.wait_text("q quit");
    t.keys(&["q"]);
    t.wait_text("==END==");
    let (_, _, err) = s.search(&s.cache_home(), &[]);
    assert!(err.contains("(index and values read from the cache)"), "{err}");
    // A damaged cache is said on the status line while the explorer runs, not only on
    // stderr after it quits.
    let file = cache_files(&dir)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .unwrap();
    std::fs::write(&file, b"junk").unwrap();
    let t = Tmux::start(100, 30, &command);
    t.wait_text("[0 Overview");
    t.wait_text("not a shuibei index cache; rebuilt it");
    t.keys(&["q"]);
    t.wait_text("==END==");
}

/// `--print-config` says where the cache is and whether this run uses it, as comments
/// (the output stays a config file).
#[test]
fn print_config_names_the_cache() {
    let s = Setup::new();
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
            .arg("--print-config")
            .args(extra)
            .env("XDG_CACHE_HOME", s.cache_home())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let on = run(&[]);
    let line = on
        .lines()
        .find(|l| l.starts_with("# search index cache: on; "))
        .unwrap_or_else(|| panic!("{on}"));
    assert!(line.contains(&s.cache_dir().display().to_string()), "{line}");
    assert!(run(&["--no-cache"]).contains("# search index cache: off (--no-cache)"));
    assert!(run(&["--rebuild-index"]).contains("# search index cache: would be rebuilt (--rebuild-index)"));
}

/// A list laid over the built-in dataset (`--add`) is cached too: the second search reads
/// the cache, answers byte for byte as the first, and repeats the notice the layer gave
/// (a near miss kept apart). A search that finds nothing as typed still says which
/// built-in sources hold the words. A changed layer is indexed again.
#[test]
fn a_list_added_over_the_built_in_data_is_cached_with_its_notices() {
    let s = Setup::new();
    let layer = s.tmp.path().join("layer.json");
    let json = std::fs::read_to_string(&s.data).unwrap().replacen(
        r#""enterprises":["#,
        r#""enterprises":[{"id":"near1","name":"Near One","name_zh":"周大福珠宝制造有限公司"},"#,
        1,
    );
    std::fs::write(&layer, json).unwrap();
    let run = |query: &str| {
        searched(
            &s.cache_home(),
            &[
                "--limit".as_ref(),
                "5".as_ref(),
                query.as_ref(),
                "--add".as_ref(),
                layer.as_ref(),
            ],
        )
    };
    let (code, first, err) = run("jlzb 77");
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("(built, cache written)"), "{err}");
    let near = "shuibei: notice: ";
    let said: Vec<&str> = notices(&err).into_iter().filter(|l| l.starts_with(near)).collect();
    assert_eq!(said.len(), 1, "{err}");
    assert!(
        said[0].contains("near1 (周大福珠宝制造有限公司) may be chow-tai-fook-shenzhen below"),
        "{err}"
    );
    let (code, second, err2) = run("jlzb 77");
    assert_eq!(code, Some(0), "{err2}");
    assert!(err2.contains("(index and values read from the cache)"), "{err2}");
    assert_eq!(second, first);
    assert_eq!(notices(&err2), notices(&err), "the same notices, from the cache");
    // The built-in records answer from the cache as well.
    let (_, rows, err) = run("周大福");
    assert!(err.contains("read from the cache"), "{err}");
    assert!(rows.contains("\tbrand-chow-tai-fook\t"), "{rows}");
    // 跑路 stands only in the titles of built-in sources: the hint that says so reads the
    // sources the cache file keeps, not the list again.
    let (code, rows, err) = run("跑路");
    assert_eq!((code, rows.as_str()), (Some(1), ""), "{err}");
    assert!(err.contains("but 2 sources match it"), "{err}");
    assert!(err.contains("index and values read from the cache"), "{err}");
    // The layer changed: indexed again.
    let json = std::fs::read_to_string(&layer).unwrap().replace("Near One", "Near Two");
    std::fs::write(&layer, json).unwrap();
    let (_, _, err) = run("near two");
    assert!(err.contains("(built, cache written)"), "{err}");
    assert_eq!(cache_files(&s.cache_dir()).len(), 1, "the old file is replaced");
}

/// A warm search that finds nothing as typed names the sources whose titles hold the
/// words, as a search of the loaded dataset does: the cache file keeps the sources, so
/// neither the dataset nor its layers are read again. With a `--data` file alone, and
/// with a layer over it whose own source holds the word.
#[test]
fn a_warm_search_that_finds_nothing_names_the_sources_the_cache_keeps() {
    let s = Setup::new();
    let json = std::fs::read_to_string(&s.data).unwrap().replacen(
        r#""enterprises":["#,
        r#""sources":[{"id":"s-reg","title":"Registry export","publisher":"企查查","reliability":"medium"}],"enterprises":["#,
        1,
    );
    std::fs::write(&s.data, json).unwrap();
    let layer = s.tmp.path().join("layer.json");
    std::fs::write(
        &layer,
        r#"{"format":"shuibei/1","cluster":{"name":"c"},"sources":[{"id":"s-run","title":"老板跑路调查","reliability":"medium"}],"enterprises":[{"id":"s1","name":"Small Works","sources":[{"source":"s-run"}]}]}"#,
    )
    .unwrap();
    let data: [&std::ffi::OsStr; 2] = ["--data".as_ref(), s.data.as_ref()];
    let added: [&std::ffi::OsStr; 2] = ["--add".as_ref(), layer.as_ref()];
    let over_built_in: [&std::ffi::OsStr; 4] = ["--add".as_ref(), s.data.as_ref(), "--add".as_ref(), layer.as_ref()];
    for layers in [&data[..], &[data, added].concat(), &over_built_in] {
        let run = |query: &str, extra: &[&std::ffi::OsStr]| {
            let args = [&[query.as_ref()], layers, extra].concat();
            searched(&s.cache_home(), &args)
        };
        let (_, _, err) = run("jlzb 77", &[]);
        assert!(err.contains("(built, cache written)"), "{err}");
        let built_in_below = layers[0] == "--add";
        // 企查查 stands in a built-in event's summary: over it, that event is found.
        let mut queries = vec!["registry export", "zzyzx"];
        if !built_in_below {
            queries.push("企查查");
        }
        if layers.len() > 2 {
            queries.push("跑路");
        }
        for query in queries {
            let (code, rows, err) = run(query, &[]);
            assert!(err.contains("index and values read from the cache"), "{query}: {err}");
            let (cold_code, cold_rows, cold_err) = run(query, &["--no-cache".as_ref()]);
            assert_eq!((code, &rows), (cold_code, &cold_rows), "{query}");
            assert_eq!(notices(&err), notices(&cold_err), "{query}");
            // Over the built-in dataset, its sources count too (跑路: 2 and the layer's).
            let hinted = notices(&err)
                .iter()
                .any(|l| l.contains(", but ") && l.contains(" source"));
            assert_eq!(hinted, query != "zzyzx", "{query}: {err}");
        }
    }
}
