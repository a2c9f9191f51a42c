//! The values of a registry export, read as the registries write them: dates
//! (`2012-05-18`, `2012/5/18`, `2012年05月18日`, spreadsheet dates), registered capital
//! (`1000万人民币`, `300万美元`, or an amount beside a currency column), credit codes,
//! statuses (存续 → active …), name lists. The cells only `shuibei export` writes are
//! `exported`'s. Each parser says what is wrong in words a person can act on; none
//! allocates for a value that is fine more than the value itself needs.

use crate::data::model::{Capital, CreditCode, Date, RegistryStatus, Sym};
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
/// day count (Excel's 1900 calendar), as a cell that lost its date format holds it.
///
/// # Errors
/// A number that is none of these.
pub fn date_number(value: f64) -> Result<Date, String> {
    if value.fract() == 0.0 && (18_000_101.0..=29_991_231.0).contains(&value) {
        return date(&format!("{value}"));
    }
    if value.fract() == 0.0 && (1800.0..=2999.0).contains(&value) {
        return date(&format!("{value}"));
    }
    if (1.0..2_958_466.0).contains(&value) {
        let (y, m, d, ..) =
            calamine::ExcelDateTime::new(value, calamine::ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
        return ymd(y, m, d);
    }
    Err(format!("the number {value} is not a date; {DATE_FORMS}"))
}

/// The unit a capital header names: `注册资本(万元)`, `注册资本（万美元）`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub scale: f64,
    pub currency: &'static str,
}

/// Currencies by the words registries use, longest first where one ends another.
pub(super) const CURRENCIES: &[(&str, &str)] = &[
    ("人民币元", "CNY"),
    ("元人民币", "CNY"),
    ("人民币", "CNY"),
    ("rmb", "CNY"),
    ("cny", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("usd", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("hkd", "HKD"),
    ("澳门元", "MOP"),
    ("澳门币", "MOP"),
    ("mop", "MOP"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("twd", "TWD"),
    ("欧元", "EUR"),
    ("eur", "EUR"),
    ("日元", "JPY"),
    ("jpy", "JPY"),
    ("英镑", "GBP"),
    ("gbp", "GBP"),
    ("新加坡元", "SGD"),
    ("sgd", "SGD"),
    ("澳大利亚元", "AUD"),
    ("澳元", "AUD"),
    ("aud", "AUD"),
    ("加拿大元", "CAD"),
    ("加元", "CAD"),
    ("cad", "CAD"),
    ("瑞士法郎", "CHF"),
    ("chf", "CHF"),
    ("韩元", "KRW"),
    ("krw", "KRW"),
    ("元", "CNY"),
];

/// Reads a scale and currency: `万人民币`, `万元`, `亿美元`, `元`, `美元`.
fn unit(words: &str) -> Option<Unit> {
    let lower = if words.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(words.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(words)
    };
    let (scale, rest) = if let Some(rest) = lower.strip_prefix('万') {
        (1e4, rest)
    } else if let Some(rest) = lower.strip_prefix('亿') {
        (1e8, rest)
    } else {
        (1.0, &*lower)
    };
    // "万元人民币": the 元 before the currency's name adds nothing.
    let rest = if rest.len() > "元".len() {
        rest.strip_prefix('元').unwrap_or(rest)
    } else {
        rest
    };
    let currency = CURRENCIES.iter().find(|(w, _)| *w == rest).map(|(_, c)| *c)?;
    Some(Unit { scale, currency })
}

/// The unit a capital column's header names in brackets, if it names one.
#[must_use]
pub fn header_unit(words: &str) -> Option<Unit> {
    unit(&narrow(words).replace(char::is_whitespace, ""))
}

/// Registered capital as the registries write it: `1000万人民币`, `305843.0395万元人民币`,
/// `300万美元`, `1,000 万元`, `5000元`. A bare number takes the unit the header names,
/// and the currency of the currency column when there is one (`shuibei export` writes
/// `10000000` under `capital` and `CNY` under `capital_currency`); so does an amount
/// that names only its scale (`1000万`, `1000万元`: 元 is also the word for a currency's
/// unit).
///
/// # Errors
/// A value with no number, a unit not known, a bare number with neither a unit in the
/// header nor a currency column, or a currency that disagrees with the currency column.
pub fn capital(text: &str, header: Option<Unit>, column: Option<&str>) -> Result<Capital, String> {
    let cleaned: String = narrow(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '(' | ')' | '（' | '）'))
        .collect();
    let split = cleaned
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(cleaned.len());
    let (number, words) = cleaned.split_at(split);
    let Ok(amount) = number.parse::<f64>() else {
        return Err(format!(
            "\"{text}\" is not an amount; write it as the registry does, like 1000万人民币 or 300万美元"
        ));
    };
    if let Some(column) = column {
        let after_scale = words.strip_prefix(['万', '亿']).unwrap_or(words);
        let scale = if words.is_empty() {
            header.map_or(1.0, |h| h.scale)
        } else if after_scale.is_empty() || after_scale == "元" {
            match words.chars().next() {
                Some('万') => 1e4,
                Some('亿') => 1e8,
                _ => 1.0,
            }
        } else {
            match unit(words) {
                Some(u) if u.currency == column => u.scale,
                Some(u) => {
                    return Err(format!(
                        "\"{text}\" is in {}, but the currency column says {column}; make them agree",
                        u.currency
                    ));
                }
                None => {
                    return Err(format!(
                        "\"{text}\": the unit \"{words}\" is not one shuibei reads; write the amount alone (the currency column names its currency), or 1000万"
                    ));
                }
            }
        };
        return amount_of(text, amount, scale, column);
    }
    let unit = if words.is_empty() {
        header.ok_or_else(|| {
            format!(
                "\"{text}\" has no unit; write it as the registry does (1000万人民币), or name the unit in the header: 注册资本(万元)"
            )
        })?
    } else {
        // `1000万` names the scale, not the currency: the header's unit (注册资本(万元))
        // says which; without one it stays an error.
        let scale_only = match (words, header) {
            ("万", Some(h)) => Some(Unit {
                scale: 10_000.0,
                currency: h.currency,
            }),
            _ => None,
        };
        match unit(words).or(scale_only) {
            Some(u) => u,
            None if words == "万" => {
                return Err(format!(
                    "\"{text}\" has no currency; write it as the registry does (1000万人民币), or name the unit in the header: 注册资本(万元)"
                ));
            }
            None => {
                return Err(format!(
                    "\"{text}\": the unit \"{words}\" is not one shuibei reads; write 万人民币, 万元, 万美元, 万港元, 万欧元 or 元"
                ));
            }
        }
    };
    amount_of(text, amount, unit.scale, unit.currency)
}

fn amount_of(text: &str, amount: f64, scale: f64, currency: &str) -> Result<Capital, String> {
    let amount = amount * scale;
    if !amount.is_finite() {
        return Err(format!("\"{text}\" is too large to be an amount"));
    }
    // 305843.0395万 is 3058430395 yuan: round away the float's noise at a thousandth.
    let amount = (amount * 1000.0).round() / 1000.0;
    Ok(Capital {
        amount,
        currency: Sym::new(currency),
    })
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

/// Statuses by the words registries use (after 存续（在营、开业、在册） is cut at its bracket).
const STATUSES: &[(&str, RegistryStatus)] = &[
    ("存续", RegistryStatus::Active),
    ("续存", RegistryStatus::Active),
    ("在业", RegistryStatus::Active),
    ("在营", RegistryStatus::Active),
    ("开业", RegistryStatus::Active),
    ("在册", RegistryStatus::Active),
    ("正常", RegistryStatus::Active),
    ("登记成立", RegistryStatus::Active),
    ("确立", RegistryStatus::Active),
    ("active", RegistryStatus::Active),
    ("inbusiness", RegistryStatus::Active),
    ("inoperation", RegistryStatus::Active),
    ("operating", RegistryStatus::Active),
    ("歇业", RegistryStatus::Dormant),
    ("dormant", RegistryStatus::Dormant),
    ("停业", RegistryStatus::Suspended),
    ("suspended", RegistryStatus::Suspended),
    ("清算", RegistryStatus::Liquidating),
    ("清算中", RegistryStatus::Liquidating),
    ("liquidating", RegistryStatus::Liquidating),
    ("inliquidation", RegistryStatus::Liquidating),
    ("迁入", RegistryStatus::MovedIn),
    ("movedin", RegistryStatus::MovedIn),
    ("迁出", RegistryStatus::MovedOut),
    ("已迁出", RegistryStatus::MovedOut),
    ("movedout", RegistryStatus::MovedOut),
    ("吊销", RegistryStatus::Revoked),
    ("已吊销", RegistryStatus::Revoked),
    ("被吊销", RegistryStatus::Revoked),
    ("吊销未注销", RegistryStatus::Revoked),
    ("revoked", RegistryStatus::Revoked),
    ("注销", RegistryStatus::Cancelled),
    ("已注销", RegistryStatus::Cancelled),
    ("吊销已注销", RegistryStatus::Cancelled),
    ("cancelled", RegistryStatus::Cancelled),
    ("canceled", RegistryStatus::Cancelled),
    ("deregistered", RegistryStatus::Cancelled),
    ("撤销", RegistryStatus::Annulled),
    ("已撤销", RegistryStatus::Annulled),
    ("撤销登记", RegistryStatus::Annulled),
    ("annulled", RegistryStatus::Annulled),
    ("责令关闭", RegistryStatus::OrderedClosed),
    ("orderedclosed", RegistryStatus::OrderedClosed),
];

/// A registry status: `存续（在营、开业、在册）`, `在业`, `吊销，未注销`, `注销`, `迁出`, or the
/// format's English words.
///
/// # Errors
/// A status not in the vocabulary, with the words that are read.
pub fn status(text: &str) -> Result<RegistryStatus, String> {
    // As most exports write it: a word, perhaps with its gloss in brackets.
    let head = text.split(['(', '（']).next().unwrap_or_default();
    if let Some((_, status)) = STATUSES.iter().find(|(w, _)| *w == head) {
        return Ok(*status);
    }
    let narrowed = narrow(text).to_lowercase();
    let head = narrowed.split(['(', '（']).next().unwrap_or_default();
    let key: String = head
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | '、' | '-' | '_'))
        .collect();
    STATUSES
        .iter()
        .find(|(w, _)| *w == key)
        .map(|(_, s)| *s)
        .ok_or_else(|| {
            format!(
                "\"{text}\" is not a registry status shuibei reads; it reads 存续/在业/开业 (active), 注销 (cancelled), \
                 吊销 (revoked), 迁出 (moved out), 迁入, 停业, 歇业, 清算, 撤销, 责令关闭, or the English words"
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
        assert_eq!(date_number(20_120_518.0).unwrap().to_string(), "2012-05-18");
        assert_eq!(date_number(2012.0).unwrap().to_string(), "2012");
        assert_eq!(
            date_number(41_047.0).unwrap().to_string(),
            "2012-05-18",
            "Excel's day count"
        );
        assert!(date_number(-3.0).is_err());
        assert!(ymd(1899, 12, 31).unwrap_err().contains("cannot be meant"));
    }

    #[test]
    fn capital_as_registries_write_it() {
        let read =
            |text: &str, header: Option<Unit>| capital(text, header, None).map(|c| (c.amount, c.currency.to_string()));
        assert_eq!(read("1000万人民币", None), Ok((1e7, "CNY".into())));
        assert_eq!(read("1000万元人民币", None), Ok((1e7, "CNY".into())));
        assert_eq!(read("305843.0395万元人民币", None), Ok((3_058_430_395.0, "CNY".into())));
        assert_eq!(read("300万美元", None), Ok((3e6, "USD".into())));
        assert_eq!(read("1,000 万元", None), Ok((1e7, "CNY".into())));
        assert_eq!(read("500万(港元)", None), Ok((5e6, "HKD".into())));
        assert_eq!(read("5000元", None), Ok((5000.0, "CNY".into())));
        assert_eq!(read("2亿元", None), Ok((2e8, "CNY".into())));
        assert_eq!(read("１０００万人民币", None), Ok((1e7, "CNY".into())));
        let wan = header_unit("万元");
        assert_eq!(read("1000", wan), Ok((1e7, "CNY".into())));
        assert_eq!(
            read("30万美元", wan),
            Ok((3e5, "USD".into())),
            "the value's own unit wins"
        );
        assert!(read("1000", None).unwrap_err().contains("has no unit"));
        assert!(read("1000万卢布", None).unwrap_err().contains("\"万卢布\" is not one"));
        assert!(read("未知", None).unwrap_err().contains("is not an amount"));
    }

    #[test]
    fn an_amount_beside_a_currency_column_takes_its_currency() {
        let read = |text: &str, header: Option<Unit>, column: &str| {
            capital(text, header, Some(column)).map(|c| (c.amount, c.currency.to_string()))
        };
        // As `shuibei export` writes it: the amount in base units, the ISO code beside it.
        assert_eq!(read("10000000", None, "CNY"), Ok((1e7, "CNY".into())));
        assert_eq!(read("3000000", None, "USD"), Ok((3e6, "USD".into())));
        assert_eq!(read("3058430395.5", None, "CNY"), Ok((3_058_430_395.5, "CNY".into())));
        // A scale in the header or the value applies; 元 is the currency's unit.
        assert_eq!(read("1000", header_unit("万元"), "USD"), Ok((1e7, "USD".into())));
        assert_eq!(read("1000万", None, "HKD"), Ok((1e7, "HKD".into())));
        assert_eq!(read("1000万元", None, "USD"), Ok((1e7, "USD".into())));
        assert_eq!(read("300万美元", None, "USD"), Ok((3e6, "USD".into())));
        let err = read("300万美元", None, "CNY").unwrap_err();
        assert!(err.contains("is in USD, but the currency column says CNY"), "{err}");
        assert!(
            read("1000万卢布", None, "RUB")
                .unwrap_err()
                .contains("\"万卢布\" is not one")
        );
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
    fn wan_without_a_currency_takes_the_headers_currency_or_is_refused() {
        let header = header_unit("万元");
        assert!(header.is_some());
        let c = capital("1000万", header, None).unwrap();
        assert_eq!((c.amount, &*c.currency), (10_000_000.0, "CNY"));
        let err = capital("1000万", None, None).unwrap_err();
        assert!(
            err.contains("has no currency") && err.contains("注册资本(万元)"),
            "{err}"
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
        assert!(status("其他").unwrap_err().contains("存续/在业/开业 (active)"));
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
