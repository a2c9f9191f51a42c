//! Searching the sources: the Sources tab's `/`, the jump box (Ctrl-P), `shuibei search
//! --tab sources` and `shuibei export --tab sources --query`. The record search's syntax
//! (words, `!`, `|`, `'`, `^`, `$`), each word found at a word's start in a source's title,
//! publisher, id, address, file, date or note (Chinese also by its pinyin, and traditional
//! characters also as simplified); no near spellings, and no `field:` terms (they search
//! records). Sources are a few hundred where records may be a million, so there is no
//! index: every source is read. A name typed without its spaces finds it with them
//! (`zhouliufu`), and Chinese that sounds the same finds the source as a sound-alike.
//!
//! A term found in the title ranks above one found in the publisher, which ranks above
//! the rest; ties keep the dataset's order. A source that holds a Chinese term only by
//! its reading in Latin letters (`落户` in "Luohu") is no match as typed: it ranks
//! below every source that is, and says so ([`SourceHit::loose`]), as records do; but
//! for a term the data's own names write so (水贝, "Shuibei": `spelling`).

use rayon::prelude::*;

use super::fields;
use super::hit::{On, Span, Why};
use super::pinyin::Reading;
use super::query::{Clause, Query, Term, kind_slot};
use super::records::Records;
use super::spell;
use super::text::{Bufs, InValue, in_value, words_run_together};
use super::words;
use crate::data::db::{Db, Rec};
use crate::data::model::{RecordKind, Source};

/// A source that matched: its index in the dataset's sources and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceHit {
    pub index: u32,
    pub score: i64,
    /// Why the source is no match as typed, when it is not: a Chinese term of the query
    /// only spelled in Latin letters in one of its texts (`Why::BySound("title")`), a
    /// term whose pinyin reads across two words of its Chinese (`Why::AcrossWords`), or
    /// a name typed syllable by syllable whose syllables no text holds together
    /// (`Why::SyllablesApart`): the source mentions the pieces, it does not answer.
    pub loose: Option<Why>,
}

impl SourceHit {
    /// Why a source that is no match as typed was found (the records' wording).
    #[must_use]
    pub fn why(&self) -> Option<String> {
        self.loose.and_then(|why| why.loose_reason())
    }
}

/// Every hit is no match as typed (a sound-alike, syllables apart): nothing matched.
#[must_use]
pub fn all_loose_sources(hits: &[SourceHit]) -> bool {
    !hits.is_empty() && hits.iter().all(|h| h.loose.is_some())
}

/// How many sources `query` matches as typed (not only by sound, nor with its syllables
/// apart): what `search`, `show` and `export` name when no record matches a word that
/// only the reports' titles hold (跑路).
#[must_use]
pub fn sources_as_typed(db: &Db, query: &str) -> usize {
    sources_as_typed_in(Records::Db(db), db.sources(), query)
}

/// [`sources_as_typed`] of `sources` beside `records` (a warm search's packed values and
/// the sources its cache file keeps).
#[must_use]
pub fn sources_as_typed_in(records: Records<'_>, sources: &[Source], query: &str) -> usize {
    search_sources_in(records, sources, query)
        .0
        .iter()
        .filter(|h| h.loose.is_none())
        .count()
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
    search_sources_in(Records::Db(db), db.sources(), query)
}

/// [`search_sources`] of `sources` beside `records`, whose names decide what is spelled
/// as the data writes it: the dataset's own, or a warm search's packed values with the
/// sources its cache file keeps.
fn search_sources_in(records: Records<'_>, sources: &[Source], query: &str) -> (Vec<SourceHit>, Option<String>) {
    let parsed = Query::parse_for_sources(query);
    let written = Written::new(records, &parsed);
    let one = |b: &mut Bufs, (i, source): (usize, &Source)| {
        let (score, loose) = score(&parsed.clauses, source, b, &written)?;
        // A name typed syllable by syllable (`zhou sheng sheng`), as for records: a source
        // none of whose texts holds the syllables together only mentions the pieces.
        let apart = loose.is_none()
            && parsed.syllables.as_ref().is_some_and(|together| {
                let date = source.date.map(|d| d.to_string());
                best(together, source, date.as_deref(), b, &written).is_none_or(|found| found.loose.is_some())
            });
        Some(SourceHit {
            index: u32::try_from(i).ok()?,
            score,
            loose: loose.or(apart.then_some(Why::SyllablesApart)),
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
    hits.sort_by(|a, b| {
        (a.loose.is_some().cmp(&b.loose.is_some()))
            .then(b.score.cmp(&a.score))
            .then(a.index.cmp(&b.index))
    });
    let notice = parsed.notice.or_else(|| field_notice(&parsed.clauses));
    (hits, notice)
}

/// Whether the data writes each Chinese term of a query in Latin letters as its names do
/// (`spelling`): asked the first time a source's text spells the term, once per search.
struct Written<'a> {
    records: Records<'a>,
    terms: Vec<(usize, std::sync::OnceLock<bool>)>,
    /// Chinese asked of [`Written::names_hold`], with the answers.
    named: std::sync::Mutex<hashbrown::HashMap<Box<str>, bool>>,
}

impl<'a> Written<'a> {
    fn new(records: Records<'a>, query: &Query) -> Written<'a> {
        let terms = query
            .clauses
            .iter()
            .flat_map(|c| &c.alternatives)
            .chain(query.syllables.as_ref())
            .map(|t| (std::ptr::from_ref(t).addr(), std::sync::OnceLock::new()))
            .collect();
        Written {
            records,
            terms,
            named: std::sync::Mutex::default(),
        }
    }

    /// Whether an organisation's or a brand's Chinese name holds `chinese` (周六福), which a
    /// text's words may not part (`words::cuts`); asked once per search.
    fn names_hold(&self, chinese: &str) -> bool {
        if let Some(known) = self.named.lock().ok().and_then(|m| m.get(chinese).copied()) {
            return known;
        }
        let known = [RecordKind::Enterprise, RecordKind::Brand].into_iter().any(|kind| {
            (0..self.records.len(kind))
                .any(|i| self.records.primary_names(Rec::new(kind, i))[1].is_some_and(|zh| zh.contains(chinese)))
        });
        if let Ok(mut m) = self.named.lock() {
            m.insert(chinese.into(), known);
        }
        known
    }

    fn knows(&self, term: &Term) -> bool {
        let key = std::ptr::from_ref(term).addr();
        self.terms
            .iter()
            .find(|(k, _)| *k == key)
            .is_some_and(|(_, known)| *known.get_or_init(|| super::spelling::written_by_names(self.records, term)))
    }
}

/// What to say of a term for a record's field (`year:2024`), which no source matches.
fn field_notice(clauses: &[Clause]) -> Option<String> {
    // The terms as typed: a clause's other readings (`tons` also as the unit `t`) are
    // the search's, not the query's.
    let name = clauses.iter().filter_map(|c| c.alternatives.first()).find_map(|term| {
        let specs = term.field.as_ref()?;
        RecordKind::ALL
            .iter()
            .find_map(|kind| specs[kind_slot(*kind)].map(|spec| fields::name_of(*kind, spec.field)))
    })?;
    // Short: the search line shows it beside the query, in half a screen's width.
    Some(format!("`{name}:` searches records, not sources"))
}

/// The source's texts (`date` its date, written out), each with its name and its tier
/// (the title highest).
fn texts<'a>(source: &'a Source, date: Option<&'a str>) -> [(Option<&'a str>, &'static str, i64); 7] {
    [
        (Some(&*source.title), "title", 3),
        (source.publisher.as_deref(), "publisher", 2),
        (Some(&*source.id), "id", 1),
        (source.url.as_deref(), "url", 1),
        (source.file.as_deref(), "file", 1),
        (date, "date", 1),
        (source.note.as_deref(), "note", 0),
    ]
}

/// A term's best find in a source: its score (with its text's tier), and why it is no
/// match as typed when it is not (see [`SourceHit::loose`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    score: i64,
    loose: Option<Why>,
}

impl Found {
    /// The better of two finds: one as typed beats a loose one, whatever the scores.
    fn better(self, other: Found) -> Found {
        match (self.loose.is_some(), other.loose.is_some()) {
            (false, true) => self,
            (true, false) => other,
            _ if other.score > self.score => other,
            _ => self,
        }
    }
}

/// The best find of `term` in the source's texts. A text in traditional characters is
/// also read simplified (中評社, 大公報): many sources are Hong Kong papers, and a reader
/// types the mainland's characters.
fn best(term: &Term, source: &Source, date: Option<&str>, b: &mut Bufs, written: &Written) -> Option<Found> {
    texts(source, date)
        .iter()
        .filter_map(|(text, name, tier)| {
            let text = (*text)?;
            let found = in_value(term, text, true, b)
                // Spelled in Latin letters as the data's own names write it ("Shuibei"
                // for 水贝): as typed (`spelling`).
                .map(|found| InValue {
                    by_sound: found.by_sound && !written.knows(term),
                    ..found
                })
                .or_else(|| {
                    let simplified = (!text.is_ascii() && term.han).then(|| fast2s::convert(text))?;
                    (simplified != text)
                        .then(|| in_value(term, &simplified, false, b))
                        .flatten()
                })
                .or_else(|| {
                    // A name typed without its spaces (`zhouliufu`: "Zhou Liu Fu …"), as
                    // the record search finds it; below a word found as typed.
                    (!term.han && words_run_together(term, text)).then_some(InValue {
                        score: 0,
                        start: 0,
                        len: 0,
                        negated: false,
                        by_sound: false,
                        cut_short: false,
                    })
                })
                .or_else(|| {
                    // Chinese that sounds the same, syllable for syllable (`杰我瑞` in a
                    // title saying 杰我睿), as a name does for the record search: found,
                    // and said to be no match as typed.
                    // All Chinese: `zhou大生` is no homophone of anything, and reads
                    // 周大生 by its pinyin above when it does.
                    let all_han = term.chars.iter().all(|c| super::fold::is_han(*c));
                    let spelled = term.spelled.as_deref().filter(|_| all_han && !text.is_ascii())?;
                    b.spell.text.fill(text);
                    let found = spell::find(spelled, &b.spell.text, 0, &mut b.spell.rows)?;
                    Some(InValue {
                        score: 0,
                        start: found.start,
                        len: found.end - found.start,
                        negated: false,
                        by_sound: true,
                        cut_short: false,
                    })
                })?;
            // A reading by pinyin that takes the end of one word and the start of the
            // next (`yicai`: 易财 of 网易财经, NetEase's finance desk) is no match as
            // typed, as in a record's title.
            let across = !term.han
                && !found.by_sound
                && found.len > 1
                && text.chars().nth(found.start).is_some_and(super::fold::is_han)
                && words::cuts(text, found.start, found.start + found.len, &|c| written.names_hold(c));
            let span = Span {
                on: On::Chinese,
                start: u16::try_from(found.start).unwrap_or(u16::MAX),
                end: u16::try_from(found.start + found.len).unwrap_or(u16::MAX),
            };
            Some(Found {
                score: tier * TIER + found.score,
                loose: if found.by_sound {
                    Some(Why::BySound(name))
                } else {
                    across.then_some(Why::AcrossWords(span, Reading::Full))
                },
            })
        })
        .reduce(Found::better)
}

/// The source's score for every clause (`None`: a clause does not match), and where it
/// is only spelled when a clause holds none of its terms as typed. A term for a record's
/// field (`year:2024`) matches no source; a left-out term (`!bloomberg`) matches when no
/// text of the source holds it as typed.
fn score(clauses: &[Clause], source: &Source, b: &mut Bufs, written: &Written) -> Option<(i64, Option<Why>)> {
    let date = source.date.map(|d| d.to_string());
    let mut total = 0;
    let mut loose = None;
    for clause in clauses {
        let mut clause_best: Option<Found> = None;
        for term in &clause.alternatives {
            if term.field.is_some() {
                continue;
            }
            let found = best(term, source, date.as_deref(), b, written);
            // An exclusion leaves out what holds the word as typed, not what only sounds
            // like it (`!水杯` keeps the sources saying "Shuibei"), as for records.
            let found = if term.negated {
                found
                    .as_ref()
                    .is_none_or(|f| f.loose.is_some())
                    .then_some(Found { score: 0, loose: None })
            } else {
                found
            };
            clause_best = match (clause_best, found) {
                (Some(a), Some(f)) => Some(a.better(f)),
                (a, f) => a.or(f),
            };
        }
        let found = clause_best?;
        total += found.score;
        loose = loose.or(found.loose);
    }
    Some((total, loose))
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

    /// `落户` (to settle) is spelled "luohu" as 罗湖 is: a title saying "Luohu" sounds
    /// like it and answers nothing. `罗湖` names the district: its English name is typed.
    #[test]
    fn chinese_found_only_by_its_spelling_is_no_match_as_typed() {
        let db = db();
        let (hits, _) = search_sources(&db, "落户");
        assert!(!hits.is_empty());
        assert!(all_loose_sources(&hits), "{hits:?}");
        let first = &hits[0];
        assert_eq!(first.why().as_deref(), Some("sounds like it, spelled in title"));
        let (hits, _) = search_sources(&db, "罗湖");
        assert!(hits.len() >= 10 && hits.iter().all(|h| h.loose.is_none()), "{hits:?}");
        // Beside a term as typed, a sound-alike ranks after every source that holds it.
        let (hits, _) = search_sources(&db, "水贝 | 落户");
        let first_loose = hits.iter().position(|h| h.loose.is_some()).expect("some sound alike");
        assert!(first_loose > 0, "{hits:?}");
        assert!(hits[first_loose..].iter().all(|h| h.loose.is_some()), "{hits:?}");
        assert!(!all_loose_sources(&hits));
        // A left-out word leaves out what holds it as typed: not a source that only
        // spells it (落户 is in no source).
        let (with, _) = search_sources(&db, "luohu");
        let (without, _) = search_sources(&db, "luohu !落户");
        assert_eq!(without.len(), with.len());
        // Chinese that sounds the same: 杰我瑞 finds the titles saying 杰我睿, as no
        // match as typed; `zhouliufu` the titles writing "Zhou Liu Fu", as typed.
        let (hits, _) = search_sources(&db, "杰我瑞");
        let titled = hits
            .iter()
            .filter(|h| db.sources()[h.index as usize].title.contains("杰我睿"))
            .count();
        assert!(titled > 0 && all_loose_sources(&hits), "{hits:?}");
        let (hits, _) = search_sources(&db, "zhouliufu");
        assert!(
            hits.iter()
                .any(|h| h.loose.is_none() && db.sources()[h.index as usize].title.contains("Zhou Liu Fu")),
            "{hits:?}"
        );
    }

    /// A trial's `yicai` (第一财经) listed a `NetEase` source as typed: its publisher
    /// 网易财经 reads 易财 by pinyin, the end of 网易 and the start of 财经.
    #[test]
    fn a_reading_across_two_words_of_a_chinese_text_is_no_match_as_typed() {
        let db = db();
        let (hits, _) = search_sources(&db, "yicai");
        let netease = hits
            .iter()
            .find(|h| db.sources()[h.index as usize].id.as_ref() == "src-163-shuibei-village-rumour-2016-10-27")
            .expect("listed");
        assert_eq!(
            netease.why().as_deref(),
            Some("its pinyin read across two words of a sentence"),
            "{hits:?}"
        );
        // Yicai's own sources are answers, listed first.
        assert!(hits[0].loose.is_none(), "{hits:?}");
        // A reading of whole words is one: `caijing` in 网易财经.
        let (hits, _) = search_sources(&db, "caijing");
        assert!(
            hits.iter().any(|h| h.loose.is_none()
                && db.sources()[h.index as usize].id.as_ref() == "src-163-shuibei-village-rumour-2016-10-27"),
            "{hits:?}"
        );
    }

    /// A trial's `zhou sheng sheng` (周生生) listed 14 sources of 周大生 as matches as
    /// typed, from 周 and 生 apart in their titles: a name typed syllable by syllable
    /// matches a source as typed only where a text holds the syllables together.
    #[test]
    fn a_name_typed_syllable_by_syllable_matches_a_source_only_read_together() {
        let db = db();
        let (hits, _) = search_sources(&db, "zhou sheng sheng");
        assert!(!hits.is_empty() && all_loose_sources(&hits), "{hits:?}");
        assert_eq!(
            hits[0].why().as_deref(),
            Some("its pinyin syllables apart, not read together")
        );
        let (hits, _) = search_sources(&db, "zhou da sheng");
        assert!(hits.iter().any(|h| h.loose.is_none()), "{hits:?}");
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
