//! What a first reader (a journalist, at 120×35 and 100×30) met on the explorer's
//! screens, drawn in memory: the Overview's headline says when a newer, weaker figure was
//! passed over; a sorted search keeps its answers above the `≈` rows; Indicators' columns
//! give Scope its room before Group; History's dates are compact, never cut; a metric is
//! named in the picker and the title for its whole series.

use crate::common;

use common::explorer::{DB, app, choose, settle, type_in};
use common::screen::{draw, press, shown_text};

use shuibei::data::facets::Facet;
use shuibei::explorer::action::Tab;
use shuibei::explorer::app::{App, Overlay};
use shuibei::explorer::ui::theme::Palette;

fn lines(app: &App) -> Vec<String> {
    let terminal = draw(app, Palette::Mono);
    let buf = terminal.backend().buffer();
    (0..buf.area.height).map(|y| shown_text(buf, y)).collect()
}

/// The list's header line and its rows, as shown.
fn list(app: &App) -> (String, Vec<String>) {
    let regions = app.regions().unwrap();
    let all = lines(app);
    let header = all[usize::from(regions.rows.y - 1)].clone();
    let rows = (regions.rows.y..regions.rows.bottom())
        .map(|y| all[usize::from(y)].clone())
        .collect();
    (header, rows)
}

/// Where a column's title starts in the header, and how wide the column is (to the next
/// title).
fn column(header: &str, title: &str, next: &str) -> usize {
    let at = header.find(title).unwrap_or_else(|| panic!("no {title} in {header:?}"));
    let end = header[at..].find(next).map_or(header.len(), |n| at + n);
    header[at..end].chars().count()
}

/// Shuibei's share of wholesale in October 2025: Ta Kung Pao (medium, the 11th) is shown,
/// and the machine summary of the 17th (LOW) that it stands for is named on the line,
/// which then opens the comparison of both.
#[test]
fn a_headline_names_the_newer_figure_it_passed_over() {
    for (w, h) in [(100, 30), (120, 35)] {
        let a = app(w, h);
        let text = lines(&a);
        let line = text
            .iter()
            .find(|l| l.contains("2025-10-11") && l.contains("~50 %"))
            .unwrap_or_else(|| panic!("the share's headline at {w}×{h}:\n{}", text.join("\n")));
        assert!(line.contains("newer 10-17 LOW"), "{w}×{h}: {line}");
        assert!(line.contains(" med"), "{w}×{h}: {line}");
        // The enterprises' latest is the only figure of its week: nothing passed over.
        let firms = text
            .iter()
            .find(|l| l.contains("≲9,000"))
            .unwrap_or_else(|| panic!("the enterprises' headline at {w}×{h}"));
        assert!(!firms.contains("newer"), "{firms}");
    }
    let page = app(120, 35).overview_page().unwrap();
    let share = page
        .links
        .iter()
        .find(|l| {
            page.columns[l.column]
                .lines
                .get(l.line)
                .is_some_and(|line| line.to_string().contains("newer 10-17"))
        })
        .expect("the line is a link");
    assert!(
        matches!(share.target, shuibei::explorer::layout::overview::Link::Question(_)),
        "{:?}",
        share.target
    );
}

/// `jinjia` on Indicators finds answers and loose (`≈`) rows; sorted by As of either
/// way, the answers come first, each group in date order.
#[test]
fn a_sorted_search_keeps_its_answers_above_the_loose_rows() {
    let mut a = app(120, 35);
    press(&mut a, "4/");
    type_in(&mut a, "jinjia");
    press(&mut a, "\n");
    settle(&mut a);
    let view = a.current_view();
    assert!(
        view.loose_rows > 0 && view.loose_rows < view.rows.len(),
        "answers and ≈ rows"
    );
    while a.current_view().order_label() != "by As of ↑" {
        press(&mut a, "s");
    }
    for flip in [false, true] {
        if flip {
            press(&mut a, "S");
        }
        let view = a.current_view();
        let loose: Vec<bool> = view.row_why.iter().map(shuibei::search::Why::loose).collect();
        let first_loose = loose.iter().position(|l| *l).unwrap();
        assert!(loose[first_loose..].iter().all(|l| *l), "answers first: {loose:?}");
        let dates: Vec<_> = view.rows.iter().map(|i| DB.indicators()[*i as usize].as_of).collect();
        for group in [&dates[..first_loose], &dates[first_loose..]] {
            let mut sorted = group.to_vec();
            sorted.sort_unstable();
            if flip {
                sorted.reverse();
            }
            assert_eq!(group, sorted.as_slice(), "each group in the sort's order");
        }
    }
    // On screen: the first page holds answers, the last ends with `≈` rows.
    let (_, rows) = list(&a);
    assert!(!rows[0].contains("≈ "), "{rows:#?}");
    press(&mut a, "G");
    let (_, rows) = list(&a);
    let last = rows.iter().rev().find(|r| r.contains('/') || r.contains('%')).unwrap();
    assert!(last.contains("≈ "), "{rows:#?}");
}

/// Zoomed at 120, Scope reads ("Brand jewelry stores") and Group gives way to it; in
/// the split view at 120 a range's value is whole; at every size the name keeps its room.
#[test]
fn indicators_columns_go_by_importance() {
    let mut a = app(120, 35);
    press(&mut a, "4z");
    let (header, _) = list(&a);
    assert!(column(&header, "Scope", "Src") >= 21, "{header}");
    assert!(!header.contains("Group"), "{header}");
    assert!(column(&header, "Indicator", "Value") >= 40, "{header}");
    // The brand-store prices of the Spring Festival: "1,494–1,500 yuan/g".
    let mut a = app(120, 35);
    press(&mut a, "4/");
    type_in(&mut a, "spring festival brand");
    press(&mut a, "\n");
    settle(&mut a);
    let (_, rows) = list(&a);
    assert!(rows.iter().any(|r| r.contains("1,494–1,500 yuan/g")), "{rows:#?}");
    for (w, h, zoom) in [
        (80, 24, ""),
        (100, 30, ""),
        (100, 30, "z"),
        (160, 45, ""),
        (160, 45, "z"),
    ] {
        let mut a = app(w, h);
        press(&mut a, &format!("4{zoom}"));
        let (header, _) = list(&a);
        assert!(column(&header, "Indicator", "Value") >= 20, "{w}×{h}{zoom}: {header}");
        if header.contains("Scope") && header.contains("Group") {
            assert!(column(&header, "Scope", "Group") >= 21, "{w}×{h}{zoom}: {header}");
        }
    }
    let mut a = app(160, 45);
    press(&mut a, "4z");
    let (header, _) = list(&a);
    assert!(
        header.contains("Scope") && header.contains("Group"),
        "room for both: {header}"
    );
}

/// History's dates at full width: ISO dates, `~` before those a label approximates,
/// never a label cut ("November 2025 …"); the detail keeps the whole label.
#[test]
fn history_dates_are_compact_and_never_cut() {
    for (w, h, zoom) in [(80, 24, ""), (120, 35, "z"), (160, 45, "z")] {
        let mut a = app(w, h);
        press(&mut a, &format!("1{zoom}"));
        let (header, _) = list(&a);
        assert_eq!(column(&header, "Date", "Event"), 12, "{w}×{h}: {header}");
        let at = DB
            .history()
            .iter()
            .position(|e| e.date_label.as_deref() == Some("November 2025 (reported 23 November)"))
            .unwrap();
        let view = a.current_view();
        let pos = view.rows.iter().position(|i| *i as usize == at).unwrap();
        while a.current_view().selected < pos {
            press(&mut a, "j");
        }
        let text = lines(&a).join("\n");
        assert!(text.contains("~2025-11 "), "{w}×{h}:\n{text}");
        assert!(!text.contains("2025 …"), "{w}×{h}:\n{text}");
        press(&mut a, if zoom.is_empty() { "\n" } else { "z\n" });
        let text = lines(&a).join("\n");
        assert!(
            text.contains("November 2025 (reported 23"),
            "the detail keeps the label:\n{text}"
        );
    }
}

/// A metric is named for its series in the picker ("Change in China's jewelry sales",
/// not its December figure's name), and the title says the name ticked, not the id.
#[test]
fn a_metric_is_named_for_its_series_in_the_picker_and_the_title() {
    let mut a = app(120, 35);
    press(&mut a, "4f");
    let Overlay::Picker(picker) = &a.overlay else {
        panic!("f opens the picker")
    };
    let name = |metric: &str| {
        picker
            .entries
            .iter()
            .find(|e| e.facet == Facet::Metric && e.value == metric)
            .map(|e| e.shown().to_owned())
            .unwrap()
    };
    assert_eq!(
        name("national-jewelry-sales-change-yoy"),
        "Change in China's jewelry sales"
    );
    assert_eq!(name("gold-recycling-price-shuibei"), "Gold recycling price");
    assert_eq!(name("gold-price-shuibei"), "Shuibei gold price");
    let text = lines(&a).join("\n");
    assert!(text.contains("Shuibei gold price"), "{text}");
    choose(&mut a, Facet::Metric, "gold-price-shuibei");
    press(&mut a, "\u{1b}");
    assert_eq!(a.tab, Tab::Indicators);
    // The list's title, left of the detail's.
    let title = lines(&a)[2].split("┐┌").next().unwrap().to_owned();
    assert!(title.contains("metric=Shuibei gold price"), "{title}");
    assert!(!title.contains("gold-price-shuibei"), "{title}");
}
