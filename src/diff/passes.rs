//! The passes over a change set once its units are aligned and compared:
//! whole sections inserted or deleted, classes applied silently
//! (`--ignore`), the summary counts, and the front matter's changes.

use std::collections::BTreeSet;

use crate::diff::units::UnitKind;
use crate::diff::words::{ChangeClass, Edit, word_counts};
use crate::diff::{Change, FieldChange, SectionChange, Summary, UnitChange, unit_name};
use crate::model::Document;

/// Headings inserted or deleted, and the units inserted or deleted with them.
pub(crate) fn section_changes(units: &[UnitChange]) -> Vec<SectionChange> {
    let mut out: Vec<SectionChange> = Vec::new();
    let mut open = false;
    for unit in units {
        let whole = matches!(unit.change, Change::Inserted | Change::Deleted);
        if unit.kind == UnitKind::Heading {
            open = whole;
            if whole {
                let side = unit
                    .new
                    .first()
                    .or(unit.old.first())
                    .expect("a unit has a side");
                out.push(SectionChange {
                    change: unit.change,
                    heading: side.section.clone(),
                    units: Vec::new(),
                });
            }
        } else if open && let Some(section) = out.last_mut() {
            if unit.change == section.change {
                section.units.push(
                    unit.label()
                        .map(|l| l.trim_end_matches('.').to_string())
                        .unwrap_or_else(|| unit_name(unit)),
                );
            } else {
                open = false;
            }
        }
    }
    out
}

/// Turns edits of ignored classes into equal text (the new wording).
pub(crate) fn apply_ignored(units: &mut [UnitChange], ignore: &BTreeSet<ChangeClass>) -> usize {
    if ignore.is_empty() {
        return 0;
    }
    let mut ignored = 0;
    for unit in units
        .iter_mut()
        .filter(|u| u.old.len() == 1 && u.new.len() == 1)
    {
        for edit in &mut unit.edits {
            if edit.class().is_some_and(|c| ignore.contains(&c)) {
                ignored += 1;
                *edit = Edit::Equal {
                    text: edit.new_text().to_string(),
                };
            }
        }
        unit.classes.retain(|c| !ignore.contains(c));
        let (removed, added) = word_counts(&unit.edits);
        unit.words_removed = removed;
        unit.words_added = added;
        if unit.change == Change::Edited && unit.classes.is_empty() {
            unit.change = Change::Unchanged;
        }
        if unit.change == Change::Edited
            && unit.classes.iter().all(|c| *c == ChangeClass::Renumbering)
        {
            unit.change = Change::Renumbered;
        }
    }
    ignored
}

pub(crate) fn summarise(units: &[UnitChange], ignored_edits: usize) -> Summary {
    let mut summary = Summary {
        ignored_edits,
        ..Summary::default()
    };
    for unit in units {
        *summary.units.entry(unit.change).or_insert(0) += 1;
        for class in unit.edits.iter().filter_map(Edit::class) {
            *summary.edits.entry(class).or_insert(0) += 1;
        }
        if unit.is_substantive() {
            summary.substantive_units += 1;
        }
        summary.words_removed += unit.words_removed;
        summary.words_added += unit.words_added;
    }
    summary
}

pub(crate) fn front_matter_changes(old: &Document, new: &Document) -> Vec<FieldChange> {
    let (a, b) = (&old.front_matter, &new.front_matter);
    let text = |v: Option<String>| v.filter(|s| !s.is_empty());
    let fields: Vec<(&str, Option<String>, Option<String>)> = vec![
        ("title", Some(a.title.clone()), Some(b.title.clone())),
        ("version", Some(a.version.clone()), Some(b.version.clone())),
        (
            "status",
            Some(a.status.to_string()),
            Some(b.status.to_string()),
        ),
        ("part", a.part.clone(), b.part.clone()),
        ("section", a.section.clone(), b.section.clone()),
        (
            "adopted",
            a.adopted.map(|d| d.to_string()),
            b.adopted.map(|d| d.to_string()),
        ),
        (
            "effective",
            a.effective.map(|d| d.to_string()),
            b.effective.map(|d| d.to_string()),
        ),
        (
            "reviewed",
            a.reviewed.map(|d| d.to_string()),
            b.reviewed.map(|d| d.to_string()),
        ),
        ("lang", Some(a.lang.clone()), Some(b.lang.clone())),
    ];
    fields
        .into_iter()
        .filter(|(_, x, y)| x != y)
        .map(|(field, x, y)| FieldChange {
            field: field.to_string(),
            old: text(x),
            new: text(y),
        })
        .collect()
}
