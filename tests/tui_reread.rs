//! The explorer's state across a new reading of its dataset (the file changed on disk):
//! what a person set up stays, matched by record id, though the new reading numbers the
//! records afresh; a change that does not load leaves a lasting mark.

mod common;

use std::sync::Arc;

use common::explorer::{app, ch, code, press, settle, settle_on};
use common::screen::{mono_line, mono_screen};
use crossterm::event::KeyCode;
use shuibei::data::db::Db;
use shuibei::data::model::RecordKind;
use shuibei::explorer::action::Msg;
use shuibei::explorer::app::{App, Focus, Overlay};
use shuibei::search::Index;

/// The shipped dataset with its enterprises in reverse order (every enterprise's index
/// changes, none of its ids), less those `drop` names by id.
fn reread(drop: &[&str]) -> Arc<Db> {
    let mut json: serde_json::Value = serde_json::from_str(shuibei::data::load::EMBEDDED).expect("json");
    let enterprises = json["enterprises"].as_array_mut().expect("enterprises");
    enterprises.reverse();
    enterprises.retain(|e| !drop.contains(&e["id"].as_str().unwrap_or("")));
    // Brands and events may point at a dropped enterprise: keep the test about ids.
    for kind in ["history", "brands", "indicators"] {
        for record in json[kind].as_array_mut().expect("records") {
            let record = record.as_object_mut().expect("a record");
            if drop.contains(&record.get("owner").and_then(|o| o.as_str()).unwrap_or("")) {
                record.remove("owner");
            }
            if let Some(related) = record.get_mut("related").and_then(|r| r.as_array_mut()) {
                related.retain(|r| !drop.contains(&r.as_str().unwrap_or("")));
            }
        }
    }
    let text = serde_json::to_vec(&json).expect("json");
    Arc::new(shuibei::data::load::load_slice("reread.json", &text).expect("the changed data loads"))
}

fn selected_id(a: &App) -> Option<String> {
    a.selected().map(|rec| a.db.id(rec).to_owned())
}

#[test]
fn the_selection_sort_filters_and_detail_follow_the_record_ids() {
    let mut a = app(120, 40);
    // Enterprises, sorted by their first column, three rows down, the detail open.
    press(
        &mut a,
        &[ch('2'), ch('s'), ch('j'), ch('j'), ch('j'), code(KeyCode::Enter)],
    );
    assert_eq!(a.focus, Focus::Detail);
    let sort = a.current_view().sort;
    assert!(sort.column.is_some(), "a column sort is on");
    let id = selected_id(&a).expect("a record is selected");
    let order: Vec<String> = a
        .current_view()
        .rows
        .iter()
        .map(|i| a.db.enterprises()[*i as usize].id.to_string())
        .collect();

    let b = a.reopened(&reread(&[]));
    assert_eq!(b.tab, RecordKind::Enterprise);
    assert_eq!(b.current_view().sort, sort, "the sort stays");
    assert_eq!(
        selected_id(&b).as_deref(),
        Some(id.as_str()),
        "the same record, at its new index"
    );
    assert_ne!(b.selected(), a.selected(), "the new reading numbers it differently");
    assert_eq!(b.focus, Focus::Detail, "its detail stays open");
    let again: Vec<String> = b
        .current_view()
        .rows
        .iter()
        .map(|i| b.db.enterprises()[*i as usize].id.to_string())
        .collect();
    assert_eq!(again, order, "the same records in the same sorted order");
}

#[test]
fn a_filter_stays_on() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('f'), ch(' '), code(KeyCode::Esc)]);
    let shown = a.current_view().rows.len();
    let all = a.db.enterprises().len();
    assert!(shown < all, "the filter narrows: {shown} of {all}");
    let b = a.reopened(&reread(&[]));
    assert_eq!(b.current_view().facets, a.current_view().facets);
    assert_eq!(b.current_view().rows.len(), shown, "the filter still narrows");
}

#[test]
fn a_record_gone_closes_its_detail_and_keeps_the_place() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('j'), ch('j'), code(KeyCode::Enter)]);
    let id = selected_id(&a).expect("selected");
    let place = a.current_view().selected;
    let b = a.reopened(&reread(&[id.as_str()]));
    assert!(b.db.record(&id).is_none(), "the record is gone");
    assert_eq!(b.focus, Focus::List, "no detail for a record that is gone");
    assert_eq!(b.current_view().selected, place, "the selection stays where it was");
}

#[test]
fn a_search_shows_its_earlier_matches_until_it_answers_again() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('/')]);
    for c in "zhou".chars() {
        a.update(Msg::Insert(c));
        settle(&mut a);
    }
    press(&mut a, &[code(KeyCode::Enter), ch('j')]);
    let matches: Vec<String> = a
        .current_view()
        .rows
        .iter()
        .map(|i| a.db.enterprises()[*i as usize].id.to_string())
        .collect();
    assert!(matches.len() > 1, "zhou matches several: {matches:?}");
    let id = selected_id(&a).expect("selected");

    let db = reread(&[]);
    let mut b = a.reopened(&db);
    let view = b.current_view();
    assert_eq!(view.query.text, "zhou");
    assert!(!view.search.complete, "marked as searching until the new index answers");
    let shown: Vec<String> = view
        .rows
        .iter()
        .map(|i| b.db.enterprises()[*i as usize].id.to_string())
        .collect();
    assert_eq!(shown, matches, "the earlier matches, not every enterprise");
    assert_eq!(selected_id(&b).as_deref(), Some(id.as_str()));

    let index = Arc::new(Index::build(&db));
    settle_on(&mut b, &index);
    assert!(b.current_view().search.complete);
    assert_eq!(
        selected_id(&b).as_deref(),
        Some(id.as_str()),
        "the answer keeps the record chosen"
    );
}

#[test]
fn a_change_that_does_not_load_is_marked_until_one_does() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('?')]);
    a.update(Msg::Unreadable {
        file: "cluster.json".into(),
        why: "line 3: expected `,`".into(),
    });
    assert_eq!(a.stale.as_deref(), Some("cluster.json"));
    let status = a.status.as_ref().expect("said in the status line");
    assert!(status.error && status.text.contains("line 3"), "{status:?}");
    press(&mut a, &[code(KeyCode::Esc), ch('j')]);
    assert!(a.status.is_none(), "the status line's report goes at the next key");
    let title = mono_line(&a, 0);
    assert!(
        title.contains("cluster.json on disk does not load"),
        "the title keeps saying it: {title}"
    );

    let b = a.reopened(&reread(&[]));
    assert!(b.stale.is_none(), "a reading that loads clears the mark");
    assert!(!mono_line(&b, 0).contains("does not load"));
}

#[test]
fn help_stays_open_and_a_picker_closes() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('?')]);
    assert!(matches!(a.reopened(&reread(&[])).overlay, Overlay::Help { .. }));
    press(&mut a, &[code(KeyCode::Esc), ch('2'), ch('f')]);
    assert!(matches!(a.overlay, Overlay::Picker(_)));
    assert_eq!(a.reopened(&reread(&[])).overlay, Overlay::None);
}

#[test]
fn a_long_error_wraps_over_the_lists_instead_of_being_cut() {
    let mut a = app(80, 24);
    press(&mut a, &[ch('2')]);
    let why = "line 4,012, column 17: expected `,` or `}` after an object member; the file ends \
               too early; run `shuibei validate` on it for the whole report";
    a.update(Msg::Unreadable {
        file: "registry-export-guangdong.json".into(),
        why: why.into(),
    });
    let screen = mono_screen(&a);
    let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("for the whole report"),
        "the end of the error shows:\n{screen}"
    );
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[0].contains("does not load"),
        "the title keeps its mark:\n{screen}"
    );
    assert!(lines[1].contains("Enterprises"), "the tab bar stays:\n{screen}");
    assert!(
        lines[23].trim_end().len() > 10,
        "the footer holds its last line:\n{screen}"
    );
    press(&mut a, &[ch('j')]);
    let after = mono_screen(&a);
    assert!(
        !after.contains("for the whole report"),
        "the next key takes it away:\n{after}"
    );
}
