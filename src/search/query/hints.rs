//! What a query may not mean as written: names of the explorer's list filters typed as
//! query fields (`decade=2020s`, a notice of the parser), and an exclusion followed by
//! more words (`!chow tai fook` leaves out `chow` and looks for `tai` and `fook`; the
//! callers say it when nothing matched as typed). Pure text checks.

/// The words for a filter of the explorer's lists that no query field has the name of
/// (`decade=2020s`, as the list's title writes a filter): what a query writes instead,
/// first (the explorer's search line cuts what does not fit), then why. `value` is what
/// followed the name.
pub(super) fn filter_only(name: &str, value: &str) -> Option<String> {
    let said = match name.to_ascii_lowercase().as_str() {
        "decade" => {
            let years = decade(value).map_or_else(
                || "a range of years, e.g. year:2020..2029".to_owned(),
                |start| format!("year:{start}..{}", start + 9),
            );
            format!(
                "write {years}: `decade` is a filter of the lists, not a query field (key f in the explorer, --filter {} on the command line)",
                flag("decade", value, "2020s")
            )
        }
        "listing" => format!(
            "write exchange:szse (a listing there) or delisted:2021 (one that ended then): `listing` is a filter \
             of the lists, not a query field (key f in the explorer, --filter {} on the command line)",
            flag("listing", value, "listed")
        ),
        "publisher" => format!(
            "write source: (a cited source's id or title): `publisher` is a filter of the Sources list, not a \
             query field (key f in the explorer, --tab sources --filter {} on the command line)",
            flag("publisher", value, "PUBLISHER")
        ),
        _ => return None,
    };
    Some(said)
}

/// `name=value` as `--filter` takes it: the value typed, else `example`; quoted when a
/// shell would split it.
fn flag(name: &str, value: &str, example: &str) -> String {
    let value = if value.is_empty() { example } else { value };
    if value.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c)) {
        format!("{name}={value}")
    } else {
        format!("'{name}={}'", value.replace('\'', r"'\''"))
    }
}

/// Whether `name` names a list filter that [`filter_only`] explains.
pub(super) fn is_filter_only(name: &str) -> bool {
    filter_only(name, "").is_some()
}

/// `2020s` → 2020.
fn decade(value: &str) -> Option<u32> {
    let digits = value.strip_suffix('s').or_else(|| value.strip_suffix('S'))?;
    let start: u32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    start.is_multiple_of(10).then_some(start)
}

/// A word a query may have meant otherwise: an exclusion (`!chow`) followed by plain
/// words, which the query looks for rather than leaves out. `None` for any other query.
#[must_use]
pub fn hint(query: &str) -> Option<String> {
    let folded: String = query.chars().map(crate::search::fold::width).collect();
    let tokens: Vec<&str> = folded.split_whitespace().collect();
    let plain = |t: &str| {
        t.chars().next().is_some_and(char::is_alphanumeric)
            && !t.contains([':', '|', '=', '$'])
            && t.chars().any(char::is_alphabetic)
    };
    for (i, token) in tokens.iter().enumerate() {
        let Some(word) = token.strip_prefix('!') else { continue };
        if !plain(word) || word.contains(['-', '_']) {
            continue;
        }
        let after: Vec<&str> = tokens[i + 1..].iter().take_while(|t| plain(t)).copied().collect();
        if after.is_empty() {
            continue;
        }
        let together = std::iter::once(word).chain(after.iter().copied()).collect::<Vec<_>>();
        // Short, and the fix first: the explorer's search line cuts what does not fit.
        return Some(format!(
            "`!{}` leaves out the words together; `!{word}` leaves out {word:?} alone",
            together.join("-"),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exclusion_followed_by_words_is_pointed_out() {
        assert_eq!(
            hint("gold !chow tai fook").as_deref(),
            Some("`!chow-tai-fook` leaves out the words together; `!chow` leaves out \"chow\" alone")
        );
        assert_eq!(
            hint("!luk fook").as_deref(),
            Some("`!luk-fook` leaves out the words together; `!luk` leaves out \"luk\" alone")
        );
        // Fullwidth forms are read as the engine reads them.
        assert!(hint("gold ！chow tai").is_some());
    }

    #[test]
    fn other_queries_have_no_hint() {
        for q in [
            "gold !silver",
            "!silver gold:x",
            "gold !chow-tai-fook",
            "!silver | gold",
            "!silver 'gold",
            "!silver ^gold",
            "!silver !jade",
            "!2024 gold",
            "chow tai fook",
            "!",
            "",
        ] {
            assert_eq!(hint(q), None, "{q}");
        }
    }

    #[test]
    fn list_filters_say_what_a_query_writes() {
        let said = filter_only("decade", "2010s").unwrap();
        assert!(said.contains("year:2010..2019"), "{said}");
        assert!(
            filter_only("Decade", "x")
                .unwrap()
                .starts_with("write a range of years, e.g. year:2020..2029: ")
        );
        assert!(filter_only("decade", "2025s").unwrap().contains("e.g."));
        assert!(filter_only("listing", "listed").unwrap().contains("exchange:"));
        assert!(filter_only("publisher", "").unwrap().contains("source:"));
        assert_eq!(filter_only("segment", "gold"), None);
        assert_eq!(decade("2015s"), None);
        assert_eq!(decade("20s"), None);
    }
}
