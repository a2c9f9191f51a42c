//! `shuibei completions SHELL`: the shell's completion script, generated from the clap
//! definitions.

use clap::CommandFactory;

use super::args::Cli;
use super::error::{CliError, Outcome};
use super::output::Out;

pub(super) fn run(shell: clap_complete::Shell) -> Result<Outcome, CliError> {
    let mut out = Out::stdout();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "shuibei", &mut buf);
    out.raw(&buf).map_err(CliError::io("writing completions"))?;
    out.flush().map_err(CliError::io("writing completions"))?;
    Ok(Outcome::Done)
}
