//! Export benchmark: a SYNTHETIC dataset of 1,000,000 enterprises exported by `shuibei
//! export` as CSV, JSON Lines and xlsx, beside loading alone (`shuibei validate`) and
//! reference tools writing the same rows in one run: Python's `csv` module and jq
//! (`@csv`) for CSV, and (if installed) openpyxl in its write-only mode for xlsx.
//! Reports wall time and peak memory, and the ratios.
//!
//! `cargo bench --bench export` (set `SHUIBEI_BENCH_N` for another size,
//! `SHUIBEI_BENCH_RUNS` for more runs per figure).

#[path = "support/measure.rs"]
mod measure;
#[path = "support/synth.rs"]
mod synth;

use std::path::PathBuf;

use measure::{Sample, median, run, which};

/// The columns the reference tools write: the enterprise's own text fields (shuibei
/// writes more: every field, typed in xlsx), so the references are if anything favoured.
const PYTHON_CSV: &str = "
import csv, json, sys
data = json.load(open(sys.argv[1], encoding='utf-8'))
with open(sys.argv[2], 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'name', 'name_zh', 'kind', 'segments', 'location', 'sources'])
    for e in data['enterprises']:
        w.writerow([e['id'], e['name'], e.get('name_zh', ''), e.get('kind', ''),
                    '; '.join(e.get('segments', [])), e.get('location', ''),
                    '; '.join(s['source'] for s in e.get('sources', []))])
";

const OPENPYXL: &str = "
import json, sys
from openpyxl import Workbook
data = json.load(open(sys.argv[1], encoding='utf-8'))
wb = Workbook(write_only=True)
ws = wb.create_sheet('Enterprises')
ws.append(['id', 'name', 'name_zh', 'kind', 'segments', 'location', 'sources'])
for e in data['enterprises']:
    ws.append([e['id'], e['name'], e.get('name_zh', ''), e.get('kind', ''),
               '; '.join(e.get('segments', [])), e.get('location', ''),
               '; '.join(s['source'] for s in e.get('sources', []))])
wb.save(sys.argv[2])
";

const JQ_CSV: &str = r#".enterprises[] | [.id, .name, (.name_zh // ""), (.kind // ""), ((.segments // []) | join("; ")), (.location // ""), ((.sources // []) | map(.source) | join("; "))] | @csv"#;

fn main() {
    let n = synth::setting("SHUIBEI_BENCH_N", 1_000_000);
    let runs = synth::setting("SHUIBEI_BENCH_RUNS", 3);
    let file = synth::file(n);
    let path = file.to_str().expect("utf-8 path");
    let dir = file.parent().expect("bench-data dir").to_owned();
    let out = |ext: &str| dir.join(format!("export-{n}.{ext}")).display().to_string();
    let shuibei = PathBuf::from(env!("CARGO_BIN_EXE_shuibei"));
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!("export benchmark: {n} synthetic enterprises, {runs} runs each, median shown, {cpus} cores");
    println!(
        "{:<46} {:>9} {:>10} {:>10}",
        "command", "seconds", "peak MB", "output MB"
    );
    let mut rows: Vec<(&str, Sample)> = Vec::new();
    let mut measure = |label: &'static str, program: &PathBuf, args: &[&str], output: Option<&str>| {
        let sample = median((0..runs).map(|_| run(program, args, &[])).collect());
        let size = output.and_then(|o| std::fs::metadata(o).ok()).map_or(0, |m| m.len());
        println!(
            "{label:<46} {:>9.2} {:>10.1} {:>10.1}",
            sample.seconds,
            mb(sample.peak_kib * 1024),
            mb(size)
        );
        rows.push((label, sample));
    };
    measure("shuibei validate (loading alone)", &shuibei, &["validate", path], None);
    for (label, ext) in [
        ("shuibei export, CSV", "csv"),
        ("shuibei export, JSON Lines", "jsonl"),
        ("shuibei export, xlsx", "xlsx"),
    ] {
        let target = out(ext);
        let args = ["export", "--tab", "enterprises", "--data", path, "--output", &target];
        measure(label, &shuibei, &args, Some(&target));
    }
    let python = which("python3");
    if let Some(python) = &python {
        let target = out("py.csv");
        measure(
            "python3 json + csv (reference)",
            python,
            &["-c", PYTHON_CSV, path, &target],
            Some(&target),
        );
    }
    if let Some(jq) = which("jq") {
        measure("jq @csv to /dev/null (reference)", &jq, &["-r", JQ_CSV, path], None);
    }
    let openpyxl = python.as_ref().is_some_and(|p| {
        std::process::Command::new(p)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if let (Some(python), true) = (&python, openpyxl) {
        let target = out("py.xlsx");
        measure(
            "python3 openpyxl write-only (reference)",
            python,
            &["-c", OPENPYXL, path, &target],
            Some(&target),
        );
    }
    let find = |label: &str| rows.iter().find(|(l, _)| *l == label).map(|(_, s)| *s);
    let ratio = |a: &str, b: &str| {
        if let (Some(x), Some(y)) = (find(a), find(b)) {
            #[allow(clippy::cast_precision_loss)]
            let memory = x.peak_kib as f64 / y.peak_kib as f64;
            println!(
                "ratio: {a} / {b}: time {:.2}, memory {memory:.2}",
                x.seconds / y.seconds
            );
        }
    };
    ratio("shuibei export, xlsx", "shuibei export, CSV");
    ratio("shuibei export, CSV", "python3 json + csv (reference)");
    ratio("shuibei export, CSV", "jq @csv to /dev/null (reference)");
    ratio("shuibei export, xlsx", "python3 openpyxl write-only (reference)");
}

#[allow(clippy::cast_precision_loss)]
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
