//! The Overview's headline figures: the latest figure of each question with its scope,
//! date and source reliability, or its disagreeing figures side by side, as many as the
//! rows allow: first a measure of each group the dataset names as the cluster's own
//! (its enterprises, trade, share), then the newest, the questions in conflict among them.

use unicode_width::UnicodeWidthStr;

use super::parts::{Link, Writer};
use crate::data::brief::{Brief, Question};
use crate::data::db::{Db, Rec};
use crate::data::model::{Indicator, RecordKind};
use crate::data::present;
use crate::explorer::action::Tab;
use crate::explorer::layout::text::{Role, fit, pad};
use crate::explorer::tabs;

/// Which date each of the figures side by side carries.
#[derive(Clone, Copy)]
enum Dated {
    /// None: they share the line's date.
    No,
    /// Each its own, whole, after it: ">10,000 med (2025-10-11)".
    Whole,
    /// Each its own before it, without the year when it is this one: "10-11 >10,000 med".
    Short(u16),
}

/// A date without its year when the year is `year` ("10-11" for 2025-10-11 in 2025);
/// a year alone or another year stays whole.
fn short_date(date: crate::data::model::Date, year: u16) -> String {
    let whole = date.to_string();
    match whole.strip_prefix(&format!("{year}-")) {
        Some(rest) if date.year() == year => rest.to_owned(),
        _ => whole,
    }
}

/// Figures that disagree, side by side, each with its source's reliability and with its
/// date as `dated` says.
fn side_by_side(db: &Db, figures: &[u32], dated: Dated) -> Vec<(String, Role)> {
    side_by_side_as(db, figures, dated, false)
}

/// [`side_by_side`] with a unit the figures share written once, before them
/// ("enterprises: >10,000 med ≠ ≲9,000 med"), for a line too narrow for it after each;
/// `None` when their units differ or are signs that go with the number (`%`, `HK$`).
fn unit_once(db: &Db, figures: &[u32], dated: Dated) -> Option<Vec<(String, Role)>> {
    let first = shared_word_unit(db, figures)?;
    let mut spans = vec![(format!("{first}: "), Role::Dim)];
    spans.extend(side_by_side_as(db, figures, dated, true));
    Some(spans)
}

/// The unit the figures share, when it is a word ("enterprises"), not a sign.
fn shared_word_unit<'d>(db: &'d Db, figures: &[u32]) -> Option<&'d str> {
    let unit = |m: &u32| db.indicators()[*m as usize].unit.trim();
    let first = unit(figures.first()?);
    let worded = first.chars().any(char::is_alphabetic) && !first.contains('$');
    (worded && figures.iter().all(|m| unit(m) == first)).then_some(first)
}

/// A piece of a line: its text and how it is drawn.
type Piece = (String, Role);

/// The conflicting figures in the widest form `room_for` allows. Figures of one date:
/// with their unit each, then written once. Figures of different dates always carry
/// theirs (a line's one date read as every figure's): whole, then short before each
/// figure ("10-11 >10,000 med ≠ 10-17 ≲9,000 med"), then with the unit once, then
/// without a worded unit (the name and the comparison say what is counted).
fn fitted(db: &Db, figures: &[u32], year: Option<u16>, room_for: &dyn Fn(&[Piece]) -> bool) -> Vec<Piece> {
    let mut tiers: Vec<Vec<Piece>> = Vec::new();
    match year {
        None => {
            tiers.push(side_by_side(db, figures, Dated::No));
            tiers.extend(unit_once(db, figures, Dated::No));
        }
        Some(year) => {
            tiers.push(side_by_side(db, figures, Dated::Whole));
            tiers.push(side_by_side(db, figures, Dated::Short(year)));
            tiers.extend(unit_once(db, figures, Dated::Short(year)));
            if shared_word_unit(db, figures).is_some() {
                tiers.push(side_by_side_as(db, figures, Dated::Short(year), true));
            }
        }
    }
    let last = tiers.len() - 1;
    tiers
        .into_iter()
        .enumerate()
        .find(|(n, spans)| *n == last || room_for(spans))
        .map(|(_, spans)| spans)
        .unwrap_or_default()
}

fn side_by_side_as(db: &Db, figures: &[u32], dated: Dated, bare: bool) -> Vec<(String, Role)> {
    let mut spans = Vec::new();
    for (n, m) in figures.iter().enumerate() {
        let rec = Rec::new(RecordKind::Indicator, *m as usize);
        let ind = &db.indicators()[*m as usize];
        if n > 0 {
            spans.push((" ≠ ".to_owned(), Role::Low));
        }
        if let Dated::Short(year) = dated {
            spans.push((format!("{} ", short_date(ind.as_of, year)), Role::Dim));
        }
        let figure = if bare {
            present::amount(ind)
        } else {
            present::short_figure(ind)
        };
        spans.push((figure, Role::Base));
        spans.push((
            format!(" {}", tabs::reliability_mark(db, rec)),
            reliability_role(db, rec),
        ));
        if let Dated::Whole = dated {
            spans.push((format!(" ({})", ind.as_of), Role::Dim));
        }
    }
    spans
}

pub(super) fn headline_lines(w: &mut Writer, db: &Db, brief: Option<&Brief>, rows: usize) {
    let Some(brief) = brief else {
        w.line(vec![("Headline figures: counting…".to_owned(), Role::Heading)], None);
        return;
    };
    let total = brief.headlines.len();
    let conflicted = brief.conflicted;
    let mut heading = vec![
        ("Headline figures".to_owned(), Role::Heading),
        // A measure: one metric, in one unit, for one scope (`brief::Question`).
        (format!(" · {} measures", present::count(total)), Role::Dim),
    ];
    if conflicted > 0 {
        heading.push((format!(", {} in conflict", present::count(conflicted)), Role::Low));
    }
    let order = if brief.lead.is_empty() {
        " · newest first → 4 Indicators"
    } else {
        " · cluster first → 4 Indicators"
    };
    heading.push((order.to_owned(), Role::Dim));
    w.line(heading, Some(Link::Tab(Tab::Indicators)));
    if total == 0 {
        w.line(vec![("  no figures in this dataset".to_owned(), Role::Dim)], None);
        return;
    }
    // Those that fit are listed newest first, as the heading says.
    let latest = |q: &Question| &db.indicators()[q.latest()[q.latest().len() - 1] as usize];
    // The newest figure of all heads the list whatever the rows: under "newest first" a
    // short screen kept the longer series of the newest year (2 March) and dropped the
    // newest figure (9 March).
    let newest = brief
        .headlines
        .iter()
        .rev()
        .max_by_key(|q| latest(&brief.questions[**q as usize]).as_of);
    // The cluster's own measures first, in the dataset's order; the rest newest first.
    let lead: Vec<&u32> = brief.lead.iter().take(lead_rows(brief, rows)).collect();
    let mut rest: Vec<(&u32, &Question)> =
        chosen(brief, rows - lead.len(), newest.filter(|q| !lead.contains(q)), &lead)
            .into_iter()
            .map(|q| (q, &brief.questions[*q as usize]))
            .collect();
    rest.sort_by_key(|(_, q)| std::cmp::Reverse(latest(q).as_of));
    let mut picked: Vec<(&u32, &Question)> = lead.iter().map(|q| (*q, &brief.questions[**q as usize])).collect();
    picked.extend(rest);
    let shown: Vec<&Question> = picked.iter().map(|(_, q)| *q).collect();
    let width = w.width.saturating_sub(2);
    // Measured on the rows shown: the latest figure of each question.
    let widest = |f: &dyn Fn(&Indicator) -> usize| shown.iter().map(|q| f(latest(q))).max().unwrap_or(0);
    let date_width = widest(&|i| i.as_of.to_string().width()).max(4);
    // The figure and scope columns of the lines that have them: a line in conflict sets
    // its figures side by side without a scope, and its scope ("Zhou Dasheng franchise
    // network") widened the column and cut every name above it.
    let agreed: Vec<&Question> = shown.iter().copied().filter(|q| !q.conflict_now(db)).collect();
    let widest_agreed = |f: &dyn Fn(&Indicator) -> usize| agreed.iter().map(|q| f(latest(q))).max().unwrap_or(0);
    let rel_width = 5;
    let figure_width = widest_agreed(&|i| present::short_figure(i).width()).clamp(10, (width / 4).max(10));
    let scope_width = if width >= 70 {
        widest_agreed(&|i| i.scope.as_deref().unwrap_or("").width()).clamp(6, (width / 6).max(6))
    } else {
        0
    };
    let name_width = width.saturating_sub(date_width + figure_width + scope_width + rel_width + 4);
    for (q, question) in picked {
        let latest = question.latest();
        let conflict = question.conflict_now(db);
        // Of figures of one time that agree, the best sourced, then the newest: a share
        // of wholesale that a machine summary (low) gave on 17 October stood for the same
        // figure Ta Kung Pao (medium) gave on the 11th.
        let ind_index = if conflict {
            latest[latest.len() - 1] as usize
        } else {
            best_sourced(db, latest)
        };
        // The figure whose date is shown names the line too: figures of one week may
        // come from reports with different names (a trial read one report's name beside
        // another's date).
        let ind = &db.indicators()[ind_index];
        let date = pad(&ind.as_of.to_string(), date_width);
        if conflict {
            let spans = conflict_line(db, latest, ind, date, (width, date_width, name_width));
            w.line(spans, Some(Link::Question(*q)));
        } else {
            agreed_line(
                w,
                db,
                (*q, question),
                ind_index,
                date,
                (name_width, figure_width, scope_width),
            );
        }
    }
}

/// A headline line of figures that agree: the figure shown (`ind_index`, the best
/// sourced of the latest), its name, figure, scope and source reliability, in columns of
/// `widths` (the name's, the figure's and the scope's); `date` its date, padded.
fn agreed_line(
    w: &mut Writer,
    db: &Db,
    (q, question): (u32, &Question),
    ind_index: usize,
    date: String,
    (name_width, figure_width, scope_width): (usize, usize, usize),
) {
    let ind = &db.indicators()[ind_index];
    let latest = question.latest();
    let rec = Rec::new(RecordKind::Indicator, ind_index);
    // Figures of an earlier year disagree: marked, and the line opens the comparison.
    let earlier = !question.conflict_dates.is_empty();
    let mark = if earlier { "≠ " } else { "" };
    // A newer figure of the same week passed over for a better-sourced one is
    // named at the name's end, so the line does not pass for the latest report
    // (a reader saw Ta Kung Pao's 11 October share while the compare view listed
    // a LOW one of the 17th): the line then opens the comparison, where the note does
    // not fit too.
    let passed = passed_over(db, latest, ind_index);
    // Else an earlier figure that says the same on a better source (up to a year
    // before): the line shows the latest, as the heading promises, and names it, " ·
    // older 03-13 high", so that a weaker newest report does not stand alone (a reader
    // quoting Shuibei's ≲9,000 enterprises, LOW, never saw 珠江时报's >9,000 of March,
    // high).
    let older = passed
        .is_none()
        .then(|| question.better_sourced_before(db, u32::try_from(ind_index).unwrap_or(u32::MAX)))
        .flatten();
    let newer = passed
        .map(|m| figure_note(db, "newer", m, ind))
        .or_else(|| older.map(|m| figure_note(db, "older", m, ind)));
    let note_width = newer.as_ref().map_or(0, |n| n.width());
    let name_room = name_width.saturating_sub(mark.width());
    // The note gives way where it would leave the name under a dozen columns.
    let newer = newer.filter(|_| name_room >= note_width + 12);
    let note_width = newer.as_ref().map_or(0, |n| n.width());
    let name = fit(&ind.name, name_room.saturating_sub(note_width));
    let filler = " ".repeat(name_room.saturating_sub(name.width() + note_width));
    let opens_comparison = earlier || passed.is_some() || older.is_some();
    let mut spans = vec![
        ("  ".to_owned(), Role::Base),
        (date, Role::Base),
        (" ".to_owned(), Role::Base),
        (mark.to_owned(), Role::Low),
        (name, Role::Base),
        (newer.unwrap_or_default(), Role::Dim),
        (filler, Role::Base),
        (" ".to_owned(), Role::Base),
        (pad(&present::short_figure(ind), figure_width), Role::Heading),
        (" ".to_owned(), Role::Base),
    ];
    if scope_width > 0 {
        spans.push((pad(ind.scope.as_deref().unwrap_or(""), scope_width), Role::Dim));
        spans.push((" ".to_owned(), Role::Base));
    }
    spans.push((tabs::reliability_mark(db, rec), reliability_role(db, rec)));
    w.line(
        spans,
        Some(if opens_comparison {
            Link::Question(q)
        } else {
            Link::Record(rec)
        }),
    );
}

/// How many of `rows` the cluster's own measures take: all they fill, but the last when
/// none of theirs is in conflict and another measure is. At 80×24 and 100×30 they took
/// every row, and the conflicts the heading counts were nowhere on the page (a reader
/// checking figures found none).
fn lead_rows(brief: &Brief, rows: usize) -> usize {
    let disputed = |q: &u32| !brief.questions[*q as usize].conflict_dates.is_empty();
    let shown = brief.lead.len().min(rows);
    if shown == rows && rows >= 2 && !brief.lead[..shown].iter().any(disputed) && brief.headlines.iter().any(disputed) {
        rows - 1
    } else {
        rows
    }
}

/// Of figures (indicator indices, oldest first), the one whose strongest source is the
/// most reliable; of equals, the newest.
fn best_sourced(db: &Db, figures: &[u32]) -> usize {
    // `Reliability` orders High before Low; a figure citing nothing comes last.
    let rank = |m: u32| {
        let strongest = db.strongest_source(Rec::new(RecordKind::Indicator, m as usize));
        (strongest.is_none(), strongest)
    };
    figures
        .iter()
        .enumerate()
        .max_by_key(|(at, m)| (std::cmp::Reverse(rank(**m)), *at))
        .map_or(0, |(_, m)| *m as usize)
}

/// Of the latest figures of a question that agree, the newest one dated after `shown`
/// (the best sourced, which the line shows): a weaker report of the same week.
fn passed_over(db: &Db, latest: &[u32], shown: usize) -> Option<u32> {
    let as_of = |m: u32| db.indicators()[m as usize].as_of;
    let date = db.indicators()[shown].as_of;
    latest
        .iter()
        .copied()
        .filter(|m| as_of(*m) > date)
        .max_by_key(|m| as_of(*m))
}

/// What the line says of another figure of its measure, `word` saying which: a newer
/// one it passed over, " · newer 10-17 LOW", or an older one on a better source, " ·
/// older 03-13 high" (its date without the shown figure's year, and its source's
/// reliability).
fn figure_note(db: &Db, word: &str, other: u32, shown: &Indicator) -> String {
    let rec = Rec::new(RecordKind::Indicator, other as usize);
    let date = short_date(db.indicators()[other as usize].as_of, shown.as_of.year());
    format!(" · {word} {date} {}", tabs::reliability_mark(db, rec))
}

/// A headline line for figures in conflict (`ind` the latest, `date` its date padded);
/// `widths`: the line's, the date column's and the name column's.
fn conflict_line(db: &Db, latest: &[u32], ind: &Indicator, date: String, widths: (usize, usize, usize)) -> Vec<Piece> {
    let (width, date_width, name_width) = widths;
    // The disagreeing figures side by side, each with its source's reliability;
    // the name gives them the room they need (down to a few words).
    // Figures of one week may carry different dates: each then says its own (a
    // trial read the line's one date as every figure's).
    // Where the line is too narrow for them, each date is written short before
    // its figure ("10-11 >10,000 med"), and the unit once or not at all: the
    // line's one date read as both figures' at 80 columns.
    let as_of = |m: &u32| db.indicators()[*m as usize].as_of;
    let conflict = " conflict: ";
    let room_for = |figures: &[(String, Role)]| {
        let needed: usize = figures.iter().map(|(t, _)| t.width()).sum::<usize>() + conflict.width();
        needed + date_width + 1 + 12.min(name_width) <= width
    };
    let differ = latest.iter().any(|m| as_of(m) != ind.as_of);
    let mut figures = fitted(db, latest, differ.then_some(ind.as_of.year()), &room_for);
    // Too narrow for a worded unit beside the line's date ("10-11 >10,000 med ≠
    // 10-17 ≲9,000 med" read as counting nothing, the name cut before its unit):
    // the figures' own dates stand for the line's, and the unit is written once.
    let mut date = Some(date);
    let unitless = shared_word_unit(db, latest).is_some_and(|u| !figures.iter().any(|(t, _)| t.contains(u)));
    if differ
        && unitless
        && let Some(once) = unit_once(db, latest, Dated::Short(ind.as_of.year()))
    {
        let needed = once.iter().map(|(t, _)| t.width()).sum::<usize>() + conflict.width();
        if needed + 12.min(name_width) <= width {
            figures = once;
            date = None;
        }
    }
    let needed: usize = figures.iter().map(|(t, _)| t.width()).sum::<usize>() + conflict.width();
    let date_room = if date.is_some() { date_width + 1 } else { 0 };
    let room = width.saturating_sub(date_room).saturating_sub(needed);
    // The line stands for every figure in it: a name whose last parenthesis tells one
    // of them apart ("… closures (2024, machine-analysis site)") is written without
    // it, where the others share the rest ("120 stores ≠ 717 stores" read as that
    // site's two figures, trial helper-148).
    let shared = ind.name.rsplit_once(" (").map(|(head, _)| head).filter(|head| {
        latest
            .iter()
            .map(|m| &db.indicators()[*m as usize].name)
            .any(|other| **other != *ind.name)
            && latest
                .iter()
                .all(|m| db.indicators()[*m as usize].name.starts_with(head))
    });
    let name = pad(shared.unwrap_or(&ind.name), room.clamp(12.min(name_width), name_width));
    let mut spans = vec![("  ".to_owned(), Role::Base)];
    if let Some(date) = date {
        spans.push((date, Role::Base));
        spans.push((" ".to_owned(), Role::Base));
    }
    spans.push((name, Role::Base));
    spans.push((conflict.to_owned(), Role::Low));
    spans.extend(figures);
    spans
}

/// The questions that head the page after `taken` (the cluster's own), at most `rows`:
/// the brief's choice (the newest years, the longest series among them), but the
/// questions in conflict may take up to two rows in three, so that the count in the
/// heading leads somewhere (a trial found none of them among the newest), and the newest
/// figures keep the rest.
fn chosen<'b>(brief: &'b Brief, rows: usize, newest: Option<&'b u32>, taken: &[&u32]) -> Vec<&'b u32> {
    if rows == 0 {
        return Vec::new();
    }
    let in_conflict = || {
        brief
            .headlines
            .iter()
            .filter(|q| !brief.questions[**q as usize].conflict_dates.is_empty() && !taken.contains(q))
    };
    // The newest figure keeps a row of its own whenever there are two.
    let reserved = in_conflict().count().min(rows - (rows / 3).max(usize::from(rows >= 2)));
    let mut chosen: Vec<&u32> = newest.into_iter().take(rows - reserved).collect();
    for q in brief.headlines.iter().filter(|q| !taken.contains(q)) {
        if chosen.len() >= rows - reserved {
            break;
        }
        if !chosen.contains(&q) {
            chosen.push(q);
        }
    }
    for q in in_conflict().chain(brief.headlines.iter().filter(|q| !taken.contains(q))) {
        if chosen.len() >= rows {
            break;
        }
        if !chosen.contains(&q) {
            chosen.push(q);
        }
    }
    chosen
}

/// The style of a record's `Src` mark: its strongest source's.
fn reliability_role(db: &Db, rec: Rec) -> Role {
    db.strongest_source(rec).map_or(Role::Low, Role::Reliability)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Conflicting figures of different dates each carry theirs, short when the line is
    /// narrow ("10-11 >10,000 med ≠ 10-17 ≲9,000 med" at 80 columns), never one date
    /// for both; figures of one date carry none.
    #[test]
    fn figures_of_different_dates_each_say_theirs() {
        let db = crate::data::load::embedded().unwrap();
        let find = |date: &str, figure: &str| {
            let at = db
                .indicators()
                .iter()
                .position(|i| i.as_of.to_string() == date && present::short_figure(i).starts_with(figure))
                .expect("the shipped data has the figure");
            u32::try_from(at).unwrap()
        };
        let pair = [find("2025-10-11", ">10,000"), find("2025-10-17", "≲9,000")];
        let text = |spans: &[Piece]| spans.iter().map(|(t, _)| t.as_str()).collect::<String>();
        let within = |room: usize| move |spans: &[Piece]| text(spans).width() <= room;
        let wide = text(&fitted(&db, &pair, Some(2025), &within(200)));
        assert!(wide.contains("(2025-10-11)") && wide.contains("(2025-10-17)"), "{wide}");
        let narrow = text(&fitted(&db, &pair, Some(2025), &within(50)));
        assert!(narrow.starts_with("enterprises: 10-11 >10,000"), "{narrow}");
        let narrowest = text(&fitted(&db, &pair, Some(2025), &within(36)));
        assert!(
            narrowest.starts_with("10-11 >10,000 ") && narrowest.contains(" ≠ 10-17 ≲9,000"),
            "{narrowest}"
        );
        let same = text(&fitted(&db, &pair, None, &within(36)));
        assert!(!same.contains("10-1"), "{same}");
        assert_eq!(
            short_date(crate::data::model::Date::parse("2024-10-11").unwrap(), 2025),
            "2024-10-11"
        );
    }

    /// Of agreeing figures of one time, the line shows the best sourced: Shuibei's share
    /// of wholesale in October 2025 by Ta Kung Pao (medium, the 11th), not the machine
    /// summary's (low, the 17th); of equals, the newest.
    #[test]
    fn agreeing_figures_of_one_time_show_the_best_sourced() {
        let db = crate::data::load::embedded().unwrap();
        let id = |i: usize| db.indicators()[i].id.to_string();
        let at = |want: &str| u32::try_from(db.indicators().iter().position(|i| &*i.id == want).unwrap()).unwrap();
        let medium = at("ind-share-national-wholesale-2025-10-shuibei-takungpao");
        let low = at("ind-share-national-wholesale-2025-10-shuibei");
        assert_eq!(id(best_sourced(&db, &[medium, low])), id(medium as usize));
        assert_eq!(id(best_sourced(&db, &[low, medium])), id(medium as usize));
        let high = at("ind-share-national-wholesale-2023-shuibei");
        let also_high = at("ind-share-national-wholesale-2018-shuibei");
        assert_eq!(
            id(best_sourced(&db, &[also_high, high])),
            id(high as usize),
            "the newest of equals"
        );
    }
}
