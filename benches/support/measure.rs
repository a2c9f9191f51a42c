//! Runs a command and measures its wall time and peak resident memory, by polling
//! `/proc/PID/status` (`VmHWM` is the high-water mark, so a late poll loses nothing but
//! the last few milliseconds of growth). Linux only; needs no tools installed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run: seconds of wall time and peak RSS in KiB.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub seconds: f64,
    pub peak_kib: u64,
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
    loop {
        if let Some(kib) = peak_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "{} {args:?} failed: {status}", program.display());
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Sample {
        seconds: start.elapsed().as_secs_f64(),
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
