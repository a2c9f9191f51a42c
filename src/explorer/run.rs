//! Owns the terminal: given a loaded dataset and the settings (it knows nothing of the
//! command line), sets the terminal up once nothing more can be refused, runs the event
//! loop, and restores it on every way out (quit, error, panic, SIGTERM, SIGHUP, a
//! terminal that goes away).
//!
//! Events from the keyboard/mouse thread, the signal thread and background work arrive
//! on one channel; the loop turns them into messages for `App::update` and redraws only
//! when the state changed (no ticking: an idle explorer sends nothing over SSH).

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crossterm::event::{self as ct, KeyEventKind, MouseButton, MouseEventKind};
use crossterm::{execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::data::brief::Brief;
use crate::data::db::Db;
use crate::env::Env;
use crate::explorer::action::{Mouse, Msg};
use crate::explorer::app::{App, Effect};
use crate::explorer::keymap::{Key, Keymap};
use crate::explorer::term::{self, ColorDepth};
use crate::explorer::ui::{self, Theme, theme::Palette};
use crate::search::{Done, Index, Worker};
use crate::settings::{Settings, ThemeChoice};

/// Everything the loop can be woken by.
enum Event {
    Terminal(ct::Event),
    /// The search index finished building.
    IndexReady(Arc<Index>),
    /// The brief (Overview, conflicts, who cites each source) is computed.
    BriefReady(Arc<Brief>),
    /// The search worker answered.
    Search(Done),
    /// Reading the terminal failed: it is gone (a dropped SSH connection, a closed pty).
    TerminalGone,
    Signal(i32),
}

/// How the explorer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit, or the terminal went away.
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP, ...): its number.
    Signalled(i32),
}

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

/// Runs the explorer over `db` until the user quits. Everything that can be refused (a
/// key override, stdin or stdout not being a terminal) is checked before the terminal
/// is touched.
///
/// # Errors
/// A refused key override or a missing terminal before the screen is set up; I/O errors
/// of the terminal after.
pub fn run(db: Db, settings: &Settings, env: Env) -> Result<Exit, ExplorerError> {
    let keymap = Keymap::with_overrides(&settings.keys).map_err(ExplorerError::Keys)?;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(ExplorerError::NotATerminal);
    }
    let depth = term::detect(settings.color.value, &env, true);
    let palette = match (depth, settings.theme.value) {
        (ColorDepth::None, _) => Palette::Mono,
        (_, ThemeChoice::Light) => Palette::Light,
        (_, ThemeChoice::Dark) => Palette::Dark,
    };
    let mut theme = Theme::new(palette);
    theme.hyperlinks = term::hyperlinks(settings.color.value, &env, true);
    let db = Arc::new(db);
    // Set-up and the loop stay in this one function: each frame more in a panic's
    // backtrace (RUST_BACKTRACE=1) pushes its message up a 30-line screen (tests/tmux.rs).
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone()).map_err(failed("setting up signal handlers"))?;
    install_panic_hook();
    let mut term = setup().map_err(|err| {
        restore();
        ExplorerError::Io {
            context: "setting up the terminal".into(),
            source: err,
        }
    })?;
    spawn_input(tx.clone());
    if !small(&db) {
        spawn_brief(&db, tx.clone());
    }
    spawn_index(&db, tx.clone());
    let result = event_loop(&mut term, &rx, &tx, db, keymap, &theme, env);
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

/// Clears the screen and forgets what was drawn, so the next frame is drawn in full.
/// (ratatui's `Terminal::clear` asks the terminal for the cursor position, and the
/// answer would be read by the input thread instead.)
fn redraw_all(term: &mut Term) -> io::Result<()> {
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
    *term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// Restores the terminal before the default panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn spawn_input(tx: Sender<Event>) {
    thread::spawn(move || {
        loop {
            let Ok(event) = ct::read() else {
                let _ = tx.send(Event::TerminalGone);
                return;
            };
            if tx.send(Event::Terminal(event)).is_err() {
                return;
            }
        }
    });
}

/// Builds the search index off the UI thread: a million records take a moment, and the
/// explorer is usable (browsing, filters) meanwhile.
fn spawn_index(db: &Arc<Db>, tx: Sender<Event>) {
    let db = Arc::clone(db);
    thread::spawn(move || {
        let index = Arc::new(Index::build(&db));
        let _ = tx.send(Event::IndexReady(index));
    });
}

/// Whether a dataset is small enough that its brief costs less than a frame (a few
/// milliseconds): computed before the first frame, so the Overview is whole at once.
fn small(db: &Db) -> bool {
    let records: usize = crate::data::model::RecordKind::ALL.iter().map(|k| db.len(*k)).sum();
    records + db.sources().len() <= 100_000
}

/// Computes the brief of a large dataset off the UI thread, once: the first frame never
/// waits for it (the Overview says it is counting), and no frame computes it.
fn spawn_brief(db: &Arc<Db>, tx: Sender<Event>) {
    let db = Arc::clone(db);
    thread::spawn(move || {
        let brief = Arc::new(Brief::build(&db));
        let _ = tx.send(Event::BriefReady(brief));
    });
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

fn draw(term: &mut Term, app: &App, theme: &Theme) -> io::Result<()> {
    // Synchronized output: the terminal shows the whole frame at once (no tearing over
    // slow links); terminals that do not know the sequence ignore it.
    execute!(io::stdout(), terminal::BeginSynchronizedUpdate)?;
    term.draw(|frame| ui::render(app, theme, frame))?;
    execute!(io::stdout(), terminal::EndSynchronizedUpdate)
}

fn message(event: ct::Event, app: &App) -> Option<Msg> {
    match event {
        ct::Event::Key(key) if key.kind == KeyEventKind::Press => app.key_message(Key::from_event(key)),
        ct::Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Msg::Mouse(Mouse::Click { column, row })),
                MouseEventKind::ScrollUp => Some(Msg::Mouse(Mouse::ScrollUp { column, row })),
                MouseEventKind::ScrollDown => Some(Msg::Mouse(Mouse::ScrollDown { column, row })),
                _ => None,
            }
        }
        ct::Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        ct::Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
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

#[allow(clippy::too_many_lines)] // the loop and its dispatch read best together
fn event_loop(
    term: &mut Term,
    rx: &Receiver<Event>,
    tx: &Sender<Event>,
    db: Arc<Db>,
    keymap: Keymap,
    theme: &Theme,
    env: Env,
) -> Result<Exit, ExplorerError> {
    let size = term.size().map_err(failed("reading the terminal size"))?;
    let mut app = App::new(db, keymap, (size.width, size.height));
    app.env = env;
    if small(&app.db) {
        app.update(Msg::BriefReady(Arc::new(Brief::build(&app.db))));
    }
    let mut worker: Option<Worker> = None;
    let mut dirty = true;
    loop {
        if dirty {
            let effects: Vec<Effect> = app.effects.drain(..).collect();
            for effect in effects {
                match effect {
                    Effect::RedrawAll => redraw_all(term).map_err(failed("clearing the terminal"))?,
                    Effect::Suspend => {
                        // Raw mode swallows Ctrl-Z, so the explorer stops itself: the
                        // terminal goes back to the shell first, and comes back on `fg`.
                        restore();
                        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                        *term = setup().map_err(failed("taking the terminal back after fg"))?;
                        // The window may have been resized meanwhile.
                        let size = term.size().map_err(failed("reading the terminal size"))?;
                        app.update(Msg::Resize(size.width, size.height));
                    }
                    Effect::Write(bytes) => {
                        let mut stdout = io::stdout();
                        stdout
                            .write_all(&bytes)
                            .and_then(|()| stdout.flush())
                            .map_err(failed("writing to the terminal"))?;
                    }
                    Effect::Search { scope, query } => {
                        // Before the index is built there is no worker; the app asks again
                        // when it hears the index is ready.
                        if let Some(worker) = &worker {
                            let _ = worker.request(scope, query);
                        }
                    }
                    Effect::Export { rows, path } => {
                        let status = match crate::export::to_file(&app.db, &rows, &path, None) {
                            Ok(written) => Msg::Status(written.message(), false),
                            Err(err) => {
                                Msg::Status(format!("not exported: {err}; press e and give another file name"), true)
                            }
                        };
                        app.update(status);
                    }
                }
            }
            // The state follows the terminal's size as it is now, not as the last resize
            // event said (another may be on its way): the frame and the layout agree.
            let size = term.size().map_err(failed("reading the terminal size"))?;
            if (size.width, size.height) != app.size {
                app.update(Msg::Resize(size.width, size.height));
            }
            draw(term, &app, theme).map_err(failed("drawing the screen"))?;
            dirty = false;
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        let Ok(event) = rx.recv() else {
            return Ok(Exit::Quit);
        };
        match event {
            Event::Terminal(event) => {
                debug_panic(&event);
                if let Some(msg) = message(event, &app) {
                    dirty |= app.update(msg);
                }
            }
            Event::IndexReady(index) => {
                let tx = tx.clone();
                worker = Some(Worker::spawn(Arc::clone(&index), Arc::clone(&app.db), move |done| {
                    let _ = tx.send(Event::Search(done));
                }));
                dirty |= app.update(Msg::IndexReady(index));
            }
            Event::Search(done) => dirty |= app.update(Msg::SearchDone(done)),
            Event::BriefReady(brief) => dirty |= app.update(Msg::BriefReady(brief)),
            Event::TerminalGone => return Ok(Exit::Quit),
            Event::Signal(signal) => return Ok(Exit::Signalled(signal)),
        }
    }
}
