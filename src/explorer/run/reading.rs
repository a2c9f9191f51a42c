//! One reading of the dataset and the work that runs for it off the UI thread: its
//! search index, its brief, its sorter, the watch on its files, and reading it again when
//! they change. Everything here sends its results to the loop tagged with the reading it
//! was started for.

use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;

use ratatui::backend::CrosstermBackend;

use super::event::{Event, IndexSource, Opener, Reading, load_guarded};
use crate::data::brief::Brief;
use crate::data::db::Db;
use crate::explorer::action::{Msg, Tab};
use crate::explorer::app::order;
use crate::explorer::screen::Screen;
use crate::explorer::watch::{self, Stamps, Watcher};

/// What runs for one reading of the dataset: its sorting thread and its files' watcher.
/// Replaced whole when the dataset is read again; dropping it stops both.
pub(super) struct Dataset {
    pub(super) reading: Reading,
    pub(super) sorter: Sender<SortJob>,
    watcher: Watcher,
    /// Whether the dataset is being read again (one reload at a time).
    reloading: bool,
}

impl Dataset {
    /// Starts the background work of reading `reading` of the dataset: its brief, its
    /// index, its sorter, and the watch on its files from `stamps`.
    pub(super) fn start(
        db: &Arc<Db>,
        reading: Reading,
        index: IndexSource,
        stamps: Stamps,
        tx: &Sender<Event>,
    ) -> Dataset {
        if !small(db) {
            spawn_brief(db, reading, tx.clone());
        }
        spawn_index(db, reading, index, tx.clone());
        Dataset {
            reading,
            sorter: spawn_sorter(db, reading, tx.clone()),
            watcher: watch_files(stamps, reading, tx),
            reloading: false,
        }
    }
}

/// Watches the files of `stamps`, telling the loop when one changed.
fn watch_files(stamps: Stamps, reading: Reading, tx: &Sender<Event>) -> Watcher {
    let tx = tx.clone();
    watch::spawn(stamps, watch::EVERY, move |name| {
        let _ = tx.send(Event::Changed(reading, name));
    })
}

/// Reads the dataset again off the UI thread (opening it afresh: a new cache ticket, new
/// stamps), and sends what came of it.
fn spawn_reload(open: &Opener, reading: Reading, name: String, tx: &Sender<Event>) {
    let (open, tx) = (Arc::clone(open), tx.clone());
    thread::spawn(move || {
        let (load, index) = open();
        let stamps = Stamps::take(&load.watch);
        let db = load_guarded(load.load);
        let _ = tx.send(Event::Reloaded(reading, db, stamps, index, name));
    });
}

/// Makes the search index off the UI thread: a million records take a moment, and the
/// explorer is usable (browsing, filters) meanwhile.
fn spawn_index(db: &Arc<Db>, reading: Reading, index: IndexSource, tx: Sender<Event>) {
    let db = Arc::clone(db);
    thread::spawn(move || {
        let (index, notices) = index(&db);
        let _ = tx.send(Event::IndexReady(reading, Arc::new(index), notices));
    });
}

/// Whether a dataset is small enough that its brief costs less than a frame (a few
/// milliseconds): computed before the first frame, so the Overview is whole at once.
pub(super) fn small(db: &Db) -> bool {
    let records: usize = crate::data::model::RecordKind::ALL.iter().map(|k| db.len(*k)).sum();
    records + db.sources().len() <= 100_000
}

/// Computes the brief of a large dataset off the UI thread, once: the first frame never
/// waits for it (the Overview says it is counting), and no frame computes it.
fn spawn_brief(db: &Arc<Db>, reading: Reading, tx: Sender<Event>) {
    let db = Arc::clone(db);
    thread::spawn(move || {
        let brief = Arc::new(Brief::build(&db));
        let _ = tx.send(Event::BriefReady(reading, brief));
    });
}

/// Sorts all of a tab's records by a column (`order::whole`) off the UI thread, one job at a
/// time, the latest request first: requests that queued behind it are answered `None`
/// (the views still waiting for them ask again), so keys pressed in a row cost one sort.
/// A sort for the sorting thread: a tab, a column and direction, and the rows shown
/// when they are a part of the tab.
pub(super) type SortJob = (Tab, order::Key, Option<order::Sorted>);

fn spawn_sorter(db: &Arc<Db>, reading: Reading, tx: Sender<Event>) -> Sender<SortJob> {
    let db = Arc::clone(db);
    let (jobs, queue) = mpsc::channel::<SortJob>();
    thread::spawn(move || {
        while let Ok(mut job) = queue.recv() {
            while let Ok(later) = queue.try_recv() {
                if tx.send(Event::Sorted(reading, job.0, job.1, None)).is_err() {
                    return;
                }
                job = later;
            }
            let (tab, key, part) = job;
            // The rows on screen first: a filter's 81,000 rows of a million sort in a
            // tenth of the time the million take.
            if let Some(part) = part {
                let rows = Arc::new(order::by_column(&db, None, tab, key, part.to_vec()));
                if tx.send(Event::SortedPart(reading, tab, key, rows)).is_err() {
                    return;
                }
            }
            let rows = Arc::new(order::whole(&db, tab, key));
            if tx.send(Event::Sorted(reading, tab, key, Some(rows))).is_err() {
                return;
            }
        }
    });
    jobs
}

/// A file of the dataset changed on disk ([`Event::Changed`]): read it again in the
/// background; it was read ([`Event::Reloaded`]): show the new reading, or say why it
/// does not load and keep the one shown. Returns whether to redraw.
pub(super) fn reread(
    screen: &mut Screen<CrosstermBackend<std::io::Stdout>>,
    event: Event,
    open: &Opener,
    dataset: &mut Dataset,
    tx: &Sender<Event>,
) -> bool {
    match event {
        Event::Changed(reading, name) if !dataset.reloading => {
            dataset.reloading = true;
            spawn_reload(open, reading, name.clone(), tx);
            let text = format!("{name} changed on disk: reading it again (this stays usable meanwhile)");
            return screen.app.update(Msg::Status(text, false));
        }
        Event::Reloaded(reading, Ok(db), stamps, index, name) => {
            let db = Arc::new(*db);
            let records: usize = crate::data::model::RecordKind::ALL.iter().map(|k| db.len(*k)).sum();
            *dataset = Dataset::start(&db, reading + 1, index, stamps, tx);
            let lost = screen.reopen(&db);
            small_brief(screen);
            let text = format!(
                "{name} changed on disk: read again ({} records){}",
                crate::data::present::count(records),
                lost.map(|lost| format!("; {lost}")).unwrap_or_default()
            );
            screen.app.update(Msg::Status(text, false));
            return true;
        }
        Event::Reloaded(reading, Err(why), stamps, _, name) => {
            // The reading shown stays; a later change (the file fixed) is read again.
            dataset.reloading = false;
            let gone = stamps.gone(&name);
            dataset.watcher = watch_files(stamps, reading, tx);
            return screen.app.update(Msg::Unreadable { file: name, why, gone });
        }
        _ => {}
    }
    false
}

/// A small dataset's brief, computed on the spot so the next frame shows it whole.
pub(super) fn small_brief(screen: &mut Screen<CrosstermBackend<std::io::Stdout>>) {
    if small(&screen.app.db) {
        let brief = Arc::new(Brief::build(&screen.app.db));
        screen.app.update(Msg::BriefReady(brief));
    }
}
