//! Draws the detail pane: the record's text as `layout::detail` lays it out, styled by
//! the theme, scrolled as the cursor asks; for indicators the series chart sits on top
//! (see `chart`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::chart;
use super::theme::Theme;
use crate::explorer::app::{App, Focus};
use crate::explorer::layout::detail;
use crate::explorer::layout::text::fit;

/// Draws the detail pane.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let Some(pane) = app.detail_pane() else {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" Detail ");
        let message = Paragraph::new(Line::styled("nothing selected", theme.dim)).block(block);
        frame.render_widget(message, area);
        return;
    };
    let heading = match pane.subject {
        detail::Subject::Record(rec) => format!(" {} · {} ", rec.kind, app.db.id(rec)),
        detail::Subject::Source { index, .. } => format!(" source · {} ", app.db.sources()[index].id),
    };
    let title = fit(&heading, usize::from(area.width.saturating_sub(4)));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(Span::styled(
            title,
            if focused { theme.border_focus } else { theme.heading },
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (chart_area, text_area) = match pane.rec() {
        Some(rec) => detail::text_area(&app.db, rec, inner),
        None => (None, inner),
    };
    if let (Some(chart_area), Some(rec)) = (chart_area, pane.rec()) {
        chart::render(app, theme, frame, chart_area, rec);
    }
    let text = detail::text(&pane, usize::from(text_area.width), &|role| theme.role(role));
    let height = usize::from(text_area.height);
    let scroll = detail::scroll_for(&pane, &text, height);
    let visible: Vec<Line> = text.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible).style(Style::new()), text_area);
}
