//! Helpers shared by the integration tests: run the real binary, find fixtures.
#![allow(dead_code)] // each test file uses a different subset

pub mod explorer;
pub mod screen;
pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The path of a file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// What a run of the binary printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `shuibei ARGS` with no terminal and no inherited dataset setting.
pub fn shuibei(args: &[&str]) -> Run {
    run_of(
        &Command::new(env!("CARGO_BIN_EXE_shuibei"))
            .args(args)
            .env_remove("SHUIBEI_DATA")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs"),
    )
}

/// What a finished run printed and how it exited.
pub fn run_of(output: &Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The `"id"` of each line of JSON Lines output (`search --json`, `export --format jsonl`).
pub fn json_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["id"].as_str().expect("an id").to_owned()
        })
        .collect()
}

/// The rows of `shuibei search --json ARGS`, with its run (exit code and stderr).
pub fn search_json(args: &[&str]) -> (Vec<serde_json::Value>, Run) {
    let mut full = vec!["search", "--json"];
    full.extend_from_slice(args);
    let run = shuibei(&full);
    let rows = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    (rows, run)
}

/// A JSON row's string field (`""` when absent).
pub fn text(row: &serde_json::Value, key: &str) -> String {
    row[key].as_str().unwrap_or_default().to_owned()
}

/// Runs `shuibei ARGS` in `dir` as a new user's shell would: no terminal, no dataset
/// from the environment, the config directory `dir/config` (empty unless the test
/// writes one), and the variables in `env` set.
pub fn shuibei_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(args)
        .current_dir(dir)
        .env_remove("SHUIBEI_DATA")
        .env_remove("SHUIBEI_ADD")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    run_of(&output)
}
