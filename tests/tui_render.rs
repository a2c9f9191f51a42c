//! The screen, rendered in memory: each tab at 80×24 and 120×40 against committed
//! snapshots, explicit style checks for the selection and the active tab, the tiny
//! terminal message, and the no-half-glyph rule for Chinese text under overlays.

use crate::common;

use common::explorer::{app, landed_on, settle, type_in};
use common::screen::{assert_no_half_glyphs, draw, mono_line, mono_screen, press, row_text, screen};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use shuibei::explorer::action::Msg;
use shuibei::explorer::app::App;
use shuibei::explorer::keymap::Key;
use shuibei::explorer::ui::{self, Theme, theme::Palette};
use unicode_width::UnicodeWidthStr;

#[test]
fn history_tab() {
    insta::assert_snapshot!("history_80x24", screen(80, 24, "1").backend());
    insta::assert_snapshot!("history_120x40", screen(120, 40, "1").backend());
}

#[test]
fn enterprises_tab() {
    insta::assert_snapshot!("enterprises_80x24", screen(80, 24, "2jjjjjjjjjjj").backend());
    insta::assert_snapshot!("enterprises_120x40", screen(120, 40, "2jjjjjjjjjjj").backend());
}

#[test]
fn brands_tab() {
    insta::assert_snapshot!("brands_80x24", screen(80, 24, "3").backend());
    insta::assert_snapshot!("brands_120x40", screen(120, 40, "3v").backend());
}

#[test]
fn indicators_tab() {
    // The 2006 enterprise count: a series with conflicting figures by scope.
    let mut a = app(120, 40);
    select_indicator(&mut a, "ind-enterprises-2006-base");
    insta::assert_snapshot!("indicators_120x40", draw(&a, Palette::Dark).backend());
    a.update(Msg::Resize(80, 24));
    insta::assert_snapshot!("indicators_80x24", draw(&a, Palette::Dark).backend());
}

#[test]
fn detail_focus_and_help_overlay() {
    // A short pane opens at the record's top (its reliability warning), j reads on to
    // the first link, then walks the links.
    insta::assert_snapshot!("detail_open_80x24", screen(80, 24, "2jjjjjjjjjjjj\n").backend());
    insta::assert_snapshot!(
        "detail_focus_80x24",
        screen(80, 24, "2jjjjjjjjjjjj\njjjjjjjjj").backend()
    );
    insta::assert_snapshot!("help_80x24", screen(80, 24, "2?").backend());
    insta::assert_snapshot!("picker_80x24", screen(80, 24, "2f").backend());
}

#[test]
fn a_tiny_terminal_gets_a_message_at_every_size() {
    insta::assert_snapshot!("tiny_20x5", screen(20, 5, "").backend());
    for w in 0..45 {
        for h in 0..14 {
            let mut a = app(w.max(1), h.max(1));
            press(&mut a, "2jf?\u{1b}\nj");
            draw(&a, Palette::Mono);
        }
    }
}

#[test]
fn the_selection_and_the_active_tab_are_styled_even_without_colour() {
    for palette in [Palette::Dark, Palette::Light, Palette::Mono] {
        let mut a = app(120, 40);
        press(&mut a, "2jj");
        let terminal = draw(&a, palette);
        let buf = terminal.backend().buffer();
        let regions = a.regions().unwrap();
        // The selected row (third) is drawn reversed across the list's width.
        let y = regions.rows.y + 2;
        let mut x = regions.rows.x;
        while x < regions.rows.right() {
            assert!(
                buf[(x, y)].modifier.contains(Modifier::REVERSED),
                "{palette:?}: cell {x},{y}"
            );
            // The cell behind a wide character is hidden; the terminal draws the character's style.
            x += u16::try_from(buf[(x, y)].symbol().width().max(1)).unwrap();
        }
        // Other rows are not.
        assert!(!buf[(regions.rows.x, y - 1)].modifier.contains(Modifier::REVERSED));
        // The active tab is bracketed and reversed; the others are neither.
        let (_, tab) = regions.tabs[2];
        let bar = row_text(buf, tab.y);
        assert!(bar.contains("[2 Enterprises "), "{bar}");
        assert!(!bar.contains("[1 History"), "{bar}");
        assert!(buf[(tab.x + 1, tab.y)].modifier.contains(Modifier::REVERSED));
        assert!(
            !buf[(regions.tabs[0].1.x + 1, tab.y)]
                .modifier
                .contains(Modifier::REVERSED)
        );
        // The detail focus moves the list's selection to an underline.
        press(&mut a, "\n");
        let terminal = draw(&a, palette);
        let cell = &terminal.backend().buffer()[(regions.rows.x, y)];
        assert!(cell.modifier.contains(Modifier::UNDERLINED), "{palette:?}");
    }
}

#[test]
fn low_reliability_is_marked_in_the_list() {
    let mut a = app(120, 40);
    press(&mut a, "1");
    let terminal = draw(&a, Palette::Mono);
    let buf = terminal.backend().buffer();
    let regions = a.regions().unwrap();
    let first = row_text(buf, regions.rows.y);
    // The first event (1410, from a writer's essay) rests on a low-reliability source.
    assert!(first.contains("LOW"), "{first}");
    // The cell where "LOW" starts (a Chinese title before it takes two cells a character).
    let y = regions.rows.y;
    let x = (0..buf.area.width - 2)
        .find(|x| (0..3).map(|i| buf[(x + i, y)].symbol()).collect::<String>() == "LOW")
        .unwrap();
    let cell = &buf[(x, y)];
    assert!(
        cell.modifier.contains(Modifier::BOLD),
        "LOW is emphasised without colour"
    );
}

#[test]
fn overlays_over_chinese_text_leave_no_half_glyphs() {
    for (w, h) in [(80, 24), (81, 24), (120, 40), (121, 40), (100, 30), (101, 30)] {
        for keys in ["2?", "2f", "3?", "2jjjjjjjjjjjj?"] {
            let mut a = app(w, h);
            press(&mut a, keys);
            let terminal = draw(&a, Palette::Dark);
            assert_no_half_glyphs(terminal.backend().buffer());
        }
    }
}

#[test]
fn search_box_and_jump_box() {
    let mut a = app(80, 24);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "周ds");
    let terminal = draw(&a, Palette::Dark);
    insta::assert_snapshot!("search_80x24", terminal.backend());
    // The caret sits at the end of the query, where input methods put their window.
    let regions = a.regions().unwrap();
    let line = regions.search.unwrap();
    let mut terminal = terminal;
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!(cursor.y, line.y);
    assert_eq!(cursor.x, line.x + 2 + 4, "after '/ ' and 周ds (2 + 1 + 1 columns)");
    // Matched characters are emphasised in the list.
    let buf = terminal.backend().buffer();
    let first_row = regions.rows.y;
    let marked = (regions.rows.x..regions.rows.right())
        .filter(|x| buf[(*x, first_row)].modifier.contains(Modifier::UNDERLINED))
        .count();
    assert!(marked >= 3, "周大生 is marked in the first row");
    let mut b = app(120, 40);
    settle(&mut b);
    b.update(Msg::Action(shuibei::explorer::action::Action::Jump));
    type_in(&mut b, "zhou大生");
    insta::assert_snapshot!("jump_120x40", draw(&b, Palette::Dark).backend());
    assert_no_half_glyphs(draw(&b, Palette::Dark).backend().buffer());
}

/// Presses `keys`, types `query` into the box they open, and returns the settled screen.
fn typed(a: &mut App, keys: &str, query: &str) -> String {
    press(a, keys);
    type_in(a, query);
    settle(a);
    mono_screen(a)
}

/// Rows that only hold a Chinese query's characters apart are called so, in the list's
/// title and the jump box, not near spellings or sound-alikes (a trial's 金价新高, whose
/// rows hold 金价 and 新高 apart).
#[test]
fn characters_apart_are_called_so() {
    let mut a = app(120, 40);
    settle(&mut a);
    let screen = typed(&mut a, "1/", "金价新高");
    assert!(screen.contains("none as typed: characters apart"), "{screen}");
    press(&mut a, "\n");
    let jump = a.key_message(Key::ctrl('p')).expect("ctrl-p opens the jump box");
    a.update(jump);
    type_in(&mut a, "金价新高");
    settle(&mut a);
    let screen = mono_screen(&a);
    assert!(screen.contains("holding its characters apart"), "{screen}");
    assert!(!screen.contains("sound-alike"), "{screen}");
}

/// When nothing matches as typed, the list's title says its rows are near spellings.
#[test]
fn near_spellings_are_called_so_in_the_list_title() {
    let mut a = app(120, 40);
    settle(&mut a);
    let screen = typed(&mut a, "2/", "zhoudasehng");
    assert!(screen.contains("none as typed: near spellings"), "{screen}");
    // With a capital there are no near spellings; the empty list says what lower case does.
    // Esc clears the box and stays in it, so the next query is typed straight in.
    let screen = typed(&mut a, "\u{1b}", "Zhoudasehng");
    assert!(
        screen.contains("capitals match as written; lower case allows"),
        "{screen}"
    );
    // In Ctrl-P's box too (Esc clears the search box, a second Esc leaves it).
    press(&mut a, "\u{1b}\u{1b}");
    a.update(Msg::Action(shuibei::explorer::action::Action::Jump));
    let screen = typed(&mut a, "", "zhoudasehng");
    assert!(screen.contains("none as typed · "), "{screen}");
    // The same name as written is no near spelling.
    let screen = typed(&mut a, "\u{1b}2/", "zhoudasheng");
    assert!(screen.contains("Zhou Dasheng") || screen.contains("周大生"), "{screen}");
    assert!(!screen.contains("none as typed"), "{screen}");
}

/// A search that finds nothing because no record has a value in the field it asks says
/// so in the empty list, as `shuibei search` does on stderr.
#[test]
fn an_empty_list_says_when_no_record_has_the_field_asked() {
    let mut a = app(120, 40);
    settle(&mut a);
    let screen = typed(&mut a, "2/", "credit:9144");
    assert!(screen.contains("no record here has a value in credit:"), "{screen}");
    // A field that has values finds nothing for other reasons: no such line.
    let screen = typed(&mut a, "\u{1b}", "location:zzzzqqq");
    assert!(screen.contains("no record matches"), "{screen}");
    assert!(!screen.contains("has a value in"), "{screen}");
}

/// At 80 columns Ctrl-P's count of near spellings is read whole, with the query beside it.
#[test]
fn the_near_spelling_count_fits_an_80_column_jump_box() {
    let mut a = app(80, 24);
    settle(&mut a);
    a.update(Msg::Action(shuibei::explorer::action::Action::Jump));
    let screen = typed(&mut a, "", "zhoudasehng");
    let line = screen
        .lines()
        .find(|l| l.contains("> zhoudasehng"))
        .unwrap_or_else(|| panic!("the query is shown:\n{screen}"));
    assert!(
        line.contains("none as typed · ") && line.contains(" near spellings"),
        "{line}"
    );
}

#[test]
fn a_malformed_query_is_explained_in_the_search_box_and_kept() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "foo:bar zhou");
    let line = a.regions().unwrap().search.unwrap();
    let text = mono_line(&a, line.y);
    assert!(text.contains("/ foo:bar zhou  unknown field `foo:`"), "{text}");
    let all = shuibei::data::load::embedded().unwrap().enterprises().len();
    assert!(
        text.contains(&format!("/{all}")),
        "the rest of the query still runs: {text}"
    );
}

/// An exclusion followed by more words runs as written; the search line says how it
/// reads and what leaves the words out together.
#[test]
fn an_exclusion_before_more_words_is_explained_in_the_search_box() {
    let mut a = app(120, 40);
    settle(&mut a);
    let screen = typed(&mut a, "2/", "gold !chow tai fook");
    let line = screen
        .lines()
        .find(|l| l.contains("/ gold !chow tai fook"))
        .unwrap_or_else(|| panic!("the query is shown:\n{screen}"));
    assert!(line.contains("`!chow-tai-fook` leaves"), "{line}");
    // Written together, the words are left out together: no note.
    let screen = typed(&mut a, "\u{1b}", "gold !chow-tai-fook");
    assert!(!screen.contains("alone;"), "{screen}");
    assert!(screen.contains("Gold"), "{screen}");
}

/// The list's first two rows, where an empty list says why.
fn first_rows(a: &App) -> String {
    let rows = a.regions().unwrap().rows;
    format!("{}\n{}", mono_line(a, rows.y), mono_line(a, rows.y + 1))
}

#[test]
fn an_empty_list_and_the_jump_box_name_the_word_that_finds_nothing() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "1/");
    type_in(&mut a, "police arrests");
    settle(&mut a);
    let text = first_rows(&a);
    assert!(
        text.contains(r#"no record matches; of its words, "arrests" matches nothing on"#)
            && text.contains("its own; Esc clears the search"),
        "{text}"
    );
    // Only the words a question is put in: what to add, in the jump box too.
    press(&mut a, "\n");
    let jump = a
        .key_message(Key::ctrl('p'))
        .unwrap_or_else(|| panic!("ctrl-p opens the jump box: {:?}", a.input));
    a.update(jump);
    // The box starts with the tab's search; Ctrl-U clears it.
    match &a.input {
        Some(shuibei::explorer::app::Input::Jump(jump)) => assert_eq!(jump.text.text, "police arrests"),
        other => panic!("the jump box is open: {other:?}"),
    }
    let clear = a.key_message(Key::ctrl('u')).expect("ctrl-u clears the box");
    a.update(clear);
    type_in(&mut a, "what happened");
    settle(&mut a);
    let screen = mono_screen(&a);
    assert!(screen.contains("only question words: say what about"), "{screen}");
    // A query that matches says none of it.
    type_in(&mut a, " 2025");
    settle(&mut a);
    let screen = mono_screen(&a);
    assert!(!screen.contains("only question words"), "{screen}");
}

#[test]
fn an_empty_list_names_the_keys_that_bring_rows_back_here() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "4/");
    type_in(&mut a, "qqqxx");
    let rows = a.regions().unwrap().rows;
    let text = mono_line(&a, rows.y);
    assert!(text.contains("no record matches; Esc clears the search "), "{text}");
    assert!(!text.contains("filters"), "Indicators have no filters: {text}");
    press(&mut a, "\n");
    let text = mono_line(&a, rows.y);
    assert!(
        text.contains("no record matches; / then Esc clears the search "),
        "{text}"
    );
    // While a query is being answered nothing is known: the list says it is searching,
    // not that nothing matches beside the counter's "searching…" (a trial saw both).
    press(&mut a, "/");
    a.update(Msg::Insert('q'));
    let text = mono_line(&a, rows.y);
    assert!(
        text.contains("searching…") && !text.contains("no record matches"),
        "{text}"
    );
    settle(&mut a);
    assert!(mono_line(&a, rows.y).contains("no record matches"));
}

/// An id pasted into another tab's search: the empty list names the tab that holds it
/// and the key that searches every tab.
#[test]
fn an_id_searched_in_the_wrong_tab_names_its_tab() {
    let mut a = app(200, 40);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "ev-2004-04-shuibei-international-founded");
    let rows = a.regions().unwrap().rows;
    let text = mono_line(&a, rows.y);
    assert!(
        text.contains("no record matches; ev-2004-04-shuibei-international-founded is the id of a record in History: Ctrl-P finds it"),
        "{text}"
    );
    // An id whose words match records here: they are shown, and the title says where
    // the id's record is.
    let mut a = app(200, 40);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "brand-chow-tai-fook");
    assert!(!a.current_view().rows.is_empty());
    let screen = mono_screen(&a);
    assert!(
        screen.contains("brand-chow-tai-fook is also a record in Brands (Ctrl-P) · by relevance"),
        "{screen}"
    );
    // A company's name that is also its id, at 80 columns: said as a name's, and the
    // order still in view (a reader saw "· the record with this id is in Enterprises ·
    // by relevan…" above Jieworui's figures).
    let mut a = app(80, 24);
    settle(&mut a);
    press(&mut a, "4/");
    type_in(&mut a, "jieworui");
    settle(&mut a);
    assert!(!a.current_view().rows.is_empty());
    let title = mono_line(&a, a.regions().unwrap().list.y);
    assert!(
        title.contains("· jieworui is also a record in Enterprises (Ctrl-P) · by relevance "),
        "{title}"
    );
}

/// `-word` is text in fzf's syntax: an empty list says how to leave a word out.
#[test]
fn an_empty_list_after_a_hyphenated_word_names_the_exclusion() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "zhou -dasheng");
    assert!(a.current_view().rows.is_empty());
    let text = mono_line(&a, a.regions().unwrap().rows.y);
    assert!(
        text.contains("no record matches; -dasheng is text (!dasheng leaves it out)"),
        "{text}"
    );
}

/// Issue 10, defect 1: letters of an absent name picked across a long title used to list
/// that event; now the list says nothing matches.
#[test]
fn an_absent_name_finds_nothing_and_the_list_says_so() {
    let mut a = app(100, 30);
    settle(&mut a);
    press(&mut a, "1/");
    type_in(&mut a, "cartier");
    assert!(a.current_view().rows.is_empty());
    let text = mono_line(&a, a.regions().unwrap().rows.y);
    assert!(text.contains("no record matches"), "{text}");
}

#[test]
fn the_sorted_column_is_always_on_screen() {
    // Name, 中文名, Listing, Segments, Place, Kind, Founded, Ownership (Status and Credit
    // code, blank in every shipped row, are passed over): at 100 columns Ownership is
    // hidden, unless the rows are sorted by it.
    let mut a = app(100, 30);
    press(&mut a, "2");
    let header = a.regions().unwrap().rows.y - 1;
    assert!(!mono_line(&a, header).contains("Ownership"));
    press(&mut a, "ssssssss");
    assert_eq!(a.current_view().order_label(), "by Ownership ↑");
    let text = mono_line(&a, header);
    assert!(text.contains("Ownership"), "{text}");
}

#[test]
fn the_jump_box_says_how_many_of_a_kind_matched_beyond_those_listed() {
    let mut a = app(120, 40);
    settle(&mut a);
    a.update(Msg::Action(shuibei::explorer::action::Action::Jump));
    type_in(&mut a, "s");
    let text = mono_screen(&a);
    assert!(text.contains("(50 of "), "a group cut at 50 says of how many: {text}");
}

/// Found by CI: the terminal shrank again while the first resize was being drawn, and the
/// layout of the old size overran the new, smaller frame (a panic in the debug build).
#[test]
fn a_frame_smaller_than_the_state_knows_is_not_overrun() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "4\n");
    for (w, h) in [(80, 24), (119, 40), (120, 12), (1, 1)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|frame| ui::render(&a, &Theme::new(Palette::Dark), frame))
            .unwrap();
        let buf = terminal.backend().buffer();
        let drawn = buf.content().iter().filter(|c| c.symbol() != " ").count();
        assert_eq!(drawn, 0, "{w}x{h}: left blank until the resize arrives");
    }
}

#[test]
fn the_help_lists_the_query_syntax_and_the_tabs_fields() {
    let mut a = app(100, 200);
    press(&mut a, "2?");
    let text = mono_screen(&a);
    for want in [
        "Search syntax",
        "'word",
        "a b | c d",
        "Fields in enterprises",
        "ownership:",
        "exchange:",
    ] {
        assert!(text.contains(want), "help lacks {want:?}");
    }
    for (field, _) in shuibei::search::fields(shuibei::data::model::RecordKind::Enterprise) {
        assert!(text.contains(&format!("{field}:")), "help lacks the field {field}");
    }
}

/// Every record of the shipped dataset opened, every link followed and undone, drawn at
/// 80×24 without colour and at 200×60 with colour (layout does not depend on the palette;
/// styles per palette are checked above): nothing panics, the record shows, no control
/// character and no half glyph reaches the screen.
#[test]
fn every_record_and_every_link_draws_at_both_sizes_with_and_without_colour() {
    use shuibei::data::db::Rec;
    use shuibei::data::model::RecordKind;
    for (w, h, palette) in [(80, 24, Palette::Mono), (200, 60, Palette::Dark)] {
        let mut a = app(w, h);
        let theme = Theme::new(palette);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut check = |a: &App| {
            // The frame as drawn (the backend would keep stale cells hidden behind
            // wide characters, which a real terminal overwrites).
            let frame = terminal.draw(|frame| ui::render(a, &theme, frame)).unwrap();
            let buf = frame.buffer;
            // A record, or a source reached from a record's detail (the Sources tab).
            let id = match a.selected() {
                Some(rec) => a.db.id(rec).to_owned(),
                None => a.db.sources()[a.current_view().current_row().unwrap() as usize]
                    .id
                    .to_string(),
            };
            let screen: String = (0..h).map(|y| row_text(buf, y)).collect();
            // The detail's title names the record (its id may be cut at the pane's edge).
            let shown: String = id.chars().take(12).collect();
            assert!(screen.contains(&shown), "{w}x{h} {palette:?}: {id} not on screen");
            assert!(
                buf.content
                    .iter()
                    .all(|c| !c.symbol().chars().any(shuibei::sanitize::is_unsafe))
            );
            assert_no_half_glyphs(buf);
        };
        for kind in RecordKind::ALL {
            for i in 0..a.db.len(kind) {
                let rec = Rec::new(kind, i);
                a.jump(rec);
                check(&a);
                let links = a.links();
                for (n, target) in links.iter().enumerate() {
                    a.jump(rec);
                    // The jump opens the detail, as Enter does.
                    // j reads on to the first link when the detail opened above it.
                    for _ in 0..500 {
                        if a.detail.link == n && a.detail_scroll().unwrap().link_shown() {
                            break;
                        }
                        press(&mut a, "j");
                    }
                    press(&mut a, "\n");
                    assert!(landed_on(&a, *target), "{target:?}");
                    check(&a);
                    a.update(Msg::Action(shuibei::explorer::action::Action::Back));
                    assert_eq!(a.selected(), Some(rec));
                }
            }
        }
    }
}

/// A journalist's trial: Ctrl-P `jieworui` lists the enterprise's group first, above the
/// events and figures that mention it.
#[test]
fn the_jump_box_puts_the_named_record_first() {
    let mut a = app(120, 40);
    settle(&mut a);
    a.update(Msg::Action(shuibei::explorer::action::Action::Jump));
    type_in(&mut a, "jieworui");
    let text = mono_screen(&a);
    let at = |what: &str| text.find(what).unwrap_or(usize::MAX);
    assert!(at("Enterprises (") < at("History ("), "{text}");
    assert!(at("Enterprises (") < at("Indicators ("), "{text}");
    assert!(at("Shenzhen Jieworui Jewelry") < at("History ("), "{text}");
}

/// A figure that disagrees with another for the same question and date is marked `≠` in
/// the Indicators list too, not only in the comparison (a trial could not see the two
/// 2024 net-closure counts, 120 and 717, disagree).
#[test]
fn the_indicators_list_marks_figures_in_conflict() {
    let mut a = app(120, 40);
    settle(&mut a);
    let screen = typed(&mut a, "4/", "net franchise");
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("│≠ ")).collect();
    assert_eq!(marked.len(), 2, "{screen}");
    assert!(marked.iter().any(|l| l.contains("120 stores")) && marked.iter().any(|l| l.contains("717 stores")));
    let plain = screen
        .lines()
        .find(|l| l.contains("4,655 stores"))
        .expect("a figure in no conflict");
    assert!(!plain.contains('≠'), "{plain}");
}

/// The footer leaves out a key that would only say it has nothing to do: Backspace with
/// nowhere to go back to, Enter in the jump box with nothing to go to.
#[test]
fn the_footer_shows_back_and_go_only_when_they_would_act() {
    let mut a = app(120, 40);
    settle(&mut a);
    let footer = |a: &App| mono_screen(a).lines().last().unwrap_or_default().to_owned();
    assert!(!footer(&a).contains("Backspace back"), "{}", footer(&a));
    a.update(Msg::Action(shuibei::explorer::action::Action::Jump));
    typed(&mut a, "", "qqqxxxzzzwww");
    assert!(!footer(&a).contains("Enter go"), "{}", footer(&a));
    press(&mut a, "\u{1b}");
    a.update(Msg::Action(shuibei::explorer::action::Action::Jump));
    typed(&mut a, "", "zhou大生");
    assert!(footer(&a).contains("Enter go"), "{}", footer(&a));
    press(&mut a, "\n");
    settle(&mut a);
    // The jump's own notice says so first; the next key brings the hints back.
    assert!(footer(&a).contains("Backspace goes back"), "{}", footer(&a));
    press(&mut a, "j");
    assert!(footer(&a).contains("Backspace back"), "after a jump: {}", footer(&a));
}

/// The column header marks the column the rows are ordered by, on a searched list too,
/// and a column too narrow for its title and the arrow cuts the title, not the arrow.
#[test]
fn the_sorted_column_shows_its_arrow_on_matches_and_in_a_narrow_column() {
    let header = |a: &App| {
        let row = a.regions().expect("regions").rows.y - 1;
        mono_line(a, row)
    };
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "gold");
    press(&mut a, "\n");
    assert!(a.current_view().search.active(), "the query is kept");
    assert!(!header(&a).contains('↑'), "by relevance: no arrow\n{}", header(&a));
    press(&mut a, "s");
    assert!(header(&a).contains("Name↑"), "{}", header(&a));
    press(&mut a, "S");
    assert!(header(&a).contains("Name↓"), "{}", header(&a));
    // Founded, cut to its width at 80 columns, keeps its arrow.
    let mut b = app(80, 24);
    press(&mut b, "2");
    // `s` passes over the columns blank in every row (the registry's status and code).
    let columns = shuibei::explorer::tabs::columns(shuibei::explorer::action::Tab::Enterprises).len();
    for _ in 0..columns {
        if b.current_view().order_label().starts_with("by Founded") {
            break;
        }
        press(&mut b, "s");
    }
    assert!(
        b.current_view().order_label().starts_with("by Founded"),
        "{}",
        b.current_view().order_label()
    );
    let line = header(&b);
    assert!(line.contains('↑'), "the arrow shows in:\n{line}");
}

/// The list's title shows the filters whole, before the order: with the detail open the
/// title had room for "ownership=priv…" and a trial read two chosen values as one. The
/// status line says the whole choice when the picker closes.
#[test]
fn the_list_title_shows_the_filters_before_the_order() {
    for (w, h) in [(120, 40), (100, 30)] {
        let mut a = app(w, h);
        settle(&mut a);
        press(&mut a, "2f j ");
        press(&mut a, "\u{1b}");
        let described = a.current_view().facets.describe();
        assert!(described.contains('|'), "two values of one facet: {described}");
        // Closing the picker says the whole choice on the status line, however long.
        let status = a.status.clone().expect("a status").text;
        assert_eq!(
            status,
            format!("filtered: {described} · {} rows", a.current_view().rows.len())
        );
        let title = mono_line(&a, a.regions().unwrap().list.y);
        assert!(title.contains(&described), "{w}x{h}: {title}");
        let order = a.current_view().order_label();
        if title.contains(&order) {
            assert!(title.find(&described) < title.find(&order), "{title}");
        }
    }
}

/// With a filter on, the search line counts the query's matches the filter keeps: a
/// trial read "3/93" as three matches in all, while the filter had left 3 of 12.
#[test]
fn with_a_filter_the_search_counter_counts_the_matches_it_keeps() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "2/gold");
    settle(&mut a);
    let matched = a.current_view().search.matched;
    let line = |a: &shuibei::explorer::app::App| mono_line(a, a.regions().unwrap().search.unwrap().y);
    assert!(line(&a).contains(&format!("{matched}/93")), "{}", line(&a));
    press(&mut a, "\n");
    press(&mut a, "f ");
    press(&mut a, "\u{1b}");
    settle(&mut a);
    let view = a.current_view();
    assert!(
        !view.facets.is_empty() && view.rows.len() < matched,
        "{}",
        view.facets.describe()
    );
    let want = format!("{}/{matched} filtered", view.rows.len());
    assert!(line(&a).contains(&want), "{want} in {}", line(&a));
}

#[test]
fn when_the_filters_hide_every_match_the_list_says_so_not_that_nothing_matches() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "2f ");
    press(&mut a, "\u{1b}");
    settle(&mut a);
    let shown = a.current_view().rows.clone();
    assert!(!shown.is_empty() && shown.len() < 93, "a filter is on");
    // A company the filter leaves out, searched by its whole name, with capitals (the
    // case hint must not be the reason given: trial helper-127).
    let hidden = (0..a.db.enterprises().len())
        .find(|i| !shown.contains(&u32::try_from(*i).unwrap()))
        .expect("a company filtered out");
    let name = a.db.enterprises()[hidden].name.clone();
    press(&mut a, "/");
    type_in(&mut a, &name);
    settle(&mut a);
    let text = first_rows(&a);
    assert!(text.contains("the filters hide its"), "{name}: {text}");
    assert!(
        !text.contains("no record matches") && !text.contains("capitals"),
        "{text}"
    );
    assert!(text.contains("changes the filters"), "{text}");
}

#[test]
fn an_empty_list_offers_small_letters_only_where_they_find_something() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "Kingold");
    settle(&mut a);
    let text = first_rows(&a);
    assert!(text.contains("none in small letters either"), "{text}");
    assert!(!text.contains("lower case allows"), "{text}");
    press(&mut a, "\u{1b}\u{1b}1/");
    type_in(&mut a, "Police");
    settle(&mut a);
    let text = first_rows(&a);
    assert!(text.contains("lower case allows"), "{text}");
}

#[test]
fn an_empty_list_says_which_word_to_drop_and_the_sources_that_hold_the_query() {
    let mut a = app(120, 40);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "who regulates gold trading in shuibei");
    settle(&mut a);
    let text = first_rows(&a);
    assert!(text.contains("nothing matches them all; without "), "{text}");
    press(&mut a, "\u{1b}\u{1b}1/");
    type_in(&mut a, "跑路");
    settle(&mut a);
    let text = first_rows(&a);
    assert!(
        text.contains("no record matches; 2 sources hold it: Ctrl-P lists them"),
        "{text}"
    );
}

#[test]
fn a_notice_the_search_line_cuts_is_given_in_full_below_the_rows() {
    let mut a = app(120, 30);
    settle(&mut a);
    press(&mut a, "2/");
    type_in(&mut a, "who regulates gold trading in");
    settle(&mut a);
    let screen = mono_screen(&a);
    assert!(
        screen.contains(r#"the search line in full: left out "who" "in"; read "regulates""#),
        "{screen}"
    );
    // The title does not point to a line it cannot show whole.
    assert!(screen.contains("· none word for word · by relevance"), "{screen}");
}

/// Two figures of one date in a series chart tell apart by the time of day their names
/// give (a trial saw two `2026-02-03 Shuibei` bars and could not tell which was which).
#[test]
fn two_figures_of_one_day_show_their_times_in_the_chart() {
    let mut a = app(120, 40);
    settle(&mut a);
    select_indicator(&mut a, "ind-gold-price-shuibei-2026-02-03-1430");
    let screen = mono_screen(&a);
    let bars: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains('█') && l.contains("Shuibei"))
        .collect();
    let at = |time: &str| bars.iter().position(|l| l.contains(time));
    assert!(
        matches!((at("14:30"), at("18:30")), (Some(x), Some(y)) if x + 1 == y),
        "{screen}"
    );
    assert!(bars.iter().any(|l| l.contains("2026-02-03 14:30")), "{screen}");
}

/// `/` searches the Sources tab too (a trial looked for a publisher's reports there and
/// found only the filters): its words, a Chinese title by pinyin, and what a field of
/// records does there.
#[test]
fn the_sources_tab_is_searched_with_slash() {
    let mut a = app(120, 36);
    settle(&mut a);
    let screen = typed(&mut a, "5/", "dagongbao");
    let all = a.db.sources().len();
    assert!(
        screen.contains(&format!("2 of {all} sources · by relevance")),
        "{screen}"
    );
    let rows: Vec<&str> = screen.lines().skip(5).take(3).collect();
    // (CJK takes two cells: the screen's text has a space after each such char.)
    assert!(rows[0].contains("(Ta K") && rows[1].contains("(Chin"), "{screen}");
    // Only two rows: the list's third line is blank.
    assert_eq!(rows[2].split('│').nth(1).map(str::trim), Some(""), "{screen}");
    // The detail follows the best match.
    assert!(
        screen.contains("source · src-takungpao-editorial-2025-10-11"),
        "{screen}"
    );
    press(&mut a, "\u{1b}");
    let screen = typed(&mut a, "", "year:2020");
    assert!(screen.contains("`year:` searches records, not sources "), "{screen}");
    assert!(screen.contains("no source matches; Esc clears the search"), "{screen}");
    // Enter keeps the search; Esc in the list drops it.
    let screen = {
        press(&mut a, "\u{1b}");
        typed(&mut a, "", "bloomberg")
    };
    assert!(screen.contains(&format!("3 of {all} sources")), "{screen}");
    press(&mut a, "\n\u{1b}");
    assert!(
        mono_screen(&a).contains(&format!("Sources {all}")),
        "{}",
        mono_screen(&a)
    );
}

/// Goes to the Indicators tab and down its list to the indicator `id`.
fn select_indicator(a: &mut App, id: &str) {
    press(a, "4");
    let pos = a
        .current_view()
        .rows
        .iter()
        .position(|i| a.db.indicators()[*i as usize].id.as_ref() == id)
        .expect("the indicator is listed");
    for _ in 0..pos {
        press(a, "j");
    }
}

/// Ctrl-P with a capital that finds nothing gives the hint the `/` box gives: lower case
/// allows near spellings (smart case).
#[test]
fn the_jump_box_gives_the_capital_hint_the_search_box_gives() {
    let mut a = app(100, 30);
    settle(&mut a);
    let jump = a.key_message(Key::ctrl('p')).expect("ctrl-p opens the jump box");
    a.update(jump);
    type_in(&mut a, "Chow Tai Fok");
    settle(&mut a);
    let screen = mono_screen(&a);
    assert!(
        screen.contains(r#"of its words, "Fok" matches nothing on its own"#)
            && screen.contains("capitals match as written; lower case allows near spellings"),
        "{screen}"
    );
    insta::assert_snapshot!("jump_capital_100x30", draw(&a, Palette::Dark).backend());
}

/// At 100 columns with the detail open the indicators' names read (no two alike), the
/// Value column as wide as the figures on screen; the scrollbar inside the border, split
/// or with the list alone (`z`).
#[test]
fn indicator_names_read_beside_their_values_split_and_alone() {
    let mut a = app(100, 30);
    settle(&mut a);
    press(&mut a, "4");
    insta::assert_snapshot!("indicators_100x30", draw(&a, Palette::Dark).backend());
    let rows = a.regions().unwrap().rows;
    let names: Vec<String> = (rows.y..rows.bottom())
        .map(|y| mono_line(&a, y).chars().skip(1).take(22).collect())
        .collect();
    for (i, n) in names.iter().enumerate() {
        assert!(!names[..i].contains(n), "two rows read {n:?}: {names:#?}");
    }
    press(&mut a, "jjjjjjjjjjjj");
    insta::assert_snapshot!("indicators_100x30_down", draw(&a, Palette::Dark).backend());
    a.update(Msg::Resize(160, 45));
    press(&mut a, "z");
    insta::assert_snapshot!("indicators_160x45_whole", draw(&a, Palette::Dark).backend());
    // The scrollbar is drawn in the column inside the border, not over it.
    let rows = a.regions().unwrap().rows;
    let line = mono_line(&a, rows.y);
    assert!(line.ends_with("▲│"), "{line}");
}

/// The Enterprises tab says what it holds: organisations in or tied to the cluster, not
/// all in Shenzhen; the Place column says where.
#[test]
fn the_enterprises_title_says_what_the_tab_holds() {
    let mut a = app(80, 24);
    settle(&mut a);
    press(&mut a, "2");
    let title = mono_line(&a, a.regions().unwrap().list.y);
    assert!(
        title.contains("in or tied to the cluster, not all in Shenzhen"),
        "{title}"
    );
    insta::assert_snapshot!("enterprises_title_80x24", draw(&a, Palette::Dark).backend());
}
