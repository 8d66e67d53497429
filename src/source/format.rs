//! The canonical source form `clerk fmt` writes.
//!
//! Each rule rewrites the Markdown body a line at a time, and is kept only
//! if the document it gives reads exactly as before (the same preamble,
//! sections, clauses, labels as written, lists and text, once source
//! positions are set aside): formatting never changes what is published.
//! The front matter is left as written, comments and all.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::source::{front_matter, parse_document};

/// A document in canonical form, and the rules that changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// What changed, such as "list markers written as `-`", in rule order.
    pub changed: Vec<&'static str>,
    /// Rules that would have changed what the document says here, so were
    /// not applied (two lists with different markers side by side, say).
    pub declined: Vec<&'static str>,
}

/// One rewrite of the body's lines.
struct Rule {
    /// What it does, as `clerk fmt` reports it.
    says: &'static str,
    apply: fn(&str) -> String,
}

const RULES: &[Rule] = &[
    Rule {
        says: "trailing spaces and tabs removed",
        apply: trailing_whitespace,
    },
    Rule {
        says: "headings written as `# title`",
        apply: atx_headings,
    },
    Rule {
        says: "list markers written as `-`",
        apply: dash_bullets,
    },
    Rule {
        says: "bold clause labels written plain",
        apply: plain_labels,
    },
    Rule {
        says: "one space after a clause label",
        apply: one_space_after_label,
    },
    Rule {
        says: "one blank line between blocks",
        apply: blank_lines,
    },
    Rule {
        says: "a clause's further paragraphs and tables indented three spaces (one after a list)",
        apply: clause_indents,
    },
];

/// The canonical form of a protocol document's source. Fails only where
/// the document does not parse (missing or broken front matter).
pub fn format_document(original: &str) -> Result<Formatted, Diagnostic> {
    let meaning = meaning(original)?;
    let mut changed = Vec::new();
    let mut declined = Vec::new();
    let mut source = original.strip_prefix('\u{feff}').unwrap_or(original);
    if source.len() < original.len() {
        changed.push("byte-order mark removed");
    }
    let unix = unix_line_endings(source);
    if unix != source {
        match meaning_of("", &unix).as_ref() == Some(&meaning) {
            true => changed.push("line endings written as LF"),
            false => declined.push("line endings written as LF"),
        }
    }
    if changed.last() == Some(&"line endings written as LF") {
        source = &unix;
    }
    let split = front_matter::split(source)?;
    let head = &source[..split.body_offset];
    let mut body = split.body.to_string();
    for rule in RULES {
        let candidate = (rule.apply)(&body);
        if candidate == body {
            continue;
        }
        if meaning_of(head, &candidate).as_ref() == Some(&meaning) {
            body = candidate;
            changed.push(rule.says);
        } else {
            declined.push(rule.says);
        }
    }
    let mut text = String::with_capacity(head.len() + body.len());
    text.push_str(head);
    text.push_str(&body);
    Ok(Formatted {
        text,
        changed,
        declined,
    })
}

/// What a document says: the model as JSON, which holds no place in the
/// source.
fn meaning(source: &str) -> Result<Value, Diagnostic> {
    let document = parse_document("document", source)?.document;
    Ok(serde_json::json!({
        "front_matter": document.front_matter,
        "preamble": document.preamble,
        "sections": document.sections,
    }))
}

fn meaning_of(head: &str, body: &str) -> Option<Value> {
    meaning(&format!("{head}{body}")).ok()
}

/// Rebuilds `body` line by line, each line given with the line after it.
fn each_line(body: &str, mut rewrite: impl FnMut(&str, Option<&str>) -> String) -> String {
    let lines: Vec<&str> = body.split('\n').collect();
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&rewrite(line, lines.get(i + 1).copied()));
    }
    out
}

fn unix_line_endings(body: &str) -> String {
    body.replace("\r\n", "\n").replace('\r', "\n")
}

/// Trailing blanks go, except two or more spaces before a line that
/// continues the paragraph: that is a line break, kept as written.
fn trailing_whitespace(body: &str) -> String {
    each_line(body, |line, next| {
        let trimmed = line.trim_end_matches([' ', '\t']);
        let spaces = &line[trimmed.len()..];
        let hard_break = spaces.len() >= 2
            && spaces.bytes().all(|b| b == b' ')
            && !trimmed.trim().is_empty()
            && next.is_some_and(|n| !n.trim().is_empty());
        if hard_break {
            line.to_string()
        } else {
            trimmed.to_string()
        }
    })
}

/// `#` marks, one space, the title: no closing `#`s, no extra spaces.
fn atx_headings(body: &str) -> String {
    each_line(body, |line, _| {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let rest = &line[hashes..];
        if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return line.to_string();
        }
        let mut title = rest.trim();
        // A closing sequence is `#`s after a space.
        let without = title.trim_end_matches('#');
        if without.len() < title.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
            title = without.trim_end();
        }
        if title.is_empty() {
            "#".repeat(hashes)
        } else {
            format!("{} {title}", "#".repeat(hashes))
        }
    })
}

/// Bullets written `-`, whatever marker the source used (`*`, `+`).
fn dash_bullets(body: &str) -> String {
    each_line(body, |line, _| {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some('*' | '+'), Some(' ' | '\t')) if indent < 16 => {
                format!("{}-{}", &line[..indent], &rest[1..])
            }
            _ => line.to_string(),
        }
    })
}

/// `**4.1.** Text` written `4.1. Text`: the label is the label, bold or not.
fn plain_labels(body: &str) -> String {
    each_line(body, |line, _| {
        let indent = line.len() - line.trim_start().len();
        let Some(rest) = line[indent..].strip_prefix("**") else {
            return line.to_string();
        };
        let Some(end) = rest.find("**") else {
            return line.to_string();
        };
        let label = rest[..end].trim();
        if label.is_empty() || label_length(label) != Some(label.len()) {
            return line.to_string();
        }
        let after = rest[end + 2..].trim_start();
        match after.is_empty() {
            true => format!("{}{label}", &line[..indent]),
            false => format!("{}{label} {after}", &line[..indent]),
        }
    })
}

/// `4.1<tab>Text` or `4.1   Text` written `4.1 Text`.
fn one_space_after_label(body: &str) -> String {
    each_line(body, |line, _| {
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        let Some(len) = label_length(rest) else {
            return line.to_string();
        };
        let after = &rest[len..];
        let text = after.trim_start_matches([' ', '\t']);
        if after.len() == text.len()
            || text.is_empty()
            || after.starts_with(' ') && after.len() - text.len() == 1
        {
            return line.to_string();
        }
        format!("{}{} {text}", &line[..indent], &rest[..len])
    })
}

/// How long a clause label at the start of `text` is (`4.1`, `4.1.`,
/// `12.3.2`), if one is there.
fn label_length(text: &str) -> Option<usize> {
    crate::source::label::leading_label(text, 2).map(|(len, _)| len)
}

/// Exactly one blank line between blocks, one before and after each
/// heading and one after the front matter, one newline at the end.
/// The blocks indented under a clause (its further paragraphs, tables and
/// notes) indented by three spaces; after a list, by one, since two or
/// more would join the block to the list's last item. A block indented two
/// or more after a list is that item's own, and is left as it is.
fn clause_indents(body: &str) -> String {
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let is_item = |line: &str| {
        let line = line.trim_start();
        ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
            || line.split_once(['.', ')']).is_some_and(|(n, rest)| {
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(' ')
            })
    };
    let mut out: Vec<String> = Vec::new();
    let mut after_list = false;
    for block in body.split("\n\n") {
        let first = block.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let n = indent(first);
        let item = is_item(first);
        // A quotation belongs to the clause however it is indented.
        let quote = first.trim_start().starts_with('>');
        let target = match (n, after_list) {
            _ if quote => None,
            (1..=3, false) if !item => Some(3),
            (1, true) if !item => Some(1),
            _ => None,
        };
        let rewritten = match target {
            Some(target) if target != n => block
                .split('\n')
                .map(|line| match line.trim().is_empty() {
                    true => line.to_string(),
                    false => {
                        let own = indent(line).min(n);
                        format!("{}{}", " ".repeat(target), &line[own..])
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => block.to_string(),
        };
        out.push(rewritten);
        after_list = item || (after_list && n >= 2);
    }
    out.join("\n\n")
}

fn blank_lines(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1);
    out.push('\n');
    let mut blank_before = false;
    let mut after_heading = false;
    for line in body.split('\n') {
        let heading = line.starts_with('#')
            && line
                .trim_start_matches('#')
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t');
        if line.trim().is_empty() {
            blank_before = out.len() > 1;
            continue;
        }
        if out.len() > 1 && (blank_before || heading || after_heading) {
            out.push_str("\n\n");
        } else if out.len() > 1 {
            out.push('\n');
        }
        out.push_str(line);
        blank_before = false;
        after_heading = heading;
    }
    match out.len() {
        1 => String::new(),
        _ => {
            out.push('\n');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "+++\ncouncil = \"x\"\ntitle = \"T\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n";

    fn format(body: &str) -> Formatted {
        format_document(&format!("{HEAD}{body}")).unwrap()
    }

    #[test]
    fn writes_the_canonical_form() {
        let messy = "\r\n\r\n#  1. Scope  ##\r\n1.1\tMembers   \r\n\r\n\r\n\r\n**1.2.** Officers:\r\n\r\n* one\r\n* two\r\n";
        let formatted = format(messy);
        assert_eq!(
            formatted.text,
            format!("{HEAD}\n# 1. Scope\n\n1.1 Members\n\n1.2. Officers:\n\n- one\n- two\n")
        );
        assert!(formatted.declined.is_empty(), "{:?}", formatted.declined);
    }

    #[test]
    fn is_idempotent() {
        let once = format("\n\n# 1. Scope\n1.1    Text\n\n\n+ item\n");
        let twice = format_document(&once.text).unwrap();
        assert_eq!(twice.text, once.text);
        assert!(twice.changed.is_empty());
    }

    #[test]
    fn declines_a_rule_that_would_change_the_document() {
        // Two lists, one after the other: the same marker would make them one.
        let formatted = format("Intro:\n\n- one\n* two\n");
        assert_eq!(formatted.declined, ["list markers written as `-`"]);
        assert!(formatted.text.ends_with("- one\n* two\n"));
    }

    #[test]
    fn keeps_a_line_break() {
        let formatted = format("1.1 First line  \nsecond line\n");
        assert!(formatted.text.contains("First line  \nsecond"));
    }

    #[test]
    fn leaves_the_front_matter_as_written() {
        let source = "+++\n# A comment   \ncouncil = \"x\"   \ntitle = \"T\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n1.1 Text\n";
        assert!(
            format_document(source)
                .unwrap()
                .text
                .starts_with("+++\n# A comment   \ncouncil = \"x\"   \n")
        );
    }
}
