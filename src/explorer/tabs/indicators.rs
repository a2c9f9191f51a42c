//! The Indicators tab: each figure as a person reads it, with its date, scope and group;
//! figures sort by value (within a unit) and dates by date. Names get the width they need
//! before figures get more than theirs. The detail's chart is in `ui::chart`.

use rayon::slice::ParallelSliceMut;

use super::column::{Column, SRC, SRC_WIDTH, Width, col, sparse};
use unicode_width::UnicodeWidthStr;

use crate::data::db::Db;
use crate::data::model::{Date, Indicator};
use crate::data::present;

pub(super) const COLUMNS: &[Column] = &[
    // 27: a cut name keeps its last parenthesis, "Shuibei… (3 Nov 2025, noon)". Up to 64
    // on a wide screen (three in four names): half are over 50 ("Share of China's gold jewelry
    // pi… (2012)" was cut at 160 columns beside a Scope of 40). Not 28: at 120 columns
    // with the detail open that column cut a range ("1,494–1,500 yuan…").
    col("Indicator", Width::Content { min: 14, max: 64 }, true, 10).reads_in(27),
    // As wide as the widest figure on screen (areas need 12); ">10,000 enterprises" in its
    // short form (18) before the name reads, whole after; a unit cut short (">1,300
    // enterp.") only on a narrow screen.
    col("Value", Width::Content { min: 14, max: 28 }, true, 9).short_in(18),
    col("As of", Width::Whole { max: 10 }, true, 8),
    // What tells Shuibei's prices from the brand stores': 20 ("Brand jewelry stores")
    // before the name grows past what it reads in (zoomed at 120 it was cut to
    // "Brand j…" beside a name of 53).
    sparse("Scope", Width::Content { min: 8, max: 32 }, true, 6).reads_in(20),
    // Hidden before it is cut ("Enter…" told no group from another at 80 columns), and
    // shown only in room the names do not want: it repeats "Gold prices" down the list.
    sparse("Group", Width::Whole { max: 18 }, true, 5).in_spare_room(),
    col(SRC, SRC_WIDTH, true, 7),
];

pub const VALUE: usize = 1;
pub(super) const AS_OF: usize = 2;

pub(super) fn cell(db: &Db, i: usize, column: usize) -> String {
    let ind = &db.indicators()[i];
    match column {
        0 => ind.name.to_string(),
        VALUE => present::figure(ind),
        AS_OF => ind.as_of.to_string(),
        3 => ind.scope.as_deref().unwrap_or("").to_owned(),
        _ => ind.group.as_deref().unwrap_or("").to_owned(),
    }
}

/// A figure in a Value column `width` wide too narrow for its words ("more than 10
/// bill…"): as the Overview writes it (">10 billion yuan"), its unit and size whole;
/// then with millions and billions short ("211.388 mn yuan"); then with its unit cut
/// short and marked by a full stop (">1,000 individual bus."), to `letters` when the
/// rows on screen agreed on them ([`values_on_screen`]), so its size stays whole and
/// its unit still says what is counted. Else the Overview's form, for the column to cut.
#[must_use]
pub fn value_within(ind: &Indicator, width: usize, letters: Option<usize>) -> String {
    let short = present::short_figure(ind);
    if short.width() <= width {
        return short;
    }
    // "211.388 million yuan" in 19: "211.388 mn yuan", its unit whole.
    let scaled = short.replace(" million ", " mn ").replace(" billion ", " bn ");
    if scaled.width() <= width {
        return scaled;
    }
    unit_room(ind, width)
        .map(|room| letters.map_or(room, |l| l.min(room)))
        .and_then(|room| abbreviated_unit(ind, room))
        .unwrap_or(short)
}

/// The letters of its unit a figure keeps in `width` columns after its size, a space and
/// the full stop; `None` for a unit of a sign or a word too short to cut, or under 3.
fn unit_room(ind: &Indicator, width: usize) -> Option<usize> {
    let unit = ind.unit.trim();
    let room = width.checked_sub(present::amount(ind).width() + 2)?;
    (room >= 3 && unit.chars().count() > room).then_some(room)
}

/// The figure with its unit cut to `letters`: ">1,000 individual bus."; `None` for a
/// unit of a sign.
fn abbreviated_unit(ind: &Indicator, letters: usize) -> Option<String> {
    let unit = ind.unit.trim();
    if !unit.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return None;
    }
    let cut: String = unit.chars().take(letters).collect();
    Some(format!("{} {}.", present::amount(ind), cut.trim_end()))
}

/// The Value cells of the figures `rows` (indicator indices) in a column `width` wide,
/// a unit cut the same way on every row that must cut it: to the letters the row with
/// the widest size leaves. Cut row by row, one list read "~2,100 enterp.", "3,600
/// enterpr.", "~10 enterpris." and ">10,000 enter." (a trial at 100×30): now each says
/// "enter.". A row whose figure fits keeps its unit whole ("8 enterprises").
#[must_use]
pub fn values_on_screen(db: &Db, rows: &[u32], width: usize) -> Vec<String> {
    let figures: Vec<&Indicator> = rows.iter().filter_map(|r| db.indicators().get(*r as usize)).collect();
    // A figure whose words, short form and scaled form are all too wide: its unit is cut.
    let cut_here = |ind: &Indicator| {
        let short = present::short_figure(ind);
        present::figure(ind).width() > width
            && short.width() > width
            && short.replace(" million ", " mn ").replace(" billion ", " bn ").width() > width
    };
    // The letters each unit keeps: the fewest any row cutting it on screen can give.
    let mut letters: Vec<(&str, usize)> = Vec::new();
    for ind in figures.iter().filter(|ind| cut_here(ind)) {
        let Some(room) = unit_room(ind, width) else {
            continue;
        };
        let unit = ind.unit.trim();
        match letters.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, l)) => *l = (*l).min(room),
            None => letters.push((unit, room)),
        }
    }
    figures
        .iter()
        .map(|ind| {
            let words = present::figure(ind);
            if words.width() <= width {
                return words;
            }
            let cut = letters.iter().find(|(u, _)| *u == ind.unit.trim()).map(|(_, l)| *l);
            value_within(ind, width, cut)
        })
        .collect()
}

/// A figure's name in `width` columns when it does not fit: its head cut and its last
/// parenthesis kept ("Gold and jewelry e… (March 2025)"), since that is what tells the
/// figures of one series apart. Its months are written in three letters ("Shuibei gol… (3 Feb 2026, 14:30)": the two
/// prices of one day told apart by their times, which a cut in the parenthesis lost;
/// its year stays, as without it "(end of 2006)" says nothing). With the characters kept of
/// the head and of the tail (none of a tail written shorter: the query's marks are not
/// carried into it). A name whose months written short make it fit is kept whole
/// ("Shuibei gold price (17 Oct 2025)" in 32), its head uncut and its day kept; `None`
/// when the name fits as written, or has no such tail, or the head would
/// keep under 8 however short the tail; under 6 for a tail that begins with a day
/// ("Shuibe… (3 Feb 2026, 14:30)" in 27 columns: a series' rows of one day differ only
/// in their times).
///
/// `dated`: the figure's date as the row's As of column shows it. A parenthesis that
/// begins with that day leaves it out ("Shuibei gold price (noon)" beside 2025-11-03,
/// "Shuibei jewelry-gold pr…" beside 2025-04-21): at 100 columns with the detail open
/// the name has 16, and every price read "Shuibei gold pr…" (trial helper-143).
#[must_use]
pub fn name_within(name: &str, width: usize, dated: Option<Date>) -> Option<(String, usize, usize)> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if name.width() <= width || !name.ends_with(')') {
        return None;
    }
    let at = name.rfind(" (")?;
    let whole = &name[at..];
    // A name that fits with its months written short is shown whole: leaving out the day
    // would cut "Shuibei gold price (17 Oct 2025)" to "Shuibei gold price…" in the 32
    // columns that hold it, where "(17 Oct 2025)" tells its row from the series' others.
    let short = short_months(whole);
    if name[..at].width() + short.width() <= width {
        return Some((format!("{}{short}", &name[..at]), name[..at].chars().count(), 0));
    }
    // Months short whenever the name is cut: "Jan" says what "January" does, and the
    // head keeps more of what the figure is ("Shuibei gold-b…").
    let tail = dated.and_then(|d| without_day(whole, d)).unwrap_or(short);
    // A tail that begins with a day or a time ("(3 Feb 2026, 14:30)", "(14:30)") tells
    // a series' rows apart by itself, so the head may be shorter than for "(Ta Kung
    // Pao, Oct 2025)".
    let least = if tail
        .get(2..)
        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
    {
        6
    } else {
        8
    };
    let (tail, room) = [tail].into_iter().find_map(|tail| {
        let room = width.checked_sub(tail.width() + 1).filter(|r| *r >= least)?;
        Some((tail, room))
    })?;
    let mut head = String::new();
    let mut used = 0;
    for c in name[..at].chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        head.push(c);
    }
    let head = head.trim_end().to_owned();
    let kept = head.chars().count();
    let tail_kept = if tail == whole { tail.chars().count() } else { 0 };
    Some((format!("{head}…{tail}"), kept, tail_kept))
}

/// A name's last parenthesis (" (3 November 2025, noon)") without the day `dated` names,
/// which the As of column shows beside it: " (noon)", or nothing when that day was all
/// it held. `None` when it does not begin with that day.
fn without_day(tail: &str, dated: Date) -> Option<String> {
    let (Some(day), Some(month)) = (dated.day(), dated.month()) else {
        return None;
    };
    let month = crate::data::present::MONTHS.get(usize::from(month).checked_sub(1)?)?;
    let day = format!("{day} {month} {}", dated.year());
    let inner = tail.strip_prefix(" (")?.strip_suffix(')')?;
    if inner == day {
        return Some(String::new());
    }
    inner
        .strip_prefix(&day)?
        .strip_prefix(", ")
        .map(|rest| format!(" ({rest})"))
}

/// English month names in three letters (`February` → `Feb`, `Sept` → `Sep`).
fn short_months(text: &str) -> String {
    let mut out = text.to_owned();
    for month in crate::data::present::MONTHS {
        out = out.replace(month, &month[..3]);
    }
    out.replace("Sept ", "Sep ")
}

/// Columns ordered by value rather than text; returns whether it sorted.
pub(super) fn sort(db: &Db, column: usize, rows: &mut [u32]) -> bool {
    let all = db.indicators();
    match column {
        VALUE => rows.par_sort_by(|a, b| {
            let (x, y) = (&all[*a as usize], &all[*b as usize]);
            x.unit.cmp(&y.unit).then(x.value.total_cmp(&y.value))
        }),
        AS_OF => rows.par_sort_by_key(|i| all[*i as usize].as_of),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of one series differ at their end: a narrow column keeps it.
    #[test]
    fn a_cut_name_keeps_its_last_parenthesis() {
        let name = "Gold and jewelry enterprises in Shuibei (March 2025)";
        let (text, head, tail) = name_within(name, 32, None).unwrap();
        assert_eq!(text, "Gold and jewelry ent… (Mar 2025)");
        assert_eq!((head, tail), (20, 0), "no marks carried into a month written short");
        let (_, _, tail) = name_within("Gold and jewelry enterprises in Shuibei (2025)", 32, None).unwrap();
        assert_eq!(tail, 7, "a parenthesis as written keeps its marks");
        assert!(name_within(name, 60, None).is_none(), "it fits");
        assert!(name_within("Core area of the Shuibei jewelry base", 20, None).is_none());
        // Too narrow for the whole parenthesis: its month short.
        assert_eq!(name_within(name, 20, None).unwrap().0, "Gold and… (Mar 2025)");
        assert!(name_within(name, 19, None).is_none(), "the head would keep under 8");
    }

    /// Two prices of one day differ by the time in their parenthesis: a narrow column
    /// writes it shorter rather than cut it (trial helper-130 saw two rows alike).
    #[test]
    fn a_long_parenthesis_is_written_shorter_not_cut() {
        let name = "Shuibei gold-jewelry price (3 February 2026, 14:30)";
        let (text, head, tail) = name_within(name, 32, None).unwrap();
        assert_eq!(text, "Shuibei gol… (3 Feb 2026, 14:30)");
        assert_eq!(tail, 0, "no marks carried into a tail written shorter");
        assert_eq!(head, 11);
        assert_eq!(name_within(name, 27, None).unwrap().0, "Shuibe… (3 Feb 2026, 14:30)");
        assert!(name_within(name, 26, None).is_none(), "too narrow: cut as any text");
        let (text, _, _) = name_within("Shuibei gold price (end of January 2026)", 30, None).unwrap();
        assert_eq!(text, "Shuibei gol… (end of Jan 2026)");
    }

    /// Beside the As of column the day in a parenthesis says nothing new: at 16 columns
    /// (100 wide, the detail open) two prices of one day are told apart by their times.
    #[test]
    fn a_cut_name_leaves_out_the_day_its_date_column_shows() {
        let day = |s: &str| Date::parse(s).ok();
        let noon = "Shuibei gold price (3 November 2025, noon)";
        assert_eq!(name_within(noon, 16, day("2025-11-03")).unwrap().0, "Shuibei… (noon)");
        let (text, head, tail) =
            name_within("Shuibei gold price (3 February 2026, 14:30)", 16, day("2026-02-03")).unwrap();
        assert_eq!((text.as_str(), head, tail), ("Shuibei… (14:30)", 7, 0));
        let whole_day = "Shuibei jewelry-gold price (21 April 2025)";
        assert_eq!(
            name_within(whole_day, 16, day("2025-04-21")).unwrap().0,
            "Shuibei jewelry…"
        );
        // Another day, or none, is kept as before.
        assert_eq!(
            name_within(noon, 32, day("2025-11-04")).unwrap().0,
            "Shuibei gold… (3 Nov 2025, noon)"
        );
        assert_eq!(
            name_within(noon, 32, None).unwrap().0,
            "Shuibei gold… (3 Nov 2025, noon)"
        );
    }

    /// A name that fits once its month is written short keeps its day, though the As of
    /// column shows it: at 80 columns the Indicators column has 32, and the name read
    /// "Shuibei gold price…" beside names that kept theirs.
    #[test]
    fn a_name_that_fits_with_its_month_short_is_not_cut() {
        let day = |s: &str| Date::parse(s).ok();
        let name = "Shuibei gold price (17 October 2025)";
        let (text, head, tail) = name_within(name, 32, day("2025-10-17")).unwrap();
        assert_eq!(text, "Shuibei gold price (17 Oct 2025)");
        assert_eq!(
            (head, tail),
            (18, 0),
            "the head's marks kept, none carried into the short tail"
        );
        assert_eq!(
            name_within(name, 32, None).unwrap().0,
            "Shuibei gold price (17 Oct 2025)"
        );
        // One column fewer: cut as before, the day the As of column shows left out.
        assert_eq!(
            name_within(name, 31, day("2025-10-17")).unwrap().0,
            "Shuibei gold price…"
        );
    }
}
