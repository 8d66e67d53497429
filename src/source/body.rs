//! The Markdown body to sections, clauses and items.
//!
//! Rules (documented in `docs/format.md`):
//! - each heading starts a section; a number at its start is the section's label;
//! - a paragraph, or a list item, that starts with a label such as `6.5` or
//!   `6.5.` is a clause;
//! - a list or quotation straight after a clause belongs to that clause;
//! - a list item that starts with `(a)`, `(iv)`, `(1)` or `a)` is a lettered or
//!   numbered item; other list items are bullets;
//! - any other paragraph is an unnumbered paragraph of its section.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::raw::{RawBlock, RawItem};
use crate::model::{
    Block, Clause, Inline, Item, Label, List, Paragraph, Quote, Section, Span, Table,
};
use crate::source::label::{leading_heading_label, leading_label, leading_marker};
use crate::source::markdown::parse_blocks;

/// The parsed body of a document.
#[derive(Debug, Default)]
pub struct Body {
    pub preamble: Vec<Block>,
    pub sections: Vec<Section>,
    /// Things the parser noticed that the author should know about.
    pub findings: Vec<Diagnostic>,
}

/// Parses a Markdown body that starts at byte `offset` of `source`.
pub fn parse_body(source: &str, offset: usize) -> Body {
    let mut builder = Builder {
        source,
        body: Body::default(),
    };
    for raw in parse_blocks(&source[offset..], offset) {
        builder.push(raw);
    }
    let mut body = builder.body;
    assign_ids(&mut body);
    body
}

struct Builder<'a> {
    source: &'a str,
    body: Body,
}

impl Builder<'_> {
    fn current_blocks(&mut self) -> &mut Vec<Block> {
        match self.body.sections.last_mut() {
            Some(section) => &mut section.blocks,
            None => &mut self.body.preamble,
        }
    }

    fn push(&mut self, raw: RawBlock) {
        match raw {
            RawBlock::Heading {
                level,
                content,
                span,
            } => {
                let (label, title) = self.split_label(content, span, 1);
                self.body.sections.push(Section {
                    id: String::new(),
                    level,
                    label,
                    title,
                    blocks: Vec::new(),
                    span,
                });
            }
            RawBlock::Paragraph { content, span } => {
                let (label, content) = self.split_label(content, span, 2);
                let paragraph = Paragraph { content, span };
                let block = match label {
                    Some(label) => Block::Clause(Clause {
                        id: String::new(),
                        label,
                        body: vec![Block::Paragraph(paragraph)],
                        span,
                    }),
                    None if self.is_indented(span) => {
                        // A further paragraph of the clause above.
                        return self.attach_or_push(Block::Paragraph(paragraph));
                    }
                    None => Block::Paragraph(paragraph),
                };
                self.current_blocks().push(block);
            }
            RawBlock::List { items, span, start } => self.push_list(items, span, start),
            RawBlock::Quote { blocks, span } => {
                let quote = Block::Quote(Quote {
                    body: blocks.into_iter().map(|b| self.plain_block(b)).collect(),
                    span,
                });
                self.attach_or_push(quote);
            }
            RawBlock::Table { header, rows, span } => {
                let mut table = table(header, rows, span);
                let indented = self.is_indented(span);
                let blocks = self.current_blocks();
                // An indented table belongs to the clause above it.
                let container = match blocks.last_mut() {
                    Some(Block::Clause(clause)) if indented => {
                        clause.span.end = clause.span.end.max(span.end);
                        &mut clause.body
                    }
                    _ => blocks,
                };
                table.caption = take_caption(container);
                if let Some(caption) = &table.caption {
                    table.span.start = caption.span.start;
                }
                container.push(Block::Table(table));
            }
            RawBlock::Unsupported { what, text, span } => {
                self.body.findings.push(
                    Diagnostic::warning("unsupported-markdown", format!("{what} is not part of the protocol format"))
                        .with_span(span)
                        .with_help("write clauses, paragraphs, lists, quotations and tables; the text is kept as a plain paragraph"),
                );
                if !text.is_empty() {
                    let block = Block::Paragraph(Paragraph {
                        content: vec![Inline::Text { text }],
                        span,
                    });
                    self.current_blocks().push(block);
                }
            }
        }
    }

    /// Lists whose items carry clause labels are clauses; other lists belong
    /// to the clause just before them, or to the section.
    fn push_list(&mut self, items: Vec<RawItem>, span: Span, start: Option<u64>) {
        let has_clauses = items
            .iter()
            .any(|item| self.item_clause_label(item).is_some());
        if !has_clauses {
            let list = Block::List(self.list(items, span, start));
            self.attach_or_push(list);
            return;
        }
        let mut pending: Vec<RawItem> = Vec::new();
        for mut item in items {
            let Some(RawBlock::Paragraph {
                content,
                span: p_span,
            }) = item.blocks.first().cloned()
            else {
                pending.push(item);
                continue;
            };
            let (label, content) = self.split_label(content, p_span, 2);
            let Some(label) = label else {
                pending.push(item);
                continue;
            };
            if !pending.is_empty() {
                let run = std::mem::take(&mut pending);
                let list = Block::List(self.list(run, span, None));
                self.attach_or_push(list);
            }
            item.blocks.remove(0);
            let mut body = vec![Block::Paragraph(Paragraph {
                content,
                span: p_span,
            })];
            body.extend(item.blocks.into_iter().map(|b| self.plain_block(b)));
            self.current_blocks().push(Block::Clause(Clause {
                id: String::new(),
                label,
                body,
                span: item.span,
            }));
        }
        if !pending.is_empty() {
            let list = Block::List(self.list(pending, span, None));
            self.attach_or_push(list);
        }
    }

    fn item_clause_label(&self, item: &RawItem) -> Option<()> {
        match item.blocks.first() {
            Some(RawBlock::Paragraph { content, .. }) => match content.first() {
                Some(Inline::Text { text }) => leading_label(text.trim_start(), 2).map(|_| ()),
                Some(Inline::Strong { content }) => {
                    let text = crate::model::plain_text(content);
                    leading_label(text.trim(), 2).map(|_| ())
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the paragraph at `span` is indented: its first line starts
    /// with spaces (one to three: four would make it code).
    fn is_indented(&self, span: Span) -> bool {
        let before = &self.source[..span.start.min(self.source.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let lead = &before[line_start..];
        !lead.is_empty() && lead.bytes().all(|b| b == b' ')
    }

    /// A list, quotation or indented paragraph right after a clause is part
    /// of that clause.
    fn attach_or_push(&mut self, block: Block) {
        let blocks = self.current_blocks();
        if let Some(Block::Clause(clause)) = blocks.last_mut() {
            clause.span.end = clause.span.end.max(block.span().end);
            clause.body.push(block);
        } else {
            blocks.push(block);
        }
    }

    fn list(&mut self, items: Vec<RawItem>, span: Span, start: Option<u64>) -> List {
        let mut number = start;
        let items = items
            .into_iter()
            .map(|raw| {
                let item = self.item(raw, number);
                number = number.map(|n| n + 1);
                item
            })
            .collect();
        List { items, span }
    }

    fn item(&mut self, raw: RawItem, number: Option<u64>) -> Item {
        let mut blocks: Vec<Block> = raw
            .blocks
            .into_iter()
            .map(|b| self.plain_block(b))
            .collect();
        let mut marker = None;
        if let Some(Block::Paragraph(p)) = blocks.first_mut()
            && let Some(Inline::Text { text }) = p.content.first_mut()
        {
            let trimmed = text.trim_start();
            if let Some((len, found)) = leading_marker(trimmed) {
                let rest = trimmed[len..].trim_start().to_string();
                *text = rest;
                marker = Some(found);
            }
        }
        // An ordered Markdown list (`1.`) numbers its items itself.
        if marker.is_none()
            && let Some(n) = number
        {
            marker = Some(crate::model::ItemMarker {
                written: format!("{n}."),
                style: crate::model::MarkerStyle::Number,
            });
        }
        Item {
            marker,
            body: blocks,
            span: raw.span,
        }
    }

    /// A block inside an item or quotation, where labels are plain text.
    fn plain_block(&mut self, raw: RawBlock) -> Block {
        match raw {
            RawBlock::Paragraph { content, span } => Block::Paragraph(Paragraph { content, span }),
            RawBlock::Heading { content, span, .. } => {
                Block::Paragraph(Paragraph { content, span })
            }
            RawBlock::List { items, span, start } => Block::List(self.list(items, span, start)),
            RawBlock::Quote { blocks, span } => Block::Quote(Quote {
                body: blocks.into_iter().map(|b| self.plain_block(b)).collect(),
                span,
            }),
            RawBlock::Table { header, rows, span } => Block::Table(table(header, rows, span)),
            RawBlock::Unsupported { text, span, .. } => Block::Paragraph(Paragraph {
                content: vec![Inline::Text { text }],
                span,
            }),
        }
    }

    /// Takes a leading label (plain or bold) off inline content.
    fn split_label(
        &self,
        mut content: Vec<Inline>,
        span: Span,
        min_parts: usize,
    ) -> (Option<Label>, Vec<Inline>) {
        let found = match content.first_mut() {
            Some(Inline::Text { text }) => {
                let trimmed = text.trim_start().to_string();
                let label = match min_parts {
                    1 => leading_heading_label(&trimmed),
                    _ => leading_label(&trimmed, min_parts),
                };
                label.map(|(len, parts)| {
                    *text = trimmed[len..].trim_start().to_string();
                    (trimmed[..len].to_string(), parts, text.is_empty())
                })
            }
            Some(Inline::Strong { content: inner }) => {
                let text = crate::model::plain_text(inner);
                let trimmed = text.trim();
                let label = match min_parts {
                    1 => leading_heading_label(trimmed),
                    _ => leading_label(trimmed, min_parts),
                };
                label
                    .filter(|(len, _)| *len == trimmed.len())
                    .map(|(_, parts)| (trimmed.to_string(), parts, true))
            }
            _ => None,
        };
        let Some((written, parts, first_is_empty)) = found else {
            return (None, content);
        };
        if first_is_empty {
            content.remove(0);
            if let Some(Inline::Text { text }) = content.first_mut() {
                *text = text.trim_start().to_string();
            }
        }
        let label_span = self.find_in(span, &written);
        (
            Some(Label {
                written,
                parts,
                span: label_span,
            }),
            content,
        )
    }

    /// The span of the first occurrence of `needle` inside `span`.
    fn find_in(&self, span: Span, needle: &str) -> Span {
        let start = span.start.min(self.source.len());
        let end = span.end.clamp(start, self.source.len());
        match self.source.get(start..end).and_then(|s| s.find(needle)) {
            Some(i) => Span::new(start + i, start + i + needle.len()),
            None => span,
        }
    }
}

/// Gives every section and clause a stable, unique anchor id.
/// A table of the model from the parser's rows; each cell spans the table.
fn table(header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>>, span: Span) -> Table {
    let cell = |content: Vec<Inline>| Paragraph { content, span };
    Table {
        caption: None,
        header: header.into_iter().map(cell).collect(),
        rows: rows
            .into_iter()
            .map(|row| row.into_iter().map(cell).collect())
            .collect(),
        span,
    }
}

/// The caption of a table: the paragraph just before it, when it starts
/// with `Table:` ("Table: Thresholds for contracts"), taken from `blocks`.
fn take_caption(blocks: &mut Vec<Block>) -> Option<Paragraph> {
    let Some(Block::Paragraph(p)) = blocks.last() else {
        return None;
    };
    let Some(Inline::Text { text }) = p.content.first() else {
        return None;
    };
    let rest = text.strip_prefix("Table:")?.trim_start().to_string();
    let Some(Block::Paragraph(mut caption)) = blocks.pop() else {
        return None;
    };
    match rest.is_empty() {
        true => {
            caption.content.remove(0);
        }
        false => caption.content[0] = Inline::Text { text: rest },
    }
    Some(caption)
}

fn assign_ids(body: &mut Body) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut unique = |base: String| -> String {
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        }
    };
    for block in &mut body.preamble {
        if let Block::Clause(c) = block {
            c.id = unique(clause_id(&c.label));
        }
    }
    for section in &mut body.sections {
        section.id = unique(match &section.label {
            Some(label) => format!("s-{}", join_parts(&label.parts)),
            None => format!("s-{}", slug(&crate::model::plain_text(&section.title))),
        });
        for block in &mut section.blocks {
            if let Block::Clause(c) = block {
                c.id = unique(clause_id(&c.label));
            }
        }
    }
}

fn clause_id(label: &Label) -> String {
    format!("c-{}", join_parts(&label.parts))
}

fn join_parts(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

/// A lowercase ASCII slug for anchors, such as `the-role-of-members`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MarkerStyle, plain_text};

    fn parse(text: &str) -> Body {
        parse_body(text, 0)
    }

    #[test]
    fn an_indented_paragraph_is_the_clauses_own() {
        let text = "# 4. Rules\n\nAn introduction.\n\n   Still the section's.\n\n4.1 The rule.\n\n   Its second paragraph.\n\n- (a) an item;\n\n  the item's own paragraph.\n\n Closing the clause.\n\nThe section again.\n";
        let body = parse(text);
        let blocks = &body.sections[0].blocks;
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Clause(_) => "clause",
                Block::Paragraph(_) => "paragraph",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["paragraph", "paragraph", "clause", "paragraph"]);
        let Block::Clause(clause) = &blocks[2] else {
            panic!()
        };
        let texts: Vec<String> = clause
            .body
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => plain_text(&p.content),
                Block::List(l) => format!(
                    "list of {} with {} blocks",
                    l.items.len(),
                    l.items[0].body.len()
                ),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "The rule.",
                "Its second paragraph.",
                "list of 1 with 2 blocks",
                "Closing the clause."
            ]
        );
        // The clause's span runs to the end of its last paragraph.
        assert!(
            text[clause.span.range()]
                .trim_end()
                .ends_with("Closing the clause.")
        );
    }

    #[test]
    fn headings_clauses_and_items() {
        let body = parse(
            "# 5. The Role of Officers\n\n5.1. Officers advise.\n\n- (a) one;\n- (b) two.\n\nA closing paragraph.\n",
        );
        assert!(body.preamble.is_empty());
        let section = &body.sections[0];
        assert_eq!(section.id, "s-5");
        assert_eq!(plain_text(&section.title), "The Role of Officers");
        let Block::Clause(clause) = &section.blocks[0] else {
            panic!()
        };
        assert_eq!(clause.label.written, "5.1.");
        assert_eq!(clause.id, "c-5-1");
        assert_eq!(plain_text(clause.text()), "Officers advise.");
        let Block::List(list) = &clause.body[1] else {
            panic!()
        };
        assert_eq!(
            list.items[0].marker.as_ref().unwrap().style,
            MarkerStyle::Letter
        );
        assert_eq!(plain_text(list.items[1].text()), "two.");
        assert!(matches!(section.blocks[1], Block::Paragraph(_)));
    }

    #[test]
    fn clauses_in_list_items_and_bold_labels() {
        let body = parse(
            "# 4. Roles\n\n- **4.1.** Members have roles.\n- 4.2 Members decide:\n  - by vote\n",
        );
        let clauses: Vec<_> = body.sections[0]
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Clause(c) = b {
                    Some(c)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(clauses.len(), 2);
        assert_eq!(clauses[0].label.written, "4.1.");
        assert_eq!(plain_text(clauses[0].text()), "Members have roles.");
        assert!(matches!(clauses[1].body[1], Block::List(_)));
    }

    #[test]
    fn duplicate_labels_get_distinct_ids() {
        let body = parse("5.4. One.\n\n5.4. Two.\n");
        let ids: Vec<_> = body
            .preamble
            .iter()
            .filter_map(|b| {
                if let Block::Clause(c) = b {
                    Some(c.id.clone())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(ids, ["c-5-4", "c-5-4-2"]);
    }

    #[test]
    fn label_span_points_at_the_label() {
        let text = "# 1. A\n\n- 1.2. Text\n";
        let body = parse(text);
        let Block::Clause(c) = &body.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(&text[c.label.span.range()], "1.2.");
    }
}
