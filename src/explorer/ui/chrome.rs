//! The screen's frame: the title line, the tab bar and the footer (key hints from the
//! keymap, and the status message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::data::present;
use crate::explorer::app::App;
use crate::explorer::layout::text::fit;
use crate::explorer::layout::{Regions, tab_label_in};

/// The title line: the cluster's name, and on the right the datasets laid over the base
/// with their record counts (the right side is kept; the name gives way).
pub fn title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let cluster = &app.db.dataset().cluster;
    let name = present::names(&cluster.name, cluster.name_zh.as_deref());
    let layers = present::layers(&app.db);
    let room = width.saturating_sub(12).max(width / 2);
    let (right, style) = if let Some((file, gone)) = &app.stale {
        // Said until a reading that loads replaces this one: the status line's report
        // goes at the next key.
        let mark = if *gone {
            format!("{file} is gone from disk: showing it as it was ")
        } else {
            format!("{file} on disk does not load: showing it as it was ")
        };
        (fit(&mark, room), theme.error)
    } else if layers.is_empty() {
        (String::new(), theme.key)
    } else if layers.width() < room {
        (format!("{layers} "), theme.key)
    } else {
        // Too long to name every file: the count, rather than a list cut mid-name.
        (fit(&format!("{} ", present::layers_brief(&app.db)), room), theme.key)
    };
    let left = fit(&format!(" shuibei · {name}"), width.saturating_sub(right.width() + 1));
    let gap = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The tab bar. The active tab is bracketed as well as styled, so it shows without colour.
pub fn tabs(app: &App, theme: &Theme, frame: &mut Frame, regions: &Regions) {
    let counts = app.counts();
    for ((tab, rect), count) in regions.tabs.iter().zip(counts) {
        let active = *tab == app.tab;
        let label = tab_label_in(*tab, count, regions.tab_form);
        let text = if active {
            format!("[{label}]")
        } else {
            format!(" {label} ")
        };
        let style = if active { theme.tab_active } else { theme.tab };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&text, usize::from(rect.width)), style)),
            *rect,
        );
    }
}

/// Draws a one-line text box: a prompt, the text, and the terminal's cursor on the caret
/// (input methods place their candidate window there).
pub fn text_box(
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    prompt: &str,
    text: &crate::explorer::app::view::TextBox,
) {
    prompted_box(theme, frame, area, (prompt, theme.key), text);
}

/// [`text_box`] with the prompt in its own style (a question or a problem, say).
fn prompted_box(
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    (prompt, prompt_style): (&str, ratatui::style::Style),
    text: &crate::explorer::app::view::TextBox,
) {
    let prompt_width = prompt.width();
    let room = usize::from(area.width).saturating_sub(prompt_width + 1);
    // Keep the caret in view: drop the start of the text when it is longer than the room.
    let before: String = text.text.chars().take(text.caret).collect();
    let skip = crate::explorer::layout::text::width(&before).saturating_sub(room);
    // Drop whole chars from the front until the dropped text is `skip` columns wide
    // (measured as a string, as the terminal measures it).
    let mut shown: &str = &text.text;
    let mut dropped = 0;
    for (i, _) in text.text.char_indices() {
        dropped = crate::explorer::layout::text::width(&text.text[..i]);
        shown = &text.text[i..];
        if dropped >= skip {
            break;
        }
    }
    if dropped < skip {
        shown = "";
    }
    let line = Line::from(vec![
        Span::styled(prompt.to_owned(), prompt_style),
        Span::styled(fit(shown, room), theme.base),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    let caret = prompt_width + crate::explorer::layout::text::width(&before).saturating_sub(dropped);
    let x = area.x
        + u16::try_from(caret)
            .unwrap_or(u16::MAX)
            .min(area.width.saturating_sub(1));
    frame.set_cursor_position((x, area.y));
}

/// At most this many lines of a status message too long for the footer.
const STATUS_LINES: usize = 4;

/// A status message too long for one line (an error with its place in a file, say): it
/// wraps upwards over the bottom of the lists, until the next key takes it away, so
/// nothing of it is cut at the screen's edge. The title and tab bar stay.
fn long_status(frame: &mut Frame, area: Rect, text: &str, style: ratatui::style::Style) {
    let width = usize::from(area.width);
    let mut lines = crate::explorer::layout::text::wrap(&[(text, style)], width.saturating_sub(1), 1);
    let room = usize::from(area.y.saturating_sub(2)) + 1;
    let keep = lines.len().min(STATUS_LINES).min(room).max(1);
    if lines.len() > keep {
        // What does not fit is cut with a mark, at the end of the last line shown.
        let last: String = lines[keep - 1].spans.iter().map(|s| s.content.as_ref()).collect();
        lines.truncate(keep - 1);
        lines.push(Line::styled(fit(&format!("{last}…"), width.saturating_sub(1)), style));
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| {
            let used: usize = line.spans.iter().map(|s| s.content.width()).sum();
            let mut spans = line.spans;
            spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
            Line::from(spans)
        })
        .collect();
    let height = u16::try_from(lines.len()).unwrap_or(1);
    let rect = Rect::new(area.x, area.y + 1 - height, area.width, height);
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Paragraph::new(lines), rect);
}

/// The footer: the open text box, else the status message, else the hints of this context.
pub fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    use crate::explorer::action::Action;
    let width = usize::from(area.width);
    if let Some(crate::explorer::app::Input::Export(path)) = &app.input {
        let (rows, left) = app.current_view().export_counts();
        // A problem with the name (or the question before replacing a file) takes the
        // prompt's place, so it shows while the name is still being typed.
        if let Some(status) = &app.status {
            let style = if status.error { theme.error } else { theme.status };
            prompted_box(theme, frame, area, (&format!(" {} ▸ ", status.text), style), path);
        } else {
            // Rows shown that are no answer (marked ≈, or holding the query only in a
            // clause that negates it) are left out, as `shuibei export` leaves them: the
            // prompt says how many.
            let left = if left > 0 {
                format!(" ({} left out)", crate::data::present::count(left))
            } else {
                String::new()
            };
            let prompt = format!(
                " Export {} row{}{left} to (.xlsx .csv .json .jsonl): ",
                crate::data::present::count(rows),
                if rows == 1 { "" } else { "s" }
            );
            text_box(theme, frame, area, &prompt, path);
        }
        return;
    }
    if let Some(status) = &app.status {
        let style = if status.error { theme.error } else { theme.status };
        let text = format!(" {}", status.text);
        if text.width() <= width {
            frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
        } else {
            long_status(frame, area, &text, style);
        }
        return;
    }
    let jump = matches!(app.input, Some(crate::explorer::app::Input::Jump(_)));
    // Esc clears a search box that holds text; it closes an empty one, the jump box and
    // the export prompt.
    let clears = matches!(app.input, Some(crate::explorer::app::Input::Search(kind))
        if !app.view(kind).query.text.is_empty());
    let compare = app.context() == crate::explorer::keymap::Context::Compare;
    // On the Overview's summary line Enter shows the summary whole, or cut again.
    let summary = (app.tab == crate::explorer::action::Tab::Overview
        && app.context() == crate::explorer::keymap::Context::List)
        .then(|| app.overview_page())
        .flatten()
        .and_then(|page| page.links.get(app.overview_link()).map(|l| l.target))
        .filter(|target| *target == crate::explorer::app::Link::Summary)
        .map(|_| {
            if app.summary == crate::explorer::app::Summary::Whole {
                "shorter summary"
            } else {
                "whole summary"
            }
        });
    // A hint for a key that would only say it has nothing to do is left out, which
    // leaves its room to one that does: Backspace with no place to go back to, Enter in
    // the jump box with no match to go to.
    let idle = |action: Action| match action {
        Action::Back => app.back.is_empty(),
        Action::Accept => matches!(&app.input, Some(crate::explorer::app::Input::Jump(j)) if j.rows() == 0),
        _ => false,
    };
    let hints: Vec<(String, &str, Action)> = app
        .keymap
        .hints(app.context(), app.tab)
        .into_iter()
        .filter(|(_, action)| !idle(*action))
        .map(|(key, action)| {
            // The jump box's Enter goes to the record; a search box's keeps the query.
            let what = match action {
                Action::Accept if jump => "go",
                Action::Cancel if !clears => "close",
                Action::Follow if compare => "open",
                Action::Open if summary.is_some() => summary.unwrap_or("open"),
                other => crate::explorer::keymap::short(other),
            };
            (key, what, action)
        })
        .collect();
    let piece = |(key, what, _): &(String, &str, Action)| key.width() + 1 + what.width() + 2;
    // How to get help and how to leave stay on a narrow screen: the hints before them
    // give way first (they are all in the help).
    let lasting = |action: Action| matches!(action, Action::Help | Action::Quit);
    let reserved: usize = hints.iter().filter(|h| lasting(h.2)).map(piece).sum();
    let keep = reserved < width;
    let mut used = 1 + if keep { reserved } else { 0 };
    let mut room = true;
    let mut spans = vec![Span::raw(" ")];
    for hint in &hints {
        let fits = if lasting(hint.2) && keep {
            true
        } else {
            room = room && used + piece(hint) <= width;
            if room {
                used += piece(hint);
            }
            room
        };
        if fits {
            spans.push(Span::styled(hint.0.clone(), theme.key));
            spans.push(Span::styled(format!(" {}  ", hint.1), theme.hint));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
