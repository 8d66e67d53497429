//! clerk: keep a council constitution as structured text, check it, publish
//! it, and show exactly what a revision changes.
//!
//! The pipeline runs one way, and no module imports one later in it:
//! [`source`] (text to [`model`]) -> [`check`] (lints) | [`diff`] (one
//! change model) | [`render`] (pure functions to HTML, PDF, Word and text,
//! one folder per format) ->
//! [`site`] (the page plan, content keys, one publishing transaction) ->
//! [`commands`]. `docs/architecture.md` draws it on one screen.

// Errors are diagnostics with their message, help and span: built once per
// failure, on a cold path, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod diff;
pub mod fonts;
pub mod import;
pub mod language;
pub mod model;
pub mod render;
pub mod site;
pub mod source;

use std::fmt;
use std::path::Path;

/// An error that stops a command from running at all (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    /// Set when one output would pass a size limit, so a build can publish
    /// the rest of the site without it.
    pub too_large: bool,
}

impl Error {
    /// An error with a message that already names what went wrong and where.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            too_large: false,
        }
    }

    /// One output would pass a size limit (a PDF of more pages than clerk
    /// writes); `message` says which and what to do.
    pub fn too_large(message: impl Into<String>) -> Self {
        Error {
            too_large: true,
            ..Error::new(message)
        }
    }

    /// An I/O failure on `path`, such as "cannot read protocols/x.md: No such file".
    pub fn io(path: &Path, action: &str, error: &std::io::Error) -> Self {
        Error::new(format!("{action} {}: {}", path.display(), io_reason(error)))
    }
}

pub(crate) fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
