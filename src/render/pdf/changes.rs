//! The tracked changes as PDF flow: what changes first, then every unit
//! in the document's own structure with deletions struck, insertions
//! underlined and a bar beside each changed line, the full table last.

use crate::diff::units::UnitKind;
use crate::diff::words::Edit;
use crate::diff::{Change, ChangeSet};
use crate::fonts::FontStyle;
use crate::render::pdf::boxes::{Colour, Link};
use crate::render::pdf::flow::{CLAUSE_INDENT, ITEM_INDENT, TEXT_WIDTH};
use crate::render::pdf::layout::{Flow, HangingLabel, StyledText};
use crate::render::present::changes::{
    Stop, cells, change_note, outline, shown_label_parts, side_name, versions_line,
};

/// A heading of the tracked-changes document under its title (at
/// `outer`), with its link target and an entry in the PDF outline under
/// the title's bookmark.
fn changes_section(flow: &mut Vec<Flow>, outer: u8, title: &str, anchor: &str, bookmark: &str) {
    flow.push(Flow::Heading {
        level: outer + 1,
        spans: vec![StyledText::plain(title, FontStyle::Bold)],
        anchor: Some(anchor.into()),
        bookmark: Some((bookmark.into(), outer)),
    });
}

/// Flow for a tracked-changes document: summary, substitutions, then every
/// unit with deletions struck through, insertions underlined and a change
/// bar beside each changed unit.
/// `with_title` adds the council and a title heading (not wanted in an
/// appendix); `outer` is the level of the heading the flow stands under
/// (its title's, or the appendix's), so its own headings nest below it.
pub fn changes_flow(
    changes: &ChangeSet,
    council_name: &str,
    with_title: bool,
    outer: u8,
) -> Vec<Flow> {
    let mut flow = Vec::new();
    let para = |flow: &mut Vec<Flow>, spans: Vec<StyledText>, space: f32| {
        flow.push(Flow::text(spans, space))
    };
    if with_title {
        para(
            &mut flow,
            vec![StyledText::plain(council_name, FontStyle::Bold)],
            0.0,
        );
        flow.push(Flow::Heading {
            level: outer,
            spans: vec![StyledText::plain(
                format!("Tracked changes: {}", changes.new.title),
                FontStyle::Bold,
            )],
            anchor: Some("changes".into()),
            bookmark: Some(("Tracked changes".into(), outer - 1)),
        });
    }
    para(
        &mut flow,
        vec![
            StyledText::plain(format!("{} ", versions_line(changes)), FontStyle::Regular),
            StyledText::deleted("Deleted text is struck through"),
            StyledText::plain("; ", FontStyle::Regular),
            StyledText::inserted("inserted text is underlined"),
            StyledText::plain(
                "; a bar in the margin marks each changed clause.",
                FontStyle::Regular,
            ),
        ],
        4.0,
    );
    para(
        &mut flow,
        vec![StyledText::plain(
            format!(
                "{}.",
                crate::render::present::changes::summary_line(changes)
            ),
            FontStyle::Regular,
        )],
        6.0,
    );
    let fields = crate::render::present::changes::shown_fields(changes);
    if !fields.is_empty() {
        changes_section(
            &mut flow,
            outer,
            "Document details",
            "details",
            "Document details",
        );
        let columns = [0.0, 110.0, 280.0];
        let row = |cells: [&str; 3], header: bool| Flow::TableRow {
            cells: columns
                .iter()
                .zip(cells)
                .map(|(x, text)| (*x, vec![StyledText::plain(text, FontStyle::Regular)]))
                .collect(),
            header,
            anchor: None,
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
    changes_section(&mut flow, outer, "What changes", "summary", "What changes");
    for highlight in changes.highlights() {
        flow.push(Flow::Paragraph {
            spans: vec![StyledText {
                link: Some(Link::Anchor(format!("u-{}", highlight.unit + 1))),
                ..StyledText::plain(highlight.text, FontStyle::Regular)
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
        changes_section(&mut flow, outer, "Minor changes", "minor", "Minor changes");
        for group in minor {
            let mut kind = group.kind.clone();
            if let Some(first) = kind.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            para(
                &mut flow,
                vec![StyledText::plain(
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
            outer,
            "Substitutions made throughout",
            "substitutions",
            "Substitutions",
        );
        for s in &changes.substitutions {
            para(
                &mut flow,
                vec![
                    StyledText::deleted(s.old.clone()),
                    StyledText::plain(" → ", FontStyle::Regular),
                    StyledText::inserted(s.new.clone()),
                    StyledText::plain(
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
        outer,
        "The revised text with changes marked",
        "text",
        "The revised text",
    );
    for stop in outline(changes) {
        let (i, unit) = match stop {
            Stop::MovedAway { index, unit } => {
                moved_away_flow(&mut flow, unit, index);
                continue;
            }
            Stop::Unit { index, unit } => (index, unit),
        };
        let spans = edit_spans(&unit.edits);
        let anchor = Some(format!("u-{}", i + 1));
        let changed = unit.change != Change::Unchanged;
        if unit.kind == UnitKind::Row {
            // A row stays in its table, what happened to it in its first cell.
            let note = changed.then(|| format!("({}) ", change_note(unit)));
            row_flow(&mut flow, unit, note, anchor);
            continue;
        }
        if unit.kind == UnitKind::Heading {
            // Its number as a clause's: the old struck, the new inserted.
            let mut all = label_spans(unit);
            if !all.is_empty() {
                all.push(StyledText::plain(" ", FontStyle::Bold));
            }
            all.extend(spans);
            // The outline names the heading as it stands, or stood if deleted.
            let bookmark = unit
                .new
                .first()
                .or(unit.old.first())
                .map(|side| {
                    let label = side.label.as_deref().unwrap_or_default();
                    let gone = if unit.new.is_empty() {
                        " (deleted)"
                    } else {
                        ""
                    };
                    format!("{label} {}{gone}", side.text)
                })
                .unwrap_or_default();
            flow.push(Flow::Heading {
                level: outer + 2,
                spans: all,
                anchor,
                bookmark: Some((bookmark.trim().to_string(), outer + 1)),
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
            head.push(StyledText::plain(" ", FontStyle::Regular));
        }
        let note = format!("({})", change_note(unit));
        // The head line stays with the first lines of the unit.
        flow.push(Flow::NeedSpace(60.0));
        head.push(StyledText {
            colour: Colour::GREY,
            ..StyledText::plain(note, FontStyle::Regular)
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
    if changes.units.iter().any(|u| u.change != Change::Unchanged) {
        changes_section(
            &mut flow,
            outer,
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
            .map(|(x, h)| (*x, vec![StyledText::plain(h, FontStyle::Regular)]))
            .collect(),
        header: true,
        anchor: None,
    });
    for (i, unit) in changes
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.change != Change::Unchanged)
    {
        let label = |sides: &[crate::diff::UnitSide]| side_name(unit, sides);
        let link = Some(Link::Anchor(format!("u-{}", i + 1)));
        let cells = vec![
            (
                columns[0],
                StyledText {
                    link: link.clone(),
                    colour: Colour {
                        r: 0.1,
                        g: 0.31,
                        b: 0.61,
                    },
                    ..StyledText::plain(label(&unit.old), FontStyle::Regular)
                },
            ),
            (
                columns[1],
                StyledText::plain(label(&unit.new), FontStyle::Regular),
            ),
            (
                columns[2],
                StyledText::plain(unit.change.name(), FontStyle::Regular),
            ),
            (
                columns[3],
                StyledText::plain(
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
                StyledText::plain(unit.words_removed.to_string(), FontStyle::Regular),
            ),
            (
                columns[5],
                StyledText::plain(unit.words_added.to_string(), FontStyle::Regular),
            ),
        ];
        flow.push(Flow::TableRow {
            cells: cells.into_iter().map(|(x, cell)| (x, vec![cell])).collect(),
            header: false,
            anchor: None,
        });
    }
}

/// Where a moved unit stood: its old number struck, and a link to where it went.
fn moved_away_flow(flow: &mut Vec<Flow>, unit: &crate::diff::UnitChange, index: usize) {
    use crate::render::present::changes::{new_name, old_name};
    if unit.kind == UnitKind::Row {
        // A row stays in its table: a row of one cell says where it went.
        flow.push(Flow::TableRow {
            cells: vec![(
                CLAUSE_INDENT,
                vec![
                    StyledText::deleted(old_name(unit)),
                    StyledText {
                        colour: Colour::GREY,
                        link: Some(Link::Anchor(format!("u-{}", index + 1))),
                        ..StyledText::plain(" (moved to its new place)", FontStyle::Regular)
                    },
                ],
            )],
            header: false,
            anchor: None,
        });
        return;
    }
    let mut spans = Vec::new();
    if let Some(old) = unit.old.first().and_then(|s| s.label.as_deref()) {
        spans.push(StyledText {
            style: FontStyle::Bold,
            ..StyledText::deleted(old.trim_end_matches('.'))
        });
        spans.push(StyledText::plain(" ", FontStyle::Regular));
    }
    spans.push(StyledText {
        colour: Colour::GREY,
        ..StyledText::plain(format!("(moved to {})", new_name(unit)), FontStyle::Regular)
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
        spans: vec![StyledText {
            link: Some(Link::Anchor(format!("u-{}", index + 1))),
            colour: Colour::GREY,
            ..StyledText::plain(
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
fn label_spans(unit: &crate::diff::UnitChange) -> Vec<StyledText> {
    use crate::diff::lines::LabelPart;
    let mut out = Vec::new();
    for (i, part) in shown_label_parts(unit).into_iter().enumerate() {
        if i > 0 {
            out.push(StyledText::plain(" ", FontStyle::Regular));
        }
        out.push(match part {
            LabelPart::Same(n) => StyledText::plain(n, FontStyle::Bold),
            LabelPart::Old(n) => StyledText {
                style: FontStyle::Bold,
                ..StyledText::deleted(n)
            },
            LabelPart::New(n) => StyledText {
                style: FontStyle::Bold,
                ..StyledText::inserted(n)
            },
            LabelPart::Unnumbered => StyledText {
                colour: Colour::GREY,
                ..StyledText::plain("unnumbered", FontStyle::Italic)
            },
        });
    }
    out
}

/// A unit's lines as the document sets them: paragraphs at the clause
/// indent, list items indented by their depth, each with a change bar when
/// it changed. `label` hangs beside the first line.
/// A row of a section's table, as a row of its table.
fn row_flow(
    flow: &mut Vec<Flow>,
    unit: &crate::diff::UnitChange,
    note: Option<String>,
    anchor: Option<String>,
) {
    if let Some(line) = unit.lines().first() {
        row_line_flow(flow, &line.shown_edits(), line.shape.header, note, anchor);
    }
}

/// A table's row: its cells side by side, the changes marked in each, and
/// a grey note of what happened to the row before its first cell.
fn row_line_flow(
    flow: &mut Vec<Flow>,
    edits: &[Edit],
    header: bool,
    note: Option<String>,
    anchor: Option<String>,
) {
    let cells = cells(edits);
    let width = (TEXT_WIDTH - CLAUSE_INDENT) / cells.len().max(1) as f32;
    let cells = cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let mut spans = edit_spans(cell);
            if i == 0
                && let Some(note) = &note
            {
                let note = StyledText {
                    colour: Colour::GREY,
                    ..StyledText::plain(note.clone(), FontStyle::Regular)
                };
                spans.insert(0, note);
            }
            (CLAUSE_INDENT + i as f32 * width, spans)
        })
        .collect();
    flow.push(Flow::TableRow {
        cells,
        header,
        anchor,
    });
}

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
        if shape.row {
            row_line_flow(flow, &line.shown_edits(), shape.header, None, anchor.take());
            continue;
        }
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
fn edit_spans(edits: &[Edit]) -> Vec<StyledText> {
    let mut out = Vec::new();
    for edit in edits {
        match edit {
            Edit::Equal { text } => out.push(StyledText::plain(
                text.replace('\n', " "),
                FontStyle::Regular,
            )),
            Edit::Delete { text, .. } => out.push(StyledText::deleted(text.replace('\n', " "))),
            Edit::Insert { text, .. } => out.push(StyledText::inserted(text.replace('\n', " "))),
            Edit::Replace { old, new, .. } => {
                // A space keeps the struck and the new words apart on the page.
                out.push(StyledText::deleted(old.replace('\n', " ")));
                out.push(StyledText::plain(" ", FontStyle::Regular));
                out.push(StyledText::inserted(new.replace('\n', " ")));
            }
        }
    }
    out
}

/// The tables of destinations and origins as flow, under a title at
/// `outer` (a document's title, or a report's appendix heading): each a
/// heading and a table of three columns.
pub fn tables_flow(
    changes: &ChangeSet,
    tables: &crate::diff::dispositions::Dispositions,
    outer: u8,
) -> Vec<Flow> {
    let mut flow = Vec::new();
    if outer == 1 {
        flow.push(Flow::Heading {
            level: 1,
            spans: vec![StyledText::plain(
                format!("Destinations and origins: {}", changes.new.title),
                FontStyle::Bold,
            )],
            anchor: Some("tables".into()),
            bookmark: Some(("Destinations and origins".into(), 0)),
        });
    }
    flow.push(Flow::text(
        vec![StyledText::plain(
            format!(
                "{} {}",
                versions_line(changes),
                crate::render::present::tables::INTRO
            ),
            FontStyle::Regular,
        )],
        4.0,
    ));
    let width = crate::render::pdf::flow::TEXT_WIDTH;
    let columns = [0.0, width * 0.22, width * 0.86];
    for table in crate::render::present::tables::tables(tables) {
        changes_section(&mut flow, outer, table.title, table.id, table.title);
        let row = |cells: [String; 3]| -> Vec<(f32, Vec<StyledText>)> {
            columns
                .iter()
                .zip(cells)
                .map(|(x, text)| (*x, vec![StyledText::plain(text, FontStyle::Regular)]))
                .collect()
        };
        let head = [table.side, table.what, crate::render::present::tables::KEPT];
        flow.push(Flow::TableRow {
            cells: row(head.map(str::to_string)),
            header: true,
            anchor: None,
        });
        for d in &table.rows {
            let kept = crate::render::present::tables::kept(d);
            flow.push(Flow::TableRow {
                cells: row([d.unit.clone(), d.disposition.clone(), kept]),
                header: false,
                anchor: None,
            });
        }
    }
    flow
}
