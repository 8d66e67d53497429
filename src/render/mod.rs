//! Renderers: the model (and later the change set) to output bytes. Pure
//! functions: they never read or write files.

pub mod changes;
pub mod docx;
pub mod html;
pub mod inline;
pub mod links;
pub mod pdf;
pub mod report;
pub mod templates;
pub mod view;

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
