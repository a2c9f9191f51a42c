//! Registered capital as the registries write it: an amount, a scale and a currency in
//! either order (`1000万人民币`, `人民币1000.0000万元`, `300万美元`, `USD 100万`), or an
//! amount whose unit the header names (`注册资本(万元)`) or whose currency a column of
//! its own gives (`capital_currency`, as `shuibei export` writes it).
//!
//! 元 is both the yuan and the word for any currency's unit: `1000万元` alone is yuan,
//! as registries mean it, but beside a currency (`美元100万元`, a currency column) it is
//! that currency's. A scale with no currency at all (`1000万`, `1亿`) takes the header's
//! currency, and is refused without one: a guess would be a wrong amount.

use super::values::narrow;
use crate::data::model::{Capital, Sym};

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

/// Lower-cases ASCII letters (`RMB`, `USD`), borrowing when there are none.
fn ascii_lower(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Reads a scale and currency: `万人民币`, `万元`, `亿美元`, `元`, `美元`.
fn unit(words: &str) -> Option<Unit> {
    let lower = ascii_lower(words);
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

/// Words after an amount that name only its scale, and whether they end in 元: `万`,
/// `亿`, `万元`, `亿元`, `元`.
fn scale_only(words: &str) -> Option<(f64, bool)> {
    let (scale, rest) = match words.chars().next()? {
        '万' => (1e4, &words['万'.len_utf8()..]),
        '亿' => (1e8, &words['亿'.len_utf8()..]),
        _ => (1.0, words),
    };
    match rest {
        "" if scale > 1.0 => Some((scale, false)),
        "元" => Some((scale, true)),
        _ => None,
    }
}

/// A currency written before the amount (`人民币1000万元`, `USD100万`): its code and the
/// rest of the text. 元 alone is no such word (no registry writes 元100).
fn leading_currency(text: &str) -> Option<(&'static str, &str)> {
    let lower = ascii_lower(text);
    CURRENCIES
        .iter()
        .filter(|(w, _)| *w != "元" && lower.starts_with(w))
        .filter(|(w, _)| lower[w.len()..].starts_with(|c: char| c.is_ascii_digit()))
        .max_by_key(|(w, _)| w.len())
        // ASCII lower-casing keeps every byte where it was.
        .map(|(w, code)| (*code, &text[w.len()..]))
}

const FORMS: &str = "write it as the registry does, like 1000万人民币, 人民币1000万元 or 300万美元";

/// Registered capital as the registries write it: `1000万人民币`, `305843.0395万元人民币`,
/// `人民币1000.0000万元`, `300万美元`, `1,000 万元`, `5000元`. A bare number takes the unit
/// the header names, and the currency of the currency column when there is one (`shuibei
/// export` writes `10000000` under `capital` and `CNY` under `capital_currency`); so
/// does an amount that names only its scale (`1000万`, `1亿`; `1000万元` beside a
/// currency column, where 元 is the word for the currency's unit).
///
/// # Errors
/// A value with no number, a unit not known, an amount with no currency anywhere (in the
/// value, the header or a currency column), or two currencies that disagree.
pub fn capital(text: &str, header: Option<Unit>, column: Option<&str>) -> Result<Capital, String> {
    let cleaned: String = narrow(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '(' | ')' | '（' | '）'))
        .collect();
    let (lead, body) = leading_currency(&cleaned).map_or((None, cleaned.as_str()), |(c, rest)| (Some(c), rest));
    let split = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(body.len());
    let (number, words) = body.split_at(split);
    let Ok(amount) = number.parse::<f64>() else {
        return Err(format!("\"{text}\" is not an amount; {FORMS}"));
    };
    // The currency written in the value before its amount, else the currency column's.
    let given = match (lead, column) {
        (Some(lead), Some(column)) if lead != column => {
            return Err(format!(
                "\"{text}\" is in {lead}, but the currency column says {column}; make them agree"
            ));
        }
        (Some(currency), _) | (None, Some(currency)) => Some(currency),
        (None, None) => None,
    };
    let (scale, currency) = if words.is_empty() {
        match (given, header) {
            (Some(currency), header) => (header.map_or(1.0, |h| h.scale), currency),
            (None, Some(h)) => (h.scale, h.currency),
            (None, None) => {
                return Err(format!(
                    "\"{text}\" has no unit; {FORMS}, or name the unit in the header: 注册资本(万元)"
                ));
            }
        }
    } else if let Some((scale, yuan)) = scale_only(words) {
        // 元 alone is the yuan; beside a currency, that currency's unit.
        match (given, header) {
            (Some(currency), _) => (scale, currency),
            (None, _) if yuan => (scale, "CNY"),
            (None, Some(h)) => (scale, h.currency),
            (None, None) => {
                return Err(format!(
                    "\"{text}\" has no currency; write it with one, as registries do ({number}{words}元人民币, {number}{words}美元), or name the unit in the header: 注册资本(万元)"
                ));
            }
        }
    } else {
        match (unit(words), given) {
            (Some(u), Some(currency)) if u.currency != currency => {
                return Err(if lead.is_some() {
                    format!(
                        "\"{text}\" names two currencies, {currency} before the amount and {} after it; keep the right one",
                        u.currency
                    )
                } else {
                    format!(
                        "\"{text}\" is in {}, but the currency column says {currency}; make them agree",
                        u.currency
                    )
                });
            }
            (Some(u), _) => (u.scale, u.currency),
            (None, Some(_)) => {
                return Err(format!(
                    "\"{text}\": the unit \"{words}\" is not one shuibei reads; write the amount with only its scale (1000万), the currency being named already"
                ));
            }
            (None, None) => {
                return Err(format!(
                    "\"{text}\": the unit \"{words}\" is not one shuibei reads; write 万人民币, 万元, 万美元, 万港元, 万欧元 or 元"
                ));
            }
        }
    };
    amount_of(text, amount, scale, currency)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, header: Option<Unit>) -> Result<(f64, String), String> {
        capital(text, header, None).map(|c| (c.amount, c.currency.to_string()))
    }

    fn beside(text: &str, header: Option<Unit>, column: &str) -> Result<(f64, String), String> {
        capital(text, header, Some(column)).map(|c| (c.amount, c.currency.to_string()))
    }

    #[test]
    fn capital_as_registries_write_it() {
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
    fn the_currency_may_come_first() {
        assert_eq!(read("人民币100万元", None), Ok((1e6, "CNY".into())));
        assert_eq!(read("人民币1000.0000万元", None), Ok((1e7, "CNY".into())));
        assert_eq!(read("人民币 5000 元", None), Ok((5000.0, "CNY".into())));
        assert_eq!(read("人民币1亿元", None), Ok((1e8, "CNY".into())));
        assert_eq!(read("USD 100万", None), Ok((1e6, "USD".into())));
        assert_eq!(
            read("美元100万元", None),
            Ok((1e6, "USD".into())),
            "元 is the dollar's unit here"
        );
        assert_eq!(read("港币200万港元", None), Ok((2e6, "HKD".into())));
        assert_eq!(read("人民币1000", header_unit("万元")), Ok((1e7, "CNY".into())));
        assert_eq!(read("人民币1000", None), Ok((1000.0, "CNY".into())));
        let err = read("美元100万人民币", None).unwrap_err();
        assert!(
            err.contains("names two currencies, USD before the amount and CNY after it"),
            "{err}"
        );
        assert_eq!(beside("人民币100万元", None, "CNY"), Ok((1e6, "CNY".into())));
        let err = beside("人民币100万元", None, "USD").unwrap_err();
        assert!(err.contains("is in CNY, but the currency column says USD"), "{err}");
        // 元 alone before an amount names nothing a registry writes.
        assert!(read("元100", None).unwrap_err().contains("is not an amount"));
    }

    #[test]
    fn a_scale_without_a_currency_takes_the_headers_or_is_refused_for_want_of_one() {
        let wan = header_unit("万元");
        assert!(wan.is_some());
        assert_eq!(read("1000万", wan), Ok((1e7, "CNY".into())));
        assert_eq!(read("1亿", wan), Ok((1e8, "CNY".into())));
        assert_eq!(read("1亿", header_unit("万美元")), Ok((1e8, "USD".into())));
        for text in ["1000万", "1亿", "1.5亿"] {
            let err = read(text, None).unwrap_err();
            assert!(
                err.contains("has no currency") && err.contains("元人民币") && err.contains("注册资本(万元)"),
                "{text}: {err}"
            );
            assert!(!err.contains("is not one shuibei reads"), "{text}: {err}");
        }
        assert!(read("1亿", None).unwrap_err().contains("(1亿元人民币, 1亿美元)"));
        // 元 is the yuan when nothing else names a currency: 1亿元 as 1000万元.
        assert_eq!(read("1亿元", None), Ok((1e8, "CNY".into())));
        assert_eq!(read("1000万元", None), Ok((1e7, "CNY".into())));
    }

    #[test]
    fn an_amount_beside_a_currency_column_takes_its_currency() {
        // As `shuibei export` writes it: the amount in base units, the ISO code beside it.
        assert_eq!(beside("10000000", None, "CNY"), Ok((1e7, "CNY".into())));
        assert_eq!(beside("3000000", None, "USD"), Ok((3e6, "USD".into())));
        assert_eq!(beside("3058430395.5", None, "CNY"), Ok((3_058_430_395.5, "CNY".into())));
        // A scale in the header or the value applies; 元 is the currency's unit.
        assert_eq!(beside("1000", header_unit("万元"), "USD"), Ok((1e7, "USD".into())));
        assert_eq!(beside("1000万", None, "HKD"), Ok((1e7, "HKD".into())));
        assert_eq!(beside("1亿", None, "HKD"), Ok((1e8, "HKD".into())));
        assert_eq!(beside("1000万元", None, "USD"), Ok((1e7, "USD".into())));
        assert_eq!(beside("300万美元", None, "USD"), Ok((3e6, "USD".into())));
        let err = beside("300万美元", None, "CNY").unwrap_err();
        assert!(err.contains("is in USD, but the currency column says CNY"), "{err}");
        assert!(
            beside("1000万卢布", None, "RUB")
                .unwrap_err()
                .contains("\"万卢布\" is not one")
        );
    }
}
