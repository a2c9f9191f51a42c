//! Dates in a query, written out as the terms the engine matches (it compares text, so a
//! range is the values that lie in it): `year:2024..2026` is each year; `date:A..B` (and
//! `founded:`) the years, months and days between A and B, and the dates known only to
//! the year or month that overlap it. A date field's value is checked here too, so that
//! one no date can have (`date:2025-13`, `date:soon`) is said, not silently matched
//! against nothing. Text in, text out, but for [`date_terms`], which makes the terms.

use super::super::fields::{self, Field};
use super::super::scope::Scope;
use super::term::{Mode, Term, modifiers, term};
use super::tokens::split_field;
use crate::data::model::{Date, RecordKind};

/// A date written the Chinese way at the start of a word, `2024年`, `2025年10月`,
/// `2026年1月20日`, as the `date:` term of that year, month or day, and what follows it in
/// the word (`2025年金价`: `date:2025` and `金价`). `None` for anything else, a month
/// or day that no date has included.
pub(super) fn written_date(word: &str) -> Option<(String, &str)> {
    let number = |s: &str, unit: char| -> Option<(u16, usize)> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &s[digits..];
        (digits > 0 && digits <= 4 && rest.starts_with(unit))
            .then(|| s[..digits].parse().ok().map(|n| (n, digits + unit.len_utf8())))
            .flatten()
    };
    let (year, mut at) = number(word, '年').filter(|(y, n)| *n == 4 + '年'.len_utf8() && (1900..=2100).contains(y))?;
    let mut date = format!("date:{year}");
    if let Some((month, n)) = number(&word[at..], '月').filter(|(m, _)| (1..=12).contains(m)) {
        at += n;
        date.push_str(&format!("-{month:02}"));
        if let Some((day, n)) = number(&word[at..], '日').filter(|(d, _)| (1..=31).contains(d)) {
            at += n;
            date.push_str(&format!("-{day:02}"));
        }
    }
    Some((date, &word[at..]))
}

/// The most years a `year:` range may span.
pub(super) const MOST_YEARS: u16 = 500;

/// A `year:` term that is not a year: `year:2024..2026` (or `2024-2026`) as the terms of
/// each year, `Err` with what to write for anything else that is not digits (digits are
/// matched as typed, so `year:202` still finds the 2020s). `None` for other terms.
pub(super) fn year_range(token: &str) -> Option<Result<Vec<String>, String>> {
    let negated = token.starts_with('!');
    let (name, value) = split_field(token.trim_start_matches('!'))?;
    // Digits are matched as typed; `^`, `'` and `$` say how (`year:^200`).
    let plain = |v: &str| v.bytes().all(|b| b.is_ascii_digit() || b == b'|');
    if !name.eq_ignore_ascii_case("year") || value.is_empty() || plain(value) || plain(unmarked(value)) {
        return None;
    }
    if negated {
        return Some(Err(format!(
            "a range of years cannot be left out as one: write each year, `!year:2024 !year:2025`, not `!year:{value}`"
        )));
    }
    let range = value
        .split_once("..")
        .or_else(|| value.split_once('-'))
        .or_else(|| value.split_once('\u{2013}'));
    let years = range.and_then(|(from, to)| {
        let year = |y: &str| (y.len() == 4).then(|| y.parse::<u16>().ok()).flatten();
        let (from, to) = (year(from)?, year(to)?);
        (from <= to && to - from < MOST_YEARS).then(|| (from..=to).map(|y| format!("year:{y}")).collect())
    });
    Some(years.ok_or_else(|| {
        format!(
            "`year:` takes a year (`year:2024`) or a range of up to {MOST_YEARS} years, earliest first (`year:2024..2026`), not `{value}`"
        )
    }))
}

/// A term of a date field (`date:`, `founded:`) with a range, as its alternatives
/// (`dates::Piece`): the record's year for whole years (`year:` reads no label), its date
/// as shown for months and days. `Err` says a value no date can have; `None` for another
/// term, or a date matched as typed.
pub(super) fn date_terms(token: &str, scope: Scope) -> Option<Result<Vec<Term>, String>> {
    let negated = token.starts_with('!');
    let (name, value) = split_field(token.strip_prefix('!').unwrap_or(token))?;
    let lower = name.to_ascii_lowercase();
    let dated =
        |k: RecordKind| fields::spec(k, &lower).is_some_and(|s| matches!(s.field, Field::Date | Field::Founded));
    let kinds = scope.kinds();
    if !kinds.iter().copied().any(dated) {
        return None;
    }
    let pieces = match date_value(&lower, value, negated) {
        Ok(pieces) => pieces?,
        Err(note) => return Some(Err(note)),
    };
    let per_kind = |field: &str| {
        RecordKind::ALL.map(|k| {
            if kinds.contains(&k) && dated(k) {
                fields::spec(k, field)
            } else {
                None
            }
        })
    };
    let (date, year) = (Some(per_kind(&lower)), Some(per_kind("year")));
    let flat = pieces.len() > 1;
    let terms = pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Year(digits) => term(&digits, Mode::Prefix, false, year),
            Piece::Starts(text) => term(&text, Mode::Prefix, false, date),
            Piece::Whole(text) => term(&text, Mode::Whole, false, date),
            Piece::Typed(text) => {
                let (mode, body) = modifiers(&text);
                term(body, mode, false, date)
            }
        })
        .map(|t| Term { flat, ..t })
        .collect();
    Some(Ok(terms))
}

/// A value without the marks that say how it matches (`'`, `^`, `$`; see `modifiers`).
fn unmarked(value: &str) -> &str {
    let value = value.strip_prefix('\'').unwrap_or(value);
    let value = value.strip_prefix('^').unwrap_or(value);
    value.strip_suffix('$').unwrap_or(value)
}

/// What a date field's value stands for, for the parser to make terms of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// The record's year starts with these digits (`year:` reads the date's year alone,
    /// never a label): every date of those years, at any precision. `2` is 2000–2999.
    Year(String),
    /// The date as shown starts with this: `2025-1` is October to December 2025, `2025-10-0`
    /// the first nine days of October, each to the month or the day.
    Starts(String),
    /// The date as shown is this: a date known only to the year or the month that
    /// overlaps the range without lying in it (an event of "2025" may be of October).
    Whole(String),
    /// A value of a `|` list that is no range, matched as typed (`date:2024|2025-10..`).
    Typed(String),
}

/// The value of a date field (`date:`, `founded:`, named `field`): `Ok(None)` when it is
/// matched as typed (a date, or the start of one as it is typed: `2025-1`); its pieces
/// when it has a range; `Err` with what is wrong and what to write otherwise.
pub(super) fn date_value(field: &str, value: &str, negated: bool) -> Result<Option<Vec<Piece>>, String> {
    let ranged = |part: &str| part.contains("..") || part.contains('\u{2013}');
    let parts: Vec<&str> = value.split('|').filter(|p| !p.is_empty()).collect();
    let said = |why: String| {
        format!(
            "{why}; `{field}:` takes YYYY, YYYY-MM or YYYY-MM-DD, or a range of them, earliest first: \
             `{field}:2025-10..2026-03`, `{field}:2025..`, `{field}:..2024`"
        )
    };
    if negated && parts.iter().any(|p| ranged(p)) {
        return Err(format!(
            "a range of dates cannot be left out as one: write each, `!{field}:2024 !{field}:2025`, not `!{field}:{value}`"
        ));
    }
    let mut pieces = Vec::new();
    for part in &parts {
        if ranged(part) {
            pieces.extend(range(part).map_err(said)?);
        } else {
            typed(part).map_err(said)?;
            pieces.push(Piece::Typed((*part).to_owned()));
        }
    }
    Ok(parts.iter().any(|p| ranged(p)).then_some(pieces))
}

/// Why a value matched as typed can be no date's start, if it cannot: digits and hyphens
/// in the shape YYYY-MM-DD, each part a value that exists (`2025-1` may become October;
/// `2025-3` is no month as dates are written, `2025-03` is).
fn typed(part: &str) -> Result<(), String> {
    let body = unmarked(part);
    let shape = || format!("`{part}` is not a date");
    if body.is_empty() {
        // `modifiers` in the parent says what a lone mark needs.
        return Ok(());
    }
    if !body.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return Err(shape());
    }
    let segments: Vec<&str> = body.split('-').collect();
    let (year, month, day) = (segments[0], segments.get(1).copied(), segments.get(2).copied());
    if segments.len() > 3 || year.is_empty() || year.len() > 4 || (month.is_some() && year.len() < 4) {
        return Err(shape());
    }
    if year == "0000" {
        return Err(format!("there is no year 0000 (`{part}`)"));
    }
    let Some(month) = month.filter(|m| !m.is_empty()) else {
        return if day.is_some() { Err(shape()) } else { Ok(()) };
    };
    let two = |what: &str, digit: &str, typed: &str| {
        format!(
            "a {what} is two digits, `{typed}` is `{}0{digit}`",
            &typed[..typed.len() - digit.len()]
        )
    };
    match month.len() {
        1 if month > "1" => return Err(two("month", month, body)),
        1 if day.is_some() => return Err(shape()),
        2 if !("01"..="12").contains(&month) => return Err(format!("month must be 01 to 12 in `{part}`")),
        1 | 2 => {}
        _ => return Err(shape()),
    }
    let Some(day) = day.filter(|d| !d.is_empty()) else {
        return Ok(());
    };
    let last = last_day(&body[..7]);
    match day.len() {
        1 if day.as_bytes()[0] - b'0' > last / 10 => Err(two("day", day, body)),
        2 if day == "00" || day.parse::<u8>().map_or(true, |d| d > last) => {
            Err(format!("day must be 01 to {last:02} in `{part}`"))
        }
        1 | 2 => Ok(()),
        _ => Err(shape()),
    }
}

/// The last day of a month written `YYYY-MM`.
fn last_day(month: &str) -> u8 {
    (28..=31)
        .rev()
        .find(|d| Date::parse(&format!("{month}-{d}")).is_ok())
        .unwrap_or(28)
}

/// A whole date at its precision: `2025` is 2025-01-01 to 2025-12-31.
fn end_of(text: &str, end: bool) -> Result<(u16, u8, u8), String> {
    if text.starts_with(['^', '\'']) || text.ends_with('$') {
        return Err(format!(
            "a range takes dates as they are, without `^`, `'` or `$`: `{text}`"
        ));
    }
    if text.len() != 4 && text.len() != 7 && text.len() != 10 {
        typed(text)?;
        return Err(format!("`{text}` is not a whole date (YYYY, YYYY-MM or YYYY-MM-DD)"));
    }
    typed(text)?;
    let date = Date::parse(text)?;
    let month = date.month().unwrap_or(if end { 12 } else { 1 });
    let day = match date.day() {
        Some(d) => d,
        None if end => last_day(&format!("{:04}-{month:02}", date.year())),
        None => 1,
    };
    Ok((date.year(), month, day))
}

/// The pieces of a range `A..B` (or `A–B`), either end open.
fn range(part: &str) -> Result<Vec<Piece>, String> {
    let (from, to) = part
        .split_once("..")
        .or_else(|| part.split_once('\u{2013}'))
        .unwrap_or((part, ""));
    if to.contains("..") || to.contains('\u{2013}') {
        return Err(format!("`{part}` has more than two ends"));
    }
    if from.is_empty() && to.is_empty() {
        return Err("a range needs a date on one side at least".to_owned());
    }
    // An open start is the year 0 (no date has it), an open end the last day there is.
    let lo = if from.is_empty() {
        (0, 1, 1)
    } else {
        end_of(from, false)?
    };
    let hi = if to.is_empty() {
        (9999, 12, 31)
    } else {
        end_of(to, true)?
    };
    if lo > hi {
        return Err(format!("`{part}` ends before it starts: write `{to}..{from}`"));
    }
    Ok(pieces(lo, hi))
}

/// The pieces matching every date from `lo` to `hi` (days, both included), at any
/// precision that overlaps them: the fewest prefixes of the dates' digits (YYYYMMDD), as
/// years, months and days, then the year and month of each end when a date known only to
/// them is not matched already.
fn pieces(lo: (u16, u8, u8), hi: (u16, u8, u8)) -> Vec<Piece> {
    // A range from a month's first day takes in its day 00, which no date has, and one to
    // the last day the days to 99: prefixes then stop at the month (the same for years).
    let low = match lo {
        (y, 1, 1) => format!("{y:04}0000"),
        (y, m, 1) => format!("{y:04}{m:02}00"),
        (y, m, d) => format!("{y:04}{m:02}{d:02}"),
    };
    let last = |y: u16, m: u8| last_day(&format!("{y:04}-{m:02}"));
    let high = match hi {
        (y, 12, d) if d == last(y, 12) => format!("{y:04}9999"),
        (y, m, d) if d == last(y, m) => format!("{y:04}{m:02}99"),
        (y, m, d) => format!("{y:04}{m:02}{d:02}"),
    };
    let prefixes: Vec<String> = digit_cover(&low, &high)
        .into_iter()
        .filter(|p| {
            // Months 00 and 13–19, day 00: the padding above, no date's.
            let month_ok = match p.len() {
                0..=4 => true,
                5 => p.as_bytes()[4] <= b'1',
                _ => ("01"..="12").contains(&&p[4..6]),
            };
            let last = || last_day(&format!("{}-{}", &p[..4], &p[4..6]));
            let day_ok = match p.len() {
                7 => p.as_bytes()[6] - b'0' <= last() / 10,
                8 => &p[6..8] != "00" && p[6..8].parse::<u8>().is_ok_and(|d| d <= last()),
                _ => true,
            };
            month_ok && (p.len() < 7 || day_ok)
        })
        .collect();
    let covered = |digits: &str| {
        prefixes
            .iter()
            .any(|p| p.len() <= digits.len() && digits.starts_with(p.as_str()))
    };
    let mut out: Vec<Piece> = prefixes
        .iter()
        .flat_map(|p| match p.len() {
            // Every year there is (`..9999`): a term needs a char.
            0 => (0..=9).map(|d| Piece::Year(d.to_string())).collect(),
            _ => vec![piece(p)],
        })
        .collect();
    for (y, m, _) in [lo, hi] {
        let (year, month) = (format!("{y:04}"), format!("{y:04}-{m:02}"));
        if !covered(&year) && y > 0 && !out.contains(&Piece::Whole(year.clone())) {
            out.push(Piece::Whole(year));
        }
        if !covered(&month.replace('-', "")) && y > 0 && !out.contains(&Piece::Whole(month.clone())) {
            out.push(Piece::Whole(month));
        }
    }
    out
}

/// The piece a prefix of a date's digits (YYYYMMDD) stands for.
fn piece(p: &str) -> Piece {
    match p.len() {
        0..=4 => Piece::Year(p.to_owned()),
        5 | 6 => Piece::Starts(format!("{}-{}", &p[..4], &p[4..])),
        _ => Piece::Starts(format!("{}-{}-{}", &p[..4], &p[4..6], &p[6..])),
    }
}

/// The fewest prefixes that every string of digits from `lo` to `hi` (of one length,
/// both included) starts with one of, and no other string: `2026`–`2999` is `2026`–`2029`,
/// `203`–`209`, `21`–`29`.
fn digit_cover(lo: &str, hi: &str) -> Vec<String> {
    if lo == hi {
        return vec![lo.to_owned()];
    }
    if lo.bytes().all(|b| b == b'0') && hi.bytes().all(|b| b == b'9') {
        return vec![String::new()];
    }
    let (a, b) = (lo.as_bytes()[0], hi.as_bytes()[0]);
    let rest = lo.len() - 1;
    let under = |c: u8, list: Vec<String>| -> Vec<String> {
        list.into_iter().map(|s| format!("{}{s}", char::from(c))).collect()
    };
    if a == b {
        return under(a, digit_cover(&lo[1..], &hi[1..]));
    }
    let mut out = under(a, digit_cover(&lo[1..], &"9".repeat(rest)));
    out.extend((a + 1..b).map(|c| char::from(c).to_string()));
    out.extend(under(b, digit_cover(&"0".repeat(rest), &hi[1..])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(value: &str) -> Vec<String> {
        date_value("date", value, false)
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|p| match p {
                Piece::Year(y) => format!("year:{y}"),
                Piece::Starts(s) => format!("^{s}"),
                Piece::Whole(w) => format!("^{w}$"),
                Piece::Typed(t) => t,
            })
            .collect()
    }

    #[test]
    fn a_range_is_the_fewest_prefixes_and_the_coarse_dates_that_overlap() {
        assert_eq!(
            shown("2025-10..2026-03"),
            ["^2025-1", "^2026-01", "^2026-02", "^2026-03", "^2025$", "^2026$"]
        );
        // A whole year is the year, as `year:2025` is.
        assert_eq!(shown("2025..2025"), ["year:2025"]);
        assert_eq!(shown("2024..2026"), ["year:2024", "year:2025", "year:2026"]);
        assert_eq!(shown("2025-10-05..2025-10-05"), ["^2025-10-05", "^2025$", "^2025-10$"]);
        assert_eq!(
            shown("2025-10-28..2025-11-02"),
            [
                "^2025-10-28",
                "^2025-10-29",
                "^2025-10-3",
                "^2025-11-01",
                "^2025-11-02",
                "^2025$",
                "^2025-10$",
                "^2025-11$"
            ]
        );
        // Open ends: from the first date there is, to the last.
        assert_eq!(
            shown("..2024"),
            [
                "year:0",
                "year:1",
                "year:200",
                "year:201",
                "year:2020",
                "year:2021",
                "year:2022",
                "year:2023",
                "year:2024"
            ]
        );
        let on = shown("2025-10..");
        assert_eq!(&on[..3], ["^2025-1", "year:2026", "year:2027"]);
        assert!(
            on.contains(&"year:3".to_owned()) && on.contains(&"^2025$".to_owned()),
            "{on:?}"
        );
        assert_eq!(shown("2025-10\u{2013}2026-03"), shown("2025-10..2026-03"));
        assert_eq!(
            shown("2024|2025-12.."),
            [
                "2024",
                "^2025-12",
                "year:2026",
                "year:2027",
                "year:2028",
                "year:2029",
                "year:203",
                "year:204",
                "year:205",
                "year:206",
                "year:207",
                "year:208",
                "year:209",
                "year:21",
                "year:22",
                "year:23",
                "year:24",
                "year:25",
                "year:26",
                "year:27",
                "year:28",
                "year:29",
                "year:3",
                "year:4",
                "year:5",
                "year:6",
                "year:7",
                "year:8",
                "year:9",
                "^2025$"
            ]
        );
    }

    #[test]
    fn a_date_written_the_chinese_way_is_read_with_what_follows() {
        let read = |w: &str| written_date(w).map(|(d, rest)| (d, rest.to_owned()));
        assert_eq!(read("2024年"), Some(("date:2024".into(), String::new())));
        assert_eq!(read("2025年10月"), Some(("date:2025-10".into(), String::new())));
        assert_eq!(read("2026年1月20日"), Some(("date:2026-01-20".into(), String::new())));
        assert_eq!(read("2025年金价"), Some(("date:2025".into(), "金价".into())));
        // A month no year has stays text after the year.
        assert_eq!(read("2025年13月"), Some(("date:2025".into(), "13月".into())));
        for word in ["202年", "12024年", "1800年", "2024", "年", "金价2024年"] {
            assert_eq!(read(word), None, "{word}");
        }
    }

    #[test]
    fn february_ends_on_its_last_day() {
        assert_eq!(shown("2024-02..2024-02"), ["^2024-02", "^2024$"]);
        assert_eq!(shown("2024-02-20..2024-02-29"), ["^2024-02-2", "^2024$", "^2024-02$"]);
    }

    #[test]
    fn a_date_as_typed_is_checked_not_rewritten() {
        for ok in [
            "2025",
            "202",
            "2",
            "2025-",
            "2025-1",
            "2025-10",
            "2025-10-",
            "2025-10-3",
            "2025-02-28",
            "^2025",
            "'2025-10",
            "2025$",
            "2024|2025",
        ] {
            assert_eq!(date_value("date", ok, false), Ok(None), "{ok}");
        }
        for (bad, why) in [
            ("2025-13", "month must be 01 to 12 in `2025-13`"),
            ("2025-00", "month must be 01 to 12"),
            ("2025-3", "a month is two digits, `2025-3` is `2025-03`"),
            ("2025-02-30", "day must be 01 to 28 in `2025-02-30`"),
            ("2025-02-3", "a day is two digits, `2025-02-3` is `2025-02-03`"),
            ("soon", "`soon` is not a date"),
            ("0000", "there is no year 0000"),
            ("20251", "`20251` is not a date"),
            ("2025-1-5", "`2025-1-5` is not a date"),
            ("2025/10", "`2025/10` is not a date"),
            ("2024|soon", "`soon` is not a date"),
        ] {
            let said = date_value("date", bad, false).unwrap_err();
            assert!(said.starts_with(why), "{bad}: {said}");
            assert!(
                said.ends_with("`date:2025-10..2026-03`, `date:2025..`, `date:..2024`"),
                "{said}"
            );
        }
    }

    #[test]
    fn a_bad_range_says_what_is_wrong() {
        for (bad, why) in [
            ("2026..2025", "`2026..2025` ends before it starts: write `2025..2026`"),
            ("2025-13..2026", "month must be 01 to 12 in `2025-13`"),
            ("..", "a range needs a date on one side at least"),
            ("202..2025", "`202` is not a whole date"),
            ("soon..", "`soon` is not a date"),
            ("^2025..2026", "a range takes dates as they are"),
            ("2025..2026..2027", "`2025..2026..2027` has more than two ends"),
        ] {
            let said = date_value("founded", bad, false).unwrap_err();
            assert!(said.starts_with(why), "{bad}: {said}");
            assert!(said.contains("`founded:` takes YYYY"), "{said}");
        }
        let said = date_value("date", "2025..2026", true).unwrap_err();
        assert!(said.starts_with("a range of dates cannot be left out as one"), "{said}");
        assert_eq!(date_value("date", "2025", true), Ok(None));
    }

    #[test]
    fn digit_prefixes_cover_a_range_exactly() {
        assert_eq!(
            digit_cover("2026", "2999"),
            [
                "2026", "2027", "2028", "2029", "203", "204", "205", "206", "207", "208", "209", "21", "22", "23",
                "24", "25", "26", "27", "28", "29"
            ]
        );
        assert_eq!(digit_cover("0000", "9999"), [""]);
        assert_eq!(digit_cover("15", "15"), ["15"]);
        // Every string in range has exactly one prefix, and none outside has any.
        let cover = digit_cover("0137", "0862");
        for n in 0..1000 {
            let s = format!("{n:04}");
            let count = cover.iter().filter(|p| s.starts_with(p.as_str())).count();
            assert_eq!(count, usize::from(("0137"..="0862").contains(&s.as_str())), "{s}");
        }
    }
}
