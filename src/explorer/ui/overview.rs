//! Draws the Overview: the page `layout::overview` lays out, in a bordered block titled
//! with how current the data is, the selected link's line highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use crate::explorer::app::App;
use crate::explorer::layout::overview;
use crate::explorer::layout::text::fit;

/// Draws the Overview into the screen's body.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let brief = app.brief.as_deref();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(
            fit(&overview::title(brief), usize::from(area.width.saturating_sub(2))),
            theme.border_focus,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let page = overview::page(
        &app.db,
        brief,
        inner,
        app.summary == crate::explorer::app::Summary::Whole,
        &|role| theme.role(role),
    );
    let selected = app.overview_link();
    for (c, column) in page.columns.iter().enumerate() {
        let scroll = page.scroll(c, selected);
        let height = usize::from(column.area.height);
        let visible: Vec<Line> = column.lines.iter().skip(scroll).take(height).cloned().collect();
        frame.render_widget(Paragraph::new(visible), column.area);
        if let Some(link) = page.links.get(selected).filter(|l| l.column == c)
            && let Some(y) = link.line.checked_sub(scroll).filter(|y| *y < height)
        {
            let y = column.area.y + u16::try_from(y).unwrap_or(0);
            frame
                .buffer_mut()
                .set_style(Rect::new(column.area.x, y, column.area.width, 1), theme.selected);
        }
    }
}
