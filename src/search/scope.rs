//! Which records a search covers.

use super::records::Records;
use crate::data::model::RecordKind;

/// Which records a search covers: one tab, or all of them (the jump box).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    One(RecordKind),
    All,
}

impl Scope {
    /// The record kinds in scope, in tab order.
    #[must_use]
    pub fn kinds(self) -> &'static [RecordKind] {
        match self {
            Scope::One(RecordKind::History) => &[RecordKind::History],
            Scope::One(RecordKind::Enterprise) => &[RecordKind::Enterprise],
            Scope::One(RecordKind::Brand) => &[RecordKind::Brand],
            Scope::One(RecordKind::Indicator) => &[RecordKind::Indicator],
            Scope::All => &RecordKind::ALL,
        }
    }

    /// How many records the scope holds.
    #[must_use]
    pub fn len<'a>(self, db: impl Into<Records<'a>>) -> usize {
        let db = db.into();
        self.kinds().iter().map(|k| db.len(*k)).sum()
    }
}
