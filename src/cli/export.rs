//! `shuibei export`: the records of one tab, or the sources, as CSV, JSON, JSON Lines or
//! xlsx, to stdout or a file.
//!
//! Choosing the rows (the tab, `--query`) and reporting happen here; writing and
//! sanitizing are [`crate::export`]'s, the same code the explorer's `e` key calls.
//! Bytes for stdout leave through `export::write` with `Dest::Stdout`, which sanitizes
//! every field, so this module hands it the raw stdout rather than `Out`. `--output -`
//! is stdout too, as for most tools that take a file name.
//!
//! While a file is written, Ctrl-C (or `kill`, or a closed terminal) first removes the
//! partial file, then ends the process as the signal would have: see [`clean_up_on_signals`].

use std::io::{self, BufWriter, IsTerminal};
use std::path::Path;
use std::sync::atomic::{AtomicI32, Ordering};

use super::args::{ExportFormat, OneTab, SortChoice};
use super::error::{CliError, Outcome};
use super::filter::{self, Kept};
use super::output::Out;
use crate::data::db::Db;
use crate::export::{self, Dest, Format, Rows, Tab};
use crate::search;

/// Where `--output` writes, and what it must not replace.
pub(super) struct Output<'a> {
    pub path: &'a Path,
    /// `--force`: replace a file that does not hold this format.
    pub force: bool,
    /// The datasets loaded (`--data`, `--add`): never written over.
    pub inputs: &'a [&'a Path],
}

/// `run`'s rows: the tab, the query picking them, and their order (from [`order`]).
pub(super) type Selection<'a> = (OneTab, Option<&'a str>, SortChoice);

pub(super) fn run(
    db: &Db,
    (tab, query, order): Selection<'_>,
    kept: Option<&Kept>,
    format: Option<ExportFormat>,
    (target, flags): (Option<&Output<'_>>, &str),
) -> Result<Outcome, CliError> {
    // `-o -` is stdout, as if no --output were given (`./-` names a file called `-`).
    let target = target.filter(|t| t.path != Path::new("-"));
    let output = target.map(|t| t.path);
    let chosen = format.map(format_of);
    // Before the format: a directory's name has no extension to tell it by, and that is
    // not what is wrong.
    if let Some(path) = output
        && path.is_dir()
    {
        return Err(a_directory(path, tab, chosen));
    }
    let whole = codes_whole(query)?;
    let query = whole.as_deref().or(query);
    let format = pick_format(chosen, output)?;
    if let Some(target) = target {
        guard(target, format, export_tab(tab))?;
    }
    if format == Format::Xlsx && output.is_none() && io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "xlsx is a binary file and stdout is a terminal; add --output FILE.xlsx, or redirect: > FILE.xlsx".into(),
        ));
    }
    // Under --filter, an alternative found may be filtered out: none is said unfound.
    let (mut rows, Left { loose, negated }) = select(db, tab, query, kept.is_none())?;
    // `--filter`: the rows the explorer's filter keeps, of those (the same code).
    let found = rows.positions.len();
    if let Some(kept) = kept {
        let list = filter::lists(tab.kind().as_slice())[0];
        rows.positions.retain(|row| kept.keeps(list, *row));
    }
    let rows = ordered(db, tab, rows, order);
    // Like grep and `shuibei search`: nothing to export exits 1, so a script can tell
    // "nothing" from "something". On stdout the export is still well formed (a CSV
    // header, `[]`), which a pipeline reads without a special case; a file is not
    // written at all, so no empty file passes for a result (nor replaces an old one).
    if rows.is_empty() {
        let what = match query {
            // Rows were found, and the filter kept none of them.
            _ if found > 0 && kept.is_some() => filtered_out(found, query, kept),
            // Near spellings are a guess, not an answer: an export is passed on as one.
            // Every row mentions it only to say the record lacks it ("Shuibei not stated").
            Some(query) if negated > 0 && loose == 0 => format!(
                "shuibei: nothing matches --query {query} but in a clause that negates it; {}",
                left_out(negated, NEGATED, query, (tab, flags))
            ),
            // Both kinds left out are said: "as typed" alone would deny the negated rows.
            Some(query) if loose > 0 => {
                let near = left_out(
                    loose,
                    (
                        "1 near spelling or sound-alike is",
                        "near spellings or sound-alikes are",
                    ),
                    query,
                    (tab, flags),
                );
                if negated > 0 {
                    format!(
                        "shuibei: nothing matches --query {query} as typed but in a clause that negates it; {near}; {}",
                        left_out(negated, NEGATED, query, (tab, flags))
                    )
                } else {
                    format!("shuibei: nothing matches --query {query} as typed; {near}")
                }
            }
            Some(query) => tab
                .kind()
                .and_then(|kind| super::search::unheld_hint(db, search::Scope::One(kind), query))
                .map_or_else(
                    || nothing_matched(db, tab, query),
                    |hint| hint.replacen("nothing matched", &format!("nothing matched --query {query}"), 1),
                ),
            None => format!("shuibei: the dataset has no {}", rows.tab.section()),
        };
        let note = match output {
            Some(path) => format!("{what}; no file written to {}", path.display()),
            None => format!("{what}; the export is empty"),
        };
        if output.is_none() {
            export::write(db, &rows, format, Dest::Stdout, BufWriter::new(io::stdout().lock()))
                .map_err(CliError::io("writing to stdout"))?;
        }
        let mut err = Out::stderr();
        err.line(&note)
            .and_then(|()| err.flush())
            .map_err(CliError::io("writing to stderr"))?;
        return Ok(Outcome::NothingFound);
    }
    match output {
        None => {
            let stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
            export::write(db, &rows, format, Dest::Stdout, stdout).map_err(|err| {
                if err.kind() == io::ErrorKind::InvalidInput {
                    CliError::Usage(err.to_string())
                } else {
                    CliError::io("writing to stdout")(err)
                }
            })?;
        }
        Some(path) => {
            if let Some(signalled) = to_file(db, &rows, path, format)? {
                return Ok(signalled);
            }
        }
    }
    if let Some(query) = query {
        say_left(&Left { loose, negated }, query, (tab, flags))?;
    }
    Ok(Outcome::Done)
}

/// "None of the N rows (matching --query Q) passes --filter F".
/// The writer's format for `--format`'s choice.
fn format_of(f: ExportFormat) -> Format {
    match f {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Xlsx => Format::Xlsx,
    }
}

/// `--query` with a credit code copied in groups read whole (`None`: as it was), said
/// on stderr as `search` says it.
fn codes_whole(query: Option<&str>) -> Result<Option<String>, CliError> {
    let Some((query, said)) = query.and_then(crate::search::codes::written_whole) else {
        return Ok(None);
    };
    let mut err = Out::stderr();
    said.iter()
        .try_for_each(|line| err.line(line))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    Ok(Some(query))
}

fn filtered_out(found: usize, query: Option<&str>, kept: Option<&Kept>) -> String {
    let matching = query.map_or(String::new(), |q| format!(" matching --query {q}"));
    let n = if found == 1 {
        format!("the 1 row{matching}")
    } else {
        format!("the {} rows{matching}", crate::data::present::count(found))
    };
    format!(
        "shuibei: none of {n} passes --filter {}",
        kept.map(Kept::describe).unwrap_or_default()
    )
}

/// Says on stderr which rows a query found the export left out, beside rows it wrote.
fn say_left(left: &Left, query: &str, asked: (OneTab, &str)) -> Result<(), CliError> {
    let loose = (
        "1 row that does not match the query as typed (a sound-alike, or its characters apart) is",
        "rows that do not match the query as typed (sound-alikes, or its characters apart) are",
    );
    for (n, what) in [(left.loose, loose), (left.negated, NEGATED)] {
        if n > 0 {
            let mut err = Out::stderr();
            err.line(&format!("shuibei: {}", left_out(n, what, query, asked)))
                .and_then(|()| err.flush())
                .map_err(CliError::io("writing to stderr"))?;
        }
    }
    Ok(())
}

/// Rows a query found that the export leaves out, and why.
#[derive(Default)]
struct Left {
    /// No match as typed: near spellings, sound-alikes, characters apart.
    loose: usize,
    /// Holding a word of the query only in a clause that negates it: the record says it
    /// lacks what was asked for ("its tie to Shuibei is not stated").
    negated: usize,
}

/// What [`left_out`] calls rows that hold the query only in a clause that negates it.
const NEGATED: (&str, &str) = (
    "1 row that mentions it only in a clause that negates it (\"… not stated\") is",
    "rows that mention it only in a clause that negates it (\"… not stated\") are",
);

/// Writes the export to `path` and says so; `Signalled` when a signal ended it (its
/// handler removed the partial file and is ending the process).
fn to_file(db: &Db, rows: &Rows, path: &Path, format: Format) -> Result<Option<Outcome>, CliError> {
    clean_up_on_signals().map_err(CliError::io("setting up the handling of Ctrl-C"))?;
    let written = match export::to_file(db, rows, path, Some(format)) {
        Ok(written) => written,
        Err(err) if err.source.kind() == io::ErrorKind::Interrupted && SIGNALLED.load(Ordering::SeqCst) != 0 => {
            return Ok(Some(Outcome::Signalled(SIGNALLED.load(Ordering::SeqCst))));
        }
        Err(err) => return Err(file_error(&err)),
    };
    let mut err = Out::stderr();
    err.line(&written.message())
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    Ok(None)
}

/// The signal that interrupted an export to a file (0 until one did).
static SIGNALLED: AtomicI32 = AtomicI32::new(0);

/// Makes Ctrl-C, SIGTERM, SIGHUP and SIGQUIT remove the partial file of an export under
/// way before the process ends, as the signal would have ended it (so a shell or a
/// script sees the same death by SIGINT as before). A thread waits for the signal
/// (`signal-hook`'s iterator): no code runs in the signal handler itself. It stays for
/// the rest of the process, since removing it would leave these signals ignored.
fn clean_up_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            SIGNALLED.store(signal, Ordering::SeqCst);
            export::abandon_all();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            // Only if the default action could not be taken: the shells' code for it.
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// An export to a file that failed, with what to do about it.
fn file_error(err: &export::FileError) -> CliError {
    let advice = match err.source.kind() {
        io::ErrorKind::InvalidInput => return CliError::Usage(err.to_string()),
        // Worded with what to do already (a planted link, a name in the temporary's way).
        io::ErrorKind::PermissionDenied | io::ErrorKind::AlreadyExists if err.source.get_ref().is_some() => {
            return CliError::Usage(err.to_string());
        }
        // A device (`/dev/full`) is not full for want of space anyone can free.
        io::ErrorKind::StorageFull if std::fs::metadata(&err.path).is_ok_and(|m| !m.is_file()) => {
            "it is a device or pipe that takes no more; choose another --output"
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "free some space, or choose another --output",
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "check you may write there, or choose another --output"
        }
        io::ErrorKind::BrokenPipe => "whatever read it stopped reading; nothing more was written",
        // A dangling link's missing folder, a loop of links (the reason says which).
        io::ErrorKind::NotFound | io::ErrorKind::Other
            if std::fs::symlink_metadata(&err.path).is_ok_and(|m| m.file_type().is_symlink()) =>
        {
            "fix the link, or choose another --output"
        }
        _ => "check the directory exists and is writable, or choose another --output",
    };
    CliError::Usage(format!("{err}; {advice}"))
}

/// `--output DIR`: refused, with a file name in it to give instead.
fn a_directory(path: &Path, tab: OneTab, format: Option<Format>) -> CliError {
    let name = Path::new(&export::suggested_name(export_tab(tab), None))
        .with_extension(format.unwrap_or(Format::Csv).as_str());
    CliError::Usage(format!(
        "cannot write {}: is a directory; give a file name in it (--output {}), or choose another --output",
        path.display(),
        path.join(name).display()
    ))
}

/// The export's tab for the command line's.
fn export_tab(tab: OneTab) -> Tab {
    tab.kind().map_or(Tab::Sources, Tab::Records)
}

/// "N rows … are left out (`shuibei search QUERY` lists them)": `what` says one row and
/// many (after their count); `asked` is the tab and the dataset flags (` --add list.json`)
/// the command is to be run with.
fn left_out(n: usize, what: (&str, &str), query: &str, (tab, flags): (OneTab, &str)) -> String {
    let rows = if n == 1 {
        what.0.to_owned()
    } else {
        format!("{n} {}", what.1)
    };
    format!(
        "{rows} left out (`shuibei{flags} search {} --tab {}` lists {})",
        super::output::shell_word(query),
        tab.name(),
        if n == 1 { "it" } else { "them" }
    )
}

/// Refuses to write over a loaded dataset (ever), or, unless `--force`, over an existing
/// file that does not hold this format's export, or holds an export of another tab (the
/// Enterprises list a History export would silently replace): an export must not cost
/// the user a file.
fn guard(target: &Output<'_>, format: Format, tab: Tab) -> Result<(), CliError> {
    let path = target.path;
    // Nothing to lose: nothing there, a directory (refused already), or a FIFO, a device
    // or a socket, which the export is written into rather than replacing it. A link to
    // a file is judged by the file, which is what the export replaces.
    if !path.is_file() {
        return Ok(());
    }
    let same = |input: &&Path| match (input.canonicalize(), path.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if target.inputs.iter().any(same) {
        return Err(CliError::Usage(format!(
            "{} is a dataset this command loaded; choose another --output (an export never replaces its input)",
            path.display()
        )));
    }
    if target.force {
        return Ok(());
    }
    match export::existing(path, format) {
        export::Existing::Export(Some(held)) if held != tab => Err(CliError::Usage(format!(
            "{} holds an export of the {} tab; choose another --output, or add --force to replace it",
            path.display(),
            held.title()
        ))),
        export::Existing::Nothing | export::Existing::Export(_) => Ok(()),
        export::Existing::Other => Err(CliError::Usage(format!(
            "{} exists and does not look like a {} export; choose another --output, or add --force to replace it",
            path.display(),
            format.as_str()
        ))),
    }
}

/// The format: `--format`, else the --output file's extension, else CSV on stdout. A file
/// whose extension names no format, or another format than `--format`, is refused: a
/// `.json` file holding CSV (or an `.xlsx` holding CSV) only fails later, elsewhere.
fn pick_format(chosen: Option<Format>, output: Option<&Path>) -> Result<Format, CliError> {
    let by_name = output.and_then(Format::from_path);
    match (chosen, by_name, output) {
        (Some(chosen), Some(named), Some(path)) if chosen != named => Err(CliError::Usage(format!(
            "--format {} does not match the name {}; change the extension or drop --format",
            chosen.as_str(),
            path.display()
        ))),
        (None, None, Some(path)) => Err(CliError::Usage(unknown_format(path))),
        (Some(chosen), _, _) => Ok(chosen),
        (None, named, _) => Ok(named.unwrap_or(Format::Csv)),
    }
}

/// The formats `--format` takes, as its help lists them: "csv, json, jsonl or xlsx".
fn format_choices() -> String {
    use clap::ValueEnum;
    let names: Vec<String> = ExportFormat::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_owned()))
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// `--output` whose name tells no format, and what to do: `--format`, or (for a file to
/// be made, not a device, a pipe or a socket, whose name is not the user's to choose)
/// an extension that names one.
fn unknown_format(path: &Path) -> String {
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    let why = match ext {
        _ if special => " (a device, pipe or socket, not a file with an extension)".to_owned(),
        Some(ext) => format!(" (.{ext} is not one of {})", Format::EXTENSIONS),
        None => " (it has no extension)".to_owned(),
    };
    let or_rename = if special {
        String::new()
    } else {
        format!(", or end the name in {}", Format::EXTENSIONS)
    };
    format!(
        "cannot tell the format from the name {}{why}; add --format {}{or_rename}",
        path.display(),
        format_choices()
    )
}

/// The rows to export: all of the tab in file order, or the records matching the query,
/// best first (the same engine and ranking as `shuibei search` and the explorer); and how
/// many rows found were left out as no match as typed (near spellings, sound-alikes,
/// characters apart): all of them when nothing matched as typed. With `screen`, the
/// alternatives of a list query that find nothing are said (`search::unfound_line`).
fn select(db: &Db, tab: OneTab, query: Option<&str>, screen: bool) -> Result<(Rows, Left), CliError> {
    let Some(kind) = tab.kind() else {
        // Sources are searched by their titles, publishers, ids, addresses, files, dates and notes.
        let Some(query) = query else {
            return Ok((Rows::all(db, Tab::Sources), Left::default()));
        };
        let (hits, notice) = search::search_sources(db, query);
        if let Some(notice) = notice {
            // A record's field has a way out of its own; a malformed query is to be fixed.
            let tip = if notice.contains("searches records, not sources") {
                super::sources::field_tip(db, query, true)
            } else {
                "fix the --query".to_owned()
            };
            return Err(CliError::Usage(format!("{notice}; {tip}")));
        }
        // Only sound-alikes (`落户` spelled "Luohu"): as for records, none is an answer.
        if search::all_loose_sources(&hits) {
            let rows = Rows {
                tab: Tab::Sources,
                positions: Vec::new(),
            };
            return Ok((
                rows,
                Left {
                    loose: hits.len(),
                    negated: 0,
                },
            ));
        }
        // Beside answers as typed, the sound-alikes are left out too (and counted).
        let rows = Rows {
            tab: Tab::Sources,
            positions: hits.iter().filter(|h| h.loose.is_none()).map(|h| h.index).collect(),
        };
        let loose = hits.len() - rows.positions.len();
        return Ok((rows, Left { loose, negated: 0 }));
    };
    let Some(query) = query else {
        return Ok((Rows::all(db, Tab::Records(kind)), Left::default()));
    };
    let scope = search::Scope::One(kind);
    // What the query itself cannot say (a lone `!`, an unknown field) is to be fixed; a
    // note that company forms were left out (a registered name) is not.
    if let Some(notice) = search::Query::parse(query, scope).notice {
        return Err(CliError::Usage(format!("{notice}; fix the --query")));
    }
    let index = search::Index::build(db);
    let outcome = search::search(&index, db, scope, query, None);
    // Rows that are no answer as typed (near spellings, sound-alikes, characters apart)
    // are left out, and counted: a row alone would be passed on as an answer. Of a
    // registered name, the rows that match it without its company forms are answers.
    // So are the rows that hold a word of it only in a clause that negates it: the
    // record says it lacks what was asked for (`shuibei` in "its tie to Shuibei is not
    // stated"), and an exported row reads as a yes.
    let typed = search::AsTyped::of(query, scope, &outcome);
    let answers: Vec<&search::Hit> = outcome.hits.iter().filter(|h| typed.holds(h)).collect();
    let recs: Vec<crate::data::db::Rec> = answers
        .iter()
        .filter(|h| !matches!(h.why, search::Why::Negated(_)))
        .map(|h| h.rec)
        .collect();
    let left = Left {
        loose: outcome.hits.len() - answers.len(),
        negated: answers.len() - recs.len(),
    };
    // Words that only join the others, left out (`in`, `per`): said, as `search` says it.
    if !recs.is_empty()
        && !outcome.tolerant
        && let Some(notice) = outcome.notice.as_deref()
    {
        let mut err = Out::stderr();
        err.line(&format!("shuibei: --query {query:?}: {notice}"))
            .and_then(|()| err.flush())
            .map_err(CliError::io("writing to stderr"))?;
    }
    // A screen's alternatives that find nothing (`A | B | C`): said, as `search` says it.
    if screen
        && !recs.is_empty()
        && !outcome.tolerant
        && let Some(line) = super::search::unfound_line(&index, db.into(), scope, query, false)
    {
        let mut err = Out::stderr();
        err.line(&line)
            .and_then(|()| err.flush())
            .map_err(CliError::io("writing to stderr"))?;
    }
    if !recs.is_empty()
        && let Some(notice) = outcome.notice.as_deref().filter(|_| outcome.shortened)
    {
        let what = if search::Query::notice_leaves_words_out(notice) {
            "the rest"
        } else {
            "the words so read"
        };
        let mut err = Out::stderr();
        err.line(&format!(
            "shuibei: nothing matches --query {query:?} as typed; {notice}; exporting what matches {what} as typed"
        ))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    }
    Ok((Rows::records(kind, &recs), left))
}

/// The order of the export: `--sort`, else relevance with a query (the order `search`
/// and the explorer give its matches) and the dataset's order without one. Refused:
/// relevance without a query, which ranks nothing, and a date order on a tab without
/// dates.
pub(super) fn order(tab: OneTab, query: bool, sort: Option<SortChoice>) -> Result<SortChoice, CliError> {
    let default = if query { SortChoice::Relevance } else { SortChoice::File };
    match sort.unwrap_or(default) {
        SortChoice::Relevance if !query => Err(CliError::Usage(
            "--sort relevance ranks the matches of a --query; add one, or choose --sort date, newest or file".into(),
        )),
        SortChoice::Date | SortChoice::Newest if crate::explorer::tabs::date_column(explorer_tab(tab)).is_none() => {
            Err(CliError::Usage(format!(
                "the {} have no date to sort by; choose --sort {}file",
                tab.name(),
                if query { "relevance or " } else { "" }
            )))
        }
        sort => Ok(sort),
    }
}

/// The rows in the order chosen. Date orders are the explorer's own (History's `r`, the
/// other tabs' date column sorted with `s`), applied to the rows in dataset order, so
/// rows of one date keep the file's order whatever the query ranked first.
fn ordered(db: &Db, tab: OneTab, mut rows: Rows, order: SortChoice) -> Rows {
    let newest = match order {
        SortChoice::Relevance => return rows,
        SortChoice::File => {
            rows.positions.sort_unstable();
            return rows;
        }
        SortChoice::Date => false,
        SortChoice::Newest => true,
    };
    let mut positions = std::mem::take(&mut rows.positions);
    positions.sort_unstable();
    // A tab without dates keeps the file's order (`order` refused a date order for it).
    rows.positions =
        crate::explorer::app::order::by_date(db, explorer_tab(tab), newest, positions.clone()).unwrap_or(positions);
    rows
}

/// The explorer's tab for the command line's.
fn explorer_tab(tab: OneTab) -> crate::explorer::action::Tab {
    use crate::explorer::action::Tab as T;
    tab.kind().map_or(T::Sources, T::of)
}

/// "Nothing matched", and for a record tab the sources that hold the query, if any: a
/// word only the reports' titles hold (跑路) is found on the Sources tab.
fn nothing_matched(db: &Db, tab: OneTab, query: &str) -> String {
    let typed = tab.kind().map_or(0, |_| search::sources_as_typed(db, query));
    match typed {
        0 => format!("shuibei: nothing matched --query {query}"),
        1 => format!("shuibei: nothing matched --query {query}; 1 source holds it, and --tab sources exports it"),
        n => format!("shuibei: nothing matched --query {query}; {n} sources hold it, and --tab sources exports them"),
    }
}
