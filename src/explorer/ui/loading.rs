//! The screen shown while a large dataset loads, before there is any state to draw: the
//! file's name and size, how much of it has been read, the time so far, and the key
//! that quits. A million records take seconds to read and check; a blank terminal for
//! that long looks like a hang, over SSH above all.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::explorer::layout::text;

/// How far a load has got.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// The dataset, as the loading screen names it (a file name).
    pub name: &'a str,
    /// The bytes to read, when known (a pipe's are not).
    pub bytes: Option<u64>,
    /// The bytes read so far.
    pub read: u64,
    /// Time since the load began.
    pub elapsed: Duration,
    /// The name of the key that quits (`q` unless rebound).
    pub quit: &'a str,
}

/// The lines of the loading screen, each at most `width` columns.
#[must_use]
pub fn lines(progress: &Progress, width: usize) -> [String; 3] {
    let size = progress
        .bytes
        .map_or_else(String::new, |b| format!(" ({})", megabytes(b)));
    let whole = progress.bytes.is_some_and(|b| progress.read >= b);
    // Once every byte is read, the last records are still being parsed and the whole is
    // checked (ids, references, sources): say so, rather than sit at 100 %.
    let doing = if whole { "checking" } else { "loading" };
    let head = format!("{doing} {}{size}…", progress.name);
    let seconds = format!("{:.1} s", progress.elapsed.as_secs_f64());
    let done = match progress.bytes {
        Some(b) if b > 0 => {
            let percent = progress.read.saturating_mul(100) / b;
            let label = format!(" {:>3} % · {seconds}", percent.min(100));
            let room = width.saturating_sub(text::width(&label) + 2);
            let filled = usize::try_from(progress.read.min(b).saturating_mul(room as u64) / b).unwrap_or(room);
            format!("[{}{}]{label}", "█".repeat(filled), "░".repeat(room - filled.min(room)))
        }
        _ => format!("{} read · {seconds}", megabytes(progress.read)),
    };
    [
        text::fit(&head, width),
        text::fit(&done, width),
        text::fit(&format!("{} quit", progress.quit), width),
    ]
}

/// `258 MB`, `0.4 MB`: sizes as a reader of file listings expects them (decimal MB).
fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a size shown to one decimal
    let mb = bytes as f64 / 1e6;
    if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// Draws the loading screen, centred.
pub fn render(progress: &Progress, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let width = usize::from(area.width.saturating_sub(4)).min(64);
    let [head, done, quit] = lines(progress, width);
    let key_width = text::width(progress.quit);
    let (key, rest) = match quit.strip_prefix(progress.quit) {
        Some(rest) => (progress.quit.to_owned(), rest.to_owned()),
        None => (String::new(), quit),
    };
    let shown = vec![
        Line::styled(text::fit("shuibei", width), theme.title),
        Line::default(),
        Line::styled(head, theme.base),
        Line::styled(done, theme.gauge),
        Line::default(),
        Line::from(vec![Span::styled(key, theme.key), Span::styled(rest, theme.hint)]),
    ];
    let height = u16::try_from(shown.len()).unwrap_or(u16::MAX).min(area.height);
    let column = u16::try_from(width.max(key_width))
        .unwrap_or(area.width)
        .min(area.width);
    let place = Rect {
        x: area.x + (area.width - column) / 2,
        y: area.y + (area.height - height) / 2,
        width: column,
        height,
    };
    frame.render_widget(Paragraph::new(shown).style(theme.base), place);
    crate::sanitize::sweep_buffer(frame.buffer_mut());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(read: u64, bytes: Option<u64>) -> Progress<'static> {
        Progress {
            name: "big.json",
            bytes,
            read,
            elapsed: Duration::from_millis(1234),
            quit: "q",
        }
    }

    #[test]
    fn a_known_size_shows_a_bar_and_a_share() {
        let [head, done, quit] = lines(&at(129_000_000, Some(258_000_000)), 40);
        assert_eq!(head, "loading big.json (258 MB)…");
        // Half the bar filled, and the line exactly as wide as the room.
        assert_eq!(done, format!("[{}{}]  50 % · 1.2 s", "█".repeat(12), "░".repeat(12)));
        assert_eq!(text::width(&done), 40);
        assert_eq!(quit, "q quit");
    }

    #[test]
    fn every_byte_read_is_checking_not_a_full_bar_that_waits() {
        let [head, done, _] = lines(&at(258_000_000, Some(258_000_000)), 40);
        assert_eq!(head, "checking big.json (258 MB)…");
        assert!(done.contains("100 %") && !done.contains('░'), "{done}");
    }

    #[test]
    fn an_unknown_size_counts_what_was_read() {
        let [head, done, _] = lines(&at(3_400_000, None), 40);
        assert_eq!(head, "loading big.json…");
        assert_eq!(done, "3.4 MB read · 1.2 s");
    }

    fn drawn(width: u16, height: u16) -> String {
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("test backend");
        let theme = Theme::new(crate::explorer::ui::theme::Palette::Mono);
        term.draw(|frame| render(&at(129_000_000, Some(258_000_000)), &theme, frame))
            .expect("draws");
        let buffer = term.backend().buffer();
        (0..height)
            .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_screen_is_centred_and_a_tiny_terminal_does_not_break_it() {
        let screen = drawn(80, 12);
        let rows: Vec<&str> = screen.lines().collect();
        assert_eq!(rows[3].trim(), "shuibei", "{screen}");
        assert!(
            rows[5].trim_start().starts_with("loading big.json (258 MB)…"),
            "{screen}"
        );
        assert!(rows[6].contains("50 %"), "{screen}");
        assert_eq!(rows[8].trim(), "q quit", "{screen}");
        assert_eq!(rows[3].find('s'), rows[5].find('l'), "one left edge:\n{screen}");
        for (width, height) in [(1, 1), (3, 2), (12, 4)] {
            let screen = drawn(width, height);
            assert_eq!(screen.lines().count(), usize::from(height));
        }
    }

    #[test]
    fn a_narrow_screen_cuts_every_line_to_fit() {
        for line in lines(&at(1, Some(2)), 12) {
            assert!(text::width(&line) <= 12, "{line}");
        }
    }
}
