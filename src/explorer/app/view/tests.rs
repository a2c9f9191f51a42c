//! The text box, and long lists that wait for their sort.

use super::*;

#[test]
fn ctrl_u_deletes_to_the_start() {
    let mut b = TextBox::default();
    b.insert("周大生 gold");
    b.left();
    b.left();
    b.delete_to_start();
    assert_eq!((b.text.as_str(), b.caret), ("ld", 0));
}

#[test]
fn the_caret_counts_characters_not_bytes() {
    let mut b = TextBox::default();
    b.insert("周大生");
    assert_eq!(b.caret, 3);
    b.left();
    b.insert("x");
    assert_eq!(b.text, "周大x生");
    b.delete_back();
    assert_eq!(b.text, "周大生");
    b.end();
    b.insert(" zhou da");
    b.delete_word();
    assert_eq!(b.text, "周大生 zhou ");
    b.delete_word();
    assert_eq!(b.text, "周大生 ");
}

fn db() -> Db {
    crate::data::load::embedded().expect("the shipped dataset loads")
}

#[test]
fn a_long_list_waits_for_its_sort_says_so_and_asks_once() {
    let db = db();
    let mut view = TabView::new(&db, Tab::Enterprises);
    // As if the list were longer than sorts at once.
    view.at_once = 0;
    let dataset_order = view.rows.clone();
    view.sort = Sort {
        column: Some(0),
        descending: true,
    };
    view.refresh(&db);
    assert_eq!(view.rows, dataset_order, "shown in dataset order meanwhile");
    assert_eq!(view.sorting, Some((0, true)));
    assert_eq!(view.order_label(), "sorting by Name ↓…");
    assert_eq!(
        view.take_wants(),
        Some(((0, true), None)),
        "the whole tab: no part first"
    );
    view.refresh(&db);
    assert_eq!(view.take_wants(), None, "asked once");
    // Dropped for a later job while still wanted: asked again.
    assert!(!view.sort_arrived(&db, (0, true), None));
    assert_eq!(view.take_wants(), Some(((0, true), None)));
    let down = Arc::new(order::whole(&db, Tab::Enterprises, (0, true)));
    assert!(view.sort_arrived(&db, (0, true), Some(down)));
    assert_eq!(view.sorting, None);
    assert_eq!(view.order_label(), "by Name ↓");
    assert_eq!(
        view.rows,
        order::by_column(&db, None, Tab::Enterprises, (0, true), dataset_order.clone())
    );
    // A sort that came for an order no longer shown is kept, and changes nothing now.
    let other = Arc::new(order::whole(&db, Tab::Enterprises, (0, false)));
    let shown = view.rows.clone();
    assert!(!view.sort_arrived(&db, (0, false), Some(other)));
    assert_eq!(view.rows, shown);
    view.sort.descending = false;
    view.refresh(&db);
    assert_eq!(view.sorting, None, "sorted at once from the kept sort");
    let up = order::by_column(&db, None, Tab::Enterprises, (0, false), dataset_order.clone());
    assert_eq!(view.rows, up);
    // A new sort of the same rows keeps the order shown until it comes.
    view.sort.column = Some(1);
    view.refresh(&db);
    assert_eq!(view.sorting, Some((1, false)));
    assert_eq!(view.rows, up, "the screen does not jump to dataset order meanwhile");
    // When the rows shown were others (a filter or a search changed them), dataset order.
    view.rows.truncate(up.len() - 1);
    view.refresh(&db);
    assert_eq!(view.rows, dataset_order);
}

/// A long list that is a part of its tab (a filter's rows) asks for those rows sorted
/// first, shows them when they come, and keeps that order when the whole tab comes.
#[test]
fn a_part_of_a_long_tab_is_sorted_first() {
    let db = db();
    let mut view = TabView::new(&db, Tab::Enterprises);
    view.at_once = 0;
    view.facets
        .toggle(crate::explorer::app::facets::Facet::Listing, "listed");
    view.refresh(&db);
    let filtered = view.rows.clone();
    assert!(filtered.len() > 1 && filtered.len() < db.enterprises().len());
    view.sort.column = Some(0);
    view.refresh(&db);
    assert_eq!(view.sorting, Some((0, false)));
    let Some((key, Some(part))) = view.take_wants() else {
        panic!("the rows shown are asked for first")
    };
    assert_eq!(key, (0, false));
    assert_eq!(*part, filtered, "in dataset order");
    // Dropped for a later job while still wanted: asked again, the rows shown first again.
    assert!(!view.sort_arrived(&db, key, None));
    assert_eq!(view.take_wants(), Some((key, Some(Arc::clone(&part)))));
    let sorted = order::by_column(&db, None, Tab::Enterprises, key, part.to_vec());
    // The part of other rows than those shown (the filter changed meanwhile) is not shown.
    let mut others = sorted.clone();
    others.pop();
    assert!(!view.part_arrived(&db, key, Arc::new(others)));
    assert_eq!(view.sorting, Some(key));
    assert!(view.part_arrived(&db, key, Arc::new(sorted.clone())));
    assert_eq!(view.sorting, None);
    assert_eq!(view.rows, sorted);
    assert_eq!(view.order_label(), "by Name ↑");
    assert_eq!(view.take_wants(), None, "the whole tab is still on its way");
    // The whole tab: kept, and the same order picked from it.
    let whole = Arc::new(order::whole(&db, Tab::Enterprises, key));
    view.sort_arrived(&db, key, Some(whole));
    view.refresh(&db);
    assert_eq!(view.rows, sorted);
    assert!(view.part.is_none());
}

/// A search's matches sorted by a column, then back to relevance before the column's
/// order came: nothing is waited for any more (export was refused, the arrow hidden).
#[test]
fn back_to_relevance_waits_for_no_sort() {
    let db = db();
    let mut view = TabView::new(&db, Tab::Enterprises);
    view.at_once = 0;
    let hits: Vec<Hit> = (0..10)
        .map(|i| Hit {
            rec: Rec::new(RecordKind::Enterprise, i),
            score: 0,
            why: Why::Name,
        })
        .collect();
    view.search = SearchState {
        query: Some("q".into()),
        hits: hits.into(),
        matched: 10,
        searched: db.enterprises().len(),
        complete: true,
        notice: None,
        tolerant: false,
        shortened: false,
        nothing: crate::search::WhyNothing::default(),
        sources: std::sync::Arc::from([]),
        sources_loose: std::sync::Arc::from([]),
    };
    view.relevance = false;
    view.sort.column = Some(0);
    view.refresh(&db);
    assert_eq!(view.sorting, Some((0, false)));
    view.relevance = true;
    view.refresh(&db);
    assert_eq!(view.sorting, None);
    assert_eq!(view.order_label(), "by relevance");
}

#[test]
fn e_while_a_long_sort_is_computed_exports_nothing_and_says_why() {
    use crate::explorer::action::Msg;
    use crate::explorer::app::{App, Input};
    use crate::explorer::keymap::{Key, Keymap};
    let db = Arc::new(db());
    let mut app = App::new(Arc::clone(&db), Keymap::default(), (120, 40));
    let press = |app: &mut App, c: char| {
        if let Some(msg) = app.key_message(Key::ch(c)) {
            app.update(msg);
        }
    };
    press(&mut app, '2');
    // As if the list were longer than sorts at once.
    app.view_mut(Tab::Enterprises).at_once = 0;
    press(&mut app, 's');
    assert_eq!(app.current_view().sorting, Some((0, false)));
    press(&mut app, 'e');
    assert!(
        app.input.is_none(),
        "no export prompt while the rows wait for their order"
    );
    let status = app.status.clone().expect("a status").text;
    assert_eq!(status, "sorting by Name ↑…: export once it is sorted");
    let rows = Some(Arc::new(order::whole(&db, Tab::Enterprises, (0, false))));
    app.update(Msg::Sorted {
        tab: Tab::Enterprises,
        key: (0, false),
        rows,
    });
    press(&mut app, 'e');
    assert!(matches!(app.input, Some(Input::Export(_))), "sorted: the prompt opens");
}
