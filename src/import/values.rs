//! The values of a registry export, read as the registries write them: dates
//! (`2012-05-18`, `2012/5/18`, `2012年05月18日`, spreadsheet dates), credit codes,
//! statuses (存续 → active …), name lists. Registered capital is `capital`'s; the cells
//! only `shuibei export` writes are `exported`'s. Each parser says what is wrong in words a person can act on; none
//! allocates for a value that is fine more than the value itself needs.

use crate::data::model::{CreditCode, Date, RegistryStatus};
use crate::search::fold::width;

/// What registries print for "nothing known": such a cell is treated as empty.
const BLANKS: &[&str] = &[
    "-",
    "--",
    "---",
    "—",
    "——",
    "/",
    "无",
    "暂无",
    "暂无信息",
    "未公开",
    "null",
    "none",
    "n/a",
    "na",
    "nan",
];

/// The cell's text with surrounding space (ASCII and ideographic) trimmed; `None` when
/// nothing is left or it only says "not known".
#[must_use]
pub fn present(text: &str) -> Option<&str> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.is_empty() || (text.len() <= 12 && BLANKS.iter().any(|b| b.eq_ignore_ascii_case(text))) {
        None
    } else {
        Some(text)
    }
}

/// Fullwidth letters, digits and punctuation to their ASCII forms; borrowed when there
/// are none (the common case).
pub(super) fn narrow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| width(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(width).collect())
    }
}

const DATE_FORMS: &str = "write it as 2012-05-18, 2012/5/18 or 2012年5月18日";

/// A date as registry exports write it. A time after the date (`2012-05-18 00:00:00`)
/// is dropped; a year, or a year and month, is a coarser date.
///
/// # Errors
/// Why the text is not a date, with the forms that are read.
pub fn date(text: &str) -> Result<Date, String> {
    // The common form, `2012-05-18`, goes straight to the format's own parser.
    let b = text.as_bytes();
    let iso = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if iso && let Ok(date) = Date::parse(text) {
        return Ok(date);
    }
    let narrowed = narrow(text);
    let day_part = narrowed.split([' ', 'T']).next().unwrap_or_default();
    let mut unified = String::with_capacity(day_part.len());
    for c in day_part.chars() {
        match c {
            '年' | '月' | '/' | '.' | '-' => unified.push('-'),
            '日' | '号' => {}
            c => unified.push(c),
        }
    }
    let unified = unified.trim_end_matches('-');
    let bad = || format!("\"{text}\" is not a date; {DATE_FORMS}");
    if unified.is_empty() || !unified.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(bad());
    }
    let parts: Vec<&str> = if unified.len() == 8 && !unified.contains('-') {
        vec![&unified[..4], &unified[4..6], &unified[6..]]
    } else {
        unified.split('-').collect()
    };
    let shaped = match parts.as_slice() {
        [y] if y.len() == 4 => (*y).to_owned(),
        [y, m] if y.len() == 4 && (1..=2).contains(&m.len()) => format!("{y}-{m:0>2}"),
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => return Err(bad()),
    };
    Date::parse(&shaped).map_err(|err| {
        // The model's message names the shape it reads; say it in this file's terms.
        let reason = err.rsplit(": ").next().unwrap_or(&err);
        format!("\"{text}\" is not a date: {reason}; {DATE_FORMS}")
    })
}

/// A spreadsheet's date: year, month and day, as the workbook's calendar gives them.
///
/// # Errors
/// A date before 1900, which a spreadsheet date cannot hold: the cell held 0 or less.
pub fn ymd(year: u16, month: u8, day: u8) -> Result<Date, String> {
    if year < 1900 {
        return Err(format!(
            "the cell holds the spreadsheet date {year:04}-{month:02}-{day:02}, which cannot be meant; check the cell"
        ));
    }
    Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
}

/// A number in a date column: `20120518` or `2012` as written, else a spreadsheet's
/// day count (Excel's, from 1900, or from 1904 in a workbook that says so), as a cell
/// that lost its date format holds it; the `bool` says it was a day count. Only a count
/// of five digits is one (1927-05-18 to 2173): a founding date is in that span, and a
/// shorter number is a year or a slip.
///
/// # Errors
/// A number that is none of these.
pub fn date_number(value: f64, epoch_1904: bool) -> Result<(Date, bool), String> {
    if value.fract() == 0.0 && (18_000_101.0..=29_991_231.0).contains(&value) {
        return date(&format!("{value}")).map(|d| (d, false));
    }
    if value.fract() == 0.0 && (1800.0..=2999.0).contains(&value) {
        return date(&format!("{value}")).map(|d| (d, false));
    }
    if (10_000.0..100_000.0).contains(&value) {
        let (y, m, d, ..) =
            calamine::ExcelDateTime::new(value, calamine::ExcelDateTimeType::DateTime, epoch_1904).to_ymd_hms_milli();
        return ymd(y, m, d).map(|d| (d, true));
    }
    Err(format!("the number {value} is not a date; {DATE_FORMS}"))
}

/// A date column's text: [`date`], or a spreadsheet's day count as a CSV saved from a
/// spreadsheet writes a date cell that lost its format (`43529`), read as a workbook's
/// number is (Excel's calendar: a CSV names none, and the 1900 one is every current
/// spreadsheet's); the `bool` says it was a day count.
///
/// # Errors
/// As [`date`] and [`date_number`].
pub fn date_text(text: &str) -> Result<(Date, bool), String> {
    let why = match date(text) {
        Ok(date) => return Ok((date, false)),
        Err(why) => why,
    };
    let narrowed = narrow(text);
    let (whole, fraction) = narrowed.split_once('.').unwrap_or((&narrowed, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match narrowed.parse::<f64>() {
        Ok(value) if whole.len() == 5 && digits(whole) && digits(fraction) => date_number(value, false),
        _ => Err(why),
    }
}

/// A unified social credit code: fullwidth forms narrowed, letters upper-cased, then
/// checked (shape and check character).
///
/// # Errors
/// What is wrong; for a code a spreadsheet turned into a number, how to keep it whole.
pub fn credit_code(text: &str) -> Result<CreditCode, String> {
    if text.len() == 18 && text.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
        return CreditCode::parse(text).map_err(|why| {
            // 18 digits ending in 00: what a float keeps of a code (17 significant digits).
            if text.ends_with("00") && text.bytes().all(|b| b.is_ascii_digit()) {
                format!(
                    "\"{text}\" looks like a code the spreadsheet stored as a number, rounding its last digits; format the column as Text and export again"
                )
            } else {
                why
            }
        });
    }
    let code = narrow(text).to_ascii_uppercase();
    if code.contains("E+") && code.replace(['.', 'E', '+'], "").bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "\"{text}\" is a code the spreadsheet turned into a number, losing digits; format the column as Text and export again"
        ));
    }
    if code.len() == 15 && code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "\"{text}\" is a 15-digit registration number (注册号), not an 18-character credit code; put it in a column of its own"
        ));
    }
    CreditCode::parse(&code)
}

/// A registry status: `存续（在营、开业、在册）`, `在业`, `吊销，未注销`, `注销`, `迁出`, or the
/// format's English words.
///
/// # Errors
/// A status not in the vocabulary, with the words that are read.
pub fn status(text: &str) -> Result<RegistryStatus, String> {
    // As most exports write it: a word, perhaps with its gloss in brackets.
    RegistryStatus::read(text)
        .or_else(|| RegistryStatus::read(&narrow(text)))
        .ok_or_else(|| {
            // Listed with commas, one word each: a list joined by slashes read like the
            // value "存续/在业" it refused, as if that were one of them.
            format!(
                "\"{text}\" is not a registry status shuibei reads; write one of these words alone: \
                 存续, 在业, 在营, 开业 or 正常 (active); 注销 (cancelled); 吊销 (revoked); 迁出 (moved out); \
                 迁入 (moved in); 停业 (suspended); 歇业 (dormant); 清算 (liquidating); 撤销 (annulled); \
                 责令关闭 (ordered closed); or the English word in brackets"
            )
        })
}

/// A list of names in one cell (曾用名: former names), split where registries separate
/// them: `；` `;` `、` `，` and line breaks.
pub fn names(text: &str) -> impl Iterator<Item = &str> {
    text.split(['；', ';', '、', '，', '\n', '\r']).filter_map(present)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_exports_use() {
        for (text, want) in [
            ("2012-05-18", "2012-05-18"),
            ("2012/5/18", "2012-05-18"),
            ("2012年05月18日", "2012-05-18"),
            ("2012年5月8日", "2012-05-08"),
            ("2012.05.18", "2012-05-18"),
            ("20120518", "2012-05-18"),
            ("2012-05-18 00:00:00", "2012-05-18"),
            ("2012-05-18T00:00:00", "2012-05-18"),
            ("２０１２－０５－１８", "2012-05-18"),
            ("2012年05月", "2012-05"),
            ("2012", "2012"),
        ] {
            assert_eq!(date(text).map(|d| d.to_string()), Ok(want.to_owned()), "{text}");
        }
        for (text, words) in [
            ("2012-13-01", "month must be 01 to 12"),
            ("2023-02-29", "day must be 01 to 28"),
            ("18/05/2012", "is not a date"),
            ("soon", "is not a date"),
            ("2012-5-18-1", "is not a date"),
        ] {
            let err = date(text).unwrap_err();
            assert!(err.contains(words) && err.contains(DATE_FORMS), "{text}: {err}");
        }
    }

    #[test]
    fn numbers_in_date_columns() {
        let read =
            |value: f64, epoch_1904: bool| date_number(value, epoch_1904).map(|(d, count)| (d.to_string(), count));
        assert_eq!(read(20_120_518.0, false), Ok(("2012-05-18".into(), false)));
        assert_eq!(read(2012.0, false), Ok(("2012".into(), false)));
        assert_eq!(
            read(41_047.0, false),
            Ok(("2012-05-18".into(), true)),
            "Excel's day count"
        );
        assert_eq!(read(45_000.0, false), Ok(("2023-03-15".into(), true)));
        assert_eq!(
            read(45_000.0, true),
            Ok(("2027-03-16".into(), true)),
            "counted from 1904"
        );
        for slip in [-3.0, 0.0, 100.0, 9_999.0, 201_903.0] {
            let err = date_number(slip, false).unwrap_err();
            assert!(err.contains("is not a date"), "{slip}: {err}");
        }
        assert!(ymd(1899, 12, 31).unwrap_err().contains("cannot be meant"));
    }

    #[test]
    fn a_day_count_as_text_reads_as_the_same_number_in_a_workbook() {
        let read = |text: &str| date_text(text).map(|(d, count)| (d.to_string(), count));
        assert_eq!(read("43529"), Ok(("2019-03-05".into(), true)));
        assert_eq!(read("43529.0"), Ok(("2019-03-05".into(), true)));
        assert_eq!(read("４３５２９"), Ok(("2019-03-05".into(), true)));
        assert_eq!(read("2019-03-05"), Ok(("2019-03-05".into(), false)));
        assert_eq!(read("20190305"), Ok(("2019-03-05".into(), false)));
        for text in ["201903", "43529x", "-43529", "43529.", "1e4"] {
            let err = date_text(text).unwrap_err();
            assert!(err.contains("is not a date"), "{text}: {err}");
        }
    }

    #[test]
    fn credit_codes_are_narrowed_and_checked() {
        assert_eq!(
            credit_code(" ９１４４０３００１９２２０３８２１６ ".trim())
                .unwrap()
                .as_str(),
            "914403001922038216"
        );
        assert_eq!(
            credit_code("9144030071526726xg").unwrap().as_str(),
            "9144030071526726XG"
        );
        assert!(
            credit_code("9.14403E+17")
                .unwrap_err()
                .contains("format the column as Text")
        );
        assert!(
            credit_code("440301103012345")
                .unwrap_err()
                .contains("registration number")
        );
        assert!(
            credit_code("914403001922038217")
                .unwrap_err()
                .contains("check character")
        );
    }

    #[test]
    fn a_code_rounded_by_a_spreadsheet_says_to_format_the_column_as_text() {
        let err = credit_code("914403034567891200").unwrap_err();
        assert!(
            err.contains("stored as a number") && err.contains("format the column as Text"),
            "{err}"
        );
    }

    #[test]
    fn statuses_in_registry_words() {
        for (text, want) in [
            ("存续（在营、开业、在册）", RegistryStatus::Active),
            ("在业", RegistryStatus::Active),
            ("存续(在营、开业、在册)", RegistryStatus::Active),
            ("吊销，未注销", RegistryStatus::Revoked),
            ("吊销,已注销", RegistryStatus::Cancelled),
            ("注销", RegistryStatus::Cancelled),
            ("迁出", RegistryStatus::MovedOut),
            ("Moved out", RegistryStatus::MovedOut),
            ("in business", RegistryStatus::Active),
            ("责令关闭", RegistryStatus::OrderedClosed),
        ] {
            assert_eq!(status(text), Ok(want), "{text}");
        }
        let err = status("存续/在业").unwrap_err();
        assert!(
            err.contains("write one of these words alone: 存续, 在业, 在营, 开业 or 正常 (active); 注销 (cancelled);"),
            "{err}"
        );
        assert!(!err.contains("存续/在业/"), "no list that reads like the value: {err}");
    }

    #[test]
    fn blanks_and_lists() {
        for blank in ["", "  ", "-", "—", "暂无", "N/A", "\u{3000}"] {
            assert_eq!(present(blank), None, "{blank:?}");
        }
        assert_eq!(present(" 深圳 "), Some("深圳"));
        let listed: Vec<&str> = names("深圳市甲有限公司；深圳市乙有限公司\n深圳市丙有限公司、-").collect();
        assert_eq!(listed, ["深圳市甲有限公司", "深圳市乙有限公司", "深圳市丙有限公司"]);
    }
}
