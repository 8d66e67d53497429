//! Numbering lints: duplicates, gaps, order, and clauses under the wrong heading.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Block, Document, Label, Section};

pub fn check(document: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let clause_labels: Vec<&Label> = document.clauses().map(|c| &c.label).collect();
    duplicates(&clause_labels, "clause", &mut out);
    sequence(&clause_labels, "clause", &mut out);
    for level in heading_levels(document) {
        let section_labels: Vec<&Label> = document
            .sections
            .iter()
            .filter(|s| s.level == level)
            .filter_map(|s| s.label.as_ref())
            .collect();
        duplicates(&section_labels, "section", &mut out);
        sequence(&section_labels, "section", &mut out);
    }
    for section in &document.sections {
        section_mismatch(section, &mut out);
    }
    out
}

fn heading_levels(document: &Document) -> Vec<u8> {
    let mut levels: Vec<u8> = document.sections.iter().map(|s| s.level).collect();
    levels.sort_unstable();
    levels.dedup();
    levels
}

fn duplicates(labels: &[&Label], what: &str, out: &mut Vec<Diagnostic>) {
    let mut first_seen: HashMap<&[u32], &Label> = HashMap::new();
    for label in labels {
        match first_seen.get(label.parts.as_slice()) {
            Some(first) => out.push(
                Diagnostic::error(
                    "duplicate-number",
                    format!("{what} number {} is used twice", label.number()),
                )
                .with_span(label.span)
                .with_label(format!("{} was already used", first.number()))
                .with_help(format!(
                    "renumber one of them; references to {} are ambiguous until then",
                    label.number()
                )),
            ),
            None => {
                first_seen.insert(&label.parts, label);
            }
        }
    }
}

/// Compares each label with the one before it at the same depth.
fn sequence(labels: &[&Label], what: &str, out: &mut Vec<Diagnostic>) {
    let mut previous: Option<&Label> = None;
    for label in labels {
        if let Some(message) = step_problem(previous, label) {
            let (code, help) = match message {
                Step::Gap(_) => (
                    "numbering-gap",
                    format!(
                        "the {what}s between may have been deleted without renumbering, or a {what} is missing"
                    ),
                ),
                Step::Backwards => (
                    "numbering-order",
                    format!("check the order of the {what}s or their numbers"),
                ),
            };
            let text = match &message {
                Step::Gap(missing) => match previous {
                    Some(p) => format!(
                        "{what} {} follows {}: {missing} missing",
                        label.number(),
                        p.number()
                    ),
                    None => format!(
                        "{what} numbering starts at {}: {missing} missing",
                        label.number()
                    ),
                },
                Step::Backwards => format!(
                    "{what} {} comes after {}",
                    label.number(),
                    previous.map(|p| p.number()).unwrap_or_default()
                ),
            };
            out.push(
                Diagnostic::warning(code, text)
                    .with_span(label.span)
                    .with_help(help),
            );
        }
        previous = Some(label);
    }
}

enum Step {
    /// The labels that were skipped, as text such as "4.3" or "3.1 to 3.5".
    Gap(String),
    Backwards,
}

fn step_problem(previous: Option<&Label>, label: &Label) -> Option<Step> {
    let parts = &label.parts;
    let (parent, last) = parts.split_at(parts.len() - 1);
    let last = last[0];
    let expected_first = |parent: &[u32]| -> Option<Step> {
        (last > 1).then(|| Step::Gap(range_text(parent, 1, last - 1)))
    };
    let Some(previous) = previous else {
        // Only clause numbering must start at .1; a document may be one
        // section of a larger constitution and start its headings anywhere.
        return if parts.len() > 1 {
            expected_first(parent)
        } else {
            None
        };
    };
    let prev = &previous.parts;
    if prev == parts {
        return None; // reported as a duplicate
    }
    if prev.len() == parts.len() && prev[..prev.len() - 1] == *parent {
        let prev_last = prev[prev.len() - 1];
        return if last == prev_last + 1 {
            None
        } else if last > prev_last + 1 {
            Some(Step::Gap(range_text(parent, prev_last + 1, last - 1)))
        } else {
            Some(Step::Backwards)
        };
    }
    if parts.len() > prev.len() && parts[..prev.len()] == prev[..] {
        return expected_first(parent); // 6.5 then 6.5.1
    }
    if parts.len() > 1 && parent > &prev[..parent.len().min(prev.len())] {
        return expected_first(parent); // a new section's first clause
    }
    if parts.as_slice() < prev.as_slice() {
        return Some(Step::Backwards);
    }
    None
}

fn range_text(parent: &[u32], from: u32, to: u32) -> String {
    let label = |n: u32| {
        let mut parts: Vec<String> = parent.iter().map(u32::to_string).collect();
        parts.push(n.to_string());
        parts.join(".")
    };
    match to - from {
        0 => format!("{} is", label(from)),
        1 => format!("{} and {} are", label(from), label(to)),
        _ => format!("{} to {} are", label(from), label(to)),
    }
}

/// A clause whose first number differs from its section's number, which
/// usually means a heading went missing.
fn section_mismatch(section: &Section, out: &mut Vec<Diagnostic>) {
    let mut expected = section.label.as_ref().map(|l| l.parts[0]);
    for block in &section.blocks {
        let Block::Clause(clause) = block else {
            continue;
        };
        let first = clause.label.parts[0];
        match expected {
            None => expected = Some(first),
            Some(n) if n != first => {
                let heading = crate::model::plain_text(&section.title);
                out.push(
                    Diagnostic::warning(
                        "section-mismatch",
                        format!("clause {} sits under the heading \"{heading}\", whose clauses are numbered {n}", clause.label.number()),
                    )
                    .with_span(clause.label.span)
                    .with_help(format!("a heading for section {first} may be missing before this clause")),
                );
                expected = Some(first);
            }
            Some(_) => {}
        }
    }
}
