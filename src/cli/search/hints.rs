//! What `shuibei search` says on stderr beside its rows: why nothing matched (a field no
//! record holds, a capital, an exclusion that left out nothing), and what the rows shown
//! are when they are not answers as typed (near spellings, mentions outside names).

use crate::data::model::RecordKind;
use crate::search::{self, Hit, Index, Records, Scope};

use super::super::args::TabChoice;
use super::super::output::{Out, shell_word};

/// Why a query that found nothing could not find anything: a field it asks for that no
/// record searched holds (`credit:` on data without registry imports).
pub(crate) fn unheld_hint<'a>(records: impl Into<Records<'a>>, scope: Scope, query: &str) -> Option<String> {
    let unheld = search::unheld_fields(records, scope, query);
    let first = *unheld.first()?;
    let names = unheld.iter().map(|n| format!("{n}:")).collect::<Vec<_>>().join(", ");
    // `district:` reads the registry and the Shenzhen district a location names: none
    // there, a place may still be in the location's own words.
    Some(if unheld.contains(&"district") {
        format!(
            "shuibei: nothing matched; no record searched has a value in {names}; where a company is, is in location:, e.g. location:luohu"
        )
    } else if unheld.len() == 1 {
        format!("shuibei: nothing matched; no record searched has a value in {first}:")
    } else {
        format!("shuibei: nothing matched; no record searched has a value in {names}")
    })
}

/// Beside answers as typed: how many rows shown are not one, if any (a row alone would
/// read as a "yes": 水贝 only spelled "Shuibei"), and an exclusion that a capital kept
/// from leaving out what it names.
pub(super) fn say_beside_answers(
    index: &Index,
    records: Records<'_>,
    scope: search::Scope,
    query: &str,
    outcome: &search::Outcome,
) {
    let hits = &outcome.hits;
    if let Some(hint) = exclusion_case_hint(index, records, scope, query, outcome.matched) {
        say(&hint);
    } else if let Some(hint) = exclusion_noop_hint(index, records, scope, query, outcome) {
        say(&hint);
    }
    if let Some(hint) = mentions_only(index, records, hits, query, scope) {
        say(&hint);
    }
    // Which rows hold it only in a clause that negates it, by id: a count alone left a
    // reader to guess which of the rows were no answer (a trial).
    let negated: Vec<&str> = hits
        .iter()
        .filter(|h| matches!(h.why, search::Why::Negated(_)))
        .map(|h| records.id(h.rec))
        .collect();
    if let Some(line) = negated_line(&negated, hits.len(), query) {
        say(&line);
    }
    let loose = hits.iter().filter(|h| h.why.loose()).count();
    if loose > 0 {
        say(&format!(
            "shuibei: {loose} of the {} shown {} not match {query:?} as typed (sound alike, hold its characters, syllables or hyphenated words apart, or read it by the pinyin of one character; --json's \"why\" says which)",
            hits.len(),
            if loose == 1 { "does" } else { "do" },
        ));
    }
}

/// The rows shown that hold `query` only in a clause that negates it, by id (the first
/// few), and that they are no answer.
fn negated_line(ids: &[&str], shown: usize, query: &str) -> Option<String> {
    const NAMED: usize = 5;
    let (first, rest) = ids.split_at(ids.len().min(NAMED));
    if first.is_empty() {
        return None;
    }
    let mut named = first.join(", ");
    if !rest.is_empty() {
        named.push_str(&format!(" and {} more", rest.len()));
    }
    let (rows, hold) = match ids.len() {
        1 => (format!("1 of the {shown} shown"), "holds"),
        n => (format!("{n} of the {shown} shown"), "hold"),
    };
    let after = if ids.len() < shown {
        ", listed after the answers"
    } else {
        ""
    };
    Some(format!(
        "shuibei: {rows} {hold} {query:?} only in a clause that negates it ({named}): no answer{after}; --as-typed and export --query leave them out"
    ))
}

/// How many rows [`mentions_only`] reads word by word for the fields it names.
const MENTIONS_READ: usize = 50;

/// When no row shown as typed holds the query in a name (only in a summary, a scope, a
/// person's name, or a clause that negates it), a line saying so: such a row may only
/// mention what was searched for (老凤祥 as a customer of another company), or hold a
/// query's words apart in its fields (`China National Gold`), and a list of them would
/// read as records of it. Names rank before other fields, so no record's name holds it.
/// The rows still match (exit 0), as a topic search's (`recycling`) should.
fn mentions_only(index: &Index, records: Records<'_>, hits: &[Hit], query: &str, scope: Scope) -> Option<String> {
    let typed: Vec<&Hit> = hits.iter().filter(|h| !h.why.loose()).collect();
    // A screen's rows each answer a side of it (`A | B`, searched side by side): read
    // against the sides, a row some side names in its own names is an answer.
    let sides = search::Query::parse(query, scope).sides;
    let own_names = |hit: &Hit, side: &str| {
        let places = search::places_by_clause(index, records, hit.rec, side, false);
        !places.is_empty() && places.iter().all(|p| search::NAME_PLACES.contains(&p.as_str()))
    };
    if typed
        .iter()
        .take(MENTIONS_READ)
        .any(|h| sides.iter().any(|side| own_names(h, side)))
    {
        return None;
    }
    let several = search::Query::parse(query, scope).clauses.len() > 1;
    let plain = query.trim();
    let words_alone = words_alone(plain, scope);
    // The words read together, as a phrase: a summary that holds "Chow Sang Sang" as
    // written holds it there, not its words apart in name and summary.
    let phrase = (several && words_alone).then(|| format!("\"{plain}\""));
    let mut fields: Vec<String> = Vec::new();
    let mut negated = 0;
    // Some words in a name, the others in fields (`China National Gold`: "National" and
    // "Gold" in a figure's name, "China" in its scope).
    let mut apart = false;
    // A record's own names, and, as for one word, its owner's, its brands' and its id.
    let own_name = |place: &str| search::NAME_PLACES.contains(&place) || matches!(place, "owner" | "brand" | "id");
    for (i, hit) in typed.iter().enumerate() {
        let own = match hit.why {
            // A credit or stock code names the company as its id does: a row found by
            // its code is an answer, not a mention.
            search::Why::Field("code") => None,
            search::Why::Field(field) if hit.why.outside_names() => Some(field),
            search::Why::Negated(field) => {
                negated += 1;
                Some(field)
            }
            _ => None,
        };
        // Several words may each be in another place: the one reason a hit keeps names
        // its most telling word's. The first rows are read word by word: a record whose
        // names hold every word is an answer, not a mention (`enterprise count` matched
        // 'enterprise' in names and 'count' in a metric, and was said to hold it only in
        // the metric).
        let places = if several && i < MENTIONS_READ {
            let together = phrase
                .as_deref()
                .map(|phrase| search::places_by_clause(index, records, hit.rec, phrase, false))
                .filter(|places| !places.is_empty());
            let places = together.unwrap_or_else(|| search::places_by_clause(index, records, hit.rec, query, false));
            if places.iter().all(|p| own_name(p)) {
                return None;
            }
            places
        } else {
            vec![own?.to_owned()]
        };
        for place in places {
            apart |= own_name(&place);
            if !fields.contains(&place) {
                fields.push(place);
            }
        }
    }
    let n = typed.len();
    if n == 0 {
        return None;
    }
    let it = if search::Query::parse(query, scope).clauses.len() > 1 {
        "its words"
    } else {
        "it"
    };
    let (rows, whose) = if n == 1 {
        ("the 1 shown holds".to_owned(), "its")
    } else {
        (format!("the {n} shown hold"), "their")
    };
    let (last, rest) = fields.split_last()?;
    let fields = if rest.is_empty() {
        format!("{last} field")
    } else {
        format!("{} and {last} fields", rest.join(", "))
    };
    // The rows in a clause that negates it are named on a line of their own.
    let negating = match negated {
        1 if n == 1 => ", in a clause that negates it".to_owned(),
        k if k > 0 && k == n => ", each in a clause that negates it".to_owned(),
        _ => String::new(),
    };
    // Under --tab, only that tab's names were searched.
    let names = match scope {
        Scope::One(RecordKind::History) => "no event's title",
        Scope::One(RecordKind::Enterprise) => "no enterprise's name",
        Scope::One(RecordKind::Brand) => "no brand's name",
        Scope::One(RecordKind::Indicator) => "no figure's name",
        Scope::All => "no record's name",
    };
    // A plain query: `name:` (an event's `title:`) asks whether a record is named so
    // (exit 1 when none is).
    let field = if scope == Scope::One(RecordKind::History) {
        "title"
    } else {
        "name"
    };
    // A number (a stock code, `002867`) names no record: asking names for it says nothing.
    let ask = if !words_alone || plain.chars().all(|c| c.is_ascii_digit()) {
        String::new()
    } else if plain.contains(char::is_whitespace) {
        format!("; `{field}:\"{plain}\"` asks for {field}s only")
    } else {
        format!("; `{field}:{plain}` asks for {field}s only")
    };
    let only = if apart { "only apart, in" } else { "only in" };
    Some(format!(
        "shuibei: {names} holds {:?}; {rows} {it} {only} {whose} {fields}{negating} (--json's \"why\" says where){ask}",
        words_for_names(query, scope)
    ))
}

/// What of `query` a name could hold: the query, less its terms for another field and
/// its exclusions (`tag:listed shuibei` asks names for "shuibei" only).
fn words_for_names(query: &str, scope: Scope) -> String {
    let parsed = search::Query::parse(query, scope);
    let words: Vec<&str> = parsed
        .clauses
        .iter()
        .filter_map(|c| c.alternatives.first())
        .filter(|t| t.field.is_none() && !t.negated)
        .map(|t| t.raw.as_str())
        .collect();
    if words.is_empty() || words.len() == parsed.clauses.len() {
        query.trim().to_owned()
    } else {
        words.join(" ")
    }
}

/// Whether a query is words alone: a field, an exclusion, an alternative, an exact term
/// or a phrase (in any of their spellings, full-width ones too) would change what is
/// asked of it by another field or as a phrase.
fn words_alone(plain: &str, scope: Scope) -> bool {
    let parsed = search::Query::parse(plain, scope);
    parsed.notice.is_none()
        && !plain.contains(['=', '＝', '"', '＂', '“', '”'])
        && parsed.clauses.iter().all(|c| {
            // A word, or a plural and its singular (`losses`, `loss…`).
            matches!(c.alternatives.as_slice(),
                [t] | [t, search::query::Term { word: search::query::Word::Start, .. }]
                    if !t.negated && t.field.is_none() && !t.phrase() && t.mode == search::query::Mode::Fuzzy)
        })
}

/// Says on stderr why `query` may have matched nothing, where that can be told; whether
/// anything was said.
pub(super) fn why_nothing(records: Records<'_>, scope: Scope, query: &str) -> bool {
    let mut said = false;
    if let Some(hint) = unheld_hint(records, scope, query) {
        say(&hint);
        said = true;
    }
    // An exclusion followed by words (`gold !chow tai fook`) leaves out the first alone.
    if let Some(hint) = search::query::hint(query) {
        say(&format!("shuibei: nothing matched; {hint}"));
        said = true;
    }
    if let Some(word) = search::hyphenated(query) {
        say(&format!(
            "shuibei: nothing matched; {word} is searched as written: to leave out what matches {}, write !{}",
            &word[1..],
            &word[1..]
        ));
        said = true;
    }
    said
}

/// A hint on stderr; one that cannot be written is not worth failing the search for.
pub(super) fn say(line: &str) {
    let mut err = Out::stderr();
    let _ = err.line(line).and_then(|()| err.flush());
}

/// For a query with a capital that found nothing: what small letters would do. The way
/// out is offered only where it leads somewhere (`Putian` is in no record in any case):
/// `finds` runs the query in small letters as the search ran (with its flags: under
/// `--names` lower case finds what the names hold, not what a summary does), `None` when
/// it finds nothing, else whether it finds matches as typed; `near`: near spellings are kept.
pub(super) fn capital_hint(query: &str, near: bool, finds: impl Fn(&str) -> Option<bool>) -> Option<String> {
    let lower = search::lowercased(query)?;
    let query = query.trim();
    Some(if let Some(as_typed) = finds(&lower) {
        // Said as what it is: `Police` finds the police as typed once in small letters.
        let finds = if as_typed {
            "finds matches as typed"
        } else {
            "finds near spellings"
        };
        format!(
            "shuibei: nothing matched {query:?}: a word with a capital matches case for case, with no typos; {lower:?} in small letters {finds}"
        )
    } else {
        // Near spellings only where they are kept (not under `--names`).
        let near = if near { " with near spellings" } else { "" };
        format!("shuibei: nothing matched {query:?}, nor {lower:?} in small letters{near}")
    })
}

/// An exclusion with a capital (`!Police`) matches case for case: when in small letters
/// it would leave out more, say so (else it may seem to have worked).
fn exclusion_case_hint(
    index: &Index,
    records: Records<'_>,
    scope: search::Scope,
    query: &str,
    matched: usize,
) -> Option<String> {
    let (lower, asked) = search::exclusions_lowercased(query)?;
    let fewer = search::search(index, records, scope, &lower, None).matched;
    (fewer < matched).then(|| {
        let words = asked.join(" ");
        let n = matched - fewer;
        format!(
            "shuibei: {words} matches case for case (a word with a capital); in small letters it would leave out {n} more record{}",
            if n == 1 { "" } else { "s" }
        )
    })
}

/// Above this many records searched, whether an exclusion left out nothing is not asked:
/// asking runs the query again without it, which on a million records costs as much as
/// the search itself (the shipped data and most lists are far below it).
const NOOP_CHECKED_UP_TO: usize = 100_000;

/// Exclusions that left out nothing (`!zds`, read neither as initials nor by sound): said,
/// or they seem to have worked. Not for quoted phrases, whose words the split would cut.
fn exclusion_noop_hint(
    index: &Index,
    records: Records<'_>,
    scope: search::Scope,
    query: &str,
    outcome: &search::Outcome,
) -> Option<String> {
    if query.contains(['"', '“', '”', '＂']) || outcome.searched > NOOP_CHECKED_UP_TO {
        return None;
    }
    let (excluded, rest): (Vec<&str>, Vec<&str>) = query.split_whitespace().partition(|w| w.starts_with('!'));
    if excluded.is_empty() || excluded.iter().any(|w| w.len() == 1) {
        return None;
    }
    let without = if rest.is_empty() {
        outcome.searched
    } else {
        let out = search::search(index, records, scope, &rest.join(" "), Some(1));
        if out.tolerant {
            return None;
        }
        out.matched
    };
    (without == outcome.matched).then(|| {
        format!(
            "shuibei: {} left out nothing here (an exclusion reads its word as written, in full pinyin and with its spaces left out; not as initials or a sound-alike)",
            excluded.join(" ")
        )
    })
}

/// An id pasted into a search of the wrong tab, also when its words matched here
/// (`brand-chow-tai-fook` in enterprises); `nothing`: nothing matched as typed.
pub(super) fn say_id_elsewhere(kind: RecordKind, query: &str, nothing: bool) {
    let article = if matches!(kind, RecordKind::Enterprise | RecordKind::Indicator) {
        "an"
    } else {
        "a"
    };
    let said = if nothing {
        "nothing matched"
    } else {
        "the records shown match its words"
    };
    say(&format!(
        "shuibei: {said}; {:?} is the id of {article} {} record, in --tab {} (or leave --tab out)",
        query.trim(),
        kind.as_str(),
        kind.section()
    ));
}

/// When nothing matched as typed and near spellings are shown: says so, or a near
/// spelling reads as a "yes".
pub(super) fn say_not_as_typed(outcome: &search::Outcome, typed: &search::AsTyped, query: &str) {
    let shown = loosely_shown(outcome, typed);
    let left_out = outcome
        .notice
        .as_ref()
        .filter(|_| outcome.shortened)
        .map_or(String::new(), |n| format!("{n}; "));
    // Rows that all match what is left as typed need no telling apart.
    let which = if outcome.shortened && typed.all(outcome) {
        ""
    } else {
        " (--json's \"why\" says which)"
    };
    // Every row answers the query read as the notice says (a stem, a word in any case):
    // said as such, not as "nothing" (the exit status is 0).
    // Words left out (`number of enterprises`) likewise: "nothing matches" with exit 0
    // read as a contradiction.
    if outcome.shortened
        && typed.all(outcome)
        && let Some(notice) = outcome.notice.as_deref()
    {
        let n = outcome.hits.len();
        let rows = if n == 1 {
            "the 1 shown matches".to_owned()
        } else {
            format!("the {n} shown match")
        };
        let read = if search::Query::notice_leaves_words_out(notice) {
            "what is left as typed"
        } else {
            "it so read"
        };
        say(&format!(
            "shuibei: no record holds {query:?} word for word; {notice}: {rows} {read}"
        ));
        return;
    }
    say(&format!(
        "shuibei: nothing matches {query:?} as typed; {left_out}{shown}{which}"
    ));
}

/// What the hits of a search that matched nothing as typed are: near spellings,
/// sound-alikes, or what it holds apart. A Chinese term with a char apart (粤宝金 in
/// 粤宝鑫贵金属) is neither a near spelling nor a sound-alike: said as what it is.
fn loosely_shown(outcome: &search::Outcome, typed: &search::AsTyped) -> String {
    let apart = |h: &search::Hit| {
        matches!(
            h.why,
            search::Why::Apart(_) | search::Why::WordsApart | search::Why::SyllablesApart
        )
    };
    let (all_apart, any_apart) = (outcome.hits.iter().all(apart), outcome.hits.iter().any(apart));
    let words = outcome.hits.iter().all(|h| h.why == search::Why::WordsApart);
    let one_char = outcome.hits.iter().all(|h| matches!(h.why, search::Why::OneChar(..)));
    let across = outcome
        .hits
        .iter()
        .all(|h| matches!(h.why, search::Why::AcrossWords(..)));
    // Syllables apart, or one of them in one character of a title: `Jie Wo Fu`, whose 府
    // stands in 政府.
    let syllables = !one_char
        && outcome
            .hits
            .iter()
            .all(|h| matches!(h.why, search::Why::SyllablesApart | search::Why::OneChar(..)));
    match (outcome.hits.len(), outcome.shortened) {
        // A name typed syllable by syllable (`zhou sheng sheng`) found only apart.
        (1, false) if syllables => "the 1 shown holds the query's syllables, not read together".to_owned(),
        (n, false) if syllables => format!("the {n} shown hold the query's syllables, not read together"),
        // A hyphenated word (`trade-in`) whose words stand only apart.
        (1, false) if words => "the 1 shown holds the query's hyphenated words, not side by side".to_owned(),
        (n, false) if words => format!("the {n} shown hold the query's hyphenated words, not side by side"),
        // Company forms or a question's words were left out, or words read by their
        // stems (see `search::Query::tolerant`; the notice before says which).
        (1, true) if typed.all(outcome) => "the 1 shown matches what is left as typed".to_owned(),
        (n, true) if typed.all(outcome) => format!("the {n} shown match what is left as typed"),
        (1, true) => "the 1 shown matches what is left, perhaps as a near spelling".to_owned(),
        (n, true) => format!("the {n} shown match what is left, some perhaps as near spellings"),
        // `ban` read as the 板 of 创业板 in an event's title.
        (1, false) if one_char => "the 1 shown reads it by the pinyin of one character of a title".to_owned(),
        (n, false) if one_char => format!("the {n} shown read it by the pinyin of one character of a title"),
        // `baolei` read as the 宝类 of 珠宝类 in a figure's name.
        (1, false) if across => "the 1 shown reads it across two words of a title".to_owned(),
        (n, false) if across => format!("the {n} shown read it across two words of a title"),
        (1, false) if all_apart => "the 1 shown holds the query's characters, not side by side".to_owned(),
        (n, false) if all_apart => format!("the {n} shown hold the query's characters, not side by side"),
        (n, false) if any_apart => {
            format!("the {n} shown are near spellings, sound alike or hold the query's characters or words apart")
        }
        (1, false) => "the 1 shown is a near spelling or sounds alike".to_owned(),
        (n, false) => format!("the {n} shown are near spellings or sound alike"),
    }
}

/// The records `--tab` searched.
fn search_scope(tab: TabChoice) -> Scope {
    tab.kinds()
        .as_slice()
        .first()
        .filter(|_| tab != TabChoice::All)
        .map_or(Scope::All, |kind| Scope::One(*kind))
}

/// When no record matches as typed: the sources that do, by their titles, publishers or
/// notes, and the command that lists them. Many a word a reader looks for (跑路, 暴雷)
/// stands only in the titles of the reports cited, and a record search never reads
/// those: the Sources tab does, and shows the records citing each. `flags` are the
/// dataset flags the command is to be run with (` --add list.json`).
pub(super) fn sources_hint(
    records: Records<'_>,
    (tab, query, flags): (TabChoice, &str, &str),
    nothing: bool,
) -> Option<String> {
    // Under --tab too: the word is no more in that tab's records than in the others'.
    if tab == TabChoice::Sources || query.trim().is_empty() {
        return None;
    }
    // A warm search reads the sources its cache file keeps (see `search::retry`).
    let typed = match records {
        Records::Db(db) => search::sources_as_typed(db, query),
        Records::Packed(p) => search::sources_as_typed_in(records, p.sources()?, query),
    };
    if typed == 0 {
        return None;
    }
    let (n, verb) = if typed == 1 {
        ("1 source".to_owned(), "matches")
    } else {
        (format!("{typed} sources"), "match")
    };
    // Under --names or --as-typed this is said only when no record holds it anywhere
    // (`left` says what those flags left out). Under --tab, only that tab was searched.
    let lead = if nothing {
        format!(
            "no {} matches {query:?}, but {n} {verb} it",
            super::left::noun(search_scope(tab)).0
        )
    } else {
        format!("{n} {verb} {query:?} as typed")
    };
    Some(format!(
        "shuibei: {lead} (a title, publisher or note): `shuibei{} search {} --tab sources` lists them with the records citing each",
        flags,
        shell_word(query.trim())
    ))
}

/// Chinese without spaces whose rows only hold its characters apart (`金价新高`): says
/// which words it is made of answer it (`金价 新高`), as when nothing matched. Whether it
/// said so.
pub(super) fn say_apart(index: &Index, records: Records<'_>, scope: Scope, query: &str) -> bool {
    // One word only: for several, `lone_words` would search word by word for nothing.
    if query.trim().contains(char::is_whitespace) {
        return false;
    }
    match search::lone_words(index, records, scope, query) {
        Some(apart @ search::Lone::Apart { .. }) => {
            say(&format!("shuibei: {}", apart.said()));
            true
        }
        _ => false,
    }
}
