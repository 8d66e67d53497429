//! What every view of a unit shows besides its words: its edits line by
//! line, each line with the shape it has in the document (a paragraph, or
//! a list item at a depth), so every view keeps the document's lists,
//! nesting and item labels; and its number, old and new.

use serde::Serialize;

use crate::diff::units::LineShape;
use crate::diff::words::Edit;
use crate::diff::{PART_SEPARATOR, UnitChange, UnitSide};

/// One line of a unit as the tracked changes show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedLine {
    pub shape: LineShape,
    /// The edits on this line, without line breaks.
    pub edits: Vec<Edit>,
}

impl ChangedLine {
    /// Whether any edit on the line changes something.
    pub fn is_changed(&self) -> bool {
        self.edits.iter().any(|e| !matches!(e, Edit::Equal { .. }))
    }
}

/// One piece of a unit's number as the tracked changes show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelPart {
    /// The number, the same in both versions.
    Same(String),
    /// The old number, struck.
    Old(String),
    /// The new number, inserted.
    New(String),
    /// No number on this side ("unnumbered").
    Unnumbered,
}

impl UnitChange {
    /// The unit's number: the same number once; a changed number as the
    /// old struck and the new inserted ("~~4.2~~ 4.1", "~~4.1~~
    /// unnumbered"); the number of an inserted or deleted unit as inserted
    /// or struck. Empty for an unnumbered unit, and for headings, whose
    /// number is part of their text.
    pub fn label_parts(&self) -> Vec<LabelPart> {
        let number = |sides: &[UnitSide]| {
            sides.first().map(|s| {
                s.label
                    .as_deref()
                    .map(|l| l.trim_end_matches('.').to_string())
            })
        };
        match (number(&self.old), number(&self.new)) {
            (Some(Some(a)), Some(Some(b))) if a == b => vec![LabelPart::Same(b)],
            (Some(Some(a)), Some(Some(b))) => vec![LabelPart::Old(a), LabelPart::New(b)],
            (Some(Some(a)), Some(None)) => vec![LabelPart::Old(a), LabelPart::Unnumbered],
            (Some(None), Some(Some(b))) => vec![LabelPart::Unnumbered, LabelPart::New(b)],
            (None, Some(Some(b))) => vec![LabelPart::New(b)],
            (Some(Some(a)), None) => vec![LabelPart::Old(a)],
            _ => Vec::new(),
        }
    }
}

/// The shapes of the lines of the sides' text, joined as the change model
/// joins the parts of a split or a merge.
fn joined_shapes(sides: &[UnitSide]) -> Vec<LineShape> {
    let mut out = Vec::new();
    for (i, side) in sides.iter().enumerate() {
        if i > 0 {
            // The blank line between parts.
            for _ in 1..PART_SEPARATOR.matches('\n').count() {
                out.push(LineShape::default());
            }
        }
        out.extend(&side.lines);
    }
    out
}

impl UnitChange {
    /// The unit's edits split into the lines of the document, each with its
    /// shape. A line break that only the old text has ends a line shaped as
    /// the old line was; one only the new text has, as the new line is.
    pub fn lines(&self) -> Vec<ChangedLine> {
        let old_shapes = joined_shapes(&self.old);
        let new_shapes = joined_shapes(&self.new);
        let old_shape = |i: usize| old_shapes.get(i).copied();
        let new_shape = |i: usize| new_shapes.get(i).copied();
        // Each edit as runs of one side: (text, in old, in new, class).
        let mut runs = Vec::new();
        for edit in &self.edits {
            match edit {
                Edit::Equal { text } => runs.push((text, true, true, None)),
                Edit::Delete { text, class } => runs.push((text, true, false, Some(*class))),
                Edit::Insert { text, class } => runs.push((text, false, true, Some(*class))),
                Edit::Replace { old, new, class } => {
                    runs.push((old, true, false, Some(*class)));
                    runs.push((new, false, true, Some(*class)));
                }
            }
        }
        let mut out = Vec::new();
        let mut current: Vec<Edit> = Vec::new();
        let (mut old_line, mut new_line) = (0, 0);
        // Whether the line being built holds text of the new version.
        let mut has_new = false;
        for (text, in_old, in_new, class) in runs {
            for (k, piece) in text.split('\n').enumerate() {
                if k > 0 {
                    // A line break of this run's side ends the line.
                    let shape = match (in_old, in_new) {
                        (true, true) if has_new => new_shape(new_line).or(old_shape(old_line)),
                        (true, true) => old_shape(old_line).or(new_shape(new_line)),
                        (true, false) => old_shape(old_line),
                        _ => new_shape(new_line),
                    };
                    old_line += usize::from(in_old);
                    new_line += usize::from(in_new);
                    out.push(ChangedLine {
                        shape: shape.unwrap_or_default(),
                        edits: merge_adjacent(std::mem::take(&mut current)),
                    });
                    has_new = false;
                }
                if piece.is_empty() {
                    continue;
                }
                has_new |= in_new;
                let text = piece.to_string();
                current.push(match (in_old, in_new, class) {
                    (true, false, Some(class)) => Edit::Delete { text, class },
                    (false, true, Some(class)) => Edit::Insert { text, class },
                    _ => Edit::Equal { text },
                });
            }
        }
        let last = if has_new || self.old.is_empty() {
            new_shape(new_line).or(old_shape(old_line))
        } else {
            old_shape(old_line).or(new_shape(new_line))
        };
        out.push(ChangedLine {
            shape: last.unwrap_or_default(),
            edits: merge_adjacent(current),
        });
        out
    }
}

/// A deletion followed by an insertion of the same class is a replacement.
fn merge_adjacent(edits: Vec<Edit>) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    for edit in edits {
        if let (
            Some(Edit::Delete { text: old, class }),
            Edit::Insert {
                text: new,
                class: c,
            },
        ) = (out.last(), &edit)
            && class == c
        {
            let replaced = Edit::Replace {
                old: old.clone(),
                new: new.clone(),
                class: *class,
            };
            *out.last_mut().expect("a last edit") = replaced;
            continue;
        }
        out.push(edit);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::diff::{DiffOptions, diff};
    use crate::source::parse_document;

    fn document(version: &str, body: &str) -> crate::model::Document {
        let source = format!(
            "+++\ncouncil = \"t\"\ntitle = \"T\"\nversion = \"{version}\"\nstatus = \"adopted\"\n+++\n{body}"
        );
        parse_document("d", &source).unwrap().document
    }

    /// Lines of one side, as (depth, item, text of that side).
    fn side(lines: &[super::ChangedLine], new: bool) -> Vec<(usize, bool, String)> {
        lines
            .iter()
            .map(|l| {
                let text: String = l
                    .edits
                    .iter()
                    .map(|e| if new { e.new_text() } else { e.old_text() })
                    .collect();
                (l.shape.depth, l.shape.item, text)
            })
            .filter(|(_, _, text)| !text.is_empty())
            .collect()
    }

    #[test]
    fn an_item_edited_inserted_and_deleted_keeps_its_place_in_the_list() {
        let old = document(
            "1",
            "1.1 Members should:\n\n- (a) set policy;\n- (b) hold officers to account:\n  - (i) in public;\n  - (ii) in writing.\n- (c) lead.\n",
        );
        let new = document(
            "1",
            "1.1 Members should:\n\n- (a) set the policy;\n- (b) hold officers to account:\n  - (i) in public;\n  - (ii) in private;\n  - (iii) in writing.\n",
        );
        let changes = diff(&old, &new, &DiffOptions::default());
        let unit = changes
            .units
            .iter()
            .find(|u| u.label() == Some("1.1"))
            .unwrap();
        let lines = unit.lines();
        assert_eq!(
            side(&lines, true),
            [
                (0, false, "Members should:".to_string()),
                (1, true, "(a) set the policy;".to_string()),
                (1, true, "(b) hold officers to account:".to_string()),
                (2, true, "(i) in public;".to_string()),
                (2, true, "(ii) in private;".to_string()),
                (2, true, "(iii) in writing.".to_string()),
            ]
        );
        assert_eq!(
            side(&lines, false).last().unwrap(),
            &(1, true, "(c) lead.".to_string())
        );
        assert!(lines[1].is_changed() && !lines[0].is_changed());
    }
}
