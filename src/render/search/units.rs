//! A document as the units a search finds: each section under its
//! heading, each clause (the clauses inside a clause too), each term's
//! definition, and the text before the first heading.

use serde::Serialize;

use crate::model::{Block, Document, defined_term, definition_anchor, plain_text, row_text};

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
    let mut walker = Walker::default();
    let mut opening = String::new();
    walker.walk(&document.preamble, "", &mut opening);
    if !opening.trim().is_empty() {
        walker
            .out
            .insert(0, unit(UnitKind::Opening, "", "", "", "", opening));
    }
    for section in &document.sections {
        let title = plain_text(&section.title);
        let label = section.label.as_ref().map(|l| l.number()).unwrap_or("");
        let at = walker.out.len();
        let mut text = String::new();
        walker.walk(&section.blocks, &title, &mut text);
        walker.out.insert(
            at,
            unit(UnitKind::Section, &section.id, label, &title, "", text),
        );
    }
    let Walker {
        mut out,
        definitions,
    } = walker;
    out.extend(definitions);
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

/// The units found so far, and the definitions: each term's first, as
/// [`Document::definitions`] finds them, in reading order.
#[derive(Default)]
struct Walker {
    out: Vec<Unit>,
    definitions: Vec<Unit>,
}

impl Walker {
    /// Appends the text of `blocks` to `text`, and a unit of each clause
    /// among them to the units.
    fn walk(&mut self, blocks: &[Block], context: &str, text: &mut String) {
        for block in blocks {
            match block {
                Block::Clause(clause) => {
                    let at = self.out.len();
                    let mut own = String::new();
                    self.walk(&clause.body, context, &mut own);
                    self.out.insert(
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
                Block::Paragraph(paragraph) => {
                    let line = plain_text(&paragraph.content);
                    self.define(&line);
                    push_line(text, &line);
                }
                Block::List(list) => {
                    for item in &list.items {
                        if let Some(marker) = &item.marker {
                            push_line(text, &marker.written);
                        }
                        self.walk(&item.body, context, text);
                    }
                }
                Block::Quote(quote) => self.walk(&quote.body, context, text),
                Block::Table(table) => {
                    for cell in table.caption.iter().chain(table.cells()) {
                        self.define(&plain_text(&cell.content));
                    }
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

    /// A unit of the term `paragraph` defines, if it defines one not
    /// defined before.
    fn define(&mut self, paragraph: &str) {
        let Some(term) = defined_term(paragraph) else {
            return;
        };
        if self.definitions.iter().any(|d| d.title == term) {
            return;
        }
        let anchor = definition_anchor(term);
        let term = term.to_string();
        self.definitions.push(unit(
            UnitKind::Definition,
            &anchor,
            "",
            &term,
            "",
            paragraph.to_string(),
        ));
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
