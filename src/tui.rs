//! Owns the terminal: sets it up after everything that can fail has been loaded, runs
//! the event loop, and restores it on every way out (quit, error, panic, SIGTERM,
//! SIGHUP, a terminal that goes away).
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

use crate::app::action::{Mouse, Msg};
use crate::app::{App, Effect};
use crate::cli::{Cli, CliError, ColorChoice, Outcome, ThemeChoice, load_db};
use crate::db::Db;
use crate::keymap::{Key, Keymap};
use crate::ui::{self, Theme, theme::Palette};

/// Everything the loop can be woken by.
enum Event {
    Terminal(ct::Event),
    /// Reading the terminal failed: it is gone (a dropped SSH connection, a closed pty).
    TerminalGone,
    Signal(i32),
}

/// Loads the data, then runs the explorer until the user quits.
///
/// # Errors
/// Data and usage errors before the terminal is touched; I/O errors of the terminal.
pub fn explore(cli: &Cli) -> Result<Outcome, CliError> {
    let db = Arc::new(load_db(cli.data.as_deref())?);
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "the explorer needs a terminal (stdin and stdout are not one); for scripts use `shuibei search`, `show` or `export`".into(),
        ));
    }
    let theme = Theme::new(palette(cli));
    let keymap = Keymap::default();
    run(db, keymap, &theme)
}

/// The palette from the flags and environment: `NO_COLOR` or `--color never` mean none.
fn palette(cli: &Cli) -> Palette {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match cli.color {
        Some(ColorChoice::Never) => return Palette::Mono,
        Some(ColorChoice::Auto) | None if no_color => return Palette::Mono,
        Some(ColorChoice::Auto) | None if std::env::var("TERM").is_ok_and(|t| t == "dumb") => return Palette::Mono,
        _ => {}
    }
    match cli.theme {
        Some(ThemeChoice::Light) => Palette::Light,
        _ => Palette::Dark,
    }
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

fn run(db: Arc<Db>, keymap: Keymap, theme: &Theme) -> Result<Outcome, CliError> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone()).map_err(CliError::io("setting up signal handlers"))?;
    install_panic_hook();
    let mut term = setup().map_err(|err| {
        restore();
        CliError::Io {
            context: "setting up the terminal".into(),
            source: err,
        }
    })?;
    spawn_input(tx);
    let result = event_loop(&mut term, &rx, db, keymap, theme);
    restore();
    result
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

fn event_loop(
    term: &mut Term,
    rx: &Receiver<Event>,
    db: Arc<Db>,
    keymap: Keymap,
    theme: &Theme,
) -> Result<Outcome, CliError> {
    let size = term.size().map_err(CliError::io("reading the terminal size"))?;
    let mut app = App::new(db, keymap, (size.width, size.height));
    let mut dirty = true;
    loop {
        if dirty {
            for effect in app.effects.drain(..) {
                match effect {
                    Effect::RedrawAll => term.clear().map_err(CliError::io("clearing the terminal"))?,
                }
            }
            draw(term, &app, theme).map_err(CliError::io("drawing the screen"))?;
            dirty = false;
        }
        if app.quit {
            return Ok(Outcome::Done);
        }
        let Ok(event) = rx.recv() else {
            return Ok(Outcome::Done);
        };
        match event {
            Event::Terminal(event) => {
                debug_panic(&event);
                if let Some(msg) = message(event, &app) {
                    dirty |= app.update(msg);
                }
            }
            Event::TerminalGone => return Ok(Outcome::Done),
            Event::Signal(signal) => return Ok(Outcome::Signalled(signal)),
        }
    }
}
