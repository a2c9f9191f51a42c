//! The cells only `shuibei export` writes, read back as it writes them: ids, the
//! format's kinds and ownerships, lists joined with `; `, listings (`SZSE 002867, listed
//! 2017-04-27`), people (`name (role, as of)`), and the currency column beside the
//! capital (`capital_currency`, also a registry's 币种). Like `values`, below it, each
//! parser says what is wrong in words a person can act on.

use crate::data::model::{Date, Kind, Listing, Ownership, Person, Sym, Text};

use super::capital::CURRENCIES;
use super::values::{date, narrow, present};

/// The items of a list cell as `shuibei export` joins them (`; `), also split at `；`
/// and line breaks; not at `、` or `，`, which an alias or a tag may hold.
pub fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '；', '\n', '\r']).filter_map(present)
}

/// An id given in the file (the `id` column `shuibei export` writes), checked as the
/// loader checks ids, so the output loads.
///
/// # Errors
/// An id with whitespace or control characters.
pub fn id(text: &str) -> Result<Text, String> {
    let why = if text.chars().any(char::is_whitespace) {
        "ids have no spaces"
    } else if text.chars().any(|c| c.is_control() || crate::sanitize::is_unsafe(c)) {
        "ids have no control characters"
    } else {
        return Ok(text.into());
    };
    Err(format!(
        "\"{text}\" is not an id: {why}; write it without them, or empty the cell to have the id made from the credit code or the name"
    ))
}

/// A word of a closed vocabulary, as the format writes it, case, width, spaces and
/// underscores aside (`Trading center` is `trading-center`).
fn vocabulary<T: Copy>(text: &str, all: &[T], word: fn(T) -> &'static str, what: &str) -> Result<T, String> {
    let key: String = narrow(text)
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() || c == '_' { '-' } else { c })
        .collect();
    all.iter().copied().find(|v| word(*v) == key).ok_or_else(|| {
        let words: Vec<&str> = all.iter().map(|v| word(*v)).collect();
        format!(
            "\"{text}\" is not {what} shuibei knows; write one of: {}",
            words.join(", ")
        )
    })
}

/// The kind of organisation, in the format's words (`company`, `association`, …).
///
/// # Errors
/// A word not in the vocabulary, with the words that are.
pub fn kind(text: &str) -> Result<Kind, String> {
    vocabulary(text, Kind::ALL, Kind::as_str, "a kind")
}

/// The ownership, in the format's words (`private`, `state-owned`, …).
///
/// # Errors
/// A word not in the vocabulary, with the words that are.
pub fn ownership(text: &str) -> Result<Ownership, String> {
    vocabulary(text, Ownership::ALL, Ownership::as_str, "an ownership")
}

/// A capital's currency as a column of its own writes it (`capital_currency` in
/// `shuibei export`, 币种 in some registries): an ISO 4217 code (`CNY`, `usd`) or the
/// registries' words (人民币, 美元, 港元).
///
/// # Errors
/// Text that names no currency, with what is read.
pub fn currency(text: &str) -> Result<Sym, String> {
    let narrowed = narrow(text).replace(char::is_whitespace, "");
    let lower = narrowed.to_ascii_lowercase();
    if let Some((_, code)) = CURRENCIES.iter().find(|(w, _)| *w == lower) {
        return Ok(Sym::new(code));
    }
    // Any ISO code, not only those with a Chinese word above: the format takes three
    // capital letters, so a currency a dataset holds comes back from its export.
    if lower.len() == 3 && lower.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Ok(Sym::new(&lower.to_ascii_uppercase()));
    }
    Err(format!(
        "\"{text}\" is not a currency shuibei reads; write its ISO code (CNY, USD, HKD) or 人民币, 美元, 港元"
    ))
}

/// Splits a cell at `;` (`；`, line breaks) outside brackets, where `shuibei export`
/// joins listings and people: a person's role, in brackets, may hold `; ` itself.
fn split_outside(text: &str) -> Result<Vec<&str>, String> {
    let unpaired = || format!("the brackets in \"{text}\" do not pair up; close each one, as the export writes them");
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.checked_sub(1).ok_or_else(unpaired)?,
            ';' | '；' | '\n' | '\r' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if depth > 0 {
        return Err(unpaired());
    }
    parts.push(&text[start..]);
    Ok(parts.into_iter().filter_map(present).collect())
}

/// The people of a cell as `shuibei export` writes them: `name (role, as of)`, `name
/// (role)`, `name (as of)` or `name`, joined with `; `. The last bracket is the role and
/// date, so a name may hold brackets of its own (`Lu Yi (鲁毅) (District head, 2009)`);
/// a role ends at the last `, ` only when a date follows it.
///
/// # Errors
/// Brackets that do not pair up, or a bracket with no name before it.
pub fn people(text: &str) -> Result<Vec<Person>, String> {
    split_outside(text)?.into_iter().map(person).collect()
}

fn person(text: &str) -> Result<Person, String> {
    let Some(open) = text.strip_suffix(')').and_then(opening) else {
        return Ok(Person {
            name: text.into(),
            role: None,
            as_of: None,
        });
    };
    let name = text[..open].trim();
    if name.is_empty() {
        return Err(format!(
            "\"{text}\" has no name before its brackets; write each person as name (role, as of)"
        ));
    }
    let inner = text[open + 1..text.len() - 1].trim();
    let (role, as_of) = match inner.rsplit_once(", ") {
        Some((role, date)) if let Ok(date) = Date::parse(date.trim()) => (Some(role.trim()), Some(date)),
        _ => match Date::parse(inner) {
            Ok(date) => (None, Some(date)),
            Err(_) => (Some(inner), None),
        },
    };
    Ok(Person {
        name: name.into(),
        role: role.filter(|r| !r.is_empty()).map(Sym::new),
        as_of,
    })
}

/// Where the bracket closed at the end of `text` (already cut off) opens.
fn opening(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The listings of a cell as `shuibei export` writes them: `SZSE 002867, listed
/// 2017-04-27`, `SZSE 002740, delisted 2024-03-04`, `HKEX 01939`, joined with `; `.
///
/// # Errors
/// A listing without an exchange and a code, a part that is not a listed or delisted
/// date, or a delisting before the listing.
pub fn listings(text: &str) -> Result<Vec<Listing>, String> {
    const FORM: &str = "write each as the export does: SZSE 002867, listed 2017-04-27, delisted 2024-03-04";
    split_outside(text)?
        .into_iter()
        .map(|item| {
            let mut parts = item.split(", ");
            let head = parts.next().unwrap_or_default().trim();
            let Some((exchange, code)) = head.rsplit_once(char::is_whitespace) else {
                return Err(format!("\"{item}\" is not an exchange and a stock code; {FORM}"));
            };
            let mut listing = Listing {
                exchange: Sym::new(exchange.trim()),
                code: code.into(),
                listed: None,
                delisted: None,
            };
            for part in parts {
                let part = part.trim();
                if let Some(day) = part.strip_prefix("listed ") {
                    listing.listed = Some(date(day.trim())?);
                } else if let Some(day) = part.strip_prefix("delisted ") {
                    listing.delisted = Some(date(day.trim())?);
                } else {
                    return Err(format!(
                        "\"{part}\" in \"{item}\" is neither a listed nor a delisted date; {FORM}"
                    ));
                }
            }
            if let (Some(listed), Some(delisted)) = (listing.listed, listing.delisted)
                && delisted < listed
            {
                return Err(format!("\"{item}\" is delisted before it is listed; check the dates"));
            }
            Ok(listing)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_by_code_or_word() {
        for (text, want) in [
            ("CNY", "CNY"),
            ("usd", "USD"),
            ("人民币", "CNY"),
            ("美元", "USD"),
            ("RMB", "CNY"),
            ("THB", "THB"),
            (" ＨＫＤ ", "HKD"),
        ] {
            assert_eq!(currency(text).as_deref(), Ok(want), "{text}");
        }
        assert!(
            currency("卢布币")
                .unwrap_err()
                .contains("is not a currency shuibei reads")
        );
        assert!(currency("US$").is_err());
    }

    #[test]
    fn people_as_the_export_writes_them() {
        let read = |text: &str| {
            people(text).map(|ps| {
                ps.iter()
                    .map(|p| {
                        (
                            p.name.to_string(),
                            p.role.as_deref().map(str::to_owned),
                            p.as_of.map(|d| d.to_string()),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        };
        let own = |name: &str, role: Option<&str>, as_of: Option<&str>| {
            (name.to_owned(), role.map(str::to_owned), as_of.map(str::to_owned))
        };
        assert_eq!(
            read(
                "李伟柱 (Chairman; largest shareholder (~57 %, Forbes), 2025-06); 李伟蓬 (Co-founder (2004) and vice chairman, 2025-06)"
            ),
            Ok(vec![
                own(
                    "李伟柱",
                    Some("Chairman; largest shareholder (~57 %, Forbes)"),
                    Some("2025-06")
                ),
                own("李伟蓬", Some("Co-founder (2004) and vice chairman"), Some("2025-06")),
            ])
        );
        assert_eq!(
            read("Lu Yi (鲁毅) (District head (区长), 2009)"),
            Ok(vec![own("Lu Yi (鲁毅)", Some("District head (区长)"), Some("2009"))]),
            "the name's own brackets stay in the name"
        );
        assert_eq!(
            read("周桃林 (Chairman, appointed 30 May 2025)"),
            Ok(vec![own("周桃林", Some("Chairman, appointed 30 May 2025"), None)]),
            "a role ends at its last comma only before a date"
        );
        assert_eq!(
            read("陈示例 (2024-05-01); 王五"),
            Ok(vec![own("陈示例", None, Some("2024-05-01")), own("王五", None, None)])
        );
        assert!(read("张三 (Chairman").unwrap_err().contains("do not pair up"));
        assert!(
            read("(Chairman)")
                .unwrap_err()
                .contains("has no name before its brackets")
        );
    }

    #[test]
    fn listings_as_the_export_writes_them() {
        let all = listings("SZSE 002740, listed 2014, delisted 2024-03-04; HKEX 01939").unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!((&*all[0].exchange, &*all[0].code), ("SZSE", "002740"));
        assert_eq!(all[0].listed.map(|d| d.to_string()).as_deref(), Some("2014"));
        assert_eq!(all[0].delisted.map(|d| d.to_string()).as_deref(), Some("2024-03-04"));
        assert_eq!(
            (&*all[1].exchange, &*all[1].code, all[1].listed),
            ("HKEX", "01939", None)
        );
        assert!(
            listings("SZSE")
                .unwrap_err()
                .contains("is not an exchange and a stock code")
        );
        assert!(
            listings("SZSE 1, suspended")
                .unwrap_err()
                .contains("neither a listed nor a delisted date")
        );
        assert!(
            listings("SZSE 1, listed 2020, delisted 2019")
                .unwrap_err()
                .contains("delisted before it is listed")
        );
    }

    #[test]
    fn ids_kinds_and_lists_from_an_export() {
        assert_eq!(id("ctf-group").as_deref(), Ok("ctf-group"));
        assert!(id("ctf group").unwrap_err().contains("ids have no spaces"));
        assert_eq!(kind("Trading center"), Ok(Kind::TradingCenter));
        assert_eq!(ownership("state-owned"), Ok(Ownership::StateOwned));
        let err = kind("firm").unwrap_err();
        assert!(
            err.contains("is not a kind shuibei knows; write one of: company, association"),
            "{err}"
        );
        let listed: Vec<&str> = items("Eastern Gold Jade Co., Ltd.; 东方金钰、多佳；x\n-").collect();
        assert_eq!(listed, ["Eastern Gold Jade Co., Ltd.", "东方金钰、多佳", "x"]);
    }
}
