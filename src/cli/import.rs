//! `shuibei import FILE -o OUT.json`: a registry export becomes a dataset to lay over the
//! shipped one. The work is [`crate::import`]'s; this module reports it: notices and
//! skipped rows on stderr, then one line saying what was written and how to open it.

use super::error::{CliError, Outcome};
use super::output::{Out, shell_word};
use crate::data::present::count;
use crate::import::{self, Options};

pub(super) fn run(opts: &Options) -> Result<Outcome, CliError> {
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
        "shuibei: imported {} {} into {output}{skipped}; open it with: shuibei --add {path} (over the shipped data) or shuibei --data {path} (alone: an export imported back keeps its ids)",
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
