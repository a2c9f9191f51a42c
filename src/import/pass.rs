//! One pass over an export's rows: the header found below any title lines, each row
//! built into a record on any core (`build`), and the state that decides, after the last
//! row, whether the records can be written (`Run::verdict`).
//!
//! A row that repeats an earlier one in every column but the row number (序号) is one
//! organisation listed twice, as paged registry exports do: it is imported once and said
//! in a notice. A row with an earlier row's id and other values is a problem, since
//! which of the two is right is the user's to say.

use std::hash::{BuildHasher, Hash, Hasher};
use std::io::{BufWriter, Write};

use rayon::prelude::*;

use super::error::{ImportError, refused};
use super::headers::{self, HEADER_ROWS, Header, known as known_headers};
use super::read::{self, Cell};
use super::record;
use crate::data::model::{Cluster, Date, FORMAT, Source, Sym};
use crate::data::problems::MAX_PROBLEMS;

/// What one row became, worked out on any core.
enum Built {
    Blank,
    /// The header row again (exports pasted together, or paged with a header per page).
    Header,
    /// Only the first cell filled, with words like a note's (数据来源：…): a footer when
    /// it follows a blank row; the record the row would make otherwise.
    Note(String, Box<Built>),
    Bad(Vec<record::CellProblem>),
    Good {
        /// The record's id, hashed twice (128 bits) to find repeats without keeping ids.
        key: u128,
        /// The row's cells but the row number's, hashed: a repeated id with the same
        /// cells is the same row again. Only rows of one id are compared, so 64 bits
        /// leave no collision to fear.
        cells: u64,
        from: record::IdFrom,
        json: Vec<u8>,
        /// Values left out of the record (`--skip-invalid`), said as warnings.
        warnings: Vec<record::CellProblem>,
        /// The founding date was a number read as a spreadsheet's day count: how.
        day_count: Option<String>,
    },
}

/// The state of one pass over the rows.
pub(super) struct Run<'f, W: Write> {
    pub(super) file: &'f str,
    pub(super) source: Sym,
    pub(super) as_of: Option<Date>,
    pub(super) header: Option<Header>,
    /// Rows looked at before the header was found.
    pub(super) seen: usize,
    pub(super) out: BufWriter<W>,
    pub(super) written: usize,
    pub(super) first_row: Option<usize>,
    pub(super) last_row: usize,
    pub(super) bad_rows: usize,
    pub(super) problems: Vec<String>,
    pub(super) omitted: usize,
    pub(super) notices: Vec<String>,
    /// Values left out of rows that were imported (`--skip-invalid`), one line each, and
    /// how many more there were.
    pub(super) warnings: Vec<String>,
    pub(super) warnings_omitted: usize,
    /// Each record's id key → the row that has it, and its cells' hash.
    pub(super) ids: hashbrown::HashMap<u128, (usize, u64)>,
    pub(super) hashers: [hashbrown::DefaultHashBuilder; 2],
    pub(super) refusal: Option<ImportError>,
    pub(super) io: Option<std::io::Error>,
    pub(super) skip_invalid: bool,
    /// A blank row came after the header: what follows may be notes, not data.
    pub(super) blank_seen: bool,
    /// The number of the last row after the header.
    pub(super) last_number: Option<usize>,
    /// Rows imported once for a repeat of an earlier row: (row, the row it repeats), the
    /// first [`LISTED`], and how many rows in all.
    pub(super) folded: Vec<(usize, usize)>,
    pub(super) folded_count: usize,
    /// The header's row, and the rows that repeat it (left out): the first [`LISTED`],
    /// and how many in all.
    pub(super) header_row: usize,
    pub(super) headers_again: Vec<usize>,
    pub(super) headers_again_count: usize,
    /// Rows whose founding date was read from a spreadsheet's day count: the first
    /// [`LISTED`], how many in all, and what the first read as.
    pub(super) day_counts: Vec<usize>,
    pub(super) day_count_count: usize,
    pub(super) day_count_example: Option<String>,
    /// The workbook counts days from 1904 (old Mac Excel), not 1900.
    pub(super) epoch_1904: bool,
}

/// How many rows a notice names before it only counts the rest.
const LISTED: usize = 20;

/// `row 6`, `rows 6, 9 and 12`, `rows 6, 9, 12 and 31 more`.
fn rows_named<T>(listed: &[T], total: usize, name: impl Fn(&T) -> String) -> String {
    let names: Vec<String> = listed.iter().map(name).collect();
    match (names.as_slice(), total.saturating_sub(names.len())) {
        ([one], 0) => format!("row {one}"),
        ([init @ .., last], 0) => format!("rows {} and {last}", init.join(", ")),
        (names, more) => format!("rows {} and {more} more", names.join(", ")),
    }
}

impl<'f, W: Write> Run<'f, W> {
    /// A pass over `file`'s rows, writing records to `out`.
    pub(super) fn new(file: &'f str, source: Sym, as_of: Option<Date>, out: W, skip_invalid: bool) -> Self {
        Run {
            file,
            source,
            as_of,
            header: None,
            seen: 0,
            out: BufWriter::with_capacity(1 << 20, out),
            written: 0,
            first_row: None,
            last_row: 0,
            bad_rows: 0,
            problems: Vec::new(),
            omitted: 0,
            notices: Vec::new(),
            warnings: Vec::new(),
            warnings_omitted: 0,
            ids: hashbrown::HashMap::new(),
            hashers: Default::default(),
            refusal: None,
            io: None,
            skip_invalid,
            blank_seen: false,
            last_number: None,
            folded: Vec::new(),
            folded_count: 0,
            header_row: 0,
            headers_again: Vec::new(),
            headers_again_count: 0,
            day_counts: Vec::new(),
            day_count_count: 0,
            day_count_example: None,
            epoch_1904: false,
        }
    }

    /// The notices that speak of many rows, once every row is read: repeated rows
    /// imported once, and founding dates read from day counts.
    fn closing_notices(&mut self) {
        let file = self.file;
        let Some(header) = &self.header else { return };
        if self.headers_again_count > 0 {
            let rows = rows_named(&self.headers_again, self.headers_again_count, ToString::to_string);
            let verb = if self.headers_again_count == 1 {
                "repeats"
            } else {
                "repeat"
            };
            self.notices.push(format!(
                "{file}: {rows} {verb} the header (row {}); left out",
                self.header_row
            ));
        }
        if self.folded_count > 0 {
            let but = match column_named(header, headers::Column::RowNumber) {
                name if name.is_empty() => "every column".to_owned(),
                name => format!("every column but {name}"),
            };
            self.notices.push(format!(
                "{file}: a row that repeats an earlier one in {but} is folded into it (imported once): {}",
                rows_named(&self.folded, self.folded_count, |(row, first)| format!(
                    "{row} (= row {first})"
                ))
            ));
        }
        if self.day_count_count > 0 {
            let calendar = if self.epoch_1904 {
                "the workbook's, counted from 1904"
            } else {
                "Excel's"
            };
            self.notices.push(format!(
                "{file}: {}: {} a number where a date belongs, read as a spreadsheet's day count ({calendar}): {}; check {}, and give the column a date format before exporting again",
                column_named(header, headers::Column::Founded),
                rows_named(&self.day_counts, self.day_count_count, ToString::to_string)
                    + if self.day_count_count == 1 { " holds" } else { " hold" },
                self.day_count_example.as_deref().unwrap_or_default(),
                if self.day_count_count == 1 { "it" } else { "them" },
            ));
        }
    }

    /// After the last row: whether what was read can be written, or why not.
    pub(super) fn verdict(&mut self) -> Result<(), ImportError> {
        self.closing_notices();
        let file = self.file;
        if self.header.is_none() {
            return Err(ImportError::Refused {
                message: format!(
                    "{file}: no header row in the first {HEADER_ROWS} rows; a header names the columns, like 企业名称 or Company Name"
                ),
                help: vec!["the headers shuibei knows:".into(), known_headers()],
            });
        }
        if self.bad_rows > 0 && !self.skip_invalid {
            return Err(ImportError::Rows {
                file: file.to_owned(),
                rows: self.bad_rows,
                problems: std::mem::take(&mut self.problems),
                omitted: self.omitted,
                notices: std::mem::take(&mut self.notices),
            });
        }
        if self.written == 0 {
            let why = if self.bad_rows > 0 {
                "every row has a problem, so nothing is left to import"
            } else {
                "has a header but no rows below it"
            };
            return Err(ImportError::Refused {
                message: format!("{file}: {why}"),
                help: std::mem::take(&mut self.problems),
            });
        }
        Ok(())
    }

    pub(super) fn start(&mut self, file_name: &str) -> std::io::Result<()> {
        let cluster = Cluster {
            name: format!("Companies from {file_name}").into(),
            name_zh: None,
            location: None,
            established: None,
            summary: None,
            headline_groups: Vec::new(),
            tags_zh: std::collections::BTreeMap::new(),
        };
        write!(self.out, "{{\"format\":\"{FORMAT}\",\n\"cluster\":")?;
        serde_json::to_writer(&mut self.out, &cluster)?;
        self.out.write_all(b",\n\"enterprises\":[")
    }

    pub(super) fn finish(&mut self, source: &Source) -> std::io::Result<()> {
        self.out.write_all(b"\n],\n\"sources\":[\n")?;
        serde_json::to_writer(&mut self.out, source)?;
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()
    }

    /// Notes the values row `number` was imported without (`--skip-invalid`).
    fn warn(&mut self, number: usize, warnings: Vec<record::CellProblem>) {
        for w in warnings {
            if self.warnings.len() < MAX_PROBLEMS {
                let line = format!("{}:{number}: {}: {}", self.file, w.column, w.message);
                self.warnings.push(line);
            } else {
                self.warnings_omitted += 1;
            }
        }
    }

    /// Row `number` has the id of the `earlier` row (its number and cells' hash): the
    /// same row again is folded into it; another row with that id is a problem.
    fn repeated(&mut self, number: usize, (earlier, earlier_cells): (usize, u64), cells: u64, from: record::IdFrom) {
        if earlier_cells == cells {
            // The same row again (paged exports repeat a page's last row): imported
            // once, said in one notice at the end.
            if self.folded.len() < LISTED {
                self.folded.push((number, earlier));
            }
            self.folded_count += 1;
            return;
        }
        let Some(header) = &self.header else { return };
        // A made id can meet a given one: say which row's id it repeats.
        let (column, same, fix) = match from {
            record::IdFrom::Given => (
                headers::Column::Id,
                "the same id",
                "ids must be unique: change one, or empty the cell to have an id made from the credit code or the name",
            ),
            record::IdFrom::CreditCode => (
                headers::Column::CreditCode,
                "the same credit code",
                "each organisation once: remove the row that is wrong, or correct its code",
            ),
            record::IdFrom::Name => (
                headers::Column::Name,
                "the same name",
                "with no credit code to tell them apart, add the codes, or remove one row",
            ),
        };
        // With --skip-invalid the earlier row stays: say so, since which of the two is
        // right is not known.
        let kept = if self.skip_invalid {
            format!("row {earlier} is imported and this row left out; ")
        } else {
            String::new()
        };
        let line = format!(
            "{}:{number}: {}: {same} as row {earlier}, with other values; {kept}{fix}",
            self.file,
            column_named(header, column)
        );
        self.bad_rows += 1;
        self.problem(line);
    }

    /// Notes that row `number`'s founding date was a spreadsheet's day count (`how`).
    fn day_count(&mut self, number: usize, how: &str) {
        if self.day_counts.len() < LISTED {
            self.day_counts.push(number);
        }
        self.day_count_count += 1;
        self.day_count_example
            .get_or_insert_with(|| format!("{how} (row {number})"));
    }

    pub(super) fn problem(&mut self, line: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(line);
        } else {
            self.omitted += 1;
        }
    }

    /// Takes one batch of rows; `false` stops the reading (the file is refused, or the
    /// output cannot be written).
    pub(super) fn batch(&mut self, batch: &read::Batch) -> bool {
        let mut first = 0;
        while self.header.is_none() {
            if first == batch.len() {
                return true;
            }
            let number = batch.number(first);
            let go_on = batch.with_cells(first, |cells| self.find_header(number, cells));
            first += 1;
            if !go_on {
                return false;
            }
        }
        self.epoch_1904 = batch.epoch_1904();
        let Some(header) = &self.header else { return false };
        let ctx = record::Context {
            header,
            source: self.source.clone(),
            as_of: self.as_of,
            lenient: self.skip_invalid,
            epoch_1904: self.epoch_1904,
        };
        let hashers = &self.hashers;
        let built: Vec<Built> = (first..batch.len())
            .into_par_iter()
            .with_min_len(256)
            .map(|i| batch.with_cells(i, |cells| build(&ctx, hashers, cells)))
            .collect();
        for (i, built) in (first..).zip(built) {
            let number = batch.number(i);
            // A CSV reader passes over empty lines: a gap in the row numbers is a blank row.
            if self.last_number.is_some_and(|last| number > last + 1) {
                self.blank_seen = true;
            }
            self.last_number = Some(number);
            let built = match built {
                Built::Note(text, _) if self.blank_seen => {
                    self.notices.push(format!(
                        "{}:{number}: a note below the data is left out: {text}",
                        self.file
                    ));
                    continue;
                }
                Built::Note(_, otherwise) => *otherwise,
                other => other,
            };
            match built {
                Built::Blank => self.blank_seen = true,
                Built::Header => {
                    if self.headers_again.len() < LISTED {
                        self.headers_again.push(number);
                    }
                    self.headers_again_count += 1;
                }
                Built::Note(..) => {}
                Built::Bad(problems) => {
                    self.bad_rows += 1;
                    for p in problems {
                        self.problem(format!("{}:{number}: {}: {}", self.file, p.column, p.message));
                    }
                }
                Built::Good {
                    key,
                    cells,
                    from,
                    json,
                    warnings,
                    day_count,
                } => {
                    if let Some(&earlier) = self.ids.get(&key) {
                        self.repeated(number, earlier, cells, from);
                        continue;
                    }
                    self.ids.insert(key, (number, cells));
                    if let Some(how) = day_count {
                        self.day_count(number, &how);
                    }
                    if self.bad_rows > 0 && !self.skip_invalid {
                        // No output will be written: only look for more problems.
                        continue;
                    }
                    let separator: &[u8] = if self.written == 0 { b"\n" } else { b",\n" };
                    if let Err(err) = self.out.write_all(separator).and_then(|()| self.out.write_all(&json)) {
                        self.io = Some(err);
                        return false;
                    }
                    self.first_row.get_or_insert(number);
                    self.last_row = number;
                    self.written += 1;
                    self.warn(number, warnings);
                }
            }
        }
        true
    }

    pub(super) fn find_header(&mut self, number: usize, cells: &[Cell]) -> bool {
        self.seen += 1;
        let texts: Vec<String> = cells.iter().map(|c| c.text().trim().to_owned()).collect();
        if let Some(header) = Header::read(&texts) {
            if let Some(tab) = header.export_of {
                self.refusal = Some(refused(
                    &format!("{}:{number}", self.file),
                    format!(
                        "this is an export of {tab} (`shuibei export --tab {tab}`); import makes enterprises only: give it an export of --tab enterprises, or a registry's"
                    ),
                ));
                return false;
            }
            if !header.has_name() {
                self.refusal = Some(ImportError::Refused {
                    message: format!(
                        "{}:{number}: the header has no name column; name one 企业名称, 公司名称, 名称 or Company Name",
                        self.file
                    ),
                    help: vec!["the headers shuibei knows:".into(), known_headers()],
                });
                return false;
            }
            if !header.unknown.is_empty() {
                self.notices.push(format!(
                    "{}:{number}: columns shuibei does not know are left out: {}",
                    self.file,
                    header.unknown.join(", ")
                ));
            }
            // One line per reason, in the order of the reasons.
            let mut left_out = header.left_out.clone();
            left_out.sort_by_key(|(why, _)| *why);
            for group in left_out.chunk_by(|a, b| a.0 == b.0) {
                let names: Vec<&str> = group.iter().map(|(_, name)| name.as_str()).collect();
                self.notices.push(format!(
                    "{}:{number}: {}: {}",
                    self.file,
                    group[0].0.why(),
                    names.join(", ")
                ));
            }
            if !header.repeated.is_empty() {
                self.notices.push(format!(
                    "{}:{number}: columns that repeat an earlier one are left out: {}",
                    self.file,
                    header.repeated.join(", ")
                ));
            }
            self.header = Some(header);
            self.header_row = number;
            return true;
        }
        self.seen < HEADER_ROWS
    }
}

/// One row's record, serialized, with the key that tells repeats.
fn build(ctx: &record::Context, hashers: &[hashbrown::DefaultHashBuilder; 2], cells: &[Cell]) -> Built {
    if record::is_blank(cells) {
        return Built::Blank;
    }
    if repeats_header(ctx.header, cells) {
        return Built::Header;
    }
    let built = record_of(ctx, hashers, cells);
    match note(cells) {
        Some(text) => Built::Note(text, Box::new(built)),
        None => built,
    }
}

/// Whether a row is the header again: each cell the header's name for its column.
fn repeats_header(header: &Header, cells: &[Cell]) -> bool {
    header.names.iter().filter(|n| !n.is_empty()).count() >= 2
        && header
            .names
            .iter()
            .enumerate()
            .all(|(i, name)| cells.get(i).map_or(String::new(), |c| c.text().trim().to_owned()) == *name)
        && cells
            .iter()
            .skip(header.names.len())
            .all(|c| c.text().trim().is_empty())
}

/// The text of a row that reads like a note: only its first cell filled, with a colon
/// (数据来源：企查查) or a note's first word (注, 备注, 说明, 来源, 导出, Source, Note).
fn note(cells: &[Cell]) -> Option<String> {
    let (first, rest) = cells.split_first()?;
    if !record::is_blank(rest) {
        return None;
    }
    let text = first.text().trim().to_owned();
    let lower = text.to_lowercase();
    let starts = ["注", "备注", "说明", "来源", "数据来源", "导出", "source", "note", "*"];
    (text.contains('：') || text.contains(':') || starts.iter().any(|w| lower.starts_with(w))).then_some(text)
}

/// A hash of the row's cells, trimmed, but the row number's: what tells the same row
/// listed twice from two rows of one id.
fn cells_key(header: &Header, hasher: &hashbrown::DefaultHashBuilder, cells: &[Cell]) -> u64 {
    let mut h = hasher.build_hasher();
    for (i, cell) in cells.iter().enumerate() {
        if header.columns.get(i) == Some(&Some(headers::Column::RowNumber)) {
            continue;
        }
        let text = cell.text();
        let text = text.trim();
        if !text.is_empty() {
            (i, text).hash(&mut h);
        }
    }
    h.finish()
}

fn record_of(ctx: &record::Context, hashers: &[hashbrown::DefaultHashBuilder; 2], cells: &[Cell]) -> Built {
    match record::build_row(ctx, cells) {
        Ok(record::Row {
            enterprise,
            from,
            warnings,
            day_count,
        }) => {
            let id: &str = &enterprise.id;
            let key = (u128::from(hashers[0].hash_one(id)) << 64) | u128::from(hashers[1].hash_one(id));
            // Records are plain data with string keys: serializing them cannot fail.
            let mut json = Vec::with_capacity(1024);
            let _ = serde_json::to_writer(&mut json, &enterprise);
            Built::Good {
                key,
                cells: cells_key(ctx.header, &hashers[0], cells),
                from,
                json,
                warnings,
                day_count,
            }
        }
        Err(problems) => Built::Bad(problems),
    }
}

fn column_named(header: &Header, column: headers::Column) -> String {
    header
        .columns
        .iter()
        .position(|c| *c == Some(column))
        .map_or_else(String::new, |i| header.names[i].clone())
}
