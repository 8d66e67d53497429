//! A committee report as Word blocks: the council, the cover table, the
//! numbered body, then each appendix on a new page. The tracked-changes
//! appendix is real Word revisions; the comparison appendix is a table of
//! current and proposed wording, its struck and underlined words set as
//! formatting (the comparison is the record, not something to accept).

use super::content::{Block, Paragraph, Revision, Role, Row, RunStyle, Table};
use super::revisions;
use crate::diff::variations::Schedule;
use crate::diff::words::Edit;
use crate::model::raw::RawBlock;
use crate::model::report::{AppendixKind, Report};
use crate::model::{Council, Inline, LinkTarget};
use crate::render::present::changes::summary_line;
use crate::render::present::links::safe_url;
use crate::render::present::report::{Numbering, Prepared, comparison_pairs, cover, take_marker};
use crate::render::present::variations as present_variations;

/// The width of the text between the margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 9638;

/// The report's blocks. `moves`: whether revisions may be Word moves
/// (they need a date).
pub fn report_blocks(
    report: &Report,
    prepared: &[Prepared<'_>],
    council: &Council,
    moves: bool,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut name = body(0);
    name.push_styled(
        &council.name,
        &RunStyle {
            bold: true,
            ..RunStyle::default()
        },
    );
    out.push(Block::Paragraph(name));
    let mut title = Paragraph::new(Role::Title);
    title.push_styled(&report.front_matter.title, &RunStyle::default());
    out.push(Block::Paragraph(title));
    let bold = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    out.push(Block::Table(Table {
        widths: vec![3400, TEXT_WIDTH - 3400],
        rows: cover(report, council)
            .into_iter()
            .map(|(label, value)| Row {
                header: false,
                revision: Revision::None,
                cells: vec![
                    vec![styled(label, &bold)],
                    vec![styled(&value, &RunStyle::default())],
                ],
            })
            .collect(),
    }));
    let mut numbers = Numbering::default();
    for block in &report.body {
        body_blocks(block, &mut numbers, 0, &mut out);
    }
    for appendix in prepared {
        let mut heading = Paragraph::new(Role::Heading(1));
        heading.page_break = true;
        heading.push_styled(
            &format!("Appendix {}: {}", appendix.number, appendix.title),
            &RunStyle::default(),
        );
        out.push(Block::Paragraph(heading));
        match (appendix.kind, appendix.changes) {
            (AppendixKind::Document, _) => {
                let document = revisions::document_paragraphs(appendix.documents[0]);
                out.extend(under_appendix(document));
            }
            (AppendixKind::TrackedChanges, Some(changes)) => {
                out.push(Block::Paragraph(styled(
                    &summary_line(changes),
                    &RunStyle::default(),
                )));
                out.extend(under_appendix(revisions::paragraphs(changes, moves)));
            }
            (AppendixKind::Comparison, Some(_)) => out.push(Block::Table(comparison(appendix))),
            (AppendixKind::Variations, _) => {
                if let Some(schedule) = &appendix.schedule {
                    out.push(Block::Paragraph(styled(
                        &present_variations::summary(schedule),
                        &RunStyle::default(),
                    )));
                    out.push(Block::Table(variations(schedule)));
                }
            }
            (AppendixKind::Tables, Some(changes)) => out.extend(revisions::tables_blocks(
                changes,
                &changes.dispositions(),
                2,
            )),
            _ => {}
        }
    }
    out
}

/// A document's paragraphs set under an appendix heading: its title a
/// second-level heading, its sections third-level.
fn under_appendix(paragraphs: Vec<Paragraph>) -> Vec<Block> {
    let paragraphs = paragraphs.into_iter().map(|mut p| {
        p.role = match p.role {
            Role::Title => Role::Heading(2),
            Role::Heading(_) => Role::Heading(3),
            other => other,
        };
        p
    });
    revisions::tables(paragraphs.collect())
}

fn body(depth: usize) -> Paragraph {
    Paragraph::new(Role::Body {
        indented: false,
        depth,
    })
}

fn styled(text: &str, style: &RunStyle) -> Paragraph {
    let mut paragraph = body(0);
    paragraph.push_styled(text, style);
    paragraph
}

/// Inline content as runs: emphasis italic, strong bold, web links as
/// links (a cross-reference is its words), line breaks kept.
fn push_inlines(paragraph: &mut Paragraph, content: &[Inline], style: &RunStyle) {
    for inline in content {
        match inline {
            Inline::Text { text } | Inline::Code { text } => paragraph.push_styled(text, style),
            Inline::Emphasis { content } => {
                let italic = RunStyle {
                    italic: true,
                    ..style.clone()
                };
                push_inlines(paragraph, content, &italic);
            }
            Inline::Strong { content } => {
                let bold = RunStyle {
                    bold: true,
                    ..style.clone()
                };
                push_inlines(paragraph, content, &bold);
            }
            Inline::Link {
                target, content, ..
            } => {
                let link = match target {
                    LinkTarget::External { url } => safe_url(url).map(str::to_string),
                    _ => None,
                };
                let linked = RunStyle {
                    link,
                    ..style.clone()
                };
                push_inlines(paragraph, content, &linked);
            }
            Inline::Break => paragraph.push_styled("\n", style),
        }
    }
}

/// One block of the report's body: headings numbered as the PDF numbers
/// them, lists with their markers, tables with a header row.
fn body_blocks(block: &RawBlock, numbers: &mut Numbering, depth: usize, out: &mut Vec<Block>) {
    match block {
        RawBlock::Heading { level, content, .. } => {
            let number = numbers.next(*level);
            let mut heading = Paragraph::new(Role::Heading((*level).clamp(1, 3)));
            heading.push_styled(&format!("{number}. "), &RunStyle::default());
            push_inlines(&mut heading, content, &RunStyle::default());
            out.push(Block::Paragraph(heading));
        }
        RawBlock::Paragraph { content, .. } => {
            let mut paragraph = body(depth);
            push_inlines(&mut paragraph, content, &RunStyle::default());
            out.push(Block::Paragraph(paragraph));
        }
        RawBlock::List { items, start, .. } => {
            for (k, item) in items.iter().enumerate() {
                let mut rest = item.blocks.iter();
                let (marker, content) = match item.blocks.first() {
                    Some(RawBlock::Paragraph { content, .. }) => {
                        rest.next();
                        take_marker(content)
                    }
                    _ => (None, Vec::new()),
                };
                let marker = marker.or(start.map(|n| format!("{}.", n as usize + k)));
                let level = depth + 1;
                let mut paragraph = match &marker {
                    Some(_) => Paragraph::new(Role::Lettered {
                        indented: false,
                        depth: level,
                    }),
                    None => Paragraph::new(Role::Bullet {
                        indented: false,
                        depth: level,
                    }),
                };
                if let Some(marker) = marker {
                    paragraph.push_styled(&format!("{marker}\t"), &RunStyle::default());
                }
                push_inlines(&mut paragraph, &content, &RunStyle::default());
                out.push(Block::Paragraph(paragraph));
                for inner in rest {
                    body_blocks(inner, numbers, level, out);
                }
            }
        }
        RawBlock::Table { header, rows, .. } => {
            let columns = header.len().max(rows.first().map_or(1, Vec::len)).max(1);
            let width = TEXT_WIDTH / columns as u32;
            let row = |cells: &[Vec<Inline>], header: bool| Row {
                header,
                revision: Revision::None,
                cells: cells
                    .iter()
                    .map(|cell| {
                        let mut paragraph = body(0);
                        let style = RunStyle {
                            bold: header,
                            ..RunStyle::default()
                        };
                        push_inlines(&mut paragraph, cell, &style);
                        vec![paragraph]
                    })
                    .collect(),
            };
            let mut table = Table {
                widths: vec![width; columns],
                rows: Vec::new(),
            };
            if !header.is_empty() {
                table.rows.push(row(header, true));
            }
            table.rows.extend(rows.iter().map(|r| row(r, false)));
            out.push(Block::Table(table));
        }
        RawBlock::Quote { blocks, .. } => {
            for inner in blocks {
                let start = out.len();
                body_blocks(inner, numbers, depth, out);
                for block in &mut out[start..] {
                    if let Block::Paragraph(p) = block
                        && let Role::Body { indented, depth } = p.role
                    {
                        p.role = Role::Quote { indented, depth };
                    }
                }
            }
        }
        RawBlock::Unsupported { text, .. } => {
            out.push(Block::Paragraph(styled(text, &RunStyle::default())))
        }
    }
}

/// The comparison table: each substantive change with its numbers, the
/// current wording (words taken out struck) and the proposed (words put
/// in underlined), and the reason where the report asks for one.
/// A schedule of variations as a table: each provision, what the council
/// did, the model's wording and the council's.
fn variations(schedule: &Schedule) -> Table {
    let bold = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    let italic = RunStyle {
        italic: true,
        ..RunStyle::default()
    };
    let headings = [
        "Provision",
        "What the council did",
        "The model's wording",
        "The council's wording",
    ];
    let mut rows = vec![Row {
        header: true,
        revision: Revision::None,
        cells: headings.iter().map(|h| vec![styled(h, &bold)]).collect(),
    }];
    for row in present_variations::rows(schedule) {
        let unit = row.unit;
        let side = |new: bool, missing: &str| match (new, unit.new.is_empty(), unit.old.is_empty())
        {
            (true, true, _) | (false, _, true) => vec![styled(missing, &italic)],
            _ => side_paragraphs(unit, new),
        };
        let what = match row.statutory {
            true => format!("{} (statutory)", row.variation),
            false => row.variation.to_string(),
        };
        let emphasis = match row.departs {
            true => &bold,
            false => &RunStyle::default(),
        };
        rows.push(Row {
            header: false,
            revision: Revision::None,
            cells: vec![
                vec![styled(&row.label, &bold)],
                vec![styled(&what, emphasis)],
                side(false, "(not in the model)"),
                side(true, "(left out)"),
            ],
        });
    }
    Table {
        widths: vec![1800, 1700, 3069, 3069],
        rows,
    }
}

fn comparison(prepared: &Prepared<'_>) -> Table {
    let bold = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    let mut headings = vec!["Clause", "Current wording", "Proposed wording"];
    let mut widths = vec![1900, 3869, 3869];
    if prepared.reasons {
        headings.push("Reason for change");
        widths = vec![1700, 2800, 2800, 2338];
    }
    let mut rows = vec![Row {
        header: true,
        revision: Revision::None,
        cells: headings.iter().map(|h| vec![styled(h, &bold)]).collect(),
    }];
    let italic = RunStyle {
        italic: true,
        ..RunStyle::default()
    };
    for pair in comparison_pairs(prepared) {
        let unit = pair.unit;
        let side = |new: bool, missing: &str| match (new, unit.new.is_empty(), unit.old.is_empty())
        {
            (true, true, _) | (false, _, true) => vec![styled(missing, &italic)],
            _ => side_paragraphs(unit, new),
        };
        let mut cells = vec![
            vec![styled(&pair.heading(), &bold)],
            side(false, "(new)"),
            side(true, "(deleted)"),
        ];
        if prepared.reasons {
            cells.push(vec![match &pair.reason {
                Some(reason) => styled(reason, &RunStyle::default()),
                None => styled("No reason given", &italic),
            }]);
        }
        rows.push(Row {
            header: false,
            cells,
            revision: Revision::None,
        });
    }
    Table { widths, rows }
}

/// One version's lines of a unit, each a paragraph: the words taken out
/// struck (the current wording), or the words put in underlined (the proposed).
fn side_paragraphs(unit: &crate::diff::UnitChange, new: bool) -> Vec<Paragraph> {
    let struck = RunStyle {
        struck: true,
        ..RunStyle::default()
    };
    let underlined = RunStyle {
        underlined: true,
        ..RunStyle::default()
    };
    let mut out = Vec::new();
    for line in unit.lines() {
        let mut paragraph = body(0);
        for edit in &line.edits {
            match (edit, new) {
                (Edit::Equal { text }, _) => paragraph.push_styled(text, &RunStyle::default()),
                (Edit::Delete { text, .. }, false) | (Edit::Replace { old: text, .. }, false) => {
                    paragraph.push_styled(text, &struck)
                }
                (Edit::Insert { text, .. }, true) | (Edit::Replace { new: text, .. }, true) => {
                    paragraph.push_styled(text, &underlined)
                }
                _ => {}
            }
        }
        if !paragraph.content.is_empty() {
            out.push(paragraph);
        }
    }
    out
}
