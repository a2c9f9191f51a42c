//! What a file an export would replace already holds: nothing worth keeping, an earlier
//! export (of which tab, where the file tells), or something of the user's. One judgement
//! for `shuibei export --output` and the explorer's `e`, so neither replaces a customer
//! list that happens to end in `.csv`.

use std::io::Read as _;
use std::path::Path;

use super::format::{Format, Tab};
use super::table::columns;
use crate::data::model::RecordKind;

/// What is at the path an export was asked to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Nothing to lose: no file, an empty one, or a FIFO, a device or a socket (written
    /// into, not replaced). A link to a file is judged by the file.
    Nothing,
    /// An export in this format, of the tab named when the file tells (a CSV's header, a
    /// JSON record's kind; a workbook does not, by its first bytes).
    Export(Option<Tab>),
    /// Something else: the user's.
    Other,
}

/// Columns added to the exports since the first, newest first: a CSV header without them
/// is an earlier version's export, still an export (an analyst's `events.csv` of last
/// month is replaced as one).
const ADDED: &[&str] = &[
    "conflicts",
    "registered_address",
    "related_names",
    "conflicts_with",
    "date_approximate",
    "strongest_reliability",
];

/// Columns renamed since the first exports, as (now, before): a header with the earlier
/// name is an earlier version's export too (`reliability` held the weakest source's, and
/// read as the explorer's `Src`, which is the strongest).
const RENAMED: &[(&str, &str)] = &[("weakest_reliability", "reliability")];

/// Whether `line` is the CSV header of an export of `tab`, this version's or an
/// earlier one's: without the newest of [`ADDED`], then without the two newest, …, each
/// with this version's names and with the earlier ones of [`RENAMED`].
fn is_header(line: &[u8], tab: Tab) -> bool {
    let named = |column: &'static str, earlier: bool| {
        RENAMED
            .iter()
            .find(|(now, _)| earlier && *now == column)
            .map_or(column, |(_, before)| before)
    };
    (0..=ADDED.len()).any(|dropped| {
        [false, true].into_iter().any(|earlier| {
            let header: Vec<&str> = columns(tab)
                .iter()
                .filter(|c| !ADDED[..dropped].contains(c))
                .map(|c| named(c, earlier))
                .collect();
            line == header.join(",").as_bytes()
        })
    })
}

/// Judges `path` by its first 4 KiB: a workbook for xlsx; for CSV the header row of an
/// export of some tab (or one written before some of [`ADDED`] and [`RENAMED`] were); for JSON Lines a
/// first line of an exported record; for JSON an array of them.
#[must_use]
pub fn existing(path: &Path, format: Format) -> Existing {
    if !path.is_file() {
        return Existing::Nothing;
    }
    let mut head = Vec::with_capacity(4096);
    if std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_err()
    {
        // Unreadable: nothing tells it is an export, so it is kept.
        return Existing::Other;
    }
    if head.is_empty() {
        return Existing::Nothing;
    }
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default().trim_ascii_end();
    let found = match format {
        Format::Xlsx => head.starts_with(b"PK").then(|| workbook_tab(path)).flatten(),
        Format::Csv => {
            let mut tabs = RecordKind::ALL.into_iter().map(Tab::Records).chain([Tab::Sources]);
            tabs.find(|&tab| is_header(first_line, tab)).map(Some)
        }
        Format::Jsonl => record(first_line),
        Format::Json => match head.trim_ascii_start().strip_prefix(b"[") {
            Some(rest) if rest.trim_ascii_start().starts_with(b"]") => Some(None),
            Some(rest) => record(rest.trim_ascii_start()),
            None => None,
        },
    };
    found.map_or(Existing::Other, Existing::Export)
}

/// The start of an exported record, `{"kind":"enterprise","id":…`, and its tab.
#[allow(clippy::option_option)] // None: no record; Some(None): a record of no known kind.
fn record(text: &[u8]) -> Option<Option<Tab>> {
    let kind = text.strip_prefix(b"{\"kind\":\"")?;
    if !text.windows(6).any(|w| w == b"\"id\":\"") {
        return None;
    }
    let kind = kind.split(|b| *b == b'"').next().unwrap_or_default();
    let kind = std::str::from_utf8(kind).ok();
    if kind == Some("source") {
        return Some(Some(Tab::Sources));
    }
    Some(kind.and_then(RecordKind::parse).map(Tab::Records))
}

/// The tab a workbook is an export of, by its sheets: the tab's own first (named by its
/// title), then, for a tab of records, a `Sources` sheet. Any other workbook (a budget
/// in .xlsx) is `None`: the user's.
#[allow(clippy::option_option)] // None: no export; Some(tab): an export of that tab.
fn workbook_tab(path: &Path) -> Option<Option<Tab>> {
    use calamine::Reader as _;
    let workbook: calamine::Xlsx<_> = calamine::open_workbook(path).ok()?;
    let sheets = workbook.sheet_names();
    let first = sheets.first()?;
    let mut tabs = RecordKind::ALL.into_iter().map(Tab::Records).chain([Tab::Sources]);
    let tab = tabs.find(|tab| tab.title() == first)?;
    (tab == Tab::Sources || sheets.iter().any(|s| s == "Sources")).then_some(Some(tab))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(text: &str, format: Format) -> Existing {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, text).unwrap();
        existing(&path, format)
    }

    #[test]
    fn an_export_is_told_by_its_tab_and_anything_else_is_the_users() {
        let header = columns(Tab::Records(RecordKind::History)).join(",");
        assert_eq!(
            judged(&format!("{header}\nx\n"), Format::Csv),
            Existing::Export(Some(Tab::Records(RecordKind::History)))
        );
        assert_eq!(judged("name,phone\nA,1\n", Format::Csv), Existing::Other);
        // Earlier versions' headers: with `reliability` where this one has
        // `weakest_reliability`, before `date_approximate` too, and before
        // `strongest_reliability` too.
        let history = columns(Tab::Records(RecordKind::History));
        let renamed = |c: &'static str| if c == "weakest_reliability" { "reliability" } else { c };
        let only_renamed: Vec<&str> = history.iter().copied().map(renamed).collect();
        for dropped in [&[][..], &ADDED[..2], ADDED] {
            let earlier: Vec<&str> = only_renamed.iter().copied().filter(|c| !dropped.contains(c)).collect();
            assert!(earlier.contains(&"reliability"), "{earlier:?}");
            assert_eq!(
                judged(&format!("{}\nx\n", earlier.join(",")), Format::Csv),
                Existing::Export(Some(Tab::Records(RecordKind::History))),
                "{earlier:?}"
            );
        }
        // The brands header a user's export of last month has (tests/cli_export.rs).
        assert_eq!(
            judged(
                "id,name,name_zh,aliases,owner,owner_name,segment,honors,summary,sources,citations,quotes,reliability\n",
                Format::Csv
            ),
            Existing::Export(Some(Tab::Records(RecordKind::Brand)))
        );
        assert_eq!(
            judged("{\"kind\":\"brand\",\"id\":\"b\"}\n", Format::Jsonl),
            Existing::Export(Some(Tab::Records(RecordKind::Brand)))
        );
        assert_eq!(
            judged("[\n{\"kind\":\"enterprise\",\"id\":\"e\"}]", Format::Json),
            Existing::Export(Some(Tab::Records(RecordKind::Enterprise)))
        );
        assert_eq!(judged("[]", Format::Json), Existing::Export(None));
        assert_eq!(
            judged("{\"kind\":\"source\",\"id\":\"s\"}\n", Format::Jsonl),
            Existing::Export(Some(Tab::Sources))
        );
        // A zip that is no workbook of an export (a budget in .xlsx, here not even one).
        assert_eq!(judged("PK\u{3}\u{4}", Format::Xlsx), Existing::Other);
        assert_eq!(judged("{\"a\":1}", Format::Json), Existing::Other);
        assert_eq!(judged("", Format::Csv), Existing::Nothing);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(existing(&dir.path().join("none.csv"), Format::Csv), Existing::Nothing);
    }

    /// A workbook is an export by its sheets: a trial's own budget.xlsx would otherwise
    /// have been replaced as "an earlier export".
    #[test]
    fn a_workbook_is_an_export_of_the_tab_its_sheets_name() {
        let dir = tempfile::tempdir().unwrap();
        let book = |name: &str, sheets: &[&str]| {
            let path = dir.path().join(name);
            let mut workbook = rust_xlsxwriter::Workbook::new();
            for sheet in sheets {
                workbook.add_worksheet().set_name(*sheet).unwrap();
            }
            workbook.save(&path).unwrap();
            existing(&path, Format::Xlsx)
        };
        assert_eq!(
            book("e.xlsx", &["Enterprises", "Sources", "Listings"]),
            Existing::Export(Some(Tab::Records(RecordKind::Enterprise)))
        );
        assert_eq!(book("s.xlsx", &["Sources"]), Existing::Export(Some(Tab::Sources)));
        assert_eq!(book("budget.xlsx", &["Budget"]), Existing::Other);
        assert_eq!(book("history-alone.xlsx", &["History"]), Existing::Other);
    }
}
