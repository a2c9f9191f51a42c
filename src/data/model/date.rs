//! `Date`: a calendar date at year, month or day precision as the format writes it,
//! checked while parsing (no day that does not exist), and its ordering, text and serde forms.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date at year, month or day precision: `"2004"`, `"2004-08"`, `"2004-08-15"`.
///
/// Ordering puts a coarser date before finer dates in the same period, so "2004" sorts
/// before "2004-08" and a timeline stays stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    /// 0 when the date has year precision only.
    month: u8,
    /// 0 when the date has year or month precision only.
    day: u8,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting dates that do not exist.
    ///
    /// # Errors
    /// A message saying what is wrong with the text, ready to show a person.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad_shape = || format!("invalid date \"{text}\": expected YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = text.split('-');
        let year = parts.next().ok_or_else(bad_shape)?;
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() {
            return Err(bad_shape());
        }
        let number = |s: &str, len: usize| -> Result<u16, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u16>().map_err(|_| bad_shape())
            } else {
                Err(bad_shape())
            }
        };
        let year = number(year, 4)?;
        if year == 0 {
            return Err(format!("invalid date \"{text}\": there is no year 0000"));
        }
        let month = month.map(|m| number(m, 2)).transpose()?.unwrap_or(0);
        let day = day.map(|d| number(d, 2)).transpose()?.unwrap_or(0);
        if month > 12 || (month == 0 && text.len() > 4) {
            return Err(format!("invalid date \"{text}\": month must be 01 to 12"));
        }
        if day != 0 || text.len() > 7 {
            let last = days_in_month(year, month);
            if day == 0 || day > u16::from(last) {
                return Err(format!(
                    "invalid date \"{text}\": day must be 01 to {last:02} in that month"
                ));
            }
        }
        // Both were checked against 12 and 31 above, so they fit in a byte.
        #[allow(clippy::cast_possible_truncation)]
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    #[must_use]
    pub fn year(self) -> u16 {
        self.year
    }

    #[must_use]
    pub fn month(self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    #[must_use]
    pub fn day(self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }
}

fn days_in_month(year: u16, month: u16) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_three_precisions() {
        assert_eq!(Date::parse("2004").unwrap().to_string(), "2004");
        assert_eq!(Date::parse("2004-08").unwrap().to_string(), "2004-08");
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(Date::parse("2004-08").unwrap().month(), Some(8));
        assert_eq!(Date::parse("2004").unwrap().day(), None);
    }

    #[test]
    fn impossible_dates_are_rejected_with_a_reason() {
        for bad in [
            "",
            "04",
            "2004-8",
            "2004-13",
            "2004-00",
            "2023-02-29",
            "2004-04-31",
            "2004-08-00",
            "0000",
            "2004-08-15-1",
            "２００４",
            "2004/08",
            "-2004",
            "2004-",
        ] {
            let err = Date::parse(bad).unwrap_err();
            assert!(err.contains(&format!("\"{bad}\"")), "{bad}: {err}");
        }
        assert!(Date::parse("2004-13").unwrap_err().contains("month"));
        assert!(Date::parse("2023-02-29").unwrap_err().contains("28"));
    }

    #[test]
    fn coarse_dates_sort_before_finer_ones() {
        let mut dates: Vec<Date> = ["2004-08-15", "2004", "2003-12", "2004-08"]
            .iter()
            .map(|s| Date::parse(s).unwrap())
            .collect();
        dates.sort();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2003-12", "2004", "2004-08", "2004-08-15"]);
    }
}
