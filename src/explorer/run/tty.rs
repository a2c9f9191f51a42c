//! The local terminal's input, read as bytes and decoded by `explorer::decode`, the
//! decoder the SSH server uses: crossterm's own reader makes one Esc of Esc Esc typed
//! together (the second press was lost, and a search box stayed open to take the next
//! key). Size changes come from SIGWINCH, as crossterm's reader had them.

use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;

use crossterm::event as ct;

use super::event::Event;
use crate::explorer::decode::{Decoder, ESC_WAIT};

/// Reads the terminal on two threads: one blocked on the bytes, one turning them into
/// events (it waits [`ESC_WAIT`] after a lone Esc for the rest of a sequence). A terminal
/// that cannot be read (gone, closed) ends with [`Event::TerminalGone`].
pub(super) fn spawn(tx: Sender<Event>) {
    let (bytes_tx, bytes_rx) = mpsc::channel::<Vec<u8>>();
    thread::spawn(move || {
        let Ok(mut tty) = open() else {
            return;
        };
        let mut buffer = [0u8; 1024];
        loop {
            match tty.read(&mut buffer) {
                Ok(0) => return,
                Ok(n) => {
                    if bytes_tx.send(buffer[..n].to_vec()).is_err() {
                        return;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    });
    let resize = tx.clone();
    thread::spawn(move || {
        let mut decoder = Decoder::new();
        loop {
            let bytes = if decoder.escape_pending() {
                match bytes_rx.recv_timeout(ESC_WAIT) {
                    Ok(bytes) => bytes,
                    Err(RecvTimeoutError::Timeout) => {
                        if !send(&tx, decoder.flush()) {
                            return;
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            } else {
                match bytes_rx.recv() {
                    Ok(bytes) => bytes,
                    Err(_) => break,
                }
            };
            if !send(&tx, decoder.feed(&bytes)) {
                return;
            }
        }
        let _ = send(&tx, decoder.flush());
        let _ = tx.send(Event::TerminalGone);
    });
    spawn_resize(resize);
}

/// The terminal: standard input when it is one, else the controlling terminal (the
/// dataset may come in on standard input), as crossterm chose it.
fn open() -> io::Result<Box<dyn Read>> {
    if io::stdin().is_terminal() {
        Ok(Box::new(io::stdin().lock()))
    } else {
        Ok(Box::new(File::open("/dev/tty")?))
    }
}

/// Sends each event on; false when the loop is gone.
fn send(tx: &Sender<Event>, events: Vec<ct::Event>) -> bool {
    events.into_iter().all(|event| tx.send(Event::Terminal(event)).is_ok())
}

/// A resize event for each SIGWINCH, with the size the terminal has then.
fn spawn_resize(tx: Sender<Event>) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGWINCH]) else {
        return;
    };
    thread::spawn(move || {
        for _ in signals.forever() {
            let Ok((w, h)) = crossterm::terminal::size() else {
                continue;
            };
            if tx.send(Event::Terminal(ct::Event::Resize(w, h))).is_err() {
                return;
            }
        }
    });
}
