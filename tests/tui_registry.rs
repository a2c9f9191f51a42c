//! A registry list in the explorer's Enterprises tab: two companies of one name (one
//! revoked, one active) tell apart in the list by their status, and at full width by
//! their credit codes; the 中文名 column, blank for names that are Chinese already,
//! gives its room to them; `s` orders by status. The shipped data, which has no registry,
//! shows neither column and `s` passes over them (`tui_render`). A credit code typed in
//! the search box in groups, as copied from paper, finds its company; a screen of
//! alternatives names those that find nothing.

use crate::common;

use std::sync::Arc;

use common::screen::{mono_screen, press};
use shuibei::data::brief::Brief;
use shuibei::explorer::action::Msg;
use shuibei::explorer::app::App;
use shuibei::explorer::keymap::Keymap;

/// Two registrations of one name, and a third company.
const LIST: &str = r#"{"format":"shuibei/1","cluster":{"name":"Companies from list.csv"},
"sources":[{"id":"src-list","title":"list.csv","reliability":"medium","publisher":"企查查","date":"2026-03-20"}],
"enterprises":[
{"id":"uscc-91440304P3MPWH2JDT","name":"深圳市瑞银利兴珠宝首饰有限公司","name_zh":"深圳市瑞银利兴珠宝首饰有限公司","kind":"company","location":"深圳市南山区某路430号","registry":{"credit_code":"91440304P3MPWH2JDT","status":"revoked","status_text":"吊销"},"sources":[{"source":"src-list"}]},
{"id":"uscc-91440303QR5NDA846N","name":"深圳市瑞银利兴珠宝首饰有限公司","name_zh":"深圳市瑞银利兴珠宝首饰有限公司","kind":"company","location":"深圳市罗湖区某路748号","registry":{"credit_code":"91440303QR5NDA846N","status":"active","status_text":"存续"},"sources":[{"source":"src-list"}]},
{"id":"uscc-91440303EX0LW2NQK0","name":"深圳市达盛亿金银首饰有限公司","name_zh":"深圳市达盛亿金银首饰有限公司","kind":"company","location":"深圳市罗湖区某路1号","registry":{"credit_code":"91440303EX0LW2NQK0","status":"moved-out","status_text":"迁出"},"sources":[{"source":"src-list"}]}
]}"#;

fn app(w: u16, h: u16) -> App {
    let db = Arc::new(shuibei::data::load::load_slice("list.json", LIST.as_bytes()).expect("the list loads"));
    let brief = Arc::new(Brief::build(&db));
    let mut app = App::new(db, Keymap::default(), (w, h));
    app.update(Msg::BriefReady(brief));
    app
}

/// The list's header and rows, as shown, without spaces (a wide character is drawn with
/// one after it).
fn list_lines(a: &App) -> Vec<String> {
    let rows = a.regions().expect("regions").rows;
    let screen = mono_screen(a);
    let lines: Vec<&str> = screen.lines().collect();
    (rows.y - 1..rows.y + 3)
        .map(|y| lines[usize::from(y)].replace(' ', ""))
        .collect()
}

/// The worker's complete answer to `typed` in the Enterprises tab's search box.
fn complete_answer(
    worker: &shuibei::search::Worker,
    rx: &std::sync::mpsc::Receiver<shuibei::search::Done>,
    typed: &str,
) -> shuibei::search::Done {
    let scope = shuibei::search::Scope::One(shuibei::data::model::RecordKind::Enterprise);
    let asked = worker.request(scope, typed.into());
    loop {
        let done = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the worker answers");
        if done.generation == asked && done.complete {
            break done;
        }
    }
}

#[test]
fn two_companies_of_one_name_tell_apart_by_status_and_code() {
    let mut a = app(80, 24);
    press(&mut a, "2");
    let lines = list_lines(&a);
    assert!(lines[0].contains("Status"), "{lines:#?}");
    assert!(!lines[0].contains("中文名"), "blank for Chinese names: {lines:#?}");
    assert!(
        lines[1].contains("深圳市瑞银利兴珠宝首饰有限公司") && lines[1].contains("revoked"),
        "{lines:#?}"
    );
    assert!(
        lines[2].contains("深圳市瑞银利兴珠宝首饰有限公司") && lines[2].contains("active"),
        "{lines:#?}"
    );
    assert!(lines[3].contains("moved-out"), "{lines:#?}");
    // At full width the codes show too.
    let mut a = app(200, 24);
    press(&mut a, "2");
    let lines = list_lines(&a);
    assert!(lines[0].contains("Creditcode"), "{lines:#?}");
    assert!(lines[1].contains("91440304P3MPWH2JDT"), "{lines:#?}");
    assert!(lines[2].contains("91440303QR5NDA846N"), "{lines:#?}");
}

#[test]
fn s_orders_the_list_by_status() {
    let mut a = app(80, 24);
    press(&mut a, "2");
    // Name, then Status: 中文名 is blank in every row and passed over.
    press(&mut a, "ss");
    assert_eq!(a.current_view().order_label(), "by Status ↑");
    let lines = list_lines(&a);
    let order: Vec<&str> = lines[1..]
        .iter()
        .map(|l| {
            ["active", "moved-out", "revoked"]
                .into_iter()
                .find(|s| l.contains(s))
                .unwrap_or("?")
        })
        .collect();
    assert_eq!(order, ["active", "moved-out", "revoked"], "{lines:#?}");
}

/// The explorer's search worker reads a credit code copied in groups whole, in a screen
/// of alternatives too, and answers under the query as typed (the box's text); a screen's
/// alternatives that find nothing are named in the answer's notice.
#[test]
fn a_code_typed_in_groups_finds_its_company() {
    use std::sync::mpsc;
    let db = Arc::new(shuibei::data::load::load_slice("list.json", LIST.as_bytes()).expect("the list loads"));
    let index = Arc::new(shuibei::search::Index::build(&db));
    let (tx, rx) = mpsc::channel();
    let worker = shuibei::search::Worker::spawn(index, Arc::clone(&db), move |done| {
        let _ = tx.send(done);
    });
    let ask = |typed: &str| complete_answer(&worker, &rx, typed);
    for typed in ["9144 0304 P3MP WH2J DT", "9144-0304-P3MP-WH2J-DT | 91440303EX0LW2NQK0"] {
        let done = ask(typed);
        assert_eq!(done.query, typed);
        let ids: Vec<&str> = done.outcome.hits.iter().map(|h| db.id(h.rec)).collect();
        assert_eq!(ids.first(), Some(&"uscc-91440304P3MPWH2JDT"), "{typed}: {ids:?}");
        assert_eq!(ids.len(), typed.matches('|').count() + 1, "{typed}: {ids:?}");
        assert_eq!(done.outcome.notice, None, "{typed}: every alternative is found");
    }
    // A screen with an absent name and a mistyped code among them: the answer names both,
    // as the command line does (an absent applicant must not drop out silently).
    let typed = "9144 0304 P3MP WH2J DT | 深圳市金银岛首饰有限公司 | 91440303EX0LW2NQK1";
    let done = ask(typed);
    assert_eq!(
        done.outcome.notice.as_deref(),
        Some(
            "2 of the 3 alternatives find nothing as typed: 深圳市金银岛首饰有限公司, \
             91440303EX0LW2NQK1 (its check character fails: a typo?; 91440303EX0LW2NQK0 is the code of \
             enterprise \"uscc-91440303EX0LW2NQK0\" (深圳市达盛亿金银首饰有限公司))"
        ),
        "{:?}",
        done.outcome.hits
    );
    // A mistyped code alone: said so, with the company the mended code is of, as the
    // command line says it (the explorer said only "no record matches").
    let typed = "9144 0304 P3MP WH2J DA";
    let done = ask(typed);
    let notice = done.outcome.notice.unwrap_or_default();
    assert!(
        notice.starts_with("nothing matches \"9144 0304 P3MP WH2J DA\": ")
            && notice.contains("fails its check character")
            && notice.ends_with(
                "; 91440304P3MPWH2JDT is the code of enterprise \"uscc-91440304P3MPWH2JDT\" (深圳市瑞银利兴珠宝首饰有限公司)"
            ),
        "{notice}"
    );
}

/// A mistyped credit code finds nothing: the empty list gives the search line's notice
/// in full, the company the mended code is of included (the search line cut it at "a m…"
/// even zoomed, a trial found).
#[test]
fn a_mistyped_code_is_said_in_full_below_an_empty_list() {
    use std::sync::mpsc;
    let mut a = app(100, 24);
    press(&mut a, "2/");
    let typed = "91440304P3MPWH2JDA";
    for c in typed.chars() {
        a.update(Msg::Insert(c));
    }
    // The worker's answer, as the explorer's event loop hands it over.
    let db = Arc::new(shuibei::data::load::load_slice("list.json", LIST.as_bytes()).expect("the list loads"));
    let (tx, rx) = mpsc::channel();
    let worker = shuibei::search::Worker::spawn(Arc::new(shuibei::search::Index::build(&db)), db, move |done| {
        let _ = tx.send(done);
    });
    a.update(Msg::SearchDone(complete_answer(&worker, &rx, typed)));
    let screen = mono_screen(&a).replace(['│', '\n'], " ");
    let said: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("no record matches")
            && said.contains("the search line in full: nothing matches \"91440304P3MPWH2JDA\"")
            && said.contains("91440304P3MPWH2JDT is the code of enterprise"),
        "{}",
        mono_screen(&a)
    );
}

/// A screen of registered names typed in the search box finds each, as alone (the
/// worker searched the whole at once, and found only the name whose company holds
/// "Limited"; the command line's test is `cli_borrowers`).
#[test]
fn a_screen_of_registered_names_finds_each_in_the_explorer() {
    use std::sync::mpsc;
    let db = Arc::new(shuibei::data::load::embedded().expect("the shipped data loads"));
    let (tx, rx) = mpsc::channel();
    let index = Arc::new(shuibei::search::Index::build(&db));
    let worker = shuibei::search::Worker::spawn(index, Arc::clone(&db), move |done| {
        let _ = tx.send(done);
    });
    // Six English names: each found (the first was lost once the sides' combinations
    // stopped at five, a trial found).
    let six = "Shenzhen Cuilu Jewelry Co., Ltd. | Shenzhen Baoyi Jewelry Co., Ltd. | Shenzhen Yuehao Jewelry Co., Ltd. | \
               Zhou Dasheng Jewellery Co., Ltd. | Shenzhen Ganlu Jewelry Co Ltd | Shenzhen Jieworui Jewelry Co., Ltd.";
    let done = complete_answer(&worker, &rx, six);
    let ids: Vec<&str> = done.outcome.hits.iter().map(|h| db.id(h.rec)).collect();
    for id in ["cuilv", "baoyi", "yuehao", "zhou-dasheng", "ganlu", "jieworui"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert_eq!(done.outcome.notice, None, "every side is searched and found");
    for screen in [
        "周大福珠宝集团有限公司 | 六福集团有限公司",
        "Chow Tai Fook Jewellery Group Limited | Luk Fook Holdings (International) Limited",
    ] {
        let done = complete_answer(&worker, &rx, screen);
        let ids: Vec<String> = done.outcome.hits.iter().map(|h| db.id(h.rec).to_owned()).collect();
        assert!(
            ids.iter().any(|i| i == "chow-tai-fook-group") && ids.iter().any(|i| i == "liufu-group"),
            "{screen}: {ids:?}"
        );
        assert!(!done.outcome.tolerant, "{screen}");
    }
    // A side of several words that finds nothing is named below the rows.
    let screen = "Chow Tai Fook Jewellery Group Limited | Shenzhen Imaginary Gold Co., Ltd.";
    let done = complete_answer(&worker, &rx, screen);
    assert!(
        done.outcome.notice.as_deref().is_some_and(
            |n| n.contains("1 of the 2 alternatives finds nothing as typed: Shenzhen Imaginary Gold Co., Ltd.")
        ),
        "{:?}",
        done.outcome.notice
    );
}
