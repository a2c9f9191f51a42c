//! The comparison of the figures that answer one question (same metric, unit and scope):
//! every figure with its date, scope, source and reliability, one row each, those that
//! disagree with another figure for the same date or within a week marked `≠`, with the reason where the data
//! gives one (a column on wide screens; under the table for the selected figure always).
//!
//! Pure functions of the dataset, the question and the size: the state scrolls with
//! [`rows_height`] and the renderer draws [`comparison`], so the two agree.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use super::text::{Role, fit, pad, wrap};
use crate::data::brief::{Question, reason};
use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;
use crate::data::present;
use crate::explorer::tabs;

/// The most lines the selected figure's notes take under the table.
const FOOT: usize = 4;
/// From this width on, each row carries its reason in a column of its own.
const NOTE_COLUMN: usize = 110;

/// The comparison laid out: the question and column titles, and a row per figure shown
/// ([`foot`] lays out the selected figure's notes under the table).
pub struct Comparison {
    pub head: Vec<Line<'static>>,
    pub rows: Vec<Line<'static>>,
}

/// The box inside the screen's body.
#[must_use]
pub fn inner(body: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(body)
}

/// The lines above the column titles: the question (its series, metric, scope and unit)
/// and what the comparison found, each wrapped, not cut mid-word ("same date or w…" at
/// 80 columns).
fn about(db: &Db, question: &Question, width: usize, style: &dyn Fn(Role) -> Style) -> Vec<Line<'static>> {
    let all = db.indicators();
    let first = &all[question.first() as usize];
    // Titled by its latest figure: the oldest may count something narrower that the
    // series still holds (a trial read the whole series as "small and medium" firms).
    let latest = question.members.last().map_or(first, |m| &all[*m as usize]);
    let described = format!(
        " · {} · {} · in {}",
        latest.metric.as_deref().unwrap_or("no series"),
        latest.scope.as_deref().unwrap_or("scope not stated"),
        latest.unit
    );
    let members = &question.members;
    let years = |i: usize| all[members[i] as usize].as_of.year();
    let (from, to) = (years(0), years(members.len() - 1));
    let span = match members.len() {
        1 => format!("1 figure, {from}"),
        n if from == to => format!("{n} figures, all {from}"),
        n => format!("{n} figures, {from} to {to}"),
    };
    let summary = if question.conflict_dates.is_empty() {
        format!("{span}; none disagree for the same date or within a week")
    } else {
        let listed: Vec<String> = question.conflict_dates.iter().map(ToString::to_string).collect();
        format!(
            "{span}; ≠ marks figures that disagree for the same date or within a week ({})",
            listed.join(", ")
        )
    };
    let summary_role = if question.conflict_dates.is_empty() {
        Role::Dim
    } else {
        Role::Low
    };
    let mut lines = wrap(
        &[
            (series_title(&latest.name), style(Role::Title)),
            (&described, style(Role::Dim)),
        ],
        width,
        2,
    );
    lines.extend(wrap(&[(&summary, style(summary_role))], width, 2));
    lines
}

/// How many lines the comparison has above its rows, `width` columns wide: what
/// [`comparison`] draws, for the state to scroll by.
#[must_use]
pub fn head_height(db: &Db, question: &Question, width: usize) -> usize {
    about(db, question, width, &|_| Style::new()).len() + 1
}

/// Lays out the comparison `width` columns wide: the rows of figures `window` (indices
/// into the question's members; only the rows on screen are laid out, a series may be
/// long).
#[must_use]
pub fn comparison(
    db: &Db,
    question: &Question,
    window: std::ops::Range<usize>,
    width: usize,
    style: &dyn Fn(Role) -> Style,
) -> Comparison {
    let all = db.indicators();
    let members = &question.members;
    let window = window.start.min(members.len())..window.end.min(members.len());
    let shown = &members[window];
    let date_w = members
        .iter()
        // Over every member, not only those on screen: the column keeps its width and a
        // row its time as the table scrolls.
        .map(|m| when(all, members, *m).width())
        .max()
        .unwrap_or(4)
        .max(4);
    let figure_w = shown
        .iter()
        .map(|m| present::figure(&all[*m as usize]).width())
        .max()
        .unwrap_or(6)
        .clamp(6, 30);
    let rel_w = 5;
    let rest = width.saturating_sub(2 + date_w + 1 + figure_w + 1 + rel_w + 1);
    let note = width >= NOTE_COLUMN;
    let scope_w = shown
        .iter()
        .map(|m| all[*m as usize].scope.as_deref().unwrap_or("").width())
        .max()
        .unwrap_or(0)
        .clamp(5, (rest / 4).max(5))
        .min(rest);
    let source_w = if note {
        (rest / 3).clamp(10, 32)
    } else {
        rest.saturating_sub(scope_w + 1)
    };
    let note_w = rest.saturating_sub(scope_w + 1 + source_w + 1);
    // The last column says why a figure differs where one on screen does; else it names
    // each figure, which tells a board price from a selling price under one series title
    // (a trial found the column blank and the figures unnamed).
    let reasons = shown.iter().any(|m| question.conflicts(db, *m));
    let mut header = format!(
        "  {} {} {} {} {}",
        pad("Date", date_w),
        pad("Figure", figure_w),
        pad("Scope", scope_w),
        pad("Source", source_w),
        pad("Rel", rel_w)
    );
    if note && note_w > 0 {
        let title = if reasons { "Why it differs" } else { "Figure's own name" };
        header.push_str(&format!(" {}", pad(title, note_w)));
    }
    let mut head = about(db, question, width, style);
    head.push(Line::styled(fit(&header, width), style(Role::Heading)));
    let cols = Widths {
        width,
        date: date_w,
        figure: figure_w,
        scope: scope_w,
        source: source_w,
        rel: rel_w,
        note: if note { note_w } else { 0 },
        reasons,
    };
    let rows = shown.iter().map(|m| row(db, question, *m, &cols, style)).collect();
    Comparison { head, rows }
}

/// A figure's date, with the time of day its name gives (`2026-02-03 14:30`) when another
/// of `members` (the question's figures) has the same date: a price at 2:30 pm and one at 6:30 pm must not read as
/// two answers for one moment.
fn when(all: &[crate::data::model::Indicator], members: &[u32], m: u32) -> String {
    let ind = &all[m as usize];
    let shared = members.iter().any(|o| *o != m && all[*o as usize].as_of == ind.as_of);
    match present::time_of_day(&ind.name).filter(|_| shared) {
        Some(time) => format!("{} {time}", ind.as_of),
        None => ind.as_of.to_string(),
    }
}

/// The widths of a comparison's columns (`note` 0 when there is no room for reasons).
struct Widths {
    width: usize,
    date: usize,
    figure: usize,
    scope: usize,
    source: usize,
    rel: usize,
    note: usize,
    /// The last column gives reasons (else each figure's name).
    reasons: bool,
}

/// One figure's row: `≠` when it disagrees with another for its date, date, figure, scope,
/// source, reliability and, on wide screens, why it differs.
fn row(db: &Db, question: &Question, m: u32, cols: &Widths, style: &dyn Fn(Role) -> Style) -> Line<'static> {
    let i = m as usize;
    let ind = &db.indicators()[i];
    let rec = Rec::new(RecordKind::Indicator, i);
    let conflicting = question.conflicts(db, m);
    let mark = if conflicting { "≠ " } else { "  " };
    let mut spans = vec![
        Span::styled(mark, style(Role::Low)),
        Span::styled(
            pad(&when(db.indicators(), &question.members, m), cols.date),
            style(Role::Base),
        ),
        Span::raw(" "),
        Span::styled(
            pad(&present::figure(ind), cols.figure),
            style(if conflicting { Role::Low } else { Role::Heading }),
        ),
        Span::raw(" "),
        Span::styled(pad(ind.scope.as_deref().unwrap_or(""), cols.scope), style(Role::Dim)),
        Span::raw(" "),
        Span::styled(pad(&present::figure_source(db, i), cols.source), style(Role::Base)),
        Span::raw(" "),
        Span::styled(
            pad(&tabs::reliability_mark(db, rec), cols.rel),
            style(db.strongest_source(rec).map_or(Role::Low, Role::Reliability)),
        ),
    ];
    if cols.note > 0 {
        let why = if !cols.reasons {
            Some(ind.name.to_string())
        } else if conflicting {
            reason(db, i)
        } else {
            None
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            fit(why.as_deref().unwrap_or(""), cols.note),
            style(Role::Dim),
        ));
    }
    // Fitted whole: a narrow screen cuts the row at a character, never in one.
    let mut left = cols.width;
    let mut fitted = Vec::new();
    for span in spans {
        if left == 0 {
            break;
        }
        let piece = fit(&span.content, left);
        left = left.saturating_sub(piece.width());
        fitted.push(Span::styled(piece, span.style));
    }
    Line::from(fitted)
}

/// The selected figure, under the table: why it differs (or its summary), then each
/// source with the quote that supports it and the note on that citation, under it: a
/// note speaks of its own source ("the same report …"), so it never stands above another.
#[must_use]
pub fn foot(
    db: &Db,
    question: &Question,
    selected: usize,
    width: usize,
    style: &dyn Fn(Role) -> Style,
) -> Vec<Line<'static>> {
    let Some(m) = question.members.get(selected) else {
        return Vec::new();
    };
    let i = *m as usize;
    let ind = &db.indicators()[i];
    let mut lines = Vec::new();
    // Why it differs, when it does: the data's reason, which may be a citation's note
    // (then said under that source); else what the figure is.
    let why = question.conflicts(db, *m).then(|| reason(db, i)).flatten();
    let why_is_a_note = why
        .as_deref()
        .is_some_and(|w| ind.sources.iter().any(|c| c.note.as_deref().map(str::trim) == Some(w)));
    let top = match &why {
        Some(why) if !why_is_a_note => Some(("why: ", why.clone())),
        Some(_) => None,
        None => ind.summary.as_deref().map(|s| ("summary: ", s.to_owned())),
    };
    if let Some((label, text)) = top {
        lines.extend(wrap(
            &[(label, style(Role::Label)), (&text, style(Role::Base))],
            width,
            2,
        ));
    }
    for cite in &ind.sources {
        let Some(source) = db.source(&cite.source) else {
            continue;
        };
        let mut text = source.title.to_string();
        if let Some(publisher) = &source.publisher {
            text.push_str(&format!(", {publisher}"));
        }
        if let Some(date) = source.date {
            text.push_str(&format!(", {date}"));
        }
        lines.extend(wrap(
            &[
                ("source: ", style(Role::Label)),
                (&text, style(Role::Base)),
                (
                    &format!(" [{}]", source.reliability),
                    style(Role::Reliability(source.reliability)),
                ),
            ],
            width,
            2,
        ));
        if let Some(quote) = &cite.quote {
            lines.extend(wrap(&[(&format!("“{quote}”"), style(Role::Quote))], width, 2));
        }
        // Every citation's note is labelled alike, whether or not it is the reason the
        // figure differs: "why:" on the first source's and "note:" on the second's read
        // as two kinds of text (a trial asked what told them apart).
        if let Some(note) = cite.note.as_deref().map(str::trim) {
            lines.extend(wrap(
                &[("note: ", style(Role::Label)), (note, style(Role::Base))],
                width,
                2,
            ));
        }
    }
    lines
}

/// How many figure rows fit in a comparison box of `inner` height whose foot has
/// `foot` lines: the foot gives way first, so at 80×24 the table shows at least six rows
/// (and every row when there are fewer).
#[must_use]
pub fn rows_height(inner_height: u16, head: usize, foot: usize, rows: usize) -> (usize, usize) {
    let height = usize::from(inner_height);
    let body = height.saturating_sub(head);
    let foot = foot.min(FOOT);
    // The foot (and a blank line before it) only when the rows keep at least six lines
    // (or all they need).
    let wanted_rows = rows.min(6.max(body.saturating_sub(foot + 1)));
    let room_for_foot = body.saturating_sub(wanted_rows).saturating_sub(1);
    let foot = foot.min(room_for_foot);
    let rows_h = body.saturating_sub(if foot > 0 { foot + 1 } else { 0 });
    (rows_h.max(1), foot)
}

/// The figure rows' first line on screen, keeping `selected` in view from `offset`.
#[must_use]
pub fn keep_visible(offset: usize, selected: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// The series' title from a member's name: without the member's own date or note in
/// trailing brackets ("周大生 stores (end-2020)" heads every date's figures as "周大生
/// stores"); the whole name when it is all brackets or has none.
fn series_title(name: &str) -> &str {
    let Some(inner) = name.strip_suffix(')') else {
        return name;
    };
    // The bracket that opens the last one, counting nested pairs back.
    let mut depth = 1usize;
    for (at, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    let title = name[..at].trim_end();
                    return if title.is_empty() { name } else { title };
                }
            }
            _ => {}
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where no figure on screen differs from another, the last column names each figure
    /// (a board price, a selling price) instead of standing empty; the source column
    /// gives the outlet and the date, not the publisher line's asides.
    #[test]
    fn figures_that_agree_are_named_and_sourced_by_outlet() {
        let db = crate::data::load::embedded().unwrap();
        let brief = crate::data::brief::Brief::build(&db);
        let question = brief
            .questions
            .iter()
            .find(|q| {
                q.conflict_dates.is_empty()
                    && q.members.len() >= 3
                    && q.members
                        .iter()
                        .any(|m| db.indicators()[*m as usize].name != db.indicators()[q.members[0] as usize].name)
            })
            .expect("a series of differently named figures");
        let c = comparison(&db, question, 0..question.members.len(), 200, &|_| Style::new());
        let text = |l: &Line| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
        assert!(text(&c.head[2]).contains("Figure's own name"), "{}", text(&c.head[2]));
        for (row, m) in c.rows.iter().zip(&question.members) {
            let ind = &db.indicators()[*m as usize];
            let name: String = ind.name.chars().take(20).collect();
            assert!(text(row).contains(&name), "{} lacks {name}", text(row));
            if let Some(publisher) = ind
                .sources
                .iter()
                .filter_map(|s| db.source(&s.source))
                .min_by_key(|s| s.reliability)
                .and_then(|s| s.publisher.as_deref())
            {
                assert!(text(row).contains(present::outlet(publisher)), "{}", text(row));
            }
        }
    }

    /// A figure cited to a reprint (medium) and a filing (high): the row names the
    /// filing, whose reliability its mark gives; under the table the figure's summary
    /// comes first, and the note on the filing's citation under the filing, not above
    /// the reprint (trial helper-109).
    #[test]
    fn a_row_names_the_source_its_mark_rates_and_notes_stay_with_their_source() {
        let db = crate::data::load::embedded().unwrap();
        let brief = crate::data::brief::Brief::build(&db);
        let rec = db.record("ind-cuihua-frozen-accounts-2026-02-06").unwrap();
        let question = brief.question(rec.idx()).expect("its series");
        let at = question.members.iter().position(|m| *m as usize == rec.idx()).unwrap();
        let c = comparison(&db, question, at..at + 1, 200, &|_| Style::new());
        let text = |l: &Line| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
        let row = text(&c.rows[0]);
        assert!(
            row.contains("沈阳萃华金银珠宝股份有限公司") && row.contains("high"),
            "{row}"
        );
        let foot: Vec<String> = foot(&db, question, at, 200, &|_| Style::new())
            .iter()
            .map(text)
            .collect();
        assert!(foot[0].starts_with("summary: 45 bank accounts frozen"), "{foot:?}");
        let filing = foot.iter().position(|l| l.contains("SZSE filing")).expect("the filing");
        let note = foot
            .iter()
            .position(|l| l.starts_with("note: The company's own notice"))
            .expect("its note");
        assert!(note > filing, "{foot:?}");
    }

    #[test]
    fn a_series_is_titled_without_one_members_date() {
        assert_eq!(series_title("周大生 stores (end-2020)"), "周大生 stores");
        assert_eq!(
            series_title("Share of China's jewelry trade (2017, People's Daily: more than 70 %)"),
            "Share of China's jewelry trade"
        );
        assert_eq!(
            series_title("Diamonds vs SDE imports (2021; (restated) for 2023)"),
            "Diamonds vs SDE imports"
        );
        assert_eq!(series_title("Shuibei gold price"), "Shuibei gold price");
        assert_eq!(series_title("(2017)"), "(2017)");
        assert_eq!(series_title("odd)"), "odd)");
    }

    /// Two prices of one day from one report (2:30 pm and 6:30 pm) show their times, on
    /// screen together or not; a date no other figure of the question shares shows none.
    #[test]
    fn figures_of_one_date_show_their_times() {
        let db = crate::data::load::embedded().expect("the shipped data loads");
        let all = db.indicators();
        let id =
            |id: &str| u32::try_from(all.iter().position(|i| &*i.id == id).expect("the figure is shipped")).unwrap();
        let (a, b) = (
            id("ind-gold-price-shuibei-2026-02-03-1430"),
            id("ind-gold-price-shuibei-2026-02-03-1830"),
        );
        let other = id("ind-gold-price-shuibei-2026-01-26");
        let members = [other, a, b];
        assert_eq!(when(all, &members, a), "2026-02-03 14:30");
        assert_eq!(when(all, &members, b), "2026-02-03 18:30");
        assert_eq!(when(all, &members, other), "2026-01-26");
        assert_eq!(when(all, &[a], a), "2026-02-03");
    }

    #[test]
    fn six_rows_show_before_the_foot_at_80x24() {
        // 80×24: the body is 21 lines, 19 inside the border, 3 of them the head.
        let (rows, foot) = rows_height(19, 3, 8, 20);
        assert!(rows >= 6, "{rows}");
        assert!(foot <= FOOT);
        assert_eq!(rows + foot + 1, 16);
        // A tiny box still shows a row.
        assert_eq!(rows_height(3, 3, 8, 20), (1, 0));
        // Few rows: the foot takes what they leave.
        let (rows, foot) = rows_height(19, 3, 3, 2);
        assert_eq!(foot, 3);
        assert!(rows >= 2);
    }
}
