//! A document as the units a search finds: each section under its
//! heading, each clause (the clauses inside a clause too), each term's
//! definition, and the text before the first heading.

use serde::Serialize;

use crate::model::{Block, Document, plain_text, row_text};

/// What a unit of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// The text before the first heading.
    Opening,
    /// A heading and the text under it up to its first clause.
    Section,
    /// A numbered clause, its items and paragraphs.
    Clause,
    /// The paragraph that defines a term.
    Definition,
}

/// One place a search can lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    /// Its anchor on the document's page; empty for the top of the page.
    pub anchor: String,
    /// Its number as written without the point ("4.12"), if it has one.
    pub label: String,
    /// Its own heading: a section's title, or the term a definition defines.
    pub title: String,
    /// The heading of the section it is in, for a clause.
    pub context: String,
    /// Its words, paragraphs and items one after another.
    pub text: String,
}

/// Every unit of `document`, in reading order (definitions last).
pub fn units(document: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut opening = String::new();
    walk(&document.preamble, "", &mut opening, &mut out);
    if !opening.trim().is_empty() {
        out.insert(0, unit(UnitKind::Opening, "", "", "", "", opening));
    }
    for section in &document.sections {
        let title = plain_text(&section.title);
        let label = section.label.as_ref().map(|l| l.number()).unwrap_or("");
        let at = out.len();
        let mut text = String::new();
        walk(&section.blocks, &title, &mut text, &mut out);
        out.insert(
            at,
            unit(UnitKind::Section, &section.id, label, &title, "", text),
        );
    }
    let paragraphs = document.paragraphs();
    for definition in document.definitions() {
        let text = paragraphs
            .iter()
            .find(|p| p.span == definition.span)
            .map(|p| plain_text(&p.content))
            .unwrap_or_default();
        out.push(unit(
            UnitKind::Definition,
            &definition.anchor,
            "",
            &definition.term,
            "",
            text,
        ));
    }
    out
}

fn unit(
    kind: UnitKind,
    anchor: &str,
    label: &str,
    title: &str,
    context: &str,
    text: String,
) -> Unit {
    Unit {
        kind,
        anchor: anchor.to_string(),
        label: label.to_string(),
        title: title.to_string(),
        context: context.to_string(),
        text: text.trim().to_string(),
    }
}

/// Appends the text of `blocks` to `text`, and a unit of each clause
/// among them to `out`.
fn walk(blocks: &[Block], context: &str, text: &mut String, out: &mut Vec<Unit>) {
    for block in blocks {
        match block {
            Block::Clause(clause) => {
                let at = out.len();
                let mut own = String::new();
                walk(&clause.body, context, &mut own, out);
                out.insert(
                    at,
                    unit(
                        UnitKind::Clause,
                        &clause.id,
                        clause.label.number(),
                        "",
                        context,
                        own,
                    ),
                );
            }
            Block::Paragraph(paragraph) => push_line(text, &plain_text(&paragraph.content)),
            Block::List(list) => {
                for item in &list.items {
                    if let Some(marker) = &item.marker {
                        push_line(text, &marker.written);
                    }
                    walk(&item.body, context, text, out);
                }
            }
            Block::Quote(quote) => walk(&quote.body, context, text, out),
            Block::Table(table) => {
                if let Some(caption) = &table.caption {
                    push_line(text, &plain_text(&caption.content));
                }
                push_line(text, &row_text(&table.header));
                for row in &table.rows {
                    push_line(text, &row_text(row));
                }
            }
        }
    }
}

/// `line` after what `text` holds, a space between.
fn push_line(text: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(line);
}
