//! A credit code (统一社会信用代码) that finds nothing is said to be wrong when its
//! check character fails, with the company whose code it nearly is; so a mistyped code
//! in a screen is not read as "no such company" (`search::codes`, which the explorer
//! says alike; one copied in groups is read whole before the search).

use crate::search::{Index, Records, Scope, codes};

/// `search::codes::unfound_code` as a line of stderr.
pub(super) fn code_line(index: &Index, records: Records<'_>, scope: Scope, query: &str) -> Option<String> {
    codes::unfound_code(index, records, scope, query).map(|line| format!("shuibei: {line}"))
}
