//! Text measured the way a terminal shows it: by display width, where a Chinese character
//! takes two columns. Fitting never cuts a character in half, wrapping breaks Latin text
//! at spaces and CJK text anywhere, and data text is made safe before it is measured
//! (so a control character cannot change a width behind our back).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::data::model::Reliability;
use crate::sanitize;

pub mod apart;

/// What a piece of laid-out text is. The layout says what each piece is; the theme says
/// how it looks, so the layout (and the state that measures with it) needs no colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Base,
    Dim,
    Title,
    TitleZh,
    Label,
    /// Characters a search matched.
    Matched,
    /// Anything resting on a low-reliability source.
    Low,
    Heading,
    Link,
    LinkSelected,
    Quote,
    Key,
    /// A reliability mark.
    Reliability(Reliability),
}

/// Display width of a string, after sanitizing.
#[must_use]
pub fn width(text: &str) -> usize {
    sanitize::line(text).width()
}

/// The grapheme clusters of a text with their first char's index and their width, the
/// units a terminal draws: measuring a cluster whole keeps `❤️` (two columns, though its
/// chars count 1 + 0) and `水́` the width the terminal gives them.
pub(super) fn clusters(text: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut chars = 0;
    text.graphemes(true).map(move |g| {
        let at = chars;
        chars += g.chars().count();
        (at, g, g.width())
    })
}

/// Text cut to at most `max` columns, ending in `…` when cut.
#[must_use]
pub fn fit(text: &str, max: usize) -> String {
    let text = sanitize::line(text);
    if text.width() <= max {
        return text.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for (_, g, w) in clusters(&text) {
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Text cut to at most `max` columns in the middle, its start and end kept around `…`:
/// for ids, whose ends tell them apart (`ind-gold-price-…-2026-02-spring-festival`).
#[must_use]
pub fn fit_middle(text: &str, max: usize) -> String {
    let text = sanitize::line(text);
    if text.width() <= max {
        return text.into_owned();
    }
    if max < 3 {
        return fit(&text, max);
    }
    let all: Vec<(&str, usize)> = clusters(&text).map(|(_, g, w)| (g, w)).collect();
    // The end gets the larger half: it is where ids differ most.
    let (head_room, tail_room) = ((max - 1) / 2, max - 1 - (max - 1) / 2);
    let mut head = String::new();
    let mut used = 0;
    for (g, w) in &all {
        if used + w > head_room {
            break;
        }
        head.push_str(g);
        used += w;
    }
    format!("{head}…{}", last_clusters(&all, tail_room))
}

/// The last of `all` (grapheme clusters and their widths) that fit in `room` columns,
/// joined: the end a cut keeps.
pub(super) fn last_clusters(all: &[(&str, usize)], room: usize) -> String {
    let mut tail: Vec<&str> = Vec::new();
    let mut used = 0;
    for (g, w) in all.iter().rev() {
        if used + w > room {
            break;
        }
        tail.push(g);
        used += w;
    }
    tail.reverse();
    tail.concat()
}

/// Text cut to `max` columns as spans, with the characters at `marks` (char positions
/// in the original text) drawn in `mark` style, the rest in `base`. A cluster is marked
/// when any of its chars is.
#[must_use]
pub fn fit_marked(text: &str, max: usize, base: Style, mark: Style, marks: &[usize]) -> Vec<Span<'static>> {
    // Sanitizing swaps one char for one char, so the marks' char positions still hold.
    let clean = sanitize::line(text);
    let cut = clean.width() > max;
    let budget = if cut { max.saturating_sub(1) } else { max };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    let mut used = 0;
    for (at, g, w) in clusters(&clean) {
        if used + w > budget {
            break;
        }
        used += w;
        let count = g.chars().count();
        let marked = marks.iter().any(|m| (at..at + count).contains(m));
        if marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { mark } else { base },
            ));
        }
        run_marked = marked;
        run.push_str(g);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { mark } else { base }));
    }
    if cut && max > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// Pads text with spaces to exactly `width` columns (after fitting).
#[must_use]
pub fn pad(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let w = fitted.width();
    format!("{fitted}{}", " ".repeat(width.saturating_sub(w)))
}

/// Wraps styled pieces of one paragraph into lines of at most `max` columns.
/// Continuation lines start with `indent` spaces. Latin words move whole to the next
/// line when they fit there; CJK text and over-long words break between clusters.
#[must_use]
pub fn wrap(pieces: &[(&str, Style)], max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(indent + 2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in pieces {
        let clean = sanitize::line(text);
        // Tokens: runs of narrow clusters between spaces (words), single wide clusters,
        // single spaces; each with its width.
        let mut tokens: Vec<(String, usize)> = Vec::new();
        let mut word = String::new();
        let mut word_width = 0;
        for (_, g, w) in clusters(&clean) {
            if g == " " || w > 1 {
                if !word.is_empty() {
                    tokens.push((std::mem::take(&mut word), word_width));
                    word_width = 0;
                }
                tokens.push((g.to_owned(), w));
            } else {
                word.push_str(g);
                word_width += w;
            }
        }
        if !word.is_empty() {
            tokens.push((word, word_width));
        }
        for (token, w) in glue_punctuation(tokens) {
            if used + w <= max {
                used += w;
                push(&mut line, token, *style);
                continue;
            }
            if token == " " {
                // A space at the end of a line is dropped, not carried over.
                continue;
            }
            if used > indent && w <= max - indent {
                // The word fits on a line of its own: start one.
                lines.push(finish(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(indent)));
                used = indent;
                push(&mut line, token, *style);
                used += w;
                continue;
            }
            // Too long for any line: a path breaks after its separators
            // (`/tmp/trial2-work/` | `overlay2.json`, not `…/o` | `verlay2.json`), each
            // part on this line if it fits, else on the next; a part still too long
            // breaks between clusters, as many lines as it takes.
            for part in path_parts(&token) {
                let pw = width(part);
                if used + pw > max && used > indent && pw <= max - indent {
                    lines.push(finish(std::mem::take(&mut line)));
                    line.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                }
                let mut head = String::new();
                for (_, g, cw) in clusters(part) {
                    if used + cw > max && used > indent {
                        push(&mut line, std::mem::take(&mut head), *style);
                        lines.push(finish(std::mem::take(&mut line)));
                        line.push(Span::raw(" ".repeat(indent)));
                        used = indent;
                    }
                    // A cluster wider than a whole line is drawn anyway; the pane cuts it.
                    head.push_str(g);
                    used += cw;
                }
                if !head.is_empty() {
                    push(&mut line, head, *style);
                }
            }
        }
    }
    if line.iter().any(|s| !s.content.trim().is_empty()) || lines.is_empty() {
        lines.push(finish(line));
    }
    lines
}

/// A word cut after each path separator (`/`, `\\`), each part ending in its
/// separator: where a path too long for a line may break.
fn path_parts(word: &str) -> impl Iterator<Item = &str> {
    word.split_inclusive(['/', '\\'])
}

/// Marks that belong to the text before them: never the first thing on a line.
const CLOSING: &[char] = &[
    ')', ']', '}', ',', '.', ';', ':', '!', '?', '%', '"', '\'', '”', '’', '）', '】', '」', '』', '》', '〉', '，',
    '。', '、', '；', '：', '！', '？',
];
/// Marks that belong to the text after them: never the last thing on a line.
const OPENING: &[char] = &['(', '[', '{', '“', '‘', '（', '【', '「', '『', '《', '〈'];

/// Closing punctuation never starts a line and opening punctuation never ends one: a
/// token of closing marks only (or a word that starts with one) joins the token before it, and the token after a token of
/// opening marks only joins that one (unless a space stands between), so `…有限公司)`
/// wraps as `…有限` / `公司)`, never with a lone `)` on a line of its own.
fn glue_punctuation(tokens: Vec<(String, usize)>) -> Vec<(String, usize)> {
    let only = |t: &str, set: &[char]| !t.is_empty() && t.chars().all(|c| set.contains(&c));
    let mut out: Vec<(String, usize)> = Vec::with_capacity(tokens.len());
    for (token, w) in tokens {
        let after_opening = out.last().is_some_and(|(last, _)| only(last, OPENING));
        // A word that starts with a closing mark ("'s" after 金雅福, no space between) is
        // glued as the mark alone would be: `金雅福's` never breaks before its `'s`.
        let joins = token != " " && (after_opening || token.starts_with(CLOSING));
        match out.last_mut() {
            Some((last, width)) if joins && last != " " => {
                last.push_str(&token);
                *width += w;
            }
            _ => out.push((token, w)),
        }
    }
    out
}

/// A finished line, without the spaces a break left at its end.
fn finish(mut spans: Vec<Span<'static>>) -> Line<'static> {
    loop {
        let len = spans.len();
        let Some(last) = spans.last_mut() else { break };
        let trimmed = last.content.trim_end().len();
        if trimmed == 0 && len > 1 {
            spans.pop();
        } else {
            last.content.to_mut().truncate(trimmed);
            break;
        }
    }
    Line::from(spans)
}

fn push(line: &mut Vec<Span<'static>>, text: String, style: Style) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = line.last_mut()
        && last.style == style
    {
        last.content.to_mut().push_str(&text);
        return;
    }
    line.push(Span::styled(text, style));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn fitting_in_the_middle_keeps_both_ends() {
        let id = "ind-gold-price-brand-stores-2026-02-spring-festival";
        let cut = fit_middle(id, 30);
        assert_eq!(cut, "ind-gold-price…spring-festival");
        assert_eq!(cut.width(), 30);
        assert_eq!(fit_middle(id, 80), id);
        // Wide characters are never split, and the width is never passed.
        for max in 0..12 {
            let cut = fit_middle("周大福珠宝集团有限公司", max);
            assert!(cut.width() <= max, "{max}: {cut}");
        }
        assert_eq!(fit_middle("周大福珠宝集团有限公司", 9), "周大…公司");
        assert_eq!(fit_middle("abcdef", 2), "a…");
    }

    #[test]
    fn fitting_never_cuts_a_wide_character() {
        assert_eq!(fit("周大生珠宝", 10), "周大生珠宝");
        assert_eq!(fit("周大生珠宝", 9), "周大生珠…");
        assert_eq!(fit("周大生珠宝", 6), "周大…");
        assert_eq!(fit("周大生珠宝", 5), "周大…");
        assert_eq!(fit("周大生珠宝", 2), "…");
        assert_eq!(fit("abc", 0), "");
        for max in 0..12 {
            assert!(fit("周a大b生c珠宝", max).width() <= max, "{max}");
        }
    }

    #[test]
    fn control_characters_are_measured_as_their_placeholders() {
        assert_eq!(fit("a\u{1b}[2Jb", 10), "a␛[2Jb");
        assert_eq!(width("\u{1b}"), 1);
    }

    #[test]
    fn marks_follow_characters_in_mixed_text() {
        let spans = fit_marked("Zhou 周大生", 20, Style::new(), Style::new().bold(), &[5, 6]);
        let marked: String = spans
            .iter()
            .filter(|s| s.style == Style::new().bold())
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, "周大");
    }

    /// A path too long for a line breaks after a separator, not mid-name: a trial's
    /// conflict line read `/tmp/trial2-work/o` | `verlay2.json`.
    #[test]
    fn a_long_path_wraps_at_its_separators() {
        let text = "capital: 1000000 CNY (/tmp/trial2-work/a-long-folder-name/overlay2.json) over";
        let lines = wrap(&[(text, Style::new())], 30, 2);
        let text: Vec<String> = lines.iter().map(plain).collect();
        assert_eq!(
            text,
            [
                "capital: 1000000 CNY (/tmp/",
                "  trial2-work/",
                "  a-long-folder-name/",
                "  overlay2.json) over"
            ]
        );
        // A part with no separator still breaks where it must.
        let lines = wrap(
            &[
                ("/a/".repeat(2).as_str(), Style::new()),
                ("x".repeat(40).as_str(), Style::new()),
            ],
            12,
            0,
        );
        assert!(lines.iter().all(|l| l.width() <= 12), "{lines:?}");
    }

    #[test]
    fn clusters_wider_than_their_chars_fit_and_wrap() {
        // ❤️ is two columns though its chars count 1 + 0; #️ likewise.
        assert_eq!(fit(&"❤\u{fe0f}".repeat(5), 6), format!("{}…", "❤\u{fe0f}".repeat(2)));
        for (text, max, indent) in [("#\u{fe0f}".repeat(3), 4, 0), ("❤\u{fe0f}".repeat(26), 50, 2)] {
            let lines = wrap(&[(text.as_str(), Style::new())], max, indent);
            let shown: String = lines.iter().map(plain).collect();
            assert_eq!(shown.replace(' ', ""), text, "every cluster is shown once");
            for line in &lines {
                assert!(line.width() <= max.max(indent + 2), "{line:?}");
            }
        }
        let marked = fit_marked("a❤\u{fe0f}b", 10, Style::new(), Style::new().bold(), &[2]);
        let bold: String = marked
            .iter()
            .filter(|s| s.style == Style::new().bold())
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(bold, "❤\u{fe0f}", "a mark on any char of a cluster marks the cluster");
    }

    #[test]
    fn wrapping_keeps_latin_words_and_breaks_cjk_anywhere() {
        let lines = wrap(&[("the quick brown fox jumps", Style::new())], 10, 0);
        let text: Vec<String> = lines.iter().map(plain).collect();
        assert_eq!(text, ["the quick", "brown fox", "jumps"]);
        let lines = wrap(&[("深圳市黄金珠宝产业集聚基地", Style::new())], 10, 0);
        for line in &lines {
            assert!(line.width() <= 10);
        }
        assert_eq!(
            lines.iter().map(plain).collect::<String>(),
            "深圳市黄金珠宝产业集聚基地"
        );
        let lines = wrap(
            &[("Label: ", Style::new()), ("a long value that wraps", Style::new())],
            16,
            2,
        );
        assert!(lines[1].spans[0].content.starts_with("  "));
    }

    #[test]
    fn punctuation_stays_with_the_text_it_belongs_to() {
        // A closing bracket after CJK text that just fills the line takes the last
        // character with it rather than standing alone.
        let lines = wrap(&[("(深圳市粤宝鑫贵金属有限公司)", Style::new())], 27, 0);
        let text: Vec<String> = lines.iter().map(plain).collect();
        assert_eq!(text, ["(深圳市粤宝鑫贵金属有限公", "司)"]);
        for width in 6..40 {
            for text in [
                "(深圳市粤宝鑫贵金属有限公司)",
                "见《深圳商报》。又见（水贝）",
                "Shuibei (水贝) market, 2026.",
                "Investors in 金雅福's gold plans.",
            ] {
                let lines: Vec<String> = wrap(&[(text, Style::new())], width, 0).iter().map(plain).collect();
                for line in &lines[1..] {
                    assert!(!line.starts_with(CLOSING), "{width}: {lines:?}");
                }
                for line in &lines[..lines.len() - 1] {
                    if line.chars().count() > 1 {
                        assert!(!line.ends_with(OPENING), "{width}: {lines:?}");
                    }
                }
                assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""), "nothing lost");
            }
        }
    }
}
