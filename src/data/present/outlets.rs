//! Where a claim comes from, in a few words: the outlet a publisher line names, and the
//! source a figure rests on as the compare view and `shuibei show` name it.

use crate::data::db::Db;

/// The outlet a source's publisher line names: the text before its first aside (` (`,
/// `, `, `; `, ` / `), which says how the item was found, by whom, or where it was
/// copied. Not at " and ": "U.S. Securities and Exchange Commission" is one outlet.
/// "Central News Agency (中央社, 張淑伶), reprinted on Yahoo News Taiwan" → "Central News
/// Agency"; "南方日报 / 南方+ (nfnews.com)" → "南方日报". A line that opens with an aside
/// is its own outlet.
#[must_use]
pub fn outlet(publisher: &str) -> &str {
    let cut = [" (", ", ", "; ", " / "]
        .iter()
        .filter_map(|aside| publisher.find(aside))
        .min()
        .filter(|at| *at > 0);
    cut.map_or(publisher, |at| &publisher[..at])
}

/// Where a figure's claim comes from, in a few words: the publisher's outlet (else the
/// title) and the date of its strongest cited source, the first of the strongest: the one
/// whose reliability the explorer's `Src` mark gives (a reprint named beside a filing's
/// "high" read as a highly reliable reprint).
#[must_use]
pub fn figure_source(db: &Db, indicator: usize) -> String {
    let ind = &db.indicators()[indicator];
    let Some(source) = ind
        .sources
        .iter()
        .filter_map(|c| db.source(&c.source))
        .min_by_key(|s| s.reliability)
    else {
        return "no source cited".to_owned();
    };
    // The outlet, not the whole publisher line: its asides ("citing 光明網", "reprinted
    // on …") filled the compare view's column and cut the date (the detail gives them).
    let name = source.publisher.as_deref().map_or(&*source.title, outlet);
    match source.date {
        Some(date) => format!("{name} {date}"),
        None => name.to_owned(),
    }
}
