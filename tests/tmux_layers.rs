//! A registry export, imported and laid over the shipped data (`--add`), in the real
//! binary in a real terminal (tmux): the header names the layer with its record count,
//! and an imported company is found by the pinyin of its Chinese name.

use crate::common;

use std::path::Path;

use common::tmux::{self, Tmux};

/// Imports the README's example export into `dir/registry.json` with the binary under test.
fn import(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("registry.json");
    let status = std::process::Command::new(tmux::binary())
        .args(["import", "--date", "2024-05-01", "-o"])
        .arg(&out)
        .arg(common::fixture("import/qcc-shuibei-example.csv"))
        .env("XDG_CONFIG_HOME", dir)
        .env_remove("SHUIBEI_DATA")
        .env_remove("SHUIBEI_ADD")
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(status.success());
    out
}

fn explore(dir: &Path, registry: &Path, width: u16, height: u16) -> Tmux {
    let command = format!(
        "env -u SHUIBEI_DATA -u SHUIBEI_ADD XDG_CONFIG_HOME='{}' '{}' --add '{}'; echo \"exit=$?\"; exec sleep 600",
        dir.display(),
        tmux::binary().display(),
        registry.display()
    );
    Tmux::start(width, height, &command)
}

#[test]
fn an_added_layer_is_named_in_the_header_and_searched_by_pinyin() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let registry = import(dir.path());
    for (width, height) in [(80, 24), (200, 60)] {
        let t = explore(dir.path(), &registry, width, height);
        let screen = t.wait_text("[0 Overview");
        let title = screen.lines().next().unwrap();
        assert!(
            title.contains(" shuibei · ") && title.ends_with("+ registry.json (5 records)"),
            "{width}×{height}: the header names the layer:\n{screen}"
        );
        t.keys(&["2"]);
        t.wait_text("[2 Enterprises");
        t.keys(&["/"]);
        t.text("sbsl");
        // Both at once: a capture can catch a frame half drawn (the list new, the detail
        // not yet), so the screen is read again until the whole frame is there.
        t.wait_for("the imported company, the detail with its registry fields", |s| {
            s.contains("深圳市水贝示例") && s.contains("Credit code")
        });
        // Escape clears the search and stays in the box; a second Escape leaves it; then
        // q, once the box has closed (keys sent together, a terminal reads them as one
        // Alt-key and the second is lost).
        t.keys(&["Escape"]);
        t.wait_for("the search to clear", |s| {
            !s.contains("/ sbsl") && s.contains("Esc close")
        });
        t.keys(&["Escape"]);
        t.wait_text("q quit");
        t.keys(&["q"]);
        let end = t.wait_text("exit=");
        assert!(end.contains("exit=0"), "{end}");
        let left: Vec<u32> = tmux::processes_matching(&registry.display().to_string())
            .into_iter()
            .filter(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.trim() == "shuibei"))
            .collect();
        assert!(left.is_empty(), "explorer processes left running: {left:?}");
    }
}
