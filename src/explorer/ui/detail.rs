//! Draws the detail pane: the record's text as `layout::detail` lays it out, styled by
//! the theme, scrolled as the cursor asks; for indicators the series chart sits on top
//! (see `chart`). Where the terminal shows hyperlinks ([`Theme::hyperlinks`]), each piece
//! of a source URL on screen becomes an OSC 8 link to the validated address.
//!
//! A cell holds one symbol, and a hyperlink must wrap the text it covers, so the first
//! cell of a piece carries the whole piece inside its OSC 8 sequence with its width
//! forced to the piece's (ratatui then writes it once and moves the cursor past it),
//! and the cells it covers are skipped, so the terminal cell under each stays linked
//! until a later frame draws something else there. The frame sweep
//! (`sanitize::sweep_buffer`) keeps such cells only in exactly this form.

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::chart;
use super::theme::Theme;
use crate::explorer::app::{App, Focus};
use crate::explorer::layout::detail::{self, UrlPiece};
use crate::explorer::layout::text::{fit, fit_middle};
use unicode_width::UnicodeWidthStr as _;

/// A URL piece where it stands on screen, for [`hyperlinks`].
#[derive(Debug, Clone)]
pub struct OnScreen {
    pub x: u16,
    pub y: u16,
    pub piece: UrlPiece,
}

/// Draws the detail pane; returns the source URL pieces it drew, for [`hyperlinks`] to
/// make links of once everything else (overlays) is drawn.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Vec<OnScreen> {
    if area.width < 4 || area.height < 3 {
        // The zoomed list has the screen.
        return Vec::new();
    }
    let focused = app.focus == Focus::Detail;
    let Some(pane) = app.detail_pane() else {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" Detail ");
        let message = Paragraph::new(Line::styled("nothing selected", theme.dim)).block(block);
        frame.render_widget(message, area);
        return Vec::new();
    };
    let (kind, id) = match pane.subject {
        detail::Subject::Record(rec) => (rec.kind.to_string(), app.db.id(rec)),
        detail::Subject::Source { index, .. } => ("source".to_owned(), &*app.db.sources()[index].id),
    };
    // The id whole if it fits; else without the kind (the tab says it), then cut in the
    // middle: the ends of ids are what tell them apart.
    let room = usize::from(area.width.saturating_sub(4));
    let title = [format!(" {kind} · {id} "), format!(" {id} ")]
        .into_iter()
        .find(|t| t.width() <= room)
        .map_or_else(
            || format!(" {} ", fit_middle(id, room.saturating_sub(2))),
            |t| fit(&t, room),
        );
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
    let urls = text.urls;
    let visible: Vec<Line> = text.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible).style(Style::new()), text_area);
    urls.into_iter()
        .filter_map(|piece| {
            let row = u16::try_from(piece.line.checked_sub(scroll)?).ok()?;
            let column = u16::try_from(piece.column).ok()?;
            (row < text_area.height && column < text_area.width).then(|| OnScreen {
                x: text_area.x + column,
                y: text_area.y + row,
                piece,
            })
        })
        .collect()
}

/// Makes each URL piece still on screen as drawn an OSC 8 link to its address. A piece
/// that something drew over since (an overlay), wholly or in part, stays plain text.
pub fn hyperlinks(buf: &mut Buffer, pieces: &[OnScreen]) {
    for OnScreen { x: x0, y, piece } in pieces {
        let (x0, y) = (*x0, *y);
        let end = buf
            .area
            .right()
            .min(x0.saturating_add(u16::try_from(piece.width).unwrap_or(u16::MAX)));
        // The text as drawn, a wide character's covered cell skipped.
        let mut text = String::new();
        let mut x = x0;
        let mut plain = true;
        while x < end {
            let cell = &buf[(x, y)];
            plain &= cell.diff_option == CellDiffOption::None;
            text.push_str(cell.symbol());
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1)).unwrap_or(1);
        }
        if !plain || text != piece.text {
            continue;
        }
        let id = format!("shuibei-{}", piece.url);
        let (Some(sequence), Some(width)) = (
            crate::sanitize::osc8(&id, &piece.target, &text),
            NonZeroU16::new(x - x0),
        ) else {
            continue;
        };
        buf[(x0, y)]
            .set_symbol(&sequence)
            .set_diff_option(CellDiffOption::ForcedWidth(width));
        for covered in x0 + 1..x {
            buf[(covered, y)].set_diff_option(CellDiffOption::Skip);
        }
    }
}
