//! xlsx: an Excel workbook, written with `rust_xlsxwriter`.
//!
//! - The first sheet, named after the tab, holds the rows with typed cells. Every date is
//!   a date cell, in every column of every sheet, so a date column sorts and filters as
//!   one timeline; its number format shows what the data knows and no more: a day as
//!   `yyyy-mm-dd`, a month (`2023-03`) as its first day shown `yyyy-mm`, a year (`2013`)
//!   as 1 January shown `yyyy`. An event's date that only approximates its label
//!   ("Mid-to-late 1990s" sorted as 1995) shows `~` before it, as the explorer does, and
//!   the `date_approximate` column says so in a form a filter takes. A date before
//!   1900, which Excel cannot hold, stays text. Figures are numbers (the unit in the next
//!   column), the rest text. The header row is bold, frozen and filtered; columns are
//!   as wide as their content (within bounds), and long prose (summaries, citations,
//!   quotes, source lists, publishers) gets a set width and wrapped text.
//! - A record tab adds **Sources**: every source its rows cite, with the rows citing it;
//!   Enterprises add **Listings**, one row per listing. The dataset ties sources to the
//!   enterprise, not to each listing, so a listing row carries its enterprise's sources,
//!   citations and weakest and strongest reliability, under column names that say so
//!   (`enterprise_sources`, …, `enterprise_weakest_reliability`). The sources tab adds
//!   **Citations**, one row per citation, with its quote.
//! - Text is stored as text, so a value starting with `=` is never a formula; controls
//!   become placeholders ([`sanitize::file_text`]), as in a CSV file. A cell over Excel's
//!   32,767 characters is cut with a note saying so (the JSON export keeps everything).

use std::io::{self, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, Url, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::data::db::{Db, Rec};
use crate::data::model::{Date, RecordKind};
use crate::data::present;
use crate::export::format::{Rows, Tab};
use crate::export::table::{self, Cell, Context, cited_sources, columns, source_cells};
use crate::sanitize;

mod links;

use links::Links;

/// The most rows a sheet holds below its header (Excel's 1,048,576 rows, less one).
pub const MAX_ROWS: usize = 1_048_575;

/// Excel's limit on the characters of one cell (counted in UTF-16 units).
const MAX_CELL: usize = 32_767;

/// Column widths, in Excel's units (about one Latin character each).
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;

fn to_io(err: XlsxError) -> io::Error {
    match err {
        XlsxError::IoError(err) => err,
        other => io::Error::other(other.to_string()),
    }
}

/// The refusal when a sheet would hold more rows than Excel can.
fn too_many(rows: usize, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        TooManyRows(format!(
            "an xlsx sheet holds at most {} rows and the {what} would need {}; narrow the export (a query or a filter) or choose CSV or JSON Lines",
            present::count(MAX_ROWS),
            present::count(rows)
        )),
    )
}

/// The reason a workbook was refused for its size, told apart from other refusals (a
/// disk, a terminal) by its type, which [`super::FileError::short_reason`] words briefly.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(super) struct TooManyRows(pub(super) String);

/// The formats cells are written with, made once per workbook.
struct Styles {
    header: CellFormat,
    /// A date's format by its precision (day, month, year), then the same marked `~`.
    dates: [CellFormat; 6],
    wrap: CellFormat,
    integer: CellFormat,
    link: CellFormat,
}

/// The number formats of dates: what each precision shows, and the same after `~` for a
/// date that only approximates its label. Excel has no partial dates, so a month is held
/// as its first day and a year as 1 January: the format keeps the day unsaid.
const DATE_FORMATS: [&str; 6] = [
    "yyyy-mm-dd",
    "yyyy-mm",
    "yyyy",
    "\"~\"yyyy-mm-dd",
    "\"~\"yyyy-mm",
    "\"~\"yyyy",
];

impl Styles {
    fn new() -> Styles {
        Styles {
            header: CellFormat::new().set_bold(),
            dates: DATE_FORMATS.map(|f| CellFormat::new().set_num_format(f)),
            wrap: CellFormat::new().set_text_wrap(),
            integer: CellFormat::new().set_num_format("#,##0"),
            link: CellFormat::new().set_underline(rust_xlsxwriter::FormatUnderline::Single),
        }
    }
}

/// The set width of a column of long prose, whose text wraps within it; `None` for a
/// column as wide as its content.
fn wrapped_width(column: &str) -> Option<f64> {
    match column {
        "summary" | "citations" | "enterprise_citations" => Some(60.0),
        "quotes" | "quote" => Some(50.0),
        "note" => Some(40.0),
        "sources" | "enterprise_sources" | "cited_by" | "publisher" => Some(28.0),
        _ => None,
    }
}

/// A sheet added to the workbook, with what it is written with: the workbook's styles
/// and links.
struct NewSheet<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    links: &'a mut Links,
}

/// A sheet being written: its next row, the widest text seen in each column, and which
/// columns wrap at a set width.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    links: &'a mut Links,
    row: u32,
    widths: Vec<usize>,
    wrapped: Vec<Option<f64>>,
}

impl<'a> Sheet<'a> {
    /// Names the sheet and writes its bold header.
    fn new(new: NewSheet<'a>, name: &str, header: &[&str]) -> io::Result<Sheet<'a>> {
        let NewSheet { ws, styles, links } = new;
        ws.set_name(name).map_err(to_io)?;
        for (col, title) in (0u16..).zip(header) {
            ws.write_string_with_format(0, col, *title, &styles.header)
                .map_err(to_io)?;
        }
        Ok(Sheet {
            ws,
            styles,
            links,
            row: 0,
            // Room for the filter button beside each title.
            widths: header.iter().map(|h| h.width() + 3).collect(),
            wrapped: header.iter().map(|h| wrapped_width(h)).collect(),
        })
    }

    fn push(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.row += 1;
        for (col, cell) in (0u16..).zip(cells) {
            let width = self.put(col, cell)?;
            if let Some(w) = self.widths.get_mut(usize::from(col)) {
                *w = (*w).max(width);
            }
        }
        Ok(())
    }

    /// Writes one cell; returns its width in characters as Excel shows it.
    fn put(&mut self, col: u16, cell: &Cell) -> io::Result<usize> {
        let (row, styles) = (self.row, self.styles);
        match cell {
            Cell::Empty => Ok(0),
            Cell::Text(text) => self.text(col, text),
            Cell::Number(n) => {
                let integral = n.fract() == 0.0 && n.abs() < 1e15;
                if integral {
                    self.ws.write_number_with_format(row, col, *n, &styles.integer)
                } else {
                    self.ws.write_number(row, col, *n)
                }
                .map_err(to_io)?;
                Ok(present::number(*n).len())
            }
            Cell::Date(date) | Cell::Approximate(date) => {
                let approximate = matches!(cell, Cell::Approximate(_));
                let Some((dt, precision)) = excel_date(*date) else {
                    return self.text(col, &date.to_string());
                };
                let format = &styles.dates[precision + if approximate { 3 } else { 0 }];
                self.ws
                    .write_datetime_with_format(row, col, &dt, format)
                    .map_err(to_io)?;
                Ok(date.to_string().len() + usize::from(approximate))
            }
            Cell::Bool(b) => {
                self.ws.write_boolean(row, col, *b).map_err(to_io)?;
                Ok(5)
            }
            Cell::Url(url) => {
                let shown = clean(url);
                // A stand-in, which the library does not escape again (see `links`).
                if let Some(target) = sanitize::link_target(url).and_then(|t| self.links.stand_in(&t)) {
                    let link = Url::new(target).set_text(shown.as_str());
                    if self.ws.write_url_with_format(row, col, link, &styles.link).is_ok() {
                        return Ok(shown.width());
                    }
                }
                self.text(col, url)
            }
        }
    }

    fn text(&mut self, col: u16, text: &str) -> io::Result<usize> {
        let text = clean(text);
        if text.is_empty() {
            return Ok(0);
        }
        if self.wrapped.get(usize::from(col)).copied().flatten().is_some() {
            self.ws
                .write_string_with_format(self.row, col, text.as_str(), &self.styles.wrap)
                .map_err(to_io)?;
        } else {
            self.ws.write_string(self.row, col, text.as_str()).map_err(to_io)?;
        }
        Ok(text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0))
    }

    /// Freezes and filters the header, and sets the column widths.
    fn finish(self) -> io::Result<()> {
        self.ws.set_freeze_panes(1, 0).map_err(to_io)?;
        let last_col = u16::try_from(self.widths.len().saturating_sub(1)).unwrap_or(u16::MAX);
        self.ws.autofilter(0, 0, self.row, last_col).map_err(to_io)?;
        for (col, (width, wrapped)) in (0u16..).zip(self.widths.iter().zip(&self.wrapped)) {
            // Widths are small counts of characters: exact in a float.
            #[allow(clippy::cast_precision_loss)]
            let chars = *width as f64 + 1.0;
            // A wrapped column is no wider than its content needs, up to its set width.
            let width = match wrapped {
                Some(set) => chars.clamp(MIN_WIDTH, *set),
                None => chars.clamp(MIN_WIDTH, MAX_WIDTH),
            };
            self.ws.set_column_width(col, width).map_err(to_io)?;
        }
        Ok(())
    }
}

/// Text made safe for a file and cut to fit one cell.
fn clean(text: &str) -> String {
    let safe = sanitize::file_text(text);
    if safe.encode_utf16().count() <= MAX_CELL {
        return safe.into_owned();
    }
    let note = "… [cut at Excel's cell limit; the JSON export holds all of it]";
    let budget = MAX_CELL - note.encode_utf16().count();
    let mut out = String::new();
    let mut used = 0;
    for c in safe.chars() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.push_str(note);
    out
}

/// A date as Excel holds it, with its precision as an index into [`DATE_FORMATS`] (0 a
/// day, 1 a month, 2 a year): a month is held as its first day, a year as 1 January,
/// which the format does not show (see the module notes). `None` before 1900, which
/// Excel cannot hold as a date.
fn excel_date(date: Date) -> Option<(ExcelDateTime, usize)> {
    let precision = match (date.month(), date.day()) {
        (Some(_), Some(_)) => 0,
        (Some(_), None) => 1,
        (None, _) => 2,
    };
    let day = ExcelDateTime::from_ymd(date.year(), date.month().unwrap_or(1), date.day().unwrap_or(1)).ok()?;
    Some((day, precision))
}

/// A new sheet in "constant memory" mode: each row goes to a temporary file as the next
/// begins, so a million rows cost a few hundred bytes of memory each, not kilobytes
/// (strings are stored in the cells, not in a shared table; rows are written in order).
fn sheet<'a>(book: &'a mut Workbook, styles: &'a Styles, links: &'a mut Links) -> io::Result<NewSheet<'a>> {
    let ws = book.add_worksheet_with_constant_memory().map_err(to_io)?;
    Ok(NewSheet { ws, styles, links })
}

/// Writes the rows as an xlsx workbook; returns how many rows the first sheet holds.
///
/// # Errors
/// `InvalidInput` when a sheet would hold more than [`MAX_ROWS`] rows; write errors from
/// `out`.
pub fn write<W: Write>(ctx: &Context, rows: &Rows, mut out: W) -> io::Result<usize> {
    if rows.len() > MAX_ROWS {
        return Err(too_many(rows.len(), "rows"));
    }
    let styles = Styles::new();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("shuibei: {}", rows.tab.title()))
            .set_comment(
                "Exported by shuibei. Dates are dates shown to what the data knows (a year as yyyy, a month as yyyy-mm; ~ marks an event's date that only approximates its label), figures numbers; the Sources sheet lists every source cited.",
            ),
    );
    let mut links = Links::default();
    let mut main = Sheet::new(
        sheet(&mut book, &styles, &mut links)?,
        rows.tab.title(),
        columns(rows.tab),
    )?;
    for position in &rows.positions {
        main.push(&ctx.row(rows.tab, *position))?;
    }
    main.finish()?;
    match rows.tab {
        Tab::Records(kind) => {
            sources_sheet(ctx.db, sheet(&mut book, &styles, &mut links)?, rows)?;
            if kind == RecordKind::Enterprise {
                listings_sheet(ctx.db, sheet(&mut book, &styles, &mut links)?, rows)?;
            }
        }
        Tab::Sources => citations_sheet(ctx, sheet(&mut book, &styles, &mut links)?, rows)?,
    }
    // Built in memory (the zip is a fraction of the rows' size), then written whole:
    // the writer needs no `Send`, and a failure leaves nothing half-written.
    let bytes = links.restore(book.save_to_buffer().map_err(to_io)?)?;
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(rows.len())
}

/// Every source the rows cite, in the order first cited, with the rows citing it.
fn sources_sheet(db: &Db, new: NewSheet, rows: &Rows) -> io::Result<()> {
    let mut sheet = Sheet::new(new, "Sources", columns(Tab::Sources))?;
    for (source, citing) in cited_sources(db, rows.recs()) {
        sheet.push(&source_cells(db, source, &citing))?;
    }
    sheet.finish()
}

const LISTING_COLUMNS: &[&str] = &[
    "enterprise",
    "name",
    "name_zh",
    "exchange",
    "code",
    "listed",
    "delisted",
    "status",
    "enterprise_sources",
    "enterprise_citations",
    "enterprise_weakest_reliability",
    "enterprise_strongest_reliability",
];

/// One row per listing of the enterprises exported, with the enterprise's sources: the
/// dataset cites sources for the enterprise as a whole, so that is as precise as a
/// listing's provenance can be said to be (the column names say whose sources they are).
fn listings_sheet(db: &Db, new: NewSheet, rows: &Rows) -> io::Result<()> {
    let mut sheet = Sheet::new(new, "Listings", LISTING_COLUMNS)?;
    for rec in rows.recs() {
        let e = &db.enterprises()[rec.idx()];
        for l in &e.listings {
            let date = |d: Option<Date>| d.map_or(Cell::Empty, Cell::Date);
            let status = if l.is_current() { "listed" } else { "delisted" };
            sheet.push(&[
                Cell::Text(e.id.to_string()),
                Cell::Text(e.name.to_string()),
                e.name_zh.as_deref().map_or(Cell::Empty, |n| Cell::Text(n.to_owned())),
                Cell::Text(l.exchange.to_string()),
                Cell::Text(l.code.to_string()),
                date(l.listed),
                date(l.delisted),
                Cell::Text(status.to_owned()),
                table::source_ids(&e.sources),
                table::references(db, &e.sources),
                db.weakest_source(rec)
                    .map_or(Cell::Empty, |r| Cell::Text(r.to_string())),
                db.strongest_source(rec)
                    .map_or(Cell::Empty, |r| Cell::Text(r.to_string())),
            ])?;
        }
    }
    sheet.finish()
}

const CITATION_COLUMNS: &[&str] = &["source", "kind", "record", "label", "quote", "note"];

/// One row per citation of the sources exported: which record cites it, with the quote.
fn citations_sheet(ctx: &Context, new: NewSheet, rows: &Rows) -> io::Result<()> {
    let db = ctx.db;
    let mut lines: Vec<(u32, Rec)> = Vec::new();
    for position in &rows.positions {
        lines.extend(ctx.citing(*position as usize).iter().map(|r| (*position, *r)));
    }
    let cites_of = |position: u32, rec: Rec| {
        let id = &*db.sources()[position as usize].id;
        db.cites(rec).iter().filter(move |c| *c.source == *id)
    };
    let total: usize = lines.iter().map(|(p, r)| cites_of(*p, *r).count()).sum();
    if total > MAX_ROWS {
        return Err(too_many(total, "Citations sheet"));
    }
    let mut sheet = Sheet::new(new, "Citations", CITATION_COLUMNS)?;
    for (position, rec) in lines {
        let source = &db.sources()[position as usize];
        for cite in cites_of(position, rec) {
            let opt = |t: Option<&str>| t.map_or(Cell::Empty, |t| Cell::Text(t.to_owned()));
            sheet.push(&[
                Cell::Text(source.id.to_string()),
                Cell::Text(rec.kind.as_str().to_owned()),
                Cell::Text(db.id(rec).to_owned()),
                Cell::Text(present::label(db, rec)),
                opt(cite.quote.as_deref()),
                opt(cite.note.as_deref()),
            ])?;
        }
    }
    sheet.finish()
}

#[cfg(test)]
mod tests;
