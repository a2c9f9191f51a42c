//! Each record's summary in simplified characters, where it holds traditional ones: a
//! summary quoting a report as written (報警) is searched by the simplified word a reader
//! types (报警). Made once per tab, when a search first asks, and kept beside
//! the dataset: converting each summary on every keystroke made a keystroke two to three
//! times slower on 300,000 Chinese summaries.

use super::db::{Db, Rec};
use super::model::RecordKind;

impl Db {
    /// `rec`'s summary in simplified characters, when that differs from the summary.
    #[must_use]
    pub fn simplified_summary(&self, rec: Rec) -> Option<&str> {
        let slot = RecordKind::ALL.iter().position(|k| *k == rec.kind)?;
        // Indexed by record (a hash lookup per record cost a Chinese term a third more
        // time on 300,000 summaries); empty when no summary changes. Made on one thread:
        // a search asks from rayon's workers, and one waiting in a parallel loop here
        // could take up another search task that asks again, inside its own
        // initialisation (which deadlocks a `OnceLock`).
        let table = self.simplified[slot].get_or_init(|| {
            let copies: Vec<Option<Box<str>>> = (0..self.len(rec.kind))
                .map(|i| {
                    let text = summary(self, rec.kind, i).filter(|t| !t.is_ascii())?;
                    let simple = fast2s::convert(text);
                    (simple != text).then(|| simple.into_boxed_str())
                })
                .collect();
            if copies.iter().all(Option::is_none) {
                Vec::new()
            } else {
                copies
            }
        });
        table.get(rec.idx())?.as_deref()
    }
}

/// Record `i` of `kind`'s summary.
fn summary(db: &Db, kind: RecordKind, i: usize) -> Option<&str> {
    match kind {
        RecordKind::History => db.history()[i].summary.as_deref(),
        RecordKind::Enterprise => db.enterprises()[i].summary.as_deref(),
        RecordKind::Brand => db.brands()[i].summary.as_deref(),
        RecordKind::Indicator => db.indicators()[i].summary.as_deref(),
    }
}
