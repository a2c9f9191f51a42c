//! One token read as one term: its `field:` checked against the fields of the scope (an
//! unknown field, a missing value or a value no fixed vocabulary holds is a note instead),
//! then its mode and its folded text.

use std::fmt::Write as _;

use super::hints;
use super::term::{Mode, Term, modifiers, term};
use super::tokens::split_field;
use crate::data::model::RecordKind;
use crate::search::fields;
use crate::search::scope::Scope;

pub(super) fn kinds(scope: Scope) -> Vec<RecordKind> {
    match scope {
        Scope::One(kind) => vec![kind],
        Scope::All => RecordKind::ALL.to_vec(),
    }
}

/// The field names of a scope, in tab order, without repeats.
fn field_names(scope: Scope) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for kind in kinds(scope) {
        for (name, _) in fields::fields(kind) {
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    names
}

pub(super) fn parse_term(token: &str, scope: Scope, notes: &mut Vec<String>) -> Option<Term> {
    parse_term_at(token, usize::MAX, scope, notes)
}

/// [`parse_term`] for a token whose quotes start at byte `quoted_at`: a `:` inside them
/// names no field.
pub(super) fn parse_term_at(token: &str, quoted_at: usize, scope: Scope, notes: &mut Vec<String>) -> Option<Term> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    if negated && rest.is_empty() {
        notes.push("a lone `!` excludes nothing: put a word after it, like `!silver`".into());
        return None;
    }
    let before = token.len() - rest.len();
    let split = split_field(rest).filter(|(name, _)| before + name.len() < quoted_at);
    let field_name = split.map(|(name, _)| name.to_ascii_lowercase());
    let (field, rest) = match split {
        Some((name, value)) => {
            let lower = name.to_ascii_lowercase();
            let per_kind = RecordKind::ALL.map(|k| {
                if kinds(scope).contains(&k) {
                    fields::spec(k, &lower)
                } else {
                    None
                }
            });
            if per_kind.iter().all(Option::is_none) {
                // A filter of the explorer's lists (`decade=2020s`): what a query writes.
                if let Some(note) = hints::filter_only(name, value) {
                    notes.push(note);
                    return None;
                }
                let mut note = format!("unknown field `{name}:`");
                let known = field_names(scope);
                // An enterprise's date is its founding (`date:` is History's and Indicators').
                let dated = (lower == "date" && known.contains(&"founded")).then_some("founded");
                if let Some(near) = dated.or_else(|| crate::data::problems::closest(&lower, &known)) {
                    let _ = write!(note, " (did you mean `{near}:`?)");
                }
                let _ = write!(note, "; fields here: {}", field_names(scope).join(", "));
                notes.push(note);
                return None;
            }
            if value.is_empty() {
                let about = kinds(scope)
                    .iter()
                    .find_map(|k| fields::fields(*k).iter().find(|(n, _)| *n == lower))
                    .map_or("", |(_, about)| *about);
                notes.push(format!("`{lower}:` needs a value: {about}"));
                return None;
            }
            (Some(per_kind), value)
        }
        None => (None, rest),
    };
    let rest = status_read(field_name.as_deref(), rest);
    let (mode, body) = modifiers(rest);
    // A keyword field holds identifiers (tags, kinds, codes, exchanges, reliability), which
    // the screen shows in capitals at times (LOW, HKEX): their case never matters.
    let lowered;
    let body = if field.is_some_and(|per_kind| per_kind.iter().flatten().any(|spec| spec.keyword)) {
        lowered = body.to_lowercase();
        lowered.as_str()
    } else {
        body
    };
    if body.is_empty() {
        notes.push(format!(
            "`{rest}` needs a word: `'word` exact, `^word` prefix, `word$` suffix"
        ));
        return None;
    }
    // A field of a few fixed values: a word that can be none of them is said, not
    // silently matched against nothing (`kind:foo` exited 1 as if no record were one).
    if let Some(name) = &field_name
        && let Some(values) = vocabulary(name)
        && !values.iter().any(|v| letters_in_order(body, v))
    {
        notes.push(vocabulary_note(name, &values, body));
        return None;
    }
    // A range or a comparison of figures (`value:1000..1300`, `value:>1000`) is no
    // figure as shown: said, not searched for text no value holds.
    if field_name.as_deref() == Some("value") && (body.contains("..") || body.starts_with(['>', '<', '≥', '≤', '=']))
    {
        notes.push(
            "value: takes a figure as the table shows it (value:1,300, value:1300) or a word of it (value:billion), not a range or a comparison; sort the Value column (s) or export and filter".to_owned()
        );
        return None;
    }
    // A figure is asked for whole: `value:10000` (or a plain `1000`) is not the first
    // digits of 100,000; and as the screen writes it, so `value:10000.0` (as JSON has
    // it) is 10000 and `1,000` is 1000.
    let number = matches!(field_name.as_deref(), None | Some("value")) && mode == Mode::Fuzzy && is_number(body);
    let whole;
    let body = if number {
        whole = body.replace(',', "");
        if whole.contains('.') {
            whole.trim_end_matches('0').trim_end_matches('.')
        } else {
            whole.as_str()
        }
    } else {
        body
    };
    let mut term = term(body, mode, negated, field);
    if registered_name(&term) {
        term.word = super::term::Word::Together;
    }
    if number {
        term.number = true;
        // A number stands whole, its thousands commas passed over (`text::number_in`):
        // only the pairs within its groups of three are a text's ("1,000" has no "10"),
        // and its head need not be; nor is it ever misspelt into another number.
        term.pairs = crate::search::fold::number_pairs(&term.chars);
        term.head = 0;
        term.budget = 0;
    }
    Some(term)
}

/// Whether a term is a Chinese registered name typed in full (`深圳市六福有限公司`): it
/// names one company, read in a name only as written, from the name's start or after
/// its leading place, not with other chars between its parts (深圳市周六福珠宝有限公司).
fn registered_name(term: &Term) -> bool {
    term.han
        && term.mode == Mode::Fuzzy
        && !term.negated
        && term.field.is_none()
        && super::forms::short_han(&fast2s::convert(&term.text)).is_some()
}

/// Digits, perhaps with thousands separators and a decimal point (`1,300`, `2.46`).
fn is_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes.last().is_some_and(u8::is_ascii_digit)
        && bytes.iter().all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
}

/// The values of a field that holds one of a fixed few.
fn vocabulary(field: &str) -> Option<Vec<&'static str>> {
    use crate::data::model::{Kind, Ownership, Qualifier, Reliability};
    Some(match field {
        "kind" => Kind::ALL.iter().map(|v| v.as_str()).collect(),
        "ownership" => Ownership::ALL.iter().map(|v| v.as_str()).collect(),
        "reliability" => Reliability::ALL.iter().map(|v| v.as_str()).collect(),
        "qualifier" => Qualifier::ALL.iter().map(|v| v.as_str()).collect(),
        // Every word a status is found by (`RegistryStatus::words`): `status:未注销` is
        // none, and found nothing without a word (a trial counted 0 revoked companies).
        "status" => crate::data::model::RegistryStatus::ALL
            .iter()
            .flat_map(|s| s.words())
            .collect(),
        _ => return None,
    })
}

/// The note for a `field:` term that can be none of the field's `values`.
fn vocabulary_note(field: &str, values: &[&str], body: &str) -> String {
    if field == "status" {
        // Its words are many: the format's, and each registry's word.
        let ours: Vec<&str> = crate::data::model::RegistryStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect();
        let theirs: Vec<&str> = crate::data::model::RegistryStatus::ALL.iter().map(|s| s.zh()).collect();
        return format!(
            "`status:` is a registry status, one of {}, or a registry's word for one: {} (存续 and 在业 alike); none is {body:?}",
            ours.join(", "),
            theirs.join(", ")
        );
    }
    format!("`{field}:` is one of {}; none is {body:?}", values.join(", "))
}

/// Whether `word`'s letters appear in `value` in order (how loosely a fuzzy term may
/// still find the value), case aside.
fn letters_in_order(word: &str, value: &str) -> bool {
    let mut rest = value.chars();
    word.chars().flat_map(char::to_lowercase).all(|c| rest.any(|v| v == c))
}

/// The value of a `status:` term as a registry status when it reads as one: as an export
/// writes it (`吊销，未注销`, `存续（在营、开业、在册）`), it is that status's word, since
/// its text holds words of others (注销), which a term matches anywhere.
fn status_read<'a>(field: Option<&str>, value: &'a str) -> &'a str {
    if field != Some("status") {
        return value;
    }
    let typed: String = value
        .trim_matches(['"', '＂', '“', '”'])
        .chars()
        .map(crate::search::fold::width)
        .collect();
    crate::data::model::RegistryStatus::read(&typed).map_or(value, |s| s.as_str())
}
