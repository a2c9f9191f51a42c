//! A term's matches in field values, remembered for the chunk of packed values being
//! read. The values of the fields below names repeat from record to record (a district,
//! a segment, a kind: a chunk of 4,096 records holds a few hundred distinct ones, each
//! stored once and numbered, see `packed`), and a plain term that misses a record's names
//! was matched against every one of its values: the same few hundred texts, folded and
//! searched over and over. [`text::in_value`] depends on the term, the text and whether
//! readings count, so its answer for a value's number in a chunk holds for every record
//! of that chunk. A dataset's records share their short repeated values (`Sym`): there the
//! value's address is its key.

use hashbrown::HashMap;

use super::query::Term;
use super::text::{self, Bufs, InValue};
use crate::data::db::Rec;
use crate::data::model::RecordKind;

/// Terms remembered at once: a query's clauses take turns on each record.
const TERMS: usize = 4;

/// A term's answers by value key (see `Records::visit_each`), the value's length (a key
/// is an address for a dataset's values) and whether readings count.
type Answers = HashMap<(usize, usize, bool), Option<InValue>, foldhash::fast::FixedState>;

/// One thread's answers, for the chunk last read.
#[derive(Default)]
pub(super) struct Memo {
    /// The chunk the answers are about: its tab and its number there.
    chunk: Option<(RecordKind, usize)>,
    /// Per term (by address: a matcher serves one query, which outlives it), its
    /// answers.
    terms: Vec<(usize, Answers)>,
}

impl Memo {
    /// [`text::in_value`] of `term` in `value`, a value of `rec` with the key `n` in its
    /// chunk (`None`: no key, not remembered).
    pub fn in_value(
        &mut self,
        term: &Term,
        rec: Rec,
        n: Option<usize>,
        value: &str,
        readings: bool,
        b: &mut Bufs,
    ) -> Option<InValue> {
        let Some(n) = n else {
            return text::in_value(term, value, readings, b);
        };
        let chunk = Some((rec.kind, rec.idx() / super::packed::CHUNK));
        if self.chunk != chunk {
            self.chunk = chunk;
            for (_, answers) in &mut self.terms {
                answers.clear();
            }
        }
        let key = std::ptr::from_ref(term).addr();
        let at = match self.terms.iter().position(|(t, _)| *t == key) {
            Some(at) => at,
            None if self.terms.len() < TERMS => {
                self.terms.push((key, HashMap::default()));
                self.terms.len() - 1
            }
            None => return text::in_value(term, value, readings, b),
        };
        let answers = &mut self.terms[at].1;
        *answers
            .entry((n, value.len(), readings))
            .or_insert_with(|| text::in_value(term, value, readings, b))
    }
}
