//! `shuibei search --tab sources`: the sources a query finds (`search::search_sources`,
//! as `/` on the explorer's Sources tab), best first, as `source<TAB>id<TAB>label` lines
//! or JSON Lines. Sources are not in the index cache: the dataset is loaded.

use std::time::Instant;

use super::error::{CliError, Outcome};
use super::output::Out;
use super::search::Options;
use super::settings::{Datasets, load_db};
use crate::data::model::Source;
use crate::search;

pub(super) fn run(datasets: &Datasets, opts: &Options) -> Result<Outcome, CliError> {
    // A malformed query is reported before the data is loaded, as for records.
    if let Some(notice) = search::Query::parse(opts.query, search::Scope::All).notice {
        return Err(CliError::Usage(format!("query {:?}: {notice}", opts.query)));
    }
    let started = Instant::now();
    let db = load_db(datasets)?;
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let (hits, notice) = search::search_sources(&db, opts.query);
    let match_ms = started.elapsed().as_secs_f64() * 1000.0;
    // A field of records (`year:2024`): no source has it, and a script must not take
    // "nothing" for an answer to the query it meant.
    if let Some(notice) = notice {
        return Err(CliError::Usage(format!("query {:?}: {notice}", opts.query)));
    }
    // Only sound-alikes (`落户` spelled "Luohu"): no source answers the query as typed,
    // and a script must not read the rows as a "yes" (exit 1, as for records).
    let all_loose = search::all_by_sound(&hits);
    let mut out = Out::stdout();
    let shown = &hits[..hits.len().min(opts.limit.unwrap_or(usize::MAX))];
    for hit in shown {
        let source = &db.sources()[hit.index as usize];
        let written = if opts.json {
            out.json(&json_line(source, hit, !all_loose))
        } else {
            // One line per match whatever the data holds (a tab or newline in a title).
            let label = label(source);
            let (id, label) = (crate::sanitize::line(&source.id), crate::sanitize::line(&label));
            out.line(&format!("source\t{id}\t{label}"))
        };
        written.map_err(CliError::io("writing to stdout"))?;
    }
    out.flush().map_err(CliError::io("writing to stdout"))?;
    // A name typed syllable by syllable whose syllables no source holds together.
    let apart = |h: &&search::SourceHit| h.loose == Some(search::Why::SyllablesApart);
    if all_loose && hits.iter().all(|h| apart(&h)) {
        let rows = match hits.len() {
            1 => "the 1 shown holds its syllables".to_owned(),
            n => format!("the {n} shown hold its syllables"),
        };
        let mut err = Out::stderr();
        err.line(&format!(
            "shuibei: nothing matches {:?} as typed; {rows}, not read together (--json's \"why\" says so)",
            opts.query
        ))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    }
    // Sound-alikes shown: all of them (nothing as typed) or some, said either way.
    let loose = shown.iter().filter(|h| h.loose.is_some() && !apart(h)).count();
    let said = match (all_loose && loose > 0, hits.len()) {
        (true, 1) => Some(format!(
            "nothing matches {:?} as typed; the 1 shown only sounds like it",
            opts.query
        )),
        (true, n) => Some(format!(
            "nothing matches {:?} as typed; the {n} shown only sound like it",
            opts.query
        )),
        (false, _) if loose > 0 => Some(format!(
            "{loose} of the {} shown only sound like {:?}",
            shown.len(),
            opts.query
        )),
        (false, _) => None,
    };
    if let Some(said) = said {
        let mut err = Out::stderr();
        err.line(&format!(
            "shuibei: {said}, its Chinese spelled in Latin letters (--json's \"why\" says where)"
        ))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    }
    if opts.stats {
        let mut err = Out::stderr();
        err.line(&format!(
            "shuibei: stats: load {load_ms:.1} ms, match {match_ms:.1} ms; {} of {} sources matched",
            hits.len(),
            db.sources().len()
        ))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    }
    // The process ends right after this: the OS reclaims the dataset at once.
    std::mem::forget(db);
    Ok(if hits.is_empty() || all_loose {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// "Title (publisher, date)", as the Sources tab's columns read.
fn label(source: &Source) -> String {
    let mut byline: Vec<String> = Vec::new();
    if let Some(publisher) = source.publisher.as_deref() {
        byline.push(publisher.to_owned());
    }
    if let Some(date) = source.date {
        byline.push(date.to_string());
    }
    if byline.is_empty() {
        source.title.to_string()
    } else {
        format!("{} ({})", source.title, byline.join(", "))
    }
}

/// One JSON Lines object: the source as stored, with its kind, score and why first.
/// `typed`: some source matched as typed (else none is an answer, whatever its why).
fn json_line(source: &Source, hit: &search::SourceHit, typed: bool) -> String {
    let value = serde_json::json!({
        "kind": "source",
        "id": &*source.id,
        "label": label(source),
        "score": hit.score,
        "why": hit.why(),
        "as_typed": typed && hit.loose.is_none(),
        "record": source,
    });
    serde_json::to_string(&value).unwrap_or_default()
}
