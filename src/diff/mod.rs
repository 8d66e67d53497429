//! Tracked changes between two versions of a document: one change model, a
//! [`ChangeSet`], from which every output (HTML, JSON, CriticMarkup, text)
//! is rendered.
//!
//! Units (headings, clauses, paragraphs, lists) are aligned by content, so a
//! renumbered clause is a renumbering, a moved clause a move, and an inserted
//! clause changes nothing after it but numbers. Inside each matched pair the
//! edits are word-level, tidied and classified; a phrase replaced the same
//! way again and again is a systematic substitution, listed once.

pub mod align;
pub mod highlights;
pub mod lines;
pub mod sets;
pub mod units;
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
pub const FORMAT_VERSION: u32 = 1;

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
    // Deleted units stand just after the new position of the old unit before them.
    let mut anchor = -1.0f64;
    let new_of_old: HashMap<usize, usize> = changes
        .iter()
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
    let substitutions = substitutions(&units);
    let sections = section_changes(&units);
    let ignored_edits = apply_ignored(&mut units, &options.ignore);
    let summary = summarise(&units, ignored_edits);
    ChangeSet {
        format_version: FORMAT_VERSION,
        old: version(old),
        new: version(new),
        front_matter: front_matter_changes(old, new),
        units,
        sections,
        substitutions,
        summary,
    }
}

/// Headings inserted or deleted, and the units inserted or deleted with them.
fn section_changes(units: &[UnitChange]) -> Vec<SectionChange> {
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

/// One place a short phrase was replaced, with the words around it.
struct Occurrence {
    old: String,
    new: String,
    /// The unchanged words just before and just after, nearest first.
    before: Vec<String>,
    after: Vec<String>,
    /// The unit's position in the change set, and its name.
    unit: usize,
    place: String,
}

/// Words of an unchanged run next to an edit: the first `n` from its
/// start, or the last `n` from its end (nearest the edit first) when
/// `from_end` is set. Stops at punctuation, which ends a name; nothing
/// when the run is joined to the edit without a space.
fn context_words(text: &str, n: usize, from_end: bool) -> Vec<String> {
    let spaced = if from_end {
        text.ends_with(char::is_whitespace)
    } else {
        text.starts_with(char::is_whitespace)
    };
    if !spaced {
        return Vec::new();
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if from_end {
        words.reverse();
    }
    let mut out = Vec::new();
    for word in words.into_iter().take(n) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        // Punctuation between this word and the edit ends the phrase.
        let (near, far) = if from_end {
            (
                word.ends_with(|c: char| !c.is_alphanumeric()),
                word.starts_with(|c: char| !c.is_alphanumeric()),
            )
        } else {
            (
                word.starts_with(|c: char| !c.is_alphanumeric()),
                word.ends_with(|c: char| !c.is_alphanumeric()),
            )
        };
        if bare.is_empty() || near {
            break;
        }
        out.push(bare.to_string());
        if far {
            break;
        }
    }
    out
}

/// The phrase without a possessive ending, so "Executive's" to
/// "Cabinet's" counts as the rename of "Executive" to "Cabinet".
fn without_possessive(old: &str, new: &str) -> (String, String) {
    for ending in ["'s", "\u{2019}s"] {
        if let (Some(o), Some(n)) = (old.strip_suffix(ending), new.strip_suffix(ending)) {
            return (o.to_string(), n.to_string());
        }
    }
    (old.to_string(), new.to_string())
}

/// Phrases replaced the same way in two or more places: each grown to the
/// whole phrase (the words every occurrence shares on both sides, so
/// "designated Finance Officer" to "Section 151 Officer"), counted in
/// every unit including headings and possessives, and a rename found
/// inside a longer one ("An Overview and Scrutiny" to "A Scrutiny")
/// folded into it.
fn substitutions(units: &[UnitChange]) -> Vec<Substitution> {
    let mut occurrences: Vec<Occurrence> = Vec::new();
    for (index, unit) in units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.old.len() == 1 && u.new.len() == 1)
    {
        let fine = &unit.fine_edits;
        for (k, edit) in fine.iter().enumerate() {
            if edit.class() != Some(ChangeClass::Substantive) {
                continue;
            }
            let (raw_old, raw_new) = (edit.old_text(), edit.new_text());
            let (old, new) = (raw_old.trim(), raw_new.trim());
            if old.split_whitespace().count() > 6 || new.split_whitespace().count() > 6 {
                continue; // a rewritten sentence, not a substitution
            }
            let equal = |at: Option<&Edit>| match at {
                Some(Edit::Equal { text }) => text.clone(),
                _ => String::new(),
            };
            // A space the edit itself ends or starts with parts it from its context.
            let ends_spaced = raw_old.ends_with(' ') || raw_new.ends_with(' ');
            let starts_spaced = raw_old.starts_with(' ') || raw_new.starts_with(' ');
            let following = equal(fine.get(k + 1));
            let following = if ends_spaced {
                format!(" {following}")
            } else {
                following
            };
            let preceding = equal(k.checked_sub(1).and_then(|b| fine.get(b)));
            let preceding = if starts_spaced {
                format!("{preceding} ")
            } else {
                preceding
            };
            let (mut old, mut new) = without_possessive(old, new);
            let mut after = context_words(&following, 3, false);
            // A bare deletion or insertion takes in the next word, so
            // "Overview and Scrutiny" to "Scrutiny" reads as one phrase.
            if (old.is_empty() || new.is_empty()) && !after.is_empty() {
                let word = after.remove(0);
                old = format!("{old} {word}").trim().to_string();
                new = format!("{new} {word}").trim().to_string();
            }
            occurrences.push(Occurrence {
                old,
                new,
                before: context_words(&preceding, 3, true),
                after,
                unit: index,
                place: unit
                    .label()
                    .map(|l| l.trim_end_matches('.').to_string())
                    .unwrap_or_else(|| unit_name(unit)),
            });
        }
    }
    // Group by the phrase, without regard to case.
    let mut groups: BTreeMap<(String, String), Vec<Occurrence>> = BTreeMap::new();
    for occurrence in occurrences {
        let key = (occurrence.old.to_lowercase(), occurrence.new.to_lowercase());
        groups.entry(key).or_default().push(occurrence);
    }
    let mut grown: Vec<(String, String, Vec<Occurrence>)> = groups
        .into_values()
        .map(|group| {
            let (old, new) = grow(&group);
            (old, new, group)
        })
        .collect();
    // A rename found inside another ("An Overview and Scrutiny" to "A
    // Scrutiny" holds "Overview and Scrutiny" to "Scrutiny"; "designated
    // Finance Officer" to "Section 151 Officer" holds "Finance" to
    // "Section 151") is one rename: counted together, named as it is most
    // often made.
    let holds = |outer: &(String, String), inner: &(String, String)| {
        let within = |a: &str, b: &str| {
            let (a, b) = (a.to_lowercase(), b.to_lowercase());
            !b.trim().is_empty() && format!(" {a} ").contains(&format!(" {b} "))
        };
        within(&outer.0, &inner.0) && within(&outer.1, &inner.1)
    };
    let mut kept: Vec<((String, String), Vec<Occurrence>)> = Vec::new();
    grown.sort_by_key(|(old, new, _)| old.len() + new.len());
    for (old, new, group) in grown {
        let phrase = (old, new);
        match kept
            .iter_mut()
            .find(|(p, _)| holds(&phrase, p) || holds(p, &phrase))
        {
            Some((host, occurrences)) => {
                if group.len() > occurrences.len() {
                    *host = phrase;
                }
                occurrences.extend(group);
            }
            None => kept.push((phrase, group)),
        }
    }
    let mut out: Vec<Substitution> = kept
        .into_iter()
        .filter(|(_, group)| group.len() >= 2)
        .map(|((old, new), mut group)| {
            group.sort_by_key(|o| o.unit);
            let count = group.len();
            let mut places: Vec<String> = group.into_iter().map(|o| o.place).collect();
            places.dedup();
            Substitution {
                old,
                new,
                count,
                units: places,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.old.cmp(&b.old)));
    out
}

/// A group's phrase, in the form used most often, grown by the unchanged
/// words every occurrence shares around it while they are part of a name
/// (capitalised, or a number): "designated Finance" to "Section 151"
/// before "Officer" every time is the rename of "designated Finance
/// Officer" to "Section 151 Officer"; "the" before "Executive" is not part
/// of the name.
fn grow(group: &[Occurrence]) -> (String, String) {
    let mut forms: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for o in group {
        *forms.entry((&o.old, &o.new)).or_insert(0) += 1;
    }
    let (mut old, mut new) = forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|((o, n), _)| (o.to_string(), n.to_string()))
        .unwrap_or_default();
    if group.len() < 2 {
        return (old, new);
    }
    // Words that open sentences and join names, never a name of their own.
    const JOINING: [&str; 13] = [
        "the", "a", "an", "of", "and", "or", "to", "in", "for", "on", "by", "with", "at",
    ];
    let in_name = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !JOINING.contains(&w.to_lowercase().as_str())
    };
    let shared = |side: fn(&Occurrence) -> &Vec<String>, k: usize| -> Option<String> {
        let first = side(group.first()?).get(k)?;
        let all = group.iter().all(|o| {
            side(o)
                .get(k)
                .is_some_and(|w| w.eq_ignore_ascii_case(first))
        });
        (all && in_name(first)).then(|| first.clone())
    };
    for k in 0..3 {
        let Some(word) = shared(|o| &o.after, k) else {
            break;
        };
        old = format!("{old} {word}").trim().to_string();
        new = format!("{new} {word}").trim().to_string();
    }
    for k in 0..3 {
        let Some(word) = shared(|o| &o.before, k) else {
            break;
        };
        old = format!("{word} {old}").trim().to_string();
        new = format!("{word} {new}").trim().to_string();
    }
    (old, new)
}

fn unit_name(unit: &UnitChange) -> String {
    let side = unit.new.first().or(unit.old.first());
    side.map(|s| {
        let words: Vec<&str> = s.text.split_whitespace().take(5).collect();
        format!("\"{} ...\"", words.join(" "))
    })
    .unwrap_or_default()
}

/// Turns edits of ignored classes into equal text (the new wording).
fn apply_ignored(units: &mut [UnitChange], ignore: &BTreeSet<ChangeClass>) -> usize {
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

fn summarise(units: &[UnitChange], ignored_edits: usize) -> Summary {
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

fn front_matter_changes(old: &Document, new: &Document) -> Vec<FieldChange> {
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

#[cfg(test)]
mod tests;
