//! Renderers: the model and its change sets to output bytes. Pure
//! functions: they never read or write files.
//!
//! One folder per output format, each a sibling of the others: [`html`]
//! (the site's pages through tera), [`pdf`] (layout, then the writer),
//! [`docx`] (Word, tracked changes as revisions) and [`text`] (terminal
//! text, CriticMarkup, JSON). Formats never import each other; what every
//! format says (file names and links, the standing of a version, the Parts
//! in force, the editions, the tracked-changes outline and its wording, the
//! prepared committee report) is written once in [`present`], beneath them.

pub mod docx;
pub mod html;
pub mod pdf;
pub mod present;
pub mod search;
pub mod text;

pub use present::format::{Format, PageKind};
