//! `shuibei search`: the query engine on the command line, with the TUI's ranking.
//!
//! Output: `kind<TAB>id<TAB>label` per match, best first, or JSON Lines with positions.
//! Exit 0 when something matched, 1 when nothing did (near spellings shown in its place
//! included), 2 on a usage or data error (a query
//! part the engine had to leave out is a usage error here: a script should not silently
//! get the results of a different query). `--stats` timings go to stderr.

use std::time::Instant;

use super::args::TabChoice;
use super::error::{CliError, Outcome};
use super::filter::Kept;
use super::output::Out;
use super::settings::{Datasets, load_db, notices, ticket};
use crate::data::model::RecordKind;
use crate::search::cache::{Cache, Mode, Warm};
use crate::search::{self, Index, Records, Scope};

mod codes;
mod hints;
mod left;
mod lines;
mod progress;
mod screen;

pub(super) use hints::unheld_hint;
use hints::{
    capital_hint, say, say_apart, say_beside_answers, say_id_elsewhere, say_not_as_typed, sources_hint, why_nothing,
};
use left::exact_names;
use progress::{announce, announce_indexing};
pub(super) use screen::unfound_line;

pub(super) struct Options<'a> {
    pub query: &'a str,
    pub tab: TabChoice,
    pub limit: Option<usize>,
    pub json: bool,
    /// Which rows are printed: all, only those as typed (`--as-typed`), or only the
    /// records named so (`--names`).
    pub keep: Keep,
    pub stats: bool,
    /// `--filter`, as typed.
    pub filter: &'a [(String, String)],
    /// The rows `--filter` keeps, once read against the data.
    pub kept: Option<&'a Kept>,
    /// The dataset flags this search was given (` --add list.json`), for the commands its
    /// hints offer to find what it said they find.
    pub flags: &'a str,
}

/// Which rows `search` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Every match, near spellings and loose rows after the answers.
    All,
    /// The matches as typed (`--as-typed`).
    AsTyped,
    /// The records whose own names hold the query as typed (`--names`).
    Names,
    /// The records whose name, Chinese name or an alias is the query (`--exact-name`,
    /// compared by `search::TypedName`).
    ExactName,
}

impl Keep {
    /// From `--as-typed`, `--names` and `--exact-name` (which imply it).
    pub(super) fn from_flags(as_typed: bool, names: bool, exact_name: bool) -> Keep {
        match (as_typed, names, exact_name) {
            (_, _, true) => Keep::ExactName,
            (_, true, false) => Keep::Names,
            (true, false, false) => Keep::AsTyped,
            (false, false, false) => Keep::All,
        }
    }
}

fn scope(tab: TabChoice) -> Scope {
    match tab {
        TabChoice::History => Scope::One(RecordKind::History),
        TabChoice::Enterprises => Scope::One(RecordKind::Enterprise),
        TabChoice::Brands => Scope::One(RecordKind::Brand),
        TabChoice::Indicators => Scope::One(RecordKind::Indicator),
        // The syntax is one (`cli` hands the sources to `cli::sources`).
        TabChoice::All | TabChoice::Sources => Scope::All,
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// `opts` with the query as searched (a credit code copied in groups read whole, and
/// said so: `codes::written_whole`) and the dataset flags for the hints' commands.
fn as_searched<'a>(opts: &Options<'a>, whole: Option<&'a (String, Vec<String>)>, flags: &'a str) -> Options<'a> {
    if let Some((_, said)) = whole {
        notices(said);
    }
    Options {
        query: whole.map_or(opts.query, |(query, _)| query.as_str()),
        flags,
        ..*opts
    }
}

pub(super) fn run(datasets: &Datasets, cache: &Cache, opts: &Options) -> Result<Outcome, CliError> {
    let whole = search::codes::written_whole(opts.query);
    let flags = datasets.flags();
    let opts = &as_searched(opts, whole.as_ref(), &flags);
    let scope = scope(opts.tab);
    // A malformed query is reported before the data is loaded: it costs nothing to check.
    if let Some(notice) = search::Query::parse(opts.query, scope).notice {
        return Err(CliError::Usage(format!("query {:?}: {notice}", opts.query)));
    }
    let started = Instant::now();
    let (ticket, uncached) = ticket(cache, datasets);
    notices(&Vec::from_iter(uncached));
    // A current cache file holds the index and every record's searchable values: the
    // dataset itself is then neither parsed nor held.
    // `--filter` reads the records themselves (the explorer's filter is asked of the
    // dataset, not of the index's packed values): the dataset is loaded.
    let damaged = if opts.filter.is_empty() {
        match cache.warm(ticket.as_ref()) {
            Warm::Found(found, said) => {
                let (index, packed) = *found;
                let timings = Timings {
                    load_ms: 0.0,
                    index_ms: ms(started),
                    how: "index and values read from the cache",
                };
                // What loading the layers said when the cache was written, said again.
                let said: Vec<String> = said.iter().map(|n| format!("shuibei: notice: {n}")).collect();
                let warmly = Warmly { said: &said };
                match answer(&index, &packed, opts, warmly)? {
                    Ok(answered) => {
                        std::mem::forget((index, packed));
                        return finish(&answered, &timings, opts);
                    }
                    // Nothing was printed: the search runs again on the dataset, which
                    // rebuilds the cache and says why.
                    Err(Retry::Damaged(why)) => {
                        announce_indexing(
                            ticket.as_ref(),
                            &format!("{{}}: its index cache {why}; indexing it again…"),
                        );
                        Some(why)
                    }
                    // Nothing was printed: the search runs again on the dataset, whose
                    // cache file is current.
                    Err(Retry::Records) => None,
                }
            }
            Warm::Missing if cache.mode() == Mode::Off => {
                // Nothing cached to say, but the wait is as long as a first search's.
                let files: Vec<&std::path::Path> = datasets.base.iter().chain(&datasets.add).map(|p| &**p).collect();
                let bytes = files.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
                let name = files
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" and ");
                announce(&name, bytes, "reading and indexing {} (--no-cache: nothing is kept)…");
                None
            }
            Warm::Missing => {
                announce_indexing(ticket.as_ref(), "indexing {} once; later searches read the cache…");
                None
            }
            Warm::Stale => {
                announce_indexing(ticket.as_ref(), "{} changed since it was indexed: indexing it again…");
                None
            }
            Warm::Damaged(why) => {
                announce_indexing(
                    ticket.as_ref(),
                    &format!("{{}}: its index cache {why}; indexing it again…"),
                );
                Some(why)
            }
        }
    } else {
        None
    };
    // The cache file needs the dataset's content hash: taken while the dataset loads.
    let mut ticket = ticket;
    if let Some(ticket) = ticket.as_mut() {
        ticket.hash_ahead();
    }
    let db = load_db(datasets)?;
    let kept = super::filter::read(&db, &super::filter::lists(&opts.tab.kinds()), opts.filter)?;
    let opts = &Options {
        kept: kept.as_ref(),
        ..*opts
    };
    let load_ms = ms(started);

    // The cache file is written while the query runs (see `Cache::index_while`): what the
    // stats say of the index is known once it is written.
    let started = Instant::now();
    let (answered, how, said) = cache.index_while(ticket.as_ref(), &db, damaged, |index, records| {
        let index_ms = ms(started);
        (answer(index, records, opts, Warmly::default()), index_ms)
    });
    notices(&said);
    let (answered, index_ms) = answered;
    // Values packed just now are all in memory: nothing to find damaged.
    let answered = answered?.map_err(|retry| match retry {
        Retry::Damaged(why) => CliError::Usage(format!("the index cache {why}")),
        Retry::Records => CliError::Usage("the search needs the dataset, which it was given".to_owned()),
    });
    let timings = Timings {
        load_ms,
        index_ms,
        how: how.as_str(),
    };
    // The process ends right after this: freeing a million records one by one would only
    // delay the exit (by a tenth of a second at that size), so the OS reclaims them.
    std::mem::forget(db);
    finish(&answered?, &timings, opts)
}

/// A warm search that found its cache file damaged while it read it (a chunk of values
/// read for the first time): why, and its answers are not given.
enum Retry {
    Damaged(String),
    /// Nothing matched as typed: the hints look in the sources' titles too
    /// (`hints::sources_hint`), which this cache file does not keep (they were too long).
    Records,
}

/// Why a search of the cache's packed values is to run again on the dataset, before
/// anything is printed.
fn retry(records: Records<'_>, outcome: &search::Outcome, opts: &Options) -> Option<Retry> {
    let Records::Packed(p) = records else {
        return None;
    };
    // A chunk the search could not read may hold records it missed. The hits' chunks are
    // read before anything is printed (their names were; the output reads their values).
    for hit in &outcome.hits {
        p.load(hit.rec);
    }
    if let Some(why) = p.damage() {
        return Some(Retry::Damaged(why.to_owned()));
    }
    // The hints then read the sources, which the cache file keeps beside the values
    // when they are not too long; read now, so that damage found in them is repaired
    // before anything is printed.
    let hinted = (outcome.matched == 0 || outcome.tolerant) && opts.tab != TabChoice::Sources;
    if hinted && !opts.query.trim().is_empty() && p.sources().is_none() {
        return Some(p.damage().map_or(Retry::Records, |why| Retry::Damaged(why.to_owned())));
    }
    None
}

/// What a search that reads the cache is given beside the query: what loading said when
/// the cache was written.
#[derive(Clone, Copy, Default)]
struct Warmly<'a> {
    said: &'a [String],
}

/// How long loading and opening the index took, for `--stats`.
struct Timings {
    load_ms: f64,
    index_ms: f64,
    how: &'static str,
}

/// `query` searched as `opts` asks (its tab, `--names`, `--exact-name`, `--as-typed`),
/// with what is kept of its answers: what is printed, for the query or another one a
/// hint offers (which must find what it says under the same flags).
fn searched(
    index: &Index,
    records: Records<'_>,
    opts: &Options,
    query: &str,
    limit: Option<usize>,
) -> (search::Outcome, search::AsTyped) {
    let scope = scope(opts.tab);
    let opts = Options { query, limit, ..*opts };
    // With `--filter` the limit is kept after the filter.
    let limit = opts.limit.filter(|_| opts.keep == Keep::All && opts.kept.is_none());
    let mut outcome = search::search(index, records, scope, query, limit);
    if opts.keep == Keep::ExactName {
        exact_names(index, records, scope, query, &mut outcome);
    }
    if let Some(kept) = opts.kept {
        outcome.hits.retain(|h| kept.keeps_rec(h.rec));
        if opts.keep == Keep::All {
            outcome.matched = outcome.hits.len();
            outcome.hits.truncate(opts.limit.unwrap_or(usize::MAX));
        }
    }
    let typed = search::AsTyped::of(query, scope, &outcome);
    keep(&mut outcome, index, records, &opts, &typed);
    (outcome, typed)
}

/// `--as-typed`: leaves out the rows that are no match as typed; `--names` also those
/// whose own names do not hold the query; then keeps `limit`. Rows not as typed rank below
/// every row as typed, so the rows kept are the best; the search ran without a limit, so
/// `matched` counts them all.
///
/// Of a search run again without company forms, the rows that match what is left as typed
/// are kept (`Chow Tai Fook Jewellery Group Limited` is the group, named without the
/// `Limited`); of other searches with typos, none.
fn keep(outcome: &mut search::Outcome, index: &Index, records: Records<'_>, opts: &Options, typed: &search::AsTyped) {
    if opts.keep == Keep::All {
        return;
    }
    // A row that holds the query only in a clause that negates it ("its tie to Shuibei
    // is not stated") is no answer either: `export --query` leaves it out too (a trial's
    // `--as-typed` listed DR among listed companies tied to Shuibei).
    outcome
        .hits
        .retain(|h| typed.holds(h) && !matches!(h.why, search::Why::Negated(_)));
    if outcome.hits.is_empty() {
        outcome.tolerant = false;
        outcome.shortened = false;
    }
    if opts.keep == Keep::Names {
        // A screen's rows each answer a side (`A | B`, searched side by side), with its
        // company forms left out or not.
        let sides = search::Query::parse(opts.query, scope(opts.tab)).sides;
        let explainers: Vec<search::Explainer> = if sides.is_empty() {
            vec![if outcome.shortened {
                search::Explainer::shortened(opts.query)
            } else {
                search::Explainer::new(opts.query)
            }]
        } else {
            sides
                .iter()
                .flat_map(|side| [search::Explainer::new(side), search::Explainer::shortened(side)])
                .collect()
        };
        // A credit code names its company as its name does (a screen's codes were left
        // out, unsaid, a trial found).
        outcome.hits.retain(|h| {
            matches!(h.why, search::Why::Field("code"))
                || explainers.iter().any(|e| e.in_names_only(index, records, h.rec, h.why))
        });
    }
    outcome.matched = outcome.hits.len();
    outcome.hits.truncate(opts.limit.unwrap_or(usize::MAX));
}

/// Whether rows were shown but none is an answer: each holds the query only in a clause
/// that negates it, or loosely. Such a search exits 1, as one that found only sound-alikes
/// does, so a script's `if shuibei search "$name shuibei"` never reads DR's "its tie to
/// Shuibei is not stated" as a yes (a trial).
fn no_answer(outcome: &search::Outcome, typed: &search::AsTyped) -> bool {
    let negated = |h: &search::Hit| matches!(h.why, search::Why::Negated(_));
    outcome.hits.iter().any(negated) && !outcome.hits.iter().any(|h| typed.holds(h) && !negated(h))
}

/// "Nothing matches", and how the query was read besides as typed, when it was (`read
/// "arrests" as "arrest…"`, `left out "in"`): the search line of the explorer says so too.
/// Under `--tab`, only that tab's records were searched: said so ("no brand matches").
fn nothing_line(scope: Scope, query: &str, outcome: &search::Outcome) -> String {
    let nothing = left::nothing_matches(scope, query);
    match &outcome.notice {
        Some(notice) => format!("shuibei: {nothing}, nor so read: {notice}"),
        None => format!("shuibei: {nothing}"),
    }
}

/// Under `--tab`, when nothing there matched: the records of other tabs that answer the
/// query as typed under the same flags, if any (`'shui bei' --tab brands`: no brand
/// holds it, enterprises do). Not with `--filter`, whose facets are the tab's own.
fn other_tabs(index: &Index, records: Records<'_>, opts: &Options) -> Option<String> {
    let scope = scope(opts.tab);
    if scope == Scope::All || opts.kept.is_some() || opts.query.trim().is_empty() {
        return None;
    }
    let every = Options {
        tab: TabChoice::All,
        ..*opts
    };
    let (all, typed) = searched(index, records, &every, opts.query, None);
    let answers = all
        .hits
        .iter()
        .filter(|h| typed.holds(h) && !matches!(h.why, search::Why::Negated(_)))
        .count();
    left::other_tabs_line(scope, opts.query, answers)
}

/// What [`answer`] did, for the stats and the exit status.
struct Answered {
    match_ms: f64,
    print_ms: f64,
    matched: usize,
    searched: usize,
    /// How much the index and the values held, said by the stats.
    held: String,
    /// Nothing matched as typed: no hits, or only near spellings and sound-alikes (exit
    /// status 1 either way, so a script is never told "yes" for a name that is absent).
    nothing: bool,
}

/// A registered name typed in full (`深圳市金龙珠宝有限公司`) that rows hold as typed, with
/// words between (`深圳市金龙珠宝首饰有限公司`): none of them is the company, and a screen
/// reading the exit status took it for one (a trial). Said when no row shown is named so.
/// A screen (`A | B`) is said of each registered name no row is named.
fn say_not_named(records: Records<'_>, opts: &Options, outcome: &search::Outcome) {
    if opts.keep == Keep::ExactName || outcome.hits.is_empty() {
        return;
    }
    let sides = search::Query::parse(opts.query, scope(opts.tab)).sides;
    let unnamed = |name: &str| {
        let typed = search::TypedName::of(name);
        search::carries_company_form(name) && !outcome.hits.iter().any(|h| typed.names(records, h.rec))
    };
    if sides.is_empty() {
        if unnamed(opts.query) {
            say(&format!(
                "shuibei: no row shown is named {:?} (company forms and leading places aside), they hold its words; `--exact-name` keeps only records named so",
                opts.query.trim()
            ));
        }
        return;
    }
    let names: Vec<String> = sides
        .iter()
        .filter(|side| unnamed(side))
        .map(|side| format!("{side:?}"))
        .collect();
    if !names.is_empty() {
        say(&format!(
            "shuibei: no row shown is named {} (company forms and leading places aside); `--exact-name` keeps only records named so",
            names.join(" or ")
        ));
    }
}

/// Runs the query over `records`, prints the hits and the hints about them; prints
/// nothing when the packed values turn out damaged.
fn answer<'a>(
    index: &Index,
    records: impl Into<Records<'a>>,
    opts: &Options,
    warmly: Warmly<'_>,
) -> Result<Result<Answered, Retry>, CliError> {
    let records = records.into();
    let scope = scope(opts.tab);
    let started = Instant::now();
    let (outcome, typed) = searched(index, records, opts, opts.query, opts.limit);
    let match_ms = ms(started);
    // Looked up before the damage check: it may read another tab's chunk.
    let elsewhere = search::id_elsewhere(index, records, scope, opts.query);
    if let Some(retry) = retry(records, &outcome, opts) {
        return Ok(Err(retry));
    }
    notices(warmly.said);

    let started = Instant::now();
    let mut out = Out::stdout();
    let written = lines::print(
        &mut out,
        records,
        index,
        &outcome.hits,
        (&typed, outcome.shortened),
        (opts.query, scope, opts.json),
    );
    let print_ms = ms(started);
    let held = match records {
        Records::Packed(p) => {
            let (read, chunks) = p.chunks_read();
            format!(
                "; index {:.1} MB, values {:.1} MB (names, and the values of {read} of {chunks} chunks)",
                mb(index.heap_bytes()),
                mb(p.heap_bytes())
            )
        }
        Records::Db(_) => format!("; index {:.1} MB", mb(index.heap_bytes())),
    };
    let nothing = outcome.matched == 0;
    // Matches that `--filter` left none of: said so, and no hint speaks of the query.
    let filtered_out = nothing && say_filtered_out(index, records, opts);
    let (exact_none, left_out) = if nothing && !filtered_out {
        say_left_out(index, records, opts)
    } else {
        (false, false)
    };
    let nothing_hinted = nothing && !exact_none && !filtered_out && !left_out;
    if outcome.tolerant && !nothing {
        say_not_as_typed(&outcome, &typed, opts.query);
    }
    if !nothing && !outcome.tolerant {
        say_beside_rows(index, records, opts, &outcome);
    }
    if nothing_hinted
        && let Some(hint) = capital_hint(opts.query, opts.keep == Keep::All, |lower| {
            let (lowered, typed) = searched(index, records, opts, lower, Some(1));
            (lowered.matched > 0).then(|| typed.any(&lowered))
        })
    {
        say(&hint);
    }
    elsewhere.inspect(|kind| say_id_elsewhere(*kind, opts.query, nothing || outcome.tolerant));
    let mut explained = elsewhere.is_some() || (nothing_hinted && search::lowercased(opts.query).is_some());
    if nothing_hinted
        && let Some(line) = codes::code_line(index, records, scope, opts.query)
            .or_else(|| unfound_line(index, records, scope, opts.query, false))
    {
        say(&line);
        explained = true;
    }
    if nothing_hinted {
        explained |= why_nothing(records, scope, opts.query);
        if !explained && let Some(lone) = search::lone_words(index, records, scope, opts.query) {
            say(&nothing_line(scope, opts.query, &outcome));
            say(&format!("shuibei: {}", left::in_tab(scope, &lone.said())));
            explained = true;
        }
    } else if !nothing && !explained && !typed.any(&outcome) && say_apart(index, records, scope, opts.query) {
        explained = true;
    } else if outcome.tolerant
        && let Some(hint) = search::query::hint(opts.query)
    {
        // Near spellings, perhaps of what the exclusion meant to leave out.
        say(&format!("shuibei: {hint}"));
    }
    if (nothing_hinted || outcome.tolerant)
        && let Some(hint) = sources_hint(records, (opts.tab, opts.query, opts.flags), nothing)
    {
        say(&hint);
        explained = true;
    }
    // Nothing matched is said on stderr, wherever it goes: silence read as a broken
    // search in three trials whose stderr was no terminal. Stdout stays empty for
    // scripts, which have the exit status.
    if nothing_hinted && !explained {
        say(&nothing_line(scope, opts.query, &outcome));
    }
    if nothing_hinted && let Some(line) = other_tabs(index, records, opts) {
        say(&line);
    }
    let answered = Answered {
        match_ms,
        print_ms,
        matched: outcome.matched,
        searched: outcome.searched,
        held,
        // Hits found only after company forms were left out count when one matches what
        // is left as typed (no typo, not loose): `Chow Tai Fook Jewellery Group Limited`
        // is the group, `深圳市水贝黄金交易所有限公司` no answer.
        nothing: nothing || (outcome.tolerant && !typed.any(&outcome)) || no_answer(&outcome, &typed),
    };
    // Freed by the OS at exit, which comes next (see `run`).
    std::mem::forget(outcome);
    written.map_err(CliError::io("writing to stdout"))?;
    Ok(Ok(answered))
}

/// What is said beside rows found as typed: words of the query left out, what the rows
/// hold it in, a registered name none of them has, a screen's alternatives none of them
/// is.
fn say_beside_rows(index: &Index, records: Records<'_>, opts: &Options, outcome: &search::Outcome) {
    let scope = scope(opts.tab);
    // Words that only join the others, left out (`in`, `the`): said, not hidden.
    outcome.notice.iter().for_each(|n| say(&format!("shuibei: {n}")));
    say_beside_answers(index, records, scope, opts.query, outcome);
    say_not_named(records, opts, outcome);
    // Under --filter, an alternative found may have been filtered out: not said.
    if opts.kept.is_none()
        && let Some(line) = unfound_line(index, records, scope, opts.query, opts.keep == Keep::ExactName)
    {
        say(&line);
    }
}

/// When `--names`, `--as-typed` or `--exact-name` kept none of the rows: what a search
/// without the flag finds, said, never denied (`--names 周生生`: four price figures
/// mention it). Whether `--exact-name` found none, and whether a line on what the flag
/// left out was said (then "nothing matches" would be false).
fn say_left_out(index: &Index, records: Records<'_>, opts: &Options) -> (bool, bool) {
    if opts.keep == Keep::All {
        return (false, false);
    }
    let scope = scope(opts.tab);
    let every = Options {
        keep: Keep::All,
        ..*opts
    };
    let (all, typed) = searched(index, records, &every, opts.query, None);
    let several = search::Query::parse(opts.query, scope).clauses.len() > 1;
    let found = left::Found::of(&all, &typed, several);
    if opts.keep == Keep::ExactName {
        // A screen of alternatives, none named so: each named, a mistyped code said; a
        // mistyped code alone said as `search` says it.
        let line = unfound_line(index, records, scope, opts.query, true)
            .or_else(|| codes::code_line(index, records, scope, opts.query))
            .unwrap_or_else(|| left::exact_line(scope, opts.query, &found, opts.flags));
        say(&line);
        return (true, false);
    }
    let flag = if opts.keep == Keep::Names {
        "--names"
    } else {
        "--as-typed"
    };
    let line = left::flag_line(flag, scope, opts.query, &found);
    line.as_deref().inspect(|line| say(line));
    (false, line.is_some())
}

/// Whether `--filter` left none of the query's matches, and said so.
fn say_filtered_out(index: &Index, records: Records<'_>, opts: &Options) -> bool {
    let Some(kept) = opts.kept else {
        return false;
    };
    let unfiltered = Options { kept: None, ..*opts };
    let (all, _) = searched(index, records, &unfiltered, opts.query, None);
    if all.matched == 0 {
        return false;
    }
    let n = crate::data::present::count(all.matched);
    let (matching, s) = if all.matched == 1 {
        ("matches", "")
    } else {
        ("match", "s")
    };
    if opts.query.trim().is_empty() {
        say(&format!(
            "shuibei: none of the {n} record{s} passes --filter {}",
            kept.describe()
        ));
    } else {
        say(&format!(
            "shuibei: {n} record{s} {matching} {:?}, none passing --filter {}",
            opts.query,
            kept.describe()
        ));
    }
    true
}

/// The stats (`--stats`), once the index's story is complete, and the exit status.
fn finish(a: &Answered, t: &Timings, opts: &Options) -> Result<Outcome, CliError> {
    if opts.stats {
        let mut err = Out::stderr();
        err.line(&format!(
            "shuibei: stats: load {:.1} ms, index {:.1} ms ({}), match {:.1} ms, \
             output {:.1} ms; {} of {} records matched{}",
            t.load_ms, t.index_ms, t.how, a.match_ms, a.print_ms, a.matched, a.searched, a.held,
        ))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    }
    Ok(if a.nothing {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

#[allow(clippy::cast_precision_loss)] // a size in megabytes for a person
fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}
