//! JSON and JSON Lines: each row as `{"kind", "id", "record"}`, the record exactly as
//! stored; a source also carries `cited_by` (the records citing it), as `show --json`
//! prints it. Lossless: [`sanitize::json`] writes DEL, C1 and bidi controls as `\uXXXX`
//! escapes (the serializer already escapes C0), which decode to the same text.

use std::io::{self, Write};

use serde_json::json;

use crate::export::format::{Format, Rows, Tab};
use crate::export::table::Context;
use crate::sanitize;

/// Writes the rows as one JSON array ([`Format::Json`]) or one object per line
/// ([`Format::Jsonl`]); returns how many were written.
///
/// # Errors
/// Write errors from `out`, their kind intact.
pub fn write<W: Write>(ctx: &Context, rows: &Rows, format: Format, mut out: W) -> io::Result<usize> {
    let (open, between, close) = match format {
        Format::Json if rows.is_empty() => ("[]", "", "\n"),
        Format::Json => ("[\n", ",\n", "\n]\n"),
        _ => ("", "\n", "\n"),
    };
    out.write_all(open.as_bytes())?;
    for (i, position) in rows.positions.iter().enumerate() {
        if i > 0 {
            out.write_all(between.as_bytes())?;
        }
        let item = item(ctx, rows.tab, *position);
        out.write_all(sanitize::json(&serde_json::to_string(&item)?).as_bytes())?;
    }
    if !(rows.is_empty() && format == Format::Jsonl) {
        out.write_all(close.as_bytes())?;
    }
    out.flush()?;
    Ok(rows.len())
}

/// One row: `{"kind":"brand","id":"b1","record":{...as stored...}}`; for a source,
/// `cited_by` follows: `[{"kind":"enterprise","id":"e1"}, ...]`.
fn item(ctx: &Context, tab: Tab, position: u32) -> serde_json::Value {
    let db = ctx.db;
    match tab {
        Tab::Records(kind) => {
            let rec = crate::data::db::Rec::new(kind, position as usize);
            json!({"kind": kind.as_str(), "id": db.id(rec), "record": db.to_json(rec)})
        }
        Tab::Sources => {
            let i = position as usize;
            let source = &db.sources()[i];
            let cited_by: Vec<serde_json::Value> = ctx
                .citing(i)
                .iter()
                .map(|r| json!({"kind": r.kind.as_str(), "id": db.id(*r)}))
                .collect();
            json!({
                "kind": "source",
                "id": &*source.id,
                "record": serde_json::to_value(source).unwrap_or_default(),
                "cited_by": cited_by,
            })
        }
    }
}
