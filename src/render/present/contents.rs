//! What a council's contents say of each document: its summary, its
//! standing, and the Parts of the constitution in force. Shared by every
//! format: the HTML contents pages and the PDF title pages say the same.

use serde::Serialize;

use crate::model::newer_versions;
use crate::model::{Council, Document, Standing, current_version, lineage, standing};
use crate::render::present::links::{Format, changes_file, document_file};

/// A document in a contents list.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub href: String,
    pub title: String,
    pub part: Option<String>,
    pub section: Option<String>,
    pub version: String,
    pub status: String,
    pub adopted: Option<String>,
    pub effective: Option<String>,
    pub reviewed: Option<String>,
    pub approved_by: Option<String>,
    /// Whether this is the version the constitution currently includes.
    pub is_current: bool,
    pub standing: Option<String>,
    /// For a version in force on a contents page, the newer versions on
    /// their way (drafts, proposals, versions approved for a later day).
    pub on_its_way: Vec<VersionOnItsWay>,
}

/// A newer version of a document in force, not in force itself, as the
/// contents page lists it beside the one in force.
#[derive(Debug, Clone, Serialize)]
pub struct VersionOnItsWay {
    /// "Proposed", "Draft", or "Approved, in force from 1 September 2025".
    pub mark: String,
    /// Approved (adopted for a later day, or for an event still to come),
    /// not only drafted or proposed: a change that is coming.
    pub approved: bool,
    pub version: String,
    pub href: String,
    /// Its tracked changes against the version it supersedes.
    pub changes_href: Option<String>,
    /// The committee reports that propose it.
    pub reports: Vec<ReportLink>,
}

/// A committee report, linked.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLink {
    pub title: String,
    pub href: String,
    pub meeting: String,
    pub date: String,
}

impl ReportLink {
    pub fn new(report: &crate::model::report::Report) -> ReportLink {
        ReportLink {
            title: report.front_matter.title.clone(),
            href: document_file(&report.id, Format::Html),
            meeting: report.front_matter.meeting.clone(),
            date: report.front_matter.meeting_date.long_form(),
        }
    }
}

/// The versions of `document` newer than it and not in force, nearest
/// first, each with its tracked changes and the reports proposing it.
pub fn on_its_way(council: &Council, document: &Document) -> Vec<VersionOnItsWay> {
    newer_versions(council, document)
        .into_iter()
        .filter_map(|d| {
            let standing = standing(council, d);
            let approved = matches!(
                standing,
                Standing::InForceFrom(_) | Standing::AwaitingCommencement
            );
            let mark = match standing {
                Standing::Draft => "Draft, not in force".to_string(),
                Standing::Proposed => "Proposed, not in force".to_string(),
                Standing::InForceFrom(date) => {
                    format!("Approved, in force from {}", date.long_form())
                }
                Standing::AwaitingCommencement => format!(
                    "Approved, not yet in force: it comes into force {}",
                    commencement(d)
                ),
                Standing::InForce | Standing::Replaced => return None,
            };
            Some(VersionOnItsWay {
                mark,
                approved,
                version: d.front_matter.version.clone(),
                href: document_file(&d.id, Format::Html),
                changes_href: d
                    .front_matter
                    .supersedes
                    .is_some()
                    .then(|| changes_file(&d.id, Format::Html)),
                reports: council
                    .reports
                    .iter()
                    .filter(|r| r.compared_versions().iter().any(|(_, new)| *new == d.id))
                    .map(ReportLink::new)
                    .collect(),
            })
        })
        .collect()
}

/// A Part of the constitution and its current documents.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub number: Option<String>,
    pub title: String,
    pub documents: Vec<DocumentSummary>,
    /// The documents are in force; `false` for drafts and proposals.
    pub in_force: bool,
    /// The latest day a section of this Part came into force, if recorded.
    pub last_updated: Option<String>,
}

/// The summary of a document for contents lists.
pub fn document_summary(council: &Council, document: &Document) -> DocumentSummary {
    let front = &document.front_matter;
    let current = current_version(council, &document.id).is_some_and(|c| c.id == document.id);
    DocumentSummary {
        id: document.id.clone(),
        href: document_file(&document.id, Format::Html),
        title: front.title.clone(),
        part: front.part.clone(),
        section: front.section.clone(),
        version: front.version.clone(),
        status: front.status.to_string(),
        adopted: front.adopted.map(|d| d.long_form()),
        effective: front.effective.map(|d| d.long_form()),
        reviewed: front.reviewed.map(|d| d.long_form()),
        approved_by: front.approved_by.as_ref().map(|a| {
            let mut text = a.body.clone();
            if let Some(meeting) = &a.meeting {
                text.push_str(&format!(", {meeting}"));
            }
            if let Some(date) = &a.date {
                text.push_str(&format!(", {}", date.long_form()));
            }
            text
        }),
        is_current: current,
        standing: standing_text(council, document),
        on_its_way: Vec::new(),
    }
}

/// The event a version awaits, as a sentence continues it: "when the
/// Procurement Act 2023 commences".
pub fn commencement(document: &Document) -> String {
    document
        .front_matter
        .commences
        .as_deref()
        .unwrap_or("on a day still to be given")
        .trim()
        .trim_end_matches('.')
        .to_string()
}

/// What a reader must know about a version that is not the one in force,
/// or `None` for the version in force.
pub fn standing_text(council: &Council, document: &Document) -> Option<String> {
    Some(match standing(council, document) {
        Standing::InForce => return None,
        Standing::InForceFrom(date) => {
            format!(
                "Approved, in force from {}: not yet in force.",
                date.long_form()
            )
        }
        Standing::AwaitingCommencement => format!(
            "Approved, not yet in force: it comes into force {}, and is not in force until the day is given.",
            commencement(document)
        ),
        Standing::Replaced => "This version is no longer in force.".to_string(),
        Standing::Draft => {
            "Draft: this version is not in force and has not been adopted.".to_string()
        }
        Standing::Proposed => {
            "Proposed: this version is not in force; it has not been adopted.".to_string()
        }
    })
}

/// The mark a PDF of a version not in force carries on every page and in
/// its title, such as "PROPOSED: NOT IN FORCE".
pub fn standing_mark(council: &Council, document: &Document) -> Option<&'static str> {
    match standing(council, document) {
        Standing::InForce => None,
        Standing::InForceFrom(_) | Standing::AwaitingCommencement => {
            Some("APPROVED: NOT YET IN FORCE")
        }
        Standing::Replaced => Some("NO LONGER IN FORCE"),
        Standing::Draft => Some("DRAFT: NOT IN FORCE"),
        Standing::Proposed => Some("PROPOSED: NOT IN FORCE"),
    }
}

/// The Parts of a council with the version in force of each listed
/// document; then documents in force that no Part lists; then, apart, the
/// drafts and proposals that have no version in force, never as in force.
pub fn parts(council: &Council) -> Vec<PartView> {
    let mut parts: Vec<PartView> = council
        .parts
        .iter()
        .map(|part| PartView {
            number: part.number.clone(),
            title: part.title.clone(),
            documents: part
                .documents
                .iter()
                .filter_map(|id| current_version(council, id))
                .map(|d| DocumentSummary {
                    on_its_way: on_its_way(council, d),
                    ..document_summary(council, d)
                })
                .collect(),
            in_force: true,
            last_updated: part
                .documents
                .iter()
                .filter_map(|id| current_version(council, id))
                .filter_map(crate::model::in_force_from)
                .max()
                .map(|d| d.long_form()),
        })
        .collect();
    let in_force = |document: &Document| {
        current_version(council, &document.id).is_some_and(|c| c.id == document.id)
    };
    // Documents in force that no Part lists still belong in the contents.
    let listed: std::collections::HashSet<String> = parts
        .iter()
        .flat_map(|p| p.documents.iter().map(|d| d.id.clone()))
        .collect();
    let others: Vec<DocumentSummary> = council
        .documents
        .iter()
        .filter(|d| in_force(d))
        .filter(|d| !lineage(council, &d.id).iter().any(|id| listed.contains(id)))
        .map(|d| DocumentSummary {
            on_its_way: on_its_way(council, d),
            ..document_summary(council, d)
        })
        .collect();
    if !others.is_empty() {
        parts.push(PartView {
            number: None,
            title: "Other documents".to_string(),
            documents: others,
            in_force: true,
            last_updated: None,
        });
    }
    // The newest version of each document with no version in force.
    let pending: Vec<DocumentSummary> = council
        .documents
        .iter()
        .filter(|d| current_version(council, &d.id).is_none())
        .filter(|d| lineage(council, &d.id).last() == Some(&d.id))
        .map(|d| document_summary(council, d))
        .collect();
    if !pending.is_empty() {
        parts.push(PartView {
            number: None,
            title: "Not in force: drafts and proposals".to_string(),
            documents: pending,
            in_force: false,
            last_updated: None,
        });
    }
    parts
}

/// The Parts of the constitution in force: [`parts`] without the drafts
/// and proposals.
pub fn parts_in_force(council: &Council) -> Vec<PartView> {
    parts(council).into_iter().filter(|p| p.in_force).collect()
}
