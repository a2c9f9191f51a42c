//! The format's registry fields: what the loader accepts and how it reports what it
//! does not (a credit code that fails its check character, two records with one code,
//! capital that is not an amount of money), and that files without them load unchanged.

use shuibei::data::load::load_slice;

fn dataset(enterprises: &str) -> String {
    format!(
        r#"{{"format":"shuibei/1","cluster":{{"name":"c"}},
"enterprises":[
{enterprises}]}}"#
    )
}

fn problems(enterprises: &str) -> Vec<String> {
    load_slice("t.json", dataset(enterprises).as_bytes())
        .expect_err("the file has problems")
        .lines()
}

#[test]
fn a_full_registry_loads_and_reads_back() {
    let text = dataset(
        r#"{"id":"a","name":"A","registry":{"credit_code":"91440303MA5EXA001U","status":"moved-out",
 "capital":{"amount":3000000,"currency":"USD"},"legal_form":"有限责任公司","industry":"批发业",
 "province":"广东省","city":"深圳市","district":"罗湖区","scope":"珠宝","phone":"0755","website":"example.com"}}"#,
    );
    let db = load_slice("t.json", text.as_bytes()).unwrap();
    let registry = db.enterprises()[0].registry.as_ref().unwrap();
    assert_eq!(registry.credit_code.as_ref().unwrap().as_str(), "91440303MA5EXA001U");
    let json = serde_json::to_value(&db.enterprises()[0]).unwrap();
    assert_eq!(json["registry"]["status"], "moved-out");
    assert_eq!(json["registry"]["capital"]["currency"], "USD");
}

#[test]
fn a_bad_credit_code_is_placed_in_the_file() {
    let lines = problems(r#"{"id":"a","name":"A","registry":{"credit_code":"91440303MA5EXA001X"}}"#);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("t.json:3:") && lines[0].contains("enterprises[0].registry.credit_code: \"91440303MA5EXA001X\" fails its check character: the 18th is X, the first 17 give U"),
        "{lines:?}"
    );
    let lines = problems(r#"{"id":"a","name":"A","registry":{"status":"open"}}"#);
    assert!(
        lines[0].contains("enterprises[0].registry.status: unknown value \"open\""),
        "{lines:?}"
    );
}

#[test]
fn one_code_names_one_record() {
    let lines = problems(
        r#"{"id":"a","name":"A","registry":{"credit_code":"91440303MA5EXA001U"}},
{"id":"b","name":"B"},
{"id":"c","name":"C","registry":{"credit_code":"91440303MA5EXA001U"}}"#,
    );
    assert_eq!(
        lines,
        [
            "t.json:5:48: enterprises[2].registry.credit_code: credit code 91440303MA5EXA001U is also the code of enterprises[0]; one organisation, one record"
        ]
    );
}

#[test]
fn capital_is_an_amount_of_money_and_text_is_not_blank() {
    let lines =
        problems(r#"{"id":"a","name":"A","registry":{"capital":{"amount":-5,"currency":"yuan"},"district":" "}}"#);
    assert_eq!(
        lines,
        [
            "t.json:3:87: enterprises[0].registry.district: must not be empty",
            "t.json:3:54: enterprises[0].registry.capital.amount: -5 is negative; registered capital is an amount of money",
            "t.json:3:68: enterprises[0].registry.capital.currency: \"yuan\" is not a currency code; write the ISO 4217 code, like \"CNY\" or \"USD\"",
        ]
    );
}

#[test]
fn files_without_registry_fields_load_unchanged() {
    let root = env!("CARGO_MANIFEST_DIR");
    for path in [
        "data/cluster.json",
        "tests/fixtures/ok/minimal.json",
        "tests/fixtures/ok/aliases.json",
    ] {
        let bytes = std::fs::read(format!("{root}/{path}")).unwrap();
        let db = load_slice(path, &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.layers().len(), 1);
        assert_eq!(db.layers()[0].origin, path);
    }
}
