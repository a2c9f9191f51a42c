//! The tabs that list rows, one small module each: what a tab's table shows (its columns,
//! the text of each cell, how each column sorts). The state sorts with it and the
//! renderer draws with it, so the two agree. Functions here dispatch to the tab's module.
//! (The Overview is a page, not a table: `layout::overview` lays it out.)
//!
//! Pure functions of the `Db` (and, for the Sources tab, of who cites each source); no
//! styles, no terminal.

mod brands;
mod column;
mod enterprises;
mod history;
mod indicators;
mod sources;

use rayon::slice::ParallelSliceMut;
use unicode_width::UnicodeWidthStr;

use crate::data::citations::Citations;
use crate::data::db::{Db, Rec};
use crate::data::model::{RecordKind, Reliability};
use crate::explorer::action::Tab;

pub use crate::data::places::districts;
pub use brands::SEGMENT as BRAND_SEGMENT;
pub use column::{Column, Fit, Width, reliability_word};
pub use history::{TITLE_SEPARATOR, not_exact};
pub use indicators::{VALUE as INDICATOR_VALUE, name_within as indicator_name_within, values_on_screen};
pub use sources::CITED as SOURCES_CITED;

/// The columns of a tab, left to right (none for the Overview).
#[must_use]
pub fn columns(tab: Tab) -> &'static [Column] {
    match tab {
        Tab::Overview => &[],
        Tab::History => history::COLUMNS,
        Tab::Enterprises => enterprises::COLUMNS,
        Tab::Brands => brands::COLUMNS,
        Tab::Indicators => indicators::COLUMNS,
        Tab::Sources => sources::COLUMNS,
    }
}

/// What a tab's rows are, when its name may say less or more (the list's title says it
/// where there is room): the Enterprises tab lists organisations in or tied to the
/// cluster, some of them elsewhere (Hong Kong, Shantou, Shenyang: the Place column).
#[must_use]
pub fn holds(tab: Tab) -> Option<&'static str> {
    (tab == Tab::Enterprises).then_some("in or tied to the cluster, not all in Shenzhen")
}

/// The column a tab's rows are dated by, which orders them by date: History's Date (its
/// timeline), Enterprises' Founded, Indicators' As of, Sources' Date; `None` for a tab
/// without dates (Brands, the Overview).
#[must_use]
pub fn date_column(tab: Tab) -> Option<usize> {
    match tab {
        Tab::History => Some(0),
        Tab::Enterprises => Some(enterprises::FOUNDED),
        Tab::Indicators => Some(indicators::AS_OF),
        Tab::Sources => Some(sources::DATE),
        Tab::Brands | Tab::Overview => None,
    }
}

/// Whether some claim of a record rests on a low-reliability source while a stronger
/// source backs others: the `*` of the `Src` column.
#[must_use]
pub fn partly_low(db: &Db, rec: Rec) -> bool {
    db.weakest_source(rec) == Some(Reliability::Low) && db.strongest_source(rec) != Some(Reliability::Low)
}

/// The `Src` mark of a record: its strongest source's reliability ("high", "med", "LOW",
/// "none"), with `*` when some claim rests on a low-reliability source.
#[must_use]
pub fn reliability_mark(db: &Db, rec: Rec) -> String {
    let mut mark = reliability_word(db.strongest_source(rec)).to_owned();
    if partly_low(db, rec) {
        mark.push('*');
    }
    mark
}

/// The text of one cell of a record, as shown (before fitting to the column's width).
#[must_use]
pub fn cell(db: &Db, rec: Rec, column: usize) -> String {
    if column + 1 == columns(Tab::of(rec.kind)).len() {
        return reliability_mark(db, rec);
    }
    let i = rec.idx();
    match rec.kind {
        RecordKind::History => history::cell(db, i, column),
        RecordKind::Enterprise => enterprises::cell(db, i, column),
        RecordKind::Brand => brands::cell(db, i, column),
        RecordKind::Indicator => indicators::cell(db, i, column),
    }
}

/// [`row_cell`] in a column `width` wide: a figure whose words the column would cut
/// ("more than 10 bill…") is written as the Overview writes it (">10 billion yuan"),
/// its unit and size whole; the marks are in the help (`?`).
#[must_use]
pub fn row_cell_within(
    db: &Db,
    citations: Option<&Citations>,
    tab: Tab,
    row: u32,
    column: usize,
    width: usize,
) -> String {
    let text = row_cell(db, citations, tab, row, column);
    if tab == Tab::Indicators
        && column == INDICATOR_VALUE
        && text.width() > width
        && let Some(ind) = db.indicators().get(row as usize)
    {
        return indicators::value_within(ind, width, None);
    }
    if tab == Tab::Indicators
        && column == 0
        && let Some((name, _, _)) =
            indicators::name_within(&text, width, db.indicators().get(row as usize).map(|i| i.as_of))
    {
        return name;
    }
    text
}

/// The text of one cell of any list tab: `row` is a record of the tab's kind, or a
/// source's index on the Sources tab. `citations` (once counted) fill the Sources tab's
/// Cited column.
#[must_use]
pub fn row_cell(db: &Db, citations: Option<&Citations>, tab: Tab, row: u32, column: usize) -> String {
    match tab.kind() {
        Some(kind) => cell(db, Rec::new(kind, row as usize), column),
        None if tab == Tab::Sources => sources::cell(db, citations, row as usize, column),
        None => String::new(),
    }
}

/// How many rows a list tab has in all.
#[must_use]
pub fn len(db: &Db, tab: Tab) -> usize {
    match tab.kind() {
        Some(kind) => db.len(kind),
        None if tab == Tab::Sources => db.sources().len(),
        None => 0,
    }
}

/// Sorts rows of a tab by a column, ascending; ties keep dataset order (the sort is
/// stable and the rows arrive in dataset order). A tab may order a column by its value
/// (dates, figures, counts); otherwise by the cell's text (Chinese by pinyin), computed
/// once per row, so a million rows sort in well under a second.
pub fn sort(db: &Db, citations: Option<&Citations>, tab: Tab, column: usize, rows: &mut [u32]) {
    let Some(kind) = tab.kind() else {
        if tab == Tab::Sources && !sources::sort(db, citations, column, rows) {
            rows.par_sort_by_cached_key(|i| collated(&sources::cell(db, citations, *i as usize, column)));
        }
        return;
    };
    if column + 1 == columns(tab).len() {
        // The strongest source first, a record with a weak claim after one without;
        // records citing nothing last.
        rows.par_sort_by_cached_key(|i| {
            let rec = Rec::new(kind, *i as usize);
            let strongest = db.strongest_source(rec);
            (strongest.is_none(), strongest, partly_low(db, rec))
        });
        return;
    }
    let sorted = match kind {
        RecordKind::Enterprise => enterprises::sort(db, column, rows),
        RecordKind::Indicator => indicators::sort(db, column, rows),
        RecordKind::Brand => brands::sort(db, column, rows),
        RecordKind::History => history::sort(db, column, rows),
    };
    if !sorted {
        rows.par_sort_by_cached_key(|i| collated(&cell(db, Rec::new(kind, *i as usize), column)));
    }
}

/// A cell's key for a sort by its text: Chinese by pinyin (a dictionary's order, not the
/// code points' order, which means nothing to a reader), case aside; chars that read
/// alike by their code points.
fn collated(text: &str) -> (String, String) {
    (crate::search::pinyin::collation_key(text), text.to_lowercase())
}

/// How many rows [`measure`] reads: enough to know a column's widest cells and whether
/// it is mostly blank, few enough that a million rows cost nothing at start-up.
const SAMPLE: usize = 2_000;

/// Measures a tab's columns on an even sample of its rows: the widest cell of each
/// (what `Width::Content` asks for) and whether it is blank in most rows.
#[must_use]
pub fn measure(db: &Db, tab: Tab) -> Fit {
    let all: Vec<u32> = (0..len(db, tab)).filter_map(|i| u32::try_from(i).ok()).collect();
    let (wanted, blank) = sample(db, tab, &all);
    Fit { wanted, blank }
}

/// [`measure`] on the rows a search or a filter shows (an even sample of them): a
/// Listing column blank in most of the tab still shows when the listed companies are
/// filtered, and a Value column is as wide as the figures listed, not the widest of the
/// tab. `None` for no rows.
#[must_use]
pub fn refit(db: &Db, tab: Tab, rows: &[u32]) -> Option<Fit> {
    (!rows.is_empty()).then(|| {
        let (wanted, blank) = sample(db, tab, rows);
        Fit { wanted, blank }
    })
}

/// `fit` for the rows on screen: a column with short forms (a figure) is as wide as its
/// widest cell among them, not of every row listed ("1,100,000 m²" needs 12 where
/// "more than 10,000 enterprises" further down needs 27), so the names beside it keep
/// the room.
#[must_use]
pub fn on_screen(db: &Db, citations: Option<&Citations>, tab: Tab, fit: &Fit, rows: &[u32]) -> Fit {
    let mut fit = fit.clone();
    if rows.is_empty() {
        return fit;
    }
    for (c, col) in columns(tab).iter().enumerate() {
        if col.short > 0
            && let Some(want) = fit.wanted.get_mut(c)
        {
            *want = rows
                .iter()
                .map(|row| crate::sanitize::line(&row_cell(db, citations, tab, *row, c)).width())
                .max()
                .and_then(|w| u16::try_from(w).ok())
                .unwrap_or(*want);
        }
    }
    fit
}

/// The widest cell of each column and whether it is blank in most of an even sample of
/// `rows`.
fn sample(db: &Db, tab: Tab, rows: &[u32]) -> (Vec<u16>, Vec<bool>) {
    let cols = columns(tab);
    let step = rows.len().div_ceil(SAMPLE).max(1);
    let mut wanted = vec![0u16; cols.len()];
    let mut blanks = vec![0usize; cols.len()];
    let mut seen = 0usize;
    for row in rows.iter().step_by(step) {
        seen += 1;
        for (c, want) in wanted.iter_mut().enumerate() {
            let text = row_cell(db, None, tab, *row, c);
            if text.is_empty() {
                blanks[c] += 1;
            }
            let width = u16::try_from(crate::sanitize::line(&text).width()).unwrap_or(u16::MAX);
            *want = (*want).max(width);
        }
    }
    let blank = blanks.iter().map(|b| seen > 0 && *b * 2 > seen).collect();
    (wanted, blank)
}

/// The width of each column in a table `total` columns wide, one space between shown
/// columns; hidden columns get 0. A column that may yield and is blank in every row
/// measured is not shown at all. When the table is too narrow, columns go in this order:
/// those blank in most rows (that may yield), then the lowest priority first; column
/// `keep` (the one the rows are sorted by) is the last to go, so a sort never orders rows
/// by something off screen. Then the main column (the name) is made readable, a third
/// over its minimum, by hiding the extras, least important first (never the names, the
/// listing, the source marks or `keep`). The spare room goes first to columns sized by their content,
/// up to their widest cell, then to the filling columns by weight.
#[must_use]
pub fn widths(tab: Tab, total: u16, keep: Option<usize>, fit: &Fit) -> Vec<u16> {
    // Columns of this priority or more (the names, a date, a value, a listing, an owner,
    // the citations) never give way to make the main column readable; the others are
    // extras (segments, place, tags, scope).
    const NEEDED: u8 = 7;
    let cols = columns(tab);
    // What a column cannot do without: a whole column's widest cell (its title when the
    // data was not measured).
    let whole = |i: usize, max: u16| {
        let title = u16::try_from(cols[i].title.width()).unwrap_or(max);
        fit.wanted.get(i).copied().unwrap_or(max).max(title).min(max)
    };
    let min = |i: usize| match cols[i].width {
        Width::Fixed(n) => n,
        // A column with short forms needs no more than its widest cell ("70 %").
        Width::Content { min, max } if cols[i].short > 0 => min.min(whole(i, max)),
        Width::Fill { min, .. } | Width::Content { min, .. } => min,
        Width::Whole { max } => whole(i, max),
    };
    let blank = |i: usize| cols[i].yields_when_blank && fit.blank.get(i).copied().unwrap_or(false);
    // The room a column reads well in: its content, or half again its minimum.
    let comfort = |i: usize| match cols[i].width {
        Width::Fixed(n) => n,
        Width::Fill { min, .. } => min + min / 2,
        Width::Content { min, max } => fit.wanted.get(i).copied().unwrap_or(min).clamp(min, max),
        Width::Whole { max } => whole(i, max),
    };
    // A column that may yield and is blank in every row measured shows nothing but its
    // title: it is not shown (a registry list's 中文名, its names being Chinese; the
    // registry's status and code on the shipped enterprises).
    let mut shown: Vec<bool> = (0..cols.len())
        .map(|i| !(cols[i].yields_when_blank && fit.wanted.get(i) == Some(&0) && Some(i) != keep))
        .collect();
    let sum = |shown: &[bool], width: &dyn Fn(usize) -> u16| -> u32 {
        let count = shown.iter().filter(|s| **s).count();
        (0..cols.len())
            .filter(|i| shown[*i])
            .map(|i| u32::from(width(i)))
            .sum::<u32>()
            + u32::try_from(count.saturating_sub(1)).unwrap_or(0)
    };
    let needed = |shown: &[bool]| sum(shown, &min);
    // Mostly blank columns give their room to the others before those get cramped.
    while sum(&shown, &comfort) > u32::from(total) {
        let drop = (0..cols.len())
            .filter(|i| shown[*i] && blank(*i) && Some(*i) != keep)
            .min_by_key(|i| cols[*i].priority);
        match drop {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    while needed(&shown) > u32::from(total) && shown.iter().filter(|s| **s).count() > 1 {
        let drop = (0..cols.len())
            .filter(|i| shown[*i])
            .min_by_key(|i| (Some(*i) == keep, !blank(*i), cols[*i].priority));
        match drop {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    let assign = |shown: &[bool]| spread(cols, shown, total, fit, &min);
    // The main column (the name, the event) reads before more columns show: below a
    // third over its minimum, the least important column that may go gives it its room
    // ("Zhuhai Golden Drago…" twice were two companies at 120 columns with the detail
    // open). The source marks stay: they say what a row rests on.
    let name = (0..cols.len()).max_by_key(|i| cols[*i].priority);
    // A name sized by its content (Indicators') reads in what its column asks, when it
    // asks (`reads_in`), or in all of its widest name if that is less: at 120 columns with
    // the detail open, "Shuibei gold pric…" on every row of a series told none apart while
    // the scope showed "Shuibei…" (a trial).
    let readable = |name: usize| match cols[name].width {
        Width::Fill { .. } => Some(cols[name].readable.max(min(name) + min(name) / 3)),
        Width::Content { min, max } if cols[name].readable > 0 => Some(
            cols[name]
                .readable
                .min(fit.wanted.get(name).copied().unwrap_or(max).clamp(min, max)),
        ),
        _ => None,
    };
    if let Some(name) = name.filter(|n| shown[*n])
        && let Some(readable) = readable(name)
    {
        while assign(&shown)[name] < readable {
            let drop = (0..cols.len())
                .filter(|i| {
                    shown[*i] && Some(*i) != keep && cols[*i].priority < NEEDED && cols[*i].title != column::SRC
                })
                .min_by_key(|i| cols[*i].priority);
            match drop {
                Some(i) => shown[i] = false,
                None => break,
            }
        }
    }
    // Once the main column (Indicators' names) has all it wants, a figure still short of
    // its words gets them before the extras show (a group cut to "Enter…" said nothing).
    let want = |i: usize| match cols[i].width {
        Width::Content { min, max } => fit.wanted.get(i).copied().unwrap_or(max).clamp(min, max),
        _ => 0,
    };
    if let Some(name) = name.filter(|n| shown[*n] && matches!(cols[*n].width, Width::Content { .. })) {
        loop {
            let w = assign(&shown);
            let short = (0..cols.len()).any(|i| shown[i] && cols[i].priority >= NEEDED && w[i] < want(i));
            if w[name] < want(name) || !short {
                break;
            }
            // Not a column that reads in a width of its own (Scope): a value in its short
            // form says what its words do.
            let drop = (0..cols.len())
                .filter(|i| shown[*i] && Some(*i) != keep && cols[*i].priority < NEEDED && cols[*i].readable == 0)
                .min_by_key(|i| cols[*i].priority);
            match drop {
                Some(i) => shown[i] = false,
                None => break,
            }
        }
    }
    if let Some(name) = name.filter(|n| shown[*n]) {
        spare_room_only(cols, &mut shown, keep, || want(name), |shown| assign(shown)[name]);
    }
    assign(&shown)
}

/// Hides the columns shown only in spare room ([`Column::spare_only`]) while the main
/// column, `width` wide with the columns `shown`, is short of what it `wants`
/// (Indicators' Group: at 120 columns it took 18 to repeat "Gold prices").
fn spare_room_only(
    cols: &[Column],
    shown: &mut [bool],
    keep: Option<usize>,
    wants: impl Fn() -> u16,
    width: impl Fn(&[bool]) -> u16,
) {
    while width(shown) < wants() {
        let drop = (0..cols.len())
            .filter(|i| shown[*i] && Some(*i) != keep && cols[*i].spare_only)
            .min_by_key(|i| cols[*i].priority);
        match drop {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
}

/// The widths of the `shown` columns in `total`: each its minimum, then the spare room to
/// the columns sized by their content (the most important first, up to their widest
/// cell), then to the filling columns by weight.
fn spread(cols: &[Column], shown: &[bool], total: u16, fit: &Fit, min: &dyn Fn(usize) -> u16) -> Vec<u16> {
    let mut widths: Vec<u16> = (0..cols.len())
        .map(|i| if shown[i] { min(i).min(total) } else { 0 })
        .collect();
    let count = shown.iter().filter(|s| **s).count();
    let needed = (0..cols.len())
        .filter(|i| shown[*i])
        .map(|i| u32::from(min(i)))
        .sum::<u32>()
        + u32::try_from(count.saturating_sub(1)).unwrap_or(0);
    let mut spare = u16::try_from(u32::from(total).saturating_sub(needed)).unwrap_or(0);
    // Columns sized by their content, the most important first, up to their widest cell;
    // but first the main column up to the width it reads in, then the others up to
    // their short forms (a figure as the Overview writes it, `Column::short`): a name
    // cut to "Share of… (2012)" beside ">1,300 enterprises" in 20 told the reader less
    // than "Share of China's gol… (2012)" beside ">1,300 enterpr.".
    let mut by_priority: Vec<usize> = (0..cols.len()).filter(|i| shown[*i]).collect();
    by_priority.sort_by_key(|i| std::cmp::Reverse(cols[*i].priority));
    let first = by_priority.first().copied();
    let mut grow = |i: usize, to: u16, widths: &mut Vec<u16>| {
        let more = to.saturating_sub(widths[i]).min(spare);
        widths[i] += more;
        spare -= more;
    };
    let content_want = |i: usize| match cols[i].width {
        Width::Content { max, .. } => Some(fit.wanted.get(i).copied().unwrap_or(max).min(max)),
        _ => None,
    };
    if let Some(m) = first
        && let Some(want) = content_want(m)
        && cols[m].readable > 0
    {
        grow(m, want.min(cols[m].readable), &mut widths);
    }
    for &i in &by_priority {
        if let Some(want) = content_want(i)
            && Some(i) != first
            && cols[i].short > 0
        {
            grow(i, want.min(cols[i].short), &mut widths);
        }
    }
    // Then the main column to half again what it reads in, and the others that read in
    // a width of their own (Indicators' Scope) to it, before the main column takes more:
    // zoomed at 120 the scope was cut to "Brand j…" beside names of 53, and at 80 a
    // scope of 20 cut "Shuibei gold price (17 Oct 2025)" in its 32.
    if let Some(m) = first
        && let Some(want) = content_want(m)
        && cols[m].readable > 0
    {
        grow(m, want.min(cols[m].readable + cols[m].readable / 2), &mut widths);
    }
    for &i in &by_priority {
        if let Some(want) = content_want(i)
            && Some(i) != first
            && cols[i].readable > 0
        {
            grow(i, want.min(cols[i].readable), &mut widths);
        }
    }
    for &i in &by_priority {
        if let Some(want) = content_want(i) {
            grow(i, want, &mut widths);
        }
    }
    let weights: u32 = cols
        .iter()
        .zip(shown)
        .filter_map(|(c, s)| match (c.width, *s) {
            (Width::Fill { weight, .. }, true) => Some(u32::from(weight)),
            _ => None,
        })
        .sum();
    let last_fill = (0..cols.len())
        .rev()
        .find(|i| shown[*i] && matches!(cols[*i].width, Width::Fill { .. }));
    if let Some(last) = last_fill {
        let mut given = 0;
        for (i, c) in cols.iter().enumerate() {
            if let (Width::Fill { weight, .. }, true) = (c.width, shown[i]) {
                let part = u16::try_from(u32::from(spare) * u32::from(weight) / weights).unwrap_or(0);
                widths[i] += part;
                given += part;
            }
        }
        widths[last] += spare - given;
    } else if let Some(&first) = by_priority.first()
        && matches!(cols[first].width, Width::Content { .. })
    {
        // No column fills: the most important content column takes the rest.
        widths[first] += spare;
    }
    widths
}

#[cfg(test)]
mod tests;
