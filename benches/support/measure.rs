//! Runs a command and measures its wall time and peak resident memory, by polling
//! `/proc/PID/status` (`VmHWM` is the high-water mark, so a late poll loses nothing but
//! the last few milliseconds of growth). Linux only; needs no tools installed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run: seconds of wall time, CPU seconds (user and system, all threads, as last
/// seen before the exit) and peak RSS in KiB.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub seconds: f64,
    #[allow(dead_code)] // each benchmark includes this file; only some report CPU time
    pub cpu_seconds: f64,
    pub peak_kib: u64,
}

/// User and system time so far, in seconds (`/proc/PID/stat` counts in 1/100 s).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start after its `)`.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    #[allow(clippy::cast_precision_loss)]
    Some(ticks as f64 / 100.0)
}

fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
}

/// Runs `program args` with `env`, stdout and stderr discarded; panics if it fails.
pub fn run(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Sample {
    run_with_input(program, args, env, None)
}

/// [`run`] with standard input read from a file.
pub fn run_with_input(program: &Path, args: &[&str], env: &[(&str, &str)], input: Option<&Path>) -> Sample {
    let stdin = match input {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("input file")),
        None => Stdio::null(),
    };
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(stdin)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let mut peak = 0;
    let mut cpu = 0.0f64;
    loop {
        if let Some(kib) = peak_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(seconds) = cpu_seconds(child.id()) {
            cpu = cpu.max(seconds);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            // 1 is "nothing matched" for fzf and `shuibei search` alike, as for grep.
            assert!(
                status.success() || status.code() == Some(1),
                "{} {args:?} failed: {status}",
                program.display()
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Sample {
        seconds: start.elapsed().as_secs_f64(),
        cpu_seconds: cpu,
        peak_kib: peak,
    }
}

/// The median of several runs (by time; memory is taken from the same run).
pub fn median(mut samples: Vec<Sample>) -> Sample {
    samples.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    samples[samples.len() / 2]
}

/// Whether a program can be found on PATH.
pub fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}
