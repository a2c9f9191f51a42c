//! `shuibei man`: the manual page (roff), generated from the clap definitions; and
//! `shuibei format`: the dataset format's description and an example, built in, so that
//! whoever writes a dataset has them where the binary is.

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

/// The dataset format's description (the repository's `docs/dataset-format.md`).
const FORMAT: &str = include_str!("../../docs/dataset-format.md");
/// A small dataset that passes every check (`data/examples/small.json`).
const EXAMPLE: &str = include_str!("../../data/examples/small.json");

pub(super) fn format(example: bool) -> Result<Outcome, CliError> {
    let mut out = Out::stdout();
    out.raw(if example { EXAMPLE } else { FORMAT }.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to stdout"))?;
    Ok(Outcome::Done)
}
