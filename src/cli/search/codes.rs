//! A query that is a credit code (统一社会信用代码) and finds nothing: what is wrong
//! with it (a check character that fails, the code typed in groups), and the company
//! whose code it nearly is, so a mistyped code in a screen is not read as "no such
//! company".

use crate::data::model::{CreditCode, check_character};
use crate::search::{self, Index, Records, Scope};

/// The line for a query shaped as a credit code (18 letters and digits, spaces or
/// hyphens between groups allowed, digits in places 3 to 8) that finds nothing: its flaw
/// and the record the mended code is of; `None` for any other query, or a valid code
/// written whole (no company has it: "nothing matches" says so).
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
    match CreditCode::parse(&code) {
        Ok(_) if code.len() != typed.len() => {
            let of = holder(index, records, scope, &code)?;
            Some(format!(
                "shuibei: nothing matches {typed:?} as typed; written whole, {code} is the code of {of}: `shuibei search {code}`"
            ))
        }
        Ok(_) => None,
        Err(why) => {
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
    }
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
