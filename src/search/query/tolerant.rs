//! A query tried again when it found nothing as typed ([`Query::tolerant`]): typos and
//! homophones in names, company forms left out, English endings read by their stems, a
//! question's words left out; and what a search of a
//! query says with its results ([`Query::said`]).

use super::fold::Case;
use super::{Clause, Mode, Query, Term, Word, forms, inflect, joined, term};

impl Query {
    /// The same query allowing typos and homophones in names, when that can find more:
    /// `None` when no term could match otherwise than as typed.
    ///
    /// Company forms (`Limited`, `Co., Ltd.`, `有限公司`) are left out of it, and its
    /// notice says so (see `forms`): a registered name finds the record that holds the
    /// name without them.
    #[must_use]
    pub fn tolerant(&self) -> Option<Query> {
        if self.tolerant {
            return None;
        }
        let (clauses, mut left_out) = self.without_forms(true);
        // The joining words left out as typed are said with the rest (`Query::said`).
        if !self.dropped.is_empty() {
            let words: Vec<String> = self.dropped.iter().map(|w| format!("{w:?}")).collect();
            let said = format!("left out {}", words.join(" "));
            match left_out.first_mut() {
                Some(first) if first.starts_with("left out ") => {
                    *first = format!("{said} {}", &first["left out ".len()..]);
                }
                Some(_) => left_out.insert(0, said),
                None => {}
            }
        }
        let (joined, joined_other, joined_all) = if left_out.is_empty() {
            (self.joined.clone(), self.joined_other.clone(), self.joined_all)
        } else {
            joined(&clauses)
        };
        let any = clauses.iter().flat_map(|c| &c.alternatives).any(Term::tolerant)
            || (joined_all
                && joined
                    .as_ref()
                    .is_some_and(|j| j.budget > 0 && j.case == Case::Insensitive));
        if !any && left_out.is_empty() {
            return None;
        }
        let notice = match (&self.notice, left_out.is_empty()) {
            (notice, true) => notice.clone(),
            (None, false) => Some(left_out.join("; ")),
            (Some(notice), false) => Some(format!("{notice}; {}", left_out.join("; "))),
        };
        Some(Query {
            tolerant: true,
            shortened: !left_out.is_empty(),
            clauses,
            joined,
            joined_other,
            joined_all,
            notice,
            dropped: if left_out.is_empty() {
                self.dropped.clone()
            } else {
                Vec::new()
            },
            ..self.clone()
        })
    }

    /// What a search of this query says with its results: its notice, and the words
    /// that only join the others, left out ([`Query::dropped`]).
    #[must_use]
    pub fn said(&self) -> Option<String> {
        // What was read otherwise first: the search line may cut the rest.
        let mut said: Vec<String> = self.read.clone();
        if !self.dropped.is_empty() {
            let words: Vec<String> = self.dropped.iter().map(|w| format!("{w:?}")).collect();
            said.push(format!("left out {}", words.join(" ")));
        }
        said.extend(self.notice.iter().cloned());
        (!said.is_empty()).then(|| said.join("; "))
    }

    /// Whether a tolerant query's notice ([`Query::tolerant`]) says words were left out
    /// (company forms, a question's words, a Chinese name's form), not only read by their
    /// stems: its matches are of fewer words than typed.
    #[must_use]
    pub fn notice_leaves_words_out(notice: &str) -> bool {
        notice
            .split("; ")
            .any(|said| said.starts_with("left out ") || said.starts_with("read as "))
    }

    /// Whether [`Query::tolerant`] leaves company forms out of this query (not only a
    /// question's words, nor endings): a registered name typed in full.
    pub(in crate::search) fn leaves_out_company_forms(&self) -> bool {
        !self.tolerant && !self.without_forms(false).1.is_empty()
    }

    /// The clauses without company forms, and what was left out, said for the search
    /// box; the clauses as they are when nothing was, or when no plain word would be left
    /// (`Limited !gold` must not become `!gold`, which matches nearly everything). With
    /// `words`, also without a question's words (`number of`), and a word with an
    /// English ending read by its stem from a word's start (`collapsed` as `collaps…`,
    /// see `inflect`).
    fn without_forms(&self, words: bool) -> (Vec<Clause>, Vec<String>) {
        let plain = |t: &Term| !t.negated && t.field.is_none() && t.mode == Mode::Fuzzy && !t.phrase();
        let mut english: Vec<&str> = Vec::new();
        let mut said = Vec::new();
        let mut clauses = Vec::with_capacity(self.clauses.len());
        for clause in &self.clauses {
            match clause.alternatives.as_slice() {
                // A word, or a plural with its singular (`events`, `event…`).
                [t, rest @ ..]
                    if plain(t)
                        && rest.iter().all(|a| a.word == Word::Start)
                        && (forms::is_english_form(&t.raw) || (words && inflect::is_filler(&t.raw))) =>
                {
                    english.push(&t.raw);
                    continue;
                }
                // A word with an ending (a field's term too): its stem, from a word's start.
                [t] if words
                    && !t.negated
                    && t.mode == Mode::Fuzzy
                    && !t.phrase()
                    && !forms::is_english_form(&t.raw)
                    && inflect::stem(&t.raw).is_some() =>
                {
                    let stem = inflect::stem(&t.raw).unwrap_or_default();
                    said.push(format!("read {:?} as {:?}", t.raw, format!("{stem}…")));
                    // The word as typed stays, for its typos and readings in names.
                    clauses.push(Clause {
                        alternatives: vec![t.clone(), term::stem_term(&stem, t.field)],
                    });
                    continue;
                }
                // A term, a term in traditional characters and its simplified form (the
                // data's names are simplified), or names with `|` between (`A|B`): each
                // without its forms. (Only the last of two was once kept, so a screen of
                // two registered names lost the first: `甲有限公司|乙有限公司` read as 乙.)
                alts if alts.iter().all(|t| plain(t) && t.han)
                    && alts.iter().any(|t| forms::short_han(&t.raw).is_some()) =>
                {
                    let mut shortened: Vec<Term> = Vec::with_capacity(alts.len());
                    // A term in traditional characters is shortened in its simplified form.
                    let simplified_beside = |t: &Term| {
                        let simple = fast2s::convert(&t.raw);
                        simple != t.raw && alts.iter().any(|o| o.raw == simple)
                    };
                    for t in alts.iter().filter(|t| !simplified_beside(t)) {
                        let Some(short) = forms::short_han(&t.raw) else {
                            if !shortened.iter().any(|s| s.raw == t.raw) {
                                shortened.push(t.clone());
                            }
                            continue;
                        };
                        if shortened.iter().any(|s| s.raw == short) {
                            continue;
                        }
                        // Short: the search line has little room beside the query.
                        said.push(format!("read as {short:?}"));
                        shortened.push(Term {
                            word: Word::Together,
                            ..term(&short, Mode::Fuzzy, false, None)
                        });
                    }
                    clauses.push(Clause {
                        alternatives: shortened,
                    });
                    continue;
                }
                _ => {}
            }
            clauses.push(clause.clone());
        }
        let words_left = clauses.iter().any(|c| c.alternatives.iter().any(plain));
        if !words_left || (english.is_empty() && said.is_empty()) {
            return (self.clauses.clone(), Vec::new());
        }
        if !english.is_empty() {
            let words: Vec<String> = english.iter().map(|w| format!("{w:?}")).collect();
            said.insert(0, format!("left out {}", words.join(" ")));
        }
        (clauses, said)
    }
}
