//! View structs: what templates see. Built from the model for one page, so
//! the model can change without breaking a council's templates.

use serde::Serialize;

use crate::model::{
    Block, Council, Document, Standing, current_version, lineage, plain_text, standing,
};
use crate::render::inline::inline_html;
use crate::render::links::{Format, Links, anchor_prefix, changes_file, document_file, superseded};

/// Facts every page needs: its title, language, council and branding.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub lang: String,
    /// The relative path from this page to the output root, such as `../`.
    pub root: String,
    pub council_name: Option<String>,
    pub council_short_name: Option<String>,
    /// The council's index page, relative to this page.
    pub council_href: Option<String>,
    /// The council's whole-constitution page, relative to this page.
    pub constitution_href: Option<String>,
    /// The branding colour, checked to be `#rrggbb`.
    pub colour: String,
    /// The stylesheet itself, for a page that stands alone (no `style.css` beside it).
    pub inline_css: Option<String>,
    /// The page stands alone, with no site around it to link to.
    pub standalone: bool,
    pub generator: String,
}

impl PageMeta {
    /// The page as a file of its own: its stylesheet inside it, and no
    /// links to pages that are not beside it.
    pub fn standalone(self) -> PageMeta {
        PageMeta {
            inline_css: Some(crate::render::templates::STYLESHEET.to_string()),
            standalone: true,
            council_href: None,
            constitution_href: None,
            ..self
        }
    }
}

/// One council on the top-level index.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilLink {
    pub name: String,
    pub href: String,
    pub documents: usize,
}

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

/// An entry in a document's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub href: String,
    pub label: Option<String>,
    pub title: String,
    pub level: u8,
    pub clauses: Vec<TocClause>,
}

/// A clause number in the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocClause {
    pub href: String,
    pub label: String,
}

/// A heading and its blocks.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub id: String,
    /// The HTML heading level, 2 to 6.
    pub heading_level: u8,
    pub label: Option<String>,
    /// Already escaped HTML of the heading text.
    pub title_html: String,
    pub blocks: Vec<BlockView>,
}

/// A block, as templates render it. `html` fields are escaped already.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    /// `text_html` is the clause's opening text; `blocks` what follows it.
    Clause {
        id: String,
        label: String,
        text_html: String,
        blocks: Vec<BlockView>,
    },
    Paragraph {
        html: String,
    },
    List {
        lettered: bool,
        items: Vec<ItemView>,
    },
    Quote {
        blocks: Vec<BlockView>,
    },
}

/// A list item with its marker, such as `(a)`.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub marker: Option<String>,
    /// The item's opening text; `blocks` holds what follows it.
    pub text_html: String,
    pub blocks: Vec<BlockView>,
}

/// Another version of the document shown on its page.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLink {
    pub href: String,
    pub version: String,
    pub status: String,
    pub adopted: Option<String>,
    /// The day it came (or comes) into force, when it differs from adoption.
    pub effective: Option<String>,
    /// The tracked changes from the version before it, if it has one.
    pub changes_href: Option<String>,
    pub is_this: bool,
    pub is_current: bool,
}

/// A document rendered on its own page or in the consolidated page.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub summary: DocumentSummary,
    /// The anchor of the document itself (used in the consolidated page).
    pub id: String,
    pub heading_level: u8,
    pub toc: Vec<TocEntry>,
    pub preamble: Vec<BlockView>,
    pub sections: Vec<SectionView>,
    /// Every version, oldest first (one entry when there is only this one).
    pub versions: Vec<VersionLink>,
    /// The tracked changes from the version this one supersedes, if any.
    pub changes_href: Option<String>,
    /// This document as PDF, when it is published.
    pub pdf_href: Option<String>,
    /// The tracked changes as a Word file of revisions, when published.
    pub changes_word_href: Option<String>,
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
    }
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
        Standing::InForceFrom(_) => Some("APPROVED: NOT YET IN FORCE"),
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
                .map(|d| document_summary(council, d))
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
        .map(|d| document_summary(council, d))
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

/// The view of one document. `base_level` is the HTML heading level of the
/// document's title; sections sit one level below it.
pub fn document(
    council: &Council,
    document: &Document,
    links: &Links<'_>,
    consolidated: bool,
    base_level: u8,
) -> DocumentView {
    let prefix = anchor_prefix(&document.id, consolidated);
    let convert = |blocks: &[Block]| blocks_view(blocks, &document.id, &prefix, links);
    let sections: Vec<SectionView> = document
        .sections
        .iter()
        .map(|section| SectionView {
            id: format!("{prefix}{}", section.id),
            heading_level: (base_level + section.level).min(6),
            label: section.label.as_ref().map(|l| l.written.clone()),
            title_html: inline_html(&section.title, &document.id, links),
            blocks: convert(&section.blocks),
        })
        .collect();
    let toc = document
        .sections
        .iter()
        .map(|section| TocEntry {
            href: format!("#{prefix}{}", section.id),
            label: section.label.as_ref().map(|l| l.written.clone()),
            title: plain_text(&section.title),
            level: section.level,
            clauses: section
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Clause(c) => Some(TocClause {
                        href: format!("#{prefix}{}", c.id),
                        label: c.label.number().to_string(),
                    }),
                    _ => None,
                })
                .collect(),
        })
        .collect();
    DocumentView {
        summary: document_summary(council, document),
        id: document.id.clone(),
        heading_level: base_level,
        toc,
        preamble: convert(&document.preamble),
        sections,
        versions: versions(council, document),
        changes_href: superseded(council, document)
            .map(|_| changes_file(&document.id, Format::Html)),
        pdf_href: None,
        changes_word_href: None,
    }
}

fn versions(council: &Council, document: &Document) -> Vec<VersionLink> {
    let current = current_version(council, &document.id).map(|d| d.id.clone());
    lineage(council, &document.id)
        .iter()
        .filter_map(|id| council.document(id))
        .map(|d| VersionLink {
            href: document_file(&d.id, Format::Html),
            version: d.front_matter.version.clone(),
            status: d.front_matter.status.to_string(),
            adopted: d.front_matter.adopted.map(|a| a.long_form()),
            effective: d
                .front_matter
                .effective
                .filter(|e| Some(*e) != d.front_matter.adopted)
                .map(|e| e.long_form()),
            changes_href: superseded(council, d).map(|_| changes_file(&d.id, Format::Html)),
            is_this: d.id == document.id,
            is_current: current.as_deref() == Some(d.id.as_str()),
        })
        .collect()
}

fn blocks_view(
    blocks: &[Block],
    document: &str,
    prefix: &str,
    links: &Links<'_>,
) -> Vec<BlockView> {
    blocks
        .iter()
        .map(|b| block_view(b, document, prefix, links))
        .collect()
}

fn block_view(block: &Block, document: &str, prefix: &str, links: &Links<'_>) -> BlockView {
    match block {
        Block::Clause(clause) => {
            let (text_html, rest) = split_opening(&clause.body, document, links);
            BlockView::Clause {
                id: format!("{prefix}{}", clause.id),
                label: clause.label.written.clone(),
                text_html,
                blocks: blocks_view(rest, document, prefix, links),
            }
        }
        Block::Paragraph(p) => BlockView::Paragraph {
            html: inline_html(&p.content, document, links),
        },
        Block::List(list) => BlockView::List {
            lettered: list.items.iter().any(|i| i.marker.is_some()),
            items: list
                .items
                .iter()
                .map(|item| {
                    let (text_html, rest) = split_opening(&item.body, document, links);
                    ItemView {
                        marker: item.marker.as_ref().map(|m| m.written.clone()),
                        text_html,
                        blocks: blocks_view(rest, document, prefix, links),
                    }
                })
                .collect(),
        },
        Block::Quote(q) => BlockView::Quote {
            blocks: blocks_view(&q.body, document, prefix, links),
        },
    }
}

/// The opening paragraph's HTML and the blocks after it.
fn split_opening<'b>(
    body: &'b [Block],
    document: &str,
    links: &Links<'_>,
) -> (String, &'b [Block]) {
    match body.split_first() {
        Some((Block::Paragraph(p), rest)) => (inline_html(&p.content, document, links), rest),
        _ => (String::new(), body),
    }
}

/// One edition in the change-control log or the list of editions.
#[derive(Debug, Clone, Serialize)]
pub struct EditionView {
    /// "17 May 2023", or "Date not recorded".
    pub date: String,
    /// The whole constitution as it stood that day, where the day is known.
    pub href: Option<String>,
    pub pdf_href: Option<String>,
    pub versions: Vec<LogVersion>,
}

/// A version that came into force, as the log tells it.
#[derive(Debug, Clone, Serialize)]
pub struct LogVersion {
    pub title: String,
    pub version: String,
    pub href: String,
    pub approved_by: Option<String>,
    /// For a version not in force, what it is ("Proposed: ...").
    pub standing: Option<String>,
    /// What it replaced and how: absent for a first version.
    pub changes: Option<LogChanges>,
}

/// The changes a version made to the one before, by kind.
#[derive(Debug, Clone, Serialize)]
pub struct LogChanges {
    pub previous_version: String,
    pub href: String,
    /// Units changed in substance (for decision).
    pub substantive: usize,
    /// Units changed only in capitalisation, spacing, punctuation,
    /// numbering or place (what may be made under delegated powers).
    pub minor: usize,
    /// Renames made throughout, such as "Executive → Cabinet (11 times)".
    pub substitutions: Vec<String>,
}

/// Versions not in force that would change the constitution: drafts,
/// proposals, and versions approved for a later day, each with what it
/// would change.
/// A version in force or on its way that still uses terms the council has
/// retired, for the change-control log.
#[derive(Debug, Clone, Serialize)]
pub struct TermsInUse {
    pub title: String,
    pub version: String,
    pub href: String,
    pub terms: Vec<TermInUse>,
}

/// One retired term a version uses: how often, and what the council says now.
#[derive(Debug, Clone, Serialize)]
pub struct TermInUse {
    pub term: String,
    pub count: usize,
    /// The current term; `None` when the body or post was abolished.
    pub now: Option<String>,
}

/// Every version in force or on its way that uses a retired term (in its
/// section titles or its text), in the council's document order, with the
/// terms in order of first use. Versions no longer in force are records
/// and are left out.
pub fn retired_terms_in_use(council: &Council) -> Vec<TermsInUse> {
    use crate::model::{Replacement, retired_term_uses};
    if council.retired_terms.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for document in &council.documents {
        if standing(council, document) == Standing::Replaced {
            continue;
        }
        let texts = document
            .sections
            .iter()
            .map(|s| plain_text(&s.title))
            .chain(
                document
                    .paragraphs()
                    .into_iter()
                    .map(|p| plain_text(&p.content)),
            );
        let mut terms: Vec<TermInUse> = Vec::new();
        for text in texts {
            for found in retired_term_uses(&text, &council.retired_terms) {
                match terms.iter_mut().find(|t| t.term == found.retired) {
                    Some(term) => term.count += 1,
                    None => terms.push(TermInUse {
                        term: found.retired,
                        count: 1,
                        now: match found.now {
                            Replacement::Term(now) => Some(now),
                            _ => None,
                        },
                    }),
                }
            }
        }
        if !terms.is_empty() {
            found.push(TermsInUse {
                title: document.front_matter.title.clone(),
                version: document.front_matter.version.clone(),
                href: document_file(&document.id, Format::Html),
                terms,
            });
        }
    }
    found
}

impl TermsInUse {
    /// Each term described, in order: "“Executive” (3 times; now
    /// “Cabinet”); “Standards Board for England” (once; abolished)".
    pub fn described(&self) -> String {
        self.terms
            .iter()
            .map(TermInUse::describe)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl TermInUse {
    /// "“Executive” (3 times; now “Cabinet”)".
    pub fn describe(&self) -> String {
        let times = match self.count {
            1 => "once".to_string(),
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        match &self.now {
            Some(now) => format!("“{}” ({times}; now “{now}”)", self.term),
            None => format!("“{}” ({times}; abolished)", self.term),
        }
    }
}

pub fn pending(council: &Council, changes: &crate::diff::sets::ChangeSets) -> Vec<LogVersion> {
    council
        .documents
        .iter()
        .filter(|d| {
            matches!(
                standing(council, d),
                Standing::Draft | Standing::Proposed | Standing::InForceFrom(_)
            )
        })
        .map(|d| log_version(council, d, changes))
        .collect()
}

fn log_version(
    council: &Council,
    d: &Document,
    changes: &crate::diff::sets::ChangeSets,
) -> LogVersion {
    LogVersion {
        title: d.front_matter.title.clone(),
        version: d.front_matter.version.clone(),
        href: document_file(&d.id, Format::Html),
        approved_by: document_summary(council, d).approved_by,
        standing: standing_text(council, d),
        changes: superseded(council, d).map(|older| {
            let set = changes.get(&older.id, &d.id);
            let count = |substantive: bool| {
                set.map_or(0, |s| {
                    s.units
                        .iter()
                        .filter(|u| u.change != crate::diff::Change::Unchanged)
                        .filter(|u| u.is_substantive() == substantive)
                        .count()
                })
            };
            LogChanges {
                previous_version: older.front_matter.version.clone(),
                href: changes_file(&d.id, Format::Html),
                substantive: count(true),
                minor: count(false),
                substitutions: set.map_or(Vec::new(), |s| {
                    s.substitutions
                        .iter()
                        .map(|x| format!("{} → {} ({} times)", x.old, x.new, x.count))
                        .collect()
                }),
            }
        }),
    }
}

/// The editions of a council's constitution, newest first, each with what
/// came into force and the changes from the version before, from the
/// change sets `changes` holds.
pub fn editions(
    council: &Council,
    changes: &crate::diff::sets::ChangeSets,
    downloads: &crate::render::links::Downloads,
) -> Vec<EditionView> {
    crate::model::editions(council)
        .into_iter()
        .map(|edition| EditionView {
            date: edition
                .date
                .map_or("Date not recorded in the sources".to_string(), |d| {
                    d.long_form()
                }),
            href: edition
                .date
                .map(|d| crate::render::links::edition_file(&d, Format::Html)),
            pdf_href: edition
                .date
                .and_then(|d| downloads.pdf(crate::render::links::edition_file(&d, Format::Pdf))),
            versions: edition
                .versions
                .iter()
                .map(|d| log_version(council, d, changes))
                .collect(),
        })
        .collect()
}
