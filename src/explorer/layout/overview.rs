//! The Overview, laid out: the cluster on one screen. Its name, place, founding and
//! summary; how current each tab is ("data as of"); the headline figure of each question
//! (the latest figure with its scope, date and source reliability, or the word conflict
//! and the disagreeing figures side by side); the most recent events. Every line that
//! stands for something is a link (a record, a source, a question, a tab).
//!
//! Each section gets the rows the screen can spare: fewer at 80×24, two columns from
//! [`TWO_COLUMNS`] on. Pure functions of the dataset, its brief and the size: the state
//! walks the links with them and the renderer draws them, so the two agree.

mod headlines;
mod parts;

use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::text::{Role, fit, pad, wrap};
use crate::data::brief::Brief;
use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;
use crate::data::present;
use crate::explorer::action::Tab;
use crate::explorer::tabs;
use headlines::headline_lines;
use parts::Writer;
pub use parts::{Column, Link, Page, PageLink};

/// From this inner width on, the page is laid out in two columns: the cluster, its dates
/// and its events on the left, the headline figures on the right.
pub const TWO_COLUMNS: u16 = 150;

/// How many rows each section gets.
struct Budget {
    summary: usize,
    headlines: usize,
    events: usize,
    gaps: bool,
}

/// Shares out the rows: in two columns the headlines take the right one; in one, the
/// summary a little, then headlines and events three to two, what one cannot use going
/// to the other.
fn budget(brief: Option<&Brief>, two: bool, height: usize, summary_lines: usize) -> Budget {
    let headline_count = brief.map_or(1, |b| b.headlines.len());
    let event_count = brief.map_or(1, |b| b.recent.len());
    if two {
        let summary = summary_lines.min(8);
        // Name and place, the summary, a gap, the dates (heading and five), a gap, a heading.
        let left = height.saturating_sub(2 + summary + 1 + 6 + 1 + 1);
        return Budget {
            summary,
            headlines: height.saturating_sub(1),
            events: left.max(1),
            gaps: true,
        };
    }
    // Name and place, the dates heading and a line per tab, two section headings.
    let fixed = 2 + 1 + 5 + 2;
    let gaps = height >= 30;
    let spare = height.saturating_sub(fixed + if gaps { 3 } else { 0 });
    // Two rows in five of those spare, up to eight: the summary says what the cluster is
    // and why its figures differ (a trial at 100×30 met it cut where the share began).
    let summary = summary_lines.min((spare * 2 / 5).clamp(1, 8));
    let rest = spare.saturating_sub(summary).max(3);
    let mut headlines = (rest * 3 / 5).max(2);
    let mut events = rest.saturating_sub(headlines).max(1);
    if headlines > headline_count {
        events += headlines - headline_count;
        headlines = headline_count;
    }
    if events > event_count {
        headlines += events - event_count;
        events = event_count;
    }
    Budget {
        summary,
        headlines,
        events,
        gaps,
    }
}

/// The mark that ends a summary cut short, on its last line shown (a link: Enter shows
/// the summary whole, the page then scrolling to the sections below it).
pub const SUMMARY_CUT: &str = " … Enter: all of it";

/// How the page shows the cluster's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Summary {
    /// All of it, in the rows it was given.
    Fits,
    /// Cut to its rows, its last line marked and a link.
    Cut,
    /// All of it, asked for where it would be cut: its last line a link back.
    Opened,
}

/// Lays out the Overview in `area` (the inside of its border). `brief` is `None` while it
/// is being computed: the sections say so. `summary_whole`: the summary was asked for
/// whole (Enter on its cut line); the page then runs past the screen and scrolls.
#[must_use]
pub fn page(db: &Db, brief: Option<&Brief>, area: Rect, summary_whole: bool, style: &dyn Fn(Role) -> Style) -> Page {
    let height = usize::from(area.height);
    let two = area.width >= TWO_COLUMNS && area.height >= 20;
    let left_width = if two { area.width * 2 / 5 } else { area.width };
    let summary_lines = db
        .dataset()
        .cluster
        .summary
        .as_deref()
        .map_or(0, |s| wrap(&[(s, Style::new())], usize::from(left_width), 0).len());
    let mut budget = budget(brief, two, height, summary_lines);
    let summary = match (summary_lines > budget.summary, summary_whole) {
        (false, _) => Summary::Fits,
        (true, false) => Summary::Cut,
        (true, true) => Summary::Opened,
    };
    if summary == Summary::Opened {
        budget.summary = summary_lines;
    }
    let (left_area, right_area) = if two {
        (
            Rect::new(area.x, area.y, left_width, area.height),
            Some(Rect::new(
                area.x + left_width + 2,
                area.y,
                area.width - left_width - 2,
                area.height,
            )),
        )
    } else {
        (area, None)
    };
    let mut left = Writer {
        column: 0,
        width: usize::from(left_area.width),
        lines: Vec::new(),
        links: Vec::new(),
        style,
    };
    cluster_lines(&mut left, db, budget.summary, summary);
    if budget.gaps {
        left.blank();
    }
    as_of_lines(&mut left, db, brief);
    if budget.gaps {
        left.blank();
    }
    let mut columns = Vec::new();
    let mut links = Vec::new();
    if let Some(right_area) = right_area {
        event_lines(&mut left, db, brief, budget.events);
        let mut right = Writer {
            column: 1,
            width: usize::from(right_area.width),
            lines: Vec::new(),
            links: Vec::new(),
            style,
        };
        headline_lines(&mut right, db, brief, budget.headlines);
        links.append(&mut left.links);
        links.append(&mut right.links);
        columns.push(Column {
            area: left_area,
            lines: left.lines,
        });
        columns.push(Column {
            area: right_area,
            lines: right.lines,
        });
    } else {
        headline_lines(&mut left, db, brief, budget.headlines);
        if budget.gaps {
            left.blank();
        }
        event_lines(&mut left, db, brief, budget.events);
        links.append(&mut left.links);
        columns.push(Column {
            area: left_area,
            lines: left.lines,
        });
    }
    Page { columns, links }
}

/// The block's title: the tab's name and how current the data is.
#[must_use]
pub fn title(brief: Option<&Brief>) -> String {
    match brief.map(|b| (b.as_of.reach(), b.as_of.overall())) {
        Some((Some(reach), _)) => format!(" Overview · {reach} "),
        Some((None, Some(date))) => format!(" Overview · data as of {date} "),
        Some((None, None)) => " Overview · no dated records ".to_owned(),
        None => " Overview · counting… ".to_owned(),
    }
}

fn cluster_lines(w: &mut Writer, db: &Db, rows: usize, summary: Summary) {
    let cluster = &db.dataset().cluster;
    let mut name = vec![(cluster.name.to_string(), Role::Title)];
    if let Some(zh) = cluster.name_zh.as_deref().filter(|zh| *zh != &*cluster.name) {
        name.push(("  ".to_owned(), Role::Base));
        name.push((zh.to_owned(), Role::TitleZh));
    }
    w.line(name, None);
    // The founding first: it is short, and a narrow screen cuts the place instead.
    let mut place = Vec::new();
    if let Some(date) = cluster.established {
        place.push(("established ".to_owned(), Role::Label));
        place.push((date.to_string(), Role::Base));
    }
    if let Some(location) = &cluster.location {
        if !place.is_empty() {
            place.push((" · ".to_owned(), Role::Dim));
        }
        place.push((location.to_string(), Role::Base));
    }
    if place.is_empty() {
        place.push(("place and founding not stated".to_owned(), Role::Dim));
    }
    w.line(place, None);
    if let Some(text) = cluster.summary.as_deref() {
        let wrapped = wrap(&[(text, (w.style)(Role::Base))], w.width, 0);
        let shown = wrapped.len().min(rows);
        for (n, line) in wrapped.into_iter().take(rows).enumerate() {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let last = n + 1 == shown;
            match summary {
                // The last line shown says there is more and how to read it, its words
                // whole: at 80×24 it ended "…calls it…" with no way to the rest.
                Summary::Cut if last => {
                    let room = w.width.saturating_sub(SUMMARY_CUT.width());
                    let kept = wrap(&[(text.as_str(), Style::new())], room, 0)
                        .first()
                        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
                        .unwrap_or_default();
                    w.line(
                        vec![(fit(&kept, room), Role::Base), (SUMMARY_CUT.to_owned(), Role::Key)],
                        Some(Link::Summary),
                    );
                }
                Summary::Opened if last => w.line(vec![(text, Role::Base)], Some(Link::Summary)),
                _ => w.line(vec![(text, Role::Base)], None),
            }
        }
    }
}

fn as_of_lines(w: &mut Writer, db: &Db, brief: Option<&Brief>) {
    let Some(brief) = brief else {
        w.line(vec![("Data as of: counting…".to_owned(), Role::Heading)], None);
        return;
    };
    let as_of = &brief.as_of;
    let newest = as_of.overall();
    // How far the events and figures reach leads: a registry laid over the data (its
    // export's date, its people's) says nothing of how recent the news is.
    let (heading, overall) = match (as_of.events_and_figures(), newest) {
        (Some(news), _) => {
            let reach = as_of.reach().unwrap_or_default();
            let mut heading = reach.chars();
            let heading: String = heading
                .next()
                .map(|c| c.to_uppercase().chain(heading).collect())
                .unwrap_or_default();
            (heading, Some(Link::Record(news.at)))
        }
        (None, Some(date)) => (
            format!("Data as of {date}"),
            // The heading leads to the newest thing in the dataset.
            RecordKind::ALL
                .iter()
                .filter_map(|k| as_of.of(*k))
                .max_by_key(|n| n.date)
                .filter(|n| n.date == date)
                .map(|n| Link::Record(n.at))
                .or_else(|| as_of.sources.map(|n| Link::Source(u32::try_from(n.at).unwrap_or(0)))),
        ),
        (None, None) => ("Data as of: no dated records".to_owned(), None),
    };
    w.line(
        vec![
            (heading, Role::Heading),
            ("  the newest date in each tab".to_owned(), Role::Dim),
        ],
        overall,
    );
    let date_width = 10;
    for kind in RecordKind::ALL {
        let tab = Tab::of(kind);
        let name = format!("  {}", pad(tab.title(), 12));
        match as_of.of(kind) {
            // Which date it is where a record has several: an enterprise's newest date
            // may be a person's role, not its founding; a brand's is an honour's year (a
            // trial read "2022 Zhou Dasheng" as the brand's date). After the name, which
            // a narrow window keeps.
            Some(n) => w.line(
                vec![
                    (name, Role::Label),
                    (pad(&n.date.to_string(), date_width), Role::Base),
                    (" ".to_owned(), Role::Base),
                    (
                        if matches!(kind, RecordKind::Enterprise | RecordKind::Brand) {
                            format!("{} · {}", name_of(db, n.at), n.what)
                        } else {
                            name_of(db, n.at)
                        },
                        Role::Dim,
                    ),
                ],
                Some(Link::Record(n.at)),
            ),
            None => w.line(vec![(name, Role::Label), ("no dates".to_owned(), Role::Dim)], None),
        }
    }
    let name = format!("  {}", pad(Tab::Sources.title(), 12));
    match as_of.sources {
        Some(n) => w.line(
            vec![
                (name, Role::Label),
                (pad(&n.date.to_string(), date_width), Role::Base),
                (" ".to_owned(), Role::Base),
                (db.sources()[n.at].title.to_string(), Role::Dim),
            ],
            Some(Link::Source(u32::try_from(n.at).unwrap_or(0))),
        ),
        None => w.line(vec![(name, Role::Label), ("no dates".to_owned(), Role::Dim)], None),
    }
}

/// A record's name without the date the line already shows: an event's title, an
/// indicator's name, an enterprise's or brand's names.
fn name_of(db: &Db, rec: Rec) -> String {
    match rec.kind {
        RecordKind::History => db.history()[rec.idx()].title.to_string(),
        RecordKind::Indicator => db.indicators()[rec.idx()].name.to_string(),
        RecordKind::Enterprise | RecordKind::Brand => present::label(db, rec),
    }
}

/// The widest date label the Overview's event list shows; a wider one shows its date.
const DATE_MAX: usize = 18;

fn event_lines(w: &mut Writer, db: &Db, brief: Option<&Brief>, rows: usize) {
    let Some(brief) = brief else {
        w.line(vec![("Recent events: counting…".to_owned(), Role::Heading)], None);
        return;
    };
    w.line(
        vec![
            ("Recent events".to_owned(), Role::Heading),
            (
                format!(
                    " · {} in all · newest first → 1 History",
                    present::count(db.history().len())
                ),
                Role::Dim,
            ),
        ],
        Some(Link::Tab(Tab::History)),
    );
    if brief.recent.is_empty() {
        w.line(vec![("  no events in this dataset".to_owned(), Role::Dim)], None);
        return;
    }
    let shown: Vec<u32> = brief.recent.iter().take(rows).copied().collect();
    // Dates as the History tab lists them ("August 2006 …" for a long label); a label
    // wider than the column may be ([`DATE_MAX`]) gives way to the date itself, marked
    // as not exact ("Spring Festival holiday, February 2026" reads ~2026-02-21), so no
    // date is ever cut or shown as more exact than its label.
    let dates: Vec<String> = shown
        .iter()
        .map(|i| {
            let label = tabs::cell(db, Rec::new(RecordKind::History, *i as usize), 0);
            if label.width() <= DATE_MAX {
                label
            } else {
                tabs::not_exact(db.history()[*i as usize].date)
            }
        })
        .collect();
    let date_width = dates.iter().map(|d| d.width()).max().unwrap_or(4);
    for (i, date) in shown.iter().zip(dates) {
        let e = &db.history()[*i as usize];
        let rec = Rec::new(RecordKind::History, *i as usize);
        let mut title = e.title.to_string();
        if let Some(zh) = &e.title_zh {
            title.push_str(tabs::TITLE_SEPARATOR);
            title.push_str(zh);
        }
        w.line(
            vec![
                ("  ".to_owned(), Role::Base),
                (pad(&date, date_width), Role::Base),
                (" ".to_owned(), Role::Base),
                (title, Role::Base),
            ],
            Some(Link::Record(rec)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(page: &Page) -> Vec<String> {
        page.columns
            .iter()
            .flat_map(|c| {
                c.lines
                    .iter()
                    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            })
            .collect()
    }

    #[test]
    fn a_tiny_dataset_has_an_overview_and_nothing_is_invented() {
        let db = crate::data::load::load_slice("t.json", br#"{"format": "shuibei/1", "cluster": {"name": "Tiny"}}"#)
            .unwrap();
        let brief = Brief::build(&db);
        for (w, h) in [(40, 7), (78, 19), (198, 55)] {
            let page = page(&db, Some(&brief), Rect::new(0, 0, w, h), false, &|_| Style::new());
            let lines = text(&page);
            assert!(lines[0].starts_with("Tiny"), "{lines:?}");
            assert!(lines.iter().any(|l| l.contains("place and founding not stated")));
            assert!(lines.iter().any(|l| l.contains("no figures in this dataset")));
            assert!(lines.iter().any(|l| l.contains("no events in this dataset")));
            for (line, col) in lines
                .iter()
                .zip(page.columns.iter().flat_map(|c| c.lines.iter().map(move |_| c)))
            {
                assert!(line.width() <= usize::from(col.area.width), "{line:?} wider than {w}");
            }
        }
        let counting = page(&db, None, Rect::new(0, 0, 78, 19), false, &|_| Style::new());
        assert!(text(&counting).iter().any(|l| l.contains("counting…")));
        assert!(counting.links.is_empty());
    }

    /// The questions in conflict that the heading counts are on the page, each a link to
    /// its comparison, when there is room for the newest figures besides: at 120×40 on the
    /// shipped data, all six.
    #[test]
    fn the_questions_in_conflict_are_on_the_page() {
        let db = crate::data::load::embedded().unwrap();
        let brief = Brief::build(&db);
        let conflicted: Vec<u32> = (0..brief.questions.len())
            .filter(|q| !brief.questions[*q].conflict_dates.is_empty())
            .map(|q| u32::try_from(q).unwrap())
            .collect();
        assert_eq!(conflicted.len(), brief.conflicted);
        let page = page(&db, Some(&brief), Rect::new(0, 0, 118, 36), false, &|_| Style::new());
        let linked: Vec<u32> = page
            .links
            .iter()
            .filter_map(|l| match l.target {
                Link::Question(q) => Some(q),
                _ => None,
            })
            .collect();
        for q in &conflicted {
            assert!(linked.contains(q), "question {q} in conflict has no line: {linked:?}");
        }
        // And the newest figure still heads the list.
        let newest = brief.headlines[0];
        assert!(
            page.links.iter().any(|l| match l.target {
                Link::Record(rec) => brief.question_of[rec.index as usize] == newest,
                Link::Question(q) => q == newest,
                _ => false,
            }),
            "the newest question is shown"
        );
    }

    /// The headline figures lead with the cluster's own measures, in the dataset's order
    /// (a trial briefing an official found prices and a brand's store closures under
    /// "Headline figures", and no trade value or share); where rows remain after them, the
    /// newest figure of all comes first (a trial at 80×24 found the 2 March quote heading
    /// the list and the 9 March price gone, while rows of 2016 and 2008 stayed).
    #[test]
    fn the_clusters_measures_lead_then_the_newest_figure() {
        let db = crate::data::load::embedded().unwrap();
        let brief = Brief::build(&db);
        assert!(brief.lead.len() >= 4, "the shipped dataset names its headline groups");
        let newest = db.indicators().iter().map(|i| i.as_of).max().unwrap().to_string();
        for (w, h) in [(78, 21), (78, 23), (98, 28), (118, 36), (118, 44)] {
            let page = page(&db, Some(&brief), Rect::new(0, 0, w, h), false, &|_| Style::new());
            let lines = text(&page);
            let heading = lines.iter().position(|l| l.starts_with("Headline figures")).unwrap();
            let questions: Vec<u32> = page
                .links
                .iter()
                .filter(|l| l.line > heading)
                .filter_map(|l| match l.target {
                    Link::Record(rec) if rec.kind == RecordKind::Indicator => {
                        Some(brief.question_of[rec.index as usize])
                    }
                    Link::Question(q) => Some(q),
                    _ => None,
                })
                .collect();
            // All but the last row when the cluster's measures would fill them: it is the
            // first in conflict's.
            let led = brief.lead.len().min(questions.len());
            let led = if led == questions.len() { led - 1 } else { led };
            assert_eq!(questions[..led], brief.lead[..led], "{w}x{h}");
            if questions.len() > brief.lead.len() {
                let after = &lines[heading + 1 + brief.lead.len()];
                assert!(
                    after.trim_start().starts_with(&newest),
                    "{w}x{h}: {:?}",
                    &lines[heading..]
                );
            }
        }
    }

    /// However few the rows, a measure in conflict is on the page when the heading counts
    /// any: at 80×24 and 100×30 the cluster's five measures took every row and none of
    /// the three in conflict showed.
    #[test]
    fn a_short_page_still_shows_a_conflict() {
        let db = crate::data::load::embedded().unwrap();
        let brief = Brief::build(&db);
        assert!(brief.conflicted > 0, "the shipped data has figures in conflict");
        // The Overview's inside at 80×24, 100×30 and in between.
        for (w, h) in [(78, 19), (78, 21), (98, 25), (118, 36)] {
            let page = page(&db, Some(&brief), Rect::new(0, 0, w, h), false, &|_| Style::new());
            let lines = text(&page);
            let disputed: Vec<&str> = page
                .links
                .iter()
                .filter_map(|l| match l.target {
                    Link::Question(q) if !brief.questions[q as usize].conflict_dates.is_empty() => {
                        Some(lines[l.line].as_str())
                    }
                    _ => None,
                })
                .collect();
            assert!(!disputed.is_empty(), "{w}x{h}: no conflict among {lines:#?}");
            assert!(
                disputed.iter().all(|l| l.contains('≠')),
                "{w}x{h}: a conflict's line shows its figures apart: {disputed:?}"
            );
            // The cluster's own measures still lead.
            let heading = lines.iter().position(|l| l.starts_with("Headline figures")).unwrap();
            let first = page
                .links
                .iter()
                .find(|l| l.line == heading + 1)
                .map(|l| match l.target {
                    Link::Record(rec) => brief.question_of[rec.index as usize],
                    Link::Question(q) => q,
                    _ => u32::MAX,
                });
            assert_eq!(first, Some(brief.lead[0]), "{w}x{h}: {lines:#?}");
        }
    }

    #[test]
    fn counting_has_no_links() {
        let db = crate::data::load::load_slice("t.json", br#"{"format": "shuibei/1", "cluster": {"name": "Tiny"}}"#)
            .unwrap();
        let counting = page(&db, None, Rect::new(0, 0, 78, 19), false, &|_| Style::new());
        assert!(text(&counting).iter().any(|l| l.contains("counting…")));
        assert!(counting.links.is_empty());
    }
}
