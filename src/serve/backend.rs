//! A ratatui backend for a terminal on the far side of an SSH channel: crossterm's
//! escape sequences written into a buffer the session sends after each frame, with the
//! size the client announced.
//!
//! crossterm's own size and cursor queries read the server's tty (or fail without one),
//! never the client's: here the size is what the pty request and window changes said,
//! and the cursor position is where this backend last put it. Nothing is ever asked of
//! the terminal, so no answer can arrive mixed into the user's keys.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A terminal of a known size whose output collects in memory.
pub struct SessionBackend {
    inner: CrosstermBackend<Sink>,
    out: Rc<RefCell<Vec<u8>>>,
    size: Size,
    cursor: Position,
}

/// The buffer crossterm writes into, shared with the backend that hands it out.
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl SessionBackend {
    #[must_use]
    pub fn new(width: u16, height: u16) -> SessionBackend {
        let out = Rc::new(RefCell::new(Vec::with_capacity(16 * 1024)));
        SessionBackend {
            inner: CrosstermBackend::new(Sink(Rc::clone(&out))),
            out,
            size: Size { width, height },
            cursor: Position::ORIGIN,
        }
    }

    /// The client's terminal has a new size.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.size = Size { width, height };
    }

    /// The bytes written since the last call, to send.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut *self.out.borrow_mut())
    }

    /// How many bytes wait to be sent.
    #[cfg(test)]
    #[must_use]
    pub fn waiting(&self) -> usize {
        self.out.borrow().len()
    }
}

impl Write for SessionBackend {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Nothing to flush: the session sends the buffer once a frame is complete.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Backend for SessionBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            // Pixel sizes are not used; the pty request's are often zero anyway.
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    #[test]
    fn draws_at_the_announced_size_without_asking_the_terminal() {
        let backend = SessionBackend::new(20, 3);
        let viewport = Viewport::Fixed(Rect::new(0, 0, 20, 3));
        let mut term = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        term.draw(|f| f.render_widget(Paragraph::new("金 gold"), f.area()))
            .unwrap();
        let out = String::from_utf8(term.backend_mut().take()).unwrap();
        assert!(out.contains("金") && out.contains("gold"), "{out:?}");
        assert!(term.backend_mut().take().is_empty(), "taken once");
        // A resize and a clear query nothing either (a tty query would fail in tests).
        term.backend_mut().set_size(30, 5);
        term.resize(Rect::new(0, 0, 30, 5)).unwrap();
        term.clear().unwrap();
        assert!(term.backend().waiting() > 0, "the clear is written");
    }
}
