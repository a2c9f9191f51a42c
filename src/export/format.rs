//! What an export is: its format, where it goes, and which rows of which tab it holds.
//! Shared by the writers (`csv`, `json`, `xlsx`) and the entry points in `export`.

use std::path::Path;

use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One header line, one row per record, flat columns per tab; UTF-8 without a BOM.
    Csv,
    /// One array of `{"kind", "id", "record"}` objects, the record as stored: the shape
    /// of `shuibei show --json` (a record of its own can have a `kind` field, enterprises
    /// do, so the record kind cannot sit beside the stored fields).
    Json,
    /// One record (as in [`Format::Json`]) per line.
    Jsonl,
    /// An Excel workbook: the rows with typed cells (dates, numbers), a frozen and
    /// filtered header, and a Sources sheet. Only to a file: it is binary.
    Xlsx,
}

impl Format {
    /// The format a file name asks for: `.csv`, `.json`, `.jsonl`, `.ndjson` or `.xlsx`,
    /// in any case.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Xlsx => "xlsx",
        }
    }

    /// The extensions a file name may end in, as a person is told: ".csv, .json, .jsonl or .xlsx".
    pub const EXTENSIONS: &'static str = ".csv, .json, .jsonl or .xlsx";
}

/// The file name the explorer's `e` offers for a tab's rows, given the name used last and
/// the tab it was used on: that name again on the same tab; on another tab, a name for
/// this tab in the same folder with the same extension (`~/out/listed.xlsx` on
/// Enterprises offers `~/out/shuibei-indicators.xlsx` on Indicators, never a name that
/// says "listed" for indicators); at first `shuibei-<tab>.xlsx`: a workbook keeps the
/// Chinese and the codes intact in Excel, where a CSV without a byte-order mark shows
/// mojibake (the README's warning), so the name offered is the one that opens right.
#[must_use]
pub fn suggested_name(tab: Tab, last: Option<(Tab, &str)>) -> String {
    let fresh = |ext: &str| format!("shuibei-{}.{ext}", tab.section());
    match last {
        None => fresh("xlsx"),
        Some((last_tab, name)) if last_tab == tab => name.to_owned(),
        Some((_, name)) => {
            let path = Path::new(name);
            let ext = match path.extension().and_then(|e| e.to_str()) {
                Some(ext) if Format::from_path(path).is_some() => ext,
                _ => "xlsx",
            };
            match name.rfind('/') {
                Some(slash) => format!("{}{}", &name[..=slash], fresh(ext)),
                None => fresh(ext),
            }
        }
    }
}

/// Where the bytes end up, which decides how faithful CSV may be (see the module notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dest {
    /// Standard output: a terminal, or a pipe that may end on one.
    Stdout,
    /// A file the user named.
    File,
}

/// A tab whose rows can be exported: one kind of record, or the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Records(RecordKind),
    Sources,
}

impl Tab {
    /// The tab's title, also the name of the workbook's first sheet.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Tab::Records(RecordKind::History) => "History",
            Tab::Records(RecordKind::Enterprise) => "Enterprises",
            Tab::Records(RecordKind::Brand) => "Brands",
            Tab::Records(RecordKind::Indicator) => "Indicators",
            Tab::Sources => "Sources",
        }
    }

    /// The dataset section the rows come from: `history`, `enterprises`, …, `sources`.
    #[must_use]
    pub fn section(self) -> &'static str {
        match self {
            Tab::Records(kind) => kind.section(),
            Tab::Sources => "sources",
        }
    }

    /// The singular `kind` written in JSON: `enterprise`, …, `source`.
    #[must_use]
    pub fn kind_name(self) -> &'static str {
        match self {
            Tab::Records(kind) => kind.as_str(),
            Tab::Sources => "source",
        }
    }

    /// How many rows the tab has before any filter.
    #[must_use]
    pub fn len(self, db: &Db) -> usize {
        match self {
            Tab::Records(kind) => db.len(kind),
            Tab::Sources => db.sources().len(),
        }
    }
}

/// The rows to export: positions in one tab's section (`db.enterprises()[i]`,
/// `db.sources()[i]`), in the order given. Being positions of one tab, they cannot mix
/// kinds, whatever the caller does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub tab: Tab,
    pub positions: Vec<u32>,
}

impl Rows {
    /// Every row of a tab, in dataset order: what a tab holds before any filter.
    ///
    /// # Panics
    /// If a section holds 2^32 rows or more, which no loadable file can.
    #[must_use]
    pub fn all(db: &Db, tab: Tab) -> Rows {
        let n = u32::try_from(tab.len(db)).expect("datasets hold fewer than 2^32 records per section");
        Rows {
            tab,
            positions: (0..n).collect(),
        }
    }

    /// These records of one kind, in this order. Records of another kind are left out:
    /// they have no row in this tab's columns.
    #[must_use]
    pub fn records(kind: RecordKind, recs: &[Rec]) -> Rows {
        Rows {
            tab: Tab::Records(kind),
            positions: recs.iter().filter(|r| r.kind == kind).map(|r| r.index).collect(),
        }
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The records, for a record tab (empty for the sources).
    pub fn recs(&self) -> impl Iterator<Item = Rec> + '_ {
        let kind = match self.tab {
            Tab::Records(kind) => Some(kind),
            Tab::Sources => None,
        };
        self.positions
            .iter()
            .filter_map(move |p| kind.map(|kind| Rec::new(kind, *p as usize)))
    }
}
