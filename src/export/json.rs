//! JSON and JSON Lines: each row as `{"kind", "id", "record"}`, the record exactly as
//! stored; a source also carries `cited_by` (the records citing it), an indicator
//! `conflicts` (the figures it disagrees with), as `show --json` prints them. Lossless: [`sanitize::json`] writes DEL, C1 and bidi controls as `\uXXXX`
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

/// The figures an indicator disagrees with (indicator indices, from
/// [`crate::data::brief::Questions::disagreeing`]), as `show --json` and the JSON export
/// give them: `[{"kind":"indicator","id","figure","value","unit","as_of","sources"}]`.
#[must_use]
pub fn conflicts(db: &crate::data::db::Db, disagreeing: &[u32]) -> serde_json::Value {
    disagreeing
        .iter()
        .map(|m| {
            let ind = &db.indicators()[*m as usize];
            let mut sources: Vec<&str> = Vec::new();
            for cite in &ind.sources {
                if !sources.contains(&&*cite.source) {
                    sources.push(&cite.source);
                }
            }
            json!({
                "kind": "indicator",
                "id": &*ind.id,
                "figure": crate::data::present::figure(ind),
                "value": ind.value,
                "unit": &*ind.unit,
                "as_of": ind.as_of,
                "sources": sources,
            })
        })
        .collect()
}

/// One row: `{"kind":"brand","id":"b1","record":{...as stored...}}`; for a source,
/// `cited_by` follows: `[{"kind":"enterprise","id":"e1"}, ...]`; for an indicator,
/// `conflicts` ([`conflicts`]).
fn item(ctx: &Context, tab: Tab, position: u32) -> serde_json::Value {
    let db = ctx.db;
    match tab {
        Tab::Records(kind) => {
            let rec = crate::data::db::Rec::new(kind, position as usize);
            let mut item = json!({"kind": kind.as_str(), "id": db.id(rec), "record": db.to_json(rec)});
            if kind == crate::data::model::RecordKind::Indicator {
                item["conflicts"] = conflicts(db, &ctx.disagreeing(position as usize));
            }
            item
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
