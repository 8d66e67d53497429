//! Cross-reference lints: links to clauses and documents, and plain-text
//! references such as "Subject to 10.4 above".

use crate::check::locate;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{Block, Council, Document, Inline, LinkTarget, Span, plain_text};
use crate::source::label::leading_label;

pub fn check(council: &Council, document: &Document, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    visit_text(document, &mut |inlines, span| {
        links(council, document, inlines, &mut out);
        text_references(document, inlines, span, source, &mut out);
    });
    out
}

/// Calls `f` with every run of inline text in the document and its block span.
pub fn visit_text(document: &Document, f: &mut dyn FnMut(&[Inline], Span)) {
    for section in &document.sections {
        f(&section.title, section.span);
    }
    let blocks = document
        .preamble
        .iter()
        .chain(document.sections.iter().flat_map(|s| &s.blocks));
    for block in blocks {
        visit_block(block, f);
    }
}

fn visit_block(block: &Block, f: &mut dyn FnMut(&[Inline], Span)) {
    match block {
        Block::Clause(c) => c.body.iter().for_each(|b| visit_block(b, f)),
        Block::Paragraph(p) => f(&p.content, p.span),
        Block::List(l) => l
            .items
            .iter()
            .flat_map(|i| &i.body)
            .for_each(|b| visit_block(b, f)),
        Block::Quote(q) => q.body.iter().for_each(|b| visit_block(b, f)),
        Block::Table(t) => t
            .caption
            .iter()
            .chain(t.cells())
            .for_each(|cell| f(&cell.content, cell.span)),
    }
}

/// Does `document` have a clause or section with this label?
pub fn has_label(document: &Document, label: &str) -> bool {
    let wanted = label.trim_end_matches('.');
    document.clause_by_label(wanted).is_some()
        || document
            .sections
            .iter()
            .filter_map(|s| s.label.as_ref())
            .any(|l| l.number() == wanted)
}

fn labels(document: &Document) -> Vec<&str> {
    let clauses = document.clauses().map(|c| c.label.number());
    let sections = document
        .sections
        .iter()
        .filter_map(|s| s.label.as_ref())
        .map(|l| l.number());
    clauses.chain(sections).collect()
}

fn links(council: &Council, document: &Document, inlines: &[Inline], out: &mut Vec<Diagnostic>) {
    for inline in inlines {
        if let Inline::Link { content, span, .. } = inline
            && plain_text(content)
                .chars()
                .all(|c| c.is_whitespace() || crate::check::text::is_invisible(c))
        {
            out.push(
                Diagnostic::error(
                    "empty-link",
                    "this link has no visible text (nothing, or only spaces and invisible characters), so a reader sees nothing where it points",
                )
                .with_span(*span)
                .with_help(
                    "write the words a reader sees between the brackets: `[paragraph 2.1](#2.1)`",
                ),
            );
        }
        match inline {
            Inline::Link {
                target:
                    LinkTarget::CrossRef {
                        document: doc,
                        clause,
                    },
                span,
                content,
            } => {
                if let Some(d) =
                    resolve_link(council, document, doc.as_deref(), clause.as_deref(), *span)
                {
                    out.push(d);
                }
                links(council, document, content, out);
            }
            Inline::Link { content, .. }
            | Inline::Emphasis { content }
            | Inline::Strong { content } => links(council, document, content, out),
            _ => {}
        }
    }
}

fn resolve_link(
    council: &Council,
    current: &Document,
    doc: Option<&str>,
    clause: Option<&str>,
    span: Span,
) -> Option<Diagnostic> {
    let broken = |message: String, help: String| {
        Some(
            Diagnostic::error("broken-reference", message)
                .with_span(span)
                .with_help(help),
        )
    };
    if doc.is_none() && clause.is_none_or(str::is_empty) {
        return broken(
            "this link has an empty target".to_string(),
            "point it at a clause (`#6.5`), another document (`document-id#6.5`) or a web address (`https://...`)"
                .to_string(),
        );
    }
    let target = match doc {
        None => current,
        Some(id) => match council.document(id) {
            Some(d) => d,
            None => {
                let ids = council.documents.iter().map(|d| d.id.as_str());
                let hint = match did_you_mean(id, ids) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "link to a document by its file name without `.md`".to_string(),
                };
                return broken(
                    format!("no document `{id}` in council `{}`", council.id),
                    hint,
                );
            }
        },
    };
    let label = clause.filter(|c| !c.is_empty())?;
    if has_label(target, label) || target.definition_by_anchor(label).is_some() {
        return None;
    }
    let hint = match did_you_mean(label, labels(target)) {
        Some(best) => format!("did you mean {best}?"),
        None => "link to a clause by its number, such as `#6.5`, or to a defined term's definition, such as `#d-chief-officer`".to_string(),
    };
    broken(
        format!("no clause or section {label} in `{}`", target.id),
        hint,
    )
}

/// "10.4 above", "clause 6.5", "paragraph 3.2": a number that should exist.
fn text_references(
    document: &Document,
    inlines: &[Inline],
    span: Span,
    source: &str,
    out: &mut Vec<Diagnostic>,
) {
    let text = plain_text(inlines);
    // A number such as 10.4 is a word starting with a digit: look only there.
    let digits = text.bytes().enumerate().filter(|(_, b)| b.is_ascii_digit());
    for (at, _) in digits {
        if !text[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
        {
            continue;
        }
        let end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i);
        let word = &text[at..end];
        let Some((len, parts)) = leading_label(word, 2) else {
            continue;
        };
        if parts.len() < 2 || len < word.trim_end_matches([',', ';', ')']).len() {
            continue;
        }
        let is = |word: Option<&str>, names: &[&str]| {
            word.is_some_and(|w| names.iter().any(|n| w.eq_ignore_ascii_case(n)))
        };
        let previous = text[..at].trim_end().rsplit(char::is_whitespace).next();
        let after = text[end..]
            .split_whitespace()
            .next()
            .map(|w| w.trim_end_matches([',', '.', ';']));
        let is_reference = is(after, &["above", "below"])
            || is(
                previous,
                &[
                    "clause",
                    "paragraph",
                    "paragraphs",
                    "clauses",
                    "rule",
                    "rules",
                ],
            );
        let number = &word[..len];
        if is_reference && !has_label(document, number) {
            out.push(
                Diagnostic::warning("broken-reference", format!("the text refers to {number}, which is not in this document"))
                    .with_span(locate(source, span, number, false))
                    .with_help("correct the number, or make it a link such as `[6.5](#6.5)` so clerk can follow it"),
            );
        }
    }
}
