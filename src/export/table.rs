//! The rows of an export as typed cells, one set of columns per tab, shared by the CSV
//! and xlsx writers: CSV writes every cell as text, the workbook keeps dates as dates and
//! figures as numbers. Cells hold the data as stored (nothing sanitized yet: each writer
//! makes them safe for where they go).
//!
//! Every field of a record's JSON has a column: lists are joined with `"; "`, listings
//! read as the detail pane shows them ("SZSE 002867, listed 2017-04-27"), people with
//! their role and date, each cited source as a reference a reader can follow in
//! `citations` (`Title. Publisher, date. URL [low reliability]`, one line each),
//! citations' quotes and notes in `quotes` (one line each). An indicator names in
//! `conflicts_with` the figures it disagrees with (`data::brief`'s computation, which the
//! explorer's compare view marks `≠`).

use std::fmt::Write as _;

use crate::data::brief::Questions;
use crate::data::citations::{self, Citations};
use crate::data::db::{Db, Rec};
use crate::data::model::{Cite, Date, Enterprise, RecordKind, Sym};
use crate::data::present;
use crate::export::format::Tab;

/// How lists are joined in one field.
pub const LIST_SEPARATOR: &str = "; ";

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing known: an empty field.
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    /// An event's date that only approximates its label ("Mid-to-late 1990s" is 1995):
    /// see [`present::exact_date`].
    Approximate(Date),
    Bool(bool),
    /// A source's URL as stored (the workbook makes it a link when it is a valid
    /// http(s) URL).
    Url(String),
}

impl Cell {
    fn opt(value: Option<impl ToString>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
    }

    fn text<T: ToString + ?Sized>(value: &T) -> Cell {
        Cell::Text(value.to_string())
    }

    /// A list: empty when there is nothing in it.
    fn joined<S: AsRef<str>>(items: &[S], separator: &str) -> Cell {
        if items.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(separator))
        }
    }

    fn list(items: &[Sym]) -> Cell {
        Cell::joined(items, LIST_SEPARATOR)
    }

    /// The cell as CSV writes it: numbers in plain digits (never an exponent), dates as
    /// stored (`2004`, `2004-08`, `2004-08-15`; an approximate one too, the column
    /// `date_approximate` says it is), `true` and `false`.
    #[must_use]
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Url(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) | Cell::Approximate(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// The columns of a tab, in order.
#[must_use]
#[expect(clippy::too_many_lines, reason = "a table of column names reads best as one table")]
pub fn columns(tab: Tab) -> &'static [&'static str] {
    match tab {
        Tab::Records(RecordKind::History) => &[
            "id",
            "date",
            "date_label",
            "date_approximate",
            "title",
            "title_zh",
            "summary",
            "tags",
            "related",
            "related_names",
            "sources",
            "citations",
            "quotes",
            "weakest_reliability",
            "strongest_reliability",
        ],
        Tab::Records(RecordKind::Enterprise) => &[
            "id",
            "name",
            "name_zh",
            "aliases",
            "kind",
            "ownership",
            "segments",
            "founded",
            "location",
            "shenzhen_district",
            "listing_status",
            "listings",
            "people",
            "credit_code",
            "registry_status",
            "registry_status_text",
            "capital",
            "capital_currency",
            "legal_form",
            "industry",
            "province",
            "city",
            "district",
            "registered_address",
            "scope",
            "phone",
            "website",
            "summary",
            "tags",
            "brands",
            "conflicts",
            "sources",
            "citations",
            "quotes",
            "weakest_reliability",
            "strongest_reliability",
        ],
        Tab::Records(RecordKind::Brand) => &[
            "id",
            "name",
            "name_zh",
            "aliases",
            "owner",
            "owner_name",
            "segment",
            "honors",
            "summary",
            "sources",
            "citations",
            "quotes",
            "weakest_reliability",
            "strongest_reliability",
        ],
        Tab::Records(RecordKind::Indicator) => &[
            "id",
            "name",
            "name_zh",
            "metric",
            "value",
            "unit",
            "value_max",
            "qualifier",
            "figure",
            "as_of",
            "conflicts_with",
            "scope",
            "group",
            "summary",
            "related",
            "related_names",
            "sources",
            "citations",
            "quotes",
            "weakest_reliability",
            "strongest_reliability",
        ],
        Tab::Sources => &[
            "id",
            "title",
            "publisher",
            "date",
            "url",
            "file",
            "note",
            "reliability",
            "cited_by_count",
            "cited_by",
        ],
    }
}

/// What the row builders may need beyond the dataset: for the sources tab, who cites
/// what; for the indicators, which figures disagree.
pub struct Context<'a> {
    pub db: &'a Db,
    citations: Option<Citations>,
    questions: Option<Questions>,
}

impl<'a> Context<'a> {
    /// A context for exporting rows of `tab` (the citations table is built only for
    /// sources, the questions the figures answer only for indicators).
    #[must_use]
    pub fn new(db: &'a Db, tab: Tab) -> Context<'a> {
        Context {
            db,
            citations: (tab == Tab::Sources).then(|| db.citations()),
            questions: (tab == Tab::Records(RecordKind::Indicator)).then(|| Questions::build(db)),
        }
    }

    /// The figures the indicator at position `i` disagrees with (indicator indices), as
    /// the explorer's compare view marks them `≠` (for a context made for indicators).
    #[must_use]
    pub fn disagreeing(&self, i: usize) -> Vec<u32> {
        self.questions.as_ref().map(|q| q.disagreeing(i)).unwrap_or_default()
    }

    /// The cells of one row of `tab`, in [`columns`] order.
    #[must_use]
    pub fn row(&self, tab: Tab, position: u32) -> Vec<Cell> {
        let i = position as usize;
        match tab {
            Tab::Records(kind) => {
                let rec = Rec::new(kind, i);
                // Both ends, each named for what it is: `weakest_reliability` is what the
                // `reliability:` search field sees (a record is as doubtful as what it
                // rests on), `strongest_reliability` the explorer's `Src` column. Earlier
                // exports named the weakest `reliability`, which an editor read as the
                // explorer's and got the opposite; `existing` and the import still know
                // that name.
                let reliability = Cell::opt(self.db.weakest_source(rec));
                let mut cells = match kind {
                    RecordKind::History => history_row(self.db, i, reliability),
                    RecordKind::Enterprise => enterprise_row(self.db, i, reliability),
                    RecordKind::Brand => brand_row(self.db, i, reliability),
                    RecordKind::Indicator => {
                        let ids: Vec<&str> = self
                            .disagreeing(i)
                            .iter()
                            .map(|m| &*self.db.indicators()[*m as usize].id)
                            .collect();
                        indicator_row(self.db, i, Cell::joined(&ids, LIST_SEPARATOR), reliability)
                    }
                };
                cells.push(Cell::opt(self.db.strongest_source(rec)));
                cells
            }
            Tab::Sources => self.source_row(i),
        }
    }

    /// The records citing the source at position `i` (for a context made for sources).
    #[must_use]
    pub fn citing(&self, i: usize) -> &[Rec] {
        self.citations.as_ref().map_or(&[], |c| c.citing(i))
    }

    fn source_row(&self, i: usize) -> Vec<Cell> {
        source_cells(self.db, i, self.citing(i))
    }
}

/// The cells of the source at position `i`, in the sources tab's [`columns`] order, with
/// `citing` as the records citing it (all of them, or those of one export).
#[must_use]
pub fn source_cells(db: &Db, i: usize, citing: &[Rec]) -> Vec<Cell> {
    let s = &db.sources()[i];
    let ids: Vec<&str> = citing.iter().map(|r| db.id(*r)).collect();
    vec![
        Cell::text(&s.id),
        Cell::text(&s.title),
        Cell::opt(s.publisher.as_deref()),
        s.date.map_or(Cell::Empty, Cell::Date),
        s.url.as_deref().map_or(Cell::Empty, |u| Cell::Url(u.to_owned())),
        Cell::opt(s.file.as_deref()),
        Cell::opt(s.note.as_deref()),
        Cell::text(&s.reliability),
        count(ids.len()),
        Cell::joined(&ids, LIST_SEPARATOR),
    ]
}

fn count(n: usize) -> Cell {
    // Counts of records are far below 2^53, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    Cell::Number(n as f64)
}

/// The names of the related records, in the order of their ids in `related` (an id that
/// names no record is left out): what an editor reads where the ids are for joining.
fn related_names(db: &Db, related: &[impl AsRef<str>]) -> Cell {
    let names: Vec<String> = related
        .iter()
        .filter_map(|id| db.record(id.as_ref()))
        .map(|rec| match rec.kind {
            RecordKind::History => db.history()[rec.idx()].title.to_string(),
            RecordKind::Enterprise => db.enterprises()[rec.idx()].name.to_string(),
            RecordKind::Brand => db.brands()[rec.idx()].name.to_string(),
            RecordKind::Indicator => db.indicators()[rec.idx()].name.to_string(),
        })
        .collect();
    Cell::joined(&names, LIST_SEPARATOR)
}

/// The cited source ids, each once, in citation order.
pub(super) fn source_ids(cites: &[Cite]) -> Cell {
    let mut ids: Vec<&str> = Vec::with_capacity(cites.len());
    for cite in cites {
        if !ids.contains(&&*cite.source) {
            ids.push(&cite.source);
        }
    }
    Cell::joined(&ids, LIST_SEPARATOR)
}

/// Each cited source once, in citation order, as a reference (`Title. Publisher, date.
/// URL [low reliability]`, see [`citations::reference`]), one line each: what a reader
/// needs to find the source without the Sources sheet or `export --tab sources`.
pub(super) fn references(db: &Db, cites: &[Cite]) -> Cell {
    let mut seen: Vec<&str> = Vec::with_capacity(cites.len());
    let mut lines: Vec<String> = Vec::with_capacity(cites.len());
    for cite in cites {
        if seen.contains(&&*cite.source) {
            continue;
        }
        seen.push(&cite.source);
        if let Some(source) = db.source(&cite.source) {
            lines.push(citations::reference(source));
        }
    }
    Cell::joined(&lines, "\n")
}

/// The quotes and notes of the citations, one line each: `s-id: “quote” (note: …)`.
fn quotes(cites: &[Cite]) -> Cell {
    let lines: Vec<String> = cites
        .iter()
        .filter(|c| c.quote.is_some() || c.note.is_some())
        .map(|c| {
            let mut line = format!("{}:", c.source);
            if let Some(q) = &c.quote {
                let _ = write!(line, " “{q}”");
            }
            if let Some(n) = &c.note {
                let _ = write!(line, " (note: {n})");
            }
            line
        })
        .collect();
    Cell::joined(&lines, "\n")
}

fn date(d: Option<Date>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

fn history_row(db: &Db, i: usize, reliability: Cell) -> Vec<Cell> {
    let e = &db.history()[i];
    // The explorer's `~`: the date orders the timeline, the label says when it was.
    let exact = present::exact_date(e.date_label.as_deref(), e.date);
    vec![
        Cell::text(&e.id),
        if exact {
            Cell::Date(e.date)
        } else {
            Cell::Approximate(e.date)
        },
        Cell::opt(e.date_label.as_deref()),
        Cell::Bool(!exact),
        Cell::text(&e.title),
        Cell::opt(e.title_zh.as_deref()),
        Cell::opt(e.summary.as_deref()),
        Cell::list(&e.tags),
        Cell::list(&e.related),
        related_names(db, &e.related),
        source_ids(&e.sources),
        references(db, &e.sources),
        quotes(&e.sources),
        reliability,
    ]
}

/// "listed" when a listing is current, "delisted" when every listing has ended, empty
/// when the company has no listing.
fn listing_status(e: &Enterprise) -> Cell {
    if e.listings.is_empty() {
        Cell::Empty
    } else if e.listings.iter().any(crate::data::model::Listing::is_current) {
        Cell::text("listed")
    } else {
        Cell::text("delisted")
    }
}

fn enterprise_row(db: &Db, i: usize, reliability: Cell) -> Vec<Cell> {
    let e = &db.enterprises()[i];
    let listings: Vec<String> = e.listings.iter().map(present::listing).collect();
    // Dated as the detail dates them: a later file's date beside the one the files below
    // gave ("2026-02; 2026-12-01 per registry.csv"), never in its place.
    let people: Vec<String> = e
        .people
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let extra: Vec<String> = p
                .role
                .as_deref()
                .map(str::to_owned)
                .into_iter()
                .chain(present::person_dates(db, i, k))
                .collect();
            if extra.is_empty() {
                p.name.to_string()
            } else {
                format!("{} ({})", p.name, extra.join(", "))
            }
        })
        .collect();
    let brands: Vec<&str> = db.brands_of(i).iter().map(|b| &*db.brands()[*b as usize].id).collect();
    let conflicts: Vec<String> = db.conflicts_of(&e.id).map(present::conflict).collect();
    let reg = e.registry.as_deref();
    let capital = reg.and_then(|r| r.capital.as_ref());
    vec![
        Cell::text(&e.id),
        Cell::text(&e.name),
        Cell::opt(e.name_zh.as_deref()),
        Cell::joined(&e.aliases, LIST_SEPARATOR),
        Cell::opt(e.kind),
        Cell::opt(e.ownership),
        Cell::list(&e.segments),
        date(e.founded),
        Cell::opt(e.location.as_deref()),
        // The District filter's answer (the location's, the registry's or a tag's), so
        // rows exported after filtering by a district say which.
        Cell::joined(&crate::data::places::districts(e), LIST_SEPARATOR),
        listing_status(e),
        Cell::joined(&listings, LIST_SEPARATOR),
        Cell::joined(&people, LIST_SEPARATOR),
        Cell::opt(e.credit_code()),
        Cell::opt(reg.and_then(|r| r.status)),
        Cell::opt(reg.and_then(|r| r.status_text.as_deref())),
        // The amount as a number (the workbook keeps it one), its currency beside it.
        capital.map_or(Cell::Empty, |c| Cell::Number(c.amount)),
        Cell::opt(capital.map(|c| &*c.currency)),
        Cell::opt(reg.and_then(|r| r.legal_form.as_deref())),
        Cell::opt(reg.and_then(|r| r.industry.as_deref())),
        Cell::opt(reg.and_then(|r| r.province.as_deref())),
        Cell::opt(reg.and_then(|r| r.city.as_deref())),
        Cell::opt(reg.and_then(|r| r.district.as_deref())),
        Cell::opt(reg.and_then(|r| r.address.as_deref())),
        Cell::opt(reg.and_then(|r| r.scope.as_deref())),
        Cell::opt(reg.and_then(|r| r.phone.as_deref())),
        Cell::opt(reg.and_then(|r| r.website.as_deref())),
        Cell::opt(e.summary.as_deref()),
        Cell::list(&e.tags),
        Cell::joined(&brands, LIST_SEPARATOR),
        // Where the files laid together disagreed (the other value and its file), one per
        // line, as the detail's `Conflict` lines: what the row's cells do not hold.
        Cell::joined(&conflicts, "\n"),
        source_ids(&e.sources),
        references(db, &e.sources),
        quotes(&e.sources),
        reliability,
    ]
}

fn brand_row(db: &Db, i: usize, reliability: Cell) -> Vec<Cell> {
    let b = &db.brands()[i];
    let owner_name = db.owner_of(i).map(|o| db.enterprises()[o.idx()].name.to_string());
    let honors: Vec<String> = b
        .honors
        .iter()
        .map(|h| {
            let mut text = h.title.to_string();
            match (h.year, &h.by) {
                (Some(y), Some(by)) => {
                    let _ = write!(text, " ({y}, by {by})");
                }
                (Some(y), None) => {
                    let _ = write!(text, " ({y})");
                }
                (None, Some(by)) => {
                    let _ = write!(text, " (by {by})");
                }
                (None, None) => {}
            }
            text
        })
        .collect();
    vec![
        Cell::text(&b.id),
        Cell::text(&b.name),
        Cell::opt(b.name_zh.as_deref()),
        Cell::joined(&b.aliases, LIST_SEPARATOR),
        Cell::opt(b.owner.as_deref()),
        Cell::opt(owner_name),
        Cell::opt(b.segment.as_deref()),
        Cell::joined(&honors, LIST_SEPARATOR),
        Cell::opt(b.summary.as_deref()),
        source_ids(&b.sources),
        references(db, &b.sources),
        quotes(&b.sources),
        reliability,
    ]
}

/// An indicator's cells, `conflicts` the ids of the figures it disagrees with.
fn indicator_row(db: &Db, i: usize, conflicts: Cell, reliability: Cell) -> Vec<Cell> {
    let ind = &db.indicators()[i];
    vec![
        Cell::text(&ind.id),
        Cell::text(&ind.name),
        Cell::opt(ind.name_zh.as_deref()),
        Cell::opt(ind.metric.as_deref()),
        Cell::Number(ind.value),
        Cell::text(&ind.unit),
        ind.value_max.map_or(Cell::Empty, Cell::Number),
        // A range's bounds are its wording ("8–14 %"): "exact" beside it read as though
        // the figure were one number.
        if ind.value_max.is_some() && ind.qualifier.is_exact() {
            Cell::Empty
        } else {
            Cell::text(&ind.qualifier)
        },
        Cell::Text(present::figure(ind)),
        Cell::Date(ind.as_of),
        conflicts,
        Cell::opt(ind.scope.as_deref()),
        Cell::opt(ind.group.as_deref()),
        Cell::opt(ind.summary.as_deref()),
        Cell::list(&ind.related),
        related_names(db, &ind.related),
        source_ids(&ind.sources),
        references(db, &ind.sources),
        quotes(&ind.sources),
        reliability,
    ]
}

/// The sources the given records cite, each once, in the order first cited, with the
/// records (among those given) that cite each: the workbook's Sources sheet.
#[must_use]
pub fn cited_sources(db: &Db, recs: impl Iterator<Item = Rec>) -> Vec<(usize, Vec<Rec>)> {
    let mut order: Vec<(usize, Vec<Rec>)> = Vec::new();
    let mut slot: hashbrown::HashMap<usize, usize> = hashbrown::HashMap::new();
    for rec in recs {
        for cite in db.cites(rec) {
            let Some(crate::data::db::Target::Source(s)) = db.lookup(&cite.source) else {
                continue;
            };
            let s = s as usize;
            let at = *slot.entry(s).or_insert_with(|| {
                order.push((s, Vec::new()));
                order.len() - 1
            });
            let citing = &mut order[at].1;
            if citing.last() != Some(&rec) {
                citing.push(rec);
            }
        }
    }
    order
}
