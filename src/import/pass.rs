//! One pass over an export's rows: the header found below any title lines, each row
//! built into a record on any core (`build`), and the state that decides, after the last
//! row, whether the records can be written (`Run::verdict`).

use std::hash::BuildHasher;
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
    /// Only the first cell filled, with words like a note's (数据来源：…): a footer when
    /// it follows a blank row; the record the row would make otherwise.
    Note(String, Box<Built>),
    Bad(Vec<record::CellProblem>),
    Good {
        /// The record's id, hashed twice (128 bits) to find repeats without keeping ids.
        key: u128,
        from: record::IdFrom,
        json: Vec<u8>,
        /// Values left out of the record (`--skip-invalid`), said as warnings.
        warnings: Vec<record::CellProblem>,
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
    /// Each record's id key → the row that has it.
    pub(super) ids: hashbrown::HashMap<u128, usize>,
    pub(super) hashers: [hashbrown::DefaultHashBuilder; 2],
    pub(super) refusal: Option<ImportError>,
    pub(super) io: Option<std::io::Error>,
    pub(super) skip_invalid: bool,
    /// A blank row came after the header: what follows may be notes, not data.
    pub(super) blank_seen: bool,
    /// The number of the last row after the header.
    pub(super) last_number: Option<usize>,
}

impl<W: Write> Run<'_, W> {
    /// After the last row: whether what was read can be written, or why not.
    pub(super) fn verdict(&mut self) -> Result<(), ImportError> {
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
        let Some(header) = &self.header else { return false };
        let ctx = record::Context {
            header,
            source: self.source.clone(),
            as_of: self.as_of,
            lenient: self.skip_invalid,
        };
        let hashers = &self.hashers;
        let built: Vec<Built> = (first..batch.len())
            .into_par_iter()
            .with_min_len(256)
            .map(|i| batch.with_cells(i, |cells| build(&ctx, hashers, cells)))
            .collect();
        let (id_column, code_column, name_column) = (
            column_named(header, headers::Column::Id),
            column_named(header, headers::Column::CreditCode),
            column_named(header, headers::Column::Name),
        );
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
                Built::Note(..) => {}
                Built::Bad(problems) => {
                    self.bad_rows += 1;
                    for p in problems {
                        self.problem(format!("{}:{number}: {}: {}", self.file, p.column, p.message));
                    }
                }
                Built::Good {
                    key,
                    from,
                    json,
                    warnings,
                } => {
                    if let Some(&earlier) = self.ids.get(&key) {
                        // A made id can meet a given one: say which row's id it repeats.
                        let line = match from {
                            record::IdFrom::Given => format!(
                                "{}:{number}: {id_column}: the same id as row {earlier}; ids must be unique: change one, or empty the cell to have an id made from the credit code or the name",
                                self.file
                            ),
                            record::IdFrom::CreditCode => format!(
                                "{}:{number}: {code_column}: the same credit code as row {earlier}; each organisation once",
                                self.file
                            ),
                            record::IdFrom::Name => format!(
                                "{}:{number}: {name_column}: the same name as row {earlier}, and no credit code to tell them apart; add the codes, or remove one row",
                                self.file
                            ),
                        };
                        self.bad_rows += 1;
                        self.problem(line);
                        continue;
                    }
                    self.ids.insert(key, number);
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
    let built = record_of(ctx, hashers, cells);
    match note(cells) {
        Some(text) => Built::Note(text, Box::new(built)),
        None => built,
    }
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

fn record_of(ctx: &record::Context, hashers: &[hashbrown::DefaultHashBuilder; 2], cells: &[Cell]) -> Built {
    match record::build_row(ctx, cells) {
        Ok(record::Row {
            enterprise,
            from,
            warnings,
        }) => {
            let id: &str = &enterprise.id;
            let key = (u128::from(hashers[0].hash_one(id)) << 64) | u128::from(hashers[1].hash_one(id));
            // Records are plain data with string keys: serializing them cannot fail.
            let mut json = Vec::with_capacity(1024);
            let _ = serde_json::to_writer(&mut json, &enterprise);
            Built::Good {
                key,
                from,
                json,
                warnings,
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
