//! The model to flow blocks for layout: documents, the whole constitution,
//! contents; the tracked changes are in `changes`.

use crate::fonts::FontStyle;
use crate::model::{Block, Council, Document, Inline, LinkTarget, Paragraph, Table, plain_text};
use crate::render::pdf::boxes::{Colour, Link};
use crate::render::pdf::layout::{Flow, Group, HangingLabel, StyledText};
use crate::render::present::contents::document_summary;
use crate::render::present::history::{ClauseNote, History};
use crate::render::present::links::{Destination, Format, Links, document_file};

/// Indent of clause text from its label, and of each level of items.
pub(crate) const CLAUSE_INDENT: f32 = 42.0;
pub(crate) const ITEM_INDENT: f32 = 22.0;
/// The width of the text block on clerk's A4 page, which tables share out
/// among their columns.
pub(crate) const TEXT_WIDTH: f32 = 453.5;

/// Builds flow for documents that share one PDF, resolving cross-references
/// to anchors in the PDF (`{document}--{anchor}`).
pub struct FlowBuilder<'a> {
    council: &'a Council,
    links: Links<'a>,
    pub flow: Vec<Flow>,
    /// Each document's history, by id: its clauses' notes are set under them.
    pub histories: std::collections::HashMap<String, History>,
}

impl<'a> FlowBuilder<'a> {
    /// A builder for a PDF holding `documents`.
    pub fn new(council: &'a Council, documents: &[&'a Document]) -> Self {
        FlowBuilder {
            council,
            links: Links::new(council, documents, true),
            flow: Vec::new(),
            histories: Default::default(),
        }
    }

    /// What each edition did to `clause` of `document`, as notes tagged
    /// `Note` under it.
    fn clause_notes(&mut self, document: &Document, clause: &str, indent: f32) {
        let Some(notes) = self
            .histories
            .get(&document.id)
            .and_then(|h| h.notes.get(clause))
        else {
            return;
        };
        let sentences: Vec<String> = notes.iter().map(ClauseNote::sentence).collect();
        self.flow.push(Flow::Group(Group::Note));
        for sentence in sentences {
            self.flow.push(Flow::Paragraph {
                spans: vec![
                    StyledText::plain("History: ", FontStyle::Bold),
                    StyledText::plain(sentence, FontStyle::Italic),
                ],
                size: Some(8.5),
                indent,
                hang: indent,
                label: None,
                anchor: None,
                space_before: 2.0,
                change_bar: false,
            });
        }
        self.flow.push(Flow::EndGroup);
    }

    /// A line naming the Part of the constitution that follows, with a bookmark.
    pub fn part_heading(&mut self, title: &str, anchor: &str) {
        self.flow.push(Flow::Anchor {
            name: anchor.to_string(),
            bookmark: Some((title.to_string(), 0)),
        });
        self.para(
            vec![StyledText::plain(title.to_uppercase(), FontStyle::Bold)],
            Some(9.5),
            0.0,
        );
    }

    /// The title block: council, title (a heading at `level`), section,
    /// version, status, dates.
    pub fn title_block(
        &mut self,
        document: &Document,
        anchor: &str,
        bookmark_level: Option<u8>,
        level: u8,
    ) {
        let info = document_summary(self.council, document);
        self.flow.push(Flow::Anchor {
            name: anchor.to_string(),
            bookmark: bookmark_level.map(|level| (document_title(document), level)),
        });
        self.para(
            vec![StyledText::plain(&self.council.name, FontStyle::Bold)],
            Some(12.0),
            0.0,
        );
        let mut heading = Vec::new();
        if let Some(section) = &info.section {
            heading.push(StyledText::plain(
                format!("Section {section}: "),
                FontStyle::Regular,
            ));
        }
        heading.push(StyledText::plain(&info.title, FontStyle::Regular));
        self.flow.push(Flow::Heading {
            level,
            spans: heading,
            anchor: None,
            bookmark: None,
        });
        let mut facts = vec![
            ("Version", info.version.clone()),
            ("Status", capitalise(&info.status)),
        ];
        if let Some(part) = &info.part {
            facts.insert(0, ("Part", part.clone()));
        }
        for (name, value) in [
            ("Adopted", &info.adopted),
            ("Effective", &info.effective),
            ("Reviewed", &info.reviewed),
            ("Approved by", &info.approved_by),
        ] {
            if let Some(value) = value {
                facts.push((name, value.clone()));
            }
        }
        for (name, value) in facts {
            self.para(
                vec![
                    StyledText::plain(format!("{name}: "), FontStyle::Bold),
                    StyledText::plain(value, FontStyle::Regular),
                ],
                Some(9.5),
                0.0,
            );
        }
        self.flow.push(Flow::Rule { space: 6.0 });
    }

    /// A contents list of the documents' sections.
    /// `with_documents` lists each document's title above its sections (for
    /// the whole constitution).
    pub fn contents(&mut self, documents: &[(&Document, String)], with_documents: bool) {
        self.flow.push(Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain("Contents", FontStyle::Bold)],
            anchor: Some("contents".into()),
            bookmark: Some(("Contents".into(), 1)),
        });
        for (document, anchor) in documents {
            if with_documents {
                self.flow.push(Flow::TocEntry {
                    text: document_title(document),
                    indent: 0.0,
                    target: anchor.clone(),
                    bold: true,
                });
            }
            let indent = if with_documents { 14.0 } else { 0.0 };
            for section in &document.sections {
                let label = section
                    .label
                    .as_ref()
                    .map(|l| format!("{} ", l.written))
                    .unwrap_or_default();
                self.flow.push(Flow::TocEntry {
                    text: format!("{label}{}", plain_text(&section.title)),
                    indent: indent + f32::from(section.level.saturating_sub(1)) * 14.0,
                    target: format!("{}--{}", document.id, section.id),
                    bold: false,
                });
            }
        }
        self.flow.push(Flow::Rule { space: 6.0 });
    }

    /// The body of a document: its preamble and sections.
    pub fn body(&mut self, document: &Document, heading_base: u8, bookmark_level: u8) {
        let prefix = format!("{}--", document.id);
        for block in &document.preamble {
            self.block(block, document, &prefix, 0.0);
        }
        for section in &document.sections {
            let label = section
                .label
                .as_ref()
                .map(|l| format!("{} ", l.written))
                .unwrap_or_default();
            let mut spans = vec![StyledText::plain(label.clone(), FontStyle::Bold)];
            spans.extend(self.inline_spans(&section.title, &document.id, FontStyle::Bold));
            self.flow.push(Flow::Heading {
                level: heading_base + section.level - 1,
                spans,
                anchor: Some(format!("{prefix}{}", section.id)),
                bookmark: Some((
                    format!("{label}{}", plain_text(&section.title)),
                    bookmark_level + section.level - 1,
                )),
            });
            for block in &section.blocks {
                self.block(block, document, &prefix, 0.0);
            }
        }
    }

    fn block(&mut self, block: &Block, document: &Document, prefix: &str, indent: f32) {
        match block {
            Block::Clause(clause) => {
                let mut rest: &[Block] = &clause.body;
                let mut spans = Vec::new();
                if let Some((Block::Paragraph(p), tail)) = clause.body.split_first() {
                    spans = self.inline_spans(&p.content, &document.id, FontStyle::Regular);
                    rest = tail;
                }
                self.flow.push(Flow::Paragraph {
                    spans,
                    size: None,
                    indent: indent + CLAUSE_INDENT,
                    hang: indent,
                    label: Some(HangingLabel {
                        text: clause.label.written.clone(),
                        style: FontStyle::Bold,
                    }),
                    anchor: Some(format!("{prefix}{}", clause.id)),
                    space_before: 5.0,
                    change_bar: false,
                });
                for inner in rest {
                    self.block(inner, document, prefix, indent + CLAUSE_INDENT);
                }
                self.clause_notes(document, &clause.id, indent + CLAUSE_INDENT);
            }
            Block::Paragraph(p) => {
                self.definition_anchor(&p.content, prefix);
                // A note is set in italic, apart from the provisions.
                let style = match crate::model::is_note(&p.content) {
                    true => FontStyle::Italic,
                    false => FontStyle::Regular,
                };
                let spans = self.inline_spans(&p.content, &document.id, style);
                self.paragraph_at(spans, indent, 5.0);
            }
            Block::List(list) => {
                for item in &list.items {
                    let marker = item
                        .marker
                        .as_ref()
                        .map_or("•".to_string(), |m| m.written.clone());
                    let mut rest: &[Block] = &item.body;
                    let mut spans = Vec::new();
                    if let Some((Block::Paragraph(p), tail)) = item.body.split_first() {
                        self.definition_anchor(&p.content, prefix);
                        spans = self.inline_spans(&p.content, &document.id, FontStyle::Regular);
                        rest = tail;
                    }
                    let width = if item.marker.is_some() {
                        ITEM_INDENT + 6.0
                    } else {
                        ITEM_INDENT - 8.0
                    };
                    self.flow.push(Flow::Paragraph {
                        spans,
                        size: None,
                        indent: indent + width,
                        hang: indent,
                        label: Some(HangingLabel {
                            text: marker,
                            style: FontStyle::Regular,
                        }),
                        anchor: None,
                        space_before: 2.0,
                        change_bar: false,
                    });
                    for inner in rest {
                        self.block(inner, document, prefix, indent + width);
                    }
                }
            }
            Block::Quote(q) => {
                self.flow.push(Flow::Group(Group::Quote));
                for inner in &q.body {
                    if let Block::Paragraph(p) = inner {
                        let spans = self.inline_spans(&p.content, &document.id, FontStyle::Italic);
                        self.paragraph_at(spans, indent + 18.0, 4.0);
                    } else {
                        self.block(inner, document, prefix, indent + 18.0);
                    }
                }
                self.flow.push(Flow::EndGroup);
            }
            Block::Table(table) => self.table(table, document, indent),
        }
    }

    /// A table: its caption, then a row of flow per row, each column as
    /// wide as its text needs of the width there is; cells wrap, a row is
    /// never split, and the header is repeated on each page the table runs to.
    fn table(&mut self, table: &Table, document: &Document, indent: f32) {
        if let Some(caption) = &table.caption {
            let spans = self.inline_spans(&caption.content, &document.id, FontStyle::Bold);
            self.paragraph_at(spans, indent, 6.0);
        }
        let offsets = column_offsets(table, indent);
        let row = |builder: &mut Self, cells: &[Paragraph], header: bool| {
            let cells = cells
                .iter()
                .zip(&offsets)
                .map(|(cell, x)| {
                    let spans =
                        builder.inline_spans(&cell.content, &document.id, FontStyle::Regular);
                    (*x, spans)
                })
                .collect();
            builder.flow.push(Flow::TableRow {
                cells,
                header,
                anchor: None,
            });
        };
        if !table.header.is_empty() {
            row(self, &table.header, true);
        }
        for cells in &table.rows {
            row(self, cells, false);
        }
    }

    /// The anchor links to a defined term lead to, before the paragraph
    /// that defines it.
    fn definition_anchor(&mut self, content: &[Inline], prefix: &str) {
        if let Some(term) = crate::model::defined_term(&plain_text(content)) {
            self.flow.push(Flow::Anchor {
                name: format!("{prefix}{}", crate::model::definition_anchor(term)),
                bookmark: None,
            });
        }
    }

    fn paragraph_at(&mut self, spans: Vec<StyledText>, indent: f32, space_before: f32) {
        self.flow.push(Flow::indented(spans, indent, space_before));
    }

    /// A paragraph at the margin in a type size of its own.
    fn para(&mut self, spans: Vec<StyledText>, size: Option<f32>, space_before: f32) {
        let mut paragraph = Flow::text(spans, space_before);
        if let Flow::Paragraph { size: s, .. } = &mut paragraph {
            *s = size;
        }
        self.flow.push(paragraph);
    }

    /// Inline content to spans, with bold, italic and resolved links.
    pub fn inline_spans(
        &self,
        inlines: &[Inline],
        from: &str,
        style: FontStyle,
    ) -> Vec<StyledText> {
        let mut out = Vec::new();
        self.push_spans(inlines, from, style, None, &mut out);
        out
    }

    fn push_spans(
        &self,
        inlines: &[Inline],
        from: &str,
        style: FontStyle,
        link: Option<&Link>,
        out: &mut Vec<StyledText>,
    ) {
        for inline in inlines {
            match inline {
                Inline::Text { text } | Inline::Code { text } => {
                    let colour = if link.is_some() {
                        Colour {
                            r: 0.1,
                            g: 0.31,
                            b: 0.61,
                        }
                    } else {
                        Colour::BLACK
                    };
                    out.push(StyledText {
                        colour,
                        link: link.cloned(),
                        ..StyledText::plain(text, style)
                    });
                }
                Inline::Break => out.push(StyledText::plain(" ", style)),
                Inline::Emphasis { content } => {
                    self.push_spans(content, from, style.with(false, true), link, out)
                }
                Inline::Strong { content } => {
                    self.push_spans(content, from, style.with(true, false), link, out)
                }
                Inline::Link {
                    target, content, ..
                } => {
                    let resolved = self.link(target, from);
                    self.push_spans(content, from, style, resolved.as_ref().or(link), out);
                }
            }
        }
    }

    /// A link in a PDF: a place in this PDF, another document's PDF
    /// beside it, or a web address, by the rules every renderer shares.
    fn link(&self, target: &LinkTarget, from: &str) -> Option<Link> {
        Some(match self.links.resolve(from, target)? {
            Destination::Here(anchor) => Link::Anchor(anchor),
            Destination::Document { id, .. } => Link::Uri(document_file(&id, Format::Pdf)),
            Destination::External(url) => Link::Uri(url),
        })
    }
}

/// "Section 3: Protocol on ..." or just the title.
pub fn document_title(document: &Document) -> String {
    match &document.front_matter.section {
        Some(section) => format!("Section {section}: {}", document.front_matter.title),
        None => document.front_matter.title.clone(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where each column of `table` starts, from the left margin: the width
/// after `indent` shared out by how much text each column holds, none
/// narrower than a short word.
fn column_offsets(table: &Table, indent: f32) -> Vec<f32> {
    let columns = table.columns().max(1);
    let mut weights = vec![0usize; columns];
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (k, cell) in row.iter().enumerate() {
            weights[k] = weights[k].max(plain_text(&cell.content).chars().count());
        }
    }
    let weights: Vec<f32> = weights.iter().map(|w| (*w).clamp(8, 60) as f32).collect();
    let total: f32 = weights.iter().sum();
    let width = TEXT_WIDTH - indent;
    let mut x = indent;
    weights
        .iter()
        .map(|w| {
            let at = x;
            x += width * w / total;
            at
        })
        .collect()
}
