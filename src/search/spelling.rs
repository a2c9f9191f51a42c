//! Which Chinese terms the dataset itself writes in Latin letters: a term of two Chinese
//! chars or more is, when some record's Chinese name holds it and the same record's own
//! Latin name spells it (水贝 in 水贝壹号, "Shuibei" in "Shuibei Yihao"). A field or a
//! title that spells such a term ("Shuibei 2nd Road" for 水贝) holds it as typed: the data
//! says that is how it writes the place. Any other spelling in Latin letters only sounds
//! like the term (`杰我瑞` in "Jieworui", the spelling of 杰我睿) and stays loose
//! ([`Why::BySound`](super::hit::Why::BySound)).
//!
//! One char alone never counts (`jin` spells 金, 锦 and 晋 alike), nor a record whose
//! Chinese name spells the term again in other chars (落户罗湖 beside "… Luohu": the
//! letters are 罗湖's). The answer is asked only when a text spells the term, and the
//! [`Index`] keeps it per term for every later search.
//!
//! The other way round, a Latin term stands for the Chinese a record's names write it in
//! ("Jieworui", 杰我睿); where no name writes it, for a whole run of Chinese in a summary
//! that its letters read in full (周生生 in "Chow Sang Sang (周生生)").

use rayon::prelude::*;

use super::fields::Field;
use super::index::{HAS_PINYIN, Index, Written};
use super::query::{Query, Term};
use super::records::Records;
use super::spell::{self, Spelled};
use crate::data::db::Rec;
use crate::data::model::RecordKind;

/// Whether the data spells `term` as its own names do (see the module's docs), asked of
/// the index's records and kept there.
pub(super) fn written_by_the_data(index: &Index, db: Records<'_>, term: &Term) -> bool {
    let Some(spelled) = eligible(term) else {
        return false;
    };
    if let Some(known) = index
        .spellings
        .lock()
        .ok()
        .and_then(|m| m.get(term.text.as_str()).copied())
    {
        return known;
    }
    let mut evidence = Evidence::default();
    let known = RecordKind::ALL.into_iter().any(|kind| {
        let masks = index.fits(db, kind).then(|| &index.tab(kind).primary);
        (0..db.len(kind)).any(|i| {
            // The names' mask must hold the term's chars: most records are never read.
            if masks.is_some_and(|m| term.mask & !m[i] != 0) {
                return false;
            }
            evidence.names(index.names(db, Rec::new(kind, i)), &term.text, spelled)
        })
    });
    if let Ok(mut m) = index.spellings.lock() {
        m.insert(term.text.clone().into_boxed_str(), known);
    }
    known
}

/// The Chinese the data's own names write a Latin term in: a record whose Latin name spells
/// the term in whole words or syllables ("Jieworui" in "Shenzhen Jieworui Jewelry Co.,
/// Ltd.") and whose Chinese name holds two chars or more read exactly so (杰我睿 in
/// 深圳市杰我睿珠宝有限公司). A summary that writes that Chinese holds the term as typed:
/// the data says it is the name the letters stand for. None for any other term, and never
/// a guess from sound alone (`jin` is no Chinese: one char never counts). For a term no
/// name writes in Chinese, each run of Chinese in a summary that the letters spell whole
/// ([`free_runs`]). Asked of the index's records and kept there.
pub(super) fn chinese_written_by_the_data(index: &Index, db: Records<'_>, term: &Term) -> Written {
    let Some(spelled) = latin_eligible(term) else {
        return Written::default();
    };
    if let Some(known) = index
        .written
        .lock()
        .ok()
        .and_then(|m| m.get(term.text.as_str()).cloned())
    {
        return known;
    }
    // Only free text with other chars than ASCII can hold the Chinese: a dataset with
    // none (1M registry rows with Latin fields) is never read for names.
    let any = RecordKind::ALL.into_iter().any(|kind| {
        !index.fits(db, kind)
            || index
                .tab(kind)
                .secondary
                .iter()
                .any(|m| m & super::fold::NARROW_OTHER != 0)
    });
    let mut found: Vec<Box<str>> = if any {
        RecordKind::ALL
            .into_iter()
            .flat_map(|kind| {
                let masks = index.fits(db, kind).then(|| &index.tab(kind).primary);
                (0..db.len(kind))
                    .into_par_iter()
                    .map_init(Evidence::default, move |evidence, i| {
                        // The names must hold the term's letters, and a Chinese name.
                        if masks.is_some_and(|m| term.mask & !m[i] != 0 || m[i] & HAS_PINYIN == 0) {
                            return None;
                        }
                        let names = index.names(db, Rec::new(kind, i));
                        if !names[0].is_some_and(|name| holds_words(name, spelled)) {
                            return None;
                        }
                        // A Chinese name holding what this thread found already tells
                        // nothing new (深圳 in most names, for `shenzhen`).
                        if names[1].is_some_and(|zh| evidence.found.iter().any(|f| zh.contains(&**f))) {
                            return None;
                        }
                        let han = evidence.chinese(names, spelled)?.into_boxed_str();
                        evidence.found.push(han.clone());
                        Some(han)
                    })
                    .flatten()
                    .collect::<Vec<_>>()
            })
            .collect()
    } else {
        Vec::new()
    };
    // Where the names say which Chinese the letters stand for, that is what they mean
    // (洁沃瑞 in a summary is not 杰我睿, though both spell `jieworui`); where no name
    // does, a summary's own Chinese that they spell whole.
    let runs = any && found.is_empty();
    if runs {
        found.extend(
            free_runs(index, db)
                .iter()
                .filter(|(_, letters)| **letters == *spelled)
                .map(|(han, _)| han.clone()),
        );
    }
    found.sort_unstable();
    found.dedup();
    let found = Written {
        chinese: found.into(),
        runs,
    };
    if let Ok(mut m) = index.written.lock() {
        m.insert(term.text.clone().into_boxed_str(), found.clone());
    }
    found
}

/// The runs of two to [`RUN_MOST`] Chinese chars in the records' summaries (between other chars:
/// 周生生 in "Chow Sang Sang (周生生)"), each with its spelling, read once per index.
/// A whole run that spells a Latin term is a name the text writes in Chinese, as the
/// letters read it; a run's part is not (`zhoutianfu` is no word of 深圳市周天福珠宝首饰有限公司
/// to a reader who cannot tell where its words part).
fn free_runs<'a>(index: &'a Index, db: Records<'_>) -> &'a [(Box<str>, Box<[u8]>)] {
    index.free_runs.get_or_init(|| {
        let mut runs: Vec<Box<str>> = RecordKind::ALL
            .into_iter()
            .flat_map(|kind| {
                let tab = index.fits(db, kind).then(|| index.tab(kind));
                (0..db.len(kind))
                    .into_par_iter()
                    .map_init(String::new, move |scratch, i| {
                        let mut runs = Vec::new();
                        // Only a record whose fields hold other chars than ASCII is read.
                        if tab.is_none_or(|t| t.secondary[i] & super::fold::NARROW_OTHER != 0) {
                            db.visit(Rec::new(kind, i), Field::Summary, scratch, &mut |text| {
                                han_runs(text, &mut runs);
                                false
                            });
                        }
                        runs
                    })
                    .flatten()
                    .collect::<Vec<_>>()
            })
            .collect();
        runs.sort_unstable();
        runs.dedup();
        let mut spelled = Spelled::default();
        runs.into_iter()
            .map(|han| {
                spelled.fill(&han);
                let letters = spelled.letters.clone().into_boxed_slice();
                (han, letters)
            })
            .collect()
    })
}

/// The most chars of a run read as a name: a person's, a brand's or an outlet's (第一珠宝网,
/// 每日经济新闻); a longer run is a registered name or a sentence, which nobody types as
/// one word of pinyin, and spelling each would cost a dataset of Chinese summaries dearly.
const RUN_MOST: usize = 8;

/// Whether an organisation's or a brand's Chinese name holds `chinese` (杰我睿 in
/// 深圳市杰我睿珠宝有限公司): a name the data knows, which a sentence's words may not
/// part (`words::cuts`). Asked of the index's records and kept there.
pub(super) fn names_hold(index: &Index, db: Records<'_>, chinese: &str) -> bool {
    if let Some(known) = index.named.lock().ok().and_then(|m| m.get(chinese).copied()) {
        return known;
    }
    let known = [RecordKind::Enterprise, RecordKind::Brand].into_iter().any(|kind| {
        (0..db.len(kind)).any(|i| index.names(db, Rec::new(kind, i))[1].is_some_and(|zh| zh.contains(chinese)))
    });
    if let Ok(mut m) = index.named.lock() {
        m.insert(chinese.into(), known);
    }
    known
}

/// [`names_hold`] for `words::cuts`, over `index` and `db`.
pub(super) fn names_of<'a>(index: &'a Index, db: Records<'a>) -> impl Fn(&str) -> bool + 'a {
    move |chinese| names_hold(index, db, chinese)
}

/// Pushes each run of two Chinese chars or more, [`RUN_MOST`] at most, in `text`.
fn han_runs(text: &str, runs: &mut Vec<Box<str>>) {
    let (mut start, mut chars) = (None, 0);
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if super::fold::is_han(c) {
            start = start.or(Some(at));
            chars += 1;
        } else if let Some(s) = start.take() {
            if (2..=RUN_MOST).contains(&chars) {
                runs.push(text[s..at].into());
            }
            chars = 0;
        }
    }
}

/// Whether `query` has a term the data's names write in Chinese that `last` has not: then
/// what it finds is no part of what `last` found (`shuibei` finds 水贝 in a summary,
/// `shuibe` did not), and a search must not narrow `last`'s matches.
#[must_use]
pub fn widens(index: &Index, db: Records<'_>, query: &Query, last: &Query) -> bool {
    let old = terms(last);
    terms(query).any(|term| {
        !old.clone().any(|o| o.text == term.text) && !chinese_written_by_the_data(index, db, term).chinese.is_empty()
    })
}

/// The candidates for `query` after `last`, whose matches were `recs` (in candidate
/// order), when `query` [`widens`] it: those matches and the records whose free text may
/// hold the Chinese of its new terms (its chars' pairs among the record's), in candidate
/// order. `None` when it does not widen `last`: its matches are all there is to read.
pub(super) fn widened(index: &Index, db: Records<'_>, query: &Query, last: &Query, recs: &[Rec]) -> Option<Vec<Rec>> {
    let old = terms(last);
    let pairs: Vec<u64> = terms(query)
        .filter(|term| !old.clone().any(|o| o.text == term.text))
        .flat_map(|term| chinese_written_by_the_data(index, db, term).chinese.to_vec())
        .map(|chinese| super::fold::pair_mask(&chinese))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let mut kept = recs.iter().copied().peekable();
    let mut wider = Vec::with_capacity(recs.len());
    for &kind in query.scope.kinds() {
        let tab = index.fits(db, kind).then(|| index.tab(kind));
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            if kept.peek() == Some(&rec) {
                kept.next();
                wider.push(rec);
            } else if tab.is_none_or(|t| {
                t.secondary[i] & super::fold::NARROW_OTHER != 0 && pairs.iter().any(|p| p & !t.pairs[i] == 0)
            }) {
                wider.push(rec);
            }
        }
    }
    Some(wider)
}

fn terms(query: &Query) -> impl Iterator<Item = &Term> + Clone {
    query.clauses.iter().flat_map(|c| c.alternatives.iter())
}

/// The term's letters, for a Latin term that reads as two whole syllables or more (no
/// digits): one syllable never names two chars.
fn latin_eligible(term: &Term) -> Option<&[u8]> {
    let latin = !term.han && term.pinyin.is_some() && term.chars.len() >= 4;
    term.spelled
        .as_deref()
        .filter(|s| latin && s.iter().all(u8::is_ascii_lowercase) && syllables(s) >= 2)
}

/// How many whole syllables of two letters or more `letters` splits into, at most two (0:
/// it does not split).
fn syllables(letters: &[u8]) -> u8 {
    // Per prefix: the most syllables it splits into, capped at two (None: it does not).
    let mut split: Vec<Option<u8>> = vec![None; letters.len() + 1];
    split[0] = Some(0);
    for end in 1..=letters.len() {
        // A syllable has at most six letters (`zhuang`), and here two at least: the
        // syllables of one letter (`a`, `e`, `n`) would split most words (`she` + `n`).
        split[end] = (end.saturating_sub(6)..end.saturating_sub(1))
            .filter_map(|start| {
                let n = split[start]?;
                let word = std::str::from_utf8(&letters[start..end]).ok()?;
                super::pinyin::is_syllable(word).then_some((n + 1).min(2))
            })
            .max();
    }
    split[letters.len()].unwrap_or(0)
}

/// Whether `name` holds `letters` as whole words, run together across spaces and hyphens
/// ("Jieworui" and "Shuibei Yihao", case aside): the cheap test before it is spelled out
/// (`shenzhe` is in every "Shenzhen" name, but no whole word of one).
fn holds_words(name: &str, letters: &[u8]) -> bool {
    let b = name.as_bytes();
    (0..b.len()).any(|s| {
        if !b[s].is_ascii_alphabetic() || (s > 0 && b[s - 1].is_ascii_alphanumeric()) {
            return false;
        }
        let (mut k, mut i) = (0, s);
        while i < b.len() && k < letters.len() {
            let c = b[i];
            if c.is_ascii_alphanumeric() {
                if c.to_ascii_lowercase() != letters[k] {
                    return false;
                }
                k += 1;
            } else if !matches!(c, b' ' | b'-') {
                return false;
            }
            i += 1;
        }
        k == letters.len() && !b.get(i).is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// [`written_by_the_data`] for a caller without an index (the Sources tab's search),
/// reading every record's names.
pub(super) fn written_by_names(records: super::records::Records<'_>, term: &Term) -> bool {
    let Some(spelled) = eligible(term) else {
        return false;
    };
    let mut evidence = Evidence::default();
    RecordKind::ALL.into_iter().any(|kind| {
        (0..records.len(kind)).any(|i| evidence.names(records.primary_names(Rec::new(kind, i)), &term.text, spelled))
    })
}

/// The term's spelling, for a term of two Chinese chars or more (left out or not: `!水贝`
/// leaves out what `水贝` finds).
fn eligible(term: &Term) -> Option<&[u8]> {
    let han = term.chars.len() >= 2 && term.chars.iter().all(|c| super::fold::is_han(*c));
    term.spelled.as_deref().filter(|_| han)
}

/// Buffers for reading records' names.
#[derive(Default)]
struct Evidence {
    text: String,
    spelled: Spelled,
    rows: Vec<u8>,
    /// The Chinese found so far (by this thread).
    found: Vec<Box<str>>,
}

impl Evidence {
    /// Whether a record's names, `[name, zh]`, write `han` as `spelled`: the Chinese name
    /// holds it, no other chars of it spell the same, and the Latin name spells it.
    fn names(&mut self, [name, zh]: [Option<&str>; 2], han: &str, spelled: &[u8]) -> bool {
        let (Some(name), Some(zh)) = (name, zh) else {
            return false;
        };
        if !zh.contains(han) {
            return false;
        }
        self.text.clear();
        self.text.push_str(&zh.replace(han, " "));
        self.spelled.fill(&self.text);
        if spell::find(spelled, &self.spelled, 0, &mut self.rows).is_some() {
            return false;
        }
        self.text.clear();
        self.text
            .extend(name.chars().map(|c| if super::fold::is_han(c) { ' ' } else { c }));
        self.spelled.fill(&self.text);
        spell::find(spelled, &self.spelled, 0, &mut self.rows).is_some()
    }

    /// The Chinese chars of a record's Chinese name that read as `spelled`, where its
    /// Latin name spells `spelled` in whole words or syllables: two chars or more.
    fn chinese(&mut self, [name, zh]: [Option<&str>; 2], spelled: &[u8]) -> Option<String> {
        let (Some(name), Some(zh)) = (name, zh) else {
            return None;
        };
        self.text.clear();
        self.text
            .extend(name.chars().map(|c| if super::fold::is_han(c) { ' ' } else { c }));
        self.spelled.fill(&self.text);
        spell::find(spelled, &self.spelled, 0, &mut self.rows)?;
        // The Chinese chars alone: a Latin word inside the Chinese name spells nothing.
        self.text.clear();
        self.text
            .extend(zh.chars().map(|c| if super::fold::is_han(c) { c } else { ' ' }));
        self.spelled.fill(&self.text);
        let found = spell::find(spelled, &self.spelled, 0, &mut self.rows)?;
        let han: String = self
            .text
            .chars()
            .skip(found.start)
            .take(found.end - found.start)
            .collect();
        if han.chars().count() < 2 || !han.chars().all(super::fold::is_han) {
            return None;
        }
        // Other chars of the name that read the same leave the letters' chars unknown
        // (珠宝企业落户罗湖 beside "… Luohu": 落户 or 罗湖).
        self.text = self.text.replace(&han, " ");
        self.spelled.fill(&self.text);
        spell::find(spelled, &self.spelled, 0, &mut self.rows)
            .is_none()
            .then_some(han)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str) -> Term {
        crate::search::query::Query::parse(text, crate::search::scope::Scope::All).clauses[0].alternatives[0].clone()
    }

    #[test]
    fn a_name_and_its_chinese_write_the_term() {
        let mut e = Evidence::default();
        let t = term("水贝");
        let spelled = eligible(&t).unwrap();
        assert!(e.names([Some("Shuibei Yihao"), Some("水贝壹号")], "水贝", spelled));
        // Not in the Chinese name, not spelled in the Latin one, or no Latin name.
        assert!(!e.names([Some("Shuibei Yihao"), Some("壹号")], "水贝", spelled));
        assert!(!e.names([Some("Yihao Building"), Some("水贝壹号")], "水贝", spelled));
        assert!(!e.names([None, Some("水贝壹号")], "水贝", spelled));
        // 落户罗湖 beside "Luohu": the letters are 罗湖's, not 落户's.
        let t = term("落户");
        let spelled = eligible(&t).unwrap();
        assert!(!e.names(
            [Some("Jewelers settle in Luohu"), Some("珠宝企业落户罗湖")],
            "落户",
            spelled
        ));
        assert!(e.names([Some("Luohu Road"), Some("落户路")], "落户", spelled));
    }

    #[test]
    fn a_latin_name_and_its_chinese_write_the_letters() {
        let mut e = Evidence::default();
        let t = term("jieworui");
        let spelled = latin_eligible(&t).unwrap();
        let names = [
            Some("Shenzhen Jieworui Jewelry Co., Ltd."),
            Some("深圳市杰我睿珠宝有限公司"),
        ];
        assert_eq!(e.chinese(names, spelled).as_deref(), Some("杰我睿"));
        // Not a whole word of the Latin name, no Chinese name, or no Latin one.
        assert_eq!(e.chinese([Some("Jieworuixin Co."), Some("杰我睿")], spelled), None);
        assert_eq!(e.chinese([Some("Jieworui"), None], spelled), None);
        assert_eq!(e.chinese([None, Some("杰我睿")], spelled), None);
        // The Chinese name writes it twice in other chars: which is unknown.
        let t = term("luohu");
        let spelled = latin_eligible(&t).unwrap();
        assert_eq!(
            e.chinese([Some("Jewelers settle in Luohu"), Some("珠宝企业落户罗湖")], spelled),
            None
        );
        assert_eq!(
            e.chinese([Some("Luohu District"), Some("罗湖区")], spelled).as_deref(),
            Some("罗湖")
        );
        // One char never counts, nor a term that is no pinyin, nor a Chinese one.
        assert!(latin_eligible(&term("jin")).is_none());
        assert_eq!(
            e.chinese(
                [Some("Jin Long"), Some("金")],
                latin_eligible(&term("jinlong")).unwrap()
            ),
            None
        );
        assert!(latin_eligible(&term("gold")).is_none());
        assert!(latin_eligible(&term("水贝")).is_none());
        assert!(latin_eligible(&term("2025abc")).is_none());
        // One syllable, however long, names no two chars.
        assert!(latin_eligible(&term("shen")).is_none());
        assert!(latin_eligible(&term("shuibei")).is_some());
        assert!(latin_eligible(&term("xian")).is_some());
    }

    #[test]
    fn a_latin_name_holds_whole_words_only() {
        assert!(holds_words("Shenzhen Jieworui Jewelry Co., Ltd.", b"jieworui"));
        assert!(holds_words("Shuibei Yihao", b"shuibeiyihao"));
        assert!(holds_words("SHUIBEI-YIHAO", b"shuibeiyihao"));
        assert!(!holds_words("Shenzhen Jieworui", b"shenzhe"));
        assert!(!holds_words("Shenzhen Jieworui", b"jiewo"));
        assert!(!holds_words("Shenzhen, Jieworui", b"shenzhenjieworui"));
    }

    #[test]
    fn one_char_and_mixed_terms_never_count() {
        assert!(eligible(&term("金")).is_none());
        assert!(eligible(&term("水贝2")).is_none());
        assert!(eligible(&term("shuibei")).is_none());
        assert!(eligible(&term("水贝")).is_some());
    }
}
