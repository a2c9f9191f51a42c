//! Tests of the config file: where it is, what it accepts, how a bad one is reported,
//! precedence, and `--print-config`'s rendering.

use std::path::Path;

use crossterm::event::{KeyCode, KeyModifiers};

use super::*;

fn env(pairs: &[(&str, &str)]) -> Env {
    Env::from_pairs(pairs.iter().copied())
}

fn parse_text(text: &str) -> Result<Config, ConfigError> {
    parse(
        Path::new("/home/u/.config/shuibei/config.toml"),
        text,
        &env(&[("HOME", "/home/u")]),
    )
}

#[test]
fn the_file_is_found_at_the_xdg_place() {
    let at = |pairs: &[(&str, &str)]| path(&env(pairs));
    assert_eq!(
        at(&[("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")]),
        Some(PathBuf::from("/xdg/shuibei/config.toml"))
    );
    assert_eq!(
        at(&[("XDG_CONFIG_HOME", "relative/dir"), ("HOME", "/home/u")]),
        Some(PathBuf::from("/home/u/.config/shuibei/config.toml")),
        "a relative XDG_CONFIG_HOME is ignored, as the spec says"
    );
    assert_eq!(
        at(&[("XDG_CONFIG_HOME", ""), ("HOME", "/home/u")]),
        Some(PathBuf::from("/home/u/.config/shuibei/config.toml"))
    );
    assert_eq!(at(&[]), None);
}

#[test]
fn a_full_file_parses() {
    let config = parse_text(
        "# my settings\ntheme = \"light\"\ncolor = \"never\"\ndata = \"~/data/mine.json\"\n\n[keys]\nquit = [\"q\", \"ctrl-c\"]\nnext-tab = \"tab\"\n\"search\" = [\"/\"]\n",
    )
    .unwrap();
    assert_eq!(config.theme, Some(ThemeChoice::Light));
    assert_eq!(config.color, Some(ColorChoice::Never));
    assert_eq!(config.data, Some(PathBuf::from("/home/u/data/mine.json")));
    let summary: Vec<(&str, usize, usize)> = config
        .keys
        .iter()
        .map(|k| (k.action.as_str(), k.keys.len(), k.line))
        .collect();
    assert_eq!(
        summary,
        [("quit", 2, 7), ("next-tab", 1, 8), ("search", 1, 9)],
        "file order"
    );
    assert_eq!(config.keys[0].keys[1], (KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(config.keys[1].keys[0], (KeyCode::Tab, KeyModifiers::NONE));
    assert_eq!(config.keys[0].place, "/home/u/.config/shuibei/config.toml:7:8");
}

#[test]
fn an_empty_file_sets_nothing() {
    let config = parse_text("").unwrap();
    assert_eq!((config.theme, config.color, config.data), (None, None, None));
    assert!(config.keys.is_empty());
}

#[test]
fn relative_data_paths_are_next_to_the_file() {
    assert_eq!(
        parse_text("data = \"sets/a.json\"").unwrap().data,
        Some(PathBuf::from("/home/u/.config/shuibei/sets/a.json"))
    );
    assert_eq!(
        parse_text("data = \"/srv/a.json\"").unwrap().data,
        Some(PathBuf::from("/srv/a.json"))
    );
    let err = parse_text("data = \"  \"").unwrap_err();
    assert_eq!(err.position, Some((1, 8)));
    assert!(err.message.contains("data is empty"), "{err}");
}

/// (file text, line, column, words the message must hold).
const BAD: &[(&str, usize, usize, &str)] = &[
    ("theme = \"dark\"\nthem = \"light\"\n", 2, 1, "unknown field `them`"),
    (
        "theme = \"drak\"\n",
        1,
        9,
        "theme = \"drak\" is not a choice; write one of \"dark\", \"light\"",
    ),
    (
        "\ncolor = \"sometimes\"\n",
        2,
        9,
        "write one of \"auto\", \"always\", \"never\"",
    ),
    ("color = 1\n", 1, 9, "invalid type: integer `1`, expected a string"),
    ("theme = \"dark\n", 1, 14, "invalid basic string"),
    (
        "[keys]\nquit = [\"q\", \"ctrl-pagedwn\"]\n",
        2,
        8,
        "keys.quit: unknown key \"ctrl-pagedwn\"",
    ),
    ("[keys]\nquit = [\"q\", 5]\n", 2, 8, "keys.quit: keys are strings"),
    ("[keys]\nquit = []\n", 2, 8, "keys.quit: the list is empty"),
    (
        "[keys]\nquit = { key = \"q\" }\n",
        2,
        8,
        "keys.quit: write a key or a list of keys",
    ),
    ("[keys]\nquit = \"\"\n", 2, 8, "keys.quit: a key cannot be empty"),
    ("# 水贝\ntheme = \"暗\"\n", 2, 9, "theme = \"暗\" is not a choice"),
];

#[test]
fn bad_files_name_the_line_and_what_to_do() {
    for (text, line, column, words) in BAD {
        let err = parse_text(text).expect_err(text);
        assert_eq!(err.position, Some((*line, *column)), "{text:?}: {err}");
        let shown = err.to_string();
        assert!(shown.contains(words), "{text:?}: {shown}");
        assert!(
            shown.starts_with(&format!("/home/u/.config/shuibei/config.toml:{line}:{column}: ")),
            "{shown}"
        );
        assert!(
            shown.ends_with("; fix the file, or move it aside to use the defaults"),
            "{shown}"
        );
        assert!(!shown.contains('\n'), "one line: {shown:?}");
    }
}

#[test]
fn load_reads_the_file_or_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let xdg = dir.path().to_str().unwrap();
    let env = env(&[("XDG_CONFIG_HOME", xdg)]);
    assert_eq!(load(&env), Ok(None), "no file is no error");

    let file = dir.path().join("shuibei/config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "theme = \"light\"\n").unwrap();
    assert_eq!(load(&env).unwrap().unwrap().theme, Some(ThemeChoice::Light));

    std::fs::write(&file, b"theme = \"li\xffght\"\n").unwrap();
    let err = load(&env).unwrap_err();
    assert_eq!(err.position, Some((1, 12)));
    assert!(err.to_string().contains("not UTF-8"), "{err}");

    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let err = load(&env).unwrap_err();
    assert_eq!(err.position, None);
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot read the config file: ", file.display())),
        "{err}"
    );
}

fn file_config() -> Config {
    parse_text("theme = \"light\"\ncolor = \"always\"\ndata = \"/file.json\"\n[keys]\nquit = \"x\"\n").unwrap()
}

#[test]
fn flags_beat_environment_beats_file_beats_defaults() {
    let none = Settings::merge(Flags::default(), &env(&[]), None);
    assert_eq!(
        none.theme,
        Setting {
            value: ThemeChoice::Dark,
            origin: Origin::Default
        }
    );
    assert_eq!(
        none.color,
        Setting {
            value: ColorChoice::Auto,
            origin: Origin::Default
        }
    );
    assert_eq!(
        none.data,
        Setting {
            value: None,
            origin: Origin::Default
        }
    );

    let file = Settings::merge(Flags::default(), &env(&[]), Some(&file_config()));
    assert_eq!(file.theme.origin, Origin::ConfigFile);
    assert_eq!(
        file.color,
        Setting {
            value: ColorChoice::Always,
            origin: Origin::ConfigFile
        }
    );
    assert_eq!(file.data.value, Some(PathBuf::from("/file.json")));
    assert_eq!(file.keys.len(), 1);

    let environment = env(&[("NO_COLOR", "1"), ("SHUIBEI_DATA", "/env.json")]);
    let over_file = Settings::merge(Flags::default(), &environment, Some(&file_config()));
    assert_eq!(
        over_file.color,
        Setting {
            value: ColorChoice::Never,
            origin: Origin::Env("NO_COLOR")
        }
    );
    assert_eq!(
        over_file.data,
        Setting {
            value: Some(PathBuf::from("/env.json")),
            origin: Origin::Env("SHUIBEI_DATA")
        }
    );
    assert_eq!(over_file.theme.origin, Origin::ConfigFile, "no variable sets the theme");

    let flags = Flags {
        theme: Some(ThemeChoice::Dark),
        color: Some(ColorChoice::Always),
        data: Some(PathBuf::from("/flag.json")),
        add: Vec::new(),
    };
    let top = Settings::merge(flags, &environment, Some(&file_config()));
    assert_eq!(
        top.theme,
        Setting {
            value: ThemeChoice::Dark,
            origin: Origin::Flag("--theme")
        }
    );
    assert_eq!(
        top.color,
        Setting {
            value: ColorChoice::Always,
            origin: Origin::Flag("--color")
        }
    );
    assert_eq!(top.data.origin, Origin::Flag("--data"));

    let empty = Settings::merge(Flags::default(), &env(&[("NO_COLOR", ""), ("SHUIBEI_DATA", "")]), None);
    assert_eq!(empty.color.origin, Origin::Default, "empty variables count as unset");
    assert_eq!(empty.data.origin, Origin::Default);
}

#[test]
fn print_config_says_where_each_value_came_from() {
    let settings = Settings::merge(Flags::default(), &env(&[("NO_COLOR", "1")]), Some(&file_config()));
    let text = settings.render();
    assert!(
        text.contains("# config file: /home/u/.config/shuibei/config.toml\n"),
        "{text}"
    );
    assert!(text.contains("theme = \"light\"   # config file\n"), "{text}");
    assert!(text.contains("color = \"never\"   # NO_COLOR\n"), "{text}");
    assert!(text.contains("data = \"/file.json\"   # config file\n"), "{text}");
    assert!(text.contains("\"quit\" = [\"x\"]   # config file, line 5\n"), "{text}");
    let back = parse(Path::new("/p/config.toml"), &text, &env(&[])).expect("the output is a valid config");
    assert_eq!(back.theme, Some(ThemeChoice::Light));
    assert_eq!(back.keys[0].keys, [(KeyCode::Char('x'), KeyModifiers::NONE)]);

    let defaults = Settings::merge(Flags::default(), &env(&[("HOME", "/h")]), None).render();
    assert!(defaults.contains("theme = \"dark\"   # default\n"), "{defaults}");
    assert!(defaults.contains("color = \"auto\"   # default\n"), "{defaults}");
    assert!(
        defaults.contains("# data: the dataset built into the binary   # default\n"),
        "{defaults}"
    );
    assert!(
        defaults.contains("# config file: /h/.config/shuibei/config.toml (not found)\n"),
        "{defaults}"
    );
}

#[test]
fn layers_come_from_flags_else_the_path_list_else_the_file() {
    let config = parse_text("add = [\"reg.json\", \"~/notes.json\"]\n").unwrap();
    let resolved = Some(vec![
        PathBuf::from("/home/u/.config/shuibei/reg.json"),
        PathBuf::from("/home/u/notes.json"),
    ]);
    assert_eq!(config.add, resolved, "relative to the file, ~ expanded");
    assert_eq!(
        parse_text("add = \"/a.json\"").unwrap().add,
        Some(vec![PathBuf::from("/a.json")]),
        "one path alone"
    );
    for (text, words) in [
        ("add = [1]", "add: write the paths as strings"),
        ("add = 1", "add: write a path or a list of paths"),
        ("add = [\"\"]", "add: a path is empty"),
    ] {
        let err = parse_text(text).unwrap_err();
        assert!(err.message.contains(words), "{text}: {err}");
        assert_eq!(err.position, Some((1, 7)), "{text}");
    }

    let file = Settings::merge(Flags::default(), &env(&[]), Some(&config));
    assert_eq!(file.add.origin, Origin::ConfigFile);
    assert_eq!(file.add.value.len(), 2);
    let listed = env(&[("SHUIBEI_ADD", "/x.json:/y.json")]);
    let over_file = Settings::merge(Flags::default(), &listed, Some(&config));
    assert_eq!(over_file.add.origin, Origin::Env("SHUIBEI_ADD"));
    assert_eq!(
        over_file.add.value,
        [PathBuf::from("/x.json"), PathBuf::from("/y.json")]
    );
    let flags = Flags {
        add: vec![PathBuf::from("/flag.json")],
        ..Flags::default()
    };
    let top = Settings::merge(flags, &listed, Some(&config));
    assert_eq!(top.add.origin, Origin::Flag("--add"));
    assert_eq!(top.add.value, [PathBuf::from("/flag.json")]);
    let unset = Settings::merge(Flags::default(), &env(&[("SHUIBEI_ADD", "")]), None);
    assert_eq!((unset.add.origin, unset.add.value.len()), (Origin::Default, 0));

    let text = top.render();
    assert!(text.contains("add = [\"/flag.json\"]   # --add\n"), "{text}");
    let back = parse(Path::new("/p/config.toml"), &text, &env(&[])).expect("the output is a valid config");
    assert_eq!(back.add, Some(vec![PathBuf::from("/flag.json")]));
    // Flags win over the environment for `add` too, but the layers dropped are said, on
    // stderr by every command and as a comment by --print-config.
    let dropped = "add: SHUIBEI_ADD (/x.json, /y.json) and config file (";
    assert!(text.contains(&format!("# {dropped}")), "{text}");
    let line = top.add_dropped_line().unwrap();
    assert!(
        line.starts_with(dropped) && line.contains("not loaded: --add replaces them"),
        "{line}"
    );
    assert_eq!(over_file.add_dropped.len(), 1, "the file's add under SHUIBEI_ADD");
    assert_eq!(file.add_dropped_line(), None, "nothing replaced");
    assert!(
        unset
            .render()
            .contains("# add: no datasets laid over the base   # default\n"),
        "{}",
        unset.render()
    );
}
