//! What a briefing needs from the whole dataset, computed once: how current each tab is
//! ("data as of"), the questions the figures answer (indicators of one metric, unit and
//! scope), which of their figures conflict, the order of the headline figures, the most
//! recent events, and which records cite each source.
//!
//! The explorer's Overview, its conflicts view and its Sources tab read a [`Brief`]; it
//! is built off the UI thread (a million records take a moment) and never per frame.
//! Pure functions of the `Db`; nothing here styles or prints.

mod questions;

use crate::data::citations::Citations;
use crate::data::db::{Db, Rec};
use crate::data::model::{Date, RecordKind};
pub use questions::{Question, Questions};

/// How many of the newest events a brief keeps (the screen shows what fits).
pub const RECENT: usize = 50;

/// The newest date found in a tab, and the record (or source) that carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Newest<T> {
    pub date: Date,
    pub at: T,
    /// What the date is of, where a tab's records carry several ("founded", "a
    /// person's role"): a date alone read as the record's founding.
    pub what: &'static str,
}

/// How current the data is: the latest date in each tab.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AsOf {
    /// History, enterprises, brands, indicators: in `RecordKind::ALL` order.
    pub records: [Option<Newest<Rec>>; 4],
    /// The newest source, by its index.
    pub sources: Option<Newest<usize>>,
}

impl AsOf {
    /// The newest date of a kind of record.
    #[must_use]
    pub fn of(&self, kind: RecordKind) -> Option<Newest<Rec>> {
        let slot = RecordKind::ALL.iter().position(|k| *k == kind)?;
        self.records[slot]
    }

    /// The newest event or figure: how far the news and the numbers reach, which a
    /// registry export's date (its source, the dates of its people's roles) does not move
    /// (`--add` of an export made today is not news of today).
    #[must_use]
    pub fn events_and_figures(&self) -> Option<Newest<Rec>> {
        [RecordKind::History, RecordKind::Indicator]
            .into_iter()
            .filter_map(|k| self.of(k))
            .max_by_key(|n| n.date)
    }

    /// How far the events and the figures reach, in words: "events to 2026-03-18 ·
    /// figures to 2026-06-25" when they differ (one late price read as news of June, a
    /// trial), else "events and figures to …"; `None` without either.
    #[must_use]
    pub fn reach(&self) -> Option<String> {
        let newest = self.events_and_figures()?;
        Some(match (self.of(RecordKind::History), self.of(RecordKind::Indicator)) {
            (Some(events), Some(figures)) if events.date != figures.date => {
                format!("events to {} · figures to {}", events.date, figures.date)
            }
            (Some(_), None) => format!("events to {}", newest.date),
            (None, Some(_)) => format!("figures to {}", newest.date),
            _ => format!("events and figures to {}", newest.date),
        })
    }

    /// The newest date anywhere in the dataset.
    #[must_use]
    pub fn overall(&self) -> Option<Date> {
        self.records
            .iter()
            .flatten()
            .map(|n| n.date)
            .chain(self.sources.map(|n| n.date))
            .max()
    }
}

/// [`Brief::lead`]: for each headline group, the question of that group with the most
/// figures, the newest of those (then the first in the file).
fn lead(db: &Db, questions: &[Question]) -> Vec<u32> {
    let groups = &db.dataset().cluster.headline_groups;
    let last = |q: &Question| &db.indicators()[q.members[q.members.len() - 1] as usize];
    groups
        .iter()
        .filter_map(|group| {
            let (at, _) = questions
                .iter()
                .enumerate()
                .filter(|(_, q)| last(q).group.as_deref() == Some(&**group))
                .max_by_key(|(at, q)| (q.members.len(), last(q).as_of, std::cmp::Reverse(*at)))?;
            u32::try_from(at).ok()
        })
        .collect()
}

/// Everything computed once for the Overview, the conflicts view and the Sources tab.
#[derive(Debug, Clone, Default)]
pub struct Brief {
    pub as_of: AsOf,
    pub questions: Vec<Question>,
    /// Indicator index → its question's index.
    pub question_of: Vec<u32>,
    /// Question indices: the newest year first, then the longer series, then the newest date.
    pub headlines: Vec<u32>,
    /// The questions the headline figures lead with: for each of the dataset's
    /// `cluster.headline_groups`, in its order, the measure of that group followed
    /// longest (the most figures; then the newest).
    pub lead: Vec<u32>,
    /// History indices, newest first, at most [`RECENT`].
    pub recent: Vec<u32>,
    /// How many questions have figures that disagree for some year.
    pub conflicted: usize,
    /// Which records cite each source.
    pub citations: Citations,
}

impl Brief {
    /// Computes the brief of a dataset.
    #[must_use]
    pub fn build(db: &Db) -> Brief {
        let Questions { questions, question_of } = Questions::build(db);
        let mut headlines: Vec<u32> = (0..questions.len()).filter_map(|q| u32::try_from(q).ok()).collect();
        // The newest year first; within a year the measures followed longest (the most
        // figures) first, then the newest date.
        headlines.sort_by_key(|q| {
            let question = &questions[*q as usize];
            let last = db.indicators()[question.members[question.members.len() - 1] as usize].as_of;
            (
                std::cmp::Reverse(last.year()),
                std::cmp::Reverse(question.members.len()),
                std::cmp::Reverse(last),
                question.first(),
            )
        });
        let conflicted = questions.iter().filter(|q| !q.conflict_dates.is_empty()).count();
        let lead = lead(db, &questions);
        Brief {
            lead,
            as_of: as_of(db),
            conflicted,
            questions,
            question_of,
            headlines,
            recent: recent(db, RECENT),
            citations: Citations::build(db),
        }
    }

    /// The question an indicator answers.
    #[must_use]
    pub fn question(&self, indicator: usize) -> Option<&Question> {
        let q = *self.question_of.get(indicator)?;
        self.questions.get(q as usize)
    }
}

/// Why a figure stands apart, where the data says: the note on its citation, else the
/// first sentence of its summary.
#[must_use]
pub fn reason(db: &Db, indicator: usize) -> Option<String> {
    let ind = &db.indicators()[indicator];
    if let Some(note) = ind.sources.iter().find_map(|c| c.note.as_deref()) {
        return Some(note.trim().to_owned());
    }
    let summary = ind.summary.as_deref()?.trim();
    // A sentence ends at a full stop before a capital or a Chinese character (so "c. 2007"
    // and "1.5" do not end one), or at the Chinese full stop.
    let starts_sentence = |rest: &str| {
        rest.strip_prefix(' ')
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_uppercase() || !c.is_ascii())
    };
    let end = summary
        .char_indices()
        .find(|(i, c)| *c == '。' || (*c == '.' && starts_sentence(&summary[i + 1..])))
        .map_or(summary.len(), |(i, c)| i + c.len_utf8());
    let sentence = summary[..end].trim();
    (!sentence.is_empty()).then(|| sentence.to_owned())
}

/// A year of an honour as a date, when it is one.
fn year_date(year: i32) -> Option<Date> {
    if (1..=9999).contains(&year) {
        Date::parse(&format!("{year:04}")).ok()
    } else {
        None
    }
}

/// The dates of the files the enterprise cites (a registry export, `shuibei import`'s
/// source): a person "as of" such a date is who held the role the day the file was
/// made, not news of the company, and is no "newest" date.
fn snapshot_dates(db: &Db, e: &crate::data::model::Enterprise) -> Vec<Date> {
    e.sources
        .iter()
        .filter_map(|c| match db.lookup(&c.source)? {
            crate::data::db::Target::Source(j) => Some(&db.sources()[j as usize]),
            crate::data::db::Target::Record(_) => None,
        })
        .filter(|s| s.file.is_some())
        .filter_map(|s| s.date)
        .collect()
}

/// The newest date in each tab, and where it is.
fn as_of(db: &Db) -> AsOf {
    fn keep(records: &mut [Option<Newest<Rec>>; 4], slot: usize, (date, what): (Date, &'static str), rec: Rec) {
        if records[slot].is_none_or(|n| date > n.date) {
            records[slot] = Some(Newest { date, at: rec, what });
        }
    }
    let mut out = AsOf::default();
    for (i, e) in db.history().iter().enumerate() {
        keep(&mut out.records, 0, (e.date, "event"), Rec::new(RecordKind::History, i));
    }
    for (i, e) in db.enterprises().iter().enumerate() {
        let rec = Rec::new(RecordKind::Enterprise, i);
        // Asked only of records with dated people (a million imported rows without).
        let snapshots = if e.people.iter().any(|p| p.as_of.is_some()) {
            snapshot_dates(db, e)
        } else {
            Vec::new()
        };
        let dates = e
            .founded
            .map(|d| (d, "founded"))
            .into_iter()
            .chain(e.listings.iter().flat_map(|l| {
                l.listed
                    .map(|d| (d, "listed"))
                    .into_iter()
                    .chain(l.delisted.map(|d| (d, "delisted")))
            }))
            .chain(
                e.people
                    .iter()
                    .filter_map(|p| p.as_of)
                    .filter(|d| !snapshots.contains(d))
                    .map(|d| (d, "date of a person's role")),
            );
        for date in dates {
            keep(&mut out.records, 1, date, rec);
        }
    }
    for (i, b) in db.brands().iter().enumerate() {
        let newest = b.honors.iter().filter_map(|h| h.year).max();
        let known = out.records[2].map_or(0, |n| i32::from(n.date.year()));
        if let Some(date) = newest.filter(|y| *y > known).and_then(year_date) {
            keep(
                &mut out.records,
                2,
                (date, "year of an honour"),
                Rec::new(RecordKind::Brand, i),
            );
        }
    }
    for (i, ind) in db.indicators().iter().enumerate() {
        keep(
            &mut out.records,
            3,
            (ind.as_of, "figure as of"),
            Rec::new(RecordKind::Indicator, i),
        );
    }
    for (i, s) in db.sources().iter().enumerate() {
        if let Some(date) = s.date
            && out.sources.is_none_or(|n| date > n.date)
        {
            out.sources = Some(Newest {
                date,
                at: i,
                what: "published",
            });
        }
    }
    out
}

/// The `n` newest events, newest first (events of one date: the later in the file first).
fn recent(db: &Db, n: usize) -> Vec<u32> {
    let history = db.history();
    let key = |i: &u32| std::cmp::Reverse((history[*i as usize].date, *i));
    let mut all: Vec<u32> = (0..history.len()).filter_map(|i| u32::try_from(i).ok()).collect();
    if all.len() > n && n > 0 {
        all.select_nth_unstable_by_key(n - 1, key);
        all.truncate(n);
    }
    all.sort_unstable_by_key(key);
    all.truncate(n);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(json: &str) -> Db {
        crate::data::load::load_slice("test.json", json.as_bytes()).unwrap()
    }

    const DATA: &str = r#"{"format": "shuibei/1", "cluster": {"name": "C"},
      "sources": [{"id": "s", "title": "S", "reliability": "high", "date": "2020-05-01"}],
      "history": [
        {"id": "h-old", "date": "1990", "title": "old"},
        {"id": "h-new", "date": "2024-03", "title": "new"},
        {"id": "h-mid", "date": "2010", "title": "mid"}],
      "enterprises": [
        {"id": "e1", "name": "E", "founded": "1999", "listings": [{"exchange": "SSE", "code": "1", "listed": "2001", "delisted": "2021-03-17"}]},
        {"id": "e2", "name": "F", "founded": "2005"}],
      "brands": [{"id": "b1", "name": "B", "honors": [{"title": "T", "year": 2016}, {"title": "U", "year": 2012}]}],
      "indicators": [
        {"id": "a-2017-70", "name": "Share (70)", "metric": "share", "value": 70, "unit": "%", "qualifier": "more-than", "as_of": "2017", "scope": "Shuibei–Buxin", "summary": "One paper says 70. Another says 50."},
        {"id": "a-2017-50", "name": "Share (50)", "metric": "share", "value": 50, "unit": "%", "qualifier": "about", "as_of": "2017", "scope": "shuibei-buxin",
         "sources": [{"source": "s", "note": "the Chinese original says 50"}]},
        {"id": "a-2010", "name": "Share 2010", "metric": "share", "value": 40, "unit": "%", "as_of": "2010", "scope": "Shuibei–Buxin"},
        {"id": "a-city", "name": "Share city", "metric": "share", "value": 30, "unit": "%", "as_of": "2018", "scope": "Shenzhen"},
        {"id": "n-2025", "name": "Firms", "metric": "firms", "value": 9000, "unit": "firms", "qualifier": "nearly", "as_of": "2025"},
        {"id": "n-2025-03", "name": "Firms March", "metric": "firms", "value": 9000, "unit": "firms", "qualifier": "more-than", "as_of": "2025-03"},
        {"id": "lone", "name": "Lone", "value": 1, "unit": "x", "as_of": "2019"},
        {"id": "lone2", "name": "Lone 2", "value": 2, "unit": "x", "as_of": "2019"},
        {"id": "p-1430", "name": "Price 14:30", "metric": "price", "value": 1167, "unit": "yuan/g", "as_of": "2026-02-03", "sources": [{"source": "s"}]},
        {"id": "p-1830", "name": "Price 18:30", "metric": "price", "value": 1223, "unit": "yuan/g", "as_of": "2026-02-03", "sources": [{"source": "s"}]}]}"#;

    #[test]
    fn figures_group_by_metric_unit_and_scope_and_conflicts_are_found() {
        let db = db(DATA);
        let brief = Brief::build(&db);
        let id = |i: u32| db.indicators()[i as usize].id.to_string();
        let q = brief.question(0).unwrap();
        // The dash and the case of the scope do not split the question; another scope does.
        assert_eq!(
            q.members.iter().map(|m| id(*m)).collect::<Vec<_>>(),
            ["a-2010", "a-2017-70", "a-2017-50"]
        );
        assert_eq!(q.conflict_dates, [Date::parse("2017").unwrap()]);
        assert!(q.conflict_now(&db));
        assert_eq!(q.latest().len(), 2);
        assert!(!q.conflicts(&db, 2), "2010 stands alone");
        let city = brief.question(3).unwrap();
        assert_eq!(city.members.len(), 1);
        // "nearly 9,000" and "more than 9,000" in one year agree: the values are the same.
        let firms = brief.question(4).unwrap();
        assert_eq!(firms.members.len(), 2);
        assert!(firms.conflict_dates.is_empty());
        assert_eq!(firms.latest().len(), 1, "2025 and 2025-03 are not the same date");
        // Figures without a metric are questions of their own.
        assert_ne!(brief.question_of[6], brief.question_of[7]);
        // Two figures of one day from one source are a change within the day, not sources
        // in conflict.
        let price = brief.question(8).unwrap();
        assert_eq!(price.members.len(), 2);
        assert!(price.conflict_dates.is_empty());
        assert!(!price.conflict_now(&db));
        assert_eq!(brief.questions.len(), 6);
        assert_eq!(brief.conflicted, 1);
        // Headlines: the newest latest figure first.
        assert_eq!(id(brief.questions[brief.headlines[0] as usize].first()), "p-1430");
        assert_eq!(id(brief.questions[brief.headlines[1] as usize].first()), "n-2025");
    }

    /// The dataset's headline groups lead, in its order, each by the measure of that group
    /// with the most figures (a newer single price does not); a group no measure has adds
    /// nothing, and a dataset that names none has no lead.
    #[test]
    fn the_headline_groups_lead_with_their_longest_measure() {
        let data = |groups: &str| {
            format!(
                r#"{{"format": "shuibei/1", "cluster": {{"name": "C", "headline_groups": {groups}}},
          "indicators": [
            {{"id": "p", "name": "Price", "metric": "price", "value": 1000, "unit": "yuan/g", "as_of": "2026-03-01", "group": "Prices"}},
            {{"id": "e-1", "name": "Firms", "metric": "firms", "value": 3000, "unit": "enterprises", "as_of": "2016", "group": "Enterprises"}},
            {{"id": "e-2", "name": "Firms", "metric": "firms", "value": 9000, "unit": "enterprises", "as_of": "2025", "group": "Enterprises"}},
            {{"id": "u", "name": "Units", "metric": "units", "value": 100, "unit": "units", "as_of": "2026", "group": "Enterprises"}},
            {{"id": "s", "name": "Share", "metric": "share", "value": 50, "unit": "%", "as_of": "2025", "group": "Share"}}]}}"#
            )
        };
        let named = db(&data(r#"["Share", "Enterprises"]"#));
        let brief = Brief::build(&named);
        let id = |q: &u32| {
            named.indicators()[brief.questions[*q as usize].first() as usize]
                .id
                .to_string()
        };
        assert_eq!(brief.lead.iter().map(id).collect::<Vec<_>>(), ["s", "e-1"]);
        assert_eq!(id(&brief.headlines[0]), "p", "newest first otherwise");
        assert!(Brief::build(&db(&data("[]"))).lead.is_empty());
    }

    /// A trial found two reports of one week, more than 10,000 firms on 11 October and
    /// nearly 9,000 on 17 October, shown as if they agreed: only the newer was headlined.
    #[test]
    fn reports_of_one_week_that_cannot_both_be_true_disagree() {
        let db = db(r#"{"format": "shuibei/1", "cluster": {"name": "C"},
          "sources": [{"id": "a", "title": "A", "reliability": "high"}, {"id": "b", "title": "B", "reliability": "high"}, {"id": "c", "title": "C", "reliability": "high"}],
          "indicators": [
            {"id": "f-11", "name": "Firms", "metric": "firms", "value": 10000, "qualifier": "more-than", "unit": "enterprises", "as_of": "2025-10-11", "sources": [{"source": "a"}]},
            {"id": "f-17", "name": "Firms", "metric": "firms", "value": 9000, "qualifier": "nearly", "unit": "enterprises", "as_of": "2025-10-17", "sources": [{"source": "b"}]},
            {"id": "f-30", "name": "Firms", "metric": "firms", "value": 12000, "unit": "enterprises", "as_of": "2025-10-30", "sources": [{"source": "c"}]},
            {"id": "d-26", "name": "Debt", "metric": "debt", "value": 13390000000, "unit": "yuan", "as_of": "2026-01-26", "sources": [{"source": "a"}]},
            {"id": "d-28", "name": "Debt", "metric": "debt", "value": 10000000000, "qualifier": "more-than", "unit": "yuan", "as_of": "2026-01-28", "sources": [{"source": "b"}]},
            {"id": "p-1", "name": "Price", "metric": "price", "value": 1200, "unit": "yuan/g", "as_of": "2026-02-01", "sources": [{"source": "a"}]},
            {"id": "p-3", "name": "Price", "metric": "price", "value": 1300, "unit": "yuan/g", "as_of": "2026-02-03", "sources": [{"source": "b"}]},
            {"id": "m-1", "name": "Area", "metric": "area", "value": 100, "unit": "m²", "as_of": "2025-10", "sources": [{"source": "a"}]},
            {"id": "m-2", "name": "Area", "metric": "area", "value": 90, "unit": "m²", "as_of": "2025-10-02", "sources": [{"source": "b"}]},
            {"id": "s-70", "name": "Share", "metric": "share", "value": 70, "qualifier": "more-than", "unit": "%", "as_of": "2017", "sources": [{"source": "a"}]},
            {"id": "s-50", "name": "Share", "metric": "share", "value": 50, "qualifier": "more-than", "unit": "%", "as_of": "2017", "sources": [{"source": "b"}]},
            {"id": "n-a", "name": "Firms", "metric": "sz", "value": 2100, "qualifier": "about", "unit": "enterprises", "as_of": "2008", "sources": [{"source": "a"}]},
            {"id": "n-b", "name": "Firms", "metric": "sz", "value": 2300, "qualifier": "more-than", "unit": "enterprises", "as_of": "2008", "sources": [{"source": "b"}]}]}"#);
        let brief = Brief::build(&db);
        let dates = |q: usize| -> Vec<String> {
            brief
                .question(q)
                .unwrap()
                .conflict_dates
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        // Six days apart and incompatible: both marked; the figure 13 days later stands apart.
        assert_eq!(dates(0), ["2025-10-11", "2025-10-17"]);
        let firms = brief.question(0).unwrap();
        assert!(!firms.conflict_now(&db), "the newest figure is a week later");
        assert!(firms.conflicts(&db, 0) && firms.conflicts(&db, 1) && !firms.conflicts(&db, 2));
        // More than 10 billion two days after 13.39 billion: both can be true.
        assert!(dates(3).is_empty());
        // Prices move from day to day; a month is not a day.
        assert!(dates(5).is_empty());
        assert!(dates(7).is_empty());
        // Of one date: two lower bounds can both be true; about 2,100 and more than 2,300
        // cannot.
        assert!(dates(9).is_empty());
        assert_eq!(dates(11), ["2008"]);
    }

    #[test]
    fn each_tab_says_how_current_it_is() {
        let db = db(DATA);
        let brief = Brief::build(&db);
        let as_of = &brief.as_of;
        let shown = |kind| as_of.of(kind).map(|n| (n.date.to_string(), db.id(n.at).to_owned()));
        assert_eq!(shown(RecordKind::History), Some(("2024-03".into(), "h-new".into())));
        assert_eq!(
            shown(RecordKind::Enterprise),
            Some(("2021-03-17".into(), "e1".into())),
            "a delisting is the newest fact about e1"
        );
        assert_eq!(shown(RecordKind::Brand), Some(("2016".into(), "b1".into())));
        assert_eq!(
            shown(RecordKind::Indicator),
            Some(("2026-02-03".into(), "p-1430".into()))
        );
        assert_eq!(as_of.sources.map(|n| n.date.to_string()), Some("2020-05-01".into()));
        assert_eq!(as_of.overall().map(|d| d.to_string()), Some("2026-02-03".into()));
        let news = as_of
            .events_and_figures()
            .map(|n| (n.date.to_string(), db.id(n.at).to_owned()));
        assert_eq!(news, Some(("2026-02-03".into(), "p-1430".into())));
        let recent: Vec<_> = brief
            .recent
            .iter()
            .map(|i| db.history()[*i as usize].id.to_string())
            .collect();
        assert_eq!(recent, ["h-new", "h-mid", "h-old"]);
        assert_eq!(super::recent(&db, 2).len(), 2);
    }

    #[test]
    fn the_reason_is_the_cite_note_else_the_first_sentence() {
        let db = db(DATA);
        assert_eq!(reason(&db, 1).as_deref(), Some("the Chinese original says 50"));
        assert_eq!(reason(&db, 0).as_deref(), Some("One paper says 70."));
        assert_eq!(reason(&db, 2), None);
    }

    #[test]
    fn a_registry_dated_today_does_not_move_how_far_the_news_reaches() {
        let db = db(r#"{"format": "shuibei/1", "cluster": {"name": "C"},
          "sources": [{"id": "reg", "title": "export.csv", "date": "2026-12-05", "reliability": "medium"}],
          "history": [{"id": "h", "date": "2026-03-18", "title": "Last event"}],
          "enterprises": [{"id": "e", "name": "E", "founded": "2014-06-18",
            "people": [{"name": "张三", "role": "legal representative", "as_of": "2026-12-05"}]}]}"#);
        let as_of = Brief::build(&db).as_of;
        assert_eq!(as_of.overall().map(|d| d.to_string()), Some("2026-12-05".into()));
        let news = as_of
            .events_and_figures()
            .map(|n| (n.date.to_string(), db.id(n.at).to_owned()));
        assert_eq!(news, Some(("2026-03-18".into(), "h".into())));
    }

    #[test]
    fn an_empty_dataset_has_an_empty_brief() {
        let db = db(r#"{"format": "shuibei/1", "cluster": {"name": "C"}}"#);
        let brief = Brief::build(&db);
        assert!(brief.questions.is_empty() && brief.headlines.is_empty() && brief.recent.is_empty());
        assert_eq!(brief.as_of.overall(), None);
        assert_eq!(brief.as_of.events_and_figures(), None);
        assert_eq!(brief.citations.sources(), 0);
    }
}
