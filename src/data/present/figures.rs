//! Numbers and figures in words: counts and amounts grouped by thousands, money scaled
//! to millions and billions, an indicator's figure with its qualifier and unit, and
//! registered capital.

use crate::data::model::{Capital, Indicator, Qualifier};

/// A count as a person reads it: 1,000,000.
#[must_use]
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number as a person writes it: thousands separated, no needless decimals.
#[must_use]
pub fn number(value: f64) -> String {
    // Figures a person reads are not 300 digits long: extreme values (valid in the
    // format) are written in scientific notation instead.
    if value != 0.0 && !(1e-6..1e15).contains(&value.abs()) {
        return format!("{value:e}");
    }
    let text = format!("{value}");
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A money amount scaled to words, rounded to at most three decimals: 5.0e10 → "50 billion".
fn scaled(value: f64) -> String {
    let (scaled, word) = if value.abs() >= 1e9 {
        (value / 1e9, " billion")
    } else if value.abs() >= 1e6 {
        (value / 1e6, " million")
    } else {
        (value, "")
    };
    let rounded = (scaled * 1000.0).round() / 1000.0;
    format!("{}{word}", number(rounded))
}

fn is_money_prefix(unit: &str) -> bool {
    matches!(unit, "US$" | "HK$" | "¥" | "$")
}

fn qualifier_words(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::About => "about ",
        Qualifier::MoreThan => "more than ",
        Qualifier::LessThan => "less than ",
        Qualifier::Nearly => "nearly ",
    }
}

/// Whether a figure is a change (a rise or a fall, in %), not a level or a share: the
/// format has no field for it, so its metric and name say ("Change in …", "-day-fall-",
/// "growth"), or a negative value does.
#[must_use]
pub fn is_change(ind: &Indicator) -> bool {
    const WORDS: &[&str] = &[
        "change", "changes", "growth", "fall", "falls", "rise", "rises", "gain", "increase", "decrease", "drop", "yoy",
    ];
    ind.value < 0.0 || says_any(ind, WORDS)
}

/// Whether a figure in % is a rate (a return, an interest rate, a margin): no part of a
/// whole either.
#[must_use]
pub fn is_rate(ind: &Indicator) -> bool {
    says_any(
        ind,
        &["return", "returns", "rate", "rates", "yield", "interest", "margin"],
    )
}

/// Whether the indicator's metric or name holds one of `words` as a whole word ("rise" is
/// no change in "enterprises"), case aside.
fn says_any(ind: &Indicator, words: &[&str]) -> bool {
    let says = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric())
            .any(|word| words.iter().any(|w| word.eq_ignore_ascii_case(w)))
    };
    ind.metric.as_deref().is_some_and(says) || says(&ind.name)
}

/// The figure of an indicator in words: "more than 1,300 enterprises", "60–70 %",
/// "about 50 %", "+23 %" (a rise), "50 billion yuan", "566,300 m²", "HK$1.292 billion".
#[must_use]
pub fn figure(ind: &Indicator) -> String {
    let unit = ind.unit.trim();
    // A rise reads "+23 %": without its sign a change reads like a level or a share.
    let signed = |amount: String| {
        if unit == "%" && is_change(ind) && ind.value > 0.0 {
            format!("+{amount}")
        } else {
            amount
        }
    };
    let money = unit == "yuan" || is_money_prefix(unit);
    let show = |v: f64| if money { scaled(v) } else { number(v) };
    let mut amount = show(ind.value);
    if let Some(max) = ind.value_max.filter(|m| *m > ind.value) {
        if money {
            // "1–2 billion yuan" reads better than "1 billion–2 billion yuan".
            let (lo, hi) = (scaled(ind.value), scaled(max));
            let lo_word = lo.rsplit_once(' ').map(|(n, w)| (n.to_owned(), w.to_owned()));
            let hi_word = hi.rsplit_once(' ').map(|(_, w)| w.to_owned());
            amount = match (lo_word, hi_word) {
                (Some((n, w)), Some(hw)) if w == hw => format!("{n}–{hi}"),
                _ => format!("{lo}–{hi}"),
            };
        } else {
            amount = format!("{amount}–{}", show(max));
        }
    }
    let amount = signed(amount);
    let q = qualifier_words(ind.qualifier);
    if is_money_prefix(unit) {
        format!("{q}{unit}{amount}")
    } else if unit == "%" {
        format!("{q}{amount} %")
    } else {
        format!("{q}{amount} {unit}")
    }
}

/// The figure without its unit, in a compact form for charts: ">1,300", "~50", "60–70".
#[must_use]
pub fn amount(ind: &Indicator) -> String {
    let unit = ind.unit.trim();
    let money = unit == "yuan" || is_money_prefix(unit);
    let show = |v: f64| if money { scaled(v) } else { number(v) };
    let mut text = show(ind.value);
    if let Some(max) = ind.value_max.filter(|m| *m > ind.value) {
        text = format!("{text}–{}", show(max));
    }
    // A rise in % keeps its sign here too ("~+41.1").
    if unit == "%" && ind.value > 0.0 && is_change(ind) {
        text = format!("+{text}");
    }
    let sign = match ind.qualifier {
        Qualifier::Exact => "",
        Qualifier::About => "~",
        Qualifier::MoreThan => ">",
        Qualifier::LessThan => "<",
        Qualifier::Nearly => "≲",
    };
    format!("{sign}{text}")
}

/// A figure written compactly, as the Overview and a narrow Value column write it (">9,000 enterprises", "~HK$1.292
/// billion", "60–70 %"), so the name beside it keeps its room.
#[must_use]
pub fn short_figure(ind: &Indicator) -> String {
    let amount = amount(ind);
    let unit = ind.unit.trim();
    if matches!(unit, "US$" | "HK$" | "¥" | "$") {
        // The qualifier's sign goes before the currency: "~HK$1.292 billion".
        let digits = amount.find(|c: char| c.is_ascii_digit() || c == '-').unwrap_or(0);
        format!("{}{unit}{}", &amount[..digits], &amount[digits..])
    } else if unit == "%" {
        format!("{amount} %")
    } else {
        format!("{amount} {unit}")
    }
}

/// Registered capital as a person reads it: "10 million CNY (1,000万)"; the 万 figure is
/// how the registry wrote it, to four decimals at most.
#[must_use]
pub fn capital(c: &Capital) -> String {
    let words = format!("{} {}", scaled(c.amount), c.currency);
    if c.amount.abs() >= 1e4 {
        let wan = c.amount.round() / 1e4;
        format!("{words} ({}万)", number(wan))
    } else {
        words
    }
}
