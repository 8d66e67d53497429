//! A committee report as PDF.

use crate::Error;
use crate::diff::variations::Schedule;
use crate::diff::words::Edit;
use crate::fonts::FontStyle;
use crate::model::raw::RawBlock;
use crate::model::report::{AppendixKind, Report};
use crate::model::{Council, Document, Inline};
use crate::render::pdf::boxes::Metadata;
use crate::render::pdf::changes::changes_flow;
use crate::render::pdf::flow::FlowBuilder;
use crate::render::pdf::layout::{Flow, Furniture, Group, StyledText};
use crate::render::pdf::{PdfOptions, lay_out_and_write};
use crate::render::present::report::{Numbering, Prepared, comparison_pairs, cover, take_marker};
use crate::render::present::variations as present_variations;

/// The report as PDF: cover table, numbered body, then each appendix on a
/// new page with its own heading; the report title runs in the header.
pub fn report_pdf(
    report: &Report,
    prepared: &[Prepared<'_>],
    council: &Council,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let documents: Vec<&Document> = prepared
        .iter()
        .filter(|p| p.kind == AppendixKind::Document)
        .map(|p| p.documents[0])
        .collect();
    let mut builder = FlowBuilder::new(council, &documents);
    builder.flow.push(Flow::Paragraph {
        spans: vec![StyledText::plain(&council.name, FontStyle::Bold)],
        size: Some(12.0),
        indent: 0.0,
        hang: 0.0,
        label: None,
        anchor: None,
        space_before: 0.0,
        change_bar: false,
    });
    // Headings nest from the title down: the report's sections and its
    // appendices under it, each appendix's own headings under that.
    builder.flow.push(Flow::Heading {
        level: 1,
        spans: vec![StyledText::plain(
            &report.front_matter.title,
            FontStyle::Bold,
        )],
        anchor: Some("report".into()),
        bookmark: Some((report.front_matter.title.clone(), 0)),
    });
    builder.flow.push(Flow::Group(Group::LabelledRows));
    for (label, value) in cover(report, council) {
        builder.flow.push(Flow::labelled(
            vec![StyledText::plain(value, FontStyle::Regular)],
            label,
            FontStyle::Bold,
            0.0,
            195.0,
            3.0,
        ));
    }
    builder.flow.push(Flow::EndGroup);
    builder.flow.push(Flow::Rule { space: 6.0 });
    let mut numbers = Numbering::default();
    for block in &report.body {
        body_flow(block, &mut builder, &mut numbers, 0.0);
    }
    for appendix in prepared {
        builder.flow.push(Flow::PageBreak);
        let heading = format!("Appendix {}: {}", appendix.number, appendix.title);
        builder.flow.push(Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain(heading.clone(), FontStyle::Bold)],
            anchor: Some(format!("appendix-{}", appendix.number)),
            bookmark: Some((heading, 1)),
        });
        match (appendix.kind, appendix.changes) {
            (AppendixKind::Document, _) => {
                let document = appendix.documents[0];
                builder.title_block(document, &format!("{}--top", document.id), None, 3);
                builder.body(document, 4, 2);
            }
            (AppendixKind::TrackedChanges, Some(changes)) => {
                builder.flow.extend(changes_flow(changes, "", false, 2));
            }
            (AppendixKind::Comparison, Some(_)) => comparison_flow(appendix, &mut builder.flow),
            (AppendixKind::Variations, _) => {
                if let Some(schedule) = &appendix.schedule {
                    variations_flow(schedule, appendix.number, &mut builder.flow);
                }
            }
            (AppendixKind::Tables, Some(changes)) => {
                builder
                    .flow
                    .extend(crate::render::pdf::changes::tables_flow(
                        changes,
                        &changes.dispositions(),
                        2,
                    ))
            }
            _ => {}
        }
    }
    let f = &report.front_matter;
    let metadata = Metadata {
        title: f.title.clone(),
        author: council.name.clone(),
        subject: format!("{}, {}", f.meeting, f.meeting_date.long_form()),
        lang: f.lang.clone(),
        date: options
            .date
            .clone()
            .or_else(|| Some(f.meeting_date.to_string())),
        keywords: crate::model::identity::report_edition(council, report)
            .map(|id| format!("{} {}", super::PROPOSED_KEYWORD, id.full()))
            .unwrap_or_default(),
    };
    let furniture = Furniture {
        header_left: council.name.clone(),
        header_right: f.title.clone(),
        footer_left: format!("{}, {}", f.meeting, f.meeting_date.long_form()),
    };
    lay_out_and_write(builder.flow, &furniture, metadata, council, options)
}

fn body_flow(
    block: &RawBlock,
    builder: &mut FlowBuilder<'_>,
    numbers: &mut Numbering,
    indent: f32,
) {
    match block {
        RawBlock::Heading { level, content, .. } => {
            let number = numbers.next(*level);
            let mut spans = vec![StyledText::plain(format!("{number}. "), FontStyle::Bold)];
            spans.extend(builder.inline_spans(content, "", FontStyle::Bold));
            let title = spans.iter().map(|s| s.text.as_str()).collect::<String>();
            builder.flow.push(Flow::Heading {
                level: (*level + 1).min(4),
                spans,
                anchor: Some(format!("section-{}", number.replace('.', "-"))),
                bookmark: Some((title, *level)),
            });
        }
        RawBlock::Paragraph { content, .. } => {
            let spans = builder.inline_spans(content, "", FontStyle::Regular);
            builder.flow.push(Flow::indented(spans, indent, 5.0));
        }
        RawBlock::List { items, start, .. } => {
            for (k, item) in items.iter().enumerate() {
                let mut marker = match start {
                    Some(n) => format!("{}.", *n as usize + k),
                    None => "•".to_string(),
                };
                let mut rest = item.blocks.iter();
                let spans = match item.blocks.first() {
                    Some(RawBlock::Paragraph { content, .. }) => {
                        rest.next();
                        let (found, content) = take_marker(content);
                        if let Some(found) = found {
                            marker = found;
                        }
                        builder.inline_spans(&content, "", FontStyle::Regular)
                    }
                    _ => Vec::new(),
                };
                builder.flow.push(Flow::labelled(
                    spans,
                    &marker,
                    FontStyle::Regular,
                    indent,
                    indent + 20.0,
                    5.0,
                ));
                for inner in rest {
                    body_flow(inner, builder, numbers, indent + 20.0);
                }
            }
        }
        RawBlock::Table { header, rows, .. } => {
            let columns = header.len().max(rows.first().map_or(1, Vec::len)).max(1);
            let width = crate::render::pdf::flow::TEXT_WIDTH / columns as f32;
            let cells = |row: &[Vec<Inline>]| -> Vec<(f32, Vec<StyledText>)> {
                row.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        (
                            i as f32 * width,
                            vec![StyledText::plain(
                                crate::model::plain_text(c),
                                FontStyle::Regular,
                            )],
                        )
                    })
                    .collect()
            };
            if !header.is_empty() {
                builder.flow.push(Flow::TableRow {
                    cells: cells(header),
                    header: true,
                    anchor: None,
                });
            }
            // Cells wrap within their columns: no text is ever cut.
            for row in rows {
                builder.flow.push(Flow::TableRow {
                    cells: cells(row),
                    header: false,
                    anchor: None,
                });
            }
        }
        RawBlock::Quote { blocks, .. } => {
            builder.flow.push(Flow::Group(Group::Quote));
            for inner in blocks {
                body_flow(inner, builder, numbers, indent + 18.0);
            }
            builder.flow.push(Flow::EndGroup);
        }
        RawBlock::Unsupported { text, .. } => builder.flow.push(Flow::indented(
            vec![StyledText::plain(text, FontStyle::Regular)],
            indent,
            5.0,
        )),
    }
}

/// "Current" and "Proposed" wording of each substantively changed clause.
/// The current and proposed wording of each substantive change: labelled
/// with its old and new number, the words taken out struck in the current
/// wording and the words put in marked in the proposed, and the reason
/// where the report asks for one.
fn comparison_flow(prepared: &Prepared<'_>, flow: &mut Vec<Flow>) {
    let block = |label: &str, spans: Vec<StyledText>| {
        Flow::labelled(spans, label, FontStyle::Bold, 0.0, 62.0, 3.0)
    };
    for (k, pair) in comparison_pairs(prepared).into_iter().enumerate() {
        let unit = pair.unit;
        flow.push(Flow::NeedSpace(70.0));
        flow.push(Flow::Heading {
            level: 3,
            spans: vec![StyledText::plain(pair.heading(), FontStyle::Bold)],
            anchor: Some(format!("appendix-{}-{}", prepared.number, k + 1)),
            bookmark: Some((pair.heading(), 2)),
        });
        let current = if unit.old.is_empty() {
            vec![StyledText::plain("(new)", FontStyle::Italic)]
        } else {
            side_spans(unit, false)
        };
        let proposed = if unit.new.is_empty() {
            vec![StyledText::plain("(deleted)", FontStyle::Italic)]
        } else {
            side_spans(unit, true)
        };
        flow.push(block("Current", current));
        flow.push(block("Proposed", proposed));
        if prepared.reasons {
            let reason = pair.reason.map_or_else(
                || StyledText::plain("No reason given", FontStyle::Italic),
                |r| StyledText::plain(r, FontStyle::Regular),
            );
            flow.push(block("Reason", vec![reason]));
        }
    }
}

/// A schedule of variations: its summary, then each provision under its
/// number with what the council did, the model's wording and the council's.
fn variations_flow(schedule: &Schedule, number: usize, flow: &mut Vec<Flow>) {
    flow.push(Flow::text(
        vec![StyledText::plain(
            present_variations::summary(schedule),
            FontStyle::Regular,
        )],
        0.0,
    ));
    let block = |label: &str, spans: Vec<StyledText>| {
        Flow::labelled(spans, label, FontStyle::Bold, 0.0, 62.0, 3.0)
    };
    for (k, row) in present_variations::rows(schedule).into_iter().enumerate() {
        let unit = row.unit;
        let heading = match row.statutory {
            true => format!("{}: {} (statutory)", row.label, row.variation),
            false => format!("{}: {}", row.label, row.variation),
        };
        flow.push(Flow::NeedSpace(70.0));
        flow.push(Flow::Heading {
            level: 3,
            spans: vec![StyledText::plain(heading.clone(), FontStyle::Bold)],
            anchor: Some(format!("appendix-{number}-{}", k + 1)),
            bookmark: Some((heading, 2)),
        });
        let model = match unit.old.is_empty() {
            true => vec![StyledText::plain("(not in the model)", FontStyle::Italic)],
            false => side_spans(unit, false),
        };
        let council = match unit.new.is_empty() {
            true => vec![StyledText::plain("(left out)", FontStyle::Italic)],
            false => side_spans(unit, true),
        };
        flow.push(block("Model", model));
        flow.push(block("Council", council));
    }
}

/// One version's text of a unit as spans: the words taken out struck (the
/// current wording), or the words put in marked (the proposed).
fn side_spans(unit: &crate::diff::UnitChange, new: bool) -> Vec<StyledText> {
    let mut out = Vec::new();
    for (k, line) in unit.lines().into_iter().enumerate() {
        let mut spans = Vec::new();
        for edit in &line.edits {
            match (edit, new) {
                (Edit::Equal { text }, _) => {
                    spans.push(StyledText::plain(text.clone(), FontStyle::Regular))
                }
                (Edit::Delete { text, .. }, false) | (Edit::Replace { old: text, .. }, false) => {
                    spans.push(StyledText::deleted(text.clone()))
                }
                (Edit::Insert { text, .. }, true) | (Edit::Replace { new: text, .. }, true) => {
                    spans.push(StyledText::inserted(text.clone()))
                }
                _ => {}
            }
        }
        if spans.iter().all(|s| s.text.is_empty()) {
            continue;
        }
        if k > 0 && !out.is_empty() {
            out.push(StyledText::plain(" / ", FontStyle::Regular));
        }
        out.extend(spans);
    }
    out
}
