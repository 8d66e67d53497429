//! A committee report as an HTML page.

use serde::Serialize;
use tera::Context;

use super::page_meta;
use super::view::{self, DocumentView, PageMeta};
use crate::Error;
use crate::diff::variations::Schedule;
use crate::model::raw::{RawBlock, RawItem};
use crate::model::report::{AppendixKind, Report};
use crate::model::{Council, Inline};
use crate::render::html::changes::{ChangesView, changes_view, side_html};
use crate::render::html::inline::inline_html;
use crate::render::html::templates::error_chain;
use crate::render::present::links::{Downloads, Format, Links, document_file};
use crate::render::present::report::{Numbering, Prepared, comparison_pairs, cover, take_marker};
use crate::render::present::variations as present_variations;

/// A body block as the report template renders it; `html` is escaped.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum BodyView {
    Heading {
        level: u8,
        number: String,
        id: String,
        html: String,
    },
    Paragraph {
        html: String,
    },
    List {
        ordered: bool,
        lettered: bool,
        items: Vec<ItemView>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Quote {
        blocks: Vec<BodyView>,
    },
}

#[derive(Debug, Serialize)]
struct ItemView {
    /// `(a)`, `(iv)`, `(1)` when the item starts with one.
    marker: Option<String>,
    html: String,
    blocks: Vec<BodyView>,
}

#[derive(Debug, Serialize)]
struct ComparisonRow {
    /// "1.3 → 1.2", "15.7 (new)".
    label: String,
    change: String,
    /// The current wording, the words taken out struck.
    existing: String,
    /// The proposed wording, the words put in marked.
    proposed: String,
    reason: Option<String>,
}

#[derive(Debug, Serialize)]
struct AppendixView<'a> {
    number: usize,
    id: String,
    title: String,
    kind: &'static str,
    document: Option<DocumentView>,
    changes: Option<ChangesView<'a>>,
    comparison: Vec<ComparisonRow>,
    /// The comparison has a "Reason for change" column.
    reasons: bool,
    /// The tables of destinations and origins.
    tables: Vec<crate::render::present::tables::Table>,
    /// A schedule of variations: its summary line and rows.
    variations: Option<VariationsView>,
}

/// A schedule of variations as a table.
#[derive(Debug, Serialize)]
pub(super) struct VariationsView {
    summary: String,
    rows: Vec<VariationRowView>,
}

#[derive(Debug, Serialize)]
struct VariationRowView {
    label: String,
    variation: &'static str,
    departs: bool,
    statutory: bool,
    /// The model's wording, the words the council took out struck.
    model: String,
    /// The council's wording, the words it put in marked.
    council: String,
}

/// `schedule` as the table every schedule page and appendix shows.
pub(super) fn variations_view(schedule: &Schedule) -> VariationsView {
    let rows = present_variations::rows(schedule)
        .into_iter()
        .map(|row| VariationRowView {
            label: row.label,
            variation: row.variation,
            departs: row.departs,
            statutory: row.statutory,
            model: match row.unit.old.is_empty() {
                true => "(not in the model)".to_string(),
                false => side_html(row.unit, false),
            },
            council: match row.unit.new.is_empty() {
                true => "(left out)".to_string(),
                false => side_html(row.unit, true),
            },
        })
        .collect();
    VariationsView {
        summary: present_variations::summary(schedule),
        rows,
    }
}

#[derive(Debug, Serialize)]
struct ReportPage<'a> {
    meta: PageMeta,
    title: String,
    cover: Vec<(&'static str, String)>,
    body: Vec<BodyView>,
    appendices: Vec<AppendixView<'a>>,
    pdf_href: Option<String>,
    /// The report as a Word file, when published.
    word_href: Option<String>,
}

/// The report as an HTML page in its council's site (`<council>/<report>.html`),
/// or standing alone with its stylesheet inside it; `downloads` says
/// whether its PDF is published beside it.
pub fn report_html(
    report: &Report,
    prepared: &[Prepared<'_>],
    council: &Council,
    tera: &tera::Tera,
    downloads: &Downloads,
    standalone: bool,
) -> Result<String, Error> {
    let links = Links::new(council, &[], false);
    let mut numbers = Numbering::default();
    let body = report
        .body
        .iter()
        .map(|b| body_view(b, &links, &mut numbers))
        .collect();
    let appendices = prepared
        .iter()
        .map(|p| AppendixView {
            number: p.number,
            id: format!("appendix-{}", p.number),
            title: p.title.clone(),
            kind: match p.kind {
                AppendixKind::Document => "document",
                AppendixKind::TrackedChanges => "tracked_changes",
                AppendixKind::Comparison => "comparison",
                AppendixKind::Tables => "tables",
                AppendixKind::Variations => "variations",
            },
            document: (p.kind == AppendixKind::Document).then(|| {
                let doc = p.documents[0];
                let page_links = Links::new(council, &[doc], true);
                view::document(council, doc, &page_links, true, 3)
            }),
            changes: match (p.kind, p.changes) {
                (AppendixKind::TrackedChanges, Some(c)) => {
                    Some(changes_view(c, &format!("a{}-", p.number)))
                }
                _ => None,
            },
            comparison: match p.kind {
                AppendixKind::Comparison => comparison_rows(p),
                _ => Vec::new(),
            },
            tables: match (p.kind, p.changes) {
                (AppendixKind::Tables, Some(c)) => {
                    crate::render::present::tables::tables(&c.dispositions()).into()
                }
                _ => Vec::new(),
            },
            variations: p.schedule.as_ref().map(variations_view),
            reasons: p.reasons,
        })
        .collect();
    let mut meta = page_meta(
        &report.front_matter.title,
        &report.front_matter.lang,
        "../",
        Some(council),
    );
    if standalone {
        meta = meta.standalone();
    }
    let page = ReportPage {
        meta,
        title: report.front_matter.title.clone(),
        cover: cover(report, council),
        body,
        appendices,
        pdf_href: downloads.pdf(document_file(&report.id, Format::Pdf)),
        word_href: downloads.word(document_file(&report.id, Format::Docx)),
    };
    let context = Context::from_serialize(&page).map_err(|e| Error::new(error_chain(&e)))?;
    let html = tera.render("report.html", &context).map_err(|e| {
        Error::new(format!(
            "cannot render report {}: {}",
            report.id,
            error_chain(&e)
        ))
    })?;
    Ok(crate::render::html::tidy(&html))
}

/// Numbers for headings: "1", "2", "2.1" by heading level.
fn body_view(block: &RawBlock, links: &Links<'_>, numbers: &mut Numbering) -> BodyView {
    let html = |inlines: &[Inline]| inline_html(inlines, "", links);
    match block {
        RawBlock::Heading { level, content, .. } => {
            let number = numbers.next(*level);
            BodyView::Heading {
                level: (*level + 1).min(6),
                id: format!("section-{}", number.replace('.', "-")),
                number,
                html: html(content),
            }
        }
        RawBlock::Paragraph { content, .. } => BodyView::Paragraph {
            html: html(content),
        },
        RawBlock::List { items, start, .. } => {
            let items: Vec<ItemView> = items.iter().map(|i| item_view(i, links, numbers)).collect();
            BodyView::List {
                ordered: start.is_some(),
                lettered: items.iter().any(|i| i.marker.is_some()),
                items,
            }
        }
        RawBlock::Table { header, rows, .. } => BodyView::Table {
            header: header.iter().map(|c| html(c)).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| html(c)).collect())
                .collect(),
        },
        RawBlock::Quote { blocks, .. } => BodyView::Quote {
            blocks: blocks
                .iter()
                .map(|b| body_view(b, links, numbers))
                .collect(),
        },
        RawBlock::Unsupported { text, .. } => BodyView::Paragraph { html: escape(text) },
    }
}

fn item_view(item: &RawItem, links: &Links<'_>, numbers: &mut Numbering) -> ItemView {
    let mut blocks = item.blocks.iter();
    let (marker, html) = match item.blocks.first() {
        Some(RawBlock::Paragraph { content, .. }) => {
            blocks.next();
            let (marker, content) = take_marker(content);
            (marker, inline_html(&content, "", links))
        }
        _ => (None, String::new()),
    };
    ItemView {
        marker,
        html,
        blocks: blocks.map(|b| body_view(b, links, numbers)).collect(),
    }
}

/// An item marker such as `(a)` taken off the front of inline content.
fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Changed units only: current wording beside proposed wording.
fn comparison_rows(prepared: &Prepared<'_>) -> Vec<ComparisonRow> {
    comparison_pairs(prepared)
        .into_iter()
        .map(|pair| ComparisonRow {
            label: pair.label,
            change: pair.change.to_string(),
            existing: if pair.unit.old.is_empty() {
                "(new)".to_string()
            } else {
                side_html(pair.unit, false)
            },
            proposed: if pair.unit.new.is_empty() {
                "(deleted)".to_string()
            } else {
                side_html(pair.unit, true)
            },
            reason: pair.reason.clone(),
        })
        .collect()
}
