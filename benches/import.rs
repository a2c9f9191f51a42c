//! Import benchmark: a SYNTHETIC registry export of 1,000,000 rows (CSV, UTF-8 with a
//! byte-order mark, 企查查-style headers; `benches/support/registry.rs`), imported by
//! `shuibei import`, and the same file as GB18030; side by side, in the same run, with
//! Python's csv module turning the same file into JSON Lines (the reference: a streaming
//! CSV → JSON pass with no checks). Then the imported dataset laid over the shipped one
//! (`shuibei --add OUT validate`). Reports wall time, CPU time, peak memory, the ratio of
//! peak memory to the file's size, and the ratios to the reference.
//!
//! `cargo bench --bench import` (set `SHUIBEI_BENCH_N` for another size,
//! `SHUIBEI_BENCH_RUNS` for more runs per figure).

#[path = "support/measure.rs"]
mod measure;
#[path = "support/registry.rs"]
mod registry;
#[path = "support/synth.rs"]
#[allow(dead_code)] // the dataset generator's other parts serve the load benchmark
mod synth;

use std::path::{Path, PathBuf};

use measure::{Sample, median, run, which};

fn main() {
    let n: usize = std::env::var("SHUIBEI_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let runs: usize = std::env::var("SHUIBEI_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data dir");
    let csv = dir.join(format!("registry-{n}.csv"));
    let gbk = dir.join(format!("registry-{n}-gb18030.csv"));
    if !csv.exists() || !gbk.exists() {
        eprintln!("generating {} (synthetic, {n} rows)...", csv.display());
        let text = registry::csv(n, 42);
        std::fs::write(&csv, &text).expect("write the export");
        let (bytes, _, _) = encoding_rs::GB18030.encode(text.trim_start_matches('\u{feff}'));
        std::fs::write(&gbk, bytes).expect("write the GB18030 export");
    }
    let out = dir.join(format!("registry-{n}.json"));
    let shuibei = PathBuf::from(env!("CARGO_BIN_EXE_shuibei"));
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "import benchmark: {n} synthetic rows, {runs} runs each, median shown, {cpus} cores, load average {}",
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    println!(
        "{:<48} {:>8} {:>8} {:>9} {:>8} {:>11}",
        "command", "file MB", "seconds", "cpu s", "peak MB", "peak / file"
    );
    let line = |label: &str, file: &Path, sample: &Sample| {
        let size = std::fs::metadata(file).map_or(1, |m| m.len());
        #[allow(clippy::cast_precision_loss)]
        let ratio = sample.peak_kib as f64 * 1024.0 / size as f64;
        println!(
            "{label:<48} {:>8.1} {:>8.2} {:>9.2} {:>8.1} {:>10.2}x",
            mb(size),
            sample.seconds,
            sample.cpu_seconds,
            mb(sample.peak_kib * 1024),
            ratio
        );
    };
    let (csv_s, out_s, gbk_s) = (
        csv.to_str().expect("utf-8 path"),
        out.to_str().expect("utf-8 path"),
        gbk.to_str().expect("utf-8 path"),
    );
    let ours = median(
        (0..runs)
            .map(|_| run(&shuibei, &["import", csv_s, "-o", out_s], &[]))
            .collect(),
    );
    line("shuibei import (UTF-8 CSV)", &csv, &ours);
    let decoded = median(
        (0..runs)
            .map(|_| run(&shuibei, &["import", gbk_s, "-o", out_s], &[]))
            .collect(),
    );
    line("shuibei import (GB18030 CSV)", &gbk, &decoded);
    let reference = which("python3").map(|python| {
        let script = "import csv,json,sys\n\
            out = open(sys.argv[2], 'w', encoding='utf-8')\n\
            for row in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')):\n    \
            out.write(json.dumps(row, ensure_ascii=False) + '\\n')\n";
        let jsonl = dir.join(format!("registry-{n}.jsonl"));
        let jsonl = jsonl.to_str().expect("utf-8 path").to_owned();
        let sample = median(
            (0..runs)
                .map(|_| run(&python, &["-c", script, csv_s, &jsonl], &[]))
                .collect(),
        );
        line("python3 csv → JSON Lines (reference)", &csv, &sample);
        sample
    });
    let layered = median(
        (0..runs)
            .map(|_| run(&shuibei, &["--add", out_s, "validate"], &[]))
            .collect(),
    );
    line("shuibei --add OUT validate (load the layer)", &out, &layered);
    if let Some(reference) = reference {
        println!(
            "ratio: shuibei import / python3 csv → JSON Lines: {:.2} in wall time, {:.2} in memory (below 1 = shuibei does better)",
            ours.seconds / reference.seconds,
            ratio(ours.peak_kib, reference.peak_kib)
        );
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / b.max(1) as f64
}

#[allow(clippy::cast_precision_loss)]
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
