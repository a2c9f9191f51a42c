//! Why the server could not start, or stopped: worded for the person who started it,
//! each saying what to do. `cli::error` turns them into a message and exit code 2.

use std::io;

/// Why `shuibei serve` could not start or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A host key or authorized-keys problem, worded to be printed as it is.
    #[error("{0}")]
    Key(String),
    /// A setting the server cannot use (a key override the keymap refuses, say).
    #[error("{0}")]
    Usage(String),
    /// The system refused something while `context` was being done.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
}

impl ServeError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> ServeError {
        let context = context.into();
        move |source| ServeError::Io { context, source }
    }
}
