//! `shuibei search`: the query engine on the command line, with the TUI's ranking.
//!
//! Output: `kind<TAB>id<TAB>label` per match, best first, or JSON Lines with positions.
//! Exit 0 when something matched, 1 when nothing did, 2 on a usage or data error (a query
//! part the engine had to leave out is a usage error here: a script should not silently
//! get the results of a different query). `--stats` timings go to stderr.

use std::fmt::Write as _;
use std::time::Instant;

use serde_json::json;

use super::args::TabChoice;
use super::error::{CliError, Outcome};
use super::output::Out;
use super::settings::{Datasets, load_db, notices, ticket};
use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;
use crate::data::present;
use crate::sanitize;
use crate::search::cache::Cache;
use crate::search::{self, Hit, Index, Scope};

pub(super) struct Options<'a> {
    pub query: &'a str,
    pub tab: TabChoice,
    pub limit: Option<usize>,
    pub json: bool,
    pub stats: bool,
}

fn scope(tab: TabChoice) -> Scope {
    match tab {
        TabChoice::History => Scope::One(RecordKind::History),
        TabChoice::Enterprises => Scope::One(RecordKind::Enterprise),
        TabChoice::Brands => Scope::One(RecordKind::Brand),
        TabChoice::Indicators => Scope::One(RecordKind::Indicator),
        TabChoice::All => Scope::All,
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

pub(super) fn run(datasets: &Datasets, cache: &Cache, opts: &Options) -> Result<Outcome, CliError> {
    let scope = scope(opts.tab);
    // A malformed query is reported before the data is loaded: it costs nothing to check.
    if let Some(notice) = search::Query::parse(opts.query, scope).notice {
        return Err(CliError::Usage(format!("query {:?}: {notice}", opts.query)));
    }
    let started = Instant::now();
    let (ticket, uncached) = ticket(cache, datasets);
    notices(&Vec::from_iter(uncached));
    let db = load_db(datasets)?;
    let load_ms = ms(started);

    let started = Instant::now();
    let opened = cache.index(ticket.as_ref(), &db);
    let index_ms = ms(started);
    notices(&opened.notices);
    let (index, how) = (opened.index, opened.how);

    let started = Instant::now();
    let outcome = search::search(&index, &db, scope, opts.query, opts.limit);
    let match_ms = ms(started);

    let started = Instant::now();
    let mut out = Out::stdout();
    let written = print(&mut out, &db, &index, &outcome.hits, opts);
    let print_ms = ms(started);
    if opts.stats {
        let mut err = Out::stderr();
        err.line(&format!(
            "shuibei: stats: load {load_ms:.1} ms, index {index_ms:.1} ms ({}), match {match_ms:.1} ms, \
             output {print_ms:.1} ms; {} of {} records matched; index {:.1} MB",
            how.as_str(),
            outcome.matched,
            outcome.searched,
            mb(index.heap_bytes()),
        ))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    }
    // The process ends right after this: freeing a million records one by one would only
    // delay the exit (by a tenth of a second at that size), so the OS reclaims them.
    let nothing = outcome.matched == 0;
    std::mem::forget(outcome);
    std::mem::forget(index);
    std::mem::forget(db);
    written.map_err(CliError::io("writing to stdout"))?;
    Ok(if nothing { Outcome::NothingFound } else { Outcome::Done })
}

#[allow(clippy::cast_precision_loss)] // a size in megabytes for a person
fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn print(out: &mut Out, db: &Db, index: &Index, hits: &[Hit], opts: &Options) -> std::io::Result<()> {
    let mut line = String::new();
    for hit in hits {
        line.clear();
        if opts.json {
            out.json(&json_line(db, index, hit, opts.query))?;
        } else {
            let _ = write!(
                line,
                "{}\t{}\t{}",
                hit.rec.kind,
                db.id(hit.rec),
                sanitize::line(&present::label(db, hit.rec))
            );
            out.line(&line)?;
        }
    }
    out.flush()
}

/// One JSON Lines object: what a script needs to show or follow the match.
fn json_line(db: &Db, index: &Index, hit: &Hit, query: &str) -> String {
    let rec: Rec = hit.rec;
    let [name, zh] = search::names(db, rec);
    let marks = search::highlight(index, db, rec, query);
    let value = json!({
        "kind": rec.kind.as_str(),
        "id": db.id(rec),
        "name": name,
        "name_zh": zh,
        "label": present::label(db, rec),
        "score": hit.score,
        "positions": marks.primary,
        "positions_zh": marks.chinese,
        "why": hit.why.explain(db, rec),
    });
    serde_json::to_string(&value).unwrap_or_default()
}
