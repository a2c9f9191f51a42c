//! The registry block of an enterprise's detail, and the mark on a value an added
//! dataset (`--add`) gave, so that a user's file never reads as the data below it.

use super::figures::capital;
use crate::data::model::{Registry, RegistryStatus};

/// A registry status with the registry's own word: "cancelled (注销)".
#[must_use]
pub fn status(s: RegistryStatus) -> String {
    format!("{s} ({})", s.zh())
}

/// `value`, and the added file's source that gave it, if one did.
pub(super) fn mark(value: String, from: Option<&str>) -> String {
    match from {
        Some(label) => format!("{value} — {label}"),
        None => value,
    }
}

/// What a registry holds about an enterprise, as detail fields (label, value); `from` names the added
/// file's source that gave a field (`registry.status`). A registry that one added file
/// gave whole says so once, above its fields, rather than on each.
pub(super) fn registry_fields(r: &Registry, from: &dyn Fn(&str) -> Option<String>) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    let mut whole: Option<Option<String>> = None;
    let mut put =
        |fields: &mut Vec<(&'static str, String)>, label: &'static str, value: Option<String>, names: &[&str]| {
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                return;
            };
            let source = names.iter().find_map(|f| from(f));
            let value = mark(value, source.as_deref());
            whole = match whole.take() {
                None => Some(source),
                Some(same) if same == source => Some(same),
                Some(_) => Some(None),
            };
            fields.push((label, value));
        };
    put(
        &mut fields,
        "Credit code",
        r.credit_code.as_ref().map(ToString::to_string),
        &["registry.credit_code"],
    );
    put(
        &mut fields,
        "Status",
        match (r.status, r.status_text.as_deref()) {
            (Some(s), own) => Some(own.map_or_else(|| status(s), |own| format!("{s} ({own})"))),
            // The registry's words that no status was read from (an import with
            // --skip-invalid keeps them): shown as words, not as a status.
            (None, Some(own)) => Some(format!("{own} (the registry's words; not a status shuibei reads)")),
            (None, None) => None,
        },
        &["registry.status"],
    );
    put(
        &mut fields,
        "Capital",
        r.capital.as_ref().map(capital),
        &["registry.capital"],
    );
    let text = |v: &Option<_>| v.as_deref().map(str::to_owned);
    put(&mut fields, "Legal form", text(&r.legal_form), &["registry.legal_form"]);
    put(&mut fields, "Industry", text(&r.industry), &["registry.industry"]);
    let region: Vec<&str> = [&r.province, &r.city, &r.district]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
    put(
        &mut fields,
        "Region",
        (!region.is_empty()).then(|| region.join(" ")),
        &["registry.province", "registry.city", "registry.district"],
    );
    put(
        &mut fields,
        "Address",
        r.address.as_deref().map(str::to_owned),
        &["registry.address"],
    );
    put(
        &mut fields,
        "Scope",
        r.scope.as_deref().map(str::to_owned),
        &["registry.scope"],
    );
    put(
        &mut fields,
        "Phone",
        r.phone.as_deref().map(str::to_owned),
        &["registry.phone"],
    );
    put(
        &mut fields,
        "Website",
        r.website.as_deref().map(str::to_owned),
        &["registry.website"],
    );
    if let Some(Some(label)) = whole
        && fields.len() > 1
    {
        let suffix = format!(" — {label}");
        for (_, value) in &mut fields {
            value.truncate(value.len() - suffix.len());
        }
        fields.insert(0, ("Registry", format!("from {label} (an added dataset)")));
    }
    fields
}
