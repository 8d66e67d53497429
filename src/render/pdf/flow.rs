//! The model (and the change set) to flow blocks for layout.

use crate::diff::units::UnitKind;
use crate::diff::words::Edit;
use crate::diff::{Change, ChangeSet};
use crate::fonts::FontStyle;
use crate::model::{Block, Council, Document, Inline, LinkTarget, plain_text};
use crate::render::links::{Destination, Format, Links, document_file};
use crate::render::pdf::boxes::{Colour, Link};
use crate::render::pdf::layout::{Flow, HangingLabel, Span};
use crate::render::view::summary;

/// Indent of clause text from its label, and of each level of items.
const CLAUSE_INDENT: f32 = 42.0;
const ITEM_INDENT: f32 = 22.0;

/// Builds flow for documents that share one PDF, resolving cross-references
/// to anchors in the PDF (`{document}--{anchor}`).
pub struct FlowBuilder<'a> {
    council: &'a Council,
    links: Links<'a>,
    pub flow: Vec<Flow>,
}

impl<'a> FlowBuilder<'a> {
    /// A builder for a PDF holding `documents`.
    pub fn new(council: &'a Council, documents: &[&'a Document]) -> Self {
        FlowBuilder {
            council,
            links: Links::new(council, documents, true),
            flow: Vec::new(),
        }
    }

    /// A line naming the Part of the constitution that follows, with a bookmark.
    pub fn part_heading(&mut self, title: &str, anchor: &str) {
        self.flow.push(Flow::Anchor {
            name: anchor.to_string(),
            bookmark: Some((title.to_string(), 0)),
        });
        self.para(
            vec![Span::plain(title.to_uppercase(), FontStyle::Bold)],
            Some(9.5),
            0.0,
        );
    }

    /// The title block: council, title, section, version, status, dates.
    pub fn title_block(&mut self, document: &Document, anchor: &str, bookmark_level: Option<u8>) {
        let info = summary(self.council, document);
        self.flow.push(Flow::Anchor {
            name: anchor.to_string(),
            bookmark: bookmark_level.map(|level| (document_title(document), level)),
        });
        self.para(
            vec![Span::plain(&self.council.name, FontStyle::Bold)],
            Some(12.0),
            0.0,
        );
        let mut heading = Vec::new();
        if let Some(section) = &info.section {
            heading.push(Span::plain(
                format!("Section {section}: "),
                FontStyle::Regular,
            ));
        }
        heading.push(Span::plain(&info.title, FontStyle::Regular));
        self.flow.push(Flow::Heading {
            level: 1,
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
                    Span::plain(format!("{name}: "), FontStyle::Bold),
                    Span::plain(value, FontStyle::Regular),
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
            spans: vec![Span::plain("Contents", FontStyle::Bold)],
            anchor: None,
            bookmark: None,
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
            let mut spans = vec![Span::plain(label.clone(), FontStyle::Bold)];
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
            }
            Block::Paragraph(p) => {
                let spans = self.inline_spans(&p.content, &document.id, FontStyle::Regular);
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
                for inner in &q.body {
                    if let Block::Paragraph(p) = inner {
                        let spans = self.inline_spans(&p.content, &document.id, FontStyle::Italic);
                        self.paragraph_at(spans, indent + 18.0, 4.0);
                    } else {
                        self.block(inner, document, prefix, indent + 18.0);
                    }
                }
            }
        }
    }

    fn paragraph_at(&mut self, spans: Vec<Span>, indent: f32, space_before: f32) {
        self.flow.push(Flow::indented(spans, indent, space_before));
    }

    /// A paragraph at the margin in a type size of its own.
    fn para(&mut self, spans: Vec<Span>, size: Option<f32>, space_before: f32) {
        let mut paragraph = Flow::text(spans, space_before);
        if let Flow::Paragraph { size: s, .. } = &mut paragraph {
            *s = size;
        }
        self.flow.push(paragraph);
    }

    /// Inline content to spans, with bold, italic and resolved links.
    pub fn inline_spans(&self, inlines: &[Inline], from: &str, style: FontStyle) -> Vec<Span> {
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
        out: &mut Vec<Span>,
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
                    out.push(Span {
                        colour,
                        link: link.cloned(),
                        ..Span::plain(text, style)
                    });
                }
                Inline::Break => out.push(Span::plain(" ", style)),
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

/// A second-level heading of the tracked-changes document, with its link
/// target and an entry in the PDF outline under the document's bookmark.
fn changes_section(flow: &mut Vec<Flow>, title: &str, anchor: &str, bookmark: &str) {
    flow.push(Flow::Heading {
        level: 2,
        spans: vec![Span::plain(title, FontStyle::Bold)],
        anchor: Some(anchor.into()),
        bookmark: Some((bookmark.into(), 1)),
    });
}

/// Flow for a tracked-changes document: summary, substitutions, then every
/// unit with deletions struck through, insertions underlined and a change
/// bar beside each changed unit.
/// `with_title` adds the council and a title heading (not wanted in an appendix).
pub fn changes_flow(changes: &ChangeSet, council_name: &str, with_title: bool) -> Vec<Flow> {
    let mut flow = Vec::new();
    let para =
        |flow: &mut Vec<Flow>, spans: Vec<Span>, space: f32| flow.push(Flow::text(spans, space));
    if with_title {
        para(
            &mut flow,
            vec![Span::plain(council_name, FontStyle::Bold)],
            0.0,
        );
        flow.push(Flow::Heading {
            level: 1,
            spans: vec![Span::plain(
                format!("Tracked changes: {}", changes.new.title),
                FontStyle::Bold,
            )],
            anchor: Some("changes".into()),
            bookmark: Some(("Tracked changes".into(), 0)),
        });
    }
    para(
        &mut flow,
        vec![
            Span::plain(
                format!(
                    "From {} ({}) to {} ({}). ",
                    changes.old.version,
                    changes.old.status,
                    changes.new.version,
                    changes.new.status
                ),
                FontStyle::Regular,
            ),
            Span::deleted("Deleted text is struck through"),
            Span::plain("; ", FontStyle::Regular),
            Span::inserted("inserted text is underlined"),
            Span::plain(
                "; a bar in the margin marks each changed clause.",
                FontStyle::Regular,
            ),
        ],
        4.0,
    );
    para(
        &mut flow,
        vec![Span::plain(
            format!("{}.", crate::render::changes::summary_line(changes)),
            FontStyle::Regular,
        )],
        6.0,
    );
    let fields = crate::render::changes::shown_fields(changes);
    if !fields.is_empty() {
        changes_section(&mut flow, "Document details", "details", "Document details");
        let columns = [0.0, 110.0, 280.0];
        let row = |cells: [&str; 3], header: bool| Flow::TableRow {
            cells: columns
                .iter()
                .zip(cells)
                .map(|(x, text)| (*x, Span::plain(text, FontStyle::Regular)))
                .collect(),
            header,
        };
        flow.push(row(["Detail", "Existing", "Revised"], true));
        for field in &fields {
            flow.push(row(
                [
                    &field.field,
                    field.old.as_deref().unwrap_or("—"),
                    field.new.as_deref().unwrap_or("—"),
                ],
                false,
            ));
        }
    }
    changes_section(&mut flow, "What changes", "summary", "What changes");
    for highlight in changes.highlights() {
        flow.push(Flow::Paragraph {
            spans: vec![Span {
                link: Some(Link::Anchor(format!("u-{}", highlight.unit + 1))),
                ..Span::plain(highlight.text, FontStyle::Regular)
            }],
            size: None,
            indent: 12.0,
            hang: 0.0,
            label: Some(HangingLabel {
                text: "•".to_string(),
                style: FontStyle::Regular,
            }),
            anchor: None,
            space_before: 2.0,
            change_bar: false,
        });
    }
    let minor = changes.minor_groups();
    if !minor.is_empty() {
        changes_section(&mut flow, "Minor changes", "minor", "Minor changes");
        for group in minor {
            let mut kind = group.kind.clone();
            if let Some(first) = kind.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            para(
                &mut flow,
                vec![Span::plain(
                    format!("{kind}: {}.", group.units.join(", ")),
                    FontStyle::Regular,
                )],
                2.0,
            );
        }
    }
    if !changes.substitutions.is_empty() {
        changes_section(
            &mut flow,
            "Substitutions made throughout",
            "substitutions",
            "Substitutions",
        );
        for s in &changes.substitutions {
            para(
                &mut flow,
                vec![
                    Span::deleted(s.old.clone()),
                    Span::plain(" → ", FontStyle::Regular),
                    Span::inserted(s.new.clone()),
                    Span::plain(
                        format!(": {} times ({})", s.count, s.units.join(", ")),
                        FontStyle::Regular,
                    ),
                ],
                2.0,
            );
        }
    }
    changes_section(
        &mut flow,
        "The revised text with changes marked",
        "text",
        "The revised text",
    );
    let mut away = changes.moved_away().into_iter().peekable();
    for (i, unit) in changes.units.iter().enumerate() {
        while let Some(moved) = away.next_if(|m| m.before <= i) {
            moved_away_flow(&mut flow, &changes.units[moved.unit], moved.unit);
        }
        let spans = edit_spans(&unit.edits);
        let anchor = Some(format!("u-{}", i + 1));
        let changed = unit.change != Change::Unchanged;
        if unit.kind == UnitKind::Heading {
            let label = unit
                .new
                .first()
                .or(unit.old.first())
                .and_then(|s| s.label.clone())
                .map(|l| format!("{l} "))
                .unwrap_or_default();
            let mut all = vec![Span::plain(label, FontStyle::Bold)];
            all.extend(spans);
            flow.push(Flow::Heading {
                level: 3,
                spans: all,
                anchor,
                bookmark: None,
            });
            continue;
        }
        if !changed {
            // An unchanged unit reads as in the document: its number hangs.
            let label = unit.new.first().and_then(|s| s.label.clone());
            unit_lines(&mut flow, unit, label, anchor);
            continue;
        }
        // A changed unit: its number (old struck, new inserted), what
        // happened, then its lines.
        let mut head = label_spans(unit);
        if !head.is_empty() {
            head.push(Span::plain(" ", FontStyle::Regular));
        }
        let note = format!("({})", crate::render::changes::change_note(unit));
        // The head line stays with the first lines of the unit.
        flow.push(Flow::NeedSpace(60.0));
        head.push(Span {
            colour: Colour::GREY,
            ..Span::plain(note, FontStyle::Regular)
        });
        flow.push(Flow::Paragraph {
            spans: head,
            size: None,
            indent: 0.0,
            hang: 0.0,
            label: None,
            anchor,
            space_before: 6.0,
            change_bar: true,
        });
        unit_lines(&mut flow, unit, None, None);
    }
    for moved in away {
        moved_away_flow(&mut flow, &changes.units[moved.unit], moved.unit);
    }
    if changes.units.iter().any(|u| u.change != Change::Unchanged) {
        changes_section(
            &mut flow,
            "Every change, unit by unit",
            "every-change",
            "Every change",
        );
        summary_table(&mut flow, changes);
    }
    flow
}

/// The table of every changed unit: its numbers, what happened, and how many words.
fn summary_table(flow: &mut Vec<Flow>, changes: &ChangeSet) {
    let columns = [0.0, 70.0, 140.0, 215.0, 370.0, 410.0];
    let header = [
        "Existing",
        "Revised",
        "Change",
        "Kind of change",
        "Out",
        "In",
    ];
    flow.push(Flow::TableRow {
        cells: columns
            .iter()
            .zip(header)
            .map(|(x, h)| (*x, Span::plain(h, FontStyle::Regular)))
            .collect(),
        header: true,
    });
    for (i, unit) in changes
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.change != Change::Unchanged)
    {
        let label = |sides: &[crate::diff::UnitSide]| match sides.first() {
            Some(s) => s
                .label
                .as_deref()
                .map(|l| l.trim_end_matches('.').to_string())
                .unwrap_or_else(|| "unnumbered".into()),
            None => "—".into(),
        };
        let link = Some(Link::Anchor(format!("u-{}", i + 1)));
        let cells = vec![
            (
                columns[0],
                Span {
                    link: link.clone(),
                    colour: Colour {
                        r: 0.1,
                        g: 0.31,
                        b: 0.61,
                    },
                    ..Span::plain(label(&unit.old), FontStyle::Regular)
                },
            ),
            (
                columns[1],
                Span::plain(label(&unit.new), FontStyle::Regular),
            ),
            (
                columns[2],
                Span::plain(unit.change.name(), FontStyle::Regular),
            ),
            (
                columns[3],
                Span::plain(
                    unit.classes
                        .iter()
                        .map(|c| c.name())
                        .collect::<Vec<_>>()
                        .join(", "),
                    FontStyle::Regular,
                ),
            ),
            (
                columns[4],
                Span::plain(unit.words_removed.to_string(), FontStyle::Regular),
            ),
            (
                columns[5],
                Span::plain(unit.words_added.to_string(), FontStyle::Regular),
            ),
        ];
        flow.push(Flow::TableRow {
            cells,
            header: false,
        });
    }
}

/// Where a moved unit stood: its old number struck, and a link to where it went.
fn moved_away_flow(flow: &mut Vec<Flow>, unit: &crate::diff::UnitChange, index: usize) {
    use crate::render::changes::{new_name, old_name};
    let mut spans = Vec::new();
    if let Some(old) = unit.old.first().and_then(|s| s.label.as_deref()) {
        spans.push(Span {
            style: FontStyle::Bold,
            ..Span::deleted(old.trim_end_matches('.'))
        });
        spans.push(Span::plain(" ", FontStyle::Regular));
    }
    spans.push(Span {
        colour: Colour::GREY,
        ..Span::plain(format!("(moved to {})", new_name(unit)), FontStyle::Regular)
    });
    flow.push(Flow::Paragraph {
        spans,
        size: None,
        indent: 0.0,
        hang: 0.0,
        label: None,
        anchor: None,
        space_before: 6.0,
        change_bar: true,
    });
    flow.push(Flow::Paragraph {
        spans: vec![Span {
            link: Some(Link::Anchor(format!("u-{}", index + 1))),
            colour: Colour::GREY,
            ..Span::plain(
                format!("{} now stands at {}.", old_name(unit), new_name(unit)),
                FontStyle::Italic,
            )
        }],
        size: None,
        indent: CLAUSE_INDENT,
        hang: 0.0,
        label: None,
        anchor: None,
        space_before: 3.0,
        change_bar: true,
    });
}

/// A unit's number: the same number in bold; a changed one as the old
/// struck and the new inserted; "unnumbered" in italics.
fn label_spans(unit: &crate::diff::UnitChange) -> Vec<Span> {
    use crate::diff::lines::LabelPart;
    let mut out = Vec::new();
    for (i, part) in unit.label_parts().into_iter().enumerate() {
        if i > 0 {
            out.push(Span::plain(" ", FontStyle::Regular));
        }
        out.push(match part {
            LabelPart::Same(n) => Span::plain(n, FontStyle::Bold),
            LabelPart::Old(n) => Span {
                style: FontStyle::Bold,
                ..Span::deleted(n)
            },
            LabelPart::New(n) => Span {
                style: FontStyle::Bold,
                ..Span::inserted(n)
            },
            LabelPart::Unnumbered => Span {
                colour: Colour::GREY,
                ..Span::plain("unnumbered", FontStyle::Italic)
            },
        });
    }
    out
}

/// A unit's lines as the document sets them: paragraphs at the clause
/// indent, list items indented by their depth, each with a change bar when
/// it changed. `label` hangs beside the first line.
fn unit_lines(
    flow: &mut Vec<Flow>,
    unit: &crate::diff::UnitChange,
    label: Option<String>,
    anchor: Option<String>,
) {
    let mut label = label;
    let mut anchor = anchor;
    for (k, line) in unit.lines().into_iter().enumerate() {
        let shape = line.shape;
        // Where the line's list hangs its markers, and where its text starts,
        // as the document's own PDF sets them.
        let hang = CLAUSE_INDENT + shape.depth.saturating_sub(1) as f32 * (ITEM_INDENT + 6.0);
        let text_at = match (shape.depth, shape.lettered) {
            (0, _) => CLAUSE_INDENT,
            (_, true) => hang + ITEM_INDENT + 6.0,
            (_, false) => hang + ITEM_INDENT - 8.0,
        };
        let mut edits = line.shown_edits();
        let marker = match (shape.depth > 0 && shape.item, shape.lettered) {
            (true, false) => Some("•".to_string()),
            (true, true) => take_marker(&mut edits),
            _ => None,
        };
        let space_before = match (k, shape.depth) {
            (0, _) => 5.0,
            (_, 0) => 3.0,
            _ => 2.0,
        };
        // An item whose label changed has it in its text, set where labels hang.
        let text_at = match (shape.item && shape.lettered, &marker) {
            (true, None) => hang,
            _ => text_at,
        };
        let (indent, hanging) = match (label.take(), marker) {
            (Some(text), _) => (
                text_at,
                Some(HangingLabel {
                    text,
                    style: FontStyle::Bold,
                }),
            ),
            (None, Some(text)) => (
                text_at,
                Some(HangingLabel {
                    text,
                    style: FontStyle::Regular,
                }),
            ),
            (None, None) => (text_at, None),
        };
        flow.push(Flow::Paragraph {
            spans: edit_spans(&edits),
            size: None,
            indent,
            hang: if shape.depth == 0 { 0.0 } else { hang },
            label: hanging,
            anchor: anchor.take(),
            space_before,
            change_bar: line.is_changed(),
        });
    }
}

/// Takes an unchanged item marker such as "(a)" off the front of a line's
/// edits, to hang it as the document does; a changed marker stays in the
/// text, struck and inserted.
fn take_marker(edits: &mut [Edit]) -> Option<String> {
    let Some(Edit::Equal { text }) = edits.first_mut() else {
        return None;
    };
    let (marker, rest) = text.split_once(' ')?;
    if marker.is_empty() || marker.chars().count() > 8 {
        return None;
    }
    let marker = marker.to_string();
    *text = rest.to_string();
    Some(marker)
}

/// Edits as spans: deletions struck through in red, insertions underlined in green.
fn edit_spans(edits: &[Edit]) -> Vec<Span> {
    let mut out = Vec::new();
    for edit in edits {
        match edit {
            Edit::Equal { text } => {
                out.push(Span::plain(text.replace('\n', " "), FontStyle::Regular))
            }
            Edit::Delete { text, .. } => out.push(Span::deleted(text.replace('\n', " "))),
            Edit::Insert { text, .. } => out.push(Span::inserted(text.replace('\n', " "))),
            Edit::Replace { old, new, .. } => {
                // A space keeps the struck and the new words apart on the page.
                out.push(Span::deleted(old.replace('\n', " ")));
                out.push(Span::plain(" ", FontStyle::Regular));
                out.push(Span::inserted(new.replace('\n', " ")));
            }
        }
    }
    out
}
