//! The command line: clap definitions, dispatch, and the mapping of outcomes to exit
//! codes (0 success, 1 nothing found, 2 usage or data error).
//!
//! Each subcommand lives in its own module and writes only through [`output::Out`], which
//! sanitizes. Data is loaded here, before anything touches the terminal.

mod export;
pub mod output;
mod search;
pub(crate) mod settings;
mod show;
mod validate;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::data::db::Db;
use crate::data::load;
use crate::data::problems::LoadError;
use crate::settings::{ColorChoice, ThemeChoice};
use output::Out;

/// Explore the Shenzhen gold and jewelry industry cluster base (Shuibei, Luohu) from a terminal.
///
/// Without a command, opens the interactive explorer on the shipped dataset (or --data FILE).
/// The same query engine serves the `search`, `show`, `validate` and `export` commands.
#[derive(Debug, Parser)]
#[command(name = "shuibei", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// Load this dataset (format shuibei/1) instead of the one built into the binary.
    #[arg(long, global = true, env = "SHUIBEI_DATA", value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// When to use colour in the explorer.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Colour theme of the explorer.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeChoice>,

    /// Print the effective settings (config file, environment, flags) and exit.
    #[arg(long)]
    pub print_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The query syntax, for `search --help` (the README and the help overlay say the same).
const QUERY_SYNTAX: &str = "\
Query syntax:
  gold jade        every term must match (in any order)
  zds zhoudasheng  Chinese names by pinyin initials or full pinyin; 周ds, zhou大生 mix them
  'word            exact: the characters together
  ^word  word$     starts with / ends with
  !word            leave out records containing it
  gold | silver    either term
  field:term       only in that field, e.g. ownership:private segment:gold year:2004
Case is ignored unless the term has a capital; fullwidth and halfwidth forms match.";

/// The syntax, then each tab's `field:` names, from the engine's own table.
fn query_help() -> String {
    use std::fmt::Write as _;
    let mut help = QUERY_SYNTAX.to_owned();
    for kind in crate::data::model::RecordKind::ALL {
        let names: Vec<String> = crate::search::fields(kind)
            .iter()
            .map(|(f, _)| format!("{f}:"))
            .collect();
        let _ = write!(help, "\nFields in {}: {}", kind.section(), names.join(" "));
    }
    help
}

/// `--limit`: a count of at least 1, said plainly when it is not.
fn parse_limit(text: &str) -> Result<std::num::NonZeroUsize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .and_then(std::num::NonZeroUsize::new)
        .ok_or_else(|| "write a whole number of at least 1".to_owned())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset file and print a one-line summary, or every problem found.
    Validate {
        /// The file to check (default: --data, else the shipped dataset).
        file: Option<PathBuf>,
    },
    /// Show one record (or source) with everything known about it and its sources.
    Show {
        /// The record's id, as `shuibei search` prints it.
        id: String,
        /// Print JSON: the record, its kind and the sources it cites.
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search records by name, Chinese name or pinyin; best matches first.
    ///
    /// Exit status: 0 when something matched, 1 when nothing did, 2 on error.
    #[command(after_long_help = query_help())]
    Search {
        /// The query; `--help` shows the syntax.
        query: String,
        /// Which records to search.
        #[arg(long, value_enum, default_value_t = TabChoice::All)]
        tab: TabChoice,
        /// Print at most N matches (N ≥ 1).
        #[arg(long, value_name = "N", value_parser = parse_limit)]
        limit: Option<std::num::NonZeroUsize>,
        /// Print JSON Lines: one object per match with kind, id, name, score and positions.
        #[arg(long)]
        json: bool,
        /// Print the time spent loading, indexing and matching to stderr.
        #[arg(long)]
        stats: bool,
    },
    /// Write the records of one tab (optionally filtered by a query) as CSV, JSON or JSON Lines.
    Export {
        /// Which records to export (one kind: each has its own columns).
        #[arg(long, value_enum)]
        tab: OneTab,
        /// Only the records matching this query, best first.
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// Output format (default: from the --output extension; csv on stdout).
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TabChoice {
    History,
    Enterprises,
    Brands,
    Indicators,
    All,
}

impl TabChoice {
    /// The record kinds this choice covers, in tab order.
    #[must_use]
    pub fn kinds(self) -> Vec<crate::data::model::RecordKind> {
        use crate::data::model::RecordKind;
        match self {
            TabChoice::History => vec![RecordKind::History],
            TabChoice::Enterprises => vec![RecordKind::Enterprise],
            TabChoice::Brands => vec![RecordKind::Brand],
            TabChoice::Indicators => vec![RecordKind::Indicator],
            TabChoice::All => RecordKind::ALL.to_vec(),
        }
    }
}

/// A tab for `export`: one kind of record, since CSV has one set of columns per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OneTab {
    History,
    Enterprises,
    Brands,
    Indicators,
}

impl OneTab {
    #[must_use]
    pub fn kind(self) -> crate::data::model::RecordKind {
        use crate::data::model::RecordKind;
        match self {
            OneTab::History => RecordKind::History,
            OneTab::Enterprises => RecordKind::Enterprise,
            OneTab::Brands => RecordKind::Brand,
            OneTab::Indicators => RecordKind::Indicator,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
}

/// What a finished command reports through its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 1: the command ran and found nothing (like grep).
    NothingFound,
    /// Ended by a signal (SIGTERM, SIGHUP, ...): exit 128 + the signal's number, as shells do.
    Signalled(i32),
}

/// Why a command failed; every variant exits with 2 unless noted.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("cannot load {}: {}", .0.origin, load_summary(.0))]
    Load(LoadError),
    #[error("{0}")]
    Usage(String),
    /// Broken pipes are not reported and exit 0: `shuibei search x | head -1` is normal use.
    #[error(
        "{context}: {}; check where the output goes (a full disk, a closed terminal) and try again",
        crate::export::reason(source)
    )]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
}

/// A problem about the file as a whole (missing, a directory, empty) is the message itself.
fn is_whole_file(err: &LoadError) -> bool {
    matches!(err.problems.as_slice(), [p] if p.position.is_none() && p.path.is_none())
}

fn load_summary(err: &LoadError) -> String {
    if is_whole_file(err) {
        return err.problems[0].message.clone();
    }
    match err.problems.len() + err.omitted {
        1 => format!(
            "1 problem; fix it and check again with `shuibei validate {}`",
            err.origin
        ),
        n => format!(
            "{n} problems; fix them and check again with `shuibei validate {}`",
            err.origin
        ),
    }
}

impl CliError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> CliError {
        let context = context.into();
        move |source| CliError::Io { context, source }
    }
}

impl From<LoadError> for CliError {
    fn from(err: LoadError) -> Self {
        CliError::Load(err)
    }
}

/// Parses the arguments, runs, and turns the result into an exit code. `main` calls only this.
#[must_use]
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err),
    };
    match run(&cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Signalled(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(255)),
        Err(CliError::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(2)
        }
    }
}

/// Prints clap's help, version or usage error. Errors take the `shuibei:` prefix every
/// other error has; help into a closed pipe (`shuibei --help | head -1`) ends quietly.
fn clap_exit(err: &clap::Error) -> ExitCode {
    let text = err.render().to_string();
    let (mut out, text) = if err.use_stderr() {
        let text = text
            .strip_prefix("error: ")
            .map_or(text.clone(), |rest| format!("shuibei: {rest}"));
        (Out::stderr(), text)
    } else {
        (Out::stdout(), text)
    };
    match out.raw(text.as_bytes()).and_then(|()| out.flush()) {
        Err(source) if source.kind() != io::ErrorKind::BrokenPipe => {
            report(&CliError::Io {
                context: "writing to stdout".into(),
                source,
            });
            ExitCode::from(2)
        }
        _ => ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2)),
    }
}

/// Prints an error on stderr: a `shuibei:` line, then any detail lines, all sanitized.
fn report(err: &CliError) {
    let mut stderr = Out::stderr();
    let _ = stderr.line(&format!("shuibei: {err}"));
    if let CliError::Load(load) = err
        && !is_whole_file(load)
    {
        for line in load.lines() {
            let _ = stderr.line(&line);
        }
    }
    let _ = stderr.flush();
}

/// Runs a parsed command line.
///
/// # Errors
/// A [`CliError`] for usage, data and output failures.
pub fn run(cli: &Cli) -> Result<Outcome, CliError> {
    if cli.print_config {
        return settings::print(cli);
    }
    match cli.command {
        None => crate::explorer::run::explore(cli),
        Some(Command::Validate { ref file }) => match file {
            Some(file) => validate::run(Some(file)),
            None => validate::run(settings::data(cli)?.as_deref()),
        },
        Some(Command::Show { ref id, json }) => show::run(&load_db(settings::data(cli)?.as_deref())?, id, json),
        Some(Command::Search {
            ref query,
            tab,
            limit,
            json,
            stats,
        }) => search::run(
            settings::data(cli)?.as_deref(),
            &search::Options {
                query,
                tab,
                limit: limit.map(std::num::NonZeroUsize::get),
                json,
                stats,
            },
        ),
        Some(Command::Export {
            tab,
            ref query,
            format,
            ref output,
        }) => export::run(
            &load_db(settings::data(cli)?.as_deref())?,
            tab,
            query.as_deref(),
            format,
            output.as_deref(),
        ),
        Some(Command::Completions { shell }) => {
            let mut out = Out::stdout();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "shuibei", &mut buf);
            out.raw(&buf).map_err(CliError::io("writing completions"))?;
            out.flush().map_err(CliError::io("writing completions"))?;
            Ok(Outcome::Done)
        }
        Some(Command::Man) => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buf)
                .map_err(CliError::io("rendering the manual"))?;
            let mut out = Out::stdout();
            out.raw(&buf).map_err(CliError::io("writing the manual"))?;
            out.flush().map_err(CliError::io("writing the manual"))?;
            Ok(Outcome::Done)
        }
    }
}

/// Loads `--data FILE` (or `SHUIBEI_DATA`), else the embedded dataset.
///
/// # Errors
/// Every problem of the file, as a [`CliError::Load`].
pub fn load_db(data: Option<&Path>) -> Result<Db, CliError> {
    Ok(match data {
        Some(path) => load::load_file(path)?,
        None => load::embedded()?,
    })
}
