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

use crate::data::check;
use crate::data::db::{Db, Layer, Parts, Rec};
use crate::data::load;
use crate::data::model::{Dataset, Enterprise, RecordKind, Text};
use crate::data::problems::{LoadError, Problem};

/// Loads the base (`None`: the built-in dataset) and lays each of `adds` over it, in order.
///
/// # Errors
/// The first file that cannot be read or checked, with every problem found in it;
/// an id used in two files names both.
pub fn load(base: Option<&Path>, adds: &[PathBuf]) -> Result<Db, LoadError> {
    let mut db = match base {
        Some(path) => load::load_file(path)?,
        None => load::embedded()?,
    };
    for path in adds {
        db = add(db, path)?;
    }
    Ok(db)
}

/// Lays one dataset file over `below`.
///
/// # Errors
/// The file's problems; the same file given twice.
pub fn add(below: Db, path: &Path) -> Result<Db, LoadError> {
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
    let layer = load::layer_file(path, &below)?;
    Ok(merge(below.into_parts(), layer, origin, file))
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
    let matches = matching(&data.enterprises, &layer.enterprises);
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
    for &(mine, theirs) in &matches {
        joined[mine] = true;
        let added = std::mem::replace(&mut layer.enterprises[mine], placeholder());
        if added.id != data.enterprises[theirs].id {
            merged.insert(added.id.clone(), Rec::new(RecordKind::Enterprise, theirs));
        }
        fill(&mut data.enterprises[theirs], added);
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
        start,
        file,
    });
    let ids = check::ids_of(&data);
    Db::with_layers(data, ids, layers, merged)
}

/// Pairs (added enterprise, enterprise below) that share a credit code.
fn matching(below: &[Enterprise], added: &[Enterprise]) -> Vec<(usize, usize)> {
    if !added.iter().any(|e| e.credit_code().is_some()) {
        return Vec::new();
    }
    let by_code: hashbrown::HashMap<&str, usize> = below
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((e.credit_code()?.as_str(), i)))
        .collect();
    if by_code.is_empty() {
        return Vec::new();
    }
    added
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, *by_code.get(e.credit_code()?.as_str())?)))
        .collect()
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
    union(&mut base.people, &people, |a, b| a.name == b.name && a.role == b.role);
    union(&mut base.tags, &tags, |a, b| a == b);
    match (&mut base.registry, registry) {
        (Some(mine), Some(theirs)) => mine.fill_from(&theirs),
        (mine @ None, theirs) => *mine = theirs,
        (Some(_), None) => {}
    }
    union(&mut base.sources, &sources, |a, b| a.source == b.source);
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::db::Target;

    const BASE: &str = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s-base","title":"Annual report","reliability":"high"}],
"enterprises":[{"id":"acme","name":"Acme Gold","summary":"Base text.",
  "registry":{"credit_code":"914403001922038216"},"sources":[{"source":"s-base"}]}]}"#;

    const ADDED: &str = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[
 {"id":"uscc-914403001922038216","name":"深圳市示例金饰有限公司","founded":"2001-03-02",
  "people":[{"name":"张三","role":"legal representative"}],
  "registry":{"credit_code":"914403001922038216","status":"active","district":"罗湖区"},
  "summary":"Registry text.","sources":[{"source":"s-reg"}]},
 {"id":"other","name":"深圳市另一家珠宝有限公司","sources":[{"source":"s-reg"}]}],
"brands":[{"id":"b","name":"B","owner":"uscc-914403001922038216"}],
"history":[{"id":"h","date":"2020","title":"T","related":["acme","other"]}]}"#;

    fn layered(base: &str, added: &str) -> Result<Db, LoadError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("added.json");
        std::fs::write(&path, added).unwrap();
        let below = load::load_slice("base.json", base.as_bytes()).unwrap();
        add(below, &path)
    }

    #[test]
    fn an_added_enterprise_with_a_known_credit_code_fills_the_one_below() {
        let db = layered(BASE, ADDED).unwrap();
        assert_eq!(db.enterprises().len(), 2, "one merged, one added");
        let acme = &db.enterprises()[0];
        assert_eq!(&*acme.id, "acme");
        assert_eq!(acme.summary.as_deref(), Some("Base text."), "the base's text stays");
        assert_eq!(acme.name_zh.as_deref(), Some("深圳市示例金饰有限公司"));
        assert_eq!(acme.founded.map(|d| d.to_string()).as_deref(), Some("2001-03-02"));
        assert_eq!(acme.people.len(), 1);
        let registry = acme.registry.as_ref().unwrap();
        assert_eq!(registry.district.as_deref(), Some("罗湖区"));
        let cited: Vec<&str> = acme.sources.iter().map(|c| &*c.source).collect();
        assert_eq!(cited, ["s-base", "s-reg"], "both sources listed");
        // The added id still answers, and the added brand's owner follows the merge.
        let acme_rec = Rec::new(RecordKind::Enterprise, 0);
        assert_eq!(db.lookup("uscc-914403001922038216"), Some(Target::Record(acme_rec)));
        assert_eq!(db.owner_of(0), Some(acme_rec));
        assert_eq!(db.brands_of(0), &[0]);
        let layers = db.layers();
        assert_eq!(layers.len(), 2);
        assert_eq!((layers[1].added[1], layers[1].merged, layers[1].records()), (1, 1, 4));
        assert_eq!(layers[1].name(), "added.json");
        assert_eq!(db.layer_of(Target::Record(Rec::new(RecordKind::Enterprise, 1))), 1);
        assert_eq!(db.layer_of(Target::Record(acme_rec)), 0);
        assert!(db.origin_of(Target::Source(1)).ends_with("added.json"));
    }

    #[test]
    fn an_id_used_below_is_a_clash_naming_both_files() {
        let added = ADDED.replace(r#""id":"other""#, r#""id":"acme""#);
        let err = layered(BASE, &added).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(
                "added.json: enterprises[1].id: duplicate id \"acme\": base.json already uses it for an enterprise"
            ),
            "{text}"
        );
    }

    #[test]
    fn the_same_file_twice_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("added.json");
        std::fs::write(&path, ADDED).unwrap();
        let below = load::load_slice("base.json", BASE.as_bytes()).unwrap();
        let once = add(below, &path).unwrap();
        let err = add(once, &path).unwrap_err();
        assert!(err.to_string().contains("is already loaded"), "{err}");
    }

    #[test]
    fn references_may_name_records_below() {
        let added = r#"{"format":"shuibei/1","cluster":{"name":"notes"},
"history":[{"id":"h2","date":"2021","title":"T","related":["acme"],"sources":[{"source":"s-base"}]}]}"#;
        let db = layered(BASE, added).unwrap();
        assert_eq!(db.events_about(Rec::new(RecordKind::Enterprise, 0)), &[0]);
        let missing = added.replace(r#"["acme"]"#, r#"["nobody"]"#);
        assert!(
            layered(BASE, &missing)
                .unwrap_err()
                .to_string()
                .contains("unknown id \"nobody\"")
        );
    }
}
