//! The screen's frame: the title line, the tab bar and the footer (key hints from the
//! keymap, and the status message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::fit;
use crate::app::App;
use crate::layout::{Regions, tab_label};
use crate::present;

pub fn title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let cluster = &app.db.dataset().cluster;
    let name = present::names(&cluster.name, cluster.name_zh.as_deref());
    let text = fit(&format!(" shuibei · {name}"), usize::from(area.width));
    frame.render_widget(Paragraph::new(Span::styled(text, theme.title)), area);
}

/// The tab bar. The active tab is bracketed as well as styled, so it shows without colour.
pub fn tabs(app: &App, theme: &Theme, frame: &mut Frame, regions: &Regions) {
    let counts = app.counts();
    for ((kind, rect), count) in regions.tabs.iter().zip(counts) {
        let active = *kind == app.tab;
        let label = tab_label(*kind, count);
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

/// The footer: the status message when there is one, else the hints of this context.
pub fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Some(status) = &app.status {
        let style = if status.error { theme.error } else { theme.status };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&format!(" {}", status.text), width), style)),
            area,
        );
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in app.keymap.hints(app.context(), app.tab) {
        let piece = key.width() + 1 + what.width() + 2;
        if used + piece > width {
            break;
        }
        used += piece;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.hint));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
