//! The explorer's text boxes and what they drive, without a terminal: the search box,
//! the jump box, copying and exporting, as a person types them.

use crate::common;

use common::explorer::{INDEX, app, ch, code, press, settle, type_in};

use crossterm::event::KeyCode;
use shuibei::data::model::RecordKind;
use shuibei::explorer::action::Msg;
use shuibei::explorer::app::{App, Focus};
use shuibei::explorer::keymap::Key;

#[test]
fn y_copies_the_name_through_osc52_and_says_how_much() {
    let mut a = app(80, 24);
    // A tmux whose server does not answer (a real server on the default socket would
    // say its own set-clipboard, and the status would say that instead).
    a.env = shuibei::env::Env::from_pairs([("TMUX", "/nonexistent/shuibei-test-tmux,1,0")]);
    press(&mut a, &[ch('2'), ch('y')]);
    let status = a.status.clone().unwrap();
    assert!(status.text.starts_with("copied "), "{status:?}");
    let shuibei::explorer::app::Effect::Write(bytes) = &a.effects[0] else {
        panic!("{:?}", a.effects)
    };
    let text = String::from_utf8_lossy(bytes);
    assert!(text.starts_with("\u{1b}]52;c;"), "plain OSC 52 first: {text}");
    assert!(text.contains("\u{1b}Ptmux;"), "and tmux's passthrough form: {text}");
    // Y copies the whole record as JSON.
    a.effects.clear();
    press(&mut a, &[ch('Y')]);
    assert!(a.status.clone().unwrap().text.starts_with("copied "));
    assert_eq!(a.effects.len(), 1);
}

/// The text an OSC 52 write puts in the clipboard (its plain form, which comes first).
fn clipboard_text(effect: &shuibei::explorer::app::Effect) -> String {
    use base64::Engine as _;
    let shuibei::explorer::app::Effect::Write(bytes) = effect else {
        panic!("not a terminal write: {effect:?}")
    };
    let body = bytes.strip_prefix(b"\x1b]52;c;").expect("an OSC 52 sequence");
    let end = body.iter().position(|b| *b == 0x07).expect("ended by BEL");
    let decoded = base64::engine::general_purpose::STANDARD.decode(&body[..end]).unwrap();
    String::from_utf8(decoded).unwrap()
}

#[test]
fn c_copies_a_citation_of_the_records_sources_from_the_detail_or_the_list() {
    let mut a = app(80, 24);
    press(&mut a, &[ch('2'), code(KeyCode::Enter)]);
    assert_eq!(a.focus, Focus::Detail);
    let rec = a.selected().unwrap();
    press(&mut a, &[ch('c')]);
    assert_eq!(a.effects.len(), 1, "{:?}", a.effects);
    let copied = clipboard_text(&a.effects[0]);
    assert!(a.status.clone().unwrap().text.starts_with("copied "), "{:?}", a.status);
    let label = shuibei::data::present::label(&a.db, rec);
    assert!(copied.starts_with(&format!("{label} — sources:\n1. ")), "{copied}");
    for cite in a.db.cites(rec) {
        let source = a.db.source(&cite.source).unwrap();
        assert!(copied.contains(&*source.title), "{} missing from {copied}", source.id);
        if let Some(url) = &source.url {
            assert!(copied.contains(&**url), "{url} missing from {copied}");
        }
    }
    // From the list, the same citation.
    a.effects.clear();
    press(&mut a, &[code(KeyCode::Esc), ch('c')]);
    assert_eq!(a.focus, Focus::List);
    assert_eq!(clipboard_text(&a.effects[0]), copied);
}

#[test]
fn c_on_a_record_without_sources_says_there_is_nothing_to_cite() {
    let data = r#"{"format": "shuibei/1", "cluster": {"name": "T"},
        "brands": [{"id": "b", "name": "Unsourced"}]}"#;
    let db = shuibei::data::load::load_slice("t", data.as_bytes()).unwrap();
    let mut a = App::new(
        std::sync::Arc::new(db),
        shuibei::explorer::keymap::Keymap::default(),
        (80, 24),
    );
    press(&mut a, &[ch('3'), ch('c')]);
    assert!(a.effects.is_empty(), "{:?}", a.effects);
    let status = a.status.clone().unwrap();
    assert!(status.error);
    assert_eq!(status.text, "no source cited: no citation to copy");
}

#[test]
fn e_asks_for_a_file_name_and_exports_the_filtered_rows() {
    let mut a = app(80, 24);
    press(&mut a, &[ch('2'), ch('e')]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
    // The suggested name (a workbook) is editable: replace the extension with .json.
    for _ in 0..4 {
        press(&mut a, &[code(KeyCode::Backspace)]);
    }
    a.update(Msg::Insert('j'));
    a.update(Msg::Paste("son\nignored second line".into()));
    press(&mut a, &[code(KeyCode::Enter)]);
    let shuibei::explorer::app::Effect::Export { rows, path } = &a.effects[0] else {
        panic!("{:?}", a.effects)
    };
    assert_eq!(rows.tab, shuibei::export::Tab::Records(RecordKind::Enterprise));
    assert_eq!(rows.len(), a.db.enterprises().len());
    assert_eq!(path.to_str(), Some("shuibei-enterprises.json"));
    // The prompt stays open until the export answers; success closes it.
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
    let writing = format!(
        "writing {} rows… (Ctrl-C twice stops and writes nothing)",
        a.db.enterprises().len()
    );
    assert_eq!(a.status.clone().unwrap().text, writing);
    // Meanwhile (the file is written off the UI thread) the name cannot change, Enter
    // does not export twice, and quitting asks twice.
    let effects = a.effects.len();
    a.update(Msg::Insert('x'));
    press(
        &mut a,
        &[code(KeyCode::Backspace), code(KeyCode::Enter), code(KeyCode::Esc)],
    );
    assert_eq!(a.effects.len(), effects, "no second export");
    let Some(shuibei::explorer::app::Input::Export(name)) = &a.input else {
        panic!("the prompt is open")
    };
    assert_eq!(name.text, "shuibei-enterprises.json");
    assert_eq!(a.status.clone().unwrap().text, writing);
    press(&mut a, &[ch('q')]);
    assert!(!a.quit, "q is a letter in the prompt");
    assert_eq!(a.status.clone().unwrap().text, writing);
    press(&mut a, &[Key::ctrl('c')]);
    assert!(!a.quit, "one Ctrl-C does not drop the export");
    assert!(a.status.clone().unwrap().text.starts_with("still writing"));
    a.update(Msg::Exported(Ok("wrote 3 rows to shuibei-enterprises.json".into())));
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::List);
    assert_eq!(
        a.status.clone().unwrap().text,
        "wrote 3 rows to shuibei-enterprises.json"
    );
    // Esc cancels without exporting.
    a.effects.clear();
    press(&mut a, &[ch('e'), code(KeyCode::Esc)]);
    assert!(a.effects.is_empty());
    assert_eq!(a.status.clone().unwrap().text, "export cancelled");
    // Quitting twice while an export is written quits.
    press(&mut a, &[ch('e'), code(KeyCode::Enter), Key::ctrl('c'), Key::ctrl('c')]);
    assert!(a.quit);
}

#[test]
fn export_refuses_unknown_formats_asks_before_replacing_and_remembers_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(80, 24);
    let clear = |a: &mut App| {
        for _ in 0..80 {
            press(a, &[code(KeyCode::Backspace)]);
        }
    };
    press(&mut a, &[ch('3'), ch('e')]);
    clear(&mut a);
    let txt = dir.path().join("brands.txt");
    a.update(Msg::Paste(txt.display().to_string()));
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(
        a.context(),
        shuibei::explorer::keymap::Context::Input,
        "the prompt stays open"
    );
    assert!(a.status.clone().unwrap().text.contains(".csv, .json, .jsonl or .xlsx"));
    assert!(a.effects.is_empty());
    // A file of the user's (no export): never replaced from here, however often Enter
    // is pressed (a trial lost a customer list to a second Enter).
    let existing = dir.path().join("brands.csv");
    std::fs::write(&existing, "keep me").unwrap();
    clear(&mut a);
    a.update(Msg::Paste(existing.display().to_string()));
    for _ in 0..2 {
        press(&mut a, &[code(KeyCode::Enter)]);
        assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
        let status = a.status.clone().unwrap().text;
        assert!(
            status.contains("is not a shuibei csv export, and is kept: choose another name"),
            "{status}"
        );
        assert!(a.effects.is_empty());
    }
    // An export of another tab: named, and replaced on a second Enter.
    let header = |kind| shuibei::export::columns(shuibei::export::Tab::Records(kind)).join(",") + "\n";
    let older = dir.path().join("older.csv");
    std::fs::write(&older, header(shuibei::data::model::RecordKind::History)).unwrap();
    clear(&mut a);
    a.update(Msg::Paste(older.display().to_string()));
    press(&mut a, &[code(KeyCode::Enter)]);
    let status = a.status.clone().unwrap().text;
    assert!(
        status.contains("holds an export of History: Enter again replaces it"),
        "{status}"
    );
    assert!(a.effects.is_empty());
    // An earlier export of this tab: the first Enter asks, the second replaces.
    std::fs::write(&existing, header(shuibei::data::model::RecordKind::Brand)).unwrap();
    clear(&mut a);
    a.update(Msg::Paste(existing.display().to_string()));
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
    let status = a.status.clone().unwrap().text;
    assert!(
        status.contains("holds an earlier export: Enter again replaces it"),
        "{status}"
    );
    assert!(a.effects.is_empty());
    press(&mut a, &[code(KeyCode::Enter)]);
    assert!(matches!(&a.effects[..], [shuibei::explorer::app::Effect::Export { path, .. }] if *path == existing));
    a.update(Msg::Exported(Ok("wrote".into())));
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::List);
    // Next time, the name given last is offered.
    press(&mut a, &[ch('e')]);
    let Some(shuibei::explorer::app::Input::Export(name)) = &a.input else {
        panic!("the prompt is open")
    };
    assert_eq!(name.text, existing.display().to_string());
}

#[test]
fn a_failed_export_keeps_the_prompt_open_on_the_name_with_a_short_reason() {
    let mut a = app(80, 24);
    press(&mut a, &[ch('2'), ch('e')]);
    for _ in 0..80 {
        press(&mut a, &[code(KeyCode::Backspace)]);
    }
    type_in(&mut a, "/nonexistent/dir/a.csv");
    press(&mut a, &[code(KeyCode::Enter)]);
    let shuibei::explorer::app::Effect::Export { rows, path } = a.effects.remove(0) else {
        panic!("{:?}", a.effects)
    };
    // What the event loop does with the effect, with the real file system.
    let done = shuibei::export::to_file(&a.db, &rows, &path, None)
        .map(|w| w.message())
        .map_err(|e| e.short_reason());
    a.update(Msg::Exported(done));
    assert_eq!(
        a.context(),
        shuibei::explorer::keymap::Context::Input,
        "the prompt stays open"
    );
    let Some(shuibei::explorer::app::Input::Export(name)) = &a.input else {
        panic!("the prompt is open")
    };
    assert_eq!(name.text, "/nonexistent/dir/a.csv", "the name is kept to fix");
    let status = a.status.clone().unwrap();
    assert!(status.error);
    assert_eq!(status.text, "not written: no such folder; fix the name or Esc");
    // The reason, the arrow and room for the name fit in 80 columns.
    assert!(status.text.len() + 4 <= 56, "{}", status.text);
    // Fixed, it goes.
    a.effects.clear();
    for _ in 0..80 {
        press(&mut a, &[code(KeyCode::Backspace)]);
    }
    let dir = tempfile::tempdir().unwrap();
    type_in(&mut a, &dir.path().join("a.csv").display().to_string());
    press(&mut a, &[code(KeyCode::Enter)]);
    assert!(matches!(
        &a.effects[..],
        [shuibei::explorer::app::Effect::Export { .. }]
    ));
}

#[test]
fn the_suggested_name_is_for_the_tab_on_screen() {
    let mut a = app(80, 24);
    let name = |a: &App| match &a.input {
        Some(shuibei::explorer::app::Input::Export(name)) => name.text.clone(),
        other => panic!("no export prompt: {other:?}"),
    };
    press(&mut a, &[ch('2'), ch('e')]);
    assert_eq!(name(&a), "shuibei-enterprises.xlsx");
    for _ in 0..80 {
        press(&mut a, &[code(KeyCode::Backspace)]);
    }
    type_in(&mut a, "out/tui-listed.xlsx");
    press(&mut a, &[code(KeyCode::Enter)]);
    a.update(Msg::Exported(Ok("wrote".into())));
    // On Indicators: a name for indicators, in the same folder, with the same extension.
    press(&mut a, &[ch('4'), ch('e')]);
    assert_eq!(name(&a), "out/shuibei-indicators.xlsx");
    press(&mut a, &[code(KeyCode::Esc), ch('2'), ch('e')]);
    assert_eq!(name(&a), "out/tui-listed.xlsx", "back on Enterprises, its own name");
}

#[test]
fn nothing_to_export_opens_no_prompt_and_says_no_file_is_written() {
    let mut a = app(80, 24);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "qqqxxzz");
    settle(&mut a);
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    assert!(a.current_view().rows.is_empty(), "the search matches nothing");
    press(&mut a, &[ch('e')]);
    assert!(a.input.is_none(), "no prompt for nothing");
    assert!(
        a.effects
            .iter()
            .all(|e| !matches!(e, shuibei::explorer::app::Effect::Export { .. }))
    );
    let status = a.status.clone().unwrap();
    assert!(status.text.contains("no file written"), "{status:?}");
}

#[test]
fn inside_tmux_that_drops_osc52_the_copy_says_so_and_how_to_fix_it() {
    if std::process::Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var_os("SHUIBEI_REQUIRE_TMUX").is_none(), "tmux is required");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("s").display().to_string();
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .args(["-S", socket.as_str(), "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(tmux(&["new-session", "-d", "-x", "80", "-y", "24"]).status.success());
    let tmux_var = format!("{socket},1,0");
    let mut a = app(80, 24);
    a.env = shuibei::env::Env::from_pairs([("TMUX", tmux_var.as_str())]);
    press(&mut a, &[ch('2'), ch('c')]);
    let text = a.status.clone().unwrap().text;
    // Fixed as the status line says, the next copy is a plain "copied".
    tmux(&["set-option", "-g", "set-clipboard", "on"]);
    press(&mut a, &[ch('c')]);
    let fixed = a.status.clone().unwrap().text;
    tmux(&["kill-server"]);
    assert!(fixed.starts_with("copied "), "{fixed}");
    assert!(text.starts_with("sent "), "no claim of success: {text}");
    assert!(
        text.contains("set-clipboard external") && text.ends_with("set -g set-clipboard on"),
        "{text}"
    );
    assert!(
        !a.effects.is_empty(),
        "the copy is still sent (passthrough may carry it)"
    );
}

fn names(a: &App) -> Vec<String> {
    a.current_view()
        .rows
        .iter()
        .map(|i| {
            a.db.enterprises()[*i as usize]
                .name_zh
                .as_deref()
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

#[test]
fn typing_in_the_search_box_filters_and_esc_restores() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
    assert!(a.regions().unwrap().search.is_some(), "the search line shows");
    type_in(&mut a, "zds");
    let rows = names(&a);
    assert!(rows.len() < a.db.enterprises().len());
    assert_eq!(
        rows[0], "周大生珠宝股份有限公司",
        "pinyin initials find 周大生 first: {rows:?}"
    );
    assert_eq!(a.current_view().order_label(), "by relevance");
    // A match by pinyin says so (the English name Zhou Dasheng does not match zds: its s
    // is inside a word).
    let why = a.current_view().current_why().unwrap();
    assert_eq!(
        why.explain(&a.db, a.selected().unwrap()).as_deref(),
        Some("pinyin initials: 周大生"),
    );
    for _ in 0..3 {
        press(&mut a, &[code(KeyCode::Backspace)]);
    }
    type_in(&mut a, "周ds");
    let why = a.current_view().current_why().unwrap();
    assert_eq!(
        why.explain(&a.db, a.selected().unwrap()).as_deref(),
        Some("pinyin and characters: 周大生")
    );
    let rows = names(&a);
    // Enter keeps the filter and returns to browsing; the query line stays.
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::List);
    assert_eq!(names(&a), rows);
    // Esc in the box clears it and stays there: every enterprise again, in file order,
    // and a letter typed next goes into the query, not to a command.
    press(&mut a, &[ch('/'), code(KeyCode::Esc)]);
    settle(&mut a);
    assert_eq!(a.current_view().rows.len(), a.db.enterprises().len());
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
    press(&mut a, &[ch('q')]);
    assert!(!a.quit, "q is typed into the box");
    assert_eq!(a.current_view().query.text, "q");
    // Esc clears it again; a second Esc on the empty box leaves it.
    press(&mut a, &[code(KeyCode::Esc), code(KeyCode::Esc)]);
    settle(&mut a);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::List);
    assert_eq!(a.current_view().rows.len(), a.db.enterprises().len());
    assert!(a.regions().unwrap().search.is_none());
    // Esc in the list drops a search kept with Enter, and says so.
    press(&mut a, &[ch('/')]);
    type_in(&mut a, "zds");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    assert!(a.current_view().rows.len() < a.db.enterprises().len());
    press(&mut a, &[code(KeyCode::Esc)]);
    settle(&mut a);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::List);
    assert!(a.current_view().query.text.is_empty());
    assert_eq!(a.current_view().rows.len(), a.db.enterprises().len());
    assert_eq!(a.status.clone().unwrap().text, "search cleared");
    assert!(!a.quit);
}

#[test]
fn each_tab_keeps_its_own_query() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "zhou");
    press(&mut a, &[code(KeyCode::Enter), ch('3'), ch('/')]);
    type_in(&mut a, "星光达");
    press(&mut a, &[code(KeyCode::Enter)]);
    let brands = a.current_view().rows.clone();
    assert!(!brands.is_empty() && brands.len() < a.db.brands().len());
    press(&mut a, &[ch('2')]);
    assert_eq!(a.current_view().query.text, "zhou");
    assert!(a.current_view().search.active());
    press(&mut a, &[ch('3')]);
    assert_eq!(a.current_view().query.text, "星光达");
    assert_eq!(a.current_view().rows, brands);
    press(&mut a, &[ch('1')]);
    assert!(!a.current_view().search.active(), "history has no query");
}

#[test]
fn stale_answers_are_dropped() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    a.update(Msg::Insert('z'));
    a.update(Msg::Insert('d'));
    // The answer for "z" arrives after "zd" was typed: it is not shown.
    let old = shuibei::search::search(
        &INDEX,
        &a.db,
        shuibei::search::Scope::One(RecordKind::Enterprise),
        "z",
        None,
    );
    let changed = a.update(Msg::SearchDone(shuibei::search::Done {
        generation: 1,
        scope: shuibei::search::Scope::One(RecordKind::Enterprise),
        query: "z".into(),
        settled: old.hits.len(),
        outcome: old,
        complete: true,
        nothing: shuibei::search::WhyNothing::default(),
    }));
    assert!(!changed);
    assert!(!a.current_view().search.active());
    assert!(a.searching(RecordKind::Enterprise), "still waiting for zd");
    settle(&mut a);
    assert_eq!(a.current_view().search.query.as_deref(), Some("zd"));
}

/// A partial answer (the best so far) is followed by the complete one, whose best match
/// may be another record: a reader at the top lands on it; one who moved down keeps the
/// record chosen. (A trial's selection stayed on a partial answer's best, rank 68 of the
/// complete list, with the true best scrolled out of view.)
#[test]
fn the_complete_answer_moves_a_reader_at_the_top_to_its_best_match() {
    let scope = shuibei::search::Scope::One(RecordKind::Enterprise);
    let answer = |query: &str, rotate: usize, complete: bool| {
        let mut outcome = shuibei::search::search(&INDEX, &**common::explorer::DB, scope, query, None);
        outcome.hits.rotate_left(rotate);
        Msg::SearchDone(shuibei::search::Done {
            generation: 1,
            scope,
            query: query.into(),
            settled: 0,
            outcome,
            complete,
            nothing: shuibei::search::WhyNothing::default(),
        })
    };
    for moved in [false, true] {
        let mut a = app(120, 40);
        settle(&mut a);
        press(&mut a, &[ch('2'), ch('/')]);
        type_in(&mut a, "zhou");
        let best = a.current_view().search.hits[0].rec;
        assert!(a.current_view().search.hits.len() > 3, "zhou finds several");
        // The partial answer ranked the complete answer's third record first.
        a.update(answer("zhou", 2, false));
        let partial_best = a.selected().unwrap();
        assert_ne!(partial_best, best);
        if moved {
            press(&mut a, &[code(KeyCode::Down), code(KeyCode::Up), code(KeyCode::Down)]);
        }
        let chosen = a.selected().unwrap();
        a.update(answer("zhou", 0, true));
        if moved {
            assert_eq!(a.selected(), Some(chosen), "the record chosen is kept");
        } else {
            assert_eq!(a.selected(), Some(best), "at the top: the best match");
            assert_eq!(a.current_view().offset, 0);
        }
    }
}

#[test]
fn the_jump_box_jumps_to_a_record_in_its_tab_and_backspace_comes_back() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('1')]);
    let start = a.selected();
    press(&mut a, &[Key::ctrl('p')]);
    assert!(matches!(a.input, Some(shuibei::explorer::app::Input::Jump(_))));
    type_in(&mut a, "zhou大生");
    let Some(shuibei::explorer::app::Input::Jump(jump)) = &a.input else {
        panic!()
    };
    let kinds: Vec<RecordKind> = jump.hits.iter().map(|h| h.rec.kind).collect();
    let mut groups = kinds.clone();
    groups.dedup();
    let mut distinct = groups.clone();
    distinct.sort_by_key(|k| RecordKind::ALL.iter().position(|x| x == k));
    distinct.dedup();
    assert_eq!(groups.len(), distinct.len(), "results are grouped by kind: {kinds:?}");
    let best = jump
        .hits
        .iter()
        .min_by_key(|h| (std::cmp::Reverse(h.score), h.rec))
        .unwrap();
    assert_eq!(groups[0], best.rec.kind, "the best match's group comes first");
    let target = jump
        .hits
        .iter()
        .position(|h| h.rec.kind == RecordKind::Brand)
        .expect("the brand 周大生 matches");
    let target_rec = jump.hits[target].rec;
    for _ in 0..target {
        press(&mut a, &[code(KeyCode::Down)]);
    }
    press(&mut a, &[code(KeyCode::Enter)]);
    assert!(a.input.is_none());
    assert_eq!(a.tab, RecordKind::Brand);
    assert_eq!(a.selected(), Some(target_rec));
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, RecordKind::History);
    assert_eq!(a.selected(), start);
}

/// With the list on the whole screen (`z`) a jump opens the record's detail, as Enter
/// would: a trial's `2 z Ctrl-P jieworui Enter` moved the list and showed nothing of
/// the record. Esc gives the whole-screen list back.
#[test]
fn a_jump_from_the_whole_screen_list_shows_the_detail() {
    let mut a = app(80, 24);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('z')]);
    assert_eq!(a.regions().unwrap().detail.height, 0, "the list has the screen");
    let jump = jump_box(&mut a, "jieworui");
    let target = jump.current().expect("jieworui matches");
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.selected(), Some(target));
    assert_eq!(a.focus, shuibei::explorer::app::Focus::Detail);
    assert!(a.regions().unwrap().detail.height > 0, "the detail shows");
    press(&mut a, &[code(KeyCode::Esc)]);
    assert_eq!(a.regions().unwrap().detail.height, 0, "still the whole screen");
}

/// Ctrl-P in a tab's search box (or on a list its search left empty) opens the jump box
/// with that query: the empty list says "2 sources hold it: Ctrl-P lists them", and a
/// trial pressed Ctrl-P in the box, where it did nothing, then met an empty jump box.
/// From a list that shows rows the box starts empty (`back_restores_…` below).
#[test]
fn ctrl_p_takes_the_tabs_search_to_the_jump_box() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "跑路");
    settle(&mut a);
    assert!(a.current_view().rows.is_empty(), "no enterprise holds it");
    press(&mut a, &[Key::ctrl('p')]);
    let jump = match &a.input {
        Some(shuibei::explorer::app::Input::Jump(jump)) => (**jump).clone(),
        other => panic!("Ctrl-P in the search box opens the jump box: {other:?}"),
    };
    assert_eq!(jump.text.text, "跑路");
    assert!(jump.sources_matched > 0, "the sources that hold it are listed");
    let status = a.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.contains("Ctrl-U clears it"), "{status}");
    // Esc leaves the jump box; the tab keeps its search.
    press(&mut a, &[code(KeyCode::Esc)]);
    assert_eq!(a.view(RecordKind::Enterprise).query.text, "跑路");
    // From the list its search left empty, the search goes along too; with none the box
    // starts empty.
    press(&mut a, &[Key::ctrl('p')]);
    let text = match &a.input {
        Some(shuibei::explorer::app::Input::Jump(jump)) => jump.text.text.clone(),
        other => panic!("the jump box is open: {other:?}"),
    };
    assert_eq!(text, "跑路");
    press(&mut a, &[code(KeyCode::Esc), code(KeyCode::Esc), Key::ctrl('p')]);
    let text = match &a.input {
        Some(shuibei::explorer::app::Input::Jump(jump)) => jump.text.text.clone(),
        other => panic!("the jump box is open: {other:?}"),
    };
    assert_eq!(text, "");
}

/// Esc and a key sent close together reach the program as Alt with the key (tmux waits
/// `escape-time`, 500 ms by default, then passes both as one): a trial's Esc and `2`
/// typed `2` into the box (`abc2`). They act as the two keys would, one after the other.
#[test]
fn esc_and_a_key_run_together_act_as_the_two_keys() {
    let alt = |c| Key {
        code: KeyCode::Char(c),
        mods: crossterm::event::KeyModifiers::ALT,
    };
    let mut a = app(120, 40);
    settle(&mut a);
    // In a box with text: Esc clears it (staying in the box), then `2` is typed.
    press(&mut a, &[ch('5'), ch('/')]);
    type_in(&mut a, "abc");
    press(&mut a, &[alt('2')]);
    assert!(matches!(a.input, Some(shuibei::explorer::app::Input::Search(_))));
    assert_eq!(a.current_view().query.text, "2");
    // In an empty box: Esc leaves it, then `2` goes to the Enterprises tab.
    press(&mut a, &[code(KeyCode::Backspace), alt('2')]);
    assert!(a.input.is_none());
    assert_eq!(a.tab, RecordKind::Enterprise);
    // On a list with a search kept: Esc clears the search, then `j` moves down.
    press(&mut a, &[ch('/')]);
    type_in(&mut a, "gold");
    settle(&mut a);
    let mut b = app(120, 40);
    settle(&mut b);
    press(&mut b, &[ch('2'), ch('/')]);
    type_in(&mut b, "gold");
    settle(&mut b);
    press(&mut a, &[code(KeyCode::Enter), alt('j')]);
    press(&mut b, &[code(KeyCode::Enter), code(KeyCode::Esc), ch('j')]);
    assert_eq!(a.current_view().query.text, "", "the search is cleared");
    assert_eq!(a.selected(), b.selected(), "and the cursor moved as with the two keys");
    // Any key with no Alt binding of its own: Esc Ctrl-P, Esc Tab, Esc Enter (a second
    // trial lost each pair).
    let with_alt = |key: Key| Key {
        mods: key.mods | crossterm::event::KeyModifiers::ALT,
        ..key
    };
    press(&mut a, &[ch('/')]);
    type_in(&mut a, "周大");
    press(&mut a, &[with_alt(Key::ctrl('p'))]);
    match &a.input {
        Some(shuibei::explorer::app::Input::Jump(jump)) => assert_eq!(jump.text.text, ""),
        other => panic!("Esc cleared the box, Ctrl-P opened the jump box: {other:?}"),
    }
    press(
        &mut a,
        &[code(KeyCode::Esc), code(KeyCode::Esc), with_alt(code(KeyCode::Tab))],
    );
    assert_eq!(a.tab, RecordKind::Brand, "Tab went on from Enterprises");
    press(&mut a, &[with_alt(code(KeyCode::Enter))]);
    assert_eq!(a.focus, Focus::Detail, "Enter opened the detail");
}

/// Opens Ctrl-P's box, types `query` and returns the box once answered.
fn jump_box(a: &mut App, query: &str) -> shuibei::explorer::app::JumpBox {
    press(a, &[Key::ctrl('p')]);
    type_in(a, query);
    settle(a);
    match &a.input {
        Some(shuibei::explorer::app::Input::Jump(jump)) => (**jump).clone(),
        other => panic!("the jump box is open: {other:?}"),
    }
}

#[test]
fn the_jump_boxs_first_row_is_the_best_match_of_all_tabs() {
    let mut a = app(120, 40);
    settle(&mut a);
    let jump = jump_box(&mut a, "zds");
    let first = jump.current().expect("zds matches");
    let db = shuibei::data::load::embedded().unwrap();
    let index = shuibei::search::Index::build(&db);
    let best = shuibei::search::search(&index, &db, shuibei::search::Scope::All, "zds", Some(1));
    assert_eq!(
        Some(first),
        best.hits.first().map(|h| h.rec),
        "as `shuibei search zds` ranks"
    );
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.tab, first.kind);
}

#[test]
fn a_malformed_query_is_a_gentle_note_not_an_error() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "gold !");
    let view = a.current_view();
    assert!(view.search.notice.is_some(), "a lone ! is explained");
    assert_eq!(view.query.text, "gold !", "the query is kept as typed");
    type_in(&mut a, "x colour:red");
    assert!(
        a.current_view().search.notice.as_deref().unwrap().contains("colour"),
        "unknown fields are named"
    );
}

#[test]
fn search_jump_and_export_work_from_the_detail_pane_too() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), code(KeyCode::Enter)]);
    assert_eq!(a.focus, Focus::Detail);
    press(&mut a, &[ch('/')]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
    assert_eq!(a.focus, Focus::List, "searching is about the list");
    press(&mut a, &[code(KeyCode::Esc), code(KeyCode::Enter), Key::ctrl('p')]);
    assert!(matches!(a.input, Some(shuibei::explorer::app::Input::Jump(_))));
    press(&mut a, &[code(KeyCode::Esc), code(KeyCode::Enter), ch('e')]);
    assert!(matches!(a.input, Some(shuibei::explorer::app::Input::Export(_))));
}

/// Issue 10, defect 7: `s` on a searched list sorts its matches (it used to stay "by
/// relevance" until the search was cleared), the title says which order is shown, and
/// cycling on past the last column comes back to relevance.
#[test]
fn sorting_a_searched_list_sorts_its_matches_and_comes_back_to_relevance() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "tag:listed");
    press(&mut a, &[code(KeyCode::Enter)]);
    let by_relevance = a.current_view().rows.clone();
    assert!(by_relevance.len() >= 5 && by_relevance.len() < a.db.enterprises().len());
    press(&mut a, &[ch('s')]);
    let view = a.current_view();
    assert_eq!(view.order_label(), "by Name ↑");
    let mut sorted = view.rows.clone();
    let mut matches = by_relevance.clone();
    sorted.sort_unstable();
    matches.sort_unstable();
    assert_eq!(sorted, matches, "the same matches, in another order");
    let names: Vec<&str> = view
        .rows
        .iter()
        .map(|i| &*a.db.enterprises()[*i as usize].name)
        .collect();
    let mut by_name = names.clone();
    by_name.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, by_name);
    let status = a.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        status.contains("s again for the next column, relevance after the last"),
        "{status}"
    );
    press(&mut a, &[ch('S')]);
    assert_eq!(a.current_view().order_label(), "by Name ↓");
    for _ in 0..20 {
        press(&mut a, &[ch('s')]);
        if a.current_view().order_label() == "by relevance" {
            break;
        }
    }
    assert_eq!(a.current_view().order_label(), "by relevance");
    assert_eq!(a.current_view().rows, by_relevance);
    // History's r: relevance, oldest first, newest first, relevance.
    press(&mut a, &[ch('1'), ch('/')]);
    type_in(&mut a, "zhou");
    press(&mut a, &[code(KeyCode::Enter)]);
    let labels: Vec<String> = (0..4)
        .map(|_| {
            press(&mut a, &[ch('r')]);
            a.current_view().order_label()
        })
        .collect();
    assert_eq!(labels, ["oldest first", "newest first", "by relevance", "oldest first"]);
}

/// Rows that are no answer are counted for the list's title: brands whose summary says
/// they hold no 驰名商标 match in a clause that negates it, and come last.
#[test]
fn rows_in_a_clause_that_negates_the_query_are_counted() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('3'), ch('/')]);
    type_in(&mut a, "驰名商标");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    let view = a.current_view();
    assert!(view.negated_rows > 0, "brands without the honour say so");
    let negated = |w: &shuibei::search::Why| matches!(w, shuibei::search::Why::Negated(_));
    let first = view.row_why.iter().position(negated).unwrap();
    assert_eq!(view.row_why.len() - first, view.negated_rows, "{:?}", view.row_why);
    assert_eq!(view.loose_rows, 0);
    let negated_rows = view.negated_rows;
    // The title counts them behind the mark each such row carries (an export leaves
    // them out, and the list shows which).
    let screen = common::screen::mono_screen(&a);
    assert!(
        screen.contains(&format!("· ¬ {negated_rows} in a clause that negates it")),
        "{screen}"
    );
    press(&mut a, &[code(KeyCode::End)]);
    let screen = common::screen::mono_screen(&a);
    let marked = screen.matches("│¬ ").count();
    assert_eq!(marked, negated_rows, "{screen}");
    assert_eq!(screen.matches("│≈ ").count(), 0, "{screen}");
}

/// The Sources tab says what the command line says: `落户` is only spelled ("Luohu") in
/// the sources it lists, so none is an answer; the detail says where it was spelled.
/// Beside a term as typed (`水贝 | 落户`), the sound-alikes come last and are counted.
#[test]
fn sources_that_only_spell_the_query_are_no_answer() {
    use shuibei::explorer::action::{Action, Tab};
    let mut a = app(120, 40);
    settle(&mut a);
    a.update(Msg::Action(Action::GoTab(Tab::Sources)));
    press(&mut a, &[ch('/')]);
    type_in(&mut a, "落户");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    let view = a.current_view();
    assert!(view.search.tolerant && !view.rows.is_empty(), "{:?}", view.search);
    assert_eq!(view.loose_rows, view.rows.len());
    let screen = common::screen::mono_screen(&a);
    assert!(screen.contains("· none as typed"), "{screen}");
    assert!(screen.contains("sounds like it, spelled in title"), "{screen}");
    press(&mut a, &[code(KeyCode::Char('/'))]);
    for _ in 0.."落户".chars().count() {
        press(&mut a, &[code(KeyCode::Backspace)]);
    }
    type_in(&mut a, "水贝 | 落户");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    let view = a.current_view();
    assert!(!view.search.tolerant);
    let loose = |w: &shuibei::search::Why| w.loose();
    let first = view
        .row_why
        .iter()
        .position(loose)
        .expect("the sound-alikes are listed");
    assert!(
        first > 0 && view.row_why[first..].iter().all(loose),
        "{:?}",
        view.row_why
    );
    assert_eq!(view.loose_rows, view.row_why.len() - first);
    let loose_rows = view.loose_rows;
    let screen = common::screen::mono_screen(&a);
    assert!(screen.contains(&format!("· ≈ {loose_rows} not as typed")), "{screen}");
    // Each such row is marked (dim, behind ≈), the others not: at the list's end, below
    // the titles holding 水贝 or spelling it "Shuibei" as the data's names write it.
    press(&mut a, &[code(KeyCode::End)]);
    let screen = common::screen::mono_screen(&a);
    let marked = screen.matches("│≈ ").count();
    assert!(marked > 0 && marked <= loose_rows, "{screen}");
    assert!(
        !screen.contains("│≈ 21世"),
        "a title holding 水贝 is no sound-alike: {screen}"
    );
    // The jump box marks such a source too.
    press(&mut a, &[code(KeyCode::Esc)]);
    a.update(Msg::Action(Action::Jump));
    type_in(&mut a, "落户");
    settle(&mut a);
    let screen = common::screen::mono_screen(&a);
    assert!(
        screen.contains("sources, none as typed · no record as typed"),
        "{screen}"
    );
    let Some(shuibei::explorer::app::Input::Jump(jump)) = &a.input else {
        panic!("the jump box is open")
    };
    assert!(
        jump.sources_loose() && jump.sources_loose.iter().all(Option::is_some),
        "{jump:?}"
    );
    // Enter goes to the best row, a sound-alike, and the status says it is not as typed.
    press(&mut a, &[code(KeyCode::Enter)]);
    let status = a.status.clone().expect("a status").text;
    assert!(status.starts_with("not as typed (sounds like: "), "{status}");
    // The status after it stays one line, so the panes keep their bottom edges.
    assert!(unicode_width::UnicodeWidthStr::width(status.as_str()) < 120, "{status}");
    // Some sources as typed, some not (财经 spelled "Caijing", as no record's name
    // writes it): the box counts the ones that are not.
    a.update(Msg::Action(Action::Jump));
    type_in(&mut a, "财经");
    settle(&mut a);
    let screen = common::screen::mono_screen(&a);
    let (hits, _) = shuibei::search::search_sources(&common::explorer::DB, "财经");
    let loose = hits.iter().filter(|h| h.loose.is_some()).count();
    assert!(loose > 0 && loose < hits.len());
    assert!(screen.contains(&format!(" sources ({loose} not as typed)")), "{screen}");
    // Exporting the Sources tab's rows: those not as typed are left out, as `shuibei
    // export` leaves them, and the prompt and the status say how many.
    press(&mut a, &[code(KeyCode::Esc)]);
    a.update(Msg::Action(Action::GoTab(Tab::Sources)));
    press(&mut a, &[ch('/')]);
    type_in(&mut a, "财经");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    let shown = a.current_view().rows.len();
    press(&mut a, &[ch('e')]);
    let screen = common::screen::mono_screen(&a);
    assert!(
        screen.contains(&format!("Export {} rows ({loose} left out) to", shown - loose)),
        "{screen}"
    );
    let (rows, left) = a.current_view().export_rows();
    assert_eq!((rows.len(), left), (shown - loose, loose));
}

/// A date range only filters: its matches all score alike, so History shows them as the
/// timeline, says so ("oldest first", not "by relevance"), and the first `r` reverses it.
#[test]
fn a_date_range_on_history_is_the_timeline_and_r_reverses_it_at_once() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('1'), ch('/')]);
    type_in(&mut a, "date:2025-10..2026-03");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    let view = a.current_view();
    assert!(view.rows.len() > 5, "{}", view.rows.len());
    assert_eq!(view.order_label(), "oldest first");
    let dates = |a: &shuibei::explorer::app::App| -> Vec<_> {
        a.current_view()
            .rows
            .iter()
            .map(|i| a.db.history()[*i as usize].date)
            .collect()
    };
    let oldest = dates(&a);
    assert!(oldest.is_sorted(), "{oldest:?}");
    press(&mut a, &[ch('r')]);
    assert_eq!(a.current_view().order_label(), "newest first");
    let newest = dates(&a);
    assert!(newest.iter().rev().is_sorted(), "{newest:?}");
    press(&mut a, &[ch('r')]);
    assert_eq!(a.current_view().order_label(), "oldest first");
}

/// Issue 10, defect 8: Ctrl-P to a record the tab's query hides clears the query to show
/// it; Back puts the tab back exactly: query, matches, order, selection.
#[test]
fn back_restores_the_query_the_order_and_the_selection() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "tag:listed");
    press(&mut a, &[code(KeyCode::Enter), ch('s'), ch('j'), ch('j')]);
    let view = a.current_view();
    let (rows, selected, label) = (view.rows.clone(), a.selected(), view.order_label());
    let hidden = a.db.record("jinzhan").unwrap();
    assert!(!rows.contains(&hidden.index), "tag:listed hides Jinzhan");
    press(&mut a, &[Key::ctrl('p')]);
    type_in(&mut a, "jinzhan");
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.selected(), Some(hidden));
    assert!(a.current_view().query.text.is_empty(), "the jump cleared the query");
    // And says so: the list no longer answers the query typed before.
    let status = a.status.clone().unwrap().text;
    assert!(
        status.contains("Backspace goes back · its tab's search cleared · → "),
        "{status}"
    );
    press(&mut a, &[code(KeyCode::Backspace)]);
    settle(&mut a);
    let view = a.current_view();
    assert_eq!(view.query.text, "tag:listed");
    assert_eq!(view.rows, rows);
    assert_eq!(view.order_label(), label);
    assert_eq!(a.selected(), selected);
    assert!(
        !a.searching(RecordKind::Enterprise),
        "the results came back with the query"
    );
}

/// An id pasted whole into Ctrl-P's box (as `shuibei search` and the exports print it)
/// names its record first, though the engine matches ids only after `id:`.
#[test]
fn the_jump_box_goes_to_the_record_an_id_names() {
    let mut a = app(120, 40);
    settle(&mut a);
    let jump = jump_box(&mut a, "ind-area-base-core");
    let target = a.db.record("ind-area-base-core").unwrap();
    assert_eq!(jump.hits[0].rec, target, "{:?}", jump.hits);
    assert_eq!(jump.hits.iter().filter(|h| h.rec == target).count(), 1, "listed once");
    assert!(jump.matched >= 1);
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    assert!(a.input.is_none());
    assert_eq!(a.selected(), Some(target));
}

/// Enter in Ctrl-P's box with nothing to jump to keeps the box open: what is typed next
/// is still the query, not a command (a trial's next words flipped the sort and opened an
/// export prompt).
#[test]
fn a_jump_with_nothing_to_go_to_keeps_the_box_open() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[Key::ctrl('p')]);
    type_in(&mut a, "qqqxxxzzzwww");
    press(&mut a, &[code(KeyCode::Enter)]);
    assert!(matches!(a.input, Some(shuibei::explorer::app::Input::Jump(_))));
    assert!(a.status.clone().unwrap().text.starts_with("nothing to jump to"));
    press(&mut a, &[ch('q'), ch('e')]);
    assert!(!a.quit);
    let Some(shuibei::explorer::app::Input::Jump(jump)) = &a.input else {
        panic!("the box is still open")
    };
    assert_eq!(jump.text.text, "qqqxxxzzzwwwqe");
}

/// Enter in Ctrl-P's box before the engine has answered the query waits for the answer
/// and then goes to its best match (a trial's quick Enter said "nothing to jump to" while
/// the match was on its way); a row chosen by hand is gone to at once.
#[test]
fn enter_before_the_jump_boxs_answer_goes_to_the_best_match_when_it_comes() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[Key::ctrl('p')]);
    for c in "zhou dasheng".chars() {
        a.update(shuibei::explorer::action::Msg::Insert(c));
    }
    // Typed, not yet answered.
    press(&mut a, &[code(KeyCode::Enter)]);
    assert!(
        matches!(a.input, Some(shuibei::explorer::app::Input::Jump(_))),
        "still open"
    );
    assert!(a.status.clone().unwrap().text.starts_with("searching…"));
    settle(&mut a);
    assert!(a.input.is_none(), "gone once the answer came");
    // Where a box that had its answer goes.
    let mut b = app(120, 40);
    settle(&mut b);
    press(&mut b, &[Key::ctrl('p')]);
    type_in(&mut b, "zhou dasheng");
    let Some(shuibei::explorer::app::Input::Jump(jump)) = &b.input else {
        panic!("the box is open")
    };
    let best = jump.current().expect("a match");
    assert_eq!(a.tab.kind(), Some(best.kind), "on the best match's tab");
    assert_eq!(a.current_view().current_row(), Some(best.index), "on the best match");
    // Answered and complete: Enter goes at once.
    press(&mut a, &[Key::ctrl('p')]);
    type_in(&mut a, "chow tai fook");
    press(&mut a, &[code(KeyCode::Enter)]);
    assert!(a.input.is_none());
}

/// The jump box finds sources too, after the records (a trial looked there for a
/// publisher's reports): Enter on one opens it in the Sources tab, Backspace comes back.
#[test]
fn the_jump_box_lists_sources_after_records() {
    use shuibei::explorer::action::{Action, Tab};
    use shuibei::explorer::app::Input;
    let mut a = app(120, 36);
    settle(&mut a);
    a.update(Msg::Action(Action::Jump));
    type_in(&mut a, "bloomberg");
    settle(&mut a);
    let dantri = u32::try_from(a.db.source_index("src-dantri-bloomberg-shuibei").unwrap()).unwrap();
    let Some(Input::Jump(jump)) = &a.input else {
        panic!("the jump box is open")
    };
    assert!(jump.complete && !jump.hits.is_empty(), "{jump:?}");
    assert_eq!(jump.sources_matched, jump.sources.len());
    assert_eq!(jump.sources.first(), Some(&dantri), "{jump:?}");
    let records = jump.hits.len();
    let screen = common::screen::mono_screen(&a);
    assert!(
        screen.contains(" · 3 sources") && screen.contains("Sources (3)"),
        "{screen}"
    );
    for _ in 0..records {
        press(&mut a, &[code(KeyCode::Down)]);
    }
    let Some(Input::Jump(jump)) = &a.input else {
        panic!("the jump box is open")
    };
    assert_eq!(jump.current(), None);
    assert_eq!(jump.current_source(), Some(dantri));
    press(&mut a, &[code(KeyCode::Enter)]);
    assert!(a.input.is_none());
    assert_eq!(a.tab, Tab::Sources);
    assert_eq!(a.current_view().current_row(), Some(dantri));
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, Tab::Overview);
    // Only sources match: the counter says no record, and Enter goes to the best source.
    a.update(Msg::Action(Action::Jump));
    type_in(&mut a, "vietnam.vn");
    settle(&mut a);
    assert!(
        common::screen::mono_screen(&a).contains("no record · 1 source"),
        "{}",
        common::screen::mono_screen(&a)
    );
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.current_view().current_row(), Some(dantri));
}

/// A source chosen with the arrows before the records' answer arrives stays chosen (the
/// sources come at once, the records later), and Enter goes to it then, not to the best
/// record; with nothing chosen by hand, the best record is first once it arrives.
#[test]
fn a_source_chosen_before_the_records_arrive_stays_chosen() {
    use shuibei::explorer::action::{Action, Tab};
    use shuibei::explorer::app::Input;
    let mut a = app(120, 36);
    settle(&mut a);
    // The second of the sources that name Bloomberg.
    let second = u32::try_from(a.db.source_index("src-bactf-bloomberg-gold-2024-09").unwrap()).unwrap();
    a.update(Msg::Action(Action::Jump));
    type_in(&mut a, "bloomber");
    // The last key's answer from the engine is not in: the rows are the records found
    // for "bloomber", then the sources found for "bloomberg".
    a.update(Msg::Insert('g'));
    let jump = |a: &App| match &a.input {
        Some(Input::Jump(jump)) => (**jump).clone(),
        _ => panic!("the jump box is open"),
    };
    // Past the records shown (those found for "bloomber") to the second source.
    for _ in 0..=jump(&a).hits.len() {
        press(&mut a, &[code(KeyCode::Down)]);
    }
    assert_eq!(jump(&a).current_source(), Some(second), "{:?}", jump(&a));
    settle(&mut a);
    assert!(!jump(&a).hits.is_empty(), "the records arrived");
    assert_eq!(jump(&a).current_source(), Some(second), "{:?}", jump(&a));
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!((a.tab, a.current_view().current_row()), (Tab::Sources, Some(second)));
    // Typed only: the records' best match is first once they arrive.
    a.update(Msg::Action(Action::Jump));
    type_in(&mut a, "bloomberg");
    settle(&mut a);
    assert!(jump(&a).current().is_some(), "{:?}", jump(&a));
}

/// On a searched timeline `r` steps oldest first, newest first, relevance, and the status
/// says what the next press gives (it spoke of a next column, which the History tab's
/// one order does not have).
#[test]
fn r_on_a_searched_timeline_says_what_it_does_next() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[ch('1'), ch('/')]);
    type_in(&mut a, "gold");
    press(&mut a, &[code(KeyCode::Enter)]);
    let status = |a: &App| a.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    press(&mut a, &[ch('r')]);
    assert_eq!(status(&a), "matches oldest first; r again for newest first");
    press(&mut a, &[ch('r')]);
    assert_eq!(status(&a), "matches newest first; r again for relevance");
    press(&mut a, &[ch('r')]);
    assert_eq!(status(&a), "matches by relevance");
}

/// A trial: `/老凤祥` on Enterprises listed HIPINE as "1 of 93 enterprises", a row like any
/// other, though only its summary names 老凤祥 (as a customer). The title says no name
/// holds the query; a name match says nothing of the kind.
#[test]
fn a_list_whose_answers_hold_the_query_in_no_name_says_so() {
    let title = |query: &str| {
        let mut a = app(120, 30);
        press(&mut a, &[ch('2'), code(KeyCode::Char('/'))]);
        type_in(&mut a, query);
        press(&mut a, &[code(KeyCode::Enter)]);
        settle(&mut a);
        let screen = common::screen::mono_screen(&a);
        let line = screen
            .lines()
            .find(|l| l.contains("enterprises"))
            .unwrap_or_default()
            .to_owned();
        (a.current_view().rows.len(), line)
    };
    let (rows, line) = title("老凤祥");
    assert_eq!(rows, 1, "{line}");
    assert!(line.contains("1 of 93 enterprises · in no name"), "{line}");
    let (rows, line) = title("周大生");
    assert!(rows > 0, "{line}");
    assert!(!line.contains("in no name"), "{line}");
}

/// On the History tab the mark of a row that negates the query stands before its title,
/// not before the date it pushed out ("¬ 2026-02-…", a trial).
#[test]
fn a_negated_event_is_marked_before_its_title() {
    let mut a = app(100, 30);
    settle(&mut a);
    press(&mut a, &[ch('1'), ch('/')]);
    type_in(&mut a, "驰名商标");
    press(&mut a, &[code(KeyCode::Enter)]);
    settle(&mut a);
    let view = a.current_view();
    assert!(view.negated_rows > 0 && view.loose_rows == 0, "{:?}", view.row_why);
    let screen = common::screen::mono_screen(&a);
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("¬ ")).collect();
    assert!(marked.len() > view.negated_rows, "the title and the rows: {screen}");
    for row in marked.iter().filter(|l| l.starts_with('│')) {
        // The date first, whole, then the mark before the title.
        let cell = row.trim_start_matches('│');
        assert!(cell.starts_with(|c: char| c.is_ascii_digit() || c == '~'), "{row}");
        assert!(!cell.starts_with("¬"), "{row}");
    }
}
