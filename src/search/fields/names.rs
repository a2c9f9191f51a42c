//! The field names a query can use in each tab, with a one-line description of each: the
//! one table per tab that the help overlay, the README and the parser read.

use crate::data::model::RecordKind;

const HISTORY: &[(&str, &str)] = &[
    ("title", "the event's title, English or Chinese (also by pinyin)"),
    ("summary", "the summary text"),
    ("tag", "a tag, e.g. tag:policy"),
    (
        "date",
        "the date, e.g. date:2004-08, or a range: date:2025-10..2026-03, date:2025.., date:..2024",
    ),
    (
        "year",
        "the year, e.g. year:2004, year:2024..2026 (year:200 for the 2000s)",
    ),
    ("related", "the id or name of a related record"),
    ("id", "the record id"),
    ("source", "the id, title or publisher of a cited source"),
    (
        "reliability",
        "the weakest cited source: high, medium or low (any case)",
    ),
];

const ENTERPRISES: &[(&str, &str)] = &[
    ("name", "the name, English or Chinese, or an alias (also by pinyin)"),
    (
        "kind",
        "company, association, trading-center, exchange, institution, government",
    ),
    (
        "ownership",
        "state-owned, private, foreign-invested, joint-venture, collective, public, unknown",
    ),
    ("segment", "a business segment, e.g. segment:gold"),
    (
        "founded",
        "the founding date, e.g. founded:1998, or a range: founded:1990..1999-06, founded:2020..",
    ),
    ("year", "the founding year, e.g. year:2004 or year:1990..1999"),
    ("location", "the address or area"),
    ("person", "the name of a person, e.g. a chairman"),
    ("role", "a person's role, e.g. role:chairman"),
    ("exchange", "a listing's exchange, e.g. exchange:szse"),
    ("code", "a listing's stock code or the credit code, e.g. code:002867"),
    ("delisted", "a listing that ended, e.g. delisted:2021 or delisted:sse"),
    ("credit", "the unified social credit code, e.g. credit:914403"),
    (
        "status",
        "the registry status: active, cancelled, revoked, moved-out, …, or the registry's word: status:存续, status:在业 (both active)",
    ),
    (
        "district",
        "the registered province, city or district, else the Shenzhen district the location names, e.g. district:luohu",
    ),
    ("brand", "the name of a brand it owns"),
    ("tag", "a tag"),
    ("summary", "the summary text"),
    ("id", "the record id"),
    ("source", "the id, title or publisher of a cited source"),
    (
        "reliability",
        "the weakest cited source: high, medium or low (any case)",
    ),
];

const BRANDS: &[(&str, &str)] = &[
    (
        "name",
        "the brand name, English or Chinese, or an alias (also by pinyin)",
    ),
    ("owner", "the id or name of the owning enterprise"),
    ("segment", "the product segment, e.g. segment:gold"),
    ("honor", "the title of an honour, e.g. honor:top (or honour:)"),
    ("by", "who awarded an honour"),
    ("year", "the year of an honour, e.g. year:2006 or year:2004..2008"),
    ("summary", "the summary text"),
    ("id", "the record id"),
    ("source", "the id, title or publisher of a cited source"),
    (
        "reliability",
        "the weakest cited source: high, medium or low (any case)",
    ),
];

const INDICATORS: &[(&str, &str)] = &[
    ("name", "the indicator's name, English or Chinese (also by pinyin)"),
    (
        "metric",
        "the series it belongs to, e.g. metric:enterprise-count (or series:)",
    ),
    (
        "value",
        "the figure as shown, e.g. value:1,300 or value:billion, also without separators: value:1300",
    ),
    ("scope", "what the figure covers, e.g. scope:shuibei"),
    ("group", "its group, e.g. group:brands"),
    ("unit", "the unit, e.g. unit:yuan"),
    ("qualifier", "exact, about, more-than, less-than, nearly"),
    (
        "date",
        "the as-of date, e.g. date:2007, or a range: date:2025-10..2026-03, date:..2010",
    ),
    ("year", "the as-of year, e.g. year:2007 or year:2020..2025"),
    ("summary", "the summary text"),
    ("id", "the record id"),
    ("source", "the id, title or publisher of a cited source"),
    (
        "reliability",
        "the weakest cited source: high, medium or low (any case)",
    ),
];

/// The field names a query can use in a tab, each with a one-line description.
#[must_use]
pub fn fields(kind: RecordKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        RecordKind::History => HISTORY,
        RecordKind::Enterprise => ENTERPRISES,
        RecordKind::Brand => BRANDS,
        RecordKind::Indicator => INDICATORS,
    }
}
