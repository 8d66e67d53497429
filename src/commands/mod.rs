//! One module per subcommand. Each `run` returns the process exit code, or
//! an [`Error`](crate::Error) when the command could not run (exit code 2).

pub mod build;
pub mod check;
pub mod corpus;
pub mod council;
pub mod diff;
pub mod fmt;
pub mod import;
pub mod project;
pub mod renumber;
pub mod report;
pub mod serve;
pub mod terms;

use std::io::IsTerminal;

use crate::Error;
use crate::render::Format;

/// A PDF or a Word file is refused on a terminal, where its bytes would
/// garble the screen; the error says to give a file.
fn refuse_binary_on_terminal(format: Format) -> Result<(), Error> {
    if !format.is_binary() || !std::io::stdout().is_terminal() {
        return Ok(());
    }
    let name = match format {
        Format::Docx => "a Word file",
        _ => "a PDF",
    };
    Err(Error::new(format!(
        "{name} would garble the terminal: give -o FILE.{}",
        format.extension()
    )))
}
