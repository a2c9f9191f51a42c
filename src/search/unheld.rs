//! Why a query found nothing, when it asks a field no record holds: `credit:` on data
//! without registry imports. Both the command line and the explorer say so; the
//! explorer's search worker asks when a search comes back empty.

use super::fields;
use super::query::Query;
use super::records::Records;
use super::scope::Scope;
use crate::data::db::Rec;

/// The fields the query's `field:` terms ask for that no record of the scope holds a
/// value in, by name: why such a query finds nothing (`district:` in a dataset without
/// registry imports, whose places are in `location:`), which callers say. Reads every
/// record of the scope until it finds a value: call it when nothing matched.
#[must_use]
pub fn unheld_fields<'a>(db: impl Into<Records<'a>>, scope: Scope, query: &str) -> Vec<&'static str> {
    let db = db.into();
    let query = Query::parse(query, scope);
    let mut scratch = String::new();
    let mut held: Vec<(&'static str, bool)> = Vec::new();
    for &kind in scope.kinds() {
        for field in query.fields_asked(kind) {
            let name = fields::name_of(kind, field);
            let has = (0..db.len(kind)).any(|i| db.visit(Rec::new(kind, i), field, &mut scratch, &mut |_| true));
            match held.iter_mut().find(|(n, _)| *n == name) {
                Some((_, h)) => *h |= has,
                None => held.push((name, has)),
            }
        }
    }
    held.into_iter().filter(|(_, has)| !has).map(|(name, _)| name).collect()
}
