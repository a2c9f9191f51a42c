//! Helpers shared by the integration tests: run the real binary, find fixtures.
#![allow(dead_code)] // each test file uses a different subset

pub mod explorer;
pub mod screen;
pub mod tmux;

use std::path::PathBuf;
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
    let output: Output = Command::new(env!("CARGO_BIN_EXE_shuibei"))
        .args(args)
        .env_remove("SHUIBEI_DATA")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
