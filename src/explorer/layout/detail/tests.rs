//! The detail's text checked: a source URL broken whole, and its pieces where the pane
//! shows them.

use super::*;
use crate::data::load::load_slice;

const URL: &str = "https://vip.stock.finance.sina.com.cn/corp/view/vCB_AllBulletinDetail.php?id=9174565&stockid=002867";

#[test]
fn a_url_is_broken_whole_preferably_after_a_slash_or_a_separator() {
    for width in 1..=URL.len() + 2 {
        let pieces = break_url(URL, width, width.saturating_sub(2).max(1));
        let joined: String = pieces.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(joined, URL, "width {width}: every character once, in order");
        for (i, (piece, w)) in pieces.iter().enumerate() {
            let budget = if i == 0 { width } else { width.saturating_sub(2).max(1) };
            assert!(*w <= budget, "width {width}: {piece:?} is {w} columns");
            assert_eq!(*w, unicode_width::UnicodeWidthStr::width(piece.as_str()));
        }
    }
    let pieces: Vec<String> = break_url(URL, 40, 40).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        pieces,
        [
            "https://vip.stock.finance.sina.com.cn/",
            "corp/view/vCB_AllBulletinDetail.php?id=",
            "9174565&stockid=002867"
        ]
    );
    // Wide characters and control characters: shown (defused), measured, never split.
    let pieces = break_url("https://例.cn/水贝\u{1b}[2J", 7, 7);
    assert_eq!(
        pieces.iter().map(|(p, _)| p.as_str()).collect::<String>(),
        "https://例.cn/水贝␛[2J"
    );
    assert!(pieces.iter().all(|(_, w)| *w <= 7));
}

#[test]
fn the_detail_shows_a_source_url_whole_and_records_its_pieces() {
    let data = format!(
        r#"{{"format": "shuibei/1", "cluster": {{"name": "T"}},
            "sources": [
              {{"id": "s", "title": "Bulletin", "reliability": "high", "url": "{URL}"}},
              {{"id": "bad", "title": "Odd", "reliability": "low", "url": "javascript:alert(1)"}},
              {{"id": "f", "title": "Filed", "reliability": "low", "file": "archive/x.pdf"}}
            ],
            "brands": [{{"id": "b", "name": "B", "sources": [{{"source": "s"}}, {{"source": "bad"}}, {{"source": "f"}}]}}]}}"#
    );
    let db = load_slice("t", data.as_bytes()).unwrap();
    for width in [24, 38, 60, 200] {
        let pane = Pane {
            db: &db,
            subject: Subject::Record(db.record("b").unwrap()),
            why: None,
            focused: false,
            link: 0,
            scroll: None,
        };
        let text = text(&pane, width, &|_| Style::new());
        let plain: Vec<String> = text
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        for line in &plain {
            assert!(
                unicode_width::UnicodeWidthStr::width(line.as_str()) <= width,
                "{line:?}"
            );
        }
        let pieces = &text.urls;
        assert!(!pieces.is_empty());
        assert!(
            pieces.iter().all(|p| p.target == URL && p.url == 0),
            "only the http(s) URL links"
        );
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, URL, "width {width}: the URL whole, over its lines");
        for p in pieces {
            let line = &plain[p.line];
            assert_eq!(&line[p.column..], p.text, "width {width}: the piece is where it says");
        }
        assert!(
            plain.iter().any(|l| l.trim() == "javascript:alert(1)"),
            "shown, not linked"
        );
        assert!(plain.iter().any(|l| l.trim() == "archive/x.pdf"));
    }
}
