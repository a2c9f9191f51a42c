//! `shuibei man`: the manual page (roff), generated from the clap definitions.

use clap::CommandFactory;

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::output::Out;

pub(super) fn run() -> Result<Outcome, CliError> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .map_err(CliError::io("rendering the manual"))?;
    let mut out = Out::stdout();
    out.raw(&buf).map_err(CliError::io("writing the manual"))?;
    out.flush().map_err(CliError::io("writing the manual"))?;
    Ok(Outcome::Done)
}
