//! Load benchmark: a SYNTHETIC dataset of 1,000,000 enterprises (a third with Chinese
//! names), loaded and validated by `shuibei validate`, side by side with Python's json
//! module and (if installed) jq parsing the same file, in one run. Reports wall time,
//! peak memory, the ratio to the file size and to the reference tools.
//!
//! `cargo bench --bench load` (set `SHUIBEI_BENCH_N` for another size, `SHUIBEI_BENCH_RUNS`
//! for more runs per figure).

#[path = "support/measure.rs"]
mod measure;
#[path = "support/synth.rs"]
mod synth;

use std::path::PathBuf;

use measure::{Sample, median, run, which};

fn main() {
    let n = synth::setting("SHUIBEI_BENCH_N", 1_000_000);
    let runs = synth::setting("SHUIBEI_BENCH_RUNS", 5);
    let file = synth::file(n);
    let size = std::fs::metadata(&file).expect("dataset").len();
    let path = file.to_str().expect("utf-8 path");
    let shuibei = PathBuf::from(env!("CARGO_BIN_EXE_shuibei"));
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "load benchmark: {n} synthetic enterprises, {:.1} MB file, {runs} runs each, median shown, {cpus} cores",
        mb(size)
    );
    println!(
        "{:<44} {:>9} {:>10} {:>12}",
        "command", "seconds", "peak MB", "peak / file"
    );
    let mut rows: Vec<(String, Sample)> = Vec::new();
    let mut measure = |label: &str, program: &PathBuf, args: &[&str], env: &[(&str, &str)]| {
        let sample = median((0..runs).map(|_| run(program, args, env)).collect());
        #[allow(clippy::cast_precision_loss)]
        let ratio = sample.peak_kib as f64 * 1024.0 / size as f64;
        println!(
            "{label:<44} {:>9.3} {:>10.1} {:>11.2}x",
            sample.seconds,
            mb(sample.peak_kib * 1024),
            ratio
        );
        rows.push((label.to_owned(), sample));
    };
    measure("shuibei validate (all cores)", &shuibei, &["validate", path], &[]);
    measure(
        "shuibei validate (one core)",
        &shuibei,
        &["validate", path],
        &[("RAYON_NUM_THREADS", "1")],
    );
    if let Some(python) = which("python3") {
        let script = "import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))";
        measure("python3 json.load (reference)", &python, &["-c", script, path], &[]);
    }
    if let Some(jq) = which("jq") {
        measure("jq length (reference)", &jq, &["length", path], &[]);
    }
    let ours = rows[0].1.seconds;
    for (label, sample) in rows.iter().skip(2) {
        println!(
            "ratio: shuibei validate / {label}: {:.2} (below 1 = shuibei is faster)",
            ours / sample.seconds
        );
    }
    after_load(&file, runs);
}

/// What the explorer computes from the whole dataset besides loading it, measured in this
/// process beside the load: the brief (how current each tab is, the figures' questions
/// and conflicts, who cites each source), built once off the UI thread so the first frame
/// never waits for it; and the facet counts `f` makes on the Enterprises tab.
fn after_load(file: &std::path::Path, runs: usize) {
    use shuibei::explorer::action::Tab;
    use shuibei::explorer::app::facets::{Facets, Picker};
    let timed = |f: &mut dyn FnMut()| {
        let mut seconds: Vec<f64> = (0..runs)
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .collect();
        seconds.sort_by(f64::total_cmp);
        seconds[seconds.len() / 2]
    };
    let mut db = None;
    let load = timed(&mut || db = Some(shuibei::data::load::load_file(file).expect("the synthetic file loads")));
    let db = db.expect("loaded");
    let brief = timed(&mut || drop(std::hint::black_box(shuibei::data::brief::Brief::build(&db))));
    let rows: Vec<u32> = (0..db.enterprises().len())
        .filter_map(|i| u32::try_from(i).ok())
        .collect();
    let facets = timed(&mut || {
        drop(std::hint::black_box(Picker::open(
            &db,
            Tab::Enterprises,
            &Facets::default(),
            &rows,
        )));
    });
    println!("in process, median of {runs}:");
    println!("  load (stream, parse, check)                 {load:>9.3} s");
    println!(
        "  brief, once, off the UI thread              {brief:>9.3} s  = {:.2}x the load",
        brief / load
    );
    println!(
        "  facet counts for f on Enterprises           {facets:>9.3} s  = {:.2}x the load",
        facets / load
    );
}

#[allow(clippy::cast_precision_loss)]
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
