//! The server's log: one line at start (where it listens, its host key) and one line
//! per connection when it ends (time, address, key, duration, how it ended), written to
//! the sink the caller gives (stderr for `shuibei serve`). Each line passes the sanitizer:
//! nothing a client sends can reach the operator's terminal as a control sequence.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where log lines go.
pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
}

impl Log {
    #[must_use]
    pub fn new(out: Box<dyn Write + Send>) -> Log {
        Log { out: Mutex::new(out) }
    }

    /// Writes one line, stamped with the time. A failed write is dropped: the server
    /// goes on serving whatever happens to its log.
    pub fn line(&self, text: &str) {
        let line = format!("{} {}\n", timestamp(SystemTime::now()), crate::sanitize::line(text));
        if let Ok(mut out) = self.out.lock() {
            let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
        }
    }
}

/// UTC time as `2026-12-01T22:20:15Z`.
#[must_use]
pub fn timestamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// A duration as people write it: `850ms`, `42s`, `3m12s`, `1h04m`.
#[must_use]
pub fn duration(d: Duration) -> String {
    let secs = d.as_secs();
    match secs {
        0 => format!("{}ms", d.as_millis()),
        1..60 => format!("{secs}s"),
        60..3600 => format!("{}m{:02}s", secs / 60, secs % 60),
        _ => format!("{}h{:02}m", secs / 3600, secs % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_709_210_096);
        assert_eq!(timestamp(t), "2024-02-29T12:34:56Z");
        let t = UNIX_EPOCH + Duration::from_hours(264_384);
        assert_eq!(timestamp(t), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn durations_read_plainly() {
        assert_eq!(duration(Duration::from_millis(850)), "850ms");
        assert_eq!(duration(Duration::from_secs(42)), "42s");
        assert_eq!(duration(Duration::from_secs(192)), "3m12s");
        assert_eq!(duration(Duration::from_mins(64)), "1h04m");
    }
}
