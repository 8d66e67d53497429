//! What every view of the tracked changes says alike: the summary line, the
//! minor edits, the document details as readers see them, a unit's names
//! and note, and the order a reader meets the units in.

use crate::diff::lines::LabelPart;
use crate::diff::units::{UnitKind, first_cell};
use crate::diff::words::{ChangeClass, Edit};
use crate::diff::{Change, ChangeSet, FieldChange, UnitChange, UnitSide};

/// Which versions are compared and what each is, as every view opens:
/// "From 2020/21 (adopted) to 2023 revision (proposed)." A reader always
/// sees whether the revised text is in force.
pub fn versions_line(changes: &ChangeSet) -> String {
    format!(
        "From {} ({}) to {} ({}).",
        changes.old.version, changes.old.status, changes.new.version, changes.new.status
    )
}

/// A one-paragraph summary: how many units changed, and how.
pub fn summary_line(changes: &ChangeSet) -> String {
    let s = &changes.summary;
    let count = |change: Change| s.units.get(&change).copied().unwrap_or(0);
    let changed: usize = s
        .units
        .iter()
        .filter(|(k, _)| **k != Change::Unchanged)
        .map(|(_, n)| n)
        .sum();
    let mut kinds: Vec<String> = [
        Change::Inserted,
        Change::Deleted,
        Change::Edited,
        Change::Moved,
        Change::Split,
        Change::Merged,
        Change::Renumbered,
    ]
    .iter()
    .filter(|k| count(**k) > 0)
    .map(|k| format!("{} {}", count(*k), k.name()))
    .collect();
    if kinds.is_empty() {
        kinds.push("none".to_string());
    }
    format!(
        "{changed} of {} headings, clauses and paragraphs changed ({}); {} with substantive changes, the rest in capitalisation, spacing, punctuation, numbering or place only; {} words removed, {} added",
        changes.units.len(),
        kinds.join(", "),
        s.substantive_units,
        s.words_removed,
        s.words_added
    )
}

pub fn trivial_summary(changes: &ChangeSet) -> Option<String> {
    let s = &changes.summary.edits;
    let parts: Vec<String> = [
        ChangeClass::Capitalisation,
        ChangeClass::Whitespace,
        ChangeClass::Punctuation,
        ChangeClass::Renumbering,
    ]
    .iter()
    .filter_map(|c| s.get(c).map(|n| format!("{n} {}", c.name())))
    .collect();
    let ignored = changes.summary.ignored_edits;
    match (parts.is_empty(), ignored) {
        (true, 0) => None,
        (_, 0) => Some(format!("Minor edits: {}.", parts.join(", "))),
        (true, n) => Some(format!(
            "{n} minor edits applied without marking (--ignore)."
        )),
        (false, n) => Some(format!(
            "Minor edits: {}; {n} more applied without marking (--ignore).",
            parts.join(", ")
        )),
    }
}

/// The changed details of the document as readers see them: dates written
/// out ("1 April 2023"), as every other page writes them.
pub fn shown_fields(changes: &ChangeSet) -> Vec<FieldChange> {
    let shown = |value: &Option<String>| {
        value
            .as_ref()
            .map(|v| crate::model::Date::from_iso(v).map_or_else(|| v.clone(), |d| d.long_form()))
    };
    changes
        .front_matter
        .iter()
        .map(|f| FieldChange {
            field: f.field.clone(),
            old: shown(&f.old),
            new: shown(&f.new),
        })
        .collect()
}

/// One side of a unit in a table of every change: its number, a table
/// row's first cell, "unnumbered", or "—" where the side is absent.
pub fn side_name(unit: &UnitChange, sides: &[UnitSide]) -> String {
    match sides.first() {
        Some(side) => match (&side.label, unit.kind) {
            (Some(label), _) => label.trim_end_matches('.').to_string(),
            (None, UnitKind::Row) => format!("row \u{201c}{}\u{201d}", first_cell(&side.text)),
            (None, _) => "unnumbered".to_string(),
        },
        None => "—".to_string(),
    }
}

/// A unit's name for headings and tables: "6.5", "6.5 → 6.4" when
/// renumbered, "1.1 → unnumbered" when its number was dropped, or the
/// heading's text.
/// A unit's numbers as every view shows them ([`UnitChange::label_parts`]:
/// the same number, or the old struck and the new inserted), a heading's
/// written with the point its source gives it ("6." to "5.").
pub fn shown_label_parts(unit: &UnitChange) -> Vec<LabelPart> {
    let point = unit.kind == UnitKind::Heading
        && unit
            .new
            .first()
            .or(unit.old.first())
            .and_then(|s| s.label.as_deref())
            .is_some_and(|l| l.ends_with('.'));
    let with_point = |n: String| if point { format!("{n}.") } else { n };
    unit.label_parts()
        .into_iter()
        .map(|part| match part {
            LabelPart::Same(n) => LabelPart::Same(with_point(n)),
            LabelPart::Old(n) => LabelPart::Old(with_point(n)),
            LabelPart::New(n) => LabelPart::New(with_point(n)),
            LabelPart::Unnumbered => LabelPart::Unnumbered,
        })
        .collect()
}

/// The share of a revision's existing units that it renumbers, moves,
/// splits or merges above which it reads as a rewrite: past a third,
/// struck and inserted numbers outnumber the changed words in a redline,
/// and a reader checks it against tables of where each unit went.
pub const REWRITE_SHARE: f64 = 1.0 / 3.0;

/// Whether a revision is a rewrite: more than [`REWRITE_SHARE`] of its
/// existing units renumbered, moved, split or merged.
pub fn is_rewrite(changes: &ChangeSet) -> bool {
    let existing: usize = changes.units.iter().map(|u| u.old.len()).sum();
    let shifted: usize = changes
        .units
        .iter()
        .filter(|u| {
            matches!(u.change, Change::Moved | Change::Split | Change::Merged)
                || u.classes.contains(&ChangeClass::Renumbering)
        })
        .map(|u| u.old.len())
        .sum();
    existing > 0 && shifted as f64 > existing as f64 * REWRITE_SHARE
}

pub fn unit_title(unit: &UnitChange) -> String {
    let label = |sides: &[crate::diff::UnitSide]| -> Option<String> {
        let side = sides.first()?;
        Some(match (&side.label, unit.kind) {
            (Some(l), UnitKind::Heading) => format!("{} {}", l, side.text),
            (Some(l), _) => l.trim_end_matches('.').to_string(),
            (None, UnitKind::Heading) => side.text.clone(),
            (None, UnitKind::Row) => "table row".to_string(),
            (None, _) => "unnumbered".to_string(),
        })
    };
    match (label(&unit.old), label(&unit.new)) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (_, Some(b)) => b,
        (Some(a), None) => a,
        (None, None) => String::new(),
    }
}

pub fn classes_text(unit: &UnitChange) -> String {
    unit.classes
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What happened to a unit, as its note says: "edited: substantive",
/// "moved from 4.5".
pub fn change_note(unit: &UnitChange) -> String {
    let mut note = unit.change.name().to_string();
    if unit.change == Change::Moved {
        note.push_str(&format!(" from {}", old_name(unit)));
    }
    let classes: Vec<&str> = unit
        .classes
        .iter()
        .filter(|c| **c != ChangeClass::Moved)
        .map(|c| c.name())
        .collect();
    if !classes.is_empty() {
        note.push_str(&format!(": {}", classes.join(", ")));
    }
    note
}

/// The old number of a unit, or its first words when it had none.
pub fn old_name(unit: &UnitChange) -> String {
    match unit.old.first() {
        Some(side) => match &side.label {
            Some(label) => label.trim_end_matches('.').to_string(),
            None if unit.kind == UnitKind::Row => {
                format!("row \u{201c}{}\u{201d}", first_cell(&side.text))
            }
            None => {
                let words: Vec<&str> = side.text.split_whitespace().take(5).collect();
                format!("\u{201c}{} \u{2026}\u{201d}", words.join(" "))
            }
        },
        None => String::new(),
    }
}

/// The new number of a unit, or "its new place" when it has none.
pub fn new_name(unit: &UnitChange) -> String {
    unit.new
        .first()
        .and_then(|s| s.label.as_deref())
        .map_or("its new place".to_string(), |l| {
            l.trim_end_matches('.').to_string()
        })
}

/// One stop on a reader's way through the tracked changes.
#[derive(Debug, Clone, Copy)]
pub enum Stop<'a> {
    /// A unit in its place in the revised document (unchanged units too);
    /// `index` is its place in the change set, for its anchor.
    Unit { index: usize, unit: &'a UnitChange },
    /// The place a moved unit left: a note pointing to where it went.
    MovedAway { index: usize, unit: &'a UnitChange },
}

/// The tracked changes in the order every view tells them: each unit in
/// its place in the revised document, and where each moved unit stood, a
/// stop in its old place.
pub fn outline(changes: &ChangeSet) -> Vec<Stop<'_>> {
    let mut stops = Vec::with_capacity(changes.units.len());
    let away_from = |moved: crate::diff::lines::MovedAway| Stop::MovedAway {
        index: moved.unit,
        unit: &changes.units[moved.unit],
    };
    let mut away = changes.moved_away().into_iter().peekable();
    for (index, unit) in changes.units.iter().enumerate() {
        while let Some(moved) = away.next_if(|m| m.before <= index) {
            stops.push(away_from(moved));
        }
        stops.push(Stop::Unit { index, unit });
    }
    stops.extend(away.map(away_from));
    stops
}

/// The separator between the cells of a table row's line.
pub const CELL_SEPARATOR: &str = " | ";

/// A table row's edits cut into its cells, at the separators of the
/// revised row (of the existing row, for a row deleted whole). A
/// separator's characters are dropped, even where an edit ends inside one;
/// a deletion sits in the cell where it stood.
pub fn cells(edits: &[Edit]) -> Vec<Vec<Edit>> {
    let revised: String = edits.iter().map(Edit::new_text).collect();
    let use_new = !revised.trim().is_empty();
    let texts: Vec<&str> = edits
        .iter()
        .map(|e| match use_new {
            true => e.new_text(),
            false => e.old_text(),
        })
        .collect();
    let (count, parts) = cut_into_cells(&texts);
    let mut cells: Vec<Vec<Edit>> = vec![Vec::new(); count];
    for ((edit, text), parts) in edits.iter().zip(&texts).zip(parts) {
        for (n, (k, range)) in parts.into_iter().enumerate() {
            if range.is_empty() {
                cells[k].push(edit.clone());
                continue;
            }
            let piece = text[range].to_string();
            cells[k].push(match edit {
                Edit::Equal { .. } => Edit::Equal { text: piece },
                Edit::Insert { class, .. } => Edit::Insert {
                    text: piece,
                    class: *class,
                },
                Edit::Delete { class, .. } => Edit::Delete {
                    text: piece,
                    class: *class,
                },
                // The old words stand against the new words of the first cell.
                Edit::Replace { old, class, .. } if n == 0 => Edit::Replace {
                    old: old.clone(),
                    new: piece,
                    class: *class,
                },
                Edit::Replace { class, .. } => Edit::Insert {
                    text: piece,
                    class: *class,
                },
            });
        }
    }
    cells
}

/// The cells one piece of a row's text falls in, each with the part of the
/// piece's text in it.
pub type CellParts = Vec<(usize, std::ops::Range<usize>)>;

/// Where the pieces of a row's text fall among its cells, for any format's
/// pieces (edits, Word runs): `texts` are the pieces' text in the version
/// whose separators cut the row (empty for a piece only the other version
/// has). Returns how many cells there are and, for each piece, the cells
/// it falls in with the part of its text in each, separators left out; a
/// piece with no text stands where it stood, with an empty part.
pub fn cut_into_cells(texts: &[&str]) -> (usize, Vec<CellParts>) {
    let whole: String = texts.concat();
    let separators: Vec<(usize, usize)> = whole
        .match_indices(CELL_SEPARATOR)
        .map(|(at, found)| (at, at + found.len()))
        .collect();
    // The cell a position of `whole` falls in: past how many separators.
    let cell_at = |at: usize| separators.iter().filter(|(_, end)| *end <= at).count();
    let mut at = 0;
    let parts = texts
        .iter()
        .map(|text| {
            let (start, end) = (at, at + text.len());
            at = end;
            if start == end {
                return vec![(cell_at(start), 0..0)];
            }
            let mut parts = Vec::new();
            let mut cursor = start;
            while cursor < end {
                let k = cell_at(cursor);
                let next = separators.get(k).copied();
                if let Some((sep_start, sep_end)) = next
                    && sep_start <= cursor
                {
                    cursor = sep_end.min(end);
                    continue;
                }
                let stop = next.map_or(end, |(sep_start, _)| sep_start.min(end));
                parts.push((k, cursor - start..stop - start));
                cursor = stop;
            }
            parts
        })
        .collect();
    (separators.len() + 1, parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::words::ChangeClass::Substantive;

    fn texts(cells: &[Vec<Edit>]) -> Vec<(String, String)> {
        cells
            .iter()
            .map(|cell| {
                let old: String = cell.iter().map(Edit::old_text).collect();
                let new: String = cell.iter().map(Edit::new_text).collect();
                (old, new)
            })
            .collect()
    }

    #[test]
    fn a_rows_edits_fall_into_its_cells() {
        let edits = vec![
            Edit::Equal {
                text: "Up to £".into(),
            },
            Edit::Replace {
                old: "25,000".into(),
                new: "30,000".into(),
                class: Substantive,
            },
            Edit::Equal {
                text: " | One quotation | Budget".into(),
            },
            Edit::Insert {
                text: " holder | Finance".into(),
                class: Substantive,
            },
        ];
        assert_eq!(
            texts(&cells(&edits)),
            [
                ("Up to £25,000".into(), "Up to £30,000".into()),
                ("One quotation".into(), "One quotation".into()),
                ("Budget".into(), "Budget holder".into()),
                (String::new(), "Finance".into()),
            ]
        );
    }

    #[test]
    fn a_separator_split_between_edits_still_divides_the_cells() {
        let edits = vec![
            Edit::Equal {
                text: "Urgency | Chief Executive ".into(),
            },
            Edit::Insert {
                text: "and Leader ".into(),
                class: Substantive,
            },
            Edit::Equal {
                text: "| Cabinet".into(),
            },
        ];
        assert_eq!(
            texts(&cells(&edits)),
            [
                ("Urgency".into(), "Urgency".into()),
                (
                    "Chief Executive ".into(),
                    "Chief Executive and Leader".into()
                ),
                ("Cabinet".into(), "Cabinet".into()),
            ]
        );
        let deleted = vec![Edit::Delete {
            text: "Works of art | Head of Culture".into(),
            class: Substantive,
        }];
        assert_eq!(
            texts(&cells(&deleted)),
            [
                ("Works of art".into(), String::new()),
                ("Head of Culture".into(), String::new())
            ]
        );
    }

    #[test]
    fn a_replaced_run_across_cells_keeps_its_old_words_in_the_first() {
        let edits = vec![Edit::Replace {
            old: "Urgency".into(),
            new: "Emergency | Leader".into(),
            class: Substantive,
        }];
        assert_eq!(
            texts(&cells(&edits)),
            [
                ("Urgency".into(), "Emergency".into()),
                (String::new(), "Leader".into())
            ]
        );
    }
}
