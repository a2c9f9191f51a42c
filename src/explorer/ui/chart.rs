//! The indicator chart: the series of the selected figure's `metric` as horizontal bars
//! over `as_of`, figures for the same date grouped side by side with their scopes (never
//! merged), and shares drawn as gauges.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::data::db::{Db, Rec};
use crate::data::model::{Indicator, RecordKind};
use crate::data::present;
use crate::explorer::action::{Action, Tab};
use crate::explorer::app::App;
use crate::explorer::keymap::Context;
use crate::explorer::layout::chart::{bars_fit, is_share, legend, series};
use crate::explorer::layout::text::{fit, pad};

/// A bar of `cells` columns for `value`, extended by a lighter part up to `max_value`.
fn bar(value: f64, max_value: Option<f64>, scale: f64, cells: usize) -> (String, String) {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let to_cells = |v: f64| -> usize {
        if scale <= 0.0 || v <= 0.0 {
            0
        } else {
            ((v / scale) * cells as f64).round().clamp(0.0, cells as f64) as usize
        }
    };
    let solid = to_cells(value).max(usize::from(value > 0.0));
    let upto = max_value.map_or(solid, to_cells).max(solid);
    ("█".repeat(solid), "▒".repeat(upto - solid))
}

/// The gauge of a share: its figure, then a bar out of 100 % (a range shows lighter).
fn gauge(ind: &Indicator, theme: &Theme, width: usize) -> [Line<'static>; 2] {
    let cells = width.saturating_sub(2).min(60);
    let (solid, light) = bar(ind.value, ind.value_max, 100.0, cells);
    let rest = cells.saturating_sub(solid.chars().count() + light.chars().count());
    [
        Line::from(vec![
            Span::styled("Share ", theme.label),
            Span::styled(present::figure(ind), theme.heading),
            Span::styled(" of 100 %", theme.dim),
        ]),
        Line::from(vec![
            Span::styled(solid, theme.gauge),
            Span::styled(light, theme.gauge),
            Span::styled("░".repeat(rest), theme.dim),
        ]),
    ]
}

/// Draws the gauge (for shares) and the series bars.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, rec: Rec) {
    let db = &app.db;
    let ind = &db.indicators()[rec.idx()];
    let width = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    if is_share(ind) {
        lines.extend(gauge(ind, theme, width));
    }
    let members = series(db, rec.idx());
    if members.len() > 1 {
        let metric = ind.metric.as_deref().unwrap_or("");
        let legend = legend(db, &members);
        // The key that shows every figure at once, for a chart that cannot.
        let compare = || {
            app.keymap
                .bindings(Context::List, Tab::Indicators)
                .find(|b| b.action == Action::Compare)
                .map(|b| format!(" · {} compares figures", b.keys[0].name()))
                .unwrap_or_default()
        };
        let fits = bars_fit(area.height, lines.len(), usize::from(legend.is_some()), members.len());
        let about = if fits {
            format!(" · {} figures in {} by date", members.len(), ind.unit)
        } else {
            // The line's reason is the key at its end: the unit goes first, then the
            // series' name is cut, never the key.
            let long = format!(" · {} figures in {}{}", members.len(), ind.unit, compare());
            if long.width() + 14 <= width {
                long
            } else {
                format!(" · {} figures{}", members.len(), compare())
            }
        };
        // The series' name gives way to what follows it, which must fit too: a long name
        // pushed "by date" past the pane's edge.
        let room = width.saturating_sub(about.width()).max(10);
        let heading = fit(&format!("Series {metric}"), room);
        let about = fit(&about, width.saturating_sub(heading.width()));
        lines.push(Line::from(vec![
            Span::styled(heading, theme.heading),
            Span::styled(about, theme.dim),
        ]));
        if !fits {
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        if let Some(legend) = legend {
            lines.push(Line::styled(fit(&legend, width), theme.dim));
        }
        // The last line stays blank, between the chart and the record's own text.
        let mut room = usize::from(area.height).saturating_sub(lines.len() + 1).max(1);
        let at = members.iter().position(|m| *m == rec.idx()).unwrap_or(0);
        // Show a window of the series that keeps the selected figure in view, and say how
        // many figures lie beyond it on either side: none is dropped without a word.
        let window = |room: usize| at.saturating_sub(room / 2).min(members.len().saturating_sub(room));
        let mut start = window(room);
        if room < members.len() {
            let marks = usize::from(start > 0) + usize::from(start + room < members.len());
            room = room.saturating_sub(marks).max(1);
            start = window(room);
        }
        let end = (start + room).min(members.len());
        let shown = &members[start..end];
        if start > 0 {
            lines.push(Line::styled(fit(&format!("  ↑ {start} earlier"), width), theme.dim));
        }
        let largest = members
            .iter()
            .map(|m| {
                let i = &db.indicators()[*m];
                i.value_max.unwrap_or(i.value)
            })
            .fold(0.0_f64, f64::max);
        // Shares are drawn out of 100 %, as the gauge above them: a series of 50 % shares
        // scaled to its own largest would fill every bar.
        let shares = members.iter().all(|m| is_share(&db.indicators()[*m]));
        let scale = if shares { largest.max(100.0) } else { largest };
        // Dates and scopes are what a reader compares; bars only need to show proportion.
        let label_width = (width / 2).clamp(10, 34);
        // The figures whole where the pane allows ("13.39 billion" was cut to "13.39
        // bill…"): the bars give up the room, they only need to show proportion.
        let widest = members
            .iter()
            .map(|m| present::amount(&db.indicators()[*m]).width())
            .max()
            .unwrap_or(1);
        let value_width = widest.min((width / 3).max(11.min(width / 4)));
        let bar_cells = width.saturating_sub(label_width + value_width + 4);
        // One date column for the whole series, so a full date does not push its row's
        // scope out of line with the others.
        let date_width = members
            .iter()
            .map(|m| db.indicators()[*m].as_of.to_string().width())
            .max()
            .unwrap_or(4);
        let columns = Columns {
            width,
            date: date_width,
            label: label_width,
            value: value_width,
            bar: bar_cells,
            scale,
        };
        for (pos, m) in shown.iter().enumerate() {
            lines.push(series_row(db, theme, &columns, &members, start + pos, *m == rec.idx()));
        }
        if end < members.len() {
            // A short pane shows few rows: say where every figure shows at once.
            lines.push(Line::styled(
                fit(&format!("  ↓ {} later{}", members.len() - end, compare()), width),
                theme.dim,
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The measures every row of a series chart shares.
struct Columns {
    width: usize,
    date: usize,
    label: usize,
    value: usize,
    bar: usize,
    scale: f64,
}

/// One figure of the series: date (once per date), scope, bar and amount.
fn series_row(
    db: &Db,
    theme: &Theme,
    cols: &Columns,
    members: &[usize],
    index: usize,
    selected: bool,
) -> Line<'static> {
    let m = members[index];
    let i = &db.indicators()[m];
    let same_before = index > 0 && db.indicators()[members[index - 1]].as_of == i.as_of;
    let same_after = index + 1 < members.len() && db.indicators()[members[index + 1]].as_of == i.as_of;
    // Figures for one date stand together, each with its own scope: a conflict shows.
    let gutter = match (same_before, same_after) {
        (false, true) => "┬",
        (true, true) => "├",
        (true, false) => "└",
        (false, false) => " ",
    };
    let date = if same_before {
        String::new()
    } else {
        i.as_of.to_string()
    };
    let low = db.strongest_source(Rec::new(RecordKind::Indicator, m)) == Some(crate::data::model::Reliability::Low);
    // Two figures of one date tell apart by the time of day their names give (a
    // morning and an evening price), before the scope, which is often the same.
    let time = if same_before || same_after {
        present::time_of_day(&i.name)
            .map(|t| format!("{t} "))
            .unwrap_or_default()
    } else {
        String::new()
    };
    // Marked first, so a narrow pane cannot cut the mark off.
    let label = format!(
        "{date:<width$} {}{time}{}",
        if low { "LOW " } else { "" },
        i.scope.as_deref().unwrap_or(""),
        width = cols.date
    );
    let label_style = match (selected, low) {
        (_, true) => theme.low,
        (true, false) => theme.heading,
        (false, false) => theme.base,
    };
    let (solid, light) = bar(i.value, i.value_max, cols.scale, cols.bar);
    let bar_style = if selected { theme.bar_selected } else { theme.bar };
    let pad_bar = cols.bar.saturating_sub(solid.chars().count() + light.chars().count());
    let figure = fit(&present::amount(i), cols.value);
    let mut spans = vec![
        Span::styled(if selected { "▶" } else { " " }, theme.heading),
        Span::styled(gutter, theme.dim),
        // A figure resting on a low-reliability source is marked here as everywhere.
        Span::styled(pad(&label, cols.label), label_style),
        Span::raw(" "),
        Span::styled(solid, bar_style),
        Span::styled(light, bar_style),
        Span::raw(" ".repeat(pad_bar + 1)),
        Span::styled(figure.clone(), if selected { theme.heading } else { theme.dim }),
    ];
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    if used > cols.width {
        spans.pop();
        spans.push(Span::styled(
            fit(&figure, figure.width().saturating_sub(used - cols.width)),
            theme.dim,
        ));
    }
    Line::from(spans)
}
