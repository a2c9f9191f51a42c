//! Tests of laying datasets together: merging by credit code and by name, id clashes
//! across files, the refusals, and the conflicts a later layer reports.

use super::*;
use crate::data::db::Target;
use crate::data::model::CreditCode;

const BASE: &str = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s-base","title":"Annual report","reliability":"high"}],
"enterprises":[{"id":"acme","name":"Acme Gold","summary":"Base text.",
  "registry":{"credit_code":"914403001922038216"},"sources":[{"source":"s-base"}]}]}"#;

const ADDED: &str = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[
 {"id":"uscc-914403001922038216","name":"深圳市示例金饰有限公司","founded":"2001-03-02",
  "people":[{"name":"张三","role":"legal representative"}],
  "registry":{"credit_code":"914403001922038216","status":"active","district":"罗湖区"},
  "summary":"Registry text.","sources":[{"source":"s-reg"}]},
 {"id":"other","name":"深圳市另一家珠宝有限公司","sources":[{"source":"s-reg"}]}],
"brands":[{"id":"b","name":"B","owner":"uscc-914403001922038216"}],
"history":[{"id":"h","date":"2020","title":"T","related":["acme","other"]}]}"#;

fn layered(base: &str, added: &str) -> Result<Db, LoadError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("added.json");
    std::fs::write(&path, added).unwrap();
    let below = load::load_slice("base.json", base.as_bytes()).unwrap();
    add(below, &path)
}

#[test]
fn an_added_enterprise_with_a_known_credit_code_fills_the_one_below() {
    let db = layered(BASE, ADDED).unwrap();
    assert_eq!(db.enterprises().len(), 2, "one merged, one added");
    let acme = &db.enterprises()[0];
    assert_eq!(&*acme.id, "acme");
    assert_eq!(acme.summary.as_deref(), Some("Base text."), "the base's text stays");
    assert_eq!(acme.name_zh.as_deref(), Some("深圳市示例金饰有限公司"));
    assert_eq!(acme.founded.map(|d| d.to_string()).as_deref(), Some("2001-03-02"));
    assert_eq!(acme.people.len(), 1);
    let registry = acme.registry.as_ref().unwrap();
    assert_eq!(registry.district.as_deref(), Some("罗湖区"));
    let cited: Vec<&str> = acme.sources.iter().map(|c| &*c.source).collect();
    assert_eq!(cited, ["s-base", "s-reg"], "both sources listed");
    // The added id still answers, and the added brand's owner follows the merge.
    let acme_rec = Rec::new(RecordKind::Enterprise, 0);
    assert_eq!(db.lookup("uscc-914403001922038216"), Some(Target::Record(acme_rec)));
    assert_eq!(db.owner_of(0), Some(acme_rec));
    assert_eq!(db.brands_of(0), &[0]);
    let layers = db.layers();
    assert_eq!(layers.len(), 2);
    assert_eq!((layers[1].added[1], layers[1].merged, layers[1].records()), (1, 1, 4));
    assert_eq!(layers[1].name(), "added.json");
    assert_eq!(db.layer_of(Target::Record(Rec::new(RecordKind::Enterprise, 1))), 1);
    assert_eq!(db.layer_of(Target::Record(acme_rec)), 0);
    assert!(db.origin_of(Target::Source(1)).ends_with("added.json"));
}

#[test]
fn an_id_used_below_is_a_clash_naming_both_files() {
    let added = ADDED.replace(r#""id":"other""#, r#""id":"acme""#);
    let err = layered(BASE, &added).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(
            "added.json:8:8: enterprises[1].id: duplicate id \"acme\": base.json already uses it for an enterprise"
        ),
        "{text}"
    );
}

#[test]
fn a_clash_with_the_id_of_a_merged_enterprise_names_the_file_that_gave_it() {
    // The id of an enterprise merged into one below answers for that record, but the
    // file to blame is the one that used it, not the record's own.
    let below = layered(BASE, ADDED).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("again.json");
    std::fs::write(
        &again,
        r#"{"format":"shuibei/1","cluster":{"name":"c"},
"enterprises":[{"id":"uscc-914403001922038216","name":"Another"}]}"#,
    )
    .unwrap();
    let text = add(below, &again).unwrap_err().to_string();
    assert!(
        text.contains("duplicate id \"uscc-914403001922038216\": ")
            && text.contains("added.json already uses it")
            && !text.contains("base.json already"),
        "{text}"
    );
}

#[test]
fn a_spreadsheet_given_to_add_says_how_to_import_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qcc.csv");
    std::fs::write(&path, "企业名称\n深圳市示例金饰有限公司\n").unwrap();
    let below = load::load_slice("base.json", BASE.as_bytes()).unwrap();
    let err = add(below, &path).unwrap_err().to_string();
    assert!(err.contains("this looks like a CSV registry export"), "{err}");
    assert!(err.contains("shuibei import") && err.contains("qcc.json"), "{err}");
}

#[test]
fn the_same_file_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("added.json");
    std::fs::write(&path, ADDED).unwrap();
    let below = load::load_slice("base.json", BASE.as_bytes()).unwrap();
    let once = add(below, &path).unwrap();
    let err = add(once, &path).unwrap_err();
    assert!(err.to_string().contains("is already loaded"), "{err}");
}

#[test]
fn references_may_name_records_below() {
    let added = r#"{"format":"shuibei/1","cluster":{"name":"notes"},
"history":[{"id":"h2","date":"2021","title":"T","related":["acme"],"sources":[{"source":"s-base"}]}]}"#;
    let db = layered(BASE, added).unwrap();
    assert_eq!(db.events_about(Rec::new(RecordKind::Enterprise, 0)), &[0]);
    let missing = added.replace(r#"["acme"]"#, r#"["nobody"]"#);
    assert!(
        layered(BASE, &missing)
            .unwrap_err()
            .to_string()
            .contains("unknown id \"nobody\"")
    );
}

const NAMED_BASE: &str = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s-base","title":"Annual report","reliability":"high"}],
"enterprises":[{"id":"yuehao","name":"Yuehao Jewelry","name_zh":"深圳市粤豪珠宝有限公司",
  "sources":[{"source":"s-base"}]},
 {"id":"coded","name":"Coded","name_zh":"深圳市另一家珠宝有限公司",
  "registry":{"credit_code":"914403001922038216"},"sources":[{"source":"s-base"}]}]}"#;

const NAMED_ADDED: &str = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[
 {"id":"uscc-91440303MA5EXA001U","name":"深圳市粤豪珠宝有限公司","name_zh":"深圳市粤豪珠宝有限公司",
  "registry":{"credit_code":"91440303MA5EXA001U","district":"罗湖区"},"sources":[{"source":"s-reg"}]},
 {"id":"uscc-91440303MA5EXA002Y","name":"深圳市另一家珠宝有限公司",
  "registry":{"credit_code":"91440303MA5EXA002Y"},"sources":[{"source":"s-reg"}]}]}"#;

#[test]
fn a_full_chinese_name_merges_when_no_credit_codes_disagree() {
    let db = layered(NAMED_BASE, NAMED_ADDED).unwrap();
    assert_eq!(db.enterprises().len(), 3, "yuehao merged, the other kept apart");
    let yuehao = &db.enterprises()[0];
    assert_eq!(yuehao.credit_code().map(CreditCode::as_str), Some("91440303MA5EXA001U"));
    assert_eq!(yuehao.sources.len(), 2, "both sources listed");
    let layer = &db.layers()[1];
    assert_eq!((layer.merged, layer.by_name), (1, 1));
    assert_eq!(layer.notices.len(), 1, "{:?}", layer.notices);
    assert!(
        layer.notices[0].contains("uscc-91440303MA5EXA002Y")
            && layer.notices[0].contains("coded")
            && layer.notices[0].contains("another credit code"),
        "{:?}",
        layer.notices
    );
}

#[test]
fn a_later_layer_wins_a_registry_field_and_the_conflict_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    std::fs::write(&first, ADDED).unwrap();
    let later = ADDED
        .replace("罗湖区", "福田区")
        .replace("s-reg", "s-reg2")
        .replace("\"id\":\"other\"", "\"id\":\"other2\"")
        .replace("\"id\":\"b\"", "\"id\":\"b2\"")
        .replace("\"id\":\"h\"", "\"id\":\"h2\"")
        .replace("uscc-914403001922038216\",\"name", "uscc-later\",\"name")
        .replace("\"owner\":\"uscc-914403001922038216\"", "\"owner\":\"uscc-later\"")
        .replace(
            "\"name\":\"张三\",\"role\":\"legal representative\"",
            "\"name\":\"李四\",\"role\":\"legal representative\",\"as_of\":\"2024-05-01\"",
        )
        .replace("\"founded\":\"2001-03-02\",", "");
    let first_text = ADDED.replace(
        "\"name\":\"张三\",\"role\":\"legal representative\"",
        "\"name\":\"张三\",\"role\":\"legal representative\",\"as_of\":\"2020-01-01\"",
    );
    std::fs::write(&first, first_text).unwrap();
    std::fs::write(&second, later).unwrap();
    let below = load::load_slice("base.json", BASE.as_bytes()).unwrap();
    let db = add(add(below, &first).unwrap(), &second).unwrap();
    let acme = &db.enterprises()[0];
    assert_eq!(acme.registry.as_ref().unwrap().district.as_deref(), Some("福田区"));
    let conflicts: Vec<&Conflict> = db.conflicts().collect();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    // Two legal representatives from two files are a conflict too, both kept (the
    // older one marked former, below).
    assert_eq!(
        (conflicts[1].field, conflicts[1].both_kept, conflicts[1].other.as_str()),
        ("legal representative", true, "李四, as of 2024-05-01")
    );
    let c = conflicts[0];
    assert_eq!((&*c.record, c.field), ("acme", "registry.district"));
    assert_eq!((c.kept.as_str(), c.other.as_str()), ("福田区", "罗湖区"));
    assert!(
        c.kept_from.ends_with("second.json") && c.other_from.ends_with("first.json"),
        "{c:?}"
    );
    let roles: Vec<(&str, Option<&str>)> = acme.people.iter().map(|p| (&*p.name, p.role.as_deref())).collect();
    assert_eq!(
        roles,
        [
            ("张三", Some("former legal representative")),
            ("李四", Some("legal representative"))
        ]
    );
    let brief = crate::data::present::layers_brief(&db);
    // acme twice by credit code; other2 joins other by its Chinese name.
    assert_eq!(brief, "+2 layers (8 records, 3 merged)");
}

/// A name that differs from one below only by the place in front (深圳市) is said,
/// not merged: two registrations may share a trade name in different cities.
#[test]
fn a_name_with_only_its_place_added_is_said_and_a_long_list_is_cut() {
    let base = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s","title":"t","reliability":"high"}],
"enterprises":[{"id":"zds","name":"Zhou Dasheng","name_zh":"周大生珠宝股份有限公司","sources":[{"source":"s"}]},
 {"id":"d1","name":"D1","name_zh":"深圳市同名珠宝有限公司","sources":[{"source":"s"}]},
 {"id":"d2","name":"D2","name_zh":"深圳市同名珠宝有限公司","sources":[{"source":"s"}]},
 {"id":"d3","name":"D3","name_zh":"深圳市同名珠宝有限公司","sources":[{"source":"s"}]},
 {"id":"d4","name":"D4","name_zh":"深圳市同名珠宝有限公司","sources":[{"source":"s"}]},
 {"id":"d5","name":"D5","name_zh":"深圳市同名珠宝有限公司","sources":[{"source":"s"}]},
 {"id":"d6","name":"D6","name_zh":"深圳市同名珠宝有限公司","sources":[{"source":"s"}]}]}"#;
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[{"id":"mine","name":"深圳市周大生珠宝股份有限公司","sources":[{"source":"s-reg"}]},
 {"id":"same","name":"深圳市同名珠宝有限公司","sources":[{"source":"s-reg"}]}]}"#;
    let db = layered(base, added).unwrap();
    assert_eq!(db.enterprises().len(), 9, "nothing merged");
    let notices = &db.layers()[1].notices;
    assert!(
        notices
            .iter()
            .any(|n| n.contains("mine (深圳市周大生珠宝股份有限公司) may be zds below")),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("of 6 records below (d1, d2, d3, d4, d5 and 1 more)")),
        "{notices:?}"
    );
}

/// A founding date the added record gives more precisely replaces the one below; one that
/// differs, and a location that differs, stay below and are noted as conflicts (shown
/// beside the record), never dropped. One person in one role is one entry, whatever the
/// role's capitals, as of the later date.
#[test]
fn a_differing_date_or_location_is_a_conflict_and_a_finer_date_replaces() {
    let base = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s-base","title":"Annual report","reliability":"high"}],
"enterprises":[
 {"id":"acme","name":"Acme Gold","founded":"2014","location":"Shuibei, Luohu District, Shenzhen",
  "people":[{"name":"张三","role":"Legal representative","as_of":"2026-02"}],
  "registry":{"credit_code":"914403001922038216"},"sources":[{"source":"s-base"}]},
 {"id":"beta","name":"Beta Gold","founded":"1999",
  "registry":{"credit_code":"91440300MA5F0JWR02"},"sources":[{"source":"s-base"}]}]}"#;
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[
 {"id":"uscc-914403001922038216","name":"深圳市示例金饰有限公司","founded":"2014-06-18",
  "location":"深圳市罗湖区翠竹街道水贝一路","people":[{"name":"张三","role":"legal representative","as_of":"2026-12-05"}],
  "registry":{"credit_code":"914403001922038216"},"sources":[{"source":"s-reg"}]},
 {"id":"uscc-91440300MA5F0JWR02","name":"深圳市贝塔珠宝有限公司","founded":"2007-10-15",
  "registry":{"credit_code":"91440300MA5F0JWR02"},"sources":[{"source":"s-reg"}]}]}"#;
    let db = layered(base, added).unwrap();
    let acme = &db.enterprises()[0];
    assert_eq!(acme.founded.map(|d| d.to_string()).as_deref(), Some("2014-06-18"));
    assert_eq!(acme.location.as_deref(), Some("Shuibei, Luohu District, Shenzhen"));
    let people: Vec<(&str, Option<&str>, String)> = acme
        .people
        .iter()
        .map(|p| {
            (
                &*p.name,
                p.role.as_deref(),
                p.as_of.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [("张三", Some("Legal representative"), "2026-12-05".to_owned())]
    );
    let beta = &db.enterprises()[1];
    assert_eq!(
        beta.founded.map(|d| d.to_string()).as_deref(),
        Some("1999"),
        "the one below is kept"
    );
    let conflicts: Vec<(&str, &str, &str, &str)> = db
        .conflicts()
        .map(|c| (&*c.record, c.field, c.kept.as_str(), c.other.as_str()))
        .collect();
    assert_eq!(
        conflicts,
        [
            (
                "acme",
                "location",
                "Shuibei, Luohu District, Shenzhen",
                "深圳市罗湖区翠竹街道水贝一路"
            ),
            ("beta", "founded", "1999", "2007-10-15"),
        ]
    );
    let c = db.conflicts().next().unwrap();
    assert!(
        c.other_from.ends_with("added.json") && c.kept_from == "base.json",
        "{c:?}"
    );
    // The detail shows the value not kept beside the one kept.
    let detail = crate::data::present::detail(&db, Rec::new(RecordKind::Enterprise, 1));
    let shown = format!("{detail:?}");
    assert!(shown.contains("founded: 1999 (base.json) over 2007-10-15"), "{shown}");
}

/// Two different people as legal representative of one company, one from each file: both
/// stay with their dates, the conflict is listed (for `validate` and the detail), and the
/// shipped role written among others (`Founder; legal representative (法人)`) counts.
/// The same person as of a later date keeps the earlier date visible in the detail, and
/// what the added file gave is marked with its source.
#[test]
fn two_legal_representatives_conflict_and_what_a_layer_said_is_marked() {
    let base = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s-base","title":"Annual report","reliability":"high"}],
"enterprises":[
 {"id":"zds","name":"Zhou Dasheng","name_zh":"周大生珠宝股份有限公司",
  "people":[{"name":"周宗文","role":"Founder; legal representative (法人)","as_of":"2025-02"}],
  "sources":[{"source":"s-base"}]},
 {"id":"jwr","name":"Jiewo Rui","name_zh":"深圳市杰我睿珠宝有限公司",
  "people":[{"name":"张志腾","role":"Legal representative","as_of":"2026-02"}],
  "sources":[{"source":"s-base"}]}]}"#;
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"counterparties.csv","date":"2026-03-20","reliability":"medium"}],
"enterprises":[
 {"id":"name-zds","name":"周大生珠宝股份有限公司","people":[{"name":"王五","role":"legal representative","as_of":"2026-03-20"}],
  "registry":{"status":"active","status_text":"存续"},"sources":[{"source":"s-reg"}]},
 {"id":"name-jwr","name":"深圳市杰我睿珠宝有限公司","people":[{"name":"张志腾","role":"legal representative","as_of":"2026-03-20"}],
  "registry":{"status":"active","city":"深圳市"},"sources":[{"source":"s-reg"}]}]}"#;
    let db = layered(base, added).unwrap();
    let zds = &db.enterprises()[0];
    let names: Vec<&str> = zds.people.iter().map(|p| &*p.name).collect();
    assert_eq!(names, ["周宗文", "王五"], "both kept");
    let c: Vec<_> = db.conflicts().collect();
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(
        (
            &*c[0].record,
            c[0].field,
            c[0].kept.as_str(),
            c[0].other.as_str(),
            c[0].both_kept
        ),
        (
            "zds",
            "legal representative",
            "周宗文, as of 2025-02",
            "王五, as of 2026-03-20",
            true
        )
    );
    assert!(
        c[0].kept_from == "base.json" && c[0].other_from.ends_with("added.json"),
        "{c:?}"
    );
    let shown = format!(
        "{:?}",
        crate::data::present::detail(&db, Rec::new(RecordKind::Enterprise, 0))
    );
    assert!(
        shown.contains("legal representative: 周宗文, as of 2025-02 (base.json) and 王五, as of 2026-03-20 ("),
        "{shown}"
    );
    assert!(
        shown.contains("王五, legal representative (2026-03-20) — counterparties.csv, 2026-03-20"),
        "{shown}"
    );
    assert!(
        shown.contains("active (存续) — counterparties.csv, 2026-03-20"),
        "one field from the layer is marked on its line: {shown}"
    );
    // The same person: one entry as of the later date, the earlier one still shown.
    let jwr = &db.enterprises()[1];
    assert_eq!(jwr.people.len(), 1);
    assert_eq!(
        jwr.people[0].as_of.map(|d| d.to_string()).as_deref(),
        Some("2026-03-20")
    );
    let shown = format!(
        "{:?}",
        crate::data::present::detail(&db, Rec::new(RecordKind::Enterprise, 1))
    );
    assert!(
        shown.contains("张志腾, Legal representative (2026-02; 2026-03-20 per counterparties.csv)"),
        "{shown}"
    );
    assert!(
        shown.contains("from counterparties.csv, 2026-03-20 (an added dataset)"),
        "a registry the layer gave whole is said once: {shown}"
    );
}

/// An added enterprise with the English name of one below (in another case) is not
/// merged (merging is by credit code or Chinese name) but is named as a likely duplicate.
#[test]
fn the_same_english_name_is_a_likely_duplicate_not_a_merge() {
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"enterprises":[{"id":"lf","name":"ACME GOLD","name_zh":"深圳市六福测试有限公司"}]}"#;
    let db = layered(BASE, added).unwrap();
    assert_eq!(db.enterprises().len(), 2, "kept apart");
    let alike = &db.layers()[1].alike;
    assert_eq!(alike.len(), 1, "{alike:?}");
    assert!(
        alike[0].contains(": lf has the English name \"ACME GOLD\" of acme below: likely a duplicate"),
        "{alike:?}"
    );
}

/// A registry writes 深圳市金雅福控股集团有限公司 where the data below wrote
/// 深圳金雅福控股集团有限公司: one name in one place (a registry does not register both),
/// so one record; a user who pastes the registry's name must find the record below, with
/// all it says, not a clean copy beside it.
#[test]
fn a_name_that_differs_only_by_the_place_s_shi_is_the_same_name() {
    let base = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s","title":"t","reliability":"high"}],
"enterprises":[{"id":"jinyafu","name":"Jinyafu","name_zh":"深圳金雅福控股集团有限公司","sources":[{"source":"s"}]},
 {"id":"lh","name":"LH","name_zh":"深圳市罗湖区金福珠宝有限公司","sources":[{"source":"s"}]}]}"#;
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[{"id":"uscc-1","name":"深圳市金雅福控股集团有限公司","sources":[{"source":"s-reg"}]},
 {"id":"uscc-2","name":"深圳罗湖金福珠宝有限公司","sources":[{"source":"s-reg"}]},
 {"id":"uscc-3","name":"上海金雅福控股集团有限公司","sources":[{"source":"s-reg"}]}]}"#;
    let db = layered(base, added).unwrap();
    let ids: Vec<&str> = db.enterprises().iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["jinyafu", "lh", "uscc-3"], "another city's name stays apart");
    let layer = &db.layers()[1];
    assert_eq!((layer.merged, layer.by_name), (2, 2));
    assert!(
        db.enterprises()[0]
            .aliases
            .iter()
            .any(|a| &**a == "深圳市金雅福控股集团有限公司"),
        "the registry's form is kept as an alias, so a search finds it"
    );
    assert_eq!(
        db.conflicts().count(),
        0,
        "no rename: {:?}",
        db.conflicts().collect::<Vec<_>>()
    );
}

/// A registry layer that names a company otherwise than the layer below (renamed since):
/// the name below stays, the other is an alias, and the difference is a conflict that
/// `validate` and the detail show.
#[test]
fn a_chinese_name_that_differs_is_a_conflict() {
    let base = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s","title":"t","reliability":"high"}],
"enterprises":[{"id":"a","name":"A","name_zh":"深圳市宝瑞福黄金有限公司","registry":{"credit_code":"91440300MA5F00001A"},"sources":[{"source":"s"}]}]}"#;
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"tyc.xlsx","reliability":"medium"}],
"enterprises":[{"id":"uscc-1","name":"深圳市新宝瑞福黄金有限公司","name_zh":"深圳市新宝瑞福黄金有限公司","registry":{"credit_code":"91440300MA5F00001A"},"sources":[{"source":"s-reg"}]}]}"#;
    let db = layered(base, added).unwrap();
    assert_eq!(db.enterprises().len(), 1);
    let a = &db.enterprises()[0];
    assert_eq!(a.name_zh.as_deref(), Some("深圳市宝瑞福黄金有限公司"));
    assert!(a.aliases.iter().any(|n| &**n == "深圳市新宝瑞福黄金有限公司"));
    let conflicts: Vec<&Conflict> = db.conflicts().collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(
        (
            conflicts[0].field,
            conflicts[0].kept.as_str(),
            conflicts[0].other.as_str()
        ),
        ("name_zh", "深圳市宝瑞福黄金有限公司", "深圳市新宝瑞福黄金有限公司")
    );
}

/// Two rows of one added file with the name of one record below and credit codes that
/// differ from each other are two companies: neither merges (merged one after the other,
/// the second's code replaced the first's, and the first company could no longer be found
/// by its code), and a notice says so. A row without a code that names the same record
/// stays apart with them; a name elsewhere still merges.
#[test]
fn two_added_rows_of_one_name_with_different_codes_merge_with_nothing() {
    let base = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s","title":"t","reliability":"high"}],
"enterprises":[{"id":"ganlu","name":"Ganlu","name_zh":"深圳市甘露珠宝首饰有限公司","sources":[{"source":"s"}]},
 {"id":"cuilv","name":"Cuilv","name_zh":"深圳市翠绿珠宝首饰有限公司","sources":[{"source":"s"}]}]}"#;
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[
 {"id":"uscc-91440303LGJ30YL163","name":"深圳市甘露珠宝首饰有限公司","registry":{"credit_code":"91440303LGJ30YL163","status":"active"},"sources":[{"source":"s-reg"}]},
 {"id":"uscc-914403035GBX189HHD","name":"深圳市甘露珠宝首饰有限公司","registry":{"credit_code":"914403035GBX189HHD","status":"revoked"},"sources":[{"source":"s-reg"}]},
 {"id":"name-ganlu","name":"深圳甘露珠宝首饰有限公司","sources":[{"source":"s-reg"}]},
 {"id":"uscc-91440303MA5EXA002Y","name":"深圳市翠绿珠宝首饰有限公司","registry":{"credit_code":"91440303MA5EXA002Y"},"sources":[{"source":"s-reg"}]}]}"#;
    let db = layered(base, added).unwrap();
    let ids: Vec<&str> = db.enterprises().iter().map(|e| &*e.id).collect();
    assert_eq!(
        ids,
        [
            "ganlu",
            "cuilv",
            "uscc-91440303LGJ30YL163",
            "uscc-914403035GBX189HHD",
            "name-ganlu"
        ]
    );
    assert!(
        db.enterprises()[0].credit_code().is_none(),
        "the one below is left as it was"
    );
    assert_eq!(
        db.enterprises()[1].credit_code().map(CreditCode::as_str),
        Some("91440303MA5EXA002Y"),
        "another name still merges"
    );
    let notices = &db.layers()[1].notices;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].ends_with(
            "added.json: uscc-91440303LGJ30YL163, uscc-914403035GBX189HHD, name-ganlu have the name 深圳市甘露珠宝首饰有限公司 of ganlu below but credit codes that differ from each other; none merged"
        ),
        "{notices:?}"
    );
}

/// A name in one place and the same name in another (东莞市X below, 广州市X added) are two
/// registrations: kept apart without a notice. A name without its place is still said.
#[test]
fn the_same_name_in_two_places_is_no_near_miss() {
    let base = r#"{"format":"shuibei/1","cluster":{"name":"c"},
"sources":[{"id":"s","title":"t","reliability":"high"}],
"enterprises":[{"id":"dg","name":"DG","name_zh":"东莞市东祥贵金属有限公司","sources":[{"source":"s"}]}]}"#;
    let added = r#"{"format":"shuibei/1","cluster":{"name":"registry"},
"sources":[{"id":"s-reg","title":"export.csv","reliability":"medium"}],
"enterprises":[{"id":"gz","name":"广州市东祥贵金属有限公司","sources":[{"source":"s-reg"}]},
 {"id":"bare","name":"东祥贵金属有限公司","sources":[{"source":"s-reg"}]}]}"#;
    let db = layered(base, added).unwrap();
    assert_eq!(db.enterprises().len(), 3, "nothing merged");
    let notices = &db.layers()[1].notices;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("bare (东祥贵金属有限公司) may be dg below"),
        "{notices:?}"
    );
}
