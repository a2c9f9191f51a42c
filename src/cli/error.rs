//! What a command ends with: an [`Outcome`] (exit 0, 1, or 128 + a signal) or a
//! [`CliError`] (exit 2). Each wing's error becomes a `CliError` here, worded for the
//! person at the terminal; `cli::main` turns either into the exit code.

use std::io;

use super::output::Out;
use crate::data::problems::LoadError;
use crate::explorer::ExplorerError;
use crate::serve::ServeError;
use crate::settings::ConfigError;

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
    /// `check` is the command that shows the problems again: `shuibei validate FILE`, or
    /// with `--add` layers the whole command line (a duplicate id across files is no
    /// problem of either file alone). Empty when the command is that check.
    /// `hint`: a line of advice said under the summary (`validate` on a file meant to be
    /// added to another dataset).
    #[error("cannot load {}: {}", .err.origin, load_summary(.err, .check))]
    Load {
        err: LoadError,
        check: String,
        hint: Option<String>,
    },
    #[error("{0}")]
    Usage(String),
    /// A registry export that could not be imported; nothing was written.
    #[error("{0}")]
    Import(crate::import::ImportError),
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
pub(super) fn is_whole_file(err: &LoadError) -> bool {
    matches!(err.problems.as_slice(), [p] if p.position.is_none() && p.path.is_none())
}

fn load_summary(err: &LoadError, check: &str) -> String {
    if is_whole_file(err) {
        return err.problems[0].message.clone();
    }
    let n = err.problems.len() + err.omitted;
    let (them, problems) = if n == 1 {
        ("it", "1 problem".to_owned())
    } else {
        ("them", format!("{} problems", crate::data::present::count(n)))
    };
    if check.is_empty() {
        // Said by the check itself (`shuibei validate`), to someone writing a dataset.
        format!("{problems}; fix {them} and run this check again (`shuibei format` describes the format)")
    } else {
        format!("{problems}; fix {them} and check again with `{check}`")
    }
}

impl CliError {
    /// The error on one line, for the explorer's status line: a dataset's first problem
    /// with its place, and how many more there are, rather than the count alone.
    pub(crate) fn one_line(&self) -> String {
        let CliError::Load { err, check, .. } = self else {
            return self.to_string().lines().next().unwrap_or_default().to_owned();
        };
        let Some(first) = err.problems.first() else {
            return self.to_string();
        };
        let place = match (&first.position, &first.path) {
            (Some((line, column)), _) => format!("line {line}, column {column}: "),
            (None, Some(path)) => format!("{path}: "),
            (None, None) => String::new(),
        };
        let more = err.problems.len() + err.omitted - 1;
        let more = match more {
            0 => String::new(),
            1 => "; 1 more problem".to_owned(),
            n => format!("; {} more problems", crate::data::present::count(n)),
        };
        let check = if check.is_empty() || is_whole_file(err) {
            String::new()
        } else {
            format!("; `{check}` lists every problem")
        };
        format!("{place}{}{more}{check}", first.message)
    }

    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> CliError {
        let context = context.into();
        move |source| CliError::Io { context, source }
    }
}

impl From<LoadError> for CliError {
    fn from(err: LoadError) -> Self {
        let check = format!("shuibei validate {}", err.origin);
        CliError::Load { err, check, hint: None }
    }
}

/// A bad config file is a usage error: its message names the file and says what to do.
impl From<ConfigError> for CliError {
    fn from(err: ConfigError) -> Self {
        CliError::Usage(err.to_string())
    }
}

/// The explorer's refusals are usage errors; its terminal failures are I/O errors, so a
/// terminal that went away ends quietly as a closed pipe does.
impl From<ExplorerError> for CliError {
    fn from(err: ExplorerError) -> Self {
        match err {
            ExplorerError::Io { context, source } => CliError::Io { context, source },
            other @ (ExplorerError::Keys(_) | ExplorerError::NotATerminal) => CliError::Usage(other.to_string()),
        }
    }
}

/// The lines under an import's refusal: notices and every row's problem, or what helps.
fn import_lines(err: &crate::import::ImportError) -> Vec<String> {
    use crate::import::ImportError;
    match err {
        ImportError::Refused { help, .. } => help.clone(),
        ImportError::Rows {
            problems,
            omitted,
            notices,
            ..
        } => {
            let mut lines: Vec<String> = notices.iter().map(|n| format!("shuibei: notice: {n}")).collect();
            lines.extend(problems.iter().cloned());
            if *omitted > 0 {
                lines.push(format!(
                    "and {} more problems (only the first {} are listed)",
                    crate::data::present::count(*omitted),
                    crate::data::problems::MAX_PROBLEMS
                ));
            }
            lines
        }
        ImportError::Write { .. } => Vec::new(),
    }
}

/// How many detail lines an error can have before its first line is said again under
/// them, as a summary (`shuibei: in all: …`).
const LONG_REPORT: usize = 20;

/// Prints an error on stderr: a `shuibei:` line, then any detail lines, all sanitized;
/// the first line again, as a summary, under a long list. The problems `shuibei validate` finds are what
/// it was asked for: they go to stdout (`validate --all FILE | grep owner`), the summary
/// stays on stderr.
pub(super) fn report(err: &CliError) {
    let mut stderr = Out::stderr();
    let head = format!("shuibei: {err}");
    let _ = stderr.line(&head);
    if let CliError::Load { hint: Some(hint), .. } = err {
        let _ = stderr.line(&format!("shuibei: {hint}"));
    }
    let _ = stderr.flush();
    let (lines, checked) = match err {
        CliError::Load { err: load, check, .. } if !is_whole_file(load) => {
            let more = if check.is_empty() {
                "; add --all to list every one".to_owned()
            } else {
                format!("; `{check} --all` lists every one")
            };
            (load.lines_with(&more), check.is_empty())
        }
        CliError::Import(import) => (import_lines(import), false),
        _ => (Vec::new(), false),
    };
    if checked {
        let mut stdout = Out::stdout();
        for line in &lines {
            if stdout.line(line).is_err() {
                // A closed pipe (`| head`): the rest is not wanted.
                break;
            }
        }
        let _ = stdout.flush();
    } else {
        for line in &lines {
            let _ = stderr.line(line);
        }
    }
    // Past a screenful the first line has scrolled away (the explorer prints these once
    // it gives the terminal back): what the problems add up to, and what to do, close too.
    // Said as a summary, so it does not read as the same message printed twice.
    if lines.len() > LONG_REPORT {
        let _ = stderr.line(&format!("shuibei: in all: {err}"));
    }
    let _ = stderr.flush();
}

/// The server's start-up problems are usage errors: each names the file or address and
/// says what to do.
impl From<ServeError> for CliError {
    fn from(err: ServeError) -> Self {
        match err {
            ServeError::Io { context, source } => CliError::Io { context, source },
            other => CliError::Usage(other.to_string()),
        }
    }
}

/// A tip for a flag of another command or tool typed where it means something else here
/// (`search --format json`, `export --csv`), in place of clap's (which reads
/// `--format` as a value wrongly placed): `None` for any other error.
/// `args`: the command line, for the value clap leaves out of its message
/// (`--format=csv` is reported as `--format`).
pub(super) fn clap_tip(err: &clap::Error, args: &[String]) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) else {
        return None;
    };
    let usage = usage.to_string();
    let command = usage
        .split_whitespace()
        .skip_while(|w| *w != "shuibei")
        .nth(1)
        .unwrap_or_default();
    let (flag, value) = match arg.split_once('=') {
        Some((flag, value)) => (flag, Some(value)),
        None => (arg.as_str(), None),
    };
    let typed = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix(flag).and_then(|rest| match rest.strip_prefix('=') {
            Some(value) => Some(value),
            None if rest.is_empty() => args.get(i + 1).map(String::as_str),
            None => None,
        })
    });
    tip(command, flag, value.or(typed))
}

/// The tip for `flag` (with `value` when written `--flag=value`) given to `command`.
fn tip(command: &str, flag: &str, value: Option<&str>) -> Option<String> {
    let format = match flag {
        "--format" => value.map(str::to_ascii_lowercase),
        "--csv" | "--json" | "--jsonl" | "--ndjson" | "--xlsx" | "--tsv" => Some(flag[2..].to_owned()),
        _ => return None,
    };
    let format = format.map(|f| if f == "ndjson" { "jsonl".to_owned() } else { f });
    match command {
        "search" => Some(match format.as_deref() {
            Some("csv" | "xlsx") => format!(
                "search prints tab-separated lines (kind, id, label), or JSON Lines with --json; for {0} \
                 export the rows: shuibei export --tab TAB --query QUERY --format {0}",
                format.as_deref().unwrap_or_default()
            ),
            Some("tsv" | "text" | "txt") => {
                "search prints tab-separated lines (kind, id, label) without a flag; --json prints JSON Lines"
                    .to_owned()
            }
            _ => "write --json: search prints JSON Lines (one object per match) with it, tab-separated lines without"
                .to_owned(),
        }),
        "show" => Some("show takes --json for JSON; without it, text".to_owned()),
        "export" => Some(match format.as_deref() {
            Some(f @ ("csv" | "json" | "jsonl")) => {
                format!("export takes the format as --format {f}, or from the output file's name: --output FILE.{f}")
            }
            Some("xlsx") => {
                "export takes the format as --format xlsx, or from the output file's name: --output FILE.xlsx \
                             (xlsx is binary: write it to a file)"
                    .to_owned()
            }
            _ => "export writes --format csv, json, jsonl or xlsx (or the format the --output file's extension names)"
                .to_owned(),
        }),
        _ => None,
    }
}
