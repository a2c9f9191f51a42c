//! A credit code (统一社会信用代码) that finds nothing is said to be wrong when its
//! check character fails, with the company whose code it nearly is; so a mistyped code
//! in a screen is not read as "no such company". (One copied in groups is read whole
//! before the search: `search::codes`.)

use crate::search::codes::mistyped;
use crate::search::{self, Index, Records, Scope};

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
    let code: String = typed.chars().filter(char::is_ascii_alphanumeric).collect();
    // A valid one was read whole before the search (`written_whole`): no company has it.
    let (why, mended) = mistyped(&code)?;
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
