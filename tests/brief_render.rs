//! The briefing's screens, rendered in memory: the Overview, the Sources tab, the
//! comparison of figures and the filters at 80×24 and 200×60 against committed
//! snapshots; which columns each tab shows at 80, 100, 120 and 200 columns (and that the
//! ones a user needs most show at every width between); nothing cut mid-character.

use crate::common;

use common::explorer::{BRIEF, DB, app, settle, type_in};
use common::screen::{assert_no_half_glyphs, draw, press, screen, shown_text};

use shuibei::data::db::Rec;
use shuibei::data::model::RecordKind;
use shuibei::explorer::action::Tab;
use shuibei::explorer::app::App;
use shuibei::explorer::ui::theme::Palette;

fn lines(app: &App) -> Vec<String> {
    let terminal = draw(app, Palette::Mono);
    let buf = terminal.backend().buffer();
    (0..buf.area.height).map(|y| shown_text(buf, y)).collect()
}

#[test]
fn the_overview_at_80x24_and_200x60() {
    insta::assert_snapshot!("overview_80x24", screen(80, 24, "").backend());
    insta::assert_snapshot!("overview_200x60", screen(200, 60, "").backend());
}

#[test]
fn the_overview_fits_80x24_with_every_section() {
    let a = app(80, 24);
    let text = lines(&a).join("\n");
    for section in [
        "established ",
        // The shipped events end before its last figure: each reach is said.
        "Events to ",
        " · figures to ",
        "Headline figures",
        "Recent events",
    ] {
        assert!(text.contains(section), "{section} at 80×24:\n{text}");
    }
    // The headline rows and events the screen shows, at least a few of each.
    let page = a.overview_page().unwrap();
    let figures = page
        .links
        .iter()
        .filter(|l| matches!(l.target, shuibei::explorer::layout::overview::Link::Question(_))
            || matches!(l.target, shuibei::explorer::layout::overview::Link::Record(r) if r.kind == RecordKind::Indicator))
        .count();
    assert!(figures >= 4, "{figures} headline figures at 80×24");
    let height = usize::from(page.columns[0].area.height);
    assert!(page.columns[0].lines.len() <= height, "it fits without scrolling");
    // At 200×60 it uses the width: two columns, many more figures.
    let wide = app(200, 60).overview_page().unwrap();
    assert_eq!(wide.columns.len(), 2);
    assert!(wide.links.len() > page.links.len() * 3);
}

#[test]
fn the_sources_tab_at_80x24_and_200x60() {
    insta::assert_snapshot!("sources_80x24", screen(80, 24, "5").backend());
    insta::assert_snapshot!("sources_200x60", screen(200, 60, "5\nj").backend());
}

/// The question with the most figures among those whose figures disagree in some year.
fn conflicting_question() -> (usize, u32) {
    let (q, question) = BRIEF
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.conflict_dates.is_empty())
        .max_by_key(|(_, q)| q.members.len())
        .expect("the shipped data has figures that disagree");
    let member = *question.members.iter().find(|m| question.conflicts(&DB, **m)).unwrap();
    (q, member)
}

fn comparing(w: u16, h: u16) -> App {
    let (_, member) = conflicting_question();
    let mut a = app(w, h);
    a.jump(Rec::new(RecordKind::Indicator, member as usize));
    a.status = None;
    press(&mut a, "=");
    a
}

#[test]
fn the_comparison_at_80x24_and_200x60() {
    insta::assert_snapshot!("compare_80x24", draw(&comparing(80, 24), Palette::Dark).backend());
    insta::assert_snapshot!("compare_200x60", draw(&comparing(200, 60), Palette::Dark).backend());
}

#[test]
fn at_80x24_the_comparison_shows_at_least_six_figures() {
    // The longest series of the data, compared at 80×24.
    let (q, question) = BRIEF
        .questions
        .iter()
        .enumerate()
        .max_by_key(|(_, q)| q.members.len())
        .unwrap();
    assert!(question.members.len() >= 6, "a question with six figures to show");
    let mut a = app(80, 24);
    a.jump(Rec::new(RecordKind::Indicator, question.members[0] as usize));
    // The detail has no room for the series' bars here: one line says how many figures
    // it has and where they all show (the pane's text keeps the rest).
    let before = lines(&a).join("\n");
    // The chart is the metric's series (scopes told apart by a legend); `=` compares the
    // question's figures, those of one scope.
    let first = &DB.indicators()[question.members[0] as usize];
    let series = DB
        .indicators()
        .iter()
        .filter(|i| i.metric == first.metric && i.unit == first.unit)
        .count();
    assert!(series >= question.members.len());
    let figures = format!("{series} figures in");
    assert!(
        before.contains(&figures) && before.contains("· = compares figures"),
        "{before}"
    );
    assert!(
        !before.contains("earlier") && !before.contains("later"),
        "no bars: {before}"
    );
    press(&mut a, "=");
    assert!(matches!(&a.overlay, shuibei::explorer::app::Overlay::Compare(c) if c.question as usize == q));
    let text = lines(&a);
    let dates: Vec<String> = question
        .members
        .iter()
        .map(|m| a.db.indicators()[*m as usize].as_of.to_string())
        .collect();
    // Figure rows start with the conflict mark or two spaces, then the date.
    let rows = text
        .iter()
        .filter(|l| {
            let inner: String = l.chars().skip(1).collect();
            dates
                .iter()
                .any(|d| inner.starts_with(&format!("  {d} ")) || inner.starts_with(&format!("≠ {d} ")))
        })
        .count();
    assert!(rows >= 6, "{rows} figures shown:\n{}", text.join("\n"));
    assert!(a.compare_rows() >= 6);
}

#[test]
fn filters_at_80x24_and_200x60() {
    insta::assert_snapshot!("filter_history_80x24", screen(80, 24, "1f").backend());
    insta::assert_snapshot!("filter_indicators_200x60", screen(200, 60, "4f").backend());
    // Listed enterprises, filtered: the title says so.
    let mut a = app(80, 24);
    press(&mut a, "2f \u{1b}");
    let title = lines(&a)[2].clone();
    assert!(title.contains("listing=listed"), "{title}");
    insta::assert_snapshot!("filtered_enterprises_80x24", draw(&a, Palette::Dark).backend());
}

/// The column titles a tab shows at a width (its list's header line).
fn header(tab: Tab, width: u16) -> String {
    let mut a = app(width, 30);
    press(&mut a, &tab.number().to_string());
    let y = a.regions().unwrap().rows.y - 1;
    lines(&a)[usize::from(y)].clone()
}

#[test]
fn each_tab_shows_the_columns_that_matter_at_80_100_120_and_200_columns() {
    // (tab, width, columns that must show, columns that must not)
    let cases: &[(Tab, u16, &[&str], &[&str])] = &[
        // The listing and segments, blank in most rows, give the name its room at 80 (it
        // was cut at 27 beside a mostly blank Listing column); Kind gives way to it too.
        (
            Tab::Enterprises,
            80,
            &["Name", "中文名", "Place", "Src"],
            &["Ownership", "Listing", "Segments", "Kind"],
        ),
        (
            Tab::Enterprises,
            100,
            &["Name", "中文名", "Src"],
            &["Ownership", "Founded", "Listing"],
        ),
        // With the detail open the list has 64 columns: the mostly blank listing and
        // segments, then place, give the name its room.
        (
            Tab::Enterprises,
            120,
            &["Name", "中文名", "Src"],
            &["Ownership", "Segments", "Listing"],
        ),
        (
            Tab::Enterprises,
            200,
            // Kind gave way when the scrollbar took its own column inside the border.
            &["Name", "中文名", "Listing", "Segments", "Place", "Src"],
            &[],
        ),
        (Tab::History, 80, &["Date", "Event", "Src"], &[]),
        (Tab::History, 200, &["Date", "Event", "Tags", "Src"], &[]),
        (Tab::Brands, 80, &["Brand", "中文", "Owner", "Src"], &[]),
        (Tab::Brands, 100, &["Brand", "中文", "Src"], &[]),
        (
            Tab::Brands,
            200,
            &["Brand", "中文", "Owner", "Segment", "Honours", "Src"],
            &[],
        ),
        (Tab::Indicators, 80, &["Indicator", "Value", "As of", "Src"], &[]),
        (Tab::Indicators, 100, &["Indicator", "Value", "As of", "Src"], &[]),
        // In the 117 columns the list has beside the detail, Scope reads and Group (the
        // least telling, "Gold prices" down the list) gives the names its room.
        (
            Tab::Indicators,
            200,
            &["Indicator", "Value", "As of", "Scope", "Src"],
            &["Group"],
        ),
        (Tab::Sources, 80, &["Source", "Publisher", "Cited", "Rel"], &[]),
        (Tab::Sources, 100, &["Source", "Cited", "Rel"], &[]),
        (Tab::Sources, 200, &["Source", "Publisher", "Date", "Cited", "Rel"], &[]),
    ];
    for (tab, width, shown, hidden) in cases {
        let line = header(*tab, *width);
        for title in *shown {
            assert!(
                line.contains(&format!("{title} ")),
                "{tab:?} at {width}: no {title} in {line:?}"
            );
        }
        for title in *hidden {
            assert!(!line.contains(title), "{tab:?} at {width}: {title} in {line:?}");
        }
    }
}

#[test]
fn dates_are_never_cut_and_names_get_room_before_values() {
    for width in 80..=200u16 {
        let mut a = app(width, 30);
        press(&mut a, "4");
        let fit = a.current_view().fit.clone();
        let rows = a.regions().unwrap().rows.width;
        let w = shuibei::explorer::tabs::widths(Tab::Indicators, rows, None, &fit);
        // "2025-10-…" says nothing: the As-of column is as wide as its widest date.
        assert_eq!(w[2], fit.wanted[2].max(5), "As of at {width}: {w:?}");
        // Sorting by Src keeps Src without pushing the date out.
        let sorted = shuibei::explorer::tabs::widths(Tab::Indicators, rows, Some(5), &fit);
        assert!(sorted[2] > 0 && sorted[5] > 0, "sorted by Src at {width}: {sorted:?}");
        // Names are served before values: a name is never cut while a value has room to
        // spare beyond its widest cell.
        if w[0] < fit.wanted[0] {
            assert!(
                w[1] <= fit.wanted[1].max(18),
                "at {width}: {w:?}, wanted {:?}",
                fit.wanted
            );
        }
    }
    // On the screen at 100×30 sorted by Src (s pressed until it says so), every date whole.
    let mut a = app(100, 30);
    press(&mut a, "4");
    while !lines(&a)[2].contains("by Src") {
        press(&mut a, "s");
    }
    let terminal = draw(&a, Palette::Mono);
    let buf = terminal.backend().buffer();
    let cells = |y: u16| -> Vec<String> { (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_owned()).collect() };
    let head = cells(3).concat();
    assert!(head.contains("As of") && head.contains("Src"), "{head}");
    let at = (0..cells(3).len())
        .find(|x| cells(3)[*x..].concat().starts_with("As of"))
        .unwrap();
    for y in 4..12 {
        let date = cells(y)[at..at + 10].concat();
        assert!(
            !date.contains('…') && date.trim().len() >= 4,
            "a cut date {date:?} in {:?}",
            cells(y).concat()
        );
    }
    // At 200 columns the names have more room than the values.
    let mut a = app(200, 60);
    press(&mut a, "4");
    let fit = a.current_view().fit.clone();
    let rows = a.regions().unwrap().rows.width;
    let w = shuibei::explorer::tabs::widths(Tab::Indicators, rows, None, &fit);
    // The values in their short form at least (">1,300 enterprises"), whole once the
    // names are.
    assert!(w[0] >= 50 && w[1] >= fit.wanted[1].min(18), "at 200: {w:?}");
}

#[test]
fn the_columns_a_user_needs_most_show_at_every_width_from_80_to_200() {
    let needed: &[(Tab, &[usize])] = &[
        (Tab::History, &[0, 1, 3]),
        (Tab::Enterprises, &[0, 1, 10]),
        (Tab::Brands, &[0, 1, 5]),
        (Tab::Indicators, &[0, 1, 2, 5]),
        (Tab::Sources, &[0, 3, 4]),
    ];
    for (tab, must) in needed {
        let mut a = app(80, 30);
        press(&mut a, &tab.number().to_string());
        let fit = a.current_view().fit.clone();
        for width in 80..=200u16 {
            a.update(shuibei::explorer::action::Msg::Resize(width, 30));
            let rows = a.regions().unwrap().rows.width;
            let widths = shuibei::explorer::tabs::widths(*tab, rows, None, &fit);
            for c in *must {
                assert!(
                    widths[*c] > 0,
                    "{tab:?} at {width} ({rows} in the list): column {c} hidden: {widths:?}"
                );
            }
            // A column that yields when mostly blank never shows while a needed one is cramped
            // below its minimum.
            let used: u16 =
                widths.iter().sum::<u16>() + u16::try_from(widths.iter().filter(|w| **w > 0).count() - 1).unwrap();
            assert!(used <= rows, "{tab:?} at {width}: {widths:?} in {rows}");
        }
        // The Indicator names get their room before the figures get more than theirs.
        if *tab == Tab::Indicators {
            let w = shuibei::explorer::tabs::widths(*tab, 78, None, &fit);
            assert!(w[0] >= 28 && (w[1] == 18 || w[0] >= fit.wanted[0].min(64)), "{w:?}");
        }
    }
}

#[test]
fn the_briefing_screens_leave_no_half_glyphs() {
    for (w, h) in [(80, 24), (81, 24), (100, 30), (120, 40), (121, 40), (200, 60)] {
        for keys in ["", "5", "5\n", "4f", "2f", "1f", "3f", "5f"] {
            let mut a = app(w, h);
            press(&mut a, keys);
            assert_no_half_glyphs(draw(&a, Palette::Dark).backend().buffer());
        }
        assert_no_half_glyphs(draw(&comparing(w, h), Palette::Dark).backend().buffer());
    }
}

#[test]
fn a_link_to_a_weakly_sourced_record_says_the_weakness_is_that_records() {
    use shuibei::data::model::Reliability;
    use shuibei::explorer::layout::detail::{LINKED_LOW, Pane, Subject, text};
    // An event linking to a record that rests on low-reliability sources only.
    let (event, target) = (0..DB.history().len())
        .map(|i| Rec::new(RecordKind::History, i))
        .find_map(|rec| {
            let d = shuibei::data::present::detail(&DB, rec);
            let target = d
                .links
                .iter()
                .flat_map(|g| g.items.iter())
                .find(|(t, _)| DB.strongest_source(*t) == Some(Reliability::Low))?;
            Some((rec, target.clone()))
        })
        .expect("the shipped data has an event linking to a weakly sourced record");
    let pane = Pane {
        db: &DB,
        subject: Subject::Record(event),
        why: None,
        focused: false,
        link: 0,
        scroll: None,
    };
    let detail = text(&pane, 200, &|_| ratatui::style::Style::default());
    let lines: Vec<String> = detail.lines.iter().map(ToString::to_string).collect();
    let link = lines
        .iter()
        .find(|l| l.starts_with("→ ") && l.contains(&*target.1))
        .unwrap_or_else(|| panic!("{target:?} in {lines:#?}"));
    assert!(link.ends_with(LINKED_LOW), "{link}");
    assert!(LINKED_LOW.contains("its own sources"), "it says whose sources are weak");
}

/// A name that fits once its month is written short is shown whole at 80×24, its date
/// kept, like its series' others (a reader saw "Shuibei gold price…" in a column of 32).
#[test]
fn a_name_that_fits_its_column_keeps_its_date() {
    let mut a = app(80, 24);
    settle(&mut a);
    press(&mut a, "4/");
    type_in(&mut a, "Shuibei gold price");
    settle(&mut a);
    let text = lines(&a).join("\n");
    assert!(text.contains("│Shuibei gold price (17 Oct 2025) "), "{text}");
    assert!(
        !text.contains("Shuibei gold price…  "),
        "cut to nothing of its date: {text}"
    );
}

/// However few the rows, the Overview shows a measure in conflict when its heading counts
/// any: at 80×24 and 100×30 the cluster's own measures took every row.
#[test]
fn the_overview_shows_a_conflict_at_80x24_and_100x30() {
    for (w, h) in [(80, 24), (100, 30)] {
        let text = lines(&app(w, h)).join("\n");
        assert!(text.contains(" in conflict ·"), "{w}x{h}:\n{text}");
        let line = text.lines().find(|l| l.contains(" conflict: ")).unwrap_or_default();
        assert!(line.contains(" ≠ "), "{w}x{h}: no conflict's line:\n{text}");
        // The cluster's own measures still lead.
        assert!(text.contains("Gold and jew"), "{w}x{h}:\n{text}");
    }
}
