//! `shuibei import FILE -o OUT.json`: a registry export becomes a dataset to lay over the
//! shipped one. The work is [`crate::import`]'s; this module refuses an output that is a
//! dataset the command line loads, and reports the rest: notices and skipped rows on
//! stderr, then one line saying what was written and how to open it.

use std::path::Path;

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::output::{Out, shell_word};
use super::settings;
use crate::data::present::count;
use crate::import::{self, Options};
use crate::settings::Origin;

pub(super) fn run(cli: &Cli, opts: &Options) -> Result<Outcome, CliError> {
    guard(cli, opts.output)?;
    let report = import::import(opts).map_err(CliError::Import)?;
    let mut err = Out::stderr();
    let mut lines: Vec<String> = report.notices.iter().map(|n| format!("shuibei: notice: {n}")).collect();
    lines.extend(report.problems.iter().cloned());
    if report.omitted > 0 {
        lines.push(format!("and {} more problems", count(report.omitted)));
    }
    // Rows imported without a value they held: the row is kept, the value said here.
    lines.extend(report.warnings.iter().map(|w| format!("shuibei: warning: {w}")));
    if report.warnings_omitted > 0 {
        lines.push(format!("and {} more warnings", count(report.warnings_omitted)));
    }
    let skipped = match report.skipped {
        0 => String::new(),
        1 => "; 1 row with problems left out".to_owned(),
        n => format!("; {} rows with problems left out", count(n)),
    };
    let output = report.output.display().to_string();
    let path = shell_word(&output);
    lines.push(format!(
        "shuibei: imported {} {} into {output}{skipped}; open it with: shuibei --add {path} (over the shipped data) or shuibei --data {path} (alone)",
        count(report.imported),
        if report.imported == 1 {
            "enterprise"
        } else {
            "enterprises"
        },
    ));
    lines
        .iter()
        .try_for_each(|line| err.line(line))
        .and_then(|()| err.flush())
        .map_err(CliError::io("writing to stderr"))?;
    Ok(Outcome::Done)
}

/// Refuses an output that is a dataset this command line loads (`--data`, `--add`,
/// `SHUIBEI_DATA`, `SHUIBEI_ADD`, the config file's `data` or `add`), as `export` does:
/// an import writes a whole new dataset, so `--add reg.json import new.csv -o reg.json`
/// would have replaced the 55 records of reg.json with the new file's 5. Paths are
/// compared once resolved, so `./reg.json` or a link to it is the same file. A path that
/// does not exist yet has nothing to lose.
fn guard(cli: &Cli, output: &Path) -> Result<(), CliError> {
    let Ok(target) = output.canonicalize() else {
        return Ok(());
    };
    let settings = settings::resolve(cli)?;
    let loaded = settings
        .data
        .value
        .iter()
        .map(|p| (p, settings.data.origin, "data"))
        .chain(settings.add.value.iter().map(|p| (p, settings.add.origin, "add")));
    for (path, origin, line) in loaded {
        if path.canonicalize().is_ok_and(|p| p == target) {
            let named = match origin {
                Origin::Flag(flag) => format!("by {flag}"),
                Origin::Env(var) => format!("by {var}"),
                Origin::ConfigFile => format!(
                    "by the config file's {line} line, in {}",
                    settings
                        .config_path
                        .as_ref()
                        .map_or_else(|| "the config file".to_owned(), |f| f.display().to_string())
                ),
                Origin::Default => "by default".to_owned(),
            };
            return Err(CliError::Usage(format!(
                "{} is a dataset this command loads (named {named}); choose another --output: an import writes a whole new dataset and never replaces one that is loaded (to renew this one, import to another file and move it over {} once checked)",
                output.display(),
                output.display(),
            )));
        }
    }
    Ok(())
}
