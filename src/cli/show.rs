//! `shuibei show ID [--json]`: one record (or source) with its sources, as text or JSON.

use serde_json::{Value, json};
use std::fmt::Write as _;

use super::error::{CliError, Outcome};
use super::output::{Out, shell_word};
use super::settings::{Datasets, load_db};
use crate::data::db::{Db, Rec, Target};
use crate::data::model::{RecordKind, Source};
use crate::data::present;

pub(super) fn run(datasets: &Datasets, id: &str, as_json: bool) -> Result<Outcome, CliError> {
    if id.trim().is_empty() {
        // Not "did you mean", nor a search for nothing (which lists every record).
        return Err(CliError::Usage(format!(
            "show needs an id; find one by name with `shuibei{} search NAME`",
            datasets.flags()
        )));
    }
    // Spaces around an id come with a copy from a terminal; ids hold none. A credit code
    // copied in groups (`9144 0303 …`) is read whole.
    let whole = crate::search::codes::written_whole(id).filter(|(code, _)| !code.contains('|'));
    let id = whole.as_ref().map_or(id.trim(), |(code, _)| code.as_str());
    let db = &load_db(datasets)?;
    let mut out = Out::stdout();
    // Not an id, but the whole name of exactly one record (`show 周大生`): that record,
    // with a line saying which, so a script learns the id.
    let target = db.lookup(id).or_else(|| {
        // An id typed with capitals (`Jieworui`): ids are written in small letters, and
        // one that differs only so is the one meant.
        let lower = id.to_lowercase();
        let target = db.lookup(&lower).filter(|_| lower != id)?;
        let mut err = Out::stderr();
        err.line(&format!("shuibei: {id:?} is no id, but {lower:?} is; showing it"))
            .and_then(|()| err.flush())
            .ok()?;
        Some(target)
    });
    // A company's credit code (统一社会信用代码), as a borrower list or a registry gives it.
    let target = target.or_else(|| {
        let rec = by_credit_code(db, id)?;
        let mut err = Out::stderr();
        let said = format!(
            "shuibei: {id:?} is the credit code of {}, enterprise {:?}; showing it",
            present::label(db, rec),
            db.id(rec)
        );
        err.line(&said).and_then(|()| err.flush()).ok()?;
        Some(Target::Record(rec))
    });
    let target = target.or_else(|| {
        let rec = named_exactly(db, id).or_else(|| named_by_key(db, id))?;
        let mut err = Out::stderr();
        let said = format!(
            "shuibei: {id:?} is no id but the whole name of one record; showing {} {:?}",
            rec.kind.as_str(),
            db.id(rec)
        );
        err.line(&said).and_then(|()| err.flush()).ok()?;
        // Other records whose names hold it (the brand 金雅福 shown, the company
        // 深圳金雅福控股集团有限公司 too): a screen must not stop at the first.
        if let Some(also) = also_said(db, id, rec) {
            err.line(&also).and_then(|()| err.flush()).ok()?;
        }
        Some(Target::Record(rec))
    });
    let written = match target {
        None => {
            let mut err = Out::stderr();
            err.line(&no_such_id(db, id, datasets))
                .and_then(|()| err.flush())
                .map_err(CliError::io("writing to stderr"))?;
            return Ok(Outcome::NothingFound);
        }
        Some(Target::Record(rec)) if as_json => out.json(&record_json(db, rec)),
        Some(Target::Record(rec)) => {
            let mut detail = present::detail(db, rec);
            if let Some(conflicts) = conflicts(db, rec) {
                detail.links.push(conflicts);
            }
            if let Some(better) = better_sourced(db, rec) {
                detail.links.push(better);
            }
            out.raw(present::detail_text(db, &detail).as_bytes())
        }
        Some(Target::Source(i)) => {
            let source = &db.sources()[i as usize];
            if as_json {
                out.json(&source_json(db, source))
            } else {
                out.raw(source_text(db, source).as_bytes())
            }
        }
    };
    written
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to stdout"))?;
    Ok(Outcome::Done)
}

/// The line for an id no record or source has: the records a search for it finds, ids
/// it starts or an id near it, and what to run next.
fn no_such_id(db: &Db, id: &str, datasets: &Datasets) -> String {
    if let Some(line) = not_a_code(db, id) {
        return line;
    }
    let starts = starting_with(db, id);
    let ids_start = starts.0 > 0;
    let hint = match (starts, nearest_id(db, id)) {
        // What was typed starts ids (`chow` of `chow-tai-fook`): those are meant,
        // not an id a few edits away (`chj`).
        ((n, first), _) if n > 0 => {
            let listed: Vec<String> = first.iter().map(|f| format!("{f:?}")).collect();
            let more = if n > first.len() {
                format!(" and {} more", n - first.len())
            } else {
                String::new()
            };
            let one = if n == 1 { "one id starts" } else { "ids start" };
            format!("{one} with it: {}{more}; ", listed.join(", "))
        }
        (_, Some(near)) => format!("did you mean {near:?}? "),
        _ => String::new(),
    };
    // A search that finds something: `id:` with the longest start of what was
    // typed that ids share, when that is most of it (`syn-005329`, `ent-` of
    // `ent-c`); else the words by name (`zhoudasheng` is no id but a company's
    // name). A short start (`syn`) could match every record.
    // Sources are not searched: a start shared with sources more than with any
    // record's id points to the list of sources instead.
    let source_start = db.sources().iter().map(|s| shared_start(id, &s.id)).max().unwrap_or(0);
    let record_start = id_start(db, id).map_or(0, str::len);
    // Records found by name as typed say more than ids that share a start
    // (`zhoudafu` is 周大福 by its pinyin, not `id:zhou`), unless what was typed
    // reads as an id: ids are words joined by hyphens (`ent-c`, `syn-0053`).
    let named = by_name(db, id, datasets);
    let id_like = id.contains('-');
    // Records found by name lead: what was typed names them, and the line that
    // opened with "no record has the id" buried them after it.
    // (Unless ids start with it: `chow` is typed as the start of one.)
    if let (
        ByName::Found {
            listed,
            first,
            more,
            search,
            named,
        },
        false,
        false,
    ) = (&named, id_like, ids_start)
    {
        let more = match more {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        // Suggestions read as the record meant unless said to be only near it.
        let none_named = if *named { "" } else { " and no record is named so" };
        return format!(
            "shuibei: {id:?} is no id{none_named}, but a search for it finds {}{more}; show one by its id (`shuibei{} show {}`), or list them all with {search}",
            listed.join(", "),
            datasets.flags(),
            shell_word(first)
        );
    }
    let search = match id_start(db, id) {
        _ if source_start > record_start && 2 * source_start >= id.len() => format!(
            "every source and its id: `shuibei{} export --tab sources --format csv`",
            datasets.flags()
        ),
        Some(start) if 2 * start.chars().count() >= id.chars().count() => format!(
            "find ids like it with `shuibei{} search id:{}`",
            datasets.flags(),
            shell_word(start)
        ),
        _ => named.hint(),
    };
    // A registered name (深圳市…有限公司) is no id, and was looked for as a name too.
    let what = if id_like || (id.is_ascii() && !id.contains(' ')) {
        "the id"
    } else {
        "the id or name"
    };
    format!("shuibei: no record or source has {what} {id:?}; {hint}{search}")
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The figures an indicator disagrees with (`None` for another record): the computation
/// behind the explorer's compare view (`=`) and the Overview's conflict lines.
fn disagreeing(db: &Db, rec: Rec) -> Option<Vec<u32>> {
    (rec.kind == RecordKind::Indicator).then(|| crate::data::brief::Questions::build(db).disagreeing(rec.idx()))
}

/// "Conflicts with:", each figure an indicator disagrees with (figure, date, where it
/// comes from) under its id; `None` when it disagrees with none.
fn conflicts(db: &Db, rec: Rec) -> Option<present::Links> {
    let items: Vec<(Rec, String)> = disagreeing(db, rec)?.into_iter().map(|m| figure_item(db, m)).collect();
    (!items.is_empty()).then_some(present::Links {
        label: "Conflicts with (figures for the same time that cannot both be true)",
        items,
    })
}

/// "Better sourced": an earlier figure of the same measure, up to a year before, whose
/// range meets this one's (not "agrees": nearly 9,000 and more than 9,000 meet only at
/// 9,000, seven months apart) on a more reliable source, as the explorer's Overview names it
/// beside a headline (" · older 03-13 high"); `None` when there is none.
fn better_sourced(db: &Db, rec: Rec) -> Option<present::Links> {
    if rec.kind != RecordKind::Indicator {
        return None;
    }
    let m = crate::data::brief::Questions::build(db).better_sourced_before(db, rec.idx())?;
    Some(present::Links {
        label: "Better sourced (an earlier figure of this measure, within a year, whose range meets this one's)",
        items: vec![figure_item(db, m)],
    })
}

/// A figure as a link's line: "more than 9,000 enterprises as of 2025-03-13 (珠江时报, high)".
fn figure_item(db: &Db, m: u32) -> (Rec, String) {
    let ind = &db.indicators()[m as usize];
    let text = format!(
        "{} as of {} ({})",
        present::figure(ind),
        ind.as_of,
        present::figure_source(db, m as usize)
    );
    (Rec::new(RecordKind::Indicator, m as usize), text)
}

/// The record, its kind and the sources it cites; an indicator adds `conflicts`, the
/// figures it disagrees with (empty when none), as the JSON export does.
fn record_json(db: &Db, rec: Rec) -> String {
    let mut value = db.to_json_with_sources(rec);
    if let Some(disagreeing) = disagreeing(db, rec) {
        value["conflicts"] = crate::export::conflicts_json(db, &disagreeing);
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The records that cite a source, in tab order.
fn citing(db: &Db, source_id: &str) -> Vec<Rec> {
    match db.lookup(source_id) {
        Some(Target::Source(i)) => db.citations().citing(i as usize).to_vec(),
        _ => Vec::new(),
    }
}

fn source_json(db: &Db, source: &Source) -> String {
    let value = json!({
        "kind": "source",
        "id": &*source.id,
        "record": to_value(source),
        "cited_by": citing(db, &source.id).iter().map(|r| json!({"kind": r.kind.as_str(), "id": db.id(*r)})).collect::<Vec<_>>(),
        "same_page": db.source_index(&source.id).map(|i| db.same_page(i)).unwrap_or_default().iter().map(|i| &*db.sources()[*i].id).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

fn source_text(db: &Db, s: &Source) -> String {
    let mut out = format!("source {}\n{}\n\n", s.id, s.title);
    let mut row = |label: &str, value: Option<String>| {
        if let Some(v) = value {
            let _ = writeln!(out, "{label:<12} {v}");
        }
    };
    row("Reliability", Some(s.reliability.to_string()));
    row("Publisher", s.publisher.as_deref().map(str::to_owned));
    row("Date", s.date.map(|d| d.to_string()));
    row("URL", s.url.as_deref().map(str::to_owned));
    row("File", s.file.as_deref().map(str::to_owned));
    row("Note", s.note.as_deref().map(str::to_owned));
    if let Some(index) = db.source_index(&s.id) {
        for other in db.same_page(index) {
            let other = &db.sources()[other];
            row(
                "Same page",
                Some(format!("{} [{}] {}", other.id, other.reliability, other.title)),
            );
        }
    }
    let cited = citing(db, &s.id);
    let _ = writeln!(out, "\nCited by ({}):", cited.len());
    for rec in cited {
        let _ = writeln!(out, "  {} {}  {}", rec.kind, db.id(rec), present::label(db, rec));
    }
    out
}

/// The longest start of `id` that some record's id begins with (case aside, as `id:`
/// matches), at a char boundary.
fn id_start<'a>(db: &Db, id: &'a str) -> Option<&'a str> {
    let mut longest = 0;
    for kind in RecordKind::ALL {
        for i in 0..db.len(kind) {
            longest = longest.max(shared_start(id, db.id(Rec::new(kind, i))));
        }
    }
    while longest > 0 && !id.is_char_boundary(longest) {
        longest -= 1;
    }
    (longest > 0).then(|| &id[..longest])
}

/// How many bytes two ids start with alike, case aside.
fn shared_start(id: &str, other: &str) -> usize {
    id.bytes()
        .zip(other.bytes())
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count()
}

/// Every record's id, then every source's.
fn all_ids(db: &Db) -> impl Iterator<Item = &str> {
    RecordKind::ALL
        .iter()
        .flat_map(move |kind| (0..db.len(*kind)).map(move |i| db.id(Rec::new(*kind, i))))
        .chain(db.sources().iter().map(|s| &*s.id))
}

/// How many ids of records and sources start with `typed` (a non-empty start, shorter
/// than the id), and the first few in file order.
fn starting_with<'a>(db: &'a Db, typed: &str) -> (usize, Vec<&'a str>) {
    const SHOWN: usize = 4;
    if typed.is_empty() {
        return (0, Vec::new());
    }
    let mut first = Vec::new();
    let mut n = 0;
    for id in all_ids(db).filter(|id| id.len() > typed.len() && id.starts_with(typed)) {
        n += 1;
        if first.len() < SHOWN {
            first.push(id);
        }
    }
    (n, first)
}

/// The line for a credit code (18 letters and digits, the area code's six digits) whose
/// check character fails: what is wrong, and the company whose code it is with the
/// right one, if any. `None` for anything else: a valid code no company has is said as
/// an id none has.
fn not_a_code(db: &Db, id: &str) -> Option<String> {
    let (why, mended) = crate::search::codes::mistyped(id)?;
    let near = mended
        .and_then(|mended| {
            let rec = by_credit_code(db, &mended)?;
            Some(format!(
                "; {mended} is the code of {}, enterprise {:?}",
                present::label(db, rec),
                db.id(rec)
            ))
        })
        .unwrap_or_default();
    Some(format!("shuibei: no company has the credit code {id:?}: {why}{near}"))
}

/// The one enterprise whose credit code is `code` (case aside), if exactly one's is (the
/// dataset's check says when two share one).
fn by_credit_code(db: &Db, code: &str) -> Option<Rec> {
    // A search for anything else is no code.
    if !crate::search::codes::code_shaped(&code.to_ascii_uppercase()) {
        return None;
    }
    let mut found = db
        .enterprises()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.credit_code().is_some_and(|c| c.as_str().eq_ignore_ascii_case(code)))
        .map(|(i, _)| Rec::new(RecordKind::Enterprise, i));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The one record whose name, Chinese name or alias is `name` (case aside), if exactly
/// one is; `None` when none is, or several are (then the hint lists them).
fn named_exactly(db: &Db, name: &str) -> Option<Rec> {
    let records = crate::search::Records::from(db);
    let is = |text: &str| text.trim() == name || text.trim().eq_ignore_ascii_case(name);
    let mut found = RecordKind::ALL.iter().flat_map(|&kind| {
        (0..db.len(kind)).map(move |i| Rec::new(kind, i)).filter(move |&rec| {
            records.primary_names(rec).into_iter().flatten().any(is) || records.aliases(rec).iter().any(is)
        })
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The line naming [`also_named`]'s records, if any.
fn also_said(db: &Db, name: &str, shown: Rec) -> Option<String> {
    let also: Vec<String> = also_named(db, name, shown)
        .into_iter()
        .map(|other| {
            format!(
                "{} {:?} ({})",
                other.kind.as_str(),
                db.id(other),
                present::label(db, other)
            )
        })
        .collect();
    (!also.is_empty()).then(|| format!("shuibei: it is also part of the names of {}", also.join(", ")))
}

/// Up to three enterprises or brands besides `shown` whose name, Chinese name or an alias
/// holds `name` (case aside), in file order (events and figures name them in passing);
/// none on a dataset of more than [`NAME_SEARCHED_UP_TO`] records.
fn also_named(db: &Db, name: &str, shown: Rec) -> Vec<Rec> {
    const SAID: usize = 3;
    if name.chars().count() < 2 || RecordKind::ALL.iter().map(|k| db.len(*k)).sum::<usize>() > NAME_SEARCHED_UP_TO {
        return Vec::new();
    }
    let records = crate::search::Records::from(db);
    let name = name.to_lowercase();
    let holds = |text: &str| text.to_lowercase().contains(&name);
    [RecordKind::Enterprise, RecordKind::Brand]
        .iter()
        .flat_map(|&kind| (0..db.len(kind)).map(move |i| Rec::new(kind, i)))
        .filter(|&rec| rec != shown)
        .filter(|&rec| {
            records.primary_names(rec).into_iter().flatten().any(holds) || records.aliases(rec).iter().any(&holds)
        })
        .take(SAID)
        .collect()
}

/// The one record one of whose names is `name` once company forms, places, case and
/// punctuation are set aside (`search --exact-name`): a registered name
/// (`Chow Tai Fook Jewellery Group Limited`) names the group, as `search` finds it.
fn named_by_key(db: &Db, name: &str) -> Option<Rec> {
    let typed = crate::search::TypedName::of(name);
    // Every name is folded to compare: a mistyped id of a million records is not kept
    // waiting for that (as for `by_name`'s search).
    if typed.chars() < 2 || RecordKind::ALL.iter().map(|k| db.len(*k)).sum::<usize>() > NAME_SEARCHED_UP_TO {
        return None;
    }
    let records = crate::search::Records::from(db);
    let mut found = RecordKind::ALL.iter().flat_map(|&kind| {
        (0..db.len(kind))
            .map(move |i| Rec::new(kind, i))
            .filter(|&rec| typed.names(records, rec))
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The id closest to a mistyped one, if any is close.
fn nearest_id(db: &Db, id: &str) -> Option<String> {
    let len = id.chars().count();
    let candidates: Vec<&str> = all_ids(db).filter(|c| c.chars().count().abs_diff(len) <= 3).collect();
    crate::data::problems::closest(id, &candidates).map(str::to_owned)
}

/// Up to this many records are searched by name for `show`'s hint (a search needs the
/// index, which takes about a second to build for a million records).
const NAME_SEARCHED_UP_TO: usize = 200_000;

/// What a search for a mistyped id finds by name.
enum ByName {
    /// Records found as typed, best first (`show 周大生` names `zhou-dasheng`): up to
    /// three said (id and label), the first's id, how many more it finds, and the search
    /// that lists them.
    Found {
        listed: Vec<String>,
        first: String,
        more: usize,
        search: String,
        /// A registered name: one of those listed is named so (`search::TypedName`);
        /// else the line says none is, as `search` does. Other words: true.
        named: bool,
    },
    /// No record found so: what the search finds instead (only mentions, sources, or
    /// nothing), rather than a bare advice to run a search that finds nothing.
    Hint(String),
}

impl ByName {
    /// The advice as one clause, for a line that opens with "no record has the id".
    fn hint(self) -> String {
        match self {
            ByName::Hint(text) => text,
            ByName::Found {
                listed,
                more: 0,
                search,
                ..
            } => format!("{search} finds {}", listed.join(", ")),
            ByName::Found {
                listed, more, search, ..
            } => format!("{search} finds {}, and {more} more matches in all", listed.join(", ")),
        }
    }
}

/// What a search for `id` by name finds as typed (see [`ByName`]).
fn by_name(db: &Db, id: &str, datasets: &Datasets) -> ByName {
    let search = format!("`shuibei{} search {}`", datasets.flags(), shell_word(id));
    if RecordKind::ALL.iter().map(|k| db.len(*k)).sum::<usize>() > NAME_SEARCHED_UP_TO {
        return ByName::Hint(format!("look for it by name with {search}"));
    }
    let index = crate::search::Index::build(db);
    let out = crate::search::search(&index, db, crate::search::Scope::All, id, Some(4));
    let typed = crate::search::AsTyped::of(id, crate::search::Scope::All, &out);
    let as_typed: Vec<&crate::search::Hit> = out.hits.iter().filter(|h| typed.holds(h)).collect();
    // Names rank first: when the first holds it only outside its names (老凤祥 in a
    // customer list), no record is named so, and a bare "finds" would read as one.
    if let Some(first) = as_typed.first()
        && first.why.outside_names()
    {
        let field = first.why.explain(db, first.rec).unwrap_or_default();
        return ByName::Hint(format!(
            "{search} finds no record named so, only mentions ({:?}, {field})",
            db.id(first.rec)
        ));
    }
    let Some(first) = as_typed.first() else {
        // A word only the reports' titles hold (跑路): the sources that do.
        return ByName::Hint(match crate::search::sources_as_typed(db, id) {
            0 => format!("{search} finds nothing as typed either (near spellings, if any, it lists)"),
            n => format!(
                "{search} finds no record as typed, but {} {} it: `shuibei{} search {} --tab sources` lists {}",
                if n == 1 {
                    "1 source".to_owned()
                } else {
                    format!("{n} sources")
                },
                if n == 1 { "holds" } else { "hold" },
                datasets.flags(),
                shell_word(id),
                if n == 1 { "it" } else { "them" }
            ),
        });
    };
    let listed: Vec<String> = as_typed
        .iter()
        .take(3)
        .map(|h| format!("{:?} ({})", db.id(h.rec), present::label(db, h.rec)))
        .collect();
    let typed_name = crate::search::TypedName::of(id);
    let records = crate::search::Records::from(db);
    ByName::Found {
        // Asked of a registered name only: pinyin (`zhou da fu`) is no name a record
        // bears, yet names 周大福.
        named: !crate::search::carries_company_form(id)
            || as_typed.iter().take(3).any(|h| typed_name.names(records, h.rec)),
        first: db.id(first.rec).to_owned(),
        more: out.matched.saturating_sub(listed.len()),
        listed,
        search,
    }
}
