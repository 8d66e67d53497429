//! The tracked changes of a whole constitution from one day to another:
//! for each section whose version in force differs, the change set from
//! the one to the other (a revision's own, where one revision separates
//! them), joined into one change set under a heading per section. Every
//! revision between the two days is in it once; a section that came into
//! force is all inserted, one that left force all deleted.

use std::collections::BTreeMap;

use super::sets::ChangeSets;
use super::units::{LineShape, UnitKind};
use super::words::Edit;
use super::{Change, ChangeSet, DiffOptions, Summary, UnitChange, UnitSide, Version, diff};
use crate::model::whole::{emptied, in_order};
use crate::model::{Council, Date, Document, lineage};

/// The changes to `council`'s constitution from `from` to `to`, taking
/// each section's change set from `known` where it holds it and making
/// the rest with `options`.
pub fn between(
    council: &Council,
    from: Date,
    to: Date,
    known: &ChangeSets,
    options: &DiffOptions,
) -> ChangeSet {
    let before = in_order(council, from);
    let after = in_order(council, to);
    let family_of = |d: &Document| lineage(council, &d.id);
    let mut pairs: Vec<(&Document, Option<&Document>, Option<&Document>)> = Vec::new();
    for new in &after {
        let family = family_of(new);
        let old = before.iter().find(|o| family.contains(&o.id)).copied();
        pairs.push((new, old, Some(new)));
    }
    for old in &before {
        let family = family_of(old);
        if !after.iter().any(|n| family.contains(&n.id)) {
            pairs.push((old, Some(old), None));
        }
    }
    let mut made = Vec::new();
    for (named, old, new) in &pairs {
        if let (Some(old), Some(new)) = (old, new)
            && old.id == new.id
        {
            continue; // the same version on both days
        }
        let changes = match (old, new) {
            (Some(old), Some(new)) => known
                .get(&old.id, &new.id)
                .cloned()
                .unwrap_or_else(|| diff(old, new, options)),
            (Some(old), None) => diff(old, &emptied(old), options),
            (None, Some(new)) => diff(&emptied(new), new, options),
            (None, None) => continue,
        };
        let front = &named.front_matter;
        let title = match &front.section {
            Some(number) => format!("Section {number}: {}", front.title),
            None => front.title.clone(),
        };
        made.push((title, changes));
    }
    let side = |when: Date| Version {
        id: format!("constitution-as-at-{when}"),
        title: format!("{} constitution", council.name),
        version: format!("as at {}", when.long_form()),
        status: "adopted".to_string(),
    };
    joined(side(from), side(to), &made)
}

/// Several documents' change sets as one: each under an unchanged heading
/// naming it, positions counted on, counts summed, renames made the same
/// way in several documents listed once.
pub fn joined(old: Version, new: Version, parts: &[(String, ChangeSet)]) -> ChangeSet {
    let mut units = Vec::new();
    let mut sections = Vec::new();
    let mut substitutions: Vec<super::Substitution> = Vec::new();
    let mut summary = Summary::default();
    let (mut old_at, mut new_at) = (0, 0);
    for (title, changes) in parts {
        let heading = UnitSide {
            position: 0,
            anchor: None,
            label: None,
            section: title.clone(),
            text: title.clone(),
            lines: vec![LineShape::default()],
        };
        units.push(UnitChange {
            change: Change::Unchanged,
            kind: UnitKind::Heading,
            classes: Vec::new(),
            old: vec![UnitSide {
                position: old_at,
                ..heading.clone()
            }],
            new: vec![UnitSide {
                position: new_at,
                ..heading
            }],
            edits: vec![Edit::Equal {
                text: title.clone(),
            }],
            fine_edits: Vec::new(),
            words_removed: 0,
            words_added: 0,
            similarity: 1.0,
        });
        *summary.units.entry(Change::Unchanged).or_default() += 1;
        old_at += 1;
        new_at += 1;
        let (mut olds, mut news) = (0, 0);
        for unit in &changes.units {
            let mut unit = unit.clone();
            for side in &mut unit.old {
                olds = olds.max(side.position + 1);
                side.position += old_at;
            }
            for side in &mut unit.new {
                news = news.max(side.position + 1);
                side.position += new_at;
            }
            units.push(unit);
        }
        old_at += olds;
        new_at += news;
        sections.extend(changes.sections.iter().cloned());
        for substitution in &changes.substitutions {
            match substitutions
                .iter_mut()
                .find(|s| s.old == substitution.old && s.new == substitution.new)
            {
                Some(same) => {
                    same.count += substitution.count;
                    same.units.extend(substitution.units.iter().cloned());
                }
                None => substitutions.push(substitution.clone()),
            }
        }
        add(&mut summary.units, &changes.summary.units);
        add(&mut summary.edits, &changes.summary.edits);
        summary.substantive_units += changes.summary.substantive_units;
        summary.words_removed += changes.summary.words_removed;
        summary.words_added += changes.summary.words_added;
        summary.ignored_edits += changes.summary.ignored_edits;
    }
    ChangeSet {
        format_version: super::FORMAT_VERSION,
        old,
        new,
        front_matter: Vec::new(),
        units,
        sections,
        substitutions,
        summary,
    }
}

fn add<K: Ord + Copy>(total: &mut BTreeMap<K, usize>, more: &BTreeMap<K, usize>) {
    for (key, count) in more {
        *total.entry(*key).or_default() += count;
    }
}
