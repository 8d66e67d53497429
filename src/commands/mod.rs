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
pub mod revision;
pub mod serve;
pub mod terms;
pub mod variations;
pub mod verify;

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

/// The day `SOURCE_DATE_EPOCH` names, when it is set: PDFs are stamped
/// with it, and it stands for today (so a build, a logged correction or a
/// new file's date can be reproduced).
pub(crate) fn source_date() -> Result<Option<String>, Error> {
    use crate::render::pdf::date_from_epoch;
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.trim().is_empty() => value
            .trim()
            .parse::<i64>()
            .map(|seconds| Some(date_from_epoch(seconds)))
            .map_err(|_| Error::new(format!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds: unset it or give seconds since 1970"))),
        _ => Ok(None),
    }
}

/// Today, or the day `SOURCE_DATE_EPOCH` names when it is set.
pub(crate) fn today() -> Result<crate::model::Date, Error> {
    let text = match source_date()? {
        Some(date) => date,
        None => crate::render::pdf::date_from_epoch(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        ),
    };
    crate::model::Date::from_iso(&text)
        .ok_or_else(|| Error::new(format!("today's date `{text}` is not a date")))
}
