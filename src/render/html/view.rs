//! View structs: what templates see. Built from the model for one page, so
//! the model can change without breaking a council's templates.

use serde::Serialize;

use crate::model::{Block, Council, Document, current_version, lineage, plain_text, superseded};
use crate::render::html::inline::inline_html;
use crate::render::present::contents::{DocumentSummary, document_summary};
use crate::render::present::history::{ClauseNote, History};
use crate::render::present::links::{Format, Links, anchor_prefix, changes_file, document_file};

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
    /// The council's search page, relative to this page, for the search
    /// form in the header.
    pub search_href: Option<String>,
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
            inline_css: Some(crate::render::html::templates::STYLESHEET.to_string()),
            standalone: true,
            council_href: None,
            constitution_href: None,
            search_href: None,
            ..self
        }
    }
}

/// One council on the top-level index.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilLink {
    pub id: String,
    pub name: String,
    pub href: String,
    /// The council's search page, from the site's front page.
    pub search_href: String,
    pub documents: usize,
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
        /// What each edition did to the clause, newest first.
        notes: Vec<ClauseNote>,
        /// Its addresses in earlier versions, where it kept its number.
        aliases: Vec<String>,
    },
    Paragraph {
        html: String,
        /// A note ("Note: ..."), set apart from the provisions.
        note: bool,
    },
    List {
        lettered: bool,
        items: Vec<ItemView>,
    },
    Quote {
        blocks: Vec<BlockView>,
    },
    /// Each cell's HTML; `label` names the table for a screen reader.
    Table {
        caption_html: Option<String>,
        label: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
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
    /// Addresses clauses had in earlier versions, each answered with
    /// where the clause is now or when it was deleted.
    pub former: Vec<FormerView>,
}

/// An earlier address of a clause, answered on this page.
#[derive(Debug, Clone, Serialize)]
pub struct FormerView {
    pub id: String,
    pub notice: String,
    /// Where the clause is now, on this page.
    pub href: Option<String>,
}

/// Puts `history` on a document's view: each clause's notes, and the
/// earlier addresses of its clauses. On a document's own page an earlier
/// address this version also has is its own clause's; on the whole
/// constitution every address carries its version's id, so every earlier
/// one is answered.
pub fn annotate(view: &mut DocumentView, history: &History, document: &str, consolidated: bool) {
    let prefix = anchor_prefix(document, consolidated);
    // On the whole constitution, an earlier version's address of a clause
    // that kept its number is an anchor at the clause itself: following
    // it lands on the clause, with no notice needed.
    let mut aliases: std::collections::HashMap<&str, Vec<String>> = Default::default();
    let mut seen = std::collections::HashSet::new();
    // Newest version's word first, each address once.
    for former in history.former.iter().rev() {
        let id = match consolidated {
            true => format!("{}--{}", former.version_id, former.anchor),
            false => former.anchor.clone(),
        };
        let kept_here = !consolidated && has_anchor(view, &former.anchor);
        if kept_here || !seen.insert(id.clone()) {
            continue;
        }
        if consolidated
            && former.now.as_deref() == Some(former.anchor.as_str())
            && former.anchor.starts_with("c-")
        {
            aliases.entry(former.anchor.as_str()).or_default().push(id);
            continue;
        }
        view.former.push(FormerView {
            id,
            notice: former.notice.clone(),
            href: former.now.as_ref().map(|now| format!("#{prefix}{now}")),
        });
    }
    view.former.sort_by(|a, b| a.id.cmp(&b.id));
    let marks = Marks {
        history,
        aliases: &aliases,
        prefix: &prefix,
    };
    marks.walk(&mut view.preamble);
    for section in &mut view.sections {
        marks.walk(&mut section.blocks);
    }
}

/// What [`annotate`] puts on the clauses: their notes and earlier addresses.
struct Marks<'a> {
    history: &'a History,
    aliases: &'a std::collections::HashMap<&'a str, Vec<String>>,
    prefix: &'a str,
}

impl Marks<'_> {
    fn walk(&self, blocks: &mut [BlockView]) {
        for block in blocks {
            match block {
                BlockView::Clause {
                    id,
                    notes,
                    aliases,
                    blocks,
                    ..
                } => {
                    let anchor = id.strip_prefix(self.prefix).unwrap_or(id);
                    if let Some(found) = self.history.notes.get(anchor) {
                        notes.clone_from(found);
                    }
                    if let Some(found) = self.aliases.get(anchor) {
                        aliases.clone_from(found);
                    }
                    self.walk(blocks);
                }
                BlockView::List { items, .. } => {
                    for item in items {
                        self.walk(&mut item.blocks);
                    }
                }
                BlockView::Quote { blocks } => self.walk(blocks),
                BlockView::Paragraph { .. } | BlockView::Table { .. } => {}
            }
        }
    }
}

/// Whether the page already has an element with `anchor` as its id.
fn has_anchor(view: &DocumentView, anchor: &str) -> bool {
    fn walk(blocks: &[BlockView], anchor: &str) -> bool {
        blocks.iter().any(|block| match block {
            BlockView::Clause { id, blocks, .. } => id == anchor || walk(blocks, anchor),
            BlockView::List { items, .. } => items.iter().any(|i| walk(&i.blocks, anchor)),
            BlockView::Quote { blocks } => walk(blocks, anchor),
            BlockView::Paragraph { .. } | BlockView::Table { .. } => false,
        })
    }
    walk(&view.preamble, anchor)
        || view
            .sections
            .iter()
            .any(|s| s.id == anchor || walk(&s.blocks, anchor))
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
        former: Vec::new(),
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
                notes: Vec::new(),
                aliases: Vec::new(),
            }
        }
        Block::Paragraph(p) => BlockView::Paragraph {
            html: with_definition(inline_html(&p.content, document, links), &p.content, prefix),
            note: crate::model::is_note(&p.content),
        },
        Block::List(list) => BlockView::List {
            lettered: list.items.iter().any(|i| i.marker.is_some()),
            items: list
                .items
                .iter()
                .map(|item| {
                    let (text_html, rest) = split_opening(&item.body, document, links);
                    let text_html = match item.body.first() {
                        Some(Block::Paragraph(p)) => with_definition(text_html, &p.content, prefix),
                        _ => text_html,
                    };
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
        Block::Table(t) => {
            let cells = |row: &[crate::model::Paragraph]| -> Vec<String> {
                row.iter()
                    .map(|c| inline_html(&c.content, document, links))
                    .collect()
            };
            BlockView::Table {
                caption_html: t
                    .caption
                    .as_ref()
                    .map(|c| inline_html(&c.content, document, links)),
                label: t
                    .caption
                    .as_ref()
                    .map_or("Table".to_string(), |c| plain_text(&c.content)),
                header: cells(&t.header),
                rows: t.rows.iter().map(|row| cells(row)).collect(),
            }
        }
    }
}

/// A paragraph's HTML with the term it defines, if it defines one, marked
/// as the defining instance (`<dfn>`) and given its definition's anchor,
/// which links to the term (`#d-chief-officer`) lead to.
fn with_definition(html: String, content: &[crate::model::Inline], prefix: &str) -> String {
    let text = plain_text(content);
    let Some(term) = crate::model::defined_term(&text) else {
        return html;
    };
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, term);
    match html.find(&escaped) {
        Some(at) => format!(
            "{}<dfn id=\"{prefix}{}\">{escaped}</dfn>{}",
            &html[..at],
            crate::model::definition_anchor(term),
            &html[at + escaped.len()..]
        ),
        None => html,
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
