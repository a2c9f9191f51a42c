//! What `shuibei search` says when its flags or its tab left out every row the query
//! found: `--names` (rows that hold it in other fields), `--as-typed` (near spellings,
//! rows that hold it only in a clause that negates it), `--exact-name`, and `--tab` (a
//! tab without it while other tabs hold it). "Nothing matches" would deny rows that a
//! search without the flag shows (a reader took `--names 周生生` to mean the data never
//! mentions 周生生, which four price figures do).

use crate::data::model::RecordKind;
use crate::search::{self, Hit, Index, Records, Scope};

use super::super::output::shell_word;

/// What a record is called under `--tab`, one and many ("brand", "brands").
pub(super) fn noun(scope: Scope) -> (&'static str, &'static str) {
    match scope {
        Scope::One(RecordKind::History) => ("event", "events"),
        Scope::One(RecordKind::Enterprise) => ("enterprise", "enterprises"),
        Scope::One(RecordKind::Brand) => ("brand", "brands"),
        Scope::One(RecordKind::Indicator) => ("figure", "figures"),
        Scope::All => ("record", "records"),
    }
}

/// "nothing matches Q", or under `--tab` "no brand matches Q": only that tab was searched.
pub(super) fn nothing_matches(scope: Scope, query: &str) -> String {
    match scope {
        Scope::All => format!("nothing matches {query:?}"),
        Scope::One(_) => format!("no {} matches {query:?}", noun(scope).0),
    }
}

/// A statement about the words of a query searched in one tab, said to be of that tab.
pub(super) fn in_tab(scope: Scope, said: &str) -> String {
    match scope {
        Scope::All => said.to_owned(),
        Scope::One(kind) => format!("{said} (in --tab {})", kind.section()),
    }
}

/// The rows a search without `--names`, `--as-typed` or `--exact-name` finds, by what
/// those flags make of them.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Answers as typed that hold the query outside the records' own names.
    pub elsewhere: usize,
    /// The fields those hold it in, when each row says one ("summary").
    pub fields: Vec<&'static str>,
    /// Rows that hold it as typed only in a clause that negates it.
    pub negated: usize,
    /// Rows that are no match as typed: near spellings, sound-alikes, parts apart.
    pub loose: usize,
    /// The query has several words, which a row may hold in several places: no field
    /// is named for them (the one a hit keeps is its most telling word's).
    pub several: bool,
}

impl Found {
    /// Sorts the rows of `all` (a search with every row kept) by kind.
    pub(super) fn of(all: &search::Outcome, typed: &search::AsTyped, several: bool) -> Found {
        let mut found = Found {
            several,
            ..Found::default()
        };
        let mut named = true;
        for hit in &all.hits {
            if !typed.holds(hit) {
                found.loose += 1;
            } else if let search::Why::Negated(_) = hit.why {
                found.negated += 1;
            } else {
                found.elsewhere += 1;
                match hit.why {
                    search::Why::Field(field) if hit.why.outside_names() => {
                        if !found.fields.contains(&field) {
                            found.fields.push(field);
                        }
                    }
                    _ => named = false,
                }
            }
        }
        if !named || several {
            found.fields.clear();
        }
        found
    }

    fn total(&self) -> usize {
        self.elsewhere + self.negated + self.loose
    }
}

/// `n` rows: "1 record that holds", "3 records that hold".
fn rows(n: usize, scope: Scope, (one, many): (&str, &str)) -> String {
    let (single, plural) = noun(scope);
    if n == 1 {
        format!("1 {single} that {one}")
    } else {
        format!("{n} {plural} that {many}")
    }
}

/// The parts of `found` a flag left out, in words (answers elsewhere first).
fn parts(found: &Found, scope: Scope) -> Vec<String> {
    let mut parts = Vec::new();
    let it = if found.several { "its words" } else { "it" };
    if found.elsewhere > 0 {
        let (one, many) = match found.fields.as_slice() {
            [] => (
                format!("holds {it}, not in its names alone"),
                format!("hold {it}, not in their names alone"),
            ),
            [field] => (
                format!("mentions it in its {field}"),
                format!("mention it in their {field}"),
            ),
            [rest @ .., last] => {
                let fields = format!("{} or {last}", rest.join(", "));
                (
                    format!("mentions it in its {fields}"),
                    format!("mention it in their {fields}"),
                )
            }
        };
        parts.push(rows(found.elsewhere, scope, (&one, &many)));
    }
    if found.negated > 0 {
        parts.push(rows(
            found.negated,
            scope,
            (
                &format!("holds {it} only in a clause that negates it"),
                &format!("hold {it} only in a clause that negates it"),
            ),
        ));
    }
    if found.loose > 0 {
        parts.push(rows(
            found.loose,
            scope,
            (
                "only comes near it (a near spelling, a sound-alike, or its parts apart)",
                "only come near it (near spellings, sound-alikes, or its parts apart)",
            ),
        ));
    }
    parts
}

/// "a, b and c".
fn listed(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Under `--names` or `--as-typed` (`flag`), with no row left: what the search found
/// and the flag left out, and how to see it; `None` when it found nothing at all (then
/// "nothing matches" is true).
pub(super) fn flag_line(flag: &str, scope: Scope, query: &str, found: &Found) -> Option<String> {
    if found.total() == 0 {
        return None;
    }
    let lead = if flag == "--names" {
        format!("no {}'s name holds {query:?}", noun(scope).0)
    } else {
        format!("{} as typed", nothing_matches(scope, query))
    };
    let them = if found.total() == 1 { "it" } else { "them" };
    Some(format!(
        "shuibei: {lead}; {flag} left out {}: drop {flag} to see {them}",
        listed(&parts(found, scope))
    ))
}

/// Under `--exact-name`, with no record so named: that, and what the query's words find.
pub(super) fn exact_line(scope: Scope, query: &str, found: &Found, flags: &str) -> String {
    let query = query.trim();
    let search = format!("`shuibei{flags} search {}`", shell_word(query));
    // Forms are set aside, but a Chinese legal form is not traded for another.
    let other_form = if query.ends_with("公司") {
        "; another legal form, 股份有限公司 for 有限公司, is another company"
    } else {
        ""
    };
    let lead = format!(
        "no {} is named {query:?} (case, punctuation, company forms and leading places aside{other_form})",
        noun(scope).0
    );
    if found.elsewhere > 0 {
        let (single, plural) = noun(scope);
        let n = found.elsewhere;
        let holds = if n == 1 {
            format!("1 {single} holds its words")
        } else {
            format!("{n} {plural} hold its words")
        };
        let them = if n == 1 { "it" } else { "them" };
        format!("shuibei: {lead}; {holds}: {search} lists {them}")
    } else if found.total() > 0 {
        format!(
            "shuibei: {lead}, and none holds its words as typed; {search} shows {}",
            listed(&parts(found, scope))
        )
    } else {
        // Not "none holds its words": a long name's words (珠宝) stand in many records, yet a
        // search for it, which reads it as typed, finds none.
        format!("shuibei: {lead}, and a search for it finds nothing")
    }
}

/// Under `--tab`, when nothing there matched: how many records of the other tabs answer
/// the query as typed (`answers`), and that leaving `--tab` out lists them.
pub(super) fn other_tabs_line(scope: Scope, query: &str, answers: usize) -> Option<String> {
    let Scope::One(kind) = scope else {
        return None;
    };
    (answers > 0).then(|| {
        let (n, match_) = if answers == 1 {
            ("1 record".to_owned(), "matches")
        } else {
            (format!("{answers} records"), "match")
        };
        format!(
            "shuibei: {n} of other tabs than {} {match_} {query:?} as typed; leave --tab out to see {}",
            kind.section(),
            if answers == 1 { "it" } else { "them" }
        )
    })
}

/// `--exact-name`: of the records the query finds, as typed or without its company
/// forms, those one of whose names is the query ([`search::TypedName`]), in rank order.
/// They answer as typed: the outcome says no near spelling and nothing left out.
pub(super) fn exact_names(
    index: &Index,
    records: Records<'_>,
    scope: Scope,
    query: &str,
    outcome: &mut search::Outcome,
) {
    // A screen's alternatives (`A | B`) each name records; a credit code names its
    // company as a name does.
    // Fullwidth bars too (`A ｜ B`), as the query reads them: the sides it parsed.
    let parsed = search::Query::parse(query, scope);
    let pieces: Vec<&str> = if parsed.sides.is_empty() {
        query
            .split(['|', '｜'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        parsed.sides.iter().map(|side| side.trim()).collect()
    };
    let named: Vec<search::TypedName> = pieces.iter().map(|p| search::TypedName::of(p)).collect();
    // A code typed in fullwidth forms (`９１４４…`) is the code, as the search reads it.
    let coded = pieces
        .iter()
        .any(|p| search::codes::code_shaped(&p.chars().map(search::fold::width).collect::<String>()));
    let mut found: Vec<Hit> = outcome.hits.clone();
    if let Some(rest) = parsed.tolerant() {
        let again = search::search_parsed(index, records, &rest, None);
        found.extend(
            again
                .hits
                .into_iter()
                .filter(|h| !outcome.hits.iter().any(|o| o.rec == h.rec)),
        );
    }
    found.retain(|h| {
        named.iter().any(|typed| typed.names(records, h.rec)) || (coded && matches!(h.why, search::Why::Field("code")))
    });
    outcome.matched = found.len();
    outcome.hits = found;
    outcome.tolerant = false;
    outcome.shortened = false;
    outcome.notice = None;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(elsewhere: usize, fields: &[&'static str], negated: usize, loose: usize) -> Found {
        Found {
            elsewhere,
            fields: fields.to_vec(),
            negated,
            loose,
            several: false,
        }
    }

    #[test]
    fn names_says_where_the_rows_left_out_hold_it() {
        let line = flag_line("--names", Scope::All, "周生生", &found(4, &["summary"], 0, 0));
        assert_eq!(
            line.as_deref(),
            Some(
                "shuibei: no record's name holds \"周生生\"; --names left out 4 records that mention it in their summary: drop --names to see them"
            )
        );
        let line = flag_line("--as-typed", Scope::One(RecordKind::Brand), "x", &found(0, &[], 1, 2));
        assert_eq!(
            line.as_deref(),
            Some(
                "shuibei: no brand matches \"x\" as typed; --as-typed left out 1 brand that holds it only in a clause that negates it and 2 brands that only come near it (near spellings, sound-alikes, or its parts apart): drop --as-typed to see them"
            )
        );
        assert_eq!(flag_line("--names", Scope::All, "x", &Found::default()), None);
    }

    #[test]
    fn exact_name_counts_what_holds_the_words() {
        assert!(exact_line(Scope::All, "zzqq", &Found::default(), "").ends_with("and a search for it finds nothing"));
        assert!(
            exact_line(Scope::All, "周生生", &found(4, &["summary"], 0, 0), "")
                .ends_with("; 4 records hold its words: `shuibei search 周生生` lists them")
        );
    }
}
