//! Renderers: the model (and later the change set) to output bytes. Pure
//! functions: they never read or write files.

pub mod changes;
pub mod html;
pub mod inline;
pub mod links;
pub mod pdf;
pub mod report;
pub mod templates;
pub mod view;
