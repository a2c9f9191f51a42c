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
    let kept = super::filter::read(&db, &[crate::data::facets::List::Sources], opts.filter)?;
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let (mut hits, notice) = search::search_sources(&db, opts.query);
    // `--as-typed`: sound-alikes and syllables apart are left out, as for records.
    if opts.keep != super::search::Keep::All {
        hits.retain(|h| h.loose.is_none());
    }
    // `--filter`: the sources the explorer's filter keeps (the same code).
    if let Some(kept) = &kept {
        hits.retain(|h| kept.keeps(crate::data::facets::List::Sources, h.index));
    }
    let match_ms = started.elapsed().as_secs_f64() * 1000.0;
    // A field of records (`year:2024`): no source has it, and a script must not take
    // "nothing" for an answer to the query it meant.
    if let Some(notice) = notice {
        if !notice.contains("searches records, not sources") {
            return Err(CliError::Usage(format!("query {:?}: {notice}", opts.query)));
        }
        let tip = field_tip(&db, opts.query, false);
        return Err(CliError::Usage(format!("query {:?}: {notice}; {tip}", opts.query)));
    }
    // Only sound-alikes (`落户` spelled "Luohu"): no source answers the query as typed,
    // and a script must not read the rows as a "yes" (exit 1, as for records).
    let all_loose = search::all_loose_sources(&hits);
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
    // Rows that are no answer as typed: sound-alikes (`落户` spelled "Luohu") and a name's
    // syllables apart (`zhou sheng sheng`), all of them (nothing as typed) or some.
    let counted = |rows: &[search::SourceHit]| {
        let apart = rows
            .iter()
            .filter(|h| h.loose == Some(search::Why::SyllablesApart))
            .count();
        (rows.iter().filter(|h| h.loose.is_some()).count() - apart, apart)
    };
    let (sound, apart) = if all_loose { counted(&hits) } else { counted(shown) };
    // `it` is the query, or its words; `one` whether one row is spoken of.
    let what = |it: &str, one: bool| {
        let (sounds, holds) = if one { ("sounds", "holds") } else { ("sound", "hold") };
        match (sound > 0, apart > 0) {
            (true, false) => {
                format!("only {sounds} like {it}, its Chinese spelled in Latin letters (--json's \"why\" says where)")
            }
            (false, true) => format!("{holds} the query's syllables, not read together (--json's \"why\" says so)"),
            _ => {
                format!("only {sounds} like {it} or {holds} the query's syllables apart (--json's \"why\" says which)")
            }
        }
    };
    let said = if all_loose {
        let n = hits.len();
        Some(format!(
            "nothing matches {:?} as typed; the {n} shown {}",
            opts.query,
            what("it", n == 1)
        ))
    } else if hits.is_empty() {
        // Said wherever stderr goes, as for records: silence read as a broken search.
        Some(format!("no source matches {:?}", opts.query))
    } else if sound + apart > 0 {
        let it = format!("{:?}", opts.query);
        let k = sound + apart;
        Some(format!("{k} of the {} shown {}", shown.len(), what(&it, k == 1)))
    } else {
        None
    };
    if let Some(said) = said {
        let mut err = Out::stderr();
        err.line(&format!("shuibei: {said}"))
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

/// What to do instead of a `field:` term, which sources do not have (`date:2025-10`):
/// for `date:` and `year:` with one value, the value as a plain word, which a source's
/// date answers (with how many sources it finds, or that it finds none); for other
/// fields, the word without its field; and the records' tabs, which have the field.
/// `export`: said for `export --query` rather than `search`.
pub(super) fn field_tip(db: &crate::data::db::Db, query: &str, export: bool) -> String {
    let records = if export {
        "export a tab of records, which has it"
    } else {
        "drop --tab sources to search the records, which have it"
    };
    // The first term written `field:value` (the one the notice names).
    let words: Vec<&str> = query.split_whitespace().collect();
    let Some((at, field, value)) = words.iter().enumerate().find_map(|(i, w)| {
        let (field, value) = w.split_once(':')?;
        (!field.is_empty() && field.chars().all(char::is_alphabetic)).then_some((i, field, value))
    }) else {
        return format!("write its words without a field, or {records}");
    };
    let plain =
        !value.is_empty() && !value.contains(['"', '“', '”', '＂', '|', '<', '>', '=']) && !value.contains("..");
    let dated = matches!(field.to_ascii_lowercase().as_str(), "date" | "year");
    if !plain {
        return format!("sources have no fields, and {value:?} reads as no word of theirs; {records}");
    }
    let mut plain_words = words.clone();
    plain_words[at] = value;
    let instead = plain_words.join(" ");
    let (found, notice) = search::search_sources(db, &instead);
    let found = found.iter().filter(|h| h.loose.is_none()).count();
    let command = if export {
        format!("--query {}", super::output::shell_word(&instead))
    } else {
        format!("`shuibei search {} --tab sources`", super::output::shell_word(&instead))
    };
    let what = if dated {
        "a source's date is one of its words"
    } else {
        "a source's words are searched without fields"
    };
    match (notice, found) {
        // Another field term follows: one at a time is enough to say.
        (Some(_), _) => format!("{what}: write {value} without `{field}:`, or {records}"),
        (None, 0) => format!("{what}, but {command} finds no source either; {records}"),
        (None, 1) => format!("{what}: {command} finds the 1 source that holds it, or {records}"),
        (None, n) => format!("{what}: {command} finds the {n} sources that hold it, or {records}"),
    }
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
