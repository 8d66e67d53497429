//! `clerk build`: check every council, then render it into the output directory.
//!
//! Rendering (HTML, PDF, tracked changes) is not written yet: for now the
//! build checks the sources and stops before writing anything, so a failed
//! check never touches the previous output.

use crate::Error;
use crate::cli::BuildArgs;
use crate::commands::check::{check_paths, summary};
use crate::diagnostic::render_human;

pub fn run(args: &BuildArgs) -> Result<u8, Error> {
    let outcome = check_paths(std::slice::from_ref(&args.protocols))?;
    for d in outcome.diagnostics.iter().filter(|d| d.is_error()) {
        let source = d.path.as_deref().and_then(|p| outcome.project.source_of(p));
        anstream::eprintln!("{}\n", render_human(d, source, false));
    }
    eprintln!("{}", summary(&outcome));
    if outcome.has_errors() {
        eprintln!(
            "build stopped: fix the errors above; {} was left as it was",
            args.out.display()
        );
        return Ok(1);
    }
    eprintln!(
        "sources are clean; rendering to {} is not implemented yet, so nothing was written",
        args.out.display()
    );
    Ok(0)
}
