//! A committee report as HTML and PDF: the cover table, the numbered body,
//! then the appendices generated from the protocol versions.

use serde::Serialize;
use tera::Context;

use crate::Error;
use crate::diff::sets::ChangeSets;
use crate::diff::{Change, ChangeSet};
use crate::model::raw::{RawBlock, RawItem};
use crate::model::report::{AppendixKind, Report};
use crate::model::{Council, Document, Inline};
use crate::render::changes::{ChangesView, changes_view};
use crate::render::html::page_meta;
use crate::render::inline::inline_html;
use crate::render::links::{Format, Links, document_file};
use crate::render::pdf::boxes::Metadata;
use crate::render::pdf::flow::{FlowBuilder, changes_flow};
use crate::render::pdf::fonts::FontStyle;
use crate::render::pdf::layout::{Flow, Furniture, Span};
use crate::render::pdf::{PdfOptions, lay_out_and_write};
use crate::render::templates::error_chain;
use crate::render::view::{self, DocumentView, PageMeta};

/// The cover sheet rows, in the order a UK committee report prints them.
pub fn cover(report: &Report) -> Vec<(&'static str, String)> {
    let f = &report.front_matter;
    vec![
        ("Classification", f.classification.clone()),
        ("Item No.", f.item_number.clone().unwrap_or_default()),
        ("Meeting", f.meeting.clone()),
        ("Meeting date", f.meeting_date.long_form()),
        ("Title of report", f.title.clone()),
        ("Report by", f.report_by.clone()),
        ("Decision type", f.decision_type.clone()),
        ("Ward(s) to which report relates", f.wards.clone()),
        (
            "Report author and contact details",
            match &f.contact {
                Some(contact) => format!("{}, {contact}", f.author),
                None => f.author.clone(),
            },
        ),
    ]
}

/// An appendix with everything it shows, computed once for both outputs.
pub struct Prepared<'a> {
    pub number: usize,
    pub title: String,
    pub kind: AppendixKind,
    pub documents: Vec<&'a Document>,
    pub changes: Option<&'a ChangeSet>,
}

/// The pairs of documents a report's appendices compare, for computing
/// their change sets once ([`ChangeSets::compute`]) before [`prepare`].
pub fn compared<'a>(report: &Report, council: &'a Council) -> Vec<(&'a Document, &'a Document)> {
    report
        .compared_versions()
        .into_iter()
        .filter_map(|(old, new)| Some((council.document(old)?, council.document(new)?)))
        .collect()
}

/// Resolves each appendix's documents and finds its change set in `changes`.
/// `check_report` has reported any name that does not resolve.
pub fn prepare<'a>(
    report: &Report,
    council: &'a Council,
    changes: &'a ChangeSets,
) -> Result<Vec<Prepared<'a>>, Error> {
    let mut out = Vec::new();
    for (i, appendix) in report.front_matter.appendices.iter().enumerate() {
        let find = |field: &Option<toml::Spanned<String>>| -> Result<&'a Document, Error> {
            let id = field.as_ref().map(|s| s.get_ref().as_str()).unwrap_or("");
            council.document(id).ok_or_else(|| {
                Error::new(format!(
                    "appendix {} (\"{}\") names no document `{id}`: run `clerk check`",
                    i + 1,
                    appendix.title
                ))
            })
        };
        let (documents, changes) = match appendix.kind {
            AppendixKind::Document => (vec![find(&appendix.document)?], None),
            AppendixKind::TrackedChanges | AppendixKind::Comparison => {
                let (old, new) = (find(&appendix.existing)?, find(&appendix.revised)?);
                let compared = changes.get(&old.id, &new.id).ok_or_else(|| {
                    Error::new(format!(
                        "appendix {} (\"{}\"): the changes from `{}` to `{}` were not computed",
                        i + 1,
                        appendix.title,
                        old.id,
                        new.id
                    ))
                })?;
                (vec![old, new], Some(compared))
            }
        };
        out.push(Prepared {
            number: i + 1,
            title: appendix.title.clone(),
            kind: appendix.kind,
            documents,
            changes,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- HTML

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
    existing_label: String,
    revised_label: String,
    change: String,
    existing: String,
    proposed: String,
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
}

#[derive(Debug, Serialize)]
struct ReportPage<'a> {
    meta: PageMeta,
    title: String,
    cover: Vec<(&'static str, String)>,
    body: Vec<BodyView>,
    appendices: Vec<AppendixView<'a>>,
    pdf_href: String,
}

/// The report as an HTML page in its council's site (`<council>/<report>.html`),
/// or standing alone with its stylesheet inside it.
pub fn report_html(
    report: &Report,
    prepared: &[Prepared<'_>],
    council: &Council,
    tera: &tera::Tera,
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
            comparison: match (p.kind, p.changes) {
                (AppendixKind::Comparison, Some(c)) => comparison_rows(c),
                _ => Vec::new(),
            },
        })
        .collect();
    let mut meta = page_meta(
        &report.front_matter.title,
        &report.front_matter.lang,
        "../",
        Some(council),
    );
    if standalone {
        meta.inline_css = Some(crate::render::templates::STYLESHEET.to_string());
    }
    let page = ReportPage {
        meta,
        title: report.front_matter.title.clone(),
        cover: cover(report),
        body,
        appendices,
        pdf_href: document_file(&report.id, Format::Pdf),
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
#[derive(Default)]
struct Numbering {
    counters: Vec<usize>,
}

impl Numbering {
    fn next(&mut self, level: u8) -> String {
        let depth = usize::from(level.max(1));
        self.counters.resize(depth, 0);
        self.counters[depth - 1] += 1;
        self.counters
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(".")
    }
}

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
fn take_marker(content: &[Inline]) -> (Option<String>, Vec<Inline>) {
    let mut content = content.to_vec();
    if let Some(Inline::Text { text }) = content.first_mut()
        && let Some((len, marker)) = crate::source::label::leading_marker(text.trim_start())
    {
        let rest = text.trim_start()[len..].trim_start().to_string();
        *text = rest;
        return (Some(marker.written), content);
    }
    (None, content)
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Changed units only: current wording beside proposed wording.
fn comparison_rows(changes: &ChangeSet) -> Vec<ComparisonRow> {
    changes
        .units
        .iter()
        .filter(|u| u.is_substantive() && u.change != Change::Unchanged)
        .map(|u| {
            let label = |sides: &[crate::diff::UnitSide]| match sides.first() {
                Some(s) => s.label.as_deref().map_or("unnumbered".to_string(), |l| {
                    l.trim_end_matches('.').to_string()
                }),
                None => "—".to_string(),
            };
            let text = |sides: &[crate::diff::UnitSide]| {
                sides
                    .iter()
                    .map(|s| escape(&s.text).replace('\n', "<br>"))
                    .collect::<Vec<_>>()
                    .join("<br><br>")
            };
            ComparisonRow {
                existing_label: label(&u.old),
                revised_label: label(&u.new),
                change: u.change.name().to_string(),
                existing: if u.old.is_empty() {
                    "(new)".to_string()
                } else {
                    text(&u.old)
                },
                proposed: if u.new.is_empty() {
                    "(deleted)".to_string()
                } else {
                    text(&u.new)
                },
            }
        })
        .collect()
}

// ---------------------------------------------------------------- PDF

/// The report as PDF: cover table, numbered body, then each appendix on a
/// new page with its own heading; the report title runs in the header.
pub fn report_pdf(
    report: &Report,
    prepared: &[Prepared<'_>],
    council: &Council,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let documents: Vec<&Document> = prepared
        .iter()
        .filter(|p| p.kind == AppendixKind::Document)
        .map(|p| p.documents[0])
        .collect();
    let mut builder = FlowBuilder::new(council, &documents);
    builder.flow.push(Flow::Anchor {
        name: "report".into(),
        bookmark: Some((report.front_matter.title.clone(), 0)),
    });
    builder.flow.push(Flow::Paragraph {
        spans: vec![Span::plain(&council.name, FontStyle::Bold)],
        size: Some(12.0),
        indent: 0.0,
        hang: 0.0,
        label: None,
        anchor: None,
        space_before: 0.0,
        change_bar: false,
    });
    for (label, value) in cover(report) {
        builder.flow.push(Flow::labelled(
            vec![Span::plain(value, FontStyle::Regular)],
            label,
            FontStyle::Bold,
            0.0,
            195.0,
            3.0,
        ));
    }
    builder.flow.push(Flow::Rule { space: 6.0 });
    let mut numbers = Numbering::default();
    for block in &report.body {
        body_flow(block, &mut builder, &mut numbers, 0.0);
    }
    for appendix in prepared {
        builder.flow.push(Flow::PageBreak);
        let heading = format!("Appendix {}: {}", appendix.number, appendix.title);
        builder.flow.push(Flow::Heading {
            level: 1,
            spans: vec![Span::plain(heading.clone(), FontStyle::Bold)],
            anchor: Some(format!("appendix-{}", appendix.number)),
            bookmark: Some((heading, 0)),
        });
        match (appendix.kind, appendix.changes) {
            (AppendixKind::Document, _) => {
                let document = appendix.documents[0];
                builder.title_block(document, &format!("{}--top", document.id), None);
                builder.body(document, 2, 1);
            }
            (AppendixKind::TrackedChanges, Some(changes)) => {
                builder.flow.extend(changes_flow(changes, "", false));
            }
            (AppendixKind::Comparison, Some(changes)) => {
                comparison_flow(changes, &mut builder.flow)
            }
            _ => {}
        }
    }
    let f = &report.front_matter;
    let metadata = Metadata {
        title: f.title.clone(),
        author: council.name.clone(),
        subject: format!("{}, {}", f.meeting, f.meeting_date.long_form()),
        lang: f.lang.clone(),
        date: options
            .date
            .clone()
            .or_else(|| Some(f.meeting_date.to_string())),
    };
    let furniture = Furniture {
        header_left: council.name.clone(),
        header_right: f.title.clone(),
        footer_left: format!("{}, {}", f.meeting, f.meeting_date.long_form()),
    };
    lay_out_and_write(&builder.flow, &furniture, metadata, council, options)
}

fn body_flow(
    block: &RawBlock,
    builder: &mut FlowBuilder<'_>,
    numbers: &mut Numbering,
    indent: f32,
) {
    match block {
        RawBlock::Heading { level, content, .. } => {
            let number = numbers.next(*level);
            let mut spans = vec![Span::plain(format!("{number}. "), FontStyle::Bold)];
            spans.extend(builder.inline_spans(content, "", FontStyle::Bold));
            let title = spans.iter().map(|s| s.text.as_str()).collect::<String>();
            builder.flow.push(Flow::Heading {
                level: (*level + 1).min(4),
                spans,
                anchor: Some(format!("section-{}", number.replace('.', "-"))),
                bookmark: Some((title, *level)),
            });
        }
        RawBlock::Paragraph { content, .. } => {
            let spans = builder.inline_spans(content, "", FontStyle::Regular);
            builder.flow.push(Flow::indented(spans, indent, 5.0));
        }
        RawBlock::List { items, start, .. } => {
            for (k, item) in items.iter().enumerate() {
                let mut marker = match start {
                    Some(n) => format!("{}.", *n as usize + k),
                    None => "•".to_string(),
                };
                let mut rest = item.blocks.iter();
                let spans = match item.blocks.first() {
                    Some(RawBlock::Paragraph { content, .. }) => {
                        rest.next();
                        let (found, content) = take_marker(content);
                        if let Some(found) = found {
                            marker = found;
                        }
                        builder.inline_spans(&content, "", FontStyle::Regular)
                    }
                    _ => Vec::new(),
                };
                builder.flow.push(Flow::labelled(
                    spans,
                    &marker,
                    FontStyle::Regular,
                    indent,
                    indent + 20.0,
                    5.0,
                ));
                for inner in rest {
                    body_flow(inner, builder, numbers, indent + 20.0);
                }
            }
        }
        RawBlock::Table { header, rows, .. } => {
            let columns = header.len().max(rows.first().map_or(1, Vec::len)).max(1);
            let width = 453.5 / columns as f32;
            let cells = |row: &[Vec<Inline>]| -> Vec<(f32, Span)> {
                row.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        (
                            i as f32 * width,
                            Span::plain(crate::model::plain_text(c), FontStyle::Regular),
                        )
                    })
                    .collect()
            };
            if !header.is_empty() {
                builder.flow.push(Flow::TableRow {
                    cells: cells(header),
                    header: true,
                });
            }
            for row in rows {
                // Long cells wrap as paragraphs under a short label column.
                let texts: Vec<String> = row.iter().map(|c| crate::model::plain_text(c)).collect();
                if texts.iter().map(String::len).sum::<usize>() > 60 {
                    let first = texts.first().cloned().unwrap_or_default();
                    let rest = texts[1..].join(" — ");
                    let spans = vec![Span::plain(rest, FontStyle::Regular)];
                    builder.flow.push(Flow::labelled(
                        spans,
                        &first,
                        FontStyle::Bold,
                        indent,
                        indent + 150.0,
                        5.0,
                    ));
                } else {
                    builder.flow.push(Flow::TableRow {
                        cells: cells(row),
                        header: false,
                    });
                }
            }
        }
        RawBlock::Quote { blocks, .. } => {
            for inner in blocks {
                body_flow(inner, builder, numbers, indent + 18.0);
            }
        }
        RawBlock::Unsupported { text, .. } => builder.flow.push(Flow::indented(
            vec![Span::plain(text, FontStyle::Regular)],
            indent,
            5.0,
        )),
    }
}

/// "Current" and "Proposed" wording of each substantively changed clause.
fn comparison_flow(changes: &ChangeSet, flow: &mut Vec<Flow>) {
    let block = |label: &str, text: String| {
        Flow::labelled(
            vec![Span::plain(text, FontStyle::Regular)],
            label,
            FontStyle::Bold,
            0.0,
            62.0,
            3.0,
        )
    };
    for unit in changes
        .units
        .iter()
        .filter(|u| u.is_substantive() && u.change != Change::Unchanged)
    {
        let name = unit.label().map_or("Unnumbered".to_string(), |l| {
            l.trim_end_matches('.').to_string()
        });
        flow.push(Flow::Heading {
            level: 3,
            spans: vec![Span::plain(
                format!("{name} ({})", unit.change.name()),
                FontStyle::Bold,
            )],
            anchor: None,
            bookmark: None,
        });
        let text = |sides: &[crate::diff::UnitSide]| {
            sides
                .iter()
                .map(|s| s.text.replace('\n', " "))
                .collect::<Vec<_>>()
                .join(" ")
        };
        flow.push(block(
            "Current",
            if unit.old.is_empty() {
                "(new)".into()
            } else {
                text(&unit.old)
            },
        ));
        flow.push(block(
            "Proposed",
            if unit.new.is_empty() {
                "(deleted)".into()
            } else {
                text(&unit.new)
            },
        ));
    }
}
