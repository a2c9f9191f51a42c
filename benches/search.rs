//! The search benchmark, in one run: index build, one-shot queries, typing key by key,
//! index memory against the names' size, and `fzf --filter` side by side with the release
//! `shuibei search` on the same SYNTHETIC data.
//!
//! `cargo bench --bench search -- [N] [--no-fzf]` (N enterprises, default 1,000,000). The
//! data is generated once into the target directory and reused. Timings are medians of a
//! few runs; the machine's load average is printed with them, since others share it.

#[path = "support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use shuibei::data::model::RecordKind;
use shuibei::search::{self, Index, Scope, Session, Worker};

const SEED: u64 = 42;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let with_fzf = !args.iter().any(|a| a == "--no-fzf");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (data, names) = synthetic(&dir, n);
    let names_bytes = std::fs::metadata(&names).map_or(0, |m| m.len());
    println!(
        "search benchmark: {n} synthetic enterprises, {} cores",
        rayon::current_num_threads()
    );
    println!("load average at start: {}", load_average());

    let started = Instant::now();
    let db = Arc::new(shuibei::data::load::load_file(&data).expect("the synthetic data loads"));
    println!("\nload (parse + check)       {:>9.1} ms", ms(started.elapsed()));
    let times: Vec<Duration> = (0..3)
        .map(|_| {
            let t = Instant::now();
            let index = Index::build(&db);
            std::hint::black_box(&index);
            t.elapsed()
        })
        .collect();
    println!("index build (median of 3)  {:>9.1} ms", ms(median(times)));
    let index = Arc::new(Index::build(&db));
    let heap = u64::try_from(index.heap_bytes()).unwrap_or(u64::MAX);
    println!(
        "index memory               {:>9.1} MB = {:.2} x the names ({:.1} MB of names.txt)",
        mb(heap),
        ratio(heap, names_bytes),
        mb(names_bytes)
    );

    let scope = Scope::One(RecordKind::Enterprise);
    let queries = [
        ("short", "jin"),
        ("long", "shenzhen golden dragon jewelry"),
        ("chinese", "金华龙"),
        ("pinyin full", "jinhualong"),
        ("pinyin initials", "jhl"),
        ("pinyin mixed", "金hl"),
        ("field", "ownership:state segment:gold"),
        ("no match", "qqzzxxv"),
    ];
    println!("\none-shot queries (median of 5, engine only, every hit ranked / top 50)");
    println!(
        "  {:<16} {:<32} {:>9} {:>10} {:>10}",
        "kind", "query", "matched", "all ms", "top50 ms"
    );
    for (label, q) in queries {
        let (all, matched) = time_query(&index, &db, scope, q, None);
        let (top, _) = time_query(&index, &db, scope, q, Some(50));
        println!("  {label:<16} {q:<32} {matched:>9} {all:>10.1} {top:>10.1}");
    }

    // `shen` and `golden dra` type she, shen, gol and gold, the keystrokes the
    // performance aims name.
    for word in ["jinhualong", "shen", "golden dra"] {
        typing(&index, &db, scope, word);
    }
    for word in ["jinhualong", "shen", "golden dra"] {
        first_results(&index, &db, scope, word);
    }

    if with_fzf {
        side_by_side(&data, &names);
    }
    println!("\nload average at end: {}", load_average());
}

/// Generates (once) the synthetic dataset and its names file.
fn synthetic(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let data = dir.join(format!("synth-{n}-{SEED}.json"));
    let names = dir.join(format!("synth-{n}-{SEED}.names.txt"));
    if !data.exists() || !names.exists() {
        eprintln!("generating {} ...", data.display());
        let (json, lines) = synth::dataset(n, SEED);
        std::fs::write(&data, json).expect("write the synthetic data");
        std::fs::write(&names, lines).expect("write the names");
    }
    (data, names)
}

fn time_query(index: &Index, db: &shuibei::data::db::Db, scope: Scope, q: &str, limit: Option<usize>) -> (f64, usize) {
    let mut matched = 0;
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let out = search::search(index, db, scope, q, limit);
            let d = t.elapsed();
            matched = out.matched;
            d
        })
        .collect();
    (ms(median(times)), matched)
}

/// Types `word` key by key through a `Session` (each step narrows the last one's matches).
fn typing(index: &Index, db: &shuibei::data::db::Db, scope: Scope, word: &str) {
    println!("\ntyping {word:?} key by key (Session: each step re-checks the previous matches)");
    println!("  {:<12} {:>9} {:>10}", "query", "matched", "ms");
    let mut session = Session::new();
    let mut typed = String::new();
    for c in word.chars() {
        typed.push(c);
        let t = Instant::now();
        let out = session.search(index, db, scope, &typed, None);
        println!("  {typed:<12} {:>9} {:>10.1}", out.matched, ms(t.elapsed()));
    }
}

/// Through the `Worker`: how soon the first rows arrive for each keystroke, and when the
/// complete result does, typing one key every 100 ms.
fn first_results(index: &Arc<Index>, db: &Arc<shuibei::data::db::Db>, scope: Scope, word: &str) {
    println!(
        "\nworker, typing {word:?} one key per 100 ms: first rows / complete (ms after the key); \
         settled: how many of the first partial's rows are proven final"
    );
    let (tx, rx) = mpsc::channel();
    let worker = Worker::spawn(Arc::clone(index), Arc::clone(db), move |done| {
        let _ = tx.send((Instant::now(), done));
    });
    let mut typed = String::new();
    for c in word.chars() {
        typed.push(c);
        let sent = Instant::now();
        let generation = worker.request(scope, typed.clone());
        let mut first: Option<(f64, usize, usize)> = None;
        let mut complete: Option<(f64, usize)> = None;
        let deadline = sent + Duration::from_secs(10);
        while complete.is_none() && Instant::now() < deadline {
            if let Ok((at, done)) = rx.recv_timeout(Duration::from_millis(20))
                && done.generation == generation
            {
                let after = ms(at - sent);
                first.get_or_insert((after, done.settled, done.outcome.hits.len()));
                if done.complete {
                    complete = Some((after, done.outcome.matched));
                }
            }
        }
        let (c_ms, matched) = complete.unwrap_or((f64::NAN, 0));
        let (f_ms, settled, rows) = first.unwrap_or((f64::NAN, 0, 0));
        println!(
            "  {typed:<12} first {f_ms:>7.1}  settled {settled:>3}/{rows:<3}  complete {c_ms:>7.1}  ({matched} matched)"
        );
        std::thread::sleep(Duration::from_millis(100).saturating_sub(sent.elapsed()));
    }
}

/// `fzf --filter` and the release `shuibei search` on the same data, end to end.
fn side_by_side(data: &Path, names: &Path) {
    if Command::new("fzf").arg("--version").output().is_err() {
        println!("\nfzf not installed (apt-get install -y fzf): side-by-side skipped");
        return;
    }
    let fzf_version = Command::new("fzf")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    println!("\nend to end vs fzf {fzf_version} (median of 3 runs each; shuibei loads the JSON, fzf reads names.txt)");
    println!(
        "  {:<32} {:>8} {:>8} {:>9} {:>9} {:>9} {:>8} {:>8}",
        "query", "fzf hit", "ours", "fzf ms", "e2e ms", "match ms", "e2e/fzf", "match/fzf"
    );
    for q in [
        "jin",
        "shenzhen golden dragon jewelry",
        "金华龙",
        "jinhualong",
        "Golden Dragon",
        "qqzzxxv",
    ] {
        let mut fzf_hits = 0;
        let fzf_ms = median(
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    let out = Command::new("fzf")
                        .args(["--filter", q])
                        .stdin(std::fs::File::open(names).expect("names"))
                        .stderr(Stdio::null())
                        .output()
                        .expect("fzf runs");
                    fzf_hits = lines(&out.stdout);
                    t.elapsed()
                })
                .collect(),
        );
        let mut ours = 0;
        let mut match_ms = Vec::new();
        let e2e = median(
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    let out = Command::new(env!("CARGO_BIN_EXE_shuibei"))
                        .args(["search", "--stats", "--data"])
                        .arg(data)
                        .arg(q)
                        .output()
                        .expect("shuibei runs");
                    let d = t.elapsed();
                    ours = lines(&out.stdout);
                    if let Some(m) = stat(&String::from_utf8_lossy(&out.stderr), "match") {
                        match_ms.push(Duration::from_secs_f64(m / 1000.0));
                    }
                    d
                })
                .collect(),
        );
        let match_ms = ms(median(match_ms));
        println!(
            "  {q:<32} {fzf_hits:>8} {ours:>8} {:>9.1} {:>9.1} {match_ms:>9.1} {:>8.2} {:>8.3}",
            ms(fzf_ms),
            ms(e2e),
            ms(e2e) / ms(fzf_ms),
            match_ms / ms(fzf_ms)
        );
    }
}

/// A number from the `--stats` line: "..., match 12.3 ms, ...".
fn stat(stderr: &str, name: &str) -> Option<f64> {
    let at = stderr.find(&format!("{name} "))? + name.len() + 1;
    stderr[at..].split_whitespace().next()?.parse().ok()
}

fn median(mut v: Vec<Duration>) -> Duration {
    if v.is_empty() {
        return Duration::ZERO;
    }
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[allow(clippy::cast_precision_loss)]
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / b.max(1) as f64
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

fn lines(bytes: &[u8]) -> usize {
    bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count()
}
