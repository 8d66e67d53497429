//! What every view of a unit shows besides its words: its edits line by
//! line, each line with the shape it has in the document (a paragraph, or
//! a list item at a depth), so every view keeps the document's lists,
//! nesting and item labels; and its number, old and new.

use serde::Serialize;

use crate::diff::units::LineShape;
use crate::diff::words::Edit;
use crate::diff::{Change, ChangeSet, PART_SEPARATOR, UnitChange, UnitSide};
use crate::model::front_matter::REASON_OF_DELETED;

/// One line of a unit as the tracked changes show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedLine {
    pub shape: LineShape,
    /// The edits on this line, without line breaks.
    pub edits: Vec<Edit>,
    /// How the line ends: as in both versions, or at a break only one has
    /// (two paragraphs merged, or one split).
    pub end: LineEnd,
}

/// How a line of the tracked changes ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnd {
    /// A line break in both versions, or the end of the unit.
    Kept,
    /// A break the old version has and the new does not: lines joined.
    Deleted,
    /// A break only the new version has: a line split.
    Inserted,
}

/// The mark views show for a paragraph break joined or split.
pub const PILCROW: &str = "\u{b6}";

impl ChangedLine {
    /// The edits as a view shows them: a break the revision removed (two
    /// paragraphs joined) as a struck ¶, one it added (a paragraph split)
    /// as an inserted ¶ at the end of the line.
    pub fn shown_edits(&self) -> Vec<Edit> {
        let mut edits: Vec<Edit> = self
            .edits
            .iter()
            .map(|e| match e {
                Edit::Delete { text, class } if text == "\n" => Edit::Delete {
                    text: PILCROW.into(),
                    class: *class,
                },
                other => other.clone(),
            })
            .collect();
        if self.end == LineEnd::Inserted {
            edits.push(Edit::Insert {
                text: PILCROW.into(),
                class: crate::diff::words::ChangeClass::Whitespace,
            });
        }
        edits
    }

    /// Whether any edit on the line changes something.
    pub fn is_changed(&self) -> bool {
        self.end != LineEnd::Kept || self.edits.iter().any(|e| !matches!(e, Edit::Equal { .. }))
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
        let numbers = |sides: &[UnitSide]| -> Vec<Option<String>> {
            sides
                .iter()
                .map(|s| {
                    s.label
                        .as_deref()
                        .map(|l| l.trim_end_matches('.').to_string())
                })
                .collect()
        };
        let (olds, news) = (numbers(&self.old), numbers(&self.new));
        let numbered = |n: &[Option<String>]| n.iter().flatten().cloned().collect::<Vec<_>>();
        let (old_numbers, new_numbers) = (numbered(&olds), numbered(&news));
        if olds.is_empty() {
            return new_numbers.into_iter().map(LabelPart::New).collect();
        }
        if news.is_empty() {
            return old_numbers.into_iter().map(LabelPart::Old).collect();
        }
        if olds == news {
            return new_numbers.into_iter().map(LabelPart::Same).collect();
        }
        let mut out = Vec::new();
        if old_numbers.is_empty() {
            out.push(LabelPart::Unnumbered);
        }
        for n in &old_numbers {
            out.push(match new_numbers.contains(n) {
                true => LabelPart::Same(n.clone()),
                false => LabelPart::Old(n.clone()),
            });
        }
        for n in &new_numbers {
            if !old_numbers.contains(n) {
                out.push(LabelPart::New(n.clone()));
            }
        }
        if new_numbers.is_empty() {
            out.push(LabelPart::Unnumbered);
        }
        out
    }
}

/// Where a moved unit stood: shown in the tracked changes among the units
/// of the old version, pointing to where it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedAway {
    /// The index in [`ChangeSet::units`] it is shown before.
    pub before: usize,
    /// The index of the moved unit in [`ChangeSet::units`].
    pub unit: usize,
}

impl ChangeSet {
    /// The places moved units left, so each move is shown at both ends.
    pub fn moved_away(&self) -> Vec<MovedAway> {
        let old_position = |u: &UnitChange| u.old.first().map(|s| s.position);
        let mut out = Vec::new();
        for (index, unit) in self.units.iter().enumerate() {
            if unit.change != Change::Moved {
                continue;
            }
            let Some(from) = old_position(unit) else {
                continue;
            };
            // Just after the unit that stood before it in the old version,
            // or before the one that stood after it.
            let after = self
                .units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.change != Change::Moved)
                .filter_map(|(i, u)| Some((i, old_position(u)?)))
                .filter(|(_, p)| *p < from)
                .max_by_key(|(_, p)| *p)
                .map_or(0, |(i, _)| i + 1);
            out.push(MovedAway {
                before: after,
                unit: index,
            });
        }
        // Units that left from the same gap stand there in their old order.
        out.sort_by_key(|m| (m.before, old_position(&self.units[m.unit])));
        out
    }
}

/// The reason a version gives for changing a unit: `reasons` keyed by
/// the unit's number in the new version, or, for a unit deleted, by its
/// old number written `was 6.1` (a number the new version may give
/// another clause).
pub fn reason<'a>(
    unit: &UnitChange,
    reasons: &'a std::collections::BTreeMap<String, String>,
) -> Option<&'a str> {
    use crate::model::bare_number as bare;
    let deleted = unit.new.is_empty();
    let sides = if deleted { &unit.old } else { &unit.new };
    sides
        .iter()
        .filter_map(|s| s.label.as_deref())
        .find_map(|label| {
            reasons
                .iter()
                .find(|(key, _)| match key.strip_prefix(REASON_OF_DELETED) {
                    Some(old) => deleted && bare(old) == bare(label),
                    None => !deleted && bare(key) == bare(label),
                })
                .map(|(_, v)| v.as_str())
        })
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
                        end: match (in_old, in_new) {
                            (true, false) => LineEnd::Deleted,
                            (false, true) => LineEnd::Inserted,
                            _ => LineEnd::Kept,
                        },
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
            end: LineEnd::Kept,
        });
        join_and_tidy(out)
    }
}

/// Lines joined in the new version become one line with the deleted break
/// in it (a `"\n"` deletion, which views show as a struck ¶); a break
/// that only ends a line wholly deleted or inserted is no break of its own.
fn join_and_tidy(lines: Vec<ChangedLine>) -> Vec<ChangedLine> {
    let has_new = |l: &ChangedLine| l.edits.iter().any(|e| !e.new_text().is_empty());
    let has_old = |l: &ChangedLine| l.edits.iter().any(|e| !e.old_text().is_empty());
    let mut out: Vec<ChangedLine> = Vec::new();
    let mut iter = lines.into_iter().peekable();
    while let Some(mut line) = iter.next() {
        // An empty line between two breaks of the same kind is part of one break.
        while line.edits.is_empty() && line.end != LineEnd::Kept {
            match out.last_mut() {
                Some(previous) if previous.end == line.end => {}
                Some(previous) if previous.end == LineEnd::Kept => previous.end = line.end,
                _ => break,
            }
            match iter.next() {
                Some(next) => line = next,
                None => return out,
            }
        }
        if let Some(previous) = out.last_mut()
            && previous.end == LineEnd::Deleted
        {
            if has_new(&line) && has_new(previous) {
                previous.edits.push(Edit::Delete {
                    text: "\n".into(),
                    class: crate::diff::words::ChangeClass::Whitespace,
                });
                previous.edits.extend(line.edits);
                previous.end = line.end;
                continue;
            }
            previous.end = LineEnd::Kept;
        }
        if let Some(previous) = out.last_mut()
            && previous.end == LineEnd::Inserted
            && !(has_old(&line) && has_old(previous))
        {
            previous.end = LineEnd::Kept;
        }
        out.push(line);
    }
    out
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

    use crate::diff::tests::doc as document;

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

    #[test]
    fn merged_paragraphs_are_one_line_with_the_break_struck() {
        let old = document(
            "1",
            "1.1 Members observe this protocol at all times.\n\n1.2 The Standards Committee monitors how it works.\n\n1.3 Officers advise.\n",
        );
        let new = document(
            "1",
            "1.1 Members observe this protocol at all times. The Standards Committee monitors how it works.\n\n1.2 Officers advise.\n",
        );
        let changes = diff(&old, &new, &DiffOptions::default());
        let merged = changes
            .units
            .iter()
            .find(|u| u.change == crate::diff::Change::Merged)
            .expect("a merge");
        let lines = merged.lines();
        assert_eq!(lines.len(), 1, "{lines:#?}");
        assert!(
            lines[0].edits.iter().any(
                |e| matches!(e, crate::diff::words::Edit::Delete { text, .. } if text == "\n")
            )
        );
        use super::LabelPart::*;
        assert_eq!(
            merged.label_parts(),
            [Same("1.1".into()), Old("1.2".into())]
        );
    }
}
