//! The help overlay, laid out: every binding of every context (from the keymap), the
//! search syntax, the ranking rules (`search::rank::RULES`), the tab's `field:` names and
//! the reliability legend; the box it sits
//! in, and how far it scrolls. The state clamps its scroll with [`max_scroll`]; the
//! renderer draws [`lines`] into [`area`].

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use super::centred;
use super::text::{Role, pad, wrap};
use crate::data::model::Reliability;
use crate::explorer::action::Tab;
use crate::explorer::keymap::Keymap;

/// The search syntax the help lists after the keys: an example and what it does.
const SYNTAX: &[(&str, &str)] = &[
    ("gold jade", "every term must match"),
    ("zds  zhoudasheng", "Chinese names by pinyin or initials"),
    ("周ds  zhou大生", "characters and pinyin mixed"),
    ("chowtai  sge", "runs that start consecutive words"),
    ("zhoudasehng", "typos, if nothing matches: 1 from 5 letters"),
    ("周大付", "sounds like 周大福, if nothing matches"),
    ("粵寶鑫", "traditional characters find simplified ones too"),
    ("chow-tai-fook", "hyphens join words side by side; an id leads"),
    ("Co., Ltd.  有限公司", "company forms left out, if nothing matches"),
    ("'word", "exact: the characters together"),
    ("^word  word$", "starts with / ends with"),
    ("!word", "leave out records containing it"),
    ("!chow-tai-fook", "leave out those words together"),
    ("a b | c d", "either side, whole: a and b, or c and d"),
    ("kind:a|b  a|b", "either value of that one word"),
    ("field:term", "only in that field (below)"),
];

/// The help text: every binding of every context, from the keymap, and the legend.
#[must_use]
pub fn lines(keymap: &Keymap, tab: Tab, width: usize, style: &dyn Fn(Role) -> Style) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (context, bindings) in keymap.help(Some(tab)) {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(context.title().to_owned(), style(Role::Heading)));
        for b in bindings {
            // Every key the action has here (on the Overview `/` jumps, as Ctrl-P does).
            let keys: Vec<String> = keymap
                .bindings(context, tab)
                .filter(|other| other.action == b.action)
                .flat_map(|other| other.keys.iter().map(|k| k.name()))
                .collect();
            let keys = pad(&keys.join(" "), 22);
            // On the Overview Enter opens what a line stands for, and shows the summary
            // whole where the page cuts it (`… Enter: all of it`).
            let what = if tab == Tab::Overview && b.action == crate::explorer::action::Action::Open {
                "open what the line stands for; on the summary's cut line (… Enter: all of it), show the summary whole, or cut it again"
            } else {
                b.action.describe()
            };
            lines.extend(entry(
                (&format!("  {keys}"), style(Role::Key)),
                what,
                width,
                style(Role::Base),
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Search syntax (/ in a tab, Ctrl-P across tabs; / on the Overview)".to_owned(),
        style(Role::Heading),
    ));
    for (syntax, mut meaning) in SYNTAX.iter().copied() {
        if tab.kind().is_none() && syntax == "field:term" {
            // The fields are a tab's: the Overview's help has none below (a trial).
            meaning = "only in that field (a tab's help lists its fields)";
        }
        lines.extend(entry(
            (&format!("  {}", pad(syntax, 22)), style(Role::Key)),
            meaning,
            width,
            style(Role::Base),
        ));
    }
    ranking(&mut lines, width, style);
    if let Some(kind) = tab.kind() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("Fields in {}", kind.section()),
            style(Role::Heading),
        ));
        for (field, meaning) in crate::search::fields(kind) {
            lines.extend(entry(
                (&format!("  {}", pad(&format!("{field}:"), 22)), style(Role::Key)),
                meaning,
                width,
                style(Role::Base),
            ));
        }
    }
    legend(&mut lines, width, style);
    lines
}

/// One entry of the help: its key (or mark) and what it does, wrapped under itself in
/// `width` columns, not cut mid-word ("(the detail says …" at 80 columns).
fn entry(lead: (&str, Style), text: &str, width: usize, base: Style) -> Vec<Line<'static>> {
    // One column short of the box, as the entries were fitted before.
    wrap(&[lead, (text, base)], width.saturating_sub(1), lead.0.width())
}

/// The help box over a screen of `screen`.
#[must_use]
pub fn area(screen: Rect) -> Rect {
    centred(screen, 96, screen.height.saturating_sub(2))
}

/// How far the help can scroll on a screen of `size`: its last line at the bottom of
/// the box. The update clamps with it, so scrolling past the end never piles up presses
/// that the way back must undo.
#[must_use]
pub fn max_scroll(keymap: &Keymap, tab: Tab, size: (u16, u16)) -> usize {
    let inner = Block::new()
        .borders(Borders::ALL)
        .inner(area(Rect::new(0, 0, size.0, size.1)));
    let lines = lines(keymap, tab, usize::from(inner.width), &|_| Style::new()).len();
    lines.saturating_sub(usize::from(inner.height))
}

/// How far Page Up and Page Down move the help: the lines the box shows, less one kept for
/// context (at least one).
#[must_use]
pub fn page(size: (u16, u16)) -> usize {
    let inner = Block::new()
        .borders(Borders::ALL)
        .inner(area(Rect::new(0, 0, size.0, size.1)));
    usize::from(inner.height).saturating_sub(1).max(1)
}

/// The legend: the `Src` column's words and the marks in the lists.
fn legend(lines: &mut Vec<Line<'static>>, width: usize, style: &dyn Fn(Role) -> Style) {
    lines.push(Line::default());
    lines.push(Line::styled("The Src column".to_owned(), style(Role::Heading)));
    for (mark, text, r) in [
        (
            "high ",
            "its strongest source is official, a filing or a major newspaper",
            Reliability::High,
        ),
        (
            "med  ",
            "its strongest source is trade press, or a reprint that names its original",
            Reliability::Medium,
        ),
        (
            "LOW  ",
            "rests only on blogs, machine translations, copies on unrelated sites or one interested party",
            Reliability::Low,
        ),
        (
            "high*",
            "well sourced, but some claim rests on a LOW source (the detail says which)",
            Reliability::Low,
        ),
    ] {
        lines.extend(entry(
            (&format!("  {mark}  "), style(Role::Reliability(r))),
            text,
            width,
            style(Role::Base),
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Marks".to_owned(), style(Role::Heading)));
    for (mark, text, role) in [
        (
            "✗",
            "in the Listing column: delisted (the detail gives the date)",
            Role::Low,
        ),
        (
            "≠",
            "a figure that disagrees with another for the same question and date; on the Overview, before a measure: its figures of an earlier date disagree (Enter compares them)",
            Role::Low,
        ),
        (
            "~",
            "a figure: about; a date: not exact (the detail gives it in words)",
            Role::Base,
        ),
        ("> < ≲", "a figure: more than, less than, nearly", Role::Base),
        (
            "≈",
            "a search's row that is no answer as typed: it sounds like the query, or holds its characters apart (the detail's why says which)",
            Role::Base,
        ),
        (
            "¬",
            "a search's row that holds the query only in a clause that negates it (\"not stated\"); ranked last",
            Role::Base,
        ),
        ("mn bn", "a figure in a narrow column: million, billion", Role::Base),
    ] {
        lines.extend(entry(
            (&format!("  {mark:<7}"), style(role)),
            text,
            width,
            style(Role::Base),
        ));
    }
}

/// The ranking rules, one line each (`search::rank::RULES`, also in the README).
fn ranking(lines: &mut Vec<Line<'static>>, width: usize, style: &dyn Fn(Role) -> Style) {
    lines.push(Line::default());
    lines.push(Line::styled("Ranking, rule by rule".to_owned(), style(Role::Heading)));
    for (i, (rule, about)) in crate::search::rank::RULES.iter().enumerate() {
        lines.extend(entry(
            (
                &format!("  {}", pad(&format!("{}. {rule}", i + 1), 22)),
                style(Role::Key),
            ),
            about,
            width,
            style(Role::Base),
        ));
    }
}
