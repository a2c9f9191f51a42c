//! The explorer's state across a new reading of its dataset (the file changed on disk):
//! what a person set up stays, matched by record id, though the new reading numbers the
//! records afresh; a change that does not load leaves a lasting mark.

use crate::common;

use std::sync::Arc;

use common::explorer::{app, ch, code, press, settle_on, type_in};
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
    assert_eq!(a.lost(&b), None, "the record selected is still shown");
}

#[test]
fn a_record_gone_leaves_the_selection_and_focus_at_their_place() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('j'), ch('j'), code(KeyCode::Enter)]);
    let id = selected_id(&a).expect("selected");
    let place = a.current_view().selected;
    let b = a.reopened(&reread(&[id.as_str()]));
    assert!(b.db.record(&id).is_none(), "the record is gone");
    let lost = a.lost(&b).expect("the status line says so");
    assert!(lost.ends_with("is no longer in the file"), "{lost}");
    assert_eq!(
        b.focus,
        Focus::Detail,
        "the keyboard stays in the detail, on the record now there"
    );
    assert_eq!(b.current_view().selected, place, "the selection stays where it was");
}

#[test]
fn a_search_shows_its_earlier_matches_until_it_answers_again() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "zhou");
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
        gone: false,
    });
    assert_eq!(a.stale, Some(("cluster.json".to_owned(), false)));
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

    // A file that is gone says so, and a file cut short may still be being written.
    a.update(Msg::Unreadable {
        file: "cluster.json".into(),
        why: "cannot read the file: no such file; check the path".into(),
        gone: true,
    });
    assert!(a.status.as_ref().is_some_and(|s| s.text.contains("is gone from disk")));
    assert!(mono_line(&a, 0).contains("cluster.json is gone from disk"));
    a.update(Msg::Unreadable {
        file: "cluster.json".into(),
        why: "line 9, column 2: EOF while parsing: the file ends too early (truncated?)".into(),
        gone: false,
    });
    assert!(
        a.status
            .as_ref()
            .is_some_and(|s| s.text.contains("still being written?"))
    );
}

#[test]
fn help_and_the_filter_picker_stay_open() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('?')]);
    assert!(matches!(a.reopened(&reread(&[])).overlay, Overlay::Help { .. }));
    press(
        &mut a,
        &[code(KeyCode::Esc), ch('2'), ch('f'), ch('j'), ch('j'), ch('j')],
    );
    let Overlay::Picker(before) = &a.overlay else {
        panic!("the picker is open")
    };
    let on = &before.entries[before.cursor];
    let b = a.reopened(&reread(&[]));
    let Overlay::Picker(after) = &b.overlay else {
        panic!("the picker stays open")
    };
    let now = &after.entries[after.cursor];
    assert_eq!((now.facet, &now.value), (on.facet, &on.value), "on the same value");
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
        gone: false,
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

#[test]
fn the_first_answers_of_a_search_run_again_leave_the_selection_and_detail_alone() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "jewel");
    press(
        &mut a,
        &[
            code(KeyCode::Enter),
            ch('j'),
            ch('j'),
            ch('j'),
            ch('j'),
            code(KeyCode::Enter),
        ],
    );
    a.detail.scroll = Some(3);
    a.detail.link = 2;
    let id = selected_id(&a).expect("selected");
    let db = reread(&[]);
    let mut b = a.reopened(&db);
    let index = Arc::new(Index::build(&db));
    b.update(Msg::IndexReady(Arc::clone(&index)));
    // As the worker does on a million records: the best few first, then the whole answer.
    let query = b.current_view().query.text.clone();
    let scope = shuibei::search::Scope::One(RecordKind::Enterprise);
    let mut outcome = shuibei::search::search(&index, &db, scope, &query, None);
    let whole = outcome.clone();
    outcome.hits.truncate(1);
    b.update(Msg::SearchDone(shuibei::search::Done {
        generation: 0,
        scope,
        query: query.clone(),
        settled: 1,
        outcome,
        complete: false,
        nothing: shuibei::search::WhyNothing::default(),
    }));
    assert_eq!(
        selected_id(&b).as_deref(),
        Some(id.as_str()),
        "a first answer moves nothing"
    );
    b.update(Msg::SearchDone(shuibei::search::Done {
        generation: 0,
        scope,
        query,
        settled: whole.hits.len(),
        outcome: whole,
        complete: true,
        nothing: shuibei::search::WhyNothing::default(),
    }));
    assert!(b.current_view().search.complete);
    assert_eq!(
        selected_id(&b).as_deref(),
        Some(id.as_str()),
        "the whole answer keeps it"
    );
    assert_eq!(b.focus, Focus::Detail);
    assert_eq!(
        (b.detail.scroll, b.detail.link),
        (Some(3), 2),
        "the detail keeps its place"
    );
}

#[test]
fn a_record_that_no_longer_matches_leaves_the_selection_at_its_place() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('/')]);
    type_in(&mut a, "jewel");
    press(&mut a, &[code(KeyCode::Enter), ch('j'), ch('j'), ch('j')]);
    let id = selected_id(&a).expect("selected");
    let place = a.current_view().selected;
    // Renamed so that the query no longer finds it.
    let mut json: serde_json::Value = serde_json::from_str(shuibei::data::load::EMBEDDED).expect("json");
    for e in json["enterprises"].as_array_mut().expect("enterprises") {
        if e["id"] == id.as_str() {
            e["name"] = "Qqqq Xxxx".into();
            e.as_object_mut().expect("record").remove("name_zh");
            e.as_object_mut().expect("record").remove("aliases");
            e.as_object_mut().expect("record").remove("summary");
        }
    }
    let db =
        Arc::new(shuibei::data::load::load_slice("r.json", &serde_json::to_vec(&json).expect("json")).expect("loads"));
    let mut b = a.reopened(&db);
    settle_on(&mut b, &Arc::new(Index::build(&db)));
    assert_ne!(selected_id(&b).as_deref(), Some(id.as_str()), "no longer a match");
    assert_eq!(b.current_view().selected, place, "the selection stays at its place");
    let status = b.status.as_ref().expect("said");
    assert!(status.text.contains("no longer matches the search"), "{status:?}");
}

#[test]
fn back_still_returns_where_a_jump_left_from() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('j'), ch('j')]);
    let from = selected_id(&a).expect("selected");
    let to = (0..a.db.brands().len())
        .find(|b| a.db.owner_of(*b).is_some())
        .expect("an owned brand");
    a.jump(shuibei::data::db::Rec::new(RecordKind::Brand, to));
    assert_eq!(a.back.len(), 1);
    let mut b = a.reopened(&reread(&[]));
    assert_eq!(b.back.len(), 1, "the way back survives the new reading");
    press(&mut b, &[code(KeyCode::Backspace)]);
    assert_eq!(b.tab, RecordKind::Enterprise);
    assert_eq!(
        selected_id(&b).as_deref(),
        Some(from.as_str()),
        "back on the same record, by id"
    );
}

#[test]
fn a_record_filtered_out_leaves_the_selection_at_its_place_and_says_so() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('f')]);
    let Overlay::Picker(picker) = &a.overlay else { panic!() };
    let at = picker
        .entries
        .iter()
        .position(|e| e.facet == shuibei::explorer::app::facets::Facet::Kind && e.value == "company")
        .unwrap();
    for _ in 0..at {
        press(&mut a, &[ch('j')]);
    }
    press(&mut a, &[ch(' '), code(KeyCode::Esc), ch('s')]);
    for _ in 0..10 {
        press(&mut a, &[ch('j')]);
    }
    press(&mut a, &[code(KeyCode::Enter)]);
    let id = selected_id(&a).expect("selected");
    let place = a.current_view().selected;
    let mut json: serde_json::Value = serde_json::from_str(shuibei::data::load::EMBEDDED).expect("json");
    for e in json["enterprises"].as_array_mut().expect("enterprises") {
        if e["id"] == id.as_str() {
            e["kind"] = if e["kind"] == "association" {
                "company".into()
            } else {
                "association".into()
            };
        }
    }
    let db =
        Arc::new(shuibei::data::load::load_slice("r.json", &serde_json::to_vec(&json).expect("json")).expect("loads"));
    let b = a.reopened(&db);
    assert_eq!(b.current_view().selected, place, "the selection stays at its place");
    assert_ne!(selected_id(&b).as_deref(), Some(id.as_str()));
    assert_eq!(b.focus, Focus::Detail, "the keyboard stays in the detail");
    let lost = a.lost(&b).expect("said");
    assert!(lost.ends_with("no longer passes the filters"), "{lost}");
    assert!(!lost.contains(&id), "named by its name, not its id: {lost}");
}

#[test]
fn back_to_a_record_that_is_gone_says_so() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2'), ch('j'), ch('j')]);
    let from = selected_id(&a).expect("selected");
    let to = (0..a.db.brands().len())
        .find(|b| a.db.owner_of(*b).is_some_and(|o| a.db.id(o) != from))
        .expect("a brand owned by another");
    a.jump(shuibei::data::db::Rec::new(RecordKind::Brand, to));
    let mut b = a.reopened(&reread(&[from.as_str()]));
    press(&mut b, &[code(KeyCode::Backspace)]);
    assert_eq!(b.tab, RecordKind::Enterprise);
    let status = b.status.as_ref().expect("said");
    assert!(status.text.contains("no longer in the file"), "{status:?}");
}

#[test]
fn events_about_a_record_read_oldest_first_whatever_the_file_order() {
    let mut json: serde_json::Value = serde_json::from_str(shuibei::data::load::EMBEDDED).expect("json");
    json["history"].as_array_mut().expect("history").reverse();
    let reversed = shuibei::data::load::load_slice("r.json", &serde_json::to_vec(&json).expect("json")).expect("loads");
    let shipped = &common::explorer::DB;
    let mut checked = 0;
    for (i, e) in shipped.enterprises().iter().enumerate() {
        let ids = |db: &Db, rec| -> Vec<String> {
            db.events_about(rec)
                .iter()
                .map(|h| db.history()[*h as usize].id.to_string())
                .collect()
        };
        let before = ids(shipped, shuibei::data::db::Rec::new(RecordKind::Enterprise, i));
        let after = ids(&reversed, reversed.record(&e.id).expect("there"));
        let dates: Vec<_> = reversed
            .events_about(reversed.record(&e.id).expect("there"))
            .iter()
            .map(|h| reversed.history()[*h as usize].date)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first: {after:?}");
        assert_eq!(before.len(), after.len());
        checked += usize::from(before.len() > 1);
    }
    assert!(checked > 5, "records with several events: {checked}");
}
