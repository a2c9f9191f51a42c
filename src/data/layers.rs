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
use crate::data::db::{Conflict, Db, Layer, Parts, Rec};
use crate::data::load;
use crate::data::model::{Dataset, Enterprise, RecordKind, Registry, Text, is_cjk};
use crate::data::problems::{LoadError, Problem};

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
    Ok(merge(below.into_parts(), layer, origin, file))
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
fn merge(below: Parts, mut layer: Dataset, origin: String, file: Option<PathBuf>) -> Db {
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
    } = matching(&data.enterprises, &layer.enterprises, &origin);
    // References to an enterprise that is merged away now name the one it joins.
    let renamed: hashbrown::HashMap<&str, &str> = matches
        .iter()
        .filter_map(|&(mine, theirs)| {
            let (from, to) = (&*layer.enterprises[mine].id, &*data.enterprises[theirs].id);
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
    let mut joined = vec![false; layer.enterprises.len()];
    let mut joined_ids = Vec::new();
    let mut conflicts = Vec::new();
    let mut set = Vec::new();
    for &(mine, theirs) in &matches {
        joined[mine] = true;
        let added = std::mem::replace(&mut layer.enterprises[mine], placeholder());
        if added.id != data.enterprises[theirs].id {
            merged.insert(added.id.clone(), Rec::new(RecordKind::Enterprise, theirs));
            joined_ids.push(added.id.clone());
        }
        let base = &mut data.enterprises[theirs];
        join_registry(base, theirs, &added, (&layers, &origin), (&mut conflicts, &mut set));
        join_described(base, theirs, &added, (&layers, &origin), (&mut conflicts, &mut set));
        fill(base, added);
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
        conflicts,
        set,
        joined: joined_ids,
        start,
        file,
    });
    let ids = check::ids_of(&data);
    Db::with_layers(data, ids, layers, merged)
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
            });
            set.push((idx, field));
        }
    }
}

/// The founding date and the location of the added record beside the ones below, which
/// `fill` keeps: a date that only makes the one below more precise (2014, then
/// 2014-06-18) replaces it; a date or a location that differs is kept below and noted as
/// a conflict, so the added value is shown beside it, never dropped unsaid.
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

/// Which added enterprises are ones below, and what was said about near misses.
struct Matches {
    pairs: Vec<(usize, usize)>,
    by_name: usize,
    notices: Vec<String>,
}

/// Pairs (added enterprise, enterprise below) that are one organisation: they share a
/// credit code, or (the shipped data carries no credit codes) a full Chinese name or
/// former name of the added one is a name, Chinese name or alias of exactly one below
/// and their credit codes do not disagree. A name shared by records whose codes differ
/// keeps both, with a notice.
fn matching(below: &[Enterprise], added: &[Enterprise], origin: &str) -> Matches {
    let mut by_code: hashbrown::HashMap<&str, usize> = hashbrown::HashMap::new();
    let mut by_name: hashbrown::HashMap<&str, Vec<usize>> = hashbrown::HashMap::new();
    for (i, e) in below.iter().enumerate() {
        if let Some(code) = e.credit_code() {
            by_code.insert(code.as_str(), i);
        }
        for name in names_of(e) {
            let list = by_name.entry(name).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }
    // The names below without a leading place name (周大生珠宝股份有限公司 for
    // 深圳市周大生珠宝股份有限公司), and the Chinese names below as they are, for the
    // notice on an added name that differs from one below only by its place.
    let mut by_bare: hashbrown::HashMap<&str, Vec<usize>> = hashbrown::HashMap::new();
    for (i, e) in below.iter().enumerate() {
        for name in names_of(e).filter(|n| n.chars().any(is_cjk)) {
            by_bare.entry(without_place(name).unwrap_or(name)).or_default().push(i);
        }
    }
    let mut out = Matches {
        pairs: Vec::new(),
        by_name: 0,
        notices: Vec::new(),
    };
    for (i, e) in added.iter().enumerate() {
        if let Some(&j) = e.credit_code().and_then(|c| by_code.get(c.as_str())) {
            out.pairs.push((i, j));
            continue;
        }
        let mut found: Vec<usize> = Vec::new();
        let mut name_hit = "";
        for name in names_of(e).filter(|n| n.chars().any(is_cjk)) {
            for &j in by_name.get(name).map_or(&[][..], Vec::as_slice) {
                if !found.contains(&j) {
                    found.push(j);
                    name_hit = name;
                }
            }
        }
        let agree: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&j| match (e.credit_code(), below[j].credit_code()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
            .collect();
        for &j in found.iter().filter(|j| !agree.contains(j)) {
            out.notices.push(format!(
                "{origin}: {} has the name {name_hit} of {} below but another credit code; kept apart",
                e.id, below[j].id
            ));
        }
        match agree.as_slice() {
            [j] => {
                out.pairs.push((i, *j));
                out.by_name += 1;
            }
            [] => {}
            many => out.notices.push(format!(
                "{origin}: {} has the name {name_hit} of {} records below ({}); not merged",
                e.id,
                many.len(),
                some_ids(many.iter().map(|&j| &*below[j].id), many.len())
            )),
        }
        if found.is_empty()
            && let Some((name, j)) = names_of(e).filter(|n| n.chars().any(is_cjk)).find_map(|n| {
                let bare = without_place(n).unwrap_or(n);
                Some((n, *by_bare.get(bare)?.first()?))
            })
        {
            out.notices.push(format!(
                "{origin}: {} ({name}) may be {} below, whose name differs from it only by the place in front; kept apart (give both the same credit code to make them one)",
                e.id, below[j].id
            ));
        }
    }
    out
}

/// A Chinese name without its leading place name (深圳市, 广东省深圳市罗湖区), when it
/// has one.
fn without_place(name: &str) -> Option<&str> {
    let chars = crate::data::places::leading_place(name, is_cjk)?;
    name.char_indices().nth(chars).map(|(at, _)| &name[at..])
}

/// At most five of `count` ids, then how many more: a name shared by a thousand records
/// makes no readable notice.
fn some_ids<'a>(ids: impl Iterator<Item = &'a str>, count: usize) -> String {
    const SHOWN: usize = 5;
    let mut out = ids.take(SHOWN).collect::<Vec<_>>().join(", ");
    if count > SHOWN {
        out.push_str(&format!(" and {} more", count - SHOWN));
    }
    out
}

/// An enterprise's names: its name, Chinese name and aliases.
fn names_of(e: &Enterprise) -> impl Iterator<Item = &str> {
    std::iter::once(&*e.name)
        .chain(e.name_zh.as_deref())
        .chain(e.aliases.iter().map(|a| &**a))
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
        people,
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
    // The same person in the same role (`Legal representative`, `legal representative`)
    // is one entry, as of the later date given.
    let same_role = |a: &crate::data::model::Person, b: &crate::data::model::Person| {
        a.name == b.name
            && match (a.role.as_deref(), b.role.as_deref()) {
                (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
                (x, y) => x == y,
            }
    };
    let mut people = people.into_vec();
    people.retain(|p| {
        let Some(mine) = base.people.iter_mut().find(|m| same_role(m, p)) else {
            return true;
        };
        if p.as_of > mine.as_of {
            mine.as_of = p.as_of;
        }
        false
    });
    union(&mut base.people, &people, |a, b| same_role(a, b));
    mark_former_representatives(&mut base.people);
    union(&mut base.tags, &tags, |a, b| a == b);
    match (&mut base.registry, registry) {
        (Some(mine), Some(theirs)) => mine.fill_from(&theirs),
        (mine @ None, theirs) => *mine = theirs,
        (Some(_), None) => {}
    }
    union(&mut base.sources, &sources, |a, b| a.source == b.source);
}

/// Two legal representatives from two registry dates: the one as of the earlier date is
/// the former one. Without dates on both, both stay as they are.
fn mark_former_representatives(people: &mut [crate::data::model::Person]) {
    const ROLE: &str = "legal representative";
    let dated: Vec<(usize, crate::data::model::Date)> = people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(ROLE)))
        .map(|(i, p)| p.as_of.map(|d| (i, d)))
        .collect::<Option<_>>()
        .unwrap_or_default();
    let Some(latest) = dated.iter().map(|(_, d)| *d).max() else {
        return;
    };
    if dated.iter().filter(|(_, d)| *d == latest).count() != 1 {
        return;
    }
    for (i, d) in dated {
        if d < latest {
            people[i].role = Some("former legal representative".into());
        }
    }
}

#[cfg(test)]
mod tests;
