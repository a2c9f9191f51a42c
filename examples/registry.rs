//! Writes a SYNTHETIC registry export (CSV, UTF-8 with a byte-order mark, 企查查-style
//! headers) for trying and measuring `shuibei import`. Never ship its output as data:
//! every company is made up.
//!
//! `cargo run --release --example registry -- N OUT.csv [SEED]`

#[path = "../benches/support/registry.rs"]
mod registry;
#[path = "../benches/support/synth.rs"]
#[allow(dead_code)] // the dataset generator's other parts serve the load benchmark
mod synth;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: registry N OUT.csv [SEED]");
        return std::process::ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    if let Err(err) = std::fs::write(out, registry::csv(n, seed)) {
        eprintln!("registry: cannot write {out}: {err}");
        return std::process::ExitCode::from(2);
    }
    std::process::ExitCode::SUCCESS
}
