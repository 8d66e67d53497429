//! The units a revision is compared in: every heading, clause, unnumbered
//! paragraph, list and quotation of a document, in order, with its text.

use serde::Serialize;

use crate::model::{Block, Document, Table, plain_text, row_text};

/// What kind of block a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Heading,
    Clause,
    Paragraph,
    List,
    Quote,
    /// A row of a table, its cells separated by ` | `.
    Row,
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
    /// How each line of `text` is set: a paragraph, or a list item at a depth.
    pub lines: Vec<LineShape>,
}

/// How one line of a unit's text is set in the document, so tracked
/// changes keep its lists, their nesting and their item labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct LineShape {
    /// 0 for the unit's own paragraphs; 1 for an item of a list in it (or
    /// a paragraph continuing that item), 2 for an item of a list in that
    /// item, and so on.
    pub depth: usize,
    /// The line begins a list item (its marker, if any, begins the text).
    pub item: bool,
    /// The item's list labels its items, as `(a)`, `(i)` or `1.` do.
    pub lettered: bool,
    /// The line is quoted text.
    pub quote: bool,
    /// The line is a row of a table, its cells separated by ` | `.
    pub row: bool,
    /// The row is the table's header row (which starts a table).
    pub header: bool,
}

/// The text of blocks, as [`crate::model::blocks_plain_text`] gives it, with the shape of
/// each of its lines.
pub fn shaped_text(blocks: &[Block]) -> (String, Vec<LineShape>) {
    let mut lines: Vec<(String, LineShape)> = Vec::new();
    shape_blocks(blocks, LineShape::default(), &mut lines);
    let text = lines
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    (text, lines.into_iter().map(|(_, shape)| shape).collect())
}

fn shape_blocks(blocks: &[Block], shape: LineShape, out: &mut Vec<(String, LineShape)>) {
    for block in blocks {
        let start = out.len();
        match block {
            Block::Clause(c) => {
                shape_blocks(&c.body, shape, out);
                prefix_first(out, start, &c.label.written, shape);
            }
            Block::Paragraph(p) => {
                for line in plain_text(&p.content).split('\n') {
                    out.push((line.to_string(), shape));
                }
            }
            Block::List(list) => {
                let lettered = list.items.iter().any(|i| i.marker.is_some());
                let inner = LineShape {
                    depth: shape.depth + 1,
                    item: false,
                    lettered,
                    quote: shape.quote,
                    ..LineShape::default()
                };
                for item in &list.items {
                    let first = out.len();
                    shape_blocks(&item.body, inner, out);
                    match &item.marker {
                        Some(m) => prefix_first(out, first, &m.written, inner),
                        None if out.len() == first => out.push((String::new(), inner)),
                        None => {}
                    }
                    out[first].1.item = true;
                }
            }
            Block::Quote(q) => shape_blocks(
                &q.body,
                LineShape {
                    quote: true,
                    ..shape
                },
                out,
            ),
            // A table in a clause: its caption, then a line per row.
            Block::Table(t) => {
                if let Some(caption) = &t.caption {
                    out.push((plain_text(&caption.content), shape));
                }
                out.extend(table_rows(t));
            }
        }
    }
}

/// A table row's first cell, by which a reader knows the row ("Urgency"),
/// whole: a name cut short would hide which row it is.
pub fn first_cell(row: &str) -> String {
    let cell = row.split(" | ").next().unwrap_or_default();
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each row of a table as one line of text, header first, with its shape.
fn table_rows(table: &Table) -> impl Iterator<Item = (String, LineShape)> + '_ {
    let header = Some(&table.header).filter(|h| !h.is_empty());
    let shape = |header| LineShape {
        row: true,
        header,
        ..LineShape::default()
    };
    header
        .into_iter()
        .map(move |row| (row_text(row), shape(true)))
        .chain(
            table
                .rows
                .iter()
                .map(move |row| (row_text(row), shape(false))),
        )
}

/// Puts `prefix` and a space before the first line from `start`, as
/// [`crate::model::blocks_plain_text`] writes a clause label or an item marker.
fn prefix_first(out: &mut Vec<(String, LineShape)>, start: usize, prefix: &str, shape: LineShape) {
    match out.get_mut(start) {
        Some((text, _)) => *text = format!("{prefix} {text}"),
        None => out.push((format!("{prefix} "), shape)),
    }
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
            (None, UnitKind::Row) => format!("row \"{}\"", first_cell(&self.text)),
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
    let mut push = |anchor: Option<String>,
                    kind,
                    label: Option<String>,
                    section: &str,
                    (text, lines): (String, Vec<LineShape>)| {
        out.push(Unit {
            position: 0,
            anchor,
            kind,
            label,
            section: section.to_string(),
            text: composed(text),
            lines,
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
            (title, vec![LineShape::default()]),
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

type Push<'a> =
    dyn FnMut(Option<String>, UnitKind, Option<String>, &str, (String, Vec<LineShape>)) + 'a;

fn block_unit(block: &Block, section: &str, push: &mut Push<'_>) {
    let whole = std::slice::from_ref(block);
    match block {
        Block::Clause(c) => push(
            Some(c.id.clone()),
            UnitKind::Clause,
            Some(c.label.written.clone()),
            section,
            shaped_text(&c.body),
        ),
        Block::Paragraph(_) => push(None, UnitKind::Paragraph, None, section, shaped_text(whole)),
        Block::List(_) => push(None, UnitKind::List, None, section, shaped_text(whole)),
        Block::Quote(_) => push(None, UnitKind::Quote, None, section, shaped_text(whole)),
        // A table in a section: its caption a paragraph, and each row a
        // unit, matched like clauses (a row moved is a move).
        Block::Table(t) => {
            if let Some(caption) = &t.caption {
                let text = plain_text(&caption.content);
                push(
                    None,
                    UnitKind::Paragraph,
                    None,
                    section,
                    (text, vec![LineShape::default()]),
                );
            }
            for (text, shape) in table_rows(t) {
                push(None, UnitKind::Row, None, section, (text, vec![shape]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::blocks_plain_text;

    fn document(body: &str) -> Document {
        crate::diff::tests::doc("1", body)
    }

    #[test]
    fn every_line_has_its_shape_and_the_text_is_the_plain_text() {
        let doc = document(
            "# 1. Roles\n\n1.1 Members should:\n\n- (a) set policy;\n- (b) hold officers to account:\n  - (i) in public;\n  - (ii) in writing.\n\n  Said again.\n- (c) lead.\n\n# 2. Other\n\n> Quoted.\n\n- Bullet\n",
        );
        let units = units(&doc);
        for unit in &units {
            assert_eq!(unit.text.split('\n').count(), unit.lines.len(), "{unit:?}");
        }
        let clause = &units[1];
        let shapes: Vec<(usize, bool, bool)> = clause
            .lines
            .iter()
            .map(|l| (l.depth, l.item, l.lettered))
            .collect();
        assert_eq!(
            clause.text,
            "Members should:\n(a) set policy;\n(b) hold officers to account:\n(i) in public;\n(ii) in writing.\nSaid again.\n(c) lead."
        );
        assert_eq!(
            shapes,
            [
                (0, false, false),
                (1, true, true),
                (1, true, true),
                (2, true, true),
                (2, true, true),
                (1, false, true),
                (1, true, true),
            ]
        );
        let quote = units.iter().find(|u| u.kind == UnitKind::Quote).unwrap();
        assert!(quote.lines.iter().all(|l| l.quote));
        let bullets = units.iter().find(|u| u.kind == UnitKind::List).unwrap();
        assert_eq!(
            bullets.lines[0],
            LineShape {
                depth: 1,
                item: true,
                lettered: false,
                ..LineShape::default()
            }
        );
        // The same text the model's plain text gives.
        let plain = blocks_plain_text(&doc.sections[0].blocks[..1]);
        assert_eq!(plain, format!("1.1 {}", clause.text));
    }
}
