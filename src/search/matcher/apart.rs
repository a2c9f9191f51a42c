//! Terms typed apart, read as one: syllables that a field writes as one word (`shui bei`
//! in a summary's "… Shuibei …", `jie wo rui` in its 杰我睿), and terms whose pinyin reads
//! chars side by side in a sentence's Chinese, which count only where those chars are
//! whole words of it (`hui shou` reads the 会 of 证监会 and the 受 of 受理).

use super::Matcher;
use super::names::in_words;
use crate::data::db::Rec;
use crate::search::fold;
use crate::search::hit::Why;
use crate::search::query::{Mode, Query, Term};
use crate::search::rank::{self, TermHit};
use crate::search::spelling;
use crate::search::text;
use crate::search::words;

impl Matcher<'_> {
    /// A query of syllables only (`Query::syllables`) that the record's fields hold run
    /// together as one word, where the terms one by one found nothing (`bei` begins no
    /// word of "Shuibei"): the joined term's match, as typed, each term given the field's
    /// hit so the record ranks with those that hold every term.
    pub(super) fn syllables_only(&mut self, query: &Query, rec: Rec) -> Option<(i64, Why)> {
        if query.syllables.is_none() || !query.joined_all {
            return None;
        }
        let joined = query.joined.as_ref()?;
        let (_, secondary) = self.masks(rec);
        if !self.fields_may_hold(joined, rec, secondary) {
            return None;
        }
        let hit = self.plain_fields(joined, rec).filter(|h| !h.why.loose())?;
        let hits: Vec<TermHit> = vec![hit; query.clauses.len()];
        Some((rank::combine(&hits, None), hit.why))
    }

    /// Whether the query's terms, read together by pinyin in an event's or a figure's
    /// Chinese, take the end of one word and the start of the next wherever they stand
    /// there (`hui shou`: 会受 in 中国证监会受理, `jin jia`: 金交 in 黄金交易所), with no
    /// name of the record holding them together otherwise: then they are not read as one,
    /// and a term reading one char is the loose reading it is alone (`Why::OneChar`). A
    /// Latin name's own Chinese is read by words too ("Luohu's Guangdong Famous Trademarks
    /// (广东省著名商标)" holds no `sheng zhu`).
    pub(super) fn together_apart(&mut self, joined: &Term, others: &[Term], rec: Rec) -> bool {
        let db = self.db;
        let [name, zh] = db.primary_names(rec);
        let (Some(zh), Some(chars)) = (zh, &joined.pinyin) else {
            return false;
        };
        let named = spelling::names_of(self.index, db);
        let b = &mut self.b;
        let mut apart = false;
        for t in [Some(zh), name].into_iter().flatten().chain(db.aliases(rec).iter()) {
            if !t.chars().any(fold::is_han) {
                if text::together(joined, others, t, b).is_some() {
                    return false;
                }
                continue;
            }
            let Some(m) = text::pinyin_match(Mode::Fuzzy, chars, t, &mut b.py, false) else {
                // Not by pinyin: the letters together, if anywhere, are Latin words.
                if text::together(joined, others, t, b).is_some() {
                    return false;
                }
                continue;
            };
            if !words::cuts(t, m.first, m.last + 1, &named)
                || in_words(Mode::Fuzzy, chars, t, m.first, &mut b.py, &named).is_some()
            {
                return false;
            }
            apart = true;
        }
        apart
    }
}
