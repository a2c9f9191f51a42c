//! Why a query of several plain words found nothing, word by word: which of its words
//! find nothing on their own (`police arrests`: `arrests`), or that it holds only the
//! words a question is put in (`what happened`); and for Chinese written without spaces,
//! the words it is made of that match (`黄金税收`: `黄金 税收`). The command line and the explorer's
//! search worker both ask, once a search comes back empty.

use super::index::Index;
use super::query::{Query, is_question_word};
use super::records::Records;
use super::scope::Scope;
use super::typed::AsTyped;

/// Up to how many records of a scope a word-by-word check runs: it is a search per word.
pub const CHECKED_UP_TO: usize = 100_000;

/// Queries of up to this many words are also tried a word short ([`Lone::EachMatches`]).
const FEWER_UP_TO: usize = 8;

/// How many of the queries a word short are said.
pub const FEWER_SAID: usize = 3;

/// What the words of a query that found nothing find on their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lone {
    /// Each word matches something on its own; nothing matches them all. `fewer`: the
    /// query without one of its words, where that matches (the word left out, how many
    /// match then), at most [`FEWER_SAID`], in the query's order: which word to drop.
    EachMatches { fewer: Vec<(String, usize)> },
    /// These words (as typed, in the query's order) match nothing on their own.
    Dead(Vec<String>),
    /// Every word is one a question is put in (`what`, `happened`, `how`, `many`):
    /// nothing says what the question is about.
    OnlyAsking,
    /// Chinese written without spaces that nothing holds together (`黄金税收`), cut into
    /// words that match as typed: the query so written and how many it matches.
    Apart { query: String, matched: usize },
}

impl Lone {
    /// What a reader is told, the same words on the command line and in the explorer.
    #[must_use]
    pub fn said(&self) -> String {
        match self {
            Lone::EachMatches { fewer } if fewer.is_empty() => {
                "nothing matches them all; each of its words matches on its own".to_owned()
            }
            Lone::EachMatches { fewer } => {
                let fewer: Vec<String> = fewer
                    .iter()
                    .map(|(word, n)| format!("without {word:?} {n} match{}", if *n == 1 { "es" } else { "" }))
                    .collect();
                format!("nothing matches them all; {}", fewer.join(", "))
            }
            Lone::Dead(words) => {
                let quoted = words.iter().map(|w| format!("{w:?}")).collect::<Vec<_>>().join(", ");
                if words.len() == 1 {
                    format!("of its words, {quoted} matches nothing on its own")
                } else {
                    format!("of its words, {quoted} match nothing on their own")
                }
            }
            // Short: the jump box has a line of some 60 columns at 80.
            Lone::OnlyAsking => "only question words: say what about (a name, a year, gold…)".to_owned(),
            Lone::Apart { query, matched } => {
                format!("nothing holds it together; with spaces, {query:?} matches {matched}")
            }
        }
    }
}

/// [`Lone`] for `query`, which found nothing in `scope`: for one plain word, only
/// [`Lone::Apart`] (Chinese written without spaces); `None` when it has no plain word
/// (a field, an exclusion, a phrase or an alternative is not checked),
/// when its words are read together as something else (`may 2025` as a month), when
/// every word finds nothing alone (nothing to single out), or when the scope holds more
/// than [`CHECKED_UP_TO`] records.
#[must_use]
pub fn lone_words(index: &Index, records: Records<'_>, scope: Scope, query: &str) -> Option<Lone> {
    lone_words_while(index, records, scope, query, &|| true)
}

/// [`lone_words`], its searches (one per word, one per word left out) run only while
/// `live` holds: a search worker's query superseded by the next keystroke stops asking,
/// and its answer, which no one will read, is then made of the searches that ran.
pub(super) fn lone_words_while(
    index: &Index,
    records: Records<'_>,
    scope: Scope,
    query: &str,
    live: &dyn Fn() -> bool,
) -> Option<Lone> {
    let plain = |w: &&str| {
        // A leading hyphen is text that meant an exclusion (`-dasheng`): said otherwise.
        !w.starts_with(['!', '-', '\'', '^', '"', '“', '＂']) && !w.ends_with('$') && !w.contains([':', '|', '"', '”'])
    };
    let words: Vec<&str> = query.split_whitespace().filter(plain).collect();
    if query.split_whitespace().count() != words.len() || scope.len(records) > CHECKED_UP_TO {
        return None;
    }
    // How many records `query` answers as typed.
    let answers = |query: &str| {
        if !live() {
            return 0;
        }
        let found = super::run::once(index, records, &Query::parse(query, scope), None);
        if AsTyped::of(query, scope, &found).any(&found) {
            found.matched
        } else {
            0
        }
    };
    if let [word] = words.as_slice() {
        return apart(word, answers);
    }
    if words.len() < 2 {
        return None;
    }
    if words.iter().all(|w| is_question_word(w)) {
        return Some(Lone::OnlyAsking);
    }
    // Words read together as something else (`may 2025` as a month) are not its words.
    if !Query::parse(query, scope).read.is_empty() {
        return None;
    }
    let dead: Vec<String> = words
        .iter()
        .filter(|w| answers(w) == 0)
        .map(|w| (*w).to_owned())
        .collect();
    match dead.len() {
        0 => Some(Lone::EachMatches {
            fewer: a_word_short(&words, answers),
        }),
        n if n == words.len() => None,
        _ => Some(Lone::Dead(dead)),
    }
}

/// Chinese of four to eight characters, written without spaces, that found nothing:
/// the first way of cutting it into words of two or three characters (most Chinese words
/// are of two) that `answers` as typed, with its count ([`Lone::Apart`]).
fn apart(word: &str, answers: impl Fn(&str) -> usize) -> Option<Lone> {
    let chars: Vec<char> = word.chars().collect();
    if !(4..=8).contains(&chars.len()) || !chars.iter().all(|c| super::fold::is_han(*c)) {
        return None;
    }
    let cuts: &[&[usize]] = match chars.len() {
        4 => &[&[2, 2]],
        5 => &[&[2, 3], &[3, 2]],
        6 => &[&[2, 2, 2], &[3, 3]],
        7 => &[&[2, 2, 3], &[2, 3, 2], &[3, 2, 2]],
        _ => &[&[2, 2, 2, 2]],
    };
    cuts.iter().find_map(|cut| {
        let mut at = 0;
        let words: Vec<String> = cut
            .iter()
            .map(|n| {
                let w: String = chars[at..at + n].iter().collect();
                at += n;
                w
            })
            .collect();
        let query = words.join(" ");
        let matched = answers(&query);
        (matched > 0).then_some(Lone::Apart { query, matched })
    })
}

/// Of `words` (at most [`FEWER_UP_TO`]), each word whose leaving out makes a query that
/// `answers` (how many records it answers as typed), with that count: at most
/// [`FEWER_SAID`], in the query's order. A word a question is put in is left out by the
/// search already, so leaving it out changes nothing and is not tried.
fn a_word_short(words: &[&str], answers: impl Fn(&str) -> usize) -> Vec<(String, usize)> {
    if words.len() > FEWER_UP_TO {
        return Vec::new();
    }
    let mut fewer = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if fewer.len() == FEWER_SAID {
            break;
        }
        let rest: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, w)| *w)
            .collect();
        if is_question_word(word) || rest.iter().all(|w| is_question_word(w)) {
            continue;
        }
        let n = answers(&rest.join(" "));
        if n > 0 {
            fewer.push(((*word).to_owned(), n));
        }
    }
    fewer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of two characters first, then of three; only Chinese of four to eight.
    #[test]
    fn chinese_is_cut_into_words_of_two_then_three() {
        let finding = |hits: &'static [&'static str]| move |q: &str| usize::from(hits.contains(&q));
        let apart_as = |word: &str, hits: &'static [&'static str]| match apart(word, finding(hits)) {
            Some(Lone::Apart { query, .. }) => Some(query),
            _ => None,
        };
        assert_eq!(apart_as("黄金税收", &["黄金 税收"]).as_deref(), Some("黄金 税收"));
        assert_eq!(
            apart_as("水贝金价高", &["水贝 金价高", "水贝金 价高"]).as_deref(),
            Some("水贝 金价高")
        );
        assert_eq!(apart_as("水贝金价高", &["水贝金 价高"]).as_deref(), Some("水贝金 价高"));
        assert_eq!(apart_as("黄金税收", &[]), None, "no cut matches");
        for word in ["金价高", "gold税收", "黄金税收黄金税收黄"] {
            assert_eq!(apart_as(word, &["黄金 税收"]), None, "{word}");
        }
    }
}
