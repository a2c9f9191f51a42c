//! The list's title (how many rows of how many, what they are, the filters, the order)
//! made to fit its room, and what it and the empty list's hint say of a query that is
//! also a record's id in another tab.

use unicode_width::UnicodeWidthStr;

use crate::explorer::action::{Action, Tab};
use crate::explorer::app::App;
use crate::explorer::keymap::Context;
use crate::explorer::tabs;

/// The list's title in `room` columns: how many rows (of how many), then the filters,
/// then the order. What the rows are matters more than their order: when it does not
/// fit, the section word ("enterprises", the tab says it) goes first, then the order.
pub(super) fn list_title(app: &App, room: usize) -> String {
    let title = list_title_in_full(app, room);
    // Where it would be cut, the pointer to the search line goes: what the rows are not
    // ("none word for word") stays, and the search line (or the note below the rows)
    // says how they were read.
    if title.width() > room {
        return title.replacen(READ_AS_SAID, "· none word for word ", 1);
    }
    title
}

/// The title's words for rows that answer the query read otherwise than as typed.
const READ_AS_SAID: &str = "· none word for word: read as the search line says ";

/// [`list_title`] before it is made to fit.
fn list_title_in_full(app: &App, room: usize) -> String {
    let view = app.current_view();
    let total = tabs::len(&app.db, app.tab);
    let shown = view.rows.len();
    let section = app.tab.section();
    let mut heads = vec![format!(
        " {} ",
        crate::explorer::layout::tab_label(app.tab, Some(total))
            .split_once(' ')
            .map_or("", |(_, t)| t)
    )];
    // While the engine is still at work, the rows are either the first matches of the
    // query as typed ("so far") or still those of the query before it: then no count is
    // given, since it would be the old query's.
    let searching = app.index.is_some() && app.tab.kind().is_some_and(|kind| app.searching(kind));
    if searching && !answers_typed_query(view) {
        heads = vec![format!(" searching {} {section} ", crate::data::present::count(total))];
    } else if shown != total || searching {
        let counted = format!(
            " {}{} of {}",
            crate::data::present::count(shown),
            if searching { " so far" } else { "" },
            crate::data::present::count(total),
        );
        heads = vec![format!("{counted} {section} "), format!("{counted} ")];
    }
    // What the rows are, where the tab's name may mislead, said first and the first to
    // go: Enterprises are not only the cluster's members.
    let mut plain = 0;
    if let Some(holds) = tabs::holds(app.tab) {
        heads.insert(0, format!("{}· {holds} ", heads[0]));
        plain = 1;
    }
    let mut tail = String::new();
    if view.search.active() && view.search.tolerant && shown > 0 && answers_typed_query(view) {
        // These are not the query as typed: a near spelling must not read as a "yes".
        // With a notice (a company form left out), the search line says what changed.
        tail.push_str(if view.search.shortened {
            READ_AS_SAID
        } else if app.tab.kind().is_none() {
            // Sources are found by their words only, never with typos: what is shown is
            // Chinese spelled in Latin letters or a name's syllables apart, each row's
            // detail says which.
            "· none as typed "
        } else if !view.search.hits.is_empty()
            && view
                .search
                .hits
                .iter()
                .all(|h| matches!(h.why, crate::search::Why::Apart(_)))
        {
            // What they are, when all alike: 金价新高's rows hold 金价 and 新高 apart, no
            // near spelling of it (a trial).
            "· none as typed: characters apart "
        } else {
            "· none as typed: near spellings "
        });
    }
    if view.search.active() && !view.search.tolerant && answers_typed_query(view) {
        // Rows among the answers that are not one: their names alone would read as a
        // "yes" (a brand whose summary says it has no such honour; 水贝 only spelled).
        if view.loose_rows > 0 {
            let count = crate::data::present::count(view.loose_rows);
            tail.push_str(&format!("· ≈ {count} not as typed "));
        }
        let answers = view.rows.len().saturating_sub(view.loose_rows);
        if answers > 0 && view.outside_names_rows == answers {
            // A passing mention (老凤祥 as a customer in a summary) read as a record of it.
            tail.push_str("· in no name ");
        }
        if view.negated_rows > 0 {
            let count = crate::data::present::count(view.negated_rows);
            tail.push_str(&format!("· ¬ {count} in a clause that negates it "));
        }
    }
    // The query's words matched here, and it is also the id of a record elsewhere: a
    // name typed ("jieworui") read as "the record with this id is in Enterprises", and
    // pushed the order off at 80 columns. Said as a name's, with the key that finds it;
    // without the query when that is too long.
    let mut elsewhere = Vec::new();
    if shown > 0
        && let Some((id, tab)) = id_elsewhere(app)
    {
        let jump = key_name(app, Context::List, Action::Jump).map_or_else(String::new, |k| format!(" ({k})"));
        elsewhere.push(format!("· {id} is also a record in {}{jump} ", tab.title()));
        elsewhere.push(format!("· also a record in {}{jump} ", tab.title()));
    }
    let facets = if view.facets.is_empty() {
        String::new()
    } else {
        format!("· {} ", view.facets_named)
    };
    let tails: Vec<String> = if elsewhere.is_empty() {
        vec![format!("{tail}{facets}")]
    } else {
        elsewhere.iter().map(|e| format!("{tail}{e}{facets}")).collect()
    };
    let order = format!("· {} ", view.order_label());
    // The order stays in view: the section word goes first ("indicators", the tab says
    // it), then the query in the pointer elsewhere, then the order.
    let full = format!("{}{}{order}", heads[0], tails[0]);
    if full.width() <= room {
        return full;
    }
    // Cut, it is cut without what the tab holds.
    let full = format!("{}{}{order}", heads[plain], tails[0]);
    let order = &order;
    let fitting = tails
        .iter()
        .flat_map(|tail| heads.iter().map(move |head| format!("{head}{tail}{order}")))
        .find(|title| title.width() <= room);
    fitting.unwrap_or_else(|| {
        if view.facets.is_empty() && elsewhere.is_empty() {
            full
        } else {
            format!("{}{}", heads[heads.len() - 1], tails[tails.len() - 1])
        }
    })
}

/// The name of the first key bound to `action` in `context` on this tab, as the keymap
/// has it.
pub(super) fn key_name(app: &App, context: Context, action: Action) -> Option<String> {
    app.keymap
        .bindings(context, app.tab)
        .find(|b| b.action == action)
        .map(|b| b.keys[0].name())
}

/// The query, when it is the id of a record in another tab, and that tab.
pub(super) fn id_elsewhere(app: &App) -> Option<(&str, Tab)> {
    let view = app.current_view();
    // The query the rows answer, not one still being typed.
    let id = view.search.query.as_deref()?.trim();
    // Width folded, as the engine reads an id (a fullwidth hyphen is a hyphen).
    let folded: String = id.chars().map(crate::search::fold::width).collect();
    let rec = app.db.record(&folded).filter(|_| view.search.active())?;
    (Tab::of(rec.kind) != app.tab).then_some((id, Tab::of(rec.kind)))
}

/// Whether the rows shown are matches of the query as typed now (perhaps only the first
/// of them), not of the query before it.
pub(super) fn answers_typed_query(view: &crate::explorer::app::view::TabView) -> bool {
    view.search.query.as_deref() == Some(view.query.text.as_str())
}
