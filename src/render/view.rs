//! View structs: what templates see. Built from the model for one page, so
//! the model can change without breaking a council's templates.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Block, Council, Document, LinkTarget, current_version, lineage, plain_text};
use crate::render::inline::inline_html;

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
    pub generator: String,
}

/// One council on the top-level index.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilLink {
    pub name: String,
    pub href: String,
    pub documents: usize,
}

/// A document in a contents list.
#[derive(Debug, Clone, Serialize)]
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
}

/// A Part of the constitution and its current documents.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub number: Option<String>,
    pub title: String,
    pub documents: Vec<DocumentSummary>,
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
    /// This document as PDF.
    pub pdf_href: String,
}

/// The anchor of every clause and numbered section of a council, built once.
pub struct Anchors<'a> {
    /// Anchor ids by (document id, label number); the first occurrence wins.
    map: HashMap<(&'a str, &'a str), &'a str>,
}

impl<'a> Anchors<'a> {
    /// Indexes every clause and numbered section of `council`.
    pub fn new(council: &'a Council) -> Self {
        let mut map = HashMap::new();
        for document in &council.documents {
            for clause in document.clauses() {
                map.entry((document.id.as_str(), clause.label.number()))
                    .or_insert(clause.id.as_str());
            }
            for section in &document.sections {
                if let Some(label) = &section.label {
                    map.entry((document.id.as_str(), label.number()))
                        .or_insert(section.id.as_str());
                }
            }
        }
        Anchors { map }
    }
}

/// Where cross-references point from the page being built.
pub struct Links<'a> {
    council: &'a Council,
    anchors: std::borrow::Cow<'a, Anchors<'a>>,
    /// Documents shown on this page, and the prefix of their anchor ids.
    on_page: HashMap<&'a str, String>,
}

impl Clone for Anchors<'_> {
    fn clone(&self) -> Self {
        Anchors {
            map: self.map.clone(),
        }
    }
}

impl<'a> Links<'a> {
    /// Links for a page that shows `documents`, with anchor ids prefixed as
    /// [`anchor_prefix`] says. Indexes the council's anchors; when building
    /// many pages, index them once and use [`Links::with_anchors`].
    pub fn new(council: &'a Council, documents: &[&'a Document], consolidated: bool) -> Self {
        Self::build(
            council,
            std::borrow::Cow::Owned(Anchors::new(council)),
            documents,
            consolidated,
        )
    }

    /// Links for a page, using anchors already indexed.
    pub fn with_anchors(
        council: &'a Council,
        anchors: &'a Anchors<'a>,
        documents: &[&'a Document],
        consolidated: bool,
    ) -> Self {
        Self::build(
            council,
            std::borrow::Cow::Borrowed(anchors),
            documents,
            consolidated,
        )
    }

    fn build(
        council: &'a Council,
        anchors: std::borrow::Cow<'a, Anchors<'a>>,
        documents: &[&'a Document],
        consolidated: bool,
    ) -> Self {
        let on_page = documents
            .iter()
            .map(|d| (d.id.as_str(), anchor_prefix(&d.id, consolidated)))
            .collect();
        Links {
            council,
            anchors,
            on_page,
        }
    }

    /// The href of a cross-reference made from `from`, or `None` when it
    /// does not resolve (the checker has reported it).
    pub fn href(&self, from: &str, document: Option<&str>, clause: Option<&str>) -> Option<String> {
        let target = document.unwrap_or(from);
        self.council.document(target)?;
        let anchor = match clause.filter(|c| !c.is_empty()) {
            Some(label) => Some(
                *self
                    .anchors
                    .map
                    .get(&(target, label.trim_end_matches('.')))?,
            ),
            None => None,
        };
        Some(match (self.on_page.get(target), anchor) {
            (Some(prefix), Some(anchor)) => format!("#{prefix}{anchor}"),
            (Some(prefix), None) if !prefix.is_empty() => {
                format!("#{}", prefix.trim_end_matches('-'))
            }
            (_, Some(anchor)) => format!("{target}.html#{anchor}"),
            (_, None) => format!("{target}.html"),
        })
    }
}

/// Anchor ids are prefixed with the document id on the consolidated page,
/// where several documents share one page.
pub fn anchor_prefix(document: &str, consolidated: bool) -> String {
    if consolidated {
        format!("{document}--")
    } else {
        String::new()
    }
}

/// The summary of a document for contents lists.
pub fn summary(council: &Council, document: &Document) -> DocumentSummary {
    let front = &document.front_matter;
    let current = current_version(council, &document.id).is_some_and(|c| c.id == document.id);
    DocumentSummary {
        id: document.id.clone(),
        href: format!("{}.html", document.id),
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
    }
}

/// The Parts of a council with the current version of each listed document.
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
                .map(|d| summary(council, d))
                .collect(),
        })
        .collect();
    // Current documents no Part lists still belong in the contents.
    let listed: Vec<String> = parts
        .iter()
        .flat_map(|p| p.documents.iter().map(|d| d.id.clone()))
        .collect();
    let mut others = Vec::new();
    for document in &council.documents {
        let current = current_version(council, &document.id);
        let is_current = current.is_some_and(|c| c.id == document.id);
        let listed_lineage = lineage(council, &document.id)
            .iter()
            .any(|id| listed.contains(id));
        if is_current && !listed_lineage {
            others.push(summary(council, document));
        }
    }
    if !others.is_empty() {
        parts.push(PartView {
            number: None,
            title: "Other documents".to_string(),
            documents: others,
        });
    }
    parts
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
        summary: summary(council, document),
        id: document.id.clone(),
        heading_level: base_level,
        toc,
        preamble: convert(&document.preamble),
        sections,
        versions: versions(council, document),
        changes_href: superseded(council, document).map(|_| changes_file(&document.id)),
        pdf_href: format!("{}.pdf", document.id),
    }
}

/// The document this one supersedes, when it exists.
pub fn superseded<'a>(council: &'a Council, document: &Document) -> Option<&'a Document> {
    council.document(document.front_matter.supersedes.as_ref()?.get_ref())
}

/// The file name of a document's tracked-changes page.
pub fn changes_file(document: &str) -> String {
    format!("{document}-changes.html")
}

fn versions(council: &Council, document: &Document) -> Vec<VersionLink> {
    let current = current_version(council, &document.id).map(|d| d.id.clone());
    lineage(council, &document.id)
        .iter()
        .filter_map(|id| council.document(id))
        .map(|d| VersionLink {
            href: format!("{}.html", d.id),
            version: d.front_matter.version.clone(),
            status: d.front_matter.status.to_string(),
            adopted: d.front_matter.adopted.map(|a| a.long_form()),
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

/// Whether a link target would resolve: used by the inline renderer.
pub fn cross_ref_href(links: &Links<'_>, from: &str, target: &LinkTarget) -> Option<String> {
    match target {
        LinkTarget::External { url } => Some(url.clone()),
        LinkTarget::CrossRef { document, clause } => {
            links.href(from, document.as_deref(), clause.as_deref())
        }
    }
}
