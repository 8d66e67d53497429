//! PDF output. Layout ([`layout`]) turns flow blocks built from the model
//! ([`flow`]) into pages of positioned boxes ([`boxes`]); the writer
//! ([`writer`]) turns those pages into bytes with printpdf. Both are pure
//! functions; options, fonts and the timestamp are inputs.

pub mod boxes;
pub mod changes;
pub mod flow;
pub mod layout;
mod report;

pub use report::report_pdf;
mod streamed;
pub mod writer;

use crate::Error;
use crate::diff::ChangeSet;
use crate::diff::sets::ChangeSets;
use crate::model::{Council, Document, current_version};
use crate::render::present::history::{History, history};
use crate::render::present::{contents, log};
use boxes::{Colour, Metadata};
use changes::changes_flow;
use flow::{FlowBuilder, document_title};
use layout::{Flow, Furniture, LayoutOptions, layout};
use writer::write_pdf;

/// Options for a PDF: the layout, and a date to record as its creation date
/// (from `SOURCE_DATE_EPOCH`); with none, a document's own adoption or
/// effective date is used, and otherwise no date at all.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub layout: LayoutOptions,
    pub date: Option<String>,
    /// A PDF of up to this many pages is written whole, its small objects
    /// packed into compressed object streams; a longer one is written as
    /// it is made, with none. One of more than a quarter of this many pages
    /// is converted by printpdf in batches of that many (`writer::write_pdf`).
    pub packed_up_to_pages: usize,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            layout: LayoutOptions::default(),
            date: None,
            packed_up_to_pages: 1_000,
        }
    }
}

/// Layout options with the council's branding colour.
pub fn options_for(council: &Council, options: &PdfOptions) -> LayoutOptions {
    let mut layout = options.layout.clone();
    if let Some(colour) = council
        .branding
        .colour
        .as_deref()
        .and_then(Colour::from_hex)
    {
        layout.brand = colour;
    }
    layout
}

/// Lays out a flow under the council's branding and writes it as PDF bytes:
/// the last two stages every PDF shares.
pub fn lay_out_and_write(
    flow: Vec<Flow>,
    furniture: &Furniture,
    metadata: Metadata,
    council: &Council,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let laid = layout(&flow, furniture, metadata, &options_for(council, options));
    // The flow is not needed once laid out: a whole constitution's is large.
    drop(flow);
    write_pdf(laid, options.packed_up_to_pages)
}

/// One document as a PDF: title block, contents, body.
pub fn document_pdf(
    council: &Council,
    document: &Document,
    history: &History,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let mut builder = FlowBuilder::new(council, &[document]);
    builder
        .histories
        .insert(document.id.clone(), history.clone());
    let anchor = format!("{}--top", document.id);
    builder.title_block(document, &anchor, Some(0), 1);
    if !document.sections.is_empty() {
        builder.contents(&[(document, anchor.clone())], false);
    }
    builder.body(document, 2, 1);
    let front = &document.front_matter;
    let date = options
        .date
        .clone()
        .or_else(|| front.adopted.or(front.effective).map(|d| d.to_string()));
    // A version not in force says so on every page and in its title.
    let mark = contents::standing_mark(council, document);
    let metadata = Metadata {
        title: match mark {
            Some(mark) => format!("{} ({})", document_title(document), mark.to_lowercase()),
            None => document_title(document),
        },
        author: council.name.clone(),
        subject: format!(
            "{}: version {} ({})",
            council.name, front.version, front.status
        ),
        lang: front.lang.clone(),
        date,
        keywords: format!("{TEXT_KEYWORD} {}", document.text_digest()),
    };
    let furniture = Furniture {
        header_left: match mark {
            Some(mark) => mark.to_string(),
            None => council.name.clone(),
        },
        header_right: document_title(document),
        footer_left: match crate::model::in_force_from(document) {
            Some(from) if mark.is_none() => format!(
                "Version {} ({}), last updated {}",
                front.version,
                front.status,
                from.long_form()
            ),
            _ => format!("Version {} ({})", front.version, front.status),
        },
    };
    lay_out_and_write(builder.flow, &furniture, metadata, council, options)
}

/// The PDF keyword before a whole constitution's edition identifier.
pub const EDITION_KEYWORD: &str = "clerk edition";
/// The PDF keyword before the identifier of the edition a report proposes.
pub const PROPOSED_KEYWORD: &str = "clerk proposed edition";
/// The PDF keyword before a version's text digest.
pub const TEXT_KEYWORD: &str = "clerk text";

/// The constitution in force as one PDF: the current version of every
/// listed document in order, with combined contents and continuous page numbers.
pub fn constitution_pdf(
    council: &Council,
    changes: &ChangeSets,
    options: &PdfOptions,
    edition: Option<crate::model::Date>,
) -> Result<Vec<u8>, Error> {
    let parts = contents::parts_in_force(council);
    let documents: Vec<&Document> = parts
        .iter()
        .flat_map(|p| p.documents.iter())
        .filter_map(|d| current_version(council, &d.id))
        .collect();
    let mut builder = FlowBuilder::new(council, &documents);
    for document in &documents {
        builder
            .histories
            .insert(document.id.clone(), history(council, document, changes));
    }
    let title = match edition {
        Some(date) => format!("{} constitution as at {}", council.name, date.long_form()),
        None => format!("{} constitution", council.name),
    };
    builder.flow.push(Flow::Heading {
        level: 1,
        spans: vec![layout::StyledText::plain(
            title.clone(),
            crate::fonts::FontStyle::Bold,
        )],
        anchor: Some("constitution".into()),
        bookmark: Some((title, 0)),
    });
    let entries: Vec<(&Document, String)> = documents
        .iter()
        .map(|d| (*d, format!("{}--top", d.id)))
        .collect();
    builder.contents(&entries, true);
    if documents.is_empty() {
        builder.flow.push(Flow::text(
            vec![layout::StyledText::plain(
                "No section of the constitution is in force yet.",
                crate::fonts::FontStyle::Bold,
            )],
            8.0,
        ));
    }
    for (index, part) in parts.iter().enumerate() {
        let title = match &part.number {
            Some(n) => format!("Part {n}: {}", part.title),
            None => part.title.clone(),
        };
        for (k, summary) in part.documents.iter().enumerate() {
            let Some(document) = council.document(&summary.id) else {
                continue;
            };
            builder.flow.push(Flow::PageBreak);
            if k == 0 {
                builder.part_heading(&title, &format!("part-{}", index + 1));
            }
            builder.title_block(document, &format!("{}--top", document.id), Some(1), 1);
            builder.body(document, 2, 2);
        }
    }
    let as_at = edition
        .map(|d| format!(" as at {}", d.long_form()))
        .unwrap_or_default();
    let identifier = crate::model::identity::current_edition(council);
    let metadata = Metadata {
        title: format!("{} constitution{as_at}", council.name),
        author: council.name.clone(),
        subject: match edition {
            Some(date) => format!(
                "The sections of the constitution in force on {}",
                date.long_form()
            ),
            None => "The sections of the constitution in force".to_string(),
        },
        lang: documents
            .first()
            .map_or("en-GB".to_string(), |d| d.front_matter.lang.clone()),
        date: options.date.clone(),
        keywords: format!("{EDITION_KEYWORD} {}", identifier.full()),
    };
    let furniture = Furniture {
        header_left: council.name.clone(),
        header_right: format!("Constitution{as_at}"),
        footer_left: format!(
            "{} constitution{as_at}, edition {identifier}",
            council.short_name
        ),
    };
    lay_out_and_write(builder.flow, &furniture, metadata, council, options)
}

/// The change-control log as a PDF: every edition, newest first, with what
/// came into force, who approved it and what it changed.
pub fn change_log_pdf(
    council: &Council,
    changes: &crate::diff::sets::ChangeSets,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    use crate::fonts::FontStyle;
    use layout::StyledText;
    let mut flow = vec![Flow::Heading {
        level: 1,
        spans: vec![StyledText::plain(
            "Changes to the constitution",
            FontStyle::Bold,
        )],
        anchor: Some("log".into()),
        bookmark: Some(("Changes to the constitution".into(), 0)),
    }];
    flow.push(Flow::text(
        vec![StyledText::plain(
            "Every edition of the constitution, newest first: what came into force, who approved it, and what it changed, in substance and in minor ways.",
            FontStyle::Regular,
        )],
        4.0,
    ));
    let pending = log::pending(council, changes);
    if !pending.is_empty() {
        flow.push(Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain("Not yet in force", FontStyle::Bold)],
            anchor: Some("pending".into()),
            bookmark: Some(("Not yet in force".into(), 1)),
        });
        for version in pending {
            log_version_flow(&mut flow, version, true);
        }
    }
    let unreported = log::unreported(council, changes);
    if !unreported.is_empty() {
        flow.push(Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain(
                "Delegated amendments to report",
                FontStyle::Bold,
            )],
            anchor: Some("unreported".into()),
            bookmark: Some(("Delegated amendments to report".into(), 1)),
        });
        for version in unreported {
            log_version_flow(&mut flow, version, false);
        }
    }
    if !council.retired_terms.is_empty() {
        flow.push(Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain(
                "Retired terms still in use",
                FontStyle::Bold,
            )],
            anchor: Some("retired-terms".into()),
            bookmark: Some(("Retired terms still in use".into(), 1)),
        });
        let in_use = log::retired_terms_in_use(council);
        if in_use.is_empty() {
            flow.push(Flow::text(
                vec![StyledText::plain(
                    "No version in force or on its way uses a term the council has retired.",
                    FontStyle::Regular,
                )],
                4.0,
            ));
        }
        for document in in_use {
            let terms = document.described();
            flow.push(Flow::text(
                vec![
                    StyledText::plain(document.title, FontStyle::Bold),
                    StyledText::plain(
                        format!(", version {}: ", document.version),
                        FontStyle::Regular,
                    ),
                    StyledText::plain(terms, FontStyle::Regular),
                ],
                4.0,
            ));
        }
    }
    let editions = log::editions(
        council,
        changes,
        &crate::render::present::links::Downloads::none(),
    );
    if editions.is_empty() {
        flow.push(Flow::text(
            vec![StyledText::plain(
                "No section of the constitution is in force yet.",
                FontStyle::Bold,
            )],
            6.0,
        ));
    }
    for (k, edition) in editions.into_iter().enumerate() {
        flow.push(Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain(edition.date.clone(), FontStyle::Bold)],
            anchor: Some(format!("edition-{}", k + 1)),
            bookmark: Some((edition.date.clone(), 1)),
        });
        if let Some(identifier) = &edition.identifier {
            flow.push(Flow::text(
                vec![StyledText::plain(
                    format!("Edition {identifier}"),
                    FontStyle::Regular,
                )],
                4.0,
            ));
        }
        for version in edition.versions {
            log_version_flow(&mut flow, version, false);
        }
    }
    let metadata = Metadata {
        title: format!("{}: changes to the constitution", council.name),
        author: council.name.clone(),
        subject: "Every edition of the constitution and what it changed".to_string(),
        lang: "en-GB".to_string(),
        date: options.date.clone(),
        keywords: String::new(),
    };
    let furniture = Furniture {
        header_left: council.name.clone(),
        header_right: "Changes to the constitution".to_string(),
        footer_left: format!("{} change-control log", council.short_name),
    };
    lay_out_and_write(flow, &furniture, metadata, council, options)
}

/// Tracked changes as a PDF: struck-through deletions, underlined
/// insertions and change bars in the margin.
pub fn changes_pdf(
    changes: &ChangeSet,
    council: Option<&Council>,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let council_name = council.map_or(String::new(), |c| c.name.clone());
    let flow = changes_flow(changes, &council_name, true, 1);
    // Changes to a version not in force say so on every page.
    let mark = council
        .and_then(|c| contents::standing_mark(c, c.document(&changes.new.id)?))
        .or(match changes.new.status.as_str() {
            "draft" => Some("DRAFT: NOT IN FORCE"),
            "proposed" => Some("PROPOSED: NOT IN FORCE"),
            _ => None,
        });
    let metadata = Metadata {
        title: format!("Tracked changes: {}", changes.new.title),
        author: council_name.clone(),
        subject: format!(
            "Changes from {} to {}",
            changes.old.version, changes.new.version
        ),
        lang: "en-GB".to_string(),
        date: options.date.clone(),
        keywords: String::new(),
    };
    let furniture = Furniture {
        header_left: match mark {
            Some(mark) => mark.to_string(),
            None => council_name,
        },
        header_right: format!("Tracked changes: {}", changes.new.title),
        footer_left: format!("{} to {}", changes.old.version, changes.new.version),
    };
    let layout_options = match council {
        Some(c) => options_for(c, options),
        None => options.layout.clone(),
    };
    let laid = layout(&flow, &furniture, metadata, &layout_options);
    write_pdf(laid, options.packed_up_to_pages)
}

/// The tables of destinations and origins as a PDF: a tagged table each,
/// its header row repeated on every page.
pub fn tables_pdf(
    changes: &ChangeSet,
    tables: &crate::diff::dispositions::Dispositions,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let flow = changes::tables_flow(changes, tables, 1);
    let title = format!("Destinations and origins: {}", changes.new.title);
    let metadata = Metadata {
        title: title.clone(),
        author: String::new(),
        subject: format!(
            "Where each unit of {} went in {}, and where each unit of {} came from",
            changes.old.version, changes.new.version, changes.new.version
        ),
        lang: "en-GB".to_string(),
        date: options.date.clone(),
        keywords: String::new(),
    };
    let furniture = Furniture {
        header_left: String::new(),
        header_right: title,
        footer_left: format!("{} to {}", changes.old.version, changes.new.version),
    };
    let laid = layout(&flow, &furniture, metadata, &options.layout);
    write_pdf(laid, options.packed_up_to_pages)
}

/// The date of a `SOURCE_DATE_EPOCH` value (seconds since 1970), as `YYYY-MM-DD`.
pub fn date_from_epoch(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// One version in the change-control log: what it is, who approved it or
/// why it is not in force, and what it changes (or, `pending`, would change).
fn log_version_flow(flow: &mut Vec<Flow>, version: log::LogVersion, pending: bool) {
    use crate::fonts::FontStyle;
    use layout::StyledText;
    let note = |flow: &mut Vec<Flow>, text: String, style: FontStyle| {
        flow.push(Flow::indented(
            vec![StyledText::plain(text, style)],
            12.0,
            1.0,
        ));
    };
    flow.push(Flow::text(
        vec![
            StyledText::plain(version.title, FontStyle::Bold),
            StyledText::plain(format!(", version {}", version.version), FontStyle::Regular),
        ],
        4.0,
    ));
    if let Some(standing) = version.standing.filter(|_| pending) {
        note(flow, standing, FontStyle::Italic);
    }
    if let Some(by) = version.approved_by {
        note(flow, format!("Approved by {by}"), FontStyle::Regular);
    }
    if let Some(authority) = version.authority {
        note(flow, format!("{authority}."), FontStyle::Regular);
    }
    match version.changes {
        Some(c) => {
            note(
                flow,
                format!(
                    "{} version {}: {} change{} of substance, {} minor.",
                    if pending { "Would replace" } else { "Replaced" },
                    c.previous_version,
                    c.substantive,
                    if c.substantive == 1 { "" } else { "s" },
                    c.minor
                ),
                FontStyle::Regular,
            );
            if !c.substitutions.is_empty() {
                note(
                    flow,
                    format!("Made throughout: {}.", c.substitutions.join("; ")),
                    FontStyle::Regular,
                );
            }
        }
        None if !pending => note(
            flow,
            "First version in the sources.".to_string(),
            FontStyle::Regular,
        ),
        None => {}
    }
    for correction in version.corrections {
        note(flow, format!("Corrected {correction}."), FontStyle::Regular);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn epoch_dates() {
        assert_eq!(super::date_from_epoch(0), "1970-01-01");
        assert_eq!(super::date_from_epoch(1_678_752_000), "2023-03-14");
    }
}
