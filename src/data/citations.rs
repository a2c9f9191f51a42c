//! Sources and the records that cite them: the reverse of every record's `sources` list.
//!
//! Records name their sources; nothing in a dataset says which records lean on a given
//! source. [`Citations`] answers that for every source at once, built in one pass over
//! the citations (two flat arrays, so a million records cost a few bytes per citation).
//! Both the explorer's Sources tab and `export --tab sources` read it.
//!
//! [`citation`] goes the other way: a record's sources as a reference list a person
//! pastes into a report (the explorer's `c` key).

use std::fmt::Write as _;

use crate::data::db::{Db, Rec, Target};
use crate::data::model::{RecordKind, Source};
use crate::data::present;

/// For each source (by its position in [`Db::sources`]), the records citing it, in tab
/// order (history, enterprises, brands, indicators) and dataset order within a tab. A
/// record that cites one source twice is listed once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citations {
    /// `offsets[s]..offsets[s + 1]` is source `s`'s slice of `records`; one more entry
    /// than there are sources.
    offsets: Vec<u32>,
    records: Vec<Rec>,
}

impl Citations {
    /// Builds the table for a checked dataset.
    ///
    /// # Panics
    /// If a dataset holds 2^32 citations or more, which no loadable file can.
    #[must_use]
    pub fn build(db: &Db) -> Citations {
        let sources = db.sources().len();
        // (source, record) pairs in record order; a counting sort by source keeps that order.
        let mut pairs: Vec<(u32, Rec)> = Vec::new();
        for kind in RecordKind::ALL {
            for i in 0..db.len(kind) {
                let rec = Rec::new(kind, i);
                let first = pairs.len();
                for cite in db.cites(rec) {
                    // Every citation resolves to a source in a checked dataset.
                    if let Some(Target::Source(s)) = db.lookup(&cite.source)
                        && !pairs[first..].iter().any(|(seen, _)| *seen == s)
                    {
                        pairs.push((s, rec));
                    }
                }
            }
        }
        let mut offsets = vec![0u32; sources + 1];
        for (s, _) in &pairs {
            offsets[*s as usize + 1] += 1;
        }
        for s in 0..sources {
            offsets[s + 1] += offsets[s];
        }
        let mut next: Vec<u32> = offsets[..sources].to_vec();
        let placeholder = Rec::new(RecordKind::History, 0);
        let mut records = vec![placeholder; pairs.len()];
        for (s, rec) in pairs {
            let slot = &mut next[s as usize];
            records[*slot as usize] = rec;
            *slot += 1;
        }
        assert!(
            u32::try_from(records.len()).is_ok(),
            "datasets hold fewer than 2^32 citations"
        );
        Citations { offsets, records }
    }

    /// The records citing the source at position `source` in [`Db::sources`]; empty for a
    /// position past the end.
    #[must_use]
    pub fn citing(&self, source: usize) -> &[Rec] {
        match (self.offsets.get(source), self.offsets.get(source + 1)) {
            (Some(&start), Some(&end)) => &self.records[start as usize..end as usize],
            _ => &[],
        }
    }

    /// How many records cite the source at position `source`.
    #[must_use]
    pub fn count(&self, source: usize) -> usize {
        self.citing(source).len()
    }

    /// How many sources the table covers (all of the dataset's).
    #[must_use]
    pub fn sources(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The positions of the sources no record cites.
    pub fn uncited(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.sources()).filter(|s| self.count(*s) == 0)
    }
}

impl Db {
    /// Every source with the records citing it (see [`Citations`]); computed on each
    /// call, so a caller that asks often keeps the result.
    #[must_use]
    pub fn citations(&self) -> Citations {
        Citations::build(self)
    }
}

/// A citation of a record: what it is, then each source it cites (once, in citation
/// order) as `N. Title. Publisher, date. URL [reliability]` (see [`reference`]). `None`
/// when the record cites no source. The text is as stored: callers make it safe for where it goes.
///
/// ```text
/// Zhou Dasheng Jewellery Co., Ltd. 周大生珠宝股份有限公司 — sources:
/// 1. 周大生 2017 annual report. Zhou Dasheng, 2018-04-20. https://example.com/ar.pdf [high reliability]
/// ```
#[must_use]
pub fn citation(db: &Db, rec: Rec) -> Option<String> {
    // A page entered as two sources, each rated for its own claim, is one reference: the
    // first cited, with every rating the record's claims from it carry.
    let mut sources: Vec<(&Source, Vec<crate::data::model::Reliability>)> = Vec::new();
    for cite in db.cites(rec) {
        let Some(source) = db.source(&cite.source) else {
            continue;
        };
        let same = |s: &Source| s.id == source.id || (s.url.is_some() && s.url == source.url);
        match sources.iter_mut().find(|(s, _)| same(s)) {
            Some((_, ratings)) => {
                if !ratings.contains(&source.reliability) {
                    ratings.push(source.reliability);
                }
            }
            None => sources.push((source, vec![source.reliability])),
        }
    }
    if sources.is_empty() {
        return None;
    }
    let mut text = format!("{} — sources:\n", present::label(db, rec));
    for (n, (source, ratings)) in sources.iter().enumerate() {
        let _ = writeln!(text, "{}. {}", n + 1, rated(source, ratings));
    }
    Some(text)
}

/// One source as a reference: `Title. Publisher, date. URL [low reliability]`.
///
/// What the source does not say is marked, never dropped silently: `n.p.` for no
/// publisher and `n.d.` for no date (as in Chicago-style references); a source kept as a
/// file gives its file instead of a URL, and one with neither ends after the date. The
/// source's reliability closes the line, so a pasted citation keeps what the detail pane
/// warns about. As stored: callers make it safe for where it goes. Used by [`citation`]
/// and the export's `citations` column.
#[must_use]
pub fn reference(source: &Source) -> String {
    rated(source, &[source.reliability])
}

/// [`reference`] closed by several ratings, when the page is cited for claims rated
/// apart: `[medium reliability; low for another claim]`.
fn rated(source: &Source, ratings: &[crate::data::model::Reliability]) -> String {
    let mut text = sentence(&source.title);
    let publisher = source.publisher.as_deref().unwrap_or("n.p.");
    let _ = match source.date {
        Some(date) => write!(text, " {}", sentence(&format!("{publisher}, {date}"))),
        None => write!(text, " {publisher}, n.d."),
    };
    if let Some(place) = source.url.as_deref().or(source.file.as_deref()) {
        let _ = write!(text, " {place}");
    }
    let _ = write!(text, " [{} reliability", ratings.first().unwrap_or(&source.reliability));
    for other in ratings.iter().skip(1) {
        let _ = write!(text, "; {other} for another claim");
    }
    text.push(']');
    text
}

/// Text ending in a full stop (or the stop it already has).
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', '。', '！', '？']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::{embedded, load_slice};

    const SMALL: &str = r#"{
      "format": "shuibei/1",
      "cluster": {"name": "Test"},
      "sources": [
        {"id": "s-a", "title": "A report", "reliability": "high", "publisher": "新华社",
         "date": "2021-03-05", "url": "https://example.com/a"},
        {"id": "s-b", "title": "B says so.", "reliability": "low", "file": "archive/b.pdf"},
        {"id": "s-unused", "title": "Unused", "reliability": "medium"}
      ],
      "history": [
        {"id": "h1", "date": "2001", "title": "One", "sources": [{"source": "s-b"}, {"source": "s-b"}]}
      ],
      "enterprises": [
        {"id": "e1", "name": "E1", "sources": [{"source": "s-a"}, {"source": "s-b"}]},
        {"id": "e2", "name": "E2", "sources": [{"source": "s-a"}]}
      ],
      "indicators": [
        {"id": "i1", "name": "I1", "value": 1, "unit": "t", "as_of": "2020", "sources": [{"source": "s-a"}]}
      ]
    }"#;

    fn ids(db: &Db, recs: &[Rec]) -> Vec<String> {
        recs.iter().map(|r| db.id(*r).to_owned()).collect()
    }

    #[test]
    fn each_source_lists_its_citing_records_once_in_tab_order() {
        let db = load_slice("small", SMALL.as_bytes()).unwrap();
        let c = db.citations();
        assert_eq!(c.sources(), 3);
        assert_eq!(ids(&db, c.citing(0)), ["e1", "e2", "i1"]);
        // h1 cites s-b twice: listed once, and before the enterprise (tab order).
        assert_eq!(ids(&db, c.citing(1)), ["h1", "e1"]);
        assert!(c.citing(2).is_empty());
        assert_eq!(c.uncited().collect::<Vec<_>>(), [2]);
        assert!(c.citing(3).is_empty(), "past the end is empty, not a panic");
    }

    #[test]
    fn a_citation_lists_each_source_once_with_what_it_says_of_itself() {
        let db = load_slice("small", SMALL.as_bytes()).unwrap();
        let e1 = db.record("e1").unwrap();
        assert_eq!(
            citation(&db, e1).unwrap(),
            "E1 — sources:\n\
             1. A report. 新华社, 2021-03-05. https://example.com/a [high reliability]\n\
             2. B says so. n.p., n.d. archive/b.pdf [low reliability]\n"
        );
        let h1 = db.record("h1").unwrap();
        assert_eq!(
            citation(&db, h1).unwrap().lines().count(),
            2,
            "s-b cited twice, listed once"
        );
        let e2 = db.record("e2").unwrap();
        assert!(citation(&db, e2).unwrap().contains("1. A report."));
        let bare = load_slice(
            "bare",
            br#"{"format": "shuibei/1", "cluster": {"name": "T"},
            "brands": [{"id": "b", "name": "B"}]}"#,
        )
        .unwrap();
        assert_eq!(citation(&bare, bare.record("b").unwrap()), None);
    }

    /// A page entered twice, rated for two claims, is one reference in a citation, with
    /// both ratings (a pasted citation listed it twice).
    #[test]
    fn a_page_entered_twice_is_cited_once_with_both_ratings() {
        let db = load_slice(
            "pair",
            br#"{"format": "shuibei/1", "cluster": {"name": "T"},
            "sources": [
              {"id": "s-1", "title": "Report", "reliability": "medium", "url": "https://example.com/r"},
              {"id": "s-1-low", "title": "Report, the sums", "reliability": "low", "url": "https://example.com/r"},
              {"id": "s-2", "title": "Other", "reliability": "high", "url": "https://example.com/o"}
            ],
            "enterprises": [{"id": "e", "name": "E",
              "sources": [{"source": "s-1"}, {"source": "s-2"}, {"source": "s-1-low"}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            citation(&db, db.record("e").unwrap()).unwrap(),
            "E — sources:\n\
             1. Report. n.p., n.d. https://example.com/r [medium reliability; low for another claim]\n\
             2. Other. n.p., n.d. https://example.com/o [high reliability]\n"
        );
    }

    #[test]
    fn a_reference_marks_a_missing_publisher_or_date_and_ends_with_the_reliability() {
        let db = load_slice(
            "refs",
            br#"{"format": "shuibei/1", "cluster": {"name": "T"}, "sources": [
              {"id": "s1", "title": "Dated", "reliability": "medium", "date": "2013"},
              {"id": "s2", "title": "Published", "reliability": "high", "publisher": "Luohu"},
              {"id": "s3", "title": "Bare", "reliability": "low", "url": "https://example.com/b"}
            ]}"#,
        )
        .unwrap();
        let refs: Vec<String> = db.sources().iter().map(reference).collect();
        assert_eq!(
            refs,
            [
                "Dated. n.p., 2013. [medium reliability]",
                "Published. Luohu, n.d. [high reliability]",
                "Bare. n.p., n.d. https://example.com/b [low reliability]",
            ]
        );
    }

    #[test]
    fn agrees_with_a_scan_of_every_record_on_the_shipped_data() {
        let db = embedded().unwrap();
        let c = db.citations();
        assert_eq!(c.sources(), db.sources().len());
        for (s, source) in db.sources().iter().enumerate() {
            let scanned: Vec<Rec> = RecordKind::ALL
                .iter()
                .flat_map(|k| (0..db.len(*k)).map(move |i| Rec::new(*k, i)))
                .filter(|r| db.cites(*r).iter().any(|cite| *cite.source == *source.id))
                .collect();
            assert_eq!(c.citing(s), scanned.as_slice(), "{}", source.id);
        }
    }
}
