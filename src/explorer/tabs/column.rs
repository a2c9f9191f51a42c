//! What a column of a tab's table is (its title, width, sortability, priority) and the
//! pieces every tab's module builds its columns and cells from.

use crate::data::model::Sym;

/// How wide a column wants to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Exactly this many columns.
    Fixed(u16),
    /// A share of what is left, never below `min`.
    Fill { weight: u16, min: u16 },
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
}

pub(super) const fn col(title: &'static str, width: Width, sortable: bool, priority: u8) -> Column {
    Column {
        title,
        width,
        sortable,
        priority,
    }
}

/// Every tab ends with this column: the record's weakest source.
pub(super) const SRC: &str = "Src";

/// A list of names as one cell: `a, b, c`.
pub(super) fn joined(items: &[Sym]) -> String {
    items.iter().map(|s| &**s).collect::<Vec<_>>().join(", ")
}
