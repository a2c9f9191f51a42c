//! Overlays drawn over the main screen: the help (generated from the keymap) and the
//! filter picker. Before drawing, the area is cleared so that no half of a wide
//! character is left straddling the overlay's edge.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::data::present;
use crate::explorer::action::Action;
use crate::explorer::app::facets::Picker;
use crate::explorer::app::{App, AsTyped};
use crate::explorer::keymap::Context;
use crate::explorer::layout::text::{fit, pad};
use crate::explorer::layout::{centred, help};
use crate::search::Why;

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

pub fn help(app: &App, theme: &Theme, frame: &mut Frame, scroll: usize) {
    let area = help::area(frame.area());
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Help · Esc closes ", theme.heading));
    let inner = block.inner(area);
    let lines = help::lines(&app.keymap, app.tab, usize::from(inner.width), &|role| theme.role(role));
    let height = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    // Where the box stands in a help longer than it, and the keys that page it: a short
    // screen shows a fifth of the help, with nothing else saying there is more.
    let total = lines.len();
    let block = if total > height && height > 0 {
        let key = |action: Action| {
            app.keymap
                .bindings(Context::Help, app.tab)
                .find(|b| b.action == action)
                .map(|b| b.keys[0].name())
        };
        let keys = match (key(Action::PageUp), key(Action::PageDown)) {
            (Some(up), Some(down)) => format!(" · {up} {down}"),
            _ => String::new(),
        };
        let shown = format!(
            " lines {}–{} of {total}{keys} ",
            scroll + 1,
            (scroll + height).min(total)
        );
        block.title_bottom(Line::styled(shown, theme.dim).right_aligned())
    } else {
        block
    };
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible).block(block).style(theme.overlay), area);
}

pub fn picker(theme: &Theme, frame: &mut Frame, picker: &Picker, app: &App) {
    let height = u16::try_from(picker.entries.len() + 6).unwrap_or(u16::MAX);
    // Wide enough for the longest value and its count, where the screen allows.
    let longest = picker
        .entries
        .iter()
        .map(|e| crate::explorer::layout::text::width(&e.value))
        .max()
        .unwrap_or(0);
    let width = u16::try_from(longest + 16).unwrap_or(u16::MAX).clamp(46, 90);
    let area = centred(frame.area(), width, height.min(frame.area().height.saturating_sub(2)));
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(
            fit(
                &format!(" Filter {} · Space toggles ", picker.tab.section()),
                usize::from(area.width.saturating_sub(2)),
            ),
            theme.heading,
        ));
    let inner = block.inner(area);
    let facets = &app.view(picker.tab).facets;
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
            entry.facet.nothing()
        } else {
            entry.label.as_deref().unwrap_or(&entry.value)
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
                Span::styled(format!("{:>9}", present::count(entry.count)), theme.dim),
            ]),
            Some(i),
        ));
    }
    let cursor_line = lines.iter().position(|(_, i)| *i == Some(picker.cursor)).unwrap_or(0);
    let height = usize::from(inner.height);
    let scroll = (cursor_line + 2).saturating_sub(height);
    // Say when entries lie beyond the box, so none is missed on a short screen.
    let more = match (scroll > 0, scroll + height < lines.len()) {
        (true, true) => Some(" ↑↓ more "),
        (true, false) => Some(" ↑ more "),
        (false, true) => Some(" ↓ more "),
        (false, false) => None,
    };
    let block = match more {
        Some(more) => block.title_bottom(Line::styled(more, theme.dim).right_aligned()),
        None => block,
    };
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).map(|(l, _)| l).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}

/// The jump box's counter: how many records match (and sources), or why none yet.
fn jump_counter(app: &App, jump: &crate::explorer::app::JumpBox) -> String {
    if app.index.is_none() {
        "indexing…".to_owned()
    } else if jump.text.text.trim().is_empty() {
        "type to search every tab".to_owned()
    } else if jump.answered.as_deref() != Some(jump.text.text.as_str()) {
        // The count held is the query's before: none is given until this one's arrives.
        "searching…".to_owned()
    } else if !jump.complete {
        format!("{} so far, searching…", present::count(jump.matched))
    } else if jump.matched == 0 && jump.sources_matched > 0 {
        format!("no record · {}", sources_found(jump))
    } else if jump.matched == 0 {
        "nothing matches".to_owned()
    } else if jump.typed != AsTyped::Yes {
        // Not the query as typed: a near spelling (or a match of fewer words, company
        // forms left out) must not read as a "yes". Sources found as typed say so first.
        let plural = if jump.matched == 1 { "" } else { "s" };
        let near = if jump.typed == AsTyped::FewerWords {
            format!("{} read otherwise or near spellings", present::count(jump.matched))
        } else {
            // Near spellings, sound-alikes (落户 for 罗湖) or characters apart: all guesses,
            // named as what they are when all alike (a trial's 金价新高 read "sound-alikes"
            // of rows that hold 金价 and 新高 apart).
            let apart =
                !jump.hits.is_empty() && jump.hits.iter().all(|h| matches!(h.why, crate::search::Why::Apart(_)));
            let (one, many) = if apart {
                ("holding its characters apart", "holding its characters apart")
            } else {
                ("near spelling or sound-alike", "near spellings or sound-alikes")
            };
            format!(
                "{} {}",
                present::count(jump.matched),
                if plural.is_empty() { one } else { many }
            )
        };
        if jump.sources_matched > 0 {
            format!("{} · no record as typed, {near}", sources_found(jump))
        } else {
            format!("none as typed · {near}")
        }
    } else {
        // "1 match in 527", "22 matches in 527" (records searched): "22 of 527 match"
        // read as a fragment, and "1 of 1,000,000 matches" as one record of a million.
        if jump.sources_matched > 0 {
            // Beside sources, say what the first count counts.
            return format!(
                "{} of {} records · {}",
                present::count(jump.matched),
                present::count(jump.searched),
                sources_found(jump)
            );
        }
        let noun = if jump.matched == 1 { "match" } else { "matches" };
        format!(
            "{} {noun} in {}",
            present::count(jump.matched),
            present::count(jump.searched)
        )
    }
}

/// The jump box: a query over every tab and its best matches, grouped by kind.
pub fn jump(app: &App, theme: &Theme, frame: &mut Frame, jump: &crate::explorer::app::JumpBox) {
    let screen = frame.area();
    let area = centred(screen, (screen.width * 4 / 5).max(40), (screen.height * 3 / 4).max(8));
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(
            " Jump to any record or source · Enter goes, Esc closes ",
            theme.heading,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let input = Rect::new(inner.x, inner.y, inner.width, 1);
    let counter = jump_counter(app, jump);
    // Half the line at least; more while the query is short (the near-spelling warning
    // must be read whole: at 80 columns half the line cut it).
    let typed = "> ".width() + jump.text.text.width() + 2;
    let room = usize::from(input.width)
        .saturating_sub(typed)
        .max(usize::from(input.width / 2));
    let counter = fit(&counter, room);
    let counter_width = u16::try_from(counter.width() + 1).unwrap_or(0);
    let text_area = Rect::new(input.x, input.y, input.width.saturating_sub(counter_width), 1);
    super::chrome::text_box(theme, frame, text_area, "> ", &jump.text);
    frame.render_widget(
        Paragraph::new(Span::styled(counter, theme.dim)).alignment(ratatui::layout::Alignment::Right),
        Rect::new(text_area.right(), input.y, counter_width, 1),
    );
    let list = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    let width = usize::from(list.width);
    let mut lines: Vec<(Line, Option<usize>)> = Vec::new();
    if let Some(notice) = &jump.notice {
        lines.push((Line::styled(fit(notice, width), theme.error), None));
    }
    let answered = jump.answered.as_deref() == Some(jump.text.text.as_str());
    if let Some(lone) = jump.lone.as_ref().filter(|_| answered) {
        // With a capital, what small letters do: the words the list's empty hint says.
        let hint = (jump.hits.is_empty() && jump.complete)
            .then(|| super::list::capital_hint(&jump.text.text, jump.lower_finds, answered))
            .flatten();
        lines.push((Line::styled(fit(lone, width), theme.dim), None));
        if let Some(hint) = hint {
            lines.push((Line::styled(fit(hint, width), theme.dim), None));
        }
    }
    let mut group = None;
    for (i, hit) in jump.hits.iter().enumerate() {
        if group != Some(hit.rec.kind) {
            let shown = jump.hits.iter().filter(|h| h.rec.kind == hit.rec.kind).count();
            let all = jump.kind_matched(hit.rec.kind).filter(|all| *all > shown);
            let title = crate::explorer::layout::tab_label(crate::explorer::action::Tab::of(hit.rec.kind), Some(shown));
            let name = title[2..].rsplit_once(' ').map_or(title.as_str(), |(name, _)| name);
            lines.push((
                Line::styled(
                    fit(
                        &match all {
                            Some(all) => format!("{name} ({shown} of {})", present::count(all)),
                            None => format!("{name} ({shown})"),
                        },
                        width,
                    ),
                    theme.heading,
                ),
                None,
            ));
            group = Some(hit.rec.kind);
        }
        lines.push((record_row(app, theme, jump, i, width), Some(i)));
    }
    source_rows(app, theme, jump, width, &mut lines);
    let height = usize::from(list.height);
    let cursor_line = lines.iter().position(|(_, i)| *i == Some(jump.cursor)).unwrap_or(0);
    // Rows the box cannot show are counted on its last line: a heading said "Sources (3)"
    // over one row, the others silently below the edge.
    let (scroll, take) = if lines.len() <= height {
        (0, height)
    } else {
        let room = height.saturating_sub(1).max(1);
        let scroll = (cursor_line + 1).saturating_sub(room);
        if scroll + room >= lines.len() {
            (lines.len() - height, height)
        } else {
            (scroll, room)
        }
    };
    let below = lines.iter().skip(scroll + take).filter(|(_, i)| i.is_some()).count();
    let mut visible: Vec<Line> = lines.into_iter().skip(scroll).take(take).map(|(l, _)| l).collect();
    if below > 0 {
        visible.push(Line::styled(fit(&format!("  ↓ {below} more"), width), theme.dim));
    }
    frame.render_widget(Paragraph::new(visible), list);
}

/// One record row of the jump box: its label (marked `≈` and dimmed when it is no match
/// as typed), where the query found it when not in its name, and a LOW mark.
fn record_row(app: &App, theme: &Theme, jump: &crate::explorer::app::JumpBox, i: usize, width: usize) -> Line<'static> {
    let hit = &jump.hits[i];
    let low = app.db.strongest_source(hit.rec) == Some(crate::data::model::Reliability::Low);
    let label = crate::data::present::label(&app.db, hit.rec);
    let mark = if low { "  LOW" } else { "" };
    let style = if i == jump.cursor { theme.selected } else { theme.base };
    // A row the query found outside its name ("matched in summary"), or only loosely
    // ("sounds like: 周大福"), says so: its name alone would read as the thing asked
    // for. (A pinyin or alias match shows in the name itself.)
    let elsewhere = matches!(
        hit.why,
        Why::Field(_)
            | Why::Negated(_)
            | Why::BySound(_)
            | Why::Apart(_)
            | Why::WordsApart
            | Why::SyllablesApart
            | Why::SoundsLike(_)
    );
    let why = hit
        .why
        .explain(&app.db, hit.rec)
        .filter(|_| elsewhere)
        .map_or(String::new(), |why| fit(&format!("  · {why}"), width / 2));
    // A row that is no match as typed is marked as the lists mark it (`≈`), dimmed.
    let (lead, style) = if hit.why.loose() {
        ("≈ ", if i == jump.cursor { style } else { theme.dim })
    } else {
        ("  ", style)
    };
    let text = fit(
        &format!("{lead}{label}"),
        width.saturating_sub(mark.len() + why.width()),
    );
    Line::from(vec![
        Span::styled(text, style),
        Span::styled(why, theme.dim),
        Span::styled(mark, theme.low),
    ])
}

/// "1 source", "12 sources": the sources the jump box's query finds; "17 sources, none
/// as typed" when every one only spells its Chinese (`落户` in "Luohu"), "12 sources (3
/// not as typed)" when some do.
fn sources_found(jump: &crate::explorer::app::JumpBox) -> String {
    let n = jump.sources_matched;
    let loose = if jump.sources_loose() {
        ", none as typed".to_owned()
    } else if jump.sources_not_typed > 0 {
        format!(" ({} not as typed)", present::count(jump.sources_not_typed))
    } else {
        String::new()
    };
    format!("{} source{}{loose}", present::count(n), if n == 1 { "" } else { "s" })
}

/// The jump box's sources, after the records: a heading, then each source's title and
/// publisher, a low-reliability one marked as everywhere.
fn source_rows(
    app: &App,
    theme: &Theme,
    jump: &crate::explorer::app::JumpBox,
    width: usize,
    lines: &mut Vec<(Line<'static>, Option<usize>)>,
) {
    if jump.sources.is_empty() {
        return;
    }
    let shown = jump.sources.len();
    let heading = if jump.sources_matched > shown {
        format!("Sources ({shown} of {})", present::count(jump.sources_matched))
    } else {
        format!("Sources ({shown})")
    };
    lines.push((Line::styled(fit(&heading, width), theme.heading), None));
    for (k, index) in jump.sources.iter().enumerate() {
        let row = jump.hits.len() + k;
        let source = &app.db.sources()[*index as usize];
        // Every source's rating, as the Sources tab's Rel column gives it: two entries of
        // one page differ by it (and by a title's end, which a narrow box cuts).
        let low = source.reliability == crate::data::model::Reliability::Low;
        let mark = format!(
            "  {:<4}",
            crate::explorer::tabs::reliability_word(Some(source.reliability))
        );
        let label = match source.publisher.as_deref() {
            Some(publisher) => format!("  {} ({publisher})", source.title),
            None => format!("  {}", source.title),
        };
        let style = if row == jump.cursor { theme.selected } else { theme.base };
        // Found only by a spelling of the query's Chinese, or by a name's syllables
        // apart: its title alone would read as an answer.
        let why = jump
            .sources_loose
            .get(k)
            .copied()
            .flatten()
            .and_then(|why| why.loose_reason())
            .map_or(String::new(), |why| fit(&format!("  · {why}"), width / 2));
        let text = fit(&label, width.saturating_sub(mark.len() + why.width()));
        let pad = " ".repeat(width.saturating_sub(text.width() + why.width() + mark.len()));
        lines.push((
            Line::from(vec![
                Span::styled(text, style),
                Span::styled(why, theme.dim),
                Span::raw(pad),
                Span::styled(mark, if low { theme.low } else { theme.dim }),
            ]),
            Some(row),
        ));
    }
}
