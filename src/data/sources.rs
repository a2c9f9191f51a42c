//! Which records cite each source: the row model of the explorer's Sources tab and of
//! `export --tab sources` (every source, with its reliability and the records that cite
//! it). One pass over every record's citations builds it; both read the same index.
//!
//! Pure functions of the `Db`; no styling, no output.

use crate::data::db::{Db, Rec, Target};
use crate::data::model::{RecordKind, Source};

/// For every source (by its index in the dataset), the records that cite it: in tab order
/// (history, enterprises, brands, indicators), each in dataset order, each record once.
///
/// Stored flat (one list of records, cut per source by offsets), so a million citations
/// cost one allocation and no spare capacity.
#[derive(Debug, Clone, Default)]
pub struct Citations {
    /// `recs[offsets[i]..offsets[i + 1]]` cite source `i`.
    offsets: Vec<usize>,
    recs: Vec<Rec>,
}

impl Citations {
    /// The records citing source `source` (its index in `Db::sources`).
    #[must_use]
    pub fn citing(&self, source: usize) -> &[Rec] {
        match (self.offsets.get(source), self.offsets.get(source + 1)) {
            (Some(a), Some(b)) => &self.recs[*a..*b],
            _ => &[],
        }
    }

    /// How many records cite source `source`.
    #[must_use]
    pub fn count(&self, source: usize) -> usize {
        self.citing(source).len()
    }

    /// How many sources the index covers (all of the dataset's).
    #[must_use]
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One row of the Sources tab or of `export --tab sources`: a source and who cites it.
#[derive(Debug, Clone, Copy)]
pub struct SourceRow<'a> {
    /// The source's index in `Db::sources`.
    pub index: usize,
    pub source: &'a Source,
    pub citing: &'a [Rec],
}

/// Every source in dataset order with the records that cite it.
#[must_use]
pub fn rows<'a>(db: &'a Db, citations: &'a Citations) -> Vec<SourceRow<'a>> {
    db.sources()
        .iter()
        .enumerate()
        .map(|(index, source)| SourceRow {
            index,
            source,
            citing: citations.citing(index),
        })
        .collect()
}

/// Builds the index: one pass to count, one to place.
#[must_use]
pub fn citations(db: &Db) -> Citations {
    let sources = db.sources().len();
    // Cited ids repeat (a source is cited by many records) and share an allocation when
    // the loader interned them: resolve each allocation once, not each citation.
    let mut resolved: hashbrown::HashMap<(usize, usize), Option<u32>> = hashbrown::HashMap::new();
    let mut cited: Vec<(u32, Rec)> = Vec::new();
    for kind in RecordKind::ALL {
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            let first = cited.len();
            for cite in db.cites(rec) {
                let id: &str = &cite.source;
                let source = *resolved
                    .entry((id.as_ptr() as usize, id.len()))
                    .or_insert_with(|| match db.lookup(id) {
                        Some(Target::Source(s)) => Some(s),
                        _ => None,
                    });
                // A record citing one source twice is listed once.
                if let Some(s) = source
                    && !cited[first..].iter().any(|(c, _)| *c == s)
                {
                    cited.push((s, rec));
                }
            }
        }
    }
    let mut offsets = vec![0usize; sources + 1];
    for (s, _) in &cited {
        offsets[*s as usize + 1] += 1;
    }
    for i in 0..sources {
        offsets[i + 1] += offsets[i];
    }
    let mut next = offsets.clone();
    let mut recs = vec![Rec::new(RecordKind::History, 0); cited.len()];
    for (s, rec) in cited {
        let at = &mut next[s as usize];
        recs[*at] = rec;
        *at += 1;
    }
    Citations { offsets, recs }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r#"{"format": "shuibei/1", "cluster": {"name": "C"},
      "sources": [
        {"id": "a", "title": "A", "reliability": "high"},
        {"id": "b", "title": "B", "reliability": "low"},
        {"id": "c", "title": "C", "reliability": "medium"}],
      "history": [{"id": "h1", "date": "2001", "title": "H", "sources": [{"source": "b"}, {"source": "a"}]}],
      "enterprises": [{"id": "e1", "name": "E", "sources": [{"source": "a"}, {"source": "a", "quote": "again"}]}],
      "indicators": [{"id": "i1", "name": "I", "value": 1, "unit": "u", "as_of": "2001", "sources": [{"source": "a"}]}]}"#;

    #[test]
    fn every_source_lists_its_citing_records_once_in_tab_order() {
        let db = crate::data::load::load_slice("test.json", DATA.as_bytes()).unwrap();
        let index = citations(&db);
        assert_eq!(index.len(), 3);
        let ids = |s: usize| index.citing(s).iter().map(|r| db.id(*r)).collect::<Vec<_>>();
        assert_eq!(ids(0), ["h1", "e1", "i1"]);
        assert_eq!(ids(1), ["h1"]);
        assert!(ids(2).is_empty(), "a source nobody cites has no rows");
        let rows = rows(&db, &index);
        assert_eq!(rows.len(), 3);
        assert_eq!(&*rows[1].source.id, "b");
        assert_eq!(rows[1].citing.len(), 1);
        assert_eq!(index.citing(9), &[] as &[Rec], "out of range is empty, not a panic");
    }
}
