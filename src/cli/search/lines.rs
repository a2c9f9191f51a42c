//! `shuibei search`'s rows on stdout: `kind<TAB>id<TAB>label` lines or JSON Lines with
//! positions and why each matched, formatted on every core a batch at a time.

use rayon::prelude::*;

use super::super::output::{Lines, Out};
use crate::data::db::Rec;
use crate::search::{self, Hit, Index, Records, Scope};

/// Hits formatted per task: enough that a task's overhead is small beside its work.
const CHUNK: usize = 2048;

/// Hits formatted before the first are written: few, so a reader that stops early
/// (`| head`) is not kept waiting for the whole list to be formatted.
const FIRST_BATCH: usize = 4 * CHUNK;

/// Hits formatted, on every core, before they are written; bounds the memory held.
const BATCH: usize = 64 * CHUNK;

/// `typed`: which rows answer as typed, and whether company forms were left out.
///
/// Lines are formatted in parallel, a batch of hits at a time, into [`Lines`] (which
/// sanitize as `Out` does), then written in order: hundreds of thousands of hits format
/// several times faster than one by one through `Out::line`.
pub(super) fn print(
    out: &mut Out,
    db: Records<'_>,
    index: &Index,
    hits: &[Hit],
    (typed, shortened): (&search::AsTyped, bool),
    (query, scope, json): (&str, Scope, bool),
) -> std::io::Result<()> {
    // Parsed once, for every line: a long output explained each row's reason from scratch.
    let parsed = json.then(|| {
        let explainer = if shortened {
            search::Explainer::shortened(query)
        } else {
            search::Explainer::new(query)
        };
        (search::Query::parse(query, scope), explainer)
    });
    let line_bytes = if parsed.is_some() { 400 } else { 100 };
    let format = |lines: &mut Lines, hit: &Hit| {
        if let Some(parsed) = &parsed {
            lines.json(&json_line(db, index, hit, (query, &parsed.0, &parsed.1), typed));
        } else {
            tsv_line(lines, db, hit);
        }
        lines.end();
    };
    let mut rest = hits;
    let mut batch = FIRST_BATCH;
    while !rest.is_empty() {
        let (now, later) = rest.split_at(batch.min(rest.len()));
        for lines in format_batch(now, line_bytes, &format) {
            out.lines(&lines)?;
        }
        rest = later;
        batch = BATCH;
    }
    out.flush()
}

/// The lines of `hits`, in their order, in parts to write one after the other.
///
/// They are made in record order, then gathered back into the hits' order: a record's
/// values are read from memory laid out by record, and hits ranked by score jump all
/// over it, so reading them in record order keeps neighbours in the cache (with hits
/// shuffled by their scores, formatting in rank order took three times as long).
fn format_batch(hits: &[Hit], line_bytes: usize, format: &(impl Fn(&mut Lines, &Hit) + Sync)) -> Vec<Lines> {
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.par_sort_unstable_by_key(|&i| hits[i].rec);
    // Each part holds the lines of a chunk of `order`, and where each of them ends.
    let parts: Vec<(Lines, Vec<usize>)> = order
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut lines = Lines::with_capacity(chunk.len() * line_bytes);
            let mut ends = Vec::with_capacity(chunk.len());
            for &i in chunk {
                format(&mut lines, &hits[i]);
                ends.push(lines.len());
            }
            (lines, ends)
        })
        .collect();
    // Where hit `i`'s line is: its part, its start and its end.
    let mut spans = vec![(0, 0, 0); hits.len()];
    for (p, ((_, ends), chunk)) in parts.iter().zip(order.chunks(CHUNK)).enumerate() {
        let mut start = 0;
        for (&i, &end) in chunk.iter().zip(ends) {
            spans[i] = (p, start, end);
            start = end;
        }
    }
    spans
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut lines = Lines::with_capacity(chunk.len() * line_bytes);
            for &(p, start, end) in chunk {
                lines.copy(&parts[p].0, start..end);
            }
            lines
        })
        .collect()
}

/// `kind<TAB>id<TAB>label`. The label is kept to its line; the id passes the sanitizer
/// as the whole line did when it was written through `Out::line` (the same bytes).
fn tsv_line(lines: &mut Lines, db: Records<'_>, hit: &Hit) {
    let (id, label) = db.id_and_label(hit.rec);
    lines.text(hit.rec.kind.as_str());
    lines.text("\t");
    lines.text(id);
    lines.text("\t");
    // The sanitizer replaces character by character: piece by piece is the same.
    label.each(&mut |piece| lines.one_line(piece));
}

/// Where the hit matched, in words: the detail's "why"; for what the detail leaves unsaid
/// (the highlight or the query shows it) "name", "Chinese name" or the fields the query's
/// `field:` terms name ("matched in location"); `null` only for an empty query.
fn why(
    db: Records<'_>,
    index: &Index,
    hit: &Hit,
    (query, explainer): (&search::Query, &search::Explainer),
) -> Option<String> {
    explainer
        .explain(index, db, hit.rec, hit.why)
        .or_else(|| match hit.why {
            search::Why::Name => Some("name".to_owned()),
            search::Why::ChineseName => Some("Chinese name".to_owned()),
            _ => {
                let fields = query.fields_named(hit.rec.kind);
                (!fields.is_empty()).then(|| format!("matched in {}", fields.join(", ")))
            }
        })
}

/// One JSON Lines object, its keys in this order. Serialized straight from the struct:
/// building a `serde_json::Value` map first cost more than the rest of the line.
#[derive(serde::Serialize)]
struct JsonHit<'a> {
    kind: &'a str,
    id: &'a str,
    name: Option<&'a str>,
    name_zh: Option<&'a str>,
    label: &'a str,
    score: i64,
    positions: &'a [usize],
    positions_zh: &'a [usize],
    why: Option<String>,
    as_typed: bool,
    /// Held only in a clause that negates it: a match, but no answer (`--as-typed` and
    /// `export --query` leave it out).
    negated: bool,
}

/// One JSON Lines object: what a script needs to show or follow the match.
fn json_line(
    db: Records<'_>,
    index: &Index,
    hit: &Hit,
    (query, parsed, explainer): (&str, &search::Query, &search::Explainer),
    typed: &search::AsTyped,
) -> String {
    let rec: Rec = hit.rec;
    let [name, zh] = search::names(db, rec);
    let marks = search::highlight(index, db, rec, query);
    let label = db.label(rec);
    let value = JsonHit {
        kind: rec.kind.as_str(),
        id: db.id(rec),
        name,
        name_zh: zh,
        label: &label,
        score: hit.score,
        positions: &marks.primary,
        positions_zh: &marks.chinese,
        why: why(db, index, hit, (parsed, explainer)),
        // A loose row among rows as typed (its characters apart, a spelling) is not one.
        // Nor is a row that holds the query only in a clause that negates it: the rows a
        // `select(.as_typed)` keeps are the ones `--as-typed` prints (a trial's screen let
        // five companies "not tied to Shuibei" in).
        as_typed: typed.holds(hit) && !matches!(hit.why, search::Why::Negated(_)),
        negated: matches!(hit.why, search::Why::Negated(_)),
    };
    serde_json::to_string(&value).unwrap_or_default()
}
