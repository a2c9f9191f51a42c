//! How records read to a person: figures in words ("more than 1,300 enterprises",
//! "60–70 %", "50 billion yuan"), one-line labels, and the structured detail of a record
//! that both `shuibei show` and the TUI's detail pane draw from (so they cannot drift).
//!
//! Pure functions of the `Db`; no styling, no terminal, no sanitizing (callers own output).

use crate::data::db::{Conflict, Db, PersonSaid, Rec, Said};
use crate::data::model::{Date, Listing, RecordKind, Reliability};
use std::fmt::Write as _;

mod dates;
mod figures;
mod outlets;
mod registry;
pub use dates::{MONTHS, exact_date};
pub use figures::{amount, capital, count, figure, is_change, is_rate, number, short_figure};
pub use outlets::{figure_source, outlet};
pub use registry::status;
use registry::{mark, registry_fields};

/// A history event's date as a person reads it: its label when it has one.
#[must_use]
pub fn event_date(label: Option<&str>, date: Date) -> String {
    label.map_or_else(|| date.to_string(), str::to_owned)
}

/// The datasets laid over the base, as the explorer's header names them:
/// "+ registry.json (1,203 records, 12 merged)"; empty when there are none.
#[must_use]
pub fn layers(db: &Db) -> String {
    db.layers()
        .iter()
        .skip(1)
        .map(|layer| {
            let records = layer.records();
            let mut text = format!(
                "+ {} ({} record{}",
                layer.name(),
                count(records),
                if records == 1 { "" } else { "s" }
            );
            if layer.merged > 0 {
                let _ = write!(text, ", {} merged", count(layer.merged));
            }
            text.push(')');
            text
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// The datasets laid over the base in a few words, for a header too narrow to name them:
/// "+2 layers (61 records, 3 merged)" (one layer: "+ registry.json (…)" as [`layers`]).
#[must_use]
pub fn layers_brief(db: &Db) -> String {
    let added = &db.layers()[1.min(db.layers().len())..];
    if added.len() <= 1 {
        return layers(db);
    }
    let records: usize = added.iter().map(crate::data::db::Layer::records).sum();
    let merged: usize = added.iter().map(|l| l.merged).sum();
    let mut text = format!(
        "+{} layers ({} record{}",
        added.len(),
        count(records),
        if records == 1 { "" } else { "s" }
    );
    if merged > 0 {
        let _ = write!(text, ", {} merged", count(merged));
    }
    text.push(')');
    text
}

/// A name with its Chinese form when there is one: "Chow Tai Seng (周大生珠宝股份有限公司)".
#[must_use]
pub fn names(name: &str, name_zh: Option<&str>) -> String {
    match name_zh {
        Some(zh) if zh != name => format!("{name} ({zh})"),
        _ => name.to_owned(),
    }
}

/// One line naming a record, as `shuibei search` prints it.
#[must_use]
pub fn label(db: &Db, rec: Rec) -> String {
    match rec.kind {
        RecordKind::History => {
            let e = &db.history()[rec.idx()];
            // A date in words ends with a colon, or it runs into the title ("Announced
            // 9 February 2026 CSRC opens …"); a plain date reads apart as it is.
            let colon = if e.date_label.is_some() { ":" } else { "" };
            format!("{}{colon} {}", event_date(e.date_label.as_deref(), e.date), e.title)
        }
        RecordKind::Enterprise => {
            let e = &db.enterprises()[rec.idx()];
            names(&e.name, e.name_zh.as_deref())
        }
        RecordKind::Brand => {
            let b = &db.brands()[rec.idx()];
            names(&b.name, b.name_zh.as_deref())
        }
        RecordKind::Indicator => {
            let i = &db.indicators()[rec.idx()];
            let mut out = format!("{}: {} ({}", i.name, figure(i), i.as_of);
            if let Some(scope) = &i.scope {
                out.push_str(", ");
                out.push_str(scope);
            }
            out.push(')');
            out
        }
    }
}

/// A labelled value in a record's detail.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// Records a detail links to, under a heading ("Owner", "Brands", "Mentioned in").
#[derive(Debug, Clone, PartialEq)]
pub struct Links {
    pub label: &'static str,
    pub items: Vec<(Rec, String)>,
}

/// One citation, resolved against its source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    pub id: String,
    pub title: String,
    pub reliability: Reliability,
    /// Publisher and date, when known: "深圳市委党校, 2013-11-11".
    pub byline: Option<String>,
    pub location: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
}

/// Everything a person can learn about one record, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub kind: RecordKind,
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub fields: Vec<Field>,
    pub summary: Option<String>,
    pub links: Vec<Links>,
    pub sources: Vec<SourceLine>,
    /// What of the record rests on low-reliability sources, said above its fields.
    pub low: Low,
}

/// How much of a record rests on low-reliability sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Low {
    None,
    /// Every source is low.
    Only,
    /// Some: the claims that rest on one (the quote or note of each such citation, else
    /// the source's title).
    Some(Vec<String>),
}

impl Low {
    /// The warning when every source is low.
    pub const ONLY: &str = "⚠ rests on LOW-reliability sources only; see Sources below";
    /// The heading of the claims when some are.
    pub const SOME: &str = "* some of this rests on a LOW-reliability source:";

    fn of(db: &Db, rec: Rec) -> Low {
        if db.strongest_source(rec) == Some(Reliability::Low) {
            return Low::Only;
        }
        if db.weakest_source(rec) != Some(Reliability::Low) {
            return Low::None;
        }
        Low::Some(
            db.cites(rec)
                .iter()
                .filter_map(|cite| {
                    let source = db.source(&cite.source)?;
                    (source.reliability == Reliability::Low).then(|| match (&cite.quote, &cite.note) {
                        (Some(q), _) => format!("“{q}” ({})", source.title),
                        // A note says what the source is cited for; without this it read
                        // as the claim itself (a trial).
                        (None, Some(n)) => format!("what {} is cited for: {n}", source.title),
                        (None, None) => format!("what {} says", source.title),
                    })
                })
                .collect(),
        )
    }
}

fn field(fields: &mut Vec<Field>, label: &'static str, value: Option<String>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        fields.push(Field { label, value });
    }
}

/// A record's tags (or an enterprise's segments), each with its Chinese when the dataset
/// gives it ("pre-pricing 预定价, crisis"), so that a search in Chinese that found the
/// record by its tag shows where.
fn tags(db: &Db, tags: &[crate::data::model::Sym]) -> Option<String> {
    (!tags.is_empty()).then(|| {
        tags.iter()
            .map(|t| match db.tag_zh(t) {
                Some(zh) => format!("{t} {zh}"),
                None => t.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn joined<T: std::ops::Deref<Target = str>>(items: &[T]) -> Option<String> {
    (!items.is_empty()).then(|| items.iter().map(|s| &**s).collect::<Vec<_>>().join(", "))
}

/// The full detail of a record.
#[must_use]
pub fn detail(db: &Db, rec: Rec) -> Detail {
    let mut d = Detail {
        kind: rec.kind,
        id: db.id(rec).to_owned(),
        title: String::new(),
        subtitle: None,
        fields: Vec::new(),
        summary: None,
        links: Vec::new(),
        sources: source_lines(db, rec),
        low: Low::of(db, rec),
    };
    match rec.kind {
        RecordKind::History => history_detail(db, rec.idx(), &mut d),
        RecordKind::Enterprise => enterprise_detail(db, rec.idx(), &mut d),
        RecordKind::Brand => brand_detail(db, rec.idx(), &mut d),
        RecordKind::Indicator => indicator_detail(db, rec.idx(), &mut d),
    }
    if matches!(rec.kind, RecordKind::Enterprise | RecordKind::Brand) {
        let events = db
            .events_about(rec)
            .iter()
            .map(|e| Rec::new(RecordKind::History, *e as usize));
        push_links(db, &mut d, "Mentioned in", events);
    }
    let figures = db
        .figures_about(rec)
        .iter()
        .map(|f| Rec::new(RecordKind::Indicator, *f as usize));
    push_links(db, &mut d, "Figures", figures);
    d
}

fn push_links(db: &Db, d: &mut Detail, label: &'static str, recs: impl Iterator<Item = Rec>) {
    let items: Vec<_> = recs.map(|r| (r, self::label(db, r))).collect();
    if !items.is_empty() {
        d.links.push(Links { label, items });
    }
}

fn head(d: &mut Detail, title: &str, subtitle: Option<&str>, summary: Option<&str>) {
    title.clone_into(&mut d.title);
    // A Chinese name that is also the name (a registry's company without an English
    // name) is not said twice.
    d.subtitle = subtitle.filter(|s| *s != title).map(str::to_owned);
    d.summary = summary.map(str::to_owned);
}

fn history_detail(db: &Db, i: usize, d: &mut Detail) {
    let e = &db.history()[i];
    head(d, &e.title, e.title_zh.as_deref(), e.summary.as_deref());
    field(&mut d.fields, "Date", Some(event_date(e.date_label.as_deref(), e.date)));
    if e.date_label.is_some() {
        field(&mut d.fields, "Sorted as", Some(e.date.to_string()));
    }
    field(&mut d.fields, "Tags", tags(db, &e.tags));
    push_links(db, d, "Related", e.related.iter().filter_map(|id| db.record(id)));
}

fn enterprise_detail(db: &Db, i: usize, d: &mut Detail) {
    let e = &db.enterprises()[i];
    head(d, &e.name, e.name_zh.as_deref(), e.summary.as_deref());
    let fields = &mut d.fields;
    // A value an added file gave (`--add`) says so: a user's file must not read as the
    // dataset below it.
    let from = |f: &str| db.field_from(i, f).map(str::to_owned);
    let marked = |value: Option<String>, f: &str| value.map(|v| mark(v, from(f).as_deref()));
    field(fields, "Kind", marked(e.kind.map(|k| k.to_string()), "kind"));
    field(
        fields,
        "Ownership",
        marked(e.ownership.map(|o| o.to_string()), "ownership"),
    );
    field(fields, "Segments", tags(db, &e.segments));
    field(fields, "Founded", marked(e.founded.map(|d| d.to_string()), "founded"));
    field(
        fields,
        "Location",
        marked(e.location.as_deref().map(str::to_owned), "location"),
    );
    field(fields, "Aliases", joined(&e.aliases));
    if let Some(r) = &e.registry {
        let shown = registry_fields(r, &from);
        fields.extend(shown.into_iter().map(|(label, value)| Field { label, value }));
    }
    // Where layers disagreed: the value not kept, with the file that gave it.
    for c in db.conflicts_of(&e.id) {
        field(fields, "Conflict", Some(conflict(c)));
    }
    for l in &e.listings {
        field(fields, "Listing", Some(listing(l)));
    }
    for (k, p) in e.people.iter().enumerate() {
        let mut text = p.name.to_string();
        if let Some(role) = &p.role {
            let _ = write!(text, ", {role}");
        }
        match (person_said(db, i, k), p.as_of) {
            (Some((_, PersonSaid::Later { .. })), Some(_)) => {
                let dates = person_dates(db, i, k).unwrap_or_default();
                let _ = write!(text, " ({dates})");
            }
            (Some((s, _)), as_of) => {
                if let Some(as_of) = as_of {
                    let _ = write!(text, " ({as_of})");
                }
                text = mark(text, Some(&s.label));
            }
            (None, Some(as_of)) => {
                let _ = write!(text, " ({as_of})");
            }
            (None, None) => {}
        }
        field(fields, "Person", Some(text));
    }
    field(fields, "Tags", tags(db, &e.tags));
    let brands = db.brands_of(i).iter().map(|b| Rec::new(RecordKind::Brand, *b as usize));
    push_links(db, d, "Brands", brands);
}

/// A listing as a person reads it: "SSE 600086, listed 1997-06-06, delisted 2021-03-17".
#[must_use]
pub fn listing(l: &Listing) -> String {
    let mut text = format!("{} {}", l.exchange, l.code);
    if let Some(listed) = l.listed {
        let _ = write!(text, ", listed {listed}");
    }
    if let Some(delisted) = l.delisted {
        let _ = write!(text, ", delisted {delisted}");
    }
    text
}

fn brand_detail(db: &Db, i: usize, d: &mut Detail) {
    let b = &db.brands()[i];
    head(d, &b.name, b.name_zh.as_deref(), b.summary.as_deref());
    field(&mut d.fields, "Aliases", joined(&b.aliases));
    field(&mut d.fields, "Segment", b.segment.as_deref().map(str::to_owned));
    for h in &b.honors {
        let mut text = h.title.to_string();
        if let Some(year) = h.year {
            let _ = write!(text, ", {year}");
        }
        if let Some(by) = &h.by {
            let _ = write!(text, ", by {by}");
        }
        field(&mut d.fields, "Honour", Some(text));
    }
    push_links(db, d, "Owner", db.owner_of(i).into_iter());
}

fn indicator_detail(db: &Db, i: usize, d: &mut Detail) {
    let ind = &db.indicators()[i];
    head(d, &ind.name, ind.name_zh.as_deref(), ind.summary.as_deref());
    let fields = &mut d.fields;
    field(fields, "Value", Some(figure(ind)));
    // The time of day the name gives, for two figures of one day.
    let as_of = match time_of_day(&ind.name) {
        Some(time) => format!("{} {time}", ind.as_of),
        None => ind.as_of.to_string(),
    };
    field(fields, "As of", Some(as_of));
    field(fields, "Scope", ind.scope.as_deref().map(str::to_owned));
    field(fields, "Group", ind.group.as_deref().map(str::to_owned));
    field(fields, "Series", ind.metric.as_deref().map(str::to_owned));
    push_links(db, d, "Related", ind.related.iter().filter_map(|id| db.record(id)));
}

fn source_lines(db: &Db, rec: Rec) -> Vec<SourceLine> {
    db.cites(rec)
        .iter()
        .filter_map(|cite| {
            let source = db.source(&cite.source)?;
            let byline = match (&source.publisher, source.date) {
                (Some(p), Some(d)) => Some(format!("{p}, {d}")),
                (Some(p), None) => Some(p.to_string()),
                (None, Some(d)) => Some(d.to_string()),
                (None, None) => None,
            };
            Some(SourceLine {
                id: source.id.to_string(),
                title: source.title.to_string(),
                reliability: source.reliability,
                byline,
                location: source.url.as_deref().or(source.file.as_deref()).map(str::to_owned),
                quote: cite.quote.as_deref().map(str::to_owned),
                note: cite.note.as_deref().or(source.note.as_deref()).map(str::to_owned),
            })
        })
        .collect()
}

/// The detail as plain text, for `shuibei show`: a linked record is given by kind and
/// id, as the first line gives this one's, so that it can be shown in turn.
#[must_use]
pub fn detail_text(db: &Db, d: &Detail) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", d.kind, d.id);
    out.push_str(&d.title);
    out.push('\n');
    if let Some(sub) = &d.subtitle {
        out.push_str(sub);
        out.push('\n');
    }
    match &d.low {
        Low::None => {}
        Low::Only => {
            out.push_str(Low::ONLY);
            out.push('\n');
        }
        Low::Some(claims) => {
            out.push_str(Low::SOME);
            out.push('\n');
            for claim in claims {
                let _ = writeln!(out, "  {claim}");
            }
        }
    }
    let width = d.fields.iter().map(|f| f.label.len()).max().unwrap_or(0);
    if !d.fields.is_empty() {
        out.push('\n');
    }
    for f in &d.fields {
        let _ = writeln!(out, "{:width$}  {}", f.label, f.value);
    }
    if let Some(summary) = &d.summary {
        out.push('\n');
        out.push_str(summary);
        out.push('\n');
    }
    for group in &d.links {
        let _ = writeln!(out, "\n{}:", group.label);
        for (rec, text) in &group.items {
            let _ = writeln!(out, "  {} {} → {text}", rec.kind, db.id(*rec));
        }
    }
    let _ = writeln!(out, "\nSources ({}):", d.sources.len());
    for s in &d.sources {
        // A weak source is flagged once, in capitals, where the others say how reliable.
        if s.reliability == Reliability::Low {
            let _ = writeln!(out, "  [LOW RELIABILITY] {}", s.title);
        } else {
            let _ = writeln!(out, "  [{}] {}", s.reliability, s.title);
        }
        // Its id, as a linked record's: `shuibei show` takes it.
        let _ = writeln!(out, "      source {}", s.id);
        if let Some(by) = &s.byline {
            let _ = writeln!(out, "      {by}");
        }
        if let Some(loc) = &s.location {
            let _ = writeln!(out, "      {loc}");
        }
        if let Some(q) = &s.quote {
            let _ = writeln!(out, "      “{q}”");
        }
        if let Some(n) = &s.note {
            let _ = writeln!(out, "      note: {n}");
        }
    }
    out
}

/// The first time of day a text writes as `H:MM` or `HH:MM` (hours 0–23): a figure's
/// name may give the time of a price (`3 February 2026, 18:30`), its date cannot.
#[must_use]
pub fn time_of_day(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len()).find_map(|i| {
        let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
        if i > 0 && (digit(i - 1) || b[i - 1] == b':') {
            return None;
        }
        let hour_len = if digit(i) && digit(i + 1) && b.get(i + 2) == Some(&b':') {
            2
        } else if digit(i) && b.get(i + 1) == Some(&b':') {
            1
        } else {
            return None;
        };
        let colon = i + hour_len;
        if !(digit(colon + 1) && digit(colon + 2)) || digit(colon + 3) {
            return None;
        }
        let hour: u32 = text[i..colon].parse().ok()?;
        let minute: u32 = text[colon + 1..colon + 3].parse().ok()?;
        // `2:30 pm` whole: without it the hour would read as the morning's.
        let after = &text[colon + 3..];
        let half = ["am", "pm", "a.m.", "p.m."].iter().find_map(|h| {
            let spaced = after.strip_prefix(' ').unwrap_or(after);
            let rest = spaced.get(..h.len()).filter(|s| s.eq_ignore_ascii_case(h))?;
            let end = spaced[h.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            end.then_some(colon + 3 + (after.len() - spaced.len()) + rest.len())
        });
        (hour < 24 && minute < 60).then(|| &text[i..half.unwrap_or(colon + 3)])
    })
}

/// The last file that named person `k` of enterprise `i` or dated them later, and how.
fn person_said(db: &Db, i: usize, k: usize) -> Option<(&Said, PersonSaid)> {
    db.said_of(i)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|s| s.people.iter().find(|(at, _)| *at == k).map(|(_, how)| (s, *how)))
}

/// Person `k`'s date as the detail writes it: its own, or, where a later file dated the
/// same person later, both (`2026-02; 2026-03-20 per counterparties.csv`: the date the
/// files below gave stays visible, in the detail and in an export alike).
#[must_use]
pub fn person_dates(db: &Db, i: usize, k: usize) -> Option<String> {
    let as_of = db.enterprises()[i].people.get(k)?.as_of?;
    Some(match person_said(db, i, k) {
        Some((s, PersonSaid::Later { earlier })) => {
            let earlier = earlier.map_or_else(|| "undated".to_owned(), |d| d.to_string());
            format!("{earlier}; {as_of} per {}", s.title)
        }
        _ => as_of.to_string(),
    })
}

/// One conflict between layers as the detail's `Conflict` line and the export's
/// `conflicts` column write it: `location: Shenzhen (cluster) over 深圳市罗湖区… (borrowers.json)`,
/// the value kept first.
#[must_use]
pub fn conflict(c: &Conflict) -> String {
    let name = c.field.strip_prefix("registry.").unwrap_or(c.field);
    let between = if c.both_kept { "and" } else { "over" };
    format!(
        "{name}: {} ({}) {between} {} ({})",
        c.kept, c.kept_from, c.other, c.other_from
    )
}

#[cfg(test)]
mod tests;
