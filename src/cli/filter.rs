//! `--filter FACET=VALUE` of `search` and `export`: the explorer's list filters (key `f`)
//! on the command line. The facets, what a row's values are and what a choice accepts
//! are [`crate::data::facets`]'s, the code the explorer's picker runs; this module reads
//! the flags, checks them against the values the picker would list, and says what is
//! wrong with a choice.

use rayon::prelude::*;

use super::error::CliError;
use super::output::shell_word;
use crate::data::db::{Db, Rec};
use crate::data::facets::{self, Entry, Facet, Facets, List};
use crate::data::model::RecordKind;

/// `FACET=VALUE` as typed (`listing=listed`): split at the first `=`. For clap.
pub(super) fn parse(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((facet, value)) if !facet.trim().is_empty() => Ok((facet.trim().to_owned(), value.trim().to_owned())),
        _ => Err(
            "write FACET=VALUE, as the explorer's filter picker (key f) names them: listing=listed, \
                  segment=gold, district=Luohu"
                .to_owned(),
        ),
    }
}

/// The rows `--filter` keeps, of each list it applies to.
#[derive(Debug)]
pub(super) struct Kept {
    facets: Facets,
    /// The lists that have every facet chosen, with whether each row passes them.
    rows: Vec<(List, Vec<bool>)>,
}

impl Kept {
    /// Whether `--filter` keeps a row of a list: a row of a list without one of the
    /// facets chosen is not kept (`--tab all --filter listing=listed` lists enterprises).
    #[must_use]
    pub(super) fn keeps(&self, list: List, row: u32) -> bool {
        self.rows
            .iter()
            .find(|(l, _)| *l == list)
            .is_some_and(|(_, rows)| rows.get(row as usize).copied().unwrap_or(false))
    }

    /// Whether it keeps a record.
    #[must_use]
    pub(super) fn keeps_rec(&self, rec: Rec) -> bool {
        self.keeps(List::Records(rec.kind), rec.index)
    }

    /// The filter as the explorer's list title says it (`listing=listed, segment=gold|jade`).
    #[must_use]
    pub(super) fn describe(&self) -> String {
        self.facets.describe()
    }
}

/// The lists `search --tab` or `export --tab` covers: `kinds` (empty: the sources).
#[must_use]
pub(super) fn lists(kinds: &[RecordKind]) -> Vec<List> {
    if kinds.is_empty() {
        vec![List::Sources]
    } else {
        kinds.iter().map(|k| List::Records(*k)).collect()
    }
}

/// Reads `--filter`s for rows of `lists`: `None` without any. A facet none of the
/// lists has, or a value no row of them has, is a usage error that lists the valid ones.
///
/// # Errors
/// `CliError::Usage` with what to write instead.
pub(super) fn read(db: &Db, lists: &[List], asked: &[(String, String)]) -> Result<Option<Kept>, CliError> {
    if asked.is_empty() {
        return Ok(None);
    }
    let mut chosen: Vec<(Facet, &str, &str)> = Vec::new();
    for (name, value) in asked {
        let facet = Facet::named(name)
            .filter(|f| lists.iter().any(|l| Facet::of(*l).contains(f)))
            .ok_or_else(|| unknown_facet(lists, name, value))?;
        chosen.push((facet, name, value));
    }
    let wanted: Vec<Facet> = {
        let mut facets: Vec<Facet> = chosen.iter().map(|(f, ..)| *f).collect();
        facets.sort_unstable();
        facets.dedup();
        facets
    };
    let having: Vec<List> = lists
        .iter()
        .copied()
        .filter(|l| wanted.iter().all(|f| Facet::of(*l).contains(f)))
        .collect();
    if having.is_empty() {
        let names: Vec<String> = wanted.iter().map(|f| format!("`{}`", f.name())).collect();
        return Err(CliError::Usage(format!(
            "--filter: no tab has all of {} ({}); filter one tab's rows at a time",
            names.join(", "),
            facets_by_list(lists)
        )));
    }
    // The values each facet's picker lists, over every row of the lists.
    let entries: Vec<Entry> = having
        .iter()
        .flat_map(|l| {
            let all: Vec<u32> = (0..l.len(db)).filter_map(|i| u32::try_from(i).ok()).collect();
            facets::count(db, *l, &Facets::default(), &all)
        })
        .filter(|e| wanted.contains(&e.facet))
        .collect();
    let mut facets = Facets::default();
    for (facet, name, value) in chosen {
        let value = pick(&entries, facet, value).ok_or_else(|| unknown_value(&entries, &having, facet, name, value))?;
        if !facets.is_on(facet, &value) {
            facets.toggle(facet, &value);
        }
    }
    let rows = having
        .into_iter()
        .map(|l| {
            let n = u32::try_from(l.len(db)).unwrap_or(u32::MAX);
            let kept: Vec<bool> = (0..n).into_par_iter().map(|row| facets.accepts(db, l, row)).collect();
            (l, kept)
        })
        .collect();
    Ok(Some(Kept { facets, rows }))
}

/// The value a typed one means: itself, else the one value whose text or name is it
/// case aside; "not stated" by what the picker calls it (`(not stated)`, `(none)`) or
/// by nothing (`owner=`).
fn pick(entries: &[Entry], facet: Facet, typed: &str) -> Option<String> {
    let of_facet = || entries.iter().filter(move |e| e.facet == facet);
    if let Some(e) = of_facet().find(|e| e.value == typed) {
        return Some(e.value.clone());
    }
    if typed.is_empty() || typed.eq_ignore_ascii_case(facet.nothing()) || typed.eq_ignore_ascii_case("(none)") {
        return of_facet().find(|e| e.value.is_empty()).map(|e| e.value.clone());
    }
    let mut alike: Vec<&str> = of_facet()
        .filter(|e| {
            !e.value.is_empty()
                && (e.value.to_lowercase() == typed.to_lowercase() || e.shown().to_lowercase() == typed.to_lowercase())
        })
        .map(|e| e.value.as_str())
        .collect();
    alike.sort_unstable();
    alike.dedup();
    match alike.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    }
}

/// "enterprises: listing, exchange, kind, …; brands: …": the facets of each list.
fn facets_by_list(lists: &[List]) -> String {
    let of = |l: &List| Facet::of(*l).iter().map(|f| f.name()).collect::<Vec<_>>().join(", ");
    if let [one] = lists {
        return format!("filters of the {}: {}", one.section(), of(one));
    }
    let each: Vec<String> = lists.iter().map(|l| format!("{}: {}", l.section(), of(l))).collect();
    format!("filters by tab: {}", each.join("; "))
}

/// `--filter NAME=VALUE` as a shell reads it back.
fn flag(name: &str, value: &str) -> String {
    format!(
        "--filter {}={}",
        shell_word(name),
        if value.is_empty() {
            String::new()
        } else {
            shell_word(value)
        }
    )
}

fn unknown_facet(lists: &[List], name: &str, value: &str) -> CliError {
    let asked = flag(name, value);
    let elsewhere: Vec<&str> = Facet::named(name)
        .map(|f| {
            List::ALL
                .iter()
                .filter(|l| Facet::of(**l).contains(&f))
                .map(|l| l.section())
                .collect()
        })
        .unwrap_or_default();
    let known: Vec<&str> = {
        let mut names: Vec<&str> = lists
            .iter()
            .flat_map(|l| Facet::of(*l).iter().map(|f| f.name()))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let near = crate::data::problems::closest(name, &known)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    let what = if elsewhere.is_empty() {
        format!("no filter is called `{name}`{near}")
    } else {
        format!(
            "`{}` filters the {} (--tab {}), not these rows",
            name.to_lowercase(),
            elsewhere.join(" and the "),
            elsewhere.join(" or --tab ")
        )
    };
    CliError::Usage(format!("{asked}: {what}; {}", facets_by_list(lists)))
}

fn unknown_value(entries: &[Entry], lists: &[List], facet: Facet, name: &str, value: &str) -> CliError {
    let mut valid: Vec<String> = Vec::new();
    for e in entries.iter().filter(|e| e.facet == facet) {
        let word = shell_word(if e.value.is_empty() { facet.nothing() } else { &e.value });
        if !valid.contains(&word) {
            valid.push(word);
        }
    }
    let rows: Vec<&str> = lists.iter().map(|l| l.section()).collect();
    let by_name = if facet == Facet::Metric {
        " (a metric by its id, as here, or by its name)"
    } else {
        ""
    };
    // A near spelling ("Gold price" for 'Gold prices'), the way an unknown facet gets one.
    let values: Vec<&str> = entries
        .iter()
        .filter(|e| e.facet == facet && !e.value.is_empty())
        .map(|e| e.value.as_str())
        .collect();
    let near = crate::data::problems::closest(value, &values)
        .map(|v| format!(" (did you mean {}?)", shell_word(v)))
        .unwrap_or_default();
    CliError::Usage(format!(
        "{}: no row of the {} has {} {value:?}{near}; choose one of{by_name}: {}",
        flag(name, value),
        rows.join(" and the "),
        facet.name(),
        valid.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_split_at_the_first_equals_sign() {
        assert_eq!(parse("listing=listed"), Ok(("listing".into(), "listed".into())));
        assert_eq!(parse(" owner = "), Ok(("owner".into(), String::new())));
        assert_eq!(parse("metric=a=b"), Ok(("metric".into(), "a=b".into())));
        assert!(parse("listing").is_err());
        assert!(parse("=listed").is_err());
    }
}
