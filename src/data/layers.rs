//! Datasets laid together (`--add FILE`): a base (the built-in dataset or `--data`) and
//! any number of files over it, read into one [`Db`] that every command and the
//! explorer use alike.
//!
//! Each added file is checked as a dataset of its own, except that its references may
//! name records of the layers below it and its ids must not clash with theirs. An added
//! enterprise with the credit code of one below is the same organisation and becomes
//! one record: the lower one's text and sources stay, the added one's fields fill what
//! it leaves blank, and both sources are listed. The added record's id keeps answering
//! (`shuibei show` finds the merged record by either id).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use crate::data::check;
use crate::data::db::{Conflict, Db, Layer, Parts, PersonSaid, Rec, Said};
use crate::data::load;
use crate::data::model::{Dataset, Enterprise, RecordKind, Registry, Source, Text, is_cjk};
use crate::data::problems::{LoadError, Problem};
use matching::{Matches, matching};

/// Loads the base (`None`: the built-in dataset) and lays each of `adds` over it, in order.
///
/// # Errors
/// The first file that cannot be read or checked, with every problem found in it;
/// an id used in two files names both.
pub fn load(base: Option<&Path>, adds: &[PathBuf]) -> Result<Db, LoadError> {
    load_counted(base, adds, &AtomicU64::new(0))
}

/// [`load`], adding the bytes read from the files to `count` as it goes (the explorer's
/// loading screen shows how far it has got).
///
/// # Errors
/// As [`load`].
pub fn load_counted(base: Option<&Path>, adds: &[PathBuf], count: &AtomicU64) -> Result<Db, LoadError> {
    let mut db = match base {
        Some(path) => load::load_file_counted(path, count)?,
        None => load::embedded()?,
    };
    for path in adds {
        db = add_counted(db, path, count)?;
    }
    Ok(db)
}

/// Lays one dataset file over `below`.
///
/// # Errors
/// The file's problems; the same file given twice.
pub fn add(below: Db, path: &Path) -> Result<Db, LoadError> {
    add_counted(below, path, &AtomicU64::new(0))
}

fn add_counted(below: Db, path: &Path, count: &AtomicU64) -> Result<Db, LoadError> {
    let origin = path.display().to_string();
    let file = path.canonicalize().ok();
    if let Some(earlier) = below.layers().iter().find(|l| file.is_some() && l.file == file) {
        return Err(LoadError::single(
            &origin,
            Problem::whole_file(format!(
                "is already loaded (as {}); give each dataset once",
                earlier.origin
            )),
        ));
    }
    if let Some(kind) = registry_export(path) {
        let stem = path.file_stem().map_or_else(|| "OUT".into(), |s| s.to_string_lossy());
        return Err(LoadError::single(
            &origin,
            Problem::whole_file(format!(
                "this looks like a {kind} registry export, not a dataset; convert it with `shuibei import {origin} -o {stem}.json`, then --add {stem}.json"
            )),
        ));
    }
    let layer = load::layer_file(path, &below, count)?;
    let same_ids = same_ids(&below, &layer);
    Ok(merge(below.into_parts(), layer, &same_ids, origin, file))
}

/// The added enterprises (by index) whose id is that of an enterprise below (its own, or
/// one merged into it) that the checks took for the same organisation
/// ([`check::same_by_id`]), and that enterprise's index: they are merged into it.
fn same_ids(below: &Db, layer: &Dataset) -> hashbrown::HashMap<usize, usize> {
    layer
        .enterprises
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match below.lookup(&e.id)? {
            crate::data::db::Target::Record(rec) if rec.kind == RecordKind::Enterprise => {
                check::same_by_id(e, &below.enterprises()[rec.idx()]).then_some((i, rec.idx()))
            }
            _ => None,
        })
        .collect()
}

/// "CSV" or "Excel" when the file's name says it is a spreadsheet, which `--add` cannot
/// read but `shuibei import` can.
fn registry_export(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "tsv" => Some("CSV"),
        "xlsx" | "xls" | "xlsm" => Some("Excel"),
        _ => None,
    }
}

/// Appends `layer` to the datasets below, merging enterprises that share a credit code.
fn merge(
    below: Parts,
    mut layer: Dataset,
    same_ids: &hashbrown::HashMap<usize, usize>,
    origin: String,
    file: Option<PathBuf>,
) -> Db {
    let Parts {
        mut data,
        mut layers,
        mut merged,
    } = below;
    let start = [
        data.sources.len(),
        data.history.len(),
        data.enterprises.len(),
        data.brands.len(),
        data.indicators.len(),
    ];
    let Matches {
        pairs: matches,
        by_name,
        notices,
        alike,
    } = matching(&data.enterprises, &layer.enterprises, same_ids, &origin);
    follow_merges(&mut layer, &data.enterprises, &matches);
    let mut joined = vec![false; layer.enterprises.len()];
    let mut joined_ids = Vec::new();
    let mut conflicts = Vec::new();
    let mut set = Vec::new();
    let mut said = Vec::new();
    for &(mine, theirs, by_name) in &matches {
        joined[mine] = true;
        let added = std::mem::replace(&mut layer.enterprises[mine], placeholder());
        if added.id != data.enterprises[theirs].id {
            merged.insert(added.id.clone(), Rec::new(RecordKind::Enterprise, theirs));
            joined_ids.push(added.id.clone());
        }
        let mut told = join(
            &mut data.enterprises[theirs],
            theirs,
            added,
            (&layer.sources, &layers, &origin),
            (&mut conflicts, &mut set),
        );
        told.by_name = by_name;
        said.push(told);
    }
    let before = layer.enterprises.len();
    let kept: Vec<Enterprise> = std::mem::take(&mut layer.enterprises)
        .into_iter()
        .zip(&joined)
        .filter_map(|(e, j)| (!j).then_some(e))
        .collect();
    let merged_here = before - kept.len();
    let added = [
        layer.history.len(),
        kept.len(),
        layer.brands.len(),
        layer.indicators.len(),
    ];
    let sources = layer.sources.len();
    data.sources.append(&mut layer.sources);
    data.history.append(&mut layer.history);
    data.enterprises.extend(kept);
    data.brands.append(&mut layer.brands);
    data.indicators.append(&mut layer.indicators);
    layers.push(Layer {
        origin,
        added,
        sources,
        merged: merged_here,
        by_name,
        notices,
        alike,
        conflicts,
        set,
        joined: joined_ids,
        said,
        start,
        file,
    });
    let ids = check::ids_of(&data);
    Db::with_layers(data, ids, layers, merged)
}

/// References to an enterprise of `layer` that is merged away (`matches`: added, below)
/// now name the one below it joins.
fn follow_merges(layer: &mut Dataset, below: &[Enterprise], matches: &[(usize, usize, bool)]) {
    let renamed: hashbrown::HashMap<&str, &str> = matches
        .iter()
        .filter_map(|&(mine, theirs, _)| {
            let (from, to) = (&*layer.enterprises[mine].id, &*below[theirs].id);
            (from != to).then_some((from, to))
        })
        .collect();
    let mut owners: Vec<(usize, Text)> = Vec::new();
    if !renamed.is_empty() {
        for (i, brand) in layer.brands.iter().enumerate() {
            if let Some(to) = brand.owner.as_deref().and_then(|o| renamed.get(o)) {
                owners.push((i, (*to).into()));
            }
        }
        for event in &mut layer.history {
            if event.related.iter().any(|r| renamed.contains_key(&**r)) {
                event.related = event
                    .related
                    .iter()
                    .map(|r| renamed.get(&**r).map_or_else(|| r.clone(), |to| (*to).into()))
                    .collect();
            }
        }
    }
    drop(renamed);
    for (i, owner) in owners {
        layer.brands[i].owner = Some((&*owner).into());
    }
}

/// Joins the added enterprise to `base` (enterprise `theirs` below): its registry, its
/// founding date and location, its people, then the blanks it fills; returns what the
/// added file said, for the detail to mark.
fn join(
    base: &mut Enterprise,
    theirs: usize,
    mut added: Enterprise,
    (sources, layers, origin): (&[Source], &[Layer], &str),
    (conflicts, set): (&mut Vec<Conflict>, &mut Vec<(usize, &'static str)>),
) -> Said {
    let (title, label) = label(&added, sources, origin);
    let mut told = Said {
        record: theirs,
        name: added.name_zh.as_deref().unwrap_or(&added.name).into(),
        by_name: false,
        label,
        title,
        people: Vec::new(),
    };
    join_registry(base, theirs, &added, (layers, origin), (&mut *conflicts, &mut *set));
    join_described(base, theirs, &added, (layers, origin), (&mut *conflicts, &mut *set));
    // The blanks the added record fills are its file's word, marked in the detail.
    for (field, blank) in [
        ("founded", base.founded.is_none() && added.founded.is_some()),
        ("location", base.location.is_none() && added.location.is_some()),
        ("kind", base.kind.is_none() && added.kind.is_some()),
        ("ownership", base.ownership.is_none() && added.ownership.is_some()),
    ] {
        if blank {
            set.push((theirs, field));
        }
    }
    let record = base.id.clone();
    let below_origin = |person: usize| person_origin(layers, theirs, person);
    people::join(
        &mut base.people,
        std::mem::take(&mut added.people),
        (&record, &below_origin, origin),
        conflicts,
        &mut told,
    );
    fill(base, added);
    told
}

/// Lays the added record's registry over the one below (`base`, enterprise `idx`),
/// noting each field it replaced as a conflict and each field it set.
fn join_registry(
    base: &mut Enterprise,
    idx: usize,
    added: &Enterprise,
    (layers, origin): (&[Layer], &str),
    (conflicts, set): (&mut Vec<Conflict>, &mut Vec<(usize, &'static str)>),
) {
    let filled = blanks(base.registry.as_deref(), added.registry.as_deref());
    set.extend(filled.into_iter().map(|f| (idx, f)));
    if let (Some(mine), Some(theirs)) = (base.registry.as_deref_mut(), added.registry.as_deref()) {
        for (field, below, above) in overlay(mine, theirs) {
            conflicts.push(Conflict {
                record: base.id.clone(),
                field,
                kept: above,
                kept_from: origin.to_owned(),
                other: below,
                other_from: field_origin(layers, idx, field),
                both_kept: false,
            });
            set.push((idx, field));
        }
    }
}

/// The founding date, the location and the Chinese name of the added record beside the
/// ones below, which `fill` keeps: a date that only makes the one below more precise
/// (2014, then 2014-06-18) replaces it; a date, a location or a name that differs is kept
/// below and noted as a conflict, so the added value is shown beside it, never dropped
/// unsaid.
fn join_described(
    base: &mut Enterprise,
    idx: usize,
    added: &Enterprise,
    (layers, origin): (&[Layer], &str),
    (conflicts, set): (&mut Vec<Conflict>, &mut Vec<(usize, &'static str)>),
) {
    let mut differs = |field: &'static str, kept: String, other: String| {
        conflicts.push(Conflict {
            record: base.id.clone(),
            field,
            kept,
            kept_from: field_origin(layers, idx, field),
            other,
            other_from: origin.to_owned(),
            both_kept: false,
        });
    };
    if let (Some(below), Some(above)) = (base.founded, added.founded)
        && below != above
    {
        if refines(above, below) {
            base.founded = Some(above);
            set.push((idx, "founded"));
        } else if !refines(below, above) {
            differs("founded", below.to_string(), above.to_string());
        }
    }
    if let (Some(below), Some(above)) = (base.location.as_deref(), added.location.as_deref())
        && below != above
    {
        differs("location", below.to_owned(), above.to_owned());
    }
    // A registry that names the company otherwise (renamed since, or the layer below
    // wrote it otherwise): the name below stays and the other joins the aliases
    // (`fill`), said here so that a rename is never taken in silently.
    if let (Some(below), Some(above)) = (base.name_zh.as_deref(), added.name_zh.as_deref())
        && matching::place_key(below) != matching::place_key(above)
        && !base.aliases.iter().any(|a| **a == *above)
    {
        differs("name_zh", below.to_owned(), above.to_owned());
    }
}

/// Whether `fine` is a more precise form of `coarse`: the same year (and month, when
/// `coarse` names one), with more of it given.
fn refines(fine: crate::data::model::Date, coarse: crate::data::model::Date) -> bool {
    fine.year() == coarse.year()
        && match (coarse.month(), coarse.day()) {
            (None, _) => fine.month().is_some(),
            (Some(m), None) => fine.month() == Some(m) && fine.day().is_some(),
            (Some(_), Some(_)) => false,
        }
}

/// The file that gave the value of `field` on enterprise `idx` below: the last layer
/// that set it, else the layer the record comes from.
fn field_origin(layers: &[Layer], idx: usize, field: &str) -> String {
    layers
        .iter()
        .rev()
        .find(|l| l.set.iter().any(|&(i, f)| i == idx && f == field))
        .or_else(|| layers.iter().rev().find(|l| l.start[2] <= idx))
        .map_or_else(String::new, |l| l.origin.clone())
}

/// The file that named person `person` of enterprise `idx` below: the layer that added
/// it, else the layer the record comes from.
fn person_origin(layers: &[Layer], idx: usize, person: usize) -> String {
    layers
        .iter()
        .rev()
        .find(|l| {
            l.said
                .iter()
                .any(|s| s.record == idx && s.people.contains(&(person, PersonSaid::Added)))
        })
        .or_else(|| layers.iter().rev().find(|l| l.start[2] <= idx))
        .map_or_else(String::new, |l| l.origin.clone())
}

/// How the detail names what an added record says: its first source of its own file,
/// by title and with the source's date (`counterparties.csv, 2026-03-20`), else the
/// file's name; the title alone, then that.
fn label(added: &Enterprise, sources: &[Source], origin: &str) -> (String, String) {
    let cited = added
        .sources
        .iter()
        .find_map(|c| sources.iter().find(|s| *s.id == *c.source));
    if let Some(s) = cited {
        let title = s.title.to_string();
        let label = s.date.map_or_else(|| title.clone(), |date| format!("{title}, {date}"));
        return (title, label);
    }
    let name = Path::new(origin)
        .file_name()
        .map_or_else(|| origin.to_owned(), |n| n.to_string_lossy().into_owned());
    (name.clone(), name)
}

/// Each registry field with a value: its name in the format and the value as text.
fn registry_values(r: &Registry) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut put = |field: &'static str, value: Option<String>| {
        if let Some(v) = value {
            out.push((field, v));
        }
    };
    put(
        "registry.credit_code",
        r.credit_code.as_ref().map(|c| c.as_str().to_owned()),
    );
    put("registry.status", r.status.map(|s| s.as_str().to_owned()));
    put(
        "registry.capital",
        r.capital.as_ref().map(|c| format!("{} {}", c.amount, &*c.currency)),
    );
    put("registry.legal_form", r.legal_form.as_deref().map(str::to_owned));
    put("registry.industry", r.industry.as_deref().map(str::to_owned));
    put("registry.province", r.province.as_deref().map(str::to_owned));
    put("registry.city", r.city.as_deref().map(str::to_owned));
    put("registry.district", r.district.as_deref().map(str::to_owned));
    put("registry.address", r.address.as_deref().map(str::to_owned));
    put("registry.scope", r.scope.as_deref().map(str::to_owned));
    put("registry.phone", r.phone.as_deref().map(str::to_owned));
    put("registry.website", r.website.as_deref().map(str::to_owned));
    out
}

/// The registry fields `above` sets that `below` leaves blank.
fn blanks(below: Option<&Registry>, above: Option<&Registry>) -> Vec<&'static str> {
    let Some(above) = above else { return Vec::new() };
    let have: Vec<&str> = below
        .map(registry_values)
        .unwrap_or_default()
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    registry_values(above)
        .into_iter()
        .map(|(f, _)| f)
        .filter(|f| !have.contains(f))
        .collect()
}

/// Lays `above`'s registry values over `below`'s where both are set and differ (later
/// `--add` wins); returns each such field with the value replaced and the value kept.
fn overlay(below: &mut Registry, above: &Registry) -> Vec<(&'static str, String, String)> {
    let old = registry_values(below);
    let new = registry_values(above);
    let mut changed = Vec::new();
    for (field, value) in new {
        if let Some((_, was)) = old.iter().find(|(f, v)| *f == field && *v != value) {
            changed.push((field, was.clone(), value));
        }
    }
    if changed.is_empty() {
        return changed;
    }
    let mut merged = above.clone();
    merged.fill_from(below);
    *below = merged;
    changed
}

fn placeholder() -> Enterprise {
    Enterprise {
        id: "".into(),
        name: "".into(),
        name_zh: None,
        aliases: Box::new([]),
        kind: None,
        ownership: None,
        segments: Box::new([]),
        founded: None,
        location: None,
        listings: Box::new([]),
        people: Box::new([]),
        registry: None,
        summary: None,
        tags: Box::new([]),
        sources: Box::new([]),
    }
}

/// One organisation from two records: `base` keeps its text and sources; what it
/// leaves blank, `added` fills; names it does not know become aliases; both records'
/// sources are cited.
fn fill(base: &mut Enterprise, added: Enterprise) {
    fn blank<T>(mine: &mut Option<T>, theirs: Option<T>) {
        if mine.is_none() {
            *mine = theirs;
        }
    }
    fn union<T: Clone>(mine: &mut Box<[T]>, theirs: &[T], same: impl Fn(&T, &T) -> bool) {
        let extra: Vec<T> = theirs
            .iter()
            .filter(|t| !mine.iter().any(|m| same(m, t)))
            .cloned()
            .collect();
        if !extra.is_empty() {
            let mut all = std::mem::take(mine).into_vec();
            all.extend(extra);
            *mine = all.into_boxed_slice();
        }
    }
    let Enterprise {
        name,
        name_zh,
        aliases,
        kind,
        ownership,
        segments,
        founded,
        location,
        listings,
        registry,
        summary,
        tags,
        sources,
        ..
    } = added;
    let mut names: Vec<Text> = Vec::new();
    for candidate in std::iter::once(name).chain(name_zh).chain(aliases.into_vec()) {
        let known = *candidate == *base.name
            || base.name_zh.as_deref() == Some(&*candidate)
            || base.aliases.contains(&candidate)
            || names.contains(&candidate);
        if !known {
            names.push(candidate);
        }
    }
    // A Chinese name fills a blank `name_zh`; the other names join the aliases.
    if base.name_zh.is_none()
        && let Some(i) = names.iter().position(|n| n.chars().any(is_cjk))
    {
        base.name_zh = Some(names.remove(i));
    }
    union(&mut base.aliases, &names, |a, b| a == b);
    blank(&mut base.kind, kind);
    blank(&mut base.ownership, ownership);
    blank(&mut base.founded, founded);
    blank(&mut base.location, location);
    blank(&mut base.summary, summary);
    if base.segments.is_empty() {
        base.segments = segments;
    }
    if base.listings.is_empty() {
        base.listings = listings;
    }
    union(&mut base.tags, &tags, |a, b| a == b);
    match (&mut base.registry, registry) {
        (Some(mine), Some(theirs)) => mine.fill_from(&theirs),
        (mine @ None, theirs) => *mine = theirs,
        (Some(_), None) => {}
    }
    union(&mut base.sources, &sources, |a, b| a.source == b.source);
}

mod matching;
mod people;
#[cfg(test)]
mod tests;
