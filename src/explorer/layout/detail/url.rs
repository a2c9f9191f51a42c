//! A source's URL in the detail pane: broken whole over as many lines as it takes,
//! preferably after a separator, each piece recorded so the renderer can make it a link.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::explorer::layout::text::clusters;

/// One line's piece of a source URL: where it stands in the text and the address it
/// leads to (only for URLs that [`sanitize::link_target`](crate::sanitize::link_target)
/// accepts; others are shown whole but lead nowhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlPiece {
    /// The text line (before scrolling).
    pub line: usize,
    /// The first column of the piece, its width in columns, and its text as shown.
    pub column: usize,
    pub width: usize,
    pub text: String,
    /// The validated, percent-encoded address.
    pub target: String,
    /// Which URL of the detail, in reading order: the pieces of one URL share it.
    pub url: usize,
}

/// Where a URL may break: after these characters, when one falls in a line's second half.
const URL_BREAKS: [&str; 5] = ["/", "?", "&", "#", "="];

/// A URL (made safe to show) in pieces of at most `first` columns, then `rest` columns,
/// with each piece's width: every character shown once, in order. A piece ends after a
/// [`URL_BREAKS`] character when one lies in its second half, else where the line is full.
#[must_use]
pub fn break_url(url: &str, first: usize, rest: usize) -> Vec<(String, usize)> {
    let clean = crate::sanitize::line(url);
    let mut pieces: Vec<(String, usize)> = Vec::new();
    let mut current: Vec<(&str, usize)> = Vec::new();
    let mut used = 0;
    for (_, g, w) in clusters(&clean) {
        loop {
            let budget = if pieces.is_empty() { first } else { rest };
            if used + w <= budget || current.is_empty() {
                break;
            }
            // After the last break character in the second half, else here.
            let mut cut = current.len();
            let mut width_before = 0;
            let mut best = None;
            for (i, (c, cw)) in current.iter().enumerate() {
                width_before += cw;
                if URL_BREAKS.contains(c) && width_before * 2 >= budget {
                    best = Some(i + 1);
                }
            }
            if let Some(at) = best {
                cut = at;
            }
            let carried = current.split_off(cut);
            let width: usize = current.iter().map(|(_, cw)| cw).sum();
            pieces.push((current.iter().map(|(c, _)| *c).collect(), width));
            current = carried;
            used = current.iter().map(|(_, cw)| cw).sum();
        }
        // A cluster wider than a whole line still goes on one; the pane cuts it.
        current.push((g, w));
        used += w;
    }
    if !current.is_empty() {
        pieces.push((current.iter().map(|(c, _)| *c).collect(), used));
    }
    pieces
}

/// A source's URL, whole, over as many lines as it takes, its pieces recorded in `urls`.
pub(super) fn url_lines(
    lines: &mut Vec<Line<'static>>,
    urls: &mut Vec<UrlPiece>,
    url: &str,
    width: usize,
    style: Style,
) {
    let (first, rest) = (2, 4);
    let target = crate::sanitize::link_target(url);
    let n = urls.last().map_or(0, |p| p.url + 1);
    let pieces = break_url(
        url,
        width.saturating_sub(first).max(1),
        width.saturating_sub(rest).max(1),
    );
    for (i, (piece, piece_width)) in pieces.into_iter().enumerate() {
        let indent = if i == 0 { first } else { rest };
        if let Some(target) = &target {
            urls.push(UrlPiece {
                line: lines.len(),
                column: indent,
                width: piece_width,
                text: piece.clone(),
                target: target.clone(),
                url: n,
            });
        }
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(indent)),
            Span::styled(piece, style),
        ]));
    }
}
