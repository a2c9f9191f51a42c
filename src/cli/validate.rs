//! `shuibei validate [FILE]`: load, check, and summarise in one line (with the datasets
//! laid over it, when `--add` names any).

use std::fmt::Write as _;

use super::error::{CliError, Outcome};
use super::output::Out;
use super::settings::{Datasets, load_db};
use crate::data::model::RecordKind;
use crate::data::present::count;

/// Prints `ok: N history, N enterprises, N brands, N indicators, N sources`, then one
/// line per added dataset and a note naming the sources no record cites, or fails with every problem (reported by `cli::main`, exit 2).
pub(super) fn run(datasets: &Datasets, all: bool) -> Result<Outcome, CliError> {
    if all {
        crate::data::problems::list_every_problem();
    }
    // The advice to check again is this command itself: said without naming it.
    let db = load_db(datasets).map_err(|err| match err {
        CliError::Load { err, .. } => {
            let hint = layer_hint(datasets, &err);
            CliError::Load {
                err,
                check: String::new(),
                hint,
            }
        }
        other => other,
    })?;
    let counts: Vec<String> = RecordKind::ALL
        .iter()
        .map(|k| noun(db.len(*k), k.section(), false))
        .chain(std::iter::once(noun(db.sources().len(), "sources", false)))
        .collect();
    let mut out = Out::stdout();
    let mut lines = vec![format!("ok: {}", counts.join(", "))];
    for layer in db.layers().iter().skip(1) {
        lines.push(layer_line(layer));
        lines.extend(merged(&db, layer, all));
    }
    // A source nothing cites is allowed (a reading list kept with the data), but it is
    // often a citation that lost its way: a renamed id, a record removed.
    let citations = db.citations();
    let uncited: Vec<&str> = citations.uncited().map(|s| &*db.sources()[s].id).collect();
    if !uncited.is_empty() {
        const SHOWN: usize = 8;
        let mut ids = uncited.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
        if uncited.len() > SHOWN {
            ids.push_str(&format!(" and {} more", count(uncited.len() - SHOWN)));
        }
        lines.push(format!(
            "  note: {} no record cites: {} ({})",
            noun(uncited.len(), "sources", true),
            crate::sanitize::line(&ids),
            if uncited.len() == 1 {
                "cite it where it belongs, or remove it"
            } else {
                "cite them where they belong, or remove them"
            },
        ));
    }
    for c in db.conflicts() {
        lines.push(if c.both_kept {
            format!(
                "  conflict: {} {}: {} ({}) and {} ({}), both listed",
                c.record, c.field, c.kept, c.kept_from, c.other, c.other_from
            )
        } else {
            format!(
                "  conflict: {} {}: {} ({}) kept over {} ({})",
                c.record, c.field, c.kept, c.kept_from, c.other, c.other_from
            )
        });
    }
    for line in db.layers().iter().flat_map(|l| &l.alike) {
        lines.push(format!("  warning: {}", crate::sanitize::line(line)));
    }
    lines
        .iter()
        .try_for_each(|line| out.line(line))
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to stdout"))?;
    Ok(Outcome::Done)
}

/// One added file's line: what it added, merged and disagreed on.
fn layer_line(layer: &crate::data::db::Layer) -> String {
    // Beside merged ones, the records added are the new ones: "15 enterprises, 13
    // merged" read as 15 in all (a trial's list had 28).
    let new = if layer.merged > 0 { "new " } else { "" };
    let added: Vec<String> = RecordKind::ALL
        .iter()
        .zip(layer.added)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| {
            let said = noun(n, k.section(), true);
            match said.split_once(' ') {
                Some((n, what)) => format!("{n} {new}{what}"),
                None => said,
            }
        })
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
    if layer.merged > 0 && layer.by_name == 0 {
        line.push_str(&format!(
            ", {} merged into enterprises below by credit code",
            count(layer.merged)
        ));
    } else if layer.merged > 0 {
        line.push_str(&format!(
            ", {} merged into enterprises below ({} by credit code, {} by name)",
            count(layer.merged),
            count(layer.merged - layer.by_name),
            count(layer.by_name)
        ));
    }
    if !layer.conflicts.is_empty() {
        line.push_str(&format!(
            ", {} conflicting {}",
            count(layer.conflicts.len()),
            if layer.conflicts.len() == 1 { "value" } else { "values" }
        ));
    }
    line
}

/// Which of the layer's enterprises merged into which below, one line each (the first
/// [`MERGED_SHOWN`] unless `all`, then a count): "which of my companies are in the data?"
fn merged(db: &crate::data::db::Db, layer: &crate::data::db::Layer, all: bool) -> Vec<String> {
    const MERGED_SHOWN: usize = 20;
    let shown = if all { usize::MAX } else { MERGED_SHOWN };
    let mut lines: Vec<String> = layer
        .said
        .iter()
        .take(shown)
        .map(|s| {
            let below = &db.enterprises()[s.record];
            format!(
                "    merged: {} → {} ({}){}",
                crate::sanitize::line(&s.name),
                crate::sanitize::line(&below.id),
                crate::sanitize::line(&below.name),
                if s.by_name { ", by name" } else { ", by credit code" }
            )
        })
        .collect();
    if layer.said.len() > shown {
        lines.push(format!(
            "    … and {} more merged (validate --all lists every one)",
            count(layer.said.len() - shown)
        ));
    }
    lines
}

/// "1 enterprise", "2 enterprises", "1 history" (a section name in the plural, made
/// singular for one), the figure with thousands separators when `grouped`.
fn noun(n: usize, plural: &str, grouped: bool) -> String {
    match plural.strip_suffix('s') {
        Some(one) if n == 1 => format!("1 {one}"),
        _ if grouped => format!("{} {plural}", count(n)),
        _ => format!("{n} {plural}"),
    }
}

/// The id an "unknown id" problem names.
fn unknown_id(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown id \"")?;
    rest.split_once('"').map(|(id, _)| id).filter(|id| !id.ends_with('\\'))
}

/// Ids a file checked alone names but does not hold may be those of the dataset it is
/// meant to be added to, which it cannot know on its own: said when the built-in dataset
/// holds one of them (a typo in a dataset of its own is not sent to --add).
fn layer_hint(datasets: &Datasets, err: &crate::data::problems::LoadError) -> Option<String> {
    let unknown: Vec<&str> = err.problems.iter().filter_map(|p| unknown_id(&p.message)).collect();
    if !datasets.add.is_empty() || unknown.is_empty() {
        return None;
    }
    let built_in = crate::data::load::embedded().ok()?;
    let id = unknown.iter().find(|id| built_in.lookup(id).is_some())?;
    let mut hint = format!(
        "{id:?} is an id of the built-in dataset: a file of additions to it is checked with it: shuibei --add {} validate",
        super::output::shell_word(&err.origin)
    );
    // `--add` alone lays the file over the environment's or the config file's dataset,
    // when either names one: then that command would not check it over the built-in one.
    let env = crate::env::Env::from_process();
    if let Ok(settings) = crate::settings::Settings::resolve(crate::settings::Flags::default(), &env)
        && let Some(base) = settings.data.value
    {
        let _ = write!(
            hint,
            " (with the built-in dataset as the base: {} names {} now)",
            settings.data.origin,
            super::output::shell_word(&base.to_string_lossy())
        );
    }
    Some(hint)
}
