//! What every output format says, written once: the formats ([`format`])
//! and the file names and links between pages ([`links`]); a document's
//! summary and standing and the Parts in force ([`contents`]); the
//! editions, the change-control log and retired terms in use ([`log`]);
//! the tracked-changes outline and its wording ([`changes`]); a committee
//! report prepared for rendering ([`report`]); each clause's notes and
//! former addresses ([`history`]); the tables of destinations
//! and origins ([`tables`]); a source's control
//! characters made visible ([`visible_controls`]). Nothing here knows
//! HTML, PDF or Word.

pub mod changes;
pub mod contents;
pub mod format;
pub mod history;
pub mod links;
pub mod log;
pub mod report;
pub mod search;
pub mod tables;
pub mod variations;

use std::borrow::Cow;

/// Text for a terminal or a plain-text file: control characters from a
/// source (an escape sequence could erase or hide lines on a reviewer's
/// terminal) are shown as their visible pictures, such as `␛`.
pub fn visible_controls(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !hidden(c) => c,
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                _ => '\u{fffd}',
            })
            .collect(),
    )
}
