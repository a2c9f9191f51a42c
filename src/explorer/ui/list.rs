//! The list pane: a tab's records (or sources) as a table, drawn row by row for the
//! visible window only (a million rows cost no more than forty). Columns are laid out by
//! display width, cells are fitted without cutting a character in half, and the `Src`
//! column marks each record's strongest source (`*` when some claim rests on a weak one).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

mod title;

use super::theme::Theme;
use crate::data::db::Rec;
use crate::data::model::RecordKind;
use crate::explorer::action::{Action, Tab};
use crate::explorer::app::{App, Focus};
use crate::explorer::keymap::Context;
use crate::explorer::layout::Regions;
use crate::explorer::layout::text::{fit, fit_marked};
use crate::explorer::tabs::{self, Fit};
use title::{answers_typed_query, id_elsewhere, key_name, list_title};

/// The column the rows are sorted by, when a sort (not relevance) orders them; else the
/// column grouped brands are grouped by (its `〃` marks say where a group goes on).
fn sorted_column(app: &App) -> Option<usize> {
    let view = app.current_view();
    let sorted = if view.by_relevance() { None } else { view.sort.column };
    sorted.or((view.grouped && app.tab == Tab::Brands).then_some(tabs::BRAND_SEGMENT))
}

/// Column rectangles across `area`, one column of space between shown columns; a hidden
/// column gets an empty rectangle.
#[must_use]
pub fn column_areas(tab: Tab, area: Rect, keep: Option<usize>, fit: &Fit) -> Vec<Rect> {
    let mut x = area.x;
    tabs::widths(tab, area.width, keep, fit)
        .into_iter()
        .map(|w| {
            if w == 0 {
                return Rect::new(x, area.y, 0, area.height);
            }
            let rect = Rect::new(x, area.y, w.min(area.right().saturating_sub(x)), area.height);
            x = x.saturating_add(w + 1).min(area.right());
            rect
        })
        .collect()
}

/// The search line at the top of the list: the query (with the caret while typing), how
/// many records match out of how many (with a filter on, how many of the matches it
/// keeps), and whether the engine is still at work.
///
/// Returns whether the query's notice was cut, or had no room at all beside the query.
fn search_line(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> bool {
    let view = app.current_view();
    let typing = matches!(app.input, Some(crate::explorer::app::Input::Search(tab)) if tab == app.tab);
    let total = tabs::len(&app.db, app.tab);
    let number = |n: usize| crate::data::present::number(usize_f64(n));
    // The Sources tab's search needs no index.
    let mut counter = if app.index.is_none() && app.tab.kind().is_some() {
        "indexing…".to_owned()
    } else if view.search.active() && !view.facets.is_empty() {
        // Out of the query's matches, not of the whole tab: "3/93" read as 3 matches in
        // all, while the filter had left 3 of 12.
        format!("{}/{} filtered", number(view.rows.len()), number(view.search.matched))
    } else if view.search.active() {
        format!("{}/{}", number(view.rows.len()), number(total))
    } else {
        String::new()
    };
    if app.tab.kind().is_some_and(|kind| app.searching(kind)) && app.index.is_some() {
        counter = if view.search.active() && answers_typed_query(view) {
            format!("{counter} searching…")
        } else {
            "searching…".to_owned()
        };
    }
    let counter_width = u16::try_from(counter.width() + 2)
        .unwrap_or(u16::MAX)
        .min(area.width / 2);
    let mut query_area = Rect::new(area.x, area.y, area.width.saturating_sub(counter_width), 1);
    let counter_area = Rect::new(query_area.right(), area.y, counter_width, 1);
    // A malformed part of the query is explained right after it, where the eye is; the
    // query itself is kept and the rest of it still runs.
    let mut cut = false;
    if let Some(notice) = &view.search.notice {
        let query_width = u16::try_from(view.query.text.width() + 4).unwrap_or(u16::MAX);
        cut = true;
        if query_width < query_area.width {
            let notice_area = Rect::new(query_area.x + query_width, area.y, query_area.width - query_width, 1);
            cut = notice.width() > usize::from(notice_area.width);
            frame.render_widget(
                Paragraph::new(Span::styled(fit(notice, usize::from(notice_area.width)), theme.error)),
                notice_area,
            );
            query_area.width = query_width - 1;
        }
    }
    if typing {
        super::chrome::text_box(theme, frame, query_area, "/ ", &view.query);
    } else {
        let line = Line::from(vec![
            Span::styled("/ ", theme.key),
            Span::styled(
                fit(&view.query.text, usize::from(query_area.width.saturating_sub(2))),
                theme.base,
            ),
        ]);
        frame.render_widget(Paragraph::new(line), query_area);
    }
    let style = if view.search.notice.is_some() {
        theme.error
    } else {
        theme.dim
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&format!(" {counter} "), usize::from(counter_width)),
            style,
        ))
        .alignment(ratatui::layout::Alignment::Right),
        counter_area,
    );
    cut
}

/// What to do about an empty list, with the keys that do it here and now.
fn empty_hint(app: &App) -> String {
    let key = |context: Context, action: Action| key_name(app, context, action);
    let view = app.current_view();
    let typing = matches!(app.input, Some(crate::explorer::app::Input::Search(tab)) if tab == app.tab);
    let mut ways = Vec::new();
    // What is said of why nothing matched is of the query on screen, not one being typed.
    let answered = view.search.query.as_deref() == Some(view.query.text.as_str());
    let nothing = &view.search.nothing;
    // The search found records, and the filters hide every one: that is the reason, not
    // the query's spelling or case (trial helper-127 read "capitals match as written").
    let hidden = answered && view.search.complete && view.search.matched > 0;
    if !nothing.unheld.is_empty() && answered {
        // Said first: it is why nothing matches, the rest are ways out.
        let names = nothing
            .unheld
            .iter()
            .map(|n| format!("{n}:"))
            .collect::<Vec<_>>()
            .join(", ");
        ways.push(format!("no record here has a value in {names}"));
        if nothing.unheld.contains(&"district") {
            ways.push("where a company is, is in location:".to_owned());
        }
    }
    // An id pasted into the wrong tab's search: which tab holds it, and the key that
    // searches them all (the command line says the same with --tab).
    if let Some((id, tab)) = id_elsewhere(app) {
        let across = key(Context::List, Action::Jump).map_or_else(String::new, |k| format!(": {k} finds it"));
        ways.push(format!("{id} is the id of a record in {}{across}", tab.title()));
    }
    if let Some(word) = crate::search::hyphenated(&view.query.text) {
        ways.push(format!("{word} is text (!{} leaves it out)", &word[1..]));
    }
    // Sources are matched as typed: no near spellings.
    if view.search.active()
        && !hidden
        && app.tab != Tab::Sources
        && let Some(hint) = capital_hint(&view.query.text, nothing.lower_finds, answered)
    {
        ways.push(hint.to_owned());
    }
    if view.search.active() || !view.query.text.is_empty() {
        let clear = if typing {
            key(Context::Input, Action::Cancel)
        } else {
            key(Context::List, Action::Search)
                .zip(key(Context::Input, Action::Cancel))
                .map(|(open, cancel)| format!("{open} then {cancel}"))
        };
        if let Some(clear) = clear {
            ways.push(format!("{clear} clears the search"));
        }
    }
    if !view.facets.is_empty()
        && let Some(f) = key(Context::List, Action::Filters)
    {
        ways.push(format!("{f} changes the filters"));
    }
    let none = if hidden {
        match view.search.matched {
            1 => "the filters hide its match".to_owned(),
            n => format!("the filters hide its {} matches", crate::data::present::count(n)),
        }
    } else if app.tab == Tab::Sources {
        "no source matches".to_owned()
    } else {
        "no record matches".to_owned()
    };
    let mut said = vec![none];
    if answered && !hidden {
        // Which word to change, when one finds nothing alone (`police arrests`): said
        // before the ways out, as the command line says it.
        said.extend(nothing.lone.as_ref().map(crate::search::Lone::said));
        // No record, but sources hold it: the jump box lists them (the command line
        // points to `--tab sources`).
        if nothing.sources > 0 && app.tab != Tab::Sources {
            let n = nothing.sources;
            let (count, verb) = if n == 1 {
                ("1 source".to_owned(), "holds")
            } else {
                (format!("{} sources", crate::data::present::count(n)), "hold")
            };
            let lists = key(Context::List, Action::Jump).map_or_else(String::new, |k| format!(": {k} lists them"));
            said.push(format!("{count} {verb} it{lists}"));
        }
    }
    if !ways.is_empty() {
        said.push(ways.join(", "));
    }
    said.join("; ")
}

/// For a query with a capital that found nothing: what small letters do (smart case),
/// the same words in a tab's list and in the jump box. Offered where small letters find
/// something (or where that was not asked: `lower_finds` is `None`); `answered`: the
/// answer on screen is the query's.
pub(super) fn capital_hint(query: &str, lower_finds: Option<bool>, answered: bool) -> Option<&'static str> {
    crate::search::lowercased(query)?;
    if lower_finds != Some(false) {
        Some("capitals match as written; lower case allows near spellings")
    } else if answered {
        Some("none in small letters either")
    } else {
        None
    }
}

#[allow(clippy::cast_precision_loss)] // counts shown to a person
fn usize_f64(n: usize) -> f64 {
    n as f64
}

/// Draws the list pane into `regions.list`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, regions: &Regions) {
    let area = regions.list;
    let focused = app.focus == Focus::List;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(Span::styled(
            fit(
                &list_title(app, usize::from(area.width.saturating_sub(2))),
                usize::from(area.width.saturating_sub(2)),
            ),
            if focused { theme.border_focus } else { theme.heading },
        ));
    frame.render_widget(block, area);
    let notice_cut = regions
        .search
        .is_some_and(|search| search_line(app, theme, frame, search));
    let header_area = Rect::new(regions.rows.x, regions.rows.y.saturating_sub(1), regions.rows.width, 1);
    let view = app.current_view();
    let height = usize::from(regions.rows.height);
    let end = (view.offset + height).min(view.rows.len());
    // A column of figures is as wide as the widest figure on screen.
    let screen_fit = tabs::on_screen(
        &app.db,
        view.citations(),
        app.tab,
        &view.fit,
        &view.rows[view.offset..end],
    );
    let cols = column_areas(app.tab, header_area, sorted_column(app), &screen_fit);
    for (c, col) in tabs::columns(app.tab).iter().enumerate() {
        // The arrow marks the column the rows are in the order of: not while the matches
        // show by relevance, nor while a long list's sort is still being computed.
        let ordered = !view.by_relevance() && view.sorting.is_none();
        let width = usize::from(cols[c].width);
        let text = if ordered && view.sort.column == Some(c) && width >= 2 {
            // A narrow column cuts its title, never the arrow.
            let arrow = if view.sort.descending { '↓' } else { '↑' };
            format!("{}{arrow}", fit(col.title, width - 1))
        } else {
            fit(col.title, width)
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.column_header)), cols[c]);
    }
    if view.rows.is_empty() {
        let message = if tabs::len(&app.db, app.tab) == 0 {
            format!("this dataset has no {}", app.tab.section())
        } else if app.tab.kind().is_some_and(|kind| app.searching(kind)) {
            // Not "no record matches" beside the counter's "searching…": nothing is
            // known yet (a trial read the two side by side).
            "searching…".to_owned()
        } else {
            empty_hint(app)
        };
        let cut = view.search.notice.as_deref().filter(|_| notice_cut);
        empty(theme, frame, regions.rows, message, cut);
        return;
    }
    let apart = told_apart(app, &screen_fit, regions.rows, view.offset..end);
    // Figures cut their units alike down the column (`tabs::values_on_screen`).
    let values = (app.tab == Tab::Indicators).then(|| {
        let width = cols.get(tabs::INDICATOR_VALUE).map_or(0, |c| usize::from(c.width));
        tabs::values_on_screen(&app.db, &view.rows[view.offset..end], width)
    });
    for (line, pos) in (view.offset..end).enumerate() {
        let row = view.rows[pos];
        let y = regions.rows.y + u16::try_from(line).unwrap_or(u16::MAX);
        let row_area = Rect::new(regions.rows.x, y, regions.rows.width, 1);
        let selected = pos == view.selected;
        let row_style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_idle,
            _ => theme.base,
        };
        frame.buffer_mut().set_style(row_area, row_style);
        let previous = (pos > 0).then(|| view.rows[pos - 1]);
        // Among answers as typed, a row that is not one (a sound-alike, its characters
        // apart) is marked: the title counts them, the row says which.
        // So is one that holds the query only in a clause that negates it: the export
        // leaves both out, and the list shows which rows those are.
        let mark = row_mark(app, pos);
        let row = Row {
            index: row,
            previous,
            mark,
            apart: apart[line].clone(),
            value: values.as_ref().and_then(|v| v.get(line).cloned()),
        };
        draw_row(app, theme, frame, (row_area, &screen_fit), row, row_style);
    }
    if notice_cut && let Some(notice) = &view.search.notice {
        notice_below(theme, frame, regions.rows, end - view.offset, notice);
    }
    if view.rows.len() > height {
        let mut state = ScrollbarState::new(view.rows.len().saturating_sub(height)).position(view.offset);
        // In the column between the rows and the border, as wide as the list or not.
        let rows = regions.rows;
        let bar_area = Rect::new(
            rows.x,
            rows.y,
            (rows.width + 1).min(area.right().saturating_sub(rows.x + 1)),
            rows.height,
        );
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight).style(theme.border),
            bar_area,
            &mut state,
        );
    }
}

/// The list's `message` when it has no rows, wrapped, not cut: every way out it names
/// must show; so must the search line's notice where the line cut it (a mistyped credit
/// code, and whose code it nearly is).
fn empty(theme: &Theme, frame: &mut Frame, rows: Rect, message: String, cut: Option<&str>) {
    let mut lines = vec![Line::styled(message, theme.dim)];
    if let Some(notice) = cut {
        lines.push(Line::default());
        lines.push(Line::styled(format!("the search line in full: {notice}"), theme.dim));
    }
    frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), rows);
}

/// The search line's notice in full, wrapped below the `drawn` rows in `rows`, where the
/// search line cut it (`left out "who" "in"; rea…`) and the rows leave room for it all.
fn notice_below(theme: &Theme, frame: &mut Frame, rows: Rect, drawn: usize, notice: &str) {
    let text = format!("the search line in full: {notice}");
    let width = usize::from(rows.width.max(1));
    let lines = text.width().div_ceil(width) + 1;
    let free = usize::from(rows.height).saturating_sub(drawn + 1);
    if lines > free {
        return;
    }
    let y = rows.y + u16::try_from(drawn + 1).unwrap_or(u16::MAX);
    let area = Rect::new(rows.x, y, rows.width, u16::try_from(free).unwrap_or(u16::MAX));
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme.dim)).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// The mark of the row at `pos` when it is no answer as typed ([`SOUNDS_LIKE`],
/// [`NEGATED`]).
fn row_mark(app: &App, pos: usize) -> Option<&'static str> {
    let view = app.current_view();
    if view.search.tolerant {
        return None;
    }
    match view.row_why.get(pos) {
        Some(why) if why.loose() => Some(SOUNDS_LIKE),
        Some(crate::search::Why::Negated(_)) => Some(NEGATED),
        _ => None,
    }
}

/// The column a row's mark stands before: its name (an event's title), not a date it
/// would push out ("¬ 2026-02-…", a trial).
fn main_column(tab: Tab) -> usize {
    let columns = tabs::columns(tab);
    (0..columns.len()).max_by_key(|i| columns[*i].priority).unwrap_or(0)
}

/// What stands before a cell: a row's mark before its name, or, before an indicator's
/// name, `≠` for a figure that disagrees with another for the same time and question (as
/// the Overview and the comparison (=) mark it). `true` for the latter.
fn lead(app: &App, index: u32, column: usize, mark: Option<&'static str>) -> Option<(&'static str, bool)> {
    if column == main_column(app.tab)
        && let Some(mark) = mark
    {
        Some((mark, false))
    } else if column == 0 && disagrees(app, index) {
        Some((CONFLICT, true))
    } else {
        None
    }
}

/// The names of the rows `shown` (positions in the view) as they read in their column,
/// those that would read alike told apart ([`told_apart`](crate::explorer::layout::text::apart::told_apart)):
/// "Jewelry enterpr…" twice at 100 columns named two figures. One entry a row.
fn told_apart(app: &App, columns: &Fit, rows: Rect, shown: std::ops::Range<usize>) -> Vec<Option<(String, usize)>> {
    let view = app.current_view();
    let main = main_column(app.tab);
    let cols = column_areas(
        app.tab,
        Rect::new(rows.x, 0, rows.width, 1),
        sorted_column(app),
        columns,
    );
    let Some(area) = cols.get(main).filter(|a| a.width > 0) else {
        return vec![None; shown.len()];
    };
    let citations = view.citations();
    // Rows with a lead (`≠`, `≈`) have two columns less: each is told apart in its own
    // width (in the narrowest, "Jewelry…early 1990s" had no room beside a `≠` row).
    let mut widths = Vec::with_capacity(shown.len());
    let texts: Vec<(String, String)> = shown
        .map(|pos| {
            let index = view.rows[pos];
            let lead = lead(app, index, main, row_mark(app, pos)).map_or(0, |(m, _)| m.width());
            let width = usize::from(area.width).saturating_sub(lead);
            widths.push(width);
            let full = tabs::row_cell(&app.db, citations, app.tab, index, main);
            let within = tabs::row_cell_within(&app.db, citations, app.tab, index, main, width);
            (full, fit(&within, width))
        })
        .collect();
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(f, s)| (f.as_str(), s.as_str())).collect();
    crate::explorer::layout::text::apart::told_apart(&pairs, &widths)
}

/// A row of the list: the record (or source index), the one above it, its mark when it
/// is no answer as typed ([`SOUNDS_LIKE`], [`NEGATED`]), and its name as told apart from
/// another row's it would read as (its text and how many characters of its start).
struct Row {
    index: u32,
    previous: Option<u32>,
    mark: Option<&'static str>,
    apart: Option<(String, usize)>,
    /// An indicator's Value cell as the column writes it on screen.
    value: Option<String>,
}

/// Draws one row.
fn draw_row(app: &App, theme: &Theme, frame: &mut Frame, (area, columns): (Rect, &Fit), rows: Row, row: Style) {
    let db = &app.db;
    let Row {
        index,
        previous,
        mark,
        apart,
        value,
    } = rows;
    let view = app.current_view();
    let cols = column_areas(app.tab, area, sorted_column(app), columns);
    let last = cols.len() - 1;
    let citations = view.citations();
    let marked = main_column(app.tab);
    for (c, col_area) in cols.iter().enumerate() {
        let width = usize::from(col_area.width);
        let lead = lead(app, index, c, mark).map(|(mark, low)| (mark, if low { theme.low } else { theme.dim }));
        let width = width.saturating_sub(lead.map_or(0, |(mark, _)| mark.width()));
        let mut text = match &apart {
            Some((text, _)) if c == marked => text.clone(),
            _ if c == tabs::INDICATOR_VALUE && value.is_some() => value.clone().unwrap_or_default(),
            _ => tabs::row_cell_within(db, citations, app.tab, index, c, width),
        };
        let mut style = row;
        if c == last {
            let reliability = match app.tab.kind() {
                Some(kind) => db.strongest_source(Rec::new(kind, index as usize)),
                None => db.sources().get(index as usize).map(|s| s.reliability),
            };
            style = row.patch(theme.reliability(reliability));
        }
        // Grouped brands: the segment is written once, on the first row of its group.
        if app.tab == Tab::Brands && view.grouped && c == tabs::BRAND_SEGMENT {
            if text.is_empty() {
                text = "(no segment)".into();
                style = row.patch(theme.dim);
            } else if previous.is_some_and(|p| tabs::row_cell(db, None, app.tab, p, tabs::BRAND_SEGMENT) == text) {
                text = "〃".into();
                style = row.patch(theme.dim);
            } else {
                style = row.patch(theme.heading);
            }
        }
        let mut marks = match app.tab.kind() {
            Some(kind) => highlight_marks(app, Rec::new(kind, index as usize), c),
            None => Vec::new(),
        };
        if c == marked
            && let Some((_, head)) = &apart
        {
            // Told apart: the marks of the start it keeps.
            marks.retain(|m| m < head);
        } else if app.tab == Tab::Indicators && c == 0 {
            // A name cut in its middle keeps the marks of what is left, where it now is.
            let name = tabs::row_cell(db, None, app.tab, index, 0);
            if let Some((_, head, tail)) =
                tabs::indicator_name_within(&name, width, db.indicators().get(index as usize).map(|i| i.as_of))
            {
                let from = name.chars().count() - tail;
                marks = marks
                    .into_iter()
                    .filter_map(|m| match m {
                        m if m < head => Some(m),
                        m if m >= from => Some(m - from + head + 1),
                        _ => None,
                    })
                    .collect();
            }
        }
        if c == marked && mark.is_some() {
            style = row.patch(theme.dim);
        }
        let lead = lead.map(|(mark, role)| Span::styled(mark, row.patch(role)));
        let spans = fit_marked(&text, width, style, row.patch(theme.matched), &marks);
        frame.render_widget(
            Paragraph::new(lead.into_iter().chain(spans).collect::<Line>()),
            *col_area,
        );
    }
}

/// What marks a figure that disagrees with another for its time.
const CONFLICT: &str = "≠ ";

/// What marks a row that is no answer as typed among answers (a sound-alike, its
/// characters apart); the detail's "why" says which.
const SOUNDS_LIKE: &str = "≈ ";

/// What marks a row that holds the query only in a clause that negates it ("its tie to
/// Shuibei is not stated"); ranked last, and left out of an export.
const NEGATED: &str = "¬ ";

/// Whether row `index` of the Indicators tab is a figure in conflict: another figure of
/// its question (metric, unit, scope) disagrees for the same time. Known once the brief is
/// counted.
fn disagrees(app: &App, index: u32) -> bool {
    app.tab == Tab::Indicators
        && app
            .brief
            .as_deref()
            .and_then(|brief| brief.question(index as usize))
            .is_some_and(|q| q.conflicts(&app.db, index))
}

/// Character positions to mark in a cell: what the search matched in the name columns.
/// Computed for the rows on screen only.
fn highlight_marks(app: &App, rec: Rec, column: usize) -> Vec<usize> {
    let view = app.view(rec.kind);
    let (Some(index), Some(query)) = (&app.index, view.search.query.as_deref()) else {
        return Vec::new();
    };
    let marks = crate::search::highlight(index, &app.db, rec, query);
    match (rec.kind, column) {
        (RecordKind::History, 1) => {
            // The Event column shows "title · title_zh".
            let title_len = app.db.history()[rec.idx()].title.chars().count();
            let mut all = marks.primary;
            let offset = title_len + tabs::TITLE_SEPARATOR.chars().count();
            all.extend(marks.chinese.iter().map(|c| c + offset));
            all
        }
        (RecordKind::Enterprise | RecordKind::Brand | RecordKind::Indicator, 0) => marks.primary,
        (RecordKind::Enterprise | RecordKind::Brand, 1) => marks.chinese,
        _ => Vec::new(),
    }
}
