//! `shuibei validate [FILE]`: load, check, and summarise in one line (with the datasets
//! laid over it, when `--add` names any).

use super::error::{CliError, Outcome};
use super::output::Out;
use super::settings::{Datasets, load_db};
use crate::data::model::RecordKind;
use crate::data::present::count;

/// Prints `ok: N history, N enterprises, N brands, N indicators, N sources`, then one
/// line per added dataset, or fails with every problem (reported by `cli::main`, exit 2).
pub(super) fn run(datasets: &Datasets) -> Result<Outcome, CliError> {
    let db = load_db(datasets)?;
    let counts: Vec<String> = RecordKind::ALL
        .iter()
        .map(|k| format!("{} {}", db.len(*k), k.section()))
        .chain(std::iter::once(format!("{} sources", db.sources().len())))
        .collect();
    let mut out = Out::stdout();
    let mut lines = vec![format!("ok: {}", counts.join(", "))];
    for layer in db.layers().iter().skip(1) {
        let added: Vec<String> = RecordKind::ALL
            .iter()
            .zip(layer.added)
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{} {}", count(n), k.section()))
            .collect();
        let mut line = format!(
            "  + {}: {}",
            layer.origin,
            if added.is_empty() {
                "no new records".to_owned()
            } else {
                added.join(", ")
            }
        );
        if layer.merged > 0 {
            line.push_str(&format!(
                ", {} merged into enterprises below by credit code",
                count(layer.merged)
            ));
        }
        lines.push(line);
    }
    lines
        .iter()
        .try_for_each(|line| out.line(line))
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to stdout"))?;
    Ok(Outcome::Done)
}
