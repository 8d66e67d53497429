//! Text output of the change set: terminal text ([`terminal`]), Markdown
//! with CriticMarkup ([`critic`]) and the change model as JSON ([`json`]).

mod critic;
mod tables;
mod terminal;
mod variations;

use crate::diff::ChangeSet;

pub use critic::critic_markup;
pub use tables::{tables_json, tables_markdown, tables_text};
pub use terminal::text;
pub use variations::{schedule_json, schedule_text};

/// The change model as pretty-printed JSON (see `docs/changes-json.md`).
pub fn json(changes: &ChangeSet) -> String {
    let mut out =
        serde_json::to_string_pretty(changes).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
