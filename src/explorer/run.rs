//! Owns the terminal: given a way to load the dataset and the settings (it knows nothing
//! of the command line), sets the terminal up once nothing more can be refused, runs the
//! event loop, and restores it on every way out (quit, error, panic, SIGTERM, SIGHUP, a
//! terminal that goes away).
//!
//! The dataset loads on a thread from the start. One that arrives within [`QUIET`] (the
//! built-in dataset, most files) opens as if loaded first, and one that fails that fast
//! is reported before the terminal is touched. A larger one gets a loading screen at
//! once: how far the read has got, and a key that quits; keys typed meanwhile are kept
//! for the explorer.
//!
//! Events from the keyboard/mouse thread, the signal thread and background work arrive
//! on one channel; the loop turns them into messages for `App::update` and redraws only
//! when the state changed (no ticking: an idle explorer sends nothing over SSH).
//!
//! A dataset file that changes on disk while it is shown ([`watch`]) is read again in the
//! background, the lists staying usable meanwhile; the new reading replaces the old one
//! (same tab, same search boxes), or, when it does not load, the old one stays and the
//! status line says why. Background work is tagged with the reading it was started for,
//! and work for a reading since replaced is dropped when it arrives.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event as ct;
use crossterm::{execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::data::db::Db;
use crate::env::Env;
use crate::explorer::action::{Action, Msg, Tab};
use crate::explorer::app::Effect;
use crate::explorer::keymap::{Context, Key, Keymap};
use crate::explorer::screen::{self, Screen};
use crate::explorer::term;
use crate::explorer::ui::Theme;
use crate::explorer::ui::loading::{self, Progress};
use crate::explorer::watch::Stamps;
use crate::search::Worker;
use crate::settings::Settings;

mod event;
mod reading;
mod tty;

use event::{Event, load_guarded};
pub use event::{IndexSource, Load, Opener};
use reading::{Dataset, reread, small_brief};

/// How the explorer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit, or the terminal went away.
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP, ...): its number.
    Signalled(i32),
    /// The dataset could not be loaded: the [`Load`]'s caller kept why, to report it
    /// now that the terminal is its own again.
    NotLoaded,
}

/// How long the dataset may take before the loading screen shows: less than a person
/// notices, more than the built-in dataset and ordinary files need.
const QUIET: Duration = Duration::from_millis(150);

/// How often the loading screen redraws its progress.
const TICK: Duration = Duration::from_millis(100);

/// Why the explorer could not run, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExplorerError {
    /// A key override the keymap refuses, worded to be printed as it is.
    #[error("{0}")]
    Keys(String),
    #[error(
        "the explorer needs a terminal (stdin and stdout are not one); for scripts use `shuibei search`, `show` or `export`"
    )]
    NotATerminal,
    /// The terminal failed while `context` was being done.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
}

fn failed(context: &str) -> impl FnOnce(io::Error) -> ExplorerError {
    let context = context.to_owned();
    move |source| ExplorerError::Io { context, source }
}

/// Runs the explorer over the dataset `load` makes until the user quits. Everything that
/// can be refused (a key override, stdin or stdout not being a terminal) is checked
/// before the terminal is touched.
///
/// # Errors
/// A refused key override or a missing terminal before the screen is set up; I/O errors
/// of the terminal after.
pub fn run(open: &Opener, settings: &Settings, env: Env) -> Result<Exit, ExplorerError> {
    let keymap = Keymap::with_overrides(&settings.keys).map_err(ExplorerError::Keys)?;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(ExplorerError::NotATerminal);
    }
    let depth = term::detect(settings.color.value, &env, true);
    let mut theme = screen::theme_for(depth, settings.theme.value);
    theme.hyperlinks = term::hyperlinks(settings.color.value, &env, true);
    // Set-up and the loop stay in this one function: each frame more in a panic's
    // backtrace (RUST_BACKTRACE=1) pushes its message up a 30-line screen (tests/tmux.rs).
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone()).map_err(failed("setting up signal handlers"))?;
    let started = Instant::now();
    let (
        Load {
            name,
            bytes,
            read,
            load,
            watch,
        },
        index,
    ) = open();
    // Before the read: a change during it is noticed too.
    let stamps = Stamps::take(&watch);
    spawn_load(load, tx.clone());
    let early = match rx.recv_timeout(QUIET) {
        Ok(Event::Loaded(Ok(db))) => Some(db),
        Ok(Event::Loaded(Err(_))) => return Ok(Exit::NotLoaded),
        Ok(Event::Signal(signal)) => return Ok(Exit::Signalled(signal)),
        _ => None,
    };
    install_panic_hook();
    let mut term = setup().map_err(|err| {
        restore();
        ExplorerError::Io {
            context: "setting up the terminal".into(),
            source: err,
        }
    })?;
    tty::spawn(tx.clone());
    let (db, typed) = if let Some(db) = early {
        (db, Vec::new())
    } else {
        let shown = Shown {
            name: &name,
            bytes,
            read: &read,
            started,
        };
        match await_load(&mut term, &rx, &keymap, &theme, &shown) {
            Ok(Waited::Loaded(db, typed)) => (db, typed),
            Ok(Waited::Ended(exit)) => {
                restore();
                return Ok(exit);
            }
            Err(err) => {
                restore();
                return Err(err);
            }
        }
    };
    let db = Arc::new(*db);
    let mut dataset = Dataset::start(&db, 0, index, stamps, &tx);
    let result = term
        .size()
        .map_err(failed("reading the terminal size"))
        .and_then(|size| {
            let mut screen = Screen::new(term, db, keymap, theme, env, (size.width, size.height));
            for event in typed {
                screen.input(event);
            }
            // An export still being written when the explorer ends leaves no partial file.
            let mut exporting = None;
            let exit = event_loop(&mut screen, &rx, &tx, open, &mut dataset, &mut exporting);
            if let Some(path) = exporting {
                crate::export::abandon(&path);
            }
            exit
        });
    restore();
    result
}

type Term = Terminal<CrosstermBackend<io::Stdout>>;

fn setup() -> io::Result<Term> {
    terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(
        stdout,
        terminal::EnterAlternateScreen,
        ct::EnableMouseCapture,
        ct::EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(stdout))
}

/// Puts the terminal back as it was. Safe to call more than once, and from a panic.
fn restore() {
    let mut stdout = io::stdout();
    // Each step is attempted even if an earlier one failed: a half-restored terminal is
    // worse than a failed write to a terminal that is already gone.
    let _ = execute!(stdout, ct::DisableBracketedPaste);
    let _ = execute!(stdout, ct::DisableMouseCapture);
    let _ = execute!(stdout, terminal::LeaveAlternateScreen);
    let _ = execute!(stdout, crossterm::cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = stdout.flush();
}

/// Restores the terminal before the default panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Loads the dataset on a thread of its own. A panic there ends the load as a failure
/// (the panic hook has printed it), rather than leaving the loading screen up forever.
fn spawn_load(load: Box<dyn FnOnce() -> Result<Db, String> + Send>, tx: Sender<Event>) {
    thread::spawn(move || {
        let _ = tx.send(Event::Loaded(load_guarded(load)));
    });
}

/// What the loading screen shows.
struct Shown<'a> {
    name: &'a str,
    bytes: Option<u64>,
    read: &'a AtomicU64,
    started: Instant,
}

/// How the wait for the dataset ended.
enum Waited {
    /// Loaded, with the keys and pastes that came meanwhile, in order.
    Loaded(Box<Db>, Vec<ct::Event>),
    /// Ended before it loaded (quit, a signal, a failed load).
    Ended(Exit),
}

/// Shows the loading screen until the dataset arrives or the user quits. The quit key
/// (and Ctrl-C) ends the explorer at once, Ctrl-Z suspends as ever; other keys are kept
/// for the explorer, so typing ahead (`/jin`) is not lost.
fn await_load(
    term: &mut Term,
    rx: &Receiver<Event>,
    keymap: &Keymap,
    theme: &Theme,
    shown: &Shown,
) -> Result<Waited, ExplorerError> {
    let quit = keymap
        .bindings(Context::List, Tab::Overview)
        .find(|b| b.action == Action::Quit)
        .and_then(|b| b.keys.first())
        .map_or_else(|| "Ctrl-C".to_owned(), |k| k.name());
    let mut typed = Vec::new();
    // Time spent suspended (Ctrl-Z) is not time spent loading.
    let mut paused = Duration::ZERO;
    loop {
        let progress = Progress {
            name: shown.name,
            bytes: shown.bytes,
            read: shown.read.load(Ordering::Relaxed),
            elapsed: shown.started.elapsed().saturating_sub(paused),
            quit: &quit,
        };
        term.draw(|frame| loading::render(&progress, theme, frame))
            .map_err(failed("drawing the screen"))?;
        let event = match rx.recv_timeout(TICK) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(Waited::Ended(Exit::Quit)),
        };
        match event {
            Event::Loaded(Ok(db)) => return Ok(Waited::Loaded(db, typed)),
            Event::Loaded(Err(_)) => return Ok(Waited::Ended(Exit::NotLoaded)),
            Event::Terminal(ct::Event::Key(key)) if key.kind == ct::KeyEventKind::Press => {
                let pressed = Key::from_event(key);
                match keymap.action(Context::List, Tab::Overview, pressed) {
                    _ if pressed == Key::ctrl('c') => return Ok(Waited::Ended(Exit::Quit)),
                    Some(Action::Quit) => return Ok(Waited::Ended(Exit::Quit)),
                    Some(Action::Suspend) => {
                        let stopped = Instant::now();
                        restore();
                        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                        paused += stopped.elapsed();
                        *term = setup().map_err(failed("taking the terminal back after fg"))?;
                        // Cleared by a resize to the same area: `Terminal::clear` would ask
                        // the terminal for the cursor, and the answer would arrive as input.
                        let area = term.get_frame().area();
                        term.resize(area).map_err(failed("drawing the screen"))?;
                    }
                    _ => typed.push(ct::Event::Key(key)),
                }
            }
            Event::Terminal(event @ ct::Event::Paste(_)) => typed.push(event),
            Event::Signal(signal) => return Ok(Waited::Ended(Exit::Signalled(signal))),
            Event::TerminalGone => return Ok(Waited::Ended(Exit::Quit)),
            // A resize redraws (the loop draws at the size the terminal has); nothing
            // else runs before the dataset is there.
            _ => {}
        }
    }
}

fn spawn_signals(tx: Sender<Event>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Event::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Debug builds only: F12 panics when `SHUIBEI_DEBUG_PANIC` is set, so a test can prove
/// the terminal is restored on a panic. Release builds have no such key.
fn debug_panic(event: &ct::Event) {
    #[cfg(debug_assertions)]
    if let ct::Event::Key(key) = event
        && key.code == ct::KeyCode::F(12)
        && std::env::var_os("SHUIBEI_DEBUG_PANIC").is_some()
    {
        panic!("deliberate panic (SHUIBEI_DEBUG_PANIC, F12)");
    }
    #[cfg(not(debug_assertions))]
    let _ = event;
}

fn event_loop(
    screen: &mut Screen<CrosstermBackend<io::Stdout>>,
    rx: &Receiver<Event>,
    tx: &Sender<Event>,
    open: &Opener,
    dataset: &mut Dataset,
    exporting: &mut Option<std::path::PathBuf>,
) -> Result<Exit, ExplorerError> {
    // A small dataset's brief is computed here, so the first frame shows it.
    small_brief(screen);
    let mut dirty = true;
    loop {
        if dirty {
            for effect in screen.effects().map_err(failed("writing to the terminal"))? {
                match effect {
                    Effect::Suspend => {
                        // Raw mode swallows Ctrl-Z, so the explorer stops itself: the
                        // terminal goes back to the shell first, and comes back on `fg`.
                        restore();
                        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                        *screen.terminal() = setup().map_err(failed("taking the terminal back after fg"))?;
                    }
                    Effect::Export { rows, path } => {
                        // Off the UI thread: a million rows take seconds (an xlsx, tens).
                        let (db, tx) = (Arc::clone(&screen.app.db), tx.clone());
                        *exporting = Some(path.clone());
                        thread::spawn(move || {
                            // The whole path: a name typed in the prompt is relative to
                            // wherever the explorer was started, which the reader may not recall.
                            let done = crate::export::to_file(&db, &rows, &path, None)
                                .map(|mut written| {
                                    if let Ok(whole) = std::fs::canonicalize(&written.path) {
                                        written.path = whole;
                                    }
                                    written.message()
                                })
                                .map_err(|err| err.short_reason());
                            let _ = tx.send(Event::Exported(done));
                        });
                    }
                    Effect::Sort { tab, key, part } => {
                        let _ = dataset.sorter.send((tab, key, part));
                    }
                    // The screen ran the others.
                    _ => {}
                }
            }
            // The window may have been resized meanwhile (another resize event may be on
            // its way): draw at the size it has now.
            let size = screen.terminal().size().map_err(failed("reading the terminal size"))?;
            screen
                .draw((size.width, size.height))
                .map_err(failed("drawing the screen"))?;
            dirty = false;
        }
        if screen.app.quit {
            return Ok(Exit::Quit);
        }
        let Ok(event) = rx.recv() else {
            return Ok(Exit::Quit);
        };
        match event {
            Event::Terminal(event) => {
                debug_panic(&event);
                dirty |= screen.input(event);
            }
            // Work for a reading of the dataset since replaced is dropped.
            Event::IndexReady(reading, ..)
            | Event::BriefReady(reading, _)
            | Event::Sorted(reading, ..)
            | Event::SortedPart(reading, ..)
            | Event::Search(reading, _)
            | Event::Changed(reading, _)
            | Event::Reloaded(reading, ..)
                if reading != dataset.reading => {}
            Event::IndexReady(reading, index, notices) => {
                let tx = tx.clone();
                let worker = Worker::spawn(Arc::clone(&index), Arc::clone(&screen.app.db), move |done| {
                    let _ = tx.send(Event::Search(reading, done));
                });
                dirty |= screen.index_ready(index, worker);
                if let Some(text) = notices_status(&notices) {
                    dirty |= screen.app.update(Msg::Status(text, false));
                }
            }
            Event::Search(_, done) => dirty |= screen.search_done(done),
            Event::Exported(done) => {
                *exporting = None;
                dirty |= screen.app.update(Msg::Exported(done));
            }
            Event::BriefReady(_, brief) => dirty |= screen.app.update(Msg::BriefReady(brief)),
            Event::Sorted(_, tab, key, rows) => dirty |= screen.app.update(Msg::Sorted { tab, key, rows }),
            Event::SortedPart(_, tab, key, rows) => dirty |= screen.app.update(Msg::SortedPart { tab, key, rows }),
            event @ (Event::Changed(..) | Event::Reloaded(..)) => dirty |= reread(screen, event, open, dataset, tx),
            Event::TerminalGone => return Ok(Exit::Quit),
            Event::Signal(signal) => return Ok(Exit::Signalled(signal)),
            // The dataset came before the loop began; nothing sends it twice.
            Event::Loaded(_) => {}
        }
    }
}

/// What the status line says of the notices of a load: one whole; of several, how many
/// and the first (joined, two layers' near misses took four lines, cut mid-sentence, and
/// went at the first key). All of them are printed on stderr when the explorer quits.
fn notices_status(notices: &[String]) -> Option<String> {
    let plain = |n: &String| n.strip_prefix("shuibei: ").unwrap_or(n).to_owned();
    match notices {
        [] => None,
        [one] => Some(plain(one)),
        [first, ..] => Some(format!(
            "{} notices, all printed when you quit; the first: {}",
            notices.len(),
            plain(first)
                .strip_prefix("notice: ")
                .map_or_else(|| plain(first), str::to_owned)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::notices_status;

    #[test]
    fn one_notice_whole_several_counted_with_the_first() {
        assert_eq!(notices_status(&[]), None);
        let one = "shuibei: the index cache is truncated; rebuilt it (/c/x.idx)".to_owned();
        assert_eq!(
            notices_status(std::slice::from_ref(&one)).as_deref(),
            Some("the index cache is truncated; rebuilt it (/c/x.idx)")
        );
        let near = "shuibei: notice: a.json: x (星光达) may be xingguangda below; kept apart".to_owned();
        assert_eq!(
            notices_status(&[near, one]).as_deref(),
            Some(
                "2 notices, all printed when you quit; the first: a.json: x (星光达) may be xingguangda below; kept apart"
            )
        );
    }
}
