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

use super::index::Index;
use super::query::Term;
use super::records::Records;
use super::spell::{self, Spelled};
use crate::data::db::{Db, Rec};
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

/// [`written_by_the_data`] for a caller without an index (the Sources tab's search),
/// reading every record's names.
pub(super) fn written_by_names(db: &Db, term: &Term) -> bool {
    let Some(spelled) = eligible(term) else {
        return false;
    };
    let mut evidence = Evidence::default();
    RecordKind::ALL.into_iter().any(|kind| {
        (0..db.len(kind))
            .any(|i| evidence.names(super::fields::primary_names(db, Rec::new(kind, i)), &term.text, spelled))
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
    fn one_char_and_mixed_terms_never_count() {
        assert!(eligible(&term("金")).is_none());
        assert!(eligible(&term("水贝2")).is_none());
        assert!(eligible(&term("shuibei")).is_none());
        assert!(eligible(&term("水贝")).is_some());
    }
}
