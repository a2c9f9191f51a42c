//! One explorer drawing into one terminal, whatever that terminal is: the local tty
//! (`run`) or an SSH channel (`serve`). It holds the `App`, its theme, its search worker
//! and a ratatui `Terminal` over any backend that is also a writer, turns terminal events
//! into the same messages for `App::update`, runs the effects that need only the
//! terminal (a full redraw, an OSC 52 write, a search request), and draws a frame
//! wrapped in synchronized output.
//!
//! What depends on where the terminal is stays with the caller: reading input, the
//! size (the local tty is asked; an SSH session is told by the client), suspending to a
//! shell, and writing exported files. [`Screen::effects`] hands those effects back.

use std::io::{self, Write};
use std::sync::Arc;

use crossterm::event::{self as ct, KeyEventKind, MouseButton, MouseEventKind};
use crossterm::{queue, terminal};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use crate::data::db::Db;
use crate::env::Env;
use crate::explorer::action::{Mouse, Msg};
use crate::explorer::app::{App, Effect};
use crate::explorer::keymap::{Key, Keymap};
use crate::explorer::term::ColorDepth;
use crate::explorer::ui::{self, Theme, theme::Palette};
use crate::search::{Done, Index, Worker};
use crate::settings::ThemeChoice;

/// The theme for a terminal of this colour depth: no colour means the mono palette
/// whatever the chosen theme.
#[must_use]
pub fn theme_for(depth: ColorDepth, choice: ThemeChoice) -> Theme {
    Theme::new(match (depth, choice) {
        (ColorDepth::None, _) => Palette::Mono,
        (_, ThemeChoice::Light) => Palette::Light,
        (_, ThemeChoice::Dark) => Palette::Dark,
    })
}

/// An explorer and the terminal it draws into.
pub struct Screen<B: Backend + Write> {
    term: Terminal<B>,
    /// The state; only [`App::update`] changes it.
    pub app: App,
    theme: Theme,
    /// Absent until the search index is built.
    worker: Option<Worker>,
}

impl<B> Screen<B>
where
    B: Backend<Error = io::Error> + Write,
{
    /// An explorer over `db` at `size` (columns, rows), drawing into `term`.
    #[must_use]
    pub fn new(term: Terminal<B>, db: Arc<Db>, keymap: Keymap, theme: Theme, env: Env, size: (u16, u16)) -> Self {
        let mut app = App::new(db, keymap, size);
        app.env = env;
        Screen {
            term,
            app,
            theme,
            worker: None,
        }
    }

    /// The terminal, for what only the caller knows how to do (replace it after a
    /// suspend, ask the local tty its size).
    pub fn terminal(&mut self) -> &mut Terminal<B> {
        &mut self.term
    }

    /// A terminal event (key, mouse, paste, resize). Returns whether to redraw.
    pub fn input(&mut self, event: ct::Event) -> bool {
        match message(event, &self.app) {
            Some(msg) => self.app.update(msg),
            None => false,
        }
    }

    /// The search index is built; `worker` searches it from now on. Returns whether to redraw.
    pub fn index_ready(&mut self, index: Arc<Index>, worker: Worker) -> bool {
        self.worker = Some(worker);
        self.app.update(Msg::IndexReady(index))
    }

    /// The dataset was read again (its file changed on disk): the explorer shows `db`
    /// from now on, through [`App::reopened`]; the search waits for the new index.
    /// Returns what became of the selected record when the new reading does not show it
    /// ([`App::lost`]).
    pub fn reopen(&mut self, db: &Arc<Db>) -> Option<String> {
        self.worker = None;
        let app = self.app.reopened(db);
        let lost = self.app.lost(&app);
        self.app = app;
        lost
    }

    /// The search worker answered. Returns whether to redraw.
    pub fn search_done(&mut self, done: Done) -> bool {
        self.app.update(Msg::SearchDone(done))
    }

    /// Runs the effects the state asked for that need only this terminal, and returns
    /// the others (suspend, export) for the caller, in order.
    ///
    /// # Errors
    /// Writing to the terminal failed.
    pub fn effects(&mut self) -> io::Result<Vec<Effect>> {
        let mut rest = Vec::new();
        let effects: Vec<Effect> = self.app.effects.drain(..).collect();
        for effect in effects {
            match effect {
                Effect::RedrawAll => {
                    // Resizing to the same area clears the screen and forgets what was
                    // drawn, with no question to the terminal (`Terminal::clear` asks
                    // for the cursor position, and the answer would arrive as input).
                    let area = self.term.get_frame().area();
                    self.term.resize(area)?;
                }
                Effect::Write(bytes) => {
                    let out = self.term.backend_mut();
                    out.write_all(&bytes)?;
                    Write::flush(out)?;
                }
                Effect::Search { scope, query } => {
                    // Before the index is built there is no worker; the state asks again
                    // when it hears the index is ready.
                    if let Some(worker) = &self.worker {
                        let _ = worker.request(scope, query);
                    }
                }
                other => rest.push(other),
            }
        }
        Ok(rest)
    }

    /// Draws the state at `size` (columns, rows): the terminal's size as it is now, not
    /// as the last resize event said, so the frame and the layout agree.
    ///
    /// # Errors
    /// Writing to the terminal failed.
    pub fn draw(&mut self, size: (u16, u16)) -> io::Result<()> {
        if size != self.app.size {
            self.app.update(Msg::Resize(size.0, size.1));
        }
        let area = Rect::new(0, 0, size.0, size.1);
        if self.term.get_frame().area() != area {
            self.term.resize(area)?;
        }
        // Synchronized output: the terminal shows the whole frame at once (no tearing over
        // slow links); terminals that do not know the sequence ignore it.
        queue!(self.term.backend_mut(), terminal::BeginSynchronizedUpdate)?;
        let (app, theme) = (&self.app, &self.theme);
        self.term.draw(|frame| ui::render(app, theme, frame))?;
        let out = self.term.backend_mut();
        queue!(out, terminal::EndSynchronizedUpdate)?;
        Write::flush(out)
    }
}

/// The message a terminal event stands for, if any: key presses through the keymap
/// (releases and repeats reported by some terminals are not presses), clicks and wheel,
/// resizes, bracketed paste.
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
