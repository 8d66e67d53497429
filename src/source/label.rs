//! Recognising clause labels (`6.5`, `6.5.`, `31.11`) and item markers
//! (`(a)`, `(iv)`, `(1)`, `a)`) at the start of text.

use crate::model::{ItemMarker, MarkerStyle};

/// A number label at the start of `text`: its length in bytes and its parts.
/// `min_parts` is 2 for clauses (`6.5`) and 1 for headings (`5.`).
/// The label must be followed by whitespace or the end of the text.
pub fn leading_label(text: &str, min_parts: usize) -> Option<(usize, Vec<u32>)> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 4 {
            i += 1;
        }
        if i == start {
            return None;
        }
        if i < bytes.len() && bytes[i].is_ascii_digit() {
            return None; // more than four digits: a year or an amount, not a label
        }
        parts.push(text[start..i].parse().ok()?);
        if i < bytes.len() && bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
    }
    let followed_by_space = i == bytes.len() || text[i..].starts_with(char::is_whitespace);
    (parts.len() >= min_parts && followed_by_space).then_some((i, parts))
}

/// A section's label at the start of a heading, as a council writes it:
/// a number (`5.`, `12`) or a rule's number (`Rule 12`, `Rule 12.`).
pub fn leading_heading_label(text: &str) -> Option<(usize, Vec<u32>)> {
    match text.strip_prefix(RULE_PREFIX) {
        Some(rest) => {
            let (len, parts) = leading_label(rest, 1)?;
            Some((RULE_PREFIX.len() + len, parts))
        }
        None => leading_label(text, 1),
    }
}

/// The word before a rule's number in a heading, as in "Rule 12".
pub const RULE_PREFIX: &str = "Rule ";

/// An item marker at the start of `text` and its length in bytes.
pub fn leading_marker(text: &str) -> Option<(usize, ItemMarker)> {
    let (inner, len) = if let Some(rest) = text.strip_prefix('(') {
        let close = rest.find(')')?;
        (&rest[..close], close + 2)
    } else {
        let close = text.find(')')?;
        (&text[..close], close + 1)
    };
    let followed_by_space = text.len() == len || text[len..].starts_with(char::is_whitespace);
    if inner.is_empty() || inner.len() > 4 || !followed_by_space {
        return None;
    }
    let style = marker_style(inner)?;
    Some((
        len,
        ItemMarker {
            written: text[..len].to_string(),
            style,
        },
    ))
}

fn marker_style(inner: &str) -> Option<MarkerStyle> {
    if inner.chars().all(|c| c.is_ascii_digit()) {
        return Some(MarkerStyle::Number);
    }
    let lower = inner.to_ascii_lowercase();
    let is_roman = lower.chars().all(|c| "ivxlcdm".contains(c));
    if is_roman && (lower.len() > 1 || lower == "i") {
        return Some(MarkerStyle::Roman);
    }
    if lower.len() == 1 && lower.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(MarkerStyle::Letter);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_labels_in_their_forms() {
        assert_eq!(leading_label("6.5 Text", 2), Some((3, vec![6, 5])));
        assert_eq!(leading_label("6.5. Text", 2), Some((4, vec![6, 5])));
        assert_eq!(leading_label("31.11 Bullying", 2), Some((5, vec![31, 11])));
        assert_eq!(leading_label("12.10 .The", 2), Some((5, vec![12, 10])));
        assert_eq!(leading_label("5. The Role", 1), Some((2, vec![5])));
        assert_eq!(leading_label("5. The Role", 2), None);
        assert_eq!(leading_label("5.3As part", 2), None);
        assert_eq!(leading_label("2023 was", 1), Some((4, vec![2023])));
        assert_eq!(leading_label("20231 was", 1), None);
    }

    #[test]
    fn a_heading_may_be_a_rule() {
        assert_eq!(
            leading_heading_label("Rule 12 Motions on notice"),
            Some((7, vec![12]))
        );
        assert_eq!(
            leading_heading_label("Rule 12. Motions"),
            Some((8, vec![12]))
        );
        assert_eq!(leading_heading_label("12. Motions"), Some((3, vec![12])));
        assert_eq!(leading_heading_label("Rules of debate"), None);
    }

    #[test]
    fn item_markers() {
        assert_eq!(
            leading_marker("(a) text").unwrap().1.style,
            MarkerStyle::Letter
        );
        assert_eq!(
            leading_marker("(iv) text").unwrap().1.style,
            MarkerStyle::Roman
        );
        assert_eq!(
            leading_marker("(12) text").unwrap().1.style,
            MarkerStyle::Number
        );
        assert_eq!(leading_marker("a) text").unwrap().0, 2);
        assert!(leading_marker("(i.e. who)").is_none());
        assert!(leading_marker("(real and perceived) x").is_none());
    }
}
