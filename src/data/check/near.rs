//! What an unknown id was likely meant to be, for the message that reports it: the
//! record whose name, or the source whose URL or title, was written where its id belongs
//! (`"owner": "周大生"`); the source id the reference lacks the `src-` of; the id a typo
//! away. Reads the file's records and the layers' below; counts before comparing.

use crate::data::db::Db;
use crate::data::model::{Dataset, RecordKind};

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
}

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
    // A name, URL or title where the id belongs; a URL whatever its scheme, `www.` and
    // last slash.
    let same = |text: &str| {
        let (a, b) = (text.trim(), trimmed);
        !a.is_empty() && a.eq_ignore_ascii_case(b)
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
    closest(trimmed, &ids).map(|found| format!("; did you mean {found:?}?"))
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

/// The records or sources of the kind wanted, in the file and the layers below; `None`
/// when there are more than [`NEAREST_AMONG`] (counted before any is read).
fn known<'a>(data: &'a Dataset, below: Option<&'a Db>, want: Want) -> Option<Vec<Known<'a>>> {
    let kinds = match want {
        Want::Source => Vec::new(),
        Want::Record(kind) => kind.map_or(RecordKind::ALL.to_vec(), |k| vec![k]),
    };
    let held = |kind: RecordKind| {
        let here = match kind {
            RecordKind::History => data.history.len(),
            RecordKind::Enterprise => data.enterprises.len(),
            RecordKind::Brand => data.brands.len(),
            RecordKind::Indicator => data.indicators.len(),
        };
        here + below.map_or(0, |b| b.len(kind))
    };
    let among = match want {
        Want::Source => data.sources.len() + below.map_or(0, |b| b.sources().len()),
        Want::Record(_) => kinds.iter().map(|k| held(*k)).sum(),
    };
    if among > NEAREST_AMONG {
        return None;
    }
    let mut known = Vec::with_capacity(among);
    if matches!(want, Want::Source) {
        let sources = data.sources.iter().chain(below.map_or(&[][..], Db::sources));
        known.extend(sources.map(|s| Known {
            id: &s.id,
            names: [("URL", s.url.as_deref()), ("title", Some(&*s.title))],
        }));
    }
    let name = |id: &'a str, name: &'a str, zh: Option<&'a str>| Known {
        id,
        names: [("name", Some(name)), ("Chinese name", zh)],
    };
    let layers = std::iter::once(Layer::File(data)).chain(below.map(Layer::Below));
    for layer in layers {
        let (history, enterprises, brands, indicators) = layer.sections();
        for kind in &kinds {
            match kind {
                RecordKind::History => {
                    known.extend(history.iter().map(|r| name(&r.id, &r.title, r.title_zh.as_deref())));
                }
                RecordKind::Enterprise => {
                    known.extend(enterprises.iter().map(|r| name(&r.id, &r.name, r.name_zh.as_deref())));
                }
                RecordKind::Brand => known.extend(brands.iter().map(|r| name(&r.id, &r.name, r.name_zh.as_deref()))),
                RecordKind::Indicator => {
                    known.extend(indicators.iter().map(|r| name(&r.id, &r.name, r.name_zh.as_deref())));
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
