//! Classifying one line of extracted text.

use crate::language::{DANGLING_WORDS, ends_with_dangling_word};
use crate::source::label::{leading_label, leading_marker};

/// What one line of extracted text is.
#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    Blank,
    Title(String),
    /// A list marker on its own line (`•`, `-`, `o`).
    StrayMarker,
    /// Punctuation on its own line (`:`, `.`), left by extraction.
    Punctuation(String),
    /// A running header or footer, or a page number ("Page 3 of 12",
    /// "Part 6C - Page 1"): page furniture, not text of the document.
    PageFurniture,
    Heading {
        label: Option<String>,
        text: String,
    },
    Clause {
        label: String,
        text: String,
    },
    Item {
        indent: usize,
        marker: Option<String>,
        text: String,
        bullet: Bullet,
    },
    Text {
        text: String,
        table_like: bool,
    },
    /// A row of a table written with pipes, `| Value | Who awards |`, as
    /// a Word table is read: its cells.
    TableRow(Vec<String>),
    /// The row under a table's header, `|---|---|`.
    TableRule,
}

/// The bullet character a line started with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bullet {
    None,
    Dash,
    Dot,
    /// `o`, used by Word for a second-level bullet.
    Circle,
}

/// How an item marker counts, for nesting `(a)` under `(1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    Letter,
    Roman,
    Number,
}

/// The kind of an item marker such as `(a)`.
pub fn marker_kind(marker: &str) -> MarkerKind {
    match leading_marker(marker).map(|(_, m)| m.style) {
        Some(crate::model::MarkerStyle::Number) => MarkerKind::Number,
        Some(crate::model::MarkerStyle::Roman) => MarkerKind::Roman,
        _ => MarkerKind::Letter,
    }
}

/// What the lines around a line say about it.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// A blank line (or the end) follows, and the text after it does not
    /// continue this line's sentence.
    pub next_is_blank: bool,
    /// No text has been seen yet: a heading-like line is the title.
    pub first_content: bool,
    /// The next line with text is a list item that carries on a sentence
    /// (a bullet or "(a)" and then a lower-case word): a line ending with
    /// ":" before it leads into that list.
    pub next_continues_in_list: bool,
    /// The next line with text opens with a number one level under this
    /// line's ("4.1.1" after "4.1"): a line ending with ":" before it leads
    /// into its sub-rules, and is a clause, not a heading.
    pub next_is_sub_rule: bool,
    /// The next line with text is a list item or a table's row.
    pub next_is_list_or_table: bool,
}

/// Whether a line is a lettered or numbered item (`(a)`) or a table's row
/// or caption: what a numbered line ending in ":" leads into. (A bulleted
/// list may follow a numbered heading ending in ":", as one seed's does.)
pub fn is_list_or_table(line: &str) -> bool {
    let line = line.trim();
    let line = line.strip_prefix("- ").unwrap_or(line);
    line.starts_with('|') || line.starts_with("Table:") || leading_marker(line).is_some()
}

/// Whether `next` opens with a number one level under the number `line`
/// opens with ("4.1.1 ..." under "4.1 ...").
pub fn is_sub_rule(line: &str, next: &str) -> bool {
    let line = unbold_label(line.trim());
    let next = unbold_label(next.trim());
    match (leading_label(&line, 1), leading_label(&next, 1)) {
        (Some((_, parts)), Some((_, under))) => {
            under.len() == parts.len() + 1 && under.starts_with(&parts)
        }
        _ => false,
    }
}

/// Whether a line is a list item (a bullet, or a marker such as "(a)")
/// whose text starts in lower case, carrying on the sentence before it:
/// "(a) on law; and", "• through the formal process;".
pub fn continues_in_list(line: &str) -> bool {
    let (bullet, rest) = strip_bullet(line.trim());
    let rest = rest.trim();
    let text = match leading_marker(rest) {
        Some((len, _)) => rest[len..].trim_start(),
        None if bullet != Bullet::None => rest,
        None => return false,
    };
    text.starts_with(char::is_lowercase)
}

/// Classifies one line in its context.
/// A line of a pipe table: `| a | b |` (its cells) or `|---|---|`.
fn table_row(line: &str) -> Option<LineKind> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) && inner.contains('-') {
        return Some(LineKind::TableRule);
    }
    // A cell's own `|` is written `\|`.
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    Some(LineKind::TableRow(cells))
}

pub fn classify_line(raw: &str, context: Context) -> LineKind {
    let Context {
        next_is_blank,
        first_content,
        next_continues_in_list,
        next_is_sub_rule,
        next_is_list_or_table,
    } = context;
    // A line that ends with ":" before a list whose items carry on its
    // sentence leads into it, whatever blank lines lie between: a clause
    // or text, never a heading.
    let next_is_blank = next_is_blank && !(next_continues_in_list && raw.trim_end().ends_with(':'));
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return LineKind::Blank;
    }
    if matches!(trimmed, "-" | "•" | "o" | "" | "▪" | "◦") {
        return LineKind::StrayMarker;
    }
    if is_page_furniture(trimmed) {
        return LineKind::PageFurniture;
    }
    if let Some(row) = table_row(trimmed) {
        return row;
    }
    // A table's caption, as the importer writes it: text, never a heading.
    if trimmed.starts_with("Table:") {
        return LineKind::Text {
            text: trimmed.to_string(),
            table_like: false,
        };
    }
    let indent = raw.len() - raw.trim_start().len();
    let (bullet, rest) = strip_bullet(trimmed);
    let table_like = rest.contains('\t');
    let content = collapse_tabs(rest.trim());
    if content.chars().all(|c| matches!(c, ':' | '.' | ';' | ',')) {
        return LineKind::Punctuation(content);
    }
    let content = unbold_label(&content);
    if let Some((label, text)) = clause_label(&content) {
        let leads_into_rules =
            (next_is_sub_rule || next_is_list_or_table) && text.trim_end().ends_with(':');
        let heading_like = bullet == Bullet::None
            && next_is_blank
            && !leads_into_rules
            && is_heading_text(&text, true)
            && word_count(&text) <= 14;
        if heading_like {
            return LineKind::Heading {
                label: Some(label),
                text: strip_bold(&text),
            };
        }
        return LineKind::Clause { label, text };
    }
    if bullet == Bullet::None
        && let Some((len, parts)) = leading_label(&content, 1)
        && parts.len() == 1
    {
        let text = content[len..].trim();
        if is_heading_text(text, true) && word_count(text) <= 20 {
            return LineKind::Heading {
                label: Some(content[..len].to_string()),
                text: strip_bold(text),
            };
        }
    }
    if let Some((len, marker)) = leading_marker(&content) {
        return LineKind::Item {
            indent,
            marker: Some(marker.written),
            text: content[len..].trim().to_string(),
            bullet,
        };
    }
    if bullet != Bullet::None {
        return LineKind::Item {
            indent,
            marker: None,
            text: content,
            bullet,
        };
    }
    let starts_upper = content.chars().next().is_some_and(|c| c.is_uppercase());
    if starts_upper
        && (next_is_blank || first_content)
        && !table_like
        && is_heading_text(&content, false)
        && word_count(&content) <= 10
    {
        if first_content {
            return LineKind::Title(strip_bold(&content));
        }
        return LineKind::Heading {
            label: None,
            text: strip_bold(&content),
        };
    }
    LineKind::Text {
        text: content,
        table_like,
    }
}

/// A page number as extraction leaves it at a page's head or foot: "Page
/// 3", "Page 3 of 12", "Part 6C - Page 1", "Section 31 – page 4".
fn is_page_furniture(line: &str) -> bool {
    let lower = line.to_lowercase();
    if lower.split_whitespace().count() > 8 {
        return false;
    }
    let Some(at) = lower.rfind("page ") else {
        return false;
    };
    let starts_word = lower[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '-' | '–' | '|' | ','));
    let tail: Vec<&str> = lower[at + 5..].split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    starts_word
        && match tail.as_slice() {
            [n] => number(n),
            [n, "of", m] => number(n) && number(m),
            _ => false,
        }
}

fn strip_bullet(line: &str) -> (Bullet, &str) {
    let (bullet, rest) =
        if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("-\t")) {
            (Bullet::Dash, rest)
        } else if let Some(rest) = line.strip_prefix('•').or_else(|| line.strip_prefix('▪')) {
            (Bullet::Dot, rest)
        } else {
            (Bullet::None, line)
        };
    let rest = rest.trim_start();
    // "- o to clarify": Word's second-level bullet.
    if let Some(after) = rest.strip_prefix("o ").or_else(|| rest.strip_prefix("o\t"))
        && bullet != Bullet::None
    {
        return (Bullet::Circle, after.trim_start());
    }
    (bullet, rest)
}

fn collapse_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_string();
    }
    text.split('\t')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "**4.1.** Members" to "4.1. Members".
fn unbold_label(content: &str) -> String {
    if let Some(rest) = content.strip_prefix("**")
        && let Some(end) = rest.find("**")
        && leading_label(&rest[..end], 2).is_some_and(|(len, _)| len == end)
    {
        return format!("{}{}", &rest[..end], &rest[end + 2..]);
    }
    content.to_string()
}

fn strip_bold(text: &str) -> String {
    text.replace("**", "").trim().to_string()
}

/// A clause label at the start of a line: `4.1 `, `4.1. `, or run into the
/// text (`5.3As`).
fn clause_label(content: &str) -> Option<(String, String)> {
    if let Some((len, _)) = leading_label(content, 2) {
        return Some((
            content[..len].to_string(),
            content[len..].trim().to_string(),
        ));
    }
    let label_len = content
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map(|(i, _)| i)?;
    let (label, rest) = content.split_at(label_len);
    let glued = rest.chars().next().is_some_and(|c| c.is_uppercase());
    let parsed = leading_label(label, 2).filter(|(len, _)| *len == label.len());
    (glued && parsed.is_some()).then(|| (label.to_string(), rest.to_string()))
}

/// Short text without sentence punctuation at its end reads as a heading.
fn is_heading_text(text: &str, numbered: bool) -> bool {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['.', ';', ',', '?', '!']) {
        return false;
    }
    let all_caps = text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase);
    if text.ends_with(':') && !(numbered || all_caps) {
        return false;
    }
    // A sentence that leads into a list ("... other than:", "Members
    // should:") is a clause, numbered or not; a heading never ends so.
    if text.ends_with(':') && (leads_in(text) || reads_as_sentence(text)) {
        return false;
    }
    // "End of Members and Officers - Protocol" closes a document: text.
    let closes = text.starts_with("End of ") || text.starts_with("END OF ");
    !ends_with_dangling_word(text) && !DANGLING_WORDS.contains(&text) && !is_date(text) && !closes
}

/// A date standing alone ("March 2021", "14 March 2023"): the date a
/// document or its version bears, never a heading.
fn is_date(text: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(',').to_lowercase())
        .collect();
    let year = |w: &String| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    let day = |w: &String| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        (1..=2).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
    };
    match words.as_slice() {
        [month, y] => MONTHS.contains(&month.as_str()) && year(y),
        [d, month, y] => day(d) && MONTHS.contains(&month.as_str()) && year(y),
        _ => false,
    }
}

/// Whether text ending with a colon ends as a sentence that a list
/// completes: on a word that cannot end a title ("than", "to", "the") or a
/// verb that wants its object ("will", "should", "include", "follows").
fn leads_in(text: &str) -> bool {
    const LEAD_IN_VERBS: &[&str] = &[
        "will",
        "would",
        "should",
        "shall",
        "must",
        "may",
        "can",
        "are",
        "is",
        "be",
        "include",
        "includes",
        "including",
        "follows",
        "following",
        "means",
        "require",
        "requires",
    ];
    let word = crate::language::last_word(text).to_lowercase();
    DANGLING_WORDS.contains(&word.as_str()) || LEAD_IN_VERBS.contains(&word.as_str())
}

/// Whether text has the verb of a sentence ("This requirement is
/// particularly important:"), as a heading ("Principles underlying
/// Member – Officer relations:") has not.
fn reads_as_sentence(text: &str) -> bool {
    const VERBS: &[&str] = &[
        "is", "are", "was", "were", "will", "shall", "must", "should", "may", "can", "has", "have",
        "does", "do",
    ];
    text.split_whitespace().any(|w| {
        VERBS.contains(
            &w.trim_matches(|c: char| !c.is_alphabetic())
                .to_lowercase()
                .as_str(),
        )
    })
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Finds the next clause label run into a clause's text: "... informed. 10.2. A ..."
/// Only the label that should come next counts, so "Subject to 10.4 above"
/// is never split.
pub fn split_run_on_clause(label: &str, text: &str) -> Option<(String, String, String)> {
    let (_, parts) = leading_label(label, 2)?;
    let mut next = parts.clone();
    *next.last_mut()? += 1;
    let next_number = next
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".");
    for candidate in [format!("{next_number}. "), format!("{next_number} ")] {
        let mut search_from = 0;
        while let Some(found) = text[search_from..].find(&candidate) {
            let at = search_from + found;
            let before = text[..at].trim_end();
            if before.ends_with(['.', ';', ':']) && at > 0 {
                let written = candidate.trim_end().to_string();
                let rest = text[at + candidate.len()..].trim().to_string();
                return Some((before.to_string(), written, rest));
            }
            search_from = at + candidate.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> LineKind {
        classify_line(
            line,
            Context {
                next_is_blank: true,
                first_content: false,
                next_continues_in_list: false,
                next_is_sub_rule: false,
                next_is_list_or_table: false,
            },
        )
    }

    #[test]
    fn a_rule_leading_into_its_sub_rules_is_a_clause() {
        let context = Context {
            next_is_blank: true,
            first_content: false,
            next_continues_in_list: false,
            next_is_list_or_table: false,
            next_is_sub_rule: is_sub_rule(
                "4.1 The following rules apply to opening tenders:",
                "4.1.1 Tenders are opened together.",
            ),
        };
        assert!(context.next_is_sub_rule);
        assert!(matches!(
            classify_line("4.1 The following rules apply to opening tenders:", context),
            LineKind::Clause { .. }
        ));
        assert!(!is_sub_rule("4.1 Rules:", "4.2 Next."));
        assert!(!is_sub_rule("4.1 Rules:", "5.1.1 Elsewhere."));
    }

    #[test]
    fn clause_labels_in_their_forms() {
        for (line, label) in [
            ("4.1 Members have roles.", "4.1"),
            ("- 4.1. Members", "4.1."),
            ("- **4.1.** Members", "4.1."),
            ("5.3As part of", "5.3"),
            ("- 12.10 .The duration", "12.10"),
        ] {
            match kind(line) {
                LineKind::Clause { label: found, .. } => assert_eq!(found, label, "{line}"),
                other => panic!("{line}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_date_alone_is_never_a_heading() {
        assert!(is_date("March 2021"));
        assert!(is_date("14th March 2023"));
        assert!(!is_date("March Meetings"));
        assert!(!is_heading_text("March 2021", false));
        assert!(is_heading_text("Review in 2021", false));
        assert!(!is_heading_text(
            "End of Members and Officers- Protocol",
            false
        ));
        assert!(!is_heading_text(
            "This requirement is particularly important:",
            true
        ));
        assert!(is_heading_text(
            "Principles underlying Member – Officer relations :",
            true
        ));
    }

    #[test]
    fn headings() {
        assert_eq!(
            kind("5. The Role of Officers"),
            LineKind::Heading {
                label: Some("5.".into()),
                text: "The Role of Officers".into()
            }
        );
        assert_eq!(
            kind("31.2 The Nolan Principles"),
            LineKind::Heading {
                label: Some("31.2".into()),
                text: "The Nolan Principles".into()
            }
        );
        assert_eq!(
            kind("2. **PERFORMANCE OF OFFICERS**"),
            LineKind::Heading {
                label: Some("2.".into()),
                text: "PERFORMANCE OF OFFICERS".into()
            }
        );
        assert_eq!(
            kind("Principles"),
            LineKind::Heading {
                label: None,
                text: "Principles".into()
            }
        );
        assert!(matches!(
            kind("1.2 Members should expect officers to"),
            LineKind::Clause { .. }
        ));
        assert!(matches!(
            kind("Political Group Meetings:"),
            LineKind::Text { .. }
        ));
    }

    #[test]
    fn page_numbers_are_page_furniture() {
        for line in [
            "Page 3",
            "Page 3 of 12",
            "Part 6C - Page 1",
            "Section 31 – page 4",
            "PAGE 2 OF 9",
        ] {
            assert_eq!(kind(line), LineKind::PageFurniture, "{line}");
        }
        for line in [
            "1.1 See page 3 of the guidance.",
            "The page 3 rule applies to every member of the council at all times.",
            "Homepage 3",
            "Page three",
        ] {
            assert_ne!(kind(line), LineKind::PageFurniture, "{line}");
        }
    }

    #[test]
    fn items_and_noise() {
        assert!(matches!(
            kind(" - o to clarify"),
            LineKind::Item {
                bullet: Bullet::Circle,
                ..
            }
        ));
        assert!(matches!(
            kind("- (a) eliminate"),
            LineKind::Item {
                marker: Some(_),
                ..
            }
        ));
        assert_eq!(kind("•"), LineKind::StrayMarker);
        assert_eq!(kind(":"), LineKind::Punctuation(":".into()));
    }

    #[test]
    fn splits_only_the_expected_next_clause() {
        let (first, label, rest) =
            split_run_on_clause("10.1.", "so informed. 10.2. A Scrutiny Committee").unwrap();
        assert_eq!(
            (first.as_str(), label.as_str(), rest.as_str()),
            ("so informed.", "10.2.", "A Scrutiny Committee")
        );
        assert!(split_run_on_clause("10.5.", "Subject to 10.4 above, officers").is_none());
    }
}
