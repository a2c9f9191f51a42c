//! The interactive explorer.

use crate::cli::{Cli, CliError, Outcome};

/// # Errors
/// Always, until the explorer lands.
pub fn explore(_cli: &Cli) -> Result<Outcome, CliError> {
    Err(CliError::Usage(
        "the explorer is not available in this build yet".into(),
    ))
}
