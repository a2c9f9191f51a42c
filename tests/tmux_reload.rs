//! A dataset file that changes on disk while the explorer shows it, in the real binary
//! in a real terminal (tmux): the change is read again with the tab and the search box
//! kept; a change that does not load leaves the reading shown and says why, on the status
//! line and in full once the explorer ends, and the title line marks it until a later
//! fix is read again; a touch (new times, the same bytes) reads nothing.

use crate::common;

use std::path::Path;

use common::tmux::{self, Tmux};

fn explore(dir: &Path, data: &Path) -> Tmux {
    let command = format!(
        "env -u SHUIBEI_DATA -u SHUIBEI_ADD XDG_CONFIG_HOME='{dir}' XDG_CACHE_HOME='{dir}/cache' '{}' --data '{}'; echo \"exit=$?\"; exec sleep 600",
        tmux::binary().display(),
        data.display(),
        dir = dir.display(),
    );
    Tmux::start(120, 30, &command)
}

/// The shipped dataset with one enterprise's English name replaced.
fn renamed(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cluster.json"))
        .expect("the shipped dataset");
    assert!(text.contains(from), "the shipped dataset names {from}");
    text.replacen(from, to, 1)
}

#[test]
fn a_dataset_changed_on_disk_is_read_again_and_a_broken_one_is_kept_as_it_was() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("cluster.json");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cluster.json"), &data).unwrap();
    let t = explore(dir.path(), &data);
    t.wait_text("[0 Overview");
    t.keys(&["2"]);
    t.wait_text("[2 Enterprises");
    t.keys(&["/"]);
    t.text("zds");
    t.wait_text("Zhou Dasheng Jewellery Co");

    // Touched: new times, the same bytes. Nothing to read again.
    let later = std::time::SystemTime::now() + std::time::Duration::from_mins(1);
    std::fs::File::options()
        .write(true)
        .open(&data)
        .unwrap()
        .set_modified(later)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(5));
    let screen = t.screen();
    assert!(!screen.contains("changed on disk"), "a touch is no change:\n{screen}");

    // Written to a temporary file and renamed, as editors and exports do.
    let next = dir.path().join("next.json");
    std::fs::write(
        &next,
        renamed("Zhou Dasheng Jewellery Co., Ltd.", "Zhou Dasheng Renamed Group"),
    )
    .unwrap();
    std::fs::rename(&next, &data).unwrap();
    let screen = t.wait_for("the new reading, searched again", |s| {
        s.contains("cluster.json changed on disk: read again") && s.contains("Zhou Dasheng Renamed Group")
    });
    assert!(screen.contains("[2 Enterprises"), "the tab is kept:\n{screen}");
    assert!(screen.contains("/ zds"), "the search box is kept:\n{screen}");

    // Cut short: the reading shown stays, and the status line says where it breaks.
    let text = std::fs::read(&data).unwrap();
    std::fs::write(&data, &text[..4000]).unwrap();
    let screen = t.wait_text("does not load now");
    assert!(
        screen.contains("Zhou Dasheng Renamed Group") && screen.contains("still showing it as it was: line "),
        "the old reading stays, the place of the problem is said:\n{screen}"
    );

    // Fixed again: read again.
    std::fs::write(&data, &text).unwrap();
    t.wait_text("cluster.json changed on disk: read again");

    // Gone, then back: read again once it is there.
    std::fs::remove_file(&data).unwrap();
    t.wait_text("cluster.json is gone from disk");
    std::fs::write(&data, &text).unwrap();
    t.wait_text("cluster.json changed on disk: read again");

    // Broken once more, then quit: the whole report follows the explorer.
    std::fs::write(&data, &text[..4000]).unwrap();
    t.wait_text("does not load now");
    t.keys(&["Escape"]);
    t.wait_for("the search box to clear", |s| s.contains("Esc close"));
    t.keys(&["Escape"]);
    let screen = t.wait_text("q quit");
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or("")
            .contains("cluster.json on disk does not load"),
        "the title line keeps saying the file on disk does not load:\n{screen}"
    );
    t.keys(&["q"]);
    let end = t.wait_text("exit=");
    assert!(
        end.contains("changed on disk while the explorer showed it") && end.contains("the file ends too early"),
        "{end}"
    );
    assert!(end.contains("exit=0"), "{end}");
}
