//! The change set as Word paragraphs: every character of both versions,
//! paragraph marks included, tagged with the revision it belongs to, so
//! accepting every revision gives the new version and rejecting every
//! revision the old, labels and all.
//!
//! A unit's edits are one stream of text in which `\n` is a paragraph mark:
//! a mark in both versions is kept, one only the old version has (two
//! paragraphs joined) is a deleted mark, one only the new has (a paragraph
//! split) an inserted mark. The blank line the change model puts between
//! the parts of a split or a merge is no paragraph of either version and
//! is dropped. Each part's number is written as text at the start of its
//! first paragraph: a renumbering is the old number deleted and the new
//! one inserted, nothing else.

use std::collections::BTreeSet;

use super::content::{
    Block, Inline, MoveRange, Paragraph, Revision, Role, Row, Run, RunStyle, Table, push_text,
};

use crate::diff::units::{LineShape, UnitKind, units};
use crate::diff::words::{ChangeClass, Edit};
use crate::diff::{Change, ChangeSet, PART_SEPARATOR, UnitChange, UnitSide};
use crate::model::Document;
use crate::render::present::changes::{CELL_SEPARATOR, Stop, cut_into_cells, outline};

/// The paragraphs of a whole document's tracked changes: its title, the
/// front-matter fields the revision changes, then every unit in the order
/// of the new version, each moved unit also where it stood.
///
/// Word requires a date on a move; `moves` is false when the revisions
/// have none, and a moved unit is then a deletion where it stood and an
/// insertion where it stands, both of class "moved".
pub fn paragraphs(changes: &ChangeSet, moves: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut title = Paragraph::new(Role::Title);
    if changes.old.title == changes.new.title {
        title.push(&changes.new.title, Revision::None);
    } else {
        title.push(
            &changes.old.title,
            Revision::Deleted(ChangeClass::Substantive),
        );
        title.push(
            &changes.new.title,
            Revision::Inserted(ChangeClass::Substantive),
        );
    }
    out.push(title);
    out.extend(details(changes));
    for stop in outline(changes) {
        match stop {
            Stop::MovedAway { index, unit } => {
                unit_paragraphs(unit, Showing::MovedFrom(index), &mut out)
            }
            Stop::Unit { index, unit } => {
                let copy = match unit.change {
                    Change::Moved => Showing::MovedTo(index),
                    _ => Showing::Both,
                };
                unit_paragraphs(unit, copy, &mut out);
            }
        }
    }
    keep_last_mark(&mut out);
    if !moves {
        for paragraph in &mut out {
            paragraph.unmove();
        }
    }
    set_marks_of_one_version(&mut out);
    out
}

/// A paragraph mark only one version has joins, in the other, its text to
/// the next paragraph of that version, and clients set the two joined as
/// either of them was set (LibreOffice as the first, Word as the last).
/// So such a paragraph is set as the next paragraph is in the other
/// version, and its own setting is a tracked change of its properties:
/// accepted or rejected, every paragraph is set as its version sets it.
fn set_marks_of_one_version(paragraphs: &mut [Paragraph]) {
    let is_row = |role: Role| matches!(role, Role::Row { .. });
    for i in 0..paragraphs.len() {
        let (mark, role) = (paragraphs[i].mark, paragraphs[i].role);
        if is_row(role) || mark.in_old() == mark.in_new() {
            continue;
        }
        let next = paragraphs[i + 1..]
            .iter()
            .filter(|p| !is_row(p.role))
            .find(|p| {
                if mark.in_old() {
                    p.mark.in_new()
                } else {
                    p.mark.in_old()
                }
            });
        let Some(next) = next else { continue };
        if mark.in_old() {
            // Only the existing version has it: accepted, it joins the next.
            let joined = next.role;
            if joined != role {
                paragraphs[i].role = joined;
                paragraphs[i].old_role = Some(role);
            }
        } else {
            // Only the revised version has it: rejected, it joins the next.
            let joined = next.old_role.unwrap_or(next.role);
            if joined != role {
                paragraphs[i].old_role = Some(joined);
            }
        }
    }
}

/// The front-matter fields a revision changes (its title aside), each a
/// paragraph such as "Status: adopted proposed" with the old value deleted
/// and the new inserted; a field only one version has is a paragraph only
/// that version has. Dates are written out ("14 March 2023").
fn details(changes: &ChangeSet) -> Vec<Paragraph> {
    let shown = |value: &str| {
        crate::model::Date::from_iso(value).map_or_else(|| value.to_string(), |d| d.long_form())
    };
    let class = ChangeClass::Substantive;
    changes
        .front_matter
        .iter()
        .filter(|f| f.field != "title")
        .map(|field| {
            let mut paragraph = Paragraph::new(Role::Body {
                indented: false,
                depth: 0,
            });
            let name = format!("{}: ", field_name(&field.field));
            let (old, new) = (field.old.as_deref(), field.new.as_deref());
            let both = match (old, new) {
                (Some(_), Some(_)) => Revision::None,
                (Some(_), None) => Revision::Deleted(class),
                _ => Revision::Inserted(class),
            };
            paragraph.push(&name, both);
            if let Some(old) = old {
                paragraph.push(&shown(old), Revision::Deleted(class));
            }
            if let Some(new) = new {
                paragraph.push(&shown(new), Revision::Inserted(class));
            }
            paragraph.mark = both;
            paragraph
        })
        .collect()
}

/// A front-matter field as the document details name it: "Status", "Language".
pub fn field_name(field: &str) -> String {
    match field {
        "lang" => "Language".to_string(),
        other => {
            let mut chars = other.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// The paragraphs of one version, with no revisions: its title, then each
/// unit's lines, numbered as the tracked changes number them.
pub fn document_paragraphs(document: &Document) -> Vec<Paragraph> {
    let mut title = Paragraph::new(Role::Title);
    title.push(&document.front_matter.title, Revision::None);
    let mut out = vec![title];
    for unit in units(document) {
        let shapes = unit
            .lines
            .iter()
            .copied()
            .chain(std::iter::repeat(LineShape::default()));
        for (k, (line, shape)) in unit.text.split('\n').zip(shapes).enumerate() {
            let numbered = k == 0 && unit.label.is_some();
            let role = match (numbered, unit.kind) {
                (true, UnitKind::Heading) | (false, _) => role(unit.kind, shape),
                (true, _) => Role::Clause,
            };
            let mut paragraph = Paragraph::new(role);
            if let (true, Some(label)) = (numbered, &unit.label) {
                let separator = if unit.kind == UnitKind::Heading {
                    " "
                } else {
                    "\t"
                };
                paragraph.push(&format!("{label}{separator}"), Revision::None);
            }
            paragraph.push(line, Revision::None);
            out.push(paragraph);
        }
    }
    out
}

/// The paragraphs with each run of table rows set as a Word table: a row's
/// text cut into its cells at its separators (those of the revised row, or
/// of the existing row for a row deleted whole), a row deleted or inserted
/// whole (its paragraph mark so) a row revision, a moved row a deletion
/// where it stood and an insertion where it stands. A header row starts a
/// new table.
pub fn tables(paragraphs: Vec<Paragraph>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let flush = |rows: &mut Vec<Row>, out: &mut Vec<Block>| {
        if rows.is_empty() {
            return;
        }
        let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(1).max(1);
        let width = TABLE_WIDTH / columns as u32;
        out.push(Block::Table(Table {
            widths: vec![width; columns],
            rows: std::mem::take(rows),
        }));
    };
    for mut paragraph in paragraphs {
        let Role::Row { header } = paragraph.role else {
            flush(&mut rows, &mut out);
            out.push(Block::Paragraph(paragraph));
            continue;
        };
        if header {
            flush(&mut rows, &mut out);
        }
        paragraph.unmove();
        let revision = match paragraph.mark {
            Revision::Deleted(class) => Revision::Deleted(class),
            Revision::Inserted(class) => Revision::Inserted(class),
            _ => Revision::None,
        };
        let cells = row_cells(&paragraph);
        if revision == Revision::None && !cells_hold_both_versions(&paragraph, &cells) {
            // The versions cut the row into cells differently: the old row
            // deleted and the new inserted keep each version's cells exact.
            for (side, revision) in [
                (false, Revision::Deleted(ChangeClass::Substantive)),
                (true, Revision::Inserted(ChangeClass::Substantive)),
            ] {
                rows.push(Row {
                    header,
                    cells: row_cells(&one_side(&paragraph, side, revision)),
                    revision,
                });
            }
            continue;
        }
        rows.push(Row {
            header,
            cells,
            revision,
        });
    }
    flush(&mut rows, &mut out);
    out
}

/// Whether the row's cells, once every revision is accepted, are exactly
/// the revised row's cells, and once every revision is rejected the
/// existing row's: not so where the versions cut the row differently.
fn cells_hold_both_versions(paragraph: &Paragraph, cells: &[Vec<Paragraph>]) -> bool {
    [true, false].into_iter().all(|new| {
        let (whole, _) = paragraph.text(new);
        let wanted: Vec<&str> = whole.split(CELL_SEPARATOR).collect();
        let got: Vec<String> = cells
            .iter()
            .map(|cell| cell.iter().map(|p| p.text(new).0).collect())
            .collect();
        wanted.len() == got.len() && wanted.iter().zip(&got).all(|(w, g)| w == g)
    })
}

/// The text one version has of a row (`new`, or the old), all of it as
/// `revision`.
fn one_side(paragraph: &Paragraph, new: bool, revision: Revision) -> Paragraph {
    let mut copy = Paragraph::new(paragraph.role);
    for inline in &paragraph.content {
        if let Inline::Run(run) = inline {
            let kept = if new {
                run.revision.in_new()
            } else {
                run.revision.in_old()
            };
            if kept {
                push_text(&mut copy.content, &run.text, revision, &run.style);
            }
        }
    }
    copy
}

/// The width of a table of tracked changes, in twentieths of a point: the
/// text block of an A4 page with clerk's margins.
const TABLE_WIDTH: u32 = 9070;

/// A row paragraph's runs cut into cells, one paragraph each.
fn row_cells(paragraph: &Paragraph) -> Vec<Vec<Paragraph>> {
    let runs: Vec<&Run> = paragraph
        .content
        .iter()
        .filter_map(|i| match i {
            Inline::Run(run) => Some(run),
            _ => None,
        })
        .collect();
    let revised: String = runs
        .iter()
        .filter(|r| r.revision.in_new())
        .map(|r| r.text.as_str())
        .collect();
    let new_side = !revised.trim().is_empty();
    let texts: Vec<&str> = runs
        .iter()
        .map(|r| {
            let on_side = match new_side {
                true => r.revision.in_new(),
                false => r.revision.in_old(),
            };
            if on_side { r.text.as_str() } else { "" }
        })
        .collect();
    let (count, parts) = cut_into_cells(&texts);
    let mut cells: Vec<Paragraph> = (0..count)
        .map(|_| {
            Paragraph::new(Role::Body {
                indented: false,
                depth: 0,
            })
        })
        .collect();
    for ((run, text), parts) in runs.iter().zip(&texts).zip(parts) {
        for (k, range) in parts {
            // Text of the other version stays whole in the cell where it stood.
            let piece = match text.is_empty() {
                true => run.text.as_str(),
                false => &text[range],
            };
            push_text(&mut cells[k].content, piece, run.revision, &run.style);
        }
    }
    cells.into_iter().map(|p| vec![p]).collect()
}

/// Which copy of a unit is written, and so which of its texts it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Showing {
    /// Both versions, with the edits between them.
    Both,
    /// The old text, where a moved unit stood.
    MovedFrom(usize),
    /// The new text, with the edits made to it, where a moved unit stands.
    MovedTo(usize),
}

/// One version's side of a unit: the lines its parts start on (with their
/// numbers), the blank lines between parts, and every line's shape.
struct Side {
    starts: Vec<(usize, String)>,
    separators: BTreeSet<usize>,
    /// Lines of a part with no number (the unnumbered half of a split
    /// clause): set at the margin, not under a number.
    unnumbered: BTreeSet<usize>,
    shapes: Vec<LineShape>,
    line: usize,
    /// No text of this side yet on the current line.
    at_line_start: bool,
}

impl Side {
    fn new(sides: &[UnitSide]) -> Side {
        let blank_lines = PART_SEPARATOR.matches('\n').count() - 1;
        let mut side = Side {
            starts: Vec::new(),
            separators: BTreeSet::new(),
            unnumbered: BTreeSet::new(),
            shapes: Vec::new(),
            line: 0,
            at_line_start: true,
        };
        for (i, part) in sides.iter().enumerate() {
            if i > 0 {
                for _ in 0..blank_lines {
                    side.separators.insert(side.shapes.len());
                    side.shapes.push(LineShape::default());
                }
            }
            match &part.label {
                Some(label) => side.starts.push((side.shapes.len(), label.clone())),
                None => side
                    .unnumbered
                    .extend(side.shapes.len()..side.shapes.len() + part.lines.len()),
            }
            side.shapes.extend(&part.lines);
        }
        side
    }

    /// The number a part starts with, if the current line starts one and
    /// nothing of it is written yet.
    fn pending_label(&self) -> Option<&str> {
        if !self.at_line_start {
            return None;
        }
        self.starts
            .iter()
            .find(|(line, _)| *line == self.line)
            .map(|(_, label)| label.as_str())
    }

    fn shape(&self) -> LineShape {
        self.shapes.get(self.line).copied().unwrap_or_default()
    }

    /// Whether the current line is of a part with no number.
    fn unnumbered(&self) -> bool {
        self.unnumbered.contains(&self.line)
    }

    fn on_separator(&self) -> bool {
        self.separators.contains(&self.line)
    }
}

/// The revision of a piece of a copy's text, from whether it is in the
/// old version, the new, and its class.
type RevisionOf<'a> = dyn Fn(bool, bool, ChangeClass) -> Revision + 'a;

/// Writes one copy of a unit as paragraphs.
fn unit_paragraphs(unit: &UnitChange, copy: Showing, out: &mut Vec<Paragraph>) {
    let class = unit
        .classes
        .first()
        .copied()
        .unwrap_or(ChangeClass::Substantive);
    // Each piece of the stream: text, in the old version, in the new, its class.
    let mut pieces: Vec<(&str, bool, bool, ChangeClass)> = Vec::new();
    for edit in &unit.edits {
        match edit {
            Edit::Equal { text } => pieces.push((text, true, true, class)),
            Edit::Delete { text, class } => pieces.push((text, true, false, *class)),
            Edit::Insert { text, class } => pieces.push((text, false, true, *class)),
            Edit::Replace { old, new, class } => {
                pieces.push((old, true, false, *class));
                pieces.push((new, false, true, *class));
            }
        }
    }
    // A copy of one side sees only that side's text.
    let (show_old, show_new) = match copy {
        Showing::Both => (true, true),
        Showing::MovedFrom(_) => (true, false),
        Showing::MovedTo(_) => (false, true),
    };
    let revision = move |in_old: bool, in_new: bool, class: ChangeClass| match copy {
        Showing::MovedFrom(n) => Revision::MovedFrom(n),
        Showing::MovedTo(n) if in_old => Revision::MovedTo(n),
        _ => match (in_old, in_new) {
            (true, true) => Revision::None,
            (true, false) => Revision::Deleted(class),
            _ => Revision::Inserted(class),
        },
    };
    let first = out.len();
    let mut writer = UnitWriter {
        unit,
        old: Side::new(if show_old { &unit.old } else { &[] }),
        new: Side::new(if show_new { &unit.new } else { &[] }),
        runs: Vec::new(),
        numbered_old: false,
        numbered_new: false,
        out,
        class,
        revision: &revision,
        moved: copy != Showing::Both,
    };
    for (text, in_old, in_new, class) in pieces {
        // The revision follows the edit; the paragraphs, the side shown.
        let (shown_old, shown_new) = (in_old && show_old, in_new && show_new);
        if !shown_old && !shown_new {
            continue;
        }
        for (k, piece) in text.split('\n').enumerate() {
            if k > 0 {
                writer.mark(shown_old, shown_new, revision(in_old, in_new, class));
            }
            if !piece.is_empty() {
                writer.labels();
                writer.text(piece, revision(in_old, in_new, class));
            }
        }
    }
    writer.labels();
    let end = match (unit.change, copy) {
        (_, Showing::MovedFrom(n)) => Revision::MovedFrom(n),
        (_, Showing::MovedTo(n)) => Revision::MovedTo(n),
        (Change::Inserted, _) => Revision::Inserted(ChangeClass::Substantive),
        (Change::Deleted, _) => Revision::Deleted(ChangeClass::Substantive),
        _ => Revision::None,
    };
    writer.end_paragraph(end, !unit.new.is_empty() && show_new);
    let range = match copy {
        Showing::Both => None,
        Showing::MovedFrom(n) => Some(MoveRange::From(n)),
        Showing::MovedTo(n) => Some(MoveRange::To(n)),
    };
    if let Some(range) = range {
        out[first].content.insert(0, Inline::RangeStart(range));
        let last = out.last_mut().expect("a paragraph");
        last.content.push(Inline::RangeEnd(range));
    }
}

/// Writes a copy of a unit's stream as paragraphs.
struct UnitWriter<'a> {
    unit: &'a UnitChange,
    old: Side,
    new: Side,
    /// What the paragraph being written holds so far.
    runs: Vec<Inline>,
    /// The paragraph begins with a clause number in the existing version,
    /// and in the revised.
    numbered_old: bool,
    numbered_new: bool,
    out: &'a mut Vec<Paragraph>,
    class: ChangeClass,
    revision: &'a RevisionOf<'a>,
    /// The copy is one end of a move.
    moved: bool,
}

impl UnitWriter<'_> {
    fn text(&mut self, text: &str, revision: Revision) {
        push_text(&mut self.runs, text, revision, &RunStyle::default());
        if revision.in_old() {
            self.old.at_line_start = false;
        }
        if revision.in_new() {
            self.new.at_line_start = false;
        }
    }

    /// Writes the numbers of the parts that start here: the same number
    /// once, or the old deleted and the new inserted.
    fn labels(&mut self) {
        let old = self.old.pending_label().map(str::to_string);
        let new = self.new.pending_label().map(str::to_string);
        if old.is_none() && new.is_none() {
            return;
        }
        let clause = self.unit.kind != UnitKind::Heading;
        self.numbered_old |= clause && old.is_some();
        self.numbered_new |= clause && new.is_some();
        let separator = match self.unit.kind {
            UnitKind::Heading => " ",
            _ => "\t",
        };
        // A number that changes is a renumbering; one that comes or goes
        // with its text has the unit's class.
        let class = match (&old, &new, self.unit.change) {
            (Some(_), Some(_), _) => ChangeClass::Renumbering,
            (_, _, Change::Inserted | Change::Deleted) => ChangeClass::Substantive,
            _ => self.class,
        };
        // In a moved unit's copies the numbers move with the text.
        let (of, is_move) = (self.revision, self.moved);
        let revision = move |o: bool, n: bool, c| of(o || is_move, n || is_move, c);
        match (old, new) {
            (Some(old), Some(new)) if old == new => {
                self.text(&format!("{new}{separator}"), revision(true, true, class));
            }
            (Some(old), Some(new)) => {
                self.text(&old, revision(true, false, class));
                self.text(&new, revision(false, true, class));
                self.text(separator, revision(true, true, class));
            }
            (Some(old), None) => {
                self.text(&format!("{old}{separator}"), revision(true, false, class))
            }
            (None, Some(new)) => {
                self.text(&format!("{new}{separator}"), revision(false, true, class))
            }
            (None, None) => {}
        }
    }

    /// A paragraph mark of the stream, in the old version, the new, or
    /// both (of the sides this copy shows), with the revision of its edit.
    fn mark(&mut self, in_old: bool, in_new: bool, revision: Revision) {
        // The blank line between parts is no paragraph of its version.
        let old = in_old && !self.old.on_separator();
        let new = in_new && !self.new.on_separator();
        if old || new {
            // A part with no text still has its number.
            self.labels();
            // A paragraph set as the revised version has it, where it holds
            // revised text, even when its mark is the existing version's.
            let revised = new || !self.new.at_line_start;
            // Half of a kept mark, where the other version has the blank
            // line between parts, is the half's alone.
            let revision = match (revision, old, new) {
                (Revision::None, true, false) => Revision::Deleted(self.class),
                (Revision::None, false, true) => Revision::Inserted(self.class),
                _ => revision,
            };
            self.end_paragraph(revision, revised);
        }
        if in_old {
            self.old.line += 1;
            self.old.at_line_start = true;
        }
        if in_new {
            self.new.line += 1;
            self.new.at_line_start = true;
        }
    }

    /// Ends the paragraph, set as the `revised` version sets it (else as
    /// the existing one); a paragraph of both versions that the existing
    /// one set otherwise carries that setting as a tracked change.
    fn end_paragraph(&mut self, mark: Revision, revised: bool) {
        let set_as = |side: &Side, numbered: bool| {
            // The unnumbered part of a split clause is a paragraph of its own.
            let kind = match (self.unit.kind, side.unnumbered()) {
                (UnitKind::Clause, true) => UnitKind::Paragraph,
                (kind, _) => kind,
            };
            match numbered {
                true => Role::Clause,
                false => role(kind, side.shape()),
            }
        };
        let old_role = set_as(&self.old, self.numbered_old);
        let new_role = set_as(&self.new, self.numbered_new);
        // A mark is set as the version it is in; a mark of both versions,
        // as the revised, with the existing setting as a tracked change.
        let (role, was) = match (mark.in_old(), mark.in_new()) {
            (true, false) => (old_role, None),
            (false, true) => (new_role, None),
            _ if !revised || self.moved => (old_role, None),
            _ => (new_role, (old_role != new_role).then_some(old_role)),
        };
        self.out.push(Paragraph {
            role,
            content: std::mem::take(&mut self.runs),
            mark,
            page_break: false,
            old_role: was,
        });
        // A version's paragraph goes on, numbered as it began, until a
        // mark of that version ends it.
        if mark.in_old() {
            self.numbered_old = false;
        }
        if mark.in_new() {
            self.numbered_new = false;
        }
    }
}

/// How a line of a unit of `kind` shaped as `shape` is set.
fn role(kind: UnitKind, shape: LineShape) -> Role {
    let indented = kind == UnitKind::Clause;
    let depth = shape.depth;
    match (kind, shape) {
        (UnitKind::Heading, _) => Role::Heading(1),
        (_, s) if s.row => Role::Row { header: s.header },
        (_, s) if s.quote => Role::Quote { indented, depth },
        (_, s) if s.item && s.lettered => Role::Lettered { indented, depth },
        (_, s) if s.item => Role::Bullet { indented, depth },
        _ => Role::Body { indented, depth },
    }
}

/// Word cannot delete or insert a document's last paragraph mark. When the
/// last paragraphs are wholly deleted or inserted, the marks are arranged
/// so the last is in both versions and each version's text is exactly as
/// it was: the last mark of a version whose text ends earlier takes the
/// place of the last mark both keep, or, where both versions have text
/// after it, each version's last mark joins its paragraph to the next.
fn keep_last_mark(paragraphs: &mut Vec<Paragraph>) {
    let Some(last) = paragraphs.last() else {
        return;
    };
    if last.mark == Revision::None {
        return;
    }
    let kept = paragraphs.iter().rposition(|p| p.mark == Revision::None);
    // A table's rows are revised as rows, never joined to a paragraph: an
    // empty paragraph in both versions ends the document instead.
    let rows_after = |from: usize| {
        paragraphs[from..]
            .iter()
            .any(|p| matches!(p.role, Role::Row { .. }))
    };
    if rows_after(kept.map_or(0, |k| k + 1)) {
        paragraphs.push(Paragraph::new(Role::Body {
            indented: false,
            depth: 0,
        }));
        return;
    }
    let Some(kept) = kept else {
        return;
    };
    let tail = kept + 1..paragraphs.len();
    let last_new = tail.clone().rev().find(|&i| paragraphs[i].mark.in_new());
    let last_old = tail.rev().find(|&i| paragraphs[i].mark.in_old());
    let end = paragraphs.len() - 1;
    match (last_new, last_old) {
        (Some(a), Some(r)) => {
            // One of them is the last mark, which becomes the kept one;
            // the other joins its paragraph to the next.
            let join = a.min(r);
            let next = paragraphs.remove(join + 1);
            paragraphs[join].content.extend(next.content);
            paragraphs[join].mark = next.mark;
            let end = paragraphs.len() - 1;
            paragraphs[end].mark = Revision::None;
        }
        _ => {
            // Outside the moved text, a move's mark is a plain insertion or deletion.
            paragraphs[kept].mark = match paragraphs[end].mark {
                Revision::MovedFrom(_) => Revision::Deleted(ChangeClass::Moved),
                Revision::MovedTo(_) => Revision::Inserted(ChangeClass::Moved),
                other => other,
            };
            paragraphs[end].mark = Revision::None;
        }
    }
}

/// The tables of destinations and origins as Word blocks: each table's
/// title a heading at `level` (1 in a document of their own, which then
/// opens with its title; 2 under a report's appendix heading), its rows a
/// table whose header row repeats on every page.
pub fn tables_blocks(
    changes: &ChangeSet,
    tables: &crate::diff::dispositions::Dispositions,
    level: u8,
) -> Vec<Block> {
    let plain = |role: Role, text: &str| {
        let mut paragraph = Paragraph::new(role);
        paragraph.push(text, Revision::None);
        paragraph
    };
    let body = Role::Body {
        indented: false,
        depth: 0,
    };
    let mut out = Vec::new();
    if level == 1 {
        out.push(Block::Paragraph(plain(
            Role::Title,
            &format!("Destinations and origins: {}", changes.new.title),
        )));
    }
    out.push(Block::Paragraph(plain(
        body,
        &format!(
            "{} {}",
            crate::render::present::changes::versions_line(changes),
            crate::render::present::tables::INTRO
        ),
    )));
    for table in crate::render::present::tables::tables(tables) {
        out.push(Block::Paragraph(plain(Role::Heading(level), table.title)));
        let row = |header: bool, cells: [String; 3]| Row {
            header,
            cells: cells.iter().map(|c| vec![plain(body, c)]).collect(),
            revision: Revision::None,
        };
        let head = [table.side, table.what, crate::render::present::tables::KEPT];
        let mut table_rows = vec![row(true, head.map(str::to_string))];
        for d in &table.rows {
            let kept = crate::render::present::tables::kept(d);
            table_rows.push(row(false, [d.unit.clone(), d.disposition.clone(), kept]));
        }
        out.push(Block::Table(Table {
            widths: vec![
                TABLE_WIDTH * 2 / 10,
                TABLE_WIDTH * 65 / 100,
                TABLE_WIDTH * 15 / 100,
            ],
            rows: table_rows,
        }));
    }
    out
}
