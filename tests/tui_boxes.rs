//! The explorer's text boxes and what they drive, without a terminal: the search box,
//! the jump box, copying and exporting, as a person types them.

mod common;

use common::explorer::{INDEX, app, ch, code, press, settle, type_in};

use crossterm::event::KeyCode;
use shuibei::data::model::RecordKind;
use shuibei::explorer::action::Msg;
use shuibei::explorer::app::{App, Focus};
use shuibei::explorer::keymap::Key;

#[test]
fn y_copies_the_name_through_osc52_and_says_how_much() {
    let mut a = app(80, 24);
    a.env = shuibei::env::Env::from_pairs([("TMUX", "/tmp/tmux-0/default,1,0")]);
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
    // The suggested name is editable: replace the extension with .json.
    for _ in 0..3 {
        press(&mut a, &[code(KeyCode::Backspace)]);
    }
    a.update(Msg::Insert('j'));
    a.update(Msg::Paste("son\nignored second line".into()));
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::List);
    let shuibei::explorer::app::Effect::Export { rows, path } = &a.effects[0] else {
        panic!("{:?}", a.effects)
    };
    assert_eq!(rows.tab, shuibei::export::Tab::Records(RecordKind::Enterprise));
    assert_eq!(rows.len(), a.db.enterprises().len());
    assert_eq!(path.to_str(), Some("shuibei-enterprises.json"));
    // Esc cancels without exporting.
    a.effects.clear();
    press(&mut a, &[ch('e'), code(KeyCode::Esc)]);
    assert!(a.effects.is_empty());
    assert_eq!(a.status.clone().unwrap().text, "export cancelled");
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
    // An existing file: the first Enter asks, the second replaces.
    let existing = dir.path().join("brands.csv");
    std::fs::write(&existing, "keep me").unwrap();
    clear(&mut a);
    a.update(Msg::Paste(existing.display().to_string()));
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::Input);
    assert!(
        a.status
            .clone()
            .unwrap()
            .text
            .contains("exists: Enter again replaces it")
    );
    assert!(a.effects.is_empty());
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.context(), shuibei::explorer::keymap::Context::List);
    assert!(matches!(&a.effects[..], [shuibei::explorer::app::Effect::Export { path, .. }] if *path == existing));
    // Next time, the name given last is offered.
    press(&mut a, &[ch('e')]);
    let Some(shuibei::explorer::app::Input::Export(name)) = &a.input else {
        panic!("the prompt is open")
    };
    assert_eq!(name.text, existing.display().to_string());
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
    // A name match explains itself; a match by pinyin says so.
    let why = a.current_view().current_why().unwrap();
    assert_eq!(
        why.explain(&a.db, a.selected().unwrap()),
        None,
        "zds matched the English name Zhou Dasheng"
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
    // Esc in the box clears it: every enterprise again, in file order.
    press(&mut a, &[ch('/'), code(KeyCode::Esc)]);
    settle(&mut a);
    assert_eq!(a.current_view().rows.len(), a.db.enterprises().len());
    assert!(a.regions().unwrap().search.is_none());
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
    }));
    assert!(!changed);
    assert!(!a.current_view().search.active());
    assert!(a.searching(RecordKind::Enterprise), "still waiting for zd");
    settle(&mut a);
    assert_eq!(a.current_view().search.query.as_deref(), Some("zd"));
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

#[test]
fn the_jump_boxs_first_row_is_the_best_match_of_all_tabs() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, &[Key::ctrl('p')]);
    type_in(&mut a, "zds");
    let Some(shuibei::explorer::app::Input::Jump(jump)) = &a.input else {
        panic!()
    };
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
