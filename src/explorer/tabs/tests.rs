//! The tabs' cells and column widths, tested on the shipped data and made-up fits.

use super::*;

/// A figure whose words a Value column would cut is written compactly, whole; one
/// that fits keeps its words; other columns are never rewritten.
#[test]
fn a_figure_too_wide_for_its_column_is_written_compactly() {
    let db = crate::data::load::embedded().unwrap();
    let row = db
        .indicators()
        .iter()
        .position(|i| crate::data::present::figure(i) == "more than 10 billion yuan")
        .expect("the shipped data has the figure");
    let row = u32::try_from(row).unwrap();
    let cell = |column, width| row_cell_within(&db, None, Tab::Indicators, row, column, width);
    assert_eq!(cell(INDICATOR_VALUE, 28), "more than 10 billion yuan");
    assert_eq!(cell(INDICATOR_VALUE, 18), ">10 billion yuan");
    assert_eq!(cell(INDICATOR_VALUE, 14), ">10 bn yuan");
    assert_eq!(cell(0, 5), row_cell(&db, None, Tab::Indicators, row, 0));
}

/// A record named only in Chinese (a registry import with no English name puts the
/// Chinese name in both) shows it once: the 中文名 column is blank.
#[test]
fn a_name_only_in_chinese_is_shown_once() {
    let json = r#"{"format": "shuibei/1", "cluster": {"name": "T"},
        "sources": [{"id": "s", "title": "S", "reliability": "medium"}],
        "enterprises": [
            {"id": "a", "name": "深圳市样例珠宝首饰有限公司", "name_zh": "深圳市样例珠宝首饰有限公司",
             "sources": [{"source": "s"}]},
            {"id": "b", "name": "Example Gold", "name_zh": "示例金饰", "sources": [{"source": "s"}]}
        ],
        "brands": [{"id": "c", "name": "样例", "name_zh": "样例", "sources": [{"source": "s"}]}]}"#;
    let db = crate::data::load::load_slice("zh.json", json.as_bytes()).unwrap();
    let cells = |tab, row| (row_cell(&db, None, tab, row, 0), row_cell(&db, None, tab, row, 1));
    assert_eq!(
        cells(Tab::Enterprises, 0),
        ("深圳市样例珠宝首饰有限公司".to_owned(), String::new())
    );
    assert_eq!(
        cells(Tab::Enterprises, 1),
        ("Example Gold".to_owned(), "示例金饰".to_owned())
    );
    assert_eq!(cells(Tab::Brands, 0), ("样例".to_owned(), String::new()));
}

/// Chinese names sort by pinyin as a dictionary does, mixed with Latin names, case
/// and punctuation aside; names that read alike keep an order all the same.
#[test]
fn text_columns_sort_chinese_by_pinyin() {
    let mut names = vec![
        "周大生珠宝",
        "中国黄金",
        "周大福",
        "百泰",
        "Zhou",
        "金一",
        "zhong",
        "周达",
        "“一带一路”",
        "水贝壹号",
        "水贝·彩",
    ];
    names.sort_by_cached_key(|n| collated(n));
    assert_eq!(
        names,
        [
            "百泰",
            "金一",
            "水贝·彩",
            "水贝壹号",
            "“一带一路”",
            "zhong",
            "中国黄金",
            "Zhou",
            "周达",
            "周大福",
            "周大生珠宝"
        ]
    );
}

/// A tab's measure when every column has text in some rows (none blank in most).
fn every_column_holds_text(tab: Tab) -> Fit {
    let cols = columns(tab).len();
    Fit {
        wanted: vec![1; cols],
        blank: vec![false; cols],
    }
}

#[test]
fn columns_fill_the_width_and_narrow_tables_hide_the_least_important() {
    let fit = Fit::default();
    for tab in Tab::LISTS {
        for total in 1..200u16 {
            let widths = widths(*tab, total, None, &fit);
            let shown = widths.iter().filter(|w| **w > 0).count();
            let used: u16 = widths.iter().sum::<u16>() + u16::try_from(shown.saturating_sub(1)).unwrap();
            assert!(used <= total.max(1), "{tab:?} at {total}: {widths:?}");
            assert!(shown >= 1);
        }
    }
    let narrow = widths(Tab::Enterprises, 60, None, &fit);
    assert!(
        narrow[0] > 0 && narrow[1] > 0 && narrow[2] > 0,
        "names and listing: {narrow:?}"
    );
    assert_eq!(narrow[8], 0, "ownership goes before listing: {narrow:?}");
    let sorted = widths(Tab::Enterprises, 60, Some(8), &fit);
    assert!(sorted[0] > 0 && sorted[8] > 0, "the sorted column stays: {sorted:?}");
}

#[test]
fn a_mostly_blank_column_yields_first_and_content_columns_are_served_first() {
    let cols = columns(Tab::Enterprises).len();
    let mut fit = every_column_holds_text(Tab::Enterprises);
    // Kind (6) blank in most rows: hidden before Founded (7), of lower priority.
    fit.blank[6] = true;
    let w = widths(Tab::Enterprises, 130, None, &fit);
    assert_eq!(w[6], 0, "{w:?}");
    assert!(w[7] > 0, "{w:?}");
    // The listing (2) and segments (3) blank in most rows, as in the shipped data: at
    // 80 columns they give way, and the name reads in 32 beside Place (it was cut at
    // 27 beside a blank Listing column).
    // The registry's status (4) and code (9) are blank in every row there.
    fit.blank = vec![false; cols];
    fit.blank[2] = true;
    fit.blank[3] = true;
    for registry in [4, 9] {
        fit.blank[registry] = true;
        fit.wanted[registry] = 0;
    }
    let w = widths(Tab::Enterprises, 78, None, &fit);
    assert!(w[2] == 0 && w[3] == 0, "{w:?}");
    assert!(w[0] >= 32 && w[1] > 0 && w[5] > 0 && w[10] > 0, "{w:?}");
    // Sorted by the listing, it stays.
    let w = widths(Tab::Enterprises, 78, Some(2), &fit);
    assert!(w[2] > 0, "{w:?}");
    // Indicator names get the room they need before values get any. (Scope and Group
    // hold text as narrow as their minimum and title: a column blank in every row is
    // not shown at all.)
    let fit = Fit {
        wanted: vec![40, 30, 7, 8, 5, 0],
        blank: vec![false; 6],
    };
    let w = widths(Tab::Indicators, 120, None, &fit);
    assert!(w[0] >= 40, "{w:?}");
    assert_eq!(w[1], 28, "{w:?}");
    let w = widths(Tab::Indicators, 80, None, &fit);
    assert!(
        w[0] >= 27 && w[1] == 18,
        "the name reads before the value takes more than its short form: {w:?}"
    );
    // Split at 100 columns (52 for the table): the name reads before the value grows past
    // its minimum ("Share of… (2012)" beside a Value of 19 told nothing).
    let w = widths(Tab::Indicators, 52, None, &fit);
    assert!(w[0] >= 22 && w[1] == 14, "{w:?}");
    // A value column of short figures ("70 %") is no wider than they are.
    let short = Fit {
        wanted: vec![40, 6, 7, 8, 5, 0],
        blank: vec![false; 6],
    };
    assert_eq!(widths(Tab::Indicators, 52, None, &short)[1], 6);
    // A group column too narrow for its words is hidden, not cut to "Enter…".
    let fit = Fit {
        wanted: vec![52, 28, 10, 30, 18, 5],
        blank: vec![false; 6],
    };
    let w = widths(Tab::Indicators, 78, None, &fit);
    assert_eq!(w[4], 0, "{w:?}");
    assert!(w[1] >= 18 && w[0] >= 30, "{w:?}");
    // Group shows only in room the names do not want: at 140 the name has its 52.
    let w = widths(Tab::Indicators, 140, None, &fit);
    assert!(w[4] == 18 && w[0] == 52, "{w:?}");
    // At 117 Group gives way, and Scope reads (20) before the name grows past what it
    // reads in; it stays when the value is a few columns short of its words.
    let w = widths(Tab::Indicators, 117, None, &fit);
    assert!(w[3] >= 20 && w[0] == 52 && w[4] == 0, "{w:?}");
}

/// History's dates take 11 columns at every width, the titles the rest: a label
/// shows as its date ("Mid-to-late 1990s" as ~1995), whatever the room.
#[test]
fn a_date_label_gives_the_titles_their_room() {
    let db = crate::data::load::embedded().unwrap();
    let fit = measure(&db, Tab::History);
    let w = widths(Tab::History, 78, None, &fit);
    assert_eq!(w[0], 11, "{w:?}");
    assert!(w[1] >= 45, "{w:?}");
    let w = widths(Tab::History, 158, None, &fit);
    assert_eq!(w[0], 11, "{w:?}");
    let row = db
        .history()
        .iter()
        .position(|e| e.date_label.as_deref() == Some("Mid-to-late 1990s"))
        .expect("the shipped data has the label");
    let row = u32::try_from(row).unwrap();
    let cell = |width| row_cell_within(&db, None, Tab::History, row, 0, width);
    assert_eq!(cell(18), not_exact(db.history()[row as usize].date));
    assert_eq!(cell(11), not_exact(db.history()[row as usize].date));
}

/// A figure whose short form is still too wide keeps its size and cuts its unit.
#[test]
fn a_unit_is_cut_only_when_the_short_form_does_not_fit() {
    let db = crate::data::load::embedded().unwrap();
    let row = db
        .indicators()
        .iter()
        .position(|i| crate::data::present::short_figure(i) == ">10,000 enterprises")
        .expect("the shipped data has the figure");
    let row = u32::try_from(row).unwrap();
    let cell = |width| row_cell_within(&db, None, Tab::Indicators, row, INDICATOR_VALUE, width);
    assert_eq!(cell(19), ">10,000 enterprises");
    assert_eq!(cell(16), ">10,000 enterpr.");
}

/// At 120 columns with the detail open the list has 64: the name gets a third over
/// its minimum before segments show; the names, the listing and the source marks stay.
#[test]
fn the_name_is_readable_before_lesser_columns_show() {
    let cols = columns(Tab::Enterprises).len();
    let fit = every_column_holds_text(Tab::Enterprises);
    let src = cols - 1;
    let w = widths(Tab::Enterprises, 64, None, &fit);
    assert!(w[0] >= 24, "{w:?}");
    assert_eq!(w[3], 0, "segments give way: {w:?}");
    assert!(w[1] > 0 && w[2] > 0 && w[src] > 0, "{w:?}");
    // Sorted by segments, they stay, and so do the listing and the source marks.
    let w = widths(Tab::Enterprises, 64, Some(3), &fit);
    assert!(w[2] > 0 && w[3] > 0 && w[src] > 0, "{w:?}");
    // The listing never gives way for it, however narrow.
    let w = widths(Tab::Enterprises, 53, None, &fit);
    assert!(w[2] > 0 && w[src] > 0, "{w:?}");
    // Wide enough, nothing is hidden for it.
    let w = widths(Tab::Enterprises, 200, None, &fit);
    assert!(w.iter().all(|w| *w > 0), "{w:?}");
}

/// A column that may yield and is blank in every row measured is not shown, however wide
/// the table (the registry's status and code on the shipped enterprises, a registry
/// list's 中文名); one sorted by stays, and a column that may not yield stays too.
#[test]
fn a_column_blank_in_every_row_is_not_shown() {
    let mut fit = every_column_holds_text(Tab::Enterprises);
    let (status, place) = (4, 5);
    fit.wanted[status] = 0;
    fit.blank[status] = true;
    let w = widths(Tab::Enterprises, 200, None, &fit);
    assert_eq!(w[status], 0, "{w:?}");
    assert!(w.iter().enumerate().all(|(i, w)| i == status || *w > 0), "{w:?}");
    let w = widths(Tab::Enterprises, 200, Some(status), &fit);
    assert!(w[status] > 0, "sorted by: {w:?}");
    fit.wanted[place] = 0;
    let w = widths(Tab::Enterprises, 200, None, &fit);
    assert!(w[place] > 0, "Place does not yield: {w:?}");
}
