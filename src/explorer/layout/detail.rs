//! The detail pane's text, laid out: everything known about a record, its links (with
//! the line each one lands on) and its sources (each a link as well, to the Sources
//! tab), wrapped to the pane's width, below the
//! chart for indicators; for a source (on the Sources tab), what it is and every record
//! that cites it, each a link. And how far it scrolls. Pure functions of the dataset, the
//! pane's size and the cursor ([`Pane`]): the state scrolls with them and the renderer
//! draws them, so the two always agree.
//!
//! A source's URL is laid out whole, never cut: broken over as many lines as it takes
//! (after a `/`, `?`, `&`, `#` or `=` when one is near the edge), each piece recorded
//! as a [`UrlPiece`] so the renderer can make it a hyperlink to the validated address.

mod url;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::chart;
use super::text::{Role, wrap};
use crate::data::db::{Db, Rec};
use crate::data::model::{RecordKind, Reliability};
use crate::data::present::{self, Detail, Low, SourceLine};
use url::url_lines;
pub use url::{UrlPiece, break_url};

/// How many citing records a source's detail lists as links: the pane is laid out on
/// every frame, and a source cited by a million records must not cost a million lines.
pub const CITING_LINKS: usize = 500;

/// After a link whose record rests on low-reliability sources only: whose sources they are.
pub const LINKED_LOW: &str = "  (its own sources: LOW only)";

/// What the detail pane is about.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Record(Rec),
    /// A source, by index, with the records that cite it (`None` while they are counted).
    Source {
        index: usize,
        citing: Option<&'a [Rec]>,
    },
}

/// What the detail pane shows and where its cursor stands: plain values the state hands
/// over.
pub struct Pane<'a> {
    pub db: &'a Db,
    /// What is shown: the selected record or source.
    pub subject: Subject<'a>,
    /// Why the record matched its tab's query, when that is worth saying.
    pub why: Option<String>,
    /// Whether the detail has the keyboard (its cursor then marks a link).
    pub focused: bool,
    /// The link under the cursor, in reading order.
    pub link: usize,
    /// Lines scrolled by hand; `None` keeps the cursor's link in view.
    pub scroll: Option<usize>,
}

/// The detail as wrapped lines, with the line of each link (in reading order) and where
/// each source URL's pieces stand.
pub struct DetailText {
    pub lines: Vec<Line<'static>>,
    pub link_lines: Vec<usize>,
    pub urls: Vec<UrlPiece>,
}

fn reliability_word(r: Reliability) -> &'static str {
    match r {
        Reliability::High => "high",
        Reliability::Medium => "medium",
        Reliability::Low => "LOW reliability",
    }
}

impl Pane<'_> {
    /// The record shown, if the pane shows one.
    #[must_use]
    pub fn rec(&self) -> Option<Rec> {
        match self.subject {
            Subject::Record(rec) => Some(rec),
            Subject::Source { .. } => None,
        }
    }
}

/// Lays out the detail for a pane `width` columns wide, each piece styled by `style`.
#[must_use]
pub fn text(pane: &Pane, width: usize, style: &dyn Fn(Role) -> Style) -> DetailText {
    match pane.subject {
        Subject::Record(rec) => record_text(pane, rec, width, style),
        Subject::Source { index, citing } => source_text(pane, index, citing, width, style),
    }
}

fn record_text(pane: &Pane, rec: Rec, width: usize, style: &dyn Fn(Role) -> Style) -> DetailText {
    let db = pane.db;
    let d: Detail = present::detail(db, rec);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut link_lines = Vec::new();
    let blank = |lines: &mut Vec<Line<'static>>| lines.push(Line::default());
    lines.extend(wrap(&[(&d.title, style(Role::Title))], width, 0));
    if let Some(sub) = &d.subtitle {
        lines.extend(wrap(&[(sub, style(Role::TitleZh))], width, 0));
    }
    if let Some(explain) = &pane.why {
        lines.extend(wrap(
            &[("why: ", style(Role::Label)), (explain, style(Role::Matched))],
            width,
            2,
        ));
    }
    match &d.low {
        Low::None => {}
        Low::Only => lines.extend(wrap(&[(Low::ONLY, style(Role::Low))], width, 2)),
        Low::Some(claims) => {
            // The `*` of the Src column: say which claim rests on the weak source.
            lines.extend(wrap(&[(Low::SOME, style(Role::Low))], width, 2));
            for claim in claims {
                lines.extend(wrap(&[("  ", style(Role::Base)), (claim, style(Role::Low))], width, 4));
            }
        }
    }
    if !d.fields.is_empty() {
        blank(&mut lines);
        let label_width = d.fields.iter().map(|f| f.label.len()).max().unwrap_or(0);
        for f in &d.fields {
            let label = format!("{:label_width$}  ", f.label);
            lines.extend(wrap(
                &[(&label, style(Role::Label)), (&f.value, style(Role::Base))],
                width,
                label_width + 2,
            ));
        }
    }
    if let Some(summary) = &d.summary {
        blank(&mut lines);
        lines.extend(wrap(&[(summary, style(Role::Base))], width, 0));
    }
    let selected_link = pane.focused.then_some(pane.link);
    let mut n = 0;
    for group in &d.links {
        blank(&mut lines);
        lines.push(Line::from(Span::styled(
            format!("{} ({})", group.label, group.items.len()),
            style(Role::Heading),
        )));
        for (target, label) in &group.items {
            let link_style = if selected_link == Some(n) {
                style(Role::LinkSelected)
            } else {
                style(Role::Link)
            };
            link_lines.push(lines.len());
            let kind = format!("→ {} ", target.kind);
            // A linked record that rests on weak sources only says so here too, as a fact
            // about that record: it says nothing of the claim this record makes.
            let low = if db.strongest_source(*target) == Some(Reliability::Low) {
                LINKED_LOW
            } else {
                ""
            };
            lines.extend(wrap(
                &[
                    (&kind, style(Role::Label)),
                    (label, link_style),
                    (low, style(Role::Low)),
                ],
                width,
                2,
            ));
            n += 1;
        }
    }
    blank(&mut lines);
    let mut urls = Vec::new();
    let marks = Marks {
        lines: &mut link_lines,
        selected: selected_link,
        next: n,
    };
    sources(db, &mut lines, &mut urls, marks, &d.sources, width, style);
    DetailText {
        lines,
        link_lines,
        urls,
    }
}

/// A source's detail: what it is, where to find it, and every record that cites it, by
/// tab, each a link.
fn source_text(
    pane: &Pane,
    index: usize,
    citing: Option<&[Rec]>,
    width: usize,
    style: &dyn Fn(Role) -> Style,
) -> DetailText {
    let db = pane.db;
    let s = &db.sources()[index];
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut link_lines = Vec::new();
    lines.extend(wrap(&[(&s.title, style(Role::Title))], width, 0));
    if let Some(explain) = &pane.why {
        lines.extend(wrap(
            &[("why: ", style(Role::Label)), (explain, style(Role::Matched))],
            width,
            2,
        ));
    }
    lines.push(Line::default());
    let mark = format!("[{}]", reliability_word(s.reliability));
    let mut fields: Vec<(&str, String, Role)> = vec![("Reliability", mark, Role::Reliability(s.reliability))];
    for (label, value) in [
        ("Publisher", s.publisher.as_deref().map(str::to_owned)),
        ("Date", s.date.map(|d| d.to_string())),
        ("File", s.file.as_deref().map(str::to_owned)),
        ("Note", s.note.as_deref().map(str::to_owned)),
        ("Id", Some(s.id.to_string())),
    ] {
        if let Some(value) = value {
            fields.push((label, value, Role::Base));
        }
    }
    for (label, value, role) in &fields {
        let label = format!("{label:11}  ");
        lines.extend(wrap(&[(&label, style(Role::Label)), (value, style(*role))], width, 13));
    }
    // The address whole, under its label (broken only where a URL may be, and a link
    // where the terminal shows them), as in a record's list of sources.
    let mut urls = Vec::new();
    if let Some(url) = s.url.as_deref() {
        lines.push(Line::styled("URL", style(Role::Label)));
        url_lines(&mut lines, &mut urls, url, width, style(Role::Dim));
    }
    let selected_link = pane.focused.then_some(pane.link);
    let link_style = |n: usize| {
        if selected_link == Some(n) {
            style(Role::LinkSelected)
        } else {
            style(Role::Link)
        }
    };
    // The same page entered again (rated apart for another claim): the links come first,
    // as `App::links` lists them.
    let same = db.same_page(index);
    if !same.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Same page", style(Role::Heading)));
        for (n, other) in same.iter().enumerate() {
            let other = &db.sources()[*other];
            link_lines.push(lines.len());
            let mark = format!("→ [{}] ", reliability_word(other.reliability));
            lines.extend(wrap(
                &[(&mark, style(Role::Label)), (&other.title, link_style(n))],
                width,
                2,
            ));
        }
    }
    let Some(citing) = citing else {
        lines.push(Line::default());
        lines.push(Line::styled("Cited by: counting…", style(Role::Dim)));
        return DetailText {
            lines,
            link_lines,
            urls,
        };
    };
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!("Cited by {}", present::count(citing.len())),
        style(Role::Heading),
    )));
    if citing.is_empty() {
        lines.extend(wrap(&[("no record cites this source", style(Role::Dim))], width, 2));
    }
    for (n, rec) in citing.iter().take(CITING_LINKS).enumerate() {
        link_lines.push(lines.len());
        let kind = format!("→ {} ", rec.kind);
        lines.extend(wrap(
            &[
                (&kind, style(Role::Label)),
                (&present::label(db, *rec), link_style(same.len() + n)),
            ],
            width,
            2,
        ));
    }
    if citing.len() > CITING_LINKS {
        let more = format!(
            "… and {} more (`shuibei show {}` lists them all)",
            present::count(citing.len() - CITING_LINKS),
            s.id
        );
        lines.extend(wrap(&[(&more, style(Role::Dim))], width, 2));
    }
    DetailText {
        lines,
        link_lines,
        urls,
    }
}

/// The record's sources, each with its reliability, byline, place, quote and note.
/// Where the links of a record's sources go: each source's title is a link (to the
/// Sources tab), numbered on from the record's other links.
struct Marks<'a> {
    lines: &'a mut Vec<usize>,
    selected: Option<usize>,
    next: usize,
}

fn sources(
    db: &Db,
    lines: &mut Vec<Line<'static>>,
    urls: &mut Vec<UrlPiece>,
    mut marks: Marks,
    sources: &[SourceLine],
    width: usize,
    style: &dyn Fn(Role) -> Style,
) {
    lines.push(Line::from(Span::styled(
        format!("Sources ({})", sources.len()),
        style(Role::Heading),
    )));
    if sources.is_empty() {
        lines.extend(wrap(
            &[("no source cited: treat with care", style(Role::Low))],
            width,
            2,
        ));
    }
    for s in sources {
        let mark = format!("[{}] ", reliability_word(s.reliability));
        // A link only when the source is in the dataset (a cite that names no source is
        // refused on load, but the pane never promises what Enter cannot do).
        let title = if db.source_index(&s.id).is_some() {
            let role = if marks.selected == Some(marks.next) {
                Role::LinkSelected
            } else {
                Role::Link
            };
            marks.lines.push(lines.len());
            marks.next += 1;
            style(role)
        } else {
            style(Role::Base)
        };
        lines.extend(wrap(
            &[(&mark, style(Role::Reliability(s.reliability))), (&s.title, title)],
            width,
            2,
        ));
        if let Some(byline) = &s.byline {
            lines.extend(wrap(&[("  ", style(Role::Base)), (byline, style(Role::Dim))], width, 4));
        }
        if let Some(location) = &s.location {
            let url = db.source(&s.id).and_then(|source| source.url.as_deref());
            match url.filter(|url| *url == location.as_str()) {
                Some(url) => url_lines(lines, urls, url, width, style(Role::Dim)),
                None => lines.extend(wrap(
                    &[("  ", style(Role::Base)), (location, style(Role::Dim))],
                    width,
                    4,
                )),
            }
        }
        if let Some(q) = &s.quote {
            let quoted = format!("“{q}”");
            lines.extend(wrap(
                &[("  ", style(Role::Base)), (&quoted, style(Role::Quote))],
                width,
                3,
            ));
        }
        if let Some(note) = &s.note {
            lines.extend(wrap(
                &[("  note: ", style(Role::Label)), (note, style(Role::Dim))],
                width,
                4,
            ));
        }
    }
}

/// The scroll offset that shows what the cursor asks for, within the text's length.
#[must_use]
pub fn scroll_for(pane: &Pane, text: &DetailText, height: usize) -> usize {
    let max = text.lines.len().saturating_sub(height);
    let wanted = match pane.scroll {
        Some(scroll) => scroll,
        None if pane.focused => text
            .link_lines
            .get(pane.link)
            // The link and the line after it; in a pane of one line, the link.
            .map_or(0, |line| (line + 2).saturating_sub(height).min(*line)),
        None => 0,
    };
    wanted.min(max)
}

/// Where the text goes inside the pane: below the chart for indicators.
#[must_use]
pub fn text_area(db: &Db, rec: Rec, inner: Rect) -> (Option<Rect>, Rect) {
    if rec.kind == RecordKind::Indicator && inner.height >= 7 {
        let wanted = chart::height(db, rec, inner.height / 2);
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
    /// How many text lines the pane shows.
    pub height: usize,
    /// The text line of the link under the cursor, if any.
    pub link_line: Option<usize>,
}

impl ScrollState {
    /// Whether the link under the cursor is on screen.
    #[must_use]
    pub fn link_shown(&self) -> bool {
        self.link_line
            .is_some_and(|line| line >= self.top && line < self.top + self.height)
    }
}

/// The pane's scroll as the screen shows it in the `detail` region (border included), so
/// that the update scrolls on from what the user sees (the cursor-following offset
/// included). Styles do not change where lines break, so none are applied.
#[must_use]
pub fn scroll_state(pane: &Pane, detail: Rect) -> ScrollState {
    let inner = Block::new().borders(Borders::ALL).inner(detail);
    if inner.width < 2 || inner.height == 0 {
        // No pane on screen (the zoomed list): nothing to scroll.
        return ScrollState {
            top: 0,
            max: 0,
            height: 0,
            link_line: None,
        };
    }
    let (_, area) = match pane.rec() {
        Some(rec) => text_area(pane.db, rec, inner),
        None => (None, inner),
    };
    let text = text(pane, usize::from(area.width), &|_| Style::new());
    let height = usize::from(area.height);
    ScrollState {
        top: scroll_for(pane, &text, height),
        max: text.lines.len().saturating_sub(height),
        height,
        link_line: text.link_lines.get(pane.link).copied(),
    }
}

#[cfg(test)]
mod tests;
