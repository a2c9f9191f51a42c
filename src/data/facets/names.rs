//! What a metric (a series of figures) is called in the filter picker and the list's
//! title: what its figures' names share, not one figure's name.

use crate::data::db::Db;
use crate::data::model::Date;

/// Each metric's name, for the picker and the list's title: what the names of its
/// figures share, their last parenthesis (a date, a source) aside. The name that begins
/// the most of them, when it begins two or more (of equals, the newest figure's:
/// "Shuibei gold price" begins 9 of the 20 Shuibei prices); else the words they all begin
/// with, when three or more ("Change in China's jewelry sales" of its October, November
/// and December 2020 figures); else the newest figure's. A trial met the ids
/// (`share-national-wholesale-shuibei`) there, and then one figure's name for a series
/// ("… December 2020 on December 2019" for three months, "… of one Shuibei shop").
pub(super) fn metric_names(db: &Db) -> hashbrown::HashMap<&str, String> {
    let mut series: hashbrown::HashMap<&str, Vec<(Date, &str)>> = hashbrown::HashMap::new();
    for ind in db.indicators() {
        let Some(metric) = ind.metric.as_deref() else { continue };
        series
            .entry(metric)
            .or_default()
            .push((ind.as_of, bare_name(&ind.name)));
    }
    series
        .into_iter()
        .map(|(metric, mut names)| {
            // Newest first; of one date, the first in the file.
            names.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
            (metric, series_name(&names))
        })
        .collect()
}

/// A figure's name without its last parenthesis ("… wholesale (October 2025)" is
/// "… wholesale").
fn bare_name(name: &str) -> &str {
    name.strip_suffix(')')
        .and_then(|n| n.rfind(" (").map(|at| &n[..at]))
        .filter(|n| !n.is_empty())
        .unwrap_or(name)
}

/// [`metric_names`] of one series: its figures' bare names, newest first.
fn series_name(names: &[(Date, &str)]) -> String {
    let begins = |name: &str, head: &str| {
        name.strip_prefix(head)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', ';']))
    };
    let mut best: Option<(&str, usize)> = None;
    for (_, head) in names {
        let n = names.iter().filter(|(_, name)| begins(name, head)).count();
        if best.is_none_or(|(_, most)| n > most) {
            best = Some((head, n));
        }
    }
    let newest = names.first().map_or("", |(_, name)| *name);
    match best {
        Some((head, n)) if n >= 2 => head.to_owned(),
        _ if names.len() > 1 => common_words(names).unwrap_or(newest).to_owned(),
        _ => newest.to_owned(),
    }
}

/// The words every name begins with, as the first writes them, when three or more
/// after a trailing comma and small words ("of", "in") are dropped.
fn common_words<'a>(names: &[(Date, &'a str)]) -> Option<&'a str> {
    const SMALL: [&str; 12] = ["of", "in", "at", "on", "for", "by", "the", "a", "an", "and", "to", "vs"];
    let word = |w: &str| w.trim_end_matches([',', ';']).to_owned();
    let first = names.first()?.1;
    let words: Vec<&str> = first.split(' ').collect();
    let split: Vec<Vec<String>> = names.iter().map(|(_, n)| n.split(' ').map(word).collect()).collect();
    let mut k = 0;
    while k < words.len() && split.iter().all(|w| w.get(k).is_some_and(|x| *x == word(words[k]))) {
        k += 1;
    }
    while k > 0 && SMALL.contains(&word(words[k - 1]).to_lowercase().as_str()) {
        k -= 1;
    }
    if k < 3 {
        return None;
    }
    let end: usize = words[..k].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
    Some(first[..end].trim_end_matches([',', ';']))
}
