//! The progress bar of a long import, on stderr and only when stderr is a terminal (the
//! caller decides): how much of the file is read, rows so far, time left.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::read::Kind;

/// A bar, or nothing at all when it would not be seen.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for reading a file of this kind; `shown: false` draws nothing.
    #[must_use]
    pub fn new(kind: Kind, shown: bool) -> Progress {
        if !shown {
            return Progress { bar: None };
        }
        // A CSV is measured in bytes read, a sheet in rows (its cells are compressed).
        let template = match kind {
            Kind::Csv => "importing {bar:30} {percent:>3}% of {total_bytes} · {msg} · {eta} left",
            Kind::Xlsx => "importing {bar:30} row {pos} of {len} · {msg} · {eta} left",
        };
        let style = ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style);
        Progress { bar: Some(bar) }
    }

    /// How far reading is: `done` of `total` (bytes or rows), `rows` records so far.
    pub fn set(&self, done: u64, total: u64, rows: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
            bar.set_position(done);
            bar.set_message(format!("{} rows", crate::data::present::count(rows)));
        }
    }

    /// Takes the bar off the screen, so the summary that follows stands alone.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
