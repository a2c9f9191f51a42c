//! Overlays drawn over the main screen: the help (generated from the keymap) and the
//! filter picker. Before drawing, the area is cleared so that no half of a wide
//! character is left straddling the overlay's edge.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::{fit, pad};
use crate::app::App;
use crate::app::facets::Picker;
use crate::keymap::Context;

/// Clears `area` for an overlay. A wide character whose left half sits just outside the
/// area would otherwise keep its left half on screen with its right half drawn over: it
/// is replaced by a space.
pub fn clear(frame: &mut Frame, area: Rect) {
    repair_left_edge(frame.buffer_mut(), area);
    frame.render_widget(Clear, area);
}

fn repair_left_edge(buf: &mut Buffer, area: Rect) {
    if area.x == 0 {
        return;
    }
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A centred rectangle of at most `w` × `h` inside `area`.
#[must_use]
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// The help text: every binding of every context, from the keymap, and the legend.
#[must_use]
pub fn help_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in [
        Context::List,
        Context::Detail,
        Context::Picker,
        Context::Input,
        Context::Help,
    ] {
        let bindings: Vec<_> = app.keymap.bindings(context, app.tab).collect();
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(context.title().to_owned(), theme.heading));
        let mut seen = Vec::new();
        for b in bindings {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let keys: Vec<String> = b.keys.iter().map(|k| k.name()).collect();
            let keys = pad(&keys.join(" "), 22);
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys}"), theme.key),
                Span::styled(fit(b.action.describe(), width.saturating_sub(25)), theme.base),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("The Src column".to_owned(), theme.heading));
    for (mark, text, r) in [
        (
            "high",
            "every source is official, a filing or a major newspaper",
            crate::model::Reliability::High,
        ),
        (
            "med ",
            "the weakest source is trade press or a reprint",
            crate::model::Reliability::Medium,
        ),
        (
            "LOW ",
            "rests on a blog, a machine translation or one interested party",
            crate::model::Reliability::Low,
        ),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark}  "), theme.reliability(Some(r))),
            Span::styled(fit(text, width.saturating_sub(8)), theme.base),
        ]));
    }
    lines
}

pub fn help(app: &App, theme: &Theme, frame: &mut Frame, scroll: usize) {
    let area = centred(frame.area(), 72, frame.area().height.saturating_sub(2));
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Help · Esc closes ", theme.heading));
    let inner = block.inner(area);
    let lines = help_lines(app, theme, usize::from(inner.width));
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(usize::from(inner.height)).collect();
    frame.render_widget(Paragraph::new(visible).block(block).style(theme.overlay), area);
}

pub fn picker(theme: &Theme, frame: &mut Frame, picker: &Picker, app: &App) {
    let height = u16::try_from(picker.entries.len() + 6).unwrap_or(u16::MAX);
    let area = centred(frame.area(), 46, height.min(frame.area().height.saturating_sub(2)));
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Filter enterprises · Space toggles ", theme.heading));
    let inner = block.inner(area);
    let facets = &app.view(crate::model::RecordKind::Enterprise).facets;
    let mut lines: Vec<(Line, Option<usize>)> = Vec::new();
    let mut last = None;
    for (i, entry) in picker.entries.iter().enumerate() {
        if last != Some(entry.facet) {
            if last.is_some() {
                lines.push((Line::default(), None));
            }
            lines.push((Line::styled(entry.facet.title().to_owned(), theme.heading), None));
            last = Some(entry.facet);
        }
        let on = facets.is_on(entry.facet, &entry.value);
        let value = if entry.value.is_empty() {
            "(not stated)"
        } else {
            entry.value.as_str()
        };
        let text = format!(
            " [{}] {}",
            if on { "x" } else { " " },
            pad(value, usize::from(inner.width).saturating_sub(14))
        );
        let style = if i == picker.cursor { theme.selected } else { theme.base };
        lines.push((
            Line::from(vec![
                Span::styled(text, style),
                Span::styled(format!("{:>7}", entry.count), theme.dim),
            ]),
            Some(i),
        ));
    }
    let cursor_line = lines.iter().position(|(_, i)| *i == Some(picker.cursor)).unwrap_or(0);
    let height = usize::from(inner.height);
    let scroll = (cursor_line + 2).saturating_sub(height);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).map(|(l, _)| l).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}
