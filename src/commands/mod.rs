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
