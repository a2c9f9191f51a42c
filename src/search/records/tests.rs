//! `Records` answers the same from the loaded dataset and from the packed values.

use super::*;
use crate::search::packed::Chunk;

/// Every question the engine asks, asked of both sides.
fn same(db: &Db) {
    let fresh = crate::search::index::Index::build(db);
    let mut index = crate::search::index::Index::build(db);
    let packed = crate::search::pack::build(db, &mut index).expect("packs");
    for kind in RecordKind::ALL {
        assert!(
            matches!(&index.tab(kind).text, crate::search::index::Names::Shared(c) if std::sync::Arc::ptr_eq(c, packed.chunks(kind))),
            "the index reads its names from the packed chunks"
        );
    }
    // Read back from the bytes a cache file holds of each chunk.
    let tabs = [0, 1, 2, 3].map(|slot| {
        let chunks = packed.chunks(RecordKind::ALL[slot]);
        let read = (0..chunks.len())
            .map(|k| {
                let view = chunks.get(k).expect("packed just now");
                let (bin, text) = view.chunk.parts();
                let chunk = Chunk::from_parts(bin.to_vec(), text, view.names).expect("reads back");
                (view.names.to_owned(), chunk)
            })
            .collect();
        (chunks.records(), read)
    });
    let packed = Packed::built(tabs, db.sources());
    let (a, b) = (Records::Db(db), Records::Packed(&packed));
    let mut scratch = String::new();
    keys_stand_for_one_text(db, a, b);
    for kind in RecordKind::ALL {
        assert_eq!(a.len(kind), b.len(kind));
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            // The index's names, read from the packed text, are the ones it built.
            let (built, shared) = (fresh.entry(a, rec), index.entry(a, rec));
            assert_eq!(built.names, shared.names, "{rec:?}");
            assert_eq!(built.pinyin(), shared.pinyin(), "{rec:?}");
            assert_eq!(a.id(rec), b.id(rec));
            assert_eq!(a.label(rec), b.label(rec), "{rec:?}");
            // The id and the label in pieces, as `search` prints them, are the same too.
            let joined = |r: Records| {
                let (id, label) = r.id_and_label(rec);
                let mut text = String::new();
                label.each(&mut |piece| text.push_str(piece));
                (id.to_owned(), text)
            };
            assert_eq!(joined(b), (a.id(rec).to_owned(), a.label(rec)), "{rec:?}");
            assert_eq!(joined(a), joined(b), "{rec:?}");
            assert_eq!(a.primary_names(rec), b.primary_names(rec));
            assert_eq!(
                a.aliases(rec).iter().collect::<Vec<_>>(),
                b.aliases(rec).iter().collect::<Vec<_>>()
            );
            let n = a.aliases(rec).iter().count();
            for k in 0..=n {
                assert_eq!(a.aliases(rec).get(k), b.aliases(rec).get(k));
            }
            let related = |r: Records| {
                let mut out = Vec::new();
                r.related_names(rec, &mut |f, t| {
                    out.push((f, t.to_owned()));
                    false
                });
                out
            };
            assert_eq!(related(a), related(b));
            for &field in Field::ALL {
                assert_eq!(a.date_of(rec, field), b.date_of(rec, field), "{rec:?} {field:?}");
                let mut values = |r: Records| {
                    let mut out = Vec::new();
                    r.visit(rec, field, &mut scratch, &mut |v| {
                        out.push(v.to_owned());
                        false
                    });
                    out
                };
                assert_eq!(values(a), values(b), "{rec:?} {field:?}");
            }
            // Several fields in one walk: each value with its field's place in the list,
            // in the list's order (which is not the fields' code order).
            let secondary = crate::search::fields::secondary(kind);
            let mut each = |r: Records, fields: &[Field]| {
                let mut out = Vec::new();
                r.visit_each(rec, fields, &mut scratch, &mut |i, _, v| {
                    out.push((i, v.to_owned()));
                    false
                });
                out
            };
            let (in_a, in_b) = (each(a, secondary), each(b, secondary));
            assert_eq!(in_a, in_b, "{rec:?}");
            assert_eq!(each(a, Field::ALL), each(b, Field::ALL), "{rec:?}");
            let one_by_one: Vec<(usize, String)> = secondary
                .iter()
                .enumerate()
                .flat_map(|(i, f)| {
                    let mut out = Vec::new();
                    b.visit(rec, *f, &mut scratch, &mut |v| {
                        out.push((i, v.to_owned()));
                        false
                    });
                    out
                })
                .collect();
            assert_eq!(in_b, one_by_one, "{rec:?}");
        }
    }
}

/// A value's key stands for one text wherever it is given (the matcher remembers a
/// term's answer by it): in the dataset everywhere, in the packed values within a chunk.
fn keys_stand_for_one_text(db: &Db, a: Records, b: Records) {
    let mut scratch = String::new();
    let mut texts: std::collections::HashMap<(bool, RecordKind, usize, usize, usize), String> =
        std::collections::HashMap::new();
    let mut keyed = [0usize; 2];
    for kind in RecordKind::ALL {
        for i in 0..db.len(kind) {
            let rec = Rec::new(kind, i);
            for (side, r) in [(false, a), (true, b)] {
                let chunk = if side { i / crate::search::packed::CHUNK } else { 0 };
                r.visit_each(
                    rec,
                    crate::search::fields::secondary(kind),
                    &mut scratch,
                    &mut |_, key, v| {
                        if let Some(key) = key {
                            keyed[usize::from(side)] += 1;
                            let was = texts
                                .entry((side, kind, chunk, key, v.len()))
                                .or_insert_with(|| v.to_owned());
                            assert_eq!(was, v, "{rec:?}: one key, two texts");
                        }
                        false
                    },
                );
            }
        }
    }
    assert!(
        keyed.iter().all(|k| *k > 0),
        "values were keyed on both sides: {keyed:?}"
    );
}

#[test]
fn the_shipped_dataset_packs_to_the_same_answers() {
    same(&crate::data::load::embedded().expect("the shipped dataset loads"));
}

/// Several chunks of records (the last one short, and not a whole block of the
/// index's names), with Chinese names, names too long for the index to pack, and
/// related names: each chunk's names are read where that chunk's text begins.
#[test]
fn records_over_several_chunks_pack_to_the_same_answers() {
    use std::fmt::Write as _;
    let mut json = String::from(
        r#"{"format":"shuibei/1","cluster":{"name":"c"},"sources":[{"id":"s","title":"t","reliability":"high"}],"enterprises":["#,
    );
    let n = 2 * crate::search::packed::CHUNK + 7;
    for i in 0..n {
        let name = if i % 97 == 0 {
            "long name ".repeat(30)
        } else {
            format!("Firm {i} Gold")
        };
        let zh = match i % 3 {
            0 => format!(r#","name_zh":"金{i}珠宝""#),
            1 => r#","name_zh":"水贝""#.to_owned(),
            _ => String::new(),
        };
        let comma = if i + 1 < n { "," } else { "" };
        write!(
            json,
            r#"{{"id":"e{i}","name":"{name}"{zh},"location":"Road {}","sources":[{{"source":"s"}}]}}{comma}"#,
            i % 5
        )
        .expect("writes");
    }
    json.push_str(
        r#"],"brands":[{"id":"b","name":"Brand","name_zh":"品牌","owner":"e5","sources":[{"source":"s"}]}]}"#,
    );
    let db = crate::data::load::load_slice("many", json.as_bytes()).expect("loads");
    assert_eq!(db.len(RecordKind::Enterprise), n);
    same(&db);
}

#[test]
fn the_hostile_fixture_packs_to_the_same_answers() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile.json")).expect("fixture");
    same(&crate::data::load::load_slice("hostile", &bytes).expect("loads"));
}
