//! What a cut leaves readable, rendered in memory: the Overview's summary at 80×24 (cut
//! with a mark and a link, Enter shows it whole), and the Indicators names that must be
//! told apart at 100×30 (the enterprise counts) and at 120×40 with the detail open (the
//! brand prices of one day), each against a committed snapshot.

use crate::common;

use common::explorer::{DB, app, settle};
use common::screen::{draw, mono_screen, press};

use shuibei::explorer::app::{App, Link, Summary};
use shuibei::explorer::layout::overview::SUMMARY_CUT;
use shuibei::explorer::ui::theme::Palette;

/// The text inside the Overview's border, its lines joined by spaces.
fn page_text(a: &App) -> String {
    mono_screen(a)
        .lines()
        .filter_map(|line| {
            let inner = line.strip_prefix('│')?;
            Some(inner.trim_end().trim_end_matches('│').trim_end().to_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn summary() -> String {
    DB.dataset().cluster.summary.as_deref().unwrap().to_owned()
}

/// At 80×24 the summary is cut where the screen's rows end: the line says so and is the
/// first link, the footer names the key; Enter shows all of it, and Enter again cuts it.
#[test]
fn the_summary_cut_at_80x24_shows_whole_on_enter() {
    let mut a = app(80, 24);
    settle(&mut a);
    let page = a.overview_page().unwrap();
    assert_eq!(page.links[0].target, Link::Summary, "the cut line is the first link");
    let screen = mono_screen(&a);
    assert!(screen.contains(SUMMARY_CUT.trim_start()), "{screen}");
    assert!(
        screen.contains("Enter whole summary"),
        "the footer names the key:\n{screen}"
    );
    assert!(!page_text(&a).contains(&summary()), "cut at 80×24");
    press(&mut a, "\n");
    insta::assert_snapshot!("overview_summary_whole_80x24", draw(&a, Palette::Dark).backend());
    assert!(page_text(&a).contains(&summary()), "whole:\n{}", mono_screen(&a));
    assert!(mono_screen(&a).contains("Enter shorter summary"));
    // The sections below are still there, the page scrolling to them.
    press(&mut a, "G");
    assert!(page_text(&a).contains("Recent events"), "{}", mono_screen(&a));
    press(&mut a, "g\n");
    assert_eq!(a.summary, Summary::Fitted);
    assert!(!page_text(&a).contains(&summary()));
}

/// At 100×30 and 120×40 the summary fits: no mark, no link, the page as it was.
#[test]
fn the_summary_fits_at_100x30_and_120x40() {
    for (w, h) in [(100, 30), (120, 40)] {
        let mut a = app(w, h);
        settle(&mut a);
        let page = a.overview_page().unwrap();
        assert!(page.links.iter().all(|l| l.target != Link::Summary), "{w}x{h}");
        assert!(page_text(&a).contains(&summary()), "{w}x{h}:\n{}", mono_screen(&a));
        assert!(!mono_screen(&a).contains(SUMMARY_CUT.trim_start()), "{w}x{h}");
    }
}

/// The rows of the list pane, inside its border, up to the first column gap of width
/// `name` (the Indicator column).
fn names(a: &App, name: usize) -> Vec<String> {
    let rows = a.regions().unwrap().rows;
    mono_screen(a)
        .lines()
        .skip(usize::from(rows.y))
        .take(usize::from(rows.height))
        .map(|l| l.chars().skip(1).take(name).collect::<String>().trim_end().to_owned())
        .collect()
}

/// At 100×30 (the detail open) the enterprise counts that a cut made alike are cut at
/// words, keeping what tells them apart whole: no "Jewel…early 1990s)".
#[test]
fn alike_names_keep_their_telling_words_at_100x30() {
    let mut a = app(100, 30);
    settle(&mut a);
    press(&mut a, "4jjjjjjjjjjjjjjj");
    insta::assert_snapshot!("indicators_counts_100x30", draw(&a, Palette::Dark).backend());
    let shown = names(&a, 20);
    for told in [
        "Jewelry…early 1990s",
        "Jewelry…end of 2006",
        "≠ Jewelry…~2,100",
        "≠ Jewelry…2,300+",
    ] {
        assert!(shown.iter().any(|n| n == told), "{told} in {shown:#?}");
    }
    assert!(shown.iter().all(|n| !n.contains("Jewel…")), "{shown:#?}");
}

/// At 120×40 with the detail open the brand prices of 25 June 2026 name their brand
/// (their date is the As of column's), where both read "Brand go…(… l…".
#[test]
fn brand_prices_name_their_brand_at_120x40_split() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "4");
    let pos = a
        .current_view()
        .rows
        .iter()
        .position(|i| {
            a.db.indicators()[*i as usize]
                .name
                .contains("Chow Tai Fook list price, 25 June")
        })
        .unwrap();
    for _ in 0..pos {
        press(&mut a, "j");
    }
    assert!(a.regions().unwrap().side_by_side);
    insta::assert_snapshot!("indicators_prices_120x40", draw(&a, Palette::Dark).backend());
    let screen = mono_screen(&a);
    for brand in [
        "Brand…(Lao Feng Xiang list… 1,215 yuan/g",
        "Brand…(Chow Tai Fook list…  1,222 yuan/g",
    ] {
        let line = screen.lines().find(|l| l.contains(brand));
        assert!(line.is_some_and(|l| l.contains("2026-06-25")), "{brand}:\n{screen}");
    }
}
