//! Text measured the way a terminal shows it: by display width, where a Chinese character
//! takes two columns. Fitting never cuts a character in half, wrapping breaks Latin text
//! at spaces and CJK text anywhere, and data text is made safe before it is measured
//! (so a control character cannot change a width behind our back).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize;

/// Display width of a string, after sanitizing.
#[must_use]
pub fn width(text: &str) -> usize {
    sanitize::line(text).width()
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
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
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Text cut to `max` columns as spans, with the characters at `marks` (char positions
/// in the original text) drawn in `mark` style, the rest in `base`.
#[must_use]
pub fn fit_marked(text: &str, max: usize, base: Style, mark: Style, marks: &[usize]) -> Vec<Span<'static>> {
    let clean = sanitize::line(text);
    let cut = clean.width() > max;
    let budget = if cut { max.saturating_sub(1) } else { max };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    let mut used = 0;
    for (i, c) in clean.chars().enumerate() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        let marked = marks.contains(&i);
        if marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { mark } else { base },
            ));
        }
        run_marked = marked;
        run.push(c);
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
/// line when they fit there; CJK text and over-long words break between characters.
#[must_use]
pub fn wrap(pieces: &[(&str, Style)], max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(indent + 2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // Tokens: runs of non-space Latin characters, single CJK characters, single spaces.
    for (text, style) in pieces {
        let clean = sanitize::line(text);
        let mut tokens: Vec<String> = Vec::new();
        let mut word = String::new();
        for c in clean.chars() {
            if c == ' ' || char_width(c) > 1 {
                if !word.is_empty() {
                    tokens.push(std::mem::take(&mut word));
                }
                tokens.push(c.to_string());
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            tokens.push(word);
        }
        for token in tokens {
            let mut token = token;
            loop {
                let w = token.width();
                if used + w <= max {
                    used += w;
                    push(&mut line, token, *style);
                    break;
                }
                if token == " " {
                    // A space at the end of a line is dropped, not carried over.
                    break;
                }
                let fresh = used <= indent;
                if !fresh && w <= max - indent {
                    lines.push(finish(std::mem::take(&mut line)));
                    line.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                    continue;
                }
                // Too long for any line: break it between characters.
                let mut head = String::new();
                let mut head_w = 0;
                let mut rest = token.chars();
                for c in rest.by_ref() {
                    let cw = char_width(c);
                    if used + head_w + cw > max {
                        let mut tail = String::from(c);
                        tail.extend(rest.by_ref());
                        token = tail;
                        break;
                    }
                    head.push(c);
                    head_w += cw;
                }
                if !head.is_empty() {
                    push(&mut line, head, *style);
                }
                lines.push(finish(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(indent)));
                used = indent;
                if token.is_empty() {
                    break;
                }
            }
        }
    }
    if line.iter().any(|s| !s.content.trim().is_empty()) || lines.is_empty() {
        lines.push(finish(line));
    }
    lines
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
}
