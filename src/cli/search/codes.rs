//! Credit codes (统一社会信用代码) in a query: one copied from paper in groups
//! (`9144 0303 1QGE 6PU0 D4`) is read whole, and one that finds nothing is said to be
//! wrong when its check character fails, with the company whose code it nearly is; so a
//! mistyped or spaced code in a screen is not read as "no such company".

use crate::data::model::{CreditCode, check_character};
use crate::search::{self, Index, Records, Scope};

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
pub(super) fn code_shaped(text: &str) -> bool {
    text.len() == 18
        && text.bytes().all(|b| b.is_ascii_alphanumeric())
        && text.as_bytes()[2..8].iter().all(u8::is_ascii_digit)
}

/// The line for a query shaped as a credit code (18 letters and digits, spaces or
/// hyphens between groups allowed, digits in places 3 to 8) that finds nothing: its flaw
/// and the record the mended code is of; `None` for any other query, or a valid code
/// (no company has it: "nothing matches" says so).
pub(super) fn code_line(index: &Index, records: Records<'_>, scope: Scope, query: &str) -> Option<String> {
    let typed = query.trim();
    if !typed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'))
    {
        return None;
    }
    let code: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    // The area code's digits tell a code from a model number of 18 characters.
    if code.len() != 18 || !code.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
        return None;
    }
    // A valid one was read whole before the search (`written_whole`): no company has it.
    let why = CreditCode::parse(&code).err()?;
    let mended = check_character(&code[..17]).map(|c| format!("{}{c}", &code[..17]));
    let near = mended
        .and_then(|mended| {
            Some(format!(
                "; {mended} is the code of {}",
                holder(index, records, scope, &mended)?
            ))
        })
        .unwrap_or_default();
    Some(format!("shuibei: nothing matches {typed:?}: {why}{near}"))
}

/// The record a search for `code` finds as typed, named: the company that has it.
fn holder(index: &Index, records: Records<'_>, scope: Scope, code: &str) -> Option<String> {
    let outcome = search::search(index, records, scope, code, Some(1));
    // Found in its code field: an 18-character subsequence of some long text is not it.
    let hit = outcome
        .hits
        .first()
        .filter(|h| matches!(h.why, search::Why::Field("code")))?;
    Some(format!(
        "{} {:?} ({})",
        hit.rec.kind.as_str(),
        records.id(hit.rec),
        records.label(hit.rec)
    ))
}
