//! Whether an event's date says what its label says. A label is free text where the
//! date is fuzzy ("Mid-to-late 1990s", "From about 20–21 January 2026"), and the date
//! beside it only orders the timeline; where the date stands in for such a label (the
//! explorer's narrow Date column, an export's date cell) it must not pass for exact.

use crate::data::model::Date;

/// The English months' names, January first, as records' labels and names write them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words that make a labelled date a bound, a span or a guess ("by 24 November", "from
/// about 20–21", "Early 1990s", "Undated (… a c. 2007 article)").
const NEAR: [&str; 15] = [
    "about",
    "by",
    "before",
    "after",
    "from",
    "until",
    "end",
    "early",
    "late",
    "mid",
    "undated",
    "c",
    "circa",
    "around",
    "approximately",
];

/// Whether an event's `date` is exactly what its label says: no label, or a label that
/// names the date at its own precision in words ("Announced 9 February 2026" for
/// 2026-02-09, "October 2016" for 2016-10, "2008 (…; exact date not given)" for 2008)
/// and no other day, span or nearness. Otherwise the date only approximates the label:
/// the explorer marks it `~` where it shows it for the label, and an export says so.
#[must_use]
pub fn exact_date(label: Option<&str>, date: Date) -> bool {
    let Some(label) = label else {
        return true;
    };
    let year = date.year().to_string();
    let month = date.month().and_then(|m| MONTHS.get(usize::from(m) - 1));
    let day = date.day().map(|d| d.to_string());
    // The date in words, as labels write it: "9 February 2026", "October 2016", "2008".
    let words: Vec<&str> = day
        .as_deref()
        .into_iter()
        .chain(month.copied())
        .chain([year.as_str()])
        .collect();
    // Whole words, so that "9 February" is not found in "19 February", nor 1990 in "1990s".
    let tokens: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let Some(at) = tokens
        .windows(words.len())
        .position(|w| w.iter().zip(&words).all(|(t, w)| t.eq_ignore_ascii_case(w)))
    else {
        return false;
    };
    // Any other number (a second day, a span) or a word of nearness makes it a range.
    let mut rest = tokens[..at].iter().chain(&tokens[at + words.len()..]);
    !rest.any(|t| t.chars().any(|c| c.is_ascii_digit()) || NEAR.contains(&&*t.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_label_naming_the_date_at_its_precision_and_nothing_else_is_exact() {
        assert!(exact_date(None, day("2026-02-09")));
        assert!(exact_date(Some("Announced 9 February 2026"), day("2026-02-09")));
        assert!(exact_date(Some("October 2016"), day("2016-10")));
        assert!(exact_date(Some("January 2026"), day("2026-01")));
        assert!(exact_date(Some("August, 2004"), day("2004-08")), "punctuation aside");
        assert!(exact_date(
            Some("2008 (Shenzhen Jewelry Festival; exact date not given)"),
            day("2008")
        ));
    }

    #[test]
    fn another_day_a_span_a_bound_or_a_guess_is_approximate() {
        for (label, date) in [
            ("Announced 9 February 2026", "2026-02-10"),
            ("Announced 9 February 2026", "2026-02"),
            ("Announced 19 February 2026", "2026-02-09"),
            ("Published by 24 November 2025", "2025-11-24"),
            ("Published by 24 November 2025", "2025-11"),
            ("From about 20–21 January 2026", "2026-01-21"),
            ("End of January 2026", "2026-01-31"),
            ("Mid-February 2026, before the Spring Festival", "2026-02"),
            ("6–23 March 2009", "2009-03"),
            ("2020 (sales picking up from July)", "2020-07"),
            ("Early 1990s", "1990"),
            ("1990s", "1990"),
            ("1981–1988", "1981"),
            ("Mid-to-late 1990s", "1995"),
            ("Undated (photo caption in a c. 2007 Luohu government article)", "2007"),
            ("Spring Festival holiday, February 2026", "2026-02-21"),
        ] {
            assert!(!exact_date(Some(label), day(date)), "{label:?} for {date}");
        }
    }
}
