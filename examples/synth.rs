//! Writes a SYNTHETIC dataset (and a matching names file for fzf) for load and search
//! benchmarks. Never ship its output as data: every record is made up.
//!
//! `cargo run --release --example synth -- N OUT.json [NAMES.txt] [SEED]`

#[path = "../benches/support/synth.rs"]
mod synth;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: synth N OUT.json [NAMES.txt] [SEED]");
        return std::process::ExitCode::from(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let (json, names) = synth::dataset(n, seed);
    if let Err(err) = std::fs::write(out, json) {
        eprintln!("synth: cannot write {out}: {err}");
        return std::process::ExitCode::from(2);
    }
    if let Some(path) = args.get(2)
        && let Err(err) = std::fs::write(path, names)
    {
        eprintln!("synth: cannot write {path}: {err}");
        return std::process::ExitCode::from(2);
    }
    std::process::ExitCode::SUCCESS
}
