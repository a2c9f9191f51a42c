//! A screen of alternatives (`A | B | C`) on the command line: the line naming the ones
//! that find nothing (`search::screen`), said on stderr by `search` and `export --query`.

use crate::search::{Index, Records, Scope, screen};

/// `search::screen::unfound_alternatives` as a line of stderr (never stopped early).
#[must_use]
pub fn unfound_line(index: &Index, records: Records<'_>, scope: Scope, query: &str, exact: bool) -> Option<String> {
    screen::unfound_alternatives(index, records, scope, query, exact, &|| true).map(|line| format!("shuibei: {line}"))
}
