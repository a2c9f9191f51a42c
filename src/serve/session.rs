//! One explorer for one SSH session: a thread of its own running the same
//! [`Screen`](crate::explorer::screen::Screen) the local explorer runs, over the shared
//! dataset and index, fed by the bytes the client types and drawing into a buffer that a
//! writer task sends to the channel.
//!
//! - Backpressure: at most two frames at a time are on their way. Until the writer says
//!   one went out (the SSH window lets it through only as fast as the client reads), the
//!   session draws nothing more and holds input back (up to [`INPUT_HELD`]); so a client
//!   that stops reading slows only its own session, and the server's memory for it stays
//!   bounded.
//! - Isolation: the thread catches a panic of its explorer, puts the client's terminal
//!   back and closes the channel with a message; other sessions never notice.
//! - Endings: the user quits (`q`), the client goes away, the session is idle for the
//!   idle timeout, or the server stops; each ends with the client's terminal restored and,
//!   but for quitting, a line saying why.

use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self as ct, KeyEventKind};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelWriteHalf;
use russh::server::Msg as ServerMsg;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::backend::SessionBackend;
use super::shared::{ConnState, Event, Phase, Shared};
use crate::env::Env;
use crate::explorer::action::{Action, Msg};
use crate::explorer::app::{Effect, order};
use crate::explorer::decode::{Decoder, ESC_WAIT};
use crate::explorer::keymap::Key;
use crate::explorer::screen::{self, Screen};
use crate::explorer::term;
use crate::search::Worker;

/// Input kept while frames wait to go out; beyond it, keys are dropped (no person types
/// 64 KB ahead of their screen).
pub const INPUT_HELD: usize = 64 * 1024;

/// Frames on their way at once. Two: the frame of the next key is drawn while the last one
/// is still being written (no wait on the writer in the common case), and a client that
/// stops reading holds at most two frames of the server's memory.
const IN_FLIGHT: usize = 2;

/// How long a frame waits for the answer of the search its key started. The pool answers
/// a search of the shipped data in well under a millisecond, so the key's echo and its
/// results go out as one frame instead of two: half the drawing per key typed, which is
/// most of a session's work. A slower search (a big dataset, a busy pool) shows the echo
/// after this wait, then its results when they come.
const SEARCH_WAIT: Duration = Duration::from_millis(15);

/// The largest terminal drawn: a bigger pty is drawn in its top-left corner. It bounds the
/// memory a session's screen buffers take (two buffers of cells).
pub const MAX_COLUMNS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// Before anything is drawn: the alternate screen, cleared, cursor hidden, mouse clicks and
/// wheel reported in SGR form (no motion: it would flood the link), bracketed paste.
const SETUP: &[u8] = b"\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l\x1b[?1000h\x1b[?1006h\x1b[?2004h";
/// Undoes [`SETUP`] and resets colours: the client's terminal as it was. The alternate
/// screen is cleared before it is left: tmux keeps its rows beyond the size the window had
/// when it was entered, so a window made bigger meanwhile would show the explorer's
/// leftovers under the shell prompt.
const RESTORE: &[u8] = b"\x1b[?2004l\x1b[?1006l\x1b[?1000l\x1b[0m\x1b[H\x1b[2J\x1b[?25h\x1b[?1049l";

/// For the writer task: a frame, or the last bytes and the exit status before closing.
enum Out {
    Frame(Vec<u8>),
    End { bytes: Vec<u8>, status: u32 },
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Quit,
    ClientClosed,
    Idle(Duration),
    Shutdown,
    Failed(String),
}

impl Ending {
    /// The words for the log.
    fn log(&self) -> String {
        match self {
            Ending::Quit => "quit".to_owned(),
            Ending::ClientClosed => "client closed the session".to_owned(),
            Ending::Idle(after) => format!("idle for {}", super::log::duration(*after)),
            Ending::Shutdown => "server stopped".to_owned(),
            Ending::Failed(why) => format!("session failed: {why}"),
        }
    }

    /// The line shown on the client's restored terminal, if any.
    fn notice(&self) -> Option<String> {
        match self {
            Ending::Quit | Ending::ClientClosed => None,
            Ending::Idle(after) => Some(format!(
                "shuibei serve: closed after {} without a key pressed; connect again to go on",
                super::log::duration(*after)
            )),
            Ending::Shutdown => Some("shuibei serve: the server is stopping; connect again later".to_owned()),
            Ending::Failed(_) => Some(
                "shuibei serve: this session hit an internal error and was closed (the server goes on); connect again"
                    .to_owned(),
            ),
        }
    }

    /// The exit status the client's ssh exits with.
    fn status(&self) -> u32 {
        match self {
            Ending::Quit | Ending::ClientClosed => 0,
            Ending::Idle(_) | Ending::Shutdown => 1,
            Ending::Failed(_) => 70,
        }
    }
}

/// What the client asked for before its shell: the terminal type and size, and the
/// accepted environment.
#[derive(Debug, Clone)]
pub struct Spec {
    pub size: (u16, u16),
    pub env: Env,
}

/// A pty size as drawn: zero (unknown) means 80×24, and sizes are capped.
#[must_use]
pub fn clamp_size(columns: u32, rows: u32) -> (u16, u16) {
    let fit = |n: u32, default: u16, max: u16| {
        if n == 0 {
            default
        } else {
            u16::try_from(n).unwrap_or(max).min(max)
        }
    };
    (fit(columns, 80, MAX_COLUMNS), fit(rows, 24, MAX_ROWS))
}

/// Starts the session's thread and its writer task (on the current tokio runtime).
/// Returns where to send its events.
///
/// # Errors
/// The OS could not start a thread.
pub fn spawn(
    shared: Arc<Shared>,
    conn: Arc<ConnState>,
    spec: Spec,
    channel: ChannelWriteHalf<ServerMsg>,
) -> io::Result<Sender<Event>> {
    let (tx, rx) = mpsc::channel();
    let (out_tx, out_rx) = unbounded_channel();
    tokio::spawn(write_out(channel, out_rx, tx.clone(), Arc::clone(&conn)));
    let id = shared.register(tx.clone());
    let events = tx.clone();
    std::thread::Builder::new()
        .name("shuibei-session".into())
        .spawn(move || {
            let run = panic::catch_unwind(AssertUnwindSafe(|| run(&shared, &spec, &rx, &tx, &out_tx)));
            let ending = match run {
                Ok(Ok(ending)) => ending,
                Ok(Err(err)) => Ending::Failed(err.to_string()),
                Err(payload) => Ending::Failed(panic_text(payload.as_ref())),
            };
            shared.unregister(id);
            conn.end(&ending.log());
            let mut bytes = RESTORE.to_vec();
            if let Some(notice) = ending.notice() {
                bytes.extend_from_slice(format!("{notice}\r\n").as_bytes());
            }
            let _ = out_tx.send(Out::End {
                bytes,
                status: ending.status(),
            });
            conn.advance(Phase::Ended);
        })?;
    Ok(events)
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned());
    format!("panic: {text}")
}

/// Sends what the session drew, one frame at a time, as fast as the SSH window allows.
async fn write_out(
    channel: ChannelWriteHalf<ServerMsg>,
    mut frames: UnboundedReceiver<Out>,
    events: Sender<Event>,
    conn: Arc<ConnState>,
) {
    while let Some(out) = frames.recv().await {
        match out {
            Out::Frame(bytes) => {
                if channel.data_bytes(bytes).await.is_err() {
                    break;
                }
                let _ = events.send(Event::Flushed);
            }
            Out::End { bytes, status } => {
                let _ = channel.data_bytes(bytes).await;
                let _ = channel.exit_status(status).await;
                let _ = channel.eof().await;
                let _ = channel.close().await;
                break;
            }
        }
    }
    conn.advance(Phase::Closed);
}

type Explorer = Screen<SessionBackend>;

/// The session's explorer: the same screen the local explorer runs, drawing into a
/// buffer at the pty's size, its searches on the shared pool.
fn open(shared: &Shared, spec: &Spec, tx: &Sender<Event>) -> io::Result<Explorer> {
    let size = spec.size;
    let depth = term::detect(shared.color, &spec.env, true);
    let mut theme = screen::theme_for(depth, shared.theme);
    // Hyperlinks by the client's TERM, the one variable that tells its terminal.
    theme.hyperlinks = term::hyperlinks(shared.color, &spec.env, true);
    let area = Rect::new(0, 0, size.0, size.1);
    let mut backend = SessionBackend::new(size.0, size.1);
    backend.write_all(SETUP)?;
    let term = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    let db = Arc::clone(&shared.db);
    let mut screen = Screen::new(
        term,
        Arc::clone(&db),
        shared.keymap.clone(),
        theme,
        spec.env.clone(),
        size,
    );
    let notify = tx.clone();
    let worker = Worker::spawn_on(Arc::clone(&shared.pool), Arc::clone(&shared.index), db, move |done| {
        let _ = notify.send(Event::Search(done));
    });
    screen.index_ready(Arc::clone(&shared.index), worker);
    screen.app.update(Msg::BriefReady(Arc::clone(&shared.brief)));
    Ok(screen)
}

/// The session's loop; returns how it ended.
fn run(
    shared: &Shared,
    spec: &Spec,
    rx: &Receiver<Event>,
    tx: &Sender<Event>,
    out: &UnboundedSender<Out>,
) -> io::Result<Ending> {
    let mut size = spec.size;
    let mut screen = open(shared, spec, tx)?;
    let idle = shared.options.idle_timeout;
    let mut decoder = Decoder::new();
    let mut held: Vec<u8> = Vec::new();
    let mut last_key = Instant::now();
    let mut escape_since: Option<Instant> = None;
    let mut dirty = true;
    // Frames handed to the writer and not yet out.
    let mut in_flight = 0usize;
    // A search was asked for: the frame waits for its answer until then.
    let mut awaiting: Option<Instant> = None;
    loop {
        if in_flight < IN_FLIGHT {
            if !held.is_empty() {
                let bytes = std::mem::take(&mut held);
                dirty |= feed(&mut screen, &mut decoder, &bytes, shared.options.debug_panic);
            }
            if decoder.escape_pending() {
                let since = *escape_since.get_or_insert_with(Instant::now);
                if since.elapsed() >= ESC_WAIT {
                    dirty |= events_in(&mut screen, decoder.flush(), shared.options.debug_panic);
                    escape_since = None;
                }
            } else {
                escape_since = None;
            }
            if dirty && awaiting.is_none() && effects(&mut screen)? {
                awaiting = Some(Instant::now() + SEARCH_WAIT);
            }
            if awaiting.is_some_and(|until| Instant::now() >= until) {
                awaiting = None;
            }
            if dirty && awaiting.is_none() {
                draw(&mut screen, size)?;
                let bytes = screen.terminal().backend_mut().take();
                if !bytes.is_empty() {
                    if out.send(Out::Frame(bytes)).is_err() {
                        return Ok(Ending::ClientClosed);
                    }
                    in_flight += 1;
                }
                dirty = false;
            }
        }
        if screen.app.quit {
            return Ok(Ending::Quit);
        }
        let now = Instant::now();
        let mut wait = if idle.is_zero() {
            Duration::from_hours(1)
        } else {
            (last_key + idle).saturating_duration_since(now)
        };
        if let (Some(since), true) = (escape_since, in_flight < IN_FLIGHT) {
            wait = wait.min((since + ESC_WAIT).saturating_duration_since(now));
        }
        if let Some(until) = awaiting {
            wait = wait.min(until.saturating_duration_since(now));
        }
        match rx.recv_timeout(wait) {
            Ok(Event::Input(bytes)) => {
                last_key = Instant::now();
                if in_flight >= IN_FLIGHT {
                    let room = INPUT_HELD.saturating_sub(held.len());
                    held.extend_from_slice(&bytes[..bytes.len().min(room)]);
                } else {
                    dirty |= feed(&mut screen, &mut decoder, &bytes, shared.options.debug_panic);
                }
            }
            Ok(Event::Resize(columns, rows)) => {
                size = clamp_size(columns, rows);
                screen.terminal().backend_mut().set_size(size.0, size.1);
                dirty = true;
            }
            Ok(Event::Search(done)) => {
                dirty |= screen.search_done(done);
                awaiting = None;
            }
            Ok(Event::Flushed) => in_flight = in_flight.saturating_sub(1),
            Ok(Event::Closed) | Err(RecvTimeoutError::Disconnected) => return Ok(Ending::ClientClosed),
            Ok(Event::Shutdown) => return Ok(Ending::Shutdown),
            Err(RecvTimeoutError::Timeout) => {
                if !idle.is_zero() && last_key.elapsed() >= idle {
                    return Ok(Ending::Idle(idle));
                }
            }
        }
    }
}

/// Runs the state's effects and draws.
fn draw(screen: &mut Explorer, size: (u16, u16)) -> io::Result<()> {
    effects(screen)?;
    screen.draw(size)
}

/// Runs the state's effects; returns whether they asked for a search. Suspending and
/// exporting belong to a local terminal and a local disk: here each answers with a status
/// instead.
fn effects(screen: &mut Explorer) -> io::Result<bool> {
    let search = screen
        .app
        .effects
        .iter()
        .any(|effect| matches!(effect, Effect::Search { .. }));
    for effect in screen.effects()? {
        match effect {
            Effect::Suspend => {
                screen.app.update(refusal(Action::Suspend));
            }
            Effect::Export { .. } => {
                // The prompt waits for the export's answer: close it, then say why.
                screen.app.update(Msg::Action(Action::Cancel));
                screen.app.update(refusal(Action::Export));
            }
            Effect::Sort { tab, key, .. } => {
                // On this session's thread, as sorts always were here: a session
                // spawning sorts of a million rows would let one client load the
                // server's every core.
                let rows = Arc::new(order::whole(&screen.app.db, tab, key));
                screen.app.update(Msg::Sorted {
                    tab,
                    key,
                    rows: Some(rows),
                });
            }
            _ => {}
        }
    }
    Ok(search)
}

/// The status that stands in for an action this server does not do.
fn refusal(action: Action) -> Msg {
    let text = match action {
        Action::Export => {
            "export is off here: the file would be written on the server, not your machine; y copies the name, Y the record as JSON"
        }
        _ => "suspend is off here: this explorer runs on a server with no shell behind it; q quits",
    };
    Msg::Status(text.to_owned(), true)
}

fn feed(screen: &mut Explorer, decoder: &mut Decoder, bytes: &[u8], debug_panic: bool) -> bool {
    let events = decoder.feed(bytes);
    events_in(screen, events, debug_panic)
}

fn events_in(screen: &mut Explorer, events: Vec<ct::Event>, debug_panic: bool) -> bool {
    let mut dirty = false;
    for event in events {
        if let ct::Event::Key(key) = event
            && key.kind == KeyEventKind::Press
        {
            check_debug_panic(key.code, debug_panic);
            // Keys for what this server does not do answer at once, before a prompt opens.
            if let Some(Msg::Action(action @ (Action::Export | Action::Suspend))) =
                screen.app.key_message(Key::from_event(key))
            {
                dirty |= screen.app.update(refusal(action));
                continue;
            }
        }
        dirty |= screen.input(event);
    }
    dirty
}

/// Debug builds only: F12 panics the session when the server was started so, so tests can
/// prove a panic ends that session alone. Release builds have no such key.
fn check_debug_panic(code: ct::KeyCode, enabled: bool) {
    #[cfg(debug_assertions)]
    assert!(
        !(enabled && code == ct::KeyCode::F(12)),
        "deliberate panic (debug build, F12)"
    );
    #[cfg(not(debug_assertions))]
    let _ = (code, enabled);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_defaulted_and_capped() {
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(100, 30), (100, 30));
        assert_eq!(clamp_size(70_000, 9_999), (MAX_COLUMNS, MAX_ROWS));
    }

    #[test]
    fn endings_say_why_and_exit_accordingly() {
        assert_eq!(Ending::Quit.status(), 0);
        assert!(Ending::Quit.notice().is_none());
        let idle = Ending::Idle(Duration::from_mins(30));
        assert!(idle.notice().unwrap().contains("30m00s"));
        assert_eq!(idle.log(), "idle for 30m00s");
        assert_eq!(Ending::Failed("panic: x".into()).status(), 70);
    }
}
