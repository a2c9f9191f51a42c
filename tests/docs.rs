//! The documentation's examples are real: the dataset-format example loads.

mod common;

#[test]
fn the_format_documents_example_validates() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/dataset-format.md")).unwrap();
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let db =
        shuibei::load::load_slice("docs/dataset-format.md", &doc.as_bytes()[start..end]).expect("the example loads");
    assert_eq!(db.enterprises().len(), 1);
    assert_eq!(shuibei::present::figure(&db.indicators()[0]), "566,300 m²");
}
