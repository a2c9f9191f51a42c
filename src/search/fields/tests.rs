//! The field tables against their meanings.

use super::*;

#[test]
fn every_field_is_all_in_declaration_order() {
    for (i, f) in Field::ALL.iter().enumerate() {
        assert_eq!(usize::from(f.code()), i, "{f:?}");
        assert_eq!(Field::from_code(i), Some(*f));
    }
    assert_eq!(Field::from_code(Field::ALL.len()), None);
}

#[test]
fn every_listed_field_has_a_meaning() {
    for kind in RecordKind::ALL {
        for (name, about) in fields(kind) {
            assert!(spec(kind, name).is_some(), "{kind}: {name}");
            assert!(!about.is_empty());
        }
        for (name, _) in fields(kind) {
            let field = spec(kind, name).unwrap().field;
            assert_eq!(name_of(kind, field), *name, "{kind}");
        }
        for f in secondary(kind) {
            assert!(
                spec(kind, name_of(kind, *f)).is_some_and(|s| s.secondary),
                "{kind}: {f:?}"
            );
        }
    }
}

/// A date field's range reads whole years by the tab's `year:`, which must read the same
/// date (`query::dates`).
#[test]
fn every_date_field_has_its_year() {
    for kind in RecordKind::ALL {
        for (name, _) in fields(kind) {
            let field = spec(kind, name).unwrap().field;
            if matches!(field, Field::Date | Field::Founded) {
                assert_eq!(spec(kind, "year").map(|s| s.field), Some(Field::Year), "{kind}: {name}");
            }
        }
    }
}

/// The fields a term with a char no date has skips are exactly the dates and years alone:
/// in the shipped data every value they hold is digits and hyphens, and every other
/// field of the tab is still read.
#[test]
fn undated_fields_leave_out_dates_alone() {
    let db = crate::data::load::embedded().expect("the shipped data loads");
    for kind in RecordKind::ALL {
        let all = secondary(kind);
        let undated = secondary_undated(kind);
        let left: Vec<Field> = all.iter().copied().filter(|f| !undated.contains(f)).collect();
        assert!(undated.iter().all(|f| all.contains(f)), "{kind}");
        assert!(left.iter().all(|f| formatted(*f)), "{kind}: {left:?}");
        let (mut scratch, mut seen) = (String::new(), 0);
        for i in 0..db.len(kind) {
            for f in &left {
                visit(&db, Rec::new(kind, i), *f, &mut scratch, &mut |v| {
                    assert!(v.chars().all(|c| c.is_ascii_digit() || c == '-'), "{kind} {f:?}: {v}");
                    seen += 1;
                    false
                });
            }
        }
        assert_eq!(left.is_empty(), seen == 0, "{kind}: {left:?} hold {seen} values");
    }
}

/// A summary in traditional characters gives its simplified copy too (packing the
/// values); a term reads one of them: the summary without a Chinese char, else the copy.
#[test]
fn a_summary_s_simplified_copy_is_read_as_a_term_needs() {
    let data = r#"{ "format": "shuibei/1", "cluster": { "name": "c" },
      "sources": [ { "id": "s", "title": "A source", "reliability": "high" } ],
      "enterprises": [
        { "id": "hk", "name": "HK Co", "summary": "商戶已經報警", "sources": [{ "source": "s" }] },
        { "id": "cn", "name": "CN Co", "summary": "商户已经报警", "sources": [{ "source": "s" }] }
      ] }"#;
    let db = crate::data::load::load_slice("copies", data.as_bytes()).expect("loads");
    let values = |i: usize| {
        let mut out = Vec::new();
        visit(
            &db,
            Rec::new(RecordKind::Enterprise, i),
            Field::Summary,
            &mut String::new(),
            &mut |v| {
                out.push(v.to_owned());
                false
            },
        );
        out
    };
    assert_eq!(values(0), ["商戶已經報警", "商户已经报警"]);
    assert_eq!(values(1), ["商户已经报警"], "nothing to simplify");
    assert_eq!(for_term(false, || values(0)), ["商戶已經報警"]);
    assert_eq!(for_term(true, || values(0)), ["商户已经报警"]);
    assert_eq!(values(0).len(), 2, "as before once the term is done");
}
