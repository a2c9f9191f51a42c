//! The fields a query can name (`ownership:private`), per tab, and how to read each
//! field's values out of a record.
//!
//! One table per tab is the source of truth for the help overlay, the README and the
//! parser; the semantics of each name (how it matches, whether plain terms search it)
//! live in [`spec`]. Nothing here matches or scores: it only yields text.

use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;

mod names;

pub use names::fields;

/// Declares [`Field`] and [`Field::ALL`] from one list, so that the list has every
/// field, in declaration order (a field's place in it is its code in a cache file).
macro_rules! fields {
    ($($field:ident),* $(,)?) => {
        /// What a field reads in a record.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($field),*
        }

        impl Field {
            /// Every field, in declaration order.
            pub const ALL: &[Field] = &[$(Field::$field),*];
        }
    };
}

fields!(
    Name,
    Summary,
    Tag,
    Date,
    Year,
    Related,
    Kind,
    Ownership,
    Segment,
    Founded,
    Location,
    Person,
    Role,
    Exchange,
    Code,
    Delisted,
    Credit,
    Status,
    District,
    Brand,
    Owner,
    Honor,
    By,
    Metric,
    Scope,
    Group,
    Unit,
    Qualifier,
    Value,
    Id,
    Source,
    Reliability,
);

impl Field {
    /// The field's code: its place in [`Field::ALL`].
    #[must_use]
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The field with this code.
    #[must_use]
    pub fn from_code(code: usize) -> Option<Field> {
        Field::ALL.get(code).copied()
    }
}

/// How a named field compares a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub field: Field,
    /// A term must start one of the value's words (`segment:gold` finds "k-gold", not
    /// "golden"); otherwise the term is matched fuzzily.
    pub keyword: bool,
    /// Plain terms (without `field:`) search it too, ranked below names.
    pub secondary: bool,
}

/// The meaning of a field name in a tab; `None` when the tab has no such field.
#[must_use]
pub fn spec(kind: RecordKind, name: &str) -> Option<Spec> {
    // The screens say "Honour" and an indicator's "Series"; the data's fields are
    // `honors` and `metric`: both names work.
    let name = match (name, kind) {
        ("honour", _) => "honor",
        ("series", RecordKind::Indicator) => "metric",
        _ => name,
    };
    if !fields(kind).iter().any(|(n, _)| *n == name) {
        return None;
    }
    let (field, keyword, secondary) = match name {
        "title" | "name" => (Field::Name, false, false),
        "summary" => (Field::Summary, false, true),
        "tag" => (Field::Tag, true, true),
        "date" => (Field::Date, true, true),
        "year" => (Field::Year, true, kind == RecordKind::Brand),
        "related" => (Field::Related, false, false),
        "kind" => (Field::Kind, true, true),
        "ownership" => (Field::Ownership, true, true),
        "segment" => (Field::Segment, true, true),
        "founded" => (Field::Founded, true, true),
        "location" => (Field::Location, false, true),
        "person" => (Field::Person, false, true),
        "role" => (Field::Role, false, true),
        "exchange" => (Field::Exchange, true, true),
        "code" => (Field::Code, true, true),
        "delisted" => (Field::Delisted, true, true),
        "credit" => (Field::Credit, true, false),
        "status" => (Field::Status, true, false),
        "district" => (Field::District, false, false),
        "brand" => (Field::Brand, false, false),
        "owner" => (Field::Owner, false, false),
        "honor" => (Field::Honor, false, true),
        "by" => (Field::By, false, true),
        "metric" => (Field::Metric, true, true),
        "scope" => (Field::Scope, false, true),
        "group" => (Field::Group, false, true),
        "unit" => (Field::Unit, true, true),
        "qualifier" => (Field::Qualifier, true, false),
        // A word of the figure, not a scatter of its letters: `value:billion` must not find
        // "about HK$573 million" (a-b-out … -illion).
        "value" => (Field::Value, true, true),
        "id" => (Field::Id, true, false),
        "source" => (Field::Source, false, false),
        "reliability" => (Field::Reliability, true, false),
        _ => return None,
    };
    Some(Spec {
        field,
        keyword,
        secondary,
    })
}

/// The public name of a field in a tab (for "matched in …").
#[must_use]
pub fn name_of(kind: RecordKind, field: Field) -> &'static str {
    match field {
        Field::Name if kind == RecordKind::History => "title",
        Field::Name => "name",
        Field::Summary => "summary",
        Field::Tag => "tag",
        Field::Date => "date",
        Field::Year => "year",
        Field::Related => "related",
        Field::Kind => "kind",
        Field::Ownership => "ownership",
        Field::Segment => "segment",
        Field::Founded => "founded",
        Field::Location => "location",
        Field::Person => "person",
        Field::Role => "role",
        Field::Exchange => "exchange",
        Field::Code => "code",
        Field::Delisted => "delisted",
        Field::Credit => "credit",
        Field::Status => "status",
        Field::District => "district",
        Field::Brand => "brand",
        Field::Owner => "owner",
        Field::Honor => "honor",
        Field::By => "by",
        Field::Metric => "metric",
        Field::Scope => "scope",
        Field::Group => "group",
        Field::Unit => "unit",
        Field::Qualifier => "qualifier",
        Field::Value => "value",
        Field::Id => "id",
        Field::Source => "source",
        Field::Reliability => "reliability",
    }
}

/// The fields plain terms search (below names), per tab.
#[must_use]
pub fn secondary(kind: RecordKind) -> &'static [Field] {
    match kind {
        RecordKind::History => &[Field::Summary, Field::Tag, Field::Date],
        RecordKind::Enterprise => &[
            Field::Kind,
            Field::Ownership,
            Field::Segment,
            Field::Founded,
            Field::Location,
            Field::Person,
            Field::Role,
            Field::Exchange,
            Field::Code,
            Field::Delisted,
            Field::Tag,
            Field::Summary,
        ],
        RecordKind::Brand => &[Field::Segment, Field::Honor, Field::By, Field::Year, Field::Summary],
        RecordKind::Indicator => &[
            Field::Metric,
            Field::Value,
            Field::Scope,
            Field::Group,
            Field::Unit,
            Field::Date,
            Field::Summary,
        ],
    }
}

/// [`secondary`] without the fields whose values are a date or a year alone (digits and
/// hyphens, formatted anew for each record read): what a term with any other char is
/// matched against, since it is never in them. A history date stays: it has a label.
#[must_use]
pub fn secondary_undated(kind: RecordKind) -> &'static [Field] {
    match kind {
        RecordKind::History => secondary(kind),
        RecordKind::Enterprise => &[
            Field::Kind,
            Field::Ownership,
            Field::Segment,
            Field::Location,
            Field::Person,
            Field::Role,
            Field::Exchange,
            Field::Code,
            Field::Delisted,
            Field::Tag,
            Field::Summary,
        ],
        RecordKind::Brand => &[Field::Segment, Field::Honor, Field::By, Field::Summary],
        RecordKind::Indicator => &[
            Field::Metric,
            Field::Value,
            Field::Scope,
            Field::Group,
            Field::Unit,
            Field::Summary,
        ],
    }
}

/// Whether [`visit`] makes the field's values as it goes (dates, years and delistings in
/// its scratch buffer, a figure in a string of its own): one address then holds another
/// text from record to record, so nothing may remember such a value by its address.
#[must_use]
pub fn formatted(field: Field) -> bool {
    matches!(
        field,
        Field::Date | Field::Founded | Field::Year | Field::Value | Field::Delisted
    )
}

/// Calls `each` with `text` in simplified characters, when that differs from `text`.
/// The last text converted is remembered per thread: packing the search values reads a
/// source once per citing record, and an import's million records cite one source (a
/// conversion is 90–190 ns; comparing with the last text, a few).
fn simplified(text: &str, each: &mut dyn FnMut(&str) -> bool) -> bool {
    use std::cell::RefCell;
    thread_local! {
        static LAST: RefCell<(String, Option<String>)> = const { RefCell::new((String::new(), None)) };
    }
    if text.is_ascii() {
        return false;
    }
    let simple = LAST.with_borrow_mut(|(from, to)| {
        if from != text {
            let converted = fast2s::convert(text);
            *to = (converted != text).then_some(converted);
            from.clear();
            from.push_str(text);
        }
        to.clone()
    });
    simple.is_some_and(|s| each(&s))
}

/// Calls `each` with `rec`'s summary and its copy in simplified characters, when it holds
/// traditional ones (or with the one of them a term reads, [`for_term`]): a report quoted
/// as written (報警) is found by the simplified query a reader types (报警), as the
/// query's traditional characters are simplified. The copies are made once per tab and
/// kept (`Db::simplified_summary`).
fn free_text(db: &Db, rec: Rec, text: &str, each: &mut dyn FnMut(&str) -> bool) -> bool {
    match COPIES.get() {
        Copies::Both => each(text) || db.simplified_summary(rec).is_some_and(each),
        Copies::None => each(text),
        Copies::Instead => each(db.simplified_summary(rec).unwrap_or(text)),
    }
}

/// Which of a summary and its simplified copy [`visit`] gives ([`for_term`]).
#[derive(Clone, Copy)]
enum Copies {
    /// Both (packing the values, and any question but a term's).
    Both,
    /// The summary alone: for a term with no Chinese char.
    None,
    /// The copy where there is one, else the summary: for a Chinese term.
    Instead,
}

thread_local! {
    static COPIES: std::cell::Cell<Copies> = const { std::cell::Cell::new(Copies::Both) };
}

/// Runs `f` with [`visit`] giving what a term reads of a summary, not both texts (which
/// doubled a keystroke's time on 300,000 summaries in traditional characters). Only
/// Chinese chars differ in the copy: a term with none matches it where it matches the
/// summary, so it reads the summary; a Chinese term comes with its simplified form (the
/// query simplifies it), which matches the copy wherever either form stood in the
/// summary, so it reads the copy.
pub fn for_term<T>(han: bool, f: impl FnOnce() -> T) -> T {
    let was = COPIES.replace(if han { Copies::Instead } else { Copies::None });
    let out = f();
    COPIES.set(was);
    out
}

/// Calls `each` with every value of `field` in `rec` until it returns true; returns
/// whether one did. `scratch` holds values that must be formatted (dates, years).
pub fn visit(db: &Db, rec: Rec, field: Field, scratch: &mut String, each: &mut dyn FnMut(&str) -> bool) -> bool {
    use std::fmt::Write as _;
    let i = rec.idx();
    match (rec.kind, field) {
        (_, Field::Id) => each(db.id(rec)),
        // The id, title and publisher of each cited source; text in traditional characters
        // also simplified, as the Sources tab reads it (`source:联合报` finds 聯合報's).
        (_, Field::Source) => db.cites(rec).iter().any(|c| {
            each(&c.source)
                || db.source(&c.source).is_some_and(|s| {
                    [Some(&*s.title), s.publisher.as_deref()]
                        .into_iter()
                        .flatten()
                        .any(|text| each(text) || simplified(text, each))
                })
        }),
        (_, Field::Reliability) => db.weakest_source(rec).is_some_and(|r| each(r.as_str())),
        (RecordKind::History, f) => {
            let e = &db.history()[i];
            match f {
                Field::Name => each(&e.title) || e.title_zh.as_deref().is_some_and(&mut *each),
                Field::Summary => e.summary.as_deref().is_some_and(|s| free_text(db, rec, s, each)),
                Field::Tag => e.tags.iter().any(|t| each(t) || db.tag_zh(t).is_some_and(&mut *each)),
                Field::Date => e.date_label.as_deref().is_some_and(&mut *each) || date(e.date, false, scratch, each),
                Field::Year => date(e.date, true, scratch, each),
                Field::Related => e.related.iter().any(|id| {
                    each(id)
                        || db
                            .record(id)
                            .is_some_and(|r| primary_names(db, r).into_iter().flatten().any(&mut *each))
                }),
                _ => false,
            }
        }
        (RecordKind::Enterprise, f) => enterprise(db, i, f, scratch, each),
        (RecordKind::Brand, f) => {
            let b = &db.brands()[i];
            match f {
                Field::Name => {
                    each(&b.name) || b.name_zh.as_deref().is_some_and(&mut *each) || b.aliases.iter().any(|a| each(a))
                }
                Field::Summary => b.summary.as_deref().is_some_and(|s| free_text(db, rec, s, each)),
                Field::Segment => b.segment.as_deref().is_some_and(&mut *each),
                Field::Honor => b.honors.iter().any(|h| each(&h.title)),
                Field::By => b.honors.iter().filter_map(|h| h.by.as_deref()).any(&mut *each),
                Field::Year => b.honors.iter().filter_map(|h| h.year).any(|y| {
                    scratch.clear();
                    let _ = write!(scratch, "{y:04}");
                    each(scratch)
                }),
                // By id as well, as the data writes it (`related:` reads both too).
                Field::Owner => db.owner_of(i).is_some_and(|o| {
                    let e = &db.enterprises()[o.idx()];
                    each(&e.id) || each(&e.name) || e.name_zh.as_deref().is_some_and(&mut *each)
                }),
                _ => false,
            }
        }
        (RecordKind::Indicator, f) => {
            let ind = &db.indicators()[i];
            match f {
                Field::Name => each(&ind.name) || ind.name_zh.as_deref().is_some_and(&mut *each),
                Field::Summary => ind.summary.as_deref().is_some_and(|s| free_text(db, rec, s, each)),
                Field::Metric => ind.metric.as_deref().is_some_and(&mut *each),
                Field::Scope => ind.scope.as_deref().is_some_and(&mut *each),
                Field::Group => ind.group.as_deref().is_some_and(&mut *each),
                Field::Unit => each(&ind.unit),
                Field::Qualifier => each(ind.qualifier.as_str()),
                // As the table shows it ("more than 1,300 enterprises", "50 billion
                // yuan"), then without separators ("more than 1300 enterprises").
                Field::Value => {
                    let figure = crate::data::present::figure(ind);
                    each(&figure) || (figure.contains(',') && each(&figure.replace(',', "")))
                }
                Field::Date => date(ind.as_of, false, scratch, each),
                Field::Year => date(ind.as_of, true, scratch, each),
                Field::Related => ind.related.iter().any(|id| {
                    each(id)
                        || db
                            .record(id)
                            .is_some_and(|r| primary_names(db, r).into_iter().flatten().any(&mut *each))
                }),
                _ => false,
            }
        }
    }
}

/// [`visit`] for an enterprise.
fn enterprise(db: &Db, i: usize, f: Field, scratch: &mut String, each: &mut dyn FnMut(&str) -> bool) -> bool {
    use std::fmt::Write as _;
    let e = &db.enterprises()[i];
    match f {
        Field::Name => {
            each(&e.name) || e.name_zh.as_deref().is_some_and(&mut *each) || e.aliases.iter().any(|a| each(a))
        }
        Field::Summary => e
            .summary
            .as_deref()
            .is_some_and(|s| free_text(db, Rec::new(RecordKind::Enterprise, i), s, each)),
        Field::Tag => e.tags.iter().any(|t| each(t) || db.tag_zh(t).is_some_and(&mut *each)),
        Field::Kind => e.kind.is_some_and(|k| each(k.as_str())),
        Field::Ownership => e.ownership.is_some_and(|o| each(o.as_str())),
        Field::Segment => e
            .segments
            .iter()
            .any(|s| each(s) || db.tag_zh(s).is_some_and(&mut *each)),
        Field::Founded => e.founded.is_some_and(|d| date(d, false, scratch, each)),
        Field::Year => e.founded.is_some_and(|d| date(d, true, scratch, each)),
        Field::Location => e.location.as_deref().is_some_and(&mut *each) || e.address().is_some_and(&mut *each),
        Field::Person => e.people.iter().any(|p| each(&p.name)),
        Field::Role => e.people.iter().filter_map(|p| p.role.as_deref()).any(&mut *each),
        Field::Exchange => e.listings.iter().any(|l| each(&l.exchange)),
        Field::Code => e.listings.iter().any(|l| each(&l.code)) || registry(e, Field::Credit, each),
        Field::Credit | Field::Status => registry(e, f, each),
        // As registered, else the Shenzhen district the location or tags name (in English
        // and Chinese): what the District filter shows, so `district:luohu` finds the
        // rows the filter's Luohu does.
        Field::District => {
            registry(e, f, each)
                || crate::data::places::districts(e)
                    .into_iter()
                    .any(|d| each(d) || crate::data::places::chinese_full(d).is_some_and(&mut *each))
        }
        // As a reader says it: "SSE 600086 delisted 2021-03-17".
        Field::Delisted => e.listings.iter().any(|l| {
            l.delisted.is_some_and(|d| {
                scratch.clear();
                let _ = write!(scratch, "{} {} delisted {d}", l.exchange, l.code);
                each(scratch)
            })
        }),
        Field::Brand => db.brands_of(i).iter().any(|b| {
            let brand = &db.brands()[*b as usize];
            each(&brand.name) || brand.name_zh.as_deref().is_some_and(&mut *each)
        }),
        _ => false,
    }
}

/// The values of an enterprise's registry fields: its credit code, its status (the
/// format's word and the registry's words for it, 存续, 在业, 开业 … alike, then the
/// export's own text unless it holds another status's word: 吊销，未注销 is no
/// cancelled company), its province, city and district.
fn registry(e: &crate::data::model::Enterprise, field: Field, each: &mut dyn FnMut(&str) -> bool) -> bool {
    let Some(r) = e.registry.as_deref() else {
        return false;
    };
    match field {
        Field::Credit => r.credit_code.as_ref().is_some_and(|c| each(c)),
        Field::Status => {
            r.status.is_some_and(|s| s.words().any(&mut *each))
                || r.status_text
                    .as_deref()
                    .filter(|text| {
                        r.status
                            .is_none_or(|s| !crate::data::model::holds_another_status(text, s))
                    })
                    .is_some_and(&mut *each)
        }
        Field::District => [&r.province, &r.city, &r.district]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .any(each),
        _ => false,
    }
}

/// Formats a date (or its year) into `scratch` and calls `each` with it.
fn date(
    d: crate::data::model::Date,
    year_only: bool,
    scratch: &mut String,
    each: &mut dyn FnMut(&str) -> bool,
) -> bool {
    use std::fmt::Write as _;
    scratch.clear();
    if year_only {
        let _ = write!(scratch, "{:04}", d.year());
    } else {
        let _ = write!(scratch, "{d}");
    }
    each(scratch)
}

/// Reads the first byte of each of the record's secondary values that live outside the
/// record (lists, text), so that [`visit`] soon after finds them in cache. A handful of
/// loads that do not depend on each other: done for many records in a row, their cache
/// misses overlap instead of stalling one after the other. Returns a value derived from
/// the bytes, so the loads are not optimised away.
#[must_use]
pub fn touch(db: &Db, rec: Rec) -> usize {
    fn first<T: AsRef<str>>(list: &[T]) -> usize {
        list.first()
            .map_or(0, |t| usize::from(t.as_ref().as_bytes().first().copied().unwrap_or(0)))
    }
    fn text(t: Option<&str>) -> usize {
        t.and_then(|t| t.as_bytes().first()).map_or(0, |b| usize::from(*b))
    }
    let i = rec.idx();
    match rec.kind {
        RecordKind::History => {
            let e = &db.history()[i];
            first(&e.tags) + text(e.summary.as_deref())
        }
        RecordKind::Enterprise => {
            let e = &db.enterprises()[i];
            let people = e.people.first().map_or(0, |p| text(Some(&p.name)));
            first(&e.segments) + text(e.location.as_deref()) + first(&e.tags) + text(e.summary.as_deref()) + people
        }
        RecordKind::Brand => {
            let b = &db.brands()[i];
            text(b.segment.as_deref()) + text(b.summary.as_deref())
        }
        RecordKind::Indicator => {
            let ind = &db.indicators()[i];
            text(ind.metric.as_deref()) + text(ind.summary.as_deref())
        }
    }
}

/// The date a date field holds (with the label shown for it), for fields that are dates.
#[must_use]
pub fn date_of(db: &Db, rec: Rec, field: Field) -> Option<(crate::data::model::Date, Option<&str>)> {
    let i = rec.idx();
    match (rec.kind, field) {
        (RecordKind::History, Field::Date) => {
            let e = &db.history()[i];
            Some((e.date, e.date_label.as_deref()))
        }
        (RecordKind::Enterprise, Field::Founded) => db.enterprises()[i].founded.map(|d| (d, None)),
        (RecordKind::Indicator, Field::Date) => Some((db.indicators()[i].as_of, None)),
        _ => None,
    }
}

/// A record's own names: its primary display text and its Chinese text.
#[must_use]
pub fn primary_names(db: &Db, rec: Rec) -> [Option<&str>; 2] {
    let i = rec.idx();
    match rec.kind {
        RecordKind::History => {
            let e = &db.history()[i];
            [Some(&e.title), e.title_zh.as_deref()]
        }
        RecordKind::Enterprise => {
            let e = &db.enterprises()[i];
            [Some(&e.name), e.name_zh.as_deref()]
        }
        RecordKind::Brand => {
            let b = &db.brands()[i];
            [Some(&b.name), b.name_zh.as_deref()]
        }
        RecordKind::Indicator => {
            let ind = &db.indicators()[i];
            [Some(&ind.name), ind.name_zh.as_deref()]
        }
    }
}

/// A record's aliases (enterprises and brands have them): other names it is known by,
/// ranked with its own names.
#[must_use]
pub fn aliases(db: &Db, rec: Rec) -> &[crate::data::model::Text] {
    match rec.kind {
        RecordKind::Enterprise => &db.enterprises()[rec.idx()].aliases,
        RecordKind::Brand => &db.brands()[rec.idx()].aliases,
        _ => &[],
    }
}

/// The related names that count as a record's primary text: a brand's owner, an
/// enterprise's brands. The field says which.
pub fn related_names(db: &Db, rec: Rec, each: &mut dyn FnMut(Field, &str) -> bool) -> bool {
    match rec.kind {
        RecordKind::Brand => db.owner_of(rec.idx()).is_some_and(|o| {
            let e = &db.enterprises()[o.idx()];
            each(Field::Owner, &e.name) || e.name_zh.as_deref().is_some_and(|zh| each(Field::Owner, zh))
        }),
        RecordKind::Enterprise => db.brands_of(rec.idx()).iter().any(|b| {
            let brand = &db.brands()[*b as usize];
            each(Field::Brand, &brand.name) || brand.name_zh.as_deref().is_some_and(|zh| each(Field::Brand, zh))
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
