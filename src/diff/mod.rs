//! Tracked changes between two versions of a document: one change model, a
//! [`ChangeSet`], from which every output (HTML, PDF, Word, JSON,
//! CriticMarkup, terminal text) is rendered.
//!
//! Units (headings, clauses, paragraphs, lists) are aligned by content, so a
//! renumbered clause is a renumbering, a moved clause a move, and an inserted
//! clause changes nothing after it but numbers. Inside each matched pair the
//! edits are word-level, tidied and classified; a phrase replaced the same
//! way again and again is a systematic substitution, listed once.

pub mod align;
pub mod between;
pub mod dispositions;
pub mod highlights;
pub mod lines;
mod passes;
pub mod sets;
mod substitutions;
pub mod units;
pub mod upgrade;
pub mod variations;
pub mod words;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Document;
use align::{Pair, align};
use units::{Unit, UnitKind, units};
use words::{ChangeClass, Comparison, Edit, WordOptions, compare, word_counts};

/// Options for computing a change set.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    pub words: WordOptions,
    /// Classes of change to apply silently (`--ignore case,whitespace,punctuation`):
    /// shown as the new text, counted only in the summary.
    pub ignore: BTreeSet<ChangeClass>,
}

/// The version of the change model's JSON; raised on any incompatible change.
pub const FORMAT_VERSION: u32 = 2;

/// Everything a revision changes, computed once and rendered many ways.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeSet {
    pub format_version: u32,
    pub old: Version,
    pub new: Version,
    /// Front-matter fields that differ: version, status, dates, title...
    pub front_matter: Vec<FieldChange>,
    /// Every unit of both versions, in the order of the new version, with
    /// deleted units where they stood.
    pub units: Vec<UnitChange>,
    /// Sections (headings) inserted or deleted, with the units under them.
    pub sections: Vec<SectionChange>,
    /// Phrases replaced the same way in two or more places.
    pub substitutions: Vec<Substitution>,
    pub summary: Summary,
}

/// A whole section inserted or deleted.
#[derive(Debug, Clone, Serialize)]
pub struct SectionChange {
    pub change: Change,
    /// The heading as written, such as `2. Definitions`.
    pub heading: String,
    /// The labels (or names) of the units under it that went with it.
    pub units: Vec<String>,
}

/// Which document and version one side of the comparison is.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub id: String,
    pub title: String,
    pub version: String,
    pub status: String,
}

/// A front-matter field that changed.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What happened to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Unchanged,
    /// Same text, new number.
    Renumbered,
    /// Same place, changed words (see the unit's classes).
    Edited,
    /// Moved elsewhere in the document, perhaps edited too.
    Moved,
    Inserted,
    Deleted,
    /// One old unit became two new ones.
    Split,
    /// Two old units became one.
    Merged,
}

impl Change {
    /// The change as a report names it, such as "inserted".
    pub fn name(self) -> &'static str {
        match self {
            Change::Unchanged => "unchanged",
            Change::Renumbered => "renumbered",
            Change::Edited => "edited",
            Change::Moved => "moved",
            Change::Inserted => "inserted",
            Change::Deleted => "deleted",
            Change::Split => "split",
            Change::Merged => "merged",
        }
    }
}

/// One side of a unit change.
#[derive(Debug, Clone, Serialize)]
pub struct UnitSide {
    pub position: usize,
    pub anchor: Option<String>,
    pub label: Option<String>,
    pub section: String,
    pub text: String,
    /// How each line of `text` is set: a paragraph, or a list item at a depth.
    pub lines: Vec<units::LineShape>,
}

/// One aligned unit and its edits.
#[derive(Debug, Clone, Serialize)]
pub struct UnitChange {
    pub change: Change,
    pub kind: UnitKind,
    /// Every class of change in this unit, most significant first.
    pub classes: Vec<ChangeClass>,
    /// The old unit(s): none for an insertion, two for a merge.
    pub old: Vec<UnitSide>,
    /// The new unit(s): none for a deletion, two for a split.
    pub new: Vec<UnitSide>,
    /// Word-level edits from the old text to the new (old parts joined by a
    /// blank line for a merge, new parts for a split).
    pub edits: Vec<Edit>,
    /// The edits before short equal runs were folded in, for substitutions.
    #[serde(skip)]
    pub fine_edits: Vec<Edit>,
    pub words_removed: usize,
    pub words_added: usize,
    /// Share of words unchanged, 0 to 1 (1 for identical text).
    pub similarity: f64,
}

impl UnitChange {
    /// The label to show: the new one, or the old one for a deletion.
    pub fn label(&self) -> Option<&str> {
        self.new
            .first()
            .or(self.old.first())
            .and_then(|s| s.label.as_deref())
    }

    /// Whether any substantive change is in this unit: an insertion, a
    /// deletion, or a change of wording (not only of case, spacing,
    /// punctuation, numbering or place).
    pub fn is_substantive(&self) -> bool {
        matches!(self.change, Change::Inserted | Change::Deleted)
            || self.classes.contains(&ChangeClass::Substantive)
    }
}

/// A phrase replaced the same way in several places.
#[derive(Debug, Clone, Serialize)]
pub struct Substitution {
    pub old: String,
    pub new: String,
    pub count: usize,
    /// The labels (or names) of the units it touches, in document order.
    pub units: Vec<String>,
}

/// Counts for the top of a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Units by what happened to them.
    pub units: BTreeMap<Change, usize>,
    /// Edits by class, across all units.
    pub edits: BTreeMap<ChangeClass, usize>,
    /// Units with at least one substantive change.
    pub substantive_units: usize,
    pub words_removed: usize,
    pub words_added: usize,
    /// Edits applied silently because their class was ignored.
    pub ignored_edits: usize,
}

impl ChangeSet {
    /// Whether the two versions differ at all (front matter or text).
    pub fn has_changes(&self) -> bool {
        !self.front_matter.is_empty() || self.units.iter().any(|u| u.change != Change::Unchanged)
    }

    /// The new version's unit texts, rebuilt by accepting every change.
    pub fn accept_all(&self) -> Vec<String> {
        let mut sides: Vec<(usize, String)> = Vec::new();
        for unit in &self.units {
            let accepted: String = unit.edits.iter().map(Edit::new_text).collect();
            for (side, text) in unit.new.iter().zip(split_parts(&accepted, &unit.new)) {
                sides.push((side.position, text));
            }
        }
        sides.sort_by_key(|s| s.0);
        sides.into_iter().map(|s| s.1).collect()
    }

    /// The old version's unit texts, rebuilt by rejecting every change.
    pub fn reject_all(&self) -> Vec<String> {
        let mut sides: Vec<(usize, String)> = Vec::new();
        for unit in &self.units {
            let rejected: String = unit.edits.iter().map(Edit::old_text).collect();
            for (side, text) in unit.old.iter().zip(split_parts(&rejected, &unit.old)) {
                sides.push((side.position, text));
            }
        }
        sides.sort_by_key(|s| s.0);
        sides.into_iter().map(|s| s.1).collect()
    }
}

/// Parts of a split or merge are joined by this separator for word diffing.
pub(crate) const PART_SEPARATOR: &str = "\n\n";

/// Cuts the joined text of a split or merge back into its parts, by the
/// lengths of the sides' own texts (a part's text may itself hold the
/// separator, so searching for it would cut in the wrong place).
fn split_parts(text: &str, sides: &[UnitSide]) -> Vec<String> {
    if sides.len() <= 1 {
        return vec![text.to_string()];
    }
    let mut parts = Vec::with_capacity(sides.len());
    let mut rest = text;
    for (i, side) in sides.iter().enumerate() {
        let last = i + 1 == sides.len();
        let len = if last {
            rest.len()
        } else {
            side.text.len().min(rest.len())
        };
        let (part, after) = rest.split_at(floor_boundary(rest, len));
        parts.push(part.to_string());
        rest = after.strip_prefix(PART_SEPARATOR).unwrap_or(after);
    }
    parts
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Computes the change set from `old` to `new`.
pub fn diff(old: &Document, new: &Document, options: &DiffOptions) -> ChangeSet {
    let old_units = units(old);
    let new_units = units(new);
    let alignment = align(&old_units, &new_units);
    let renumbered = renumbering(&old_units, &new_units, &alignment.pairs);

    let mut changes: Vec<(f64, UnitChange)> = Vec::new();
    let mut old_used = vec![false; old_units.len()];
    // Each pair's word diff is independent of the others: use every core.
    let moved: BTreeSet<usize> = alignment.moved.iter().copied().collect();
    let compared: Vec<(f64, UnitChange)> = alignment
        .pairs
        .par_iter()
        .enumerate()
        .map(|(k, pair)| {
            let (olds, news): (Vec<&Unit>, Vec<&Unit>) = match pair {
                Pair::Matched { old, new, .. } => (vec![&old_units[*old]], vec![&new_units[*new]]),
                Pair::Split { old, new } => (
                    vec![&old_units[*old]],
                    new.iter().map(|j| &new_units[*j]).collect(),
                ),
                Pair::Merged { old, new } => (
                    old.iter().map(|i| &old_units[*i]).collect(),
                    vec![&new_units[*new]],
                ),
            };
            let change = match pair {
                Pair::Split { .. } => Change::Split,
                Pair::Merged { .. } => Change::Merged,
                Pair::Matched { .. } if moved.contains(&k) => Change::Moved,
                Pair::Matched { .. } => Change::Edited,
            };
            (
                news[0].position as f64,
                compare_units(&olds, &news, change, &renumbered, options),
            )
        })
        .collect();
    for (_, unit) in &compared {
        unit.old.iter().for_each(|o| old_used[o.position] = true);
    }
    changes.extend(compared);
    // Deleted units stand just after the new position of the old unit
    // before them that stayed in its place (a unit moved away is no guide
    // to where they stood), so both versions read in order.
    let mut anchor = -1.0f64;
    let new_of_old: HashMap<usize, usize> = changes
        .iter()
        .filter(|(_, u)| u.change != Change::Moved)
        .flat_map(|(_, u)| u.old.iter().map(move |o| (o.position, u.new[0].position)))
        .collect();
    for unit in &old_units {
        match new_of_old.get(&unit.position) {
            Some(new) => anchor = *new as f64,
            None if !old_used[unit.position] => {
                anchor += 1e-6;
                changes.push((anchor, deleted(unit)));
            }
            None => {}
        }
    }
    let new_used: BTreeSet<usize> = changes
        .iter()
        .flat_map(|(_, c)| c.new.iter().map(|n| n.position))
        .collect();
    for unit in new_units.iter().filter(|u| !new_used.contains(&u.position)) {
        changes.push((unit.position as f64, inserted(unit)));
    }
    changes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut units: Vec<UnitChange> = changes.into_iter().map(|(_, u)| u).collect();
    let substitutions = substitutions::substitutions(&units);
    let sections = passes::section_changes(&units);
    let ignored_edits = passes::apply_ignored(&mut units, &options.ignore);
    let summary = passes::summarise(&units, ignored_edits);
    ChangeSet {
        format_version: FORMAT_VERSION,
        old: version(old),
        new: version(new),
        front_matter: passes::front_matter_changes(old, new),
        units,
        sections,
        substitutions,
        summary,
    }
}

fn version(document: &Document) -> Version {
    Version {
        id: document.id.clone(),
        title: document.front_matter.title.clone(),
        version: document.front_matter.version.clone(),
        status: document.front_matter.status.to_string(),
    }
}

fn side(unit: &Unit) -> UnitSide {
    UnitSide {
        position: unit.position,
        anchor: unit.anchor.clone(),
        label: unit.label.clone(),
        section: unit.section.clone(),
        text: unit.text.clone(),
        lines: unit.lines.clone(),
    }
}

fn compare_units(
    olds: &[&Unit],
    news: &[&Unit],
    change: Change,
    renumbered: &HashMap<String, String>,
    options: &DiffOptions,
) -> UnitChange {
    let old_text = olds
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join(PART_SEPARATOR);
    let new_text = news
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join(PART_SEPARATOR);
    let Comparison {
        edits,
        fine_edits,
        similarity,
    } = if olds.len() == 1 && news.len() == 1 {
        compare(&old_text, &new_text, &options.words, renumbered)
    } else {
        let words = WordOptions {
            by_lines: false,
            ..options.words.clone()
        };
        compare(&old_text, &new_text, &words, renumbered)
    };
    let mut classes: BTreeSet<ChangeClass> = edits.iter().filter_map(Edit::class).collect();
    let renumber =
        olds[0].number() != news[0].number() && olds[0].label.is_some() && news[0].label.is_some();
    if renumber {
        classes.insert(ChangeClass::Renumbering);
    }
    if change == Change::Moved {
        classes.insert(ChangeClass::Moved);
    }
    // A number gained or lost (a clause made an unnumbered paragraph) is a
    // change of numbering, not of wording.
    if olds[0].label.is_some() != news[0].label.is_some() {
        classes.insert(ChangeClass::Renumbering);
    }
    let change = match change {
        Change::Edited if classes.is_empty() => Change::Unchanged,
        Change::Edited if classes.iter().all(|c| *c == ChangeClass::Renumbering) => {
            Change::Renumbered
        }
        other => other,
    };
    let (words_removed, words_added) = word_counts(&edits);
    UnitChange {
        change,
        kind: news[0].kind,
        classes: classes.into_iter().collect(),
        old: olds.iter().map(|u| side(u)).collect(),
        new: news.iter().map(|u| side(u)).collect(),
        edits,
        fine_edits,
        words_removed,
        words_added,
        similarity,
    }
}

fn deleted(unit: &Unit) -> UnitChange {
    let edits = vec![Edit::Delete {
        text: unit.text.clone(),
        class: ChangeClass::Substantive,
    }];
    let (words_removed, _) = word_counts(&edits);
    UnitChange {
        change: Change::Deleted,
        kind: unit.kind,
        classes: vec![ChangeClass::Substantive],
        old: vec![side(unit)],
        new: Vec::new(),
        fine_edits: edits.clone(),
        edits,
        words_removed,
        words_added: 0,
        similarity: 0.0,
    }
}

fn inserted(unit: &Unit) -> UnitChange {
    let edits = vec![Edit::Insert {
        text: unit.text.clone(),
        class: ChangeClass::Substantive,
    }];
    let (_, words_added) = word_counts(&edits);
    UnitChange {
        change: Change::Inserted,
        kind: unit.kind,
        classes: vec![ChangeClass::Substantive],
        old: Vec::new(),
        new: vec![side(unit)],
        fine_edits: edits.clone(),
        edits,
        words_removed: 0,
        words_added,
        similarity: 0.0,
    }
}

/// Old clause numbers to new ones, for every matched clause whose number changed.
fn renumbering(old: &[Unit], new: &[Unit], pairs: &[Pair]) -> HashMap<String, String> {
    pairs
        .iter()
        .filter_map(|p| match p {
            Pair::Matched { old: i, new: j, .. } => Some((old[*i].number()?, new[*j].number()?)),
            _ => None,
        })
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

pub(crate) fn unit_name(unit: &UnitChange) -> String {
    let side = unit.new.first().or(unit.old.first());
    side.map(|s| {
        let words: Vec<&str> = s.text.split_whitespace().take(5).collect();
        format!("\"{} ...\"", words.join(" "))
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests;
