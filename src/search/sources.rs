//! Searching the sources: the Sources tab's `/`, the jump box (Ctrl-P), `shuibei search
//! --tab sources` and `shuibei export --tab sources --query`. The record search's syntax
//! (words, `!`, `|`, `'`, `^`, `$`), each word found at a word's start in a source's title,
//! publisher, id, address, file, date or note (Chinese also by its pinyin, and traditional
//! characters also as simplified); no near spellings, and no `field:` terms (they search
//! records). Sources are a few hundred where records may be a million, so there is no
//! index: every source is read.
//!
//! A term found in the title ranks above one found in the publisher, which ranks above
//! the rest; ties keep the dataset's order.

use rayon::prelude::*;

use super::fields;
use super::query::{Clause, Query, Term, kind_slot};
use super::scope::Scope;
use super::text::{Bufs, in_value};
use crate::data::db::Db;
use crate::data::model::{RecordKind, Source};

/// A source that matched: its index in the dataset's sources and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceHit {
    pub index: u32,
    pub score: i64,
}

/// Sources from which a search runs on all cores rather than on the calling thread.
const ON_ALL_CORES: usize = 20_000;

/// What a term found in a title weighs against one found in a lower tier: more than any
/// score a word match earns.
const TIER: i64 = 1 << 20;

/// The sources `query` matches, best first; every source, in order, for an empty query.
/// The query's notice (a part left out) is the record search's: the syntax is one.
#[must_use]
pub fn search_sources(db: &Db, query: &str) -> (Vec<SourceHit>, Option<String>) {
    let parsed = Query::parse(query, Scope::All);
    let sources = db.sources();
    let one = |b: &mut Bufs, (i, source): (usize, &Source)| {
        let score = score(&parsed.clauses, source, b)?;
        Some(SourceHit {
            index: u32::try_from(i).ok()?,
            score,
        })
    };
    // The explorer calls this on its interface thread, while the pool may be busy with a
    // record search (a job sent to it from outside waits behind that one): a few
    // thousand sources, read in well under a millisecond each hundred, stay on this
    // thread; only a long list is worth the pool's two cores.
    let mut hits: Vec<SourceHit> = if sources.len() < ON_ALL_CORES {
        let mut b = Bufs::default();
        sources.iter().enumerate().filter_map(|s| one(&mut b, s)).collect()
    } else {
        sources
            .par_iter()
            .enumerate()
            .map_init(Bufs::default, one)
            .flatten()
            .collect()
    };
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
    let notice = parsed.notice.or_else(|| field_notice(&parsed.clauses));
    (hits, notice)
}

/// What to say of a term for a record's field (`year:2024`), which no source matches.
fn field_notice(clauses: &[Clause]) -> Option<String> {
    let name = clauses.iter().flat_map(|c| &c.alternatives).find_map(|term| {
        let specs = term.field.as_ref()?;
        RecordKind::ALL
            .iter()
            .find_map(|kind| specs[kind_slot(*kind)].map(|spec| fields::name_of(*kind, spec.field)))
    })?;
    // Short: the search line shows it beside the query, in half a screen's width.
    Some(format!("`{name}:` searches records, not sources"))
}

/// The source's texts (`date` its date, written out), each with its tier (the title
/// highest).
fn texts<'a>(source: &'a Source, date: Option<&'a str>) -> [(Option<&'a str>, i64); 7] {
    [
        (Some(&*source.title), 3),
        (source.publisher.as_deref(), 2),
        (Some(&*source.id), 1),
        (source.url.as_deref(), 1),
        (source.file.as_deref(), 1),
        (date, 1),
        (source.note.as_deref(), 0),
    ]
}

/// The best score of `term` in the source's texts, with its tier's weight. A text in
/// traditional characters is also read simplified (中評社, 大公報): many sources are Hong
/// Kong papers, and a reader types the mainland's characters.
fn best(term: &Term, source: &Source, date: Option<&str>, b: &mut Bufs) -> Option<i64> {
    texts(source, date)
        .iter()
        .filter_map(|(text, tier)| {
            let text = (*text)?;
            let found = in_value(term, text, true, b).or_else(|| {
                let simplified = (!text.is_ascii() && term.han).then(|| fast2s::convert(text))?;
                (simplified != text)
                    .then(|| in_value(term, &simplified, false, b))
                    .flatten()
            })?;
            Some(tier * TIER + found.score)
        })
        .max()
}

/// The source's score for every clause (`None`: a clause does not match). A term for a
/// record's field (`year:2024`) matches no source; a left-out term (`!bloomberg`) matches
/// when no text of the source holds it.
fn score(clauses: &[Clause], source: &Source, b: &mut Bufs) -> Option<i64> {
    let date = source.date.map(|d| d.to_string());
    let mut total = 0;
    for clause in clauses {
        let mut clause_best: Option<i64> = None;
        for term in &clause.alternatives {
            if term.field.is_some() {
                continue;
            }
            let found = best(term, source, date.as_deref(), b);
            let score = if term.negated {
                found.is_none().then_some(0)
            } else {
                found
            };
            clause_best = clause_best.max(score);
        }
        total += clause_best?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Db {
        crate::data::load::embedded().expect("the shipped dataset loads")
    }

    fn ids(db: &Db, query: &str) -> Vec<String> {
        let (hits, _) = search_sources(db, query);
        hits.iter()
            .map(|h| db.sources()[h.index as usize].id.to_string())
            .collect()
    }

    #[test]
    fn an_empty_query_lists_every_source_in_order() {
        let db = db();
        let (hits, notice) = search_sources(&db, "  ");
        assert_eq!(notice, None);
        let order: Vec<u32> = hits.iter().map(|h| h.index).collect();
        assert_eq!(
            order,
            (0..u32::try_from(db.sources().len()).unwrap()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_word_must_be_found_at_a_word_start() {
        let db = db();
        let found = ids(&db, "bloomberg");
        assert!(found.contains(&"src-dantri-bloomberg-shuibei".to_owned()), "{found:?}");
        for id in &found {
            let s = &db.sources()[db.source_index(id).unwrap()];
            let all = format!("{} {:?} {} {:?} {:?}", s.title, s.publisher, s.id, s.url, s.note).to_lowercase();
            assert!(all.contains("bloomberg"), "{id}: {all}");
        }
        // Inside a word is not a word's start.
        assert!(ids(&db, "loomberg").is_empty());
        // Both words, in any of the texts.
        let both = ids(&db, "bloomberg zhou");
        assert!(!both.is_empty() && both.len() < found.len(), "{both:?}");
        assert!(both.iter().all(|id| found.contains(id)), "{both:?}");
    }

    #[test]
    fn a_chinese_title_is_found_by_its_pinyin_and_a_left_out_word_leaves_it_out() {
        let db = db();
        let by_pinyin = ids(&db, "dagongbao");
        assert!(
            by_pinyin.contains(&"src-takungpao-editorial-2025-10-11".to_owned()),
            "{by_pinyin:?}"
        );
        // Simplified characters find a title or publisher written in traditional ones.
        let simplified = ids(&db, "大公报");
        assert!(simplified.contains(&"src-takungpao-editorial-2025-10-11".to_owned()));
        assert!(
            simplified.contains(&"src-crntt-takungpao-2026-02-04".to_owned()),
            "{simplified:?}"
        );
        assert!(ids(&db, "水贝金价").contains(&"src-crntt-takungpao-2026-02-04".to_owned()));
        let without = ids(&db, "dagongbao !editorial");
        assert!(
            !without.contains(&"src-takungpao-editorial-2025-10-11".to_owned()),
            "{without:?}"
        );
        assert_eq!(without.len() + 1, by_pinyin.len(), "{without:?} {by_pinyin:?}");
    }

    #[test]
    fn a_word_in_the_title_ranks_above_one_in_the_publisher_or_elsewhere() {
        let db = db();
        // Sina: five titles and seven publishers (or other texts) say it.
        let (hits, _) = search_sources(&db, "sina");
        let in_title = |h: &SourceHit| {
            let title = db.sources()[h.index as usize].title.to_lowercase();
            title
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with("sina"))
        };
        assert!(
            hits.iter().filter(|h| in_title(h)).count() >= 5 && hits.len() >= 10,
            "{hits:?}"
        );
        let first_other = hits.iter().position(|h| !in_title(h)).unwrap_or(hits.len());
        assert!(
            hits[first_other..].iter().all(|h| !in_title(h)),
            "titles first: {hits:?}"
        );
        assert!(
            hits.windows(2)
                .all(|w| w[0].score > w[1].score || (w[0].score == w[1].score && w[0].index < w[1].index))
        );
    }

    #[test]
    fn a_records_field_matches_no_source_and_says_why() {
        let db = db();
        let (hits, notice) = search_sources(&db, "year:2020");
        assert!(hits.is_empty());
        assert!(notice.is_some_and(|n| n.starts_with("`year:` searches records, not sources")));
        let (hits, notice) = search_sources(&db, "gold !");
        assert!(
            notice.is_some_and(|n| n.contains('!')),
            "a lone ! is the record search's notice"
        );
        assert!(!hits.is_empty());
    }
}
