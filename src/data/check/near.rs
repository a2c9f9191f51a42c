//! What an unknown id was likely meant to be, for the message that reports it: the
//! record whose name (in either script), or the source whose URL or title, was written
//! where its id belongs (`"owner": "周大生"`); a record of another kind (a brand's name
//! for its owner); the source id the reference lacks the `src-` of; the id a typo away;
//! the record whose name holds what was written (a short name). Reads the file's records
//! and the layers' below; counts before comparing.

use crate::data::db::Db;
use crate::data::model::{Dataset, RecordKind, is_cjk};

/// The most ids an unknown id is compared with: a million would make the check slow.
pub(super) const NEAREST_AMONG: usize = 10_000;

/// What an unknown id should have named.
#[derive(Clone, Copy)]
pub(super) enum Want {
    Source,
    /// A record of this kind, or of any.
    Record(Option<RecordKind>),
}

/// One record or source an unknown id may have meant: its id and what else names it.
struct Known<'a> {
    id: &'a str,
    /// (what the text is, the text): "name", "Chinese name", "URL", "title".
    names: [(&'static str, Option<&'a str>); 2],
    /// A record's kind (`None`: a source).
    kind: Option<RecordKind>,
    /// A brand's owner, the enterprise an owner reference wants.
    owner: Option<&'a str>,
}

/// Names that agree: the same letters whatever their case, or the same Chinese whether
/// written in traditional or simplified characters.
fn folded(text: &str) -> String {
    let text = text.trim();
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        fast2s::convert(text).to_lowercase()
    }
}

/// Enough of a name to guess from a part of it: two Chinese characters, or four other
/// letters or digits.
fn telling(part: &str) -> bool {
    part.chars().filter(|c| is_cjk(*c)).count() >= 2 || part.chars().filter(|c| c.is_alphanumeric()).count() >= 4
}

/// The most records a part of a name may be found in for them to be named.
const PART_OF_AT_MOST: usize = 3;

/// The end of a message about the unknown `id` (`; did you mean "zhou-dasheng"?`), or
/// `None` when nothing is likely; `None` too when more than [`NEAREST_AMONG`] ids of the
/// kind wanted would have to be read.
pub(super) fn said(data: &Dataset, below: Option<&Db>, id: &str, want: Want) -> Option<String> {
    let trimmed = id.trim();
    // A blank id is like no name; what it meant cannot be told.
    if trimmed.is_empty() {
        return None;
    }
    let known = known(data, below, want)?;
    // An id in another case (`CTF` for `ctf`): before any name, which might be another
    // record's.
    if let Some(k) = known
        .iter()
        .find(|k| k.id != trimmed && k.id.eq_ignore_ascii_case(trimmed))
    {
        return Some(format!("; did you mean {:?}?", k.id));
    }
    let want_folded = folded(trimmed);
    // A name, URL or title where the id belongs, in either script; a URL whatever its
    // scheme, `www.` and last slash.
    let same = |text: &str| {
        let (a, b) = (text.trim(), trimmed);
        !a.is_empty() && (a.eq_ignore_ascii_case(b) || (!a.is_ascii() && folded(a) == want_folded))
            || bare_url(a)
                .zip(bare_url(b))
                .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
    };
    let named: Vec<(&str, &str)> = known
        .iter()
        .filter_map(|k| {
            k.names
                .iter()
                .find(|(_, text)| text.is_some_and(same))
                .map(|(what, _)| (*what, k.id))
        })
        .collect();
    match named.as_slice() {
        [(what, found)] => return Some(format!("; it is the {what} of {found:?}: write its id")),
        [(what, _), ..] => {
            let ids: Vec<String> = named.iter().take(3).map(|(_, found)| format!("{found:?}")).collect();
            let more = if named.len() > 3 { ", …" } else { "" };
            // One word for all when they matched alike (all by URL); else what they share.
            let what = if named.iter().all(|(w, _)| w == what) {
                *what
            } else if matches!(want, Want::Source) {
                "URL or title"
            } else {
                "name"
            };
            let whose = if matches!(want, Want::Source) {
                "sources"
            } else {
                "records"
            };
            return Some(format!(
                "; it is the {what} of {} {whose} ({}{more}): write the id of one",
                named.len(),
                ids.join(", ")
            ));
        }
        [] => {}
    }
    // A record of another kind of that name: said now when it leads to a known id (a
    // brand's owner), else only when nothing nearer is found.
    let mut elsewhere = None;
    if let Want::Record(Some(kind)) = want {
        // An owner is told only when it is itself a known id (not the id just refused).
        let known_id = |owner: &str| owner != id && known.iter().any(|k| k.id == owner);
        match other_kind(data, below, kind, &same, &known_id) {
            Some((said, true)) => return Some(said),
            Some((said, false)) => elsewhere = Some(said),
            None => {}
        }
    }
    let ids: Vec<&str> = known.iter().map(|k| k.id).collect();
    // A source id without its prefix (`official` for `src-official`), typos allowed: the
    // rest of each source id is compared, so the prefix the two would share does not
    // make an unrelated id look near.
    if matches!(want, Want::Source) && !trimmed.starts_with("src-") {
        let rests: Vec<&str> = ids.iter().filter_map(|i| i.strip_prefix("src-")).collect();
        if let Some(rest) = closest(trimmed, &rests) {
            return Some(format!("; did you mean \"src-{rest}\"?"));
        }
    }
    closest(trimmed, &ids)
        .map(|found| format!("; did you mean {found:?}?"))
        .or_else(|| part_of(&known, &want_folded))
        .or(elsewhere)
}

/// The record of another kind than `kind` that the unknown id names (a brand's name
/// where its owner belongs), and whether the message gives an id to write: the owner's
/// when it is a brand with one that `known_id` knows (a brand whose own owner is broken
/// is no help).
fn other_kind(
    data: &Dataset,
    below: Option<&Db>,
    kind: RecordKind,
    same: &dyn Fn(&str) -> bool,
    known_id: &dyn Fn(&str) -> bool,
) -> Option<(String, bool)> {
    // Only a brand leads to an id to write (its owner); only brands are read, so a large
    // file of enterprises does not put them past the count compared.
    if kind != RecordKind::Enterprise {
        return None;
    }
    let others = known(data, below, Want::Record(Some(RecordKind::Brand)))?;
    let (found, what) = others.iter().find_map(|k| {
        k.names
            .iter()
            .find(|(_, text)| text.is_some_and(same))
            .map(|(what, _)| (k, *what))
    })?;
    let of = found.kind?.section();
    Some(match found.owner.filter(|owner| known_id(owner)) {
        Some(owner) => (
            format!(
                "; it is the {what} of {:?} in {of}, whose owner is {owner:?}: write that id",
                found.id
            ),
            true,
        ),
        _ => (
            format!(
                "; it is the {what} of {:?} in {of}, not in {}",
                found.id,
                kind.section()
            ),
            false,
        ),
    })
}

/// The records whose name holds the unknown id (`folded`), when it says enough
/// ([`telling`]) and at most [`PART_OF_AT_MOST`] do: a short name written for the
/// registered one (`艾克美黄金` for `深圳市艾克美黄金有限公司`).
fn part_of(known: &[Known<'_>], part: &str) -> Option<String> {
    if !telling(part) {
        return None;
    }
    let mut found: Vec<(&str, &str, &str)> = Vec::new();
    for k in known {
        if let Some((what, text)) = k
            .names
            .iter()
            .find_map(|(what, text)| text.filter(|t| folded(t).contains(part)).map(|t| (*what, t)))
        {
            found.push((what, k.id, text));
            if found.len() > PART_OF_AT_MOST {
                return None;
            }
        }
    }
    match found.as_slice() {
        [] => None,
        [(what, id, text)] => Some(format!("; it is part of the {what} of {id:?} ({text}): write its id")),
        _ => {
            let ids: Vec<String> = found.iter().map(|(_, id, _)| format!("{id:?}")).collect();
            let whose = if known.first().is_some_and(|k| k.kind.is_none()) {
                "titles or URLs of"
            } else {
                "names of"
            };
            Some(format!(
                "; it is part of the {whose} {} {} ({}): write the id of one",
                found.len(),
                if whose == "names of" { "records" } else { "sources" },
                ids.join(", ")
            ))
        }
    }
}

/// A URL without its scheme, `www.` and last slash (`example.org/a`); `None` for other
/// text.
fn bare_url(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    Some(rest.strip_suffix('/').unwrap_or(rest))
}

/// The id a typo away from `id`, among ids of about its length.
fn closest<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    let len = id.chars().count();
    let near: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|c| c.chars().count().abs_diff(len) <= 3)
        .collect();
    crate::data::problems::closest(id, &near)
}

/// How many records or sources of the kind wanted the file and the layers below hold:
/// more than [`NEAREST_AMONG`] are not compared with an unknown id.
pub(super) fn among(data: &Dataset, below: Option<&Db>, want: Want) -> usize {
    let held = |kind: RecordKind| {
        let here = match kind {
            RecordKind::History => data.history.len(),
            RecordKind::Enterprise => data.enterprises.len(),
            RecordKind::Brand => data.brands.len(),
            RecordKind::Indicator => data.indicators.len(),
        };
        here + below.map_or(0, |b| b.len(kind))
    };
    match want {
        Want::Source => data.sources.len() + below.map_or(0, |b| b.sources().len()),
        Want::Record(Some(kind)) => held(kind),
        Want::Record(None) => RecordKind::ALL.iter().map(|k| held(*k)).sum(),
    }
}

/// The records or sources of the kind wanted, in the file and the layers below; `None`
/// when there are more than [`NEAREST_AMONG`] (counted before any is read).
fn known<'a>(data: &'a Dataset, below: Option<&'a Db>, want: Want) -> Option<Vec<Known<'a>>> {
    let kinds = match want {
        Want::Source => Vec::new(),
        Want::Record(kind) => kind.map_or(RecordKind::ALL.to_vec(), |k| vec![k]),
    };
    let among = among(data, below, want);
    if among > NEAREST_AMONG {
        return None;
    }
    let mut known = Vec::with_capacity(among);
    if matches!(want, Want::Source) {
        let sources = data.sources.iter().chain(below.map_or(&[][..], Db::sources));
        known.extend(sources.map(|s| Known {
            id: &s.id,
            names: [("URL", s.url.as_deref()), ("title", Some(&*s.title))],
            kind: None,
            owner: None,
        }));
    }
    let name = |kind: RecordKind, id: &'a str, name: &'a str, zh: Option<&'a str>| Known {
        id,
        names: [("name", Some(name)), ("Chinese name", zh)],
        kind: Some(kind),
        owner: None,
    };
    let layers = std::iter::once(Layer::File(data)).chain(below.map(Layer::Below));
    for layer in layers {
        let (history, enterprises, brands, indicators) = layer.sections();
        for kind in &kinds {
            match kind {
                RecordKind::History => {
                    known.extend(
                        history
                            .iter()
                            .map(|r| name(*kind, &r.id, &r.title, r.title_zh.as_deref())),
                    );
                }
                RecordKind::Enterprise => {
                    known.extend(
                        enterprises
                            .iter()
                            .map(|r| name(*kind, &r.id, &r.name, r.name_zh.as_deref())),
                    );
                }
                RecordKind::Brand => known.extend(brands.iter().map(|r| Known {
                    owner: r.owner.as_deref(),
                    ..name(*kind, &r.id, &r.name, r.name_zh.as_deref())
                })),
                RecordKind::Indicator => {
                    known.extend(
                        indicators
                            .iter()
                            .map(|r| name(*kind, &r.id, &r.name, r.name_zh.as_deref())),
                    );
                }
            }
        }
    }
    Some(known)
}

/// The file being checked, or the layers below it: the same sections either way.
enum Layer<'a> {
    File(&'a Dataset),
    Below(&'a Db),
}

type Sections<'a> = (
    &'a [crate::data::model::HistoryEvent],
    &'a [crate::data::model::Enterprise],
    &'a [crate::data::model::Brand],
    &'a [crate::data::model::Indicator],
);

impl<'a> Layer<'a> {
    fn sections(&self) -> Sections<'a> {
        match *self {
            Layer::File(d) => (&d.history, &d.enterprises, &d.brands, &d.indicators),
            Layer::Below(db) => (db.history(), db.enterprises(), db.brands(), db.indicators()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(enterprises: usize) -> Dataset {
        let records: Vec<String> = (0..enterprises)
            .map(|i| format!(r#"{{"id": "e{i}", "name": "Same Name", "name_zh": "金{i}"}}"#))
            .collect();
        let json = format!(
            r#"{{"format": "shuibei/1", "cluster": {{"name": "x"}}, "enterprises": [{}]}}"#,
            records.join(",")
        );
        serde_json::from_str(&json).expect("the test dataset parses")
    }

    #[test]
    fn a_name_several_records_share_names_some_of_them() {
        let data = dataset(5);
        let said = said(&data, None, "same name", Want::Record(Some(RecordKind::Enterprise))).unwrap();
        assert_eq!(
            said,
            r#"; it is the name of 5 records ("e0", "e1", "e2", …): write the id of one"#
        );
        let said = said_for(&data, "金3");
        assert_eq!(
            said.as_deref(),
            Some(r#"; it is the Chinese name of "e3": write its id"#)
        );
        assert_eq!(said_for(&data, "nothing like it"), None);
    }

    #[test]
    fn a_part_of_a_name_names_up_to_three_records() {
        let data = dataset(5);
        // "金1" is in the Chinese names "金1" (exact, said as such); "Same" in five.
        assert_eq!(said_for(&data, "Same"), None, "in more than three names");
        let data = dataset(12);
        assert_eq!(
            said_for(&data, "金11").as_deref(),
            Some(r#"; it is the Chinese name of "e11": write its id"#)
        );
        // Too short to tell: one Chinese character, three letters.
        assert!(!telling("金") && !telling("abc"));
        assert!(telling("金龙") && telling("gold"));
    }

    #[test]
    fn names_agree_in_either_script_and_case() {
        assert_eq!(folded(" 謝瑞麟 "), folded("谢瑞麟"));
        assert_eq!(folded("Chow Tai Fook"), "chow tai fook");
    }

    fn said_for(data: &Dataset, id: &str) -> Option<String> {
        said(data, None, id, Want::Record(Some(RecordKind::Enterprise)))
    }

    #[test]
    fn a_url_is_the_same_whatever_its_scheme_www_and_last_slash() {
        assert_eq!(bare_url("https://www.example.org/a/"), Some("example.org/a"));
        assert_eq!(bare_url("http://example.org/a"), Some("example.org/a"));
        assert_eq!(bare_url("example.org/a"), None);
        assert_eq!(bare_url("ftp://example.org"), None);
    }

    #[test]
    fn more_ids_than_it_compares_with_say_nothing() {
        let data = dataset(NEAREST_AMONG + 1);
        assert_eq!(said_for(&data, "e1"), None);
        assert_eq!(said_for(&data, "same name"), None);
    }
}
