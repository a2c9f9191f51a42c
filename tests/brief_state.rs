//! The briefing's state, driven by keys without a terminal: the Overview (shown first,
//! its links followed and come back from), the Sources tab, the comparison of figures,
//! filters on every tab, and the `Src` column's strongest-source mark. Facts are taken
//! from the shipped data by id or computed from it, never counted by hand.

use crate::common;

use std::sync::Arc;

use common::explorer::{BRIEF, DB, app, ch, choose, code, press};
use crossterm::event::KeyCode;
use shuibei::data::db::Rec;
use shuibei::data::model::{RecordKind, Reliability};
use shuibei::explorer::action::{Action, Msg, Tab};
use shuibei::explorer::app::facets::{Facet, LISTED};
use shuibei::explorer::app::{App, Effect, Focus, Overlay};
use shuibei::explorer::keymap::Keymap;
use shuibei::explorer::layout::overview::Link;
use shuibei::explorer::tabs;

fn links(a: &App) -> Vec<Link> {
    a.overview_page().unwrap().links.iter().map(|l| l.target).collect()
}

/// Moves the Overview's cursor to the first link that `wanted` accepts.
fn select_link(a: &mut App, wanted: impl Fn(&Link) -> bool) -> Link {
    let all = links(a);
    let at = all.iter().position(wanted).expect("the Overview has such a link");
    press(a, &[ch('g')]);
    for _ in 0..at {
        press(a, &[ch('j')]);
    }
    assert_eq!(a.overview_link(), at);
    all[at]
}

#[test]
fn the_explorer_opens_on_the_overview_and_number_keys_reach_every_tab() {
    let mut a = app(80, 24);
    assert_eq!(a.tab, Tab::Overview);
    for (key, tab) in ('0'..='5').zip(Tab::ALL) {
        press(&mut a, &[ch(key)]);
        assert_eq!(a.tab, tab, "{key}");
    }
    // The Overview lists nothing: no row to open, copy or export.
    press(&mut a, &[ch('0'), ch('e')]);
    assert!(a.input.is_none(), "e does not export the Overview");
    assert!(a.status.as_ref().unwrap().text.contains("works in"), "{:?}", a.status);
}

#[test]
fn an_overview_link_opens_its_record_and_backspace_comes_back_to_it() {
    let mut a = app(80, 24);
    let target = select_link(
        &mut a,
        |l| matches!(l, Link::Record(r) if r.kind == RecordKind::History),
    );
    let Link::Record(rec) = target else { unreachable!() };
    let at = a.overview_link();
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.tab, Tab::History);
    assert_eq!(a.selected(), Some(rec));
    assert!(a.status.as_ref().unwrap().text.starts_with("Backspace goes back"));
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, Tab::Overview);
    assert_eq!(a.overview_link(), at, "the cursor is where it was");
    // Section headings lead to their tab, and back.
    select_link(&mut a, |l| *l == Link::Tab(Tab::Indicators));
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.tab, Tab::Indicators);
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, Tab::Overview);
}

#[test]
fn the_overview_says_how_current_each_tab_is_from_the_data() {
    let a = app(120, 40);
    let brief = a.brief.clone().unwrap();
    let page = a.overview_page().unwrap();
    let text: Vec<String> = page.columns[0]
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let newest_event = a.db.history().iter().map(|e| e.date).max().unwrap();
    assert_eq!(brief.as_of.of(RecordKind::History).unwrap().date, newest_event);
    let history_line = text
        .iter()
        .find(|l| l.trim_start().starts_with("History "))
        .expect("a line for the History tab");
    assert!(history_line.contains(&newest_event.to_string()), "{history_line}");
    let news = brief.as_of.events_and_figures().unwrap().date;
    assert!(text.iter().any(|l| l.contains(&format!("figures to {news}"))));
    // Every headline row leads somewhere: a figure, or the comparison of its question.
    let headline_links = page
        .links
        .iter()
        .filter(|l| {
            matches!(l.target, Link::Question(_))
                || matches!(l.target, Link::Record(r) if r.kind == RecordKind::Indicator)
        })
        .count();
    assert!(
        headline_links >= 4,
        "at 120×40 several headline figures show: {headline_links}"
    );
}

#[test]
fn a_headline_whose_latest_figures_disagree_says_conflict_and_opens_the_comparison() {
    // A small dataset of its own: two sources give different figures for one year.
    let json = br#"{"format": "shuibei/1", "cluster": {"name": "C", "established": "2004-08"},
      "sources": [{"id": "s1", "title": "Daily A", "reliability": "high"},
                  {"id": "s2", "title": "Daily B", "reliability": "medium"}],
      "indicators": [
        {"id": "a", "name": "Share of trade", "metric": "share", "value": 70, "unit": "%", "qualifier": "more-than", "as_of": "2017", "scope": "Shuibei", "sources": [{"source": "s2"}]},
        {"id": "b", "name": "Share of trade", "metric": "share", "value": 50, "unit": "%", "qualifier": "about", "as_of": "2017", "scope": "Shuibei", "sources": [{"source": "s1", "note": "the Chinese original says 50"}]},
        {"id": "c", "name": "Share of trade", "metric": "share", "value": 40, "unit": "%", "as_of": "2010", "scope": "Shuibei", "sources": [{"source": "s1"}]}]}"#;
    let db = Arc::new(shuibei::data::load::load_slice("t.json", json).unwrap());
    let mut a = App::new(Arc::clone(&db), Keymap::default(), (80, 24));
    let brief = Arc::new(shuibei::data::brief::Brief::build(&db));
    a.update(Msg::BriefReady(Arc::clone(&brief)));
    let page = a.overview_page().unwrap();
    let (line, q) = page
        .links
        .iter()
        .find_map(|l| match l.target {
            Link::Question(q) => Some((l.line, q)),
            _ => None,
        })
        .expect("the conflict row links to its question");
    let text: String = page.columns[0].lines[line]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert!(text.contains("conflict: >70 % med ≠ ~50 % high"), "{text}");
    select_link(&mut a, |l| *l == Link::Question(q));
    press(&mut a, &[code(KeyCode::Enter)]);
    let Overlay::Compare(c) = a.overlay else {
        panic!("the comparison opens")
    };
    assert_eq!(c.question, q);
    assert!(brief.questions[q as usize].conflicts(&db, brief.questions[q as usize].members[c.cursor]));
    // Enter opens the figure; Backspace brings the comparison back, on that figure.
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.tab, Tab::Indicators);
    let figure = a.selected().unwrap();
    assert_eq!(figure.index, brief.questions[q as usize].members[c.cursor]);
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.overlay, Overlay::Compare(c));
    assert_eq!(a.tab, Tab::Overview);
    press(&mut a, &[code(KeyCode::Esc)]);
    assert_eq!(a.overlay, Overlay::None);
}

/// A conflict line stands for all its figures: named without the parenthesis that tells
/// one report apart ("120 stores ≠ 717 stores" beside "(2024, machine-analysis site)"
/// read as that site's two figures).
#[test]
fn a_conflict_line_is_named_for_all_its_figures() {
    let json = br#"{"format": "shuibei/1", "cluster": {"name": "C", "established": "2004-08"},
      "sources": [{"id": "s1", "title": "Broker report", "reliability": "medium"},
                  {"id": "s2", "title": "Analysis site", "reliability": "low"}],
      "indicators": [
        {"id": "a", "name": "Net store closures (2024, broker report)", "metric": "closures", "value": 120, "unit": "stores", "as_of": "2024", "sources": [{"source": "s1"}]},
        {"id": "b", "name": "Net store closures (2024, machine-analysis site)", "metric": "closures", "value": 717, "unit": "stores", "as_of": "2024", "sources": [{"source": "s2"}]}]}"#;
    let db = Arc::new(shuibei::data::load::load_slice("t.json", json).unwrap());
    let mut a = App::new(Arc::clone(&db), Keymap::default(), (140, 40));
    a.update(Msg::BriefReady(Arc::new(shuibei::data::brief::Brief::build(&db))));
    let page = a.overview_page().unwrap();
    let line = page
        .links
        .iter()
        .find_map(|l| matches!(l.target, Link::Question(_)).then_some(l.line))
        .expect("the conflict has a line");
    let text: String = page.columns[0].lines[line]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert!(
        text.contains("Net store closures") && text.contains("conflict: "),
        "{text}"
    );
    assert!(!text.contains("machine-analysis") && !text.contains("broker"), "{text}");
}

#[test]
fn equals_compares_every_figure_that_answers_the_selected_indicators_question() {
    let mut a = app(80, 24);
    let brief = Arc::clone(&BRIEF);
    let (q, question) = brief
        .questions
        .iter()
        .enumerate()
        .find(|(_, q)| !q.conflict_dates.is_empty())
        .expect("the shipped data has figures that disagree");
    let member = *question.members.iter().find(|m| question.conflicts(&DB, **m)).unwrap();
    a.jump(Rec::new(RecordKind::Indicator, member as usize));
    press(&mut a, &[ch('=')]);
    let Overlay::Compare(c) = a.overlay else {
        panic!("= opens the comparison")
    };
    assert_eq!(c.question as usize, q);
    assert_eq!(question.members[c.cursor], member, "on the selected figure");
    press(&mut a, &[ch('G')]);
    let Overlay::Compare(end) = a.overlay else { panic!() };
    assert_eq!(end.cursor, question.members.len() - 1);
    press(&mut a, &[ch('g'), ch('j')]);
    let Overlay::Compare(moved) = a.overlay else { panic!() };
    assert_eq!(moved.cursor, 1.min(question.members.len() - 1));
    press(&mut a, &[ch('q')]);
    assert_eq!(a.overlay, Overlay::None, "q closes the comparison, it does not quit");
    assert!(!a.quit);
    // Before the brief is computed, = says so instead of failing silently.
    let mut early = App::new(Arc::clone(&DB), Keymap::default(), (80, 24));
    press(&mut early, &[ch('4'), ch('=')]);
    assert_eq!(early.overlay, Overlay::None);
    assert!(early.status.as_ref().unwrap().text.contains("try again"));
}

#[test]
fn the_sources_tab_lists_every_source_and_the_records_citing_it() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('5')]);
    assert_eq!(a.current_view().rows.len(), a.db.sources().len());
    // Sorted by Cited (s: Source, Publisher, Date, Cited), most cited last, S flips.
    press(&mut a, &[ch('s'), ch('s'), ch('s'), ch('s')]);
    assert_eq!(a.current_view().order_label(), "by Cited ↑");
    press(&mut a, &[ch('S')]);
    let top = a.current_view().current_row().unwrap() as usize;
    let citations = &BRIEF.citations;
    let most = (0..a.db.sources().len()).map(|s| citations.count(s)).max().unwrap();
    assert_eq!(citations.count(top), most, "the most cited source first");
    // Enter opens it: its links are the records citing it; following one and coming back.
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.focus, Focus::Detail);
    let citing: Vec<Link> = citations.citing(top).iter().map(|r| Link::Record(*r)).collect();
    assert_eq!(a.links(), citing);
    let Link::Record(target) = a.links()[1] else {
        panic!("a citing record")
    };
    press(&mut a, &[ch('j'), code(KeyCode::Enter)]);
    assert_eq!(a.selected(), Some(target));
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, Tab::Sources);
    assert_eq!(a.current_view().current_row(), Some(u32::try_from(top).unwrap()));
    assert_eq!(a.focus, Focus::Detail);
    // y copies the source's title.
    press(&mut a, &[ch('y')]);
    assert!(a.effects.iter().any(|e| matches!(e, Effect::Write(_))));
    assert!(a.status.as_ref().unwrap().text.starts_with("copied"));
}

#[test]
fn the_overviews_source_line_opens_the_newest_source_in_the_sources_tab() {
    let mut a = app(120, 40);
    let Link::Source(source) = select_link(&mut a, |l| matches!(l, Link::Source(_))) else {
        unreachable!()
    };
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.tab, Tab::Sources);
    assert_eq!(a.current_view().current_row(), Some(source));
    let newest = a.db.sources().iter().filter_map(|s| s.date).max();
    assert_eq!(a.db.sources()[source as usize].date, newest);
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, Tab::Overview);
}

#[test]
fn every_list_tab_has_facets_that_fit_it() {
    let mut a = app(120, 40);
    for (tab, facets) in [
        (Tab::History, vec![Facet::Decade, Facet::Tag]),
        (
            Tab::Enterprises,
            vec![
                Facet::Listing,
                Facet::Exchange,
                Facet::Kind,
                Facet::Ownership,
                Facet::Segment,
                Facet::District,
            ],
        ),
        (Tab::Brands, vec![Facet::Segment, Facet::Honour, Facet::Owner]),
        (
            Tab::Indicators,
            vec![Facet::Metric, Facet::Group, Facet::Scope, Facet::Reliability],
        ),
        (Tab::Sources, vec![Facet::Reliability, Facet::Publisher]),
    ] {
        press(
            &mut a,
            &[ch(char::from(b'0' + u8::try_from(tab.number()).unwrap())), ch('f')],
        );
        let Overlay::Picker(picker) = &a.overlay else {
            panic!("{tab:?}: f opens the picker")
        };
        assert_eq!(picker.tab, tab);
        let mut shown: Vec<Facet> = picker.entries.iter().map(|e| e.facet).collect();
        shown.dedup();
        assert_eq!(shown, facets, "{tab:?}");
        // Each facet's counts add up to at least every row (a row may have several values).
        for facet in &facets {
            let sum: usize = picker
                .entries
                .iter()
                .filter(|e| e.facet == *facet)
                .map(|e| e.count)
                .sum();
            assert!(sum >= a.current_view().rows.len(), "{tab:?} {facet:?}");
        }
        press(&mut a, &[code(KeyCode::Esc)]);
    }
}

#[test]
fn listed_comes_from_the_listings_and_facets_combine() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('2')]);
    let count = choose(&mut a, Facet::Listing, LISTED);
    let listed: Vec<u32> = (0..a.db.enterprises().len())
        .filter(|i| {
            a.db.enterprises()[*i]
                .listings
                .iter()
                .any(shuibei::data::model::Listing::is_current)
        })
        .map(|i| u32::try_from(i).unwrap())
        .collect();
    assert_eq!(count, listed.len(), "the count said what the choice gives");
    let mut rows = a.current_view().rows.clone();
    rows.sort_unstable();
    assert_eq!(rows, listed);
    // A second facet narrows further (across facets all must match)...
    let szse = choose(&mut a, Facet::Exchange, "SZSE");
    let rows = a.current_view().rows.clone();
    assert_eq!(rows.len(), szse);
    assert!(rows.iter().all(|i| {
        let e = &a.db.enterprises()[*i as usize];
        e.listings.iter().any(shuibei::data::model::Listing::is_current)
            && e.listings.iter().any(|l| &*l.exchange == "SZSE")
    }));
    // ...and the title says which are on.
    press(&mut a, &[code(KeyCode::Esc)]);
    let title = a.current_view().facets.describe();
    assert_eq!(title, "listing=listed, exchange=SZSE");
    // Within one facet, values add up (any chosen value matches).
    press(&mut a, &[ch('f'), ch('c')]);
    let luohu = choose(&mut a, Facet::District, "Luohu");
    let expected = (0..a.db.enterprises().len())
        .filter(|i| tabs::districts(&a.db.enterprises()[*i]).contains(&"Luohu"))
        .count();
    assert_eq!(luohu, expected);
    assert_eq!(a.current_view().rows.len(), expected);
    press(&mut a, &[ch('c'), code(KeyCode::Esc)]);
    assert_eq!(a.current_view().rows.len(), a.db.enterprises().len());
}

#[test]
fn filters_on_history_indicators_and_sources_narrow_their_rows() {
    let mut a = app(120, 40);
    press(&mut a, &[ch('1')]);
    let n = choose(&mut a, Facet::Decade, "2010s");
    assert!(n > 0);
    assert!(
        a.current_view()
            .rows
            .iter()
            .all(|i| (2010..2020).contains(&a.db.history()[*i as usize].date.year()))
    );
    assert_eq!(a.current_view().rows.len(), n);
    press(&mut a, &[code(KeyCode::Esc), ch('4')]);
    let low = choose(&mut a, Facet::Reliability, "low");
    assert!(
        a.current_view()
            .rows
            .iter()
            .all(|i| a.db.strongest_source(Rec::new(RecordKind::Indicator, *i as usize)) == Some(Reliability::Low))
    );
    assert_eq!(a.current_view().rows.len(), low);
    press(&mut a, &[code(KeyCode::Esc), ch('5')]);
    let high = choose(&mut a, Facet::Reliability, "high");
    assert_eq!(
        high,
        a.db.sources()
            .iter()
            .filter(|s| s.reliability == Reliability::High)
            .count()
    );
    // Filters stay with their tab.
    press(&mut a, &[code(KeyCode::Esc), ch('1')]);
    assert_eq!(a.current_view().rows.len(), n);
}

#[test]
fn the_src_column_shows_the_strongest_source_and_stars_a_weak_claim() {
    let db = &*DB;
    let partly = shuibei::data::model::RecordKind::ALL
        .iter()
        .flat_map(|k| (0..db.len(*k)).map(move |i| Rec::new(*k, i)))
        .find(|r| tabs::partly_low(db, *r))
        .expect("some record has a low source beside a stronger one");
    let mark = tabs::reliability_mark(db, partly);
    assert!(mark.ends_with('*'), "{mark}");
    assert_ne!(db.strongest_source(partly), Some(Reliability::Low));
    assert!(
        !mark.starts_with("LOW"),
        "a well-sourced record does not look weak: {mark}"
    );
    let last = tabs::columns(Tab::of(partly.kind)).len() - 1;
    assert_eq!(tabs::cell(db, partly, last), mark);
    // The detail says which claim rests on the weak source.
    let mut a = app(100, 60);
    a.jump(partly);
    let pane = a.detail_pane().unwrap();
    let text = shuibei::explorer::layout::detail::text(&pane, 200, &|_| ratatui::style::Style::new());
    let lines: Vec<String> = text
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let at = lines
        .iter()
        .position(|l| l.contains("some of this rests on a LOW-reliability source"))
        .expect("the detail names the weak claim");
    let low_cite = db
        .cites(partly)
        .iter()
        .find(|c| db.source(&c.source).is_some_and(|s| s.reliability == Reliability::Low))
        .unwrap();
    let source = db.source(&low_cite.source).unwrap();
    // The claim, wrapped: its first line and the continuation lines under it, compared
    // without the spaces wrapping adds or takes away.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let claim: String = std::iter::once(&lines[at + 1])
        .chain(lines[at + 2..].iter().take_while(|l| l.starts_with("    ")))
        .map(|l| squeeze(l))
        .collect();
    assert!(claim.contains(&squeeze(&source.title)), "{claim}");
    if let Some(quote) = &low_cite.quote {
        assert!(claim.contains(&squeeze(quote)), "{claim}");
    }
}

#[test]
fn mouse_on_the_overview_follows_a_link_and_the_wheel_moves_the_cursor() {
    let mut a = app(120, 40);
    let page = a.overview_page().unwrap();
    let link = page
        .links
        .iter()
        .find(|l| matches!(l.target, Link::Record(r) if r.kind == RecordKind::History))
        .copied()
        .unwrap();
    let column = &page.columns[link.column];
    a.update(Msg::Mouse(shuibei::explorer::action::Mouse::Click {
        column: column.area.x + 3,
        row: column.area.y + u16::try_from(link.line).unwrap(),
    }));
    let Link::Record(rec) = link.target else { unreachable!() };
    assert_eq!(a.selected(), Some(rec));
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.tab, Tab::Overview);
    let before = a.overview_link();
    a.update(Msg::Mouse(shuibei::explorer::action::Mouse::ScrollDown {
        column: 5,
        row: 10,
    }));
    assert_eq!(a.overview_link(), (before + 3).min(links(&a).len() - 1));
}

#[test]
fn the_overview_and_sources_work_before_the_brief_arrives_and_on_a_tiny_dataset() {
    let mut early = App::new(Arc::clone(&DB), Keymap::default(), (80, 24));
    // Nothing to follow while counting but the summary's cut line, which shows it whole.
    assert_eq!(links(&early), [Link::Summary], "nothing to follow while counting");
    press(&mut early, &[code(KeyCode::Enter)]);
    assert_eq!(early.summary, shuibei::explorer::app::Summary::Whole);
    press(&mut early, &[code(KeyCode::Enter), ch('j'), ch('5')]);
    assert_eq!(early.tab, Tab::Sources);
    let cited = |a: &App| {
        tabs::row_cell(
            &a.db,
            a.current_view().citations(),
            Tab::Sources,
            0,
            tabs::SOURCES_CITED,
        )
    };
    assert_eq!(cited(&early), "…", "the Cited column says it is counting");
    early.update(Msg::BriefReady(Arc::clone(&BRIEF)));
    assert_eq!(cited(&early), BRIEF.citations.count(0).to_string());
    let tiny = Arc::new(
        shuibei::data::load::load_slice("t.json", br#"{"format": "shuibei/1", "cluster": {"name": "T"}}"#).unwrap(),
    );
    let mut a = App::new(Arc::clone(&tiny), Keymap::default(), (80, 24));
    a.update(Msg::BriefReady(Arc::new(shuibei::data::brief::Brief::build(&tiny))));
    for key in ['j', 'G', 'g'] {
        press(&mut a, &[ch(key)]);
    }
    press(&mut a, &[code(KeyCode::Enter)]);
    for tab in ['1', '2', '3', '4', '5'] {
        press(
            &mut a,
            &[
                ch(tab),
                ch('f'),
                ch(' '),
                code(KeyCode::Esc),
                code(KeyCode::Enter),
                ch('y'),
            ],
        );
    }
    a.update(Msg::Action(Action::Quit));
    assert!(a.quit);
}

/// A page entered twice as sources (rated apart for two of its claims), in a dataset of
/// its own (the shipped data cites each page under one id): each entry links to the
/// other, before the records citing it; Enter goes there, Backspace comes back.
const SAME_PAGE: &[u8] = include_bytes!("fixtures/same-page.json");

fn same_page_app() -> (App, Arc<shuibei::search::Index>) {
    let db = Arc::new(shuibei::data::load::load_slice("same-page.json", SAME_PAGE).unwrap());
    let index = Arc::new(shuibei::search::Index::build(&db));
    let mut a = App::new(Arc::clone(&db), Keymap::default(), (120, 40));
    a.update(Msg::BriefReady(Arc::new(shuibei::data::brief::Brief::build(&db))));
    common::explorer::settle_on(&mut a, &index);
    (a, index)
}

fn type_on(a: &mut App, index: &Arc<shuibei::search::Index>, text: &str) {
    for c in text.chars() {
        a.update(Msg::Insert(c));
        common::explorer::settle_on(a, index);
    }
}

#[test]
fn a_page_entered_twice_links_its_two_sources() {
    let (mut a, index) = same_page_app();
    let at = |a: &App, id: &str| u32::try_from(a.db.source_index(id).expect("a source of the dataset")).unwrap();
    let (high, med) = (at(&a, "src-daily"), at(&a, "src-daily-med"));
    press(&mut a, &[ch('5'), ch('/')]);
    type_on(&mut a, &index, "src-daily");
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.current_view().current_row(), Some(high), "the best match first");
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.focus, Focus::Detail);
    let links = a.links();
    assert_eq!(links[0], Link::Source(med), "{links:?}");
    assert_eq!(
        links[1..],
        [Link::Record(Rec::new(RecordKind::History, 0))],
        "then the record citing it"
    );
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.current_view().current_row(), Some(med));
    assert_eq!(a.links()[0], Link::Source(high));
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.current_view().current_row(), Some(high));
    // A source with an address of its own links to no other.
    assert!(a.db.same_page(at(&a, "src-alone") as usize).is_empty());
    assert_eq!(a.db.same_page(high as usize), [med as usize]);
    // The shipped data cites each page under one id.
    for s in 0..DB.sources().len() {
        assert!(DB.same_page(s).is_empty(), "{}", DB.sources()[s].id);
    }
}

/// Following a source link clears a Sources search that hides its target, and Back
/// brings the search back (it came back empty: the link kept nothing of the tab).
#[test]
fn back_from_a_same_page_link_restores_the_sources_search() {
    let (mut a, index) = same_page_app();
    let med = u32::try_from(a.db.source_index("src-daily-med").unwrap()).unwrap();
    press(&mut a, &[ch('5'), ch('/')]);
    type_on(&mut a, &index, "national trade-share claim");
    press(&mut a, &[code(KeyCode::Enter)]);
    assert_eq!(a.current_view().rows, vec![med]);
    press(&mut a, &[code(KeyCode::Enter), code(KeyCode::Enter)]);
    assert_ne!(a.current_view().current_row(), Some(med), "went to the other entry");
    assert!(
        a.current_view().query.text.is_empty(),
        "the search that hid it is cleared"
    );
    press(&mut a, &[code(KeyCode::Backspace)]);
    assert_eq!(a.current_view().query.text, "national trade-share claim");
    assert_eq!(a.current_view().rows, vec![med]);
}
