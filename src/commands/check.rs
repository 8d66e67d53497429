//! `clerk check`: load sources, run the lints, print diagnostics.

use std::io::IsTerminal;

use crate::Error;
use crate::check::LINTS;
use crate::cli::{CheckArgs, DiagnosticFormat};
use crate::commands::project::{Outcome, check_paths, outcome_line};
use crate::diagnostic::{Diagnostic, JsonDiagnostic, render_human};
use crate::site::write::write_stdout;

pub fn run(args: &CheckArgs) -> Result<u8, Error> {
    if args.list {
        let list: String = LINTS
            .iter()
            .map(|lint| {
                format!(
                    "{:<22} {:<8} {}\n",
                    lint.code,
                    format!("{:?}", lint.severity).to_lowercase(),
                    lint.summary
                )
            })
            .collect();
        // A reader that stops early (`| head`) ends the list, not clerk.
        write_stdout(list.as_bytes())?;
        return Ok(0);
    }
    let outcome = check_paths(&args.paths)?;
    print(&outcome, args)?;
    let code = if outcome.has_errors() { 1 } else { 0 };
    // The process ends here: freeing the model piece by piece would take
    // longer than the lints over a large council did.
    std::mem::forget(outcome);
    Ok(code)
}

fn print(outcome: &Outcome, args: &CheckArgs) -> Result<(), Error> {
    let shown: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .chain(
            outcome
                .acknowledged
                .iter()
                .filter(|_| args.show_acknowledged),
        )
        .collect();
    let source_of = |d: &Diagnostic| d.path.as_deref().and_then(|p| outcome.project.source_of(p));
    match args.format {
        DiagnosticFormat::Json => {
            let json: Vec<JsonDiagnostic<'_>> = shown
                .iter()
                .map(|d| JsonDiagnostic::new(d, source_of(d)))
                .collect();
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "[]".to_string());
            text.push('\n');
            write_stdout(text.as_bytes())?;
        }
        DiagnosticFormat::Human => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for d in &shown {
                anstream::eprintln!("{}\n", render_human(d, source_of(d), colour));
            }
            eprintln!("{}", outcome_line(outcome.tally()));
        }
    }
    Ok(())
}
