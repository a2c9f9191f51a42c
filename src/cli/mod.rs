//! The command line: clap definitions (`args`), dispatch, and the mapping of outcomes
//! to exit codes (0 success, 1 nothing found, 2 usage or data error; `error`).
//!
//! The top of the house: nothing imports it but `main.rs`. Each subcommand lives in its
//! own module and writes only through [`output::Out`], which sanitizes. Data is loaded
//! here, before anything touches the terminal; the explorer gets plain settings and a
//! dataset (`explore`).

mod args;
mod completions;
mod error;
mod explore;
mod export;
mod filter;
mod import;
mod man;
pub mod output;
mod search;
mod serve;
mod settings;
mod show;
mod sources;
mod validate;

use std::io;
use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command, ExportFormat, OneTab, ReliabilityChoice, SortChoice, TabChoice};
use error::report;
pub use error::{CliError, Outcome};
use output::Out;

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
        let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
        let text = match error::clap_tip(err, &args) {
            Some(tip) => with_tip(&text, &tip),
            None => text,
        };
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

/// Clap's message with `tip` in place of its own tips (`to pass '--format' as a value,
/// use '-- --format'`, wrong for `search --format json`): under the first line.
fn with_tip(text: &str, tip: &str) -> String {
    let mut lines: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("tip:")).collect();
    // The blank line clap left under a tip it gave: one blank line stays between parts.
    lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
    let tip = format!("  tip: {tip}");
    let at = 1.min(lines.len());
    lines.splice(at..at, ["", tip.as_str()]);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Says that `--rebuild-index` does nothing for a command that reads no index cache
/// (only `search` and the explorer do): the flag must not pass silently.
fn rebuild_without_cache(cli: &Cli) {
    if !cli.rebuild_index {
        return;
    }
    let command = match cli.command {
        Some(Command::Validate { .. }) => "validate",
        Some(Command::Show { .. }) => "show",
        Some(Command::Export { .. }) => "export",
        _ => return,
    };
    settings::notices(&[format!(
        "shuibei: --rebuild-index: `{command}` reads the dataset itself and uses no index cache \
         (only `search` and the explorer do)"
    )]);
}

/// What `validate` checks: a named FILE as it is, with only the layers this command line
/// adds (neither the config file nor the environment is consulted); else the datasets
/// every command uses.
fn checked(cli: &Cli, file: Option<&std::path::PathBuf>) -> Result<settings::Datasets, CliError> {
    match file {
        Some(file) => Ok(settings::Datasets {
            base: Some(file.clone()),
            add: cli.add.clone(),
        }),
        None => settings::datasets(cli),
    }
}

/// `search`: records through the engine (and its index cache), or the sources.
fn run_search(cli: &Cli, opts: &search::Options) -> Result<Outcome, CliError> {
    let datasets = settings::datasets(cli)?;
    if opts.tab == TabChoice::Sources {
        return sources::run(&datasets, opts);
    }
    search::run(&datasets, &settings::cache(cli, &crate::env::Env::from_process()), opts)
}

/// `export`: the dataset loaded, `--filter` read against it, the rows written.
fn run_export(
    cli: &Cli,
    selection: export::Selection<'_>,
    filters: &[(String, String)],
    format: Option<ExportFormat>,
    (output, force): (Option<&std::path::Path>, bool),
) -> Result<Outcome, CliError> {
    let datasets = settings::datasets(cli)?;
    let inputs = datasets.paths();
    let target = output.map(|path| export::Output {
        path,
        force,
        inputs: &inputs,
    });
    let db = settings::load_db(&datasets)?;
    let kept = filter::read(&db, &filter::lists(selection.0.kind().as_slice()), filters)?;
    export::run(
        &db,
        selection,
        kept.as_ref(),
        format,
        (target.as_ref(), &datasets.flags()),
    )
}

/// Runs a parsed command line.
///
/// # Errors
/// A [`CliError`] for usage, data and output failures.
pub fn run(cli: &Cli) -> Result<Outcome, CliError> {
    if cli.print_config {
        return settings::print(cli);
    }
    rebuild_without_cache(cli);
    match cli.command {
        None => explore::run(cli),
        Some(Command::Validate { ref file, all }) => validate::run(&checked(cli, file.as_ref())?, all),
        Some(Command::Show { ref id, json }) => show::run(&settings::datasets(cli)?, id, json),
        Some(Command::Search {
            ref query,
            tab,
            limit,
            json,
            as_typed,
            names,
            exact_name,
            stats,
            ref filter,
        }) => {
            let opts = search::Options {
                query,
                tab,
                limit: limit.map(std::num::NonZeroUsize::get),
                json,
                keep: search::Keep::from_flags(as_typed, names, exact_name),
                stats,
                filter,
                kept: None,
                flags: "",
            };
            run_search(cli, &opts)
        }
        Some(Command::Export {
            tab,
            ref query,
            ref filter,
            sort,
            format,
            ref output,
            force,
        }) => {
            let order = export::order(tab, query.is_some(), sort)?;
            run_export(
                cli,
                (tab, query.as_deref(), order),
                filter,
                format,
                (output.as_deref(), force),
            )
        }
        Some(Command::Serve {
            ref listen,
            ref host_key,
            ref authorized_keys,
            max_sessions,
            max_per_address,
            idle_timeout,
        }) => serve::run(
            cli,
            &serve::Flags {
                listen,
                host_key: host_key.as_deref(),
                authorized_keys: authorized_keys.as_deref(),
                max_sessions: max_sessions.get(),
                max_per_address: max_per_address.get(),
                idle_timeout,
            },
        ),
        Some(Command::Import {
            ref file,
            ref sheet,
            ref publisher,
            date,
            reliability,
            skip_invalid,
            ref output,
            force,
            ref source_id,
        }) => import::run(
            cli,
            &crate::import::Options {
                file,
                sheet: sheet.as_deref(),
                publisher: publisher.as_deref(),
                date,
                reliability: reliability.level(),
                skip_invalid,
                output,
                force,
                source_id: source_id.as_deref(),
                progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            },
        ),
        Some(Command::Completions { shell }) => completions::run(shell),
        Some(Command::Man) => man::run(),
        Some(Command::Format { example }) => man::format(example),
    }
}
