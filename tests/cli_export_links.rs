//! `shuibei export` to xlsx: each source's URL is a link that opens the page the data
//! names. Read back as Excel does: the link's target from the sheet's relationship part
//! (`xl/worksheets/_rels/sheetN.xml.rels`), its fragment from the sheet's `<hyperlink>`.

use crate::common;

use std::collections::BTreeSet;
use std::io::Read;

use calamine::Reader as _;

use common::{fixture, shuibei};

/// A part of the workbook at `path`, as text.
fn part(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// Every value of `attribute` in `xml`, XML entities read back.
fn attributes(xml: &str, attribute: &str) -> Vec<String> {
    let opening = format!(" {attribute}=\"");
    xml.split(opening.as_str())
        .skip(1)
        .map(|rest| {
            let value = &rest[..rest.find('"').unwrap()];
            value
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

/// Exports `args` to a workbook in a new directory; returns the directory and the file.
fn export(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    let mut all = args.to_vec();
    all.extend(["--output", path.to_str().unwrap()]);
    let run = shuibei(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, path)
}

/// A journalist's trial: HK01's, Yahoo's and Sing Tao's links (percent-encoded by their
/// sites) opened `%25E6…`, escaped a second time. Every link of the shipped data now
/// targets exactly the URL the data holds.
#[test]
fn every_shipped_source_links_to_the_url_the_data_holds() {
    let db = shuibei::data::load::embedded().unwrap();
    let urls: BTreeSet<String> = db
        .sources()
        .iter()
        .filter_map(|s| s.url.as_deref().map(str::to_owned))
        .collect();
    let encoded: Vec<&String> = urls.iter().filter(|u| u.contains("%E6")).collect();
    assert!(
        encoded.len() >= 10,
        "the shipped data has percent-encoded URLs: {encoded:?}"
    );
    assert!(encoded.iter().any(|u| u.starts_with("https://www.hk01.com/")));

    let (_dir, path) = export(&["export", "--tab", "sources"]);
    let targets: BTreeSet<String> = attributes(&part(&path, "xl/worksheets/_rels/sheet1.xml.rels"), "Target")
        .into_iter()
        .collect();
    assert_eq!(targets, urls, "one link per URL, each exactly as stored");

    // A record tab's Sources sheet (the second) links the same way.
    let (_dir, path) = export(&["export", "--tab", "history"]);
    let targets = attributes(&part(&path, "xl/worksheets/_rels/sheet2.xml.rels"), "Target");
    assert!(!targets.is_empty());
    assert!(targets.iter().all(|t| urls.contains(t)), "{targets:?}");
    assert!(targets.iter().any(|t| t.contains("%E6")), "{targets:?}");
}

/// A URL written with Chinese characters, a space or a fragment is a working link: what
/// a link cannot carry is percent-encoded (UTF-8), once; the cell shows the URL as stored.
#[test]
fn a_url_with_chinese_characters_or_a_space_links_percent_encoded_once() {
    let data = fixture("links.json");
    let (_dir, path) = export(&["export", "--data", data.to_str().unwrap(), "--tab", "sources"]);
    let rels = part(&path, "xl/worksheets/_rels/sheet1.xml.rels");
    assert_eq!(
        attributes(&rels, "Target"),
        [
            "https://www.hk01.com/%E5%8D%B3%E6%99%82%E4%B8%AD%E5%9C%8B/60320754/%E6%B0%B4%E8%B2%9D",
            "https://example.com/%E6%B0%B4%E8%B4%9D/%E9%BB%84%E9%87%91?q=%E5%91%A8%E5%A4%A7%E7%94%9F&page=2",
            "https://example.com/gold%20report.html",
        ],
        "{rels}"
    );
    // The fragment is kept beside the target, as Excel writes one.
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    assert_eq!(
        attributes(&sheet, "location"),
        ["%E7%AC%AC%E4%BA%8C%E8%8A%82"],
        "{sheet}"
    );
    // The cells show the URLs as the data holds them.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = book.worksheet_range("Sources").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(ToString::to_string).collect();
    let url = header.iter().position(|h| h == "url").unwrap();
    let shown: Vec<String> = range.rows().skip(1).map(|r| r[url].to_string()).collect();
    assert_eq!(
        shown,
        [
            "https://www.hk01.com/%E5%8D%B3%E6%99%82%E4%B8%AD%E5%9C%8B/60320754/%E6%B0%B4%E8%B2%9D",
            "https://example.com/水贝/黄金?q=周大生&page=2",
            "https://example.com/gold report.html#第二节",
        ]
    );
}
