//! Draws the comparison of one question's figures over the screen's body: the question,
//! a row per figure (the selected one highlighted, conflicting ones marked) and, under
//! the table, why the selected figure differs and where it comes from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::overlay::clear;
use super::theme::Theme;
use crate::explorer::app::{App, Compare};
use crate::explorer::layout::compare;
use crate::explorer::layout::text::fit;

/// Draws the comparison `c` over `body`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, body: Rect, c: &Compare) {
    let Some(question) = app.brief.as_ref().and_then(|b| b.questions.get(c.question as usize)) else {
        return;
    };
    clear(frame, body);
    let inner = compare::inner(body);
    let width = usize::from(inner.width);
    let style = |role| theme.role(role);
    let foot = compare::foot(&app.db, question, c.cursor, width, &style);
    let head = compare::head_height(&app.db, question, width);
    let (rows_h, foot_h) = compare::rows_height(inner.height, head, foot.len(), question.members.len());
    let window = c.offset..c.offset + rows_h;
    let table = compare::comparison(&app.db, question, window, width, &style);
    let n = question.members.len();
    let more = match (c.offset > 0, c.offset + rows_h < n) {
        (true, true) => format!(" ↑↓ {}–{} of {n} ", c.offset + 1, c.offset + rows_h),
        (true, false) => format!(" ↑ {}–{n} of {n} ", c.offset + 1),
        (false, true) => format!(" ↓ 1–{rows_h} of {n} "),
        (false, false) => String::new(),
    };
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(
            fit(
                " Compare figures · Enter opens one, Esc closes ",
                usize::from(body.width.saturating_sub(2)),
            ),
            theme.heading,
        ));
    if !more.is_empty() {
        block = block.title_bottom(Line::styled(more, theme.dim).right_aligned());
    }
    frame.render_widget(block, body);
    let mut lines: Vec<Line> = table.head;
    let first_row = lines.len();
    lines.extend(table.rows.into_iter().take(rows_h));
    let height = usize::from(inner.height);
    // The selected figure's notes right under the rows, as many lines as are left (at
    // least what the layout kept for them).
    let left = height.saturating_sub(lines.len() + 1);
    if foot_h > 0 || left > 0 {
        lines.push(Line::default());
        lines.extend(foot.into_iter().take(left.max(foot_h)));
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(y) = c.cursor.checked_sub(c.offset).filter(|y| *y < rows_h) {
        let y = inner.y + u16::try_from(first_row + y).unwrap_or(0);
        if y < inner.bottom() {
            frame
                .buffer_mut()
                .set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
        }
    }
}
