//! What a column of a tab's table is (its title, width, sortability, priority) and the
//! pieces every tab's module builds its columns and cells from.

use crate::data::model::{Reliability, Sym};

/// How wide a column wants to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Exactly this many columns.
    Fixed(u16),
    /// A share of what is left, never below `min`.
    Fill { weight: u16, min: u16 },
    /// As wide as its widest cell (measured on the data, at most `max`), never below
    /// `min`; served from the spare room before any `Fill` column.
    Content { min: u16, max: u16 },
    /// As wide as its widest cell (at most `max`) and never narrower: a date cut to
    /// `2025-10-…` says nothing, so the column is hidden before it is cut.
    Whole { max: u16 },
}

/// One column of a tab's table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub width: Width,
    /// Whether `s` stops on this column.
    pub sortable: bool,
    /// When the table is too narrow, columns with the lowest priority are hidden first.
    pub priority: u8,
    /// Hidden before every column that has text in most rows, when this one is blank in
    /// most (an Ownership column blank for 47 of 52 rows does not push Listing out).
    pub yields_when_blank: bool,
    /// For the main column (the name): the width it reads in, before lesser columns show
    /// (0: a third over its minimum); for another column sized by its content (Indicators'
    /// Scope), the width it grows to before the main column grows past its own.
    pub readable: u16,
    /// For a column sized by its content: the width of its cells' short forms (a figure
    /// as the Overview writes it), which it grows past only after the main column has
    /// what it reads in (0: none).
    pub short: u16,
    /// Shown only in room the main column does not want: a column that repeats a few
    /// words down the list (Indicators' Group, "Gold prices" on every price) gives way
    /// before the names are cut.
    pub spare_only: bool,
}

pub(super) const fn col(title: &'static str, width: Width, sortable: bool, priority: u8) -> Column {
    Column {
        title,
        width,
        sortable,
        priority,
        yields_when_blank: false,
        readable: 0,
        short: 0,
        spare_only: false,
    }
}

impl Column {
    /// The main column, reading in `width` before lesser columns show.
    pub(super) const fn reads_in(self, width: u16) -> Self {
        Self {
            readable: width,
            ..self
        }
    }

    /// A column shown only when the main column has all it wants ([`Column::spare_only`]).
    pub(super) const fn in_spare_room(self) -> Self {
        Self {
            spare_only: true,
            ..self
        }
    }

    /// A column whose cells have short forms `width` wide, kept to them until the main
    /// column reads.
    pub(super) const fn short_in(self, width: u16) -> Self {
        Self { short: width, ..self }
    }
}

/// A column that gives way when it is blank in most rows.
pub(super) const fn sparse(title: &'static str, width: Width, sortable: bool, priority: u8) -> Column {
    Column {
        yields_when_blank: true,
        ..col(title, width, sortable, priority)
    }
}

/// Every record tab ends with this column: the strongest source of the record, with `*`
/// when some claim rests on a low-reliability one.
pub(super) const SRC: &str = "Src";

/// The width of the `Src` column: "high*".
pub(super) const SRC_WIDTH: Width = Width::Fixed(5);

/// A list of names as one cell: `a, b, c`.
pub(super) fn joined(items: &[Sym]) -> String {
    items.iter().map(|s| &**s).collect::<Vec<_>>().join(", ")
}

/// The 中文名 cell: blank when the Chinese name is the name itself (a registry import
/// with no English name names the record in Chinese), so it reads once per row.
pub(super) fn chinese_name<'a>(name: &str, name_zh: Option<&'a str>) -> &'a str {
    name_zh.filter(|zh| *zh != name).unwrap_or("")
}

/// What the data says about a tab's columns, measured once on a sample of its rows: the
/// widest cell of each column and whether it is blank in most rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fit {
    pub wanted: Vec<u16>,
    pub blank: Vec<bool>,
}

/// A reliability as the narrow columns write it.
#[must_use]
pub fn reliability_word(reliability: Option<Reliability>) -> &'static str {
    match reliability {
        Some(Reliability::High) => "high",
        Some(Reliability::Medium) => "med",
        Some(Reliability::Low) => "LOW",
        None => "none",
    }
}
