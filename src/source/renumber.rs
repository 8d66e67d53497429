//! Renumbering a document's sections and clauses after insertions,
//! deletions and moves, in the document's own label style, and the edits
//! that make every cross-reference follow.
//!
//! Numbers are given in document order: top-level section numbers run on
//! from the first; a clause or sub-clause takes the new number of the
//! section or clause its old number names, and counts from 1 under it. A
//! clause whose old prefix names no numbered parent (a heading that lost
//! its number) keeps its prefix and is counted under it. A number that two
//! clauses share is ambiguous: references to it are reported, not guessed.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Block, Document, Inline, Label, LinkTarget, Span};

/// What renumbering a document changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renumbering {
    /// Each old number and its new one, in document order (unchanged ones too).
    pub numbers: Vec<(String, String)>,
    /// Old numbers that two or more clauses had.
    pub ambiguous: BTreeSet<String>,
    /// Source edits to the document itself: (span, replacement).
    pub edits: Vec<(Span, String)>,
}

impl Renumbering {
    /// The new number of an old one, if it is unambiguous and changes.
    pub fn renumbered(&self, old: &str) -> Option<&str> {
        if self.ambiguous.contains(old) {
            return None;
        }
        self.numbers
            .iter()
            .find(|(o, _)| o == old)
            .map(|(_, n)| n.as_str())
            .filter(|n| *n != old)
    }

    /// Whether any number changes.
    pub fn changes(&self) -> bool {
        self.numbers.iter().any(|(o, n)| o != n)
    }
}

/// The new numbers of a document's labels, and the edits to its labels.
pub fn renumber(document: &Document) -> Renumbering {
    // Each label with the number of the section it stands in, when that
    // section is numbered with one part ("# 4. Roles").
    let mut labels: Vec<&Label> = Vec::new();
    let mut sections: Vec<Option<&Label>> = Vec::new();
    for block in &document.preamble {
        collect_labels(block, &mut labels);
    }
    sections.resize(labels.len(), None);
    for section in &document.sections {
        labels.extend(section.label.as_ref());
        for block in &section.blocks {
            collect_labels(block, &mut labels);
        }
        let numbered = section.label.as_ref().filter(|l| l.parts.len() == 1);
        sections.resize(labels.len(), numbered);
    }
    let mut out = Renumbering::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for label in &labels {
        *seen.entry(label.number().to_string()).or_default() += 1;
    }
    out.ambiguous = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(number, _)| number)
        .collect();
    let first_top = labels
        .iter()
        .find(|l| l.parts.len() == 1)
        .map(|l| l.parts[0]);
    let mut next_top = first_top.unwrap_or(1);
    // The latest new number given to each old number, and the count under each prefix.
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut counters: HashMap<String, u32> = HashMap::new();
    for (label, section) in labels.into_iter().zip(sections) {
        let old = label.number().to_string();
        let new = match label.parts.as_slice() {
            [] => continue,
            [_] => {
                let n = next_top;
                next_top += 1;
                n.to_string()
            }
            parts => {
                let old_prefix = join(&parts[..parts.len() - 1]);
                // A clause moved into a numbered section ("5.2" now under
                // "# 4. Roles") counts under that section; otherwise under
                // the section or clause its number names.
                let old_prefix = match section {
                    Some(section) if parts.len() == 2 && !std::ptr::eq(section, label) => {
                        section.number().to_string()
                    }
                    _ => old_prefix,
                };
                let prefix = renamed.get(&old_prefix).cloned().unwrap_or(old_prefix);
                let count = counters.entry(prefix.clone()).or_insert(0);
                *count += 1;
                format!("{prefix}.{count}")
            }
        };
        renamed.insert(old.clone(), new.clone());
        if new != old {
            let dot = if label.written.ends_with('.') {
                "."
            } else {
                ""
            };
            // A word before the number, as in "Rule 12", stays.
            let digits = label.written.find(|c: char| c.is_ascii_digit());
            let before = &label.written[..digits.unwrap_or(0)];
            out.edits.push((label.span, format!("{before}{new}{dot}")));
        }
        out.numbers.push((old, new));
    }
    out
}

fn join(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn collect_labels<'a>(block: &'a Block, out: &mut Vec<&'a Label>) {
    match block {
        Block::Clause(clause) => {
            out.push(&clause.label);
            clause.body.iter().for_each(|b| collect_labels(b, out));
        }
        Block::List(list) => list
            .items
            .iter()
            .flat_map(|i| &i.body)
            .for_each(|b| collect_labels(b, out)),
        Block::Quote(quote) => quote.body.iter().for_each(|b| collect_labels(b, out)),
        Block::Paragraph(_) | Block::Table(_) => {}
    }
}

/// A cross-reference in a source that renumbering touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// Rewritten: the span of the number in the source and the new number.
    Rewritten(Span, String),
    /// Left as it is: the number is ambiguous.
    Ambiguous { span: Span, number: String },
}

/// The cross-references in `citing` to clauses of the document `target`
/// (`citing` may be that document), and how each is rewritten: a link's
/// destination, its text where the text is the old number, and, in the
/// document itself, a number written after "paragraph", "clause", "para"
/// or "see" ("see 12.16", "paragraph 4.3").
pub fn references(
    citing: &Document,
    source: &str,
    target: &str,
    renumbering: &Renumbering,
) -> Vec<Reference> {
    let mut links: Vec<Link<'_>> = Vec::new();
    for section in &citing.sections {
        collect_links(&section.title, &mut links);
    }
    for paragraph in citing.paragraphs() {
        collect_links(&paragraph.content, &mut links);
    }
    let mut out = Vec::new();
    for (link, content, span) in links {
        let LinkTarget::CrossRef {
            document,
            clause: Some(number),
        } = link
        else {
            continue;
        };
        let here = document.as_deref().is_none_or(|d| d == target);
        let same_document = citing.id == target;
        if !(here && (document.is_some() || same_document)) {
            continue;
        }
        let number = number.trim_end_matches('.');
        if renumbering.ambiguous.contains(number) {
            out.push(Reference::Ambiguous {
                span,
                number: number.to_string(),
            });
            continue;
        }
        let Some(new) = renumbering.renumbered(number) else {
            continue;
        };
        let Some(written) = source.get(span.start..span.end) else {
            continue;
        };
        // The link's destination `(...#6.5)` and, when its text is the
        // number itself, the text `[6.5]`.
        let at = |needle: &str, skip: usize| {
            written
                .find(needle)
                .map(|i| Span::new(span.start + i + skip, span.start + i + skip + number.len()))
        };
        if let Some(place) = at(&format!("#{number})"), 1) {
            out.push(Reference::Rewritten(place, new.to_string()));
        }
        if crate::model::plain_text(content).trim() == number
            && let Some(place) = at(&format!("[{number}]"), 1)
        {
            out.push(Reference::Rewritten(place, new.to_string()));
        }
    }
    if citing.id == target {
        out.extend(written_references(source, renumbering));
    }
    out
}

/// Numbers written in the text after a word that names a clause:
/// "paragraph 4.3", "clause 12.16", "para 5.1", "see 10.4 above". Only
/// numbers of two or more parts: "section 151" is a title, not a reference;
/// but after "rule" any number, since rules are numbered "Rule 14".
fn written_references(source: &str, renumbering: &Renumbering) -> Vec<Reference> {
    const NAMING: &[&str] = &[
        "paragraph ",
        "paragraphs ",
        "para ",
        "para. ",
        "clause ",
        "clauses ",
        "see ",
    ];
    let labels: Vec<Span> = renumbering.edits.iter().map(|(span, _)| *span).collect();
    numbers_after(source, NAMING)
        .into_iter()
        .filter(|(span, number)| {
            number.contains('.')
                && !labels
                    .iter()
                    .any(|l| l.start <= span.start && span.end <= l.end)
        })
        .chain(
            numbers_after(source, &["rule ", "rules "])
                .into_iter()
                .filter(|(span, _)| {
                    !labels
                        .iter()
                        .any(|l| l.start <= span.start && span.end <= l.end)
                }),
        )
        .filter_map(|(span, number)| reference(span, &number, renumbering))
        .collect()
}

/// Numbers another document writes with this one's name after them:
/// "section 15 of the Member/Officer Protocol", "paragraph 4.3 of the
/// Protocol on member and officer relations". `names` are the document's
/// title and the names it is `known_as`; a number of one part counts here,
/// since the name says what it numbers.
pub fn prose_references(source: &str, names: &[&str], renumbering: &Renumbering) -> Vec<Reference> {
    const NAMING: &[&str] = &[
        "section ",
        "sections ",
        "paragraph ",
        "paragraphs ",
        "para ",
        "para. ",
        "clause ",
        "clauses ",
    ];
    let names: Vec<String> = names
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    let lower = source.to_ascii_lowercase();
    numbers_after(source, NAMING)
        .into_iter()
        .filter(|(span, _)| {
            let after = lower[span.end..].trim_start_matches('.').trim_start();
            let Some(after) = after.strip_prefix("of ") else {
                return false;
            };
            let after = after.trim_start();
            let after = after.strip_prefix("the ").unwrap_or(after).trim_start();
            names.iter().any(|name| starts_with_words(after, name))
        })
        .filter_map(|(span, number)| reference(span, &number, renumbering))
        .collect()
}

/// Every number written in the body after one of the `naming` words (any
/// case; the word whole), with its span: "Paragraph 4.3" gives 4.3.
fn numbers_after(source: &str, naming: &[&str]) -> Vec<(Span, String)> {
    // Only the body: never the front matter.
    let body = crate::source::front_matter::split(source).map_or(0, |s| s.body_offset);
    // ASCII case only, so offsets in it are offsets in the source.
    let lower = source.to_ascii_lowercase();
    let mut out = Vec::new();
    for word in naming {
        for (at, _) in lower.match_indices(word) {
            let start = at + word.len();
            let inside_a_word = lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if at < body || inside_a_word {
                continue;
            }
            let written: String = source[start..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let number = written.trim_end_matches('.');
            if number.is_empty() || number.starts_with('.') {
                continue;
            }
            out.push((Span::new(start, start + number.len()), number.to_string()));
        }
    }
    out
}

/// What renumbering does to a reference to `number` at `span`: rewrites
/// it, reports it (two clauses had the number), or leaves it.
fn reference(span: Span, number: &str, renumbering: &Renumbering) -> Option<Reference> {
    if renumbering.ambiguous.contains(number) {
        return Some(Reference::Ambiguous {
            span,
            number: number.to_string(),
        });
    }
    renumbering
        .renumbered(number)
        .map(|new| Reference::Rewritten(span, new.to_string()))
}

/// Whether `text` starts with the words of `name`, whatever blanks or line
/// breaks stand between them, ending at the end of a word.
fn starts_with_words(text: &str, name: &str) -> bool {
    let mut rest = text;
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                return false;
            }
            rest = trimmed;
        }
        match rest.strip_prefix(word) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    !rest.chars().next().is_some_and(char::is_alphanumeric)
}

type Link<'a> = (&'a LinkTarget, &'a [Inline], Span);

fn collect_links<'a>(inlines: &'a [Inline], out: &mut Vec<Link<'a>>) {
    for inline in inlines {
        match inline {
            Inline::Link {
                target,
                content,
                span,
            } => out.push((target, content, *span)),
            Inline::Emphasis { content } | Inline::Strong { content } => {
                collect_links(content, out)
            }
            _ => {}
        }
    }
}

/// `source` with each span replaced by its text (spans must not overlap).
pub fn apply_edits(source: &str, edits: &[(Span, String)]) -> String {
    let mut edits: Vec<&(Span, String)> = edits.iter().collect();
    edits.sort_by_key(|(span, _)| span.start);
    let mut out = String::with_capacity(source.len());
    let mut last = 0;
    for (span, text) in edits {
        if span.start < last || span.end > source.len() {
            continue;
        }
        out.push_str(&source[last..span.start]);
        out.push_str(text);
        last = span.end;
    }
    out.push_str(&source[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_document;

    fn parse(body: &str) -> (Document, String) {
        let source = format!(
            "+++\ncouncil = \"t\"\ntitle = \"P\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n{body}"
        );
        (parse_document("p", &source).unwrap().document, source)
    }

    #[test]
    fn numbers_close_up_and_references_follow() {
        let (document, source) = parse(
            "# 4. Roles\n\n4.1 Members set policy.\n\n4.2 Officers advise.\n\n4.4. Subject to [4.2](#4.2), officers act.\n\n4.4.1 In writing.\n\n# 6. Conduct\n\n6.1 See [the advice clause](#4.4).\n\n6.2 As paragraph 4.4.1 says, and see 6.1 above; section 151 stays.\n",
        );
        let renumbering = renumber(&document);
        assert_eq!(renumbering.renumbered("4.4"), Some("4.3"));
        assert_eq!(renumbering.renumbered("4.4.1"), Some("4.3.1"));
        assert_eq!(renumbering.renumbered("6"), Some("5"));
        assert_eq!(renumbering.renumbered("6.1"), Some("5.1"));
        assert_eq!(renumbering.renumbered("4.2"), None, "unchanged");
        let mut edits = renumbering.edits.clone();
        for reference in references(&document, &source, "p", &renumbering) {
            if let Reference::Rewritten(span, text) = reference {
                edits.push((span, text));
            }
        }
        let fixed = apply_edits(&source, &edits);
        assert!(
            fixed.contains("4.3. Subject to [4.2](#4.2), officers act."),
            "{fixed}"
        );
        assert!(fixed.contains("4.3.1 In writing."), "{fixed}");
        assert!(fixed.contains("# 5. Conduct"), "{fixed}");
        assert!(
            fixed.contains("5.1 See [the advice clause](#4.3)."),
            "{fixed}"
        );
        assert!(
            fixed.contains("5.2 As paragraph 4.3.1 says, and see 5.1 above; section 151 stays."),
            "{fixed}"
        );
        // Renumbering what is renumbered changes nothing.
        let (again, _) = (parse_document("p", &fixed).unwrap().document, ());
        assert!(!renumber(&again).changes());
    }

    #[test]
    fn a_number_two_clauses_share_is_renumbered_but_references_to_it_are_reported() {
        let (document, source) =
            parse("# 5. Roles\n\n5.1 One.\n\n5.4 Two.\n\n5.4 Three, see [5.4](#5.4).\n");
        let renumbering = renumber(&document);
        let numbers: Vec<&str> = renumbering
            .numbers
            .iter()
            .map(|(_, n)| n.as_str())
            .collect();
        assert_eq!(numbers, ["5", "5.1", "5.2", "5.3"]);
        let found = references(&document, &source, "p", &renumbering);
        assert!(
            matches!(&found[..], [Reference::Ambiguous { number, .. }] if number == "5.4"),
            "{found:?}"
        );
    }
}
