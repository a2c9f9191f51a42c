//! `shuibei import` never writes over a dataset the same command line loads (`--data`,
//! `--add`, `SHUIBEI_DATA`, `SHUIBEI_ADD`, the config file's `data` or `add`), however
//! the path is spelled: an import writes a whole new dataset, so replacing a loaded one
//! loses every record the new export lacks (a trial: 55 enterprises became 5).

use crate::common;

use std::path::Path;

use common::{fixture, shuibei_in};

/// Five enterprises, as an earlier import of the README's example wrote them.
fn earlier_import(dir: &Path) -> Vec<u8> {
    let example = fixture("import/qcc-shuibei-example.csv");
    let r = shuibei_in(
        dir,
        &[
            "import",
            example.to_str().unwrap(),
            "--date",
            "2024-05-01",
            "-o",
            "reg.json",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::read(dir.join("reg.json")).unwrap()
}

/// A newer export with one good row and one bad one (the repro used --skip-invalid).
fn newer_export(dir: &Path) {
    std::fs::write(
        dir.join("new.csv"),
        "企业名称,统一社会信用代码\n深圳市新导出金饰有限公司,914403001922038216\n深圳市坏行,123\n",
    )
    .unwrap();
}

/// One way of loading reg.json while importing over it.
struct Case {
    /// Options before `import`.
    global: &'static [&'static str],
    /// The output as written, and any options after it.
    output: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    /// The config file's text (none when empty).
    config: &'static str,
    /// How the refusal names where reg.json was loaded from.
    named: &'static str,
}

const CASES: &[Case] = &[
    Case {
        global: &["--add", "reg.json"],
        output: &["-o", "reg.json"],
        env: &[],
        config: "",
        named: "(named by --add)",
    },
    Case {
        global: &["--add", "reg.json"],
        output: &["-o", "./reg.json"],
        env: &[],
        config: "",
        named: "(named by --add)",
    },
    Case {
        global: &["--add", "./reg.json"],
        output: &["-o", "reg.json", "--force"],
        env: &[],
        config: "",
        named: "(named by --add)",
    },
    Case {
        global: &["--add", "reg.json"],
        output: &["-o", "link.json"],
        env: &[],
        config: "",
        named: "(named by --add)",
    },
    Case {
        global: &["--data", "reg.json"],
        output: &["-o", "reg.json"],
        env: &[],
        config: "",
        named: "(named by --data)",
    },
    Case {
        global: &[],
        output: &["-o", "reg.json"],
        env: &[("SHUIBEI_ADD", "reg.json")],
        config: "",
        named: "(named by SHUIBEI_ADD)",
    },
    Case {
        global: &[],
        output: &["-o", "reg.json"],
        env: &[("SHUIBEI_DATA", "reg.json")],
        config: "",
        named: "(named by SHUIBEI_DATA)",
    },
    Case {
        global: &[],
        output: &["-o", "reg.json"],
        env: &[],
        config: "add = [\"../../reg.json\"]\n",
        named: "(named by the config file's add line, in ",
    },
];

#[test]
fn an_import_never_replaces_a_dataset_its_command_line_loads() {
    let dir = tempfile::tempdir().unwrap();
    let before = earlier_import(dir.path());
    newer_export(dir.path());
    std::os::unix::fs::symlink("reg.json", dir.path().join("link.json")).unwrap();
    let config = dir.path().join("config/shuibei");
    for case in CASES {
        let _ = std::fs::remove_dir_all(&config);
        if !case.config.is_empty() {
            std::fs::create_dir_all(&config).unwrap();
            std::fs::write(config.join("config.toml"), case.config).unwrap();
        }
        let args: Vec<&str> = case
            .global
            .iter()
            .chain(&["import", "new.csv", "--skip-invalid"])
            .chain(case.output)
            .copied()
            .collect();
        let r = shuibei_in(dir.path(), &args, case.env);
        let what = format!("{args:?} {:?} {:?}", case.env, case.config);
        assert_eq!(r.code, 2, "{what}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("is a dataset this command loads {}", case.named)),
            "{what}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("choose another --output")
                && r.stderr.contains("import to another file and move it over"),
            "the message says what to do: {}",
            r.stderr
        );
        assert_eq!(
            std::fs::read(dir.path().join("reg.json")).unwrap(),
            before,
            "{what}: untouched"
        );
    }
}

#[test]
fn an_output_the_command_line_does_not_load_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let before = earlier_import(dir.path());
    newer_export(dir.path());
    // Another output is written beside the loaded dataset, which stays as it was.
    let r = shuibei_in(
        dir.path(),
        &[
            "--add",
            "reg.json",
            "import",
            "new.csv",
            "--skip-invalid",
            "-o",
            "new.json",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("imported 1 enterprise into new.json"), "{}", r.stderr);
    assert_eq!(std::fs::read(dir.path().join("reg.json")).unwrap(), before);
    // Not loaded, an earlier import is replaced, as before.
    let r = shuibei_in(
        dir.path(),
        &["import", "new.csv", "--skip-invalid", "-o", "reg.json"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_ne!(std::fs::read(dir.path().join("reg.json")).unwrap(), before);
}
