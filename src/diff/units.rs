//! The units a revision is compared in: every heading, clause, unnumbered
//! paragraph, list and quotation of a document, in order, with its text.

use serde::Serialize;

use crate::model::{Block, Document, blocks_plain_text, plain_text};

/// What kind of block a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Heading,
    Clause,
    Paragraph,
    List,
    Quote,
}

/// One comparable block of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// Position in the document's unit sequence.
    pub position: usize,
    /// The anchor id in the built HTML page (`c-6-5`, `s-5`), where it has one.
    pub anchor: Option<String>,
    pub kind: UnitKind,
    /// The clause or section number as written, such as `6.5.`.
    pub label: Option<String>,
    /// The heading of the section the unit sits in, such as `5. The Role of Officers`.
    pub section: String,
    /// The text, without the label; items and paragraphs on their own lines.
    pub text: String,
}

impl Unit {
    /// The label without a trailing dot, such as `6.5`.
    pub fn number(&self) -> Option<&str> {
        self.label.as_deref().map(|l| l.trim_end_matches('.'))
    }

    /// A short name for summaries: "6.5", "heading 5", or the first words.
    pub fn name(&self) -> String {
        match (&self.label, self.kind) {
            (Some(label), UnitKind::Heading) => format!("heading {}", label.trim_end_matches('.')),
            (Some(label), _) => label.trim_end_matches('.').to_string(),
            (None, UnitKind::Heading) => format!("heading \"{}\"", self.text),
            (None, _) => {
                let words: Vec<&str> = self.text.split_whitespace().take(6).collect();
                let more = self.text.split_whitespace().count() > 6;
                format!("\"{}{}\"", words.join(" "), if more { " ..." } else { "" })
            }
        }
    }
}

/// The text in Unicode's composed form (NFC), so the same word typed as
/// "é" or as "e" and a combining accent compares equal: the two look alike
/// on every page, and a revision that only changes the encoding changes nothing.
fn composed(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// The units of a document in reading order.
pub fn units(document: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut push =
        |anchor: Option<String>, kind, label: Option<String>, section: &str, text: String| {
            out.push(Unit {
                position: 0,
                anchor,
                kind,
                label,
                section: section.to_string(),
                text: composed(text),
            });
        };
    for block in &document.preamble {
        block_unit(block, "", &mut push);
    }
    for section in &document.sections {
        let title = plain_text(&section.title);
        let heading = match &section.label {
            Some(label) => format!("{} {title}", label.written),
            None => title.clone(),
        };
        push(
            Some(section.id.clone()),
            UnitKind::Heading,
            section.label.as_ref().map(|l| l.written.clone()),
            &heading,
            title,
        );
        for block in &section.blocks {
            block_unit(block, &heading, &mut push);
        }
    }
    for (i, unit) in out.iter_mut().enumerate() {
        unit.position = i;
    }
    out
}

type Push<'a> = dyn FnMut(Option<String>, UnitKind, Option<String>, &str, String) + 'a;

fn block_unit(block: &Block, section: &str, push: &mut Push<'_>) {
    match block {
        Block::Clause(c) => push(
            Some(c.id.clone()),
            UnitKind::Clause,
            Some(c.label.written.clone()),
            section,
            blocks_plain_text(&c.body),
        ),
        Block::Paragraph(p) => push(
            None,
            UnitKind::Paragraph,
            None,
            section,
            plain_text(&p.content),
        ),
        Block::List(_) => push(
            None,
            UnitKind::List,
            None,
            section,
            blocks_plain_text(std::slice::from_ref(block)),
        ),
        Block::Quote(q) => push(
            None,
            UnitKind::Quote,
            None,
            section,
            blocks_plain_text(&q.body),
        ),
    }
}
