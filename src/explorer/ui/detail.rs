//! The detail pane: everything known about the selected record, its links (walkable
//! with the keyboard) and its sources, wrapped to the pane's width. For indicators the
//! series chart sits on top (see `chart`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{fit, wrap};
use super::{Theme, chart};
use crate::data::db::Rec;
use crate::data::model::{RecordKind, Reliability};
use crate::data::present::{self, Detail};
use crate::explorer::app::{App, Focus};

/// The detail as wrapped lines, with the line of each link (in reading order).
pub struct DetailText {
    pub lines: Vec<Line<'static>>,
    pub link_lines: Vec<usize>,
}

fn reliability_word(r: Reliability) -> &'static str {
    match r {
        Reliability::High => "high",
        Reliability::Medium => "medium",
        Reliability::Low => "LOW reliability",
    }
}

/// Lays out a record's detail for a pane `width` columns wide.
#[must_use]
pub fn text(app: &App, theme: &Theme, rec: Rec, width: usize) -> DetailText {
    let d: Detail = present::detail(&app.db, rec);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut link_lines = Vec::new();
    let blank = |lines: &mut Vec<Line<'static>>| lines.push(Line::default());
    lines.extend(wrap(&[(&d.title, theme.title)], width, 0));
    if let Some(sub) = &d.subtitle {
        lines.extend(wrap(&[(sub, theme.title_zh)], width, 0));
    }
    let view = app.view(rec.kind);
    if view.search.active()
        && let Some(why) = view.current_why().filter(|_| view.current() == Some(rec))
        && let Some(explain) = why.explain(&app.db, rec)
    {
        lines.extend(wrap(&[("why: ", theme.label), (&explain, theme.matched)], width, 2));
    }
    if let Some(weakest) = app.db.weakest_source(rec)
        && weakest == Reliability::Low
    {
        lines.extend(wrap(
            &[("⚠ rests on a LOW-reliability source; see Sources below", theme.low)],
            width,
            2,
        ));
    }
    if !d.fields.is_empty() {
        blank(&mut lines);
        let label_width = d.fields.iter().map(|f| f.label.len()).max().unwrap_or(0);
        for f in &d.fields {
            let label = format!("{:label_width$}  ", f.label);
            lines.extend(wrap(
                &[(&label, theme.label), (&f.value, theme.base)],
                width,
                label_width + 2,
            ));
        }
    }
    if let Some(summary) = &d.summary {
        blank(&mut lines);
        lines.extend(wrap(&[(summary, theme.base)], width, 0));
    }
    let selected_link = (app.focus == Focus::Detail).then_some(app.detail.link);
    let mut n = 0;
    for group in &d.links {
        blank(&mut lines);
        lines.push(Line::from(Span::styled(
            format!("{} ({})", group.label, group.items.len()),
            theme.heading,
        )));
        for (target, label) in &group.items {
            let style = if selected_link == Some(n) {
                theme.link_selected
            } else {
                theme.link
            };
            link_lines.push(lines.len());
            let kind = format!("→ {} ", target.kind);
            // A linked record that rests on a weak source says so here too.
            let low = if app.db.weakest_source(*target) == Some(Reliability::Low) {
                "  LOW source"
            } else {
                ""
            };
            lines.extend(wrap(
                &[(&kind, theme.label), (label, style), (low, theme.low)],
                width,
                2,
            ));
            n += 1;
        }
    }
    blank(&mut lines);
    lines.push(Line::from(Span::styled(
        format!("Sources ({})", d.sources.len()),
        theme.heading,
    )));
    if d.sources.is_empty() {
        lines.extend(wrap(&[("no source cited: treat with care", theme.low)], width, 2));
    }
    for s in &d.sources {
        let mark = format!("[{}] ", reliability_word(s.reliability));
        lines.extend(wrap(
            &[(&mark, theme.reliability(Some(s.reliability))), (&s.title, theme.base)],
            width,
            2,
        ));
        for extra in [&s.byline, &s.location].into_iter().flatten() {
            lines.extend(wrap(&[("  ", theme.base), (extra, theme.dim)], width, 4));
        }
        if let Some(q) = &s.quote {
            let quoted = format!("“{q}”");
            lines.extend(wrap(&[("  ", theme.base), (&quoted, theme.quote)], width, 3));
        }
        if let Some(note) = &s.note {
            lines.extend(wrap(&[("  note: ", theme.label), (note, theme.dim)], width, 4));
        }
    }
    DetailText { lines, link_lines }
}

/// The scroll offset that shows what the cursor asks for, within the text's length.
#[must_use]
pub fn scroll_for(app: &App, text: &DetailText, height: usize) -> usize {
    let max = text.lines.len().saturating_sub(height);
    let wanted = match app.detail.scroll {
        Some(scroll) => scroll,
        None if app.focus == Focus::Detail => text
            .link_lines
            .get(app.detail.link)
            .map_or(0, |line| (line + 2).saturating_sub(height)),
        None => 0,
    };
    wanted.min(max)
}

/// Where the text goes inside the pane: below the chart for indicators.
fn text_area(app: &App, rec: Rec, inner: Rect) -> (Option<Rect>, Rect) {
    if rec.kind == RecordKind::Indicator && inner.height >= 7 {
        let wanted = chart::height(app, rec, inner.height / 2);
        if wanted > 0 {
            let [chart_area, rest] = Layout::vertical([Constraint::Length(wanted), Constraint::Min(0)]).areas(inner);
            return (Some(chart_area), rest);
        }
    }
    (None, inner)
}

/// Where the detail pane's text stands now, as drawn at the app's size.
#[derive(Debug, Clone, Copy)]
pub struct ScrollState {
    /// The first text line on screen.
    pub top: usize,
    /// The furthest the text can scroll.
    pub max: usize,
    /// The text line of the link under the cursor, if any.
    pub link_line: Option<usize>,
}

/// The pane's scroll as the screen shows it, so that the update scrolls on from what the
/// user sees (the cursor-following offset included). `None` with nothing selected.
#[must_use]
pub fn scroll_state(app: &App) -> Option<ScrollState> {
    let rec = app.selected()?;
    let regions = app.regions()?;
    let inner = Block::new().borders(Borders::ALL).inner(regions.detail);
    let (_, area) = text_area(app, rec, inner);
    let text = text(
        app,
        &Theme::new(super::theme::Palette::Mono),
        rec,
        usize::from(area.width),
    );
    let height = usize::from(area.height);
    Some(ScrollState {
        top: scroll_for(app, &text, height),
        max: text.lines.len().saturating_sub(height),
        link_line: text.link_lines.get(app.detail.link).copied(),
    })
}

/// Draws the detail pane.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let Some(rec) = app.selected() else {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" Detail ");
        let message = Paragraph::new(Line::styled("nothing selected", theme.dim)).block(block);
        frame.render_widget(message, area);
        return;
    };
    let title = fit(
        &format!(" {} · {} ", rec.kind, app.db.id(rec)),
        usize::from(area.width.saturating_sub(4)),
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
    let (chart_area, text_area) = text_area(app, rec, inner);
    if let Some(chart_area) = chart_area {
        chart::render(app, theme, frame, chart_area, rec);
    }
    let text = text(app, theme, rec, usize::from(text_area.width));
    let height = usize::from(text_area.height);
    let scroll = scroll_for(app, &text, height);
    let visible: Vec<Line> = text.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible).style(Style::new()), text_area);
}
