//! Credit codes (统一社会信用代码) in a query, as people copy them: one written in
//! groups from paper (`9144 0303 1QGE 6PU0 D4`) is read whole, by the command line and
//! the explorer alike; and one whose check character fails is told from a code no
//! company has.

use super::hit::{Outcome, Why};
use super::index::Index;
use super::query::Query;
use super::records::Records;
use super::run;
use super::scope::Scope;
use crate::data::model::{CreditCode, check_character};

/// `query` with every alternative (`A | B`, or the whole query) that is a valid credit
/// code written in groups (spaces or hyphens between) written whole, and a notice for
/// each; `None` when there is none. Only a code whose check character holds is joined:
/// words that happen to spell one are not read so by chance.
#[must_use]
pub fn written_whole(query: &str) -> Option<(String, Vec<String>)> {
    // A `|` inside a phrase is no alternative: such a query is left as it is.
    if query.contains(['"', '＂', '“', '”']) {
        return None;
    }
    let mut said = Vec::new();
    let pieces: Vec<String> = query
        .split('|')
        .map(|piece| {
            let typed = piece.trim();
            let grouped = typed.contains([' ', '-'])
                && typed
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'));
            let code: String = typed
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_uppercase();
            if grouped && CreditCode::parse(&code).is_ok() {
                said.push(format!("shuibei: read {typed:?} as the credit code {code}"));
                code
            } else {
                piece.trim().to_owned()
            }
        })
        .collect();
    (!said.is_empty()).then(|| (pieces.join(" | "), said))
}

/// Whether `text` is shaped as a credit code written whole: 18 letters and digits, the
/// area code's six digits in places 3 to 8 (its check character not asked).
#[must_use]
pub fn code_shaped(text: &str) -> bool {
    text.len() == 18
        && text.bytes().all(|b| b.is_ascii_alphanumeric())
        && text.as_bytes()[2..8].iter().all(u8::is_ascii_digit)
}

/// For a code-shaped `text` (case aside) whose check character fails: what is wrong, and
/// the code its first 17 characters give. `None` for a valid code or anything else.
#[must_use]
pub fn mistyped(text: &str) -> Option<(String, Option<String>)> {
    let code = text.to_ascii_uppercase();
    if !code_shaped(&code) {
        return None;
    }
    let why = CreditCode::parse(&code).err()?;
    let mended = check_character(&code[..17]).map(|c| format!("{}{c}", &code[..17]));
    Some((why, mended))
}

/// For a query shaped as a credit code (18 letters and digits, spaces or hyphens between
/// groups allowed) whose check character fails: "nothing matches "…": what is wrong", and
/// the record the mended code is of, if any. `None` for any other query, and for a valid
/// code (no company has it: "nothing matches" says so), which was read whole before the
/// search (`written_whole`).
#[must_use]
pub fn unfound_code(index: &Index, records: Records<'_>, scope: Scope, query: &str) -> Option<String> {
    let typed = query.trim();
    if !typed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'))
    {
        return None;
    }
    let code: String = typed.chars().filter(char::is_ascii_alphanumeric).collect();
    let (why, _) = mistyped(&code)?;
    let near = mended_holder(index, records, scope, &code).unwrap_or_default();
    Some(format!("nothing matches {typed:?}: {why}{near}"))
}

/// For a code whose check character fails, "; M is the code of KIND "ID" (LABEL)": the
/// code its first 17 characters give, and the record that has it; `None` when none has.
#[must_use]
pub fn mended_holder(index: &Index, records: Records<'_>, scope: Scope, code: &str) -> Option<String> {
    let (_, mended) = mistyped(code)?;
    let mended = mended?;
    let outcome: Outcome = run::once(index, records, &Query::parse(&mended, scope), Some(1));
    // Found in its code field: an 18-character subsequence of some long text is not it.
    let hit = outcome.hits.first().filter(|h| matches!(h.why, Why::Field("code")))?;
    Some(format!(
        "; {mended} is the code of {} {:?} ({})",
        hit.rec.kind.as_str(),
        records.id(hit.rec),
        records.label(hit.rec)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_code_in_groups_is_read_whole_and_nothing_else_is() {
        let (query, said) =
            written_whole("9144 0304 P3MP WH2J DT | 周大福 | 9144-0303-EX0L-W2NQ-K0").expect("two codes");
        assert_eq!(query, "91440304P3MPWH2JDT | 周大福 | 91440303EX0LW2NQK0");
        assert_eq!(said.len(), 2);
        assert_eq!(
            said[0],
            "shuibei: read \"9144 0304 P3MP WH2J DT\" as the credit code 91440304P3MPWH2JDT"
        );
        // A code whose check character fails, words, a phrase with a bar: left as typed.
        for query in [
            "9144 0304 P3MP WH2J DX",
            "gold jade | silver",
            "\"9144 0304 P3MP WH2J DT\" | a",
            "91440304P3MPWH2JDT",
        ] {
            assert_eq!(written_whole(query), None, "{query}");
        }
    }

    #[test]
    fn a_mistyped_code_is_told_from_a_valid_one() {
        let (why, mended) = mistyped("91440304p3mpwh2jdx").expect("the check character fails");
        assert!(why.contains("fails its check character"), "{why}");
        assert_eq!(mended.as_deref(), Some("91440304P3MPWH2JDT"));
        assert_eq!(mistyped("91440304P3MPWH2JDT"), None);
        assert_eq!(mistyped("not a code at all"), None);
        assert!(code_shaped("91440304P3MPWH2JDT") && !code_shaped("91ABCDEFP3MPWH2JDT"));
    }
}
