//! What the engine reads records through: the loaded dataset, or the packed copy of the
//! searchable values a cache file holds (so a warm `shuibei search` never parses the
//! JSON). Both answer the same questions ([`fields`]'s readers) with the same values in
//! the same order; the packed copy is made by asking the dataset each of them once.

use super::fields::{self, Field};
pub use super::packed::Label;
use super::packed::Packed;
use crate::data::db::{Db, Rec};
use crate::data::model::{Date, RecordKind, Text};

/// The records a search reads.
#[derive(Clone, Copy)]
pub enum Records<'a> {
    Db(&'a Db),
    Packed(&'a Packed),
}

impl<'a> From<&'a Db> for Records<'a> {
    fn from(db: &'a Db) -> Self {
        Records::Db(db)
    }
}

impl<'a> From<&'a std::sync::Arc<Db>> for Records<'a> {
    fn from(db: &'a std::sync::Arc<Db>) -> Self {
        Records::Db(db)
    }
}

impl<'a> From<&'a Packed> for Records<'a> {
    fn from(p: &'a Packed) -> Self {
        Records::Packed(p)
    }
}

/// A record's aliases, from either side.
#[derive(Clone, Copy)]
pub enum Aliases<'a> {
    Db(&'a [Text]),
    Packed(super::packed::Values<'a>),
}

impl<'a> Aliases<'a> {
    /// Alias `i`, in dataset order.
    #[must_use]
    pub fn get(self, i: usize) -> Option<&'a str> {
        match self {
            Aliases::Db(list) => list.get(i).map(|a| &**a),
            Aliases::Packed(values) => values.into_iter().nth(i),
        }
    }

    /// Every alias, in dataset order.
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        let (db, packed) = match self {
            Aliases::Db(list) => (Some(list.iter().map(|a| &**a)), None),
            Aliases::Packed(values) => (None, Some(values.into_iter())),
        };
        db.into_iter().flatten().chain(packed.into_iter().flatten())
    }
}

/// Whether a field's values in a dataset are short texts that repeat from record to record
/// and are never formatted (see [`Records::visit_each`]).
fn repeats(field: Field) -> bool {
    !fields::formatted(field)
        && matches!(
            field,
            Field::Kind
                | Field::Ownership
                | Field::Segment
                | Field::Location
                | Field::Role
                | Field::Exchange
                | Field::Tag
                | Field::Metric
                | Field::Scope
                | Field::Group
                | Field::Unit
                | Field::By
        )
}

impl<'a> Records<'a> {
    /// The records of a kind.
    #[must_use]
    pub fn len(self, kind: RecordKind) -> usize {
        match self {
            Records::Db(db) => db.len(kind),
            Records::Packed(p) => p.len(kind),
        }
    }

    /// A record's id.
    #[must_use]
    pub fn id(self, rec: Rec) -> &'a str {
        match self {
            Records::Db(db) => db.id(rec),
            Records::Packed(p) => p.id(rec),
        }
    }

    /// One line naming a record, as `shuibei search` prints it
    /// ([`present::label`](crate::data::present::label)).
    #[must_use]
    pub fn label(self, rec: Rec) -> String {
        match self {
            Records::Db(db) => crate::data::present::label(db, rec),
            Records::Packed(p) => p.label(rec),
        }
    }

    /// The record's id and its label in pieces ([`Records::label`] without joining it):
    /// one walk of a packed record's values for both.
    #[must_use]
    pub fn id_and_label(self, rec: Rec) -> (&'a str, Label<'a>) {
        match self {
            Records::Db(db) => (db.id(rec), Label::Owned(crate::data::present::label(db, rec))),
            Records::Packed(p) => p.id_and_label(rec),
        }
    }

    /// [`fields::visit`].
    pub fn visit(self, rec: Rec, field: Field, scratch: &mut String, each: &mut dyn FnMut(&str) -> bool) -> bool {
        match self {
            Records::Db(db) => fields::visit(db, rec, field, scratch, each),
            Records::Packed(p) => p.visit(rec, field, each),
        }
    }

    /// [`Records::visit`] for each of `fields` in turn; packed values read a record's
    /// entries once for all. `each` is given the field's position in `fields` and a key
    /// that stands for the value's text while the records live, when the value repeats
    /// from record to record: for packed values its number in its chunk, as
    /// [`Packed::visit_each`] gives it; in a dataset, its address (the loader shares
    /// short repeated text between records, see `Sym`), but never for a text formatted
    /// into `scratch` (dates, figures), whose address holds another text next time, nor
    /// for text that is nearly always the record's own (summaries, people, codes), which
    /// would only fill the memo (`memo`, emptied every chunk of records). Locations are
    /// keyed: a registry's repeat, though an imported list's street addresses do not.
    pub fn visit_each(
        self,
        rec: Rec,
        fields: &[Field],
        scratch: &mut String,
        each: &mut dyn FnMut(usize, Option<usize>, &str) -> bool,
    ) -> bool {
        match self {
            Records::Db(db) => fields.iter().enumerate().any(|(i, f)| {
                let shared = repeats(*f);
                fields::visit(db, rec, *f, scratch, &mut |v| {
                    each(i, shared.then(|| v.as_ptr().addr()), v)
                })
            }),
            Records::Packed(p) => p.visit_each(rec, fields, each),
        }
    }

    /// [`fields::touch`].
    #[must_use]
    pub fn touch(self, rec: Rec) -> usize {
        match self {
            Records::Db(db) => fields::touch(db, rec),
            Records::Packed(p) => p.touch(rec),
        }
    }

    /// [`fields::date_of`].
    #[must_use]
    pub fn date_of(self, rec: Rec, field: Field) -> Option<(Date, Option<&'a str>)> {
        match self {
            Records::Db(db) => fields::date_of(db, rec, field),
            Records::Packed(p) => p.date_of(rec, field),
        }
    }

    /// [`fields::primary_names`].
    #[must_use]
    pub fn primary_names(self, rec: Rec) -> [Option<&'a str>; 2] {
        match self {
            Records::Db(db) => fields::primary_names(db, rec),
            Records::Packed(p) => p.primary_names(rec),
        }
    }

    /// [`fields::aliases`].
    #[must_use]
    pub fn aliases(self, rec: Rec) -> Aliases<'a> {
        match self {
            Records::Db(db) => Aliases::Db(fields::aliases(db, rec)),
            Records::Packed(p) => Aliases::Packed(p.aliases(rec)),
        }
    }

    /// [`fields::related_names`].
    pub fn related_names(self, rec: Rec, each: &mut dyn FnMut(Field, &str) -> bool) -> bool {
        match self {
            Records::Db(db) => fields::related_names(db, rec, each),
            Records::Packed(p) => p.related_names(rec, each),
        }
    }
}

#[cfg(test)]
mod tests;
