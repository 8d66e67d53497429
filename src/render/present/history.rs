//! A clause's history, made from the change sets along its document's
//! versions: the note each edition leaves at a clause it changed (what
//! happened, when, who approved it, with links to the tracked changes and
//! the report), and the addresses the clause had in earlier versions, so
//! an old link still finds it, or finds that it was deleted.
//!
//! Nothing here is kept by hand: every note and notice is generated from
//! the versions' sources.

use std::collections::HashMap;

use serde::Serialize;

use crate::diff::sets::ChangeSets;
use crate::diff::{Change, UnitChange};
use crate::model::{
    Council, Document, Status, awaits_commencement, in_force_from, lineage, superseded,
};
use crate::render::present::links::{Format, changes_file, document_file};

/// What one edition did to one clause, as its note says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseNote {
    /// "Inserted", "Amended", "Renumbered from 7.1", "Moved from 3.3".
    pub what: String,
    /// The version that made the change, such as "4".
    pub version: String,
    /// "1 May 2026", where the sources give the day it came into force.
    pub date: Option<String>,
    /// "Council, 20 April 2026", or the delegated power it was made under.
    pub approved_by: Option<String>,
    /// The tracked changes of that version, as a page of the council.
    pub changes_href: String,
    /// The clause's own change on that page.
    pub change_href: String,
    /// The clause as it was before the change, in the version before,
    /// where it was there.
    pub was_href: Option<String>,
    /// The committee report that proposed it, where the council keeps one.
    pub report_href: Option<String>,
}

impl ClauseNote {
    /// The note as one sentence, for formats without links.
    pub fn sentence(&self) -> String {
        let mut text = format!("{} by version {}", self.what, self.version);
        if let Some(date) = &self.date {
            text.push_str(&format!(", in force from {date}"));
        }
        if let Some(approved) = &self.approved_by {
            text.push_str(&format!(" ({approved})"));
        }
        text.push('.');
        text
    }
}

/// An address a clause had in an earlier version and does not have now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormerAddress {
    /// The earlier version's id and the clause's anchor in it (`c-7-1`).
    pub version_id: String,
    pub anchor: String,
    /// The notice: "Clause 7.1 of version 3 is now clause 6.1, since 1 May 2026."
    pub notice: String,
    /// Where the clause is now, where it still is.
    pub now: Option<String>,
}

/// A version's history: notes by clause anchor (in this version), and the
/// addresses of its earlier versions' clauses.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub notes: HashMap<String, Vec<ClauseNote>>,
    pub former: Vec<FormerAddress>,
}

/// One step of a document's history: the version before, the version, and
/// what changed between them.
struct Step<'a> {
    older: &'a Document,
    version: &'a Document,
    changes: &'a crate::diff::ChangeSet,
}

/// The history of `document` from the change sets `changes` holds: every
/// adopted version in its lineage up to it is an edition whose changes
/// are noted. A first version has none; a step whose change set was not
/// computed is left out.
pub fn history(council: &Council, document: &Document, changes: &ChangeSets) -> History {
    let steps = steps(council, document, changes);
    let mut out = History::default();
    // This version's units with an anchor: each anchor with its label.
    let own: Vec<(&String, Option<&str>)> = steps
        .last()
        .map(|last| {
            last.changes
                .units
                .iter()
                .flat_map(|u| &u.new)
                .filter_map(|side| Some((side.anchor.as_ref()?, side.label.as_deref())))
                .collect()
        })
        .unwrap_or_default();
    let labels: HashMap<&str, String> = own
        .iter()
        .filter_map(|&(anchor, label)| {
            Some((anchor.as_str(), label?.trim_end_matches('.').to_string()))
        })
        .collect();
    // Each step's anchors, mapped forward to this version's: a clause of
    // an older version either reaches this one, or stopped at a deletion.
    // Walking back, `reaches` holds the anchors of the step's version.
    let mut reaches: HashMap<String, Option<String>> = own
        .iter()
        .map(|(anchor, _)| ((*anchor).clone(), Some((*anchor).clone())))
        .collect();
    for step in steps.iter().rev() {
        // A draft, a proposal or a version awaiting an event is not an
        // edition: its changes leave no note.
        let adopted = step.version.front_matter.status != Status::Draft
            && step.version.front_matter.status != Status::Proposed
            && !awaits_commencement(step.version);
        let mut before: HashMap<String, Option<String>> = HashMap::new();
        for (at, unit) in step.changes.units.iter().enumerate() {
            let target = unit
                .new
                .iter()
                .find_map(|side| side.anchor.as_ref())
                .and_then(|anchor| reaches.get(anchor).cloned().flatten());
            if adopted
                && unit.change != Change::Unchanged
                && let Some(target) = &target
            {
                out.notes
                    .entry(target.clone())
                    .or_default()
                    .push(note(council, step, at, unit));
            }
            for side in &unit.old {
                if let Some(anchor) = &side.anchor {
                    before.insert(anchor.clone(), target.clone());
                }
            }
        }
        // The older version's addresses, each with where it leads now.
        for unit in &step.changes.units {
            for side in &unit.old {
                let Some(anchor) = &side.anchor else {
                    continue;
                };
                let now = before.get(anchor).cloned().flatten();
                let now_label = now
                    .as_deref()
                    .and_then(|a| labels.get(a))
                    .map(String::as_str);
                out.former.push(FormerAddress {
                    version_id: step.older.id.clone(),
                    anchor: anchor.clone(),
                    notice: notice(
                        side.label.as_deref(),
                        step,
                        document,
                        now_label,
                        now.is_some(),
                        unit,
                    ),
                    now,
                });
            }
        }
        reaches = before;
    }
    // The notes are newest first, as the steps were walked; each address
    // is kept once.
    out.former
        .sort_by(|a, b| (&a.version_id, &a.anchor).cmp(&(&b.version_id, &b.anchor)));
    out.former
        .dedup_by(|a, b| a.version_id == b.version_id && a.anchor == b.anchor);
    out
}

/// The steps from the first version to `document`, oldest first.
fn steps<'a>(
    council: &'a Council,
    document: &'a Document,
    changes: &'a ChangeSets,
) -> Vec<Step<'a>> {
    let ids = lineage(council, &document.id);
    let upto = ids.iter().position(|id| *id == document.id).unwrap_or(0);
    ids[..=upto]
        .iter()
        .filter_map(|id| council.document(id))
        .filter_map(|version| {
            let older = superseded(council, version)?;
            Some(Step {
                older,
                version,
                changes: changes.get(&older.id, &version.id)?,
            })
        })
        .collect()
}

/// The note `step` leaves at the clause `unit` (the `index`th of its
/// change set) became.
fn note(council: &Council, step: &Step<'_>, index: usize, unit: &UnitChange) -> ClauseNote {
    let old_label = || {
        unit.old
            .first()
            .and_then(|s| s.label.as_deref())
            .map(|l| l.trim_end_matches('.').to_string())
    };
    let what = match unit.change {
        Change::Inserted => "Inserted".to_string(),
        Change::Renumbered => match old_label() {
            Some(old) => format!("Renumbered from {old}"),
            None => "Numbered".to_string(),
        },
        Change::Moved => match (
            old_label(),
            unit.edits
                .iter()
                .any(|e| !matches!(e, crate::diff::words::Edit::Equal { .. })),
        ) {
            (Some(old), true) => format!("Moved from {old} and amended"),
            (Some(old), false) => format!("Moved from {old}"),
            (None, _) => "Moved".to_string(),
        },
        Change::Split => match old_label() {
            Some(old) => format!("Made from part of {old}"),
            None => "Split".to_string(),
        },
        Change::Merged => {
            let labels: Vec<String> = unit
                .old
                .iter()
                .filter_map(|s| s.label.as_deref())
                .map(|l| l.trim_end_matches('.').to_string())
                .collect();
            format!("Made from {}", labels.join(" and "))
        }
        Change::Edited | Change::Deleted | Change::Unchanged => "Amended".to_string(),
    };
    let front = &step.version.front_matter;
    let approved_by = match (&front.approved_by, &front.made_under) {
        (Some(approval), _) => Some(match approval.date {
            Some(date) => format!("{}, {}", approval.body, date.long_form()),
            None => approval.body.clone(),
        }),
        (None, Some(made)) => Some(format!(
            "made under the delegated power “{}” by {}",
            made.power.get_ref(),
            made.officer
        )),
        (None, None) => None,
    };
    let report_href = council
        .reports
        .iter()
        .find(|r| {
            r.compared_versions()
                .iter()
                .any(|(old, new)| *old == step.older.id && *new == step.version.id)
        })
        .map(|r| document_file(&r.id, Format::Html));
    ClauseNote {
        what,
        version: front.version.clone(),
        date: in_force_from(step.version).map(|d| d.long_form()),
        approved_by,
        changes_href: changes_file(&step.version.id, Format::Html),
        change_href: format!(
            "{}#u-{}",
            changes_file(&step.version.id, Format::Html),
            index + 1
        ),
        was_href: unit
            .old
            .first()
            .and_then(|side| side.anchor.as_ref())
            .map(|anchor| format!("{}#{anchor}", document_file(&step.older.id, Format::Html))),
        report_href,
    }
}

/// What an old address says now.
fn notice(
    label: Option<&str>,
    step: &Step<'_>,
    current: &Document,
    now_label: Option<&str>,
    reaches: bool,
    unit: &UnitChange,
) -> String {
    let clause = match label {
        Some(label) => format!("Clause {}", label.trim_end_matches('.')),
        None => "This provision".to_string(),
    };
    let of = format!(
        "{clause} of version {} of {}",
        step.older.front_matter.version, step.older.front_matter.title
    );
    let since = |version: &Document| {
        in_force_from(version)
            .map(|d| format!(", in force from {}", d.long_form()))
            .unwrap_or_default()
    };
    match (reaches, now_label) {
        (true, Some(new)) => format!(
            "{of} is clause {new} of version {}{}.",
            current.front_matter.version,
            since(current)
        ),
        (true, None) => format!(
            "{of} is in version {}{}.",
            current.front_matter.version,
            since(current)
        ),
        (false, _) if unit.change == Change::Deleted => format!(
            "{of} was deleted by version {}{}.",
            step.version.front_matter.version,
            since(step.version)
        ),
        (false, _) => format!(
            "{of} was deleted by a later version: version {} has no such clause.",
            current.front_matter.version
        ),
    }
}
